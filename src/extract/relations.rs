//! Relations stated by trigger words (会见, 访问, 支持, 签署 …) between the mentions of a clause,
//! with argument-type constraints, modality, lists distributed over, and party references
//! (双方, 中方, 中巴两国) resolved to countries.

use std::collections::BTreeMap;
use std::ops::Range;
use std::sync::OnceLock;

use regex::Regex;

use super::gazetteer::latin_boundaries_ok;
use super::lexicon::{ObjectSide, Trigger};
use super::mentions::{Found, Mention};
use super::{Ctx, DocumentText, fallback_date, text};

use crate::ingest::dates::{DateMention, find_dates, is_month_name};
use crate::model::{EntityType, FactDate, Relation, RelationKind};

/// Something that can fill a relation's argument: a mention or a party reference.
#[derive(Debug, Clone)]
pub(super) struct Actor {
    /// Byte offset of the start.
    pub start: usize,
    /// Byte offset just past the end.
    pub end: usize,
    /// The entities it stands for (two for 中巴两国).
    pub ids: Vec<String>,
    /// Their type.
    pub kind: EntityType,
}

/// The actors that may lie within `lo..hi`: those starting in it (`actors` are sorted by
/// start), a slice to filter as the whole list would be, without reading the rest.
pub(super) fn starting_in(actors: &[Actor], lo: usize, hi: usize) -> &[Actor] {
    let from = actors.partition_point(|a| a.start < lo);
    let to = actors.partition_point(|a| a.start <= hi);
    &actors[from..to.max(from)]
}

pub(super) fn find(
    ctx: &Ctx<'_>,
    found: &Found,
    doc: &DocumentText<'_>,
    parties: &[String],
) -> Vec<Relation> {
    let actors = actors(ctx, found, parties);
    let announced = announcements(ctx);
    let mut out = Vec::new();
    for sentence in text::sentences(ctx.text) {
        let dates: Vec<DateMention> = find_dates(&ctx.text[sentence.clone()])
            .into_iter()
            .map(|d| DateMention {
                start: d.start + sentence.start,
                end: d.end + sentence.start,
                ..d
            })
            .collect();
        // Statements the shape of the whole sentence makes, dated by its first date.
        let sentence_date = dates
            .first()
            .map(|d| d.date)
            .or_else(|| fallback_date(doc.meta));
        let state = |rule: &str, (s, kind, o): (&str, RelationKind, &str)| {
            statement(ctx, doc, &sentence, sentence_date, rule, (s, kind, o))
        };
        for (s, o) in held_talks(ctx, &actors, &sentence) {
            for (s, o) in pairs(&s, &o) {
                out.push(state("pattern:held-talks", (s, RelationKind::Met, o)));
            }
        }
        let heads = delegation_heads(ctx, &actors, &sentence);
        if let Some(first) = heads.first() {
            let event = event_named_before(ctx, &actors, &sentence, &(first.start..first.start));
            for (i, a) in heads.iter().enumerate() {
                for b in &heads[i + 1..] {
                    for (s, o) in pairs(&a.ids, &b.ids) {
                        out.push(state("pattern:delegation-heads", (s, RelationKind::Met, o)));
                    }
                }
                if let Some(e) = event {
                    for (s, o) in pairs(&a.ids, &e.ids) {
                        out.push(state(
                            "pattern:delegation-heads",
                            (s, RelationKind::Attended, o),
                        ));
                    }
                }
            }
        }
        let present = at_occasion(ctx, &actors, &sentence)
            .map(|found| (found, "pattern:at-occasion"))
            .or_else(|| {
                present_list(ctx, &actors, &sentence).map(|found| (found, "pattern:present"))
            })
            .or_else(|| {
                headcount_list(ctx, &actors, &sentence).map(|found| (found, "pattern:headcount"))
            });
        if let Some(((subjects, objects), rule)) = present {
            for (s, o) in pairs(&subjects, &objects) {
                out.push(state(rule, (s, RelationKind::Attended, o)));
            }
        }
        for (signers, document, verb_start) in signed_by_title(ctx, &actors, &sentence) {
            // Dated by the date right before the verb (2002年12月23日签订的《…》).
            let date = dates
                .iter()
                .rev()
                .find(|d| d.end <= verb_start && ctx.text[d.end..verb_start].chars().count() <= 1)
                .map(|d| d.date)
                .or(sentence_date);
            for s in &signers {
                out.push(statement(
                    ctx,
                    doc,
                    &sentence,
                    date,
                    "pattern:title-signers",
                    (s, RelationKind::Signed, &document),
                ));
            }
        }
        let clauses = text::clauses(ctx.text, sentence.clone());
        for (ci, clause) in clauses.iter().enumerate() {
            let next = clauses.get(ci + 1);
            for m in ctx
                .ex
                .compiled
                .triggers
                .find_iter(&ctx.text[clause.clone()])
            {
                let at = clause.start + m.start()..clause.start + m.end();
                // A word of several triggers (joined: attended an event, supported an
                // initiative) is tried as each.
                for &ti in &ctx.ex.compiled.trigger_alternatives[m.pattern().as_usize()] {
                    let trigger = &ctx.ex.lexicon.triggers[ti];
                    // A known name may open with a stance verb (共建“一带一路”): the stance is of it.
                    let opens_name = trigger.after_stance
                        && starting_in(&actors, at.start, at.start)
                            .iter()
                            .any(|a| a.start == at.start && a.end > at.end);
                    if found.holds(at.start, at.end) && !opens_name {
                        continue;
                    }
                    // English triggers are whole words: `met` is not in `metro`.
                    if !latin_boundaries_ok(ctx.text, at.start, at.end) {
                        continue;
                    }
                    // 访缅 is a visit, not 访巴 in 访巴西 nor 访老 in 拜访老朋友: an implied object's
                    // word touches no name, and its last character starts no word of its own.
                    let splits_word = || {
                        let last_char = ctx.text[..at.end]
                            .chars()
                            .next_back()
                            .map_or(at.end, |c| at.end - c.len_utf8());
                        ctx.token_at(last_char)
                            .map(|ti| &ctx.tokens[ti])
                            .is_some_and(|t| t.end > at.end && t.start > at.start)
                    };
                    if trigger.objects == ObjectSide::Implied
                        && (found.overlaps(at.start, at.end) || splits_word())
                    {
                        continue;
                    }
                    let word = &ctx.text[at.clone()];
                    // 中方愿…推进 X: some triggers state a relation only after a word of stance, and
                    // not as a purpose (为打造…).
                    let phrases = &ctx.ex.lexicon.phrases;
                    let stance_from = if trigger.stance_in_clause {
                        clause.start
                    } else {
                        sentence.start
                    };
                    if trigger.after_stance
                        && (!phrases
                            .stance_words
                            .iter()
                            .any(|w| ctx.text[stance_from..at.start].contains(w.as_str()))
                            || phrases
                                .purpose_marks
                                .iter()
                                .any(|w| ctx.text[..at.start].ends_with(w.as_str())))
                    {
                        continue;
                    }
                    if modal_relations_hold(ctx, trigger)
                        && is_modal(
                            ctx,
                            own_verb_phrase(ctx, clause.start, at.start),
                            &announced,
                        )
                    {
                        continue;
                    }
                    // China welcomes President X to attend …, invited Y to visit …: a person right
                    // before `to` and the verb is the object of a wish or an invitation (or of a
                    // headline's future: Xi to attend summit), not one who did it.
                    let invited = ctx.ex.lexicon.phrases.infinitive_marks.iter().any(|m| {
                        let mark = format!(" {m} ");
                        ctx.text[..at.start].ends_with(&mark)
                            && actors.iter().any(|a| {
                                a.kind == EntityType::Person && a.end + mark.len() == at.start
                            })
                    });
                    if invited && modal_relations_hold(ctx, trigger) {
                        continue;
                    }
                    // 广受欢迎, 被支持: a passive trigger states what others do; 这次访问 speaks of
                    // a visit and states none.
                    let before = &ctx.text[..at.start];
                    let phrases = &ctx.ex.lexicon.phrases;
                    if phrases
                        .passive_marks
                        .iter()
                        .chain(&phrases.demonstratives)
                        .any(|m| before.ends_with(m.as_str()))
                    {
                        continue;
                    }
                    // 支持中国企业参与…: firms or people right before the trigger are its subject, and
                    // they are no entity; the party named further left backs nothing by it.
                    if trigger.relation == RelationKind::Supports
                        && phrases
                            .people_nouns
                            .iter()
                            .any(|n| before.ends_with(n.as_str()))
                    {
                        continue;
                    }
                    // A welcome dinner, his welcome speech: a noun's modifier, no statement.
                    let attributive = phrases.attributive_triggers.iter().any(|w| w == word)
                        && before
                            .strip_suffix(' ')
                            .and_then(|b| b.rsplit(' ').next())
                            .is_some_and(|prev| {
                                phrases.determiners.iter().any(|d| {
                                    prev.eq_ignore_ascii_case(d)
                                        || (d.contains(' ')
                                            && before.trim_end().ends_with(d.as_str()))
                                })
                            });
                    if attributive {
                        continue;
                    }
                    let Some((subjects, objects)) =
                        arguments(ctx, &actors, trigger, &sentence, clause, next, &at)
                    else {
                        continue;
                    };
                    // Nepal's commitment to …: the possessor is the subject, or there is none.
                    let subjects = if trigger.subject_adjacent {
                        match actors
                            .iter()
                            .find(|a| a.end == at.start && trigger.subject.contains(&a.kind))
                        {
                            Some(a) => a.ids.clone(),
                            None => continue,
                        }
                    } else {
                        subjects
                    };
                    let date = date_for(&dates, &at, clause).or_else(|| fallback_date(doc.meta));
                    // …attended the opening ceremony … together with President X and Minister Y:
                    // those the subject attends with attend too.
                    let mut subjects = subjects;
                    if trigger.relation == RelationKind::Attended && !objects.is_empty() {
                        subjects.extend(companions(ctx, &actors, clause, at.end));
                    }
                    for s in &subjects {
                        for o in &objects {
                            if s == o {
                                continue;
                            }
                            let rule = format!("trigger:{}:{word}", trigger.relation);
                            out.push(statement(
                                ctx,
                                doc,
                                &sentence,
                                date,
                                &rule,
                                (s, trigger.relation, o),
                            ));
                        }
                    }
                    // 高燕与…萨伊德共同主持召开…会议: the persons who chair a meeting together meet.
                    let co_chairs = ctx
                        .ex
                        .lexicon
                        .phrases
                        .co_chair_words
                        .iter()
                        .any(|w| w == word);
                    if co_chairs && !objects.is_empty() {
                        let persons: Vec<&String> = subjects
                            .iter()
                            .filter(|s| s.starts_with("person/"))
                            .collect();
                        for (i, a) in persons.iter().enumerate() {
                            for b in &persons[i + 1..] {
                                if a == b {
                                    continue;
                                }
                                out.push(statement(
                                    ctx,
                                    doc,
                                    &sentence,
                                    date,
                                    "pattern:co-chairs",
                                    (a, RelationKind::Met, b),
                                ));
                            }
                        }
                    }
                }
            }
        }
    }
    out.extend(speakers(ctx, doc, &actors, &out));
    out
}

/// 侯大使在致辞中表示…: those who address the occasion a text reports attended it. The
/// occasion is the one event the text's guests attended; with none or several, nothing is said.
fn speakers(
    ctx: &Ctx<'_>,
    doc: &DocumentText<'_>,
    actors: &[Actor],
    found: &[Relation],
) -> Vec<Relation> {
    let mut events = found
        .iter()
        .filter(|r| r.kind == RelationKind::Attended && r.object.starts_with("event/"))
        .map(|r| r.object.as_str());
    // With no guest named, the occasion is the one event the text says was held.
    let Some(event) = events.next().or_else(|| held_occasion(ctx, actors)) else {
        return Vec::new();
    };
    if events.any(|e| e != event) {
        return Vec::new();
    }
    let frames = &ctx.ex.lexicon.phrases.speech_frames;
    let others = &ctx.ex.lexicon.phrases.among_others;
    let mut out = Vec::new();
    for sentence in text::sentences(ctx.text) {
        let persons: Vec<&Actor> = starting_in(actors, sentence.start, sentence.end)
            .iter()
            .filter(|a| {
                a.kind == EntityType::Person && a.start >= sentence.start && a.end <= sentence.end
            })
            .collect();
        for (i, a) in persons.iter().enumerate() {
            let rest = &ctx.text[a.end..sentence.end];
            let rest = ctx
                .ex
                .lexicon
                .title_at_start(rest)
                .map_or(rest, |(title, _)| &rest[title.len()..]);
            let rest = rest.trim_start_matches([',', '，', ' ']);
            // A, B and C, among others, delivered speeches.
            let rest = others
                .iter()
                .find_map(|o| rest.strip_prefix(o.as_str()))
                .map_or(rest, |r| r.trim_start_matches([',', '，', ' ']));
            if !starts_with_any(rest, frames) {
                continue;
            }
            let date = find_dates(&ctx.text[sentence.clone()])
                .first()
                .map(|d| d.date)
                .or_else(|| fallback_date(doc.meta));
            // The speakers listed before it, with their offices, no verb between them.
            let mut speakers = vec![*a];
            for b in persons[..i].iter().rev() {
                let (from, to) = (b.end, speakers[speakers.len() - 1].start);
                let gap = &ctx.text[from..to];
                let verb = ctx
                    .ex
                    .compiled
                    .triggers
                    .find_iter(gap)
                    .any(|m| latin_boundaries_ok(ctx.text, from + m.start(), from + m.end()));
                // A list link (an English one as a word of its own) or a Chinese comma.
                let listed = gap.contains('，')
                    || ctx.ex.lexicon.phrases.list_links.iter().any(|l| {
                        if l.chars().all(|c| c.is_ascii_alphabetic()) {
                            gap.contains(&format!(" {l} "))
                        } else {
                            gap.contains(l.as_str())
                        }
                    });
                if verb || gap.contains(['。', ';', '；']) || !listed {
                    break;
                }
                speakers.push(b);
            }
            for s in speakers.iter().flat_map(|p| &p.ids) {
                out.push(statement(
                    ctx,
                    doc,
                    &sentence,
                    date,
                    "pattern:speaker",
                    (s, RelationKind::Attended, event),
                ));
            }
        }
    }
    out
}

/// The one event the text says was held (乌兹别克斯坦-中国商务论坛17日在西安举行, 举办2019年度
/// 中国政府奖学金颁发仪式, the Business Forum was held): a word of `events.held_after` later in
/// its clause (with no word of a plan before it), or one of `events.held_before` right before
/// it; `None` when the text holds none or several.
fn held_occasion<'a>(ctx: &Ctx<'_>, actors: &'a [Actor]) -> Option<&'a str> {
    let events = &ctx.ex.lexicon.events;
    let mut held = actors
        .iter()
        .filter(|a| a.kind == EntityType::Event)
        .filter(|a| {
            let (before, after) = text::clause_around(ctx.text, a.start, a.end);
            // 中国-中亚峰会即将召开: one to be held (a word of `relations.modality` before the
            // verb) is not the occasion.
            let modality = &ctx.ex.lexicon.relations.modality;
            events.held_after.iter().any(|w| {
                after
                    .find(w.as_str())
                    .is_some_and(|i| !modality.iter().any(|m| after[..i].contains(m.as_str())))
            }) || events
                .held_before
                .iter()
                .any(|w| before.trim_end().ends_with(w.as_str()))
        });
    let first = held.next()?;
    let id = first.ids.first()?;
    held.all(|a| a.ids.first() == Some(id))
        .then_some(id.as_str())
}

/// A statement of `kind` from `s` to `o`, found by `rule` in `sentence`.
fn statement(
    ctx: &Ctx<'_>,
    doc: &DocumentText<'_>,
    sentence: &Range<usize>,
    date: Option<FactDate>,
    rule: &str,
    (s, kind, o): (&str, RelationKind, &str),
) -> Relation {
    Relation {
        subject: s.to_string(),
        kind,
        object: o.to_string(),
        date,
        role: None,
        evidence: ctx.evidence(doc, sentence.clone(), rule.to_string()),
        confidence: None,
        curated: None,
    }
}

/// Every pair of a subject and a different object.
fn pairs<'a>(
    subjects: &'a [String],
    objects: &'a [String],
) -> impl Iterator<Item = (&'a str, &'a str)> {
    subjects.iter().flat_map(move |s| {
        objects
            .iter()
            .filter(move |o| *o != s)
            .map(move |o| (s.as_str(), o.as_str()))
    })
}

/// Where `sentence` starts after its leading blanks.
fn sentence_start(ctx: &Ctx<'_>, sentence: &Range<usize>) -> usize {
    let text = &ctx.text[sentence.clone()];
    sentence.start + (text.len() - text.trim_start().len())
}

/// 孙卫东在北京同孟加拉国外交秘书马苏德举行第五轮中孟外交磋商: the persons who held named talks
/// with a partner named after 同/与 (with the partner's office only between), and that partner.
fn held_talks(ctx: &Ctx<'_>, actors: &[Actor], sentence: &Range<usize>) -> Vec<(Ids, Ids)> {
    let phrases = &ctx.ex.lexicon.phrases;
    let holding = &ctx.ex.lexicon.events.holding_verbs;
    let in_sentence = |a: &&Actor| a.start >= sentence.start && a.end <= sentence.end;
    let persons: Vec<&Actor> = starting_in(actors, sentence.start, sentence.end)
        .iter()
        .filter(in_sentence)
        .filter(|a| a.kind == EntityType::Person)
        .collect();
    let mut out = Vec::new();
    for talks in starting_in(actors, sentence.start, sentence.end)
        .iter()
        .filter(in_sentence)
        .filter(|a| {
            a.kind == EntityType::Event
                && phrases
                    .talks_heads
                    .iter()
                    .any(|h| ctx.text[a.start..a.end].ends_with(h.as_str()))
        })
    {
        let before = &ctx.text[..talks.start];
        let Some(verb) = holding.iter().find(|v| before.ends_with(v.as_str())) else {
            continue;
        };
        let verb_start = talks.start - verb.len();
        let Some(partner) = persons.iter().rev().find(|p| p.end == verb_start) else {
            continue;
        };
        // The partner word, with only the partner's office (a country or body and a title)
        // after it.
        let Some((link_start, link)) = phrases
            .partner_links
            .iter()
            .filter_map(|l| {
                let i =
                    sentence.start + ctx.text[sentence.start..partner.start].rfind(l.as_str())?;
                Some((i, i + l.len()))
            })
            .max()
        else {
            continue;
        };
        let office = &ctx.text[link..partner.start];
        if office.chars().count() > 20
            || office.contains(['，', '、', '。'])
            || !no_verb_between(ctx, link, partner.start)
        {
            continue;
        }
        let Some(host) = persons.iter().rev().find(|p| p.end <= link_start) else {
            continue;
        };
        out.push((host.ids.clone(), partner.ids.clone()));
    }
    out
}

/// The heads of the delegations a sentence names (由洪亮率领, led by Sun Weidong), in text order,
/// when there are two or more.
fn delegation_heads<'a>(
    ctx: &Ctx<'_>,
    actors: &'a [Actor],
    sentence: &Range<usize>,
) -> Vec<&'a Actor> {
    let phrases = &ctx.ex.lexicon.phrases;
    let heads: Vec<&Actor> = starting_in(actors, sentence.start, sentence.end)
        .iter()
        .filter(|a| {
            a.kind == EntityType::Person && a.start >= sentence.start && a.end <= sentence.end
        })
        .filter(|a| {
            let after = &ctx.text[a.end..sentence.end];
            let before = ctx.text[sentence.start..a.start].trim_end();
            let leads = phrases.delegation_leads.iter().any(|w| {
                after.starts_with(w.as_str())
                    || after
                        .char_indices()
                        .nth(1)
                        .is_some_and(|(i, _)| after[i..].starts_with(w.as_str()))
            });
            // …was led by Minister Ahsan Iqbal: the head's title may stand between.
            let before = ctx
                .ex
                .lexicon
                .title_at_end(before)
                .filter(|(t, _)| t.is_ascii())
                .map_or(before, |(t, _)| before[..before.len() - t.len()].trim_end());
            let led = phrases
                .delegation_led_by
                .iter()
                .any(|w| before.ends_with(w.as_str()));
            leads || led || leads_in_english(ctx, after)
        })
        .collect();
    let distinct = heads
        .iter()
        .map(|a| &a.ids)
        .collect::<std::collections::BTreeSet<_>>();
    if distinct.len() >= 2 {
        heads
    } else {
        Vec::new()
    }
}

/// 2002年12月23日签订的《中华人民共和国和哈萨克斯坦共和国睦邻友好合作条约》: a document a signing
/// verb and 的 stand right before, with no signer named, is signed by the two or more countries
/// its title names. Each document with its signers and where its verb starts.
fn signed_by_title(
    ctx: &Ctx<'_>,
    actors: &[Actor],
    sentence: &Range<usize>,
) -> Vec<(Vec<String>, String, usize)> {
    let verbs = &ctx.ex.compiled.signing_verbs;
    let mut out = Vec::new();
    for a in starting_in(actors, sentence.start, sentence.end)
        .iter()
        .filter(|a| {
            a.kind == EntityType::Document && a.start >= sentence.start && a.end <= sentence.end
        })
    {
        let before = ctx.text[sentence.start..a.start].trim_end_matches('《');
        let Some(head) = before.strip_suffix('的') else {
            continue;
        };
        let Some(verb) = verbs
            .iter()
            .filter(|v| head.ends_with(v.as_str()))
            .max_by_key(|v| v.len())
        else {
            continue;
        };
        // A signer named before the verb (两国外长签署的《…》) is the trigger's to state.
        let verb_start = sentence.start + head.len() - verb.len();
        let own = ctx.text[..verb_start]
            .rfind(['，', '；', '。', '、', '\n'])
            .unwrap_or(0);
        if starting_in(actors, own, verb_start).iter().any(|b| {
            b.end <= verb_start
                && b.start > own
                && matches!(
                    b.kind,
                    EntityType::Person | EntityType::Country | EntityType::Organization
                )
        }) {
            continue;
        }
        let mut signers = ctx.ex.title_countries(&ctx.text[a.start..a.end]);
        signers.sort();
        signers.dedup();
        if signers.len() < 2 {
            continue;
        }
        for id in &a.ids {
            out.push((signers.clone(), id.clone(), verb_start));
        }
    }
    out
}

/// Whether the words after a person make that person a delegation's head in English: a lead
/// verb (led the), at most three words (Nepali, Chinese government) and a delegation's noun —
/// right after the name, or after a comma and the person's office (, Foreign Secretary of Nepal),
/// which holds no other comma and no verb.
fn leads_in_english(ctx: &Ctx<'_>, after: &str) -> bool {
    let phrases = &ctx.ex.lexicon.phrases;
    let leads_from = |rest: &str| {
        phrases.delegation_lead_verbs.iter().any(|v| {
            let Some(tail) = rest.strip_prefix(v.as_str()) else {
                return false;
            };
            let words: Vec<&str> = tail.split_whitespace().take(4).collect();
            words.iter().any(|w| {
                let w = w.trim_end_matches([',', '.', ';']);
                phrases.delegation_nouns.iter().any(|n| n == w)
            })
        })
    };
    let rest = after.trim_start();
    if rest.len() < after.len() && leads_from(rest) {
        return true;
    }
    // The office after a comma: the lead verb stands within 100 characters, with no comma
    // before it.
    let Some(office) = after.strip_prefix(',') else {
        return false;
    };
    let office = office.trim_start();
    if !office.starts_with(|c: char| c.is_ascii_uppercase()) {
        return false;
    }
    let window = text::first_chars(office, 100);
    phrases.delegation_lead_verbs.iter().any(|v| {
        window
            .find(&format!(" {v}"))
            .is_some_and(|i| !window[..i].contains([',', ';', '.']) && leads_from(&office[i + 1..]))
    })
}

/// At the ceremony, Dr. Munawar Iqbal … said; 在招待会上，侯艳琪表示: the persons opening a
/// sentence that opens at an event, with that event (named in the opening, or the one a
/// reference there points back to).
fn at_occasion(ctx: &Ctx<'_>, actors: &[Actor], sentence: &Range<usize>) -> Option<(Ids, Ids)> {
    let phrases = &ctx.ex.lexicon.phrases;
    let start = sentence_start(ctx, sentence);
    let (open, close) = phrases.occasion_frames.iter().find_map(|[open, close]| {
        let rest = ctx.text[start..sentence.end].strip_prefix(open.as_str())?;
        let window: String = rest.chars().take(100).collect();
        let at = window.find(close.as_str())?;
        let from = sentence.end - rest.len();
        Some((from..from + at, from + at + close.len()))
    })?;
    let phrase = ctx.text[open.clone()].trim();
    let named = starting_in(actors, open.start, open.end)
        .iter()
        .find(|a| a.kind == EntityType::Event && a.start >= open.start && a.end <= open.end);
    let event = match named {
        Some(e) => e,
        None => {
            // Addressing the ceremony at the building of the Ministry …, X said: a reference
            // may say where the occasion was.
            let reference = phrases.meeting_references.iter().any(|m| {
                let m = m.strip_prefix("the ").unwrap_or(m);
                // During the Meeting: a reference may be capitalized as the name it stands for.
                phrase == m
                    || (m.is_ascii() && phrase.eq_ignore_ascii_case(m))
                    || (m.is_ascii()
                        && phrase.strip_prefix(m).is_some_and(|rest| {
                            rest.starts_with(" at ") || rest.starts_with(" in ")
                        }))
            });
            if !reference {
                return None;
            }
            event_named_before(ctx, actors, sentence, &open)?
        }
    };
    // During the Meeting, the two sides reviewed …: the parties, named together right after
    // the opening, attended.
    let collective = &ctx.ex.lexicon.parties.collective;
    if let Some(parties) = starting_in(actors, close, usize::MAX).iter().find(|a| {
        a.start >= close
            && ctx.text[close..a.start].trim().is_empty()
            && a.kind == EntityType::Country
            && collective.iter().any(|w| w == &ctx.text[a.start..a.end])
    }) {
        return Some((parties.ids.clone(), event.ids.clone()));
    }
    // The person right after the opening (a form of address or a title may stand before the
    // name), and those joined to it by `and` or 、.
    // A country in the person's office (Chinese Ambassador to Cuba Ma Hui) may come first.
    let mut persons = starting_in(actors, close, sentence.end)
        .iter()
        .filter(|a| a.start >= close && a.end <= sentence.end)
        .skip_while(|a| {
            a.kind == EntityType::Country && ctx.text[close..a.start].chars().count() <= 40
        });
    let first = persons.next().filter(|a| {
        a.kind == EntityType::Person
            && ctx.text[close..a.start].chars().count() <= 40
            && !ctx.text[close..a.start].contains([',', '，', '。'])
            && no_verb_between(ctx, close, a.start)
    })?;
    let mut subjects: Ids = first.ids.clone();
    let mut last_end = first.end;
    for a in persons {
        let gap = ctx.text[last_end..a.start].trim();
        let joined = phrases
            .list_links
            .iter()
            .chain(&phrases.partner_links)
            .any(|l| l == gap);
        if a.kind != EntityType::Person || !joined {
            break;
        }
        subjects.extend(a.ids.iter().cloned());
        last_end = a.end;
    }
    Some((subjects, event.ids.clone()))
}

/// 尼副总统普恩，众议院议长马哈拉……以及……等400余人出席招待会: a head count before an
/// attending verb closes a list of guests; the persons named before it in the sentence attended
/// the event after the verb (or the one it refers to).
fn headcount_list(ctx: &Ctx<'_>, actors: &[Actor], sentence: &Range<usize>) -> Option<(Ids, Ids)> {
    let re = ctx.ex.compiled.headcount.as_ref()?;
    let cap = re.captures(&ctx.text[sentence.clone()])?;
    let verb = cap.get(1)?;
    let at = sentence.start + verb.start()..sentence.start + verb.end();
    let count_start = sentence.start + cap.get(0)?.start();
    let clause_end = ctx.text[at.end..sentence.end]
        .find(['，', '。', ',', '；'])
        .map_or(sentence.end, |i| at.end + i);
    let named = starting_in(actors, at.end, clause_end)
        .iter()
        .find(|a| a.kind == EntityType::Event && a.start >= at.end && a.end <= clause_end);
    let event = match named {
        Some(e) => e,
        None => {
            let phrases = &ctx.ex.lexicon.phrases;
            let rest = &ctx.text[at.end..clause_end];
            let rest = phrases
                .verb_particles
                .iter()
                .find_map(|p| rest.strip_prefix(p.as_str()))
                .unwrap_or(rest);
            let refers = phrases
                .meeting_references
                .iter()
                .any(|m| !m.is_ascii() && rest.starts_with(m.as_str()));
            // …等近1000人出席。: a verb closing its clause holds the occasion the text reports.
            let closes = rest
                .trim_start_matches(['。', '；', ';', '.'])
                .trim()
                .is_empty();
            if !refers && !closes {
                return None;
            }
            event_named_before(ctx, actors, sentence, &at)?
        }
    };
    let subjects: Ids = starting_in(actors, sentence.start, count_start)
        .iter()
        .filter(|a| {
            a.kind == EntityType::Person && a.start >= sentence.start && a.end <= count_start
        })
        .flat_map(|a| a.ids.iter().cloned())
        .collect();
    (!subjects.is_empty()).then(|| (subjects, event.ids.clone()))
}

/// Present on the occasion were A, B and C: the persons a sentence opening with words of
/// presence names, with the event the opening names or the one named before.
fn present_list(ctx: &Ctx<'_>, actors: &[Actor], sentence: &Range<usize>) -> Option<(Ids, Ids)> {
    let phrases = &ctx.ex.lexicon.phrases;
    let start = sentence_start(ctx, sentence);
    let opener = phrases
        .present_openers
        .iter()
        .filter(|o| ctx.text[start..sentence.end].starts_with(o.as_str()))
        .max_by_key(|o| o.len())?;
    let open = start..start + opener.len();
    let event = starting_in(actors, open.end, sentence.end)
        .iter()
        .find(|a| a.kind == EntityType::Event && a.start >= open.end && a.end <= sentence.end)
        .filter(|a| ctx.text[open.end..a.start].trim().is_empty())
        .or_else(|| event_named_before(ctx, actors, sentence, &open))?;
    let subjects: Ids = starting_in(actors, open.end, sentence.end)
        .iter()
        .filter(|a| a.kind == EntityType::Person && a.start >= open.end && a.end <= sentence.end)
        .flat_map(|a| a.ids.iter().cloned())
        .collect();
    (!subjects.is_empty()).then(|| (subjects, event.ids.clone()))
}

/// The words before a trigger at `end` that bear on it: from the clause's start at `start`, or
/// from the end of the last trigger before it (将共同恪守2007年签订的《…》: 将 bears on 恪守,
/// not on 签订).
fn own_verb_phrase(ctx: &Ctx<'_>, start: usize, end: usize) -> Range<usize> {
    let before: Vec<Range<usize>> = ctx
        .ex
        .compiled
        .triggers
        .find_iter(&ctx.text[start..end])
        .map(|m| start + m.start()..start + m.end())
        .filter(|m| m.end < end)
        .collect();
    // Verbs joined by 并 (期待…进行国事访问并出席…) share what bears on the first.
    let links = &ctx.ex.lexicon.phrases.joined_verb_links;
    let mut from = end;
    for m in before.iter().rev() {
        let gap = ctx.text[m.end..from].trim();
        if !links.iter().any(|l| gap == l.as_str()) {
            return m.end..end;
        }
        from = m.start;
    }
    start..end
}

/// Whether statements of the trigger's relation can be wishes or plans (`modal_relations`).
fn modal_relations_hold(ctx: &Ctx<'_>, trigger: &Trigger) -> bool {
    ctx.ex
        .lexicon
        .phrases
        .modal_relations
        .contains(&trigger.relation)
}

fn is_modal(ctx: &Ctx<'_>, before: Range<usize>, announced: &[usize]) -> bool {
    let head = &ctx.text[before.clone()];
    // 计划投资部部长: a modal word opening a body's name (the ministry of planning and
    // investment) says nothing of what will be.
    // 将于5月16日至20日对中国进行国事访问: a plan with its date stated is announced, a fact.
    let dated = |at: usize| announced.binary_search(&at).is_ok();
    let rules = &ctx.ex.lexicon.relations;
    // 此次访问期间，习近平主席将会见…: a part of a visit or meeting announced with its date,
    // in a sentence opening the programme or later in the announcement's paragraph.
    let programme = |at: usize, w: &str| {
        let sentence_start = ctx.text[..at]
            .rfind(['。', '！', '？', '\n'])
            .map_or(0, |i| {
                i + ctx.text[i..].chars().next().map_or(1, char::len_utf8)
            });
        let sentence = &ctx.text[sentence_start..at];
        let paragraph_start = ctx.text[..sentence_start].rfind('\n').unwrap_or(0);
        let announced_from =
            |from: usize| announced.iter().any(|&a| a >= from && a < sentence_start);
        rules.programme_modals.iter().any(|m| m == w)
            && ((rules
                .programme_openers
                .iter()
                .any(|o| sentence.contains(o.as_str()))
                && announced_from(0))
                || announced_from(paragraph_start))
    };
    rules.modality.iter().any(|w| {
        head.match_indices(w.as_str()).any(|(i, m)| {
            let at = before.start + i;
            !ctx.body_word_at(at + m.len()) && !dated(at) && !programme(at, w)
        })
    })
}

/// Where the text announces something with its date (a `scheduled` word and a date right
/// after it: 将于5月16日至20日; in English a month and day in the sentence: will attend … from
/// October 15 to 16), in order — found once per document.
fn announcements(ctx: &Ctx<'_>) -> Vec<usize> {
    static DATED: OnceLock<Regex> = OnceLock::new();
    let date = super::names::regex(&DATED, r"^(?:\d{4}年)?\d{1,2}月(?:\d{1,2}日)?");
    // …will attend the meeting in Islamabad from October 15 to 16: in English a month and its
    // day (October 15, 15th October) may stand anywhere in the sentence.
    let day = |w: &str| {
        let digits = w.trim_end_matches(|c: char| c.is_ascii_alphabetic() || ",.".contains(c));
        (1..=2).contains(&digits.len()) && digits.chars().all(|c| c.is_ascii_digit())
    };
    let sentences = text::sentences(ctx.text);
    let english_dated = |i: usize| {
        sentences
            .iter()
            .find(|r| r.start <= i && i < r.end)
            .is_some_and(|r| {
                let words: Vec<&str> = ctx.text[r.clone()].split_whitespace().collect();
                words.windows(2).any(|p| {
                    (is_month_name(p[0]) && day(p[1])) || (day(p[0]) && is_month_name(p[1]))
                })
            })
    };
    let mut out: Vec<usize> = ctx
        .ex
        .lexicon
        .relations
        .scheduled
        .iter()
        .flat_map(|w| {
            ctx.text
                .match_indices(w.as_str())
                .filter(|(i, _)| {
                    if w.is_ascii() {
                        english_dated(*i)
                    } else {
                        date.is_match(&ctx.text[i + w.len()..])
                    }
                })
                .map(|(i, _)| i)
        })
        .collect();
    out.sort_unstable();
    out.dedup();
    out
}

/// The date of a fact at `at`: the last date before it in the sentence, else the first after
/// it in its clause.
fn date_for(dates: &[DateMention], at: &Range<usize>, clause: &Range<usize>) -> Option<FactDate> {
    dates
        .iter()
        .rev()
        .find(|d| d.end <= at.start)
        .or_else(|| {
            dates
                .iter()
                .find(|d| d.start >= at.end && d.end <= clause.end)
        })
        .map(|d| d.date)
}

type Ids = Vec<String>;

/// Whether an actor heads its clause: only an enumerator (十五、, 3.) stands before it.
fn heads_clause(ctx: &Ctx<'_>, a: &Actor) -> bool {
    let before = &ctx.text[..a.start];
    let clause_start = text::after_last(before, &['，', '；', '。', '：', '\n']);
    let opening = &before[clause_start..];
    // 中国国家发展和改革委员会愿…: a body heads its clause after its country's name.
    let owner = || a.kind == EntityType::Organization && ctx.is_country_name(opening);
    opening.chars().all(|c| {
        c.is_ascii_digit() || c.is_whitespace() || "一二三四五六七八九十百、.．（）()".contains(c)
    }) || owner()
}

/// Whether a person heads its Chinese clause after its offices alone (应…邀请,中共中央政治局常委、
/// 中央书记处书记刘云山…): forty characters at most, no verb or preposition among them (nor a
/// trigger word, which the word list may tag a noun: 会见), no quote or bracket. Asked only when no
/// actor heads a clause outright ([`heads_clause`]).
fn heads_clause_after_offices(ctx: &Ctx<'_>, a: &Actor) -> bool {
    let before = &ctx.text[..a.start];
    let clause_start = text::after_last(before, &['，', '；', '。', '：', ',', ';', '\n']);
    let opening = &before[clause_start..];
    a.kind == EntityType::Person
        && opening.chars().any(super::boundary::is_han)
        && !opening.contains(['“', '”', '《', '》', '（', '(', '的'])
        && opening.chars().count() <= 40
        && ctx.ex.compiled.triggers.find(opening).is_none()
        && no_verb_between(ctx, clause_start, a.start)
}

/// The topic of a clause that opens with its verb: the last of `pool` heading a clause
/// outright that `fits`, else the last heading one after its offices.
fn topic<'p, 'a>(
    ctx: &Ctx<'_>,
    pool: &'p [&'a Actor],
    fits: impl Fn(&&'a Actor) -> bool,
) -> Option<&'p &'a Actor> {
    pool.iter()
        .rev()
        .find(|a| fits(a) && heads_clause(ctx, a))
        .or_else(|| {
            pool.iter()
                .rev()
                .find(|a| fits(a) && heads_clause_after_offices(ctx, a))
        })
}

/// When the trigger at `at` stands in a relative clause (…来华进行正式访问的尼泊尔总理奥利,
/// 来华出席中国—中亚峰会并进行国事访问的吉尔吉斯斯坦总统扎帕罗夫), the person that clause
/// describes: the first person after the clause's 的, with no person named between the trigger and
/// the 的 and only an office (a country or body and a title) between the 的 and the person.
fn relative_clause_head<'a>(
    ctx: &Ctx<'_>,
    actors: &'a [Actor],
    at: &Range<usize>,
    clause: &Range<usize>,
) -> Option<&'a Actor> {
    let de = at.end + ctx.text[at.end..clause.end].find('的')?;
    if starting_in(actors, at.end, de)
        .iter()
        .any(|a| a.start >= at.end && a.end <= de && a.kind == EntityType::Person)
    {
        return None;
    }
    let head = starting_in(actors, de, clause.end)
        .iter()
        .find(|a| a.start > de && a.end <= clause.end && a.kind == EntityType::Person)?;
    let office = &ctx.text[de + '的'.len_utf8()..head.start];
    (office.chars().count() <= ctx.ex.lexicon.phrases.office_gap
        && no_verb_between(ctx, de + '的'.len_utf8(), head.start))
    .then_some(head)
}

/// Whether only an office stands between the 的 closing a relative clause and `head`, the
/// person after it: a title, with perhaps the countries and bodies it is of before it
/// (…的中国外交部部长助理孔铉佑), and no other words (…的开幕式并会见了巴基斯坦总理谢里夫).
fn office_only_before(
    ctx: &Ctx<'_>,
    actors: &[Actor],
    clause: &Range<usize>,
    head: &Actor,
) -> bool {
    let Some(de) = ctx.text[clause.start..head.start].rfind('的') else {
        return false;
    };
    let from = clause.start + de + '的'.len_utf8();
    let gap = &ctx.text[from..head.start];
    let Some((title, _)) = ctx.ex.lexicon.title_at_end(gap) else {
        return false;
    };
    let owners_end = head.start - title.len();
    let mut at = from;
    while at < owners_end {
        let Some(owner) = starting_in(actors, at, owners_end).iter().find(|a| {
            a.start == at
                && a.end <= owners_end
                && matches!(a.kind, EntityType::Country | EntityType::Organization)
        }) else {
            return false;
        };
        at = owner.end;
    }
    true
}

/// The subject's ids and those of the persons listed right before it, each with an office
/// (哈萨克斯坦总统托卡耶夫、吉尔吉斯斯坦总统扎帕罗夫将于…对中国进行国事访问): they act with it.
fn listed_with(
    ctx: &Ctx<'_>,
    actors: &[&Actor],
    subject: &Actor,
    fits_s: &dyn Fn(&&Actor) -> bool,
) -> Ids {
    let mut ids = subject.ids.clone();
    if subject.kind != EntityType::Person {
        return ids;
    }
    let mut first = subject;
    for earlier in actors
        .iter()
        .rev()
        .filter(|a| a.end <= subject.start && a.kind == EntityType::Person && fits_s(a))
    {
        let between = &ctx.text[earlier.end..first.start];
        let links = &ctx.ex.lexicon.phrases.list_links;
        if !joined_with_office(ctx, between, links, 10)
            && !joined_by_english_offices(ctx, between, links)
        {
            break;
        }
        ids.extend(earlier.ids.clone());
        first = earlier;
    }
    ids
}

/// Whether the trigger at `at` opens the object of a meeting verb before it in its clause
/// (会见来华出席…的甲): what it states is then the relative clause's, not the meeting's subject's.
fn after_meeting_verb(ctx: &Ctx<'_>, clause: &Range<usize>, at: &Range<usize>) -> bool {
    let before = &ctx.text[clause.start..at.start];
    ctx.ex.lexicon.phrases.relative_openers.iter().any(|v| {
        before.rfind(v.as_str()).is_some_and(|i| {
            let gap = &before[i + v.len()..];
            gap.chars().count() <= 4 && !gap.contains('的')
        })
    })
}

/// The speaker of a text printed as a speech, and where the address starts: a heading with no
/// full stop (perhaps a date and place, and the speaker's byline: 中华人民共和国主席 习近平) ends
/// with the salutation that opens the address (尊敬的托卡耶夫总统，各位同事，朋友们：), a colon after
/// one of `parties.salutations`; the speaker is the first person the heading names who is not
/// addressed (after one of `parties.addressing`).
fn speech_byline(ctx: &Ctx<'_>, found: &Found) -> Option<(String, usize)> {
    const HEADING_BYTES: usize = 600;
    let text = ctx.text;
    let p = &ctx.ex.lexicon.parties;
    let mut cut = HEADING_BYTES.min(text.len());
    while !text.is_char_boundary(cut) {
        cut -= 1;
    }
    let window = &text[..cut];
    // 尊敬的托卡耶夫总统: a person after a word of address in the same clause is addressed.
    let addressed = |start: usize| {
        let clause = text::after_last(&text[..start], &['，', ',', '、']);
        p.addressing
            .iter()
            .any(|w| text[clause..start].contains(w.as_str()))
    };
    let colon = window
        .match_indices([':', '：'])
        .map(|(i, c)| (i, i + c.len()))
        .find(|&(i, _)| {
            let before = &window[..i];
            p.salutations
                .iter()
                .any(|w| before.trim_end().ends_with(w.as_str()))
        })?;
    let heading = &text[..colon.0];
    if heading.contains(['。', '！', '？']) {
        return None;
    }
    let speaker = found
        .mentions
        .iter()
        .find(|m| m.kind == EntityType::Person && m.end <= colon.0 && !addressed(m.start))?;
    Some((speaker.entity.clone(), colon.1))
}

/// The persons after one of `phrases.companion_words` (together with) in the clause after
/// `from`, joined to the first by list links (and, 、) with their titles between: those who do
/// what the clause's subject does, with it.
fn companions(ctx: &Ctx<'_>, actors: &[Actor], clause: &Range<usize>, from: usize) -> Ids {
    let phrases = &ctx.ex.lexicon.phrases;
    let rest = &ctx.text[from..clause.end];
    let Some(open) = phrases
        .companion_words
        .iter()
        .filter_map(|w| rest.find(w.as_str()).map(|i| from + i + w.len()))
        .min()
    else {
        return Ids::new();
    };
    let mut out = Ids::new();
    let mut last = open;
    for a in starting_in(actors, open, clause.end)
        .iter()
        .filter(|a| a.start >= open && a.end <= clause.end)
    {
        let gap = &ctx.text[last..a.start];
        // Only titles and list links may stand between: a verb ends the companions.
        let linked = last == open || phrases.list_links.iter().any(|l| gap.contains(l.as_str()));
        if a.kind == EntityType::Person && (linked || gap.trim().is_empty()) {
            out.extend(a.ids.iter().cloned());
            last = a.end;
        } else if a.kind == EntityType::Person {
            break;
        } else {
            last = a.end;
        }
    }
    out
}

/// Whether the name ending at `end` owns the noun after it, perhaps after its title (President
/// Xi Jinping’s vision, 习近平主席贺信): such a name acts in no clause.
fn owner(ctx: &Ctx<'_>, end: usize) -> bool {
    let words = &ctx.ex.lexicon.phrases.not_subject_before;
    let rest = &ctx.text[end..];
    let after_title = ctx
        .ex
        .lexicon
        .title_at_start(rest)
        .map_or(rest, |(title, _)| &rest[title.len()..]);
    starts_with_any(rest, words) || starts_with_any(after_title, words)
}

/// Whether `text` starts with one of `words`.
pub(super) fn starts_with_any(text: &str, words: &[String]) -> bool {
    words.iter().any(|w| text.starts_with(w.as_str()))
}

#[allow(clippy::too_many_arguments)]
fn arguments(
    ctx: &Ctx<'_>,
    actors: &[Actor],
    trigger: &Trigger,
    sentence: &Range<usize>,
    clause: &Range<usize>,
    next: Option<&Range<usize>>,
    at: &Range<usize>,
) -> Option<(Ids, Ids)> {
    let phrases = &ctx.ex.lexicon.phrases;
    let word = &ctx.text[at.clone()];
    let fits_s = |a: &&Actor| trigger.subject.contains(&a.kind) && !owner(ctx, a.end);
    // 签署友好合作关系条约30周年: a signing followed by a count of years names an anniversary;
    // nothing is signed in the text.
    let anniversary = |a: &&Actor| {
        trigger.relation == RelationKind::Signed && {
            let rest = &ctx.text[a.end..];
            let digits = rest
                .char_indices()
                .find(|(_, c)| !(c.is_ascii_digit() || "一二三四五六七八九十百".contains(*c)))
                .map_or(rest.len(), |(i, _)| i);
            digits > 0 && starts_with_any(&rest[digits..], &phrases.anniversary_words)
        }
    };
    // 在中国共产党领导下: an organization named as the leader of something is not the object.
    let fits_o = |a: &&Actor| {
        trigger.object.contains(&a.kind)
            && !starts_with_any(&ctx.text[a.end..], &phrases.not_object_before)
            && !anniversary(a)
    };
    let in_range = |a: &&Actor, r: &Range<usize>| a.start >= r.start && a.end <= r.end;
    // Subject: the nearest fitting actor left of the trigger in the clause, else in the sentence.
    let left: Vec<&Actor> = starting_in(actors, clause.start, at.start)
        .iter()
        .filter(|a| in_range(a, &(clause.start..at.start)))
        .collect();
    let left_in_sentence: Vec<&Actor> = starting_in(actors, sentence.start, at.start)
        .iter()
        .filter(|a| in_range(a, &(sentence.start..at.start)))
        .collect();
    let right: Vec<&Actor> = starting_in(actors, at.end, clause.end)
        .iter()
        .filter(|a| in_range(a, &(at.end..clause.end)))
        .collect();
    // The China-proposed Belt and Road Initiative: an English verb joined by a hyphen to a name
    // before it is that name's act, of the name after it — and no act of the sentence's subject.
    // (C-chaired, a letter before the hyphen, is a word cut short.)
    if word.is_ascii()
        && let Some(before) = ctx.text[..at.start].strip_suffix('-')
    {
        let prefix_start = before
            .char_indices()
            .rev()
            .take_while(|(_, c)| c.is_alphanumeric())
            .last()
            .map_or(before.len(), |(i, _)| i);
        let prefix = &before[prefix_start..];
        let named = left.iter().rev().find(|a| a.end == before.len());
        if named.is_some() || prefix.chars().count() >= 2 {
            let object = right
                .first()
                .filter(|a| fits_o(a) && ctx.text[at.end..a.start].trim().len() <= 3)?;
            let subject: Ids = match named {
                Some(a) => fits_s(a).then(|| a.ids.clone())?,
                None => {
                    let gaz = &ctx.ex.gazetteer;
                    let id = gaz.find(prefix).into_iter().find_map(|g| {
                        let e = &gaz.entries()[g.entry];
                        (g.start == 0 && g.end == prefix.len() && trigger.subject.contains(&e.kind))
                            .then(|| e.id.clone())
                    })?;
                    vec![id]
                }
            };
            return Some((subject, object.ids.clone()));
        }
    }
    match trigger.objects {
        ObjectSide::Left => {
            // 甲是乙的组成部分 / 甲担任乙非常任理事国: subject first, objects between it and the trigger.
            let subject_i = left.iter().position(&fits_s)?;
            let objects: Vec<&&Actor> =
                left[subject_i + 1..].iter().filter(|a| fits_o(a)).collect();
            let objects: Vec<&&Actor> = if trigger.relation == RelationKind::PartOf {
                objects.into_iter().last().into_iter().collect()
            } else {
                objects
            };
            let objects = objects
                .into_iter()
                .flat_map(|a| a.ids.clone())
                .collect::<Vec<_>>();
            (!objects.is_empty()).then(|| (left[subject_i].ids.clone(), objects))
        }
        ObjectSide::Passive => {
            // …the Global Development Initiative and the Global Security Initiative proposed by
            // President Xi Jinping: the agent after `by`, what it acted on before the trigger.
            let subject = right.iter().find(|a| fits_s(a))?;
            let between = ctx.text[at.end..subject.start].trim();
            // Only the agent's office may stand between (Federal Minister for Planning).
            if !between.split_whitespace().all(|w| {
                w.chars().next().is_some_and(char::is_uppercase)
                    || matches!(w, "the" | "The" | "of" | "for" | "and")
            }) {
                return None;
            }
            let mut objects: Vec<String> = left
                .iter()
                .filter(|a| fits_o(a))
                .flat_map(|a| a.ids.clone())
                .collect();
            // Co-chaired by A and B, the meeting …: a meeting named in the sentence before.
            if objects.is_empty()
                && trigger.relation == RelationKind::Attended
                && left.is_empty()
                && let Some(event) = event_named_before(ctx, actors, sentence, at)
            {
                objects.extend(event.ids.clone());
            }
            // The agents listed after the first (… by A and B), each perhaps with an office.
            let mut subjects = subject.ids.clone();
            let mut last = *subject;
            for next in right.iter().filter(|a| a.start >= subject.end && fits_s(a)) {
                let between = &ctx.text[last.end..next.start];
                let persons = last.kind == EntityType::Person && next.kind == EntityType::Person;
                let joined = joined_with_office(ctx, between, &phrases.list_links, 10)
                    || english_apposed_office(ctx, between)
                    || persons && joined_by_english_offices(ctx, between, &phrases.list_links);
                if !joined {
                    break;
                }
                subjects.extend(next.ids.clone());
                last = next;
            }
            (!objects.is_empty()).then_some((subjects, objects))
        }
        ObjectSide::Implied => {
            // 会见来华访问的尼泊尔总理奥利: in a clause ending in 的, the one who came is named after it.
            // Else the nearest before it in its clause; a clause with none (…问候，表示，很高兴
            // 来华出席…) is of the one heading an earlier clause (the topic), not of a name inside
            // that clause.
            let subject = relative_clause_head(ctx, actors, at, clause)
                .filter(|head| fits_s(head))
                .or_else(|| left.iter().rev().find(|a| fits_s(a)).copied())
                .or_else(|| topic(ctx, &left_in_sentence, |a| fits_s(a)).copied())
                .or_else(|| left_in_sentence.iter().rev().find(|a| fits_s(a)).copied())?;
            Some((subject.ids.clone(), vec![trigger.implied.clone()?]))
        }
        ObjectSide::Right | ObjectSide::RightOrLeft
            if trigger.relation == RelationKind::Visited
                && relative_clause_head(ctx, actors, at, clause).is_some() =>
        {
            // …进行正式访问的尼泊尔总理: the visit describes the person after 的; what follows is not
            // the place visited.
            None
        }
        ObjectSide::RightOrLeft
            if trigger.relation == RelationKind::Visited
                && let Some(o) = visit_target_before(ctx, &left, at, &fits_o) =>
        {
            // 结束对印度正式访问后抵达伊斯兰堡: the place after 对 is the one visited.
            let subject = left
                .iter()
                .rev()
                .find(|a| a.end <= o.start && fits_s(a))
                .or_else(|| {
                    left_in_sentence
                        .iter()
                        .rev()
                        .find(|a| a.end <= o.start && fits_s(a))
                })?;
            Some((
                listed_with(ctx, &left_in_sentence, subject, &fits_s),
                o.ids.clone(),
            ))
        }
        ObjectSide::Right | ObjectSide::RightOrLeft
            if trigger.relation == RelationKind::Visited
                && starts_with_any(&ctx.text[at.end..], &phrases.visit_time_words) =>
        {
            // 温家宝访问期间，…: a clause of time during a visit names no place after it.
            None
        }
        ObjectSide::Right | ObjectSide::RightOrLeft
            if trigger.relation == RelationKind::Attended
                && after_meeting_verb(ctx, clause, at)
                && let Some(head) =
                    relative_clause_head(ctx, actors, at, clause).filter(|h| fits_s(h)) =>
        {
            // 会见来华出席中国—中亚峰会…的吉尔吉斯斯坦总统扎帕罗夫: the one met attended.
            let de = at.end + ctx.text[at.end..clause.end].find('的')?;
            let objects: Vec<String> = right
                .iter()
                .filter(|a| a.end <= de && fits_o(a))
                .flat_map(|a| a.ids.clone())
                .collect();
            (!objects.is_empty()).then(|| (head.ids.clone(), objects))
        }
        ObjectSide::Right | ObjectSide::RightOrLeft
            if trigger.relation == RelationKind::Attended
                && let Some(listed) = attendee_list(ctx, actors, sentence, clause, at, &fits_o) =>
        {
            Some(listed)
        }
        ObjectSide::Right | ObjectSide::RightOrLeft => {
            // A stance (推动中巴命运共同体建设走在周边命运共同体建设前列) is of its first object and
            // those listed with it.
            let single = matches!(trigger.relation, RelationKind::Met | RelationKind::Visited)
                || trigger.after_stance;
            // 愿…共建“一带一路”: a name opening with a stance verb is its object.
            let mut objects: Vec<&Actor> = starting_in(actors, at.start, at.start)
                .iter()
                .filter(|a| trigger.after_stance && a.start == at.start && a.end > at.end)
                .chain(right.iter().copied())
                .filter(|a| fits_o(a))
                .collect();
            // …提出的各项全球倡议，包括甲、乙和丙: the list after 包括 names the objects.
            if let Some(n) = next
                .filter(|n| starts_with_any(&ctx.text[(*n).clone()], &phrases.list_continuations))
            {
                objects.extend(
                    starting_in(actors, n.start, n.end)
                        .iter()
                        .filter(|a| in_range(a, n) && fits_o(a)),
                );
            }
            // Addressed the 79th session: a verb whose object follows it closely has none
            // further off.
            if let (Some(n), Some(first)) = (trigger.object_within, objects.first())
                && ctx.text[at.end..first.start.max(at.end)]
                    .split_whitespace()
                    .count()
                    > n
            {
                objects.clear();
            }
            if single {
                // 会见柬埔寨国王西哈莫尼、太后莫尼列、参议院主席洪森: one object, and those listed
                // right after it, each with its office.
                let mut kept = 1;
                while kept < objects.len() {
                    let between = &ctx.text[objects[kept - 1].end..objects[kept].start];
                    if !joined_with_office(ctx, between, &phrases.list_links, 10) {
                        break;
                    }
                    kept += 1;
                }
                objects.truncate(kept);
            }
            // 支持高质量共建“一带一路”的八项行动: a 的 after the first object makes what follows
            // the head the clause describes, not another thing supported.
            // In a list (《甲》、2013年签订的《乙》, 《甲》和…签订的《乙》) a 的 of a later item
            // describes that item.
            let listed_after = |end: usize| {
                phrases
                    .list_links
                    .iter()
                    .any(|l| !l.is_ascii() && ctx.text[end..].starts_with(l.as_str()))
            };
            if let Some(first) = objects.first().filter(|f| f.end <= clause.end)
                && let Some(de) = ctx.text[first.end..clause.end].find('的')
                && !ctx.text[first.end..first.end + de].contains('、')
                && !listed_after(first.end)
            {
                let cut = first.end + de;
                objects.retain(|a| a.start < cut);
            }
            // 越南副总理陈流光共同主持: a country or body right before a title is the office's, not
            // the one who acts (even when the person's name is not found).
            // 部分中方企业代表出席: a country or body before a word for people (代表, 人员), with
            // at most a few characters between, names whose people they are; it is no actor.
            let modifies_noun = |a: &&Actor| {
                let rest = &ctx.text[a.end..];
                phrases.people_nouns.iter().any(|n| {
                    rest.char_indices().take(5).any(|(i, _)| {
                        rest[i..].starts_with(n.as_str())
                            && rest[..i].chars().all(super::boundary::is_han)
                            && no_verb_between(ctx, a.end, a.end + i)
                    })
                })
            };
            // 中国国家发展和改革委员会愿…: a country written right before a body's name is the
            // body's owner; the body acts.
            let owns_next_body = |a: &&Actor| {
                a.kind == EntityType::Country
                    && !ctx.text[a.start..a.end].is_ascii()
                    && left_in_sentence
                        .iter()
                        .any(|b| b.start == a.end && b.kind == EntityType::Organization)
            };
            // 老挝劳动与社会福利部长贝坎: a country before a body's words and a title ending
            // right before a person is that office's.
            let office_of_person = |a: &&Actor| {
                left_in_sentence
                    .iter()
                    .find(|b| b.start >= a.end)
                    .filter(|b| b.kind == EntityType::Person)
                    .is_some_and(|b| {
                        let gap = &ctx.text[a.end..b.start];
                        // A body's words may be verbs (劳动, 管理) or joined portfolios (劳动与
                        // 社会福利); the title decides. Another link makes a list.
                        let joiners = &ctx.ex.lexicon.suffix_rules.portfolio_joiners;
                        gap.chars().count() <= 14
                            && gap.chars().all(super::boundary::is_han)
                            && ctx.ex.lexicon.title_at_end(gap).is_some()
                            && !phrases.list_links.iter().any(|l| {
                                !l.is_ascii() && !joiners.contains(l) && gap.contains(l.as_str())
                            })
                    })
            };
            let affiliation = |a: &&Actor| {
                matches!(a.kind, EntityType::Country | EntityType::Organization)
                    && (ctx.ex.lexicon.title_at_start(&ctx.text[a.end..]).is_some()
                        || (!ctx.text[a.start..a.end].is_ascii() && modifies_noun(a))
                        || owns_next_body(a)
                        || office_of_person(a))
            };
            // A name inside a longer name (中国 in 中国-越南双边合作指导委员会第十五次会议) does not act.
            let nested = |a: &&Actor| {
                left_in_sentence.iter().any(|b| {
                    b.start <= a.start && a.end <= b.end && (b.start, b.end) != (a.start, a.end)
                })
            };
            // …is on an official visit to China and attended …: a name after an English
            // preposition is no subject.
            let subjects_pool: Vec<&Actor> = left_in_sentence
                .iter()
                .copied()
                .filter(|a| {
                    fits_s(a)
                        && !after_preposition(ctx, a)
                        && !after_coverb(ctx, a)
                        && !affiliation(a)
                        && !nested(a)
                })
                .collect();
            let mut met_before = false;
            // …李克强总理与伊姆兰·汗总理举行会谈,栗战书、王岐山分别会见。: a meeting verb closing its
            // clause meets the one met just before in its sentence, the last person named before
            // the clause after a meeting word — when the clause names no partner (one person, or
            // a list before `respectively`).
            // 同首相洪玛奈举行会谈: a person after a partner word is the one met, no subject.
            let persons_before: Vec<&&Actor> = left
                .iter()
                .filter(|a| a.kind == EntityType::Person)
                .collect();
            let lone_subject = matches!(persons_before.as_slice(), [p] if !phrases
                .partner_links
                .iter()
                .any(|l| ctx.text[clause.start..p.start].contains(l.as_str())));
            let respectively = phrases
                .respectively
                .iter()
                .any(|w| ctx.text[..at.start].trim_end().ends_with(w.as_str()));
            if objects.is_empty()
                && trigger.relation == RelationKind::Met
                && (lone_subject || respectively)
                && ctx.text[at.end..clause.end]
                    .trim_matches(|c: char| !c.is_alphanumeric() && !super::boundary::is_han(c))
                    .is_empty()
                && let Some(met) = left_in_sentence
                    .iter()
                    .rev()
                    .find(|a| a.end <= clause.start && a.kind == EntityType::Person)
                && phrases.meeting_words.iter().any(|w| {
                    ctx.text[sentence.start..met.start].contains(w.as_str())
                        || ctx.text[met.end..clause.start].contains(w.as_str())
                })
            {
                objects.push(met);
                met_before = true;
            }
            if objects.is_empty() && trigger.objects == ObjectSide::RightOrLeft {
                if trigger.relation == RelationKind::Met {
                    // 甲同乙举行会谈: both stand before the trigger, joined by 同/与/和.
                    let in_clause: Vec<&Actor> = left
                        .iter()
                        .copied()
                        .filter(|a| fits_s(a) && fits_o(a))
                        .collect();
                    if in_clause.len() >= 2 {
                        let (a, b) = (
                            in_clause[in_clause.len() - 2],
                            in_clause[in_clause.len() - 1],
                        );
                        let between = &ctx.text[a.end..b.start];
                        if between.contains(['同', '与', '和']) {
                            // 李强总理、赵乐际委员长将分别同他举行会谈: each of a list meets the
                            // partner.
                            let mut subjects = a.ids.clone();
                            if phrases
                                .respectively
                                .iter()
                                .any(|w| between.contains(w.as_str()))
                            {
                                let mut current = a.start;
                                for prev in in_clause[..in_clause.len() - 2].iter().rev() {
                                    let gap = &ctx.text[prev.end..current];
                                    let gap = ctx
                                        .ex
                                        .lexicon
                                        .title_at_start(gap)
                                        .map_or(gap, |(t, _)| &gap[t.len()..]);
                                    if !phrases.list_links.iter().any(|l| l == gap) {
                                        break;
                                    }
                                    subjects.extend(prev.ids.clone());
                                    current = prev.start;
                                }
                            }
                            return Some((subjects, b.ids.clone()));
                        }
                    }
                    // …习近平主席分别会见…，同首相洪玛奈举行会谈: a clause opening with 同 meets
                    // the one named in it with the person heading the sentence's earlier clause.
                    if let [b] = in_clause.as_slice() {
                        let opening =
                            ctx.text[clause.start..b.start].trim_start_matches(['，', ' ']);
                        let topic = topic(ctx, &left_in_sentence, |a| {
                            a.end <= clause.start && fits_s(a)
                        });
                        if opening.starts_with(['同', '与'])
                            && let Some(a) = topic
                        {
                            return Some((a.ids.clone(), b.ids.clone()));
                        }
                    }
                    return None;
                }
                // 甲对乙进行国事访问: the object stands between the subject and the trigger.
                let subject = left.iter().rev().find(|a| fits_s(a))?;
                let object = left
                    .iter()
                    .rev()
                    .take_while(|a| a.start >= subject.end)
                    .find(|a| fits_o(a))?;

                return Some((
                    listed_with(ctx, &left, subject, &fits_s),
                    object.ids.clone(),
                ));
            }
            // 南非外长马沙巴内、巴西外长努内斯出席。: attending with nothing after it is of the
            // meeting named last, in this sentence or the one before.
            let mut object_before = met_before;
            if objects.is_empty()
                && trigger.relation == RelationKind::Attended
                && let Some(event) = meeting_named_before(ctx, actors, sentence, clause, at)
            {
                objects.push(event);
                object_before = true;
            }
            // 王文天代表中方签署协议: a document referred to by its kind right after a signing
            // verb is the last one of that kind the text named before.
            if objects.is_empty() && trigger.relation == RelationKind::Signed {
                let rest = ctx.text[at.end..clause.end].trim_start_matches('了');
                if let Some(kind) = phrases
                    .document_references
                    .iter()
                    .filter(|r| rest.starts_with(r.as_str()))
                    .max_by_key(|r| r.len())
                {
                    // The reference's head: an English one's last word (the agreement), a
                    // Chinese one's last two characters (项目协议 → 协议).
                    let head: String = if kind.is_ascii() {
                        kind.rsplit(' ').next().unwrap_or(kind).to_string()
                    } else {
                        let tail: Vec<char> = kind.chars().rev().take(2).collect();
                        tail.into_iter().rev().collect()
                    };
                    if let Some(d) = starting_in(actors, 0, at.start).iter().rev().find(|a| {
                        a.kind == EntityType::Document
                            && a.end <= at.start
                            && ctx.text[a.start..a.end]
                                .to_lowercase()
                                .trim_end_matches(['》', '”'])
                                .ends_with(&head.to_lowercase())
                    }) {
                        objects.push(d);
                        object_before = true;
                    }
                }
            }
            if objects.is_empty() {
                return None;
            }
            // The subject stands before the object, or before the trigger when the object was
            // named earlier.
            let first_object = if object_before {
                at.start
            } else {
                objects[0].start
            };
            // The subject: the nearest fitting actor before the trigger in its clause; when the
            // clause opens with the verb, the actor heading an earlier clause (the topic).
            let topic = || topic(ctx, &subjects_pool, |a| a.end <= first_object);
            // 副部长访问马尔代夫并出席…: the object of a verb joined to this one by 并 is no
            // subject of it; the verbs share theirs.
            let object_of_joined_verb = |a: &&&Actor| {
                let link = ctx.text[a.end..at.start].trim();
                let word_before = ctx.tokens.partition_point(|t| t.end <= a.start);
                phrases.joined_verb_links.iter().any(|l| l == link)
                    && word_before
                        .checked_sub(1)
                        .is_some_and(|i| ctx.tokens[i].end == a.start && ctx.tokens[i].tag == "v")
            };
            // …对中国进行国事访问，并出席…开幕式: a clause opening with 并 shares the subject of
            // the clause before it, the first who acts there.
            let shared = || {
                let opening = ctx.text[clause.start..at.start].trim_start();
                // …, and held the 8th meeting …: in English the link is a word of its own.
                if !phrases.joined_verb_links.iter().any(|l| {
                    if l.is_ascii() {
                        opening.starts_with(&format!("{l} "))
                    } else {
                        opening.starts_with(l.as_str())
                    }
                }) {
                    return None;
                }
                let before = ctx.text[..clause.start].trim_end_matches(['，', ',', ' ']);
                let previous_start = before
                    .rfind(['，', '。', '；', '：', '\n'])
                    .map_or(sentence.start, |i| {
                        i + before[i..].chars().next().map_or(1, char::len_utf8)
                    })
                    .max(sentence.start);
                subjects_pool
                    .iter()
                    .find(|a| a.start >= previous_start && a.end <= clause.start)
            };
            // A meeting named earlier is attended by persons: a country named in the clause's
            // tail (以及来自中国陕西…的代表团出席论坛) does not hide those listed before it.
            // …met A and B, and held the 8th meeting: an English verb after `, and` shares the
            // subject of the sentence, the first who acts in it.
            // President Xi met with President Bhandari, held talks with …: so does a verb right
            // after a comma (or `and`) that closes the object of the verb before it.
            // …held talks with President Xi Jinping and also met Li Keqiang: or after `and`.
            let object_before_comma = || {
                let before = ctx.text[..at.start].trim_end();
                let before = phrases
                    .joined_verb_adverbs
                    .iter()
                    .find_map(|w| before.strip_suffix(w.as_str()))
                    .filter(|b| b.ends_with(' '))
                    .map_or(before, str::trim_end);
                let head = before.strip_suffix(',').or_else(|| {
                    phrases
                        .joined_verb_links
                        .iter()
                        .filter(|l| l.is_ascii())
                        .find_map(|l| before.strip_suffix(l.as_str()))
                        .filter(|b| b.ends_with(' '))
                        .map(str::trim_end)
                })?;
                let last = subjects_pool
                    .iter()
                    .rev()
                    .find(|a| a.end <= head.len() && a.start >= sentence.start)?;
                if !ctx.text[last.end..head.len()].trim().is_empty() {
                    return None;
                }
                let verb = ctx
                    .ex
                    .compiled
                    .triggers
                    .find_iter(&ctx.text[sentence.start..last.start])
                    .last()?;
                let gap = &ctx.text[sentence.start + verb.end()..last.start];
                (gap.is_ascii() && !gap.contains(',') && gap.split_whitespace().count() <= 4)
                    .then_some(())
            };
            let coordinated = word.is_ascii()
                && (phrases
                    .joined_verb_links
                    .iter()
                    .filter(|l| l.is_ascii())
                    .any(|l| ctx.text[..at.start].trim_end().ends_with(&format!(", {l}")))
                    || object_before_comma().is_some());
            // The first who acts in the sentence: no one named after a preposition (at the
            // invitation of …).
            let sentence_subject = || {
                subjects_pool.iter().find(|a| {
                    a.start >= sentence.start && a.end <= at.start && !after_preposition(ctx, a)
                })
            };
            // The Chinese side is ready to join hands with … to jointly promote: an English
            // stance is of the one who holds it, named before its word of stance.
            if trigger.after_stance && word.is_ascii() {
                let stance_at = phrases
                    .stance_words
                    .iter()
                    .filter_map(|w| ctx.text[sentence.start..at.start].rfind(w.as_str()))
                    .max()
                    .map(|i| sentence.start + i)?;
                // …and the two sides agreed to: the holder stands a few words before it at most.
                let holder = subjects_pool
                    .iter()
                    .rev()
                    .find(|a| a.end <= stance_at && a.start >= sentence.start)
                    .filter(|a| ctx.text[a.end..stance_at].split_whitespace().count() <= 3)?;
                return Some((
                    holder.ids.clone(),
                    objects.iter().flat_map(|a| a.ids.clone()).collect(),
                ));
            }
            // …held talks with Imran Khan, who is on a visit to China: an English relative
            // clause is of the person right before its `who` (a few words between at most), even
            // after a preposition.
            let relative = |s: &str| {
                phrases
                    .relative_pronouns
                    .iter()
                    .find_map(|p| s.find(&format!(", {p} ")))
            };
            let who = || {
                left_in_sentence.iter().rev().find(|a| {
                    let between = &ctx.text[a.end..at.start];
                    a.kind == EntityType::Person
                        && fits_s(a)
                        && relative(between) == Some(0)
                        && between
                            .splitn(3, ' ')
                            .nth(2)
                            .is_some_and(|r| r.split_whitespace().count() <= 3 && !r.contains(','))
                })
            };
            // 亚明会见出席中马第六轮外交磋商的中国外交部部长助理孔铉佑: a Chinese clause ending in
            // 的 describes the person named after it, who acts in it.
            if !word.is_ascii()
                && matches!(
                    trigger.relation,
                    RelationKind::Attended | RelationKind::Visited
                )
                && let Some(head) = relative_clause_head(ctx, actors, at, clause)
                    .filter(|head| fits_s(head) && office_only_before(ctx, actors, clause, head))
            {
                return Some((
                    head.ids.clone(),
                    objects.iter().flat_map(|a| a.ids.clone()).collect(),
                ));
            }
            let subject = who()
                .or_else(|| coordinated.then(sentence_subject).flatten())
                .or_else(|| {
                    subjects_pool
                        .iter()
                        .rev()
                        .filter(|a| !object_of_joined_verb(a))
                        .filter(|a| !object_before || a.kind == EntityType::Person)
                        .find(|a| a.end <= first_object && a.start >= clause.start)
                })
                .or_else(shared)
                .or_else(topic)?;
            // …held talks with Abdyldaev, who is on a visit to China: a relative clause is of
            // the one right before its `who`; when that one is no actor found, of no one.
            if word.is_ascii() && relative(&ctx.text[subject.end..at.start]).is_some_and(|i| i > 0)
            {
                return None;
            }
            // A meeting named earlier is attended by the persons of the clause; parties that
            // take part (双方多个部委…参加) are their officials, not the countries.
            if object_before && (subject.kind != EntityType::Person || subject.start < clause.start)
            {
                return None;
            }
            // 习近平会见伊姆兰·汗时提出…: in a clause of time after a meeting, the one who held
            // the meeting speaks.
            let subject = if ctx.text[subject.end..at.start].starts_with('时') {
                subjects_pool
                    .iter()
                    .rev()
                    .find(|a| {
                        a.end <= subject.start
                            && phrases
                                .meeting_words
                                .iter()
                                .any(|w| ctx.text[a.end..subject.start].contains(w.as_str()))
                    })
                    .unwrap_or(subject)
            } else {
                subject
            };
            // 希望蒙方继续坚定奉行一个中国原则: a party hoped to back something is a wish of the
            // one hoping, who backs it; with no one named before the hope, no one does.
            let subject = if trigger.relation == RelationKind::Supports
                && phrases
                    .hope_words
                    .iter()
                    .any(|w| ctx.text[..subject.start].trim_end().ends_with(w.as_str()))
            {
                subjects_pool
                    .iter()
                    .rev()
                    .find(|a| a.end <= subject.start && a.kind == EntityType::Person)
                    .copied()?
            } else {
                subject
            };
            // 中方支持古方参与金砖机制: what is supported is the other's taking part, not the
            // body it joins.
            if trigger.relation == RelationKind::Supports {
                let agent = starting_in(actors, at.end, first_object).iter().find(|a| {
                    a.start >= at.end
                        && a.start <= first_object
                        && ctx.text[at.end..a.start].chars().count() <= 4
                        && matches!(
                            a.kind,
                            EntityType::Country | EntityType::Person | EntityType::Organization
                        )
                        && !fits_o(a)
                });
                let praise = phrases.praise_words.iter().any(|w| w == word);
                // 中方积极支持乌加入世贸组织: a country's one-character abbreviation is the agent
                // too.
                let abbreviated_agent = agent.is_none()
                    && ctx.text[at.end..].chars().next().is_some_and(|c| {
                        ctx.country_by_abbreviation(&c.to_string()).is_some()
                            && phrases.agent_verbs.iter().any(|v| {
                                !v.is_ascii()
                                    && ctx.text[at.end + c.len_utf8()..].starts_with(v.as_str())
                            })
                    });
                if abbreviated_agent {
                    return None;
                }
                // 古方欢迎中方提出的《全球数据安全倡议》: the party after the praise only says
                // whose the object is.
                let agent = agent.filter(|a| {
                    !(praise
                        && phrases
                            .originator_marks
                            .iter()
                            .any(|m| ctx.text[a.end..].starts_with(m.as_str())))
                });
                if let Some(agent) = agent {
                    let stretch: String = ctx.text[agent.end..first_object.max(agent.end)]
                        .chars()
                        .take(12)
                        .collect();
                    // 中方赞赏巴方率先积极响应全球发展倡议: the party praised backs the object.
                    if praise
                        && phrases
                            .backing_verbs
                            .iter()
                            .any(|v| stretch.contains(v.as_str()))
                    {
                        return Some((
                            agent.ids.clone(),
                            objects.iter().flat_map(|a| a.ids.clone()).collect(),
                        ));
                    }
                    if phrases
                        .agent_verbs
                        .iter()
                        .any(|v| stretch.contains(v.as_str()))
                    {
                        return None;
                    }
                    // 欢迎古方同新开发银行探讨合作: praise of what another party does is no
                    // support of what it does it with.
                    if praise && stretch.chars().any(super::boundary::is_han) {
                        return None;
                    }
                }
            }
            // 感谢 alone (中方感谢巴方的帮助) thanks; it supports only through a party that backs.
            if phrases.praise_only_words.iter().any(|w| w == word) {
                return None;
            }
            let mut subjects = subject.ids.clone();
            // 古方愿同中方共同落实…: the topic acts together with the one it names, who may
            // come with an office (…期间，同伊朗外长扎里夫共同签署).
            let mut lead = &ctx.text[..subject.start];
            if let Some((title, _)) = ctx.ex.lexicon.title_at_end(lead) {
                lead = ctx
                    .ex
                    .lexicon
                    .strip_title_infix(&lead[..lead.len() - title.len()]);
                if let Some(owner) = left_in_sentence.iter().find(|a| {
                    a.end == lead.len()
                        && matches!(a.kind, EntityType::Country | EntityType::Organization)
                }) {
                    lead = &ctx.text[..owner.start];
                }
            }
            // …同土库曼斯坦内阁副主席梅列多夫: the affiliation may be a country and the body of
            // the office, a few words with no verb and no mark.
            let partner_link = |text: &str| {
                phrases
                    .partner_links
                    .iter()
                    .any(|l| text.ends_with(l.as_str()))
            };
            if !partner_link(lead)
                && let Some(joined) = phrases
                    .partner_links
                    .iter()
                    .filter_map(|l| lead.rfind(l.as_str()).map(|i| i + l.len()))
                    .max()
            {
                let affiliation = &lead[joined..];
                // 同老挝人民革命党中央总书记、国家主席通伦: offices joined by 、 as well.
                let plain = affiliation.chars().count() <= 20
                    && affiliation
                        .chars()
                        .all(|c| super::boundary::is_han(c) || c == '、')
                    && no_verb_between(ctx, joined, lead.len());
                if plain {
                    lead = &lead[..joined];
                }
            }
            // The one acting with the partner: the nearest actor before 同 in the clause (国务院
            // 副总理丁薛祥在阿什哈巴德同…), else the clause's topic.
            let before_partner = || {
                subjects_pool
                    .iter()
                    .rev()
                    .find(|a| a.start >= clause.start && a.end <= lead.len())
            };
            if partner_link(lead)
                && trigger.relation != RelationKind::Met
                && let Some(t) = before_partner()
                    .or_else(topic)
                    .filter(|t| t.end <= subject.start)
            {
                // 中方愿同斯方一道…共建“一带一路”: a stance is its holder's; the partner it is
                // held with does not take it.
                if trigger.after_stance {
                    return Some((
                        t.ids.clone(),
                        objects.iter().flat_map(|a| a.ids.clone()).collect(),
                    ));
                }
                subjects.extend(t.ids.clone());
            }
            // 甲与乙签署: both are subjects; so are all of a list (A, B and C co-chaired).
            // Each may come with its affiliation, itself a name (与马尔代夫经济发展部长…,
            // , Afghan Deputy Foreign Minister …).
            let links: Vec<String> = phrases
                .list_links
                .iter()
                .chain(&phrases.partner_links)
                .cloned()
                .collect();
            let mut current = subject.start;
            // The actor joined right before `current`, if one is.
            let joined_before = |current: usize| {
                subjects_pool
                    .iter()
                    .rev()
                    .filter(|a| a.end <= current)
                    .take(2)
                    .find(|prev| {
                        let between = &ctx.text[prev.end..current];
                        // 高燕副部长与…: the first may come with its own office after the name.
                        let between = match ctx.ex.lexicon.title_at_start(between.trim_start()) {
                            Some((title, _)) if prev.kind == EntityType::Person => {
                                &between.trim_start()[title.len()..]
                            }
                            _ => between,
                        };
                        // …the Hambantota Port and the Colombo Port City are…: an article may
                        // follow.
                        let link = between.trim().trim_end_matches("the").trim();
                        let persons = prev.kind == EntityType::Person
                            && subjects_pool
                                .iter()
                                .any(|a| a.start == current && a.kind == EntityType::Person);
                        links.iter().any(|l| l == link)
                            || joined_with_office(ctx, link, &links, 16)
                            || persons && joined_by_english_offices(ctx, link, &links)
                    })
            };
            // 乌总理阿里波夫、参议院第一副主席萨法耶夫、…副外长海达罗夫等…出席: those who attend
            // are listed with their offices, some perhaps unnamed by the rules; a person of the
            // list stands before the next with only marks of a list, offices and names between.
            let listed_before = |current: usize| {
                subjects_pool
                    .iter()
                    .rev()
                    .find(|prev| prev.end <= current && prev.kind == EntityType::Person)
                    .filter(|prev| attendee_gap(ctx, actors, prev.end, current))
            };
            let lists_guests =
                trigger.relation == RelationKind::Attended && subject.kind == EntityType::Person;
            // 栗战书、王岐山分别会见伊姆兰·汗: a list before `respectively` and a meeting verb each
            // meet the one named after it.
            let each_meets = trigger.relation == RelationKind::Met && respectively;
            if trigger.relation != RelationKind::Met || each_meets {
                while let Some(prev) = joined_before(current)
                    .or_else(|| listed_before(current).filter(|_| lists_guests))
                {
                    subjects.extend(prev.ids.clone());
                    current = prev.start;
                }
            }
            // …held the 8th meeting of the committee with First Deputy Prime Minister Askar
            // Mamin: the one it was held with attended it too.
            if trigger.relation == RelationKind::Attended
                && word.is_ascii()
                && let Some(last) = objects.last()
                && let Some(rest) = ctx.text[last.end..].strip_prefix(" with ")
            {
                let from = ctx.text.len() - rest.len();
                let partner = right.iter().find(|a| {
                    a.start >= from
                        && a.kind == EntityType::Person
                        && ctx.text[from..a.start]
                            .split_whitespace()
                            .all(|w| w.starts_with(|c: char| c.is_ascii_uppercase()))
                });
                if let Some(p) = partner {
                    subjects.extend(p.ids.clone());
                }
            }
            Some((
                subjects,
                objects.iter().flat_map(|a| a.ids.clone()).collect(),
            ))
        }
    }
}

/// 出席招待会的有甲、乙, 出席仪式的还有…: the persons listed after a mark of attendees
/// (`attendee_marks`) attend the event named between the verb and the mark, or the one a word
/// of kind there refers to.
fn attendee_list(
    ctx: &Ctx<'_>,
    actors: &[Actor],
    sentence: &Range<usize>,
    clause: &Range<usize>,
    at: &Range<usize>,
    fits_o: &dyn Fn(&&Actor) -> bool,
) -> Option<(Ids, Ids)> {
    let phrases = &ctx.ex.lexicon.phrases;
    // About 150 people attended the ceremony, including …: only where no person named before
    // the verb attends.
    if starting_in(actors, clause.start, at.start)
        .iter()
        .any(|a| a.kind == EntityType::Person && a.start >= clause.start && a.end <= at.start)
    {
        return None;
    }
    let rest = &ctx.text[at.end..clause.end];
    let (mark_at, mark) = phrases
        .attendee_marks
        .iter()
        .filter_map(|m| rest.find(m.as_str()).map(|i| (i, m)))
        .min()?;
    let (mark_start, mark_end) = (at.end + mark_at, at.end + mark_at + mark.len());
    let mut objects: Ids = starting_in(actors, at.end, mark_start)
        .iter()
        .filter(|a| a.start >= at.end && a.end <= mark_start && fits_o(a))
        .flat_map(|a| a.ids.clone())
        .collect();
    if objects.is_empty() {
        let kind = ctx.text[at.end..mark_start].trim();
        if !kind.is_empty() && !phrases.meeting_references.iter().any(|m| m == kind) {
            return None;
        }
        objects = event_named_before(ctx, actors, sentence, at)?.ids.clone();
    }
    let subjects: Ids = starting_in(actors, mark_end, sentence.end)
        .iter()
        .filter(|a| a.kind == EntityType::Person && a.start >= mark_end && a.end <= sentence.end)
        .flat_map(|a| a.ids.clone())
        .collect();
    (!subjects.is_empty()).then_some((subjects, objects))
}

/// Whether `start..end` lies between two persons of one list of attendees: a list mark, and
/// otherwise only offices and names — no verb outside a name (尼泊尔文化旅游民航部 holds one),
/// no other mark, forty characters at most.
fn attendee_gap(ctx: &Ctx<'_>, actors: &[Actor], start: usize, end: usize) -> bool {
    let gap = &ctx.text[start..end];
    // …Salman F Rahman, and secretary (west) of ministry of foreign affairs Shabbir Ahmad
    // Chowdhury; …Jiang Zaidong, a politburo member of the Central Committee of the Lao People's
    // Revolutionary Party (LPRP) and Vientiane mayor …: English offices are longer and may hold
    // a bracket.
    if gap.is_ascii() {
        return gap.len() <= 130
            && gap.trim_start().starts_with(',')
            && !gap.contains(['.', ';', ':', '\n'])
            && !gap.contains(" said")
            && !gap.contains(" who ");
    }
    // The stretches of the gap outside the names in it.
    let mut pieces: Vec<Range<usize>> = std::iter::once(start..end).collect();
    for a in starting_in(actors, start, end)
        .iter()
        .filter(|a| a.start >= start && a.end <= end)
    {
        pieces = pieces
            .into_iter()
            .flat_map(|p| {
                if a.start >= p.start && a.end <= p.end {
                    vec![p.start..a.start, a.end..p.end]
                } else {
                    vec![p]
                }
            })
            .collect();
    }
    gap.chars().count() <= 40
        && gap.trim_start().starts_with(['、', '，', ','])
        && !gap.contains(['。', '；', '：', '\n', '（', '('])
        && pieces
            .iter()
            .all(|p| p.is_empty() || no_verb_between(ctx, p.start, p.end))
}

/// Whether no word overlapping `start..end` is a verb or a preposition (jieba's tags): offices
/// and names only — a word joining two offices of one person (副总理兼财政部长) is none.
fn no_verb_between(ctx: &Ctx<'_>, start: usize, end: usize) -> bool {
    let links = &ctx.ex.lexicon.titles.office_links;
    // The tokens are in text order and do not overlap: those crossing start..end are a run.
    let from = ctx.tokens.partition_point(|t| t.end <= start);
    let to = ctx.tokens.partition_point(|t| t.start < end);
    ctx.tokens[from..to.max(from)]
        .iter()
        .filter(|t| t.end > start && t.start < end)
        .filter(|t| !links.iter().any(|l| *l == ctx.text[t.start..t.end]))
        // A verbal noun (助理 of 部长助理, 磋商) is a noun here.
        .all(|t| (!t.tag.starts_with('v') || t.tag == "vn") && t.tag != "p")
}

/// The event an attending verb at the end of its clause (…出席。, …出席并致辞) is of: the last
/// one named before it in its sentence or the sentence before.
fn meeting_named_before<'a>(
    ctx: &Ctx<'_>,
    actors: &'a [Actor],
    sentence: &Range<usize>,
    clause: &Range<usize>,
    at: &Range<usize>,
) -> Option<&'a Actor> {
    let rest = ctx.text[at.end..clause.end]
        .trim_end_matches(|c: char| !c.is_alphanumeric() && !super::boundary::is_han(c));
    // …co-chaired the dialogue: a meeting referred to by its kind alone is the one named.
    // 出席开幕式并致辞: a Chinese one may be followed by the next verb, and a particle may
    // stand before it (出席了招待会).
    let phrases = &ctx.ex.lexicon.phrases;
    let refers = |r: &str| {
        let r = r.trim();
        let r = phrases
            .verb_particles
            .iter()
            .find_map(|p| r.strip_prefix(p.as_str()))
            .unwrap_or(r);
        phrases.meeting_references.iter().any(|m| {
            r == m
                || r.starts_with(&format!("{m} "))
                || r.starts_with(&format!("{m},"))
                || (!m.is_ascii()
                    && r.strip_prefix(m.as_str()).is_some_and(|t| {
                        phrases
                            .joined_verb_links
                            .iter()
                            .any(|l| !l.is_ascii() && t.starts_with(l.as_str()))
                    }))
        })
    };
    // …was present as the Chief Guest and delivered a speech: the capacity a guest came in, or
    // the next verb, follows an English attending verb with no object.
    let english_next = rest.is_ascii()
        && phrases
            .capacity_words
            .iter()
            .chain(phrases.joined_verb_links.iter().filter(|l| l.is_ascii()))
            .any(|w| rest.trim_start().starts_with(&format!("{w} ")));
    // 刘劲松致辞说: what the speaker said follows.
    let said = ctx
        .ex
        .lexicon
        .parties
        .speech_verbs
        .iter()
        .any(|v| rest.starts_with(v.as_str()));
    if !(rest.is_empty() || rest.starts_with('并') || refers(rest) || english_next || said) {
        return None;
    }
    // …president of the 76th session of the General Assembly, addressed the ceremony: an
    // English reference by a kind of occasion (`phrases.kind_references`) is of an event of
    // that kind only.
    let reference = rest.trim().to_lowercase();
    let kind = phrases
        .kind_references
        .iter()
        .find(|k| reference.starts_with(&format!("the {k}")));
    events_named_before(ctx, actors, sentence, at, kind.map(String::as_str))
}

/// The last event named before `at` in its sentence or the sentence before; else the one event
/// the text names before it, when it names only one.
fn event_named_before<'a>(
    ctx: &Ctx<'_>,
    actors: &'a [Actor],
    sentence: &Range<usize>,
    at: &Range<usize>,
) -> Option<&'a Actor> {
    events_named_before(ctx, actors, sentence, at, None)
}

/// [`event_named_before`] among the events whose name holds `kind` (any case), when given.
fn events_named_before<'a>(
    ctx: &Ctx<'_>,
    actors: &'a [Actor],
    sentence: &Range<usize>,
    at: &Range<usize>,
    kind: Option<&str>,
) -> Option<&'a Actor> {
    let of_kind =
        |a: &Actor| kind.is_none_or(|k| ctx.text[a.start..a.end].to_lowercase().contains(k));
    let before = &ctx.text[..sentence.start];
    let trimmed = before.trim_end_matches(|c: char| "。！？\n".contains(c));
    let previous = trimmed.rfind(['。', '！', '？', '\n']).map_or(0, |i| {
        i + trimmed[i..].chars().next().map_or(1, char::len_utf8)
    });
    // …巴尼亚以及尼泊尔文化节、南亚各国代表等共同出席: a name listed in the verb's own clause
    // with those who attend is none of the occasion.
    let clause_start = ctx.text[..at.start]
        .rfind(['，', '。', '；', '：', '\n'])
        .unwrap_or(0);
    let links = &ctx.ex.lexicon.phrases.list_links;
    let listed = |a: &Actor| {
        a.start > clause_start
            && links
                .iter()
                .filter(|l| !l.is_ascii())
                .any(|l| ctx.text[..a.start].ends_with(l.as_str()))
    };
    // 此次活动旨在介绍…高峰论坛成果: an event spoken of as a topic is no occasion.
    let topic = |a: &Actor| {
        ctx.ex
            .lexicon
            .phrases
            .event_topic_words
            .iter()
            .any(|w| ctx.text[a.end..].starts_with(w.as_str()))
    };
    let near = starting_in(actors, previous, at.start)
        .iter()
        .rev()
        .find(|a| {
            a.kind == EntityType::Event
                && a.start >= previous
                && a.end <= at.start
                && !listed(a)
                && !topic(a)
                && of_kind(a)
        });
    // Further back, a headline and a first paragraph naming one event: the report is of it.
    near.or_else(|| {
        let mut earlier = starting_in(actors, 0, at.start).iter().filter(|a| {
            a.kind == EntityType::Event
                && a.end <= at.start
                && !listed(a)
                && !topic(a)
                && of_kind(a)
        });
        let first = earlier.next()?;
        earlier.all(|a| a.ids == first.ids).then_some(first)
    })
}

/// Whether `between` is an English office set off by commas before the next of a list (…by
/// Ahsan Iqbal, Minister for Planning, Development and Reform of Pakistan, and Wang Xiaotao):
/// a comma, capitalized words and their links, and `and` closing it.
fn english_apposed_office(ctx: &Ctx<'_>, between: &str) -> bool {
    let Some(inner) = between
        .trim()
        .strip_prefix(',')
        .and_then(|b| b.trim_end().strip_suffix("and"))
    else {
        return false;
    };
    let inner = inner.trim().trim_end_matches(',');
    !inner.is_empty()
        && inner.is_ascii()
        && inner
            .split([' ', ','])
            .filter(|w| !w.is_empty())
            .all(|w| w.starts_with(|c: char| c.is_ascii_uppercase()) || english_name_link(ctx, w))
}

/// Whether `w` is one of the small words between the capitalized words of an English office or
/// name: `the`, a preposition (`phrases.english_prepositions`) or a list link (`and`).
fn english_name_link(ctx: &Ctx<'_>, w: &str) -> bool {
    let phrases = &ctx.ex.lexicon.phrases;
    w == "the"
        || phrases.english_prepositions.iter().any(|p| p == w)
        || phrases.list_links.iter().any(|l| l == w)
}

/// Whether `between` is one of `links`, then nothing or an office: a short affiliation in
/// Chinese characters of at most `max_affiliation` and a title (、参议院主席, 与马尔代夫经济发展部长,
/// , Prime Minister).
fn joined_with_office(
    ctx: &Ctx<'_>,
    between: &str,
    links: &[String],
    max_affiliation: usize,
) -> bool {
    let between = between.trim();
    let Some(rest) = links.iter().find_map(|l| between.strip_prefix(l.as_str())) else {
        return false;
    };
    let mut rest = rest.trim();
    if rest.is_empty() {
        return true;
    }
    // … and Chinese Ambassador H.E. Yi Xianliang: a form of address after the office.
    let honorifics = &ctx.ex.lexicon.persons.english_honorifics;
    while let Some(h) = honorifics.iter().find(|h| {
        rest.strip_suffix('.')
            .is_some_and(|r| r.ends_with(h.as_str()) && r[..r.len() - h.len()].ends_with(' '))
    }) {
        rest = rest[..rest.len() - h.len() - 1].trim_end();
    }
    // … and Chinese Ambassador to Bangladesh Li Jiming: an office may name where it is held.
    if ctx.ex.lexicon.title_at_end(rest).is_none()
        && let Some((office, place)) = rest
            .rsplit_once(" to ")
            .or_else(|| rest.rsplit_once(" of "))
        && place
            .split_whitespace()
            .all(|w| w.chars().next().is_some_and(char::is_uppercase) || matches!(w, "the" | "and"))
    {
        rest = office;
    }
    let Some((title, _)) = ctx.ex.lexicon.title_at_end(rest) else {
        return false;
    };
    let affiliation = &rest[..rest.len() - title.len()];
    // In English the affiliation is a few capitalized words or a possessive (Afghan Deputy,
    // Pakistan's).
    let english = affiliation.split_whitespace().count() <= 4
        && affiliation.split_whitespace().all(|w| {
            w.chars().next().is_some_and(char::is_uppercase)
                && w.chars().all(|c| c.is_alphabetic() || "'’-".contains(c))
        });
    (affiliation.chars().count() <= max_affiliation
        && affiliation.chars().all(super::boundary::is_han))
        || (affiliation.is_ascii() || affiliation.contains('’')) && english
}

/// Whether `between` two persons is a list link and the English offices of the second, in
/// full (…, Vice Chairman of the Standing Committee of the National People’s Congress and
/// President of Red-Cross Society of China Chen Zhu): offices joined by `and` and each with what
/// it is of, in capitalized words and links, with no verb among them, perhaps set off from the
/// name by a comma (… and Chinese Vice Minister for Foreign Affairs of China, Sun Weidong).
fn joined_by_english_offices(ctx: &Ctx<'_>, between: &str, links: &[String]) -> bool {
    let between = between.trim();
    links
        .iter()
        .filter_map(|l| between.strip_prefix(l.as_str()))
        .any(|rest| english_offices(ctx, rest.trim_end().trim_end_matches(',')))
}

/// Whether `rest` is English offices a person holds, written before the name: capitalized
/// words (possessives and hyphens allowed) and the small words `of`, `the`, `and`, `for`, `to`,
/// at most 20 words, one of them opening a title of the rules (Deputy Prime Minister and
/// Minister of National Defense General).
fn english_offices(ctx: &Ctx<'_>, rest: &str) -> bool {
    // Forms of address (His Excellency) are no office.
    let honorifics = &ctx.ex.lexicon.persons.english_honorifics;
    let mut rest = rest.trim();
    while let Some(r) = honorifics.iter().find_map(|h| {
        let r = rest.strip_suffix(h.as_str())?;
        (r.is_empty() || r.ends_with(' ')).then_some(r.trim_end())
    }) {
        rest = r;
    }
    let words: Vec<&str> = rest.split_whitespace().collect();
    if words.is_empty() || words.len() > 20 || !rest.is_ascii() && !rest.contains('’') {
        return false;
    }
    let capitalized = |w: &str| {
        w.chars().next().is_some_and(|c| c.is_ascii_uppercase())
            && w.chars().all(|c| c.is_alphanumeric() || "'’-.".contains(c))
    };
    // Fewer small words than in an apposed office ([`english_name_link`]): before a name, `at`,
    // `in` or `with` would join an occasion or a place to the offices and make a list of what
    // is none.
    const LINKS: [&str; 5] = ["of", "the", "and", "for", "to"];
    let link = |w: &str| LINKS.contains(&w);
    if !words.iter().all(|w| capitalized(w) || link(w)) || link(words[0]) {
        return false;
    }
    let titles = ctx.ex.lexicon.titles();
    (0..words.len()).any(|i| {
        let tail = words[i..].join(" ");
        titles.iter().any(|(t, _)| {
            t.is_ascii()
                && tail
                    .strip_prefix(t.as_str())
                    .is_some_and(|r| r.is_empty() || r.starts_with(' '))
        })
    })
}

/// The place a visit is paid to when the text names it before the trigger after 对 (对印度正式访问,
/// 对柬埔寨王国进行国事访问).
fn visit_target_before<'a>(
    ctx: &Ctx<'_>,
    left: &[&'a Actor],
    at: &Range<usize>,
    fits_o: &impl Fn(&&Actor) -> bool,
) -> Option<&'a Actor> {
    let phrases = &ctx.ex.lexicon.phrases;
    let o = left.iter().rev().find(|a| fits_o(a))?;
    let between = ctx.text[o.end..at.start].trim();
    let before = ctx.text[..o.start].trim_end();
    let mark = phrases
        .visit_target_marks
        .iter()
        .find(|m| before.ends_with(m.as_str()));
    let linked = between.is_empty() || phrases.visit_target_links.iter().any(|l| l == between);
    // 结束对巴基斯坦的访问后, 在对巴基斯坦的访问期间: 的 links a visit begun, ended or timed.
    let bounded = between == "的"
        && mark.is_some_and(|m| {
            let opening = before[..before.len() - m.len()].trim_end();
            phrases
                .visit_bounds
                .iter()
                .any(|b| opening.ends_with(b.as_str()))
                || starts_with_any(&ctx.text[at.end..], &phrases.visit_time_words)
        });
    (mark.is_some() && (linked || bounded)).then_some(*o)
}

/// Whether an actor stands right after an English preposition (to China, in the Maldives).
fn after_preposition(ctx: &Ctx<'_>, a: &Actor) -> bool {
    // At the invitation of Rt. Hon. Bidya Devi Bhandari: forms of address stand between.
    let before = ctx
        .ex
        .lexicon
        .persons
        .strip_english_honorifics(&ctx.text[..a.start]);
    let before = before.strip_suffix(" the").unwrap_or(before);
    let last = before.rsplit(' ').next().unwrap_or("");
    before.len() > last.len()
        && ctx
            .ex
            .lexicon
            .phrases
            .english_prepositions
            .iter()
            .any(|p| p == last)
}

/// Whether actor `a` stands right after a Chinese coverb of place or circumstance that is a word
/// of its own (在尼泊尔《廓尔喀日报》发表, 在中方支持下; not 现在, 存在).
fn after_coverb(ctx: &Ctx<'_>, a: &Actor) -> bool {
    let before = &ctx.text[..a.start];
    ctx.ex.lexicon.phrases.chinese_coverbs.iter().any(|c| {
        !c.is_empty() && before.ends_with(c.as_str()) && ctx.starts_token(a.start - c.len())
    })
}

/// Titles standing alone (总理表示…) as references to the person last named with that title
/// in the document (夏巴兹总理 … 总理 → 夏巴兹·谢里夫).
fn title_references(ctx: &Ctx<'_>, found: &Found) -> Vec<Actor> {
    let lex = &ctx.ex.lexicon;
    let text = ctx.text;
    // Each person named with a title beside it, in text order.
    let named: Vec<(usize, &str, &str)> = found
        .mentions
        .iter()
        .filter(|m| m.kind == EntityType::Person)
        .filter_map(|m| {
            let (t, _) = lex
                .title_at_start(text[m.end..].trim_start_matches(' '))
                .or_else(|| lex.title_at_end(text[..m.start].trim_end_matches(' ')))?;
            Some((m.end, t, m.entity.as_str()))
        })
        .collect();
    let mut last_with: std::collections::HashMap<&str, &str> = std::collections::HashMap::new();
    let mut next = 0;
    let mut out = Vec::new();
    let titles: Vec<(usize, usize)> = ctx
        .ex
        .compiled
        .titles
        .find_iter(text)
        .map(|m| (m.start(), m.end()))
        .collect();
    // Beside a name, with nothing or a space between (总理夏巴兹, Prime Minister Shehbaz).
    let touches = |a: usize, b: usize| a <= b && text[a..b].trim_matches(' ').is_empty();
    // The mentions do not overlap and are in text order, so their ends are in order too: only
    // the last one ending before a title, the first one starting after it and the last one
    // starting before it can touch or hold it (any other has one of these between).
    let ms = &found.mentions;
    let mut beside: Vec<bool> = titles
        .iter()
        .map(|&(start, end)| {
            let before = ms.partition_point(|x| x.end <= start);
            let after = ms.partition_point(|x| x.start < end);
            let holding = ms.partition_point(|x| x.start <= start);
            (before > 0 && touches(ms[before - 1].end, start))
                || ms.get(after).is_some_and(|x| touches(end, x.start))
                || (holding > 0 && end <= ms[holding - 1].end)
        })
        .collect();
    // A title joined to one beside a name (王毅国务委员兼外长, 副总理兼外长) is that person's
    // office too, not a reference to someone else.
    let joined = |a: (usize, usize), b: (usize, usize)| {
        text.get(a.1..b.0).is_some_and(|between| {
            let between = between.trim_matches(' ');
            between.is_empty() || lex.titles.office_links.iter().any(|l| l == between)
        })
    };
    for i in 1..titles.len() {
        if beside[i - 1] && joined(titles[i - 1], titles[i]) {
            beside[i] = true;
        }
    }
    for i in (1..titles.len()).rev() {
        if beside[i] && joined(titles[i - 1], titles[i]) {
            beside[i - 1] = true;
        }
    }
    for (&(start, end), beside_a_name) in titles.iter().zip(beside) {
        while next < named.len() && named[next].0 <= start {
            last_with.insert(named[next].1, named[next].2);
            next += 1;
        }
        // 大使 in 大使馆 is no title: a reference is a whole word.
        if beside_a_name || (!text[start..end].is_ascii() && !ctx.ends_token(end)) {
            continue;
        }
        if let Some(id) = last_with.get(&text[start..end]) {
            out.push(Actor {
                start,
                end,
                ids: vec![id.to_string()],
                kind: EntityType::Person,
            });
        }
    }
    out
}

/// Mentions and party references of the document, in text order.
pub(super) fn actors(ctx: &Ctx<'_>, found: &Found, parties: &[String]) -> Vec<Actor> {
    // An anniversary (中华人民共和国成立75周年) is celebrated, not attended or held: what is
    // said around it is of the occasion held for it (a reception, a seminar), so it takes no part
    // in a statement.
    let mentioned: Vec<Actor> = found
        .mentions
        .iter()
        .filter(|m| m.rule != "anniversary")
        .map(|m| Actor {
            start: m.start,
            end: m.end,
            ids: vec![m.entity.clone()],
            kind: m.kind,
        })
        .collect();
    // 第6届中国—南亚博览会暨第26届中国昆明进出口商品交易会: two events held as one; what is
    // said of the one is said of both.
    let joint = &ctx.ex.lexicon.events.joint_links;
    let mut out: Vec<Actor> = Vec::with_capacity(mentioned.len());
    for a in mentioned {
        if let Some(last) = out.last_mut()
            && last.kind == EntityType::Event
            && a.kind == EntityType::Event
            && last.end <= a.start
            && joint.iter().any(|j| ctx.text[last.end..a.start] == *j)
        {
            last.end = a.end;
            last.ids.extend(a.ids);
            continue;
        }
        out.push(a);
    }
    let covered = |s: usize, e: usize| found.overlaps(s, e);
    let p = &ctx.ex.lexicon.parties;
    let text = ctx.text;
    let mut refs: Vec<Actor> = title_references(ctx, found);
    let lists = &ctx.ex.compiled.actor_words;
    if !parties.is_empty() {
        let words = &lists.collective;
        for (k, i) in words.occurrences(text) {
            let w = words.word(k);
            {
                refs.push(Actor {
                    start: i,
                    end: i + w.len(),
                    ids: parties.to_vec(),
                    kind: EntityType::Country,
                });
            }
        }
    }
    // 该国: the country named last before the word.
    let words = &lists.anaphora;
    // The mentions do not overlap and are in text order, so their ends are in order too.
    let countries: Vec<&Mention> = found
        .mentions
        .iter()
        .filter(|m| m.kind == EntityType::Country)
        .collect();
    for (k, i) in words.occurrences(text) {
        let w = words.word(k);
        {
            let last = countries[..countries.partition_point(|m| m.end <= i)]
                .last()
                .copied();
            if let Some(m) = last {
                refs.push(Actor {
                    start: i,
                    end: i + w.len(),
                    ids: vec![m.entity.clone()],
                    kind: EntityType::Country,
                });
            }
        }
    }
    let gaz = ctx.ex.gazetteer();
    // A party of the document the gazetteer gives no abbreviation (马尔代夫: 马 is Malaysia's
    // too) is called by its name's first character here (马方 in a China–Maldives text), unless
    // that character abbreviates another country.
    let local: Vec<(String, String)> = parties
        .iter()
        .filter_map(|id| gaz.get(id))
        .filter(|e| e.kind == EntityType::Country && e.abbr.is_none())
        .filter_map(|e| {
            let first = e.zh.as_deref()?.chars().next()?.to_string();
            (gaz.by_abbreviation(&first).is_none()).then(|| (first, e.id.clone()))
        })
        .collect();
    for (first, id) in &local {
        // Two parties sharing the first character leave it unsure.
        if local.iter().filter(|(f, _)| f == first).count() > 1 {
            continue;
        }
        let words: Vec<String> = p
            .party_suffix
            .iter()
            .map(|s| format!("{first}{s}"))
            .collect();
        let words: Vec<&str> = words.iter().map(String::as_str).collect();
        for (k, i) in text::occurrences(text, &words) {
            refs.push(Actor {
                start: i,
                end: i + words[k].len(),
                ids: vec![id.clone()],
                kind: EntityType::Country,
            });
        }
    }
    // 张霄表示，…。上周我同…: 我 in a paragraph of reported words is the one who said them; in
    // a speech printed with its speaker's byline, the speaker.
    let orator = speech_byline(ctx, found);
    let firsts = &lists.first_person;
    // The start of the line of the last occurrence, carried forward (occurrences come in text
    // order), so that each search looks back only over its own line.
    let (mut line_start, mut scanned) = (0, 0);
    for (k, i) in firsts.occurrences(text) {
        let end = i + firsts.word(k).len();
        let next = text[end..].chars().next();
        if next.is_some_and(|c| p.first_person_not_before.contains(c)) || text[..i].ends_with('自')
        {
            continue;
        }
        if let Some(n) = text[scanned.min(i)..i].rfind('\n') {
            line_start = scanned.min(i) + n + 1;
        }
        scanned = i;
        let upto = found.mentions.partition_point(|m| m.end <= i);
        let speaker = found.mentions[..upto]
            .iter()
            .rev()
            .take_while(|m| m.end > line_start)
            .filter(|m| m.kind == EntityType::Person && m.start >= line_start)
            .find(|m| {
                let after = &text[m.end..];
                let after = match ctx.ex.lexicon.title_at_start(after) {
                    Some((t, _)) => &after[t.len()..],
                    None => after,
                };
                p.speech_verbs.iter().any(|v| {
                    after
                        .strip_prefix(v.as_str())
                        .is_some_and(|r| r.starts_with(['，', ',', '：', ':']))
                })
            });
        if let Some(id) = speaker
            .map(|m| &m.entity)
            .or(orator.as_ref().map(|(id, _)| id))
        {
            refs.push(Actor {
                start: i,
                end,
                ids: vec![id.clone()],
                kind: EntityType::Person,
            });
        }
    }
    // …来华出席…，习近平主席同他深入交换意见: 他 after a partner word is the person named last
    // before its clause, in its paragraph.
    let thirds = &lists.third_person;
    for (k, i) in thirds.occurrences(text) {
        let end = i + thirds.word(k).len();
        let next = text[end..].chars().next();
        if next.is_some_and(|c| p.third_person_not_before.contains(c))
            || !p
                .third_person_after
                .iter()
                .any(|w| text[..i].ends_with(w.as_str()))
        {
            continue;
        }
        let line_start = text[..i].rfind('\n').map_or(0, |n| n + 1);
        let clause_start = text[..i].rfind(['，', '。', '；', '：', '\n']).unwrap_or(0);
        let upto = found.mentions.partition_point(|m| m.end <= clause_start);
        let referent = found.mentions[..upto]
            .iter()
            .rev()
            .take_while(|m| m.start >= line_start)
            .find(|m| m.kind == EntityType::Person);
        if let Some(m) = referent {
            refs.push(Actor {
                start: i,
                end,
                ids: vec![m.entity.clone()],
                kind: EntityType::Person,
            });
        }
    }
    // The Chinese side, the Pakistani government.
    let sides = &ctx.ex.compiled.english_sides;
    let side_words = &lists.english_sides;
    for (k, i) in side_words.occurrences(text) {
        let end = i + side_words.word(k).len();
        if latin_boundaries_ok(text, i, end) {
            refs.push(Actor {
                start: i,
                end,
                ids: vec![sides[k].1.clone()],
                kind: EntityType::Country,
            });
        }
    }
    let abbr_words = &lists.abbreviations;
    let abbrs: Vec<&str> = abbr_words.words().iter().map(String::as_str).collect();
    for (k, i) in abbr_words.occurrences(text) {
        let a = &abbrs[k];
        {
            let after = &text[i + a.len()..];
            let country = |x: &str| gaz.by_abbreviation(x).map(|e| e.id.clone());
            if let Some(suffix) = p
                .party_suffix
                .iter()
                .find(|s| after.starts_with(s.as_str()))
            {
                if let Some(id) = country(a) {
                    refs.push(Actor {
                        start: i,
                        end: i + a.len() + suffix.len(),
                        ids: vec![id],
                        kind: EntityType::Country,
                    });
                }
                continue;
            }
            // A pair of abbreviations: 中巴, optionally followed by 两国/双方.
            if let Some(b) = abbrs.iter().find(|b| *b != a && after.starts_with(**b))
                && let (Some(x), Some(y)) = (country(a), country(b))
            {
                let mut end = i + a.len() + b.len();
                if let Some(s) = p
                    .pair_suffix
                    .iter()
                    .find(|s| text[end..].starts_with(s.as_str()))
                {
                    end += s.len();
                }
                refs.push(Actor {
                    start: i,
                    end,
                    ids: vec![x, y],
                    kind: EntityType::Country,
                });
            }
        }
    }
    // Longest references first; none inside a mention or another reference.
    refs.sort_by(|a, b| {
        (b.end - b.start)
            .cmp(&(a.end - a.start))
            .then(a.start.cmp(&b.start))
    });
    // Kept references by start; they do not overlap, so only the last one starting before a
    // reference's end can overlap it.
    let mut kept: BTreeMap<usize, Actor> = BTreeMap::new();
    for r in refs {
        let clashes = kept
            .range(..r.end)
            .next_back()
            .is_some_and(|(_, k)| r.start < k.end && k.start < r.end);
        if !covered(r.start, r.end) && !clashes {
            kept.insert(r.start, r);
        }
    }
    out.extend(kept.into_values());
    // 很高兴来到美丽的阿斯塔纳，和大家共同出席…峰会: in a speech a sentence naming no person or
    // country speaks of its speaker, who stands (as no text) at the sentence's start.
    if let Some((id, from)) = orator {
        let speakers: Vec<Range<usize>> = out
            .iter()
            .filter(|a| matches!(a.kind, EntityType::Person | EntityType::Country))
            .map(|a| a.start..a.end)
            .collect();
        for sentence in text::sentences(text).into_iter().filter(|s| {
            s.start >= from
                && !speakers
                    .iter()
                    .any(|a| a.start >= s.start && a.end <= s.end)
        }) {
            out.push(Actor {
                start: sentence.start,
                end: sentence.start,
                ids: vec![id.clone()],
                kind: EntityType::Person,
            });
        }
    }
    out.sort_by_key(|a| a.start);
    out
}
