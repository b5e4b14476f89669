//! Command-line tests of building past one pass: a rebuild after one document changed, and a
//! build split into shards and merged, each compared byte for byte with a fresh single build.
//! The corpus is a small one from `corridor bench-corpus`.

use std::fs;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use predicates::prelude::*;
use tempfile::TempDir;

mod common;
use common::read_dir_bytes;

struct Work {
    dir: TempDir,
}

impl Work {
    /// A temporary folder with a generated corpus of about 20 documents in `corpus/`.
    fn new() -> Work {
        let w = Work {
            dir: tempfile::tempdir().unwrap(),
        };
        w.corridor("unused")
            .args([
                "bench-corpus",
                "--mb",
                "0.2",
                "--doc-kb",
                "10",
                "--out",
                "corpus",
            ])
            .arg("--from")
            .arg(concat!(env!("CARGO_MANIFEST_DIR"), "/data"))
            .assert()
            .success();
        w
    }

    fn path(&self, p: &str) -> PathBuf {
        self.dir.path().join(p)
    }

    fn corridor(&self, store: &str) -> Command {
        let mut cmd = Command::cargo_bin("corridor").unwrap();
        cmd.current_dir(self.dir.path())
            .arg("--store")
            .arg(self.path(store));
        cmd
    }

    fn build(&self, store: &str, out: &str, extra: &[&str]) -> assert_cmd::assert::Assert {
        self.corridor(store)
            .args([
                "build",
                "--no-progress",
                "--formats",
                "all",
                "--corpus",
                "corpus",
                "--out",
                out,
            ])
            .args(extra)
            .assert()
    }
}

fn assert_same_read_dir_bytes(a: &Path, b: &Path) {
    let (fa, fb) = (read_dir_bytes(a), read_dir_bytes(b));
    let names = |f: &[(String, Vec<u8>)]| f.iter().map(|x| x.0.clone()).collect::<Vec<_>>();
    assert_eq!(names(&fa), names(&fb));
    assert!(
        fa.len() > 10,
        "{} holds only {} files",
        a.display(),
        fa.len()
    );
    for ((name, x), (_, y)) in fa.iter().zip(&fb) {
        assert!(
            x == y,
            "{name} differs between {} and {}",
            a.display(),
            b.display()
        );
    }
}

fn lines(path: &Path) -> Vec<String> {
    let mut l: Vec<String> = fs::read_to_string(path)
        .unwrap()
        .lines()
        .map(str::to_string)
        .collect();
    l.sort();
    l
}

#[test]
fn shards_built_apart_and_merged_give_the_single_build_byte_for_byte() {
    let w = Work::new();
    w.build("single", "single-out", &[]).success();
    let mut shard_lines = Vec::new();
    for i in 1..=3 {
        let shard = format!("{i}/3");
        w.build(
            &format!("shard{i}"),
            &format!("shard{i}-out"),
            &["--shard", &shard],
        )
        .success()
        .stdout(predicate::str::contains(format!("shard {shard}")));
        // A shard writes the N-Quads of its documents alone, for a bulk loader.
        let written = read_dir_bytes(&w.path(&format!("shard{i}-out")));
        assert_eq!(written.len(), 1, "shard {shard} wrote {written:?}");
        let nq = lines(&w.path(&format!("shard{i}-out/corridor.nq")));
        assert!(!nq.is_empty(), "shard {shard} has no documents");
        shard_lines.extend(nq);
    }
    shard_lines.sort();
    assert_eq!(shard_lines, lines(&w.path("single-out/corridor.nq")));
    w.corridor("merged")
        .args([
            "merge",
            "shard1",
            "shard2",
            "shard3",
            "--formats",
            "all",
            "--out",
            "merged-out",
        ])
        .assert()
        .success()
        .stdout(predicate::str::contains("entities:"));
    assert_same_read_dir_bytes(&w.path("single-out"), &w.path("merged-out"));
    // The merged store holds what the single build's does: its index, saved texts and quads
    // (compared through an export, as a RocksDB store's own files differ run to run).
    assert_eq!(
        fs::read(w.path("single/index.tsv")).unwrap(),
        fs::read(w.path("merged/index.tsv")).unwrap()
    );
    assert_same_read_dir_bytes(&w.path("single/texts"), &w.path("merged/texts"));
    for store in ["single", "merged"] {
        w.corridor(store)
            .args(["export", "--format", "nquads", "--out"])
            .arg(format!("{store}.nq"))
            .assert()
            .success();
    }
    assert_eq!(
        fs::read(w.path("single.nq")).unwrap(),
        fs::read(w.path("merged.nq")).unwrap()
    );
    // And a build on it finds nothing to do.
    w.build("merged", "again-out", &[])
        .success()
        .stdout(predicate::str::contains("0 ingested"));
}

#[test]
fn merging_shards_that_share_a_document_is_refused_and_merges_nothing() {
    let w = Work::new();
    w.build("shard1", "out1", &["--shard", "1/2"]).success();
    w.corridor("merged")
        .args(["merge", "shard1", "shard1", "--out", "merged-out"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("is in two shards"));
    assert!(!w.path("merged/index.tsv").exists());
}

#[test]
fn a_shard_that_is_not_i_of_n_is_refused() {
    let w = Work::new();
    for bad in ["0/2", "3/2", "two", "1/0"] {
        w.build("s", "out", &["--shard", bad])
            .failure()
            .stderr(predicate::str::contains("is not a shard"));
    }
}

#[test]
fn a_rebuild_after_one_document_changed_gives_what_a_fresh_build_gives() {
    let w = Work::new();
    w.build("store", "first", &[]).success();
    let doc = w.path("corpus/doc-000002.txt");
    let mut text = fs::read_to_string(&doc).unwrap();
    text.push_str("\n2025年10月1日，国家主席习近平会见巴基斯坦总理夏巴兹·谢里夫。\n");
    fs::write(&doc, text).unwrap();
    w.build("store", "again", &[])
        .success()
        .stdout(predicate::str::contains("documents: 1 ingested"));
    w.build("fresh-store", "fresh", &[]).success();
    assert_same_read_dir_bytes(&w.path("again"), &w.path("fresh"));
    assert_ne!(
        fs::read(w.path("first/edges.csv")).unwrap(),
        fs::read(w.path("again/edges.csv")).unwrap()
    );
}
