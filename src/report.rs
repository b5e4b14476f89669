//! What the binary prints after each command: summaries on standard output, failures on
//! standard error.

use std::collections::BTreeMap;
use std::fmt::Display;

use corridor::pipeline::{BuildReport, IngestReport, Stats};

fn counts<K: Display>(title: &str, counts: &BTreeMap<K, usize>) {
    let total: usize = counts.values().sum();
    println!("{title}: {total}");
    for (k, n) in counts {
        println!("  {k:<14} {n}");
    }
}

/// Prints the ingest part of a report and each failure.
pub fn ingest(r: &IngestReport) {
    for f in &r.failures {
        eprintln!("failed: {}", f.reason);
    }
    for s in &r.stale {
        eprintln!("warning: curation: {s}");
    }
    println!(
        "documents: {} ingested, {} unchanged, {} removed, {} failed ({:.2} s)",
        r.ingested,
        r.unchanged,
        r.removed,
        r.failures.len(),
        r.elapsed.as_secs_f64()
    );
}

/// Prints what a push did: each document that did not go in, then the counts.
pub fn push(r: &corridor::pipeline::remote::PushReport, server: &str) {
    for f in &r.failures {
        eprintln!("not pushed: {}: {}", f.file, f.reason);
    }
    println!(
        "documents: {} pushed, {} unchanged, {} removed, {} failed ({server})",
        r.pushed,
        r.unchanged,
        r.removed,
        r.failures.len()
    );
    if !r.failures.is_empty() {
        eprintln!(
            "{} documents did not go in; the others did. Run the command again to complete it.",
            r.failures.len()
        );
    }
}

/// Prints what sending a command's changes to a server did, if the store is a server, and
/// gives the number of documents that did not go in.
pub fn sent(r: &Option<corridor::pipeline::remote::PushReport>, server: &str) -> usize {
    match r {
        Some(r) => {
            push(r, server);
            r.failures.len()
        }
        None => 0,
    }
}

/// Prints a build summary.
pub fn build(r: &BuildReport) {
    ingest(&r.ingest);
    println!("documents in store: {}", r.documents);
    match r.shard {
        // A shard's exports are its N-Quads alone: the merged graph waits for `merge`.
        Some(shard) => println!("shard {shard}: merge the shards' stores with `corridor merge`"),
        None => {
            counts("entities", &r.entities);
            counts("relations", &r.relations);
        }
    }
    for p in &r.exports {
        println!("wrote {}", p.display());
    }
    for p in &r.removed {
        println!(
            "removed {} (an earlier build's, not written by this one)",
            p.display()
        );
    }
}

/// Prints store statistics.
pub fn stats(s: &Stats) {
    println!("documents: {}", s.documents.len());
    for (id, title) in &s.documents {
        println!("  {id}  {title}");
    }
    counts("entities", &s.entities);
    counts("relations", &s.relations);
    println!("statements (evidence records): {}", s.statements);
    println!("quads: {}", s.quads);
}

/// Prints a validation report: one line per violation, then the verdict.
pub fn validation(what: &str, violations: &[corridor::validate::Violation]) {
    for v in violations {
        let path = v
            .path
            .as_deref()
            .map(|p| format!(" {p}"))
            .unwrap_or_default();
        println!("{} {}{}: {}", v.shape, v.focus, path, v.message);
    }
    if violations.is_empty() {
        println!("{what} conforms to the shapes");
    } else {
        println!("{what}: {} violation(s)", violations.len());
    }
}

/// Prints the review queue in `format`.
pub fn review(
    items: &[corridor::review::Item],
    format: crate::cli::ReviewFormat,
) -> anyhow::Result<()> {
    use crate::cli::ReviewFormat;
    use std::io::Write;
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    match format {
        ReviewFormat::Text => {
            for (n, i) in items.iter().enumerate() {
                let other = i
                    .other
                    .as_deref()
                    .map(|o| format!(" ~ {o}"))
                    .unwrap_or_default();
                writeln!(
                    out,
                    "{:>3}. {:.6} {:<16} {}{other}: {}\n     {}",
                    n + 1,
                    i.score,
                    i.kind.as_str(),
                    i.subject,
                    i.reason,
                    i.suggestion
                )?;
            }
        }
        ReviewFormat::Csv => {
            let mut w = csv::WriterBuilder::new()
                .terminator(csv::Terminator::Any(b'\n'))
                .from_writer(out);
            w.write_record([
                "rank",
                "score",
                "kind",
                "subject",
                "other",
                "reason",
                "suggestion",
            ])?;
            for (n, i) in items.iter().enumerate() {
                w.write_record([
                    (n + 1).to_string().as_str(),
                    &format!("{:.6}", i.score),
                    i.kind.as_str(),
                    &i.subject,
                    i.other.as_deref().unwrap_or(""),
                    &i.reason,
                    &i.suggestion,
                ])?;
            }
            w.flush()?;
            return Ok(());
        }
        ReviewFormat::Json => {
            serde_json::to_writer_pretty(&mut out, items)?;
            writeln!(out)?;
        }
    }
    out.flush()?;
    Ok(())
}
