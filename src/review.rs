//! The review queue: what in the graph most deserves an analyst's look, ranked by how much it
//! matters (the PageRank of what it touches) times how unsure it is: for a likely duplicate,
//! the two entities' PageRank summed; for a statement, the geometric mean of its ends'; for an
//! entity, its own.
//!
//! This module reads the merged [`KnowledgeGraph`] and its [`GraphProjection`]; it finds likely
//! duplicate entities (one English label, a name with its parties reversed, a shared alias, one
//! name inside another of the same type), statements of low confidence, entities without an
//! English label and entities of connecting types left without any relation. Each item says
//! why it is listed and the `corridor curate` command that would settle it.

use std::collections::{BTreeMap, BTreeSet};

use crate::graph::GraphProjection;
use crate::model::{Entity, EntityType, KnowledgeGraph};

/// What kind of item the queue lists.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ItemKind {
    /// Two entities that are likely one.
    Duplicate,
    /// A statement the rules are unsure of.
    UnsureStatement,
    /// An entity without an English label.
    NoEnglishLabel,
    /// An entity of a type that should connect, in no relation.
    Isolated,
}

impl ItemKind {
    /// The kind as the queue prints it.
    pub fn as_str(self) -> &'static str {
        match self {
            ItemKind::Duplicate => "duplicate",
            ItemKind::UnsureStatement => "unsure-statement",
            ItemKind::NoEnglishLabel => "no-english-label",
            ItemKind::Isolated => "isolated",
        }
    }
}

/// One item of the review queue.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Item {
    /// How much it matters: the PageRank it touches times how unsure it is.
    pub score: f64,
    /// What kind of item.
    pub kind: ItemKind,
    /// The entity, or the edge (`e12`) of an unsure statement.
    pub subject: String,
    /// The other entity of a likely duplicate; the statement itself (`s relation o`) of an
    /// unsure statement.
    pub other: Option<String>,
    /// Why it is listed.
    pub reason: String,
    /// The `corridor curate` command that would settle it, when one does.
    pub suggestion: String,
}

/// How sure corridor is that two entities found alike are distinct, by what makes them alike.
/// The queue weighs a pair by one minus this.
const DISTINCT_WHEN_SAME_ENGLISH: f64 = 0.1;
const DISTINCT_WHEN_REVERSED: f64 = 0.05;
const DISTINCT_WHEN_ALIAS_SHARED: f64 = 0.2;
const DISTINCT_WHEN_INSIDE: f64 = 0.6;
/// The weight of an entity without an English label, or isolated: half as unsure as can be.
const MISSING_WEIGHT: f64 = 0.5;
/// Statements at least this sure are not listed.
const SURE_ENOUGH: f64 = 0.9;
/// The shortest Chinese name (in characters) looked for inside others.
const SHORTEST_INSIDE: usize = 3;

/// Types whose entities should stand in some relation: one in none is likely a wrong name.
const CONNECTING: [EntityType; 5] = [
    EntityType::Person,
    EntityType::Organization,
    EntityType::Project,
    EntityType::Initiative,
    EntityType::Event,
];

/// A name reduced for comparison: lower case, letters and digits only.
fn name_key(name: &str) -> String {
    name.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// The name with its two parties swapped, when it opens with two: `巴中经济走廊` →
/// `中巴经济走廊`, `Pakistan-China Friendship Centre` → `China-Pakistan Friendship Centre`.
fn reversed(name: &str) -> Option<String> {
    let chars: Vec<char> = name.chars().collect();
    if chars.len() >= 3
        && chars[..2]
            .iter()
            .all(|c| ('\u{4E00}'..='\u{9FFF}').contains(c))
    {
        if chars[0] == chars[1] {
            return None;
        }
        let mut out: String = [chars[1], chars[0]].iter().collect();
        out.extend(&chars[2..]);
        return Some(out);
    }
    let (first, rest) = name.split_once(['-', '–'])?;
    let dash = name[first.len()..].chars().next()?;
    let second_end = rest.find(' ').unwrap_or(rest.len());
    let (second, tail) = rest.split_at(second_end);
    let word = |w: &str| {
        !w.is_empty()
            && !w.contains(' ')
            && w.chars().next().is_some_and(char::is_uppercase)
            && w.chars().all(char::is_alphabetic)
    };
    (word(first) && word(second) && first != second).then(|| format!("{second}{dash}{first}{tail}"))
}

/// Every name of an entity: labels and aliases.
fn names(e: &Entity) -> impl Iterator<Item = &String> {
    [&e.label_zh, &e.label_en]
        .into_iter()
        .flatten()
        .chain(&e.aliases)
}

fn merge_command(a: &str, b: &str, why: &str) -> String {
    format!("corridor curate merge {a} {b} --why \"{why}\"")
}

/// The review queue of `kg`, most deserving first (ties by kind, then ids), every item
/// listed once.
pub fn queue(kg: &KnowledgeGraph, proj: &GraphProjection) -> Vec<Item> {
    let rank = |id: &str| proj.metrics(id).map_or(0.0, |m| m.pagerank);
    let degree = |id: &str| proj.metrics(id).map_or(0, |m| m.degree);
    let mut items = Vec::new();

    // Likely duplicates, each pair once with its strongest reason.
    let mut pairs: BTreeMap<(String, String), (f64, String)> = BTreeMap::new();
    let mut pair = |a: &str, b: &str, distinct: f64, reason: String| {
        if a == b {
            return;
        }
        let key = if a < b {
            (a.to_string(), b.to_string())
        } else {
            (b.to_string(), a.to_string())
        };
        let slot = pairs.entry(key).or_insert((1.0, String::new()));
        if distinct < slot.0 {
            *slot = (distinct, reason);
        }
    };
    let entities: Vec<&Entity> = kg.nodes.values().map(|n| &n.entity).collect();
    let mut by_english: BTreeMap<String, Vec<&Entity>> = BTreeMap::new();
    let mut by_name: BTreeMap<String, Vec<&Entity>> = BTreeMap::new();
    for e in &entities {
        if let Some(en) = &e.label_en {
            let k = name_key(en);
            if !k.is_empty() {
                by_english.entry(k).or_default().push(e);
            }
        }
        let mut keys: BTreeSet<String> = names(e).map(|n| name_key(n)).collect();
        keys.retain(|k| k.chars().count() >= 2);
        for k in keys {
            by_name.entry(k).or_default().push(e);
        }
    }
    for group in by_english.values() {
        for (i, a) in group.iter().enumerate() {
            for b in &group[i + 1..] {
                let label = a.label_en.as_deref().unwrap_or_default();
                pair(
                    &a.id,
                    &b.id,
                    DISTINCT_WHEN_SAME_ENGLISH,
                    format!("same English label \"{label}\""),
                );
            }
        }
    }
    for (key, group) in &by_name {
        for (i, a) in group.iter().enumerate() {
            for b in &group[i + 1..] {
                let shown = names(a)
                    .find(|n| name_key(n) == *key)
                    .cloned()
                    .unwrap_or_else(|| key.clone());
                pair(
                    &a.id,
                    &b.id,
                    DISTINCT_WHEN_ALIAS_SHARED,
                    format!("both are named \"{shown}\""),
                );
            }
        }
    }
    for e in &entities {
        for n in names(e) {
            if let Some(r) = reversed(n)
                && let Some(group) = by_name.get(&name_key(&r))
            {
                for other in group {
                    pair(
                        &e.id,
                        &other.id,
                        DISTINCT_WHEN_REVERSED,
                        format!("\"{n}\" is \"{r}\" with its parties reversed"),
                    );
                }
            }
        }
    }
    // One Chinese label inside another of the same type.
    let mut by_type: BTreeMap<EntityType, Vec<&Entity>> = BTreeMap::new();
    for e in &entities {
        if e.label_zh
            .as_ref()
            .is_some_and(|l| l.chars().count() >= SHORTEST_INSIDE)
        {
            by_type.entry(e.kind).or_default().push(e);
        }
    }
    for group in by_type.values() {
        let labels: Vec<&str> = group.iter().filter_map(|e| e.label_zh.as_deref()).collect();
        let Ok(ac) = aho_corasick::AhoCorasick::new(&labels) else {
            continue;
        };
        for (i, outer) in labels.iter().enumerate() {
            for m in ac.find_overlapping_iter(*outer) {
                let j = m.pattern().as_usize();
                if j != i && labels[j] != *outer {
                    pair(
                        &group[j].id,
                        &group[i].id,
                        DISTINCT_WHEN_INSIDE,
                        format!("\"{}\" is inside \"{outer}\"", labels[j]),
                    );
                }
            }
        }
    }
    for ((a, b), (distinct, reason)) in pairs {
        // The better connected one is the one to keep.
        let (keep, other) = if (rank(&b), &a) > (rank(&a), &b) {
            (b, a)
        } else {
            (a, b)
        };
        items.push(Item {
            score: (rank(&keep) + rank(&other)) * (1.0 - distinct),
            kind: ItemKind::Duplicate,
            suggestion: merge_command(&keep, &other, &reason.replace('"', "'")),
            subject: keep,
            other: Some(other),
            reason,
        });
    }

    // Unsure statements.
    for (n, edge) in kg.edges_in_order().enumerate() {
        let Some(c) = edge.confidence() else {
            continue;
        };
        if c.value() >= SURE_ENOUGH {
            continue;
        }
        let id = crate::export::csv::edge_id(n);
        // The geometric mean of its ends' ranks: a statement between a hub and a leaf
        // matters less than one between two hubs.
        let touched = (rank(&edge.subject) * rank(&edge.object)).sqrt();
        items.push(Item {
            score: touched * (1.0 - c.value()),
            kind: ItemKind::UnsureStatement,
            other: Some(format!("{} {} {}", edge.subject, edge.kind, edge.object)),
            reason: format!(
                "confidence {c}, {} statement{} by {}",
                edge.weight(),
                if edge.weight() == 1 { "" } else { "s" },
                edge.statements
                    .iter()
                    .map(|s| &*s.evidence.rule)
                    .collect::<BTreeSet<_>>()
                    .into_iter()
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            suggestion: format!("corridor curate reject {id} --why \"…\""),
            subject: id,
        });
    }

    // Entities without an English label, and isolated ones.
    for e in &entities {
        if e.label_en.is_none() {
            items.push(Item {
                score: rank(&e.id) * MISSING_WEIGHT,
                kind: ItemKind::NoEnglishLabel,
                subject: e.id.clone(),
                other: None,
                reason: format!("\"{}\" has no English label", e.label()),
                suggestion: format!("corridor curate rename {} --en \"…\" --why \"…\"", e.id),
            });
        }
        if CONNECTING.contains(&e.kind) && degree(&e.id) == 0 {
            items.push(Item {
                score: rank(&e.id) * MISSING_WEIGHT,
                kind: ItemKind::Isolated,
                subject: e.id.clone(),
                other: None,
                reason: format!("a {} in no relation", e.kind),
                suggestion: format!("corridor curate reject {} --why \"…\"", e.id),
            });
        }
    }
    items.sort_by(|a, b| {
        b.score
            .total_cmp(&a.score)
            .then(a.kind.cmp(&b.kind))
            .then_with(|| a.subject.cmp(&b.subject))
            .then_with(|| a.other.cmp(&b.other))
    });
    items
}

/// The review queue of everything a store holds (its documents' graphs, and what updates
/// added to them).
pub fn store_queue(
    store: &crate::store::CorpusStore,
) -> Result<Vec<Item>, crate::store::StoreError> {
    let mut reader = crate::rdf::GraphReader::new(false);
    let ids: Vec<String> = store.document_ids().map(str::to_string).collect();
    for id in ids {
        reader.add(&store.encoded_graph(&id, true)?.quads);
    }
    reader.add(&store.quads_outside_documents()?);
    let kg = reader.finish();
    let proj = GraphProjection::new(&kg);
    Ok(queue(&kg, &proj))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_with_their_parties_reversed() {
        assert_eq!(reversed("巴中经济走廊").as_deref(), Some("中巴经济走廊"));
        assert_eq!(
            reversed("Pakistan-China Friendship Centre").as_deref(),
            Some("China-Pakistan Friendship Centre")
        );
        assert_eq!(
            reversed("China–Cuba ties").as_deref(),
            Some("Cuba–China ties")
        );
        assert_eq!(reversed("中中"), None);
        assert_eq!(reversed("Xi Jinping"), None);
        assert_eq!(reversed("state-owned enterprise"), None);
    }

    #[test]
    fn names_compare_without_case_spaces_or_punctuation() {
        assert_eq!(name_key("Gwadar Port"), name_key("gwadar-port"));
        assert_ne!(name_key("Gwadar Port"), name_key("Gwadar Airport"));
    }
}
