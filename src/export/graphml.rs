//! `corridor.graphml`: the graph for Gephi, networkx and igraph, written with quick-xml.
//!
//! The keys are the data dictionary's attributes ([`dictionary`]), each declaring its real type
//! (`string`, `long`, `double`); node and edge keys have distinct ids (`n_…`, `e_…`); `label`
//! and `weight` are the keys Gephi maps to its own Label and Weight. The stated relations form
//! a directed graph in which a symmetric relation (`met`) is two arcs, `e12` one way and
//! `e12-reverse` the other, so that the degree and PageRank networkx or igraph compute on the
//! file are the ones corridor writes (a per-edge `directed="false"` would make a mixed graph,
//! which networkx refuses). The co-occurrence layer, undirected, is a file of its own with
//! `edgedefault="undirected"` ([`Layer`]). Node ids are the entity ids made valid XML name tokens
//! ([`graphml_id`]); the `entity_id` attribute holds the entity's own id.

use std::io::Write;

use quick_xml::Writer;
use quick_xml::events::{BytesDecl, BytesText, Event};

use super::ExportError;
use super::dictionary::{self, EDGE, NODE};
use crate::graph::GraphProjection;
use crate::model::{KnowledgeGraph, RelationKind};

/// Node attributes the GraphML structure carries itself.
const NODE_STRUCTURE: [&str; 1] = ["id"];
/// Edge attributes the GraphML structure carries itself.
const EDGE_STRUCTURE: [&str; 3] = ["id", "source", "target"];

/// The suffix of the id of the second arc of a symmetric relation: `e12` runs one way and
/// `e12-reverse` the other.
pub const REVERSE_SUFFIX: &str = "-reverse";

/// Which edges a GraphML file holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Layer {
    /// The stated relations, directed; a symmetric one (`met`) as two arcs.
    Stated,
    /// The co-occurrence layer alone, undirected (`edgedefault="undirected"`).
    Cooccurrence,
}

/// The file beside a GraphML export that holds its co-occurrence layer:
/// `corridor.graphml` → `corridor-cooccurrence.graphml`.
pub fn cooccurrence_path(path: &std::path::Path) -> std::path::PathBuf {
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    path.with_file_name(format!("{stem}-cooccurrence.graphml"))
}

fn io(e: std::io::Error) -> ExportError {
    ExportError::Write(e)
}

fn data<W: Write>(w: &mut Writer<W>, key: &str, value: &str) -> std::io::Result<()> {
    if value.is_empty() {
        return Ok(());
    }
    w.create_element("data")
        .with_attribute(("key", key))
        .write_text_content(BytesText::new(value))?;
    Ok(())
}

/// The GraphML id of an entity: its id made a valid XML name token, as the GraphML schema
/// requires (`country/china` → `country:china`). Letters, digits, `-`, `.` and `_` stay; `/`
/// becomes `:`; any other character becomes `_xHHHH_` (its code point in hex). The entity's own
/// id is kept in the `entity_id` attribute.
pub fn graphml_id(id: &str) -> String {
    let mut out = String::with_capacity(id.len());
    for c in id.chars() {
        if c.is_ascii_alphanumeric() || "-._".contains(c) || (!c.is_ascii() && c.is_alphabetic()) {
            out.push(c);
        } else if c == '/' {
            out.push(':');
        } else {
            out.push_str(&format!("_x{:04X}_", c as u32));
        }
    }
    out
}

/// Writes the stated relations as GraphML ([`Layer::Stated`]).
pub fn write_graphml<W: Write>(
    kg: &KnowledgeGraph,
    proj: &GraphProjection,
    out: W,
) -> Result<(), ExportError> {
    write_layer(kg, proj, Layer::Stated, out)
}

/// Writes one layer of the graph as GraphML: every entity, and the edges of `layer`.
pub fn write_layer<W: Write>(
    kg: &KnowledgeGraph,
    proj: &GraphProjection,
    layer: Layer,
    out: W,
) -> Result<(), ExportError> {
    let mut w = Writer::new_with_indent(out, b' ', 2);
    w.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))
        .map_err(io)?;
    let (graph_id, edgedefault) = match layer {
        Layer::Stated => ("corridor", "directed"),
        Layer::Cooccurrence => ("corridor-cooccurrence", "undirected"),
    };
    w.create_element("graphml")
        .with_attribute(("xmlns", "http://graphml.graphdrawing.org/xmlns"))
        .with_attribute(("xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance"))
        .with_attribute((
            "xsi:schemaLocation",
            "http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd",
        ))
        .write_inner_content(|w| {
            let keys = NODE
                .iter()
                .filter(|a| !NODE_STRUCTURE.contains(&a.name))
                .map(|a| ("node", "n_", a.name, a.kind.graphml()))
                .chain([("node", "n_", "entity_id", "string")])
                .chain(
                    EDGE.iter()
                        .filter(|a| !EDGE_STRUCTURE.contains(&a.name))
                        .map(|a| ("edge", "e_", a.name, a.kind.graphml())),
                );
            for (domain, prefix, name, kind) in keys {
                let id = format!("{prefix}{name}");
                w.create_element("key")
                    .with_attribute(("id", id.as_str()))
                    .with_attribute(("for", domain))
                    .with_attribute(("attr.name", name))
                    .with_attribute(("attr.type", kind))
                    .write_empty()?;
            }
            w.create_element("graph")
                .with_attribute(("id", graph_id))
                .with_attribute(("edgedefault", edgedefault))
                .write_inner_content(|w| {
                    for id in kg.nodes.keys() {
                        let node_id = graphml_id(id);
                        let values = dictionary::node_values(kg, proj, id);
                        w.create_element("node").with_attribute(("id", node_id.as_str())).write_inner_content(|w| {
                            for (a, v) in NODE.iter().zip(&values) {
                                if !NODE_STRUCTURE.contains(&a.name) {
                                    data(w, &format!("n_{}", a.name), &v.text("|"))?;
                                }
                            }
                            data(w, "n_entity_id", id)
                        })?;
                    }
                    for (n, edge) in kg.edges_in_order().enumerate() {
                        let cooccurrence = edge.kind == RelationKind::CooccursWith;
                        if cooccurrence != (layer == Layer::Cooccurrence) {
                            continue;
                        }
                        let values = dictionary::edge_values(n, edge);
                        let id = values[0].text("|");
                        let (source, target) = (graphml_id(&edge.subject), graphml_id(&edge.object));
                        let mut arcs = vec![(id.clone(), &source, &target)];
                        // Both ways in the directed file, so that degree and PageRank read from
                        // it are corridor's own.
                        if layer == Layer::Stated && edge.kind.is_symmetric() {
                            arcs.push((format!("{id}{REVERSE_SUFFIX}"), &target, &source));
                        }
                        for (arc, from, to) in arcs {
                            w.create_element("edge")
                                .with_attribute(("id", arc.as_str()))
                                .with_attribute(("source", from.as_str()))
                                .with_attribute(("target", to.as_str()))
                                .write_inner_content(|w| {
                                    for (a, v) in EDGE.iter().zip(&values) {
                                        if !EDGE_STRUCTURE.contains(&a.name) {
                                            data(w, &format!("e_{}", a.name), &v.text("|"))?;
                                        }
                                    }
                                    Ok(())
                                })?;
                        }
                    }
                    Ok(())
                })?;
            Ok(())
        })
        .map_err(io)?;
    w.get_mut().write_all(b"\n").map_err(io)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use quick_xml::Reader;

    use super::*;
    use crate::export::csv::tests::sample;

    fn write(kg: &KnowledgeGraph) -> String {
        let mut out = Vec::new();
        write_graphml(kg, &GraphProjection::new(kg), &mut out).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn graphml_parses_back_with_typed_unique_keys_and_all_elements() {
        let xml = write(&sample());
        let mut reader = Reader::from_str(&xml);
        let (mut nodes, mut edges, mut undirected) = (0, 0, 0);
        let mut key_ids = BTreeSet::new();
        loop {
            match reader.read_event().unwrap() {
                Event::Eof => break,
                Event::Start(e) | Event::Empty(e) => {
                    let attr = |name: &str| {
                        e.attributes()
                            .flatten()
                            .find(|a| a.key.as_ref() == name)
                            .map(|a| a.value.to_string())
                    };
                    match e.name().as_ref() {
                        "key" => {
                            assert!(attr("attr.type").is_some());
                            assert!(key_ids.insert(attr("id").unwrap()), "duplicate key id");
                        }
                        "node" => {
                            nodes += 1;
                            assert!(!attr("id").unwrap().is_empty());
                        }
                        "edge" => {
                            edges += 1;
                            assert!(
                                attr("directed").is_none(),
                                "a mixed graph networkx cannot read"
                            );
                        }
                        _ => {}
                    }
                }
                _ => {}
            }
        }
        // The meeting is two arcs, one each way, both marked undirected.
        assert_eq!((nodes, edges), (3, 3));
        undirected += xml
            .matches("<data key=\"e_type\">Undirected</data>")
            .count();
        assert_eq!(undirected, 2, "met is marked undirected");
        assert!(
            xml.contains(&format!(
                "<edge id=\"e2{REVERSE_SUFFIX}\" source=\"person:b\" target=\"person:a\">"
            )) || xml.contains(&format!(
                "<edge id=\"e1{REVERSE_SUFFIX}\" source=\"person:b\" target=\"person:a\">"
            )),
            "{xml}"
        );
        assert_eq!(key_ids.len(), NODE.len() + EDGE.len() - 4 + 1);
        assert!(xml.contains("乙, &quot;丙&quot;") || xml.contains("乙, \"丙\""));
    }

    #[test]
    fn node_ids_are_xml_name_tokens_and_stay_distinct() {
        assert_eq!(graphml_id("country/china"), "country:china");
        assert_eq!(graphml_id("project/瓜达尔港"), "project:瓜达尔港");
        assert_eq!(
            graphml_id("document/a+b（c）"),
            "document:a_x002B_b_xFF08_c_xFF09_"
        );
        assert_ne!(graphml_id("event/a b"), graphml_id("event/a-b"));
        let xml = write(&sample());
        assert!(xml.contains(r#"<node id="person:a">"#), "{xml}");
        assert!(xml.contains(r#"<data key="n_entity_id">person/a</data>"#));
        assert!(!xml.contains(r#"source="person/"#));
    }

    #[test]
    fn the_same_graph_gives_the_same_bytes_and_an_empty_graph_is_valid() {
        assert_eq!(write(&sample()), write(&sample()));
        let empty = write(&KnowledgeGraph::default());
        assert!(
            empty.contains("<graph id=\"corridor\" edgedefault=\"directed\">")
                || empty.contains("<graph id=\"corridor\" edgedefault=\"directed\"/>")
        );
    }

    #[test]
    fn nodes_and_edges_say_what_curation_did_to_them() {
        let xml = write(&crate::export::csv::tests::curated_sample());
        assert!(
            xml.contains(
                r#"<key id="n_curated" for="node" attr.name="curated" attr.type="string"/>"#
            ),
            "{xml}"
        );
        assert!(xml.contains(
            r#"<key id="e_curated" for="edge" attr.name="curated" attr.type="string"/>"#
        ));
        // The text of the element whose start tag holds `open`, up to its end tag.
        let element = |open: &str| {
            let start = xml.find(open).unwrap_or_else(|| panic!("{open} in {xml}"));
            let close = if open.starts_with("<node") {
                "</node>"
            } else {
                "</edge>"
            };
            let len = xml[start..].find(close).unwrap();
            xml[start..start + len].to_string()
        };
        // The value follows the node's or edge's other data; nothing is written when empty.
        let a = element(r#"<node id="person:a">"#);
        assert!(
            a.contains(r#"<data key="n_curated">merged|renamed</data>"#),
            "{a}"
        );
        let b = element(r#"<node id="person:b">"#);
        assert!(!b.contains("n_curated"), "{b}");
        let lead = element(r#"source="person:a" target="country:c">"#);
        assert!(
            lead.contains(r#"<data key="e_curated">added</data>"#),
            "{lead}"
        );
        let met = element(r#"source="person:a" target="person:b">"#);
        assert!(!met.contains("e_curated"), "{met}");
        // Still one key per id, and the plain sample has no curated data at all.
        assert_eq!(
            xml.matches("<key ").count(),
            NODE.len() + EDGE.len() - 4 + 1
        );
        let plain = write(&sample());
        assert!(!plain.contains(r#"<data key="n_curated">"#));
        assert!(!plain.contains(r#"<data key="e_curated">"#));
    }
}
