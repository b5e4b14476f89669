//! `corridor query`: runs SPARQL on the store and prints the results as a table, CSV, TSV or
//! SPARQL JSON (graphs from CONSTRUCT/DESCRIBE as N-Triples).

use std::io::Write;
use std::path::Path;

use oxigraph::io::{RdfFormat, RdfSerializer};
use oxigraph::model::Term;
use oxigraph::sparql::QueryResults;
use oxigraph::sparql::results::{QueryResultsFormat, QueryResultsSerializer};

use super::PipelineError;
use super::remote::StoreLocation;
use crate::store::{CorpusStore, StoreError};

/// Output formats of `corridor query`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum QueryFormat {
    /// An aligned text table for the terminal.
    Table,
    /// SPARQL 1.1 CSV results.
    Csv,
    /// SPARQL 1.1 TSV results.
    Tsv,
    /// SPARQL 1.1 JSON results.
    Json,
}

fn io(e: std::io::Error) -> PipelineError {
    PipelineError::Write {
        path: "standard output".into(),
        source: e,
    }
}

fn eval(e: oxigraph::sparql::QueryEvaluationError) -> PipelineError {
    PipelineError::Store(StoreError::Evaluation(e))
}

/// Runs `sparql` on the store in `store_dir` and writes its results to `out`. The query is
/// held to the limits of [`crate::sparql_guard`] and evaluated on a stack sized for them.
pub fn run_query<W: Write>(
    store_dir: &Path,
    sparql: &str,
    format: QueryFormat,
    out: W,
) -> Result<(), PipelineError> {
    let store = CorpusStore::open_read_only(store_dir)?;
    crate::sparql_guard::on_query_stack(|| {
        let results = store.query(sparql)?;
        write_results(results, format, out)
    })
}

/// Runs `sparql` where the store is: on the store folder, or on the SPARQL server itself (its
/// default graph is then what the server makes it: Virtuoso's, GraphDB's and Oxigraph's
/// `--union-default-graph` are the union of the graphs, as the local store's is), and writes
/// its results to `out` in the same form.
pub fn run_query_at<W: Write>(
    location: &StoreLocation,
    sparql: &str,
    format: QueryFormat,
    out: W,
) -> Result<(), PipelineError> {
    match location {
        StoreLocation::Local(dir) => run_query(dir, sparql, format, out),
        StoreLocation::Remote(r) => write_results(r.remote.query(sparql)?, format, out),
    }
}

/// Writes query results to `out` in `format` (graphs as N-Triples whatever the format).
fn write_results<W: Write>(
    results: QueryResults<'_>,
    format: QueryFormat,
    mut out: W,
) -> Result<(), PipelineError> {
    match results {
        QueryResults::Graph(triples) => {
            let mut ser = RdfSerializer::from_format(RdfFormat::NTriples).for_writer(&mut out);
            for t in triples {
                ser.serialize_triple(&t.map_err(eval)?).map_err(io)?;
            }
            ser.finish().map_err(io)?;
        }
        QueryResults::Boolean(b) if format == QueryFormat::Table => {
            writeln!(out, "{b}").map_err(io)?
        }
        QueryResults::Boolean(b) => {
            QueryResultsSerializer::from_format(results_format(format))
                .serialize_boolean_to_writer(&mut out, b)
                .map_err(io)?;
        }
        QueryResults::Solutions(solutions) => {
            let vars = solutions.variables().to_vec();
            if format == QueryFormat::Table {
                let mut rows: Vec<Vec<String>> = Vec::new();
                for s in solutions {
                    let s = s.map_err(eval)?;
                    rows.push(
                        vars.iter()
                            .map(|v| s.get(v).map(display).unwrap_or_default())
                            .collect(),
                    );
                }
                let header: Vec<String> = vars.iter().map(|v| v.as_str().to_string()).collect();
                write_table(&mut out, &header, &rows).map_err(io)?;
            } else {
                let mut ser = QueryResultsSerializer::from_format(results_format(format))
                    .serialize_solutions_to_writer(&mut out, vars)
                    .map_err(io)?;
                for s in solutions {
                    let s = s.map_err(eval)?;
                    ser.serialize(&s).map_err(io)?;
                }
                ser.finish().map_err(io)?;
            }
        }
    }
    Ok(())
}

fn results_format(format: QueryFormat) -> QueryResultsFormat {
    match format {
        QueryFormat::Csv => QueryResultsFormat::Csv,
        QueryFormat::Tsv => QueryResultsFormat::Tsv,
        QueryFormat::Json | QueryFormat::Table => QueryResultsFormat::Json,
    }
}

/// A term as a person reads it: IRIs whole, literals by their value.
fn display(t: &Term) -> String {
    match t {
        Term::NamedNode(n) => n.as_str().to_string(),
        Term::Literal(l) => l.value().to_string(),
        other => other.to_string(),
    }
}

fn width(s: &str) -> usize {
    // CJK characters take two columns on a terminal.
    s.chars()
        .map(|c| {
            if c >= '\u{1100}' && !c.is_ascii() {
                2
            } else {
                1
            }
        })
        .sum()
}

fn write_table<W: Write>(
    out: &mut W,
    header: &[String],
    rows: &[Vec<String>],
) -> std::io::Result<()> {
    let mut widths: Vec<usize> = header.iter().map(|h| width(h)).collect();
    for r in rows {
        for (i, c) in r.iter().enumerate() {
            widths[i] = widths[i].max(width(c).min(60));
        }
    }
    let line = |out: &mut W, cells: &[String]| -> std::io::Result<()> {
        let parts: Vec<String> = cells
            .iter()
            .zip(&widths)
            .map(|(c, w)| format!("{c}{}", " ".repeat(w.saturating_sub(width(c)))))
            .collect();
        writeln!(out, "{}", parts.join(" | ").trim_end())
    };
    line(out, header)?;
    writeln!(
        out,
        "{}",
        widths
            .iter()
            .map(|w| "-".repeat(*w))
            .collect::<Vec<_>>()
            .join("-+-")
    )?;
    for r in rows {
        line(out, r)?;
    }
    writeln!(out, "({} rows)", rows.len())
}
