//! The steps of [`Extractor::extract`] one at a time, for benchmarks and profiling.
//!
//! Each function runs the code `extract` runs for that step and takes what the steps before it
//! produce, so a step can be timed without the others: [`Tokenized::new`] cuts the text into
//! jieba's tagged words, [`gazetteer_matches`] finds the known names, [`rule_candidates`] the
//! names the rules find by their shape, [`mentions()`] chooses and resolves all of them, and
//! [`relations`] states the relations among the mentions.

use std::ops::Range;

use super::gazetteer::GazetteerMatch;
use super::mentions::{self, Found, Mention};
use super::{Ctx, DocumentText, Extractor, Token, tokenize};
use crate::model::{Entity, EntityType, FactDate, Relation};

/// A document's normalized text cut into sentences and jieba's tagged words: what every later
/// step reads.
pub struct Tokenized<'a> {
    text: &'a str,
    tokens: Vec<Token>,
    date: Option<FactDate>,
    doc_id: &'a str,
}

impl<'a> Tokenized<'a> {
    /// Tokenizes a document's normalized text, the first step of [`Extractor::extract`].
    pub fn new(doc: &DocumentText<'a>) -> Tokenized<'a> {
        let text = doc.normalized.text();
        Tokenized {
            text,
            tokens: tokenize(text),
            date: doc.meta.date,
            doc_id: doc.meta.id.as_str(),
        }
    }

    /// How many words jieba cut the text into.
    pub fn word_count(&self) -> usize {
        self.tokens.len()
    }

    fn ctx<'s>(&'s self, ex: &'s Extractor) -> Ctx<'s> {
        Ctx {
            text: self.text,
            tokens: &self.tokens,
            ex,
            date: self.date,
            doc_id: self.doc_id,
            original_chars: Default::default(),
            local_abbreviations: Default::default(),
            missions: Default::default(),
        }
    }
}

/// The mentions of a document and the entities they name, as [`mentions()`] finds them.
pub struct Mentions {
    found: Found,
}

impl Mentions {
    /// The mentions, not overlapping, in text order.
    pub fn mentions(&self) -> &[Mention] {
        &self.found.mentions
    }
}

/// The gazetteer's matches in the text that stand on the word boundaries their type needs.
pub fn gazetteer_matches(ex: &Extractor, text: &Tokenized<'_>) -> Vec<GazetteerMatch> {
    mentions::gazetteer_matches(&text.ctx(ex))
}

/// The names the rules find by their shape and context, given the gazetteer's matches: each
/// as its byte range in the normalized text, its type and the rule's name. Overlapping
/// candidates are all listed; [`mentions()`] chooses among them.
pub fn rule_candidates(
    ex: &Extractor,
    text: &Tokenized<'_>,
    gazetteer: &[GazetteerMatch],
) -> Vec<(Range<usize>, EntityType, &'static str)> {
    mentions::rule_candidates(&text.ctx(ex), gazetteer)
        .into_iter()
        .map(|c| (c.start..c.end, c.kind, c.rule))
        .collect()
}

/// Every mention of the document (gazetteer, the corpus's `known` named texts and the rules),
/// chosen among overlaps and resolved to entities.
pub fn mentions(ex: &Extractor, text: &Tokenized<'_>, known: &[Entity]) -> Mentions {
    Mentions {
        found: mentions::find(&text.ctx(ex), known),
    }
}

/// The relations among the document's mentions, sorted, as [`Extractor::extract`] states them
/// (`known` as [`mentions`] took them).
pub fn relations(
    ex: &Extractor,
    doc: &DocumentText<'_>,
    text: &Tokenized<'_>,
    mentions: &Mentions,
    known: &[Entity],
) -> Vec<Relation> {
    ex.find_relations(&text.ctx(ex), &mentions.found, doc, known)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::rule_tests::extractor;
    use crate::ingest::normalize::NormalizedText;
    use crate::model::SourceDocument;

    #[test]
    fn the_steps_one_at_a_time_give_what_extract_gives() {
        let original = "2025年9月4日，国家主席习近平在北京人民大会堂会见巴基斯坦总理夏巴兹·谢里夫。\
                        双方签署《中巴经济走廊合作规划》，巴方支持全球发展倡议。";
        let meta = SourceDocument {
            id: "t".into(),
            title: "中巴会谈".into(),
            title_en: None,
            date: Some(FactDate::Day(2025, 9, 4)),
            language: "zh".into(),
            kind: "joint-statement".into(),
            file: "t.txt".into(),
            source: None,
            content_hash: String::new(),
            named_text: None,
            text_source: None,
        };
        let normalized = NormalizedText::new(original);
        let parties = ["country/china".to_string(), "country/pakistan".to_string()];
        let doc = DocumentText {
            meta: &meta,
            original,
            normalized: &normalized,
            char_base: 0,
            parties: &parties,
        };
        let ex = extractor();
        let whole = ex.extract(&doc, &[]);
        let text = Tokenized::new(&doc);
        assert!(text.word_count() > 10);
        let gazetteer = gazetteer_matches(ex, &text);
        assert!(!gazetteer.is_empty());
        let rules = rule_candidates(ex, &text, &gazetteer);
        assert!(
            rules
                .iter()
                .any(|(_, kind, _)| *kind == EntityType::Document)
        );
        let found = mentions(ex, &text, &[]);
        let mut spans: Vec<(usize, usize, &str)> = found
            .mentions()
            .iter()
            .map(|m| (m.start, m.end, m.entity.as_str()))
            .collect();
        spans.sort();
        let expected: Vec<(usize, usize, &str)> = whole
            .mentions
            .iter()
            .map(|m| (m.start, m.end, m.entity.as_str()))
            .collect();
        assert_eq!(spans, expected);
        let stated = relations(ex, &doc, &text, &found, &[]);
        assert!(!stated.is_empty());
        assert_eq!(stated, whole.relations);
    }
}
