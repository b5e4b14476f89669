//! `corridor serve` as a process: it answers on the port it prints, refuses updates unless
//! writable, picks up documents another process ingests beside it, and stops cleanly on SIGTERM.
//! (The protocol with real clients, the browser and the load are checked by `.ci/`.)

use std::io::{Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command as Process, Stdio};
use std::time::{Duration, Instant};

use assert_cmd::Command;
use assert_cmd::cargo::cargo_bin;
use tempfile::TempDir;

mod common;

const FIXTURE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/small-corpus");

/// A server on a store built from the small fixture corpus.
struct Server {
    child: Child,
    addr: String,
    dir: TempDir,
}

/// A server a test leaves running (it failed, or never stopped it) ends with the test.
impl Drop for Server {
    fn drop(&mut self) {
        if matches!(self.child.try_wait(), Ok(None)) {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

impl Server {
    fn start(extra: &[&str], env: &[(&str, &str)]) -> Server {
        let dir = tempfile::tempdir().unwrap();
        Command::cargo_bin("corridor")
            .unwrap()
            .arg("--store")
            .arg(dir.path().join("store"))
            .args(["build", "--no-progress", "--corpus", FIXTURE, "--out"])
            .arg(dir.path().join("exports"))
            .assert()
            .success();
        let mut cmd = Process::new(cargo_bin("corridor"));
        cmd.arg("--store")
            .arg(dir.path().join("store"))
            .args(["serve", "--bind", "127.0.0.1:0"])
            .args(extra)
            .env_remove("CORRIDOR_TOKEN")
            .stderr(Stdio::null());
        for (k, v) in env {
            cmd.env(k, v);
        }
        let (child, addr) = common::spawn_server(&mut cmd);
        Server { child, addr, dir }
    }

    /// Sends one request and returns the status and the body.
    fn request(&self, method: &str, target: &str, headers: &[&str], body: &str) -> (u16, String) {
        let mut s = TcpStream::connect(&self.addr).unwrap();
        s.set_read_timeout(Some(Duration::from_secs(20))).unwrap();
        let mut req = format!(
            "{method} {target} HTTP/1.1\r\nHost: {}\r\nConnection: close\r\nContent-Length: {}\r\n",
            self.addr,
            body.len()
        );
        for h in headers {
            req.push_str(h);
            req.push_str("\r\n");
        }
        req.push_str("\r\n");
        req.push_str(body);
        s.write_all(req.as_bytes()).unwrap();
        let mut response = String::new();
        s.read_to_string(&mut response).unwrap();
        let status = response[9..12].parse().unwrap();
        let body = response
            .split_once("\r\n\r\n")
            .map(|(_, b)| b.to_string())
            .unwrap_or_default();
        (status, body)
    }

    fn count(&self) -> String {
        let (status, body) = self.request(
            "POST",
            "/sparql",
            &[
                "Content-Type: application/sparql-query",
                "Accept: text/csv",
            ],
            "SELECT (COUNT(DISTINCT ?d) AS ?n) WHERE { ?d a <https://w3id.org/corridor/ontology#SourceDocument> }",
        );
        assert_eq!(status, 200, "{body}");
        body.lines().nth(1).unwrap_or("").to_string()
    }

    /// Sends SIGTERM and returns whether the server exited with status 0.
    fn stop(&mut self) -> bool {
        Process::new("kill")
            .args(["-TERM", &self.child.id().to_string()])
            .status()
            .unwrap();
        let deadline = Instant::now() + Duration::from_secs(10);
        while Instant::now() < deadline {
            if let Some(status) = self.child.try_wait().unwrap() {
                return status.success();
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        let _ = self.child.kill();
        false
    }

    fn store(&self) -> std::path::PathBuf {
        self.dir.path().join("store")
    }
}

#[test]
fn serve_answers_refuses_updates_and_stops_on_sigterm() {
    let mut server = Server::start(&[], &[]);
    assert_eq!(server.count(), "2");
    let (status, body) = server.request(
        "GET",
        "/sparql?query=SELECT%20%3Fx%20WHERE%20%7B%20%3Fx%20%7D",
        &[],
        "",
    );
    assert_eq!(status, 400);
    assert!(body.contains("line 1, column"), "{body}");
    let (status, _) = server.request(
        "POST",
        "/update",
        &["Content-Type: application/sparql-update"],
        "INSERT DATA { <urn:a> <urn:b> <urn:c> }",
    );
    assert_eq!(status, 403);
    let (status, _) = server.request("GET", "/id/country/pakistan", &[], "");
    assert_eq!(status, 303);
    let (status, turtle) = server.request(
        "GET",
        "/entity/country/pakistan",
        &["Accept: text/turtle"],
        "",
    );
    assert_eq!(status, 200);
    assert!(turtle.contains("cor:Country"), "{turtle}");
    // The page shows each statement with its confidence.
    let (status, html) = server.request("GET", "/entity/country/pakistan", &[], "");
    assert_eq!(status, 200);
    assert!(
        html.contains("<span class=\"confidence\" title=\"confidence\">0."),
        "{html}"
    );
    let (status, page) = server.request("GET", "/search?q=%E5%B7%B4%E5%9F%BA", &[], "");
    assert_eq!(status, 200);
    assert!(page.contains("/entity/country/pakistan"), "{page}");
    assert!(server.stop(), "exit status 0 after SIGTERM");
}

#[test]
fn a_document_ingested_beside_the_server_is_served_without_a_restart() {
    let mut server = Server::start(&[], &[]);
    assert_eq!(server.count(), "2");
    // The home page, kept for this version of the store, lists the documents it holds.
    let (_, home) = server.page("/");
    assert_eq!(home.matches("<a class=\"doc\"").count(), 2, "{home}");
    let extra = server.dir.path().join("extra.txt");
    std::fs::write(&extra, "瓜达尔港位于巴基斯坦。").unwrap();
    Command::cargo_bin("corridor")
        .unwrap()
        .arg("--store")
        .arg(server.store())
        .arg("ingest")
        .arg(&extra)
        .assert()
        .success();
    let deadline = Instant::now() + Duration::from_secs(15);
    while server.count() != "3" {
        assert!(Instant::now() < deadline, "the new document never showed");
        std::thread::sleep(Duration::from_millis(200));
    }
    // The new version's home page, not the one kept for the old.
    let (_, home) = server.page("/");
    assert_eq!(home.matches("<a class=\"doc\"").count(), 3, "{home}");
    assert!(server.stop());
}

/// What `corridor query` reads from the graph `urn:notes` of `store` (objects, as CSV, sorted).
fn notes_in(store: &std::path::Path) -> String {
    let out = Command::cargo_bin("corridor")
        .unwrap()
        .arg("--store")
        .arg(store)
        .args([
            "query",
            "--format",
            "csv",
            "SELECT ?o WHERE { GRAPH <urn:notes> { ?s ?p ?o } } ORDER BY ?o",
        ])
        .assert()
        .success();
    String::from_utf8(out.get_output().stdout.clone()).unwrap()
}

#[test]
fn a_writable_server_takes_updates_with_the_token_and_keeps_them() {
    let mut server = Server::start(&["--writable"], &[("CORRIDOR_TOKEN", "s3cret")]);
    let update = "INSERT DATA { GRAPH <urn:notes> { <urn:a> <urn:b> \"kept\" } }";
    let form = ["Content-Type: application/sparql-update"];
    assert_eq!(server.request("POST", "/update", &form, update).0, 401);
    let wrong = [form[0], "Authorization: Bearer nope"];
    assert_eq!(server.request("POST", "/update", &wrong, update).0, 401);
    let right = [form[0], "Authorization: Bearer s3cret"];
    assert_eq!(server.request("POST", "/update", &right, update).0, 204);
    let store = server.store();
    assert!(server.stop());
    // The in-memory store keeps accepted updates in a journal; RocksDB keeps them itself.
    #[cfg(not(feature = "rocksdb"))]
    assert!(store.join("updates.ru").is_file());
    // The update outlives the server: the CLI reads it from the store.
    let text = notes_in(&store);
    assert!(text.contains("kept"), "{text}");
}

#[test]
fn writable_without_a_token_is_refused_with_a_message() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("store");
    Command::cargo_bin("corridor")
        .unwrap()
        .arg("--store")
        .arg(&store)
        .args(["build", "--no-progress", "--corpus", FIXTURE, "--out"])
        .arg(dir.path().join("exports"))
        .assert()
        .success();
    Command::cargo_bin("corridor")
        .unwrap()
        .arg("--store")
        .arg(&store)
        .args(["serve", "--bind", "127.0.0.1:0", "--writable"])
        .env_remove("CORRIDOR_TOKEN")
        .assert()
        .failure()
        .stderr(predicates::str::contains("CORRIDOR_TOKEN"));
}

/// The resident memory of a process, in KiB, from /proc.
#[cfg(all(target_os = "linux", not(feature = "rocksdb")))]
fn resident_kib(pid: u32) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmRSS:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap()
}

#[test]
fn a_deeply_nested_query_is_refused_and_the_server_answers_the_next() {
    let server = Server::start(&[], &[]);
    let deep = format!(
        "ASK {{ FILTER({}1{}) }}",
        "(".repeat(1_000),
        ")".repeat(1_000)
    );
    let encoded: String = deep.bytes().map(|b| format!("%{b:02X}")).collect();
    let (status, body) = server.request("GET", &format!("/query?query={encoded}"), &[], "");
    assert_eq!(status, 400, "{body}");
    assert!(body.contains("levels deep"), "{body}");
    let form = ["Content-Type: application/sparql-query"];
    for text in [
        deep.clone(),
        format!("ASK {{ FILTER({}true) }}", "!".repeat(10_000)),
        format!("ASK {}{}", "{".repeat(5_000), "}".repeat(5_000)),
        format!(
            "ASK {{ FILTER({}true{}) }}",
            "!(".repeat(40),
            ")".repeat(40)
        ),
    ] {
        let (status, body) = server.request("POST", "/sparql", &form, &text);
        assert_eq!(status, 400, "{body}");
    }
    assert_eq!(server.count(), "2");
}

// With RocksDB such a query runs in the server's process (README: how a query past its time is
// stopped), so only the in-memory store promises the memory back.
#[cfg(all(target_os = "linux", not(feature = "rocksdb")))]
#[test]
fn a_query_that_builds_huge_strings_is_stopped_and_its_memory_returns() {
    let server = Server::start(&["--query-timeout", "2"], &[]);
    assert_eq!(server.count(), "2");
    let before = resident_kib(server.child.id());
    let mut chain = String::from("SELECT ?x40 WHERE { BIND(\"0123456789abcdef\" AS ?x0) ");
    for i in 0..40 {
        chain.push_str(&format!("BIND(CONCAT(?x{i}, ?x{i}) AS ?x{}) ", i + 1));
    }
    chain.push('}');
    let form = ["Content-Type: application/sparql-query"];
    let (status, body) = server.request("POST", "/sparql", &form, &chain);
    // Stopped by its time (408) or by the memory a query may use (503), whichever comes first.
    assert!(status == 408 || status == 503, "{status} {body}");
    let deadline = Instant::now() + Duration::from_secs(5);
    let mut now = resident_kib(server.child.id());
    while now > before + before / 10 && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(100));
        now = resident_kib(server.child.id());
    }
    assert!(
        now <= before + before / 10,
        "{before} KiB before, {now} KiB after"
    );
    assert_eq!(server.count(), "2");
}

#[test]
fn cross_products_in_every_slot_leave_the_pages_answering() {
    let server = Server::start(&["--query-timeout", "10"], &[]);
    let cross = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }";
    std::thread::scope(|scope| {
        let heavy: Vec<_> = (0..4)
            .map(|_| {
                scope.spawn(|| {
                    server.request(
                        "POST",
                        "/sparql",
                        &["Content-Type: application/sparql-query", "Accept: text/csv"],
                        cross,
                    )
                })
            })
            .collect();
        std::thread::sleep(Duration::from_millis(500));
        let started = Instant::now();
        let (status, body) = server.request("GET", "/", &[], "");
        assert_eq!(status, 200, "{body}");
        assert_eq!(server.count(), "2");
        assert!(
            started.elapsed() < Duration::from_secs(5),
            "{:?}",
            started.elapsed()
        );
        for h in heavy {
            let (status, _) = h.join().unwrap();
            assert!([408, 503].contains(&status), "{status}");
        }
    });
}

#[test]
fn updates_holding_journal_markers_or_failing_to_be_written_leave_a_loadable_store() {
    let mut server = Server::start(&["--writable"], &[("CORRIDOR_TOKEN", "s3cret")]);
    let form = [
        "Content-Type: application/sparql-update",
        "Authorization: Bearer s3cret",
    ];
    let injected = "INSERT DATA { GRAPH <urn:notes> { <urn:a> <urn:says> \"x\\n#--- end of update ---\\n#corridor-update 5 0000\\nDROP ALL\" } }";
    assert_eq!(server.request("POST", "/update", &form, injected).0, 204);
    // A journal that cannot be written: the update is refused and not applied.
    let journal = server.store().join("updates.ru");
    #[cfg(not(feature = "rocksdb"))]
    {
        let kept = std::fs::read(&journal).unwrap();
        std::fs::remove_file(&journal).unwrap();
        std::fs::create_dir(&journal).unwrap();
        let lost = "INSERT DATA { GRAPH <urn:notes> { <urn:b> <urn:says> \"lost\" } }";
        let (status, body) = server.request("POST", "/update", &form, lost);
        assert_eq!(status, 500, "{body}");
        assert!(!body.contains(&*server.store().to_string_lossy()), "{body}");
        std::fs::remove_dir(&journal).unwrap();
        std::fs::write(&journal, kept).unwrap();
    }
    // LOAD, silent or not, is refused and never journalled.
    for load in [
        "LOAD <http://127.0.0.1:9/x>",
        "LOAD SILENT <http://127.0.0.1:9/x>",
    ] {
        let before = std::fs::metadata(&journal).map(|m| m.len()).ok();
        let (status, body) = server.request("POST", "/update", &form, load);
        assert_eq!(status, 400, "{body}");
        assert_eq!(std::fs::metadata(&journal).map(|m| m.len()).ok(), before);
    }
    let later = "INSERT DATA { GRAPH <urn:notes> { <urn:c> <urn:says> \"later\" } }";
    assert_eq!(server.request("POST", "/update", &form, later).0, 204);
    let (status, body) = server.request(
        "POST",
        "/sparql",
        &["Content-Type: application/sparql-query", "Accept: text/csv"],
        "SELECT ?o WHERE { GRAPH <urn:notes> { ?s ?p ?o } } ORDER BY ?o",
    );
    assert_eq!(status, 200);
    assert!(!body.contains("lost") && body.contains("later"), "{body}");
    let store = server.store();
    assert!(server.stop());
    // The store loads again with both accepted updates and the documents untouched.
    let text = notes_in(&store);
    assert!(
        text.contains("DROP ALL") && text.contains("later"),
        "{text}"
    );
    assert!(!text.contains("lost"), "{text}");
}

#[test]
fn a_token_of_spaces_is_no_token() {
    let dir = tempfile::tempdir().unwrap();
    Command::cargo_bin("corridor")
        .unwrap()
        .arg("--store")
        .arg(dir.path().join("store"))
        .args(["serve", "--bind", "127.0.0.1:0", "--writable"])
        .env("CORRIDOR_TOKEN", "   ")
        .assert()
        .failure()
        .stderr(predicates::str::contains("CORRIDOR_TOKEN"));
}

/// A writable server taking curation forms: a store built from a copy of the small corpus in
/// `corpus/`, whose curation file `corpus/curation.toml` starts with a comment.
fn start_curating() -> Server {
    let sandbox = common::Sandbox::new();
    std::fs::write(
        sandbox.path("corpus/curation.toml"),
        "# Decisions about the small corpus.\n",
    )
    .unwrap();
    sandbox.build_to("exports", &[]).success();
    let log = std::fs::File::create(sandbox.path("server.log")).unwrap();
    let mut cmd = Process::new(cargo_bin("corridor"));
    cmd.current_dir(sandbox.dir.path())
        .arg("--store")
        .arg(sandbox.path("store"))
        .args([
            "serve",
            "--bind",
            "127.0.0.1:0",
            "--writable",
            "--corpus",
            "corpus",
        ])
        .env("CORRIDOR_TOKEN", TOKEN)
        .stderr(log);
    let (child, addr) = common::spawn_server(&mut cmd);
    Server {
        child,
        addr,
        dir: sandbox.dir,
    }
}

const TOKEN: &str = "form-s3cret";

/// The id the small corpus's review queue finds twice: the forum by its ordinal and by its
/// English name.
const FORUM: &str = "event/第三届一带一路国际合作高峰论坛";
const FORUM_EN: &str = "event/belt-and-road-forum-for-international-cooperation";

/// A path with every byte but ASCII letters, digits and `/-._~` percent-encoded.
fn encoded(path: &str) -> String {
    path.bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || b"/-._~".contains(&b) {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}

/// An HTTP client that shows redirects and error statuses as they are.
fn agent() -> ureq::Agent {
    ureq::Agent::config_builder()
        .max_redirects(0)
        .http_status_as_error(false)
        .build()
        .into()
}

impl Server {
    fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.addr)
    }

    fn origin(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// A page's status and HTML.
    fn page(&self, path: &str) -> (u16, String) {
        let mut r = agent().get(&self.url(path)).call().unwrap();
        let status = r.status().as_u16();
        (status, r.body_mut().read_to_string().unwrap())
    }

    /// The nonce of the forms of the page at `path`.
    fn nonce(&self, path: &str) -> String {
        let (status, html) = self.page(path);
        assert_eq!(status, 200, "{html}");
        let at = html
            .find("name=\"nonce\" value=\"")
            .unwrap_or_else(|| panic!("no nonce on {path}: {html}"))
            + "name=\"nonce\" value=\"".len();
        html[at..].split('"').next().unwrap().to_string()
    }

    /// Posts a form with `Origin: origin` (none when `None`); gives the status, the `Location`
    /// and the body.
    fn post_form(
        &self,
        path: &str,
        origin: Option<&str>,
        fields: &[(&str, &str)],
    ) -> (u16, String, String) {
        let mut req = agent().post(&self.url(path));
        if let Some(o) = origin {
            req = req.header("Origin", o);
        }
        let mut r = req.send_form(fields.iter().copied()).unwrap();
        let location = r
            .headers()
            .get("location")
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
            .to_string();
        let status = r.status().as_u16();
        (status, location, r.body_mut().read_to_string().unwrap())
    }

    fn curation_file(&self) -> Vec<u8> {
        std::fs::read(self.dir.path().join("corpus/curation.toml")).unwrap()
    }

    /// A SPARQL ASK answered by the server.
    fn ask(&self, query: &str) -> bool {
        let mut r = agent()
            .post(&self.url("/sparql"))
            .header("Accept", "application/sparql-results+json")
            .content_type("application/sparql-query")
            .send(query)
            .unwrap();
        assert_eq!(r.status().as_u16(), 200);
        let body = r.body_mut().read_to_string().unwrap();
        body.contains("true")
    }
}

#[test]
fn curation_forms_write_only_same_origin_requests_with_the_nonce_and_the_token() {
    let mut server = start_curating();
    let page = format!("/entity/{}", encoded(FORUM));
    if cfg!(feature = "rocksdb") {
        // A writable server holds a RocksDB store open for writing, so no form may bring it up
        // to date: the pages have none, and a form sent anyway is refused.
        let (status, html) = server.page(&page);
        assert_eq!(status, 200, "{html}");
        assert!(!html.contains("name=\"nonce\""), "{html}");
        let before = server.curation_file();
        let origin = server.origin();
        let fields = [
            ("keep", FORUM),
            ("other", FORUM_EN),
            ("why", "x"),
            ("nonce", "1.00"),
            ("token", TOKEN),
        ];
        let (status, _, body) = server.post_form("/curate/merge", Some(&origin), &fields);
        assert_eq!(status, 403, "{body}");
        assert!(body.contains("takes no curation"), "{body}");
        assert_eq!(server.curation_file(), before);
        return;
    }
    let nonce = server.nonce(&page);
    let before = server.curation_file();
    let origin = server.origin();
    let why = "one forum <script>alert(\"x\")</script>";
    let merge = |nonce: &str, token: Option<&str>| {
        let mut f = vec![
            ("keep", FORUM),
            ("other", FORUM_EN),
            ("why", why),
            ("by", "Tester"),
            ("back", page.as_str()),
            ("nonce", nonce),
        ];
        if let Some(t) = token {
            f.push(("token", t));
        }
        f.into_iter()
            .map(|(k, v)| (k, v.to_string()))
            .collect::<Vec<_>>()
    };
    let send = |origin: Option<&str>, fields: Vec<(&'static str, String)>| {
        let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
        server.post_form("/curate/merge", origin, &fields)
    };

    // Without the token, with a wrong one, from another site, without any origin, with a
    // nonce this server did not make: 403, and not a byte written.
    let (status, _, body) = send(Some(&origin), merge(&nonce, None));
    assert_eq!(status, 403, "{body}");
    assert!(body.contains("token"), "{body}");
    assert_eq!(send(Some(&origin), merge(&nonce, Some("wrong"))).0, 403);
    let (status, _, body) = send(Some("http://evil.example"), merge(&nonce, Some(TOKEN)));
    assert_eq!(status, 403, "{body}");
    assert!(body.contains("another site"), "{body}");
    assert_eq!(send(None, merge(&nonce, Some(TOKEN))).0, 403);
    let forged = format!("{}0", &nonce);
    assert_eq!(send(Some(&origin), merge(&forged, Some(TOKEN))).0, 403);
    assert_eq!(send(Some(&origin), merge("1.00", Some(TOKEN))).0, 403);
    assert_eq!(server.curation_file(), before);

    // A decision the format refuses (no document id): 400 with the reason escaped, nothing
    // written.
    let (status, _, body) = server.post_form(
        "/curate/reject",
        Some(&origin),
        &[
            ("subject", "country/pakistan"),
            ("relation", "supports"),
            ("object", "initiative/global-development-initiative"),
            ("document", "../<b>"),
            ("why", "w"),
            ("nonce", &nonce),
            ("token", TOKEN),
        ],
    );
    assert_eq!(status, 400, "{body}");
    assert!(
        body.contains("&quot;../&lt;b&gt;&quot; is no document id"),
        "{body}"
    );
    assert!(!body.contains("<b>"), "{body}");
    assert_eq!(server.curation_file(), before);

    // The right request: 303 to the kept entity, the decision appended after the old bytes.
    let (status, location, body) = send(Some(&origin), merge(&nonce, Some(TOKEN)));
    assert_eq!(status, 303, "{body}");
    assert!(
        location.starts_with(&format!("{page}?curated=")),
        "{location}"
    );
    let after = String::from_utf8(server.curation_file()).unwrap();
    assert!(after.as_bytes().starts_with(&before), "{after}");
    assert!(after.contains("[[merge]]"), "{after}");
    assert!(after.contains(FORUM_EN), "{after}");
    assert!(after.contains("by = \"Tester\""), "{after}");

    // The page it leads to notes what was written, the reason escaped; the graph is merged.
    let (status, html) = server.page(&location);
    assert_eq!(status, 200);
    assert!(html.contains("id=\"outcome\""), "{html}");
    assert!(
        html.contains("one forum &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;"),
        "{html}"
    );
    assert!(!html.contains("<script>"), "{html}");
    assert!(html.contains("Belt and Road Forum"), "{html}");
    assert!(html.contains("id=\"decisions\""), "{html}");
    let id = |e: &str| format!("<https://w3id.org/corridor/id/{e}>");
    assert!(!server.ask(&format!("ASK {{ {} a ?t }}", id(FORUM_EN))));
    assert!(server.ask(&format!(
        "ASK {{ {} <http://www.w3.org/2002/07/owl#sameAs> {} }}",
        id(FORUM_EN),
        id(FORUM)
    )));
    // The same nonce serves again; the merged id is gone, so a second merge is refused.
    let (status, _, body) = send(Some(&origin), merge(&nonce, Some(TOKEN)));
    assert_eq!(status, 400, "{body}");

    // The review page lists the queue, each item with its form.
    let (status, html) = server.page("/review");
    assert_eq!(status, 200);
    assert!(html.contains("<li class=\"item\""), "{html}");
    assert!(html.contains("action=\"/curate/reject\""), "{html}");
    assert!(html.contains("name=\"nonce\""), "{html}");
    let (_, home) = server.page("/");
    assert!(home.contains("href=\"/review\""), "{home}");
    assert!(server.stop());
}

#[test]
fn a_read_only_server_shows_no_forms_and_takes_none() {
    let mut server = Server::start(&[], &[]);
    let (status, html) = server.page("/entity/country/pakistan");
    assert_eq!(status, 200);
    assert!(!html.contains("<form class=\"curate\""), "{html}");
    let (status, review) = server.page("/review");
    assert_eq!(status, 200);
    assert!(review.contains("corridor curate"), "{review}");
    assert!(!review.contains("<form"), "{review}");
    let origin = server.origin();
    let (status, _, _) = server.post_form(
        "/curate/reject",
        Some(&origin),
        &[("entity", "country/pakistan"), ("why", "w")],
    );
    assert_eq!(status, 403);
    assert!(server.stop());
}

#[test]
fn the_home_page_lists_entities_by_type_and_sources_name_their_documents() {
    let mut server = Server::start(&[], &[]);
    let (status, home) = server.page("/");
    assert_eq!(status, 200);
    // Each type's count links to its page, and its most mentioned entities are listed, linked.
    assert!(home.contains("href=\"/entities/Country\""), "{home}");
    let countries = home
        .split("<section class=\"type-list\" data-type=\"Country\">")
        .nth(1)
        .and_then(|rest| rest.split("</section>").next())
        .unwrap_or_else(|| panic!("no Country list: {home}"));
    assert!(
        countries.contains("href=\"/entity/country/pakistan\""),
        "{countries}"
    );
    let (status, all) = server.page("/entities/Country");
    assert_eq!(status, 200);
    assert!(all.contains("href=\"/entity/country/pakistan\""), "{all}");
    assert!(all.contains("href=\"/entity/country/china\""), "{all}");
    let (status, _) = server.page("/entities/NoSuchType");
    assert_eq!(status, 404);
    // A statement's source link names its document by title, the id in its tooltip.
    let (_, entity) = server.page("/entity/country/pakistan");
    let link = entity
        .split("<a class=\"source\"")
        .nth(1)
        .and_then(|rest| rest.split("</a>").next())
        .unwrap_or_else(|| panic!("no source link: {entity}"));
    let (attributes, text) = link.split_once('>').unwrap();
    let id = attributes
        .split("title=\"")
        .nth(1)
        .and_then(|t| t.split('"').next())
        .unwrap();
    assert!(!id.is_empty() && !text.contains(id), "{link}");
    assert!(text.chars().count() > 4, "{link}");
    assert!(server.stop());
}
