//! The RDF form of the model: one document's extraction as quads in its named graph, and the
//! merged [`KnowledgeGraph`] read back from quads.
//!
//! This module owns the mapping to the `cor:` vocabulary, Dublin Core, SKOS and PROV-O: entity
//! types and labels, direct relation triples, and one evidence record per statement (an
//! `rdf:Statement`-style node with its sentence, offsets, document, date and rule). It does not
//! store or serialize quads (see `store` and `export`).

use std::collections::{BTreeMap, HashSet};
use std::sync::Arc;

use oxigraph::model::vocab::{rdf, rdfs};
use oxigraph::model::{GraphName, Literal, NamedNode, NamedOrBlankNode, Quad, Term};
use sha2::{Digest, Sha256};

use crate::model::{
    COOCCURRENCE_RULE, Confidence, Entity, EntityType, Evidence, Extraction, FactDate, ID_NS,
    KnowledgeGraph, ONTOLOGY_NS, Relation, RelationKind, SentenceMentions, SourceDocument,
    entity_iri, local_id, source_iri,
};

/// Dublin Core terms namespace.
pub const DCT: &str = "http://purl.org/dc/terms/";
/// SKOS namespace.
pub const SKOS: &str = "http://www.w3.org/2004/02/skos/core#";
/// PROV-O namespace.
pub const PROV: &str = "http://www.w3.org/ns/prov#";
/// XML Schema namespace.
pub const XSD: &str = "http://www.w3.org/2001/XMLSchema#";
/// Prefixes used when writing RDF, in a fixed order.
pub const PREFIXES: [(&str, &str); 8] = [
    ("cor", ONTOLOGY_NS),
    ("dct", DCT),
    ("skos", SKOS),
    ("prov", PROV),
    ("rdf", "http://www.w3.org/1999/02/22-rdf-syntax-ns#"),
    ("rdfs", "http://www.w3.org/2000/01/rdf-schema#"),
    ("xsd", XSD),
    ("owl", "http://www.w3.org/2002/07/owl#"),
];

fn cor(local: &str) -> NamedNode {
    NamedNode::new_unchecked(format!("{ONTOLOGY_NS}{local}"))
}

fn term(ns: &str, local: &str) -> NamedNode {
    NamedNode::new_unchecked(format!("{ns}{local}"))
}

fn iri(s: String) -> NamedNode {
    NamedNode::new_unchecked(s)
}

/// A literal tagged `zh` when it holds Chinese characters, else `en`.
fn text_literal(value: &str) -> Literal {
    let lang = if value
        .chars()
        .any(|c| ('\u{4E00}'..='\u{9FFF}').contains(&c))
    {
        "zh"
    } else {
        "en"
    };
    Literal::new_language_tagged_literal_unchecked(value, lang)
}

/// A confidence as an `xsd:decimal` in its canonical form (`0.93`, `1`, `0`), the form SPARQL
/// stores keep, so that a graph sent to a server comes back byte for byte.
fn confidence_literal(c: Confidence) -> Literal {
    let text = c.to_string();
    let text = text.trim_end_matches('0').trim_end_matches('.');
    Literal::new_typed_literal(text, term(XSD, "decimal"))
}

fn date_literal(date: FactDate) -> Literal {
    Literal::new_typed_literal(date.to_string(), term(XSD, date.xsd_type()))
}

/// The IRI of an evidence record: stable for the same statement in the same document.
pub fn evidence_iri(r: &Relation) -> String {
    let mut h = Sha256::new();
    for part in [&r.subject, r.kind.as_str(), &r.object, &r.evidence.rule] {
        h.update(part.as_bytes());
        h.update([0]);
    }
    h.update(r.evidence.start.to_le_bytes());
    h.update(r.evidence.end.to_le_bytes());
    let hex: String = h
        .finalize()
        .iter()
        .take(8)
        .map(|b| format!("{b:02x}"))
        .collect();
    format!("{ID_NS}evidence/{}/{hex}", r.evidence.document)
}

/// One document's extraction as quads in the document's named graph, sorted.
pub fn to_quads(x: &Extraction) -> Vec<Quad> {
    to_quad_lines(x).into_iter().map(|(_, q)| q).collect()
}

/// [`to_quads`] with each quad's N-Quads line (its canonical form, without the closing ` .`),
/// by which they are sorted.
pub fn to_quad_lines(x: &Extraction) -> Vec<(String, Quad)> {
    let Some(doc) = &x.document else {
        return Vec::new();
    };
    let graph = GraphName::NamedNode(iri(doc.iri()));
    let mut out: Vec<Quad> = Vec::new();
    let mut add = |s: &NamedNode, p: NamedNode, o: Term| {
        out.push(Quad::new(
            NamedOrBlankNode::NamedNode(s.clone()),
            p,
            o,
            graph.clone(),
        ));
    };
    let src = iri(doc.iri());
    add(&src, rdf::TYPE.into_owned(), cor("SourceDocument").into());
    add(&src, term(DCT, "title"), text_literal(&doc.title).into());
    if let Some(t) = &doc.title_en {
        add(
            &src,
            term(DCT, "title"),
            Literal::new_language_tagged_literal_unchecked(t, "en").into(),
        );
    }
    if let Some(d) = doc.date {
        add(&src, term(DCT, "date"), date_literal(d).into());
    }
    add(
        &src,
        term(DCT, "source"),
        Literal::new_simple_literal(&doc.file).into(),
    );
    if let Some(s) = &doc.source {
        add(
            &src,
            term(DCT, "bibliographicCitation"),
            Literal::new_simple_literal(s).into(),
        );
    }
    add(
        &src,
        term(DCT, "language"),
        Literal::new_simple_literal(&doc.language).into(),
    );
    add(
        &src,
        cor("kind"),
        Literal::new_simple_literal(&doc.kind).into(),
    );
    add(
        &src,
        cor("contentHash"),
        Literal::new_simple_literal(&doc.content_hash).into(),
    );
    add(
        &src,
        term(DCT, "identifier"),
        Literal::new_simple_literal(&doc.id).into(),
    );
    if let Some(how) = &doc.text_source {
        add(
            &src,
            cor("textSource"),
            Literal::new_simple_literal(how).into(),
        );
    }
    if let Some(named) = &doc.named_text {
        add(&src, cor("namedText"), iri(entity_iri(named)).into());
        if let Some(d) = doc.date {
            add(
                &iri(entity_iri(named)),
                term(DCT, "date"),
                date_literal(d).into(),
            );
        }
    }
    for e in &x.entities {
        let node = iri(e.iri());
        add(&src, cor("mentions"), node.clone().into());
        add(
            &node,
            rdf::TYPE.into_owned(),
            iri(e.kind.class_iri()).into(),
        );
        if let Some(l) = &e.label_zh {
            add(
                &node,
                rdfs::LABEL.into_owned(),
                Literal::new_language_tagged_literal_unchecked(l, "zh").into(),
            );
        }
        if let Some(l) = &e.label_en {
            add(
                &node,
                rdfs::LABEL.into_owned(),
                Literal::new_language_tagged_literal_unchecked(l, "en").into(),
            );
        }
        for a in &e.aliases {
            add(&node, term(SKOS, "altLabel"), text_literal(a).into());
        }
    }
    // Each sentence's text is written once, in its cor:Sentence record; statements name the
    // record. A sentence a statement is read from that no record holds yet gets one.
    let mut records = SentenceRecords::new(&x.sentences);
    for r in x
        .relations
        .iter()
        .chain(x.curation.rejected.iter().map(|(r, _)| r))
    {
        records.note(&r.evidence);
    }
    for r in &x.relations {
        let (s, o) = (iri(entity_iri(&r.subject)), iri(entity_iri(&r.object)));
        let p = iri(r.kind.property_iri());
        add(&s, p.clone(), o.clone().into());
        let ev = iri(evidence_iri(r));
        add(&ev, rdf::TYPE.into_owned(), cor("Evidence").into());
        add(&ev, rdf::SUBJECT.into_owned(), s.into());
        add(&ev, rdf::PREDICATE.into_owned(), p.into());
        add(&ev, rdf::OBJECT.into_owned(), o.into());
        for (p, o) in statement_span(&r.evidence, &src, &records) {
            add(&ev, p, o);
        }
        add(&ev, term(PROV, "wasDerivedFrom"), src.clone().into());
        add(
            &ev,
            cor("rule"),
            Literal::new_simple_literal(&*r.evidence.rule).into(),
        );
        if let Some(d) = r.date {
            add(&ev, cor("date"), date_literal(d).into());
        }
        if let Some(role) = &r.role {
            add(&ev, cor("role"), text_literal(role).into());
        }
        if let Some(c) = r.confidence {
            add(&ev, cor("confidence"), confidence_literal(c).into());
        }
        if let Some(c) = &r.curated {
            add(
                &ev,
                cor("curated"),
                Literal::new_simple_literal(&c.what).into(),
            );
            add(&ev, cor("curatedBy"), iri(c.decision.clone()).into());
        }
    }
    write_curation(&x.curation, &src, &records, &mut add);
    let bare: Vec<SentenceMentions> = records
        .added
        .iter()
        .map(|e| SentenceMentions {
            evidence: e.clone(),
            entities: Vec::new(),
        })
        .collect();
    for m in x.sentences.iter().chain(&bare) {
        let node = iri(records.iri(&m.evidence));
        add(&node, rdf::TYPE.into_owned(), cor("Sentence").into());
        for (p, o) in span(&m.evidence, &src) {
            add(&node, p, o);
        }
        for id in &m.entities {
            add(&node, cor("mentions"), iri(entity_iri(id)).into());
        }
    }
    let mut lines: Vec<(String, Quad)> = out.into_iter().map(|q| (q.to_string(), q)).collect();
    lines.sort_by(|a, b| a.0.cmp(&b.0));
    lines.dedup_by(|a, b| a.0 == b.0);
    lines
}

/// The trace of the analyst's decisions in a document's graph: each decision as a
/// `prov:Activity` (`cor:Decision`) with its reason, author and date, linked from the source
/// record (`cor:curatedBy`) and from the entities it changed; merged ids `owl:sameAs` the kept
/// ones; each rejected statement as a `cor:RejectedStatement` record (its evidence record's IRI,
/// without the statement's triple) and each rejected entity as a `cor:RejectedEntity`, both
/// `cor:rejectedBy` their decision.
fn write_curation(
    trace: &crate::model::CurationTrace,
    src: &NamedNode,
    records: &SentenceRecords,
    add: &mut impl FnMut(&NamedNode, NamedNode, Term),
) {
    for d in &trace.decisions {
        let node = iri(d.iri.clone());
        add(src, cor("curatedBy"), node.clone().into());
        add(&node, rdf::TYPE.into_owned(), term(PROV, "Activity").into());
        add(&node, rdf::TYPE.into_owned(), cor("Decision").into());
        add(
            &node,
            cor("action"),
            Literal::new_simple_literal(&d.action).into(),
        );
        add(
            &node,
            rdfs::COMMENT.into_owned(),
            text_literal(&d.why).into(),
        );
        if let Some(by) = &d.by {
            add(
                &node,
                term(DCT, "creator"),
                Literal::new_simple_literal(by).into(),
            );
        }
        if let Some(date) = &d.date {
            let literal = match FactDate::parse(date) {
                Some(day) => date_literal(day),
                None => Literal::new_simple_literal(date),
            };
            add(&node, term(PROV, "endedAtTime"), literal.into());
        }
    }
    for (merged, kept) in &trace.same_as {
        add(
            &iri(entity_iri(merged)),
            term("http://www.w3.org/2002/07/owl#", "sameAs"),
            iri(entity_iri(kept)).into(),
        );
    }
    for (id, marks) in &trace.entities {
        let node = iri(entity_iri(id));
        for m in marks {
            add(
                &node,
                cor("curated"),
                Literal::new_simple_literal(&m.what).into(),
            );
            add(&node, cor("curatedBy"), iri(m.decision.clone()).into());
        }
    }
    for (r, decision) in &trace.rejected {
        let ev = iri(evidence_iri(r));
        add(&ev, rdf::TYPE.into_owned(), cor("RejectedStatement").into());
        add(
            &ev,
            rdf::SUBJECT.into_owned(),
            iri(entity_iri(&r.subject)).into(),
        );
        add(
            &ev,
            rdf::PREDICATE.into_owned(),
            iri(r.kind.property_iri()).into(),
        );
        add(
            &ev,
            rdf::OBJECT.into_owned(),
            iri(entity_iri(&r.object)).into(),
        );
        for (p, o) in statement_span(&r.evidence, src, records) {
            add(&ev, p, o);
        }
        add(
            &ev,
            cor("rule"),
            Literal::new_simple_literal(&*r.evidence.rule).into(),
        );
        add(&ev, cor("rejectedBy"), iri(decision.clone()).into());
    }
    for (e, decision) in &trace.rejected_entities {
        let node = iri(e.iri());
        add(&node, rdf::TYPE.into_owned(), cor("RejectedEntity").into());
        for l in [&e.label_zh, &e.label_en].into_iter().flatten() {
            add(&node, rdfs::LABEL.into_owned(), text_literal(l).into());
        }
        add(&node, cor("rejectedBy"), iri(decision.clone()).into());
    }
}

/// What a text span record says of its sentence (`cor:TextSpan`): its document, the sentence as
/// read and as written, and its character offsets in the original file.
fn span(e: &Evidence, source: &NamedNode) -> [(NamedNode, Term); 5] {
    [
        (cor("source"), source.clone().into()),
        (
            cor("sentence"),
            Literal::new_simple_literal(&*e.sentence).into(),
        ),
        (cor("quote"), Literal::new_simple_literal(&*e.quote).into()),
        (cor("startOffset"), Literal::from(e.start as i64).into()),
        (cor("endOffset"), Literal::from(e.end as i64).into()),
    ]
}

/// Where a statement's sentence is (`cor:TextSpan`): its document and character offsets, and
/// the cor:Sentence record holding its text (`cor:inSentence`).
fn statement_span(
    e: &Evidence,
    source: &NamedNode,
    records: &SentenceRecords,
) -> [(NamedNode, Term); 4] {
    [
        (cor("source"), source.clone().into()),
        (cor("inSentence"), iri(records.iri(e)).into()),
        (cor("startOffset"), Literal::from(e.start as i64).into()),
        (cor("endOffset"), Literal::from(e.end as i64).into()),
    ]
}

/// The sentence records of a document's graph: one per span (start and end offsets), each
/// holding its sentence's text once for every statement read from it.
struct SentenceRecords {
    /// Start offset → the end offset of the record whose IRI is the start alone.
    by_start: BTreeMap<usize, usize>,
    /// Records added for statements whose sentence no co-occurrence record holds.
    added: Vec<Evidence>,
    /// Spans of added records whose start another record already has: named by both offsets.
    doubled: std::collections::BTreeSet<(usize, usize)>,
}

impl SentenceRecords {
    /// The records of the sentences naming two or more entities.
    fn new(sentences: &[SentenceMentions]) -> SentenceRecords {
        SentenceRecords {
            by_start: sentences
                .iter()
                .map(|m| (m.evidence.start, m.evidence.end))
                .collect(),
            added: Vec::new(),
            doubled: Default::default(),
        }
    }

    /// Makes sure a record holds the sentence of `e`.
    fn note(&mut self, e: &Evidence) {
        let span = (e.start, e.end);
        match self.by_start.get(&e.start) {
            Some(&end) if end == e.end => {}
            Some(_) => {
                if self.doubled.insert(span) {
                    self.added.push(e.clone());
                }
            }
            None => {
                self.by_start.insert(e.start, e.end);
                self.added.push(e.clone());
            }
        }
    }

    /// The IRI of the record holding the sentence of `e`.
    fn iri(&self, e: &Evidence) -> String {
        if self.doubled.contains(&(e.start, e.end)) {
            format!("{}-{}", sentence_iri(e), e.end)
        } else {
            sentence_iri(e)
        }
    }
}

/// The IRI of a sentence record: its document's source IRI, `/sentence/` and its start offset
/// (followed by `-` and its end offset, in the rare document where a statement's sentence starts
/// where another record's does but ends elsewhere).
pub fn sentence_iri(evidence: &Evidence) -> String {
    format!(
        "{}/sentence/{}",
        source_iri(&evidence.document),
        evidence.start
    )
}

/// The named texts the source documents of `quads` are (`cor:namedText`), as (entity id,
/// title) pairs, sorted; `quads` need only hold the `cor:namedText` and `dct:title` quads.
pub fn named_texts<'a>(quads: impl IntoIterator<Item = &'a Quad>) -> Vec<(String, String)> {
    let named_text = format!("{ONTOLOGY_NS}namedText");
    let title = format!("{DCT}title");
    let mut texts: BTreeMap<String, String> = BTreeMap::new();
    let mut titles: BTreeMap<String, String> = BTreeMap::new();
    for q in quads {
        let NamedOrBlankNode::NamedNode(s) = &q.subject else {
            continue;
        };
        match (&q.object, q.predicate.as_str()) {
            (Term::NamedNode(o), p) if p == named_text => {
                if let Some(id) = local_id(o.as_str()) {
                    texts.insert(s.as_str().to_string(), id.to_string());
                }
            }
            (Term::Literal(l), p) if p == title && l.language() != Some("en") => {
                titles.insert(s.as_str().to_string(), l.value().to_string());
            }
            _ => {}
        }
    }
    let mut out: Vec<(String, String)> = texts
        .into_iter()
        .filter_map(|(source, id)| titles.get(&source).map(|t| (id, t.clone())))
        .collect();
    out.sort();
    out
}

/// Reads the merged graph back from quads (any order, any number of named graphs). With
/// `cooccurrence`, the sentence records become the `cooccursWith` layer
/// ([`KnowledgeGraph::add_cooccurrences`]); otherwise they are passed over.
pub fn from_quads<'a>(
    quads: impl IntoIterator<Item = &'a Quad>,
    cooccurrence: bool,
) -> KnowledgeGraph {
    let mut reader = GraphReader::new(cooccurrence);
    reader.add(quads);
    reader.finish()
}

/// Properties of one subject: predicate IRI → objects.
type Props = BTreeMap<String, Vec<Term>>;

/// The records of a part of the quads, read but not yet merged (see [`GraphReader::read_part`]).
#[derive(Default)]
pub struct GraphPart {
    documents: Vec<SourceDocument>,
    relations: Vec<Relation>,
    sentences: Vec<SentenceMentions>,
    mentions: Vec<(String, String)>,
    entities: Vec<(String, Props)>,
}

/// Reads the merged graph from quads given a part at a time (a document's graph, say), so the
/// quads of a large corpus need not be held at once: what only one document states (its
/// record, its evidence and sentence records) is read as it comes, and only the entities'
/// types and labels, which many documents repeat, are kept until [`GraphReader::finish`]. The
/// graph read does not depend on how the quads are split or ordered, as long as a record's
/// quads come in one part.
pub struct GraphReader {
    cooccurrence: bool,
    kg: KnowledgeGraph,
    /// Subject IRI → the entity properties seen so far, without repeats.
    entities: BTreeMap<String, Props>,
    /// Entity id → the documents whose records mention it (`cor:mentions`), kept as the
    /// entity's node will hold them.
    mentions: BTreeMap<String, std::collections::BTreeSet<Arc<str>>>,
    sentences: Vec<SentenceMentions>,
    /// Every text read so far (document ids, sentences, quotes, rules), held once and shared
    /// by the statements and nodes that repeat it.
    texts: HashSet<Arc<str>>,
}

/// `text` as held in `texts`, added when it is new.
fn intern(texts: &mut HashSet<Arc<str>>, text: &Arc<str>) -> Arc<str> {
    match texts.get(text) {
        Some(held) => held.clone(),
        None => {
            texts.insert(text.clone());
            text.clone()
        }
    }
}

impl GraphReader {
    /// A reader of nothing yet; with `cooccurrence`, sentence records are kept for the
    /// `cooccursWith` layer.
    pub fn new(cooccurrence: bool) -> GraphReader {
        GraphReader {
            cooccurrence,
            kg: KnowledgeGraph::default(),
            entities: BTreeMap::new(),
            mentions: BTreeMap::new(),
            sentences: Vec::new(),
            texts: HashSet::new(),
        }
    }

    /// Reads a part of the quads: every record whose quads it holds.
    pub fn add<'a>(&mut self, quads: impl IntoIterator<Item = &'a Quad>) {
        let part = GraphReader::read_part(quads, self.cooccurrence);
        self.absorb(part);
    }

    /// Reads the records of a part of the quads without adding them yet (parts may be read
    /// side by side; [`GraphReader::absorb`] then adds each).
    pub fn read_part<'a>(
        quads: impl IntoIterator<Item = &'a Quad>,
        cooccurrence: bool,
    ) -> GraphPart {
        let mut props: BTreeMap<&str, Props> = BTreeMap::new();
        for q in quads {
            let NamedOrBlankNode::NamedNode(s) = &q.subject else {
                continue;
            };
            props
                .entry(s.as_str())
                .or_default()
                .entry(q.predicate.as_str().to_string())
                .or_default()
                .push(q.object.clone());
        }
        let type_iri = rdf::TYPE.as_str();
        let has_type = |p: &Props, class: &str| {
            p.get(type_iri).is_some_and(|ts| {
                ts.iter()
                    .any(|t| matches!(t, Term::NamedNode(n) if n.as_str() == class))
            })
        };
        let source_class = format!("{ONTOLOGY_NS}SourceDocument");
        let evidence_class = format!("{ONTOLOGY_NS}Evidence");
        let sentence_class = format!("{ONTOLOGY_NS}Sentence");
        let mentions_iri = format!("{ONTOLOGY_NS}mentions");
        let alt_label = format!("{SKOS}altLabel");
        let curated = format!("{ONTOLOGY_NS}curated");
        let entity_keys = [
            rdf::TYPE.as_str(),
            rdfs::LABEL.as_str(),
            alt_label.as_str(),
            curated.as_str(),
        ];
        // The sentence records' texts, which the statements read from them name.
        let sentence_key = format!("{ONTOLOGY_NS}sentence");
        let quote_key = format!("{ONTOLOGY_NS}quote");
        let texts: BTreeMap<&str, (String, String)> = props
            .iter()
            .filter(|(_, p)| has_type(p, &sentence_class))
            .map(|(s, p)| {
                let value = |k: &str| first_value(p, k).unwrap_or_default();
                (*s, (value(&sentence_key), value(&quote_key)))
            })
            .collect();
        let mut part = GraphPart::default();
        for (s, mut p) in props {
            if has_type(&p, &source_class) {
                if let Some(doc) = read_document(s, &p) {
                    for t in p.get(&mentions_iri).into_iter().flatten() {
                        if let Term::NamedNode(n) = t
                            && let Some(id) = local_id(n.as_str())
                        {
                            part.mentions.push((id.to_string(), doc.id.clone()));
                        }
                    }
                    part.documents.push(doc);
                }
            } else if has_type(&p, &evidence_class) {
                part.relations.extend(read_evidence(&p, &texts));
            } else if has_type(&p, &sentence_class) {
                if cooccurrence {
                    part.sentences.extend(read_sentence(&p));
                }
            } else {
                // Possibly an entity: keep what `read_entity` reads.
                p.retain(|k, _| entity_keys.contains(&k.as_str()));
                part.entities.push((s.to_string(), p));
            }
        }
        part
    }

    /// Adds a part read by [`GraphReader::read_part`].
    pub fn absorb(&mut self, part: GraphPart) {
        for doc in part.documents {
            self.kg.documents.insert(doc.id.clone(), doc);
        }
        for mut r in part.relations {
            let e = &mut r.evidence;
            for text in [&mut e.document, &mut e.sentence, &mut e.quote, &mut e.rule] {
                *text = intern(&mut self.texts, text);
            }
            self.kg.add_relation(r);
        }
        self.sentences.extend(part.sentences);
        for (entity, doc) in part.mentions {
            let doc = intern(&mut self.texts, &doc.into());
            self.mentions.entry(entity).or_default().insert(doc);
        }
        for (s, p) in part.entities {
            let kept = self.entities.entry(s).or_default();
            for (k, objects) in p {
                let have = kept.entry(k).or_default();
                for o in objects {
                    if !have.contains(&o) {
                        have.push(o);
                    }
                }
            }
        }
    }

    /// The merged graph of everything read.
    pub fn finish(self) -> KnowledgeGraph {
        let mut kg = self.kg;
        let curated = format!("{ONTOLOGY_NS}curated");
        for (s, p) in &self.entities {
            if let Some(e) = read_entity(s, p) {
                let marks: std::collections::BTreeSet<String> = literals(p, &curated)
                    .map(|l| l.value().to_string())
                    .collect();
                if !marks.is_empty() {
                    kg.curated.insert(e.id.clone(), marks);
                }
                kg.nodes.insert(
                    e.id.clone(),
                    crate::model::Node {
                        entity: e,
                        documents: Default::default(),
                    },
                );
            }
        }
        for (id, docs) in self.mentions {
            if let Some(n) = kg.nodes.get_mut(&id) {
                n.documents = docs;
            }
        }
        kg.add_cooccurrences(&self.sentences);
        kg
    }
}

fn literals<'a>(
    p: &'a BTreeMap<String, Vec<Term>>,
    key: &str,
) -> impl Iterator<Item = &'a Literal> {
    p.get(key).into_iter().flatten().filter_map(|t| match t {
        Term::Literal(l) => Some(l),
        _ => None,
    })
}

fn first_value(p: &BTreeMap<String, Vec<Term>>, key: &str) -> Option<String> {
    literals(p, key).map(|l| l.value().to_string()).min()
}

fn first_iri(p: &BTreeMap<String, Vec<Term>>, key: &str) -> Option<String> {
    p.get(key).into_iter().flatten().find_map(|t| match t {
        Term::NamedNode(n) => Some(n.as_str().to_string()),
        _ => None,
    })
}

fn read_document(s: &str, p: &BTreeMap<String, Vec<Term>>) -> Option<SourceDocument> {
    let id = s.strip_prefix(&source_iri(""))?.to_string();
    let title_key = format!("{DCT}title");
    let title = literals(p, &title_key)
        .filter(|l| l.language() != Some("en") || literals(p, &title_key).count() == 1)
        .map(|l| l.value().to_string())
        .min()
        .unwrap_or_default();
    let title_en = literals(p, &title_key)
        .filter(|l| l.language() == Some("en") && l.value() != title)
        .map(|l| l.value().to_string())
        .min();
    Some(SourceDocument {
        id,
        title,
        title_en,
        date: first_value(p, &format!("{DCT}date"))
            .as_deref()
            .and_then(FactDate::parse),
        language: first_value(p, &format!("{DCT}language")).unwrap_or_default(),
        kind: first_value(p, &format!("{ONTOLOGY_NS}kind")).unwrap_or_default(),
        file: first_value(p, &format!("{DCT}source")).unwrap_or_default(),
        source: first_value(p, &format!("{DCT}bibliographicCitation")),
        content_hash: first_value(p, &format!("{ONTOLOGY_NS}contentHash")).unwrap_or_default(),
        named_text: first_iri(p, &format!("{ONTOLOGY_NS}namedText"))
            .and_then(|i| local_id(&i).map(str::to_string)),
        text_source: first_value(p, &format!("{ONTOLOGY_NS}textSource")),
    })
}

fn read_entity(s: &str, p: &BTreeMap<String, Vec<Term>>) -> Option<Entity> {
    let id = local_id(s)?.to_string();
    let kind = EntityType::ALL.into_iter().find(|t| {
        p.get(rdf::TYPE.as_str()).is_some_and(|ts| {
            ts.iter()
                .any(|x| matches!(x, Term::NamedNode(n) if n.as_str() == t.class_iri()))
        })
    })?;
    let label = |lang: &str| {
        literals(p, rdfs::LABEL.as_str())
            .filter(|l| l.language() == Some(lang))
            .map(|l| l.value().to_string())
            .min()
    };
    let mut entity = Entity {
        id,
        kind,
        label_zh: label("zh"),
        label_en: label("en"),
        aliases: literals(p, &format!("{SKOS}altLabel"))
            .map(|l| l.value().to_string())
            .collect(),
    };
    entity.merge(&Entity {
        aliases: Default::default(),
        ..entity.clone()
    });
    Some(entity)
}

/// The sentence a text span record gives (what [`span`] writes), with `rule` as its rule.
fn read_span(
    p: &BTreeMap<String, Vec<Term>>,
    rule: String,
    texts: &BTreeMap<&str, (String, String)>,
) -> Option<Evidence> {
    let value = |k: &str| first_value(p, &format!("{ONTOLOGY_NS}{k}"));
    let number = |k: &str| value(k).and_then(|v| v.parse::<usize>().ok());
    let source = first_iri(p, &format!("{ONTOLOGY_NS}source"))?;
    // The text of the sentence record the statement names, else (a record written before
    // sentences were recorded once) its own.
    let (sentence, quote) = first_iri(p, &format!("{ONTOLOGY_NS}inSentence"))
        .and_then(|r| texts.get(r.as_str()).cloned())
        .unwrap_or_else(|| {
            (
                value("sentence").unwrap_or_default(),
                value("quote").unwrap_or_default(),
            )
        });
    Some(Evidence {
        document: source.strip_prefix(&source_iri(""))?.into(),
        sentence: sentence.into(),
        quote: quote.into(),
        start: number("startOffset")?,
        end: number("endOffset")?,
        rule: rule.into(),
    })
}

fn read_sentence(p: &BTreeMap<String, Vec<Term>>) -> Option<SentenceMentions> {
    let mut entities: Vec<String> = p
        .get(&format!("{ONTOLOGY_NS}mentions"))
        .into_iter()
        .flatten()
        .filter_map(|t| match t {
            Term::NamedNode(n) => local_id(n.as_str()).map(str::to_string),
            _ => None,
        })
        .collect();
    entities.sort();
    entities.dedup();
    Some(SentenceMentions {
        evidence: read_span(p, COOCCURRENCE_RULE.to_string(), &BTreeMap::new())?,
        entities,
    })
}

fn read_evidence(
    p: &BTreeMap<String, Vec<Term>>,
    texts: &BTreeMap<&str, (String, String)>,
) -> Option<Relation> {
    let subject = local_id(&first_iri(p, rdf::SUBJECT.as_str())?)?.to_string();
    let object = local_id(&first_iri(p, rdf::OBJECT.as_str())?)?.to_string();
    let predicate = first_iri(p, rdf::PREDICATE.as_str())?;
    let kind: RelationKind = predicate.strip_prefix(ONTOLOGY_NS)?.parse().ok()?;
    let value = |k: &str| first_value(p, &format!("{ONTOLOGY_NS}{k}"));
    Some(Relation {
        subject,
        kind,
        object,
        date: value("date").as_deref().and_then(FactDate::parse),
        role: value("role"),
        evidence: read_span(p, value("rule").unwrap_or_default(), texts)?,
        confidence: value("confidence").and_then(|c| c.parse().ok()),
        curated: match (
            value("curated"),
            first_iri(p, &format!("{ONTOLOGY_NS}curatedBy")),
        ) {
            (Some(what), Some(decision)) => Some(crate::model::Curated { what, decision }),
            _ => None,
        },
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Evidence;

    fn sample() -> Extraction {
        let doc = SourceDocument {
            id: "d1".into(),
            title: "联合声明".into(),
            title_en: Some("Joint Statement".into()),
            date: Some(FactDate::Day(2025, 9, 4)),
            language: "zh".into(),
            kind: "joint-statement".into(),
            file: "a.txt".into(),
            source: None,
            content_hash: "00".into(),
            named_text: Some("document/联合声明".into()),
            text_source: Some("ocr".into()),
        };
        let person = |id: &str, zh: &str| Entity {
            id: id.into(),
            kind: EntityType::Person,
            label_zh: Some(zh.into()),
            label_en: None,
            aliases: [format!("{zh}主席")].into_iter().collect(),
        };
        Extraction {
            document: Some(doc),
            entities: vec![person("person/a", "甲"), person("person/b", "乙")],
            relations: vec![Relation {
                subject: "person/a".into(),
                kind: RelationKind::Met,
                object: "person/b".into(),
                date: Some(FactDate::YearMonth(2025, 9)),
                role: None,
                evidence: Evidence {
                    document: "d1".into(),
                    sentence: "甲会见乙。".into(),
                    quote: "甲会见 乙。".into(),
                    start: 3,
                    end: 9,
                    rule: "trigger:met:会见".into(),
                },
                confidence: Some(Confidence::new(0.875)),
                curated: None,
            }],
            sentences: vec![SentenceMentions {
                evidence: Evidence {
                    document: "d1".into(),
                    sentence: "甲与乙共同出席。".into(),
                    quote: "甲与乙共同出席。".into(),
                    start: 10,
                    end: 18,
                    rule: COOCCURRENCE_RULE.into(),
                },
                entities: vec!["person/a".into(), "person/b".into()],
            }],
            mentions: Vec::new(),
            curation: Default::default(),
        }
    }

    #[test]
    fn confidences_are_written_as_canonical_decimals() {
        let lexical = |v: f64| confidence_literal(Confidence::new(v)).value().to_string();
        assert_eq!(lexical(0.93), "0.93");
        assert_eq!(lexical(0.875), "0.875");
        assert_eq!(lexical(0.1), "0.1");
        assert_eq!(lexical(1.0), "1");
        assert_eq!(lexical(0.0), "0");
        assert_eq!("0.93".parse::<Confidence>(), Ok(Confidence::new(0.93)));
    }

    #[test]
    fn extraction_round_trips_through_quads() {
        let x = sample();
        let quads = to_quads(&x);
        let kg = from_quads(&quads, false);
        let mut expected = KnowledgeGraph::default();
        expected.add(&x);
        assert_eq!(kg.documents, expected.documents);
        assert_eq!(kg.edges, expected.edges);
        assert_eq!(
            kg.nodes["person/a"].entity,
            expected.nodes["person/a"].entity
        );
        assert_eq!(
            kg.nodes["person/a"].documents,
            expected.nodes["person/a"].documents
        );
    }

    #[test]
    fn sentence_records_become_the_cooccurrence_layer_only_on_request() {
        let x = sample();
        let quads = to_quads(&x);
        let sentence = sentence_iri(&x.sentences[0].evidence);
        assert_eq!(sentence, format!("{}/sentence/10", source_iri("d1")));
        let mentions = quads
            .iter()
            .filter(|q| {
                q.subject.to_string() == format!("<{sentence}>")
                    && q.predicate.as_str() == format!("{ONTOLOGY_NS}mentions")
            })
            .count();
        assert_eq!(mentions, 2);

        let without = from_quads(&quads, false);
        assert!(
            without
                .edges
                .values()
                .all(|e| e.kind != RelationKind::CooccursWith)
        );
        let with = from_quads(&quads, true);
        let key = (
            "person/a".to_string(),
            RelationKind::CooccursWith,
            "person/b".to_string(),
        );
        let edge = &with.edges[&key];
        assert_eq!(edge.weight(), 1);
        let r = &edge.statements[0];
        assert_eq!(r.evidence, x.sentences[0].evidence);
        assert_eq!(
            r.date,
            Some(FactDate::Day(2025, 9, 4)),
            "the document's date"
        );
        // The stated relations are the same with or without the layer.
        assert_eq!(with.stated_edges().count(), without.edges.len());
    }

    /// The sample's statements as a second document states them, with one more alias.
    fn second_document() -> Extraction {
        let mut x = sample();
        if let Some(d) = x.document.as_mut() {
            d.id = "d2".into();
            d.named_text = None;
        }
        for r in &mut x.relations {
            r.evidence.document = "d2".into();
            r.evidence.start += 1;
        }
        for m in &mut x.sentences {
            m.evidence.document = "d2".into();
        }
        x.entities[0].aliases.insert("甲先生".into());
        x
    }

    #[test]
    fn a_graph_read_a_document_at_a_time_is_the_graph_read_at_once() {
        let (one, two) = (to_quads(&sample()), to_quads(&second_document()));
        for cooccurrence in [false, true] {
            let whole = from_quads(one.iter().chain(&two), cooccurrence);
            let mut reader = GraphReader::new(cooccurrence);
            reader.absorb(GraphReader::read_part(&two, cooccurrence));
            reader.add(&one);
            let parts = reader.finish();
            assert_eq!(parts, whole);
            assert_eq!(parts.documents.len(), 2);
            assert!(parts.nodes["person/a"].entity.aliases.contains("甲先生"));
            let met = parts
                .edges
                .values()
                .find(|e| e.kind == RelationKind::Met)
                .expect("the met edge");
            assert_eq!(met.statements.len(), 2);
        }
    }

    #[test]
    fn texts_repeated_across_documents_are_held_once() {
        let mut reader = GraphReader::new(false);
        reader.add(&to_quads(&sample()));
        reader.add(&to_quads(&second_document()));
        let kg = reader.finish();
        let met = kg
            .edges
            .values()
            .find(|e| e.kind == RelationKind::Met)
            .expect("the met edge");
        let [a, b] = [&met.statements[0].evidence, &met.statements[1].evidence];
        assert_ne!(a.document, b.document);
        assert!(Arc::ptr_eq(&a.sentence, &b.sentence), "one sentence text");
        assert!(Arc::ptr_eq(&a.rule, &b.rule), "one rule text");
        let docs = &kg.nodes["person/a"].documents;
        assert_eq!(docs.len(), 2);
        for (doc, node) in docs.iter().zip(kg.nodes["person/b"].documents.iter()) {
            assert!(Arc::ptr_eq(doc, node), "{doc}: one id for every node");
        }
    }

    #[test]
    fn named_texts_are_read_with_their_titles() {
        let quads = to_quads(&sample());
        assert_eq!(
            named_texts(&quads),
            vec![("document/联合声明".to_string(), "联合声明".to_string())]
        );
    }

    #[test]
    fn every_quad_sits_in_the_document_graph_and_output_is_sorted() {
        let quads = to_quads(&sample());
        assert!(
            quads
                .iter()
                .all(|q| q.graph_name.to_string() == format!("<{}>", source_iri("d1")))
        );
        let mut sorted = quads.clone();
        sorted.sort_by_cached_key(|q| q.to_string());
        assert_eq!(quads, sorted);
        assert!(
            quads
                .iter()
                .any(|q| q.predicate.as_str() == RelationKind::Met.property_iri())
        );
    }
}
