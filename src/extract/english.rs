//! English names: capitalized words ending in a type's head, persons beside titles (with their
//! office before or after the name), and document names opening with their head.

use super::Ctx;
use super::names::Candidate;
use crate::model::EntityType;

/// The characters that cut the text into the stretches the English patterns search: line
/// breaks and punctuation, which no English pattern matches and which are not word characters.
/// A `\b` at a stretch's edge therefore means what it means in the whole text, and every match
/// lies inside one stretch. Searching stretches with an ASCII letter only keeps the patterns
/// (whose Unicode `\b` the fast regex engines cannot follow through Chinese text) off the
/// Chinese text around them.
#[derive(Debug, Clone)]
pub(super) struct Cuts {
    /// Which ASCII characters cut.
    ascii: [bool; 128],
    /// The other characters that cut.
    other: Vec<char>,
}

/// ASCII punctuation that may cut: all but `'`, `,`, `-` and `_`, which the patterns use or
/// which are word characters.
const ASCII_CUTS: &str = "!\"#$%&()*+./:;<=>?@[\\]^`{|}~";

/// Chinese and typographic punctuation that may cut.
const OTHER_CUTS: &str = "，。、；：？！（）《》〈〉「」『』【】〔〕“”‘—…";

impl Cuts {
    /// The cuts, except the characters of `words` (the head words and titles the patterns
    /// spell out, which may hold punctuation: `H.E.`).
    pub(super) fn new<'a>(words: impl IntoIterator<Item = &'a str>) -> Cuts {
        let spelled: std::collections::BTreeSet<char> =
            words.into_iter().flat_map(str::chars).collect();
        let mut ascii = [false; 128];
        ascii[usize::from(b'\n')] = true;
        ascii[usize::from(b'\r')] = true;
        for c in ASCII_CUTS.chars().filter(|c| !spelled.contains(c)) {
            ascii[c as usize] = true;
        }
        let other = OTHER_CUTS
            .chars()
            .filter(|c| !spelled.contains(c))
            .collect();
        Cuts { ascii, other }
    }

    fn cuts(&self, c: char) -> bool {
        if c.is_ascii() {
            self.ascii[c as usize]
        } else {
            self.other.contains(&c)
        }
    }
}

/// The stretches of the text that hold an ASCII letter, with their byte offsets (see [`Cuts`]).
pub(super) fn stretches<'t>(ctx: &Ctx<'t>) -> Vec<(usize, &'t str)> {
    stretches_of(ctx.text, &ctx.ex.compiled.english_cuts)
}

/// The English stretches of the text with round brackets inside them, for names that hold an
/// abbreviation in brackets (the 6th Joint Cooperation Committee (JCC) meeting).
fn stretches_with_brackets<'t>(ctx: &Ctx<'t>) -> Vec<(usize, &'t str)> {
    let mut cuts = ctx.ex.compiled.english_cuts.clone();
    cuts.ascii[usize::from(b'(')] = false;
    cuts.ascii[usize::from(b')')] = false;
    stretches_of(ctx.text, &cuts)
}

fn stretches_of<'t>(text: &'t str, cuts: &Cuts) -> Vec<(usize, &'t str)> {
    let mut out = Vec::new();
    let (mut start, mut letter) = (0, false);
    // The two characters before the current one, to keep the dot of an initial (G.L. Peiris).
    let (mut prev, mut before_prev) = (' ', ' ');
    for (i, c) in text.char_indices() {
        let initial = c == '.' && prev.is_ascii_uppercase() && !before_prev.is_ascii_alphabetic();
        // China Railway No.5 Engineering Group: the dot of a number's `No.` cuts nothing.
        let numbered = c == '.'
            && text[..i].ends_with("No")
            && text[i + 1..]
                .trim_start_matches(' ')
                .starts_with(|d: char| d.is_ascii_digit());
        (before_prev, prev) = (prev, c);
        if cuts.cuts(c) && !initial && !numbered {
            if letter {
                out.push((start, &text[start..i]));
            }
            start = i + c.len_utf8();
            letter = false;
        } else if c.is_ascii_alphabetic() {
            letter = true;
        }
    }
    if letter {
        out.push((start, &text[start..]));
    }
    out
}

/// Whether `w` may open an English body's name before `of`: a body's head word or one of
/// `of_openers` (Ministry, Embassy).
fn opens_body(ctx: &Ctx<'_>, w: &str) -> bool {
    is_org_head(ctx, w)
        || ctx
            .ex
            .lexicon
            .english_titles
            .of_openers
            .iter()
            .any(|o| o == w)
}

/// Whether `w` is the head word of an English body's name (Association, Commission).
fn is_org_head(ctx: &Ctx<'_>, w: &str) -> bool {
    ctx.ex
        .compiled
        .english_heads
        .iter()
        .any(|(h, k)| *k == EntityType::Organization && h == w)
}

/// Whether `year` is a year from 1900 to 2099 and the characters around it (`outside`) leave
/// it a word of its own.
fn is_year_word(year: Option<&str>, outside: Option<char>) -> bool {
    year.is_some_and(|y| {
        y.len() == 4
            && y.chars().all(|c| c.is_ascii_digit())
            && (y.starts_with("19") || y.starts_with("20"))
    }) && outside.is_none_or(|c| !c.is_alphanumeric())
}

/// The end of ` YYYY` (a year from 1900 to 2099 standing as a word) right after `end`.
fn year_after(ctx: &Ctx<'_>, end: usize) -> Option<usize> {
    let rest = ctx.text[end..].strip_prefix(' ')?;
    is_year_word(rest.get(..4), rest.get(4..)?.chars().next()).then(|| end + 5)
}

/// The start of `YYYY ` (a year from 1900 to 2099 standing as a word) right before `start`.
fn year_before(ctx: &Ctx<'_>, start: usize) -> Option<usize> {
    let before = ctx.text[..start].strip_suffix(' ')?;
    let from = before.len().checked_sub(4)?;
    is_year_word(before.get(from..), before.get(..from)?.chars().next_back()).then_some(from)
}

/// The end of ` for Capitalized Words` right after a body's head at `end` (the China Foundation
/// for Rural Development, the Institute for Strategic Studies) — or ` on Capitalized Words` after
/// a head of `subject_heads` (the Joint Working Group on International Cooperation), or ` of
/// Capitalized Words` after one of `field_heads` (Tashkent State University of Oriental
/// Studies): capitalized words, perhaps joined by `and`, `of` or `the`, ending in a capitalized
/// word.
fn purpose_after(ctx: &Ctx<'_>, end: usize) -> Option<usize> {
    let subject = ctx
        .ex
        .lexicon
        .english_titles
        .subject_heads
        .iter()
        .any(|h| ctx.text[..end].ends_with(h.as_str()));
    let field = ctx
        .ex
        .lexicon
        .english_titles
        .field_heads
        .iter()
        .any(|h| ctx.text[..end].ends_with(h.as_str()));
    let link = if ctx.text[end..].starts_with(" on ") && subject {
        " on "
    } else if ctx.text[end..].starts_with(" of ") && field {
        " of "
    } else {
        " for "
    };
    let rest = ctx.text[end..].strip_prefix(link)?;
    let mut len = 0;
    let mut last_capital = 0;
    for (i, w) in rest.split(' ').enumerate() {
        let bare = w.trim_end_matches([',', '.', ';', ':', ')']);
        let capital = bare.starts_with(|c: char| c.is_ascii_uppercase())
            && bare
                .chars()
                .all(|c| c.is_ascii_alphabetic() || c == '-' || c == '\'');
        if capital {
            len += if i == 0 { 0 } else { 1 } + bare.len();
            last_capital = len;
        } else if matches!(bare, "and" | "of" | "the") && i > 0 {
            len += 1 + bare.len();
        } else {
            break;
        }
        if bare.len() != w.len() || i >= 6 {
            break;
        }
    }
    // The Boao Forum for Asia Annual Conference: a run ending in another kind's head names that
    // other thing, which the body holds.
    let run = &rest[..last_capital];
    let other_head = ctx
        .ex
        .compiled
        .english_heads
        .iter()
        .any(|(h, k)| *k != EntityType::Organization && run.ends_with(h.as_str()));
    (last_capital > 0 && !other_head).then(|| end + link.len() + last_capital)
}

/// English names: capitalized words ending in a type's head word (Gwadar East Bay Expressway,
/// Global Development Initiative), without a leading "The".
pub(super) fn english_names(ctx: &Ctx<'_>, stretches: &[(usize, &str)]) -> Vec<Candidate> {
    let c = &ctx.ex.compiled;
    let mut out = Vec::new();
    let mut matches: Vec<(usize, usize)> = Vec::new();
    for (at, s) in stretches {
        for m in c.english_names.find_iter(s) {
            let (start, end) = (at + m.start(), at + m.end());
            // Boao Forum | Annual Conference: a name running on in capitalized words after a
            // head word is one name, up to its last head (no link word between the parts; a
            // hyphen may join them: Global Services Forum-Beijing Summit).
            match matches.last_mut() {
                Some(last)
                    if last.1 + 1 == start && matches!(&ctx.text[last.1..start], " " | "-") =>
                {
                    last.1 = end;
                }
                _ => matches.push((start, end)),
            }
        }
    }
    for (m_start, mut m_end) in matches {
        let mut start = m_start;
        if let Some(rest) = ctx.ex.lexicon.english_titles.articles.iter().find_map(|a| {
            ctx.text[m_start..m_end]
                .strip_prefix(a.as_str())?
                .strip_prefix(' ')
        }) {
            start = m_end - rest.len();
        }
        // Liu Jianchao Attends Launching Ceremony of …: in a headline written in capitals the
        // name starts after its verb.
        start += after_headline_verb(ctx, &ctx.text[start..m_end]);
        // A title is no organization: Chairman of the National Development and Reform
        // Commission names the commission, after the title and its `of the`.
        if let Some(after) = title_of_prefix(ctx, &ctx.text[start..m_end]) {
            start += after;
        }
        // Manoj Bhatta of Social Welfare Council: before the first `of` of a body's name stand
        // a head or a word that opens such names (Bank of China, Embassy of …); other words
        // there are someone's name, and the body starts after `of`.
        if let Some(cut) = person_before_of(ctx, &ctx.text[start..m_end]) {
            start += cut;
        }
        let name = &ctx.text[start..m_end];
        let Some((head, kind)) = c
            .english_heads
            .iter()
            .find(|(h, _)| name.ends_with(h.as_str()))
        else {
            continue;
        };
        // The head alone, or a head after generic words (The Ministry), is no name — unless
        // its country follows (the Central Bank of Sri Lanka, the National Assembly of Nepal).
        if name.len() == head.len() || all_generic(ctx, name) {
            match country_after(ctx, m_end) {
                Some(end) if *kind == EntityType::Organization => m_end = end,
                _ => continue,
            }
        } else if *kind == EntityType::Organization
            && let Some(end) = country_after(ctx, m_end)
        {
            // The Communist Party of China: a body's name runs on to its country.
            m_end = end;
        } else if *kind == EntityType::Organization
            && let Some(end) = abroad(ctx, start, m_end)
        {
            m_end = end;
        } else if *kind == EntityType::Organization
            && let Some(end) = purpose_after(ctx, m_end)
        {
            // The China Foundation for Rural Development: what the body is for is in its name.
            m_end = end;
        } else if *kind == EntityType::Event
            && let Some(end) = year_after(ctx, m_end)
        {
            // The Chinese New Year Spring Festival 2023, the SCO Summit 2025: the edition's year
            // written after an event's name is part of it.
            m_end = end;
        }
        // The 2023 National Day Reception: so is a year written before it.
        if *kind == EntityType::Event
            && let Some(year) = year_before(ctx, start)
        {
            start = year;
        }
        // The Chinese Embassy and Association of Bangladesh-China Alumni: a body's head word
        // (or a word opening a body's name before `of`) right before `and` ends a first name;
        // the name is the one after `and`.
        let opener = |w: &str| opens_body(ctx, w);
        if let Some(cut) = ctx.text[start..m_end]
            .rmatch_indices(" and ")
            .map(|(i, _)| i)
            .find(|&i| {
                let before = ctx.text[start..start + i].rsplit(' ').next().unwrap_or("");
                let after = ctx.text[start + i + 5..m_end]
                    .split(' ')
                    .next()
                    .unwrap_or("");
                opener(before) && opener(after)
            })
        {
            start += cut + " and ".len();
        }
        // The National People's Congress and National Committee of the CPPCC: two known
        // names joined by `and` are a list, no name.
        let name = &ctx.text[start..m_end];
        let known = ctx.ex.gazetteer.find(name);
        if known.iter().any(|a| {
            known
                .iter()
                .any(|b| name.get(a.end..b.start) == Some(" and "))
        }) {
            continue;
        }
        // Delegates of China's Central Military Commission: a known name of the same kind
        // ending the run is the name; the words before it are no part of it.
        // (An organ of it, opening with a body's head and joined by `of`, is a name of its own:
        // the Commission for Political and Legal Affairs of the CPC Central Committee.)
        let first = name.split(' ').next().unwrap_or(name);
        let organ = |g: &super::gazetteer::GazetteerMatch| {
            (name[..g.start].ends_with(" of the ") || name[..g.start].ends_with(" of "))
                && opens_body(ctx, first)
        };
        if known.iter().any(|g| {
            g.start > 0
                && g.end == name.len()
                && ctx.ex.gazetteer.entries()[g.entry].kind == *kind
                && !organ(g)
        }) {
            continue;
        }
        // People's Government of Yunnan Province: a place's kind ends a body's name too; a place
        // is named by its own words only.
        if *kind == EntityType::Place
            && name[..name.len() - head.len()]
                .split(' ')
                .any(|w| w == "of" || opens_body(ctx, w))
        {
            continue;
        }
        // Hainan Province, Yunnan Province: a known place before a place's kind is that place.
        if *kind == EntityType::Place
            && let Some(place) = name.strip_suffix(head.as_str()).map(str::trim_end)
            && ctx.ex.gazetteer.find(place).iter().any(|g| {
                g.start == 0
                    && g.end == place.len()
                    && matches!(
                        ctx.ex.gazetteer.entries()[g.entry].kind,
                        EntityType::Place | EntityType::Country
                    )
            })
        {
            continue;
        }
        // Prime Minister Sheikh Hasina and Speaker of Parliament: a name holding a title and
        // a person is a phrase about people, no body.
        if holds_title(ctx, name) {
            continue;
        }
        // Yunnan Party Secretary Wang Ning: a head word that opens a title running past the
        // name (Party Secretary) is the title's, and no body is named.
        let last_word = start + name.rfind(' ').map_or(0, |i| i + 1);
        if ctx.ex.lexicon.titles().iter().any(|(t, _)| {
            t.is_ascii()
                && last_word + t.len() > m_end
                && ctx.text[last_word..].starts_with(t.as_str())
        }) {
            continue;
        }
        // The 3rd (round) China-Afghanistan-Pakistan Foreign Ministers' Dialogue: an ordinal
        // before a meeting's name numbers that meeting and belongs to its name.
        if *kind == EntityType::Event
            && let Some(at) = ordinal_before(&ctx.text[..start])
        {
            start = at;
        }
        out.push(Candidate {
            start,
            end: m_end,
            kind: *kind,
            rule: "english-name",
            entity: None,
        });
    }
    out
}

/// The Chinese Enterprises Association in Bangladesh: a body named by one country's people,
/// followed by `in` and another country, is that people's body there; its name runs on to the
/// country (the end returned).
fn abroad(ctx: &Ctx<'_>, start: usize, end: usize) -> Option<usize> {
    let name = &ctx.text[start..end];
    let (_, own) = ctx
        .ex
        .compiled
        .demonyms
        .iter()
        .find(|(d, _)| name.starts_with(&format!("{d} ")))?;
    let rest = ctx.text[end..].strip_prefix(" in ")?;
    let gaz = &ctx.ex.gazetteer;
    let g = gaz.find(rest).into_iter().find(|g| g.start == 0)?;
    let e = &gaz.entries()[g.entry];
    let whole_word = !rest[g.end..].starts_with(|c: char| c.is_alphanumeric());
    (e.kind == EntityType::Country && e.id != *own && whole_word)
        .then(|| end + " in ".len() + g.end)
}

/// Where the body in `name` starts when the words before its first `of` hold no head and
/// no word that opens names of the form `X of Y` (Manoj Bhatta of Social Welfare Council): the
/// byte offset after `of` (and `the`).
fn person_before_of(ctx: &Ctx<'_>, name: &str) -> Option<usize> {
    let (before, after) = name.split_once(" of ")?;
    let c = &ctx.ex.compiled;
    let titles = &ctx.ex.lexicon.english_titles;
    let (_, kind) = c
        .english_heads
        .iter()
        .find(|(h, _)| name.ends_with(h.as_str()))?;
    if *kind != EntityType::Organization {
        return None;
    }
    let opens = before.split(' ').any(|w| {
        titles.of_openers.iter().any(|o| o == w) || c.english_heads.iter().any(|(h, _)| h == w)
    }) || c
        .english_heads
        .iter()
        .any(|(h, _)| before.ends_with(h.as_str()));
    if opens {
        return None;
    }
    let rest = after.strip_prefix("the ").unwrap_or(after);
    Some(name.len() - rest.len())
}

/// English bodies that open with their head: the Ministry of Foreign Affairs of Bangladesh,
/// China's Ministry of National Defense, Nepal Office of the China Foundation for Rural
/// Development. A bare head with generic words (the Ministry of Foreign Affairs) names no
/// particular body unless its owner stands before it.
pub(super) fn english_bodies(ctx: &Ctx<'_>, stretches: &[(usize, &str)]) -> Vec<Candidate> {
    let Some(re) = &ctx.ex.compiled.english_bodies else {
        return Vec::new();
    };
    let gaz = &ctx.ex.gazetteer;
    let lex = &ctx.ex.lexicon;
    let mut out = Vec::new();
    for (at, s) in stretches {
        for m in re.find_iter(s) {
            let start = at + m.start();
            let mut end = at + m.end();
            // The body ends before a title or a known person running on after it (the
            // Ministry of Foreign Affairs Spokesperson Wang Wenbin).
            let name = &ctx.text[start..end];
            let title_at = name.match_indices(' ').map(|(i, _)| i + 1).find(|&i| {
                lex.titles()
                    .iter()
                    .any(|(t, _)| t.is_ascii() && name[i..].starts_with(t.as_str()))
                    || gaz.find(&name[i..]).first().is_some_and(|g| {
                        g.start == 0 && gaz.entries()[g.entry].kind == EntityType::Person
                    })
            });
            if let Some(i) = title_at {
                end = start + i - 1;
            }
            // The Ministry of Foreign Affairs Ahmed Khaleel, Guangxi Department of Commerce Jiang
            // Liansheng: a capitalized word right after a word of an office's portfolio, joined by
            // no link, starts someone's name.
            let name = &ctx.text[start..end];
            let office_words = &lex.titles.english_office_words;
            let mut offset = 0;
            let words: Vec<(usize, &str)> = name
                .split(' ')
                .map(|w| {
                    let at = offset;
                    offset += w.len() + 1;
                    (at, w)
                })
                .collect();
            if let Some(w) = words.windows(2).find(|w| {
                office_words.iter().any(|o| o == w[0].1)
                    && w[1].1.starts_with(|c: char| c.is_ascii_uppercase())
                    && !office_words.iter().any(|o| o == w[1].1)
            }) {
                end = start + w[0].0 + w[0].1.len();
            }
            // President of Red-Cross Society of China Chen Zhu: `of` and a country close the
            // body; a capitalized word right after them starts someone's name.
            let name = &ctx.text[start..end];
            if let Some(g) = gaz.find(name).into_iter().find(|g| {
                gaz.entries()[g.entry].kind == EntityType::Country
                    && (name[..g.start].ends_with(" of ") || name[..g.start].ends_with(" of the "))
                    && name[g.end..].strip_prefix(' ').is_some_and(|r| {
                        let next = r.split(' ').next().unwrap_or("");
                        // …of the China Foundation for Rural Development goes on.
                        next.starts_with(|c: char| c.is_ascii_uppercase())
                            && !opens_body(ctx, next)
                            && !lex.english_titles.body_openers.iter().any(|o| o == next)
                            && !ctx
                                .ex
                                .compiled
                                .english_heads
                                .iter()
                                .any(|(h, _)| h.split(' ').next() == Some(next))
                    })
            }) {
                end = start + g.end;
            }
            // The Ministry of Housing and CMEC signed …: a short form in capitals after `and` is
            // another body.
            if let Some(i) = ctx.text[start..end]
                .match_indices(" and ")
                .map(|(i, _)| i)
                .find(|&i| {
                    let next = ctx.text[start + i + 5..end].split(' ').next().unwrap_or("");
                    next.len() >= 2 && next.chars().all(|c| c.is_ascii_uppercase())
                })
            {
                end = start + i;
            }
            // Link words left at the end belong to no name.
            end = start + without_trailing_links(&ctx.text[start..end]).len();
            let name = &ctx.text[start..end];
            if !name.contains(" of ") && !name.contains(" for ") {
                continue;
            }
            // A member of the Political Bureau of the CPC Central Committee: a generic word
            // before the head makes it part of a longer phrase naming an organ of the body
            // after `of`, which is found by its own name.
            let word_before = ctx.text[..start]
                .strip_suffix(' ')
                .and_then(|b| b.rsplit(' ').next())
                .unwrap_or("");
            if lex
                .english_titles
                .generic_words
                .iter()
                .any(|g| g == word_before)
            {
                continue;
            }
            // Its owner before it: China's …, Nepal Office of …
            let mut owned_from = None;
            if let Some(b) = ctx.text[..start].strip_suffix(' ') {
                let probe = b
                    .strip_suffix("'s")
                    .or_else(|| b.strip_suffix("’s"))
                    .unwrap_or(b);
                let from = probe.char_indices().rev().nth(40).map_or(0, |(i, _)| i);
                owned_from = gaz
                    .find(&probe[from..])
                    .into_iter()
                    .filter(|g| {
                        from + g.end == probe.len()
                            && matches!(
                                gaz.entries()[g.entry].kind,
                                EntityType::Country | EntityType::Place
                            )
                    })
                    .min_by_key(|g| g.start)
                    .map(|g| from + g.start);
            }
            let countries_inside = gaz.find(name).iter().any(|g| {
                matches!(
                    gaz.entries()[g.entry].kind,
                    EntityType::Country | EntityType::Place
                )
            });
            if owned_from.is_none() && all_generic(ctx, name) && !countries_inside {
                continue;
            }
            // Legislative Chamber of the Oliy Majlis, Bangladesh-China Chamber of Commerce: the
            // capitalized words right before the head, or a compound the owner closes, open
            // the name — up to three, none a word that opens sentences or a title.
            let from = owned_from.unwrap_or(start);
            let from = capitalized_run_before(ctx, from, owned_from.is_none());
            out.push(Candidate {
                start: from,
                end,
                kind: EntityType::Organization,
                rule: "english-body",
                entity: None,
            });
        }
    }
    out
}

/// Where a name starting at `start` starts when the words before it belong to it: a
/// hyphen-joined word closed by it (Bangladesh- before China), and, when `words` is set, up
/// to three capitalized words standing right before it (Legislative before Chamber) — none of
/// `persons.english_stops`, no title word and no possessive.
fn capitalized_run_before(ctx: &Ctx<'_>, start: usize, words: bool) -> usize {
    let lex = &ctx.ex.lexicon;
    let mut from = start;
    // Bangladesh-China …: the compound's first part.
    if let Some(b) = ctx.text[..from].strip_suffix('-') {
        let word = b.rsplit([' ', '\n', '(', '“', '"']).next().unwrap_or("");
        if word.starts_with(|c: char| c.is_ascii_uppercase()) {
            from = b.len() - word.len();
        }
    }
    if !words {
        return from;
    }
    for _ in 0..3 {
        let Some(b) = ctx.text[..from].strip_suffix(' ') else {
            break;
        };
        let word = b.rsplit([' ', '\n', '(', '“', '"']).next().unwrap_or("");
        let plain = word.chars().all(|c| c.is_ascii_alphabetic() || c == '-');
        let title = lex
            .titles()
            .iter()
            .any(|(t, _)| t.is_ascii() && t.split(' ').any(|p| p == word));
        if word.len() < 2
            || !plain
            || !word.starts_with(|c: char| c.is_ascii_uppercase())
            || lex.persons.english_stops.iter().any(|w| w == word)
            || title
        {
            break;
        }
        from = b.len() - word.len();
    }
    from
}

/// Where a name written in a capitalized headline starts after its verb (Liu Jianchao Attends
/// Launching Ceremony …): the byte offset in `name` after the last such verb, else 0.
fn after_headline_verb(ctx: &Ctx<'_>, name: &str) -> usize {
    ctx.ex
        .lexicon
        .english_titles
        .headline_verbs
        .iter()
        .filter_map(|v| {
            if name.ends_with(&format!(" {v}")) {
                return Some(name.len());
            }
            name.match_indices(&format!(" {v} "))
                .last()
                .map(|(i, _)| i + v.len() + 2)
        })
        .max()
        .unwrap_or(0)
}

/// Where ` of [the] Country` right after `pos` ends, the country's whole name as the
/// gazetteer knows it.
fn country_after(ctx: &Ctx<'_>, pos: usize) -> Option<usize> {
    let rest = &ctx.text[pos..];
    let owner = rest
        .strip_prefix(" of the ")
        .or_else(|| rest.strip_prefix(" of "))?;
    let at = pos + rest.len() - owner.len();
    let gaz = &ctx.ex.gazetteer;
    let end = gaz
        .find(&owner[..owner.len().min(80)])
        .into_iter()
        .find(|g| g.start == 0 && gaz.entries()[g.entry].kind == EntityType::Country)
        .map(|g| at + g.end)?;
    // The Association of Bangladesh-China Alumni: a country opening a compound runs on with it
    // and the capitalized words after it.
    let rest = &ctx.text[end..];
    if !rest.starts_with('-') {
        return Some(end);
    }
    let mut len = 0;
    for (i, w) in rest[1..].split(' ').enumerate() {
        let bare = w.trim_end_matches([',', '.', ';', ':', ')', '(']);
        if i > 3 || !bare.starts_with(|c: char| c.is_ascii_uppercase()) {
            break;
        }
        len += usize::from(i > 0) + bare.len();
        if bare.len() != w.len() {
            break;
        }
    }
    Some(end + 1 + len)
}

/// An English ordinal: 3rd, 12th, First … Twelfth (any case).
pub(super) const ORDINAL: &str = r"(?:\d+(?:st|nd|rd|th)|(?i:(?:twenty|thirty|forty|fifty)-(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth)|first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth|twentieth|thirtieth|fortieth|fiftieth))";

/// A word of an English person's name, or initials before one (G.L. Peiris, K. P. Sharma Oli,
/// and undotted as South Asian names often are: M Humayun Kabir, A N M Muniruzzaman).
pub(super) const PERSON_NAME_WORD: &str = r"(?:(?:[A-Z]\.[ \t]?){1,3}[A-Z][a-zA-Z'’\-]+|(?:[A-Z][ \t]){1,3}[A-Z][a-z][a-zA-Z'’\-]*|[A-Z][a-zA-Z'’\-]+)";

/// A capitalized English word of a name (Pakistan's, China-Pakistan).
pub(super) const NAME_WORD: &str = r"[A-Z][\w'’\-]*";

/// Where an English ordinal (3rd, Fourth), perhaps with `round` or `session` after it, ends
/// `before` right before a name: its start.
pub(super) fn ordinal_before(before: &str) -> Option<usize> {
    static RE: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    let re = RE.get_or_init(|| {
        regex::Regex::new(&format!(
            r"(?:^|[\s(])({ORDINAL})(?:[ \t]+(?i:round|session))?[ \t]+$"
        ))
        .expect("the ordinal pattern compiles")
    });
    let from = before.char_indices().rev().nth(30).map_or(0, |(i, _)| i);
    re.captures(&before[from..])
        .and_then(|c| c.get(1))
        .map(|m| from + m.start())
}

/// Whether every word of `name` is a generic word, a link word or a head word: a common noun
/// phrase (Foreign Ministry, Opening Ceremony), no name.
fn all_generic(ctx: &Ctx<'_>, name: &str) -> bool {
    let lex = &ctx.ex.lexicon;
    let titles = &lex.english_titles;
    name.split_whitespace().all(|w| {
        let w = w.trim_matches(|c: char| matches!(c, ',' | '(' | ')' | '“' | '”' | '"'));
        let w = w.replace('’', "'");
        titles.generic_words.contains(&w)
            || titles.links.contains(&w)
            // The Chinese Ministry: a country's adjective names no particular body.
            || ctx.ex.compiled.demonyms.iter().any(|(d, _)| *d == w)
            || matches!(w.as_str(), "the" | "and" | "of" | "for" | "on")
            || ctx.ex.compiled.english_heads.iter().any(|(h, _)| *h == w)
    })
}

/// Whether an English title stands in `name` as whole words (Prime Minister Sheikh Hasina and
/// Speaker of Parliament).
fn holds_title(ctx: &Ctx<'_>, name: &str) -> bool {
    let padded = format!(" {name} ");
    ctx.ex
        .lexicon
        .titles()
        .iter()
        .filter(|(t, _)| t.is_ascii())
        .any(|(t, _)| padded.contains(&format!(" {t} ")))
}

/// The length of a title and its `of` (`of the`, `for`) opening `name` (Chairman of the …,
/// Minister for …), if one does.
fn title_of_prefix(ctx: &Ctx<'_>, name: &str) -> Option<usize> {
    ctx.ex
        .lexicon
        .titles()
        .iter()
        .filter(|(t, _)| t.is_ascii() && name.starts_with(t.as_str()))
        .filter_map(|(t, _)| {
            let rest = &name[t.len()..];
            ["of the ", "of ", "for the ", "for "]
                .iter()
                .find_map(|link| rest.strip_prefix(' ')?.strip_prefix(link))
                .map(|r| name.len() - r.len())
        })
        .max()
}

/// Every syllable of Hanyu Pinyin without tones (zhang, shi, kun …), read once from the
/// readings of the unified ideographs.
fn pinyin_syllables() -> &'static std::collections::BTreeSet<String> {
    use pinyin::ToPinyin;
    static SYLLABLES: std::sync::OnceLock<std::collections::BTreeSet<String>> =
        std::sync::OnceLock::new();
    SYLLABLES.get_or_init(|| {
        ('\u{4E00}'..='\u{9FFF}')
            .filter_map(|c| c.to_pinyin().map(|p| p.plain().to_string()))
            .collect()
    })
}

/// Whether a capitalized word is one or two Pinyin syllables (Shengkun, Yi, Dewen), perhaps
/// joined by a hyphen (Qing-hua).
fn is_pinyin_given_name(word: &str) -> bool {
    if let Some((first, second)) = word.split_once('-') {
        let syllables = pinyin_syllables();
        return is_pinyin_given_name(first)
            && !second.contains('-')
            && second.chars().all(|c| c.is_ascii_lowercase())
            && syllables.contains(second)
            && syllables.contains(&first.to_lowercase());
    }
    let lower = word.to_lowercase();
    if !word.starts_with(|c: char| c.is_ascii_uppercase())
        || !lower.chars().all(|c| c.is_ascii_lowercase())
        || word[1..].chars().any(|c| c.is_ascii_uppercase())
    {
        return false;
    }
    let syllables = pinyin_syllables();
    syllables.contains(&lower)
        || (1..lower.len())
            .any(|i| syllables.contains(&lower[..i]) && syllables.contains(&lower[i..]))
}

/// Chinese names written in Pinyin with no title before them (co-chaired by Guo Shengkun, who
/// …): a family name the rules know and a given name of one or two syllables, standing alone
/// between words that are not capitalized, and no known name.
pub(super) fn pinyin_persons(ctx: &Ctx<'_>, stretches: &[(usize, &str)]) -> Vec<Candidate> {
    static RE: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    let re = super::names::regex(&RE, r"\b([A-Z][a-z]+) ([A-Z][a-z]+(?:-[a-z]+)?)\b");
    let mut out = Vec::new();
    for (at, s) in stretches {
        for cap in re.captures_iter(s) {
            let (Some(whole), Some(family), Some(given)) = (cap.get(0), cap.get(1), cap.get(2))
            else {
                continue;
            };
            let before = s[..whole.start()].trim_end();
            let after = s[whole.end()..].trim_start();
            let capitalized = |w: &str| w.starts_with(|c: char| c.is_ascii_uppercase());
            let word_before = before.rsplit([' ', '\n']).next().unwrap_or("");
            let word_after = after.split([' ', '\n', ',', '.', ';']).next().unwrap_or("");
            // Zhao Shiren, "China & Pakistan's Shared AI Future,": the author of a work cited
            // does not act in the text.
            let cites = [", \"", ",\"", ", “", ",“"]
                .iter()
                .any(|m| ctx.text[at + whole.end()..].starts_with(m));
            if (capitalized(word_before) && !before.ends_with(['.', ',', ';', ':']))
                || capitalized(word_after)
                || after.starts_with(['-', '\''])
                || cites
            {
                continue;
            }
            if !super::persons::is_pinyin_surname(ctx, family.as_str())
                || !is_pinyin_given_name(given.as_str())
            {
                continue;
            }
            let start = at + whole.start();
            let end = at + whole.end();
            if !ctx.ex.gazetteer.find(whole.as_str()).is_empty() {
                continue;
            }
            out.push(Candidate {
                start,
                end,
                kind: EntityType::Person,
                rule: "english-pinyin-person",
                entity: None,
            });
        }
    }
    out
}

/// Guests listed before an English attending verb with their offices in lower case (…,
/// private industry and investment adviser to prime minister Salman F Rahman, and secretary
/// (west) of ministry of foreign affairs Shabbir Ahmad Chowdhury also graced the reception):
/// each item's last two to four capitalized words, after a lower-case word that is no
/// preposition, are a person.
pub(super) fn english_guest_lists(ctx: &Ctx<'_>) -> Vec<Candidate> {
    let lex = &ctx.ex.lexicon;
    let c = &ctx.ex.compiled;
    let no_name = |w: &str| {
        c.english_heads.iter().any(|(h, _)| h == w)
            || lex.titles.english_office_words.iter().any(|o| o == w)
            || lex.english_titles.articles.iter().any(|a| a == w)
    };
    // A lower-case word that links words (of, the, and) opens no name; an office's last word
    // (minister, affairs) does.
    let link = |w: &str| {
        lex.phrases.english_prepositions.iter().any(|p| p == w)
            || lex
                .english_titles
                .articles
                .iter()
                .any(|a| a.eq_ignore_ascii_case(w))
            || lex.phrases.list_links.iter().any(|l| l == w)
    };
    let capital = |w: &str| {
        w.starts_with(|ch: char| ch.is_ascii_uppercase())
            && w.chars()
                .all(|ch| ch.is_ascii_alphabetic() || ch == '.' || ch == '-')
    };
    let mut out = Vec::new();
    for sentence in super::text::sentences(ctx.text) {
        let s = &ctx.text[sentence.clone()];
        if !s.is_ascii() {
            continue;
        }
        // The first English attending verb (graced, attended) with a list before it.
        let Some(at) = c
            .triggers
            .find_iter(s)
            .find(|m| {
                let t = &lex.triggers[c.trigger_index[m.pattern().as_usize()]];
                let word = &s[m.range()];
                t.relation == crate::model::RelationKind::Attended
                    && !word.ends_with(" by")
                    && s[..m.start()].ends_with(' ')
                    && s[m.end()..].starts_with([' ', ','])
            })
            .map(|m| m.start())
        else {
            continue;
        };
        // A list: items set off by commas.
        if !s[..at].contains(',') {
            continue;
        }
        let mut item_start = 0;
        for item in s[..at].split(',') {
            let from = item_start;
            item_start += item.len() + 1;
            let item = item.trim_end().trim_end_matches(" also");
            let words: Vec<(usize, &str)> = item
                .split(' ')
                .scan(0, |pos, w| {
                    let start = *pos;
                    *pos += w.len() + 1;
                    Some((start, w))
                })
                .filter(|(_, w)| !w.is_empty())
                .collect();
            let run = words.iter().rev().take_while(|(_, w)| capital(w)).count();
            if !(2..=4).contains(&run) || words.len() <= run {
                continue;
            }
            let (_, before) = words[words.len() - run - 1];
            let name = &words[words.len() - run..];
            if !before
                .chars()
                .all(|ch| ch.is_ascii_lowercase() || ch == ')')
                || link(before)
                || name.iter().any(|(_, w)| no_name(w))
            {
                continue;
            }
            let (last_at, last) = name[name.len() - 1];
            let start = sentence.start + from + name[0].0;
            let end = sentence.start + from + last_at + last.len();
            if ctx.ex.gazetteer.find(&ctx.text[start..end]).is_empty() {
                out.push(Candidate {
                    start,
                    end,
                    kind: EntityType::Person,
                    rule: "english-guest",
                    entity: None,
                });
            }
        }
    }
    out
}

/// English person names after a title (Prime Minister Shehbaz Sharif, President Xi Jinping)
/// or a form of address (Mr. Sun Weidong, Dr. Ahsan Iqbal).
pub(super) fn english_persons(ctx: &Ctx<'_>, stretches: &[(usize, &str)]) -> Vec<Candidate> {
    let heads = &ctx.ex.compiled.english_heads;
    let titled = stretches.iter().flat_map(|(at, s)| {
        ctx.ex
            .compiled
            .english_persons
            .captures_iter(s)
            .filter_map(move |cap| cap.get(1).map(|m| (at + m.start(), at + m.end())))
    });
    // A form of address ends with a dot that cuts stretches: it is searched in the whole text,
    // and its name stays within one line.
    let addressed = ctx
        .ex
        .compiled
        .english_addressed
        .iter()
        .flat_map(|re| re.captures_iter(ctx.text))
        .filter_map(|cap| cap.get(1).map(|m| (m.start(), m.end())))
        .filter(|&(start, end)| {
            // H.E. Mr. …: another form of address is no name (a title after one, as in
            // Mr. President, is left out below).
            let first = ctx.text[start..end].split_whitespace().next();
            !ctx.ex
                .lexicon
                .persons
                .english_honorifics
                .iter()
                .any(|h| Some(h.as_str()) == first)
        });
    titled
        .chain(addressed)
        .map(|(start, end)| {
            // Chinese Ambassador H.E. Yi Xianliang: a form of address written with its dot
            // (H.E., Mr.) opens no name.
            let mut start = start;
            loop {
                let rest = &ctx.text[start..end];
                let Some(skip) = ctx
                    .ex
                    .lexicon
                    .persons
                    .english_honorifics
                    .iter()
                    .find_map(|p| rest.strip_prefix(p.as_str())?.strip_prefix(". "))
                else {
                    break;
                };
                start = end - skip.len();
            }
            // Director General Ali Khan, Army Chief General Asim Munir: a title read as the first
            // name word belongs to the office, not the name.
            while let Some((t, _)) = ctx.ex.lexicon.title_at_start(&ctx.text[start..end]) {
                let rest = &ctx.text[start + t.len()..end];
                if t.is_ascii() && rest.starts_with(' ') {
                    start = end - rest.trim_start().len();
                } else {
                    if rest.is_empty() {
                        start = end;
                    }
                    break;
                }
            }
            (start, end)
        })
        .filter_map(|(whole_start, whole_end)| {
            // A heading running into the text: the name ends before a word opening a sentence,
            // and a headline's verb ends it too (President Ibrahim Mohamed Solih Meets with …).
            let stops = &ctx.ex.lexicon.persons.english_stops;
            let verbs = &ctx.ex.lexicon.english_titles.headline_verbs;
            let mut end = whole_end;
            let mut offset = 0;
            for (i, word) in ctx.text[whole_start..whole_end]
                .split([' ', '\t'])
                .enumerate()
            {
                if i > 0
                    && !word.is_empty()
                    && (stops.iter().any(|s| s == word) || verbs.iter().any(|v| v == word))
                {
                    end =
                        whole_start + ctx.text[whole_start..whole_start + offset].trim_end().len();
                    break;
                }
                // Spokesperson Mao Ning's Regular Press Conference: a possessive ends the name.
                if let Some(stem) = word.strip_suffix("'s").or_else(|| word.strip_suffix("’s")) {
                    end = whole_start + offset + stem.len();
                    break;
                }
                offset += word.len() + 1;
            }
            if end <= whole_start {
                return None;
            }
            let name = &ctx.text[whole_start..end];
            // Prime Minister Office, President Hotel: a head word makes it no person.
            if heads
                .iter()
                .any(|(h, _)| name.split_whitespace().any(|w| w == h))
            {
                return None;
            }
            // President Md. Abdul Hamid: a short word before a dot is an abbreviation that
            // opens the name, not the name.
            if !name.contains(char::is_whitespace)
                && name.len() <= 3
                && ctx.text[end..].starts_with('.')
            {
                return None;
            }
            Some(Candidate {
                start: whole_start,
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
pub(super) fn english_persons_with_office(
    ctx: &Ctx<'_>,
    stretches: &[(usize, &str)],
) -> Vec<Candidate> {
    let [of, apposed, title_first, after_body] = &ctx.ex.compiled.english_person_forms;
    let heads = &ctx.ex.compiled.english_heads;
    let is_head = |w: &str| heads.iter().any(|(h, _)| h == w);
    let mut out = Vec::new();
    let runs_in = |at: usize, s: &str| -> Vec<(usize, usize)> {
        of.captures_iter(s)
            .filter_map(|cap| cap.get(1).map(|m| (at + m.start(), at + m.end())))
            .collect()
    };
    let mut runs: Vec<(usize, usize)> = stretches
        .iter()
        .flat_map(|(at, s)| runs_in(*at, s))
        .collect();
    runs.reverse();
    while let Some((run_start, run_end)) = runs.pop() {
        let words: Vec<(usize, &str)> = ctx.text[run_start..run_end]
            .split(' ')
            .scan(0, |at, w| {
                let start = *at;
                *at += w.len() + 1;
                Some((start, w))
            })
            .filter(|(_, w)| !w.is_empty())
            .collect();
        let office = &ctx.ex.lexicon.titles.english_office_words;
        // The name: the words after the office's last word (Minister for Maritime Affairs
        // Qaiser Ahmed Sheikh), else the last two (three with a particle).
        // The name's words stop at a lowercase word or a title (… Qaiser Ahmed Sheikh and
        // Ambassador …).
        let is_title = |w: &str| {
            ctx.ex
                .lexicon
                .titles()
                .iter()
                .any(|(t, _)| t.is_ascii() && t.split(' ').next() == Some(w))
        };
        let is_office = |w: &str| is_head(w) || office.iter().any(|o| o == w);
        // Chinese Ambassador to Cambodia Wang Wentian and Cambodian Deputy Prime Minister …:
        // `and` after a name word and before a title (perhaps after `the` and a word or two of
        // nationality or rank) opens the next person; the run ends there, and what follows is
        // searched again.
        let articles = &ctx.ex.lexicon.english_titles.articles;
        let cut = (1..words.len()).find(|&i| {
            if words[i].1 != "and" || is_office(words[i - 1].1) {
                return false;
            }
            let mut j = i + 1;
            if words
                .get(j)
                .is_some_and(|(_, w)| articles.iter().any(|a| a.eq_ignore_ascii_case(w)))
            {
                j += 1;
            }
            (j..(j + 3).min(words.len()))
                .take_while(|&k| words[k].1.starts_with(|c: char| c.is_ascii_uppercase()))
                .any(|k| is_title(words[k].1))
        });
        let words = match cut {
            Some(i) => {
                // The next person's office may run past this run (…Spokesman at the
                // President's Office Ibrahim Hussain Shihab): searched to the line's end.
                let rest = run_start + words[i + 1].0;
                let line_end = ctx.text[rest..]
                    .find('\n')
                    .map_or(ctx.text.len(), |j| rest + j);
                runs.extend(runs_in(rest, &ctx.text[rest..line_end]).into_iter().rev());
                &words[..i]
            }
            None => &words[..],
        };
        // The words after the first run of office words, up to a lowercase word or a title.
        let after_office = words.iter().position(|(_, w)| is_office(w)).and_then(|k| {
            let mut from = words[k..]
                .iter()
                .position(|(_, w)| !is_office(w))
                .map_or(words.len(), |j| k + j);
            // Minister of Foreign Affairs and International Cooperation Prak Sokhon: after a
            // link word the office goes on to its last office word before the next link.
            while from + 1 < words.len() && matches!(words[from].1, "and" | "of" | "for") {
                let next_link = words[from + 1..]
                    .iter()
                    .position(|(_, w)| w.chars().next().is_some_and(char::is_lowercase))
                    .map_or(words.len(), |j| from + 1 + j);
                match (from + 1..next_link).rev().find(|&i| is_office(words[i].1)) {
                    Some(last) => from = last + 1,
                    None => break,
                }
            }
            let to = words[from..]
                .iter()
                .position(|(_, w)| w.chars().next().is_some_and(char::is_lowercase) || is_title(w))
                .map_or(words.len(), |j| from + j);
            (2..=4).contains(&(to - from)).then_some((from, to))
        });
        // Chairman of the China Overseas Ports Holding Company Zhang Baozhong: an office word
        // inside the body's name (Overseas) is not where the office ends; after the body's head
        // the name follows.
        let after_office = after_office.or_else(|| {
            let last = words.iter().rposition(|(_, w)| is_head(w))?;
            let from = last + 1;
            let to = words[from..]
                .iter()
                .position(|(_, w)| w.chars().next().is_some_and(char::is_lowercase) || is_title(w))
                .map_or(words.len(), |j| from + j);
            (2..=4).contains(&(to - from)).then_some((from, to))
        });
        // Rector of Tashkent State University of Oriental Studies: a body's name with no name
        // after it names no one; its last words are the body's.
        if after_office.is_none() && words.iter().any(|(_, w)| is_head(w)) {
            continue;
        }
        let (words, take) = match after_office {
            Some((from, to)) => (&words[..to], to - from),
            None if words.len() >= 4 && NAME_PARTICLES.contains(&words[words.len() - 2].1) => {
                (words, 3)
            }
            None => (words, 2),
        };
        // The office needs a word of its own before the name.
        if words.len() < take + 1 {
            continue;
        }
        let name = &words[words.len() - take..];
        let run_end = run_start + name[take - 1].0 + name[take - 1].1.len();
        if name.iter().any(|(_, w)| {
            is_head(w)
                || office.iter().any(|o| o == w)
                || w.chars().next().is_some_and(char::is_lowercase)
        }) {
            continue;
        }
        let start = run_start + name[0].0;
        out.push(Candidate {
            start,
            end: run_end,
            kind: EntityType::Person,
            rule: "english-titled-person",
            entity: None,
        });
    }
    let names = stretches.iter().flat_map(|(at, s)| {
        apposed
            .captures_iter(s)
            .chain(title_first.captures_iter(s))
            .chain(after_body.captures_iter(s))
            .filter(|cap| cap.get(2).is_none())
            .filter_map(move |cap| cap.get(1).map(|m| (at + m.start(), at + m.end())))
    });
    for (mut name_start, name_end) in names {
        if ctx.text[name_start..name_end]
            .split_whitespace()
            .any(|w| is_head(w) || w == "The")
        {
            continue;
        }
        // President Abdul Hamid, Chinese Ambassador Du Dewen, …: a title in the name, with the
        // words before it, is the person's office, not part of the name.
        let word_starts: Vec<usize> = std::iter::once(name_start)
            .chain(
                ctx.text[name_start..name_end]
                    .match_indices(' ')
                    .map(|(i, _)| name_start + i + 1),
            )
            .collect();
        let after_title = word_starts.iter().rev().find_map(|&at| {
            let (title, _) = ctx.ex.lexicon.title_at_start(&ctx.text[at..name_end])?;
            ctx.text[at + title.len()..name_end]
                .starts_with(' ')
                .then_some(at + title.len() + 1)
        });
        if let Some(after) = after_title {
            name_start = after;
            if ctx.text[name_start..name_end].split_whitespace().count() < 2 {
                continue;
            }
        }
        // …of the Ministry of Foreign Affairs Ahmed Khaleel, Under Secretary …: an office's
        // words before the name belong to the office.
        let office = &ctx.ex.lexicon.titles.english_office_words;
        if let Some(&after) = word_starts.iter().rev().find(|&&at| {
            at > name_start && {
                let before = ctx.text[name_start..at].trim_end();
                let last = before.rsplit(' ').next().unwrap_or(before);
                office.iter().any(|o| o == last)
            }
        }) {
            name_start = after;
            if ctx.text[name_start..name_end].split_whitespace().count() < 2 {
                continue;
            }
        }
        out.push(Candidate {
            start: name_start,
            end: name_end,
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
pub(super) fn english_titles(ctx: &Ctx<'_>, stretches: &[(usize, &str)]) -> Vec<Candidate> {
    stretches
        .iter()
        .flat_map(|(at, s)| {
            ctx.ex
                .compiled
                .english_titles
                .find_iter(s)
                .map(move |m| (at + m.start(), m.as_str()))
        })
        .map(|(m_start, text)| {
            let name = without_trailing_links(text);
            let mut end = m_start + name.len();
            // …between the Republic of Maldives and the People's Republic of China: the second
            // party of `between` is part of the name, `the` and all.
            if name.contains(" between ")
                && let Some(rest) = ctx.text[end..].strip_prefix(" and the ")
            {
                let taken = capitalized_run(ctx, rest, &["of", "the"]);
                if taken > 0 {
                    end += " and the ".len() + taken;
                }
                // …and the Islamic Republic of Iran on the Establishment of Comprehensive
                // Strategic Partnership: the subject after the parties is part of the name.
                for on in [" on the ", " on "] {
                    if let Some(rest) = ctx.text[end..].strip_prefix(on) {
                        let taken = capitalized_run(ctx, rest, &["of", "the", "and", "for", "in"]);
                        if taken > 0 {
                            end += on.len() + taken;
                        }
                        break;
                    }
                }
            }
            Candidate {
                start: m_start,
                end,
                kind: EntityType::Document,
                rule: "english-title",
                entity: None,
            }
        })
        .collect()
}

/// Where a meeting's name ends that goes on with the parties of its body (…Mechanism between the
/// Ministries of Foreign Affairs of Nepal and the People's Republic of China): after `end`,
/// `between [the]` and capitalized words, then perhaps `and [the]` and capitalized words.
fn with_parties(ctx: &Ctx<'_>, mut end: usize) -> usize {
    let links = ["of", "the", "for"];
    for between in [" between the ", " between "] {
        let Some(rest) = ctx.text[end..].strip_prefix(between) else {
            continue;
        };
        let taken = capitalized_run(ctx, rest, &links);
        if taken == 0 {
            return end;
        }
        end += between.len() + taken;
        for and in [" and the ", " and "] {
            if let Some(rest) = ctx.text[end..].strip_prefix(and) {
                let taken = capitalized_run(ctx, rest, &links);
                if taken > 0 {
                    end += and.len() + taken;
                }
                break;
            }
        }
        break;
    }
    end
}

/// The length of the run of capitalized words (and of `links` between them) opening `rest`, up
/// to a word a mark ends (China: 11 January …) or the line's end, without link words at its end.
fn capitalized_run(ctx: &Ctx<'_>, rest: &str, links: &[&str]) -> usize {
    let small_words = &ctx.ex.lexicon.english_titles.small_words;
    let line = rest.split(['\n', '\r']).next().unwrap_or_default();
    let mut taken: Vec<&str> = Vec::new();
    for w in line.split(' ') {
        let core = w.trim_end_matches(|c: char| !c.is_alphanumeric());
        // A title keeps its small words small: a capitalized one (Upon the invitation …) opens
        // the next sentence of a line the text ran on.
        let small = small_words.iter().any(|s| s.eq_ignore_ascii_case(core));
        let fits =
            (core.starts_with(|c: char| c.is_uppercase()) && !small) || links.contains(&core);
        if !fits || core.is_empty() {
            break;
        }
        taken.push(core);
        if core.len() < w.len() {
            break;
        }
    }
    let words = taken.join(" ");
    without_trailing_links(&words).len()
}

/// The city an English report's dateline names in capital letters at a line's start, before a
/// comma and a month (BISHKEK, March 15) or a dash (VIENTIANE --, MALE (Xinhua) --): a Place,
/// the known one its words in title case name if there is one.
fn dateline_places(ctx: &Ctx<'_>) -> Vec<Candidate> {
    static DATELINE: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    let re = super::names::regex(
        &DATELINE,
        r"(?m)^[ \t]*([A-Z][A-Z'\-]{2,}(?:[ \t]+[A-Z][A-Z'\-]{2,}){0,2})(?:,[ \t]+([A-Z][a-z]+\.?)[ \t]+\d|[ \t]*(?:\([A-Za-z ]+\)[ \t]*)?(?:--|—|–))",
    );
    let mut out = Vec::new();
    for cap in re.captures_iter(ctx.text) {
        let Some(g) = cap.get(1) else { continue };
        // After a comma, the word before the day is a month's name.
        if cap
            .get(2)
            .is_some_and(|m| !crate::ingest::dates::is_month_name(m.as_str()))
        {
            continue;
        }
        let name = dateline_name(g.as_str());
        let known = ctx.ex.gazetteer.find(&name).into_iter().find_map(|m| {
            let e = &ctx.ex.gazetteer.entries()[m.entry];
            (m.start == 0
                && m.end == name.len()
                && matches!(e.kind, EntityType::Place | EntityType::Country))
            .then(|| (e.id.clone(), e.kind))
        });
        out.push(Candidate {
            start: g.start(),
            end: g.end(),
            kind: known.as_ref().map_or(EntityType::Place, |(_, k)| *k),
            rule: "english-dateline",
            entity: known.map(|(id, _)| id),
        });
    }
    out
}

/// A dateline's city in title case (NAY PYI TAW → Nay Pyi Taw).
pub(super) fn dateline_name(caps: &str) -> String {
    caps.split(' ')
        .map(|w| super::text::capitalized(&w.to_lowercase()))
        .collect::<Vec<_>>()
        .join(" ")
}

/// English occasions named in quotation marks (' ', " ", ‘ ’, “ ”): capitalized words and the
/// small words of names, ending in one of `english_titles.quoted_event_heads` and perhaps a
/// year, without the article opening them.
fn quoted_events(ctx: &Ctx<'_>) -> Vec<Candidate> {
    let titles = &ctx.ex.lexicon.english_titles;
    if titles.quoted_event_heads.is_empty() {
        return Vec::new();
    }
    let small = &titles.phrase_small_words;
    let mut out = Vec::new();
    for (open, close) in [('\'', '\''), ('"', '"'), ('‘', '’'), ('“', '”')] {
        let mut from = 0;
        while let Some(i) = ctx.text[from..].find(open) {
            let start = from + i + open.len_utf8();
            from = start;
            // An apostrophe inside a word (China's) opens nothing.
            if open == '\''
                && ctx.text[..start - 1]
                    .chars()
                    .next_back()
                    .is_some_and(char::is_alphanumeric)
            {
                continue;
            }
            let Some(len) = ctx.text[start..].find(close).filter(|&l| l > 0 && l <= 160) else {
                continue;
            };
            let inner = &ctx.text[start..start + len];
            from = start + len + close.len_utf8();
            if !inner.is_ascii() || inner.contains('\n') {
                continue;
            }
            let words: Vec<&str> = inner.split_whitespace().collect();
            let named = words.len() >= 2
                && words.iter().all(|w| {
                    w.starts_with(|c: char| c.is_ascii_uppercase() || c.is_ascii_digit())
                        || small.iter().any(|s| s == w)
                });
            let last = words
                .iter()
                .rev()
                .find(|w| !w.chars().all(|c| c.is_ascii_digit()))
                .copied()
                .unwrap_or_default();
            if !named || !titles.quoted_event_heads.iter().any(|h| h == last) {
                continue;
            }
            // The article opening the quote is no part of the name.
            let skip = titles
                .articles
                .iter()
                .find_map(|a| inner.strip_prefix(a.as_str())?.strip_prefix(' '))
                .map_or(0, |rest| inner.len() - rest.len());
            out.push(Candidate {
                start: start + skip,
                end: start + len,
                kind: EntityType::Event,
                rule: "english-quoted-event",
                entity: None,
            });
        }
    }
    out
}

/// The length of the lower-case noun naming what a ceremony is held for at the start of `rest`
/// (` building`, ` housing project`; `english_titles.ceremony_object_nouns`, perhaps after one
/// lower-case word), with its phase in brackets after it (` (phase III)`); `None` without one.
fn ceremony_object_noun(ctx: &Ctx<'_>, rest: &str) -> Option<usize> {
    let nouns = &ctx.ex.lexicon.english_titles.ceremony_object_nouns;
    let noun_at = |r: &str| {
        nouns.iter().find_map(|n| {
            r.strip_prefix(n.as_str())
                .filter(|t| !t.starts_with(|c: char| c.is_alphanumeric()))
                .map(|_| n.len())
        })
    };
    let r = rest.strip_prefix(' ')?;
    let mut len = 1 + match noun_at(r) {
        Some(n) => n,
        None => {
            let (word, after) = r.split_once(' ')?;
            if word.is_empty() || !word.chars().all(|c| c.is_ascii_lowercase()) {
                return None;
            }
            word.len() + 1 + noun_at(after)?
        }
    };
    if let Some(inner) = rest[len..].strip_prefix(" (")
        && let Some(close) = inner.find(')')
        && let Some(phase) = inner[..close]
            .strip_prefix("phase ")
            .or_else(|| inner[..close].strip_prefix("Phase "))
        && !phase.is_empty()
        && phase.chars().all(|c| c.is_ascii_alphanumeric())
    {
        len += 2 + close + 1;
    }
    Some(len)
}

/// `name` without the link words a pattern took at its end (… on International Cooperation and).
fn without_trailing_links(mut name: &str) -> &str {
    let links = ["of", "and", "for", "on", "in", "the", "between"];
    while let Some((rest, last)) = name.rsplit_once(' ') {
        if !links.contains(&last) {
            break;
        }
        name = rest;
    }
    name
}

/// The name without the known place it was held in at its end (the 6th meeting of the JCC in
/// Beijing is the 6th meeting of the JCC).
fn without_place<'t>(ctx: &Ctx<'_>, name: &'t str) -> &'t str {
    let Some((head, place)) = name.rsplit_once(" in ") else {
        return name;
    };
    let gaz = &ctx.ex.gazetteer;
    let known = gaz.find(place).iter().any(|g| {
        g.start == 0
            && g.end == place.len()
            && matches!(
                gaz.entries()[g.entry].kind,
                EntityType::Place | EntityType::Country
            )
    });
    if known { head } else { name }
}

/// Numbered occurrences of a body's meetings written head first (The 4th meeting of CPEC Joint
/// Working Group on International Cooperation and Coordination was held …): an ordinal, a head
/// of `occurrence_heads` in any case, `of` (and `the`) and capitalized words joined by `of`,
/// `and`, `for`, `on`, `in` — an Event, without a trailing link word.
pub(super) fn english_occurrences(ctx: &Ctx<'_>, stretches: &[(usize, &str)]) -> Vec<Candidate> {
    let mut out: Vec<Candidate> = Vec::new();
    if let Some(re) = &ctx.ex.compiled.english_occurrences {
        let bracketed = stretches_with_brackets(ctx);
        out.extend(
            bracketed
                .iter()
                .flat_map(|(at, s)| re.find_iter(s).map(move |m| (at + m.start(), m.as_str())))
                .map(|(start, text)| {
                    // …attended the meeting of …: the verb and `the` are no part of the name.
                    let verb = ctx.ex.lexicon.events.held_before.iter().find_map(|v| {
                        text.strip_prefix(v.as_str())?.strip_prefix(" the ")?;
                        Some(v.len() + " the ".len())
                    });
                    let (start, text) = match verb {
                        Some(n) => (start + n, &text[n..]),
                        None => (start, text),
                    };
                    let mut name = without_trailing_links(text);
                    // …of the 76th session of the United Nations General Assembly and Minister
                    // for Foreign Affairs of Maldives: `and` before a title ends the name.
                    if let Some(i) = name.match_indices(" and ").map(|(i, _)| i).find(|&i| {
                        ctx.ex
                            .lexicon
                            .title_at_start(&name[i + " and ".len()..])
                            .is_some_and(|(t, _)| t.is_ascii())
                    }) {
                        name = without_trailing_links(&name[..i]);
                    }
                    let weekdays = &ctx.ex.lexicon.english_titles.weekdays;
                    while let Some((rest, last)) = name.rsplit_once(' ')
                        && weekdays.iter().any(|d| d == last)
                    {
                        name = without_trailing_links(rest);
                    }
                    let name = without_place(ctx, name);
                    Candidate {
                        start,
                        end: with_parties(ctx, start + name.len()),
                        kind: EntityType::Event,
                        rule: "english-occurrence",
                        entity: None,
                    }
                }),
        );
    }
    // A reception at the Chinese Embassy in Dhaka: an event the text introduces without a
    // name is called by its kind and place.
    if let Some(re) = &ctx.ex.compiled.english_described_events {
        for (at, s) in stretches {
            for cap in re.captures_iter(s) {
                let (Some(article), Some(g)) = (
                    cap.get(1).or_else(|| cap.get(3)).or_else(|| cap.get(5)),
                    cap.get(2).or_else(|| cap.get(4)).or_else(|| cap.get(6)),
                ) else {
                    continue;
                };
                // The reception at the embassy: a definite one is the event the text named
                // before, if it named one (see `mentions::rule_candidates`).
                let rule = if article.as_str().eq_ignore_ascii_case("the") {
                    "english-described-event-definite"
                } else {
                    "english-described-event"
                };
                // A handover ceremony of the … Hospital was held in Gwadar: the description
                // ends where the sentence's verb starts.
                let whole = g.as_str();
                let whole = ctx
                    .ex
                    .lexicon
                    .english_titles
                    .description_ends
                    .iter()
                    .filter_map(|v| whole.find(&format!(" {v} ")))
                    .min()
                    .map_or(whole, |i| &whole[..i]);
                let text = without_trailing_links(whole);
                out.push(Candidate {
                    start: at + g.start(),
                    end: at + g.start() + text.len(),
                    kind: EntityType::Event,
                    rule,
                    entity: None,
                });
            }
        }
    }
    // 'The Belt and Road Initiative in Bangladesh Exhibition 2023': a quoted name of an occasion.
    out.extend(quoted_events(ctx));
    // GWADAR, May 14 --: the city a report's dateline names in capitals.
    out.extend(dateline_places(ctx));
    // …attended the inauguration ceremony.: a ceremony of a kind the report names no further is
    // an event all the same, the one this report is about (see `mentions::rule_candidates` for
    // when it is another's). What it is held for, or where, makes a name the patterns before
    // and after find.
    if let Some(re) = &ctx.ex.compiled.english_bare_ceremonies {
        for (at, s) in stretches {
            for cap in re.captures_iter(s) {
                let Some(g) = cap.get(1) else { continue };
                let rest = &s[g.end()..];
                let described = ctx
                    .ex
                    .lexicon
                    .english_titles
                    .description_openers
                    .iter()
                    .any(|w| {
                        rest.strip_prefix(' ')
                            .and_then(|r| r.strip_prefix(w))
                            .is_some_and(|r| r.starts_with(' '))
                    });
                if described {
                    continue;
                }
                out.push(Candidate {
                    start: at + g.start(),
                    end: at + g.end(),
                    kind: EntityType::Event,
                    rule: "english-bare-ceremony",
                    entity: None,
                });
            }
        }
    }
    // The handover ceremony of the China-Pakistan Friendship Hospital: a ceremony held for a
    // thing that is no event is an event of its own; held for an event (the opening ceremony
    // of the Third … Expo), it is part of that one.
    for re in ctx.ex.compiled.english_ceremonies.iter().flatten() {
        for (at, s) in stretches {
            for cap in re.captures_iter(s) {
                let Some(whole) = cap.get(0) else { continue };
                let name_first = cap.get(2);
                let Some(name) = name_first.or(cap.get(1)) else {
                    continue;
                };
                let name_text = if name_first.is_some() {
                    name.as_str()
                } else {
                    without_trailing_links(name.as_str())
                };
                let name_text = name_text[after_headline_verb(ctx, name_text)..].trim_start();
                if name_text.is_empty() {
                    continue;
                }
                // The Opening Ceremony, A Signing Ceremony: an article opens no name, and an
                // article alone or generic words are none before the kind.
                let articles = &ctx.ex.lexicon.english_titles.articles;
                let name_text = articles
                    .iter()
                    .find_map(|a| name_text.strip_prefix(a.as_str())?.strip_prefix(' '))
                    .unwrap_or(name_text);
                if articles.iter().any(|a| a == name_text) || all_generic(ctx, name_text) {
                    continue;
                }
                let last = name_text.rsplit(' ').next().unwrap_or_default();
                let of_event =
                    ctx.ex.compiled.english_heads.iter().any(|(h, k)| {
                        *k == EntityType::Event && h.rsplit(' ').next() == Some(last)
                    }) || ctx.ex.gazetteer.find(name_text).iter().any(|g| {
                        g.end == name_text.len()
                            && ctx.ex.gazetteer.entries()[g.entry].kind == EntityType::Event
                    });
                if of_event {
                    continue;
                }
                let (start, mut end) = if name_first.is_some() {
                    (at + name.end() - name_text.len(), at + whole.end())
                } else {
                    (at + whole.start(), at + name.start() + name_text.len())
                };
                // …of the Mahosot General Hospital building: the thing's lower-case noun.
                // …of the Maldives Vinares housing project (phase III): one lower-case word may
                // stand before the noun, and the phase in brackets after it.
                if name_first.is_none()
                    && let Some(len) = ceremony_object_noun(ctx, &ctx.text[end..])
                {
                    end += len;
                }
                out.push(Candidate {
                    start,
                    end,
                    kind: EntityType::Event,
                    rule: "english-occurrence",
                    entity: None,
                });
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Byte ranges of matches.
    type Spans = Vec<(usize, usize)>;

    /// Every match of `re` in `text`, found in the whole text and in the stretches.
    fn both_ways(re: &regex::Regex, text: &str, cuts: &Cuts) -> (Spans, Spans) {
        let whole = re.find_iter(text).map(|m| (m.start(), m.end())).collect();
        let parts = stretches_of(text, cuts)
            .into_iter()
            .flat_map(|(at, s)| re.find_iter(s).map(move |m| (at + m.start(), at + m.end())))
            .collect();
        (whole, parts)
    }

    #[test]
    fn cut_characters_are_not_word_characters() {
        let word = regex::Regex::new(r"\w").unwrap();
        let cuts = Cuts::new([]);
        for c in ASCII_CUTS
            .chars()
            .chain(OTHER_CUTS.chars())
            .chain(['\n', '\r'])
        {
            assert!(cuts.cuts(c), "{c:?} cuts");
            assert!(!word.is_match(&c.to_string()), "{c:?} is a word character");
        }
        // A character a head word or title spells is kept.
        assert!(!Cuts::new(["H.E."]).cuts('.'));
        assert!(!cuts.cuts('\'') && !cuts.cuts(',') && !cuts.cuts('-') && !cuts.cuts(' '));
    }

    #[test]
    fn the_english_patterns_match_the_same_in_stretches_as_in_the_whole_text() {
        let ex = super::super::rule_tests::extractor();
        let c = &ex.compiled;
        let mut texts: Vec<String> = ["../shared/corpus", "data"]
            .iter()
            .filter_map(|d| std::fs::read_dir(d).ok())
            .flatten()
            .filter_map(|e| std::fs::read_to_string(e.ok()?.path()).ok())
            .collect();
        texts.push(
            "中国Pakistan Port的建设。Gwadar Port的港口，Gwadar East Bay Expressway；\
             H.E. President Xi Jinping会见Prime Minister Shehbaz Sharif (Pakistan).\n\
             Minister of Commerce Wang Wentao, Mohamed Saeed, Minister of Economic Development \
             signed the Agreement on Economic and Technical Cooperation between China and \
             Nepal。Memorandum of Understanding（MoU）\r\nThe Ministry of Foreign Affairs"
                .to_string(),
        );
        let patterns = [
            &c.english_names,
            &c.english_persons,
            &c.english_titles,
            &c.english_person_forms[0],
            &c.english_person_forms[1],
            &c.english_person_forms[2],
            &c.english_person_forms[3],
        ];
        let mut matched = 0;
        for text in &texts {
            for re in patterns {
                let (whole, parts) = both_ways(re, text, &c.english_cuts);
                assert_eq!(whole, parts, "{re}");
                matched += whole.len();
            }
        }
        assert!(matched > 10, "{matched} matches");
    }
}
