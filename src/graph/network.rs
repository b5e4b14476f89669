//! Network measures on the undirected view of the projection: betweenness centrality
//! (Brandes), connected components, and a community partition (Louvain local moving).
//! Every result is deterministic: nodes are visited in index order (the sorted order of entity
//! ids) and ties go to the smallest label.

use std::collections::{BTreeMap, VecDeque};

/// The undirected, simple view of a graph: for each node its neighbours with the summed weight
/// of the edges between them, sorted by neighbour.
pub(super) type Adjacency = Vec<Vec<(usize, f64)>>;

/// Graphs with more nodes than this get betweenness from this many evenly spaced source nodes,
/// scaled up, instead of from every node.
pub const EXACT_BETWEENNESS_LIMIT: usize = 5000;

/// Builds the undirected view from `(a, b, weight)` arcs over `n` nodes; loops are dropped.
pub(super) fn adjacency(n: usize, arcs: impl Iterator<Item = (usize, usize, f64)>) -> Adjacency {
    let mut maps: Vec<BTreeMap<usize, f64>> = vec![BTreeMap::new(); n];
    for (a, b, w) in arcs {
        if a == b {
            continue;
        }
        *maps[a].entry(b).or_insert(0.0) += w;
        *maps[b].entry(a).or_insert(0.0) += w;
    }
    maps.into_iter().map(|m| m.into_iter().collect()).collect()
}

/// PageRank of each node over the directed `arcs` (a node with no arc out spreads its rank over
/// every node), by `iterations` rounds of power iteration from the uniform vector; the ranks sum
/// to 1. Each round costs one pass over the nodes and one over the arcs.
pub(super) fn pagerank(
    n: usize,
    arcs: impl Iterator<Item = (usize, usize)>,
    damping: f64,
    iterations: usize,
) -> Vec<f64> {
    if n == 0 {
        return Vec::new();
    }
    let arcs: Vec<(usize, usize)> = arcs.collect();
    let mut out = vec![0usize; n];
    for &(a, _) in &arcs {
        out[a] += 1;
    }
    let mut rank = vec![1.0 / n as f64; n];
    let mut next = vec![0.0; n];
    for _ in 0..iterations {
        let dangling: f64 = (0..n).filter(|&v| out[v] == 0).map(|v| rank[v]).sum();
        let base = (1.0 - damping) / n as f64 + damping * dangling / n as f64;
        next.iter_mut().for_each(|x| *x = base);
        for &(a, b) in &arcs {
            next[b] += damping * rank[a] / out[a] as f64;
        }
        std::mem::swap(&mut rank, &mut next);
    }
    rank
}

/// Betweenness centrality of each node on the unweighted undirected view, normalized to 0..1
/// by the number of pairs of other nodes.
pub(super) fn betweenness(adj: &Adjacency) -> Vec<f64> {
    let n = adj.len();
    let mut centrality = vec![0.0; n];
    if n < 3 {
        return centrality;
    }
    let sources: Vec<usize> = if n <= EXACT_BETWEENNESS_LIMIT {
        (0..n).collect()
    } else {
        let k = EXACT_BETWEENNESS_LIMIT;
        (0..k).map(|i| i * n / k).collect()
    };
    let scale = n as f64 / sources.len() as f64;
    let mut sigma = vec![0.0f64; n];
    let mut dist = vec![-1i64; n];
    let mut delta = vec![0.0f64; n];
    let mut preds: Vec<Vec<usize>> = vec![Vec::new(); n];
    let mut order: Vec<usize> = Vec::with_capacity(n);
    let mut queue = VecDeque::new();
    for &s in &sources {
        for v in 0..n {
            sigma[v] = 0.0;
            dist[v] = -1;
            delta[v] = 0.0;
            preds[v].clear();
        }
        order.clear();
        sigma[s] = 1.0;
        dist[s] = 0;
        queue.push_back(s);
        while let Some(v) = queue.pop_front() {
            order.push(v);
            for &(w, _) in &adj[v] {
                if dist[w] < 0 {
                    dist[w] = dist[v] + 1;
                    queue.push_back(w);
                }
                if dist[w] == dist[v] + 1 {
                    sigma[w] += sigma[v];
                    preds[w].push(v);
                }
            }
        }
        for &w in order.iter().rev() {
            for &v in &preds[w] {
                delta[v] += sigma[v] / sigma[w] * (1.0 + delta[w]);
            }
            if w != s {
                centrality[w] += delta[w];
            }
        }
    }
    // Each pair was counted from both ends; normalize by the pairs of other nodes.
    let pairs = ((n - 1) * (n - 2)) as f64;
    centrality.into_iter().map(|c| c * scale / pairs).collect()
}

/// The connected component of each node, numbered from 0 by size (largest first), then by the
/// smallest node index in it.
pub(super) fn components(adj: &Adjacency) -> Vec<usize> {
    let n = adj.len();
    let mut raw = vec![usize::MAX; n];
    let mut members: Vec<Vec<usize>> = Vec::new();
    for start in 0..n {
        if raw[start] != usize::MAX {
            continue;
        }
        let id = members.len();
        let mut group = vec![start];
        raw[start] = id;
        let mut i = 0;
        while i < group.len() {
            for &(w, _) in &adj[group[i]] {
                if raw[w] == usize::MAX {
                    raw[w] = id;
                    group.push(w);
                }
            }
            i += 1;
        }
        members.push(group);
    }
    renumber(&raw, members.len())
}

/// A community partition by modularity: the local-moving phase of the Louvain method. Each
/// node in index order moves to the neighbouring community that raises modularity the most,
/// until no node moves (at most 100 rounds); communities are numbered like components.
pub(super) fn communities(adj: &Adjacency) -> Vec<usize> {
    let n = adj.len();
    let k: Vec<f64> = adj
        .iter()
        .map(|a| a.iter().map(|&(_, w)| w).sum())
        .collect();
    let m2: f64 = k.iter().sum();
    let mut comm: Vec<usize> = (0..n).collect();
    if m2 == 0.0 {
        return renumber(&comm, n);
    }
    let mut total = k.clone();
    for _ in 0..100 {
        let mut moved = false;
        for v in 0..n {
            if adj[v].is_empty() {
                continue;
            }
            let own = comm[v];
            total[own] -= k[v];
            let mut links: BTreeMap<usize, f64> = BTreeMap::new();
            for &(u, w) in &adj[v] {
                *links.entry(comm[u]).or_insert(0.0) += w;
            }
            let gain = |c: usize, w: f64| w - total[c] * k[v] / m2;
            let mut best = (own, gain(own, links.get(&own).copied().unwrap_or(0.0)));
            for (&c, &w) in &links {
                let g = gain(c, w);
                if g > best.1 + 1e-12 {
                    best = (c, g);
                }
            }
            comm[v] = best.0;
            total[best.0] += k[v];
            moved |= best.0 != own;
        }
        if !moved {
            break;
        }
    }
    renumber(&comm, n)
}

/// Renumbers group labels `0..count` by group size (largest first), then smallest member.
fn renumber(labels: &[usize], count: usize) -> Vec<usize> {
    let mut size = vec![0usize; count];
    let mut first = vec![usize::MAX; count];
    for (v, &l) in labels.iter().enumerate() {
        size[l] += 1;
        first[l] = first[l].min(v);
    }
    let mut order: Vec<usize> = (0..count).filter(|&l| size[l] > 0).collect();
    order.sort_by_key(|&l| (std::cmp::Reverse(size[l]), first[l]));
    let mut new = vec![0; count];
    for (i, &l) in order.iter().enumerate() {
        new[l] = i;
    }
    labels.iter().map(|&l| new[l]).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Two triangles joined by one bridge (2–3), and a lone node 6.
    fn barbell() -> Adjacency {
        let arcs = [(0, 1), (1, 2), (0, 2), (2, 3), (3, 4), (4, 5), (3, 5)];
        adjacency(7, arcs.iter().map(|&(a, b)| (a, b, 1.0)))
    }

    #[test]
    fn pagerank_sums_to_one_follows_the_arcs_and_spreads_dangling_rank() {
        // 0 → 2, 1 → 2, 2 → 0; 3 has no arc at all.
        let r = pagerank(4, [(0, 2), (1, 2), (2, 0)].into_iter(), 0.85, 100);
        assert!((r.iter().sum::<f64>() - 1.0).abs() < 1e-9);
        assert!(r[2] > r[0] && r[0] > r[1], "{r:?}");
        // Nodes no arc reaches get only the base share, whether they link out or not.
        assert!((r[1] - r[3]).abs() < 1e-12, "{r:?}");
        // Without arcs every node ranks the same.
        let flat = pagerank(3, std::iter::empty(), 0.85, 10);
        assert!(flat.iter().all(|x| (x - 1.0 / 3.0).abs() < 1e-12));
        assert!(pagerank(0, std::iter::empty(), 0.85, 10).is_empty());
    }

    #[test]
    fn the_bridge_ends_carry_the_most_betweenness() {
        let b = betweenness(&barbell());
        let top = b.iter().cloned().fold(0.0, f64::max);
        assert_eq!(b[2], top);
        assert_eq!(b[3], top);
        assert_eq!(b[0], 0.0);
        assert_eq!(b[6], 0.0);
        // 2 lies on the paths from {0,1} to {3,4,5}: 6 of the 15 pairs of the other 6 nodes.
        assert!((b[2] - 6.0 / 15.0).abs() < 1e-9, "{}", b[2]);
    }

    #[test]
    fn components_and_communities_split_where_the_graph_does() {
        let adj = barbell();
        let c = components(&adj);
        assert_eq!(c[..6], [0; 6]);
        assert_eq!(c[6], 1);
        let k = communities(&adj);
        assert_eq!(k[0], k[1]);
        assert_eq!(k[1], k[2]);
        assert_eq!(k[3], k[4]);
        assert_eq!(k[4], k[5]);
        assert_ne!(k[2], k[3], "{k:?}");
        assert_ne!(k[6], k[0]);
    }
}
