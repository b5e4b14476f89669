//! `entities.jsonl` and `relations.jsonl`: one JSON object per line, for scripts and language-
//! model pipelines. Each relation line is one statement with its evidence (document, sentence,
//! quote, offsets, rule), so every fact can be checked against the text that states it. Both say
//! what the analyst's curation changed: an entity's `curated` marks (an array, empty when none)
//! and a statement's `curated` decision (`added`, `merged`, `retyped`; `null` when none).

use std::io::Write;

use serde_json::{Value, json};

use super::ExportError;
use super::csv::edge_id;
use super::dictionary;
use crate::graph::GraphProjection;
use crate::model::KnowledgeGraph;

fn line<W: Write>(w: &mut W, value: &Value) -> Result<(), ExportError> {
    serde_json::to_writer(&mut *w, value)
        .map_err(|e| ExportError::Write(std::io::Error::other(e)))?;
    w.write_all(b"\n").map_err(ExportError::Write)
}

/// Writes one entity per line: the [`NODE`](dictionary::NODE) attributes (empty texts and
/// missing dates as `null`, lists as arrays; `curated` is `[]` when nothing).
pub fn write_entities<W: Write>(
    kg: &KnowledgeGraph,
    proj: &GraphProjection,
    mut w: W,
) -> Result<(), ExportError> {
    for id in kg.nodes.keys() {
        let values = dictionary::node_values(kg, proj, id);
        let object: serde_json::Map<String, Value> = dictionary::NODE
            .iter()
            .zip(&values)
            .map(|(a, v)| (a.name.to_string(), v.json()))
            .collect();
        line(&mut w, &Value::Object(object))?;
    }
    w.flush().map_err(ExportError::Write)
}

/// Writes one statement per line: the [`STATEMENT`](dictionary::STATEMENT) attributes, the edge
/// it belongs to, subject, relation, object, date, role, its evidence, its confidence (`null`
/// for co-occurrence) and what the analyst's decision did to it (`curated`: `added`, `merged`
/// or `retyped`; `null` for a statement as the rules found it).
pub fn write_relations<W: Write>(kg: &KnowledgeGraph, mut w: W) -> Result<(), ExportError> {
    for (n, edge) in kg.edges_in_order().enumerate() {
        for r in &edge.statements {
            line(
                &mut w,
                &json!({
                    "edge": edge_id(n),
                    "subject": r.subject,
                    "relation": r.kind.as_str(),
                    "object": r.object,
                    "date": r.date.map(|d| d.to_string()),
                    "role": r.role,
                    "document": r.evidence.document,
                    "sentence": r.evidence.sentence,
                    "quote": r.evidence.quote,
                    "start": r.evidence.start,
                    "end": r.evidence.end,
                    "rule": r.evidence.rule,
                    "confidence": r.confidence.map(|c| c.value()),
                    "curated": r.curated.as_ref().map(|c| c.what.as_str()),
                }),
            )?;
        }
    }
    w.flush().map_err(ExportError::Write)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::csv::tests::sample;

    #[test]
    fn every_line_is_an_object_and_every_statement_keeps_its_evidence() {
        let kg = sample();
        let proj = GraphProjection::new(&kg);
        let (mut ents, mut rels) = (Vec::new(), Vec::new());
        write_entities(&kg, &proj, &mut ents).unwrap();
        write_relations(&kg, &mut rels).unwrap();
        let ents: Vec<Value> = String::from_utf8(ents)
            .unwrap()
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        assert_eq!(ents.len(), 3);
        assert_eq!(ents[0]["id"], "country/c");
        assert_eq!(ents[0]["type"], "Country");
        let rels: Vec<Value> = String::from_utf8(rels)
            .unwrap()
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        // Two statements of the meeting and one of the leadership.
        assert_eq!(rels.len(), 3);
        let met: Vec<&Value> = rels.iter().filter(|r| r["relation"] == "met").collect();
        assert_eq!(met.len(), 2);
        assert!(met.iter().all(|r| r["edge"] == met[0]["edge"]));
        assert!(met.iter().any(|r| r["date"] == "2018"));
        assert!(met[0]["sentence"].as_str().unwrap().contains("有逗号"));
    }

    /// The lines of a JSON Lines file.
    fn lines(bytes: Vec<u8>) -> Vec<Value> {
        String::from_utf8(bytes)
            .unwrap()
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect()
    }

    #[test]
    fn entities_and_statements_say_what_curation_did_to_them() {
        let kg = crate::export::csv::tests::curated_sample();
        let proj = GraphProjection::new(&kg);
        let (mut ents, mut rels) = (Vec::new(), Vec::new());
        write_entities(&kg, &proj, &mut ents).unwrap();
        write_relations(&kg, &mut rels).unwrap();
        let ents = lines(ents);
        let entity = |id: &str| ents.iter().find(|e| e["id"] == id).unwrap();
        assert_eq!(entity("person/a")["curated"], json!(["merged", "renamed"]));
        // Like `aliases`: an empty array, not null, when there is nothing to list.
        assert_eq!(entity("person/b")["curated"], json!([]));
        assert_eq!(entity("country/c")["curated"], json!([]));
        let rels = lines(rels);
        assert_eq!(rels.len(), 4);
        let added: Vec<&Value> = rels.iter().filter(|r| r["curated"] == "added").collect();
        assert_eq!(added.len(), 1);
        assert_eq!(added[0]["relation"], "leaderOf");
        assert_eq!(added[0]["rule"], "curation:add");
        // The other statements carry the key, as null.
        let plain: Vec<&Value> = rels.iter().filter(|r| r["curated"] != "added").collect();
        assert_eq!(plain.len(), 3);
        assert!(plain.iter().all(|r| r.get("curated") == Some(&Value::Null)));
    }
}
