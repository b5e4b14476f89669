//! Mentions of a document: gazetteer matches and rule candidates, reduced to non-overlapping
//! spans (the longest wins) and resolved to entities: known names, short forms (夏巴兹 →
//! 夏巴兹·谢里夫), a known name plus a generic tail (“一带一路”倡议 → 一带一路), titles quoted
//! without their parties, and abbreviations the text defines.

use std::collections::{BTreeMap, BTreeSet};

use aho_corasick::{AhoCorasickBuilder, MatchKind};

use super::Ctx;
use super::gazetteer::GazetteerMatch;
use super::name_key;
use super::names::{self, Candidate};
use crate::model::{Entity, EntityType};

/// A mention of an entity in the normalized text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mention {
    /// Byte offset where the mention starts.
    pub start: usize,
    /// Byte offset just past the mention.
    pub end: usize,
    /// Local id of the entity mentioned.
    pub entity: String,
    /// The entity's type.
    pub kind: EntityType,
    /// The rule that found it (`gazetteer`, `suffix` …).
    pub rule: &'static str,
}

/// The mentions of a document and the entities they name.
pub(super) struct Found {
    /// Non-overlapping mentions, in text order.
    pub mentions: Vec<Mention>,
    /// Entities by id, with the surface forms seen as aliases.
    pub entities: BTreeMap<String, Entity>,
    /// The diplomatic missions the text names, with where they are.
    pub missions: Vec<super::missions::Mission>,
}

impl Found {
    /// The mentions that may overlap `start..end`, found by binary search (the mentions do not
    /// overlap one another, so their ends grow with their starts): those ending after `start`
    /// and starting before `end`.
    fn around(&self, start: usize, end: usize) -> &[Mention] {
        debug_assert!(self.mentions.windows(2).all(|w| w[0].end <= w[1].start));
        let first = self.mentions.partition_point(|m| m.end <= start);
        let last = first + self.mentions[first..].partition_point(|m| m.start < end);
        &self.mentions[first..last]
    }

    /// Whether a mention overlaps `start..end`.
    pub(super) fn overlaps(&self, start: usize, end: usize) -> bool {
        !self.around(start, end).is_empty()
    }

    /// Whether one mention holds all of `start..end`.
    pub(super) fn holds(&self, start: usize, end: usize) -> bool {
        self.around(start, end.max(start + 1))
            .iter()
            .any(|m| m.start <= start && end <= m.end)
    }

    /// The mentions lying inside `start..end`, in text order.
    pub(super) fn within(&self, start: usize, end: usize) -> impl Iterator<Item = &Mention> {
        self.around(start, end)
            .iter()
            .filter(move |m| m.start >= start && m.end <= end)
    }
}

/// Priority of a rule when two candidates have the same span: known names first.
fn priority(rule: &str) -> u8 {
    match rule {
        "gazetteer" | "corpus" | "short-name" => 9,
        "title-marks" | "title-line" => 8,
        "numbered-event" => 7,
        "transliterated-name" => 6,
        "quoted-concept" => 5,
        "titled-person" | "surname-person" => 4,
        _ => 1,
    }
}

/// Where the transliterated name whose part starts at `start` begins: over parts joined to it by
/// a middle dot (萨达尔·阿亚兹·萨迪克), each two to four Han characters of words back to a title, a
/// stop word or a mark, at most two of them.
fn longer_transliteration_start(ctx: &Ctx<'_>, start: usize, parts: usize) -> usize {
    let mut at = start;
    for _ in 0..parts {
        let Some(before) = ctx.text[..at].strip_suffix('·') else {
            break;
        };
        // The part's words, back to a title, a stop word or a mark (议长萨达尔: 萨 and 达尔).
        let mut from = before.len();
        while let Some(tok) = ctx
            .token_at(from.saturating_sub(1))
            .map(|i| &ctx.tokens[i])
            .filter(|t| t.end == from && t.start < from)
        {
            let word = &ctx.text[tok.start..tok.end];
            let stops = !word.chars().all(super::boundary::is_han)
                || ctx.ex.compiled.stop_words.contains(word)
                || ctx.ex.lexicon.title_at_end(&ctx.text[..tok.end]).is_some()
                || ctx.text[tok.start..before.len()].chars().count() > 4;
            if stops {
                break;
            }
            from = tok.start;
        }
        // One part before a one-part known name may be its initial (查·额勒贝格道尔吉), written
        // in sounds: a word jieba glued before it (同查) keeps its own characters.
        if parts == 1 {
            let sounds = &ctx.ex.lexicon.persons.transliteration_chars;
            for ch in ctx.text[from..before.len()].chars() {
                if sounds.contains(ch) {
                    break;
                }
                from += ch.len_utf8();
            }
        }
        let part = &ctx.text[from..before.len()];
        let shortest = if parts == 1 { 1 } else { 2 };
        if !(shortest..=4).contains(&part.chars().count()) {
            break;
        }
        at = from;
    }
    at
}

pub(super) fn find(ctx: &Ctx<'_>, known: &[Entity]) -> Found {
    let gaz = gazetteer_matches(ctx);
    let mut cands: Vec<Candidate> = gaz
        .iter()
        .map(|m| {
            let e = &ctx.ex.gazetteer.entries()[m.entry];
            // 萨达尔·阿亚兹·萨迪克: a known transliterated name with more parts joined before it
            // by the dot is that person named in full.
            // Only a known name of several parts (阿亚兹·萨迪克) takes more: 卡尔扎伊 alone may
            // end another person's name (希克马特·哈利勒·卡尔扎伊).
            // A known person whose one name is a single part (额勒贝格道尔吉) takes one part joined
            // before it: the patronymic Mongolian names put first (查希亚·额勒贝格道尔吉).
            let matched = &ctx.text[m.start..m.end];
            let start = if e.kind != EntityType::Person {
                m.start
            } else if matched.contains('·') {
                longer_transliteration_start(ctx, m.start, 2)
            } else if e.zh.as_deref() == Some(matched) && matched.chars().count() >= 4 {
                longer_transliteration_start(ctx, m.start, 1)
            } else {
                m.start
            };
            Candidate {
                start,
                end: m.end,
                kind: e.kind,
                rule: "gazetteer",
                entity: Some(e.id.clone()),
            }
        })
        .collect();
    // …and a known short name inside the parts so joined (达尔 in 萨达尔) is none.
    let joined: Vec<(usize, usize)> = cands
        .iter()
        .zip(&gaz)
        .filter(|(c, m)| c.start < m.start)
        .map(|(c, _)| (c.start, c.end))
        .collect();
    cands.retain(|c| {
        !joined
            .iter()
            .any(|&(s, e)| s <= c.start && c.end <= e && (s, e) != (c.start, c.end))
    });
    cands.extend(editions(ctx, &gaz));
    cands.extend(english_family_names(ctx, &gaz));
    cands.extend(corpus_matches(ctx.text, known));
    let mut found_by_rules = rule_candidates(ctx, &gaz);
    // 2023年中国政府援孟加拉国培训学员联谊会, 举办2016年春节招待会: a year written right before
    // an event the rules found names that year's edition of it — unless the event is an
    // anniversary, which names its year itself (2026年中巴建交75周年纪念活动).
    // A name the rules cut after a year's digits (年澜湄合作专项基金…签约仪式, an event or the
    // agreement it signs) takes the whole year.
    let events = &ctx.ex.lexicon.events;
    for c in found_by_rules.iter_mut().filter(|c| {
        let cut_year = ctx.text[c.start..c.end].starts_with('年');
        (c.kind == EntityType::Event || (c.kind == EntityType::Document && cut_year))
            && c.entity.is_none()
            && !events
                .anniversary_words
                .iter()
                .any(|w| ctx.text[c.start..c.end].contains(w.as_str()))
    }) {
        let lead = if ctx.text[c.start..c.end].starts_with('年') {
            c.start + '年'.len_utf8()
        } else {
            c.start
        };
        let before = &ctx.text[..lead];
        let from = before.char_indices().rev().nth(5).map_or(0, |(i, _)| i);
        if let Some(year) = ctx
            .ex
            .compiled
            .year_prefix
            .as_ref()
            .and_then(|re| re.captures(&before[from..]))
            .and_then(|c| c.get(1))
        {
            c.start = from + year.start();
        } else {
            // 今年澜湄…: no year's digits, no year in the name.
            c.start = lead;
        }
    }
    for c in found_by_rules
        .iter_mut()
        .filter(|c| c.kind == EntityType::Organization && c.entity.is_none())
    {
        if held_occasion(ctx, c.start, c.end) {
            c.kind = EntityType::Event;
        }
    }
    cands.extend(found_by_rules);
    // 代理外长卡尔扎伊 in 2018: a known person's short name after a title that person never held
    // is someone else of that name (foreign_officials found the name for that reason).
    // (A known person's whole Chinese name is that person whatever the title: 第一副总理
    // 阿布尔加济耶夫 before he was prime minister.)
    // (The gazetteer's matches are in text order: those starting where `c` does are a run.)
    let whole_name = |c: &Candidate| {
        let text = &ctx.text[c.start..c.end];
        let from = gaz.partition_point(|g| g.start < c.start);
        gaz[from..]
            .iter()
            .take_while(|g| g.start == c.start)
            .any(|g| {
                let e = &ctx.ex.gazetteer.entries()[g.entry];
                g.start == c.start && g.end == c.end && e.zh.as_deref() == Some(text)
            })
    };
    let officials: Vec<(usize, usize)> = cands
        .iter()
        .filter(|c| c.rule == "foreign-official" && !whole_name(c))
        .map(|c| (c.start, c.end))
        .collect();
    cands.retain(|c| {
        !(c.kind == EntityType::Person
            && c.rule != "foreign-official"
            && officials.contains(&(c.start, c.end)))
    });
    // 希克马特·哈利勒·卡尔扎伊 … 卡尔扎伊: a known person's short name that ends or opens a
    // longer name of someone else in this text is that other person's.
    let full_names: Vec<String> = cands
        .iter()
        .filter(|c| c.kind == EntityType::Person && c.entity.is_none())
        .map(|c| ctx.text[c.start..c.end].to_string())
        .filter(|t| t.contains('·'))
        .collect();
    for c in cands
        .iter_mut()
        .filter(|c| c.kind == EntityType::Person && c.entity.is_some() && !whole_name(c))
    {
        let text = &ctx.text[c.start..c.end];
        if full_names
            .iter()
            .any(|f| f.ends_with(&format!("·{text}")) || f.starts_with(&format!("{text}·")))
        {
            c.entity = None;
            c.rule = "foreign-official";
        }
    }
    let mut found = choose(ctx, known, &gaz, cands);
    series_after_edition(ctx, &gaz, &mut found);
    found
}

/// Whether the body's name at `start..end` ends with an occasion's head (论坛, Forum) and its
/// clause says the occasion took place: 乌兹别克斯坦-中国商务论坛在西安举行, 出席…论坛.
fn held_occasion(ctx: &Ctx<'_>, start: usize, end: usize) -> bool {
    let events = &ctx.ex.lexicon.events;
    let name = &ctx.text[start..end];
    if !events
        .occasion_heads
        .iter()
        .any(|h| name.ends_with(h.as_str()))
    {
        return false;
    }
    let (before, after) = super::text::clause_around(ctx.text, start, end);
    // 举办第二届中巴政党论坛: the numbered edition is the event, the forum inside it the body.
    if ctx
        .ex
        .compiled
        .event_ordinal
        .find_iter(before)
        .any(|m| m.end() == before.len())
    {
        return false;
    }
    events.held_after.iter().any(|w| after.contains(w.as_str()))
        || events
            .held_before
            .iter()
            .any(|w| before.contains(w.as_str()))
}

/// 第6届中国—南亚博览会…南博会: once a text names one edition of a recurring event, the
/// series' name after it speaks of that edition. The later mentions are moved to the edition,
/// their words become its aliases, and the series is left out when nothing else names it.
fn series_after_edition(ctx: &Ctx<'_>, gaz: &[GazetteerMatch], found: &mut Found) {
    let entries = ctx.ex.gazetteer.entries();
    let editions: Vec<(usize, String, String)> = found
        .mentions
        .iter()
        .filter(|m| m.kind == EntityType::Event && m.rule == "numbered-event")
        .filter_map(|m| {
            let series = gaz.iter().find(|g| {
                g.end == m.end && g.start > m.start && entries[g.entry].kind == EntityType::Event
            })?;
            Some((m.end, entries[series.entry].id.clone(), m.entity.clone()))
        })
        .collect();
    for (after, series, edition) in editions {
        let mut moved: Vec<String> = Vec::new();
        for m in found
            .mentions
            .iter_mut()
            .filter(|m| m.entity == series && m.start >= after)
        {
            m.entity = edition.clone();
            moved.push(ctx.text[m.start..m.end].trim().to_string());
        }
        if moved.is_empty() {
            continue;
        }
        if let Some(e) = found.entities.get_mut(&edition) {
            for surface in moved {
                if e.label_zh.as_deref() != Some(surface.as_str())
                    && e.label_en.as_deref() != Some(surface.as_str())
                {
                    e.aliases.insert(surface);
                }
            }
        }
        if !found.mentions.iter().any(|m| m.entity == series) {
            found.entities.remove(&series);
        }
    }
}

/// One edition of a recurring event the gazetteer knows (第三届中国—南亚博览会, the Seventh
/// China-South Asia Expo): the ordinal right before the name numbers a meeting of its own, found
/// by the rules, not the series.
fn editions(ctx: &Ctx<'_>, gaz: &[GazetteerMatch]) -> Vec<Candidate> {
    let entries = ctx.ex.gazetteer.entries();
    gaz.iter()
        .filter(|m| entries[m.entry].kind == EntityType::Event)
        .filter_map(|m| {
            let before = &ctx.text[..m.start];
            let from = before.char_indices().rev().nth(12).map_or(0, |(i, _)| i);
            let chinese = ctx
                .ex
                .compiled
                .event_ordinal
                .find_iter(&before[from..])
                .find(|o| from + o.end() == m.start)
                .map(|o| from + o.start());
            let start = chinese.or_else(|| super::english::ordinal_before(before))?;
            Some(Candidate {
                start,
                end: m.end,
                kind: EntityType::Event,
                rule: "numbered-event",
                entity: None,
            })
        })
        .collect()
}

/// The gazetteer's matches in the text that stand on word boundaries where they must.
pub(super) fn gazetteer_matches(ctx: &Ctx<'_>) -> Vec<GazetteerMatch> {
    let mut gaz = ctx.ex.gazetteer.find(ctx.text);
    // President Xi Jinping: an English name found from its first word (President Xi) that runs
    // on into a longer name of the same entity (Xi Jinping) is the whole phrase.
    for m in &mut gaz {
        let name = &ctx.text[m.start..m.end];
        let Some(space) = name.find(' ') else {
            continue;
        };
        if !name.is_ascii() || !ctx.text[m.end..].starts_with(' ') {
            continue;
        }
        let from = m.start + space + 1;
        let to = ctx.text[m.end..]
            .char_indices()
            .nth(40)
            .map_or(ctx.text.len(), |(i, _)| m.end + i);
        let longer = ctx
            .ex
            .gazetteer
            .find(&ctx.text[from..to])
            .into_iter()
            .find(|g| g.start == 0 && g.entry == m.entry && from + g.end > m.end);
        if let Some(g) = longer {
            m.end = from + g.end;
        }
    }
    // A country name that ends inside a word is part of that word (西班牙语 is Spanish, 中国石化 a
    // company). Places stay: 北京人民大会堂 still names Beijing. A short person name without a
    // transliteration mark must start and end words too (韩正 is not in 中韩正式, 真纳 not in
    // 认真纳入).
    let tokens = ctx.tokens;
    debug_assert!(tokens.windows(2).all(|w| w[0].end <= w[1].start));
    // The word `at` falls strictly inside, if any (the words are in order and do not overlap).
    let word_around = |at: usize| {
        let i = tokens.partition_point(|t| t.end <= at);
        tokens.get(i).filter(|t| t.start < at && at < t.end)
    };
    gaz.retain(|m| {
        let kind = ctx.ex.gazetteer.entries()[m.entry].kind;
        let name = &ctx.text[m.start..m.end];
        let short_person =
            kind == EntityType::Person && !name.contains(['·', '-']) && !name.is_ascii();
        // 王毅同达尔共同主持: jieba may glue a word that ends names (同, 与, 在) to the name; a
        // side plainly ended by such a word or a mark stands on a boundary all the same.
        let persons = &ctx.ex.lexicon.persons;
        let left_ok = word_around(m.start).is_none() || {
            let before = &ctx.text[..m.start];
            before
                .chars()
                .next_back()
                .is_none_or(|c| !super::boundary::is_han(c))
                || persons
                    .left_stops
                    .iter()
                    .any(|w| before.ends_with(w.as_str()))
        };
        let right_ok = word_around(m.end).is_none() || {
            let after = &ctx.text[m.end..];
            persons
                .right_stops
                .iter()
                .any(|w| after.starts_with(w.as_str()))
        };
        !short_person || (left_ok && right_ok)
    });
    gaz.retain(|m| {
        let kind = ctx.ex.gazetteer.entries()[m.entry].kind;
        kind != EntityType::Country || word_around(m.end).is_none_or(|t| t.start < m.start)
    });
    // 负责人巴拉达尔: a known person's short name (达尔) right after a word of transliteration
    // sounds alone (巴拉) ends a longer foreign name, another person's. A known name or a title
    // before it is no such word (巴基斯坦达尔, 外长达尔).
    let sounds = &ctx.ex.lexicon.persons.transliteration_chars;
    let known_spans: Vec<(usize, usize)> = gaz.iter().map(|g| (g.start, g.end)).collect();
    gaz.retain(|m| {
        let e = &ctx.ex.gazetteer.entries()[m.entry];
        let name = &ctx.text[m.start..m.end];
        if e.kind != EntityType::Person || name.contains(['·', '-']) || name.is_ascii() {
            return true;
        }
        let i = tokens.partition_point(|t| t.end < m.start);
        let Some(tok) = tokens.get(i).filter(|t| t.end == m.start) else {
            return true;
        };
        let word = &ctx.text[tok.start..tok.end];
        let sounds_only = word.chars().count() >= 2 && word.chars().all(|ch| sounds.contains(ch));
        let named = known_spans
            .iter()
            .any(|&(s, e)| s <= tok.start && tok.end <= e);
        !sounds_only
            || named
            || ctx.ex.compiled.stop_words.contains(word)
            || ctx.ex.lexicon.title_at_end(&ctx.text[..tok.end]).is_some()
    });
    // A two-character place name is none where it starts inside one word and ends inside the
    // next (州长沙哈罗夫), inside a four-character word, an idiom (包罗万象, 万象更新), or where
    // its first character ends a title (国防部长沙希伯).
    gaz.retain(|m| {
        let kind = ctx.ex.gazetteer.entries()[m.entry].kind;
        if kind != EntityType::Place || ctx.text[m.start..m.end].chars().count() != 2 {
            return true;
        }
        let straddles = word_around(m.start).is_some() && word_around(m.end).is_some();
        let i = tokens.partition_point(|t| t.end <= m.start);
        let in_idiom = tokens.get(i).is_some_and(|t| {
            t.start <= m.start && m.end <= t.end && ctx.text[t.start..t.end].chars().count() == 4
        });
        // 国防部长沙希伯: jieba may cut a title's last character off (国防部|长沙|希伯); a place
        // whose first character ends a title is none.
        let first_end = m.start + ctx.text[m.start..].chars().next().map_or(0, char::len_utf8);
        let ends_title = ctx
            .ex
            .lexicon
            .title_at_end(&ctx.text[..first_end])
            .is_some_and(|(t, _)| t.len() > first_end - m.start);
        !straddles && !in_idiom && !ends_title
    });
    gaz
}

/// The candidates of the rules that find names by their shape and context (titles in 《》,
/// suffixes, numbered events, persons, places, bodies, English names, citations), in the
/// order `find` weighs them.
pub(super) fn rule_candidates(ctx: &Ctx<'_>, gaz: &[GazetteerMatch]) -> Vec<Candidate> {
    let mut cands = names::titled(ctx);
    cands.extend(names::suffixed(ctx, gaz));
    let departments = super::orgs::departments(ctx, gaz, &cands);
    cands.extend(departments);
    cands.extend(names::numbered_events(ctx, gaz));
    cands.extend(names::anniversaries(ctx, gaz));
    cands.extend(names::party_sessions(ctx, gaz));
    cands.extend(names::patterned(ctx));
    cands.extend(names::title_lines(ctx, gaz));
    cands.extend(names::numbered_concepts(ctx));
    cands.extend(super::persons::transliterated(ctx));
    cands.extend(super::persons::titled_persons(ctx));
    cands.extend(super::persons::surnamed_persons(ctx));
    cands.extend(super::persons::sounded_persons(ctx));
    cands.extend(super::persons::present_at_meeting(ctx));
    cands.extend(super::persons::surname_references(ctx));
    cands.extend(super::persons::foreign_officials(ctx));
    cands.extend(short_person_names(ctx));
    let context_places = super::places::tagged_countries_and_places(ctx, gaz);
    cands.extend(names::tagged_places(ctx, gaz, &context_places));
    cands.extend(context_places);
    cands.extend(super::orgs::tagged_organizations(ctx, gaz));
    cands.extend(super::orgs::dateline_agencies(ctx, gaz));
    cands.extend(names::english_abbreviation_uses(ctx));
    cands.extend(super::lists::section_ends(ctx, gaz));
    let stretches = super::english::stretches(ctx);
    cands.extend(super::english::english_names(ctx, &stretches));
    cands.extend(super::english::english_persons(ctx, &stretches));
    cands.extend(super::english::pinyin_persons(ctx, &stretches));
    cands.extend(super::english::english_guest_lists(ctx));
    cands.extend(super::english::english_persons_with_office(ctx, &stretches));
    cands.extend(super::english::english_titles(ctx, &stretches));
    cands.extend(super::english::english_occurrences(ctx, &stretches));
    cands.extend(super::english::english_bodies(ctx, &stretches));
    cands.extend(super::citations::cited_titles(ctx));
    cands.extend(super::missions::candidates(ctx));
    // Ambassador to Pakistan Yao Jing: a country or place opening an English person's name
    // ends the office before it; the name is what follows (two words at least).
    for c in cands.iter_mut().filter(|c| c.kind == EntityType::Person) {
        let text = &ctx.text[c.start..c.end];
        if !text.is_ascii() {
            continue;
        }
        let gaz = &ctx.ex.gazetteer;
        let place = gaz.find(text).into_iter().find(|g| {
            g.start == 0
                && matches!(
                    gaz.entries()[g.entry].kind,
                    EntityType::Country | EntityType::Place
                )
        });
        if let Some(g) = place
            && let Some(rest) = text[g.end..].strip_prefix(' ')
            && rest.split_whitespace().count() >= 2
        {
            c.start = c.end - rest.len();
        }
    }
    // Chairman of the People's Government of Tibet Autonomous Region: an English name opening
    // with the kind of a place (Autonomous Region, Province) is what is left of the place's
    // name after an office, no person.
    let subdivisions = &ctx.ex.lexicon.places.english_subdivisions;
    cands.retain(|c| {
        let text = &ctx.text[c.start..c.end];
        !(c.kind == EntityType::Person
            && c.entity.is_none()
            && text.is_ascii()
            && subdivisions
                .iter()
                .any(|k| text == k || text.starts_with(&format!("{k} "))))
    });
    // H.E. Sahara Khatoon MP: letters after the name are no part of it.
    for c in cands
        .iter_mut()
        .filter(|c| c.kind == EntityType::Person && c.entity.is_none())
    {
        let text = &ctx.text[c.start..c.end];
        if !text.is_ascii() {
            continue;
        }
        if let Some((name, last)) = text.rsplit_once(' ')
            && name.contains(' ')
            && ctx
                .ex
                .lexicon
                .persons
                .post_nominals
                .iter()
                .any(|p| p == last.trim_end_matches('.'))
        {
            c.end = c.start + name.len();
        }
        // Honourable Agriculture Minister: words ending in a title are an office, no name.
        let text = &ctx.text[c.start..c.end];
        if let Some((title, _)) = ctx.ex.lexicon.title_at_end(text)
            && (text == title || text.ends_with(&format!(" {title}")))
        {
            c.end = c.start;
        }
    }
    // Launching Ceremony of Nepal Smiling Children Project (Food Distribution): capitalized
    // words in brackets after an English event's name, no abbreviation, finish the name.
    for c in cands.iter_mut().filter(|c| c.kind == EntityType::Event) {
        let Some(inner) = ctx.text[c.end..].strip_prefix(" (") else {
            continue;
        };
        let Some(close) = inner.find(')').filter(|&i| i <= 40) else {
            continue;
        };
        let words: Vec<&str> = inner[..close].split(' ').collect();
        let named = words.iter().all(|w| {
            w.starts_with(|ch: char| ch.is_ascii_uppercase())
                && w.chars().all(|ch| ch.is_ascii_alphabetic() || ch == '-')
        }) && words
            .iter()
            .any(|w| w.chars().any(|ch| ch.is_ascii_lowercase()));
        if ctx.text[c.start..c.end].is_ascii() && named {
            c.end += " (".len() + close + 1;
        }
    }
    // 援尼泊尔巴拉维中学项目和拉特纳中学项目开工仪式: a ceremony opening with a project, after
    // another project and a word joining the two, is the ceremony of both; its name starts at
    // the first.
    let projects: Vec<(usize, usize)> = cands
        .iter()
        .filter(|c| c.kind == EntityType::Project)
        .map(|c| (c.start, c.end))
        .collect();
    let joiners: Vec<&String> = ctx
        .ex
        .lexicon
        .phrases
        .list_links
        .iter()
        .filter(|l| !l.is_ascii())
        .collect();
    for c in cands.iter_mut().filter(|c| c.kind == EntityType::Event) {
        if !projects.iter().any(|&(s, e)| s == c.start && e < c.end) {
            continue;
        }
        let before = &ctx.text[..c.start];
        let Some(joined) = joiners.iter().find_map(|j| before.strip_suffix(j.as_str())) else {
            continue;
        };
        if let Some(&(s, _)) = projects.iter().find(|&&(_, e)| e == joined.len()) {
            c.start = s;
        }
    }
    // About 200 guests attended the reception at the Chinese Embassy: a definite event
    // described without a name is one of its own only when the text named no event before it;
    // otherwise it speaks of that one, and the reference rules find it.
    // A ceremony of a kind with no name (the inauguration ceremony) is one of its own on the
    // same terms, and only when no ceremony the text names is the one it speaks of.
    let unnamed = |c: &Candidate| {
        matches!(
            c.rule,
            "english-described-event-definite" | "english-bare-ceremony"
        )
    };
    // The first one kept is the occasion; a later description of another wording speaks of it.
    let first_other_event = cands
        .iter()
        .filter(|c| c.kind == EntityType::Event && !unnamed(c))
        .map(|c| c.start)
        .min();
    let mut kept_unnamed: Vec<(usize, &str, &str)> = Vec::new();
    let mut drop_unnamed = BTreeSet::new();
    let mut order: Vec<&Candidate> = cands.iter().filter(|c| unnamed(c)).collect();
    order.sort_by_key(|c| (c.rule == "english-bare-ceremony", c.start));
    for c in order {
        let text = &ctx.text[c.start..c.end];
        let ceremony_named = c.rule == "english-bare-ceremony"
            && cands.iter().any(|o| {
                o.kind == EntityType::Event
                    && o.rule != "english-bare-ceremony"
                    && (!unnamed(o) || kept_unnamed.iter().any(|&(s, _, _)| s == o.start))
                    && ctx.text[o.start..o.end]
                        .to_ascii_lowercase()
                        .contains("ceremony")
            });
        let earlier = first_other_event.is_some_and(|f| f <= c.start)
            || kept_unnamed
                .iter()
                .any(|&(s, t, rule)| s < c.start && (t != text || rule != c.rule));
        if ceremony_named || earlier {
            drop_unnamed.insert(c.start);
        } else {
            kept_unnamed.push((c.start, text, c.rule));
        }
    }
    cands.retain(|c| !unnamed(c) || !drop_unnamed.contains(&c.start));
    // His Excellency Xi Jinping, Xi Jinping’s, Nepal Hon.: forms of address and a possessive
    // are no part of an English name; a name left with a known place or body alone, or running
    // into a known name of another kind (People's Congress of the National People's Congress),
    // is no person.
    cands.retain_mut(|c| c.kind != EntityType::Person || english_person_trimmed(ctx, c));
    // 贾帕克萨 in 拉贾帕克萨总统: the end of a known family name is no new person; the whole
    // name is the short-name rule's to resolve.
    cands.retain(|c| {
        if c.kind != EntityType::Person || c.entity.is_some() {
            return true;
        }
        let before = &ctx.text[..c.start];
        !before
            .char_indices()
            .rev()
            .take(3)
            .any(|(i, _)| ctx.ex.gazetteer.is_name_part(&ctx.text[i..c.end]))
    });
    // 巴方外长: a reference to a party (an abbreviation and 方) is never a person's name.
    let parties = &ctx.ex.lexicon.parties;
    cands.retain(|c| {
        let text = &ctx.text[c.start..c.end];
        c.kind != EntityType::Person
            || !(parties.collective.iter().any(|w| w == text)
                || parties.party_suffix.iter().any(|s| {
                    text.strip_suffix(s.as_str())
                        .is_some_and(|a| ctx.ex.gazetteer.by_abbreviation(a).is_some())
                }))
    });
    // 旁遮普省首席部长: a body's name cut inside a title running past it (首席部长) is none.
    let titles = ctx.ex.lexicon.titles();
    cands.retain(|c| {
        c.kind != EntityType::Organization
            || c.entity.is_some()
            || !ctx.text[c.start..c.end]
                .char_indices()
                .rev()
                .take(4)
                .any(|(i, _)| {
                    let at = c.start + i;
                    titles.iter().any(|(t, _)| {
                        ctx.text[at..].starts_with(t.as_str()) && at + t.len() > c.end
                    })
                })
    });
    let shorts = found_family_names(ctx, &cands);
    cands.extend(shorts);
    let meetings = body_meetings(ctx, gaz, &cands);
    cands.extend(meetings);
    cands
}

/// 上合组织成员国外长理事会会议: a body that meets (its name ending in one of
/// `events.meeting_bodies`), known or found, with a meeting's word right after it
/// (`events.body_meeting_heads`) is a meeting of it, an Event — unless its clause speaks of
/// meetings held regularly (`events.recurrence_words`: 定期举行…).
fn body_meetings(ctx: &Ctx<'_>, gaz: &[GazetteerMatch], cands: &[Candidate]) -> Vec<Candidate> {
    let events = &ctx.ex.lexicon.events;
    let bodies = gaz
        .iter()
        .filter(|g| ctx.gaz_kind(g) == Some(EntityType::Organization))
        .map(|g| (g.start, g.end))
        .chain(
            cands
                .iter()
                .filter(|c| c.kind == EntityType::Organization)
                .map(|c| (c.start, c.end)),
        );
    let mut out: Vec<Candidate> = Vec::new();
    for (start, end) in bodies {
        let name = &ctx.text[start..end];
        if !events
            .meeting_bodies
            .iter()
            .any(|b| name.ends_with(b.as_str()))
        {
            continue;
        }
        let Some(head) = events
            .body_meeting_heads
            .iter()
            .filter(|h| ctx.text[end..].starts_with(h.as_str()))
            .max_by_key(|h| h.len())
        else {
            continue;
        };
        let end = end + head.len();
        // 定期举行…联委会会议: meetings held regularly are no one occasion.
        let clause = super::text::after_last(&ctx.text[..start], &['，', '。', '；', '\n']);
        if events
            .recurrence_words
            .iter()
            .any(|w| ctx.text[clause..start].contains(w.as_str()))
        {
            continue;
        }
        if !out.iter().any(|c| (c.start, c.end) == (start, end)) {
            out.push(Candidate {
                start,
                end,
                kind: EntityType::Event,
                rule: "body-meeting",
                entity: None,
            });
        }
    }
    out
}

/// Erlan Abdyldaev … Abdyldaev, who is on a visit to China, attended …: in English, a person the
/// rules found named in full (two words or more, after a title) is named after that by the last
/// word alone, when no other person the rules found has that last word. Resolution then finds
/// the person (see `resolve::person_short_form`). Chinese names in Pinyin are left to the
/// gazetteer's rule, as their family name comes first.
fn found_family_names(ctx: &Ctx<'_>, cands: &[Candidate]) -> Vec<Candidate> {
    let families = sole_owners(ctx, cands, |words| {
        let family = *words.last()?;
        // Ahmed Wang beside Wang Li: a last word that is a Chinese family name may stand for
        // either.
        (words.len() >= 2
            && !super::persons::is_pinyin_surname(ctx, words[0])
            && family.len() >= 3
            && family.starts_with(|c: char| c.is_ascii_uppercase())
            && !super::persons::is_pinyin_surname(ctx, family))
        .then_some(family)
    });
    let mut out: Vec<Candidate> = families
        .into_iter()
        .flat_map(|(family, first_end)| short_names(ctx, family, first_end, None))
        .collect();
    // Sun Weidong … Mr. Weidong: a Chinese name written family name first, its given name after
    // an honorific stands for the person (texts abroad often take the last word for the family
    // name). Only after the honorific: a given name alone may be anyone's.
    let given_names = sole_owners(ctx, cands, |words| match words {
        [family, given] if super::persons::is_pinyin_surname(ctx, family) && given.len() >= 4 => {
            Some(*given)
        }
        _ => None,
    });
    let honorifics = &ctx.ex.lexicon.persons.english_honorifics;
    let addressed = |start: usize| {
        let before = ctx.text[..start]
            .trim_end_matches(' ')
            .trim_end_matches('.');
        honorifics.iter().any(|h| {
            before.strip_suffix(h.as_str()).is_some_and(|rest| {
                rest.chars()
                    .next_back()
                    .is_none_or(|ch| !ch.is_ascii_alphanumeric())
            })
        })
    };
    for (given, first_end) in given_names {
        out.extend(
            short_names(ctx, given, first_end, None)
                .into_iter()
                .filter(|c| addressed(c.start)),
        );
    }
    out
}

/// The words `key` picks from the English full names of persons the rules found (unknown to the
/// gazetteer), each with where its first full name ends, when exactly one full name gives it.
fn sole_owners<'a>(
    ctx: &Ctx<'a>,
    cands: &[Candidate],
    key: impl Fn(&[&'a str]) -> Option<&'a str>,
) -> Vec<(&'a str, usize)> {
    let mut owners: BTreeMap<&str, (Vec<&str>, usize)> = BTreeMap::new();
    for c in cands
        .iter()
        .filter(|c| c.kind == EntityType::Person && c.entity.is_none() && c.end > c.start)
    {
        let full: &'a str = &ctx.text[c.start..c.end];
        if !full.is_ascii() {
            continue;
        }
        let words: Vec<&'a str> = full.split(' ').collect();
        let Some(k) = key(&words) else { continue };
        let owner = owners.entry(k).or_insert((Vec::new(), c.end));
        if !owner.0.contains(&full) {
            owner.0.push(full);
        }
        owner.1 = owner.1.min(c.end);
    }
    owners
        .into_iter()
        .filter(|(_, (names, _))| names.len() == 1)
        .map(|(k, (_, end))| (k, end))
        .collect()
}

/// The short-name candidates of `family` standing alone after `from` (see
/// `family_name_mentions`), each the entity `entity` when it is known.
fn short_names(ctx: &Ctx<'_>, family: &str, from: usize, entity: Option<String>) -> Vec<Candidate> {
    family_name_mentions(ctx, family, from)
        .into_iter()
        .map(|(start, end)| Candidate {
            start,
            end,
            kind: EntityType::Person,
            rule: "short-name",
            entity: entity.clone(),
        })
        .collect()
}

/// Where `family` stands alone after `from`: as a whole word, with no capitalised word right
/// before it (unless a mark ends that word) or after it, and no hyphen or possessive after it.
fn family_name_mentions(ctx: &Ctx<'_>, family: &str, from: usize) -> Vec<(usize, usize)> {
    let capitalised =
        |w: Option<&str>| w.is_some_and(|w| w.starts_with(|c: char| c.is_ascii_uppercase()));
    let mut out = Vec::new();
    for (at, _) in ctx.text[from..].match_indices(family) {
        let start = from + at;
        let end = start + family.len();
        if !super::gazetteer::latin_boundaries_ok(ctx.text, start, end) {
            continue;
        }
        let before = ctx.text[..start].strip_suffix(' ');
        let after = ctx.text[end..].strip_prefix(' ');
        let word_before = before.and_then(|b| b.rsplit(' ').next());
        let word_after = after.and_then(|a| a.split(' ').next());
        // Part of a longer name (Berdimuhamedov Street, Gurbanguly Berdimuhamedov).
        if capitalised(word_before)
            && !word_before.is_some_and(|w| w.ends_with(['.', ',', ':', ';']))
            || capitalised(word_after)
            || ctx.text[end..].starts_with(['-', '’', '\''])
        {
            continue;
        }
        out.push((start, end));
    }
    out
}

/// Trims forms of address and a possessive off an English person candidate; false when no
/// person is left.
fn english_person_trimmed(ctx: &Ctx<'_>, c: &mut Candidate) -> bool {
    let latin = ctx.text[c.start..c.end]
        .chars()
        .all(|ch| ch.is_ascii() || ch == '’');
    if c.entity.is_some() || !latin {
        return true;
    }
    let honorifics = &ctx.ex.lexicon.persons.english_honorifics;
    loop {
        let text = &ctx.text[c.start..c.end];
        let lead = honorifics.iter().find_map(|h| {
            let rest = text.strip_prefix(h.as_str())?;
            // Hon.Champika Ranawaka: after the dot the name may follow without a space.
            let glued = rest
                .strip_prefix('.')
                .filter(|r| r.starts_with(|ch: char| ch.is_ascii_uppercase()));
            glued
                .or_else(|| rest.strip_prefix('.').unwrap_or(rest).strip_prefix(' '))
                .map(|r| text.len() - r.len())
        });
        let trail = honorifics.iter().find_map(|h| {
            let rest = text.strip_suffix('.').unwrap_or(text);
            let rest = rest.strip_suffix(h.as_str())?;
            rest.strip_suffix(' ').map(str::len)
        });
        let possessive = ctx
            .ex
            .lexicon
            .phrases
            .not_subject_before
            .iter()
            .find_map(|p| text.strip_suffix(p.as_str()).map(str::len));
        match (lead, trail.or(possessive)) {
            (Some(n), _) => c.start += n,
            (None, Some(n)) => c.end = c.start + n,
            (None, None) => break,
        }
    }
    let text = &ctx.text[c.start..c.end];
    // General Secretary Professor Dr. …: forms of address alone are no name.
    if text.split_whitespace().count() == 0
        || honorifics.iter().any(|h| h == text.trim_end_matches('.'))
    {
        return false;
    }
    let gaz = &ctx.ex.gazetteer;
    let known = gaz.find(text);
    let whole_other = known.iter().any(|g| {
        g.start == 0 && g.end == text.len() && gaz.entries()[g.entry].kind != EntityType::Person
    });
    // The name must not run into a known name of another kind around it.
    let from = ctx.text[..c.start]
        .char_indices()
        .rev()
        .nth(40)
        .map_or(0, |(i, _)| i);
    let to = ctx.text[c.end..]
        .char_indices()
        .nth(40)
        .map_or(ctx.text.len(), |(i, _)| c.end + i);
    let straddled = gaz.find(&ctx.text[from..to]).iter().any(|g| {
        let (s, e) = (from + g.start, from + g.end);
        gaz.entries()[g.entry].kind != EntityType::Person
            && s < c.end
            && c.start < e
            && (s < c.start || e > c.end)
    });
    !whole_other && !straddled
}

/// Reduces the candidates to non-overlapping mentions and resolves them to entities.
fn choose(
    ctx: &Ctx<'_>,
    known: &[Entity],
    gaz: &[GazetteerMatch],
    mut cands: Vec<Candidate>,
) -> Found {
    // Longest first; on equal spans the more trusted rule.
    cands.sort_by(|a, b| {
        (b.end - b.start)
            .cmp(&(a.end - a.start))
            .then(priority(b.rule).cmp(&priority(a.rule)))
            .then(a.start.cmp(&b.start))
    });
    let mut chosen: Vec<Candidate> = Vec::new();
    // The chosen spans by start, to their place in `chosen`. They do not overlap, so their ends
    // are in the order of their starts: the one starting last before a span's end is the only
    // one that can overlap it, and the one starting last at or before its start the only one
    // that can hold it.
    let mut by_start: BTreeMap<usize, usize> = BTreeMap::new();
    let mut inner_gaz: Vec<Candidate> = Vec::new();
    let mut nested: Vec<Candidate> = Vec::new();
    for c in cands {
        if c.end <= c.start {
            continue;
        }
        let overlaps = by_start
            .range(..c.end)
            .next_back()
            .is_some_and(|(_, &k)| chosen[k].end > c.start);
        if !overlaps {
            by_start.insert(c.start, chosen.len());
            chosen.push(c);
            continue;
        }
        let container = by_start
            .range(..=c.start)
            .next_back()
            .map(|(_, &k)| &chosen[k])
            .filter(|k| c.end <= k.end);
        if c.entity.is_some() && container.is_some() {
            inner_gaz.push(c.clone());
        }
        // A known name, or a body or person a rule finds, inside a longer name of another kind
        // is an entity of its own (the working group in 中巴农业联合工作组第四次会议, the academy
        // in 中国科学院国际交流计划) — unless it is the same words read as another type.
        // A title in 《》 is a document about other things: the events and people its words
        // name are entities too (《…大使出席中国援助巴基斯坦农机装备分发仪式》).
        let in_title = container.is_some_and(|k| k.rule == "title-marks");
        // The region a department is named for (东亚 in 印度外交部东亚司) is its field, not a
        // place the text speaks of.
        let field = (container.is_some_and(|k| k.rule == "department")
            && c.kind == EntityType::Place)
            // 丝路 in the agency 新华丝路 is part of its name, no place the text speaks of.
            || container.is_some_and(|k| k.rule == "dateline");
        let trusted = c.entity.is_some()
            || (matches!(c.kind, EntityType::Organization | EntityType::Person)
                && c.rule != "tagged-organization")
            || (in_title && c.kind == EntityType::Event)
            // The agreement an event signs or marks (…政府间协定签字仪式) is a document too, and
            // so is the project a ceremony hands over or opens (the handover ceremony of the
            // China-Pakistan Friendship Hospital).
            || (matches!(c.kind, EntityType::Document | EntityType::Project)
                && container.is_some_and(|k| k.kind == EntityType::Event))
            || c.rule == "section-end";
        let holds_names = trusted
            && container.is_some_and(|k| {
                !matches!(
                    k.kind,
                    EntityType::Person | EntityType::Country | EntityType::Place
                ) && (k.kind != c.kind || quoted_whole(ctx.text, c.start, c.end))
                    && name_key(&ctx.text[k.start..k.end]) != name_key(&ctx.text[c.start..c.end])
            });
        if holds_names
            && !field
            && (c.start, c.end) != container.map_or((0, 0), |k| (k.start, k.end))
            && !nested.iter().any(|n| {
                // A known name inside a nested one (the countries in the agreement a signing
                // ceremony is named for) is an entity as well.
                let inside = c.entity.is_some() && n.start <= c.start && c.end <= n.end;
                c.start < n.end && n.start < c.end && !inside
            })
        {
            nested.push(c);
        }
    }
    let again = repeated_persons(ctx, &chosen);
    chosen.extend(again);
    chosen.sort_by_key(|c| c.start);
    inner_gaz.sort_by_key(|c| c.start);
    // A known name with words before it and a generic tail after it is that name
    // (地铁拉合尔轨道交通橙线项目 → 拉合尔轨道交通橙线): the mention starts at the name.
    let tails = &ctx.ex.lexicon.suffix_rules.generic_tails;
    for c in chosen.iter_mut().filter(|c| c.entity.is_none()) {
        // (inner_gaz is in order of start: only those starting inside `c` can be its head.)
        let from = inner_gaz.partition_point(|i| i.start <= c.start);
        let to = inner_gaz.partition_point(|i| i.start < c.end);
        let head = inner_gaz[from..to.max(from)].iter().rfind(|i| {
            i.start > c.start && i.end < c.end && i.kind == c.kind && {
                let after = ctx.text[i.end..c.end].trim_start_matches(['”', '’']);
                tails.iter().any(|t| t == after)
            }
        });
        if let Some(h) = head
            && !ctx.text[c.start..h.start]
                .chars()
                .all(|ch| "“‘".contains(ch))
        {
            c.start = h.start;
        }
    }
    nested.sort_by_key(|c| c.start);
    let shared = super::lists::shared_suffix_lists(ctx, gaz);
    super::resolve::Resolver::new(ctx, known).resolve(chosen, inner_gaz, nested, shared)
}

/// The other places a document names a person the rules found once beside a title (高燕副部长
/// … 访问期间，高燕与…): each whole-word occurrence of the same name that no chosen mention
/// covers. A text names its people in full once and by the same name after.
fn repeated_persons(ctx: &Ctx<'_>, chosen: &[Candidate]) -> Vec<Candidate> {
    let mut names: Vec<&str> = chosen
        .iter()
        .filter(|c| c.kind == EntityType::Person && c.entity.is_none())
        .map(|c| &ctx.text[c.start..c.end])
        .filter(|n| {
            let chinese = n.chars().count() >= 2
                && n.chars()
                    .all(|ch| super::boundary::is_han(ch) || "·•".contains(ch));
            // Yao Wen … Yao Wen made these remarks: an English name of two words or more.
            let english = n.split(' ').count() >= 2
                && n.split(' ').all(|w| {
                    w.starts_with(|c: char| c.is_ascii_uppercase())
                        && w.chars()
                            .all(|c| c.is_ascii_alphabetic() || "-.'".contains(c))
                });
            chinese || english
        })
        .collect();
    names.sort();
    names.dedup();
    // Spans taken, by start: the chosen mentions do not overlap, nor do the ones added.
    let mut taken: BTreeMap<usize, usize> = chosen.iter().map(|c| (c.start, c.end)).collect();
    let mut out: Vec<Candidate> = Vec::new();
    for name in names {
        for (start, _) in ctx.text.match_indices(name) {
            let end = start + name.len();
            let free = taken
                .range(..end)
                .next_back()
                .is_none_or(|(_, &taken_end)| taken_end <= start);
            let bounded = if name.is_ascii() {
                !ctx.text[..start]
                    .chars()
                    .next_back()
                    .is_some_and(char::is_alphanumeric)
                    && !ctx.text[end..]
                        .chars()
                        .next()
                        .is_some_and(char::is_alphanumeric)
            } else {
                ctx.starts_token(start) && ctx.ends_token(end)
            };
            if free && bounded {
                taken.insert(start, end);
                out.push(Candidate {
                    start,
                    end,
                    kind: EntityType::Person,
                    rule: "repeated-name",
                    entity: None,
                });
            }
        }
    }
    out
}

/// Whether `start..end` is all of a quoted part (“中巴经济走廊大学联盟”交流机制): a name of its
/// own even inside a longer name of its type.
fn quoted_whole(text: &str, start: usize, end: usize) -> bool {
    text[..start].ends_with(['“', '‘']) && text[end..].starts_with(['”', '’'])
}

/// Short names of known transliterated persons standing next to a title (夏巴兹总理, 总理谢里夫):
/// a first name that is one person's alone, or a family name several people share, resolved to
/// the one who held an office under that title at the sentence's date (谢里夫总理 is Nawaz
/// Sharif in 2015 and Shehbaz Sharif in 2024).
fn short_person_names(ctx: &Ctx<'_>) -> Vec<Candidate> {
    let entries = ctx.ex.gazetteer.entries();
    let mut owners: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (i, e) in entries
        .iter()
        .enumerate()
        .filter(|(_, e)| e.kind == EntityType::Person)
    {
        let Some(zh) = &e.zh else { continue };
        let parts: Vec<&str> = zh.split(['·', '-']).collect();
        if parts.len() < 2 {
            continue;
        }
        for part in [parts[0], parts[parts.len() - 1]] {
            if part.chars().count() >= 2 {
                let list = owners.entry(part).or_default();
                if !list.contains(&i) {
                    list.push(i);
                }
            }
        }
    }
    let names: Vec<(&str, &Vec<usize>)> = owners.iter().map(|(n, ids)| (*n, ids)).collect();
    let Ok(ac) = AhoCorasickBuilder::new()
        .match_kind(MatchKind::LeftmostLongest)
        .build(names.iter().map(|(n, _)| *n))
    else {
        return Vec::new();
    };
    let lex = &ctx.ex.lexicon;
    let mut out = Vec::new();
    for m in ac.find_iter(ctx.text) {
        let (before, after) = (&ctx.text[..m.start()], &ctx.text[m.end()..]);
        if after.starts_with(['·', '-']) || before.ends_with(['·', '-']) {
            continue;
        }
        let before = lex.strip_title_infix(before);
        let Some((title, _)) = lex
            .title_at_start(after)
            .or_else(|| lex.title_at_end(before))
        else {
            continue;
        };
        // 前总理德乌帕: a past office was held before the sentence's date, not at it.
        let past = before
            .strip_suffix(title)
            .is_some_and(|rest| lex.titles.past.iter().any(|w| rest.ends_with(w.as_str())));
        let ids = names[m.pattern().as_usize()].1;
        let date = ctx.date_at(m.start());
        let chosen: Vec<usize> = if ids.len() == 1 {
            // One known person of that name: it is them unless their offices say otherwise
            // (亚洲司司长安瓦尔 in 2023 is not Anwaar-ul-Haq Kakar, prime minister in 2023–24).
            let roles = &entries[ids[0]].roles;
            let fits = roles.is_empty()
                || roles.iter().any(|r| r.role.ends_with(title))
                || (date.is_some() && roles.iter().any(|r| r.held_at(date)));
            if fits { ids.clone() } else { Vec::new() }
        } else {
            ids.iter()
                .copied()
                .filter(|&i| {
                    entries[i]
                        .roles
                        .iter()
                        .any(|r| r.role.ends_with(title) && (past || r.held_at(date)))
                })
                .collect()
        };
        // 别尔德穆哈梅多夫总统 in a text with no date to tell father from son: of several known
        // persons who held the office, which one is meant is unsure, but that it is a person is
        // not. (Dated out of all their terms, the name is left alone: the text may be wrong.)
        let unsure = ids.len() > 1
            && date.is_none()
            && chosen.len() != 1
            && ids
                .iter()
                .filter(|&&i| entries[i].roles.iter().any(|r| r.role.ends_with(title)))
                .count()
                > 1;
        if let [one] = chosen.as_slice() {
            out.push(Candidate {
                start: m.start(),
                end: m.end(),
                kind: EntityType::Person,
                rule: "short-name",
                entity: Some(entries[*one].id.clone()),
            });
        } else if unsure {
            out.push(Candidate {
                start: m.start(),
                end: m.end(),
                kind: EntityType::Person,
                rule: "short-name",
                entity: None,
            });
        }
    }
    out
}

/// Serdar Berdimuhamedov … Berdimuhamedov is in China, Shehbaz Sharif … Sharif said: in English,
/// a known person named in full is named after that by the family name alone (the last word of a
/// foreign name, the first of a Chinese one). Such a word standing alone (no capitalised word
/// right before or after it) after the full name is that person, when it is the family name of
/// one person only among those the text names in full (a known name inside a longer one, with a
/// capitalised word after it, is not named in full).
fn english_family_names(ctx: &Ctx<'_>, gaz: &[GazetteerMatch]) -> Vec<Candidate> {
    let entries = ctx.ex.gazetteer.entries();
    let mut owners: BTreeMap<&str, (Vec<usize>, usize)> = BTreeMap::new();
    for g in gaz {
        let e = &entries[g.entry];
        let surface = &ctx.text[g.start..g.end];
        if e.kind != EntityType::Person || !surface.is_ascii() {
            continue;
        }
        let words: Vec<&str> = surface.split(' ').collect();
        // Abdulla Yameen Abdul Gayyoom: a known name inside a longer one is not named in full.
        let next = ctx.text[g.end..]
            .strip_prefix(' ')
            .and_then(|a| a.split(' ').next());
        if words.len() < 2 || next.is_some_and(|w| w.starts_with(|c: char| c.is_ascii_uppercase()))
        {
            continue;
        }
        let chinese =
            e.zh.as_deref()
                .is_some_and(|z| z.chars().count() <= 4 && z.chars().all(super::boundary::is_han));
        let family = if chinese {
            words[0]
        } else {
            words[words.len() - 1]
        };
        if family.len() < 2 || !family.starts_with(|c: char| c.is_ascii_uppercase()) {
            continue;
        }
        let owner = owners.entry(family).or_insert((Vec::new(), g.end));
        if !owner.0.contains(&g.entry) {
            owner.0.push(g.entry);
        }
        owner.1 = owner.1.min(g.end);
    }
    let mut out = Vec::new();
    for (family, (ids, first_end)) in owners {
        if let [one] = ids.as_slice() {
            out.extend(short_names(
                ctx,
                family,
                first_end,
                Some(entries[*one].id.clone()),
            ));
        }
    }
    out
}

/// Matches of the corpus's own named texts (the titles of its documents).
fn corpus_matches(text: &str, known: &[Entity]) -> Vec<Candidate> {
    let mut names = Vec::new();
    let mut owner = Vec::new();
    for e in known {
        for n in e
            .label_zh
            .iter()
            .chain(e.label_en.iter())
            .chain(e.aliases.iter())
        {
            if n.chars().count() < 4 {
                continue;
            }
            // Titles are printed with any of the dashes (2025—2029, 2025－2029, 2025-2029).
            let mut variants: Vec<String> = ['-', '－', '—', '–']
                .iter()
                .map(|d| n.replace(['-', '－', '—', '–'], &d.to_string()))
                .collect();
            variants.push(n.clone());
            variants.sort();
            variants.dedup();
            for v in variants {
                names.push(v);
                owner.push(e);
            }
        }
    }
    let Ok(ac) = AhoCorasickBuilder::new()
        .match_kind(MatchKind::LeftmostLongest)
        .build(&names)
    else {
        return Vec::new();
    };
    ac.find_iter(text)
        .map(|m| {
            let e = owner[m.pattern().as_usize()];
            Candidate {
                start: m.start(),
                end: m.end(),
                kind: e.kind,
                rule: "corpus",
                entity: Some(e.id.clone()),
            }
        })
        .collect()
}

/// The document's parties when the manifest names none: the countries its title names, else
/// the two countries it mentions most.
pub(super) fn infer_parties(mentions: &[Mention], title_countries: &[String]) -> Vec<String> {
    if !title_countries.is_empty() {
        let mut parties = title_countries.to_vec();
        parties.sort();
        parties.dedup();
        return parties;
    }
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for m in mentions.iter().filter(|m| m.kind == EntityType::Country) {
        *counts.entry(m.entity.as_str()).or_insert(0) += 1;
    }
    let mut ranked: Vec<(&str, usize)> = counts.into_iter().collect();
    ranked.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    let mut parties: Vec<String> = ranked
        .iter()
        .take(2)
        .map(|(id, _)| id.to_string())
        .collect();
    parties.sort();
    parties
}
