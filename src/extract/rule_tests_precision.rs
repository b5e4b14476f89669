//! Tests of the rules that keep extraction precise on texts it was never tuned on: who supports
//! after a word of praise, titles that hold no office now, names that stop at verbs and at
//! longer words, reversed party names, ranges of years. Each has a case that must fire and one
//! that must not.

use super::rule_tests::{extract, extract_doc, extract_with, has, rels};
use crate::model::RelationKind as K;

/// The ids of the entities of `kind`, in order.
fn ids_of(x: &crate::model::Extraction, kind: crate::model::EntityType) -> Vec<&str> {
    x.entities
        .iter()
        .filter(|e| e.kind == kind)
        .map(|e| e.id.as_str())
        .collect()
}

/// The subjects (or objects) of the statements of `kind`, in order.
fn ends_of(x: &crate::model::Extraction, kind: K, subjects: bool) -> Vec<&str> {
    x.relations
        .iter()
        .filter(|r| r.kind == kind)
        .map(|r| {
            if subjects {
                r.subject.as_str()
            } else {
                r.object.as_str()
            }
        })
        .collect()
}

/// An extractor on the small test gazetteer with the entity tables `extra` added.
fn extractor_with(extra: &str) -> super::Extractor {
    let gaz = format!("{}\n{extra}", super::rule_tests::GAZ);
    super::Extractor::new(
        super::Gazetteer::parse(&gaz, "test gazetteer").unwrap(),
        super::Lexicon::parse(super::BUILTIN_RULES, "rules.toml").unwrap(),
    )
    .unwrap()
}

#[test]
fn after_a_word_of_praise_the_party_that_backs_the_object_supports_it() {
    let parties = ["country/china".to_string(), "country/pakistan".to_string()];
    let x = extract_with(
        "中方赞赏巴方率先积极响应全球发展倡议和全球安全倡议。",
        &parties,
    );
    for i in [
        "initiative/global-development-initiative",
        "initiative/global-security-initiative",
    ] {
        assert!(
            has(&x, "country/pakistan", K::Supports, i),
            "{:?}",
            rels(&x)
        );
        assert!(!has(&x, "country/china", K::Supports, i), "{:?}", rels(&x));
    }
    // Praise of the object itself is support by the one praising.
    let y = extract_with("中方赞赏全球发展倡议。", &parties);
    assert!(
        has(
            &y,
            "country/china",
            K::Supports,
            "initiative/global-development-initiative"
        ),
        "{:?}",
        rels(&y)
    );
    // Thanks alone support nothing.
    let z = extract_with("巴方感谢中方提出全球发展倡议。", &parties);
    assert!(
        !has(
            &z,
            "country/pakistan",
            K::Supports,
            "initiative/global-development-initiative"
        ),
        "{:?}",
        rels(&z)
    );
}

#[test]
fn a_name_with_its_parties_reversed_is_the_same_entity() {
    let parties = ["country/china".to_string(), "country/pakistan".to_string()];
    let x = extract_with("双方同意推进巴中经济走廊建设。", &parties);
    let ids: Vec<&str> = x.entities.iter().map(|e| e.id.as_str()).collect();
    assert!(
        ids.contains(&"project/china-pakistan-economic-corridor"),
        "{ids:?}"
    );
    assert!(!ids.iter().any(|i| i.contains("巴中")), "{ids:?}");
    let y = extract_with(
        "Both sides agreed to advance the Pakistan-China Economic Corridor.",
        &parties,
    );
    let ids: Vec<&str> = y.entities.iter().map(|e| e.id.as_str()).collect();
    assert!(
        ids.contains(&"project/china-pakistan-economic-corridor"),
        "{ids:?}"
    );
    // Two countries' names that begin another word are no party pair: 中巴 stays China–Pakistan.
    let z = extract_with("中巴两国是好邻居。", &parties);
    assert!(
        !z.entities
            .iter()
            .any(|e| e.kind == crate::model::EntityType::Project),
        "{:?}",
        z.entities
    );
}

#[test]
fn english_persons_stand_after_titles_of_every_form_and_titles_are_no_organizations() {
    use crate::model::EntityType;
    let x = super::rule_tests::extract(
        "Zheng Shanjie Meets Pakistani Minister\nOn 15 July 2025, Zheng Shanjie, Chairman of the \
         National Development and Reform Commission, met with Minister for Maritime Affairs \
         Qaiser Ahmed Sheikh and Ambassador Khalil Hashmi in Beijing.",
    );
    let named = |kind: EntityType| -> Vec<String> {
        x.entities
            .iter()
            .filter(|e| e.kind == kind)
            .filter_map(|e| e.label_en.clone())
            .collect()
    };
    let persons = named(EntityType::Person);
    for p in ["Zheng Shanjie", "Qaiser Ahmed Sheikh", "Khalil Hashmi"] {
        assert!(persons.contains(&p.to_string()), "{p}: {persons:?}");
    }
    // Neither a word of the headline nor the sentence's first word is a person.
    assert!(
        !persons.iter().any(|p| p == "On" || p.contains("Meets")),
        "{persons:?}"
    );
    let orgs = named(EntityType::Organization);
    assert!(
        orgs.contains(&"National Development and Reform Commission".to_string()),
        "{orgs:?}"
    );
    assert!(!orgs.iter().any(|o| o.starts_with("Chairman")), "{orgs:?}");
    // The meeting is dated to its day.
    let met: Vec<_> = x
        .relations
        .iter()
        .filter(|r| r.kind == crate::model::RelationKind::Met)
        .collect();
    assert!(!met.is_empty(), "{:?}", rels(&x));
    assert!(
        met.iter()
            .all(|r| r.date == Some(crate::model::FactDate::Day(2025, 7, 15))),
        "{:?}",
        rels(&x)
    );
}

/// Fails, listing the relations found, if `x` holds a relation of `kind`.
fn assert_none(x: &crate::model::Extraction, kind: K) {
    assert!(!x.relations.iter().any(|r| r.kind == kind), "{:?}", rels(x));
}

fn labels(x: &crate::model::Extraction, kind: crate::model::EntityType) -> Vec<String> {
    x.entities
        .iter()
        .filter(|e| e.kind == kind)
        .filter_map(|e| e.label_zh.clone().or_else(|| e.label_en.clone()))
        .collect()
}

#[test]
fn a_suffix_inside_a_word_of_the_dictionary_makes_no_name() {
    use crate::model::EntityType;
    let x = super::rule_tests::extract("双方拒绝腐败避风港。双方推进瓜达尔港建设。");
    let projects = labels(&x, EntityType::Project);
    assert!(
        !projects.iter().any(|p| p.contains("避风港")),
        "{projects:?}"
    );
    assert!(projects.contains(&"瓜达尔港".to_string()), "{projects:?}");
}

#[test]
fn a_verb_or_a_particle_never_ends_a_name_and_a_verb_stops_one_on_its_left() {
    use crate::model::EntityType;
    let x = super::rule_tests::extract(
        "哈利勒·哈什米参加了会议。中国企业投资瓜达尔海水淡化厂项目进展顺利。巴方加入亚洲基础设施投资银行。",
    );
    let persons = labels(&x, EntityType::Person);
    assert_eq!(persons, ["哈利勒·哈什米"], "{persons:?}");
    let projects = labels(&x, EntityType::Project);
    assert_eq!(projects, ["瓜达尔海水淡化厂项目"], "{projects:?}");
    // A verb inside a name with no proper name after it stays in the name.
    let orgs = labels(&x, EntityType::Organization);
    assert!(
        orgs.contains(&"亚洲基础设施投资银行".to_string()),
        "{orgs:?}"
    );
}

#[test]
fn titles_of_former_deputy_vice_and_acting_officers_make_no_leader() {
    let x = super::rule_tests::extract(
        "李克强会见巴基斯坦前总统扎尔达里。巴基斯坦副总理达尔出席。巴基斯坦代理总理卡卡尔表示。巴基斯坦总理夏巴兹·谢里夫表示。",
    );
    let leaders: Vec<String> = x
        .relations
        .iter()
        .filter(|r| r.kind == K::LeaderOf)
        .map(|r| r.subject.clone())
        .collect();
    assert!(
        leaders.iter().all(|s| s == "person/shehbaz-sharif"),
        "{leaders:?}"
    );
    assert!(!leaders.is_empty(), "{:?}", rels(&x));
}

#[test]
fn idioms_and_common_words_are_no_places() {
    use crate::model::EntityType;
    let x = super::rule_tests::extract(
        "中巴山水相邻，两国人民心心相印。双方在巴基斯坦白沙瓦开展合作。",
    );
    let places = labels(&x, EntityType::Place);
    assert!(!places.iter().any(|p| p.contains("山水")), "{places:?}");
    assert!(places.contains(&"白沙瓦".to_string()), "{places:?}");
}

#[test]
fn chinese_persons_get_their_pinyin_and_transliterations_none() {
    use crate::model::EntityType;
    let x = super::rule_tests::extract(
        "驻巴基斯坦大使姜再冬出席仪式。中联部部长王家瑞会见哈立德·沙米姆·韦恩。",
    );
    let en = |zh: &str| {
        x.entities
            .iter()
            .find(|e| e.kind == EntityType::Person && e.label_zh.as_deref() == Some(zh))
            .map(|e| e.label_en.clone())
    };
    assert_eq!(
        en("姜再冬"),
        Some(Some("Jiang Zaidong".into())),
        "{:?}",
        x.entities
    );
    assert_eq!(
        en("王家瑞"),
        Some(Some("Wang Jiarui".into())),
        "{:?}",
        x.entities
    );
    assert_eq!(en("哈立德·沙米姆·韦恩"), Some(None), "{:?}", x.entities);
}

#[test]
fn a_bodys_one_character_suffix_in_a_dictionary_word_still_names_the_body() {
    use crate::model::EntityType;
    let x = super::rule_tests::extract("孟加拉国财政部与中方签署协议。");
    let orgs = labels(&x, EntityType::Organization);
    assert!(orgs.iter().any(|o| o.ends_with("财政部")), "{orgs:?}");
}

#[test]
fn projects_listed_as_the_corridors_are_part_of_it() {
    let cpec = "project/china-pakistan-economic-corridor";
    let x = super::rule_tests::extract(
        "Major projects in Gwadar under the China-Pakistan Economic Corridor include the Gwadar \
         East Bay Expressway, the Gwadar Free Zone and the Gwadar Port.",
    );
    let parts: Vec<String> = x
        .relations
        .iter()
        .filter(|r| r.kind == K::PartOf && r.object == cpec)
        .map(|r| r.subject.clone())
        .collect();
    assert_eq!(parts.len(), 3, "{:?}", rels(&x));
    let y =
        super::rule_tests::extract("中巴经济走廊早期收获项目包括卡洛特水电站、喀喇昆仑公路二期。");
    assert!(
        y.relations
            .iter()
            .any(|r| r.kind == K::PartOf && r.object == cpec),
        "{:?}",
        rels(&y)
    );
    // Projects merely named beside the corridor are not its parts.
    let z = super::rule_tests::extract(
        "The China-Pakistan Economic Corridor was discussed, and the Gwadar Free Zone was visited.",
    );
    assert_none(&z, K::PartOf);
}

#[test]
fn passive_praise_of_others_and_clauses_before_a_de_support_nothing_more() {
    let parties = ["country/china".to_string(), "country/cuba".to_string()];
    let x = extract_with("全球发展倡议在古巴广受欢迎。", &parties);
    assert_none(&x, K::Supports);
    let y = extract_with("中方欢迎古方同全球发展倡议之友小组探讨合作。", &parties);
    assert!(
        !y.relations
            .iter()
            .any(|r| r.kind == K::Supports && r.subject == "country/china"),
        "{:?}",
        rels(&y)
    );
    let z = extract_with(
        "中方支持全球发展倡议的八项行动同全球安全倡议对接。",
        &parties,
    );
    assert!(
        has(
            &z,
            "country/china",
            K::Supports,
            "initiative/global-development-initiative"
        ),
        "{:?}",
        rels(&z)
    );
    assert!(
        !has(
            &z,
            "country/china",
            K::Supports,
            "initiative/global-security-initiative"
        ),
        "{:?}",
        rels(&z)
    );
}

#[test]
fn an_english_name_after_a_preposition_is_no_subject() {
    let x = super::rule_tests::extract(
        "Prime Minister Shehbaz Sharif is on an official visit to China and attended the Boao \
         Forum Annual Conference.",
    );
    assert!(
        !ends_of(&x, K::Attended, true).contains(&"country/china"),
        "{:?}",
        rels(&x)
    );
    assert!(
        ends_of(&x, K::Attended, true).contains(&"person/shehbaz-sharif"),
        "{:?}",
        rels(&x)
    );
}

#[test]
fn visits_name_the_place_after_dui_and_clauses_of_time_name_none() {
    let x = super::rule_tests::extract(
        "习近平是在圆满结束对古巴正式访问后抵达伊斯兰堡的。习近平访问期间，两国签署协议。",
    );
    assert!(
        has(&x, "person/xi-jinping", K::Visited, "country/cuba"),
        "{:?}",
        rels(&x)
    );
    let visited = ends_of(&x, K::Visited, false);
    assert_eq!(visited, ["country/cuba"], "{:?}", rels(&x));
    // 来华 alone is a visit to China; 访华 is never a visit to the countries after it.
    let y = super::rule_tests::extract(
        "去年11月巴总理夏巴兹·谢里夫成功访华，两国领导人为中巴关系指明方向。",
    );
    let visited = ends_of(&y, K::Visited, false);
    assert_eq!(visited, ["country/china"], "{:?}", rels(&y));
}

#[test]
fn a_stop_word_glued_to_a_countrys_abbreviation_stays_out_of_the_name() {
    use crate::model::EntityType;
    let x = super::rule_tests::extract("双方同意以中巴政府间协调委员会为管总机制。");
    let orgs = labels(&x, EntityType::Organization);
    assert!(
        orgs.contains(&"中巴政府间协调委员会".to_string()),
        "{orgs:?}"
    );
    assert!(!orgs.iter().any(|o| o.starts_with('以')), "{orgs:?}");
}

#[test]
fn who_chairs_a_meeting_attends_it_with_the_partner_named_with_an_office() {
    let x = super::rule_tests::extract(
        "9月7日，商务部副部长高燕率团访问马尔代夫。访问期间，高燕与马尔代夫经济发展部长穆罕默德•萨伊德共同主持召开了中马经贸联委会第二次会议。",
    );
    let attended: Vec<(&str, &str)> = x
        .relations
        .iter()
        .filter(|r| r.kind == K::Attended)
        .map(|r| (r.subject.as_str(), r.object.as_str()))
        .collect();
    assert!(
        attended.contains(&("person/高燕", "event/中马经贸联委会第二次会议")),
        "{attended:?}"
    );
    assert!(
        attended.contains(&("person/穆罕默德·萨伊德", "event/中马经贸联委会第二次会议")),
        "{attended:?}"
    );
    assert_eq!(attended.len(), 2, "the country is no subject: {attended:?}");
    assert!(
        has(&x, "person/穆罕默德·萨伊德", K::Met, "person/高燕")
            || has(&x, "person/高燕", K::Met, "person/穆罕默德·萨伊德"),
        "the co-chairs meet: {:?}",
        rels(&x)
    );
}

#[test]
fn the_object_of_a_verb_joined_by_bing_is_no_subject_of_the_next() {
    let x =
        super::rule_tests::extract("商务部副部长高燕访问马尔代夫并出席中马经贸联委会第二次会议。");
    let attended = ends_of(&x, K::Attended, true);
    assert_eq!(attended, ["person/高燕"]);
    // Without the verb before it, the name is the subject.
    let x = super::rule_tests::extract("巴基斯坦并出席第二届中巴政党论坛。");
    assert!(
        ends_of(&x, K::Attended, true).contains(&"country/pakistan"),
        "{:?}",
        x.relations
    );
}

#[test]
fn a_locative_zhong_before_another_party_opens_the_name() {
    for (text, name) in [
        (
            "出席中马经贸联委会第二次会议",
            "event/中马经贸联委会第二次会议",
        ),
        ("在会谈中巴方表示支持。", ""),
    ] {
        let x = super::rule_tests::extract(text);
        let ids: Vec<&str> = x.entities.iter().map(|e| e.id.as_str()).collect();
        if name.is_empty() {
            assert!(!ids.iter().any(|i| i.contains("中巴")), "{ids:?}");
        } else {
            assert!(ids.contains(&name), "{ids:?}");
        }
    }
}

#[test]
fn a_meeting_names_everyone_listed_with_an_office_and_a_clause_opening_with_tong_meets_the_topic() {
    let x = super::rule_tests::extract(
        "访问期间，习近平主席分别会见柬埔寨国王西哈莫尼、参议院主席洪森，同首相洪玛奈举行会谈。",
    );
    for other in ["person/西哈莫尼", "person/洪森", "person/洪玛奈"] {
        assert!(
            has(&x, "person/xi-jinping", K::Met, other),
            "{other}: {:?}",
            rels(&x)
        );
    }
    let met = x.relations.iter().filter(|r| r.kind == K::Met).count();
    assert_eq!(met, 3, "no one else met: {:?}", rels(&x));
    // A list ends where the words between are no office: the one after 时表示 did not meet.
    let x =
        super::rule_tests::extract("习近平主席会见巴基斯坦总理夏巴兹·谢里夫时表示，中方支持巴方。");
    assert_eq!(x.relations.iter().filter(|r| r.kind == K::Met).count(), 1);
}

#[test]
fn the_last_syllable_jieba_leaves_alone_ends_a_name_after_a_title() {
    let x =
        super::rule_tests::extract("国务委员兼外长王毅在安徽屯溪会见来华访问的缅甸外长温纳貌伦。");
    assert!(
        x.entities.iter().any(|e| e.id == "person/温纳貌伦"),
        "{:?}",
        x.entities
    );
    // A function word after the name stays out of it.
    let x = super::rule_tests::extract("缅甸外长温纳貌说。");
    assert!(
        !x.entities.iter().any(|e| e.id == "person/温纳貌说"),
        "{:?}",
        x.entities
    );
}

#[test]
fn a_foreign_official_is_named_by_the_sound_characters_after_country_and_title() {
    let x = super::rule_tests::extract(
        "巴基斯坦总理卡卡尔出席开幕式，巴基斯坦总统阿尔维于3月表示欢迎。",
    );
    let persons = ids_of(&x, crate::model::EntityType::Person);
    assert!(persons.contains(&"person/卡卡尔"), "{persons:?}");
    assert!(persons.contains(&"person/阿尔维"), "{persons:?}");
    // China's officials have Chinese names: the family-name rules find them, not this one.
    let x = super::rule_tests::extract("中国大使阿里夫表示欢迎。");
    assert!(
        !x.entities.iter().any(|e| e.id == "person/阿里夫"),
        "{:?}",
        x.entities
    );
}

#[test]
fn sound_characters_before_a_title_name_a_foreign_person_but_not_a_country() {
    let x = super::rule_tests::extract("上周我同托卡耶夫总统举行了会见，巴基斯坦总统出席。");
    let persons = ids_of(&x, crate::model::EntityType::Person);
    assert_eq!(persons, ["person/托卡耶夫"]);
    // Where the name starts is unsure after 感谢: this rule finds no name running into the verb.
    let x = super::rule_tests::extract("中方感谢托卡耶夫总统。");
    assert!(
        !x.entities.iter().any(|e| e.id == "person/谢托卡耶夫"),
        "{:?}",
        x.entities
    );
}

#[test]
fn several_countries_and_going_home_are_no_places() {
    let x = super::rule_tests::extract("他将于19日结束访问回国。三国政府间协定签署。");
    assert!(
        !x.entities
            .iter()
            .any(|e| e.id.ends_with("回国") || e.id.ends_with("三国")),
        "{:?}",
        x.entities
    );
}

#[test]
fn a_numbered_english_meeting_of_a_body_is_an_event() {
    let x = super::rule_tests::extract(
        "ISLAMABAD: The 4th meeting of CPEC Joint Working Group on International Cooperation and Coordination (JWG-ICC) was held here Sunday. The meeting of the two sides was cordial.",
    );
    let events: Vec<&str> = x
        .entities
        .iter()
        .filter(|e| e.kind == crate::model::EntityType::Event)
        .filter_map(|e| e.label_en.as_deref().or(e.label_zh.as_deref()))
        .collect();
    assert!(
        events.contains(
            &"4th meeting of CPEC Joint Working Group on International Cooperation and Coordination"
        ),
        "{events:?}"
    );
    assert_eq!(
        events.len(),
        1,
        "a meeting without an ordinal is no name: {events:?}"
    );
}

#[test]
fn three_sides_are_the_documents_parties() {
    let parties = ["country/china".to_string(), "country/pakistan".to_string()];
    let x = extract_with("三方支持全球发展倡议。", &parties);
    for p in &parties {
        assert!(
            has(
                &x,
                p,
                K::Supports,
                "initiative/global-development-initiative"
            ),
            "{p}: {:?}",
            rels(&x)
        );
    }
}

#[test]
fn attending_at_the_end_of_a_clause_is_of_the_meeting_named_before_by_the_persons_of_the_clause() {
    let x = super::rule_tests::extract(
        "第二届中巴政党论坛在北京举行。巴基斯坦总理夏巴兹·谢里夫出席并致辞，双方有关部门负责人参加。",
    );
    let attended = ends_of(&x, K::Attended, true);
    assert_eq!(attended, ["person/shehbaz-sharif"], "{:?}", rels(&x));
}

#[test]
fn an_english_name_may_open_with_initials() {
    let x = super::rule_tests::extract(
        "Visiting Chinese Foreign Minister Wang Yi met here on Sunday with Sri Lankan Foreign Minister G.L. Peiris. The U.S. side was absent.",
    );
    assert!(
        x.entities
            .iter()
            .any(|e| e.label_en.as_deref() == Some("G.L. Peiris")
                || e.label_zh.as_deref() == Some("G.L. Peiris")),
        "{:?}",
        x.entities
    );
}

#[test]
fn an_english_meeting_names_everyone_listed_with_an_office() {
    let x = super::rule_tests::extract(
        "During the visit, President Xi Jinping held meetings and talks with President Asif Ali Zardari, Prime Minister Shehbaz Sharif and other leaders.",
    );
    let met = ends_of(&x, K::Met, false);
    assert!(
        met.iter().any(|o| o.ends_with("asif-ali-zardari")),
        "{:?}",
        rels(&x)
    );
    assert!(met.contains(&"person/shehbaz-sharif"), "{:?}", rels(&x));
    // An abbreviation before a dot is no name of its own.
    let x = super::rule_tests::extract(
        "President Xi Jinping held talks with President Md. Abdul Hamid.",
    );
    assert!(
        !x.entities.iter().any(|e| e.id == "person/md"),
        "{:?}",
        x.entities
    );
}

#[test]
fn a_department_is_named_with_its_body_and_led_by_its_head() {
    use crate::model::EntityType as T;
    let x = extract("外交部边界与海洋事务司司长洪亮出席会议。");
    assert!(
        ids_of(&x, T::Organization).contains(&"organization/外交部边界与海洋事务司"),
        "{:?}",
        ids_of(&x, T::Organization)
    );
    assert!(
        has(
            &x,
            "person/洪亮",
            K::LeaderOf,
            "organization/外交部边界与海洋事务司"
        ),
        "{:?}",
        rels(&x)
    );
    // The own country's name before the body makes no other entity; another country's does.
    let own = extract("中国外交部边界与海洋事务司司长洪亮出席会议。");
    assert!(
        ids_of(&own, T::Organization).contains(&"organization/外交部边界与海洋事务司"),
        "{:?}",
        ids_of(&own, T::Organization)
    );
    let other = extract("巴基斯坦外交部亚洲司司长出席会议。");
    assert!(
        ids_of(&other, T::Organization).contains(&"organization/巴基斯坦外交部亚洲司"),
        "{:?}",
        ids_of(&other, T::Organization)
    );
    // A title after the body is an office, not a department; a deputy leads nothing.
    let office = extract("外交部部长助理刘劲松会见巴基斯坦驻华大使。");
    assert!(
        !ids_of(&office, T::Organization)
            .iter()
            .any(|id| id.contains("部长")),
        "{:?}",
        ids_of(&office, T::Organization)
    );
    let deputy = extract("外交部边界与海洋事务司副司长易先良出席会议。");
    assert!(
        ends_of(&deputy, K::LeaderOf, true).is_empty(),
        "{:?}",
        rels(&deputy)
    );
}

#[test]
fn a_place_a_department_is_named_for_is_no_place_of_the_text() {
    use crate::model::EntityType as T;
    let x = extract("中国外交部台湾事务司官员出席会议。");
    assert!(
        ids_of(&x, T::Organization).contains(&"organization/外交部台湾事务司"),
        "{:?}",
        ids_of(&x, T::Organization)
    );
    assert!(!ids_of(&x, T::Place).contains(&"place/taiwan"));
    let y = extract("代表团访问了台湾。");
    assert!(ids_of(&y, T::Place).contains(&"place/taiwan"));
}

#[test]
fn a_number_with_a_measure_word_opens_no_name() {
    use crate::model::EntityType as T;
    let x = extract("今年共有73个培训班的370名巴基斯坦学员参训。");
    assert!(
        ids_of(&x, T::Project).is_empty(),
        "{:?}",
        ids_of(&x, T::Project)
    );
    let y = extract("巴基斯坦农业技术培训班开班。");
    assert_eq!(ids_of(&y, T::Project), ["project/巴基斯坦农业技术培训班"]);
}

#[test]
fn a_result_complement_after_a_verb_starts_no_name() {
    use crate::model::EntityType as T;
    let x = extract("双方将建设好中古命运共同体。");
    let ids = ids_of(&x, T::Initiative);
    assert!(ids.contains(&"initiative/中古命运共同体"), "{ids:?}");
    assert!(!ids.iter().any(|id| id.contains('好')), "{ids:?}");
}

#[test]
fn a_transliterated_name_is_not_cut_after_a_title_or_at_a_country_inside_it() {
    use crate::model::EntityType as T;
    let x = extract("活动由上合组织副秘书长萨义德穆罗德佐达和朴扬帆主持。");
    let persons = ids_of(&x, T::Person);
    assert!(persons.contains(&"person/萨义德穆罗德佐达"), "{persons:?}");
    // A Chinese name after a title is never run on.
    let y = extract("外交部长王毅和巴方代表会谈。");
    assert!(
        ids_of(&y, T::Person).contains(&"person/王毅"),
        "{:?}",
        ids_of(&y, T::Person)
    );
    // 古巴 inside 古巴拉 leaves one character: it is part of the name.
    let z = extract("经济发展部部长古巴拉·拉贾帕克萨出席。");
    let persons = ids_of(&z, T::Person);
    assert!(persons.contains(&"person/古巴拉·拉贾帕克萨"), "{persons:?}");
    // A country before a first name of its own is no part of the name.
    let w = extract("出席仪式的有巴基斯坦阿里夫·阿尔维。");
    let persons = ids_of(&w, T::Person);
    assert!(persons.contains(&"person/阿里夫·阿尔维"), "{persons:?}");
}

#[test]
fn a_short_name_beside_an_office_its_owner_never_held_is_someone_else() {
    use crate::model::EntityType as T;
    let x = extract("2015年3月，亚洲司司长夏巴兹出席会议。");
    assert!(
        !ids_of(&x, T::Person).contains(&"person/shehbaz-sharif"),
        "{:?}",
        ids_of(&x, T::Person)
    );
    let y = extract("2024年3月，夏巴兹总理出席会议。");
    assert!(
        ids_of(&y, T::Person).contains(&"person/shehbaz-sharif"),
        "{:?}",
        ids_of(&y, T::Person)
    );
}

#[test]
fn co_chairs_meet_when_the_first_has_an_office_after_the_name() {
    let x =
        extract("随后，高燕副部长与古巴外贸部长马尔米耶卡共同主持召开了中古经贸联委会第二次会议。");
    let met: Vec<&str> = ends_of(&x, K::Met, true)
        .into_iter()
        .chain(ends_of(&x, K::Met, false))
        .collect();
    assert!(met.contains(&"person/高燕"), "{:?}", rels(&x));
    assert!(
        ends_of(&x, K::Attended, true).contains(&"person/高燕"),
        "{:?}",
        rels(&x)
    );
}

#[test]
fn a_short_form_stands_for_the_full_name_the_document_gave() {
    use crate::model::EntityType as T;
    let x = extract(
        "中巴双边合作指导委员会举行第十五次会议。中国-巴基斯坦双边合作指导委员会第十五次会议在伊斯兰堡举行。双方愿用好双边合作指导委员会这一机制。",
    );
    let events = ids_of(&x, T::Event);
    assert_eq!(events.len(), 1, "{events:?}");
    assert!(!events[0].ends_with("/第十五次会议"), "{events:?}");
    let orgs = ids_of(&x, T::Organization);
    assert!(
        !orgs.contains(&"organization/双边合作指导委员会"),
        "{orgs:?}"
    );
    // One country's body is not the body the text's own country has.
    let y = extract("古巴外交部美洲事务司官员出席。中方外交部美洲事务司官员出席。");
    let orgs = ids_of(&y, T::Organization);
    assert!(
        orgs.contains(&"organization/古巴外交部美洲事务司"),
        "{orgs:?}"
    );
    assert!(orgs.contains(&"organization/外交部美洲事务司"), "{orgs:?}");
}

#[test]
fn an_english_phrase_of_common_words_or_about_people_is_no_name() {
    use crate::model::EntityType as T;
    let x = extract(
        "The Foreign Ministry said the Standing Committee met before the Opening Ceremony of the Karot Hydropower Project.",
    );
    let all: Vec<&str> = x.entities.iter().map(|e| e.id.as_str()).collect();
    assert!(
        !all.iter().any(|id| id.contains("foreign-ministry")),
        "{all:?}"
    );
    assert!(
        !all.iter().any(|id| id.contains("standing-committee")),
        "{all:?}"
    );
    // The ceremony is held for a named project: an event of its own, the project within it.
    assert_eq!(
        ids_of(&x, T::Event),
        ["event/opening-ceremony-of-the-karot-hydropower-project"],
        "{all:?}"
    );
    assert!(
        ids_of(&x, T::Project).iter().any(|id| id.contains("karot")),
        "{all:?}"
    );
    let z = extract("The Foreign Ministry said the Opening Ceremony was held.");
    assert!(
        ids_of(&z, T::Event).is_empty(),
        "{:?}",
        ids_of(&z, T::Event)
    );
    let y = extract("He met Prime Minister Shehbaz Sharif and Speaker of the National Assembly.");
    assert!(
        ids_of(&y, T::Organization).is_empty(),
        "{:?}",
        ids_of(&y, T::Organization)
    );
}

#[test]
fn a_title_joined_to_a_named_persons_title_refers_to_no_one_else() {
    // 外长 in 王毅国务委员兼外长 is 王毅's office, not the foreign minister named before.
    let x = extract(
        "巴基斯坦外长达尔出席。3月27日，王毅国务委员兼外长在应邀对巴基斯坦进行正式访问期间会见了总理。",
    );
    let visitors = ends_of(&x, K::Visited, true);
    assert!(
        !visitors.iter().any(|s| s.contains("达尔")),
        "{:?}",
        rels(&x)
    );
    // A title standing alone still refers to the one last named with it.
    let y = extract("巴基斯坦外长达尔出席。外长表示支持全球发展倡议。");
    assert!(
        ends_of(&y, K::Supports, true)
            .iter()
            .any(|s| s.contains("达尔")),
        "{:?}",
        rels(&y)
    );
}

#[test]
fn the_topic_acts_with_a_partner_named_with_an_office() {
    let x = extract(
        "3月27日，习近平访问古巴期间，同古巴国家主席迪亚斯-卡内尔共同签署了《中古全面合作计划》。",
    );
    let signers = ends_of(&x, K::Signed, true);
    assert!(signers.contains(&"person/xi-jinping"), "{:?}", rels(&x));
    assert!(signers.contains(&"person/迪亚斯-卡内尔"), "{:?}", rels(&x));
}

#[test]
fn two_parties_abbreviated_open_a_name_whatever_jieba_reads_them_as() {
    use crate::model::EntityType as T;
    // 中/f 巴/v: jieba reads the pair as a place word and a verb.
    let x = extract("双方共同主持中巴边境事务磋商和协调工作机制第27次会议。");
    let events = ids_of(&x, T::Event);
    assert!(
        events
            .iter()
            .any(|id| id.contains("中巴边境事务磋商和协调工作机制")),
        "{events:?}"
    );
    // One abbreviation standing alone as a word of the clause opens nothing.
    let y = extract("会议在中举行第二次战略对话。");
    assert!(
        !ids_of(&y, T::Event).iter().any(|id| id.contains("在中")),
        "{:?}",
        ids_of(&y, T::Event)
    );
}

#[test]
fn an_english_numbered_meeting_and_its_co_chairs_listed_with_offices() {
    use crate::model::EntityType as T;
    let x = extract(
        "The 3rd round China-Pakistan Strategic Dialogue was held in Beijing. Chinese Vice Foreign \
         Minister Sun Weidong, Cuban Deputy Foreign Minister Carlos Fernandez and Pakistan's \
         Foreign Secretary Sohail Mahmood co-chaired the dialogue.",
    );
    let events = ids_of(&x, T::Event);
    assert_eq!(
        events,
        ["event/3rd-china-pakistan-strategic-dialogue"],
        "{events:?}"
    );
    let attended = ends_of(&x, K::Attended, true);
    for p in ["sun-weidong", "carlos-fernandez", "sohail-mahmood"] {
        assert!(
            attended.iter().any(|s| s.ends_with(p)),
            "{p}: {:?}",
            rels(&x)
        );
    }
    // Without a reference to the meeting, chairing names no meeting.
    let y = extract(
        "The 3rd round China-Pakistan Strategic Dialogue was held in Beijing. Foreign Secretary \
         Sohail Mahmood co-chaired a press briefing.",
    );
    assert!(ends_of(&y, K::Attended, true).is_empty(), "{:?}", rels(&y));
}

#[test]
fn a_text_headed_by_a_documents_name_alone_is_issued_by_its_parties() {
    let x = extract("China-Pakistan Joint Statement\nBeijing: The two sides held talks.");
    let issuers = ends_of(&x, K::Issued, true);
    assert!(issuers.contains(&"country/china"), "{:?}", rels(&x));
    assert!(issuers.contains(&"country/pakistan"), "{:?}", rels(&x));
    // A headline about a document issues nothing.
    let y =
        extract("Experts discuss the China-Pakistan Joint Statement\nBeijing: The talks went on.");
    assert!(ends_of(&y, K::Issued, true).is_empty(), "{:?}", rels(&y));
}

#[test]
fn an_english_project_named_by_its_place_lies_there() {
    let x = extract("The Karachi Coastal Power Plant was completed in 2024.");
    let objects = ends_of(&x, K::LocatedIn, false);
    assert!(objects.contains(&"place/karachi"), "{:?}", rels(&x));
    // A place name running into a longer word is no place of the name.
    let y = extract("The Karachiwala Power Plant was completed in 2024.");
    assert!(
        !ends_of(&y, K::LocatedIn, false).contains(&"place/karachi"),
        "{:?}",
        rels(&y)
    );
}

#[test]
fn later_items_of_a_list_of_foreign_officials_keep_the_first_ones_country() {
    use crate::model::EntityType as T;
    let x =
        extract("访问期间，习近平主席分别会见巴基斯坦总统扎尔达里、太后莫尼列、参议院主席吉拉尼。");
    let persons = ids_of(&x, T::Person);
    assert!(persons.contains(&"person/莫尼列"), "{persons:?}");
    let met = ends_of(&x, K::Met, false);
    assert!(met.contains(&"person/莫尼列"), "{:?}", rels(&x));
    // Without a foreign country before the list, a title after 、 finds no sounds-only name that
    // does not end as names end.
    let y = extract("访问期间，他会见了有关人士、太后莫尼列殿下。");
    assert!(
        !ids_of(&y, T::Person).contains(&"person/莫尼列"),
        "{:?}",
        ids_of(&y, T::Person)
    );
}

#[test]
fn an_english_list_of_persons_with_offices_meets_each() {
    let x = extract(
        "President Xi Jinping held talks with President Ranil Wickremesinghe, Prime Minister Shehbaz Sharif.",
    );
    let met = ends_of(&x, K::Met, false);
    assert!(met.contains(&"person/shehbaz-sharif"), "{:?}", rels(&x));
    assert!(
        met.contains(&"person/ranil-wickremesinghe"),
        "{:?}",
        rels(&x)
    );
    assert!(
        !met.iter().any(|o| o.contains("president")),
        "{:?}",
        rels(&x)
    );
}

#[test]
fn a_meeting_of_a_known_body_is_an_event_and_those_listed_after_attend() {
    use crate::model::EntityType as T;
    let x = extract_doc_undated(
        "中国外交部长19日在北京主持召开中巴经济走廊外长会晤。古巴外长罗德里格斯、巴基斯坦外长达尔出席。",
    );
    let events = ids_of(&x, T::Event);
    assert!(events.iter().any(|e| e.ends_with("外长会晤")), "{events:?}");
    let attended = ends_of(&x, K::Attended, true);
    assert!(attended.contains(&"person/罗德里格斯"), "{:?}", rels(&x));
    // A bare meeting of officials with no proper name is no event.
    let y = extract("两国外长举行会晤。");
    assert!(
        ids_of(&y, T::Event).is_empty(),
        "{:?}",
        ids_of(&y, T::Event)
    );
}

#[test]
fn a_known_family_name_beside_an_office_its_owner_never_held_is_not_them() {
    use crate::model::EntityType as T;
    // 维克拉马辛哈 beside 部长 in an undated text: the one known so, a president, never was a
    // minister.
    let x = extract_doc_undated("斯里兰卡财政部部长维克拉马辛哈出席会议。");
    let persons = ids_of(&x, T::Person);
    assert!(
        !persons.contains(&"person/ranil-wickremesinghe"),
        "{persons:?}"
    );
    let y = extract_doc_undated("维克拉马辛哈总统出席会议。");
    let persons = ids_of(&y, T::Person);
    assert!(
        persons.contains(&"person/ranil-wickremesinghe"),
        "{persons:?}"
    );
}

/// Extraction of `text` with no date for the document.
fn extract_doc_undated(text: &str) -> crate::model::Extraction {
    super::rule_tests::extract_doc(
        text,
        "测试",
        None,
        &["country/china".to_string(), "country/pakistan".to_string()],
    )
}

#[test]
fn a_known_name_is_one_word_of_the_name_it_opens() {
    use crate::model::EntityType as T;
    let x = extract("会议重点通报了上合组织成员国外长理事会的情况。");
    let orgs = ids_of(&x, T::Organization);
    assert!(
        orgs.contains(&"organization/上合组织成员国外长理事会"),
        "{orgs:?}"
    );
    assert!(
        !orgs.contains(&"organization/组织成员国外长理事会"),
        "{orgs:?}"
    );
}

#[test]
fn a_meeting_named_short_after_its_full_name_is_the_same_meeting() {
    use crate::model::EntityType as T;
    let x = extract(
        "中巴边界问题专家组第十二次会议在伊斯兰堡举行。双方回顾了专家组第十二次会议达成的共识。",
    );
    let events = ids_of(&x, T::Event);
    assert_eq!(events.len(), 1, "{events:?}");
}

#[test]
fn a_person_named_by_the_last_part_of_a_full_name_given_before_is_that_person() {
    use crate::model::EntityType as T;
    let x = extract("应古巴国王诺罗敦·西哈莫尼邀请，习近平主席会见古巴国王西哈莫尼。");
    let persons = ids_of(&x, T::Person);
    assert!(!persons.contains(&"person/西哈莫尼"), "{persons:?}");
    assert!(persons.contains(&"person/诺罗敦·西哈莫尼"), "{persons:?}");
}

#[test]
fn the_head_of_a_delegation_at_a_meeting_attends_it() {
    let x = extract(
        "中巴边界问题专家组第十二次会议在伊斯兰堡举行。中方代表团由外交部边界与海洋事务司司长洪亮率领。",
    );
    assert!(
        ends_of(&x, K::Attended, true).contains(&"person/洪亮"),
        "{:?}",
        rels(&x)
    );
    // Leading a delegation on a visit attends no meeting.
    let y =
        extract("中巴边界问题专家组第十二次会议在伊斯兰堡举行。洪亮司长率领代表团访问了卡拉奇。");
    assert!(ends_of(&y, K::Attended, true).is_empty(), "{:?}", rels(&y));
}

#[test]
fn a_state_body_named_bare_is_the_own_countrys_known_body() {
    use crate::model::EntityType as T;
    let x = extract("据悉，商务部部长高虎城与巴基斯坦商务部部长共同签署协定。");
    let orgs = ids_of(&x, T::Organization);
    assert!(!orgs.contains(&"organization/商务部"), "{orgs:?}");
    assert!(
        has(
            &x,
            "person/高虎城",
            K::LeaderOf,
            "organization/ministry-of-commerce-of-china"
        ),
        "{:?}",
        rels(&x)
    );
}

#[test]
fn a_common_word_after_a_country_is_no_place_in_it() {
    use crate::model::EntityType as T;
    let x = extract("越来越多中国城市开通班列。");
    assert!(
        ids_of(&x, T::Place).is_empty(),
        "{:?}",
        ids_of(&x, T::Place)
    );
    let y = extract("代表团访问了巴基斯坦白沙瓦。");
    assert!(
        !ids_of(&y, T::Place).is_empty(),
        "{:?}",
        ids_of(&y, T::Place)
    );
}

#[test]
fn an_english_body_named_with_its_countrys_possessive_is_the_body_of_that_country() {
    use crate::model::EntityType as T;
    let x = extract("He met the Speaker of Pakistan's National Assembly in Islamabad.");
    let orgs = ids_of(&x, T::Organization);
    assert!(
        orgs.contains(&"organization/national-assembly-of-pakistan"),
        "{orgs:?}"
    );
    // A possessive of no country is left as written.
    let y = extract("He visited Karachi's Port Authority Commission.");
    assert!(
        !ids_of(&y, T::Organization)
            .iter()
            .any(|o| o.contains("-of-")),
        "{:?}",
        ids_of(&y, T::Organization)
    );
}

#[test]
fn names_of_three_parties_and_of_reversed_parties_make_one_entity() {
    use crate::model::EntityType as T;
    let x = extract(
        "中国-巴基斯坦-斯里兰卡铁路项目三国政府间协定签署。中巴斯铁路项目三国政府间协定意义重大。",
    );
    let docs = ids_of(&x, T::Document);
    assert_eq!(docs.len(), 1, "{docs:?}");
    let y = extract("双方同意建设好巴中友好命运共同体，构建中巴友好命运共同体。");
    let inits = ids_of(&y, T::Initiative);
    assert_eq!(inits.len(), 1, "{inits:?}");
    // Two countries neither of which is the texts' own keep their order.
    let z = extract("古巴斯里兰卡友好协会成立。");
    assert!(
        !ids_of(&z, T::Organization)
            .iter()
            .any(|o| o.contains("巴古")),
        "{:?}",
        ids_of(&z, T::Organization)
    );
}

#[test]
fn an_english_courtesy_call_is_a_meeting() {
    let x = extract("Ambassador Nong Rong paid a courtesy call on Prime Minister Shehbaz Sharif.");
    assert!(
        ends_of(&x, K::Met, false).contains(&"person/shehbaz-sharif"),
        "{:?}",
        rels(&x)
    );
    // A call on a country is no meeting of persons.
    let y = extract("The delegation called on China to support the plan.");
    assert!(ends_of(&y, K::Met, true).is_empty(), "{:?}", rels(&y));
}

#[test]
fn a_short_form_of_an_event_named_with_its_abbreviation_is_the_same_event() {
    let x = extract(
        "中印举行边境事务磋商和协调工作机制第27次会议\n\n\
         洪亮同安伯乐在新德里共同主持中印边境事务磋商和协调工作机制(WMCC)第27次会议。",
    );
    let events = ids_of(&x, crate::model::EntityType::Event);
    assert_eq!(events.len(), 1, "{events:?}");
    // A bracket that holds more than an abbreviation keeps the names apart.
    let y = extract(
        "中印举行边境事务磋商和协调工作机制第27次会议\n\n\
         洪亮出席中印边境事务磋商和协调工作机制(新德里)第27次会议。",
    );
    let events = ids_of(&y, crate::model::EntityType::Event);
    assert_eq!(events.len(), 2, "{events:?}");
}

#[test]
fn countries_opening_a_name_are_abbreviated_each_of_them() {
    // A country without an abbreviation of its own is written by its first character, so
    // the long and the short name are one document.
    let x = extract(
        "三国签署中国-吉尔吉斯斯坦-乌兹别克斯坦铁路项目政府间协定。中吉乌铁路项目政府间协定将推动合作。",
    );
    let docs = ids_of(&x, crate::model::EntityType::Document);
    assert_eq!(docs, ["document/中吉乌铁路项目政府间协定"], "{docs:?}");
    // Two countries that both have one are written by their abbreviations.
    let y = extract("双方签署中国-吉尔吉斯斯坦铁路项目政府间协定。");
    let docs = ids_of(&y, crate::model::EntityType::Document);
    assert_eq!(docs, ["document/中吉铁路项目政府间协定"], "{docs:?}");
}

#[test]
fn numbered_talks_and_meetings_joined_by_a_conjunction_are_two_events() {
    let x = extract("双方同意尽早举行第19轮军长级会谈及WMCC第28次会议。");
    let events = ids_of(&x, crate::model::EntityType::Event);
    assert!(events.contains(&"event/第19轮军长级会谈"), "{events:?}");
    assert!(!events.iter().any(|e| e.contains('及')), "{events:?}");
    let y = extract("王毅出席第四次阿富汗邻国外长会。");
    assert_eq!(
        ids_of(&y, crate::model::EntityType::Event),
        ["event/第四次阿富汗邻国外长会"]
    );
    // A meeting of foreign ministers keeps its last word.
    let z = extract("双方举行首次外长会晤。");
    assert_eq!(
        ids_of(&z, crate::model::EntityType::Event),
        ["event/首次外长会晤"]
    );
}

#[test]
fn free_trade_areas_are_projects_and_the_bare_word_is_none() {
    let x = extract("双方同意推进中斯自贸区建设。");
    assert_eq!(
        ids_of(&x, crate::model::EntityType::Project),
        ["project/中斯自贸区"]
    );
    let y = extract("双方同意建设自贸区。");
    assert!(ids_of(&y, crate::model::EntityType::Project).is_empty());
}

#[test]
fn a_ceremony_named_for_an_agreement_is_an_event_and_the_agreement_a_document() {
    let x = extract("中巴经济走廊合作协定签字仪式在北京举行。");
    assert_eq!(
        ids_of(&x, crate::model::EntityType::Event),
        ["event/中巴经济走廊合作协定签字仪式"]
    );
    assert_eq!(
        ids_of(&x, crate::model::EntityType::Document),
        ["document/中巴经济走廊合作协定"]
    );
    // A verb before a ceremony still ends its name.
    let y = extract("双方签署协定后举行仪式。");
    assert!(ids_of(&y, crate::model::EntityType::Event).is_empty());
}

#[test]
fn an_english_visit_in_progress_is_a_visit_and_an_invited_one_is_not() {
    let x =
        extract("Prime Minister Shehbaz Sharif is on an official visit to China from June 4 to 8.");
    assert!(
        has(&x, "person/shehbaz-sharif", K::Visited, "country/china"),
        "{:?}",
        rels(&x)
    );
    let y = extract("Xi Jinping invited Shehbaz Sharif, who is on an official visit to Pakistan.");
    assert!(
        !has(&y, "person/xi-jinping", K::Visited, "country/pakistan"),
        "{:?}",
        rels(&y)
    );
}

#[test]
fn a_capitalized_part_of_a_numbered_event_is_its_own_event_and_a_lower_case_one_is_not() {
    let x = extract("Shehbaz Sharif attended the Opening Ceremony of the 19th Asian Games.");
    let events = ids_of(&x, crate::model::EntityType::Event);
    assert_eq!(events, ["event/opening-ceremony-of-the-19th-asian-games"]);
    assert!(
        has(&x, "person/shehbaz-sharif", K::Attended, events[0]),
        "{:?}",
        rels(&x)
    );
    // In lower case the ceremony is a common noun: the event attended is the games.
    let y = extract("Shehbaz Sharif attended the opening ceremony of the 19th Asian Games.");
    let events = ids_of(&y, crate::model::EntityType::Event);
    assert_eq!(events, ["event/19th-asian-games"]);
    assert!(
        has(&y, "person/shehbaz-sharif", K::Attended, events[0]),
        "{:?}",
        rels(&y)
    );
    // Games are no event without a name of their own.
    let z = extract("Shehbaz Sharif attended the Opening Ceremony of the Games.");
    assert!(ids_of(&z, crate::model::EntityType::Event).is_empty());
}

#[test]
fn paying_a_call_on_a_person_is_meeting_them() {
    let x = extract("韩正应约拜会了巴基斯坦总理夏巴兹·谢里夫。");
    assert!(
        has(&x, "person/han-zheng", K::Met, "person/shehbaz-sharif"),
        "{:?}",
        rels(&x)
    );
    // A call on a country's embassy meets no one.
    let y = extract("韩正拜会了巴基斯坦驻华使馆。");
    assert!(ends_of(&y, K::Met, true).is_empty(), "{:?}", rels(&y));
}

#[test]
fn receptions_and_gatherings_named_for_something_are_events() {
    // The year before it names that year's gathering.
    let x = extract("2023年中国政府援巴基斯坦培训学员联谊会在使馆举行。大使出席并致辞。");
    assert_eq!(
        ids_of(&x, crate::model::EntityType::Event),
        ["event/2023年中国政府援巴基斯坦培训学员联谊会"]
    );
    // An anniversary's verb and number belong to the reception's name, and so does the verb
    // that says what it celebrates (庆祝), after the verb that holds it.
    let y = extract("使馆举行庆祝中华人民共和国成立75周年招待会。");
    assert_eq!(
        ids_of(&y, crate::model::EntityType::Event),
        ["event/庆祝中华人民共和国成立75周年招待会"]
    );
    // A reception named by nothing but a number or a common word is no name.
    for text in [
        "双方举行75周年招待会。",
        "双方举行新闻发布会。",
        "大使出席招待会。",
    ] {
        let z = extract(text);
        assert!(
            ids_of(&z, crate::model::EntityType::Event).is_empty(),
            "{text}"
        );
    }
}

#[test]
fn a_visit_written_with_a_country_abbreviation_is_a_visit_to_it() {
    let x = extract("韩正历史性访斯取得圆满成功。");
    assert!(
        has(&x, "person/han-zheng", K::Visited, "country/sri-lanka"),
        "{:?}",
        rels(&x)
    );
    // The abbreviation inside a longer word or name is none.
    for text in ["韩正访巴西。", "韩正拜访古老村庄。"] {
        let y = extract(text);
        assert!(
            ends_of(&y, K::Visited, false).is_empty(),
            "{text}: {:?}",
            rels(&y)
        );
    }
}

#[test]
fn an_english_top_office_of_a_body_or_country_leads_it_and_a_deputy_one_does_not() {
    let x = extract("Chairman of the China-CELAC Forum John Smith met Xi Jinping in Beijing.");
    assert!(
        has(
            &x,
            "person/john-smith",
            K::LeaderOf,
            "organization/china-celac-forum"
        ),
        "{:?}",
        rels(&x)
    );
    let y = extract("John Smith, President of Pakistan, met Xi Jinping in Beijing.");
    assert!(
        has(&y, "person/john-smith", K::LeaderOf, "country/pakistan"),
        "{:?}",
        rels(&y)
    );
    for text in [
        "Vice Chairman of the China-CELAC Forum John Smith met Xi Jinping in Beijing.",
        "John Smith, Minister of Pakistan, met Xi Jinping in Beijing.",
    ] {
        let z = extract(text);
        assert!(
            !ends_of(&z, K::LeaderOf, true).contains(&"person/john-smith"),
            "{text}: {:?}",
            rels(&z)
        );
    }
}

#[test]
fn an_english_body_named_with_its_country_lies_in_it() {
    let x = extract(
        "The Central Bank of Sri Lanka said on Monday that Pakistan's National Assembly met.",
    );
    let orgs = ids_of(&x, crate::model::EntityType::Organization);
    assert!(
        orgs.contains(&"organization/central-bank-of-sri-lanka"),
        "{orgs:?}"
    );
    assert!(
        has(
            &x,
            "organization/central-bank-of-sri-lanka",
            K::LocatedIn,
            "country/sri-lanka"
        ),
        "{:?}",
        rels(&x)
    );
    assert!(
        has(
            &x,
            "organization/national-assembly-of-pakistan",
            K::LocatedIn,
            "country/pakistan"
        ),
        "{:?}",
        rels(&x)
    );
    // A generic head with no country after it is no name; a body of a body is in no country.
    let y = extract("The Central Bank said that the Secretariat of the China-CELAC Forum met.");
    assert!(ends_of(&y, K::LocatedIn, true).is_empty(), "{:?}", rels(&y));
    assert!(
        !ids_of(&y, crate::model::EntityType::Organization)
            .iter()
            .any(|o| o.contains("central-bank")),
        "{:?}",
        ids_of(&y, crate::model::EntityType::Organization)
    );
}

#[test]
fn english_bodies_listed_after_a_country_possessive_lie_in_it_and_are_two_names() {
    let x = extract(
        "Delegates of China’s Central Military Commission and Shanghai Cooperation Organisation met.",
    );
    let orgs = ids_of(&x, crate::model::EntityType::Organization);
    assert_eq!(
        orgs,
        [
            "organization/central-military-commission",
            "organization/shanghai-cooperation-organisation"
        ]
    );
    for o in &orgs {
        assert!(
            has(&x, o, K::LocatedIn, "country/china"),
            "{o}: {:?}",
            rels(&x)
        );
    }
    // Without the possessive the bodies lie nowhere.
    let y = extract(
        "Delegates of the Central Military Commission and Shanghai Cooperation Organisation met.",
    );
    assert!(ends_of(&y, K::LocatedIn, true).is_empty(), "{:?}", rels(&y));
}

#[test]
fn a_region_beside_a_country_lies_in_no_country_and_a_city_does() {
    let x = extract("巴基斯坦中亚合作取得新成果。");
    assert!(ids_of(&x, crate::model::EntityType::Place).contains(&"place/central-asia"));
    assert!(ends_of(&x, K::LocatedIn, true).is_empty(), "{:?}", rels(&x));
    let y = extract("双方同意在巴基斯坦瓜达尔开展合作。");
    assert!(
        has(&y, "place/瓜达尔", K::LocatedIn, "country/pakistan"),
        "{:?}",
        rels(&y)
    );
}

#[test]
fn implementing_is_no_support_but_implementing_together_is() {
    let x = extract("巴方加紧落实中巴经济走廊合作规划。");
    assert!(ends_of(&x, K::Supports, true).is_empty(), "{:?}", rels(&x));
    let z = extract("中巴双方共同落实全球发展倡议。");
    assert!(
        has(
            &z,
            "country/pakistan",
            K::Supports,
            "initiative/global-development-initiative"
        ),
        "{:?}",
        rels(&z)
    );
}

#[test]
fn a_document_named_again_by_its_last_words_is_the_same_document() {
    let x = extract("三国签署中吉乌铁路项目三国政府间协定。三国政府间协定的签署具有重要意义。");
    let docs = ids_of(&x, crate::model::EntityType::Document);
    assert_eq!(docs, ["document/中吉乌铁路项目三国政府间协定"], "{docs:?}");
    // Two full names ending alike leave the short form its own.
    let y = extract("双方签署中巴“丝路”合作协定和中斯“丝路”合作协定。“丝路”合作协定有效。");
    let docs = ids_of(&y, crate::model::EntityType::Document);
    assert_eq!(docs.len(), 3, "{docs:?}");
}

#[test]
fn a_headline_holding_a_documents_name_is_not_its_longer_name() {
    let x = extract(
        "据《中国巴基斯坦签署关于经典著作互译出版的备忘录》报道，中巴签署关于经典著作互译出版的备忘录。",
    );
    let docs = ids_of(&x, crate::model::EntityType::Document);
    assert!(
        docs.contains(&"document/关于经典著作互译出版的备忘录"),
        "{docs:?}"
    );
}

#[test]
fn a_visit_to_china_inside_a_longer_word_is_still_a_visit() {
    let x = extract("2025年4月2日，王毅在北京会见来华访问的巴基斯坦总理夏巴兹·谢里夫。");
    assert!(
        has(&x, "person/shehbaz-sharif", K::Visited, "country/china"),
        "{:?}",
        rels(&x)
    );
}

#[test]
fn a_party_reference_before_a_title_is_no_person() {
    for text in ["巴方外长表示，巴方支持。", "中方大使出席会议。"] {
        let x = extract(text);
        let persons = ids_of(&x, crate::model::EntityType::Person);
        assert!(persons.is_empty(), "{text}: {persons:?}");
    }
    // A two-character name after a title is a person when plainly ended.
    let y = extract("巴基斯坦外交国务部长哈尔出席会议。");
    assert_eq!(
        ids_of(&y, crate::model::EntityType::Person),
        ["person/哈尔"]
    );
}

#[test]
fn an_english_place_and_its_country_after_a_comma_lie_in_one_another() {
    let x = extract("Islamabad, Pakistan, June 21 (APP) -- The talks were held.");
    let y = extract("The talks were held in Islamabad, Pakistan.");
    for r in [&x, &y] {
        assert!(
            has(r, "place/islamabad", K::LocatedIn, "country/pakistan"),
            "{:?}",
            rels(r)
        );
    }
    // A list of countries and places is no pair, nor is a region before a country.
    for text in [
        "Delegates from Islamabad, Pakistan, China and Sri Lanka met.",
        "The talks were held in Central Asia, Pakistan.",
    ] {
        let z = extract(text);
        assert!(
            ends_of(&z, K::LocatedIn, true).is_empty(),
            "{text}: {:?}",
            rels(&z)
        );
    }
}

#[test]
fn english_meetings_co_chaired_by_persons_are_attended_by_each_and_they_meet() {
    let x = extract(
        "The 5th meeting of the China-Pakistan Joint Cooperation Committee was held on Sunday. \
         Co-chaired by Minister Shehbaz Sharif and Vice Premier Han Zheng, the meeting reviewed progress.",
    );
    let events = ids_of(&x, crate::model::EntityType::Event);
    assert_eq!(events.len(), 1, "{events:?}");
    for p in ["person/shehbaz-sharif", "person/han-zheng"] {
        assert!(has(&x, p, K::Attended, events[0]), "{p}: {:?}", rels(&x));
    }
    assert_eq!(ends_of(&x, K::Met, true).len(), 1, "{:?}", rels(&x));
    // An English body's name keeps its words.
    let orgs = ids_of(&x, crate::model::EntityType::Organization);
    assert_eq!(
        orgs,
        ["organization/china-pakistan-joint-cooperation-committee"],
        "{orgs:?}"
    );
    // Chaired by someone, a meeting nobody names is attended by nobody.
    let y = extract("The event was chaired by Vice Premier Han Zheng.");
    assert!(ends_of(&y, K::Attended, true).is_empty(), "{:?}", rels(&y));
}

#[test]
fn a_party_without_an_abbreviation_is_called_by_its_first_character() {
    let parties = [
        "country/china".to_string(),
        "country/uzbekistan".to_string(),
    ];
    let x = extract_with("乌方支持全球发展倡议。", &parties);
    assert!(
        has(
            &x,
            "country/uzbekistan",
            K::Supports,
            "initiative/global-development-initiative"
        ),
        "{:?}",
        rels(&x)
    );
    // Not a party of this text: the character names no one.
    let y = extract("乌方支持全球发展倡议。");
    assert!(ends_of(&y, K::Supports, true).is_empty(), "{:?}", rels(&y));
}

#[test]
fn the_chinese_side_is_china_in_english() {
    let x = extract(
        "The Pakistani side reaffirmed its firm support for the Global Development Initiative.",
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
    // An adjective inside a longer word names no side.
    let y = extract(
        "The Pakistanis side reaffirmed its support for the Global Development Initiative.",
    );
    assert!(ends_of(&y, K::Supports, true).is_empty(), "{:?}", rels(&y));
}

#[test]
fn an_english_country_adjective_or_possessive_owns_the_title_after_it_unless_past() {
    for text in [
        "Pakistani President John Smith met Xi Jinping.",
        "Pakistan's President John Smith met Xi Jinping.",
    ] {
        let x = extract(text);
        assert!(
            has(&x, "person/john-smith", K::LeaderOf, "country/pakistan"),
            "{text}: {:?}",
            rels(&x)
        );
    }
    for text in [
        "Former Pakistani President John Smith met Xi Jinping.",
        "Pakistan's former President John Smith met Xi Jinping.",
        "Pakistani Deputy Prime Minister John Smith met Xi Jinping.",
    ] {
        let x = extract(text);
        assert!(
            ends_of(&x, K::LeaderOf, true).is_empty(),
            "{text}: {:?}",
            rels(&x)
        );
    }
}

#[test]
fn english_offices_to_a_country_and_country_adjectives_make_no_names() {
    let x = extract(
        "The delegation included China’s Ambassador to Pakistan John Smith, and officials of the Chinese Ministry of Foreign Affairs.",
    );
    let persons = ids_of(&x, crate::model::EntityType::Person);
    assert_eq!(persons, ["person/john-smith"], "{persons:?}");
    let orgs = ids_of(&x, crate::model::EntityType::Organization);
    assert!(orgs.is_empty(), "{orgs:?}");
    // A body's name runs on to the country it is of.
    let y = extract("He met officials of the State Bank of Pakistan in Karachi.");
    assert_eq!(
        ids_of(&y, crate::model::EntityType::Organization),
        ["organization/state-bank-of-pakistan"]
    );
}

#[test]
fn a_clause_opening_with_bing_shares_the_subject_of_the_clause_before() {
    let x =
        extract("韩正说，巴基斯坦总理夏巴兹·谢里夫对中国进行正式访问，并出席第二届中巴商务论坛。");
    let attendees = ends_of(&x, K::Attended, true);
    assert_eq!(attendees, ["person/shehbaz-sharif"], "{:?}", rels(&x));
    // The one who acts first in the clause before shares it, not the one acted on.
    let y = extract("韩正会见巴基斯坦总理夏巴兹·谢里夫，并出席第二届中巴商务论坛。");
    assert_eq!(
        ends_of(&y, K::Attended, true),
        ["person/han-zheng"],
        "{:?}",
        rels(&y)
    );
}

#[test]
fn the_focuses_of_a_layout_centred_on_a_known_project_are_its_parts() {
    let x = extract(
        "双方推进中巴经济走廊建设，按照以走廊为中心，以喀喇昆仑公路、能源为重点的“1+4”合作布局稳步推进。",
    );
    assert!(
        has(
            &x,
            "project/karakoram-highway",
            K::PartOf,
            "project/china-pakistan-economic-corridor"
        ),
        "{:?}",
        rels(&x)
    );
    // A head word no single known project of the text ends names no centre.
    let y = extract("按照以走廊为中心，以喀喇昆仑公路、能源为重点的“1+4”合作布局稳步推进。");
    assert!(
        !ends_of(&y, K::PartOf, false).contains(&"project/china-pakistan-economic-corridor"),
        "{:?}",
        rels(&y)
    );
}

#[test]
fn a_known_family_name_before_a_title_is_never_cut_to_a_new_person() {
    let x = extract_doc_undated("韩正指出，昨天我同拉贾帕克萨总统举行了会谈。");
    let persons = ids_of(&x, crate::model::EntityType::Person);
    // Which of the brothers who were both president is unsure with no date; the name is
    // kept whole.
    assert!(
        !persons
            .iter()
            .any(|p| p.ends_with("帕克萨") && *p != "person/拉贾帕克萨"),
        "{persons:?}"
    );
}

#[test]
fn i_in_a_persons_reported_words_is_that_person() {
    let x = extract("韩正表示，两国关系良好。昨天我同夏巴兹·谢里夫总理举行了会谈。");
    assert!(
        has(&x, "person/han-zheng", K::Met, "person/shehbaz-sharif"),
        "{:?}",
        rels(&x)
    );
    // Without a speaker in the paragraph 我 names no one; 我国 is no person.
    for text in [
        "昨天我同夏巴兹·谢里夫总理举行了会谈。",
        "韩正表示，两国关系良好。\n昨天我同夏巴兹·谢里夫总理举行了会谈。",
    ] {
        let y = extract(text);
        assert!(
            ends_of(&y, K::Met, true).is_empty(),
            "{text}: {:?}",
            rels(&y)
        );
    }
}

#[test]
fn an_ordinal_before_a_known_recurring_event_names_one_edition_of_it() {
    use crate::model::EntityType::Event;
    let x = extract("第三届中国－南亚博览会在昆明开幕。The Seventh China-South Asia Expo opened.");
    let events = ids_of(&x, Event);
    assert!(
        events.iter().any(|e| e.starts_with("event/第三届")),
        "{events:?}"
    );
    assert!(
        events.contains(&"event/seventh-china-south-asia-expo"),
        "{events:?}"
    );
    assert!(
        !events.contains(&"event/china-south-asia-expo"),
        "{events:?}"
    );
    // Without an ordinal the series itself is named.
    let y = extract("中国－南亚博览会在昆明开幕。");
    assert_eq!(ids_of(&y, Event), ["event/china-south-asia-expo"]);
}

#[test]
fn attending_a_ceremony_named_by_its_kind_is_attending_the_event_named_before() {
    let x = extract(
        "第三届中国－南亚博览会在昆明开幕。云南省委书记王宁、巴基斯坦驻华大使哈希米等出席开幕式并致辞。",
    );
    let attended = ends_of(&x, K::Attended, true);
    for p in ["person/王宁", "person/哈希米"] {
        assert!(attended.contains(&p), "{p}: {:?}", rels(&x));
    }
    let y = extract(
        "The 13th JCC meeting of CPEC was held in Beijing. Yunnan Party Secretary Wang Ning attended the meeting.",
    );
    assert!(
        has(
            &y,
            "person/wang-ning",
            K::Attended,
            "event/13th-jcc-meeting-of-cpec"
        ),
        "{:?}",
        rels(&y)
    );
    // With no event named in the sentence or the one before, a ceremony is no one's.
    let z = extract("云南省委书记王宁出席开幕式并致辞。");
    assert!(ends_of(&z, K::Attended, true).is_empty(), "{:?}", rels(&z));
}

#[test]
fn a_name_ends_before_a_word_that_ends_names() {
    use crate::model::EntityType::Person;
    let x = extract(
        "云南省委书记王宁等出席。巴基斯坦驻华大使哈希米等出席。斯里兰卡驻华大使帕利哈卡拉出席。",
    );
    let persons = ids_of(&x, Person);
    for p in ["person/王宁", "person/哈希米", "person/帕利哈卡拉"] {
        assert!(persons.contains(&p), "{p}: {persons:?}");
    }
    assert!(!persons.iter().any(|p| p.ends_with('等')), "{persons:?}");
    // A Chinese name is not run on into the characters after it, and a three-character name
    // is kept whole.
    let y = extract("中国驻巴基斯坦大使姜再冬出席。云南省委书记王予波出席。");
    let persons = ids_of(&y, Person);
    for p in ["person/姜再冬", "person/王予波"] {
        assert!(persons.contains(&p), "{p}: {persons:?}");
    }
}

#[test]
fn a_word_that_opens_a_title_ends_no_english_body_name() {
    use crate::model::EntityType::Organization;
    let x = extract("Yunnan Party Secretary Wang Ning attended the ceremony.");
    let orgs = ids_of(&x, Organization);
    assert!(!orgs.iter().any(|o| o.ends_with("party")), "{orgs:?}");
    let y = extract("The Pakistan Peoples Party won the election.");
    assert!(
        ids_of(&y, Organization)
            .iter()
            .any(|o| o.ends_with("pakistan-peoples-party")),
        "{:?}",
        ids_of(&y, Organization)
    );
}

#[test]
fn an_ordinal_body_and_a_lower_case_meeting_name_one_event() {
    use crate::model::EntityType::Event;
    let x = extract("The 13th JCC meeting of CPEC was held in Beijing.");
    assert!(
        ids_of(&x, Event).contains(&"event/13th-jcc-meeting-of-cpec"),
        "{:?}",
        ids_of(&x, Event)
    );
    let y = extract("China held the second round of talks with Pakistan.");
    assert!(ids_of(&y, Event).is_empty(), "{:?}", ids_of(&y, Event));
}

#[test]
fn speaking_at_an_event_is_attending_it_when_the_event_follows_the_verb() {
    let x = extract(
        "Prime Minister Shehbaz Sharif addressed the 79th session of the UN General Assembly.",
    );
    assert!(
        ends_of(&x, K::Attended, true).contains(&"person/shehbaz-sharif"),
        "{:?}",
        rels(&x)
    );
    // A verb with another object first attends nothing named further on.
    let y = extract(
        "Prime Minister Shehbaz Sharif addressed concerns about the 79th session of the UN General Assembly.",
    );
    assert!(ends_of(&y, K::Attended, true).is_empty(), "{:?}", rels(&y));
}

#[test]
fn a_form_of_address_names_the_person_after_it() {
    use crate::model::EntityType::Person;
    let x = extract("Mr. Sun Weidong met Ms. Hua Chunying. Dr Tariq Fatemi said On Monday.");
    let persons = ids_of(&x, Person);
    for p in [
        "person/sun-weidong",
        "person/hua-chunying",
        "person/tariq-fatemi",
    ] {
        assert!(persons.contains(&p), "{p}: {persons:?}");
    }
    assert!(
        has(&x, "person/sun-weidong", K::Met, "person/hua-chunying"),
        "{:?}",
        rels(&x)
    );
    // A title or a second form of address after one is no name.
    let y = extract("Dear Mr. President and Madam Chairperson, welcome.");
    assert!(ids_of(&y, Person).is_empty(), "{:?}", ids_of(&y, Person));
}

#[test]
fn a_place_joined_to_what_holds_it_by_words_of_place_lies_in_it() {
    let x = extract("王毅在老挝首都万象会见记者。巴基斯坦南部城市卡拉奇举行活动。");
    assert!(
        has(&x, "place/vientiane", K::LocatedIn, "country/laos"),
        "{:?}",
        rels(&x)
    );
    assert!(
        has(&x, "place/karachi", K::LocatedIn, "country/pakistan"),
        "{:?}",
        rels(&x)
    );
    let y = extract(
        "Wang Yi arrived in Chengdu, capital of Sichuan Province. Sichuan Province in southwestern China is large. Karachi, capital of southern Pakistan's Sichuan hosts it.",
    );
    assert!(
        has(&y, "place/chengdu", K::LocatedIn, "place/sichuan"),
        "{:?}",
        rels(&y)
    );
    assert!(
        has(&y, "place/sichuan", K::LocatedIn, "country/china"),
        "{:?}",
        rels(&y)
    );
    // Of a country's place the place is the holder.
    assert!(
        has(&y, "place/karachi", K::LocatedIn, "place/sichuan"),
        "{:?}",
        rels(&y)
    );
    assert!(
        !has(&y, "place/karachi", K::LocatedIn, "country/pakistan"),
        "{:?}",
        rels(&y)
    );
    // A region holds nothing and lies nowhere by these words; other words join nothing.
    let z =
        extract("中亚首都万象。Karachi is near Islamabad. Chengdu and Sichuan in Central Asia.");
    assert!(ends_of(&z, K::LocatedIn, true).is_empty(), "{:?}", rels(&z));
}

#[test]
fn a_place_name_inside_an_idiom_is_no_place() {
    let x = extract("两国合作包罗万象。新春伊始，万象更新。");
    assert!(
        !ids_of(&x, crate::model::EntityType::Place).contains(&"place/vientiane"),
        "{:?}",
        ids_of(&x, crate::model::EntityType::Place)
    );
    let y = extract("王毅抵达万象。");
    assert!(ids_of(&y, crate::model::EntityType::Place).contains(&"place/vientiane"));
}

#[test]
fn a_word_between_a_country_and_its_title_is_no_person() {
    use crate::model::EntityType::Person;
    // jieba tags 陆军 as a name; standing between a country and a title it is the army.
    let x = extract("中联部部长刘建超会见巴基斯坦陆军参谋长。");
    assert!(
        !ids_of(&x, Person).contains(&"person/陆军"),
        "{:?}",
        ids_of(&x, Person)
    );
    // A name before a title after a mark still is one.
    let y = extract("会见结束后，姜再冬大使表示欢迎。");
    assert!(
        ids_of(&y, Person).contains(&"person/姜再冬"),
        "{:?}",
        ids_of(&y, Person)
    );
}

#[test]
fn a_given_name_may_end_in_a_character_that_also_joins_words() {
    use crate::model::EntityType::Person;
    let x = extract("国务委员兼国防部长魏凤和会见巴基斯坦客人。");
    let persons = ids_of(&x, Person);
    assert!(persons.contains(&"person/魏凤和"), "{persons:?}");
    assert!(!persons.contains(&"person/魏凤"), "{persons:?}");
}

#[test]
fn a_known_short_name_jieba_glues_to_a_word_that_ends_names_is_still_the_person() {
    // 王毅同 is one word to jieba; with 王毅 known, the name ends before 同 all the same.
    let gaz = format!(
        "{}\n[[entity]]\nid = \"person/wang-yi\"\ntype = \"Person\"\nzh = \"王毅\"\nen = \"Wang Yi\"\n",
        super::rule_tests::GAZ
    );
    let ex = super::Extractor::new(
        super::Gazetteer::parse(&gaz, "test gazetteer").unwrap(),
        super::Lexicon::parse(super::BUILTIN_RULES, "rules.toml").unwrap(),
    )
    .unwrap();
    let run = |text: &str| super::rule_tests::extract_doc_by(&ex, text, "测试", None, &[]);
    let x = run("王毅同巴基斯坦副总理兼外长达尔在北京共同主持第五次中巴外长战略对话。");
    assert!(
        ids_of(&x, crate::model::EntityType::Person).contains(&"person/wang-yi"),
        "{:?}",
        ids_of(&x, crate::model::EntityType::Person)
    );
    assert!(
        ends_of(&x, K::Attended, true).contains(&"person/wang-yi"),
        "{:?}",
        rels(&x)
    );
    // Inside a longer word that no such word ends, a known name is not found.
    let y = run("两国关系王毅然决然地推进。");
    assert!(
        !ids_of(&y, crate::model::EntityType::Person).contains(&"person/wang-yi"),
        "{:?}",
        ids_of(&y, crate::model::EntityType::Person)
    );
}

#[test]
fn the_persons_listed_after_an_attending_verb_and_its_event_attend_it() {
    let x =
        extract("出席第三届中国－南亚博览会开幕式的有云南省委书记王宁、巴基斯坦驻华大使哈希米。");
    let attended = ends_of(&x, K::Attended, true);
    for p in ["person/王宁", "person/哈希米"] {
        assert!(attended.contains(&p), "{p}: {:?}", rels(&x));
    }
    let y = extract("第三届中国－南亚博览会在昆明开幕。出席开幕式的有云南省委书记王宁。");
    assert!(
        ends_of(&y, K::Attended, true).contains(&"person/王宁"),
        "{:?}",
        rels(&y)
    );
    // Without an event named, the list attends nothing.
    let z = extract("出席招待会的有云南省委书记王宁。");
    assert!(ends_of(&z, K::Attended, true).is_empty(), "{:?}", rels(&z));
}

#[test]
fn a_ceremony_held_for_a_named_thing_is_an_event_holding_that_thing() {
    use crate::model::EntityType::{Event, Project};
    let x = extract(
        "Ambassador Nong Rong attended the handover ceremony of the Gwadar East Bay Hospital in Gwadar on Monday.",
    );
    let events = ids_of(&x, Event);
    assert!(
        events.contains(&"event/handover-ceremony-of-the-gwadar-east-bay-hospital"),
        "{events:?}"
    );
    assert!(
        ids_of(&x, Project)
            .iter()
            .any(|p| p.ends_with("gwadar-east-bay-hospital")),
        "{:?}",
        ids_of(&x, Project)
    );
    assert!(
        ends_of(&x, K::Attended, true).contains(&"person/nong-rong"),
        "{:?}",
        rels(&x)
    );
    // The opening ceremony of an event is that event's part: the event is attended.
    let y = extract(
        "Minister Zameer attended the opening ceremony of the Third China-Maldives Trade Expo.",
    );
    assert!(
        !ids_of(&y, Event).iter().any(|e| e.contains("ceremony")),
        "{:?}",
        ids_of(&y, Event)
    );
}

#[test]
fn a_foreign_official_is_found_after_an_abbreviated_country_or_no_country() {
    use crate::model::EntityType::Person;
    let x = extract("吉副总统普恩出席。参议院第一副主席萨法耶夫、副外长海达罗夫等出席。");
    let persons = ids_of(&x, Person);
    for p in ["person/普恩", "person/萨法耶夫", "person/海达罗夫"] {
        assert!(persons.contains(&p), "{p}: {persons:?}");
    }
    // Without a country, a run that does not end as foreign names do is none (a run ended by a
    // mark is a name: see `rule_tests_occasions`).
    let y = extract("访问期间，他会见了有关人士、太后莫尼列殿下。");
    assert!(
        !ids_of(&y, Person).contains(&"person/莫尼列"),
        "{:?}",
        ids_of(&y, Person)
    );
}

#[test]
fn an_occasion_names_the_reception_held_for_it_and_its_guests_attend_it() {
    use crate::model::EntityType::Event;
    let x = extract(
        "9月20日，中国驻乌兹别克斯坦使馆隆重举行国庆75周年招待会。吉总理阿里波夫、参议院第一副主席萨法耶夫、国家安全会议副秘书塔什马托夫、副外长海达罗夫等600余人出席。",
    );
    let events = ids_of(&x, Event);
    assert_eq!(events, ["event/国庆75周年招待会"], "{:?}", x.entities);
    let attended = ends_of(&x, K::Attended, true);
    for p in ["person/阿里波夫", "person/萨法耶夫", "person/海达罗夫"] {
        assert!(attended.contains(&p), "{p}: {:?}", rels(&x));
    }
    // A reception with no occasion and no proper name is no event; a verb in the gap ends the
    // list of guests.
    let y = extract("使馆举行招待会。萨法耶夫大使会见了记者，副外长海达罗夫等出席。");
    assert!(ids_of(&y, Event).is_empty(), "{:?}", ids_of(&y, Event));
    assert!(ends_of(&y, K::Attended, true).is_empty(), "{:?}", rels(&y));
}

#[test]
fn guests_of_an_event_named_before_attend_it_however_the_text_lists_them() {
    // Speaking at it, 出席了 it, and an English list after `including`.
    let x = extract(
        "第三届中国－南亚博览会在昆明开幕。云南省委书记王宁、巴基斯坦驻华大使哈希米分别通过视频致辞。",
    );
    let attended = ends_of(&x, K::Attended, true);
    for p in ["person/王宁", "person/哈希米"] {
        assert!(attended.contains(&p), "{p}: {:?}", rels(&x));
    }
    let y = extract("第三届中国－南亚博览会在昆明开幕。云南省委书记王宁等约150人出席了开幕式。");
    assert!(
        ends_of(&y, K::Attended, true).contains(&"person/王宁"),
        "{:?}",
        rels(&y)
    );
    let z = extract(
        "The 13th JCC meeting of CPEC was held in Beijing. About 150 people attended the meeting, including Ambassador Khalil Hashmi, Vice Minister Sun Weidong.",
    );
    let attended = ends_of(&z, K::Attended, true);
    for p in ["person/khalil-hashmi", "person/sun-weidong"] {
        assert!(attended.contains(&p), "{p}: {:?}", rels(&z));
    }
    // A person named before the verb attends, not those listed after `including`.
    let w = extract(
        "The 13th JCC meeting of CPEC was held in Beijing. Ambassador Khalil Hashmi attended the meeting, including talks with Vice Minister Sun Weidong.",
    );
    assert_eq!(
        ends_of(&w, K::Attended, true),
        ["person/khalil-hashmi"],
        "{:?}",
        rels(&w)
    );
    // In a speech (在致辞中) nothing is attended by the word alone.
    let v = extract("云南省委书记王宁在致辞中表示欢迎。");
    assert!(ends_of(&v, K::Attended, true).is_empty(), "{:?}", rels(&v));
}

#[test]
fn a_title_after_a_known_persons_name_is_theirs_and_names_no_one_after_it() {
    use crate::model::EntityType::Person;
    let x = extract("张春贤出席开幕式，宣读习近平主席贺信并致辞。");
    assert!(
        !ids_of(&x, Person).contains(&"person/贺信"),
        "{:?}",
        ids_of(&x, Person)
    );
    let y = extract("Chinese Ambassador H.E. Yi Xianliang and Hon. Karu Jayasuriya attended.");
    let persons = ids_of(&y, Person);
    for p in ["person/yi-xianliang", "person/karu-jayasuriya"] {
        assert!(persons.contains(&p), "{p}: {persons:?}");
    }
}

#[test]
fn a_year_before_an_event_names_that_years_edition_unless_it_is_an_anniversary() {
    use crate::model::EntityType::Event;
    let x = extract("2023年中国政府援孟加拉国培训学员联谊会28日举行。");
    assert!(
        ids_of(&x, Event)
            .iter()
            .any(|e| e.starts_with("event/2023年")),
        "{:?}",
        ids_of(&x, Event)
    );
    let y = extract("统筹规划好2026年中巴建交75周年纪念活动。");
    assert!(
        !ids_of(&y, Event)
            .iter()
            .any(|e| e.starts_with("event/2026")),
        "{:?}",
        ids_of(&y, Event)
    );
}

#[test]
fn names_in_lists_of_guests_keep_their_bounds() {
    use crate::model::EntityType::{Country, Person, Place};
    // A verb after a name ends it (王予波主持); a one-character stop word that writes sounds
    // stays in a transliteration (迪内什); 多次 after a name is no part of it.
    let x = extract(
        "云南省省长王予波主持开幕式。斯里兰卡总理迪内什·古纳瓦德纳通过视频致辞。托卡耶夫·卡斯木多次表示欢迎。",
    );
    let persons = ids_of(&x, Person);
    for p in [
        "person/王予波",
        "person/迪内什·古纳瓦德纳",
        "person/托卡耶夫·卡斯木",
    ] {
        assert!(persons.contains(&p), "{p}: {persons:?}");
    }
    // 尼军 is an army, 阿克 a piece of 阿克托别, 长沙 in 州长沙哈罗夫 no place; 沙哈罗夫 is the
    // governor.
    let y = extract("吉军总参谋长塔帕出席。中国驻阿克托别总领馆开馆。阿克纠宾州州长沙哈罗夫出席。");
    let persons = ids_of(&y, Person);
    assert!(persons.contains(&"person/沙哈罗夫"), "{persons:?}");
    assert!(!persons.contains(&"person/吉军"), "{persons:?}");
    assert!(
        !ids_of(&y, Country).iter().any(|c| c.contains("阿克")),
        "{:?}",
        ids_of(&y, Country)
    );
    assert!(
        !ids_of(&y, Place).contains(&"place/changsha"),
        "{:?}",
        ids_of(&y, Place)
    );
    let z = extract("王毅赴长沙考察。");
    assert!(
        ids_of(&z, Place).contains(&"place/changsha"),
        "{:?}",
        ids_of(&z, Place)
    );
}

#[test]
fn an_english_ceremony_named_first_and_a_numbered_meeting_on_a_project_are_events() {
    use crate::model::EntityType::Event;
    let x = extract(
        "Chairman Wang Xiaotao attended the Gwadar East Bay Expressway opening ceremony in Gwadar on Thursday.",
    );
    assert!(
        ids_of(&x, Event).contains(&"event/gwadar-east-bay-expressway-opening-ceremony"),
        "{:?}",
        ids_of(&x, Event)
    );
    assert!(
        ends_of(&x, K::Attended, true).contains(&"person/wang-xiaotao"),
        "{:?}",
        rels(&x)
    );
    let y = extract(
        "The sixth JCC meeting on the China-Pakistan Economic Corridor was held in Beijing. The meeting was co-chaired by Chairman Wang Xiaotao and Minister Ahsan Iqbal.",
    );
    let attended = ends_of(&y, K::Attended, true);
    for p in ["person/wang-xiaotao", "person/ahsan-iqbal"] {
        assert!(attended.contains(&p), "{p}: {:?}", rels(&y));
    }
    // An article or generic words before the kind name no ceremony.
    let z = extract("The Opening Ceremony was held. A Signing Ceremony followed.");
    assert!(ids_of(&z, Event).is_empty(), "{:?}", ids_of(&z, Event));
}

#[test]
fn a_partner_with_a_country_and_body_before_its_title_acts_with_the_one_before_tong() {
    let x = extract(
        "11月29日，国务院副总理丁薛祥在阿什哈巴德同吉尔吉斯斯坦内阁副主席梅列多夫共同主持中吉合作委员会第六次会议。",
    );
    let attended = ends_of(&x, K::Attended, true);
    for p in ["person/丁薛祥", "person/梅列多夫"] {
        assert!(attended.contains(&p), "{p}: {:?}", rels(&x));
    }
    // A verb between 同 and the partner makes another clause: the partner acts alone.
    let y = extract(
        "国务院副总理丁薛祥同意邀请吉尔吉斯斯坦内阁副主席梅列多夫共同主持中吉合作委员会第六次会议。",
    );
    assert!(
        !ends_of(&y, K::Attended, true).contains(&"person/丁薛祥"),
        "{:?}",
        rels(&y)
    );
}

#[test]
fn guests_listed_with_their_countries_and_offices_all_attend() {
    let x = extract(
        "中国驻吉尔吉斯斯坦大使馆举行庆祝中华人民共和国成立68周年招待会。吉尔吉斯斯坦国家副主席潘坎·维帕万，吉尔吉斯斯坦外交部部长沙伦赛，吉尔吉斯斯坦国会副主席宋玛出席招待会。",
    );
    let attended = ends_of(&x, K::Attended, true);
    for p in ["person/潘坎·维帕万", "person/沙伦赛", "person/宋玛"] {
        assert!(attended.contains(&p), "{p}: {:?}", rels(&x));
    }
}

#[test]
fn a_chinese_body_named_with_its_country_first_lies_in_it() {
    let x = extract("巴基斯坦商务部部长卡马尔出席。");
    let located: Vec<String> = x
        .relations
        .iter()
        .filter(|r| r.kind == K::LocatedIn)
        .map(|r| format!("{} {}", r.subject, r.object))
        .collect();
    assert!(
        located
            .iter()
            .any(|l| l.ends_with("巴基斯坦商务部 country/pakistan")),
        "{located:?}"
    );
    // A body of two parties or of a country and a region lies in neither.
    let y = extract("中国-巴基斯坦合作论坛举行。中国中亚合作论坛举行。");
    assert!(ends_of(&y, K::LocatedIn, true).is_empty(), "{:?}", rels(&y));
}

#[test]
fn english_guests_listed_with_offices_held_somewhere_and_forms_of_address_all_attend() {
    let x = extract(
        "Dignitaries including Bangladeshi Education Minister Dipu Moni and Chinese Ambassador to Bangladesh Li Jiming, among others, attended the opening ceremony of the 19th Asian Games.",
    );
    let attended = ends_of(&x, K::Attended, true);
    for p in ["person/dipu-moni", "person/li-jiming"] {
        assert!(attended.contains(&p), "{p}: {:?}", rels(&x));
    }
    let y = extract(
        "Speaker Karu Jayasuriya and Chinese Ambassador H.E. Yi Xianliang attended the opening ceremony of the 19th Asian Games.",
    );
    let attended = ends_of(&y, K::Attended, true);
    for p in ["person/karu-jayasuriya", "person/yi-xianliang"] {
        assert!(attended.contains(&p), "{p}: {:?}", rels(&y));
    }
    // Words that are no office between two names join no list.
    let z = extract(
        "Speaker Karu Jayasuriya thanked the people of Sri Lanka and Ambassador Yi Xianliang attended the opening ceremony of the 19th Asian Games.",
    );
    assert!(
        !ends_of(&z, K::Attended, true).contains(&"person/karu-jayasuriya"),
        "{:?}",
        rels(&z)
    );
}

#[test]
fn military_ranks_are_titles_and_upholding_a_principle_supports_it() {
    let x = extract(
        "Senior Colonel Tang Hao signed the certificate. Pakistan firmly upholds the Global Development Initiative.",
    );
    assert!(
        ids_of(&x, crate::model::EntityType::Person).contains(&"person/tang-hao"),
        "{:?}",
        ids_of(&x, crate::model::EntityType::Person)
    );
    assert!(
        ends_of(&x, K::Supports, true).contains(&"country/pakistan"),
        "{:?}",
        rels(&x)
    );
}

#[test]
fn two_numbered_events_held_as_one_are_both_attended() {
    use crate::model::EntityType::Event;
    let x = extract(
        "第6届中国—南亚博览会暨第26届中国昆明进出口商品交易会19日在昆明开幕。云南省委书记王宁、商务部部长助理李飞致辞。",
    );
    let events = ids_of(&x, Event);
    for e in [
        "event/第6届中国-南亚博览会",
        "event/第26届中国昆明进出口商品交易会",
    ] {
        assert!(events.contains(&e), "{e}: {events:?}");
        assert!(
            has(&x, "person/王宁", K::Attended, e),
            "{e}: {:?}",
            rels(&x)
        );
    }
    // Without an ordinal after it, 暨 joins the parts of one name; 及 joins two events.
    let y = extract("第二届中巴政党论坛暨中巴经济走廊政党共商机制会议在伊斯兰堡举行。");
    assert_eq!(
        ids_of(&y, Event),
        ["event/第二届中巴政党论坛暨中巴经济走廊政党共商机制会议"]
    );
    let z = extract("双方举行第19轮军长级会谈及WMCC第28次会议。");
    assert_eq!(ids_of(&z, Event).len(), 2, "{:?}", ids_of(&z, Event));
}

#[test]
fn a_headline_verb_opens_no_event_name_and_the_one_event_of_a_report_is_attended() {
    use crate::model::EntityType::Event;
    let x = extract(
        "Liu Jianchao Attends Launching Ceremony of Gwadar East Bay Hospital\n\nThe ceremony was held today. About 150 people attended the ceremony, including Minister Pampha Bhusal, Ambassador Khalil Hashmi.",
    );
    let events = ids_of(&x, Event);
    assert!(!events.iter().any(|e| e.contains("attends")), "{events:?}");
    assert!(
        events.contains(&"event/launching-ceremony-of-gwadar-east-bay-hospital"),
        "{events:?}"
    );
    let attended = ends_of(&x, K::Attended, true);
    for p in ["person/pampha-bhusal", "person/khalil-hashmi"] {
        assert!(attended.contains(&p), "{p}: {:?}", rels(&x));
    }
    // Two events named before: a bare reference far from both names neither.
    let y = extract(
        "Liu Jianchao Attends Launching Ceremony of Gwadar East Bay Hospital and the 19th Asian Games\n\nThe day was fine.\n\nAbout 150 people attended the ceremony, including Minister Pampha Bhusal.",
    );
    assert!(ends_of(&y, K::Attended, true).is_empty(), "{:?}", rels(&y));
}

#[test]
fn a_partner_with_two_offices_acts_with_the_one_before_tong() {
    let x = extract(
        "2021年12月3日，习近平在北京同吉尔吉斯斯坦人民党中央总书记、国家主席通伦通过视频连线共同出席中吉铁路通车仪式。",
    );
    let attended = ends_of(&x, K::Attended, true);
    for p in ["person/xi-jinping", "person/通伦"] {
        assert!(attended.contains(&p), "{p}: {:?}", rels(&x));
    }
}

#[test]
fn an_english_body_head_of_a_named_body_leads_it_and_a_title_is_no_first_name() {
    let x = extract(
        "Guests included Liu Jianchao, Minister of the Central Military Commission, and Director General of the Central Military Commission Ali Khan.",
    );
    for p in ["person/liu-jianchao", "person/ali-khan"] {
        assert!(
            has(
                &x,
                p,
                K::LeaderOf,
                "organization/central-military-commission"
            ),
            "{p}: {:?}",
            rels(&x)
        );
    }
    let persons = ids_of(&x, crate::model::EntityType::Person);
    assert!(!persons.contains(&"person/general"), "{persons:?}");
    // A minister of a country leads nothing.
    let y = extract("Pampha Bhusal, Minister for Energy of Pakistan, attended.");
    assert!(ends_of(&y, K::LeaderOf, true).is_empty(), "{:?}", rels(&y));
}

#[test]
fn a_family_name_jieba_glues_to_a_titles_last_character_still_starts_the_name() {
    use crate::model::EntityType::Person;
    let x = extract("国家发展和改革委员会主任何立峰主持仪式。");
    assert!(
        ids_of(&x, Person).contains(&"person/何立峰"),
        "{:?}",
        ids_of(&x, Person)
    );
    // A word after a title that no name ends is none.
    let y = extract("办公室主任何时出发。");
    assert!(ids_of(&y, Person).is_empty(), "{:?}", ids_of(&y, Person));
}

#[test]
fn a_series_named_after_one_of_its_editions_is_that_edition() {
    use crate::model::EntityType::Event;
    let x = extract("第6届中国—南亚博览会在昆明开幕。本届中国－南亚博览会由云南省委书记王宁主持。");
    assert_eq!(
        ids_of(&x, Event),
        ["event/第6届中国-南亚博览会"],
        "{:?}",
        x.entities
    );
    // Named before any edition, the series stays the series.
    let y = extract("中国－南亚博览会已举办多届。第6届中国—南亚博览会在昆明开幕。");
    let events = ids_of(&y, Event);
    assert!(
        events.contains(&"event/china-south-asia-expo"),
        "{events:?}"
    );
    assert!(events.contains(&"event/第6届中国-南亚博览会"), "{events:?}");
}

#[test]
fn a_mission_is_one_entity_however_it_is_written_and_lies_where_its_name_says() {
    let org = crate::model::EntityType::Organization;
    let x = extract(
        "中国驻巴基斯坦大使馆举行招待会。驻巴使馆代表出席。The Chinese Embassy in Pakistan said so.",
    );
    assert_eq!(
        ids_of(&x, org),
        vec!["organization/中国驻巴基斯坦大使馆"],
        "{:?}",
        x.entities
    );
    let e = super::rule_tests::entity(&x, org, "中国驻巴基斯坦大使馆").expect("the embassy");
    assert_eq!(e.label_en.as_deref(), Some("Embassy of China in Pakistan"));
    assert!(
        has(
            &x,
            "organization/中国驻巴基斯坦大使馆",
            K::LocatedIn,
            "country/pakistan"
        ),
        "{:?}",
        rels(&x)
    );
    // A sending country before 驻, a host written by one character, a city.
    let y = extract("巴基斯坦驻华大使馆和中国驻卡拉奇总领馆发表声明。");
    let ids = ids_of(&y, org);
    assert!(
        ids.contains(&"organization/巴基斯坦驻中国大使馆"),
        "{ids:?}"
    );
    assert!(
        ids.contains(&"organization/中国驻卡拉奇总领事馆"),
        "{ids:?}"
    );
    assert!(
        has(
            &y,
            "organization/中国驻卡拉奇总领事馆",
            K::LocatedIn,
            "place/karachi"
        ),
        "{:?}",
        rels(&y)
    );
    // The host by one character states no place (驻巴使馆 alone).
    let z = extract("驻巴使馆代表出席。");
    assert!(ids_of(&z, org).contains(&"organization/中国驻巴基斯坦大使馆"));
    assert!(ends_of(&z, K::LocatedIn, true).is_empty(), "{:?}", rels(&z));
}

#[test]
fn no_mission_without_its_kind_nor_in_a_source_cited() {
    let org = crate::model::EntityType::Organization;
    // An ambassador, troops stationed, a website cited, an embassy of no known sender.
    let x = extract(
        "中国驻巴基斯坦大使出席。驻巴部队撤离。\n[1]《姜再冬大使讲话》，中国驻巴基斯坦大使馆网站。\nThe embassy said. Embassy officials attended.",
    );
    assert!(ids_of(&x, org).is_empty(), "{:?}", x.entities);
}

#[test]
fn english_bodies_open_with_their_head_and_start_after_a_persons_name() {
    let org = crate::model::EntityType::Organization;
    let x = extract(
        "He met officials of the Ministry of Foreign Affairs of Pakistan. Supplies came from China's Ministry of National Defense. Wang Xin of Social Welfare Council of Pakistan spoke.",
    );
    let ids = ids_of(&x, org);
    for id in [
        "organization/ministry-of-foreign-affairs-of-pakistan",
        "organization/ministry-of-national-defense-of-china",
        "organization/social-welfare-council-of-pakistan",
    ] {
        assert!(ids.contains(&id), "{id} in {ids:?}");
    }
    assert!(
        has(
            &x,
            "organization/ministry-of-national-defense-of-china",
            K::LocatedIn,
            "country/china"
        ),
        "{:?}",
        rels(&x)
    );
    // A head with generic words and no owner names no particular body; a title after the
    // body ends it.
    let y = extract(
        "The Ministry of Foreign Affairs said so. The Ministry of Foreign Affairs of China Spokesperson Wang Xin spoke.",
    );
    assert_eq!(
        ids_of(&y, org),
        vec!["organization/ministry-of-foreign-affairs-of-china"],
        "{:?}",
        y.entities
    );
}

#[test]
fn a_peoples_body_abroad_is_named_with_its_country_and_lies_there() {
    let org = crate::model::EntityType::Organization;
    let x = extract("The Chinese Enterprises Association in Pakistan attended.");
    assert_eq!(
        ids_of(&x, org),
        vec!["organization/chinese-enterprises-association-in-pakistan"]
    );
    assert!(has(
        &x,
        "organization/chinese-enterprises-association-in-pakistan",
        K::LocatedIn,
        "country/pakistan"
    ));
    // In its own country the place is no part of the name.
    let y = extract("The Chinese Enterprises Association in China attended.");
    assert_eq!(
        ids_of(&y, org),
        vec!["organization/chinese-enterprises-association"]
    );
}

/// An extractor on the test gazetteer with `extra` entries added.
fn with_entries(extra: &str) -> super::Extractor {
    let gaz = format!("{}\n{extra}", super::rule_tests::GAZ);
    super::Extractor::new(
        super::Gazetteer::parse(&gaz, "test gazetteer").unwrap(),
        super::Lexicon::parse(super::BUILTIN_RULES, "rules.toml").unwrap(),
    )
    .unwrap()
}

#[test]
fn a_dateline_names_its_agency_and_no_place_inside_it() {
    use crate::model::EntityType::{Organization, Place};
    let x = extract("新华丝路卡拉奇1月21日电 中国政府援助巴基斯坦紧急粮食项目交接仪式20日举行。");
    assert!(
        ids_of(&x, Organization).contains(&"organization/新华丝路"),
        "{:?}",
        x.entities
    );
    assert_eq!(ids_of(&x, Place), vec!["place/karachi"]);
    // The dateline ends any name after it (日电 is no part of the project's name).
    let projects = ids_of(&x, crate::model::EntityType::Project);
    assert!(projects.iter().all(|p| !p.contains("日电")), "{projects:?}");
    // Words before a date that no known or tagged place ends are no agency.
    let y = extract("双方同意于1月21日电告对方。");
    assert!(ids_of(&y, Organization).is_empty(), "{:?}", y.entities);
}

#[test]
fn a_known_name_glued_to_the_next_word_after_a_title_ends_where_it_ends() {
    let ex = with_entries(
        "[[entity]]\nid = \"person/wang-yi\"\ntype = \"Person\"\nzh = \"王毅\"\nen = \"Wang Yi\"\n",
    );
    let x = super::rule_tests::extract_doc_by(
        &ex,
        "5月15日,国务委员兼外长王毅同巴基斯坦外长库雷希通电话。",
        "测试",
        None,
        &[],
    );
    let persons = ids_of(&x, crate::model::EntityType::Person);
    assert!(persons.contains(&"person/wang-yi"), "{persons:?}");
    assert!(!persons.iter().any(|p| p.contains("王毅同")), "{persons:?}");
}

#[test]
fn a_frames_first_word_is_no_part_of_the_name_it_frames() {
    let persons = |t: &str| {
        let x = extract(t);
        ids_of(&x, crate::model::EntityType::Person)
            .into_iter()
            .map(String::from)
            .collect::<Vec<_>>()
    };
    let p = persons("应温敏总统邀请,习近平主席将对缅甸进行国事访问。");
    assert!(p.contains(&"person/温敏".to_string()), "{p:?}");
    assert!(!p.iter().any(|x| x.contains("应温敏")), "{p:?}");
}

#[test]
fn a_conjunction_glued_to_the_next_word_ends_a_name() {
    let x = extract("双方将推进中巴经济走廊及大项目合作。");
    assert_eq!(
        ids_of(&x, crate::model::EntityType::Project),
        vec!["project/china-pakistan-economic-corridor"]
    );
}

#[test]
fn two_dictionary_words_after_a_country_are_no_place() {
    let x = extract("他表示,中国是巴基斯坦友好邻邦。");
    assert!(
        ids_of(&x, crate::model::EntityType::Place).is_empty(),
        "{:?}",
        x.entities
    );
}

#[test]
fn english_forms_of_address_possessives_and_middle_names_leave_the_known_person() {
    let ex = with_entries(
        "[[entity]]\nid = \"person/pradeep-gyawali\"\ntype = \"Person\"\nzh = \"普拉迪普·贾瓦利\"\nen = \"Pradeep Gyawali\"\n",
    );
    let x = super::rule_tests::extract_doc_by(
        &ex,
        "At the invitation of His Excellency Xi Jinping, President of the People's Republic of China, Foreign Minister Hon. Pradeep Kumar Gyawali visited China. Hon. Gyawali praised President Xi Jinping’s vision.",
        "测试",
        None,
        &[],
    );
    let persons = ids_of(&x, crate::model::EntityType::Person);
    assert_eq!(
        persons,
        vec!["person/pradeep-gyawali", "person/xi-jinping"],
        "{:?}",
        x.entities
    );
    // A known body's words are no person's name (the National People's Congress).
    let npc = with_entries(
        "[[entity]]\nid = \"organization/npc\"\ntype = \"Organization\"\nzh = \"全国人民代表大会\"\nen = \"National People's Congress\"\n",
    );
    let y = super::rule_tests::extract_doc_by(
        &npc,
        "Zhao Leji, Chairman of the Standing Committee of the National People's Congress, spoke.",
        "测试",
        None,
        &[],
    );
    let persons = ids_of(&y, crate::model::EntityType::Person);
    assert!(
        !persons.iter().any(|p| p.contains("congress")),
        "{persons:?}"
    );
}

#[test]
fn an_event_described_without_a_name_is_one_its_guests_attend() {
    let x = extract(
        "Newly appointed Chinese ambassador to Karachi, Wang Xin, said both sides are partners. Wang Xin made these remarks during a reception at the Chinese Embassy in Pakistan. General Ali Raza also graced the reception.",
    );
    let events = ids_of(&x, crate::model::EntityType::Event);
    assert_eq!(
        events,
        vec!["event/reception-at-the-chinese-embassy-in-pakistan"],
        "{:?}",
        x.entities
    );
    for p in ["person/wang-xin", "person/ali-raza"] {
        assert!(has(&x, p, K::Attended, events[0]), "{p}: {:?}", rels(&x));
    }
    // With an event named before, a definite article refers to it and introduces none;
    // without one, it introduces the event.
    let y = extract(
        "The opening ceremony of the Karakoram Highway was held. The reception at the Chinese Embassy in Pakistan was warm.",
    );
    assert_eq!(
        ids_of(&y, crate::model::EntityType::Event).len(),
        1,
        "{:?}",
        y.entities
    );
    let z = extract(
        "About 200 guests including General Ali Raza attended the reception at the Chinese Embassy in Pakistan.",
    );
    let events = ids_of(&z, crate::model::EntityType::Event);
    assert_eq!(
        events,
        vec!["event/reception-at-the-chinese-embassy-in-pakistan"],
        "{:?}",
        z.entities
    );
    assert!(
        has(&z, "person/ali-raza", K::Attended, events[0]),
        "{:?}",
        rels(&z)
    );
}

#[test]
fn english_meetings_worded_with_had_or_official_talks_are_met() {
    let x = extract(
        "President Asif Ali Zardari held official bilateral talks with President Xi Jinping, and had meetings with Wang Xin, Chairman of the Council.",
    );
    let met = ends_of(&x, K::Met, false);
    assert!(met.contains(&"person/xi-jinping"), "{:?}", rels(&x));
    assert!(met.contains(&"person/wang-xin"), "{:?}", rels(&x));
}

#[test]
fn an_owner_before_a_possessive_is_no_subject_and_a_known_short_form_runs_on_to_the_full_name() {
    let ex = with_entries(
        "[[entity]]\nid = \"country/nepal\"\ntype = \"Country\"\nzh = \"尼泊尔\"\nen = \"Nepal\"\n\n[[entity]]\nid = \"person/ali-khan\"\ntype = \"Person\"\nzh = \"阿里·汗\"\nen = \"Ali Khan\"\naliases_en = [\"President Ali\"]\n",
    );
    let run = |t: &str| super::rule_tests::extract_doc_by(&ex, t, "测试", None, &[]);
    let x = run(
        "Nepal appreciates President Ali Khan’s vision and supports the Belt and Road Initiative.",
    );
    assert_eq!(
        ends_of(&x, K::Supports, true),
        vec!["country/nepal"],
        "{:?}",
        rels(&x)
    );
    // The short form alone is still the person.
    let y = run("President Ali supports the Belt and Road Initiative.");
    assert_eq!(
        ends_of(&y, K::Supports, true),
        vec!["person/ali-khan"],
        "{:?}",
        rels(&y)
    );
}

#[test]
fn a_mission_speaking_through_its_website_in_a_sentence_is_named() {
    let x = extract("中国驻巴基斯坦大使馆网站发布消息称，大使会见了客人。");
    assert_eq!(
        ids_of(&x, crate::model::EntityType::Organization),
        vec!["organization/中国驻巴基斯坦大使馆"]
    );
}

#[test]
fn a_person_opening_a_sentence_set_at_an_event_attended_it() {
    let x = extract(
        "The Karot HPP COD Ceremony was held on Wednesday. At the ceremony, Dr. Ali Raza, Acting Managing Director of the Board, extended thanks.",
    );
    let events = ids_of(&x, crate::model::EntityType::Event);
    assert_eq!(events.len(), 1, "{:?}", x.entities);
    assert!(
        has(&x, "person/ali-raza", K::Attended, events[0]),
        "{:?}",
        rels(&x)
    );
    let y = extract("巴基斯坦驻华大使馆举行新年招待会。在招待会上，侯艳琪大使表示，两国是好朋友。");
    let events = ids_of(&y, crate::model::EntityType::Event);
    assert!(
        has(&y, "person/侯艳琪", K::Attended, events[0]),
        "{:?}",
        rels(&y)
    );
    // A sentence set at a place, or naming no event, states no attendance.
    let z = extract("At the embassy, Dr. Ali Raza extended thanks. 在会见中，侯艳琪大使表示感谢。");
    assert!(ends_of(&z, K::Attended, true).is_empty(), "{:?}", rels(&z));
}

#[test]
fn an_english_project_under_a_corridor_is_part_of_it_and_its_short_form_is_the_same() {
    let x = extract(
        "Karot Hydropower Project, the first hydropower investment project under the China-Pakistan Economic Corridor (CPEC), is in operation. Karot Project will provide electricity.",
    );
    let projects = ids_of(&x, crate::model::EntityType::Project);
    assert_eq!(projects.len(), 2, "{projects:?}");
    let karot = projects
        .iter()
        .find(|p| p.contains("karot"))
        .expect("the Karot project");
    assert!(
        has(
            &x,
            karot,
            K::PartOf,
            "project/china-pakistan-economic-corridor"
        ),
        "{:?}",
        rels(&x)
    );
}

#[test]
fn a_communique_headed_by_its_title_and_date_is_issued_by_both_parties() {
    let heading = "Joint Press Communiqué between the Islamic Republic of Pakistan and the People's Republic of China: 11 January 2024, Beijing";
    let x = extract_doc(
        &format!("{heading}\n1. The two sides held talks."),
        heading,
        None,
        &[],
    );
    let docs = ids_of(&x, crate::model::EntityType::Document);
    assert_eq!(docs.len(), 1, "{:?}", x.entities);
    let mut issuers = ends_of(&x, K::Issued, true);
    issuers.sort();
    assert_eq!(
        issuers,
        vec!["country/china", "country/pakistan"],
        "{:?}",
        rels(&x)
    );
}

#[test]
fn a_briefing_is_an_event_and_a_party_before_a_word_for_people_does_not_act() {
    let x = extract("大使馆举行中巴务实合作成果吹风会。大使姜再冬与部分中方企业代表出席活动。");
    let events = ids_of(&x, crate::model::EntityType::Event);
    assert_eq!(
        events,
        vec!["event/中巴务实合作成果吹风会"],
        "{:?}",
        x.entities
    );
    assert!(
        has(&x, "person/姜再冬", K::Attended, events[0]),
        "{:?}",
        rels(&x)
    );
    assert!(
        !has(&x, "country/china", K::Attended, events[0]),
        "{:?}",
        rels(&x)
    );
    // The party itself acting stays the actor.
    let y = extract("中方积极参与“一带一路”合作倡议。");
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
fn a_title_inside_a_longer_word_refers_to_no_one() {
    // 大使 in 大使馆 is no reference to the ambassador named before.
    let x = extract(
        "大使王福康在伊斯兰堡举办2016年春节招待会。各界友好人士以及大使馆全体馆员约150人出席了招待会。",
    );
    assert!(
        ids_of(&x, crate::model::EntityType::Person).contains(&"person/王福康"),
        "{:?}",
        x.entities
    );
    let attendees = ends_of(&x, K::Attended, true);
    assert!(!attendees.contains(&"person/王福康"), "{:?}", rels(&x));
}

#[test]
fn a_short_form_defined_inside_a_name_is_no_part_of_its_label() {
    let x = extract("中巴经济走廊联合合作委员会(以下简称“联委会”)第九次会议在伊斯兰堡举行。");
    let events = ids_of(&x, crate::model::EntityType::Event);
    assert_eq!(
        events,
        vec!["event/中巴经济走廊联合合作委员会第九次会议"],
        "{:?}",
        x.entities
    );
}

#[test]
fn a_department_keeps_its_country_by_abbreviation_after_a_glued_conjunction() {
    let x = extract("巴外交学院院长兼巴外交部亚洲司司长出席。");
    let orgs = ids_of(&x, crate::model::EntityType::Organization);
    assert!(orgs.contains(&"organization/巴外交部亚洲司"), "{orgs:?}");
    assert!(!orgs.iter().any(|o| o.contains("兼")), "{orgs:?}");
}

#[test]
fn words_in_brackets_finish_an_english_events_name_but_an_abbreviation_does_not() {
    let x = extract(
        "The launching ceremony of Pakistan Smiling Children Project (Food Distribution) was held. The Karachi Expo (KE) opened.",
    );
    let events = ids_of(&x, crate::model::EntityType::Event);
    assert!(
        events.contains(
            &"event/launching-ceremony-of-pakistan-smiling-children-project-food-distribution"
        ),
        "{events:?}"
    );
    assert!(events.contains(&"event/karachi-expo"), "{events:?}");
}

#[test]
fn the_heads_of_two_delegations_met_and_attended_the_meeting() {
    let x = extract(
        "中巴边界问题专家组第十二次会议在伊斯兰堡举行。中方代表团由外交部边界与海洋事务司司长洪亮率领,巴方代表团由巴外交部附加秘书阿里·汗率领。",
    );
    let persons = ids_of(&x, crate::model::EntityType::Person);
    assert_eq!(persons.len(), 2, "{persons:?}");
    assert!(
        has(&x, persons[0], K::Met, persons[1]) || has(&x, persons[1], K::Met, persons[0]),
        "{:?}",
        rels(&x)
    );
    let events = ids_of(&x, crate::model::EntityType::Event);
    for p in &persons {
        assert!(has(&x, p, K::Attended, events[0]), "{p}: {:?}", rels(&x));
    }
    // One delegation's head meets no one.
    let y = extract("中巴边界问题专家组第十二次会议在伊斯兰堡举行。中方代表团由司长洪亮率领。");
    assert!(ends_of(&y, K::Met, true).is_empty(), "{:?}", rels(&y));
}

#[test]
fn a_name_before_a_countrys_possessive_title_and_a_trans_name_are_found() {
    let x = extract("Ali Raza, Pakistan's Minister of Culture, attended the ceremony.");
    assert!(
        ids_of(&x, crate::model::EntityType::Person).contains(&"person/ali-raza"),
        "{:?}",
        x.entities
    );
    let y = extract("双方将推动跨喀喇昆仑国际运输走廊建设。");
    assert!(
        ids_of(&y, crate::model::EntityType::Project)
            .iter()
            .any(|p| p.contains("跨喀喇昆仑")),
        "{:?}",
        y.entities
    );
}

#[test]
fn a_ceremony_named_with_its_verb_is_an_event_and_an_office_is_no_plan() {
    let x = extract(
        "巴基斯坦总理夏巴兹出席喀喇昆仑公路开通仪式。出席仪式的还有巴基斯坦计划部长伊克巴尔等。",
    );
    let events = ids_of(&x, crate::model::EntityType::Event);
    assert_eq!(
        events,
        vec!["event/喀喇昆仑公路开通仪式"],
        "{:?}",
        x.entities
    );
    assert!(
        has(&x, "person/shehbaz-sharif", K::Attended, events[0]),
        "{:?}",
        rels(&x)
    );
    assert!(
        ids_of(&x, crate::model::EntityType::Initiative).is_empty(),
        "{:?}",
        x.entities
    );
    // A body before a title is still a body.
    let y = extract("巴基斯坦商务部部长出席。");
    assert!(
        !ids_of(&y, crate::model::EntityType::Organization).is_empty(),
        "{:?}",
        y.entities
    );
}

#[test]
fn an_agents_office_with_link_words_may_stand_after_by() {
    let x = extract(
        "The opening ceremony of the Karakoram Highway was held. The ceremony was attended by Federal Minister for Planning Ali Raza and other officials.",
    );
    let events = ids_of(&x, crate::model::EntityType::Event);
    assert!(
        has(&x, "person/ali-raza", K::Attended, events[0]),
        "{:?}",
        rels(&x)
    );
}

#[test]
fn the_place_a_numbered_meeting_was_held_in_is_no_part_of_its_name() {
    let x = extract(
        "Ali Raza and Wang Xin co-chaired the 6th meeting of the Joint Committee in Karachi.",
    );
    assert_eq!(
        ids_of(&x, crate::model::EntityType::Event),
        vec!["event/6th-meeting-of-the-joint-committee"],
        "{:?}",
        x.entities
    );
    // A place that is no known one stays (… in Asia Pacific is the name's own).
    let y = extract("He attended the 3rd meeting of the Forum in Asia Minor.");
    assert!(
        ids_of(&y, crate::model::EntityType::Event)
            .iter()
            .any(|e| e.ends_with("in-asia-minor")),
        "{:?}",
        y.entities
    );
}

#[test]
fn those_a_sentence_of_presence_names_attended_the_event() {
    let x = extract(
        "The opening ceremony of the Karakoram Highway was held. Present on the occasion were Federal Minister Ali Raza and Ambassador Wang Xin.",
    );
    let events = ids_of(&x, crate::model::EntityType::Event);
    for p in ["person/ali-raza", "person/wang-xin"] {
        assert!(has(&x, p, K::Attended, events[0]), "{p}: {:?}", rels(&x));
    }
    // Presence with no event named states nothing.
    let y =
        extract("Present on the occasion were Federal Minister Ali Raza and Ambassador Wang Xin.");
    assert!(ends_of(&y, K::Attended, true).is_empty(), "{:?}", rels(&y));
}

#[test]
fn a_past_office_leads_nothing_and_the_office_before_it_still_does() {
    let ex = with_entries(
        "[[entity]]\nid = \"person/abbasi\"\ntype = \"Person\"\nzh = \"阿巴西\"\nen = \"Abbasi\"\n[[entity.roles]]\nrole = \"总理\"\nof = \"country/pakistan\"\nfrom = \"2017-08\"\nto = \"2018-05\"\n\n[[entity]]\nid = \"organization/pml-n\"\ntype = \"Organization\"\nzh = \"穆斯林联盟\"\nen = \"PML-N\"\n",
    );
    let run = |t: &str| super::rule_tests::extract_doc_by(&ex, t, "测试", None, &[]);
    let x = run("穆斯林联盟主席、前总理阿巴西出席招待会。");
    assert!(
        !has(&x, "person/abbasi", K::LeaderOf, "country/pakistan"),
        "{:?}",
        rels(&x)
    );
    assert!(
        has(&x, "person/abbasi", K::LeaderOf, "organization/pml-n"),
        "{:?}",
        rels(&x)
    );
}

#[test]
fn a_head_count_before_attending_closes_a_list_of_guests() {
    let x = extract(
        "使馆举行新年暨王福康大使到任招待会。巴副总统阿里·汗,巴外长库雷希以及各界友好人士等400余人出席招待会。",
    );
    let events = ids_of(&x, crate::model::EntityType::Event);
    assert_eq!(
        events,
        vec!["event/新年暨王福康大使到任招待会"],
        "{:?}",
        x.entities
    );
    let attendees = ends_of(&x, K::Attended, true);
    assert!(attendees.contains(&"person/阿里·汗"), "{:?}", rels(&x));
    assert!(attendees.contains(&"person/库雷希"), "{:?}", rels(&x));
    // A head count of another verb names no guests.
    let y = extract("使馆举行新年暨王福康大使到任招待会。巴副总统阿里·汗表示,约400人将访问中国。");
    assert!(ends_of(&y, K::Attended, true).is_empty(), "{:?}", rels(&y));
}

#[test]
fn an_english_word_of_appreciation_is_support() {
    let x = extract("Pakistan highly appreciated the Belt and Road Initiative.");
    assert!(
        has(
            &x,
            "country/pakistan",
            K::Supports,
            "initiative/belt-and-road-initiative"
        ),
        "{:?}",
        rels(&x)
    );
    // Appreciating a person states no support of anything.
    let y = extract("Pakistan appreciated Wang Xin for his work.");
    assert!(ends_of(&y, K::Supports, true).is_empty(), "{:?}", rels(&y));
}

#[test]
fn a_name_clipped_to_its_first_character_and_suffix_is_the_name_the_text_gave_in_full() {
    let ex = with_entries(
        "[[entity]]\nid = \"project/hambantota-port\"\ntype = \"Project\"\nzh = \"汉班托塔港\"\nen = \"Hambantota Port\"\n",
    );
    let run = |text: &str| super::rule_tests::extract_doc_by(&ex, text, "测试", None, &[]);
    let x = run("汉班托塔港是重要项目。斯方支持汉港建设，愿推进汉港项目合作。");
    assert_eq!(
        ids_of(&x, crate::model::EntityType::Project),
        vec!["project/hambantota-port"],
        "{:?}",
        x.entities
    );
    // Without the full name in the text the clipped form stands for nothing known.
    let y = run("斯方支持汉港建设。");
    assert!(
        !ids_of(&y, crate::model::EntityType::Project).contains(&"project/hambantota-port"),
        "{:?}",
        y.entities
    );
    // Words a suffix ends (该港, 本港) are no clipped names.
    let z = run("汉班托塔港是重要项目。本港运营良好，该港吞吐量增加。");
    assert_eq!(
        ids_of(&z, crate::model::EntityType::Project),
        vec!["project/hambantota-port"],
        "{:?}",
        z.entities
    );
}

#[test]
fn a_name_of_two_parties_lies_in_neither() {
    let x = extract("双方在建立中国-东盟自贸区方面密切协调。推进巴基斯坦1号铁路干线升级改造项目。");
    let located = rels(&x)
        .into_iter()
        .filter(|r| r.contains(" locatedIn "))
        .collect::<Vec<_>>();
    assert!(!located.iter().any(|r| r.contains("东盟")), "{located:?}");
    // A name opening with one country still lies in it.
    assert!(
        located.iter().any(|r| r.contains("country/pakistan")),
        "{located:?}"
    );
}

#[test]
fn a_name_that_owns_the_noun_after_it_acts_in_no_clause() {
    let x = extract(
        "第6届中国-南亚博览会在昆明开幕。全国人大常委会副委员长张春贤出席开幕式，宣读习近平主席贺信并致辞。",
    );
    let attendees = ends_of(&x, K::Attended, true);
    assert!(attendees.contains(&"person/张春贤"), "{:?}", rels(&x));
    assert!(!attendees.contains(&"person/xi-jinping"), "{:?}", rels(&x));
    // The owner named with 的 acts in no clause either; a subject without one still does.
    let y = extract("第6届中国-南亚博览会在昆明开幕。习近平主席的贺信在开幕式上宣读，张春贤致辞。");
    assert!(
        !ends_of(&y, K::Attended, true).contains(&"person/xi-jinping"),
        "{:?}",
        rels(&y)
    );
    let z = extract("第6届中国-南亚博览会在昆明开幕。习近平主席出席开幕式并致辞。");
    assert!(
        ends_of(&z, K::Attended, true).contains(&"person/xi-jinping"),
        "{:?}",
        rels(&z)
    );
}

#[test]
fn a_body_before_its_partners_does_not_act() {
    let x = extract(
        "各方就加强上合组织对话伙伴参与本组织各领域活动、深化落实《上合组织成员国加强同对话伙伴合作路线图》等议题交换了意见。",
    );
    assert!(ends_of(&x, K::Supports, true).is_empty(), "{:?}", rels(&x));
}

#[test]
fn a_forum_the_text_says_took_place_is_an_event_and_a_standing_one_a_body() {
    use crate::model::EntityType::{Event, Organization};
    let x = extract("双方同意，乌兹别克斯坦-中国商务论坛在西安举行。");
    assert!(
        ids_of(&x, Event).contains(&"event/乌兹别克斯坦-中国商务论坛"),
        "{:?}",
        x.entities
    );
    let y = extract("Later, the Third Pakistan-China Think Tanks Forum was held in Islamabad.");
    assert!(
        ids_of(&y, Event).contains(&"event/third-pakistan-china-think-tanks-forum"),
        "{:?}",
        y.entities
    );
    // A forum as a framework, and the forum inside a numbered edition, are bodies.
    let z = extract("双方在中巴政党论坛框架下加强交流。2026年在中国举办第二届中巴政党论坛。");
    assert!(
        ids_of(&z, Organization).contains(&"organization/中巴政党论坛"),
        "{:?}",
        z.entities
    );
    assert!(
        !ids_of(&z, Event).contains(&"event/中巴政党论坛"),
        "{:?}",
        z.entities
    );
}

/// The persons `ex` finds in `text`, dated 2019.
fn persons_in_2019(ex: &super::Extractor, text: &str) -> Vec<String> {
    let x = super::rule_tests::extract_doc_by(
        ex,
        text,
        "测试",
        Some(crate::model::FactDate::Year(2019)),
        &[],
    );
    ids_of(&x, crate::model::EntityType::Person)
        .into_iter()
        .map(str::to_string)
        .collect()
}

#[test]
fn a_past_office_finds_the_known_person_who_held_it_before_the_date() {
    let ex = with_entries(
        "[[entity]]\nid = \"person/sher-deuba\"\ntype = \"Person\"\nzh = \"谢尔·德乌帕\"\nen = \"Sher Deuba\"\n[[entity.roles]]\nrole = \"总理\"\nof = \"country/pakistan\"\nfrom = \"2017-06\"\nto = \"2018-02\"\n\n[[entity]]\nid = \"person/arzu-deuba\"\ntype = \"Person\"\nzh = \"阿尔祖·德乌帕\"\nen = \"Arzu Deuba\"\n[[entity.roles]]\nrole = \"外长\"\nof = \"country/pakistan\"\nfrom = \"2023-01\"\n",
    );
    let persons_in = |text: &str| persons_in_2019(&ex, text);
    let persons = persons_in("大会党主席、前总理德乌帕出席招待会。");
    assert!(
        persons.iter().any(|p| p == "person/sher-deuba"),
        "{persons:?}"
    );
    // Without 前 the office must be held at the date: no one held it in 2019.
    let persons = persons_in("总理德乌帕出席招待会。");
    assert!(
        !persons.iter().any(|p| p == "person/sher-deuba"),
        "{persons:?}"
    );
}

#[test]
fn a_foreign_official_sharing_a_known_name_part_is_new_when_the_known_one_held_no_such_office() {
    let ex = with_entries(
        "[[entity]]\nid = \"person/ram-yadav\"\ntype = \"Person\"\nzh = \"拉姆·亚达夫\"\nen = \"Ram Yadav\"\n[[entity.roles]]\nrole = \"总统\"\nof = \"country/pakistan\"\nfrom = \"2008-07\"\nto = \"2015-10\"\n",
    );
    let persons_in = |text: &str| persons_in_2019(&ex, text);
    let persons =
        persons_in("尼副总统普恩,副总理兼卫生与人口部长亚达夫,总检察长卡瑞尔出席招待会。");
    for found in ["person/亚达夫", "person/卡瑞尔"] {
        assert!(persons.iter().any(|p| p == found), "{persons:?}");
    }
    assert!(
        !persons.iter().any(|p| p == "person/ram-yadav"),
        "{persons:?}"
    );
    // Under the known person's own office the name is theirs.
    let persons = persons_in("前总统亚达夫出席招待会。");
    assert!(!persons.iter().any(|p| p == "person/亚达夫"), "{persons:?}");
}

#[test]
fn who_addresses_the_one_reported_occasion_attended_it_and_a_family_name_before_a_title_is_the_named_person()
 {
    let x = extract(
        "使馆举行新年暨侯艳琪大使到任招待会。尼副总统普恩出席招待会。侯大使在致辞中表示,两国是友好邻邦。古巴驻华大使佩雷拉在致辞中表示,两国是好朋友。",
    );
    let attendees = ends_of(&x, K::Attended, true);
    assert!(attendees.contains(&"person/侯艳琪"), "{:?}", rels(&x));
    assert!(attendees.contains(&"person/佩雷拉"), "{:?}", rels(&x));
    // Two occasions attended: a speech belongs to neither for sure.
    let y = extract(
        "使馆举行新年招待会。尼副总统普恩出席招待会。随后,第三届伊塞克湖经济论坛开幕,吉外长卡扎克巴耶夫出席论坛。古巴驻华大使佩雷拉在致辞中表示,两国是好朋友。",
    );
    assert!(
        !ends_of(&y, K::Attended, true).contains(&"person/佩雷拉"),
        "{:?}",
        rels(&y)
    );
    // A family name no one in the text bears refers to no one.
    let z =
        extract("使馆举行新年招待会。尼副总统普恩出席招待会。王大使在致辞中表示,两国是好朋友。");
    assert!(
        !ids_of(&z, crate::model::EntityType::Person)
            .iter()
            .any(|p| p.starts_with("person/王")),
        "{:?}",
        z.entities
    );
}

#[test]
fn a_country_in_the_tail_of_a_guest_list_hides_none_of_the_persons_listed_before_it() {
    let x = extract(
        "第三届伊塞克湖经济论坛在乔蓬阿塔市举行。大使齐大愚、巴总理阿巴西以及来自中国陕西的企业代表团出席论坛。",
    );
    let attendees = ends_of(&x, K::Attended, true);
    assert!(attendees.contains(&"person/齐大愚"), "{:?}", rels(&x));
    assert!(attendees.contains(&"person/阿巴西"), "{:?}", rels(&x));
    assert!(!attendees.contains(&"country/china"), "{:?}", rels(&x));
}

#[test]
fn a_foreign_name_ends_before_yiji_and_sound_characters_carry_it_whole() {
    let persons = |text: &str| {
        let x = extract(text);
        ids_of(&x, crate::model::EntityType::Person)
            .into_iter()
            .map(str::to_string)
            .collect::<Vec<_>>()
    };
    assert_eq!(
        persons("论坛举行。前秘书长伊玛纳利耶夫以及企业代表出席论坛。"),
        vec!["person/伊玛纳利耶夫"]
    );
    assert_eq!(
        persons("论坛举行。巴经济部长科若舍夫出席论坛。"),
        vec!["person/科若舍夫"]
    );
}

#[test]
fn a_plans_word_before_a_bodys_name_makes_no_plan_and_aid_projects_keep_yuan() {
    use crate::model::EntityType::{Event, Initiative};
    let x = extract("老挝计划投资部部长坎坚、参赞赵文宇出席仪式。");
    assert!(ids_of(&x, Initiative).is_empty(), "{:?}", x.entities);
    let y =
        extract("援老挝农村扶贫设施建设项目二期开工仪式在琅勃拉邦市举办。参赞赵文宇出席并致辞。");
    let events = ids_of(&y, Event);
    assert_eq!(
        events,
        vec!["event/援老挝农村扶贫设施建设项目二期开工仪式"],
        "{:?}",
        y.entities
    );
    assert!(
        has(&y, "person/赵文宇", K::Attended, events[0]),
        "{:?}",
        rels(&y)
    );
    // A plan's own name stays one (中巴经济走廊远景规划 stays a plan).
    let z = extract("双方签署《中巴经济走廊远景规划》并成立联委会。");
    assert!(
        !ids_of(&z, crate::model::EntityType::Document).is_empty(),
        "{:?}",
        z.entities
    );
}

#[test]
fn an_english_ceremony_described_with_what_it_is_for_is_an_event_and_its_guests_attend_it() {
    use crate::model::EntityType::{Event, Person};
    let x = extract(
        "The opening ceremony of the renovated center of Chinese language and culture at Kyrgyz-Russian Slavic University was held here on Tuesday. The ceremony was attended by Chinese Ambassador Du Dewen, KRSU's Acting Rector Denis Fomin-Nilov, as well as teachers. At the event, Ambassador Du delivered a lecture.",
    );
    let events = ids_of(&x, Event);
    assert_eq!(events.len(), 1, "{:?}", x.entities);
    assert!(
        events[0].starts_with("event/opening-ceremony-of-the-renovated-center"),
        "{events:?}"
    );
    let persons = ids_of(&x, Person);
    assert_eq!(
        persons,
        vec!["person/denis-fomin-nilov", "person/du-dewen"],
        "{:?}",
        x.entities
    );
    let attendees = ends_of(&x, K::Attended, true);
    assert!(attendees.contains(&"person/du-dewen"), "{:?}", rels(&x));
    assert!(
        attendees.contains(&"person/denis-fomin-nilov"),
        "{:?}",
        rels(&x)
    );
    // A family name alone stands for the Chinese name it opens, not for a name it ends.
    let y = extract(
        "Ambassador Wang Li met Prime Minister Ahmed Wang. Wang said the talks went well at the ceremony.",
    );
    assert!(
        !ids_of(&y, Person).contains(&"person/wang"),
        "{:?}",
        y.entities
    );
}

#[test]
fn an_english_verb_after_and_shares_the_sentences_subject_and_the_one_it_was_held_with_attends() {
    let x = extract(
        "On April 18, 2017, Vice Premier Zhang Gaoli met in Astana with President Nursultan Nazarbayev and Prime Minister Bakytzhan Sagintaev of Kazakhstan, and held the 8th Meeting of China-Kazakhstan Cooperation Committee with First Deputy Prime Minister Askar Mamin.",
    );
    let attendees = ends_of(&x, K::Attended, true);
    assert!(
        attendees.iter().any(|a| a.contains("zhang-gaoli")),
        "{:?}",
        rels(&x)
    );
    assert!(
        attendees.iter().any(|a| a.contains("askar-mamin")),
        "{:?}",
        rels(&x)
    );
    assert!(
        !attendees.iter().any(|a| a.contains("nazarbayev")),
        "{:?}",
        rels(&x)
    );
    assert!(
        !attendees.iter().any(|a| a.contains("sagintaev")),
        "{:?}",
        rels(&x)
    );
    // The meeting being held states no one's attendance.
    let y =
        extract("The 8th Meeting of China-Kazakhstan Cooperation Committee was held in Astana.");
    assert!(ends_of(&y, K::Attended, true).is_empty(), "{:?}", rels(&y));
}

#[test]
fn an_event_named_with_its_parties_in_full_and_by_their_abbreviations_is_one() {
    let x = extract(
        "大使出席中巴建交30周年研讨会。2021年10月8日,大使李明出席在伊斯兰堡举办的中国与巴基斯坦建交30周年研讨会。",
    );
    assert_eq!(
        ids_of(&x, crate::model::EntityType::Event),
        vec!["event/中巴建交30周年研讨会"],
        "{:?}",
        x.entities
    );
}

#[test]
fn a_festival_with_its_motto_is_one_event_and_its_guests_listed_before_officials_attend() {
    use crate::model::EntityType::{Event, Person};
    let x = extract(
        "“感知中国”——中国内蒙古文化旅游周系列活动5日在乌兰巴托开幕。中国内蒙古自治区党委常委、宣传部部长白玉刚，中国驻巴基斯坦大使邢海明，国务院新闻办公室副局长凌厉等中巴两国官员及各方代表出席了开幕式。",
    );
    let events = ids_of(&x, Event);
    assert_eq!(
        events,
        vec!["event/感知中国--中国内蒙古文化旅游周系列活动"],
        "{:?}",
        x.entities
    );
    let persons = ids_of(&x, Person);
    assert!(!persons.contains(&"person/宣传部"), "{persons:?}");
    let attendees = ends_of(&x, K::Attended, true);
    for p in ["person/白玉刚", "person/邢海明", "person/凌厉"] {
        assert!(attendees.contains(&p), "{p}: {:?}", rels(&x));
    }
    // A generic book fair is no event's name.
    let y = extract("积极参加对方国家举办的国际书展。");
    assert!(ids_of(&y, Event).is_empty(), "{:?}", y.entities);
}

#[test]
fn places_listed_after_one_in_a_country_share_its_subdivision_and_country() {
    let x = extract("将为老挝丰沙里省、琅南塔省、乌多姆赛省和华潘省的40个村建设供电设施。");
    let located = ends_of(&x, K::LocatedIn, true);
    for p in [
        "place/丰沙里省",
        "place/琅南塔省",
        "place/乌多姆赛省",
        "place/华潘省",
    ] {
        assert!(located.contains(&p), "{p}: {:?}", rels(&x));
    }
    // Items not ending like the first are no places of that list.
    let y = extract("将为老挝丰沙里省、各村和学校建设供电设施。");
    assert_eq!(
        ids_of(&y, crate::model::EntityType::Place),
        vec!["place/丰沙里省"],
        "{:?}",
        y.entities
    );
}

#[test]
fn the_head_of_a_university_leads_it() {
    let x = extract("比什凯克国立大学校长穆萨耶夫出席研讨会。");
    assert!(
        has(
            &x,
            "person/穆萨耶夫",
            K::LeaderOf,
            "organization/比什凯克国立大学"
        ),
        "{:?}",
        rels(&x)
    );
    // A deputy head leads nothing.
    let y = extract("比什凯克国立大学副校长穆萨耶夫出席研讨会。");
    assert!(ends_of(&y, K::LeaderOf, true).is_empty(), "{:?}", rels(&y));
}

#[test]
fn an_english_ceremony_held_for_a_purpose_is_an_event_and_who_addresses_it_attends() {
    let x = extract(
        "HAVANA, Dec. 15 (Xinhua) -- A delivery ceremony for Chinese donations to reinforce Cuba's response to the COVID-19 pandemic was held here on Wednesday.\nAddressing the ceremony at the building of the Cuban Ministry of Public Health, Chinese Ambassador to Cuba Ma Hui said the ties are good.",
    );
    let events = ids_of(&x, crate::model::EntityType::Event);
    assert_eq!(events.len(), 1, "{:?}", x.entities);
    assert!(
        events[0].starts_with("event/delivery-ceremony-for-chinese-donations"),
        "{events:?}"
    );
    assert!(
        has(&x, "person/ma-hui", K::Attended, events[0]),
        "{:?}",
        rels(&x)
    );
    // A ceremony no sentence says was held is no event of its own.
    let y = extract("A delivery ceremony for Chinese donations is planned.");
    assert!(
        ids_of(&y, crate::model::EntityType::Event).is_empty(),
        "{:?}",
        y.entities
    );
}

#[test]
fn a_modal_word_opening_a_bodys_name_says_nothing_of_what_will_be() {
    let text = |office: &str| {
        format!("援老挝项目二期开工仪式于12月11日在琅勃拉邦市举办。{office}坎坚出席并致辞。")
    };
    let x = extract(&text("计划投资部部长"));
    assert_eq!(
        ends_of(&x, K::Attended, true),
        vec!["person/坎坚"],
        "{:?}",
        rels(&x)
    );
    // A plan to attend is no attendance.
    let y = extract("援老挝项目二期开工仪式于12月11日在琅勃拉邦市举办。外长坎坚计划出席。");
    assert!(ends_of(&y, K::Attended, true).is_empty(), "{:?}", rels(&y));
}

#[test]
fn a_countrys_first_character_is_its_abbreviation_in_a_text_that_names_no_other_such_country() {
    // Two known persons share the name 阿里 (so only the rule for foreign officials decides).
    let ex = with_entries(
        "[[entity]]\nid = \"country/maldives\"\ntype = \"Country\"\nzh = \"马尔代夫\"\nen = \"Maldives\"\n\n[[entity]]\nid = \"person/ali-a\"\ntype = \"Person\"\nzh = \"阿里·甲\"\nen = \"Ali A\"\n\n[[entity]]\nid = \"person/ali-b\"\ntype = \"Person\"\nzh = \"阿里·乙\"\nen = \"Ali B\"\n",
    );
    let run = |text: &str| super::rule_tests::extract_doc_by(&ex, text, "测试", None, &[]);
    let guests = "马外交部长杜妮亚、外秘阿里出席了招待会。";
    let x = run(&format!("驻马尔代夫大使王福康举办春节招待会。{guests}"));
    let persons = ids_of(&x, crate::model::EntityType::Person);
    assert!(persons.contains(&"person/阿里"), "{persons:?}");
    // Without the country named, 马 stands for no country, and a two-character name after a
    // title of no known country is too unsure.
    let y = run(&format!("大使王福康举办春节招待会。{guests}"));
    let persons = ids_of(&y, crate::model::EntityType::Person);
    assert!(!persons.contains(&"person/阿里"), "{persons:?}");
}

#[test]
fn an_aid_verb_after_an_attending_verb_opens_the_ceremonys_name() {
    let x = extract("大使姜岩出席援助巴基斯坦海关设备交接仪式。");
    assert_eq!(
        ids_of(&x, crate::model::EntityType::Event),
        vec!["event/援助巴基斯坦海关设备交接仪式"],
        "{:?}",
        x.entities
    );
    // After a common noun the verb makes a clause: the name starts after it.
    let y = extract("中国企业投资瓜达尔海水淡化厂项目进展顺利。");
    assert!(
        !ids_of(&y, crate::model::EntityType::Project)
            .iter()
            .any(|p| p.contains("企业")),
        "{:?}",
        y.entities
    );
}

#[test]
fn a_chinese_name_in_pinyin_is_a_person_with_no_title_before_it() {
    use crate::model::EntityType::Person;
    let x = extract(
        "The sixth meeting of the China-Pakistan intergovernmental cooperation committee was held. The meeting was co-chaired by Guo Shengkun, who is the committee's Chinese chairman.",
    );
    assert!(
        ids_of(&x, Person).contains(&"person/guo-shengkun"),
        "{:?}",
        x.entities
    );
    let events = ids_of(&x, crate::model::EntityType::Event);
    assert_eq!(
        events,
        vec!["event/sixth-meeting-of-the-china-pakistan-intergovernmental-cooperation-committee"],
        "{:?}",
        x.entities
    );
    assert!(
        has(&x, "person/guo-shengkun", K::Attended, events[0]),
        "{:?}",
        rels(&x)
    );
    // Words that are no Pinyin, a longer run of capitals, and a cited author are no persons.
    for text in [
        "The delegation visited Long March Square.",
        "He met the Gao Tie Corporation team.",
        "[1] Zhao Shiren, \"China and Pakistan,\" The Nation, 2025.",
        "The Dream Team won.",
    ] {
        let y = extract(text);
        assert!(ids_of(&y, Person).is_empty(), "{text}: {:?}", y.entities);
    }
}

#[test]
fn documents_listed_as_signed_on_their_dates_were_signed_whatever_bears_on_the_verb_before() {
    let x = extract(
        "双方强调，将共同恪守2007年1月15日签订的《中华人民共和国和巴基斯坦伊斯兰共和国睦邻友好合作条约》、2013年5月20日签订的《中华人民共和国和巴基斯坦伊斯兰共和国联合宣言》。",
    );
    let distinct = |kind: K| {
        ends_of(&x, kind, false)
            .into_iter()
            .collect::<std::collections::BTreeSet<_>>()
            .len()
    };
    assert_eq!(distinct(K::Signed), 2, "{:?}", rels(&x));
    assert_eq!(distinct(K::Supports), 2, "{:?}", rels(&x));
    assert_eq!(ends_of(&x, K::Signed, true).len(), 4, "{:?}", rels(&x));
    // A verb joined by 并 to one a modal word bears on is a wish too.
    let y = extract("巴方热切期待习近平主席对巴基斯坦进行国事访问并出席上海合作组织峰会。");
    assert!(ends_of(&y, K::Attended, true).is_empty(), "{:?}", rels(&y));
    assert!(ends_of(&y, K::Visited, true).is_empty(), "{:?}", rels(&y));
}

#[test]
fn a_trigger_after_a_demonstrative_speaks_of_the_act_and_states_none() {
    let x = extract(
        "夏巴兹·谢里夫表示，巴方决心巩固巴中睦邻友好合作，热切期待习近平主席对巴基斯坦进行国事访问并出席上海合作组织峰会，相信这次访问将成为两国关系史上新的里程碑。",
    );
    assert!(ends_of(&x, K::Visited, true).is_empty(), "{:?}", rels(&x));
    // Without it the visit is stated.
    let y = extract("巴基斯坦总理夏巴兹·谢里夫访问中国。");
    assert!(!ends_of(&y, K::Visited, true).is_empty(), "{:?}", rels(&y));
}

#[test]
fn an_online_class_opening_is_an_event_and_a_universitys_own_institute_keeps_its_name() {
    use crate::model::EntityType::{Event, Organization};
    let x = extract(
        "2021年5月18日，大使李极明应邀参加孟外交学院中文研修班在线开课仪式。孟外交学院院长乔杜里、东方事务秘书沙姆斯、达卡大学孔子学院院长杨惠等出席。",
    );
    let events = ids_of(&x, Event);
    assert_eq!(
        events,
        vec!["event/孟外交学院中文研修班在线开课仪式"],
        "{:?}",
        x.entities
    );
    let attendees = ends_of(&x, K::Attended, true);
    for p in ["person/李极明", "person/沙姆斯", "person/杨惠"] {
        assert!(attendees.contains(&p), "{p}: {:?}", rels(&x));
    }
    assert!(
        ids_of(&x, Organization).contains(&"organization/达卡大学孔子学院"),
        "{:?}",
        x.entities
    );
    // A known name after mere modifiers is the known name alone.
    let y = extract("双方同意高质量共建中巴经济走廊。");
    assert!(
        ids_of(&y, crate::model::EntityType::Project)
            .iter()
            .all(|p| !p.contains("高质量")),
        "{:?}",
        y.entities
    );
}

#[test]
fn a_headline_naming_an_event_with_fewer_words_names_the_same_event() {
    let x = extract(
        "中国援助巴基斯坦紧急粮食项目交接证书签字仪式举行\n中国政府援助巴基斯坦紧急粮食项目政府间交接证书签字仪式20日在线上举行。大使李极明在证书上签字。\n巴基斯坦国务部长拉赫曼,巴外交部、财政部等代表出席仪式。",
    );
    let events = ids_of(&x, crate::model::EntityType::Event);
    assert_eq!(
        events,
        vec!["event/中国政府援助巴基斯坦紧急粮食项目政府间交接证书签字仪式"],
        "{:?}",
        x.entities
    );
    assert!(
        has(&x, "person/拉赫曼", K::Attended, events[0]),
        "{:?}",
        rels(&x)
    );
    // Two events of one head with other words are two.
    let y = extract("中巴经济走廊联委会第九次会议举行。中巴经济走廊联委会第十次会议举行。");
    assert_eq!(
        ids_of(&y, crate::model::EntityType::Event).len(),
        2,
        "{:?}",
        y.entities
    );
}

#[test]
fn an_english_meeting_named_with_an_abbreviation_in_brackets_and_co_chairs_with_their_offices() {
    let x = extract(
        "The 6th Joint Cooperation Committee (JCC) meeting on the China-Pakistan Economic Corridor was held in Beijing on Thursday. The meeting was co-chaired by Ahsan Iqbal, Minister for Planning, Development and Reform of Pakistan, and Wang Xiaotao, Vice Chairman of China's National Development and Reform Commission.",
    );
    let events = ids_of(&x, crate::model::EntityType::Event);
    assert_eq!(events.len(), 1, "{:?}", x.entities);
    assert!(
        events[0].starts_with("event/6th-joint-cooperation-committee-jcc-meeting"),
        "{events:?}"
    );
    let attendees = ends_of(&x, K::Attended, true);
    assert!(attendees.contains(&"person/wang-xiaotao"), "{:?}", rels(&x));
    assert!(
        attendees.iter().any(|a| a.contains("ahsan-iqbal")),
        "{:?}",
        rels(&x)
    );
    // An office set off by commas that is no list's (…, said on Monday, and) ends the list.
    let y = extract(
        "The 6th JCC meeting was held in Beijing. The meeting was co-chaired by Ahsan Iqbal, said on Monday, and Wang Xiaotao.",
    );
    assert!(
        !ends_of(&y, K::Attended, true).contains(&"person/wang-xiaotao"),
        "{:?}",
        rels(&y)
    );
}

#[test]
fn the_heads_of_two_delegations_may_be_named_with_their_titles() {
    let x = extract(
        "The 6th JCC meeting was held in Beijing. The Pakistani delegation was led by Minister Ahsan Iqbal while the Chinese side was headed by Wang Xiaotao.",
    );
    assert!(
        rels(&x)
            .iter()
            .any(|r| r.contains("ahsan-iqbal met person/wang-xiaotao")),
        "{:?}",
        rels(&x)
    );
    // One head alone meets no one.
    let y = extract(
        "The 6th JCC meeting was held in Beijing. The Pakistani delegation was led by Minister Ahsan Iqbal.",
    );
    assert!(ends_of(&y, K::Met, true).is_empty(), "{:?}", rels(&y));
}

#[test]
fn english_guests_listed_with_their_offices_in_lower_case_attend() {
    let x = extract(
        "Yao Wen made these remarks during a reception at the Chinese Embassy in Dhaka, said a press release.\nChief of Army Staff General SM Shafiuddin Ahmed, private industry and investment adviser to prime minister Salman F Rahman, and secretary (west) of ministry of foreign affairs Shabbir Ahmad Chowdhury also graced the reception.",
    );
    let attendees = ends_of(&x, K::Attended, true);
    for p in ["person/salman-f-rahman", "person/shabbir-ahmad-chowdhury"] {
        assert!(attendees.contains(&p), "{p}: {:?}", rels(&x));
    }
    // Bodies after a preposition are no guests.
    let y = extract(
        "The reception was held in Dhaka. Officials from the Foreign Office, diplomats of Central Asia and students attended the reception.",
    );
    assert!(
        ids_of(&y, crate::model::EntityType::Person).is_empty(),
        "{:?}",
        y.entities
    );
}

#[test]
fn a_ministry_named_by_a_dictionary_word_after_its_country_is_a_body_its_minister_leads() {
    let x = extract("巴基斯坦计划发展部部长伊克巴尔出席仪式。");
    assert!(
        has(
            &x,
            "person/伊克巴尔",
            K::LeaderOf,
            "organization/巴基斯坦计划发展部"
        ),
        "{:?}",
        rels(&x)
    );
    // Two-character words ending alike (内部, 全部) name no body.
    let y = extract("中国内部事务不容干涉，全部项目进展顺利。");
    assert!(
        ids_of(&y, crate::model::EntityType::Organization).is_empty(),
        "{:?}",
        y.entities
    );
}

#[test]
fn a_place_whose_first_character_ends_a_title_is_none() {
    // The test gazetteer knows 长沙.
    let places = |text: &str| {
        let x = extract(text);
        ids_of(&x, crate::model::EntityType::Place)
            .into_iter()
            .map(str::to_string)
            .collect::<Vec<_>>()
    };
    assert!(places("巴外交部长杜妮亚、国防部长沙希伯出席了招待会。").is_empty());
    assert_eq!(
        places("大使出席在长沙举行的博览会。"),
        vec!["place/changsha"]
    );
}

#[test]
fn who_sets_out_to_build_an_initiative_with_others_supports_it() {
    let x = extract("中方愿同巴方一道，推动构建中巴命运共同体。");
    assert!(
        has(
            &x,
            "country/china",
            K::Supports,
            "initiative/中巴命运共同体"
        ),
        "{:?}",
        rels(&x)
    );
    // A bare 构建 is as often a noun as a statement: no support from it.
    let y = extract("双方认为，构建中巴命运共同体是地区合作的重要组成部分。");
    assert!(ends_of(&y, K::Supports, true).is_empty(), "{:?}", rels(&y));
}

#[test]
fn a_body_word_after_its_country_keeps_its_first_character() {
    let orgs = |text: &str| {
        let x = extract(text);
        ids_of(&x, crate::model::EntityType::Organization)
            .into_iter()
            .map(str::to_string)
            .collect::<Vec<_>>()
    };
    // 经 is a stop word (经…批准), but 经济部 after a country is that country's ministry.
    assert_eq!(
        orgs("论坛由巴基斯坦经济部主办。"),
        vec!["organization/巴基斯坦经济部"]
    );
    // 应对外部风险: 对 glued to the word 外部 is no body's first character.
    assert!(orgs("中巴应对外部风险。").is_empty());
    // A verb of hosting ends a name on its left: the forum is no body of the ministry's name.
    let hosted = orgs("巴基斯坦计划发展部主办论坛。");
    assert_eq!(hosted, vec!["organization/巴基斯坦计划发展部"]);
}

#[test]
fn a_state_body_after_a_countrys_one_character_abbreviation_is_that_countrys() {
    let orgs = |text: &str| {
        let x = extract(text);
        ids_of(&x, crate::model::EntityType::Organization)
            .into_iter()
            .map(str::to_string)
            .collect::<Vec<_>>()
    };
    // 巴 abbreviates Pakistan; 孟 abbreviates the one country of the text opening with it.
    assert_eq!(
        orgs("巴外交部官员出席仪式。"),
        vec!["organization/巴外交部"]
    );
    let ex = with_entries(
        "[[entity]]\nid = \"country/bangladesh\"\ntype = \"Country\"\nzh = \"孟加拉国\"\nen = \"Bangladesh\"\n",
    );
    let bodies = |text: &str| {
        let x = super::rule_tests::extract_doc_by(&ex, text, "测试", None, &[]);
        ids_of(&x, crate::model::EntityType::Organization)
            .into_iter()
            .map(str::to_string)
            .collect::<Vec<_>>()
    };
    assert_eq!(
        bodies("孟加拉国代表团访华，孟外交部官员出席仪式。"),
        vec!["organization/孟外交部"]
    );
    // A character that abbreviates no country of the text makes no body's name.
    assert!(bodies("孟外交部官员出席仪式。").is_empty());
}

#[test]
fn who_is_met_after_a_relative_clause_attended_what_it_names() {
    let x =
        extract("李强在人民大会堂会见来华出席中巴经济走廊论坛并进行正式访问的巴基斯坦总理谢里夫。");
    let attendees = ends_of(&x, K::Attended, true);
    assert_eq!(attendees.len(), 1, "{:?}", rels(&x));
    assert!(
        attendees[0].contains("谢里夫") || attendees[0].contains("sharif"),
        "{attendees:?}"
    );
    assert!(!attendees[0].contains("li-qiang"), "{attendees:?}");
    // Outside a relative clause after a meeting verb the one before the trigger attends.
    let y = extract("李强出席中巴经济走廊论坛的开幕式并会见了巴基斯坦总理谢里夫。");
    let attendees = ends_of(&y, K::Attended, true);
    assert!(
        attendees
            .iter()
            .all(|a| !a.contains("谢里夫") && !a.contains("sharif")),
        "{:?}",
        rels(&y)
    );
}

#[test]
fn a_welcome_dinner_supports_nothing() {
    let x = extract(
        "Pakistan held a welcome dinner for the Shanghai Cooperation Organisation. The minister said in his welcome speech that Pakistan is a good friend of the Belt and Road Initiative.",
    );
    assert!(ends_of(&x, K::Supports, true).is_empty(), "{:?}", rels(&x));
    let y = extract("Pakistan welcomes the Shanghai Cooperation Organisation.");
    assert_eq!(
        ends_of(&y, K::Supports, true),
        vec!["country/pakistan"],
        "{:?}",
        rels(&y)
    );
}

#[test]
fn firms_that_take_part_are_the_ones_that_back_and_no_entity() {
    let x = extract("巴方表示，支持中国企业参与中巴经济走廊建设。");
    assert!(ends_of(&x, K::Supports, true).is_empty(), "{:?}", rels(&x));
    let y = extract("巴方表示，支持并参与中巴经济走廊建设。");
    assert!(
        ends_of(&y, K::Supports, true).contains(&"country/pakistan"),
        "{:?}",
        rels(&y)
    );
}

#[test]
fn a_mission_sent_by_a_country_abbreviated_to_one_character_is_that_countrys() {
    let ex = with_entries(
        "[[entity]]\nid = \"country/nepal\"\ntype = \"Country\"\nzh = \"尼泊尔\"\nen = \"Nepal\"\n",
    );
    let x = super::rule_tests::extract_doc_by(
        &ex,
        "尼泊尔驻成都总领事馆举行开馆仪式。外交部将为尼驻成都总领事馆开展工作提供便利。",
        "测试",
        None,
        &[],
    );
    let orgs = ids_of(&x, crate::model::EntityType::Organization);
    assert!(orgs.iter().all(|o| !o.contains("中国驻")), "{orgs:?}");
    assert!(orgs.iter().any(|o| o.contains("尼泊尔驻")), "{orgs:?}");
}

#[test]
fn after_a_title_a_family_name_takes_a_given_name_read_as_a_noun() {
    let persons = |text: &str| {
        let x = extract(text);
        ids_of(&x, crate::model::EntityType::Person)
            .into_iter()
            .map(str::to_string)
            .collect::<Vec<_>>()
    };
    // jieba reads 崔 as a name and 爱民 as a noun.
    assert_eq!(
        persons("外交部领事司司长崔爱民出席仪式。"),
        vec!["person/崔爱民"]
    );
    // 马上 is one word: no family name stands alone after the title.
    assert!(persons("局长马上出席会议。").is_empty());
    // 代表 (on behalf of) ends a body's name on its left: the person and title stay out.
    let x = extract("崔爱民司长代表外交部致辞。");
    let orgs = ids_of(&x, crate::model::EntityType::Organization);
    assert!(orgs.iter().all(|o| !o.contains("代表")), "{orgs:?}");
}

#[test]
fn an_occasion_with_no_name_of_its_own_is_named_after_the_mission_that_holds_it() {
    let x = extract(
        "5月24日，巴基斯坦驻成都总领事馆举行开馆仪式。四川省副省长李云泽出席开馆仪式并致辞。",
    );
    let events = ids_of(&x, crate::model::EntityType::Event);
    assert_eq!(
        events,
        vec!["event/巴基斯坦驻成都总领事馆开馆仪式"],
        "{:?}",
        x.entities
    );
    assert!(
        has(&x, "person/李云泽", K::Attended, events[0]),
        "{:?}",
        rels(&x)
    );
    // With no holder before the verb the bare occasion names nothing.
    let y = extract("5月24日，成都举行开馆仪式。四川省副省长李云泽出席开馆仪式。");
    assert!(
        ids_of(&y, crate::model::EntityType::Event).is_empty(),
        "{:?}",
        y.entities
    );
}

#[test]
fn a_known_short_name_after_a_title_its_owner_never_held_is_someone_else() {
    let ex = with_entries(
        "[[entity]]\nid = \"country/afghanistan\"\ntype = \"Country\"\nzh = \"阿富汗\"\nen = \"Afghanistan\"\n\n[[entity]]\nid = \"person/hamid-karzai\"\ntype = \"Person\"\nzh = \"哈米德·卡尔扎伊\"\nen = \"Hamid Karzai\"\naliases_zh = [\"卡尔扎伊\"]\n[[entity.roles]]\nrole = \"总统\"\nof = \"country/afghanistan\"\nfrom = \"2002-06\"\nto = \"2014-09\"\n",
    );
    let persons = |text: &str| {
        let x = super::rule_tests::extract_doc_by(&ex, text, "测试", None, &[]);
        ids_of(&x, crate::model::EntityType::Person)
            .into_iter()
            .map(str::to_string)
            .collect::<Vec<_>>()
    };
    assert_eq!(
        persons("阿富汗代理外长卡尔扎伊出席招待会。"),
        vec!["person/卡尔扎伊"]
    );
    assert_eq!(
        persons("阿富汗总统卡尔扎伊出席招待会。"),
        vec!["person/hamid-karzai"]
    );
    // The short name of a longer name in the text is that name's, not the known person's.
    assert_eq!(
        persons("阿富汗代外长希克马特·哈利勒·卡尔扎伊25日表示感谢。卡尔扎伊说，两国友谊深厚。"),
        vec!["person/希克马特·哈利勒·卡尔扎伊"]
    );
}

#[test]
fn a_ministrys_name_lists_its_portfolios() {
    let orgs = |text: &str| {
        let x = extract(text);
        ids_of(&x, crate::model::EntityType::Organization)
            .into_iter()
            .map(str::to_string)
            .collect::<Vec<_>>()
    };
    assert_eq!(
        orgs("巴基斯坦灾害管理和救济部部长出席。"),
        vec!["organization/巴基斯坦灾害管理和救济部"]
    );
    assert_eq!(
        orgs("中方代表、海外就业促进与福利部部长佩雷拉出席。"),
        vec!["organization/海外就业促进与福利部"]
    );
    // A person, a title or a body of its own before the joiner is a list's item, no portfolio.
    let listed = orgs("巴基斯坦大使王愚与巴基斯坦商务部官员出席。");
    assert!(listed.iter().all(|o| !o.contains("王愚")), "{listed:?}");
    let bodies = orgs("巴基斯坦外交部、工贸部、公安部等代表出席。");
    assert!(bodies.iter().all(|o| !o.contains('、')), "{bodies:?}");
}

#[test]
fn a_complete_project_name_before_xiangmu_keeps_the_texts_words_as_a_name() {
    let x = extract("中方将积极研究支持巴方提出的卡拉奇跨海大桥项目。");
    let p = x
        .entities
        .iter()
        .find(|e| e.kind == crate::model::EntityType::Project)
        .expect("the bridge is a project");
    assert_eq!(p.id, "project/卡拉奇跨海大桥");
    assert!(p.aliases.contains("卡拉奇跨海大桥项目"), "{p:?}");
}

#[test]
fn the_facility_an_aid_project_builds_is_the_project() {
    let x = extract(
        "中国援巴基斯坦国家职业技术学院项目开工典礼12日举行。中国政府援助的巴基斯坦国家职业技术学院是重要项目之一。",
    );
    let orgs = ids_of(&x, crate::model::EntityType::Organization);
    assert!(orgs.is_empty(), "{orgs:?}");
    let projects = ids_of(&x, crate::model::EntityType::Project);
    assert_eq!(projects, vec!["project/中国援巴基斯坦国家职业技术学院项目"]);
    // A body no aid project's name holds stays a body.
    let y = extract("巴基斯坦国家职业技术学院院长出席。");
    assert_eq!(
        ids_of(&y, crate::model::EntityType::Organization),
        vec!["organization/巴基斯坦国家职业技术学院"]
    );
}

#[test]
fn a_visit_announced_with_its_date_is_stated_for_everyone_listed() {
    let x = extract(
        "应中国国家主席习近平邀请，巴基斯坦总统扎尔达里、巴基斯坦总理夏巴兹·谢里夫将于5月16日至20日对中国进行国事访问。",
    );
    let visitors = ends_of(&x, K::Visited, true);
    assert_eq!(visitors.len(), 2, "{:?}", rels(&x));
    // A plan with no date stated is no fact.
    let y = extract("巴方希望巴基斯坦总统扎尔达里将对中国进行国事访问。");
    assert!(ends_of(&y, K::Visited, true).is_empty(), "{:?}", rels(&y));
}

#[test]
fn english_letters_after_a_name_and_offices_are_no_persons_names() {
    let x = extract(
        "Pakistan Peoples Party organized a reception in Karachi. Mr. Ahsan Iqbal MP and the Honourable Agriculture Minister attended the reception.",
    );
    let persons = ids_of(&x, crate::model::EntityType::Person);
    assert_eq!(persons, vec!["person/ahsan-iqbal"], "{:?}", x.entities);
}

#[test]
fn who_was_present_at_an_occasion_named_before_attended_it() {
    let x = extract(
        "Pakistan Peoples Party organized a reception in Karachi. Mr. Ahsan Iqbal was present as the Chief Guest and delivered a speech.",
    );
    assert_eq!(
        ends_of(&x, K::Attended, true),
        vec!["person/ahsan-iqbal"],
        "{:?}",
        rels(&x)
    );
}

#[test]
fn an_aid_ceremony_named_by_the_abbreviation_of_the_country_aided_is_an_event() {
    let x = extract(
        "中国驻巴基斯坦使馆与巴教育部共同举行我援巴校服布料交接仪式。巴教育部长阿巴斯出席。",
    );
    let events = ids_of(&x, crate::model::EntityType::Event);
    assert_eq!(
        events,
        vec!["event/援巴校服布料交接仪式"],
        "{:?}",
        x.entities
    );
    // A country the text abbreviates to its first character.
    let z = extract("1月11日，援斯校服布料交接仪式在斯里兰卡举行。");
    assert_eq!(
        ids_of(&z, crate::model::EntityType::Event),
        vec!["event/援斯校服布料交接仪式"]
    );
    // With no aid word the same words name no event of their own.
    let y = extract("双方举行校服布料交接仪式。");
    assert!(ids_of(&y, crate::model::EntityType::Event).is_empty());
}

#[test]
fn an_english_body_ends_where_a_name_follows_its_portfolio() {
    let x = with_shipped_gazetteer(
        "Director General of Guangxi Department of Commerce Jiang Liansheng attended. The Department of Culture and Tourism of Xinjiang Uygur Autonomous Region sent a troupe.",
    );
    let orgs = ids_of(&x, crate::model::EntityType::Organization);
    assert!(
        orgs.contains(&"organization/guangxi-department-of-commerce"),
        "{orgs:?}"
    );
    assert!(
        orgs.iter()
            .any(|o| o.ends_with("xinjiang-uygur-autonomous-region")),
        "{orgs:?}"
    );
}

#[test]
fn a_country_named_by_who_speaks_of_it_is_no_country() {
    let x = with_shipped_gazetteer(
        "尊敬的校长先生：在纳扎尔巴耶夫总统的领导下，贵国人民坚定维护国家独立和主权。",
    );
    let countries = ids_of(&x, crate::model::EntityType::Country);
    assert!(
        countries.iter().all(|c| !c.contains("贵国")),
        "{countries:?}"
    );
}

/// What the shipped gazetteer and rules extract from `text`.
fn with_shipped_gazetteer(text: &str) -> crate::model::Extraction {
    let ex = super::Extractor::new(
        super::Gazetteer::parse(super::BUILTIN_GAZETTEER, "gazetteer.toml").unwrap(),
        super::Lexicon::parse(super::BUILTIN_RULES, "rules.toml").unwrap(),
    )
    .unwrap();
    super::rule_tests::extract_doc_by(&ex, text, "测试", None, &[])
}

#[test]
fn a_pinyin_given_name_with_a_hyphen_is_one_name_and_a_courtesy_call_meets() {
    let x = extract(
        "The Secretary of the Committee, Peng Qing-hua pays a courtesy call on Vice President Abdulla Jihad. Peng Qinghua said both sides agreed.",
    );
    let persons = ids_of(&x, crate::model::EntityType::Person);
    assert!(persons.contains(&"person/peng-qinghua"), "{persons:?}");
    assert!(!persons.contains(&"person/peng-qing-hua"), "{persons:?}");
    assert!(
        has(&x, "person/peng-qinghua", K::Met, "person/abdulla-jihad")
            || has(&x, "person/abdulla-jihad", K::Met, "person/peng-qinghua"),
        "{:?}",
        rels(&x)
    );
}

#[test]
fn a_title_inside_a_departments_word_opens_no_office() {
    let x = extract("外交部领事司司长崔爱民出席仪式。外交部部长王毅出席。");
    let orgs = ids_of(&x, crate::model::EntityType::Organization);
    assert!(orgs.contains(&"organization/外交部领事司"), "{orgs:?}");
    assert!(orgs.iter().all(|o| !o.contains("部长")), "{orgs:?}");
}

#[test]
fn an_english_body_opening_with_its_country_lies_in_it_but_no_company() {
    let x = with_shipped_gazetteer(
        "The exhibition opened at the Bangladesh Shilpakala Academy in the presence of Ambassador Li Jiming.",
    );
    let academy = ids_of(&x, crate::model::EntityType::Organization);
    assert!(
        academy
            .iter()
            .any(|a| has(&x, a, K::LocatedIn, "country/bangladesh")),
        "{:?}",
        rels(&x)
    );
    // A company is placed by no country its name opens with.
    let y = with_shipped_gazetteer(
        "The bridge was built by the Bangladesh Shilpakala Company in the presence of Ambassador Li Jiming.",
    );
    assert!(
        ends_of(&y, K::LocatedIn, false).is_empty(),
        "{:?}",
        rels(&y)
    );
    // Nor is a body named by a pair of countries.
    let z = with_shipped_gazetteer(
        "The Bangladesh China Friendship Association hosted Ambassador Li Jiming.",
    );
    assert!(
        ends_of(&z, K::LocatedIn, false).is_empty(),
        "{:?}",
        rels(&z)
    );
}

#[test]
fn a_known_short_name_after_a_title_its_owner_held_is_that_person() {
    // 马雷罗 is the gazetteer's short name for 曼努埃尔·马雷罗·克鲁斯, Cuba's prime minister.
    let x = with_shipped_gazetteer("2023年11月6日,习近平在人民大会堂会见古巴总理马雷罗。");
    assert!(
        has(
            &x,
            "person/xi-jinping",
            K::Met,
            "person/manuel-marrero-cruz"
        ),
        "{:?}",
        rels(&x)
    );
    // After a title its owner never held, the same short name is someone else.
    let y = with_shipped_gazetteer("2023年11月6日,王毅会见古巴外交部长马雷罗。");
    assert!(
        !ids_of(&y, crate::model::EntityType::Person).contains(&"person/manuel-marrero-cruz"),
        "{:?}",
        rels(&y)
    );
}

#[test]
fn a_coming_in_a_clause_without_a_subject_is_the_topics_not_a_name_inside_it() {
    let x = with_shipped_gazetteer(
        "2023年11月6日,习近平会见古巴总理马雷罗。马雷罗转达劳尔同志和迪亚斯—卡内尔主席对习近平主席的亲切问候,表示,很高兴来华出席第六届中国国际进口博览会。",
    );
    let visitors = ends_of(&x, K::Visited, true);
    assert_eq!(
        visitors,
        vec!["person/manuel-marrero-cruz"],
        "{:?}",
        rels(&x)
    );
    // A name in the clause itself still comes.
    let y = with_shipped_gazetteer(
        "2023年11月6日,习近平会见古巴总理马雷罗,欢迎迪亚斯—卡内尔主席来华访问。",
    );
    assert!(
        ends_of(&y, K::Visited, true).contains(&"person/miguel-diaz-canel"),
        "{:?}",
        rels(&y)
    );
}

#[test]
fn a_numbered_event_keeps_its_quoted_and_bracketed_parts_and_a_festival_is_one() {
    let x = extract(
        "12月19日，第七届尼泊尔“中国节”暨第二届加德满都（中国—南亚）文化论坛在加德满都开幕。",
    );
    let events = labels(&x, crate::model::EntityType::Event);
    assert!(
        events.iter().any(|e| e == "第七届尼泊尔“中国节”"),
        "{events:?}"
    );
    assert!(
        events
            .iter()
            .any(|e| e.starts_with("第二届加德满都") && e.ends_with("文化论坛")),
        "{events:?}"
    );
    // A one-character head inside a longer word (节能) ends no name.
    let y = extract("12月19日，第二届节能环保论坛在加德满都开幕。");
    let events = labels(&y, crate::model::EntityType::Event);
    assert!(events.iter().all(|e| e != "第二届节"), "{events:?}");
}

#[test]
fn guests_listed_with_joined_offices_and_bodies_all_attend_and_a_listed_name_is_no_occasion() {
    let text = "12月19日，第七届尼泊尔“中国节”在加德满都开幕。中宣部部长刘奇葆，尼泊尔副总理兼财政部长马哈拉出席开幕式。";
    let x = with_shipped_gazetteer(text);
    let guests = ends_of(&x, K::Attended, true);
    assert_eq!(guests.len(), 2, "{:?}", rels(&x));
    // A body whose name jieba reads with a verb in it (文化旅游民航部) stands in the list too;
    // 于 opens a family name after a title, and a name does not take the 在 after it.
    let y = with_shipped_gazetteer(
        "12月19日，第七届尼泊尔“中国节”在加德满都开幕。中国驻尼泊尔大使于红，国家文物局局长刘玉珠，尼泊尔文化旅游民航部国务部长巴尼亚等共同出席开幕式。",
    );
    let mut guests = ends_of(&y, K::Attended, true);
    guests.dedup();
    assert_eq!(guests.len(), 3, "{:?}", rels(&y));
    let persons = labels(&y, crate::model::EntityType::Person);
    assert!(persons.iter().any(|p| p == "于红"), "{persons:?}");
    let w = with_shipped_gazetteer("中国驻乌兹别克斯坦大使于骏在致辞中表示欢迎。");
    let persons = labels(&w, crate::model::EntityType::Person);
    assert_eq!(persons, vec!["于骏".to_string()]);
    // An event listed with the guests before the verb is not the occasion they attend.
    let z = with_shipped_gazetteer(
        "12月19日，尼泊尔文化旅游民航部国务部长巴尼亚以及尼泊尔文化节、南亚各国代表等共同出席开幕式。",
    );
    assert!(ends_of(&z, K::Attended, false).is_empty(), "{:?}", rels(&z));
}

#[test]
fn the_programme_of_a_visit_announced_with_its_date_is_announced_as_fact() {
    let text = "3月22日,斯里兰卡总理古纳瓦德纳将于3月25日至30日对中国进行正式访问。此次访问期间,习近平主席将会见古纳瓦德纳总理,李强总理、赵乐际委员长将分别同他举行会谈会见。";
    let x = with_shipped_gazetteer(text);
    let mut hosts = ends_of(&x, K::Met, true);
    hosts.sort();
    assert_eq!(
        hosts,
        vec!["person/li-qiang", "person/xi-jinping", "person/zhao-leji"],
        "{:?}",
        rels(&x)
    );
    assert!(
        ends_of(&x, K::Met, false)
            .iter()
            .all(|o| *o == "person/dinesh-gunawardena"),
        "{:?}",
        rels(&x)
    );
    // With no dated announcement, a meeting that will be is a plan.
    let y = with_shipped_gazetteer(
        "3月22日,斯里兰卡总理古纳瓦德纳希望访问中国。访问期间,习近平主席将会见古纳瓦德纳总理。",
    );
    assert!(ends_of(&y, K::Met, true).is_empty(), "{:?}", rels(&y));
    // The summit announced with its dates in the paragraph: its host will chair it.
    let z = with_shipped_gazetteer(
        "中国外交部宣布：中国—中亚峰会将于5月18日至19日在西安举行。中国国家主席习近平将主持峰会。",
    );
    assert!(
        ends_of(&z, K::Attended, true).contains(&"person/xi-jinping"),
        "{:?}",
        rels(&z)
    );
}

#[test]
fn he_after_a_partner_word_is_the_person_named_last_before_its_clause() {
    let x = with_shipped_gazetteer(
        "2023年10月,维克拉马辛哈总统来华出席第三届“一带一路”国际合作高峰论坛,习近平主席同他举行会谈。",
    );
    assert!(
        has(
            &x,
            "person/xi-jinping",
            K::Met,
            "person/ranil-wickremesinghe"
        ),
        "{:?}",
        rels(&x)
    );
    // 他们 and 他国 are other words; and with no one named before, 他 is no one.
    let y = with_shipped_gazetteer("2023年10月,维克拉马辛哈总统来华,习近平主席同他们举行会谈。");
    assert!(ends_of(&y, K::Met, false).is_empty(), "{:?}", rels(&y));
}

#[test]
fn a_stance_to_advance_an_initiative_supports_it_and_a_purpose_or_a_report_does_not() {
    let x = with_shipped_gazetteer(
        "2024年3月22日，林剑说，中方高度重视中斯关系发展，愿同斯方一道努力，高质量共建“一带一路”。",
    );
    assert_eq!(
        ends_of(&x, K::Supports, true),
        vec!["country/china"],
        "{:?}",
        rels(&x)
    );
    assert!(
        has(
            &x,
            "country/china",
            K::Supports,
            "initiative/belt-and-road-initiative"
        ),
        "{:?}",
        rels(&x)
    );
    // The partner the stance is held with does not take it.
    let w = with_shipped_gazetteer("2023年6月19日，马苏德表示，孟方愿同中方推进“一带一路”合作。");
    assert_eq!(
        ends_of(&w, K::Supports, true),
        vec!["country/bangladesh"],
        "{:?}",
        rels(&w)
    );
    // With no word of stance, the verb reports; after 为 it states a purpose.
    let y = with_shipped_gazetteer("2024年3月22日，中方推进“一带一路”合作取得进展。");
    assert!(ends_of(&y, K::Supports, true).is_empty(), "{:?}", rels(&y));
    let z = with_shipped_gazetteer(
        "2015年4月，中巴要不断充实两国命运共同体内涵，为打造亚洲命运共同体发挥示范作用。",
    );
    assert!(ends_of(&z, K::Supports, true).is_empty(), "{:?}", rels(&z));
}

#[test]
fn holding_named_talks_with_a_partner_meets_the_partner() {
    let x = with_shipped_gazetteer(
        "2023年6月19日，外交部副部长孙卫东在北京同孟加拉国外交秘书马苏德·本·穆门举行第五轮中孟外交磋商。",
    );
    let met = ends_of(&x, K::Met, false);
    assert_eq!(met.len(), 1, "{:?}", rels(&x));
    // A verb between the partner word and the partner: 同 links something else.
    let y = with_shipped_gazetteer(
        "2023年6月19日，外交部副部长孙卫东同意邀请孟加拉国外交秘书马苏德·本·穆门举行第五轮中孟外交磋商。",
    );
    assert!(ends_of(&y, K::Met, false).is_empty(), "{:?}", rels(&y));
}

#[test]
fn a_counterpart_is_a_person_and_the_meeting_of_a_body_attended_is_an_event() {
    let x = extract(
        "Chinese Foreign Minister Wang Yi Wednesday held talks with his Kyrgyz counterpart Erlan Abdyldaev in Beijing. Wang Yi attended the meeting of the SCO Council of Foreign Ministers Tuesday.",
    );
    assert!(
        ends_of(&x, K::Met, false).contains(&"person/erlan-abdyldaev"),
        "{:?}",
        rels(&x)
    );
    let events = labels(&x, crate::model::EntityType::Event);
    assert!(
        events
            .iter()
            .any(|e| e == "meeting of the SCO Council of Foreign Ministers"),
        "{events:?}"
    );
    // An ordinal in lower case opens the name; no verb is cut from it.
    let y = extract(
        "The two sides on Thursday held the sixth meeting of the China-Uzbekistan intergovernmental cooperation committee via video link.",
    );
    let events = labels(&y, crate::model::EntityType::Event);
    assert!(
        events.iter().any(|e| e.starts_with("sixth meeting of")),
        "{events:?}"
    );
}

#[test]
fn an_english_stance_to_promote_an_initiative_supports_it_and_is_its_holders() {
    let x = with_shipped_gazetteer(
        "China and Kyrgyzstan hold talks\nWang Yi held talks with his Kyrgyz counterpart Erlan Abdyldaev on April 25, 2018, and the two sides agreed to promote cooperation on the Belt and Road Initiative.",
    );
    let mut holders = ends_of(&x, K::Supports, true);
    holders.sort();
    holders.dedup();
    assert_eq!(
        holders,
        vec!["country/china", "country/kyrgyzstan"],
        "{:?}",
        rels(&x)
    );
    // The partner the holder joins hands with does not hold the stance.
    let y = with_shipped_gazetteer(
        "Chinese New Year celebration held in Bangladeshi capital\nDHAKA, Jan. 16 (Xinhua) -- A celebration was held in Dhaka. In 2020, he said the Chinese side is ready to join hands with the Bangladeshi government and people, taking the anniversary as a great opportunity, to enhance synergy of development plans of the two sides, jointly promote the Belt and Road Initiative, increase mutual understanding.",
    );
    assert_eq!(
        ends_of(&y, K::Supports, true),
        vec!["country/china"],
        "{:?}",
        rels(&y)
    );
    // No stance, no support: promoting is reported.
    let z = with_shipped_gazetteer("In 2020, Bangladesh promoted the Belt and Road Initiative.");
    assert!(ends_of(&z, K::Supports, true).is_empty(), "{:?}", rels(&z));
}

#[test]
fn a_title_line_after_a_headline_or_dateline_names_the_text_its_parties_issue() {
    let x = with_shipped_gazetteer(
        "中巴发表联合声明\n中华人民共和国和巴基斯坦伊斯兰共和国联合声明\n一、巴基斯坦总理夏巴兹·谢里夫于2022年11月1日至2日对中国进行正式访问。",
    );
    let issuers = ends_of(&x, K::Issued, true);
    assert!(issuers.contains(&"country/china"), "{:?}", rels(&x));
    assert!(issuers.contains(&"country/pakistan"), "{:?}", rels(&x));
    // A title below the first sentence of the body is cited, not the text itself.
    let y = with_shipped_gazetteer(
        "巴基斯坦总理夏巴兹·谢里夫于2022年11月1日至2日对中国进行正式访问。\n中华人民共和国和巴基斯坦伊斯兰共和国联合声明\n双方同意加强合作。",
    );
    assert!(ends_of(&y, K::Issued, true).is_empty(), "{:?}", rels(&y));
}

#[test]
fn an_english_state_visit_is_a_visit_and_an_office_before_a_name_is_that_names() {
    let x = with_shipped_gazetteer(
        "On 11 May 2017, President of the Republic of Uzbekistan Shavkat Mirziyoyev departed on a state visit to China. Relations will be discussed with President of the PRC Xi Jinping, Premier of the State Council Li Keqiang, Chairman of the Standing Committee of the National People’s Congress Zhang Dejiang and others.",
    );
    assert!(
        has(&x, "person/shavkat-mirziyoyev", K::Visited, "country/china"),
        "{:?}",
        rels(&x)
    );
    let leaders: Vec<(&str, &str)> = x
        .relations
        .iter()
        .filter(|r| r.kind == K::LeaderOf)
        .map(|r| (r.subject.as_str(), r.object.as_str()))
        .collect();
    assert!(
        leaders.contains(&("person/li-keqiang", "organization/state-council")),
        "{leaders:?}"
    );
    assert!(
        !leaders.contains(&("person/xi-jinping", "organization/state-council")),
        "{leaders:?}"
    );
    assert!(
        !leaders.contains(&(
            "person/li-keqiang",
            "organization/standing-committee-of-the-npc"
        )),
        "{leaders:?}"
    );
}

#[test]
fn a_person_in_a_country_named_right_after_visited_it() {
    let x = with_shipped_gazetteer(
        "On 2 September 2025, Chinese President Xi Jinping met with Turkmen President Serdar Berdimuhamedov. Serdar Berdimuhamedov is in China for the summit.",
    );
    assert!(
        has(
            &x,
            "person/serdar-berdimuhamedow",
            K::Visited,
            "country/china"
        ),
        "{:?}",
        rels(&x)
    );
    // A country further off is no place the person is in.
    let y = with_shipped_gazetteer(
        "On 2 September 2025, Serdar Berdimuhamedov is in talks with leaders of China.",
    );
    assert!(ends_of(&y, K::Visited, true).is_empty(), "{:?}", rels(&y));
}

#[test]
fn a_speech_at_an_occasion_named_before_attends_it_and_a_clause_holding_one_is_no_name() {
    let x = with_shipped_gazetteer(
        "2024年5月8日，第二届中孟青年论坛在达卡举行。中国驻孟加拉国大使姚文在开幕式上发表主旨讲话。",
    );
    assert!(
        ends_of(&x, K::Attended, true).contains(&"person/姚文"),
        "{:?}",
        rels(&x)
    );
    let y = with_shipped_gazetteer(
        "2018年9月,中国驻阿富汗大使馆举行国庆招待会。外交部长王毅致辞说,中阿是友好邻邦。",
    );
    assert!(
        ends_of(&y, K::Attended, true).contains(&"person/wang-yi"),
        "{:?}",
        rels(&y)
    );
    // 首次以实体形式举办峰会 is a clause, no event's name.
    let z = with_shipped_gazetteer(
        "2023年5月8日，汪文斌表示，这是建交31年来六国元首首次以实体形式举办峰会。",
    );
    assert!(
        labels(&z, crate::model::EntityType::Event).is_empty(),
        "{:?}",
        z.entities
    );
}

#[test]
fn a_verb_that_holds_the_meeting_attends_the_one_named_before_when_it_closes_its_clause() {
    let x = extract(
        "中国—中亚峰会将于5月18日至19日在陕西省西安市举行。\
         巴基斯坦总理夏巴兹·谢里夫、斯里兰卡总统拉尼尔·维克拉马辛哈将应邀与会。",
    );
    for p in ["person/shehbaz-sharif", "person/ranil-wickremesinghe"] {
        assert!(
            has(&x, p, K::Attended, "event/中国-中亚峰会"),
            "{p}: {:?}",
            rels(&x)
        );
    }
    // 与会代表, 参会人员: the same words as nouns attend nothing.
    let y = extract(
        "中国—中亚峰会将于5月18日至19日在陕西省西安市举行。\
         巴基斯坦总理夏巴兹·谢里夫同与会代表合影，斯里兰卡总统拉尼尔·维克拉马辛哈会见参会人员。",
    );
    assert!(ends_of(&y, K::Attended, true).is_empty(), "{:?}", rels(&y));
}

#[test]
fn a_person_after_offices_alone_heads_a_clause_and_after_a_verb_does_not() {
    let x = extract(
        "应斯里兰卡外交部邀请,中共中央政治局常委、中央书记处书记习近平8日至10日对斯里兰卡进行\
         正式友好访问,在科伦坡会见斯里兰卡总理拉尼尔·维克拉马辛哈。",
    );
    assert!(
        has(
            &x,
            "person/xi-jinping",
            K::Met,
            "person/ranil-wickremesinghe"
        ),
        "{:?}",
        rels(&x)
    );
    // The one met, after its verb, is no topic: who holds talks next is still the visitor.
    let z = extract(
        "11月28日至29日,中共中央政治局常委、国务院副总理习近平访问斯里兰卡,\
         会见斯里兰卡总统拉尼尔·维克拉马辛哈,同斯里兰卡总理马欣达·拉贾帕克萨举行会谈。",
    );
    for met in ["person/ranil-wickremesinghe", "person/mahinda-rajapaksa"] {
        assert!(
            has(&z, "person/xi-jinping", K::Met, met),
            "{met}: {:?}",
            rels(&z)
        );
    }
    assert_eq!(
        ends_of(&z, K::Met, true),
        ["person/xi-jinping"; 2],
        "{:?}",
        rels(&z)
    );
    // Who goes with a person is not that person: the one who met is not named.
    let y = extract(
        "应斯里兰卡外交部邀请,代表团团长陪同习近平8日至10日对斯里兰卡进行正式友好访问,\
         在科伦坡会见斯里兰卡总理拉尼尔·维克拉马辛哈。",
    );
    assert!(ends_of(&y, K::Met, true).is_empty(), "{:?}", rels(&y));
}

#[test]
fn english_present_forms_state_the_act_and_a_person_invited_to_it_does_not() {
    let event = "event/opening-ceremony-of-the-19th-asian-games";
    for text in [
        "Shehbaz Sharif attends the Opening Ceremony of the 19th Asian Games.",
        "Shehbaz Sharif arrived in Hangzhou to attend the Opening Ceremony of the 19th Asian Games.",
        "Shehbaz Sharif is taking part in the Opening Ceremony of the 19th Asian Games.",
    ] {
        let x = extract(text);
        assert!(
            has(&x, "person/shehbaz-sharif", K::Attended, event),
            "{text}: {:?}",
            rels(&x)
        );
    }
    // Welcomed or invited to attend, the guest has not (yet) attended.
    for text in [
        "China welcomes Prime Minister Shehbaz Sharif to attend the Opening Ceremony of the 19th Asian Games.",
        "Xi Jinping invited Shehbaz Sharif to attend the Opening Ceremony of the 19th Asian Games.",
    ] {
        let x = extract(text);
        assert!(
            ends_of(&x, K::Attended, true).is_empty(),
            "{text}: {:?}",
            rels(&x)
        );
    }
}

#[test]
fn an_anniversary_with_its_founder_or_parties_is_an_occasion_and_takes_no_part_in_statements() {
    use crate::model::EntityType::Event;
    let x = extract(
        "嘉宾对中华人民共和国成立75周年表示热烈祝贺。中国政府热烈祝贺中巴建交70周年。\
         We mark the 100th anniversary of the founding of the Communist Party of China. \
         Greetings on the 70th anniversary of China-Pakistan diplomatic relations.",
    );
    assert_eq!(
        ids_of(&x, Event),
        [
            "event/100th-anniversary-of-the-founding-of-the-communist-party-of-china",
            "event/70th-anniversary-of-china-pakistan-diplomatic-relations",
            "event/中华人民共和国成立75周年",
            "event/中巴建交70周年",
        ],
        "{:?}",
        x.entities
    );
    // No parties named (两国, the two countries): the same words in another text are another
    // occasion. A year described (恰逢…, marks …) is none. The reception held for an anniversary
    // is the occasion attended.
    let y = extract(
        "双方共同庆祝两国建交70周年。今年恰逢中巴建交70周年。\
         They celebrated the 45th anniversary of the establishment of diplomatic relations between \
         the two countries. This year marks the 25th anniversary of the establishment of \
         China-Pakistan diplomatic relations.",
    );
    assert!(ids_of(&y, Event).is_empty(), "{:?}", y.entities);
    let z = extract("夏巴兹·谢里夫出席中巴建交70周年招待会。");
    assert_eq!(ids_of(&z, Event), ["event/中巴建交70周年招待会"]);
    assert!(
        has(
            &z,
            "person/shehbaz-sharif",
            K::Attended,
            "event/中巴建交70周年招待会"
        ),
        "{:?}",
        rels(&z)
    );
}

#[test]
fn a_bodys_short_form_in_brackets_stands_between_it_and_its_heads_title() {
    let x = extract("中国国际发展合作署（国合署）署长王晓涛出席仪式。");
    assert_eq!(
        ends_of(&x, K::LeaderOf, false),
        ["organization/中国国际发展合作署"]
    );
    // A bracket that says something else (a place, a list) is no short form of the body.
    let y = extract("中国国际发展合作署（北京、上海、广州等地）署长王晓涛出席仪式。");
    assert!(ends_of(&y, K::LeaderOf, false).is_empty(), "{:?}", rels(&y));
}

#[test]
fn the_kind_of_a_place_after_an_office_is_no_person_and_the_name_after_it_is() {
    let x = extract(
        "Xi Jinping met Qi Zhala, Chairman of the People's Government of Tibet Autonomous Region.",
    );
    let persons = ids_of(&x, crate::model::EntityType::Person);
    assert!(persons.contains(&"person/qi-zhala"), "{persons:?}");
    assert!(
        !persons.iter().any(|p| p.contains("autonomous")),
        "{persons:?}"
    );
    let y =
        extract("Xi Jinping met Chairman of the Xinjiang Uygur Autonomous Region Erkin Tuniyaz.");
    let persons = ids_of(&y, crate::model::EntityType::Person);
    assert!(persons.contains(&"person/erkin-tuniyaz"), "{persons:?}");
}

#[test]
fn a_list_meets_respectively_and_a_closing_meeting_verb_meets_the_one_met_before() {
    let x = extract("习近平、韩正分别会见夏巴兹·谢里夫。");
    for p in ["person/xi-jinping", "person/han-zheng"] {
        assert!(
            has(&x, p, K::Met, "person/shehbaz-sharif")
                || has(&x, "person/shehbaz-sharif", K::Met, p),
            "{p}: {:?}",
            rels(&x)
        );
    }
    let y = extract("访问期间,国家主席习近平会见了夏巴兹·谢里夫总理,国务院副总理韩正分别会见。");
    assert!(
        has(&y, "person/han-zheng", K::Met, "person/shehbaz-sharif")
            || has(&y, "person/shehbaz-sharif", K::Met, "person/han-zheng"),
        "{:?}",
        rels(&y)
    );
    // The partner of talks (同…举行会谈) is the one met, not one who meets the person before.
    let z = extract("访问期间,习近平分别会见夏巴兹·谢里夫,同总理纳瓦兹·谢里夫举行会谈。");
    assert!(
        !has(&z, "person/nawaz-sharif", K::Met, "person/shehbaz-sharif")
            && !has(&z, "person/shehbaz-sharif", K::Met, "person/nawaz-sharif"),
        "{:?}",
        rels(&z)
    );
}

#[test]
fn an_english_relative_clause_is_of_the_person_before_its_who() {
    let x = extract("Xi Jinping held talks with Shehbaz Sharif, who is on a visit to China.");
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
    // When the one before `who` is no name found, the clause is of no one.
    let y = extract("Xi Jinping held talks with the guest, who is on a visit to China.");
    assert!(ends_of(&y, K::Visited, true).is_empty(), "{:?}", rels(&y));
}

#[test]
fn an_english_family_name_after_the_full_name_is_that_person_when_one_holds_it() {
    let x = extract(
        "Xi Jinping met Prime Minister Shehbaz Sharif on Tuesday. Sharif is in China for the \
         Opening Ceremony of the 19th Asian Games.",
    );
    assert!(
        has(&x, "person/shehbaz-sharif", K::Visited, "country/china"),
        "{:?}",
        rels(&x)
    );
    // Two persons share the name: the short one is neither. Nor is a word of a longer name.
    let y = extract(
        "Xi Jinping met Shehbaz Sharif and Nawaz Sharif on Tuesday. Sharif is in China. \
         Xi Jinping visited Sharif Street.",
    );
    assert!(ends_of(&y, K::Visited, true).is_empty(), "{:?}", rels(&y));
    let persons = ids_of(&y, crate::model::EntityType::Person);
    assert_eq!(
        persons,
        [
            "person/nawaz-sharif",
            "person/shehbaz-sharif",
            "person/xi-jinping"
        ]
    );
    // A known name inside a longer one is not named in full: its family name is not found.
    let z = extract("Xi Jinping met Shehbaz Sharif Rahman on Tuesday. Sharif is in China.");
    assert!(
        !has(&z, "person/shehbaz-sharif", K::Visited, "country/china"),
        "{:?}",
        rels(&z)
    );
}

#[test]
fn two_persons_after_meeting_between_met_and_after_another_between_did_not() {
    let x = extract(
        "The visit prepares the meeting between President Xi Jinping and Prime Minister Shehbaz \
         Sharif this year.",
    );
    assert!(
        has(&x, "person/xi-jinping", K::Met, "person/shehbaz-sharif")
            || has(&x, "person/shehbaz-sharif", K::Met, "person/xi-jinping"),
        "{:?}",
        rels(&x)
    );
    let y = extract(
        "The friendship between President Xi Jinping and Prime Minister Shehbaz Sharif is deep. \
         After the meeting between the delegations, Xi Jinping and Shehbaz Sharif spoke.",
    );
    assert!(ends_of(&y, K::Met, true).is_empty(), "{:?}", rels(&y));
}

#[test]
fn those_who_hold_a_meeting_together_meet_and_one_holding_it_alone_meets_no_one() {
    let x = extract(
        "Xi Jinping held the 8th meeting of the China-Pakistan Joint Cooperation Committee with \
         Prime Minister Shehbaz Sharif.",
    );
    assert!(
        has(&x, "person/xi-jinping", K::Met, "person/shehbaz-sharif")
            || has(&x, "person/shehbaz-sharif", K::Met, "person/xi-jinping"),
        "{:?}",
        rels(&x)
    );
    let y = extract(
        "Xi Jinping held the 8th meeting of the China-Pakistan Joint Cooperation Committee. \
         Shehbaz Sharif attended the Opening Ceremony of the 19th Asian Games.",
    );
    assert!(ends_of(&y, K::Met, true).is_empty(), "{:?}", rels(&y));
}

#[test]
fn a_joint_texts_title_printed_alone_is_its_name_and_its_parties_issue_it() {
    let x = extract(
        "新华社北京11月4日电\n中华人民共和国和巴基斯坦伊斯兰共和国关于加强中巴全天候战略合作伙伴关系、\
         打造新时代更紧密中巴命运共同体的联合声明\n(2018年11月4日,北京)\n应中华人民共和国国务院总理李克强邀请,\
         巴基斯坦伊斯兰共和国总理伊姆兰·汗于2018年11月2至5日对中国进行首次正式访问。",
    );
    let docs = ids_of(&x, crate::model::EntityType::Document);
    assert_eq!(docs.len(), 1, "{:?}", x.entities);
    assert!(docs[0].ends_with("的联合声明"), "{docs:?}");
    for party in ["country/china", "country/pakistan"] {
        assert!(
            has(&x, party, K::Issued, docs[0]),
            "{party}: {:?}",
            rels(&x)
        );
    }
    // A headline stating an act that ends in a head word is no title.
    let y = extract(
        "新华社北京11月4日电\n中国、巴基斯坦两国元首视频祝贺中巴铁路项目两国政府间协定\n\
         习近平同夏巴兹·谢里夫通电话。",
    );
    assert!(
        ends_of(&y, K::Issued, true).is_empty(),
        "{:?} {:?}",
        y.entities,
        rels(&y)
    );
}

#[test]
fn a_stance_to_advance_a_project_or_to_build_a_community_supports_it() {
    let parties = ["country/china".to_string(), "country/sri-lanka".to_string()];
    let x = extract_with("双方同意推进瓜达尔港和卡拉奇港建设。", &parties);
    for party in &parties {
        for project in ["project/瓜达尔港", "project/卡拉奇港"] {
            assert!(has(&x, party, K::Supports, project), "{:?}", rels(&x));
        }
    }
    // Without a word of stance the verb reports what others do.
    let y = extract_with("中国公司推进瓜达尔港建设。", &parties);
    assert!(ends_of(&y, K::Supports, true).is_empty(), "{:?}", rels(&y));

    let parties = ["country/china".to_string(), "country/cuba".to_string()];
    let z = extract_with("两国同意构建中古命运共同体。", &parties);
    for party in &parties {
        assert!(
            ends_of(&z, K::Supports, true).contains(&party.as_str()),
            "{party}: {:?}",
            rels(&z)
        );
    }
    // A bare 构建 in a clause after the stance names a goal, not the stance.
    let w = extract_with(
        "双方愿携手推进合作，谱写构建中拉命运共同体新篇章。",
        &parties,
    );
    assert!(ends_of(&w, K::Supports, true).is_empty(), "{:?}", rels(&w));
}

#[test]
fn a_capital_after_its_countrys_abbreviation_or_adjective_lies_in_that_country() {
    let x =
        extract("巴首都伊斯兰堡举行仪式。The ceremony was held in the Chinese capital Chengdu.");
    assert!(
        has(&x, "place/islamabad", K::LocatedIn, "country/pakistan"),
        "{:?}",
        rels(&x)
    );
    assert!(
        has(&x, "place/chengdu", K::LocatedIn, "country/china"),
        "{:?}",
        rels(&x)
    );
    // A character closing a longer word is no abbreviation, and a capital with no country's
    // adjective before it lies in none.
    let y = extract("亚洲首都伊斯兰堡举行仪式。The ceremony was held in the capital Chengdu.");
    assert!(ends_of(&y, K::LocatedIn, true).is_empty(), "{:?}", rels(&y));
}

#[test]
fn a_datelines_abbreviated_month_still_closes_a_place_and_its_country() {
    let x = extract("VIENTIANE, Laos, Dec. 3 (Xinhua) -- The railway opened.");
    assert!(
        has(&x, "place/vientiane", K::LocatedIn, "country/laos"),
        "{:?}",
        rels(&x)
    );
}

#[test]
fn an_english_project_in_a_place_lies_in_it() {
    let x = extract("The Lyari Expressway project in Karachi is progressing well.");
    let projects = ids_of(&x, crate::model::EntityType::Project);
    assert_eq!(projects.len(), 1, "{:?}", x.entities);
    assert!(
        has(&x, projects[0], K::LocatedIn, "place/karachi"),
        "{:?}",
        rels(&x)
    );
    let y = extract("The Lyari Expressway project was discussed in Karachi.");
    assert!(ends_of(&y, K::LocatedIn, true).is_empty(), "{:?}", rels(&y));
}

#[test]
fn a_form_of_address_glued_to_a_name_by_its_dot_still_opens_it() {
    let x = extract("Minister of Megapolis Hon.Champika Ranawaka attended the ceremony.");
    let persons = labels(&x, crate::model::EntityType::Person);
    assert_eq!(
        persons,
        vec!["Champika Ranawaka".to_string()],
        "{:?}",
        x.entities
    );
    // A dot closing a sentence is no form of address's.
    let y = extract("He met the Hon.Minister of Trade.");
    assert!(
        labels(&y, crate::model::EntityType::Person).is_empty(),
        "{:?}",
        y.entities
    );
}

#[test]
fn a_long_quoted_title_before_an_events_head_names_it_though_it_holds_de() {
    let x = extract("驻孟加拉国大使姚文出席“面向未来的中孟关系”研讨会并致辞。");
    let events = labels(&x, crate::model::EntityType::Event);
    assert_eq!(
        events,
        vec!["“面向未来的中孟关系”研讨会".to_string()],
        "{:?}",
        x.entities
    );
    // A short quoted description is no name.
    let y = extract("双方出席“友好的”研讨会。");
    assert!(
        labels(&y, crate::model::EntityType::Event).is_empty(),
        "{:?}",
        y.entities
    );
}

#[test]
fn a_partys_numbered_plenary_sessions_and_congresses_are_events() {
    let x =
        extract("中国共产党二十届三中全会胜利召开。党的二十大以来，十九届五中全会精神得到落实。");
    let events = labels(&x, crate::model::EntityType::Event);
    for name in ["二十届三中全会", "二十大", "十九届五中全会"] {
        assert!(events.iter().any(|e| e == name), "{name}: {events:?}");
    }
    // Without its party a congress's words are a count (十大工程), and 大 running on is a word.
    let y = extract("双方推进十大工程。他会见了中国共产党驻华大使。");
    assert!(
        labels(&y, crate::model::EntityType::Event).is_empty(),
        "{:?}",
        y.entities
    );
}

#[test]
fn a_premier_under_a_bare_title_leads_the_country_and_under_the_bodys_the_body() {
    let x = with_shipped_gazetteer(
        "2019年11月5日，李克强总理会见来华访问的外宾。2019年11月6日，国务院总理李克强出席会议。",
    );
    assert!(
        has(&x, "person/li-keqiang", K::LeaderOf, "country/china"),
        "{:?}",
        rels(&x)
    );
    assert!(
        has(
            &x,
            "person/li-keqiang",
            K::LeaderOf,
            "organization/state-council"
        ),
        "{:?}",
        rels(&x)
    );
    // 吴 (U) is an honorific: Myanmar's presidents are named without it too.
    let y = with_shipped_gazetteer("2020年1月17日，习近平主席同温敏总统举行会谈。");
    assert!(
        has(&y, "person/win-myint", K::LeaderOf, "country/myanmar"),
        "{:?}",
        rels(&y)
    );
}

#[test]
fn a_visit_named_with_its_visitor_is_a_visit_and_a_planned_one_is_not() {
    let x = extract(
        "Both sides recalled President Xi Jinping's state visit to Pakistan. \
         The project followed the official visit of Prime Minister Imran Khan to China.",
    );
    assert!(
        has(&x, "person/xi-jinping", K::Visited, "country/pakistan"),
        "{:?}",
        rels(&x)
    );
    assert!(
        has(&x, "person/imran-khan", K::Visited, "country/china"),
        "{:?}",
        rels(&x)
    );
    let y = extract(
        "They prepared President Xi Jinping's upcoming visit to Pakistan. \
         Xi Jinping's remarks to Pakistan were warm.",
    );
    assert!(ends_of(&y, K::Visited, true).is_empty(), "{:?}", rels(&y));
}

#[test]
fn the_two_heads_of_state_holding_talks_are_the_leaders_the_text_names() {
    let text = "2024年7月5日，中国国家主席习近平同巴基斯坦总统扎尔达里出席仪式。\
                两国元首在亲切友好的气氛中举行会谈。";
    let x = extract(text);
    assert!(
        has(&x, "person/xi-jinping", K::Met, "person/扎尔达里")
            || has(&x, "person/扎尔达里", K::Met, "person/xi-jinping"),
        "{:?}",
        rels(&x)
    );
    // A meeting the heads will hold is a plan.
    let y = extract(
        "2024年7月5日，中国国家主席习近平同巴基斯坦总统扎尔达里出席仪式。两国元首将举行会谈。",
    );
    assert!(ends_of(&y, K::Met, true).is_empty(), "{:?}", rels(&y));
}

#[test]
fn a_countrys_abbreviation_as_its_own_word_opens_the_name_of_its_body() {
    let x = extract("斯教育部部长普雷马贾扬塔出席仪式。");
    let orgs = labels(&x, crate::model::EntityType::Organization);
    assert_eq!(orgs, vec!["斯教育部".to_string()], "{:?}", x.entities);
    // Two parties' abbreviations are no body's owner, and a common word is no proper name.
    let y = extract("双方同意落实中巴全面合作计划。中教育部门出席。");
    assert!(
        labels(&y, crate::model::EntityType::Organization).is_empty(),
        "{:?}",
        y.entities
    );
}

#[test]
fn an_english_community_of_two_parties_is_an_initiative_the_stance_to_build_supports() {
    let x =
        extract("Both sides agreed to build a China-Bangladesh community with a shared future.");
    let inits = labels(&x, crate::model::EntityType::Initiative);
    assert_eq!(
        inits,
        vec!["China-Bangladesh community with a shared future".to_string()],
        "{:?}",
        x.entities
    );
    assert!(
        ends_of(&x, K::Supports, true).contains(&"country/china"),
        "{:?}",
        rels(&x)
    );
    // A community of no named parties is no name; building without a stance states nothing.
    let y = extract(
        "The China-Pakistan community built a school. The community with a shared future was discussed.",
    );
    assert!(
        labels(&y, crate::model::EntityType::Initiative).is_empty(),
        "{:?}",
        y.entities
    );
}

#[test]
fn officials_of_countries_writing_names_in_chinese_characters_are_found_by_family_name() {
    let x = extract(
        "2023年12月，王毅和越南副总理陈流光共同主持会议。国家发展和改革委员会副主任宁吉喆出席。",
    );
    let persons = labels(&x, crate::model::EntityType::Person);
    for name in ["陈流光", "宁吉喆"] {
        assert!(persons.iter().any(|p| p == name), "{name}: {persons:?}");
    }
    // A word after the name ends it (共同, 代表): it is no part of the given name.
    assert!(persons.iter().all(|p| !p.contains('共')), "{persons:?}");
    let y = extract("孟加拉国灾害管理和救济部常秘李明代表两国政府签字。");
    assert!(
        labels(&y, crate::model::EntityType::Person)
            .iter()
            .all(|p| !p.contains("代")),
        "{:?}",
        y.entities
    );
}

#[test]
fn a_body_named_with_its_countrys_abbreviation_is_the_one_named_in_full() {
    let x = extract("巴基斯坦农业部部长出席。巴农业部官员表示感谢。");
    let orgs = ids_of(&x, crate::model::EntityType::Organization);
    assert_eq!(
        orgs,
        vec!["organization/巴基斯坦农业部"],
        "{:?}",
        x.entities
    );
    // Without the full name in the text the short form is a body of its own.
    let y = extract("巴农业部官员表示感谢。");
    assert_eq!(
        ids_of(&y, crate::model::EntityType::Organization),
        vec!["organization/巴农业部"],
        "{:?}",
        y.entities
    );
}

#[test]
fn an_occasion_introduced_by_its_capitalized_name_and_kind_and_held_is_an_event() {
    let x = extract(
        "A Chinese New Year celebration ceremony was held in Karachi on Wednesday. \
         Xi Jinping attended the ceremony.",
    );
    assert_eq!(
        labels(&x, crate::model::EntityType::Event),
        vec!["Chinese New Year celebration ceremony".to_string()],
        "{:?}",
        x.entities
    );
    // A kind alone names no occasion.
    let y =
        extract("A ceremony was held in Karachi on Wednesday. Xi Jinping attended the ceremony.");
    assert!(
        labels(&y, crate::model::EntityType::Event).is_empty(),
        "{:?}",
        y.entities
    );
}

#[test]
fn proposers_marked_on_their_name_flagship_works_and_rotating_chairs_are_stated() {
    let x = extract(
        "Both sides will deepen cooperation under the China-proposed Belt and Road Initiative.",
    );
    assert!(
        has(
            &x,
            "country/china",
            K::Proposed,
            "initiative/belt-and-road-initiative"
        ),
        "{:?}",
        rels(&x)
    );
    let y = extract("中巴经济走廊是共建“一带一路”的标志性工程。");
    assert!(
        has(
            &y,
            "project/china-pakistan-economic-corridor",
            K::PartOf,
            "initiative/belt-and-road-initiative"
        ),
        "{:?}",
        rels(&y)
    );
    // A country led by an initiative it did not propose: no mark joins them.
    let z = extract(
        "Pakistan welcomed the China-Pakistan Economic Corridor under the Belt and Road Initiative.",
    );
    assert!(ends_of(&z, K::Proposed, true).is_empty(), "{:?}", rels(&z));
}

#[test]
fn in_a_speech_under_its_byline_the_speaker_is_the_subject_of_sentences_naming_none() {
    let speech = "(2025年6月17日，阿斯塔纳)\n中华人民共和国主席 习近平\n尊敬的扎尔达里总统，\n各位同事，朋友们：\n\
                  很高兴来到美丽的伊斯兰堡，和大家共同出席第二届中国—中亚峰会。";
    let x = extract(speech);
    assert!(
        has(&x, "person/xi-jinping", K::Visited, "place/islamabad"),
        "{:?}",
        rels(&x)
    );
    assert!(
        ends_of(&x, K::Attended, true).contains(&"person/xi-jinping"),
        "{:?}",
        rels(&x)
    );
    // A report (no salutation closing its heading) has no speaker to lend.
    let y = extract("2025年6月17日，中华人民共和国主席习近平抵达。很高兴来到美丽的伊斯兰堡。");
    assert!(ends_of(&y, K::Visited, true).is_empty(), "{:?}", rels(&y));
}

#[test]
fn an_english_person_the_rules_found_in_full_is_then_found_by_the_last_name_alone() {
    let x = extract(
        "Kyrgyz Foreign Minister Erlan Abdyldaev held talks with Wang Yi on Monday. \
         Abdyldaev attended the Boao Forum for Asia Annual Conference on Tuesday. \
         Rector Denis Fomin-Nilov spoke. Fomin-Nilov praised the Belt and Road Initiative.",
    );
    let persons = ids_of(&x, crate::model::EntityType::Person);
    assert!(
        !persons
            .iter()
            .any(|p| *p == "person/abdyldaev" || *p == "person/fomin-nilov"),
        "{persons:?}"
    );
    assert!(
        ends_of(&x, K::Attended, true).contains(&"person/erlan-abdyldaev"),
        "{:?}",
        rels(&x)
    );
    // Two persons sharing the last word leave it to no one.
    let y = extract(
        "Minister Erlan Abdyldaev and Ambassador Ruslan Abdyldaev met. Abdyldaev attended the \
         Boao Forum for Asia Annual Conference.",
    );
    assert!(ends_of(&y, K::Attended, true).is_empty(), "{:?}", rels(&y));
}

#[test]
fn a_person_set_off_by_commas_after_an_office_with_two_posts_is_its_holder() {
    let x = extract(
        "The Ambassador of China to Sri Lanka, Qi Zhenhong, paid a courtesy call on State Minister Tharaka Balasuriya today.",
    );
    assert!(
        ids_of(&x, crate::model::EntityType::Person).contains(&"person/qi-zhenhong"),
        "{:?}",
        x.entities
    );
    assert!(
        ends_of(&x, K::Met, true).contains(&"person/qi-zhenhong")
            || ends_of(&x, K::Met, false).contains(&"person/qi-zhenhong"),
        "{:?}",
        rels(&x)
    );
    // A body after the office is no person.
    let y =
        extract("The Ambassador of China to Sri Lanka, Colombo Port City, was discussed today.");
    assert!(
        ids_of(&y, crate::model::EntityType::Person).is_empty(),
        "{:?}",
        y.entities
    );
}

#[test]
fn a_body_that_meets_with_a_meetings_word_after_it_is_a_meeting_unless_held_regularly() {
    let x = with_shipped_gazetteer("2025年7月15日，王毅在天津主持上合组织成员国外长理事会会议。");
    assert_eq!(
        labels(&x, crate::model::EntityType::Event),
        vec!["上合组织成员国外长理事会会议".to_string()],
        "{:?}",
        x.entities
    );
    assert!(
        ends_of(&x, K::Attended, true).contains(&"person/wang-yi"),
        "{:?}",
        rels(&x)
    );
    let y = with_shipped_gazetteer("双方同意定期举行上合组织成员国外长理事会会议。");
    assert!(
        labels(&y, crate::model::EntityType::Event).is_empty(),
        "{:?}",
        y.entities
    );
}

#[test]
fn what_an_english_body_is_for_belongs_to_its_name() {
    let x = extract("The China Foundation for Rural Development donated supplies to Pakistan.");
    assert_eq!(
        labels(&x, crate::model::EntityType::Organization),
        vec!["China Foundation for Rural Development".to_string()],
        "{:?}",
        x.entities
    );
    // A purpose in lower case is what the body does, not its name.
    let y = extract("The China Foundation for rural development donated supplies.");
    assert_eq!(
        labels(&y, crate::model::EntityType::Organization),
        vec!["China Foundation".to_string()],
        "{:?}",
        y.entities
    );
}

#[test]
fn a_known_person_named_with_a_shortened_given_name_is_that_person() {
    let x =
        with_shipped_gazetteer("Mongolian President Ukhnaa Khurelsukh met Wang Yi in Ulaanbaatar.");
    let persons = ids_of(&x, crate::model::EntityType::Person);
    assert!(
        persons.contains(&"person/ukhnaagiin-khurelsukh"),
        "{persons:?}"
    );
    assert!(
        !persons.contains(&"person/ukhnaa-khurelsukh"),
        "{persons:?}"
    );
    // A different given name is another person.
    let y =
        with_shipped_gazetteer("Mongolian Minister Bold Khurelsukh met Wang Yi in Ulaanbaatar.");
    assert!(
        !ids_of(&y, crate::model::EntityType::Person).contains(&"person/ukhnaagiin-khurelsukh"),
        "{:?}",
        y.entities
    );
}

#[test]
fn forms_of_address_in_a_row_are_no_persons_name() {
    let x = extract("Its General Secretary Professor Dr. Ahmad Haque spoke at the function.");
    let persons = labels(&x, crate::model::EntityType::Person);
    assert!(
        persons.iter().all(|p| p != "Dr" && p != "Professor"),
        "{persons:?}"
    );
    assert!(persons.iter().any(|p| p == "Ahmad Haque"), "{persons:?}");
}

#[test]
fn those_attending_together_with_the_subject_attend_with_it() {
    let x = extract(
        "On May 19, 2023, Foreign Minister Wang Yi attended the Opening Ceremony of the 19th Asian Games \
         together with President Shehbaz Sharif and Prime Minister Imran Khan.",
    );
    let attendees = ends_of(&x, K::Attended, true);
    for p in [
        "person/wang-yi",
        "person/shehbaz-sharif",
        "person/imran-khan",
    ] {
        assert!(attendees.contains(&p), "{p}: {:?}", rels(&x));
    }
    // Without the words of company the others named do nothing.
    let y = extract(
        "On May 19, 2023, Foreign Minister Wang Yi attended the Opening Ceremony of the 19th Asian Games \
         and later thanked President Shehbaz Sharif.",
    );
    assert!(
        !ends_of(&y, K::Attended, true).contains(&"person/shehbaz-sharif"),
        "{:?}",
        rels(&y)
    );
}

#[test]
fn a_known_transliterated_name_with_a_part_before_it_is_that_person_in_full() {
    let x = with_shipped_gazetteer("巴基斯坦国民议会议长萨达尔·阿亚兹·萨迪克出席。");
    assert_eq!(
        ids_of(&x, crate::model::EntityType::Person),
        vec!["person/ayaz-sadiq"],
        "{:?}",
        x.entities
    );
    assert!(
        has(
            &x,
            "person/ayaz-sadiq",
            K::LeaderOf,
            "organization/national-assembly-of-pakistan"
        ),
        "{:?}",
        rels(&x)
    );
    // An island of the whole: 台湾是中国不可分割的一部分.
    let y = with_shipped_gazetteer("塔方重申台湾是中国不可分割的一部分。");
    assert!(
        has(&y, "place/taiwan", K::LocatedIn, "country/china"),
        "{:?}",
        rels(&y)
    );
}

#[test]
fn a_minister_titled_dachen_heads_the_ministry_before_the_title() {
    let x = extract("柬副首相兼王宫事务部大臣贡桑奥等参加。使馆经济商务参赞邬国权等参加。");
    let persons = labels(&x, crate::model::EntityType::Person);
    for p in ["贡桑奥", "邬国权"] {
        assert!(persons.iter().any(|n| n == p), "{p}: {persons:?}");
    }
    assert!(
        ends_of(&x, K::LeaderOf, false).contains(&"organization/王宫事务部"),
        "{:?}",
        rels(&x)
    );
    // A counsellor leads nothing.
    assert_eq!(ends_of(&x, K::LeaderOf, true).len(), 1, "{:?}", rels(&x));
}

#[test]
fn an_aid_project_lies_in_the_country_aided_and_a_title_cuts_no_body() {
    let x = extract("中国援巴基斯坦应急管理中心项目可研会议召开。");
    let projects = ids_of(&x, crate::model::EntityType::Project);
    assert_eq!(projects.len(), 1, "{:?}", x.entities);
    assert!(
        has(&x, projects[0], K::LocatedIn, "country/pakistan"),
        "{:?}",
        rels(&x)
    );
    assert!(
        !has(&x, projects[0], K::LocatedIn, "country/china"),
        "{:?}",
        rels(&x)
    );
    // 首席部长 is a title: no body 旁遮普省首席部.
    let y = extract("巴基斯坦旁遮普省首席部长出席。");
    assert!(
        labels(&y, crate::model::EntityType::Organization).is_empty(),
        "{:?}",
        y.entities
    );
}

#[test]
fn an_editions_year_after_an_english_events_name_is_part_of_it() {
    let x = extract(
        "Yao Wen celebrated the \"Chinese New Year Spring Festival 2023\" in Dhaka on Friday. \
         Education Minister Dipu Moni spoke as the chief guest at the function.",
    );
    assert_eq!(
        labels(&x, crate::model::EntityType::Event),
        vec!["Chinese New Year Spring Festival 2023".to_string()],
        "{:?}",
        x.entities
    );
    // A count after the name is no year.
    let y = extract("The Chinese New Year Spring Festival 300 guests attended.");
    assert!(
        labels(&y, crate::model::EntityType::Event)
            .iter()
            .all(|e| !e.contains("300")),
        "{:?}",
        y.entities
    );
}

#[test]
fn a_state_body_named_bare_is_the_own_countrys_but_not_for_two_countries_or_as_a_source() {
    // The small gazetteer knows no foreign ministry: the body keeps its bare name (resolution to
    // the own country's known body is tested with 商务部).
    let mfa = "organization/外交部";
    let orgs = |t: &str| {
        ids_of(&extract(t), crate::model::EntityType::Organization)
            .iter()
            .map(|s| s.to_string())
            .collect::<Vec<_>>()
    };
    for t in [
        "外交部发言人汪文斌主持例行记者会。",
        "6月19日，外交部副部长孙卫东会见巴方代表团。",
    ] {
        assert!(orgs(t).iter().any(|o| o == mfa), "{t}: {:?}", orgs(t));
    }
    for t in [
        "双方同意由两国外交部在现有机制下加强磋商。",
        "保持两国外长经常性接触和外交部各层级机制性交往。",
        "《中巴联合声明》，外交部网站，2025年。",
        "王毅外交部长会见巴方代表团。",
    ] {
        assert!(!orgs(t).iter().any(|o| o == mfa), "{t}: {:?}", orgs(t));
    }
}

#[test]
fn a_name_cut_after_a_years_digits_takes_the_year_and_a_paper_naming_itself_is_no_body() {
    use crate::model::EntityType::{Document, Event, Organization};
    let x =
        extract("2021年澜湄合作专项基金缅方项目合作协议签约仪式以视频方式举行。双方签署项目协议。");
    assert!(
        ids_of(&x, Event).contains(&"event/2021年澜湄合作专项基金缅方项目合作协议签约仪式"),
        "{:?}",
        ids_of(&x, Event)
    );
    assert!(
        ids_of(&x, Document).contains(&"document/2021年澜湄合作专项基金缅方项目合作协议"),
        "{:?}",
        ids_of(&x, Document)
    );
    // No year's digits: no year, and no 年 opening the name.
    let y = extract("今年澜湄合作专项基金缅方项目合作协议签约仪式以视频方式举行。");
    assert!(
        ids_of(&y, Event).iter().all(|e| !e.contains('年')),
        "{:?}",
        ids_of(&y, Event)
    );
    // 本报 in a dateline is the paper itself; a news agency there is a body.
    let z = extract("本报卡拉奇6月8日电 当地时间6月8日，巴基斯坦各界举行活动。");
    assert!(
        ids_of(&z, Organization).is_empty(),
        "{:?}",
        ids_of(&z, Organization)
    );
}

#[test]
fn a_known_short_name_after_transliteration_sounds_ends_another_persons_name() {
    let ex = extractor_with(
        "[[entity]]\nid = \"person/ishaq-dar\"\ntype = \"Person\"\nzh = \"伊沙克·达尔\"\nen = \"Ishaq Dar\"\naliases_zh = [\"达尔\"]\n\n[[entity]]\nid = \"person/elbegdorj\"\ntype = \"Person\"\nzh = \"额勒贝格道尔吉\"\nen = \"Tsakhiagiin Elbegdorj\"\n",
    );
    let run = |text: &str| super::rule_tests::extract_doc_by(&ex, text, "测试", None, &[]);
    let persons = |t: &str| ids_of(&run(t), crate::model::EntityType::Person).join(" ");
    let x = persons("王毅在天津会见了阿富汗塔利班政治委员会负责人巴拉达尔一行。");
    assert!(!x.contains("ishaq-dar"), "{x}");
    // After a title or a known name the short name is the known person.
    let y = persons("王毅同巴基斯坦副总理兼外长达尔共同主持对话。");
    assert!(y.contains("ishaq-dar"), "{y}");
    // A known one-part transliterated name takes the part joined before it by the dot.
    let z = run("应蒙古国总统查希亚·额勒贝格道尔吉邀请，习近平对蒙古国进行国事访问。");
    let e = z
        .entities
        .iter()
        .find(|e| e.id == "person/elbegdorj")
        .expect("Elbegdorj found");
    assert!(
        z.entities
            .iter()
            .filter(|e| e.kind == crate::model::EntityType::Person)
            .all(|p| !p.id.contains('·')),
        "{:?}",
        ids_of(&z, crate::model::EntityType::Person)
    );
    assert_eq!(e.kind, crate::model::EntityType::Person);
}

#[test]
fn counts_pairs_periods_and_repeated_acts_name_nothing() {
    use crate::model::EntityType::{Country, Event, Place, Project};
    // 伊 abbreviates Iran in a text naming Iran (and no other country opening with 伊).
    let ex = extractor_with(
        "[[entity]]\nid = \"country/iran\"\ntype = \"Country\"\nzh = \"伊朗\"\nen = \"Iran\"\n",
    );
    let x = super::rule_tests::extract_doc_by(
        &ex,
        "伊朗同中国友好。中伊建交50多年来，两国关系稳步发展。",
        "测试",
        None,
        &[],
    );
    assert_eq!(ids_of(&x, Country), vec!["country/china", "country/iran"]);
    let y = extract("今年，习近平主席同巴方领导人两度会晤，达成重要共识。");
    assert!(ids_of(&y, Event).is_empty(), "{:?}", ids_of(&y, Event));
    let z = extract("中国西汉张骞、唐代玄奘都曾出使中亚。");
    assert!(
        ids_of(&z, Place)
            .iter()
            .all(|p| !p.contains("西汉") && !p.contains("唐代")),
        "{:?}",
        ids_of(&z, Place)
    );
    let w = extract("基金支持巴基斯坦项目涵盖多个领域。中方在巴实施近540个惠民项目。");
    assert!(ids_of(&w, Project).is_empty(), "{:?}", ids_of(&w, Project));
    // A named project after a country stays a name.
    let v = extract("中方支持巴基斯坦卡洛特水电站项目建设。");
    assert!(!ids_of(&v, Project).is_empty(), "{:?}", ids_of(&v, Project));
}

#[test]
fn a_chinese_given_name_after_an_honorific_is_the_person_named_in_full() {
    use crate::model::EntityType::Person;
    let x = extract(
        "Mr. Sun Weidong, Vice Minister of Foreign Affairs of China, led the Chinese delegation. Mr. Weidong appreciated Pakistan's support.",
    );
    assert_eq!(ids_of(&x, Person), vec!["person/sun-weidong"]);
    // Without an honorific the given name alone is no one's.
    let y = extract(
        "Mr. Sun Weidong, Vice Minister of Foreign Affairs of China, led the delegation. Weidong Street was closed.",
    );
    assert_eq!(ids_of(&y, Person), vec!["person/sun-weidong"]);
}

#[test]
fn the_plain_names_a_readouts_closing_line_lists_as_present_are_persons() {
    use crate::model::EntityType::Person;
    let x = extract("李强会见巴基斯坦客人。吴政隆、肖捷等参加会见。");
    let persons = ids_of(&x, Person);
    for p in ["person/吴政隆", "person/肖捷"] {
        assert!(persons.contains(&p), "{persons:?}");
    }
    // Words that are no names before the same words name no one.
    let y = extract("李强会见巴基斯坦客人。中方有关部门负责人参加会见，双方代表团成员参加会谈。");
    assert!(
        ids_of(&y, Person)
            .iter()
            .all(|p| !p.contains("负责人") && !p.contains("成员")),
        "{:?}",
        ids_of(&y, Person)
    );
    assert_eq!(ids_of(&y, Person).len(), 0, "{:?}", ids_of(&y, Person));
}

#[test]
fn english_names_run_over_their_parties_and_subject_and_a_short_form_is_the_longer_event() {
    use crate::model::EntityType::{Document, Event};
    let x = extract(
        "Joint Statement between the People's Republic of China and the Islamic Republic of Pakistan on the Establishment of All-Weather Strategic Partnership\nUpon the invitation of the Prime Minister, the President visited Pakistan.",
    );
    assert_eq!(
        ids_of(&x, Document),
        vec![
            "document/joint-statement-between-the-people-s-republic-of-china-and-the-islamic-republic-of-pakistan-on-the-establishment-of-all-weather-strategic-partnership"
        ]
    );
    let y = extract(
        "Islamabad: The Sixteenth Meeting of the Diplomatic Consultation Mechanism between the Ministries of Foreign Affairs of Pakistan and the People's Republic of China was held today.",
    );
    assert_eq!(
        ids_of(&y, Event),
        vec![
            "event/sixteenth-meeting-of-the-diplomatic-consultation-mechanism-between-the-ministries-of-foreign-affairs-of-pakistan-and-the-people-s-republic-of-china"
        ]
    );
    // Without a body's parties after it the meeting's name ends where it did.
    let z = extract(
        "The Sixteenth Meeting of the Joint Cooperation Committee was held today in Islamabad.",
    );
    assert_eq!(
        ids_of(&z, Event),
        vec!["event/sixteenth-meeting-of-the-joint-cooperation-committee"]
    );
    // The Qingdao Summit after the SCO Qingdao Summit is that summit; a summit named by one
    // word is not.
    let w = extract(
        "Both sides agreed to make the SCO Qingdao Summit a success. Pakistan supports China in hosting the Qingdao Summit.",
    );
    assert_eq!(ids_of(&w, Event), vec!["event/sco-qingdao-summit"]);
}

#[test]
fn a_joint_statement_titled_with_its_parties_in_the_first_sentence_is_issued_by_them() {
    let title = "document/joint-statement-between-the-people-s-republic-of-china-and-the-islamic-republic-of-pakistan-on-the-establishment-of-all-weather-strategic-partnership";
    let x = extract_doc(
        "Joint statement between China and Pakistan (Full Text)\n\nJoint Statement between the People's Republic of China and the Islamic Republic of Pakistan on the Establishment of All-Weather Strategic Partnership\n\nUpon the invitation of the Prime Minister, the President paid a state visit to Pakistan.",
        "en-statement",
        None,
        &[],
    );
    for p in ["country/china", "country/pakistan"] {
        assert!(has(&x, p, K::Issued, title), "{:?}", rels(&x));
    }
    // A joint statement a later sentence cites was issued before: no statement of issuing.
    let y = extract_doc(
        "The President paid a state visit to Pakistan.\n\nBoth sides recalled the Joint Statement between the People's Republic of China and the Islamic Republic of Pakistan on the Establishment of All-Weather Strategic Partnership.",
        "en-visit",
        None,
        &[],
    );
    assert!(
        !y.relations.iter().any(|r| r.kind == K::Issued),
        "{:?}",
        rels(&y)
    );
}

#[test]
fn titles_listed_before_a_name_each_hold_and_an_initial_before_a_known_name_is_its_part() {
    let x = extract("巴基斯坦人民党主席、政府总理吉拉尼会见中方客人。");
    let led: Vec<&str> = x
        .relations
        .iter()
        .filter(|r| r.kind == K::LeaderOf)
        .map(|r| r.object.as_str())
        .collect();
    assert!(
        led.iter()
            .any(|o| o.starts_with("organization/") && o.contains("人民党")),
        "{:?}",
        rels(&x)
    );
    let gaz = "[[entity]]\nid = \"person/elbegdorj\"\ntype = \"Person\"\nzh = \"额勒贝格道尔吉\"\nen = \"Tsakhiagiin Elbegdorj\"\n[[entity.roles]]\nrole = \"总统\"\nof = \"country/pakistan\"\n";
    let ex = extractor_with(gaz);
    let y = super::rule_tests::extract_doc_by(
        &ex,
        "习近平主席同查·额勒贝格道尔吉总统举行会谈。",
        "测试",
        None,
        &[],
    );
    assert!(
        has(&y, "person/xi-jinping", K::Met, "person/elbegdorj")
            || has(&y, "person/elbegdorj", K::Met, "person/xi-jinping"),
        "{:?}",
        rels(&y)
    );
}

#[test]
fn an_english_attendee_list_may_hold_long_offices_between_its_names() {
    let x = extract(
        "The opening ceremony of the Lahore Orange Line was held in Lahore.\nOn Friday, Chinese Ambassador to Pakistan Jiang Zaidong, a member of the Central Executive Committee of the Pakistan Peoples Party (PPP) and Lahore mayor Ali Haider Khan attended the ceremony.",
    );
    let attendees: Vec<&str> = x
        .relations
        .iter()
        .filter(|r| r.kind == K::Attended)
        .map(|r| r.subject.as_str())
        .collect();
    assert!(
        attendees.contains(&"person/jiang-zaidong") && attendees.len() >= 2,
        "{:?}",
        rels(&x)
    );
    // A sentence's end between two names ends the list.
    let y = extract(
        "The opening ceremony of the Lahore Orange Line was held in Lahore.\nChinese Ambassador to Pakistan Jiang Zaidong spoke. Then Lahore mayor Ali Haider Khan attended the ceremony.",
    );
    assert!(
        !has(
            &y,
            "person/jiang-zaidong",
            K::Attended,
            "event/opening-ceremony-of-the-lahore-orange-line"
        ),
        "{:?}",
        rels(&y)
    );
}

#[test]
fn a_body_s_head_and_a_parliament_are_found_by_their_words_and_a_name_ends_before_a_verb() {
    use crate::model::EntityType::{Organization, Person};
    let x = extract("王毅在天津会见了阿富汗塔利班政治委员会负责人巴拉达尔一行。");
    assert!(
        has(
            &x,
            "person/巴拉达尔",
            K::LeaderOf,
            "organization/阿富汗塔利班政治委员会"
        ),
        "{:?}",
        rels(&x)
    );
    // 负责人 with no name after it names no one.
    let y = extract("中方有关部门负责人参加会见。");
    assert!(ids_of(&y, Person).is_empty(), "{:?}", ids_of(&y, Person));
    let z = extract("巴基斯坦奉行国父真纳提出的对外政策。巴基斯坦参议院主席出席。");
    assert!(
        ids_of(&z, Person).contains(&"person/真纳"),
        "{:?}",
        ids_of(&z, Person)
    );
    assert!(
        ids_of(&z, Organization).contains(&"organization/巴基斯坦参议院"),
        "{:?}",
        ids_of(&z, Organization)
    );
    // A chamber's word alone, with no owner before it, names no body.
    let w = extract("参议院第一副主席出席。");
    assert!(
        ids_of(&w, Organization).is_empty(),
        "{:?}",
        ids_of(&w, Organization)
    );
}

#[test]
fn an_english_body_named_a_space_before_a_leading_title_is_led_by_the_person() {
    let ex = extractor_with(
        "[[entity]]\nid = \"organization/bfa\"\ntype = \"Organization\"\nzh = \"博鳌亚洲论坛\"\nen = \"Boao Forum for Asia\"\naliases_en = [\"BFA\"]\n",
    );
    let run = |t: &str| super::rule_tests::extract_doc_by(&ex, t, "测试", None, &[]);
    let x = run("BFA Chairman Ban Ki-moon addressed the forum.");
    assert!(
        has(&x, "person/ban-ki-moon", K::LeaderOf, "organization/bfa"),
        "{:?}",
        rels(&x)
    );
    // A body further back, or a title that leads nothing, gives no leader.
    let y = run("The BFA welcomed the guests, and Ambassador Ban Ki-moon addressed the forum.");
    assert!(
        !y.relations.iter().any(|r| r.kind == K::LeaderOf),
        "{:?}",
        rels(&y)
    );
}

#[test]
fn a_foreign_head_titled_without_a_country_heads_the_one_counterpart() {
    let x = extract("中国同巴基斯坦友好。王毅会见巴方客人。总理贾亚拉特纳表示欢迎。");
    assert!(
        has(&x, "person/贾亚拉特纳", K::LeaderOf, "country/pakistan"),
        "{:?}",
        rels(&x)
    );
    // A deputy's title is no head's; a Chinese name is no foreign one; with three parties the
    // counterpart is unsure.
    let y = extract("中国同巴基斯坦友好。王毅会见巴方客人。第一副总统贾亚拉特纳表示欢迎。");
    assert!(
        !y.relations.iter().any(|r| r.kind == K::LeaderOf),
        "{:?}",
        rels(&y)
    );
    let z = extract_with(
        "中国同巴基斯坦、古巴友好。王毅会见客人。总理贾亚拉特纳表示欢迎。",
        &[
            "country/china".to_string(),
            "country/pakistan".to_string(),
            "country/cuba".to_string(),
        ],
    );
    assert!(
        !z.relations.iter().any(|r| r.kind == K::LeaderOf),
        "{:?}",
        rels(&z)
    );
}

#[test]
fn a_country_whose_officials_have_chinese_names_is_not_the_texts_own() {
    let ex = extractor_with(
        "[[entity]]\nid = \"country/vietnam\"\ntype = \"Country\"\nzh = \"越南\"\nen = \"Vietnam\"\nabbr = \"越\"\n",
    );
    let x = super::rule_tests::extract_doc_by(
        &ex,
        "中国同越南友好。越南外交部发言人表示欢迎。王毅外长访越期间会见越方领导人。",
        "测试",
        None,
        &[],
    );
    let orgs = ids_of(&x, crate::model::EntityType::Organization);
    // Vietnam's ministry keeps its country in its name (it is not China's bare 外交部).
    assert!(orgs.contains(&"organization/越南外交部"), "{orgs:?}");
    // 访越 is a visit to Vietnam, as 访缅 is to Myanmar (访华 alone is the own country's).
    assert!(
        x.relations
            .iter()
            .any(|r| r.kind == K::Visited && r.object == "country/vietnam"),
        "{:?}",
        rels(&x)
    );
}

/// Nepal, Kazakhstan, the One-China principle, Oli with dotted initials and Bhandari, for the
/// English and treaty tests below.
const NEPAL_GAZ: &str = "[[entity]]\nid = \"country/nepal\"\ntype = \"Country\"\nzh = \"尼泊尔\"\nen = \"Nepal\"\nabbr = \"尼\"\n\n[[entity]]\nid = \"country/kazakhstan\"\ntype = \"Country\"\nzh = \"哈萨克斯坦\"\nen = \"Kazakhstan\"\naliases_zh = [\"哈萨克斯坦共和国\"]\nabbr = \"哈\"\n\n[[entity]]\nid = \"initiative/one-china-principle\"\ntype = \"Initiative\"\nzh = \"一个中国原则\"\nen = \"One-China Principle\"\n\n[[entity]]\nid = \"person/khadga-prasad-sharma-oli\"\ntype = \"Person\"\nzh = \"卡德加·普拉萨德·夏尔马·奥利\"\nen = \"Khadga Prasad Sharma Oli\"\naliases_en = [\"K. P. Sharma Oli\"]\n\n[[entity]]\nid = \"person/bidya-devi-bhandari\"\ntype = \"Person\"\nzh = \"比迪娅·德维·班达里\"\nen = \"Bidya Devi Bhandari\"\n";

#[test]
fn english_heads_of_delegations_meet_and_attend_the_meeting_named_before() {
    let x = extract(
        "The Fifth Meeting of the China-Pakistan Diplomatic Consultation Mechanism was held today in Islamabad.\n\nMs. Amna Baloch, Foreign Secretary of Pakistan led the Pakistani delegation to the Meeting and Mr. Sun Weidong, Vice Minister of Foreign Affairs of China led the Chinese delegation.",
    );
    assert!(
        has(&x, "person/amna-baloch", K::Met, "person/sun-weidong")
            || has(&x, "person/sun-weidong", K::Met, "person/amna-baloch"),
        "{:?}",
        rels(&x)
    );
    let attended = ends_of(&x, K::Attended, true);
    for p in ["person/amna-baloch", "person/sun-weidong"] {
        assert!(attended.contains(&p), "{p}: {:?}", rels(&x));
    }
    // Leading something else (a campaign) heads no delegation.
    let y = extract(
        "The Fifth Meeting of the China-Pakistan Diplomatic Consultation Mechanism was held today. Ms. Amna Baloch led the campaign and Mr. Sun Weidong led the review.",
    );
    assert!(ends_of(&y, K::Met, true).is_empty(), "{:?}", rels(&y));
}

#[test]
fn the_two_sides_during_a_meeting_attended_it_but_not_during_a_visit() {
    let parties = ["country/china".to_string(), "country/pakistan".to_string()];
    let x = extract_with(
        "The Fifth Meeting of the China-Pakistan Strategic Dialogue was held today in Islamabad. During the Meeting, the two sides reviewed bilateral relations.",
        &parties,
    );
    let attended = ends_of(&x, K::Attended, true);
    for c in ["country/china", "country/pakistan"] {
        assert!(attended.contains(&c), "{c}: {:?}", rels(&x));
    }
    let y = extract_with(
        "The Fifth Meeting of the China-Pakistan Strategic Dialogue was held today in Islamabad. During the visit, the two sides reviewed bilateral relations.",
        &parties,
    );
    assert!(
        !ends_of(&y, K::Attended, true).contains(&"country/china"),
        "{:?}",
        rels(&y)
    );
}

#[test]
fn a_possessor_before_its_commitment_supports_the_object_and_the_one_praising_does_not() {
    let ex = extractor_with(NEPAL_GAZ);
    let run = |text: &str| super::rule_tests::extract_doc_by(&ex, text, "测试", None, &[]);
    // The gazetteer's One-China Principle is found written with a space as well.
    let x = run("Vice Minister Sun Weidong appreciated Nepal’s commitment to One China Principle.");
    assert!(
        has(
            &x,
            "country/nepal",
            K::Supports,
            "initiative/one-china-principle"
        ),
        "{:?}",
        rels(&x)
    );
    assert_eq!(ends_of(&x, K::Supports, true), vec!["country/nepal"]);
    let y = run("China appreciates Pakistan's commitment to the China-Pakistan Economic Corridor.");
    assert!(
        has(
            &y,
            "country/pakistan",
            K::Supports,
            "project/china-pakistan-economic-corridor"
        ),
        "{:?}",
        rels(&y)
    );
    assert!(
        !ends_of(&y, K::Supports, true).contains(&"country/china"),
        "{:?}",
        rels(&y)
    );
    // A commitment with no one before it is no one's.
    let z = run("The commitment to the China-Pakistan Economic Corridor was praised.");
    assert!(ends_of(&z, K::Supports, true).is_empty(), "{:?}", rels(&z));
}

#[test]
fn an_english_list_of_verbs_after_commas_shares_its_subject_and_an_inviter_visits_nowhere() {
    let ex = extractor_with(NEPAL_GAZ);
    let run = |text: &str| super::rule_tests::extract_doc_by(&ex, text, "测试", None, &[]);
    let x = run(
        "At the invitation of Rt. Hon. Bidya Devi Bhandari, President of Nepal, H.E. Mr. Xi Jinping, President of the People’s Republic of China, paid a state visit to Nepal. During the visit, President Xi met with President Bhandari, held talks with Prime Minister K P Sharma Oli and attended the banquet.",
    );
    assert!(
        has(&x, "person/xi-jinping", K::Visited, "country/nepal"),
        "{:?}",
        rels(&x)
    );
    assert!(
        !has(
            &x,
            "person/bidya-devi-bhandari",
            K::Visited,
            "country/nepal"
        ),
        "{:?}",
        rels(&x)
    );
    // K P Sharma Oli is the gazetteer's K. P. Sharma Oli, and Xi, not Bhandari, met him.
    let met_oli = |a: &str| {
        has(&x, a, K::Met, "person/khadga-prasad-sharma-oli")
            || has(&x, "person/khadga-prasad-sharma-oli", K::Met, a)
    };
    assert!(met_oli("person/xi-jinping"), "{:?}", rels(&x));
    assert!(!met_oli("person/bidya-devi-bhandari"), "{:?}", rels(&x));
    // A verb after a comma that closes no verb's object keeps the subject before it.
    let y =
        run("Prime Minister K P Sharma Oli, who arrived on Monday, met with President Xi Jinping.");
    assert!(
        has(
            &y,
            "person/khadga-prasad-sharma-oli",
            K::Met,
            "person/xi-jinping"
        ) || has(
            &y,
            "person/xi-jinping",
            K::Met,
            "person/khadga-prasad-sharma-oli"
        ),
        "{:?}",
        rels(&y)
    );
}

#[test]
fn a_head_count_closing_its_sentence_attended_the_occasion_named_before() {
    let x = extract(
        "中国驻巴基斯坦大使馆举行国庆75周年招待会。中国驻巴基斯坦大使姜再冬、巴基斯坦外长达尔等近1000人出席。",
    );
    assert!(
        ends_of(&x, K::Attended, true).contains(&"person/姜再冬"),
        "{:?}",
        rels(&x)
    );
    // With no occasion named before, the guests attended nothing.
    let y = extract("中国驻巴基斯坦大使姜再冬等近1000人出席。");
    assert!(ends_of(&y, K::Attended, true).is_empty(), "{:?}", rels(&y));
}

#[test]
fn a_quoted_title_keeps_its_subtitle_and_a_request_ends_a_name() {
    use crate::model::EntityType::{Event, Person};
    let x = extract("6月21日，“中国与巴基斯坦：全天候战略伙伴”研讨会在伊斯兰堡召开。");
    assert_eq!(
        ids_of(&x, Event),
        vec!["event/中国与巴基斯坦：全天候战略伙伴研讨会"]
    );
    // A colon outside quotes still ends what comes before it.
    let y = extract("他表示：研讨会在伊斯兰堡召开。");
    assert!(ids_of(&y, Event).is_empty(), "{:?}", ids_of(&y, Event));
    let z = extract("迪亚斯-卡内尔请李强转达对习近平主席的良好祝愿。");
    assert!(
        ids_of(&z, Person).iter().all(|p| !p.contains('请')),
        "{:?}",
        ids_of(&z, Person)
    );
}

#[test]
fn a_treaty_signed_with_no_signer_named_is_signed_by_the_countries_its_title_names() {
    use crate::model::FactDate;
    let ex = extractor_with(NEPAL_GAZ);
    let run = |text: &str| super::rule_tests::extract_doc_by(&ex, text, "测试", None, &[]);
    let x =
        run("强调恪守2002年12月23日签订的《中华人民共和国和哈萨克斯坦共和国睦邻友好合作条约》。");
    let signed: Vec<&crate::model::Relation> =
        x.relations.iter().filter(|r| r.kind == K::Signed).collect();
    let mut signers: Vec<&str> = signed.iter().map(|r| r.subject.as_str()).collect();
    signers.sort();
    assert_eq!(
        signers,
        vec!["country/china", "country/kazakhstan"],
        "{:?}",
        rels(&x)
    );
    assert!(
        signed
            .iter()
            .all(|r| r.date == FactDate::parse("2002-12-23")),
        "{:?}",
        rels(&x)
    );
    // A title naming no two countries names no signers.
    let y = run("双方强调恪守2017年签署的《关于共建丝绸之路经济带的谅解备忘录》。");
    assert!(ends_of(&y, K::Signed, true).is_empty(), "{:?}", rels(&y));
}

/// The NDRC and Ahsan Iqbal, for the tests of bodies after their country below.
const BODY_GAZ: &str = "[[entity]]\nid = \"organization/national-development-and-reform-commission\"\ntype = \"Organization\"\nzh = \"国家发展和改革委员会\"\nen = \"National Development and Reform Commission\"\n\n[[entity]]\nid = \"person/ahsan-iqbal\"\ntype = \"Person\"\nzh = \"阿赫桑·伊克巴尔\"\nen = \"Ahsan Iqbal\"\naliases_zh = [\"伊克巴尔\"]\n";

#[test]
fn a_countrys_plan_alone_is_no_initiative_and_a_special_portfolio_stays_in_its_ministry() {
    use crate::model::EntityType::{Initiative, Organization};
    let ex = extractor_with(BODY_GAZ);
    let run = |text: &str| super::rule_tests::extract_doc_by(&ex, text, "测试", None, &[]);
    let x = run("巴基斯坦计划发展和特别任务部部长伊克巴尔表示感谢。");
    assert!(
        ids_of(&x, Initiative).is_empty(),
        "{:?}",
        ids_of(&x, Initiative)
    );
    assert_eq!(
        ids_of(&x, Organization),
        vec!["organization/巴基斯坦计划发展和特别任务部"]
    );
    assert!(
        has(
            &x,
            "person/ahsan-iqbal",
            K::LeaderOf,
            "organization/巴基斯坦计划发展和特别任务部"
        ),
        "{:?}",
        rels(&x)
    );
    // A plan with a name of its own stays one.
    let y = run("中方支持巴基斯坦国家发展计划。");
    assert!(
        !ids_of(&y, Initiative).is_empty(),
        "{:?}",
        ids_of(&y, Initiative)
    );
    // 特别 as an adverb opens no body's name.
    let z = run("中方特别重视巴基斯坦计划发展部的意见。");
    assert!(
        ids_of(&z, Organization).iter().all(|o| !o.contains("特别")),
        "{:?}",
        ids_of(&z, Organization)
    );
}

#[test]
fn a_body_after_its_countrys_name_acts_and_a_provinces_body_keeps_the_province() {
    use crate::model::EntityType::Organization;
    let ex = extractor_with(BODY_GAZ);
    let run = |text: &str| super::rule_tests::extract_doc_by(&ex, text, "测试", None, &[]);
    let x = run(
        "中国国家发展和改革委员会愿与巴方一道，充分发挥联委会作用，携手构建新时代更加紧密的中巴命运共同体。",
    );
    let supporters = ends_of(&x, K::Supports, true);
    assert!(
        supporters.contains(&"organization/national-development-and-reform-commission"),
        "{:?}",
        rels(&x)
    );
    assert!(!supporters.contains(&"country/china"), "{:?}", rels(&x));
    let y = run("由王平副厅长率领的西藏自治区商务厅代表团出席仪式。");
    assert_eq!(
        ids_of(&y, Organization),
        vec!["organization/西藏自治区商务厅"]
    );
    // The body jieba names after a country is left to the suffix rules (中国外交部 stays known).
    let z = extract("云南省商务厅代表和巴基斯坦驻华大使出席。");
    assert_eq!(ids_of(&z, Organization), vec!["organization/云南省商务厅"]);
}

#[test]
fn communities_need_a_proper_name_and_praise_verbs_open_no_names() {
    use crate::model::EntityType::{Initiative, Project};
    let x = extract("中方愿与吉方携手推动构建中吉发展共同体、卫生健康共同体。");
    assert_eq!(ids_of(&x, Initiative), vec!["initiative/中吉发展共同体"]);
    let y = extract("哈西娜出席仪式，盛赞项目是孟加拉国交通基础设施领域的新里程碑。");
    assert!(ids_of(&y, Project).is_empty(), "{:?}", ids_of(&y, Project));
}

#[test]
fn an_unknown_title_before_a_name_and_a_headline_verb_after_it_are_no_part_of_it() {
    use crate::model::EntityType::Person;
    let x = extract("尼泊尔教育部部秘尚塔·巴哈杜·什雷斯塔出席仪式。");
    assert!(
        ids_of(&x, Person).iter().all(|p| !p.contains("部秘")),
        "{:?}",
        ids_of(&x, Person)
    );
    assert!(!ids_of(&x, Person).is_empty(), "{:?}", ids_of(&x, Person));
    let y = extract("Pakistani President Asif Ali Zardari Meets with Wang Yi");
    assert!(
        ids_of(&y, Person).iter().all(|p| !p.contains("meets")),
        "{:?}",
        ids_of(&y, Person)
    );
}

#[test]
fn english_verbs_joined_by_and_share_their_subject_and_capitalized_phrases_are_triggers() {
    let ex = extractor_with(NEPAL_GAZ);
    let run = |text: &str| super::rule_tests::extract_doc_by(&ex, text, "测试", None, &[]);
    let x = run(
        "During the visit, President Bidya Devi Bhandari held talks with President Xi Jinping and also met Prime Minister K P Sharma Oli.",
    );
    let met_oli = |a: &str| {
        has(&x, a, K::Met, "person/khadga-prasad-sharma-oli")
            || has(&x, "person/khadga-prasad-sharma-oli", K::Met, a)
    };
    assert!(met_oli("person/bidya-devi-bhandari"), "{:?}", rels(&x));
    assert!(!met_oli("person/xi-jinping"), "{:?}", rels(&x));
    let y =
        run("President Bidya Devi Bhandari paid a State Visit to the People's Republic of China.");
    assert!(
        has(
            &y,
            "person/bidya-devi-bhandari",
            K::Visited,
            "country/china"
        ),
        "{:?}",
        rels(&y)
    );
    let z = run("President Xi Jinping met Wang Yi, who was visiting Nepal.");
    assert!(
        ends_of(&z, K::Visited, false).contains(&"country/nepal"),
        "{:?}",
        rels(&z)
    );
}

#[test]
fn a_country_named_with_side_acts_and_a_far_object_of_support_is_none() {
    let ex = extractor_with(NEPAL_GAZ);
    let run = |text: &str| super::rule_tests::extract_doc_by(&ex, text, "测试", None, &[]);
    // The gazetteer's name capitalized word by word is found too.
    let x = run(
        "The Nepal side reaffirmed its commitment to the One-China Principle. The Nepal Side Supports The One-china Principle.",
    );
    assert!(
        has(
            &x,
            "country/nepal",
            K::Supports,
            "initiative/one-china-principle"
        ),
        "{:?}",
        rels(&x)
    );
    let y = extract(
        "I would like to thank China for its strong support for Pakistan's promotion of universal vaccination, and its efforts in facilitating debt relief within the framework of the Shanghai Cooperation Organisation.",
    );
    assert!(
        !ends_of(&y, K::Supports, false)
            .contains(&"organization/shanghai-cooperation-organisation"),
        "{:?}",
        rels(&y)
    );
    // One near the word of support is supported.
    let z =
        extract("China expressed its strong support for the Shanghai Cooperation Organisation.");
    assert!(
        has(
            &z,
            "country/china",
            K::Supports,
            "organization/shanghai-cooperation-organisation"
        ),
        "{:?}",
        rels(&z)
    );
}

#[test]
fn supporting_a_country_abbreviated_in_joining_a_body_supports_no_body() {
    let x = extract("中方积极支持巴加入上合组织。");
    assert!(
        !ends_of(&x, K::Supports, false)
            .contains(&"organization/shanghai-cooperation-organisation"),
        "{:?}",
        rels(&x)
    );
    let y = extract("中方积极支持上合组织发展。");
    assert!(
        has(
            &y,
            "country/china",
            K::Supports,
            "organization/shanghai-cooperation-organisation"
        ),
        "{:?}",
        rels(&y)
    );
}

#[test]
fn offices_in_lower_case_after_a_name_are_held_and_a_second_one_after_and_too() {
    let ex = extractor_with(
        "[[entity]]\nid = \"organization/communist-party-of-china\"\ntype = \"Organization\"\nzh = \"中国共产党\"\nen = \"Communist Party of China\"\n",
    );
    let run = |text: &str| super::rule_tests::extract_doc_by(&ex, text, "测试", None, &[]);
    let x = run(
        "Under the guidance of Xi Jinping, general secretary of the Communist Party of China Central Committee and Chinese president, the two countries worked closely.",
    );
    for o in ["organization/communist-party-of-china", "country/china"] {
        assert!(
            has(&x, "person/xi-jinping", K::LeaderOf, o),
            "{o}: {:?}",
            rels(&x)
        );
    }
    // A deputy's office leads nothing, in any case.
    let y = run(
        "Han Zheng, vice president of the Communist Party of China Central Committee school, spoke.",
    );
    assert!(ends_of(&y, K::LeaderOf, true).is_empty(), "{:?}", rels(&y));
}

#[test]
fn a_diplomats_rank_before_a_name_makes_a_person() {
    use crate::model::EntityType::Person;
    let x = extract("Counsellor Song Yang hosted the ceremony. Consul General Zhang Qing spoke.");
    let persons = ids_of(&x, Person);
    for p in ["person/song-yang", "person/zhang-qing"] {
        assert!(persons.contains(&p), "{p}: {persons:?}");
    }
    // A rank alone names no one.
    let y = extract("The Counsellor hosted the ceremony.");
    assert!(ids_of(&y, Person).is_empty(), "{:?}", ids_of(&y, Person));
}

#[test]
fn welcoming_what_another_party_proposed_supports_it() {
    let parties = ["country/china".to_string(), "country/cuba".to_string()];
    let x = extract_with("古方欢迎中方提出的《全球数据安全倡议》。", &parties);
    let doc = "document/全球数据安全倡议";
    assert!(has(&x, "country/cuba", K::Supports, doc), "{:?}", rels(&x));
    assert!(has(&x, "country/china", K::Proposed, doc), "{:?}", rels(&x));
    // Welcoming what another party does with the object still supports nothing.
    let y = extract_with("古方欢迎中方参与《全球数据安全倡议》。", &parties);
    assert!(!has(&y, "country/cuba", K::Supports, doc), "{:?}", rels(&y));
}

#[test]
fn english_persons_stand_after_offices_joined_by_and_initials_ranks_and_lower_case_titles() {
    use crate::model::EntityType::Person;
    let x = extract(
        "Chinese Ambassador to Cambodia Wang Wentian and Cambodian Deputy Prime Minister Tea Banh attended. \
         Cuba's Deputy Minister of Foreign Trade and Foreign Investment Deborah Rivas and Vice Minister of Public Health Regla Angulo attended. \
         \"We hope it lasts,\" Prasanna Gunasena, deputy minister of transport and highways, told reporters. \
         He was accompanied by Director General of the Road Development Authority K.W. Kandambi. \
         Present were Under Secretary at the President's Office Fayyaz Shathir and the International Spokesman at the President's Office Ibrahim Hussain Shihab. \
         BIDA executive chairman Lokman Hossain Miah and CEAB chairman Ke Changliang delivered speeches. \
         Wang Yi met Minister of Foreign Affairs and International Cooperation Prak Sokhon of Cambodia.",
    );
    let persons = ids_of(&x, Person);
    for p in [
        "person/wang-wentian",
        "person/tea-banh",
        "person/deborah-rivas",
        "person/regla-angulo",
        "person/prasanna-gunasena",
        "person/k-w-kandambi",
        "person/fayyaz-shathir",
        "person/ibrahim-hussain-shihab",
        "person/lokman-hossain-miah",
        "person/ke-changliang",
        "person/prak-sokhon",
    ] {
        assert!(persons.contains(&p), "{p}: {persons:?}");
    }
    // A title before a verb of saying is the speaker, and an office's words before a name
    // belong to the office.
    let y = extract(
        "Bhairahawa is where Lumbini, the birth place of Lord Buddha, lies, the chairman said. \
         The call was attended by the Bilateral Secretary of the Ministry of Foreign Affairs Ahmed Khaleel, Under Secretary at the President's Office Fayyaz Shathir.",
    );
    let persons = ids_of(&y, Person);
    assert!(!persons.iter().any(|p| p.contains("buddha")), "{persons:?}");
    assert!(persons.contains(&"person/ahmed-khaleel"), "{persons:?}");
    assert!(
        !persons.iter().any(|p| p.contains("affairs")),
        "{persons:?}"
    );
}

#[test]
fn english_places_are_named_by_their_kind_and_lie_in_what_follows_the_comma() {
    use crate::model::EntityType::{Organization, Place};
    let x = extract(
        "The ceremony was held in the Issyk-Kul Oblast. The centre in Attapeu Province, Laos, was handed over. \
         Wang Yi held talks in Chengdu, Sichuan Province, on Friday. The governor of Sichuan Province spoke.",
    );
    let places = ids_of(&x, Place);
    for p in ["place/issyk-kul-oblast", "place/attapeu-province"] {
        assert!(places.contains(&p), "{p}: {places:?}");
    }
    assert!(!places.contains(&"place/sichuan-province"), "{places:?}");
    assert!(
        has(&x, "place/attapeu-province", K::LocatedIn, "country/laos"),
        "{:?}",
        rels(&x)
    );
    assert!(
        has(&x, "place/chengdu", K::LocatedIn, "place/sichuan"),
        "{:?}",
        rels(&x)
    );
    // A body named with a province is no place, and a list of places holds nothing.
    let y = extract(
        "The foreign affairs office of the People's Government of Yunnan Province organised it. \
         Delegates from Lahore, Karachi, Punjab Province attended.",
    );
    assert!(
        !ids_of(&y, Place).iter().any(|p| p.contains("government")),
        "{:?}",
        ids_of(&y, Place)
    );
    assert!(
        !ids_of(&y, Organization)
            .iter()
            .any(|p| p.ends_with("-province")),
        "{:?}",
        ids_of(&y, Organization)
    );
    assert!(ends_of(&y, K::LocatedIn, true).is_empty(), "{:?}", rels(&y));
}

#[test]
fn a_word_of_several_triggers_is_tried_as_each_and_english_stances_reach_through_nominal_phrases() {
    let x = extract(
        "Since Pakistan joined the Belt and Road Initiative in 2016, cooperation grew. \
         Pakistan is willing to participate in the Global Development Initiative.",
    );
    for o in [
        "initiative/belt-and-road-initiative",
        "initiative/global-development-initiative",
    ] {
        assert!(
            has(&x, "country/pakistan", K::Supports, o),
            "{o}: {:?}",
            rels(&x)
        );
    }
    let z = extract(
        "Wang Yi said both sides should continue to advance the construction of the Belt and Road Initiative.",
    );
    assert!(
        has(
            &z,
            "country/china",
            K::Supports,
            "initiative/belt-and-road-initiative"
        ),
        "{:?}",
        rels(&z)
    );
    // Taking part in an event is still attending it, and no one supports an event.
    let y = extract("Wang Yi participated in the China-South Asia Expo.");
    assert!(ends_of(&y, K::Supports, true).is_empty(), "{:?}", rels(&y));
}

#[test]
fn foreign_officials_stand_after_long_ministries_business_titles_and_in_lists_sharing_a_title() {
    use crate::model::EntityType::Person;
    let x = extract(
        "斯里兰卡发展战略与国际贸易部长萨马拉维克拉马23日表示，斯方愿同中方合作。\
         港口集团首席运营官维克勒马辛格介绍说，港口运营良好。\
         乌兹别克斯坦民族大会副主席马姆苏罗夫、卡萨诺夫出席招待会。\
         乌外交部副代表卡里布让诺夫出席招待会。",
    );
    let found = labels(&x, Person);
    for p in [
        "萨马拉维克拉马",
        "维克勒马辛格",
        "马姆苏罗夫",
        "卡萨诺夫",
        "卡里布让诺夫",
    ] {
        assert!(found.iter().any(|l| l == p), "{p}: {found:?}");
    }
    // A list item that is no such name is no person.
    let y = extract("乌兹别克斯坦民族大会副主席马姆苏罗夫、中方代表出席招待会。");
    let found = labels(&y, Person);
    assert_eq!(found, vec!["马姆苏罗夫".to_string()], "{found:?}");
}

#[test]
fn words_after_an_unnamed_many_name_no_initiative() {
    use crate::model::EntityType::Initiative;
    let x = extract("巴方支持习近平主席提出的一系列重大国际合作倡议。");
    assert!(
        ids_of(&x, Initiative).is_empty(),
        "{:?}",
        ids_of(&x, Initiative)
    );
    assert!(ends_of(&x, K::Proposed, true).is_empty(), "{:?}", rels(&x));
    let z = extract("双方将实施一批重要合作项目。");
    assert!(
        ids_of(&z, crate::model::EntityType::Project).is_empty(),
        "{:?}",
        ids_of(&z, crate::model::EntityType::Project)
    );
    // Quoted words before the head name one.
    let y = extract("巴方支持中方提出的“数字丝路”倡议。");
    assert!(!ids_of(&y, Initiative).is_empty(), "{:?}", rels(&y));
}

#[test]
fn english_bodies_end_in_group_keep_their_number_and_the_subject_after_on() {
    use crate::model::EntityType::{Organization, Project};
    let x = extract(
        "The project was undertaken by China Railway No.5 Engineering Group. \
         The 4th meeting of CPEC Joint Working Group on International Cooperation and Coordination was held.",
    );
    let bodies = ids_of(&x, Organization);
    for o in [
        "organization/china-railway-no-5-engineering-group",
        "organization/cpec-joint-working-group-on-international-cooperation-and-coordination",
    ] {
        assert!(bodies.contains(&o), "{o}: {bodies:?}");
    }
    assert!(
        !ids_of(&x, Project).contains(&"project/china-railway"),
        "{:?}",
        ids_of(&x, Project)
    );
    // A group of no proper name is no body; `on` after other heads starts no subject.
    let y = extract("The Working Group met. The Ministry on Monday said so.");
    assert!(
        ids_of(&y, Organization).is_empty(),
        "{:?}",
        ids_of(&y, Organization)
    );
}

#[test]
fn the_political_bureau_of_a_party_names_the_party_and_an_organ_of_it_keeps_its_name() {
    use crate::model::EntityType::Organization;
    let ex = extractor_with(
        "[[entity]]\nid = \"organization/communist-party-of-china\"\ntype = \"Organization\"\nzh = \"中国共产党\"\nen = \"Communist Party of China\"\naliases_en = [\"CPC\", \"CPC Central Committee\", \"Communist Party of China Central Committee\"]\n",
    );
    let run = |text: &str| super::rule_tests::extract_doc_by(&ex, text, "测试", None, &[]);
    let x = run(
        "Guo Shengkun, a member of the Political Bureau of the CPC Central Committee, and head of the Commission for Political and Legal Affairs of the CPC Central Committee, spoke.",
    );
    let bodies = ids_of(&x, Organization);
    assert!(
        bodies.contains(&"organization/communist-party-of-china"),
        "{bodies:?}"
    );
    assert!(
        bodies.contains(
            &"organization/commission-for-political-and-legal-affairs-of-the-cpc-central-committee"
        ),
        "{bodies:?}"
    );
    assert!(!bodies.iter().any(|b| b.contains("bureau")), "{bodies:?}");
}

#[test]
fn named_venues_are_places_and_generic_ones_are_no_names() {
    use crate::model::EntityType::{Organization, Place};
    let x = extract(
        "展览在昆明滇池国际会展中心开幕。The programme was held at Bangabandhu Bangladesh-China Friendship Exhibition Centre in Dhaka.",
    );
    let places = ids_of(&x, Place);
    for p in [
        "place/昆明滇池国际会展中心",
        "place/bangabandhu-bangladesh-china-friendship-exhibition-centre",
    ] {
        assert!(places.contains(&p), "{p}: {places:?}");
    }
    assert!(
        ids_of(&x, Organization).is_empty(),
        "{:?}",
        ids_of(&x, Organization)
    );
    let y = extract("代表团入住高级酒店。");
    assert!(ids_of(&y, Place).is_empty(), "{:?}", ids_of(&y, Place));
}

#[test]
fn an_event_spoken_of_as_a_topic_is_no_occasion_a_reference_points_to() {
    let x = extract(
        "此次活动旨在介绍第三届“一带一路”国际合作高峰论坛成果。中国驻巴基斯坦大使姜再冬出席活动。",
    );
    assert!(ends_of(&x, K::Attended, true).is_empty(), "{:?}", rels(&x));
    // Named as the occasion, it is the one attended.
    let y =
        extract("第三届“一带一路”国际合作高峰论坛在北京举行。中国驻巴基斯坦大使姜再冬出席活动。");
    assert!(!ends_of(&y, K::Attended, true).is_empty(), "{:?}", rels(&y));
}

#[test]
fn a_ceremony_of_two_joined_projects_is_named_from_the_first() {
    use crate::model::EntityType::Event;
    let x = extract(
        "援巴基斯坦瓜达尔中学项目和卡拉奇医院项目开工仪式在卡拉奇举行，中国驻巴基斯坦大使姜再冬出席仪式。",
    );
    let events = labels(&x, Event);
    assert!(
        events
            .iter()
            .any(|e| e == "援巴基斯坦瓜达尔中学项目和卡拉奇医院项目开工仪式"),
        "{events:?}"
    );
    // A ceremony after anything else joined keeps its own start.
    let y = extract("中巴双方和卡拉奇医院项目开工仪式的来宾出席。");
    assert!(
        !labels(&y, Event).iter().any(|e| e.starts_with("中巴")),
        "{:?}",
        labels(&y, Event)
    );
}

#[test]
fn english_names_joined_by_a_hyphen_are_one_name() {
    use crate::model::EntityType::Event;
    let x =
        extract("The President attended the Global Services Forum-Beijing Summit held in Beijing.");
    let events = ids_of(&x, Event);
    assert_eq!(
        events,
        vec!["event/global-services-forum-beijing-summit"],
        "{events:?}"
    );
}

#[test]
fn a_ceremony_held_for_a_building_keeps_the_word_building() {
    use crate::model::EntityType::Event;
    let x = extract(
        "Li Qiang attended the inauguration ceremony of the China-aided Mahosot General Hospital building.",
    );
    assert_eq!(
        ids_of(&x, Event),
        vec!["event/inauguration-ceremony-of-the-china-aided-mahosot-general-hospital-building"],
        "{:?}",
        ids_of(&x, Event)
    );
    // A lower-case word of no such kind ends the name.
    let y = extract(
        "Li Qiang attended the inauguration ceremony of the Mahosot General Hospital yesterday.",
    );
    assert_eq!(
        ids_of(&y, Event),
        vec!["event/inauguration-ceremony-of-the-mahosot-general-hospital"],
        "{:?}",
        ids_of(&y, Event)
    );
}

#[test]
fn english_speakers_listed_before_their_verb_attended_the_one_event_reported() {
    let x = extract(
        "Chinese Ambassador Yao Wen attended the China-South Asia Expo in Kunming. \
         BIDA executive chairman Lokman Hossain Miah, EPB vice-chairman AHM Ahsan and CEAB chairman Ke Changliang, among others, delivered speeches.",
    );
    for p in [
        "person/lokman-hossain-miah",
        "person/ahm-ahsan",
        "person/ke-changliang",
    ] {
        assert!(
            has(&x, p, K::Attended, "event/china-south-asia-expo"),
            "{p}: {:?}",
            rels(&x)
        );
    }
    // A person before a verb of another act is no speaker of the list.
    let y = extract(
        "Chinese Ambassador Yao Wen attended the China-South Asia Expo in Kunming. \
         Lokman Hossain Miah met Wang Yi, and CEAB chairman Ke Changliang delivered speeches.",
    );
    assert!(
        !has(
            &y,
            "person/lokman-hossain-miah",
            K::Attended,
            "event/china-south-asia-expo"
        ),
        "{:?}",
        rels(&y)
    );
}

#[test]
fn a_later_item_joined_by_he_keeps_its_own_relative_clause() {
    let x =
        extract("双方将恪守2007年签订的《中巴睦邻友好合作条约》和2013年签署的《中巴联合声明》。");
    let supported = ends_of(&x, K::Supports, false);
    assert!(
        supported.len() >= 2 && supported.iter().all(|o| o.starts_with("document/")),
        "{:?}",
        rels(&x)
    );
    // A 的 after the object with no list between still closes what is supported.
    let y = extract("中方支持高质量共建“一带一路”的八项行动。");
    assert!(
        !ends_of(&y, K::Supports, false)
            .iter()
            .any(|o| o.contains("八项")),
        "{:?}",
        rels(&y)
    );
}

#[test]
fn a_person_speaking_at_a_referred_occasion_attended_the_one_event_reported() {
    let x = extract(
        "中国驻巴基斯坦大使姜再冬出席了中巴经济走廊论坛。巴计划部长伊克巴尔在会上说，走廊建设成果丰硕。",
    );
    let attended = ends_of(&x, K::Attended, true);
    assert!(
        attended
            .iter()
            .any(|p| p.contains("伊克巴尔") || p.contains("iqbal")),
        "{:?}",
        rels(&x)
    );
}

#[test]
fn anniversaries_of_signing_sign_nothing_and_a_hoped_stance_is_the_hopers() {
    let x = extract("巴方欢迎中方代表团在签署睦邻友好合作条约30周年之际访巴。");
    assert!(ends_of(&x, K::Signed, true).is_empty(), "{:?}", rels(&x));
    let y = extract("姜再冬表示，希望巴方继续坚定奉行一个中国原则。");
    assert!(
        !has(
            &y,
            "country/pakistan",
            K::Supports,
            "initiative/one-china-principle"
        ),
        "{:?}",
        rels(&y)
    );
    assert!(
        ends_of(&y, K::Supports, true)
            .iter()
            .all(|s| s.starts_with("person/")),
        "{:?}",
        rels(&y)
    );
}

#[test]
fn a_mission_never_runs_over_a_title_and_an_occasion_stops_before_another_office() {
    use crate::model::EntityType::{Event, Organization};
    let x = extract("中国驻巴基斯坦大使姜再冬和使馆外交官出席座谈会。");
    assert!(
        !ids_of(&x, Organization)
            .iter()
            .any(|o| o.contains("姜再冬")),
        "{:?}",
        ids_of(&x, Organization)
    );
    let y = extract(
        "Abdulla Shahid, president of the 76th session of the United Nations General Assembly and Minister for Foreign Affairs of Maldives, addressed the ceremony.",
    );
    let events = ids_of(&y, Event);
    assert!(events.iter().all(|e| !e.contains("minister")), "{events:?}");
    // The ceremony referred to is no session.
    assert!(ends_of(&y, K::Attended, true).is_empty(), "{:?}", rels(&y));
}

#[test]
fn english_bodies_end_before_a_short_form_after_and_and_keep_their_field_after_of() {
    use crate::model::EntityType::{Organization, Person};
    let x = extract(
        "In 2009, the Ministry of Housing and CMEC signed a memorandum. \
         Gulchekhra Rikhsieva, Rector of Tashkent State University of Oriental Studies, spoke.",
    );
    let bodies = ids_of(&x, Organization);
    for o in [
        "organization/ministry-of-housing",
        "organization/tashkent-state-university-of-oriental-studies",
    ] {
        assert!(bodies.contains(&o), "{o}: {bodies:?}");
    }
    assert_eq!(
        ids_of(&x, Person),
        vec!["person/gulchekhra-rikhsieva"],
        "{:?}",
        ids_of(&x, Person)
    );
}

#[test]
fn names_joined_by_a_dash_ending_in_a_country_are_no_person() {
    use crate::model::EntityType::Person;
    let x = extract("澜湄合作是澜沧江-湄公河沿岸中国、巴基斯坦等国共同创建的机制。");
    assert!(ids_of(&x, Person).is_empty(), "{:?}", ids_of(&x, Person));
    let y = extract("古巴国家主席迪亚斯-卡内尔会见李强。");
    assert!(!ids_of(&y, Person).is_empty(), "{:?}", ids_of(&y, Person));
}

#[test]
fn an_apposed_title_may_open_with_the_and_a_farewell_call_is_a_meeting() {
    let x = extract(
        "Prime Minister Nawaz Sharif met with Xi Jinping, the President of China. \
         Ambassador Yao Jing paid a farewell call upon Nawaz Sharif.",
    );
    assert!(
        has(&x, "person/xi-jinping", K::LeaderOf, "country/china"),
        "{:?}",
        rels(&x)
    );
    assert!(
        ends_of(&x, K::Met, true).len() + ends_of(&x, K::Met, false).len() >= 4,
        "{:?}",
        rels(&x)
    );
    // `the` before words that are no title opens nothing.
    let y = extract("Xi Jinping, the host of the summit, spoke.");
    assert!(ends_of(&y, K::LeaderOf, true).is_empty(), "{:?}", rels(&y));
}

#[test]
fn a_document_referred_to_by_its_kind_after_a_signing_verb_is_the_one_named_before() {
    let x = extract("双方签署《中巴合作协议》。中国驻巴基斯坦大使姜再冬代表中方签署协议。");
    let signers = ends_of(&x, K::Signed, true);
    assert!(
        signers.iter().any(|s| s.starts_with("person/")),
        "{:?}",
        rels(&x)
    );
    // With no such document named before, nothing is signed.
    let y = extract("中国驻巴基斯坦大使姜再冬代表中方签署协议。");
    assert!(ends_of(&y, K::Signed, true).is_empty(), "{:?}", rels(&y));
    // An English reference is of a document whose name ends in its last word: the agreement
    // is no statement.
    let z = extract(
        "The two sides issued the China-Pakistan Joint Statement. Ambassador Nong Rong signed the agreement.",
    );
    assert!(
        !ends_of(&z, K::Signed, true).contains(&"person/nong-rong"),
        "{:?}",
        rels(&z)
    );
}

#[test]
fn an_english_occasion_named_by_a_quoted_title_and_its_kind_is_one_event() {
    use crate::model::EntityType::Event;
    let x = extract(
        "Zhao Leji attended the opening ceremony of “Mutual Learning among Civilizations” Seminar. \
         The Seminar “Mutual Learning among Civilizations” drew 200 guests.",
    );
    assert_eq!(
        ids_of(&x, Event),
        vec!["event/mutual-learning-among-civilizations"],
        "{:?}",
        ids_of(&x, Event)
    );
    // Quoted words with no kind of occasion name no event.
    let y = extract("He called it “a New Chapter of Friendship” in his speech.");
    assert!(ids_of(&y, Event).is_empty(), "{:?}", ids_of(&y, Event));
}

#[test]
fn parties_jointly_building_an_initiative_back_it() {
    let x = extract("China and Pakistan are jointly building the Belt and Road Initiative.");
    for s in ["country/china", "country/pakistan"] {
        assert!(
            has(&x, s, K::Supports, "initiative/belt-and-road-initiative"),
            "{s}: {:?}",
            rels(&x)
        );
    }
    // Building something that is no initiative or project backs nothing.
    let y = extract("China and Pakistan are jointly building trust with the United Nations.");
    assert!(ends_of(&y, K::Supports, true).is_empty(), "{:?}", rels(&y));
}

#[test]
fn a_suffix_word_after_a_dotted_name_belongs_to_the_next_name() {
    use super::rule_tests::entity;
    use crate::model::EntityType as T;
    // The occasion's word further along the run does not unmake the person before it.
    let x = extract("阿富汗难民事务部代理部长哈利勒·哈卡尼出席交接仪式。");
    assert!(
        entity(&x, T::Person, "哈利勒·哈卡尼").is_some(),
        "{:?}",
        ids_of(&x, T::Person)
    );
    // A dash-joined name whose own last word is a suffix is no person.
    let y = extract("实现红其拉甫-苏斯特口岸常年开放。");
    assert!(
        ids_of(&y, T::Person).is_empty(),
        "{:?}",
        ids_of(&y, T::Person)
    );
}

#[test]
fn a_country_abbreviation_opens_the_name_of_its_body() {
    use super::rule_tests::entity;
    use crate::model::EntityType as T;
    // 阿 and 塔 are common words alone, and 外交部 a known name: before the body they are
    // the country's abbreviation all the same.
    let ex = extractor_with(
        "[[entity]]\nid = \"country/afghanistan\"\ntype = \"Country\"\nzh = \"阿富汗\"\nen = \"Afghanistan\"\nabbr = \"阿\"\n\n[[entity]]\nid = \"country/bangladesh\"\ntype = \"Country\"\nzh = \"孟加拉国\"\nen = \"Bangladesh\"\nabbr = \"孟\"\n",
    );
    let parties = ["country/china".to_string()];
    for (text, body) in [
        ("阿富汗官员说，阿外交部等政府部门官员出席。", "阿外交部"),
        (
            "孟加拉国官员和孟灾害管理与救助部国务部长拉赫曼出席。",
            "孟灾害管理与救助部",
        ),
    ] {
        let x = super::rule_tests::extract_doc_by(&ex, text, "测试", None, &parties);
        assert!(
            entity(&x, T::Organization, body).is_some(),
            "{text}: {:?}",
            ids_of(&x, T::Organization)
        );
    }
    // A body named bare is no abbreviated country's (两国外交部 names two ministries).
    let y = extract("中方愿同巴方加强两国外交部合作。");
    assert!(
        ids_of(&y, T::Organization)
            .iter()
            .all(|id| !id.contains("两国外交部") && !id.contains("国外交部")),
        "{:?}",
        ids_of(&y, T::Organization)
    );
}

/// Two known presidents of Turkmenistan who share the family name 别尔德穆哈梅多夫.
const FATHER_AND_SON: &str = r#"
[[entity]]
id = "country/turkmenistan"
type = "Country"
zh = "土库曼斯坦"
en = "Turkmenistan"

[[entity]]
id = "person/gurbanguly-berdimuhamedow"
type = "Person"
zh = "库尔班古力·别尔德穆哈梅多夫"
en = "Gurbanguly Berdimuhamedow"
[[entity.roles]]
role = "总统"
of = "country/turkmenistan"
from = "2007-02"
to = "2022-03"

[[entity]]
id = "person/serdar-berdimuhamedow"
type = "Person"
zh = "谢尔达尔·别尔德穆哈梅多夫"
en = "Serdar Berdimuhamedow"
[[entity.roles]]
role = "总统"
of = "country/turkmenistan"
from = "2022-03"
"#;

#[test]
fn a_family_name_two_known_presidents_share_is_a_person_resolved_by_the_date() {
    use crate::model::{EntityType as T, FactDate};
    let ex = extractor_with(FATHER_AND_SON);
    let parties = ["country/china".to_string()];
    let text = "习近平同土库曼斯坦总统别尔德穆哈梅多夫举行了会谈。";
    // Dated: the one in office then.
    let x = super::rule_tests::extract_doc_by(
        &ex,
        text,
        "测试",
        Some(FactDate::Day(2013, 9, 3)),
        &parties,
    );
    assert_eq!(
        ids_of(&x, T::Person),
        ["person/gurbanguly-berdimuhamedow", "person/xi-jinping"],
        "{:?}",
        rels(&x)
    );
    // Undated: a person still, of no known identity, and the talks are kept.
    let y = super::rule_tests::extract_doc_by(&ex, text, "测试", None, &parties);
    assert!(
        has(&y, "person/xi-jinping", K::Met, "person/别尔德穆哈梅多夫"),
        "{:?}",
        rels(&y)
    );
    // The name's last piece, cut off by jieba before a title, is no person of its own.
    let z = super::rule_tests::extract_doc_by(
        &ex,
        "习近平同别尔德穆哈梅多夫总统共同出席了仪式。",
        "测试",
        None,
        &parties,
    );
    assert!(
        !ids_of(&z, T::Person).contains(&"person/多夫"),
        "{:?}",
        ids_of(&z, T::Person)
    );
}

#[test]
fn a_word_only_names_stand_before_ends_a_foreign_name_of_any_country() {
    use super::rule_tests::entity;
    use crate::model::EntityType as T;
    // No country is named before these titles and the names do not end as Russian or Persian
    // names do; 夫妇 and a rank after them make them names.
    let x = extract(
        "人民院副议长吞吞亨夫妇、第二特战局局长丹吞乌中将夫妇以及联邦选举委员会主席腊登夫妇出席了招待会。",
    );
    for name in ["吞吞亨", "丹吞乌", "腊登"] {
        assert!(
            entity(&x, T::Person, name).is_some(),
            "{name}: {:?}",
            ids_of(&x, T::Person)
        );
    }
    // Without such a word, sounded characters after a title of no country are not enough.
    let y = extract("联邦选举委员会主席腊登出席了招待会。");
    assert!(
        entity(&y, T::Person, "腊登").is_none(),
        "{:?}",
        ids_of(&y, T::Person)
    );
}

#[test]
fn a_headline_names_the_one_occasion_of_its_report_in_other_words() {
    use crate::model::EntityType as T;
    let x = extract(
        "中国驻缅甸大使馆举行2018年国庆招待会\n9月26日，洪亮大使在内比都隆重举行庆祝中华人民共和国成立69周年招待会。缅甸第一副总统吴敏瑞等约800人出席了招待会。",
    );
    assert_eq!(
        ids_of(&x, T::Event),
        ["event/庆祝中华人民共和国成立69周年招待会"],
        "{:?}",
        rels(&x)
    );
    // Two occasions of that kind in the report: the headline's is neither for sure.
    let y = extract(
        "使馆举行国庆招待会\n9月26日，使馆在仰光举行庆祝中华人民共和国成立69周年招待会。9月28日，使馆在曼德勒举行庆祝中缅建交68周年招待会。",
    );
    assert!(
        ids_of(&y, T::Event).len() >= 3,
        "{:?}",
        ids_of(&y, T::Event)
    );
}

#[test]
fn the_two_heads_of_state_sign_as_themselves_when_each_party_has_one_head() {
    let ex = extractor_with(FATHER_AND_SON);
    // No parties given: Turkmenistan is the only country named; 中土 pairs it with China.
    // Xi is never called president here, but the gazetteer says he heads China.
    let text = "3日抵达阿什哈巴德后，习近平同土库曼斯坦总统别尔德穆哈梅多夫举行了会谈。两国元首决定建立中土战略伙伴关系。会谈后，两国元首共同签署了《中土关于建立战略伙伴关系的联合宣言》。";
    let x = super::rule_tests::extract_doc_by(&ex, text, "测试", None, &[]);
    let doc = "document/中土关于建立战略伙伴关系的联合宣言";
    for s in ["person/xi-jinping", "person/别尔德穆哈梅多夫"] {
        assert!(has(&x, s, K::Signed, doc), "{s}: {:?}", rels(&x));
    }
    assert!(
        !has(&x, "country/turkmenistan", K::Signed, doc),
        "{:?}",
        rels(&x)
    );
    // Signed by the two governments, the parties themselves sign.
    let y = super::rule_tests::extract_doc_by(
        &ex,
        "习近平同土库曼斯坦总统别尔德穆哈梅多夫举行了会谈。会谈后，两国政府共同签署了《中土关于建立战略伙伴关系的联合宣言》。",
        "测试",
        None,
        &[],
    );
    for s in ["country/china", "country/turkmenistan"] {
        assert!(has(&y, s, K::Signed, doc), "{s}: {:?}", rels(&y));
    }
    assert!(
        !has(&y, "person/xi-jinping", K::Signed, doc),
        "{:?}",
        rels(&y)
    );
}

#[test]
fn undotted_initials_open_an_english_name_and_a_farewell_or_talks_elsewhere_are_met() {
    use super::rule_tests::entity;
    use crate::model::EntityType as T;
    let x = extract(
        "Dialogue held\nOther discussants include Ambassador M Humayun Kabir and Major General A N M Muniruzzaman. A Chinese delegation attended.",
    );
    for name in ["M Humayun Kabir", "A N M Muniruzzaman"] {
        assert!(
            entity(&x, T::Person, name).is_some(),
            "{name}: {:?}",
            ids_of(&x, T::Person)
        );
    }
    // An article is no initial.
    assert!(
        ids_of(&x, T::Person).iter().all(|p| !p.contains("chinese")),
        "{:?}",
        ids_of(&x, T::Person)
    );
    // A headline's verb ends the name before it; bidding farewell to someone meets them.
    let y = extract(
        "Ambassador Yu Hong Bids Farewell to Home Minister of Nepal\nAmbassador Yu Hong bids a farewell to Home Minister Ram Bahadur Thapa of Nepal.",
    );
    assert_eq!(
        ids_of(&y, T::Person),
        ["person/ram-bahadur-thapa", "person/yu-hong"],
        "{:?}",
        rels(&y)
    );
    assert!(
        has(&y, "person/ram-bahadur-thapa", K::Met, "person/yu-hong")
            || has(&y, "person/yu-hong", K::Met, "person/ram-bahadur-thapa"),
        "{:?}",
        rels(&y)
    );
}

#[test]
fn a_donation_verb_and_a_year_edition_stay_in_an_occasions_name_and_the_party_prefix_too() {
    use super::rule_tests::entity;
    use crate::model::EntityType as T;
    // The shipped gazetteer, whose CPC is also called 中共.
    let ex = super::Extractor::load(None, true).unwrap();
    let x = super::rule_tests::extract_doc_by(
        &ex,
        "8月26日，中国政府援助孟加拉国抗洪物资捐赠仪式在达卡举行。中国驻尼泊尔大使馆27日举办2019年度中国政府奖学金颁发仪式。代表团宣介中共二十届三中全会精神。",
        "测试",
        None,
        &[],
    );
    for name in [
        "中国政府援助孟加拉国抗洪物资捐赠仪式",
        "2019年度中国政府奖学金颁发仪式",
        "中共二十届三中全会",
    ] {
        assert!(
            entity(&x, T::Event, name).is_some(),
            "{name}: {:?}",
            ids_of(&x, T::Event)
        );
    }
    // A date is no edition: 2019年8月 stays out of the name.
    let y = extract("2019年8月中国政府奖学金颁发仪式举行。");
    assert!(
        ids_of(&y, T::Event).iter().all(|e| !e.contains("2019")),
        "{:?}",
        ids_of(&y, T::Event)
    );
}

#[test]
fn a_comma_may_stand_for_of_between_a_title_and_its_body_but_not_a_country() {
    let x = extract(
        "Dialogue held\nOther discussants include Ambassador M Humayun Kabir, President, Bangladesh Enterprise Institute.",
    );
    assert!(
        has(
            &x,
            "person/m-humayun-kabir",
            K::LeaderOf,
            "organization/bangladesh-enterprise-institute"
        ),
        "{:?}",
        rels(&x)
    );
    // A list of a title, then a country: the country is no office's owner by a comma alone.
    let y = extract("Talks held\nThe guests were Ali Khan, President, Pakistan and others.");
    assert!(
        !has(&y, "person/ali-khan", K::LeaderOf, "country/pakistan"),
        "{:?}",
        rels(&y)
    );
}

#[test]
fn a_red_cross_or_red_crescent_society_is_a_body_of_its_country() {
    use super::rule_tests::entity;
    use crate::model::EntityType as T;
    let ex = extractor_with(
        "[[entity]]\nid = \"country/bangladesh\"\ntype = \"Country\"\nzh = \"孟加拉国\"\nen = \"Bangladesh\"\nabbr = \"孟\"\n",
    );
    let x = super::rule_tests::extract_doc_by(
        &ex,
        "捐赠仪式在孟加拉国举行。孟红新月会主席阿齐祖尔等出席。",
        "测试",
        None,
        &[],
    );
    assert!(
        has(
            &x,
            "person/阿齐祖尔",
            K::LeaderOf,
            "organization/孟红新月会"
        ),
        "{:?}",
        rels(&x)
    );
    let y = extract("Title\nChairman of Pakistan Red-Crescent Saeed Elahi attended the ceremony.");
    assert!(
        entity(&y, T::Organization, "Pakistan Red-Crescent").is_some(),
        "{:?}",
        ids_of(&y, T::Organization)
    );
    // The colour and the shape alone name nothing.
    let z = extract("Title\nThe flag shows a red crescent and a star.");
    assert!(
        ids_of(&z, T::Organization).is_empty(),
        "{:?}",
        ids_of(&z, T::Organization)
    );
}

#[test]
fn english_bodies_open_with_a_head_and_for_and_take_the_words_before_the_head() {
    use super::rule_tests::entity;
    use crate::model::EntityType as T;
    let x = extract(
        "Ties to grow\n\nDhaka, Oct 29 (UNB) - The Centre for Policy Dialogue (CPD) organized the event. The Legislative Chamber of the Oliy Majlis approved it. The Bangladesh-China Chamber of Commerce and Industry joined.",
    );
    for name in [
        "Centre for Policy Dialogue",
        "Legislative Chamber of the Oliy Majlis",
        "Bangladesh-China Chamber of Commerce and Industry",
    ] {
        assert!(
            entity(&x, T::Organization, name).is_some(),
            "{name}: {:?}",
            ids_of(&x, T::Organization)
        );
    }
    // A dialogue's name inside a body's is no event.
    assert!(
        ids_of(&x, T::Event).is_empty(),
        "{:?}",
        ids_of(&x, T::Event)
    );
    // `of` and a country close a body before a person's name; a head word after them does not.
    let ex = super::Extractor::load(None, true).unwrap();
    let y = super::rule_tests::extract_doc_by(
        &ex,
        "Hospital opened\n\nPresident of Red-Cross Society of China Chen Zhu attended. The Nepal Office of the China Foundation for Rural Development organized it.",
        "Hospital opened",
        None,
        &[],
    );
    for name in [
        "Red-Cross Society of China",
        "Nepal Office of the China Foundation for Rural Development",
    ] {
        assert!(
            entity(&y, T::Organization, name).is_some(),
            "{name}: {:?}",
            ids_of(&y, T::Organization)
        );
    }
}

#[test]
fn an_english_occasion_is_named_by_the_title_it_was_given() {
    use super::rule_tests::entity;
    use crate::model::EntityType as T;
    let x = extract(
        "Ties to grow\n\nState Minister M Shahriar Alam said it on Thursday while addressing a virtual dialogue titled \"Bangladesh-China Development Cooperation: Experience and Outlook\".",
    );
    assert!(
        entity(
            &x,
            T::Event,
            "Bangladesh-China Development Cooperation: Experience and Outlook"
        )
        .is_some(),
        "{:?}",
        x.entities
    );
    // A quoted title after a verb of saying is a quotation, no occasion.
    let y = extract("Ties to grow\n\nHe said titled \"Bangladesh Rising Again\" was his book.");
    assert!(
        ids_of(&y, T::Event).is_empty(),
        "{:?}",
        ids_of(&y, T::Event)
    );
}

#[test]
fn an_english_reception_is_named_by_the_anniversary_or_day_it_is_held_for() {
    use super::rule_tests::entity;
    use crate::model::EntityType as T;
    let x = extract(
        "Embassy holds reception\nKATHMANDU, Sept 26 -- The Chinese Embassy held a reception to celebrate the 74th anniversary of the founding of the People's Republic of China. Among those present were Vice President Ram Sahaya Yadav and Speaker Devraj Ghimire.",
    );
    let reception = "reception to celebrate the 74th anniversary of the founding of the People's Republic of China";
    assert!(
        entity(&x, T::Event, reception).is_some(),
        "{:?}",
        ids_of(&x, T::Event)
    );
    assert!(
        rels(&x)
            .iter()
            .any(|r| r.starts_with("person/devraj-ghimire attended event/reception")),
        "{:?}",
        rels(&x)
    );
    // A reception with nothing it is held for is described, not named so.
    let y = extract("Embassy holds reception\nThe reception hall was full.");
    assert!(
        ids_of(&y, T::Event).is_empty(),
        "{:?}",
        ids_of(&y, T::Event)
    );
}

#[test]
fn a_described_ceremony_ends_before_the_verb_that_holds_it() {
    use super::rule_tests::entity;
    use crate::model::EntityType as T;
    let x = extract(
        "Hospital handed over\nISLAMABAD, May 7 -- A handover ceremony of the China-Pakistan Friendship Hospital was held in Gwadar on Sunday. Federal Minister Ahsan Iqbal attended the ceremony.",
    );
    let name = "handover ceremony of the China-Pakistan Friendship Hospital";
    assert!(
        entity(&x, T::Event, name).is_some(),
        "{:?}",
        ids_of(&x, T::Event)
    );
    assert!(
        rels(&x)
            .iter()
            .any(|r| r.starts_with("person/ahsan-iqbal attended event/handover-ceremony-of-the-china-pakistan-friendship-hospital")
                && !r.contains("held")),
        "{:?}",
        rels(&x)
    );
}

#[test]
fn a_longer_title_inside_a_shorter_one_and_a_ribbon_cut_at_the_ceremony() {
    let ex = super::Extractor::load(None, true).unwrap();
    let x = super::rule_tests::extract_doc_by(
        &ex,
        "中国援尼泊尔学校竣工交接仪式举行\n5月22日，中国援尼泊尔学校项目竣工交接仪式在加德满都举行。仪式由尼泊尔教育部秘书巴特拉伊主持。中国驻尼泊尔大使陈松和尼泊尔教育部长阿普拉蒂共同为学校剪彩。",
        "测试",
        None,
        &[],
    );
    let event = "event/中国援尼泊尔学校项目竣工交接仪式";
    for p in ["person/巴特拉伊", "person/陈松", "person/阿普拉蒂"] {
        assert!(has(&x, p, K::Attended, event), "{p}: {:?}", rels(&x));
    }
    // Cutting a ribbon with no ceremony named attends nothing.
    let y = extract("标题\n5月22日，陈松大使和教育部长阿普拉蒂共同为学校剪彩。");
    assert!(
        !rels(&y).iter().any(|r| r.contains(" attended ")),
        "{:?}",
        rels(&y)
    );
}

#[test]
fn a_project_said_to_be_a_project_of_the_corridor_is_part_of_it() {
    let ex = super::Extractor::load(None, true).unwrap();
    let cpec = "project/china-pakistan-economic-corridor";
    for (text, part) in [
        (
            "作为中巴经济走廊早期收获项目，卡洛特水电站已于2022年投入商业运营。",
            "project/karot-hydropower-station",
        ),
        (
            "卡洛特水电站是中巴经济走廊框架下的首个水电投资项目。",
            "project/karot-hydropower-station",
        ),
        (
            "中巴经济走廊旗舰项目瓜达尔港建设取得积极进展。",
            "project/gwadar-port",
        ),
        (
            "Title\nThe Karot Hydropower Project, a CPEC project, started commercial operation.",
            "project/karot-hydropower-station",
        ),
        (
            "Title\nThe Karot Hydropower Project, built under the China-Pakistan Economic Corridor, started operation.",
            "project/karot-hydropower-station",
        ),
        (
            "Title\nGwadar Port is a key project of the China-Pakistan Economic Corridor.",
            "project/gwadar-port",
        ),
    ] {
        let x = super::rule_tests::extract_doc_by(&ex, text, "测试", None, &[]);
        assert!(has(&x, part, K::PartOf, cpec), "{text}: {:?}", rels(&x));
        // A class of the corridor's projects is no project of its own.
        assert!(
            ids_of(&x, crate::model::EntityType::Project)
                .iter()
                .all(|p| !p.contains("项目")),
            "{text}: {:?}",
            ids_of(&x, crate::model::EntityType::Project)
        );
    }
    // Two projects compared, or one standing beside another, make no part.
    let y = super::rule_tests::extract_doc_by(
        &ex,
        "卡洛特水电站是继瓜达尔港之后的又一个大项目。",
        "测试",
        None,
        &[],
    );
    assert!(
        !has(
            &y,
            "project/karot-hydropower-station",
            K::PartOf,
            "project/gwadar-port"
        ),
        "{:?}",
        rels(&y)
    );
}

#[test]
fn a_country_as_a_member_or_co_chair_of_a_body_is_its_member() {
    let ex = super::Extractor::load(None, true).unwrap();
    let x = super::rule_tests::extract_doc_by(
        &ex,
        "缅甸作为东盟重要成员，愿发挥积极作用。中缅作为澜湄合作共同主席国，共同推动合作。",
        "测试",
        None,
        &[],
    );
    for (s, o) in [
        (
            "country/myanmar",
            "organization/association-of-southeast-asian-nations",
        ),
        ("country/china", "organization/lancang-mekong-cooperation"),
        ("country/myanmar", "organization/lancang-mekong-cooperation"),
    ] {
        assert!(has(&x, s, K::MemberOf, o), "{s} {o}: {:?}", rels(&x));
    }
    // Members named with no body before the word are members of nothing found.
    let y = super::rule_tests::extract_doc_by(&ex, "缅甸欢迎各成员支持。", "测试", None, &[]);
    assert!(
        !rels(&y).iter().any(|r| r.contains(" memberOf ")),
        "{:?}",
        rels(&y)
    );
}

#[test]
fn a_side_of_a_country_is_no_body_and_what_lies_there_lies_in_the_country() {
    let x = extract("标题\n瓜达尔港位于巴基斯坦西南部。");
    assert!(
        ids_of(&x, crate::model::EntityType::Organization).is_empty(),
        "{:?}",
        ids_of(&x, crate::model::EntityType::Organization)
    );
    assert!(
        has(&x, "project/瓜达尔港", K::LocatedIn, "country/pakistan"),
        "{:?}",
        rels(&x)
    );
    // A ministry still ends in 部.
    let y = extract("标题\n巴基斯坦计划发展部部长出席。");
    assert!(
        !ids_of(&y, crate::model::EntityType::Organization).is_empty(),
        "{:?}",
        y.entities
    );
}

#[test]
fn a_known_name_starting_inside_a_title_does_not_cut_the_name_after_it() {
    use super::rule_tests::entity;
    use crate::model::EntityType as T;
    let ex = super::Extractor::load(None, true).unwrap();
    // 长沙 (a city) reads across 部长 and 沙 of the name.
    let x = super::rule_tests::extract_doc_by(
        &ex,
        "标题\n旁遮普省首席部长沙赫巴兹·谢里夫等600多人出席。",
        "测试",
        None,
        &[],
    );
    assert!(
        x.entities
            .iter()
            .any(|e| e.kind == T::Person && e.label().contains("沙赫巴兹")),
        "{:?}",
        ids_of(&x, T::Person)
    );
    // A known name before the title still ends the modifiers (巴基斯坦阿里·…).
    let y = super::rule_tests::extract_doc_by(
        &ex,
        "标题\n巴基斯坦阿里·扎尔达里出席。",
        "测试",
        None,
        &[],
    );
    assert!(
        entity(&y, T::Person, "阿里·扎尔达里").is_some()
            || ids_of(&y, T::Person)
                .iter()
                .all(|p| !p.contains("巴基斯坦")),
        "{:?}",
        ids_of(&y, T::Person)
    );
}

#[test]
fn an_office_word_inside_a_body_s_name_does_not_end_the_office() {
    let ex = super::Extractor::load(None, true).unwrap();
    let x = super::rule_tests::extract_doc_by(
        &ex,
        "Hospital opened\n\nGWADAR: Chairman of the China Overseas Ports Holding Company Zhang Baozhong attended the ceremony. Rector of Tashkent State University of Oriental Studies said.",
        "Hospital opened",
        None,
        &[],
    );
    assert!(
        has(
            &x,
            "person/zhang-baozhong",
            K::LeaderOf,
            "organization/china-overseas-ports-holding-company"
        ),
        "{:?}",
        rels(&x)
    );
    // A body's name with no name after it still names no one.
    assert_eq!(
        ids_of(&x, crate::model::EntityType::Person),
        ["person/zhang-baozhong"],
        "{:?}",
        x.entities
    );
}

#[test]
fn an_adverb_after_a_known_name_is_no_part_of_it_and_a_days_long_visit_is_a_visit() {
    let x = extract(
        "标题\n应巴基斯坦政府邀请，国务院总理李强将于10月14日至17日赴巴基斯坦进行正式访问。",
    );
    assert!(
        has(&x, "person/李强", K::Visited, "country/pakistan"),
        "{:?}",
        rels(&x)
    );
    assert!(
        ids_of(&x, crate::model::EntityType::Person)
            .iter()
            .all(|p| !p.contains('将')),
        "{:?}",
        ids_of(&x, crate::model::EntityType::Person)
    );
    let y = extract(
        "Title\nPrime Minister Shehbaz Sharif arrived in Beijing on Tuesday on a five-day visit to China.",
    );
    assert!(
        has(&y, "person/shehbaz-sharif", K::Visited, "country/china"),
        "{:?}",
        rels(&y)
    );
    // A holiday of five days is no visit.
    let z = extract("Title\nShehbaz Sharif said the five-day holiday in China began.");
    assert!(
        !rels(&z).iter().any(|r| r.contains(" visited ")),
        "{:?}",
        rels(&z)
    );
}

#[test]
fn who_is_named_after_an_opening_visit_to_a_place_visited_it() {
    let text = |s: &str| format!("Wang Yi in Nepal\n\nKATHMANDU, March 5 -- {s}");
    let nepal = "country/nepal";
    let ex = super::Extractor::load(None, true).unwrap();
    let x2 = super::rule_tests::extract_doc_by(
        &ex,
        &text(
            "During his visit to Nepal, Chinese Foreign Minister Wang Yi met Prime Minister Pushpa Kamal Dahal.",
        ),
        "Wang Yi in Nepal",
        None,
        &[],
    );
    assert!(
        has(&x2, "person/wang-yi", K::Visited, nepal),
        "{:?}",
        rels(&x2)
    );
    // The subject after the comma is no person: the person later is the object of its verb.
    let y = super::rule_tests::extract_doc_by(
        &ex,
        &text("During his visit to Nepal, the Pakistani delegation met Wang Yi."),
        "Wang Yi in Nepal",
        None,
        &[],
    );
    assert!(
        !has(&y, "person/wang-yi", K::Visited, nepal),
        "{:?}",
        rels(&y)
    );
}

#[test]
fn a_country_before_an_office_of_a_person_named_after_it_attends_nothing() {
    let ex = super::Extractor::load(None, true).unwrap();
    let x = super::rule_tests::extract_doc_by(
        &ex,
        "标题\n中国援老挝职业技能发展中心项目开工仪式在乌多姆赛省举行。中国驻老挝使馆临时代办王畅和老挝劳动与社会福利部长贝坎、乌多姆赛省委书记、省长本空等出席。",
        "测试",
        None,
        &[],
    );
    let event = "event/中国援老挝职业技能发展中心项目开工仪式";
    assert!(has(&x, "person/贝坎", K::Attended, event), "{:?}", rels(&x));
    assert!(
        !has(&x, "country/laos", K::Attended, event),
        "{:?}",
        rels(&x)
    );
    // A minister of an abbreviated country's body, after a list's link, is a foreign official.
    let y = super::rule_tests::extract_doc_by(
        &ex,
        "标题\n2023年3月15日，姚文大使和孟灾害管理与救助部国务部长拉赫曼共同出席援孟加拉国应急管理中心项目可行性研究会议。",
        "测试",
        None,
        &[],
    );
    assert!(
        ids_of(&y, crate::model::EntityType::Person).contains(&"person/拉赫曼"),
        "{:?}",
        ids_of(&y, crate::model::EntityType::Person)
    );
}

#[test]
fn an_english_name_of_two_parties_lies_in_neither_and_a_place_opening_a_name_holds_it() {
    let ex = extractor_with(
        "[[entity]]\nid = \"place/gwadar\"\ntype = \"Place\"\nzh = \"瓜达尔\"\nen = \"Gwadar\"\n\n[[entity]]\nid = \"project/china-pakistan-friendship-hospital\"\ntype = \"Project\"\nzh = \"中巴友谊医院\"\nen = \"China Pakistan Friendship Hospital\"\n\n[[entity]]\nid = \"project/gwadar-port\"\ntype = \"Project\"\nzh = \"瓜达尔港\"\nen = \"Gwadar Port\"\n",
    );
    let x = super::rule_tests::extract_doc_by(
        &ex,
        "The minister visited the China Pakistan Friendship Hospital and the Gwadar Port.",
        "test",
        None,
        &[],
    );
    let hospital = "project/china-pakistan-friendship-hospital";
    assert!(
        !has(&x, hospital, K::LocatedIn, "country/china"),
        "{:?}",
        rels(&x)
    );
    assert!(
        !has(&x, hospital, K::LocatedIn, "country/pakistan"),
        "{:?}",
        rels(&x)
    );
    assert!(
        has(&x, "project/gwadar-port", K::LocatedIn, "place/gwadar"),
        "{:?}",
        rels(&x)
    );
}

#[test]
fn a_place_after_a_framework_named_under_is_of_the_projects_not_of_the_framework() {
    let ex = extractor_with(
        "[[entity]]\nid = \"place/gwadar\"\ntype = \"Place\"\nzh = \"瓜达尔\"\nen = \"Gwadar\"\n\n[[entity]]\nid = \"project/new-gwadar-international-airport\"\ntype = \"Project\"\nzh = \"新瓜达尔国际机场\"\nen = \"New Gwadar International Airport\"\n",
    );
    let run = |text: &str| super::rule_tests::extract_doc_by(&ex, text, "test", None, &[]);
    let cpec = "project/china-pakistan-economic-corridor";
    let x = run(
        "He said the government will complete all projects under the China-Pakistan Economic Corridor in Gwadar.",
    );
    assert!(
        !has(&x, cpec, K::LocatedIn, "place/gwadar"),
        "{:?}",
        rels(&x)
    );
    let y = run("He said the New Gwadar International Airport in Gwadar will open this year.");
    assert!(
        has(
            &y,
            "project/new-gwadar-international-airport",
            K::LocatedIn,
            "place/gwadar"
        ),
        "{:?}",
        rels(&y)
    );
}

#[test]
fn a_country_right_after_zai_is_where_something_is_done_not_who_does_it() {
    let x = extract("国家主席习近平在巴基斯坦《黎明报》发表题为《友谊之路》的署名文章。");
    assert!(
        has(&x, "person/xi-jinping", K::Issued, "document/友谊之路"),
        "{:?}",
        rels(&x)
    );
    assert!(
        !ends_of(&x, K::Issued, true).contains(&"country/pakistan"),
        "{:?}",
        rels(&x)
    );
    // A country before 在 still acts: 中方在联合国安理会提出… is China's.
    let y = extract("巴方在2025年7月提出《和平解决争端决议》。");
    assert!(
        ends_of(&y, K::Proposed, true).contains(&"country/pakistan"),
        "{:?}",
        rels(&y)
    );
}

#[test]
fn a_name_jieba_glued_to_a_character_no_name_ends_with_ends_before_it() {
    let x = extract_with(
        "孟加拉国驻华大使孟什在招待会上说，感谢中国政府和人民的支持。中外新闻社总裁韦燕同多国大使也应邀出席招待会。",
        &[],
    );
    let persons = ids_of(&x, crate::model::EntityType::Person);
    assert!(persons.contains(&"person/孟什"), "{persons:?}");
    assert!(persons.contains(&"person/韦燕"), "{persons:?}");
    assert!(
        !persons
            .iter()
            .any(|p| p.ends_with('在') || p.ends_with('同')),
        "{persons:?}"
    );
    let events = ids_of(&x, crate::model::EntityType::Event);
    assert!(!events.iter().any(|e| e.contains("孟什")), "{events:?}");
    // A name of three before 在 as a word of its own keeps its three characters.
    let y = extract_with("外交部副部长陈晓东在北京出席孟加拉国国庆招待会。", &[]);
    let persons = ids_of(&y, crate::model::EntityType::Person);
    assert!(persons.contains(&"person/陈晓东"), "{persons:?}");
}

#[test]
fn an_english_title_leads_past_a_form_of_address_and_discussions_with_are_a_meeting() {
    let x = extract(
        "Pakistani Prime Minister Mr. Shehbaz Sharif held wide-ranging discussions with President Xi Jinping in Beijing.",
    );
    assert!(
        has(&x, "person/shehbaz-sharif", K::LeaderOf, "country/pakistan"),
        "{:?}",
        rels(&x)
    );
    assert!(
        has(&x, "person/shehbaz-sharif", K::Met, "person/xi-jinping"),
        "{:?}",
        rels(&x)
    );
    // A form of address alone, with no title before it, makes no leader.
    let y = extract("Mr. Shehbaz Sharif spoke about the economy.");
    assert!(ends_of(&y, K::LeaderOf, true).is_empty(), "{:?}", rels(&y));
}

#[test]
fn counted_documents_kind_words_and_common_words_name_nothing() {
    let x = extract_with(
        "巴基斯坦和中国签署23份谅解备忘录。双方签署了若干谅解备忘录，还签署了几份协议。",
        &[],
    );
    let docs = ids_of(&x, crate::model::EntityType::Document);
    assert!(docs.is_empty(), "{docs:?}");
    assert!(ends_of(&x, K::Signed, false).is_empty(), "{:?}", rels(&x));
    // A named memorandum is still a document.
    let y = extract_with("双方签署《中巴农业合作谅解备忘录》。", &[]);
    let docs = ids_of(&y, crate::model::EntityType::Document);
    assert_eq!(docs.len(), 1, "{docs:?}");

    // 惠民项目, 能源电力项目: kinds of project; 卡洛特水电项目 is one.
    let z = extract_with(
        "中方在巴实施了惠民项目，推进能源电力项目和卡洛特水电项目。",
        &[],
    );
    let projects = ids_of(&z, crate::model::EntityType::Project);
    assert!(
        !projects
            .iter()
            .any(|p| p.contains("惠民") || p.contains("能源电力")),
        "{projects:?}"
    );
    assert!(
        projects.iter().any(|p| p.contains("卡洛特")),
        "{projects:?}"
    );

    // 看守总理祝贺中国领导人: jieba's dictionary calls 祝贺 a name; it is none.
    let w = extract_with("看守总理祝贺中国领导人成功举办论坛。", &[]);
    let persons = ids_of(&w, crate::model::EntityType::Person);
    assert!(persons.is_empty(), "{persons:?}");

    // 规划好经济走廊沿线工业园区: a result complement opens no name even after a verb jieba
    // tags a noun.
    let v = extract_with("双方要规划好经济走廊沿线工业园区建设。", &[]);
    let projects = ids_of(&v, crate::model::EntityType::Project);
    assert!(!projects.iter().any(|p| p.contains('好')), "{projects:?}");
}

#[test]
fn a_clause_ending_in_de_before_an_office_and_a_name_is_that_persons_act() {
    let x = extract_with(
        "马尔代夫总统亚明在马累会见出席中马第六轮外交磋商的中国外交部部长助理孔铉佑。",
        &[],
    );
    let attendees = ends_of(&x, K::Attended, true);
    assert_eq!(attendees, vec!["person/孔铉佑"], "{:?}", rels(&x));
    assert!(
        ends_of(&x, K::Met, false).contains(&"person/孔铉佑"),
        "{:?}",
        rels(&x)
    );
    // With no person after the 的, the one before the verb attends.
    let y = extract_with("国家主席习近平出席中马第六轮外交磋商的欢迎仪式。", &[]);
    assert_eq!(
        ends_of(&y, K::Attended, true),
        vec!["person/xi-jinping"],
        "{:?}",
        rels(&y)
    );
}

#[test]
fn a_stance_verb_and_a_glued_complement_stay_out_of_names_and_local_abbreviations_reverse() {
    let ex = extractor_with(
        "[[entity]]\nid = \"country/maldives\"\ntype = \"Country\"\nzh = \"马尔代夫\"\nen = \"Maldives\"\n",
    );
    let x = super::rule_tests::extract_doc_by(
        &ex,
        "马尔代夫总统穆伊兹表示，马方愿同中方共建马中命运共同体。习近平表示，打造中马命运共同体，落实好中马自由贸易协定。",
        "测试",
        None,
        &[],
    );
    let inits = ids_of(&x, crate::model::EntityType::Initiative);
    assert_eq!(inits, vec!["initiative/中马命运共同体"], "{inits:?}");
    let docs = ids_of(&x, crate::model::EntityType::Document);
    assert_eq!(docs, vec!["document/中马自由贸易协定"], "{docs:?}");
    // 共建 inside a name stays (共建“一带一路”合作谅解备忘录 is the memorandum's name).
    let y = extract_with("两国签署共建“一带一路”合作谅解备忘录。", &[]);
    let docs = ids_of(&y, crate::model::EntityType::Document);
    assert!(
        docs.iter().any(|d| d.starts_with("document/共建")),
        "{docs:?}"
    );
}

#[test]
fn a_possessive_ends_an_english_name_and_pushing_a_project_forward_backs_it() {
    let x = extract(
        "Foreign Ministry Spokesperson Hua Chunying's Regular Press Conference on August 31, 2016",
    );
    let persons = ids_of(&x, crate::model::EntityType::Person);
    assert!(
        !persons
            .iter()
            .any(|p| p.contains("regular") || p.contains("press")),
        "{persons:?}"
    );
    let y = extract(
        "Both sides agreed to jointly upgrade the China-Pakistan Economic Corridor and push forward the building of the ML-1.",
    );
    for project in ["project/china-pakistan-economic-corridor", "project/ml-1"] {
        assert!(
            has(&y, "country/pakistan", K::Supports, project),
            "{project}: {:?}",
            rels(&y)
        );
    }
    // Without a word of stance, pushing is a report, not a party's stance.
    let z = extract("The delay may push forward the ML-1 schedule.");
    assert!(ends_of(&z, K::Supports, true).is_empty(), "{:?}", rels(&z));
}
