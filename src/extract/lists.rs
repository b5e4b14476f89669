//! Names that lists and ranges state: items sharing one suffix (费萨拉巴德、塔贝吉等经济区) and
//! the two ends of a section or route (（塔科特至雷克特段）, 默蒂亚里—拉合尔).

use super::Ctx;
use super::boundary::is_han;
use super::gazetteer::GazetteerMatch;
use super::names::Candidate;
use crate::model::EntityType;

/// Lists of names sharing one suffix: 以费萨拉巴德、塔贝吉、拉沙卡伊等经济区为核心载体 names three
/// economic zones. Each item (a span of the text) comes with the name it makes with the suffix.
/// At least one item must be a known place or a word jieba tags as a place, so lists of common
/// words (教育、卫生等部门) make nothing.
pub(super) fn shared_suffix_lists(
    ctx: &Ctx<'_>,
    gaz: &[GazetteerMatch],
) -> Vec<(Candidate, String)> {
    let c = &ctx.ex.compiled;
    let mut out = Vec::new();
    for m in c.suffixes.find_iter(ctx.text) {
        let (s, e) = (m.start(), m.end());
        let idx = m.pattern().as_usize();
        let kind = c.suffix_types[idx];
        if !matches!(kind, EntityType::Project | EntityType::Organization) || !ctx.ends_token(e) {
            continue;
        }
        let suffix = &c.suffix_words[idx];
        let floor = ctx.sentence_floor(s);
        let mut end = s;
        if ctx.text[floor..end].ends_with('等') {
            end -= '等'.len_utf8();
        }
        let items = list_items(ctx, floor, end, gaz);
        // Items that are names of their own (卡洛特水电站、苏吉吉纳里水电站) share nothing.
        let named_item = items.iter().any(|&(a, b)| {
            gaz.iter().any(|g| {
                g.start == a
                    && g.end == b
                    && !matches!(
                        ctx.gaz_kind(g),
                        Some(EntityType::Place | EntityType::Country)
                    )
            }) || c
                .suffix_words
                .iter()
                .any(|w| ctx.text[a..b].ends_with(w.as_str()))
        });
        if items.len() < 2 || named_item {
            continue;
        }
        let anchored = items.iter().any(|&(a, b)| {
            gaz.iter().any(|g| {
                g.start == a
                    && g.end == b
                    && matches!(
                        ctx.gaz_kind(g),
                        Some(EntityType::Place | EntityType::Country)
                    )
            }) || ctx
                .tokens
                .iter()
                .any(|t| t.start == a && t.end == b && t.tag == "ns")
        });
        if !anchored {
            continue;
        }
        for (a, b) in items {
            let name = format!("{}{}", &ctx.text[a..b], suffix);
            let candidate = Candidate {
                start: a,
                end: b,
                kind,
                rule: "shared-suffix",
                entity: None,
            };
            out.push((candidate, name));
        }
    }
    out
}

/// The items of a list `A、B、C` (or `A、B和C`) ending at `end`, each a known name or two to six
/// characters jieba does not read as common words, left to right; empty when there is no list.
fn list_items(
    ctx: &Ctx<'_>,
    floor: usize,
    end: usize,
    gaz: &[GazetteerMatch],
) -> Vec<(usize, usize)> {
    let mut items = Vec::new();
    let mut right = end;
    while let Some(left) = list_item_start(ctx, floor, right, gaz) {
        items.push((left, right));
        let before = &ctx.text[floor..left];
        let sep = ["、", "和", "及"]
            .into_iter()
            .find(|sep| before.ends_with(sep));
        match sep {
            Some(sep) if items.len() == 1 || sep == "、" => right = left - sep.len(),
            _ => break,
        }
    }
    items.reverse();
    items
}

/// Where the list item ending at `right` starts: a known name ending there, or the longest run of
/// two to six Han characters made of words jieba tags as names or leaves unknown.
fn list_item_start(
    ctx: &Ctx<'_>,
    floor: usize,
    right: usize,
    gaz: &[GazetteerMatch],
) -> Option<usize> {
    if let Some(g) = gaz
        .iter()
        .filter(|g| g.end == right && g.start >= floor)
        .min_by_key(|g| g.start)
    {
        return Some(g.start);
    }
    let c = &ctx.ex.compiled;
    let mut pos = right;
    let before = ctx.tokens.partition_point(|t| t.start < right);
    for t in ctx.tokens[..before].iter().rev() {
        if t.end != pos || t.start < floor {
            break;
        }
        let word = &ctx.text[t.start..t.end];
        let proper = matches!(t.tag.as_str(), "ns" | "nr" | "nrt" | "nz" | "x")
            || (word.chars().count() == 1 && !c.stop_words.contains(word));
        if !word.chars().all(is_han) || !proper || c.stop_words.contains(word) {
            break;
        }
        if ctx.text[t.start..right].chars().count() > 6 {
            break;
        }
        pos = t.start;
    }
    // Words jieba splits across the item's edge: a run of two to six Han characters after a mark
    // is the item ((赫韦利扬至曼塞赫拉段)).
    if pos == right {
        let run = ctx.text[floor..right]
            .char_indices()
            .rev()
            .take_while(|(_, ch)| is_han(*ch))
            .last()
            .map_or(right, |(i, _)| floor + i);
        if run > floor && (2..=6).contains(&ctx.text[run..right].chars().count()) {
            pos = run;
        }
    }
    let n = ctx.text[pos..right].chars().count();
    let at_separator = ["、", "和", "及", "以", "在", "对"]
        .iter()
        .any(|w| ctx.text[floor..pos].ends_with(w))
        || !ctx.text[floor..pos].chars().next_back().is_some_and(is_han);
    ((2..=6).contains(&n) && at_separator).then_some(pos)
}

/// The two ends of a route or section (喀喇昆仑公路二期（塔科特至雷克特段）, 默蒂亚里—拉合尔高压
/// 输电项目, 红其拉甫－苏斯特口岸): places, each a known name or a run of name-like characters.
pub(super) fn section_ends(ctx: &Ctx<'_>, gaz: &[GazetteerMatch]) -> Vec<Candidate> {
    let Some(re) = &ctx.ex.compiled.section_ends else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for caps in re.captures_iter(ctx.text) {
        let (Some(whole), Some(right)) = (caps.get(0), caps.get(1)) else {
            continue;
        };
        let floor = ctx.sentence_floor(whole.start());
        let Some(left) = list_item_start(ctx, floor, whole.start(), gaz) else {
            continue;
        };
        // The right end: a known name starting there, else the run before the head word.
        let right_end = gaz
            .iter()
            .filter(|g| g.start == right.start())
            .map(|g| g.end)
            .max()
            .unwrap_or(right.end());
        let words = |a: usize, b: usize| {
            let w = &ctx.text[a..b];
            !ctx.ex.compiled.stop_words.contains(w) && !ctx.is_one_common_word(a, b)
        };
        // Two country abbreviations (中巴—中亚) are the pair of countries, not a place.
        let pair = |a: usize, b: usize| {
            let w = &ctx.text[a..b];
            w.chars().count() == 2
                && w.chars()
                    .all(|ch| ctx.ex.gazetteer.by_abbreviation(&ch.to_string()).is_some())
        };
        if !words(left, whole.start())
            || !words(right.start(), right_end)
            || pair(left, whole.start())
        {
            continue;
        }
        for (a, b) in [(left, whole.start()), (right.start(), right_end)] {
            out.push(Candidate {
                start: a,
                end: b,
                kind: EntityType::Place,
                rule: "section-end",
                entity: None,
            });
        }
    }
    out
}
