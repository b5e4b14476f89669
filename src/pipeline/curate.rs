//! The curation commands on top of the store: which curation file a command applies, what the
//! store records of it, which decisions its documents' graphs record as applied, and the
//! statements an edge id of the exports stands for.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::{IngestReport, Knowledge, PipelineError};
use crate::curation::{Curation, Stale};
use crate::model::{ID_NS, ONTOLOGY_NS, RelationKind, source_iri};
use crate::store::CorpusStore;

/// The copy of the curation file a store keeps: the decisions its graphs were curated with,
/// which `ingest` applies to the documents it adds when given no file.
pub const RECORDED: &str = "curation.toml";

/// Where a command's decisions come from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CurationSource {
    /// None: the graph as the rules found it.
    Off,
    /// This file (it must exist).
    File(PathBuf),
    /// `curation.toml` beside the corpus, when there is one.
    BesideCorpus(PathBuf),
    /// The copy the store keeps, when it has one.
    Store(PathBuf),
}

impl CurationSource {
    /// Reads the decisions.
    pub fn load(&self) -> Result<Arc<Curation>, PipelineError> {
        let read = |path: &Path| Curation::load(path);
        Ok(Arc::new(match self {
            CurationSource::Off => Curation::empty(),
            CurationSource::File(path) => read(path)?,
            CurationSource::BesideCorpus(corpus) => {
                let path = crate::curation::beside(corpus);
                if path.is_file() {
                    read(&path)?
                } else {
                    Curation::empty()
                }
            }
            CurationSource::Store(dir) => {
                let path = dir.join(RECORDED);
                if path.is_file() {
                    read(&path)?
                } else {
                    Curation::empty()
                }
            }
        }))
    }
}

/// Records in the store folder the curation its graphs now carry (removing the copy when
/// there is none).
pub fn record(store_dir: &Path, curation: &Curation) -> Result<(), PipelineError> {
    let path = store_dir.join(RECORDED);
    let result = if curation.is_empty() {
        match std::fs::remove_file(&path) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(e),
            _ => Ok(()),
        }
    } else {
        let tmp = store_dir.join("curation.toml.tmp");
        std::fs::write(&tmp, curation.text()).and_then(|()| std::fs::rename(&tmp, &path))
    };
    result.map_err(|source| PipelineError::Write { path, source })
}

/// The IRIs of the decisions the store's document graphs record as applied
/// (`<source> cor:curatedBy <decision>`).
pub fn applied_decisions(store: &CorpusStore) -> Result<BTreeSet<String>, PipelineError> {
    let predicate = format!(" <{ONTOLOGY_NS}curatedBy> <{ID_NS}curation/");
    let subject = format!("<{}", source_iri(""));
    let mut out = BTreeSet::new();
    let ids: Vec<String> = store.document_ids().map(str::to_string).collect();
    for id in ids {
        let graph = store.encoded_graph(&id, false)?;
        let text = String::from_utf8_lossy(&graph.nquads);
        for line in text.lines() {
            if !line.starts_with(&subject) {
                continue;
            }
            if let Some(at) = line.find(&predicate) {
                // The decision's IRI starts after the predicate's closing `> <`.
                let rest = &line[at + predicate.len() - ID_NS.len() - "curation/".len()..];
                if let Some(end) = rest.find('>') {
                    out.insert(rest[..end].to_string());
                }
            }
        }
    }
    Ok(out)
}

/// The decisions of `curation` that no document of the store applies.
pub fn stale(store: &CorpusStore, curation: &Curation) -> Result<Vec<Stale>, PipelineError> {
    if curation.is_empty() {
        return Ok(Vec::new());
    }
    Ok(curation.stale(&applied_decisions(store)?))
}

/// `corridor curate check`: brings the store up to date with the corpus and its decisions
/// (as `build` does, without writing exports) and gives the decisions that match nothing.
pub fn check(
    corpus: &Path,
    store_dir: &Path,
    knowledge: &Knowledge,
    progress: bool,
) -> Result<(IngestReport, Vec<Stale>), PipelineError> {
    let corpus = crate::ingest::Corpus::open(corpus)?;
    let mut store = CorpusStore::open(store_dir)?;
    let report = super::ingest_corpus(&corpus, &mut store, knowledge, true, progress)?;
    record(store_dir, &knowledge.curation)?;
    let stale = stale(&store, &knowledge.curation)?;
    Ok((report, stale))
}

/// The (subject, relation, object) of the edge an export names `eN` (its place in the
/// graph's edge order, counted over the whole graph as `export` writes it).
pub fn edge_statement(
    store_dir: &Path,
    edge: &str,
) -> Result<(String, RelationKind, String), PipelineError> {
    let n: usize = edge
        .strip_prefix('e')
        .and_then(|n| n.parse().ok())
        .filter(|n| *n > 0)
        .ok_or_else(|| {
            PipelineError::Usage(format!(
                "`{edge}` is no edge id: write e and its number, as e12"
            ))
        })?;
    let store = CorpusStore::open_read_only(store_dir)?;
    let kg = super::knowledge_graph(&store, false)?;
    let e = kg.edges_in_order().nth(n - 1).ok_or_else(|| {
        PipelineError::Usage(format!(
            "the graph of {} has no edge {edge} (it has {})",
            store_dir.display(),
            kg.stated_edges().count()
        ))
    })?;
    Ok((e.subject.clone(), e.kind, e.object.clone()))
}

/// Writes one decision into the curation file at `file` (created when missing) and gives
/// the file's decisions as they now stand; the decision is checked with the whole file before
/// a byte is written.
pub fn decide(
    file: &Path,
    action: &crate::curation::Action,
    why: &str,
    by: Option<&str>,
    date: Option<&str>,
) -> Result<Arc<Curation>, PipelineError> {
    let (table, fields) = crate::curation::edit::fields_of(action, why, by, date);
    Ok(Arc::new(crate::curation::edit::append(
        file, table, &fields,
    )?))
}

/// `corridor review`: the store's review queue, most deserving first (see [`crate::review`]).
pub fn review(store_dir: &Path) -> Result<Vec<crate::review::Item>, PipelineError> {
    let store = CorpusStore::open_read_only(store_dir)?;
    Ok(crate::review::store_queue(&store)?)
}

/// What a writable server's curation forms call after writing a decision: brings the store
/// up to date with the corpus and the file's decisions as [`check`] does.
pub fn server_update(
    corpus: PathBuf,
    store_dir: PathBuf,
    knowledge: Knowledge,
) -> crate::server::Update {
    Arc::new(move |curation| {
        let mut knowledge = knowledge.clone();
        knowledge.curation = curation;
        let (report, stale) =
            check(&corpus, &store_dir, &knowledge, false).map_err(|e| super::error_chain(&e))?;
        Ok(crate::server::Updated {
            documents: [
                report.ingested,
                report.unchanged,
                report.removed,
                report.failures.len(),
            ],
            stale: stale.iter().map(ToString::to_string).collect(),
        })
    })
}
