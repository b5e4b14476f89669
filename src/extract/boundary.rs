//! Where a name begins: the left boundary of names found by their suffix or ordinal, walking
//! back over jieba's words until punctuation, a stop word or a verb, and the signs that a span
//! holds a proper name.

use std::sync::OnceLock;

use regex::Regex;

use super::Ctx;
use super::gazetteer::GazetteerMatch;
use super::names::regex;
use crate::model::EntityType;

pub(super) fn is_han(c: char) -> bool {
    matches!(c as u32, 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x2FA1F)
        || c == '〇'
}

/// Characters that may stand inside a name.
pub(super) fn is_name_char(c: char) -> bool {
    is_han(c) || c.is_ascii_alphanumeric() || "·-+—－&".contains(c)
}

pub(super) const CLAUSE_MARKS: &str = "，。；：！？\n";
const OPENERS: [(char, char); 4] = [('”', '“'), ('’', '‘'), ('）', '（'), (')', '(')];

impl Ctx<'_> {
    /// Extends a name that starts at `pos` leftwards over name-like words, stopping at
    /// punctuation, stop words, stop tags and `floor`.
    pub(super) fn extend_left(
        &self,
        mut pos: usize,
        floor: usize,
        gaz: &[GazetteerMatch],
    ) -> usize {
        let lex = &self.ex.lexicon;
        let max = lex.suffix_rules.max_name_chars;
        let end = pos;
        let mut has_quote = false;
        while pos > floor {
            let Some(prev) = self.text[..pos].chars().next_back() else {
                break;
            };
            if let Some(&(_, open)) = OPENERS.iter().find(|(close, _)| *close == prev) {
                let inner_end = pos - prev.len_utf8();
                let Some(open_at) = self.text[floor..inner_end].rfind(open).map(|i| floor + i)
                else {
                    break;
                };
                let inner = &self.text[open_at + open.len_utf8()..inner_end];
                // A bracket holding a list or a clause is an explanation, not part of a name;
                // nor is one that opens the text before the name ((新华社北京9月4日电)). A quoted
                // title may hold its subtitle after a colon (“中国与塔吉克斯坦：全面战略伙伴”研讨会).
                let opens_name = matches!(open, '“' | '‘');
                let subtitle = |c: char| opens_name && c == '：';
                if inner.is_empty()
                    || inner.contains(|c| (CLAUSE_MARKS.contains(c) && !subtitle(c)) || c == '、')
                {
                    break;
                }
                if !opens_name
                    && !self.text[floor..open_at]
                        .chars()
                        .next_back()
                        .is_some_and(is_name_char)
                {
                    break;
                }
                has_quote |= matches!(open, '“' | '‘');
                pos = open_at;
                continue;
            }
            if !is_name_char(prev) {
                break;
            }
            let Some(ti) = self.token_at(pos - prev.len_utf8()) else {
                break;
            };
            let tok = &self.tokens[ti];
            if tok.start < floor {
                break;
            }
            // A known name ending here is one word of the name, whatever jieba cuts in it
            // (上合组织 in 上合组织成员国外长理事会).
            if let Some(known) = super::gazetteer::match_ending_at(gaz, pos).filter(|m| {
                m.start >= floor
                    && m.start < tok.start.max(pos - prev.len_utf8())
                    && self.gaz_kind(m) != Some(EntityType::Country)
            }) {
                pos = known.start;
                continue;
            }
            let word = &self.text[tok.start..tok.end];
            let straddles = tok.end > pos;
            // 中缅经济走廊及大项目, 院长兼孟外交部: a conjunction glued to the next word ends the
            // name after it.
            if let Some(c) = lex
                .boundary
                .glued_conjunctions
                .iter()
                .find(|c| word.len() > c.len() && word.starts_with(c.as_str()))
            {
                if tok.end <= pos {
                    pos = tok.start + c.len();
                }
                break;
            }
            // A stop word jieba cut in two (两/国) stops the name as well.
            let two_start = self.text[..pos]
                .char_indices()
                .rev()
                .nth(1)
                .map_or(pos, |(i, _)| i);
            if two_start >= floor
                && tok.start > two_start
                && self
                    .ex
                    .compiled
                    .stop_words
                    .contains(&self.text[two_start..pos])
            {
                break;
            }
            // 共建马中命运共同体: a verb right before two parties' abbreviations is the clause's;
            // the name opens with the parties.
            if tok.end == pos
                && tok.tag.starts_with('v')
                && self.token_at(pos).is_some_and(|i| {
                    let next = &self.tokens[i];
                    next.start == pos && self.names_two_parties(&self.text[next.start..next.end])
                })
            {
                break;
            }
            // 大使孟什在招待会上: a name jieba glued to a character no name ends with (在, 同) is
            // a clause before the name, which starts after it.
            if tok.end == pos
                && tok.tag.starts_with("nr")
                && lex.persons.glued_non_name_ending(word).is_some()
            {
                break;
            }
            // 隆重举行: a word jieba glued before a stop word (隆重 to 举行) stops the name too.
            // The word's last two to four characters are looked up, shorter than the word.
            if tok.end == pos
                && self.text[tok.start..pos]
                    .char_indices()
                    .rev()
                    .skip(1)
                    .take(3)
                    .any(|(i, _)| {
                        tok.start + i > tok.start
                            && self
                                .ex
                                .compiled
                                .stop_words
                                .contains(&self.text[tok.start + i..pos])
                    })
            {
                break;
            }
            // A verb between a common noun and a proper name makes a clause (企业投资瓜达尔海水
            // 淡化厂项目): the name starts after the verb. Between two proper names, or after
            // another verb, it may stay in the name (中国援助巴基斯坦农机装备分发仪式).
            let proper =
                |t: &super::Token| matches!(t.tag.as_str(), "ns" | "nr" | "nrt" | "nt" | "nz");
            if !straddles
                && matches!(tok.tag.as_str(), "v" | "vn")
                // 跨里海…: a one-character word of names glued before a proper name opens it.
                && !(word.chars().count() == 1 && self.ex.compiled.name_words.contains(word))
                && self
                    .tokens
                    .get(ti + 1)
                    .is_some_and(|next| next.end <= end && proper(next))
                && ti
                    .checked_sub(1)
                    .and_then(|p| self.tokens.get(p))
                    .is_some_and(|before| {
                        // 出席援助乌兹别克斯坦…仪式: after another verb an aid verb opens the name.
                        let opens = before.tag.starts_with('v')
                            && lex.boundary.name_opening_verbs.iter().any(|v| v == word);
                        !proper(before) && !opens && !gaz.iter().any(|g| g.end == before.end)
                    })
            {
                break;
            }
            if !straddles {
                // 建设好缅中命运共同体, 规划好经济走廊…: a result complement after a verb (jieba
                // may tag the verb a noun) is no name's first word.
                let after_word = ti
                    .checked_sub(1)
                    .and_then(|p| self.tokens.get(p))
                    .is_some_and(|t| {
                        t.end == tok.start
                            && self.text[t.start..t.end].chars().count() >= 2
                            && self.text[t.start..t.end].chars().all(is_name_char)
                    });
                if after_word
                    && self
                        .ex
                        .lexicon
                        .boundary
                        .verb_complements
                        .iter()
                        .any(|w| w == word)
                {
                    break;
                }
                // 庆祝中华人民共和国成立75周年招待会: the anniversary's verb is in the name.
                static ANNIVERSARY: OnceLock<Regex> = OnceLock::new();
                let anniversary = regex(&ANNIVERSARY, r"^(?:\d+|[一二三四五六七八九十百]+)周年")
                    .is_match(&self.text[tok.end..]);
                // 2019年度…仪式: a year's edition opens the name.
                let edition = word == "年度"
                    && ti
                        .checked_sub(1)
                        .and_then(|p| self.tokens.get(p))
                        .is_some_and(|t| {
                            t.end == tok.start
                                && t.start >= floor
                                && self.text[t.start..t.end].len() == 4
                                && self.text[t.start..t.end]
                                    .chars()
                                    .all(|c| c.is_ascii_digit())
                        });
                if self.ex.compiled.stop_words.contains(word)
                    && !anniversary
                    && !edition
                    && !self.joins_names(ti, gaz)
                    && !self.party_inside_name(ti)
                    && !self.opens_party_list(ti)
                    && !self.in_abbreviation_pair(ti)
                {
                    break;
                }
                // A type's own word inside a longer name (协定 in …合作协定签字仪式) is a noun
                // there, whatever tag jieba gives it.
                if self.ex.compiled.stop_tags.contains(&tok.tag)
                    && !anniversary
                    && !self.ex.compiled.name_words.contains(word)
                    && !self.ex.compiled.suffix_words.iter().any(|w| w == word)
                    && !self.joins_names(ti, gaz)
                    && !self.in_abbreviation_pair(ti)
                {
                    break;
                }
                // A year's edition stays in the name (2019年度中国政府奖学金颁发仪式); a date
                // does not.
                if word.chars().all(|c| c.is_ascii_digit())
                    && self.text[tok.end..].starts_with(['年', '月', '日'])
                    && !(word.len() == 4 && self.text[tok.end..].starts_with("年度"))
                {
                    break;
                }
                if word.ends_with(['年', '月', '日'])
                    && word.starts_with(|c: char| c.is_ascii_digit())
                {
                    break;
                }
                // A country before a quoted name is its owner, not part of it (巴基斯坦“5Es”).
                if has_quote
                    && gaz
                        .iter()
                        .any(|m| m.end == tok.end && self.gaz_kind(m) == Some(EntityType::Country))
                {
                    break;
                }
            }
            if self.text[tok.start..end].chars().count() > max {
                break;
            }
            // An ordinal makes an occurrence of what follows it: 第二届中巴政党论坛 is a
            // meeting of the forum 中巴政党论坛, whose name starts after the ordinal.
            static ORDINAL: OnceLock<Regex> = OnceLock::new();
            let ordinal = regex(
                &ORDINAL,
                r"(?:第[一二三四五六七八九十百零0-9]+[次届期轮]|首次|首届|首轮)$",
            );
            if ordinal.is_match(&self.text[floor..pos]) {
                break;
            }
            // A one-character stop word jieba glued to a country's abbreviation (以中 of
            // 以中柬政府间协调委员会为…): the name starts after the stop word.
            let mut chars = word.chars();
            if let (Some(first), Some(second), None) = (chars.next(), chars.next(), chars.next())
                && self.ex.compiled.stop_words.contains(&first.to_string())
                && self
                    .ex
                    .gazetteer
                    .by_abbreviation(&first.to_string())
                    .is_none()
                && self
                    .ex
                    .gazetteer
                    .by_abbreviation(&second.to_string())
                    .is_some()
            {
                pos = tok.start + first.len_utf8();
                break;
            }
            pos = tok.start;
        }
        pos
    }

    pub(super) fn gaz_kind(&self, m: &GazetteerMatch) -> Option<EntityType> {
        self.ex.gazetteer.entries().get(m.entry).map(|e| e.kind)
    }

    /// Whether the conjunction of token `ti` joins two parts of one name: two countries
    /// (中国和巴基斯坦第七次外长战略对话) or a name word and what follows (教育交流与合作执行计划).
    fn joins_names(&self, ti: usize, gaz: &[GazetteerMatch]) -> bool {
        let tok = &self.tokens[ti];
        let word = &self.text[tok.start..tok.end];
        if !matches!(word, "和" | "与" | "及") {
            return false;
        }
        let countries = gaz
            .iter()
            .any(|m| m.end == tok.start && self.gaz_kind(m) == Some(EntityType::Country))
            && gaz
                .iter()
                .any(|m| m.start == tok.end && self.gaz_kind(m) == Some(EntityType::Country));
        let is_name_word = |t: &super::Token| {
            self.ex
                .compiled
                .name_words
                .contains(&self.text[t.start..t.end])
        };
        let name_words_around = ti > 0
            && ti + 1 < self.tokens.len()
            && is_name_word(&self.tokens[ti - 1])
            && is_name_word(&self.tokens[ti + 1]);
        countries || (word != "及" && name_words_around)
    }

    /// Whether token `ti` is a country's abbreviation that a stop word shares (中) followed by
    /// another one-character word jieba reads as a name or an abbreviation: the parties that open
    /// a name (出席中马经贸联委会第二次会议, 主持召开中俄巴伊四国外长…会议), not 在…中.
    fn opens_party_list(&self, ti: usize) -> bool {
        let tok = &self.tokens[ti];
        let word = &self.text[tok.start..tok.end];
        word.chars().count() == 1
            && self.ex.gazetteer.by_abbreviation(word).is_some()
            && self.tokens.get(ti + 1).is_some_and(|next| {
                let w = &self.text[next.start..next.end];
                next.start == tok.end
                    && w.chars().count() == 1
                    && w != word
                    && (self.ex.gazetteer.by_abbreviation(w).is_some()
                        || matches!(next.tag.as_str(), "j" | "n" | "ns" | "nr"))
            })
    }

    /// Whether the party reference at token `ti` (巴方) stands inside a name, after a noun of
    /// it: 中巴经济走廊项目巴方优秀员工颁奖仪式.
    fn party_inside_name(&self, ti: usize) -> bool {
        let tok = &self.tokens[ti];
        let word = &self.text[tok.start..tok.end];
        let Some(abbr) = word.strip_suffix('方') else {
            return false;
        };
        if abbr.chars().count() != 1 || self.ex.gazetteer.by_abbreviation(abbr).is_none() || ti == 0
        {
            return false;
        }
        let prev = &self.tokens[ti - 1];
        let prev_word = &self.text[prev.start..prev.end];
        prev.end == tok.start
            && prev.tag.starts_with('n')
            && prev_word.chars().count() >= 2
            && !self.ex.compiled.stop_words.contains(prev_word)
    }

    /// Whether the one-character word at token `ti` is a country's abbreviation right before
    /// or after another's (中/f 印/v of 中印边境事务磋商和协调工作机制, which jieba reads as a
    /// place word and a verb): the two parties open the name.
    fn in_abbreviation_pair(&self, ti: usize) -> bool {
        let tok = &self.tokens[ti];
        let word = &self.text[tok.start..tok.end];
        let abbr = |c: char| self.ex.gazetteer.by_abbreviation(&c.to_string()).is_some();
        let mut chars = word.chars();
        let (Some(c), None) = (chars.next(), chars.next()) else {
            return false;
        };
        let next = self.text[tok.end..].chars().next();
        let prev = self.text[..tok.start].chars().next_back();
        abbr(c)
            && (next.is_some_and(|n| n != c && abbr(n)) || prev.is_some_and(|p| p != c && abbr(p)))
    }

    /// The words overlapping `start..end`, found by binary search (the words are in text order
    /// and do not overlap).
    pub(super) fn tokens_in(&self, start: usize, end: usize) -> &[super::Token] {
        let first = self.tokens.partition_point(|t| t.end <= start);
        let count = self.tokens[first..].partition_point(|t| t.start < end);
        &self.tokens[first..first + count]
    }

    /// Whether `word` is two countries' one-character abbreviations (马中, 中马): the parties of
    /// a name, however jieba tags the word.
    pub(super) fn names_two_parties(&self, word: &str) -> bool {
        let mut chars = word.chars();
        match (chars.next(), chars.next(), chars.next()) {
            (Some(a), Some(b), None) => {
                a != b
                    && self.country_by_abbreviation(&a.to_string()).is_some()
                    && self.country_by_abbreviation(&b.to_string()).is_some()
            }
            _ => false,
        }
    }

    /// Whether `start..end` is a single common word (全球, 外交): too generic to make a name
    /// with a suffix.
    pub(super) fn is_one_common_word(&self, start: usize, end: usize) -> bool {
        let toks: Vec<&super::Token> = self.tokens_in(start, end).iter().collect();
        toks.len() == 1
            && toks[0].start == start
            && toks[0].end == end
            && !matches!(
                toks[0].tag.as_str(),
                "ns" | "nr" | "nrt" | "nz" | "nt" | "eng" | "m"
            )
    }

    /// Start of the sentence holding `pos`.
    pub(super) fn sentence_floor(&self, pos: usize) -> usize {
        self.text[..pos]
            .rfind(['。', '！', '？', '\n', '；'])
            .map_or(0, |i| {
                i + self.text[i..].chars().next().map_or(1, char::len_utf8)
            })
    }

    /// Whether `start..end` holds a sign of a proper name: a known name, quotes, Latin letters or
    /// digits, a transliteration mark, or a word jieba tags as a name.
    pub(super) fn has_proper_part(&self, start: usize, end: usize, gaz: &[GazetteerMatch]) -> bool {
        let span = &self.text[start..end];
        if gaz.iter().any(|m| m.start >= start && m.end <= end) {
            return true;
        }
        // Letters and numbers name things (ML-1, 1号机组), but a number of years, a date or an
        // ordinal (75周年, 2023年, 第28次) does not.
        static TIMES: OnceLock<Regex> = OnceLock::new();
        let times = regex(&TIMES, r"\d+\s*(?:周年|年|月|日|届|次|轮)");
        if times
            .replace_all(span, "")
            .contains(|c: char| c == '·' || c.is_ascii_alphanumeric())
        {
            return true;
        }
        // 斯教育部, 孟财政部经济关系局: a country's one-character abbreviation, a word of its own
        // and not one of a pair, opens the name of one of its bodies.
        if let Some(first) = span.chars().next()
            && self.starts_token(start)
            && self.token_at(start).is_some_and(|i| {
                self.tokens[i].end == start + first.len_utf8() && self.tokens[i].end < end
            })
            && self.country_by_abbreviation(&first.to_string()).is_some()
            // 中伊全面合作计划: a pair of parties is no body's owner.
            && span[first.len_utf8()..]
                .chars()
                .next()
                .is_none_or(|c| self.country_by_abbreviation(&c.to_string()).is_none())
        {
            return true;
        }
        // An occasion names the event held for it (国庆75周年招待会, 春节联谊会).
        if self
            .ex
            .lexicon
            .suffix_rules
            .occasions
            .iter()
            .any(|o| span.contains(o.as_str()))
        {
            return true;
        }
        // 援斯校服布料交接仪式: an aid word and a country's one-character abbreviation name the
        // country aided.
        let aid = &self.ex.lexicon.boundary.aid_words;
        if span.char_indices().any(|(i, _)| {
            aid.iter().any(|w| {
                span[i..].strip_prefix(w.as_str()).is_some_and(|rest| {
                    rest.chars()
                        .next()
                        .is_some_and(|c| self.country_by_abbreviation(&c.to_string()).is_some())
                })
            })
        }) {
            return true;
        }
        // Quoted words name something unless they describe it (“小而美”, “最美的”); a quoted
        // title of six characters or more may hold 的 (“面向未来的中孟关系”研讨会).
        static QUOTED: OnceLock<Regex> = OnceLock::new();
        let quoted = regex(&QUOTED, "[“‘]([^”’]{2,30})[”’]");
        if quoted.captures_iter(span).any(|c| {
            !c[1].contains(['而', '又', '且', '很', '最'])
                && (!c[1].contains('的') || c[1].chars().count() >= 6)
        }) {
            return true;
        }
        self.tokens_in(start, end)
            .iter()
            // One-character names (美, 中) are abbreviations inside words, not names.
            .filter(|t| self.text[t.start..t.end].chars().count() >= 2)
            // Descriptive phrases jieba calls abbreviations (小而美) are not names.
            .filter(|t| !(t.tag == "j" && self.text[t.start..t.end].contains(['而', '又', '且'])))
            .any(|t| {
                matches!(
                    t.tag.as_str(),
                    "ns" | "nr" | "nrt" | "nrfg" | "nz" | "nt" | "eng" | "j"
                )
            })
    }
}
