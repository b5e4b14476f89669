//! Tests of each name rule and each relation trigger on short sentences, with a small gazetteer,
//! each with a case that must fire and one that must not.

use super::*;
use crate::model::{FactDate, RelationKind as K};

pub(super) const GAZ: &str = r#"
[[entity]]
id = "country/china"
type = "Country"
zh = "中国"
en = "China"
demonyms_en = ["Chinese"]
aliases_zh = ["中华人民共和国"]
abbr = "中"

[[entity]]
id = "country/pakistan"
type = "Country"
zh = "巴基斯坦"
en = "Pakistan"
demonyms_en = ["Pakistani"]
aliases_zh = ["巴基斯坦伊斯兰共和国"]
abbr = "巴"

[[entity]]
id = "country/cuba"
type = "Country"
zh = "古巴"
en = "Cuba"
abbr = "古"

[[entity]]
id = "person/xi-jinping"
type = "Person"
zh = "习近平"
en = "Xi Jinping"
[[entity.roles]]
role = "国家主席"
of = "country/china"
from = "2013-03"
[[entity.roles]]
role = "中央军委主席"
of = "organization/central-military-commission"
from = "2012-11"

[[entity]]
id = "event/china-south-asia-expo"
type = "Event"
zh = "中国—南亚博览会"
en = "China-South Asia Expo"
aliases_zh = ["中国－南亚博览会"]

[[entity]]
id = "organization/central-military-commission"
type = "Organization"
zh = "中央军事委员会"
en = "Central Military Commission"

[[entity]]
id = "person/shehbaz-sharif"
type = "Person"
zh = "夏巴兹·谢里夫"
en = "Shehbaz Sharif"
[[entity.roles]]
role = "总理"
of = "country/pakistan"
from = "2022-04"

[[entity]]
id = "person/nawaz-sharif"
type = "Person"
zh = "纳瓦兹·谢里夫"
en = "Nawaz Sharif"
[[entity.roles]]
role = "总理"
of = "country/pakistan"
from = "2013-06"
to = "2017-07"

[[entity]]
id = "organization/united-nations-security-council"
type = "Organization"
zh = "联合国安理会"
en = "United Nations Security Council"

[[entity]]
id = "project/china-pakistan-economic-corridor"
type = "Project"
zh = "中巴经济走廊"
en = "China-Pakistan Economic Corridor"

[[entity]]
id = "project/ml-1"
type = "Project"
zh = "巴基斯坦1号铁路干线"
en = "ML-1"

[[entity]]
id = "initiative/belt-and-road-initiative"
type = "Initiative"
zh = "共建“一带一路”倡议"
en = "Belt and Road Initiative"
aliases_zh = ["一带一路"]

[[entity]]
id = "initiative/global-development-initiative"
type = "Initiative"
zh = "全球发展倡议"
en = "Global Development Initiative"

[[entity]]
id = "initiative/global-security-initiative"
type = "Initiative"
zh = "全球安全倡议"
en = "Global Security Initiative"

[[entity]]
id = "person/han-zheng"
type = "Person"
zh = "韩正"
en = "Han Zheng"

[[entity]]
id = "organization/sinopec"
type = "Organization"
zh = "中国石油化工集团"
en = "Sinopec"
aliases_zh = ["中国石化"]

[[entity]]
id = "place/karachi"
type = "Place"
zh = "卡拉奇"
en = "Karachi"

[[entity]]
id = "place/vientiane"
type = "Place"
zh = "万象"
en = "Vientiane"

[[entity]]
id = "place/sichuan"
type = "Place"
zh = "四川"
en = "Sichuan"

[[entity]]
id = "place/chengdu"
type = "Place"
zh = "成都"
en = "Chengdu"

[[entity]]
id = "country/laos"
type = "Country"
zh = "老挝"
en = "Laos"
abbr = "老"

[[entity]]
id = "place/changsha"
type = "Place"
zh = "长沙"
en = "Changsha"

[[entity]]
id = "place/taiwan"
type = "Place"
zh = "台湾"
en = "Taiwan"

[[entity]]
id = "organization/ministry-of-commerce-of-china"
type = "Organization"
zh = "中华人民共和国商务部"
en = "Ministry of Commerce of the People's Republic of China"
aliases_zh = ["中国商务部"]

[[entity]]
id = "organization/shanghai-cooperation-organisation"
type = "Organization"
zh = "上海合作组织"
en = "Shanghai Cooperation Organisation"
aliases_zh = ["上合组织"]

[[entity]]
id = "organization/china-celac-forum"
type = "Organization"
zh = "中国—拉共体论坛"
en = "China-CELAC Forum"
aliases_zh = ["中拉论坛"]

[[entity]]
id = "project/karakoram-highway"
type = "Project"
zh = "喀喇昆仑公路"
en = "Karakoram Highway"

[[entity]]
id = "country/sri-lanka"
type = "Country"
zh = "斯里兰卡"
en = "Sri Lanka"
abbr = "斯"

[[entity]]
id = "place/islamabad"
type = "Place"
zh = "伊斯兰堡"
en = "Islamabad"

[[entity]]
id = "place/central-asia"
type = "Place"
zh = "中亚"
en = "Central Asia"

[[entity]]
id = "country/kyrgyzstan"
type = "Country"
zh = "吉尔吉斯斯坦"
en = "Kyrgyzstan"
abbr = "吉"

[[entity]]
id = "country/uzbekistan"
type = "Country"
zh = "乌兹别克斯坦"
en = "Uzbekistan"

[[entity]]
id = "person/mahinda-rajapaksa"
type = "Person"
zh = "马欣达·拉贾帕克萨"
en = "Mahinda Rajapaksa"
[[entity.roles]]
role = "总统"
of = "country/sri-lanka"
from = "2005-11"
to = "2015-01"

[[entity]]
id = "person/gotabaya-rajapaksa"
type = "Person"
zh = "戈塔巴雅·拉贾帕克萨"
en = "Gotabaya Rajapaksa"
[[entity.roles]]
role = "总统"
of = "country/sri-lanka"
from = "2019-11"
to = "2022-07"

[[entity]]
id = "person/ranil-wickremesinghe"
type = "Person"
zh = "拉尼尔·维克拉马辛哈"
en = "Ranil Wickremesinghe"
[[entity.roles]]
role = "总统"
of = "country/sri-lanka"
from = "2022-07"
to = "2024-09"
"#;

pub(super) fn extractor() -> &'static Extractor {
    static EX: OnceLock<Extractor> = OnceLock::new();
    EX.get_or_init(|| {
        let gaz = Gazetteer::parse(GAZ, "test gazetteer").unwrap_or_else(|e| panic!("{e}"));
        let rules = Lexicon::parse(BUILTIN_RULES, "rules.toml").unwrap_or_else(|e| panic!("{e}"));
        Extractor::new(gaz, rules).unwrap_or_else(|e| panic!("{e}"))
    })
}

pub(super) fn extract(text: &str) -> Extraction {
    extract_with(
        text,
        &["country/china".to_string(), "country/pakistan".to_string()],
    )
}

pub(super) fn extract_with(text: &str, parties: &[String]) -> Extraction {
    extract_doc(text, "测试", Some(FactDate::Day(2025, 9, 4)), parties)
}

/// Extraction of `text` as a joint statement titled `title`, dated `date`, with `parties`.
pub(super) fn extract_doc(
    text: &str,
    title: &str,
    date: Option<FactDate>,
    parties: &[String],
) -> Extraction {
    extract_doc_by(extractor(), text, title, date, parties)
}

/// [`extract_doc`] by the extractor `ex` (one built on another gazetteer).
pub(super) fn extract_doc_by(
    ex: &Extractor,
    text: &str,
    title: &str,
    date: Option<FactDate>,
    parties: &[String],
) -> Extraction {
    let meta = SourceDocument {
        id: "t".into(),
        title: title.into(),
        title_en: None,
        date,
        language: "zh".into(),
        kind: "joint-statement".into(),
        file: "t.txt".into(),
        source: None,
        content_hash: String::new(),
        named_text: None,
        text_source: None,
    };
    let normalized = NormalizedText::new(text);
    let doc = DocumentText {
        meta: &meta,
        original: text,
        normalized: &normalized,
        char_base: 0,
        parties,
    };
    ex.extract(&doc, &[])
}

pub(super) fn entity<'a>(x: &'a Extraction, kind: EntityType, label: &str) -> Option<&'a Entity> {
    x.entities.iter().find(|e| {
        e.kind == kind
            && (e.label_zh.as_deref() == Some(label)
                || e.label_en.as_deref() == Some(label)
                || e.aliases.contains(label))
    })
}

pub(super) fn has(x: &Extraction, s: &str, kind: K, o: &str) -> bool {
    x.relations
        .iter()
        .any(|r| r.subject == s && r.kind == kind && r.object == o)
}

pub(super) fn rels(x: &Extraction) -> Vec<String> {
    x.relations
        .iter()
        .map(|r| format!("{} {} {}", r.subject, r.kind, r.object))
        .collect()
}

// ---- names ---------------------------------------------------------------------------------

#[test]
fn titles_in_marks_are_documents_but_cited_periodicals_are_not() {
    let x = extract(
        "双方发表《中华人民共和国和古巴共和国关于深化新时代中古关系的联合声明》。见《人民日报》2015 年 4 月 21 日。",
    );
    assert!(
        entity(
            &x,
            EntityType::Document,
            "中华人民共和国和古巴共和国关于深化新时代中古关系的联合声明"
        )
        .is_some()
    );
    assert!(entity(&x, EntityType::Document, "人民日报").is_none());
}

#[test]
fn a_short_form_the_text_defines_names_the_same_document() {
    let x = extract(
        "双方发布了《关于构建更加紧密的命运共同体行动计划》（以下简称《行动计划》）。《行动计划》内容丰富。",
    );
    let docs: Vec<&Entity> = x
        .entities
        .iter()
        .filter(|e| e.kind == EntityType::Document)
        .collect();
    assert_eq!(docs.len(), 1, "{docs:?}");
    assert!(docs[0].aliases.contains("《行动计划》"));
}

#[test]
fn names_ending_in_a_type_suffix_are_found_with_their_whole_name() {
    let x = extract("推进瓜达尔新国际机场建设，成立中巴农业联合工作组。");
    assert!(
        entity(&x, EntityType::Project, "瓜达尔新国际机场").is_some(),
        "{:?}",
        x.entities
    );
    assert!(
        entity(&x, EntityType::Organization, "中巴农业联合工作组").is_some(),
        "{:?}",
        x.entities
    );
}

#[test]
fn suffixes_inside_common_words_make_no_names() {
    let x = extract("部分地区局势复杂，各项全球倡议得到支持。");
    assert!(
        x.entities
            .iter()
            .all(|e| e.kind != EntityType::Organization),
        "{:?}",
        x.entities
    );
    assert!(
        entity(&x, EntityType::Initiative, "全球倡议").is_none(),
        "{:?}",
        x.entities
    );
}

#[test]
fn numbered_events_take_the_body_before_the_ordinal() {
    let x = extract("落实中巴农业联合工作组第四次会议达成的共识。第一，加强合作。");
    assert!(
        entity(&x, EntityType::Event, "中巴农业联合工作组第四次会议").is_some(),
        "{:?}",
        x.entities
    );
    assert_eq!(
        x.entities
            .iter()
            .filter(|e| e.kind == EntityType::Event)
            .count(),
        1
    );
}

#[test]
fn quoted_numbered_concepts_are_initiatives_and_other_quotes_are_not() {
    let x = extract("以建设“五大家园”为共同愿景，打造“小而美”民生项目。");
    assert!(
        entity(&x, EntityType::Initiative, "五大家园").is_some(),
        "{:?}",
        x.entities
    );
    assert!(
        x.entities.iter().all(|e| !e.label().contains("小而美")),
        "{:?}",
        x.entities
    );
}

#[test]
fn transliterated_names_are_persons_without_their_titles() {
    let x = extract("古巴国家主席迪亚斯-卡内尔于2025年9月2日来华。");
    assert!(
        entity(&x, EntityType::Person, "迪亚斯-卡内尔").is_some(),
        "{:?}",
        x.entities
    );
    let y = extract("实现红其拉甫-苏斯特口岸常年开放。");
    assert!(
        y.entities.iter().all(|e| e.kind != EntityType::Person),
        "{:?}",
        y.entities
    );
    assert!(
        entity(&y, EntityType::Project, "红其拉甫-苏斯特口岸").is_some(),
        "{:?}",
        y.entities
    );
}

#[test]
fn places_jieba_tags_after_a_country_are_places_in_it() {
    let x = extract("支持在巴基斯坦白沙瓦建设新医院。");
    let place =
        entity(&x, EntityType::Place, "白沙瓦").unwrap_or_else(|| panic!("{:?}", x.entities));
    assert!(
        has(&x, &place.id, K::LocatedIn, "country/pakistan"),
        "{:?}",
        rels(&x)
    );
    let y = extract("白沙瓦的天气很好。");
    assert!(
        y.entities.iter().all(|e| e.kind != EntityType::Place),
        "{:?}",
        y.entities
    );
}

#[test]
fn a_short_form_of_a_person_resolves_to_the_full_name() {
    let x = extract("习近平主席会见夏巴兹总理。");
    let shehbaz = entity(&x, EntityType::Person, "夏巴兹·谢里夫")
        .unwrap_or_else(|| panic!("{:?}", x.entities));
    assert!(shehbaz.aliases.contains("夏巴兹"));
}

#[test]
fn a_known_name_with_a_generic_tail_is_the_known_entity() {
    let x = extract("巴方支持共建“一带一路”倡议，推进巴基斯坦1号铁路干线升级改造项目。");
    assert!(
        x.entities
            .iter()
            .any(|e| e.id == "initiative/belt-and-road-initiative")
    );
    let ml1 = x
        .entities
        .iter()
        .find(|e| e.id == "project/ml-1")
        .unwrap_or_else(|| panic!("{:?}", x.entities));
    assert!(ml1.aliases.contains("巴基斯坦1号铁路干线升级改造项目"));
}

// ---- relations -----------------------------------------------------------------------------

#[test]
fn met_is_found_after_the_trigger_and_in_the_tong_pattern() {
    let x = extract("习近平主席会见夏巴兹总理。");
    assert!(
        has(&x, "person/xi-jinping", K::Met, "person/shehbaz-sharif"),
        "{:?}",
        rels(&x)
    );
    let y = extract("习近平同夏巴兹·谢里夫举行会谈。");
    assert!(
        has(&y, "person/xi-jinping", K::Met, "person/shehbaz-sharif"),
        "{:?}",
        rels(&y)
    );
}

#[test]
fn visits_stated_or_implied_count_and_planned_visits_do_not() {
    let x = extract(
        "2015年习近平主席成功对巴基斯坦进行国事访问。夏巴兹·谢里夫于2025年8月30日来华出席活动。",
    );
    assert!(
        has(&x, "person/xi-jinping", K::Visited, "country/pakistan"),
        "{:?}",
        rels(&x)
    );
    assert!(
        has(&x, "person/shehbaz-sharif", K::Visited, "country/china"),
        "{:?}",
        rels(&x)
    );
    let y = extract("欢迎习近平主席再次对巴基斯坦进行国事访问。");
    assert!(
        !y.relations.iter().any(|r| r.kind == K::Visited),
        "{:?}",
        rels(&y)
    );
}

#[test]
fn attended_links_a_person_to_the_events_after_the_trigger() {
    let x = extract("夏巴兹·谢里夫出席上海合作组织成员国元首理事会第二十五次会议。");
    assert!(
        x.relations
            .iter()
            .any(|r| r.kind == K::Attended && r.subject == "person/shehbaz-sharif"),
        "{:?}",
        rels(&x)
    );
    let y = extract("夏巴兹·谢里夫将出席第二届中巴政党论坛。");
    assert!(
        !y.relations.iter().any(|r| r.kind == K::Attended),
        "{:?}",
        rels(&y)
    );
}

#[test]
fn proposed_and_supports_distribute_over_a_list() {
    let x = extract_with(
        "古方重申支持习近平主席提出的各项全球倡议，包括共建“一带一路”倡议、全球发展倡议和全球安全倡议。",
        &["country/china".into(), "country/cuba".into()],
    );
    for i in [
        "initiative/belt-and-road-initiative",
        "initiative/global-development-initiative",
        "initiative/global-security-initiative",
    ] {
        assert!(
            has(&x, "country/cuba", K::Supports, i),
            "{i}: {:?}",
            rels(&x)
        );
        assert!(
            has(&x, "person/xi-jinping", K::Proposed, i),
            "{i}: {:?}",
            rels(&x)
        );
    }
    let y = extract("双方同意加强合作。");
    assert!(y.relations.is_empty(), "{:?}", rels(&y));
}

#[test]
fn signed_needs_a_document_and_no_modality() {
    let x = extract("中巴2021年1月签署关于经典著作互译出版的备忘录。");
    let doc = entity(&x, EntityType::Document, "关于经典著作互译出版的备忘录")
        .unwrap_or_else(|| panic!("{:?}", x.entities));
    assert!(
        has(&x, "country/china", K::Signed, &doc.id),
        "{:?}",
        rels(&x)
    );
    assert!(
        has(&x, "country/pakistan", K::Signed, &doc.id),
        "{:?}",
        rels(&x)
    );
    let r = x.relations.iter().find(|r| r.kind == K::Signed).unwrap();
    assert_eq!(r.date, Some(FactDate::YearMonth(2021, 1)));
    let y = extract("推动签署《教育交流与合作执行计划》。");
    assert!(
        !y.relations.iter().any(|r| r.kind == K::Signed),
        "{:?}",
        rels(&y)
    );
}

#[test]
fn issued_by_the_parties_the_collective_word_names() {
    let x = extract("双方发表《中巴联合声明》。");
    let doc = entity(&x, EntityType::Document, "中巴联合声明")
        .unwrap_or_else(|| panic!("{:?}", x.entities));
    assert!(
        has(&x, "country/china", K::Issued, &doc.id)
            && has(&x, "country/pakistan", K::Issued, &doc.id),
        "{:?}",
        rels(&x)
    );
}

#[test]
fn part_of_from_a_phrase_and_from_a_bracketed_list() {
    let x = extract("中巴经济走廊是共建“一带一路”倡议的重要先行先试项目。");
    assert!(
        has(
            &x,
            "project/china-pakistan-economic-corridor",
            K::PartOf,
            "initiative/belt-and-road-initiative"
        ),
        "{:?}",
        rels(&x)
    );
    let y = extract("深化中巴经济走廊“五大走廊”（增长走廊、民生走廊）建设。");
    let five =
        entity(&y, EntityType::Project, "五大走廊").unwrap_or_else(|| panic!("{:?}", y.entities));
    let growth =
        entity(&y, EntityType::Project, "增长走廊").unwrap_or_else(|| panic!("{:?}", y.entities));
    assert!(has(&y, &growth.id, K::PartOf, &five.id), "{:?}", rels(&y));
    assert!(
        has(
            &y,
            &five.id,
            K::PartOf,
            "project/china-pakistan-economic-corridor"
        ),
        "{:?}",
        rels(&y)
    );
}

#[test]
fn located_in_from_adjacent_names_and_from_territory_phrases() {
    let x = extract("支持企业在巴基斯坦卡拉奇投资。台湾是中国领土不可分割的一部分。");
    assert!(
        has(&x, "place/karachi", K::LocatedIn, "country/pakistan"),
        "{:?}",
        rels(&x)
    );
    assert!(
        has(&x, "place/taiwan", K::LocatedIn, "country/china"),
        "{:?}",
        rels(&x)
    );
    let y = extract("巴基斯坦和卡拉奇。");
    assert!(
        !y.relations.iter().any(|r| r.kind == K::LocatedIn),
        "{:?}",
        rels(&y)
    );
}

#[test]
fn member_of_from_a_seat_on_an_organization() {
    let x = extract("以巴基斯坦担任2025－2026年联合国安理会非常任理事国为契机。");
    assert!(
        has(
            &x,
            "country/pakistan",
            K::MemberOf,
            "organization/united-nations-security-council"
        ),
        "{:?}",
        rels(&x)
    );
}

#[test]
fn leader_of_from_titles_before_and_after_the_name() {
    let x = extract("应巴基斯坦伊斯兰共和国总理夏巴兹·谢里夫邀请，习近平主席访问巴基斯坦。");
    let lead = x
        .relations
        .iter()
        .find(|r| r.kind == K::LeaderOf && r.subject == "person/shehbaz-sharif");
    let lead = lead.unwrap_or_else(|| panic!("{:?}", rels(&x)));
    assert_eq!(
        (lead.object.as_str(), lead.role.as_deref()),
        ("country/pakistan", Some("总理"))
    );
    assert!(
        has(&x, "person/xi-jinping", K::LeaderOf, "country/china"),
        "{:?}",
        rels(&x)
    );
    // 主席 alone is the office called so or, failing that, the shortest one ending in it.
    assert!(
        !has(
            &x,
            "person/xi-jinping",
            K::LeaderOf,
            "organization/central-military-commission"
        ),
        "{:?}",
        rels(&x)
    );
    let y = extract("巴基斯坦副总理兼外长达尔表示。");
    assert!(
        !y.relations.iter().any(|r| r.kind == K::LeaderOf),
        "{:?}",
        rels(&y)
    );
}

#[test]
fn evidence_points_into_the_original_text() {
    let text = "前言。\n\n习近平主席会见夏巴兹 总理。";
    let x = extract(text);
    let r = x
        .relations
        .iter()
        .find(|r| r.kind == K::Met)
        .unwrap_or_else(|| panic!("{:?}", rels(&x)));
    let quoted: String = text
        .chars()
        .skip(r.evidence.start)
        .take(r.evidence.end - r.evidence.start)
        .collect();
    assert_eq!(quoted, &*r.evidence.quote);
    assert!(
        quoted.starts_with("习近平") && quoted.contains("夏巴兹 总理"),
        "{quoted}"
    );
    assert_eq!(&*r.evidence.sentence, "习近平主席会见夏巴兹总理。");
    assert!(r.evidence.rule.starts_with("trigger:met:"));
    assert_eq!(
        r.date,
        Some(FactDate::Day(2025, 9, 4)),
        "the document's date when the sentence has none"
    );
}

#[test]
fn a_clause_opening_with_the_verb_takes_the_topic_as_subject() {
    let cuba = ["country/china".to_string(), "country/cuba".to_string()];
    let x = extract_with("古方高度重视，支持全球发展倡议。", &cuba);
    assert!(
        has(
            &x,
            "country/cuba",
            K::Supports,
            "initiative/global-development-initiative"
        ),
        "{:?}",
        rels(&x)
    );
    let y = extract("呼吁实现停火，重申支持巴基斯坦人民的自决权，支持全球发展倡议。");
    assert!(
        !y.relations.iter().any(|r| r.kind == K::Supports),
        "{:?}",
        rels(&y)
    );
    let z = extract_with("古方愿同中方共同落实全球发展倡议。", &cuba);
    assert!(
        has(
            &z,
            "country/cuba",
            K::Supports,
            "initiative/global-development-initiative"
        ),
        "{:?}",
        rels(&z)
    );
}

#[test]
fn plans_naming_a_programme_are_projects() {
    let x = extract(
        "通过“国际杰青计划”“中国科学院国际交流计划”等渠道，深化“一带一路”科技创新行动计划框架内合作。",
    );
    assert!(
        entity(&x, EntityType::Project, "国际杰青计划").is_some(),
        "{:?}",
        x.entities
    );
    assert!(
        entity(&x, EntityType::Project, "中国科学院国际交流计划").is_some(),
        "{:?}",
        x.entities
    );
    // A plan of action, not a programme: it stays what its suffix says.
    assert!(
        entity(&x, EntityType::Project, "“一带一路”科技创新行动计划").is_none(),
        "{:?}",
        x.entities
    );
}

#[test]
fn a_shared_family_name_resolves_by_the_office_held_at_the_date() {
    let x = extract("2015年4月，巴基斯坦总理谢里夫会见习近平。");
    assert!(
        has(&x, "person/nawaz-sharif", K::Met, "person/xi-jinping"),
        "{:?}",
        rels(&x)
    );
    let y = extract("2024年6月，谢里夫总理会见习近平。");
    assert!(
        has(&y, "person/shehbaz-sharif", K::Met, "person/xi-jinping"),
        "{:?}",
        rels(&y)
    );
    // Out of both terms, or without a title, there is nothing to tell them apart: no person is
    // guessed.
    let w = extract("2019年，巴基斯坦总理谢里夫会见习近平。");
    assert!(
        w.entities.iter().all(|e| !e.id.contains("谢里夫")),
        "{:?}",
        w.entities
    );
    let z = extract("2015年，谢里夫家族发表声明。");
    assert!(
        z.entities.iter().all(|e| e.kind != EntityType::Person),
        "{:?}",
        z.entities
    );
}

#[test]
fn a_title_alone_refers_to_the_person_last_named_with_it() {
    let x = extract("夏巴兹·谢里夫总理抵达北京。总理会见了习近平。");
    assert!(
        has(&x, "person/shehbaz-sharif", K::Met, "person/xi-jinping"),
        "{:?}",
        rels(&x)
    );
    let y = extract("总理会见了习近平。");
    assert!(
        !y.relations.iter().any(|r| r.kind == K::Met),
        "{:?}",
        rels(&y)
    );
}

#[test]
fn english_sentences_give_the_same_relations() {
    let x = extract(
        "On 5 June 2024, President Xi Jinping met with Prime Minister Shehbaz Sharif in Beijing. Pakistan supports the Global Development Initiative.",
    );
    assert!(
        has(&x, "person/xi-jinping", K::Met, "person/shehbaz-sharif"),
        "{:?}",
        rels(&x)
    );
    assert!(
        has(
            &x,
            "country/pakistan",
            K::Supports,
            "initiative/global-development-initiative"
        ),
        "{:?}",
        rels(&x)
    );
    let y = extract("The delegation took the metro. Xi Jinping will visit Pakistan next year.");
    assert!(
        y.relations
            .iter()
            .all(|r| r.kind != K::Met && r.kind != K::Visited),
        "{:?}",
        rels(&y)
    );
}

#[test]
fn english_names_end_in_a_type_head_and_persons_follow_titles() {
    let x = extract(
        "The Gwadar East Bay Expressway opened. Foreign Minister Ishaq Dar attended the Pakistan-China Business Forum.",
    );
    assert!(
        entity(&x, EntityType::Project, "Gwadar East Bay Expressway").is_some(),
        "{:?}",
        x.entities
    );
    assert!(
        entity(&x, EntityType::Person, "Ishaq Dar").is_some(),
        "{:?}",
        x.entities
    );
    // A forum attended is the occasion, an event.
    assert!(
        entity(&x, EntityType::Event, "Pakistan-China Business Forum").is_some(),
        "{:?}",
        x.entities
    );
    let y = extract("The Ministry said the Project was delayed.");
    assert!(y.entities.is_empty(), "{:?}", y.entities);
}

#[test]
fn a_visit_in_a_relative_clause_belongs_to_the_person_it_describes() {
    let x = extract("习近平会见来华进行正式访问的巴基斯坦总理夏巴兹·谢里夫。");
    assert!(
        has(&x, "person/shehbaz-sharif", K::Visited, "country/china"),
        "{:?}",
        rels(&x)
    );
    assert!(
        !has(&x, "person/xi-jinping", K::Visited, "country/china"),
        "{:?}",
        rels(&x)
    );
    assert!(
        !has(&x, "person/xi-jinping", K::Visited, "country/pakistan"),
        "{:?}",
        rels(&x)
    );
    assert!(
        has(&x, "person/xi-jinping", K::Met, "person/shehbaz-sharif"),
        "{:?}",
        rels(&x)
    );
}

#[test]
fn a_project_named_after_its_company_is_not_located_in_the_companys_country() {
    let x =
        extract("欢迎中国石化汉班托塔炼油厂项目早日落地，推进巴基斯坦1号铁路干线升级改造项目。");
    assert!(
        !x.relations
            .iter()
            .any(|r| r.kind == K::LocatedIn && r.object == "country/china"),
        "{:?}",
        rels(&x)
    );
    assert!(
        has(&x, "project/ml-1", K::LocatedIn, "country/pakistan"),
        "{:?}",
        rels(&x)
    );
}

#[test]
fn english_document_names_may_open_with_their_head() {
    let x = extract(
        "China and Pakistan signed the Agreement on Economic and Technical Cooperation and the Protocol of Phase II of the Free Trade Agreement.",
    );
    let doc = entity(
        &x,
        EntityType::Document,
        "Agreement on Economic and Technical Cooperation",
    )
    .unwrap_or_else(|| panic!("{:?}", x.entities));
    assert!(
        has(&x, "country/pakistan", K::Signed, &doc.id),
        "{:?}",
        rels(&x)
    );
    assert!(
        has(&x, "country/china", K::Signed, &doc.id),
        "{:?}",
        rels(&x)
    );
    let y = extract("The agreement on trade was discussed.");
    assert!(y.entities.is_empty(), "{:?}", y.entities);
}

#[test]
fn english_collective_parties_and_coordinated_subjects() {
    let x = extract(
        "The two sides signed the Agreement on Economic Cooperation. The ML-1 and the China-Pakistan Economic Corridor are flagship projects of the Belt and Road Initiative.",
    );
    let doc = entity(
        &x,
        EntityType::Document,
        "Agreement on Economic Cooperation",
    )
    .unwrap_or_else(|| panic!("{:?}", x.entities));
    assert!(
        has(&x, "country/china", K::Signed, &doc.id)
            && has(&x, "country/pakistan", K::Signed, &doc.id),
        "{:?}",
        rels(&x)
    );
    for p in ["project/ml-1", "project/china-pakistan-economic-corridor"] {
        assert!(
            has(&x, p, K::PartOf, "initiative/belt-and-road-initiative"),
            "{p}: {:?}",
            rels(&x)
        );
    }
}

#[test]
fn names_inside_longer_names_are_entities_too_unless_they_are_the_same_words() {
    let x = extract("落实中巴农业联合工作组第四次会议达成的共识。落实《廉洁丝绸之路北京倡议》。");
    assert!(
        entity(&x, EntityType::Event, "中巴农业联合工作组第四次会议").is_some(),
        "{:?}",
        x.entities
    );
    assert!(
        entity(&x, EntityType::Organization, "中巴农业联合工作组").is_some(),
        "{:?}",
        x.entities
    );
    assert!(
        entity(&x, EntityType::Initiative, "廉洁丝绸之路北京倡议").is_none(),
        "{:?}",
        x.entities
    );
    // Nested names stand in no relation of their own.
    assert!(
        x.relations
            .iter()
            .all(|r| !r.subject.contains("工作组") && !r.object.contains("工作组")),
        "{:?}",
        rels(&x)
    );
}

#[test]
fn without_a_manifest_the_parties_are_the_countries_the_title_names() {
    let text = "巴基斯坦和巴基斯坦的朋友都关注。双方发表《联合新闻公报》。";
    let meta = SourceDocument {
        id: "t".into(),
        title: "中华人民共和国和古巴共和国联合声明".into(),
        title_en: None,
        date: None,
        language: "zh".into(),
        kind: "joint-statement".into(),
        file: "t.txt".into(),
        source: None,
        content_hash: String::new(),
        named_text: None,
        text_source: None,
    };
    let normalized = NormalizedText::new(text);
    let doc = DocumentText {
        meta: &meta,
        original: text,
        normalized: &normalized,
        char_base: 0,
        parties: &[],
    };
    let x = extractor().extract(&doc, &[]);
    let issued: Vec<&str> = x
        .relations
        .iter()
        .filter(|r| r.kind == K::Issued)
        .map(|r| r.subject.as_str())
        .collect();
    assert_eq!(issued, ["country/china", "country/cuba"], "{:?}", rels(&x));
}

#[test]
fn a_short_person_name_inside_other_words_is_no_mention() {
    let x = extract("习近平指出，双方要认真纳入共识。");
    assert!(
        x.entities.iter().any(|e| e.id == "person/xi-jinping"),
        "{:?}",
        x.entities
    );
    let y = extract("中韩正式建交。");
    assert!(
        y.entities.iter().all(|e| e.kind != EntityType::Person),
        "{:?}",
        y.entities
    );
}

#[test]
fn sentences_naming_two_entities_are_kept_for_cooccurrence() {
    let text = "中巴经济走廊是共建“一带一路”的重要项目。\n巴基斯坦欢迎。\n瓜达尔港 和 喀喇昆仑公路 进展顺利。";
    let x = extract(text);
    let ids: Vec<Vec<&str>> = x
        .sentences
        .iter()
        .map(|s| s.entities.iter().map(String::as_str).collect())
        .collect();
    assert_eq!(ids.len(), 2, "{ids:?}");
    assert!(
        ids[0].contains(&"project/china-pakistan-economic-corridor"),
        "{ids:?}"
    );
    assert!(
        ids[0].contains(&"initiative/belt-and-road-initiative"),
        "{ids:?}"
    );
    assert!(
        ids.iter().all(|s| s.windows(2).all(|w| w[0] < w[1])),
        "sorted, unique"
    );
    // A sentence naming one entity (巴基斯坦欢迎) is not kept; the third keeps its offsets.
    let third = &x.sentences[1].evidence;
    let quoted: String = text
        .chars()
        .skip(third.start)
        .take(third.end - third.start)
        .collect();
    assert_eq!(quoted, &*third.quote);
    assert!(quoted.starts_with("瓜达尔港 和"), "{quoted}");
    assert_eq!(&*third.rule, crate::model::COOCCURRENCE_RULE);
}
