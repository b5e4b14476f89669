//! The store: an Oxigraph dataset with one named graph per source document, kept on disk.
//!
//! By default the store folder holds one N-Quads file per document graph and version
//! (`graphs/<id>.<version>.nq`, the version a digest of the document's content hash) and an index
//! of the documents' content hashes (`index.tsv`). A new version of a document is written beside
//! the old one, and the index, replaced atomically (write, fsync, rename), is what makes it the
//! document's graph; the superseded files are deleted after. So a failed, killed or full-disk
//! ingest leaves the store as it was or with some documents wholly new, never a document half
//! written, and files no index names (left by a killed ingest) are swept when a writer next opens
//! the store. A writer holds the folder's `lock` file, so a second writer is refused at once
//! with a message naming the first; readers (queries, exports, `serve`) take no lock. Ingests and exports work on the files; the in-memory dataset that answers SPARQL is
//! loaded from them only when a query first needs it, so re-ingesting one document costs the
//! same in a store of any size. With the `rocksdb` cargo feature the dataset is
//! Oxigraph's RocksDB store instead (`rocksdb/` in the same folder) and the index stays beside it.
//!
//! This module owns persistence and SPARQL evaluation; what the quads say is `rdf`'s concern.

use std::collections::BTreeMap;
use std::fs;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

#[cfg(not(feature = "rocksdb"))]
use oxigraph::io::{RdfFormat, RdfParser};
use oxigraph::model::{GraphNameRef, NamedNode, Quad};
use oxigraph::sparql::{QueryResults, SparqlEvaluator};
use oxigraph::store::Store;
use rayon::prelude::*;

use crate::model::{KnowledgeGraph, source_iri};

/// How many document graphs [`CorpusStore::stream_graphs`] reads side by side.
pub const GRAPH_CHUNK: usize = 32;

#[cfg(not(feature = "rocksdb"))]
mod journal;

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
    /// The SPARQL request goes past the limits every request is held to.
    #[error(transparent)]
    Limit(#[from] crate::sparql_guard::LimitError),
    /// The SPARQL request asks for something the store does not do.
    #[error("not supported: {0}")]
    Unsupported(String),
    /// The SPARQL update failed while running.
    #[error("the update failed")]
    Update(#[from] oxigraph::sparql::UpdateEvaluationError),
    /// The SPARQL query failed while running.
    #[error("the query failed")]
    Evaluation(#[from] oxigraph::sparql::QueryEvaluationError),
    /// Another process holds the store open for writing.
    #[error(
        "{}: the store is in use by another corridor process ({holder}); try again when it has finished",
        dir.display()
    )]
    Locked {
        /// The store folder.
        dir: PathBuf,
        /// Who holds it, as its lock file says (process id and command).
        holder: String,
    },
}

/// Default store folder.
pub const DEFAULT_DIR: &str = ".corridor/store";

const INDEX: &str = "index.tsv";
const GRAPHS: &str = "graphs";
const TEXTS: &str = "texts";
/// The ending of the graph files written now: N-Quads compressed with zstd (`.nq` files of
/// stores written before are read as they are).
const GRAPH_ENDING: &str = "nq.zst";
/// The ending of the saved texts written now: JSON compressed with zstd (`.json` as before).
const TEXT_ENDING: &str = "json.zst";
/// The zstd level of the store's files: the fastest, as ingest is short of CPU time, not disk.
const ZSTD_LEVEL: i32 = 1;
/// The lock file a writer holds (see [`CorpusStore::open`]).
const LOCK: &str = "lock";
/// SPARQL updates accepted by a writable `serve`, applied again after every load.
const UPDATES: &str = "updates.ru";

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
    /// The dataset, loaded when first needed (with RocksDB, opened at once).
    store: std::sync::OnceLock<Store>,
    /// Document id → what the index records of it.
    index: BTreeMap<String, IndexEntry>,
    /// Whether the index predates the named-text column, so named texts are read from the
    /// graphs instead.
    index_lacks_names: bool,
    /// The merge of every document graph, each triple once, in a store of its own, while no
    /// update has been accepted: queries that name no graph read it (see
    /// [`CorpusStore::dataset`]).
    merged: std::sync::RwLock<Option<Store>>,
    /// The lock a writer holds while the store is open (none when read only).
    _lock: Option<StoreLock>,
}

/// An exclusive lock on a store folder's `lock` file, held by the one process that writes the
/// store and released when it ends, however it ends (the system drops the lock of a killed
/// process, so no stale lock is left behind).
///
/// The lock belongs to the open file, not to the descriptor: a child forked while it is held
/// (the server forks one per expensive query) shares it, and merely closing the parent's
/// descriptor would leave the store locked until that child ends. Dropping the lock therefore
/// unlocks explicitly, which releases it for every copy of the descriptor at once.
struct StoreLock {
    file: fs::File,
}

impl Drop for StoreLock {
    fn drop(&mut self) {
        // Nothing to do on failure: closing the file still releases what this process holds.
        let _ = self.file.unlock();
    }
}

impl StoreLock {
    /// Takes the lock of `dir` at once, or says who holds it.
    fn take(dir: &Path) -> Result<StoreLock, StoreError> {
        let path = dir.join(LOCK);
        let mut file = fs::OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .open(&path)
            .map_err(io_err(&path))?;
        if !try_lock(&file).map_err(io_err(&path))? {
            let holder = fs::read_to_string(&path).unwrap_or_default();
            let holder = holder.trim();
            return Err(StoreError::Locked {
                dir: dir.to_path_buf(),
                holder: if holder.is_empty() {
                    "process unknown".to_string()
                } else {
                    holder.to_string()
                },
            });
        }
        // Who holds it, for the message a second writer gets.
        let command: Vec<String> = std::env::args().collect();
        let who = format!("pid {}: {}", std::process::id(), command.join(" "));
        use std::io::Seek;
        let _ = file
            .set_len(0)
            .and_then(|()| file.seek(std::io::SeekFrom::Start(0)))
            .and_then(|_| file.write_all(who.as_bytes()));
        Ok(StoreLock { file })
    }
}

/// Takes an exclusive lock on `file` without waiting (flock on Unix): false when another
/// process holds it.
fn try_lock(file: &fs::File) -> std::io::Result<bool> {
    match file.try_lock() {
        Ok(()) => Ok(true),
        Err(fs::TryLockError::WouldBlock) => Ok(false),
        Err(fs::TryLockError::Error(e)) => Err(e),
    }
}

/// Whether a query may read a named graph (GRAPH) or cannot be read here, so it must run on
/// the document graphs rather than the merged default graph. Read from the query's algebra
/// as text: a `(graph` inside a string only sends the query the slower way.
fn names_graphs(query: Option<&spargebra::Query>) -> bool {
    query.is_none_or(|q| q.to_sse().contains("(graph "))
}

/// What the index records of a document.
#[derive(Debug, Clone, PartialEq, Eq)]
struct IndexEntry {
    /// Content hash of the text its graph was extracted from (with the knowledge fingerprint).
    hash: String,
    /// The named text the document is (its entity id and title), if it is one.
    named: Option<(String, String)>,
}

/// One document's graph, encoded for the store (done in parallel before the store commits it).
#[derive(Debug, Clone)]
pub struct EncodedGraph {
    /// The document id.
    pub id: String,
    /// Its content hash, as the index records it.
    pub hash: String,
    /// The graph's quads, sorted.
    pub quads: Vec<Quad>,
    /// The same quads as N-Quads text (what `graphs/<id>.nq` holds).
    pub nquads: Vec<u8>,
    /// The named text the document is (its entity id and title), if it is one.
    pub named: Option<(String, String)>,
}

impl EncodedGraph {
    /// Encodes a document's quads (all in its graph, sorted as `rdf::to_quads` writes them).
    pub fn new(id: &str, hash: &str, quads: Vec<Quad>) -> EncodedGraph {
        // N-Quads: the quad's canonical form and a terminating dot, one per line.
        let lines = quads.into_iter().map(|q| (q.to_string(), q)).collect();
        EncodedGraph::from_lines(id, hash, lines)
    }

    /// [`EncodedGraph::new`] from quads with their N-Quads lines, as `rdf::to_quad_lines`
    /// gives them: the lines are not formatted again.
    pub fn from_lines(id: &str, hash: &str, lines: Vec<(String, Quad)>) -> EncodedGraph {
        let mut nquads = Vec::with_capacity(lines.iter().map(|(l, _)| l.len() + 3).sum());
        let mut quads = Vec::with_capacity(lines.len());
        for (line, q) in lines {
            nquads.extend_from_slice(line.as_bytes());
            nquads.extend_from_slice(b" .\n");
            quads.push(q);
        }
        let named = crate::rdf::named_texts(&quads).into_iter().next();
        EncodedGraph {
            id: id.to_string(),
            hash: hash.to_string(),
            quads,
            nquads,
            named,
        }
    }
}

fn io_err(path: &Path) -> impl FnOnce(std::io::Error) -> StoreError + '_ {
    move |source| StoreError::Io {
        path: path.to_path_buf(),
        source,
    }
}

/// The file name of one version of a document: `<id>.<version>.<ending>`, the version being 16
/// hex digits of the SHA-256 of its content hash.
fn versioned(id: &str, hash: &str, ending: &str) -> String {
    use sha2::Digest;
    let digest = sha2::Sha256::digest(hash.as_bytes());
    let version: String = digest[..8].iter().map(|b| format!("{b:02x}")).collect();
    format!("{id}.{version}.{ending}")
}

/// Writes `bytes` to `path` so that readers see the old file or the whole new one; on failure
/// the partial file is removed.
fn write_atomically(
    path: &Path,
    write: impl FnOnce(&mut BufWriter<&fs::File>) -> std::io::Result<()>,
) -> Result<(), StoreError> {
    write_replacing(path, true, write)?;
    if let Some(parent) = path.parent()
        && let Ok(d) = fs::File::open(parent)
    {
        let _ = d.sync_all();
    }
    Ok(())
}

/// Writes a file as [`write_atomically`] does (readers see the old file or the whole new one)
/// but leaves it to [`sync_written`] to make it durable: the files of a chunk of documents are
/// made durable together, before the index names them.
fn write_unsynced(
    path: &Path,
    write: impl FnOnce(&mut BufWriter<&fs::File>) -> std::io::Result<()>,
) -> Result<(), StoreError> {
    write_replacing(path, false, write)
}

/// Writes `path` through a temporary file renamed over it (synced first, with `sync`); on
/// failure the temporary file is removed and the error names `path`.
fn write_replacing(
    path: &Path,
    sync: bool,
    write: impl FnOnce(&mut BufWriter<&fs::File>) -> std::io::Result<()>,
) -> Result<(), StoreError> {
    let tmp = path.with_extension("tmp");
    let file = fs::File::create(&tmp).map_err(io_err(&tmp))?;
    let written = (|| {
        let mut w = BufWriter::new(&file);
        write(&mut w)?;
        w.flush()?;
        drop(w);
        if sync { file.sync_all() } else { Ok(()) }
    })();
    if let Err(e) = written {
        let _ = fs::remove_file(&tmp);
        // The file being written is what the message names.
        return Err(io_err(path)(e));
    }
    if let Err(e) = fs::rename(&tmp, path) {
        let _ = fs::remove_file(&tmp);
        return Err(io_err(path)(e));
    }
    Ok(())
}

/// Makes the files `paths` (written by [`write_unsynced`]) and their folders durable: on Linux
/// by one `syncfs` of the store's file system (the paths are not looked at), elsewhere file by
/// file (those that exist).
fn sync_written(dir: &Path, paths: impl Iterator<Item = PathBuf>) -> Result<(), StoreError> {
    #[cfg(target_os = "linux")]
    {
        use std::os::fd::AsRawFd;
        let _ = paths;
        let d = fs::File::open(dir).map_err(io_err(dir))?;
        // SAFETY: syncfs only reads the descriptor, which `d` keeps open for the call.
        if unsafe { libc::syncfs(d.as_raw_fd()) } != 0 {
            return Err(io_err(dir)(std::io::Error::last_os_error()));
        }
        Ok(())
    }
    #[cfg(not(target_os = "linux"))]
    {
        for p in paths.filter(|p| p.exists()) {
            fs::File::open(&p)
                .and_then(|f| f.sync_all())
                .map_err(io_err(&p))?;
        }
        for folder in [GRAPHS, TEXTS] {
            if let Ok(d) = fs::File::open(dir.join(folder)) {
                let _ = d.sync_all();
            }
        }
        Ok(())
    }
}

/// The version of a store's content on disk ([`CorpusStore::version`]): only compared.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoreVersion {
    /// A digest of the index's bytes.
    index: Option<u64>,
    /// The journal's length and modification time.
    updates: Option<(u64, Option<std::time::SystemTime>)>,
}

impl CorpusStore {
    /// Opens the store in `dir`, creating it when missing, and loads every document graph.
    ///
    /// The writer holds the store's lock until the store is dropped; when another process
    /// holds it, this fails at once with [`StoreError::Locked`]. Files a killed writer left that
    /// the index does not name are deleted.
    pub fn open(dir: &Path) -> Result<CorpusStore, StoreError> {
        fs::create_dir_all(dir.join(GRAPHS)).map_err(io_err(dir))?;
        let lock = StoreLock::take(dir)?;
        let fresh = !dir.join(INDEX).is_file();
        let mut store = CorpusStore::load(dir, false)?;
        store._lock = Some(lock);
        store.sweep()?;
        if fresh {
            // An empty store is a store: it can be served, and filled by a push.
            store.write_index()?;
        }
        Ok(store)
    }

    /// The content hash the index of the store in `dir` records for each document, read without
    /// opening the store (no lock, no dataset); `None` when the folder holds no store yet.
    pub fn recorded_hashes(dir: &Path) -> Result<Option<BTreeMap<String, String>>, StoreError> {
        let path = dir.join(INDEX);
        if !path.is_file() {
            return Ok(None);
        }
        let (index, _) = read_index(&path)?;
        Ok(Some(
            index.into_iter().map(|(id, e)| (id, e.hash)).collect(),
        ))
    }

    /// Opens an existing store for reading only (queries, exports, statistics); several readers
    /// may share a store, also beside a writer.
    pub fn open_read_only(dir: &Path) -> Result<CorpusStore, StoreError> {
        if !dir.join(INDEX).is_file() {
            return Err(StoreError::Missing(dir.to_path_buf()));
        }
        CorpusStore::load(dir, true)
    }

    /// Reads the index; with RocksDB, opens the dataset too.
    fn load(dir: &Path, read_only: bool) -> Result<CorpusStore, StoreError> {
        let (index, index_lacks_names) = read_index(&dir.join(INDEX))?;
        let s = CorpusStore {
            dir: dir.to_path_buf(),
            store: std::sync::OnceLock::new(),
            index,
            index_lacks_names,
            merged: Default::default(),
            _lock: None,
        };
        #[cfg(not(feature = "rocksdb"))]
        let s = {
            let mut s = s;
            if s.index_lacks_names {
                s.read_names_from_graphs()?;
            }
            s
        };
        #[cfg(feature = "rocksdb")]
        let _ = s.store.set(open_dataset(dir, read_only)?);
        #[cfg(not(feature = "rocksdb"))]
        let _ = read_only;
        Ok(s)
    }

    /// Fills in which documents are named texts from their graph files, for an index written
    /// before it recorded them (read once; the index records them at its next write).
    #[cfg(not(feature = "rocksdb"))]
    fn read_names_from_graphs(&mut self) -> Result<(), StoreError> {
        let wanted = [
            format!("{}namedText>", crate::model::ONTOLOGY_NS),
            format!("{}title>", crate::rdf::DCT),
        ];
        let ids: Vec<String> = self.index.keys().cloned().collect();
        for id in ids {
            let path = self.graph_file(&id);
            let text = String::from_utf8(read_stored(&path)?).map_err(|e| StoreError::Corrupt {
                path: path.clone(),
                message: e.to_string(),
            })?;
            let lines: String = text
                .lines()
                .filter(|l| wanted.iter().any(|w| l.contains(w.as_str())))
                .map(|l| format!("{l}\n"))
                .collect();
            let quads = read_nquads_from(lines.as_bytes(), &path)?;
            if let Some(e) = self.index.get_mut(&id) {
                e.named = crate::rdf::named_texts(&quads).into_iter().next();
            }
        }
        self.index_lacks_names = false;
        Ok(())
    }

    /// The dataset that answers SPARQL: loaded from the graph files, with the accepted
    /// updates applied on top, the first time it is needed.
    ///
    /// Queries without FROM see the union of the document graphs. Evaluated as such, every
    /// pattern reads each graph that states a triple (an entity's label, in every document
    /// naming it) and removes the repeats, which grows with the corpus. So when no update has
    /// been accepted, queries that name no graph (no GRAPH, FROM or FROM NAMED) read a second
    /// store instead ([`CorpusStore::merged`]), whose default graph holds the triples of every
    /// document graph once each: the same triples, found through their own index. Each store is
    /// loaded only when a query needs it, so a server answering such queries alone holds only
    /// the merged one. (In one store, a
    /// subject's triples in every graph share one list, so even the merged triples would be
    /// found by walking an entity's repeats in every document.)
    fn dataset(&self) -> Result<&Store, StoreError> {
        if let Some(s) = self.store.get() {
            return Ok(s);
        }
        let store = Store::new()?;
        #[cfg(not(feature = "rocksdb"))]
        {
            self.load_graph_files(Some(&store), None)?;
            self.replay_updates(&store)?;
        }
        Ok(self.store.get_or_init(|| store))
    }

    /// The store of the merged default graph, loaded from the graph files alone the first time
    /// a query that names no graph needs it (the document graphs wait for a query that names
    /// one); none once updates were accepted on top of the files.
    fn merged(&self) -> Result<Option<Store>, StoreError> {
        #[cfg(not(feature = "rocksdb"))]
        if self.graphs_are_files() {
            let mut slot = self.merged_slot();
            if let Some(m) = slot.as_ref() {
                return Ok(Some(m.clone()));
            }
            let merged = Store::new()?;
            self.load_graph_files(None, Some(&merged))?;
            *slot = Some(merged.clone());
            return Ok(Some(merged));
        }
        Ok(None)
    }

    /// The merged store's slot (a poisoned lock only means a query panicked while reading it).
    fn merged_slot(&self) -> std::sync::RwLockWriteGuard<'_, Option<Store>> {
        self.merged.write().unwrap_or_else(|e| e.into_inner())
    }

    /// Whether the merged default graph is loaded (see [`CorpusStore::merged`]).
    fn is_merged(&self) -> bool {
        self.merged
            .read()
            .unwrap_or_else(|e| e.into_inner())
            .is_some()
    }

    /// Loads what queries read now rather than at the first query (a server does so before it
    /// answers): the merged graph when the store has one, else the dataset.
    pub fn load_dataset(&self) -> Result<(), StoreError> {
        // What most queries read: the merged graph when the store has one.
        if self.merged()?.is_some() {
            return Ok(());
        }
        self.dataset().map(|_| ())
    }

    /// Whether the store's documents are read from their graph files as they are: false when
    /// updates were accepted on top of them (or with RocksDB), so the dataset must be read.
    pub fn graphs_are_files(&self) -> bool {
        !cfg!(feature = "rocksdb") && !self.dir.join(UPDATES).is_file()
    }

    /// Applies the journal of accepted updates (one update per record, in order). A last
    /// record cut short is left out, with a warning on standard error.
    #[cfg(not(feature = "rocksdb"))]
    fn replay_updates(&self, store: &Store) -> Result<(), StoreError> {
        let path = self.dir.join(UPDATES);
        let records = journal::read(&path)?;
        if let Some(w) = records.torn {
            // Said where it is found, whichever command or server loads the store.
            eprintln!("warning: {w}");
        }
        for (n, record) in records.updates.iter().enumerate() {
            store
                .update(record.as_str())
                .map_err(|e| StoreError::Corrupt {
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

    /// What identifies the version of the store's content on disk (its index and its journal
    /// of updates), to notice that another writer changed it. File times alone miss a second
    /// write within the clock's resolution, so the index (one short line per document) is
    /// identified by its content, and the journal, which only grows, by its length and time.
    pub fn version(dir: &Path) -> StoreVersion {
        use std::hash::{Hash, Hasher};
        let index = fs::read(dir.join(INDEX)).ok().map(|bytes| {
            let mut h = std::hash::DefaultHasher::new();
            bytes.hash(&mut h);
            h.finish()
        });
        let updates = fs::metadata(dir.join(UPDATES))
            .ok()
            .map(|m| (m.len(), m.modified().ok()));
        StoreVersion { index, updates }
    }

    /// Runs a SPARQL update and records it, so that it survives a restart (the journal
    /// `updates.ru`, applied again on top of the document graphs at every load; with RocksDB the
    /// dataset keeps it itself). The update is recorded durably before it is applied and the
    /// record taken back if it cannot be, so on any failure the store, in memory and on disk,
    /// is as it was. `LOAD` is refused: the store never fetches from the network.
    pub fn update(&self, sparql: &str) -> Result<(), StoreError> {
        let parsed = crate::sparql_guard::check_update(sparql)?;
        let update = SparqlEvaluator::new().parse_update(sparql)?;
        let loads = |u: &spargebra::Update| {
            u.operations
                .iter()
                .any(|op| matches!(op, spargebra::GraphUpdateOperation::Load { .. }))
        };
        if parsed.as_ref().is_some_and(loads) {
            return Err(StoreError::Unsupported(
                "LOAD: the store does not fetch data from the network; \
                 send the triples with INSERT DATA instead"
                    .into(),
            ));
        }
        let dataset = self.dataset()?;
        #[cfg(not(feature = "rocksdb"))]
        let pending = journal::append(&self.dir.join(UPDATES), sparql)?;
        // The merged default graph would not follow the update: queries go back to the union
        // of the graphs.
        *self.merged_slot() = None;
        if let Err(e) = update.on_store(dataset).execute() {
            #[cfg(not(feature = "rocksdb"))]
            pending.revoke()?;
            return Err(e.into());
        }
        Ok(())
    }

    /// Saves the text a document's graph was extracted from, as the entity browser shows it.
    /// Like the graph file, it is the document's once [`CorpusStore::commit`] records `hash`.
    pub fn write_text(
        &self,
        id: &str,
        hash: &str,
        view: &crate::model::DocumentView,
    ) -> Result<(), StoreError> {
        let dir = self.dir.join(TEXTS);
        fs::create_dir_all(&dir).map_err(io_err(&dir))?;
        let path = dir.join(versioned(id, hash, TEXT_ENDING));
        let json = serde_json::to_vec(view).map_err(|e| io_err(&path)(std::io::Error::other(e)))?;
        let packed = zstd::bulk::compress(&json, ZSTD_LEVEL).map_err(io_err(&path))?;
        write_unsynced(&path, |w| w.write_all(&packed))
    }

    /// The text of a document as saved at ingest, if the store has it.
    pub fn document_text(
        &self,
        id: &str,
    ) -> Result<Option<crate::model::DocumentView>, StoreError> {
        // Only documents the index records: an id from outside never names another file.
        if !self.index.contains_key(id) {
            return Ok(None);
        }
        let path = self.text_file(id);
        let bytes = match read_stored(&path) {
            Ok(b) => b,
            Err(StoreError::Io { source, .. }) if source.kind() == std::io::ErrorKind::NotFound => {
                return Ok(None);
            }
            Err(e) => return Err(e),
        };
        serde_json::from_slice(&bytes)
            .map(Some)
            .map_err(|e| StoreError::Corrupt {
                path,
                message: e.to_string(),
            })
    }

    #[cfg(not(feature = "rocksdb"))]
    fn load_graph_files(
        &self,
        store: Option<&Store>,
        merged: Option<&Store>,
    ) -> Result<(), StoreError> {
        let ids: Vec<&String> = self.index.keys().collect();
        // A few documents at a time, so the parsed quads waiting to go in stay few.
        for chunk in ids.chunks(64) {
            let loaded: Vec<Result<Vec<Quad>, StoreError>> = chunk
                .par_iter()
                .map(|id| read_nquads(&self.graph_file(id)))
                .collect();
            for quads in loaded {
                let quads = quads?;
                if let Some(merged) = merged {
                    merged.extend(quads.iter().map(|q| {
                        Quad::new(
                            q.subject.clone(),
                            q.predicate.clone(),
                            q.object.clone(),
                            oxigraph::model::GraphName::DefaultGraph,
                        )
                    }))?;
                }
                if let Some(store) = store {
                    store.extend(quads)?;
                }
            }
        }
        Ok(())
    }

    /// The N-Quads text of a document's graph as its file holds it (see
    /// [`CorpusStore::graphs_are_files`]).
    pub fn graph_file_bytes(&self, id: &str) -> Result<Vec<u8>, StoreError> {
        read_stored(&self.graph_file(id))
    }

    /// The quads of a document's graph, sorted: parsed from its file when the graphs are
    /// files, else read from the dataset.
    pub fn read_document_graph(&self, id: &str) -> Result<Vec<Quad>, StoreError> {
        #[cfg(not(feature = "rocksdb"))]
        if self.graphs_are_files() {
            return read_nquads(&self.graph_file(id));
        }
        let mut quads = self.document_quads(id)?;
        quads.sort_by_cached_key(|q| q.to_string());
        Ok(quads)
    }

    /// A document's graph as the store holds it: its N-Quads text (its file's bytes, read
    /// once), its index record and, with `parse`, its quads (always when the graph is read from
    /// the dataset rather than a file).
    pub fn encoded_graph(&self, id: &str, parse: bool) -> Result<EncodedGraph, StoreError> {
        let entry = self.index.get(id);
        let hash = entry.map_or("", |e| e.hash.as_str());
        let named = entry.and_then(|e| e.named.clone());
        #[cfg(not(feature = "rocksdb"))]
        if self.graphs_are_files() {
            let nquads = self.graph_file_bytes(id)?;
            let quads = if parse {
                read_nquads_from(&nquads, &self.graph_file(id))?
            } else {
                Vec::new()
            };
            return Ok(EncodedGraph {
                id: id.to_string(),
                hash: hash.to_string(),
                quads,
                nquads,
                named,
            });
        }
        let _ = parse;
        let mut graph = EncodedGraph::new(id, hash, self.read_document_graph(id)?);
        graph.named = named;
        Ok(graph)
    }

    /// Quads the dataset holds outside every document graph (added by accepted updates),
    /// sorted.
    pub fn quads_outside_documents(&self) -> Result<Vec<Quad>, StoreError> {
        if self.graphs_are_files() {
            return Ok(Vec::new());
        }
        let mut out = Vec::new();
        for q in self.dataset()?.iter() {
            let q = q?;
            let inside = match &q.graph_name {
                oxigraph::model::GraphName::NamedNode(n) => n
                    .as_str()
                    .strip_prefix(&source_iri(""))
                    .is_some_and(|id| self.index.contains_key(id)),
                _ => false,
            };
            if !inside {
                out.push(q);
            }
        }
        out.sort_by_cached_key(|q| q.to_string());
        Ok(out)
    }

    /// The named texts the store's documents are: (entity id, title), sorted.
    pub fn named_texts(&self) -> Result<Vec<(String, String)>, StoreError> {
        if self.index_lacks_names || !self.graphs_are_files() {
            let ns = crate::model::ONTOLOGY_NS;
            let mut quads = self.quads_with_predicate(&format!("{ns}namedText"))?;
            quads.extend(self.quads_with_predicate(&format!("{}title", crate::rdf::DCT))?);
            return Ok(crate::rdf::named_texts(&quads));
        }
        let mut out: Vec<(String, String)> = self
            .index
            .values()
            .filter_map(|e| e.named.clone())
            .collect();
        out.sort();
        out.dedup();
        Ok(out)
    }

    /// The graph file of the version of document `id` the index records: compressed, or
    /// plain N-Quads as stores written before compression hold it.
    fn graph_file(&self, id: &str) -> PathBuf {
        let packed = self.file_of(GRAPHS, id, GRAPH_ENDING);
        if packed.exists() {
            return packed;
        }
        self.file_of(GRAPHS, id, "nq")
    }

    /// The saved text of the version of document `id` the index records (compressed, or plain
    /// JSON as before).
    fn text_file(&self, id: &str) -> PathBuf {
        let packed = self.file_of(TEXTS, id, TEXT_ENDING);
        if packed.exists() {
            return packed;
        }
        self.file_of(TEXTS, id, "json")
    }

    /// The file of `folder` holding the version of document `id` the index records: named for
    /// that version, or `<id>.<ending>` as stores written before versions were named hold it.
    fn file_of(&self, folder: &str, id: &str, ending: &str) -> PathBuf {
        let dir = self.dir.join(folder);
        if let Some(e) = self.index.get(id) {
            let path = dir.join(versioned(id, &e.hash, ending));
            if path.exists() {
                return path;
            }
        }
        dir.join(format!("{id}.{ending}"))
    }

    /// Deletes the files of the graph and text folders that are no document's current version
    /// (left by an ingest that was killed or failed before its index was written, or
    /// superseded by one killed before it deleted them). Only a writer, holding the lock, does
    /// this.
    fn sweep(&self) -> Result<(), StoreError> {
        let mut keep = std::collections::BTreeSet::new();
        for id in self.index.keys() {
            keep.insert(self.graph_file(id));
            keep.insert(self.text_file(id));
        }
        // Every file is tried, so that one that cannot go leaves no other behind; the first
        // failure is reported.
        let mut first_error = None;
        let remove = |path: &Path, first_error: &mut Option<StoreError>| {
            if let Err(e) = fs::remove_file(path) {
                first_error.get_or_insert_with(|| io_err(path)(e));
            }
        };
        // The index's own temporary file, if a writer was killed while writing it.
        let index_tmp = self.dir.join(INDEX).with_extension("tmp");
        if index_tmp.is_file() {
            remove(&index_tmp, &mut first_error);
        }
        for folder in [GRAPHS, TEXTS] {
            let dir = self.dir.join(folder);
            let entries = match fs::read_dir(&dir) {
                Ok(e) => e,
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => continue,
                Err(e) => {
                    first_error.get_or_insert_with(|| io_err(&dir)(e));
                    continue;
                }
            };
            for path in entries.filter_map(|e| e.ok().map(|e| e.path())) {
                if path.is_file() && !keep.contains(&path) {
                    remove(&path, &mut first_error);
                }
            }
        }
        first_error.map_or(Ok(()), Err)
    }

    /// Deletes the files written for documents that were not committed (after an ingest
    /// failed part way), so the store is left as the last commit made it.
    pub fn discard_uncommitted(&self) -> Result<(), StoreError> {
        self.sweep()
    }

    /// The content hash recorded for a document, if the store holds it.
    pub fn document_hash(&self, id: &str) -> Option<&str> {
        self.index.get(id).map(|e| e.hash.as_str())
    }

    /// Writes an encoded graph's file, named for its version, beside the document's current
    /// one (atomically; several may be written side by side). The document is not in the
    /// store until [`CorpusStore::commit`] records it.
    pub fn write_graph_file(&self, graph: &EncodedGraph) -> Result<(), StoreError> {
        #[cfg(not(feature = "rocksdb"))]
        {
            let path = self
                .dir
                .join(GRAPHS)
                .join(versioned(&graph.id, &graph.hash, GRAPH_ENDING));
            let packed = zstd::bulk::compress(&graph.nquads, ZSTD_LEVEL).map_err(io_err(&path))?;
            write_unsynced(&path, |w| w.write_all(&packed))?;
        }
        #[cfg(feature = "rocksdb")]
        let _ = graph;
        Ok(())
    }

    /// Records documents whose graph files are written: each replaces its named graph (in
    /// the dataset too, if loaded) and the index is written once for all of them.
    pub fn commit<'a>(
        &mut self,
        graphs: impl IntoIterator<Item = &'a EncodedGraph>,
    ) -> Result<(), StoreError> {
        let graphs: Vec<&EncodedGraph> = graphs.into_iter().collect();
        if graphs.is_empty() {
            return Ok(());
        }
        // The merged default graph is loaded afresh when next needed; the document graphs, if
        // loaded, take the change below.
        *self.merged_slot() = None;
        if let Some(store) = self.store.get() {
            let mut t = store.start_transaction()?;
            for g in &graphs {
                t.clear_graph(GraphNameRef::NamedNode(Self::graph_name(&g.id).as_ref()))?;
                t.extend(g.quads.iter());
            }
            t.commit()?;
        }
        // The files of the versions being replaced, deleted once the index no longer names
        // them.
        let mut superseded = Vec::new();
        for g in &graphs {
            if self.index.contains_key(&g.id) {
                superseded.push((g.id.clone(), self.graph_file(&g.id)));
                superseded.push((g.id.clone(), self.text_file(&g.id)));
            }
        }
        // The new versions' files are made durable before the index names them.
        let dir = &self.dir;
        sync_written(
            dir,
            graphs.iter().flat_map(|g| {
                [
                    dir.join(GRAPHS)
                        .join(versioned(&g.id, &g.hash, GRAPH_ENDING)),
                    dir.join(TEXTS).join(versioned(&g.id, &g.hash, TEXT_ENDING)),
                ]
            }),
        )?;
        for g in graphs {
            self.index.insert(
                g.id.clone(),
                IndexEntry {
                    hash: g.hash.clone(),
                    named: g.named.clone(),
                },
            );
        }
        self.write_index()?;
        for (id, path) in superseded {
            if path != self.graph_file(&id) && path != self.text_file(&id) {
                // Left behind, it is swept at the next open: not worth failing for.
                let _ = fs::remove_file(&path);
            }
        }
        Ok(())
    }

    /// Ids of the documents the store holds, sorted.
    pub fn document_ids(&self) -> impl Iterator<Item = &str> {
        self.index.keys().map(String::as_str)
    }

    /// Every document graph the store holds, read [`GRAPH_CHUNK`] documents at a time in
    /// document order (the chunk side by side) and handed to `sink`, then the quads outside
    /// every document graph, if any, as one last graph without an id. With `parse`, each graph
    /// carries its quads (see [`CorpusStore::encoded_graph`]).
    pub fn stream_graphs<E: From<StoreError>>(
        &self,
        parse: bool,
        sink: &mut dyn FnMut(Vec<EncodedGraph>) -> Result<(), E>,
    ) -> Result<(), E> {
        let ids: Vec<&str> = self.document_ids().collect();
        for chunk in ids.chunks(GRAPH_CHUNK) {
            let graphs: Vec<Result<EncodedGraph, StoreError>> = chunk
                .par_iter()
                .map(|id| self.encoded_graph(id, parse))
                .collect();
            sink(graphs.into_iter().collect::<Result<_, _>>()?)?;
        }
        let extra = self.quads_outside_documents()?;
        if !extra.is_empty() {
            sink(vec![EncodedGraph::new("", "", extra)])?;
        }
        Ok(())
    }

    /// The merged graph of everything the store holds; with `cooccurrence`, plus the
    /// `cooccursWith` layer of entities named in one sentence.
    pub fn knowledge_graph(&self, cooccurrence: bool) -> Result<KnowledgeGraph, StoreError> {
        let mut reader = crate::rdf::GraphReader::new(cooccurrence);
        self.stream_graphs(true, &mut |graphs| {
            let parts: Vec<_> = graphs
                .par_iter()
                .map(|g| crate::rdf::GraphReader::read_part(&g.quads, cooccurrence))
                .collect();
            for p in parts {
                reader.absorb(p);
            }
            Ok::<(), StoreError>(())
        })?;
        Ok(reader.finish())
    }

    /// Replaces a document's named graph with `quads` (all in that graph) and records its hash.
    pub fn replace_document(
        &mut self,
        id: &str,
        hash: &str,
        quads: &[Quad],
    ) -> Result<(), StoreError> {
        let mut quads = quads.to_vec();
        quads.sort_by_cached_key(|q| q.to_string());
        let graph = EncodedGraph::new(id, hash, quads);
        self.write_graph_file(&graph)?;
        self.commit([&graph])
    }

    /// Copies every document of `other` (its graph, saved text and index record) into this
    /// store, replacing documents of the same id; returns how many. The files are copied as
    /// they are, a few documents at a time, and the index is written once per few.
    pub fn merge_from(&mut self, other: &CorpusStore) -> Result<usize, StoreError> {
        let ids: Vec<String> = other.document_ids().map(str::to_string).collect();
        // Quads are needed only if this store's dataset is loaded (it takes them too).
        let parse = self.store.get().is_some();
        for chunk in ids.chunks(64) {
            let graphs: Vec<Result<EncodedGraph, StoreError>> = chunk
                .par_iter()
                .map(|id| {
                    let graph = other.encoded_graph(id, parse)?;
                    if let Some(view) = other.document_text(id)? {
                        self.write_text(id, &graph.hash, &view)?;
                    }
                    self.write_graph_file(&graph)?;
                    Ok(graph)
                })
                .collect();
            let graphs: Vec<EncodedGraph> = graphs.into_iter().collect::<Result<_, _>>()?;
            self.commit(&graphs)?;
        }
        Ok(ids.len())
    }

    /// Removes every document for which `keep` is false, with its graph; gives how many.
    pub fn retain_documents(&mut self, keep: impl Fn(&str) -> bool) -> Result<usize, StoreError> {
        let stale: Vec<String> = self
            .document_ids()
            .filter(|id| !keep(id))
            .map(str::to_string)
            .collect();
        for id in &stale {
            self.remove_document(id)?;
        }
        Ok(stale.len())
    }

    /// Removes a document and its graph.
    pub fn remove_document(&mut self, id: &str) -> Result<(), StoreError> {
        let graph = NamedNode::new_unchecked(source_iri(id));
        *self.merged_slot() = None;
        if let Some(store) = self.store.get() {
            store.remove_named_graph(graph.as_ref())?;
        }
        let files = [self.graph_file(id), self.text_file(id)];
        self.index.remove(id);
        self.write_index()?;
        for file in files {
            if file.exists() {
                fs::remove_file(&file).map_err(io_err(&file))?;
            }
        }
        Ok(())
    }

    fn write_index(&self) -> Result<(), StoreError> {
        write_atomically(&self.dir.join(INDEX), |w| {
            writeln!(w, "{INDEX_HEADER}")?;
            for (id, e) in &self.index {
                match &e.named {
                    None => writeln!(w, "{id}\t{}", e.hash)?,
                    Some((entity, title)) => {
                        let title = title.replace(['\t', '\n', '\r'], " ");
                        writeln!(w, "{id}\t{}\t{entity}\t{title}", e.hash)?
                    }
                }
            }
            Ok(())
        })
    }

    /// Every quad of every graph, in the dataset's own order (for readers that do not care).
    pub fn quads_unsorted(&self) -> Result<Vec<Quad>, StoreError> {
        self.dataset()?
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
        for q in self.dataset()?.quads_for_pattern(
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
        let parsed = crate::sparql_guard::check_query(sparql)?;
        let mut evaluator = SparqlEvaluator::new();
        if let Some(token) = &spec.cancel {
            evaluator = evaluator.with_cancellation_token(token.clone());
        }
        let mut prepared = evaluator.parse_query(sparql)?;
        if spec.default_graphs.is_empty()
            && spec.named_graphs.is_empty()
            && prepared.dataset().is_default_dataset()
            && !names_graphs(parsed.as_ref())
            && let Some(merged) = self.merged()?
        {
            return Ok(prepared.on_store(&merged).execute()?);
        }
        let dataset = self.dataset()?;
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
        Ok(prepared.on_store(dataset).execute()?)
    }

    /// Whether the dataset has a named graph of that IRI.
    pub fn has_graph(&self, iri: &str) -> Result<bool, StoreError> {
        let Ok(node) = NamedNode::new(iri) else {
            return Ok(false);
        };
        Ok(self.dataset()?.contains_named_graph(node.as_ref())?)
    }

    /// The triples of one named graph, or of the union of all graphs with `None`, sorted.
    pub fn graph_triples(
        &self,
        iri: Option<&str>,
    ) -> Result<Vec<oxigraph::model::Triple>, StoreError> {
        let node = iri.map(NamedNode::new_unchecked);
        let mut out: Vec<oxigraph::model::Triple> = Vec::new();
        let graph = node.as_ref().map(|n| GraphNameRef::NamedNode(n.as_ref()));
        for q in self.dataset()?.quads_for_pattern(None, None, None, graph) {
            out.push(q?.into());
        }
        out.sort_by_cached_key(|t| t.to_string());
        out.dedup();
        Ok(out)
    }

    /// Number of quads in the store.
    pub fn len(&self) -> Result<usize, StoreError> {
        if (self.store.get().is_none() || self.is_merged()) && self.graphs_are_files() {
            // One quad per line of the graph files: counted without loading the dataset.
            let mut n = 0;
            for id in self.index.keys() {
                let bytes = self.graph_file_bytes(id)?;
                n += bytes.iter().filter(|b| **b == b'\n').count();
            }
            return Ok(n);
        }
        Ok(self.dataset()?.len()?)
    }

    /// Whether the store holds nothing.
    pub fn is_empty(&self) -> Result<bool, StoreError> {
        Ok(self.len()? == 0)
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
            .dataset()?
            .quads_for_pattern(None, Some(p.as_ref()), None, None)
        {
            out.push(q?);
        }
        Ok(out)
    }
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

/// First line of the index; an index without it predates the named-text columns.
const INDEX_HEADER: &str =
    "# corridor store index 2: document id, content hash[, named text entity id, its title]";

/// Reads the index, and whether it predates the named-text columns.
fn read_index(path: &Path) -> Result<(BTreeMap<String, IndexEntry>, bool), StoreError> {
    let mut index = BTreeMap::new();
    let text = match fs::read_to_string(path) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok((index, false)),
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
        let fields: Vec<&str> = line.split('\t').collect();
        let named = match fields.as_slice() {
            [_, _] => None,
            [_, _, entity, title] => Some((entity.to_string(), title.to_string())),
            _ => {
                return Err(StoreError::Corrupt {
                    path: path.to_path_buf(),
                    message: format!(
                        "line {}: expected `id<TAB>hash` or `id<TAB>hash<TAB>entity<TAB>title`",
                        n + 1
                    ),
                });
            }
        };
        index.insert(
            fields[0].to_string(),
            IndexEntry {
                hash: fields[1].to_string(),
                named,
            },
        );
    }
    let lacks_names = !index.is_empty() && text.lines().next() != Some(INDEX_HEADER);
    Ok((index, lacks_names))
}

#[cfg(not(feature = "rocksdb"))]
fn read_nquads(path: &Path) -> Result<Vec<Quad>, StoreError> {
    let bytes = read_stored(path)?;
    read_nquads_from(&bytes, path)
}

/// The bytes of a file of the store, decompressed when its name ends in `.zst`.
fn read_stored(path: &Path) -> Result<Vec<u8>, StoreError> {
    let bytes = fs::read(path).map_err(io_err(path))?;
    if path.extension().is_some_and(|e| e == "zst") {
        return zstd::stream::decode_all(bytes.as_slice()).map_err(|e| StoreError::Corrupt {
            path: path.to_path_buf(),
            message: format!("not a whole zstd frame: {e}"),
        });
    }
    Ok(bytes)
}

/// Parses N-Quads read from `path`.
#[cfg(not(feature = "rocksdb"))]
fn read_nquads_from(bytes: &[u8], path: &Path) -> Result<Vec<Quad>, StoreError> {
    RdfParser::from_format(RdfFormat::NQuads)
        .for_slice(bytes)
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
    fn every_write_of_the_index_gives_a_new_version_however_quick() {
        let dir = tempfile::tempdir().unwrap();
        let mut s = CorpusStore::open(dir.path()).unwrap();
        let mut seen = vec![CorpusStore::version(dir.path())];
        // Same length each time, faster than file times may tick.
        for hash in ["h1", "h2", "h3", "h4"] {
            s.replace_document("d1", hash, &[quad("d1", "x")]).unwrap();
            let v = CorpusStore::version(dir.path());
            assert!(!seen.contains(&v), "{hash}: {v:?} seen before");
            seen.push(v);
        }
        // Reading changes nothing.
        assert_eq!(CorpusStore::version(dir.path()), *seen.last().unwrap());
        assert_eq!(
            CorpusStore::recorded_hashes(dir.path()).unwrap(),
            Some(BTreeMap::from([("d1".to_string(), "h4".to_string())]))
        );
        let empty = tempfile::tempdir().unwrap();
        assert_eq!(CorpusStore::recorded_hashes(empty.path()).unwrap(), None);
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
    fn an_encoded_graph_is_what_the_n_quads_serializer_writes() {
        let quads = vec![quad("d1", "甲 \"乙\"\n丙"), quad("d1", "x")];
        let mut expected = Vec::new();
        let mut ser = oxigraph::io::RdfSerializer::from_format(oxigraph::io::RdfFormat::NQuads)
            .for_writer(&mut expected);
        for q in &quads {
            ser.serialize_quad(q).unwrap();
        }
        ser.finish().unwrap();
        let lines = quads.iter().map(|q| (q.to_string(), q.clone())).collect();
        let from_lines = EncodedGraph::from_lines("d1", "h", lines);
        assert_eq!(from_lines.quads, quads);
        assert_eq!(from_lines.nquads, expected);
        assert_eq!(EncodedGraph::new("d1", "h", quads).nquads, expected);
    }

    #[test]
    #[cfg(not(feature = "rocksdb"))]
    fn the_dataset_is_loaded_only_when_a_query_needs_it() {
        let dir = tempfile::tempdir().unwrap();
        let d2 = {
            let mut s = CorpusStore::open(dir.path()).unwrap();
            s.replace_document("d1", "h", &[quad("d1", "x")]).unwrap();
            s.replace_document("d2", "h", &[quad("d2", "y")]).unwrap();
            s.graph_file("d2")
        };
        fs::write(&d2, "not N-Quads\n").unwrap();
        // Ingesting does not read the graphs: the broken file does not stop it.
        let mut s = CorpusStore::open(dir.path()).unwrap();
        assert_eq!(s.document_hash("d2"), Some("h"));
        s.replace_document("d3", "h", &[quad("d3", "z")]).unwrap();
        // A query does, and names the file.
        let err = s.query("ASK { ?s ?p ?o }").err().unwrap().to_string();
        assert!(err.contains(&*d2.to_string_lossy()), "{err}");
    }

    #[test]
    fn documents_committed_after_the_dataset_loaded_are_in_it() {
        let dir = tempfile::tempdir().unwrap();
        let mut s = CorpusStore::open(dir.path()).unwrap();
        s.replace_document("d1", "h", &[quad("d1", "old")]).unwrap();
        s.load_dataset().unwrap();
        s.replace_document("d1", "h2", &[quad("d1", "new")])
            .unwrap();
        s.replace_document("d2", "h", &[quad("d2", "y")]).unwrap();
        assert_eq!(s.document_quads("d1").unwrap(), vec![quad("d1", "new")]);
        assert_eq!(s.len().unwrap(), 2);
        s.remove_document("d2").unwrap();
        assert_eq!(s.len().unwrap(), 1);
    }

    #[test]
    #[cfg(not(feature = "rocksdb"))]
    fn an_index_from_before_named_texts_were_recorded_still_knows_them() {
        let dir = tempfile::tempdir().unwrap();
        let g = source_iri("d1");
        let named = format!(
            "<{g}> <https://w3id.org/corridor/ontology#namedText> \
             <https://w3id.org/corridor/id/document/联合声明> <{g}> .\n\
             <{g}> <http://purl.org/dc/terms/title> \"联合声明\"@zh <{g}> .\n"
        );
        fs::create_dir_all(dir.path().join(GRAPHS)).unwrap();
        fs::write(dir.path().join(GRAPHS).join("d1.nq"), named).unwrap();
        fs::write(
            dir.path().join(INDEX),
            "# corridor store index: document id, content hash\nd1\th1\n",
        )
        .unwrap();
        let mut s = CorpusStore::open(dir.path()).unwrap();
        let expected = vec![("document/联合声明".to_string(), "联合声明".to_string())];
        assert_eq!(s.named_texts().unwrap(), expected);
        // Written again, the index records them itself.
        s.replace_document("d2", "h", &[quad("d2", "y")]).unwrap();
        let index = fs::read_to_string(dir.path().join(INDEX)).unwrap();
        assert!(index.starts_with(INDEX_HEADER), "{index}");
        assert!(
            index.contains("d1\th1\tdocument/联合声明\t联合声明"),
            "{index}"
        );
        drop(s);
        assert_eq!(
            CorpusStore::open(dir.path())
                .unwrap()
                .named_texts()
                .unwrap(),
            expected
        );
    }

    #[test]
    #[cfg(not(feature = "rocksdb"))]
    fn queries_read_the_merged_graphs_until_an_update_and_the_union_after() {
        let dir = tempfile::tempdir().unwrap();
        let mut s = CorpusStore::open(dir.path()).unwrap();
        // The same triple in two documents, and one of its own in each.
        s.replace_document("d1", "h", &[quad("d1", "both"), quad("d1", "x")])
            .unwrap();
        s.replace_document("d2", "h", &[quad("d2", "both"), quad("d2", "y")])
            .unwrap();
        let labels = |s: &CorpusStore| -> Vec<String> {
            let QueryResults::Solutions(sol) =
                s.query("SELECT ?l WHERE { ?s ?p ?l } ORDER BY ?l").unwrap()
            else {
                panic!()
            };
            sol.map(|r| r.unwrap().get("l").unwrap().to_string())
                .collect()
        };
        // Each triple once, however many documents state it.
        let merged = ["\"both\"", "\"x\"", "\"y\""].map(String::from).to_vec();
        assert_eq!(labels(&s), merged);
        assert!(
            s.is_merged(),
            "no update yet: the default graph holds the merge"
        );
        // Graphs and counts are those of the documents alone.
        assert_eq!(s.len().unwrap(), 4);
        assert_eq!(s.quads_unsorted().unwrap().len(), 4);
        let QueryResults::Solutions(sol) = s
            .query("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }")
            .unwrap()
        else {
            panic!()
        };
        assert_eq!(sol.count(), 2);
        // A query that names a graph reads the document graphs, its default graph their union.
        let QueryResults::Solutions(sol) = s
            .query("SELECT ?l WHERE { ?s ?p ?l FILTER EXISTS { GRAPH ?g { ?s ?p ?l } } }")
            .unwrap()
        else {
            panic!()
        };
        assert_eq!(sol.count(), 4);
        // An update leaves the merge behind; queries see the graphs as updated.
        let g1 = source_iri("d1");
        s.update(&format!(
            "DELETE DATA {{ GRAPH <{g1}> {{ <https://w3id.org/corridor/id/person/a> \
             <http://www.w3.org/2000/01/rdf-schema#label> \"x\" }} }}"
        ))
        .unwrap();
        assert!(!s.is_merged());
        // (The union gives a triple once per graph stating it.)
        let after = ["\"both\"", "\"both\"", "\"y\""].map(String::from).to_vec();
        assert_eq!(labels(&s), after);
        // Reopened, the journal is applied on load and the union read.
        drop(s);
        let s = CorpusStore::open(dir.path()).unwrap();
        assert_eq!(labels(&s), after);
        assert!(!s.is_merged());
    }

    #[test]
    fn queries_naming_a_graph_are_told_from_their_algebra() {
        let names = |q: &str| names_graphs(crate::sparql_guard::check_query(q).unwrap().as_ref());
        assert!(!names("SELECT * WHERE { ?s ?p ?o }"));
        assert!(!names(
            "SELECT ?s WHERE { ?s <http://x/graph> ?o FILTER(?o != \"graph\") }"
        ));
        assert!(names("SELECT * WHERE { GRAPH ?g { ?s ?p ?o } }"));
        assert!(names(
            "ASK { ?s ?p ?o FILTER NOT EXISTS { GRAPH <http://x/g> { ?s ?p ?o } } }"
        ));
        // What cannot be read goes the way that reports its error.
        assert!(names("SELECT * WHERE {"));
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
    #[cfg(not(feature = "rocksdb"))]
    fn removing_a_document_drops_its_graph_and_file() {
        let dir = tempfile::tempdir().unwrap();
        let mut s = CorpusStore::open(dir.path()).unwrap();
        s.replace_document("d1", "h", &[quad("d1", "x")]).unwrap();
        let file = s.graph_file("d1");
        assert!(file.is_file());
        s.remove_document("d1").unwrap();
        assert!(s.is_empty().unwrap());
        assert!(!file.exists());
    }

    #[test]
    fn a_second_writer_is_refused_and_told_who_holds_the_store() {
        let dir = tempfile::tempdir().unwrap();
        let first = CorpusStore::open(dir.path()).unwrap();
        let err = CorpusStore::open(dir.path()).err().unwrap();
        assert!(matches!(err, StoreError::Locked { .. }), "{err}");
        let message = err.to_string();
        assert!(
            message.contains("in use by another corridor process")
                && message.contains(&format!("pid {}", std::process::id())),
            "{message}"
        );
        // Readers take no lock.
        assert!(CorpusStore::open_read_only(dir.path()).is_ok());
        drop(first);
        assert!(CorpusStore::open(dir.path()).is_ok());
    }

    /// The cause of a failure once seen in the test suite: a child forked while a writer held
    /// the store (the server forks one per expensive query, and tests run beside each other)
    /// kept the lock after the writer dropped it, so the next writer in the same process was
    /// refused, naming its own process as the holder.
    #[cfg(unix)]
    #[test]
    fn a_lock_dropped_while_a_forked_child_lives_is_released() {
        let dir = tempfile::tempdir().unwrap();
        let first = CorpusStore::open(dir.path()).unwrap();
        let mut fds = [0i32; 2];
        // SAFETY: `fds` has room for the two descriptors pipe() writes; fcntl on the two just
        // opened. Close-on-exec: a program another test starts meanwhile must not hold the
        // write end and keep the child waiting.
        assert_eq!(unsafe { libc::pipe(fds.as_mut_ptr()) }, 0);
        for fd in fds {
            assert_eq!(
                unsafe { libc::fcntl(fd, libc::F_SETFD, libc::FD_CLOEXEC) },
                0
            );
        }
        // SAFETY: the child only waits on the pipe with async-signal-safe calls and leaves with
        // _exit, keeping every descriptor it inherited (the lock file's among them) meanwhile.
        let pid = unsafe { libc::fork() };
        assert!(pid >= 0, "fork failed");
        if pid == 0 {
            let mut byte = 0u8;
            // SAFETY: in the child; it blocks until the parent closes its write end.
            unsafe {
                libc::close(fds[1]);
                libc::read(fds[0], (&mut byte as *mut u8).cast(), 1);
                libc::_exit(0);
            }
        }
        // SAFETY: the parent keeps only the write end, which it closes below.
        unsafe { libc::close(fds[0]) };
        drop(first);
        let second = CorpusStore::open(dir.path());
        // SAFETY: closing the write end lets the child exit; it is then reaped.
        unsafe {
            libc::close(fds[1]);
            libc::waitpid(pid, std::ptr::null_mut(), 0);
        }
        assert!(second.is_ok(), "{:?}", second.err());
    }

    #[test]
    #[cfg(not(feature = "rocksdb"))]
    fn a_new_version_is_the_documents_only_once_committed() {
        let dir = tempfile::tempdir().unwrap();
        let mut s = CorpusStore::open(dir.path()).unwrap();
        s.replace_document("d1", "h1", &[quad("d1", "old")])
            .unwrap();
        let old_file = s.graph_file("d1");
        // Written but not committed (an ingest that failed or was killed before its index).
        let new = EncodedGraph::new("d1", "h2", vec![quad("d1", "new")]);
        s.write_graph_file(&new).unwrap();
        assert_eq!(
            s.read_document_graph("d1").unwrap(),
            vec![quad("d1", "old")]
        );
        drop(s);
        let files = |dir: &Path| fs::read_dir(dir.join(GRAPHS)).unwrap().count();
        assert_eq!(files(dir.path()), 2);
        // The next writer sweeps the orphan; the document is still the old version.
        let mut s = CorpusStore::open(dir.path()).unwrap();
        assert_eq!(files(dir.path()), 1);
        assert_eq!(
            s.read_document_graph("d1").unwrap(),
            vec![quad("d1", "old")]
        );
        // Committed, the new version is the document's and the old file goes.
        s.write_graph_file(&new).unwrap();
        s.commit([&new]).unwrap();
        assert_eq!(
            s.read_document_graph("d1").unwrap(),
            vec![quad("d1", "new")]
        );
        assert!(!old_file.exists());
        assert_eq!(files(dir.path()), 1);
    }

    #[test]
    #[cfg(not(feature = "rocksdb"))]
    fn graph_files_are_compressed_and_plain_ones_from_before_are_read() {
        let dir = tempfile::tempdir().unwrap();
        let mut s = CorpusStore::open(dir.path()).unwrap();
        s.replace_document("d1", "h1", &[quad("d1", "x")]).unwrap();
        let file = s.graph_file("d1");
        assert!(
            file.to_string_lossy().ends_with(".nq.zst"),
            "{}",
            file.display()
        );
        let plain = zstd::stream::decode_all(fs::File::open(&file).unwrap()).unwrap();
        assert_eq!(plain, format!("{} .\n", quad("d1", "x")).into_bytes());
        assert_eq!(s.graph_file_bytes("d1").unwrap(), plain);
        drop(s);
        // A store written before compression: the same version as a plain file.
        let old = dir.path().join(GRAPHS).join(versioned("d1", "h1", "nq"));
        fs::rename(&file, &old).unwrap();
        fs::write(&old, format!("{} .\n", quad("d1", "y"))).unwrap();
        let mut s = CorpusStore::open(dir.path()).unwrap();
        assert_eq!(s.read_document_graph("d1").unwrap(), vec![quad("d1", "y")]);
        assert!(old.is_file(), "the sweep keeps the file the index names");
        s.replace_document("d1", "h2", &[quad("d1", "z")]).unwrap();
        assert!(!old.exists());
        assert!(s.graph_file("d1").to_string_lossy().ends_with(".nq.zst"));
        // A saved text from before compression is read as it is.
        let view = crate::model::DocumentView {
            text: "甲会见乙。".into(),
            mentions: Vec::new(),
            found: vec!["person/a".into()],
        };
        s.write_text("d1", "h2", &view).unwrap();
        let packed = dir
            .path()
            .join(TEXTS)
            .join(versioned("d1", "h2", TEXT_ENDING));
        assert!(packed.is_file());
        assert_eq!(s.document_text("d1").unwrap().unwrap().text, view.text);
        fs::remove_file(&packed).unwrap();
        assert!(s.document_text("d1").unwrap().is_none());
        fs::write(
            dir.path().join(TEXTS).join(versioned("d1", "h2", "json")),
            serde_json::to_vec(&view).unwrap(),
        )
        .unwrap();
        assert_eq!(s.document_text("d1").unwrap().unwrap().found, view.found);
        // A compressed file cut short is named as corrupt, not read as a shorter graph.
        let file = s.graph_file("d1");
        let bytes = fs::read(&file).unwrap();
        fs::write(&file, &bytes[..bytes.len() / 2]).unwrap();
        match s.graph_file_bytes("d1") {
            Err(StoreError::Corrupt { path, .. }) => assert_eq!(path, file),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    #[cfg(not(feature = "rocksdb"))]
    fn a_store_with_unversioned_graph_files_is_read_and_upgraded() {
        let dir = tempfile::tempdir().unwrap();
        let legacy = dir.path().join(GRAPHS).join("d1.nq");
        fs::create_dir_all(dir.path().join(GRAPHS)).unwrap();
        fs::write(&legacy, format!("{} .\n", quad("d1", "x"))).unwrap();
        fs::write(dir.path().join(INDEX), format!("{INDEX_HEADER}\nd1\th1\n")).unwrap();
        let mut s = CorpusStore::open(dir.path()).unwrap();
        assert_eq!(s.read_document_graph("d1").unwrap(), vec![quad("d1", "x")]);
        assert!(legacy.is_file(), "the sweep keeps the file the index names");
        s.replace_document("d1", "h2", &[quad("d1", "y")]).unwrap();
        assert!(!legacy.exists());
        assert_eq!(s.read_document_graph("d1").unwrap(), vec![quad("d1", "y")]);
    }
}
