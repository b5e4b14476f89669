//! Parquet tables of the graph for pandas, polars, Spark and DuckDB: `nodes.parquet`,
//! `edges.parquet`, `evidence.parquet` (one row per statement) and `documents.parquet`, with
//! the data dictionary's names and types ([`super::dictionary`]): 64-bit integers, doubles,
//! UTF-8 strings, lists of strings, and dates (a `*_day` DATE column beside each
//! `YYYY[-MM[-DD]]` text column, the period's first day). `curated` says what the analyst's
//! curation did: a list for an entity or edge, a nullable string for a statement.
//!
//! Built with the `parquet` cargo feature (on by default). Files are uncompressed apart from
//! Parquet's own dictionary and run-length encodings, and byte-identical for the same graph.

use std::fs;
use std::io::Write;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use parquet::basic::Compression;
use parquet::data_type::{ByteArray, ByteArrayType, DoubleType, Int32Type, Int64Type};
use parquet::file::properties::WriterProperties;
use parquet::file::writer::SerializedFileWriter;
use parquet::schema::parser::parse_message_type;

use super::ExportError;
use super::csv::{
    direction, edge_curated_list, edge_date_list, edge_evidence, edge_id, edge_rules, edge_timeset,
    node_curated_list,
};
use crate::graph::GraphProjection;
use crate::model::{FactDate, KnowledgeGraph};

/// Rows written per row group: enough for fast scans, small enough to bound a reader's memory.
const ROW_GROUP: usize = 65_536;

/// One column of a table, its values in row order.
enum Values {
    /// A UTF-8 string in every row.
    Text(Vec<String>),
    /// A UTF-8 string or null.
    OptText(Vec<Option<String>>),
    /// A 64-bit integer in every row.
    Int(Vec<i64>),
    /// A double in every row.
    Float(Vec<f64>),
    /// A double or null.
    OptFloat(Vec<Option<f64>>),
    /// A date (days since 1970-01-01) or null.
    Day(Vec<Option<i32>>),
    /// A list of strings (possibly empty) in every row.
    List(Vec<Vec<String>>),
}

impl Values {
    fn len(&self) -> usize {
        match self {
            Values::Text(v) => v.len(),
            Values::OptText(v) => v.len(),
            Values::Int(v) => v.len(),
            Values::Float(v) => v.len(),
            Values::OptFloat(v) => v.len(),
            Values::Day(v) => v.len(),
            Values::List(v) => v.len(),
        }
    }

    /// The column's line in a Parquet message type.
    fn schema(&self, name: &str) -> String {
        match self {
            Values::Text(_) => format!("required binary {name} (STRING);"),
            Values::OptText(_) => format!("optional binary {name} (STRING);"),
            Values::Int(_) => format!("required int64 {name};"),
            Values::Float(_) => format!("required double {name};"),
            Values::OptFloat(_) => format!("optional double {name};"),
            Values::Day(_) => format!("optional int32 {name} (DATE);"),
            Values::List(_) => format!(
                "required group {name} (LIST) {{ repeated group list {{ required binary element (STRING); }} }}"
            ),
        }
    }
}

/// A table: named columns of equal length.
struct Table {
    columns: Vec<(&'static str, Values)>,
}

fn bytes(s: &str) -> ByteArray {
    ByteArray::from(s.as_bytes().to_vec())
}

fn parquet_error(e: parquet::errors::ParquetError) -> ExportError {
    ExportError::Parquet(e.to_string())
}

/// Days from 1970-01-01 to the first day of `date`'s period.
pub fn epoch_day(date: FactDate) -> i32 {
    let (y, m, d) = match date {
        FactDate::Year(y) => (y, 1, 1),
        FactDate::YearMonth(y, m) => (y, m, 1),
        FactDate::Day(y, m, d) => (y, m, d),
    };
    // Days from civil (proleptic Gregorian), with March as the first month of the year.
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m as i32 + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d as i32 - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

impl Table {
    fn new() -> Table {
        Table {
            columns: Vec::new(),
        }
    }

    fn add(&mut self, name: &'static str, values: Values) -> &mut Table {
        self.columns.push((name, values));
        self
    }

    /// A date column as text (`date`) and as a DATE (`date_day`).
    fn add_date(
        &mut self,
        name: &'static str,
        day_name: &'static str,
        dates: Vec<Option<FactDate>>,
    ) -> &mut Table {
        let text = dates.iter().map(|d| d.map(|d| d.to_string())).collect();
        let days = dates.iter().map(|d| d.map(epoch_day)).collect();
        self.add(name, Values::OptText(text));
        self.add(day_name, Values::Day(days))
    }

    fn rows(&self) -> usize {
        self.columns.first().map_or(0, |(_, v)| v.len())
    }

    /// The table's Parquet message type.
    fn message(&self, name: &str) -> String {
        let fields: String = self
            .columns
            .iter()
            .map(|(n, v)| v.schema(n))
            .collect::<Vec<_>>()
            .join("\n  ");
        format!("message {name} {{\n  {fields}\n}}")
    }
}

/// Gives the rows of a table in a range.
type RowBuilder<'a> = dyn Fn(Range<usize>) -> Table + 'a;

/// Writes a table of `rows` rows a row group at a time: `build` gives the rows of a range
/// (and, for the empty range, the columns' types), so only one row group's values are held.
fn write_table<W: Write + Send>(
    name: &str,
    rows: usize,
    group_rows: usize,
    build: &RowBuilder<'_>,
    out: W,
) -> Result<(), ExportError> {
    let message = build(0..0).message(name);
    let schema = Arc::new(parse_message_type(&message).map_err(parquet_error)?);
    let props = Arc::new(
        WriterProperties::builder()
            .set_created_by(format!("corridor {}", env!("CARGO_PKG_VERSION")))
            .set_compression(Compression::UNCOMPRESSED)
            .build(),
    );
    let mut writer = SerializedFileWriter::new(out, schema, props).map_err(parquet_error)?;
    let mut start = 0;
    while start < rows {
        let end = (start + group_rows).min(rows);
        let table = build(start..end);
        debug_assert_eq!(table.rows(), end - start);
        let mut group = writer.next_row_group().map_err(parquet_error)?;
        for (_, values) in &table.columns {
            let Some(mut col) = group.next_column().map_err(parquet_error)? else {
                break;
            };
            write_column(&mut col, values, 0..values.len()).map_err(parquet_error)?;
            col.close().map_err(parquet_error)?;
        }
        group.close().map_err(parquet_error)?;
        start = end;
    }
    writer.close().map_err(parquet_error)?;
    Ok(())
}

fn write_column(
    col: &mut parquet::file::writer::SerializedColumnWriter<'_>,
    values: &Values,
    rows: std::ops::Range<usize>,
) -> parquet::errors::Result<()> {
    match values {
        Values::Text(v) => {
            let data: Vec<ByteArray> = v[rows].iter().map(|s| bytes(s)).collect();
            col.typed::<ByteArrayType>()
                .write_batch(&data, None, None)?;
        }
        Values::OptText(v) => {
            let slice = &v[rows];
            let data: Vec<ByteArray> = slice.iter().flatten().map(|s| bytes(s)).collect();
            let def: Vec<i16> = slice.iter().map(|s| i16::from(s.is_some())).collect();
            col.typed::<ByteArrayType>()
                .write_batch(&data, Some(&def), None)?;
        }
        Values::Int(v) => {
            col.typed::<Int64Type>().write_batch(&v[rows], None, None)?;
        }
        Values::Float(v) => {
            col.typed::<DoubleType>()
                .write_batch(&v[rows], None, None)?;
        }
        Values::OptFloat(v) => {
            let slice = &v[rows];
            let data: Vec<f64> = slice.iter().flatten().copied().collect();
            let def: Vec<i16> = slice.iter().map(|c| i16::from(c.is_some())).collect();
            col.typed::<DoubleType>()
                .write_batch(&data, Some(&def), None)?;
        }
        Values::Day(v) => {
            let slice = &v[rows];
            let data: Vec<i32> = slice.iter().flatten().copied().collect();
            let def: Vec<i16> = slice.iter().map(|d| i16::from(d.is_some())).collect();
            col.typed::<Int32Type>()
                .write_batch(&data, Some(&def), None)?;
        }
        Values::List(v) => {
            // Levels of a required list of required strings: definition 0 for an empty list,
            // 1 for an element; repetition 0 opens a row's list, 1 continues it.
            let (mut data, mut def, mut rep) = (Vec::new(), Vec::new(), Vec::new());
            for items in &v[rows] {
                if items.is_empty() {
                    def.push(0);
                    rep.push(0);
                }
                for (i, s) in items.iter().enumerate() {
                    data.push(bytes(s));
                    def.push(1);
                    rep.push(i16::from(i > 0));
                }
            }
            col.typed::<ByteArrayType>()
                .write_batch(&data, Some(&def), Some(&rep))?;
        }
    }
    Ok(())
}

/// The rows of `nodes.parquet` in `rows` (node order).
fn nodes(kg: &KnowledgeGraph, proj: &GraphProjection, rows: Range<usize>) -> Table {
    let picked: Vec<(&String, &crate::model::Node)> =
        kg.nodes.iter().skip(rows.start).take(rows.len()).collect();
    let ids = || picked.iter().map(|(id, _)| *id);
    let n = picked.iter().map(|(_, n)| *n);
    let metric = |f: &dyn Fn(crate::graph::NodeMetrics) -> f64| -> Vec<f64> {
        ids()
            .map(|id| f(proj.metrics(id).unwrap_or_default()))
            .collect()
    };
    let count = |f: &dyn Fn(crate::graph::NodeMetrics) -> u64| -> Vec<i64> {
        ids()
            .map(|id| f(proj.metrics(id).unwrap_or_default()) as i64)
            .collect()
    };
    let seen = |f: &dyn Fn(crate::graph::NodeMetrics) -> Option<FactDate>| {
        ids()
            .map(|id| f(proj.metrics(id).unwrap_or_default()))
            .collect::<Vec<_>>()
    };
    let mut t = Table::new();
    t.add("id", Values::Text(ids().cloned().collect()))
        .add(
            "label",
            Values::Text(n.clone().map(|n| n.entity.label().to_string()).collect()),
        )
        .add(
            "type",
            Values::Text(n.clone().map(|n| n.entity.kind.to_string()).collect()),
        )
        .add(
            "label_zh",
            Values::OptText(n.clone().map(|n| n.entity.label_zh.clone()).collect()),
        )
        .add(
            "label_en",
            Values::OptText(n.clone().map(|n| n.entity.label_en.clone()).collect()),
        )
        .add(
            "aliases",
            Values::List(
                n.clone()
                    .map(|n| n.entity.aliases.iter().cloned().collect())
                    .collect(),
            ),
        )
        .add(
            "iri",
            Values::Text(n.clone().map(|n| n.entity.iri()).collect()),
        )
        .add("degree", Values::Int(count(&|m| m.degree)))
        .add(
            "weighted_degree",
            Values::Float(metric(&|m| m.weighted_degree)),
        )
        .add("pagerank", Values::Float(metric(&|m| m.pagerank)))
        .add(
            "documents",
            Values::List(
                n.clone()
                    .map(|n| n.documents.iter().map(|d| d.to_string()).collect())
                    .collect(),
            ),
        )
        .add("document_count", Values::Int(count(&|m| m.documents)))
        .add("betweenness", Values::Float(metric(&|m| m.betweenness)))
        .add("component", Values::Int(count(&|m| m.component)))
        .add("community", Values::Int(count(&|m| m.community)));
    t.add_date("first_seen", "first_seen_day", seen(&|m| m.first_seen));
    t.add_date("last_seen", "last_seen_day", seen(&|m| m.last_seen));
    t.add(
        "curated",
        Values::List(
            ids()
                .map(|id| {
                    node_curated_list(kg, id)
                        .into_iter()
                        .map(str::to_string)
                        .collect()
                })
                .collect(),
        ),
    );
    t
}

/// `None` for an empty string: how the tables write what the CSV files leave empty.
fn non_empty(s: String) -> Option<String> {
    (!s.is_empty()).then_some(s)
}

/// The rows of `edges.parquet` in `rows` of the edges in order.
fn edges(all: &[&crate::model::Edge], rows: Range<usize>) -> Table {
    let e = &all[rows.clone()];
    let text = |f: &dyn Fn(&crate::model::Edge) -> String| e.iter().map(|x| f(x)).collect();
    let list = |f: &dyn Fn(&crate::model::Edge) -> Vec<String>| e.iter().map(|x| f(x)).collect();
    let mut t = Table::new();
    t.add("id", Values::Text(rows.map(edge_id).collect::<Vec<_>>()))
        .add("source", Values::Text(text(&|x| x.subject.clone())))
        .add("target", Values::Text(text(&|x| x.object.clone())))
        .add("type", Values::Text(text(&|x| direction(x).to_string())))
        .add("kind", Values::Text(text(&|x| x.kind.to_string())))
        .add("label", Values::Text(text(&|x| x.kind.to_string())))
        .add(
            "weight",
            Values::Int(e.iter().map(|x| x.weight() as i64).collect()),
        );
    t.add_date(
        "date",
        "date_day",
        e.iter().map(|x| x.first_date()).collect(),
    );
    t.add("dates", Values::List(list(&|x| edge_date_list(x))))
        .add(
            "documents",
            Values::List(list(&|x| {
                x.documents().into_iter().map(str::to_string).collect()
            })),
        )
        .add("evidence", Values::Text(text(&|x| edge_evidence(x))))
        .add(
            "rules",
            Values::List(list(&|x| {
                edge_rules(x).into_iter().map(str::to_string).collect()
            })),
        )
        .add(
            "timeset",
            Values::OptText(e.iter().map(|x| non_empty(edge_timeset(x))).collect()),
        )
        .add(
            "confidence",
            Values::OptFloat(
                e.iter()
                    .map(|x| x.confidence().map(|c| c.value()))
                    .collect(),
            ),
        )
        .add(
            "curated",
            Values::List(list(&|x| {
                edge_curated_list(x)
                    .into_iter()
                    .map(str::to_string)
                    .collect()
            })),
        );
    t
}

/// Every statement with the index of its edge in edge order: the rows of `evidence.parquet`.
fn statements(kg: &KnowledgeGraph) -> Vec<(usize, &crate::model::Relation)> {
    kg.edges_in_order()
        .enumerate()
        .flat_map(|(n, edge)| edge.statements.iter().map(move |r| (n, r)))
        .collect()
}

/// The rows of `evidence.parquet` for some statements.
fn evidence(rows: &[(usize, &crate::model::Relation)]) -> Table {
    let text = |f: &dyn Fn(&crate::model::Relation) -> String| {
        Values::Text(rows.iter().map(|(_, r)| f(r)).collect())
    };
    let mut t = Table::new();
    t.add(
        "edge",
        Values::Text(rows.iter().map(|(n, _)| edge_id(*n)).collect()),
    )
    .add("subject", text(&|r| r.subject.clone()))
    .add("relation", text(&|r| r.kind.to_string()))
    .add("object", text(&|r| r.object.clone()));
    t.add_date(
        "date",
        "date_day",
        rows.iter().map(|(_, r)| r.date).collect(),
    );
    t.add(
        "role",
        Values::OptText(rows.iter().map(|(_, r)| r.role.clone()).collect()),
    )
    .add("document", text(&|r| r.evidence.document.to_string()))
    .add("sentence", text(&|r| r.evidence.sentence.to_string()))
    .add("quote", text(&|r| r.evidence.quote.to_string()))
    .add(
        "start",
        Values::Int(rows.iter().map(|(_, r)| r.evidence.start as i64).collect()),
    )
    .add(
        "end",
        Values::Int(rows.iter().map(|(_, r)| r.evidence.end as i64).collect()),
    )
    .add("rule", text(&|r| r.evidence.rule.to_string()))
    .add(
        "confidence",
        Values::OptFloat(
            rows.iter()
                .map(|(_, r)| r.confidence.map(|c| c.value()))
                .collect(),
        ),
    )
    .add(
        "curated",
        Values::OptText(
            rows.iter()
                .map(|(_, r)| r.curated.as_ref().map(|c| c.what.clone()))
                .collect(),
        ),
    );
    t
}

/// The rows of `documents.parquet` for some documents.
fn documents(d: &[&crate::model::SourceDocument]) -> Table {
    let text = |f: &dyn Fn(&crate::model::SourceDocument) -> String| {
        Values::Text(d.iter().map(|x| f(x)).collect())
    };
    let opt = |f: &dyn Fn(&crate::model::SourceDocument) -> Option<String>| {
        Values::OptText(d.iter().map(|x| f(x)).collect())
    };
    let mut t = Table::new();
    t.add("id", text(&|x| x.id.clone()))
        .add("title", text(&|x| x.title.clone()))
        .add("title_en", opt(&|x| x.title_en.clone()));
    t.add_date("date", "date_day", d.iter().map(|x| x.date).collect());
    t.add("language", text(&|x| x.language.clone()))
        .add("kind", text(&|x| x.kind.clone()))
        .add("file", text(&|x| x.file.clone()))
        .add("source", opt(&|x| x.source.clone()))
        .add("content_hash", text(&|x| x.content_hash.clone()))
        .add("named_text", opt(&|x| x.named_text.clone()))
        .add("iri", text(&|x| x.iri()))
        .add("text_source", opt(&|x| x.text_source.clone()));
    t
}

/// Writes `nodes.parquet`, `edges.parquet`, `evidence.parquet` and `documents.parquet` into
/// `dir`; returns the paths written.
pub fn write_parquet(
    kg: &KnowledgeGraph,
    proj: &GraphProjection,
    dir: &Path,
) -> Result<Vec<PathBuf>, ExportError> {
    fs::create_dir_all(dir).map_err(ExportError::Write)?;
    let edge_list: Vec<&crate::model::Edge> = kg.edges_in_order().collect();
    let rows = statements(kg);
    let docs: Vec<&crate::model::SourceDocument> = kg.documents.values().collect();
    let tables: [(&str, usize, &RowBuilder<'_>); 4] = [
        ("nodes", kg.nodes.len(), &|r| nodes(kg, proj, r)),
        ("edges", edge_list.len(), &|r| edges(&edge_list, r)),
        ("evidence", rows.len(), &|r| evidence(&rows[r])),
        ("documents", docs.len(), &|r| documents(&docs[r])),
    ];
    let mut written = Vec::new();
    for (name, count, build) in tables {
        let path = dir.join(format!("{name}.parquet"));
        let file = fs::File::create(&path).map_err(ExportError::Write)?;
        let mut out = std::io::BufWriter::new(file);
        write_table(name, count, ROW_GROUP, build, &mut out)?;
        out.flush().map_err(ExportError::Write)?;
        written.push(path);
    }
    Ok(written)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::csv::tests::sample;
    use parquet::file::reader::{FileReader, SerializedFileReader};
    use parquet::record::Field;

    fn read(path: &Path) -> Vec<Vec<(String, Field)>> {
        let reader = SerializedFileReader::new(fs::File::open(path).unwrap()).unwrap();
        reader
            .get_row_iter(None)
            .unwrap()
            .map(|row| {
                row.unwrap()
                    .get_column_iter()
                    .map(|(n, f)| (n.clone(), f.clone()))
                    .collect()
            })
            .collect()
    }

    fn field<'a>(row: &'a [(String, Field)], name: &str) -> &'a Field {
        &row.iter().find(|(n, _)| n == name).unwrap().1
    }

    #[test]
    fn a_table_written_in_row_groups_holds_every_row_in_order() {
        let kg = sample();
        let rows = statements(&kg);
        assert!(rows.len() >= 3, "{}", rows.len());
        let dir = tempfile::tempdir().unwrap();
        let mut read_back = Vec::new();
        for group in [1, 2, rows.len()] {
            let path = dir.path().join(format!("evidence-{group}.parquet"));
            let mut out = fs::File::create(&path).unwrap();
            write_table(
                "evidence",
                rows.len(),
                group,
                &|r| evidence(&rows[r]),
                &mut out,
            )
            .unwrap();
            let reader = SerializedFileReader::new(fs::File::open(&path).unwrap()).unwrap();
            assert_eq!(
                reader.metadata().num_row_groups(),
                rows.len().div_ceil(group),
                "groups of {group}"
            );
            read_back.push(read(&path));
        }
        assert_eq!(read_back[0].len(), rows.len());
        assert_eq!(read_back[0], read_back[1]);
        assert_eq!(read_back[0], read_back[2]);
        for (row, (_, r)) in read_back[0].iter().zip(&rows) {
            assert!(matches!(field(row, "subject"), Field::Str(s) if *s == r.subject));
        }
    }

    #[test]
    fn epoch_days_count_from_1970() {
        assert_eq!(epoch_day(FactDate::Day(1970, 1, 1)), 0);
        assert_eq!(epoch_day(FactDate::Day(2000, 3, 1)), 11_017);
        assert_eq!(epoch_day(FactDate::Day(2025, 9, 4)), 20_335);
        assert_eq!(epoch_day(FactDate::YearMonth(2025, 9)), 20_332);
        assert_eq!(epoch_day(FactDate::Year(1969)), -365);
    }

    #[test]
    fn tables_keep_their_rows_types_lists_and_nulls() {
        let kg = sample();
        let dir = tempfile::tempdir().unwrap();
        let written = write_parquet(&kg, &GraphProjection::new(&kg), dir.path()).unwrap();
        assert_eq!(written.len(), 4);

        let nodes = read(&dir.path().join("nodes.parquet"));
        assert_eq!(nodes.len(), kg.nodes.len());
        let a = nodes
            .iter()
            .find(|r| matches!(field(r, "id"), Field::Str(s) if s == "person/a"))
            .unwrap();
        // One arc to the country, and a meeting: two arcs, one each way.
        assert!(matches!(field(a, "degree"), Field::Long(3)), "{a:?}");
        assert!(matches!(field(a, "pagerank"), Field::Double(_)));
        assert!(matches!(field(a, "label_en"), Field::Null));
        match field(a, "aliases") {
            Field::ListInternal(l) => {
                assert_eq!(l.elements(), &[Field::Str("别名".into())]);
            }
            other => panic!("{other:?}"),
        }

        let edges = read(&dir.path().join("edges.parquet"));
        assert_eq!(edges.len(), kg.edges.len());
        let evidence = read(&dir.path().join("evidence.parquet"));
        let statements: usize = kg.edges.values().map(|e| e.weight()).sum();
        assert_eq!(evidence.len(), statements);
        assert!(
            evidence
                .iter()
                .any(|r| matches!(field(r, "date_day"), Field::Date(_)))
        );
    }

    #[test]
    fn the_same_graph_gives_the_same_bytes_and_an_empty_graph_gives_valid_files() {
        let kg = sample();
        let (a, b) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
        let proj = GraphProjection::new(&kg);
        write_parquet(&kg, &proj, a.path()).unwrap();
        write_parquet(&kg, &proj, b.path()).unwrap();
        for name in ["nodes", "edges", "evidence", "documents"] {
            let file = format!("{name}.parquet");
            assert_eq!(
                fs::read(a.path().join(&file)).unwrap(),
                fs::read(b.path().join(&file)).unwrap(),
                "{file}"
            );
        }
        let empty = KnowledgeGraph::default();
        let c = tempfile::tempdir().unwrap();
        write_parquet(&empty, &GraphProjection::new(&empty), c.path()).unwrap();
        assert!(read(&c.path().join("nodes.parquet")).is_empty());
    }

    /// The names of a table's columns, in order.
    fn columns(path: &Path) -> Vec<String> {
        let reader = SerializedFileReader::new(fs::File::open(path).unwrap()).unwrap();
        reader
            .metadata()
            .file_metadata()
            .schema_descr()
            .root_schema()
            .get_fields()
            .iter()
            .map(|f| f.name().to_string())
            .collect()
    }

    #[test]
    fn nodes_edges_and_statements_say_what_curation_did_to_them() {
        let kg = crate::export::csv::tests::curated_sample();
        let dir = tempfile::tempdir().unwrap();
        write_parquet(&kg, &GraphProjection::new(&kg), dir.path()).unwrap();
        for table in ["nodes", "edges", "evidence"] {
            let cols = columns(&dir.path().join(format!("{table}.parquet")));
            assert_eq!(cols.last().map(String::as_str), Some("curated"), "{table}");
        }
        // The columns before it keep their order.
        let cols = columns(&dir.path().join("nodes.parquet"));
        assert_eq!(
            &cols[cols.len() - 3..cols.len() - 1],
            ["last_seen", "last_seen_day"]
        );
        let cols = columns(&dir.path().join("edges.parquet"));
        assert_eq!(cols[cols.len() - 2], "confidence");

        let nodes = read(&dir.path().join("nodes.parquet"));
        let node = |id: &str| {
            nodes
                .iter()
                .find(|r| matches!(field(r, "id"), Field::Str(s) if s == id))
                .unwrap()
        };
        let list = |items: &[&str]| -> Vec<Field> {
            items.iter().map(|s| Field::Str(s.to_string())).collect()
        };
        let elements = |f: &Field| match f {
            Field::ListInternal(l) => l.elements().to_vec(),
            other => panic!("{other:?} is not a list"),
        };
        assert_eq!(
            elements(field(node("person/a"), "curated")),
            list(&["merged", "renamed"])
        );
        assert_eq!(elements(field(node("person/b"), "curated")), list(&[]));

        let edges = read(&dir.path().join("edges.parquet"));
        let edge = |kind: &str| {
            edges
                .iter()
                .find(|r| matches!(field(r, "kind"), Field::Str(s) if s == kind))
                .unwrap()
        };
        assert_eq!(
            elements(field(edge("leaderOf"), "curated")),
            list(&["added"])
        );
        assert_eq!(elements(field(edge("met"), "curated")), list(&[]));

        let evidence = read(&dir.path().join("evidence.parquet"));
        assert_eq!(evidence.len(), 4);
        let added: Vec<_> = evidence
            .iter()
            .filter(|r| field(r, "curated") == &Field::Str("added".into()))
            .collect();
        assert_eq!(added.len(), 1);
        assert_eq!(field(added[0], "rule"), &Field::Str("curation:add".into()));
        assert_eq!(
            evidence
                .iter()
                .filter(|r| field(r, "curated") == &Field::Null)
                .count(),
            3
        );
    }
}
