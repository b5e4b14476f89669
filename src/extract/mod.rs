//! Extraction: from a normalized document to entities and relations with evidence.
//!
//! [`Extractor`] holds the domain knowledge (the gazetteer, the rules of `rules.toml`, jieba's
//! segmenter) and runs, per document: sentence splitting, mention finding (gazetteer, then
//! rules for unseen names), resolution of short forms and party references, and relation
//! triggers. It does not read files (see `ingest`) nor write RDF (see `rdf`). [`stages`] runs
//! these steps one at a time, for benchmarks.

mod boundary;
mod citations;
mod english;
pub mod gazetteer;
pub mod lexicon;
mod lists;
mod mentions;
mod missions;
mod names;
mod orgs;
mod persons;
mod places;
mod relations;
mod resolve;
pub mod stages;
mod structure;
pub mod text;

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::path::Path;
use std::sync::OnceLock;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use jieba_rs::Jieba;

pub use gazetteer::Gazetteer;
pub use lexicon::Lexicon;
pub use mentions::Mention;

use crate::confidence::Calibration;
use crate::ingest::normalize::NormalizedText;
pub use crate::model::name_key;
use crate::model::{
    COOCCURRENCE_RULE, Entity, EntityType, Evidence, Extraction, FactDate, Relation,
    SentenceMentions, SourceDocument, TextMention,
};

/// Why the extractor could not be set up.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ExtractError {
    /// A rules file could not be read.
    #[error("cannot read {file}")]
    Io {
        /// The file.
        file: String,
        /// The cause.
        source: std::io::Error,
    },
    /// The gazetteer file is malformed.
    #[error("gazetteer {file}: {message}")]
    Gazetteer {
        /// The file.
        file: String,
        /// What is wrong.
        message: String,
    },
    /// The rules file is malformed.
    #[error("rules {file}: {message}")]
    Rules {
        /// The file.
        file: String,
        /// What is wrong.
        message: String,
    },
    /// The calibration file (`confidence.toml`) is malformed.
    #[error("calibration {0}")]
    Calibration(#[from] crate::confidence::CalibrationError),
}

/// The gazetteer shipped with corridor (`ontology/gazetteer.toml` at build time).
pub const BUILTIN_GAZETTEER: &str = include_str!("../../ontology/gazetteer.toml");
/// The rules shipped with corridor (`ontology/rules.toml` at build time).
pub const BUILTIN_RULES: &str = include_str!("../../ontology/rules.toml");

/// A document ready for extraction: its metadata, its normalized text and where it sits in
/// its file.
pub struct DocumentText<'a> {
    /// The document's metadata.
    pub meta: &'a SourceDocument,
    /// The original text of the document (its slice of the file).
    pub original: &'a str,
    /// The normalized text with its offset map into `original`.
    pub normalized: &'a NormalizedText,
    /// Character offset of `original` within its file.
    pub char_base: usize,
    /// Entity ids of the document's parties (for 双方, 两国); empty to infer them.
    pub parties: &'a [String],
}

/// Word lists of the lexicon compiled for matching.
#[derive(Debug)]
struct Compiled {
    suffixes: AhoCorasick,
    suffix_types: Vec<EntityType>,
    suffix_words: Vec<String>,
    stop_words: HashSet<String>,
    stop_tags: HashSet<String>,
    name_words: HashSet<String>,
    needs_proper: HashSet<String>,
    triggers: AhoCorasick,
    trigger_index: Vec<usize>,
    /// For each trigger pattern, every trigger holding the same word (one automaton pattern
    /// reports for them all).
    trigger_alternatives: Vec<Vec<usize>>,
    /// The Chinese words of the `signed` triggers (签署, 签订 …).
    signing_verbs: Vec<String>,
    event_ordinal: regex::Regex,
    /// `events.year_prefix` compiled.
    year_prefix: Option<regex::Regex>,
    /// Gazetteer names with quotes and spaces removed, to entry index.
    gazetteer_keys: BTreeMap<String, usize>,
    /// Chinese names of known countries and places with their ids, longest first.
    place_names: Vec<(String, String)>,
    /// The family names of the rules as written in Pinyin (Du, Wang, Ouyang).
    pinyin_surnames: BTreeSet<String>,
    /// Countries' English adjectives of nationality (gazetteer `demonyms_en`) with their ids.
    demonyms: Vec<(String, String)>,
    /// The phrases naming a country by its adjective (the Chinese side), with its id.
    english_sides: Vec<(String, String)>,
    /// The word lists relations look for in every document, their automata built once.
    actor_words: ActorWords,
    /// Every person title, longest first.
    titles: AhoCorasick,
    /// English names: capitalized words ending in a type's head word.
    english_names: regex::Regex,
    /// The head words of English names with their types, longest first.
    english_heads: Vec<(String, EntityType)>,
    /// English persons after a title (Prime Minister Shehbaz Sharif).
    english_persons: regex::Regex,
    /// `Mr. Name`: a form of address and capitalized name words (group 1).
    english_addressed: Option<regex::Regex>,
    /// English persons after a title with its office (Minister of Commerce Wang Wentao), before
    /// a title (Mohamed Saeed, Minister of …), after a title and a comma, and after a body's
    /// short form and a title in lower case (BIDA executive chairman Lokman Hossain Miah).
    english_person_forms: [regex::Regex; 4],
    /// The English heads of diplomatic missions.
    mission_heads: Option<regex::Regex>,
    /// English events described without a name (a reception at the Chinese Embassy in Dhaka).
    english_described_events: Option<regex::Regex>,
    /// `suffix_rules.dateline` compiled.
    dateline: Option<regex::Regex>,
    /// Short forms defined in brackets (（以下简称“联委会”）): group 1 the short form.
    short_form_definitions: Option<regex::Regex>,
    /// Any bracket opening with a short form's word, to leave out of labels.
    short_form_brackets: Option<regex::Regex>,
    /// `phrases.headcount` compiled.
    headcount: Option<regex::Regex>,
    /// English bodies opening with their head (Ministry of Foreign Affairs of Bangladesh).
    english_bodies: Option<regex::Regex>,
    /// Counted concepts without quotes (的八项行动), from the rules' counted heads.
    counted_concepts: Option<regex::Regex>,
    /// `events.anniversaries` compiled.
    anniversaries: Vec<regex::Regex>,
    /// `name_pattern`s compiled, with their types.
    name_patterns: Vec<(regex::Regex, EntityType)>,
    /// `events.party_sessions` compiled.
    party_sessions: Vec<regex::Regex>,
    /// `events.party_congresses` compiled.
    party_congresses: Vec<regex::Regex>,
    /// A section's far end before its head word (至雷克特段), from the rules' section heads.
    section_ends: Option<regex::Regex>,
    /// English document names opening with their head (Agreement on …).
    english_titles: regex::Regex,
    /// Numbered English occurrences of meetings written head first (The 4th meeting of …).
    english_occurrences: Option<regex::Regex>,
    /// `the handover ceremony of the Name` (group 1, the name after `of`) and `the Name opening
    /// ceremony` (group 2, the name before the kind).
    english_ceremonies: Option<[regex::Regex; 2]>,
    /// `the inauguration ceremony`: a ceremony of a kind with no name (group 1, the kind and
    /// the word ceremony).
    english_bare_ceremonies: Option<regex::Regex>,
    /// Where the text is cut into the stretches the English patterns search.
    english_cuts: english::Cuts,
}

/// The extractor: domain knowledge plus the rules that apply it.
#[derive(Debug)]
pub struct Extractor {
    gazetteer: Gazetteer,
    lexicon: Lexicon,
    compiled: Compiled,
    /// The rules' measured precision, which gives each statement its confidence.
    calibration: Calibration,
}

/// The words standing for actors that relations look for in every document (see
/// `relations::actors`), each list with its automaton built once.
#[derive(Debug)]
struct ActorWords {
    /// `parties.collective` (双方): the document's parties.
    collective: text::Words,
    /// `parties.anaphora` (该国): the country named last.
    anaphora: text::Words,
    /// `parties.first_person` (我).
    first_person: text::Words,
    /// `parties.third_person` (他).
    third_person: text::Words,
    /// The phrases of [`Compiled::english_sides`], in its order.
    english_sides: text::Words,
    /// The gazetteer's abbreviations of countries (中, 巴).
    abbreviations: text::Words,
}

/// Each of the rules' regular expressions `patterns`, compiled.
fn compile_all(patterns: &[String]) -> Result<Vec<regex::Regex>, ExtractError> {
    patterns
        .iter()
        .map(|p| regex::Regex::new(p).map_err(rules_error))
        .collect()
}

fn rules_error(e: regex::Error) -> ExtractError {
    ExtractError::Rules {
        file: "rules.toml".into(),
        message: e.to_string(),
    }
}

/// `Capitalized Words … Head`, the words joined by spaces and by of/and/for/on/the; a number
/// written `No.5` may stand among them (China Railway No.5 Engineering Group).
fn english_names_regex(heads: &[(String, EntityType)]) -> Result<regex::Regex, ExtractError> {
    let alternation: Vec<String> = heads.iter().map(|(h, _)| regex::escape(h)).collect();
    let word = format!(r"(?:{}|No\.[ \t]?\d+)", english::NAME_WORD);
    let pattern = format!(
        r"\b{word}(?:[ \t]+(?:of the|of|and|for|on|vice|{word}))*?[ \t]+(?:{})\b",
        alternation.join("|")
    );
    regex::Regex::new(&pattern).map_err(rules_error)
}

/// `Head link Capitalized Words …` for English document names that open with their head.
fn english_titles_regex(lexicon: &Lexicon) -> Result<regex::Regex, ExtractError> {
    let heads = escaped_longest_first(&lexicon.english_titles.heads);
    let links: Vec<String> = lexicon
        .english_titles
        .links
        .iter()
        .map(|l| regex::escape(l))
        .collect();
    let word = english::NAME_WORD;
    let pattern = format!(
        r"\b(?:{})[ \t]+(?:{})[ \t]+(?:the[ \t]+)?{word}(?:[ \t]+(?:of the|of|and|for|on|in|between|{word}))*",
        heads.join("|"),
        links.join("|")
    );
    regex::Regex::new(&pattern).map_err(rules_error)
}

/// `ordinal head of [the] Capitalized Words …` for numbered English occurrences of meetings;
/// `None` without heads.
fn english_occurrences_regex(lexicon: &Lexicon) -> Result<Option<regex::Regex>, ExtractError> {
    let heads = escaped_longest_first(&lexicon.english_titles.occurrence_heads);
    if heads.is_empty() {
        return Ok(None);
    }
    let ordinal = english::ORDINAL;
    let word = english::NAME_WORD;
    let mut pattern = format!(
        r"\b{ordinal}[ \t]+(?i:{})[ \t]+of[ \t]+(?:the[ \t]+)?{word}(?:[ \t]+(?:of the|of|and|for|on|in|{word}))*",
        heads.join("|")
    );
    // The 13th JCC meeting of CPEC: an ordinal, capitalized words naming the body (perhaps with
    // its abbreviation in brackets), the head in lower case, and perhaps `of` and the name of
    // what the body serves.
    pattern.push_str(&format!(
        r"|\b{ordinal}(?:[ \t]+{word})+(?:[ \t]+\([A-Z][A-Za-z\-]{{1,9}}\))?[ \t]+(?:{})(?:[ \t]+(?:of|on)[ \t]+(?:the[ \t]+)?{word}(?:[ \t]+(?:of the|of|and|for|on|in|{word}))*)?",
        heads.join("|")
    ));
    // …attended the meeting of the SCO Council of Foreign Ministers: with no ordinal, a meeting
    // of a named body right after a verb of attending or holding (the verb and `the` are cut
    // off the name).
    let verbs: Vec<String> = lexicon
        .events
        .held_before
        .iter()
        .filter(|v| v.is_ascii())
        .map(|v| regex::escape(v))
        .collect();
    if !verbs.is_empty() {
        pattern.push_str(&format!(
            r"|\b(?:{})[ \t]+the[ \t]+(?:{})[ \t]+of[ \t]+(?:the[ \t]+)?{word}(?:[ \t]+(?:of the|of|and|for|on|in|{word}))*",
            verbs.join("|"),
            heads.join("|")
        ));
    }
    // The sixth meeting of the China-Uzbekistan intergovernmental cooperation committee: tried
    // first, as the capitalized form would stop at the first lower-case word.
    let bodies = escaped_longest_first(&lexicon.english_titles.lowercase_body_heads);
    if !bodies.is_empty() {
        pattern = format!(
            r"\b{ordinal}[ \t]+(?i:{})[ \t]+of[ \t]+the[ \t]+{word}(?:[ \t]+[a-z][a-z\-]*){{0,4}}?[ \t]+(?:{})\b|{pattern}",
            heads.join("|"),
            bodies.join("|")
        );
    }
    // The Opening Ceremony of the 19th Asian Games: a capitalized part of an event numbered
    // or dated.
    let parts = escaped_longest_first(&lexicon.english_titles.event_parts);
    if !parts.is_empty() {
        pattern.push_str(&format!(
            r"|\b(?:{})[ \t]+of[ \t]+the[ \t]+(?:{ordinal}|\d{{4}})[ \t]+{word}(?:[ \t]+(?:of the|of|and|for|on|in|{word}))*",
            parts.join("|")
        ));
    }
    regex::Regex::new(&pattern).map(Some).map_err(rules_error)
}

/// A ceremony's kind (any case), `ceremony of`, perhaps `the`, and capitalized words joined by
/// of, and, for (group 1; `in` and `on` start its place and day); or capitalized words, the
/// kind and `ceremony` (group 2).
fn english_ceremonies_regex(lexicon: &Lexicon) -> Result<Option<[regex::Regex; 2]>, ExtractError> {
    let kinds = escaped_longest_first(&lexicon.english_titles.ceremony_kinds);
    if kinds.is_empty() {
        return Ok(None);
    }
    let word = english::NAME_WORD;
    let kinds = kinds.join("|");
    let of_name = regex::Regex::new(&format!(
        r"\b(?i:{kinds})[ \t]+(?i:ceremony)[ \t]+of[ \t]+(?:the[ \t]+)?({word}(?:[ \t]+(?:of the|of|and|for|{word}))*)"
    ))
    .map_err(rules_error)?;
    // Or the name first: the China-Maldives Friendship Bridge opening ceremony (group 2).
    let name_first = regex::Regex::new(&format!(
        r"\b()({word}(?:[ \t]+(?:of|and|{word}))*)[ \t]+(?i:{kinds})[ \t]+(?i:ceremony)\b"
    ))
    .map_err(rules_error)?;
    Ok(Some([of_name, name_first]))
}

/// `words` escaped for a regex alternation, the longest first (so the longest wins).
fn escaped_longest_first(words: &[String]) -> Vec<String> {
    let mut out: Vec<String> = words.iter().map(|w| regex::escape(w)).collect();
    out.sort_by(|a, b| b.len().cmp(&a.len()).then(a.cmp(b)));
    out
}

/// `pattern` with `{}` replaced by the escaped `words` as an alternation; `None` without words.
fn alternation_regex(
    pattern: &str,
    words: &[String],
) -> Result<Option<regex::Regex>, ExtractError> {
    if words.is_empty() {
        return Ok(None);
    }
    let alternation = words
        .iter()
        .map(|w| regex::escape(w))
        .collect::<Vec<_>>()
        .join("|");
    regex::Regex::new(&pattern.replace("{}", &alternation))
        .map(Some)
        .map_err(rules_error)
}

/// The English titles of the rules as a regex alternation, longest first.
fn english_title_alternation(lexicon: &Lexicon) -> String {
    // The longest first: Director General before Director.
    let titles: Vec<String> = lexicon
        .titles()
        .iter()
        .filter(|(t, _)| t.is_ascii())
        .map(|(t, _)| t.clone())
        .collect();
    escaped_longest_first(&titles).join("|")
}

/// `Title of Office Words Name`, `Name, [the] Title`, `Title, Name,` and `BODY title Name`.
fn english_person_forms(lexicon: &Lexicon) -> Result<[regex::Regex; 4], ExtractError> {
    let titles = english_title_alternation(lexicon);
    let word = r"[A-Z][a-zA-Z'’\-]+";
    let name = english::PERSON_NAME_WORD;
    // Director General of the Road Development Authority K.W. Kandambi, Under Secretary at the
    // President's Office Fayyaz Shathir: the office's words, then the name (initials and all).
    let of = format!(
        r"\b(?:{titles})[ \t]+(?:of|for|to|at)[ \t]+(?:the[ \t]+)?((?:{word})(?:[ \t]+(?:(?:and|of|the|for)[ \t]+)*{name})*)"
    );
    // Mohamed Saeed, Minister of …; Sudan Kirati, Nepal's Minister of …; Prasanna Gunasena,
    // deputy minister of transport: the title in any case. (…the birth place of Lord Buddha,
    // the chairman said: a title right before a verb of saying is the speaker, group 2.)
    let apposed = format!(
        r"\b({word}(?:[ \t]+{word}){{1,3}}),[ \t]+(?:the[ \t]+)?(?:[A-Z][a-zA-Z\-]+['’]s[ \t]+)?(?i:{titles})\b([ \t]+(?:said|says|told|added|noted|stated)\b)?"
    );
    // Chinese ambassador to Dhaka, Yao Wen, said …; The Ambassador of China to Sri Lanka, Qi
    // Zhenhong, paid …: a title (any case) with its post (at most two phrases), a comma and the
    // name, closed by a comma or a verb of saying.
    let title_first = format!(
        r"\b(?i:{titles})(?:[ \t]+(?:to|of|for|in)[ \t]+(?:the[ \t]+)?{word}(?:[ \t]+{word})*){{0,2}},[ \t]+({name}(?:[ \t]+(?:[A-Z]\.?[ \t]+)?{name}){{1,3}})(?:,|[ \t]+(?:said|says|stated|noted|told|added)\b)"
    );
    // BIDA executive chairman Lokman Hossain Miah, EPB vice-chairman AHM Ahsan: a body's
    // short form, a title in lower case (perhaps after one lower-case word) and two to four
    // name words.
    let lower: Vec<String> = lexicon
        .titles()
        .iter()
        .filter(|(t, _)| t.is_ascii())
        .map(|(t, _)| t.to_lowercase())
        .collect();
    let lower = escaped_longest_first(&lower).join("|");
    let after_body = format!(
        r"\b[A-Z][A-Z&]+[ \t]+(?:[a-z]+[ \t]+)?(?:{lower})[ \t]+({name}(?:[ \t]+{name}){{1,3}})\b"
    );
    Ok([
        regex::Regex::new(&of).map_err(rules_error)?,
        regex::Regex::new(&apposed).map_err(rules_error)?,
        regex::Regex::new(&title_first).map_err(rules_error)?,
        regex::Regex::new(&after_body).map_err(rules_error)?,
    ])
}

/// `Title Capitalized Name` for the English titles of the rules.
fn english_persons_regex(lexicon: &Lexicon) -> Result<regex::Regex, ExtractError> {
    let titles = english_title_alternation(lexicon);
    let name = english::PERSON_NAME_WORD;
    let pattern = format!(r"\b(?:{titles})[ \t]+({name}(?:[ \t]+{name}){{0,3}})\b");
    regex::Regex::new(&pattern).map_err(rules_error)
}

/// Forms of address (perhaps with their dots, which a name may follow without a space: Hon.Champika
/// Ranawaka; one or more: Professor Dr. Md. Shahabul Haque) and one to four name words, with
/// initials.
fn english_addressed_regex(lexicon: &Lexicon) -> Result<Option<regex::Regex>, ExtractError> {
    let forms = escaped_longest_first(&lexicon.persons.english_honorifics);
    if forms.is_empty() {
        return Ok(None);
    }
    let name = english::PERSON_NAME_WORD;
    let pattern = format!(
        r"\b(?:(?:{})(?:\.[ \t]*|[ \t]+))+({name}(?:[ \t]+{name}){{0,3}})\b",
        forms.join("|")
    );
    regex::Regex::new(&pattern).map(Some).map_err(rules_error)
}

/// English bodies opening with their head: `[Owner's ]Head of|for [the] Words …` (group 1 the
/// head and what follows); `None` without heads.
fn english_bodies_regex(lexicon: &Lexicon) -> Result<Option<regex::Regex>, ExtractError> {
    let heads = escaped_longest_first(&lexicon.english_titles.body_openers);
    if heads.is_empty() {
        return Ok(None);
    }
    let word = english::NAME_WORD;
    let link = r"(?:[ \t]+(?:of[ \t]+the|of|and|for)[ \t]+|[ \t]+)";
    // Ministry of Planning, Development and Special Initiatives: a list of fields before `and`.
    let list = format!(r"(?:(?:,[ \t]+{word}(?:[ \t]+{word})*)+,?[ \t]+and[ \t]+{word})?");
    let pattern = format!(
        r"\b(?:{})[ \t]+(?:of|for)[ \t]+(?:the[ \t]+)?{word}(?:{link}{word})*{list}(?:{link}{word})*",
        heads.join("|")
    );
    regex::Regex::new(&pattern).map(Some).map_err(rules_error)
}

/// Events described without a name: `a|an|the` (group 1), at most two lower-case words, a kind,
/// `at|in`, perhaps `the`, and capitalized words (group 2 from the kind on); or, with no place,
/// a kind and what it is for (`of`, `for`, `marking`, `to mark`) up to `was held` (groups 3 and
/// 4: a delivery ceremony for Chinese donations … was held, a ceremony marking the handover of …
/// was held); or capitalized words naming the occasion and a kind, introduced and held
/// (groups 5 and 6: A Chinese New Year celebration ceremony was held); `None` without kinds.
fn english_described_events_regex(lexicon: &Lexicon) -> Result<Option<regex::Regex>, ExtractError> {
    let kinds = escaped_longest_first(&lexicon.english_titles.described_events);
    if kinds.is_empty() {
        return Ok(None);
    }
    let word = english::NAME_WORD;
    // The opening ceremony of the renovated center of Chinese language and culture at …: a
    // ceremony's kind before it, and what it is held for, belong to the description.
    let ceremonies = escaped_longest_first(&lexicon.english_titles.ceremony_kinds);
    let ceremony = if ceremonies.is_empty() {
        String::new()
    } else {
        format!(r"(?:(?:{})[ \t]+)?", ceremonies.join("|"))
    };
    let pattern = format!(
        r"\b([Aa]n?|[Tt]he)[ \t]+(?:[a-z][a-z\-]*[ \t]+){{0,2}}?({ceremony}(?:{kinds})(?:[ \t]+(?:of|for|marking|to[ \t]+mark)[ \t]+(?:[A-Za-z][A-Za-z\-']*[ \t]+){{0,7}}?[A-Za-z][A-Za-z\-']*)?[ \t]+(?:held[ \t]+)?(?:at|in)[ \t]+(?:the[ \t]+)?{word}(?:[ \t]+(?:of the|of|in|and|{word}))*)|\b([Aa]n?|[Tt]he)[ \t]+(?:[a-z][a-z\-]*[ \t]+){{0,2}}?({ceremony}(?:{kinds})[ \t]+(?:of|for|marking|to[ \t]+mark)[ \t]+(?:[A-Za-z0-9][A-Za-z0-9\-'’]*[ \t]+){{0,14}}?[A-Za-z0-9][A-Za-z0-9\-'’]*)[ \t]+(?:was|were)[ \t]+held\b|\b([Aa]n?)[ \t]+((?:[A-Z][A-Za-z\-']*[ \t]+){{1,4}}(?:[a-z][a-z\-]*[ \t]+){{0,2}}?{ceremony}(?:{kinds}))[ \t]+(?:was|were)[ \t]+held\b",
        kinds = kinds.join("|")
    );
    regex::Regex::new(&pattern).map(Some).map_err(rules_error)
}

/// The English heads of diplomatic missions (Embassy, Consulate General), any case.
fn mission_heads_regex(lexicon: &Lexicon) -> Result<Option<regex::Regex>, ExtractError> {
    let heads: Vec<String> = lexicon
        .missions
        .kinds
        .iter()
        .flat_map(|k| k.en.iter().cloned())
        .collect();
    let heads = escaped_longest_first(&heads);
    if heads.is_empty() {
        return Ok(None);
    }
    let pattern = format!(r"(?i)\b(?:{})\b", heads.join("|"));
    regex::Regex::new(&pattern).map(Some).map_err(rules_error)
}

fn jieba() -> &'static Jieba {
    static JIEBA: OnceLock<Jieba> = OnceLock::new();
    JIEBA.get_or_init(Jieba::new)
}

fn build_matcher(words: &[String]) -> Result<AhoCorasick, ExtractError> {
    AhoCorasickBuilder::new()
        .match_kind(MatchKind::LeftmostLongest)
        .build(words)
        .map_err(|e| ExtractError::Rules {
            file: "rules.toml".into(),
            message: e.to_string(),
        })
}

/// The visits written by a word of `visit_abbreviation_words` and a country's abbreviation
/// (访缅 is a visit to Myanmar): one implied trigger per country the gazetteer abbreviates,
/// the texts' own country left out (访华 is a trigger of its own).
fn abbreviation_visits(gazetteer: &Gazetteer, lexicon: &Lexicon) -> Vec<lexicon::Trigger> {
    let words = &lexicon.phrases.visit_abbreviation_words;
    let own = lexicon.persons.own_country();
    gazetteer
        .entries()
        .iter()
        .filter(|e| e.kind == EntityType::Country && own != Some(e.id.as_str()))
        .filter_map(|e| {
            let abbr = e.abbr.as_deref()?;
            Some(lexicon::Trigger {
                relation: crate::model::RelationKind::Visited,
                words: words.iter().map(|w| format!("{w}{abbr}")).collect(),
                subject: vec![EntityType::Person],
                object: vec![EntityType::Country],
                objects: lexicon::ObjectSide::Implied,
                object_within: None,
                after_stance: false,
                stance_in_clause: false,
                subject_adjacent: false,
                implied: Some(e.id.clone()),
            })
        })
        .filter(|t| !t.words.is_empty())
        .collect()
}

impl Extractor {
    /// An extractor from a gazetteer and rules already loaded.
    pub fn new(gazetteer: Gazetteer, mut lexicon: Lexicon) -> Result<Extractor, ExtractError> {
        lexicon
            .triggers
            .extend(abbreviation_visits(&gazetteer, &lexicon));
        let mut suffix_words = Vec::new();
        let mut suffix_types = Vec::new();
        for (kind, words) in &lexicon.suffixes {
            for w in words {
                suffix_words.push(w.clone());
                suffix_types.push(*kind);
            }
        }
        let mut trigger_words = Vec::new();
        let mut trigger_index = Vec::new();
        for (i, t) in lexicon.triggers.iter().enumerate() {
            for w in &t.words {
                trigger_words.push(w.clone());
                trigger_index.push(i);
                // paid a State Visit to: an English phrase with its nouns capitalized, as
                // formal texts write them.
                let capitalized = capitalize_nouns(w, &lexicon.english_titles.phrase_small_words);
                if capitalized != *w && !t.words.contains(&capitalized) {
                    trigger_words.push(capitalized);
                    trigger_index.push(i);
                }
            }
        }
        let mut by_word: HashMap<&str, Vec<usize>> = HashMap::new();
        for (w, &i) in trigger_words.iter().zip(&trigger_index) {
            let all = by_word.entry(w.as_str()).or_default();
            if all.last() != Some(&i) {
                all.push(i);
            }
        }
        let trigger_alternatives: Vec<Vec<usize>> = trigger_words
            .iter()
            .map(|w| by_word[w.as_str()].clone())
            .collect();
        let set = |v: &[String]| v.iter().cloned().collect::<HashSet<_>>();
        let mut gazetteer_keys = BTreeMap::new();
        for (i, entry) in gazetteer.entries().iter().enumerate() {
            for name in entry.names() {
                gazetteer_keys.entry(name_key(name)).or_insert(i);
            }
        }
        let mut place_names: Vec<(String, String)> = gazetteer
            .entries()
            .iter()
            .filter(|e| matches!(e.kind, EntityType::Country | EntityType::Place))
            .flat_map(|e| {
                e.zh.iter()
                    .chain(e.aliases_zh.iter())
                    .chain(e.en.iter())
                    .chain(e.aliases_en.iter())
                    .map(move |n| (n.clone(), e.id.clone()))
            })
            .filter(|(n, _)| n.chars().count() >= 2)
            .collect();
        place_names.sort_by(|a, b| b.0.len().cmp(&a.0.len()).then(a.cmp(b)));
        let demonyms: Vec<(String, String)> = gazetteer
            .entries()
            .iter()
            .filter(|e| e.kind == EntityType::Country)
            .flat_map(|e| e.demonyms_en.iter().map(move |d| (d.clone(), e.id.clone())))
            .collect();
        // The Chinese side, and the country's own name as texts write it too (The Sri Lanka side).
        let country_names: Vec<(String, String)> = gazetteer
            .entries()
            .iter()
            .filter(|e| e.kind == EntityType::Country)
            .flat_map(|e| {
                e.en.iter()
                    .chain(e.aliases_en.iter())
                    .map(move |n| (n.clone(), e.id.clone()))
            })
            .collect();
        let english_sides: Vec<(String, String)> = demonyms
            .iter()
            .chain(&country_names)
            .flat_map(|(d, id)| {
                lexicon.parties.english_sides.iter().flat_map(move |w| {
                    ["the", "The"].map(|the| (format!("{the} {d} {w}"), id.clone()))
                })
            })
            .collect();
        let mut english_heads: Vec<(String, EntityType)> = lexicon
            .english_heads
            .iter()
            .flat_map(|(k, ws)| ws.iter().map(move |w| (w.clone(), *k)))
            .collect();
        english_heads.sort_by(|a, b| b.0.len().cmp(&a.0.len()).then(a.0.cmp(&b.0)));
        let actor_words = ActorWords {
            collective: text::Words::new(&lexicon.parties.collective),
            anaphora: text::Words::new(&lexicon.parties.anaphora),
            first_person: text::Words::new(&lexicon.parties.first_person),
            third_person: text::Words::new(&lexicon.parties.third_person),
            english_sides: text::Words::new(
                &english_sides
                    .iter()
                    .map(|(w, _)| w.as_str())
                    .collect::<Vec<_>>(),
            ),
            abbreviations: text::Words::new(&gazetteer.abbreviations().collect::<Vec<_>>()),
        };
        let compiled = Compiled {
            actor_words,
            suffixes: build_matcher(&suffix_words)?,
            suffix_types,
            suffix_words,
            stop_words: set(&lexicon.boundary.stop_words),
            stop_tags: set(&lexicon.boundary.stop_tags),
            name_words: set(&lexicon.boundary.name_words),
            needs_proper: set(&lexicon.suffix_rules.needs_proper_prefix),
            triggers: build_matcher(&trigger_words)?,
            trigger_index,
            trigger_alternatives,
            event_ordinal: regex::Regex::new(&lexicon.events.ordinal).map_err(|e| {
                ExtractError::Rules {
                    file: "rules.toml".into(),
                    message: e.to_string(),
                }
            })?,
            year_prefix: lexicon
                .events
                .year_prefix
                .as_deref()
                .map(regex::Regex::new)
                .transpose()
                .map_err(rules_error)?,
            signing_verbs: lexicon
                .triggers
                .iter()
                .filter(|t| t.relation == crate::model::RelationKind::Signed)
                .flat_map(|t| t.words.iter())
                .filter(|w| !w.is_ascii())
                .cloned()
                .collect(),
            gazetteer_keys,
            place_names,
            pinyin_surnames: persons::pinyin_surnames(&lexicon.persons),
            demonyms,
            english_sides,
            english_names: english_names_regex(&english_heads)?,
            english_persons: english_persons_regex(&lexicon)?,
            english_addressed: english_addressed_regex(&lexicon)?,
            mission_heads: mission_heads_regex(&lexicon)?,
            english_described_events: english_described_events_regex(&lexicon)?,
            short_form_definitions: alternation_regex(
                r"[（(](?:{})[《“]([^》”]{1,40})[》”][）)]",
                &lexicon.suffix_rules.short_form_words,
            )?,
            short_form_brackets: alternation_regex(
                r"[（(](?:{})[^（()）]{1,40}[）)]",
                &lexicon.suffix_rules.short_form_words,
            )?,
            headcount: lexicon
                .phrases
                .headcount
                .as_deref()
                .map(regex::Regex::new)
                .transpose()
                .map_err(rules_error)?,
            dateline: lexicon
                .suffix_rules
                .dateline
                .as_deref()
                .map(regex::Regex::new)
                .transpose()
                .map_err(rules_error)?,
            english_bodies: english_bodies_regex(&lexicon)?,
            english_titles: english_titles_regex(&lexicon)?,
            english_occurrences: english_occurrences_regex(&lexicon)?,
            english_ceremonies: english_ceremonies_regex(&lexicon)?,
            english_bare_ceremonies: alternation_regex(
                r"\b(?:[Tt]he|[Aa]n?)[ \t]+((?:{})[ \t]+ceremony)\b",
                &lexicon.english_titles.ceremony_kinds,
            )?,
            english_person_forms: english_person_forms(&lexicon)?,
            english_cuts: english::Cuts::new(
                english_heads
                    .iter()
                    .map(|(h, _)| h.as_str())
                    .chain(lexicon.titles().iter().map(|(t, _)| t.as_str()))
                    .chain(lexicon.english_titles.heads.iter().map(String::as_str))
                    .chain(lexicon.english_titles.links.iter().map(String::as_str)),
            ),
            anniversaries: compile_all(&lexicon.events.anniversaries)?,
            name_patterns: lexicon
                .name_patterns
                .iter()
                .map(|p| {
                    regex::Regex::new(&p.regex)
                        .map(|re| (re, p.kind))
                        .map_err(rules_error)
                })
                .collect::<Result<_, _>>()?,
            party_sessions: compile_all(&lexicon.events.party_sessions)?,
            party_congresses: compile_all(&lexicon.events.party_congresses)?,
            counted_concepts: alternation_regex(
                "(?:^|[的。；\n])([一二三四五六七八九十两]+项(?:{}))",
                &lexicon.suffix_rules.counted_heads,
            )?,
            section_ends: alternation_regex(
                r"(?:至|—|－|-|–)(\p{Han}{2,6}?)(?:{})",
                &lexicon.phrases.section_heads,
            )?,
            english_heads,
            titles: build_matcher(
                &lexicon
                    .titles()
                    .iter()
                    .map(|(t, _)| t.to_string())
                    .collect::<Vec<_>>(),
            )?,
        };
        Ok(Extractor {
            gazetteer,
            lexicon,
            compiled,
            calibration: Calibration::builtin().clone(),
        })
    }

    /// Loads the gazetteer and rules from `dir` (files `gazetteer.toml` and `rules.toml`), or
    /// the built-in copies when `dir` is `None`. `use_gazetteer = false` runs on rules alone.
    pub fn load(dir: Option<&Path>, use_gazetteer: bool) -> Result<Extractor, ExtractError> {
        Extractor::load_with_roles(dir, use_gazetteer, &[])
    }

    /// [`Extractor::load`] with offices the analyst added to the gazetteer (see
    /// [`Gazetteer::with_roles`]); without the gazetteer they are left out.
    pub fn load_with_roles(
        dir: Option<&Path>,
        use_gazetteer: bool,
        roles: &[gazetteer::AddedRole],
    ) -> Result<Extractor, ExtractError> {
        let read = |name: &str, builtin: &str| -> Result<(String, String), ExtractError> {
            match dir {
                None => Ok((builtin.to_string(), format!("(built-in) {name}"))),
                Some(d) => {
                    let path = d.join(name);
                    let text =
                        std::fs::read_to_string(&path).map_err(|source| ExtractError::Io {
                            file: path.display().to_string(),
                            source,
                        })?;
                    Ok((text, path.display().to_string()))
                }
            }
        };
        let (rules, rules_origin) = read("rules.toml", BUILTIN_RULES)?;
        let lexicon = Lexicon::parse(&rules, &rules_origin)?;
        let gazetteer = if use_gazetteer {
            let (text, origin) = read("gazetteer.toml", BUILTIN_GAZETTEER)?;
            Gazetteer::parse(&text, &origin)?
                .with_roles(roles)
                .map_err(|message| ExtractError::Gazetteer {
                    file: origin.clone(),
                    message,
                })?
        } else {
            Gazetteer::empty()
        };
        let mut extractor = Extractor::new(gazetteer, lexicon)?;
        // A folder without its own calibration uses the built-in one.
        if let Some(path) = dir
            .map(|d| d.join("confidence.toml"))
            .filter(|p| p.exists())
        {
            let text = std::fs::read_to_string(&path).map_err(|source| ExtractError::Io {
                file: path.display().to_string(),
                source,
            })?;
            extractor.calibration = Calibration::parse(&text, &path.display().to_string())?;
        }
        Ok(extractor)
    }

    /// The gazetteer in use.
    pub fn gazetteer(&self) -> &Gazetteer {
        &self.gazetteer
    }

    /// The rules in use.
    pub fn lexicon(&self) -> &Lexicon {
        &self.lexicon
    }

    /// Extracts entities and relations from one document. `known` are entities the corpus
    /// itself names (its named texts), matched like gazetteer entries.
    pub fn extract(&self, doc: &DocumentText<'_>, known: &[Entity]) -> Extraction {
        let text = doc.normalized.text();
        let tokens = tokenize(text);
        let ctx = Ctx {
            text,
            tokens: &tokens,
            ex: self,
            date: doc.meta.date,
            doc_id: doc.meta.id.as_str(),
            original_chars: CharCounts::default(),
            local_abbreviations: Default::default(),
            missions: Default::default(),
        };
        let found = mentions::find(&ctx, known);
        let relations = self.find_relations(&ctx, &found, doc, known);
        let sentences = cooccurring(&ctx, doc, &found.mentions);
        let mut text_mentions: Vec<TextMention> = found
            .mentions
            .iter()
            .map(|m| TextMention {
                start: m.start,
                end: m.end,
                entity: m.entity.clone(),
            })
            .collect();
        text_mentions.sort();
        let mut entities = found.entities;
        // Entities that only stand in a relation (parties, implied objects) are described too.
        for r in &relations {
            for id in [&r.subject, &r.object] {
                if !entities.contains_key(id)
                    && let Some(e) = self.known_entity(id, known)
                {
                    entities.insert(id.clone(), e);
                }
            }
        }
        // Chinese persons the gazetteer gives no English name are labelled by their Pinyin.
        for e in entities.values_mut() {
            if e.kind == EntityType::Person && e.label_en.is_none() {
                e.label_en = e
                    .label_zh
                    .as_deref()
                    .and_then(|zh| persons::pinyin_name(&ctx, zh));
            }
        }
        Extraction {
            document: Some(doc.meta.clone()),
            entities: entities.into_values().collect(),
            relations,
            sentences,
            mentions: text_mentions,
            curation: Default::default(),
        }
    }

    /// The relations among a document's mentions: by trigger words, by the shape of phrases and,
    /// for a named text, its issuing parties; sorted, one per subject, kind, object and place.
    fn find_relations(
        &self,
        ctx: &Ctx<'_>,
        found: &mentions::Found,
        doc: &DocumentText<'_>,
        known: &[Entity],
    ) -> Vec<Relation> {
        let parties = if doc.parties.is_empty() {
            let title_countries = self.title_countries(&doc.meta.title);
            let mut parties = mentions::infer_parties(&found.mentions, &title_countries);
            // 中土战略伙伴关系 in a text that names Turkmenistan and never China: the country
            // the texts are written from, paired with the one party by their abbreviations, is
            // the other party.
            if let ([one], Some(own)) = (parties.as_slice(), self.lexicon.persons.own_country())
                && one != own
                && ctx.pairs_by_abbreviation(own, one)
            {
                parties.push(own.to_string());
                parties.sort();
            }
            parties
        } else {
            doc.parties.to_vec()
        };
        let mut relations = relations::find(ctx, found, doc, &parties);
        relations.extend(structure::find(ctx, found, doc, &parties));
        structure::heads_for_parties(ctx, found, &mut relations, &parties);
        let heads = structure::heads_met(ctx, doc, found, &relations, &parties);
        relations.extend(heads);
        // A text the manifest names, or whose first line is one document's name alone (a
        // joint statement headed by its title), is issued by its parties — the title may come
        // after a headline or a dateline of its own (中巴发表联合声明\n中华人民共和国和…联合声明).
        let headed = || {
            let mut lines = Vec::new();
            let mut from = 0;
            for _ in 0..3 {
                let end = ctx.text[from..]
                    .find('\n')
                    .map_or(ctx.text.len(), |i| from + i);
                lines.push(from..end);
                if end >= ctx.text.len() || ctx.text[from..end].trim_end().ends_with('。') {
                    break;
                }
                from = end + 1;
            }
            found
                .mentions
                .iter()
                .find(|m| {
                    let Some(line) = lines.iter().find(|l| l.start <= m.start && m.end <= l.end)
                    else {
                        return false;
                    };
                    let first_line = line.end;
                    // A title the rules found heading the text (`title-line`) is one, whatever
                    // its line runs on with (lines without an end mark are joined).
                    m.kind == EntityType::Document
                        && ctx.text[line.start..m.start].trim().is_empty()
                        && (m.rule == "title-line" || {
                            let rest = ctx.text[m.end..first_line]
                                .trim_matches(|c: char| c.is_whitespace() || "》”\"".contains(c));
                            // …: 11 January 2024, Beijing — its date and place may follow.
                            let dated = rest.starts_with([':', '：', ',', '，'])
                                && rest.chars().count() <= 40
                                && !crate::ingest::dates::find_dates(rest).is_empty();
                            rest.is_empty() || dated
                        })
                })
                .map(|m| m.entity.clone())
        };
        // A joint statement named in the text's first sentence by a title that names its
        // parties (…between the People's Republic of China and the Islamic Republic of Iran on
        // …, after a headline the lines ran into): the parties issued it.
        let joint_title = || {
            let first = text::sentences(ctx.text).into_iter().next()?;
            let joint = &self.lexicon.suffix_rules.joint_heads;
            found
                .mentions
                .iter()
                .filter(|m| m.kind == EntityType::Document && m.start < first.end)
                .find(|m| {
                    // Only a headline naming the same kind of text may stand before it (Experts
                    // discuss the … Joint Statement is about one).
                    let headline = ctx.text[first.start..m.start].to_lowercase();
                    let headed = headline.trim().is_empty()
                        || joint
                            .iter()
                            .any(|j| headline.contains(j.to_lowercase().as_str()));
                    let name = &ctx.text[m.start..m.end];
                    let named = self.title_countries(name);
                    headed
                        && joint.iter().any(|j| name.contains(j.as_str()))
                        && parties.len() >= 2
                        && parties.iter().all(|p| named.contains(p))
                })
                .map(|m| m.entity.clone())
        };
        if let Some(named) = doc
            .meta
            .named_text
            .clone()
            .or_else(headed)
            .or_else(joint_title)
        {
            relations.extend(structure::issued_by_parties(ctx, doc, &named, &parties));
        }
        // Before one statement per place is kept: rules that agree there corroborate it.
        let is_known =
            |id: &str| self.gazetteer.get(id).is_some() || known.iter().any(|e| e.id == id);
        self.calibration.assign(&mut relations, &is_known);
        relations.sort();
        relations.dedup_by(|a, b| {
            a.subject == b.subject
                && a.kind == b.kind
                && a.object == b.object
                && a.evidence.start == b.evidence.start
        });
        relations
    }

    /// The countries a document's title names: by name, or as China and a partner by their
    /// abbreviations (中孟举行第五轮外交磋商, 中巴联合声明).
    fn title_countries(&self, title: &str) -> Vec<String> {
        // The title read as the text is (People’s Republic of China as People's …).
        let normalized = NormalizedText::new(title);
        let title = normalized.text();
        let mut ids: Vec<String> = self
            .gazetteer
            .find(title)
            .iter()
            .map(|m| &self.gazetteer.entries()[m.entry])
            .filter(|e| e.kind == EntityType::Country)
            .map(|e| e.id.clone())
            .collect();
        let chars: Vec<char> = title.chars().collect();
        let country = |c: char| {
            self.gazetteer
                .by_abbreviation(&c.to_string())
                .filter(|e| e.kind == EntityType::Country)
        };
        let first = &self.lexicon.parties.title_pair_first;
        for w in chars.windows(2) {
            if !first
                .iter()
                .any(|f| f.starts_with(w[0]) && f.chars().count() == 1)
            {
                continue;
            }
            if let (Some(a), Some(b)) = (country(w[0]), country(w[1]))
                && a.id != b.id
            {
                ids.push(a.id.clone());
                ids.push(b.id.clone());
                break;
            }
        }
        ids
    }

    /// The gazetteer's entity of this id, if it knows one.
    pub fn known(&self, id: &str) -> Option<Entity> {
        self.gazetteer.get(id).map(|g| g.to_entity())
    }

    fn known_entity(&self, id: &str, known: &[Entity]) -> Option<Entity> {
        self.gazetteer
            .get(id)
            .map(|g| g.to_entity())
            .or_else(|| known.iter().find(|e| e.id == id).cloned())
    }
}

/// A jieba token with global byte offsets and its part-of-speech tag.
#[derive(Debug, Clone)]
struct Token {
    start: usize,
    end: usize,
    tag: String,
}

fn tokenize(text: &str) -> Vec<Token> {
    let mut tokens = Vec::new();
    for range in text::sentences(text) {
        let sentence = &text[range.clone()];
        for t in jieba().tag(sentence, true) {
            tokens.push(Token {
                start: range.start + t.byte_start,
                end: range.start + t.byte_end,
                tag: t.tag.to_string(),
            });
        }
    }
    tokens
}

/// What every rule sees of a document: its text, tokens and the extractor's knowledge.
struct Ctx<'a> {
    text: &'a str,
    tokens: &'a [Token],
    ex: &'a Extractor,
    /// The document's date, for facts whose sentence gives none.
    date: Option<FactDate>,
    /// The document's id, for the occasions only this document can tell apart (an unnamed
    /// inauguration ceremony is one event per report, not one for every report).
    doc_id: &'a str,
    /// Character counts of the document's original text, for evidence offsets.
    original_chars: CharCounts,
    /// One-character abbreviations of the countries this document names that the gazetteer
    /// gives no country (马 in a text about the Maldives), built on first use.
    local_abbreviations: std::sync::OnceLock<BTreeMap<String, usize>>,
    /// The diplomatic missions the text names, found on first use.
    missions: std::sync::OnceLock<Vec<missions::Mission>>,
}

/// Where characters start in a text, sampled every few kilobytes and built on first use, so
/// that the character offset of any byte is found without counting from the start (which made
/// long documents quadratic).
#[derive(Default)]
struct CharCounts(std::sync::OnceLock<Vec<(usize, usize)>>);

impl CharCounts {
    /// Bytes between samples.
    const STEP: usize = 4096;

    /// The number of characters of `text` before byte `byte` (a character boundary).
    fn before(&self, text: &str, byte: usize) -> usize {
        let marks = self.0.get_or_init(|| {
            // (byte, characters before it) at the first boundary at or after each step.
            let mut marks = vec![(0, 0)];
            let mut next = Self::STEP;
            for (n, (i, _)) in text.char_indices().enumerate() {
                if i >= next {
                    marks.push((i, n));
                    next = (i / Self::STEP + 1) * Self::STEP;
                }
            }
            marks
        });
        let k = marks.partition_point(|(b, _)| *b <= byte) - 1;
        let (b, n) = marks[k];
        n + text[b..byte].chars().count()
    }
}

impl Ctx<'_> {
    /// The date in force at byte `pos`: the last date written before it in its sentence, else
    /// the document's.
    fn date_at(&self, pos: usize) -> Option<FactDate> {
        let start = self.sentence_floor(pos);
        crate::ingest::dates::find_dates(&self.text[start..pos])
            .last()
            .map(|d| d.date)
            .or(self.date)
    }

    /// The country a one-character abbreviation stands for: the gazetteer's, else the one
    /// country this document names whose Chinese name opens with that character (马 for the
    /// Maldives in a text that names no other 马… country).
    fn missions(&self) -> &[missions::Mission] {
        self.missions.get_or_init(|| missions::find(self))
    }

    /// Whether `name` is all of a known country's name (巴基斯坦, 中华人民共和国).
    fn is_country_name(&self, name: &str) -> bool {
        self.ex
            .compiled
            .gazetteer_keys
            .get(&name_key(name))
            .is_some_and(|&i| self.ex.gazetteer.entries()[i].kind == EntityType::Country)
    }

    /// Whether the text writes the countries `a` and `b` as a pair of abbreviations (中土, 土中),
    /// each as [`Ctx::country_by_abbreviation`] reads it: its gazetteer abbreviation, else its
    /// name's first character.
    fn pairs_by_abbreviation(&self, a: &str, b: &str) -> bool {
        let abbreviation = |id: &str| {
            let e = self.ex.gazetteer.get(id)?;
            let short = e
                .abbr
                .clone()
                .or_else(|| e.zh.as_deref()?.chars().next().map(String::from))?;
            (self.country_by_abbreviation(&short)?.id == id).then_some(short)
        };
        let (Some(x), Some(y)) = (abbreviation(a), abbreviation(b)) else {
            return false;
        };
        self.text.contains(&format!("{x}{y}")) || self.text.contains(&format!("{y}{x}"))
    }

    fn country_by_abbreviation(&self, abbr: &str) -> Option<&gazetteer::GazetteerEntry> {
        if let Some(e) = self.ex.gazetteer.by_abbreviation(abbr) {
            return Some(e);
        }
        let local = self.local_abbreviations.get_or_init(|| {
            let entries = self.ex.gazetteer.entries();
            let mut firsts: BTreeMap<String, Vec<usize>> = BTreeMap::new();
            for m in self.ex.gazetteer.find(self.text) {
                let e = &entries[m.entry];
                if e.kind != EntityType::Country {
                    continue;
                }
                let Some(first) = e.zh.as_deref().and_then(|zh| zh.chars().next()) else {
                    continue;
                };
                let ids = firsts.entry(first.to_string()).or_default();
                if !ids.contains(&m.entry) {
                    ids.push(m.entry);
                }
            }
            firsts
                .into_iter()
                .filter(|(c, ids)| ids.len() == 1 && self.ex.gazetteer.by_abbreviation(c).is_none())
                .map(|(c, ids)| (c, ids[0]))
                .collect()
        });
        local.get(abbr).map(|&i| &self.ex.gazetteer.entries()[i])
    }

    /// Whether `word` names a body: it ends in a body's suffix and is more than the suffix
    /// (宣传部, 投资部).
    fn names_body(&self, word: &str) -> bool {
        let c = &self.ex.compiled;
        c.suffix_words
            .iter()
            .zip(&c.suffix_types)
            .any(|(w, t)| *t == EntityType::Organization && word.ends_with(w.as_str()) && word != w)
    }

    /// Whether the word starting at byte `pos` names a body (投资部 after 计划).
    fn body_word_at(&self, pos: usize) -> bool {
        self.token_at(pos)
            .map(|i| &self.tokens[i])
            .filter(|t| t.start == pos)
            .is_some_and(|t| self.names_body(&self.text[t.start..t.end]))
    }

    /// Index of the token that contains byte `pos` (or starts at it).
    fn token_at(&self, pos: usize) -> Option<usize> {
        let i = self.tokens.partition_point(|t| t.end <= pos);
        (i < self.tokens.len() && self.tokens[i].start <= pos).then_some(i)
    }

    /// Whether a token starts at byte `pos`.
    fn starts_token(&self, pos: usize) -> bool {
        self.token_at(pos)
            .is_some_and(|i| self.tokens[i].start == pos)
    }

    /// Whether a token ends at byte `pos`.
    fn ends_token(&self, pos: usize) -> bool {
        let i = self.tokens.partition_point(|t| t.end < pos);
        self.tokens.get(i).is_some_and(|t| t.end == pos)
    }

    /// The token spanning exactly `start..end`, if one does.
    fn token_spanning(&self, start: usize, end: usize) -> Option<&Token> {
        self.token_at(start)
            .map(|i| &self.tokens[i])
            .filter(|t| t.start == start && t.end == end)
    }

    /// Builds the evidence for a fact stated in the sentence at `sentence` (normalized bytes).
    fn evidence(
        &self,
        doc: &DocumentText<'_>,
        sentence: std::ops::Range<usize>,
        rule: String,
    ) -> Evidence {
        let original = doc.normalized.original_range(sentence.clone());
        let start = doc.char_base + self.original_chars.before(doc.original, original.start);
        let quote = &doc.original[original.clone()];
        let sentence: std::sync::Arc<str> = self.text[sentence].into();
        Evidence {
            document: doc.meta.id.as_str().into(),
            // Most sentences have no PDF artifacts: their quote is the same text, held once.
            quote: if quote == &*sentence {
                sentence.clone()
            } else {
                quote.into()
            },
            sentence,
            start,
            end: start + quote.chars().count(),
            rule: rule.into(),
        }
    }
}

/// The sentences of the document that name two or more distinct entities, with the entities.
fn cooccurring(
    ctx: &Ctx<'_>,
    doc: &DocumentText<'_>,
    mentions: &[Mention],
) -> Vec<SentenceMentions> {
    let mut sorted: Vec<&Mention> = mentions.iter().collect();
    sorted.sort_by_key(|m| m.start);
    let mut out = Vec::new();
    let mut next = 0;
    for range in text::sentences(ctx.text) {
        while next < sorted.len() && sorted[next].start < range.start {
            next += 1;
        }
        let mut ids = BTreeSet::new();
        while next < sorted.len() && sorted[next].end <= range.end {
            ids.insert(sorted[next].entity.clone());
            next += 1;
        }
        if ids.len() >= 2 {
            out.push(SentenceMentions {
                evidence: ctx.evidence(doc, range, COOCCURRENCE_RULE.to_string()),
                entities: ids.into_iter().collect(),
            });
        }
    }
    out
}

/// The date a fact gets when its sentence has none: the document's, except for articles,
/// whose date is when they were written, not when their facts happened.
fn fallback_date(meta: &SourceDocument) -> Option<FactDate> {
    if meta.kind == "article" {
        None
    } else {
        meta.date
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn character_offsets_are_counted_from_the_nearest_sample() {
        let text = "中巴a\u{1F600}é".repeat(3000);
        let counts = super::CharCounts::default();
        for (byte, _) in text.char_indices().step_by(97).chain([(text.len(), ' ')]) {
            assert_eq!(
                counts.before(&text, byte),
                text[..byte].chars().count(),
                "{byte}"
            );
        }
    }

    use super::*;

    #[test]
    fn builtin_knowledge_loads() {
        let ex = Extractor::load(None, true).unwrap();
        assert!(ex.gazetteer().get("country/china").is_some());
        let bare = Extractor::load(None, false).unwrap();
        assert!(bare.gazetteer().entries().is_empty());
    }
}

#[cfg(test)]
mod rule_tests;
#[cfg(test)]
mod rule_tests_context;
#[cfg(test)]
mod rule_tests_occasions;
#[cfg(test)]
mod rule_tests_precision;

/// An English phrase of several words with every word after the first capitalized, but for
/// the small words (paid a state visit to → paid a State Visit to); other phrases unchanged.
fn capitalize_nouns(phrase: &str, small: &[String]) -> String {
    if !phrase.is_ascii() || !phrase.contains(' ') {
        return phrase.to_string();
    }
    phrase
        .split(' ')
        .enumerate()
        .map(|(i, w)| {
            if i == 0 || small.iter().any(|s| s == w) {
                w.to_string()
            } else {
                text::capitalized(w)
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}
