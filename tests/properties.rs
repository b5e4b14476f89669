//! Property tests: the normalizer's map back to the original text, a build's independence from
//! the order the documents come in, and the N-Quads export as a fixed point of re-importing it.

mod common;

use std::collections::BTreeMap;
use std::fs;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use corridor::ingest::normalize::{NormalizedText, fold_ideograph};
use corridor::pipeline::{BuildOptions, ExportFormat, Knowledge};
use corridor::store::CorpusStore;
use oxigraph::io::{RdfFormat, RdfParser};
use proptest::prelude::*;
use proptest::sample::select;

/// `cases` cases; failures are not saved to a file (a failure found is pinned as a named
/// regression test instead).
fn config(cases: u32) -> ProptestConfig {
    ProptestConfig {
        cases,
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

// ---------------------------------------------------------------------------------------------
// Hard text: what PDF extraction leaves in Chinese and English documents, and worse.

/// Chinese text: sentences, names, traditional forms (some converted only next to another
/// char: 計畫, 藉口, 看著), spaced-out characters, numbered items.
const CJK: &[&str] = &[
    "中巴经济走廊",
    "两国元首强调中古关系",
    "兩國關係",
    "計畫",
    "藉口",
    "看著",
    "乾隆",
    "瓜达尔港",
    "习近平",
    "劳尔·卡斯特罗",
    "上海合作组织",
    "《联合声明》",
    "，",
    "。",
    "、",
    "：",
    "“双方”",
    "（二）",
    "一、",
    "近 75 年",
    "中 华 人 民",
    "正处于历史最好时期。”",
    "捍卫合作黏性",
    "𠀀𪚥",
];

/// English words, hyphens that end lines, numbered items.
const LATIN: &[&str] = &[
    "the China-",
    "Pakistan",
    "hyphen-",
    "ated",
    "CPEC",
    "ML-1",
    "Gwadar Port",
    "2025",
    "3.",
    "It ended.",
    "x^2",
    "a",
    "word",
    "—",
    "-",
    "(2)",
    "[1] Zhao,",
];

/// Full-width letters, digits and punctuation.
/// What PDF fonts give for ideographs: Kangxi radicals, CJK Radicals Supplement, CJK
/// Compatibility Ideographs (two blocks), and a radical with no equivalent ideograph.
const RADICALS: &[&str] = &[
    "双⽅",
    "⽀持",
    "⼈⺠",
    "会⻅",
    "举⾏",
    "\u{F9B4}",
    "\u{2F800}",
    "\u{2E80}",
    "⾒",
];

const WIDE: &[&str] = &[
    "２０２５",
    "ＣＰＥＣ",
    "ａｂ",
    "（",
    "）",
    "［１］",
    "－",
    "＾",
];

/// Footnote markers, the ones the normalizer removes and others it must leave.
const MARKERS: &[&str] = &[
    "①",
    "②",
    "[1]",
    "[12]",
    "^[1]",
    "^[12]",
    "^{*}",
    "^[1,2]",
    "^[a-b]",
    "^[１]",
    "^[1\u{200B}]",
    "¹",
    "²³",
    "⁴",
    "^[",
    "^{}",
    "^[1 2]",
    "^[123456789]",
    "^[†]",
    "^",
];

/// Chars that are invisible or combine with their neighbour.
const INVISIBLE: &[&str] = &[
    "\u{AD}", "\u{200B}", "\u{200C}", "\u{200D}", "\u{2060}", "\u{FEFF}", "\u{301}", "e\u{301}",
    "\u{338}", "\u{FE0F}",
];

/// Emoji: astral chars, flags, skin tones, a ZWJ sequence.
const EMOJI: &[&str] = &["😀", "🇨🇳", "👍🏽", "👨\u{200D}👩\u{200D}👧", "🀄"];

/// Line breaks and blanks of every kind.
const BLANKS: &[&str] = &[
    "\n",
    "\r\n",
    "\r",
    "\n\n",
    " \n",
    "\n\u{3000}",
    "\u{3000}",
    "\t",
    "\u{A0}",
    "\u{2028}",
    " ",
    "  ",
    "\u{85}",
    "\r\r\n",
    "\n \n",
];

/// One of `list`.
fn pick(list: &'static [&'static str]) -> impl Strategy<Value = String> {
    select(list).prop_map(str::to_string)
}

/// A title printed vertically: Chinese characters one per line.
fn vertical_title() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::char::range('\u{4E00}', '\u{9FA5}'), 3..7)
        .prop_map(|cs| cs.iter().map(|c| format!("{c}\n\n")).collect())
}

/// A sentence of the corpus with line breaks put inside it.
fn broken_sentence() -> impl Strategy<Value = String> {
    (
        select(sentence_pool()),
        prop::collection::vec((any::<prop::sample::Index>(), select(BLANKS)), 0..4),
    )
        .prop_map(|(s, cuts)| {
            let mut chars: Vec<String> = s.chars().map(String::from).collect();
            for (at, blank) in cuts {
                let i = at.index(chars.len() + 1);
                chars.insert(i, blank.to_string());
            }
            chars.concat()
        })
}

/// One piece of hard text, the kinds weighted by how much they matter.
fn fragment() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => pick(CJK),
        3 => pick(LATIN),
        2 => pick(WIDE),
        2 => pick(RADICALS),
        2 => pick(MARKERS),
        2 => pick(INVISIBLE),
        1 => pick(EMOJI),
        4 => pick(BLANKS),
        1 => vertical_title(),
        2 => broken_sentence(),
        1 => any::<char>().prop_map(String::from),
        1 => "\\PC{1,3}",
    ]
}

/// Text made of hard fragments.
fn hard_text() -> impl Strategy<Value = String> {
    prop::collection::vec(fragment(), 0..40).prop_map(|f| f.concat())
}

/// Sentences of the default corpus and the small fixture corpus, cleaned, of modest length.
fn sentence_pool() -> Vec<String> {
    static POOL: OnceLock<Vec<String>> = OnceLock::new();
    POOL.get_or_init(|| {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let files = [
            "data/000_4ad354962bbda0e7.txt",
            "data/001_1a856d60526b52c7.txt",
            "tests/fixtures/small-corpus/visit-2024.txt",
            "tests/fixtures/small-corpus/forum-2023.txt",
        ];
        let mut pool = Vec::new();
        for f in files {
            let text = fs::read_to_string(root.join(f)).expect("corpus file");
            let clean = NormalizedText::new(&text);
            for s in clean.text().split(['。', '\n']) {
                let n = s.chars().count();
                if (8..=90).contains(&n) && !s.contains('^') {
                    pool.push(format!("{}。", s.trim()));
                }
            }
        }
        pool.sort();
        pool.dedup();
        pool
    })
    .clone()
}

// ---------------------------------------------------------------------------------------------
// 1. The offset map.

/// Full-width letters and digits, which become ASCII.
fn is_wide_alnum(c: char) -> bool {
    matches!(c, '０'..='９' | 'Ａ'..='Ｚ' | 'ａ'..='ｚ')
}

/// Chars the normalizer deletes wherever they are.
fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}' | '\u{AD}'
    )
}

/// Chinese ideographs.
fn is_han(c: char) -> bool {
    matches!(c, '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}' | '\u{F900}'..='\u{FAFF}' | '\u{20000}'..='\u{3FFFF}')
}

/// What `fast2s` makes of `o` between `prev` and `next` (it looks at the neighbours).
fn simplified(prev: Option<char>, o: char, next: Option<char>) -> char {
    let s: String = prev.into_iter().chain([o]).chain(next).collect();
    let out: Vec<char> = fast2s::convert(&s).chars().collect();
    out[usize::from(prev.is_some())]
}

/// Whether `c` is in GB2312's hanzi rows, the standard simplified characters.
fn is_gb2312_hanzi(c: char) -> bool {
    let mut buf = [0; 4];
    let (bytes, _, unmappable) = encoding_rs::GBK.encode(c.encode_utf8(&mut buf));
    !unmappable && matches!(*bytes, [0xB0..=0xF7, 0xA1..=0xFE])
}

/// Footnote markers in the original (`^[1]`, `^{*}`, `^[1,2]`: a caret, a bracket, one to
/// eight label chars and the closing bracket, invisible chars not counted), each with whether
/// it starts its line (nothing but blanks before it on the line), as (char offsets, starts).
fn footnote_markers(original: &str) -> Vec<(Vec<usize>, bool)> {
    let visible: Vec<(usize, char)> = original
        .char_indices()
        .filter(|&(_, c)| !is_invisible(c))
        .collect();
    let label = |c: char| c.is_ascii_alphanumeric() || is_wide_alnum(c) || "*,-–†‡".contains(c);
    let mut out = Vec::new();
    for (i, &(_, c)) in visible.iter().enumerate() {
        let close = match (c, visible.get(i + 1).map(|x| x.1)) {
            ('^', Some('[')) => ']',
            ('^', Some('{')) => '}',
            _ => continue,
        };
        let n = visible[i + 2..].iter().take_while(|x| label(x.1)).count();
        if (1..=8).contains(&n) && visible.get(i + 2 + n).map(|x| x.1) == Some(close) {
            let starts = visible[..i]
                .iter()
                .rev()
                .take_while(|x| x.1 != '\n' && x.1 != '\r')
                .all(|x| x.1.is_whitespace());
            out.push((visible[i..i + n + 3].iter().map(|x| x.0).collect(), starts));
        }
    }
    out
}

/// Checks everything the normalizer promises of its offset map for `original`; `probes` are
/// arbitrary byte offsets for ranges (inside chars and past the end too).
fn check_offset_map(original: &str, probes: &[(usize, usize)]) -> Result<(), TestCaseError> {
    let n = NormalizedText::new(original);
    let text = n.text();
    let chars: Vec<(usize, char)> = text.char_indices().collect();

    // Every char of the result comes from exactly one char of the original.
    let mut origins: Vec<(Range<usize>, char)> = Vec::with_capacity(chars.len());
    for &(i, c) in &chars {
        let r = n.original_range(i..i + c.len_utf8());
        prop_assert!(
            r.end <= original.len()
                && original.is_char_boundary(r.start)
                && original.is_char_boundary(r.end),
            "{c:?} at {i} maps to {r:?}, not a char range of the original"
        );
        let mut from = original[r.clone()].chars();
        let o = from.next();
        prop_assert!(
            o.is_some() && from.next().is_none(),
            "{c:?} at {i} maps to {:?}, not one char",
            &original[r.clone()]
        );
        origins.push((r, o.unwrap_or_default()));
    }
    // In order: each char's origin lies after the one before.
    for (k, w) in origins.windows(2).enumerate() {
        prop_assert!(
            w[0].0.end <= w[1].0.start,
            "chars {k} and {} map out of order: {:?} then {:?}",
            k + 1,
            w[0],
            w[1]
        );
    }
    // And it is that char, or what the documented rewrites make of it.
    for (k, (&(i, c), (_, o))) in chars.iter().zip(&origins).enumerate() {
        let (o, prev, next) = (
            *o,
            k.checked_sub(1).map(|j| origins[j].1),
            origins.get(k + 1).map(|x| x.1),
        );
        let simple = simplified(prev, o, next);
        let ok = match c {
            '\n' => o == '\n' || o == '\r',
            ' ' => o.is_whitespace(),
            _ if is_wide_alnum(o) => char::from_u32(o as u32 - 0xFEE0) == Some(c),
            // An ASCII clause mark inside Chinese text is printed full-width.
            _ if c != o && ",;:!?".contains(o) => {
                c == char::from_u32(o as u32 + 0xFEE0).unwrap_or(o)
            }
            // Straight double quotes pairing up in Chinese text become curly.
            _ if c != o && o == '"' => "“”".contains(c),
            // A CJK radical or compatibility ideograph becomes the ideograph it stands for,
            // which may then be simplified.
            _ if c != o && fold_ideograph(o) != o => {
                let folded = fold_ideograph(o);
                c == folded || c == simplified(prev, folded, next)
            }
            _ if c != o => c == simple,
            // A traditional char outside GB2312 is simplified.
            _ => simple == o || is_gb2312_hanzi(o),
        };
        prop_assert!(ok, "{c:?} at {i} comes from {o:?} (simplified: {simple:?})");
    }

    // What the original loses is only what the rules remove: blanks, invisible chars, footnote
    // markers that do not start a line, and the hyphen of a word broken across lines.
    let kept: BTreeMap<usize, usize> = origins
        .iter()
        .enumerate()
        .map(|(k, (r, _))| (r.start, k))
        .collect();
    let markers = footnote_markers(original);
    for (at, starts) in &markers {
        let dropped = at.iter().filter(|p| !kept.contains_key(p)).count();
        let expected = if *starts { 0 } else { at.len() };
        prop_assert_eq!(
            dropped,
            expected,
            "footnote marker at {:?} (starts its line: {})",
            at,
            starts
        );
    }
    let in_marker = |p: usize| markers.iter().any(|(at, _)| at.contains(&p));
    for (p, o) in original.char_indices() {
        if kept.contains_key(&p) || o.is_whitespace() || is_invisible(o) || in_marker(p) {
            continue;
        }
        prop_assert!(o == '-', "{o:?} at {p} was dropped");
        // Unhyphenation: only blanks and dropped chars up to a line break, a letter before
        // (in the result) and a lowercase letter after.
        let rest = &original[p + 1..];
        let line_end = rest.find(['\n', '\r']).map(|e| p + 1 + e);
        let gap_dropped = line_end.is_some_and(|e| {
            original[p + 1..e]
                .char_indices()
                .all(|(q, _)| !kept.contains_key(&(p + 1 + q)))
        });
        let after = kept.range(p..).next().map(|(_, &k)| chars[k].1);
        let before = kept.range(..p).next_back().map(|(_, &k)| chars[k].1);
        prop_assert!(
            gap_dropped
                && before.is_some_and(|b| b.is_ascii_alphabetic())
                && after.is_some_and(char::is_lowercase),
            "hyphen at {p} dropped between {before:?} and {after:?}"
        );
    }

    // Ranges map to the origin of their first char up to the end of their last's; empty ones
    // to the start of the char they stand before.
    let start_of = |b: usize| -> usize {
        match chars.binary_search_by_key(&b, |x| x.0) {
            Ok(k) => origins[k].0.start,
            Err(_) => origins.last().map_or(0, |x| x.0.end),
        }
    };
    let end_of = |b: usize| -> usize {
        let k = chars.partition_point(|x| x.0 < b);
        origins[k - 1].0.end
    };
    let expected = |s: usize, e: usize| -> Range<usize> {
        if s < e {
            start_of(s)..end_of(e)
        } else {
            start_of(s)..start_of(s)
        }
    };
    let mut bounds: Vec<usize> = chars.iter().map(|x| x.0).collect();
    bounds.push(text.len());
    let step = bounds.len() / 40 + 1;
    for &s in bounds.iter().step_by(step) {
        for &e in bounds.iter().filter(|&&e| e >= s) {
            prop_assert_eq!(n.original_range(s..e), expected(s, e), "range {}..{}", s, e);
        }
    }
    // Offsets inside chars widen to the whole char, past the end clamp to it.
    let floor = |mut b: usize| {
        b = b.min(text.len());
        while !text.is_char_boundary(b) {
            b -= 1;
        }
        b
    };
    let ceil = |mut b: usize| {
        while !text.is_char_boundary(b) {
            b += 1;
        }
        b
    };
    for &(x, y) in probes {
        let s = floor(x);
        let e = ceil(y.clamp(s, text.len()));
        prop_assert_eq!(n.original_range(x..y), expected(s, e), "probe {}..{}", x, y);
    }
    // Ranges in order map to ranges in order.
    for w in bounds.windows(3).step_by(step) {
        let (a, b) = (n.original_range(w[0]..w[1]), n.original_range(w[1]..w[2]));
        prop_assert!(a.end <= b.start, "{:?} then {:?}", a, b);
        let whole = n.original_range(w[0]..w[2]);
        prop_assert!(whole.start == a.start && whole.end == b.end.max(a.end));
    }

    check_joins(original, &chars, &origins)?;
    check_vertical_titles(original, &chars, &origins)?;

    // The text itself: paragraphs separated by one `\n`, no blanks at the ends or doubled, no
    // carriage returns, invisible or full-width alphanumeric chars, no space inside Chinese.
    for (i, w) in chars.windows(2).enumerate() {
        let pair = (w[0].1, w[1].1);
        prop_assert!(
            !matches!(pair, ('\n', '\n') | (' ', ' ') | (' ', '\n') | ('\n', ' ')),
            "{pair:?} at char {i} of {text:?}"
        );
    }
    for (i, w) in chars.windows(3).enumerate() {
        let ok = !(is_han(w[0].1) && w[1].1 == ' ' && is_han(w[2].1));
        prop_assert!(
            ok,
            "a space between Chinese chars at char {} of {:?}",
            i,
            text
        );
    }
    prop_assert!(!text.starts_with([' ', '\n']) && !text.ends_with([' ', '\n']));
    for c in text.chars() {
        let bad = c == '\r' || is_invisible(c) || is_wide_alnum(c);
        prop_assert!(
            !bad && (c == ' ' || c == '\n' || !c.is_whitespace()),
            "{c:?} in the text"
        );
    }
    Ok(())
}

/// Chinese ideographs, kana, CJK and full-width punctuation (as the module documents them).
fn is_cjk(c: char) -> bool {
    is_han(c)
        || matches!(c, '\u{2E80}'..='\u{2FDF}' | '\u{3001}'..='\u{30FF}' | '\u{FE30}'..='\u{FE4F}' | '\u{FF00}'..='\u{FFEF}')
}

/// Chars beside which a space next to a Chinese char goes: Chinese chars, digits, the
/// punctuation Chinese shares with English and ASCII sentence punctuation.
fn is_cjk_side(c: char) -> bool {
    is_cjk(c) || c.is_ascii_digit() || "·—–…‘’“”.,;:!?".contains(c)
}

/// Checks what the line breaks and spaces of `original` became: a space inside a line goes
/// beside a Chinese char (with a digit or shared punctuation on the other side); a line break
/// stays after a sentence's end and before a footnote body or bracketed label, and when it
/// becomes a space, that space is between words (no Chinese char, hyphen or dash beside it).
fn check_joins(
    original: &str,
    chars: &[(usize, char)],
    origins: &[(Range<usize>, char)],
) -> Result<(), TestCaseError> {
    let is_break = |c: char| c == '\n' || c == '\r';
    // Whether the text up to char `k` ends a sentence, perhaps with closing quotes or brackets.
    let ends_sentence = |k: usize| {
        let last = chars[..=k]
            .iter()
            .rev()
            .map(|x| x.1)
            .find(|&c| !"”’）」』》〕】)]\"'".contains(c));
        last.is_some_and(|c| "。！？；：.!?;:".contains(c))
    };
    let starts_label = |c: char| "[^〔【•●■□◆".contains(c);
    for k in 0..chars.len() {
        let c = chars[k].1;
        let from_break = is_break(origins[k].1);
        if c == ' ' && !from_break {
            let (x, y) = (chars[k - 1].1, chars[k + 1].1);
            prop_assert!(
                !((is_cjk(x) || is_cjk(y)) && is_cjk_side(x) && is_cjk_side(y)),
                "a space between {x:?} and {y:?} (char {k})"
            );
        }
        if c == ' ' && from_break {
            let (x, y) = (chars[k - 1].1, chars[k + 1].1);
            prop_assert!(
                !is_cjk(x) && !is_cjk(y) && !"-—–".contains(x),
                "a line break became a space between {x:?} and {y:?} (char {k})"
            );
        }
        // Text joined across a line break: by a space or by nothing.
        let glued = k + 1 < chars.len()
            && !is_break(origins[k].1)
            && !is_break(origins[k + 1].1)
            && original[origins[k].0.end..origins[k + 1].0.start].contains(is_break);
        if (c == ' ' && from_break) || glued {
            let (before, after) = if glued { (k, k + 1) } else { (k - 1, k + 1) };
            prop_assert!(
                !ends_sentence(before) && !starts_label(chars[after].1),
                "the line break between {:?} and {:?} (char {k}) went",
                chars[before].1,
                chars[after].1
            );
        }
    }
    Ok(())
}

/// Checks that 4 or more lines in a row of one Chinese char each (a title printed vertically)
/// become one line of their own.
fn check_vertical_titles(
    original: &str,
    chars: &[(usize, char)],
    origins: &[(Range<usize>, char)],
) -> Result<(), TestCaseError> {
    // The non-blank lines: their visible chars (blanks and invisible chars left out).
    let lines: Vec<Vec<(usize, char)>> = {
        let mut lines = vec![Vec::new()];
        for (p, c) in original.char_indices() {
            if c == '\n' || c == '\r' {
                lines.push(Vec::new());
            } else if !c.is_whitespace() && !is_invisible(c) {
                lines.last_mut().unwrap().push((p, c));
            }
        }
        lines.retain(|l| !l.is_empty());
        lines
    };
    // (A radical a PDF font gave counts as the ideograph it stands for.)
    let single = |l: &Vec<(usize, char)>| l.len() == 1 && is_han(fold_ideograph(l[0].1));
    let index_of = |p: usize| origins.iter().position(|o| o.0.start == p);
    let mut i = 0;
    while i < lines.len() {
        let n = lines[i..].iter().take_while(|l| single(l)).count();
        // A line holding a footnote marker might become one char too: no claim next to one.
        let marker_beside = [i.checked_sub(1), Some(i + n)]
            .into_iter()
            .flatten()
            .filter_map(|j| lines.get(j))
            .any(|l| l.iter().any(|x| x.1 == '^'));
        if n >= 4 && !marker_beside {
            let at: Vec<Option<usize>> = lines[i..i + n].iter().map(|l| index_of(l[0].0)).collect();
            let first = at[0].unwrap_or(usize::MAX);
            let joined = at.iter().enumerate().all(|(j, k)| *k == Some(first + j));
            let own_line = (first == 0 || chars[first - 1].1 == '\n')
                && chars.get(first + n).is_none_or(|x| x.1 == '\n');
            prop_assert!(
                joined && own_line,
                "vertical title of lines {i}..{} at chars {at:?}",
                i + n
            );
        }
        i += n.max(1);
    }
    Ok(())
}

proptest! {
    #![proptest_config(config(3000))]

    #[test]
    fn the_offset_map_points_every_char_at_its_origin(
        original in hard_text(),
        probes in prop::collection::vec((0usize..2000, 0usize..2000), 0..16),
    ) {
        check_offset_map(&original, &probes)?;
    }
}

// ---------------------------------------------------------------------------------------------
// 2 and 3. Builds.

/// A generated document: its id, manifest fields and text.
#[derive(Debug, Clone)]
struct Doc {
    id: String,
    title: String,
    date: Option<&'static str>,
    named: bool,
    text: String,
}

/// Ids whose sorted order differs from the order the documents are generated in.
const IDS: &[&str] = &[
    "visit-2024",
    "a_readout",
    "Forum.2023",
    "cpec-plan",
    "0-note",
];

/// Titles; the first two are cited in the corpus sentences when a document is `named`.
const TITLES: &[&str] = &[
    "中巴联合声明",
    "中华人民共和国和古巴共和国关于加快构建中古命运共同体的联合声明",
    "中巴经济走廊合作纪要",
    "会谈纪要",
];

/// The text of a document: sentences of the corpus (some broken across lines, some citing
/// a named text), now and then hard text.
fn document_text() -> impl Strategy<Value = String> {
    let sentence = prop_oneof![
        6 => select(sentence_pool()),
        1 => broken_sentence(),
        1 => Just("双方重申支持《中巴联合声明》。".to_string()),
        1 => hard_text(),
    ];
    (
        prop::collection::vec(sentence, 1..4),
        prop::collection::vec(select(&["", "\n", "\n\n"][..]), 3),
    )
        .prop_map(|(sentences, seps)| {
            let mut text = String::new();
            for (s, sep) in sentences.iter().zip(seps.iter().cycle()) {
                text.push_str(s);
                text.push_str(sep);
            }
            text.push('\n');
            // Less the control chars that make a file binary to the decoder (and so refused).
            text.retain(|c| !c.is_control() || matches!(c, '\t' | '\n' | '\r'));
            text
        })
        // A blank document is refused by ingest (its own test pins that), so every generated
        // document holds some text.
        .prop_filter("a document holds text", |text| !text.trim().is_empty())
}

/// Two to four documents, with manifest fields.
fn corpus_docs() -> impl Strategy<Value = Vec<Doc>> {
    let doc = (
        select(TITLES),
        prop::option::of(select(&["2024-06-08", "2023", "2025-09"][..])),
        prop::bool::weighted(0.3),
        document_text(),
    );
    prop::collection::vec(doc, 2..=4).prop_map(|docs| {
        docs.into_iter()
            .enumerate()
            .map(|(k, (title, date, named, text))| Doc {
                id: IDS[k].to_string(),
                title: title.to_string(),
                date,
                named,
                text,
            })
            .collect()
    })
}

/// Writes the documents into `dir` (emptied first) in `order`, each file created in turn, with
/// a manifest listing them in that order, or none.
fn write_corpus(dir: &Path, docs: &[Doc], order: &[usize], manifest: bool) {
    if dir.exists() {
        fs::remove_dir_all(dir).unwrap();
    }
    fs::create_dir_all(dir).unwrap();
    let mut toml = String::new();
    for &k in order {
        let d = &docs[k];
        fs::write(dir.join(format!("{}.txt", d.id)), &d.text).unwrap();
        toml.push_str(&format!(
            "[[document]]\nid = \"{}\"\nfile = \"{}.txt\"\ntitle = \"{}\"\nnamed = {}\n",
            d.id, d.id, d.title, d.named
        ));
        if let Some(date) = d.date {
            toml.push_str(&format!("date = \"{date}\"\n"));
        }
        toml.push('\n');
    }
    if manifest {
        fs::write(dir.join("corpus.toml"), toml).unwrap();
    }
}

/// Builds `corpus` into `store`, writing the exports into `out`; gives every exported file.
fn build(corpus: &Path, store: &Path, out: &Path) -> Vec<(String, Vec<u8>)> {
    let opts = BuildOptions {
        corpus: corpus.to_path_buf(),
        store: store.to_path_buf(),
        out: out.to_path_buf(),
        knowledge: Knowledge {
            ontology_dir: None,
            use_gazetteer: true,
            ..Default::default()
        },
        progress: false,
        exports: Default::default(),
        shard: None,
        follow_links: false,
        ocr: false,
    };
    let report = corridor::pipeline::build(&opts).expect("build");
    assert!(
        report.ingest.failures.is_empty(),
        "{:?}",
        report.ingest.failures
    );
    common::read_dir_bytes(out)
}

/// Names the first file that differs, rather than printing megabytes of bytes.
fn first_difference(a: &[(String, Vec<u8>)], b: &[(String, Vec<u8>)]) -> Option<String> {
    let names = |x: &[(String, Vec<u8>)]| x.iter().map(|f| f.0.clone()).collect::<Vec<_>>();
    if names(a) != names(b) {
        return Some(format!("files {:?} vs {:?}", names(a), names(b)));
    }
    a.iter().zip(b).find(|(x, y)| x.1 != y.1).map(|(x, y)| {
        let at = x.1.iter().zip(&y.1).take_while(|(p, q)| p == q).count();
        let show = |v: &[u8]| {
            String::from_utf8_lossy(&v[at.saturating_sub(80)..(at + 80).min(v.len())]).into_owned()
        };
        format!(
            "{} differs at byte {at}:\n{}\n---\n{}",
            x.0,
            show(&x.1),
            show(&y.1)
        )
    })
}

proptest! {
    #![proptest_config(config(8))]

    #[test]
    fn builds_do_not_depend_on_document_order(
        docs in corpus_docs(),
        shuffle in any::<prop::sample::Index>(),
        manifest in any::<bool>(),
    ) {
        let tmp = tempfile::tempdir().unwrap();
        let corpus = tmp.path().join("corpus");
        let first: Vec<usize> = (0..docs.len()).collect();
        // Another order: rotated by a random amount and reversed, so never the same.
        let mut second = first.clone();
        second.rotate_left(shuffle.index(docs.len()));
        second.reverse();
        if second == first {
            second.swap(0, 1);
        }
        write_corpus(&corpus, &docs, &first, manifest);
        let a = build(&corpus, &tmp.path().join("store-a"), &tmp.path().join("out-a"));
        write_corpus(&corpus, &docs, &second, manifest);
        let b = build(&corpus, &tmp.path().join("store-b"), &tmp.path().join("out-b"));
        prop_assert!(a == b, "{}", first_difference(&a, &b).unwrap_or_default());
        // Building again, in the first order, into the store built in the second changes
        // nothing.
        write_corpus(&corpus, &docs, &first, manifest);
        let again = build(&corpus, &tmp.path().join("store-b"), &tmp.path().join("out-c"));
        prop_assert!(a == again, "{}", first_difference(&a, &again).unwrap_or_default());
    }

    #[test]
    fn nquads_export_survives_reimport(docs in corpus_docs()) {
        let tmp = tempfile::tempdir().unwrap();
        let corpus = tmp.path().join("corpus");
        let order: Vec<usize> = (0..docs.len()).collect();
        write_corpus(&corpus, &docs, &order, true);
        let out = tmp.path().join("out");
        build(&corpus, &tmp.path().join("store"), &out);
        let exported = fs::read(out.join("corridor.nq")).unwrap();
        prop_assert!(!exported.is_empty());

        // Load the quads into a new store, one document graph each, through corridor's store.
        let prefix = corridor::model::source_iri("");
        let mut graphs: BTreeMap<String, Vec<oxigraph::model::Quad>> = BTreeMap::new();
        for q in RdfParser::from_format(RdfFormat::NQuads).for_reader(exported.as_slice()) {
            let q = q.expect("the export parses");
            let oxigraph::model::GraphName::NamedNode(g) = &q.graph_name else {
                panic!("a quad outside the document graphs: {q}");
            };
            let id = g.as_str().strip_prefix(&prefix).expect("a document graph").to_string();
            graphs.entry(id).or_default().push(q);
        }
        let ids: Vec<&String> = graphs.keys().collect();
        let mut want: Vec<&String> = docs.iter().map(|d| &d.id).collect();
        want.sort();
        prop_assert_eq!(ids, want);
        let reimported: PathBuf = tmp.path().join("reimported");
        {
            let mut store = CorpusStore::open(&reimported).unwrap();
            for (id, quads) in &graphs {
                store.replace_document(id, "reimported", quads).unwrap();
            }
        }
        let again = tmp.path().join("again.nq");
        corridor::pipeline::export(
            &reimported,
            ExportFormat::Nquads,
            &again,
            None,
            Default::default(),
        )
            .unwrap();
        let again = fs::read(&again).unwrap();
        let diff = first_difference(
            &[("corridor.nq".into(), exported.clone())],
            &[("again.nq".into(), again.clone())],
        );
        prop_assert!(exported == again, "{}", diff.unwrap_or_default());

        // The N-Quads hold all the other exports are made of: the re-imported store gives them
        // all, byte for byte.
        let store = CorpusStore::open_read_only(&reimported).unwrap();
        let all = tmp.path().join("all");
        corridor::pipeline::write_all_exports(&store, &all, None, Default::default()).unwrap();
        let (built, from_quads) = (common::read_dir_bytes(&out), common::read_dir_bytes(&all));
        let diff = first_difference(&built, &from_quads);
        prop_assert!(built == from_quads, "{}", diff.unwrap_or_default());
    }
}
