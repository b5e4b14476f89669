//! Where the overview's dots go: a force-directed simulation (the `fdg-sim` crate) from a fixed
//! start, fitted into the drawing area, then spread so that no two dots stand closer than their
//! radii and a little more than a label's height (room for the labels around the most
//! connected dots), stretched to fill the area and spread again.
//!
//! Deterministic: nodes start on a spiral in the order given, not at random, and every step
//! runs a fixed number of times.

use std::collections::BTreeSet;

use fdg_sim::{ForceGraph, ForceGraphHelper, Simulation, SimulationParameters};

use super::labels::Rect;

/// Steps of the force simulation.
const STEPS: usize = 600;
/// Rounds of spreading after the simulation.
const SPREAD_ROUNDS: usize = 400;
/// Free space kept between two dots' circles, in pixels.
const SPACING: f32 = 56.0;

/// Positions in `area` for `radii.len()` dots joined by `pairs` (indices, smaller first).
pub fn positions(radii: &[f32], pairs: &BTreeSet<(usize, usize)>, area: Rect) -> Vec<(f32, f32)> {
    let n = radii.len();
    let mut graph: ForceGraph<(), ()> = ForceGraph::default();
    let nodes: Vec<_> = (0..n)
        .map(|i| graph.add_force_node(i.to_string(), ()))
        .collect();
    for &(a, b) in pairs {
        graph.add_edge(nodes[a], nodes[b], ());
    }
    let mut sim = Simulation::from_graph(graph, SimulationParameters::default());
    // A fixed start instead of the crate's random one: the same graph gives the same picture.
    let count = n.max(1) as f32;
    for (i, node) in sim.get_graph_mut().node_weights_mut().enumerate() {
        let angle = i as f32 / count * std::f32::consts::TAU;
        let radius = 40.0 + 4.0 * i as f32;
        node.location = fdg_sim::glam::Vec3::new(radius * angle.cos(), radius * angle.sin(), 0.0);
    }
    for _ in 0..STEPS {
        sim.update(0.035);
    }
    let raw: Vec<(f32, f32)> = sim
        .get_graph()
        .node_weights()
        .map(|n| (n.location.x, n.location.y))
        .collect();
    let mut points = fit(&raw, area);
    spread(&mut points, radii, area);
    stretch(&mut points, area);
    spread(&mut points, radii, area);
    points
}

/// Stretches `points` along each axis so that they span `area` from border to border.
fn stretch(points: &mut [(f32, f32)], area: Rect) {
    let span = |v: &mut dyn Iterator<Item = f32>| {
        v.fold((f32::INFINITY, f32::NEG_INFINITY), |(lo, hi), x| {
            (lo.min(x), hi.max(x))
        })
    };
    let (x_lo, x_hi) = span(&mut points.iter().map(|p| p.0));
    let (y_lo, y_hi) = span(&mut points.iter().map(|p| p.1));
    for p in points.iter_mut() {
        if x_hi - x_lo > 1.0 {
            p.0 = area.x0 + (p.0 - x_lo) / (x_hi - x_lo) * (area.x1 - area.x0);
        }
        if y_hi - y_lo > 1.0 {
            p.1 = area.y0 + (p.1 - y_lo) / (y_hi - y_lo) * (area.y1 - area.y0);
        }
    }
}

/// Scales `points` into `area`, keeping their proportions: the middle 90% of them span it, the
/// few beyond stand at its border.
fn fit(points: &[(f32, f32)], area: Rect) -> Vec<(f32, f32)> {
    let (min_x, max_x) = bounds(points.iter().map(|p| p.0));
    let (min_y, max_y) = bounds(points.iter().map(|p| p.1));
    let (w, h) = (area.x1 - area.x0, area.y1 - area.y0);
    let scale = (w / (max_x - min_x).max(1.0)).min(h / (max_y - min_y).max(1.0));
    // Centre the drawing in the area along the axis it does not fill.
    let x_off = area.x0 + (w - (max_x - min_x) * scale) / 2.0;
    let y_off = area.y0 + (h - (max_y - min_y) * scale) / 2.0;
    points
        .iter()
        .map(|&(x, y)| {
            let (x, y) = (x.clamp(min_x, max_x), y.clamp(min_y, max_y));
            (x_off + (x - min_x) * scale, y_off + (y - min_y) * scale)
        })
        .collect()
}

/// Pushes apart dots closer than their radii plus [`SPACING`], each pair half the shortfall
/// each, for a fixed number of rounds, keeping every dot inside `area`.
fn spread(points: &mut [(f32, f32)], radii: &[f32], area: Rect) {
    let n = points.len();
    for _ in 0..SPREAD_ROUNDS {
        let mut moved = false;
        for i in 0..n {
            for j in i + 1..n {
                let want = radii[i] + radii[j] + SPACING;
                let (dx, dy) = (points[j].0 - points[i].0, points[j].1 - points[i].1);
                let dist = (dx * dx + dy * dy).sqrt();
                if dist >= want {
                    continue;
                }
                // Two dots on one spot part along a direction fixed by their indices.
                let (ux, uy) = if dist > 1e-3 {
                    (dx / dist, dy / dist)
                } else {
                    let a = (i * 7 + j * 13) as f32;
                    (a.cos(), a.sin())
                };
                let push = (want - dist) / 2.0;
                points[i] = (points[i].0 - ux * push, points[i].1 - uy * push);
                points[j] = (points[j].0 + ux * push, points[j].1 + uy * push);
                moved = true;
            }
        }
        for (p, r) in points.iter_mut().zip(radii) {
            p.0 = p.0.clamp(area.x0 + r, area.x1 - r);
            p.1 = p.1.clamp(area.y0 + r, area.y1 - r);
        }
        if !moved {
            break;
        }
    }
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

    #[test]
    fn dots_stay_in_the_area_apart_from_each_other_and_the_same_every_time() {
        // A star of twelve around one hub: the leaves crowd the hub before spreading.
        let pairs: BTreeSet<(usize, usize)> = (1..13).map(|i| (0, i)).collect();
        let radii = vec![8.0; 13];
        let area = Rect {
            x0: 0.0,
            y0: 0.0,
            x1: 800.0,
            y1: 600.0,
        };
        let p = positions(&radii, &pairs, area);
        assert_eq!(p, positions(&radii, &pairs, area));
        for (i, a) in p.iter().enumerate() {
            assert!(
                a.0 >= 8.0 && a.0 <= 792.0 && a.1 >= 8.0 && a.1 <= 592.0,
                "{a:?}"
            );
            for b in &p[i + 1..] {
                let d = ((a.0 - b.0).powi(2) + (a.1 - b.1).powi(2)).sqrt();
                assert!(d > 16.0 + SPACING * 0.9, "{a:?} and {b:?} are {d} apart");
            }
        }
    }
}
