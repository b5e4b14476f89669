//! Ingest: from the corpus on disk to documents ready for extraction.
//!
//! This module owns reading files ([`decode`]), the manifest ([`corpus`]), cutting a file into
//! the documents it holds, and normalization ([`normalize`]) with its map back to the original
//! offsets. It knows nothing of entities or RDF.

pub mod corpus;
pub mod dates;
pub mod decode;
pub mod formats;
pub mod normalize;
pub mod ocr;
mod pdf_layout;
pub mod poppler;

use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

pub use corpus::{Corpus, ManifestEntry};
use normalize::NormalizedText;

use crate::model::{EntityType, FactDate, SourceDocument, iri_segment, name_key};

/// Why a corpus or one of its documents could not be read.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum IngestError {
    /// The corpus path does not exist.
    #[error("{0}: no such file or folder")]
    NotFound(PathBuf),
    /// A file could not be read.
    #[error("cannot read {path}")]
    Read {
        /// The file.
        path: PathBuf,
        /// The cause.
        source: std::io::Error,
    },
    /// The manifest is malformed.
    #[error("manifest {path}: {message}")]
    Manifest {
        /// The manifest file.
        path: PathBuf,
        /// What is wrong.
        message: String,
    },
    /// A file is not text in a supported encoding.
    #[error("{path}")]
    Decode {
        /// The file.
        path: PathBuf,
        /// Why it is not text.
        source: decode::DecodeError,
    },
    /// A PDF (or a file claiming to be one) whose text could not be read.
    #[error("{path}")]
    Format {
        /// The file.
        path: PathBuf,
        /// Why its text could not be read.
        source: formats::FormatError,
    },
    /// The file is larger than a document may be.
    #[error(
        "{}: {:.1} MiB, more than the {} MiB a document may be: split it into smaller documents",
        path.display(), *size as f64 / (1u64 << 20) as f64, MAX_DOCUMENT_BYTES >> 20
    )]
    TooLarge {
        /// The file.
        path: PathBuf,
        /// Its size in bytes.
        size: u64,
    },
    /// The file may not be read: a link, a file outside the corpus folder, or not a regular
    /// file.
    #[error("{}: {reason}", path.display())]
    Refused {
        /// The file.
        path: PathBuf,
        /// Why it is refused.
        reason: String,
    },
    /// The document holds no text.
    #[error("{}: holds no text (the file or its lines are empty or blank)", path.display())]
    NoText {
        /// The file.
        path: PathBuf,
    },
    /// Reading or extracting the document stopped on an internal error; the other documents
    /// are unaffected and the store keeps what it held of this one.
    #[error(
        "{}: extraction stopped on an internal error ({message}); the document was skipped, please report it with the file",
        path.display()
    )]
    Internal {
        /// The file.
        path: PathBuf,
        /// The error's message.
        message: String,
    },
    /// The manifest's line range lies outside the file.
    #[error("{path}: lines {first}-{last} asked for, but the file has {count} lines")]
    Lines {
        /// The file.
        path: PathBuf,
        /// First line asked for.
        first: usize,
        /// Last line asked for.
        last: usize,
        /// Lines in the file.
        count: usize,
    },
}

/// A document read from disk, normalized, with its metadata.
pub struct LoadedDocument {
    /// Metadata (title, date … found in the text when the manifest has none).
    pub meta: SourceDocument,
    /// The document's original text (its lines of the file).
    pub original: String,
    /// The normalized text and its offset map into `original`.
    pub normalized: NormalizedText,
    /// Character offset of `original` in its file.
    pub char_base: usize,
    /// Entity ids of the parties the manifest names.
    pub parties: Vec<String>,
}

/// A document read from disk and decoded, not yet normalized: enough to tell by its content
/// hash whether it changed.
pub struct ReadDocument {
    path: PathBuf,
    original: String,
    char_base: usize,
    markup_title: Option<String>,
    /// The date the file's metadata gives (a PDF's creation date).
    markup_date: Option<String>,
    /// How the text was obtained when not from the file's own text (`ocr`).
    text_source: Option<String>,
    /// Whether each line of the text is a paragraph (a PDF's text layer, laid out).
    paragraph_lines: bool,
}

impl ReadDocument {
    /// The content hash of the document's text (what the store's index records).
    pub fn content_hash(&self) -> String {
        content_hash(&self.original)
    }

    /// Normalizes the text and describes the document.
    pub fn normalize(self, entry: &ManifestEntry) -> LoadedDocument {
        let normalized = if self.paragraph_lines {
            NormalizedText::of_paragraphs(&self.original)
        } else {
            NormalizedText::new(&self.original)
        };
        let meta = describe(
            entry,
            &self.path,
            &self.original,
            &normalized,
            Markup {
                title: self.markup_title,
                date: self.markup_date,
                text_source: self.text_source,
            },
        );
        LoadedDocument {
            meta,
            original: self.original,
            normalized,
            char_base: self.char_base,
            parties: entry.parties.clone(),
        }
    }
}

/// Reads, decodes, cuts and normalizes one document of the corpus.
pub fn load(corpus: &Corpus, entry: &ManifestEntry) -> Result<LoadedDocument, IngestError> {
    Ok(read(corpus, entry)?.normalize(entry))
}

/// The largest file a document is read from (16 MiB). Extraction time grows faster than the
/// length of a document, and one document is held whole in memory several times over; a
/// larger file is refused (named, with its size) rather than stalling the build.
pub const MAX_DOCUMENT_BYTES: u64 = 16 << 20;

/// Reads, decodes and cuts one document of the corpus (its lines of the file). A file over
/// [`MAX_DOCUMENT_BYTES`] is refused before it is read, and a document without text too.
pub fn read(corpus: &Corpus, entry: &ManifestEntry) -> Result<ReadDocument, IngestError> {
    let path = corpus.path_of(entry);
    let bytes = read_regular_file(&path, &corpus.root, corpus.follow_links)?;
    let options = formats::ConvertOptions { ocr: corpus.ocr };
    let converted = formats::convert_with(&path, &bytes, options).map_err(|e| match e {
        formats::FormatError::Decode(source) => IngestError::Decode {
            path: path.clone(),
            source,
        },
        source => IngestError::Format {
            path: path.clone(),
            source,
        },
    })?;
    let text = converted.text;
    let (start, end) = match entry.lines.as_deref().and_then(corpus::parse_lines) {
        None => (0, text.len()),
        Some((first, last)) => line_span(&text, first, last).ok_or_else(|| IngestError::Lines {
            path: path.clone(),
            first,
            last,
            count: text.lines().count(),
        })?,
    };
    if text[start..end].trim().is_empty() {
        return Err(IngestError::NoText { path });
    }
    let original = text[start..end].to_string();
    let char_base = text[..start].chars().count();
    Ok(ReadDocument {
        path,
        original,
        char_base,
        markup_title: converted.title,
        markup_date: converted.date,
        paragraph_lines: converted.format == formats::Format::Pdf
            && converted.text_source.is_none(),
        text_source: converted.text_source,
    })
}

/// The bytes of a document's file, read only if it is a regular file: not a link (unless
/// `follow_links`), not resolving outside `root` (unless `follow_links`), not a FIFO, socket or
/// device. At most [`MAX_DOCUMENT_BYTES`] and one byte are read, whatever the file claims.
fn read_regular_file(path: &Path, root: &Path, follow_links: bool) -> Result<Vec<u8>, IngestError> {
    use std::io::Read;
    let read_err = |source| IngestError::Read {
        path: path.to_path_buf(),
        source,
    };
    let refused = |reason: String| IngestError::Refused {
        path: path.to_path_buf(),
        reason,
    };
    let own = std::fs::symlink_metadata(path).map_err(read_err)?;
    if !follow_links {
        if own.file_type().is_symlink() {
            return Err(refused(
                "is a symbolic link; links are read only with --follow-links".into(),
            ));
        }
        let resolved = std::fs::canonicalize(path).map_err(read_err)?;
        let base = std::fs::canonicalize(root).map_err(|source| IngestError::Read {
            path: root.to_path_buf(),
            source,
        })?;
        if !resolved.starts_with(&base) {
            return Err(refused(format!(
                "resolves to {}, outside the corpus folder; links are read only with --follow-links",
                resolved.display()
            )));
        }
    }
    let not_regular = || {
        refused(
            "is not a regular file (a folder, FIFO, socket or device); only files are read".into(),
        )
    };
    if !std::fs::metadata(path).map_err(read_err)?.is_file() {
        return Err(not_regular());
    }
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    // Never wait on a FIFO put in the file's place since it was looked at.
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::custom_flags(&mut options, libc::O_NONBLOCK);
    let file = options.open(path).map_err(read_err)?;
    let meta = file.metadata().map_err(read_err)?;
    if !meta.is_file() {
        return Err(not_regular());
    }
    if meta.len() > MAX_DOCUMENT_BYTES {
        return Err(IngestError::TooLarge {
            path: path.to_path_buf(),
            size: meta.len(),
        });
    }
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    file.take(MAX_DOCUMENT_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(read_err)?;
    if bytes.len() as u64 > MAX_DOCUMENT_BYTES {
        return Err(IngestError::TooLarge {
            path: path.to_path_buf(),
            size: bytes.len() as u64,
        });
    }
    Ok(bytes)
}

/// Byte span of lines `first..=last` (1-based) of `text`.
fn line_span(text: &str, first: usize, last: usize) -> Option<(usize, usize)> {
    let mut starts = vec![0];
    starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
    let start = *starts.get(first - 1)?;
    if start >= text.len() && first > 1 {
        return None;
    }
    let end = starts.get(last).copied().unwrap_or(text.len());
    Some((start, end))
}

/// What a file's markup or metadata says of the document.
#[derive(Debug, Default)]
struct Markup {
    /// The title (HTML `<title>`, Markdown's first heading, a PDF's metadata title).
    title: Option<String>,
    /// The date (a PDF's creation date).
    date: Option<String>,
    /// How the text was obtained when not from the file's own text (`ocr`).
    text_source: Option<String>,
}

fn describe(
    entry: &ManifestEntry,
    path: &std::path::Path,
    original: &str,
    normalized: &NormalizedText,
    markup: Markup,
) -> SourceDocument {
    let markup_title = markup.title;
    let text = normalized.text();
    let title = if entry.title.trim().is_empty() {
        // The title a page or Markdown file declares, else the first line of text.
        markup_title
            .filter(|t| !t.trim().is_empty())
            .map(|t| t.trim().chars().take(200).collect())
            .or_else(|| {
                // A heading of up to 160 characters whole (an English communiqué's title runs
                // long); a longer first line is a paragraph, and its start names the text.
                text.lines()
                    .map(str::trim)
                    .find(|l| !l.is_empty())
                    .map(|l| {
                        let n = if l.chars().count() <= 160 { 160 } else { 80 };
                        l.chars().take(n).collect()
                    })
            })
            .unwrap_or_else(|| entry.id.clone())
    } else {
        entry.title.trim().to_string()
    };
    // The manifest's date, else the text's, else the file's metadata: a PDF's creation date
    // is when the file was made, which for a page printed or converted later is not the
    // document's day (and would make its leaders former ones).
    let date = entry
        .date
        .as_deref()
        .and_then(FactDate::parse)
        .or_else(|| {
            dates::find_dates(text)
                .into_iter()
                .map(|d| d.date)
                .max_by_key(precision)
        })
        .or_else(|| markup.date.as_deref().and_then(FactDate::parse));
    let language = if entry.language.is_empty() {
        detect_language(text).to_string()
    } else {
        entry.language.clone()
    };
    let named_text = entry.named.then(|| {
        format!(
            "{}/{}",
            EntityType::Document.slug(),
            iri_segment(&name_key(&title))
        )
    });
    SourceDocument {
        id: entry.id.clone(),
        title,
        title_en: entry.title_en.clone(),
        date,
        language,
        kind: entry.kind.clone(),
        file: path.to_string_lossy().into_owned(),
        source: entry.source.clone(),
        content_hash: content_hash(original),
        named_text,
        text_source: markup.text_source,
    }
}

/// Dates found in a text without a manifest: the most precise one wins, then the first.
fn precision(date: &FactDate) -> u8 {
    match date {
        FactDate::Year(_) => 0,
        FactDate::YearMonth(..) => 1,
        FactDate::Day(..) => 2,
    }
}

/// `zh` when a fifth or more of the letters are Chinese characters, else `en`.
pub fn detect_language(text: &str) -> &'static str {
    let (mut han, mut letters) = (0usize, 0usize);
    for c in text.chars().take(20_000) {
        if c.is_alphabetic() {
            letters += 1;
            if ('\u{4E00}'..='\u{9FFF}').contains(&c) {
                han += 1;
            }
        }
    }
    if letters > 0 && han * 5 >= letters {
        "zh"
    } else {
        "en"
    }
}

/// Hex SHA-256 of a text.
pub fn content_hash(text: &str) -> String {
    let digest = Sha256::digest(text.as_bytes());
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_spans_are_one_based_and_inclusive() {
        let text = "a\nb\nc\n";
        assert_eq!(line_span(text, 2, 3), Some((2, 6)));
        assert_eq!(line_span(text, 1, 1), Some((0, 2)));
        assert_eq!(line_span(text, 9, 9), None);
    }

    #[test]
    fn a_date_in_the_text_comes_before_the_files_creation_date() {
        let entry: crate::ingest::corpus::ManifestEntry =
            toml::from_str("id = 'a'\nfile = 'a.pdf'\ntitle = ''").unwrap();
        let date_of = |text: &str| {
            let n = NormalizedText::new(text);
            let markup = Markup {
                title: None,
                date: Some("2026-12-06".into()),
                text_source: None,
            };
            describe(&entry, std::path::Path::new("a.pdf"), text, &n, markup).date
        };
        // A page printed today keeps the day its text gives.
        assert_eq!(
            date_of("新华社北京2016年2月3日电 马尔代夫总统亚明会见王福康大使。"),
            Some(FactDate::Day(2016, 2, 3))
        );
        // A text without a date takes the file's.
        assert_eq!(
            date_of("双方签署合作文件。"),
            Some(FactDate::Day(2026, 12, 6))
        );
    }

    #[test]
    fn a_heading_is_the_title_whole_and_a_paragraph_by_its_start() {
        let entry: crate::ingest::corpus::ManifestEntry =
            toml::from_str("id = 'a'\nfile = 'a.txt'\ntitle = ''").unwrap();
        let title_of = |text: &str| {
            let n = NormalizedText::new(text);
            describe(
                &entry,
                std::path::Path::new("a.txt"),
                text,
                &n,
                Markup::default(),
            )
            .title
        };
        let heading = "Joint Press Communiqué between the Republic of Maldives and the People's \
                       Republic of China: 11 January 2024, Beijing";
        assert_eq!(
            title_of(&format!("{heading}\n\n1. The two sides met.")),
            heading
        );
        let paragraph = "The two sides met. ".repeat(10);
        assert_eq!(title_of(&paragraph).chars().count(), 80);
    }

    #[test]
    fn languages_are_told_apart() {
        assert_eq!(detect_language("中巴经济走廊 CPEC"), "zh");
        assert_eq!(detect_language("China and Pakistan signed"), "en");
    }

    #[test]
    fn the_shipped_corpus_splits_into_its_three_documents() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("data");
        let corpus = Corpus::open(&dir).unwrap();
        let docs: Vec<LoadedDocument> = corpus
            .entries
            .iter()
            .map(|e| load(&corpus, e).unwrap())
            .collect();
        let cuba = docs
            .iter()
            .find(|d| d.meta.id.starts_with("cn-cu"))
            .unwrap();
        assert!(cuba.normalized.text().contains("迪亚斯-卡内尔"));
        assert!(!cuba.normalized.text().contains("夏巴兹"));
        let plan = docs.iter().find(|d| d.meta.kind == "action-plan").unwrap();
        assert!(plan.normalized.text().contains("夏巴兹"));
        assert!(plan.char_base > 0);
        assert!(plan.meta.named_text.is_some());
    }
}
