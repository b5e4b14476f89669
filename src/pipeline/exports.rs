//! Writing the exports of a store: every default export into a folder (`build`), or one
//! format to a path (`export`).

use std::fs;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use oxigraph::io::RdfFormat;

use super::{PipelineError, knowledge_graph};
use crate::export::{csv, gexf, graphml, jsonl, neo4j, rdf as rdf_export, svg};
use crate::graph::GraphProjection;
use crate::model::KnowledgeGraph;
use crate::store::CorpusStore;

/// Formats of `corridor export`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ExportFormat {
    /// GraphML for Gephi, networkx, igraph.
    Graphml,
    /// GEXF 1.3, Gephi's own format, with colours, sizes and a timeline.
    Gexf,
    /// `nodes.csv` and `edges.csv` (Gephi's spreadsheet importer, pandas).
    Csv,
    /// Turtle of the default graph: ontology and merged facts.
    Turtle,
    /// N-Triples of the default graph.
    Ntriples,
    /// N-Quads of every document graph, evidence included.
    Nquads,
    /// TriG of every document graph, with prefixes.
    Trig,
    /// RDF/XML of the default graph (RDF/XML has no named graphs).
    Rdfxml,
    /// JSON-LD of every document graph (compact it with `ontology/context.jsonld`).
    Jsonld,
    /// `entities.jsonl` and `relations.jsonl` (one statement per line, with its evidence).
    Jsonl,
    /// CSV for `neo4j-admin database import`: a nodes file per type, a relationships file per
    /// relation.
    Neo4j,
    /// A picture of the core of the graph (SVG), laid out by force simulation.
    Svg,
    /// `nodes.parquet`, `edges.parquet`, `evidence.parquet` and `documents.parquet`, with typed
    /// columns (needs the `parquet` cargo feature, on by default).
    Parquet,
}

impl ExportFormat {
    /// Whether the format is RDF, written from the store's quads rather than the merged graph.
    pub fn is_rdf(self) -> bool {
        matches!(
            self,
            ExportFormat::Turtle
                | ExportFormat::Ntriples
                | ExportFormat::Nquads
                | ExportFormat::Trig
                | ExportFormat::Rdfxml
                | ExportFormat::Jsonld
        )
    }
}

fn create(path: &Path) -> Result<BufWriter<fs::File>, PipelineError> {
    if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        fs::create_dir_all(parent).map_err(|source| PipelineError::Write {
            path: parent.to_path_buf(),
            source,
        })?;
    }
    let file = fs::File::create(path).map_err(|source| PipelineError::Write {
        path: path.to_path_buf(),
        source,
    })?;
    Ok(BufWriter::new(file))
}

fn finish(mut w: BufWriter<fs::File>, path: &Path) -> Result<(), PipelineError> {
    w.flush().map_err(|source| PipelineError::Write {
        path: path.to_path_buf(),
        source,
    })
}

fn ontology_text(dir: Option<&Path>) -> Result<(String, String), PipelineError> {
    match dir {
        None => Ok((
            rdf_export::BUILTIN_ONTOLOGY.to_string(),
            "(built-in) corridor.ttl".into(),
        )),
        Some(d) => {
            let path = d.join("corridor.ttl");
            let text = fs::read_to_string(&path).map_err(|source| PipelineError::Write {
                path: path.clone(),
                source,
            })?;
            Ok((text, path.display().to_string()))
        }
    }
}

/// The store's quads, read and sorted once however many RDF exports need them.
struct Quads<'a> {
    store: &'a CorpusStore,
    sorted: std::sync::OnceLock<Vec<oxigraph::model::Quad>>,
}

impl Quads<'_> {
    fn get(&self) -> Result<&[oxigraph::model::Quad], PipelineError> {
        if let Some(q) = self.sorted.get() {
            return Ok(q);
        }
        let quads = self.store.quads()?;
        Ok(self.sorted.get_or_init(|| quads))
    }
}

/// Writes one export of `format` to `out` (a folder for CSV, a file otherwise).
fn write_one(
    format: ExportFormat,
    store: &Quads<'_>,
    kg: &KnowledgeGraph,
    proj: &GraphProjection,
    out: &Path,
    ontology_dir: Option<&Path>,
) -> Result<Vec<PathBuf>, PipelineError> {
    match format {
        ExportFormat::Csv => {
            let nodes = out.join("nodes.csv");
            let edges = out.join("edges.csv");
            let mut w = create(&nodes)?;
            csv::write_nodes(kg, proj, &mut w)?;
            finish(w, &nodes)?;
            let mut w = create(&edges)?;
            csv::write_edges(kg, proj, &mut w)?;
            finish(w, &edges)?;
            Ok(vec![nodes, edges])
        }
        ExportFormat::Graphml => {
            let mut w = create(out)?;
            graphml::write_graphml(kg, proj, &mut w)?;
            finish(w, out)?;
            Ok(vec![out.to_path_buf()])
        }
        ExportFormat::Jsonl => {
            let entities = out.join("entities.jsonl");
            let relations = out.join("relations.jsonl");
            let mut w = create(&entities)?;
            jsonl::write_entities(kg, proj, &mut w)?;
            finish(w, &entities)?;
            let mut w = create(&relations)?;
            jsonl::write_relations(kg, &mut w)?;
            finish(w, &relations)?;
            Ok(vec![entities, relations])
        }
        ExportFormat::Neo4j => neo4j::write_neo4j(kg, proj, out).map_err(|e| match e {
            crate::export::ExportError::Write(source) => PipelineError::Write {
                path: out.to_path_buf(),
                source,
            },
            other => other.into(),
        }),
        #[cfg(feature = "parquet")]
        ExportFormat::Parquet => {
            crate::export::parquet::write_parquet(kg, proj, out).map_err(|e| match e {
                crate::export::ExportError::Write(source) => PipelineError::Write {
                    path: out.to_path_buf(),
                    source,
                },
                other => other.into(),
            })
        }
        #[cfg(not(feature = "parquet"))]
        ExportFormat::Parquet => Err(PipelineError::Usage(
            "this corridor was built without Parquet: rebuild it with `--features parquet`".into(),
        )),
        ExportFormat::Svg => {
            let mut w = create(out)?;
            svg::write_overview(kg, proj, &mut w)?;
            finish(w, out)?;
            Ok(vec![out.to_path_buf()])
        }
        ExportFormat::Gexf => {
            let mut w = create(out)?;
            gexf::write_gexf(kg, proj, &mut w)?;
            finish(w, out)?;
            Ok(vec![out.to_path_buf()])
        }
        ExportFormat::Turtle | ExportFormat::Ntriples | ExportFormat::Rdfxml => {
            let (text, origin) = ontology_text(ontology_dir)?;
            let ontology = rdf_export::ontology_triples(&text, &origin)?;
            let triples = rdf_export::default_graph(&ontology, store.get()?);
            let rdf_format = match format {
                ExportFormat::Turtle => RdfFormat::Turtle,
                ExportFormat::Rdfxml => RdfFormat::RdfXml,
                _ => RdfFormat::NTriples,
            };
            let mut w = create(out)?;
            rdf_export::write_triples(&triples, rdf_format, &mut w)?;
            finish(w, out)?;
            Ok(vec![out.to_path_buf()])
        }
        ExportFormat::Nquads | ExportFormat::Trig | ExportFormat::Jsonld => {
            let rdf_format = match format {
                ExportFormat::Trig => RdfFormat::TriG,
                ExportFormat::Jsonld => RdfFormat::JsonLd {
                    profile: Default::default(),
                },
                _ => RdfFormat::NQuads,
            };
            let mut w = create(out)?;
            rdf_export::write_quads(store.get()?, rdf_format, &mut w)?;
            finish(w, out)?;
            Ok(vec![out.to_path_buf()])
        }
    }
}

/// Writes every default export into `dir`: `nodes.csv`, `edges.csv`, `corridor.graphml`,
/// `corridor.gexf`, `corridor.ttl`, `corridor.nq`, `corridor.trig`, `corridor.rdf`,
/// `corridor.jsonld`, `entities.jsonl`, `relations.jsonl`, `neo4j/`, `overview.svg` and, with
/// the `parquet` feature, `parquet/`.
pub fn write_all_exports(
    store: &CorpusStore,
    kg: &KnowledgeGraph,
    dir: &Path,
    ontology_dir: Option<&Path>,
) -> Result<Vec<PathBuf>, PipelineError> {
    let proj = GraphProjection::new(kg);
    let store = &Quads {
        store,
        sorted: Default::default(),
    };
    // Every RDF export needs the sorted quads: read them once, before the exports run side by
    // side (each writes its own files from the same read-only graph, so the bytes do not depend
    // on the order they finish in).
    store.get()?;
    let mut jobs = vec![
        (ExportFormat::Csv, dir.to_path_buf()),
        (ExportFormat::Graphml, dir.join("corridor.graphml")),
        (ExportFormat::Gexf, dir.join("corridor.gexf")),
        (ExportFormat::Turtle, dir.join("corridor.ttl")),
        (ExportFormat::Nquads, dir.join("corridor.nq")),
        (ExportFormat::Trig, dir.join("corridor.trig")),
        (ExportFormat::Rdfxml, dir.join("corridor.rdf")),
        (ExportFormat::Jsonld, dir.join("corridor.jsonld")),
        (ExportFormat::Jsonl, dir.to_path_buf()),
        (ExportFormat::Neo4j, dir.join("neo4j")),
        (ExportFormat::Svg, dir.join("overview.svg")),
    ];
    if cfg!(feature = "parquet") {
        jobs.push((ExportFormat::Parquet, dir.join("parquet")));
    }
    use rayon::prelude::*;
    let results: Vec<Result<Vec<PathBuf>, PipelineError>> = jobs
        .par_iter()
        .map(|(format, target)| write_one(*format, store, kg, &proj, target, ontology_dir))
        .collect();
    let mut written = Vec::new();
    for r in results {
        written.extend(r?);
    }
    Ok(written)
}

/// `corridor export`: writes one format of the store's graph to `out`; with `cooccurrence`,
/// the graph exports (CSV, GraphML, GEXF, JSON Lines, Neo4j) carry the co-occurrence layer.
pub fn export(
    store_dir: &Path,
    format: ExportFormat,
    out: &Path,
    ontology_dir: Option<&Path>,
    cooccurrence: bool,
) -> Result<Vec<PathBuf>, PipelineError> {
    let store = CorpusStore::open_read_only(store_dir)?;
    // The RDF formats write the store's quads as they are: no merged graph, no metrics.
    let kg = if format.is_rdf() {
        KnowledgeGraph::default()
    } else {
        knowledge_graph(&store, cooccurrence)?
    };
    let proj = GraphProjection::new(&kg);
    let quads = Quads {
        store: &store,
        sorted: Default::default(),
    };
    write_one(format, &quads, &kg, &proj, out, ontology_dir)
}
