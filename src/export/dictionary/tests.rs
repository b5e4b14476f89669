//! Every tabular and graph export, written and read back: its names and types are the
//! dictionary's.

use std::collections::{BTreeMap, BTreeSet};

use quick_xml::Reader;
use quick_xml::events::Event;

use super::*;
use crate::export::csv::tests::curated_sample;
use crate::export::{csv, gexf, graphml, jsonl, neo4j};

/// Name → type as the format says it, for the attributes of one table.
type Declared = BTreeMap<String, String>;

/// What the dictionary says a format should declare: each attribute but the format's
/// structural ones, with its type in the format's words.
fn expected(list: &[Attribute], skip: &[&str], say: fn(Type) -> &'static str) -> Declared {
    list.iter()
        .filter(|a| !skip.contains(&a.name))
        .map(|a| (a.name.to_string(), say(a.kind).to_string()))
        .collect()
}

fn names(list: &[Attribute]) -> Vec<&'static str> {
    list.iter().map(|a| a.name).collect()
}

fn graph() -> (KnowledgeGraph, GraphProjection) {
    let kg = curated_sample();
    let proj = GraphProjection::new(&kg);
    (kg, proj)
}

/// The elements named `element` in `xml`, each as its attributes.
fn elements(xml: &str, element: &str) -> Vec<BTreeMap<String, String>> {
    let mut reader = Reader::from_str(xml);
    let mut out = Vec::new();
    loop {
        match reader.read_event().unwrap() {
            Event::Eof => break,
            Event::Start(e) | Event::Empty(e) if e.name().as_ref() == element => {
                out.push(
                    e.attributes()
                        .flatten()
                        .map(|a| {
                            (
                                a.key.as_ref().to_string(),
                                quick_xml::escape::unescape(&a.value).unwrap().into_owned(),
                            )
                        })
                        .collect(),
                );
            }
            _ => {}
        }
    }
    out
}

/// `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
fn is_date(value: &str) -> bool {
    let parts: Vec<&str> = value.split('-').collect();
    (1..=3).contains(&parts.len())
        && parts[0].len() == 4
        && parts[1..].iter().all(|p| p.len() == 2)
        && parts.iter().all(|p| p.bytes().all(|b| b.is_ascii_digit()))
}

#[test]
fn csv_headers_are_the_dictionary_and_values_parse_as_their_types() {
    let (kg, proj) = graph();
    let (mut nodes, mut edges) = (Vec::new(), Vec::new());
    csv::write_nodes(&kg, &proj, &mut nodes).unwrap();
    csv::write_edges(&kg, &proj, &mut edges).unwrap();
    for (bytes, list) in [(nodes, &NODE[..]), (edges, &EDGE[..])] {
        let mut reader = ::csv::Reader::from_reader(bytes.as_slice());
        let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
        assert_eq!(header, names(list));
        let mut rows = 0;
        for record in reader.records() {
            let record = record.unwrap();
            rows += 1;
            for (a, value) in list.iter().zip(record.iter()) {
                let ok = value.is_empty()
                    || match a.kind {
                        Type::Integer => value.parse::<u64>().is_ok(),
                        Type::Float => value.parse::<f64>().is_ok(),
                        Type::Date => is_date(value),
                        Type::String | Type::List => true,
                    };
                assert!(ok, "{} = {value:?} is not a {}", a.name, a.kind.as_str());
            }
        }
        assert!(rows > 0);
    }
}

#[test]
fn graphml_keys_are_the_dictionary_with_its_types() {
    let (kg, proj) = graph();
    let mut out = Vec::new();
    graphml::write_graphml(&kg, &proj, &mut out).unwrap();
    let xml = String::from_utf8(out).unwrap();
    let keys = elements(&xml, "key");
    let declared = |domain: &str| -> Declared {
        keys.iter()
            .filter(|k| k["for"] == domain)
            .map(|k| (k["attr.name"].clone(), k["attr.type"].clone()))
            .collect()
    };
    let mut nodes = expected(&NODE, &["id"], Type::graphml);
    nodes.insert("entity_id".into(), "string".into());
    assert_eq!(declared("node"), nodes);
    assert_eq!(
        declared("edge"),
        expected(&EDGE, &["id", "source", "target"], Type::graphml)
    );
    assert_eq!(declared("edge")["weight"], "long");
    assert!(
        elements(&xml, "edge")
            .iter()
            .all(|e| e.contains_key("source") && e.contains_key("target") && e.contains_key("id"))
    );
}

#[test]
fn gexf_attributes_are_the_dictionary_with_its_types() {
    let (kg, proj) = graph();
    let mut out = Vec::new();
    gexf::write_gexf(&kg, &proj, &mut out).unwrap();
    let xml = String::from_utf8(out).unwrap();
    // `<attributes class=…>` comes before its `<attribute>`s: split the file at each class.
    let section = |class: &str| -> Declared {
        let start = xml.find(&format!("<attributes class=\"{class}\"")).unwrap();
        let end = start + xml[start..].find("</attributes>").unwrap();
        elements(&xml[start..end], "attribute")
            .into_iter()
            .map(|a| {
                assert_eq!(a["id"], a["title"], "id and title are the name");
                (a["title"].clone(), a["type"].clone())
            })
            .collect()
    };
    assert_eq!(
        section("node"),
        expected(&NODE, &["id", "label"], Type::gexf)
    );
    assert_eq!(
        section("edge"),
        expected(
            &EDGE,
            &["id", "source", "target", "label", "weight"],
            Type::gexf
        )
    );
    // What the structure carries is there on every node and edge.
    let nodes = elements(&xml, "node");
    assert_eq!(nodes.len(), kg.nodes.len());
    assert!(
        nodes
            .iter()
            .all(|n| n.contains_key("id") && n.contains_key("label"))
    );
    for e in elements(&xml, "edge") {
        for key in ["id", "source", "target", "label", "weight"] {
            assert!(e.contains_key(key), "{key} in {e:?}");
        }
        assert!(e["weight"].parse::<u64>().is_ok(), "{e:?}");
    }
}

/// A Neo4j header column as (attribute name, type suffix).
fn neo4j_column(column: &str) -> (String, String) {
    match column {
        "id:ID" => ("id".into(), String::new()),
        ":START_ID" => ("source".into(), String::new()),
        ":END_ID" => ("target".into(), String::new()),
        ":TYPE" => ("kind".into(), String::new()),
        c => match c.find(':') {
            Some(i) if i > 0 => (c[..i].to_string(), c[i..].to_string()),
            _ => (c.to_string(), String::new()),
        },
    }
}

#[test]
fn neo4j_headers_are_the_dictionary_with_its_types() {
    let (kg, proj) = graph();
    let dir = tempfile::tempdir().unwrap();
    neo4j::write_neo4j(&kg, &proj, dir.path()).unwrap();
    let header = |file: &str| -> Declared {
        let mut reader = ::csv::Reader::from_path(dir.path().join(file)).unwrap();
        let extras: BTreeSet<&str> = EXTRAS
            .iter()
            .filter(|(format, ..)| *format == "Neo4j")
            .map(|(_, _, name, _)| *name)
            .collect();
        reader
            .headers()
            .unwrap()
            .iter()
            .filter(|c| !extras.contains(c))
            .map(neo4j_column)
            .collect()
    };
    let structural = ["id", "source", "target", "kind"];
    for (file, list) in [("nodes_Person.csv", &NODE[..]), ("rels_met.csv", &EDGE[..])] {
        let want: Declared = list
            .iter()
            .map(|a| {
                let suffix = if structural.contains(&a.name) {
                    ""
                } else {
                    a.kind.neo4j()
                };
                (a.name.to_string(), suffix.to_string())
            })
            .collect();
        assert_eq!(header(file), want, "{file}");
    }
}

/// The JSON type a dictionary type is written as (`null` allowed for all but lists and counts).
fn json_fits(kind: Type, value: &serde_json::Value) -> bool {
    match kind {
        Type::Integer => value.is_u64(),
        Type::Float => value.is_f64() || value.is_null(),
        Type::String | Type::Date => value.is_string() || value.is_null(),
        Type::List => value
            .as_array()
            .is_some_and(|a| a.iter().all(|v| v.is_string())),
    }
}

#[test]
fn jsonl_keys_are_the_dictionary_and_values_have_its_types() {
    let (kg, proj) = graph();
    let (mut entities, mut relations) = (Vec::new(), Vec::new());
    jsonl::write_entities(&kg, &proj, &mut entities).unwrap();
    jsonl::write_relations(&kg, &mut relations).unwrap();
    for (bytes, list) in [(entities, &NODE[..]), (relations, &STATEMENT[..])] {
        let text = String::from_utf8(bytes).unwrap();
        assert!(!text.is_empty());
        for line in text.lines() {
            let object: serde_json::Map<String, serde_json::Value> =
                serde_json::from_str(line).unwrap();
            let keys: BTreeSet<&str> = object.keys().map(String::as_str).collect();
            assert_eq!(keys, names(list).into_iter().collect());
            for a in list {
                assert!(
                    json_fits(a.kind, &object[a.name]),
                    "{} = {} is not a {}",
                    a.name,
                    object[a.name],
                    a.kind.as_str()
                );
            }
        }
    }
}

#[cfg(feature = "parquet")]
#[test]
fn parquet_columns_are_the_dictionary_with_its_types() {
    use parquet::basic::{ConvertedType, Type as Physical};
    use parquet::file::reader::{FileReader, SerializedFileReader};

    let (kg, proj) = graph();
    let dir = tempfile::tempdir().unwrap();
    crate::export::parquet::write_parquet(&kg, &proj, dir.path()).unwrap();
    let columns = |file: &str| -> Declared {
        let path: &std::path::Path = &dir.path().join(file);
        let reader = SerializedFileReader::new(std::fs::File::open(path).unwrap()).unwrap();
        let schema = reader.metadata().file_metadata().schema().clone();
        schema
            .get_fields()
            .iter()
            .filter(|f| !f.name().ends_with("_day"))
            .map(|f| {
                let kind = if f.is_group() {
                    assert_eq!(f.get_basic_info().converted_type(), ConvertedType::LIST);
                    "list<string>"
                } else {
                    match f.get_physical_type() {
                        Physical::INT64 => "int64",
                        Physical::DOUBLE => "double",
                        Physical::BYTE_ARRAY => {
                            assert_eq!(f.get_basic_info().converted_type(), ConvertedType::UTF8);
                            "string"
                        }
                        other => panic!("{}: {other:?}", f.name()),
                    }
                };
                (f.name().to_string(), kind.to_string())
            })
            .collect()
    };
    for (file, list) in [
        ("nodes.parquet", &NODE[..]),
        ("edges.parquet", &EDGE[..]),
        ("evidence.parquet", &STATEMENT[..]),
    ] {
        assert_eq!(columns(file), expected(list, &[], Type::parquet), "{file}");
    }
}

#[test]
fn values_follow_the_dictionary_order_and_types() {
    let (kg, proj) = graph();
    for id in kg.nodes.keys() {
        let values = node_values(&kg, &proj, id);
        assert_eq!(values.len(), NODE.len());
        assert_eq!(values[0], Value::Text(id.clone()));
        for (a, v) in NODE.iter().zip(&values) {
            assert!(json_fits(a.kind, &v.json()), "{} {v:?}", a.name);
        }
    }
    for (n, edge) in kg.edges_in_order().enumerate() {
        let values = edge_values(n, edge);
        assert_eq!(values.len(), EDGE.len());
        for (a, v) in EDGE.iter().zip(&values) {
            assert!(json_fits(a.kind, &v.json()), "{} {v:?}", a.name);
        }
    }
}

#[test]
fn the_readme_data_dictionary_is_this_list() {
    let readme = include_str!("../../../README.md");
    let start = readme
        .find("### Data dictionary")
        .expect("a data dictionary section");
    let section = &readme[start..];
    let end = section[4..].find("\n### ").map_or(section.len(), |i| i + 4);
    let section = &section[..end];
    // Every row `| `name` | type | …` of the section's tables.
    let rows: Vec<(String, String)> = section
        .lines()
        .filter_map(|l| {
            let cells: Vec<&str> = l.split('|').map(str::trim).collect();
            (cells.len() > 3 && cells[1].starts_with('`'))
                .then(|| (cells[1].trim_matches('`').to_string(), cells[2].to_string()))
        })
        .collect();
    for (table, list) in [
        ("node", &NODE[..]),
        ("edge", &EDGE[..]),
        ("statement", &STATEMENT[..]),
    ] {
        for a in list {
            assert!(
                rows.iter()
                    .any(|(name, kind)| name == a.name && kind == a.kind.as_str()),
                "README's data dictionary lacks the {table} attribute `{}` ({})",
                a.name,
                a.kind.as_str()
            );
        }
    }
}
