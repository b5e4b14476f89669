//! Command-line tests of bad input: broken documents, malformed manifests, bad SPARQL, output
//! paths that cannot be written, and a store another process is writing.

use std::fs;

use predicates::prelude::*;

mod common;
use common::{Sandbox, read_dir_bytes};

impl Sandbox {
    fn build(&self, corpus: &str, out: &str) -> assert_cmd::assert::Assert {
        self.corridor()
            .args(["build", "--no-progress", "--corpus", corpus, "--out", out])
            .assert()
    }

    /// A new folder `name` holding one readable document, `good.txt` (a fixture's text).
    fn folder_with_a_good_document(&self, name: &str) -> std::path::PathBuf {
        let folder = self.path(name);
        fs::create_dir(&folder).unwrap();
        let good = fs::read_to_string(self.path("corpus/visit-2024.txt")).unwrap();
        fs::write(folder.join("good.txt"), good).unwrap();
        folder
    }

    /// Ids of the documents the store's index lists.
    fn stored_ids(&self) -> Vec<String> {
        let index = fs::read_to_string(self.path("store/index.tsv")).unwrap();
        index
            .lines()
            .filter(|l| !l.starts_with('#') && !l.is_empty())
            .map(|l| l.split('\t').next().unwrap().to_string())
            .collect()
    }
}

/// The `failed: ` line of standard error naming `name`, which must be the only one.
fn failed_line<'a>(stderr: &'a str, name: &str) -> &'a str {
    let lines: Vec<&str> = stderr
        .lines()
        .filter(|l| l.starts_with("failed: ") && l.contains(name))
        .collect();
    assert_eq!(lines.len(), 1, "{name}: {stderr}");
    lines[0]
}

#[test]
fn every_kind_of_broken_file_is_named_once_and_the_readable_ones_are_stored() {
    let s = Sandbox::new();
    let folder = s.path("mixed");
    fs::create_dir(&folder).unwrap();
    let good = fs::read_to_string(s.path("corpus/visit-2024.txt")).unwrap();
    fs::write(folder.join("good.txt"), &good).unwrap();
    let utf16: Vec<u8> = good.encode_utf16().flat_map(u16::to_le_bytes).collect();
    fs::write(folder.join("utf16-no-bom.txt"), utf16).unwrap();
    let broken: [(&str, Vec<u8>, &str); 7] = [
        ("empty.txt", Vec::new(), "holds no text"),
        ("blank.txt", b" \n\r\n\t\n".to_vec(), "holds no text"),
        (
            "nul.txt",
            [good.as_bytes(), b"\0\0\x01", good.as_bytes()].concat(),
            "NUL byte",
        ),
        (
            "invalid-utf8.txt",
            [good.as_bytes(), b"\xff\xfe\xfa\x80\x80\xc3\x28"].concat(),
            "not valid UTF-8",
        ),
        (
            "png.txt",
            b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01".to_vec(),
            "binary content",
        ),
        (
            "control.txt",
            b"ab\x01\x02\x03\x05\x06\x07\x1b\x7f".repeat(50),
            "control characters",
        ),
        ("too-large.txt", Vec::new(), "more than the 16 MiB"),
    ];
    for (name, bytes, _) in &broken {
        fs::write(folder.join(name), bytes).unwrap();
    }
    // Sparse: refused by its size, before a byte of it is read.
    fs::File::options()
        .write(true)
        .open(folder.join("too-large.txt"))
        .unwrap()
        .set_len(17 << 20)
        .unwrap();
    let out = s.build("mixed", "exports").code(3);
    let stderr = String::from_utf8_lossy(&out.get_output().stderr).into_owned();
    let stdout = String::from_utf8_lossy(&out.get_output().stdout).into_owned();
    for (name, _, reason) in &broken {
        let line = failed_line(&stderr, name);
        assert!(line.contains(reason), "{name}: {line}");
    }
    assert!(
        stdout.contains("2 ingested, 0 unchanged, 0 removed, 7 failed"),
        "{stdout}"
    );
    assert_eq!(s.stored_ids(), ["good", "utf16-no-bom"]);
}

#[cfg(unix)]
#[test]
fn links_fifos_and_devices_are_refused_by_name_and_the_rest_is_stored() {
    use std::os::unix::fs::symlink;
    let s = Sandbox::new();
    let folder = s.folder_with_a_good_document("linked");
    let good = fs::read_to_string(folder.join("good.txt")).unwrap();
    let elsewhere = s.path("elsewhere");
    fs::create_dir(&elsewhere).unwrap();
    fs::write(elsewhere.join("secret.txt"), &good).unwrap();
    symlink("/etc/passwd", folder.join("passwd.txt")).unwrap();
    symlink("/dev/zero", folder.join("zero.txt")).unwrap();
    symlink(elsewhere.join("secret.txt"), folder.join("secret.txt")).unwrap();
    let fifo = std::ffi::CString::new(folder.join("fifo.txt").to_str().unwrap()).unwrap();
    assert_eq!(unsafe { libc::mkfifo(fifo.as_ptr(), 0o600) }, 0);
    // A folder inside the corpus that is a link out of it: its files resolve outside.
    symlink(&elsewhere, folder.join("out")).unwrap();
    fs::write(
        folder.join("corpus.toml"),
        "[[document]]\nid='good'\nfile='good.txt'\ntitle='Good'\n\
         [[document]]\nid='passwd'\nfile='passwd.txt'\ntitle='P'\n\
         [[document]]\nid='zero'\nfile='zero.txt'\ntitle='Z'\n\
         [[document]]\nid='fifo'\nfile='fifo.txt'\ntitle='F'\n\
         [[document]]\nid='via-folder'\nfile='out/secret.txt'\ntitle='S'\n",
    )
    .unwrap();
    let out = s.build("linked", "exports").code(3);
    let stderr = String::from_utf8_lossy(&out.get_output().stderr).into_owned();
    for (name, reason) in [
        ("passwd.txt", "symbolic link"),
        ("zero.txt", "symbolic link"),
        ("fifo.txt", "not a regular file"),
        ("secret.txt", "outside the corpus folder"),
    ] {
        let line = failed_line(&stderr, name);
        assert!(line.contains(reason), "{name}: {line}");
    }
    assert_eq!(s.stored_ids(), ["good"]);
    // Without a manifest the folder's links are listed, and refused, too.
    fs::remove_file(folder.join("corpus.toml")).unwrap();
    let out = s.build("linked", "exports").code(3);
    let stderr = String::from_utf8_lossy(&out.get_output().stderr).into_owned();
    assert!(
        stderr.contains("passwd.txt: is a symbolic link"),
        "{stderr}"
    );
    assert_eq!(s.stored_ids(), ["good"]);
    // With --follow-links the link to a regular file is read; a device stays refused.
    fs::remove_file(folder.join("zero.txt")).unwrap();
    fs::remove_file(folder.join("passwd.txt")).unwrap();
    let out = s
        .corridor()
        .args([
            "build",
            "--no-progress",
            "--follow-links",
            "--corpus",
            "linked",
        ])
        .assert()
        .code(3);
    let stderr = String::from_utf8_lossy(&out.get_output().stderr).into_owned();
    assert!(
        stderr.contains("fifo.txt: is not a regular file"),
        "{stderr}"
    );
    assert_eq!(s.stored_ids(), ["good", "secret"]);
}

#[test]
fn a_malformed_manifest_is_refused_and_names_the_problem() {
    let s = Sandbox::new();
    let cases = [
        (
            "[[document]]\nid = \"a\"\nfile = \"visit-2024.txt\"\n",
            "missing field `title`",
        ),
        (
            "[[document]]\nid = \"a\"\nfile = \"visit-2024.txt\"\ntitle = \"x\"\n\
             [[document]]\nid = \"a\"\nfile = \"forum-2023.txt\"\ntitle = \"y\"\n",
            "document id `a` appears twice",
        ),
        (
            "[[document]]\nid = \"a\"\nfile = \"../../etc/passwd\"\ntitle = \"x\"\n",
            "is outside the corpus folder",
        ),
        (
            "[[document]]\nid = \"a\"\nfile = \"/etc/passwd\"\ntitle = \"x\"\n",
            "is outside the corpus folder",
        ),
        (
            "[[document]]\nid = \"a b\"\nfile = \"visit-2024.txt\"\ntitle = \"x\"\n",
            "may hold only letters",
        ),
        ("[[document]\nid = ", "TOML parse error at line 1"),
    ];
    for (manifest, problem) in cases {
        fs::write(s.path("corpus/corpus.toml"), manifest).unwrap();
        s.build("corpus", "exports")
            .code(1)
            .stderr(predicate::str::contains("corpus.toml").and(predicate::str::contains(problem)));
        assert!(!s.path("exports").exists(), "nothing is written");
    }
}

#[test]
fn a_sparql_syntax_error_gives_its_line_and_column() {
    // (The parser names the furthest place it reached, which may be past the mistake.)
    let s = Sandbox::new();
    s.build("corpus", "exports").success();
    s.corridor()
        .args(["query", "SELECT ?x\nWHERE {\n  ?x ?y ?z . .\n}"])
        .assert()
        .code(1)
        .stderr(
            predicate::str::contains("SPARQL syntax error")
                .and(predicate::str::is_match(r"error at [1-4]:\d+").unwrap()),
        );
}

#[test]
fn an_output_path_that_cannot_be_written_is_refused_and_the_exports_stay() {
    let s = Sandbox::new();
    s.build("corpus", "exports").success();
    let before = read_dir_bytes(&s.path("exports"));
    fs::write(s.path("a-file"), "not a folder").unwrap();
    s.build("corpus", "a-file")
        .code(1)
        .stderr(predicate::str::contains("a-file").and(predicate::str::contains("not a folder")));
    s.corridor()
        .args(["export", "--format", "csv", "--out", "a-file"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("not a folder"));
    s.corridor()
        .args(["export", "--format", "nquads", "--out", "exports"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("not a file"));
    assert!(
        before == read_dir_bytes(&s.path("exports")),
        "the exports changed"
    );
    assert_eq!(fs::read(s.path("a-file")).unwrap(), b"not a folder");
}

#[test]
fn a_store_another_process_writes_is_refused_to_writers_and_open_to_readers() {
    let s = Sandbox::new();
    s.build("corpus", "exports").success();
    // This test's process holds the lock, as a running ingest would.
    let lock = fs::File::options()
        .read(true)
        .write(true)
        .open(s.path("store/lock"))
        .unwrap();
    lock.try_lock().unwrap();
    let before = fs::read(s.path("store/index.tsv")).unwrap();
    s.corridor()
        .args(["ingest", "corpus"])
        .assert()
        .code(4)
        .stderr(predicate::str::contains(
            "in use by another corridor process",
        ));
    s.build("corpus", "exports2").code(4);
    assert!(!s.path("exports2").exists());
    s.corridor()
        .args(["query", "ASK { ?s ?p ?o }"])
        .assert()
        .success()
        .stdout("true\n");
    assert_eq!(fs::read(s.path("store/index.tsv")).unwrap(), before);
    drop(lock);
    s.corridor().args(["ingest", "corpus"]).assert().success();
}

#[test]
fn an_ingest_that_cannot_write_leaves_the_store_as_it_was() {
    let s = Sandbox::new();
    s.build("corpus", "exports").success();
    let store = s.path("store");
    let before = read_dir_bytes(&store);
    // A changed document, and a store whose texts cannot be written (a file where the folder
    // was: the first write of the ingest fails, as on a full disk).
    let doc = s.path("corpus/visit-2024.txt");
    let mut text = fs::read_to_string(&doc).unwrap();
    text.push_str("\n中巴双方同意加强合作。\n");
    fs::write(&doc, text).unwrap();
    let texts = store.join("texts");
    fs::rename(&texts, s.path("texts-aside")).unwrap();
    fs::write(&texts, "in the way").unwrap();
    s.corridor()
        .args(["ingest", "corpus"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("texts"));
    fs::remove_file(&texts).unwrap();
    fs::rename(s.path("texts-aside"), &texts).unwrap();
    // (The lock file records its last holder; RocksDB rewrites its own files when opened.)
    let kept = |files: Vec<(String, Vec<u8>)>| -> Vec<(String, Vec<u8>)> {
        files
            .into_iter()
            .filter(|(p, _)| !p.ends_with("lock") && !p.starts_with("rocksdb"))
            .collect()
    };
    let (before, after) = (kept(before), kept(read_dir_bytes(&store)));
    assert!(before == after, "the store's files changed");
    // With the folder back, the change goes in.
    s.corridor()
        .args(["ingest", "corpus"])
        .assert()
        .success()
        .stdout(predicate::str::contains("1 ingested, 1 unchanged"));
    assert_eq!(
        fs::read_dir(store.join("texts")).unwrap().count(),
        2,
        "the old version's text is gone"
    );
    if !cfg!(feature = "rocksdb") {
        assert_eq!(
            fs::read_dir(store.join("graphs")).unwrap().count(),
            2,
            "the old version's graph file is gone"
        );
    }
}

#[test]
fn hostile_pdfs_fail_alone_each_named_and_the_build_goes_on() {
    use corridor::fuzz::HostilePdf;
    let s = Sandbox::new();
    let folder = s.folder_with_a_good_document("pdfs");
    // Text past 16 MiB from 16^3 copies of a 5,000-character line (the reader stops at the
    // limit; a deeper bomb of short lines is stopped the same way, later).
    let pdfs = [
        (
            "nested-arrays.pdf",
            HostilePdf::NestedArrays(100_000),
            "memory (or its stack)",
        ),
        (
            "text-bomb.pdf",
            HostilePdf::TextBomb {
                levels: 4,
                fan: 16,
                line: 5_000,
            },
            "larger than the 16 MiB",
        ),
        ("flate-bomb.pdf", HostilePdf::FlateBomb(2_048), ""),
    ];
    for (name, pdf, _) in &pdfs {
        fs::write(folder.join(name), pdf.bytes()).unwrap();
    }
    let out = s.build("pdfs", "exports").code(3);
    let stderr = String::from_utf8_lossy(&out.get_output().stderr).into_owned();
    for (name, _, reason) in pdfs {
        let line = failed_line(&stderr, name);
        assert!(line.contains(reason), "{name}: {line}");
    }
    assert_eq!(s.stored_ids(), ["good"]);
}
