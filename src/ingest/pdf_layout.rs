//! Reading order of a PDF's text: from glyphs placed on pages to paragraphs.
//!
//! This module owns turning the positioned glyphs the PDF reader reports into the text a person
//! reads: glyphs into lines (a wide gap on one baseline starts another column), lines into
//! columns and paragraphs (a larger gap, a first-line indent or a short last line ends one),
//! words broken at a line end joined again, running headers and footers (lines at a page's top
//! or bottom that repeat, digits aside, on other pages) and page numbers dropped, footnote
//! markers (raised small glyphs) dropped from the body, and footnotes (small lines at a page's
//! bottom opening with a number) kept apart from it: each is written `[n] text` on a line of its
//! own after the paragraph running when its page ends. It knows nothing of PDF syntax.
//!
//! Each paragraph is one line of the result, so the normalizer has no line breaks inside it to
//! guess about.

use super::normalize::is_cjk;

/// One glyph as the page shows it: a char, placed (in points, single precision, so that a
/// page of many thousand glyphs stays small).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Glyph {
    /// The char it stands for (a glyph standing for several, a ligature, comes as one glyph
    /// per char, its width shared among them).
    pub ch: char,
    /// Left edge, from the page's left.
    pub x: f32,
    /// Baseline, from the page's top.
    pub y: f32,
    /// Font size on the page.
    pub size: f32,
    /// Advance width on the page.
    pub width: f32,
}

impl Glyph {
    fn x(&self) -> f64 {
        f64::from(self.x)
    }
    fn y(&self) -> f64 {
        f64::from(self.y)
    }
    fn size(&self) -> f64 {
        f64::from(self.size)
    }
    fn width(&self) -> f64 {
        f64::from(self.width)
    }
    fn blank(&self) -> bool {
        self.ch.is_whitespace()
    }
}

/// The glyphs of one page, in the order the page draws them.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Page {
    /// Page height in points.
    pub height: f64,
    /// The glyphs.
    pub glyphs: Vec<Glyph>,
}

/// A line of text: glyphs on one baseline, close enough to read as one run.
#[derive(Debug, Clone)]
struct Line {
    text: String,
    /// Left and right edges.
    left: f64,
    right: f64,
    /// Baseline and size of its body glyphs (superscripts aside).
    y: f64,
    size: f64,
    /// Whether it opened with a raised small number (a footnote's label).
    raised_label: Option<String>,
    /// Width of its first word (its first char for Chinese).
    first_word: f64,
}

/// The text of a document's pages in reading order, one string per page (the paragraph that a
/// page break cuts is written whole on the page where it begins).
pub fn assemble(pages: &[Page]) -> Vec<String> {
    let body_size = body_size(pages);
    let lines: Vec<Vec<Line>> = pages.iter().map(lines_of).collect();
    let furniture = running_lines(pages, &lines);
    let mut out = vec![String::new(); pages.len()];
    // The paragraph being read: the page it began on, its text, whether its last line was full.
    let mut open: Option<(usize, String, bool)> = None;
    let mut pending: Vec<String> = Vec::new();
    for (i, page) in pages.iter().enumerate() {
        let mut kept: Vec<Line> = lines[i]
            .iter()
            .filter(|l| !is_furniture(l, page.height, &furniture))
            .cloned()
            .collect();
        let notes = split_footnotes(&mut kept, body_size);
        // The end of a note begun on the page before joins it while it still waits.
        if !notes.carried.is_empty() {
            match pending.last_mut() {
                Some(last) => join_into(last, &notes.carried),
                None => pending.push(notes.carried.clone()),
            }
        }
        for column in columns(kept) {
            for (k, para) in paragraphs(&column).into_iter().enumerate() {
                let continues = k == 0
                    && open.as_ref().is_some_and(|(_, _, full)| *full)
                    && !opens_paragraph(&para.first, edges(&column));
                if continues {
                    if let Some((_, body, full)) = open.as_mut() {
                        join_into(body, &para.text);
                        *full = para.last_full;
                    }
                    continue;
                }
                if let Some((at, body, _)) = open.take() {
                    push_line(&mut out[at], &body);
                    for n in pending.drain(..) {
                        push_line(&mut out[at], &n);
                    }
                }
                open = Some((i, para.text, para.last_full));
            }
        }
        pending.extend(notes.notes);
    }
    if let Some((at, body, _)) = open.take() {
        push_line(&mut out[at], &body);
    }
    if let Some(last) = out.last_mut() {
        for n in pending.drain(..) {
            push_line(last, &n);
        }
    }
    out
}

fn push_line(out: &mut String, line: &str) {
    if !out.is_empty() {
        out.push('\n');
    }
    out.push_str(line);
}

/// The font size most of the document's text is set in.
fn body_size(pages: &[Page]) -> f64 {
    let mut counts: std::collections::BTreeMap<i64, usize> = Default::default();
    for g in pages.iter().flat_map(|p| &p.glyphs) {
        if !g.blank() && g.size() > 0.0 {
            *counts.entry((g.size() * 2.0).round() as i64).or_default() += 1;
        }
    }
    counts
        .into_iter()
        .max_by_key(|&(size, n)| (n, -size))
        .map(|(size, _)| size as f64 / 2.0)
        .unwrap_or(10.0)
}

/// A glyph's width, or where the reader found none (some embedded fonts give no widths), a
/// typical one: a square for a Chinese char, a little over half of it for others.
fn advance(g: &Glyph) -> f64 {
    if g.width() > 0.0 {
        g.width()
    } else if is_cjk(g.ch) {
        g.size()
    } else {
        g.size() * 0.55
    }
}

/// A glyph set smaller than its line and raised above its baseline: a footnote marker, an
/// ordinal's ending.
fn is_raised(g: &Glyph, y: f64, size: f64) -> bool {
    g.size() < size * 0.85 && g.y() < y - size * 0.15
}

/// A footnote marker's text: digits, or a star, dagger or circled number.
fn is_marker(s: &str) -> bool {
    !s.is_empty()
        && s.chars().all(|c| {
            c.is_ascii_digit()
                || matches!(
                    c,
                    '*' | '†' | '‡' | '[' | ']' | '(' | ')' | '\u{2460}'..='\u{2473}'
                )
        })
}

/// Glyphs drawn one after the other on one baseline: a piece of a line.
struct Run<'a> {
    glyphs: Vec<&'a Glyph>,
    y: f64,
    size: f64,
    left: f64,
    right: f64,
}

/// The page's glyphs in runs, in the order the page draws them: a glyph off the baseline, or
/// back to the left, or far to the right, starts another run.
fn runs_of(page: &Page) -> Vec<Run<'_>> {
    let mut runs: Vec<Run<'_>> = Vec::new();
    for g in &page.glyphs {
        if !(g.x().is_finite() && g.y().is_finite() && g.size().is_finite()) || g.size() <= 0.0 {
            continue;
        }
        let blank = g.blank();
        if let Some(run) = runs.last_mut() {
            let near = (g.y() - run.y).abs() <= run.size.max(g.size()) * 0.6;
            let gap = g.x() - run.right;
            let along = gap >= -run.size.max(g.size()) && gap <= run.size.max(g.size()) * 2.5;
            if near && along {
                if !blank && g.size() > run.size * 1.15 && g.y() > run.y {
                    // What came first was raised: the run's body starts here.
                    run.y = g.y();
                    run.size = g.size();
                }
                run.glyphs.push(g);
                run.right = run.right.max(g.x() + advance(g));
                continue;
            }
        }
        if blank {
            continue;
        }
        runs.push(Run {
            glyphs: vec![g],
            y: g.y(),
            size: g.size(),
            left: g.x(),
            right: g.x() + advance(g),
        });
    }
    runs
}

/// The page's glyphs as lines: runs on one baseline put together from left to right (pages
/// draw a line's Chinese and its digits in separate passes), split where a gap wider than a
/// few chars parts two columns, and a raised run of small glyphs (a footnote marker) taken into
/// the line beneath it.
fn lines_of(page: &Page) -> Vec<Line> {
    let mut runs = runs_of(page);
    runs.sort_by(|a, b| a.y.total_cmp(&b.y).then(a.left.total_cmp(&b.left)));
    // Runs grouped by baseline.
    let mut rows: Vec<Vec<Run<'_>>> = Vec::new();
    for run in runs {
        match rows.last_mut() {
            Some(row) if (run.y - row[0].y).abs() <= row[0].size.max(run.size) * 0.25 => {
                row.push(run)
            }
            _ => rows.push(vec![run]),
        }
    }
    // A row of small runs just above a row of larger ones is raised into it.
    let mut merged: Vec<Vec<Run<'_>>> = Vec::new();
    let mut rows = rows.into_iter().peekable();
    while let Some(mut row) = rows.next() {
        let small = row.iter().map(|r| r.size).fold(0.0, f64::max);
        let raised = rows.peek().is_some_and(|next| {
            let big = next.iter().map(|r| r.size).fold(0.0, f64::max);
            let dy = next[0].y - row[0].y;
            small < big * 0.85
                && dy > 0.0
                && dy <= big * 0.6
                && row.iter().all(|r| {
                    next.iter()
                        .any(|n| r.left <= n.right + big && r.right >= n.left - big)
                })
        });
        if raised && let Some(next) = rows.next() {
            row.extend(next);
        }
        merged.push(row);
    }
    let gutter = gutter(&merged);
    let mut lines = Vec::new();
    for mut row in merged {
        row.sort_by(|a, b| a.left.total_cmp(&b.left));
        let size = row.iter().map(|r| r.size).fold(0.0, f64::max);
        let y = row
            .iter()
            .filter(|r| r.size >= size * 0.85)
            .map(|r| r.y)
            .fold(f64::NEG_INFINITY, f64::max);
        let mut glyphs: Vec<&Glyph> = Vec::new();
        let mut right = f64::NEG_INFINITY;
        for run in &row {
            let across = gutter.is_some_and(|x| right <= x && run.left >= x);
            if !glyphs.is_empty() && (run.left - right > size * 2.5 || across) {
                lines.extend(make_line(&glyphs, y, size));
                glyphs.clear();
            }
            glyphs.extend(run.glyphs.iter().copied());
            right = right.max(run.right);
        }
        lines.extend(make_line(&glyphs, y, size));
    }
    lines
}

/// The x of the gap between two columns of text, if the page has them: the place near the
/// middle of the text that no row's text crosses while five or more rows have text on both
/// sides of it (at most one row in ten may cross it, a title over both columns).
fn gutter(rows: &[Vec<Run<'_>>]) -> Option<f64> {
    let runs = || rows.iter().flatten();
    let left = runs().map(|r| r.left).fold(f64::INFINITY, f64::min);
    let right = runs().map(|r| r.right).fold(f64::NEG_INFINITY, f64::max);
    let width = right - left;
    if !(width.is_finite() && width > 0.0) {
        return None;
    }
    let mut best: Option<(usize, usize, f64)> = None;
    // Every point across the middle half, or 200 places on a very wide page.
    let step = (width * 0.5 / 200.0).max(1.0);
    let mut x = left + width * 0.25;
    while x <= right - width * 0.25 {
        let crossing = rows
            .iter()
            .filter(|row| row.iter().any(|r| r.left < x && r.right > x))
            .count();
        let both = rows
            .iter()
            .filter(|row| row.iter().any(|r| r.right <= x) && row.iter().any(|r| r.left >= x))
            .count();
        if both >= 5 && crossing * 10 <= both {
            let better =
                best.is_none_or(|(c, b, _)| (crossing, usize::MAX - both) < (c, usize::MAX - b));
            if better {
                best = Some((crossing, both, x));
            }
        }
        x += step;
    }
    best.map(|(_, _, x)| x)
}

/// A line from its glyphs: raised markers left out (the first kept as a label), spaces where
/// words are apart, none between Chinese chars.
fn make_line(glyphs: &[&Glyph], y: f64, size: f64) -> Option<Line> {
    let mut text = String::new();
    let mut raised_label = None;
    let mut left = f64::INFINITY;
    let mut right = f64::NEG_INFINITY;
    let mut last_end: Option<f64> = None;
    let mut space = false;
    let mut first_word = 0.0;
    let mut in_first_word = true;
    let mut i = 0;
    while i < glyphs.len() {
        let g = glyphs[i];
        if g.blank() {
            space = true;
            i += 1;
            continue;
        }
        if is_raised(g, y, size) {
            // A run of raised glyphs: a marker to drop, or the label of a footnote.
            let mut run = String::new();
            let mut j = i;
            while j < glyphs.len() && is_raised(glyphs[j], y, size) {
                run.push(glyphs[j].ch);
                j += 1;
            }
            if is_marker(&run) {
                if text.is_empty() && raised_label.is_none() {
                    raised_label = Some(run.trim_matches(['[', ']', '(', ')']).to_string());
                }
                i = j;
                continue;
            }
        }
        let c = g.ch;
        if let Some(prev_end) = last_end {
            let prev = text.chars().last().unwrap_or(' ');
            let apart = g.x() - prev_end > size * 0.2;
            if (space || apart) && !(is_cjk(prev) || is_cjk(c)) {
                text.push(' ');
                in_first_word = false;
            }
            if is_cjk(prev) || is_cjk(c) {
                in_first_word = false;
            }
        }
        if in_first_word {
            first_word = g.x() + advance(g) - left.min(g.x());
        }
        space = false;
        push_glyph(&mut text, g.ch);
        left = left.min(g.x());
        right = right.max(g.x() + advance(g));
        last_end = Some(g.x() + advance(g));
        i += 1;
    }
    if text.trim().is_empty() {
        return None;
    }
    Some(Line {
        text: text.trim().to_string(),
        left,
        right,
        y,
        size,
        raised_label,
        first_word,
    })
}

/// Appends a glyph's char, a Latin ligature (ﬁ, ﬀ, ﬂ …) spelled out in its letters.
fn push_glyph(text: &mut String, c: char) {
    if matches!(c, '\u{FB00}'..='\u{FB06}') {
        unicode_normalization::char::decompose_compatible(c, |d| text.push(d));
    } else {
        text.push(c);
    }
}

/// A line's text with its digits blanked, to know a running header whatever its page number.
fn running_key(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| if c.is_ascii_digit() { '#' } else { c })
        .collect()
}

/// Whether a line sits in a page's top or bottom tenth.
fn in_margin(line: &Line, height: f64) -> bool {
    height > 0.0 && (line.y < height * 0.1 || line.y > height * 0.9)
}

/// Keys of the lines in the page margins that repeat on other pages: running headers and
/// footers.
fn running_lines(pages: &[Page], lines: &[Vec<Line>]) -> std::collections::BTreeSet<String> {
    let mut seen: std::collections::BTreeMap<String, usize> = Default::default();
    for (page, lines) in pages.iter().zip(lines) {
        let keys: std::collections::BTreeSet<String> = lines
            .iter()
            .filter(|l| in_margin(l, page.height))
            .map(|l| running_key(&l.text))
            .collect();
        for k in keys {
            *seen.entry(k).or_default() += 1;
        }
    }
    seen.into_iter()
        .filter(|&(_, n)| n >= 2)
        .map(|(k, _)| k)
        .collect()
}

/// A page number as printed: `3`, `- 3 -`, `第3页`, `第3页 共12页`, `3 / 12`, `Page 3 of 12`,
/// `iv`.
fn is_page_number(text: &str) -> bool {
    let t: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    // 第3页共12页, 共12页第3页: both halves page numbers.
    for (a, b) in [t.split_once("页共"), t.split_once("页第")]
        .into_iter()
        .flatten()
    {
        if is_page_number(&format!("{a}页")) && is_page_number(b) {
            return true;
        }
    }
    let t = t.trim_matches(['-', '–', '—', '·']);
    let t = t
        .strip_prefix("Page")
        .or_else(|| t.strip_prefix("page"))
        .unwrap_or(t);
    let t = t.strip_prefix(['第', '共']).unwrap_or(t);
    let t = t.strip_suffix('页').unwrap_or(t);
    let digits = |s: &str| !s.is_empty() && s.len() <= 4 && s.chars().all(|c| c.is_ascii_digit());
    let roman =
        |s: &str| !s.is_empty() && s.len() <= 6 && s.chars().all(|c| "ivxlcIVXLC".contains(c));
    digits(t)
        || roman(t)
        || t.split_once('/')
            .or_else(|| t.split_once("of"))
            .is_some_and(|(a, b)| digits(a) && digits(b))
}

/// Page furniture: a running header or footer, or a page number in the margins.
fn is_furniture(line: &Line, height: f64, running: &std::collections::BTreeSet<String>) -> bool {
    in_margin(line, height)
        && (running.contains(&running_key(&line.text)) || is_page_number(&line.text))
}

/// Takes the footnotes off the page's lines: from the bottom up, lines smaller than the body
/// text, one of them opening with a label.
fn split_footnotes(lines: &mut Vec<Line>, body: f64) -> Footnotes {
    let Some(lowest_body) = lines
        .iter()
        .filter(|l| l.size >= body * 0.92)
        .map(|l| l.y)
        .fold(None, |m: Option<f64>, y| Some(m.map_or(y, |m| m.max(y))))
    else {
        return Footnotes::default();
    };
    let small: Vec<usize> = (0..lines.len())
        .filter(|&i| lines[i].y > lowest_body && lines[i].size < body * 0.92)
        .collect();
    if small.is_empty() {
        return Footnotes::default();
    }
    let mut block: Vec<Line> = small.iter().map(|&i| lines[i].clone()).collect();
    block.sort_by(|a, b| a.y.total_cmp(&b.y));
    if !block.iter().any(|l| label_of(l).is_some()) {
        return Footnotes::default();
    }
    let mut carried = String::new();
    let mut notes: Vec<(String, String)> = Vec::new();
    for line in &block {
        match (label_of(line), notes.last_mut()) {
            (Some((label, rest)), _) => notes.push((label, rest)),
            (None, Some((_, text))) => join_into(text, &line.text),
            // Lines before the first label go on a note the page before began.
            (None, None) => join_into(&mut carried, &line.text),
        }
    }
    let mut i = 0;
    lines.retain(|_| {
        let keep = small.binary_search(&i).is_err();
        i += 1;
        keep
    });
    Footnotes {
        carried,
        notes: notes
            .into_iter()
            .map(|(label, text)| format!("[{label}] {text}"))
            .collect(),
    }
}

/// The footnotes of a page.
#[derive(Debug, Default)]
struct Footnotes {
    /// The end of a note that began on an earlier page.
    carried: String,
    /// The notes that begin on this page, each `[n] text`.
    notes: Vec<String>,
}

/// The label a footnote line opens with (raised, or `1`, `[1]`, `①`, `*` printed in line) and
/// the text after it.
fn label_of(line: &Line) -> Option<(String, String)> {
    if let Some(label) = &line.raised_label {
        return Some((label.clone(), line.text.clone()));
    }
    let t = line.text.as_str();
    let (label, rest) = if let Some(r) = t.strip_prefix('[') {
        let (n, rest) = r.split_once(']')?;
        (n.to_string(), rest)
    } else if let Some(c) = t
        .chars()
        .next()
        .filter(|c| matches!(c, '\u{2460}'..='\u{2473}'))
    {
        ((c as u32 - 0x245F).to_string(), &t[c.len_utf8()..])
    } else {
        let n: String = t.chars().take_while(|c| c.is_ascii_digit()).collect();
        if n.is_empty() || n.len() > 3 {
            return None;
        }
        (n.clone(), &t[n.len()..])
    };
    if label.is_empty() || !label.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    Some((
        label,
        rest.trim_start_matches(['.', ' ', ')', '、']).to_string(),
    ))
}

/// The page's lines in reading order, column by column: a page whose lines fall into a left
/// and a right half (three or more each) is read as two columns, the lines spanning both above
/// them first and those below them last.
fn columns(mut lines: Vec<Line>) -> Vec<Vec<Line>> {
    if lines.is_empty() {
        return Vec::new();
    }
    let left = lines.iter().map(|l| l.left).fold(f64::INFINITY, f64::min);
    let right = lines
        .iter()
        .map(|l| l.right)
        .fold(f64::NEG_INFINITY, f64::max);
    let mid = (left + right) / 2.0;
    let side = |l: &Line| {
        if l.right <= mid + l.size {
            1
        } else if l.left >= mid - l.size {
            2
        } else {
            0
        }
    };
    let halves = (
        lines.iter().filter(|l| side(l) == 1).count(),
        lines.iter().filter(|l| side(l) == 2).count(),
    );
    let by_y = |a: &Line, b: &Line| {
        let q = |l: &Line| (l.y / (l.size.max(1.0) * 0.5)).round() as i64;
        q(a).cmp(&q(b)).then(a.left.total_cmp(&b.left))
    };
    if halves.0 < 3 || halves.1 < 3 {
        lines.sort_by(by_y);
        return vec![lines];
    }
    let top = lines
        .iter()
        .filter(|l| side(l) != 0)
        .map(|l| l.y)
        .fold(f64::INFINITY, f64::min);
    let (mut above, mut first, mut second, mut below) = (vec![], vec![], vec![], vec![]);
    for l in lines {
        match side(&l) {
            1 => first.push(l),
            2 => second.push(l),
            _ if l.y < top => above.push(l),
            _ => below.push(l),
        }
    }
    let mut out = Vec::new();
    for mut part in [above, first, second, below] {
        if !part.is_empty() {
            part.sort_by(by_y);
            out.push(part);
        }
    }
    out
}

/// Left and right edges of a column's lines.
fn edges(column: &[Line]) -> (f64, f64) {
    let left = column.iter().map(|l| l.left).fold(f64::INFINITY, f64::min);
    let right = column
        .iter()
        .map(|l| l.right)
        .fold(f64::NEG_INFINITY, f64::max);
    (left, right)
}

/// Whether a line is indented in its column: the first line of a paragraph.
fn opens_paragraph(line: &Line, (left, _): (f64, f64)) -> bool {
    line.left > left + line.size * 0.8
}

/// Whether a line stops short of its column's right edge by more than the next line's first
/// word: the last line of a paragraph.
fn stops_short(line: &Line, next_word: f64, (_, right): (f64, f64)) -> bool {
    right - line.right > next_word + line.size * 1.2
}

/// Whether a line reads as the last of its paragraph: it stops short of the column's edge, and
/// either closes a sentence (or a quote or bracket) or fills less than half the column (a
/// heading). Lines of ragged text that stop short in mid-sentence (a long word or number, or a
/// mark that may not open a line, pushed to the next) do not.
fn ends_paragraph(line: &Line, next_word: f64, (left, right): (f64, f64)) -> bool {
    let closes = line
        .text
        .chars()
        .last()
        .is_some_and(|c| "。！？；：.!?;:”’\"')）)】」』》".contains(c));
    let half = line.right - left < (right - left) / 2.0;
    stops_short(line, next_word, (left, right)) && (closes || half)
}

/// A paragraph of a column.
struct Paragraph {
    /// Its first line.
    first: Line,
    /// Its text.
    text: String,
    /// Whether its last line reaches the column's right edge (it may go on in the next column).
    last_full: bool,
}

/// A column's lines as paragraphs: a larger gap than the column's usual one, an indented line,
/// a line after a short one or a change of size opens a new one.
fn paragraphs(column: &[Line]) -> Vec<Paragraph> {
    let edges = edges(column);
    let largest = w_size(column);
    let mut gaps: Vec<f64> = column
        .windows(2)
        .map(|w| w[1].y - w[0].y)
        .filter(|&d| d > 0.0 && d < largest * 3.0)
        .collect();
    gaps.sort_by(f64::total_cmp);
    let leading = gaps.get(gaps.len() / 2).copied();
    let mut out: Vec<Paragraph> = Vec::new();
    for (i, line) in column.iter().enumerate() {
        let new = match i.checked_sub(1).map(|j| &column[j]) {
            None => true,
            Some(prev) => {
                let gap = line.y - prev.y;
                let size = prev.size.max(line.size);
                let spaced = match leading {
                    Some(l) => gap > l * 1.3,
                    None => gap > size * 2.0,
                };
                spaced
                    || gap < 0.0
                    || opens_paragraph(line, edges)
                    || ends_paragraph(prev, line.first_word, edges)
                    || (prev.size - line.size).abs() > size * 0.15
            }
        };
        let full = !ends_paragraph(line, line.size, edges);
        if new {
            out.push(Paragraph {
                first: line.clone(),
                text: line.text.clone(),
                last_full: full,
            });
        } else if let Some(p) = out.last_mut() {
            join_into(&mut p.text, &line.text);
            p.last_full = full;
        }
    }
    out
}

fn w_size(column: &[Line]) -> f64 {
    column.iter().map(|l| l.size).fold(0.0, f64::max).max(1.0)
}

/// Appends a line to a paragraph's text: nothing between Chinese chars, a hyphen that breaks a
/// word dropped (`hyphen-` `ated`), kept in a compound already holding one (`people-to-`
/// `people`), a space between other words.
fn join_into(text: &mut String, next: &str) {
    let next = next.trim();
    if next.is_empty() {
        return;
    }
    let last = text.chars().last();
    let first = next.chars().next();
    match (last, first) {
        (None, _) => {}
        (Some(a), Some(b)) if is_cjk(a) || is_cjk(b) => {}
        (Some('-' | '\u{2010}' | '\u{AD}'), Some(b)) if b.is_lowercase() => {
            let word_start = text.rfind(' ').map_or(0, |i| i + 1);
            let stem = &text[word_start..text.len() - last.map_or(0, char::len_utf8)];
            let letter_before = stem.chars().last().is_some_and(char::is_alphabetic);
            if letter_before && !stem.contains('-') {
                text.pop();
            }
        }
        (Some('-' | '\u{2010}' | '—' | '/'), _) => {}
        _ => text.push(' '),
    }
    text.push_str(next);
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Glyphs of a line of text set from `x` on baseline `y` at `size`, each char `size` wide
    /// (Chinese) or half of it (others).
    fn set(text: &str, x: f64, y: f64, size: f64) -> Vec<Glyph> {
        let mut at = x;
        text.chars()
            .map(|c| {
                let width = if is_cjk(c) { size } else { size * 0.5 };
                let g = Glyph {
                    ch: c,
                    x: at as f32,
                    y: y as f32,
                    size: size as f32,
                    width: width as f32,
                };
                at += width;
                g
            })
            .collect()
    }

    fn page(lines: Vec<Vec<Glyph>>) -> Page {
        Page {
            height: 800.0,
            glyphs: lines.into_iter().flatten().collect(),
        }
    }

    #[test]
    fn lines_of_a_paragraph_join_and_a_short_line_ends_it() {
        // Full lines are 18 chars wide; the second paragraph's first line is indented.
        let p = page(vec![
            set("一、政治领域", 100.0, 100.0, 12.0),
            set("双方同意加强高层交往和战略沟通深化治", 100.0, 120.0, 12.0),
            set("国理政经验交流。", 100.0, 140.0, 12.0),
            set("中方支持巴方维护国家主权和领土完", 124.0, 160.0, 12.0),
            set("整，巴方支持中方。", 100.0, 180.0, 12.0),
        ]);
        assert_eq!(
            assemble(&[p]),
            vec![
                "一、政治领域\n双方同意加强高层交往和战略沟通深化治国理政经验交流。\n中方支持巴方维护国家主权和领土完整，巴方支持中方。"
            ]
        );
    }

    #[test]
    fn running_headers_and_page_numbers_go() {
        let mut pages = Vec::new();
        for n in 1..=3 {
            pages.push(page(vec![
                set("中古联合声明", 250.0, 40.0, 10.0),
                set(&format!("第{n}段正文在这里。"), 100.0, 200.0, 12.0),
                set(&n.to_string(), 290.0, 770.0, 10.0),
            ]));
        }
        // The lines are full and unindented: one paragraph running over the pages.
        let text = assemble(&pages).join("");
        assert_eq!(text, "第1段正文在这里。第2段正文在这里。第3段正文在这里。");
        // One page alone keeps its heading but loses its page number.
        let one = page(vec![
            set("中古联合声明", 250.0, 40.0, 10.0),
            set("正文。", 100.0, 200.0, 12.0),
            set("- 1 -", 290.0, 770.0, 10.0),
        ]);
        assert_eq!(assemble(&[one]), vec!["中古联合声明\n正文。"]);
    }

    #[test]
    fn two_columns_are_read_one_after_the_other() {
        let mut lines = vec![set("标题横跨两栏的一行字标题横跨两栏", 100.0, 80.0, 12.0)];
        for i in 0..4 {
            let y = 120.0 + 20.0 * i as f64;
            lines.push(set(&format!("左栏第{i}行文字"), 100.0, y, 12.0));
            lines.push(set(&format!("右栏第{i}行文字"), 300.0, y, 12.0));
        }
        let text = assemble(&[page(lines)]).join("");
        let left = text.find("左栏第3行").unwrap();
        let right = text.find("右栏第0行").unwrap();
        assert!(left < right, "{text}");
        assert!(text.starts_with("标题横跨两栏"), "{text}");
    }

    #[test]
    fn footnote_markers_leave_the_body_and_footnotes_follow_the_paragraph() {
        let mut body = set("两国传统文化理念契合相通。", 100.0, 100.0, 12.0);
        // A raised small marker after the sentence.
        body.push(Glyph {
            ch: '1',
            x: 100.0 + 13.0 * 12.0,
            y: 95.0,
            size: 7.0,
            width: 3.5,
        });
        let mut note = vec![Glyph {
            ch: '1',
            x: 100.0,
            y: 700.0 - 4.0,
            size: 6.0,
            width: 3.0,
        }];
        note.extend(set(
            "刘卿：《亚洲安全模式的文明根基与实践创新》。",
            104.0,
            700.0,
            9.0,
        ));
        let pages = vec![
            page(vec![
                body,
                set("两国人民对和平发展合作的共同向", 100.0, 120.0, 12.0),
                note,
            ]),
            page(vec![set("往，构成了文明交流的基础。", 100.0, 100.0, 12.0)]),
        ];
        let text = assemble(&pages).join("\n");
        assert_eq!(
            text,
            "两国传统文化理念契合相通。两国人民对和平发展合作的共同向往，构成了文明交流的基础。\n[1] 刘卿：《亚洲安全模式的文明根基与实践创新》。\n"
                .trim_end()
        );
    }

    #[test]
    fn english_words_broken_at_a_line_end_are_joined() {
        let mut t = String::from("people-to-");
        join_into(&mut t, "people exchanges");
        assert_eq!(t, "people-to-people exchanges");
        let mut t = String::from("the devel-");
        join_into(&mut t, "opment of");
        assert_eq!(t, "the development of");
        let mut t = String::from("Sri");
        join_into(&mut t, "Lanka");
        assert_eq!(t, "Sri Lanka");
        let mut t = String::from("双方同意");
        join_into(&mut t, "加强合作");
        assert_eq!(t, "双方同意加强合作");
    }

    #[test]
    fn page_numbers_in_their_usual_forms() {
        for n in [
            "3",
            "- 3 -",
            "— 3 —",
            "第3页",
            "第 3 页 共 12 页",
            "共12页 第3页",
            "3 / 12",
            "Page 3 of 12",
            "iv",
        ] {
            assert!(is_page_number(n), "{n}");
        }
        for n in ["2025年", "一、总则", "CPEC"] {
            assert!(!is_page_number(n), "{n}");
        }
    }
}
