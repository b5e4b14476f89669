//! Writing decisions into a curation file without disturbing it: the file is edited as a
//! TOML document (comments, blank lines, key order and quoting kept byte for byte), never
//! read into values and written out again.

use std::path::Path;

use super::{Curation, CurationError};

/// A value of a decision's field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Field {
    /// A string.
    Text(String),
    /// A whole number (a character offset).
    Number(i64),
    /// A list of strings (ids, aliases).
    List(Vec<String>),
}

/// What a new file starts with.
const HEADER: &str = "\
# Curation of this corpus: decisions corridor applies after extraction, on every build.
# Tables: [[merge]], [[rename]], [[retype]], [[reject]], [[add]], [[role]]; each needs `why`; may
# give `by` and `date`. Written by `corridor curate`; edit it by hand as freely.
";

/// Appends one decision, a `[[table]]` with `fields` in their order, to the curation file at
/// `path` (created with a short header when missing). The file's other bytes stay as they
/// were. The new text is checked as a whole first: a decision the format refuses is not
/// written, and the error says why.
pub fn append(
    path: &Path,
    table: &str,
    fields: &[(&str, Field)],
) -> Result<Curation, CurationError> {
    let old = match std::fs::read_to_string(path) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => HEADER.to_string(),
        Err(source) => {
            return Err(CurationError::Read {
                path: path.to_path_buf(),
                source,
            });
        }
    };
    let new = appended(&old, table, fields).map_err(|message| CurationError::Parse {
        path: path.to_path_buf(),
        message,
    })?;
    let checked = Curation::parse(&new, path)?;
    write(path, &new)?;
    Ok(checked)
}

/// The text of a curation file with one more `[[table]]` at its end.
pub fn appended(old: &str, table: &str, fields: &[(&str, Field)]) -> Result<String, String> {
    // Parsed only to check it is TOML: the new table is written after the old bytes, so not
    // one of them changes.
    old.parse::<toml_edit::DocumentMut>()
        .map_err(|e| e.to_string().trim_end().to_string())?;
    let mut t = toml_edit::Table::new();
    for (key, value) in fields {
        let v = match value {
            Field::Text(s) => toml_edit::value(s.as_str()),
            Field::Number(n) => toml_edit::value(*n),
            Field::List(items) => {
                let mut a = toml_edit::Array::new();
                for i in items {
                    a.push(i.as_str());
                }
                toml_edit::value(a)
            }
        };
        t.insert(key, v);
    }
    let mut doc = toml_edit::DocumentMut::new();
    let mut array = toml_edit::ArrayOfTables::new();
    array.push(t);
    doc.insert(table, toml_edit::Item::ArrayOfTables(array));
    let mut new = old.to_string();
    if !new.is_empty() && !new.ends_with('\n') {
        new.push('\n');
    }
    if !new.is_empty() {
        new.push('\n');
    }
    new.push_str(&doc.to_string());
    Ok(new)
}

/// Replaces the file's bytes so that a reader sees the old file or the whole new one.
fn write(path: &Path, text: &str) -> Result<(), CurationError> {
    let err = |source| CurationError::Write {
        path: path.to_path_buf(),
        source,
    };
    let tmp = path.with_extension("toml.tmp");
    std::fs::write(&tmp, text).map_err(err)?;
    std::fs::rename(&tmp, path).map_err(|e| {
        let _ = std::fs::remove_file(&tmp);
        err(e)
    })
}

/// The `[[table]]` and fields that write `action` with its reason, author and date, in the
/// order the file shows them.
pub fn fields_of(
    action: &super::Action,
    why: &str,
    by: Option<&str>,
    date: Option<&str>,
) -> (&'static str, Vec<(&'static str, Field)>) {
    use super::Action;
    let text = |s: &str| Field::Text(s.to_string());
    let mut f: Vec<(&'static str, Field)> = Vec::new();
    match action {
        Action::Merge { keep, others } => {
            f.push(("keep", text(keep)));
            f.push(("ids", Field::List(others.clone())));
        }
        Action::Rename {
            id,
            label_zh,
            label_en,
            aliases,
        } => {
            f.push(("id", text(id)));
            if let Some(l) = label_zh {
                f.push(("label_zh", text(l)));
            }
            if let Some(l) = label_en {
                f.push(("label_en", text(l)));
            }
            if !aliases.is_empty() {
                f.push(("aliases", Field::List(aliases.clone())));
            }
        }
        Action::Retype { id, to } => {
            f.push(("id", text(id)));
            f.push(("type", text(to.as_str())));
        }
        Action::RejectStatement {
            subject,
            relation,
            object,
            document,
            offset,
        } => {
            f.push(("subject", text(subject)));
            f.push(("relation", text(relation.as_str())));
            f.push(("object", text(object)));
            if let Some(d) = document {
                f.push(("document", text(d)));
            }
            if let Some(o) = offset {
                f.push(("offset", Field::Number(*o as i64)));
            }
        }
        Action::RejectRule { rule, document } => {
            f.push(("rule", text(rule)));
            f.push(("document", text(document)));
        }
        Action::RejectEntity { id } => f.push(("entity", text(id))),
        Action::AddStatement {
            subject,
            relation,
            object,
            document,
            quote,
            fact_date,
        } => {
            f.push(("subject", text(subject)));
            f.push(("relation", text(relation.as_str())));
            f.push(("object", text(object)));
            f.push(("document", text(document)));
            f.push(("quote", text(quote)));
            if let Some(d) = fact_date {
                f.push(("fact_date", Field::Text(d.to_string())));
            }
        }
        Action::AddEntity {
            id,
            label_zh,
            label_en,
            aliases,
        } => {
            f.push(("entity", text(id)));
            if let Some(l) = label_zh {
                f.push(("label_zh", text(l)));
            }
            if let Some(l) = label_en {
                f.push(("label_en", text(l)));
            }
            if !aliases.is_empty() {
                f.push(("aliases", Field::List(aliases.clone())));
            }
        }
        Action::Role {
            person,
            role,
            of,
            from,
            to,
            label_zh,
            label_en,
        } => {
            f.push(("person", text(person)));
            f.push(("role", text(role)));
            f.push(("of", text(of)));
            for (key, value) in [
                ("from", from),
                ("to", to),
                ("label_zh", label_zh),
                ("label_en", label_en),
            ] {
                if let Some(v) = value {
                    f.push((key, text(v)));
                }
            }
        }
    }
    f.push(("why", text(why)));
    if let Some(b) = by {
        f.push(("by", text(b)));
    }
    if let Some(d) = date {
        f.push(("date", text(d)));
    }
    (action.table(), f)
}

/// Today's date in UTC, `YYYY-MM-DD`: the date a decision is written on when none is given.
pub fn today() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let days = (secs / 86_400) as i64;
    let (y, m, d) = civil_from_days(days);
    format!("{y:04}-{m:02}-{d:02}")
}

/// The proleptic Gregorian date `days` after 1970-01-01.
fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m, d)
}
