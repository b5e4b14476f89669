//! Writing the exports of a store: every default export into a folder (`build`), or one
//! format to a path (`export`).

use std::fs;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use oxigraph::io::RdfFormat;

use rayon::prelude::*;

use super::PipelineError;
use crate::export::rdf::{DefaultGraphBuilder, GraphStreamWriter};
use crate::export::{csv, gexf, graphml, jsonl, neo4j, rdf as rdf_export, svg};
use crate::graph::GraphProjection;
use crate::model::{Confidence, KnowledgeGraph, RelationKind};
use crate::rdf::{GraphPart, GraphReader};
use crate::store::{CorpusStore, EncodedGraph};

/// What the exports hold besides the facts stated in the documents, which statements they
/// leave out, which formats `build` and `merge` write and whether the large files are
/// compressed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ExportOptions {
    /// Whether the graph exports carry the co-occurrence layer.
    pub cooccurrence: bool,
    /// Statements less sure than this are left out of every export, and so are the edges
    /// they leave without a statement (0: everything).
    pub min_confidence: Confidence,
    /// The formats `build` and `merge` write (`export` writes the one it is asked for).
    pub formats: Formats,
    /// How the large text files (the RDF syntaxes and JSON Lines) are compressed, if at all.
    pub compress: Option<Compression>,
}

/// How the large export files are compressed: each file gets the codec's usual ending
/// (`corridor.nq.zst`, `corridor.nq.gz`) and is read by the tools that know it (`zstd -d`,
/// `gzip -d`, pandas and DuckDB by the ending, Jena's `riot`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Compression {
    /// Zstandard, level 3: fast, and about as small as gzip's best.
    Zstd,
    /// gzip (DEFLATE), level 6: read everywhere, several times slower to write than zstd.
    Gzip,
}

impl Compression {
    /// The ending the codec adds to a file's name.
    pub fn ending(self) -> &'static str {
        match self {
            Compression::Zstd => "zst",
            Compression::Gzip => "gz",
        }
    }
}

/// A set of export formats: what `build --formats` names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Formats(u32);

impl Formats {
    /// The formats a build writes unless told otherwise: CSV, GraphML, GEXF, Parquet (when
    /// built in), N-Quads and the overview.
    pub const DEFAULT: &'static [ExportFormat] = &[
        ExportFormat::Nquads,
        ExportFormat::Csv,
        ExportFormat::Graphml,
        ExportFormat::Gexf,
        ExportFormat::Svg,
        ExportFormat::Parquet,
    ];

    /// No format.
    pub fn none() -> Formats {
        Formats(0)
    }

    /// Every format `export` knows (Parquet only when built in).
    pub fn all() -> Formats {
        let mut f = Formats::none();
        for format in <ExportFormat as clap::ValueEnum>::value_variants() {
            f.insert(*format);
        }
        f
    }

    /// Adds `format` to the set.
    pub fn insert(&mut self, format: ExportFormat) {
        if format != ExportFormat::Parquet || cfg!(feature = "parquet") {
            self.0 |= 1 << (format as u32);
        }
    }

    /// Whether the set holds `format`.
    pub fn contains(self, format: ExportFormat) -> bool {
        self.0 & (1 << (format as u32)) != 0
    }
}

impl Default for Formats {
    fn default() -> Formats {
        let mut f = Formats::none();
        for format in Formats::DEFAULT {
            f.insert(*format);
        }
        f
    }
}

impl std::str::FromStr for Formats {
    type Err = String;

    /// A comma-separated list of format names (those of `export --format`), `default` or
    /// `all`: `default,turtle` adds Turtle to the default set.
    fn from_str(list: &str) -> Result<Formats, String> {
        let mut set = Formats::none();
        for name in list.split(',').map(str::trim) {
            match name {
                "" => {}
                "all" => set.0 |= Formats::all().0,
                "default" => set.0 |= Formats::default().0,
                _ => {
                    let format =
                        <ExportFormat as clap::ValueEnum>::from_str(name, true).map_err(|_| {
                            let names: Vec<String> =
                                <ExportFormat as clap::ValueEnum>::value_variants()
                                    .iter()
                                    .filter_map(|f| {
                                        clap::ValueEnum::to_possible_value(f)
                                            .map(|v| v.get_name().to_string())
                                    })
                                    .collect();
                            format!(
                                "unknown format `{name}`: give default, all, or formats among {}",
                                names.join(", ")
                            )
                        })?;
                    if format == ExportFormat::Parquet && !cfg!(feature = "parquet") {
                        return Err("this corridor was built without Parquet: rebuild it with \
                                    `--features parquet`"
                            .into());
                    }
                    set.insert(format);
                }
            }
        }
        if set == Formats::none() {
            return Err("name at least one format (or default, or all)".into());
        }
        Ok(set)
    }
}

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

/// The RDF formats written a document graph at a time (see [`GraphStreamWriter`]).
fn stream_format(format: ExportFormat) -> Option<RdfFormat> {
    match format {
        ExportFormat::Nquads => Some(RdfFormat::NQuads),
        ExportFormat::Trig => Some(RdfFormat::TriG),
        ExportFormat::Jsonld => Some(RdfFormat::JsonLd {
            profile: Default::default(),
        }),
        _ => None,
    }
}

/// Exports written as the document graphs come, a few at a time and in document order: the
/// formats with named graphs are written at once, while the merged graph and the default graph
/// are gathered for the exports written at the end. Nothing holds every quad at once.
pub(super) struct Streamed {
    /// Open writers of the formats with named graphs.
    writers: Vec<(RdfFormat, GraphStreamWriter<BufWriter<fs::File>>, PathBuf)>,
    /// The merged graph, when an export needs it.
    reader: Option<GraphReader>,
    cooccurrence: bool,
    /// Statements below this are left out of the quads as they come.
    min_confidence: Confidence,
    /// The default graph's shared triples, when an export needs it.
    default: Option<DefaultGraphBuilder>,
    /// For each triples format asked for: the documents' own records written so far to a
    /// file beside the export (`<export>.part`), and the export's path.
    own_records: Vec<(RdfFormat, BufWriter<fs::File>, PathBuf, PathBuf)>,
}

/// The triples formats (of the default graph) and their `oxigraph` format.
fn triples_format(format: ExportFormat) -> Option<RdfFormat> {
    match format {
        ExportFormat::Turtle => Some(RdfFormat::Turtle),
        ExportFormat::Ntriples => Some(RdfFormat::NTriples),
        ExportFormat::Rdfxml => Some(RdfFormat::RdfXml),
        _ => None,
    }
}

/// Where exports to `target` are written before they take its place: a hidden folder inside
/// `target` when it is a folder of exports, else a hidden file beside it.
fn staging_path(target: &Path, folder: bool) -> PathBuf {
    if folder {
        return target.join(".corridor-partial");
    }
    let mut name = std::ffi::OsString::from(".");
    name.push(target.file_name().unwrap_or_default());
    name.push(".partial");
    target.with_file_name(name)
}

/// The file a one-file staging path (`.NAME.partial`) stands for, if `path` is one.
fn unstaged(path: &Path) -> Option<PathBuf> {
    let name = path.file_name()?.to_str()?;
    let inner = name.strip_prefix('.')?.strip_suffix(".partial")?;
    (!inner.is_empty()).then(|| path.with_file_name(inner))
}

/// Runs `write` on a staging path shaped as `target` (a folder of exports when `folder`), then
/// moves every file it wrote into place, each by a rename; gives the files' final paths. When
/// `write` fails (an unwritable folder, a full disk), the staging files are removed and the
/// exports already at `target` are left as they were.
pub(super) fn staged<T>(
    target: &Path,
    folder: bool,
    write: impl FnOnce(&Path) -> Result<(T, Vec<PathBuf>), PipelineError>,
) -> Result<(T, Vec<PathBuf>), PipelineError> {
    if folder {
        if target.exists() && !target.is_dir() {
            return Err(PipelineError::Usage(format!(
                "cannot write the exports to {}: it is a file, not a folder",
                target.display()
            )));
        }
        fs::create_dir_all(target).map_err(|source| PipelineError::Write {
            path: target.to_path_buf(),
            source,
        })?;
    } else if target.is_dir() {
        return Err(PipelineError::Usage(format!(
            "cannot write the export to {}: it is a folder, not a file",
            target.display()
        )));
    }
    let staging = staging_path(target, folder);
    let remove_staging = || {
        let _ = if folder {
            fs::remove_dir_all(&staging)
        } else {
            fs::remove_file(&staging)
        };
    };
    // Left by a run that was killed: it never took the exports' place.
    remove_staging();
    let (value, written) = match write(&staging) {
        Ok(w) => w,
        Err(e) => {
            remove_staging();
            return Err(e);
        }
    };
    let mut placed = Vec::with_capacity(written.len());
    for file in written {
        let fin = match file.strip_prefix(&staging) {
            Ok(rel) if rel.as_os_str().is_empty() => target.to_path_buf(),
            Ok(rel) => target.join(rel),
            // A file staged beside the target (a second file of a one-file export).
            Err(_) => unstaged(&file).unwrap_or_else(|| file.clone()),
        };
        if fin != file {
            if let Some(parent) = fin.parent().filter(|p| !p.as_os_str().is_empty()) {
                fs::create_dir_all(parent).map_err(|source| PipelineError::Write {
                    path: parent.to_path_buf(),
                    source,
                })?;
            }
            if fin.is_dir() {
                // A folder where an export file goes: a rename over it would fail less clearly.
                return Err(PipelineError::Usage(format!(
                    "{} is a folder; cannot write an export file there",
                    fin.display()
                )));
            }
            fs::rename(&file, &fin).map_err(|source| PipelineError::Write {
                path: fin.clone(),
                source,
            })?;
        }
        placed.push(fin);
    }
    remove_staging();
    Ok((value, placed))
}

/// The file beside an export that gathers the documents' own records until the export is
/// written.
fn part_path(target: &Path) -> PathBuf {
    let mut name = target.file_name().unwrap_or_default().to_os_string();
    name.push(".part");
    target.with_file_name(name)
}

/// What the streamed pass gathered for the exports written at the end.
pub(super) struct Gathered {
    /// The merged graph (empty when no export needed it).
    pub kg: KnowledgeGraph,
    /// The default graph's shared triples, when an export needs them.
    pub default: Option<rdf_export::SharedTriples>,
    /// For each triples export: its format, the file of the documents' own records, and the
    /// export's path.
    pub own_records: Vec<(RdfFormat, PathBuf, PathBuf)>,
    /// Files written so far.
    pub written: Vec<PathBuf>,
}

/// One document graph made ready side by side with the others.
struct Prepared {
    part: Option<GraphPart>,
    fragments: Vec<Vec<u8>>,
    /// The triples shared with other documents, for the default graph.
    shared: Vec<String>,
    /// The document's own records serialized in each triples format.
    own: Vec<Vec<u8>>,
}

impl Streamed {
    /// Opens the streamed exports `formats` asks for (`targets` gives each its path) and
    /// gathers what the others need.
    pub(super) fn open(
        jobs: &[(ExportFormat, PathBuf)],
        options: ExportOptions,
        ontology_dir: Option<&Path>,
    ) -> Result<Streamed, PipelineError> {
        let cooccurrence = options.cooccurrence;
        let mut writers = Vec::new();
        let mut own_records = Vec::new();
        let mut needs_kg = false;
        for (format, path) in jobs {
            if let Some(rdf_format) = stream_format(*format) {
                let w = GraphStreamWriter::new(rdf_format, create(path)?)?;
                writers.push((rdf_format, w, path.clone()));
            } else if let Some(rdf_format) = triples_format(*format) {
                let part = part_path(path);
                own_records.push((rdf_format, create(&part)?, part, path.clone()));
            } else {
                needs_kg = true;
            }
        }
        let needs_default = !own_records.is_empty();
        let default = if needs_default {
            let (text, origin) = ontology_text(ontology_dir)?;
            Some(DefaultGraphBuilder::new(&rdf_export::ontology_triples(
                &text, &origin,
            )?))
        } else {
            None
        };
        Ok(Streamed {
            writers,
            reader: needs_kg.then(|| GraphReader::new(cooccurrence)),
            cooccurrence,
            min_confidence: options.min_confidence,
            default,
            own_records,
        })
    }

    /// Whether the exports read the quads themselves (not only the N-Quads text).
    pub(super) fn needs_quads(&self) -> bool {
        self.reader.is_some()
            || self.default.is_some()
            || self.min_confidence != Confidence::default()
            || self.writers.iter().any(|(f, _, _)| *f != RdfFormat::NQuads)
    }

    /// Takes the next document graphs, in document order.
    pub(super) fn add(&mut self, mut graphs: Vec<EncodedGraph>) -> Result<(), PipelineError> {
        if self.min_confidence != Confidence::default() {
            let min = self.min_confidence;
            graphs.par_iter_mut().for_each(|g| {
                if let Some(kept) = rdf_export::keep_confident(&g.quads, min) {
                    let fewer = EncodedGraph::new(&g.id, &g.hash, kept);
                    *g = fewer;
                }
            });
        }
        let formats: Vec<RdfFormat> = self
            .writers
            .iter()
            .map(|(f, _, _)| *f)
            .filter(|f| *f != RdfFormat::NQuads)
            .collect();
        let (kg, cooccurrence, default) = (
            self.reader.is_some(),
            self.cooccurrence,
            self.default.is_some(),
        );
        let triples_formats: Vec<RdfFormat> =
            self.own_records.iter().map(|(f, _, _, _)| *f).collect();
        let prepared: Vec<Result<Prepared, PipelineError>> = graphs
            .par_iter()
            .map(|g| {
                let (shared, own) = if default {
                    let part = rdf_export::default_graph_part(&g.quads);
                    let own = triples_formats
                        .iter()
                        .map(|f| rdf_export::triples_body(&part.own, *f))
                        .collect::<Result<_, _>>()?;
                    (part.shared, own)
                } else {
                    (Vec::new(), Vec::new())
                };
                Ok(Prepared {
                    part: kg.then(|| GraphReader::read_part(&g.quads, cooccurrence)),
                    fragments: formats
                        .iter()
                        .map(|f| rdf_export::graph_fragment(&g.quads, *f))
                        .collect::<Result<_, _>>()?,
                    shared,
                    own,
                })
            })
            .collect();
        for (g, p) in graphs.iter().zip(prepared) {
            let p = p?;
            if let (Some(reader), Some(part)) = (self.reader.as_mut(), p.part) {
                reader.absorb(part);
            }
            if let Some(d) = self.default.as_mut() {
                d.add(p.shared);
            }
            for ((_, w, part, _), bytes) in self.own_records.iter_mut().zip(&p.own) {
                w.write_all(bytes).map_err(|source| PipelineError::Write {
                    path: part.clone(),
                    source,
                })?;
            }
            let mut fragments = p.fragments.iter();
            for (format, w, path) in &mut self.writers {
                let bytes: &[u8] = if *format == RdfFormat::NQuads {
                    &g.nquads
                } else {
                    fragments.next().map(Vec::as_slice).unwrap_or_default()
                };
                w.write_fragment(bytes).map_err(|e| write_error(e, path))?;
            }
        }
        Ok(())
    }

    /// Ends the streamed files; gives what the other exports need.
    pub(super) fn finish(self) -> Result<Gathered, PipelineError> {
        let mut written = Vec::new();
        for (_, w, path) in self.writers {
            let w = w.finish().map_err(|e| write_error(e, &path))?;
            finish(w, &path)?;
            written.push(path);
        }
        let mut own_records = Vec::new();
        for (format, w, part, target) in self.own_records {
            finish(w, &part)?;
            own_records.push((format, part, target));
        }
        Ok(Gathered {
            kg: self.reader.map(GraphReader::finish).unwrap_or_default(),
            default: self.default.map(DefaultGraphBuilder::finish),
            own_records,
            written,
        })
    }
}

/// An export error while writing `path`, naming it.
fn write_error(e: crate::export::ExportError, path: &Path) -> PipelineError {
    match e {
        crate::export::ExportError::Write(source) => PipelineError::Write {
            path: path.to_path_buf(),
            source,
        },
        other => other.into(),
    }
}

/// Hands every graph of the store to `sink`, a few at a time in document order (read side by
/// side), then what accepted updates added outside the document graphs.
/// Without `parse`, the graphs are given as their N-Quads text alone (when the store's graphs
/// are files).
pub(super) fn stream_store(
    store: &CorpusStore,
    parse: bool,
    sink: &mut dyn FnMut(Vec<EncodedGraph>) -> Result<(), PipelineError>,
) -> Result<(), PipelineError> {
    store.stream_graphs(parse, sink)
}

/// Writes one export of `format` to `out` (a folder for CSV, a file otherwise) from what the
/// streamed pass gathered; the streamed formats are written already.
fn write_one(
    format: ExportFormat,
    gathered: &Gathered,
    proj: &GraphProjection,
    out: &Path,
) -> Result<Vec<PathBuf>, PipelineError> {
    let kg = &gathered.kg;
    match format {
        ExportFormat::Csv => {
            let [nodes, edges] = CSV_FILES.map(|f| out.join(f));
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
            let mut written = vec![out.to_path_buf()];
            // The co-occurrence layer, undirected, in a file of its own beside it.
            if kg
                .edges_in_order()
                .any(|e| e.kind == RelationKind::CooccursWith)
            {
                let layer = match unstaged(out) {
                    Some(target) => staging_path(&graphml::cooccurrence_path(&target), false),
                    None => graphml::cooccurrence_path(out),
                };
                let mut w = create(&layer)?;
                graphml::write_layer(kg, proj, graphml::Layer::Cooccurrence, &mut w)?;
                finish(w, &layer)?;
                written.push(layer);
            }
            Ok(written)
        }
        ExportFormat::Jsonl => {
            let [entities, relations] = JSONL_FILES.map(|f| out.join(f));
            let mut w = create(&entities)?;
            jsonl::write_entities(kg, proj, &mut w)?;
            finish(w, &entities)?;
            let mut w = create(&relations)?;
            jsonl::write_relations(kg, &mut w)?;
            finish(w, &relations)?;
            Ok(vec![entities, relations])
        }
        ExportFormat::Neo4j => neo4j::write_neo4j(kg, proj, out).map_err(|e| write_error(e, out)),
        #[cfg(feature = "parquet")]
        ExportFormat::Parquet => {
            crate::export::parquet::write_parquet(kg, proj, out).map_err(|e| write_error(e, out))
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
            // The shared triples, then the documents' own records gathered beside the export.
            let Some((rdf_format, part, _)) =
                gathered.own_records.iter().find(|(_, _, t)| t == out)
            else {
                return Ok(Vec::new());
            };
            let none = rdf_export::SharedTriples::default();
            let shared = gathered.default.as_ref().unwrap_or(&none);
            let mut w = create(out)?;
            let write_err = |source| PipelineError::Write {
                path: out.to_path_buf(),
                source,
            };
            rdf_export::TriplesFile::write_head(shared.triples(), *rdf_format, &mut w).map_err(
                |e| match e {
                    crate::export::ExportError::Write(source) => write_err(source),
                    other => other.into(),
                },
            )?;
            let mut records = fs::File::open(part).map_err(|source| PipelineError::Write {
                path: part.clone(),
                source,
            })?;
            std::io::copy(&mut records, &mut w).map_err(write_err)?;
            w.write_all(&rdf_export::TriplesFile::tail(*rdf_format)?)
                .map_err(write_err)?;
            finish(w, out)?;
            fs::remove_file(part).map_err(|source| PipelineError::Write {
                path: part.clone(),
                source,
            })?;
            Ok(vec![out.to_path_buf()])
        }
        // Written while streaming.
        ExportFormat::Nquads | ExportFormat::Trig | ExportFormat::Jsonld => Ok(Vec::new()),
    }
}

/// Every export `build` can write, each with its path in `dir`, in the order they are set up.
const LAYOUT: &[(ExportFormat, &str)] = &[
    (ExportFormat::Nquads, "corridor.nq"),
    (ExportFormat::Trig, "corridor.trig"),
    (ExportFormat::Jsonld, "corridor.jsonld"),
    (ExportFormat::Csv, ""),
    (ExportFormat::Graphml, "corridor.graphml"),
    (ExportFormat::Gexf, "corridor.gexf"),
    (ExportFormat::Turtle, "corridor.ttl"),
    (ExportFormat::Ntriples, "corridor.nt"),
    (ExportFormat::Rdfxml, "corridor.rdf"),
    (ExportFormat::Jsonl, ""),
    (ExportFormat::Neo4j, "neo4j"),
    (ExportFormat::Svg, "overview.svg"),
    (ExportFormat::Parquet, "parquet"),
];

/// The files of the CSV export, in its folder.
const CSV_FILES: [&str; 2] = ["nodes.csv", "edges.csv"];

/// The files of the JSON Lines export, in its folder.
const JSONL_FILES: [&str; 2] = ["entities.jsonl", "relations.jsonl"];

/// The exports of `build` that `formats` names, each with its path in `dir`.
pub(super) fn jobs(dir: &Path, formats: Formats) -> Vec<(ExportFormat, PathBuf)> {
    LAYOUT
        .iter()
        .filter(|(f, _)| formats.contains(*f))
        .map(|(f, name)| {
            let path = if name.is_empty() {
                dir.to_path_buf()
            } else {
                dir.join(name)
            };
            (*f, path)
        })
        .collect()
}

/// Whether a file of the exports is one of the large text files `--compress` compresses.
fn compressible(path: &Path) -> bool {
    matches!(
        path.extension().and_then(|e| e.to_str()),
        Some("nq" | "trig" | "jsonld" | "ttl" | "nt" | "rdf" | "jsonl")
    )
}

/// Compresses `path` in place with `codec` (its name keeps no new ending; see
/// [`compress_files`]).
fn compress_in_place(path: &Path, codec: Compression) -> Result<(), PipelineError> {
    let write_err = |source| PipelineError::Write {
        path: path.to_path_buf(),
        source,
    };
    let mut packed = path.as_os_str().to_os_string();
    packed.push(".packing");
    let packed = PathBuf::from(packed);
    let mut input = fs::File::open(path).map_err(write_err)?;
    let output = fs::File::create(&packed).map_err(|source| PipelineError::Write {
        path: packed.clone(),
        source,
    })?;
    let result = (|| -> std::io::Result<()> {
        let output = BufWriter::with_capacity(1 << 20, output);
        match codec {
            Compression::Zstd => {
                let mut enc = zstd::stream::Encoder::new(output, 3)?;
                std::io::copy(&mut input, &mut enc)?;
                enc.finish()?
                    .into_inner()
                    .map_err(|e| e.into_error())?
                    .sync_all()
            }
            Compression::Gzip => {
                let mut enc = flate2::write::GzEncoder::new(output, flate2::Compression::new(6));
                std::io::copy(&mut input, &mut enc)?;
                enc.finish()?
                    .into_inner()
                    .map_err(|e| e.into_error())?
                    .sync_all()
            }
        }
    })();
    if let Err(source) = result {
        let _ = fs::remove_file(&packed);
        return Err(PipelineError::Write {
            path: packed,
            source,
        });
    }
    fs::rename(&packed, path).map_err(write_err)
}

/// Compresses the large text files among `written` (side by side), renaming each with the
/// codec's ending: the files then written, in the same order.
pub(super) fn compress_files(
    written: Vec<PathBuf>,
    codec: Option<Compression>,
) -> Result<Vec<PathBuf>, PipelineError> {
    let Some(codec) = codec else {
        return Ok(written);
    };
    written
        .into_par_iter()
        .map(|path| {
            if !compressible(&path) {
                return Ok(path);
            }
            compress_in_place(&path, codec)?;
            let mut name = path.as_os_str().to_os_string();
            name.push(".");
            name.push(codec.ending());
            let named = PathBuf::from(name);
            fs::rename(&path, &named).map_err(|source| PipelineError::Write {
                path: named.clone(),
                source,
            })?;
            Ok(named)
        })
        .collect()
}

/// Removes from the exports folder `dir` the files an earlier build wrote that this one did
/// not (a format left out of `--formats`, a file now compressed or no longer, the
/// co-occurrence layer of a build that had it): what the folder holds is this build's
/// exports. Only files of corridor's own names are touched; a folder of them (`neo4j/`,
/// `parquet/`) goes only when nothing else is in it. Gives the files removed.
pub(super) fn remove_stale(dir: &Path, written: &[PathBuf]) -> Vec<PathBuf> {
    let kept: std::collections::BTreeSet<&Path> = written.iter().map(PathBuf::as_path).collect();
    // Every file `build` can write (the one-file exports of the layout, the files of the
    // CSV and JSON Lines exports, the co-occurrence GraphML), plain or compressed.
    let layer = graphml::cooccurrence_path(Path::new("corridor.graphml"));
    let mut names: Vec<String> = Vec::new();
    for base in LAYOUT
        .iter()
        .map(|(_, name)| *name)
        .filter(|name| name.contains('.'))
        .chain(CSV_FILES)
        .chain(JSONL_FILES)
        .chain(layer.to_str())
    {
        names.push(base.to_string());
        for c in [Compression::Zstd, Compression::Gzip] {
            names.push(format!("{base}.{}", c.ending()));
        }
    }
    let mut removed = Vec::new();
    for name in names {
        let path = dir.join(name);
        if path.is_file() && !kept.contains(path.as_path()) && fs::remove_file(&path).is_ok() {
            removed.push(path);
        }
    }
    // Folders of corridor's files, when none of them was written this time.
    let owned = |folder: &str, file: &str| match folder {
        "neo4j" => {
            (file.starts_with("nodes_") || file.starts_with("rels_")) && file.ends_with(".csv")
        }
        _ => matches!(
            file,
            "nodes.parquet" | "edges.parquet" | "evidence.parquet" | "documents.parquet"
        ),
    };
    for folder in ["neo4j", "parquet"] {
        let path = dir.join(folder);
        if !path.is_dir() || written.iter().any(|w| w.starts_with(&path)) {
            continue;
        }
        let Ok(entries) = fs::read_dir(&path) else {
            continue;
        };
        let files: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
        let all_owned = files.iter().all(|f| {
            f.is_file()
                && f.file_name()
                    .and_then(|n| n.to_str())
                    .is_some_and(|n| owned(folder, n))
        });
        if all_owned && fs::remove_dir_all(&path).is_ok() {
            removed.push(path);
        }
    }
    removed
}

/// Writes the exports that wait for the whole graph, side by side (each writes its own files
/// from the same read-only graph, so the bytes do not depend on the order they finish in).
pub(super) fn write_gathered(
    jobs: &[(ExportFormat, PathBuf)],
    gathered: Gathered,
) -> Result<(KnowledgeGraph, Vec<PathBuf>), PipelineError> {
    let proj = GraphProjection::new(&gathered.kg);
    let results: Vec<Result<Vec<PathBuf>, PipelineError>> = jobs
        .par_iter()
        .filter(|(format, _)| stream_format(*format).is_none())
        .map(|(format, target)| write_one(*format, &gathered, &proj, target))
        .collect();
    let mut written = gathered.written.clone();
    for r in results {
        written.extend(r?);
    }
    drop(proj);
    Ok((gathered.kg, written))
}

/// Writes every default export of the store into `dir`: `nodes.csv`, `edges.csv`,
/// `corridor.graphml`, `corridor.gexf`, `corridor.ttl`, `corridor.nq`, `corridor.trig`,
/// `corridor.rdf`, `corridor.jsonld`, `entities.jsonl`, `relations.jsonl`, `neo4j/`,
/// `overview.svg` and, with the `parquet` feature, `parquet/`. Gives the merged graph too.
pub fn write_all_exports(
    store: &CorpusStore,
    dir: &Path,
    ontology_dir: Option<&Path>,
    options: ExportOptions,
) -> Result<(KnowledgeGraph, Vec<PathBuf>), PipelineError> {
    staged(dir, true, |staging| {
        let jobs = jobs(staging, options.formats);
        let mut streamed = Streamed::open(&jobs, options, ontology_dir)?;
        stream_store(store, streamed.needs_quads(), &mut |graphs| {
            streamed.add(graphs)
        })?;
        let (kg, written) = write_gathered(&jobs, streamed.finish()?)?;
        Ok((kg, compress_files(written, options.compress)?))
    })
}

/// `corridor export`: writes one format of the store's graph to `out`; `options` say whether
/// the graph exports (CSV, GraphML, GEXF, JSON Lines, Neo4j) carry the co-occurrence layer and
/// which statements are too unsure to export.
pub fn export(
    store_dir: &Path,
    format: ExportFormat,
    out: &Path,
    ontology_dir: Option<&Path>,
    options: ExportOptions,
) -> Result<Vec<PathBuf>, PipelineError> {
    let store = CorpusStore::open_read_only(store_dir)?;
    export_from(&store, format, out, ontology_dir, options)
}

/// [`export`] from an open store.
pub(super) fn export_from(
    store: &CorpusStore,
    format: ExportFormat,
    out: &Path,
    ontology_dir: Option<&Path>,
    options: ExportOptions,
) -> Result<Vec<PathBuf>, PipelineError> {
    let folder = matches!(
        format,
        ExportFormat::Csv | ExportFormat::Jsonl | ExportFormat::Neo4j | ExportFormat::Parquet
    );
    // A one-file export compressed takes the codec's ending after the name asked for.
    let target = match options.compress {
        Some(codec) if !folder && compressible(out) => {
            let mut name = out.as_os_str().to_os_string();
            name.push(".");
            name.push(codec.ending());
            PathBuf::from(name)
        }
        _ => out.to_path_buf(),
    };
    let ((), written) = staged(&target, folder, |staging| {
        let jobs = [(format, staging.to_path_buf())];
        let mut streamed = Streamed::open(&jobs, options, ontology_dir)?;
        stream_store(store, streamed.needs_quads(), &mut |graphs| {
            streamed.add(graphs)
        })?;
        let written = write_gathered(&jobs, streamed.finish()?)?.1;
        if folder {
            return Ok(((), compress_files(written, options.compress)?));
        }
        if let Some(codec) = options.compress.filter(|_| target != out) {
            compress_in_place(staging, codec)?;
        }
        Ok(((), written))
    })?;
    Ok(written)
}
