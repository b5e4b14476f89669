//! `overview.svg`: a picture of the core of the graph for people without Gephi at hand — the
//! entities with the highest PageRank and the relations among them, laid out by a
//! force-directed simulation (the `fdg-sim` crate), coloured by type, sized by PageRank and
//! labelled in Chinese and English.
//!
//! The layout is deterministic: nodes start on a circle in PageRank order, not at random, and
//! the simulation runs a fixed number of steps.

use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::io::Write;

use fdg_sim::{ForceGraph, ForceGraphHelper, Simulation, SimulationParameters};
use quick_xml::escape::escape;

use super::ExportError;
use super::gexf::type_color;
use crate::graph::GraphProjection;
use crate::model::{EntityType, KnowledgeGraph};

/// How many entities the picture shows.
pub const CORE_SIZE: usize = 40;
/// Steps of the force simulation.
const STEPS: usize = 600;
const WIDTH: f32 = 1400.0;
const HEIGHT: f32 = 1000.0;
const MARGIN: f32 = 110.0;
const LABEL_ROOM: f32 = 330.0;

/// The core to draw: among the entities of highest PageRank (twice `n` of them), those in the
/// largest group joined by relations among themselves, best first, at most `n` (ties by id).
/// Entities joined to nothing else in the core would only drift to the picture's edges.
fn core(kg: &KnowledgeGraph, proj: &GraphProjection, n: usize) -> Vec<String> {
    let mut ranked: Vec<(f64, &String)> = kg
        .nodes
        .keys()
        .map(|id| (proj.metrics(id).map_or(0.0, |m| m.pagerank), id))
        .collect();
    ranked.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(b.1)));
    let top: Vec<&String> = ranked.into_iter().take(2 * n).map(|(_, id)| id).collect();
    let pos = |id: &str| top.iter().position(|x| x.as_str() == id);
    // Union-find over the relations among the top entities.
    let mut parent: Vec<usize> = (0..top.len()).collect();
    fn root(p: &mut [usize], mut i: usize) -> usize {
        while p[i] != i {
            p[i] = p[p[i]];
            i = p[i];
        }
        i
    }
    for e in kg.stated_edges() {
        if let (Some(a), Some(b)) = (pos(&e.subject), pos(&e.object)) {
            let (ra, rb) = (root(&mut parent, a), root(&mut parent, b));
            parent[ra.max(rb)] = ra.min(rb);
        }
    }
    let roots: Vec<usize> = (0..top.len()).map(|i| root(&mut parent, i)).collect();
    let largest = (0..top.len()).max_by_key(|&r| {
        (
            roots.iter().filter(|&&x| x == r).count(),
            std::cmp::Reverse(r),
        )
    });
    let kept: Vec<String> = top
        .iter()
        .enumerate()
        .filter(|(i, _)| Some(roots[*i]) == largest)
        .take(n)
        .map(|(_, id)| (*id).clone())
        .collect();
    // Those whose every partner fell below the cut are joined to nothing drawn: left out.
    let linked = |id: &String| {
        kg.stated_edges().any(|e| {
            (&e.subject == id && e.object != *id && kept.contains(&e.object))
                || (&e.object == id && e.subject != *id && kept.contains(&e.subject))
        })
    };
    kept.iter().filter(|id| linked(id)).cloned().collect()
}

/// A label short enough to read in the picture.
fn short_label(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        text.to_string()
    } else {
        let cut: String = text.chars().take(max - 1).collect();
        format!("{cut}…")
    }
}

/// Writes the overview picture.
pub fn write_overview<W: Write>(
    kg: &KnowledgeGraph,
    proj: &GraphProjection,
    mut out: W,
) -> Result<(), ExportError> {
    let ids = core(kg, proj, CORE_SIZE);
    let index = |id: &str| ids.iter().position(|x| x == id);
    let pairs: BTreeSet<(usize, usize)> = kg
        .stated_edges()
        .filter_map(|e| {
            let (a, b) = (index(&e.subject)?, index(&e.object)?);
            (a != b).then_some((a.min(b), a.max(b)))
        })
        .collect();

    let mut graph: ForceGraph<(), ()> = ForceGraph::default();
    let nodes: Vec<_> = ids.iter().map(|id| graph.add_force_node(id, ())).collect();
    for &(a, b) in &pairs {
        graph.add_edge(nodes[a], nodes[b], ());
    }
    let mut sim = Simulation::from_graph(graph, SimulationParameters::default());
    // A fixed start instead of the crate's random one: the same graph gives the same picture.
    let n = ids.len().max(1) as f32;
    for (i, node) in sim.get_graph_mut().node_weights_mut().enumerate() {
        let angle = i as f32 / n * std::f32::consts::TAU;
        let radius = 40.0 + 4.0 * i as f32;
        node.location = fdg_sim::glam::Vec3::new(radius * angle.cos(), radius * angle.sin(), 0.0);
    }
    for _ in 0..STEPS {
        sim.update(0.035);
    }
    let points: Vec<(f32, f32)> = sim
        .get_graph()
        .node_weights()
        .map(|n| (n.location.x, n.location.y))
        .collect();

    // Fit the layout into the picture: the middle 90% of the nodes span it, the few beyond
    // stand at its border.
    let (min_x, max_x) = bounds(points.iter().map(|p| p.0));
    let (min_y, max_y) = bounds(points.iter().map(|p| p.1));
    let points: Vec<(f32, f32)> = points
        .iter()
        .map(|&(x, y)| (x.clamp(min_x, max_x), y.clamp(min_y, max_y)))
        .collect();
    // Labels run to the right of their dots: keep room for them there.
    let scale = ((WIDTH - MARGIN - LABEL_ROOM) / (max_x - min_x).max(1.0))
        .min((HEIGHT - 2.0 * MARGIN) / (max_y - min_y).max(1.0));
    let place = |(x, y): (f32, f32)| (MARGIN + (x - min_x) * scale, MARGIN + (y - min_y) * scale);
    let max_rank = ids
        .iter()
        .filter_map(|id| proj.metrics(id))
        .map(|m| m.pagerank)
        .fold(0.0, f64::max);

    let mut svg = String::new();
    let _ = writeln!(
        svg,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{HEIGHT}" viewBox="0 0 {WIDTH} {HEIGHT}" font-family="Noto Sans CJK SC, Microsoft YaHei, PingFang SC, sans-serif">"#
    );
    let _ = writeln!(
        svg,
        r##"<rect width="100%" height="100%" fill="#ffffff"/>"##
    );
    let _ = writeln!(
        svg,
        r##"<text x="20" y="34" font-size="22" fill="#222">The {} most central entities (PageRank) and the relations among them</text>"##,
        ids.len()
    );
    let _ = writeln!(
        svg,
        r##"<g stroke="#9aa0a6" stroke-width="1.2" stroke-opacity="0.7">"##
    );
    for &(a, b) in &pairs {
        let ((x1, y1), (x2, y2)) = (place(points[a]), place(points[b]));
        let _ = writeln!(
            svg,
            r#"<line x1="{x1:.1}" y1="{y1:.1}" x2="{x2:.1}" y2="{y2:.1}"/>"#
        );
    }
    let _ = writeln!(svg, "</g>");
    for (i, id) in ids.iter().enumerate() {
        let Some(node) = kg.nodes.get(id) else {
            continue;
        };
        let e = &node.entity;
        let (x, y) = place(points[i]);
        let rank = proj.metrics(id).map_or(0.0, |m| m.pagerank);
        let r = 6.0
            + 18.0
                * if max_rank > 0.0 {
                    (rank / max_rank) as f32
                } else {
                    0.0
                };
        let (cr, cg, cb) = type_color(e.kind);
        let label = match (&e.label_zh, &e.label_en) {
            (Some(zh), Some(en)) => format!("{} / {}", short_label(zh, 14), short_label(en, 28)),
            _ => short_label(e.label(), 20),
        };
        let _ = writeln!(
            svg,
            r##"<circle cx="{x:.1}" cy="{y:.1}" r="{r:.1}" fill="rgb({cr},{cg},{cb})" stroke="#ffffff" stroke-width="1.5"><title>{}</title></circle>"##,
            escape(id.as_str())
        );
        let _ = writeln!(
            svg,
            r##"<text x="{:.1}" y="{:.1}" font-size="13" fill="#202124">{}</text>"##,
            x + r + 3.0,
            y + 4.0,
            escape(label.as_str())
        );
    }
    // Legend.
    for (i, kind) in EntityType::ALL.iter().enumerate() {
        let (cr, cg, cb) = type_color(*kind);
        let y = HEIGHT - 30.0 - 22.0 * (EntityType::ALL.len() - 1 - i) as f32;
        let _ = writeln!(
            svg,
            r##"<circle cx="30" cy="{y:.0}" r="7" fill="rgb({cr},{cg},{cb})"/><text x="44" y="{:.0}" font-size="14" fill="#202124">{}</text>"##,
            y + 5.0,
            kind.as_str()
        );
    }
    svg.push_str("</svg>\n");
    out.write_all(svg.as_bytes()).map_err(ExportError::Write)
}

/// The 5th and 95th percentiles of `values` (the whole range with fewer than 20 values).
fn bounds(values: impl Iterator<Item = f32>) -> (f32, f32) {
    let mut v: Vec<f32> = values.filter(|x| x.is_finite()).collect();
    if v.is_empty() {
        return (0.0, 1.0);
    }
    v.sort_by(f32::total_cmp);
    let cut = if v.len() >= 20 { v.len() / 20 } else { 0 };
    (v[cut], v[v.len() - 1 - cut])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::csv::tests::sample;

    fn picture() -> String {
        let kg = sample();
        let mut out = Vec::new();
        write_overview(&kg, &GraphProjection::new(&kg), &mut out).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn the_picture_is_well_formed_escaped_and_the_same_every_time() {
        let svg = picture();
        let mut reader = quick_xml::Reader::from_str(&svg);
        loop {
            match reader.read_event() {
                Ok(quick_xml::events::Event::Eof) => break,
                Ok(_) => {}
                Err(e) => panic!("not well-formed: {e}\n{svg}"),
            }
        }
        // Three entities joined by two relations (the meeting and the leadership), one legend dot
        // per type.
        let circles = svg.matches("<circle").count();
        assert_eq!(circles, 3 + EntityType::ALL.len(), "{svg}");
        assert_eq!(svg.matches("<line").count(), 2);
        // A label with quotes and a line break is escaped, not raw.
        assert!(svg.contains("&quot;丙&quot;"), "{svg}");
        assert_eq!(svg, picture());
    }
}
