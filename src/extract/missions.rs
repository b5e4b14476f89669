//! Diplomatic missions: embassies, consulates general and high commissions, named in Chinese
//! (中国驻尼泊尔大使馆, 驻孟使馆, 中国驻哈萨克斯坦阿克托别市总领事馆) or in English (the Chinese
//! Embassy in Cambodia, Embassy of Pakistan in China). A mission is its sending country, its host
//! (a country, a city or both) and its kind; every way of writing one names one entity.

use super::Ctx;
use super::boundary::is_han;
use super::names::Candidate;
use crate::model::EntityType;

/// Where a mission is, as its name gives it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Mission {
    /// Byte offset of the mention's start.
    pub start: usize,
    /// Byte offset just past its end.
    pub end: usize,
    /// The sending country's id.
    pub sender: String,
    /// The host country's id, when the name gives it.
    pub host: Option<String>,
    /// The host country is written by its name, not by one character (驻孟).
    pub host_in_full: bool,
    /// The city the mission is in, when the name gives one.
    pub city: Option<City>,
    /// Index of the kind in the rules' `missions.kinds`.
    pub kind: usize,
}

/// A city hosting a mission.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct City {
    /// The known place, when the gazetteer holds it.
    pub place: Option<String>,
    /// Its name as the canonical name writes it (阿克托别, Karachi).
    pub name: String,
}

/// A host as a name gives it: the country, whether written in full, and the city.
type Host = (Option<String>, bool, Option<City>);

impl Mission {
    /// A mission of `sender` at `host`, of the kind at index `kind`, named at `span`.
    fn placed(span: std::ops::Range<usize>, sender: String, host: Host, kind: usize) -> Mission {
        let (host, host_in_full, city) = host;
        Mission {
            start: span.start,
            end: span.end,
            sender,
            host,
            host_in_full,
            city,
            kind,
        }
    }

    /// The mission's canonical Chinese and English names, each when every part is known in
    /// that language: 中国驻尼泊尔大使馆 / Embassy of China in Nepal.
    pub(super) fn names(&self, ctx: &Ctx<'_>) -> (Option<String>, Option<String>) {
        let gaz = &ctx.ex.gazetteer;
        let kind = &ctx.ex.lexicon.missions.kinds[self.kind];
        let sender = gaz.get(&self.sender);
        let (place_zh, place_en) = match &self.city {
            Some(City {
                place: Some(id), ..
            }) => {
                let e = gaz.get(id);
                (e.and_then(|e| e.zh.clone()), e.and_then(|e| e.en.clone()))
            }
            Some(City { place: None, name }) if name.is_ascii() => (None, Some(name.clone())),
            Some(City { place: None, name }) => (Some(name.clone()), None),
            None => {
                let e = self.host.as_deref().and_then(|h| gaz.get(h));
                (e.and_then(|e| e.zh.clone()), e.and_then(|e| e.en.clone()))
            }
        };
        let posted = &ctx.ex.lexicon.missions.posted;
        let zh = sender
            .and_then(|s| s.zh.as_ref())
            .zip(place_zh)
            .map(|(s, p)| format!("{s}{posted}{p}{}", kind.name));
        let en = sender
            .and_then(|s| s.en.as_ref())
            .zip(place_en)
            .zip(kind.en.first())
            .map(|((s, p), k)| format!("{k} of {s} in {p}"));
        (zh, en)
    }
}

/// Every mission a text names, in text order.
pub(super) fn find(ctx: &Ctx<'_>) -> Vec<Mission> {
    let mut out = chinese(ctx);
    out.extend(english(ctx));
    // 驻华使馆 with no sender: the texts' own country has no mission at home.
    out.retain(|m| m.host.as_ref() != Some(&m.sender));
    out.sort_by_key(|m| m.start);
    // The Chinese embassy, with no host: the one mission of that sender and kind the text
    // names with its host, if there is exactly one.
    let placed: Vec<Mission> = out.iter().filter(|m| m.host.is_some()).cloned().collect();
    out.retain_mut(|m| {
        if m.host.is_some() || m.city.is_some() {
            return true;
        }
        let mut same = placed
            .iter()
            .filter(|p| p.sender == m.sender && p.kind == m.kind);
        let Some(first) = same.next() else {
            return false;
        };
        if same.any(|p| p.host != first.host || p.city != first.city) {
            return false;
        }
        m.host = first.host.clone();
        m.city = first.city.clone();
        m.host_in_full = false;
        true
    });
    out
}

/// The missions as mention candidates.
pub(super) fn candidates(ctx: &Ctx<'_>) -> Vec<Candidate> {
    ctx.missions()
        .iter()
        .map(|m| Candidate {
            start: m.start,
            end: m.end,
            kind: EntityType::Organization,
            rule: "mission",
            entity: None,
        })
        .collect()
}

/// The country (by id) a gazetteer name starting at byte 0 of `text` names, with its end.
fn known_at_start(ctx: &Ctx<'_>, text: &str, kinds: &[EntityType]) -> Option<(String, usize)> {
    let gaz = &ctx.ex.gazetteer;
    gaz.find(text)
        .into_iter()
        .filter(|g| g.start == 0 && kinds.contains(&gaz.entries()[g.entry].kind))
        .max_by_key(|g| g.end)
        .map(|g| (gaz.entries()[g.entry].id.clone(), g.end))
}

/// The text from `at` on, at most `chars` characters.
fn window(text: &str, at: usize, chars: usize) -> &str {
    super::text::first_chars(&text[at..], chars)
}

/// 中国驻尼泊尔大使馆, 驻孟使馆, 我驻巴使馆, 中国驻阿克托别总领馆.
fn chinese(ctx: &Ctx<'_>) -> Vec<Mission> {
    let rules = &ctx.ex.lexicon.missions;
    let gaz = &ctx.ex.gazetteer;
    let text = ctx.text;
    let Some(own) = ctx.ex.lexicon.persons.own_country().map(str::to_string) else {
        return Vec::new();
    };
    if rules.posted.is_empty() {
        return Vec::new();
    }
    // The kind whose word opens `at`, with the word's end.
    let kind_at = |at: usize| {
        rules
            .kinds
            .iter()
            .enumerate()
            .flat_map(|(k, kind)| kind.zh.iter().map(move |w| (k, w)))
            .filter(|(_, w)| text[at..].starts_with(w.as_str()))
            .max_by_key(|(_, w)| w.len())
            .map(|(k, w)| (k, at + w.len()))
    };
    let mut out = Vec::new();
    for (i, _) in text.match_indices(rules.posted.as_str()) {
        let after = i + rules.posted.len();
        let ahead = window(text, after, 24);
        // The host: a country by name, a known city, or one character.
        let mut host = None;
        let mut in_full = false;
        let mut city = None;
        let mut pos = after;
        if let Some((id, end)) = known_at_start(ctx, ahead, &[EntityType::Country]) {
            host = Some(id);
            in_full = true;
            pos = after + end;
        } else if let Some((id, end)) = known_at_start(ctx, ahead, &[EntityType::Place]) {
            city = gaz.get(&id).map(|e| City {
                place: Some(id.clone()),
                name: e.zh.clone().unwrap_or_default(),
            });
            pos = after + end;
        } else if let Some(c) = ahead.chars().next() {
            let short = c.to_string();
            let id = rules.host_short.get(&short).cloned().or_else(|| {
                gaz.by_abbreviation(&short)
                    .filter(|e| e.kind == EntityType::Country)
                    .map(|e| e.id.clone())
            });
            if let Some(id) = id
                && kind_at(after + c.len_utf8()).is_some()
            {
                host = Some(id);
                pos = after + c.len_utf8();
            }
        }
        // A city after the country (哈萨克斯坦阿克托别市), or a city the gazetteer does not
        // hold standing alone: a few Chinese characters right before the kind's word.
        let (kind, end) = match kind_at(pos) {
            Some(found) => found,
            None if city.is_none() => {
                let Some((run_end, found)) = window(text, pos, 8)
                    .char_indices()
                    .take_while(|(_, c)| is_han(*c))
                    .map(|(j, c)| pos + j + c.len_utf8())
                    .find_map(|e| kind_at(e).map(|k| (e, k)))
                else {
                    continue;
                };
                let name = &text[pos..run_end];
                // 驻乌兹别克斯坦大使孙立杰和使馆外交官: a title or a joining word in the run
                // makes it people, no city.
                let people = ctx
                    .ex
                    .lexicon
                    .titles()
                    .iter()
                    .any(|(t, _)| !t.is_ascii() && name.contains(t.as_str()))
                    || ctx
                        .ex
                        .lexicon
                        .phrases
                        .list_links
                        .iter()
                        .any(|l| !l.is_ascii() && name.contains(l.as_str()));
                if name.chars().count() < 2 || ctx.ex.compiled.stop_words.contains(name) || people {
                    continue;
                }
                let place = known_at_start(ctx, name, &[EntityType::Place])
                    .filter(|(_, e)| *e == name.len())
                    .map(|(id, _)| id);
                let mut short = name;
                for ending in &rules.city_endings {
                    if let Some(s) = short.strip_suffix(ending.as_str())
                        && s.chars().count() >= 2
                    {
                        short = s;
                    }
                }
                city = Some(City {
                    name: match &place {
                        Some(id) => gaz
                            .get(id)
                            .and_then(|e| e.zh.clone())
                            .unwrap_or_else(|| short.to_string()),
                        None => short.to_string(),
                    },
                    place,
                });
                found
            }
            None => continue,
        };
        // The sender: a country named right before 驻, the own country's words, or none (the
        // texts' own country).
        let behind_from = text[..i].char_indices().rev().nth(11).map_or(0, |(j, _)| j);
        let behind = &text[behind_from..i];
        let named = gaz
            .find(behind)
            .into_iter()
            .filter(|g| g.end == behind.len() && gaz.entries()[g.entry].kind == EntityType::Country)
            .min_by_key(|g| g.start);
        // 尼驻成都总领事馆, 巴驻华使馆: one character that abbreviates a country of the text.
        let abbreviated = behind
            .chars()
            .next_back()
            .filter(|c| super::boundary::is_han(*c) && ctx.starts_token(i - c.len_utf8()))
            .and_then(|c| {
                ctx.country_by_abbreviation(&c.to_string())
                    .map(|e| (e.id.clone(), i - c.len_utf8()))
            });
        let (sender, start) = if let Some(g) = named {
            (gaz.entries()[g.entry].id.clone(), behind_from + g.start)
        } else if let Some((id, at)) = abbreviated.filter(|(id, _)| *id != own) {
            (id, at)
        } else if let Some(w) = rules
            .own_senders
            .iter()
            .filter(|w| behind.ends_with(w.as_str()))
            .max_by_key(|w| w.len())
        {
            (own.clone(), i - w.len())
        } else {
            (own.clone(), i)
        };
        // 《…》，中国驻巴基斯坦大使馆网站: a website cited after a title is a source; in a
        // sentence (中国驻阿富汗大使馆网站发布消息称) the mission speaks through it.
        let line_start = text[..start].rfind('\n').map_or(0, |j| j + 1);
        let cited = rules
            .source_words
            .iter()
            .any(|w| text[end..].starts_with(w.as_str()))
            && text[line_start..start].contains('》');
        if cited {
            continue;
        }
        out.push(Mission::placed(
            start..end,
            sender,
            (host, in_full, city),
            kind,
        ));
    }
    out
}

/// The Chinese Embassy in Cambodia, Embassy of Pakistan in China, the Pakistan High Commission,
/// the Consulate General of China in Karachi.
fn english(ctx: &Ctx<'_>) -> Vec<Mission> {
    let Some(heads) = &ctx.ex.compiled.mission_heads else {
        return Vec::new();
    };
    let text = ctx.text;
    let rules = &ctx.ex.lexicon.missions;
    let mut out = Vec::new();
    for m in heads.find_iter(text) {
        let head = m.as_str();
        let Some(kind) = rules.kinds.iter().position(|k| {
            k.en.iter().any(|w| {
                w.eq_ignore_ascii_case(head) || w.replace('-', " ").eq_ignore_ascii_case(head)
            })
        }) else {
            continue;
        };
        // A demonym or a country right before: the Chinese Embassy, the Pakistan Embassy.
        let before = &text[..m.start()];
        let mut start = m.start();
        let mut sender = None;
        if let Some(before) = before.strip_suffix(' ') {
            let demonym = ctx.ex.compiled.demonyms.iter().find(|(d, _)| {
                before.ends_with(d.as_str())
                    && !before[..before.len() - d.len()]
                        .chars()
                        .next_back()
                        .is_some_and(char::is_alphanumeric)
            });
            if let Some((d, id)) = demonym {
                sender = Some(id.clone());
                start = before.len() - d.len();
            } else {
                let from = before.char_indices().rev().nth(40).map_or(0, |(j, _)| j);
                let gaz = &ctx.ex.gazetteer;
                if let Some(g) = gaz
                    .find(&before[from..])
                    .into_iter()
                    .filter(|g| {
                        from + g.end == before.len()
                            && gaz.entries()[g.entry].kind == EntityType::Country
                    })
                    .min_by_key(|g| g.start)
                {
                    sender = Some(gaz.entries()[g.entry].id.clone());
                    start = from + g.start;
                }
            }
        }
        // A head in lower case is a name only after its sender (the Chinese embassy).
        let capital = head.starts_with(|c: char| c.is_ascii_uppercase());
        if sender.is_none() && !capital {
            continue;
        }
        let mut end = m.end();
        // … of (the) China
        if sender.is_none() {
            let Some(rest) = text[end..].strip_prefix(" of ") else {
                continue;
            };
            let skip = if rest.starts_with("the ") { 4 } else { 0 };
            let Some((id, e)) = known_at_start(ctx, &rest[skip..], &[EntityType::Country]) else {
                continue;
            };
            sender = Some(id);
            end += " of ".len() + skip + e;
        }
        let Some(sender) = sender else { continue };
        // … in Nepal, in Karachi, in Aktobe.
        let mut host = None;
        let mut in_full = false;
        let mut city = None;
        if let Some(rest) = text[end..].strip_prefix(" in ") {
            let at = end + " in ".len();
            if let Some((id, e)) = known_at_start(ctx, rest, &[EntityType::Country]) {
                host = Some(id);
                in_full = true;
                end = at + e;
            } else if let Some((id, e)) = known_at_start(ctx, rest, &[EntityType::Place]) {
                let name = ctx.ex.gazetteer.get(&id).and_then(|p| p.en.clone());
                city = Some(City {
                    place: Some(id),
                    name: name.unwrap_or_else(|| rest[..e].to_string()),
                });
                end = at + e;
            } else {
                let words: Vec<&str> = rest
                    .split(' ')
                    .take_while(|w| {
                        w.chars().next().is_some_and(|c| c.is_ascii_uppercase())
                            && w.chars().all(|c| c.is_ascii_alphabetic() || c == '-')
                    })
                    .take(3)
                    .collect();
                if !words.is_empty() {
                    let name = words.join(" ");
                    end = at + name.len();
                    city = Some(City { place: None, name });
                }
            }
        }
        out.push(Mission::placed(
            start..end,
            sender,
            (host, in_full, city),
            kind,
        ));
    }
    out
}
