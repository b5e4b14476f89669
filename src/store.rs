//! The store: an Oxigraph dataset with one named graph per source document, kept on disk.
//!
//! By default the dataset lives in memory and is persisted in a store folder as one N-Quads file
//! per document graph (`graphs/<id>.nq`) and an index of document content hashes (`index.tsv`);
//! every file is replaced atomically (write, fsync, rename), so a failed or killed ingest leaves
//! each document either as it was or wholly new. With the `rocksdb` cargo feature the dataset is
//! Oxigraph's RocksDB store instead (`rocksdb/` in the same folder) and the index stays beside it.
//!
//! This module owns persistence and SPARQL evaluation; what the quads say is `rdf`'s concern.

use std::collections::BTreeMap;
use std::fs;
#[cfg(not(feature = "rocksdb"))]
use std::io::BufReader;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

#[cfg(not(feature = "rocksdb"))]
use oxigraph::io::{RdfFormat, RdfParser, RdfSerializer};
use oxigraph::model::{GraphNameRef, NamedNode, Quad};
use oxigraph::sparql::{QueryResults, SparqlEvaluator};
use oxigraph::store::Store;
#[cfg(not(feature = "rocksdb"))]
use rayon::prelude::*;

use crate::model::source_iri;

/// Why the store failed.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum StoreError {
    /// A file of the store could not be read or written.
    #[error("{path}")]
    Io {
        /// The file.
        path: PathBuf,
        /// The cause.
        source: std::io::Error,
    },
    /// There is no store in the folder.
    #[error("{0}: no store here (run `corridor build` or `corridor ingest` first)")]
    Missing(PathBuf),
    /// A file of the store is not what corridor wrote.
    #[error("{path}: {message}")]
    Corrupt {
        /// The file.
        path: PathBuf,
        /// What is wrong.
        message: String,
    },
    /// Oxigraph's storage failed.
    #[error("the store failed")]
    Storage(#[from] oxigraph::store::StorageError),
    /// The SPARQL query is malformed.
    #[error("SPARQL syntax error")]
    Syntax(#[from] oxigraph::sparql::SparqlSyntaxError),
    /// A graph IRI given to the query is not an IRI.
    #[error("`{iri}` is not a graph IRI: {message}")]
    BadGraph {
        /// What was given.
        iri: String,
        /// Why it is not an IRI.
        message: String,
    },
    /// The SPARQL update failed while running.
    #[error("the update failed")]
    Update(#[from] oxigraph::sparql::UpdateEvaluationError),
    /// The SPARQL query failed while running.
    #[error("the query failed")]
    Evaluation(#[from] oxigraph::sparql::QueryEvaluationError),
}

/// Default store folder.
pub const DEFAULT_DIR: &str = ".corridor/store";

const INDEX: &str = "index.tsv";
const GRAPHS: &str = "graphs";
const TEXTS: &str = "texts";
/// SPARQL updates accepted by a writable `serve`, applied again after every load.
const UPDATES: &str = "updates.ru";
/// Ends each update in the journal (a line no update text contains).
#[cfg(not(feature = "rocksdb"))]
const UPDATE_SEPARATOR: &str = "\n#--- end of update ---\n";

/// What a query runs on, and how it can be stopped.
#[derive(Clone, Default)]
pub struct QuerySpec {
    /// IRIs whose merge is the default graph (the protocol's `default-graph-uri`); when empty
    /// and the query names none, the default graph is the union of every document graph.
    pub default_graphs: Vec<String>,
    /// IRIs of the named graphs the query may see (the protocol's `named-graph-uri`).
    pub named_graphs: Vec<String>,
    /// Cancels the evaluation when cancelled (a time limit).
    pub cancel: Option<oxigraph::sparql::CancellationToken>,
}

/// The corpus store: the dataset and the index of what documents it holds.
pub struct CorpusStore {
    dir: PathBuf,
    store: Store,
    /// Document id → content hash of the text its graph was extracted from.
    index: BTreeMap<String, String>,
}

fn io_err(path: &Path) -> impl FnOnce(std::io::Error) -> StoreError + '_ {
    move |source| StoreError::Io {
        path: path.to_path_buf(),
        source,
    }
}

/// Writes `bytes` to `path` so that readers see the old file or the whole new one.
fn write_atomically(
    path: &Path,
    write: impl FnOnce(&mut BufWriter<&fs::File>) -> std::io::Result<()>,
) -> Result<(), StoreError> {
    let tmp = path.with_extension("tmp");
    let file = fs::File::create(&tmp).map_err(io_err(&tmp))?;
    {
        let mut w = BufWriter::new(&file);
        write(&mut w).map_err(io_err(&tmp))?;
        w.flush().map_err(io_err(&tmp))?;
    }
    file.sync_all().map_err(io_err(&tmp))?;
    fs::rename(&tmp, path).map_err(io_err(path))?;
    if let Some(parent) = path.parent()
        && let Ok(d) = fs::File::open(parent)
    {
        let _ = d.sync_all();
    }
    Ok(())
}

impl CorpusStore {
    /// Opens the store in `dir`, creating it when missing, and loads every document graph.
    pub fn open(dir: &Path) -> Result<CorpusStore, StoreError> {
        fs::create_dir_all(dir.join(GRAPHS)).map_err(io_err(dir))?;
        CorpusStore::load(dir, open_dataset(dir, false)?)
    }

    /// Opens an existing store for reading only (queries, exports, statistics); several readers
    /// may share a store, also beside a writer.
    pub fn open_read_only(dir: &Path) -> Result<CorpusStore, StoreError> {
        if !dir.join(INDEX).is_file() {
            return Err(StoreError::Missing(dir.to_path_buf()));
        }
        CorpusStore::load(dir, open_dataset(dir, true)?)
    }

    /// Reads the index and, for the in-memory dataset, the document graphs and the updates
    /// accepted since.
    fn load(dir: &Path, store: Store) -> Result<CorpusStore, StoreError> {
        let s = CorpusStore {
            dir: dir.to_path_buf(),
            store,
            index: read_index(&dir.join(INDEX))?,
        };
        #[cfg(not(feature = "rocksdb"))]
        {
            s.load_graph_files()?;
            s.replay_updates()?;
        }
        Ok(s)
    }

    /// Applies the journal of accepted updates (one update per record, in order).
    #[cfg(not(feature = "rocksdb"))]
    fn replay_updates(&self) -> Result<(), StoreError> {
        let path = self.dir.join(UPDATES);
        let text = match fs::read_to_string(&path) {
            Ok(t) => t,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
            Err(e) => return Err(io_err(&path)(e)),
        };
        for (n, record) in text.split(UPDATE_SEPARATOR).enumerate() {
            if record.trim().is_empty() {
                continue;
            }
            self.store.update(record).map_err(|e| StoreError::Corrupt {
                path: path.clone(),
                message: format!("update {}: {e}", n + 1),
            })?;
        }
        Ok(())
    }

    /// The store's folder.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// When the store's content last changed on disk (its index or its journal of updates), to
    /// notice that another process ingested documents.
    pub fn changed_at(dir: &Path) -> Option<std::time::SystemTime> {
        [INDEX, UPDATES]
            .iter()
            .filter_map(|f| fs::metadata(dir.join(f)).and_then(|m| m.modified()).ok())
            .max()
    }

    /// Runs a SPARQL update and records it, so that it survives a restart (the journal
    /// `updates.ru`, applied again on top of the document graphs at every load; with RocksDB the
    /// dataset keeps it itself).
    pub fn update(&self, sparql: &str) -> Result<(), StoreError> {
        let update = SparqlEvaluator::new().parse_update(sparql)?;
        update.on_store(&self.store).execute()?;
        #[cfg(not(feature = "rocksdb"))]
        {
            let path = self.dir.join(UPDATES);
            let mut file = fs::OpenOptions::new()
                .create(true)
                .append(true)
                .open(&path)
                .map_err(io_err(&path))?;
            write!(file, "{sparql}{UPDATE_SEPARATOR}").map_err(io_err(&path))?;
            file.sync_all().map_err(io_err(&path))?;
        }
        Ok(())
    }

    /// Saves the text a document's graph was extracted from, as the entity browser shows it.
    pub fn write_text(
        &self,
        id: &str,
        view: &crate::model::DocumentView,
    ) -> Result<(), StoreError> {
        let dir = self.dir.join(TEXTS);
        fs::create_dir_all(&dir).map_err(io_err(&dir))?;
        write_atomically(&dir.join(format!("{id}.json")), |w| {
            serde_json::to_writer(&mut *w, view).map_err(std::io::Error::other)
        })
    }

    /// The text of a document as saved at ingest, if the store has it.
    pub fn document_text(
        &self,
        id: &str,
    ) -> Result<Option<crate::model::DocumentView>, StoreError> {
        let path = self.dir.join(TEXTS).join(format!("{id}.json"));
        let bytes = match fs::read(&path) {
            Ok(b) => b,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(e) => return Err(io_err(&path)(e)),
        };
        serde_json::from_slice(&bytes)
            .map(Some)
            .map_err(|e| StoreError::Corrupt {
                path,
                message: e.to_string(),
            })
    }

    #[cfg(not(feature = "rocksdb"))]
    fn load_graph_files(&self) -> Result<(), StoreError> {
        let loaded: Vec<Result<Vec<Quad>, StoreError>> = self
            .index
            .keys()
            .collect::<Vec<_>>()
            .par_iter()
            .map(|id| read_nquads(&self.graph_file(id)))
            .collect();
        for quads in loaded {
            self.store.extend(quads?)?;
        }
        Ok(())
    }

    fn graph_file(&self, id: &str) -> PathBuf {
        self.dir.join(GRAPHS).join(format!("{id}.nq"))
    }

    /// The content hash recorded for a document, if the store holds it.
    pub fn document_hash(&self, id: &str) -> Option<&str> {
        self.index.get(id).map(String::as_str)
    }

    /// Ids of the documents the store holds, sorted.
    pub fn document_ids(&self) -> impl Iterator<Item = &str> {
        self.index.keys().map(String::as_str)
    }

    /// Replaces a document's named graph with `quads` (all in that graph) and records its hash.
    pub fn replace_document(
        &mut self,
        id: &str,
        hash: &str,
        quads: &[Quad],
    ) -> Result<(), StoreError> {
        let graph = NamedNode::new_unchecked(source_iri(id));
        #[cfg(not(feature = "rocksdb"))]
        write_atomically(&self.graph_file(id), |w| {
            let mut ser = RdfSerializer::from_format(RdfFormat::NQuads).for_writer(w);
            for q in quads {
                ser.serialize_quad(q)?;
            }
            ser.finish().map(|_| ())
        })?;
        let mut t = self.store.start_transaction()?;
        t.clear_graph(graph.as_ref())?;
        t.extend(quads.iter());
        t.commit()?;
        self.index.insert(id.to_string(), hash.to_string());
        self.write_index()
    }

    /// Removes a document and its graph.
    pub fn remove_document(&mut self, id: &str) -> Result<(), StoreError> {
        let graph = NamedNode::new_unchecked(source_iri(id));
        self.store.remove_named_graph(graph.as_ref())?;
        self.index.remove(id);
        self.write_index()?;
        for file in [
            self.graph_file(id),
            self.dir.join(TEXTS).join(format!("{id}.json")),
        ] {
            if file.exists() {
                fs::remove_file(&file).map_err(io_err(&file))?;
            }
        }
        Ok(())
    }

    fn write_index(&self) -> Result<(), StoreError> {
        write_atomically(&self.dir.join(INDEX), |w| {
            writeln!(w, "# corridor store index: document id, content hash")?;
            for (id, hash) in &self.index {
                writeln!(w, "{id}\t{hash}")?;
            }
            Ok(())
        })
    }

    /// Every quad of every graph, in the dataset's own order (for readers that do not care).
    pub fn quads_unsorted(&self) -> Result<Vec<Quad>, StoreError> {
        self.store
            .iter()
            .map(|q| q.map_err(StoreError::from))
            .collect()
    }

    /// Every quad of every document graph, sorted.
    pub fn quads(&self) -> Result<Vec<Quad>, StoreError> {
        let mut all = self.quads_unsorted()?;
        all.sort_by_cached_key(|q| q.to_string());
        Ok(all)
    }

    /// The quads of one document's graph.
    pub fn document_quads(&self, id: &str) -> Result<Vec<Quad>, StoreError> {
        let graph = NamedNode::new_unchecked(source_iri(id));
        let mut out = Vec::new();
        for q in self.store.quads_for_pattern(
            None,
            None,
            None,
            Some(GraphNameRef::NamedNode(graph.as_ref())),
        ) {
            out.push(q?);
        }
        Ok(out)
    }

    /// Runs a SPARQL query; the default graph is the union of all document graphs.
    pub fn query(&self, sparql: &str) -> Result<QueryResults<'static>, StoreError> {
        self.query_with(sparql, &QuerySpec::default())
    }

    /// Runs a SPARQL query on the dataset `spec` describes (the protocol's graph parameters
    /// replace the query's FROM and FROM NAMED), stoppable by its cancellation token.
    pub fn query_with(
        &self,
        sparql: &str,
        spec: &QuerySpec,
    ) -> Result<QueryResults<'static>, StoreError> {
        let mut evaluator = SparqlEvaluator::new();
        if let Some(token) = &spec.cancel {
            evaluator = evaluator.with_cancellation_token(token.clone());
        }
        let mut prepared = evaluator.parse_query(sparql)?;
        let named = |iris: &[String]| -> Result<Vec<NamedNode>, StoreError> {
            iris.iter()
                .map(|i| {
                    NamedNode::new(i.as_str()).map_err(|e| StoreError::BadGraph {
                        iri: i.clone(),
                        message: e.to_string(),
                    })
                })
                .collect()
        };
        if !spec.default_graphs.is_empty() || !spec.named_graphs.is_empty() {
            let dataset = prepared.dataset_mut();
            let defaults = named(&spec.default_graphs)?;
            dataset.set_default_graph(defaults.into_iter().map(Into::into).collect());
            let names = named(&spec.named_graphs)?;
            dataset.set_available_named_graphs(names.into_iter().map(Into::into).collect());
            if spec.default_graphs.is_empty() {
                dataset.set_default_graph_as_union();
            }
        } else if prepared.dataset().is_default_dataset() {
            // A query without FROM sees every document graph; FROM and FROM NAMED keep theirs.
            prepared.dataset_mut().set_default_graph_as_union();
        }
        Ok(prepared.on_store(&self.store).execute()?)
    }

    /// Whether the dataset has a named graph of that IRI.
    pub fn has_graph(&self, iri: &str) -> Result<bool, StoreError> {
        let Ok(node) = NamedNode::new(iri) else {
            return Ok(false);
        };
        Ok(self.store.contains_named_graph(node.as_ref())?)
    }

    /// The triples of one named graph, or of the union of all graphs with `None`, sorted.
    pub fn graph_triples(
        &self,
        iri: Option<&str>,
    ) -> Result<Vec<oxigraph::model::Triple>, StoreError> {
        let node = iri.map(NamedNode::new_unchecked);
        let mut out: Vec<oxigraph::model::Triple> = Vec::new();
        let graph = node.as_ref().map(|n| GraphNameRef::NamedNode(n.as_ref()));
        for q in self.store.quads_for_pattern(None, None, None, graph) {
            out.push(q?.into());
        }
        out.sort_by_cached_key(|t| t.to_string());
        out.dedup();
        Ok(out)
    }

    /// Number of quads in the store.
    pub fn len(&self) -> Result<usize, StoreError> {
        Ok(self.store.len()?)
    }

    /// Whether the store holds nothing.
    pub fn is_empty(&self) -> Result<bool, StoreError> {
        Ok(self.store.is_empty()?)
    }

    /// The name of a document's graph.
    pub fn graph_name(id: &str) -> NamedNode {
        NamedNode::new_unchecked(source_iri(id))
    }

    /// Every quad whose predicate is `predicate`, in any document graph.
    pub fn quads_with_predicate(&self, predicate: &str) -> Result<Vec<Quad>, StoreError> {
        let p = NamedNode::new_unchecked(predicate);
        let mut out = Vec::new();
        for q in self
            .store
            .quads_for_pattern(None, Some(p.as_ref()), None, None)
        {
            out.push(q?);
        }
        Ok(out)
    }
}

#[cfg(not(feature = "rocksdb"))]
fn open_dataset(_dir: &Path, _read_only: bool) -> Result<Store, StoreError> {
    Ok(Store::new()?)
}

#[cfg(feature = "rocksdb")]
fn open_dataset(dir: &Path, read_only: bool) -> Result<Store, StoreError> {
    let path = dir.join("rocksdb");
    Ok(if read_only {
        Store::open_read_only(path)?
    } else {
        Store::open(path)?
    })
}

fn read_index(path: &Path) -> Result<BTreeMap<String, String>, StoreError> {
    let mut index = BTreeMap::new();
    let text = match fs::read_to_string(path) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(index),
        Err(e) => {
            return Err(StoreError::Io {
                path: path.to_path_buf(),
                source: e,
            });
        }
    };
    for (n, line) in text.lines().enumerate() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let Some((id, hash)) = line.split_once('\t') else {
            return Err(StoreError::Corrupt {
                path: path.to_path_buf(),
                message: format!("line {}: expected `id<TAB>hash`", n + 1),
            });
        };
        index.insert(id.to_string(), hash.to_string());
    }
    Ok(index)
}

#[cfg(not(feature = "rocksdb"))]
fn read_nquads(path: &Path) -> Result<Vec<Quad>, StoreError> {
    let file = fs::File::open(path).map_err(io_err(path))?;
    RdfParser::from_format(RdfFormat::NQuads)
        .for_reader(BufReader::new(file))
        .map(|q| {
            q.map_err(|e| StoreError::Corrupt {
                path: path.to_path_buf(),
                message: e.to_string(),
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use oxigraph::model::{GraphName, Literal};

    fn quad(doc: &str, label: &str) -> Quad {
        let s = NamedNode::new_unchecked("https://w3id.org/corridor/id/person/a");
        let p = NamedNode::new_unchecked("http://www.w3.org/2000/01/rdf-schema#label");
        Quad::new(
            s,
            p,
            Literal::new_simple_literal(label),
            GraphName::NamedNode(CorpusStore::graph_name(doc)),
        )
    }

    #[test]
    fn documents_persist_and_replace_their_graph() {
        let dir = tempfile::tempdir().unwrap();
        {
            let mut s = CorpusStore::open(dir.path()).unwrap();
            s.replace_document("d1", "h1", &[quad("d1", "old")])
                .unwrap();
            s.replace_document("d2", "h2", &[quad("d2", "other")])
                .unwrap();
            s.replace_document("d1", "h1b", &[quad("d1", "new")])
                .unwrap();
        }
        let s = CorpusStore::open(dir.path()).unwrap();
        assert_eq!(s.document_hash("d1"), Some("h1b"));
        assert_eq!(s.len().unwrap(), 2);
        assert_eq!(s.document_quads("d1").unwrap(), vec![quad("d1", "new")]);
    }

    #[test]
    fn queries_see_the_union_of_graphs_by_default() {
        let dir = tempfile::tempdir().unwrap();
        let mut s = CorpusStore::open(dir.path()).unwrap();
        s.replace_document("d1", "h", &[quad("d1", "x")]).unwrap();
        s.replace_document("d2", "h", &[quad("d2", "y")]).unwrap();
        let QueryResults::Solutions(sol) = s.query("SELECT ?l WHERE { ?s ?p ?l }").unwrap() else {
            panic!()
        };
        assert_eq!(sol.count(), 2);
        let QueryResults::Solutions(sol) = s
            .query("SELECT ?g WHERE { GRAPH ?g { ?s ?p ?l } }")
            .unwrap()
        else {
            panic!()
        };
        assert_eq!(sol.count(), 2);
    }

    #[test]
    fn reading_a_missing_store_says_so() {
        let dir = tempfile::tempdir().unwrap();
        let err = CorpusStore::open_read_only(&dir.path().join("none"))
            .err()
            .unwrap()
            .to_string();
        assert!(err.contains("no store here"), "{err}");
    }

    #[test]
    fn a_corrupt_index_is_reported_with_its_path() {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join(INDEX), "no tab here\n").unwrap();
        let err = CorpusStore::open(dir.path()).err().unwrap().to_string();
        assert!(err.contains(INDEX), "{err}");
    }

    #[test]
    fn removing_a_document_drops_its_graph_and_file() {
        let dir = tempfile::tempdir().unwrap();
        let mut s = CorpusStore::open(dir.path()).unwrap();
        s.replace_document("d1", "h", &[quad("d1", "x")]).unwrap();
        s.remove_document("d1").unwrap();
        assert!(s.is_empty().unwrap());
        assert!(!dir.path().join(GRAPHS).join("d1.nq").exists());
    }
}
