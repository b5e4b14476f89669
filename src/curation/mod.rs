//! Curation: the analyst's decisions about the graph, kept in `curation.toml` beside the
//! corpus and applied to every document's extraction after the rules ran.
//!
//! This module owns the file's format (its `[[merge]]`, `[[rename]]`, `[[retype]]`,
//! `[[reject]]` and `[[add]]` tables), which decisions concern a document, what applying them
//! does to a document's [`Extraction`] (recorded in its [`CurationTrace`]), and which decisions
//! match nothing any more (stale). Editing the file while keeping its comments is [`edit`]'s.
//!
//! A decision applies to the extraction, never to the text or the rules: re-extracting a
//! document under new rules applies the same decisions to the new extraction, so no rule
//! change undoes one.

pub mod edit;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde::Deserialize;
use sha2::{Digest, Sha256};

use crate::extract::DocumentText;
use crate::model::{
    Confidence, Curated, CurationTrace, DecisionRecord, Entity, EntityType, Evidence, Extraction,
    FactDate, ID_NS, Relation, RelationKind, TextMention,
};

/// The name of the curation file a corpus folder holds.
pub const FILE_NAME: &str = "curation.toml";

/// The rule name of a statement an analyst added.
pub const ADDED_RULE: &str = "curation:add";

/// Why a curation file could not be used.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum CurationError {
    /// The file could not be read.
    #[error("cannot read {path}")]
    Read {
        /// The file.
        path: PathBuf,
        /// The cause.
        source: std::io::Error,
    },
    /// The file is no valid TOML, or has keys or tables the format does not know.
    #[error("{path}: {message}")]
    Parse {
        /// The file.
        path: PathBuf,
        /// What is wrong, with its line.
        message: String,
    },
    /// A decision lacks what it needs or names something that cannot be.
    #[error("{path}: [[{table}]] number {number}: {message}")]
    Invalid {
        /// The file.
        path: PathBuf,
        /// The table's kind (`merge`, `reject` …).
        table: &'static str,
        /// Its place among the tables of that kind, from 1.
        number: usize,
        /// What is wrong.
        message: String,
    },
    /// The file could not be written.
    #[error("cannot write {path}")]
    Write {
        /// The file.
        path: PathBuf,
        /// The cause.
        source: std::io::Error,
    },
}

/// What a decision does.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    /// The entities `others` are `keep`: their statements and names move to it.
    Merge {
        /// The id kept.
        keep: String,
        /// The ids merged into it.
        others: Vec<String>,
    },
    /// New labels or more aliases for an entity.
    Rename {
        /// The entity.
        id: String,
        /// Its Chinese label.
        label_zh: Option<String>,
        /// Its English label.
        label_en: Option<String>,
        /// More names for it.
        aliases: Vec<String>,
    },
    /// Another type for an entity: its id takes the type's prefix (`project/x` becomes
    /// `organization/x`), the old id `owl:sameAs` the new.
    Retype {
        /// The entity.
        id: String,
        /// Its type.
        to: EntityType,
    },
    /// A statement is false: left out of the graph, kept as a rejected record.
    RejectStatement {
        /// Its subject.
        subject: String,
        /// Its relation.
        relation: RelationKind,
        /// Its object.
        object: String,
        /// Only in this document.
        document: Option<String>,
        /// Only the statement of the sentence starting at this character offset.
        offset: Option<usize>,
    },
    /// Every statement of a rule in one document is false (a rule name ending in `*` names
    /// every rule it begins).
    RejectRule {
        /// The rule.
        rule: String,
        /// The document.
        document: String,
    },
    /// A name found by the rules is no entity: it and its statements leave the graph.
    RejectEntity {
        /// The entity.
        id: String,
    },
    /// A statement the text makes that no rule finds, with the quote that says so.
    AddStatement {
        /// Its subject.
        subject: String,
        /// Its relation.
        relation: RelationKind,
        /// Its object.
        object: String,
        /// The document that states it.
        document: String,
        /// The words of the document that state it (checked to occur in it).
        quote: String,
        /// When the fact holds, if not the document's date.
        fact_date: Option<FactDate>,
    },
    /// An office a person held from a date to a date: the gazetteer learns it, so that titles
    /// (总理, the Prime Minister) resolve to the person at the dates the office was held, and
    /// `leaderOf` is found and dated as for the gazetteer's own offices.
    Role {
        /// The person.
        person: String,
        /// The title as texts write it (总理, 外交部长, Prime Minister).
        role: String,
        /// The country or organization led (an entity the gazetteer knows).
        of: String,
        /// When the office began (`YYYY`, `YYYY-MM` or `YYYY-MM-DD`), if known.
        from: Option<String>,
        /// When it ended; none while in office.
        to: Option<String>,
        /// The person's Chinese name, for a person the gazetteer does not know.
        label_zh: Option<String>,
        /// The person's English name, likewise.
        label_en: Option<String>,
    },
    /// An entity no rule finds, named in the documents whose text holds one of its names.
    AddEntity {
        /// Its id (its type's prefix gives its type).
        id: String,
        /// Its Chinese label.
        label_zh: Option<String>,
        /// Its English label.
        label_en: Option<String>,
        /// Its other names.
        aliases: Vec<String>,
    },
}

impl Action {
    /// The table the decision is written in.
    pub fn table(&self) -> &'static str {
        match self {
            Action::Merge { .. } => "merge",
            Action::Rename { .. } => "rename",
            Action::Retype { .. } => "retype",
            Action::RejectStatement { .. }
            | Action::RejectRule { .. }
            | Action::RejectEntity { .. } => "reject",
            Action::AddStatement { .. } | Action::AddEntity { .. } => "add",
            Action::Role { .. } => "role",
        }
    }

    /// A one-line account of the decision (`merge project/b into project/a`).
    pub fn describe(&self) -> String {
        match self {
            Action::Merge { keep, others } => format!("merge {} into {keep}", others.join(", ")),
            Action::Rename {
                id,
                label_zh,
                label_en,
                aliases,
            } => {
                let mut parts = Vec::new();
                if let Some(l) = label_zh {
                    parts.push(format!("zh \"{l}\""));
                }
                if let Some(l) = label_en {
                    parts.push(format!("en \"{l}\""));
                }
                if !aliases.is_empty() {
                    parts.push(format!("aliases {}", aliases.join("|")));
                }
                format!("rename {id}: {}", parts.join(", "))
            }
            Action::Retype { id, to } => format!("retype {id} as {to}"),
            Action::RejectStatement {
                subject,
                relation,
                object,
                document,
                offset,
            } => {
                let mut s = format!("reject {subject} {relation} {object}");
                if let Some(d) = document {
                    s.push_str(&format!(" in {d}"));
                }
                if let Some(o) = offset {
                    s.push_str(&format!(" at {o}"));
                }
                s
            }
            Action::RejectRule { rule, document } => {
                format!("reject rule {rule} in {document}")
            }
            Action::RejectEntity { id } => format!("reject entity {id}"),
            Action::AddStatement {
                subject,
                relation,
                object,
                document,
                ..
            } => format!("add {subject} {relation} {object} in {document}"),
            Action::AddEntity { id, .. } => format!("add entity {id}"),
            Action::Role {
                person,
                role,
                of,
                from,
                to,
                ..
            } => format!(
                "role {person}: {role} of {of}, {}–{}",
                from.as_deref().unwrap_or("?"),
                to.as_deref().unwrap_or("")
            ),
        }
    }
}

/// One decision of the file: what it does, why, by whom and when.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decision {
    /// What it does.
    pub action: Action,
    /// The reason (required).
    pub why: String,
    /// Who decided.
    pub by: Option<String>,
    /// When, as written (`2026-12-07`).
    pub date: Option<String>,
    /// Its place among the tables of its kind, from 1.
    pub number: usize,
    /// A digest of everything it says: its IRI's last segment.
    key: String,
}

impl Decision {
    /// The decision's IRI: `…/id/curation/<table>-<digest of its content>`, the same for the same
    /// decision wherever it stands in the file.
    pub fn iri(&self) -> String {
        format!("{ID_NS}curation/{}", self.key)
    }

    /// Where the file has it, for messages: `[[merge]] number 2`.
    pub fn place(&self) -> String {
        format!("[[{}]] number {}", self.action.table(), self.number)
    }

    fn record(&self) -> DecisionRecord {
        DecisionRecord {
            iri: self.iri(),
            action: self.action.table().to_string(),
            why: self.why.clone(),
            by: self.by.clone(),
            date: self.date.clone(),
        }
    }
}

/// A decision that matched nothing in the store's documents, and what it looked for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stale {
    /// Where the file has it (`[[merge]] number 2`).
    pub place: String,
    /// What it does.
    pub description: String,
    /// Why it matches nothing.
    pub reason: String,
}

impl std::fmt::Display for Stale {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} ({}) matches nothing: {}",
            self.place, self.description, self.reason
        )
    }
}

/// Id → the id it becomes and the decisions that move it there, the first one first.
type Redirects = BTreeMap<String, (String, Vec<usize>)>;

/// The decisions of a curation file, checked and ready to apply.
#[derive(Debug, Clone, Default)]
pub struct Curation {
    decisions: Vec<Decision>,
    /// The file they come from, when one.
    path: Option<PathBuf>,
    /// Id → the id it becomes (merges and retypes, chains followed), with the decisions that
    /// move it, the first one first.
    redirects: Redirects,
    /// The text of the file, as read.
    text: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FileForm {
    #[serde(default)]
    merge: Vec<MergeForm>,
    #[serde(default)]
    rename: Vec<RenameForm>,
    #[serde(default)]
    retype: Vec<RetypeForm>,
    #[serde(default)]
    reject: Vec<RejectForm>,
    #[serde(default)]
    add: Vec<AddForm>,
    #[serde(default)]
    role: Vec<RoleForm>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RoleForm {
    person: String,
    role: String,
    of: String,
    from: Option<String>,
    to: Option<String>,
    label_zh: Option<String>,
    label_en: Option<String>,
    why: Option<String>,
    by: Option<String>,
    date: Option<toml::Value>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct MergeForm {
    keep: String,
    ids: Vec<String>,
    why: Option<String>,
    by: Option<String>,
    date: Option<toml::Value>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RenameForm {
    id: String,
    label_zh: Option<String>,
    label_en: Option<String>,
    #[serde(default)]
    aliases: Vec<String>,
    why: Option<String>,
    by: Option<String>,
    date: Option<toml::Value>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RetypeForm {
    id: String,
    #[serde(rename = "type")]
    to: String,
    why: Option<String>,
    by: Option<String>,
    date: Option<toml::Value>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RejectForm {
    entity: Option<String>,
    subject: Option<String>,
    relation: Option<String>,
    object: Option<String>,
    document: Option<String>,
    offset: Option<usize>,
    rule: Option<String>,
    why: Option<String>,
    by: Option<String>,
    date: Option<toml::Value>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct AddForm {
    entity: Option<String>,
    label_zh: Option<String>,
    label_en: Option<String>,
    #[serde(default)]
    aliases: Vec<String>,
    subject: Option<String>,
    relation: Option<String>,
    object: Option<String>,
    document: Option<String>,
    quote: Option<String>,
    fact_date: Option<String>,
    why: Option<String>,
    by: Option<String>,
    date: Option<toml::Value>,
}

/// The entity type an id's prefix names (`project/x` → Project).
pub fn type_of_id(id: &str) -> Option<EntityType> {
    let (slug, rest) = id.split_once('/')?;
    if rest.trim().is_empty() {
        return None;
    }
    EntityType::ALL.into_iter().find(|t| t.slug() == slug)
}

/// The folder a corpus path stands for: the folder itself, or a manifest's folder.
pub fn corpus_folder(corpus: &Path) -> PathBuf {
    if corpus.is_file() {
        corpus
            .parent()
            .map_or_else(|| PathBuf::from("."), Path::to_path_buf)
    } else {
        corpus.to_path_buf()
    }
}

/// The curation file beside a corpus (`curation.toml` in its folder, or in its manifest's).
pub fn beside(corpus: &Path) -> PathBuf {
    corpus_folder(corpus).join(FILE_NAME)
}

/// Checks the text of a date the file gives a decision (`2026-12-07`, or a TOML date).
fn date_text(value: Option<toml::Value>) -> Result<Option<String>, String> {
    match value {
        None => Ok(None),
        Some(toml::Value::String(s)) => Ok(Some(s)),
        Some(toml::Value::Datetime(d)) => Ok(Some(d.to_string())),
        Some(other) => Err(format!("`date` is a {}, not a date", other.type_str())),
    }
}

impl Curation {
    /// No decisions.
    pub fn empty() -> Curation {
        Curation::default()
    }

    /// Reads and checks a curation file.
    pub fn load(path: &Path) -> Result<Curation, CurationError> {
        let text = std::fs::read_to_string(path).map_err(|source| CurationError::Read {
            path: path.to_path_buf(),
            source,
        })?;
        Curation::parse(&text, path)
    }

    /// Checks the text of a curation file (`path` names it in messages).
    pub fn parse(text: &str, path: &Path) -> Result<Curation, CurationError> {
        let form: FileForm = toml::from_str(text).map_err(|e| CurationError::Parse {
            path: path.to_path_buf(),
            message: e.to_string().trim_end().to_string(),
        })?;
        let mut decisions = Vec::new();
        let invalid =
            |table: &'static str, number: usize, message: String| CurationError::Invalid {
                path: path.to_path_buf(),
                table,
                number,
                message,
            };
        let entity_id = |table: &'static str, n: usize, key: &str, id: &str| {
            type_of_id(id).map(|_| id.to_string()).ok_or_else(|| {
                invalid(
                    table,
                    n,
                    format!(
                        "`{key}` = \"{id}\" is no entity id: write TYPE/NAME with TYPE one of {}",
                        EntityType::ALL.map(|t| t.slug()).join(", ")
                    ),
                )
            })
        };
        let relation = |table: &'static str, n: usize, r: &str| {
            r.parse::<RelationKind>()
                .map_err(|e| invalid(table, n, format!("`relation`: {e}")))
        };
        let document = |table: &'static str, n: usize, d: &str| {
            if crate::model::is_valid_id(d) {
                Ok(d.to_string())
            } else {
                Err(invalid(
                    table,
                    n,
                    format!(
                        "`document` = \"{d}\" is no document id ({})",
                        crate::model::ID_RULE
                    ),
                ))
            }
        };
        let mut push = |table: &'static str,
                        n: usize,
                        action: Action,
                        why: Option<String>,
                        by: Option<String>,
                        date: Option<toml::Value>|
         -> Result<(), CurationError> {
            let why = why
                .map(|w| w.trim().to_string())
                .filter(|w| !w.is_empty())
                .ok_or_else(|| invalid(table, n, "`why` is required: say why".to_string()))?;
            let date = date_text(date).map_err(|m| invalid(table, n, m))?;
            let mut d = Decision {
                action,
                why,
                by,
                date,
                number: n,
                key: String::new(),
            };
            d.key = key_of(&d);
            decisions.push(d);
            Ok(())
        };
        for (i, f) in form.merge.into_iter().enumerate() {
            let n = i + 1;
            let keep = entity_id("merge", n, "keep", &f.keep)?;
            if f.ids.is_empty() {
                return Err(invalid("merge", n, "`ids` names no entity to merge".into()));
            }
            let mut others = Vec::new();
            for id in &f.ids {
                let id = entity_id("merge", n, "ids", id)?;
                if id == keep {
                    return Err(invalid("merge", n, format!("`{id}` is merged into itself")));
                }
                others.push(id);
            }
            others.sort();
            others.dedup();
            push(
                "merge",
                n,
                Action::Merge { keep, others },
                f.why,
                f.by,
                f.date,
            )?;
        }
        for (i, f) in form.rename.into_iter().enumerate() {
            let n = i + 1;
            let id = entity_id("rename", n, "id", &f.id)?;
            if f.label_zh.is_none() && f.label_en.is_none() && f.aliases.is_empty() {
                return Err(invalid(
                    "rename",
                    n,
                    "give `label_zh`, `label_en` or `aliases`".into(),
                ));
            }
            let action = Action::Rename {
                id,
                label_zh: f.label_zh,
                label_en: f.label_en,
                aliases: f.aliases,
            };
            push("rename", n, action, f.why, f.by, f.date)?;
        }
        for (i, f) in form.retype.into_iter().enumerate() {
            let n = i + 1;
            let id = entity_id("retype", n, "id", &f.id)?;
            let to: EntityType =
                f.to.parse()
                    .map_err(|e| invalid("retype", n, format!("`type`: {e}")))?;
            if type_of_id(&id) == Some(to) {
                return Err(invalid("retype", n, format!("`{id}` is already a {to}")));
            }
            push("retype", n, Action::Retype { id, to }, f.why, f.by, f.date)?;
        }
        for (i, f) in form.reject.into_iter().enumerate() {
            let n = i + 1;
            let action = match (&f.entity, &f.subject, &f.rule) {
                (Some(e), None, None) if f.relation.is_none() && f.object.is_none() => {
                    Action::RejectEntity {
                        id: entity_id("reject", n, "entity", e)?,
                    }
                }
                (None, Some(s), None) => {
                    let (Some(r), Some(o)) = (&f.relation, &f.object) else {
                        return Err(invalid(
                            "reject",
                            n,
                            "a statement needs `subject`, `relation` and `object`".into(),
                        ));
                    };
                    Action::RejectStatement {
                        subject: entity_id("reject", n, "subject", s)?,
                        relation: relation("reject", n, r)?,
                        object: entity_id("reject", n, "object", o)?,
                        document: f
                            .document
                            .as_deref()
                            .map(|d| document("reject", n, d))
                            .transpose()?,
                        offset: f.offset,
                    }
                }
                (None, None, Some(rule)) => {
                    let Some(d) = &f.document else {
                        return Err(invalid(
                            "reject",
                            n,
                            "rejecting a rule's statements needs the `document`".into(),
                        ));
                    };
                    Action::RejectRule {
                        rule: rule.clone(),
                        document: document("reject", n, d)?,
                    }
                }
                _ => {
                    return Err(invalid(
                        "reject",
                        n,
                        "reject one thing: an `entity`, a statement (`subject`, `relation`, \
                         `object`) or a `rule` in a `document`"
                            .into(),
                    ));
                }
            };
            push("reject", n, action, f.why, f.by, f.date)?;
        }
        for (i, f) in form.add.into_iter().enumerate() {
            let n = i + 1;
            let action = match (&f.entity, &f.subject) {
                (Some(e), None) => {
                    if f.label_zh.is_none() && f.label_en.is_none() && f.aliases.is_empty() {
                        return Err(invalid(
                            "add",
                            n,
                            "an entity needs its names: `label_zh`, `label_en` or `aliases`".into(),
                        ));
                    }
                    Action::AddEntity {
                        id: entity_id("add", n, "entity", e)?,
                        label_zh: f.label_zh,
                        label_en: f.label_en,
                        aliases: f.aliases,
                    }
                }
                (None, Some(s)) => {
                    let (Some(r), Some(o), Some(d), Some(q)) =
                        (&f.relation, &f.object, &f.document, &f.quote)
                    else {
                        return Err(invalid(
                            "add",
                            n,
                            "a statement needs `subject`, `relation`, `object`, `document` \
                             and the `quote` that states it"
                                .into(),
                        ));
                    };
                    if q.trim().is_empty() {
                        return Err(invalid("add", n, "`quote` is empty".into()));
                    }
                    let fact_date = match &f.fact_date {
                        None => None,
                        Some(t) => Some(FactDate::parse(t).ok_or_else(|| {
                            invalid(
                                "add",
                                n,
                                format!("`fact_date` = \"{t}\": write YYYY, YYYY-MM or YYYY-MM-DD"),
                            )
                        })?),
                    };
                    Action::AddStatement {
                        subject: entity_id("add", n, "subject", s)?,
                        relation: relation("add", n, r)?,
                        object: entity_id("add", n, "object", o)?,
                        document: document("add", n, d)?,
                        quote: q.clone(),
                        fact_date,
                    }
                }
                _ => {
                    return Err(invalid(
                        "add",
                        n,
                        "add one thing: an `entity` with its names, or a statement (`subject`, \
                         `relation`, `object`, `document`, `quote`)"
                            .into(),
                    ));
                }
            };
            push("add", n, action, f.why, f.by, f.date)?;
        }
        for (i, f) in form.role.into_iter().enumerate() {
            let n = i + 1;
            let person = entity_id("role", n, "person", &f.person)?;
            if type_of_id(&person) != Some(EntityType::Person) {
                return Err(invalid(
                    "role",
                    n,
                    format!("`person` = \"{person}\" is no person id"),
                ));
            }
            let of = entity_id("role", n, "of", &f.of)?;
            if f.role.trim().is_empty() {
                return Err(invalid("role", n, "`role` (the title) is empty".into()));
            }
            for (key, value) in [("from", &f.from), ("to", &f.to)] {
                if let Some(v) = value
                    && FactDate::parse(v).is_none()
                {
                    return Err(invalid(
                        "role",
                        n,
                        format!("`{key}` = \"{v}\": write YYYY, YYYY-MM or YYYY-MM-DD"),
                    ));
                }
            }
            let action = Action::Role {
                person,
                role: f.role.trim().to_string(),
                of,
                from: f.from,
                to: f.to,
                label_zh: f.label_zh,
                label_en: f.label_en,
            };
            push("role", n, action, f.why, f.by, f.date)?;
        }
        let redirects = redirects(&decisions).map_err(|(d, message)| {
            let d = &decisions[d];
            invalid(d.action.table(), d.number, message)
        })?;
        Ok(Curation {
            decisions,
            path: Some(path.to_path_buf()),
            redirects,
            text: text.to_string(),
        })
    }

    /// The decisions, merges first, then renames, retypes, rejections and additions, each
    /// kind in file order.
    pub fn decisions(&self) -> &[Decision] {
        &self.decisions
    }

    /// The offices the decisions add to the gazetteer, for extraction.
    pub fn added_roles(&self) -> Vec<crate::extract::gazetteer::AddedRole> {
        let origin = self
            .path
            .as_deref()
            .map_or_else(|| FILE_NAME.to_string(), |p| p.display().to_string());
        self.decisions
            .iter()
            .filter_map(|d| match &d.action {
                Action::Role {
                    person,
                    role,
                    of,
                    from,
                    to,
                    label_zh,
                    label_en,
                } => Some(crate::extract::gazetteer::AddedRole {
                    person: person.clone(),
                    zh: label_zh.clone(),
                    en: label_en.clone(),
                    role: crate::extract::gazetteer::Role {
                        role: role.clone(),
                        of: of.clone(),
                        from: from.clone().unwrap_or_default(),
                        to: to.clone().unwrap_or_default(),
                    },
                    origin: format!("{origin}: {}", d.place()),
                }),
                _ => None,
            })
            .collect()
    }

    /// A digest of the offices the decisions add: extraction itself depends on them, so a
    /// change to one makes every document extracted again. Empty when there is none.
    pub fn roles_fingerprint(&self) -> String {
        let keys: Vec<&str> = self
            .decisions
            .iter()
            .filter(|d| matches!(d.action, Action::Role { .. }))
            .map(|d| d.key.as_str())
            .collect();
        if keys.is_empty() {
            return String::new();
        }
        let mut h = Sha256::new();
        for k in keys {
            h.update(k.as_bytes());
            h.update([0]);
        }
        h.finalize()[..6]
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect()
    }

    /// Whether there is no decision.
    pub fn is_empty(&self) -> bool {
        self.decisions.is_empty()
    }

    /// The file the decisions come from, if any.
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// The file's text as read (empty without a file).
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The id an entity ends up with after the merges and retypes (itself when none moves it).
    pub fn resolve<'a>(&'a self, id: &'a str) -> &'a str {
        self.redirects.get(id).map_or(id, |(to, _)| to.as_str())
    }

    /// The decisions that concern a document, by index: those that name it, and those about
    /// the entities its rules found (`found`, before curation) or whose names its text holds.
    /// Only these are applied to it, so only a change to one of them makes it extracted again.
    pub fn concerns(&self, document: &str, found: &BTreeSet<String>, text: &str) -> Vec<usize> {
        if self.decisions.is_empty() {
            return Vec::new();
        }
        let present: BTreeSet<&str> = found
            .iter()
            .flat_map(|id| [id.as_str(), self.resolve(id)])
            .collect();
        let has = |id: &str| present.contains(id) || present.contains(self.resolve(id));
        let mut out = Vec::new();
        for (i, d) in self.decisions.iter().enumerate() {
            let yes = match &d.action {
                Action::Merge { .. } | Action::Retype { .. } => found.iter().any(|f| {
                    self.redirects
                        .get(f)
                        .is_some_and(|(_, chain)| chain.contains(&i))
                }),
                Action::Rename { id, .. } | Action::RejectEntity { id } => has(id),
                Action::Role { person, .. } => has(person),
                Action::RejectStatement {
                    subject,
                    object,
                    document: doc,
                    ..
                } => doc.as_deref().is_none_or(|d| d == document) && has(subject) && has(object),
                Action::RejectRule { document: doc, .. }
                | Action::AddStatement { document: doc, .. } => doc == document,
                Action::AddEntity {
                    id,
                    label_zh,
                    label_en,
                    aliases,
                } => {
                    has(id)
                        || [label_zh, label_en]
                            .into_iter()
                            .flatten()
                            .chain(aliases)
                            .any(|n| !n.is_empty() && text.contains(n.as_str()))
                }
            };
            if yes {
                out.push(i);
            }
        }
        out
    }

    /// The document hash a store records for a document whose extraction hash is `base` and
    /// whose concerning decisions are `concerning`: `base` itself when none concerns it.
    pub fn hash_with(&self, base: &str, concerning: &[usize]) -> String {
        if concerning.is_empty() {
            return base.to_string();
        }
        let mut h = Sha256::new();
        for i in concerning {
            h.update(self.decisions[*i].key.as_bytes());
            h.update([0]);
        }
        let hex: String = h.finalize()[..6]
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        format!("{base}-c{hex}")
    }

    /// Applies the decisions `concerning` (from [`Curation::concerns`]) to one document's
    /// extraction, in a fixed order: merges and retypes, renames, rejections, additions. What
    /// each changed is recorded in the extraction's [`CurationTrace`]; a decision that changed
    /// nothing is not recorded (and is stale if no document records it). `known` gives the
    /// gazetteer's entity of an id, for an entity a decision brings into a document that does
    /// not name it.
    pub fn apply(
        &self,
        x: &mut Extraction,
        doc: &DocumentText<'_>,
        concerning: &[usize],
        known: &dyn Fn(&str) -> Option<Entity>,
    ) {
        if concerning.is_empty() {
            return;
        }
        let mut applied: BTreeSet<usize> = BTreeSet::new();
        let mut trace = std::mem::take(&mut x.curation);
        let mut entities: BTreeMap<String, Entity> = std::mem::take(&mut x.entities)
            .into_iter()
            .map(|e| (e.id.clone(), e))
            .collect();
        let ours = |kind: fn(&Action) -> bool| {
            concerning
                .iter()
                .copied()
                .filter(move |i| kind(&self.decisions[*i].action))
        };
        let mark = |trace: &mut CurationTrace, id: &str, what: &str, decision: usize| {
            trace
                .entities
                .entry(id.to_string())
                .or_default()
                .insert(Curated {
                    what: what.to_string(),
                    decision: self.decisions[decision].iri(),
                });
        };

        // Merges and retypes: every id that moves, moved at once (chains already followed).
        let mut moved: BTreeMap<String, (String, usize)> = BTreeMap::new();
        for id in entities.keys() {
            if let Some((to, chain)) = self.redirects.get(id)
                && chain.iter().all(|d| concerning.contains(d))
            {
                moved.insert(id.clone(), (to.clone(), chain[0]));
                applied.extend(chain.iter().copied());
            }
        }
        // Retyped entities first: they keep their labels, which merged names only add to.
        let mut order: Vec<(&String, &(String, usize))> = moved.iter().collect();
        order.sort_by_key(|(from, (_, d))| {
            (
                !matches!(self.decisions[*d].action, Action::Retype { .. }),
                *from,
            )
        });
        for (from, (to, d)) in order {
            let Some(old) = entities.remove(from) else {
                continue;
            };
            let retype = matches!(self.decisions[*d].action, Action::Retype { .. });
            let target = entities.entry(to.clone()).or_insert_with(|| {
                known(to).unwrap_or_else(|| Entity {
                    id: to.clone(),
                    kind: type_of_id(to).unwrap_or(old.kind),
                    label_zh: None,
                    label_en: None,
                    aliases: BTreeSet::new(),
                })
            });
            if retype {
                if target.label_zh.is_none() {
                    target.label_zh.clone_from(&old.label_zh);
                }
                if target.label_en.is_none() {
                    target.label_en.clone_from(&old.label_en);
                }
            }
            target.kind = type_of_id(to).unwrap_or(target.kind);
            let names = [&old.label_zh, &old.label_en]
                .into_iter()
                .flatten()
                .chain(&old.aliases)
                .cloned()
                .collect::<Vec<_>>();
            target.aliases.extend(names);
            for label in [&target.label_zh, &target.label_en].into_iter().flatten() {
                target.aliases.remove(label);
            }
            let what = if retype { "retyped" } else { "merged" };
            mark(&mut trace, to, what, *d);
            trace.same_as.push((from.clone(), to.clone()));
            applied.insert(*d);
        }
        if !moved.is_empty() {
            let to = |id: &mut String| -> Option<usize> {
                let (new, d) = moved.get(id.as_str())?;
                *id = new.clone();
                Some(*d)
            };
            for r in &mut x.relations {
                let a = to(&mut r.subject);
                let b = to(&mut r.object);
                if let Some(d) = a.or(b)
                    && r.curated.is_none()
                {
                    let what = match self.decisions[d].action {
                        Action::Retype { .. } => "retyped",
                        _ => "merged",
                    };
                    r.curated = Some(Curated {
                        what: what.to_string(),
                        decision: self.decisions[d].iri(),
                    });
                }
            }
            // A statement between two names now one entity says nothing.
            x.relations.retain(|r| r.subject != r.object);
            for s in &mut x.sentences {
                for id in &mut s.entities {
                    to(id);
                }
                s.entities.sort();
                s.entities.dedup();
            }
            x.sentences.retain(|s| s.entities.len() > 1);
            for m in &mut x.mentions {
                to(&mut m.entity);
            }
        }

        // Renames.
        for i in ours(|a| matches!(a, Action::Rename { .. })) {
            let Action::Rename {
                id,
                label_zh,
                label_en,
                aliases,
            } = &self.decisions[i].action
            else {
                continue;
            };
            let Some(e) = entities.get_mut(self.resolve(id)) else {
                continue;
            };
            for (slot, new) in [(&mut e.label_zh, label_zh), (&mut e.label_en, label_en)] {
                if let Some(new) = new {
                    if let Some(old) = slot.replace(new.clone())
                        && &old != new
                    {
                        e.aliases.insert(old);
                    }
                    e.aliases.remove(new);
                }
            }
            e.aliases.extend(aliases.iter().cloned());
            let id = e.id.clone();
            mark(&mut trace, &id, "renamed", i);
            applied.insert(i);
        }

        // Offices (the gazetteer learnt them before extraction): recorded where the person is.
        for i in ours(|a| matches!(a, Action::Role { .. })) {
            let Action::Role { person, .. } = &self.decisions[i].action else {
                continue;
            };
            let person = self.resolve(person).to_string();
            if entities.contains_key(&person) {
                mark(&mut trace, &person, "role", i);
                applied.insert(i);
            }
        }

        // Rejections.
        for i in ours(|a| matches!(a, Action::RejectEntity { .. })) {
            let Action::RejectEntity { id } = &self.decisions[i].action else {
                continue;
            };
            let id = self.resolve(id).to_string();
            let Some(e) = entities.remove(&id) else {
                continue;
            };
            let iri = self.decisions[i].iri();
            let (gone, kept): (Vec<Relation>, Vec<Relation>) = std::mem::take(&mut x.relations)
                .into_iter()
                .partition(|r| r.subject == id || r.object == id);
            x.relations = kept;
            trace
                .rejected
                .extend(gone.into_iter().map(|r| (r, iri.clone())));
            trace.entities.remove(&id);
            trace.rejected_entities.push((e, iri));
            for s in &mut x.sentences {
                s.entities.retain(|e| *e != id);
            }
            x.sentences.retain(|s| s.entities.len() > 1);
            x.mentions.retain(|m| m.entity != id);
            applied.insert(i);
        }
        for i in ours(|a| {
            matches!(
                a,
                Action::RejectStatement { .. } | Action::RejectRule { .. }
            )
        }) {
            let decision = &self.decisions[i];
            let hit = |r: &Relation| match &decision.action {
                Action::RejectStatement {
                    subject,
                    relation,
                    object,
                    document,
                    offset,
                } => {
                    let (s, o) = (self.resolve(subject), self.resolve(object));
                    r.kind == *relation
                        && (r.subject == s && r.object == o
                            || relation.is_symmetric() && r.subject == o && r.object == s)
                        && document
                            .as_deref()
                            .is_none_or(|d| *r.evidence.document == *d)
                        && offset.is_none_or(|at| r.evidence.start == at)
                }
                Action::RejectRule { rule, document } => {
                    *r.evidence.document == **document
                        && match rule.strip_suffix('*') {
                            Some(prefix) => r.evidence.rule.starts_with(prefix),
                            None => *r.evidence.rule == **rule,
                        }
                }
                _ => false,
            };
            let (gone, kept): (Vec<Relation>, Vec<Relation>) =
                std::mem::take(&mut x.relations).into_iter().partition(hit);
            x.relations = kept;
            if !gone.is_empty() {
                let iri = decision.iri();
                trace
                    .rejected
                    .extend(gone.into_iter().map(|r| (r, iri.clone())));
                applied.insert(i);
            }
        }

        // Additions.
        let text = doc.normalized.text();
        for i in ours(|a| matches!(a, Action::AddEntity { .. })) {
            let Action::AddEntity {
                id,
                label_zh,
                label_en,
                aliases,
            } = &self.decisions[i].action
            else {
                continue;
            };
            let id = self.resolve(id).to_string();
            let names: Vec<&String> = [label_zh, label_en]
                .into_iter()
                .flatten()
                .chain(aliases)
                .filter(|n| !n.is_empty())
                .collect();
            let mut found = Vec::new();
            for n in &names {
                for (at, _) in text.match_indices(n.as_str()) {
                    found.push(TextMention {
                        start: at,
                        end: at + n.len(),
                        entity: id.clone(),
                    });
                }
            }
            if found.is_empty() && !entities.contains_key(&id) {
                continue;
            }
            let e = entities.entry(id.clone()).or_insert_with(|| Entity {
                id: id.clone(),
                kind: type_of_id(&id).unwrap_or(EntityType::Organization),
                label_zh: None,
                label_en: None,
                aliases: BTreeSet::new(),
            });
            if label_zh.is_some() {
                e.label_zh.clone_from(label_zh);
            }
            if label_en.is_some() {
                e.label_en.clone_from(label_en);
            }
            e.aliases.extend(aliases.iter().cloned());
            for label in [&e.label_zh, &e.label_en].into_iter().flatten() {
                e.aliases.remove(label);
            }
            x.mentions.extend(found);
            mark(&mut trace, &id, "added", i);
            applied.insert(i);
        }
        for i in ours(|a| matches!(a, Action::AddStatement { .. })) {
            let decision = &self.decisions[i];
            let Action::AddStatement {
                subject,
                relation,
                object,
                quote,
                fact_date,
                ..
            } = &decision.action
            else {
                continue;
            };
            let Some(evidence) = quoted(doc, quote) else {
                continue;
            };
            let (s, o) = (self.resolve(subject), self.resolve(object));
            for id in [s, o] {
                entities.entry(id.to_string()).or_insert_with(|| {
                    known(id).unwrap_or_else(|| Entity {
                        id: id.to_string(),
                        kind: type_of_id(id).unwrap_or(EntityType::Organization),
                        label_zh: None,
                        label_en: None,
                        aliases: BTreeSet::new(),
                    })
                });
            }
            x.relations.push(Relation {
                subject: s.to_string(),
                kind: *relation,
                object: o.to_string(),
                date: fact_date.or(doc.meta.date),
                role: None,
                evidence,
                confidence: Some(Confidence::new(1.0)),
                curated: Some(Curated {
                    what: "added".to_string(),
                    decision: decision.iri(),
                }),
            });
            applied.insert(i);
        }

        x.entities = entities.into_values().collect();
        x.relations.sort();
        x.relations.dedup();
        x.mentions.sort();
        x.mentions.dedup();
        trace.decisions = applied
            .iter()
            .map(|i| self.decisions[*i].record())
            .collect();
        trace.decisions.sort();
        trace.same_as.sort();
        trace.same_as.dedup();
        trace.rejected.sort();
        trace.rejected_entities.sort_by(|a, b| a.0.id.cmp(&b.0.id));
        x.curation = trace;
    }

    /// The decisions no document's graph records as applied (`applied` holds the decision IRIs
    /// the graphs record), each with what it looked for.
    pub fn stale(&self, applied: &BTreeSet<String>) -> Vec<Stale> {
        self.decisions
            .iter()
            .filter(|d| !applied.contains(&d.iri()))
            .map(|d| Stale {
                place: d.place(),
                description: d.action.describe(),
                reason: match &d.action {
                    Action::Merge { others, .. } => {
                        format!("no document names {}", others.join(" or "))
                    }
                    Action::Retype { id, .. }
                    | Action::Rename { id, .. }
                    | Action::RejectEntity { id } => format!("no document names {id}"),
                    Action::RejectStatement { document, .. } => match document {
                        Some(doc) => format!("document {doc} does not state it"),
                        None => "no document states it".to_string(),
                    },
                    Action::RejectRule { rule, document } => {
                        format!("document {document} has no statement of rule {rule}")
                    }
                    Action::AddStatement { document, .. } => format!(
                        "document {document} is not in the store or does not hold the quote"
                    ),
                    Action::AddEntity { .. } => "no document holds any of its names".to_string(),
                    Action::Role { person, .. } => format!("no document names {person}"),
                },
            })
            .collect()
    }
}

/// The evidence of an added statement: where `quote` stands in the document, found in its
/// normalized text (as the exports quote sentences) or else in its original text.
fn quoted(doc: &DocumentText<'_>, quote: &str) -> Option<Evidence> {
    let quote = quote.trim();
    let text = doc.normalized.text();
    let original = match text.find(quote) {
        Some(at) => doc.normalized.original_range(at..at + quote.len()),
        None => {
            let at = doc.original.find(quote)?;
            at..at + quote.len()
        }
    };
    let start = doc.char_base + doc.original[..original.start].chars().count();
    let as_written = &doc.original[original];
    Some(Evidence {
        document: doc.meta.id.as_str().into(),
        sentence: Arc::from(quote),
        quote: Arc::from(as_written),
        start,
        end: start + as_written.chars().count(),
        rule: ADDED_RULE.into(),
    })
}

/// The digest that names a decision: its table and every field it gives.
fn key_of(d: &Decision) -> String {
    let mut h = Sha256::new();
    h.update(format!("{:?}", d.action).as_bytes());
    for part in [Some(&d.why), d.by.as_ref(), d.date.as_ref()] {
        h.update([0]);
        h.update(part.map_or("", |s| s.as_str()).as_bytes());
    }
    let hex: String = h.finalize()[..6]
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    format!("{}-{hex}", d.action.table())
}

/// The id each merged or retyped id becomes, following chains (a merged into b, b retyped
/// as c: a becomes c). An id moved by two decisions, or a cycle, is an error naming the
/// decision.
fn redirects(decisions: &[Decision]) -> Result<Redirects, (usize, String)> {
    let mut direct: BTreeMap<String, (String, usize)> = BTreeMap::new();
    for (i, d) in decisions.iter().enumerate() {
        let moves: Vec<(String, String)> = match &d.action {
            Action::Merge { keep, others } => {
                others.iter().map(|o| (o.clone(), keep.clone())).collect()
            }
            Action::Retype { id, to } => {
                let (_, name) = id.split_once('/').unwrap_or(("", id));
                vec![(id.clone(), format!("{}/{name}", to.slug()))]
            }
            _ => Vec::new(),
        };
        for (from, to) in moves {
            if let Some((other, j)) = direct.get(&from)
                && (other != &to || *j != i)
            {
                return Err((
                    i,
                    format!(
                        "`{from}` is already moved to `{other}` by {}",
                        decisions[*j].place()
                    ),
                ));
            }
            direct.insert(from, (to, i));
        }
    }
    let mut out = BTreeMap::new();
    for (from, (to, d)) in &direct {
        let mut at = to.clone();
        let mut chain = vec![*d];
        let mut seen = BTreeSet::from([from.clone()]);
        while let Some((next, j)) = direct.get(&at) {
            if !seen.insert(at.clone()) {
                return Err((*d, format!("`{from}` is merged in a circle")));
            }
            chain.push(*j);
            at = next.clone();
        }
        if at == *from {
            return Err((*d, format!("`{from}` is merged in a circle")));
        }
        out.insert(from.clone(), (at, chain));
    }
    Ok(out)
}

#[cfg(test)]
mod tests;
