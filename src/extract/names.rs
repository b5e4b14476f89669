//! Rules that find names the gazetteer does not know by their own shape: titles in 《》, names
//! ending in a type's suffix, numbered events, counted concepts, and places after a country.
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

/// Whether `text` is made only of `words` (longest first at each point), and holds one at least.
pub(super) fn only_words(text: &str, words: &[String]) -> bool {
    let mut rest = text;
    while !rest.is_empty() {
        let Some(w) = words
            .iter()
            .filter(|w| !w.is_empty() && rest.starts_with(w.as_str()))
            .max_by_key(|w| w.len())
        else {
            return false;
        };
        rest = &rest[w.len()..];
    }
    !text.is_empty()
}

/// Abbreviations a text defines: `X（以下简称《Y》）` or `（以下简称“Y”）`, as (Y's span, X's end).
pub(super) fn defined_short_forms(ctx: &Ctx<'_>) -> Vec<(usize, usize, usize)> {
    let mut out: Vec<(usize, usize, usize)> = Vec::new();
    if let Some(re) = &ctx.ex.compiled.short_form_definitions {
        out.extend(re.captures_iter(ctx.text).filter_map(|c| {
            let whole = c.get(0)?;
            let short = c.get(1)?;
            Some((short.start(), short.end(), whole.start()))
        }));
    }
    // The Bangladesh-China Chamber of Commerce and Industry (BCCCI): an English abbreviation
    // in brackets right after a name.
    for c in english_abbreviations().captures_iter(ctx.text) {
        if let (Some(whole), Some(short)) = (c.get(0), c.get(1)) {
            out.push((short.start(), short.end(), whole.start()));
        }
    }
    out
}

/// An English abbreviation in brackets (group 1: capital letters, digits and `&`), perhaps after
/// a blank.
fn english_abbreviations() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    regex(&RE, r"[ \t]?\(([A-Z][A-Z0-9&]{1,9})\)")
}

/// BCCCI president Gazi Golam Murtoza: the English abbreviations the text defines in
/// brackets, wherever else they stand as words. Resolution keeps them only as the name they
/// were defined for (the type here is a stand-in).
pub(super) fn english_abbreviation_uses(ctx: &Ctx<'_>) -> Vec<Candidate> {
    let defined: std::collections::BTreeSet<&str> = english_abbreviations()
        .captures_iter(ctx.text)
        .filter_map(|c| c.get(1).map(|m| m.as_str()))
        .collect();
    let mut out = Vec::new();
    for short in defined {
        for (i, _) in ctx.text.match_indices(short) {
            let end = i + short.len();
            let before = ctx.text[..i].chars().next_back();
            let after = ctx.text[end..].chars().next();
            let word = before.is_none_or(|c| !c.is_alphanumeric() && c != '(')
                && after.is_none_or(|c| !c.is_alphanumeric() && c != ')');
            if word {
                out.push(Candidate {
                    start: i,
                    end,
                    kind: EntityType::Organization,
                    rule: "english-abbreviation",
                    entity: None,
                });
            }
        }
    }
    out
}

/// Names ending in a type's suffix (瓜达尔港, 中巴经济走廊联合合作委员会).
pub(super) fn suffixed(ctx: &Ctx<'_>, gaz: &[GazetteerMatch]) -> Vec<Candidate> {
    let c = &ctx.ex.compiled;
    let min = ctx.ex.lexicon.suffix_rules.min_prefix_chars;
    let mut out = Vec::new();
    let mut before_suffix: Option<(usize, usize)> = None;
    for m in c.suffixes.find_iter(ctx.text) {
        // 可行性研究会议: a suffix found first (研究会) may hide a longer-reaching one starting
        // inside it (会议); the one reaching further is the name's type.
        let later = super::text::reaching_further(ctx.text, m.start(), m.end(), |at| {
            c.suffix_words
                .iter()
                .enumerate()
                .filter(|(_, w)| ctx.text[at..].starts_with(w.as_str()))
                .max_by_key(|(_, w)| w.len())
                .map(|(k, w)| (at + w.len(), k))
        });
        let (s, mut e, idx) = later.unwrap_or((m.start(), m.end(), m.pattern().as_usize()));
        let suffix = &c.suffix_words[idx];
        let kind = c.suffix_types[idx];
        // The suffix must end a word: 部 in 部分, 局 in 局势 are not suffixes. Nor does one
        // followed by a title name anything but a body (计划部长 is an office, 计划 no plan's
        // name; 商务部部长 heads a body, 马尔代夫共和国总统 a country).
        let office = !matches!(kind, EntityType::Organization | EntityType::Country)
            && ctx.ex.lexicon.title_at_start(&ctx.text[e..]).is_some();
        if !ctx.ends_token(e) || office {
            continue;
        }
        // 老挝计划投资部: a plan's word right before a body's name is the body's subject, not a
        // plan's name (the ministry of planning and investment).
        if matches!(kind, EntityType::Initiative | EntityType::Document) && ctx.body_word_at(e) {
            continue;
        }
        if let Some(clip) = clipped(ctx, gaz, s, e, kind) {
            out.push(clip);
            continue;
        }
        // A word the suffix ends (签署, 避风港) must itself belong in a name.
        if let Some(ti) = ctx.token_at(s) {
            let tok = &ctx.tokens[ti];
            if tok.start < s {
                let word = &ctx.text[tok.start..tok.end];
                let proper = matches!(tok.tag.as_str(), "ns" | "nt" | "nz" | "nr" | "nrt");
                let first = word.chars().next().map(String::from).unwrap_or_default();
                // 投资部, 宣传部: a body's word of three characters or more names it with a
                // proper name before it (老挝计划投资部); 内部, 全部 are no bodies. After a
                // known name or a country's abbreviation its first character is its own (经 of
                // 吉尔吉斯斯坦经济部, 塔经贸部), unless the rest is a word (对 of 对外部).
                let body_word = kind == EntityType::Organization && word.chars().count() >= 3;
                let after_country = || {
                    gaz.iter().any(|g| g.end == tok.start)
                        || ctx.text[..tok.start].chars().next_back().is_some_and(|ch| {
                            ctx.country_by_abbreviation(&ch.to_string()).is_some()
                        })
                };
                let owned_body =
                    body_word && !super::jieba().has_word(&word[first.len()..]) && after_country();
                let glued_stop = c.stop_words.contains(&first) && !owned_body;
                let bad_word = c.stop_words.contains(word)
                    || glued_stop
                    || c.stop_words.contains(&ctx.text[tok.start..s])
                    || (c.stop_tags.contains(&tok.tag) && !c.name_words.contains(word));
                // A one-character suffix inside a word of the dictionary (避风港, 香港) is part of
                // that word, not a name's type, unless the word is a known name. A body's 部 or
                // 局 ending a dictionary word names the body (财政部, 外交部): those stay.
                let dictionary_word = suffix.chars().count() == 1
                    && kind != EntityType::Organization
                    && super::jieba().has_word(word)
                    && !gaz.iter().any(|g| g.start <= tok.start && g.end >= tok.end);
                // 西南部, 内部: a part or side of a place is no body.
                let part_of_place = kind == EntityType::Organization
                    && ctx
                        .ex
                        .lexicon
                        .suffix_rules
                        .not_bodies
                        .iter()
                        .any(|w| w == word);
                if bad_word
                    || dictionary_word
                    || part_of_place
                    || (suffix.chars().count() == 1 && !proper && !body_word)
                {
                    continue;
                }
            }
        }
        let floor = ctx.sentence_floor(s);
        let mut start = ctx.extend_left(s, floor, gaz);
        if kind == EntityType::Organization
            && let Some(from) = portfolio_list(ctx, gaz, floor, start, e)
        {
            start = from;
        }
        // 中国内蒙古文化旅游周系列活动: a name ending right where this suffix starts runs on
        // into it.
        if let Some((end, from)) = before_suffix
            && end == s
        {
            start = start.min(from);
        }
        before_suffix = Some((e, start));
        // 暨 joins two names into one event (纪念抗日战争暨世界反法西斯战争胜利80周年活动); any
        // other name starts after it (第二届中巴政党论坛暨中巴经济走廊政党共商机制).
        if kind != EntityType::Event
            && let Some(i) = ctx.text[start..s].rfind('暨')
        {
            start += i + '暨'.len_utf8();
        }
        // “感知中国”——中国内蒙古文化旅游周: a quoted motto and a dash open the name.
        if kind == EntityType::Event
            && let Some(lead) = ctx.text[floor..start].strip_suffix(['—', '－'])
            && let Some(motto) = lead.trim_end_matches(['—', '－']).strip_suffix('”')
            && let Some(open) = motto.rfind('“')
            && motto[open..].chars().count() <= 16
            && !motto[open..].contains(['，', '。', '、', '；'])
        {
            start = floor + open;
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
        // 孟外交部, 塔外交部: a state body after the one character that abbreviates a country
        // of the text is that country's body.
        let abbreviated_country = kind == EntityType::Organization
            && rules.state_bodies.iter().any(|b| b == suffix)
            && ctx.text[start..s].chars().count() == 1
            && ctx.starts_token(start)
            && ctx.country_by_abbreviation(&ctx.text[start..s]).is_some();
        // 外交部发言人, 外交部副部长: a state body's own word of three characters or more, named
        // bare, is a body (of the country the text is written from, as resolution finds); not
        // after words for several countries in its clause (两国外交部, 两国外长经常性接触和外交部
        // are both ministries), nor a cited source (外交部网站).
        let clause_before = {
            let before = &ctx.text[floor..s];
            before
                .rfind(['，', '。', '；', '：', ',', ';'])
                .map_or(before, |i| &before[i..])
        };
        let bare_state_body = kind == EntityType::Organization
            && start == s
            && suffix.chars().count() >= 3
            && rules.state_bodies.iter().any(|b| b == suffix)
            && ctx.starts_token(s)
            && !ctx
                .ex
                .lexicon
                .places
                .not_places
                .iter()
                .chain(&ctx.ex.lexicon.parties.collective)
                .any(|w| clause_before.contains(w.as_str()))
            && !rules
                .bare_body_not_before
                .iter()
                .any(|w| ctx.text[e..].starts_with(w.as_str()));
        if (ctx.text[start..s].chars().count() < min && !abbreviated_country && !bare_state_body)
            || counts_things(ctx, start)
            || (ctx
                .ex
                .lexicon
                .suffix_rules
                .generic_project_heads
                .iter()
                .any(|h| h == suffix)
                && only_kind_words(ctx, &ctx.text[start..s]))
        {
            continue;
        }
        // 同莱希总统两度会晤: a head after a count of times is an act done that often, no event's
        // name.
        if kind == EntityType::Event
            && rules
                .times_words
                .iter()
                .any(|w| ctx.text[start..s].ends_with(w.as_str()))
        {
            continue;
        }
        // 支持缅甸项目: a country's name and a project's generic head alone are that country's
        // projects, no project's name; so are its plans (巴基斯坦计划).
        let country_only = ctx.is_country_name(&ctx.text[start..s]);
        let generic_heads: &[String] = match kind {
            EntityType::Project => &rules.generic_project_heads,
            EntityType::Initiative => &rules.generic_initiative_heads,
            _ => &[],
        };
        if country_only && generic_heads.iter().any(|h| h == suffix) {
            continue;
        }
        // 中巴经济走廊重点项目: a known project or initiative and words of a kind of project
        // before a generic head name a class of its projects.
        if kind == EntityType::Project
            && generic_heads.iter().any(|h| h == suffix)
            && gaz.iter().any(|g| {
                g.start == start
                    && g.end < s
                    && matches!(
                        ctx.gaz_kind(g),
                        Some(EntityType::Project | EntityType::Initiative)
                    )
                    && only_words(&ctx.text[g.end..s], &rules.project_class_words)
            })
        {
            continue;
        }
        // Two countries' abbreviations and a body's own name (中斯外交部, 中巴议会) are the two
        // countries' bodies, not one body.
        let pair_of_countries = ctx.text[start..s].chars().count() == 2
            && ctx.text[start..s]
                .chars()
                .all(|ch| ctx.ex.gazetteer.by_abbreviation(&ch.to_string()).is_some());
        if kind == EntityType::Organization
            && pair_of_countries
            && rules.state_bodies.iter().any(|b| b == suffix)
        {
            continue;
        }
        // A known name already ending here is the name; what stands before it are modifiers
        // (高质量共建中巴经济走廊 → 中巴经济走廊) — unless a body's name stands before a known
        // body that many hold (达卡大学孔子学院: the Confucius Institute of that university).
        let owned_by_body = |m: &GazetteerMatch| {
            kind == EntityType::Organization
                && c.suffix_words.iter().zip(&c.suffix_types).any(|(w, t)| {
                    *t == EntityType::Organization
                        && w.chars().count() >= 2
                        && ctx.text[start..m.start].ends_with(w.as_str())
                })
        };
        if !abbreviated_country
            && gaz
                .iter()
                .any(|m| m.end == e && m.start > start && !owned_by_body(m))
        {
            continue;
        }
        let scoped = kind == EntityType::Organization
            && rules.scope_words.iter().any(|w| {
                ctx.text[start..s].starts_with(w.as_str())
                    && ctx.text[start + w.len()..s].chars().count() >= 2
            });
        // 总领事馆举行开馆仪式: a ceremony with no name of its own is the holder's, when the
        // holder stands right before the verb that holds it.
        let needs_proper = c.needs_proper.contains(suffix);
        // “四大全球倡议”: a name quoted whole, its head and all, is named by the quotes.
        let quoted_whole = (ctx.text[..start].ends_with(['“', '‘'])
            || ctx.text[start..].starts_with(['“', '‘']))
            && ctx.text[e..].starts_with(['”', '’']);
        let unnamed = (needs_proper || kind == EntityType::Event)
            && !quoted_whole
            && !ctx.has_proper_part(start, s, gaz);
        let held = kind == EntityType::Event && unnamed && ceremony_holder(ctx, start).is_some();
        if needs_proper && !scoped && !held && unnamed {
            continue;
        }
        if matches!(
            kind,
            EntityType::Initiative | EntityType::Document | EntityType::Organization
        ) && !abbreviated_country
            && ctx.is_one_common_word(start, s)
            && !ctx.names_two_parties(&ctx.text[start..s])
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
        // 东湾快速路二期项目 is 东湾快速路二期: 项目 after a complete project name adds nothing to
        // the name (resolve drops it: complete_project_name), though the text's words stay one
        // of its names.
        out.push(Candidate {
            start,
            end: e,
            kind,
            rule: if held { "held-ceremony" } else { "suffix" },
            entity: None,
        });
    }
    out
}

/// 孟加拉国灾害管理和救济部, 乌兹别克斯坦投资、工业与贸易部, 、海外就业促进与福利部部长: a
/// ministry's name lists its portfolios joined by 和, 与 or 、. When the body's name found so far
/// (from `start`) follows such a joiner, the list runs left over items of two to six characters,
/// with no known name inside, up to a country's name (which opens the body's name) or — when a
/// title follows the body (`end`) — up to a list mark. The new start, if the list is whole.
fn portfolio_list(
    ctx: &Ctx<'_>,
    gaz: &[GazetteerMatch],
    floor: usize,
    start: usize,
    end: usize,
) -> Option<usize> {
    let rules = &ctx.ex.lexicon.suffix_rules;
    let joiner_at = |pos: usize| {
        rules
            .portfolio_joiners
            .iter()
            .find(|j| ctx.text[floor..pos].ends_with(j.as_str()))
            .map(|j| pos - j.len())
    };
    let entries = ctx.ex.gazetteer.entries();
    let heads = &rules.portfolio_heads;
    // Only a ministry's name (…部), and one not opened by its country already (巴基斯坦商务部 in
    // 副首相贺南洪、巴基斯坦商务部 is a list's last item).
    if !heads.iter().any(|h| ctx.text[..end].ends_with(h.as_str()))
        || gaz
            .iter()
            .any(|g| g.start == start && entries[g.entry].kind == EntityType::Country)
    {
        return None;
    }
    let mut pos = joiner_at(start)?;
    let titled = ctx.ex.lexicon.title_at_start(&ctx.text[end..]).is_some();
    // Where the list starts if a 、 before an item marks a list of persons instead.
    let mut fallback = None;
    loop {
        // The item: Han characters back to a country's end, a joiner or a mark.
        let mut item_start = pos;
        for (i, ch) in ctx.text[floor..pos].char_indices().rev() {
            if !is_han(ch) {
                break;
            }
            let at = floor + i;
            if gaz.iter().any(|g| g.end == at + ch.len_utf8()) {
                break;
            }
            item_start = at;
            if joiner_at(at).is_some() {
                break;
            }
        }
        // 孟灾害管理与救助部: a country's one-character abbreviation opens the first item and
        // the body's name.
        let abbreviation = ctx.text[item_start..pos]
            .chars()
            .next()
            .filter(|c| {
                ctx.text[item_start + c.len_utf8()..pos].chars().count() >= 2
                    && ctx
                        .country_by_abbreviation(&c.to_string())
                        .is_some_and(|e| e.kind == EntityType::Country)
            })
            .map_or(0, char::len_utf8);
        let chars = ctx.text[item_start + abbreviation..pos].chars().count();
        // A portfolio is a common noun: no known name, person's name, title or body of its own
        // (大使王愚与…, 外交部、工贸部、公安部 are lists of their own).
        let item = &ctx.text[item_start + abbreviation..pos];
        let common = !heads.iter().any(|h| item.ends_with(h.as_str()))
            && !ctx
                .ex
                .lexicon
                .titles()
                .iter()
                .any(|(t, _)| item.contains(t.as_str()))
            && !ctx
                .ex
                .lexicon
                .phrases
                .people_nouns
                .iter()
                .any(|n| item.contains(n.as_str()))
            && !ctx
                .tokens_in(item_start + abbreviation, pos)
                .iter()
                .any(|t| {
                    (abbreviation == 0 || t.start >= item_start + abbreviation)
                        && matches!(t.tag.as_str(), "nr" | "nrt" | "nrfg" | "ns" | "nt")
                });
        if !(2..=6).contains(&chars)
            || !common
            || gaz.iter().any(|g| g.start < pos && g.end > item_start)
        {
            return fallback;
        }
        if abbreviation > 0 {
            return Some(item_start);
        }
        if let Some(next) = joiner_at(item_start) {
            if titled && ctx.text[floor..item_start].ends_with('、') {
                fallback = Some(item_start);
            }
            pos = next;
            continue;
        }
        // A country's name right before the list opens the body's name.
        if let Some(g) = gaz
            .iter()
            .find(|g| g.end == item_start && entries[g.entry].kind == EntityType::Country)
        {
            return Some(g.start);
        }
        let mark = ctx.text[floor..item_start]
            .chars()
            .next_back()
            .is_none_or(|c| "、，,：:；".contains(c));
        return (titled && mark).then_some(item_start).or(fallback);
    }
}

/// 东湾快速路二期项目, 马累-机场岛跨海大桥项目: a project's name ending in 项目 or 工程 after a
/// complete name of its own (a phase, or another project's suffix) is that complete name.
pub(super) fn complete_project_name<'n>(ctx: &Ctx<'_>, name: &'n str) -> Option<&'n str> {
    let c = &ctx.ex.compiled;
    let before = ["项目", "工程"]
        .iter()
        .find_map(|tail| name.strip_suffix(tail))?;
    let complete = before.ends_with('期')
        || c.suffix_words.iter().zip(&c.suffix_types).any(|(w, t)| {
            *t == EntityType::Project
                && !matches!(w.as_str(), "项目" | "工程")
                && before.ends_with(w.as_str())
                && before.len() > w.len()
        });
    complete.then_some(before)
}

/// The holder of an occasion whose name starts at `start` right after a verb that holds it
/// (尼泊尔驻成都总领事馆举行开馆仪式, 中国驻阿富汗使馆举办招待会): a mission, or a known body or
/// country ending right before the verb: the holder's Chinese name.
pub(super) fn ceremony_holder(ctx: &Ctx<'_>, start: usize) -> Option<String> {
    let before = &ctx.text[..start];
    let verb = ctx
        .ex
        .lexicon
        .events
        .holding_verbs
        .iter()
        .filter(|v| before.ends_with(v.as_str()))
        .max_by_key(|v| v.len())?;
    let at = start - verb.len();
    if let Some(m) = ctx.missions().iter().find(|m| m.end == at) {
        return m.names(ctx).0;
    }
    // A known name ending at the verb: looked for in the forty characters before it.
    let from = ctx.text[..at]
        .char_indices()
        .rev()
        .nth(39)
        .map_or(0, |(i, _)| i);
    let gaz = &ctx.ex.gazetteer;
    gaz.find(&ctx.text[from..at])
        .into_iter()
        .filter(|g| from + g.end == at)
        .filter(|g| {
            matches!(
                gaz.entries()[g.entry].kind,
                EntityType::Country | EntityType::Organization
            )
        })
        .min_by_key(|g| g.start)
        .and_then(|g| gaz.entries()[g.entry].zh.clone())
}

/// Whether `full` is the name that its first character `first` and its suffix `suffix` clip
/// (瓜港 of 瓜达尔港): at least two characters left out between them.
pub(super) fn clips(first: char, suffix: &str, full: &str) -> bool {
    full.starts_with(first)
        && full.ends_with(suffix)
        && full.chars().count() >= suffix.chars().count() + 3
}

/// 瓜港 where the text names 瓜达尔港: one character that opens a known name of the type, then
/// the suffix that ends it, is that name clipped, when a word starts at that character and no
/// other known name in the text opens and ends alike.
fn clipped(
    ctx: &Ctx<'_>,
    gaz: &[GazetteerMatch],
    s: usize,
    e: usize,
    kind: EntityType,
) -> Option<Candidate> {
    let first = ctx.text[..s].chars().next_back().filter(|&ch| is_han(ch))?;
    let start = s - first.len_utf8();
    if !ctx.starts_token(start) {
        return None;
    }
    let suffix = &ctx.text[s..e];
    let entries = ctx.ex.gazetteer.entries();
    let mut ids = gaz
        .iter()
        .filter(|m| m.start != start && entries[m.entry].kind == kind)
        .filter(|m| clips(first, suffix, &ctx.text[m.start..m.end]))
        .map(|m| entries[m.entry].id.as_str());
    let id = ids.next()?;
    if ids.any(|other| other != id) {
        return None;
    }
    Some(Candidate {
        start,
        end: e,
        kind,
        rule: "clipped",
        entity: Some(id.to_string()),
    })
}

/// Whether the words at `start` are a number and a measure word (73个培训班), or follow words
/// of an unnamed many (一系列重大国际合作倡议): a count or a kind of things, not a name.
fn counts_things(ctx: &Ctx<'_>, start: usize) -> bool {
    let rules = &ctx.ex.lexicon.suffix_rules;
    // 一系列重大国际合作倡议: an unnamed many before the words.
    let before = &ctx.text[..start];
    let before = rules
        .quantified_adjectives
        .iter()
        .find_map(|a| before.strip_suffix(a.as_str()))
        .unwrap_or(before);
    if rules
        .plural_quantifiers
        .iter()
        .any(|q| before.ends_with(q.as_str()))
    {
        return true;
    }
    // 若干谅解备忘录: a many opening the words is no name either.
    let text = &ctx.text[start..];
    if rules
        .plural_quantifiers
        .iter()
        .any(|q| text.starts_with(q.as_str()))
    {
        return true;
    }
    let text = rules
        .count_approximators
        .iter()
        .find_map(|w| text.strip_prefix(w.as_str()))
        .unwrap_or(text);
    let digits: usize = text
        .chars()
        .take_while(|c| c.is_ascii_digit() || "一二三四五六七八九十百千万两零几".contains(*c))
        .map(char::len_utf8)
        .sum();
    digits > 0
        && ctx
            .ex
            .lexicon
            .suffix_rules
            .counters
            .iter()
            .any(|w| text[digits..].starts_with(w.as_str()))
}

/// Whether `prefix` (the words before a project's generic head) is made of words that say what
/// kind a thing is and nothing else (惠民, 能源电力, “小而美”): no particular one is named. (Before
/// 走廊 such words do name: the five corridors 增长走廊, 民生走廊 … are names.)
fn only_kind_words(ctx: &Ctx<'_>, prefix: &str) -> bool {
    let words = &ctx.ex.lexicon.suffix_rules.generic_modifiers;
    // “小而美”项目: quotes around such words make them no name.
    let mut rest = prefix.trim_matches(['“', '”', '"']);
    if rest.is_empty() {
        return false;
    }
    while !rest.is_empty() {
        let Some(next) = words
            .iter()
            .filter_map(|w| rest.strip_prefix(w.as_str()))
            .min_by_key(|r| r.len())
        else {
            return false;
        };
        rest = next.trim_start_matches(['“', '”', '"', '、', '和', '与']);
    }
    true
}

/// Quotes and brackets a numbered event's name may hold, as (opening, closing) pairs.
const NAME_BRACKETS: [(char, char); 3] = [('“', '”'), ('（', '）'), ('(', ')')];

/// Numbered events: 第N次/届 … 会议/对话 and 首次会议, with the body named before them.
pub(super) fn numbered_events(ctx: &Ctx<'_>, gaz: &[GazetteerMatch]) -> Vec<Candidate> {
    let heads = &ctx.ex.lexicon.events.heads;
    let mut out = Vec::new();
    for m in ctx.ex.compiled.event_ordinal.find_iter(ctx.text) {
        let rest = &ctx.text[m.end()..];
        // Quoted and bracketed parts belong to the name (第七届尼泊尔“中国节”, 第二届加德满都
        // (中国—南亚)文化论坛).
        let window: String = rest
            .chars()
            .take_while(|c| is_name_char(*c) || "暨“”（）()".contains(*c))
            .take(30)
            .collect();
        // The name runs to the last head word reachable without punctuation, and stops at a
        // word joining two events held as one (暨): the second is named by its own ordinal.
        // A joining word followed by an ordinal starts a second event; otherwise it joins the
        // parts of one name (第二届中巴政党论坛暨中巴经济走廊政党共商机制会议).
        let joint = &ctx.ex.lexicon.events.joint_links;
        let ordinal = &ctx.ex.compiled.event_ordinal;
        let window = joint
            .iter()
            .filter_map(|j| {
                window.match_indices(j.as_str()).map(|(i, _)| i).find(|&i| {
                    ordinal
                        .find(&window[i + j.len()..])
                        .is_some_and(|o| o.start() == 0)
                })
            })
            .min()
            .map_or(window.as_str(), |cut| &window[..cut]);
        let mut end_in_window: Option<usize> = None;
        for (i, _) in window.char_indices() {
            if end_in_window.is_some_and(|e| i < e) {
                continue;
            }
            // A one-character head ends a word (中国节, not 节能).
            if let Some(h) = heads
                .iter()
                .filter(|h| window[i..].starts_with(h.as_str()))
                .filter(|h| h.chars().count() > 1 || ctx.ends_token(m.end() + i + h.len()))
                .max_by_key(|h| h.len())
            {
                let joined = end_in_window
                    .is_none_or(|e| joint.iter().any(|j| window[e..i].contains(j.as_str())));
                if joined {
                    end_in_window = Some(i + h.len());
                }
            }
        }
        let Some(mut len) = end_in_window else {
            continue;
        };
        // A head inside quotes or brackets ends the name at their close.
        for (open, close) in NAME_BRACKETS {
            let part = &window[..len];
            if part.matches(open).count() > part.matches(close).count()
                && window[len..].starts_with(close)
            {
                len += close.len_utf8();
            }
        }
        let part = &window[..len];
        // 首次以实体形式举办峰会: a verb holding the occasion makes the words a clause, no name.
        if ctx
            .ex
            .lexicon
            .events
            .holding_verbs
            .iter()
            .any(|v| part.contains(v.as_str()))
        {
            continue;
        }
        if NAME_BRACKETS
            .iter()
            .any(|&(o, c)| part.matches(o).count() != part.matches(c).count())
        {
            continue;
        }
        // …博览会暨第26届…交易会: the second of two events held as one starts at its ordinal.
        let second_of_two = joint
            .iter()
            .any(|j| ctx.text[..m.start()].ends_with(j.as_str()));
        let start = if second_of_two {
            m.start()
        } else {
            ctx.extend_left(m.start(), ctx.sentence_floor(m.start()), gaz)
        };
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
    if let Some(re) = &ctx.ex.compiled.counted_concepts {
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
    out
}

/// Anniversaries of a founding or of relations (`events.anniversaries`): occasions, so Events.
/// In Chinese the founder or the parties stand right before the matched words: a known country
/// or body (中华人民共和国成立70周年, 中国国庆72周年, two joined by 与 or 和), or 中 and a
/// country's abbreviation (中古建交62周年); with none of these (两国建交70周年 names no parties, and
/// in another text is another occasion) there is no candidate. In English the name after `of`
/// ends the occasion: a known name or a run of capitalised words (with `diplomatic relations`
/// after it), or diplomatic relations with the parties named they are between. An anniversary a clause only describes a year by
/// (恰逢…, this year marks …) is none.
pub(super) fn anniversaries(ctx: &Ctx<'_>, gaz: &[GazetteerMatch]) -> Vec<Candidate> {
    let events = &ctx.ex.lexicon.events;
    let mut out = Vec::new();
    for re in &ctx.ex.compiled.anniversaries {
        for m in re.find_iter(ctx.text) {
            let span = if m.as_str().is_ascii() {
                english_anniversary_end(ctx, gaz, m.end()).map(|end| (m.start(), end))
            } else {
                chinese_anniversary_start(ctx, gaz, m.start()).map(|start| (start, m.end()))
            };
            let Some((start, end)) = span else {
                continue;
            };
            // 中古建交62周年招待会, the Reception celebrating the 62nd Founding Anniversary of
            // …: the occasion held for the anniversary is the one named, and the one attended.
            let after = &ctx.text[end..];
            if events.heads.iter().any(|h| after.starts_with(h.as_str()))
                || events
                    .anniversary_occasions
                    .iter()
                    .any(|w| ctx.text[..start].ends_with(w.as_str()))
            {
                continue;
            }
            let clause = super::text::after_last(
                &ctx.text[..start],
                &['，', '。', '；', '！', '？', '\n', ',', ';', '.'],
            );
            if events
                .anniversary_descriptions
                .iter()
                .any(|w| ctx.text[clause..start].contains(w.as_str()))
            {
                continue;
            }
            out.push(Candidate {
                start,
                end,
                kind: EntityType::Event,
                rule: "anniversary",
                entity: None,
            });
        }
    }
    out
}

/// Names the rules' `name_pattern`s find whole: each match's first group, or the match itself.
pub(super) fn patterned(ctx: &Ctx<'_>) -> Vec<Candidate> {
    let mut out = Vec::new();
    for (re, kind) in &ctx.ex.compiled.name_patterns {
        for caps in re.captures_iter(ctx.text) {
            let Some(m) = caps.get(1).or_else(|| caps.get(0)) else {
                continue;
            };
            out.push(Candidate {
                start: m.start(),
                end: m.end(),
                kind: *kind,
                rule: "name-pattern",
                entity: None,
            });
        }
    }
    out
}

/// A party's numbered plenary sessions and congresses (`events.party_sessions`,
/// `events.party_congresses`): 二十届三中全会, 中国共产党二十届三中全会 (the known party right
/// before joins the name), 越共十三大, 党的二十大. A congress needs its party before it, and no
/// word going on after it (大使).
pub(super) fn party_sessions(ctx: &Ctx<'_>, gaz: &[GazetteerMatch]) -> Vec<Candidate> {
    let events = &ctx.ex.lexicon.events;
    let c = &ctx.ex.compiled;
    let party_before = |at: usize| {
        gaz.iter().find(|g| {
            g.end == at
                && ctx.gaz_kind(g) == Some(EntityType::Organization)
                && events
                    .party_name_endings
                    .iter()
                    .any(|e| ctx.text[g.start..g.end].ends_with(e.as_str()))
        })
    };
    // Whether a match's start cuts into a numeral (第二十届 matched from 十届).
    let whole = |at: usize| {
        !ctx.text[..at]
            .chars()
            .next_back()
            .is_some_and(|ch| "第一二三四五六七八九十".contains(ch))
    };
    let session = |start: usize, end: usize| Candidate {
        start,
        end,
        kind: EntityType::Event,
        rule: "party-session",
        entity: None,
    };
    let mut out = Vec::new();
    for re in &c.party_sessions {
        for m in re.find_iter(ctx.text) {
            if whole(m.start()) {
                let start = party_before(m.start()).map_or(m.start(), |g| g.start);
                out.push(session(start, m.end()));
            }
        }
    }
    for re in &c.party_congresses {
        for m in re.find_iter(ctx.text) {
            let goes_on = ctx.text[m.end()..]
                .chars()
                .next()
                .is_some_and(|ch| events.party_congress_not_before.contains(ch));
            if !whole(m.start()) || goes_on {
                continue;
            }
            let owned = events
                .party_owner_words
                .iter()
                .any(|w| ctx.text[..m.start()].ends_with(w.as_str()));
            let start = match party_before(m.start()) {
                Some(g) => g.start,
                None if owned => m.start(),
                None => continue,
            };
            out.push(session(start, m.end()));
        }
    }
    out
}

/// 中华人民共和国和柬埔寨王国关于构建…、落实…的联合声明 heading a text: a joint text's title,
/// printed alone at the text's start (or after its dateline, or at a line's start among its
/// first lines), opens with a known country, says what the text is about (关于…的) and runs to
/// the first document head word after it with no mark of a sentence between — the whole stretch
/// is its name, whatever marks of a list (、) its subject holds.
pub(super) fn title_lines(ctx: &Ctx<'_>, gaz: &[GazetteerMatch]) -> Vec<Candidate> {
    let Some(heads) = ctx.ex.lexicon.suffixes.get(&EntityType::Document) else {
        return Vec::new();
    };
    let subject = ctx.ex.lexicon.suffix_rules.title_subject.as_slice();
    let text = ctx.text;
    // The largest character boundary at or before `n`.
    let cut = |s: &str, n: usize| {
        (0..=n.min(s.len()))
            .rev()
            .find(|&i| s.is_char_boundary(i))
            .unwrap_or(0)
    };
    let window = cut(text, 600);
    // Where a title may start: the text's start, a line's start, the end of a dateline.
    let mut starts = vec![0];
    starts.extend(
        text[..window]
            .match_indices('\n')
            .map(|(i, _)| i + 1)
            .filter(|&i| i < text.len()),
    );
    if let Some(dateline) = ctx
        .ex
        .compiled
        .dateline
        .as_ref()
        .and_then(|re| re.find(&text[..window]))
    {
        starts.push(dateline.end());
    }
    let mut out = Vec::new();
    for start in starts {
        let start = start + (text[start..].len() - text[start..].trim_start().len());
        let opens_with_country = gaz
            .iter()
            .any(|g| g.start == start && ctx.gaz_kind(g) == Some(EntityType::Country));
        if !opens_with_country {
            continue;
        }
        let stretch: &str = {
            let rest = &text[start..];
            let stop = rest
                .find([
                    '。', '，', '；', '：', ',', ';', ':', '！', '？', '《', '\n', '(',
                ])
                .unwrap_or(rest.len());
            &rest[..cut(rest, stop.min(450))]
        };
        // The first head word's end, the longest head ending there.
        let end = heads
            .iter()
            .filter_map(|h| stretch.find(h.as_str()).map(|i| i + h.len()))
            .min();
        // A title says what the text is about (关于…的联合声明); a headline ending in a head word
        // (三国元首视频祝贺…政府间协定签署) states an act, and is no title.
        let Some(end) = end.filter(|&e| {
            let name = &text[start..start + e];
            name.chars().count() <= 150
                && matches!(subject, [open, close] if name.contains(open.as_str())
                    && heads.iter().any(|h| name.ends_with(&format!("{close}{h}"))))
        }) else {
            continue;
        };
        if !out.iter().any(|c: &Candidate| c.start == start) {
            out.push(Candidate {
                start,
                end: start + end,
                kind: EntityType::Document,
                rule: "title-line",
                entity: None,
            });
        }
    }
    out
}

/// Whether a known name can found or be party to what an anniversary marks: a country or body.
fn founder(ctx: &Ctx<'_>, g: &GazetteerMatch) -> bool {
    matches!(
        ctx.gaz_kind(g),
        Some(EntityType::Country | EntityType::Organization)
    )
}

/// Where the founder or the parties of a Chinese anniversary whose words start at `at` begin.
fn chinese_anniversary_start(ctx: &Ctx<'_>, gaz: &[GazetteerMatch], at: usize) -> Option<usize> {
    let named = |end: usize| {
        gaz.iter()
            .filter(|g| g.end == end && founder(ctx, g))
            .map(|g| g.start)
            .min()
    };
    if let Some(start) = named(at) {
        // 中国与吉尔吉斯斯坦建交30周年: two parties joined by a partner word or a list's link.
        let phrases = &ctx.ex.lexicon.phrases;
        let joined = phrases
            .partner_links
            .iter()
            .chain(phrases.list_links.iter().filter(|l| !l.is_ascii()))
            .find_map(|c| {
                let link = start.checked_sub(c.len())?;
                (ctx.text.get(link..start) == Some(c.as_str())).then_some(link)
            });
        return Some(joined.and_then(named).unwrap_or(start));
    }
    let before = &ctx.text[..at];
    // 两国建交70周年 names no parties: the same words in another text are another occasion.
    // 中古建交62周年: the pair's first word (`parties.title_pair_first`) and the other party's
    // abbreviation.
    let pair_first = &ctx.ex.lexicon.parties.title_pair_first;
    let (other_at, other) = before.char_indices().next_back()?;
    let other = other.to_string();
    let first_at = pair_first.iter().find_map(|f| {
        before[..other_at]
            .strip_suffix(f.as_str())
            .map(|rest| rest.len())
    })?;
    (ctx.ex.gazetteer.by_abbreviation(&other).is_some() && !pair_first.contains(&other))
        .then_some(first_at)
}

/// Where an English anniversary's name ends, from `from` (just after `of`, or `of the`).
fn english_anniversary_end(ctx: &Ctx<'_>, gaz: &[GazetteerMatch], from: usize) -> Option<usize> {
    let rest = &ctx.text[from..];
    let relations_words = &ctx.ex.lexicon.events.anniversary_relations;
    // diplomatic relations between the two countries, … ties between China and Nepal
    let relations = |at: usize| -> Option<usize> {
        let r = &ctx.text[at..];
        let w = relations_words.iter().find(|w| r.starts_with(w.as_str()))?;
        let end = at + w.len();
        // between China and Nepal: one run holds both parties and the `and`. Relations between
        // the two countries name no parties: the same words in another text are another
        // occasion.
        let t = ctx.text[end..].strip_prefix(" between ")?;
        let run = capitalised_run(t);
        t[..run]
            .contains(" and ")
            .then_some(end + " between ".len() + run)
    };
    if relations_words.iter().any(|w| rest.starts_with(w.as_str())) {
        return relations(from);
    }
    let known = gaz
        .iter()
        .filter(|g| g.start == from && founder(ctx, g))
        .map(|g| g.end)
        .max();
    let end = known.unwrap_or(from + capitalised_run(rest));
    if end == from {
        return None;
    }
    // China-Pakistan diplomatic relations: the parties before the relations.
    let relations_after = |end: usize| {
        let r = ctx.text[end..].strip_prefix(' ')?;
        relations_words
            .iter()
            .find(|w| r.starts_with(w.as_str()))
            .map(|w| end + 1 + w.len())
    };
    Some(relations_after(end).unwrap_or(end))
}

/// The length of the run of capitalised words opening `s` (with `of`, `the`, `and` inside it,
/// not at its end).
fn capitalised_run(s: &str) -> usize {
    let mut end = 0;
    let mut at = 0;
    for word in s.split(' ') {
        let bare = word.trim_end_matches([',', '.', ';', ':', ')', '"', '”']);
        if bare.starts_with(|c: char| c.is_ascii_uppercase()) {
            end = at + bare.len();
            if bare.len() != word.len() {
                break;
            }
        } else if !matches!(word, "of" | "the" | "and") || end == 0 {
            break;
        }
        at += word.len() + 1;
    }
    end
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
            word.chars().count() >= 2
                && word.chars().all(is_han)
                && !ctx.ex.lexicon.places.names_no_place(word)
        })
        .filter(|t| !gaz.iter().any(|m| m.start < t.end && t.start < m.end))
        // 阿富汗友好邻邦: a word jieba reads as a person's name that is two words of its
        // dictionary (友好, 邻邦) is a phrase, no place.
        .filter(|t| t.tag == "ns" || !two_dictionary_words(&ctx.text[t.start..t.end]))
        .filter(|t| {
            !other_countries.iter().any(|c| {
                c.kind == EntityType::Country
                    && ctx.text[c.start..c.end] == ctx.text[t.start..t.end]
            })
        })
        .flat_map(|t| {
            let end = subdivision_end(ctx, t.end);
            let first = Candidate {
                start: t.start,
                end,
                kind: EntityType::Place,
                rule: "tagged-place",
                entity: None,
            };
            let mut out = vec![first];
            out.extend(listed_subdivisions(ctx, gaz, t.start, end));
            out
        })
        .collect()
}

/// 老挝丰沙里省、琅南塔省、乌多姆赛省和华潘省: the places listed after one found after its country,
/// each ending in the same subdivision word (省, 州 …), are places as well.
fn listed_subdivisions(
    ctx: &Ctx<'_>,
    gaz: &[GazetteerMatch],
    start: usize,
    end: usize,
) -> Vec<Candidate> {
    let rules = &ctx.ex.lexicon.places;
    let Some(ending) = rules
        .subdivision_endings
        .iter()
        .find(|x| ctx.text[start..end].ends_with(x.as_str()))
    else {
        return Vec::new();
    };
    let links = &ctx.ex.lexicon.phrases.list_links;
    let mut out = Vec::new();
    let mut at = end;
    loop {
        let rest = &ctx.text[at..];
        let Some(link) = links
            .iter()
            .filter(|l| !l.is_ascii())
            .find(|l| rest.starts_with(l.as_str()))
        else {
            break;
        };
        let from = at + link.len();
        let item: String = ctx.text[from..]
            .chars()
            .take_while(|&c| is_han(c))
            .take(8)
            .collect();
        let Some(i) = item.find(ending.as_str()) else {
            break;
        };
        let item_end = from + i + ending.len();
        let n = ctx.text[from..item_end].chars().count();
        if !(3..=7).contains(&n)
            || !ctx.starts_token(from)
            || gaz.iter().any(|m| m.start < item_end && from < m.end)
        {
            break;
        }
        out.push(Candidate {
            start: from,
            end: item_end,
            kind: EntityType::Place,
            rule: "tagged-place",
            entity: None,
        });
        at = item_end;
    }
    out
}

/// 阿克纠宾州 after 哈萨克斯坦: a place jieba cut short, run on by characters that write
/// sounds to a subdivision's ending (州, 省 …) within a few characters; `end` otherwise.
fn subdivision_end(ctx: &Ctx<'_>, end: usize) -> usize {
    let rules = &ctx.ex.lexicon.places;
    let sounds = &ctx.ex.lexicon.persons.transliteration_chars;
    let rest = &ctx.text[end..];
    for (i, c) in rest.char_indices().take(4) {
        let here = &rest[i..];
        if i > 0
            && rules
                .subdivision_endings
                .iter()
                .any(|x| here.starts_with(x.as_str()))
        {
            return end + i + c.len_utf8();
        }
        if !sounds.contains(c) {
            break;
        }
    }
    end
}

/// Whether `word` is two words of jieba's dictionary of two characters or more each (友好邻邦).
fn two_dictionary_words(word: &str) -> bool {
    let jieba = super::jieba();
    word.char_indices().skip(2).any(|(i, _)| {
        word[i..].chars().count() >= 2 && jieba.has_word(&word[..i]) && jieba.has_word(&word[i..])
    })
}
