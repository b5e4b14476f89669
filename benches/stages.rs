//! How fast each stage of corridor runs on its shipped default corpus (`data/`).
//!
//! Stages, each a criterion benchmark with a rate: normalization, jieba's tokenization,
//! gazetteer matching, the rules' name candidates, mentions, relations and the whole
//! extraction (bytes of text per second); RDF conversion, writing every document into a fresh
//! store, opening a built store and merging its quads into the graph (quads per second); the
//! graph's petgraph projection and every exporter (edges per second); and every example query
//! of `queries/` on a store of the corpus (queries per second, all results read; set
//! `CORRIDOR_BENCH_STORE` to a store folder to run them on another store, such as one built
//! from `corridor bench-corpus --mb 100`).
//!
//! PDFs are timed apart, on the fixtures of `tests/fixtures/pdf/` (the Action Plan as printed
//! by headless Chromium, LibreOffice and XeLaTeX): reading each whole, from its bytes to the
//! laid-out text (the reader's child process included), in bytes of text per second beside the
//! plain-text path (decoding and normalizing the same text), and in pages per second.
//!
//! Every rate is of one thread: `corridor build` extracts documents in parallel. Run
//! `cargo bench --bench stages`; `cargo bench --bench stages -- --test` runs each benchmark
//! once, as a check that they all work.

use std::hint::black_box;
use std::io::sink;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use std::time::Duration;

use criterion::{BatchSize, Criterion, Throughput, criterion_group, criterion_main};
use oxigraph::model::Quad;
use oxigraph::sparql::QueryResults;
use tempfile::TempDir;

use corridor::export::{csv, gexf, graphml, jsonl, neo4j, svg};
use corridor::extract::stages::{self, Tokenized};
use corridor::extract::{DocumentText, Extractor};
use corridor::graph::GraphProjection;
use corridor::ingest::normalize::NormalizedText;
use corridor::ingest::{Corpus, LoadedDocument};
use corridor::model::{Entity, Extraction, KnowledgeGraph};
use corridor::store::CorpusStore;

/// The default corpus loaded and taken through every stage once: each benchmark starts from
/// the output of the stages before its own.
struct Fixture {
    docs: Vec<LoadedDocument>,
    /// The corpus's named texts, which extraction matches like gazetteer entries.
    known: Vec<Entity>,
    extractor: Extractor,
    extractions: Vec<Extraction>,
    /// Each document's quads, in corpus order.
    quads: Vec<Vec<Quad>>,
    graph: KnowledgeGraph,
    projection: GraphProjection,
}

impl Fixture {
    fn original_bytes(&self) -> u64 {
        self.docs.iter().map(|d| d.original.len() as u64).sum()
    }

    fn normalized_bytes(&self) -> u64 {
        self.docs
            .iter()
            .map(|d| d.normalized.text().len() as u64)
            .sum()
    }

    fn quad_count(&self) -> u64 {
        self.quads.iter().map(|q| q.len() as u64).sum()
    }

    fn edge_count(&self) -> u64 {
        self.graph.edges.len() as u64
    }

    fn texts(&self) -> impl Iterator<Item = DocumentText<'_>> {
        self.docs.iter().map(document_text)
    }

    fn tokenized(&self) -> Vec<(DocumentText<'_>, Tokenized<'_>)> {
        self.texts()
            .map(|doc| {
                let tokens = Tokenized::new(&doc);
                (doc, tokens)
            })
            .collect()
    }
}

fn repo_path(relative: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(relative)
}

fn document_text(doc: &LoadedDocument) -> DocumentText<'_> {
    DocumentText {
        meta: &doc.meta,
        original: &doc.original,
        normalized: &doc.normalized,
        char_base: doc.char_base,
        parties: &doc.parties,
    }
}

fn fixture() -> &'static Fixture {
    static FIXTURE: OnceLock<Fixture> = OnceLock::new();
    FIXTURE.get_or_init(|| {
        let corpus = Corpus::open(&repo_path("data")).expect("the default corpus opens");
        let docs: Vec<LoadedDocument> = corpus
            .entries
            .iter()
            .map(|entry| corridor::ingest::load(&corpus, entry).expect("a document loads"))
            .collect();
        let known = corridor::pipeline::corpus_named_texts(&corpus);
        let extractor = Extractor::load(None, true).expect("the built-in knowledge loads");
        let extractions: Vec<Extraction> = docs
            .iter()
            .map(|d| extractor.extract(&document_text(d), &known))
            .collect();
        let quads: Vec<Vec<Quad>> = extractions.iter().map(corridor::rdf::to_quads).collect();
        let graph = corridor::rdf::from_quads(quads.iter().flatten(), false);
        let projection = GraphProjection::new(&graph);
        Fixture {
            docs,
            known,
            extractor,
            extractions,
            quads,
            graph,
            projection,
        }
    })
}

/// Writes every document's quads into `store`, as `corridor build` does after extraction.
fn fill(store: &mut CorpusStore, fx: &Fixture) {
    for (doc, quads) in fx.docs.iter().zip(&fx.quads) {
        store
            .replace_document(&doc.meta.id, &doc.meta.content_hash, quads)
            .expect("the store takes the document");
    }
}

/// A store holding the default corpus, built once in a temporary folder.
fn built_store() -> &'static Path {
    static STORE: OnceLock<TempDir> = OnceLock::new();
    STORE
        .get_or_init(|| {
            let dir = TempDir::new().expect("a temporary folder");
            let mut store = CorpusStore::open(dir.path()).expect("a new store opens");
            fill(&mut store, fixture());
            dir
        })
        .path()
}

fn ingest(c: &mut Criterion) {
    let fx = fixture();
    let mut group = c.benchmark_group("ingest");
    group.throughput(Throughput::Bytes(fx.original_bytes()));
    group.bench_function("normalize", |b| {
        b.iter(|| {
            for doc in &fx.docs {
                black_box(NormalizedText::new(black_box(&doc.original)));
            }
        })
    });
    group.finish();
}

/// A fixture PDF: its producer, bytes and page count.
type PdfFixture = (&'static str, Vec<u8>, u64);

/// The Action Plan printed by each producer, and the text it was printed from.
fn pdf_fixtures() -> (Vec<PdfFixture>, Vec<u8>) {
    let dir = repo_path("tests/fixtures/pdf");
    let pdfs = ["chromium", "libreoffice", "xelatex"]
        .into_iter()
        .map(|producer| {
            let bytes = std::fs::read(dir.join(format!("{producer}-action-plan.pdf"))).unwrap();
            let pages = pdf_extract::Document::load_mem(&bytes)
                .unwrap()
                .get_pages()
                .len() as u64;
            (producer, bytes, pages)
        })
        .collect();
    (pdfs, std::fs::read(dir.join("action-plan.txt")).unwrap())
}

fn pdf(c: &mut Criterion) {
    use corridor::ingest::formats::convert;
    let (pdfs, text) = pdf_fixtures();
    let path = Path::new("action-plan.pdf");
    let text_bytes = convert(Path::new("action-plan.txt"), &text)
        .unwrap()
        .text
        .len() as u64;
    let mut group = c.benchmark_group("pdf_text");
    group.throughput(Throughput::Bytes(text_bytes));
    group.bench_function("plain_text", |b| {
        b.iter(|| {
            let read = convert(Path::new("action-plan.txt"), black_box(&text)).unwrap();
            black_box(NormalizedText::new(&read.text));
        })
    });
    for (producer, bytes, _) in &pdfs {
        group.bench_function(*producer, |b| {
            b.iter(|| {
                let read = convert(path, black_box(bytes)).unwrap();
                black_box(NormalizedText::of_paragraphs(&read.text));
            })
        });
    }
    group.finish();
    let mut group = c.benchmark_group("pdf_pages");
    for (producer, bytes, pages) in &pdfs {
        group.throughput(Throughput::Elements(*pages));
        group.bench_function(*producer, |b| {
            b.iter(|| black_box(convert(path, black_box(bytes)).unwrap()))
        });
    }
    group.finish();
}

fn extract(c: &mut Criterion) {
    let fx = fixture();
    let ex = &fx.extractor;
    let tokenized = fx.tokenized();
    let gazetteer: Vec<_> = tokenized
        .iter()
        .map(|(_, t)| stages::gazetteer_matches(ex, t))
        .collect();
    let found: Vec<_> = tokenized
        .iter()
        .map(|(_, t)| stages::mentions(ex, t, &fx.known))
        .collect();
    let mut group = c.benchmark_group("extract");
    group.throughput(Throughput::Bytes(fx.normalized_bytes()));
    group.bench_function("tokenize", |b| {
        b.iter(|| {
            for doc in fx.texts() {
                black_box(Tokenized::new(&doc).word_count());
            }
        })
    });
    group.bench_function("gazetteer", |b| {
        b.iter(|| {
            for (_, t) in &tokenized {
                black_box(stages::gazetteer_matches(ex, t));
            }
        })
    });
    group.bench_function("rules", |b| {
        b.iter(|| {
            for ((_, t), gaz) in tokenized.iter().zip(&gazetteer) {
                black_box(stages::rule_candidates(ex, t, gaz));
            }
        })
    });
    group.bench_function("mentions", |b| {
        b.iter(|| {
            for (_, t) in &tokenized {
                black_box(stages::mentions(ex, t, &fx.known));
            }
        })
    });
    group.bench_function("relations", |b| {
        b.iter(|| {
            for ((doc, t), m) in tokenized.iter().zip(&found) {
                black_box(stages::relations(ex, doc, t, m, &fx.known));
            }
        })
    });
    group.bench_function("whole", |b| {
        b.iter(|| {
            for doc in fx.texts() {
                black_box(ex.extract(&doc, &fx.known));
            }
        })
    });
    group.finish();
}

fn rdf(c: &mut Criterion) {
    let fx = fixture();
    let mut group = c.benchmark_group("rdf");
    group.throughput(Throughput::Elements(fx.quad_count()));
    group.bench_function("to_quads", |b| {
        b.iter(|| {
            for x in &fx.extractions {
                black_box(corridor::rdf::to_quads(x));
            }
        })
    });
    group.bench_function("from_quads", |b| {
        b.iter(|| corridor::rdf::from_quads(fx.quads.iter().flatten(), false))
    });
    group.finish();
}

fn store(c: &mut Criterion) {
    let fx = fixture();
    let built = built_store();
    let mut group = c.benchmark_group("store");
    group.throughput(Throughput::Elements(fx.quad_count()));
    group.bench_function("replace_documents", |b| {
        b.iter_batched(
            || {
                let dir = TempDir::new().expect("a temporary folder");
                let store = CorpusStore::open(dir.path()).expect("a new store opens");
                (dir, store)
            },
            |(dir, mut store)| {
                fill(&mut store, fx);
                (dir, store)
            },
            BatchSize::PerIteration,
        )
    });
    // Opening reads the index; the dataset that answers queries is loaded from the graph
    // files when first needed.
    group.bench_function("open_and_load", |b| {
        b.iter_with_large_drop(|| {
            let store = CorpusStore::open_read_only(built).expect("the store opens");
            store.load_dataset().expect("the dataset loads");
            store
        })
    });
    group.finish();
}

fn export(c: &mut Criterion) {
    let fx = fixture();
    let (kg, proj) = (&fx.graph, &fx.projection);
    let out = TempDir::new().expect("a temporary folder");
    let mut group = c.benchmark_group("export");
    group.throughput(Throughput::Elements(fx.edge_count()));
    group.bench_function("projection", |b| b.iter(|| GraphProjection::new(kg)));
    group.bench_function("csv_nodes", |b| {
        b.iter(|| csv::write_nodes(kg, proj, sink()).expect("CSV nodes"))
    });
    group.bench_function("csv_edges", |b| {
        b.iter(|| csv::write_edges(kg, proj, sink()).expect("CSV edges"))
    });
    group.bench_function("graphml", |b| {
        b.iter(|| graphml::write_graphml(kg, proj, sink()).expect("GraphML"))
    });
    group.bench_function("gexf", |b| {
        b.iter(|| gexf::write_gexf(kg, proj, sink()).expect("GEXF"))
    });
    group.bench_function("jsonl_entities", |b| {
        b.iter(|| jsonl::write_entities(kg, proj, sink()).expect("JSON Lines entities"))
    });
    group.bench_function("jsonl_relations", |b| {
        b.iter(|| jsonl::write_relations(kg, sink()).expect("JSON Lines relations"))
    });
    group.bench_function("neo4j", |b| {
        b.iter(|| neo4j::write_neo4j(kg, proj, &out.path().join("neo4j")).expect("Neo4j CSV"))
    });
    #[cfg(feature = "parquet")]
    group.bench_function("parquet", |b| {
        b.iter(|| {
            corridor::export::parquet::write_parquet(kg, proj, &out.path().join("parquet"))
                .expect("Parquet")
        })
    });
    group.bench_function("svg", |b| {
        b.iter(|| svg::write_overview(kg, proj, sink()).expect("SVG"))
    });
    group.finish();
}

/// Reads every result of a query, so its evaluation runs to the end.
fn drain(results: QueryResults<'_>) -> usize {
    let mut read = 0;
    match results {
        QueryResults::Solutions(solutions) => {
            for solution in solutions {
                black_box(solution.expect("a solution"));
                read += 1;
            }
        }
        QueryResults::Graph(triples) => {
            for triple in triples {
                black_box(triple.expect("a triple"));
                read += 1;
            }
        }
        QueryResults::Boolean(yes) => read += usize::from(yes),
    }
    read
}

/// The store the example queries run on: `CORRIDOR_BENCH_STORE` when set (a store built by
/// `corridor build`, say of a generated 100 MB corpus), else a store of the default corpus.
fn query_store() -> PathBuf {
    match std::env::var_os("CORRIDOR_BENCH_STORE") {
        Some(dir) => PathBuf::from(dir),
        None => built_store().to_path_buf(),
    }
}

fn query(c: &mut Criterion) {
    let store = CorpusStore::open_read_only(&query_store()).expect("the store opens");
    store.load_dataset().expect("the dataset loads");
    let mut files: Vec<PathBuf> = std::fs::read_dir(repo_path("queries"))
        .expect("the queries folder")
        .map(|e| e.expect("a folder entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "rq"))
        .collect();
    files.sort();
    let mut group = c.benchmark_group("query");
    group.throughput(Throughput::Elements(1));
    for file in files {
        let sparql = std::fs::read_to_string(&file).expect("a query file");
        let name = file.file_stem().expect("a file name").to_string_lossy();
        group.bench_function(name.as_ref(), |b| {
            b.iter(|| drain(store.query(&sparql).expect("the query runs")))
        });
    }
    group.finish();
}

fn short() -> Criterion {
    Criterion::default()
        .sample_size(10)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3))
}

criterion_group! {
    name = benches;
    config = short();
    targets = ingest, pdf, extract, rdf, store, export, query
}
criterion_main!(benches);
