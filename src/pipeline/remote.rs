//! `push` and `pull`: a store copied to a SPARQL 1.1 server and back, a document's named graph
//! at a time. The server also keeps a record of what it holds, the graph
//! `https://w3id.org/corridor/id/store`: for each document, `<source IRI> cor:ingestHash "…"`,
//! the hash the store knows it by. A document whose hash the server already records is not
//! sent again, so a push that stopped part-way is completed by running it again.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

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

/// Documents failing in a row because the server could not be reached (each after its
/// retries) before a push stops trying the rest, which are then named as not sent: a server
/// that stopped answering is not asked again for every document.
const GIVE_UP_AFTER: usize = 3;

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
    /// Documents removed from the store because the server does not record them (with `prune`).
    pub removed: usize,
}

/// The documents the server records, with their hashes.
pub fn server_hashes(remote: &Remote) -> Result<BTreeMap<String, String>, RemoteError> {
    let triples = remote.construct(&format!(
        "CONSTRUCT {{ ?s <{p}> ?h }} WHERE {{ GRAPH <{g}> {{ ?s <{p}> ?h }} }}",
        p = hash_property(),
        g = record_graph()
    ))?;
    let prefix = source_iri("");
    let mut held = BTreeMap::new();
    for t in triples {
        let NamedOrBlankNode::NamedNode(s) = &t.subject else {
            continue;
        };
        let Term::Literal(h) = &t.object else {
            continue;
        };
        let Some(id) = s.as_str().strip_prefix(&prefix) else {
            continue;
        };
        // An id names files in the store: one that is not an id is refused before any is used.
        if !crate::model::is_valid_id(id) {
            return Err(RemoteError::Answer {
                url: remote.endpoints().query.clone(),
                message: format!(
                    "the server records a document `{id}` whose id is not one (ids hold only {}); \
                     nothing was read or written",
                    crate::model::ID_RULE
                ),
            });
        }
        held.insert(id.to_string(), h.value().to_string());
    }
    Ok(held)
}

/// Whether `e` says the server could not be reached (rather than that it refused a request).
fn unavailable(e: &PipelineError) -> bool {
    matches!(
        e,
        PipelineError::Remote(RemoteError::Request {
            unavailable: true,
            ..
        })
    )
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
/// in, until three fail in a row for want of a server: the rest are then named as not sent,
/// untried. With `prune`, documents the server records but the store lacks are removed from it.
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
    // Consecutive documents that failed; past GIVE_UP_AFTER the rest are not tried.
    let mut streak = 0;
    let mut gave_up: Option<String> = None;
    for id in &ids {
        bar.inc(1);
        let hash = store.document_hash(id).unwrap_or_default();
        if held.get(*id).is_some_and(|h| h == hash) {
            report.unchanged += 1;
            continue;
        }
        if let Some(why) = &gave_up {
            report.failures.push(Failure {
                file: id.to_string(),
                reason: format!("not sent: {why}"),
            });
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
            Ok(()) => {
                sent.push((id.to_string(), hash.to_string()));
                streak = 0;
            }
            Err(e) => {
                // Only a server that cannot be reached counts: one that refuses a document
                // may take the next.
                if unavailable(&e) {
                    streak += 1;
                } else {
                    streak = 0;
                }
                if streak >= GIVE_UP_AFTER {
                    gave_up = Some(format!(
                        "the server failed {streak} documents in a row, the last with: {}",
                        error_chain(&e)
                    ));
                }
                report.failures.push(Failure {
                    file: id.to_string(),
                    reason: error_chain(&e),
                });
            }
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
        // Each graph dropped, then the record of those dropped; a document that could not be
        // removed is named, and stays recorded so a second run removes it.
        let mut dropped = Vec::new();
        for id in stale {
            if let Some(why) = &gave_up {
                report.failures.push(Failure {
                    file: id,
                    reason: format!("not removed: {why}"),
                });
                continue;
            }
            match remote.drop_graph(&source_iri(&id)) {
                Ok(()) => dropped.push(id),
                Err(e) => {
                    if matches!(
                        e,
                        RemoteError::Request {
                            unavailable: true,
                            ..
                        }
                    ) {
                        gave_up = Some(format!("removing {id} failed with: {}", error_chain(&e)));
                    }
                    report.failures.push(Failure {
                        file: id,
                        reason: format!("could not be removed: {}", error_chain(&e)),
                    });
                }
            }
        }
        match unrecord(remote, &dropped) {
            Ok(()) => report.removed = dropped.len(),
            Err(e) => report
                .failures
                .extend(dropped.into_iter().map(|id| Failure {
                    file: id,
                    reason: format!(
                        "its graph was removed but its record could not be: {}",
                        error_chain(&e)
                    ),
                })),
        }
    }
    Ok(report)
}

/// Copies the documents the server records into the store in `store_dir` (those the store
/// already holds with the same hash are left as they are). With `prune`, documents the store
/// holds that the server does not record are removed from the store, which then holds what
/// the server holds.
pub fn pull(
    remote: &Remote,
    store_dir: &Path,
    prune: bool,
    show_progress: bool,
) -> Result<PullReport, PipelineError> {
    let held = server_hashes(remote).map_err(PipelineError::from)?;
    // Nothing to do when the copy records every document as the server does: the store is
    // then not opened for writing at all (a served copy checks several times a second).
    if let Some(recorded) = CorpusStore::recorded_hashes(store_dir)? {
        let same = held.iter().all(|(id, h)| recorded.get(id) == Some(h));
        if same && (!prune || recorded.len() == held.len()) {
            return Ok(PullReport {
                unchanged: held.len(),
                ..PullReport::default()
            });
        }
    }
    let mut store = CorpusStore::open(store_dir)?;
    let mut report = PullReport::default();
    if prune {
        report.removed = store.retain_documents(|id| held.contains_key(id))?;
    }
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

/// Where a command finds the store: a folder, or a SPARQL 1.1 server.
pub enum StoreLocation {
    /// The store folder.
    Local(PathBuf),
    /// A server, worked on through a local copy of what it holds.
    Remote(RemoteStore),
}

/// A SPARQL 1.1 server as the store. Queries go to the server itself. Every other command
/// works on a local copy of the documents' graphs the server holds (the mirror): the copy is
/// first brought up to date with the server (only documents whose hash changed are read),
/// and a command that changes the store then sends the documents it changed back, each
/// document's named graph replaced in one request, and prunes the server as it pruned the copy.
pub struct RemoteStore {
    /// The client of the server.
    pub remote: Remote,
    /// The folder of the local copy.
    pub mirror: PathBuf,
}

impl StoreLocation {
    /// The folder commands work on: the store itself, or the mirror of the server brought up to
    /// date with it (documents the server no longer records are removed from the mirror).
    pub fn folder(&self, show_progress: bool) -> Result<PathBuf, PipelineError> {
        match self {
            StoreLocation::Local(dir) => Ok(dir.clone()),
            StoreLocation::Remote(r) => {
                pull(&r.remote, &r.mirror, true, show_progress)?;
                Ok(r.mirror.clone())
            }
        }
    }

    /// After a command changed the folder [`StoreLocation::folder`] gave: sends the changed
    /// documents to the server (with `prune`, removing those the folder no longer holds).
    /// `None` for a local store, which has nothing to send.
    pub fn publish(
        &self,
        prune: bool,
        show_progress: bool,
    ) -> Result<Option<PushReport>, PipelineError> {
        match self {
            StoreLocation::Local(_) => Ok(None),
            StoreLocation::Remote(r) => push(&r.mirror, &r.remote, prune, show_progress).map(Some),
        }
    }
}

/// The default folder of the mirror of the server whose query endpoint is `url`: under the
/// user's cache folder (`$XDG_CACHE_HOME`, else `~/.cache`, else the system's temporary
/// folder), named after the URL.
pub fn default_mirror(url: &str) -> PathBuf {
    let base = std::env::var_os("XDG_CACHE_HOME")
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
        .or_else(|| {
            std::env::var_os("HOME")
                .filter(|v| !v.is_empty())
                .map(|h| PathBuf::from(h).join(".cache"))
        })
        .unwrap_or_else(std::env::temp_dir);
    base.join("corridor").join("mirrors").join(mirror_name(url))
}

/// A folder name for the server at `url`: its scheme dropped, every character but ASCII
/// letters, digits, `.` and `-` made `_`.
fn mirror_name(url: &str) -> String {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    rest.trim_end_matches('/')
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '.' || c == '-' {
                c
            } else {
                '_'
            }
        })
        .collect()
}

/// `corridor serve` of a server: serves its mirror, brought up to date with the server first
/// and then every `refresh` (the server reloads the mirror when it changes). The mirror is
/// served read-only: updates belong on the server itself.
pub fn serve(
    store: &RemoteStore,
    mut opts: crate::server::ServeOptions,
    refresh: std::time::Duration,
) -> Result<(), PipelineError> {
    if opts.writable {
        return Err(PipelineError::Usage(
            "serve --writable needs a store folder: send updates to the SPARQL server itself"
                .into(),
        ));
    }
    pull(&store.remote, &store.mirror, true, false)?;
    opts.store = store.mirror.clone();
    let mirror = store.mirror.clone();
    let remote = store.remote.clone();
    // The copy is written here and read again by the server in this same process: never both
    // at once (with RocksDB, opening a database while it is being written may fail).
    let writers = opts.writers.clone();
    std::thread::spawn(move || {
        loop {
            std::thread::sleep(refresh);
            let pulled = {
                let _writing = writers.lock().unwrap_or_else(|e| e.into_inner());
                pull(&remote, &mirror, true, false)
            };
            if let Err(e) = pulled {
                eprintln!(
                    "could not bring the copy of {} up to date (serving the last one): {}",
                    remote.endpoints().query,
                    error_chain(&e)
                );
            }
        }
    });
    crate::server::serve(opts).map_err(PipelineError::from)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mirror_folders_are_named_after_the_url() {
        assert_eq!(
            mirror_name("http://127.0.0.1:8890/sparql"),
            "127.0.0.1_8890_sparql"
        );
        assert_eq!(
            mirror_name("https://db.example.org/ds/query?x=1/"),
            "db.example.org_ds_query_x_1"
        );
        assert!(default_mirror("http://h/sparql").ends_with("corridor/mirrors/h_sparql"));
    }
}
