//! The default corpus: a fresh build reproduces the committed `exports/` byte for byte, and every
//! example query of `queries/` answers its question on it.

use std::fs;
use std::path::Path;
use std::sync::OnceLock;

use assert_cmd::Command;
use tempfile::TempDir;

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

/// One build of the default corpus shared by the tests of this file.
fn built() -> &'static TempDir {
    static DIR: OnceLock<TempDir> = OnceLock::new();
    DIR.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        Command::cargo_bin("corridor")
            .unwrap()
            .current_dir(ROOT)
            .arg("--store")
            .arg(dir.path().join("store"))
            .args(["build", "--no-progress", "--formats", "all", "--out"])
            .arg(dir.path().join("exports"))
            .assert()
            .success();
        dir
    })
}

fn query(file: &str) -> String {
    let out = Command::cargo_bin("corridor")
        .unwrap()
        .current_dir(ROOT)
        .arg("--store")
        .arg(built().path().join("store"))
        .args(["query", "--format", "tsv", "--file"])
        .arg(Path::new(ROOT).join("queries").join(file))
        .assert()
        .success();
    String::from_utf8(out.get_output().stdout.clone()).unwrap()
}

#[test]
fn a_fresh_build_reproduces_the_committed_exports() {
    for f in [
        "nodes.csv",
        "edges.csv",
        "corridor.graphml",
        "corridor.gexf",
        "corridor.ttl",
        "corridor.nt",
        "corridor.nq",
        "corridor.trig",
        "corridor.rdf",
        "corridor.jsonld",
        "entities.jsonl",
        "relations.jsonl",
        "neo4j/nodes_Person.csv",
        "neo4j/rels_met.csv",
        "overview.svg",
        #[cfg(feature = "parquet")]
        "parquet/nodes.parquet",
        #[cfg(feature = "parquet")]
        "parquet/edges.parquet",
        #[cfg(feature = "parquet")]
        "parquet/evidence.parquet",
        #[cfg(feature = "parquet")]
        "parquet/documents.parquet",
    ] {
        let fresh = fs::read(built().path().join("exports").join(f)).unwrap();
        let committed = fs::read(Path::new(ROOT).join("exports").join(f))
            .unwrap_or_else(|e| panic!("exports/{f}: {e}; run `cargo run --release -- build`"));
        assert!(
            fresh == committed,
            "exports/{f} differs from a fresh build: run `cargo run --release -- build`"
        );
    }
}

#[test]
fn cpec_projects_include_the_five_corridors_and_their_members() {
    let out = query("cpec-projects.rq");
    assert!(out.contains("五大走廊"), "{out}");
    assert!(
        out.contains("增长走廊") && out.contains("绿色走廊"),
        "{out}"
    );
}

#[test]
fn xi_jinping_met_shehbaz_sharif_in_september_2025() {
    let out = query("xi-jinping-met.rq");
    let row = out
        .lines()
        .find(|l| l.contains("夏巴兹·谢里夫"))
        .unwrap_or_else(|| panic!("{out}"));
    assert!(row.contains("2025-09"), "{row}");
}

#[test]
fn xi_jinping_proposed_the_global_governance_initiative() {
    let out = query("xi-jinping-proposed.rq");
    assert!(out.contains("全球治理倡议"), "{out}");
}

#[test]
fn cuba_supports_the_global_development_initiative() {
    let out = query("gdi-supporters.rq");
    assert!(out.contains("Cuba"), "{out}");
}

#[test]
fn the_action_plan_was_issued_in_2025() {
    let out = query("documents-issued-2025.rq");
    assert!(out.contains("中巴命运共同体行动计划"), "{out}");
    assert!(out.contains("country/pakistan"), "{out}");
}

#[test]
fn ml1_relations_come_with_their_sentence_and_document() {
    let out = query("ml1-evidence.rq");
    let rows: Vec<&str> = out.lines().skip(1).collect();
    assert!(!rows.is_empty(), "{out}");
    assert!(
        rows.iter()
            .all(|r| r.contains("1号铁路干线") && r.contains("cn-pk-action-plan-2025-2029")),
        "{out}"
    );
}

#[test]
fn china_and_pakistan_are_the_pair_most_often_named_together() {
    let out = query("cooccurrence.rq");
    let first = out.lines().nth(1).unwrap_or_else(|| panic!("{out}"));
    assert!(
        first.contains("country/china") && first.contains("country/pakistan"),
        "{out}"
    );
    assert!(out.lines().count() > 10, "{out}");
}
