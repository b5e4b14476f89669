//! Rules that find names the gazetteer does not know: titles in 《》, names ending in a type's
//! suffix, numbered events, quoted numbered concepts, transliterated person names and person
//! names next to titles.
//!
//! Each rule returns candidates (a span, a type, a rule name); choosing among overlapping
//! candidates and resolving them to entities is `mentions`' job.

use std::sync::OnceLock;

use regex::Regex;

use super::Ctx;
use super::gazetteer::GazetteerMatch;
use crate::model::EntityType;

/// A possible mention found by a rule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Candidate {
    /// Byte offset of the start in the normalized text.
    pub start: usize,
    /// Byte offset just past the end.
    pub end: usize,
    /// The type the rule gives.
    pub kind: EntityType,
    /// The rule's name.
    pub rule: &'static str,
    /// A known entity the candidate is, when the rule knows it.
    pub entity: Option<String>,
}

pub(super) fn regex(cell: &'static OnceLock<Regex>, pattern: &str) -> &'static Regex {
    cell.get_or_init(|| Regex::new(pattern).unwrap_or_else(|e| panic!("pattern {pattern}: {e}")))
}

use super::boundary::{is_han, is_name_char};

/// Titles in 《》 (with 〈〉 nested inside): Documents.
pub(super) fn titled(ctx: &Ctx<'_>) -> Vec<Candidate> {
    let mut out = Vec::new();
    let text = ctx.text;
    let mut from = 0;
    while let Some(i) = text[from..].find('《') {
        let open = from + i;
        let inner_start = open + '《'.len_utf8();
        let Some(j) = text[inner_start..].find(['》', '《', '\n']) else {
            break;
        };
        let close = inner_start + j;
        from = inner_start;
        if !text[close..].starts_with('》') {
            continue;
        }
        let inner = &text[inner_start..close];
        if inner.trim().is_empty() || inner.chars().count() > 120 || inner.contains('。') {
            continue;
        }
        // A periodical cited with its issue (《人民日报》2015 年 4 月 21 日, 《当代世界》2024 年第 3 期)
        // is a source, not a document the text speaks of.
        static ISSUE: OnceLock<Regex> = OnceLock::new();
        if regex(&ISSUE, r"^》\s*[，,]?\s*\d{4}\s*年").is_match(&text[close..]) {
            continue;
        }
        out.push(Candidate {
            start: open,
            end: close + '》'.len_utf8(),
            kind: EntityType::Document,
            rule: "title-marks",
            entity: None,
        });
        from = close;
    }
    out
}

/// Abbreviations a text defines: `X（以下简称《Y》）` or `（以下简称“Y”）`, as (Y's span, X's end).
pub(super) fn defined_short_forms(ctx: &Ctx<'_>) -> Vec<(usize, usize, usize)> {
    static RE: OnceLock<Regex> = OnceLock::new();
    let re = regex(&RE, r"（(?:以下简称|下称|简称)[《“]([^》”]{1,40})[》”]）");
    re.captures_iter(ctx.text)
        .filter_map(|c| {
            let whole = c.get(0)?;
            let short = c.get(1)?;
            Some((short.start(), short.end(), whole.start()))
        })
        .collect()
}

/// Names ending in a type's suffix (瓜达尔港, 中巴经济走廊联合合作委员会).
pub(super) fn suffixed(ctx: &Ctx<'_>, gaz: &[GazetteerMatch]) -> Vec<Candidate> {
    let c = &ctx.ex.compiled;
    let min = ctx.ex.lexicon.suffix_rules.min_prefix_chars;
    let mut out = Vec::new();
    for m in c.suffixes.find_iter(ctx.text) {
        let (s, mut e) = (m.start(), m.end());
        let idx = m.pattern().as_usize();
        let suffix = &c.suffix_words[idx];
        let kind = c.suffix_types[idx];
        // The suffix must end a word: 部 in 部分, 局 in 局势 are not suffixes.
        if !ctx.tokens.iter().any(|t| t.end == e) {
            continue;
        }
        // A word the suffix ends (签署, 避风港) must itself belong in a name.
        if let Some(ti) = ctx.token_at(s) {
            let tok = &ctx.tokens[ti];
            if tok.start < s {
                let word = &ctx.text[tok.start..tok.end];
                let proper = matches!(tok.tag.as_str(), "ns" | "nt" | "nz" | "nr" | "nrt");
                let first = word.chars().next().map(String::from).unwrap_or_default();
                let bad_word = c.stop_words.contains(word)
                    || c.stop_words.contains(&first)
                    || c.stop_words.contains(&ctx.text[tok.start..s])
                    || (c.stop_tags.contains(&tok.tag) && !c.name_words.contains(word));
                if bad_word || (suffix.chars().count() == 1 && !proper) {
                    continue;
                }
            }
        }
        let floor = ctx.sentence_floor(s);
        let mut start = ctx.extend_left(s, floor, gaz);
        // 暨 joins two names into one event (纪念抗日战争暨世界反法西斯战争胜利80周年活动); any
        // other name starts after it (第二届中巴政党论坛暨中巴经济走廊政党共商机制).
        if kind != EntityType::Event
            && let Some(i) = ctx.text[start..s].rfind('暨')
        {
            start += i + '暨'.len_utf8();
        }
        let mut kind = kind;
        let rules = &ctx.ex.lexicon.suffix_rules;
        if kind == EntityType::Initiative
            && suffix.ends_with("计划")
            && rules
                .programme_words
                .iter()
                .any(|w| ctx.text[start..s].contains(w.as_str()))
        {
            kind = EntityType::Project;
        }
        // Document titles without marks: 关于经典著作互译出版的备忘录.
        if kind == EntityType::Document
            && let Some(i) = ctx.text[floor..start].rfind("关于")
        {
            let at = floor + i;
            if ctx.text[at..s]
                .chars()
                .all(|ch| is_name_char(ch) || "“”‘’的".contains(ch))
            {
                start = ctx.extend_left(at, floor, gaz);
            }
        }
        if ctx.text[start..s].chars().count() < min {
            continue;
        }
        // A known name already ending here is the name; what stands before it are modifiers
        // (高质量共建中巴经济走廊 → 中巴经济走廊).
        if gaz.iter().any(|m| m.end == e && m.start > start) {
            continue;
        }
        let scoped = kind == EntityType::Organization
            && rules.scope_words.iter().any(|w| {
                ctx.text[start..s].starts_with(w.as_str())
                    && ctx.text[start + w.len()..s].chars().count() >= 2
            });
        if c.needs_proper.contains(suffix) && !scoped && !ctx.has_proper_part(start, s, gaz) {
            continue;
        }
        if matches!(
            kind,
            EntityType::Initiative | EntityType::Document | EntityType::Organization
        ) && ctx.is_one_common_word(start, s)
        {
            continue;
        }
        // A phase number after a road or port, and a span of years, belong to the name
        // (东湾快速路二期, 执行计划（2025—2029）).
        static TAIL: OnceLock<Regex> = OnceLock::new();
        let tail = r"^(?:（\d{4}\s*[—–－\-至]\s*\d{4}\s*年?）|(?:（[^（）。，、；]{1,20}段）)?(?:[一二三四五六七八九十]期)?)";
        if let Some(p) = regex(&TAIL, tail).find(&ctx.text[e..]) {
            e += p.end();
        }
        // 东湾快速路二期项目 is 东湾快速路二期: 项目 after a complete project name adds nothing.
        if matches!(suffix.as_str(), "项目" | "工程") && e == m.end() {
            let before = &ctx.text[start..s];
            let complete = before.ends_with('期')
                || c.suffix_words.iter().zip(&c.suffix_types).any(|(w, t)| {
                    *t == EntityType::Project && w != suffix && before.ends_with(w.as_str())
                });
            if complete {
                e = s;
            }
        }
        out.push(Candidate {
            start,
            end: e,
            kind,
            rule: "suffix",
            entity: None,
        });
    }
    out
}

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
        if !matches!(kind, EntityType::Project | EntityType::Organization)
            || !ctx.tokens.iter().any(|t| t.end == e)
        {
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
    for t in ctx.tokens.iter().rev().skip_while(|t| t.start >= right) {
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
    static RE: OnceLock<Regex> = OnceLock::new();
    let re = regex(
        &RE,
        r"(?:至|—|－|-|–)(\p{Han}{2,6}?)(?:段|口岸|高压|输电|铁路|公路|高速|管道|光缆|直流|航线)",
    );
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

/// Numbered events: 第N次/届 … 会议/对话 and 首次会议, with the body named before them.
pub(super) fn numbered_events(ctx: &Ctx<'_>, gaz: &[GazetteerMatch]) -> Vec<Candidate> {
    let heads = &ctx.ex.lexicon.events.heads;
    let mut out = Vec::new();
    for m in ctx.ex.compiled.event_ordinal.find_iter(ctx.text) {
        let rest = &ctx.text[m.end()..];
        let window: String = rest
            .chars()
            .take_while(|c| is_name_char(*c) || *c == '暨')
            .take(30)
            .collect();
        // The name runs to the last head word reachable without punctuation; 暨 joins two.
        let mut end_in_window: Option<usize> = None;
        for (i, _) in window.char_indices() {
            if end_in_window.is_some_and(|e| i < e) {
                continue;
            }
            if let Some(h) = heads
                .iter()
                .filter(|h| window[i..].starts_with(h.as_str()))
                .max_by_key(|h| h.len())
            {
                let joined = end_in_window.is_none_or(|e| window[e..i].contains('暨'));
                if joined {
                    end_in_window = Some(i + h.len());
                }
            }
        }
        let Some(len) = end_in_window else { continue };
        let start = ctx.extend_left(m.start(), ctx.sentence_floor(m.start()), gaz);
        out.push(Candidate {
            start,
            end: m.end() + len,
            kind: EntityType::Event,
            rule: "numbered-event",
            entity: None,
        });
    }
    out
}

/// Quoted numbered concepts: “五大家园”, “四大全球倡议”, “六个坚持” (Initiatives; …走廊 Projects).
pub(super) fn numbered_concepts(ctx: &Ctx<'_>) -> Vec<Candidate> {
    static RE: OnceLock<Regex> = OnceLock::new();
    let re = regex(
        &RE,
        r"“([一二三四五六七八九十两]+(?:大|个|项|点)\p{Han}{1,8})”",
    );
    let mut out: Vec<Candidate> = re
        .captures_iter(ctx.text)
        .filter_map(|c| {
            let whole = c.get(0)?;
            let name = c.get(1)?.as_str();
            let kind = if name.ends_with("走廊") {
                EntityType::Project
            } else {
                EntityType::Initiative
            };
            Some(Candidate {
                start: whole.start(),
                end: whole.end(),
                kind,
                rule: "quoted-concept",
                entity: None,
            })
        })
        .collect();
    // Without quotes: 的八项行动, 。八项行动同…
    let heads = &ctx.ex.lexicon.suffix_rules.counted_heads;
    if !heads.is_empty() {
        let pattern = format!(
            "(?:^|[的。；\n])([一二三四五六七八九十两]+项(?:{}))",
            heads
                .iter()
                .map(|h| regex::escape(h))
                .collect::<Vec<_>>()
                .join("|")
        );
        if let Ok(re) = Regex::new(&pattern) {
            out.extend(re.captures_iter(ctx.text).filter_map(|c| {
                let name = c.get(1)?;
                let after = ctx.text[name.end()..].chars().next();
                // 八项行动计划 is a plan's name, not the counted actions.
                if after.is_some_and(|ch| is_han(ch) && !"同和与及的为在是已将".contains(ch))
                {
                    return None;
                }
                Some(Candidate {
                    start: name.start(),
                    end: name.end(),
                    kind: EntityType::Initiative,
                    rule: "counted-concept",
                    entity: None,
                })
            }));
        }
    }
    out
}

/// Transliterated names joined by · or - (夏巴兹·谢里夫, 迪亚斯-卡内尔), trimmed of the titles
/// and words around them.
pub(super) fn transliterated(ctx: &Ctx<'_>) -> Vec<Candidate> {
    static RE: OnceLock<Regex> = OnceLock::new();
    let re = regex(&RE, r"\p{Han}{1,10}(?:[·•‧・\-]\p{Han}{1,10})+");
    let lex = &ctx.ex.lexicon;
    let titles = lex.titles();
    let mut out = Vec::new();
    for m in re.find_iter(ctx.text) {
        let span = m.as_str();
        let first_sep = span.find(['·', '•', '‧', '・', '-']).unwrap_or(0);
        let last_sep = span.rfind(['·', '•', '‧', '・', '-']).unwrap_or(0);
        let left = &span[..first_sep];
        // The first part starts after the last title or stop word standing in it.
        let mut cut = 0;
        let stops = titles
            .iter()
            .map(|(w, _)| w.as_str())
            .chain(lex.persons.left_stops.iter().map(String::as_str))
            .chain(lex.boundary.stop_words.iter().map(String::as_str));
        for w in stops {
            if let Some(i) = left.rfind(w) {
                cut = cut.max(i + w.len());
            }
        }
        for g in ctx.ex.gazetteer.find(left) {
            cut = cut.max(g.end);
        }
        // A first name is short: of a longer run keep the last word (革命领导人劳尔 → 劳尔).
        if left[cut..].chars().count() > 3 {
            let last = super::jieba().cut(&left[cut..], true);
            let keep = last.iter().rev().scan(0, |n, t| {
                *n += t.word.chars().count();
                (*n <= 4).then_some(t.byte_start)
            });
            if let Some(b) = keep.last() {
                cut += b;
            }
        }
        let last_part_start = last_sep + span[last_sep..].chars().next().map_or(1, char::len_utf8);
        let right = &span[last_part_start..];
        let mut right_end = right.len();
        for w in titles
            .iter()
            .map(|(w, _)| w.as_str())
            .chain(lex.persons.right_stops.iter().map(String::as_str))
        {
            if let Some(i) = right.find(w) {
                right_end = right_end.min(i);
            }
        }
        // A place name joined by a dash ends in a type suffix (红其拉甫-苏斯特口岸): not a person.
        let suffix_follows = ctx.ex.compiled.suffix_words.iter().any(|s| {
            if s.chars().count() >= 2 {
                right.contains(s.as_str())
            } else {
                right[right_end..].starts_with(s.as_str())
            }
        });
        if suffix_follows {
            continue;
        }
        let (start, end) = (m.start() + cut, m.start() + last_part_start + right_end);
        let name = &ctx.text[start..end];
        let han = name.chars().filter(|c| is_han(*c)).count();
        if cut >= first_sep || right_end == 0 || han < 3 {
            continue;
        }
        out.push(Candidate {
            start,
            end,
            kind: EntityType::Person,
            rule: "transliterated-name",
            entity: None,
        });
    }
    out
}

/// Person names right after a title (总理李强) or right before one (姜再冬大使), as jieba tags
/// them.
pub(super) fn titled_persons(ctx: &Ctx<'_>) -> Vec<Candidate> {
    let lex = &ctx.ex.lexicon;
    let titles = lex.titles();
    let mut out = Vec::new();
    for tok in ctx.tokens {
        if !tok.tag.starts_with("nr") {
            continue;
        }
        let word = &ctx.text[tok.start..tok.end];
        let n = word.chars().count();
        if !(2..=4).contains(&n) || !word.chars().all(is_han) {
            continue;
        }
        let before = &ctx.text[..tok.start];
        let before = lex.strip_title_infix(before);
        let after_title = titles.iter().any(|(t, _)| before.ends_with(t));
        let before_title = titles
            .iter()
            .any(|(t, _)| ctx.text[tok.end..].starts_with(t));
        // A part of a known person's name is the short-name rule's to resolve (谢里夫 may be
        // either Sharif): never a new person.
        let known_part = ctx.ex.gazetteer.entries().iter().any(|e| {
            e.kind == EntityType::Person
                && e.zh.as_deref().is_some_and(|zh| {
                    zh.contains(['·', '-']) && zh.split(['·', '-']).any(|p| p == word)
                })
        });
        if (after_title || before_title) && !known_part {
            out.push(Candidate {
                start: tok.start,
                end: tok.end,
                kind: EntityType::Person,
                rule: "titled-person",
                entity: None,
            });
        }
    }
    out
}

/// Names right after a country's name (巴基斯坦白沙瓦, 中国喀什) that jieba tags as a place or,
/// as it often does with transliterations, a person, and that no title follows: places in that
/// country the gazetteer does not know.
pub(super) fn tagged_places(
    ctx: &Ctx<'_>,
    gaz: &[GazetteerMatch],
    other_countries: &[Candidate],
) -> Vec<Candidate> {
    let countries: Vec<usize> = gaz
        .iter()
        .filter(|m| ctx.gaz_kind(m) == Some(EntityType::Country))
        .map(|m| m.end)
        .chain(
            other_countries
                .iter()
                .filter(|c| c.kind == EntityType::Country)
                .map(|c| c.end),
        )
        .collect();
    ctx.tokens
        .iter()
        .filter(|t| {
            matches!(t.tag.as_str(), "ns" | "nr" | "nrt" | "nrfg") && countries.contains(&t.start)
        })
        .filter(|t| ctx.ex.lexicon.title_at_start(&ctx.text[t.end..]).is_none())
        .filter(|t| {
            let word = &ctx.text[t.start..t.end];
            word.chars().count() >= 2 && word.chars().all(is_han)
        })
        .filter(|t| !gaz.iter().any(|m| m.start < t.end && t.start < m.end))
        .filter(|t| {
            !other_countries.iter().any(|c| {
                c.kind == EntityType::Country
                    && ctx.text[c.start..c.end] == ctx.text[t.start..t.end]
            })
        })
        .map(|t| Candidate {
            start: t.start,
            end: t.end,
            kind: EntityType::Place,
            rule: "tagged-place",
            entity: None,
        })
        .collect()
}

/// English names: capitalized words ending in a type's head word (Gwadar East Bay Expressway,
/// Global Development Initiative), without a leading "The".
pub(super) fn english_names(ctx: &Ctx<'_>) -> Vec<Candidate> {
    let c = &ctx.ex.compiled;
    let mut out = Vec::new();
    for m in c.english_names.find_iter(ctx.text) {
        let mut start = m.start();
        if let Some(rest) = m.as_str().strip_prefix("The ") {
            start = m.end() - rest.len();
        }
        let name = &ctx.text[start..m.end()];
        let Some((head, kind)) = c
            .english_heads
            .iter()
            .find(|(h, _)| name.ends_with(h.as_str()))
        else {
            continue;
        };
        // The head alone, or a head after generic words (The Ministry), is no name.
        if name.len() == head.len() {
            continue;
        }
        out.push(Candidate {
            start,
            end: m.end(),
            kind: *kind,
            rule: "english-name",
            entity: None,
        });
    }
    out
}

/// English person names after a title: Prime Minister Shehbaz Sharif, President Xi Jinping.
pub(super) fn english_persons(ctx: &Ctx<'_>) -> Vec<Candidate> {
    let heads = &ctx.ex.compiled.english_heads;
    ctx.ex
        .compiled
        .english_persons
        .captures_iter(ctx.text)
        .filter_map(|cap| {
            let whole = cap.get(1)?;
            // A heading running into the text: the name ends before a word opening a sentence.
            let stops = &ctx.ex.lexicon.persons.english_stops;
            let mut end = whole.end();
            while let Some((rest, last)) = ctx.text[whole.start()..end].rsplit_once([' ', '\t']) {
                if stops.iter().any(|s| s == last) {
                    end = whole.start() + rest.trim_end().len();
                } else {
                    break;
                }
            }
            if end <= whole.start() {
                return None;
            }
            let name = &ctx.text[whole.start()..end];
            // Prime Minister Office, President Hotel: a head word makes it no person.
            if heads
                .iter()
                .any(|(h, _)| name.split_whitespace().any(|w| w == h))
            {
                return None;
            }
            Some(Candidate {
                start: whole.start(),
                end,
                kind: EntityType::Person,
                rule: "english-titled-person",
                entity: None,
            })
        })
        .collect()
}

/// Particles that belong inside a name (Masud Bin Momen).
const NAME_PARTICLES: [&str; 6] = ["Bin", "bin", "Al", "al", "Ul", "ud"];

/// English persons named with an office after their title (Minister of Commerce Wang Wentao:
/// the last two words of the run of capitalized words, three with a particle) or before a
/// title (Mohamed Saeed, Minister of …).
pub(super) fn english_persons_with_office(ctx: &Ctx<'_>) -> Vec<Candidate> {
    let [of, apposed] = &ctx.ex.compiled.english_person_forms;
    let heads = &ctx.ex.compiled.english_heads;
    let is_head = |w: &str| heads.iter().any(|(h, _)| h == w);
    let mut out = Vec::new();
    for cap in of.captures_iter(ctx.text) {
        let Some(run) = cap.get(1) else { continue };
        let words: Vec<(usize, &str)> = run
            .as_str()
            .split(' ')
            .scan(0, |at, w| {
                let start = *at;
                *at += w.len() + 1;
                Some((start, w))
            })
            .filter(|(_, w)| !w.is_empty())
            .collect();
        // The office needs a word of its own before the name.
        let take = if words.len() >= 4 && NAME_PARTICLES.contains(&words[words.len() - 2].1) {
            3
        } else {
            2
        };
        if words.len() < take + 1 {
            continue;
        }
        let name = &words[words.len() - take..];
        let office = &ctx.ex.lexicon.titles.english_office_words;
        if name.iter().any(|(_, w)| {
            is_head(w)
                || office.iter().any(|o| o == w)
                || w.chars().next().is_some_and(char::is_lowercase)
        }) {
            continue;
        }
        let start = run.start() + name[0].0;
        out.push(Candidate {
            start,
            end: run.end(),
            kind: EntityType::Person,
            rule: "english-titled-person",
            entity: None,
        });
    }
    for cap in apposed.captures_iter(ctx.text) {
        let Some(name) = cap.get(1) else { continue };
        if name
            .as_str()
            .split_whitespace()
            .any(|w| is_head(w) || w == "The")
        {
            continue;
        }
        out.push(Candidate {
            start: name.start(),
            end: name.end(),
            kind: EntityType::Person,
            rule: "english-titled-person",
            entity: None,
        });
    }
    out
}

/// English document names that open with their head word: Agreement on Economic and Technical
/// Cooperation, Memorandum of Understanding between China and Nepal. Trailing linking words
/// (…Cooperation and the) are left out.
pub(super) fn english_titles(ctx: &Ctx<'_>) -> Vec<Candidate> {
    let lower = ["of", "and", "for", "on", "in", "the", "between"];
    ctx.ex
        .compiled
        .english_titles
        .find_iter(ctx.text)
        .map(|m| {
            let mut name = m.as_str();
            while let Some((rest, last)) = name.rsplit_once(' ') {
                if lower.contains(&last) {
                    name = rest;
                } else {
                    break;
                }
            }
            Candidate {
                start: m.start(),
                end: m.start() + name.len(),
                kind: EntityType::Document,
                rule: "english-title",
                entity: None,
            }
        })
        .collect()
}
