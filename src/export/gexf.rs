//! `corridor.gexf`: the graph in GEXF 1.3, Gephi's own format, with a timeline.
//!
//! Nodes and edges carry the data dictionary's attributes ([`dictionary`]) under its names and
//! types, but for those GEXF's own structure holds (`id`, `label`, and an edge's `source`,
//! `target` and `weight`, which GEXF types as a float); nodes get a `viz:color` by entity type
//! and a `viz:size` by PageRank. The graph is dynamic (`timeformat="date"`): a node starts on
//! the first date of a relation it stands in, and an edge on the first date it is stated (its
//! dates are in its `dates` attribute, its first in `date`, a node's in `first_seen` and
//! `last_seen`, for tools that read no timeline), so Gephi's timeline plays how the relations
//! grew. The file is valid against the GEXF 1.3 RELAX NG grammar, which has no open-ended spell
//! bounds. Things without a date exist for the whole timeline. A symmetric relation (`met`) is
//! one `mutual` edge, which Gephi draws with two heads and networkx reads as two arcs.

use std::collections::BTreeSet;
use std::io::Write;

use quick_xml::Writer;
use quick_xml::events::{BytesDecl, Event};

use super::ExportError;
use super::csv::{edge_id, first_day};
use super::dictionary::{self, Attribute, EDGE, NODE};
use crate::graph::GraphProjection;
use crate::model::{Edge, KnowledgeGraph};

pub use crate::graph::type_color;

/// Node sizes run from this for the lowest PageRank …
const MIN_SIZE: f64 = 5.0;
/// … to this for the highest.
const MAX_SIZE: f64 = 50.0;

/// Node attributes the GEXF structure carries itself (`<node id label>`).
const NODE_STRUCTURE: [&str; 2] = ["id", "label"];
/// Edge attributes the GEXF structure carries itself (`<edge id source target label weight>`).
const EDGE_STRUCTURE: [&str; 5] = ["id", "source", "target", "label", "weight"];

fn io(e: std::io::Error) -> ExportError {
    ExportError::Write(e)
}

fn attvalue<W: Write>(w: &mut Writer<W>, key: &str, value: &str) -> std::io::Result<()> {
    if value.is_empty() {
        return Ok(());
    }
    w.create_element("attvalue")
        .with_attribute(("for", key))
        .with_attribute(("value", value))
        .write_empty()?;
    Ok(())
}

fn attributes<W: Write>(
    w: &mut Writer<W>,
    class: &str,
    list: &[Attribute],
    structure: &[&str],
) -> std::io::Result<()> {
    w.create_element("attributes")
        .with_attribute(("class", class))
        .with_attribute(("mode", "static"))
        .write_inner_content(|w| {
            for a in list.iter().filter(|a| !structure.contains(&a.name)) {
                w.create_element("attribute")
                    .with_attribute(("id", a.name))
                    .with_attribute(("title", a.name))
                    .with_attribute(("type", a.kind.gexf()))
                    .write_empty()?;
            }
            Ok(())
        })?;
    Ok(())
}

/// The attribute values of one node or edge, but those its structure carries.
fn attvalues<W: Write>(
    w: &mut Writer<W>,
    list: &[Attribute],
    structure: &[&str],
    values: &[dictionary::Value],
) -> std::io::Result<()> {
    w.create_element("attvalues").write_inner_content(|w| {
        for (a, v) in list.iter().zip(values) {
            if !structure.contains(&a.name) {
                attvalue(w, a.name, &v.text("|"))?;
            }
        }
        Ok(())
    })?;
    Ok(())
}

/// The days an edge is stated at, as `YYYY-MM-DD`, sorted.
fn statement_days(edge: &Edge) -> Vec<String> {
    let days: BTreeSet<String> = edge
        .statements
        .iter()
        .filter_map(|r| r.date.map(first_day))
        .collect();
    days.into_iter().collect()
}

/// Writes the graph as GEXF 1.3.
pub fn write_gexf<W: Write>(
    kg: &KnowledgeGraph,
    proj: &GraphProjection,
    out: W,
) -> Result<(), ExportError> {
    let max_rank = kg
        .nodes
        .keys()
        .filter_map(|id| proj.metrics(id))
        .map(|m| m.pagerank)
        .fold(0.0, f64::max);
    let mut w = Writer::new_with_indent(out, b' ', 2);
    w.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))
        .map_err(io)?;
    w.create_element("gexf")
        .with_attribute(("xmlns", "http://gexf.net/1.3"))
        .with_attribute(("xmlns:viz", "http://gexf.net/1.3/viz"))
        .with_attribute(("xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance"))
        .with_attribute((
            "xsi:schemaLocation",
            "http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd",
        ))
        .with_attribute(("version", "1.3"))
        .write_inner_content(|w| {
            w.create_element("meta").write_inner_content(|w| {
                w.create_element("creator")
                    .write_text_content(quick_xml::events::BytesText::new("corridor"))?;
                w.create_element("description").write_text_content(
                    quick_xml::events::BytesText::new(
                        "Entities and relations extracted from diplomatic and policy texts",
                    ),
                )?;
                Ok(())
            })?;
            w.create_element("graph")
                .with_attribute(("defaultedgetype", "directed"))
                .with_attribute(("mode", "dynamic"))
                .with_attribute(("timeformat", "date"))
                .write_inner_content(|w| {
                    attributes(w, "node", &NODE, &NODE_STRUCTURE)?;
                    attributes(w, "edge", &EDGE, &EDGE_STRUCTURE)?;
                    w.create_element("nodes").write_inner_content(|w| {
                        for (id, node) in &kg.nodes {
                            let e = &node.entity;
                            let m = proj.metrics(id);
                            let mut el = w
                                .create_element("node")
                                .with_attribute(("id", id.as_str()))
                                .with_attribute(("label", e.label()));
                            let start = m.and_then(|m| m.first_seen).map(first_day);
                            if let Some(start) = &start {
                                el = el.with_attribute(("start", start.as_str()));
                            }
                            el.write_inner_content(|w| {
                                let values = dictionary::node_values(kg, proj, id);
                                attvalues(w, &NODE, &NODE_STRUCTURE, &values)?;
                                let (r, g, b) = type_color(e.kind);
                                w.create_element("viz:color")
                                    .with_attribute(("r", r.to_string().as_str()))
                                    .with_attribute(("g", g.to_string().as_str()))
                                    .with_attribute(("b", b.to_string().as_str()))
                                    .write_empty()?;
                                let rank = m.map_or(0.0, |m| m.pagerank);
                                let size = if max_rank > 0.0 {
                                    MIN_SIZE + (MAX_SIZE - MIN_SIZE) * rank / max_rank
                                } else {
                                    MIN_SIZE
                                };
                                w.create_element("viz:size")
                                    .with_attribute(("value", format!("{size:.2}").as_str()))
                                    .write_empty()?;
                                Ok(())
                            })?;
                        }
                        Ok(())
                    })?;
                    w.create_element("edges").write_inner_content(|w| {
                        for (n, edge) in kg.edges_in_order().enumerate() {
                            let id = edge_id(n);
                            // A symmetric relation (met) is `mutual`: directed both ways, which
                            // Gephi draws as one two-headed edge and network libraries read in a
                            // directed graph.
                            let kind = if edge.kind.is_symmetric() {
                                "mutual"
                            } else {
                                "directed"
                            };
                            let days = statement_days(edge);
                            let weight = edge.weight().to_string();
                            let mut el = w
                                .create_element("edge")
                                .with_attribute(("id", id.as_str()))
                                .with_attribute(("source", edge.subject.as_str()))
                                .with_attribute(("target", edge.object.as_str()))
                                .with_attribute(("type", kind))
                                .with_attribute(("kind", edge.kind.as_str()))
                                .with_attribute(("label", edge.kind.as_str()))
                                .with_attribute(("weight", weight.as_str()));
                            // From its first statement on: GEXF 1.3 has no open-ended spell
                            // bounds, and spells from each date to the next would cover the same.
                            if let Some(first) = days.first() {
                                el = el.with_attribute(("start", first.as_str()));
                            }
                            el.write_inner_content(|w| {
                                attvalues(
                                    w,
                                    &EDGE,
                                    &EDGE_STRUCTURE,
                                    &dictionary::edge_values(n, edge),
                                )?;
                                Ok(())
                            })?;
                        }
                        Ok(())
                    })?;
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
    use super::*;
    use crate::export::csv::tests::sample;
    use crate::model::EntityType;

    fn gexf() -> String {
        write(&sample())
    }

    fn write(kg: &KnowledgeGraph) -> String {
        let mut out = Vec::new();
        write_gexf(kg, &GraphProjection::new(kg), &mut out).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn the_graph_is_dynamic_with_dates_and_typed_attributes() {
        let x = gexf();
        assert!(x.contains(r#"<gexf xmlns="http://gexf.net/1.3""#), "{x}");
        assert!(x.contains(r#"mode="dynamic" timeformat="date""#));
        assert!(x.contains(r#"<attribute id="pagerank" title="pagerank" type="double"/>"#));
        // The met edge is stated in 2018 and 2025-09: it starts at its first statement and
        // stays (GEXF 1.3 spells have no open-ended bounds, and none are needed).
        let met = x.lines().find(|l| l.contains(r#"kind="met""#)).unwrap();
        assert!(met.contains(r#"start="2018-01-01""#), "{met}");
        assert!(!x.contains("<spell") && !x.contains("endopen"), "{x}");
        assert!(x.contains(r#"type="mutual" kind="met""#));
        // An undated relation has no start: it exists for the whole timeline.
        let lead = x
            .lines()
            .find(|l| l.contains(r#"kind="leaderOf""#))
            .unwrap();
        assert!(!lead.contains("start="), "{lead}");
    }

    #[test]
    fn nodes_are_coloured_by_type_and_sized_by_rank() {
        let x = gexf();
        let (r, g, b) = type_color(EntityType::Country);
        assert!(
            x.contains(&format!(r#"<viz:color r="{r}" g="{g}" b="{b}"/>"#)),
            "{x}"
        );
        let sizes: Vec<f64> = x
            .lines()
            .filter_map(|l| l.trim().strip_prefix(r#"<viz:size value=""#))
            .filter_map(|v| v.trim_end_matches("\"/>").parse().ok())
            .collect();
        assert_eq!(sizes.len(), 3);
        assert!(
            sizes.iter().all(|s| (MIN_SIZE..=MAX_SIZE).contains(s)),
            "{sizes:?}"
        );
        assert!(sizes.contains(&MAX_SIZE), "{sizes:?}");
    }

    /// The text of the element whose start tag holds `open`, up to its end tag `close`.
    fn element<'a>(x: &'a str, open: &str, close: &str) -> &'a str {
        let start = x.find(open).unwrap_or_else(|| panic!("{open} in {x}"));
        let len = x[start..].find(close).unwrap();
        &x[start..start + len]
    }

    #[test]
    fn nodes_and_edges_say_what_curation_did_to_them() {
        let x = write(&crate::export::csv::tests::curated_sample());
        let declared = |class: &str| {
            element(
                &x,
                &format!(r#"<attributes class="{class}""#),
                "</attributes>",
            )
            .to_string()
        };
        assert!(
            declared("node").contains(r#"<attribute id="curated" title="curated" type="string"/>"#),
            "{x}"
        );
        assert!(
            declared("edge").contains(r#"<attribute id="curated" title="curated" type="string"/>"#)
        );
        let a = element(&x, r#"<node id="person/a""#, "</node>");
        assert!(
            a.contains(r#"<attvalue for="curated" value="merged|renamed"/>"#),
            "{a}"
        );
        let b = element(&x, r#"<node id="person/b""#, "</node>");
        assert!(!b.contains(r#"for="curated""#), "{b}");
        let lead = element(&x, r#"kind="leaderOf""#, "</edge>");
        assert!(
            lead.contains(r#"<attvalue for="curated" value="added"/>"#),
            "{lead}"
        );
        let met = element(&x, r#"kind="met""#, "</edge>");
        assert!(!met.contains(r#"for="curated""#), "{met}");
        // The plain sample declares the attribute and gives it no value.
        let plain = gexf();
        assert_eq!(plain.matches(r#"<attribute id="curated""#).count(), 2);
        assert!(!plain.contains(r#"<attvalue for="curated""#));
    }
}
