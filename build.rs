//! Generates the table of CJK radicals and their equivalent unified ideographs from the
//! Unicode Character Database's `EquivalentUnifiedIdeograph.txt`, kept verbatim in
//! `src/ingest/ucd/`, so normalization folds radicals with Unicode's own mapping.

use std::fmt::Write as _;
use std::path::Path;

/// The blocks whose mappings are kept: CJK Radicals Supplement and Kangxi Radicals.
const BLOCKS: std::ops::RangeInclusive<u32> = 0x2E80..=0x2FDF;

fn main() {
    let source = "src/ingest/ucd/EquivalentUnifiedIdeograph.txt";
    println!("cargo:rerun-if-changed={source}");
    println!("cargo:rerun-if-changed=build.rs");
    let data = std::fs::read_to_string(source).expect("the UCD file is in the repository");
    let mut pairs: Vec<(u32, u32)> = Vec::new();
    for line in data.lines() {
        let line = line.split('#').next().unwrap_or("").trim();
        if line.is_empty() {
            continue;
        }
        let (from, to) = line.split_once(';').expect("a mapping line holds one ';'");
        let to = u32::from_str_radix(to.trim(), 16).expect("a hexadecimal code point");
        let (first, last) = match from.trim().split_once("..") {
            Some((a, b)) => (a, b),
            None => (from.trim(), from.trim()),
        };
        let first = u32::from_str_radix(first, 16).expect("a hexadecimal code point");
        let last = u32::from_str_radix(last, 16).expect("a hexadecimal code point");
        pairs.extend(
            (first..=last)
                .filter(|c| BLOCKS.contains(c))
                .map(|c| (c, to)),
        );
    }
    pairs.sort_unstable();
    let mut out = String::from(
        "/// CJK radicals (U+2E80–U+2FDF) and the unified ideograph Unicode makes each equivalent \
         to, by code point.\n",
    );
    writeln!(
        out,
        "pub static RADICALS: [(u32, u32); {}] = [",
        pairs.len()
    )
    .unwrap();
    for (from, to) in &pairs {
        writeln!(out, "    (0x{from:04X}, 0x{to:04X}),").unwrap();
    }
    out.push_str("];\n");
    let dir = std::env::var("OUT_DIR").expect("cargo sets OUT_DIR");
    std::fs::write(Path::new(&dir).join("radicals.rs"), out).expect("OUT_DIR is writable");
}
