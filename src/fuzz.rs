//! Fuzzing entry points: each function takes arbitrary bytes, runs one stage of corridor on them
//! and panics when an invariant of that stage breaks. The fuzz targets under `fuzz/` call them
//! (`cargo fuzz run decode`, …; `.ci/fuzz.sh` runs them all); they are public only for that.
//!
//! This module owns the invariants, not the stages: decoding and normalization
//! ([`decode_and_normalize`]), extraction and its RDF form ([`extract`]), the manifest
//! ([`manifest`]) and the HTTP server ([`http_request`]).

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

use crate::extract::{DocumentText, Extractor};
use crate::ingest::decode::{self, Decoded};
use crate::ingest::formats::{self, Format};
use crate::ingest::normalize::NormalizedText;
use crate::ingest::{Corpus, IngestError, dates};
use crate::model::{Evidence, Extraction, FactDate, SourceDocument};

/// Decodes `data` as a file's bytes and normalizes the text, checking the decoder's promises
/// (lossless UTF-8 and UTF-16, no NUL, few control characters) and the normalizer's (blanks only
/// single spaces and line breaks, each char mapped to one char of the original, in order, and
/// [`NormalizedText::original_range`] as documented). Then converts `data` as a `.txt`, `.md`
/// and `.html` file and normalizes what the markup readers give.
pub fn decode_and_normalize(data: &[u8]) {
    let decoded = decode::decode(data);
    if let Ok(d) = &decoded {
        check_decoded(data, d);
        check_normalized(&d.text, data);
    }
    // The PDF reader is slow on garbage, and its panics are caught (which libFuzzer reports).
    if data.starts_with(b"%PDF-") {
        return;
    }
    for name in ["fuzz.txt", "fuzz.md", "fuzz.html"] {
        let path = Path::new(name);
        let Ok(converted) = formats::convert(path, data) else {
            continue;
        };
        assert_eq!(converted.format, Format::detect(path, data));
        match converted.format {
            Format::Text => {
                let text = decoded.as_ref().map(|d| d.text.as_str()).ok();
                assert_eq!(
                    Some(converted.text.as_str()),
                    text,
                    "plain text is the decoded text"
                );
            }
            _ => check_normalized(&converted.text, data),
        }
    }
}

fn check_decoded(bytes: &[u8], d: &Decoded) {
    assert!(!d.text.contains('\0'), "decoded text holds a NUL");
    let controls = d.text.chars().filter(|&c| is_binary_control(c)).count();
    assert!(
        controls * 100 <= d.text.chars().count(),
        "{controls} control chars accepted"
    );
    let utf16 = |be: bool| -> Vec<u8> {
        let unit = |u: u16| if be { u.to_be_bytes() } else { u.to_le_bytes() };
        d.text.encode_utf16().flat_map(unit).collect()
    };
    match d.encoding {
        "UTF-8" => {
            let raw = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]).unwrap_or(bytes);
            assert_eq!(d.text.as_bytes(), raw, "UTF-8 is read as it is");
        }
        "UTF-16LE" => {
            let raw = bytes.strip_prefix(&[0xFF, 0xFE]).unwrap_or(bytes);
            assert_eq!(utf16(false), raw, "UTF-16LE round trip");
        }
        "UTF-16BE" => {
            let raw = bytes.strip_prefix(&[0xFE, 0xFF]).unwrap_or(bytes);
            assert_eq!(utf16(true), raw, "UTF-16BE round trip");
        }
        "GBK" | "GB18030" => assert!(std::str::from_utf8(bytes).is_err(), "UTF-8 read as GBK"),
        other => panic!("unknown encoding {other}"),
    }
}

/// Control characters that are not blanks or line breaks (decode refuses more than 1 % of
/// these, and may count a few more).
fn is_binary_control(c: char) -> bool {
    c.is_control() && !c.is_whitespace()
}

/// Normalizes `original` and checks the result and its offset map; `seed` picks byte ranges
/// to map back.
fn check_normalized(original: &str, seed: &[u8]) {
    let n = NormalizedText::new(original);
    let text = n.text();
    assert_eq!(
        text,
        text.trim_matches([' ', '\n']),
        "leading or trailing blank"
    );
    for bad in ["\n\n", "  ", " \n", "\n "] {
        assert!(!text.contains(bad), "{bad:?} in normalized text");
    }
    for c in text.chars() {
        let blank = c.is_whitespace() && c != ' ' && c != '\n';
        let zero_width = matches!(
            c,
            '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}' | '\u{AD}'
        );
        let full_width = matches!(c, '０'..='９' | 'Ａ'..='Ｚ' | 'ａ'..='ｚ');
        assert!(!(blank || zero_width || full_width), "{c:?} left in");
    }
    // Each normalized char comes from one char of the original, in order.
    let mut origins: Vec<(usize, std::ops::Range<usize>)> = Vec::new();
    for (i, c) in text.char_indices() {
        let o = n.original_range(i..i + c.len_utf8());
        assert!(o.end <= original.len(), "{o:?} past the original's end");
        let from = original
            .get(o.clone())
            .expect("original range on char boundaries");
        let mut chars = from.chars();
        let (Some(src), None) = (chars.next(), chars.next()) else {
            panic!("{c:?} at {i} maps to {from:?}, not one char");
        };
        assert!(comes_from(c, src), "{c:?} at {i} maps to {src:?}");
        if let Some((_, prev)) = origins.last() {
            assert!(
                prev.end <= o.start,
                "{c:?} at {i} maps before the char before it"
            );
        }
        origins.push((i, o));
    }
    // Any byte range maps as documented: widened to whole chars, clamped, empty at a position.
    let pick = |k: usize| -> usize {
        let b = |j: usize| seed.get(j).copied().unwrap_or(0) as usize;
        (b(2 * k) << 8 | b(2 * k + 1)) % (text.len() + 3)
    };
    for k in 0..4 {
        let range = pick(2 * k)..pick(2 * k + 1);
        let got = n.original_range(range.clone());
        assert_eq!(
            got,
            expected_range(text, &origins, range.clone()),
            "{range:?}"
        );
    }
}

/// Whether normalized char `c` may come from original char `src`: the same char, a line break
/// or blank made a space or line break, a full-width letter or digit made ASCII, an ASCII clause
/// mark made full-width (`,` → `，` beside Chinese), a traditional character.
fn comes_from(c: char, src: char) -> bool {
    c == src
        || (c == '\n' && matches!(src, '\n' | '\r'))
        || (c == ' ' && src.is_whitespace())
        || (c.is_ascii_alphanumeric() && src as u32 == c as u32 + 0xFEE0)
        || (matches!(src, ',' | ';' | ':' | '!' | '?') && c as u32 == src as u32 + 0xFEE0)
        || (src == '"' && matches!(c, '“' | '”'))
        || (!c.is_ascii() && !src.is_ascii() && !src.is_whitespace())
}

/// What [`NormalizedText::original_range`] documents for `range`, from each char's origin.
fn expected_range(
    text: &str,
    origins: &[(usize, std::ops::Range<usize>)],
    range: std::ops::Range<usize>,
) -> std::ops::Range<usize> {
    let mut start = range.start.min(text.len());
    while !text.is_char_boundary(start) {
        start -= 1;
    }
    let mut end = range.end.clamp(start, text.len());
    while !text.is_char_boundary(end) {
        end += 1;
    }
    let at = |b: usize| origins.partition_point(|(i, _)| *i < b);
    let end_before = |b: usize| at(b).checked_sub(1).map_or(0, |j| origins[j].1.end);
    let s = match origins.get(at(start)) {
        Some((_, o)) => o.start,
        None => end_before(start),
    };
    if start < end {
        s..end_before(end).max(s)
    } else {
        s..s
    }
}

/// Extracts entities and relations from `data` (read as UTF-8, invalid bytes replaced) as one
/// document with the built-in gazetteer and rules, and checks the result: evidence quotes are
/// the original text at their char offsets, sentences are normalized text, mentions lie on
/// char boundaries in text order, and every quad's N-Quads line parses back to it.
pub fn extract(data: &[u8]) {
    const CHAR_BASE: usize = 7;
    static EXTRACTOR: OnceLock<Extractor> = OnceLock::new();
    let extractor =
        EXTRACTOR.get_or_init(|| Extractor::load(None, true).expect("built-in knowledge loads"));
    let original = String::from_utf8_lossy(data);
    let normalized = NormalizedText::new(&original);
    let text = normalized.text();
    let found = dates::find_dates(text);
    for d in &found {
        assert!(
            text.get(d.start..d.end).is_some(),
            "date at {}..{}",
            d.start,
            d.end
        );
    }
    let meta = document(&original, text, found.iter().map(|d| d.date));
    let doc = DocumentText {
        meta: &meta,
        original: &original,
        normalized: &normalized,
        char_base: CHAR_BASE,
        parties: &[],
    };
    let x = extractor.extract(&doc, &[]);
    // Byte offset of each char of the original, and of its end.
    let chars: Vec<usize> = original
        .char_indices()
        .map(|(i, _)| i)
        .chain([original.len()])
        .collect();
    let check = |e: &Evidence| {
        assert_eq!(&*e.document, meta.id.as_str());
        assert!(!e.rule.is_empty(), "evidence without a rule");
        let (start, end) = (e.start.checked_sub(CHAR_BASE), e.end.checked_sub(CHAR_BASE));
        let (Some(start), Some(end)) = (start, end) else {
            panic!(
                "evidence {}..{} before the document's start",
                e.start, e.end
            );
        };
        assert!(
            start <= end && end < chars.len(),
            "evidence {}..{}",
            e.start,
            e.end
        );
        assert_eq!(&*e.quote, &original[chars[start]..chars[end]], "quote");
        assert!(text.contains(&*e.sentence), "sentence {:?}", e.sentence);
    };
    x.relations.iter().for_each(|r| check(&r.evidence));
    for s in &x.sentences {
        check(&s.evidence);
        assert!(s.entities.len() >= 2, "a co-occurrence of {:?}", s.entities);
        assert!(
            s.entities.windows(2).all(|w| w[0] < w[1]),
            "{:?}",
            s.entities
        );
    }
    for m in &x.mentions {
        assert!(m.start < m.end, "empty mention {m:?}");
        assert!(
            text.get(m.start..m.end).is_some(),
            "mention {m:?} off the text"
        );
    }
    assert!(x.mentions.is_sorted(), "mentions out of text order");
    check_quads(&x);
}

/// A document's metadata as ingest describes a file without a manifest entry.
fn document(original: &str, text: &str, dates: impl Iterator<Item = FactDate>) -> SourceDocument {
    let precision = |d: &FactDate| match d {
        FactDate::Year(_) => 0,
        FactDate::YearMonth(..) => 1,
        FactDate::Day(..) => 2,
    };
    let title = text
        .lines()
        .map(str::trim)
        .find(|l| !l.is_empty())
        .map_or_else(|| "fuzz".to_string(), |l| l.chars().take(80).collect());
    SourceDocument {
        id: "fuzz".into(),
        title,
        date: dates.max_by_key(precision),
        language: crate::ingest::detect_language(text).into(),
        kind: "document".into(),
        title_en: None,
        file: "fuzz.txt".into(),
        source: None,
        content_hash: crate::ingest::content_hash(original),
        named_text: None,
        text_source: None,
    }
}

/// The quads of an extraction, sorted by their N-Quads lines, which parse back to them.
fn check_quads(x: &Extraction) {
    use oxigraph::io::{RdfFormat, RdfParser};
    let lines = crate::rdf::to_quad_lines(x);
    assert!(
        lines.windows(2).all(|w| w[0].0 <= w[1].0),
        "quads out of order"
    );
    let mut nquads = String::new();
    for (line, _) in &lines {
        nquads.push_str(line);
        nquads.push_str(" .\n");
    }
    let parsed: Vec<_> = RdfParser::from_format(RdfFormat::NQuads)
        .for_slice(&nquads)
        .collect::<Result<_, _>>()
        .unwrap_or_else(|e| panic!("N-Quads of the extraction do not parse: {e}"));
    assert_eq!(parsed.len(), lines.len());
    for (q, (line, quad)) in parsed.iter().zip(&lines) {
        assert_eq!(q, quad, "{line} parses to another quad");
    }
}

/// Parses `data` (read as UTF-8, invalid bytes replaced) as a manifest `/fuzz/corpus.toml`;
/// what it accepts has valid unique ids, valid dates and line ranges, and files inside the
/// corpus folder.
pub fn manifest(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let path = Path::new("/fuzz/corpus.toml");
    let corpus = match Corpus::parse_manifest(&text, path) {
        Ok(c) => c,
        Err(IngestError::Manifest { path: p, .. }) => return assert_eq!(p, path),
        Err(e) => panic!("a manifest's text failed with {e:?}"),
    };
    assert_eq!(corpus.root, Path::new("/fuzz"));
    let mut ids = std::collections::BTreeSet::new();
    for e in &corpus.entries {
        let valid = |c: char| c.is_ascii_alphanumeric() || "-_.".contains(c);
        assert!(!e.id.is_empty() && e.id.chars().all(valid), "id {:?}", e.id);
        assert!(e.id.chars().any(|c| c != '.'), "id {:?} is only dots", e.id);
        assert!(ids.insert(&e.id), "id {:?} twice", e.id);
        let file = Path::new(&e.file);
        assert!(!file.is_absolute(), "absolute file {:?}", e.file);
        assert!(
            file.components().all(|c| c.as_os_str() != ".."),
            "file {:?} goes up",
            e.file
        );
        assert!(corpus.path_of(e).starts_with(&corpus.root));
        if let Some(d) = &e.date {
            assert!(FactDate::parse(d).is_some(), "date {d:?}");
        }
        if let Some(l) = &e.lines {
            assert!(
                crate::ingest::corpus::parse_lines(l).is_some(),
                "lines {l:?}"
            );
        }
    }
}

/// Longest a request may take before it counts as a hang: past the query time limit (2 s).
const HTTP_HANG: Duration = Duration::from_secs(8);

/// Sends `data`, read as an HTTP/1.1 request, to a `corridor serve` started once in this
/// process over a small store, and checks the answer: a well-formed response, no 500 without
/// an explanation (nor a query process that died), and no `<fuzz` tag in an HTML page (input
/// printed without escaping).
///
/// The request is read leniently: a request line (`METHOD TARGET`), headers up to a blank
/// line, then the body. Methods outside a small list become GET; bytes a URI cannot hold are
/// percent-encoded; headers that are not valid are dropped, as are the framing headers, which
/// are set from the body (`Connection: close`, `Content-Length`).
pub fn http_request(data: &[u8]) {
    let addr = *SERVER.get_or_init(start_server);
    let request = http_bytes(data);
    let response = exchange(addr, &request);
    let Some((status, headers, body)) = parse_response(&response) else {
        panic!(
            "malformed response: {:?}",
            String::from_utf8_lossy(&response)
        );
    };
    let body = String::from_utf8_lossy(&body);
    if status == 500 {
        assert!(!body.trim().is_empty(), "500 without a message");
        assert!(
            !body.contains("ended without an answer") && !body.contains("process failed"),
            "a query's process died: {body}"
        );
    }
    let html = headers
        .iter()
        .any(|(k, v)| k.eq_ignore_ascii_case("content-type") && v.contains("text/html"));
    if html {
        assert!(
            !body.to_ascii_lowercase().contains("<fuzz"),
            "input printed into HTML without escaping"
        );
    }
}

static SERVER: OnceLock<SocketAddr> = OnceLock::new();

/// The methods a request may have; others become GET.
const METHODS: [&str; 6] = ["GET", "POST", "HEAD", "OPTIONS", "PUT", "DELETE"];

/// Headers set from the request's body rather than taken from the input.
const FRAMING: [&str; 6] = [
    "host",
    "content-length",
    "transfer-encoding",
    "connection",
    "expect",
    "upgrade",
];

/// A well-formed HTTP/1.1 request from the parts `data` gives.
fn http_bytes(data: &[u8]) -> Vec<u8> {
    let split = find(data, b"\r\n\r\n")
        .map(|i| (i, i + 4))
        .or_else(|| find(data, b"\n\n").map(|i| (i, i + 2)));
    let (head, body) = split.map_or((data, &[][..]), |(h, b)| (&data[..h], &data[b..]));
    let mut lines = head
        .split(|&b| b == b'\n')
        .map(|l| l.strip_suffix(b"\r").unwrap_or(l));
    let first = lines.next().unwrap_or_default();
    let mut parts = first.splitn(3, |&b| b == b' ');
    let method = parts.next().unwrap_or_default();
    let method = METHODS
        .iter()
        .find(|m| m.as_bytes() == method)
        .unwrap_or(&"GET");
    let target = parts.next().unwrap_or(b"/");
    let mut out = format!("{method} /").into_bytes();
    for &b in target.strip_prefix(b"/").unwrap_or(target) {
        if b.is_ascii_graphic() && !b"\"<>\\^`{|}#".contains(&b) {
            out.push(b);
        } else {
            out.extend_from_slice(format!("%{b:02X}").as_bytes());
        }
    }
    out.extend_from_slice(b" HTTP/1.1\r\nHost: fuzz\r\nConnection: close\r\n");
    for line in lines.take(16) {
        let Some(colon) = line.iter().position(|&b| b == b':') else {
            continue;
        };
        let (name, value) = (&line[..colon], line[colon + 1..].trim_ascii());
        let token = |b: &u8| b.is_ascii_alphanumeric() || b"-_".contains(b);
        let text = |b: &u8| *b == b'\t' || (*b >= b' ' && *b != 0x7F);
        let framing = FRAMING
            .iter()
            .any(|f| f.as_bytes().eq_ignore_ascii_case(name));
        if name.is_empty() || !name.iter().all(token) || !value.iter().all(text) || framing {
            continue;
        }
        out.extend_from_slice(&[name, b": ", value, b"\r\n"].concat());
    }
    out.extend_from_slice(format!("Content-Length: {}\r\n\r\n", body.len()).as_bytes());
    out.extend_from_slice(body);
    out
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

/// Sends a request on a new connection and reads the answer until the server closes it.
fn exchange(addr: SocketAddr, request: &[u8]) -> Vec<u8> {
    let deadline = Instant::now() + HTTP_HANG;
    let mut stream = loop {
        match TcpStream::connect_timeout(&addr, Duration::from_secs(1)) {
            Ok(s) => break s,
            // Out of ports for a moment (connections in TIME_WAIT): not the server's fault.
            Err(_) if Instant::now() < deadline => std::thread::sleep(Duration::from_millis(20)),
            Err(e) => panic!("cannot connect to the server: {e}"),
        }
    };
    stream.set_write_timeout(Some(HTTP_HANG)).ok();
    // The server may answer (and close) before it has read the whole body.
    let _ = stream.write_all(request);
    let mut response = Vec::new();
    let mut chunk = [0u8; 16 * 1024];
    loop {
        let left = deadline.saturating_duration_since(Instant::now());
        assert!(!left.is_zero(), "no complete answer within {HTTP_HANG:?}");
        stream.set_read_timeout(Some(left)).ok();
        match stream.read(&mut chunk) {
            Ok(0) => return response,
            Ok(n) => response.extend_from_slice(&chunk[..n]),
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e)
                if matches!(
                    e.kind(),
                    std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut
                ) =>
            {
                panic!("no complete answer within {HTTP_HANG:?}")
            }
            // Reset after answering early: what was read is the answer.
            Err(_) => return response,
        }
    }
}

/// Status, headers and (unchunked) body of an HTTP/1.1 response.
type Answer = (u16, Vec<(String, String)>, Vec<u8>);

fn parse_response(bytes: &[u8]) -> Option<Answer> {
    let end = find(bytes, b"\r\n\r\n")?;
    let head = std::str::from_utf8(&bytes[..end]).ok()?;
    let mut lines = head.split("\r\n");
    let status = lines
        .next()?
        .strip_prefix("HTTP/1.1 ")?
        .get(..3)?
        .parse()
        .ok()?;
    let headers: Vec<(String, String)> = lines
        .map(|l| {
            l.split_once(':')
                .map(|(k, v)| (k.to_string(), v.trim().to_string()))
        })
        .collect::<Option<_>>()?;
    let chunked = headers
        .iter()
        .any(|(k, v)| k.eq_ignore_ascii_case("transfer-encoding") && v.contains("chunked"));
    let mut rest = &bytes[end + 4..];
    if !chunked {
        return Some((status, headers, rest.to_vec()));
    }
    let mut body = Vec::new();
    loop {
        let line = find(rest, b"\r\n")?;
        let size = std::str::from_utf8(&rest[..line]).ok()?.split(';').next()?;
        let size = usize::from_str_radix(size.trim(), 16).ok()?;
        rest = &rest[line + 2..];
        if size == 0 {
            return Some((status, headers, body));
        }
        body.extend_from_slice(rest.get(..size)?);
        rest = rest.get(size + 2..)?;
    }
}

/// Builds a store of two short documents in a temporary folder and serves it on a free
/// loopback port with a 2 s query limit; the address.
fn start_server() -> SocketAddr {
    use crate::server::{ServeOptions, serve};
    let dir = fresh_temp_dir();
    let store = build_store(&dir);
    for _ in 0..10 {
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .expect("a free port");
        let mut opts = ServeOptions::new(store.clone());
        opts.bind = port;
        opts.query_timeout = Duration::from_secs(2);
        opts.max_rows = 1000;
        opts.max_body = 64 * 1024;
        opts.max_concurrent = 4;
        opts.reload_every = Duration::from_secs(3600);
        let server = std::thread::spawn(move || serve(opts));
        let deadline = Instant::now() + Duration::from_secs(30);
        while Instant::now() < deadline && !server.is_finished() {
            if TcpStream::connect(port).is_ok() {
                return port;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        // Another process took the port first: try another.
        if let Ok(Err(e)) = server.join() {
            eprintln!("fuzz server on {port}: {e}");
        }
    }
    panic!("the server did not start");
}

/// A temporary folder for this process, after removing those of processes that have ended.
fn fresh_temp_dir() -> PathBuf {
    const PREFIX: &str = "corridor-fuzz-http-";
    let tmp = std::env::temp_dir();
    if let Ok(entries) = std::fs::read_dir(&tmp) {
        for e in entries.flatten() {
            let name = e.file_name().to_string_lossy().into_owned();
            let pid = name
                .strip_prefix(PREFIX)
                .and_then(|p| p.parse::<u32>().ok());
            if pid.is_some_and(|p| !Path::new(&format!("/proc/{p}")).exists()) {
                let _ = std::fs::remove_dir_all(e.path());
            }
        }
    }
    let dir = tmp.join(format!("{PREFIX}{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("a temporary folder");
    dir
}

/// Ingests a corpus of two short documents into `dir/store`; the store's path.
fn build_store(dir: &Path) -> PathBuf {
    use crate::pipeline::{Knowledge, ingest_corpus};
    const MANIFEST: &str = "[[document]]\nid = \"visit-2024\"\nfile = \"visit.txt\"\n\
        title = \"中巴联合新闻稿\"\ndate = \"2024-06-08\"\nkind = \"press-release\"\n\
        parties = [\"country/china\", \"country/pakistan\"]\n\n\
        [[document]]\nid = \"forum-2023\"\nfile = \"forum.txt\"\ntitle = \"中古合作论坛纪要\"\n\
        date = \"2023-10-18\"\nkind = \"readout\"\nnamed = true\n";
    const VISIT: &str = "应国家主席习近平邀请，巴基斯坦总理夏巴兹·谢里夫于2024年6月4日至8日对中国\
        进行正式访问。\n\n习近平主席会见夏巴兹总理。双方重申坚定支持中巴经济走廊建设，巴方支持全球\
        发展倡议。\n\n双方同意加快推进瓜达尔新国际机场和巴基斯坦1号铁路干线升级改造项目。\n";
    const FORUM: &str = "2023年10月18日，古巴国家主席迪亚斯-卡内尔出席第三届“一带一路”国际合作\
        高峰论坛。\n\n古方支持全球发展倡议和全球安全倡议。\nPrime Minister Shehbaz Sharif met \
        President Xi Jinping in Beijing.\n";
    let corpus_dir = dir.join("corpus");
    std::fs::create_dir_all(&corpus_dir).expect("a corpus folder");
    for (name, text) in [
        ("corpus.toml", MANIFEST),
        ("visit.txt", VISIT),
        ("forum.txt", FORUM),
    ] {
        std::fs::write(corpus_dir.join(name), text).expect("a corpus file");
    }
    let corpus = Corpus::open(&corpus_dir).expect("the fuzz corpus");
    let store_dir = dir.join("store");
    let mut store = crate::store::CorpusStore::open(&store_dir).expect("a store");
    let knowledge = Knowledge {
        ontology_dir: None,
        use_gazetteer: true,
        ..Default::default()
    };
    let report = ingest_corpus(&corpus, &mut store, &knowledge, true, false).expect("ingest");
    assert!(report.failures.is_empty(), "{:?}", report.failures.len());
    store_dir
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_in_each_encoding_decodes_and_normalizes() {
        decode_and_normalize(
            "中巴经济走廊（ＣＰＥＣ）\r\n兩國 agree-\nment.\u{3000}^[1] x".as_bytes(),
        );
        decode_and_normalize(&[0xFF, 0xFE, b'a', 0, 0x2D, 0x4E]);
        decode_and_normalize(&[0xD6, 0xD0, 0xB0, 0xCD]);
        decode_and_normalize(b"<!DOCTYPE html><title>t</title><p>a&amp;b</p>");
        decode_and_normalize(b"# Title\n\nText with [a link](x) and a note[^1].\n");
    }

    #[test]
    fn clause_marks_made_full_width_keep_their_origin() {
        decode_and_normalize("举行,中共代表团;记者问:我们!是吗?".as_bytes());
    }

    /// Every seed under `fuzz/corpus/<target>/` passes its target: a seed that breaks an
    /// invariant fails here, not only in the fuzz run.
    #[test]
    fn every_fuzz_seed_passes_its_target() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/corpus");
        type Target = fn(&[u8]);
        let targets: [(&str, Target); 3] = [
            ("decode", decode_and_normalize),
            ("extract", extract),
            ("manifest", manifest),
        ];
        let mut seen = 0;
        for (target, run) in targets {
            let mut seeds: Vec<PathBuf> = std::fs::read_dir(root.join(target))
                .unwrap_or_else(|e| panic!("fuzz/corpus/{target}: {e}"))
                .map(|e| e.expect("seed entry").path())
                .collect();
            seeds.sort();
            for seed in seeds {
                let data = std::fs::read(&seed).expect("seed readable");
                let result = std::panic::catch_unwind(|| run(&data));
                assert!(result.is_ok(), "{target} fails on seed {}", seed.display());
                seen += 1;
            }
        }
        assert!(seen >= 3, "only {seen} seeds found");
    }

    #[test]
    fn original_ranges_match_their_documentation() {
        let seed: Vec<u8> = (0..=255).collect();
        check_normalized("a\r\nb 中 文\n\n  ｘ\u{200B}y-\nz", &seed);
        check_normalized("", &seed);
    }

    #[test]
    fn a_statement_extracts_with_sound_evidence() {
        extract("习近平主席会见巴基斯坦总理夏巴兹·谢里夫。\n双方支持中巴经济走廊。".as_bytes());
        extract(b"Prime Minister Shehbaz Sharif met President Xi Jinping on 4 June 2024.");
        extract(&[0xFF, b'\n', 0xE4]);
    }

    #[test]
    fn manifests_accepted_are_sound() {
        manifest(b"[[document]]\nid='a'\nfile='x.txt'\ntitle='t'\nlines='1-2'\ndate='2025-09'\n");
        manifest(b"[[document]]\nid='a'\nfile='../x.txt'\ntitle='t'\n");
        manifest(b"[[document]\n");
        manifest(b"[[document]]\nid='..'\nfile='x.txt'\ntitle='t'\n");
    }

    #[test]
    fn requests_are_answered_soundly() {
        for request in [
            &b"GET / HTTP/1.1\r\n\r\n"[..],
            b"GET /search?q=<fuzz>\"' HTTP/1.1\r\n\r\n",
            b"GET /sparql?query=SELECT%20*%20WHERE%20%7B%3Fs%20%3Fp%20%3Fo%7D HTTP/1.1\r\n\
              Accept: text/csv\r\n\r\n",
            b"POST /sparql HTTP/1.1\r\nContent-Type: application/sparql-query\r\n\r\nASK {}",
            b"POST /update HTTP/1.1\r\nAuthorization: Bearer x\r\n\
              Content-Type: application/sparql-update\r\n\r\nCLEAR ALL",
            b"GET /entity/person/xi-jinping HTTP/1.1\r\n\r\n",
            b"GET /doc/visit-2024 HTTP/1.1\r\n\r\n",
            b"GET /doc/..%2F..%2Fetc HTTP/1.1\r\n\r\n",
            b"\xFF\n\n",
        ] {
            http_request(request);
        }
        // Hostile requests are refused and leave the server answering.
        for body in [
            format!(
                "ASK {{ FILTER({}1{}) }}",
                "(".repeat(2_000),
                ")".repeat(2_000)
            ),
            format!(
                "ASK {{ FILTER({}true{}) }}",
                "!(".repeat(30),
                ")".repeat(30)
            ),
            format!("ASK {}{}", "{".repeat(3_000), "}".repeat(3_000)),
        ] {
            let request = format!(
                "POST /sparql HTTP/1.1\r\nContent-Type: application/sparql-query\r\n\r\n{body}"
            );
            http_request(request.as_bytes());
        }
        http_request(b"GET / HTTP/1.1\r\n\r\n");
    }

    #[test]
    fn requests_are_rebuilt_well_formed() {
        let r = http_bytes(
            b"BREW /a b?q=\xE4 HTTP/1.0\nAccept: x\nContent-Length: 99\nBad Header: y\n\nbody",
        );
        assert_eq!(
            String::from_utf8_lossy(&r),
            "GET /a HTTP/1.1\r\nHost: fuzz\r\nConnection: close\r\nAccept: x\r\n\
             Content-Length: 4\r\n\r\nbody"
        );
    }
}

/// PDFs built to exhaust a reader, for the tests and seeds of PDF reading: each is small on
/// disk and unbounded in what a naive reader spends on it.
#[derive(Debug, Clone, Copy)]
pub enum HostilePdf {
    /// A catalog holding arrays nested this many levels deep.
    NestedArrays(usize),
    /// Forms drawing each other: `levels` levels, each drawing the one below `fan` times, the
    /// lowest a line of `line` characters — `fan^(levels-1)` copies of it.
    TextBomb {
        /// Levels of forms.
        levels: usize,
        /// Draws of the level below per form.
        fan: usize,
        /// Characters of the line drawn.
        line: usize,
    },
    /// A page whose compressed content inflates to this many MiB of zeros (a few hundred bytes
    /// a MiB).
    FlateBomb(usize),
}

impl HostilePdf {
    /// The file's bytes.
    pub fn bytes(self) -> Vec<u8> {
        match self {
            HostilePdf::NestedArrays(depth) => pdf_of(&[
                format!(
                    "<< /Type /Catalog /Pages 2 0 R /Deep {}{} >>",
                    "[".repeat(depth),
                    "]".repeat(depth)
                )
                .into_bytes(),
                b"<< /Type /Pages /Kids [] /Count 0 >>".to_vec(),
            ]),
            HostilePdf::TextBomb { levels, fan, line } => {
                let top = levels.saturating_sub(1);
                let mut forms = Vec::new();
                for level in 0..levels {
                    let content = if level == 0 {
                        let words = "bomb ".repeat(line / 5 + 1);
                        format!("BT /F1 12 Tf 72 700 Td ({}) Tj ET", &words[..line]).into_bytes()
                    } else {
                        format!("/X{} Do\n", level - 1).repeat(fan).into_bytes()
                    };
                    let below = if level == 0 {
                        String::new()
                    } else {
                        format!("/X{} {} 0 R", level - 1, 5 + level)
                    };
                    forms.push(pdf_stream(
                        &format!(
                            "/Type /XObject /Subtype /Form /BBox [0 0 612 792] \
                             /Resources << /Font << /F1 4 0 R >> /XObject << {below} >> >>"
                        ),
                        &content,
                    ));
                }
                one_page_pdf(
                    pdf_stream("", format!("/X{top} Do").as_bytes()),
                    &format!("/X{top} {} 0 R", 6 + top),
                    forms,
                )
            }
            HostilePdf::FlateBomb(mib) => {
                // Blocks of 1 MiB of zeros, each flushed whole, so the same bytes repeat.
                let zeros = vec![0u8; 1 << 20];
                let mut z = flate2::Compress::new(flate2::Compression::best(), true);
                let mut data = Vec::with_capacity(1 << 16);
                let _ = z.compress_vec(&zeros, &mut data, flate2::FlushCompress::Full);
                let mut block = Vec::with_capacity(1 << 16);
                let _ = z.compress_vec(&zeros, &mut block, flate2::FlushCompress::Full);
                for _ in 1..mib {
                    data.extend(&block);
                }
                // The last, empty block, then the Adler-32 of the zeros.
                data.extend([0x03, 0x00]);
                let n = (mib as u64) << 20;
                data.extend((((n % 65_521) << 16) as u32 | 1).to_be_bytes());
                one_page_pdf(pdf_stream("/Filter /FlateDecode", &data), "", Vec::new())
            }
        }
    }
}

/// A PDF of the objects given (numbered from 1, the first the catalog), with its
/// cross-reference table.
fn pdf_of(objects: &[Vec<u8>]) -> Vec<u8> {
    let mut out = b"%PDF-1.4\n".to_vec();
    let mut offsets = Vec::new();
    for (i, body) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.extend(format!("{} 0 obj\n", i + 1).as_bytes());
        out.extend(body);
        out.extend(b"\nendobj\n");
    }
    let xref = out.len();
    out.extend(format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).as_bytes());
    for o in offsets {
        out.extend(format!("{o:010} 00000 n \n").as_bytes());
    }
    out.extend(
        format!(
            "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
            objects.len() + 1
        )
        .as_bytes(),
    );
    out
}

/// A stream object with `dict`'s entries and `data`.
fn pdf_stream(dict: &str, data: &[u8]) -> Vec<u8> {
    [
        format!("<< {dict} /Length {} >>\nstream\n", data.len()).as_bytes(),
        data,
        b"\nendstream",
    ]
    .concat()
}

/// One page whose content is `content` (object 5), with a font (object 4), the XObjects named
/// and the objects after them (from 6).
fn one_page_pdf(content: Vec<u8>, xobjects: &str, more: Vec<Vec<u8>>) -> Vec<u8> {
    let mut objects = vec![
        b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_vec(),
        format!(
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 5 0 R \
             /Resources << /Font << /F1 4 0 R >> /XObject << {xobjects} >> >> >>"
        )
        .into_bytes(),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>".to_vec(),
        content,
    ];
    objects.extend(more);
    pdf_of(&objects)
}
