//! The command line of corridor, defined once with clap's derive API.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};
use corridor::model::Confidence;
use corridor::pipeline::remote::{RemoteStore, StoreLocation};
use corridor::pipeline::{ExportFormat, QueryFormat};

/// corridor: a knowledge graph of diplomatic and policy texts.
///
/// Extracts leaders, countries, organizations, projects, initiatives, documents, events and
/// places, and who met, visited, proposed, supported or signed what, with the sentence that
/// says so, into an RDF store queried with SPARQL (or served over HTTP with an entity browser),
/// and exports GEXF and GraphML for Gephi, CSV, Parquet, JSON Lines, Neo4j CSV and RDF.
#[derive(Debug, Parser)]
#[command(name = "corridor", version, about, long_about)]
pub struct Cli {
    #[command(flatten)]
    pub global: Global,
    #[command(subcommand)]
    pub command: Command,
}

/// Options every command takes.
#[derive(Debug, Args)]
pub struct Global {
    /// Store folder, or the query endpoint of a SPARQL 1.1 server (http:// or https://) to keep
    /// the graph on: queries then go to the server, and the other commands work on a local
    /// copy of it (see --mirror) that is brought up to date first; build, ingest and merge
    /// send the documents they change back, one named graph per request.
    #[arg(long, global = true, default_value = corridor::store::DEFAULT_DIR, value_name = "DIR|URL")]
    pub store: String,
    /// Folder of the local copy of a server's graphs (default: under ~/.cache/corridor/mirrors,
    /// or $XDG_CACHE_HOME/corridor/mirrors, named after the server's URL).
    #[arg(long, global = true, value_name = "DIR")]
    pub mirror: Option<PathBuf>,
    #[command(flatten)]
    pub server: ServerArgs,
    /// Folder with gazetteer.toml, rules.toml, corridor.ttl (and optionally confidence.toml) to use
    /// instead of the built-in ones.
    #[arg(long, global = true, value_name = "DIR")]
    pub ontology: Option<PathBuf>,
    /// Extract with rules alone, without the gazetteer of known entities.
    #[arg(long, global = true)]
    pub no_gazetteer: bool,
    /// The analyst's curation file to apply (default: curation.toml beside the corpus for
    /// build and curate; for ingest, the copy the store keeps of the file it was built with).
    #[arg(
        long,
        global = true,
        value_name = "FILE",
        conflicts_with = "no_curation"
    )]
    pub curation: Option<PathBuf>,
    /// Apply no curation: the graph as the rules found it.
    #[arg(long, global = true)]
    pub no_curation: bool,
}

/// The commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Ingest the corpus into the store and write every export (the main job).
    Build {
        /// Corpus: a folder (with or without corpus.toml) or a manifest file.
        #[arg(long, default_value = "data", value_name = "DIR|MANIFEST")]
        corpus: PathBuf,
        /// Folder the exports are written to.
        #[arg(long, default_value = "exports", value_name = "DIR")]
        out: PathBuf,
        /// Do not draw a progress bar.
        #[arg(long)]
        no_progress: bool,
        /// Add the co-occurrence layer to the graph exports: entities named in one sentence,
        /// linked as `cooccursWith` and weighted by the number of such sentences.
        #[arg(long)]
        cooccurrence: bool,
        /// Leave out of the exports the statements less sure than this (0 to 1; see the
        /// README's calibration), and the edges left without a statement. The store keeps
        /// everything.
        #[arg(long, value_name = "X", default_value = "0")]
        min_confidence: Confidence,
        /// Build one shard of the corpus (I of N, chosen by a hash of each document's id): the
        /// store holds its documents and the one export is their N-Quads, `corridor.nq`. Put
        /// the shards' stores together with `corridor merge`.
        #[arg(long, value_name = "I/N")]
        shard: Option<corridor::pipeline::Shard>,
        /// Read documents through symbolic links, wherever they lead. Without it a link is
        /// refused, and so is a file that resolves outside the corpus folder.
        #[arg(long)]
        follow_links: bool,
        /// Read PDFs without a text layer (scans) by OCR: pages rendered by pdftoppm
        /// (poppler-utils) and read by Tesseract in Simplified Chinese and English
        /// (tesseract-ocr, tesseract-ocr-chi-sim). Without it such a PDF is refused, named.
        #[arg(long)]
        ocr: bool,
        /// The exports to write, comma-separated: names of `export --format`, `default`
        /// (nquads, csv, graphml, gexf, svg, parquet) or `all`; `default,turtle` adds one.
        /// Export files of an earlier build not written again are removed.
        #[arg(long, value_name = "LIST", default_value = "default")]
        formats: corridor::pipeline::Formats,
        /// Compress the large text exports (the RDF syntaxes and JSON Lines), each file named
        /// with the codec's ending (corridor.nq.zst, corridor.nq.gz).
        #[arg(long, value_enum, value_name = "CODEC")]
        compress: Option<corridor::pipeline::Compression>,
    },
    /// Merge the stores of a sharded build into the store and write every export, as `build`
    /// does: the same store and exports a single build of the whole corpus gives.
    Merge {
        /// The shards' store folders.
        #[arg(required = true, value_name = "SHARD_STORE")]
        shards: Vec<PathBuf>,
        /// Folder the exports are written to.
        #[arg(long, default_value = "exports", value_name = "DIR")]
        out: PathBuf,
        /// Add the co-occurrence layer to the graph exports (as `build --cooccurrence`).
        #[arg(long)]
        cooccurrence: bool,
        /// Leave out of the exports the statements less sure than this (0 to 1; see the
        /// README's calibration), and the edges left without a statement. The store keeps
        /// everything.
        #[arg(long, value_name = "X", default_value = "0")]
        min_confidence: Confidence,
        /// The exports to write, as `build --formats` takes them.
        #[arg(long, value_name = "LIST", default_value = "default")]
        formats: corridor::pipeline::Formats,
        /// Compress the large text exports, as `build --compress` does.
        #[arg(long, value_enum, value_name = "CODEC")]
        compress: Option<corridor::pipeline::Compression>,
    },
    /// Add or replace documents: text files, folders or manifests.
    Ingest {
        /// Files, folders or manifests.
        #[arg(required = true, value_name = "PATH")]
        paths: Vec<PathBuf>,
        /// Read the documents of folders and manifests through symbolic links, wherever they
        /// lead (files named here are read as given).
        #[arg(long)]
        follow_links: bool,
        /// Read PDFs without a text layer (scans) by OCR, as `build --ocr` does.
        #[arg(long)]
        ocr: bool,
    },
    /// Run a SPARQL query (the default graph is the union of all documents' graphs).
    Query {
        /// The query text.
        #[arg(
            value_name = "SPARQL",
            required_unless_present = "file",
            conflicts_with = "file"
        )]
        sparql: Option<String>,
        /// Read the query from a file.
        #[arg(long, value_name = "FILE")]
        file: Option<PathBuf>,
        /// Output format.
        #[arg(long, value_enum, default_value = "table")]
        format: QueryFormat,
    },
    /// Write the store's graph in one format.
    Export {
        /// The format.
        #[arg(long, value_enum)]
        format: ExportFormat,
        /// Output file (a folder for csv, jsonl and neo4j).
        #[arg(long, value_name = "PATH")]
        out: PathBuf,
        /// Add the co-occurrence layer (`cooccursWith` edges) to the graph exports.
        #[arg(long)]
        cooccurrence: bool,
        /// Leave out of the exports the statements less sure than this (0 to 1; see the
        /// README's calibration), and the edges left without a statement. The store keeps
        /// everything.
        #[arg(long, value_name = "X", default_value = "0")]
        min_confidence: Confidence,
        /// Compress the file (the RDF syntaxes and JSON Lines), named with the codec's
        /// ending after PATH (corridor.nq.zst).
        #[arg(long, value_enum, value_name = "CODEC")]
        compress: Option<corridor::pipeline::Compression>,
    },
    /// Copy the store to a SPARQL 1.1 server: each document's named graph is replaced there
    /// (skipped when the server already holds it as it is), then recorded in the server's graph
    /// <https://w3id.org/corridor/id/store>. Credentials come from --credentials or the
    /// environment (CORRIDOR_REMOTE_TOKEN, or CORRIDOR_REMOTE_USER and CORRIDOR_REMOTE_PASSWORD).
    Push {
        /// The server's SPARQL query endpoint (http:// or https://).
        #[arg(long, value_name = "URL")]
        to: String,
        /// Also remove from the server the documents it records that the store lacks.
        #[arg(long)]
        prune: bool,
        /// Do not show a progress bar.
        #[arg(long)]
        no_progress: bool,
    },
    /// Copy the documents a SPARQL 1.1 server holds (those `push` recorded there) into the store.
    Pull {
        /// The server's SPARQL query endpoint (http:// or https://).
        #[arg(long, value_name = "URL")]
        from: String,
        /// Also remove from the store the documents the server does not hold.
        #[arg(long)]
        prune: bool,
        /// Do not show a progress bar.
        #[arg(long)]
        no_progress: bool,
    },
    /// Show what the store holds.
    Stats,
    /// List what in the graph most deserves a look, ranked by PageRank × (1 − confidence):
    /// likely duplicates, unsure statements, entities without an English label, isolated
    /// entities; each with the `corridor curate` command that would settle it.
    Review {
        /// Output format.
        #[arg(long, value_enum, default_value = "text")]
        format: ReviewFormat,
        /// List at most this many items (0: all).
        #[arg(long, default_value = "50")]
        limit: usize,
    },
    /// Correct the graph: merge, rename, retype, reject and add, each decision written with its
    /// reason into the curation file beside the corpus (comments and order kept), then the
    /// store and exports rebuilt. `list` shows the decisions, `check` those that match nothing.
    Curate {
        #[command(subcommand)]
        action: CurateAction,
        /// Corpus whose curation.toml is edited and which is rebuilt.
        #[arg(
            long,
            global = true,
            default_value = "data",
            value_name = "DIR|MANIFEST"
        )]
        corpus: PathBuf,
        /// Folder the exports are written to after a decision.
        #[arg(long, global = true, default_value = "exports", value_name = "DIR")]
        out: PathBuf,
        /// Write the decision only; build later.
        #[arg(long, global = true)]
        no_build: bool,
    },
    /// Check the store's graph (or an RDF file) against the SHACL shapes; exit 1 on violations.
    Validate {
        /// An RDF file to check instead of the store (.ttl, .nt, .nq, .trig, .rdf, .jsonld).
        #[arg(long, value_name = "FILE")]
        file: Option<PathBuf>,
        /// SHACL shapes in Turtle (default: the ontology's shapes.ttl).
        #[arg(long, value_name = "FILE")]
        shapes: Option<PathBuf>,
    },
    /// Write a synthetic corpus for benchmarks: text of a source corpus with names varied.
    BenchCorpus {
        /// Size to write, in megabytes.
        #[arg(long, value_name = "MB")]
        mb: f64,
        /// Folder the documents and their corpus.toml are written to.
        #[arg(long, value_name = "DIR")]
        out: PathBuf,
        /// Folder of texts to draw paragraphs from.
        #[arg(long, default_value = "data", value_name = "DIR")]
        from: PathBuf,
        /// Size of each document, in kilobytes.
        #[arg(long, default_value_t = 60, value_name = "KB")]
        doc_kb: usize,
        /// Seed of the generator (the same seed and size give the same corpus).
        #[arg(long, default_value_t = 1)]
        seed: u64,
    },
    /// Serve the store: a SPARQL 1.1 endpoint (/sparql, /update, /store) and an entity browser.
    Serve {
        /// Address to listen on (loopback unless told otherwise; port 0 picks a free port).
        #[arg(long, default_value = "127.0.0.1:7878", value_name = "ADDR:PORT")]
        bind: std::net::SocketAddr,
        /// Seconds a query may run before it is stopped and answered 408.
        #[arg(long, default_value_t = 10.0, value_name = "SECS")]
        query_timeout: f64,
        /// Most rows (or triples) in one answer; the rest are cut.
        #[arg(long, default_value_t = 10_000, value_name = "N")]
        max_rows: usize,
        /// Largest request body accepted, in bytes.
        #[arg(long, default_value_t = 1 << 20, value_name = "BYTES")]
        max_body: usize,
        /// Most queries running at once (default: two per core); more are answered 503.
        /// Queries that build strings or join parts sharing no variable may take all but one.
        #[arg(long, value_name = "N")]
        max_concurrent: Option<usize>,
        /// Most memory, in MiB, one of the queries that build strings or join parts sharing no
        /// variable may use (each runs in a process of its own); past it the query is answered
        /// 503.
        #[arg(long, default_value_t = 1024, value_name = "MIB")]
        query_memory: u64,
        /// Accept SPARQL Update (at /update) from requests carrying the bearer token; on a store
        /// folder, also show forms on the entity and review pages that write decisions into the
        /// curation file (--curation, else curation.toml beside --corpus) with the token.
        #[arg(long)]
        writable: bool,
        /// With --writable: the corpus the store was built from, which the curation forms
        /// bring the store up to date with after each decision.
        #[arg(long, default_value = "data", value_name = "DIR|MANIFEST")]
        corpus: PathBuf,
        /// File holding the bearer token for updates (else the CORRIDOR_TOKEN variable).
        #[arg(long, value_name = "FILE")]
        token_file: Option<PathBuf>,
        /// With `--store URL`: seconds between bringing the served copy up to date with the
        /// server.
        #[arg(long, default_value_t = 30.0, value_name = "SECS")]
        refresh: f64,
    },
}

/// How to reach a SPARQL 1.1 server (of `--store URL`, `push --to` or `pull --from`) beyond
/// its query endpoint.
#[derive(clap::Args, Debug)]
pub struct ServerArgs {
    /// The server's SPARQL update endpoint (default: its query endpoint).
    #[arg(long, global = true, value_name = "URL")]
    pub update_endpoint: Option<String>,
    /// The server's Graph Store HTTP Protocol endpoint: graphs are then replaced with PUT and
    /// read with GET (Virtuoso: …/sparql-graph-crud; Fuseki: …/DATASET/data; Oxigraph: …/store).
    /// Without it, SPARQL Update and CONSTRUCT are used.
    #[arg(long, global = true, value_name = "URL")]
    pub graph_store: Option<String>,
    /// File holding the credentials: `user:password` (HTTP Basic) or `Bearer TOKEN`.
    #[arg(long, global = true, value_name = "FILE")]
    pub credentials: Option<PathBuf>,
    /// Times a failed request is tried again (waiting 0.25 s, then twice as long each time).
    #[arg(long, global = true, default_value_t = 4, value_name = "N")]
    pub retries: u32,
    /// PEM file of the certificate authorities to trust for https://, instead of Mozilla's
    /// root certificates (a server whose certificate a private authority signed).
    #[arg(long, global = true, value_name = "FILE")]
    pub ca_cert: Option<PathBuf>,
}

impl Global {
    /// Where the store is: a folder, or a server (with its mirror folder). `serving` gives a
    /// server's default mirror a folder of its own (`…-serve`), which `serve` brings up to date
    /// while other commands may work on the usual one.
    pub fn location(&self, serving: bool) -> anyhow::Result<StoreLocation> {
        if self.store.starts_with("http://") || self.store.starts_with("https://") {
            let mirror = self.mirror.clone().unwrap_or_else(|| {
                let mut dir = corridor::pipeline::remote::default_mirror(&self.store);
                if serving {
                    dir.as_mut_os_string().push("-serve");
                }
                dir
            });
            Ok(StoreLocation::Remote(RemoteStore {
                remote: self.server.remote(&self.store)?,
                mirror,
            }))
        } else {
            Ok(StoreLocation::Local(PathBuf::from(&self.store)))
        }
    }
}

impl ServerArgs {
    /// The client of the server whose query endpoint is `query`.
    pub fn remote(&self, query: &str) -> anyhow::Result<corridor::remote::Remote> {
        use anyhow::Context;
        let endpoints = corridor::remote::Endpoints::new(
            query,
            self.update_endpoint.as_deref(),
            self.graph_store.as_deref(),
        );
        let credentials = corridor::remote::Credentials::load(self.credentials.as_deref())
            .context("reading the server's credentials")?;
        let mut remote = corridor::remote::Remote::new(endpoints, credentials)?
            .with_retries(self.retries, std::time::Duration::from_millis(250));
        if let Some(file) = &self.ca_cert {
            remote = remote.with_ca_certs(file)?;
        }
        Ok(remote)
    }
}

/// Who decided, when and why: every decision's record.
#[derive(Debug, Args)]
pub struct DecisionArgs {
    /// Why (required: the file keeps it with the decision).
    #[arg(long)]
    pub why: String,
    /// Who decides (default: $USER).
    #[arg(long)]
    pub by: Option<String>,
    /// When (default: today, YYYY-MM-DD).
    #[arg(long)]
    pub date: Option<String>,
}

/// An entity's names, as `rename` and `add --entity` give them.
#[derive(Debug, Args)]
pub struct NameArgs {
    /// The entity's Chinese label.
    #[arg(long)]
    pub zh: Option<String>,
    /// The entity's English label.
    #[arg(long)]
    pub en: Option<String>,
    /// Another name of the entity (repeat for more).
    #[arg(long = "alias", value_name = "NAME")]
    pub aliases: Vec<String>,
}

/// Output formats of `corridor curate list`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ListFormat {
    /// One decision per line.
    Text,
    /// A JSON array.
    Json,
}

/// What `corridor curate` does.
#[derive(Debug, Subcommand)]
pub enum CurateAction {
    /// KEEP and the OTHER entities are one: the others' names and statements move to KEEP.
    Merge {
        /// The id kept (`project/cpec`).
        keep: String,
        /// The ids merged into it.
        #[arg(required = true, value_name = "OTHER")]
        others: Vec<String>,
        #[command(flatten)]
        decision: DecisionArgs,
    },
    /// Give an entity labels or more names.
    Rename {
        /// The entity id.
        id: String,
        #[command(flatten)]
        names: NameArgs,
        #[command(flatten)]
        decision: DecisionArgs,
    },
    /// Give an entity another type (its id takes the type's prefix).
    Retype {
        /// The entity id.
        id: String,
        /// The type: Person, Country, Organization, Project, Initiative, Document, Event, Place.
        #[arg(value_name = "TYPE")]
        to: String,
        #[command(flatten)]
        decision: DecisionArgs,
    },
    /// Reject an entity (an id: a junk name), an edge of the exports (`e12`: all its
    /// statements), a statement (--statement S REL O), or a rule's statements in a document
    /// (--rule R --document D).
    Reject {
        /// An entity id or an edge id (`e12`).
        #[arg(conflicts_with_all = ["statement", "rule"])]
        target: Option<String>,
        /// A statement: subject, relation and object.
        #[arg(long, num_args = 3, value_names = ["SUBJECT", "RELATION", "OBJECT"], conflicts_with = "rule")]
        statement: Option<Vec<String>>,
        /// Every statement of this rule (a name ending in * for every rule it begins).
        #[arg(long, requires = "document")]
        rule: Option<String>,
        /// Only in this document.
        #[arg(long)]
        document: Option<String>,
        /// Only the statement of the sentence starting at this character offset.
        #[arg(long, requires = "statement")]
        offset: Option<i64>,
        #[command(flatten)]
        decision: DecisionArgs,
    },
    /// Add a statement the text makes (--statement S REL O --document D --quote Q), or an
    /// entity no rule finds (--entity ID with its names).
    Add {
        /// A statement: subject, relation and object.
        #[arg(long, num_args = 3, value_names = ["SUBJECT", "RELATION", "OBJECT"], conflicts_with = "entity", requires_all = ["document", "quote"])]
        statement: Option<Vec<String>>,
        /// The document that states it.
        #[arg(long)]
        document: Option<String>,
        /// The words of the document that state it.
        #[arg(long)]
        quote: Option<String>,
        /// When the fact holds, if not the document's date (YYYY, YYYY-MM or YYYY-MM-DD).
        #[arg(long)]
        fact_date: Option<String>,
        /// An entity id (`event/…`), found wherever its names are written.
        #[arg(long)]
        entity: Option<String>,
        #[command(flatten)]
        names: NameArgs,
        #[command(flatten)]
        decision: DecisionArgs,
    },
    /// An office a person held: titles then resolve to the person at its dates, and
    /// `leaderOf` is found and dated as for the gazetteer's own offices.
    Role {
        /// The person's id.
        person: String,
        /// The title as texts write it (总理, 外交部长, Prime Minister).
        #[arg(long)]
        role: String,
        /// The country or organization led (an entity the gazetteer knows).
        #[arg(long)]
        of: String,
        /// When the office began (YYYY, YYYY-MM or YYYY-MM-DD).
        #[arg(long)]
        from: Option<String>,
        /// When it ended (none while in office).
        #[arg(long)]
        to: Option<String>,
        /// The person's Chinese name, for a person the gazetteer does not know.
        #[arg(long)]
        zh: Option<String>,
        /// The person's English name, likewise.
        #[arg(long)]
        en: Option<String>,
        #[command(flatten)]
        decision: DecisionArgs,
    },
    /// List the decisions.
    List {
        /// Output format.
        #[arg(long, value_enum, default_value = "text")]
        format: ListFormat,
    },
    /// Bring the store up to date and list the decisions that match nothing (exit 1 if any).
    Check {
        /// Do not draw a progress bar.
        #[arg(long)]
        no_progress: bool,
    },
}

/// Output formats of `corridor review`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ReviewFormat {
    /// One item per line for the terminal.
    Text,
    /// CSV: rank, score, kind, subject, other, reason, suggestion.
    Csv,
    /// A JSON array of the items.
    Json,
}
