//! The overview's edges: one per relation between two entities drawn, coloured by relation,
//! from the rim of the subject's dot to the rim of the object's, with an arrowhead there unless
//! the relation is symmetric. Parallel edges of one pair bow apart so each stays visible.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

use quick_xml::escape::escape;

use super::labels::Dot;
use crate::model::{KnowledgeGraph, RelationKind};

/// Space between parallel edges of one pair of entities, in pixels.
const BOW: f32 = 14.0;

/// The colour of a relation's edges.
pub(super) fn relation_color(kind: RelationKind) -> &'static str {
    match kind {
        RelationKind::Met => "#1b9e77",
        RelationKind::Visited => "#d95f02",
        RelationKind::Attended => "#7570b3",
        RelationKind::Proposed => "#e7298a",
        RelationKind::Supports => "#66a61e",
        RelationKind::Signed => "#a6761d",
        RelationKind::Issued => "#666666",
        RelationKind::PartOf => "#c9a100",
        RelationKind::LocatedIn => "#1f78b4",
        RelationKind::MemberOf => "#8c564b",
        RelationKind::LeaderOf => "#e31a1c",
        RelationKind::CooccursWith => "#b0b0b0",
    }
}

/// One edge to draw: the relation, its ends (indices into the core) and its bend.
pub(super) struct Stroke {
    /// The relation.
    pub kind: RelationKind,
    /// The subject's index.
    pub from: usize,
    /// The object's index.
    pub to: usize,
    /// How far the edge bows from the straight line, in pixels.
    pub bend: f32,
}

/// The edges among the core, each pair's parallel edges bent apart.
pub(super) fn strokes(kg: &KnowledgeGraph, ids: &[String]) -> Vec<Stroke> {
    let index = |id: &str| ids.iter().position(|x| x == id);
    // Each pair of entities (smaller index first) and its relations: kind, subject, object.
    type Relations = BTreeSet<(RelationKind, usize, usize)>;
    let mut by_pair: BTreeMap<(usize, usize), Relations> = BTreeMap::new();
    for e in kg.stated_edges() {
        if let (Some(a), Some(b)) = (index(&e.subject), index(&e.object))
            && a != b
        {
            by_pair
                .entry((a.min(b), a.max(b)))
                .or_default()
                .insert((e.kind, a, b));
        }
    }
    let mut out = Vec::new();
    for edges in by_pair.values() {
        let mid = (edges.len() as f32 - 1.0) / 2.0;
        for (m, &(kind, from, to)) in edges.iter().enumerate() {
            out.push(Stroke {
                kind,
                from,
                to,
                bend: (m as f32 - mid) * BOW,
            });
        }
    }
    out
}

/// The path of an edge from circle edge to circle edge, bent `bend` pixels to the left of the
/// line from the lower to the higher index: its start, control point and end.
pub(super) fn edge_geometry(a: Dot, b: Dot, bend: f32, lower_first: bool) -> [(f32, f32); 3] {
    let (dx, dy) = (b.at.0 - a.at.0, b.at.1 - a.at.1);
    let len = (dx * dx + dy * dy).sqrt().max(1e-3);
    // The normal of the pair's own direction, so edges both ways bend to their own sides.
    let sign = if lower_first { 1.0 } else { -1.0 };
    let (nx, ny) = (-dy / len * sign, dx / len * sign);
    let mid = ((a.at.0 + b.at.0) / 2.0, (a.at.1 + b.at.1) / 2.0);
    let control = (mid.0 + nx * 2.0 * bend, mid.1 + ny * 2.0 * bend);
    let toward = |from: Dot, to: (f32, f32)| {
        let (ux, uy) = (to.0 - from.at.0, to.1 - from.at.1);
        let l = (ux * ux + uy * uy).sqrt().max(1e-3);
        (from.at.0 + ux / l * from.r, from.at.1 + uy / l * from.r)
    };
    [toward(a, control), control, toward(b, control)]
}

/// Points along a quadratic curve, for telling which labels an edge passes under.
pub(super) fn sample(p: &[(f32, f32); 3]) -> Vec<(f32, f32)> {
    (0..=8)
        .map(|i| {
            let t = i as f32 / 8.0;
            let u = 1.0 - t;
            (
                u * u * p[0].0 + 2.0 * u * t * p[1].0 + t * t * p[2].0,
                u * u * p[0].1 + 2.0 * u * t * p[1].1 + t * t * p[2].1,
            )
        })
        .collect()
}

/// The arrowheads of the directed relations among `relations`, one per colour: not every
/// renderer knows `context-stroke`.
pub(super) fn write_markers(svg: &mut String, relations: &BTreeSet<RelationKind>) {
    svg.push_str("<defs>\n");
    for kind in relations.iter().filter(|k| !k.is_symmetric()) {
        let _ = writeln!(
            svg,
            r#"<marker id="arrow-{}" viewBox="0 0 10 10" refX="10" refY="5" markerUnits="userSpaceOnUse" markerWidth="10" markerHeight="10" orient="auto"><path d="M0,0.5 L10,5 L0,9.5 z" fill="{}"/></marker>"#,
            kind.as_str(),
            relation_color(*kind)
        );
    }
    svg.push_str("</defs>\n");
}

/// The edges, `geometry[i]` the start, control point and end of `strokes[i]`; `ids` name the
/// entities in each edge's tooltip.
pub(super) fn write_edges(
    svg: &mut String,
    strokes: &[Stroke],
    geometry: &[[(f32, f32); 3]],
    ids: &[String],
) {
    for (s, [p0, c, p1]) in strokes.iter().zip(geometry) {
        let marker = if s.kind.is_symmetric() {
            String::new()
        } else {
            format!(r#" marker-end="url(#arrow-{})""#, s.kind.as_str())
        };
        let _ = writeln!(
            svg,
            r#"<path class="edge r-{}" d="M{:.1},{:.1} Q{:.1},{:.1} {:.1},{:.1}" stroke="{}"{marker}><title>{} {} {}</title></path>"#,
            s.kind.as_str(),
            p0.0,
            p0.1,
            c.0,
            c.1,
            p1.0,
            p1.1,
            relation_color(s.kind),
            escape(ids[s.from].as_str()),
            s.kind.as_str(),
            escape(ids[s.to].as_str()),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_edge_runs_from_rim_to_rim_and_parallel_edges_bow_apart() {
        let (a, b) = (
            Dot {
                at: (0.0, 0.0),
                r: 10.0,
            },
            Dot {
                at: (100.0, 0.0),
                r: 5.0,
            },
        );
        let [start, control, end] = edge_geometry(a, b, 0.0, true);
        assert_eq!(
            (start, control, end),
            ((10.0, 0.0), (50.0, 0.0), (95.0, 0.0))
        );
        // Two edges of one pair, one each way: bent to opposite sides, ends still on the rims.
        let one = edge_geometry(a, b, -7.0, true);
        let other = edge_geometry(b, a, 7.0, false);
        assert!(one[1].1 * other[1].1 < 0.0, "{one:?} {other:?}");
        for p in [one[0], other[2]] {
            assert!((p.0.hypot(p.1) - 10.0).abs() < 1e-3, "{p:?}");
        }
        for p in [one[2], other[0]] {
            assert!(((p.0 - 100.0).hypot(p.1) - 5.0).abs() < 1e-3, "{p:?}");
        }
    }
}
