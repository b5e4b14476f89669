//! A second reader for PDFs whose fonts give no Unicode: poppler's `pdftotext`.
//!
//! Some PDFs embed fonts without a map from glyphs to Unicode (a ToUnicode CMap or a standard
//! encoding); corridor's own reader then sees glyphs without text, and Chinese vanishes from the
//! page. `pdftotext` (poppler-utils) recovers the text from the fonts' own tables. This module
//! owns running it, under a time limit, and turning the words it places on each page
//! (`-bbox-layout`) into glyphs for [`super::pdf_layout`], so that such a PDF is laid out as any
//! other. It knows nothing of what the text says.

use std::process::{Command, Stdio};
use std::time::Duration;

use quick_xml::Reader;
use quick_xml::events::Event;

use super::pdf_layout::{Glyph, Page};

/// Longest `pdftotext` may take over one file.
pub const POPPLER_TIME: Duration = Duration::from_secs(120);

/// Largest answer of `pdftotext` read, in bytes: its markup around text within the limit a
/// document's text has.
pub const MAX_ANSWER: u64 = 256 << 20;

/// Why `pdftotext` could not read a PDF.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum PopplerError {
    /// `pdftotext` is not installed.
    #[error("the program `pdftotext` (Debian package poppler-utils) is not installed")]
    Missing,
    /// `pdftotext` failed or took too long.
    #[error("pdftotext failed: {0}")]
    Failed(String),
    /// Its answer could not be read.
    #[error("pdftotext's answer could not be read: {0}")]
    Answer(String),
    /// A temporary file could not be written or read.
    #[error("pdftotext's working file: {0}")]
    Io(#[from] std::io::Error),
}

/// The pages of a PDF as `pdftotext -bbox-layout` places its words, each word's chars spread
/// over its box.
pub fn read_pdf(bytes: &[u8]) -> Result<Vec<Page>, PopplerError> {
    // A folder of its own for the file and the answer, removed when this returns.
    let work = tempfile::Builder::new().prefix("corridor-pdf-").tempdir()?;
    let (pdf, out) = (work.path().join("in.pdf"), work.path().join("out.html"));
    std::fs::write(&pdf, bytes)?;
    let mut child = Command::new("pdftotext")
        .args(["-q", "-enc", "UTF-8", "-bbox-layout"])
        .arg(&pdf)
        .arg(&out)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .map_err(|e| match e.kind() {
            std::io::ErrorKind::NotFound => PopplerError::Missing,
            _ => PopplerError::Io(e),
        })?;
    let Some(status) = crate::child::wait_or_kill(&mut child, POPPLER_TIME)? else {
        return Err(PopplerError::Failed(format!(
            "took longer than {} s",
            POPPLER_TIME.as_secs()
        )));
    };
    if !status.success() {
        return Err(PopplerError::Failed(status.to_string()));
    }
    if std::fs::metadata(&out)?.len() > MAX_ANSWER {
        return Err(PopplerError::Failed(format!(
            "its answer is larger than {} MiB",
            MAX_ANSWER >> 20
        )));
    }
    pages_of(&std::fs::read_to_string(&out)?)
}

/// The pages of `pdftotext -bbox-layout`'s answer: each `<word>` box gives one glyph per char,
/// the box's width shared among them, its bottom a little below the baseline.
fn pages_of(xhtml: &str) -> Result<Vec<Page>, PopplerError> {
    let mut reader = Reader::from_str(xhtml);
    let mut pages: Vec<Page> = Vec::new();
    let mut word: Option<[f64; 4]> = None;
    let mut text = String::new();
    let number = |e: &quick_xml::events::BytesStart<'_>, key: &str| -> Option<f64> {
        e.attributes()
            .flatten()
            .find(|a| a.key.as_ref() == key)
            .and_then(|a| a.value.parse().ok())
    };
    loop {
        match reader
            .read_event()
            .map_err(|e| PopplerError::Answer(e.to_string()))?
        {
            Event::Start(e) if e.name().as_ref() == "page" => pages.push(Page {
                height: number(&e, "height").unwrap_or(0.0),
                glyphs: Vec::new(),
            }),
            Event::Start(e) if e.name().as_ref() == "word" => {
                word = match (
                    number(&e, "xMin"),
                    number(&e, "yMin"),
                    number(&e, "xMax"),
                    number(&e, "yMax"),
                ) {
                    (Some(a), Some(b), Some(c), Some(d)) => Some([a, b, c, d]),
                    _ => None,
                };
                text.clear();
            }
            Event::Text(t) if word.is_some() => text.push_str(t.as_ref()),
            Event::GeneralRef(r) if word.is_some() => {
                let c = match r.resolve_char_ref() {
                    Ok(Some(c)) => Some(c),
                    _ => match r.as_ref() {
                        "amp" => Some('&'),
                        "lt" => Some('<'),
                        "gt" => Some('>'),
                        "quot" => Some('"'),
                        "apos" => Some('\''),
                        _ => None,
                    },
                };
                text.extend(c);
            }
            Event::End(e) if e.name().as_ref() == "word" => {
                if let (Some([x0, y0, x1, y1]), Some(page)) = (word.take(), pages.last_mut()) {
                    let n = text.chars().count().max(1) as f64;
                    let height = (y1 - y0).max(0.1);
                    let share = (x1 - x0).max(0.0) / n;
                    for (k, ch) in text.chars().enumerate() {
                        page.glyphs.push(Glyph {
                            ch,
                            x: (x0 + share * k as f64) as f32,
                            y: (y1 - height * 0.2) as f32,
                            size: height as f32,
                            width: share as f32,
                        });
                    }
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(pages)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_become_glyphs_spread_over_their_boxes() {
        let answer = r#"<html><body><doc><page width="612" height="792"><flow><block><line>
            <word xMin="89" yMin="210" xMax="99.5" yMax="220.5">以</word>
            <word xMin="102" yMin="210" xMax="133.5" yMax="220.5">&#8220;啸行&#8221;</word>
            <word xMin="140" yMin="210" xMax="160" yMax="220.5">A&amp;B</word>
            </line></block></flow></page><page width="612" height="792"></page></doc></body></html>"#;
        let pages = pages_of(answer).unwrap();
        assert_eq!(pages.len(), 2);
        let chars: String = pages[0].glyphs.iter().map(|g| g.ch).collect();
        assert_eq!(chars, "以“啸行”A&B");
        let quote = &pages[0].glyphs[1];
        assert!((quote.width - 31.5 / 4.0).abs() < 0.01);
        assert!((pages[0].glyphs[2].x - (102.0 + 31.5 / 4.0)).abs() < 0.01);
        assert_eq!(pages[0].height, 792.0);
    }
}
