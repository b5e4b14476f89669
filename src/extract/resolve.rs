//! Resolution: from the chosen mentions to entities. A known name is its gazetteer entry; a
//! short form, a defined abbreviation or a counted name ending a title is the entity it stands
//! for; anything else becomes a new entity whose name is written one way (events by their body's
//! known name, countries by their short form), with every surface form kept as an alias.

use std::collections::{BTreeMap, HashMap};

use super::Ctx;
use super::gazetteer::{GazetteerEntry, GazetteerMatch};
use super::mentions::{Found, Mention};
use super::name_key;
use super::names::{self, Candidate};
use crate::model::{Entity, EntityType, iri_segment};

/// Turns a document's chosen mentions into entities.
pub(super) struct Resolver<'a, 'c> {
    ctx: &'a Ctx<'c>,
    known: &'a [Entity],
    entities: BTreeMap<String, Entity>,
    /// Short forms the text defines, by name key, to the entity they stand for.
    defined: HashMap<String, String>,
    /// The diplomatic missions the text names.
    missions: Vec<super::missions::Mission>,
}

impl<'a, 'c> Resolver<'a, 'c> {
    /// A resolver for one document, with the corpus's own named texts.
    pub(super) fn new(ctx: &'a Ctx<'c>, known: &'a [Entity]) -> Self {
        Resolver {
            ctx,
            known,
            entities: BTreeMap::new(),
            defined: HashMap::new(),
            missions: ctx.missions().to_vec(),
        }
    }

    /// The entities of the chosen mentions, of names nested in them and of list items.
    pub(super) fn resolve(
        mut self,
        chosen: Vec<Candidate>,
        inner: Vec<Candidate>,
        nested: Vec<Candidate>,
        shared: Vec<(Candidate, String)>,
    ) -> Found {
        let short_forms = names::defined_short_forms(self.ctx);
        let mut mentions: Vec<Mention> = Vec::new();
        // Full names first, so short forms (夏巴兹) find them wherever they stand.
        let mut order: Vec<usize> = (0..chosen.len()).collect();
        order.sort_by_key(|&i| {
            (
                chosen[i].entity.is_none(),
                std::cmp::Reverse(chosen[i].end - chosen[i].start),
            )
        });
        // Names nested in longer names are full names too (中国-越南双边合作指导委员会 in its
        // meeting's name): resolved first, so that a short form standing alone finds them.
        let nested_ids: Vec<String> = nested
            .iter()
            .map(|c| self.entity_for(c, &inner).0)
            .collect();
        let mut resolved: Vec<Option<(String, EntityType)>> = vec![None; chosen.len()];
        for &i in &order {
            resolved[i] = if chosen[i].rule == "surname-reference" {
                self.surname_reference(&chosen[i])
            } else {
                Some(self.entity_for(&chosen[i], &inner))
            };
        }
        for (c, r) in chosen.iter().zip(resolved) {
            let Some((id, kind)) = r else { continue };
            let surface = self.ctx.text[c.start..c.end].trim();
            if let Some(e) = self.entities.get_mut(&id) {
                e.aliases.insert(surface.to_string());
                if e.label_zh.as_deref() == Some(surface) || e.label_en.as_deref() == Some(surface)
                {
                    e.aliases.remove(surface);
                }
            }
            // A short form the text defines right after this name stands for it from now on.
            for &(s, e, at) in &short_forms {
                if at == c.end {
                    self.defined
                        .insert(name_key(&self.ctx.text[s..e]), id.clone());
                }
            }
            mentions.push(Mention {
                start: c.start,
                end: c.end,
                entity: id,
                kind,
                rule: c.rule,
            });
        }
        // Defined short forms met later in the text.
        for m in &mut mentions {
            let key = name_key(&self.ctx.text[m.start..m.end]);
            if let Some(id) = self.defined.get(&key)
                && *id != m.entity
            {
                m.entity = id.clone();
                if let Some(e) = self.entities.get_mut(id) {
                    m.kind = e.kind;
                    e.aliases.insert(self.ctx.text[m.start..m.end].to_string());
                }
            }
        }
        // An English abbreviation stands only for the name it was defined for.
        mentions.retain(|m| {
            m.rule != "english-abbreviation"
                || self
                    .defined
                    .contains_key(&name_key(&self.ctx.text[m.start..m.end]))
        });
        // 中国援助孟加拉国紧急粮食项目交接证书签字仪式 in the headline, 中国政府援助…政府间交接证书
        // 签字仪式 in the text: an event or a project named with some of the words of a longer
        // name of the same type and head, in their order, is that one.
        let named_things: Vec<(String, EntityType, String)> = self
            .entities
            .values()
            .filter(|e| matches!(e.kind, EntityType::Event | EntityType::Project))
            .filter_map(|e| Some((e.id.clone(), e.kind, name_key(e.label_zh.as_deref()?))))
            .collect();
        // The series (中国-南亚博览会) is no short form of one of its editions (第6届…).
        let ordinals: Vec<bool> = named_things
            .iter()
            .map(|(_, _, name)| self.ctx.ex.compiled.event_ordinal.is_match(name))
            .collect();
        for (i, (short_id, kind, short)) in named_things.iter().enumerate() {
            let longer: Vec<&String> = named_things
                .iter()
                .zip(&ordinals)
                .filter(|((id, k, long), ordinal)| {
                    id != short_id && k == kind && ordinals[i] == **ordinal && abridges(short, long)
                })
                .map(|((id, _, _), _)| id)
                .collect();
            let [long_id] = longer.as_slice() else {
                continue;
            };
            for m in mentions.iter_mut().filter(|m| &m.entity == short_id) {
                m.entity = (*long_id).clone();
            }
            let surface = self.entities.get(short_id).and_then(|e| e.label_zh.clone());
            if let (Some(surface), Some(e)) = (surface, self.entities.get_mut(*long_id)) {
                e.aliases.insert(surface);
            }
        }
        self.headline_events(&mut mentions);
        // 中国援阿富汗国家职业技术学院项目 … 阿富汗国家职业技术学院: a body's name that an aid
        // project's name holds after its aid verb is the facility the project builds — the
        // project itself.
        let aid_words = &self.ctx.ex.lexicon.boundary.aid_words;
        let in_use: std::collections::BTreeSet<&String> = mentions
            .iter()
            .map(|m| &m.entity)
            .chain(nested_ids.iter())
            .collect();
        let projects: Vec<(String, String)> = self
            .entities
            .values()
            .filter(|e| e.kind == EntityType::Project && in_use.contains(&e.id))
            .filter_map(|e| Some((e.id.clone(), name_key(e.label_zh.as_deref()?))))
            .collect();
        let bodies: Vec<(String, String)> = self
            .entities
            .values()
            .filter(|e| {
                e.kind == EntityType::Organization && self.ctx.ex.gazetteer.get(&e.id).is_none()
            })
            .filter_map(|e| Some((e.id.clone(), name_key(e.label_zh.as_deref()?))))
            .collect();
        let mut built_by: HashMap<String, String> = HashMap::new();
        for (body_id, body) in &bodies {
            // The body's name may keep the aid word (援阿富汗国家职业技术学院).
            let core = aid_words
                .iter()
                .find_map(|w| body.strip_prefix(w.as_str()))
                .unwrap_or(body);
            let aided: Vec<String> = if core.chars().count() >= 4 {
                aid_words.iter().map(|w| format!("{w}{core}")).collect()
            } else {
                Vec::new()
            };
            let built: Vec<&String> = projects
                .iter()
                .filter(|(_, project)| aided.iter().any(|a| project.contains(a.as_str())))
                .map(|(id, _)| id)
                .collect();
            let [project_id] = built.as_slice() else {
                continue;
            };
            for m in mentions.iter_mut().filter(|m| &m.entity == body_id) {
                m.entity = (*project_id).clone();
                m.kind = EntityType::Project;
            }
            built_by.insert(body_id.clone(), (*project_id).clone());
            if let Some(e) = self.entities.get_mut(*project_id) {
                e.aliases.insert(body.clone());
            }
        }
        // Names nested in longer names: entities of their own, though no relation reads them.
        let mut named: std::collections::BTreeSet<String> =
            mentions.iter().map(|m| m.entity.clone()).collect();
        for (c, id) in nested.iter().zip(nested_ids) {
            let id = built_by.get(&id).cloned().unwrap_or(id);
            let surface = self.ctx.text[c.start..c.end].trim().to_string();
            if let Some(e) = self.entities.get_mut(&id)
                && e.label_zh.as_deref() != Some(surface.as_str())
                && e.label_en.as_deref() != Some(surface.as_str())
            {
                e.aliases.insert(surface);
            }
            named.insert(id);
        }
        // Items of a list sharing one suffix (费萨拉巴德、塔贝吉等经济区): each item with the
        // suffix is an entity, with the item's words as its alias.
        for (c, name) in &shared {
            let (id, _) = self.entity_named(c, name, &inner);
            let surface = self.ctx.text[c.start..c.end].trim().to_string();
            if let Some(e) = self.entities.get_mut(&id)
                && e.label_zh.as_deref() != Some(surface.as_str())
            {
                e.aliases.insert(surface);
            }
            named.insert(id);
        }
        // Entities no name stands for any more (a short form resolved to its full name) go.
        self.entities.retain(|id, _| named.contains(id));
        Found {
            mentions,
            entities: self.entities,
            missions: self.missions,
        }
    }

    /// 中国驻缅甸大使馆举行2018年国庆招待会 over a report of 庆祝中华人民共和国成立69周年招待会: a
    /// headline names the occasion its report is about in other words. An event named only in
    /// the headline (a first line of at most 60 characters that ends no sentence) is the one
    /// event the text after it names with the same head word (招待会, 仪式, 研讨会), when there
    /// is exactly one; numbered editions (第六次会议, 第七次会议) are never joined.
    fn headline_events(&mut self, mentions: &mut [Mention]) {
        let text = self.ctx.text;
        let Some(line_end) = text.find('\n') else {
            return;
        };
        let line = text[..line_end].trim();
        if line.is_empty() || line.chars().count() > 60 || line.ends_with(['。', '.']) {
            return;
        }
        let c = &self.ctx.ex.compiled;
        let head = |name: &str| {
            c.suffix_words
                .iter()
                .zip(&c.suffix_types)
                .filter(|(w, t)| {
                    **t == EntityType::Event && w.chars().count() >= 2 && name.ends_with(w.as_str())
                })
                .map(|(w, _)| w.as_str())
                .max_by_key(|w| w.len())
        };
        let unknown = |id: &str| self.ctx.ex.gazetteer.get(id).is_none();
        let events = |in_headline: bool| -> Vec<String> {
            let mut ids: Vec<String> = mentions
                .iter()
                .filter(|m| m.kind == EntityType::Event && (m.start < line_end) == in_headline)
                .map(|m| m.entity.clone())
                .collect();
            ids.sort();
            ids.dedup();
            ids
        };
        let (top, body) = (events(true), events(false));
        let label = |id: &str| {
            self.entities
                .get(id)
                .and_then(|e| e.label_zh.clone().or_else(|| Some(e.label().to_string())))
                .unwrap_or_default()
        };
        let ordinal = |name: &str| c.event_ordinal.is_match(name);
        let mut joined: Vec<(String, String, String)> = Vec::new();
        for short_id in top.iter().filter(|id| !body.contains(id) && unknown(id)) {
            let short = label(short_id);
            let Some(short_head) = head(&short) else {
                continue;
            };
            let same: Vec<&String> = body
                .iter()
                .filter(|id| head(&label(id)) == Some(short_head))
                .collect();
            let [long_id] = same.as_slice() else {
                continue;
            };
            if ordinal(&short) || ordinal(&label(long_id)) {
                continue;
            }
            joined.push((short_id.clone(), (*long_id).clone(), short));
        }
        for (short_id, long_id, short) in joined {
            for m in mentions.iter_mut().filter(|m| m.entity == short_id) {
                m.entity = long_id.clone();
            }
            if let Some(e) = self.entities.get_mut(&long_id) {
                e.aliases.insert(short);
            }
        }
    }

    /// The one person of this document whose Chinese name opens with the family name `c`
    /// stands for (侯 in 侯大使 after 侯艳琪); none when no one or several do.
    fn surname_reference(&self, c: &Candidate) -> Option<(String, EntityType)> {
        let surname = &self.ctx.text[c.start..c.end];
        let mut same = self.entities.values().filter(|e| {
            e.kind == EntityType::Person
                && e.label_zh.as_deref().is_some_and(|l| {
                    l.starts_with(surname)
                        && l != surname
                        && !l.contains(['·', '-'])
                        && l.chars().count() <= 4
                })
        });
        let e = same.next()?;
        if same.next().is_some() {
            return None;
        }
        Some((e.id.clone(), EntityType::Person))
    }

    fn remember(&mut self, entity: Entity) -> (String, EntityType) {
        let out = (entity.id.clone(), entity.kind);
        self.entities.entry(entity.id.clone()).or_insert(entity);
        out
    }

    fn gazetteer_entity(&mut self, index: usize) -> (String, EntityType) {
        let entity = self.ctx.ex.gazetteer.entries()[index].to_entity();
        self.remember(entity)
    }

    fn entity_for(&mut self, c: &Candidate, inner: &[Candidate]) -> (String, EntityType) {
        let text = &self.ctx.text[c.start..c.end];
        self.entity_named(c, text, inner)
    }

    /// The entity candidate `c` stands for when its name is `text`.
    fn entity_named(
        &mut self,
        c: &Candidate,
        text: &str,
        inner: &[Candidate],
    ) -> (String, EntityType) {
        if let Some(id) = &c.entity {
            if let Some(e) = self.ctx.ex.gazetteer.get(id) {
                let e = e.to_entity();
                return self.remember(e);
            }
            if let Some(e) = self.known.iter().find(|e| &e.id == id) {
                return self.remember(e.clone());
            }
        }
        if c.rule == "mission"
            && let Some(found) = self.mission_entity(c)
        {
            return found;
        }
        let key = name_key(text);
        if let Some(id) = self.defined.get(&key).cloned()
            && let Some(e) = self.entities.get(&id)
        {
            return (id, e.kind);
        }
        // A known name written with quotes or title marks (《联合国宪章》, “一带一路”倡议) — not
        // a person's name after a title that person never held, or one that is a part of a
        // longer name in this text (see mentions::find): that is the longer name's.
        if c.rule == "foreign-official"
            && let Some(found) = self.part_of_longer_name(&key)
        {
            return found;
        }
        if let Some(&i) = self.ctx.ex.compiled.gazetteer_keys.get(&key)
            && c.rule != "foreign-official"
        {
            return self.gazetteer_entity(i);
        }
        // A known name plus a generic tail of its own type (“腾飞巴基斯坦”计划, …项目).
        if let Some(found) = self.known_with_tail(c, inner) {
            return found;
        }
        if c.kind == EntityType::Person
            && let Some(found) = self.person_short_form(&key)
        {
            return found;
        }
        if c.kind == EntityType::Person
            && let Some(i) = self
                .known_with_middle_name(text)
                .or_else(|| self.known_with_short_given_name(text))
        {
            return self.gazetteer_entity(i);
        }
        if let Some(found) = self.longer_name_in_document(c.kind, &key) {
            return found;
        }
        if c.kind == EntityType::Event
            && let Some(found) = self.longer_english_event(text)
        {
            return found;
        }
        if let Some(found) = self.country_abbreviated(c.kind, &key) {
            return found;
        }
        if let Some(found) = self.english_short_form(c.kind, text) {
            return found;
        }
        if let Some(found) = self.clipped_short_form(c.kind, &key) {
            return found;
        }
        // A state body named bare (商务部, 外交部) is the body of the country the texts are
        // written from, when the gazetteer knows it under that country's name (中国商务部).
        if c.kind == EntityType::Organization
            && let Some(i) = self.own_country_known_body(&key)
        {
            return self.gazetteer_entity(i);
        }
        if c.kind == EntityType::Document
            && let Some(e) = self.known.iter().find(|e| {
                e.kind == EntityType::Document
                    && key.starts_with("关于")
                    && e.label_zh
                        .as_deref()
                        .is_some_and(|l| name_key(l).ends_with(&key))
            })
        {
            return self.remember(e.clone());
        }
        // A counted concept that ends a document's title in this text is that document
        // (五点倡议 after 《中国和巴基斯坦关于恢复海湾和中东地区和平稳定的五点倡议》).
        let bare = strip_outer_marks(text);
        let mut chars = bare.chars();
        let counted = chars
            .next()
            .is_some_and(|c| "一二三四五六七八九十两".contains(c))
            && chars.next().is_some_and(|c| "大个项点".contains(c));
        if counted {
            let short = name_key(&bare);
            let titled = self.entities.values().find(|e| {
                e.kind == EntityType::Document
                    && e.label_zh
                        .as_deref()
                        .is_some_and(|l| name_key(l).ends_with(&short) && name_key(l) != short)
            });
            if let Some(e) = titled {
                return (e.id.clone(), e.kind);
            }
        }
        let mut label = without_definitions(self.ctx, &strip_outer_marks(text));
        // GWADAR in a dateline is Gwadar.
        if c.rule == "english-dateline" {
            label = super::english::dateline_name(&label);
        }
        // A country's long form opens with its name when the text also names it so (古巴共和国
        // and 古巴 are one country; 中华人民共和国 is not 中华).
        if c.kind == EntityType::Country && c.rule == "suffix" {
            let short = self.ctx.ex.lexicon.suffixes[&EntityType::Country]
                .iter()
                .filter_map(|suffix| label.strip_suffix(suffix.as_str()))
                .filter(|rest| rest.chars().count() >= 2)
                .find(|rest| {
                    self.ctx.tokens.iter().any(|t| {
                        &&self.ctx.text[t.start..t.end] == rest
                            && matches!(t.tag.as_str(), "ns" | "nr" | "nrt")
                    })
                })
                .map(str::to_string);
            if let Some(short) = short {
                label = short;
            }
        }
        // Peng Qing-hua is Peng Qinghua: a Pinyin given name is one word.
        if c.rule == "english-pinyin-person" {
            label = label.replace('-', "");
        }
        if c.kind == EntityType::Event {
            label = self.canonical_event_name(&label);
            label = english_occurrence_name(&label);
            // The occasion named bare elsewhere in the text (开馆仪式) is this one.
            if c.rule == "held-ceremony"
                && let Some(holder) = names::ceremony_holder(self.ctx, c.start)
            {
                let bare = name_key(&label);
                label = format!("{holder}{label}");
                let id = chinese_id(c.kind, &label);
                self.defined.entry(bare).or_insert(id);
            }
        }
        if c.kind == EntityType::Project
            && let Some(complete) = names::complete_project_name(self.ctx, &label)
        {
            label = complete.to_string();
        }
        if matches!(
            c.kind,
            EntityType::Organization
                | EntityType::Project
                | EntityType::Initiative
                | EntityType::Document
        ) {
            let formal = c.kind == EntityType::Document;
            label = self.own_country_first(&self.canonical_body_name(&label, formal));
        }
        if c.kind == EntityType::Organization {
            label = self.english_body_of_country(&label);
            if let Some(own) = self.own_country_body(&label) {
                label = own;
            }
        }
        // An English name keeps its parties' order as written; its id puts the own country
        // first, so that both orders make one entity.
        let id_name = if label.is_ascii()
            && matches!(
                c.kind,
                EntityType::Organization
                    | EntityType::Project
                    | EntityType::Initiative
                    | EntityType::Document
            ) {
            self.own_country_first_english(&label)
        } else {
            label.clone()
        };
        let chinese = label
            .chars()
            .any(|ch| ('\u{4E00}'..='\u{9FFF}').contains(&ch));
        // The inauguration ceremony with no name: one event of this report, called by its kind.
        let id = if c.rule == "english-bare-ceremony" {
            label = super::text::capitalized(&label);
            format!(
                "{}/{}-{}",
                c.kind.slug(),
                english_slug(&label),
                english_slug(self.ctx.doc_id)
            )
        } else if chinese {
            chinese_id(c.kind, &label)
        } else {
            format!("{}/{}", c.kind.slug(), english_slug(&id_name))
        };
        let (label_zh, label_en) = if chinese {
            (Some(label), None)
        } else {
            (None, Some(label))
        };
        let mut entity = Entity {
            id,
            kind: c.kind,
            label_zh,
            label_en,
            aliases: Default::default(),
        };
        if let Some(short) = self.quoted_short_form(text) {
            entity.aliases.insert(short);
        }
        self.remember(entity)
    }

    /// Karot Project after Karot Hydropower Project: an English name of two words, the first
    /// and a head word of its type, is the one entity of that type this document names with a
    /// longer name opening with that first word.
    fn english_short_form(&self, kind: EntityType, text: &str) -> Option<(String, EntityType)> {
        let (first, head) = text.split_once(' ')?;
        if !text.is_ascii() || head.contains(' ') {
            return None;
        }
        let heads = &self.ctx.ex.compiled.english_heads;
        if !heads.iter().any(|(h, k)| *k == kind && h == head) {
            return None;
        }
        let prefix = format!("{first} ");
        let mut same = self.entities.values().filter(|e| {
            e.kind == kind
                && e.label_en
                    .iter()
                    .chain(&e.aliases)
                    .any(|n| n.starts_with(&prefix) && n.len() > text.len())
        });
        let e = same.next()?;
        same.next().is_none().then(|| (e.id.clone(), e.kind))
    }

    /// The gazetteer's persons, with their indexes.
    fn gazetteer_persons(&self) -> impl Iterator<Item = (usize, &'c GazetteerEntry)> + 'c {
        self.ctx
            .ex
            .gazetteer
            .entries()
            .iter()
            .enumerate()
            .filter(|(_, e)| e.kind == EntityType::Person)
    }

    /// The known person an English name with a shortened given name stands for (Ukhnaa
    /// Khurelsukh is Ukhnaagiin Khurelsukh): the one whose two-word English name has the same
    /// last word and a given name the shorter one opens (four letters at least).
    fn known_with_short_given_name(&self, text: &str) -> Option<usize> {
        let words: Vec<&str> = text.split_whitespace().collect();
        let [first, last] = words.as_slice() else {
            return None;
        };
        if !text.is_ascii() || first.len() < 4 {
            return None;
        }
        let mut found = self
            .gazetteer_persons()
            .filter(|(_, e)| {
                e.en.iter().chain(&e.aliases_en).any(|n| {
                    let known: Vec<&str> = n.split_whitespace().collect();
                    known.len() == 2
                        && known[1] == *last
                        && known[0] != *first
                        && known[0].starts_with(first)
                })
            })
            .map(|(i, _)| i);
        let one = found.next()?;
        found.next().is_none().then_some(one)
    }

    /// The known person an English name with a middle name stands for (Pradeep Kumar Gyawali
    /// is Pradeep Gyawali): the one whose English name has the same first and last words.
    fn known_with_middle_name(&self, text: &str) -> Option<usize> {
        let words: Vec<&str> = text.split_whitespace().collect();
        if words.len() < 3 || !text.is_ascii() {
            return None;
        }
        let (first, last) = (words[0], words[words.len() - 1]);
        let mut found = self
            .gazetteer_persons()
            .filter(|(_, e)| {
                e.en.iter().chain(&e.aliases_en).any(|n| {
                    let known: Vec<&str> = n.split_whitespace().collect();
                    known.len() == 2 && known[0] == first && known[1] == last
                })
            })
            .map(|(i, _)| i);
        let one = found.next()?;
        found.next().is_none().then_some(one)
    }

    /// A diplomatic mission under its canonical names, so that every way of writing it
    /// (中国驻孟加拉国大使馆, 驻孟使馆, the Chinese Embassy in Bangladesh) is one entity.
    /// The one person of this document whose transliterated name opens or ends with `key`
    /// (希克马特·哈利勒·卡尔扎伊 for 卡尔扎伊, 诺罗敦·西哈莫尼 for 西哈莫尼).
    fn part_of_longer_name(&self, key: &str) -> Option<(String, EntityType)> {
        let mut same = self.entities.values().filter(|e| {
            e.kind == EntityType::Person
                && e.label_zh.as_deref().is_some_and(|l| {
                    l.contains(['·', '-'])
                        && (l.split(['·', '-']).next() == Some(key)
                            || l.rsplit(['·', '-']).next() == Some(key))
                })
        });
        let one = same.next()?;
        same.next()
            .is_none()
            .then(|| (one.id.clone(), EntityType::Person))
    }

    fn mission_entity(&mut self, c: &Candidate) -> Option<(String, EntityType)> {
        let m = self
            .missions
            .iter()
            .find(|m| m.start == c.start && m.end == c.end)?;
        let (label_zh, label_en) = m.names(self.ctx);
        let id = match (&label_zh, &label_en) {
            (Some(zh), _) => chinese_id(c.kind, zh),
            (None, Some(en)) => format!("{}/{}", c.kind.slug(), english_slug(en)),
            (None, None) => return None,
        };
        Some(self.remember(Entity {
            id,
            kind: c.kind,
            label_zh,
            label_en,
            aliases: Default::default(),
        }))
    }

    /// 汉港 after 汉班托塔港: a Chinese name clipped to its first character and its type's
    /// suffix is the one entity of that type this document named in full with that first
    /// character and that suffix.
    fn clipped_short_form(&self, kind: EntityType, key: &str) -> Option<(String, EntityType)> {
        let mut chars = key.chars();
        let first = chars.next()?;
        let tail = chars.as_str();
        let suffixes = self.ctx.ex.lexicon.suffixes.get(&kind)?;
        if !(1..=2).contains(&tail.chars().count()) || !suffixes.iter().any(|s| s == tail) {
            return None;
        }
        let mut full = self.entities.values().filter(|e| {
            e.kind == kind
                && e.label_zh
                    .as_deref()
                    .is_some_and(|l| names::clips(first, tail, &name_key(l)))
        });
        let e = full.next()?;
        if full.next().is_some() {
            return None;
        }
        Some((e.id.clone(), e.kind))
    }

    /// A body named with its country's one-character abbreviation (柬农林渔业部) is the one
    /// named with the country's full name (柬埔寨农林渔业部), in the gazetteer or in this document.
    fn country_abbreviated(&mut self, kind: EntityType, key: &str) -> Option<(String, EntityType)> {
        if kind != EntityType::Organization {
            return None;
        }
        let mut chars = key.chars();
        let first = chars.next()?;
        let tail = chars.as_str();
        if tail.chars().count() < 2 {
            return None;
        }
        let gaz = &self.ctx.ex.gazetteer;
        let country = gaz
            .by_abbreviation(&first.to_string())
            .filter(|e| e.kind == EntityType::Country)?;
        let fulls: Vec<String> = country
            .zh
            .iter()
            .chain(&country.aliases_zh)
            .map(|n| name_key(&format!("{n}{tail}")))
            .collect();
        if let Some(&i) = fulls
            .iter()
            .find_map(|f| self.ctx.ex.compiled.gazetteer_keys.get(f))
        {
            return Some(self.gazetteer_entity(i));
        }
        let mut named = self.entities.values().filter(|e| {
            e.kind == kind
                && e.label_zh
                    .as_deref()
                    .is_some_and(|l| fulls.contains(&name_key(l)))
        });
        let e = named.next()?;
        Some((e.id.clone(), e.kind))
    }

    /// The entity a short form stands for when this document named it in full before: a
    /// meeting by its ordinal alone (第十五次会议 after 中越双边合作指导委员会第十五次会议), a body
    /// without its parties (双边合作指导委员会). Full names resolve first. A country's body is
    /// not the bare body (巴基斯坦外交部亚洲司 is no 外交部亚洲司), and short body names are too
    /// generic to tell. A document named again by its last words (三国政府间协定) is the same one.
    fn longer_name_in_document(&self, kind: EntityType, key: &str) -> Option<(String, EntityType)> {
        let ex = self.ctx.ex;
        let fits = match kind {
            EntityType::Event => ex.compiled.event_ordinal.find(key).is_some(),
            // 三国政府间协定 after 中吉乌铁路项目三国政府间协定: the agreement named again.
            EntityType::Organization | EntityType::Document => key.chars().count() >= 5,
            _ => false,
        };
        if !fits {
            return None;
        }
        let one_country = |prefix: &str| {
            let prefix = prefix.trim_end_matches(['-', '—', '－', '–']);
            ex.gazetteer.find(prefix).iter().any(|m| {
                m.start == 0
                    && m.end == prefix.len()
                    && ex.gazetteer.entries()[m.entry].kind == EntityType::Country
            })
        };
        let mut longer = self.entities.values().filter(|e| {
            e.kind == kind
                && e.label_zh.as_deref().is_some_and(|l| {
                    let full = without_abbreviations(&name_key(l));
                    // A headline naming the thing (中国巴基斯坦签署关于…的备忘录) is no longer
                    // name of it: the words before the short form state no relation.
                    let clause = |prefix: &str| ex.compiled.triggers.find(prefix).is_some();
                    full.len() >= key.len()
                        && full.ends_with(key)
                        && !one_country(&full[..full.len() - key.len()])
                        && !clause(&full[..full.len() - key.len()])
                })
        });
        let e = longer.next()?;
        // Two full names ending alike leave the short form unsure.
        if longer.next().is_some() {
            return None;
        }
        Some((e.id.clone(), e.kind))
    }

    /// An English event named by the last words of a longer name this document gives it (the
    /// Qingdao Summit after the SCO Qingdao Summit): two words at least, the one event whose
    /// English name ends in them after a whole word.
    fn longer_english_event(&self, text: &str) -> Option<(String, EntityType)> {
        if !text.is_ascii() || text.split_whitespace().count() < 2 {
            return None;
        }
        let mut longer = self.entities.values().filter(|e| {
            e.kind == EntityType::Event
                && e.label_en.as_deref().is_some_and(|l| {
                    l.len() > text.len()
                        && l.ends_with(text)
                        && l[..l.len() - text.len()].ends_with(' ')
                })
        });
        let e = longer.next()?;
        if longer.next().is_some() {
            return None;
        }
        Some((e.id.clone(), e.kind))
    }

    /// An English body named with its country's possessive first (Nepal's National Assembly)
    /// as the country's own name for it is written (National Assembly of Nepal), so that both
    /// make one entity.
    fn english_body_of_country(&self, label: &str) -> String {
        let Some((owner, body)) = label.split_once("'s ").or_else(|| label.split_once("’s "))
        else {
            return label.to_string();
        };
        let gaz = &self.ctx.ex.gazetteer;
        let country = gaz.find(owner).into_iter().find(|m| {
            m.start == 0
                && m.end == owner.len()
                && gaz.entries()[m.entry].kind == EntityType::Country
        });
        match country {
            Some(m) if body.split_whitespace().count() >= 2 => {
                let name = gaz.entries()[m.entry].en.as_deref().unwrap_or(owner);
                format!("{body} of {name}")
            }
            _ => label.to_string(),
        }
    }

    /// The Chinese names of the country the texts are written from (中国, 中华人民共和国).
    fn own_country_names(&self) -> impl Iterator<Item = &str> {
        let gaz = &self.ctx.ex.gazetteer;
        self.ctx
            .ex
            .lexicon
            .persons
            .own_country()
            .into_iter()
            .filter_map(|id| gaz.get(id))
            .flat_map(|e| e.zh.iter().chain(&e.aliases_zh))
            .map(String::as_str)
    }

    /// The gazetteer entry of the own country's state body named bare by `key` (商务部 →
    /// 中国商务部, the Ministry of Commerce of the People's Republic of China).
    fn own_country_known_body(&self, key: &str) -> Option<usize> {
        let lex = &self.ctx.ex.lexicon;
        if !lex
            .suffix_rules
            .state_bodies
            .iter()
            .any(|b| key.ends_with(b.as_str()))
        {
            return None;
        }
        let gaz = &self.ctx.ex.gazetteer;
        self.own_country_names()
            .find_map(|name| {
                let full = name_key(&format!("{name}{key}"));
                self.ctx.ex.compiled.gazetteer_keys.get(&full).copied()
            })
            .filter(|&i| gaz.entries()[i].kind == EntityType::Organization)
    }

    /// A body of the country the texts are written from, named with that country before it
    /// (中国外交部边界与海洋事务司, 中国商务部): its name without the country, as the country's
    /// own texts write it (外交部边界与海洋事务司, 商务部), so that both make one entity. Only
    /// state bodies and their departments: 中国科学院 keeps its name.
    fn own_country_body(&self, label: &str) -> Option<String> {
        let lex = &self.ctx.ex.lexicon;
        let rules = &lex.suffix_rules;
        let state_body = rules
            .state_bodies
            .iter()
            .chain(&rules.department_endings)
            .any(|b| label.ends_with(b.as_str()));
        if !state_body {
            return None;
        }
        self.own_country_names()
            .filter_map(|name| label.strip_prefix(name))
            .find(|rest| rest.chars().count() >= 3)
            .map(str::to_string)
    }

    /// An event's name with the body before its ordinal written one way, so that every text
    /// naming the meeting gives one entity: the body's known name (中拉论坛第四届部长级会议 →
    /// 中国—拉共体论坛第四届部长级会议) and two countries by their abbreviations (中国和巴基斯坦
    /// 第七次外长战略对话 → 中巴第七次外长战略对话).
    fn canonical_event_name(&self, name: &str) -> String {
        let ex = self.ctx.ex;
        let Some(ordinal) = ex.compiled.event_ordinal.find(name) else {
            // 中国与吉尔吉斯斯坦建交30周年研讨会 is 中吉建交30周年研讨会: the parties by their
            // abbreviations. English names keep their words.
            if name.is_ascii() {
                return name.to_string();
            }
            return match self.parties_joined(name, false) {
                Some((short, end)) if name[end..].chars().count() >= 2 => {
                    format!("{short}{}", &name[end..])
                }
                _ => name.to_string(),
            };
        };
        let (body, rest) = name.split_at(ordinal.start());
        if body.is_empty() {
            return name.to_string();
        }
        let gaz = ex.gazetteer.find(body);
        let whole = gaz.iter().find(|m| m.start == 0 && m.end == body.len());
        if let Some(m) = whole {
            let e = &ex.gazetteer.entries()[m.entry];
            if let Some(zh) = e.zh.as_deref() {
                if e.kind == EntityType::Country {
                    return name.to_string();
                }
                return format!("{zh}{rest}");
            }
        }
        // Two countries joined by 和/与/、 (中国和巴基斯坦).
        if let Some(parties) = self.parties_joined(body, false)
            && parties.1 == body.len()
        {
            return format!("{}{rest}", parties.0);
        }
        name.to_string()
    }

    /// Two to four countries opening `name`, joined by 和, 与, 、, 同 or a dash (中国和巴基斯坦,
    /// 中国-吉尔吉斯斯坦-乌兹别克斯坦) — by a dash only when `dashes_only` (a formal title,
    /// 中华人民共和国和古巴共和国关于…, keeps its words): their abbreviations (中巴, 中吉乌) and
    /// where the last ends.
    fn parties_joined(&self, name: &str, dashes_only: bool) -> Option<(String, usize)> {
        let ex = self.ctx.ex;
        let abbr = |m: &GazetteerMatch| {
            let e = &ex.gazetteer.entries()[m.entry];
            (e.kind == EntityType::Country)
                .then_some(e.abbr.clone())
                .flatten()
        };
        let gaz = ex.gazetteer.find(name);
        let first = gaz.first().filter(|a| a.start == 0)?;
        let mut short = abbr(first)?;
        let mut end = first.end;
        let mut count = 1;
        for m in gaz.iter().skip(1).take(3) {
            let joined = match name.get(end..m.start) {
                Some("-" | "—" | "－" | "–") => true,
                Some("和" | "与" | "、" | "同") => !dashes_only,
                _ => false,
            };
            if !joined {
                break;
            }
            let entry = &ex.gazetteer.entries()[m.entry];
            // A country listed with others but no abbreviation of its own is written by its
            // name's first character, as lists of countries are (中国-吉尔吉斯斯坦-乌兹别克斯坦
            // is 中吉乌).
            let listed = (entry.kind == EntityType::Country)
                .then(|| entry.zh.as_deref()?.chars().next().map(String::from))
                .flatten();
            let Some(a) = abbr(m).or(listed) else {
                break;
            };
            short.push_str(&a);
            end = m.end;
            count += 1;
        }
        (count >= 2).then_some((short, end))
    }

    /// A name opening with two countries' abbreviations the other way round from the texts'
    /// own country first (缅中命运共同体, 巴中友谊中心): the own country's first (中缅…, 中巴…),
    /// so that both orders make one entity.
    fn own_country_first(&self, name: &str) -> String {
        let mut chars = name.chars();
        let (Some(a), Some(b)) = (chars.next(), chars.next()) else {
            return name.to_string();
        };
        // A country the text names and abbreviates (马 for the Maldives) counts as well.
        let country = |c: char| {
            self.ctx
                .country_by_abbreviation(&c.to_string())
                .filter(|e| e.kind == EntityType::Country)
                .map(|e| e.id.clone())
        };
        let own = self.ctx.ex.lexicon.persons.own_country();
        match (country(a), country(b)) {
            (Some(x), Some(y))
                if own != Some(x.as_str())
                    && own == Some(y.as_str())
                    && chars.clone().count() >= 2 =>
            {
                format!("{b}{a}{}", chars.as_str())
            }
            _ => name.to_string(),
        }
    }

    /// An English name with its parties in the order [`Resolver::own_country_first`] gives a
    /// Chinese one: `Pakistan-China Friendship Centre` → `China-Pakistan Friendship Centre`,
    /// the parties joined by a hyphen or a dash, each a country's English name.
    fn own_country_first_english(&self, name: &str) -> String {
        let gaz = &self.ctx.ex.gazetteer;
        let Some(own_id) = self.ctx.ex.lexicon.persons.own_country() else {
            return name.to_string();
        };
        let Some(own) = gaz.get(own_id).and_then(|e| e.en.as_deref()) else {
            return name.to_string();
        };
        let Some((first, rest)) = name.split_once(['-', '–']) else {
            return name.to_string();
        };
        let Some(dash) = name[first.len()..].chars().next() else {
            return name.to_string();
        };
        let Some(tail) = rest.strip_prefix(own) else {
            return name.to_string();
        };
        let other_country = gaz.entries().iter().any(|e| {
            e.kind == EntityType::Country
                && e.id != own_id
                && (e.en.as_deref() == Some(first) || e.aliases_en.iter().any(|a| a == first))
        });
        if other_country && tail.starts_with(' ') && tail.trim().len() >= 2 {
            format!("{own}{dash}{first}{tail}")
        } else {
            name.to_string()
        }
    }

    /// A body's name with the two countries opening it written by their abbreviations
    /// (中国-巴基斯坦双边合作指导委员会 → 中巴双边合作指导委员会), so that every text naming it
    /// gives one entity.
    fn canonical_body_name(&self, name: &str, dashes_only: bool) -> String {
        // English names keep their words (China-Pakistan Joint Cooperation Committee).
        if name.is_ascii() {
            return name.to_string();
        }
        match self.parties_joined(name, dashes_only) {
            Some((short, end)) if name[end..].chars().count() >= 2 => {
                format!("{short}{}", &name[end..])
            }
            _ => name.to_string(),
        }
    }

    /// The quoted words a name opens with, when they are how the thing is called and no known
    /// name of their own: “加强人工智能能力建设国际合作”联大决议 is called by the resolution's title.
    fn quoted_short_form(&self, text: &str) -> Option<String> {
        let rest = text.strip_prefix(['“', '‘'])?;
        let close = rest.find(['”', '’'])?;
        let inner = &rest[..close];
        let tail = &rest[close + '”'.len_utf8()..];
        let c = &self.ctx.ex.compiled;
        let own_name = c.suffix_words.iter().any(|w| inner.ends_with(w.as_str()));
        let known = c.gazetteer_keys.contains_key(&name_key(inner));
        (inner.chars().count() >= 4 && tail.chars().count() >= 2 && !own_name && !known)
            .then(|| inner.to_string())
    }

    fn known_with_tail(
        &mut self,
        c: &Candidate,
        inner: &[Candidate],
    ) -> Option<(String, EntityType)> {
        let tails = &self.ctx.ex.lexicon.suffix_rules.generic_tails;
        // (`inner` is in order of start: only those starting inside `c` can be its head.)
        let from = inner.partition_point(|i| i.start < c.start);
        let to = inner.partition_point(|i| i.start < c.end);
        let head = inner[from..to.max(from)].iter().rfind(|i| {
            i.start >= c.start && i.end < c.end && i.kind == c.kind && {
                let after = self.ctx.text[i.end..c.end].trim_start_matches(['”', '’']);
                tails.iter().any(|t| t == after)
            }
        })?;
        let id = head.entity.clone()?;
        if let Some(e) = self.ctx.ex.gazetteer.get(&id) {
            let e = e.to_entity();
            return Some(self.remember(e));
        }
        None
    }

    fn person_short_form(&mut self, key: &str) -> Option<(String, EntityType)> {
        // 夏巴兹·谢里夫 is a full name; an English family name may hold a hyphen (Fomin-Nilov).
        if key.contains('·') || (key.contains('-') && !key.is_ascii()) {
            return None;
        }
        // Hon. Gyawali after Pradeep Kumar Gyawali: one English word is the family name of the
        // one person of this document whose English name ends in it.
        // Ambassador Du after Du Dewen: a Chinese name is written family name first.
        if key.is_ascii() && !key.contains(' ') {
            let mut same = self.entities.values().filter(|e| {
                let chinese = e
                    .label_zh
                    .as_deref()
                    .is_some_and(|l| !l.contains(['·', '-']))
                    || e.label_en.as_deref().is_some_and(|l| {
                        l.split_whitespace().count() == 2
                            && l.split_whitespace()
                                .next()
                                .is_some_and(|w| super::persons::is_pinyin_surname(self.ctx, w))
                    });
                // Mr. Weidong after Sun Weidong: the given name of a two-word Chinese name (four
                // letters at least), as texts abroad write it.
                e.kind == EntityType::Person
                    && e.label_en.as_deref().is_some_and(|l| {
                        let words: Vec<&str> = l.split_whitespace().collect();
                        words.len() >= 2
                            && if chinese {
                                words[0] == key
                                    || (words.len() == 2 && key.len() >= 4 && words[1] == key)
                            } else {
                                words[words.len() - 1] == key
                            }
                    })
            });
            if let Some(e) = same.next()
                && same.next().is_none()
            {
                return Some((e.id.clone(), EntityType::Person));
            }
        }
        let first_part = |name: &str| name.split(['·', '-']).next().map(str::to_string);
        // Full names already found in this document first (by their first or last part:
        // 西哈莫尼 after 诺罗敦·西哈莫尼), then the gazetteer.
        if let Some(found) = self.part_of_longer_name(key) {
            return Some(found);
        }
        let hits: Vec<usize> = self
            .gazetteer_persons()
            .filter(|(_, e)| e.zh.as_deref().and_then(first_part).as_deref() == Some(key))
            .filter(|(_, e)| e.zh.as_deref().is_some_and(|l| l.contains(['·', '-'])))
            .map(|(i, _)| i)
            .collect();
        (hits.len() == 1).then(|| self.gazetteer_entity(hits[0]))
    }
}

/// An English meeting's name with its ordinal right before the name of what meets (the 3rd
/// round China-Afghanistan-Pakistan … Dialogue → 3rd China-Afghanistan-Pakistan … Dialogue), so
/// that `round` or `session` between them makes no second entity.
fn english_occurrence_name(name: &str) -> String {
    static RE: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    let re = RE.get_or_init(|| {
        let ordinal = super::english::ORDINAL;
        regex::Regex::new(&format!(
            r"^({ordinal})[ \t]+(?i:round|session)[ \t]+([A-Z])"
        ))
        .expect("the ordinal pattern compiles")
    });
    re.replace(name, "$1 $2").into_owned()
}

/// The id of an entity of `kind` whose label is the Chinese `name`.
fn chinese_id(kind: EntityType, name: &str) -> String {
    format!("{}/{}", kind.slug(), iri_segment(&name_key(name)))
}

/// A readable id segment for an English name: lower case, words joined by `-`.
fn english_slug(name: &str) -> String {
    let mut out = String::new();
    for c in name.chars() {
        if c.is_alphanumeric() {
            out.extend(c.to_lowercase());
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    let out = out.trim_end_matches('-').to_string();
    if out.is_empty() {
        iri_segment(&name_key(name))
    } else {
        iri_segment(&out)
    }
}

/// The name without a short form it defines inside it (中巴经济走廊联合合作委员会(以下简称“联委会”)
/// 第九次会议 is 中巴经济走廊联合合作委员会第九次会议).
fn without_definitions(ctx: &Ctx<'_>, name: &str) -> String {
    match &ctx.ex.compiled.short_form_brackets {
        Some(re) => re.replace_all(name, "").into_owned(),
        None => name.to_string(),
    }
}

/// The name without the title marks or quotes that wrap it whole.
fn strip_outer_marks(text: &str) -> String {
    let t = text.trim();
    for (open, close) in [('《', '》'), ('“', '”'), ('‘', '’')] {
        if let Some(inner) = t.strip_prefix(open).and_then(|s| s.strip_suffix(close))
            && !inner.contains(open)
        {
            return inner.trim().to_string();
        }
    }
    t.to_string()
}

/// A name key without the Latin abbreviations written in brackets inside it:
/// 中印边境事务磋商和协调工作机制（WMCC）第27次会议 is read as the name without `（WMCC）`, so that
/// a short form of the name is known as the same one.
fn without_abbreviations(key: &str) -> String {
    let mut out = String::with_capacity(key.len());
    let mut rest = key;
    while let Some(open) = rest.find('（') {
        let after = &rest[open + '（'.len_utf8()..];
        match after.find('）') {
            Some(close)
                if close > 0
                    && after[..close]
                        .chars()
                        .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '&') =>
            {
                out.push_str(&rest[..open]);
                rest = &after[close + '）'.len_utf8()..];
            }
            _ => {
                out.push_str(&rest[..open + '（'.len_utf8()]);
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// Whether `short` is `long` with some words left out: at least six characters, its own
/// characters found in `long` in their order, the same last two characters (the event's head),
/// and at least two thirds of `long`'s length.
fn abridges(short: &str, long: &str) -> bool {
    // A bracket in the longer name may hold more than its words (…机制（新德里）第27次会议).
    if long.contains(['（', '(']) {
        return false;
    }
    let (s, l): (Vec<char>, Vec<char>) = (short.chars().collect(), long.chars().collect());
    if s.len() < 6
        || s.len() >= l.len()
        || s.len() * 3 < l.len() * 2
        || s[s.len() - 2..] != l[l.len() - 2..]
    {
        return false;
    }
    let mut rest = l.iter();
    s.iter().all(|c| rest.any(|d| d == c))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn outer_marks_are_stripped_only_when_they_wrap_the_whole_name() {
        assert_eq!(strip_outer_marks("《联合国宪章》"), "联合国宪章");
        assert_eq!(
            strip_outer_marks("“一带一路”新闻合作联盟"),
            "“一带一路”新闻合作联盟"
        );
    }

    #[test]
    fn bracketed_abbreviations_leave_the_name_key() {
        assert_eq!(
            without_abbreviations("中印工作机制（WMCC）第27次会议"),
            "中印工作机制第27次会议"
        );
        assert_eq!(
            without_abbreviations("行动计划（2025-2029年）"),
            "行动计划（2025-2029年）"
        );
        assert_eq!(without_abbreviations("会议（北京）（"), "会议（北京）（");
    }
}
