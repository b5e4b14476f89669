//! Dates written in a sentence (2025年9月4日, 2018 年 11 月, 2013年, September 4, 2025).
//!
//! This module finds them and gives each the precision the text states.

use std::sync::OnceLock;

use regex::Regex;

use crate::model::FactDate;

/// A date found in a text, with its byte range.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DateMention {
    /// Byte offset where the date starts.
    pub start: usize,
    /// Byte offset just past the date.
    pub end: usize,
    /// The date.
    pub date: FactDate,
}

fn chinese() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(r"(\d{4})\s*年(?:\s*(\d{1,2})\s*月(?:\s*(\d{1,2})\s*日)?)?")
            .unwrap_or_else(|e| panic!("date pattern: {e}"))
    })
}

fn english() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(
            r"(?i)(?:\b(\d{1,2})(?:st|nd|rd|th)?\s+)?\b(January|February|March|April|May|June|July|August|September|October|November|December|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?)\s+(?:(\d{1,2}),?\s+)?(\d{4})\b",
        )
        .unwrap_or_else(|e| panic!("date pattern: {e}"))
    })
}

/// Whether `word` is an English month's name, in any case (July, JULY).
/// Abbreviations (Jan., Sept.) count, with or without their full stop.
pub(crate) fn is_month_name(word: &str) -> bool {
    month_number(word).is_some()
}

/// The number (1–12) of the month an English word names, in full or abbreviated (Jan., Sept.,
/// Dec), in any case.
fn month_number(word: &str) -> Option<u32> {
    let word = word.strip_suffix('.').unwrap_or(word);
    let full = MONTHS.iter().position(|m| m.eq_ignore_ascii_case(word));
    // Three letters abbreviate every month; September also has `Sept`.
    let short = || {
        (word.len() == 3 || word.eq_ignore_ascii_case("sept"))
            .then(|| {
                MONTHS.iter().position(|m| {
                    m.get(..word.len())
                        .is_some_and(|p| p.eq_ignore_ascii_case(word))
                })
            })
            .flatten()
    };
    full.or_else(short).map(|i| i as u32 + 1)
}

const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// Every date in `text`, in order. A year is kept only between 1900 and 2100, and a day or
/// month only when it exists.
pub fn find_dates(text: &str) -> Vec<DateMention> {
    let mut out = Vec::new();
    // Every date has digits (`\d` is a Unicode decimal digit, which `is_numeric` includes):
    // most sentences have none, and need no pattern run over them.
    if !text.chars().any(char::is_numeric) {
        return out;
    }
    for caps in chinese().captures_iter(text) {
        let whole = caps.get(0).map_or(0..0, |m| m.range());
        let year: i32 = caps[1].parse().unwrap_or(0);
        let month: Option<u32> = caps.get(2).and_then(|m| m.as_str().parse().ok());
        let day: Option<u32> = caps.get(3).and_then(|m| m.as_str().parse().ok());
        // A range of years (2025—2029年, 2025年至2029年) dates nothing, by either end.
        if month.is_none() && in_year_range(text, whole.start, whole.start + caps[1].len()) {
            continue;
        }
        if let Some(date) = build(year, month, day) {
            out.push(DateMention {
                start: whole.start,
                end: whole.end,
                date,
            });
        }
    }
    for caps in english().captures_iter(text) {
        let whole = caps.get(0).map_or(0..0, |m| m.range());
        let month = month_number(&caps[2]);
        // 15 July 2025 or July 15, 2025.
        let day: Option<u32> = caps
            .get(1)
            .or_else(|| caps.get(3))
            .and_then(|m| m.as_str().parse().ok());
        let year: i32 = caps[4].parse().unwrap_or(0);
        if let Some(date) = build(year, month, day) {
            out.push(DateMention {
                start: whole.start,
                end: whole.end,
                date,
            });
        }
    }
    out.sort_by_key(|d| d.start);
    out
}

/// Whether the year at `start..end` of `text` is an end of a range of years: another year and a
/// dash, 至 or 到 stand right before it, or right after it (with 年 between).
fn in_year_range(text: &str, start: usize, end: usize) -> bool {
    const LINKS: [char; 8] = ['-', '—', '–', '－', '~', '～', '至', '到'];
    let before = text[..start].trim_end_matches([' ', '年']);
    let linked_before = before
        .strip_suffix(LINKS)
        .map(|b| b.trim_end_matches([' ', '年']))
        .is_some_and(|b| {
            b.len() >= 4
                && b.is_char_boundary(b.len() - 4)
                && b[b.len() - 4..].chars().all(|c| c.is_ascii_digit())
        });
    let after = text[end..].trim_start_matches([' ', '年']);
    let linked_after = after
        .strip_prefix(LINKS)
        .map(str::trim_start)
        .is_some_and(|a| {
            a.len() >= 4 && a.is_char_boundary(4) && a[..4].chars().all(|c| c.is_ascii_digit())
        });
    linked_before || linked_after
}

fn build(year: i32, month: Option<u32>, day: Option<u32>) -> Option<FactDate> {
    if !(1900..=2100).contains(&year) {
        return None;
    }
    match (month, day) {
        (None, _) => Some(FactDate::Year(year)),
        (Some(m), None) if (1..=12).contains(&m) => Some(FactDate::YearMonth(year, m)),
        (Some(m), Some(d)) if (1..=12).contains(&m) && (1..=31).contains(&d) => {
            Some(FactDate::Day(year, m, d))
        }
        // A month or day that does not exist still leaves the year the text gives.
        _ => Some(FactDate::Year(year)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_dates_keep_their_precision() {
        let found = find_dates("2018 年 11 月，习近平主席；2025年9月4日；2013年");
        let dates: Vec<String> = found.iter().map(|d| d.date.to_string()).collect();
        assert_eq!(dates, ["2018-11", "2025-09-04", "2013"]);
    }

    #[test]
    fn english_dates_are_found() {
        let found = find_dates("signed on September 4, 2025 and in May 2015");
        let dates: Vec<String> = found.iter().map(|d| d.date.to_string()).collect();
        assert_eq!(dates, ["2025-09-04", "2015-05"]);
    }

    #[test]
    fn day_first_dates_keep_their_day_and_year_ranges_date_nothing() {
        let found = find_dates("On 15 July 2025 and on the 3rd March 2024, but September 2023.");
        let dates: Vec<String> = found.iter().map(|d| d.date.to_string()).collect();
        assert_eq!(dates, ["2025-07-15", "2024-03-03", "2023-09"]);
        for range in [
            "（2025—2029年）",
            "2025－2026年",
            "2025年至2029年",
            "2017-2030年",
        ] {
            assert!(find_dates(range).is_empty(), "{range}");
        }
        // A day range keeps its first day; a year standing alone stays.
        let found = find_dates("2025年4月17日至18日，2013年提出");
        let dates: Vec<String> = found.iter().map(|d| d.date.to_string()).collect();
        assert_eq!(dates, ["2025-04-17", "2013"]);
    }

    #[test]
    fn abbreviated_months_date_as_their_full_names_do() {
        let found = find_dates("on Jan. 5, 2023, on Sept. 12 2019 and on 3 Dec 2020");
        let dates: Vec<FactDate> = found.iter().map(|d| d.date).collect();
        assert_eq!(
            dates,
            vec![
                FactDate::Day(2023, 1, 5),
                FactDate::Day(2019, 9, 12),
                FactDate::Day(2020, 12, 3)
            ]
        );
        assert!(is_month_name("Jan.") && is_month_name("SEPT") && is_month_name("may"));
        // Words that merely start like a month are none.
        assert!(!is_month_name("Janu") && !is_month_name("Mayor") && !is_month_name("Dece"));
        assert!(find_dates("Mar 2024 in the Sep").len() == 1);
    }

    #[test]
    fn impossible_dates_and_numbers_are_ignored() {
        assert!(find_dates("0452 8832 年 13 月").is_empty());
        assert!(find_dates("第3000年").is_empty());
        assert_eq!(find_dates("2025年13月")[0].date, FactDate::Year(2025));
    }
}
