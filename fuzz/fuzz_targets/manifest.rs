//! Text as a corpus manifest (`corpus.toml`).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| corridor::fuzz::manifest(data));
