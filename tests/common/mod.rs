//! Helpers shared by the command-line test files.

// Each test file uses some of these helpers, not all.
#![allow(dead_code)]

use std::fs;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};

use tempfile::TempDir;

/// The small fixture corpus the command-line tests copy.
pub const FIXTURE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/small-corpus");

/// A temporary folder holding a copy of the small fixture corpus under `corpus/`.
pub struct Sandbox {
    /// The folder.
    pub dir: TempDir,
}

impl Sandbox {
    /// A new folder with its copy of the fixture corpus.
    pub fn new() -> Sandbox {
        let dir = tempfile::tempdir().unwrap();
        let corpus = dir.path().join("corpus");
        fs::create_dir(&corpus).unwrap();
        for entry in fs::read_dir(FIXTURE).unwrap() {
            let path = entry.unwrap().path();
            fs::copy(&path, corpus.join(path.file_name().unwrap())).unwrap();
        }
        Sandbox { dir }
    }

    /// A path inside the folder.
    pub fn path(&self, p: &str) -> PathBuf {
        self.dir.path().join(p)
    }

    /// The `corridor` binary, run in the folder on its store `store/`.
    pub fn corridor(&self) -> assert_cmd::Command {
        self.corridor_on(&self.path("store"))
    }

    /// Builds the copied corpus with `extra` flags, writing the exports into `out`.
    pub fn build_to(&self, out: &str, extra: &[&str]) -> assert_cmd::assert::Assert {
        // Every format, unless the test chooses.
        let every: &[&str] = if extra.contains(&"--formats") {
            &[]
        } else {
            &["--formats", "all"]
        };
        self.corridor()
            .args(["build", "--no-progress", "--corpus", "corpus", "--out", out])
            .args(every)
            .args(extra)
            .assert()
    }

    /// The `corridor` binary, run in the folder on the store `store`.
    pub fn corridor_on(&self, store: &Path) -> assert_cmd::Command {
        let mut cmd = assert_cmd::Command::cargo_bin("corridor").unwrap();
        cmd.current_dir(self.dir.path()).arg("--store").arg(store);
        cmd
    }
}

/// Starts `corridor serve` as `cmd` describes and reads the address it prints first
/// (`listening on http://ADDR`).
pub fn spawn_server(cmd: &mut Command) -> (Child, String) {
    let mut child = cmd.stdout(Stdio::piped()).spawn().unwrap();
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let addr = line
        .trim()
        .strip_prefix("listening on http://")
        .unwrap_or_else(|| panic!("first line: {line:?}"))
        .to_string();
    (child, addr)
}

/// Every file under `dir`, by its path inside, with its bytes, sorted by path.
pub fn read_dir_bytes(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut out: Vec<(String, Vec<u8>)> = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else {
                let name = p.strip_prefix(dir).unwrap().display().to_string();
                out.push((name, fs::read(&p).unwrap()));
            }
        }
    }
    out.sort();
    out
}
