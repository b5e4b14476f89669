//! Helpers shared by the command-line test files.

use std::fs;
use std::path::Path;

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
