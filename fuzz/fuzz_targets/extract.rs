//! Text as a document: extraction and its RDF quads.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| corridor::fuzz::extract(data));
