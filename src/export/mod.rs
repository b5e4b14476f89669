//! Exports of the knowledge graph: CSV for spreadsheets and pipelines, GraphML and GEXF for Gephi
//! and network libraries, CSV for Neo4j's bulk importer, JSON Lines for scripts, Parquet for
//! dataframes, an SVG picture, and RDF (Turtle, N-Triples, N-Quads, TriG, RDF/XML, JSON-LD).
//!
//! Every exporter reads the same [`KnowledgeGraph`](crate::model::KnowledgeGraph) (and, for
//! RDF, the store's quads), so ids and counts agree across formats. Output is sorted and
//! byte-identical for the same graph.

pub mod csv;
pub mod dictionary;
pub mod gexf;
pub mod graphml;
pub mod jsonl;
pub mod neo4j;
#[cfg(feature = "parquet")]
pub mod parquet;
pub mod rdf;
pub mod svg;

/// Why an export could not be written.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ExportError {
    /// Writing failed.
    #[error("writing failed")]
    Write(#[source] std::io::Error),
    /// The CSV writer failed.
    #[error("the CSV writer failed")]
    Csv(#[from] ::csv::Error),
    /// The Parquet writer failed.
    #[error("Parquet: {0}")]
    Parquet(String),
    /// The XML writer failed.
    #[error("XML: {0}")]
    Xml(String),
    /// RDF could not be read or written.
    #[error("RDF {what}: {message}")]
    Rdf {
        /// What was being read or written.
        what: String,
        /// The problem.
        message: String,
    },
}
