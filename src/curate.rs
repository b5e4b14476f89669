//! `corridor curate`: turns the subcommand's arguments into a decision, has the library write
//! it and rebuild, and prints what happened.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use corridor::curation::{Action, Curation};
use corridor::pipeline::curate::{self as lib, CurationSource};
use corridor::pipeline::remote::StoreLocation;
use corridor::pipeline::{self, BuildOptions, ExportOptions, Knowledge};

use crate::cli::{CurateAction, DecisionArgs, ListFormat, NameArgs};

/// What `curate` was asked, with what it works on.
pub struct Curate<'a> {
    /// The subcommand.
    pub action: CurateAction,
    /// The curation file.
    pub file: PathBuf,
    /// The corpus rebuilt.
    pub corpus: PathBuf,
    /// Where the exports go.
    pub out: PathBuf,
    /// Write the decision only.
    pub no_build: bool,
    /// Extraction knowledge (its curation is read here).
    pub knowledge: Knowledge,
    /// The store.
    pub location: &'a StoreLocation,
    /// The store as given on the command line.
    pub server: &'a str,
}

/// Runs the subcommand.
pub fn run(c: Curate<'_>) -> anyhow::Result<ExitCode> {
    let Curate {
        action,
        file,
        corpus,
        out,
        no_build,
        mut knowledge,
        location,
        server,
    } = c;
    let read = || -> anyhow::Result<std::sync::Arc<Curation>> {
        CurationSource::File(file.clone())
            .load()
            .with_context(|| format!("reading {}", file.display()))
    };
    let (decision, meta) = match action {
        CurateAction::List { format } => {
            let curation = if file.is_file() {
                read()?
            } else {
                Default::default()
            };
            list(&curation, format)?;
            return Ok(ExitCode::SUCCESS);
        }
        CurateAction::Check { no_progress } => {
            knowledge.curation = read()?;
            let store = crate::folder(location, server, !no_progress)?;
            let (report, stale) = lib::check(&corpus, &store, &knowledge, !no_progress)
                .with_context(|| format!("checking {}", file.display()))?;
            crate::report::ingest(&report);
            for s in &stale {
                eprintln!("stale: {}: {s}", file.display());
            }
            println!(
                "decisions: {}, stale: {}",
                knowledge.curation.decisions().len(),
                stale.len()
            );
            return Ok(if stale.is_empty() {
                ExitCode::SUCCESS
            } else {
                ExitCode::FAILURE
            });
        }
        CurateAction::Merge {
            keep,
            others,
            decision,
        } => (Action::Merge { keep, others }, decision),
        CurateAction::Rename {
            id,
            names: NameArgs { zh, en, aliases },
            decision,
        } => (
            Action::Rename {
                id,
                label_zh: zh,
                label_en: en,
                aliases,
            },
            decision,
        ),
        CurateAction::Retype { id, to, decision } => {
            let to = to.parse().map_err(anyhow::Error::msg)?;
            (Action::Retype { id, to }, decision)
        }
        CurateAction::Reject {
            target,
            statement,
            rule,
            document,
            offset,
            decision,
        } => {
            let offset = offset
                .map(|o| usize::try_from(o).context("--offset is a character offset, 0 or more"))
                .transpose()?;
            let action = match (target, statement, rule) {
                (Some(t), None, None) if is_edge_id(&t) => {
                    let store = crate::folder(location, server, false)?;
                    let (subject, relation, object) = lib::edge_statement(&store, &t)
                        .with_context(|| format!("finding edge {t}"))?;
                    Action::RejectStatement {
                        subject,
                        relation,
                        object,
                        document,
                        offset,
                    }
                }
                (Some(id), None, None) => Action::RejectEntity { id },
                (None, Some(s), None) => Action::RejectStatement {
                    subject: s[0].clone(),
                    relation: s[1].parse().map_err(anyhow::Error::msg)?,
                    object: s[2].clone(),
                    document,
                    offset,
                },
                (None, None, Some(rule)) => Action::RejectRule {
                    rule,
                    document: document.unwrap_or_default(),
                },
                _ => anyhow::bail!(
                    "reject an entity or edge id, a --statement S REL O, or a --rule with its --document"
                ),
            };
            (action, decision)
        }
        CurateAction::Role {
            person,
            role,
            of,
            from,
            to,
            zh,
            en,
            decision,
        } => (
            Action::Role {
                person,
                role,
                of,
                from,
                to,
                label_zh: zh,
                label_en: en,
            },
            decision,
        ),
        CurateAction::Add {
            statement,
            document,
            quote,
            fact_date,
            entity,
            names: NameArgs { zh, en, aliases },
            decision,
        } => {
            let action = match (statement, entity) {
                (Some(s), None) => Action::AddStatement {
                    subject: s[0].clone(),
                    relation: s[1].parse().map_err(anyhow::Error::msg)?,
                    object: s[2].clone(),
                    document: document.unwrap_or_default(),
                    quote: quote.unwrap_or_default(),
                    fact_date: fact_date
                        .map(|d| {
                            corridor::model::FactDate::parse(&d).with_context(|| {
                                format!("--fact-date {d}: write YYYY, YYYY-MM or YYYY-MM-DD")
                            })
                        })
                        .transpose()?,
                },
                (None, Some(id)) => Action::AddEntity {
                    id,
                    label_zh: zh,
                    label_en: en,
                    aliases,
                },
                _ => anyhow::bail!("add a --statement S REL O or an --entity ID"),
            };
            (action, decision)
        }
    };
    let DecisionArgs { why, by, date } = meta;
    let by = by.or_else(|| std::env::var("USER").ok().filter(|u| !u.is_empty()));
    let date = date.unwrap_or_else(corridor::curation::edit::today);
    let curation = lib::decide(&file, &decision, &why, by.as_deref(), Some(&date))
        .with_context(|| format!("writing the decision into {}", file.display()))?;
    println!("{}: {}", file.display(), decision.describe());
    if no_build {
        return Ok(ExitCode::SUCCESS);
    }
    knowledge.curation = curation;
    let store = crate::folder(location, server, true)?;
    let opts = BuildOptions {
        corpus: corpus.clone(),
        store,
        out,
        knowledge,
        progress: true,
        exports: ExportOptions::default(),
        shard: None,
        follow_links: false,
        ocr: false,
    };
    let built =
        pipeline::build(&opts).with_context(|| format!("building from {}", corpus.display()))?;
    crate::report::build(&built);
    let unsent = crate::publish(location, server, true, true)?;
    Ok(crate::exit_for(built.ingest.failures.len() + unsent))
}

/// Whether a reject target is an edge of the exports (`e12`) rather than an entity id.
fn is_edge_id(t: &str) -> bool {
    t.strip_prefix('e')
        .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
}

/// Prints the decisions.
fn list(curation: &Curation, format: ListFormat) -> anyhow::Result<()> {
    match format {
        ListFormat::Text => {
            for d in curation.decisions() {
                let mut who = String::new();
                if let Some(b) = &d.by {
                    who.push_str(&format!(" by {b}"));
                }
                if let Some(t) = &d.date {
                    who.push_str(&format!(" on {t}"));
                }
                println!("{}: {} ({}){who}", d.place(), d.action.describe(), d.why);
            }
        }
        ListFormat::Json => {
            let items: Vec<serde_json::Value> = curation
                .decisions()
                .iter()
                .map(|d| {
                    serde_json::json!({
                        "table": d.action.table(),
                        "number": d.number,
                        "iri": d.iri(),
                        "decision": d.action.describe(),
                        "why": d.why,
                        "by": d.by,
                        "date": d.date,
                    })
                })
                .collect();
            println!("{}", serde_json::to_string_pretty(&items)?);
        }
    }
    Ok(())
}
