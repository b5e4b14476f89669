//! `corridor.graphml`: the graph for Gephi, networkx and igraph, written with quick-xml.
//!
//! Every `<key>` declares the real type of its values (`string`, `long`, `double`); node and
//! edge keys have distinct ids; the `label` and `weight` keys are the ones Gephi maps to its own
//! Label and Weight. The graph is directed; a symmetric relation (`met`) is one edge whose `type`
//! attribute says `Undirected` (a per-edge `directed="false"` would make a mixed graph, which
//! networkx refuses to read). Node ids are the entity ids made valid XML name tokens
//! ([`graphml_id`]); the `entity_id` attribute holds the entity's own id. The `curated` node and
//! edge attributes say what the analyst's curation changed, with the values of the CSV files'
//! `curated` columns (absent when nothing).

use std::io::Write;

use quick_xml::Writer;
use quick_xml::events::{BytesDecl, BytesText, Event};

use super::ExportError;
use super::csv::{
    NodeFigures, direction, edge_curated, edge_dates, edge_evidence, edge_id, node_curated,
};
use crate::graph::GraphProjection;
use crate::model::KnowledgeGraph;

/// A GraphML attribute: its key id, the element it belongs to, its name and type.
struct Key {
    id: &'static str,
    domain: &'static str,
    name: &'static str,
    kind: &'static str,
}

const KEYS: [Key; 28] = [
    Key {
        id: "n_label",
        domain: "node",
        name: "label",
        kind: "string",
    },
    Key {
        id: "n_type",
        domain: "node",
        name: "type",
        kind: "string",
    },
    Key {
        id: "n_label_zh",
        domain: "node",
        name: "label_zh",
        kind: "string",
    },
    Key {
        id: "n_label_en",
        domain: "node",
        name: "label_en",
        kind: "string",
    },
    Key {
        id: "n_aliases",
        domain: "node",
        name: "aliases",
        kind: "string",
    },
    Key {
        id: "n_iri",
        domain: "node",
        name: "iri",
        kind: "string",
    },
    Key {
        id: "n_degree",
        domain: "node",
        name: "degree",
        kind: "long",
    },
    Key {
        id: "n_weighted_degree",
        domain: "node",
        name: "weighted_degree",
        kind: "double",
    },
    Key {
        id: "n_pagerank",
        domain: "node",
        name: "pagerank",
        kind: "double",
    },
    Key {
        id: "n_documents",
        domain: "node",
        name: "documents",
        kind: "string",
    },
    Key {
        id: "n_document_count",
        domain: "node",
        name: "document_count",
        kind: "long",
    },
    Key {
        id: "n_betweenness",
        domain: "node",
        name: "betweenness",
        kind: "double",
    },
    Key {
        id: "n_component",
        domain: "node",
        name: "component",
        kind: "long",
    },
    Key {
        id: "n_community",
        domain: "node",
        name: "community",
        kind: "long",
    },
    Key {
        id: "n_first_seen",
        domain: "node",
        name: "first_seen",
        kind: "string",
    },
    Key {
        id: "n_last_seen",
        domain: "node",
        name: "last_seen",
        kind: "string",
    },
    Key {
        id: "n_entity_id",
        domain: "node",
        name: "entity_id",
        kind: "string",
    },
    Key {
        id: "n_curated",
        domain: "node",
        name: "curated",
        kind: "string",
    },
    Key {
        id: "e_label",
        domain: "edge",
        name: "label",
        kind: "string",
    },
    Key {
        id: "e_kind",
        domain: "edge",
        name: "kind",
        kind: "string",
    },
    Key {
        id: "e_type",
        domain: "edge",
        name: "type",
        kind: "string",
    },
    Key {
        id: "e_weight",
        domain: "edge",
        name: "weight",
        kind: "double",
    },
    Key {
        id: "e_date",
        domain: "edge",
        name: "date",
        kind: "string",
    },
    Key {
        id: "e_dates",
        domain: "edge",
        name: "dates",
        kind: "string",
    },
    Key {
        id: "e_documents",
        domain: "edge",
        name: "documents",
        kind: "string",
    },
    Key {
        id: "e_evidence",
        domain: "edge",
        name: "evidence",
        kind: "string",
    },
    Key {
        id: "e_confidence",
        domain: "edge",
        name: "confidence",
        kind: "double",
    },
    Key {
        id: "e_curated",
        domain: "edge",
        name: "curated",
        kind: "string",
    },
];

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

/// Writes the graph as GraphML.
pub fn write_graphml<W: Write>(
    kg: &KnowledgeGraph,
    proj: &GraphProjection,
    out: W,
) -> Result<(), ExportError> {
    let mut w = Writer::new_with_indent(out, b' ', 2);
    w.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))
        .map_err(io)?;
    w.create_element("graphml")
        .with_attribute(("xmlns", "http://graphml.graphdrawing.org/xmlns"))
        .with_attribute(("xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance"))
        .with_attribute((
            "xsi:schemaLocation",
            "http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd",
        ))
        .write_inner_content(|w| {
            for k in &KEYS {
                w.create_element("key")
                    .with_attribute(("id", k.id))
                    .with_attribute(("for", k.domain))
                    .with_attribute(("attr.name", k.name))
                    .with_attribute(("attr.type", k.kind))
                    .write_empty()?;
            }
            w.create_element("graph")
                .with_attribute(("id", "corridor"))
                .with_attribute(("edgedefault", "directed"))
                .write_inner_content(|w| {
                    for (id, node) in &kg.nodes {
                        let e = &node.entity;
                        let node_id = graphml_id(id);
                        w.create_element("node").with_attribute(("id", node_id.as_str())).write_inner_content(|w| {
                            data(w, "n_label", e.label())?;
                            data(w, "n_type", e.kind.as_str())?;
                            data(w, "n_label_zh", e.label_zh.as_deref().unwrap_or(""))?;
                            data(w, "n_label_en", e.label_en.as_deref().unwrap_or(""))?;
                            let aliases: Vec<&str> = e.aliases.iter().map(String::as_str).collect();
                            data(w, "n_aliases", &aliases.join("|"))?;
                            data(w, "n_iri", &e.iri())?;
                            let f = NodeFigures::of(proj, id);
                            data(w, "n_degree", &f.degree)?;
                            data(w, "n_weighted_degree", &f.weighted_degree)?;
                            data(w, "n_pagerank", &f.pagerank)?;
                            let docs: Vec<&str> = node.documents.iter().map(|d| &**d).collect();
                            data(w, "n_documents", &docs.join("|"))?;
                            data(w, "n_document_count", &f.document_count)?;
                            data(w, "n_betweenness", &f.betweenness)?;
                            data(w, "n_component", &f.component)?;
                            data(w, "n_community", &f.community)?;
                            data(w, "n_first_seen", &f.first_seen)?;
                            data(w, "n_last_seen", &f.last_seen)?;
                            data(w, "n_entity_id", id)?;
                            data(w, "n_curated", &node_curated(kg, id))
                        })?;
                    }
                    for (n, edge) in kg.edges_in_order().enumerate() {
                        let id = edge_id(n);
                        let (source, target) = (graphml_id(&edge.subject), graphml_id(&edge.object));
                        let el = w
                            .create_element("edge")
                            .with_attribute(("id", id.as_str()))
                            .with_attribute(("source", source.as_str()))
                            .with_attribute(("target", target.as_str()));
                        el.write_inner_content(|w| {
                            data(w, "e_label", edge.kind.as_str())?;
                            data(w, "e_kind", edge.kind.as_str())?;
                            data(w, "e_type", direction(edge))?;
                            data(w, "e_weight", &format!("{:.1}", edge.weight() as f64))?;
                            data(w, "e_date", &edge.first_date().map(|d| d.to_string()).unwrap_or_default())?;
                            data(w, "e_dates", &edge_dates(edge))?;
                            let docs: Vec<&str> = edge.documents().into_iter().collect();
                            data(w, "e_documents", &docs.join("|"))?;
                            data(w, "e_evidence", &edge_evidence(edge))?;
                            // Co-occurrence states no fact and has no confidence.
                            if let Some(c) = edge.confidence() {
                                data(w, "e_confidence", &c.to_string())?;
                            }
                            data(w, "e_curated", &edge_curated(edge))
                        })?;
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
        assert_eq!((nodes, edges), (3, 2));
        undirected += xml
            .matches("<data key=\"e_type\">Undirected</data>")
            .count();
        assert_eq!(undirected, 1, "met is marked undirected");
        assert_eq!(key_ids.len(), KEYS.len());
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
        assert_eq!(xml.matches("<key ").count(), KEYS.len());
        let plain = write(&sample());
        assert!(!plain.contains(r#"<data key="n_curated">"#));
        assert!(!plain.contains(r#"<data key="e_curated">"#));
    }
}
