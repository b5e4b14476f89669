//! The petgraph projection of the knowledge graph: entities as nodes, stated relations (not the
//! co-occurrence layer) as edges weighted by their number of statements, and the metrics
//! computed on it (degree, weighted degree, PageRank, betweenness, connected component,
//! community, and the dates and documents each entity is seen in) that the exports write as
//! node attributes; and the colour each entity type is drawn in.
//!
//! This module reads the [`KnowledgeGraph`]; it does not change it and writes no file.

use std::collections::BTreeMap;

use petgraph::graph::{DiGraph, NodeIndex};

use crate::model::{EntityType, FactDate, KnowledgeGraph};

mod network;
pub use network::EXACT_BETWEENNESS_LIMIT;

/// The colour (red, green, blue) every drawing of the graph gives an entity type: Gephi's
/// (GEXF `viz:color`), the SVG picture's and the graph view's of `corridor serve`.
pub fn type_color(kind: EntityType) -> (u8, u8, u8) {
    match kind {
        EntityType::Person => (228, 87, 86),
        EntityType::Country => (76, 120, 168),
        EntityType::Organization => (245, 133, 24),
        EntityType::Project => (84, 162, 75),
        EntityType::Initiative => (178, 121, 162),
        EntityType::Document => (157, 117, 93),
        EntityType::Event => (238, 202, 59),
        EntityType::Place => (114, 183, 178),
    }
}

/// Metrics of one entity in the projection.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct NodeMetrics {
    /// Arcs in and out of the node: one per directed relation, two (one each way) per
    /// symmetric one, as a directed graph library counts them on the GraphML export.
    pub degree: u64,
    /// Sum of the weights (statements) of those arcs.
    pub weighted_degree: f64,
    /// PageRank (damping 0.85), summing to 1 over the graph.
    pub pagerank: f64,
    /// Betweenness centrality on the undirected view, 0..1.
    pub betweenness: f64,
    /// Connected component, numbered from 0 by size (largest first).
    pub component: u64,
    /// Community (modularity, Louvain local moving), numbered from 0 by size.
    pub community: u64,
    /// Earliest date of a relation the entity stands in.
    pub first_seen: Option<FactDate>,
    /// Latest date of a relation the entity stands in.
    pub last_seen: Option<FactDate>,
    /// Documents that mention the entity.
    pub documents: u64,
}

/// A directed petgraph of the entities; symmetric relations (`met`) become two arcs.
pub struct GraphProjection {
    graph: DiGraph<String, f64>,
    metrics: BTreeMap<String, NodeMetrics>,
}

/// Damping factor of PageRank.
pub const DAMPING: f64 = 0.85;
/// Iterations of PageRank (enough to converge on graphs of this kind).
pub const ITERATIONS: usize = 100;

impl GraphProjection {
    /// Projects `kg` and computes the metrics. Node order is the sorted order of entity ids.
    pub fn new(kg: &KnowledgeGraph) -> GraphProjection {
        let mut graph: DiGraph<String, f64> = DiGraph::new();
        let mut index: BTreeMap<&str, NodeIndex> = BTreeMap::new();
        for id in kg.nodes.keys() {
            index.insert(id, graph.add_node(id.clone()));
        }
        let mut degree: BTreeMap<&str, (u64, f64)> = BTreeMap::new();
        for edge in kg.stated_edges() {
            let (Some(&s), Some(&o)) = (
                index.get(edge.subject.as_str()),
                index.get(edge.object.as_str()),
            ) else {
                continue;
            };
            let w = edge.weight() as f64;
            let arcs = if edge.kind.is_symmetric() { 2 } else { 1 };
            graph.add_edge(s, o, w);
            if arcs == 2 {
                graph.add_edge(o, s, w);
            }
            // Each arc counts at both its ends, as a directed graph's degree does.
            for id in [edge.subject.as_str(), edge.object.as_str()] {
                let d = degree.entry(id).or_insert((0, 0.0));
                d.0 += arcs;
                d.1 += w * arcs as f64;
            }
        }
        let mut seen: BTreeMap<&str, (Option<FactDate>, Option<FactDate>)> = BTreeMap::new();
        for edge in kg.stated_edges() {
            for r in &edge.statements {
                let Some(d) = r.date else { continue };
                for id in [edge.subject.as_str(), edge.object.as_str()] {
                    let e = seen.entry(id).or_insert((None, None));
                    e.0 = Some(e.0.map_or(d, |x| x.min(d)));
                    e.1 = Some(e.1.map_or(d, |x| x.max(d)));
                }
            }
        }
        let adj = network::adjacency(
            graph.node_count(),
            graph
                .edge_indices()
                .filter_map(|e| graph.edge_endpoints(e).map(|(a, b)| (a, b, graph[e])))
                .map(|(a, b, w)| (a.index(), b.index(), w)),
        );
        let betweenness = network::betweenness(&adj);
        let components = network::components(&adj);
        let communities = network::communities(&adj);
        let ranks = network::pagerank(
            graph.node_count(),
            graph
                .edge_indices()
                .filter_map(|e| graph.edge_endpoints(e))
                .map(|(a, b)| (a.index(), b.index())),
            DAMPING,
            ITERATIONS,
        );
        let metrics = index
            .iter()
            .map(|(id, &ix)| {
                let (d, wd) = degree.get(id).copied().unwrap_or((0, 0.0));
                let i = ix.index();
                let pagerank = ranks.get(i).copied().unwrap_or(0.0);
                let (first_seen, last_seen) = seen.get(id).copied().unwrap_or((None, None));
                (
                    id.to_string(),
                    NodeMetrics {
                        degree: d,
                        weighted_degree: wd,
                        pagerank,
                        betweenness: betweenness[i],
                        component: components[i] as u64,
                        community: communities[i] as u64,
                        first_seen,
                        last_seen,
                        documents: kg.nodes.get(*id).map_or(0, |n| n.documents.len() as u64),
                    },
                )
            })
            .collect();
        GraphProjection { graph, metrics }
    }

    /// The metrics of an entity.
    pub fn metrics(&self, id: &str) -> Option<NodeMetrics> {
        self.metrics.get(id).copied()
    }

    /// The petgraph itself (node weights are entity ids, edge weights statement counts).
    pub fn graph(&self) -> &DiGraph<String, f64> {
        &self.graph
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Entity, EntityType, Evidence, Node, RelationKind};

    fn kg() -> KnowledgeGraph {
        let mut kg = KnowledgeGraph::default();
        for id in ["person/a", "person/b", "country/c", "project/d"] {
            let kind = id.split('/').next().unwrap_or_default();
            let kind: EntityType = kind.parse().unwrap();
            kg.nodes.insert(
                id.into(),
                Node {
                    entity: Entity {
                        id: id.into(),
                        kind,
                        label_zh: None,
                        label_en: None,
                        aliases: Default::default(),
                    },
                    documents: Default::default(),
                },
            );
        }
        let rel = |s: &str, k, o: &str, n: usize| crate::model::test_relation(s, k, o, n, None);
        kg.add_relation(rel("person/a", RelationKind::Met, "person/b", 1));
        kg.add_relation(rel("person/a", RelationKind::LeaderOf, "country/c", 2));
        kg.add_relation(rel("person/b", RelationKind::LeaderOf, "country/c", 3));
        kg.add_relation(rel("project/d", RelationKind::LocatedIn, "country/c", 4));
        kg.add_relation(rel("project/d", RelationKind::LocatedIn, "country/c", 5));
        kg
    }

    #[test]
    fn pagerank_sums_to_one_and_the_hub_ranks_first() {
        let p = GraphProjection::new(&kg());
        let ids = ["person/a", "person/b", "country/c", "project/d"];
        let sum: f64 = ids.iter().map(|id| p.metrics(id).unwrap().pagerank).sum();
        assert!((sum - 1.0).abs() < 1e-6, "{sum}");
        let hub = p.metrics("country/c").unwrap().pagerank;
        assert!(ids.iter().all(|id| p.metrics(id).unwrap().pagerank <= hub));
    }

    #[test]
    fn degrees_count_arcs_and_weights_count_statements() {
        let p = GraphProjection::new(&kg());
        let c = p.metrics("country/c").unwrap();
        assert_eq!(c.degree, 3);
        assert_eq!(c.weighted_degree, 4.0);
        // A leadership, and a meeting: one arc each way.
        let a = p.metrics("person/a").unwrap();
        assert_eq!((a.degree, a.weighted_degree), (3, 3.0));
        // The degree is the number of arcs at the node in the petgraph.
        let arcs = p
            .graph()
            .edge_indices()
            .filter_map(|e| p.graph().edge_endpoints(e))
            .filter(|(s, o)| p.graph()[*s] == "person/a" || p.graph()[*o] == "person/a")
            .count();
        assert_eq!(arcs as u64, a.degree);
        assert_eq!(p.graph().edge_count(), 5, "met counts both ways");
    }

    #[test]
    fn the_cooccurrence_layer_leaves_the_metrics_alone() {
        let plain = kg();
        let mut layered = plain.clone();
        layered.add_cooccurrences(&[crate::model::SentenceMentions {
            evidence: Evidence {
                document: "d".into(),
                sentence: "甲、丁与项目".into(),
                quote: "甲、丁与项目".into(),
                start: 0,
                end: 6,
                rule: crate::model::COOCCURRENCE_RULE.into(),
            },
            entities: vec!["person/a".into(), "project/d".into()],
        }]);
        assert!(layered.edges.len() > plain.edges.len());
        let (p, q) = (GraphProjection::new(&plain), GraphProjection::new(&layered));
        for id in plain.nodes.keys() {
            assert_eq!(p.metrics(id), q.metrics(id), "{id}");
        }
    }

    #[test]
    fn an_empty_graph_has_no_metrics() {
        let p = GraphProjection::new(&KnowledgeGraph::default());
        assert!(p.metrics("person/a").is_none());
    }
}
