//! corridor turns diplomatic and policy texts into a knowledge graph.
//!
//! Data flows one way: [`ingest`] reads files and undoes PDF artifacts (keeping a map back to the
//! original offsets), [`extract`] finds entities and relations with their evidence, [`model`]
//! holds them, [`rdf`] maps the model to RDF quads kept by [`store`], [`graph`] projects it onto
//! petgraph for metrics, [`export`] writes GraphML, GEXF, CSV, JSON Lines and RDF, and
//! [`validate`] checks a graph against the SHACL shapes. [`pipeline`] runs the commands of the
//! `corridor` binary on top of these.
#![deny(missing_docs)]

pub mod child;

/// The unit tests allocate as the binary does in its forked children (see
/// [`child::AbortInChild`]).
#[cfg(test)]
#[global_allocator]
static TEST_ALLOCATOR: child::AbortInChild<std::alloc::System> =
    child::AbortInChild(std::alloc::System);
pub mod confidence;
pub mod curation;
pub mod export;
pub mod extract;
#[doc(hidden)]
pub mod fuzz;
pub mod generate;
pub mod graph;
pub mod ingest;
pub mod model;
pub mod pipeline;
pub mod rdf;
pub mod remote;
pub mod review;
pub mod server;
pub mod sparql_guard;
pub mod store;
pub mod validate;
