//! Titles of English works cited in quotation marks, as references and footnotes print them:
//! `Zhao Shiren, "China & Pakistan's Shared AI Future," The Nation, August 8, 2025`.

use std::sync::OnceLock;

use regex::Regex;

use super::Ctx;
use super::names::{Candidate, regex};
use crate::model::EntityType;

/// Words a title leaves in lower case (articles, short prepositions and conjunctions).
const MINOR_WORDS: &[&str] = &[
    "a", "an", "the", "and", "or", "but", "nor", "of", "in", "on", "at", "to", "for", "by", "with",
    "from", "as", "into", "vs", "via", "per",
];

/// Quoted English titles: Documents. A quotation counts as a title when it is in title case
/// (every word but the minor ones capitalized) and holds at least three words, so quoted speech
/// ("We will stand together," he said) is left alone.
pub(super) fn cited_titles(ctx: &Ctx<'_>) -> Vec<Candidate> {
    static RE: OnceLock<Regex> = OnceLock::new();
    let re = regex(
        &RE,
        r#"(?:"|“)([A-Z0-9][^"“”\n]{8,200}?)(?:[,.](?:"|”)|(?:"|”)\s*[,.])"#,
    );
    re.captures_iter(ctx.text)
        .filter_map(|c| {
            let inner = c.get(1)?;
            let title = inner.as_str().trim_end_matches([',', '.']);
            title_case(title).then(|| Candidate {
                start: inner.start(),
                end: inner.start() + title.len(),
                kind: EntityType::Document,
                rule: "cited-title",
                entity: None,
            })
        })
        .collect()
}

/// Whether `text` is an English title: three or more words, Latin letters mostly, and every
/// word that is not a minor word starting with a capital letter or a digit.
fn title_case(text: &str) -> bool {
    let words: Vec<&str> = text.split_whitespace().collect();
    if words.len() < 3 {
        return false;
    }
    let latin = text.chars().filter(char::is_ascii_alphabetic).count();
    let letters = text.chars().filter(|c| c.is_alphabetic()).count();
    if latin * 10 < letters * 9 {
        return false;
    }
    words.iter().all(|w| {
        let bare = w.trim_matches(|c: char| !c.is_alphanumeric());
        bare.is_empty()
            || MINOR_WORDS.contains(&bare.to_ascii_lowercase().as_str())
            || bare
                .chars()
                .next()
                .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
    })
}

#[cfg(test)]
mod tests {
    use super::title_case;

    #[test]
    fn titles_are_in_title_case_and_speech_is_not() {
        assert!(title_case("China & Pakistan's Shared AI Future"));
        assert!(title_case(
            "China Supports Pakistan in Battling Climate Change, Biodiversity Loss"
        ));
        assert!(!title_case("We will always stand with our friends"));
        assert!(!title_case("Two Words"));
        assert!(!title_case("中巴 共享 人工智能"));
    }
}
