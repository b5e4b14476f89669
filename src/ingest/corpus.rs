//! The corpus: a manifest (`corpus.toml`) naming each document of a folder, or a plain folder
//! whose files are documents. A manifest entry may take a range of lines of its file, so one
//! file can hold several documents.

use std::path::{Path, PathBuf};

use serde::Deserialize;

use super::IngestError;
use crate::model::FactDate;

/// One document as the manifest describes it.
#[derive(Debug, Clone, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct ManifestEntry {
    /// Stable id (letters, digits, `-`, `_`, `.`).
    pub id: String,
    /// File holding the document, relative to the manifest.
    pub file: String,
    /// Title.
    pub title: String,
    /// English title.
    #[serde(default)]
    pub title_en: Option<String>,
    /// Date: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
    #[serde(default)]
    pub date: Option<String>,
    /// Language code.
    #[serde(default = "default_language")]
    pub language: String,
    /// Kind of text (`joint-statement`, `action-plan`, `article` …).
    #[serde(default = "default_kind")]
    pub kind: String,
    /// Where it was published.
    #[serde(default)]
    pub source: Option<String>,
    /// The lines of the file it spans, `FIRST-LAST` counted from 1; the whole file when absent.
    #[serde(default)]
    pub lines: Option<String>,
    /// Entity ids of the parties (for 双方, 两国); inferred when absent.
    #[serde(default)]
    pub parties: Vec<String>,
    /// Whether the document is itself a named text (a statement, a plan) that other texts cite.
    #[serde(default)]
    pub named: bool,
}

fn default_language() -> String {
    "zh".into()
}

fn default_kind() -> String {
    "document".into()
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ManifestFile {
    #[serde(default)]
    document: Vec<ManifestEntry>,
}

/// Where a corpus comes from: a manifest, or a folder of files.
#[derive(Debug, Clone)]
pub struct Corpus {
    /// Folder the documents' paths are relative to.
    pub root: PathBuf,
    /// The documents.
    pub entries: Vec<ManifestEntry>,
    /// Whether documents are read through symbolic links wherever they lead. When false (the
    /// default for folders and manifests) a document that is a link, or that resolves outside
    /// [`root`](Self::root), is refused.
    pub follow_links: bool,
    /// Whether a PDF without a text layer is read by OCR ([`crate::ingest::ocr`]) rather than
    /// refused.
    pub ocr: bool,
}

/// Name of the manifest file looked for in a corpus folder.
pub const MANIFEST: &str = "corpus.toml";

/// File endings read from a folder without a manifest.
pub const TEXT_ENDINGS: [&str; 9] = super::formats::ENDINGS;

impl Corpus {
    /// Opens `path`: a manifest file, a folder with a `corpus.toml`, or a plain folder.
    pub fn open(path: &Path) -> Result<Corpus, IngestError> {
        if path.is_file() {
            return Corpus::from_manifest(path);
        }
        let manifest = path.join(MANIFEST);
        if manifest.is_file() {
            return Corpus::from_manifest(&manifest);
        }
        if path.is_dir() {
            return Corpus::from_folder(path);
        }
        Err(IngestError::NotFound(path.to_path_buf()))
    }

    /// Reads a manifest and checks it: unique ids, known dates, files inside the corpus.
    pub fn from_manifest(path: &Path) -> Result<Corpus, IngestError> {
        let text = std::fs::read_to_string(path).map_err(|source| IngestError::Read {
            path: path.to_path_buf(),
            source,
        })?;
        Corpus::parse_manifest(&text, path)
    }

    /// Parses and checks the text of a manifest as [`Corpus::from_manifest`] does, without
    /// reading any file: `manifest_path` names the manifest in errors, and its folder is the
    /// corpus root.
    pub fn parse_manifest(text: &str, manifest_path: &Path) -> Result<Corpus, IngestError> {
        let bad = |message: String| IngestError::Manifest {
            path: manifest_path.to_path_buf(),
            message,
        };
        let file: ManifestFile = toml::from_str(text).map_err(|e| bad(e.to_string()))?;
        let root = manifest_path
            .parent()
            .map_or_else(|| PathBuf::from("."), Path::to_path_buf);
        let mut seen = std::collections::BTreeSet::new();
        for e in &file.document {
            if !crate::model::is_valid_id(&e.id) {
                return Err(bad(format!(
                    "document id `{}` may hold only {}",
                    e.id,
                    crate::model::ID_RULE
                )));
            }
            if !seen.insert(e.id.clone()) {
                return Err(bad(format!("document id `{}` appears twice", e.id)));
            }
            if let Some(d) = &e.date
                && FactDate::parse(d).is_none()
            {
                return Err(bad(format!(
                    "document `{}`: date `{d}` is not YYYY, YYYY-MM or YYYY-MM-DD",
                    e.id
                )));
            }
            if Path::new(&e.file).is_absolute()
                || Path::new(&e.file)
                    .components()
                    .any(|c| c.as_os_str() == "..")
            {
                return Err(bad(format!(
                    "document `{}`: file `{}` is outside the corpus folder",
                    e.id, e.file
                )));
            }
            if let Some(l) = &e.lines {
                parse_lines(l).ok_or_else(|| {
                    bad(format!(
                        "document `{}`: lines `{l}` is not FIRST-LAST",
                        e.id
                    ))
                })?;
            }
        }
        Ok(Corpus {
            root,
            entries: file.document,
            follow_links: false,
            ocr: false,
        })
    }

    /// Every text file of a folder (sorted), ids from file names; titles and dates are found in
    /// the text later.
    pub fn from_folder(path: &Path) -> Result<Corpus, IngestError> {
        let read = std::fs::read_dir(path).map_err(|source| IngestError::Read {
            path: path.to_path_buf(),
            source,
        })?;
        let mut files: Vec<PathBuf> = read
            .filter_map(|e| e.ok().map(|e| e.path()))
            // Every entry but folders: links, FIFOs and devices are listed so that reading
            // refuses them by name rather than skipping them unseen.
            .filter(|p| {
                std::fs::symlink_metadata(p).is_ok_and(|m| !m.is_dir())
                    && p.extension()
                        .and_then(|x| x.to_str())
                        .is_some_and(|x| TEXT_ENDINGS.contains(&x))
            })
            .collect();
        files.sort();
        let ids = ids_for_files(&files);
        let entries = files
            .iter()
            .zip(ids)
            .map(|(f, id)| ManifestEntry {
                id,
                file: f
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default(),
                title: String::new(),
                title_en: None,
                date: None,
                language: String::new(),
                kind: default_kind(),
                source: None,
                lines: None,
                parties: Vec::new(),
                named: false,
            })
            .collect();
        Ok(Corpus {
            root: path.to_path_buf(),
            entries,
            follow_links: false,
            ocr: false,
        })
    }

    /// A corpus of loose files (as `corridor ingest a.txt b.txt` gives them).
    pub fn from_files(files: &[PathBuf]) -> Corpus {
        let ids = ids_for_files(files);
        let entries = files
            .iter()
            .zip(ids)
            .map(|(f, id)| ManifestEntry {
                id,
                file: f.to_string_lossy().into_owned(),
                title: String::new(),
                title_en: None,
                date: None,
                language: String::new(),
                kind: default_kind(),
                source: None,
                lines: None,
                parties: Vec::new(),
                named: false,
            })
            .collect();
        // Files named one by one are read as the user gave them, links included.
        Corpus {
            root: PathBuf::new(),
            entries,
            follow_links: true,
            ocr: false,
        }
    }

    /// Path of an entry's file.
    pub fn path_of(&self, entry: &ManifestEntry) -> PathBuf {
        self.root.join(&entry.file)
    }
}

/// An id from a file name: its stem, with anything but letters, digits, `-`, `_`, `.` made `-`.
pub fn id_from_file_name(path: &Path) -> String {
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let id: String = stem
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || "-_.".contains(c) {
                c
            } else {
                '-'
            }
        })
        .collect();
    if crate::model::is_valid_id(&id) {
        id
    } else {
        // Empty, or only dots (`..txt`): never an id that names a folder.
        "document".into()
    }
}

/// Ids for files: each one's [`id_from_file_name`], with the file's ending added to ids that
/// several files would share (readout.html and readout.md are `readout-html` and `readout-md`).
fn ids_for_files(files: &[PathBuf]) -> Vec<String> {
    let ids: Vec<String> = files.iter().map(|f| id_from_file_name(f)).collect();
    ids.iter()
        .zip(files)
        .map(|(id, f)| {
            if ids.iter().filter(|other| *other == id).count() < 2 {
                return id.clone();
            }
            let ending = f
                .extension()
                .map(|x| x.to_string_lossy().to_ascii_lowercase())
                .unwrap_or_default();
            id_from_file_name(Path::new(&format!("{id}-{ending}")))
        })
        .collect()
}

/// Parses `FIRST-LAST` (1-based, inclusive) into a line range.
pub fn parse_lines(spec: &str) -> Option<(usize, usize)> {
    let (a, b) = spec.split_once('-')?;
    let (a, b): (usize, usize) = (a.trim().parse().ok()?, b.trim().parse().ok()?);
    (a >= 1 && b >= a).then_some((a, b))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files_sharing_a_name_get_ids_with_their_endings() {
        let files: Vec<PathBuf> = ["a/readout.html", "a/readout.md", "a/other.txt"]
            .iter()
            .map(PathBuf::from)
            .collect();
        assert_eq!(
            ids_for_files(&files),
            vec!["readout-html", "readout-md", "other"]
        );
    }

    fn manifest(dir: &Path, body: &str) -> PathBuf {
        let p = dir.join(MANIFEST);
        std::fs::write(&p, body).unwrap();
        p
    }

    #[test]
    fn shipped_manifest_is_valid() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("data");
        let corpus = Corpus::open(&dir).unwrap();
        assert_eq!(corpus.entries.len(), 3);
        assert!(corpus.entries.iter().all(|e| corpus.path_of(e).is_file()));
    }

    #[test]
    fn duplicate_ids_and_escaping_paths_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        let dup = "[[document]]\nid='a'\nfile='x.txt'\ntitle='t'\n[[document]]\nid='a'\nfile='y.txt'\ntitle='t'\n";
        let err = Corpus::from_manifest(&manifest(dir.path(), dup))
            .unwrap_err()
            .to_string();
        assert!(err.contains("twice") && err.contains(MANIFEST), "{err}");
        let out = "[[document]]\nid='a'\nfile='../x.txt'\ntitle='t'\n";
        let err = Corpus::from_manifest(&manifest(dir.path(), out))
            .unwrap_err()
            .to_string();
        assert!(err.contains("outside"), "{err}");
        // Ids that would name a folder are no ids.
        for id in [".", "..", "..."] {
            let dots = format!("[[document]]\nid='{id}'\nfile='x.txt'\ntitle='t'\n");
            let err = Corpus::from_manifest(&manifest(dir.path(), &dots))
                .unwrap_err()
                .to_string();
            assert!(err.contains("only dots"), "{err}");
        }
        assert_eq!(id_from_file_name(Path::new("a/...txt")), "document");
        assert_eq!(id_from_file_name(Path::new("a/.x.txt")), ".x");
    }

    #[test]
    fn missing_fields_and_bad_dates_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        let no_title = "[[document]]\nid='a'\nfile='x.txt'\n";
        assert!(Corpus::from_manifest(&manifest(dir.path(), no_title)).is_err());
        let bad_date = "[[document]]\nid='a'\nfile='x.txt'\ntitle='t'\ndate='Sept 2025'\n";
        let err = Corpus::from_manifest(&manifest(dir.path(), bad_date))
            .unwrap_err()
            .to_string();
        assert!(err.contains("Sept 2025"), "{err}");
    }

    #[test]
    fn plain_folders_list_text_files_in_order() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("b 2.txt"), "x").unwrap();
        std::fs::write(dir.path().join("a.md"), "x").unwrap();
        std::fs::write(dir.path().join("c.png"), "x").unwrap();
        let corpus = Corpus::open(dir.path()).unwrap();
        let ids: Vec<&str> = corpus.entries.iter().map(|e| e.id.as_str()).collect();
        assert_eq!(ids, ["a", "b-2"]);
    }

    #[test]
    fn line_ranges_parse() {
        assert_eq!(parse_lines("1-421"), Some((1, 421)));
        assert_eq!(parse_lines("5-2"), None);
        assert_eq!(parse_lines("0-2"), None);
    }
}
