//! The commands of corridor on top of the library: build, ingest, query, export, stats.
//!
//! This module wires the stages together (ingest → extract → rdf → store → graph → export)
//! and owns the reports the binary prints. It holds no extraction or format logic itself.

pub mod curate;
mod exports;
mod query;
pub mod remote;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressStyle};
use rayon::prelude::*;
use sha2::{Digest, Sha256};

pub use exports::{Compression, ExportFormat, ExportOptions, Formats, export, write_all_exports};
pub use query::{QueryFormat, run_query, run_query_at};

use crate::export::ExportError;
use crate::extract::{DocumentText, ExtractError, Extractor};
use crate::ingest::{Corpus, IngestError};
use crate::model::{Entity, EntityType, KnowledgeGraph, RelationKind};
use crate::store::{CorpusStore, EncodedGraph, StoreError};

/// Why a command failed as a whole (one bad document does not make a command fail).
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum PipelineError {
    /// The corpus or manifest could not be read.
    #[error(transparent)]
    Ingest(#[from] IngestError),
    /// The gazetteer or rules could not be loaded.
    #[error(transparent)]
    Extract(#[from] ExtractError),
    /// The store failed.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// An export could not be written.
    #[error(transparent)]
    Export(#[from] ExportError),
    /// A file could not be written.
    #[error("cannot write {path}")]
    Write {
        /// The file.
        path: PathBuf,
        /// The cause.
        source: std::io::Error,
    },
    /// The command line asked for something inconsistent.
    #[error("{0}")]
    Usage(String),
    /// Validation could not run.
    #[error(transparent)]
    Validate(#[from] crate::validate::ValidateError),
    /// The SPARQL server could not be reached or refused a request.
    #[error(transparent)]
    Remote(#[from] crate::remote::RemoteError),
    /// The server of a remote store could not be started.
    #[error(transparent)]
    Serve(#[from] crate::server::ServeError),
    /// A curation file could not be read, is invalid, or could not be written.
    #[error(transparent)]
    Curation(#[from] crate::curation::CurationError),
    /// A file to read could not be read or parsed.
    #[error("cannot read {path}: {message}")]
    Read {
        /// The file.
        path: std::path::PathBuf,
        /// The problem.
        message: String,
    },
}

/// Where the extraction knowledge comes from.
#[derive(Debug, Clone, Default)]
pub struct Knowledge {
    /// A folder holding `gazetteer.toml`, `rules.toml` and `corridor.ttl` (and, if it has its
    /// own, `confidence.toml`); the built-in copies when `None`.
    pub ontology_dir: Option<PathBuf>,
    /// Whether to use the gazetteer (false: rules alone).
    pub use_gazetteer: bool,
    /// The analyst's decisions, applied to each document's extraction (none by default).
    pub curation: std::sync::Arc<crate::curation::Curation>,
}

/// Version of what a document's graph records; a store written with an older layout has its
/// documents extracted again (layout 2 added the cor:Sentence records, 3 the saved texts, 4
/// each statement's confidence, 5 statements naming their sentence's record instead of
/// repeating its text).
const RECORD_LAYOUT: u32 = 5;

impl Knowledge {
    /// Loads the extractor this knowledge describes.
    pub fn extractor(&self) -> Result<Extractor, PipelineError> {
        Ok(Extractor::load_with_roles(
            self.ontology_dir.as_deref(),
            self.use_gazetteer,
            &self.curation.added_roles(),
        )?)
    }

    /// A fingerprint of the knowledge: documents extracted with other knowledge are redone.
    fn fingerprint(&self, corpus_named: &[Entity]) -> String {
        let mut h = Sha256::new();
        h.update(env!("CARGO_PKG_VERSION").as_bytes());
        h.update(RECORD_LAYOUT.to_le_bytes());
        h.update([u8::from(self.use_gazetteer)]);
        // What the extractor reads: the folder's files, else the built-in ones (a folder may
        // leave out only its calibration).
        for (name, builtin, optional) in [
            ("gazetteer.toml", crate::extract::BUILTIN_GAZETTEER, false),
            ("rules.toml", crate::extract::BUILTIN_RULES, false),
            (
                "confidence.toml",
                crate::confidence::BUILTIN_CALIBRATION,
                true,
            ),
        ] {
            let text = match self.ontology_dir.as_ref().map(|d| d.join(name)) {
                Some(file) if !optional || file.exists() => std::fs::read(file).unwrap_or_default(),
                _ => builtin.as_bytes().to_vec(),
            };
            h.update(&text);
        }
        // Offices the curation adds change extraction itself.
        h.update(self.curation.roles_fingerprint().as_bytes());
        for e in corpus_named {
            h.update(e.id.as_bytes());
            h.update(e.label_zh.as_deref().unwrap_or("").as_bytes());
        }
        h.finalize()
            .iter()
            .take(12)
            .map(|b| format!("{b:02x}"))
            .collect()
    }
}

/// One of N shards of a corpus, for extraction spread over machines (`build --shard I/N`): a
/// document belongs to shard `index` when a hash of its id says so, which does not depend on
/// the other documents, so the shards of a growing corpus keep their documents.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shard {
    /// Which shard, from 1.
    pub index: u64,
    /// How many shards.
    pub count: u64,
}

impl std::str::FromStr for Shard {
    type Err = String;

    fn from_str(s: &str) -> Result<Shard, String> {
        let bad = || format!("`{s}` is not a shard: write I/N with 1 <= I <= N, as in 2/4");
        let (i, n) = s.split_once('/').ok_or_else(bad)?;
        let index: u64 = i.trim().parse().map_err(|_| bad())?;
        let count: u64 = n.trim().parse().map_err(|_| bad())?;
        if index == 0 || index > count {
            return Err(bad());
        }
        Ok(Shard { index, count })
    }
}

impl std::fmt::Display for Shard {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}/{}", self.index, self.count)
    }
}

impl Shard {
    /// Whether the document of this id belongs to the shard.
    pub fn contains(&self, id: &str) -> bool {
        let digest = Sha256::digest(id.as_bytes());
        let mut first = [0u8; 8];
        first.copy_from_slice(&digest[..8]);
        u64::from_be_bytes(first) % self.count == self.index - 1
    }
}

/// A document that could not be ingested, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Failure {
    /// The file.
    pub file: String,
    /// The reason, with its whole cause chain (it names the file).
    pub reason: String,
}

/// What an ingest did.
#[derive(Debug, Default)]
pub struct IngestReport {
    /// Documents extracted and stored.
    pub ingested: usize,
    /// Documents whose text and knowledge had not changed, left as they were.
    pub unchanged: usize,
    /// Documents removed because the corpus no longer has them.
    pub removed: usize,
    /// Documents that failed.
    pub failures: Vec<Failure>,
    /// Curation decisions that match nothing in the store's documents.
    pub stale: Vec<crate::curation::Stale>,
    /// Time taken.
    pub elapsed: Duration,
}

/// What a build did: the ingest, the graph's size and the exports written.
#[derive(Debug)]
pub struct BuildReport {
    /// The ingest.
    pub ingest: IngestReport,
    /// Documents in the store.
    pub documents: usize,
    /// Entities by type.
    pub entities: BTreeMap<EntityType, usize>,
    /// Relations (distinct edges) by kind.
    pub relations: BTreeMap<RelationKind, usize>,
    /// Files written.
    pub exports: Vec<PathBuf>,
    /// Export files of an earlier build this one did not write again (a format left out of
    /// `--formats`, say), removed so that the folder holds this build's exports alone.
    pub removed: Vec<PathBuf>,
    /// The shard built, if only one was.
    pub shard: Option<Shard>,
}

/// The named texts of a corpus (documents marked `named`), as entities other documents cite:
/// what extraction is given to find them by (see [`Extractor::extract`]).
pub fn corpus_named_texts(corpus: &Corpus) -> Vec<Entity> {
    let mut out: Vec<Entity> = corpus
        .entries
        .iter()
        .filter(|e| e.named)
        .map(|e| Entity {
            id: format!(
                "{}/{}",
                EntityType::Document.slug(),
                crate::model::iri_segment(&crate::model::name_key(&e.title))
            ),
            kind: EntityType::Document,
            label_zh: Some(e.title.clone()),
            label_en: e.title_en.clone(),
            aliases: Default::default(),
        })
        .collect();
    out.sort_by(|a, b| a.id.cmp(&b.id));
    out
}

fn error_chain(e: &dyn std::error::Error) -> String {
    let mut s = e.to_string();
    let mut cur = e.source();
    while let Some(c) = cur {
        let text = c.to_string();
        if !s.contains(&text) {
            s.push_str(": ");
            s.push_str(&text);
        }
        cur = c.source();
    }
    s
}

fn progress(len: usize, show: bool) -> ProgressBar {
    if !show || len < 2 {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::new(len as u64);
    if let Ok(style) =
        ProgressStyle::with_template("{elapsed_precise} [{bar:30}] {pos}/{len} documents {msg}")
    {
        bar.set_style(style.progress_chars("=> "));
    }
    bar
}

/// Ingests every document of `corpus` into `store`: unchanged documents are skipped by hash,
/// each other document's graph is replaced, a failing document is reported and skipped. With
/// `prune`, documents the store holds that the corpus does not are removed.
pub fn ingest_corpus(
    corpus: &Corpus,
    store: &mut CorpusStore,
    knowledge: &Knowledge,
    prune: bool,
    show_progress: bool,
) -> Result<IngestReport, PipelineError> {
    ingest_corpus_with(corpus, store, knowledge, prune, show_progress, None, None)
}

/// Documents extracted side by side before the store records them: the quads of at most this
/// many documents are held at once.
const CHUNK: usize = 32;

/// Receives the store's graph of every corpus document a pass over the corpus meets, a few at
/// a time and in document id order (after the store has recorded them).
pub type GraphSink<'a> = &'a mut dyn FnMut(Vec<EncodedGraph>) -> Result<(), PipelineError>;

/// What a pass over one document gave.
/// `work` on the document at `path`, a panic in it turned into that document's failure: one
/// document that trips an internal error never stops the others nor the store's commit.
fn guarded<T>(path: &Path, work: impl FnOnce() -> T) -> Result<T, IngestError> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(work)).map_err(|payload| {
        let message = payload
            .downcast_ref::<&str>()
            .map(|s| (*s).to_string())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "no message".to_string());
        IngestError::Internal {
            path: path.to_path_buf(),
            message,
        }
    })
}

enum Outcome {
    /// Extracted afresh, its graph file written.
    Extracted(EncodedGraph),
    /// Unchanged; its graph read back when a sink wants it.
    Unchanged(Option<EncodedGraph>),
    /// It failed; the graph the store still holds of it, when a sink wants it.
    Failed(IngestError, Option<EncodedGraph>),
}

/// [`ingest_corpus`], handing every corpus document's graph to `sink` as the pass goes (the
/// fresh ones as extracted, the unchanged ones read from the store), so that a build writes
/// its exports in the same pass without reading the store again. With `shard`, only the
/// shard's documents are ingested (the whole corpus's named texts are still known), and with
/// `prune` the store keeps only them.
///
/// When the pass fails (a store file cannot be written, the disk is full), the files written
/// for documents not yet committed are deleted: the store is left as its last commit made it.
pub fn ingest_corpus_with(
    corpus: &Corpus,
    store: &mut CorpusStore,
    knowledge: &Knowledge,
    prune: bool,
    show_progress: bool,
    shard: Option<Shard>,
    sink: Option<GraphSink<'_>>,
) -> Result<IngestReport, PipelineError> {
    let result = ingest_pass(corpus, store, knowledge, prune, show_progress, shard, sink);
    if result.is_err() {
        // The error is what the user needs to see; a failed clean-up is swept at the next open.
        let _ = store.discard_uncommitted();
    }
    result
}

/// The pass of [`ingest_corpus_with`].
fn ingest_pass(
    corpus: &Corpus,
    store: &mut CorpusStore,
    knowledge: &Knowledge,
    prune: bool,
    show_progress: bool,
    shard: Option<Shard>,
    mut sink: Option<GraphSink<'_>>,
) -> Result<IngestReport, PipelineError> {
    let start = Instant::now();
    let extractor = knowledge.extractor()?;
    let mut named = corpus_named_texts(corpus);
    // Named texts already in the store (from earlier ingests) are known too, unless the store
    // is to hold the corpus alone: the documents it is about to drop are no longer cited.
    let kept = if prune {
        Vec::new()
    } else {
        store.named_texts()?
    };
    for (id, label) in kept {
        if !named.iter().any(|e| e.id == id) {
            named.push(Entity {
                id,
                kind: EntityType::Document,
                label_zh: Some(label),
                label_en: None,
                aliases: Default::default(),
            });
        }
    }
    let fingerprint = knowledge.fingerprint(&named);
    let curation: &crate::curation::Curation = &knowledge.curation;
    let mut report = IngestReport::default();
    // In id order, so a sink sees the documents in the order the exports list them.
    let mut entries: Vec<&crate::ingest::ManifestEntry> = corpus
        .entries
        .iter()
        .filter(|e| shard.is_none_or(|s| s.contains(&e.id)))
        .collect();
    let bar = progress(entries.len(), show_progress);
    entries.sort_by(|a, b| a.id.cmp(&b.id));
    let wants_graphs = sink.is_some();
    let mut seen = std::collections::BTreeSet::new();
    for chunk in entries.chunks(CHUNK) {
        let shared: &CorpusStore = store;
        // The graph the store holds of a document, when a sink wants it.
        let stored = |id: &str| -> Result<Option<EncodedGraph>, StoreError> {
            match shared.document_hash(id) {
                Some(_) if wants_graphs => shared.encoded_graph(id, true).map(Some),
                _ => Ok(None),
            }
        };
        let outcomes: Vec<Result<Outcome, PipelineError>> = chunk
            .par_iter()
            .map(|entry| {
                let outcome = match crate::ingest::read(corpus, entry) {
                    Err(e) => Ok(Outcome::Failed(e, stored(&entry.id)?)),
                    Ok(read) => {
                        // Unchanged documents are told by their hash before any more work.
                        let base = format!("{}-{fingerprint}", read.content_hash());
                        if unchanged(shared, &entry.id, &base, curation)? {
                            Ok(Outcome::Unchanged(stored(&entry.id)?))
                        } else {
                            let extracted = guarded(&corpus.path_of(entry), || {
                                let doc = read.normalize(entry);
                                let text = DocumentText {
                                    meta: &doc.meta,
                                    original: &doc.original,
                                    normalized: &doc.normalized,
                                    char_base: doc.char_base,
                                    parties: &doc.parties,
                                };
                                let mut extraction = extractor.extract(&text, &named);
                                let found = found_ids(&extraction);
                                let concerning =
                                    curation.concerns(&doc.meta.id, &found, doc.normalized.text());
                                curation.apply(&mut extraction, &text, &concerning, &|id| {
                                    extractor.known(id)
                                });
                                let hash = curation.hash_with(&base, &concerning);
                                let view = crate::model::DocumentView {
                                    text: doc.normalized.text().to_string(),
                                    mentions: extraction.mentions.clone(),
                                    found: found.into_iter().collect(),
                                };
                                let graph = EncodedGraph::from_lines(
                                    &doc.meta.id,
                                    &hash,
                                    crate::rdf::to_quad_lines(&extraction),
                                );
                                (graph, view)
                            });
                            match extracted {
                                Err(e) => Ok(Outcome::Failed(e, stored(&entry.id)?)),
                                Ok((graph, view)) => {
                                    shared.write_text(&graph.id, &graph.hash, &view)?;
                                    shared.write_graph_file(&graph)?;
                                    Ok(Outcome::Extracted(graph))
                                }
                            }
                        }
                    }
                };
                bar.inc(1);
                outcome
            })
            .collect();
        let mut fresh = Vec::new();
        let mut passed = Vec::new();
        for (entry, outcome) in chunk.iter().zip(outcomes) {
            seen.insert(entry.id.clone());
            match outcome? {
                Outcome::Extracted(g) => {
                    report.ingested += 1;
                    fresh.push(passed.len());
                    passed.push(g);
                }
                Outcome::Unchanged(g) => {
                    report.unchanged += 1;
                    passed.extend(g);
                }
                Outcome::Failed(e, g) => {
                    report.failures.push(Failure {
                        file: corpus.path_of(entry).display().to_string(),
                        reason: error_chain(&e),
                    });
                    passed.extend(g);
                }
            }
        }
        // The files are written; the index now records the fresh documents, once per chunk.
        store.commit(fresh.iter().map(|i| &passed[*i]))?;
        if let Some(sink) = sink.as_mut() {
            sink(passed)?;
        }
    }
    bar.finish_and_clear();
    if prune {
        report.removed += store.retain_documents(|id| seen.contains(id))?;
    }
    report.elapsed = start.elapsed();
    Ok(report)
}

/// The ids of the entities a document's rules found: the entities and the ends of every
/// statement, before curation.
fn found_ids(x: &crate::model::Extraction) -> std::collections::BTreeSet<String> {
    x.entities
        .iter()
        .map(|e| e.id.clone())
        .chain(
            x.relations
                .iter()
                .flat_map(|r| [r.subject.clone(), r.object.clone()]),
        )
        .collect()
}

/// Whether the store's graph of a document is the one extraction and curation would give
/// now: its text and knowledge are the same (`base`), and so are the decisions that concern
/// it, told by what its rules found when it was last extracted.
fn unchanged(
    store: &CorpusStore,
    id: &str,
    base: &str,
    curation: &crate::curation::Curation,
) -> Result<bool, StoreError> {
    let Some(stored) = store.document_hash(id) else {
        return Ok(false);
    };
    if curation.is_empty() || !stored.starts_with(base) {
        return Ok(stored == base);
    }
    let Some(view) = store.document_text(id)? else {
        return Ok(false);
    };
    if view.found.is_empty() && !view.mentions.is_empty() {
        // Saved before the store kept what the rules found: extracted again.
        return Ok(false);
    }
    let found = view.found.into_iter().collect();
    let concerning = curation.concerns(id, &found, &view.text);
    Ok(stored == curation.hash_with(base, &concerning))
}

/// The merged graph of everything the store holds; with `cooccurrence`, plus the
/// `cooccursWith` layer of entities named in one sentence.
pub fn knowledge_graph(
    store: &CorpusStore,
    cooccurrence: bool,
) -> Result<KnowledgeGraph, PipelineError> {
    Ok(store.knowledge_graph(cooccurrence)?)
}

/// Options of `corridor build`.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    /// Corpus folder or manifest.
    pub corpus: PathBuf,
    /// Store folder.
    pub store: PathBuf,
    /// Folder the exports go to.
    pub out: PathBuf,
    /// Extraction knowledge.
    pub knowledge: Knowledge,
    /// Whether to draw a progress bar.
    pub progress: bool,
    /// What the exports carry (the co-occurrence layer) and leave out (unsure statements).
    pub exports: ExportOptions,
    /// Build only this shard of the corpus: the store holds its documents and the one export
    /// is `corridor.nq`, their N-Quads (see [`merge`]).
    pub shard: Option<Shard>,
    /// Whether documents are read through symbolic links wherever they lead
    /// ([`Corpus::follow_links`]).
    pub follow_links: bool,
    /// Whether PDFs without a text layer are read by OCR ([`Corpus::ocr`]).
    pub ocr: bool,
}

/// How `ingest` reads the documents of folders and manifests.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ReadOptions {
    /// Read documents through symbolic links wherever they lead ([`Corpus::follow_links`]).
    pub follow_links: bool,
    /// Read PDFs without a text layer by OCR ([`Corpus::ocr`]).
    pub ocr: bool,
}

/// `corridor build`: ingests the corpus (the store then holds exactly its documents) and
/// writes every export.
pub fn build(opts: &BuildOptions) -> Result<BuildReport, PipelineError> {
    let mut corpus = Corpus::open(&opts.corpus)?;
    corpus.follow_links = opts.follow_links;
    corpus.ocr = opts.ocr;
    let mut store = CorpusStore::open(&opts.store)?;
    let ontology = opts.knowledge.ontology_dir.as_deref();
    let (ingest, kg, exports) = if store.graphs_are_files() {
        // One pass: each document's graph goes to the exports as the store records it.
        // The exports take the graphs on their own thread, so the next documents are
        // extracted while the last ones are written.
        // Written aside and moved into place at the end, so a build that fails leaves the
        // exports of the last one whole.
        let ((ingest, kg), exports) = exports::staged(&opts.out, true, |staging| {
            let jobs = match opts.shard {
                None => exports::jobs(staging, opts.exports.formats),
                Some(_) => vec![(ExportFormat::Nquads, staging.join("corridor.nq"))],
            };
            let mut streamed = exports::Streamed::open(&jobs, opts.exports, ontology)?;
            let (tx, rx) = std::sync::mpsc::sync_channel::<Vec<EncodedGraph>>(2);
            let (ingest, gathered) = std::thread::scope(|scope| {
                let writer = scope.spawn(move || -> Result<exports::Gathered, PipelineError> {
                    for graphs in rx {
                        streamed.add(graphs)?;
                    }
                    streamed.finish()
                });
                let ingest = ingest_corpus_with(
                    &corpus,
                    &mut store,
                    &opts.knowledge,
                    true,
                    opts.progress,
                    opts.shard,
                    Some(&mut |graphs| {
                        // A closed channel means the writer stopped on an error, reported below.
                        let _ = tx.send(graphs);
                        Ok(())
                    }),
                );
                drop(tx);
                let gathered = writer
                    .join()
                    .unwrap_or_else(|p| std::panic::resume_unwind(p));
                (ingest, gathered)
            });
            let ingest = ingest?;
            let (kg, exports) = exports::write_gathered(&jobs, gathered?)?;
            let exports = exports::compress_files(exports, opts.exports.compress)?;
            Ok(((ingest, kg), exports))
        })?;
        (ingest, kg, exports)
    } else {
        // Updates accepted on top of the graphs: the exports read the dataset after the ingest.
        let ingest = ingest_corpus_with(
            &corpus,
            &mut store,
            &opts.knowledge,
            true,
            opts.progress,
            opts.shard,
            None,
        )?;
        let (kg, exports) = match opts.shard {
            None => write_all_exports(&store, &opts.out, ontology, opts.exports)?,
            Some(_) => {
                let out = opts.out.join("corridor.nq");
                let written = exports::export_from(
                    &store,
                    ExportFormat::Nquads,
                    &out,
                    ontology,
                    ExportOptions::default(),
                )?;
                (KnowledgeGraph::default(), written)
            }
        };
        (ingest, kg, exports)
    };
    let mut ingest = ingest;
    curate::record(&opts.store, &opts.knowledge.curation)?;
    ingest.stale = curate::stale(&store, &opts.knowledge.curation)?;
    let removed = match opts.shard {
        None => exports::remove_stale(&opts.out, &exports),
        Some(_) => Vec::new(),
    };
    Ok(BuildReport {
        ingest,
        documents: store.document_ids().count(),
        entities: kg.entity_counts(),
        relations: kg.relation_counts(),
        exports,
        removed,
        shard: opts.shard,
    })
}

/// Options of `corridor merge`.
#[derive(Debug, Clone)]
pub struct MergeOptions {
    /// The stores to merge (the shards' stores of `build --shard`).
    pub shards: Vec<PathBuf>,
    /// The store they are merged into.
    pub store: PathBuf,
    /// Folder the exports are written to.
    pub out: PathBuf,
    /// Folder of the ontology the exports carry (the built-in one when `None`).
    pub ontology_dir: Option<PathBuf>,
    /// What the exports carry (the co-occurrence layer) and leave out (unsure statements).
    pub exports: ExportOptions,
}

/// `corridor merge`: copies the documents of the shards' stores into one store, then writes
/// every export of it, as `build` does. Shards built from one corpus with the same knowledge
/// give the store and exports a single `build` gives. A document in two of the shards is an
/// error, and nothing is merged then.
pub fn merge(opts: &MergeOptions) -> Result<BuildReport, PipelineError> {
    let start = Instant::now();
    let shards: Vec<CorpusStore> = opts
        .shards
        .iter()
        .map(|p| CorpusStore::open_read_only(p))
        .collect::<Result<_, _>>()?;
    let mut owner: BTreeMap<&str, &Path> = BTreeMap::new();
    for (shard, path) in shards.iter().zip(&opts.shards) {
        for id in shard.document_ids() {
            if let Some(first) = owner.insert(id, path) {
                return Err(PipelineError::Usage(format!(
                    "document `{id}` is in two shards: {} and {}",
                    first.display(),
                    path.display()
                )));
            }
        }
    }
    // The shards were curated with one file, which the merged store records in turn.
    let mut recorded: Option<(String, &Path)> = None;
    for path in &opts.shards {
        let text = std::fs::read_to_string(path.join(curate::RECORDED)).unwrap_or_default();
        match &recorded {
            Some((first, at)) if *first != text => {
                return Err(PipelineError::Usage(format!(
                    "the shards were built with different curation files: {} and {}",
                    at.display(),
                    path.display()
                )));
            }
            Some(_) => {}
            None => recorded = Some((text, path)),
        }
    }
    let mut store = CorpusStore::open(&opts.store)?;
    let mut merged = 0;
    for shard in &shards {
        merged += store.merge_from(shard)?;
    }
    let curation = match recorded {
        Some((text, _)) if !text.is_empty() => {
            let path = opts.store.join(curate::RECORDED);
            crate::curation::Curation::parse(&text, &path)?
        }
        _ => crate::curation::Curation::empty(),
    };
    curate::record(&opts.store, &curation)?;
    let (kg, exports) = write_all_exports(
        &store,
        &opts.out,
        opts.ontology_dir.as_deref(),
        opts.exports,
    )?;
    Ok(BuildReport {
        ingest: IngestReport {
            ingested: merged,
            stale: curate::stale(&store, &curation)?,
            elapsed: start.elapsed(),
            ..Default::default()
        },
        documents: store.document_ids().count(),
        entities: kg.entity_counts(),
        relations: kg.relation_counts(),
        removed: exports::remove_stale(&opts.out, &exports),
        exports,
        shard: None,
    })
}

/// `corridor ingest`: adds or replaces the documents of the given files, folders or manifests.
pub fn ingest_paths(
    paths: &[PathBuf],
    store_dir: &Path,
    knowledge: &Knowledge,
    show_progress: bool,
    read: ReadOptions,
) -> Result<IngestReport, PipelineError> {
    let mut store = CorpusStore::open(store_dir)?;
    let mut total = IngestReport::default();
    let mut loose = Vec::new();
    for p in paths {
        if p.is_file() && p.extension().is_some_and(|x| x != "toml") || !p.exists() {
            loose.push(p.clone());
        } else {
            let mut corpus = Corpus::open(p)?;
            corpus.follow_links = read.follow_links;
            corpus.ocr = read.ocr;
            let r = ingest_corpus(&corpus, &mut store, knowledge, false, show_progress)?;
            add_report(&mut total, r);
        }
    }
    if !loose.is_empty() {
        let mut corpus = Corpus::from_files(&loose);
        corpus.ocr = read.ocr;
        let r = ingest_corpus(&corpus, &mut store, knowledge, false, show_progress)?;
        add_report(&mut total, r);
    }
    curate::record(store_dir, &knowledge.curation)?;
    total.stale = curate::stale(&store, &knowledge.curation)?;
    Ok(total)
}

fn add_report(total: &mut IngestReport, r: IngestReport) {
    total.ingested += r.ingested;
    total.unchanged += r.unchanged;
    total.removed += r.removed;
    total.failures.extend(r.failures);
    total.elapsed += r.elapsed;
}

/// What `corridor stats` reports.
#[derive(Debug)]
pub struct Stats {
    /// Documents, by id, with their title.
    pub documents: BTreeMap<String, String>,
    /// Entities by type.
    pub entities: BTreeMap<EntityType, usize>,
    /// Distinct relations by kind.
    pub relations: BTreeMap<RelationKind, usize>,
    /// Relation statements (evidence records).
    pub statements: usize,
    /// Quads in the store.
    pub quads: usize,
}

/// `corridor stats`: what the store holds.
pub fn stats(store_dir: &Path) -> Result<Stats, PipelineError> {
    let store = CorpusStore::open_read_only(store_dir)?;
    let kg = knowledge_graph(&store, false)?;
    Ok(Stats {
        documents: kg
            .documents
            .iter()
            .map(|(id, d)| (id.clone(), d.title.clone()))
            .collect(),
        entities: kg.entity_counts(),
        relations: kg.relation_counts(),
        statements: kg.edges.values().map(|e| e.weight()).sum(),
        quads: store.len()?,
    })
}

/// `corridor validate`: checks the store's graph, or an RDF file (its format from its ending:
/// `.ttl`, `.nt`, `.nq`, `.trig`, `.rdf`, `.jsonld`), against SHACL shapes (`shapes`, else
/// `shapes.ttl` of the ontology folder, else the built-in copy). Returns every violation.
pub fn validate(
    store_dir: &Path,
    file: Option<&Path>,
    shapes: Option<&Path>,
    ontology_dir: Option<&Path>,
) -> Result<Vec<crate::validate::Violation>, PipelineError> {
    let shapes_path = shapes
        .map(Path::to_path_buf)
        .or_else(|| ontology_dir.map(|d| d.join("shapes.ttl")));
    let (shapes_text, origin) = match &shapes_path {
        Some(p) => (
            std::fs::read_to_string(p).map_err(|e| PipelineError::Read {
                path: p.clone(),
                message: e.to_string(),
            })?,
            p.display().to_string(),
        ),
        None => (
            crate::validate::BUILTIN_SHAPES.to_string(),
            "(built-in) shapes.ttl".into(),
        ),
    };
    let quads = match file {
        None => CorpusStore::open_read_only(store_dir)?.quads()?,
        Some(f) => read_rdf_file(f)?,
    };
    Ok(crate::validate::validate(&quads, &shapes_text, &origin)?)
}

/// Every quad of an RDF file, its format told by its ending.
fn read_rdf_file(path: &Path) -> Result<Vec<oxigraph::model::Quad>, PipelineError> {
    use oxigraph::io::{RdfFormat, RdfParser};
    let ending = path
        .extension()
        .and_then(|x| x.to_str())
        .unwrap_or("")
        .to_ascii_lowercase();
    let format = match ending.as_str() {
        "ttl" => RdfFormat::Turtle,
        "nt" => RdfFormat::NTriples,
        "nq" => RdfFormat::NQuads,
        "trig" => RdfFormat::TriG,
        "rdf" | "xml" | "owl" => RdfFormat::RdfXml,
        "jsonld" | "json" => RdfFormat::JsonLd {
            profile: Default::default(),
        },
        other => {
            return Err(PipelineError::Read {
                path: path.to_path_buf(),
                message: format!(
                    "unknown RDF file ending `.{other}` (use .ttl, .nt, .nq, .trig, .rdf or .jsonld)"
                ),
            });
        }
    };
    let bytes = std::fs::read(path).map_err(|e| PipelineError::Read {
        path: path.to_path_buf(),
        message: e.to_string(),
    })?;
    RdfParser::from_format(format)
        .for_reader(bytes.as_slice())
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| PipelineError::Read {
            path: path.to_path_buf(),
            message: e.to_string(),
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panic_in_one_documents_work_is_that_documents_failure_naming_it() {
        let path = Path::new("corpus/broken.txt");
        let failed = guarded(path, || -> usize { panic!("index out of range") });
        let Err(e) = failed else {
            panic!("a panic must become an error")
        };
        let message = e.to_string();
        assert!(message.contains("corpus/broken.txt"), "{message}");
        assert!(message.contains("index out of range"), "{message}");
        // Work that ends normally gives its value.
        assert_eq!(guarded(path, || 7).unwrap(), 7);
    }
}
