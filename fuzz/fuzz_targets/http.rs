//! Bytes as an HTTP request to `corridor serve`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| corridor::fuzz::http_request(data));
