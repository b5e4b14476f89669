//! Relations the shape of a phrase states without a trigger word: titles (巴基斯坦总理夏巴兹 →
//! leaderOf), adjacency (巴基斯坦卡拉奇 → locatedIn; 中巴经济走廊“五大走廊” → partOf), lists in
//! brackets after a name (partOf), and the parties that issued a named text.

use std::ops::Range;

use super::mentions::{Found, Mention};
use super::relations::Actor;
use super::{Ctx, DocumentText, fallback_date, text};
use crate::ingest::dates::find_dates;
use crate::model::{EntityType, FactDate, Relation, RelationKind};

pub(super) fn find(
    ctx: &Ctx<'_>,
    found: &Found,
    doc: &DocumentText<'_>,
    parties: &[String],
) -> Vec<Relation> {
    let actors = super::relations::actors(ctx, found, parties);
    let mut out = Vec::new();
    let mut previous: Vec<&Mention> = Vec::new();
    for sentence in text::sentences(ctx.text) {
        let ms: Vec<&Mention> = found.within(sentence.start, sentence.end).collect();
        let date = find_dates(&ctx.text[sentence.clone()])
            .first()
            .map(|d| d.date)
            .or_else(|| fallback_date(doc.meta));
        let mut add = |s: &str, kind: RelationKind, o: &str, role: Option<String>, rule: &str| {
            if s != o {
                out.push(Relation {
                    subject: s.to_string(),
                    kind,
                    object: o.to_string(),
                    date,
                    role,
                    evidence: ctx.evidence(doc, sentence.clone(), rule.to_string()),
                    confidence: None,
                    curated: None,
                });
            }
        };
        for (i, m) in ms.iter().enumerate() {
            if m.kind == EntityType::Person {
                for (org, title) in leader_roles(ctx, &ms, i, date, parties) {
                    add(
                        &m.entity,
                        RelationKind::LeaderOf,
                        &org,
                        Some(title),
                        "pattern:title",
                    );
                }
            }
        }
        for (s, kind, o, rule) in adjacency(ctx, &ms) {
            add(&s, kind, &o, None, rule);
        }
        for (s, o) in part_copulas(ctx, &ms) {
            add(&s, RelationKind::PartOf, &o, None, "pattern:part-copula");
        }
        for (s, o) in visit_openings(ctx, &ms) {
            add(&s, RelationKind::Visited, &o, None, "pattern:visit-opening");
        }
        // A heading naming a counted group, and the sentence under it listing the members.
        for (s, kind, o, rule) in counted_members(ctx, &previous, &ms) {
            add(&s, kind, &o, None, rule);
        }
        let acts: Vec<&Actor> =
            super::relations::starting_in(&actors, sentence.start, sentence.end)
                .iter()
                .filter(|a| a.start >= sentence.start && a.end <= sentence.end)
                .collect();
        for (s, kind, o, rule) in phrases(ctx, &acts) {
            add(&s, kind, &o, None, rule);
        }
        // 喀喇昆仑公路二期, …（塔科特至雷克特段）改线项目: a phase or section of a known project.
        for m in ms.iter().filter(|m| m.kind == EntityType::Project) {
            let surface = &ctx.text[m.start..m.end];
            let whole = ctx.ex.gazetteer.find(surface).into_iter().find(|g| {
                let e = &ctx.ex.gazetteer.entries()[g.entry];
                g.start == 0
                    && g.end < surface.len()
                    && e.kind == EntityType::Project
                    && e.id != m.entity
                    && ctx
                        .ex
                        .lexicon
                        .phrases
                        .phase_words
                        .iter()
                        .any(|w| surface[g.end..].contains(w.as_str()))
            });
            if let Some(g) = whole {
                let id = ctx.ex.gazetteer.entries()[g.entry].id.clone();
                add(&m.entity, RelationKind::PartOf, &id, None, "pattern:phase");
            }
        }
        // A project whose name starts with a place lies there (巴基斯坦1号铁路干线升级改造项目,
        // 拉合尔轨道交通橙线).
        for m in ms.iter().filter(|m| m.kind == EntityType::Project) {
            let surface = &ctx.text[m.start..m.end];
            // A known organization opening the name owns the project: 中国石化… is a company's
            // project, not China's.
            let company = ctx.ex.gazetteer.find(surface).iter().any(|g| {
                g.start == 0 && ctx.ex.gazetteer.entries()[g.entry].kind == EntityType::Organization
            });
            let place = ctx.ex.compiled.place_names.iter().find(|(n, _)| {
                // The place must end a word (Gwadar Port, not Gwadarport).
                let end = m.start + n.len();
                let ends_word = || {
                    if n.is_ascii() {
                        surface[n.len()..].starts_with(' ')
                    } else {
                        ctx.ends_token(end)
                    }
                };
                // 中国-东盟自贸区, 中国巴基斯坦…: a name of two parties lies in neither.
                // China Pakistan Economic Corridor: in English the second party may follow after
                // a space.
                let two_parties = || {
                    let rest = &surface[n.len()..];
                    let rest = if n.is_ascii() {
                        rest.trim_start()
                    } else {
                        rest
                    };
                    rest.starts_with(['-', '—', '－', '–'])
                        || ctx
                            .ex
                            .compiled
                            .place_names
                            .iter()
                            .any(|(other, _)| rest.starts_with(other.as_str()))
                };
                !company
                    && surface.len() > n.len()
                    && surface.starts_with(n.as_str())
                    && ends_word()
                    && !two_parties()
            });
            // 中国援孟加拉国应急管理中心项目: a place before an aid word gives the aid; the project
            // lies in the place aided, named right after the word.
            let aid = &ctx.ex.lexicon.boundary.aid_words;
            let place = match place {
                Some((n, _)) => {
                    let rest = &surface[n.len()..];
                    match aid.iter().find_map(|w| rest.strip_prefix(w.as_str())) {
                        Some(aided) => ctx
                            .ex
                            .compiled
                            .place_names
                            .iter()
                            .filter(|(other, _)| aided.starts_with(other.as_str()))
                            .max_by_key(|(other, _)| other.len())
                            .map(|(_, id)| id),
                        None => place.map(|(_, id)| id),
                    }
                }
                None => None,
            };
            if let Some(place) = place {
                add(
                    &m.entity,
                    RelationKind::LocatedIn,
                    place,
                    None,
                    "pattern:place-prefix",
                );
            }
        }
        // Nepal's National Assembly, the Central Bank of Sri Lanka, 巴基斯坦商务部: a body named
        // with its country lies in it. A known body too, when its English name as written holds
        // the country (the Communist Party of China, not the CPC); a known Chinese name is matched
        // whole (中国共产党), its country no word of its own.
        // 中国驻哈萨克斯坦阿克托别市总领事馆, the Chinese Embassy in Nepal: a mission lies in the
        // country its name writes in full, and in the known city it names.
        for m in ms.iter().filter(|m| m.rule == "mission") {
            let Some(mission) = found
                .missions
                .iter()
                .find(|x| x.start == m.start && x.end == m.end)
            else {
                continue;
            };
            if mission.host_in_full
                && let Some(host) = &mission.host
            {
                add(
                    &m.entity,
                    RelationKind::LocatedIn,
                    host,
                    None,
                    "pattern:mission-host",
                );
            }
            if let Some(place) = mission.city.as_ref().and_then(|c| c.place.as_ref()) {
                add(
                    &m.entity,
                    RelationKind::LocatedIn,
                    place,
                    None,
                    "pattern:mission-host",
                );
            }
        }
        for m in ms.iter().filter(|m| {
            // A news agency in a dateline (中国青年网北京…电) is cited, not placed.
            m.kind == EntityType::Organization && !matches!(m.rule, "mission" | "dateline")
        }) {
            if let Some(country) = country_of_body(ctx, &ctx.text[m.start..m.end]) {
                add(
                    &m.entity,
                    RelationKind::LocatedIn,
                    &country,
                    None,
                    "pattern:country-body",
                );
            }
        }
        previous = ms;
    }
    out
}

/// The country a body's name holds as its owner: `Country's Body` or `Body of [the] Country` in
/// English, a country's whole name opening it in Chinese (巴基斯坦商务部).
fn country_of_body(ctx: &Ctx<'_>, surface: &str) -> Option<String> {
    let gaz = &ctx.ex.gazetteer;
    if ctx
        .ex
        .lexicon
        .places
        .company_heads
        .iter()
        .any(|h| surface.contains(h.as_str()))
    {
        return None;
    }
    if !surface.is_ascii() && !surface.contains('’') {
        // 巴基斯坦商务部, 孟加拉国国民议会: a Chinese body's name opening with a country's whole
        // name lies in it — not one of a pair or a region (中国-南亚合作论坛, 中国中亚合作论坛).
        let found = gaz.find(surface);
        let first = found.first().filter(|g| {
            g.start == 0
                && g.end < surface.len()
                && gaz.entries()[g.entry].kind == EntityType::Country
        })?;
        let rest = &surface[first.end..];
        let paired = found.iter().any(|g| {
            g.start == first.end
                && matches!(
                    gaz.entries()[g.entry].kind,
                    EntityType::Country | EntityType::Place
                )
        });
        let han = rest.chars().next().is_some_and(super::boundary::is_han);
        return (han && !paired).then(|| gaz.entries()[first.entry].id.clone());
    }
    let country = |name: &str| {
        gaz.find(name).into_iter().find_map(|g| {
            let e = &gaz.entries()[g.entry];
            (g.start == 0 && g.end == name.len() && e.kind == EntityType::Country)
                .then(|| e.id.clone())
        })
    };
    let owner = surface
        .split_once("'s ")
        .or_else(|| surface.split_once("’s "))
        .map(|(owner, _)| owner);
    let of_country = surface
        .rsplit_once(" of the ")
        .or_else(|| surface.rsplit_once(" of "))
        .map(|(_, owner)| owner);
    // The Chinese Enterprises Association in Bangladesh: the country the body is in ends it.
    let in_country = surface.rsplit_once(" in ").map(|(_, place)| place);
    // China International Development Cooperation Agency, Bangladesh Shilpakala Academy: a body
    // whose name opens with a country's whole name — not one of a pair (China Pakistan …).
    let leading = || {
        gaz.find(surface).into_iter().find_map(|g| {
            let e = &gaz.entries()[g.entry];
            let rest = surface[g.end..].strip_prefix(' ')?;
            let paired = gaz.find(rest).iter().any(|o| {
                o.start == 0
                    && matches!(
                        gaz.entries()[o.entry].kind,
                        EntityType::Country | EntityType::Place
                    )
            });
            (g.start == 0
                && e.kind == EntityType::Country
                && rest.starts_with(|c: char| c.is_ascii_uppercase())
                && !paired)
                .then(|| e.id.clone())
        })
    };
    owner
        .and_then(country)
        .or_else(|| of_country.and_then(country))
        .or_else(|| in_country.and_then(country))
        .or_else(leading)
}

/// The English title of the rules that the last one to three lower-case words of `before` are,
/// written with capitals (executive chairman → Executive Chairman), with whether it leads.
fn lower_case_english_title<'a>(ctx: &'a Ctx<'_>, before: &str) -> Option<(&'a str, bool)> {
    let words: Vec<&str> = before.rsplit(' ').take(3).collect();
    (1..=words.len()).rev().find_map(|n| {
        let tail = &words[..n];
        if !tail
            .iter()
            .all(|w| !w.is_empty() && w.chars().all(|c| c.is_ascii_lowercase()))
        {
            return None;
        }
        let capitalized: Vec<String> = tail
            .iter()
            .rev()
            .map(|w| super::text::capitalized(w))
            .collect();
        let phrase = capitalized.join(" ");
        ctx.ex
            .lexicon
            .titles()
            .iter()
            .find(|(t, _)| *t == phrase)
            .map(|(t, l)| (t.as_str(), *l))
    })
}

/// The organizations a person leads as the titles around the name state, with the title.
fn leader_roles(
    ctx: &Ctx<'_>,
    ms: &[&Mention],
    i: usize,
    date: Option<FactDate>,
    parties: &[String],
) -> Vec<(String, String)> {
    let lex = &ctx.ex.lexicon;
    let person = ms[i];
    let mut titles: Vec<(String, bool, Option<String>)> = Vec::new();
    // Before the name: [Org|Country] title (、 [Org|Country] title)* [时任] Name
    let mut pos = person.start;
    loop {
        let before = &ctx.text[..pos];
        // English titles stand a space before the name (President Mohamed Muizzu).
        let before = lex.strip_title_infix(before).trim_end_matches(' ');
        // Prime Minister Dr. Harini Amarasuriya: a form of address may stand between.
        let before = lex.persons.strip_english_honorifics(before);
        // BCCCI president Gazi Golam Murtoza: news writes an English title in lower case after
        // the body it holds; then only that body, a space before, owns it.
        let (title, leads, lower) = match lex.title_at_end(before) {
            Some((title, leads)) => (title, leads, false),
            None => match lower_case_english_title(ctx, before) {
                Some((title, leads)) => (title, leads, true),
                None => break,
            },
        };
        let title_start = before.len() - title.len();
        // 巴基斯坦时任总理: a word may stand between the owner and the title too.
        let owner_end = lex.strip_title_infix(&ctx.text[..title_start]).len();
        // Pakistan's Prime Minister: an English possessive stands between owner and title.
        let possessive =
            |m: &&&Mention| matches!(ctx.text.get(m.end..title_start), Some("'s " | "’s "));
        // China International Development Cooperation Agency (CIDCA) Chairman, 中国国际发展合作署
        // （国合署）署长: the body's short form in brackets may stand between it and the title.
        let bracketed = |m: &&&Mention| {
            ctx.text.get(m.end..title_start).is_some_and(|gap| {
                let gap = gap.trim();
                let inner = gap
                    .strip_prefix(['(', '（'])
                    .and_then(|g| g.strip_suffix([')', '）']));
                inner.is_some_and(|t| {
                    !t.is_empty()
                        && t.chars().count() <= 12
                        && !t.contains(['(', ')', '（', '）', ',', '，', '、'])
                })
            })
        };
        // BFA Chairman Ban Ki-moon: an English body's name a space before the title owns it.
        let spaced = |m: &&&Mention| {
            ctx.text.get(m.end..title_start) == Some(" ") && ctx.text[m.start..m.end].is_ascii()
        };
        let owner = ms[..i].iter().rev().find(|m| {
            (m.end == title_start
                || m.end == owner_end
                || possessive(m)
                || bracketed(m)
                || spaced(m))
                && matches!(m.kind, EntityType::Country | EntityType::Organization)
        });
        if lower && !owner.is_some_and(|m| spaced(&m)) {
            break;
        }
        // The head of a body named right before the title leads that body (商务部部长高虎城,
        // 外交部边界与海洋事务司司长洪亮); a deputy's title is another word (副部长).
        let heads_body = owner.is_some_and(|m| m.kind == EntityType::Organization)
            && lex.titles.body_heads.iter().any(|h| h == title);
        // Nepali Prime Minister: a country's adjective before an English title is its owner.
        let demonym_owner = || {
            let before = ctx.text[..title_start].strip_suffix(' ')?;
            ctx.ex.compiled.demonyms.iter().find_map(|(d, id)| {
                let rest = before.strip_suffix(d.as_str())?;
                let past = lex
                    .titles
                    .english_past
                    .iter()
                    .any(|w| rest.trim_end().ends_with(w.as_str()));
                (!rest.ends_with(|c: char| c.is_alphanumeric()) && !past).then(|| id.clone())
            })
        };
        // 前总理卡纳尔: a past office leads nothing now.
        let past = lex
            .titles
            .past
            .iter()
            .find(|w| ctx.text[..title_start].ends_with(w.as_str()));
        if past.is_none() {
            titles.push((
                title.to_string(),
                leads || heads_body,
                owner.map(|m| m.entity.clone()).or_else(demonym_owner),
            ));
        }
        // 人民联盟主席、政府总理哈西娜: with no owner, the list goes on before the title's infix.
        let bare_start = past.map_or(owner_end, |w| title_start - w.len());
        pos = owner.map_or(bare_start, |m| m.start);
        match ctx.text[..pos].strip_suffix('、') {
            Some(rest) => pos = rest.len(),
            None => break,
        }
    }
    // English offices named with `of`: Chairman of Nepal's National Assembly Ganesh Prasad
    // Timilsina (before the name), Sheikh Hasina, Prime Minister of Bangladesh (after it).
    titles.extend(english_offices_of(ctx, ms, i));
    // A title the name itself opens with (the alias President Xi).
    let surface = &ctx.text[person.start..person.end];
    if let Some((title, leads)) = lex.title_at_start(surface)
        && surface.len() > title.len()
    {
        titles.push((title.to_string(), leads, None));
    }
    // After the name: Name title (、title)*
    let mut pos = person.end;
    while let Some((title, leads)) = lex.title_at_start(&ctx.text[pos..]) {
        titles.push((title.to_string(), leads, None));
        pos += title.len();
        if ctx.text[pos..].starts_with('、') {
            pos += '、'.len_utf8();
        } else {
            break;
        }
    }
    let entry = ctx.ex.gazetteer.get(&person.entity);
    let mut out = Vec::new();
    for (title, leads, owner) in titles {
        if !leads {
            continue;
        }
        match owner {
            Some(org) => out.push((org, title)),
            None if entry.is_none() => {
                // 总理贾亚拉特纳 in a text between China and one other country: a foreign name
                // with a head of state's or government's title and no owner heads that country.
                if let Some(country) = counterpart_head(ctx, person, &title, parties) {
                    out.push((country, title));
                }
            }
            None => {
                // The office the gazetteer knows this person held under this title then: the
                // title itself, else the shortest office ending in it (主席 → 国家主席, not
                // 中央军委主席).
                if let Some(e) = entry {
                    // An English title stands for the offices the rules map it to.
                    let offices: Vec<&str> = match lex.titles.english.get(&title) {
                        Some(zh) => zh.iter().map(String::as_str).collect(),
                        None => vec![title.as_str()],
                    };
                    let held: Vec<_> = e
                        .roles
                        .iter()
                        .filter(|r| offices.iter().any(|o| r.role.ends_with(o)) && r.held_at(date))
                        .collect();
                    let exact: Vec<_> = held
                        .iter()
                        .filter(|r| offices.contains(&r.role.as_str()))
                        .collect();
                    let chosen: Vec<_> = if exact.is_empty() {
                        let shortest = held.iter().map(|r| r.role.chars().count()).min();
                        held.iter()
                            .filter(|r| Some(r.role.chars().count()) == shortest)
                            .collect()
                    } else {
                        exact
                    };
                    for role in chosen {
                        out.push((role.of.clone(), title.clone()));
                    }
                }
            }
        }
    }
    out.sort();
    out.dedup();
    out
}

/// The one party other than the texts' own country (`persons.own_country`) of a text between
/// two, when `person` is named as foreigners' names are written (a transliteration, or English)
/// and `title` heads a state or government (`titles.counterpart_heads`).
fn counterpart_head(
    ctx: &Ctx<'_>,
    person: &Mention,
    title: &str,
    parties: &[String],
) -> Option<String> {
    let lex = &ctx.ex.lexicon;
    if !lex.titles.counterpart_heads.iter().any(|t| t == title) {
        return None;
    }
    // The title stands right before the name, and nothing before it owns or qualifies it: a
    // mark, a word that ends names (会见, 同), or in English a small word (Former Pakistani
    // President, 代理总理 are no heads of the counterpart).
    let before = ctx.text[..person.start].trim_end_matches(' ');
    let pre = before.strip_suffix(title)?.trim_end_matches(' ');
    let free = match pre.chars().next_back() {
        None => true,
        Some(c) if super::boundary::is_han(c) => lex
            .persons
            .left_stops
            .iter()
            .any(|w| pre.ends_with(w.as_str())),
        Some(c) if c.is_ascii_alphabetic() => {
            pre.rsplit(' ')
                .next()
                .is_some_and(|w| w.starts_with(|c: char| c.is_ascii_lowercase()))
                && !lex
                    .titles
                    .english_past
                    .iter()
                    .any(|w| pre.ends_with(w.as_str()))
        }
        Some(c) => !c.is_alphanumeric(),
    };
    if !free {
        return None;
    }
    let name = &ctx.text[person.start..person.end];
    let sounds = &lex.persons.transliteration_chars;
    let foreign = name.contains('·')
        || name.is_ascii()
        || (name.chars().count() >= 3 && name.chars().all(|c| sounds.contains(c)));
    let own = lex.persons.own_country();
    let others: Vec<&String> = parties.iter().filter(|p| own != Some(p.as_str())).collect();
    match (foreign, parties.len(), others.as_slice()) {
        (true, 2, [one]) => Some((*one).clone()),
        _ => None,
    }
}

/// The English offices of the person `ms[i]` written with `of` and the body or country they
/// are of: `Title of [the] Owner Name` and `Name, Title of [the] Owner`. Each with whether it
/// leads (a top title, or a body's head title before a body).
fn english_offices_of(
    ctx: &Ctx<'_>,
    ms: &[&Mention],
    i: usize,
) -> Vec<(String, bool, Option<String>)> {
    let lex = &ctx.ex.lexicon;
    let person = ms[i];
    let owner_kind = |m: &Mention| matches!(m.kind, EntityType::Country | EntityType::Organization);
    // Minister of the International Department …: a body's head title before a body leads it.
    let heads_body = |title: &str, owner: &Mention| {
        owner.kind == EntityType::Organization && lex.titles.body_heads.iter().any(|h| h == title)
    };
    let mut out = Vec::new();
    // Before: the owner ends a space before the name, `of` (and `the`) and a title before it.
    if let Some(owner) = i
        .checked_sub(1)
        .map(|k| ms[k])
        .filter(|m| owner_kind(m) && ctx.text[m.end..person.start] == *" ")
    {
        let before = &ctx.text[..owner.start];
        let before = before
            .strip_suffix("of the ")
            .or_else(|| before.strip_suffix("of "))
            .map(|b| b.trim_end_matches(' '));
        if let Some((title, leads)) = before.and_then(|b| lex.title_at_end(b)) {
            let leads = leads || heads_body(title, owner);
            out.push((title.to_string(), leads, Some(owner.entity.clone())));
        }
    }
    // After: `, Title of [the] Owner`, the title perhaps in lower case as news agencies write
    // it (Xi Jinping, general secretary of the Communist Party of China Central Committee).
    let after = &ctx.text[person.end..];
    // Xi Jinping, the President of the People's Republic of China: `the` may open the title.
    let after_comma = after.strip_prefix(", ").map(|r| {
        r.strip_prefix("the ")
            .filter(|t| title_in_any_case(ctx, t).is_some())
            .unwrap_or(r)
    });
    if let Some(rest) = after_comma
        && let Some((title, leads)) = title_in_any_case(ctx, rest)
    {
        let tail = &rest[title.len()..];
        // M Humayun Kabir, President, Bangladesh Enterprise Institute: a comma may stand for
        // `of` before a body (never before a country).
        let comma = tail.starts_with(", ");
        let gap = tail
            .strip_prefix(" of the ")
            .or_else(|| tail.strip_prefix(" of "))
            .or_else(|| tail.strip_prefix(", "))
            .map(|t| tail.len() - t.len());
        let at = person.end + (after.len() - rest.len()) + title.len();
        // …Xi Jinping, Premier of the State Council Li Keqiang: an office with a name right
        // after it is that name's, not an apposition to the one before.
        let named_after = |owner: &Mention| {
            ms.iter()
                .any(|m| m.kind == EntityType::Person && m.start == owner.end + 1)
                && ctx.text[owner.end..].starts_with(' ')
        };
        if let Some(gap) = gap
            && let Some(owner) = ms[i + 1..].iter().find(|m| {
                m.start == at + gap
                    && owner_kind(m)
                    && (!comma || m.kind == EntityType::Organization)
            })
            && !named_after(owner)
        {
            let leads = leads || heads_body(title, owner);
            out.push((title.to_string(), leads, Some(owner.entity.clone())));
            // …Central Committee and Chinese president: a second office after `and`, owned by
            // the country its adjective names, in the same apposition.
            if let Some(second) = office_after_and(ctx, &ctx.text[owner.end..]) {
                out.push(second);
            }
        }
    }
    out
}

/// An English title at the start of `rest`, as written or, when it opens in lower case, as if
/// its words were capitalized (general secretary → General Secretary).
fn title_in_any_case<'l>(ctx: &Ctx<'l>, rest: &str) -> Option<(&'l str, bool)> {
    let lex = &ctx.ex.lexicon;
    if let Some(found) = lex.title_at_start(rest) {
        return Some(found);
    }
    if !rest.starts_with(|c: char| c.is_ascii_lowercase()) {
        return None;
    }
    let window = super::text::first_chars(rest, 60);
    let head = window
        .split(' ')
        .map(|w| {
            w.split('-')
                .map(super::text::capitalized)
                .collect::<Vec<_>>()
                .join("-")
        })
        .collect::<Vec<_>>()
        .join(" ");
    lex.title_at_start(&head).filter(|(t, _)| {
        t.is_ascii()
            && rest
                .get(..t.len())
                .is_some_and(|r| r.eq_ignore_ascii_case(t))
    })
}

/// `… and Chinese president` within the few words after an office's owner (no comma or full
/// stop between): the title and the country its adjective names.
fn office_after_and(ctx: &Ctx<'_>, tail: &str) -> Option<(String, bool, Option<String>)> {
    let window = super::text::first_chars(tail, 40);
    let at = window.find(" and ")?;
    if window[..at].contains([',', '.', ';']) {
        return None;
    }
    let rest = &tail[at + " and ".len()..];
    let (demonym, country) = ctx
        .ex
        .compiled
        .demonyms
        .iter()
        .filter(|(d, _)| rest.starts_with(&format!("{d} ")))
        .max_by_key(|(d, _)| d.len())?;
    let (title, leads) = title_in_any_case(ctx, &rest[demonym.len() + 1..])?;
    Some((title.to_string(), leads, Some(country.clone())))
}

/// The project at the centre of a phrase ending `before` (以走廊为中心，): its head word alone
/// names the one known project of the document that the word ends (中巴经济走廊); none when
/// several do or none.
fn centered_project(ctx: &Ctx<'_>, before: &str) -> Option<String> {
    static CENTER: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    let re = super::names::regex(&CENTER, r"以(\p{Han}{1,4})为中心[，,]?$");
    let head = re.captures(before.trim_end())?.get(1)?.as_str();
    let gaz = &ctx.ex.gazetteer;
    let mut projects: Vec<&str> = gaz
        .find(ctx.text)
        .into_iter()
        .map(|g| &gaz.entries()[g.entry])
        .filter(|e| {
            e.kind == EntityType::Project
                && e.zh
                    .as_deref()
                    .is_some_and(|z| z.ends_with(head) && z != head)
        })
        .map(|e| e.id.as_str())
        .collect();
    projects.sort_unstable();
    projects.dedup();
    match projects.as_slice() {
        [one] => Some(one.to_string()),
        _ => None,
    }
}

/// Whether `rest` opens with a comma and a date (`, June 21`, `, 2023`), as a dateline does.
fn dated_after(rest: &str) -> bool {
    let Some(next) = rest.strip_prefix(", ") else {
        return false;
    };
    let word = next.split([' ', ',', '.']).next().unwrap_or("");
    word.starts_with(|c: char| c.is_ascii_digit()) || crate::ingest::dates::is_month_name(word)
}

/// Whether `m` names a region larger than a country (中亚, Central Asia).
fn regions_hold(ctx: &Ctx<'_>, m: &Mention) -> bool {
    m.kind == EntityType::Place
        && ctx
            .ex
            .lexicon
            .places
            .regions
            .iter()
            .any(|r| *r == ctx.text[m.start..m.end])
}

/// Relations stated by names standing side by side.
/// The place and what holds it, when `gap` between the mentions `a` and `b` is a word of place:
/// Chinese `inner_links` with the holder first (老挝首都万象), English ones with it last (Chengdu,
/// capital of Sichuan Province; Lumbini in southern Nepal). Regions hold nothing, and nothing
/// else lies in them by these words.
fn inner_place<'m>(
    ctx: &Ctx<'_>,
    a: &'m Mention,
    b: &'m Mention,
    gap: &str,
) -> Option<(&'m Mention, &'m Mention)> {
    use EntityType::*;
    let places = &ctx.ex.lexicon.places;
    if regions_hold(ctx, a) || regions_hold(ctx, b) {
        return None;
    }
    if matches!(a.kind, Country | Place)
        && b.kind == Place
        && places.inner_links.iter().any(|l| l == gap)
    {
        return Some((b, a));
    }
    let direction = |rest: &str| {
        rest.is_empty()
            || places
                .english_directions
                .iter()
                .any(|d| rest.strip_prefix(d.as_str()).is_some_and(|r| r == " "))
    };
    // Sichuan Province in southwestern China: the kind of the place may follow its name.
    let gap = places
        .english_subdivisions
        .iter()
        .find_map(|w| gap.strip_prefix(' ')?.strip_prefix(w.as_str()))
        .unwrap_or(gap);
    let english = places.english_inner_links.iter().any(|l| {
        gap.strip_prefix(l.as_str())
            .or_else(|| (gap == l.trim_end()).then_some(""))
            .is_some_and(direction)
    });
    // …all projects under CPEC in Gwadar: the place is of the projects the framework is named
    // for, not of the framework.
    let framework = || {
        let before = ctx.text[..a.start].trim_end();
        let before = before.strip_suffix(" the").unwrap_or(before);
        let last = before.rsplit(' ').next().unwrap_or(before);
        places
            .english_framework_prepositions
            .iter()
            .any(|p| p.eq_ignore_ascii_case(last))
    };
    (matches!(a.kind, Place | Project | Organization)
        && matches!(b.kind, Country | Place)
        && english
        && ctx.text[a.start..b.end].is_ascii()
        && !framework())
    .then_some((a, b))
}

/// The country holding place `m` when a country's one-character abbreviation, standing as a word
/// of its own, and a word of place come right before it (阿首都喀布尔, 巴南部城市卡拉奇), or a
/// country's English adjective and `capital` (the Bangladeshi capital Dhaka).
fn abbreviated_holder(ctx: &Ctx<'_>, m: &Mention) -> Option<String> {
    if m.kind != EntityType::Place || regions_hold(ctx, m) {
        return None;
    }
    let before = &ctx.text[..m.start];
    // The Bangladeshi capital Dhaka: a country's adjective and `capital`.
    let places = &ctx.ex.lexicon.places;
    if let Some(rest) = places.english_capital_links.iter().find_map(|l| {
        before
            .strip_suffix(' ')?
            .strip_suffix(l.as_str())?
            .strip_suffix(' ')
    }) {
        let word = rest.rsplit(' ').next().unwrap_or(rest);
        return ctx
            .ex
            .compiled
            .demonyms
            .iter()
            .find(|(d, _)| d == word)
            .map(|(_, id)| id.clone());
    }
    let link = places
        .inner_links
        .iter()
        .filter(|l| before.ends_with(l.as_str()))
        .max_by_key(|l| l.len())?;
    let rest = &before[..before.len() - link.len()];
    let abbr = rest.chars().next_back()?;
    let at = rest.len() - abbr.len_utf8();
    // 斯里兰卡首都 is a country's whole name, which the mentions state; a character closing a
    // longer word is no abbreviation.
    let alone = !rest[..at]
        .chars()
        .next_back()
        .is_some_and(super::boundary::is_han)
        || ctx.starts_token(at);
    let entry = ctx.ex.gazetteer.by_abbreviation(&abbr.to_string())?;
    (alone && entry.kind == EntityType::Country).then(|| entry.id.clone())
}

/// During his visit to Nepal, Chinese Foreign Minister Wang Yi met …: a sentence opening with
/// one of `phrases.visit_openers` before a country or place, then a comma; the first person
/// named after the comma (with no other name between but titles) visited it — each pair
/// (visitor, place).
fn visit_openings(ctx: &Ctx<'_>, ms: &[&Mention]) -> Vec<(String, String)> {
    let openers = &ctx.ex.lexicon.phrases.visit_openers;
    let mut out = Vec::new();
    for (i, place) in ms.iter().enumerate() {
        if !matches!(place.kind, EntityType::Country | EntityType::Place) {
            continue;
        }
        let before = ctx.text[..place.start].trim_end();
        let before = before.strip_suffix(" the").unwrap_or(before);
        let opened = openers.iter().any(|o| {
            before.strip_suffix(o.as_str()).is_some_and(|b| {
                b.trim_end()
                    .chars()
                    .next_back()
                    .is_none_or(|c| !c.is_alphanumeric())
            })
        });
        if !opened {
            continue;
        }
        let rest = &ctx.text[place.end..];
        let Some(comma) = rest.find(", ") else {
            continue;
        };
        if rest[..comma].contains(['.', ';']) {
            continue;
        }
        let after = place.end + comma + 2;
        if let Some(visitor) = ms[i + 1..].iter().find(|m| m.start >= after)
            && visitor.kind == EntityType::Person
            && ctx.text[after..visitor.start].len() <= 60
            && ctx.text[after..visitor.start].split_whitespace().all(|w| {
                w.starts_with(|c: char| c.is_uppercase())
                    || ctx.ex.lexicon.english_titles.links.iter().any(|l| l == w)
            })
        {
            out.push((visitor.entity.clone(), place.entity.clone()));
        }
    }
    out
}

/// Projects said to be projects of another project or initiative (`phrases.part_copulas`):
/// `Y 是 X[框架下][的]…项目`, `作为 X…项目，Y`, `Y, a … project of X`, `Y is a … project of X`,
/// `Y, a X project` — each pair (part, whole).
fn part_copulas(ctx: &Ctx<'_>, ms: &[&Mention]) -> Vec<(String, String)> {
    let pc = &ctx.ex.lexicon.phrases.part_copulas;
    if pc.nouns.is_empty() {
        return Vec::new();
    }
    let part = |m: &Mention| m.kind == EntityType::Project;
    let whole = |m: &Mention| matches!(m.kind, EntityType::Project | EntityType::Initiative);
    // Where the project noun ends after a whole ending at `end` (its links, a few words of
    // kind and the noun), when nothing else is named or marked before it.
    let noun_after = |end: usize| -> Option<usize> {
        let rest = &ctx.text[end..];
        let window = super::text::first_chars(rest, 16);
        let stop = window
            .find(['，', '。', '；', '、', '：', ',', '.', ';', '\n'])
            .unwrap_or(window.len());
        let window = &window[..stop];
        let at = pc
            .nouns
            .iter()
            .filter_map(|n| {
                let i = window.find(n.as_str())?;
                // An English noun is a whole word right after a space.
                let word = !n.is_ascii()
                    || (window[..i].ends_with(' ') || i == 0)
                        && window[i + n.len()..]
                            .chars()
                            .next()
                            .is_none_or(|c| !c.is_ascii_alphanumeric());
                word.then_some(i + n.len())
            })
            .min()?;
        let named_between = ms.iter().any(|m| m.start >= end && m.start < end + at);
        (!named_between).then_some(end + at)
    };
    let english_phrase = |between: &str, lead: &[String]| {
        // `[, ]lead article words{0,3} noun preposition [the ]`
        let Some(rest) = lead.iter().find_map(|l| between.strip_prefix(l.as_str())) else {
            return false;
        };
        let Some(rest) = pc
            .articles
            .iter()
            .filter_map(|a| rest.strip_prefix(a.as_str())?.strip_prefix(' '))
            .min_by_key(|r| r.len())
        else {
            return false;
        };
        let rest = rest.trim_end();
        let rest = rest.strip_suffix(" the").unwrap_or(rest);
        let words: Vec<&str> = rest.split(' ').collect();
        let n = words.len();
        (2..=5).contains(&n)
            && pc.prepositions.iter().any(|p| p == words[n - 1])
            && pc.nouns.iter().any(|w| w.is_ascii() && w == words[n - 2])
            && words[..n - 2]
                .iter()
                .all(|w| w.chars().all(|c| c.is_ascii_alphabetic() || c == '-'))
    };
    let commas: Vec<String> = vec![", ".to_string()];
    let verbs: Vec<String> = pc
        .verbs
        .iter()
        .filter(|v| v.is_ascii())
        .map(|v| format!(" {v} "))
        .collect();
    let mut out = Vec::new();
    for (i, y) in ms.iter().enumerate() {
        for x in &ms[i + 1..] {
            if x.start < y.end {
                continue;
            }
            let between = &ctx.text[y.end..x.start];
            if between.len() > 60 {
                break;
            }
            // 卡洛特水电站是中巴经济走廊框架下的…项目
            let chinese = part(y)
                && whole(x)
                && pc.verbs.iter().any(|v| !v.is_ascii() && between == v)
                && noun_after(x.end).is_some();
            // The Karot project, a CPEC project | …, a flagship project of CPEC | … is a key
            // project of the Belt and Road Initiative
            let english = part(y)
                && whole(x)
                && (english_phrase(between, &commas)
                    || english_phrase(&format!(" {}", between.trim_start()), &verbs)
                    || (pc.articles.iter().any(|a| between == format!(", {a} "))
                        && pc.nouns.iter().any(|n| {
                            n.is_ascii() && ctx.text[x.end..].starts_with(&format!(" {n}"))
                        })));
            if chinese || english {
                out.push((y.entity.clone(), x.entity.clone()));
            }
        }
    }
    // 作为中巴经济走廊早期收获项目，卡洛特水电站…
    for (j, x) in ms.iter().enumerate() {
        if !whole(x)
            || !pc
                .openers
                .iter()
                .any(|o| ctx.text[..x.start].ends_with(o.as_str()))
        {
            continue;
        }
        let Some(noun_end) = noun_after(x.end) else {
            continue;
        };
        let rest = &ctx.text[noun_end..];
        let after_links = pc
            .links
            .iter()
            .find_map(|l| rest.strip_prefix(l.as_str()))
            .unwrap_or(rest);
        let Some(clause) = after_links
            .strip_prefix('，')
            .or_else(|| after_links.strip_prefix(", "))
        else {
            continue;
        };
        let at = ctx.text.len() - clause.len();
        if let Some(y) = ms[j + 1..].iter().find(|m| m.start == at && part(m)) {
            out.push((y.entity.clone(), x.entity.clone()));
        }
    }
    out
}

fn adjacency(ctx: &Ctx<'_>, ms: &[&Mention]) -> Vec<(String, RelationKind, String, &'static str)> {
    use EntityType::*;
    let mut out = Vec::new();
    let gap = |a: &Mention, b: &Mention| -> &str { &ctx.text[a.end.min(b.start)..b.start] };
    for w in 0..ms.len() {
        let a = ms[w];
        if let Some(country) = abbreviated_holder(ctx, a) {
            out.push((
                a.entity.clone(),
                RelationKind::LocatedIn,
                country,
                "pattern:place-link",
            ));
        }
        let Some(b) = ms.get(w + 1) else { break };
        let g = gap(a, b);
        // POKHARA, Nepal / in Kunming, China: an English place and its country after a comma,
        // the pair no part of a longer list.
        let region_a = regions_hold(ctx, a);
        // Kampong Chhnang Province, Cambodia, …; in Chengdu, Sichuan Province: a place's kind
        // written after its name (or after the holder's) makes the pair no list.
        let subdivisions = &ctx.ex.lexicon.places.english_subdivisions;
        let kind_after = |m: &Mention| {
            let text = &ctx.text[m.start..m.end];
            subdivisions.iter().any(|k| {
                text.ends_with(&format!(" {k}"))
                    || ctx.text[m.end..]
                        .strip_prefix(' ')
                        .is_some_and(|r| r.starts_with(k.as_str()))
            })
        };
        let holder = match b.kind {
            Place => kind_after(b) && !kind_after(a),
            Country => {
                (!ctx.text[b.end..].starts_with([',', '、'])
                    || dated_after(&ctx.text[b.end..])
                    || kind_after(a))
                    && !ctx.text[b.end..].starts_with(" and ")
            }
            _ => false,
        };
        if a.kind == Place
            && !region_a
            && holder
            && g == ", "
            && !ctx.text[..a.start].trim_end().ends_with([',', '、', '，'])
            && ctx.text[a.start..b.end].is_ascii()
        {
            out.push((
                a.entity.clone(),
                RelationKind::LocatedIn,
                b.entity.clone(),
                "pattern:place-comma-country",
            ));
        }
        // 老挝首都万象, Chengdu, capital of Sichuan Province, Lumbini in southern Nepal: a place
        // joined to what holds it by words of place.
        if let Some((inner, mut outer)) = inner_place(ctx, a, b, g) {
            // Kunming, capital of southwest China's Yunnan Province: the place owned is the
            // holder.
            if outer.start > inner.start
                && let Some(c) = ms
                    .get(w + 2)
                    .filter(|c| c.kind == Place && matches!(gap(b, c), "'s " | "’s "))
            {
                outer = c;
            }
            out.push((
                inner.entity.clone(),
                RelationKind::LocatedIn,
                outer.entity.clone(),
                "pattern:place-link",
            ));
        }
        // A region larger than a country lies in none (中国中亚合作).
        let region = regions_hold(ctx, b);
        // 巴基斯坦卡拉奇, 中国国务院, 古巴全国人民政权代表大会, China's National People's Congress
        if matches!(a.kind, Country | Place)
            && matches!(b.kind, Project | Place | Organization)
            && !region
            && (g.is_empty() || matches!(g, "的" | "'s " | "’s "))
        {
            out.push((
                b.entity.clone(),
                RelationKind::LocatedIn,
                a.entity.clone(),
                "pattern:adjacent-place",
            ));
            // …卡拉奇和伊斯兰堡等地的特别经济区: the places listed, and what lies in them.
            let mut places = vec![*b];
            let mut k = w + 2;
            while let Some(c) = ms.get(k) {
                let g = gap(ms[k - 1], c);
                if c.kind == b.kind && matches!(g, "和" | "、" | "与" | "及" | " and " | ", ") {
                    out.push((
                        c.entity.clone(),
                        RelationKind::LocatedIn,
                        a.entity.clone(),
                        "pattern:adjacent-place",
                    ));
                    places.push(c);
                    k += 1;
                } else {
                    break;
                }
            }
            if let Some(c) = ms.get(k) {
                let g = gap(ms[k - 1], c);
                if b.kind == Place
                    && c.kind == Project
                    && ctx
                        .ex
                        .lexicon
                        .phrases
                        .place_list_links
                        .iter()
                        .any(|l| l == g)
                {
                    for p in &places {
                        out.push((
                            c.entity.clone(),
                            RelationKind::LocatedIn,
                            p.entity.clone(),
                            "pattern:adjacent-place",
                        ));
                    }
                }
            }
        }
        // 共建“一带一路”的八项行动: counted actions of an initiative are part of it.
        if a.kind == Initiative
            && b.kind == Initiative
            && matches!(b.rule, "quoted-concept" | "counted-concept")
            && matches!(g.trim_start_matches(['”', '’']), "" | "的")
        {
            out.push((
                b.entity.clone(),
                RelationKind::PartOf,
                a.entity.clone(),
                "pattern:counted-part",
            ));
        }
        // 中巴经济走廊旗舰项目瓜达尔港: a class of a project's or initiative's projects before
        // a project names one of its parts.
        let rules = &ctx.ex.lexicon.suffix_rules;
        let class = rules
            .generic_project_heads
            .iter()
            .find_map(|h| g.strip_suffix(h.as_str()))
            .is_some_and(|kinds| {
                kinds.is_empty() || super::names::only_words(kinds, &rules.project_class_words)
            });
        if matches!(a.kind, Project | Initiative) && b.kind == Project && class {
            out.push((
                b.entity.clone(),
                RelationKind::PartOf,
                a.entity.clone(),
                "pattern:adjacent-part",
            ));
        }
        // 中巴经济走廊“五大走廊”
        if a.kind == Project && matches!(b.kind, Project | Initiative) && g.is_empty() {
            out.push((
                b.entity.clone(),
                RelationKind::PartOf,
                a.entity.clone(),
                "pattern:adjacent-part",
            ));
        }
    }
    out.extend(counted_members(ctx, ms, ms));
    // 中巴经济走廊建设以来，卡洛特水电站、苏吉吉纳里水电站…: projects named after a frame word;
    // Major projects in Gwadar under CPEC include 甲, 乙 and 丙: projects listed after a list
    // word. Both follow a project or initiative, whose parts they are.
    let phrases = &ctx.ex.lexicon.phrases;
    for (words, rule) in [
        (&phrases.part_frames, "pattern:part-frame"),
        (&phrases.part_lists, "pattern:part-list"),
    ] {
        for (w, a) in ms.iter().enumerate() {
            if !matches!(a.kind, Project | Initiative) {
                continue;
            }
            let after = ctx.text[a.end..].trim_start_matches(['”', '’', ')', '）']);
            if !words.iter().any(|f| after.starts_with(f.as_str())) {
                continue;
            }
            for b in &ms[w + 1..] {
                if b.kind == Project && b.entity != a.entity {
                    out.push((
                        b.entity.clone(),
                        RelationKind::PartOf,
                        a.entity.clone(),
                        rule,
                    ));
                }
            }
        }
    }
    // “五大走廊”（增长走廊、民生走廊…）: the members listed in brackets are part of the name before.
    for (w, a) in ms.iter().enumerate() {
        if !matches!(a.kind, Project | Initiative) || !ctx.text[a.end..].starts_with('（') {
            continue;
        }
        let Some(close) = ctx.text[a.end..].find('）').map(|i| a.end + i) else {
            continue;
        };
        let inside: Range<usize> = a.end..close;
        for b in ms[w + 1..].iter().take_while(|b| b.end <= inside.end) {
            if b.kind == a.kind {
                out.push((
                    b.entity.clone(),
                    RelationKind::PartOf,
                    a.entity.clone(),
                    "pattern:bracket-list",
                ));
            }
        }
    }
    // A part of a part is a part (增长走廊 of the five corridors of 中巴经济走廊).
    let parts: Vec<(String, String)> = out
        .iter()
        .filter(|(_, k, _, _)| *k == RelationKind::PartOf)
        .map(|(s, _, o, _)| (s.clone(), o.clone()))
        .collect();
    for (member, group) in &parts {
        for (g, whole) in &parts {
            if g == group && whole != member {
                out.push((
                    member.clone(),
                    RelationKind::PartOf,
                    whole.clone(),
                    "pattern:part-of-part",
                ));
            }
        }
    }
    out
}

/// “四大全球倡议”……全球发展倡议、全球安全倡议、全球文明倡议与全球治理倡议: a counted group among
/// `groups`, followed in `ms` by a list of exactly that many names of its type, has them as
/// parts.
fn counted_members(
    ctx: &Ctx<'_>,
    groups: &[&Mention],
    ms: &[&Mention],
) -> Vec<(String, RelationKind, String, &'static str)> {
    use EntityType::*;
    let gap = |a: &Mention, b: &Mention| -> &str { &ctx.text[a.end.min(b.start)..b.start] };
    let mut out = Vec::new();
    for a in groups {
        if !matches!(a.kind, Project | Initiative) {
            continue;
        }
        let Some(n) = counted(&ctx.text[a.start..a.end]) else {
            continue;
        };
        let mut k = ms.iter().position(|m| m.start >= a.end).unwrap_or(ms.len());
        while k < ms.len() {
            let mut run = vec![ms[k]];
            while let Some(c) = ms.get(k + run.len()) {
                let prev = run[run.len() - 1];
                if c.kind == a.kind && matches!(gap(prev, c), "、" | "和" | "与" | "及" | "以及")
                {
                    run.push(c);
                } else {
                    break;
                }
            }
            if run.len() == n && run.iter().all(|m| m.kind == a.kind) {
                for m in run {
                    out.push((
                        m.entity.clone(),
                        RelationKind::PartOf,
                        a.entity.clone(),
                        "pattern:counted-members",
                    ));
                }
                break;
            }
            k += run.len();
        }
    }
    out
}

/// The count a group's name states (“五大走廊” → 5, 八项行动 → 8), one to ten.
fn counted(name: &str) -> Option<usize> {
    let name = name.trim_start_matches(['“', '‘']);
    let first = name.chars().next()?;
    let n = "一二三四五六七八九十"
        .find(first)
        .map(|i| i / '一'.len_utf8() + 1);
    let n = n.or((first == '两').then_some(2))?;
    let unit = name[first.len_utf8()..].chars().next()?;
    // 一个中国原则 counts nothing: a group has two members or more.
    ("大个项点".contains(unit) && n >= 2).then_some(n)
}

/// Relations stated by short phrases around names: 巴方“5Es”发展框架 (the owner proposed it),
/// 以甲为中心的乙 (甲 is part of 乙), 在甲会上 (attended), 在甲开展乙 (乙 lies in 甲), and a
/// numbered concept of an initiative (全球安全倡议的“六个坚持” is part of it).
/// Whether a visit of person `a` to place `b` is named between them: `A's [words] visit to [the] B`
/// or `visit of [Title] A to [the] B`, its words in lower case and none of them a plan's.
fn visit_named(ctx: &Ctx<'_>, a: &Actor, b: &Actor) -> bool {
    let phrases = &ctx.ex.lexicon.phrases;
    let text = ctx.text;
    let gap = &text[a.end.min(b.start)..b.start];
    let gap = gap.strip_suffix("the ").unwrap_or(gap);
    let is_noun = |w: &str| phrases.visit_nouns.iter().any(|n| n == w);
    let plain = |words: &[&str]| {
        words.iter().all(|w| {
            w.chars().all(|c| c.is_ascii_lowercase() || c == '-')
                && !phrases.visit_plan_words.iter().any(|p| p == w)
        })
    };
    // A's [state] visit to B.
    if let Some(rest) = gap
        .strip_prefix("'s ")
        .or_else(|| gap.strip_prefix("’s "))
        .and_then(|r| r.strip_suffix(" to "))
    {
        let words: Vec<&str> = rest.split(' ').collect();
        if let Some((last, before)) = words.split_last()
            && is_noun(last)
            && before.len() <= 3
            && plain(before)
        {
            return true;
        }
    }
    // [the official] visit of [Premier] A to B.
    if gap == " to " {
        let before = text[..a.start].trim_end();
        let words: Vec<&str> = before.rsplit(' ').take(6).collect();
        // Titles between `of` and the name are capitalised.
        let titles = words
            .iter()
            .take_while(|w| w.starts_with(|c: char| c.is_ascii_uppercase()))
            .count();
        if let (Some(&"of"), Some(noun)) = (words.get(titles), words.get(titles + 1)) {
            let plan = words
                .get(titles + 2)
                .is_some_and(|w| phrases.visit_plan_words.iter().any(|p| p == w));
            return is_noun(noun) && !plan;
        }
    }
    false
}

fn phrases(ctx: &Ctx<'_>, acts: &[&Actor]) -> Vec<(String, RelationKind, String, &'static str)> {
    use EntityType::*;
    let mut out = Vec::new();
    let text = ctx.text;
    let pairs = |out: &mut Vec<_>, a: &Actor, kind, b: &Actor, rule| {
        for s in &a.ids {
            for o in &b.ids {
                out.push((s.clone(), kind, o.clone(), rule));
            }
        }
    };
    for (w, a) in acts.iter().enumerate() {
        let Some(b) = acts.get(w + 1) else { break };
        let gap = &text[a.end.min(b.start)..b.start];
        // the meeting between President Xi Jinping and President Nursultan Nazarbayev: the two
        // named after `between` (each perhaps after a capitalised title) met.
        if a.kind == Person && b.kind == Person {
            let titled = |s: &str| {
                s.split(' ')
                    .filter(|w| !w.is_empty())
                    .all(|w| w.starts_with(|c: char| c.is_ascii_uppercase()))
            };
            let before = &text[..a.start];
            let opened = ctx
                .ex
                .lexicon
                .phrases
                .meetings_between
                .iter()
                .find_map(|m| {
                    let i = before.rfind(m.as_str())?;
                    titled(&before[i + m.len()..]).then_some(i)
                });
            let joined = gap
                .strip_prefix(" and ")
                .is_some_and(|rest| rest.len() <= 40 && titled(rest));
            if joined && opened.is_some_and(|i| before.len() - i <= 80) {
                pairs(&mut out, a, RelationKind::Met, b, "pattern:meeting-between");
            }
        }
        if a.kind == Person && matches!(b.kind, Country | Place) && visit_named(ctx, a, b) {
            pairs(&mut out, a, RelationKind::Visited, b, "pattern:visit-of");
        }
        // 中方“一带一路”倡议, the China-proposed Belt and Road Initiative: a country owning an
        // initiative by a quote or a word of proposing joined to it proposed it.
        let proposing = |g: &str| {
            ctx.ex.lexicon.phrases.proposer_marks.iter().any(|m| {
                g.strip_prefix(m.as_str())
                    .is_some_and(|r| r.trim().is_empty())
            })
        };
        if a.kind == Country
            && matches!(b.kind, Initiative | Project)
            && (gap.is_empty() && text[b.start..].starts_with('“')
                || b.kind == Initiative && proposing(gap))
        {
            pairs(
                &mut out,
                a,
                RelationKind::Proposed,
                b,
                "pattern:owner-of-initiative",
            );
        }
        if matches!(a.kind, Project | Initiative) && matches!(b.kind, Project | Initiative) {
            // 以甲、乙等为重点的丙: every project or initiative between 以 and the link is part
            // of what follows the link.
            let listed = ctx
                .ex
                .lexicon
                .phrases
                .part_links
                .iter()
                .any(|l| gap.ends_with(l.as_str()) && !gap.contains(['，', '；', '。']));
            // The 以 that opens the phrase, not the one of 以及, 以来 ….
            let opened = text[..a.start]
                .match_indices('以')
                .map(|(i, _)| i)
                .rfind(|&i| {
                    !text[i + '以'.len_utf8()..]
                        .starts_with(['及', '来', '上', '下', '便', '后', '前', '外', '内'])
                })
                .filter(|&i| !text[i..a.start].contains(['，', '；', '。']));
            if let (true, Some(open)) = (listed, opened) {
                // 以走廊为中心，以瓜达尔港…为重点的…布局: the project at the centre, named by its
                // head word alone, holds the focuses too.
                let center = centered_project(ctx, &text[..open]);
                for m in acts[..=w]
                    .iter()
                    .filter(|m| m.start > open && matches!(m.kind, Project | Initiative))
                {
                    pairs(&mut out, m, RelationKind::PartOf, b, "pattern:part-phrase");
                    if let Some(c) = &center {
                        for s in m.ids.iter().filter(|s| *s != c) {
                            out.push((
                                s.clone(),
                                RelationKind::PartOf,
                                c.clone(),
                                "pattern:part-center",
                            ));
                        }
                    }
                }
            }
            let numbered = a.kind == Initiative
                && b.kind == Initiative
                && gap == "的"
                && text[b.start..].starts_with('“');
            if numbered {
                pairs(&mut out, b, RelationKind::PartOf, a, "pattern:part-phrase");
            }
        }
        if b.kind == Event
            && gap.ends_with('在')
            && text[b.end..].starts_with(['上', '会'])
            && let Some(p) = acts[..=w].iter().rev().find(|x| x.kind == Person)
        {
            pairs(&mut out, p, RelationKind::Attended, b, "pattern:at-event");
        }
        if matches!(a.kind, Country | Place) && b.kind == Project && text[..a.start].ends_with('在')
        {
            let verbs = &ctx.ex.lexicon.phrases.in_place_verbs;
            if verbs
                .iter()
                .any(|v| gap == *v || gap.ends_with(v) && gap.chars().count() <= 4)
            {
                pairs(&mut out, b, RelationKind::LocatedIn, a, "pattern:in-place");
            }
        }
    }
    out
}

/// 两国元首举行会谈, The two leaders held talks: where words naming the parties' heads
/// (`parties.heads`) and a meeting word after them (`phrases.meeting_words`) share a clause, with
/// no word of modality between, the heads of the document's two parties met — each the one person
/// `relations` state leads that party.
pub(super) fn heads_met(
    ctx: &Ctx<'_>,
    doc: &DocumentText<'_>,
    found: &Found,
    relations: &[Relation],
    parties: &[String],
) -> Vec<Relation> {
    let lex = &ctx.ex.lexicon;
    let [first, second] = parties else {
        return Vec::new();
    };
    let (Some(a), Some(b)) = (
        party_head(ctx, found, relations, first),
        party_head(ctx, found, relations, second),
    ) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for sentence in text::sentences(ctx.text) {
        let met = text::clauses(ctx.text, sentence.clone())
            .into_iter()
            .any(|clause| {
                let c = &ctx.text[clause];
                lex.parties.heads.iter().any(|h| {
                    c.find(h.as_str()).is_some_and(|i| {
                        let rest = &c[i + h.len()..];
                        lex.phrases.meeting_words.iter().any(|w| {
                            rest.find(w.as_str()).is_some_and(|j| {
                                !lex.relations
                                    .modality
                                    .iter()
                                    .any(|m| rest[..j].contains(m.as_str()))
                            })
                        })
                    })
                })
            });
        if met {
            out.push(Relation {
                subject: a.clone(),
                kind: RelationKind::Met,
                object: b.clone(),
                date: find_dates(&ctx.text[sentence.clone()])
                    .first()
                    .map(|d| d.date)
                    .or_else(|| fallback_date(doc.meta)),
                role: None,
                evidence: ctx.evidence(doc, sentence, "pattern:heads-met".into()),
                confidence: None,
                curated: None,
            });
        }
    }
    out
}

/// The one person who heads `party` in the document: the one the statements say leads it,
/// else the one person the text names whom the gazetteer gives an office of
/// `parties.head_offices` of it (习近平 in a readout that never calls him 主席).
fn party_head(ctx: &Ctx<'_>, found: &Found, relations: &[Relation], party: &str) -> Option<String> {
    let one = |mut ids: Vec<&str>| {
        ids.sort_unstable();
        ids.dedup();
        match ids.as_slice() {
            [one] => Some(one.to_string()),
            _ => None,
        }
    };
    let stated: Vec<&str> = relations
        .iter()
        .filter(|r| {
            r.kind == RelationKind::LeaderOf
                && r.object == party
                && r.subject.starts_with("person/")
        })
        .map(|r| r.subject.as_str())
        .collect();
    if !stated.is_empty() {
        return one(stated);
    }
    let heads = &ctx.ex.lexicon.parties.head_offices;
    let known: Vec<&str> = found
        .mentions
        .iter()
        .filter(|m| m.kind == EntityType::Person)
        .filter(|m| {
            ctx.ex.gazetteer.get(&m.entity).is_some_and(|e| {
                e.roles
                    .iter()
                    .any(|r| r.of == party && heads.contains(&r.role))
            })
        })
        .map(|m| m.entity.as_str())
        .collect();
    one(known)
}

/// 两国元首共同签署了《…联合宣言》: a statement whose subject is the document's parties, made
/// by a trigger in a sentence that names them by their heads (`parties.heads`) right before
/// the trigger's clause, is the heads' — each party's one head (see `party_head`) in place of
/// the party. Left as it is when a head is unknown.
pub(super) fn heads_for_parties(
    ctx: &Ctx<'_>,
    found: &Found,
    relations: &mut [Relation],
    parties: &[String],
) {
    let lex = &ctx.ex.lexicon;
    let heads: Vec<Option<String>> = parties
        .iter()
        .map(|p| party_head(ctx, found, relations, p))
        .collect();
    if parties.len() != 2 || heads.iter().any(Option::is_none) {
        return;
    }
    for r in relations.iter_mut() {
        if !matches!(
            r.kind,
            RelationKind::Signed | RelationKind::Supports | RelationKind::Proposed
        ) || !r.evidence.rule.starts_with("trigger:")
        {
            continue;
        }
        let Some(i) = parties.iter().position(|p| *p == r.subject) else {
            continue;
        };
        // The heads' word opens the clause the trigger stands in.
        let sentence = &*r.evidence.sentence;
        let word = r.evidence.rule.rsplit(':').next().unwrap_or_default();
        let Some(at) = sentence.find(word) else {
            continue;
        };
        let clause_start = sentence[..at]
            .rfind(['，', '。', '；', '：', ',', ';'])
            .map_or(0, |j| {
                j + sentence[j..].chars().next().map_or(1, char::len_utf8)
            });
        let clause = &sentence[clause_start..at];
        let mut rest = clause.to_string();
        for h in &lex.parties.heads {
            rest = rest.replace(h.as_str(), "");
        }
        let collective_other = lex
            .parties
            .collective
            .iter()
            .any(|w| rest.contains(w.as_str()));
        if collective_other
            || !lex
                .parties
                .heads
                .iter()
                .any(|h| clause.contains(h.as_str()))
        {
            continue;
        }
        if let Some(head) = &heads[i] {
            r.subject = head.clone();
        }
    }
}

/// A named text is issued by its parties, on its own date.
pub(super) fn issued_by_parties(
    ctx: &Ctx<'_>,
    doc: &DocumentText<'_>,
    named: &str,
    parties: &[String],
) -> Vec<Relation> {
    let sentences = text::sentences(ctx.text);
    let title_key = super::name_key(&doc.meta.title);
    let sentence = sentences
        .iter()
        .find(|s| super::name_key(&ctx.text[(*s).clone()]).contains(&title_key))
        .or(sentences.first())
        .cloned();
    let Some(sentence) = sentence else {
        return Vec::new();
    };
    parties
        .iter()
        .map(|p| Relation {
            subject: p.clone(),
            kind: RelationKind::Issued,
            object: named.to_string(),
            date: doc.meta.date,
            role: None,
            evidence: ctx.evidence(doc, sentence.clone(), "source:issued-by-parties".into()),
            confidence: None,
            curated: None,
        })
        .collect()
}
