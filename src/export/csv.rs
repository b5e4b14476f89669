//! `nodes.csv` and `edges.csv`: the graph as Gephi's spreadsheet importer and data pipelines
//! read it (`id`/`label`; `source`/`target`/`type` = Directed or Undirected, `kind` = relation,
//! `weight`), with labels, aliases, metrics, dates, documents and evidence, and a last `curated`
//! column saying what the analyst's curation decisions changed (empty for what the rules found).

use std::collections::BTreeSet;
use std::io::Write;

use super::ExportError;
use super::dictionary;
use crate::graph::GraphProjection;
use crate::model::{Edge, KnowledgeGraph};

/// Columns of `nodes.csv`, in order: the names of [`dictionary::NODE`].
pub const NODE_COLUMNS: [&str; 18] = names(&dictionary::NODE);
/// Columns of `edges.csv`, in order: the names of [`dictionary::EDGE`].
pub const EDGE_COLUMNS: [&str; 15] = names(&dictionary::EDGE);

/// The names of a list of attributes, in order.
const fn names<const N: usize>(list: &[dictionary::Attribute; N]) -> [&'static str; N] {
    let mut out = [""; N];
    let mut i = 0;
    while i < N {
        out[i] = list[i].name;
        i += 1;
    }
    out
}

pub use crate::model::edge_id;

/// `Directed`, or `Undirected` for symmetric relations.
pub fn direction(edge: &Edge) -> &'static str {
    if edge.kind.is_symmetric() {
        "Undirected"
    } else {
        "Directed"
    }
}

/// The distinct dates an edge is stated at, sorted, as `YYYY[-MM[-DD]]`.
pub fn edge_date_list(edge: &Edge) -> Vec<String> {
    let dates: BTreeSet<String> = edge
        .statements
        .iter()
        .filter_map(|r| r.date.map(|d| d.to_string()))
        .collect();
    dates.into_iter().collect()
}

/// The distinct rules that found an edge's statements, sorted.
pub fn edge_rules(edge: &Edge) -> Vec<&str> {
    let rules: BTreeSet<&str> = edge.statements.iter().map(|r| &*r.evidence.rule).collect();
    rules.into_iter().collect()
}

/// The dates an edge is stated at as a Gephi timestamp set (`<[2018-01-01, 2025-09-01]>`), a
/// year or month standing for its first day; empty when no statement has a date.
pub fn edge_timeset(edge: &Edge) -> String {
    let days: BTreeSet<String> = edge
        .statements
        .iter()
        .filter_map(|r| r.date.map(first_day))
        .collect();
    if days.is_empty() {
        return String::new();
    }
    format!("<[{}]>", days.into_iter().collect::<Vec<_>>().join(", "))
}

/// The first day of a date's span, as `YYYY-MM-DD`.
pub fn first_day(date: crate::model::FactDate) -> String {
    use crate::model::FactDate;
    match date {
        FactDate::Year(y) => format!("{y:04}-01-01"),
        FactDate::YearMonth(y, m) => format!("{y:04}-{m:02}-01"),
        FactDate::Day(y, m, d) => format!("{y:04}-{m:02}-{d:02}"),
    }
}

/// The distinct evidence sentences of an edge, ` | `-separated, in statement order.
pub fn edge_evidence(edge: &Edge) -> String {
    let mut seen = BTreeSet::new();
    let sentences: Vec<&str> = edge
        .statements
        .iter()
        .map(|r| &*r.evidence.sentence)
        .filter(|s| seen.insert(*s))
        .collect();
    sentences.join(" | ")
}

/// What curation decisions did to entity `id` (`added`, `merged`, `renamed`, `retyped`), sorted
/// and without repeats; empty when the entity is as the rules found it.
pub fn node_curated_list<'a>(kg: &'a KnowledgeGraph, id: &str) -> Vec<&'a str> {
    kg.curated
        .get(id)
        .map(|marks| marks.iter().map(String::as_str).collect())
        .unwrap_or_default()
}

/// What curation decisions did to entity `id`, `|`-separated in sorted order: the `curated`
/// column of `nodes.csv` (empty when none).
pub fn node_curated(kg: &KnowledgeGraph, id: &str) -> String {
    node_curated_list(kg, id).join("|")
}

/// What the analyst's decisions did to an edge's statements (`added`, `merged`, `retyped`),
/// sorted and without repeats; empty when every statement is as the rules found it.
pub fn edge_curated_list(edge: &Edge) -> Vec<&str> {
    let what: BTreeSet<&str> = edge
        .statements
        .iter()
        .filter_map(|r| r.curated.as_ref().map(|c| c.what.as_str()))
        .collect();
    what.into_iter().collect()
}

/// What the analyst's decisions did to an edge's statements, `|`-separated in sorted order: the
/// `curated` column of `edges.csv` (empty when none).
pub fn edge_curated(edge: &Edge) -> String {
    edge_curated_list(edge).join("|")
}

/// Writes `nodes.csv`: the [`NODE`](super::dictionary::NODE) attributes of every entity.
pub fn write_nodes<W: Write>(
    kg: &KnowledgeGraph,
    proj: &GraphProjection,
    w: W,
) -> Result<(), ExportError> {
    let mut out = ::csv::WriterBuilder::new()
        .terminator(::csv::Terminator::Any(b'\n'))
        .from_writer(w);
    out.write_record(NODE_COLUMNS)?;
    for id in kg.nodes.keys() {
        let values = dictionary::node_values(kg, proj, id);
        out.write_record(values.iter().map(|v| v.text("|")))?;
    }
    out.flush().map_err(ExportError::Write)?;
    Ok(())
}

/// Writes `edges.csv`: the [`EDGE`](super::dictionary::EDGE) attributes of every relation.
pub fn write_edges<W: Write>(
    kg: &KnowledgeGraph,
    _proj: &GraphProjection,
    w: W,
) -> Result<(), ExportError> {
    let mut out = ::csv::WriterBuilder::new()
        .terminator(::csv::Terminator::Any(b'\n'))
        .from_writer(w);
    out.write_record(EDGE_COLUMNS)?;
    for (n, edge) in kg.edges_in_order().enumerate() {
        let values = dictionary::edge_values(n, edge);
        out.write_record(values.iter().map(|v| v.text("|")))?;
    }
    out.flush().map_err(ExportError::Write)?;
    Ok(())
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::model::{
        Confidence, Curated, Entity, EntityType, Evidence, FactDate, Node, Relation, RelationKind,
    };

    /// A small graph: two people who met twice, one of them leading a country.
    pub(crate) fn sample() -> KnowledgeGraph {
        let mut kg = KnowledgeGraph::default();
        for (id, kind, zh) in [
            ("person/a", EntityType::Person, "甲"),
            ("person/b", EntityType::Person, "乙, \"丙\"\n丁"),
            ("country/c", EntityType::Country, "中国"),
        ] {
            kg.nodes.insert(
                id.into(),
                Node {
                    entity: Entity {
                        id: id.into(),
                        kind,
                        label_zh: Some(zh.into()),
                        label_en: None,
                        aliases: ["别名".to_string()].into(),
                    },
                    documents: ["doc1".into()].into(),
                },
            );
        }
        let rel = |s: &str, k, o: &str, n: usize, date| Relation {
            subject: s.into(),
            kind: k,
            object: o.into(),
            date,
            role: None,
            evidence: Evidence {
                document: "doc1".into(),
                sentence: format!("第{n}句，有逗号。").into(),
                quote: "".into(),
                start: n,
                end: n + 5,
                rule: "trigger:met:会见".into(),
            },
            confidence: Some(Confidence::new(0.9)),
            curated: None,
        };
        kg.add_relation(rel(
            "person/b",
            RelationKind::Met,
            "person/a",
            1,
            Some(FactDate::YearMonth(2025, 9)),
        ));
        kg.add_relation(rel(
            "person/a",
            RelationKind::Met,
            "person/b",
            2,
            Some(FactDate::Year(2018)),
        ));
        kg.add_relation(rel(
            "person/a",
            RelationKind::LeaderOf,
            "country/c",
            3,
            None,
        ));
        kg
    }

    /// The decision that added the curated statement of [`curated_sample`].
    pub(crate) const ADD_DECISION: &str = "https://w3id.org/corridor/id/curation/add-1";

    /// [`sample`] after curation: `person/a` renamed and merged, and a second statement of
    /// `person/a leaderOf country/c` added by an analyst; `person/b`, `country/c` and the `met`
    /// edge are as the rules found them.
    pub(crate) fn curated_sample() -> KnowledgeGraph {
        let mut kg = sample();
        kg.curated.insert(
            "person/a".into(),
            ["renamed".to_string(), "merged".to_string()].into(),
        );
        kg.add_relation(Relation {
            subject: "person/a".into(),
            kind: RelationKind::LeaderOf,
            object: "country/c".into(),
            date: None,
            role: None,
            evidence: Evidence {
                document: "doc1".into(),
                sentence: "第4句，分析员补充。".into(),
                quote: "".into(),
                start: 4,
                end: 9,
                rule: "curation:add".into(),
            },
            confidence: Some(Confidence::new(0.9)),
            curated: Some(Curated {
                what: "added".into(),
                decision: ADD_DECISION.into(),
            }),
        });
        kg
    }

    fn records(bytes: &[u8]) -> Vec<Vec<String>> {
        ::csv::Reader::from_reader(bytes)
            .records()
            .map(|r| r.unwrap().iter().map(str::to_string).collect())
            .collect()
    }

    #[test]
    fn nodes_have_the_documented_columns_and_survive_quoting() {
        let kg = sample();
        let mut out = Vec::new();
        write_nodes(&kg, &GraphProjection::new(&kg), &mut out).unwrap();
        let text = String::from_utf8(out.clone()).unwrap();
        assert!(text.starts_with(&format!("{}\n", NODE_COLUMNS.join(","))));
        let rows = records(&out);
        assert_eq!(rows.len(), 3);
        let b = rows.iter().find(|r| r[0] == "person/b").unwrap();
        assert_eq!(b[1], "乙, \"丙\"\n丁");
        assert_eq!(b[2], "Person");
    }

    #[test]
    fn edges_carry_direction_relation_weight_and_dates() {
        let kg = sample();
        let mut out = Vec::new();
        write_edges(&kg, &GraphProjection::new(&kg), &mut out).unwrap();
        let rows = records(&out);
        assert_eq!(rows.len(), 2);
        let met = rows.iter().find(|r| r[4] == "met").unwrap();
        assert_eq!(
            (met[3].as_str(), met[6].as_str(), met[7].as_str()),
            ("Undirected", "2", "2018")
        );
        assert_eq!(met[8], "2018|2025-09");
        assert_eq!(met[12], "<[2018-01-01, 2025-09-01]>");
        // Two statements of one document: the edge is as sure as the surer of them.
        assert_eq!(met[13], "0.900");
        assert!(
            met[10].contains("第1句，有逗号。") && met[10].contains(" | 第2句")
                || met[10].contains("第2句，有逗号。 | 第1句"),
            "{}",
            met[10]
        );
        let lead = rows.iter().find(|r| r[4] == "leaderOf").unwrap();
        assert_eq!(lead[3], "Directed");
    }

    #[test]
    fn output_is_byte_stable_and_an_empty_graph_has_headers() {
        let kg = sample();
        let p = GraphProjection::new(&kg);
        let (mut a, mut b) = (Vec::new(), Vec::new());
        write_edges(&kg, &p, &mut a).unwrap();
        write_edges(&kg, &p, &mut b).unwrap();
        assert_eq!(a, b);
        let empty = KnowledgeGraph::default();
        let mut out = Vec::new();
        write_nodes(&empty, &GraphProjection::new(&empty), &mut out).unwrap();
        assert_eq!(out, format!("{}\n", NODE_COLUMNS.join(",")).into_bytes());
    }

    /// The index of column `name` in `columns`.
    fn column(columns: &[&str], name: &str) -> usize {
        columns.iter().position(|c| *c == name).unwrap()
    }

    #[test]
    fn curated_is_the_last_column_of_both_files() {
        assert_eq!(NODE_COLUMNS.last(), Some(&"curated"));
        assert_eq!(EDGE_COLUMNS.last(), Some(&"curated"));
        // The columns before it keep their places.
        assert_eq!(NODE_COLUMNS[16], "last_seen");
        assert_eq!(EDGE_COLUMNS[13], "confidence");
        let kg = sample();
        let p = GraphProjection::new(&kg);
        let (mut nodes, mut edges) = (Vec::new(), Vec::new());
        write_nodes(&kg, &p, &mut nodes).unwrap();
        write_edges(&kg, &p, &mut edges).unwrap();
        let header = |b: &[u8]| {
            String::from_utf8(b.to_vec())
                .unwrap()
                .lines()
                .next()
                .unwrap()
                .to_string()
        };
        assert!(
            header(&nodes).ends_with(",last_seen,curated"),
            "{}",
            header(&nodes)
        );
        assert!(
            header(&edges).ends_with(",confidence,curated"),
            "{}",
            header(&edges)
        );
    }

    #[test]
    fn nodes_say_what_curation_did_to_them_sorted_and_empty_when_nothing() {
        let kg = curated_sample();
        let mut out = Vec::new();
        write_nodes(&kg, &GraphProjection::new(&kg), &mut out).unwrap();
        let rows = records(&out);
        let c = column(&NODE_COLUMNS, "curated");
        assert!(rows.iter().all(|r| r.len() == NODE_COLUMNS.len()));
        let row = |id: &str| rows.iter().find(|r| r[0] == id).unwrap().clone();
        assert_eq!(row("person/a")[c], "merged|renamed");
        assert_eq!(row("person/b")[c], "");
        assert_eq!(row("country/c")[c], "");
    }

    #[test]
    fn edges_say_what_curation_did_to_their_statements_and_empty_when_nothing() {
        let kg = curated_sample();
        let mut out = Vec::new();
        write_edges(&kg, &GraphProjection::new(&kg), &mut out).unwrap();
        let rows = records(&out);
        let c = column(&EDGE_COLUMNS, "curated");
        assert!(rows.iter().all(|r| r.len() == EDGE_COLUMNS.len()));
        let lead = rows.iter().find(|r| r[4] == "leaderOf").unwrap();
        // One statement as the rules found it and one the analyst added.
        assert_eq!(lead[6], "2");
        assert_eq!(lead[c], "added");
        let met = rows.iter().find(|r| r[4] == "met").unwrap();
        assert_eq!(met[c], "");
    }

    #[test]
    fn an_edges_curation_is_its_statements_distinct_decisions_in_order() {
        let kg = curated_sample();
        let mut edge = kg
            .edges
            .values()
            .find(|e| e.kind == RelationKind::LeaderOf)
            .unwrap()
            .clone();
        let mut retyped = edge.statements[0].clone();
        retyped.evidence.start = 40;
        retyped.curated = Some(Curated {
            what: "retyped".into(),
            decision: "https://w3id.org/corridor/id/curation/retype-1".into(),
        });
        let mut again = edge.statements[1].clone();
        again.evidence.start = 50;
        edge.statements.insert(0, retyped);
        edge.statements.push(again);
        assert_eq!(edge_curated_list(&edge), ["added", "retyped"]);
        assert_eq!(edge_curated(&edge), "added|retyped");
        assert_eq!(node_curated(&kg, "person/a"), "merged|renamed");
        assert_eq!(node_curated(&kg, "country/c"), "");
        assert_eq!(node_curated(&kg, "no/such-entity"), "");
    }
}
