//! Input formats: turning a PDF, an HTML page, a Markdown file or a plain text file into the
//! plain text the normalizer reads.
//!
//! This module owns telling formats apart (by the file's first bytes, then its name) and each
//! conversion. Offsets of evidence refer to the text it returns. It knows nothing of manifests
//! nor of what the text says.

use std::path::Path;

use super::decode::{self, DecodeError};
use super::pdf_layout::{self, Glyph, Page};

/// A file format corridor reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Plain text in UTF-8, UTF-16 (with a byte-order mark) or GB18030/GBK.
    Text,
    /// CommonMark Markdown.
    Markdown,
    /// An HTML page.
    Html,
    /// A PDF with a text layer.
    Pdf,
}

/// File name endings corridor reads, for scanning folders.
pub const ENDINGS: [&str; 9] = [
    "txt", "text", "md", "markdown", "html", "htm", "xhtml", "pdf", "PDF",
];

/// Why a file's content could not be turned into text.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum FormatError {
    /// The bytes are not text in a supported encoding.
    #[error(transparent)]
    Decode(#[from] DecodeError),
    /// The PDF could not be read.
    #[error("not a readable PDF: {message}")]
    Pdf {
        /// What the PDF reader reported.
        message: String,
    },
    /// The PDF has pages but no text on them: a scan without a text layer.
    #[error(
        "the PDF's {pages} page(s) hold no text layer (a scanned image?); build or ingest with \
         --ocr to read it by OCR (Tesseract)"
    )]
    NoTextLayer {
        /// Pages in the PDF.
        pages: usize,
    },
    /// The PDF's fonts give no text for many of its glyphs (no ToUnicode map), and the second
    /// reader could not read them either.
    #[error(
        "{unmapped} of its {glyphs} glyphs have no Unicode mapping (its fonts lack a ToUnicode \
         map), so its text cannot be read from the file{}; build or ingest with --ocr to read it \
         by OCR (Tesseract)",
        if *missing { " (pdftotext, Debian package poppler-utils, which reads some such fonts, is not installed)" } else { "" }
    )]
    UnmappedFonts {
        /// Glyphs without text.
        unmapped: usize,
        /// Glyphs drawn.
        glyphs: usize,
        /// Whether pdftotext, which reads some such fonts, is missing.
        missing: bool,
    },
    /// A scanned PDF could not be read by OCR.
    #[error("reading the scanned PDF by OCR: {0}")]
    Ocr(#[from] super::ocr::OcrError),
}

/// How files are read.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ConvertOptions {
    /// Read a PDF without a text layer by OCR ([`super::ocr`]) instead of refusing it.
    pub ocr: bool,
}

/// Text taken from a file, with the title its markup gives, if any.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Converted {
    /// The text.
    pub text: String,
    /// The title the markup declares (HTML `<title>` or first `<h1>`, Markdown's first heading).
    pub title: Option<String>,
    /// The format read.
    pub format: Format,
    /// The date the file's metadata gives (a PDF's creation date), as `YYYY-MM-DD`.
    pub date: Option<String>,
    /// How the text was obtained when not from the file's own text: `ocr`.
    pub text_source: Option<String>,
}

impl Format {
    /// The format of a file: a PDF or HTML by its first bytes whatever its name, else by the
    /// name's ending; plain text otherwise.
    pub fn detect(path: &Path, bytes: &[u8]) -> Format {
        if bytes.starts_with(b"%PDF-") {
            return Format::Pdf;
        }
        let ending = path
            .extension()
            .and_then(|x| x.to_str())
            .map(str::to_ascii_lowercase)
            .unwrap_or_default();
        match ending.as_str() {
            "pdf" => Format::Pdf,
            "html" | "htm" | "xhtml" => Format::Html,
            "md" | "markdown" => Format::Markdown,
            _ if looks_like_html(bytes) => Format::Html,
            _ => Format::Text,
        }
    }
}

fn looks_like_html(bytes: &[u8]) -> bool {
    let head: String = String::from_utf8_lossy(&bytes[..bytes.len().min(512)])
        .trim_start_matches('\u{feff}')
        .trim_start()
        .chars()
        .take(15)
        .collect::<String>()
        .to_ascii_lowercase();
    head.starts_with("<!doctype html") || head.starts_with("<html")
}

/// Reads a file's bytes as the format its first bytes or name say.
pub fn convert(path: &Path, bytes: &[u8]) -> Result<Converted, FormatError> {
    convert_with(path, bytes, ConvertOptions::default())
}

/// Reads a file's bytes as the format its first bytes or name say, with OCR of scanned PDFs
/// when `options` ask for it.
pub fn convert_with(
    path: &Path,
    bytes: &[u8],
    options: ConvertOptions,
) -> Result<Converted, FormatError> {
    let format = Format::detect(path, bytes);
    let mut date = None;
    let mut text_source = None;
    let (text, title) = match format {
        Format::Pdf => match pdf_text(bytes) {
            Ok(pdf) => {
                date = pdf.date;
                (pdf.text, pdf.title)
            }
            Err(FormatError::NoTextLayer { .. } | FormatError::UnmappedFonts { .. })
                if options.ocr =>
            {
                text_source = Some("ocr".to_string());
                (super::ocr::read_pdf(bytes)?, None)
            }
            Err(e) => return Err(e),
        },
        Format::Html => {
            let page = decode::decode(bytes)?.text;
            html_text(&page)
        }
        Format::Markdown => {
            let source = decode::decode(bytes)?.text;
            markdown_text(&source)
        }
        Format::Text => (decode::decode(bytes)?.text, None),
    };
    Ok(Converted {
        text,
        title,
        format,
        date,
        text_source,
    })
}

/// Most text taken from one PDF, in bytes (16 MiB, as for the file): a small file can hold
/// far more text than its size, compressed or drawn many times over.
pub const MAX_PDF_TEXT: usize = 16 << 20;
/// Memory the PDF reader may use for one file, beyond what the process had mapped before.
pub const PDF_MEMORY: u64 = 1 << 30;
/// Longest the PDF reader may take over one file.
pub const PDF_TIME: std::time::Duration = std::time::Duration::from_secs(120);

/// The text layer of a PDF, page after page, with CJK radicals and compatibility ideographs
/// folded to the ideographs they stand for ([`super::normalize::fold_ideograph`]). The reader runs in a child process
/// ([`crate::child`]) under [`PDF_TIME`], [`PDF_MEMORY`] and [`MAX_PDF_TEXT`]: a hostile file
/// (nested past any stack, a compression or text bomb) fails alone, named, and the build goes
/// on.
fn pdf_text(bytes: &[u8]) -> Result<PdfText, FormatError> {
    let failed = |message: String| FormatError::Pdf { message };
    let answer = match crate::child::run(PDF_TIME, Some(PDF_MEMORY), MAX_PDF_TEXT + 4096, || {
        encode_pages(&read_pages(bytes))
    }) {
        crate::child::Outcome::Done(b) => {
            decode_pages(&b).ok_or_else(|| failed("the PDF reader's answer was damaged".into()))?
        }
        crate::child::Outcome::TimedOut => {
            return Err(failed(format!(
                "the PDF reader took longer than {} s over it and was stopped",
                PDF_TIME.as_secs()
            )));
        }
        crate::child::Outcome::OutOfMemory => {
            return Err(failed(format!(
                "the PDF reader needed more than {} MiB of memory (or its stack) and was stopped",
                PDF_MEMORY >> 20
            )));
        }
        crate::child::Outcome::TooLarge => {
            return Err(failed(too_much_text()));
        }
        crate::child::Outcome::Crashed(how) => {
            return Err(failed(format!("the PDF reader failed: {how}")));
        }
    };
    let (pages, title, date) = match answer {
        Ok(strings) => {
            let Some(read) = FirstRead::from_strings(strings) else {
                return Err(failed("the PDF reader's answer was damaged".into()));
            };
            let (glyphs, unmapped) = (read.glyphs, read.unmapped);
            // Fonts without a map to Unicode: pdftotext reads some of them from the fonts'
            // own tables.
            if unmapped > 0 && !mostly_text(unmapped, glyphs) {
                let unreadable = |missing: bool| FormatError::UnmappedFonts {
                    unmapped,
                    glyphs,
                    missing,
                };
                match second_reader(bytes) {
                    Ok(pages) if is_text(&pages) => (pages, read.title, read.date),
                    Err(super::poppler::PopplerError::Missing) => return Err(unreadable(true)),
                    _ => return Err(unreadable(false)),
                }
            } else {
                (read.pages, read.title, read.date)
            }
        }
        // What the reader cannot read (a font it does not know), pdftotext may; a file past
        // the limits is not read again.
        Err(FormatError::Pdf { message }) if message == too_much_text() => {
            return Err(failed(message));
        }
        Err(FormatError::Pdf { message }) => match second_reader(bytes) {
            Ok(pages) if is_text(&pages) => (pages, None, None),
            _ => return Err(failed(message)),
        },
        Err(e) => return Err(e),
    };
    if pages.iter().all(|p| p.trim().is_empty()) {
        return Err(FormatError::NoTextLayer { pages: pages.len() });
    }
    let mut text = String::new();
    for page in &pages {
        // Radicals a CJK font gives for ordinary ideographs are folded here already, one char
        // for one, so quotes and stored text read as the document prints.
        text.extend(
            page.trim_end()
                .chars()
                .map(super::normalize::fold_ideograph),
        );
        text.push_str("\n\n");
    }
    if text.len() > MAX_PDF_TEXT {
        return Err(failed(too_much_text()));
    }
    Ok(PdfText { text, title, date })
}

/// Why a PDF's text is refused for its size.
fn too_much_text() -> String {
    format!(
        "its text is larger than the {} MiB a document may hold; split it",
        MAX_PDF_TEXT >> 20
    )
}

/// The pages of a PDF as poppler's `pdftotext` places their words ([`super::poppler`]), laid
/// out as the first reader's glyphs are.
fn second_reader(bytes: &[u8]) -> Result<Vec<String>, super::poppler::PopplerError> {
    let pages = super::poppler::read_pdf(bytes)?;
    Ok(pdf_layout::assemble(&pages))
}

/// What a PDF gives: its text, and the title and creation date of its metadata.
struct PdfText {
    text: String,
    title: Option<String>,
    date: Option<String>,
}

/// A PDF metadata string as text: UTF-16 after a byte-order mark, else PDFDocEncoding (read as
/// Latin-1, which it matches for letters).
fn pdf_string(bytes: &[u8]) -> String {
    match bytes {
        [0xFE, 0xFF, rest @ ..] => {
            let units: Vec<u16> = rest
                .chunks_exact(2)
                .map(|c| u16::from_be_bytes([c[0], c[1]]))
                .collect();
            String::from_utf16_lossy(&units)
        }
        [0xEF, 0xBB, 0xBF, rest @ ..] => String::from_utf8_lossy(rest).into_owned(),
        _ => bytes.iter().map(|&b| b as char).collect(),
    }
}

/// The title of a PDF's metadata, unless it is a file name or a producer's placeholder
/// (`Microsoft Word - 文档1.docx`, `untitled`).
fn metadata_title(raw: &str) -> Option<String> {
    let title: String = raw
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .chars()
        .filter(|c| !c.is_control())
        .collect();
    let lower = title.to_lowercase();
    let file_name = [
        ".doc", ".docx", ".pdf", ".odt", ".wps", ".rtf", ".txt", ".html", ".htm", ".tex", ".indd",
    ]
    .iter()
    .any(|e| lower.ends_with(e));
    let placeholder = lower.starts_with("microsoft word")
        || ["untitled", "无标题", "title", "document", "文档"].contains(&lower.as_str());
    (!title.is_empty() && !file_name && !placeholder).then_some(title)
}

/// The day of a PDF date (`D:20250904120000+08'00'`), as `YYYY-MM-DD`.
fn metadata_date(raw: &str) -> Option<String> {
    let digits: String = raw
        .trim()
        .trim_start_matches("D:")
        .chars()
        .take(8)
        .collect();
    if digits.len() != 8 || !digits.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    let (y, m, d) = (&digits[..4], &digits[4..6], &digits[6..8]);
    let ok =
        ("1900".."2100").contains(&y) && ("01"..="12").contains(&m) && ("01"..="31").contains(&d);
    ok.then(|| format!("{y}-{m}-{d}"))
}

/// The title and creation date of a PDF's document information dictionary.
fn pdf_metadata(doc: &pdf_extract::Document) -> (Option<String>, Option<String>) {
    let info = doc.trailer.get(b"Info").ok().and_then(|o| match o {
        pdf_extract::Object::Reference(id) => doc.get_dictionary(*id).ok(),
        pdf_extract::Object::Dictionary(d) => Some(d),
        _ => None,
    });
    let field = |key: &[u8]| {
        info.and_then(|d| d.get(key).ok()).and_then(|o| match o {
            pdf_extract::Object::String(bytes, _) => Some(pdf_string(bytes)),
            _ => None,
        })
    };
    (
        field(b"Title").as_deref().and_then(metadata_title),
        field(b"CreationDate").as_deref().and_then(metadata_date),
    )
}

/// A char a font without a map to Unicode gives in place of text: a control char or U+FFFD.
fn no_text(c: char) -> bool {
    !c.is_whitespace() && (c.is_control() || c == '\u{FFFD}')
}

/// Whether a glyph's text is text: not empty, nor only [`no_text`] chars.
fn maps_to_text(s: &str) -> bool {
    !s.is_empty() && !s.chars().all(no_text)
}

/// Whether a PDF's text is mostly text: no more than one glyph (or char) in fifty of `all`
/// gives none, and there is some.
fn mostly_text(unmapped: usize, all: usize) -> bool {
    all > 0 && unmapped * 50 <= all
}

/// Whether pages read are mostly text ([`mostly_text`] over their non-blank chars).
fn is_text(pages: &[String]) -> bool {
    let chars = pages
        .iter()
        .flat_map(|p| p.chars())
        .filter(|c| !c.is_whitespace());
    let (bad, all) = chars.fold((0, 0), |(bad, all), c| {
        (bad + usize::from(no_text(c)), all + 1)
    });
    mostly_text(bad, all)
}

/// The reader's glyphs, placed on their page, refusing characters past a budget shared by all
/// pages.
struct Collector<'a> {
    /// The pages read so far; the last is the one being read.
    pages: &'a mut Vec<Page>,
    /// The page's top in the reader's coordinates (whose origin is at the bottom).
    top: f64,
    /// Bytes the document may still take: each character and a blank before it.
    left: &'a mut usize,
    /// Whether the budget ran out.
    over: bool,
    /// Glyphs seen, and those the fonts give no text for.
    counts: &'a mut (usize, usize),
}

impl pdf_extract::OutputDev for Collector<'_> {
    fn begin_page(
        &mut self,
        _page_num: u32,
        media_box: &pdf_extract::MediaBox,
        _art_box: Option<(f64, f64, f64, f64)>,
    ) -> Result<(), pdf_extract::OutputError> {
        let height = media_box.ury - media_box.lly;
        self.top = media_box.ury;
        self.pages.push(Page {
            height,
            glyphs: Vec::new(),
        });
        Ok(())
    }
    fn end_page(&mut self) -> Result<(), pdf_extract::OutputError> {
        Ok(())
    }
    fn output_character(
        &mut self,
        trm: &pdf_extract::Transform,
        width: f64,
        _spacing: f64,
        font_size: f64,
        char: &str,
    ) -> Result<(), pdf_extract::OutputError> {
        self.counts.0 += 1;
        if !maps_to_text(char) {
            self.counts.1 += 1;
        }
        // A character and the space or line break that may come before it.
        let cost = char.len() + 1;
        if cost > *self.left {
            self.over = true;
            return Err(pdf_extract::OutputError::FormatError(std::fmt::Error));
        }
        *self.left -= cost;
        // The size on the page: the font size scaled as the text matrix scales a square.
        let (sx, sy) = (
            font_size * (trm.m11 + trm.m21),
            font_size * (trm.m12 + trm.m22),
        );
        let size = (sx * sy).abs().sqrt();
        if let Some(page) = self.pages.last_mut() {
            // A glyph standing for several chars (a ligature) shares its width among them.
            let n = char.chars().count().max(1) as f64;
            let share = width * size / n;
            for (k, c) in char.chars().enumerate() {
                page.glyphs.push(Glyph {
                    ch: c,
                    x: (trm.m31 + share * k as f64) as f32,
                    y: (self.top - trm.m32) as f32,
                    size: size as f32,
                    width: share as f32,
                });
            }
        }
        Ok(())
    }
    fn begin_word(&mut self) -> Result<(), pdf_extract::OutputError> {
        Ok(())
    }
    fn end_word(&mut self) -> Result<(), pdf_extract::OutputError> {
        Ok(())
    }
    fn end_line(&mut self) -> Result<(), pdf_extract::OutputError> {
        Ok(())
    }
}

/// The PDF's metadata title and date (empty when none), the glyphs it draws and those its fonts
/// give no text for (`"glyphs unmapped"`), then its pages as text in reading order
/// ([`pdf_layout::assemble`]); or the reader's message. Reading stops at the first page the reader cannot read, as the reader's own page
/// loop does, and fails once the text passes [`MAX_PDF_TEXT`].
fn read_pages(bytes: &[u8]) -> Result<Vec<String>, String> {
    let too_much = too_much_text;
    // The PDF reader panics on some malformed files; one bad file must not stop the others.
    let pages = std::panic::catch_unwind(|| {
        let mut doc = pdf_extract::Document::load_mem(bytes).map_err(|e| e.to_string())?;
        if doc.is_encrypted() {
            // Documents locked against copying but not reading open with the empty password.
            doc.decrypt("").map_err(|e| e.to_string())?;
        }
        let metadata = pdf_metadata(&doc);
        let mut left = MAX_PDF_TEXT;
        let mut counts = (0, 0);
        let mut pages = Vec::new();
        for page in 1u32.. {
            let before = pages.len();
            let mut out = Collector {
                pages: &mut pages,
                top: 0.0,
                left: &mut left,
                over: false,
                counts: &mut counts,
            };
            let read = pdf_extract::output_doc_page(&doc, &mut out, page);
            if out.over {
                return Err(too_much());
            }
            if read.is_err() {
                pages.truncate(before);
                break;
            }
        }
        Ok((metadata, counts, pages))
    })
    .map_err(|panic| {
        panic
            .downcast_ref::<String>()
            .cloned()
            .or_else(|| panic.downcast_ref::<&str>().map(|s| s.to_string()))
            .unwrap_or_else(|| "the PDF reader failed".into())
    })??;
    let ((title, date), (glyphs, unmapped), pages) = pages;
    Ok(FirstRead {
        title,
        date,
        glyphs,
        unmapped,
        pages: pdf_layout::assemble(&pages),
    }
    .to_strings())
}

/// What corridor's own PDF reader gives, as it crosses the child's pipe.
#[derive(Debug, Default, PartialEq)]
struct FirstRead {
    /// The metadata's title and creation date.
    title: Option<String>,
    date: Option<String>,
    /// Glyphs drawn, and those the fonts give no text for.
    glyphs: usize,
    unmapped: usize,
    /// The pages' text in reading order.
    pages: Vec<String>,
}

impl FirstRead {
    /// As strings: title, date (empty when none), the two counts, then the pages.
    fn to_strings(&self) -> Vec<String> {
        let mut out = vec![
            self.title.clone().unwrap_or_default(),
            self.date.clone().unwrap_or_default(),
            self.glyphs.to_string(),
            self.unmapped.to_string(),
        ];
        out.extend(self.pages.iter().cloned());
        out
    }

    /// From [`FirstRead::to_strings`]'s strings; `None` when they are damaged.
    fn from_strings(strings: Vec<String>) -> Option<FirstRead> {
        let mut strings = strings.into_iter();
        let some = |s: String| Some(s).filter(|s| !s.is_empty());
        Some(FirstRead {
            title: some(strings.next()?),
            date: some(strings.next()?),
            glyphs: strings.next()?.parse().ok()?,
            unmapped: strings.next()?.parse().ok()?,
            pages: strings.collect(),
        })
    }
}

/// Pages (or a message) as bytes to cross a pipe: a tag byte, then each page's length (8 bytes,
/// little-endian) and text, or the message.
fn encode_pages(pages: &Result<Vec<String>, String>) -> Vec<u8> {
    match pages {
        Ok(pages) => {
            let mut out = vec![0];
            for p in pages {
                out.extend((p.len() as u64).to_le_bytes());
                out.extend(p.as_bytes());
            }
            out
        }
        Err(m) => [&[1u8][..], m.as_bytes()].concat(),
    }
}

fn decode_pages(bytes: &[u8]) -> Option<Result<Vec<String>, FormatError>> {
    let (&tag, mut rest) = bytes.split_first()?;
    if tag == 1 {
        return Some(Err(FormatError::Pdf {
            message: String::from_utf8_lossy(rest).into_owned(),
        }));
    }
    let mut pages = Vec::new();
    while !rest.is_empty() {
        let len = usize::try_from(u64::from_le_bytes(rest.get(..8)?.try_into().ok()?)).ok()?;
        let text = rest.get(8..8usize.checked_add(len)?)?;
        pages.push(String::from_utf8(text.to_vec()).ok()?);
        rest = &rest[8 + len..];
    }
    Some(Ok(pages))
}

/// Elements whose content is never text to read.
const SKIPPED: [&str; 8] = [
    "script", "style", "noscript", "template", "svg", "head", "nav", "iframe",
];

/// Elements that stand on lines of their own.
const BLOCKS: [&str; 35] = [
    "p",
    "div",
    "br",
    "li",
    "ul",
    "ol",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "tr",
    "table",
    "section",
    "article",
    "header",
    "footer",
    "blockquote",
    "pre",
    "hr",
    "dd",
    "dt",
    "dl",
    "figure",
    "figcaption",
    "main",
    "address",
    "aside",
    "caption",
    "tbody",
    "thead",
    "form",
    "title",
    "body",
];

/// The readable text of an HTML page, one block per line, and its title.
pub fn html_text(page: &str) -> (String, Option<String>) {
    let mut out = String::new();
    let mut title: Option<String> = None;
    let mut h1: Option<String> = None;
    let mut in_pre = 0usize;
    let mut rest = page;
    while let Some(lt) = rest.find('<') {
        push_text(&mut out, &rest[..lt], in_pre > 0);
        rest = &rest[lt..];
        if let Some(after) = rest.strip_prefix("<!--") {
            rest = after.find("-->").map_or("", |i| &after[i + 3..]);
            continue;
        }
        let Some(gt) = tag_end(rest) else {
            // A lone `<` is text.
            push_text(&mut out, "<", in_pre > 0);
            rest = &rest[1..];
            continue;
        };
        let tag = &rest[1..gt];
        rest = &rest[gt + 1..];
        let closing = tag.starts_with('/');
        let name: String = tag
            .trim_start_matches('/')
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect::<String>()
            .to_ascii_lowercase();
        if name.is_empty() {
            continue;
        }
        if !closing && (name == "title" || name == "h1") {
            let close = format!("</{name}");
            let end = find_ci(rest, &close).unwrap_or(rest.len());
            let (inner, _) = html_text(&rest[..end]);
            let inner = inner.split_whitespace().collect::<Vec<_>>().join(" ");
            if name == "title" {
                title.get_or_insert(inner);
                rest = skip_element(rest, &name);
                continue;
            }
            h1.get_or_insert(inner);
        }
        if !closing && SKIPPED.contains(&name.as_str()) && !tag.trim_end().ends_with('/') {
            if name == "head" {
                // The title inside the head is kept; the rest of the head is not text.
                let end = find_ci(rest, "</head").unwrap_or(rest.len());
                let (_, t) = html_text(&rest[..end]);
                if let Some(t) = t {
                    title.get_or_insert(t);
                }
            }
            rest = skip_element(rest, &name);
            continue;
        }
        if name == "pre" {
            in_pre = if closing {
                in_pre.saturating_sub(1)
            } else {
                in_pre + 1
            };
        }
        if BLOCKS.contains(&name.as_str()) {
            end_line(&mut out);
        } else if matches!(name.as_str(), "td" | "th") && closing {
            out.push('\t');
        }
    }
    push_text(&mut out, rest, in_pre > 0);
    let text = tidy_lines(&out);
    (text, title.filter(|t| !t.is_empty()).or(h1))
}

/// Byte offset of the `>` closing the tag that starts `s`, skipping quoted attribute values.
fn tag_end(s: &str) -> Option<usize> {
    let mut quote: Option<char> = None;
    for (i, c) in s.char_indices().skip(1) {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '"' | '\'') => quote = Some(c),
            (None, '>') => return Some(i),
            (None, '<') if i == 1 => return None,
            _ => {}
        }
        if i == 1 && !(c.is_ascii_alphabetic() || c == '/' || c == '!' || c == '?') {
            return None;
        }
    }
    None
}

/// Case-insensitive find of an ASCII needle.
fn find_ci(hay: &str, needle: &str) -> Option<usize> {
    let n = needle.len();
    hay.as_bytes()
        .windows(n)
        .position(|w| w.eq_ignore_ascii_case(needle.as_bytes()))
}

/// The text after the end tag of element `name` (or nothing, when it is never closed).
fn skip_element<'a>(rest: &'a str, name: &str) -> &'a str {
    let close = format!("</{name}");
    match find_ci(rest, &close) {
        Some(i) => {
            let after = &rest[i..];
            after.find('>').map_or("", |j| &after[j + 1..])
        }
        None => "",
    }
}

fn end_line(out: &mut String) {
    if !out.is_empty() && !out.ends_with('\n') {
        out.push('\n');
    }
}

/// Appends text between tags: entities decoded, runs of white space made one space (kept as
/// they are inside `<pre>`).
fn push_text(out: &mut String, raw: &str, pre: bool) {
    if raw.is_empty() {
        return;
    }
    let decoded = decode_entities(raw);
    if pre {
        out.push_str(&decoded);
        return;
    }
    for c in decoded.chars() {
        if c.is_whitespace() && c != '\u{3000}' && c != '\u{a0}' {
            if !out.is_empty() && !out.ends_with([' ', '\n', '\t']) {
                out.push(' ');
            }
        } else {
            out.push(c);
        }
    }
}

/// Lines trimmed, and no more than one empty line in a row.
fn tidy_lines(text: &str) -> String {
    let mut out = String::new();
    let mut blank = 0;
    for line in text.lines() {
        let line = line.trim_matches(|c: char| c == ' ' || c == '\t');
        if line.is_empty() {
            blank += 1;
            continue;
        }
        if !out.is_empty() {
            out.push_str(if blank > 0 { "\n\n" } else { "\n" });
        }
        blank = 0;
        out.push_str(line);
    }
    if !out.is_empty() {
        out.push('\n');
    }
    out
}

/// Named character references common in news and government pages.
const ENTITIES: [(&str, char); 32] = [
    ("amp", '&'),
    ("lt", '<'),
    ("gt", '>'),
    ("quot", '"'),
    ("apos", '\''),
    ("nbsp", '\u{a0}'),
    ("ensp", '\u{2002}'),
    ("emsp", '\u{2003}'),
    ("thinsp", '\u{2009}'),
    ("ndash", '–'),
    ("mdash", '—'),
    ("lsquo", '‘'),
    ("rsquo", '’'),
    ("ldquo", '“'),
    ("rdquo", '”'),
    ("sbquo", '‚'),
    ("bdquo", '„'),
    ("hellip", '…'),
    ("middot", '·'),
    ("bull", '•'),
    ("copy", '©'),
    ("reg", '®'),
    ("trade", '™'),
    ("deg", '°'),
    ("times", '×'),
    ("divide", '÷'),
    ("plusmn", '±'),
    ("laquo", '«'),
    ("raquo", '»'),
    ("eacute", 'é'),
    ("aacute", 'á'),
    ("uuml", 'ü'),
];

/// Decodes character references: named ones from `ENTITIES`, decimal and hexadecimal ones.
/// A reference to no character (a lone surrogate, a number past U+10FFFF) becomes U+FFFD; an
/// unknown name stays as it is written.
pub fn decode_entities(raw: &str) -> String {
    if !raw.contains('&') {
        return raw.to_string();
    }
    let mut out = String::with_capacity(raw.len());
    let mut rest = raw;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        rest = &rest[amp..];
        let Some(semi) = rest[1..].find(';').map(|i| i + 1).filter(|&i| i <= 12) else {
            out.push('&');
            rest = &rest[1..];
            continue;
        };
        let body = &rest[1..semi];
        let decoded = if let Some(num) = body.strip_prefix('#') {
            let value = match num.strip_prefix(['x', 'X']) {
                Some(hex) => u32::from_str_radix(hex, 16).ok(),
                None => num.parse::<u32>().ok(),
            };
            value.map(|v| char::from_u32(v).unwrap_or('\u{fffd}'))
        } else {
            ENTITIES.iter().find(|(n, _)| *n == body).map(|(_, c)| *c)
        };
        match decoded {
            Some(c) => {
                out.push(c);
                rest = &rest[semi + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// The text of a Markdown document, one block per line, and its first heading.
pub fn markdown_text(source: &str) -> (String, Option<String>) {
    use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_SMART_PUNCTUATION;
    let mut out = String::new();
    let mut title: Option<String> = None;
    let mut heading: Option<String> = None;
    for event in Parser::new_ext(source, options) {
        match event {
            Event::Start(Tag::Heading { .. }) => heading = Some(String::new()),
            Event::End(TagEnd::Heading(_)) => {
                if let Some(h) = heading.take() {
                    title.get_or_insert(h.trim().to_string());
                }
                out.push_str("\n\n");
            }
            Event::Text(t) | Event::Code(t) => {
                if let Some(h) = heading.as_mut() {
                    h.push_str(&t);
                }
                out.push_str(&t);
            }
            Event::Html(h) | Event::InlineHtml(h) => {
                let (t, _) = html_text(&h);
                out.push_str(t.trim_end_matches('\n'));
            }
            Event::SoftBreak | Event::HardBreak => out.push('\n'),
            Event::FootnoteReference(label) => {
                out.push('[');
                out.push_str(&label);
                out.push(']');
            }
            Event::End(
                TagEnd::Paragraph | TagEnd::BlockQuote(_) | TagEnd::CodeBlock | TagEnd::Item,
            )
            | Event::End(TagEnd::TableRow | TagEnd::TableHead)
            | Event::Rule => out.push('\n'),
            Event::End(TagEnd::TableCell) => out.push('\t'),
            Event::Start(Tag::FootnoteDefinition(label)) => {
                out.push('[');
                out.push_str(&label);
                out.push_str("] ");
            }
            _ => {}
        }
    }
    (tidy_lines(&out), title.filter(|t| !t.is_empty()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_keeps_blocks_as_lines_and_drops_scripts() {
        let page = "<!DOCTYPE html><html><head><title>中巴联合声明</title>\
            <style>p{color:red}</style></head><body><nav>首页</nav>\
            <h1>联合声明</h1><p>双方同意推进<b>瓜达尔港</b>建设。</p>\
            <script>alert('x')</script><p>Tom &amp; Jerry &lt;b&gt; &#20013;&#x5DF4;</p></body></html>";
        let (text, title) = html_text(page);
        assert_eq!(title.as_deref(), Some("中巴联合声明"));
        assert_eq!(
            text,
            "联合声明\n双方同意推进瓜达尔港建设。\nTom & Jerry <b> 中巴\n"
        );
        assert!(!text.contains("alert") && !text.contains("color") && !text.contains("首页"));
    }

    #[test]
    fn broken_html_still_gives_its_text() {
        let (text, _) = html_text("<p>a < b and <p>c &bogus; &#xD800; &#99999999;");
        assert_eq!(text, "a < b and\nc &bogus; \u{fffd} \u{fffd}\n");
        let (text, _) = html_text("<div title=\"x > y\">文本</div><script>never closed");
        assert_eq!(text, "文本\n");
    }

    #[test]
    fn markdown_gives_plain_lines_and_its_heading() {
        let source = "# 行动计划\n\n双方将**深化**中巴经济走廊合作[^1]。\n\n- 瓜达尔港\n- [卡拉奇](https://example.org)\n\n[^1]: 见联合声明。\n";
        let (text, title) = markdown_text(source);
        assert_eq!(title.as_deref(), Some("行动计划"));
        assert!(text.contains("双方将深化中巴经济走廊合作[1]。"), "{text}");
        assert!(text.contains("瓜达尔港\n卡拉奇"), "{text}");
        assert!(!text.contains("https://") && !text.contains("**"), "{text}");
    }

    #[test]
    fn formats_are_told_by_content_before_name() {
        let p = Path::new("a.txt");
        assert_eq!(Format::detect(p, b"%PDF-1.4 ..."), Format::Pdf);
        assert_eq!(Format::detect(p, b"<!DOCTYPE html><p>x"), Format::Html);
        assert_eq!(Format::detect(p, "双方".as_bytes()), Format::Text);
        assert_eq!(Format::detect(Path::new("b.MD"), b"# x"), Format::Markdown);
        assert_eq!(Format::detect(Path::new("c.htm"), b"<p>x"), Format::Html);
    }

    fn fixture(name: &str) -> (std::path::PathBuf, Vec<u8>) {
        let path = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/formats")
            .join(name);
        let bytes = std::fs::read(&path).unwrap();
        (path, bytes)
    }

    #[test]
    fn pdf_text_layers_are_read_in_english_and_chinese() {
        let (path, bytes) = fixture("english-text-layer.pdf");
        let c = convert(&path, &bytes).unwrap();
        assert_eq!(c.format, Format::Pdf);
        assert!(
            c.text
                .contains("Prime Minister Shehbaz Sharif met with President Xi Jinping."),
            "{}",
            c.text
        );
        let (path, bytes) = fixture("chinese-text-layer.pdf");
        let c = convert(&path, &bytes).unwrap();
        let flat: String = c.text.chars().filter(|c| !c.is_whitespace()).collect();
        assert!(
            flat.contains("习近平主席在北京会见巴基斯坦总理"),
            "{}",
            c.text
        );
        assert!(
            flat.contains("《中巴数字走廊合作谅解备忘录》"),
            "{}",
            c.text
        );
    }

    #[test]
    fn a_pdf_gives_the_title_and_day_of_its_metadata() {
        let (path, bytes) = fixture("with-metadata.pdf");
        let c = convert(&path, &bytes).unwrap();
        assert_eq!(c.title.as_deref(), Some("中巴数字走廊联合新闻稿"));
        assert_eq!(c.date.as_deref(), Some("2024-03-13"));
        let (path, bytes) = fixture("english-text-layer.pdf");
        let c = convert(&path, &bytes).unwrap();
        assert_eq!((c.title, c.date), (None, None));
    }

    #[test]
    fn the_first_readers_answer_crosses_the_pipe_whole() {
        let read = FirstRead {
            title: Some("中巴联合声明".into()),
            date: None,
            glyphs: 3037,
            unmapped: 655,
            pages: vec!["第一页".into(), String::new()],
        };
        let strings = read.to_strings();
        assert_eq!(FirstRead::from_strings(strings), Some(read));
        assert_eq!(
            FirstRead::from_strings(vec!["t".into(), "d".into(), "x".into()]),
            None
        );
        // One glyph in fifty without text is still text; more is not.
        assert!(mostly_text(2, 100) && !mostly_text(3, 100) && !mostly_text(0, 0));
        assert!(is_text(&[format!("{}\u{1}", "双方".repeat(30))]));
        assert!(!is_text(&["\u{1}\u{2}ab".into()]));
    }

    #[test]
    fn placeholder_titles_and_malformed_dates_are_no_metadata() {
        for junk in ["Microsoft Word - 文档1.docx", "page.html", "untitled", "  "] {
            assert_eq!(metadata_title(junk), None, "{junk}");
        }
        assert_eq!(
            metadata_title("Joint  Statement\r\n of China"),
            Some("Joint Statement of China".into())
        );
        assert_eq!(
            metadata_date("D:20250904120000+08'00'").as_deref(),
            Some("2025-09-04")
        );
        assert_eq!(metadata_date("20250904").as_deref(), Some("2025-09-04"));
        for junk in ["D:2025", "D:20251304", "yesterday", "D:00000000"] {
            assert_eq!(metadata_date(junk), None, "{junk}");
        }
        assert_eq!(pdf_string(&[0xFE, 0xFF, 0x4E, 0x2D, 0x5D, 0xF4]), "中巴");
        assert_eq!(pdf_string(b"Caf\xe9"), "Café");
    }

    #[test]
    fn a_pdf_its_reader_cannot_parse_is_read_by_pdftotext_or_refused_with_the_reason() {
        let (path, bytes) = fixture("damaged-xref.pdf");
        let installed = std::process::Command::new("pdftotext")
            .arg("-v")
            .output()
            .is_ok();
        // CI installs poppler-utils (with the OCR programs) and says so.
        assert!(installed || std::env::var_os("CORRIDOR_REQUIRE_OCR").is_none());
        match convert(&path, &bytes) {
            Ok(c) => {
                assert!(installed);
                assert!(
                    c.text
                        .contains("Prime Minister Shehbaz Sharif met with President Xi Jinping."),
                    "{}",
                    c.text
                );
            }
            Err(e) => {
                assert!(
                    !installed,
                    "pdftotext is installed but did not read it: {e}"
                );
                assert!(e.to_string().starts_with("not a readable PDF"), "{e}");
            }
        }
    }

    #[test]
    fn a_pdf_without_a_text_layer_is_refused_with_the_reason() {
        let (path, bytes) = fixture("no-text-layer.pdf");
        let err = convert(&path, &bytes).unwrap_err();
        assert!(
            matches!(err, FormatError::NoTextLayer { pages: 1 }),
            "{err}"
        );
        assert!(err.to_string().contains("OCR"));
    }

    #[test]
    fn a_file_that_only_claims_to_be_a_pdf_is_refused_with_the_reason() {
        let err = convert(Path::new("x.pdf"), b"%PDF-1.7 this is not a pdf").unwrap_err();
        assert!(matches!(err, FormatError::Pdf { .. }), "{err}");
    }
}
