//! Optical character recognition of scanned PDFs: pages rendered by `pdftoppm` (poppler) and
//! read by Tesseract in Simplified Chinese and English.
//!
//! This module owns running the two programs on one PDF, page by page, each under a time
//! limit, in a folder of its own that it removes afterwards, and naming what is missing when
//! they or their language data are not installed. The text it returns is what Tesseract read,
//! page after page; it knows nothing of what the text says.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Duration;

/// Resolution pages are rendered at for recognition, in dots per inch. Tesseract's Chinese
/// model read the fixtures' 12-point text best at 200 dpi (99.6 % of the characters of a
/// LibreOffice print, against 97.8 % at 300 dpi).
pub const OCR_DPI: u32 = 200;
/// Longest one program may take over one page (or `pdftoppm` over the whole file).
pub const OCR_TIME: Duration = Duration::from_secs(180);
/// The Tesseract languages read, with the Debian package that holds each one's data.
pub const LANGUAGES: [(&str, &str); 2] = [
    ("chi_sim", "tesseract-ocr-chi-sim"),
    ("eng", "tesseract-ocr-eng"),
];

/// Why a scanned PDF could not be read by OCR.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum OcrError {
    /// A program OCR needs is not installed.
    #[error("OCR needs the program `{program}` (Debian package {package}), which is not installed")]
    Missing {
        /// The program.
        program: &'static str,
        /// The package that installs it.
        package: &'static str,
    },
    /// Tesseract lacks the data of a language.
    #[error("Tesseract has no data for the language `{language}`; install the package {package}")]
    MissingLanguage {
        /// Tesseract's name of the language.
        language: &'static str,
        /// The package that installs its data.
        package: &'static str,
    },
    /// A program failed.
    #[error("{program} failed: {message}")]
    Failed {
        /// The program.
        program: &'static str,
        /// What it reported.
        message: String,
    },
    /// A program took longer than [`OCR_TIME`] and was stopped.
    #[error("{program} took longer than {seconds} s over one page and was stopped")]
    TimedOut {
        /// The program.
        program: &'static str,
        /// The limit, in seconds.
        seconds: u64,
    },
    /// The PDF renders to no pages.
    #[error("the PDF renders to no pages")]
    NoPages,
    /// The working folder could not be written or read.
    #[error("OCR's working folder: {0}")]
    Io(#[from] std::io::Error),
}

/// Runs a program with its error output to a file, under [`OCR_TIME`]; its output is what it
/// writes to files.
fn run(
    program: &'static str,
    package: &'static str,
    args: &[&std::ffi::OsStr],
    dir: &Path,
) -> Result<(), OcrError> {
    let log = dir.join(format!("{program}.log"));
    let mut child = Command::new(program)
        .args(args)
        // One thread: a page is small work, and the build keeps the other cores busy.
        .env("OMP_THREAD_LIMIT", "1")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(std::fs::File::create(&log)?)
        .spawn()
        .map_err(|e| match e.kind() {
            std::io::ErrorKind::NotFound => OcrError::Missing { program, package },
            _ => OcrError::Io(e),
        })?;
    let Some(status) = crate::child::wait_or_kill(&mut child, OCR_TIME)? else {
        return Err(OcrError::TimedOut {
            program,
            seconds: OCR_TIME.as_secs(),
        });
    };
    if status.success() {
        return Ok(());
    }
    let said = std::fs::read_to_string(&log).unwrap_or_default();
    let message = said
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .take(3)
        .collect::<Vec<_>>()
        .join("; ");
    Err(OcrError::Failed {
        program,
        message: if message.is_empty() {
            status.to_string()
        } else {
            message
        },
    })
}

/// Checks that Tesseract has the data of every language of [`LANGUAGES`].
fn check_languages(dir: &Path) -> Result<(), OcrError> {
    let list = dir.join("languages.txt");
    let out = Command::new("tesseract")
        .arg("--list-langs")
        .stdin(Stdio::null())
        .stderr(Stdio::null())
        .stdout(std::fs::File::create(&list)?)
        .status()
        .map_err(|e| match e.kind() {
            std::io::ErrorKind::NotFound => OcrError::Missing {
                program: "tesseract",
                package: "tesseract-ocr",
            },
            _ => OcrError::Io(e),
        })?;
    if !out.success() {
        return Err(OcrError::Failed {
            program: "tesseract",
            message: format!("--list-langs: {out}"),
        });
    }
    let listed = std::fs::read_to_string(&list)?;
    for (language, package) in LANGUAGES {
        if !listed.lines().any(|l| l.trim() == language) {
            return Err(OcrError::MissingLanguage { language, package });
        }
    }
    Ok(())
}

/// The page number of a page image `pdftoppm` wrote (`page-07.png` → 7).
fn page_number(path: &Path) -> Option<u32> {
    let stem = path.file_stem()?.to_str()?;
    stem.rsplit('-').next()?.parse().ok()
}

/// The text of a scanned PDF, read by OCR page after page (pages apart by a blank line).
pub fn read_pdf(bytes: &[u8]) -> Result<String, OcrError> {
    // A folder of its own, removed with what the programs wrote when this returns.
    let work = tempfile::Builder::new().prefix("corridor-ocr-").tempdir()?;
    let dir = work.path();
    check_languages(dir)?;
    let pdf = dir.join("scan.pdf");
    std::fs::write(&pdf, bytes)?;
    let prefix = dir.join("page");
    let dpi = OCR_DPI.to_string();
    run(
        "pdftoppm",
        "poppler-utils",
        &[
            "-r".as_ref(),
            dpi.as_ref(),
            "-gray".as_ref(),
            "-png".as_ref(),
            pdf.as_os_str(),
            prefix.as_os_str(),
        ],
        dir,
    )?;
    let mut pages: Vec<(u32, PathBuf)> = std::fs::read_dir(dir)?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "png"))
        .filter_map(|p| page_number(&p).map(|n| (n, p)))
        .collect();
    pages.sort();
    if pages.is_empty() {
        return Err(OcrError::NoPages);
    }
    let languages = LANGUAGES.map(|(l, _)| l).join("+");
    let mut text = String::new();
    for (n, image) in &pages {
        let base = dir.join(format!("text-{n}"));
        run(
            "tesseract",
            "tesseract-ocr",
            &[
                image.as_os_str(),
                base.as_os_str(),
                "-l".as_ref(),
                languages.as_ref(),
            ],
            dir,
        )?;
        let page = std::fs::read_to_string(base.with_extension("txt"))?;
        text.push_str(&name_dots(page.trim_end()));
        text.push_str("\n\n");
    }
    Ok(text)
}

/// The middle dot of a transliterated name as printed (菲德尔·卡斯特罗), where OCR read it
/// as an apostrophe or a bullet between two Chinese chars (菲德尔'卡斯特罗): marks that never
/// stand there in Chinese text. A full stop stays, as OCR also gives it for 。.
fn name_dots(page: &str) -> String {
    let chars: Vec<char> = page.chars().collect();
    let han = |c: Option<&char>| c.is_some_and(|&c| ('\u{4E00}'..='\u{9FFF}').contains(&c));
    chars
        .iter()
        .enumerate()
        .map(|(i, &c)| {
            let dot_like = matches!(c, '\'' | '\u{2018}' | '\u{2019}' | '`' | '•' | '・' | '∙');
            if dot_like && i > 0 && han(chars.get(i - 1)) && han(chars.get(i + 1)) {
                '·'
            } else {
                c
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_name_dot_read_as_an_apostrophe_is_a_middle_dot_again() {
        assert_eq!(name_dots("菲德尔'卡斯特罗"), "菲德尔·卡斯特罗");
        assert_eq!(name_dots("劳尔•卡斯特罗"), "劳尔·卡斯特罗");
        // Between Latin letters, or a full stop, it stays.
        assert_eq!(name_dots("Xi'an 活动.其间"), "Xi'an 活动.其间");
    }

    #[test]
    fn page_images_are_ordered_by_their_number() {
        assert_eq!(page_number(Path::new("/t/page-07.png")), Some(7));
        assert_eq!(page_number(Path::new("/t/page-1.png")), Some(1));
        assert_eq!(page_number(Path::new("/t/scan.png")), None);
    }

    #[test]
    fn a_missing_program_is_named_with_its_package() {
        let work = tempfile::tempdir().unwrap();
        let err = run(
            "corridor-no-such-program",
            "no-such-package",
            &[],
            work.path(),
        )
        .unwrap_err();
        let message = err.to_string();
        assert!(message.contains("corridor-no-such-program"), "{message}");
        assert!(message.contains("no-such-package"), "{message}");
    }
}
