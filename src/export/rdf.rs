//! RDF exports: Turtle of the default graph (the ontology and the merged facts, without the
//! evidence records), N-Triples of the same, and N-Quads of every document graph with its
//! evidence. Output is sorted, so the same store gives the same bytes.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::io::Write;

use oxigraph::io::{RdfFormat, RdfParser, RdfSerializer};
use oxigraph::model::vocab::rdf;
use oxigraph::model::{BlankNode, NamedOrBlankNode, Quad, Term, Triple};

use super::ExportError;
use crate::model::{Confidence, ID_NS, ONTOLOGY_NS};
use crate::rdf::PREFIXES;

/// The ontology shipped with corridor (`ontology/corridor.ttl` at build time).
pub const BUILTIN_ONTOLOGY: &str = include_str!("../../ontology/corridor.ttl");

/// Parses the ontology's Turtle; `origin` names it in errors. Blank nodes get labels from their
/// order in the file (`o1`, `o2` …), so the same ontology always gives the same triples.
pub fn ontology_triples(turtle: &str, origin: &str) -> Result<Vec<Triple>, ExportError> {
    let mut labels: HashMap<BlankNode, BlankNode> = HashMap::new();
    let mut relabel = |node: &BlankNode| -> BlankNode {
        let next = labels.len() + 1;
        labels
            .entry(node.clone())
            .or_insert_with(|| BlankNode::new_unchecked(format!("o{next}")))
            .clone()
    };
    let mut out = Vec::new();
    for q in RdfParser::from_format(RdfFormat::Turtle).for_slice(turtle.as_bytes()) {
        let mut t = Triple::from(q.map_err(|e| ExportError::Rdf {
            what: origin.to_string(),
            message: e.to_string(),
        })?);
        if let NamedOrBlankNode::BlankNode(b) = &t.subject {
            t.subject = NamedOrBlankNode::BlankNode(relabel(b));
        }
        if let Term::BlankNode(b) = &t.object {
            t.object = Term::BlankNode(relabel(b));
        }
        out.push(t);
    }
    Ok(out)
}

/// One document graph's quads without the statements less sure than `min`: their evidence
/// records go, and so does a relation triple whose every evidence record in the graph goes.
/// Records without a confidence stay. `None` when nothing is left out.
pub fn keep_confident(quads: &[Quad], min: Confidence) -> Option<Vec<Quad>> {
    let confidence = format!("{ONTOLOGY_NS}confidence");
    let unsure: HashSet<&NamedOrBlankNode> = quads
        .iter()
        .filter(|q| q.predicate.as_str() == confidence)
        .filter(|q| match &q.object {
            Term::Literal(l) => l.value().parse::<Confidence>().is_ok_and(|c| c < min),
            _ => false,
        })
        .map(|q| &q.subject)
        .collect();
    if unsure.is_empty() {
        return None;
    }
    // What each evidence record states, and whether it stays (a rejected statement's record
    // states no fact of the graph).
    let rejected_class = format!("{ONTOLOGY_NS}RejectedStatement");
    let rejected: HashSet<&NamedOrBlankNode> = quads
        .iter()
        .filter(|q| {
            q.predicate == rdf::TYPE
                && matches!(&q.object, Term::NamedNode(n) if n.as_str() == rejected_class)
        })
        .map(|q| &q.subject)
        .collect();
    let mut stated: HashMap<&NamedOrBlankNode, [Option<&Term>; 3]> = HashMap::new();
    for q in quads
        .iter()
        .filter(|q| is_evidence(&q.subject) && !rejected.contains(&q.subject))
    {
        let slot = match q.predicate.as_str() {
            p if p == rdf::SUBJECT.as_str() => 0,
            p if p == rdf::PREDICATE.as_str() => 1,
            p if p == rdf::OBJECT.as_str() => 2,
            _ => continue,
        };
        stated.entry(&q.subject).or_default()[slot] = Some(&q.object);
    }
    let mut kept_facts: HashSet<(String, String, String)> = HashSet::new();
    let mut dropped_facts: HashSet<(String, String, String)> = HashSet::new();
    for (record, parts) in &stated {
        if let [Some(s), Some(p), Some(o)] = parts {
            let fact = (s.to_string(), p.to_string(), o.to_string());
            if unsure.contains(record) {
                dropped_facts.insert(fact);
            } else {
                kept_facts.insert(fact);
            }
        }
    }
    Some(
        quads
            .iter()
            .filter(|q| !unsure.contains(&q.subject))
            .filter(|q| {
                let fact = (
                    q.subject.to_string(),
                    q.predicate.to_string(),
                    q.object.to_string(),
                );
                !dropped_facts.contains(&fact) || kept_facts.contains(&fact)
            })
            .cloned()
            .collect(),
    )
}

fn is_evidence(s: &NamedOrBlankNode) -> bool {
    matches!(s, NamedOrBlankNode::NamedNode(n) if n.as_str().starts_with(&format!("{ID_NS}evidence/")))
}

/// The default graph: ontology plus every document graph's triples but the evidence records,
/// merged, sorted and without repeats.
pub fn default_graph(ontology: &[Triple], quads: &[Quad]) -> Vec<Triple> {
    let mut set: BTreeMap<String, Triple> = BTreeMap::new();
    for t in ontology.iter().cloned().chain(
        quads
            .iter()
            .filter(|q| !is_evidence(&q.subject))
            .map(|q| Triple::new(q.subject.clone(), q.predicate.clone(), q.object.clone())),
    ) {
        set.insert(t.to_string(), t);
    }
    set.into_values().collect()
}

fn serializer(format: RdfFormat) -> Result<RdfSerializer, ExportError> {
    let mut s = RdfSerializer::from_format(format);
    if matches!(
        format,
        RdfFormat::Turtle | RdfFormat::TriG | RdfFormat::RdfXml
    ) {
        for (prefix, iri) in PREFIXES {
            s = s.with_prefix(prefix, iri).map_err(|e| ExportError::Rdf {
                what: format!("prefix {prefix}"),
                message: e.to_string(),
            })?;
        }
    }
    Ok(s)
}

/// Writes triples as Turtle, N-Triples or RDF/XML.
pub fn write_triples<W: Write>(
    triples: &[Triple],
    format: RdfFormat,
    w: W,
) -> Result<(), ExportError> {
    let mut ser = serializer(format)?.for_writer(w);
    for t in triples {
        ser.serialize_triple(t).map_err(ExportError::Write)?;
    }
    ser.finish().map_err(ExportError::Write)?;
    Ok(())
}

/// Writes every quad as N-Quads, sorted.
pub fn write_nquads<W: Write>(quads: &[Quad], w: W) -> Result<(), ExportError> {
    write_quads(quads, RdfFormat::NQuads, w)
}

/// Writes every quad, sorted, in a format with named graphs (N-Quads, TriG, JSON-LD).
pub fn write_quads<W: Write>(quads: &[Quad], format: RdfFormat, w: W) -> Result<(), ExportError> {
    // N-Quads line by line; formats that group by graph (TriG, JSON-LD) graph by graph.
    let key = |q: &Quad| {
        if format == RdfFormat::NQuads {
            q.to_string()
        } else {
            format!("{} {q}", q.graph_name)
        }
    };
    let mut sorted: Vec<(String, &Quad)> = quads.iter().map(|q| (key(q), q)).collect();
    sorted.sort_by(|a, b| a.0.cmp(&b.0));
    if matches!(format, RdfFormat::JsonLd { .. }) {
        let mut out = Vec::new();
        let mut ser = serializer(format)?.for_writer(&mut out);
        for (_, q) in sorted {
            ser.serialize_quad(q).map_err(ExportError::Write)?;
        }
        ser.finish().map_err(ExportError::Write)?;
        let mut w = w;
        return w
            .write_all(&types_as_keyword(&out)?)
            .map_err(ExportError::Write);
    }
    let mut ser = serializer(format)?.for_writer(w);
    for (_, q) in sorted {
        ser.serialize_quad(q).map_err(ExportError::Write)?;
    }
    ser.finish().map_err(ExportError::Write)?;
    Ok(())
}

/// A writer of a format with named graphs (N-Quads, TriG, JSON-LD) fed one document graph at
/// a time, in document order: each graph is serialized on its own (side by side with the
/// others, see [`graph_fragment`]) and the pieces are joined, so the file is the one a single
/// serializer would write for the graphs in that order without all of them being held at once.
pub struct GraphStreamWriter<W: Write> {
    format: RdfFormat,
    w: W,
    graphs: usize,
}

/// What the serializer writes before the first graph (TriG's prefixes).
fn stream_header(format: RdfFormat) -> Result<Vec<u8>, ExportError> {
    let mut out = Vec::new();
    let mut ser = serializer(format)?.for_writer(&mut out);
    // A lone quad makes the serializer write its prologue; what precedes the quad's own
    // text is the header.
    let probe = Quad::new(
        oxigraph::model::NamedNode::new_unchecked("urn:x-probe:s"),
        oxigraph::model::NamedNode::new_unchecked("urn:x-probe:p"),
        oxigraph::model::NamedNode::new_unchecked("urn:x-probe:o"),
        oxigraph::model::NamedNode::new_unchecked("urn:x-probe:g"),
    );
    ser.serialize_quad(&probe).map_err(ExportError::Write)?;
    ser.finish().map_err(ExportError::Write)?;
    let text = String::from_utf8_lossy(&out).into_owned();
    let end = text.find("<urn:x-probe:").unwrap_or(0);
    Ok(match format {
        // JSON-LD opens its array before the first graph object.
        RdfFormat::JsonLd { .. } => b"[".to_vec(),
        _ => text.as_bytes()[..end].to_vec(),
    })
}

/// One document graph's quads (all in one graph, in the order to write them) serialized alone
/// in `format`, without what the format writes once per file, ready for
/// [`GraphStreamWriter::write_fragment`].
pub fn graph_fragment(quads: &[Quad], format: RdfFormat) -> Result<Vec<u8>, ExportError> {
    if format == RdfFormat::NQuads {
        let mut out = Vec::new();
        for q in quads {
            writeln!(out, "{q} .").map_err(ExportError::Write)?;
        }
        return Ok(out);
    }
    let mut out = Vec::new();
    let mut ser = serializer(format)?.for_writer(&mut out);
    for q in quads {
        ser.serialize_quad(q).map_err(ExportError::Write)?;
    }
    ser.finish().map_err(ExportError::Write)?;
    if quads.is_empty() {
        return Ok(Vec::new());
    }
    Ok(match format {
        // The array around the graph objects is the writer's.
        RdfFormat::JsonLd { .. } => {
            let out = types_as_keyword(&out)?;
            let body = out.strip_prefix(b"[".as_slice()).unwrap_or(&out);
            let trimmed = body.trim_ascii_end();
            trimmed
                .strip_suffix(b"]".as_slice())
                .unwrap_or(trimmed)
                .to_vec()
        }
        // TriG: the prefixes are the writer's.
        _ => {
            let (start, end) = body_bounds(&out, format);
            out[start..end].to_vec()
        }
    })
}

/// Expanded JSON-LD with each `rdf:type` whose values are all IRIs written as `@type`, as the
/// JSON-LD from-RDF algorithm does (so compaction gives `"type": "Person"` and framing by type
/// works). One pass over the serializer's text: a key `"…rdf-syntax-ns#type"` outside any
/// string, followed by an array of `{"@id":…}` objects, becomes `"@type"` with the array of
/// those ids; everything else is copied as it is.
fn types_as_keyword(json: &[u8]) -> Result<Vec<u8>, ExportError> {
    let key = format!("\"{}\":[", rdf::TYPE.as_str());
    let key = key.as_bytes();
    let mut out = Vec::with_capacity(json.len());
    let mut i = 0;
    while i < json.len() {
        if json[i] != b'"' {
            out.push(json[i]);
            i += 1;
            continue;
        }
        // A string outside any other: a key when it is the type key and an array of ids
        // follows.
        if json[i..].starts_with(key)
            && let Some((ids, end)) = id_array(json, i + key.len())
        {
            out.extend_from_slice(b"\"@type\":[");
            out.extend_from_slice(&ids.join(&b","[..]));
            out.push(b']');
            i = end;
            continue;
        }
        let end = string_end(json, i).ok_or_else(|| ExportError::Rdf {
            what: "JSON-LD".into(),
            message: "a string without its closing quote".into(),
        })?;
        out.extend_from_slice(&json[i..end]);
        i = end;
    }
    Ok(out)
}

/// The position just past the JSON string that opens at `start` (a `"`).
fn string_end(json: &[u8], start: usize) -> Option<usize> {
    let mut i = start + 1;
    while i < json.len() {
        match json[i] {
            b'\\' => i += 2,
            b'"' => return Some(i + 1),
            _ => i += 1,
        }
    }
    None
}

/// The id strings (quoted, as written) of an array of `{"@id":"…"}` objects whose first byte
/// after `[` is at `start`, and the position just past its `]`; `None` if the array holds
/// anything else.
fn id_array(json: &[u8], start: usize) -> Option<(Vec<&[u8]>, usize)> {
    const OPEN: &[u8] = b"{\"@id\":";
    let mut ids = Vec::new();
    let mut i = start;
    loop {
        if !json[i..].starts_with(OPEN) {
            return None;
        }
        let at = i + OPEN.len();
        if json.get(at) != Some(&b'"') {
            return None;
        }
        let end = string_end(json, at)?;
        ids.push(&json[at..end]);
        i = end;
        if json.get(i) != Some(&b'}') {
            return None;
        }
        i += 1;
        match json.get(i) {
            Some(b',') => i += 1,
            Some(b']') => return Some((ids, i + 1)),
            _ => return None,
        }
    }
}

impl<W: Write> GraphStreamWriter<W> {
    /// Starts the file.
    pub fn new(format: RdfFormat, mut w: W) -> Result<GraphStreamWriter<W>, ExportError> {
        if format != RdfFormat::NQuads {
            w.write_all(&stream_header(format)?)
                .map_err(ExportError::Write)?;
        }
        Ok(GraphStreamWriter {
            format,
            w,
            graphs: 0,
        })
    }

    /// Appends one graph serialized by [`graph_fragment`] in this writer's format.
    pub fn write_fragment(&mut self, fragment: &[u8]) -> Result<(), ExportError> {
        if fragment.is_empty() {
            return Ok(());
        }
        if matches!(self.format, RdfFormat::JsonLd { .. }) && self.graphs > 0 {
            self.w.write_all(b",").map_err(ExportError::Write)?;
        }
        self.graphs += 1;
        self.w.write_all(fragment).map_err(ExportError::Write)
    }

    /// Ends the file and gives the writer back.
    pub fn finish(mut self) -> Result<W, ExportError> {
        if matches!(self.format, RdfFormat::JsonLd { .. }) {
            self.w.write_all(b"]").map_err(ExportError::Write)?;
        }
        Ok(self.w)
    }
}

/// Whether a subject is one document's own record (its source record or a sentence record,
/// `id/source/<document>…`): no other document states triples about it.
pub fn is_document_record(s: &NamedOrBlankNode) -> bool {
    matches!(s, NamedOrBlankNode::NamedNode(n) if n.as_str().starts_with(&format!("{ID_NS}source/")))
}

/// The default graph built a document at a time. It holds the same triples as [`default_graph`]
/// in this order: the ontology and the triples several documents may state (about entities),
/// merged, sorted and without repeats; then each document's own records, document by document,
/// each document's sorted. Only the first part is kept until the end; the second is written
/// as it comes (see [`DefaultGraphPart`]).
///
/// The shared triples are kept as N-Triples lines, which sort as the file lists them and take
/// half the memory of parsed triples; they are parsed back one by one as the file is written.
#[derive(Default)]
pub struct DefaultGraphBuilder {
    lines: BTreeSet<Box<str>>,
}

/// The triples of one document graph that belong in the default graph, computed side by side
/// for many documents.
pub struct DefaultGraphPart {
    /// Triples about entities, which other documents may repeat, as N-Triples lines (without
    /// the closing ` .`).
    pub shared: Vec<String>,
    /// The document's own records, sorted.
    pub own: Vec<Triple>,
}

/// Splits a document graph's quads into its [`DefaultGraphPart`] (evidence records left out).
pub fn default_graph_part(quads: &[Quad]) -> DefaultGraphPart {
    let mut part = DefaultGraphPart {
        shared: Vec::new(),
        own: Vec::new(),
    };
    for q in quads.iter().filter(|q| !is_evidence(&q.subject)) {
        let t = Triple::new(q.subject.clone(), q.predicate.clone(), q.object.clone());
        if is_document_record(&t.subject) {
            part.own.push(t);
        } else {
            part.shared.push(t.to_string());
        }
    }
    part.own.sort_by_cached_key(|t| t.to_string());
    part
}

impl DefaultGraphBuilder {
    /// Starts with the ontology's triples.
    pub fn new(ontology: &[Triple]) -> DefaultGraphBuilder {
        let mut b = DefaultGraphBuilder::default();
        b.add(ontology.iter().map(Triple::to_string).collect());
        b
    }

    /// Adds the shared triples of a [`DefaultGraphPart`].
    pub fn add(&mut self, shared: Vec<String>) {
        for line in shared {
            if !self.lines.contains(line.as_str()) {
                self.lines.insert(line.into_boxed_str());
            }
        }
    }

    /// The merged shared triples, sorted.
    pub fn finish(self) -> SharedTriples {
        SharedTriples {
            lines: self.lines.into_iter().collect(),
        }
    }
}

/// The default graph's shared triples, merged and sorted (see [`DefaultGraphBuilder`]).
#[derive(Debug, Default)]
pub struct SharedTriples {
    lines: Vec<Box<str>>,
}

impl SharedTriples {
    /// How many triples there are.
    pub fn len(&self) -> usize {
        self.lines.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.lines.is_empty()
    }

    /// The triples in order, each parsed from its line when it is reached.
    pub fn triples(&self) -> impl Iterator<Item = Result<Triple, ExportError>> + '_ {
        self.lines.iter().map(|line| {
            let text = format!("{line} .\n");
            RdfParser::from_format(RdfFormat::NTriples)
                .for_slice(text.as_bytes())
                .next()
                .ok_or_else(|| ExportError::Rdf {
                    what: format!("the shared triple `{line}`"),
                    message: "no triple in it".into(),
                })?
                .map(Triple::from)
                .map_err(|e| ExportError::Rdf {
                    what: format!("the shared triple `{line}`"),
                    message: e.to_string(),
                })
        })
    }
}

/// Where the body of a file in `format` (Turtle, N-Triples, RDF/XML, TriG) starts and ends:
/// after the prefixes (Turtle, TriG) or the opening `rdf:RDF` element (RDF/XML), and before the
/// closing one.
fn body_bounds(bytes: &[u8], format: RdfFormat) -> (usize, usize) {
    let text = String::from_utf8_lossy(bytes);
    match format {
        RdfFormat::Turtle | RdfFormat::TriG => {
            let mut start = 0;
            while text[start..].starts_with("@prefix ") {
                start += text[start..]
                    .find('\n')
                    .map_or(text.len() - start, |i| i + 1);
            }
            (start, text.len())
        }
        RdfFormat::RdfXml => {
            let open = text.find("<rdf:RDF").unwrap_or(0);
            let start = text[open..].find('\n').map_or(text.len(), |i| open + i + 1);
            let end = text.rfind("</rdf:RDF>").unwrap_or(text.len()).max(start);
            (start, end)
        }
        _ => (0, text.len()),
    }
}

/// Writes triples as Turtle, N-Triples or RDF/XML in pieces: [`TriplesFile::head`] opens the
/// file with a first set of triples, [`triples_body`] serializes further triples (side by side
/// if need be), and [`TriplesFile::tail`] closes it; the pieces joined are a file of all the
/// triples in that order.
pub struct TriplesFile;

impl TriplesFile {
    /// The file's opening: its prologue and `first` serialized.
    pub fn head(first: &[Triple], format: RdfFormat) -> Result<Vec<u8>, ExportError> {
        let mut out = Vec::new();
        TriplesFile::write_head(first.iter().cloned().map(Ok), format, &mut out)?;
        Ok(out)
    }

    /// Writes [`TriplesFile::head`] of triples given one at a time into `w`, as they are
    /// serialized: only the last bytes are held back, to leave out the closing.
    pub fn write_head<W: Write>(
        first: impl IntoIterator<Item = Result<Triple, ExportError>>,
        format: RdfFormat,
        w: W,
    ) -> Result<(), ExportError> {
        let mut held = HoldBack {
            inner: w,
            held: Vec::new(),
        };
        let mut ser = serializer(format)?.for_writer(&mut held);
        for t in first {
            ser.serialize_triple(&t?).map_err(ExportError::Write)?;
        }
        ser.finish().map_err(ExportError::Write)?;
        let HoldBack { mut inner, held } = held;
        // The closing is RDF/XML's `</rdf:RDF>`; Turtle and N-Triples have none.
        let closing = b"</rdf:RDF>";
        let end = match format {
            RdfFormat::RdfXml => held
                .windows(closing.len())
                .rposition(|w| w == closing)
                .unwrap_or(held.len()),
            _ => held.len(),
        };
        inner.write_all(&held[..end]).map_err(ExportError::Write)
    }

    /// The file's closing.
    pub fn tail(format: RdfFormat) -> Result<Vec<u8>, ExportError> {
        let mut out = Vec::new();
        write_triples(&[], format, &mut out)?;
        let (_, end) = body_bounds(&out, format);
        Ok(out[end..].to_vec())
    }
}

/// A writer that passes on all but the last [`HoldBack::KEPT`] bytes written to it, which
/// stay in `held` for the caller to cut.
struct HoldBack<W: Write> {
    inner: W,
    held: Vec<u8>,
}

impl<W: Write> HoldBack<W> {
    /// Bytes held back: more than any format's closing.
    const KEPT: usize = 1024;
}

impl<W: Write> Write for HoldBack<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.held.extend_from_slice(buf);
        if self.held.len() >= 64 * 1024 + HoldBack::<W>::KEPT {
            let pass = self.held.len() - HoldBack::<W>::KEPT;
            self.inner.write_all(&self.held[..pass])?;
            self.held.drain(..pass);
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// Triples serialized in `format` without the file's prologue and closing, to stand between
/// [`TriplesFile::head`] and [`TriplesFile::tail`].
pub fn triples_body(triples: &[Triple], format: RdfFormat) -> Result<Vec<u8>, ExportError> {
    if triples.is_empty() {
        return Ok(Vec::new());
    }
    let mut out = Vec::new();
    write_triples(triples, format, &mut out)?;
    let (start, end) = body_bounds(&out, format);
    Ok(out[start..end].to_vec())
}

#[cfg(test)]
mod tests {
    use super::*;
    use oxigraph::model::{GraphName, Literal, NamedNode};

    /// The IRIs `ontology/context.jsonld` gives a term, each with the datatype its term coerces
    /// to (`@id` for links, none for plain or language-tagged text).
    fn context_terms() -> Vec<(String, Option<String>)> {
        let context: serde_json::Value =
            serde_json::from_str(include_str!("../../ontology/context.jsonld")).unwrap();
        let map = context["@context"].as_object().unwrap();
        let expand = |curie: &str| -> String {
            match curie.split_once(':') {
                Some((prefix, rest)) if map.get(prefix).is_some_and(|v| v.is_string()) => {
                    format!("{}{rest}", map[prefix].as_str().unwrap())
                }
                _ => curie.to_string(),
            }
        };
        map.values()
            .filter_map(|v| match v {
                serde_json::Value::String(s) if !s.starts_with('@') => Some((expand(s), None)),
                serde_json::Value::Object(o) => Some((
                    expand(o["@id"].as_str()?),
                    o.get("@type").and_then(|t| t.as_str()).map(&expand),
                )),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn the_json_ld_context_names_every_class_property_and_datatype_of_the_exports() {
        let nq = std::fs::read_to_string(
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("exports/corridor.nq"),
        )
        .unwrap();
        let terms = context_terms();
        let has = |iri: &str, datatype: Option<&str>| {
            terms
                .iter()
                .any(|(i, d)| i == iri && (datatype.is_none() || d.as_deref() == datatype))
        };
        let quads: Vec<Quad> = RdfParser::from_format(RdfFormat::NQuads)
            .for_slice(nq.as_bytes())
            .map(|q| q.unwrap())
            .collect();
        assert!(quads.len() > 1000);
        for q in &quads {
            if q.predicate == rdf::TYPE {
                let Term::NamedNode(class) = &q.object else {
                    panic!("{q}")
                };
                assert!(has(class.as_str(), None), "no term for the class {class}");
                continue;
            }
            let datatype = match &q.object {
                Term::Literal(l) if l.language().is_none() => {
                    let dt = l.datatype().as_str().to_string();
                    (dt != "http://www.w3.org/2001/XMLSchema#string").then_some(dt)
                }
                _ => None,
            };
            assert!(
                has(q.predicate.as_str(), datatype.as_deref()),
                "no term for {} with {datatype:?}",
                q.predicate
            );
        }
    }

    #[test]
    fn only_a_type_key_of_ids_becomes_the_type_keyword() {
        let t = rdf::TYPE.as_str();
        let rewrite = |s: &str| String::from_utf8(types_as_keyword(s.as_bytes()).unwrap()).unwrap();
        assert_eq!(
            rewrite(&format!(
                r#"[{{"@id":"x","{t}":[{{"@id":"a"}},{{"@id":"b\"c"}}],"p":[]}}]"#
            )),
            r#"[{"@id":"x","@type":["a","b\"c"],"p":[]}]"#
        );
        // A literal type stays a property; the key's text inside a string is a string.
        let literal = format!(r#"[{{"{t}":[{{"@value":"v"}}]}}]"#);
        assert_eq!(rewrite(&literal), literal);
        let quoted = format!(r#"[{{"p":[{{"@value":"\"{t}\":[{{\"@id\":\"a\"}}]"}}]}}]"#);
        assert_eq!(rewrite(&quoted), quoted);
        assert!(types_as_keyword(b"[\"open").is_err());
    }

    #[test]
    fn json_ld_writes_types_as_the_type_keyword() {
        let quads = graded_graph();
        let mut out = Vec::new();
        write_quads(
            &quads,
            RdfFormat::JsonLd {
                profile: Default::default(),
            },
            &mut out,
        )
        .unwrap();
        let text = String::from_utf8(out).unwrap();
        assert!(
            text.contains("\"@type\":[\"https://w3id.org/corridor/ontology#"),
            "{text}"
        );
        assert!(!text.contains("22-rdf-syntax-ns#type"), "{text}");
        let mut fragment = graph_fragment(
            &quads,
            RdfFormat::JsonLd {
                profile: Default::default(),
            },
        )
        .unwrap();
        fragment.insert(0, b'[');
        fragment.push(b']');
        let parsed: Vec<Quad> = RdfParser::from_format(RdfFormat::JsonLd {
            profile: Default::default(),
        })
        .for_slice(&fragment)
        .map(|q| q.unwrap())
        .collect();
        assert_eq!(parsed.len(), quads.len(), "the same quads read back");
    }

    /// A document graph in which `person/a` met `person/b` (confidence 0.4 by one rule, 0.9 by
    /// another) and `person/c` (0.4 only), and leads `country/d` (no confidence recorded).
    fn graded_graph() -> Vec<Quad> {
        use crate::model::{Evidence, Extraction, Relation, RelationKind, SourceDocument};
        let statement = |o: &str, kind, rule: &str, c: Option<f64>, start| Relation {
            subject: "person/a".into(),
            kind,
            object: o.into(),
            date: None,
            role: None,
            evidence: Evidence {
                document: "d1".into(),
                sentence: "s".into(),
                quote: "s".into(),
                start,
                end: start + 1,
                rule: rule.into(),
            },
            confidence: c.map(Confidence::new),
            curated: None,
        };
        let doc = SourceDocument {
            id: "d1".into(),
            title: "t".into(),
            date: None,
            language: "zh".into(),
            kind: "article".into(),
            title_en: None,
            file: "d1.txt".into(),
            source: None,
            content_hash: "h".into(),
            named_text: None,
            text_source: None,
        };
        crate::rdf::to_quads(&Extraction {
            document: Some(doc),
            relations: vec![
                statement("person/b", RelationKind::Met, "weak", Some(0.4), 0),
                statement("person/b", RelationKind::Met, "strong", Some(0.9), 2),
                statement("person/c", RelationKind::Met, "weak", Some(0.4), 4),
                statement("country/d", RelationKind::LeaderOf, "old", None, 6),
            ],
            ..Default::default()
        })
    }

    #[test]
    fn unsure_statements_leave_the_quads_with_the_facts_no_sure_record_states() {
        let quads = graded_graph();
        assert!(
            keep_confident(&quads, Confidence::new(0.3)).is_none(),
            "nothing below 0.3"
        );
        let kept = keep_confident(&quads, Confidence::new(0.5)).unwrap();
        let text: Vec<String> = kept.iter().map(|q| q.to_string()).collect();
        let has = |needle: &str| text.iter().any(|t| t.contains(needle));
        let fact = |o: &str, p: &str| {
            text.iter().any(|t| {
                t.starts_with("<https://w3id.org/corridor/id/person/a> ")
                    && t.contains(&format!("ontology#{p}> <https://w3id.org/corridor/id/{o}>"))
            })
        };
        assert!(fact("person/b", "met"), "a sure record still states it");
        assert!(!fact("person/c", "met"), "its only record was unsure");
        assert!(
            fact("country/d", "leaderOf"),
            "no confidence recorded: kept"
        );
        assert!(has("\"strong\"") && !has("\"weak\""), "{text:#?}");
        assert!(has("\"old\""));
        assert_eq!(
            text.iter().filter(|t| t.contains("confidence>")).count(),
            1,
            "one graded record left"
        );
    }

    /// Three small document graphs, each sorted, in document order.
    fn three_graphs() -> Vec<Vec<Quad>> {
        ["d1", "d2", "d3"]
            .iter()
            .map(|d| {
                let g =
                    NamedNode::new_unchecked(format!("https://w3id.org/corridor/id/source/{d}"));
                let s = NamedNode::new_unchecked("https://w3id.org/corridor/id/person/a");
                let mut quads = vec![
                    Quad::new(
                        s.clone(),
                        NamedNode::new_unchecked("http://www.w3.org/2000/01/rdf-schema#label"),
                        Literal::new_language_tagged_literal_unchecked(format!("甲 {d}"), "zh"),
                        GraphName::NamedNode(g.clone()),
                    ),
                    Quad::new(
                        s,
                        NamedNode::new_unchecked("https://w3id.org/corridor/ontology#met"),
                        NamedNode::new_unchecked("https://w3id.org/corridor/id/person/b"),
                        GraphName::NamedNode(g),
                    ),
                ];
                quads.sort_by_cached_key(|q| q.to_string());
                quads
            })
            .collect()
    }

    #[test]
    fn graphs_written_one_at_a_time_make_the_file_one_serializer_writes() {
        let graphs = three_graphs();
        let all: Vec<Quad> = graphs.iter().flatten().cloned().collect();
        for format in [
            RdfFormat::NQuads,
            RdfFormat::TriG,
            RdfFormat::JsonLd {
                profile: Default::default(),
            },
        ] {
            let mut streamed = GraphStreamWriter::new(format, Vec::new()).unwrap();
            for g in &graphs {
                streamed
                    .write_fragment(&graph_fragment(g, format).unwrap())
                    .unwrap();
            }
            let streamed = streamed.finish().unwrap();
            // One serializer given the graphs in the same order.
            let mut whole = Vec::new();
            let mut ser = serializer(format).unwrap().for_writer(&mut whole);
            for q in &all {
                ser.serialize_quad(q).unwrap();
            }
            ser.finish().unwrap();
            // JSON-LD's types become `@type` in both.
            if matches!(format, RdfFormat::JsonLd { .. }) {
                whole = types_as_keyword(&whole).unwrap();
            }
            assert_eq!(
                String::from_utf8(streamed).unwrap(),
                String::from_utf8(whole).unwrap(),
                "{format:?}"
            );
        }
    }

    #[test]
    fn a_stream_of_no_graphs_is_a_valid_empty_file() {
        for format in [
            RdfFormat::NQuads,
            RdfFormat::TriG,
            RdfFormat::JsonLd {
                profile: Default::default(),
            },
        ] {
            let bytes = GraphStreamWriter::new(format, Vec::new())
                .unwrap()
                .finish()
                .unwrap();
            let parsed: Vec<_> = RdfParser::from_format(format)
                .for_slice(&bytes)
                .collect::<Result<_, _>>()
                .unwrap();
            assert!(parsed.is_empty(), "{format:?}");
        }
    }

    #[test]
    fn the_default_graph_built_a_document_at_a_time_has_the_merged_triples() {
        let graphs = three_graphs();
        let all: Vec<Quad> = graphs.iter().flatten().cloned().collect();
        let ontology = ontology_triples(BUILTIN_ONTOLOGY, "built-in").unwrap();
        let mut b = DefaultGraphBuilder::new(&ontology);
        let mut own = Vec::new();
        for g in &graphs {
            let part = default_graph_part(g);
            b.add(part.shared);
            own.extend(part.own);
        }
        let mut streamed: Vec<Triple> = b.finish().triples().collect::<Result<_, _>>().unwrap();
        streamed.extend(own);
        let mut merged = default_graph(&ontology, &all);
        assert_eq!(streamed.len(), merged.len());
        streamed.sort_by_cached_key(|t| t.to_string());
        merged.sort_by_cached_key(|t| t.to_string());
        assert_eq!(streamed, merged);
    }

    #[test]
    fn a_triples_file_written_in_pieces_is_the_file_written_at_once() {
        let ontology = ontology_triples(BUILTIN_ONTOLOGY, "built-in").unwrap();
        let record = |d: &str, n: usize| {
            let s = NamedNode::new_unchecked(format!("{ID_NS}source/{d}/sentence/{n}"));
            Triple::new(
                s,
                NamedNode::new_unchecked("https://w3id.org/corridor/ontology#sentence"),
                Literal::new_simple_literal(format!("句子 {d} {n} <&>")),
            )
        };
        let docs = [
            vec![record("d1", 1), record("d1", 2)],
            vec![record("d2", 7)],
        ];
        for format in [RdfFormat::Turtle, RdfFormat::NTriples, RdfFormat::RdfXml] {
            let mut pieces = TriplesFile::head(&ontology, format).unwrap();
            for d in &docs {
                pieces.extend(triples_body(d, format).unwrap());
            }
            pieces.extend(TriplesFile::tail(format).unwrap());
            let all: Vec<Triple> = ontology
                .iter()
                .chain(docs.iter().flatten())
                .cloned()
                .collect();
            let mut whole = Vec::new();
            write_triples(&all, format, &mut whole).unwrap();
            assert_eq!(
                String::from_utf8(pieces).unwrap(),
                String::from_utf8(whole).unwrap(),
                "{format:?}"
            );
        }
    }

    #[test]
    fn shared_triples_are_written_as_they_are_parsed_back() {
        let ontology = ontology_triples(BUILTIN_ONTOLOGY, "built-in").unwrap();
        let labels: Vec<Triple> = (0..3000)
            .map(|n| {
                Triple::new(
                    NamedNode::new_unchecked(format!("{ID_NS}person/p{n}")),
                    NamedNode::new_unchecked("http://www.w3.org/2000/01/rdf-schema#label"),
                    Literal::new_language_tagged_literal_unchecked(
                        format!("人物 \"{n}\"\n\t<&>\\"),
                        "zh",
                    ),
                )
            })
            .collect();
        let mut b = DefaultGraphBuilder::new(&ontology);
        b.add(labels.iter().map(Triple::to_string).collect());
        b.add(labels.iter().take(10).map(Triple::to_string).collect());
        let shared = b.finish();
        let mut expected: Vec<Triple> = ontology.iter().chain(&labels).cloned().collect();
        expected.sort_by_cached_key(|t| t.to_string());
        expected.dedup();
        assert_eq!(shared.len(), expected.len());
        for format in [RdfFormat::Turtle, RdfFormat::NTriples, RdfFormat::RdfXml] {
            let mut streamed = Vec::new();
            TriplesFile::write_head(shared.triples(), format, &mut streamed).unwrap();
            assert!(streamed.len() > 64 * 1024, "{format:?}: {}", streamed.len());
            let mut whole = Vec::new();
            write_triples(&expected, format, &mut whole).unwrap();
            let (_, end) = body_bounds(&whole, format);
            assert_eq!(
                String::from_utf8(streamed).unwrap(),
                String::from_utf8(whole[..end].to_vec()).unwrap(),
                "{format:?}"
            );
        }
    }

    #[test]
    fn the_shipped_ontology_parses() {
        let triples = ontology_triples(BUILTIN_ONTOLOGY, "corridor.ttl").unwrap();
        assert!(triples.len() > 100);
        let met = NamedNode::new_unchecked(format!("{}met", crate::model::ONTOLOGY_NS));
        assert!(
            triples
                .iter()
                .any(|t| t.subject == NamedOrBlankNode::NamedNode(met.clone()))
        );
    }

    #[test]
    fn the_ontology_parses_to_the_same_triples_every_time() {
        let a = ontology_triples(BUILTIN_ONTOLOGY, "corridor.ttl").unwrap();
        let b = ontology_triples(BUILTIN_ONTOLOGY, "corridor.ttl").unwrap();
        assert_eq!(a, b);
    }

    #[test]
    fn evidence_records_stay_out_of_the_default_graph() {
        let g = GraphName::NamedNode(NamedNode::new_unchecked(format!("{ID_NS}source/d")));
        let p = NamedNode::new_unchecked("http://example.org/p");
        let ev = NamedNode::new_unchecked(format!("{ID_NS}evidence/d/1"));
        let e = NamedNode::new_unchecked(format!("{ID_NS}person/a"));
        let quads = vec![
            Quad::new(ev, p.clone(), Literal::new_simple_literal("x"), g.clone()),
            Quad::new(
                e.clone(),
                p.clone(),
                Literal::new_simple_literal("y"),
                g.clone(),
            ),
            Quad::new(e, p, Literal::new_simple_literal("y"), g),
        ];
        let triples = default_graph(&[], &quads);
        assert_eq!(triples.len(), 1);
        let mut out = Vec::new();
        write_triples(&triples, RdfFormat::Turtle, &mut out).unwrap();
        assert!(String::from_utf8(out).unwrap().contains("person/a"));
    }
}
