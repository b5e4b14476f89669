//! The data model every later stage shares: entity and relation types, entities, relations with
//! their evidence, source documents, dates, and the merged [`KnowledgeGraph`].
//!
//! This module owns the vocabulary's names (`Person`, `met`, …) and the rules for stable ids.
//! It does not read files, extract anything or speak RDF; those live in `ingest`, `extract` and
//! `rdf`.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::str::FromStr;
use std::sync::Arc;

use serde::{Deserialize, Serialize};

/// Namespace of the corridor ontology (`cor:`).
pub const ONTOLOGY_NS: &str = "https://w3id.org/corridor/ontology#";
/// Namespace under which every entity, source document and evidence record gets its IRI.
pub const ID_NS: &str = "https://w3id.org/corridor/id/";

/// The eight kinds of entity corridor extracts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum EntityType {
    /// A named human: leader, minister, ambassador, spokesperson.
    Person,
    /// A sovereign state.
    Country,
    /// A named body: party, ministry, parliament, international organization, bank, forum.
    Organization,
    /// A concrete undertaking: corridor, port, railway, power plant, programme.
    Project,
    /// A named policy idea, framework, vision or plan.
    Initiative,
    /// A named text: statement, plan, agreement, memorandum, resolution.
    Document,
    /// A named occurrence: summit, meeting, dialogue, anniversary.
    Event,
    /// A named geographic place that is not a sovereign state.
    Place,
}

impl EntityType {
    /// Every type, in the order the vocabulary lists them.
    pub const ALL: [EntityType; 8] = [
        EntityType::Person,
        EntityType::Country,
        EntityType::Organization,
        EntityType::Project,
        EntityType::Initiative,
        EntityType::Document,
        EntityType::Event,
        EntityType::Place,
    ];

    /// The type's name as written in the vocabulary and the exports (`Person`).
    pub fn as_str(self) -> &'static str {
        match self {
            EntityType::Person => "Person",
            EntityType::Country => "Country",
            EntityType::Organization => "Organization",
            EntityType::Project => "Project",
            EntityType::Initiative => "Initiative",
            EntityType::Document => "Document",
            EntityType::Event => "Event",
            EntityType::Place => "Place",
        }
    }

    /// The path segment of this type's entity IRIs (`person`).
    pub fn slug(self) -> &'static str {
        match self {
            EntityType::Person => "person",
            EntityType::Country => "country",
            EntityType::Organization => "organization",
            EntityType::Project => "project",
            EntityType::Initiative => "initiative",
            EntityType::Document => "document",
            EntityType::Event => "event",
            EntityType::Place => "place",
        }
    }

    /// The IRI of the ontology class (`cor:Person`).
    pub fn class_iri(self) -> String {
        format!("{ONTOLOGY_NS}{}", self.as_str())
    }
}

impl fmt::Display for EntityType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for EntityType {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        EntityType::ALL
            .into_iter()
            .find(|t| t.as_str().eq_ignore_ascii_case(s))
            .ok_or_else(|| format!("unknown entity type `{s}`"))
    }
}

/// The eleven relations between entities.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum RelationKind {
    /// Person met Person (talks, meeting, phone call); symmetric.
    Met,
    /// Person visited a Country or Place.
    Visited,
    /// Person or Country attended an Event.
    Attended,
    /// An actor proposed an Initiative or Document as its originator.
    Proposed,
    /// An actor supports an Initiative, Project, Document or Organization.
    Supports,
    /// An actor signed a Document.
    Signed,
    /// An actor issued (published) a Document.
    Issued,
    /// A Project or Initiative is part of another Project or Initiative.
    PartOf,
    /// A Project, Place or Organization lies in a Place or Country.
    LocatedIn,
    /// A Country is a member of an Organization.
    MemberOf,
    /// A Person leads a Country or Organization (the role as stated).
    LeaderOf,
    /// Two entities are named in one sentence; symmetric. Not a stated relation: the
    /// co-occurrence layer the exports add on request, never a rule's output.
    CooccursWith,
}

impl RelationKind {
    /// Every stated relation, in the order the vocabulary lists them (co-occurrence is not one).
    pub const ALL: [RelationKind; 11] = [
        RelationKind::Met,
        RelationKind::Visited,
        RelationKind::Attended,
        RelationKind::Proposed,
        RelationKind::Supports,
        RelationKind::Signed,
        RelationKind::Issued,
        RelationKind::PartOf,
        RelationKind::LocatedIn,
        RelationKind::MemberOf,
        RelationKind::LeaderOf,
    ];

    /// The relation's name as written in the vocabulary and the exports (`met`, `partOf`).
    pub fn as_str(self) -> &'static str {
        match self {
            RelationKind::Met => "met",
            RelationKind::Visited => "visited",
            RelationKind::Attended => "attended",
            RelationKind::Proposed => "proposed",
            RelationKind::Supports => "supports",
            RelationKind::Signed => "signed",
            RelationKind::Issued => "issued",
            RelationKind::PartOf => "partOf",
            RelationKind::LocatedIn => "locatedIn",
            RelationKind::MemberOf => "memberOf",
            RelationKind::LeaderOf => "leaderOf",
            RelationKind::CooccursWith => "cooccursWith",
        }
    }

    /// Whether the relation holds in both directions (`met` and `cooccursWith`).
    pub fn is_symmetric(self) -> bool {
        matches!(self, RelationKind::Met | RelationKind::CooccursWith)
    }

    /// The IRI of the ontology property (`cor:met`).
    pub fn property_iri(self) -> String {
        format!("{ONTOLOGY_NS}{}", self.as_str())
    }
}

impl fmt::Display for RelationKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for RelationKind {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        RelationKind::ALL
            .into_iter()
            .find(|k| k.as_str().eq_ignore_ascii_case(s))
            .ok_or_else(|| format!("unknown relation `{s}`"))
    }
}

/// A calendar date known to the precision the text gives: a year, a month or a day. Dates
/// order by time: a year or a month stands for its first day, and sorts before the day itself.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum FactDate {
    /// A year (`xsd:gYear`).
    Year(i32),
    /// A month of a year (`xsd:gYearMonth`).
    YearMonth(i32, u32),
    /// A day (`xsd:date`).
    Day(i32, u32, u32),
}

impl Ord for FactDate {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.sort_key().cmp(&other.sort_key())
    }
}

impl PartialOrd for FactDate {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl FactDate {
    /// Year, month (0 if unknown), day (0 if unknown) and precision: the chronological order.
    fn sort_key(self) -> (i32, u32, u32, u8) {
        match self {
            FactDate::Year(y) => (y, 0, 0, 0),
            FactDate::YearMonth(y, m) => (y, m, 0, 1),
            FactDate::Day(y, m, d) => (y, m, d, 2),
        }
    }

    /// The year, whatever the precision.
    pub fn year(self) -> i32 {
        match self {
            FactDate::Year(y) | FactDate::YearMonth(y, _) | FactDate::Day(y, _, _) => y,
        }
    }

    /// The XML Schema datatype local name for this precision (`gYear`, `gYearMonth`, `date`).
    pub fn xsd_type(self) -> &'static str {
        match self {
            FactDate::Year(_) => "gYear",
            FactDate::YearMonth(..) => "gYearMonth",
            FactDate::Day(..) => "date",
        }
    }

    /// Parses `YYYY`, `YYYY-MM` or `YYYY-MM-DD`; `None` for anything else or an impossible date.
    pub fn parse(s: &str) -> Option<FactDate> {
        let parts: Vec<&str> = s.trim().split('-').collect();
        let year: i32 = parts.first()?.parse().ok()?;
        if !(1000..=9999).contains(&year) || parts[0].len() != 4 {
            return None;
        }
        match parts.len() {
            1 => Some(FactDate::Year(year)),
            2 => {
                let m: u32 = parts[1].parse().ok()?;
                (1..=12)
                    .contains(&m)
                    .then_some(FactDate::YearMonth(year, m))
            }
            3 => {
                let m: u32 = parts[1].parse().ok()?;
                let d: u32 = parts[2].parse().ok()?;
                ((1..=12).contains(&m) && (1..=31).contains(&d))
                    .then_some(FactDate::Day(year, m, d))
            }
            _ => None,
        }
    }
}

impl fmt::Display for FactDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FactDate::Year(y) => write!(f, "{y:04}"),
            FactDate::YearMonth(y, m) => write!(f, "{y:04}-{m:02}"),
            FactDate::Day(y, m, d) => write!(f, "{y:04}-{m:02}-{d:02}"),
        }
    }
}

/// An entity: one node of the graph, identified by a stable local id such as `person/xi-jinping`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entity {
    /// Stable local id `{type slug}/{name slug}`; the IRI is [`ID_NS`] followed by it.
    pub id: String,
    /// The entity's type.
    pub kind: EntityType,
    /// Chinese label, when known.
    pub label_zh: Option<String>,
    /// English label, when known.
    pub label_en: Option<String>,
    /// Other names: the gazetteer's aliases and every surface form seen in documents.
    pub aliases: BTreeSet<String>,
}

impl Entity {
    /// The entity's IRI.
    pub fn iri(&self) -> String {
        entity_iri(&self.id)
    }

    /// The display label: Chinese, else English, else the id.
    pub fn label(&self) -> &str {
        self.label_zh
            .as_deref()
            .or(self.label_en.as_deref())
            .unwrap_or(&self.id)
    }

    /// Adds what `other` knows about the same entity (labels missing here, aliases).
    pub fn merge(&mut self, other: &Entity) {
        if self.label_zh.is_none() {
            self.label_zh.clone_from(&other.label_zh);
        }
        if self.label_en.is_none() {
            self.label_en.clone_from(&other.label_en);
        }
        self.aliases.extend(other.aliases.iter().cloned());
        for label in [&self.label_zh, &self.label_en].into_iter().flatten() {
            self.aliases.remove(label);
        }
    }
}

/// The IRI of an entity or document given its local id.
pub fn entity_iri(local_id: &str) -> String {
    format!("{ID_NS}{local_id}")
}

/// The local id of an IRI under [`ID_NS`], if it is one.
pub fn local_id(iri: &str) -> Option<&str> {
    iri.strip_prefix(ID_NS)
}

/// The key under which names are compared: no whitespace, no quotes or title marks, one kind
/// of dash, full-width brackets and digits folded.
pub fn name_key(name: &str) -> String {
    name.chars()
        .filter(|c| !c.is_whitespace() && !"“”‘’\"'《》〈〉「」『』".contains(*c))
        .map(|c| match c {
            '—' | '–' | '－' | '‐' | '‑' | '―' | '−' => '-',
            '(' => '（',
            ')' => '）',
            '・' | '•' | '‧' => '·',
            c if ('０'..='９').contains(&c) => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            c => c,
        })
        .collect()
}

/// A path segment safe in an IRI: characters IRIs forbid become `-`.
pub fn iri_segment(name: &str) -> String {
    /// Characters an IRI path may hold (RFC 3987's `ucschar` beyond ASCII): not private-use
    /// characters, non-characters or U+FFFD, which text decoded from a damaged file can carry.
    fn iri_char(c: char) -> bool {
        let n = u32::from(c);
        n < 0xA0
            || matches!(n, 0xA0..=0xD7FF | 0xF900..=0xFDCF | 0xFDF0..=0xFFEF)
            || ((0x10000..0xE0000).contains(&n) && n & 0xFFFE != 0xFFFE)
            || (0xE1000..=0xEFFFD).contains(&n)
    }
    let mut out: String = name
        .chars()
        .map(|c| {
            if c.is_control() || " <>\"{}|\\^`#?/%[]".contains(c) || !iri_char(c) {
                '-'
            } else {
                c
            }
        })
        .collect();
    if out.is_empty() {
        out.push('-');
    }
    out
}

/// Where a relation is stated: the sentence, its place in the original file, and the rule.
/// Its texts are shared (`Arc<str>`): the statements of one sentence, or of one rule, may hold
/// the same text once, which keeps the merged graph of a large corpus small.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Evidence {
    /// Id of the source document.
    pub document: Arc<str>,
    /// The sentence, normalized (PDF artifacts undone) for reading.
    pub sentence: Arc<str>,
    /// The same sentence exactly as it stands in the original file, artifacts included.
    pub quote: Arc<str>,
    /// Character offset (Unicode scalar values) where the sentence starts in the original file.
    pub start: usize,
    /// Character offset just past the sentence's end in the original file.
    pub end: usize,
    /// Name of the rule that produced the fact (`trigger:met:会见`, `pattern:title-person`).
    pub rule: Arc<str>,
}

/// One stated relation between two entities, with the sentence that states it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Relation {
    /// Local id of the subject entity.
    pub subject: String,
    /// The relation.
    pub kind: RelationKind,
    /// Local id of the object entity.
    pub object: String,
    /// When the fact holds, from the sentence or else the document's date.
    pub date: Option<FactDate>,
    /// The role as stated, for `leaderOf` (总理, 国家主席 …).
    pub role: Option<String>,
    /// Where the fact is stated.
    pub evidence: Evidence,
    /// How likely the statement is to be right (see `confidence`); `None` for co-occurrence.
    #[serde(default)]
    pub confidence: Option<Confidence>,
    /// The analyst's decision that added the statement or moved its ends (see `curation`);
    /// `None` for a statement as the rules found it.
    #[serde(default)]
    pub curated: Option<Curated>,
}

/// What a curation decision did to a statement or an entity, and which decision it was.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Curated {
    /// What was done: `added`, `merged`, `renamed`, `retyped`.
    pub what: String,
    /// The decision's IRI (a `prov:Activity` in the RDF).
    pub decision: String,
}

/// A curation decision as the RDF records it, in each document it changed.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct DecisionRecord {
    /// The decision's IRI.
    pub iri: String,
    /// Its kind: `merge`, `rename`, `retype`, `reject`, `add`.
    pub action: String,
    /// The reason the analyst gave.
    pub why: String,
    /// Who decided, when the file says.
    pub by: Option<String>,
    /// When, as the file writes it.
    pub date: Option<String>,
}

/// What the analyst's decisions did to one document's extraction: the decisions applied, the
/// ids merged away, the entities changed and what was rejected (kept as records, out of the
/// graph).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CurationTrace {
    /// The decisions that changed something in the document, by IRI.
    pub decisions: Vec<DecisionRecord>,
    /// (merged id, kept id) pairs: the first's IRI is `owl:sameAs` the second's.
    pub same_as: Vec<(String, String)>,
    /// Entity id → what decisions did to it.
    pub entities: BTreeMap<String, BTreeSet<Curated>>,
    /// Statements rejected, each with the decision's IRI.
    pub rejected: Vec<(Relation, String)>,
    /// Entities rejected as no entity, each with the decision's IRI.
    pub rejected_entities: Vec<(Entity, String)>,
}

impl CurationTrace {
    /// Whether no decision changed the document.
    pub fn is_empty(&self) -> bool {
        self.decisions.is_empty()
    }
}

/// The most a statement found by rules is trusted, alone or corroborated: the few hundred
/// statements a calibration measures cannot show that a rule never errs.
pub const MOST_CONFIDENT: f64 = 0.999;

/// How likely a statement is to be right, between 0 and 1, held in thousandths so that it
/// compares, hashes and prints the same everywhere (`0.873`).
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
#[serde(into = "f64", try_from = "f64")]
pub struct Confidence(u16);

impl Confidence {
    /// The confidence nearest `value`, clamped to 0–1 (NaN is 0).
    pub fn new(value: f64) -> Confidence {
        if value.is_nan() {
            return Confidence(0);
        }
        Confidence((value.clamp(0.0, 1.0) * 1000.0).round() as u16)
    }

    /// The value, between 0 and 1.
    pub fn value(self) -> f64 {
        f64::from(self.0) / 1000.0
    }

    /// The confidence of a fact that `sources` state independently of each other (several
    /// rules in one document, or several documents): the strongest counts in full, each other
    /// one takes away half of what doubt is left in proportion to its own confidence, as
    /// sources that share a writer's habits are not independent. One source gives its own
    /// value; none gives `None`.
    pub fn corroborated(sources: impl IntoIterator<Item = Confidence>) -> Option<Confidence> {
        let mut all: Vec<Confidence> = sources.into_iter().collect();
        all.sort_unstable_by(|a, b| b.cmp(a));
        let (best, rest) = all.split_first()?;
        let doubt = rest.iter().fold(1.0 - best.value(), |d, c| {
            d * (1.0 - CORROBORATION * c.value())
        });
        Some(Confidence::new((1.0 - doubt).min(MOST_CONFIDENT)))
    }
}

/// How much a second source of a fact counts, relative to the first (see
/// [`Confidence::corroborated`]).
pub const CORROBORATION: f64 = 0.5;

impl From<Confidence> for f64 {
    fn from(c: Confidence) -> f64 {
        c.value()
    }
}

impl TryFrom<f64> for Confidence {
    type Error = String;

    fn try_from(value: f64) -> Result<Confidence, String> {
        if (0.0..=1.0).contains(&value) {
            Ok(Confidence::new(value))
        } else {
            Err(format!("a confidence is between 0 and 1, not {value}"))
        }
    }
}

impl fmt::Display for Confidence {
    /// Three decimals: `0.873`, `1.000`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{:03}", self.0 / 1000, self.0 % 1000)
    }
}

impl FromStr for Confidence {
    type Err = String;

    fn from_str(s: &str) -> Result<Confidence, String> {
        let value: f64 = s
            .trim()
            .parse()
            .map_err(|_| format!("`{s}` is no number between 0 and 1"))?;
        Confidence::try_from(value)
    }
}

/// A source document: one text of the corpus (a file, or a part of a file the manifest names).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SourceDocument {
    /// Stable id (from the manifest or the file name).
    pub id: String,
    /// Title.
    pub title: String,
    /// Date of the text.
    pub date: Option<FactDate>,
    /// Language code (`zh`, `en`).
    pub language: String,
    /// Kind of text (`joint-statement`, `action-plan`, `article` …).
    pub kind: String,
    /// English title, when known.
    pub title_en: Option<String>,
    /// Path of the file it comes from, as given to corridor.
    pub file: String,
    /// Where the text was published (a publisher, site or URL), when known.
    pub source: Option<String>,
    /// Hex SHA-256 of the document's original text.
    pub content_hash: String,
    /// Local id of the Document entity this text is, when it is a named text.
    pub named_text: Option<String>,
    /// How its text was obtained when not from the file's own text: `ocr` for a scan read by
    /// optical character recognition.
    pub text_source: Option<String>,
}

impl SourceDocument {
    /// The source document's IRI, which is also the name of its graph.
    pub fn iri(&self) -> String {
        source_iri(&self.id)
    }
}

/// Whether `id` is a document id: letters, digits, `-`, `_` and `.`, and not only dots. The one
/// rule for every id, from a manifest, a server's records or an IRI, before it names a file.
pub fn is_valid_id(id: &str) -> bool {
    !id.is_empty()
        && id.chars().any(|c| c != '.')
        && id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "-_.".contains(c))
}

/// What the document id rule ([`is_valid_id`]) allows, to quote in errors.
pub const ID_RULE: &str = "letters, digits, `-`, `_` and `.`, not only dots";

/// The IRI of a source document (and of its named graph) given its id.
pub fn source_iri(doc_id: &str) -> String {
    format!("{ID_NS}source/{doc_id}")
}

/// What was extracted from one source document.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Extraction {
    /// The document the facts come from.
    pub document: Option<SourceDocument>,
    /// Entities mentioned, with the surface forms seen in this document among their aliases.
    pub entities: Vec<Entity>,
    /// Relations stated, each with its evidence.
    pub relations: Vec<Relation>,
    /// Sentences that name two or more entities: what the co-occurrence layer counts.
    #[serde(default)]
    pub sentences: Vec<SentenceMentions>,
    /// Every mention of an entity in the document's normalized text, in text order.
    #[serde(default)]
    pub mentions: Vec<TextMention>,
    /// What the analyst's curation decisions did to the extraction.
    #[serde(default)]
    pub curation: CurationTrace,
}

/// Where an entity is named in a document's normalized text.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct TextMention {
    /// Byte offset of the name in the normalized text.
    pub start: usize,
    /// Byte offset just past the name.
    pub end: usize,
    /// Local id of the entity named.
    pub entity: String,
}

/// A document as the entity browser shows it: its normalized text and the entities named in it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocumentView {
    /// The normalized text (PDF artifacts undone).
    pub text: String,
    /// The mentions, in text order, as byte ranges of `text`.
    pub mentions: Vec<TextMention>,
    /// Ids of the entities the rules found in the document, before curation: which decisions
    /// concern the document when the curation file changes.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub found: Vec<String>,
}

/// A sentence that names two or more distinct entities.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct SentenceMentions {
    /// The sentence and where it stands (its rule is `cooccurrence`).
    pub evidence: Evidence,
    /// Local ids of the entities it names, sorted, without repeats.
    pub entities: Vec<String>,
}

/// The rule name co-occurrence statements carry in their evidence.
pub const COOCCURRENCE_RULE: &str = "cooccurrence";

/// A relation between two entities merged over all its evidence.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Edge {
    /// Local id of the subject.
    pub subject: String,
    /// The relation.
    pub kind: RelationKind,
    /// Local id of the object.
    pub object: String,
    /// Every statement of the relation: its date, role and evidence, sorted.
    pub statements: Vec<Relation>,
}

impl Edge {
    /// How many statements support the edge.
    pub fn weight(&self) -> usize {
        self.statements.len()
    }

    /// Earliest date any statement gives.
    pub fn first_date(&self) -> Option<FactDate> {
        self.statements.iter().filter_map(|r| r.date).min()
    }

    /// The edge's confidence: its best statement in each document that states it, combined
    /// over the documents ([`Confidence::corroborated`]): the highest of its statements when one
    /// document states it, higher when several do. `None` for co-occurrence.
    pub fn confidence(&self) -> Option<Confidence> {
        let mut best: BTreeMap<&str, Confidence> = BTreeMap::new();
        for r in &self.statements {
            if let Some(c) = r.confidence {
                let e = best.entry(&*r.evidence.document).or_default();
                *e = (*e).max(c);
            }
        }
        Confidence::corroborated(best.into_values())
    }

    /// Ids of the documents that state the relation, sorted and without repeats.
    pub fn documents(&self) -> BTreeSet<&str> {
        self.statements
            .iter()
            .map(|r| &*r.evidence.document)
            .collect()
    }
}

/// The id the exports give the `n`th edge (from 0) of [`KnowledgeGraph::edges_in_order`]:
/// `e1`, `e2` …
pub fn edge_id(n: usize) -> String {
    format!("e{}", n + 1)
}

/// An entity and the documents that mention it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Node {
    /// The entity, merged over every document.
    pub entity: Entity,
    /// Ids of the documents that mention it (shared with the other nodes they mention).
    pub documents: BTreeSet<Arc<str>>,
}

/// The whole graph, merged over every document: what the exporters and the petgraph projection read.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct KnowledgeGraph {
    /// Source documents by id.
    pub documents: BTreeMap<String, SourceDocument>,
    /// Entities by local id.
    pub nodes: BTreeMap<String, Node>,
    /// Edges keyed by (subject, relation, object); `met` keys put the smaller id first.
    pub edges: BTreeMap<(String, RelationKind, String), Edge>,
    /// Entity id → what curation decisions did to it (`merged`, `renamed`, `retyped`, `added`).
    #[serde(default)]
    pub curated: BTreeMap<String, BTreeSet<String>>,
}

impl KnowledgeGraph {
    /// Adds one document's extraction, merging entities and edges with what is already there.
    pub fn add(&mut self, extraction: &Extraction) {
        let doc_id = extraction.document.as_ref().map(|d| d.id.clone());
        if let Some(doc) = &extraction.document {
            self.documents.insert(doc.id.clone(), doc.clone());
        }
        for entity in &extraction.entities {
            let node = self.nodes.entry(entity.id.clone()).or_insert_with(|| Node {
                entity: entity.clone(),
                documents: BTreeSet::new(),
            });
            node.entity.merge(entity);
            if let Some(id) = &doc_id {
                node.documents.insert(id.as_str().into());
            }
        }
        for relation in &extraction.relations {
            self.add_relation(relation.clone());
        }
    }

    /// Adds one relation statement to its edge.
    pub fn add_relation(&mut self, relation: Relation) {
        let (s, o) = if relation.kind.is_symmetric() && relation.object < relation.subject {
            (relation.object.clone(), relation.subject.clone())
        } else {
            (relation.subject.clone(), relation.object.clone())
        };
        let edge = self
            .edges
            .entry((s.clone(), relation.kind, o.clone()))
            .or_insert_with(|| Edge {
                subject: s,
                kind: relation.kind,
                object: o,
                statements: Vec::new(),
            });
        if let Err(at) = edge.statements.binary_search(&relation) {
            edge.statements.insert(at, relation);
        }
    }

    /// Adds the co-occurrence layer: for each sentence, a `cooccursWith` statement between
    /// every pair of the entities it names, dated by its document. An edge's weight is then
    /// the number of sentences that name both. Entities the graph does not hold are left out.
    pub fn add_cooccurrences(&mut self, sentences: &[SentenceMentions]) {
        for s in sentences {
            let date = self
                .documents
                .get(&*s.evidence.document)
                .and_then(|d| d.date);
            let known: Vec<&String> = s
                .entities
                .iter()
                .filter(|id| self.nodes.contains_key(*id))
                .collect();
            for (i, a) in known.iter().enumerate() {
                for b in &known[i + 1..] {
                    self.add_relation(Relation {
                        subject: (*a).clone(),
                        kind: RelationKind::CooccursWith,
                        object: (*b).clone(),
                        date,
                        role: None,
                        evidence: s.evidence.clone(),
                        confidence: None,
                        curated: None,
                    });
                }
            }
        }
    }

    /// The edges of stated relations, without the co-occurrence layer: what the metrics and
    /// the overview picture are computed on.
    pub fn stated_edges(&self) -> impl Iterator<Item = &Edge> {
        self.edges
            .values()
            .filter(|e| e.kind != RelationKind::CooccursWith)
    }

    /// Every edge in the order the exports number them (`e1`, `e2` …): stated relations first,
    /// then the co-occurrence layer, so a stated edge keeps its id with or without the layer.
    pub fn edges_in_order(&self) -> impl Iterator<Item = &Edge> {
        self.stated_edges().chain(
            self.edges
                .values()
                .filter(|e| e.kind == RelationKind::CooccursWith),
        )
    }

    /// Number of entities of each type.
    pub fn entity_counts(&self) -> BTreeMap<EntityType, usize> {
        let mut counts = BTreeMap::new();
        for node in self.nodes.values() {
            *counts.entry(node.entity.kind).or_insert(0) += 1;
        }
        counts
    }

    /// Number of edges of each relation.
    pub fn relation_counts(&self) -> BTreeMap<RelationKind, usize> {
        let mut counts = BTreeMap::new();
        for edge in self.edges.values() {
            *counts.entry(edge.kind).or_insert(0) += 1;
        }
        counts
    }
}

/// A statement for tests: `subject kind object` in document `d`, its evidence the sentence
/// `s{n}` at offset `n`, found by rule `r`, with no confidence.
#[cfg(test)]
pub(crate) fn test_relation(
    subject: &str,
    kind: RelationKind,
    object: &str,
    n: usize,
    date: Option<FactDate>,
) -> Relation {
    Relation {
        subject: subject.into(),
        kind,
        object: object.into(),
        date,
        role: None,
        evidence: Evidence {
            document: "d".into(),
            sentence: format!("s{n}").into(),
            quote: "".into(),
            start: n,
            end: n + 1,
            rule: "r".into(),
        },
        confidence: None,
        curated: None,
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn iri_segments_hold_no_character_an_iri_forbids() {
        let seg = super::iri_segment("1+\u{FFFD}\u{E000}4合作布局\u{FDD0}\u{1FFFE}");
        assert_eq!(seg, "1+--4合作布局--");
        assert!(
            oxigraph::model::NamedNode::new(format!("https://w3id.org/corridor/id/x/{seg}"))
                .is_ok()
        );
    }

    use super::*;

    #[test]
    fn fact_dates_parse_and_print_at_their_precision() {
        assert_eq!(FactDate::parse("2025"), Some(FactDate::Year(2025)));
        assert_eq!(
            FactDate::parse("2025-09"),
            Some(FactDate::YearMonth(2025, 9))
        );
        assert_eq!(
            FactDate::parse("2025-09-04").unwrap().to_string(),
            "2025-09-04"
        );
        assert_eq!(FactDate::parse("2025-13"), None);
        assert_eq!(FactDate::parse("25"), None);
        assert_eq!(FactDate::Year(2013).xsd_type(), "gYear");
    }

    #[test]
    fn fact_dates_order_by_time_whatever_their_precision() {
        let mut dates = [
            FactDate::Year(2026),
            FactDate::Day(2025, 9, 4),
            FactDate::YearMonth(2025, 10),
            FactDate::Day(2026, 1, 1),
            FactDate::YearMonth(2026, 1),
            FactDate::Year(2024),
        ];
        dates.sort();
        let printed: Vec<String> = dates.iter().map(|d| d.to_string()).collect();
        assert_eq!(
            printed,
            [
                "2024",
                "2025-09-04",
                "2025-10",
                "2026",
                "2026-01",
                "2026-01-01"
            ]
        );
        assert_eq!(dates.iter().min(), Some(&FactDate::Year(2024)));
    }

    #[test]
    fn name_keys_fold_quotes_dashes_and_spaces() {
        assert_eq!(name_key("共建“一带一路”倡议"), "共建一带一路倡议");
        assert_eq!(
            name_key("行动计划（2025—2029 年）"),
            name_key("行动计划（2025－2029年）")
        );
        assert_eq!(name_key("《联合国宪章》"), "联合国宪章");
    }

    #[test]
    fn iri_segments_drop_forbidden_characters() {
        assert_eq!(iri_segment("中文+职业技能"), "中文+职业技能");
        assert_eq!(iri_segment("a b/c"), "a-b-c");
        assert_eq!(iri_segment(""), "-");
    }

    #[test]
    fn names_round_trip() {
        for t in EntityType::ALL {
            assert_eq!(t.as_str().parse::<EntityType>().unwrap(), t);
        }
        for k in RelationKind::ALL {
            assert_eq!(k.as_str().parse::<RelationKind>().unwrap(), k);
        }
        assert!("friendOf".parse::<RelationKind>().is_err());
    }

    fn relation(s: &str, kind: RelationKind, o: &str, sentence: &str) -> Relation {
        Relation {
            subject: s.into(),
            kind,
            object: o.into(),
            date: None,
            role: None,
            evidence: Evidence {
                document: "d".into(),
                sentence: sentence.into(),
                quote: sentence.into(),
                start: 0,
                end: 1,
                rule: "r".into(),
            },
            confidence: Some(Confidence::new(0.5)),
            curated: None,
        }
    }

    #[test]
    fn corroboration_never_makes_a_statement_certain() {
        let sure = Confidence::new(0.999);
        assert_eq!(
            Confidence::corroborated([sure, sure, sure]),
            Some(Confidence::new(MOST_CONFIDENT))
        );
        assert!(
            Confidence::corroborated([Confidence::new(1.0)])
                .unwrap()
                .value()
                < 1.0
        );
        assert_eq!(
            Confidence::corroborated([Confidence::new(0.6)]),
            Some(Confidence::new(0.6))
        );
    }

    #[test]
    fn an_edge_is_as_sure_as_its_best_statement_in_one_document_and_surer_in_several() {
        let mut g = KnowledgeGraph::default();
        let mut a = relation("person/a", RelationKind::Met, "person/b", "x");
        a.confidence = Some(Confidence::new(0.6));
        let mut b = relation("person/a", RelationKind::Met, "person/b", "y");
        b.confidence = Some(Confidence::new(0.8));
        g.add_relation(a.clone());
        g.add_relation(b);
        let edge = g.edges.values().next().unwrap();
        assert_eq!(
            edge.confidence(),
            Some(Confidence::new(0.8)),
            "one document"
        );
        let mut elsewhere = a;
        elsewhere.evidence.document = "e".into();
        g.add_relation(elsewhere);
        let edge = g.edges.values().next().unwrap();
        // 1 - 0.2 * (1 - 0.5 * 0.6)
        assert_eq!(
            edge.confidence(),
            Some(Confidence::new(0.86)),
            "two documents"
        );
        assert_eq!(Confidence::corroborated([]), None);
        assert_eq!(Confidence::new(0.8655).to_string(), "0.866");
        assert_eq!(Confidence::new(1.0).to_string(), "1.000");
        assert!("1.5".parse::<Confidence>().is_err());
        assert_eq!("0.25".parse::<Confidence>(), Ok(Confidence::new(0.25)));
    }

    #[test]
    fn symmetric_edges_merge_both_directions() {
        let mut g = KnowledgeGraph::default();
        g.add_relation(relation("person/b", RelationKind::Met, "person/a", "x"));
        g.add_relation(relation("person/a", RelationKind::Met, "person/b", "y"));
        g.add_relation(relation("person/a", RelationKind::Met, "person/b", "y"));
        assert_eq!(g.edges.len(), 1);
        let edge = g.edges.values().next().unwrap();
        assert_eq!(edge.subject, "person/a");
        assert_eq!(edge.weight(), 2);
    }

    fn sentence(doc: &str, start: usize, ids: &[&str]) -> SentenceMentions {
        SentenceMentions {
            evidence: Evidence {
                document: doc.into(),
                sentence: format!("s{start}").into(),
                quote: format!("s{start}").into(),
                start,
                end: start + 2,
                rule: COOCCURRENCE_RULE.into(),
            },
            entities: ids.iter().map(|s| s.to_string()).collect(),
        }
    }

    #[test]
    fn cooccurrence_weights_count_sentences_and_pairs_are_unordered() {
        let mut kg = KnowledgeGraph::default();
        for id in ["a", "b", "c"] {
            kg.nodes.insert(
                id.into(),
                Node {
                    entity: Entity {
                        id: id.into(),
                        kind: EntityType::Country,
                        label_zh: None,
                        label_en: None,
                        aliases: BTreeSet::new(),
                    },
                    documents: BTreeSet::new(),
                },
            );
        }
        kg.add_relation(relation("a", RelationKind::Supports, "b", "a 支持 b"));
        kg.add_cooccurrences(&[
            sentence("d1", 0, &["a", "b", "c"]),
            sentence("d1", 5, &["a", "b"]),
            sentence("d2", 0, &["b", "c", "unknown"]),
        ]);
        let weight = |s: &str, o: &str| {
            kg.edges
                .get(&(s.to_string(), RelationKind::CooccursWith, o.to_string()))
                .map(Edge::weight)
        };
        assert_eq!(weight("a", "b"), Some(2));
        assert_eq!(weight("a", "c"), Some(1));
        assert_eq!(weight("b", "c"), Some(2));
        assert_eq!(weight("c", "b"), None, "one edge per unordered pair");
        assert!(
            kg.edges
                .keys()
                .all(|(s, _, o)| s != "unknown" && o != "unknown")
        );
        // Stated relations come first in the export order, the layer after.
        let kinds: Vec<RelationKind> = kg.edges_in_order().map(|e| e.kind).collect();
        assert_eq!(kinds[0], RelationKind::Supports);
        assert_eq!(kinds.len(), 4);
        assert_eq!(kg.stated_edges().count(), 1);
    }

    #[test]
    fn directed_edges_keep_direction() {
        let mut g = KnowledgeGraph::default();
        g.add_relation(relation(
            "country/a",
            RelationKind::Supports,
            "initiative/b",
            "x",
        ));
        g.add_relation(relation(
            "initiative/b",
            RelationKind::Supports,
            "country/a",
            "x",
        ));
        assert_eq!(g.edges.len(), 2);
    }
}
