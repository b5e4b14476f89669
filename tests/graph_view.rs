//! The graph view of `corridor serve` over HTTP: `/graph.json` holds what the CSV export with
//! the co-occurrence layer holds, the layer marked as such, is read again when the store
//! changes; `/graph` loads only this server's script under a strict policy; the script is the
//! committed bundle. (The drawing itself is tested in Chromium by `.ci/browser.sh`.)

use std::collections::BTreeSet;
use std::process::{Child, Command as Process, Stdio};
use std::time::{Duration, Instant};

use assert_cmd::cargo::cargo_bin;
use serde_json::Value;

mod common;

use common::Sandbox;

/// A server on a store built from the small fixture corpus.
struct Server {
    child: Child,
    base: String,
    sandbox: Sandbox,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Server {
    fn start() -> Server {
        let sandbox = Sandbox::new();
        sandbox.build_to("exports", &[]).success();
        let mut cmd = Process::new(cargo_bin("corridor"));
        cmd.arg("--store")
            .arg(sandbox.path("store"))
            .args(["serve", "--bind", "127.0.0.1:0"])
            .env_remove("CORRIDOR_TOKEN")
            .stderr(Stdio::null());
        let (child, addr) = common::spawn_server(&mut cmd);
        Server {
            child,
            base: format!("http://{addr}"),
            sandbox,
        }
    }

    fn get(&self, path: &str, headers: &[(&str, &str)]) -> (u16, Vec<(String, String)>, String) {
        let agent: ureq::Agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .build()
            .into();
        let mut request = agent.get(format!("{}{path}", self.base));
        for (k, v) in headers {
            request = request.header(*k, *v);
        }
        let mut response = request.call().unwrap();
        let headers = response
            .headers()
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_str().unwrap_or("").to_string()))
            .collect();
        let body = response.body_mut().read_to_string().unwrap_or_default();
        (response.status().as_u16(), headers, body)
    }

    fn json(&self) -> Value {
        let (status, _, body) = self.get("/graph.json", &[]);
        assert_eq!(status, 200, "{body}");
        serde_json::from_str(&body).unwrap()
    }
}

fn header<'a>(headers: &'a [(String, String)], name: &str) -> Option<&'a str> {
    headers
        .iter()
        .find(|(k, _)| k.eq_ignore_ascii_case(name))
        .map(|(_, v)| v.as_str())
}

/// The rows of a CSV file as (column → value) lookups by the header.
fn csv_rows(path: &std::path::Path) -> Vec<std::collections::BTreeMap<String, String>> {
    let mut reader = csv::Reader::from_path(path).unwrap();
    let names: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    reader
        .records()
        .map(|r| {
            let r = r.unwrap();
            names
                .iter()
                .cloned()
                .zip(r.iter().map(String::from))
                .collect()
        })
        .collect()
}

#[test]
fn the_view_data_is_the_graph_the_exports_hold_with_the_cooccurrence_layer_marked() {
    let server = Server::start();
    server
        .sandbox
        .corridor()
        .args([
            "export",
            "--format",
            "csv",
            "--cooccurrence",
            "--out",
            "csv",
        ])
        .assert()
        .success();
    let nodes = csv_rows(&server.sandbox.path("csv/nodes.csv"));
    let edges = csv_rows(&server.sandbox.path("csv/edges.csv"));
    let data = server.json();

    let json_nodes: BTreeSet<(String, String)> = data["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| {
            (
                n["id"].as_str().unwrap().into(),
                n["type"].as_str().unwrap().into(),
            )
        })
        .collect();
    let csv_nodes: BTreeSet<(String, String)> = nodes
        .iter()
        .map(|n| (n["id"].clone(), n["type"].clone()))
        .collect();
    assert!(!csv_nodes.is_empty());
    assert_eq!(json_nodes, csv_nodes);
    for n in data["nodes"].as_array().unwrap() {
        let id = n["id"].as_str().unwrap();
        assert!(n["url"].as_str().unwrap().starts_with("/entity/"), "{n}");
        let row = nodes.iter().find(|r| r["id"] == id).unwrap();
        let rank: f64 = row["pagerank"].parse().unwrap();
        assert!(
            (n["pagerank"].as_f64().unwrap() - rank).abs() < 1e-6,
            "{id}"
        );
    }

    let json_edges: Vec<(String, String, String, String)> = data["edges"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            let s = |k: &str| e[k].as_str().unwrap().to_string();
            (s("id"), s("source"), s("target"), s("kind"))
        })
        .collect();
    let csv_edges: Vec<(String, String, String, String)> = edges
        .iter()
        .map(|e| {
            let s = |k: &str| e[k].clone();
            (s("id"), s("source"), s("target"), s("kind"))
        })
        .collect();
    assert_eq!(json_edges, csv_edges);

    let cooccurrences = edges.iter().filter(|e| e["kind"] == "cooccursWith").count();
    assert!(cooccurrences > 0, "the fixture names entities together");
    for e in data["edges"].as_array().unwrap() {
        let layer = if e["kind"] == "cooccursWith" {
            "cooccurrence"
        } else {
            "stated"
        };
        assert_eq!(e["layer"], layer, "{e}");
    }
    let layer = data["relations"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["layer"] == "cooccurrence")
        .unwrap();
    assert_eq!(layer["count"].as_u64(), Some(cooccurrences as u64));
}

#[test]
fn the_view_data_is_read_again_when_the_store_changes_and_revalidated_by_its_tag() {
    let server = Server::start();
    let before = server.json()["nodes"].as_array().unwrap().len();
    let (status, headers, _) = server.get("/graph.json", &[]);
    assert_eq!(status, 200);
    let tag = header(&headers, "etag").unwrap().to_string();
    assert_eq!(header(&headers, "cache-control"), Some("no-cache"));
    let (status, _, body) = server.get("/graph.json", &[("If-None-Match", &tag)]);
    assert_eq!((status, body.as_str()), (304, ""));

    let extra = server.sandbox.path("extra.txt");
    std::fs::write(&extra, "亚洲基础设施投资银行总部位于北京。").unwrap();
    server
        .sandbox
        .corridor()
        .arg("ingest")
        .arg(&extra)
        .assert()
        .success();
    let deadline = Instant::now() + Duration::from_secs(15);
    loop {
        let (status, headers, body) = server.get("/graph.json", &[("If-None-Match", &tag)]);
        if status == 200 {
            assert_ne!(header(&headers, "etag"), Some(tag.as_str()));
            let data: Value = serde_json::from_str(&body).unwrap();
            assert!(data["nodes"].as_array().unwrap().len() > before, "{body}");
            break;
        }
        assert_eq!(status, 304);
        assert!(Instant::now() < deadline, "the new document never showed");
        std::thread::sleep(Duration::from_millis(200));
    }
}

#[test]
fn the_page_runs_only_this_servers_committed_script() {
    let server = Server::start();
    let (status, headers, page) = server.get("/graph", &[]);
    assert_eq!(status, 200);
    let policy = header(&headers, "content-security-policy").unwrap();
    let directives: Vec<&str> = policy.split(';').map(str::trim).collect();
    assert!(directives.contains(&"default-src 'none'"), "{policy}");
    assert!(directives.contains(&"script-src 'self'"), "{policy}");
    assert!(directives.contains(&"connect-src 'self'"), "{policy}");
    assert!(!policy.contains("unsafe-eval"), "{policy}");
    // Every script tag loads a file of this server; none is inline.
    let tags: Vec<&str> = page.split("<script").skip(1).collect();
    assert_eq!(tags.len(), 1, "{page}");
    assert!(
        tags[0].starts_with(" src=\"/assets/graph.js\"></script>"),
        "{page}"
    );
    assert!(
        page.contains("href=\"/graph\""),
        "the navigation links the view"
    );

    let (status, headers, script) = server.get("/assets/graph.js", &[]);
    assert_eq!(status, 200);
    assert!(
        header(&headers, "content-type")
            .unwrap()
            .starts_with("text/javascript")
    );
    let committed = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/web/graph/dist/graph.js"
    ))
    .unwrap();
    assert_eq!(script, committed);
    let tag = header(&headers, "etag").unwrap().to_string();
    let (status, _, _) = server.get("/assets/graph.js", &[("If-None-Match", &tag)]);
    assert_eq!(status, 304);

    let (status, _, licences) = server.get("/assets/graph-licences.txt", &[]);
    assert_eq!(status, 200);
    for package in ["sigma", "graphology", "graphology-layout-forceatlas2"] {
        assert!(
            licences
                .lines()
                .any(|l| l.starts_with(&format!("{package} "))),
            "{package} missing from the licences"
        );
    }
}
