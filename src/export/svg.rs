//! `overview.svg`: a picture of the core of the graph for people without Gephi at hand — the
//! entities with the highest PageRank and the relations among them, dots coloured by type and
//! sized by PageRank, edges coloured by relation with an arrow on every directed one, labelled
//! in Chinese and English, with a legend of the types and relations drawn.
//!
//! Where the dots go is `layout`'s job, how the edges run `edges`', where the labels go
//! `labels`', how wide a label is `metrics`'. The picture names its font (WenQuanYi Micro Hei) and measures labels with
//! that font's widths, so no two labels overlap where the font is installed; no font file is
//! read here. The same graph gives the same bytes.

mod edges;
mod labels;
mod layout;
mod metrics;

use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::io::Write;

use quick_xml::escape::escape;

use self::edges::{edge_geometry, relation_color, sample, strokes};
use self::labels::{Dot, Line, PlacedLine, Rect, Scene};
use self::metrics::{FONT_FAMILY, text_width};
use super::ExportError;
use super::gexf::type_color;
use crate::graph::GraphProjection;
use crate::model::{EntityType, KnowledgeGraph, RelationKind};

/// How many entities the picture shows.
pub const CORE_SIZE: usize = 40;
/// Width of the picture, in pixels.
const WIDTH: f32 = 1600.0;
/// Height of the picture, in pixels.
const HEIGHT: f32 = 1150.0;
/// Width of the legend column at the right.
const LEGEND_WIDTH: f32 = 210.0;
/// Top of the drawing, below the title.
const TOP: f32 = 56.0;
/// Room kept between the dots and the drawing's left and right borders, for labels.
const INSET_X: f32 = 108.0;
/// Room kept between the dots and the drawing's top and bottom borders, for labels.
const INSET_Y: f32 = 48.0;
/// Font size of the Chinese line of a label, in pixels.
const ZH_SIZE: f32 = 14.0;
/// Font size of the English line of a label, in pixels.
const EN_SIZE: f32 = 13.0;
/// Font size of the title.
const TITLE_SIZE: f32 = 20.0;
/// Font size of the legend.
const LEGEND_SIZE: f32 = 13.0;

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
    // Line breaks and runs of spaces would not show in one line of SVG text.
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if text.chars().count() <= max {
        text
    } else {
        let cut: String = text.chars().take(max - 1).collect();
        format!("{}…", cut.trim_end())
    }
}

/// The forms of an entity's label, longest first: Chinese over English, Chinese alone, Chinese
/// cut short.
fn label_forms(zh: Option<&str>, en: Option<&str>, fallback: &str) -> Vec<Vec<Line>> {
    let line = |text: String, size: f32| Line { text, size };
    match (zh, en) {
        (Some(zh), Some(en)) => vec![
            vec![
                line(short_label(zh, 12), ZH_SIZE),
                line(short_label(en, 26), EN_SIZE),
            ],
            vec![line(short_label(zh, 12), ZH_SIZE)],
            vec![line(short_label(zh, 6), ZH_SIZE)],
        ],
        _ => vec![
            vec![line(short_label(fallback, 20), ZH_SIZE)],
            vec![line(short_label(fallback, 8), ZH_SIZE)],
        ],
    }
}

/// A `<text>` element for a placed line.
fn text_element(svg: &mut String, class: &str, p: &PlacedLine, fill: &str) {
    let _ = writeln!(
        svg,
        r#"<text class="{class}" x="{:.1}" y="{:.1}" font-size="{}" text-anchor="{}" fill="{fill}">{}</text>"#,
        p.x,
        p.y,
        p.line.size,
        p.anchor.as_str(),
        escape(p.line.text.as_str())
    );
}

/// Writes the overview picture.
pub fn write_overview<W: Write>(
    kg: &KnowledgeGraph,
    proj: &GraphProjection,
    mut out: W,
) -> Result<(), ExportError> {
    let ids = core(kg, proj, CORE_SIZE);
    let strokes = strokes(kg, &ids);
    let pairs: BTreeSet<(usize, usize)> = strokes
        .iter()
        .map(|s| (s.from.min(s.to), s.from.max(s.to)))
        .collect();
    let max_rank = ids
        .iter()
        .filter_map(|id| proj.metrics(id))
        .map(|m| m.pagerank)
        .fold(0.0, f64::max);
    let radii: Vec<f32> = ids
        .iter()
        .map(|id| {
            let rank = proj.metrics(id).map_or(0.0, |m| m.pagerank);
            let share = if max_rank > 0.0 {
                (rank / max_rank) as f32
            } else {
                0.0
            };
            6.0 + 16.0 * share
        })
        .collect();
    // Where the dots go: inside the drawing, clear of the title and the legend, with room
    // around for labels (more at the sides, where labels run).
    let inner = Rect {
        x0: INSET_X,
        y0: TOP + INSET_Y,
        x1: WIDTH - LEGEND_WIDTH - INSET_X,
        y1: HEIGHT - INSET_Y,
    };
    let points = layout::positions(&radii, &pairs, inner);
    // A dot's outline (1.5 px of white) counts as part of it.
    let dots: Vec<Dot> = points
        .iter()
        .zip(&radii)
        .map(|(&at, &r)| Dot { at, r: r + 0.75 })
        .collect();
    let geometry: Vec<[(f32, f32); 3]> = strokes
        .iter()
        .map(|s| edge_geometry(dots[s.from], dots[s.to], s.bend, s.from < s.to))
        .collect();

    let title = format!(
        "The {} most central entities (PageRank) and the relations among them",
        ids.len()
    );
    let title_box = Rect {
        x0: 20.0,
        y0: 34.0 - metrics::ascent(TITLE_SIZE),
        x1: 20.0 + text_width(&title, TITLE_SIZE),
        y1: 34.0 + metrics::descent(TITLE_SIZE),
    };
    let legend_box = Rect {
        x0: WIDTH - LEGEND_WIDTH,
        y0: 0.0,
        x1: WIDTH,
        y1: HEIGHT,
    };
    let scene = Scene {
        area: Some(Rect {
            x0: 4.0,
            y0: 4.0,
            x1: WIDTH - LEGEND_WIDTH,
            y1: HEIGHT - 4.0,
        }),
        dots,
        reserved: vec![title_box, legend_box],
        edges: geometry.iter().map(sample).collect(),
    };
    let forms: Vec<Vec<Vec<Line>>> = ids
        .iter()
        .map(|id| match kg.nodes.get(id) {
            Some(node) => {
                let e = &node.entity;
                label_forms(e.label_zh.as_deref(), e.label_en.as_deref(), e.label())
            }
            None => Vec::new(),
        })
        .collect();
    let placed = labels::place(&scene, &forms);

    let kinds: BTreeSet<EntityType> = ids
        .iter()
        .filter_map(|id| kg.nodes.get(id))
        .map(|n| n.entity.kind)
        .collect();
    let relations: BTreeSet<RelationKind> = strokes.iter().map(|s| s.kind).collect();

    let mut svg = String::new();
    let _ = writeln!(
        svg,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{HEIGHT}" viewBox="0 0 {WIDTH} {HEIGHT}" font-family="{FONT_FAMILY}">"#
    );
    edges::write_markers(&mut svg, &relations);
    let _ = writeln!(
        svg,
        r##"<rect width="100%" height="100%" fill="#ffffff"/>"##
    );
    let _ = writeln!(
        svg,
        r##"<text class="title" x="20" y="34" font-size="{TITLE_SIZE}" fill="#222222">{title}</text>"##
    );
    let _ = writeln!(
        svg,
        r#"<g fill="none" stroke-width="1.4" stroke-opacity="0.85">"#
    );
    edges::write_edges(&mut svg, &strokes, &geometry, &ids);
    let _ = writeln!(svg, "</g>");
    for (i, id) in ids.iter().enumerate() {
        let Some(node) = kg.nodes.get(id) else {
            continue;
        };
        let e = &node.entity;
        let (x, y) = points[i];
        let (cr, cg, cb) = type_color(e.kind);
        let _ = writeln!(
            svg,
            r##"<circle class="node t-{}" cx="{x:.1}" cy="{y:.1}" r="{:.1}" fill="rgb({cr},{cg},{cb})" stroke="#ffffff" stroke-width="1.5"><title>{} ({})</title></circle>"##,
            e.kind.as_str(),
            radii[i],
            escape(e.label()),
            escape(id.as_str())
        );
    }
    // Labels above everything, each with a white halo so it reads over edges.
    let _ = writeln!(
        svg,
        r##"<g stroke="#ffffff" stroke-width="3" stroke-linejoin="round" paint-order="stroke">"##
    );
    for lines in placed.iter().flatten() {
        for (k, p) in lines.iter().enumerate() {
            let fill = if k == 0 { "#202124" } else { "#4d5156" };
            text_element(&mut svg, "label", p, fill);
        }
    }
    let _ = writeln!(svg, "</g>");
    legend(&mut svg, &kinds, &relations);
    svg.push_str("</svg>\n");
    out.write_all(svg.as_bytes()).map_err(ExportError::Write)
}

/// The legend in the right-hand column: the types and the relations drawn, nothing else.
fn legend(svg: &mut String, kinds: &BTreeSet<EntityType>, relations: &BTreeSet<RelationKind>) {
    let x = WIDTH - LEGEND_WIDTH + 16.0;
    let mut y = TOP + 10.0;
    let heading = |svg: &mut String, y: f32, text: &str| {
        let _ = writeln!(
            svg,
            r##"<text class="legend-heading" x="{x}" y="{y}" font-size="{LEGEND_SIZE}" fill="#5f6368">{text}</text>"##
        );
    };
    heading(svg, y, "Entity types");
    y += 24.0;
    for kind in kinds {
        let (cr, cg, cb) = type_color(*kind);
        let _ = writeln!(
            svg,
            r##"<circle cx="{}" cy="{}" r="7" fill="rgb({cr},{cg},{cb})"/><text class="legend-type" x="{}" y="{}" font-size="{LEGEND_SIZE}" fill="#202124">{}</text>"##,
            x + 7.0,
            y - 4.5,
            x + 22.0,
            y,
            kind.as_str()
        );
        y += 22.0;
    }
    y += 14.0;
    heading(svg, y, "Relations");
    y += 24.0;
    for kind in relations {
        let marker = if kind.is_symmetric() {
            String::new()
        } else {
            format!(r#" marker-end="url(#arrow-{})""#, kind.as_str())
        };
        let name = if kind.is_symmetric() {
            format!("{} (both ways)", kind.as_str())
        } else {
            kind.as_str().to_string()
        };
        let _ = writeln!(
            svg,
            r##"<path d="M{},{} L{},{}" stroke="{}" stroke-width="1.6"{marker}/><text class="legend-relation" x="{}" y="{}" font-size="{LEGEND_SIZE}" fill="#202124">{name}</text>"##,
            x,
            y - 4.5,
            x + 28.0,
            y - 4.5,
            relation_color(*kind),
            x + 36.0,
            y,
        );
        y += 22.0;
    }
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
        // Three entities joined by two relations (the meeting and the leadership); the legend
        // shows the two types and the two relations drawn, no more.
        assert_eq!(svg.matches("<circle class=\"node").count(), 3, "{svg}");
        assert_eq!(svg.matches("<circle").count(), 3 + 2, "{svg}");
        assert_eq!(svg.matches("class=\"legend-type\"").count(), 2, "{svg}");
        assert_eq!(svg.matches("<path class=\"edge").count(), 2, "{svg}");
        // The leadership is directed and has an arrow in its colour, the meeting has none.
        let edge = |kind: &str| {
            svg.lines()
                .find(|l| l.contains(&format!("class=\"edge r-{kind}\"")))
                .unwrap_or_else(|| panic!("no {kind} edge in {svg}"))
        };
        assert!(edge("leaderOf").contains(r#"marker-end="url(#arrow-leaderOf)""#));
        assert!(edge("leaderOf").contains(relation_color(RelationKind::LeaderOf)));
        assert!(!edge("met").contains("marker-end"));
        assert!(svg.contains(">met (both ways)</text>") && svg.contains(">leaderOf</text>"));
        assert!(!svg.contains("arrow-met") && !svg.contains(">supports</text>"));
        // A label with quotes and a line break is escaped, not raw.
        assert!(svg.contains("&quot;丙&quot;"), "{svg}");
        assert_eq!(svg, picture());
    }

    #[test]
    fn an_empty_graph_gives_a_picture_with_an_empty_legend() {
        let kg = KnowledgeGraph::default();
        let mut out = Vec::new();
        write_overview(&kg, &GraphProjection::new(&kg), &mut out).unwrap();
        let svg = String::from_utf8(out).unwrap();
        assert!(svg.contains("The 0 most central entities"), "{svg}");
        assert!(
            !svg.contains("<circle") && !svg.contains("legend-type"),
            "{svg}"
        );
        assert!(svg.ends_with("</svg>\n"));
    }
}
