//! The extraction rules read from `ontology/rules.toml`: type suffixes, boundary words, titles,
//! party references and relation triggers.
//!
//! This module owns the file format and its validation; the rules are applied in `names` and
//! `relations`.

use std::collections::BTreeMap;

use serde::Deserialize;

use super::ExtractError;
use crate::model::{EntityType, RelationKind};

/// Where a trigger's objects stand relative to it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ObjectSide {
    /// After the trigger (甲会见乙, 支持乙).
    Right,
    /// Between the subject and the trigger (甲同乙举行会谈, 甲是乙的组成部分).
    Left,
    /// After the trigger, else between the subject and the trigger.
    RightOrLeft,
    /// A fixed entity the trigger names (来华 → China).
    Implied,
    /// Passive voice: the objects stand before the trigger in its clause and the subject right
    /// after it (the Global Development Initiative proposed by President Xi Jinping).
    Passive,
}

/// One relation trigger: its words and the types its arguments must have.
#[derive(Debug, Clone, Deserialize)]
pub struct Trigger {
    /// The relation the trigger states.
    pub relation: RelationKind,
    /// Trigger words, matched as text.
    pub words: Vec<String>,
    /// Allowed subject types.
    pub subject: Vec<EntityType>,
    /// Allowed object types.
    pub object: Vec<EntityType>,
    /// Where the objects stand.
    pub objects: ObjectSide,
    /// The object's entity id when `objects = "implied"`.
    #[serde(default)]
    pub implied: Option<String>,
    /// The most words that may stand between the trigger and its first object (`addressed the
    /// 79th session`, not `addressed concerns about the 3rd dialogue`); none: any.
    #[serde(default)]
    pub object_within: Option<usize>,
    /// Whether the trigger states its relation only after a word of stance (`stance_words`:
    /// 中方愿…推进 X, 双方应推进 X) earlier in its sentence.
    #[serde(default)]
    pub after_stance: bool,
    /// With `after_stance`: whether the word of stance must stand in the trigger's own clause
    /// (两国同意构建…命运共同体), for verbs that a clause of their own uses as a noun's modifier
    /// (…，谱写构建…新篇章).
    #[serde(default)]
    pub stance_in_clause: bool,
    /// Whether the subject is the name right before the trigger and nothing else (Nepal's
    /// commitment to …: the possessor, not the clause's subject).
    #[serde(default)]
    pub subject_adjacent: bool,
}

/// A name a regular expression finds whole (a China-Bangladesh community with a shared future):
/// its first group, or the whole match without one, is a name of `kind`.
#[derive(Debug, Clone, Deserialize)]
pub struct NamePattern {
    /// The type of the names found.
    #[serde(rename = "type")]
    pub kind: EntityType,
    /// The regular expression.
    pub regex: String,
}

/// A group of person titles.
#[derive(Debug, Clone, Deserialize)]
pub struct TitleGroup {
    /// The titles.
    pub words: Vec<String>,
    /// Whether the titles are top offices (the holder is `leaderOf` what precedes the title).
    pub leads: bool,
}

/// Settings of the suffix rule.
#[derive(Debug, Clone, Deserialize)]
pub struct SuffixRules {
    /// Fewest characters a name must have before its suffix.
    pub min_prefix_chars: usize,
    /// Words that say what kind a thing is and name none (惠民, 能源, 基础设施): a name made of
    /// these alone before a generic project head (惠民项目, 能源电力项目) is a common noun.
    #[serde(default)]
    pub generic_modifiers: Vec<String>,
    /// The words around what a title says its text is about (关于 … 的联合声明): a title printed
    /// alone at a text's head holds the first before and the second right before its head word.
    #[serde(default)]
    pub title_subject: Vec<String>,
    /// Words joining the portfolios a ministry's name lists (和, 与, 、).
    #[serde(default)]
    pub portfolio_joiners: Vec<String>,
    /// Last words of the bodies whose names list portfolios (部).
    #[serde(default)]
    pub portfolio_heads: Vec<String>,
    /// Most characters a name may have.
    pub max_name_chars: usize,
    /// Suffixes that need a proper name before them.
    pub needs_proper_prefix: Vec<String>,
    /// Occasions that name what is held for them as a proper name would (国庆75周年招待会,
    /// 春节联谊会).
    #[serde(default)]
    pub occasions: Vec<String>,
    /// Generic words after a known name that leave it the same entity.
    pub generic_tails: Vec<String>,
    /// Words that make a plan (…计划) a programme, typed Project.
    pub programme_words: Vec<String>,
    /// Words of international scope that open the proper names of bodies (世界人工智能合作组织):
    /// an organization suffix after one of these and more words needs no other proper part.
    #[serde(default)]
    pub scope_words: Vec<String>,
    /// Bodies every state has (外交部, 议会): after two countries' abbreviations (中斯外交部)
    /// they are the two countries' bodies, not one.
    #[serde(default)]
    pub state_bodies: Vec<String>,
    /// Heads of texts several parties issue together (联合声明, Joint Statement).
    #[serde(default)]
    pub joint_heads: Vec<String>,
    /// Counts of times before an event head (两度会晤): an act repeated, no event's name.
    #[serde(default)]
    pub times_words: Vec<String>,
    /// Project heads that a country's name alone before them leaves no name (缅甸项目).
    #[serde(default)]
    pub generic_project_heads: Vec<String>,
    /// Words of a kind of project (重点, 旗舰, 早期收获 …): a known project or initiative with
    /// only these and a generic head after it names a class of its projects, no project
    /// (中巴经济走廊重点项目, 中巴经济走廊旗舰项目).
    #[serde(default)]
    pub project_class_words: Vec<String>,
    /// Words ending in a body's suffix that name a part or side of a place (西南部, 内部):
    /// no body.
    #[serde(default)]
    pub not_bodies: Vec<String>,
    /// Heads that a country's name alone before them makes that country's plans, no
    /// initiative's name (巴基斯坦计划).
    #[serde(default)]
    pub generic_initiative_heads: Vec<String>,
    /// Words after a state body named bare that make it a cited source (外交部网站) or several
    /// countries' bodies (外交部间), no one body.
    #[serde(default)]
    pub bare_body_not_before: Vec<String>,
    /// Heads of counted concepts named without quotes after 的 or at a sentence's start
    /// (中方支持高质量共建“一带一路”的八项行动).
    #[serde(default)]
    pub counted_heads: Vec<String>,
    /// One-character endings of bodies' names that jieba's dictionary knows as organizations
    /// (中国共产党, 新华社, 国务院); too short to be suffixes of their own.
    #[serde(default)]
    pub org_endings: Vec<String>,
    /// Last words of a body's name after which a department of that body may follow as one
    /// name (外交部 in 外交部边界与海洋事务司).
    #[serde(default)]
    pub parent_bodies: Vec<String>,
    /// Last characters of a department's name inside a body (司, 局, 厅).
    #[serde(default)]
    pub department_endings: Vec<String>,
    /// Words a department's own name may hold though they end names elsewhere (与 in
    /// 边界与海洋事务司).
    #[serde(default)]
    pub department_links: Vec<String>,
    /// Measure words after a number (73个培训班, 13个部级合作平台): a count of things, no name.
    #[serde(default)]
    pub counters: Vec<String>,
    /// Words before a number that make it approximate (近540个): the count stays a count.
    #[serde(default)]
    pub count_approximators: Vec<String>,
    /// Words of an unnamed many right before a name (一系列, 多项): with them the words that
    /// follow describe a kind of thing, naming none (一系列重大国际合作倡议).
    #[serde(default)]
    pub plural_quantifiers: Vec<String>,
    /// Words of rank that may stand between a plural quantifier and the name (重大, 重要).
    #[serde(default)]
    pub quantified_adjectives: Vec<String>,
    /// Words opening a short form defined in brackets after a name (以下简称).
    #[serde(default)]
    pub short_form_words: Vec<String>,
    /// A dateline as a regular expression whose group 1 holds a news agency and the city
    /// before the date (新华丝路达卡1月21日电).
    #[serde(default)]
    pub dateline: Option<String>,
}

/// Settings of the numbered-event rule.
#[derive(Debug, Clone, Deserialize)]
pub struct EventRules {
    /// Head words that end an event name (会议, 对话 …).
    pub heads: Vec<String>,
    /// Regular expression of the ordinal (第N次/届, 首次).
    pub ordinal: String,
    /// Words joining two events held as one (暨): each is an event, and what is said of the
    /// pair is said of both.
    #[serde(default)]
    pub joint_links: Vec<String>,
    /// A year written right before an event the rules found, as a regular expression ending
    /// the text before it (2023年…联谊会): that year's edition.
    #[serde(default)]
    pub year_prefix: Option<String>,
    /// Words of an anniversary, which names its own year (2026年中巴建交75周年纪念活动): no year
    /// before it joins the name.
    #[serde(default)]
    pub anniversary_words: Vec<String>,
    /// English words of relations between parties (diplomatic relations): an anniversary of them
    /// is named with the parties they are between, or after the parties.
    #[serde(default)]
    pub anniversary_relations: Vec<String>,
    /// Anniversaries of a founding or of relations, which are occasions celebrated
    /// (中华人民共和国成立70周年, 两国建交70周年, the 45th anniversary of the establishment of
    /// diplomatic relations between the two countries): regular expressions matching from the
    /// occasion's word on (成立70周年); the founder or the parties are found before it.
    #[serde(default)]
    pub anniversaries: Vec<String>,
    /// Last words of the names of bodies that meet (理事会, 委员会): such a body with one of
    /// `body_meeting_heads` right after it is a meeting of it.
    #[serde(default)]
    pub meeting_bodies: Vec<String>,
    /// Words of a meeting after a body's name (会议, 全体会议).
    #[serde(default)]
    pub body_meeting_heads: Vec<String>,
    /// Words before a body's meeting in its clause that make it meetings held regularly (定期),
    /// no one occasion.
    #[serde(default)]
    pub recurrence_words: Vec<String>,
    /// A party's numbered plenary sessions (二十届三中全会): regular expressions of the session's
    /// words; a known party right before joins the name.
    #[serde(default)]
    pub party_sessions: Vec<String>,
    /// A party's numbered congresses (十三大), named only after their party: a known party or one
    /// of `party_owner_words` right before.
    #[serde(default)]
    pub party_congresses: Vec<String>,
    /// Words that give a congress its party (党的二十大).
    #[serde(default)]
    pub party_owner_words: Vec<String>,
    /// Characters after a congress's 大 that make it a longer word (大使, 大学): no congress.
    #[serde(default)]
    pub party_congress_not_before: String,
    /// The last words of a known party's name (中国共产党, 越共).
    #[serde(default)]
    pub party_name_endings: Vec<String>,
    /// Words before an anniversary in its clause that make it a year's description, not an
    /// occasion (恰逢中缅建交70周年, this year marks the 25th anniversary …).
    #[serde(default)]
    pub anniversary_descriptions: Vec<String>,
    /// Words right before an English anniversary that make it what an occasion named before
    /// celebrates (the Reception celebrating the 62nd Founding Anniversary of …).
    #[serde(default)]
    pub anniversary_occasions: Vec<String>,
    /// Heads of bodies that are also occasions (论坛, Forum): a name of one is the event when its
    /// clause holds it (a `held_after` word follows the name, a `held_before` word precedes it).
    #[serde(default)]
    pub occasion_heads: Vec<String>,
    /// Words after an occasion's name in its clause that say it took place (举行, was held).
    #[serde(default)]
    pub held_after: Vec<String>,
    /// Words before an occasion's name in its clause that say it took place (出席, attended).
    #[serde(default)]
    pub held_before: Vec<String>,
    /// Verbs by which a body holds an occasion that has no name of its own (举行开馆仪式): the
    /// occasion is named after the body right before the verb.
    #[serde(default)]
    pub holding_verbs: Vec<String>,
}

/// Words and tags that end a name on its left.
#[derive(Debug, Clone, Deserialize)]
pub struct Boundary {
    /// Words a name never extends over.
    pub stop_words: Vec<String>,
    /// Part-of-speech tags that end a name unless the word is a `name_words` entry.
    pub stop_tags: Vec<String>,
    /// Words allowed inside names whatever their tag.
    pub name_words: Vec<String>,
    /// Verbs that open a name after another verb (出席援助乌兹别克斯坦…仪式: 援助).
    #[serde(default)]
    pub name_opening_verbs: Vec<String>,
    /// Result complements (好 in 建设好, 用好): after a verb they end the verb, never start a
    /// name.
    #[serde(default)]
    pub verb_complements: Vec<String>,
    /// Words of aid before the facility an aid project builds (援, 援建): the body named after
    /// one inside a project's name is that project.
    #[serde(default)]
    pub aid_words: Vec<String>,
    /// Conjunctions jieba glues to the word after them (及大): a word opening with one ends a
    /// name on its left after the conjunction.
    #[serde(default)]
    pub glued_conjunctions: Vec<String>,
}

/// Words that may stand between a country, a title and a name.
#[derive(Debug, Clone, Deserialize)]
pub struct TitleInfixes {
    /// The words (时任, 现任 …).
    pub infixes: Vec<String>,
    /// Titles of a head of state or government: with no owner named, a foreign name with one
    /// heads the one country other than China a bilateral text is between.
    #[serde(default)]
    pub counterpart_heads: Vec<String>,
    /// English words before a title that make the office a past one (former, then): the
    /// country's adjective before them owns no office now.
    #[serde(default)]
    pub english_past: Vec<String>,
    /// Chinese words right before a title that make the office a past one (前, 原).
    #[serde(default)]
    pub past: Vec<String>,
    /// Words of English office names that are never a person's name (Minister of Planning,
    /// Development and Special Initiatives).
    #[serde(default)]
    pub english_office_words: Vec<String>,
    /// English titles with the offices they stand for as the gazetteer names roles
    /// (President → 总统, 国家主席).
    #[serde(default)]
    pub english: BTreeMap<String, Vec<String>>,
    /// Titles of a body's head (部长, 司长, 主任): right after the body's name they make the
    /// person its leader, though they lead no country.
    #[serde(default)]
    pub body_heads: Vec<String>,
    /// Words joining two offices of one person (国务委员兼外长, President and Prime Minister).
    #[serde(default)]
    pub office_links: Vec<String>,
}

/// Words that end a transliterated person name.
#[derive(Debug, Clone, Deserialize)]
pub struct PersonRules {
    /// Words after which a name's last part ends (于, 举行 …).
    pub right_stops: Vec<String>,
    /// Pairs of words framing a name (应 … 邀请): a name opening with the first, when the
    /// second follows in its clause, starts after it.
    #[serde(default)]
    pub frames: Vec<[String; 2]>,
    /// Words before which a name's first part starts (的, 会见 …).
    pub left_stops: Vec<String>,
    /// Words that only a person's name stands before (夫妇, 阁下, a rank written after the
    /// name: 中将): a run of sounded characters between a title and one of them is a person
    /// whatever country it is of (民族院议长曼温凯丹夫妇, 第二特战局局长丹吞乌中将).
    #[serde(default)]
    pub name_markers: Vec<String>,
    /// Capitalized English words that open sentences and never end a name (Shehbaz Sharif On
    /// the afternoon …, where a heading runs into the text).
    #[serde(default)]
    pub english_stops: Vec<String>,
    /// Words closing a line of those present (参加会见): the plain Chinese names listed before
    /// them are persons.
    #[serde(default)]
    pub presence_words: Vec<String>,
    /// English forms of address that stand before a person's name (Mr., Ms., Dr.), written
    /// without their dot.
    #[serde(default)]
    pub english_honorifics: Vec<String>,
    /// Letters after an English name that are no part of it (Sahara Khatoon MP).
    #[serde(default)]
    pub post_nominals: Vec<String>,
    /// Last characters of transliterated names that Chinese given names rarely end in (夫, 尔,
    /// 斯 …): with no country before a title, a run of sound characters ending so is a foreign
    /// name.
    #[serde(default)]
    pub transliteration_endings: Vec<String>,
    /// Words that, after a country's one-character abbreviation, name a body of it, never a
    /// person (尼军 is Nepal's army).
    #[serde(default)]
    pub abbreviated_bodies: Vec<String>,
    /// Characters that end no given name (王宁等出席: 等 is a word of its own).
    #[serde(default)]
    pub not_name_endings: Vec<String>,
    /// Common words jieba's dictionary tags as persons' names (祝贺, 友谊): never a person.
    #[serde(default)]
    pub not_names: Vec<String>,
    /// Chinese family names: a title next to one of these and one or two more characters, with
    /// a stop word or a mark after them, is a person (大使姜再冬出席, 姜再冬大使表示).
    #[serde(default)]
    pub surnames: Vec<String>,
    /// Family names with the Pinyin they are read as in names, where that differs from the
    /// character's common reading (单 → Shan).
    #[serde(default)]
    pub surname_readings: Vec<(String, String)>,
    /// Countries whose officials have Chinese names, which the family-name rules find: the
    /// sound-character rule leaves their titles alone.
    #[serde(default)]
    pub native_countries: Vec<String>,
    /// The country the texts are written from (China): bodies it names bare (商务部), the
    /// sender of missions with none named, the party a bilateral text's other side is told
    /// from. The first native country when not given.
    #[serde(default)]
    pub own_country: Option<String>,
    /// Characters Chinese uses to write foreign names by their sound (阿, 扎, 罗, 夫 …): a run
    /// of three or more of them after a foreign country and a title is that official's name
    /// (吉尔吉斯斯坦总统扎帕罗夫).
    #[serde(default)]
    pub transliteration_chars: String,
}

impl PersonRules {
    /// The id of the country the texts are written from (`own_country`, else the first native
    /// country).
    pub fn own_country(&self) -> Option<&str> {
        self.own_country
            .as_deref()
            .or_else(|| self.native_countries.first().map(String::as_str))
    }

    /// `before` without the English forms of address it ends with (`Prime Minister Dr.` →
    /// `Prime Minister`, `invitation of Rt. Hon.` → `invitation of`), each a word of its own,
    /// and without the spaces left before them.
    pub fn strip_english_honorifics<'t>(&self, before: &'t str) -> &'t str {
        let mut before = before.trim_end();
        loop {
            let bare = before.strip_suffix('.').unwrap_or(before);
            let Some(rest) = self
                .english_honorifics
                .iter()
                .filter_map(|h| bare.strip_suffix(h.as_str()))
                .filter(|rest| rest.is_empty() || rest.ends_with(' '))
                .min_by_key(|rest| rest.len())
            else {
                return before;
            };
            before = rest.trim_end();
        }
    }

    /// The length in bytes of the one character ending `word` that no given name ends with
    /// (`not_name_endings`: 同 of 韦燕同, 在 of 孟什在), when it ends with one.
    pub fn glued_non_name_ending(&self, word: &str) -> Option<usize> {
        self.not_name_endings
            .iter()
            .find(|w| w.chars().count() == 1 && word.ends_with(w.as_str()))
            .map(String::len)
    }
}

/// References to a document's parties.
#[derive(Debug, Clone, Deserialize)]
pub struct Parties {
    /// Words naming all parties (双方, 两国).
    pub collective: Vec<String>,
    /// Words of the salutation opening a speech (朋友们, 女士们): one right before a colon ends a
    /// speech's heading, whose byline names the speaker.
    #[serde(default)]
    pub salutations: Vec<String>,
    /// Words of address before a person in a speech's salutation (尊敬的, Dear): the person
    /// addressed, not the speaker.
    #[serde(default)]
    pub addressing: Vec<String>,
    /// Words naming the heads of a two-party document's parties (两国元首, the two leaders): with
    /// a meeting word after them in their clause, the one leader the document states for each
    /// party met the other.
    #[serde(default)]
    pub heads: Vec<String>,
    /// Offices the gazetteer's roles name that head a country (国家主席, 总统, 总理): with no
    /// leader stated in the text, the one person named who held one of them for a party is
    /// its head for `heads`.
    #[serde(default)]
    pub head_offices: Vec<String>,
    /// Suffixes after a country abbreviation naming that country (方 → 中方).
    pub party_suffix: Vec<String>,
    /// Suffixes after two abbreviations naming both countries (两国 → 中巴两国).
    pub pair_suffix: Vec<String>,
    /// First-person words (我) that, in a paragraph reporting what a person said, name that
    /// person.
    #[serde(default)]
    pub first_person: Vec<String>,
    /// Characters after a first-person word that make another word of it (我国, 我们).
    #[serde(default)]
    pub first_person_not_before: String,
    /// Third-person pronouns (他, 她) that, right after one of `third_person_after` (同他, 会见她),
    /// name the person named last before their clause in their paragraph.
    #[serde(default)]
    pub third_person: Vec<String>,
    /// Words after which a third-person pronoun is the partner of a meeting (同, 与, 会见).
    #[serde(default)]
    pub third_person_after: Vec<String>,
    /// Characters after a third-person pronoun that make another word of it (他们, 他国, 他人).
    #[serde(default)]
    pub third_person_not_before: String,
    /// Verbs of saying after a person's name (and title) that open their words (表示，).
    #[serde(default)]
    pub speech_verbs: Vec<String>,
    /// English nouns after `the` and a country's adjective of nationality (gazetteer
    /// `demonyms_en`) naming that country (the Chinese side).
    #[serde(default)]
    pub english_sides: Vec<String>,
    /// Abbreviations that open a pair of countries in a title (中 of 中孟举行外交磋商): the pair
    /// names the document's parties.
    #[serde(default)]
    pub title_pair_first: Vec<String>,
    /// Words naming the country last named before them (该国, the country).
    #[serde(default)]
    pub anaphora: Vec<String>,
}

/// Settings shared by all relation triggers.
#[derive(Debug, Clone, Deserialize)]
pub struct RelationSettings {
    /// Words that make a clause a wish, plan or invitation.
    pub modality: Vec<String>,
    /// Modality words that, followed by a date (将于5月16日), announce what will be: a fact.
    #[serde(default)]
    pub scheduled: Vec<String>,
    /// Words opening the programme of a visit (访问期间): after a visit announced with its date,
    /// a `programme_modals` word in a sentence holding one announces a part of that visit, a
    /// fact (访问期间，习近平主席将会见…).
    #[serde(default)]
    pub programme_openers: Vec<String>,
    /// The modality words read as announcing in a visit's programme (将).
    #[serde(default)]
    pub programme_modals: Vec<String>,
    /// Marks that end a clause.
    pub clause_separators: Vec<String>,
}

/// Phrases around names that state or cancel relations.
#[derive(Debug, Clone, Deserialize)]
pub struct Phrases {
    /// Relations that a modality word before the trigger cancels.
    pub modal_relations: Vec<RelationKind>,
    /// Words after a name that make it the clause's leader, not its object (领导).
    pub not_object_before: Vec<String>,
    /// A head count before an attending verb, as a regular expression whose group 1 is the
    /// verb (等400余人出席).
    #[serde(default)]
    pub headcount: Option<String>,
    /// Openings of sentences naming those present (Present on the occasion were …).
    #[serde(default)]
    pub present_openers: Vec<String>,
    /// Words after the head of a delegation (由洪亮率领).
    #[serde(default)]
    pub delegation_leads: Vec<String>,
    /// Last words of the names of talks (磋商, 对话): holding one with a partner meets the
    /// partner.
    #[serde(default)]
    pub talks_heads: Vec<String>,
    /// Words before the head of a delegation (led by).
    #[serde(default)]
    pub delegation_led_by: Vec<String>,
    /// English verbs after the head of a delegation, before the delegation's noun (X, Foreign
    /// Secretary of Nepal, led the Nepali delegation).
    #[serde(default)]
    pub delegation_lead_verbs: Vec<String>,
    /// Nouns naming a delegation after one of `delegation_lead_verbs` (delegation).
    #[serde(default)]
    pub delegation_nouns: Vec<String>,
    /// A sentence opening at an event (At the ceremony, / 在招待会上，): the opening and the mark
    /// closing it; the person going on after it attended the event.
    #[serde(default)]
    pub occasion_frames: Vec<[String; 2]>,
    /// Words after a speaker (在致辞中, in his remarks): the person addressed the occasion the
    /// text reports.
    #[serde(default)]
    pub speech_frames: Vec<String>,
    /// Words for people: a country or body a few characters before one (中方企业代表) is no
    /// actor.
    #[serde(default)]
    pub people_nouns: Vec<String>,
    /// Words after a name that make it an owner, never a subject ('s).
    #[serde(default)]
    pub not_subject_before: Vec<String>,
    /// Words opening a clause that continues the previous object list (包括).
    pub list_continuations: Vec<String>,
    /// Links of 以甲为中心的乙 (甲 is part of 乙).
    pub part_links: Vec<String>,
    /// Verbs of 在甲开展乙 (乙 lies in 甲).
    pub in_place_verbs: Vec<String>,
    /// Links between listed places and the project in them (等地的).
    pub place_list_links: Vec<String>,
    /// Words that end a section or route after its two ends (段, 口岸, 输电 …): 塔科特至雷克特段.
    #[serde(default)]
    pub section_heads: Vec<String>,
    /// Verbs of taking part: 中方支持古方参与金砖机制 supports Cuba's taking part, not BRICS.
    #[serde(default)]
    pub agent_verbs: Vec<String>,
    /// Words of praise (中方赞赏巴方响应…): the party after one that backs the object is the
    /// supporter, not the one praising.
    #[serde(default)]
    pub praise_words: Vec<String>,
    /// Words after a visit that make it a clause of time (访问期间): no place follows.
    #[serde(default)]
    pub visit_time_words: Vec<String>,
    /// Verbs of backing something after a word of praise and a party (响应, 支持, 参与 …).
    #[serde(default)]
    pub backing_verbs: Vec<String>,
    /// Words of praise that support only through a party that backs the object (感谢).
    #[serde(default)]
    pub praise_only_words: Vec<String>,
    /// Marks after a word of praise and a party that make the party the object's originator
    /// (欢迎中方提出的…倡议): the one praising supports the object.
    #[serde(default)]
    pub originator_marks: Vec<String>,
    /// Marks right before a trigger that make it passive (受, 被).
    #[serde(default)]
    pub passive_marks: Vec<String>,
    /// Demonstratives right before a trigger that make it a noun (这次访问 speaks of a visit,
    /// states none).
    #[serde(default)]
    pub demonstratives: Vec<String>,
    /// English words that make one of `attributive_triggers` right after them a noun or a noun's
    /// modifier (a welcome dinner, his welcome speech).
    #[serde(default)]
    pub determiners: Vec<String>,
    /// English triggers that are also nouns and modifiers of nouns (welcome).
    #[serde(default)]
    pub attributive_triggers: Vec<String>,
    /// Words before the place a visit is paid to, when it stands before the trigger (对).
    #[serde(default)]
    pub visit_target_marks: Vec<String>,
    /// Words that may stand between that place and the trigger (进行).
    #[serde(default)]
    pub visit_target_links: Vec<String>,
    /// Words before `对` that begin or end a visit (结束对巴基斯坦的访问): with them, or a word of
    /// time after the trigger, 的 may stand between the place and the trigger.
    #[serde(default)]
    pub visit_bounds: Vec<String>,
    /// English words opening the capacity a guest came in (was present as the Chief Guest).
    #[serde(default)]
    pub capacity_words: Vec<String>,
    /// Words of stance (愿, 应, 同意): a trigger with `after_stance` states its relation only
    /// after one of these in its sentence.
    #[serde(default)]
    pub stance_words: Vec<String>,
    /// Words right before a stance trigger that make it a purpose (为打造…发挥作用).
    #[serde(default)]
    pub purpose_marks: Vec<String>,
    /// Words between persons listed before a meeting verb and the verb that make each of
    /// them meet its partner (分别).
    #[serde(default)]
    pub respectively: Vec<String>,
    /// Meeting verbs whose object may open with a relative clause (会见来华出席…的甲): a trigger
    /// right after one states what the person after the clause's 的 did.
    #[serde(default)]
    pub relative_openers: Vec<String>,
    /// The most characters of office (a country or body and a title) between a relative clause's
    /// 的 and the person it describes.
    #[serde(default = "default_office_gap")]
    pub office_gap: usize,
    /// Words joining two verbs of one subject (并): a name between the first verb and one of
    /// them is the first verb's object.
    #[serde(default)]
    pub joined_verb_links: Vec<String>,
    /// English adverbs that may stand between such a link and the second verb (and also met).
    #[serde(default)]
    pub joined_verb_adverbs: Vec<String>,
    /// Words that, with a country's abbreviation after them, state a visit to that country
    /// (访缅, 访巴): each country of the gazetteer with an abbreviation gets such a trigger.
    #[serde(default)]
    pub visit_abbreviation_words: Vec<String>,
    /// Words of chairing a meeting together (共同主持): its chairs meet.
    #[serde(default)]
    pub co_chair_words: Vec<String>,
    /// Words that refer back to the meeting named before (co-chaired the dialogue, 出席会议).
    #[serde(default)]
    pub meeting_references: Vec<String>,
    /// Words after a count of years that make it an anniversary (30周年): a signing so followed
    /// names the anniversary, signing nothing.
    #[serde(default)]
    pub anniversary_words: Vec<String>,
    /// Words right after a signing verb that refer to a document named before by its kind
    /// (签署协议, signed the agreement): the last document whose name ends as the word does.
    #[serde(default)]
    pub document_references: Vec<String>,
    /// English kinds of occasion a reference may name (the ceremony, the reception): such a
    /// reference is of an event whose name holds the kind.
    #[serde(default)]
    pub kind_references: Vec<String>,
    /// Words of hope right before a party (希望蒙方…奉行): what the party is hoped to back is
    /// backed by the one hoping.
    #[serde(default)]
    pub hope_words: Vec<String>,
    /// Words closing a list of speakers before their verb (A and B, among others, spoke).
    #[serde(default)]
    pub among_others: Vec<String>,
    /// Words right after an event's name that make it a topic, not an occasion (…高峰论坛成果:
    /// the forum's outcomes are spoken of, no one is at the forum).
    #[serde(default)]
    pub event_topic_words: Vec<String>,
    /// Words after an attending verb and its event that open the list of those who attend
    /// (出席招待会的有甲、乙).
    #[serde(default)]
    pub attendee_marks: Vec<String>,
    /// Particles that may stand between a verb and the word it takes (出席了招待会: 了).
    #[serde(default)]
    pub verb_particles: Vec<String>,
    /// Words joining the persons of one list (、, and), each perhaps with an office.
    #[serde(default)]
    pub list_links: Vec<String>,
    /// Words joining a partner with an office to the subject (与, 同).
    #[serde(default)]
    pub partner_links: Vec<String>,
    /// English relative pronouns (…, who is on a visit to China): the clause they open is of
    /// the person right before them.
    #[serde(default)]
    pub relative_pronouns: Vec<String>,
    /// English marks of an infinitive (welcomes X to attend): a person right before one and a
    /// trigger is invited or expected, not acting.
    #[serde(default)]
    pub infinitive_marks: Vec<String>,
    /// the meeting between President A and President B: words after which two persons joined
    /// by `and` met.
    #[serde(default)]
    pub meetings_between: Vec<String>,
    /// …attended the ceremony together with President X: words after which the persons named
    /// do what the clause's subject does, with it.
    #[serde(default)]
    pub companion_words: Vec<String>,
    /// The China-proposed Belt and Road Initiative: marks joined to a country's name that make it
    /// the proposer of the initiative after them.
    #[serde(default)]
    pub proposer_marks: Vec<String>,
    /// Premier Zhou Enlai's visit to Sri Lanka, the visit of X to Y: nouns of a visit that, with
    /// the visitor as their possessor or after `of` and a country or place after `to`, state it.
    #[serde(default)]
    pub visit_nouns: Vec<String>,
    /// Words before a visit's noun that make it a plan (upcoming, planned).
    #[serde(default)]
    pub visit_plan_words: Vec<String>,
    /// English prepositions: a name right after one is no subject.
    #[serde(default)]
    pub english_prepositions: Vec<String>,
    /// Chinese coverbs of place and circumstance (在): a name right after one, as a word of its
    /// own, is where or under whom something is done, no subject.
    #[serde(default)]
    pub chinese_coverbs: Vec<String>,
    /// Words of meeting before a clause of time (习近平会见伊姆兰·汗时提出): its speaker is the
    /// one who held the meeting.
    #[serde(default)]
    pub meeting_words: Vec<String>,
    /// Words after a project or initiative that make the projects named after them in the
    /// sentence its parts (中巴经济走廊建设以来，卡洛特水电站…; 在“一带一路”框架下).
    #[serde(default)]
    pub part_frames: Vec<String>,
    /// 卡洛特水电站是中巴经济走廊框架下的首个水电投资项目, The Karot project, a CPEC project, …,
    /// Gwadar Port is a key project of the Belt and Road Initiative: a project said to be a
    /// project of another is its part. See [`PartCopulas`].
    #[serde(default)]
    pub part_copulas: PartCopulas,
    /// During his visit to Nepal, Wang Yi met …: words opening a sentence before the place a
    /// visit was to; the first person named after the comma that closes the opening visited
    /// it.
    #[serde(default)]
    pub visit_openers: Vec<String>,
    /// Words after a project or initiative that introduce a list of its parts (… under CPEC
    /// include 甲, 乙; 中巴经济走廊项目包括甲、乙).
    #[serde(default)]
    pub part_lists: Vec<String>,
    /// Words in what follows a known project's name that make a name a phase or section of it
    /// (喀喇昆仑公路二期, …（塔科特至雷克特段）改线项目).
    #[serde(default)]
    pub phase_words: Vec<String>,
}

/// English document names that open with their head word.
#[derive(Debug, Clone, Deserialize)]
pub struct EnglishTitles {
    /// Head words (Agreement, Memorandum of Understanding …).
    pub heads: Vec<String>,
    /// Words linking the head to the rest of the name (on, between …).
    pub links: Vec<String>,
    /// Heads of a numbered occurrence of a body's meetings, written before the body's name
    /// (The 4th meeting of CPEC Joint Working Group on …): each is an Event.
    #[serde(default)]
    pub occurrence_heads: Vec<String>,
    /// Days of the week: one ending an English name (…Council of Foreign Ministers Tuesday)
    /// dates it and is no part of it.
    #[serde(default)]
    pub weekdays: Vec<String>,
    /// Small words a title writes in lower case (upon, at, the …): capitalized after a title,
    /// one opens the next sentence.
    #[serde(default)]
    pub small_words: Vec<String>,
    /// Words a formal text leaves in lower case inside a trigger phrase whose nouns it
    /// capitalizes (paid a State Visit to).
    #[serde(default)]
    pub phrase_small_words: Vec<String>,
    /// Heads of bodies an English text may print in lower case after a capitalized word (the
    /// sixth meeting of the China-Uzbekistan intergovernmental cooperation committee).
    #[serde(default)]
    pub lowercase_body_heads: Vec<String>,
    /// Capitalized parts of an event written before its numbered or dated name (the Opening
    /// Ceremony of the 19th Asian Games): with `of the` and that name, one Event. Written in
    /// lower case (the opening ceremony of the Third … Expo) they are common nouns.
    #[serde(default)]
    pub event_parts: Vec<String>,
    /// Ceremonies held for a named thing (the handover ceremony of the China-Pakistan
    /// Friendship Hospital): `<kind> ceremony of [the] Name` is an Event of its own, unless the
    /// name is itself an event's (the opening ceremony of the Third … Expo is the Expo's).
    #[serde(default)]
    pub ceremony_kinds: Vec<String>,
    /// Verbs of headlines written in capitals (Attends, Meets): a name starts after one.
    #[serde(default)]
    pub headline_verbs: Vec<String>,
    /// Articles that open no name (The Opening Ceremony, A Signing Ceremony).
    #[serde(default)]
    pub articles: Vec<String>,
    /// Kinds of events a text describes without naming them (a reception at the Chinese
    /// Embassy in Dhaka).
    #[serde(default)]
    pub described_events: Vec<String>,
    /// Last words of an English occasion's name in quotation marks ('The Belt and Road
    /// Initiative in Bangladesh Exhibition 2023'): the quotes bound the name, so kinds too common
    /// to end a name unquoted count here.
    #[serde(default)]
    pub quoted_event_heads: Vec<String>,
    /// Verbs that end a described event before them (A handover ceremony of the … Hospital
    /// was held in Gwadar: the description ends before `was`).
    #[serde(default)]
    pub description_ends: Vec<String>,
    /// Words after a ceremony's kind that go on to describe it (the handover ceremony of …,
    /// held in …): the ceremony is then named by that description, not by its kind alone.
    #[serde(default)]
    pub description_openers: Vec<String>,
    /// Heads that open an English body's name (Ministry of Foreign Affairs of Bangladesh).
    #[serde(default)]
    pub body_openers: Vec<String>,
    /// Words that may stand before the first `of` of a name ending in a head (Bank of China);
    /// without one of these or a head word there, the words before `of` are no part of it.
    #[serde(default)]
    pub of_openers: Vec<String>,
    /// Heads of bodies whose name goes on with `on` and their subject (Joint Working Group on
    /// International Cooperation and Coordination).
    #[serde(default)]
    pub subject_heads: Vec<String>,
    /// Heads of bodies whose name goes on with `of` and what the body is of (Tashkent State
    /// University of Oriental Studies).
    #[serde(default)]
    pub field_heads: Vec<String>,
    /// Lower-case nouns after the name a ceremony is held for that still belong to what it is
    /// held for (the inauguration ceremony of the Mahosot General Hospital building).
    #[serde(default)]
    pub ceremony_object_nouns: Vec<String>,
    /// Words that name no particular thing (Foreign, Standing, Opening, Regular, Press …): an
    /// English name made of these, links and its head alone (the Foreign Ministry, the Opening
    /// Ceremony) is a common noun phrase, no name.
    #[serde(default)]
    pub generic_words: Vec<String>,
}

/// One kind of diplomatic mission and its names.
#[derive(Debug, Clone, Deserialize)]
pub struct MissionKind {
    /// Chinese words for it, longest first (大使馆, 使馆).
    pub zh: Vec<String>,
    /// The word its canonical Chinese name uses (大使馆).
    pub name: String,
    /// English heads, the first one canonical (Consulate General, Consulate-General).
    pub en: Vec<String>,
}

/// How diplomatic missions are named: `[sender]驻<host>[city]<kind>` and their English forms.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct MissionRules {
    /// The kinds of mission.
    #[serde(default)]
    pub kinds: Vec<MissionKind>,
    /// The word before a host (驻).
    #[serde(default)]
    pub posted: String,
    /// Words for the texts' own country as the sender (我驻巴使馆).
    #[serde(default)]
    pub own_senders: Vec<String>,
    /// One-character hosts that are no country abbreviation, with the country's id (华).
    #[serde(default)]
    pub host_short: BTreeMap<String, String>,
    /// Endings of a city's name that its canonical form drops (市).
    #[serde(default)]
    pub city_endings: Vec<String>,
    /// Words after a mission's name that make it a source cited (网站).
    #[serde(default)]
    pub source_words: Vec<String>,
}

/// Words around a place name that tell a country from other places, for names the gazetteer
/// does not hold.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct PlaceRules {
    /// Words after a name that only a country takes (政府, 总统, 外交部 …).
    #[serde(default)]
    pub country_after: Vec<String>,
    /// Words of `country_after` that also follow persons' names (人民 in 人民日报 aside, 总理
    /// follows 夏巴兹 as well as 巴基斯坦): a word jieba reads as a person's name becomes a
    /// country only by the other words.
    #[serde(default)]
    pub person_after: Vec<String>,
    /// Words before a name that only a country takes (驻 in 驻巴基斯坦大使).
    #[serde(default)]
    pub country_before: Vec<String>,
    /// Words before a name that make it a place one goes to or is in (在, 赴, 抵达 …).
    #[serde(default)]
    pub place_before: Vec<String>,
    /// Words after a name that make it a place (等地, 地区 …).
    #[serde(default)]
    pub place_after: Vec<String>,
    /// Endings of names of parts of a country, never countries (省, 市, 自治区 …).
    #[serde(default)]
    pub subdivision_endings: Vec<String>,
    /// Regions larger than a country (中亚, 印度洋): no country holds them, so standing beside
    /// one (中国中亚合作) places them nowhere.
    #[serde(default)]
    pub regions: Vec<String>,
    /// Heads of a company's name (公司, Corporation): a company is placed by no country its name
    /// opens with (China Road and Bridge Corporation).
    #[serde(default)]
    pub company_heads: Vec<String>,
    /// Verbs after 在/于 and a name that make the name where something happens (在北京举行).
    #[serde(default)]
    pub place_frame_after: Vec<String>,
    /// Common words jieba tags as place names that name no place (中巴, 海外 …).
    #[serde(default)]
    pub not_places: Vec<String>,
    /// Words between a country or place and a place in it (老挝首都万象, 巴基斯坦南部城市卡拉奇).
    #[serde(default)]
    pub inner_links: Vec<String>,
    /// English words between a place and the country or place holding it (Chengdu, capital of
    /// Sichuan Province; Lumbini in Nepal), each with one space or `, ` on either side.
    #[serde(default)]
    pub english_inner_links: Vec<String>,
    /// English prepositions of a framework (projects under CPEC in Gwadar): a place after the
    /// name that follows one of them is where the head noun before them is, not the framework.
    #[serde(default)]
    pub english_framework_prepositions: Vec<String>,
    /// English words between a country's adjective and its capital (the Bangladeshi capital
    /// Dhaka), each with one space on either side.
    #[serde(default)]
    pub english_capital_links: Vec<String>,
    /// English words of direction that may stand before the holder (in southwestern China).
    #[serde(default)]
    pub english_directions: Vec<String>,
    /// English words of the kind of a place, after its name (Sichuan Province, Gwadar City).
    #[serde(default)]
    pub english_subdivisions: Vec<String>,
}

impl PlaceRules {
    /// Whether `word` is one of the common words that name no place (`not_places`).
    pub fn names_no_place(&self, word: &str) -> bool {
        self.not_places.iter().any(|w| w == word)
    }
}

/// Every rule of `rules.toml`.
#[derive(Debug, Clone, Deserialize)]
pub struct Lexicon {
    /// Type suffixes by entity type.
    pub suffixes: BTreeMap<EntityType, Vec<String>>,
    /// Head words of English names by entity type.
    pub english_heads: BTreeMap<EntityType, Vec<String>>,
    /// English document names that open with their head.
    pub english_titles: EnglishTitles,
    /// Settings of the suffix rule.
    pub suffix_rules: SuffixRules,
    /// Settings of the numbered-event rule.
    pub events: EventRules,
    /// Left-boundary words and tags.
    pub boundary: Boundary,
    /// Person titles.
    #[serde(rename = "title")]
    pub title_groups: Vec<TitleGroup>,
    /// Words between titles and names.
    pub titles: TitleInfixes,
    /// Boundaries of transliterated names.
    pub persons: PersonRules,
    /// Party references.
    pub parties: Parties,
    /// Settings shared by the triggers.
    pub relations: RelationSettings,
    /// Phrases around names.
    pub phrases: Phrases,
    /// Country and place words for names the gazetteer does not hold.
    #[serde(default)]
    pub places: PlaceRules,
    /// Diplomatic missions.
    #[serde(default)]
    pub missions: MissionRules,
    /// Relation triggers.
    #[serde(rename = "trigger")]
    pub triggers: Vec<Trigger>,
    /// Names a regular expression finds whole.
    #[serde(default, rename = "name_pattern")]
    pub name_patterns: Vec<NamePattern>,
    /// Every title with whether it leads, longest first (derived from `title_groups` once).
    #[serde(skip)]
    sorted_titles: Vec<(String, bool)>,
}

impl Lexicon {
    /// Parses `rules.toml` text; `origin` names the file in errors.
    pub fn parse(text: &str, origin: &str) -> Result<Lexicon, ExtractError> {
        let mut lexicon: Lexicon = toml::from_str(text).map_err(|e| ExtractError::Rules {
            file: origin.to_string(),
            message: e.to_string(),
        })?;
        regex::Regex::new(&lexicon.events.ordinal).map_err(|e| ExtractError::Rules {
            file: origin.to_string(),
            message: format!("events.ordinal: {e}"),
        })?;
        for trigger in &lexicon.triggers {
            if trigger.objects == ObjectSide::Implied && trigger.implied.is_none() {
                return Err(ExtractError::Rules {
                    file: origin.to_string(),
                    message: format!(
                        "trigger {:?} has objects = \"implied\" but no `implied` entity",
                        trigger.words
                    ),
                });
            }
        }
        let mut titles: Vec<(String, bool)> = lexicon
            .title_groups
            .iter()
            .flat_map(|g| g.words.iter().map(move |w| (w.clone(), g.leads)))
            .collect();
        titles.sort_by(|a, b| {
            b.0.chars()
                .count()
                .cmp(&a.0.chars().count())
                .then(a.0.cmp(&b.0))
        });
        lexicon.sorted_titles = titles;
        Ok(lexicon)
    }

    /// Every title with whether it is a top office, longest first.
    pub fn titles(&self) -> &[(String, bool)] {
        &self.sorted_titles
    }

    /// `text` without a word that may stand between a title and a name at its end (时任 …).
    pub fn strip_title_infix<'a>(&self, text: &'a str) -> &'a str {
        self.titles
            .infixes
            .iter()
            .find_map(|w| text.strip_suffix(w.as_str()))
            .unwrap_or(text)
    }

    /// The title at the start of `text`, longest first, with whether it leads.
    pub fn title_at_start<'a>(&'a self, text: &str) -> Option<(&'a str, bool)> {
        self.sorted_titles
            .iter()
            .find(|(w, _)| text.starts_with(w.as_str()))
            .map(|(w, l)| (w.as_str(), *l))
    }

    /// The title at the end of `text`, longest first, with whether it leads.
    pub fn title_at_end<'a>(&'a self, text: &str) -> Option<(&'a str, bool)> {
        self.sorted_titles
            .iter()
            .find(|(w, _)| text.ends_with(w.as_str()))
            .map(|(w, l)| (w.as_str(), *l))
    }
}

/// The most characters of office between a relative clause's 的 and its person, by default.
fn default_office_gap() -> usize {
    16
}

/// The words of a project said to be a project of another (`phrases.part_copulas`): in
/// Chinese `Y 是 X[框架下][的]…项目`, `作为 X…项目，Y`; in English `Y, a … project of X`,
/// `Y is a … project of X`, `Y, a X project`.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct PartCopulas {
    /// Verbs saying what a thing is (是, 为, is, was).
    #[serde(default)]
    pub verbs: Vec<String>,
    /// Words opening the clause before the thing it introduces (作为, As).
    #[serde(default)]
    pub openers: Vec<String>,
    /// Nouns of a project (项目, 工程, project).
    #[serde(default)]
    pub nouns: Vec<String>,
    /// Words between the whole and the noun that keep the phrase one (框架下, 的, 之一 …).
    #[serde(default)]
    pub links: Vec<String>,
    /// English articles and quantifiers opening the noun phrase (a, an, one of the).
    #[serde(default)]
    pub articles: Vec<String>,
    /// English prepositions between the noun and the whole (of, under, within).
    #[serde(default)]
    pub prepositions: Vec<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    const RULES: &str = include_str!("../../ontology/rules.toml");

    #[test]
    fn shipped_rules_parse() {
        let lexicon = Lexicon::parse(RULES, "rules.toml").unwrap();
        assert!(lexicon.suffixes[&EntityType::Project].contains(&"港".to_string()));
        assert!(
            lexicon
                .triggers
                .iter()
                .any(|t| t.relation == RelationKind::Met)
        );
        assert_eq!(lexicon.title_at_end("巴基斯坦总理"), Some(("总理", true)));
        assert_eq!(
            lexicon.title_at_start("副总理兼外长达尔"),
            Some(("副总理兼外长", false))
        );
    }

    #[test]
    fn implied_trigger_without_entity_is_refused() {
        let broken = RULES.replace("implied = \"country/china\"", "");
        let err = Lexicon::parse(&broken, "rules.toml").unwrap_err();
        assert!(err.to_string().contains("implied"), "{err}");
    }

    #[test]
    fn unknown_relation_names_the_file() {
        let broken = RULES.replace("relation = \"met\"", "relation = \"likes\"");
        let err = Lexicon::parse(&broken, "my-rules.toml").unwrap_err();
        assert!(err.to_string().contains("my-rules.toml"), "{err}");
    }
}
