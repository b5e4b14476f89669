//! Countries and places the gazetteer does not hold, told apart by the words around a word
//! jieba tags as a place name: 巴基斯坦政府 and 驻巴基斯坦大使 name a country, 在瓜达尔 and
//! 卡拉奇等地 places. A word so typed once has that type wherever it stands in the document.

use std::collections::BTreeMap;

use super::Ctx;
use super::boundary::is_han;
use super::gazetteer::GazetteerMatch;
use super::names::Candidate;
use crate::model::EntityType;

/// Countries and places found by the words around them, and every other standing of the same
/// words in the document.
pub(super) fn tagged_countries_and_places(ctx: &Ctx<'_>, gaz: &[GazetteerMatch]) -> Vec<Candidate> {
    let rules = &ctx.ex.lexicon.places;
    let free = |start: usize, end: usize| !gaz.iter().any(|m| m.start < end && start < m.end);
    // Transliterations jieba often tags as person names (尼泊尔/nr, 哈萨克斯坦/nrt); they take a
    // type only from a list they stand in.
    let names: Vec<(usize, usize, bool)> = ctx
        .tokens
        .iter()
        .filter(|t| matches!(t.tag.as_str(), "ns" | "nr" | "nrt"))
        .map(|t| (t.start, t.end, t.tag == "ns"))
        .filter(|&(s, e, _)| {
            let word = &ctx.text[s..e];
            let stop = ctx.ex.compiled.stop_words.contains(word)
                || rules.names_no_place(word)
                || ctx.ex.lexicon.parties.collective.iter().any(|w| w == word);
            // Part of a transliterated person name (夏巴兹·谢里夫) is no place.
            let joined = ctx.text[..s].ends_with(['·', '-', '•'])
                || ctx.text[e..].starts_with(['·', '-', '•']);
            // 驻阿克托别: a word jieba cut from a longer name it does not know (阿克|托别) is
            // no name of its own.
            let next = ctx.tokens.partition_point(|t| t.start < e);
            let sounds = &ctx.ex.lexicon.persons.transliteration_chars;
            let continued = ctx.tokens.get(next).is_some_and(|t| {
                t.start == e
                    && matches!(t.tag.as_str(), "ns" | "nr" | "nrt" | "nz" | "x")
                    && ctx.text[t.start..t.end].chars().all(is_han)
            }) || (word.chars().all(|c| sounds.contains(c))
                && ctx.text[e..]
                    .chars()
                    .next()
                    .is_some_and(|c| sounds.contains(c)));
            (2..=8).contains(&word.chars().count())
                && word.chars().all(is_han)
                && free(s, e)
                && !stop
                && !joined
                && !continued
        })
        .collect();
    // The type each word takes where its neighbours say; a country wins over a place.
    let mut kinds: BTreeMap<&str, EntityType> = BTreeMap::new();
    for &(s, e, place_tag) in &names {
        let word = &ctx.text[s..e];
        let before = &ctx.text[..s];
        let after = &ctx.text[e..];
        let subdivision = rules
            .subdivision_endings
            .iter()
            .any(|x| word.ends_with(x.as_str()));
        // A word jieba takes for a person's name is a country only by words no person takes.
        let country_after: Vec<&String> = rules
            .country_after
            .iter()
            .filter(|w| place_tag || !rules.person_after.contains(w))
            .collect();
        let country = !subdivision
            && (country_after.iter().any(|w| after.starts_with(w.as_str()))
                || rules
                    .country_before
                    .iter()
                    .any(|w| before.ends_with(w.as_str())));
        let framed = place_tag
            && ["在", "于"].iter().any(|w| before.ends_with(w))
            && rules
                .place_frame_after
                .iter()
                .any(|w| after.starts_with(w.as_str()));
        let place = framed
            || rules
                .place_before
                .iter()
                .any(|w| before.ends_with(w.as_str()))
            || (place_tag
                && rules
                    .place_after
                    .iter()
                    .any(|w| after.starts_with(w.as_str())))
            // A list marker (等地) types a name jieba took for a person's as well.
            || (!place_tag
                && rules
                    .place_after
                    .iter()
                    .any(|w| w.starts_with('等') && after.starts_with(w.as_str())));
        // 中伊建交: two countries' one-character abbreviations are the pair, no country.
        let pair = word.chars().count() == 2
            && word
                .chars()
                .all(|ch| ctx.country_by_abbreviation(&ch.to_string()).is_some());
        if pair {
            continue;
        }
        let kind = if country {
            EntityType::Country
        } else if place {
            EntityType::Place
        } else {
            continue;
        };
        // The names listed before this one share its type (孟加拉国、尼泊尔等国; 海湾和中东地区).
        let mut listed = vec![word];
        let mut at = s;
        while let Some(&(ps, pe, _)) = names[..names.partition_point(|&(_, pe, _)| pe <= at)].last()
        {
            let gap = &ctx.text[pe..at];
            if !matches!(gap, "、" | "和" | "与" | "及") {
                break;
            }
            listed.push(&ctx.text[ps..pe]);
            at = ps;
        }
        for w in listed {
            if kind == EntityType::Country {
                kinds.insert(w, kind);
            } else {
                kinds.entry(w).or_insert(kind);
            }
        }
    }
    names
        .into_iter()
        .filter(|&(s, e, _)| ctx.ex.lexicon.title_at_start(&ctx.text[e..]).is_none() || s == e)
        .filter_map(|(s, e, _)| {
            let kind = *kinds.get(&ctx.text[s..e])?;
            Some(Candidate {
                start: s,
                end: e,
                kind,
                rule: "context-place",
                entity: None,
            })
        })
        .collect()
}
