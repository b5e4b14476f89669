//! Person names in Chinese text the gazetteer does not know: transliterations joined by · or -
//! (夏巴兹·谢里夫), names jieba tags beside a title, and Chinese names found by their family name
//! beside a title (大使姜再冬出席, 姜再冬大使表示, 中央纪委书记李希会见).

use std::collections::BTreeSet;
use std::sync::OnceLock;

use regex::Regex;

use super::Ctx;
use super::boundary::is_han;
use super::gazetteer::{GazetteerEntry, GazetteerMatch};
use super::names::{Candidate, regex};
use crate::model::EntityType;

/// Persons named next to a title: a family name from the rules and one or two more characters,
/// after the title (ended by a stop word, a title or a mark) or before it (started after a mark
/// or a stop word).
pub(super) fn surnamed_persons(ctx: &Ctx<'_>) -> Vec<Candidate> {
    let surnames = &ctx.ex.lexicon.persons.surnames;
    if surnames.is_empty() {
        return Vec::new();
    }
    let mut out = Vec::new();
    for m in ctx.ex.compiled.titles.find_iter(ctx.text) {
        // 习近平主席贺信: a title after a known person's name is that person's; what follows
        // it names no one.
        let after = (!person_before(ctx, m.start()))
            .then(|| name_after(ctx, m.end()))
            .flatten();
        for span in [after, name_before(ctx, m.start())].into_iter().flatten() {
            if !out.iter().any(|c: &Candidate| (c.start, c.end) == span) {
                out.push(Candidate {
                    start: span.0,
                    end: span.1,
                    kind: EntityType::Person,
                    rule: "surname-person",
                    entity: None,
                });
            }
        }
    }
    out
}

/// 民族院副议长埃达昂出席了招待会: a transliterated name jieba cuts into pieces none of which it
/// reads as a name of two characters, right after a title: three to eight characters that all
/// write sounds (`persons.transliteration_chars`), ended as [`sound_run`] ends a name (a mark, a
/// list link, a word that ends names), neither a known name nor a part of one, after no title of
/// a country whose officials have Chinese names.
pub(super) fn sounded_persons(ctx: &Ctx<'_>) -> Vec<Candidate> {
    let sounds = &ctx.ex.lexicon.persons.transliteration_chars;
    let phrases = &ctx.ex.lexicon.phrases;
    let mut out = Vec::new();
    for m in ctx.ex.compiled.titles.find_iter(ctx.text) {
        // 中国大使阿里夫: China's officials have Chinese names, found by the family-name rules.
        if person_before(ctx, m.start())
            || !ctx.starts_token(m.end())
            || native_country_before(ctx, m.start())
        {
            continue;
        }
        let rest = &ctx.text[m.end()..];
        let run: Vec<(usize, char)> = rest
            .char_indices()
            .take_while(|(_, c)| sounds.contains(*c))
            .take(9)
            .collect();
        // The longest run that ends a name, of three to eight characters.
        let end = (3..=run.len().min(8)).rev().find_map(|n| {
            let len = run[n - 1].0 + run[n - 1].1.len_utf8();
            let after = &rest[len..];
            let ends = after
                .chars()
                .next()
                .is_none_or(|c| !is_han(c) && !"·•-".contains(c))
                || phrases
                    .list_links
                    .iter()
                    .chain(&phrases.partner_links)
                    .chain(&ctx.ex.lexicon.persons.right_stops)
                    .any(|w| after.starts_with(w.as_str()));
            (ends && ctx.ends_token(m.end() + len)).then_some(len)
        });
        let Some(len) = end else { continue };
        let name = &rest[..len];
        // A part of a known name (谢里夫, 莫尼列) is the short-name rule's to resolve.
        if ctx
            .ex
            .gazetteer
            .find(name)
            .iter()
            .any(|g| g.end - g.start >= 2 * 3)
            || ctx.ex.gazetteer.is_name_part(name)
            || ctx.names_body(name)
        {
            continue;
        }
        out.push(Candidate {
            start: m.end(),
            end: m.end() + len,
            kind: EntityType::Person,
            rule: "titled-person",
            entity: None,
        });
    }
    out
}

/// 王沪宁、吴政隆等参加会见: the names a readout's closing line lists before the words that say they
/// were present (`persons.presence_words`), each a family name of the rules and one or two more
/// characters, between marks of the list, with no title (a titled name is found by its title).
pub(super) fn present_at_meeting(ctx: &Ctx<'_>) -> Vec<Candidate> {
    let persons = &ctx.ex.lexicon.persons;
    let mut out = Vec::new();
    for word in &persons.presence_words {
        for (at, _) in ctx.text.match_indices(word.as_str()) {
            let before = &ctx.text[..at];
            let before = before.strip_suffix('等').unwrap_or(before);
            let clause_start = before
                .rfind(['。', '，', '；', '：', '\n', ',', ';'])
                .map_or(0, |i| {
                    i + before[i..].chars().next().map_or(1, char::len_utf8)
                });
            let mut from = clause_start;
            for part in before[clause_start..].split('、') {
                let (start, end) = (from, from + part.len());
                from = end + '、'.len_utf8();
                let n = part.chars().count();
                let surname = persons
                    .surnames
                    .iter()
                    .filter(|f| part.starts_with(f.as_str()))
                    .map(|f| f.chars().count())
                    .max();
                let named = (2..=4).contains(&n)
                    && part.chars().all(is_han)
                    && surname.is_some_and(|f| (1..=2).contains(&(n - f)));
                if named
                    && !out
                        .iter()
                        .any(|c: &Candidate| (c.start, c.end) == (start, end))
                {
                    out.push(Candidate {
                        start,
                        end,
                        kind: EntityType::Person,
                        rule: "surname-person",
                        entity: None,
                    });
                }
            }
        }
    }
    out
}

/// 侯大使在致辞中表示, 齐大使指出: a family name alone before a title, opening a sentence or a
/// clause, refers to the person of that family name the text named in full. Resolution keeps it
/// only when the text names exactly one such person.
pub(super) fn surname_references(ctx: &Ctx<'_>) -> Vec<Candidate> {
    let surnames = &ctx.ex.lexicon.persons.surnames;
    let mut out = Vec::new();
    for m in ctx.ex.compiled.titles.find_iter(ctx.text) {
        let before = &ctx.text[..m.start()];
        let Some(surname) = surnames
            .iter()
            .filter(|s| before.ends_with(s.as_str()))
            .max_by_key(|s| s.len())
        else {
            continue;
        };
        let start = m.start() - surname.len();
        let opens = ctx.text[..start]
            .chars()
            .next_back()
            .is_none_or(|c| !is_han(c));
        if opens && ctx.starts_token(start) {
            out.push(Candidate {
                start,
                end: m.start(),
                kind: EntityType::Person,
                rule: "surname-reference",
                entity: None,
            });
        }
    }
    out
}

/// Foreign officials named right after their country and title by characters that write
/// sounds (吉尔吉斯斯坦总统扎帕罗夫, 乌兹别克斯坦总统米尔济约耶夫视频祝贺): the longest run of
/// three to eight such characters, ended by a mark or a character outside the set.
pub(super) fn foreign_officials(ctx: &Ctx<'_>) -> Vec<Candidate> {
    let sounds = &ctx.ex.lexicon.persons.transliteration_chars;
    if sounds.is_empty() {
        return Vec::new();
    }
    let gaz = &ctx.ex.gazetteer;
    let mut out = Vec::new();
    for m in ctx.ex.compiled.titles.find_iter(ctx.text) {
        // 教育部秘书巴特拉伊: a title found first (部秘) may hide a longer one starting inside it
        // (秘书) that ends later: the name starts after that one.
        let (title_start, title_end) =
            super::text::reaching_further(ctx.text, m.start(), m.end(), |at| {
                let (t, _) = ctx.ex.lexicon.title_at_start(&ctx.text[at..])?;
                Some((at + t.len(), ()))
            })
            .map_or((m.start(), m.end()), |(s, e, ())| (s, e));
        let before = &ctx.text[..title_start];
        let native = &ctx.ex.lexicon.persons.native_countries;
        let foreign_country = |g: &GazetteerMatch| {
            let e = &gaz.entries()[g.entry];
            e.kind == EntityType::Country && !native.contains(&e.id)
        };
        let foreign = foreign_country_before(ctx, title_start);
        // 柬埔寨国王西哈莫尼、太后莫尼列: a later item of a list in the clause keeps the
        // country of the first, named before its title.
        let listed = before.ends_with('、') && {
            let clause_start = before.rfind(['，', '。', '；', '：', '\n']).map_or(0, |i| {
                i + before[i..].chars().next().map_or(1, char::len_utf8)
            });
            let clause = &before[clause_start..];
            // 马外交部长杜妮亚、国防部长沙里夫、外秘阿里: the first named by its abbreviation.
            let abbreviated = clause.chars().next().is_some_and(|c| {
                ctx.country_by_abbreviation(&c.to_string())
                    .is_some_and(|e| e.kind == EntityType::Country && !native.contains(&e.id))
                    && ctx
                        .ex
                        .lexicon
                        .title_at_start(&clause[c.len_utf8()..])
                        .is_some()
            });
            abbreviated
                || gaz.find(clause).iter().any(|g| {
                    foreign_country(g) && ctx.ex.lexicon.title_at_start(&clause[g.end..]).is_some()
                })
        };
        let foreign = foreign || listed || foreign_abbreviation_before(ctx, title_start);
        // 参议院第一副主席萨法耶夫: with no country named before the title, a run of three or more
        // such characters, ended by a mark or a word that ends names and ending as foreign names
        // do (夫, 尔, 斯 …), is a foreign name all the same; a country before the title decides
        // otherwise.
        let unowned = !foreign && !country_in_window(ctx, title_start);
        if !foreign && !unowned {
            continue;
        }
        let rest = &ctx.text[title_end..];
        let run = sounded_run(ctx, rest);
        let next = rest[run..].chars().next();
        let name = &rest[..run];
        // Two characters name a person only when the name is plainly ended — by a mark or a
        // word that ends names (印度外交国务部长辛格出席) — and jieba knows them as no other word.
        let stop_after = ctx
            .ex
            .lexicon
            .persons
            .right_stops
            .iter()
            .filter(|w| rest[run..].starts_with(w.as_str()))
            .map(|w| w.chars().count())
            .max();
        // 曼温凯丹夫妇, 梭温副大将: a word only names stand before ends the name for sure.
        let marked = ctx
            .ex
            .lexicon
            .persons
            .name_markers
            .iter()
            .any(|w| rest[run..].starts_with(w.as_str()));
        let plainly_ended = next.is_none_or(|c| "、，。；：".contains(c))
            || stop_after.is_some_and(|n| n >= 2)
            || marked;
        let other_word = ctx
            .token_spanning(title_end, title_end + run)
            .is_some_and(|t| !t.tag.starts_with("nr"));
        let short_ok =
            name.chars().count() == 2 && plainly_ended && ((!other_word && !unowned) || marked);
        // …副外长海达罗夫等: for a name with no country before it, any word that ends names
        // ends it plainly.
        let ended = plainly_ended || stop_after.is_some();
        if unowned && !marked && !(name.chars().count() >= 3 && ended && ends_as_foreign(ctx, name))
        {
            continue;
        }
        // A part of a known person's name is the short-name rule's to resolve (谢里夫), unless
        // no one known by it ever held an office of this title (部长亚达夫 is not President
        // Ram Baran Yadav).
        let title = &ctx.text[title_start..title_end];
        if (name.chars().count() < 3 && !short_ok)
            || next.is_some_and(|c| "·•-".contains(c))
            || (gaz.is_name_part(name) && known_part_may_hold(ctx, name, title))
        {
            continue;
        }
        out.push(Candidate {
            start: title_end,
            end: title_end + run,
            kind: EntityType::Person,
            rule: "foreign-official",
            entity: None,
        });
        // 副主席马姆苏罗夫、卡萨诺夫: names listed after the first share its title — each a run
        // of three or more such characters ending as foreign names do, ended by a mark or a
        // word that ends names.
        let mut at = title_end + run;
        while let Some(item) = ctx.text[at..].strip_prefix('、') {
            let len = sounded_run(ctx, item);
            let name = &item[..len];
            let after = &item[len..];
            let ended = after
                .chars()
                .next()
                .is_none_or(|c| "、，。；：".contains(c))
                || ctx
                    .ex
                    .lexicon
                    .persons
                    .right_stops
                    .iter()
                    .any(|w| after.starts_with(w.as_str()));
            if name.chars().count() < 3 || !ended || !ends_as_foreign(ctx, name) {
                break;
            }
            let start = at + '、'.len_utf8();
            out.push(Candidate {
                start,
                end: start + len,
                kind: EntityType::Person,
                rule: "foreign-official",
                entity: None,
            });
            at = start + len;
        }
    }
    // 同托卡耶夫总统举行会见: the same run right before a title, started by a character outside
    // the set; four characters at least, as no Chinese name is written in these alone.
    for m in ctx.ex.compiled.titles.find_iter(ctx.text) {
        let before = &ctx.text[..m.start()];
        let mut start = m.start();
        for (i, c) in before.char_indices().rev().take(8) {
            if !sounds.contains(c) {
                break;
            }
            start = i;
        }
        // The name starts after a mark or a word that names start after (同托卡耶夫总统); where
        // none does (感谢托卡耶夫总统), where it starts is unsure and nothing is found.
        while start < m.start() && !starts_name(ctx, start) {
            start += ctx.text[start..].chars().next().map_or(1, char::len_utf8);
        }
        let name = &ctx.text[start..m.start()];
        let opened = before[..start]
            .chars()
            .next_back()
            .is_none_or(|c| !"·•-".contains(c));
        // A known name ending the run (吉尔吉斯斯坦总统) is the country or body the title is of.
        let known_end = gaz.find(name).iter().any(|g| g.end == name.len());
        if name.chars().count() >= 4
            && opened
            && !known_end
            && !gaz.is_name_part(name)
            && !out
                .iter()
                .any(|c: &Candidate| c.start < m.start() && start < c.end)
        {
            out.push(Candidate {
                start,
                end: m.start(),
                kind: EntityType::Person,
                rule: "foreign-official",
                entity: None,
            });
        }
    }
    out
}

/// Whether a known person whose name opens or ends with `part` held an office named by
/// `title`, or has no offices on record: then `part` after `title` may be that person.
fn known_part_may_hold(ctx: &Ctx<'_>, part: &str, title: &str) -> bool {
    // The short-name rule reads first and last parts only (瓦希德 in the middle of a known
    // name is none of its), and the short names the gazetteer gives (马雷罗 for 曼努埃尔·马雷罗·
    // 克鲁斯).
    let owners: Vec<&GazetteerEntry> = ctx
        .ex
        .gazetteer
        .name_part_owners(part)
        .filter(|e| {
            let zh = e.zh.as_deref().unwrap_or_default();
            zh.starts_with(part) || zh.ends_with(part) || e.aliases_zh.iter().any(|a| a == part)
        })
        .collect();
    let holds = |e: &&GazetteerEntry| e.roles.iter().any(|r| r.role.ends_with(title));
    // One owner is that person unless their offices say otherwise; of several (阿里 is many
    // people's name), one who held an office of this title may be meant (the short-name rule
    // tells which by the date), and none with no such office is.
    match owners.as_slice() {
        [one] => one.roles.is_empty() || holds(one),
        _ => owners.iter().any(holds),
    }
}

/// The length of the run of characters that write sounds at the start of `text` (eight at
/// most): it ends at a character outside the set, or where a word that ends names starts
/// (阿尔维于3月: 于).
fn sounded_run(ctx: &Ctx<'_>, text: &str) -> usize {
    let sounds = &ctx.ex.lexicon.persons.transliteration_chars;
    let stops = &ctx.ex.lexicon.persons.right_stops;
    let mut run = 0;
    for (i, c) in text.char_indices().take(8) {
        if !sounds.contains(c) || (i > 0 && stops.iter().any(|w| text[i..].starts_with(w.as_str())))
        {
            break;
        }
        run = i + c.len_utf8();
    }
    run
}

/// Whether `name` ends as foreign names written by their sound do (夫, 尔, 斯 …).
fn ends_as_foreign(ctx: &Ctx<'_>, name: &str) -> bool {
    ctx.ex
        .lexicon
        .persons
        .transliteration_endings
        .iter()
        .any(|e| name.ends_with(e.as_str()))
}

/// Whether the title at `pos` is of a country whose officials have no Chinese names: the
/// country ends right before it (吉尔吉斯斯坦总统) or before the body or post the title is of
/// (巴基斯坦陆军参谋长, 巴基斯坦驻华大使), within the sixteen characters before it and with no mark
/// between.
fn foreign_country_before(ctx: &Ctx<'_>, pos: usize) -> bool {
    country_before(ctx, pos, false)
}

/// Whether a country whose officials have Chinese names (`persons.native_countries`) is named
/// right before `pos` (中国驻巴基斯坦大使: the title is China's).
fn native_country_before(ctx: &Ctx<'_>, pos: usize) -> bool {
    country_before(ctx, pos, true)
}

/// Whether a country, one of `persons.native_countries` or not as `native` says, ends within the
/// sixteen characters before `pos` with only Han characters after it (斯里兰卡发展战略与国际贸易
/// 部长: a ministry's name may stand between).
fn country_before(ctx: &Ctx<'_>, pos: usize, native: bool) -> bool {
    let natives = &ctx.ex.lexicon.persons.native_countries;
    let (window, found) = known_before(ctx, pos, 16);
    found.iter().any(|(g, e)| {
        window[g.end..].chars().all(is_han)
            && e.kind == EntityType::Country
            && natives.contains(&e.id) == native
    })
}

/// The twelve (or `chars`) characters before `pos` and the gazetteer's names found in them,
/// with their entries.
fn known_before<'t, 'g>(
    ctx: &'g Ctx<'t>,
    pos: usize,
    chars: usize,
) -> (&'t str, Vec<(GazetteerMatch, &'g GazetteerEntry)>) {
    let before = &ctx.text[..pos];
    let from = before
        .char_indices()
        .rev()
        .nth(chars - 1)
        .map_or(0, |(i, _)| i);
    let window = &before[from..];
    let gaz = &ctx.ex.gazetteer;
    let found = gaz
        .find(window)
        .into_iter()
        .map(|g| {
            let e = &gaz.entries()[g.entry];
            (g, e)
        })
        .collect();
    (window, found)
}

/// Whether a known name of one of `kinds` ends right at `pos`, within `chars` characters
/// before it (习近平主席: a person; 巴基斯坦陆军参谋长: a country or body).
fn known_ending_at(ctx: &Ctx<'_>, pos: usize, chars: usize, kinds: &[EntityType]) -> bool {
    let (window, found) = known_before(ctx, pos, chars);
    found
        .iter()
        .any(|(g, e)| g.end == window.len() && kinds.contains(&e.kind))
}

/// Whether a known person's name ends right at `pos` (习近平主席: the title after it is theirs).
fn person_before(ctx: &Ctx<'_>, pos: usize) -> bool {
    known_ending_at(ctx, pos, 16, &[EntityType::Person])
}

/// Whether a foreign country's one-character abbreviation opens the words before the title
/// at `pos` (乌总理, 尼副总统, 尼军总参谋长): right after a mark or the start, within eight
/// characters of the title, Han characters between.
fn foreign_abbreviation_before(ctx: &Ctx<'_>, pos: usize) -> bool {
    let before = &ctx.text[..pos];
    let start = before
        .char_indices()
        .rev()
        .take_while(|(_, c)| is_han(*c))
        .take(8)
        .last()
        .map_or(pos, |(i, _)| i);
    let opened = before[..start]
        .chars()
        .next_back()
        .is_none_or(|c| !is_han(c));
    let native = &ctx.ex.lexicon.persons.native_countries;
    let abbreviated_at = |start: usize| {
        start < pos
            && before[start..]
                .chars()
                .next()
                .and_then(|c| ctx.country_by_abbreviation(&c.to_string()))
                .is_some_and(|e| !native.contains(&e.id))
            && ctx
                .ex
                .gazetteer
                .find(&before[start..])
                .iter()
                .all(|g| g.start > 0)
    };
    if opened && abbreviated_at(start) {
        return true;
    }
    // 姚文大使和孟灾害管理与救助部国务部长拉赫曼: the abbreviated body after a list's link,
    // within twelve characters of the title, ending in a body's suffix.
    let links = &ctx.ex.lexicon.phrases.list_links;
    let from = before.char_indices().rev().nth(12).map_or(0, |(i, _)| i);
    before[from..].char_indices().any(|(i, _)| {
        let at = from + i;
        let linked = links
            .iter()
            .any(|l| !l.is_ascii() && before[..at].ends_with(l.as_str()));
        linked && ctx.names_body(&before[at..]) && abbreviated_at(at)
    })
}

/// Whether any country, native or foreign, is named in the twelve characters before `pos`.
fn country_in_window(ctx: &Ctx<'_>, pos: usize) -> bool {
    known_before(ctx, pos, 12)
        .1
        .iter()
        .any(|(_, e)| e.kind == EntityType::Country)
}

/// The byte length of the family name `name` starts with, if any.
fn surname_len(ctx: &Ctx<'_>, name: &str) -> Option<usize> {
    ctx.ex
        .lexicon
        .persons
        .surnames
        .iter()
        .filter(|s| name.starts_with(s.as_str()) && name.len() > s.len())
        .map(String::len)
        .max()
}

/// The family names of the rules as written in Pinyin, each capitalized (Du, Wang, Ouyang):
/// a name opening with one is written family name first.
pub(super) fn pinyin_surnames(lex: &super::lexicon::PersonRules) -> BTreeSet<String> {
    use pinyin::ToPinyin;
    lex.surnames
        .iter()
        .filter_map(|s| {
            lex.surname_readings
                .iter()
                .find(|(zh, _)| zh == s)
                .map(|(_, en)| en.clone())
                .or_else(|| {
                    s.as_str()
                        .to_pinyin()
                        .map(|p| p.map(|p| p.plain().to_string()))
                        .collect::<Option<String>>()
                })
        })
        .map(|r| {
            let mut c = r.chars();
            c.next()
                .map(|f| f.to_uppercase().chain(c).collect::<String>())
                .unwrap_or_default()
        })
        .collect()
}

/// Whether the English word is the Pinyin of a Chinese family name the rules know.
pub(super) fn is_pinyin_surname(ctx: &Ctx<'_>, word: &str) -> bool {
    ctx.ex.compiled.pinyin_surnames.contains(word)
}

/// The Hanyu Pinyin of a Chinese person's name, family name first, each part capitalized and
/// without tones (王家瑞 → Wang Jiarui, 欧阳修 → Ouyang Xiu). None for a name that is not all
/// Chinese characters starting with a known family name (a transliterated foreign name keeps
/// no English label rather than a wrong one).
pub(super) fn pinyin_name(ctx: &Ctx<'_>, name: &str) -> Option<String> {
    use pinyin::ToPinyin;
    let chars = name.chars().count();
    // A part of a known foreign name (谢里夫, 拉贾帕克萨) is a transliteration too.
    if !(2..=4).contains(&chars) || !name.chars().all(is_han) || ctx.ex.gazetteer.is_name_part(name)
    {
        return None;
    }
    let family = surname_len(ctx, name)?;
    let syllables = |part: &str| -> Option<String> {
        part.to_pinyin()
            .map(|p| p.map(|p| p.plain().to_string()))
            .collect::<Option<String>>()
    };
    let capital = |s: String| {
        let mut c = s.chars();
        c.next()
            .map(|f| f.to_uppercase().chain(c).collect::<String>())
            .unwrap_or_default()
    };
    let (surname, given) = name.split_at(family);
    let surname = ctx
        .ex
        .lexicon
        .persons
        .surname_readings
        .iter()
        .find(|(zh, _)| zh == surname)
        .map(|(_, en)| en.clone())
        .or_else(|| syllables(surname).map(capital))?;
    Some(format!("{surname} {}", capital(syllables(given)?)))
}

/// Whether `start..end` can be a given name and family name: Han characters, starting with a
/// family name, on word boundaries, and not one ordinary word.
fn plausible(ctx: &Ctx<'_>, start: usize, end: usize, after_title: bool) -> bool {
    let name = &ctx.text[start..end];
    if !name.chars().all(is_han) || surname_len(ctx, name).is_none() {
        return false;
    }
    let c = &ctx.ex.compiled;
    let lex = &ctx.ex.lexicon;
    // A body's name (宣传部 before 部长) is no person's: it ends in a body's suffix.
    if ctx.names_body(name) {
        return false;
    }
    // No stop word or title inside (高度评价, 主席团).
    if c.stop_words
        .iter()
        .any(|w| w.chars().count() >= 2 && name.contains(w.as_str()))
        || lex.titles().iter().any(|(t, _)| name.contains(t.as_str()))
    {
        return false;
    }
    // 主任何立峰: jieba may glue a title's last character to the family name (任何); right
    // after a title the name starts there all the same, if the glued word ends inside it.
    let glued_to_title = after_title
        && ctx
            .token_at(start)
            .map(|i| &ctx.tokens[i])
            .is_some_and(|t| t.start < start && t.end > start && t.end < end);
    let starts_word = ctx.starts_token(start) || glued_to_title;
    // 戚振宏大使: before a title, jieba may glue the name's last character to the title's first
    // (宏大); the name ends where the title starts all the same, if the glued word is inside both.
    let glued_to_next_title = !after_title
        && ctx.token_at(end).map(|i| &ctx.tokens[i]).is_some_and(|t| {
            t.start > start
                    && t.start < end
                    && lex.titles().iter().any(|(title, _)| {
                        ctx.text[end..].starts_with(title.as_str()) && end + title.len() > t.end
                    })
                    // 王平副厅长: the glued word opening a longer title is that title's.
                    && lex.title_at_start(&ctx.text[t.start..]).is_none()
        });
    let ends_word = ctx.ends_token(end) || glued_to_next_title;
    if !starts_word || !ends_word {
        return false;
    }
    // A given name jieba reads as a verb or a function word (任轮值 in 下任轮值主席国) is no name.
    let surname_end = start + surname_len(ctx, name).unwrap_or(0);
    // 司长崔爱民, 大使刘劲松: right after a title, a family name jieba reads as a name of its own
    // (崔), or leaves standing alone as a word of no function (刘), may take a given name it
    // reads as a noun or a place (爱民, 劲松).
    let surname_read_as_name = after_title
        && ctx.token_spanning(start, surname_end).is_some_and(|t| {
            t.tag.starts_with("nr")
                || (ctx.text[t.start..t.end].chars().count() == 1 && !c.stop_tags.contains(&t.tag))
        });
    if ctx.token_spanning(surname_end, end).is_some_and(|t| {
        c.stop_tags.contains(&t.tag)
            || (ctx.text[t.start..t.end].chars().count() >= 2
                && !t.tag.starts_with("nr")
                && !(surname_read_as_name && matches!(t.tag.as_str(), "n" | "a" | "nz" | "ns")))
    }) {
        return false;
    }
    // A part of a known foreign name (谢里夫 of 夏巴兹·谢里夫) is for the short-name rule to
    // resolve by office and date, never a new person.
    if ctx.ex.gazetteer.is_name_part(name) {
        return false;
    }
    // One word jieba knows as something other than a name (高度, 万分) is no person.
    let one_word = ctx.token_spanning(start, end);
    !one_word.is_some_and(|t| !t.tag.starts_with("nr") && t.tag != "x" && t.tag != "n")
}

/// Whether the text at `pos` ends a name: a mark, the end, a stop word or a title.
fn ends_name(ctx: &Ctx<'_>, pos: usize) -> bool {
    let rest = &ctx.text[pos..];
    let Some(next) = rest.chars().next() else {
        return true;
    };
    // A transliteration mark continues a foreign name (夏巴兹·谢里夫).
    if "·•‧・-".contains(next) {
        return false;
    }
    if !is_han(next) {
        return true;
    }
    let lex = &ctx.ex.lexicon;
    lex.persons
        .right_stops
        .iter()
        .any(|w| rest.starts_with(w.as_str()))
        || lex.title_at_start(rest).is_some()
}

/// Whether the text before `pos` lets a name start there: a mark, the start, or a stop word.
fn starts_name(ctx: &Ctx<'_>, pos: usize) -> bool {
    let before = &ctx.text[..pos];
    let Some(prev) = before.chars().next_back() else {
        return true;
    };
    if "·•‧・-".contains(prev) {
        return false;
    }
    if !is_han(prev) {
        return true;
    }
    let lex = &ctx.ex.lexicon;
    lex.persons
        .left_stops
        .iter()
        .chain(&lex.boundary.stop_words)
        .any(|w| before.ends_with(w.as_str()))
}

/// A name of two or three characters (four with a double family name) right after a title.
fn name_after(ctx: &Ctx<'_>, pos: usize) -> Option<(usize, usize)> {
    let rest = &ctx.text[pos..];
    let ends: Vec<usize> = rest
        .char_indices()
        .skip(2)
        .take(3)
        .map(|(i, _)| i)
        .collect();
    let ends = ends.into_iter().chain(std::iter::once(rest.len()));
    let mut found = None;
    for e in ends.filter(|&e| e <= rest.len()) {
        let n = rest[..e].chars().count();
        if !(2..=4).contains(&n) {
            continue;
        }
        if n == 4 && surname_len(ctx, &rest[..e]).is_none_or(|l| l < 6) {
            continue;
        }
        // 王宁等出席: when a shorter name is already plainly ended, a last character that ends no
        // given name (等) is a word of its own.
        let stop_last = ctx
            .ex
            .lexicon
            .persons
            .not_name_endings
            .iter()
            .any(|w| rest[..e].ends_with(w.as_str()));
        if found.is_some() && stop_last {
            continue;
        }
        if plausible(ctx, pos, pos + e, true) && ends_name(ctx, pos + e) {
            found = Some((pos, pos + e));
        }
    }
    found
}

/// A name of two or three characters (four with a double family name) right before a title.
fn name_before(ctx: &Ctx<'_>, pos: usize) -> Option<(usize, usize)> {
    let before = &ctx.text[..pos];
    let starts: Vec<usize> = before
        .char_indices()
        .rev()
        .skip(1)
        .take(3)
        .map(|(i, _)| i)
        .collect();
    let mut found = None;
    for s in starts {
        let n = before[s..].chars().count();
        if n == 4 && surname_len(ctx, &before[s..]).is_none_or(|l| l < 6) {
            continue;
        }
        if plausible(ctx, s, pos, false) && starts_name(ctx, s) {
            found = Some((s, pos));
        }
    }
    found
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
        // A one-character stop word that also writes sounds, in a run of such characters up to
        // the mark, is part of the name (迪内什·古纳瓦德纳: 内).
        let sounds = &lex.persons.transliteration_chars;
        for w in stops {
            if let Some(i) = left.rfind(w) {
                let sounded =
                    w.chars().count() == 1 && left[i..].chars().all(|c| sounds.contains(c));
                if !sounded {
                    cut = cut.max(i + w.len());
                }
            }
        }
        // A known name ends the first part's modifiers (巴基斯坦阿里·…) unless it leaves one
        // character: then it is the start of the name (部长巴西尔·拉贾帕克萨 holds 巴西).
        // A known name starting inside a title is none (长沙 in 首席部长沙赫巴兹).
        let in_title = |at: usize| {
            titles.iter().any(|(t, _)| {
                left.match_indices(t.as_str())
                    .any(|(i, _)| i < at && at < i + t.len())
            })
        };
        for g in ctx.ex.gazetteer.find(left) {
            if left[g.end..].chars().count() != 1 && !in_title(g.start) {
                cut = cut.max(g.end);
            }
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
        // A verb, particle, preposition or conjunction ends the name (哈利勒·哈什米参加了会议).
        let right_at = m.start() + last_part_start;
        if let Some(ti) = ctx.token_at(right_at) {
            for tok in &ctx.tokens[ti..] {
                if tok.start >= right_at + right_end {
                    break;
                }
                let chars = ctx.text[tok.start..tok.end].chars().count();
                let ends = matches!(
                    tok.tag.as_str(),
                    "p" | "c" | "d" | "ul" | "uj" | "uz" | "ug" | "uv" | "ud"
                ) || (matches!(tok.tag.as_str(), "v" | "vn") && chars >= 2);
                if ends && tok.start > right_at {
                    right_end = tok.start - right_at;
                    break;
                }
            }
        }
        // A place name joined by a dash ends in a type suffix (红其拉甫-苏斯特口岸): not a person.
        // Only the name and the word right after it count: a suffix further on belongs to
        // another name (哈桑·拉赫曼出席交接仪式 holds 仪式, the occasion he attended).
        let suffix_follows = ctx.ex.compiled.suffix_words.iter().any(|s| {
            right[right_end..].starts_with(s.as_str())
                || (s.chars().count() >= 2 && right[..right_end].contains(s.as_str()))
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
        // 澜沧江-湄公河沿岸中国: a last part ending in a known country or place names places
        // along something, no person.
        let last_part = &ctx.text[m.start() + last_part_start..end];
        if ctx.ex.gazetteer.find(last_part).iter().any(|g| {
            g.end == last_part.len()
                && g.start > 0
                && matches!(
                    ctx.ex.gazetteer.entries()[g.entry].kind,
                    EntityType::Country | EntityType::Place
                )
        }) {
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

/// The end of a one-character word at `pos` that ends its clause (a mark or the text's end
/// follows) and is no stop word or function word: the last syllable of a name before it.
fn last_syllable(ctx: &Ctx<'_>, pos: usize) -> Option<usize> {
    let tok = ctx
        .token_at(pos)
        .map(|i| &ctx.tokens[i])
        .filter(|t| t.start == pos)?;
    let word = &ctx.text[tok.start..tok.end];
    let after = ctx.text[tok.end..].chars().next();
    (word.chars().count() == 1
        && word.chars().all(is_han)
        && !ctx.ex.compiled.stop_tags.contains(&tok.tag)
        && !ctx.ex.compiled.stop_words.contains(word)
        && !ctx.ex.lexicon.titles().iter().any(|(t, _)| t == word)
        && after.is_none_or(|c| !is_han(c) && !"·•-".contains(c)))
    .then_some(tok.end)
}

/// The end of a transliterated name jieba cut short after a title (副秘书长萨义德|穆罗德佐达和,
/// 部长马沙巴|内、): the characters that write sounds running on from `end`, when they end at a
/// mark or a conjunction and the name found so far is itself mostly such characters. A Chinese
/// name is never run on: its characters are not in the set, or a verb follows it.
fn sound_run(ctx: &Ctx<'_>, start: usize, end: usize, foreign_title: bool) -> Option<usize> {
    let sounds = &ctx.ex.lexicon.persons.transliteration_chars;
    let name = &ctx.text[start..end];
    let count = name.chars().count();
    let known = name.chars().filter(|c| sounds.contains(*c)).count();
    // Two characters run on only after a foreign country's title and when both write sounds
    // (巴基斯坦驻华大使哈希|米等).
    let enough = if count == 2 {
        known == 2 && foreign_title
    } else {
        count >= 3 && known * 3 >= count * 2
    };
    if !enough {
        return None;
    }
    let rest = &ctx.text[end..];
    let run: usize = rest
        .chars()
        .take_while(|c| sounds.contains(*c))
        .take(10 - name.chars().count().min(10))
        .map(char::len_utf8)
        .sum();
    if run == 0 {
        return None;
    }
    let next = rest[run..].chars().next();
    let phrases = &ctx.ex.lexicon.phrases;
    // …帕利哈卡拉出席, 哈希米等出席: a word that ends names ends the run as a mark does.
    let ends = next.is_none_or(|c| !is_han(c) && !"·•-".contains(c))
        || phrases
            .list_links
            .iter()
            .chain(&phrases.partner_links)
            .chain(&ctx.ex.lexicon.persons.right_stops)
            .any(|w| rest[run..].starts_with(w.as_str()));
    ends.then_some(end + run)
}

/// The length of a frame's first word opening `start..end` (应 in 应温敏总统邀请) when the
/// frame's second word follows in the clause; 0 otherwise.
fn framed(ctx: &Ctx<'_>, start: usize, end: usize) -> usize {
    let clause_end = ctx.text[end..]
        .find(['，', '。', ',', '；', '\n'])
        .map_or(ctx.text.len(), |i| end + i);
    let clause = &ctx.text[end..clause_end];
    ctx.ex
        .lexicon
        .persons
        .frames
        .iter()
        .find(|[open, close]| {
            ctx.text[start..end].starts_with(open.as_str())
                && ctx.text[start..end].chars().count() > open.chars().count() + 1
                && clause.contains(close.as_str())
        })
        .map_or(0, |[open, _]| open.len())
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
        let title_before = titles.iter().find(|(t, _)| before.ends_with(t.as_str()));
        let after_title = title_before.is_some();
        let foreign_title = title_before.is_some_and(|(t, _)| {
            let at = before.len() - t.len();
            foreign_country_before(ctx, at) || foreign_abbreviation_before(ctx, at)
        });
        let before_title = titles
            .iter()
            .any(|(t, _)| ctx.text[tok.end..].starts_with(t));
        // A part of a known person's name is the short-name rule's to resolve (谢里夫 may be
        // either Sharif): never a new person.
        // 巴基斯坦陆军参谋长: a word between a country or body and its title names the part of
        // it the title is of, not a person (jieba may tag it as a name).
        let body_before = before_title
            && !after_title
            && known_ending_at(
                ctx,
                tok.start,
                12,
                &[EntityType::Country, EntityType::Organization],
            );
        // 尼军总参谋长: a country's abbreviation and a word for its army or side is a body.
        let abbreviated_body = n == 2 && {
            let mut cs = word.chars();
            let first = cs.next().map(String::from).unwrap_or_default();
            let second = cs.next().map(String::from).unwrap_or_default();
            ctx.ex.gazetteer.by_abbreviation(&first).is_some()
                && lex.persons.abbreviated_bodies.contains(&second)
        };
        // 同别尔德穆哈梅多夫总统: jieba may cut a long transliterated name in pieces and tag
        // the last as a name; the piece glued to sounded characters before it is no name of
        // its own (the run before the title is read whole, or is a known name's part).
        let sounds = &lex.persons.transliteration_chars;
        let tail_of_run = before_title
            && !after_title
            && ctx.text[..tok.start]
                .chars()
                .next_back()
                .is_some_and(|c| sounds.contains(c))
            && ctx.token_at(tok.start.saturating_sub(1)).is_some_and(|i| {
                let t = &ctx.tokens[i];
                let w = &ctx.text[t.start..t.end];
                !ctx.ex.compiled.stop_tags.contains(&t.tag)
                    && !ctx.ex.compiled.stop_words.contains(w)
            });
        // 宣传部部长: a word ending in a body's suffix names the body, not a person.
        if abbreviated_body
            || tail_of_run
            || ctx.names_body(word)
            || lex.persons.not_names.iter().any(|w| w == word)
        {
            continue;
        }
        let owned_title = after_title
            && !before_title
            && title_before.is_some_and(|(t, _)| person_before(ctx, before.len() - t.len()));
        if (after_title || before_title)
            && !body_before
            && !owned_title
            && !ctx.ex.gazetteer.is_name_part(word)
        {
            // 缅甸外长温纳貌伦。: jieba may leave the last syllable of a transliterated name as a
            // word of its own; one character ending the clause after the name belongs to it.
            // A word that ends names which jieba glued to the name (阿尔维于3月) stays out of it.
            // So is a character no given name ends with, glued to a name of two (韦燕同多国大使).
            let glued = lex
                .persons
                .right_stops
                .iter()
                .find(|w| w.chars().count() == 1 && n >= 4 && word.ends_with(w.as_str()))
                .map(String::len)
                .or_else(|| {
                    (n == 3)
                        .then(|| lex.persons.glued_non_name_ending(word))
                        .flatten()
                });
            // 王毅同巴基斯坦外长…: a known person's name that jieba glued to the word after it
            // (同, 与, 在) ends where the known name ends.
            let known_end = ctx
                .ex
                .gazetteer
                .find(word)
                .into_iter()
                .filter(|g| {
                    g.start == 0
                        && g.end < word.len()
                        && ctx.ex.gazetteer.entries()[g.entry].kind == EntityType::Person
                        && (ctx.ex.compiled.stop_words.contains(&word[g.end..])
                            || lex.persons.right_stops.iter().any(|w| *w == word[g.end..]))
                })
                .map(|g| tok.start + g.end)
                .max();
            let end = match (known_end, glued) {
                (Some(end), _) => end,
                (None, Some(len)) => tok.end - len,
                (None, None) if after_title && !before_title => {
                    sound_run(ctx, tok.start, tok.end, foreign_title)
                        .or_else(|| last_syllable(ctx, tok.end))
                        .unwrap_or(tok.end)
                }
                (None, None) => tok.end,
            };
            out.push(Candidate {
                start: tok.start + framed(ctx, tok.start, tok.end),
                end,
                kind: EntityType::Person,
                rule: "titled-person",
                entity: None,
            });
        }
    }
    out
}
