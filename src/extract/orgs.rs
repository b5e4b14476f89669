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
            start: province_before(ctx, gaz, t.start).unwrap_or(t.start),
            end: t.end,
            kind: EntityType::Organization,
            rule: "tagged-organization",
            entity: None,
        })
        .collect()
}

/// 西藏自治区商务厅, 云南省商务厅: a province's or city's body is named with it. Where the place
/// right before `start` starts: a word jieba tags as a place that ends as a subdivision does
/// (省, 自治区, 市 …), or a place the gazetteer knows — no country (whose bodies the suffix rules
/// name).
fn province_before(ctx: &Ctx<'_>, gaz: &[GazetteerMatch], start: usize) -> Option<usize> {
    let entries = ctx.ex.gazetteer.entries();
    let endings = &ctx.ex.lexicon.places.subdivision_endings;
    let token = ctx
        .tokens
        .iter()
        .find(|t| t.end == start && t.tag == "ns")
        .filter(|t| {
            let word = &ctx.text[t.start..t.end];
            word.chars().count() >= 3 && endings.iter().any(|e| word.ends_with(e.as_str()))
        })
        .map(|t| t.start);
    let known = gaz
        .iter()
        .find(|m| m.end == start && entries[m.entry].kind == EntityType::Place)
        .map(|m| m.start);
    let from = token.or(known)?;
    // A country's name before the place is no part of it (中国云南省商务厅 keeps 中国 apart).
    (!gaz
        .iter()
        .any(|m| m.start <= from && from < m.end && entries[m.entry].kind == EntityType::Country))
    .then_some(from)
}

/// News agencies in datelines (新华丝路达卡1月21日电, 据新华社北京5月15日电): the words between
/// the line's start and the city before the date, when a known place or a word jieba tags as a
/// place is that city.
pub(super) fn dateline_agencies(ctx: &Ctx<'_>, gaz: &[GazetteerMatch]) -> Vec<Candidate> {
    let Some(re) = &ctx.ex.compiled.dateline else {
        return Vec::new();
    };
    let entries = ctx.ex.gazetteer.entries();
    let mut out = Vec::new();
    for c in re.captures_iter(ctx.text) {
        let Some(g) = c.get(1) else { continue };
        let (start, end) = (g.start(), g.end());
        let city = gaz
            .iter()
            .filter(|m| {
                m.end == end
                    && m.start > start
                    && matches!(
                        entries[m.entry].kind,
                        EntityType::Place | EntityType::Country
                    )
            })
            .map(|m| m.start)
            .min()
            .or_else(|| {
                ctx.tokens
                    .iter()
                    .find(|t| t.end == end && t.start > start && t.tag == "ns")
                    .map(|t| t.start)
            });
        let Some(city) = city else { continue };
        let agency = &ctx.text[start..city];
        let known = gaz.iter().any(|m| m.start == start && m.end == city);
        // 本报努尔苏丹6月8日电: the paper that prints the line, named by a word for itself.
        if known
            || agency.chars().count() < 2
            || !agency.chars().all(is_han)
            || ctx.ex.compiled.stop_words.contains(agency)
        {
            continue;
        }
        out.push(Candidate {
            start,
            end: city,
            kind: EntityType::Organization,
            rule: "dateline",
            entity: None,
        });
    }
    out
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

/// Departments inside a body, named with it (外交部边界与海洋事务司, 印度外交部东亚司,
/// 孟财政部经济关系局): after a body the gazetteer or a rule found, ending in one of
/// `parent_bodies` (or a word jieba's dictionary names a body), the words up to the first `department_endings` character that ends a word.
/// The span holds no stop word or verb but `department_links`, and no title opens it
/// (外交部部长 is an office). A country written right before the body belongs to the name.
pub(super) fn departments(
    ctx: &Ctx<'_>,
    gaz: &[GazetteerMatch],
    found: &[Candidate],
) -> Vec<Candidate> {
    let rules = &ctx.ex.lexicon.suffix_rules;
    if rules.parent_bodies.is_empty() || rules.department_endings.is_empty() {
        return Vec::new();
    }
    let c = &ctx.ex.compiled;
    let bodies = gaz
        .iter()
        .filter(|m| ctx.gaz_kind(m) == Some(EntityType::Organization))
        .map(|m| (m.start, m.end))
        .chain(
            found
                .iter()
                .filter(|k| k.kind == EntityType::Organization)
                .map(|k| (k.start, k.end)),
        )
        // A body jieba's dictionary knows (外交部, 财政部) though no rule names it alone.
        .chain(
            ctx.tokens
                .iter()
                .filter(|t| t.tag == "nt")
                .map(|t| (t.start, t.end)),
        );
    let mut out: Vec<Candidate> = Vec::new();
    let mut push = |start: usize, end: usize| {
        // Its country before it, by name (巴基斯坦外交部亚洲司) or by abbreviation (孟外交部东亚司).
        let abbreviated = ctx.text[..start].chars().next_back().and_then(|c| {
            ctx.ex
                .gazetteer
                .by_abbreviation(&c.to_string())
                .filter(|e| e.kind == EntityType::Country)
                .map(|_| start - c.len_utf8())
        });
        let start = super::gazetteer::match_ending_at(gaz, start)
            .filter(|m| ctx.gaz_kind(m) == Some(EntityType::Country))
            .map(|m| m.start)
            .or(abbreviated)
            .unwrap_or(start);
        if !out
            .iter()
            .any(|o: &Candidate| o.start == start && o.end == end)
        {
            out.push(Candidate {
                start,
                end,
                kind: EntityType::Organization,
                rule: "department",
                entity: None,
            });
        }
    };
    // A department jieba's dictionary holds as one word (外交部亚洲司).
    for t in ctx.tokens.iter().filter(|t| t.tag == "nt") {
        let word = &ctx.text[t.start..t.end];
        let department = rules
            .department_endings
            .iter()
            .any(|e| word.ends_with(e.as_str()))
            && rules.parent_bodies.iter().any(|p| {
                word.find(p.as_str())
                    .is_some_and(|i| word[i + p.len()..].chars().count() >= 3)
            });
        if department {
            push(t.start, t.end);
        }
    }
    for (body_start, body_end) in bodies {
        let body = &ctx.text[body_start..body_end];
        if !rules
            .parent_bodies
            .iter()
            .any(|p| body.ends_with(p.as_str()))
        {
            continue;
        }
        let rest = &ctx.text[body_end..];
        // 外交部部长 is an office; 外交部领事司 a department, though 领事 (consul) is a title: a
        // title jieba reads inside a longer word opens no office.
        if let Some((title, _)) = ctx.ex.lexicon.title_at_start(rest)
            && ctx.ends_token(body_end + title.len())
        {
            continue;
        }
        let mut end = None;
        for (i, ch) in rest.char_indices().take(12) {
            if !is_han(ch) {
                break;
            }
            let after = i + ch.len_utf8();
            let ending = rules
                .department_endings
                .iter()
                .any(|e| rest[..after].ends_with(e.as_str()));
            if ending && rest[..i].chars().count() >= 2 && ctx.ends_token(body_end + after) {
                end = Some(body_end + after);
                break;
            }
        }
        let Some(end) = end else { continue };
        let clean = ctx.tokens_in(body_end, end).iter().all(|t| {
            let word = &ctx.text[t.start..t.end];
            rules.department_links.iter().any(|l| l == word)
                || t.start < body_end
                || t.end > end
                || !(c.stop_words.contains(word)
                    || (c.stop_tags.contains(&t.tag) && !c.name_words.contains(word))
                    || t.tag == "v")
        });
        if !clean {
            continue;
        }
        push(body_start, end);
    }
    out
}
