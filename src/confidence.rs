//! Confidence of extracted statements: how often each rule is right, as measured on annotated
//! text (`ontology/confidence.toml`), and how a statement gains when other rules of its document
//! state the same fact.
//!
//! Statements fall in two classes measured apart: those between two entities corridor knew
//! before reading the sentence (the gazetteer's, the corpus's named texts), and those with an
//! end the rules found in the text, which are wrong more often on unseen text (a name cut
//! short or run long makes the fact wrong too). Within a class, a rule's measured precision is
//! shrunk towards that of its family (`trigger:met` for `trigger:met:会见`), the family's
//! towards its relation's, and the relation's towards the class's, each by `strength`
//! pseudo-statements: a rule seen on three statements says little by itself, one seen on fifty
//! says much. A rule never measured has its relation's precision. The texts the rules were
//! measured on are those they were written on; on first readings of new texts (`[[unseen]]`
//! rows) each class is right less often, and every rule of the class gives up the same share.
//! Within one document, the
//! statements of a fact that several rules find are corroborated ([`Confidence::corroborated`]);
//! across documents, the edge is ([`crate::model::Edge::confidence`]).

use std::collections::{BTreeMap, BTreeSet};
use std::sync::OnceLock;

use serde::Deserialize;

use crate::model::{Confidence, Relation, RelationKind};

/// The calibration shipped with corridor (`ontology/confidence.toml` at build time).
pub const BUILTIN_CALIBRATION: &str = include_str!("../ontology/confidence.toml");

/// Why a calibration file cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum CalibrationError {
    /// The file is no valid TOML of the expected shape.
    #[error("{origin}: {message}")]
    Parse {
        /// The file.
        origin: String,
        /// What is wrong.
        message: String,
    },
    /// A row names a relation the vocabulary lacks, or counts more right than made.
    #[error("{origin}: rule `{rule}` of `{relation}`: {message}")]
    Row {
        /// The file.
        origin: String,
        /// The row's rule.
        rule: String,
        /// The row's relation.
        relation: String,
        /// What is wrong.
        message: String,
    },
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    strength: f64,
    #[serde(default)]
    rule: Vec<Row>,
    #[serde(default)]
    unseen: Vec<UnseenRow>,
}

/// Statements of one class made on first readings (texts before any rule was drawn from them)
/// and those right.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct UnseenRow {
    ends: Ends,
    made: f64,
    right: f64,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Row {
    relation: String,
    rule: String,
    ends: Ends,
    made: f64,
    right: f64,
}

/// Whether both ends of a statement were known before the sentence was read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Ends {
    /// Both are the gazetteer's entities or the corpus's named texts.
    Known,
    /// One or both were found by the rules in the text.
    New,
}

/// Statements made and statements right.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
struct Counts {
    made: f64,
    right: f64,
}

impl Counts {
    fn add(&mut self, other: Counts) {
        self.made += other.made;
        self.right += other.right;
    }

    /// The precision, shrunk towards `prior` by `strength` pseudo-statements.
    fn shrunk(self, prior: f64, strength: f64) -> f64 {
        (self.right + strength * prior) / (self.made + strength)
    }
}

/// Each rule's measured precision, with its families' and relations' to fall back on.
#[derive(Debug, Clone)]
pub struct Calibration {
    strength: f64,
    rules: BTreeMap<(Ends, RelationKind, String), Counts>,
    families: BTreeMap<(Ends, RelationKind, String), Counts>,
    relations: BTreeMap<(Ends, RelationKind), Counts>,
    all: BTreeMap<Ends, Counts>,
    unseen: BTreeMap<Ends, Counts>,
}

/// What a rule belongs to: `trigger:met` for `trigger:met:会见`; other rules stand alone.
fn family(rule: &str) -> &str {
    match rule.strip_prefix("trigger:") {
        Some(rest) => rest
            .find(':')
            .map_or(rule, |i| &rule[.."trigger:".len() + i]),
        None => rule,
    }
}

impl Calibration {
    /// Reads a calibration file's text; `origin` names it in errors.
    pub fn parse(text: &str, origin: &str) -> Result<Calibration, CalibrationError> {
        let file: File = toml::from_str(text).map_err(|e| CalibrationError::Parse {
            origin: origin.to_string(),
            message: e.to_string(),
        })?;
        if !(file.strength.is_finite() && file.strength > 0.0) {
            return Err(CalibrationError::Parse {
                origin: origin.to_string(),
                message: format!("strength must be above 0, not {}", file.strength),
            });
        }
        let mut cal = Calibration {
            strength: file.strength,
            rules: BTreeMap::new(),
            families: BTreeMap::new(),
            relations: BTreeMap::new(),
            all: BTreeMap::new(),
            unseen: BTreeMap::new(),
        };
        for row in file.rule {
            let bad = |message: String| CalibrationError::Row {
                origin: origin.to_string(),
                rule: row.rule.clone(),
                relation: row.relation.clone(),
                message,
            };
            let kind: RelationKind = row
                .relation
                .parse()
                .map_err(|_| bad("no such relation".into()))?;
            if !(row.right >= 0.0 && row.right <= row.made && row.made.is_finite()) {
                return Err(bad(format!("{} right of {} made", row.right, row.made)));
            }
            let counts = Counts {
                made: row.made,
                right: row.right,
            };
            let ends = row.ends;
            cal.rules
                .entry((ends, kind, row.rule.clone()))
                .or_default()
                .add(counts);
            if family(&row.rule) != row.rule {
                cal.families
                    .entry((ends, kind, family(&row.rule).to_string()))
                    .or_default()
                    .add(counts);
            }
            cal.relations.entry((ends, kind)).or_default().add(counts);
            cal.all.entry(ends).or_default().add(counts);
        }
        for row in file.unseen {
            if !(row.right >= 0.0 && row.right <= row.made && row.made.is_finite()) {
                return Err(CalibrationError::Parse {
                    origin: origin.to_string(),
                    message: format!(
                        "unseen `{:?}`: {} right of {} made",
                        row.ends, row.right, row.made
                    ),
                });
            }
            cal.unseen.entry(row.ends).or_default().add(Counts {
                made: row.made,
                right: row.right,
            });
        }
        Ok(cal)
    }

    /// The calibration shipped with corridor.
    pub fn builtin() -> &'static Calibration {
        static BUILTIN: OnceLock<Calibration> = OnceLock::new();
        BUILTIN.get_or_init(|| {
            Calibration::parse(BUILTIN_CALIBRATION, "(built-in) confidence.toml")
                .unwrap_or_else(|e| panic!("{e}"))
        })
    }

    /// How likely a statement of `kind` that `rule` makes between ends of class `ends` is right.
    pub fn rule_confidence(&self, ends: Ends, kind: RelationKind, rule: &str) -> Confidence {
        let k = self.strength;
        let overall = self.all.get(&ends).map_or(0.5, |c| c.shrunk(0.5, k));
        let relation = self
            .relations
            .get(&(ends, kind))
            .map_or(overall, |c| c.shrunk(overall, k));
        let fam = family(rule);
        let family = if fam == rule {
            relation
        } else {
            self.families
                .get(&(ends, kind, fam.to_string()))
                .map_or(relation, |c| c.shrunk(relation, k))
        };
        let own = self
            .rules
            .get(&(ends, kind, rule.to_string()))
            .map_or(family, |c| c.shrunk(family, k));
        // The class on first readings, shrunk towards the class as measured: a rule loses on
        // new text what its class loses there.
        let drop = self.unseen.get(&ends).map_or(1.0, |c| {
            let fresh = c.shrunk(overall, k);
            (fresh / overall).min(1.0)
        });
        Confidence::new((own * drop).min(crate::model::MOST_CONFIDENT))
    }

    /// Gives each of one document's statements its confidence: its rule's, corroborated by the
    /// other rules that state the same fact in the document (the same rule twice adds nothing).
    /// `known` tells the entities known before the text was read.
    pub fn assign(&self, relations: &mut [Relation], known: &dyn Fn(&str) -> bool) {
        let key = |r: &Relation| {
            let (s, o) = if r.kind.is_symmetric() && r.object < r.subject {
                (r.object.clone(), r.subject.clone())
            } else {
                (r.subject.clone(), r.object.clone())
            };
            (s, r.kind, o)
        };
        let mut rules: BTreeMap<(String, RelationKind, String), BTreeSet<&str>> = BTreeMap::new();
        for r in relations.iter() {
            rules.entry(key(r)).or_default().insert(&r.evidence.rule);
        }
        let confidences: Vec<Confidence> = relations
            .iter()
            .map(|r| {
                let ends = if known(&r.subject) && known(&r.object) {
                    Ends::Known
                } else {
                    Ends::New
                };
                let own = self.rule_confidence(ends, r.kind, &r.evidence.rule);
                let others = rules[&key(r)]
                    .iter()
                    .filter(|rule| **rule != &*r.evidence.rule)
                    .map(|rule| self.rule_confidence(ends, r.kind, rule));
                Confidence::corroborated(std::iter::once(own).chain(others)).unwrap_or(own)
            })
            .collect();
        for (r, c) in relations.iter_mut().zip(confidences) {
            r.confidence = Some(c);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Evidence;

    const SAMPLE: &str = r#"
strength = 4.0

[[rule]]
relation = "met"
rule = "trigger:met:会见"
ends = "known"
made = 40
right = 38

[[rule]]
relation = "met"
rule = "trigger:met:会见"
ends = "new"
made = 10
right = 2

[[rule]]
relation = "met"
rule = "trigger:met:通电话"
ends = "known"
made = 2
right = 0

[[rule]]
relation = "supports"
rule = "pattern:praise"
ends = "known"
made = 10
right = 5
"#;

    fn cal() -> Calibration {
        Calibration::parse(SAMPLE, "sample").unwrap()
    }

    fn statement(kind: RelationKind, rule: &str, object: &str) -> Relation {
        Relation {
            subject: "person/a".into(),
            kind,
            object: object.into(),
            date: None,
            role: None,
            evidence: Evidence {
                document: "d".into(),
                sentence: "s".into(),
                quote: "s".into(),
                start: 0,
                end: 1,
                rule: rule.into(),
            },
            confidence: None,
            curated: None,
        }
    }

    #[test]
    fn a_rule_seen_often_keeps_its_precision_and_a_rule_seen_rarely_leans_on_its_family() {
        let cal = cal();
        let often = cal
            .rule_confidence(Ends::Known, RelationKind::Met, "trigger:met:会见")
            .value();
        assert!(often > 0.9, "{often}");
        let rarely = cal
            .rule_confidence(Ends::Known, RelationKind::Met, "trigger:met:通电话")
            .value();
        // 0 of 2 by itself; the family (38 of 42) pulls it up, but not to the family's level.
        assert!(rarely > 0.3 && rarely < 0.75, "{rarely}");
        let unseen = cal
            .rule_confidence(Ends::Known, RelationKind::Met, "trigger:met:会晤")
            .value();
        assert!(unseen > rarely && unseen < often, "{unseen}");
    }

    #[test]
    fn a_rule_never_measured_has_its_relations_precision_and_a_relation_never_measured_the_whole() {
        let cal = cal();
        let supports = cal
            .rule_confidence(Ends::Known, RelationKind::Supports, "pattern:other")
            .value();
        let praise = cal
            .rule_confidence(Ends::Known, RelationKind::Supports, "pattern:praise")
            .value();
        let overall = cal
            .rule_confidence(Ends::Known, RelationKind::Visited, "pattern:other")
            .value();
        // Praise is right half the time; the relation leans from that towards the whole.
        assert!(
            praise < supports && supports < overall,
            "{praise} {supports} {overall}"
        );
        let visited = cal
            .rule_confidence(Ends::Known, RelationKind::Visited, "trigger:visited:访问")
            .value();
        // 43 of 52 over every rule between known ends.
        assert!((visited - 43.0 / 52.0).abs() < 0.05, "{visited}");
    }

    #[test]
    fn a_statement_with_an_end_the_rules_found_is_measured_apart() {
        let cal = cal();
        let known = cal.rule_confidence(Ends::Known, RelationKind::Met, "trigger:met:会见");
        let new = cal.rule_confidence(Ends::New, RelationKind::Met, "trigger:met:会见");
        assert!(new.value() < 0.35 && known.value() > 0.9, "{new} {known}");
        let mut r = vec![statement(
            RelationKind::Met,
            "trigger:met:会见",
            "person/found",
        )];
        cal.assign(&mut r, &|id| id == "person/a");
        assert_eq!(r[0].confidence, Some(new));
        cal.assign(&mut r, &|_| true);
        assert_eq!(r[0].confidence, Some(known));
    }

    #[test]
    fn a_fact_two_rules_state_in_one_document_is_surer_than_either_and_one_rule_twice_is_not() {
        let cal = cal();
        let mut one = vec![
            statement(RelationKind::Supports, "pattern:praise", "country/x"),
            statement(RelationKind::Supports, "pattern:praise", "country/x"),
        ];
        one[1].evidence.start = 5;
        cal.assign(&mut one, &|_| true);
        let alone = cal.rule_confidence(Ends::Known, RelationKind::Supports, "pattern:praise");
        assert_eq!(one[0].confidence, Some(alone));
        assert_eq!(one[1].confidence, Some(alone));
        let mut two = vec![
            statement(RelationKind::Supports, "pattern:praise", "country/x"),
            statement(RelationKind::Supports, "trigger:supports:支持", "country/x"),
            statement(RelationKind::Supports, "pattern:praise", "country/y"),
        ];
        cal.assign(&mut two, &|_| true);
        let (a, b) = (two[0].confidence.unwrap(), two[1].confidence.unwrap());
        assert!(a > alone, "{a} > {alone}");
        assert_eq!(a, b, "both statements of the fact are corroborated alike");
        assert_eq!(two[2].confidence, Some(alone), "another fact gains nothing");
    }

    #[test]
    fn bad_calibration_files_are_refused_with_the_row() {
        let e = Calibration::parse("strength = 0", "c.toml").unwrap_err();
        assert!(e.to_string().contains("c.toml"), "{e}");
        let row = "strength = 4.0\n[[rule]]\nrelation = \"met\"\nrule = \"r\"\nends = \"new\"\nmade = 1\nright = 2\n";
        let e = Calibration::parse(row, "c.toml").unwrap_err();
        assert!(e.to_string().contains("2 right of 1"), "{e}");
        let e = Calibration::parse(&row.replace("\"met\"", "\"likes\""), "c.toml").unwrap_err();
        assert!(e.to_string().contains("no such relation"), "{e}");
    }

    #[test]
    fn the_builtin_calibration_reads() {
        let cal = Calibration::builtin();
        let c = cal.rule_confidence(Ends::Known, RelationKind::Met, "trigger:met:会见");
        assert!(c.value() > 0.0 && c.value() < 1.0, "{c}");
    }

    #[test]
    fn first_readings_lower_each_rule_by_its_classs_loss_on_new_text() {
        let plain = Calibration::parse(SAMPLE, "sample").unwrap();
        let with = format!("{SAMPLE}\n[[unseen]]\nends = \"known\"\nmade = 40\nright = 30\n");
        let fresh = Calibration::parse(&with, "sample").unwrap();
        let rule = "trigger:met:会见";
        let before = plain
            .rule_confidence(Ends::Known, RelationKind::Met, rule)
            .value();
        let after = fresh
            .rule_confidence(Ends::Known, RelationKind::Met, rule)
            .value();
        assert!(after < before, "{after} !< {before}");
        // The class the first readings do not speak of keeps its confidence.
        assert_eq!(
            plain.rule_confidence(Ends::New, RelationKind::Met, rule),
            fresh.rule_confidence(Ends::New, RelationKind::Met, rule)
        );
        // More right than made is refused, naming the file.
        let bad = format!("{SAMPLE}\n[[unseen]]\nends = \"new\"\nmade = 2\nright = 3\n");
        let err = Calibration::parse(&bad, "bad.toml")
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("bad.toml") && err.contains("3 right of 2 made"),
            "{err}"
        );
    }
}
