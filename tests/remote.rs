//! `push` and `pull` against a real SPARQL 1.1 server: `corridor serve --writable` as a process
//! (`.ci/` does the same against Virtuoso). The pushed graphs answer the example queries as the
//! local store does, a pull gives back the same graph files, a second push sends nothing, and a
//! server that stops in the middle of a push leaves every graph whole or absent, the documents
//! that did not go in named, and a second push completes the job.

use std::path::{Path, PathBuf};
use std::process::{Child, Command as Process, Stdio};
use std::time::{Duration, Instant};

use assert_cmd::Command;
use assert_cmd::cargo::cargo_bin;
use corridor::remote::{Credentials, Endpoints, Remote};

mod common;

const FIXTURE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/small-corpus");
const TOKEN: &str = "push-test-token";

fn corridor(store: &Path) -> Command {
    let mut c = Command::cargo_bin("corridor").unwrap();
    c.arg("--store")
        .arg(store)
        .env(corridor::remote::TOKEN_VAR, TOKEN)
        .env_remove(corridor::remote::USER_VAR);
    c
}

/// A writable `corridor serve` on `store`.
struct Server {
    child: Child,
    addr: String,
}

impl Server {
    fn start(store: &Path) -> Server {
        let (child, addr) = common::spawn_server(
            Process::new(cargo_bin("corridor"))
                .arg("--store")
                .arg(store)
                .args(["serve", "--writable", "--bind", "127.0.0.1:0"])
                .args(["--max-body", "67108864"])
                .env("CORRIDOR_TOKEN", TOKEN)
                .stderr(Stdio::null()),
        );
        Server { child, addr }
    }

    fn query_url(&self) -> String {
        format!("http://{}/sparql", self.addr)
    }

    fn push_args(&self) -> Vec<String> {
        vec![
            "push".into(),
            "--no-progress".into(),
            "--to".into(),
            self.query_url(),
            "--update-endpoint".into(),
            format!("http://{}/update", self.addr),
        ]
    }

    fn remote(&self) -> Remote {
        Remote::new(
            Endpoints::new(
                &self.query_url(),
                Some(&format!("http://{}/update", self.addr)),
                None,
            ),
            Credentials::Bearer(TOKEN.into()),
        )
        .unwrap()
    }

    /// Stops the server (SIGTERM) and waits for it.
    fn stop(&mut self) {
        Process::new("kill")
            .args(["-TERM", &self.child.id().to_string()])
            .status()
            .unwrap();
        let deadline = Instant::now() + Duration::from_secs(20);
        while Instant::now() < deadline {
            if self.child.try_wait().unwrap().is_some() {
                return;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// An empty store at `dir`, to serve.
fn empty_store(dir: &Path) -> PathBuf {
    let store = dir.join("server");
    let nothing = dir.join("nothing");
    std::fs::create_dir_all(&nothing).unwrap();
    corridor(&store)
        .arg("ingest")
        .arg(&nothing)
        .assert()
        .success();
    store
}

/// A store built from a generated corpus of `mb` megabytes in documents of `doc_kb` kilobytes.
fn bench_store(dir: &Path, mb: &str, doc_kb: &str) -> PathBuf {
    let corpus = dir.join("corpus");
    Command::cargo_bin("corridor")
        .unwrap()
        .args(["bench-corpus", "--mb", mb, "--doc-kb", doc_kb, "--out"])
        .arg(&corpus)
        .assert()
        .success();
    let local = dir.join("local");
    corridor(&local)
        .args(["build", "--no-progress", "--formats", "all", "--corpus"])
        .arg(&corpus)
        .arg("--out")
        .arg(dir.join("exports"))
        .assert()
        .success();
    local
}

/// `corridor pull` from `server` into the store `store`, which must succeed.
fn pull(server: &Server, store: &Path) -> assert_cmd::assert::Assert {
    corridor(store)
        .args(["pull", "--no-progress", "--from"])
        .arg(server.query_url())
        .assert()
        .success()
}

/// The ids of the store's documents, from its index.
fn document_ids(store: &Path) -> Vec<String> {
    corridor::store::CorpusStore::open_read_only(store)
        .unwrap()
        .document_ids()
        .map(str::to_string)
        .collect()
}

/// Each document's graph as sorted N-Quads lines, whichever store keeps it.
fn graphs(store: &Path) -> Vec<(String, String)> {
    let s = corridor::store::CorpusStore::open_read_only(store).unwrap();
    let ids: Vec<String> = s.document_ids().map(str::to_string).collect();
    ids.into_iter()
        .map(|id| {
            let lines: String = s
                .read_document_graph(&id)
                .unwrap()
                .iter()
                .map(|q| format!("{q} .\n"))
                .collect();
            (id, lines)
        })
        .collect()
}

#[test]
fn a_pushed_store_answers_as_the_local_one_and_pulls_back_the_same() {
    let dir = tempfile::tempdir().unwrap();
    let local = dir.path().join("local");
    corridor(&local)
        .args([
            "build",
            "--no-progress",
            "--formats",
            "all",
            "--corpus",
            FIXTURE,
            "--out",
        ])
        .arg(dir.path().join("exports"))
        .assert()
        .success();
    let server = Server::start(&empty_store(dir.path()));
    let n = document_ids(&local).len();
    assert!(n >= 2, "{n} documents");
    corridor(&local)
        .args(server.push_args())
        .assert()
        .success()
        .stdout(predicates::str::contains(format!(
            "documents: {n} pushed, 0 unchanged"
        )));

    // Every example query gives the same answer from the server as from the local store.
    let queries = Path::new(env!("CARGO_MANIFEST_DIR")).join("queries");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&queries)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "rq"))
        .collect();
    files.sort();
    assert!(files.len() >= 7);
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .build()
        .into();
    for file in &files {
        let sparql = std::fs::read_to_string(file).unwrap();
        let mut answer = agent
            .get(server.query_url())
            .query("query", &sparql)
            .header("Accept", "text/csv")
            .call()
            .unwrap();
        assert_eq!(answer.status().as_u16(), 200, "{}", file.display());
        let remote = answer.body_mut().read_to_string().unwrap();
        let out = corridor(&local)
            .args(["query", "--format", "csv", "--file"])
            .arg(file)
            .output()
            .unwrap();
        assert!(out.status.success(), "{}", file.display());
        assert_eq!(
            remote,
            String::from_utf8(out.stdout).unwrap(),
            "{}",
            file.display()
        );
    }

    // A second push finds every document there already.
    corridor(&local)
        .args(server.push_args())
        .assert()
        .success()
        .stdout(predicates::str::contains(format!(
            "documents: 0 pushed, {n} unchanged"
        )));

    // A pull gives back the same graph files and index.
    let pulled = dir.path().join("pulled");
    pull(&server, &pulled).stdout(predicates::str::contains(format!("documents: {n} pulled")));
    assert_eq!(graphs(&pulled), graphs(&local));
    assert_eq!(
        std::fs::read(pulled.join("index.tsv")).unwrap(),
        std::fs::read(local.join("index.tsv")).unwrap()
    );
    // A pull that finds nothing new leaves the copy alone: it does not even take the store,
    // so it succeeds while another writer holds it.
    let writer = corridor::store::CorpusStore::open(&pulled).unwrap();
    pull(&server, &pulled).stdout(predicates::str::contains(format!(
        "documents: 0 pulled, {n} unchanged"
    )));
    drop(writer);
}

#[test]
fn a_server_that_stops_mid_push_keeps_whole_graphs_and_a_second_push_completes() {
    let dir = tempfile::tempdir().unwrap();
    let local = bench_store(dir.path(), "1", "8");
    let local_graphs = graphs(&local);
    let n = local_graphs.len();
    assert!(n >= 50, "{n} documents");

    let server_store = empty_store(dir.path());
    let mut server = Server::start(&server_store);
    let remote = server.remote();
    let push = Process::new(cargo_bin("corridor"))
        .arg("--store")
        .arg(&local)
        .args(server.push_args())
        .args(["--retries", "1"])
        .env(corridor::remote::TOKEN_VAR, TOKEN)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Stop the server once some documents are recorded there.
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        let held = corridor::pipeline::remote::server_hashes(&remote).unwrap_or_default();
        if !held.is_empty() {
            break;
        }
        assert!(Instant::now() < deadline, "nothing was pushed");
        std::thread::sleep(Duration::from_millis(5));
    }
    server.stop();
    let out = push.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(3), "{stderr}");
    assert!(stderr.contains("not pushed: bench-"), "{stderr}");
    assert!(stderr.contains("Run the command again"), "{stderr}");
    assert!(
        stderr.contains("not sent: the server failed 3 documents in a row"),
        "{stderr}"
    );

    // Restarted, the server holds each document's graph whole, or not at all.
    let server = Server::start(&server_store);
    let remote = server.remote();
    let mut whole = 0;
    for (id, text) in &local_graphs {
        let graph = corridor::model::source_iri(id);
        let mut there: Vec<String> = remote
            .get_graph(&graph)
            .unwrap()
            .iter()
            .map(|t| format!("{t} <{graph}> .\n"))
            .collect();
        there.sort();
        if there.is_empty() {
            continue;
        }
        assert_eq!(&there.concat(), text, "{id}");
        whole += 1;
    }
    assert!(
        whole > 0 && whole < n,
        "{whole} of {n} graphs on the server"
    );

    // A second push completes the job: a pull gives back every graph file.
    corridor(&local).args(server.push_args()).assert().success();
    let pulled = dir.path().join("pulled");
    pull(&server, &pulled);
    assert_eq!(graphs(&pulled), local_graphs);
}

/// The `documents` count of a served store's /sparql answer to a count of source documents.
fn served_documents(agent: &ureq::Agent, addr: &str) -> Option<usize> {
    let mut answer = agent
        .get(format!("http://{addr}/sparql"))
        .query(
            "query",
            "SELECT (COUNT(DISTINCT ?d) AS ?n) WHERE { ?d a <https://w3id.org/corridor/ontology#SourceDocument> }",
        )
        .header("Accept", "text/csv")
        .call()
        .ok()?;
    let csv = answer.body_mut().read_to_string().ok()?;
    csv.lines().nth(1)?.trim().parse().ok()
}

#[test]
fn serve_of_a_server_follows_what_the_server_holds() {
    let dir = tempfile::tempdir().unwrap();
    let server = Server::start(&empty_store(dir.path()));
    let on_server = |args: &[&str]| {
        let mut c = Command::cargo_bin("corridor").unwrap();
        c.args(["--store", &server.query_url(), "--update-endpoint"])
            .arg(format!("http://{}/update", server.addr))
            .arg("--mirror")
            .arg(dir.path().join("builder-mirror"))
            .args(args)
            .env(corridor::remote::TOKEN_VAR, TOKEN);
        c
    };
    // One document on the server, then a read-only corridor serve of it.
    let corpus = dir.path().join("corpus");
    std::fs::create_dir_all(&corpus).unwrap();
    std::fs::copy(
        Path::new(FIXTURE).join("visit-2024.txt"),
        corpus.join("visit-2024.txt"),
    )
    .unwrap();
    on_server(&["ingest"]).arg(&corpus).assert().success();
    let (child, addr) = common::spawn_server(
        Process::new(cargo_bin("corridor"))
            .args(["--store", &server.query_url()])
            .args(["serve", "--bind", "127.0.0.1:0", "--refresh", "0.2"])
            .env("XDG_CACHE_HOME", dir.path().join("cache"))
            .env(corridor::remote::TOKEN_VAR, TOKEN)
            .stderr(Stdio::null()),
    );
    let _front = Server { child, addr };
    let front = &_front.addr;
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .build()
        .into();
    assert_eq!(served_documents(&agent, front), Some(1));
    // Its copy is a mirror of its own, beside the one other commands use by default.
    let mirrors = dir.path().join("cache/corridor/mirrors");
    let name = format!("{}_sparql-serve", server.addr.replace(':', "_"));
    assert!(mirrors.join(&name).join("index.tsv").is_file(), "{name}");
    // The copy holds graphs only, so a document's page lists the sentences its statements cite.
    let page = agent
        .get(format!("http://{front}/doc/visit-2024"))
        .call()
        .unwrap()
        .body_mut()
        .read_to_string()
        .unwrap();
    assert!(page.contains("<ol id=\"sentences\">"), "{page}");
    assert!(page.contains("习近平主席会见夏巴兹总理。"), "{page}");

    // A second document sent to the server shows in the served copy within seconds (a minute
    // at most here: the other tests of this file load both cores meanwhile).
    std::fs::copy(
        Path::new(FIXTURE).join("forum-2023.txt"),
        corpus.join("forum-2023.txt"),
    )
    .unwrap();
    on_server(&["ingest"]).arg(&corpus).assert().success();
    let deadline = Instant::now() + Duration::from_secs(60);
    while served_documents(&agent, front) != Some(2) {
        assert!(Instant::now() < deadline, "the served copy did not follow");
        std::thread::sleep(Duration::from_millis(50));
    }

    // It takes no updates: they belong on the server.
    let refused = Command::cargo_bin("corridor")
        .unwrap()
        .args(["--store", &server.query_url(), "--mirror"])
        .arg(dir.path().join("other-mirror"))
        .args(["serve", "--writable", "--bind", "127.0.0.1:0"])
        .env("CORRIDOR_TOKEN", TOKEN)
        .output()
        .unwrap();
    assert_eq!(refused.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&refused.stderr).contains("needs a store folder"));
}

#[test]
fn graphs_too_large_for_one_update_go_in_batches_and_arrive_whole() {
    let dir = tempfile::tempdir().unwrap();
    let local = bench_store(dir.path(), "0.3", "150");
    let local_graphs = graphs(&local);
    let largest = local_graphs
        .iter()
        .map(|(_, g)| g.lines().count())
        .max()
        .unwrap();
    assert!(
        largest > 2 * corridor::remote::UPDATE_BATCH,
        "{largest} triples in the largest graph"
    );
    let server = Server::start(&empty_store(dir.path()));
    corridor(&local).args(server.push_args()).assert().success();
    // Pulled back through the update endpoint's server, every graph is whole, and no staging
    // graph is left behind.
    let pulled = dir.path().join("pulled");
    pull(&server, &pulled);
    assert_eq!(graphs(&pulled), local_graphs);
    let staging = server
        .remote()
        .query("ASK { GRAPH ?g { ?s ?p ?o } FILTER(STRENDS(STR(?g), \"#staging\")) }")
        .unwrap();
    assert!(matches!(
        staging,
        oxigraph::sparql::QueryResults::Boolean(false)
    ));
}

#[test]
fn a_pull_refuses_a_recorded_id_that_would_name_a_path_outside_the_store() {
    let dir = tempfile::tempdir().unwrap();
    let server = Server::start(&empty_store(dir.path()));
    let ns = corridor::model::ID_NS;
    let hash = format!("{}ingestHash", corridor::model::ONTOLOGY_NS);
    let record = corridor::pipeline::remote::record_graph();
    for id in ["../../pwn-target/owned", "..", "ok-doc"] {
        server
            .remote()
            .update(&format!(
                "INSERT DATA {{ GRAPH <{record}> {{ <{ns}source/{id}> <{hash}> \"0123\" }} \
                 GRAPH <{ns}source/{id}> {{ <urn:a> <urn:b> <urn:c> }} }}"
            ))
            .unwrap();
    }
    let mirror = dir.path().join("mirror");
    let out = corridor(&mirror)
        .args(["pull", "--no-progress", "--from"])
        .arg(server.query_url())
        .assert()
        .failure();
    let stderr = String::from_utf8_lossy(&out.get_output().stderr).into_owned();
    assert!(
        stderr.contains("../../pwn-target/owned") || stderr.contains("`..`"),
        "{stderr}"
    );
    assert!(stderr.contains("not one"), "{stderr}");
    // Nothing written outside the store, nothing pulled into it.
    assert!(!dir.path().join("pwn-target").exists());
    assert!(!mirror.join("pwn-target").exists());
    assert!(!mirror.exists() || document_ids(&mirror).is_empty());
}

#[test]
fn a_curated_store_pushed_to_a_server_gives_the_same_exports_back() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus");
    std::fs::create_dir(&corpus).unwrap();
    for e in std::fs::read_dir(FIXTURE).unwrap() {
        let p = e.unwrap().path();
        std::fs::copy(&p, corpus.join(p.file_name().unwrap())).unwrap();
    }
    // One decision of each kind.
    std::fs::write(
        corpus.join("curation.toml"),
        include_str!("fixtures/curation/small-corpus.toml"),
    )
    .unwrap();
    let local = dir.path().join("local");
    corridor(&local)
        .args(["build", "--no-progress", "--formats", "all", "--corpus"])
        .arg(&corpus)
        .arg("--out")
        .arg(dir.path().join("built"))
        .assert()
        .success();
    let server = Server::start(&empty_store(dir.path()));
    corridor(&local).args(server.push_args()).assert().success();
    // The server answers with the curated graph: the merged id is the kept one's sameAs, the
    // rejected statement is gone, the added one is there.
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .build()
        .into();
    let ask = |sparql: &str| -> String {
        agent
            .get(server.query_url())
            .query("query", sparql)
            .header("Accept", "text/csv")
            .call()
            .unwrap()
            .body_mut()
            .read_to_string()
            .unwrap()
    };
    let same = ask("SELECT ?a WHERE { ?a <http://www.w3.org/2002/07/owl#sameAs> ?b }");
    assert!(same.contains("第三届一带一路国际合作高峰论坛"), "{same}");
    let supports = ask(
        "SELECT ?o WHERE { <https://w3id.org/corridor/id/country/cuba> \
         <https://w3id.org/corridor/ontology#supports> ?o }",
    );
    assert!(!supports.contains("global-security"), "{supports}");
    assert!(supports.contains("global-development"), "{supports}");
    let added = ask(
        "SELECT ?o WHERE { <https://w3id.org/corridor/id/project/new-gwadar-international-airport> \
         <https://w3id.org/corridor/ontology#partOf> ?o }",
    );
    assert!(
        added.contains("china-pakistan-economic-corridor"),
        "{added}"
    );
    // Pulled back and exported, the graph is the one built.
    let pulled = dir.path().join("pulled");
    pull(&server, &pulled);
    let out = dir.path().join("pulled-out");
    for (format, target) in [
        ("csv", out.clone()),
        ("jsonl", out.clone()),
        ("nquads", out.join("corridor.nq")),
    ] {
        corridor(&pulled)
            .args(["export", "--format", format, "--out"])
            .arg(&target)
            .assert()
            .success();
    }
    for f in [
        "nodes.csv",
        "edges.csv",
        "entities.jsonl",
        "relations.jsonl",
        "corridor.nq",
    ] {
        assert_eq!(
            std::fs::read(dir.path().join("built").join(f)).unwrap(),
            std::fs::read(out.join(f)).unwrap(),
            "{f}"
        );
    }
}
