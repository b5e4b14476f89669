//! Sentences and clauses of a normalized text, as byte ranges.
//!
//! A sentence ends at 。！？!? or a line break, and at an English full stop (a `.` followed by a
//! space, not closing an abbreviation such as U.S. or Mr.); a clause ends at ，；：; too. Quotes
//! and brackets do not hide their punctuation: a clause never spans a 。 even inside “…”.

use std::ops::Range;

const SENTENCE_ENDS: [char; 6] = ['。', '！', '？', '!', '?', '\n'];
const CLAUSE_ENDS: [char; 4] = ['，', '；', '：', ';'];

/// The offset just past the last of `marks` in `text`, or 0 when it holds none: where the
/// clause or sentence running to the end of `text` opens.
pub fn after_last(text: &str, marks: &[char]) -> usize {
    text.char_indices()
        .rev()
        .find(|(_, c)| marks.contains(c))
        .map_or(0, |(i, c)| i + c.len_utf8())
}

/// Marks that end a clause for the words around a name (both scripts' commas, stops and
/// semicolons, and a line break).
const CLAUSE_STOPS: [char; 9] = ['，', '。', '；', '！', '？', '\n', ',', ';', '.'];

/// The words of the clause before `start` and after `end` (乌兹别克斯坦-中国商务论坛|17日在西安举行):
/// from the last clause stop before, to the first one after.
pub fn clause_around(text: &str, start: usize, end: usize) -> (&str, &str) {
    let before = &text[..start];
    let after = &text[end..];
    (
        &before[after_last(before, &CLAUSE_STOPS)..],
        &after[..after.find(CLAUSE_STOPS).unwrap_or(after.len())],
    )
}

/// `word` with its first letter in upper case (state → State).
pub fn capitalized(word: &str) -> String {
    let mut chars = word.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_uppercase().chain(chars).collect()
    })
}

/// Longest a sentence may be, in bytes (about 1,300 Chinese characters or 700 English words,
/// several times the longest sentence of a joint statement). Extraction looks at the pairs of
/// names in a sentence, so a text without sentence ends (a flattened table, a text bomb) would
/// otherwise make one sentence whose cost grows with the square of the document.
pub const MAX_SENTENCE_BYTES: usize = 4096;

/// Byte ranges of the sentences of `text`, trimmed, without empty ones. A sentence longer than
/// [`MAX_SENTENCE_BYTES`] is cut into pieces no longer, each at the last clause end or blank
/// before the limit (else at the limit itself).
pub fn sentences(text: &str) -> Vec<Range<usize>> {
    let whole = split(text, 0..text.len(), |c, at| {
        SENTENCE_ENDS.contains(&c) || full_stop(text, c, at)
    });
    if whole.iter().all(|r| r.len() <= MAX_SENTENCE_BYTES) {
        return whole;
    }
    let mut out = Vec::with_capacity(whole.len());
    for range in whole {
        let mut start = range.start;
        while range.end - start > MAX_SENTENCE_BYTES {
            let mut limit = start + MAX_SENTENCE_BYTES;
            while !text.is_char_boundary(limit) {
                limit -= 1;
            }
            let cut = text[start..limit]
                .char_indices()
                .rev()
                .find(|&(_, c)| CLAUSE_ENDS.contains(&c) || c == ',' || c.is_whitespace())
                .map(|(i, c)| start + i + c.len_utf8())
                .filter(|&cut| cut > start)
                .unwrap_or(limit);
            push_trimmed(text, start..cut, &mut out);
            start = cut;
        }
        push_trimmed(text, start..range.end, &mut out);
    }
    out
}

/// Whether the `.` at byte `at` ends an English sentence.
fn full_stop(text: &str, c: char, at: usize) -> bool {
    if c != '.' || !text[at + 1..].starts_with(char::is_whitespace) && at + 1 < text.len() {
        return false;
    }
    let word: String = text[..at]
        .chars()
        .rev()
        .take_while(|c| c.is_alphanumeric() || *c == '.')
        .collect();
    let word: String = word.chars().rev().collect();
    let abbreviation = word.contains('.')
        || (word.len() == 1 && word.chars().all(|c| c.is_ascii_uppercase()))
        || [
            "Mr", "Mrs", "Ms", "Dr", "St", "No", "vs", "Jr", "Sr", "Gen", "Lt", "Col", "Md",
            "Mohd", "Hon", "Rt", "Prof", "Engr", "Brig", "Maj", "Capt", "Sen", "Amb", "Mt", "Ltd",
            "Pvt",
        ]
        .contains(&word.as_str());
    !abbreviation
}

/// Byte ranges of the clauses within `range` of `text`.
pub fn clauses(text: &str, range: Range<usize>) -> Vec<Range<usize>> {
    split(text, range, |c, at| {
        SENTENCE_ENDS.contains(&c) || CLAUSE_ENDS.contains(&c) || full_stop(text, c, at)
    })
}

fn split(
    text: &str,
    range: Range<usize>,
    is_end: impl Fn(char, usize) -> bool,
) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = range.start;
    let mut depth_paren = 0i32;
    for (i, c) in text[range.clone()].char_indices() {
        let at = range.start + i;
        match c {
            '（' | '(' => depth_paren += 1,
            '）' | ')' => depth_paren -= 1,
            _ => {}
        }
        // A ；or ， inside a parenthesis does not end a clause (（增长走廊、民生走廊）).
        let inside = depth_paren > 0 && c != '\n' && c != '。';
        if is_end(c, at) && !inside {
            push_trimmed(text, start..at + c.len_utf8(), &mut out);
            start = at + c.len_utf8();
            depth_paren = 0;
        }
    }
    push_trimmed(text, start..range.end, &mut out);
    out
}

fn push_trimmed(text: &str, range: Range<usize>, out: &mut Vec<Range<usize>>) {
    let slice = &text[range.clone()];
    let lead = slice.len() - slice.trim_start().len();
    let trail = slice.len() - slice.trim_end().len();
    if lead + trail < slice.len() {
        out.push(range.start + lead..range.end - trail);
    }
}

/// Where each of `words` occurs in `text`: for word `k`, the byte offsets `text.match_indices`
/// gives for it (left to right, not overlapping one another), listed by `k` then offset. One
/// pass over the text finds them all, however many words there are.
pub fn occurrences(text: &str, words: &[&str]) -> Vec<(usize, usize)> {
    Words::new(words).occurrences(text)
}

/// A fixed list of words with the automaton that finds them, built once: what
/// [`occurrences`] does for a list searched in every document.
#[derive(Debug, Clone)]
pub struct Words {
    words: Vec<String>,
    /// The indices of the nonempty words, in the automaton's pattern order.
    nonempty: Vec<usize>,
    /// None when the words are too many for one automaton.
    ac: Option<aho_corasick::AhoCorasick>,
}

impl Words {
    /// The automaton of `words` (the empty ones are never found).
    pub fn new<S: AsRef<str>>(words: &[S]) -> Words {
        let words: Vec<String> = words.iter().map(|w| w.as_ref().to_string()).collect();
        let nonempty: Vec<usize> = (0..words.len()).filter(|k| !words[*k].is_empty()).collect();
        let ac = aho_corasick::AhoCorasick::new(nonempty.iter().map(|k| &words[*k])).ok();
        Words {
            words,
            nonempty,
            ac,
        }
    }

    /// The words, in the order given.
    pub fn words(&self) -> &[String] {
        &self.words
    }

    /// Word `k`.
    pub fn word(&self, k: usize) -> &str {
        &self.words[k]
    }

    /// Where each word occurs in `text`, as [`occurrences`] gives them.
    pub fn occurrences(&self, text: &str) -> Vec<(usize, usize)> {
        let words = &self.words;
        let Some(ac) = &self.ac else {
            // Too many words for one automaton: each on its own.
            let mut out = Vec::new();
            for (k, w) in words.iter().enumerate().filter(|(_, w)| !w.is_empty()) {
                out.extend(text.match_indices(w.as_str()).map(|(i, _)| (k, i)));
            }
            return out;
        };
        let nonempty = &self.nonempty;
        let mut found: Vec<(usize, usize)> = ac
            .find_overlapping_iter(text)
            .map(|m| (nonempty[m.pattern().as_usize()], m.start()))
            .collect();
        found.sort_unstable();
        Self::first_of_each(found, words)
    }

    /// A word's own occurrences do not overlap (as `match_indices` gives them).
    fn first_of_each(found: Vec<(usize, usize)>, words: &[String]) -> Vec<(usize, usize)> {
        let mut out: Vec<(usize, usize)> = Vec::with_capacity(found.len());
        let mut free_from = 0;
        for (k, at) in found {
            if out.last().is_none_or(|&(last, _)| last != k) {
                free_from = 0;
            }
            if at >= free_from {
                out.push((k, at));
                free_from = at + words[k].len();
            }
        }
        out
    }
}

/// The first `chars` characters of `text` (all of it when shorter).
pub fn first_chars(text: &str, chars: usize) -> &str {
    text.char_indices()
        .nth(chars)
        .map_or(text, |(i, _)| &text[..i])
}

/// A match found first at `start..end` by a leftmost-longest search may hide one that starts
/// inside it and reaches further (部秘 hides 秘书 in 教育部秘书巴特拉伊; 研究会 hides 会议):
/// the first position inside where `longest_at` (the end of the longest match starting there,
/// with what it found) reaches past `end`, as (start, end, found).
pub fn reaching_further<T>(
    text: &str,
    start: usize,
    end: usize,
    longest_at: impl Fn(usize) -> Option<(usize, T)>,
) -> Option<(usize, usize, T)> {
    text[start..end].char_indices().skip(1).find_map(|(i, _)| {
        let at = start + i;
        longest_at(at)
            .filter(|(e, _)| *e > end)
            .map(|(e, found)| (at, e, found))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn occurrences_are_what_match_indices_gives_for_each_word() {
        let text = "中巴双方，中方和巴方。aaaa 中巴两国 中";
        let words = ["中", "巴方", "", "aa", "双方", "中巴", "不在"];
        let mut expected = Vec::new();
        for (k, w) in words.iter().enumerate().filter(|(_, w)| !w.is_empty()) {
            expected.extend(text.match_indices(w).map(|(i, _)| (k, i)));
        }
        assert_eq!(occurrences(text, &words), expected);
        assert!(occurrences(text, &[]).is_empty());
    }

    #[test]
    fn overlong_sentences_are_cut_at_clause_ends_then_at_the_limit() {
        let clause = "中巴双方同意加强在走廊框架下的合作，";
        let text = format!("{}结束。短句。", clause.repeat(400));
        let got = sentences(&text);
        assert!(got.len() > 2, "{}", got.len());
        assert!(got.iter().all(|r| r.len() <= MAX_SENTENCE_BYTES));
        // Cut after a clause end, and nothing lost but the blanks trimmed.
        assert!(text[got[0].clone()].ends_with('，'));
        assert_eq!(
            got.iter().map(|r| &text[r.clone()]).collect::<String>(),
            text
        );
        assert_eq!(&text[got.last().unwrap().clone()], "短句。");
        // No clause end nor blank at all: cut at the limit, on a character boundary.
        let solid = "字".repeat(5_000);
        let got = sentences(&solid);
        assert!(got.iter().all(|r| r.len() <= MAX_SENTENCE_BYTES));
        assert_eq!(got.iter().map(|r| r.len()).sum::<usize>(), solid.len());
    }

    #[test]
    fn a_short_abbreviation_before_a_name_ends_no_sentence() {
        let text = "He met President Md. Abdul Hamid and Hon. Speaker Chaudhury. Talks followed.";
        let got: Vec<&str> = sentences(text).into_iter().map(|r| &text[r]).collect();
        assert_eq!(got.len(), 2, "{got:?}");
    }

    #[test]
    fn a_match_reaching_further_from_inside_the_first_is_found() {
        let text = "教育部秘书巴特拉伊";
        let titles = ["部秘", "秘书"];
        let longest = |at: usize| {
            titles
                .iter()
                .filter(|t| text[at..].starts_with(*t))
                .map(|t| (at + t.len(), *t))
                .max_by_key(|(e, _)| *e)
        };
        let start = text.find("部秘").unwrap();
        let end = start + "部秘".len();
        let got = reaching_further(text, start, end, longest);
        assert_eq!(
            got.map(|(s, e, t)| (&text[s..e], t)),
            Some(("秘书", "秘书"))
        );
        // Nothing inside reaches past the end: none.
        let end = text.len();
        assert!(reaching_further(text, 0, end, longest).is_none());
    }

    #[test]
    fn sentences_end_at_full_stops_and_lines() {
        let text = "甲会见乙。乙访问丙！\n丙说";
        let got: Vec<&str> = sentences(text).into_iter().map(|r| &text[r]).collect();
        assert_eq!(got, ["甲会见乙。", "乙访问丙！", "丙说"]);
    }

    #[test]
    fn clauses_end_at_commas_but_not_inside_parentheses() {
        let text = "深化“五大走廊”（增长走廊，民生走廊）合作，推进项目。";
        let got: Vec<&str> = clauses(text, 0..text.len())
            .into_iter()
            .map(|r| &text[r])
            .collect();
        assert_eq!(
            got,
            ["深化“五大走廊”（增长走廊，民生走廊）合作，", "推进项目。"]
        );
    }

    #[test]
    fn english_sentences_end_at_full_stops_but_not_abbreviations() {
        let text = "The U.S. delegation met Mr. Dar in 2015. Then it left. Growth was 4.5 percent.";
        let got: Vec<&str> = sentences(text).into_iter().map(|r| &text[r]).collect();
        assert_eq!(
            got,
            [
                "The U.S. delegation met Mr. Dar in 2015.",
                "Then it left.",
                "Growth was 4.5 percent."
            ]
        );
    }

    #[test]
    fn empty_text_has_no_sentences() {
        assert!(sentences("  \n ").is_empty());
    }
}
