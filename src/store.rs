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
    /// The SPARQL query failed while running.
    #[error("the query failed")]
    Evaluation(#[from] oxigraph::sparql::QueryEvaluationError),
}

/// Default store folder.
pub const DEFAULT_DIR: &str = ".corridor/store";

const INDEX: &str = "index.tsv";
const GRAPHS: &str = "graphs";

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

    /// Reads the index and, for the in-memory dataset, the document graphs.
    fn load(dir: &Path, store: Store) -> Result<CorpusStore, StoreError> {
        let s = CorpusStore {
            dir: dir.to_path_buf(),
            store,
            index: read_index(&dir.join(INDEX))?,
        };
        #[cfg(not(feature = "rocksdb"))]
        s.load_graph_files()?;
        Ok(s)
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
        let file = self.graph_file(id);
        if file.exists() {
            fs::remove_file(&file).map_err(io_err(&file))?;
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

    /// Every quad of every document graph, sorted.
    pub fn quads(&self) -> Result<Vec<Quad>, StoreError> {
        let mut all = Vec::new();
        for q in self.store.iter() {
            all.push(q?);
        }
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
        let mut prepared = SparqlEvaluator::new().parse_query(sparql)?;
        // A query without FROM sees every document graph; FROM and FROM NAMED keep their meaning.
        if prepared.dataset().is_default_dataset() {
            prepared.dataset_mut().set_default_graph_as_union();
        }
        Ok(prepared.on_store(&self.store).execute()?)
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
