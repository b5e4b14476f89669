//! One suite of store behaviour, run against every kind of store corridor keeps its graph in:
//! the embedded store (a folder), `corridor serve --writable` reached as a SPARQL 1.1 server
//! (`--store http://…`), and another SPARQL 1.1 server named by `CORRIDOR_TEST_SPARQL` (`.ci/run`
//! starts Virtuoso for it; that run is `--ignored` without one).
//!
//! The suite: an empty build empties the store; a build gives the exports and example-query
//! answers a build into a fresh embedded store gives; a second build changes nothing; a changed
//! document is replaced and only it; a document dropped from the corpus is removed; a document
//! that cannot be read is named and the others stay; a bad query is an error with its position;
//! and an export read back from the store alone (for a server, through a fresh copy) equals
//! what the build wrote.

use std::path::{Path, PathBuf};
use std::process::{Command as Process, Stdio};

use assert_cmd::Command;
use assert_cmd::cargo::cargo_bin;

mod common;

const FIXTURE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/small-corpus");
const TOKEN: &str = "behaviour-test-token";

/// Where the store under test is, and how to reach it.
struct Target {
    /// `--store` and the options that go with it (not `--mirror`).
    args: Vec<String>,
    /// Whether the store is a server (worked on through a mirror folder).
    remote: bool,
    /// Environment variables the commands run with.
    envs: Vec<(String, String)>,
    /// The scratch folder: corpus, exports, mirrors and the reference store.
    work: PathBuf,
    /// The `corridor serve` process, when the target is one.
    server: Option<std::process::Child>,
}

impl Drop for Target {
    fn drop(&mut self) {
        if let Some(child) = &mut self.server {
            let _ = child.kill();
            let _ = child.wait();
        }
    }
}

impl Target {
    /// A corridor command on the target, with `mirror` as the copy of a server's graphs.
    fn corridor_with_mirror(&self, mirror: &Path) -> Command {
        let mut c = Command::cargo_bin("corridor").unwrap();
        c.args(&self.args)
            .env("XDG_CACHE_HOME", self.work.join("cache"))
            .env_remove(corridor::remote::TOKEN_VAR)
            .env_remove(corridor::remote::USER_VAR)
            .env_remove(corridor::remote::PASSWORD_VAR);
        if self.remote {
            c.arg("--mirror").arg(mirror);
        }
        for (k, v) in &self.envs {
            c.env(k, v);
        }
        c
    }

    /// A corridor command on the target.
    fn corridor(&self) -> Command {
        self.corridor_with_mirror(&self.work.join("mirror"))
    }

    /// Standard output of a command that must succeed.
    fn run(&self, args: &[&str]) -> String {
        let out = self.corridor().args(args).output().unwrap();
        assert!(
            out.status.success(),
            "corridor {args:?}: {}\n{}",
            out.status,
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    }

    /// Standard output of a `build` of `corpus` into `out`, which must succeed.
    fn build(&self, corpus: &Path, out: &str) -> String {
        self.run(&[
            "build",
            "--no-progress",
            "--corpus",
            &corpus.display().to_string(),
            "--out",
            &self.work.join(out).display().to_string(),
        ])
    }

    /// The answer of a one-value SELECT.
    fn value(&self, sparql: &str) -> String {
        let csv = self.run(&["query", "--format", "csv", sparql]);
        csv.lines().nth(1).unwrap_or("").trim().to_string()
    }
}

/// A corridor command on an embedded store.
fn embedded(store: &Path) -> Command {
    let mut c = Command::cargo_bin("corridor").unwrap();
    c.arg("--store").arg(store);
    c
}

/// Query answers as CSV lines, the header first and the rows sorted (a server may order rows
/// tied on the ORDER BY keys differently).
fn rows(csv: &str) -> Vec<String> {
    let mut lines: Vec<String> = csv.lines().map(str::to_string).collect();
    if lines.len() > 1 {
        lines[1..].sort();
    }
    lines
}

/// The example queries of `queries/`.
fn example_queries() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("queries");
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "rq"))
        .collect();
    files.sort();
    assert!(files.len() >= 7, "{files:?}");
    files
}

/// The number of triples of a document's named graph.
fn graph_size(t: &Target, id: &str) -> usize {
    t.value(&format!(
        "SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <https://w3id.org/corridor/id/source/{id}> \
         {{ ?s ?p ?o }} }}"
    ))
    .parse()
    .unwrap()
}

/// The suite.
fn behaves(t: &Target) {
    let work = &t.work;
    let corpus = work.join("corpus");
    std::fs::create_dir_all(&corpus).unwrap();
    for f in ["corpus.toml", "visit-2024.txt", "forum-2023.txt"] {
        std::fs::copy(Path::new(FIXTURE).join(f), corpus.join(f)).unwrap();
    }
    let corpus_arg = corpus.display().to_string();

    // The reference: the same corpus built into a fresh embedded store.
    let reference = work.join("reference");
    embedded(&reference)
        .args(["build", "--no-progress", "--corpus", &corpus_arg, "--out"])
        .arg(work.join("reference-exports"))
        .assert()
        .success();

    // An empty corpus empties the store (a server may hold documents of an earlier run).
    let empty = work.join("empty");
    std::fs::create_dir_all(&empty).unwrap();
    let built = t.build(&empty, "exports-empty");
    assert!(built.contains("documents in store: 0"), "{built}");
    assert!(t.run(&["stats"]).contains("documents: 0"));

    // A build: the exports and the example queries' answers are those of the reference.
    let built = t.build(&corpus, "exports");
    assert!(built.contains("documents: 2 ingested"), "{built}");
    if t.remote {
        assert!(
            built.contains("documents: 2 pushed, 0 unchanged"),
            "{built}"
        );
    }
    for name in ["nodes.csv", "edges.csv", "corridor.nq", "corridor.gexf"] {
        assert_eq!(
            std::fs::read(work.join("exports").join(name)).unwrap(),
            std::fs::read(work.join("reference-exports").join(name)).unwrap(),
            "{name}"
        );
    }
    for q in example_queries() {
        let file = q.display().to_string();
        let got = t.run(&["query", "--format", "csv", "--file", &file]);
        let want = embedded(&reference)
            .args(["query", "--format", "csv", "--file", &file])
            .output()
            .unwrap();
        assert!(want.status.success());
        assert_eq!(
            rows(&got),
            rows(&String::from_utf8(want.stdout).unwrap()),
            "{file}"
        );
    }
    assert!(t.run(&["stats"]).contains("documents: 2"));

    // A second build finds every document as it is.
    let built = t.build(&corpus, "exports");
    assert!(built.contains("0 ingested, 2 unchanged"), "{built}");
    if t.remote {
        assert!(built.contains("0 pushed, 2 unchanged"), "{built}");
    }

    // A changed document is replaced, and only it.
    let visit_before = graph_size(t, "visit-2024");
    let forum_before = graph_size(t, "forum-2023");
    assert!(visit_before > 0 && forum_before > 0);
    let file = corpus.join("visit-2024.txt");
    let mut text = std::fs::read_to_string(&file).unwrap();
    text.push_str(
        "\n双方签署了《中巴海洋合作谅解备忘录》，习近平主席会见了巴基斯坦总统扎尔达里。\n",
    );
    std::fs::write(&file, text).unwrap();
    let ingested = t.run(&["ingest", &corpus_arg]);
    assert!(ingested.contains("1 ingested, 1 unchanged"), "{ingested}");
    if t.remote {
        assert!(ingested.contains("1 pushed, 1 unchanged"), "{ingested}");
    }
    assert!(graph_size(t, "visit-2024") > visit_before);
    assert_eq!(graph_size(t, "forum-2023"), forum_before);

    // A document the corpus no longer has is removed by a build.
    let manifest = std::fs::read_to_string(corpus.join("corpus.toml")).unwrap();
    let cut = manifest.find("[[document]]\nid = \"forum-2023\"").unwrap();
    std::fs::write(corpus.join("corpus.toml"), &manifest[..cut]).unwrap();
    let built = t.build(&corpus, "exports-after");
    assert!(built.contains("1 removed"), "{built}");
    if t.remote {
        assert!(
            built.contains("0 pushed, 1 unchanged, 1 removed"),
            "{built}"
        );
    }
    assert_eq!(graph_size(t, "forum-2023"), 0);
    assert!(t.run(&["stats"]).contains("documents: 1"));

    // A document that cannot be read is named; the store keeps what it had.
    let missing = work.join("missing-report.txt");
    let failed = t.corridor().arg("ingest").arg(&missing).output().unwrap();
    assert_eq!(failed.status.code(), Some(3));
    assert!(String::from_utf8_lossy(&failed.stderr).contains("missing-report.txt"));
    assert!(t.run(&["stats"]).contains("documents: 1"));
    assert!(graph_size(t, "visit-2024") > visit_before);

    // A query that is not SPARQL is an error with its position.
    let bad = t
        .corridor()
        .args(["query", "SELECT * WHERE {\n  ?s ?p\n}"])
        .output()
        .unwrap();
    assert_eq!(bad.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("error at 3:2"));

    // The store alone gives back what the last build wrote (a server through a fresh copy).
    let again = t
        .corridor_with_mirror(&work.join("fresh-mirror"))
        .args(["export", "--format", "nquads", "--out"])
        .arg(work.join("again.nq"))
        .output()
        .unwrap();
    assert!(again.status.success(), "{again:?}");
    assert_eq!(
        std::fs::read(work.join("again.nq")).unwrap(),
        std::fs::read(work.join("exports-after").join("corridor.nq")).unwrap()
    );
}

#[test]
fn the_embedded_store_behaves() {
    let dir = tempfile::tempdir().unwrap();
    let t = Target {
        args: vec![
            "--store".into(),
            dir.path().join("store").display().to_string(),
        ],
        remote: false,
        envs: Vec::new(),
        work: dir.path().to_path_buf(),
        server: None,
    };
    behaves(&t);
}

#[test]
fn corridor_serve_as_a_sparql_server_behaves_as_the_embedded_store() {
    let dir = tempfile::tempdir().unwrap();
    // An empty store to serve.
    let served = dir.path().join("served");
    std::fs::create_dir_all(dir.path().join("nothing")).unwrap();
    embedded(&served)
        .arg("ingest")
        .arg(dir.path().join("nothing"))
        .assert()
        .success();
    let (child, addr) = common::spawn_server(
        Process::new(cargo_bin("corridor"))
            .arg("--store")
            .arg(&served)
            .args(["serve", "--writable", "--bind", "127.0.0.1:0"])
            .args(["--max-body", "67108864"])
            .env("CORRIDOR_TOKEN", TOKEN)
            .stderr(Stdio::null()),
    );
    let t = Target {
        args: vec![
            "--store".into(),
            format!("http://{addr}/sparql"),
            "--update-endpoint".into(),
            format!("http://{addr}/update"),
        ],
        remote: true,
        envs: vec![(corridor::remote::TOKEN_VAR.into(), TOKEN.into())],
        work: dir.path().to_path_buf(),
        server: Some(child),
    };
    behaves(&t);
}

#[test]
#[ignore = "needs a SPARQL 1.1 server: CORRIDOR_TEST_SPARQL (.ci/run starts Virtuoso)"]
fn a_sparql_server_behaves_as_the_embedded_store() {
    let url = std::env::var("CORRIDOR_TEST_SPARQL").expect(
        "CORRIDOR_TEST_SPARQL must name the query endpoint of a SPARQL 1.1 server to test \
         (CORRIDOR_TEST_SPARQL_GRAPH_STORE its Graph Store endpoint, if it has one)",
    );
    let mut args = vec!["--store".to_string(), url];
    if let Ok(gsp) = std::env::var("CORRIDOR_TEST_SPARQL_GRAPH_STORE") {
        args.extend(["--graph-store".to_string(), gsp]);
    }
    let dir = tempfile::tempdir().unwrap();
    let envs = [
        corridor::remote::TOKEN_VAR,
        corridor::remote::USER_VAR,
        corridor::remote::PASSWORD_VAR,
    ]
    .iter()
    .filter_map(|k| std::env::var(k).ok().map(|v| (k.to_string(), v)))
    .collect();
    let t = Target {
        args,
        remote: true,
        envs,
        work: dir.path().to_path_buf(),
        server: None,
    };
    behaves(&t);
}
