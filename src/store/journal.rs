//! The journal of accepted SPARQL updates, `updates.ru`: what a writable server was asked to
//! change on top of the document graphs, applied again at every load.
//!
//! Each update is one record: a header line `#corridor-update LENGTH DIGEST` (the update's
//! length in bytes and the first 16 hex digits of its SHA-256), the update's text, and a line
//! break. A record is written and synced **before** the update is applied, and cut off again if
//! it cannot be applied, so the journal never lacks an update a client was told succeeded nor
//! holds one it was told failed. The length makes any text safe inside a record; a record cut
//! short by a crash or a full disk can only be the last, and is left out at load with a
//! warning (the next record written replaces it). Journals written before records had headers
//! (updates separated by a marker line) are read as they are and rewritten in records when the
//! next update comes.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

use super::{StoreError, io_err, write_atomically};

/// The header that starts every record.
const MAGIC: &str = "#corridor-update ";
/// What separated updates in journals written before records had headers.
const LEGACY_SEPARATOR: &str = "\n#--- end of update ---\n";

/// The updates a journal holds, in order, and what was wrong with its end.
#[derive(Debug, Default)]
pub(crate) struct Records {
    /// The updates' texts.
    pub updates: Vec<String>,
    /// Bytes of the file the whole records take (where the next record goes).
    pub whole_len: u64,
    /// A warning when the last record was cut short and is left out.
    pub torn: Option<String>,
    /// Whether the file is in the format before records had headers.
    pub legacy: bool,
}

fn digest(text: &str) -> String {
    let hash = Sha256::digest(text.as_bytes());
    hash.iter().take(8).map(|b| format!("{b:02x}")).collect()
}

/// One record's bytes.
fn record(update: &str) -> Vec<u8> {
    let mut out = format!("{MAGIC}{} {}\n", update.len(), digest(update)).into_bytes();
    out.extend_from_slice(update.as_bytes());
    out.push(b'\n');
    out
}

/// Reads the journal at `path` (none: no updates).
pub(crate) fn read(path: &Path) -> Result<Records, StoreError> {
    let bytes = match fs::read(path) {
        Ok(b) => b,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Records::default()),
        Err(e) => return Err(io_err(path)(e)),
    };
    parse(&bytes, path)
}

fn parse(bytes: &[u8], path: &Path) -> Result<Records, StoreError> {
    let corrupt = |message: String| StoreError::Corrupt {
        path: path.to_path_buf(),
        message,
    };
    if !bytes.is_empty() && !bytes.starts_with(MAGIC.as_bytes()) {
        let text = std::str::from_utf8(bytes)
            .map_err(|_| corrupt("the journal of updates is not UTF-8".into()))?;
        return Ok(Records {
            updates: text
                .split(LEGACY_SEPARATOR)
                .filter(|r| !r.trim().is_empty())
                .map(str::to_string)
                .collect(),
            whole_len: bytes.len() as u64,
            torn: None,
            legacy: true,
        });
    }
    let mut records = Records::default();
    let mut at = 0usize;
    while at < bytes.len() {
        let n = records.updates.len() + 1;
        let torn = |why: &str| {
            format!(
                "{}: update {n} was cut short ({why}) and is left out; the updates before it are kept",
                path.display()
            )
        };
        let Some(eol) = bytes[at..].iter().position(|&b| b == b'\n') else {
            records.torn = Some(torn("its header is incomplete"));
            break;
        };
        let header = std::str::from_utf8(&bytes[at..at + eol])
            .ok()
            .and_then(|h| h.strip_prefix(MAGIC))
            .and_then(|h| h.split_once(' '))
            .and_then(|(len, sum)| Some((len.parse::<usize>().ok()?, sum.to_string())));
        let Some((len, sum)) = header else {
            return Err(corrupt(format!(
                "update {n}: a record header was expected at byte {at}"
            )));
        };
        let body = at + eol + 1;
        let end = body.saturating_add(len);
        if end + 1 > bytes.len() {
            records.torn = Some(torn("its text is incomplete"));
            break;
        }
        let text = std::str::from_utf8(&bytes[body..end]).ok();
        let whole = text.filter(|t| digest(t) == sum && bytes[end] == b'\n');
        let Some(text) = whole else {
            if end + 1 == bytes.len() {
                records.torn = Some(torn("its text does not match its digest"));
                break;
            }
            return Err(corrupt(format!(
                "update {n}: its text does not match its digest"
            )));
        };
        records.updates.push(text.to_string());
        at = end + 1;
        records.whole_len = at as u64;
    }
    Ok(records)
}

/// A record written to the journal, not yet known to apply: [`Pending::revoke`] takes it back.
pub(crate) struct Pending {
    path: PathBuf,
    /// The journal's length before the record (0 and `created`: there was no journal).
    before: u64,
    created: bool,
}

/// Writes `update` as the journal's next record and syncs it. A journal in the old format is
/// first rewritten in records; a torn last record is replaced. On failure the journal is as it
/// was.
pub(crate) fn append(path: &Path, update: &str) -> Result<Pending, StoreError> {
    let existing = read(path)?;
    let created = !path.exists();
    if existing.legacy {
        let updates = existing.updates.clone();
        write_atomically(path, |w| {
            for u in &updates {
                w.write_all(&record(u))?;
            }
            Ok(())
        })?;
        return append(path, update);
    }
    let mut file = fs::OpenOptions::new()
        .create(true)
        .write(true)
        .truncate(false)
        .open(path)
        .map_err(io_err(path))?;
    let pending = Pending {
        path: path.to_path_buf(),
        before: existing.whole_len,
        created,
    };
    let written = (|| {
        use std::io::Seek;
        file.set_len(existing.whole_len)?;
        file.seek(std::io::SeekFrom::Start(existing.whole_len))?;
        file.write_all(&record(update))?;
        file.sync_all()
    })();
    if let Err(e) = written {
        drop(file);
        let _ = pending.revoke();
        return Err(io_err(path)(e));
    }
    Ok(pending)
}

impl Pending {
    /// Takes the record back: the journal is cut to its length before it (and removed if the
    /// record created it).
    pub(crate) fn revoke(self) -> Result<(), StoreError> {
        if self.created {
            return match fs::remove_file(&self.path) {
                Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(io_err(&self.path)(e)),
                _ => Ok(()),
            };
        }
        let file = fs::OpenOptions::new()
            .write(true)
            .open(&self.path)
            .map_err(io_err(&self.path))?;
        file.set_len(self.before)
            .and_then(|()| file.sync_all())
            .map_err(io_err(&self.path))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn any_text_is_one_record_and_reads_back_whole() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("updates.ru");
        let nasty = format!("INSERT DATA {{ <urn:a> <urn:b> \"x{LEGACY_SEPARATOR}{MAGIC}9 0\" }}");
        append(&path, "INSERT DATA { <urn:a> <urn:b> 1 }").unwrap();
        append(&path, &nasty).unwrap();
        let r = read(&path).unwrap();
        assert_eq!(
            r.updates,
            ["INSERT DATA { <urn:a> <urn:b> 1 }", nasty.as_str()]
        );
        assert!(r.torn.is_none());
    }

    #[test]
    fn a_torn_last_record_is_left_out_with_a_warning_and_replaced_by_the_next() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("updates.ru");
        append(&path, "CLEAR GRAPH <urn:g1>").unwrap();
        let whole = fs::metadata(&path).unwrap().len();
        append(&path, "CLEAR GRAPH <urn:g2>").unwrap();
        let full = fs::read(&path).unwrap();
        for cut in whole as usize + 1..full.len() {
            fs::write(&path, &full[..cut]).unwrap();
            let r = read(&path).unwrap();
            assert_eq!(r.updates, ["CLEAR GRAPH <urn:g1>"], "cut at {cut}");
            assert!(
                r.torn.as_deref().is_some_and(|w| w.contains("update 2")),
                "cut at {cut}"
            );
        }
        append(&path, "CLEAR GRAPH <urn:g3>").unwrap();
        let r = read(&path).unwrap();
        assert_eq!(r.updates, ["CLEAR GRAPH <urn:g1>", "CLEAR GRAPH <urn:g3>"]);
        assert!(r.torn.is_none());
    }

    #[test]
    fn a_damaged_record_before_the_last_is_an_error() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("updates.ru");
        append(&path, "CLEAR GRAPH <urn:g1>").unwrap();
        append(&path, "CLEAR GRAPH <urn:g2>").unwrap();
        let text = fs::read_to_string(&path).unwrap().replacen("g1", "g9", 1);
        fs::write(&path, text).unwrap();
        let err = read(&path).unwrap_err().to_string();
        assert!(err.contains("update 1") && err.contains("digest"), "{err}");
    }

    #[test]
    fn a_revoked_record_leaves_the_journal_as_it_was() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("updates.ru");
        append(&path, "CLEAR GRAPH <urn:g1>")
            .unwrap()
            .revoke()
            .unwrap();
        assert!(!path.exists());
        append(&path, "CLEAR GRAPH <urn:g1>").unwrap();
        let before = fs::read(&path).unwrap();
        append(&path, "CLEAR GRAPH <urn:g2>")
            .unwrap()
            .revoke()
            .unwrap();
        assert_eq!(fs::read(&path).unwrap(), before);
    }

    #[test]
    fn an_old_journal_is_read_and_rewritten_in_records() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("updates.ru");
        fs::write(
            &path,
            format!("CLEAR GRAPH <urn:g1>{LEGACY_SEPARATOR}CLEAR GRAPH <urn:g2>{LEGACY_SEPARATOR}"),
        )
        .unwrap();
        assert_eq!(read(&path).unwrap().updates.len(), 2);
        append(&path, "CLEAR GRAPH <urn:g3>").unwrap();
        let r = read(&path).unwrap();
        assert!(!r.legacy);
        assert_eq!(
            r.updates,
            [
                "CLEAR GRAPH <urn:g1>",
                "CLEAR GRAPH <urn:g2>",
                "CLEAR GRAPH <urn:g3>"
            ]
        );
    }
}
