//! Organizations the gazetteer does not hold that jieba's dictionary names as such (tag `nt`):
//! 联合国安理会, 中国共产党, 新华社, 全国人大常委会.

use super::Ctx;
use super::boundary::is_han;
use super::gazetteer::GazetteerMatch;
use super::names::Candidate;
use crate::model::EntityType;

/// Words jieba tags as organization names, two characters or more, where no known name stands.
pub(super) fn tagged_organizations(ctx: &Ctx<'_>, gaz: &[GazetteerMatch]) -> Vec<Candidate> {
    ctx.tokens
        .iter()
        .filter(|t| t.tag == "nt")
        .filter(|t| {
            let word = &ctx.text[t.start..t.end];
            word.chars().count() >= 3
                && word.chars().all(is_han)
                && !ctx.ex.compiled.stop_words.contains(word)
                && !gaz.iter().any(|m| m.start < t.end && t.start < m.end)
                && names_a_body(ctx, t.start, t.end, gaz)
        })
        .map(|t| Candidate {
            start: t.start,
            end: t.end,
            kind: EntityType::Organization,
            rule: "tagged-organization",
            entity: None,
        })
        .collect()
}

/// Whether `start..end` ends in a word that names a body (an organization suffix of the rules,
/// or one of `org_endings`: 党, 社, 院 …) after words that are not that ending alone; a generic
/// ending needs a proper name before it (航天中心, 对外部 name nothing).
fn names_a_body(ctx: &Ctx<'_>, start: usize, end: usize, gaz: &[GazetteerMatch]) -> bool {
    let word = &ctx.text[start..end];
    let c = &ctx.ex.compiled;
    let lex = &ctx.ex.lexicon;
    let suffixes = c
        .suffix_words
        .iter()
        .zip(&c.suffix_types)
        .filter(|(_, t)| **t == EntityType::Organization)
        .map(|(w, _)| w.as_str())
        .chain(lex.suffix_rules.org_endings.iter().map(String::as_str));
    let mut ending = None;
    for s in suffixes {
        if word.ends_with(s)
            && word.len() > s.len()
            && ending.is_none_or(|e: &str| s.len() > e.len())
        {
            ending = Some(s);
        }
    }
    let Some(ending) = ending else {
        return false;
    };
    if c.suffix_words.iter().any(|w| w == word) {
        return false;
    }
    if !c.needs_proper.contains(ending) {
        return true;
    }
    // The words before the ending, read on their own, must hold a name.
    let prefix = &word[..word.len() - ending.len()];
    gaz.iter()
        .any(|m| m.start >= start && m.end <= end - ending.len())
        || super::jieba().tag(prefix, true).iter().any(|t| {
            t.word.chars().count() >= 2 && matches!(t.tag, "ns" | "nr" | "nrt" | "nz" | "j" | "eng")
        })
}
