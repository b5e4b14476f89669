//! The `corridor` binary: parses the command line and runs the library's commands.
//!
//! Exit codes: 0 success; 1 failure; 2 bad command line; 3 the command finished but some
//! documents could not be read (each named on standard error); 4 the store is in use by another
//! corridor process that writes it (nothing was done).

mod cli;
mod curate;
mod report;

use std::io::Write;
use std::process::ExitCode;

use anyhow::Context;
use clap::Parser;
use corridor::pipeline::curate::CurationSource;
use corridor::pipeline::remote::StoreLocation;
use corridor::pipeline::{self, BuildOptions, ExportOptions, Knowledge};

use cli::{Cli, Command};

/// mimalloc rather than the system allocator: extraction and RDF parsing allocate many small
/// strings from both cores at once, which glibc's allocator serves markedly slower. A forked
/// child past its memory aborts at once (`corridor::child::AbortInChild`).
#[global_allocator]
static ALLOCATOR: corridor::child::AbortInChild<mimalloc::MiMalloc> =
    corridor::child::AbortInChild(mimalloc::MiMalloc);

/// Exit code when some documents failed but the rest were processed.
const EXIT_SOME_DOCUMENTS_FAILED: u8 = 3;

/// Exit code when another process holds the store for writing.
const EXIT_STORE_LOCKED: u8 = 4;

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => code,
        Err(e) => {
            if e.chain().any(|c| {
                c.downcast_ref::<std::io::Error>()
                    .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
            }) {
                return ExitCode::SUCCESS;
            }
            eprintln!("error: {e:#}");
            use corridor::store::StoreError;
            let locked = e.chain().any(|c| {
                matches!(c.downcast_ref(), Some(StoreError::Locked { .. }))
                    || matches!(
                        c.downcast_ref(),
                        Some(pipeline::PipelineError::Store(StoreError::Locked { .. }))
                    )
            });
            if locked {
                ExitCode::from(EXIT_STORE_LOCKED)
            } else {
                ExitCode::FAILURE
            }
        }
    }
}

fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    let mut knowledge = Knowledge {
        ontology_dir: cli.global.ontology.clone(),
        use_gazetteer: !cli.global.no_gazetteer,
        curation: Default::default(),
    };
    let curation_source =
        |fallback: CurationSource| match (&cli.global.curation, cli.global.no_curation) {
            (_, true) => CurationSource::Off,
            (Some(file), _) => CurationSource::File(file.clone()),
            (None, false) => fallback,
        };
    let location = cli
        .global
        .location(matches!(cli.command, Command::Serve { .. }))?;
    let server = &cli.global.store;
    match cli.command {
        Command::Build {
            corpus,
            out,
            no_progress,
            cooccurrence,
            min_confidence,
            shard,
            follow_links,
            ocr,
            formats,
            compress,
        } => {
            if shard.is_some() && matches!(location, StoreLocation::Remote(_)) {
                anyhow::bail!(
                    "build --shard needs a store folder: build the shards into folders, merge \
                     them with `corridor merge --store URL`"
                );
            }
            let store = folder(&location, server, !no_progress)?;
            knowledge.curation = curation_source(CurationSource::BesideCorpus(corpus.clone()))
                .load()
                .context("reading the curation file")?;
            let opts = BuildOptions {
                corpus: corpus.clone(),
                store,
                out,
                knowledge,
                progress: !no_progress,
                exports: ExportOptions {
                    cooccurrence,
                    min_confidence,
                    formats,
                    compress,
                },
                shard,
                follow_links,
                ocr,
            };
            let built = pipeline::build(&opts)
                .with_context(|| format!("building from {}", corpus.display()))?;
            report::build(&built);
            let unsent = publish(&location, server, true, !no_progress)?;
            Ok(exit_for(built.ingest.failures.len() + unsent))
        }
        Command::Merge {
            shards,
            out,
            cooccurrence,
            min_confidence,
            formats,
            compress,
        } => {
            let store = folder(&location, server, false)?;
            let opts = pipeline::MergeOptions {
                shards,
                store,
                out,
                ontology_dir: knowledge.ontology_dir.clone(),
                exports: ExportOptions {
                    cooccurrence,
                    min_confidence,
                    formats,
                    compress,
                },
            };
            let merged =
                pipeline::merge(&opts).with_context(|| format!("merging shards into {server}"))?;
            report::build(&merged);
            let unsent = publish(&location, server, false, false)?;
            Ok(exit_for(unsent))
        }
        Command::Push {
            to,
            prune,
            no_progress,
        } => {
            let store = local(&location, "push")?;
            let remote = cli.global.server.remote(&to)?;
            let pushed = pipeline::remote::push(&store, &remote, prune, !no_progress)
                .with_context(|| format!("pushing {} to {to}", store.display()))?;
            report::push(&pushed, &to);
            Ok(exit_for(pushed.failures.len()))
        }
        Command::Pull {
            from,
            prune,
            no_progress,
        } => {
            let store = local(&location, "pull")?;
            let remote = cli.global.server.remote(&from)?;
            let pulled = pipeline::remote::pull(&remote, &store, prune, !no_progress)
                .with_context(|| format!("pulling from {from} into {}", store.display()))?;
            println!(
                "documents: {} pulled, {} unchanged, {} removed",
                pulled.pulled, pulled.unchanged, pulled.removed
            );
            Ok(ExitCode::SUCCESS)
        }
        Command::Ingest {
            paths,
            follow_links,
            ocr,
        } => {
            let store = folder(&location, server, true)?;
            knowledge.curation = curation_source(CurationSource::Store(store.clone()))
                .load()
                .context("reading the curation file")?;
            let read = pipeline::ReadOptions { follow_links, ocr };
            let ingested = pipeline::ingest_paths(&paths, &store, &knowledge, true, read)
                .context("ingesting")?;
            report::ingest(&ingested);
            let unsent = publish(&location, server, false, true)?;
            Ok(exit_for(ingested.failures.len() + unsent))
        }
        Command::Query {
            sparql,
            file,
            format,
        } => {
            let text = match (sparql, file) {
                (Some(q), _) => q,
                (None, Some(f)) => std::fs::read_to_string(&f)
                    .with_context(|| format!("reading query file {}", f.display()))?,
                (None, None) => anyhow::bail!("give a query or --file"),
            };
            let stdout = std::io::stdout();
            let mut out = stdout.lock();
            pipeline::run_query_at(&location, &text, format, &mut out)
                .context("running the query")?;
            out.flush().context("writing the results")?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Export {
            format,
            out,
            cooccurrence,
            min_confidence,
            compress,
        } => {
            let store = folder(&location, server, false)?;
            let written = pipeline::export(
                &store,
                format,
                &out,
                knowledge.ontology_dir.as_deref(),
                ExportOptions {
                    cooccurrence,
                    min_confidence,
                    compress,
                    ..Default::default()
                },
            )
            .with_context(|| format!("exporting to {}", out.display()))?;
            for p in written {
                println!("wrote {}", p.display());
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Curate {
            action,
            corpus,
            out,
            no_build,
        } => {
            let file = cli
                .global
                .curation
                .clone()
                .unwrap_or_else(|| corridor::curation::beside(&corpus));
            curate::run(curate::Curate {
                action,
                file,
                corpus,
                out,
                no_build,
                knowledge,
                location: &location,
                server,
            })
        }
        Command::Review { format, limit } => {
            let store = folder(&location, server, false)?;
            let mut items = pipeline::curate::review(&store).context("reading the store")?;
            if limit > 0 {
                items.truncate(limit);
            }
            report::review(&items, format)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Stats => {
            let store = folder(&location, server, false)?;
            let stats = pipeline::stats(&store).context("reading the store")?;
            report::stats(&stats);
            Ok(ExitCode::SUCCESS)
        }
        Command::Validate { file, shapes } => {
            let what = file
                .as_ref()
                .map_or_else(|| server.clone(), |f| f.display().to_string());
            let store = match file {
                Some(_) => std::path::PathBuf::new(),
                None => folder(&location, server, false)?,
            };
            let violations = pipeline::validate(
                &store,
                file.as_deref(),
                shapes.as_deref(),
                knowledge.ontology_dir.as_deref(),
            )
            .with_context(|| format!("validating {what}"))?;
            report::validation(&what, &violations);
            Ok(if violations.is_empty() {
                ExitCode::SUCCESS
            } else {
                ExitCode::FAILURE
            })
        }
        Command::BenchCorpus {
            mb,
            out,
            from,
            doc_kb,
            seed,
        } => {
            let made = corridor::generate::bench_corpus(&from, &out, mb, doc_kb, seed)
                .with_context(|| format!("writing a corpus to {}", out.display()))?;
            println!(
                "wrote {} documents, {:.1} MB, to {}",
                made.documents,
                made.bytes as f64 / 1e6,
                out.display()
            );
            Ok(ExitCode::SUCCESS)
        }
        Command::Serve {
            bind,
            query_timeout,
            max_rows,
            max_body,
            max_concurrent,
            query_memory,
            writable,
            corpus,
            token_file,
            refresh,
        } => {
            let mut opts = corridor::server::ServeOptions::new(server.into());
            opts.bind = bind;
            opts.query_timeout = std::time::Duration::from_secs_f64(query_timeout.max(0.001));
            opts.max_rows = max_rows;
            opts.max_body = max_body;
            if let Some(n) = max_concurrent {
                opts.max_concurrent = n;
            }
            opts.query_memory = query_memory.max(1) << 20;
            opts.writable = writable;
            opts.token = corridor::server::read_token(token_file.as_deref())
                .context("reading the update token")?;
            match &location {
                StoreLocation::Local(_) => {
                    if writable && !cli.global.no_curation {
                        opts.curation = Some(corridor::server::CurationTarget {
                            file: cli
                                .global
                                .curation
                                .clone()
                                .unwrap_or_else(|| corridor::curation::beside(&corpus)),
                            corpus: corpus.clone(),
                            update: pipeline::curate::server_update(
                                corpus,
                                server.into(),
                                knowledge,
                            ),
                        });
                    }
                    corridor::server::serve(opts).with_context(|| format!("serving {server}"))?
                }
                StoreLocation::Remote(remote) => {
                    let every = std::time::Duration::from_secs_f64(refresh.max(0.1));
                    pipeline::remote::serve(remote, opts, every)
                        .with_context(|| format!("serving {server}"))?
                }
            }
            Ok(ExitCode::SUCCESS)
        }
    }
}

/// The folder the command works on: the store folder, or the mirror of a server brought up to
/// date with it.
pub(crate) fn folder(
    location: &StoreLocation,
    server: &str,
    progress: bool,
) -> anyhow::Result<std::path::PathBuf> {
    location
        .folder(progress)
        .with_context(|| format!("reading {server}"))
}

/// Sends what the command changed to the server, if the store is one (with `prune`, removing
/// the documents the mirror no longer holds), prints what went, and gives the number of
/// documents that did not go in.
pub(crate) fn publish(
    location: &StoreLocation,
    server: &str,
    prune: bool,
    progress: bool,
) -> anyhow::Result<usize> {
    let sent = location
        .publish(prune, progress)
        .with_context(|| format!("sending the documents to {server}"))?;
    Ok(report::sent(&sent, server))
}

/// The store folder `command` needs (it copies between a folder and a server).
fn local(location: &StoreLocation, command: &str) -> anyhow::Result<std::path::PathBuf> {
    match location {
        StoreLocation::Local(dir) => Ok(dir.clone()),
        StoreLocation::Remote(_) => anyhow::bail!(
            "{command} copies between a store folder and a server: give --store a folder"
        ),
    }
}

pub(crate) fn exit_for(failures: usize) -> ExitCode {
    if failures == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(EXIT_SOME_DOCUMENTS_FAILED)
    }
}
