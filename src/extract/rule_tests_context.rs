//! Tests of the rules that read a name's context: family names beside titles, lists sharing a
//! suffix, section ends, events in cited titles, counted groups and their members, frames and
//! phases, countries and places by the words around them, organizations jieba names, quoted
//! short forms, and English persons with their offices. Each has a case that must fire and one
//! that must not.

use super::rule_tests::{entity, extract, extract_doc, extract_with, has, rels};
use super::*;
use crate::model::{FactDate, RelationKind as K};

fn persons(x: &Extraction) -> Vec<String> {
    x.entities
        .iter()
        .filter(|e| e.kind == EntityType::Person)
        .filter_map(|e| e.label_zh.clone().or_else(|| e.label_en.clone()))
        .collect()
}

/// Extraction of `text` as a document titled `title`, without parties from a manifest.
fn extract_titled(text: &str, title: &str, date: Option<FactDate>) -> Extraction {
    extract_doc(text, title, date, &[])
}

#[test]
fn a_family_name_beside_a_title_is_a_person() {
    let x = extract("驻巴基斯坦大使姜再冬出席仪式。姜再冬大使表示欢迎。中央纪委书记李希会见韩正。");
    let p = persons(&x);
    assert!(p.contains(&"姜再冬".to_string()), "{p:?}");
    assert!(p.contains(&"李希".to_string()), "{p:?}");
    assert_eq!(p.iter().filter(|n| *n == "姜再冬").count(), 1, "{p:?}");
    let y = extract("习近平主席高度评价。支持巴基斯坦作为上海合作组织下任轮值主席国。");
    let p = persons(&y);
    assert!(
        !p.iter().any(|n| n.starts_with('高') || n.starts_with('任')),
        "{p:?}"
    );
}

#[test]
fn a_list_sharing_a_suffix_names_one_entity_per_item() {
    let x = extract("以卡拉奇、塔贝吉、拉沙卡伊等经济区为核心载体。");
    for name in ["卡拉奇经济区", "塔贝吉经济区", "拉沙卡伊经济区"] {
        let e = entity(&x, EntityType::Project, name);
        assert!(e.is_some(), "{name}: {:?}", x.entities);
    }
    assert!(
        entity(&x, EntityType::Project, "塔贝吉").is_some(),
        "the item is an alias"
    );
    // Items that are names of their own, and lists of common words, share nothing.
    let y = extract("卡洛特水电站、苏吉吉纳里水电站投产。推动教育、卫生等中心建设。");
    assert!(
        y.entities.iter().all(|e| {
            let l = e.label_zh.as_deref().unwrap_or("");
            !l.ends_with("水电站水电站") && l != "教育中心" && l != "卫生中心"
        }),
        "{:?}",
        y.entities
    );
}

#[test]
fn the_ends_of_a_section_are_places_and_the_section_is_part_of_its_road() {
    let x = extract("喀喇昆仑公路二期（塔科特至雷克特段）改线项目顺利完工。");
    for place in ["塔科特", "雷克特"] {
        assert!(
            entity(&x, EntityType::Place, place).is_some(),
            "{place}: {:?}",
            x.entities
        );
    }
    let phase = entity(
        &x,
        EntityType::Project,
        "喀喇昆仑公路二期（塔科特至雷克特段）改线项目",
    )
    .unwrap_or_else(|| panic!("{:?}", x.entities));
    assert!(
        has(&x, &phase.id, K::PartOf, "project/karakoram-highway"),
        "{:?}",
        rels(&x)
    );
    // Two countries' abbreviations before a dash are no place.
    let y = extract("向北规划“中巴—中亚跨境铁路走廊”。");
    assert!(
        entity(&y, EntityType::Place, "中巴").is_none(),
        "{:?}",
        y.entities
    );
}

#[test]
fn events_and_people_in_a_cited_title_are_entities() {
    let x =
        extract("参见《驻巴基斯坦大使姜再冬出席中国援助巴基斯坦农机装备分发仪式》，外交部网站。");
    assert!(
        entity(
            &x,
            EntityType::Document,
            "驻巴基斯坦大使姜再冬出席中国援助巴基斯坦农机装备分发仪式"
        )
        .is_some()
    );
    assert!(
        entity(&x, EntityType::Event, "中国援助巴基斯坦农机装备分发仪式").is_some(),
        "{:?}",
        x.entities
    );
    assert!(
        entity(&x, EntityType::Person, "姜再冬").is_some(),
        "{:?}",
        x.entities
    );
    let y = extract("参见《中巴经济走廊远景规划》。");
    assert!(
        y.entities.iter().all(|e| e.kind != EntityType::Event),
        "{:?}",
        y.entities
    );
}

#[test]
fn a_meeting_of_two_bodies_joined_by_ji_and_an_ordinal_keep_the_names_apart() {
    let x = extract("2026年在中国举办第二届中巴政党论坛暨中巴经济走廊政党共商机制会议。");
    assert!(
        entity(&x, EntityType::Organization, "中巴政党论坛").is_some(),
        "{:?}",
        x.entities
    );
    assert!(
        entity(&x, EntityType::Organization, "中巴经济走廊政党共商机制").is_some(),
        "{:?}",
        x.entities
    );
    assert!(
        x.entities
            .iter()
            .all(|e| !(e.kind == EntityType::Organization
                && e.label_zh.as_deref().is_some_and(|l| l.contains('暨')))),
        "{:?}",
        x.entities
    );
    // A commemoration joining two wars with 暨 is one event.
    let y = extract("出席纪念中国人民抗日战争暨世界反法西斯战争胜利80周年活动。");
    assert!(
        y.entities.iter().any(|e| e.kind == EntityType::Event
            && e.label_zh.as_deref().is_some_and(|l| l.contains('暨'))),
        "{:?}",
        y.entities
    );
}

#[test]
fn counted_actions_of_an_initiative_are_part_of_it() {
    let x = extract("中方支持高质量共建“一带一路”的八项行动。");
    let actions = entity(&x, EntityType::Initiative, "八项行动")
        .unwrap_or_else(|| panic!("{:?}", x.entities));
    assert!(
        has(
            &x,
            &actions.id,
            K::PartOf,
            "initiative/belt-and-road-initiative"
        ),
        "{:?}",
        rels(&x)
    );
    let y = extract("双方将落实八项行动计划。");
    assert!(
        entity(&y, EntityType::Initiative, "八项行动").is_none(),
        "{:?}",
        y.entities
    );
}

#[test]
fn a_counted_group_takes_a_list_of_exactly_its_count_as_members() {
    let text = "践行“四大全球倡议”的标杆，是全球发展倡议、全球安全倡议、全球文明倡议与全球治理倡议的集中彰显。";
    let x = extract(text);
    let group = entity(&x, EntityType::Initiative, "四大全球倡议")
        .unwrap_or_else(|| panic!("{:?}", x.entities));
    assert!(
        has(
            &x,
            "initiative/global-development-initiative",
            K::PartOf,
            &group.id
        ),
        "{:?}",
        rels(&x)
    );
    assert!(
        has(
            &x,
            "initiative/global-security-initiative",
            K::PartOf,
            &group.id
        ),
        "{:?}",
        rels(&x)
    );
    let y = extract("践行“四大全球倡议”，支持全球发展倡议、全球安全倡议和全球文明倡议。");
    assert!(
        y.relations.iter().all(|r| r.kind != K::PartOf),
        "{:?}",
        rels(&y)
    );
}

#[test]
fn projects_named_after_a_frame_word_are_part_of_the_frame() {
    let x = extract("中巴经济走廊建设以来，卡洛特水电站、苏吉吉纳里水电站等一批能源工程落地投产。");
    let karot = entity(&x, EntityType::Project, "卡洛特水电站")
        .unwrap_or_else(|| panic!("{:?}", x.entities));
    assert!(
        has(
            &x,
            &karot.id,
            K::PartOf,
            "project/china-pakistan-economic-corridor"
        ),
        "{:?}",
        rels(&x)
    );
    let y = extract("中巴经济走廊意义重大，卡洛特水电站已经投产。");
    assert!(
        y.relations.iter().all(|r| r.kind != K::PartOf),
        "{:?}",
        rels(&y)
    );
}

#[test]
fn a_part_of_a_part_is_a_part() {
    let x = extract("深化中巴经济走廊“五大走廊”（增长走廊、民生走廊）建设。");
    let growth =
        entity(&x, EntityType::Project, "增长走廊").unwrap_or_else(|| panic!("{:?}", x.entities));
    assert!(
        has(
            &x,
            &growth.id,
            K::PartOf,
            "project/china-pakistan-economic-corridor"
        ),
        "{:?}",
        rels(&x)
    );
}

#[test]
fn meetings_named_two_ways_are_one_event() {
    let x = extract(
        "中国和巴基斯坦第四次外长战略对话举行。中巴第四次外长战略对话成果丰硕。中巴第五次外长战略对话将举行。",
    );
    let events: Vec<&Entity> = x
        .entities
        .iter()
        .filter(|e| e.kind == EntityType::Event)
        .collect();
    let fourth: Vec<&&Entity> = events.iter().filter(|e| e.id.contains("第四次")).collect();
    assert_eq!(fourth.len(), 1, "{events:?}");
    assert!(events.iter().any(|e| e.id.contains("第五次")), "{events:?}");
    let y = extract("中拉论坛第四届部长级会议在北京举行。");
    assert!(
        entity(&y, EntityType::Event, "中国—拉共体论坛第四届部长级会议").is_some(),
        "{:?}",
        y.entities
    );
}

#[test]
fn english_titles_cited_in_quotes_are_documents_and_quoted_speech_is_not() {
    let x = extract(
        "[1] Zhao Shiren, \"China & Pakistan's Shared AI Future,\" The Nation, August 8, 2025.",
    );
    assert!(
        entity(
            &x,
            EntityType::Document,
            "China & Pakistan's Shared AI Future"
        )
        .is_some(),
        "{:?}",
        x.entities
    );
    let y = extract("He said, \"we will always stand together with our friends,\" in Beijing.");
    assert!(
        y.entities.iter().all(|e| e.kind != EntityType::Document),
        "{:?}",
        y.entities
    );
}

#[test]
fn countries_and_places_are_told_by_the_words_around_them() {
    let x =
        extract("加快推进与孟加拉国、尼泊尔等国产业链分工。支持马尔代夫政府。代表团抵达科伦坡。");
    for country in ["孟加拉国", "马尔代夫"] {
        assert!(
            entity(&x, EntityType::Country, country).is_some(),
            "{country}: {:?}",
            x.entities
        );
    }
    assert!(
        entity(&x, EntityType::Place, "科伦坡").is_some(),
        "{:?}",
        x.entities
    );
    let y = extract("在海关领域加强合作。中巴人民友谊深厚。");
    assert!(
        y.entities.iter().all(
            |e| !matches!(e.kind, EntityType::Place | EntityType::Country)
                || e.id.starts_with("country/")
        ),
        "{:?}",
        y.entities
    );
    assert!(
        entity(&y, EntityType::Country, "中巴").is_none(),
        "{:?}",
        y.entities
    );
}

#[test]
fn a_countrys_long_form_is_the_country_when_the_text_names_it_so() {
    let x = extract("马尔代夫共和国总统出席。马尔代夫政府表示感谢。");
    let c: Vec<&Entity> = x
        .entities
        .iter()
        .filter(|e| e.kind == EntityType::Country && e.id.contains("马尔代夫"))
        .collect();
    assert_eq!(c.len(), 1, "{:?}", x.entities);
    assert!(c[0].aliases.contains("马尔代夫共和国"), "{c:?}");
}

#[test]
fn organizations_in_jiebas_dictionary_are_found_and_generic_words_are_not() {
    let x = extract("中国共产党和古巴共产党加强交流。");
    assert!(
        entity(&x, EntityType::Organization, "古巴共产党").is_some(),
        "{:?}",
        x.entities
    );
    let y = extract("三是应对外部风险，营造良好环境。");
    assert!(
        y.entities
            .iter()
            .all(|e| e.kind != EntityType::Organization),
        "{:?}",
        y.entities
    );
}

#[test]
fn a_name_called_by_its_quoted_words_keeps_them_as_an_alias() {
    let x = extract("古方支持“加强人工智能能力建设国际合作”联大决议。");
    let d = entity(
        &x,
        EntityType::Document,
        "“加强人工智能能力建设国际合作”联大决议",
    )
    .unwrap_or_else(|| panic!("{:?}", x.entities));
    assert!(d.aliases.contains("加强人工智能能力建设国际合作"), "{d:?}");
    // Quoted words that are a known name are no alias of the longer one.
    let y = extract("深化“一带一路”科技创新行动计划框架内合作。");
    let plan = entity(&y, EntityType::Initiative, "“一带一路”科技创新行动计划")
        .unwrap_or_else(|| panic!("{:?}", y.entities));
    assert!(!plan.aliases.contains("一带一路"), "{plan:?}");
}

#[test]
fn a_partys_word_inside_a_name_stays_in_it() {
    let x = extract("出席2024年度中巴经济走廊项目巴方优秀员工颁奖仪式。");
    // The year's edition opens the name too.
    assert!(
        entity(
            &x,
            EntityType::Event,
            "2024年度中巴经济走廊项目巴方优秀员工颁奖仪式"
        )
        .is_some(),
        "{:?}",
        x.entities
    );
    let y = extract("中方感谢巴方优秀员工的付出。");
    assert!(
        y.entities
            .iter()
            .all(|e| !e.label_zh.as_deref().is_some_and(|l| l.contains("巴方"))),
        "{:?}",
        y.entities
    );
}

#[test]
fn english_persons_stand_with_their_office_before_or_after_the_name() {
    let x = extract(
        "Minister of Commerce Wang Wentao held talks with Mohamed Saeed, Minister of Economic Development and Trade of the Maldives.",
    );
    let p = persons(&x);
    assert!(p.contains(&"Wang Wentao".to_string()), "{p:?}");
    assert!(p.contains(&"Mohamed Saeed".to_string()), "{p:?}");
    assert!(
        x.relations.iter().any(|r| r.kind == K::Met),
        "{:?}",
        rels(&x)
    );
    let y =
        extract("The Minister of Planning, Development and Special Initiatives of Pakistan spoke.");
    assert!(persons(&y).is_empty(), "{:?}", persons(&y));
}

#[test]
fn an_english_title_leads_through_the_dated_office_it_stands_for() {
    let x =
        extract("On 12 June 2023, President Ranil Wickremesinghe met with Han Zheng in Colombo.");
    assert!(
        has(
            &x,
            "person/ranil-wickremesinghe",
            K::LeaderOf,
            "country/sri-lanka"
        ),
        "{:?}",
        rels(&x)
    );
    // Out of office at the sentence's date: no leadership is stated.
    let y =
        extract("On 12 June 2025, President Ranil Wickremesinghe met with Han Zheng in Colombo.");
    assert!(
        !has(
            &y,
            "person/ranil-wickremesinghe",
            K::LeaderOf,
            "country/sri-lanka"
        ),
        "{:?}",
        rels(&y)
    );
}

#[test]
fn a_title_naming_china_and_a_partner_by_abbreviation_gives_the_parties() {
    let text = "双方签署《中斯数字经济合作谅解备忘录》。";
    let x = extract_titled(text, "中斯举行外交磋商", Some(FactDate::Year(2024)));
    assert!(
        has(
            &x,
            "country/china",
            K::Signed,
            "document/中斯数字经济合作谅解备忘录"
        ),
        "{:?}",
        rels(&x)
    );
    assert!(
        has(
            &x,
            "country/sri-lanka",
            K::Signed,
            "document/中斯数字经济合作谅解备忘录"
        ),
        "{:?}",
        rels(&x)
    );
    // A word that happens to start with 中 names no partner.
    let y = extract_titled(text, "中国人民的老朋友", Some(FactDate::Year(2024)));
    assert!(
        !has(
            &y,
            "country/sri-lanka",
            K::Signed,
            "document/中斯数字经济合作谅解备忘录"
        ),
        "{:?}",
        rels(&y)
    );
}

#[test]
fn rounds_of_consultations_are_numbered_events() {
    let x = extract_with("2023年6月19日，双方举行第五轮中巴外交磋商。", &[]);
    assert!(
        entity(&x, EntityType::Event, "第五轮中巴外交磋商").is_some(),
        "{:?}",
        x.entities
    );
    let y = extract_with("双方举行外交磋商。", &[]);
    assert!(
        y.entities.iter().all(|e| e.kind != EntityType::Event),
        "{:?}",
        y.entities
    );
}

#[test]
fn this_country_is_the_country_named_last() {
    let x = extract_with("中国代表团访问古巴。该国支持全球发展倡议。", &[]);
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
    // With no country named before it, the word names nobody.
    let y = extract_with("该国支持全球发展倡议。", &[]);
    assert!(
        y.relations.iter().all(|r| r.kind != K::Supports),
        "{:?}",
        rels(&y)
    );
}

#[test]
fn an_english_title_alone_is_the_person_last_named_with_it() {
    let x = extract(
        "On 5 June 2024, Prime Minister Shehbaz Sharif arrived in Beijing. The Prime Minister met with Han Zheng.",
    );
    assert!(
        has(&x, "person/shehbaz-sharif", K::Met, "person/han-zheng")
            || has(&x, "person/han-zheng", K::Met, "person/shehbaz-sharif"),
        "{:?}",
        rels(&x)
    );
    let y = extract("The Prime Minister met with Han Zheng.");
    assert!(
        y.relations.iter().all(|r| r.kind != K::Met),
        "{:?}",
        rels(&y)
    );
}

#[test]
fn supporting_a_party_taking_part_is_no_support_for_what_it_joins() {
    let x = extract_with("中方支持古方参与“一带一路”倡议。", &[]);
    assert!(
        !has(
            &x,
            "country/china",
            K::Supports,
            "initiative/belt-and-road-initiative"
        ),
        "{:?}",
        rels(&x)
    );
    let y = extract_with("中方支持“一带一路”倡议。", &[]);
    assert!(
        has(
            &y,
            "country/china",
            K::Supports,
            "initiative/belt-and-road-initiative"
        ),
        "{:?}",
        rels(&y)
    );
}

#[test]
fn the_one_who_held_a_meeting_speaks_in_its_clause_of_time() {
    let x = extract("2018年11月，习近平主席会见巴基斯坦总理夏巴兹·谢里夫时提出全球发展倡议。");
    assert!(
        has(
            &x,
            "person/xi-jinping",
            K::Proposed,
            "initiative/global-development-initiative"
        ),
        "{:?}",
        rels(&x)
    );
    assert!(
        !has(
            &x,
            "person/shehbaz-sharif",
            K::Proposed,
            "initiative/global-development-initiative"
        ),
        "{:?}",
        rels(&x)
    );
}

#[test]
fn english_passives_name_the_agent_after_by() {
    let x = extract(
        "On 7 June 2024, Pakistan supports the Global Development Initiative and the Global Security Initiative proposed by President Xi Jinping.",
    );
    for o in [
        "initiative/global-development-initiative",
        "initiative/global-security-initiative",
    ] {
        assert!(
            has(&x, "person/xi-jinping", K::Proposed, o),
            "{:?}",
            rels(&x)
        );
    }
    // `by` after other words is no agent: 'proposed in 2013 by …' names a date first.
    let y =
        extract("The Global Development Initiative was proposed at the UN, and Han Zheng spoke.");
    assert!(
        y.relations.iter().all(|r| r.kind != K::Proposed),
        "{:?}",
        rels(&y)
    );
}

#[test]
fn a_title_an_alias_opens_with_states_the_office_and_names_stop_before_sentences() {
    let x = extract("On 7 June 2024, President Xi Jinping met with Prime Minister Shehbaz Sharif.");
    assert!(
        has(&x, "person/xi-jinping", K::LeaderOf, "country/china"),
        "{:?}",
        rels(&x)
    );
    let y = extract(
        "Talks with Prime Minister Ranil Wickremesinghe\nOn the afternoon of 7 June 2023 the two sides met.",
    );
    assert!(
        y.entities
            .iter()
            .all(|e| !e.label_en.as_deref().is_some_and(|l| l.ends_with(" On"))),
        "{:?}",
        y.entities
    );
}

#[test]
fn every_project_listed_between_yi_and_the_link_is_part_of_what_follows() {
    let x = extract(
        "按照以走廊为中心，以中巴经济走廊、能源、交通基础设施为重点的“1+4”合作布局推进建设。",
    );
    let layout = entity(&x, EntityType::Initiative, "“1+4”合作布局")
        .unwrap_or_else(|| panic!("{:?}", x.entities));
    assert!(
        has(
            &x,
            "project/china-pakistan-economic-corridor",
            K::PartOf,
            &layout.id
        ),
        "{:?}",
        rels(&x)
    );
    // 以及 opens no such phrase.
    let y = extract(
        "深化中巴经济走廊以及共建“一带一路”倡议同以“5Es”发展框架为中心的“腾飞巴基斯坦”计划的对接。",
    );
    assert!(
        !y.relations.iter().any(|r| r.kind == K::PartOf && r.subject == "project/china-pakistan-economic-corridor"),
        "{:?}",
        rels(&y)
    );
}

#[test]
fn a_heading_naming_a_counted_group_takes_the_members_listed_under_it() {
    let x = extract(
        "（三）全球价值：践行“两大全球倡议”的标杆\n中巴命运共同体是全球发展倡议与全球安全倡议的集中彰显。",
    );
    let group = entity(&x, EntityType::Initiative, "两大全球倡议")
        .unwrap_or_else(|| panic!("{:?}", x.entities));
    assert!(
        has(
            &x,
            "initiative/global-security-initiative",
            K::PartOf,
            &group.id
        ),
        "{:?}",
        rels(&x)
    );
    // 一个中国原则 is no group of one.
    let y = extract("坚持一个中国原则，支持全球发展倡议。");
    assert!(
        y.relations.iter().all(|r| r.kind != K::PartOf),
        "{:?}",
        rels(&y)
    );
}

#[test]
fn two_countries_and_a_state_body_are_no_single_organization() {
    let x = extract("双方同意召开中巴外交部第三次战略对话。");
    assert!(
        entity(&x, EntityType::Organization, "中巴外交部").is_none(),
        "{:?}",
        x.entities
    );
    let y = extract("双方同意办好中巴政党论坛。");
    assert!(
        entity(&y, EntityType::Organization, "中巴政党论坛").is_some(),
        "{:?}",
        y.entities
    );
}
