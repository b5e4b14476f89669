//! What the graph view draws (`/graph.json`): every entity with its type, labels and metrics,
//! the stated relations and the co-occurrence layer as edges, and the entity types and relations
//! present with the colour and count of each, for the legend and the filters.
//!
//! Ids, counts and metrics are those of the exports: the edges are numbered as in `edges.csv`
//! (stated relations first, then the co-occurrence layer) and the metrics are the projection's.

use serde::Serialize;

use crate::graph::{GraphProjection, type_color};
use crate::model::{Edge, EntityType, FactDate, KnowledgeGraph, RelationKind};

/// The layer of the stated relations.
pub const STATED: &str = "stated";
/// The layer of entities named in one sentence (`cooccursWith`).
pub const COOCCURRENCE: &str = "cooccurrence";

/// The graph as the view reads it.
#[derive(Debug, Serialize)]
pub struct GraphData {
    /// The entity types present, in the vocabulary's order.
    pub types: Vec<TypeEntry>,
    /// The relations present, in the vocabulary's order, the co-occurrence layer last.
    pub relations: Vec<RelationEntry>,
    /// Every entity, sorted by id.
    pub nodes: Vec<NodeEntry>,
    /// Every edge: stated relations, then the co-occurrence layer.
    pub edges: Vec<EdgeEntry>,
}

/// An entity type in the legend.
#[derive(Debug, Serialize)]
pub struct TypeEntry {
    /// The type's name (`Person`).
    pub name: &'static str,
    /// The colour it is drawn in (`#rrggbb`).
    pub color: String,
    /// How many entities are of the type.
    pub count: usize,
}

/// A relation in the filters.
#[derive(Debug, Serialize)]
pub struct RelationEntry {
    /// The relation's name (`met`).
    pub name: &'static str,
    /// [`STATED`] or [`COOCCURRENCE`].
    pub layer: &'static str,
    /// Whether the relation holds in both directions.
    pub directed: bool,
    /// How many edges are of the relation.
    pub count: usize,
}

/// An entity.
#[derive(Debug, Serialize)]
pub struct NodeEntry {
    /// The local id (`person/xi-jinping`).
    pub id: String,
    /// The display label: Chinese, else English, else the id.
    pub label: String,
    /// The English label, when known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub label_en: Option<String>,
    /// The other names the search finds it by.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
    /// The type's name.
    #[serde(rename = "type")]
    pub kind: &'static str,
    /// PageRank over the stated relations.
    pub pagerank: f64,
    /// Distinct stated edges touching it.
    pub degree: u64,
    /// Earliest date of a stated relation it stands in (`YYYY`, `YYYY-MM` or `YYYY-MM-DD`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub first_seen: Option<String>,
    /// Latest such date.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub last_seen: Option<String>,
    /// The path of its page.
    pub url: String,
}

/// An edge: one relation between two entities, merged over its statements.
#[derive(Debug, Serialize)]
pub struct EdgeEntry {
    /// The export id (`e1`, `e2` …).
    pub id: String,
    /// The subject's id.
    pub source: String,
    /// The object's id.
    pub target: String,
    /// The relation's name.
    pub kind: &'static str,
    /// [`STATED`] or [`COOCCURRENCE`].
    pub layer: &'static str,
    /// Whether the relation runs from the source to the target only.
    pub directed: bool,
    /// Number of statements (sentences, for co-occurrence).
    pub weight: usize,
    /// Earliest date a statement gives.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub first: Option<String>,
    /// Latest date a statement gives.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub last: Option<String>,
}

fn layer(kind: RelationKind) -> &'static str {
    if kind == RelationKind::CooccursWith {
        COOCCURRENCE
    } else {
        STATED
    }
}

fn date(d: Option<FactDate>) -> Option<String> {
    d.map(|d| d.to_string())
}

fn edge_entry(n: usize, edge: &Edge) -> EdgeEntry {
    let dates = edge.statements.iter().filter_map(|r| r.date);
    EdgeEntry {
        id: crate::model::edge_id(n),
        source: edge.subject.clone(),
        target: edge.object.clone(),
        kind: edge.kind.as_str(),
        layer: layer(edge.kind),
        directed: !edge.kind.is_symmetric(),
        weight: edge.weight(),
        first: date(dates.clone().min()),
        last: date(dates.max()),
    }
}

impl GraphData {
    /// The view's data of `kg` (read with the co-occurrence layer or without), with the metrics
    /// of `proj`, its projection; `entity_url` gives an entity's page.
    pub fn new(
        kg: &KnowledgeGraph,
        proj: &GraphProjection,
        entity_url: impl Fn(&str) -> String,
    ) -> GraphData {
        let type_counts = kg.entity_counts();
        let types = EntityType::ALL
            .into_iter()
            .filter_map(|t| {
                let count = *type_counts.get(&t)?;
                let (r, g, b) = type_color(t);
                Some(TypeEntry {
                    name: t.as_str(),
                    color: format!("#{r:02x}{g:02x}{b:02x}"),
                    count,
                })
            })
            .collect();
        let relation_counts = kg.relation_counts();
        let relations = RelationKind::ALL
            .into_iter()
            .chain([RelationKind::CooccursWith])
            .filter_map(|k| {
                Some(RelationEntry {
                    name: k.as_str(),
                    layer: layer(k),
                    directed: !k.is_symmetric(),
                    count: *relation_counts.get(&k)?,
                })
            })
            .collect();
        let nodes = kg
            .nodes
            .values()
            .map(|n| {
                let e = &n.entity;
                let m = proj.metrics(&e.id).unwrap_or_default();
                NodeEntry {
                    id: e.id.clone(),
                    label: e.label().to_string(),
                    label_en: e.label_en.clone().filter(|l| l != e.label()),
                    aliases: e.aliases.iter().cloned().collect(),
                    kind: e.kind.as_str(),
                    pagerank: m.pagerank,
                    degree: m.degree,
                    first_seen: date(m.first_seen),
                    last_seen: date(m.last_seen),
                    url: entity_url(&e.id),
                }
            })
            .collect();
        let edges = kg
            .edges_in_order()
            .enumerate()
            .map(|(n, e)| edge_entry(n, e))
            .collect();
        GraphData {
            types,
            relations,
            nodes,
            edges,
        }
    }

    /// The data as JSON.
    pub fn to_json(&self) -> Vec<u8> {
        // Serializing plain strings, numbers and vectors cannot fail.
        serde_json::to_vec(self).unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Entity, Evidence, Node, SentenceMentions};

    fn kg() -> KnowledgeGraph {
        let mut kg = KnowledgeGraph::default();
        for (id, kind, zh, en) in [
            ("person/a", EntityType::Person, Some("甲"), Some("A")),
            ("person/b", EntityType::Person, None, Some("B")),
            ("country/c", EntityType::Country, Some("丙"), None),
        ] {
            kg.nodes.insert(
                id.into(),
                Node {
                    entity: Entity {
                        id: id.into(),
                        kind,
                        label_zh: zh.map(Into::into),
                        label_en: en.map(Into::into),
                        aliases: ["别名".to_string()].into_iter().collect(),
                    },
                    documents: Default::default(),
                },
            );
        }
        let rel = crate::model::test_relation;
        kg.add_relation(rel(
            "person/b",
            RelationKind::Met,
            "person/a",
            1,
            Some(FactDate::Year(2015)),
        ));
        kg.add_relation(rel(
            "person/a",
            RelationKind::Met,
            "person/b",
            2,
            Some(FactDate::Day(2019, 3, 2)),
        ));
        kg.add_relation(rel(
            "person/a",
            RelationKind::LeaderOf,
            "country/c",
            3,
            None,
        ));
        kg.add_cooccurrences(&[SentenceMentions {
            evidence: Evidence {
                document: "d".into(),
                sentence: "丙与乙".into(),
                quote: "丙与乙".into(),
                start: 0,
                end: 3,
                rule: crate::model::COOCCURRENCE_RULE.into(),
            },
            entities: vec!["country/c".into(), "person/b".into()],
        }]);
        kg
    }

    fn data() -> GraphData {
        let kg = kg();
        GraphData::new(&kg, &GraphProjection::new(&kg), |id| {
            format!("/entity/{id}")
        })
    }

    #[test]
    fn edges_come_stated_first_then_the_cooccurrence_layer() {
        let d = data();
        let layers: Vec<(&str, &str, &str)> = d
            .edges
            .iter()
            .map(|e| (e.id.as_str(), e.kind, e.layer))
            .collect();
        assert_eq!(
            layers,
            [
                ("e1", "met", STATED),
                ("e2", "leaderOf", STATED),
                ("e3", "cooccursWith", COOCCURRENCE),
            ]
        );
        assert!(!d.edges[0].directed && d.edges[1].directed && !d.edges[2].directed);
        let cooc = d
            .relations
            .iter()
            .find(|r| r.name == "cooccursWith")
            .unwrap();
        assert_eq!((cooc.layer, cooc.count), (COOCCURRENCE, 1));
    }

    #[test]
    fn an_edge_spans_its_statements_dates_and_weighs_their_number() {
        let d = data();
        let met = d.edges.iter().find(|e| e.kind == "met").unwrap();
        assert_eq!(met.weight, 2);
        assert_eq!(met.first.as_deref(), Some("2015"));
        assert_eq!(met.last.as_deref(), Some("2019-03-02"));
        let leader = d.edges.iter().find(|e| e.kind == "leaderOf").unwrap();
        assert_eq!(
            (leader.first.as_deref(), leader.last.as_deref()),
            (None, None)
        );
    }

    #[test]
    fn nodes_carry_the_projections_metrics_and_their_page() {
        let kg = kg();
        let proj = GraphProjection::new(&kg);
        let d = GraphData::new(&kg, &proj, |id| format!("/entity/{id}"));
        assert_eq!(d.nodes.len(), kg.nodes.len());
        for n in &d.nodes {
            let m = proj.metrics(&n.id).unwrap();
            assert_eq!((n.pagerank, n.degree), (m.pagerank, m.degree), "{}", n.id);
            assert_eq!(n.url, format!("/entity/{}", n.id));
        }
        let b = d.nodes.iter().find(|n| n.id == "person/b").unwrap();
        assert_eq!((b.label.as_str(), b.label_en.as_deref()), ("B", None));
        let a = d.nodes.iter().find(|n| n.id == "person/a").unwrap();
        assert_eq!(a.label_en.as_deref(), Some("A"));
        assert_eq!(a.first_seen.as_deref(), Some("2015"));
        assert_eq!(a.aliases, ["别名"]);
    }

    #[test]
    fn the_legend_lists_the_types_present_in_their_drawing_colour() {
        let d = data();
        let names: Vec<&str> = d.types.iter().map(|t| t.name).collect();
        assert_eq!(names, ["Person", "Country"]);
        let (r, g, b) = type_color(EntityType::Country);
        assert_eq!(d.types[1].color, format!("#{r:02x}{g:02x}{b:02x}"));
        assert_eq!(d.types[0].count, 2);
        let json: serde_json::Value = serde_json::from_slice(&d.to_json()).unwrap();
        assert_eq!(json["nodes"][0]["type"], "Country");
    }
}
