//! `push` and `pull`: a store copied to a SPARQL 1.1 server and back, a document's named graph
//! at a time. The server also keeps a record of what it holds, the graph
//! `https://w3id.org/corridor/id/store`: for each document, `<source IRI> cor:ingestHash "…"`,
//! the hash the store knows it by. A document whose hash the server already records is not
//! sent again, so a push that stopped part-way is completed by running it again.

use std::collections::BTreeMap;
use std::path::Path;

use oxigraph::model::{GraphName, Literal, NamedNode, NamedOrBlankNode, Quad, Term};

use super::{Failure, PipelineError, error_chain, progress};
use crate::model::{ID_NS, ONTOLOGY_NS, source_iri};
use crate::remote::{Remote, RemoteError, ntriples};
use crate::store::CorpusStore;

/// The server's record of the documents it holds and their hashes.
pub fn record_graph() -> String {
    format!("{ID_NS}store")
}

/// The property of that record.
fn hash_property() -> String {
    format!("{ONTOLOGY_NS}ingestHash")
}

/// Documents recorded in one update: one request per this many graphs sent.
const RECORD_BATCH: usize = 16;

/// What a push did.
#[derive(Debug, Default)]
pub struct PushReport {
    /// Documents sent.
    pub pushed: usize,
    /// Documents the server already held as they are.
    pub unchanged: usize,
    /// Documents removed from the server (with `prune`).
    pub removed: usize,
    /// Documents that did not go in, with the reason.
    pub failures: Vec<Failure>,
}

/// What a pull did.
#[derive(Debug, Default)]
pub struct PullReport {
    /// Documents copied into the store.
    pub pulled: usize,
    /// Documents the store already held as they are.
    pub unchanged: usize,
}

/// The documents the server records, with their hashes.
pub fn server_hashes(remote: &Remote) -> Result<BTreeMap<String, String>, RemoteError> {
    let triples = remote.construct(&format!(
        "CONSTRUCT {{ ?s <{p}> ?h }} WHERE {{ GRAPH <{g}> {{ ?s <{p}> ?h }} }}",
        p = hash_property(),
        g = record_graph()
    ))?;
    let prefix = source_iri("");
    Ok(triples
        .into_iter()
        .filter_map(|t| {
            let NamedOrBlankNode::NamedNode(s) = &t.subject else {
                return None;
            };
            let Term::Literal(h) = &t.object else {
                return None;
            };
            let id = s.as_str().strip_prefix(&prefix)?;
            Some((id.to_string(), h.value().to_string()))
        })
        .collect())
}

/// Records `docs` (id, hash) as held by the server, in one update.
fn record(remote: &Remote, docs: &[(String, String)]) -> Result<(), RemoteError> {
    if docs.is_empty() {
        return Ok(());
    }
    let (g, p) = (record_graph(), hash_property());
    let subjects: Vec<String> = docs
        .iter()
        .map(|(id, _)| format!("<{}>", source_iri(id)))
        .collect();
    let facts: Vec<String> = docs
        .iter()
        .map(|(id, hash)| {
            format!(
                "<{}> <{p}> {} .",
                source_iri(id),
                Literal::new_simple_literal(hash)
            )
        })
        .collect();
    remote.update(&format!(
        "DELETE {{ GRAPH <{g}> {{ ?s <{p}> ?h }} }} WHERE {{ GRAPH <{g}> {{ ?s <{p}> ?h }} \
         VALUES ?s {{ {} }} }} ;\nINSERT DATA {{ GRAPH <{g}> {{\n{}\n}} }}",
        subjects.join(" "),
        facts.join("\n")
    ))
}

/// Removes documents from the server's record, in one update.
fn unrecord(remote: &Remote, ids: &[String]) -> Result<(), RemoteError> {
    if ids.is_empty() {
        return Ok(());
    }
    let (g, p) = (record_graph(), hash_property());
    let subjects: Vec<String> = ids
        .iter()
        .map(|id| format!("<{}>", source_iri(id)))
        .collect();
    remote.update(&format!(
        "DELETE {{ GRAPH <{g}> {{ ?s <{p}> ?h }} }} WHERE {{ GRAPH <{g}> {{ ?s <{p}> ?h }} \
         VALUES ?s {{ {} }} }}",
        subjects.join(" ")
    ))
}

/// Copies the store in `store_dir` to the server: each document the server does not hold as
/// it is replaces its named graph there (one request per document, so a graph is never half
/// written), and is then recorded. A document that fails is reported and the others still go
/// in. With `prune`, documents the server records but the store lacks are removed from it.
pub fn push(
    store_dir: &Path,
    remote: &Remote,
    prune: bool,
    show_progress: bool,
) -> Result<PushReport, PipelineError> {
    let store = CorpusStore::open_read_only(store_dir)?;
    let held = server_hashes(remote).map_err(PipelineError::from)?;
    let mut report = PushReport::default();
    let ids: Vec<&str> = store.document_ids().collect();
    let bar = progress(ids.len(), show_progress);
    let mut sent: Vec<(String, String)> = Vec::new();
    let flush = |sent: &mut Vec<(String, String)>, report: &mut PushReport| {
        match record(remote, sent) {
            Ok(()) => report.pushed += sent.len(),
            Err(e) => report.failures.extend(sent.iter().map(|(id, _)| Failure {
                file: id.clone(),
                reason: format!(
                    "its graph went in but could not be recorded, so it will be sent again: {}",
                    error_chain(&e)
                ),
            })),
        }
        sent.clear();
    };
    for id in &ids {
        bar.inc(1);
        let hash = store.document_hash(id).unwrap_or_default();
        if held.get(*id).is_some_and(|h| h == hash) {
            report.unchanged += 1;
            continue;
        }
        let outcome = store
            .encoded_graph(id, true)
            .map_err(PipelineError::from)
            .and_then(|g| {
                let body = ntriples(g.quads.iter().map(|q| q.as_ref().into()));
                remote
                    .put_graph(&source_iri(id), &body)
                    .map_err(PipelineError::from)
            });
        match outcome {
            Ok(()) => sent.push((id.to_string(), hash.to_string())),
            Err(e) => report.failures.push(Failure {
                file: id.to_string(),
                reason: error_chain(&e),
            }),
        }
        if sent.len() >= RECORD_BATCH {
            flush(&mut sent, &mut report);
        }
    }
    flush(&mut sent, &mut report);
    bar.finish_and_clear();
    if prune {
        let stale: Vec<String> = held
            .keys()
            .filter(|id| store.document_hash(id).is_none())
            .cloned()
            .collect();
        for id in &stale {
            remote
                .drop_graph(&source_iri(id))
                .map_err(PipelineError::from)?;
        }
        unrecord(remote, &stale).map_err(PipelineError::from)?;
        report.removed = stale.len();
    }
    Ok(report)
}

/// Copies the documents the server records into the store in `store_dir` (those the store
/// already holds with the same hash are left as they are).
pub fn pull(
    remote: &Remote,
    store_dir: &Path,
    show_progress: bool,
) -> Result<PullReport, PipelineError> {
    let held = server_hashes(remote).map_err(PipelineError::from)?;
    let mut store = CorpusStore::open(store_dir)?;
    let mut report = PullReport::default();
    let bar = progress(held.len(), show_progress);
    for (id, hash) in &held {
        bar.inc(1);
        if store.document_hash(id) == Some(hash.as_str()) {
            report.unchanged += 1;
            continue;
        }
        let graph = NamedNode::new_unchecked(source_iri(id));
        let quads: Vec<Quad> = remote
            .get_graph(graph.as_str())
            .map_err(PipelineError::from)?
            .into_iter()
            .map(|t| t.in_graph(GraphName::NamedNode(graph.clone())))
            .collect();
        store.replace_document(id, hash, &quads)?;
        report.pulled += 1;
    }
    bar.finish_and_clear();
    Ok(report)
}
