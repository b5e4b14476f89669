//! Normalization: undoing what PDF extraction does to text, with an exact map back to the
//! original.
//!
//! This module owns the cleaning rules: line breaks inside words and sentences, spaces between
//! Chinese characters (and between them and digits), titles printed one character per line,
//! footnote markers in running text, traditional characters, full-width letters and digits, and
//! line endings. Every char of the result comes from one char of the original (a replaced char
//! or a kept line break maps to the char it replaces), so offsets found in the cleaned text can
//! be reported in the original. It knows nothing of documents, sentences or entities.
//!
//! The rules, in order:
//! - chars: `\r\n` and `\r` become `\n`; U+3000, tabs and other blanks become spaces;
//!   zero-width chars go; full-width letters and digits become ASCII (`２０２５` → `2025`);
//!   CJK radicals and compatibility ideographs, which fonts in PDFs often give for ordinary
//!   ideographs, become the unified ideographs Unicode makes them equivalent to (`双⽅⽀持` →
//!   `双方支持`; see [`fold_ideograph`]), while full-width punctuation stays; an
//!   ASCII comma, semicolon, colon, exclamation or question mark right after or before a
//!   Chinese character becomes its full-width form (`举行,中共` → `举行，中共`, `记者问:我们` →
//!   `记者问：我们`), as web pages often print them; between digits or Latin words they stay;
//!   straight double quotes pairing up in a line with Chinese beside them become curly
//!   (`"复兴"气田` → `“复兴”气田`);
//! - in each line: footnote markers go unless they start the line (`^{*} 本文…` labels a
//!   footnote body); leading and trailing spaces go; spaces between Chinese chars, or between
//!   one and a digit or shared punctuation, go (`近 75 年` → `近75年`), other runs become one;
//! - between lines (blank lines ignored): 4 or more one-character lines in a row are a vertical
//!   title, joined into one line of its own; a break stays (as one `\n`) after 。！？；：.!?;:
//!   (with any closing quotes or brackets), before a footnote body or numbered item (`[1]`,
//!   `一、`, `（二）`, `3.`), after a line clearly shorter than the lines around it that
//!   does not end in a comma-like mark, and after a first line that reads as a Chinese title
//!   when the next opens with a dateline (`当地时间12月1日`, `新华社…电`); otherwise it goes, leaving nothing between Chinese
//!   chars, a space between words, and nothing after a word-breaking hyphen (`hyphen-\nated`);
//! - last, traditional characters become simplified (`兩國` → `两国`).

use std::ops::Range;

/// A char being normalized and the byte offset in the original of the char it comes from.
type Sourced = (char, usize);

/// Text with PDF artifacts undone, and a map from its byte offsets back to the original's.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NormalizedText {
    text: String,
    /// The offset map, in stretches covering `text` in order.
    runs: Vec<Run>,
}

/// `norm_len` bytes of the normalized text from `norm` come from `orig_len` bytes of the
/// original from `orig`: byte for byte when the lengths are equal, else as one char.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Run {
    norm: usize,
    orig: usize,
    norm_len: usize,
    orig_len: usize,
}

/// One line of the original after char-level cleaning.
struct Line {
    /// Its chars, footnote markers and extra spaces removed.
    chars: Vec<Sourced>,
    /// Printed width in half columns (CJK and other wide chars count 2), spaces included.
    width: usize,
    /// Offset in the original of the line break that ends it.
    newline: usize,
}

/// What replaces the line break between two non-empty lines.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Join {
    /// A paragraph break: one `\n`.
    Break,
    /// Nothing: the lines are one word or one Chinese sentence.
    Glue,
    /// A space between two words.
    Space,
    /// Nothing, and the hyphen that ends the first line goes too.
    Unhyphenate,
}

impl NormalizedText {
    /// Normalizes `original`: see the module documentation for the rules.
    pub fn new(original: &str) -> NormalizedText {
        Self::build(original, false)
    }

    /// Normalizes text whose every line is a paragraph already (a PDF's text as corridor lays
    /// it out): the char-level and in-line rules apply, and every line break stays.
    pub fn of_paragraphs(original: &str) -> NormalizedText {
        Self::build(original, true)
    }

    fn build(original: &str, paragraphs: bool) -> NormalizedText {
        let lines = split_lines(&full_width_marks(clean_chars(original)), original.len());
        let chars = to_simplified(join_lines(&lines, paragraphs));
        let mut text = String::with_capacity(original.len());
        let mut runs: Vec<Run> = Vec::new();
        for (c, at) in chars {
            let len = c.len_utf8();
            let orig_len = original[at..].chars().next().map_or(1, char::len_utf8);
            match runs.last_mut() {
                Some(r)
                    if r.norm_len == r.orig_len && len == orig_len && r.orig + r.orig_len == at =>
                {
                    r.norm_len += len;
                    r.orig_len += len;
                }
                _ => runs.push(Run {
                    norm: text.len(),
                    orig: at,
                    norm_len: len,
                    orig_len,
                }),
            }
            text.push(c);
        }
        NormalizedText { text, runs }
    }

    /// The normalized text: paragraphs separated by one `\n`, no leading or trailing blanks.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// Maps a byte range of the normalized text to the byte range in the original text that produced it
    /// (start maps to the original position of the first char, end to just past the original of the last char).
    ///
    /// Offsets past the end are clamped to it and offsets inside a char widen the range to the
    /// whole char. An empty range maps to an empty range at the original position of the char
    /// it stands before (or just past the original of the last char, at the end of the text).
    pub fn original_range(&self, range: Range<usize>) -> Range<usize> {
        let mut start = range.start.min(self.text.len());
        while !self.text.is_char_boundary(start) {
            start -= 1;
        }
        let mut end = range.end.clamp(start, self.text.len());
        while !self.text.is_char_boundary(end) {
            end += 1;
        }
        let s = match self.text[start..].chars().next() {
            Some(_) => self.origin(start).start,
            None => self.origin_end(start),
        };
        if start < end {
            s..self.origin_end(end).max(s)
        } else {
            s..s
        }
    }

    /// Just past the original of the last normalized char before boundary `at`.
    fn origin_end(&self, at: usize) -> usize {
        let last = self.text[..at].char_indices().next_back();
        last.map_or(0, |(i, _)| self.origin(i).end)
    }

    /// The original byte range of the normalized char that starts at `at`.
    fn origin(&self, at: usize) -> Range<usize> {
        let i = self
            .runs
            .partition_point(|r| r.norm <= at)
            .saturating_sub(1);
        let Some(r) = self.runs.get(i) else {
            return 0..0;
        };
        if r.norm_len == r.orig_len {
            let start = r.orig + at.saturating_sub(r.norm);
            start..start + self.text[at..].chars().next().map_or(0, char::len_utf8)
        } else {
            r.orig..r.orig + r.orig_len
        }
    }
}

/// Char-level cleaning: `\r\n` and lone `\r` become `\n`, zero-width chars go, every other
/// whitespace (U+3000, tab, no-break space …) becomes a space, full-width letters and digits
/// become ASCII, radicals and compatibility ideographs become unified ideographs.
fn clean_chars(original: &str) -> Vec<Sourced> {
    let mut out = Vec::with_capacity(original.len() / 2);
    let mut chars = original.char_indices().peekable();
    while let Some((at, c)) = chars.next() {
        let c = match c {
            '\r' if chars.peek().is_some_and(|&(_, n)| n == '\n') => continue,
            '\r' => '\n',
            '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}' | '\u{AD}' => continue,
            '\n' => '\n',
            c if c.is_whitespace() => ' ',
            '０'..='９' | 'Ａ'..='Ｚ' | 'ａ'..='ｚ' => {
                char::from_u32(c as u32 - 0xFEE0).unwrap_or(c)
            }
            c => fold_ideograph(c),
        };
        out.push((c, at));
    }
    out
}

mod radicals {
    //! The generated table (see `build.rs`).
    include!(concat!(env!("OUT_DIR"), "/radicals.rs"));
}

/// The unified ideograph a CJK radical or compatibility ideograph stands for, or `c` itself.
///
/// Many CJK fonts map a glyph shared by a radical and an ideograph to the radical's code point,
/// so text taken from PDFs holds ⽅ (U+2F45) for 方 and ⻅ (U+2EC5) for 见. Radicals (Kangxi
/// Radicals and CJK Radicals Supplement) fold by Unicode's `Equivalent_Unified_Ideograph`
/// property; CJK Compatibility Ideographs by their canonical decomposition, a single unified
/// ideograph. Radicals without an equivalent ideograph, and every other char, stay.
pub fn fold_ideograph(c: char) -> char {
    match c {
        '\u{2E80}'..='\u{2FDF}' => radicals::RADICALS
            .binary_search_by_key(&(c as u32), |&(from, _)| from)
            .ok()
            .and_then(|i| char::from_u32(radicals::RADICALS[i].1))
            .unwrap_or(c),
        '\u{F900}'..='\u{FAFF}' | '\u{2F800}'..='\u{2FA1F}' => {
            let mut parts = [None; 2];
            let mut n = 0;
            unicode_normalization::char::decompose_canonical(c, |d| {
                if n < 2 {
                    parts[n] = Some(d);
                }
                n += 1;
            });
            match parts {
                [Some(one), None] if n == 1 => one,
                _ => c,
            }
        }
        c => c,
    }
}

/// Cuts cleaned chars into lines, removing footnote markers and needless spaces in each.
fn split_lines(chars: &[Sourced], end: usize) -> Vec<Line> {
    let newlines = chars
        .iter()
        .filter(|s| s.0 == '\n')
        .map(|s| s.1)
        .chain([end]);
    let line = |(line, newline): (&[Sourced], usize)| {
        let chars = strip_markers(line);
        let first = chars.iter().position(|s| s.0 != ' ').unwrap_or(chars.len());
        let last = chars
            .iter()
            .rposition(|s| s.0 != ' ')
            .map_or(first, |i| i + 1);
        let width = chars[first..last]
            .iter()
            .map(|s| if s.0.is_ascii() { 1 } else { 2 })
            .sum();
        Line {
            chars: squeeze_spaces(&chars[first..last]),
            width,
            newline,
        }
    };
    chars
        .split(|s| s.0 == '\n')
        .zip(newlines)
        .map(line)
        .collect()
}

/// Removes footnote markers (`^[1]`, `^{*}`, `^[1,2]` …) except at the start of a line, where
/// they label a footnote's body.
fn strip_markers(line: &[Sourced]) -> Vec<Sourced> {
    let mut out: Vec<Sourced> = Vec::with_capacity(line.len());
    let (mut i, mut in_text) = (0, false);
    while let Some(&s) = line.get(i) {
        match marker_len(&line[i..]) {
            Some(n) if in_text => i += n,
            _ => {
                in_text |= s.0 != ' ';
                out.push(s);
                i += 1;
            }
        }
    }
    out
}

/// Length in chars of the footnote marker at the start of `s`, if there is one.
fn marker_len(s: &[Sourced]) -> Option<usize> {
    let close = match (s.first()?.0, s.get(1)?.0) {
        ('^', '[') => ']',
        ('^', '{') => '}',
        _ => return None,
    };
    let n = s.iter().skip(2).take(9).position(|&(c, _)| c == close)?;
    let label = |s: &Sourced| s.0.is_ascii_alphanumeric() || "*,-–†‡".contains(s.0);
    (n > 0 && s[2..2 + n].iter().all(label)).then_some(n + 3)
}

/// Drops runs of spaces at the ends and between Chinese chars (or a Chinese char and a digit);
/// keeps one space of any other run.
fn squeeze_spaces(line: &[Sourced]) -> Vec<Sourced> {
    let mut out: Vec<Sourced> = Vec::with_capacity(line.len());
    let mut i = 0;
    while let Some(&s) = line.get(i) {
        let run = line[i..].iter().take_while(|&&(c, _)| c == ' ').count();
        if run == 0 {
            out.push(s);
            i += 1;
            continue;
        }
        let around = (out.last().map(|x| x.0), line.get(i + run).map(|x| x.0));
        if let (Some(a), Some(b)) = around
            && !((is_cjk(a) || is_cjk(b)) && cjk_side(a) && cjk_side(b))
        {
            out.push(s);
        }
        i += run;
    }
    out
}

/// Joins the non-empty lines, deciding for each line break what it becomes.
fn join_lines(lines: &[Line], paragraphs: bool) -> Vec<Sourced> {
    let lines: Vec<&Line> = lines.iter().filter(|l| !l.chars.is_empty()).collect();
    let vertical = if paragraphs {
        vec![false; lines.len()]
    } else {
        vertical_lines(&lines)
    };
    let mut out: Vec<Sourced> = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        if let Some(prev) = i.checked_sub(1).map(|p| lines[p]) {
            let join = match (vertical[i - 1], vertical[i]) {
                _ if paragraphs => Join::Break,
                (true, true) => Join::Glue,
                (false, false) => {
                    decide(prev, line, typical_width(&lines, &vertical, i - 1), i == 1)
                }
                _ => Join::Break,
            };
            match join {
                Join::Break => out.push(('\n', prev.newline)),
                Join::Space => out.push((' ', prev.newline)),
                Join::Glue => {}
                Join::Unhyphenate => {
                    out.pop();
                }
            }
        }
        out.extend_from_slice(&line.chars);
    }
    out
}

/// The typical width of the lines around line `i`: the upper quartile of the widths of the 40
/// nearest lines, capped at 60 columns since a document with one paragraph per line has none;
/// `None` with fewer than 5 lines to go by.
fn typical_width(lines: &[&Line], vertical: &[bool], i: usize) -> Option<usize> {
    let window = i.saturating_sub(20)..(i + 21).min(lines.len());
    let mut widths: Vec<usize> = window
        .filter(|&j| !vertical[j])
        .map(|j| lines[j].width)
        .collect();
    widths.sort_unstable();
    (widths.len() >= 5).then(|| widths[widths.len() * 3 / 4].min(120))
}

/// Marks the lines of vertically printed titles: 4 or more lines in a row of one Chinese
/// character each.
fn vertical_lines(lines: &[&Line]) -> Vec<bool> {
    let single = |l: &&Line| matches!(l.chars.as_slice(), [(c, _)] if is_han(*c));
    let mut marks = vec![false; lines.len()];
    let mut i = 0;
    while i < lines.len() {
        let n = lines[i..].iter().take_while(|l| single(l)).count();
        if n >= 4 {
            marks[i..i + n].fill(true);
        }
        i += n.max(1);
    }
    marks
}

/// What the line break between `prev` and `next` becomes.
fn decide(prev: &Line, next: &Line, typical: Option<usize>, first: bool) -> Join {
    let (Some(&(a, _)), Some(&(b, _))) = (prev.chars.last(), next.chars.first()) else {
        return Join::Break;
    };
    let short = typical.is_some_and(|t| prev.width * 4 < t * 3);
    if ends_sentence(&prev.chars)
        || starts_item(&next.chars)
        || (short && !is_open(a))
        || (is_headline(&prev.chars) && b.is_uppercase())
        || (first && is_title_line(&prev.chars) && starts_dateline(&next.chars))
        // A short first line before a much longer one is a headline that did not fill the
        // line (外交部就…举行中外媒体吹风会 / 外交部10日举行…), not a line the page wrapped.
        || (first && is_title_line(&prev.chars) && next.width * 3 >= prev.width * 4)
        || (first && is_english_title_line(&prev.chars) && starts_english_dateline(&next.chars))
    {
        return Join::Break;
    }
    if a == '-' {
        let letter = prev
            .chars
            .iter()
            .rev()
            .nth(1)
            .is_some_and(|s| s.0.is_ascii_alphabetic());
        return if letter && b.is_lowercase() {
            Join::Unhyphenate
        } else {
            Join::Glue
        };
    }
    if is_cjk(a) || is_cjk(b) || matches!(a, '—' | '–') {
        Join::Glue
    } else {
        Join::Space
    }
}

/// Whether a line ends a sentence: 。！？；： (or ASCII . ! ? ; :), perhaps followed by closing
/// quotes and brackets.
fn ends_sentence(line: &[Sourced]) -> bool {
    let last = line
        .iter()
        .rev()
        .map(|s| s.0)
        .find(|&c| !"”’）」』》〕】)]\"'".contains(c));
    last.is_some_and(|c| "。！？；：.!?;:".contains(c))
}

/// Whether a line is an English headline: three words or more, every word of four letters or
/// more capitalized but a few prepositions (Zheng Shanjie Meets Pakistani Minister, Zhang Gaoli
/// Meets with President …). A headline ends where it ends,
/// even without a full stop, and is no part of the sentence below it.
/// Whether a Chinese line reads as a title: 40 characters at most, without a comma or a
/// full stop (asked of a text's first line only: a PDF's wrapped lines may read so too).
fn is_title_line(line: &[Sourced]) -> bool {
    line.len() <= 40
        && line.iter().any(|s| is_han(s.0))
        && !line.iter().any(|s| "，。,；;".contains(s.0))
}

/// Whether an English first line reads as a title: a capital first, 20 words at most, no
/// sentence punctuation (Joint Statement between the People's Republic of China and Nepal).
fn is_english_title_line(line: &[Sourced]) -> bool {
    let text: String = line.iter().map(|s| s.0).collect();
    text.is_ascii()
        && text.starts_with(|c: char| c.is_ascii_uppercase())
        && text.split_whitespace().count() <= 20
        && !text.contains(['.', ',', ';', ':', '!', '?'])
}

/// Whether an English line opens with a dateline: a place and a colon (Beijing: …,
/// Islamabad: July 07, 2020), a place in capitals and a month after a comma (ISLAMABAD, March
/// 5 --) or a date (July 7, 2020; 7 July 2020).
fn starts_english_dateline(line: &[Sourced]) -> bool {
    let text: String = line.iter().take(40).map(|s| s.0).collect();
    let place = text.split_once(':').is_some_and(|(head, _)| {
        !head.is_empty()
            && head.split_whitespace().count() <= 3
            && head
                .split_whitespace()
                .all(|w| w.starts_with(|c: char| c.is_ascii_uppercase()))
    });
    // ISLAMABAD, March 5 --, PHNOM PENH, Jun. 25 (Xinhua) --: a place in capitals, a comma and
    // a month.
    let city = text.split_once(',').is_some_and(|(head, rest)| {
        let words: Vec<&str> = head.split_whitespace().collect();
        (1..=3).contains(&words.len())
            && words.iter().all(|w| {
                w.len() >= 2
                    && w.chars()
                        .all(|c| c.is_ascii_uppercase() || "'’-.".contains(c))
            })
            && rest
                .split_whitespace()
                .next()
                .is_some_and(super::dates::is_month_name)
    });
    let words: Vec<&str> = text.split_whitespace().take(2).collect();
    let date = match words.as_slice() {
        [a, b] => {
            super::dates::is_month_name(a) && b.starts_with(|c: char| c.is_ascii_digit())
                || a.chars().all(|c| c.is_ascii_digit()) && super::dates::is_month_name(b)
        }
        _ => false,
    };
    place || city || date
}

/// Whether a line opens as a news text's body does, with when or by whom it was written
/// (当地时间12月1日, 新华社北京6月6日电, 2023年5月31日, 9月7-9日).
fn starts_dateline(line: &[Sourced]) -> bool {
    let text: String = line.iter().take(12).map(|s| s.0).collect();
    if ["当地时间", "北京时间", "新华社", "本报", "中新社", "人民网"]
        .iter()
        .any(|w| text.starts_with(w))
    {
        return true;
    }
    let digits = text.chars().take_while(char::is_ascii_digit).count();
    digits > 0
        && text
            .chars()
            .nth(digits)
            .is_some_and(|c| c == '年' || c == '月')
}

fn is_headline(line: &[Sourced]) -> bool {
    let text: String = line.iter().map(|s| s.0).collect();
    if !text.is_ascii() {
        return false;
    }
    let words: Vec<&str> = text.split_whitespace().collect();
    // Headlines print short words, and a few longer prepositions, in lower case (Meets with).
    let minor = ["with", "from", "into", "over", "amid", "upon", "onto"];
    let long: Vec<&&str> = words
        .iter()
        .filter(|w| w.chars().filter(char::is_ascii_alphabetic).count() >= 4 && !minor.contains(w))
        .collect();
    words.len() >= 3
        && long.len() >= 2
        && long
            .iter()
            .all(|w| w.chars().next().is_some_and(|c| c.is_ascii_uppercase()))
}

/// Whether a line starts a footnote body, a bracketed label or a numbered item (`[1]`, `^{*}`,
/// `〔提要〕`, `一、`, `（二）`, `3.`).
fn starts_item(line: &[Sourced]) -> bool {
    let c: Vec<char> = line.iter().take(6).map(|&(c, _)| c).collect();
    let numeral = |c: &char| "一二三四五六七八九十百".contains(*c);
    let count =
        |from: usize, f: &dyn Fn(&char) -> bool| c.iter().skip(from).take_while(|x| f(x)).count();
    match c.first() {
        Some('[' | '^' | '〔' | '【' | '•' | '●' | '■' | '□' | '◆') => true,
        Some(d) if d.is_ascii_digit() => {
            let n = count(0, &|x| x.is_ascii_digit());
            n <= 2
                && matches!(c.get(n), Some('.' | '．' | '、'))
                && c.get(n + 1).is_some_and(|x| !x.is_ascii_digit())
        }
        Some('（' | '(') => {
            let n = count(1, &|x| numeral(x) || x.is_ascii_digit());
            (1..=3).contains(&n) && matches!(c.get(n + 1), Some('）' | ')'))
        }
        Some(x) if numeral(x) => matches!(c.get(count(0, &numeral)), Some('、')),
        _ => false,
    }
}

/// Whether a line ending in `c` must go on (a comma, an enumeration mark, an opening bracket).
fn is_open(c: char) -> bool {
    "，、,“‘（《〈(-—－·".contains(c)
}

/// Chinese ideographs, kana, CJK and full-width punctuation.
pub(super) fn is_cjk(c: char) -> bool {
    is_han(c)
        || matches!(c, '\u{2E80}'..='\u{2FDF}' | '\u{3001}'..='\u{30FF}' | '\u{FE30}'..='\u{FE4F}' | '\u{FF00}'..='\u{FFEF}')
}

/// Chinese ideographs.
fn is_han(c: char) -> bool {
    matches!(c, '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}' | '\u{F900}'..='\u{FAFF}' | '\u{20000}'..='\u{3FFFF}')
}

/// Chars a space next to a Chinese char may be dropped beside: Chinese chars, digits, the
/// punctuation Chinese text shares with English (quotes, dashes, middle dot, ellipsis) and ASCII
/// sentence punctuation (`7. 深化` → `7.深化`).
fn cjk_side(c: char) -> bool {
    is_cjk(c) || c.is_ascii_digit() || "·—–…‘’“”.,;:!?".contains(c)
}

/// The full-width form of a clause mark printed in ASCII inside Chinese text.
fn full_width(c: char) -> Option<char> {
    Some(match c {
        ',' => '，',
        ';' => '；',
        ':' => '：',
        '!' => '！',
        '?' => '？',
        _ => return None,
    })
}

/// ASCII clause marks with a Chinese character right before or after them become full-width,
/// so sentences and clauses split as in text printed with full-width marks.
fn full_width_marks(mut chars: Vec<Sourced>) -> Vec<Sourced> {
    for i in 0..chars.len() {
        let Some(wide) = full_width(chars[i].0) else {
            continue;
        };
        let before = i.checked_sub(1).map(|j| chars[j].0);
        let after = chars.get(i + 1).map(|&(c, _)| c);
        if before.is_some_and(is_han) || after.is_some_and(is_han) {
            chars[i].0 = wide;
        }
    }
    curly_quotes(&mut chars);
    chars
}

/// ASCII double quotes in Chinese text (`土库曼斯坦"复兴"气田`) become the curly pair Chinese
/// text prints (`“复兴”`), so a quoted word reads as part of a name as it does with them: in
/// each line whose straight quotes pair up, each pair with a Chinese character just inside or
/// just outside one of its quotes opens with “ and closes with ”. A line with an odd count is
/// left as it is.
fn curly_quotes(chars: &mut [Sourced]) {
    for line in chars.split_mut(|s| s.0 == '\n') {
        let quotes: Vec<usize> = (0..line.len()).filter(|&i| line[i].0 == '"').collect();
        if quotes.is_empty() || quotes.len() % 2 == 1 {
            continue;
        }
        for pair in quotes.chunks(2) {
            let (open, close) = (pair[0], pair[1]);
            let han_at =
                |i: Option<usize>| i.and_then(|i| line.get(i)).is_some_and(|s| is_han(s.0));
            let chinese = han_at(open.checked_sub(1))
                || han_at(Some(open + 1))
                || han_at(close.checked_sub(1))
                || han_at(Some(close + 1));
            if chinese {
                line[open].0 = '“';
                line[close].0 = '”';
            }
        }
    }
}

/// Traditional characters to simplified with `fast2s`, which maps char to char (looking at the
/// neighbours), so each char keeps its origin.
fn to_simplified(chars: Vec<Sourced>) -> Vec<Sourced> {
    let text: String = chars.iter().map(|&(c, _)| c).collect();
    let simplified = fast2s::convert(&text);
    if simplified.chars().count() != chars.len() {
        return chars;
    }
    let pick =
        |((c, at), s): (Sourced, char)| (if s != c && !is_simplified(c) { s } else { c }, at);
    chars
        .into_iter()
        .zip(simplified.chars())
        .map(pick)
        .collect()
}

/// Whether `c` is a standard simplified character (a GB2312 hanzi), which `fast2s` would
/// sometimes change to a variant (捍 → 扞, 黏 → 粘, 磐 → 盘); the few GB2312 characters that are
/// traditional forms (後, 於 …) still convert.
fn is_simplified(c: char) -> bool {
    let mut buf = [0; 4];
    let (bytes, _, unmappable) = encoding_rs::GBK.encode(c.encode_utf8(&mut buf));
    !unmappable && matches!(*bytes, [0xB0..=0xF7, 0xA1..=0xFE]) && !"後於麽夥摺菸".contains(c)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn norm(s: &str) -> String {
        NormalizedText::new(s).text().to_string()
    }

    #[test]
    fn radicals_from_a_pdf_font_become_the_ideographs_they_stand_for() {
        // Kangxi radicals (⽅ ⼀ ⽀ ⼈ ⾏), CJK Radicals Supplement (⺠ ⻅) and a compatibility
        // ideograph (U+F9B4 for 領); U+FA11, in that block but itself unified, stays.
        let pdf = "双⽅⽀持⼀带⼀路，中华⼈⺠共和国主席会⻅并举⾏会谈。";
        assert_eq!(
            norm(pdf),
            "双方支持一带一路，中华人民共和国主席会见并举行会谈。"
        );
        assert_eq!(fold_ideograph('\u{F9B4}'), '領');
        assert_eq!(fold_ideograph('\u{FA11}'), '\u{FA11}');
        // A radical without an equivalent ideograph (CJK RADICAL REPEAT) stays.
        assert_eq!(fold_ideograph('\u{2E80}'), '\u{2E80}');
        // Full-width punctuation is not folded.
        assert_eq!(norm("会⻅：“⽀持”（⼀）"), "会见：“支持”（一）");
    }

    #[test]
    fn text_of_paragraphs_keeps_every_line_break() {
        let text = "中华人民共和国外交部\n外交部就访问举行吹风会\n外交部10日举行吹风会。\n\nthe devel-\nopment";
        assert_eq!(
            NormalizedText::of_paragraphs(text).text(),
            "中华人民共和国外交部\n外交部就访问举行吹风会\n外交部10日举行吹风会。\nthe devel-\nopment"
        );
        // Read as broken lines, the headline runs into the paragraph after it.
        assert!(
            NormalizedText::new(text)
                .text()
                .contains("吹风会外交部10日")
        );
    }

    #[test]
    fn folded_radicals_keep_their_offsets_in_the_original() {
        let original = "双⽅⽀持";
        let n = NormalizedText::new(original);
        assert_eq!(n.text(), "双方支持");
        let at = n.text().find("方支").unwrap();
        let range = n.original_range(at..at + "方支".len());
        assert_eq!(&original[range], "⽅⽀");
    }

    /// Asserts that each input normalizes to its expected text.
    fn check(cases: &[(&str, &str)]) {
        for (input, expected) in cases {
            assert_eq!(norm(input), *expected, "normalizing {input:?}");
        }
    }

    fn corpus(file: &str) -> String {
        let path = format!("{}/data/{file}.txt", env!("CARGO_MANIFEST_DIR"));
        std::fs::read_to_string(path).expect("corpus file")
    }

    /// Lines wrapped at 10 chars with a blank line after each, as in the joint statement.
    const WRAPPED: &str = "两国元首强调中古关系\n\n正处于历史最好时期。\n\n古巴革命领导人劳尔·卡\n\n\
                           斯特罗大将出席了上\n\n海合作组织会议，并同\n\n“双方”交换意见。”\n\n\
                           一、政治合作\n\n以两国领导人重要共识\n\n为引领，深化战略沟通\n";

    #[test]
    fn words_broken_across_lines_are_joined() {
        // Breaks inside words and sentences go; breaks after 。 (or 。”) and after a short
        // heading stay.
        let joined = "两国元首强调中古关系正处于历史最好时期。\n古巴革命领导人劳尔·卡斯特罗大将\
                      出席了上海合作组织会议，并同“双方”交换意见。”\n一、政治合作\n\
                      以两国领导人重要共识为引领，深化战略沟通";
        check(&[(WRAPPED, joined)]);
        // Paragraphs one per line stay apart; text cut by a page break is joined.
        let long = "中巴关系历经风雨考验".repeat(10);
        let t = norm(&format!(
            "{long}。\n\n{long}，增\n\n信释疑。\n\n[1] 《注释》。\n\n{long}。\n\n{long}。\n"
        ));
        assert_eq!(t.lines().count(), 5);
        assert!(t.contains("，增信释疑。\n[1] 《注释》。\n"));
    }

    #[test]
    fn a_short_first_line_before_a_much_longer_one_is_a_headline() {
        let body =
            "外交部10日举行中外媒体吹风会。外交部副部长介绍国事访问有关情况，并回答记者提问。";
        let t = norm(&format!("外交部就国事访问举行中外媒体吹风会\n{body}\n"));
        assert!(
            t.starts_with("外交部就国事访问举行中外媒体吹风会\n外交部10日"),
            "{t}"
        );
        // A first line as long as the next is a wrapped line, joined.
        let t = norm("两国元首强调中古关系正处于\n历史最好时期两国元首强调。\n");
        assert!(
            t.starts_with("两国元首强调中古关系正处于历史最好时期"),
            "{t}"
        );
    }

    #[test]
    fn english_lines_are_joined_and_unhyphenated() {
        check(&[
            (
                "a hyphen-\nated word\nand more",
                "a hyphenated word and more",
            ),
            (
                "the China-\nPakistan corridor",
                "the China-Pakistan corridor",
            ),
            ("It ended.\nNext one", "It ended.\nNext one"),
            (
                "[1] Zhao Shiren,\n[2] The Nation",
                "[1] Zhao Shiren,\n[2] The Nation",
            ),
            // A headline stays apart from the sentence under it; a sentence wrapped after
            // capitalized words does not.
            (
                "Zheng Shanjie Meets Pakistani Minister\nOn 15 July 2025, the two met.",
                "Zheng Shanjie Meets Pakistani Minister\nOn 15 July 2025, the two met.",
            ),
            (
                "the talks with Prime Minister\nShehbaz Sharif went well",
                "the talks with Prime Minister Shehbaz Sharif went well",
            ),
            (
                "Zhang Gaoli Meets with President Nazarbayev\n\nOn April 18, the two met.",
                "Zhang Gaoli Meets with President Nazarbayev\nOn April 18, the two met.",
            ),
            (
                "the talks went on with Prime Minister\nShehbaz Sharif",
                "the talks went on with Prime Minister Shehbaz Sharif",
            ),
        ]);
    }

    #[test]
    fn spaces_between_chinese_chars_and_digits_are_removed() {
        check(&[
            ("应 中 共 中 央 总 书 记 、国 家", "应中共中央总书记、国家"),
            (
                "□ 吴 凡：近 75 年，2025 年 9 月\u{3000}建 设",
                "□ 吴凡：近75年，2025年9月建设",
            ),
            ("于 2025\n\n年 9 月", "于2025年9月"),
            // Latin words keep their spaces (one of them), and so do digits among themselves.
            ("The  Nation,\u{3000}August 8", "The Nation, August 8"),
            ("0452 8832 and 走廊 CPEC", "0452 8832 and 走廊 CPEC"),
        ]);
    }

    #[test]
    fn vertical_title_becomes_one_line() {
        let title: String = "中华人民共和国联合声明"
            .chars()
            .map(|c| format!("{c}\n\n"))
            .collect();
        let input = format!("（新华社北京9月4日电）\n\n{title}应中华人民共和国主席邀请，\n");
        let expected = "（新华社北京9月4日电）\n中华人民共和国联合声明\n应中华人民共和国主席邀请，";
        check(&[(&input, expected)]);
        // Three one-char lines are no title.
        assert!(!norm("前文。\n甲\n乙\n丙\n后文").contains("\n甲乙丙\n"));
    }

    #[test]
    fn footnote_markers_are_removed() {
        let bodies = "^{*} 本文系项目成果。\n[1] 《联合声明》，2014年。";
        check(&[
            ("发展框架对接，^[1]助力过往", "发展框架对接，助力过往"),
            ("政策的基石。^[12] 中巴关系", "政策的基石。中巴关系"),
            ("与深化路径^{*}\n\n□ 张超哲", "与深化路径\n□ 张超哲"),
            // Footnote bodies keep their labels, and other carets stay.
            (bodies, bodies),
            ("x^2 and x^[y z]", "x^2 and x^[y z]"),
        ]);
    }

    #[test]
    fn traditional_characters_become_simplified() {
        check(&[
            ("兩國關係", "两国关系"),
            // Standard simplified characters stay, even where fast2s has a variant.
            ("捍卫合作黏性，呵护磐石", "捍卫合作黏性，呵护磐石"),
        ]);
    }

    #[test]
    fn full_width_letters_and_digits_become_half_width() {
        let punctuation = "，。、；：（）《》“”－！？";
        check(&[
            ("２０２５年ＣＰＥＣ ａｂ", "2025年CPEC ab"),
            (punctuation, punctuation),
        ]);
    }

    #[test]
    fn line_endings_and_blank_lines_are_tidied() {
        check(&[
            (
                "  第一段。 \r\n\r\n\r\n\t第二段。\r第三段。\n\n",
                "第一段。\n第二段。\n第三段。",
            ),
            ("", ""),
            (" \n\u{3000}\n", ""),
            ("第一段\r\n第二段", "第一段第二段"),
        ]);
    }

    /// Whether normalized `c` may come from original `o`.
    fn may_come_from(c: char, o: char) -> bool {
        let wide = |o: char| char::from_u32(o as u32 - 0xFEE0);
        c == o
            || fast2s::convert(&o.to_string()) == c.to_string()
            || ('０'..='ｚ').contains(&o) && wide(o) == Some(c)
            || c == ' ' && o.is_whitespace()
            || c == '\n' && (o == '\n' || o == '\r')
            || full_width(o) == Some(c)
            || o == '"' && "“”".contains(c)
    }

    #[test]
    fn an_english_title_line_stays_apart_from_its_dateline() {
        check(&[
            (
                "Joint Statement between the People's Republic of China and Nepal\n\nBeijing: At the invitation of Premier Li Qiang.",
                "Joint Statement between the People's Republic of China and Nepal\nBeijing: At the invitation of Premier Li Qiang.",
            ),
            (
                "China-Pakistan Joint Press Release\nJuly 7, 2020 The dialogue was held.",
                "China-Pakistan Joint Press Release\nJuly 7, 2020 The dialogue was held.",
            ),
            (
                "Wang Yi meets Dar\nISLAMABAD, March 5 -- Ambassador Jiang Zaidong called on him.",
                "Wang Yi meets Dar\nISLAMABAD, March 5 -- Ambassador Jiang Zaidong called on him.",
            ),
            (
                "Mine clearance supplies handed over\nPHNOM PENH, Jun. 25 (ChinaMil) -- The handover was held.",
                "Mine clearance supplies handed over\nPHNOM PENH, Jun. 25 (ChinaMil) -- The handover was held.",
            ),
            // A wrapped body line is joined though a colon follows later.
            (
                "The two sides agreed that the talks between\nthe ministers: were fruitful.",
                "The two sides agreed that the talks between the ministers: were fruitful.",
            ),
        ]);
    }

    #[test]
    fn a_title_line_stays_apart_from_the_dateline_of_the_body() {
        check(&[
            (
                "中越双边合作指导委员会举行第十五次会议\n当地时间12月1日，会议在河内举行。",
                "中越双边合作指导委员会举行第十五次会议\n当地时间12月1日，会议在河内举行。",
            ),
            (
                "商务部副部长访问马尔代夫\n9月7日，高燕访问马尔代夫。",
                "商务部副部长访问马尔代夫\n9月7日，高燕访问马尔代夫。",
            ),
            // A body line wrapped before a date, after a comma, is joined.
            (
                "双方同意，于\n2025年签署协定。",
                "双方同意，于2025年签署协定。",
            ),
        ]);
    }

    #[test]
    fn ascii_clause_marks_in_chinese_text_become_full_width() {
        check(&[
            (
                "2023年5月31日,外交部举行会议;双方同意:继续合作!",
                "2023年5月31日，外交部举行会议；双方同意：继续合作！",
            ),
            ("记者问:我们注意到", "记者问：我们注意到"),
            (
                "1,000 tons; at 10:30, he said: yes!",
                "1,000 tons; at 10:30, he said: yes!",
            ),
            ("机制(WMCC)第27次会议", "机制(WMCC)第27次会议"),
        ]);
    }

    #[test]
    fn straight_quotes_in_chinese_text_become_curly_pairs() {
        check(&[
            (
                "出席了土库曼斯坦\"复兴\"气田一期工程竣工投产仪式。",
                "出席了土库曼斯坦“复兴”气田一期工程竣工投产仪式。",
            ),
            // An odd count in a line pairs nothing; English quotes stay.
            ("他说\"复兴气田", "他说\"复兴气田"),
            (
                "He said \"yes\" to the \"Belt and Road\".",
                "He said \"yes\" to the \"Belt and Road\".",
            ),
        ]);
    }

    #[test]
    fn the_offset_map_points_at_each_chars_origin() {
        let sample = "兩國 ２０２５ 年\r\n\r\n劳尔·卡\n\n斯特罗^[1] said a hyph-\nenated\nword.\n中\n华\n人\n民\n";
        let files = [
            corpus("000_4ad354962bbda0e7"),
            corpus("001_1a856d60526b52c7"),
        ];
        for original in [sample.to_string()].into_iter().chain(files) {
            let n = NormalizedText::new(&original);
            for (i, c) in n.text().char_indices() {
                let r = n.original_range(i..i + c.len_utf8());
                let mut from = original[r.clone()].chars();
                let o = from.next().expect("an original char");
                let ok = from.next().is_none() && may_come_from(c, o);
                assert!(ok, "{c:?} at {i} from {o:?} at {r:?}");
            }
        }
    }

    #[test]
    fn original_range_maps_spans_and_clamps() {
        let original = "近 ７５ 年。\n\n劳尔·卡\n\n斯特罗。";
        let n = NormalizedText::new(original);
        assert_eq!(n.text(), "近75年。\n劳尔·卡斯特罗。");
        let at = n.text().find("劳尔").expect("name");
        let r = n.original_range(at..at + "劳尔·卡斯特罗".len());
        assert_eq!(&original[r], "劳尔·卡\n\n斯特罗");
        assert_eq!(&original[n.original_range(0..11)], "近 ７５ 年。");
        assert_eq!(n.original_range(3..3), 4..4);
        let end = original.len();
        let name = original.find("劳尔").expect("name");
        assert_eq!(n.original_range(at + 1..999), name..end);
        assert_eq!(n.original_range(999..999), end..end);
        assert_eq!(NormalizedText::new("").original_range(0..3), 0..0);
    }

    #[test]
    fn the_corpus_files_come_out_clean() {
        let cuba = norm(&corpus("001_1a856d60526b52c7"));
        for joined in [
            "劳尔·卡斯特罗",
            "上海合作组织成员国元首理事会第二十五次会议",
            "\n中华人民共和国和古巴共和国关于加快构建中古命运共同体的联合声明\n",
            "应中共中央总书记、国家主席习近平邀请，古共中央第一书记、古巴国家主席迪亚斯-卡内尔于2025年9月2日至6日",
            "\n一、政治领域交流合作\n",
        ] {
            assert!(cuba.contains(joined), "{joined}");
        }
        let article = norm(&corpus("000_4ad354962bbda0e7"));
        assert!(article.contains("2014年习近平主席"));
        assert!(article.contains("研究中心副研究员、四川大学巴基斯坦研究中心主任\n"));
        assert!(!article.contains("^[") && !article.contains("扞卫"));
    }

    /// Text with what the rules act on: Chinese (traditional too), full-width forms, blanks and
    /// line breaks of every kind, invisible chars, footnote markers, hyphens, and any char.
    fn rough_text() -> impl proptest::strategy::Strategy<Value = String> {
        use proptest::prelude::*;
        let piece = prop_oneof![
            prop::sample::select(
                &[
                    "兩國",
                    "中国",
                    "计畫",
                    "ＣＰＥＣ",
                    "２０",
                    "\n",
                    "\r\n",
                    "\r",
                    "\n\n",
                    " ",
                    "\u{3000}",
                    "\t",
                    "\u{AD}",
                    "\u{200B}",
                    "\u{FEFF}",
                    "^[1]",
                    "^{*}",
                    "[2]",
                    "①",
                    "hyph-",
                    "ated",
                    "。",
                    "，",
                    "e\u{301}",
                    "😀",
                    "一、",
                ][..]
            )
            .prop_map(str::to_string),
            any::<char>().prop_map(String::from),
        ];
        prop::collection::vec(piece, 0..48).prop_map(|p| p.concat())
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig {
            cases: 2000,
            failure_persistence: None,
            ..Default::default()
        })]

        /// The offset map's runs tile the normalized text in order and point into the
        /// original in order; a run whose lengths differ is one char on each side.
        #[test]
        fn runs_tile_the_text_and_the_original_in_order(original in rough_text()) {
            let n = NormalizedText::new(&original);
            let mut norm = 0;
            let mut orig = 0;
            for r in &n.runs {
                proptest::prop_assert_eq!(r.norm, norm, "runs {:?}", n.runs);
                proptest::prop_assert!(r.orig >= orig && r.norm_len > 0 && r.orig_len > 0);
                let (t, o) = (&n.text[r.norm..r.norm + r.norm_len], &original[r.orig..r.orig + r.orig_len]);
                if r.norm_len != r.orig_len {
                    proptest::prop_assert_eq!((t.chars().count(), o.chars().count()), (1, 1));
                } else {
                    let same_widths = t.chars().map(char::len_utf8).eq(o.chars().map(char::len_utf8));
                    proptest::prop_assert!(same_widths, "{:?} from {:?}", t, o);
                }
                norm += r.norm_len;
                orig = r.orig + r.orig_len;
            }
            proptest::prop_assert_eq!(norm, n.text.len());
        }
    }
}
