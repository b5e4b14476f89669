//! The data dictionary: the one list of the attributes every tabular and graph export writes for
//! an entity ([`NODE`]), a relation ([`EDGE`]) and a statement ([`STATEMENT`]), each with one
//! name, one type and its meaning, and the values of one entity or relation in that order
//! ([`node_values`], [`edge_values`]).
//!
//! `nodes.csv`, `edges.csv`, GraphML, GEXF, the Neo4j files, `entities.jsonl`,
//! `relations.jsonl` and the Parquet tables write these names, with each [`Type`] as the format
//! can say it ([`Type::graphml`], [`Type::gexf`], [`Type::neo4j`], [`Type::parquet`]). A format
//! may carry an attribute in its own structure instead (GraphML's and GEXF's `id`, `source`,
//! `target`; GEXF's `label` and `weight`; Neo4j's `:ID`, `:START_ID`, `:END_ID`, `:TYPE`), and
//! a few extras of its own ([`EXTRAS`]). The README's data dictionary is this list.

use crate::graph::GraphProjection;
use crate::model::{Edge, FactDate, KnowledgeGraph};

use super::csv::{
    direction, edge_curated_list, edge_date_list, edge_evidence, edge_id, edge_rules, edge_timeset,
    node_curated_list,
};

/// The type of an attribute, the same in every format that can say it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Type {
    /// Text.
    String,
    /// A whole number (64 bits).
    Integer,
    /// A floating-point number.
    Float,
    /// A date as precise as the text gives it: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
    Date,
    /// A list of texts: `|`-separated in CSV, GraphML and GEXF, `;`-separated in Neo4j arrays,
    /// an array in JSON and a `list<string>` in Parquet.
    List,
}

impl Type {
    /// The name the README gives the type.
    pub fn as_str(self) -> &'static str {
        match self {
            Type::String => "string",
            Type::Integer => "integer",
            Type::Float => "float",
            Type::Date => "date",
            Type::List => "list",
        }
    }

    /// The GraphML `attr.type`.
    pub fn graphml(self) -> &'static str {
        match self {
            Type::Integer => "long",
            Type::Float => "double",
            Type::String | Type::Date | Type::List => "string",
        }
    }

    /// The GEXF attribute `type`.
    pub fn gexf(self) -> &'static str {
        self.graphml()
    }

    /// The type suffix of a Neo4j import header (`:long`, `:string[]`; none for a string).
    pub fn neo4j(self) -> &'static str {
        match self {
            Type::Integer => ":long",
            Type::Float => ":double",
            Type::List => ":string[]",
            Type::String | Type::Date => "",
        }
    }

    /// The Parquet physical type and logical annotation (`int64`, `binary (STRING)`, a list of
    /// strings); a date is its text, beside which the tables add a `*_day` DATE column.
    pub fn parquet(self) -> &'static str {
        match self {
            Type::Integer => "int64",
            Type::Float => "double",
            Type::String | Type::Date => "string",
            Type::List => "list<string>",
        }
    }
}

/// One attribute of the dictionary.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Attribute {
    /// Its name in every format.
    pub name: &'static str,
    /// Its type.
    pub kind: Type,
    /// What it holds.
    pub meaning: &'static str,
}

const fn a(name: &'static str, kind: Type, meaning: &'static str) -> Attribute {
    Attribute {
        name,
        kind,
        meaning,
    }
}

/// The attributes of an entity, in the column order of `nodes.csv`.
pub const NODE: [Attribute; 18] = [
    a(
        "id",
        Type::String,
        "the entity's id, `{type}/{slug}` (`person/xi-jinping`); the IRI's last part",
    ),
    a(
        "label",
        Type::String,
        "the name to show: Chinese if known, else English",
    ),
    a(
        "type",
        Type::String,
        "`Person`, `Country`, `Organization`, `Project`, `Initiative`, `Document`, `Event`, `Place`",
    ),
    a(
        "label_zh",
        Type::String,
        "the canonical Chinese name (empty when unknown)",
    ),
    a(
        "label_en",
        Type::String,
        "the canonical English name (empty when unknown); a Chinese person the gazetteer does not know gets the Hanyu Pinyin of the name, family name first (王家瑞 → Wang Jiarui), a transliterated foreign name none rather than a wrong one",
    ),
    a("aliases", Type::List, "every other name seen or known"),
    a("iri", Type::String, "the entity's IRI in the RDF exports"),
    a(
        "degree",
        Type::Integer,
        "arcs in and out of the entity in the relation graph: one per directed relation, two (one each way) per symmetric `met`, as networkx and igraph count them in the GraphML",
    ),
    a(
        "weighted_degree",
        Type::Float,
        "the statements of those arcs (a `met` counts its statements each way)",
    ),
    a(
        "pagerank",
        Type::Float,
        "PageRank (damping 0.85) on the arcs of the relation graph, unweighted; sums to 1",
    ),
    a(
        "documents",
        Type::List,
        "ids of the documents that mention the entity",
    ),
    a(
        "document_count",
        Type::Integer,
        "how many documents mention it",
    ),
    a(
        "betweenness",
        Type::Float,
        "betweenness centrality on the undirected graph, 0–1 (exact up to 5,000 entities, from 5,000 evenly spaced sources above)",
    ),
    a(
        "component",
        Type::Integer,
        "connected component, 0 for the largest",
    ),
    a(
        "community",
        Type::Integer,
        "community by modularity (Louvain local moving), 0 for the largest",
    ),
    a(
        "first_seen",
        Type::Date,
        "earliest date of a relation the entity stands in (empty if none is dated)",
    ),
    a(
        "last_seen",
        Type::Date,
        "latest date of a relation the entity stands in",
    ),
    a(
        "curated",
        Type::List,
        "what the analyst's curation did to the entity: `added`, `merged` (other ids were merged into it), `renamed`, `retyped`, `role` (an office was given it); empty for an entity as the rules found it",
    ),
];

/// The attributes of a relation, in the column order of `edges.csv`.
pub const EDGE: [Attribute; 15] = [
    a(
        "id",
        Type::String,
        "the edge's id, `e1`, `e2` … (the same in every export)",
    ),
    a("source", Type::String, "the subject's entity id"),
    a("target", Type::String, "the object's entity id"),
    a(
        "type",
        Type::String,
        "`Directed`, or `Undirected` for the symmetric `met` and `cooccursWith`",
    ),
    a(
        "kind",
        Type::String,
        "the relation: `met`, `visited`, `attended`, `proposed`, `supports`, `signed`, `issued`, `partOf`, `locatedIn`, `memberOf`, `leaderOf`; and `cooccursWith` with `--cooccurrence`",
    ),
    a(
        "label",
        Type::String,
        "the relation again, for Gephi's edge label",
    ),
    a(
        "weight",
        Type::Integer,
        "statements of the relation across the corpus (for `cooccursWith`, the sentences naming both)",
    ),
    a("date", Type::Date, "the earliest date it is stated at"),
    a("dates", Type::List, "every date it is stated at"),
    a("documents", Type::List, "ids of the documents stating it"),
    a(
        "evidence",
        Type::String,
        "the sentences stating it, ` | `-separated",
    ),
    a(
        "rules",
        Type::List,
        "the rules that found it (`trigger:met:会见`, `pattern:title` …)",
    ),
    a(
        "timeset",
        Type::String,
        "the dates as a Gephi timestamp set, `<[2018-11-01, 2025-09-01]>` (a year or month stands for its first day)",
    ),
    a(
        "confidence",
        Type::Float,
        "how likely the relation is right, 0–1 with three decimals: its surest statement, raised when other documents state it too (see \"Confidence\"); empty for `cooccursWith`",
    ),
    a(
        "curated",
        Type::List,
        "what curation did to its statements: `added` (an analyst's statement, rule `curation:add`), `merged` or `retyped` (an end was merged or retyped); empty when every statement is as the rules found it",
    ),
];

/// The attributes of a statement (`relations.jsonl`, `evidence.parquet`), in order.
pub const STATEMENT: [Attribute; 14] = [
    a(
        "edge",
        Type::String,
        "the id of its relation in `edges.csv`",
    ),
    a("subject", Type::String, "the subject's entity id"),
    a("relation", Type::String, "the relation"),
    a("object", Type::String, "the object's entity id"),
    a("date", Type::Date, "the date the statement gives"),
    a(
        "role",
        Type::String,
        "the office a `leaderOf` statement names",
    ),
    a("document", Type::String, "the document stating it"),
    a("sentence", Type::String, "the sentence, cleaned of layout"),
    a(
        "quote",
        Type::String,
        "the exact text of the document from `start` to `end`",
    ),
    a(
        "start",
        Type::Integer,
        "character offset of the quote in the document's text",
    ),
    a("end", Type::Integer, "character offset just past the quote"),
    a("rule", Type::String, "the rule that found it"),
    a(
        "confidence",
        Type::Float,
        "how likely the statement is right, 0–1; empty for co-occurrence",
    ),
    a(
        "curated",
        Type::String,
        "what the analyst's decision did to it: `added`, `merged`, `retyped`; empty for a statement as the rules found it",
    ),
];

/// What a format writes beyond the dictionary: (format, table, attribute, why).
pub const EXTRAS: [(&str, &str, &str, &str); 6] = [
    (
        "GraphML",
        "node",
        "entity_id",
        "the entity id itself (the node id is it made an XML name token)",
    ),
    ("Neo4j", "node", ":LABEL", "the node labels `Entity;{Type}`"),
    (
        "Neo4j",
        "edge",
        "edge_id",
        "the edge id, as `id` (kept for older scripts)",
    ),
    (
        "Parquet",
        "node",
        "first_seen_day, last_seen_day",
        "the first day of the date's period as a DATE",
    ),
    (
        "Parquet",
        "edge",
        "date_day",
        "the first day of the date's period as a DATE",
    ),
    (
        "Parquet",
        "statement",
        "date_day",
        "the first day of the date's period as a DATE",
    ),
];

/// One attribute's value, as the exports write it.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// Text; empty for none.
    Text(String),
    /// A whole number.
    Integer(u64),
    /// A number, with the text the text formats write for it; `None` for none.
    Number(Option<f64>, String),
    /// A date, or none.
    Date(Option<FactDate>),
    /// A list of texts, in order.
    List(Vec<String>),
}

impl Value {
    /// The value as text, a list joined with `sep` (empty for none).
    pub fn text(&self, sep: &str) -> String {
        match self {
            Value::Text(s) => s.clone(),
            Value::Integer(n) => n.to_string(),
            Value::Number(_, text) => text.clone(),
            Value::Date(d) => d.map(|d| d.to_string()).unwrap_or_default(),
            Value::List(items) => items.join(sep),
        }
    }

    /// The value as JSON: `null` for empty text, a missing number or date; an array for a list.
    pub fn json(&self) -> serde_json::Value {
        use serde_json::Value as J;
        match self {
            Value::Text(s) if s.is_empty() => J::Null,
            Value::Text(s) => J::String(s.clone()),
            Value::Integer(n) => J::from(*n),
            Value::Number(n, _) => n.map_or(J::Null, J::from),
            Value::Date(d) => d.map_or(J::Null, |d| J::String(d.to_string())),
            Value::List(items) => J::from(items.clone()),
        }
    }
}

/// The values of entity `id`, in the order of [`NODE`].
pub fn node_values(kg: &KnowledgeGraph, proj: &GraphProjection, id: &str) -> Vec<Value> {
    let m = proj.metrics(id).unwrap_or_default();
    let Some(node) = kg.nodes.get(id) else {
        return Vec::new();
    };
    let e = &node.entity;
    let text = |s: Option<&String>| Value::Text(s.cloned().unwrap_or_default());
    vec![
        Value::Text(id.to_string()),
        Value::Text(e.label().to_string()),
        Value::Text(e.kind.as_str().to_string()),
        text(e.label_zh.as_ref()),
        text(e.label_en.as_ref()),
        Value::List(e.aliases.iter().cloned().collect()),
        Value::Text(e.iri()),
        Value::Integer(m.degree),
        Value::Number(Some(m.weighted_degree), format!("{:.1}", m.weighted_degree)),
        Value::Number(Some(m.pagerank), format!("{:.6}", m.pagerank)),
        Value::List(node.documents.iter().map(|d| d.to_string()).collect()),
        Value::Integer(node.documents.len() as u64),
        Value::Number(Some(m.betweenness), format!("{:.6}", m.betweenness)),
        Value::Integer(m.component),
        Value::Integer(m.community),
        Value::Date(m.first_seen),
        Value::Date(m.last_seen),
        Value::List(
            node_curated_list(kg, id)
                .into_iter()
                .map(str::to_string)
                .collect(),
        ),
    ]
}

/// The values of the `n`-th edge (from 0) in edge order, in the order of [`EDGE`].
pub fn edge_values(n: usize, edge: &Edge) -> Vec<Value> {
    let confidence = edge.confidence();
    vec![
        Value::Text(edge_id(n)),
        Value::Text(edge.subject.clone()),
        Value::Text(edge.object.clone()),
        Value::Text(direction(edge).to_string()),
        Value::Text(edge.kind.as_str().to_string()),
        Value::Text(edge.kind.as_str().to_string()),
        Value::Integer(edge.weight() as u64),
        Value::Date(edge.first_date()),
        Value::List(edge_date_list(edge)),
        Value::List(edge.documents().into_iter().map(str::to_string).collect()),
        Value::Text(edge_evidence(edge)),
        Value::List(edge_rules(edge).into_iter().map(str::to_string).collect()),
        Value::Text(edge_timeset(edge)),
        Value::Number(
            confidence.map(|c| c.value()),
            confidence.map(|c| c.to_string()).unwrap_or_default(),
        ),
        Value::List(
            edge_curated_list(edge)
                .into_iter()
                .map(str::to_string)
                .collect(),
        ),
    ]
}

/// The position of attribute `name` in `list`.
pub fn position(list: &[Attribute], name: &str) -> Option<usize> {
    list.iter().position(|a| a.name == name)
}

#[cfg(test)]
mod tests;
