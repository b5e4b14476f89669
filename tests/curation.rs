//! The analyst's curation file on the command line: every kind of decision applied by
//! `build`, `ingest`, a sharded build's `merge` (and, in `remote.rs`, a push to a server) with
//! the same exports; decisions that survive re-extraction under changed rules; stale decisions
//! reported; `curate` writing the file without touching its other bytes and rebuilding only
//! the documents a decision concerns.

use std::fs;
use std::path::Path;

use predicates::prelude::*;

mod common;
use common::Sandbox;

/// One decision of each kind about the fixture corpus, with comments to keep.
const CURATION: &str = include_str!("fixtures/curation/small-corpus.toml");

/// The exports compared across the ways a store is filled.
const COMPARED: [&str; 6] = [
    "nodes.csv",
    "edges.csv",
    "entities.jsonl",
    "relations.jsonl",
    "corridor.nq",
    "corridor.ttl",
];

fn curated_sandbox() -> Sandbox {
    let sb = Sandbox::new();
    fs::write(sb.path("corpus/curation.toml"), CURATION).unwrap();
    sb
}

fn read(sb: &Sandbox, file: &str) -> String {
    fs::read_to_string(sb.path(file)).unwrap_or_else(|e| panic!("{file}: {e}"))
}

/// The exports of the store `store` written by `export`, into `out`.
fn export_all(sb: &Sandbox, store: &Path, out: &str) {
    for (format, target) in [
        ("csv", out.to_string()),
        ("jsonl", out.to_string()),
        ("nquads", format!("{out}/corridor.nq")),
        ("turtle", format!("{out}/corridor.ttl")),
    ] {
        sb.corridor_on(store)
            .args(["export", "--format", format, "--out", &target])
            .assert()
            .success();
    }
}

fn assert_same_exports(sb: &Sandbox, a: &str, b: &str) {
    for f in COMPARED {
        assert_eq!(
            read(sb, &format!("{a}/{f}")),
            read(sb, &format!("{b}/{f}")),
            "{f} differs between {a} and {b}"
        );
    }
}

#[test]
fn every_kind_of_decision_shows_in_the_exports() {
    let sb = curated_sandbox();
    sb.build_to("out", &[])
        .success()
        .stderr(predicate::str::contains("matches nothing").not());
    let nodes = read(&sb, "out/nodes.csv");
    let edges = read(&sb, "out/edges.csv");
    // Merge: the edition is gone, its name an alias of the forum, which has its statement.
    assert!(
        !nodes.contains("event/第三届一带一路国际合作高峰论坛,"),
        "{nodes}"
    );
    let forum = nodes
        .lines()
        .find(|l| l.starts_with("event/belt-and-road-forum-for-international-cooperation,"))
        .expect("the forum");
    assert!(
        forum.contains("第三届“一带一路”国际合作高峰论坛"),
        "{forum}"
    );
    assert!(edges.contains(
        "person/miguel-diaz-canel,event/belt-and-road-forum-for-international-cooperation,Directed,attended"
    ));
    // Rename and retype.
    assert!(
        nodes.contains("place/gwadar,瓜达尔,Place,瓜达尔,Gwadar (Balochistan)"),
        "{nodes}"
    );
    assert!(
        nodes.contains("initiative/ml-1-railway,巴基斯坦1号铁路干线,Initiative"),
        "{nodes}"
    );
    assert!(!nodes.contains("project/ml-1-railway,"));
    // Rejections: the statement and the rule's statements left.
    assert!(!edges.contains("country/cuba,initiative/global-security-initiative"));
    assert!(!edges.contains(",locatedIn,"), "{edges}");
    assert!(edges.contains("country/cuba,initiative/global-development-initiative"));
    // Additions.
    let added = edges
        .lines()
        .find(|l| {
            l.contains("project/new-gwadar-international-airport,project/china-pakistan-economic-corridor,Directed,partOf")
        })
        .expect("the added statement");
    assert!(
        added.contains("curation:add") && added.contains("瓜达尔新国际机场"),
        "{added}"
    );
    assert!(nodes.contains("event/正式访问,正式访问,Event"), "{nodes}");

    // The RDF says who decided what and why, and what was rejected.
    let nq = read(&sb, "out/corridor.nq");
    assert!(nq.contains("<https://w3id.org/corridor/id/event/第三届一带一路国际合作高峰论坛> <http://www.w3.org/2002/07/owl#sameAs> <https://w3id.org/corridor/id/event/belt-and-road-forum-for-international-cooperation>"));
    assert!(
        nq.contains("\"the third forum is an edition of the forum; this graph keeps one node\"")
    );
    assert!(nq.contains("<http://purl.org/dc/terms/creator> \"analyst\""));
    assert!(nq.contains("<https://w3id.org/corridor/ontology#RejectedStatement>"));
    let rejected = sb
        .corridor()
        .args([
            "query",
            "--format",
            "csv",
            "PREFIX cor: <https://w3id.org/corridor/ontology#> \
             PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> \
             PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> \
             SELECT ?s ?why WHERE { ?r a cor:RejectedStatement ; rdf:subject ?s ; cor:rejectedBy ?d . \
             ?d rdfs:comment ?why } ORDER BY ?s",
        ])
        .output()
        .unwrap();
    let rejected = String::from_utf8(rejected.stdout).unwrap();
    assert!(
        rejected.contains("country/cuba,a test of a rejected statement"),
        "{rejected}"
    );
    assert!(
        rejected.contains("project/new-gwadar-international-airport,a test of a rejected rule"),
        "{rejected}"
    );
    let supports = sb
        .corridor()
        .args([
            "query",
            "--format",
            "csv",
            "PREFIX cor: <https://w3id.org/corridor/ontology#> SELECT ?o WHERE { <https://w3id.org/corridor/id/country/cuba> cor:supports ?o }",
        ])
        .output()
        .unwrap();
    let supports = String::from_utf8(supports.stdout).unwrap();
    assert!(!supports.contains("global-security"), "{supports}");
    assert!(supports.contains("global-development"), "{supports}");
}

#[test]
fn build_ingest_and_a_sharded_build_give_the_same_curated_exports() {
    let sb = curated_sandbox();
    sb.build_to("built", &[]).success();
    // Ingest into a fresh store with the file named.
    let ingested = sb.path("ingested-store");
    sb.corridor_on(&ingested)
        .args(["--curation", "corpus/curation.toml", "ingest", "corpus"])
        .assert()
        .success();
    export_all(&sb, &ingested, "ingested");
    assert_same_exports(&sb, "built", "ingested");
    // Two shards, merged.
    for (i, shard) in ["1/2", "2/2"].iter().enumerate() {
        sb.corridor_on(&sb.path(&format!("shard{i}")))
            .args([
                "build",
                "--formats",
                "all",
                "--no-progress",
                "--corpus",
                "corpus",
                "--shard",
                shard,
                "--out",
            ])
            .arg(sb.path(&format!("shard{i}-out")))
            .assert()
            .success();
    }
    sb.corridor_on(&sb.path("merged-store"))
        .args([
            "merge",
            "shard0",
            "shard1",
            "--formats",
            "all",
            "--out",
            "merged",
        ])
        .assert()
        .success();
    assert_same_exports(&sb, "built", "merged");
    // The store keeps the file it was built with: a later ingest without one applies it too.
    assert_eq!(read(&sb, "store/curation.toml"), CURATION);
    assert_eq!(read(&sb, "merged-store/curation.toml"), CURATION);
}

#[test]
fn a_decision_survives_extraction_under_changed_rules() {
    let sb = curated_sandbox();
    sb.build_to("out", &[]).success();
    // Other rules: the built-in ones with a comment added, so every document is extracted again.
    let ontology = sb.path("ontology");
    fs::create_dir(&ontology).unwrap();
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("ontology");
    for f in [
        "gazetteer.toml",
        "rules.toml",
        "corridor.ttl",
        "confidence.toml",
    ] {
        fs::copy(root.join(f), ontology.join(f)).unwrap();
    }
    let mut rules = fs::read_to_string(ontology.join("rules.toml")).unwrap();
    rules.push_str("\n# changed\n");
    fs::write(ontology.join("rules.toml"), rules).unwrap();
    sb.corridor()
        .args([
            "--ontology",
            "ontology",
            "build",
            "--formats",
            "all",
            "--no-progress",
            "--corpus",
            "corpus",
            "--out",
            "again",
        ])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "documents: 2 ingested, 0 unchanged",
        ));
    let nodes = read(&sb, "again/nodes.csv");
    assert!(!nodes.contains("event/第三届一带一路国际合作高峰论坛,"));
    assert!(nodes.contains("initiative/ml-1-railway,"));
    assert!(
        !read(&sb, "again/edges.csv")
            .contains("country/cuba,initiative/global-security-initiative")
    );
}

#[test]
fn stale_decisions_are_warned_by_build_and_fail_curate_check() {
    let sb = curated_sandbox();
    let mut text = CURATION.to_string();
    text.push_str(
        "\n[[merge]]\nkeep = \"project/gwadar-port\"\nids = [\"project/瓜达尔港口\"]\nwhy = \"no document names it\"\n",
    );
    fs::write(sb.path("corpus/curation.toml"), text).unwrap();
    sb.build_to("out", &[]).success().stderr(predicate::str::contains(
        "[[merge]] number 2 (merge project/瓜达尔港口 into project/gwadar-port) matches nothing: no document names project/瓜达尔港口",
    ));
    sb.corridor()
        .args([
            "curate",
            "--corpus",
            "corpus",
            "--out",
            "out",
            "check",
            "--no-progress",
        ])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("[[merge]] number 2"))
        .stdout(predicate::str::contains("decisions: 8, stale: 1"));
    // Without it, nothing is stale.
    fs::write(sb.path("corpus/curation.toml"), CURATION).unwrap();
    sb.corridor()
        .args(["curate", "--corpus", "corpus", "check", "--no-progress"])
        .assert()
        .success()
        .stdout(predicate::str::contains("decisions: 7, stale: 0"));
}

#[test]
fn a_bad_curation_file_stops_the_build_naming_it_and_leaves_the_store() {
    let sb = curated_sandbox();
    sb.build_to("out", &[]).success();
    let index = read(&sb, "store/index.tsv");
    fs::write(
        sb.path("corpus/curation.toml"),
        "[[reject]]\nentity = \"project/x\"\n",
    )
    .unwrap();
    sb.build_to("out2", &[])
        .failure()
        .stderr(predicate::str::contains(
            "curation.toml: [[reject]] number 1: `why` is required",
        ));
    assert_eq!(read(&sb, "store/index.tsv"), index);
    assert!(!sb.path("out2").exists());
}

#[test]
fn curate_writes_the_file_keeping_its_bytes_and_rebuilds_what_it_touched() {
    let sb = curated_sandbox();
    sb.build_to("exports", &[]).success();
    // A decision about the visit alone: the forum is not extracted again.
    sb.corridor()
        .args([
            "curate",
            "--corpus",
            "corpus",
            "merge",
            "person/xi-jinping",
            "person/习近平主席",
            "--why",
            "a title read as a name",
            "--by",
            "tester",
            "--date",
            "2026-12-08",
        ])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "documents: 0 ingested, 2 unchanged",
        ));
    // (No document names person/习近平主席: the decision is written, and stale.)
    // An edge of the exports, by its id there.
    let edges = read(&sb, "exports/edges.csv");
    let met = edges
        .lines()
        .find(|l| l.contains(",met,"))
        .and_then(|l| l.split(',').next())
        .expect("a met edge")
        .to_string();
    sb.corridor()
        .args([
            "curate",
            "--corpus",
            "corpus",
            "reject",
            &met,
            "--why",
            "the meeting is another day's",
        ])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "documents: 1 ingested, 1 unchanged",
        ));
    let text = read(&sb, "corpus/curation.toml");
    assert!(text.starts_with(CURATION), "{text}");
    assert!(text.contains("keep = \"person/xi-jinping\"\nids = [\"person/习近平主席\"]\nwhy = \"a title read as a name\"\nby = \"tester\"\ndate = \"2026-12-08\""), "{text}");
    assert!(text.contains("subject = \"person/shehbaz-sharif\"\nrelation = \"met\"\nobject = \"person/xi-jinping\""), "{text}");
    assert!(!read(&sb, "exports/edges.csv").contains(",met,"));
    let list = sb
        .corridor()
        .args(["curate", "--corpus", "corpus", "list", "--format", "json"])
        .output()
        .unwrap();
    let list: serde_json::Value = serde_json::from_slice(&list.stdout).unwrap();
    assert_eq!(list.as_array().map(Vec::len), Some(9));
    // A decision the format refuses is not written.
    sb.corridor()
        .args([
            "curate",
            "--corpus",
            "corpus",
            "retype",
            "project/x",
            "Project",
            "--why",
            "same",
        ])
        .assert()
        .failure()
        .stderr(predicate::str::contains("already a Project"));
    assert_eq!(read(&sb, "corpus/curation.toml"), text);
}

#[test]
fn no_curation_gives_the_graph_as_the_rules_found_it() {
    let sb = curated_sandbox();
    sb.corridor()
        .args([
            "--no-curation",
            "build",
            "--formats",
            "all",
            "--no-progress",
            "--corpus",
            "corpus",
            "--out",
            "raw",
        ])
        .assert()
        .success();
    let plain = Sandbox::new();
    plain.build_to("raw", &[]).success();
    for f in COMPARED {
        assert_eq!(
            read(&sb, &format!("raw/{f}")),
            fs::read_to_string(plain.path(&format!("raw/{f}"))).unwrap(),
            "{f}"
        );
    }
    assert!(!sb.path("store/curation.toml").exists());
}

/// The fixture with planted duplicates.
const PLANTED: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/fixtures/planted-duplicates"
);

#[test]
fn review_ranks_every_planted_duplicate_in_its_first_twenty_lines() {
    let sb = Sandbox::new();
    sb.corridor()
        .args([
            "build",
            "--formats",
            "all",
            "--no-progress",
            "--out",
            "out",
            "--corpus",
            PLANTED,
        ])
        .assert()
        .success();
    let out = sb
        .corridor()
        .args(["review", "--format", "csv", "--limit", "20"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let csv = String::from_utf8(out.stdout).unwrap();
    let mut rows = csv::Reader::from_reader(csv.as_bytes());
    let pairs: Vec<(String, String, String)> = rows
        .records()
        .map(|r| {
            let r = r.unwrap();
            (r[2].to_string(), r[3].to_string(), r[4].to_string())
        })
        .collect();
    assert!(pairs.len() <= 20);
    let planted = [
        ("person/jiang-zaidong", "person/姜再冬"),
        (
            "organization/iran-pakistan-friendship-centre",
            "organization/pakistan-iran-friendship-centre",
        ),
        (
            "organization/china-bangladesh-chamber-of-commerce-and-industry",
            "organization/china-chamber-of-commerce-and-industry",
        ),
        (
            "event/belt-and-road-forum-for-international-cooperation",
            "event/第三届一带一路国际合作高峰论坛",
        ),
    ];
    for (a, b) in planted {
        assert!(
            pairs
                .iter()
                .any(|(kind, s, o)| kind == "duplicate" && (s == a && o == b || s == b && o == a)),
            "{a} ~ {b} not in the first 20:\n{csv}"
        );
    }
    // The suggested command settles the pair: merged, it is no longer listed.
    sb.corridor()
        .args([
            "--curation",
            "decisions.toml",
            "curate",
            "--corpus",
            PLANTED,
            "--out",
            "out",
        ])
        .args([
            "merge",
            "person/jiang-zaidong",
            "person/姜再冬",
            "--why",
            "one ambassador",
        ])
        .assert()
        .success();
    let json = sb
        .corridor()
        .args(["review", "--format", "json", "--limit", "0"])
        .output()
        .unwrap();
    let items: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    let items = items.as_array().unwrap();
    assert!(!items.is_empty());
    assert!(
        items
            .iter()
            .all(|i| i["subject"] != "person/姜再冬" && i["other"] != "person/姜再冬")
    );
}

#[test]
fn an_office_names_and_dates_the_person_who_held_it() {
    let sb = Sandbox::new();
    let corpus = sb.path("offices");
    fs::create_dir(&corpus).unwrap();
    fs::write(
        corpus.join("corpus.toml"),
        "[[document]]\nid = \"r1\"\nfile = \"r1.txt\"\ntitle = \"会见\"\ndate = \"2030-05-10\"\n",
    )
    .unwrap();
    fs::write(
        corpus.join("r1.txt"),
        "2030年5月10日，巴基斯坦总理阿里·汗在伊斯兰堡会见中国外交部长。\n\n阿里·汗表示，巴方高度重视中巴经济走廊建设。\n",
    )
    .unwrap();
    let build = |out: &str| {
        sb.corridor()
            .args([
                "build",
                "--formats",
                "all",
                "--no-progress",
                "--corpus",
                "offices",
                "--out",
                out,
            ])
            .assert()
    };
    build("before").success();
    assert!(read(&sb, "before/nodes.csv").contains("person/阿里·汗,阿里·汗,Person,阿里·汗,,"));
    fs::write(
        corpus.join("curation.toml"),
        "[[role]]\nperson = \"person/ali-khan\"\nrole = \"总理\"\nof = \"country/pakistan\"\n\
         from = \"2029-08\"\nlabel_zh = \"阿里·汗\"\nlabel_en = \"Ali Khan\"\n\
         why = \"prime minister since August 2029\"\n",
    )
    .unwrap();
    build("after")
        .success()
        .stdout(predicate::str::contains("documents: 1 ingested"));
    let nodes = read(&sb, "after/nodes.csv");
    let person = nodes
        .lines()
        .find(|l| l.starts_with("person/ali-khan,"))
        .expect("the person under the office's id");
    assert!(
        person.contains(",Ali Khan,") && person.ends_with(",role"),
        "{person}"
    );
    assert!(
        read(&sb, "after/edges.csv")
            .contains("person/ali-khan,country/pakistan,Directed,leaderOf,leaderOf,1,2030-05-10")
    );
    // An office of an entity the gazetteer does not know stops the build, naming the decision.
    fs::write(
        corpus.join("curation.toml"),
        "[[role]]\nperson = \"person/ali-khan\"\nrole = \"总理\"\nof = \"country/nowhere\"\n\
         label_zh = \"阿里·汗\"\nwhy = \"x\"\n",
    )
    .unwrap();
    build("bad").failure().stderr(predicate::str::contains(
        "[[role]] number 1: the office's `of` = \"country/nowhere\" is no entity the gazetteer knows",
    ));
}
