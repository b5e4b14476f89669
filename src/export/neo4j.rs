//! CSV files in the shape of Neo4j's bulk importer (`neo4j-admin database import full`): one
//! nodes file per entity type (`nodes_Person.csv` …, headers `id:ID`, typed properties,
//! `:LABEL`) and one relationships file per relation (`rels_met.csv` …, headers `:START_ID`,
//! `:END_ID`, `:TYPE`, typed properties). The properties are the data dictionary's attributes
//! ([`dictionary`]) with their types (`:long`, `:double`, `:string[]`); arrays are
//! `;`-separated, the importer's default, and an empty value leaves the property unset.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use super::ExportError;
use super::dictionary::{self, Attribute, EDGE, NODE};
use crate::graph::GraphProjection;
use crate::model::KnowledgeGraph;

/// The columns of every nodes file: a data dictionary attribute, or the importer's own
/// (`:ID` is the `id` attribute, `:LABEL` the labels). Columns added later come last, so the
/// earlier ones keep their places.
const NODE_COLUMNS: [&str; 19] = [
    "id:ID",
    "label",
    "label_zh",
    "label_en",
    "aliases",
    "iri",
    "degree",
    "weighted_degree",
    "pagerank",
    "betweenness",
    "component",
    "community",
    "documents",
    "first_seen",
    "last_seen",
    ":LABEL",
    "curated",
    "type",
    "document_count",
];

/// The columns of every relationships file: `:START_ID`, `:END_ID` and `:TYPE` are the
/// `source`, `target` and `kind` attributes, `edge_id` the `id` again (kept for older scripts).
const RELATIONSHIP_COLUMNS: [&str; 16] = [
    ":START_ID",
    ":END_ID",
    ":TYPE",
    "edge_id",
    "weight",
    "date",
    "dates",
    "documents",
    "evidence",
    "confidence",
    "curated",
    "id",
    "type",
    "label",
    "rules",
    "timeset",
];

/// The dictionary attribute a column holds, if any.
fn attribute_of(column: &str, list: &[Attribute]) -> Option<usize> {
    let name = match column {
        "id:ID" => "id",
        ":START_ID" => "source",
        ":END_ID" => "target",
        ":TYPE" => "kind",
        "edge_id" => "id",
        other => other,
    };
    dictionary::position(list, name)
}

/// A header: each column of an attribute with its type suffix; the importer's own columns
/// (`id:ID`, `:START_ID` …) as they are.
fn header(columns: &[&str], list: &[Attribute]) -> Vec<String> {
    columns
        .iter()
        .map(|c| match attribute_of(c, list) {
            Some(i) if !c.contains(':') => format!("{c}{}", list[i].kind.neo4j()),
            _ => c.to_string(),
        })
        .collect()
}

/// The header of every nodes file.
pub fn node_header() -> Vec<String> {
    header(&NODE_COLUMNS, &NODE)
}

/// The header of every relationships file.
pub fn relationship_header() -> Vec<String> {
    header(&RELATIONSHIP_COLUMNS, &EDGE)
}

fn writer(path: &Path) -> Result<::csv::Writer<std::fs::File>, ExportError> {
    let file = std::fs::File::create(path).map_err(ExportError::Write)?;
    Ok(::csv::WriterBuilder::new()
        .terminator(::csv::Terminator::Any(b'\n'))
        .from_writer(file))
}

/// Writes the files into `dir` (created if needed) and returns their paths, nodes files first.
pub fn write_neo4j(
    kg: &KnowledgeGraph,
    proj: &GraphProjection,
    dir: &Path,
) -> Result<Vec<PathBuf>, ExportError> {
    std::fs::create_dir_all(dir).map_err(ExportError::Write)?;
    let mut written = Vec::new();
    let mut by_type: BTreeMap<&str, Vec<&String>> = BTreeMap::new();
    for (id, node) in &kg.nodes {
        by_type
            .entry(node.entity.kind.as_str())
            .or_default()
            .push(id);
    }
    for (kind, ids) in by_type {
        let path = dir.join(format!("nodes_{kind}.csv"));
        let mut w = writer(&path)?;
        w.write_record(node_header())?;
        let label = format!("Entity;{kind}");
        for id in ids {
            let values = dictionary::node_values(kg, proj, id);
            w.write_record(NODE_COLUMNS.iter().map(|c| match attribute_of(c, &NODE) {
                Some(i) => values[i].text(";"),
                None => label.clone(),
            }))?;
        }
        w.flush().map_err(ExportError::Write)?;
        written.push(path);
    }
    let mut by_relation: BTreeMap<&str, Vec<(usize, &crate::model::Edge)>> = BTreeMap::new();
    for (n, edge) in kg.edges_in_order().enumerate() {
        by_relation
            .entry(edge.kind.as_str())
            .or_default()
            .push((n, edge));
    }
    for (kind, edges) in by_relation {
        let path = dir.join(format!("rels_{kind}.csv"));
        let mut w = writer(&path)?;
        w.write_record(relationship_header())?;
        for (n, edge) in edges {
            let values = dictionary::edge_values(n, edge);
            w.write_record(RELATIONSHIP_COLUMNS.iter().map(|c| {
                attribute_of(c, &EDGE).map_or_else(String::new, |i| values[i].text(";"))
            }))?;
        }
        w.flush().map_err(ExportError::Write)?;
        written.push(path);
    }
    Ok(written)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::csv::tests::sample;

    #[test]
    fn one_nodes_file_per_type_and_one_relationships_file_per_relation() {
        let kg = sample();
        let dir = tempfile::tempdir().unwrap();
        let files = write_neo4j(&kg, &GraphProjection::new(&kg), dir.path()).unwrap();
        let names: Vec<String> = files
            .iter()
            .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
            .collect();
        assert_eq!(
            names,
            [
                "nodes_Country.csv",
                "nodes_Person.csv",
                "rels_leaderOf.csv",
                "rels_met.csv"
            ]
        );
        let people = std::fs::read_to_string(dir.path().join("nodes_Person.csv")).unwrap();
        assert!(people.starts_with(&node_header().join(",")));
        // `:LABEL`, then the empty `curated` of an entity as the rules found it, its type and
        // document count.
        assert!(people.contains(",Entity;Person,,Person,"), "{people}");
        let met = std::fs::read_to_string(dir.path().join("rels_met.csv")).unwrap();
        assert!(met.starts_with(":START_ID,:END_ID,:TYPE,"));
        assert!(met.contains(",met,e"), "{met}");
        assert!(met.contains(",2018;2025-09,"), "{met}");
    }

    #[test]
    fn nodes_and_relationships_say_what_curation_did_to_them() {
        let (nodes, rels) = (node_header(), relationship_header());
        assert_eq!(nodes[15], ":LABEL", "the earlier columns keep their places");
        assert_eq!(nodes[16], "curated:string[]");
        assert_eq!(rels[10], "curated:string[]");
        let kg = crate::export::csv::tests::curated_sample();
        let dir = tempfile::tempdir().unwrap();
        write_neo4j(&kg, &GraphProjection::new(&kg), dir.path()).unwrap();
        let rows = |file: &str| -> Vec<Vec<String>> {
            ::csv::Reader::from_path(dir.path().join(file))
                .unwrap()
                .records()
                .map(|r| r.unwrap().iter().map(str::to_string).collect())
                .collect()
        };
        let people = rows("nodes_Person.csv");
        let person = |id: &str| people.iter().find(|r| r[0] == id).unwrap();
        let last = 16;
        assert_eq!(person("person/a")[last], "merged;renamed");
        assert_eq!(person("person/b")[last], "");
        assert_eq!(rows("nodes_Country.csv")[0][last], "");
        let last = 10;
        assert_eq!(rows("rels_leaderOf.csv")[0][last], "added");
        assert_eq!(rows("rels_met.csv")[0][last], "");
    }
}
