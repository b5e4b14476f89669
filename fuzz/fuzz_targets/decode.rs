//! Bytes as a file: decoding, normalization and the markup readers.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| corridor::fuzz::decode_and_normalize(data));
