//! CSV files in the shape of Neo4j's bulk importer (`neo4j-admin database import full`): one
//! nodes file per entity type (`nodes_Person.csv` …, headers `id:ID`, typed properties,
//! `:LABEL`) and one relationships file per relation (`rels_met.csv` …, headers `:START_ID`,
//! `:END_ID`, `:TYPE`, typed properties). Array properties are `;`-separated, the importer's
//! default. Both end with `curated:string[]`: what the analyst's curation did to the entity or to
//! the relation's statements, the values of the CSV files' `curated` columns (empty when nothing,
//! which leaves the property unset).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use super::ExportError;
use super::csv::{NodeFigures, edge_curated_list, edge_evidence, edge_id, node_curated_list};
use crate::graph::GraphProjection;
use crate::model::KnowledgeGraph;

/// Header of every nodes file.
pub const NODE_HEADER: [&str; 17] = [
    "id:ID",
    "label",
    "label_zh",
    "label_en",
    "aliases:string[]",
    "iri",
    "degree:long",
    "weighted_degree:double",
    "pagerank:double",
    "betweenness:double",
    "component:long",
    "community:long",
    "documents:string[]",
    "first_seen",
    "last_seen",
    ":LABEL",
    "curated:string[]",
];

/// Header of every relationships file.
pub const RELATIONSHIP_HEADER: [&str; 11] = [
    ":START_ID",
    ":END_ID",
    ":TYPE",
    "edge_id",
    "weight:long",
    "date",
    "dates:string[]",
    "documents:string[]",
    "evidence",
    "confidence:double",
    "curated:string[]",
];

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
        w.write_record(NODE_HEADER)?;
        for id in ids {
            let node = &kg.nodes[id];
            let e = &node.entity;
            let f = NodeFigures::of(proj, id);
            w.write_record([
                id.as_str(),
                e.label(),
                e.label_zh.as_deref().unwrap_or(""),
                e.label_en.as_deref().unwrap_or(""),
                &e.aliases
                    .iter()
                    .map(String::as_str)
                    .collect::<Vec<_>>()
                    .join(";"),
                &e.iri(),
                &f.degree,
                &f.weighted_degree,
                &f.pagerank,
                &f.betweenness,
                &f.component,
                &f.community,
                &node
                    .documents
                    .iter()
                    .map(|d| &**d)
                    .collect::<Vec<_>>()
                    .join(";"),
                &f.first_seen,
                &f.last_seen,
                &format!("Entity;{kind}"),
                &node_curated_list(kg, id).join(";"),
            ])?;
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
        w.write_record(RELATIONSHIP_HEADER)?;
        for (n, edge) in edges {
            let dates: Vec<String> = edge
                .statements
                .iter()
                .filter_map(|r| r.date.map(|d| d.to_string()))
                .collect::<std::collections::BTreeSet<_>>()
                .into_iter()
                .collect();
            w.write_record([
                edge.subject.as_str(),
                &edge.object,
                kind,
                &edge_id(n),
                &edge.weight().to_string(),
                &edge.first_date().map(|d| d.to_string()).unwrap_or_default(),
                &dates.join(";"),
                &edge.documents().into_iter().collect::<Vec<_>>().join(";"),
                &edge_evidence(edge),
                &super::csv::edge_confidence(edge),
                &edge_curated_list(edge).join(";"),
            ])?;
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
        assert!(people.starts_with(&NODE_HEADER.join(",")));
        // `:LABEL`, then the empty `curated` of an entity as the rules found it.
        assert!(people.contains(",Entity;Person,\n"), "{people}");
        let met = std::fs::read_to_string(dir.path().join("rels_met.csv")).unwrap();
        assert!(met.starts_with(":START_ID,:END_ID,:TYPE,"));
        assert!(met.contains(",met,e"), "{met}");
        assert!(met.contains(",2018;2025-09,"), "{met}");
    }

    #[test]
    fn nodes_and_relationships_say_what_curation_did_to_them() {
        assert_eq!(
            NODE_HEADER[15], ":LABEL",
            "the earlier columns keep their places"
        );
        assert_eq!(NODE_HEADER.last(), Some(&"curated:string[]"));
        assert_eq!(RELATIONSHIP_HEADER.last(), Some(&"curated:string[]"));
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
        let last = NODE_HEADER.len() - 1;
        assert_eq!(person("person/a")[last], "merged;renamed");
        assert_eq!(person("person/b")[last], "");
        assert_eq!(rows("nodes_Country.csv")[0][last], "");
        let last = RELATIONSHIP_HEADER.len() - 1;
        assert_eq!(rows("rels_leaderOf.csv")[0][last], "added");
        assert_eq!(rows("rels_met.csv")[0][last], "");
    }
}
