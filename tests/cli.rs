//! Command-line tests: each runs the `corridor` binary on a copy of a small fixture corpus in a
//! temporary folder.

use std::fs;
use std::path::Path;

use predicates::prelude::*;

mod common;
use common::{Sandbox, read_dir_bytes};

impl Sandbox {
    /// What the store holds: its index of documents and every quad, as N-Quads. (Compared
    /// instead of the store's files, which a RocksDB store rewrites whenever it is opened.)
    fn store_content(&self) -> (Vec<u8>, Vec<u8>) {
        let index = fs::read(self.path("store/index.tsv")).unwrap();
        let dump = self.path("dump.nq");
        self.corridor()
            .args(["export", "--format", "nquads", "--out"])
            .arg(&dump)
            .assert()
            .success();
        (index, fs::read(dump).unwrap())
    }

    /// A build writing every format.
    fn build(&self) -> assert_cmd::assert::Assert {
        self.build_to("exports", &[])
    }
}

/// The files of a default build.
const DEFAULT_EXPORTS: &[&str] = &[
    "nodes.csv",
    "edges.csv",
    "corridor.graphml",
    "corridor.gexf",
    "corridor.nq",
    "overview.svg",
];

/// The files only `--formats` asks for.
const OTHER_EXPORTS: &[&str] = &[
    "corridor.ttl",
    "corridor.nt",
    "corridor.trig",
    "corridor.rdf",
    "corridor.jsonld",
    "entities.jsonl",
    "relations.jsonl",
    "neo4j/nodes_Person.csv",
];

#[test]
fn build_writes_the_default_exports_and_a_summary() {
    let s = Sandbox::new();
    s.corridor()
        .args([
            "build",
            "--no-progress",
            "--corpus",
            "corpus",
            "--out",
            "exports",
        ])
        .assert()
        .success()
        .stdout(predicate::str::contains("documents: 2 ingested"))
        .stdout(predicate::str::contains("entities:"))
        .stdout(predicate::str::contains("relations:"));
    for f in DEFAULT_EXPORTS {
        let p = s.path("exports").join(f);
        assert!(fs::metadata(&p).unwrap().len() > 0, "{f} is empty");
    }
    #[cfg(feature = "parquet")]
    assert!(s.path("exports/parquet/edges.parquet").is_file());
    for f in OTHER_EXPORTS {
        assert!(
            !s.path("exports").join(f).exists(),
            "{f} written by default"
        );
    }
    let nodes = fs::read_to_string(s.path("exports/nodes.csv")).unwrap();
    assert!(nodes.starts_with("id,label,type,label_zh,label_en,aliases,"));
    assert!(nodes.contains("夏巴兹·谢里夫"));
    let edges = fs::read_to_string(s.path("exports/edges.csv")).unwrap();
    assert!(edges.starts_with("id,source,target,type,kind,label,weight,"));
    assert!(edges.contains(",met,"), "no met edge in\n{edges}");
}

#[test]
fn formats_choose_the_exports_and_a_later_build_removes_the_ones_it_leaves_out() {
    let s = Sandbox::new();
    s.build_to("exports", &[]).success();
    for f in DEFAULT_EXPORTS.iter().chain(OTHER_EXPORTS) {
        let p = s.path("exports").join(f);
        assert!(fs::metadata(&p).unwrap().len() > 0, "{f} is empty");
    }
    // Every format as `export` writes it.
    s.corridor()
        .args(["export", "--format", "turtle", "--out", "one.ttl"])
        .assert()
        .success();
    assert_eq!(
        fs::read(s.path("one.ttl")).unwrap(),
        fs::read(s.path("exports/corridor.ttl")).unwrap()
    );
    // A file of the user's own in the folder stays; the left-out formats go, and are named.
    fs::write(s.path("exports/notes.txt"), "mine").unwrap();
    fs::write(s.path("exports/neo4j/import.sh"), "mine").unwrap();
    s.build_to("exports", &["--formats", "csv,turtle"])
        .success()
        .stdout(predicate::str::contains("removed").and(predicate::str::contains("corridor.gexf")));
    for f in ["nodes.csv", "edges.csv", "corridor.ttl", "notes.txt"] {
        assert!(s.path("exports").join(f).is_file(), "{f} is gone");
    }
    for f in [
        "corridor.gexf",
        "corridor.nq",
        "corridor.jsonld",
        "entities.jsonl",
        "parquet",
    ] {
        assert!(!s.path("exports").join(f).exists(), "{f} is left");
    }
    // A folder holding a file corridor did not write is left whole.
    assert!(s.path("exports/neo4j/import.sh").is_file());
    assert!(s.path("exports/neo4j/nodes_Person.csv").is_file());
    s.build_to("exports", &["--formats", "csv,nothing"])
        .failure()
        .stderr(predicate::str::contains("unknown format `nothing`"));
    s.build_to("exports", &["--formats", ""])
        .failure()
        .stderr(predicate::str::contains("name at least one format"));
}

#[test]
fn compressed_exports_decompress_to_the_plain_files() {
    let s = Sandbox::new();
    s.build_to("plain", &["--formats", "default,jsonl,turtle"])
        .success();
    s.build_to(
        "packed",
        &["--formats", "default,jsonl,turtle", "--compress", "zstd"],
    )
    .success();
    s.build_to("gz", &["--formats", "nquads,csv", "--compress", "gzip"])
        .success();
    let unzstd = |p: &str| zstd::stream::decode_all(fs::File::open(s.path(p)).unwrap()).unwrap();
    for f in [
        "corridor.nq",
        "corridor.ttl",
        "entities.jsonl",
        "relations.jsonl",
    ] {
        assert!(!s.path("packed").join(f).exists(), "{f} left uncompressed");
        assert_eq!(
            unzstd(&format!("packed/{f}.zst")),
            fs::read(s.path("plain").join(f)).unwrap(),
            "{f}"
        );
    }
    // The graph files and tables are left as they are.
    for f in ["nodes.csv", "corridor.gexf", "corridor.graphml"] {
        assert_eq!(
            fs::read(s.path("packed").join(f)).unwrap(),
            fs::read(s.path("plain").join(f)).unwrap()
        );
    }
    let mut text = Vec::new();
    std::io::Read::read_to_end(
        &mut flate2::read::GzDecoder::new(fs::File::open(s.path("gz/corridor.nq.gz")).unwrap()),
        &mut text,
    )
    .unwrap();
    assert_eq!(text, fs::read(s.path("plain/corridor.nq")).unwrap());
    // Building again uncompressed replaces the compressed file.
    s.build_to("packed", &[]).success();
    assert!(s.path("packed/corridor.nq").is_file());
    assert!(!s.path("packed/corridor.nq.zst").exists());
    // One format exported compressed takes the ending after the name asked for.
    s.corridor()
        .args([
            "export",
            "--format",
            "nquads",
            "--out",
            "one.nq",
            "--compress",
            "zstd",
        ])
        .assert()
        .success()
        .stdout(predicate::str::contains("one.nq.zst"));
    assert_eq!(
        unzstd("one.nq.zst"),
        fs::read(s.path("plain/corridor.nq")).unwrap()
    );
    assert!(!s.path("one.nq").exists());
}

#[test]
fn building_twice_gives_identical_exports() {
    let s = Sandbox::new();
    s.build().success();
    let first = read_dir_bytes(&s.path("exports"));
    fs::remove_dir_all(s.path("store")).unwrap();
    s.build().success();
    let second = read_dir_bytes(&s.path("exports"));
    let names = |v: &[(String, Vec<u8>)]| v.iter().map(|(n, _)| n.clone()).collect::<Vec<_>>();
    assert_eq!(names(&first), names(&second));
    for ((name, a), (_, b)) in first.iter().zip(&second) {
        assert!(a == b, "{name} differs between two builds");
    }
}

#[test]
fn a_build_over_another_corpus_gives_the_store_a_fresh_build_gives() {
    // The default corpus has named texts (documents others cite); once a build drops them,
    // they no longer count in how the new corpus is extracted and hashed.
    let s = Sandbox::new();
    let data = concat!(env!("CARGO_MANIFEST_DIR"), "/data");
    s.corridor()
        .args(["build", "--no-progress", "--corpus", data, "--out", "other"])
        .assert()
        .success();
    s.build().success();
    let over = s.store_content();
    fs::remove_dir_all(s.path("store")).unwrap();
    s.build().success();
    let fresh = s.store_content();
    assert!(over.0 == fresh.0, "the index differs");
    assert!(over.1 == fresh.1, "the quads differ");
}

#[test]
fn ingesting_twice_leaves_the_same_store() {
    let s = Sandbox::new();
    s.corridor().args(["ingest", "corpus"]).assert().success();
    let first = s.store_content();
    s.corridor()
        .args(["ingest", "corpus"])
        .assert()
        .success()
        .stdout(predicate::str::contains("0 ingested, 2 unchanged"));
    assert!(first == s.store_content(), "the store changed");
}

#[test]
fn query_speaks_every_output_format() {
    let s = Sandbox::new();
    s.build().success();
    let q = "PREFIX cor: <https://w3id.org/corridor/ontology#> SELECT ?p WHERE { ?p a cor:Person } ORDER BY ?p";
    s.corridor()
        .args(["query", q])
        .assert()
        .success()
        .stdout(predicate::str::contains("person/"))
        .stdout(predicate::str::contains("rows)"));
    s.corridor()
        .args(["query", "--format", "csv", q])
        .assert()
        .success()
        .stdout(predicate::str::starts_with("p\r\n"));
    s.corridor()
        .args(["query", "--format", "tsv", q])
        .assert()
        .success()
        .stdout(predicate::str::starts_with("?p\n"));
    let json = s
        .corridor()
        .args(["query", "--format", "json", q])
        .assert()
        .success();
    let out = String::from_utf8(json.get_output().stdout.clone()).unwrap();
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert!(!v["results"]["bindings"].as_array().unwrap().is_empty());
    fs::write(s.path("q.rq"), "ASK { ?s ?p ?o }").unwrap();
    s.corridor()
        .args(["query", "--file", "q.rq"])
        .assert()
        .success()
        .stdout("true\n");
}

#[test]
fn a_query_with_a_syntax_error_fails_with_a_message() {
    let s = Sandbox::new();
    s.build().success();
    s.corridor()
        .args(["query", "SELEKT ?x WHERE { ?x ?y ?z }"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("SPARQL syntax error"));
}

#[test]
fn export_writes_each_format() {
    let s = Sandbox::new();
    s.build().success();
    let cases = [
        ("graphml", "g.graphml", "<graphml"),
        ("gexf", "g.gexf", "<gexf"),
        ("turtle", "g.ttl", "@prefix cor:"),
        ("ntriples", "g.nt", "<https://"),
        ("nquads", "g.nq", "<https://"),
        ("trig", "g.trig", "@prefix"),
        ("rdfxml", "g.rdf", "<?xml"),
        ("jsonld", "g.jsonld", "[{\"@id\""),
    ];
    for (format, file, start) in cases {
        s.corridor()
            .args(["export", "--format", format, "--out", file])
            .assert()
            .success();
        let text = fs::read_to_string(s.path(file)).unwrap();
        assert!(
            text.contains(start),
            "{format}: {}",
            &text[..text.len().min(200)]
        );
    }
    for (format, dir, file) in [
        ("jsonl", "jl", "relations.jsonl"),
        ("neo4j", "neo", "rels_met.csv"),
    ] {
        s.corridor()
            .args(["export", "--format", format, "--out", dir])
            .assert()
            .success();
        assert!(s.path(dir).join(file).is_file(), "{format}: {file}");
    }
    s.corridor()
        .args(["export", "--format", "svg", "--out", "o.svg"])
        .assert()
        .success();
    assert_eq!(
        fs::read(s.path("o.svg")).unwrap(),
        fs::read(s.path("exports/overview.svg")).unwrap()
    );
    #[cfg(feature = "parquet")]
    {
        s.corridor()
            .args(["export", "--format", "parquet", "--out", "pq"])
            .assert()
            .success();
        for table in ["nodes", "edges", "evidence", "documents"] {
            let file = format!("{table}.parquet");
            let bytes = fs::read(s.path("pq").join(&file)).unwrap();
            assert!(
                bytes.starts_with(b"PAR1") && bytes.ends_with(b"PAR1"),
                "{file}"
            );
            assert_eq!(
                bytes,
                fs::read(s.path("exports/parquet").join(&file)).unwrap()
            );
        }
    }
    s.corridor()
        .args(["export", "--format", "csv", "--out", "csv"])
        .assert()
        .success();
    assert_eq!(
        fs::read(s.path("csv/nodes.csv")).unwrap(),
        fs::read(s.path("exports/nodes.csv")).unwrap()
    );
    assert_eq!(
        fs::read(s.path("csv/edges.csv")).unwrap(),
        fs::read(s.path("exports/edges.csv")).unwrap()
    );
}

#[test]
fn a_bad_file_is_named_and_leaves_the_other_documents_and_the_store_intact() {
    let s = Sandbox::new();
    s.build().success();
    let before = s.store_content();
    // A PDF's bytes saved as text, beside the good documents.
    let mut manifest = fs::read_to_string(s.path("corpus/corpus.toml")).unwrap();
    manifest
        .push_str("\n[[document]]\nid = \"broken\"\nfile = \"broken.txt\"\ntitle = \"broken\"\n");
    fs::write(s.path("corpus/corpus.toml"), manifest).unwrap();
    fs::write(
        s.path("corpus/broken.txt"),
        b"%PDF-1.7\n\x00\x01\x02\xff\xfe binary \x00\x00 stream",
    )
    .unwrap();
    s.build()
        .code(3)
        .stderr(predicate::str::contains("broken.txt"))
        .stdout(predicate::str::contains("0 ingested, 2 unchanged"));
    assert!(before == s.store_content(), "the store changed");
    s.corridor()
        .arg("stats")
        .assert()
        .success()
        .stdout(predicate::str::contains("documents: 2"));
}

#[test]
fn a_plain_folder_and_gbk_text_are_read() {
    let s = Sandbox::new();
    let folder = s.path("loose");
    fs::create_dir(&folder).unwrap();
    let (gbk, _, _) =
        encoding_rs::GBK.encode("2024年5月，习近平主席会见巴基斯坦总理夏巴兹·谢里夫。");
    fs::write(folder.join("gbk-readout.txt"), gbk).unwrap();
    s.corridor()
        .args(["ingest", "loose"])
        .assert()
        .success()
        .stdout(predicate::str::contains("1 ingested"));
    s.corridor()
        .args([
            "query",
            "--format",
            "tsv",
            "PREFIX cor: <https://w3id.org/corridor/ontology#> PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> \
             SELECT ?l WHERE { ?a cor:met ?b . ?b rdfs:label ?l }",
        ])
        .assert()
        .success()
        .stdout(predicate::str::contains("夏巴兹·谢里夫"));
}

#[test]
fn a_missing_corpus_is_a_clear_error() {
    let s = Sandbox::new();
    s.corridor()
        .args(["build", "--corpus", "nowhere"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("nowhere"));
}

#[test]
fn pdf_html_and_markdown_are_read_and_a_scan_without_text_is_named() {
    let s = Sandbox::new();
    let folder = s.path("mixed");
    fs::create_dir(&folder).unwrap();
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/formats");
    for pdf in [
        "chinese-text-layer.pdf",
        "no-text-layer.pdf",
        "with-metadata.pdf",
    ] {
        fs::copy(fixtures.join(pdf), folder.join(pdf)).unwrap();
    }
    fs::write(
        folder.join("readout.html"),
        "<!DOCTYPE html><html><head><title>联合新闻稿</title><script>var t = '<p>伪造的句子</p>';</script></head>\
         <body><nav>首页 | 新闻</nav><p>2024年6月7日，中国和巴基斯坦在北京签署《中巴农业合作协定》。</p></body></html>",
    )
    .unwrap();
    fs::write(
        folder.join("readout.md"),
        "# Readout\n\nOn 5 June 2024, **Prime Minister Shehbaz Sharif** paid an official visit to China.\n",
    )
    .unwrap();
    s.corridor()
        .args(["ingest", "mixed"])
        .assert()
        .code(3)
        .stderr(predicate::str::contains("no-text-layer.pdf").and(predicate::str::contains("OCR")))
        .stdout(predicate::str::contains("4 ingested"));
    let dump = s.path("dump.nq");
    s.corridor()
        .args(["export", "--format", "nquads", "--out"])
        .arg(&dump)
        .assert()
        .success();
    let nq = fs::read_to_string(dump).unwrap();
    // The Chinese PDF's meeting, the page's agreement and title, the Markdown's visit.
    assert!(nq.contains("/ontology#met>"), "no meeting from the PDF");
    assert!(
        nq.contains("中巴农业合作协定"),
        "no agreement from the page"
    );
    assert!(
        nq.contains("\"联合新闻稿\""),
        "the page's title is not the document's"
    );
    assert!(
        nq.contains("/ontology#visited>"),
        "no visit from the Markdown"
    );
    // Without a manifest, a PDF's metadata titles it, and dates it when its text gives no date.
    assert!(
        nq.contains("\"中巴数字走廊联合新闻稿\""),
        "the PDF's metadata title is not the document's"
    );
    assert!(
        nq.lines()
            .any(|l| l.contains("/with-metadata") && l.contains("2024-03-13")),
        "the PDF's creation date does not date the document"
    );
    assert!(
        !nq.contains("伪造") && !nq.contains("首页"),
        "script or navigation text was read"
    );
}

#[test]
fn validate_passes_a_built_store_and_names_what_breaks_a_shape() {
    let s = Sandbox::new();
    s.build().success();
    s.corridor()
        .arg("validate")
        .assert()
        .success()
        .stdout(predicate::str::contains("conforms to the shapes"));
    fs::write(
        s.path("broken.ttl"),
        "@prefix cor: <https://w3id.org/corridor/ontology#> .\n\
         @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n\
         <urn:pk> a cor:Country ; rdfs:label \"Pakistan\" ; cor:met <urn:xi> .\n\
         <urn:xi> a cor:Person .\n",
    )
    .unwrap();
    s.corridor()
        .args(["validate", "--file", "broken.ttl"])
        .assert()
        .code(1)
        .stdout(predicate::str::contains("MetSubject").and(predicate::str::contains("urn:pk")))
        .stdout(predicate::str::contains("2 violation(s)"));
    s.corridor()
        .args(["validate", "--file", "corpus/corpus.toml"])
        .assert()
        .code(1)
        .stderr(
            predicate::str::contains("corpus.toml")
                .and(predicate::str::contains("unknown RDF file ending")),
        );
}

/// The confidence of each statement of a `relations.jsonl`.
fn confidences(path: &Path) -> Vec<f64> {
    fs::read_to_string(path)
        .unwrap()
        .lines()
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).unwrap();
            v["confidence"]
                .as_f64()
                .expect("a stated relation has a confidence")
        })
        .collect()
}

#[test]
fn min_confidence_leaves_unsure_statements_out_of_every_export_and_in_the_store() {
    let s = Sandbox::new();
    s.build().success();
    let all = confidences(&s.path("exports/relations.jsonl"));
    let mut distinct = all.clone();
    distinct.sort_by(f64::total_cmp);
    distinct.dedup();
    assert!(
        distinct.len() >= 2,
        "the fixture gives statements of different confidence: {all:?}"
    );
    // Between the least sure and the next: at least one statement goes, at least one stays.
    let floor = (distinct[0] + distinct[1]) / 2.0;
    let kept = all.iter().filter(|c| **c >= floor).count();
    let floor_arg = format!("{floor}");
    s.build_to("sure", &["--min-confidence", &floor_arg])
        .success();
    let sure = confidences(&s.path("sure/relations.jsonl"));
    assert_eq!(sure.len(), kept, "{sure:?} of {all:?}");
    assert!(sure.iter().all(|c| *c >= floor));
    // The edges of `edges.csv` and the evidence records of the N-Quads follow.
    let edges = fs::read_to_string(s.path("sure/edges.csv")).unwrap();
    let header: Vec<&str> = edges.lines().next().unwrap().split(',').collect();
    let at = header
        .iter()
        .position(|c| *c == "confidence")
        .expect("a confidence column");
    let mut reader = ::csv::Reader::from_path(s.path("sure/edges.csv")).unwrap();
    for row in reader.records() {
        let row = row.unwrap();
        let c: f64 = row[at].parse().unwrap();
        assert!(c >= floor, "{row:?}");
    }
    let nq = fs::read_to_string(s.path("sure/corridor.nq")).unwrap();
    let graded = nq
        .lines()
        .filter(|l| l.contains("ontology#confidence>"))
        .count();
    assert_eq!(graded, kept);
    // `export` takes the same floor; the store still holds everything.
    s.corridor()
        .args(["export", "--format", "jsonl", "--out", "sure-jsonl"])
        .args(["--min-confidence", &floor_arg])
        .assert()
        .success();
    assert_eq!(
        fs::read(s.path("sure-jsonl/relations.jsonl")).unwrap(),
        fs::read(s.path("sure/relations.jsonl")).unwrap()
    );
    s.corridor()
        .args(["export", "--format", "jsonl", "--out", "everything"])
        .assert()
        .success();
    assert_eq!(confidences(&s.path("everything/relations.jsonl")), all);
    // A floor outside 0–1 is refused, naming the flag.
    s.corridor()
        .args([
            "export",
            "--format",
            "csv",
            "--out",
            "bad",
            "--min-confidence",
            "1.5",
        ])
        .assert()
        .failure()
        .stderr(predicate::str::contains("--min-confidence"));
}

#[test]
fn the_cooccurrence_layer_is_added_on_request_and_keeps_the_stated_edges() {
    let s = Sandbox::new();
    s.build().success();
    let plain = fs::read_to_string(s.path("exports/edges.csv")).unwrap();
    assert!(!plain.contains(",cooccursWith,"));
    s.corridor()
        .args(["build", "--no-progress", "--corpus", "corpus"])
        .args(["--out", "layered", "--cooccurrence"])
        .assert()
        .success()
        .stdout(predicate::str::contains("cooccursWith"));
    let layered = fs::read_to_string(s.path("layered/edges.csv")).unwrap();
    let rows: Vec<&str> = layered.lines().collect();
    let co: Vec<&str> = rows
        .iter()
        .copied()
        .filter(|l| l.contains(",Undirected,cooccursWith,"))
        .collect();
    assert!(!co.is_empty(), "{layered}");
    // Every stated edge keeps its row, id included; the layer's rows come after them.
    let plain_rows: Vec<&str> = plain.lines().collect();
    assert_eq!(rows[..plain_rows.len()], plain_rows[..]);
    assert_eq!(rows.len(), plain_rows.len() + co.len());
    // The node metrics do not change with the layer.
    assert_eq!(
        fs::read(s.path("layered/nodes.csv")).unwrap(),
        fs::read(s.path("exports/nodes.csv")).unwrap()
    );
    // `export` takes the same switch.
    s.corridor()
        .args([
            "export",
            "--format",
            "gexf",
            "--out",
            "co.gexf",
            "--cooccurrence",
        ])
        .assert()
        .success();
    let gexf = fs::read_to_string(s.path("co.gexf")).unwrap();
    assert!(gexf.contains(r#"kind="cooccursWith""#), "{}", &gexf[..500]);
}

#[test]
fn a_query_nested_past_the_limits_is_an_error_not_a_crash() {
    let s = Sandbox::new();
    s.corridor()
        .args(["build", "--no-progress", "--corpus", "corpus"])
        .assert()
        .success();
    for q in [
        format!(
            "ASK {{ FILTER({}1{}) }}",
            "(".repeat(5_000),
            ")".repeat(5_000)
        ),
        format!("ASK {}{}", "{".repeat(5_000), "}".repeat(5_000)),
        format!("ASK {{ FILTER({}true) }}", "!".repeat(10_000)),
    ] {
        let out = s.corridor().args(["query", &q]).assert().code(1);
        let stderr = String::from_utf8_lossy(&out.get_output().stderr).into_owned();
        assert!(stderr.contains("levels deep"), "{stderr}");
    }
}

#[cfg(not(feature = "rocksdb"))]
#[test]
fn a_journal_cut_short_loads_with_a_warning_and_keeps_the_whole_updates() {
    let s = Sandbox::new();
    s.corridor()
        .args(["build", "--no-progress", "--corpus", "corpus"])
        .assert()
        .success();
    let kept = "INSERT DATA { GRAPH <urn:notes> { <urn:a> <urn:says> \"kept\" } }";
    let cut = "INSERT DATA { GRAPH <urn:notes> { <urn:b> <urn:says> \"cut\" } }";
    // Records as the server writes them; the second torn as a crash or a full disk leaves it.
    let record = |u: &str| {
        use sha2::Digest;
        let sum: String = sha2::Sha256::digest(u.as_bytes())
            .iter()
            .take(8)
            .map(|b| format!("{b:02x}"))
            .collect();
        format!("#corridor-update {} {sum}\n{u}\n", u.len())
    };
    let torn = record(cut);
    fs::write(
        s.path("store/updates.ru"),
        format!("{}{}", record(kept), &torn[..torn.len() - 10]),
    )
    .unwrap();
    let out = s
        .corridor()
        .args([
            "query",
            "--format",
            "csv",
            "SELECT ?o WHERE { GRAPH <urn:notes> { ?s ?p ?o } }",
        ])
        .assert()
        .success();
    let stdout = String::from_utf8_lossy(&out.get_output().stdout).into_owned();
    let stderr = String::from_utf8_lossy(&out.get_output().stderr).into_owned();
    assert!(
        stdout.contains("kept") && !stdout.contains("cut"),
        "{stdout}"
    );
    assert!(
        stderr.contains("warning:") && stderr.contains("update 2 was cut short"),
        "{stderr}"
    );
}
