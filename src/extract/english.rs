//! English names: capitalized words ending in a type's head, persons beside titles (with their
//! office before or after the name), and document names opening with their head.

use super::Ctx;
use super::names::Candidate;
use crate::model::EntityType;

/// English names: capitalized words ending in a type's head word (Gwadar East Bay Expressway,
/// Global Development Initiative), without a leading "The".
pub(super) fn english_names(ctx: &Ctx<'_>) -> Vec<Candidate> {
    let c = &ctx.ex.compiled;
    let mut out = Vec::new();
    for m in c.english_names.find_iter(ctx.text) {
        let mut start = m.start();
        if let Some(rest) = m.as_str().strip_prefix("The ") {
            start = m.end() - rest.len();
        }
        let name = &ctx.text[start..m.end()];
        let Some((head, kind)) = c
            .english_heads
            .iter()
            .find(|(h, _)| name.ends_with(h.as_str()))
        else {
            continue;
        };
        // The head alone, or a head after generic words (The Ministry), is no name.
        if name.len() == head.len() {
            continue;
        }
        out.push(Candidate {
            start,
            end: m.end(),
            kind: *kind,
            rule: "english-name",
            entity: None,
        });
    }
    out
}

/// English person names after a title: Prime Minister Shehbaz Sharif, President Xi Jinping.
pub(super) fn english_persons(ctx: &Ctx<'_>) -> Vec<Candidate> {
    let heads = &ctx.ex.compiled.english_heads;
    ctx.ex
        .compiled
        .english_persons
        .captures_iter(ctx.text)
        .filter_map(|cap| {
            let whole = cap.get(1)?;
            // A heading running into the text: the name ends before a word opening a sentence.
            let stops = &ctx.ex.lexicon.persons.english_stops;
            let mut end = whole.end();
            while let Some((rest, last)) = ctx.text[whole.start()..end].rsplit_once([' ', '\t']) {
                if stops.iter().any(|s| s == last) {
                    end = whole.start() + rest.trim_end().len();
                } else {
                    break;
                }
            }
            if end <= whole.start() {
                return None;
            }
            let name = &ctx.text[whole.start()..end];
            // Prime Minister Office, President Hotel: a head word makes it no person.
            if heads
                .iter()
                .any(|(h, _)| name.split_whitespace().any(|w| w == h))
            {
                return None;
            }
            Some(Candidate {
                start: whole.start(),
                end,
                kind: EntityType::Person,
                rule: "english-titled-person",
                entity: None,
            })
        })
        .collect()
}

/// Particles that belong inside a name (Masud Bin Momen).
const NAME_PARTICLES: [&str; 6] = ["Bin", "bin", "Al", "al", "Ul", "ud"];

/// English persons named with an office after their title (Minister of Commerce Wang Wentao:
/// the last two words of the run of capitalized words, three with a particle) or before a
/// title (Mohamed Saeed, Minister of …).
pub(super) fn english_persons_with_office(ctx: &Ctx<'_>) -> Vec<Candidate> {
    let [of, apposed] = &ctx.ex.compiled.english_person_forms;
    let heads = &ctx.ex.compiled.english_heads;
    let is_head = |w: &str| heads.iter().any(|(h, _)| h == w);
    let mut out = Vec::new();
    for cap in of.captures_iter(ctx.text) {
        let Some(run) = cap.get(1) else { continue };
        let words: Vec<(usize, &str)> = run
            .as_str()
            .split(' ')
            .scan(0, |at, w| {
                let start = *at;
                *at += w.len() + 1;
                Some((start, w))
            })
            .filter(|(_, w)| !w.is_empty())
            .collect();
        // The office needs a word of its own before the name.
        let take = if words.len() >= 4 && NAME_PARTICLES.contains(&words[words.len() - 2].1) {
            3
        } else {
            2
        };
        if words.len() < take + 1 {
            continue;
        }
        let name = &words[words.len() - take..];
        let office = &ctx.ex.lexicon.titles.english_office_words;
        if name.iter().any(|(_, w)| {
            is_head(w)
                || office.iter().any(|o| o == w)
                || w.chars().next().is_some_and(char::is_lowercase)
        }) {
            continue;
        }
        let start = run.start() + name[0].0;
        out.push(Candidate {
            start,
            end: run.end(),
            kind: EntityType::Person,
            rule: "english-titled-person",
            entity: None,
        });
    }
    for cap in apposed.captures_iter(ctx.text) {
        let Some(name) = cap.get(1) else { continue };
        if name
            .as_str()
            .split_whitespace()
            .any(|w| is_head(w) || w == "The")
        {
            continue;
        }
        out.push(Candidate {
            start: name.start(),
            end: name.end(),
            kind: EntityType::Person,
            rule: "english-titled-person",
            entity: None,
        });
    }
    out
}

/// English document names that open with their head word: Agreement on Economic and Technical
/// Cooperation, Memorandum of Understanding between China and Nepal. Trailing linking words
/// (…Cooperation and the) are left out.
pub(super) fn english_titles(ctx: &Ctx<'_>) -> Vec<Candidate> {
    let lower = ["of", "and", "for", "on", "in", "the", "between"];
    ctx.ex
        .compiled
        .english_titles
        .find_iter(ctx.text)
        .map(|m| {
            let mut name = m.as_str();
            while let Some((rest, last)) = name.rsplit_once(' ') {
                if lower.contains(&last) {
                    name = rest;
                } else {
                    break;
                }
            }
            Candidate {
                start: m.start(),
                end: m.start() + name.len(),
                kind: EntityType::Document,
                rule: "english-title",
                entity: None,
            }
        })
        .collect()
}
