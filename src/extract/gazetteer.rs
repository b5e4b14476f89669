//! The gazetteer of well-known entities (`ontology/gazetteer.toml`) and its Aho-Corasick matcher.
//!
//! This module owns the gazetteer's file format, its validation and the leftmost-longest search
//! of every name and alias in a text. Names the gazetteer does not know are found by `names`.

use std::collections::{BTreeMap, HashMap};

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use serde::Deserialize;

use super::ExtractError;
use crate::model::{Entity, EntityType, FactDate};

/// A dated office a person held.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct Role {
    /// The title as written in Chinese texts (国家主席, 总理 …).
    pub role: String,
    /// Id of the country or organization led.
    pub of: String,
    /// When the office began (`YYYY` or `YYYY-MM`).
    #[serde(default)]
    pub from: String,
    /// When it ended; empty while in office.
    #[serde(default)]
    pub to: String,
}

impl Role {
    /// Whether the office was held at `date` (undated facts match every office).
    pub fn held_at(&self, date: Option<FactDate>) -> bool {
        let Some(date) = date else { return true };
        let key = date.to_string();
        // Compare at the coarser of the two precisions: 2013 falls within an office from 2013-06.
        let prefix = |a: &str, b: &str| a.len().min(b.len());
        let after_start = self.from.is_empty() || {
            let n = prefix(&key, &self.from);
            key[..n] >= self.from[..n]
        };
        let before_end = self.to.is_empty() || {
            let n = prefix(&key, &self.to);
            key[..n] <= self.to[..n]
        };
        after_start && before_end
    }
}

/// An office the analyst's curation adds to the gazetteer (see [`Gazetteer::with_roles`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AddedRole {
    /// The person's id.
    pub person: String,
    /// The person's Chinese name, for a person the gazetteer does not know.
    pub zh: Option<String>,
    /// The person's English name, likewise.
    pub en: Option<String>,
    /// The office.
    pub role: Role,
    /// Where the decision stands, for errors (`curation.toml: [[role]] number 1`).
    pub origin: String,
}

/// One entry of the gazetteer file.
#[derive(Debug, Clone, Deserialize)]
pub struct GazetteerEntry {
    /// Stable local id (`person/xi-jinping`).
    pub id: String,
    /// Entity type.
    #[serde(rename = "type")]
    pub kind: EntityType,
    /// Canonical Chinese name.
    #[serde(default)]
    pub zh: Option<String>,
    /// Canonical English name.
    #[serde(default)]
    pub en: Option<String>,
    /// Other Chinese names.
    #[serde(default)]
    pub aliases_zh: Vec<String>,
    /// Other English names.
    #[serde(default)]
    pub aliases_en: Vec<String>,
    /// A country's one-character abbreviation (中, 巴 …).
    #[serde(default)]
    pub abbr: Option<String>,
    /// A country's English adjectives of nationality (Chinese, Pakistani): `the Chinese side`
    /// names it.
    #[serde(default)]
    pub demonyms_en: Vec<String>,
    /// A person's dated offices.
    #[serde(default)]
    pub roles: Vec<Role>,
}

impl GazetteerEntry {
    /// Every name of the entry: labels first, then aliases.
    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.zh
            .iter()
            .chain(self.en.iter())
            .chain(self.aliases_zh.iter())
            .chain(self.aliases_en.iter())
            .map(String::as_str)
    }

    /// The entry as a model entity (aliases from the file).
    pub fn to_entity(&self) -> Entity {
        let labels = [&self.zh, &self.en];
        Entity {
            id: self.id.clone(),
            kind: self.kind,
            label_zh: self.zh.clone(),
            label_en: self.en.clone(),
            aliases: self
                .aliases_zh
                .iter()
                .chain(self.aliases_en.iter())
                .filter(|a| !labels.iter().any(|l| l.as_deref() == Some(a.as_str())))
                .cloned()
                .collect(),
        }
    }
}

#[derive(Deserialize)]
struct GazetteerFile {
    #[serde(default)]
    entity: Vec<GazetteerEntry>,
}

/// A gazetteer match in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GazetteerMatch {
    /// Byte offset where the name starts.
    pub start: usize,
    /// Byte offset just past the name.
    pub end: usize,
    /// Index of the entry in [`Gazetteer::entries`].
    pub entry: usize,
}

/// The loaded gazetteer with its matcher.
#[derive(Debug, Clone)]
pub struct Gazetteer {
    entries: Vec<GazetteerEntry>,
    by_id: HashMap<String, usize>,
    by_abbr: BTreeMap<String, usize>,
    matcher: Option<AhoCorasick>,
    pattern_entry: Vec<usize>,
    /// The parts of known persons' transliterated Chinese names (谢里夫 of 夏巴兹·谢里夫).
    /// Each part of a transliterated person name, with the entries whose name holds it.
    name_parts: BTreeMap<String, Vec<usize>>,
}

impl Gazetteer {
    /// Parses the gazetteer file's text; `origin` names the file in errors.
    pub fn parse(text: &str, origin: &str) -> Result<Gazetteer, ExtractError> {
        let bad = |message: String| ExtractError::Gazetteer {
            file: origin.to_string(),
            message,
        };
        let file: GazetteerFile = toml::from_str(text).map_err(|e| bad(e.to_string()))?;
        Gazetteer::from_entries(file.entity).map_err(bad)
    }

    /// The gazetteer with offices the analyst added (curation's `[[role]]`): each joins its
    /// person's entry, or makes one for a person the gazetteer does not know (named by the
    /// office's `names`). An office of an entity the gazetteer does not know, or of an unknown
    /// person given no name, is an error naming it.
    pub fn with_roles(self, added: &[AddedRole]) -> Result<Gazetteer, String> {
        if added.is_empty() {
            return Ok(self);
        }
        let mut entries = self.entries;
        for a in added {
            if !self.by_id.contains_key(&a.role.of) {
                return Err(format!(
                    "{}: the office's `of` = \"{}\" is no entity the gazetteer knows",
                    a.origin, a.role.of
                ));
            }
            match self.by_id.get(&a.person) {
                Some(&i) => entries[i].roles.push(a.role.clone()),
                None if a.zh.is_none() && a.en.is_none() => {
                    return Err(format!(
                        "{}: the gazetteer does not know `{}`: give its `label_zh` or `label_en`",
                        a.origin, a.person
                    ));
                }
                None => {
                    entries.push(GazetteerEntry {
                        id: a.person.clone(),
                        kind: EntityType::Person,
                        zh: a.zh.clone(),
                        en: a.en.clone(),
                        aliases_zh: Vec::new(),
                        aliases_en: Vec::new(),
                        abbr: None,
                        demonyms_en: Vec::new(),
                        roles: vec![a.role.clone()],
                    });
                }
            }
        }
        // Offices of one new person given twice make one entry.
        let mut merged: Vec<GazetteerEntry> = Vec::new();
        for e in entries {
            match merged.iter_mut().find(|m| m.id == e.id) {
                Some(m) => m.roles.extend(e.roles),
                None => merged.push(e),
            }
        }
        Gazetteer::from_entries(merged)
    }

    /// An empty gazetteer: extraction then runs on rules alone.
    pub fn empty() -> Gazetteer {
        Gazetteer::from_entries(Vec::new()).unwrap_or_else(|_| unreachable!("no entries"))
    }

    fn from_entries(entries: Vec<GazetteerEntry>) -> Result<Gazetteer, String> {
        let mut by_id = HashMap::new();
        let mut by_abbr = BTreeMap::new();
        for (i, entry) in entries.iter().enumerate() {
            if !entry.id.starts_with(&format!("{}/", entry.kind.slug())) {
                return Err(format!(
                    "entity `{}`: the id must start with `{}/`",
                    entry.id,
                    entry.kind.slug()
                ));
            }
            if entry.zh.is_none() && entry.en.is_none() {
                return Err(format!("entity `{}` has neither `zh` nor `en`", entry.id));
            }
            if by_id.insert(entry.id.clone(), i).is_some() {
                return Err(format!("entity id `{}` appears twice", entry.id));
            }
            if let Some(abbr) = &entry.abbr {
                by_abbr.insert(abbr.clone(), i);
            }
        }
        for entry in &entries {
            for role in &entry.roles {
                if !by_id.contains_key(&role.of) {
                    return Err(format!(
                        "entity `{}`: role `{}` names unknown entity `{}`",
                        entry.id, role.role, role.of
                    ));
                }
            }
        }
        let mut patterns: Vec<String> = Vec::new();
        let mut pattern_entry = Vec::new();
        let mut seen: HashMap<String, usize> = HashMap::new();
        for (i, entry) in entries.iter().enumerate() {
            for name in entry.names() {
                let name = name.trim();
                if name.is_empty() || seen.contains_key(name) {
                    continue;
                }
                seen.insert(name.to_string(), i);
                patterns.push(name.to_string());
                pattern_entry.push(i);
            }
        }
        // English names are written with either apostrophe (People's, People’s); datelines
        // write places in capitals (POKHARA, Nepal); a hyphen joining two words of a name that
        // is no person's may be a space (One-China Principle, One China Principle).
        for (i, entry) in entries.iter().enumerate() {
            let places = matches!(entry.kind, EntityType::Place | EntityType::Country);
            for name in entry.names() {
                let name = name.trim();
                let curly = name.replace('\'', "’");
                let capitals =
                    (places && name.is_ascii() && name.len() >= 4).then(|| name.to_uppercase());
                let spaced = (entry.kind != EntityType::Person
                    && name.is_ascii()
                    && name.contains(|c: char| c.is_ascii_alphabetic())
                    && hyphens_join_words(name))
                .then(|| name.replace('-', " "));
                let initials = if entry.kind == EntityType::Person && name.is_ascii() {
                    initials_variants(name)
                } else {
                    Vec::new()
                };
                // one-China policy, One China Policy: a headline or a formal text capitalizes
                // every word of a name that is no person's.
                let title_case =
                    (entry.kind != EntityType::Person && name.is_ascii() && name.contains(' '))
                        .then(|| {
                            name.split(' ')
                                .map(super::text::capitalized)
                                .collect::<Vec<_>>()
                                .join(" ")
                        });
                for variant in std::iter::once(curly)
                    .chain(capitals)
                    .chain(spaced)
                    .chain(initials)
                    .chain(title_case)
                {
                    if variant == name || seen.contains_key(&variant) {
                        continue;
                    }
                    seen.insert(variant.clone(), i);
                    patterns.push(variant);
                    pattern_entry.push(i);
                }
            }
        }
        // Then the same names in the other orders the texts use, where no entry claims them.
        let countries = CountryNames::of(&entries);
        for (i, entry) in entries.iter().enumerate() {
            if matches!(entry.kind, EntityType::Country | EntityType::Person) {
                continue;
            }
            let variants: Vec<String> = entry
                .names()
                .flat_map(|n| countries.variants(n.trim(), entry.kind))
                .collect();
            for name in variants {
                if seen.contains_key(&name) {
                    continue;
                }
                seen.insert(name.clone(), i);
                patterns.push(name);
                pattern_entry.push(i);
            }
        }
        let matcher = if patterns.is_empty() {
            None
        } else {
            Some(
                AhoCorasickBuilder::new()
                    .match_kind(MatchKind::LeftmostLongest)
                    .build(&patterns)
                    .map_err(|e| format!("cannot build the matcher: {e}"))?,
            )
        };
        let mut name_parts: BTreeMap<String, Vec<usize>> = BTreeMap::new();
        for (i, e) in entries.iter().enumerate() {
            let Some(zh) = e.zh.as_deref().filter(|_| e.kind == EntityType::Person) else {
                continue;
            };
            if zh.contains(['·', '-']) {
                for part in zh.split(['·', '-']) {
                    name_parts.entry(part.to_string()).or_default().push(i);
                }
            }
        }
        Ok(Gazetteer {
            entries,
            by_id,
            by_abbr,
            matcher,
            pattern_entry,
            name_parts,
        })
    }

    /// Whether `word` is one part of a known person's transliterated name (谢里夫): such a part
    /// may stand for several people, so only the short-name rule resolves it.
    pub fn is_name_part(&self, word: &str) -> bool {
        self.name_parts.contains_key(word)
    }

    /// The known persons whose transliterated name holds `part` (谢里夫: Nawaz and Shehbaz).
    pub fn name_part_owners(&self, part: &str) -> impl Iterator<Item = &GazetteerEntry> {
        self.name_parts
            .get(part)
            .into_iter()
            .flatten()
            .map(|&i| &self.entries[i])
    }

    /// All entries, in file order.
    pub fn entries(&self) -> &[GazetteerEntry] {
        &self.entries
    }

    /// The entry with this id.
    pub fn get(&self, id: &str) -> Option<&GazetteerEntry> {
        self.by_id.get(id).map(|&i| &self.entries[i])
    }

    /// The country whose abbreviation this is (中 → China).
    pub fn by_abbreviation(&self, abbr: &str) -> Option<&GazetteerEntry> {
        self.by_abbr.get(abbr).map(|&i| &self.entries[i])
    }

    /// Every known abbreviation.
    pub fn abbreviations(&self) -> impl Iterator<Item = &str> {
        self.by_abbr.keys().map(String::as_str)
    }

    /// Leftmost-longest matches of every name in `text`. Latin-script names match only on word
    /// boundaries (so `Iran` is not found in `Iranian`).
    pub fn find(&self, text: &str) -> Vec<GazetteerMatch> {
        let Some(matcher) = &self.matcher else {
            return Vec::new();
        };
        matcher
            .find_iter(text)
            .filter(|m| latin_boundaries_ok(text, m.start(), m.end()))
            .map(|m| GazetteerMatch {
                start: m.start(),
                end: m.end(),
                entry: self.pattern_entry[m.pattern().as_usize()],
            })
            .collect()
    }
}

/// The names of countries and places, to write a name's parties or place in another order.
struct CountryNames {
    /// Countries' one-character abbreviations (中, 巴 …).
    abbrs: Vec<String>,
    /// Countries' names, Chinese and English (one-word English names and short forms).
    names: Vec<String>,
    /// Places' one-word English names.
    places_en: Vec<String>,
}

impl CountryNames {
    fn of(entries: &[GazetteerEntry]) -> CountryNames {
        let countries = || entries.iter().filter(|e| e.kind == EntityType::Country);
        CountryNames {
            abbrs: countries().filter_map(|e| e.abbr.clone()).collect(),
            names: countries()
                .flat_map(|e| e.zh.iter().chain(e.en.iter()).chain(e.aliases_en.iter()))
                .filter(|n| !n.contains(' '))
                .cloned()
                .collect(),
            places_en: entries
                .iter()
                .filter(|e| e.kind == EntityType::Place)
                .filter_map(|e| e.en.clone())
                .filter(|n| !n.contains(' '))
                .collect(),
        }
    }

    /// `name` with its two parties the other way round (中巴经济走廊 → 巴中经济走廊,
    /// 中国—巴基斯坦… → 巴基斯坦—中国…, China-Pakistan … → Pakistan-China …), and an English
    /// project's name with the place it names put first (New Gwadar International Airport →
    /// Gwadar New International Airport).
    fn variants(&self, name: &str, kind: EntityType) -> Vec<String> {
        let mut out = Vec::new();
        let chars: Vec<char> = name.chars().collect();
        if chars.len() > 3 {
            let (a, b) = (chars[0].to_string(), chars[1].to_string());
            if a != b && self.abbrs.contains(&a) && self.abbrs.contains(&b) {
                out.push(format!("{b}{a}{}", chars[2..].iter().collect::<String>()));
            }
        }
        if let Some((at, dash)) = name
            .char_indices()
            .find(|(_, c)| matches!(c, '-' | '—' | '–' | '－'))
        {
            let (x, rest) = (&name[..at], &name[at + dash.len_utf8()..]);
            // The second party: the longest country name the rest starts with, ending a word.
            let y = self
                .names
                .iter()
                .filter(|c| {
                    rest.starts_with(c.as_str())
                        && (!c.is_ascii()
                            || rest[c.len()..].starts_with([' ', '-'])
                            || rest.len() == c.len())
                })
                .max_by_key(|c| c.len());
            if self.names.iter().any(|c| c == x)
                && let Some(y) = y
                && y != x
            {
                out.push(format!("{y}{dash}{x}{}", &rest[y.len()..]));
            }
        }
        if kind == EntityType::Project && name.is_ascii() {
            let words: Vec<&str> = name.split(' ').collect();
            if let Some(k) =
                (1..words.len()).find(|&k| self.places_en.iter().any(|p| p == words[k]))
            {
                let mut moved = vec![words[k]];
                moved.extend(
                    words
                        .iter()
                        .enumerate()
                        .filter(|&(j, _)| j != k)
                        .map(|(_, w)| *w),
                );
                out.push(moved.join(" "));
            }
        }
        out
    }
}

/// A person's English name with dotted initials (K. P. Sharma Oli) as the texts also write it:
/// without the dots (K P Sharma Oli) and with the initials run together (K.P. Sharma Oli).
fn initials_variants(name: &str) -> Vec<String> {
    let words: Vec<&str> = name.split_whitespace().collect();
    let initial = |w: &str| {
        let mut c = w.chars();
        matches!((c.next(), c.next(), c.next()), (Some(l), Some('.'), None) if l.is_ascii_uppercase())
    };
    let lead = words.iter().take_while(|w| initial(w)).count();
    if lead == 0 || lead == words.len() {
        return Vec::new();
    }
    let rest = words[lead..].join(" ");
    let letters: Vec<&str> = words[..lead].iter().map(|w| &w[..1]).collect();
    vec![
        format!("{} {rest}", letters.join(" ")),
        format!("{}. {rest}", letters.join(".")),
    ]
}

/// Whether every hyphen in an English name stands between two letters (One-China, Belt-Road),
/// not before a digit or a space (CPEC-2, Sino- Pakistan).
fn hyphens_join_words(name: &str) -> bool {
    let chars: Vec<char> = name.chars().collect();
    chars.contains(&'-')
        && chars.iter().enumerate().all(|(i, &c)| {
            c != '-'
                || (i > 0
                    && chars[i - 1].is_ascii_alphabetic()
                    && chars.get(i + 1).is_some_and(|n| n.is_ascii_alphabetic()))
        })
}
/// The match of `matches` that ends at `pos`, found by binary search: the matches are in text
/// order and do not overlap, as `Gazetteer::find` gives them, so their ends grow too.
pub(super) fn match_ending_at(matches: &[GazetteerMatch], pos: usize) -> Option<&GazetteerMatch> {
    let i = matches.partition_point(|m| m.end < pos);
    matches.get(i).filter(|m| m.end == pos)
}

/// Whether `start..end` of `text` stands as whole words where it is Latin script (`Iran` is not
/// in `Iranian`, `met` not in `metro`); Chinese spans always do.
pub(super) fn latin_boundaries_ok(text: &str, start: usize, end: usize) -> bool {
    let word = |c: char| c.is_ascii_alphanumeric();
    let first = text[start..].chars().next();
    let last = text[..end].chars().next_back();
    let before = text[..start].chars().next_back();
    let after = text[end..].chars().next();
    let left_ok = !(first.is_some_and(word) && before.is_some_and(word));
    let right_ok = !(last.is_some_and(word) && after.is_some_and(word));
    left_ok && right_ok
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = r#"
[[entity]]
id = "country/china"
type = "Country"
zh = "中国"
en = "China"
aliases_zh = ["中华人民共和国"]
abbr = "中"

[[entity]]
id = "project/china-pakistan-economic-corridor"
type = "Project"
zh = "中巴经济走廊"
en = "China-Pakistan Economic Corridor"
aliases_en = ["CPEC"]

[[entity]]
id = "country/iran"
type = "Country"
zh = "伊朗"
en = "Iran"

[[entity]]
id = "person/xi-jinping"
type = "Person"
zh = "习近平"
en = "Xi Jinping"
[[entity.roles]]
role = "国家主席"
of = "country/china"
from = "2013-03"
"#;

    #[test]
    fn matches_are_leftmost_longest() {
        let g = Gazetteer::parse(SAMPLE, "g.toml").unwrap();
        let text = "中华人民共和国支持中巴经济走廊";
        let found: Vec<&str> = g.find(text).iter().map(|m| &text[m.start..m.end]).collect();
        assert_eq!(found, ["中华人民共和国", "中巴经济走廊"]);
    }

    #[test]
    fn english_names_match_with_either_apostrophe() {
        let sample = format!(
            "{SAMPLE}\n[[entity]]\nid = \"organization/npc\"\ntype = \"Organization\"\nzh = \"全国人民代表大会\"\nen = \"National People's Congress\"\n"
        );
        let g = Gazetteer::parse(&sample, "g.toml").unwrap();
        for text in [
            "China's National People's Congress",
            "China’s National People’s Congress",
        ] {
            let found: Vec<&str> = g.find(text).iter().map(|m| &text[m.start..m.end]).collect();
            assert_eq!(found.len(), 2, "{text}: {found:?}");
            assert!(found[1].starts_with("National People"), "{found:?}");
        }
        // Another quote mark is no apostrophe.
        assert_eq!(g.find("National People”s Congress").len(), 0);
    }

    #[test]
    fn places_match_in_capitals_and_other_names_do_not() {
        let g = Gazetteer::parse(SAMPLE, "g.toml").unwrap();
        assert_eq!(g.find("IRAN, June 21 -- CHINA and PAKISTAN").len(), 2);
        assert_eq!(g.find("XI JINPING").len(), 0);
    }

    #[test]
    fn latin_names_need_word_boundaries() {
        let g = Gazetteer::parse(SAMPLE, "g.toml").unwrap();
        assert_eq!(g.find("Iranian CPEC-related").len(), 1);
        assert_eq!(g.find("Iran and CPEC.").len(), 2);
    }

    #[test]
    fn names_are_found_with_their_parties_reversed_and_their_place_first() {
        let text = r#"
[[entity]]
id = "country/china"
type = "Country"
zh = "中国"
en = "China"
abbr = "中"
[[entity]]
id = "country/pakistan"
type = "Country"
zh = "巴基斯坦"
en = "Pakistan"
abbr = "巴"
[[entity]]
id = "place/gwadar"
type = "Place"
zh = "瓜达尔"
en = "Gwadar"
[[entity]]
id = "project/cpec"
type = "Project"
zh = "中巴经济走廊"
en = "China-Pakistan Economic Corridor"
aliases_zh = ["中国—巴基斯坦经济走廊"]
[[entity]]
id = "project/new-gwadar-international-airport"
type = "Project"
en = "New Gwadar International Airport"
"#;
        let g = Gazetteer::parse(text, "g.toml").unwrap();
        let found = |t: &str| g.find(t).first().map(|m| g.entries()[m.entry].id.clone());
        for t in [
            "巴中经济走廊",
            "巴基斯坦—中国经济走廊",
            "Pakistan-China Economic Corridor",
        ] {
            assert_eq!(found(t).as_deref(), Some("project/cpec"), "{t}");
        }
        assert_eq!(
            found("Gwadar New International Airport").as_deref(),
            Some("project/new-gwadar-international-airport")
        );
        // Countries and persons are never rewritten; other words are no parties.
        let projects = |t: &str| {
            g.find(t)
                .iter()
                .filter(|m| g.entries()[m.entry].kind == EntityType::Project)
                .count()
        };
        assert!(found("国中").is_none());
        assert_eq!(projects("Pakistan-Gwadar Economic Corridor"), 0);
        assert_eq!(projects("中国经济走廊"), 0);
    }

    #[test]
    fn abbreviations_and_roles_resolve() {
        let g = Gazetteer::parse(SAMPLE, "g.toml").unwrap();
        assert_eq!(g.by_abbreviation("中").unwrap().id, "country/china");
        let xi = g.get("person/xi-jinping").unwrap();
        assert!(xi.roles[0].held_at(Some(FactDate::Year(2015))));
        assert!(!xi.roles[0].held_at(Some(FactDate::Year(2010))));
    }

    #[test]
    fn bad_entries_are_refused_with_the_file_name() {
        let dup = format!(
            "{SAMPLE}\n[[entity]]\nid = \"country/iran\"\ntype = \"Country\"\nzh = \"伊朗\"\n"
        );
        let err = Gazetteer::parse(&dup, "mine.toml").unwrap_err().to_string();
        assert!(err.contains("mine.toml") && err.contains("twice"), "{err}");
        let wrong_type = SAMPLE.replace("id = \"country/iran\"", "id = \"place/iran\"");
        assert!(Gazetteer::parse(&wrong_type, "g.toml").is_err());
        let bad_role = SAMPLE.replace("of = \"country/china\"", "of = \"country/nowhere\"");
        assert!(Gazetteer::parse(&bad_role, "g.toml").is_err());
    }

    #[test]
    fn offices_added_join_a_known_person_or_make_a_new_one() {
        let g = Gazetteer::parse(SAMPLE, "test").expect("gazetteer");
        let role = |person: &str, of: &str, zh: Option<&str>| AddedRole {
            person: person.into(),
            zh: zh.map(str::to_string),
            en: None,
            role: Role {
                role: "总理".into(),
                of: of.into(),
                from: "2030".into(),
                to: String::new(),
            },
            origin: "curation.toml: [[role]] number 1".into(),
        };
        let xi = g.get("person/xi-jinping").expect("xi").roles.len();
        let added = g
            .clone()
            .with_roles(&[
                role("person/xi-jinping", "country/china", None),
                role("person/new", "country/china", Some("新人")),
                role("person/new", "country/china", Some("新人")),
            ])
            .expect("added");
        assert_eq!(
            added.get("person/xi-jinping").expect("xi").roles.len(),
            xi + 1
        );
        assert_eq!(added.get("person/new").expect("new").roles.len(), 2);
        let e = g
            .clone()
            .with_roles(&[role("person/x", "country/nowhere", Some("某"))])
            .expect_err("unknown of");
        assert!(
            e.contains("[[role]] number 1") && e.contains("country/nowhere"),
            "{e}"
        );
        let e = g
            .with_roles(&[role("person/x", "country/china", None)])
            .expect_err("no name");
        assert!(e.contains("label_zh"), "{e}");
    }

    #[test]
    fn roles_end_dates_are_inclusive() {
        let role = Role {
            role: "总理".into(),
            of: "country/pakistan".into(),
            from: "2013-06".into(),
            to: "2017-07".into(),
        };
        assert!(role.held_at(Some(FactDate::YearMonth(2017, 7))));
        assert!(role.held_at(Some(FactDate::Year(2017))));
        assert!(!role.held_at(Some(FactDate::YearMonth(2018, 1))));
        assert!(!role.held_at(Some(FactDate::YearMonth(2013, 1))));
    }
}
