//! Tests of the rules that find who attended an occasion: ceremonies a report names only by
//! their kind, occasions named in quotation marks, guests listed with their offices in full,
//! references by kind past another event, speakers at the occasion a text says was held, names
//! jieba cuts badly beside a title, and announcements with their dates; and the country a known
//! body's English name holds. Each has a case that must fire and one that must not.

use super::rule_tests::{extract_doc_by, has, rels};
use crate::model::{EntityType, Extraction, RelationKind as K};
use std::sync::OnceLock;

/// The extractor on the built-in gazetteer and rules, built once.
fn extractor() -> &'static super::Extractor {
    static EX: OnceLock<super::Extractor> = OnceLock::new();
    EX.get_or_init(|| super::Extractor::load(None, true).unwrap())
}

/// Extraction of `text` (its first line a headline), undated, with no parties given.
fn read(text: &str) -> Extraction {
    extract_doc_by(extractor(), text, "测试", None, &[])
}

/// The ids of the entities of `kind`.
fn ids_of(x: &Extraction, kind: EntityType) -> Vec<&str> {
    x.entities
        .iter()
        .filter(|e| e.kind == kind)
        .map(|e| e.id.as_str())
        .collect()
}

/// The one event whose id starts with `prefix`.
fn event_starting(x: &Extraction, prefix: &str) -> String {
    let found: Vec<&str> = ids_of(x, EntityType::Event)
        .into_iter()
        .filter(|id| id.starts_with(prefix))
        .collect();
    assert_eq!(found.len(), 1, "{:?}", ids_of(x, EntityType::Event));
    found[0].to_string()
}

#[test]
fn a_ceremony_named_only_by_its_kind_is_an_event_of_the_report() {
    let x = read(
        "Hospital inaugurated\n\nGWADAR: An emergency hospital was inaugurated on Sunday.\n\nChinese Ambassador to Pakistan Sun Weidong and Balochistan Chief Secretary Aurangzeb Haque attended the inauguration ceremony.",
    );
    let event = event_starting(&x, "event/inauguration-ceremony");
    // One event per report: the document's id is in the event's.
    assert_eq!(event, "event/inauguration-ceremony-t");
    let label = x.entities.iter().find(|e| e.id == event).unwrap();
    assert_eq!(label.label_en.as_deref(), Some("Inauguration ceremony"));
    for p in ["person/sun-weidong", "person/aurangzeb-haque"] {
        assert!(has(&x, p, K::Attended, &event), "{:?}", rels(&x));
    }
    // A report that names the ceremony speaks of that one: no second event by the kind alone.
    let y = read(
        "Hospital inaugurated\n\nGWADAR: The Inauguration Ceremony of the Fraternity Emergency Care Center was held on Sunday.\n\nChinese Ambassador to Pakistan Sun Weidong attended the inauguration ceremony.",
    );
    assert!(
        !ids_of(&y, EntityType::Event)
            .iter()
            .any(|id| id.starts_with("event/inauguration-ceremony-t")),
        "{:?}",
        ids_of(&y, EntityType::Event)
    );
}

#[test]
fn a_ceremony_described_by_what_it_marks_is_one_event() {
    let x = read(
        "Supplies handed over\n\nPHNOM PENH, Sept. 23 -- A ceremony marking the handover of supplies provided by China's Ministry of National Defense to its Cambodian counterpart was held at the training centre.\n\nGeneral Tea Banh attended the event and delivered a speech.",
    );
    let event = event_starting(&x, "event/ceremony-marking-the-handover-of-supplies");
    assert!(
        has(&x, "person/tea-banh", K::Attended, &event),
        "{:?}",
        rels(&x)
    );
    // Without `was held` the words describe nothing held.
    let y = read(
        "Supplies\n\nPHNOM PENH, Sept. 23 -- A ceremony marking the handover of supplies is planned.",
    );
    assert!(
        ids_of(&y, EntityType::Event).is_empty(),
        "{:?}",
        ids_of(&y, EntityType::Event)
    );
}

#[test]
fn what_a_ceremony_is_held_for_keeps_its_lower_case_noun_and_phase() {
    let x = read(
        "Housing handed over\n\nMALE, June 21 -- A handover ceremony of the Maldives Vinares housing project (phase III), which was undertaken by a Chinese company, was held on June 20.",
    );
    event_starting(
        &x,
        "event/handover-ceremony-of-the-maldives-vinares-housing-project-phase-iii",
    );
    // A lower-case word that is no noun of what a ceremony is for stays out of its name.
    let y = read(
        "Bridge opened\n\nMALE, June 21 -- The opening ceremony of the Friendship Bridge today drew crowds.",
    );
    let events = ids_of(&y, EntityType::Event);
    assert!(events.iter().all(|id| !id.contains("today")), "{events:?}");
}

#[test]
fn guests_listed_with_their_offices_in_full_all_attend() {
    let x = read(
        "Supplies handed over\n\nPHNOM PENH -- A ceremony marking the handover of medical supplies was held on Tuesday.\n\nChinese Ambassador to Cambodia Wang Wentian and Cambodian Deputy Prime Minister and Minister of National Defense General Tea Banh attended the event.",
    );
    let event = event_starting(&x, "event/ceremony-marking-the-handover");
    for p in ["person/wang-wentian", "person/tea-banh"] {
        assert!(has(&x, p, K::Attended, &event), "{:?}", rels(&x));
    }
    // The one who invites, with the office after the name, is no visitor.
    let y = read(
        "Joint Statement\n\nAt the invitation of His Excellency Mr. Md. Abdul Hamid, President of the People’s Republic of Bangladesh, His Excellency Mr. Xi Jinping, President of the People’s Republic of China, paid a state visit to the People’s Republic of Bangladesh on 14-15 October 2016.",
    );
    assert!(
        has(&y, "person/xi-jinping", K::Visited, "country/bangladesh"),
        "{:?}",
        rels(&y)
    );
    assert!(
        !has(&y, "person/abdul-hamid", K::Visited, "country/bangladesh"),
        "{:?}",
        rels(&y)
    );
}

#[test]
fn a_reference_by_kind_finds_the_event_of_that_kind_past_a_nearer_one() {
    let x = read(
        "Housing handed over\n\nMALE, June 21 -- A handover ceremony of the Maldives Vinares housing project was held on June 20.\n\nAbdulla Shahid, president of the 76th session of the United Nations General Assembly, addressed the ceremony via video link.",
    );
    let ceremony = event_starting(&x, "event/handover-ceremony-of-the-maldives-vinares");
    assert!(
        has(&x, "person/abdulla-shahid", K::Attended, &ceremony),
        "{:?}",
        rels(&x)
    );
    assert!(
        !x.relations
            .iter()
            .any(|r| r.kind == K::Attended && r.object.contains("76th-session")),
        "{:?}",
        rels(&x)
    );
}

#[test]
fn a_speaker_addresses_the_one_occasion_the_text_says_was_held() {
    let x = read(
        "商务论坛在西安举行\n乌兹别克斯坦-中国商务论坛17日在西安举行，乌兹别克斯坦投资、工业与贸易部长拉齐兹·库德拉托夫在致辞中表示，乌方高度重视对华合作。",
    );
    let forum = event_starting(&x, "event/乌兹别克斯坦-中国商务论坛");
    assert!(
        has(&x, "person/拉齐兹·库德拉托夫", K::Attended, &forum),
        "{:?}",
        rels(&x)
    );
    // An occasion still to be held is not the one the speaker addresses.
    let y = read(
        "部长谈合作\n中国-中亚峰会即将召开，乌兹别克斯坦投资、工业与贸易部长拉齐兹·库德拉托夫在致辞中表示，乌方高度重视对华合作。",
    );
    assert!(
        !y.relations.iter().any(|r| r.kind == K::Attended),
        "{:?}",
        rels(&y)
    );
}

#[test]
fn chinese_names_jieba_cuts_beside_a_title_are_found_whole() {
    let x = read(
        "标题\n中国驻阿富汗大使刘劲松致辞说，中阿友好。戚振宏大使、斯教育部长普雷马贾扬塔共同出席交接仪式。民族院副议长埃达昂出席了招待会。",
    );
    let persons = ids_of(&x, EntityType::Person);
    for p in ["person/刘劲松", "person/戚振宏", "person/埃达昂"] {
        assert!(persons.contains(&p), "{persons:?}");
    }
    // A character before a longer title (副厅长, 总司令) is the title's, not the name's; a known
    // place after a title is no person.
    let y = read(
        "标题\n由王平副厅长率领的代表团出席。国防军副总司令兼陆军总司令梭温副大将出席。驻华大使巴基斯坦出席。",
    );
    let persons = ids_of(&y, EntityType::Person);
    for p in ["person/王平副", "person/陆军总", "person/巴基斯坦"] {
        assert!(!persons.contains(&p), "{persons:?}");
    }
}

#[test]
fn an_english_announcement_with_its_date_states_a_fact() {
    let x = read(
        "Premier to attend meeting\n\nChinese Premier Li Qiang will attend the 23rd Meeting of the Council of Heads of Government of SCO Member States in Islamabad from October 15 to 16, where Pakistani Prime Minister Shehbaz Sharif and others will also be present.",
    );
    let meeting = event_starting(&x, "event/23rd-meeting-of-the-council");
    for p in ["person/li-qiang", "person/shehbaz-sharif"] {
        assert!(has(&x, p, K::Attended, &meeting), "{:?}", rels(&x));
    }
    // Undated, the same words are a plan.
    let y = read(
        "Premier to attend meeting\n\nChinese Premier Li Qiang will attend the 23rd Meeting of the Council of Heads of Government of SCO Member States in Islamabad.",
    );
    assert!(
        !y.relations.iter().any(|r| r.kind == K::Attended),
        "{:?}",
        rels(&y)
    );
}

#[test]
fn a_known_body_whose_english_name_holds_its_country_lies_in_it() {
    let x = read(
        "Title\n\nThe talks were held between the Communist Party of China and the Lao People's Revolutionary Party.",
    );
    assert!(
        has(
            &x,
            "organization/communist-party-of-china",
            K::LocatedIn,
            "country/china"
        ),
        "{:?}",
        rels(&x)
    );
    // Its short form names no country.
    let y = read("Title\n\nA CPC delegation visited Vientiane.");
    assert!(
        !y.relations.iter().any(|r| r.kind == K::LocatedIn
            && r.subject == "organization/communist-party-of-china"),
        "{:?}",
        rels(&y)
    );
}

#[test]
fn a_quoted_english_name_ending_in_an_occasion_is_an_event() {
    let x = read(
        "Exhibition opens\n\nDHAKA -- The envoy said this at the inauguration of a three-day 'The Belt and Road Initiative in Bangladesh Exhibition 2023' in Dhaka on Friday.",
    );
    event_starting(
        &x,
        "event/belt-and-road-initiative-in-bangladesh-exhibition-2023",
    );
    // A quoted slogan, or a quoted name of no occasion, is no event; nor is a possessive.
    let y = read(
        "Title\n\nDHAKA -- China's 'Belt and Road' and the 'win-win cooperation fair' were discussed at Bangladesh's Fair.",
    );
    assert!(
        ids_of(&y, EntityType::Event).is_empty(),
        "{:?}",
        ids_of(&y, EntityType::Event)
    );
}

#[test]
fn a_named_reception_keeps_its_year_and_its_guests_attend_it() {
    let x = read(
        "Title\n\nDHAKA, Oct 1 -- The Chinese Embassy in Dhaka hosted the 2023 National Day Reception on Sunday. Guests at the reception included Foreign Minister Hasan Mahmud and Ambassador Yao Wen.",
    );
    let reception = event_starting(&x, "event/2023-national-day-reception");
    for p in ["person/hasan-mahmud", "person/yao-wen"] {
        assert!(has(&x, p, K::Attended, &reception), "{:?}", rels(&x));
    }
    // A number that is no year stays out of the name, and guests listed outside an opening
    // phrase attend nothing by it.
    let y = read(
        "Title\n\nDHAKA, Oct 1 -- About 300 National Day Reception guests came. The minister said Foreign Minister Hasan Mahmud included Ambassador Yao Wen in talks.",
    );
    assert!(
        !ids_of(&y, EntityType::Event)
            .iter()
            .any(|id| id.contains("300")),
        "{:?}",
        ids_of(&y, EntityType::Event)
    );
    assert!(
        !y.relations.iter().any(|r| r.kind == K::Attended),
        "{:?}",
        rels(&y)
    );
}

#[test]
fn guests_listed_after_a_word_for_guests_attend_the_event_named_before() {
    let x = read(
        "标题\n2023年9月25日，中国驻孟加拉国大使馆举行庆祝中华人民共和国成立74周年招待会。与会嘉宾包括商务部副部长王受文、驻孟加拉国大使姚文等。",
    );
    let reception = event_starting(&x, "event/庆祝中华人民共和国成立74周年招待会");
    for p in ["person/王受文", "person/姚文"] {
        assert!(has(&x, p, K::Attended, &reception), "{:?}", rels(&x));
    }
    // With no event named, the guests attend nothing.
    let y = read("标题\n与会嘉宾包括商务部副部长王受文、驻孟加拉国大使姚文等。");
    assert!(
        !y.relations.iter().any(|r| r.kind == K::Attended),
        "{:?}",
        rels(&y)
    );
}

#[test]
fn a_visit_begun_ended_or_timed_is_of_the_place_after_dui() {
    for text in [
        "标题\n2024年6月7日，王毅在结束对巴基斯坦的访问后，前往阿富汗。",
        "标题\n2024年6月7日，王毅在对巴基斯坦的访问期间会见了总理。",
        "Title\n\nISLAMABAD, June 8, 2024 -- Wang Yi concluded his visit to Pakistan on Saturday.",
    ] {
        let x = read(text);
        assert!(
            has(&x, "person/wang-yi", K::Visited, "country/pakistan"),
            "{text}: {:?}",
            rels(&x)
        );
    }
    // 对…的访问 otherwise speaks of someone else's visit.
    let y = read("标题\n2024年6月7日，中方对巴方的访问表示欢迎。");
    assert!(
        !y.relations.iter().any(|r| r.kind == K::Visited),
        "{:?}",
        rels(&y)
    );
}

#[test]
fn an_english_datelines_city_in_capitals_is_a_place() {
    let x = read("Hospital opens\n\nKARAMAY, May 14 (Xinhua) -- A hospital opened on Sunday.");
    let karamay = x.entities.iter().find(|e| e.id == "place/karamay");
    assert_eq!(
        karamay.and_then(|e| e.label_en.as_deref()),
        Some("Karamay"),
        "{:?}",
        x.entities
    );
    // A known city is the known place; capitals that open a line with no date or dash are none.
    let y = read("Ceremony\n\nPHNOM PENH, Sept. 23 -- A ceremony.\nNOTE: minutes follow.");
    let places = ids_of(&y, EntityType::Place);
    assert!(places.contains(&"place/phnom-penh"), "{places:?}");
    assert!(!places.iter().any(|p| p.contains("note")), "{places:?}");
}

#[test]
fn an_english_abbreviation_stands_for_the_name_it_was_defined_for() {
    let x = read(
        "Title\n\nDHAKA, Oct 1 -- The event was organised by the Bangladesh-China Chamber of Commerce and Industry (BCCCI). BCCCI president Gazi Golam Murtoza delivered a speech.",
    );
    // Its id puts China first, as for the name with its parties the other way round.
    let chamber = "organization/china-bangladesh-chamber-of-commerce-and-industry";
    assert!(
        has(&x, "person/gazi-golam-murtoza", K::LeaderOf, chamber),
        "{:?}",
        rels(&x)
    );
    // Capitals the text never defines name nothing new, and a lower-case title with no body
    // right before it leads nothing.
    let y = read(
        "Title\n\nDHAKA, Oct 1 -- The minister met the BCCCI team. The minister said president Gazi Golam Murtoza spoke.",
    );
    assert!(
        !ids_of(&y, EntityType::Organization)
            .iter()
            .any(|id| id.contains("bccci")),
        "{:?}",
        ids_of(&y, EntityType::Organization)
    );
    assert!(
        !y.relations.iter().any(|r| r.kind == K::LeaderOf),
        "{:?}",
        rels(&y)
    );
}

#[test]
fn a_verb_hyphened_to_a_name_is_that_names_act() {
    let x = read(
        "Title\n\nBEIJING, Sept 1 -- Turkmenistan supports the China-proposed Belt and Road Initiative.",
    );
    let bri = "initiative/belt-and-road-initiative";
    assert!(has(&x, "country/china", K::Proposed, bri), "{:?}", rels(&x));
    assert!(
        !has(&x, "country/turkmenistan", K::Proposed, bri),
        "{:?}",
        rels(&x)
    );
    // A name the rules do not know before the hyphen proposes nothing, and no one else does.
    let y = read(
        "Title\n\nBEIJING, Sept 1 -- Turkmenistan supports the Xyz-proposed Belt and Road Initiative.",
    );
    assert!(
        !y.relations.iter().any(|r| r.kind == K::Proposed),
        "{:?}",
        rels(&y)
    );
}

#[test]
fn talks_qualified_by_an_adjective_are_a_meeting() {
    let x = read(
        "Title\n\nASTANA, May 18, 2023 -- Kazakh President Kassym-Jomart Tokayev had substantive talks with President Xi Jinping in Xi'an.",
    );
    assert!(
        has(
            &x,
            "person/kassym-jomart-tokayev",
            K::Met,
            "person/xi-jinping"
        ),
        "{:?}",
        rels(&x)
    );
    // Meetings to come, with no day, are a plan.
    let y = read(
        "Title\n\nASTANA -- Kazakh President Kassym-Jomart Tokayev will have meetings with President Xi Jinping.",
    );
    assert!(
        !y.relations.iter().any(|r| r.kind == K::Met),
        "{:?}",
        rels(&y)
    );
}

#[test]
fn an_english_stance_to_promote_a_body_backs_it() {
    let x = read(
        "Wang Yi meets Uzbek Foreign Minister\n\nTASHKENT, July 10 -- Uzbekistan agreed to jointly promote the Shanghai Cooperation Organisation.",
    );
    let sco = "organization/shanghai-cooperation-organisation";
    assert!(
        has(&x, "country/uzbekistan", K::Supports, sco),
        "{:?}",
        rels(&x)
    );
    // Without a word of stance the verb backs nothing.
    let y = read(
        "Title\n\nTASHKENT, July 10 -- Wang Yi said the Shanghai Cooperation Organisation will promote peace.",
    );
    assert!(
        !y.relations.iter().any(|r| r.kind == K::Supports),
        "{:?}",
        rels(&y)
    );
}

#[test]
fn one_addressing_a_ceremony_attends_it() {
    let x = read(
        "Title\n\nBISHKEK, March 15 (Xinhua) -- China handed over an irrigation system. Kyrgyz Deputy Prime Minister Bakyt Torobayev thanked China when addressing the handover ceremony.",
    );
    let ceremony = event_starting(&x, "event/handover-ceremony-t");
    assert!(
        has(&x, "person/bakyt-torobayev", K::Attended, &ceremony),
        "{:?}",
        rels(&x)
    );
    // Addressing an issue attends nothing.
    let y = read(
        "Title\n\nBISHKEK, March 15 (Xinhua) -- Deputy Prime Minister Bakyt Torobayev spoke about addressing the water shortage.",
    );
    assert!(
        !y.relations.iter().any(|r| r.kind == K::Attended),
        "{:?}",
        rels(&y)
    );
}

#[test]
fn an_english_name_with_its_parties_reversed_is_the_same_entity() {
    let x = read(
        "Centre opens\nISLAMABAD, May 8 -- Prime Minister Shehbaz Sharif inaugurated the \
         China-Pakistan Friendship Centre on Tuesday. Chinese Ambassador Jiang Zaidong attended \
         the inauguration of the Pakistan-China Friendship Centre.",
    );
    let centres: Vec<&str> = ids_of(&x, EntityType::Organization)
        .into_iter()
        .filter(|id| id.contains("friendship-centre"))
        .collect();
    assert_eq!(centres, ["organization/china-pakistan-friendship-centre"]);
    // Must not: a first part that is no country, or a second that is not China.
    let y = read(
        "Centres open\nThe Karachi-China Trade Centre and the Pakistan-Iran Friendship Centre \
         opened on Tuesday.",
    );
    let orgs = ids_of(&y, EntityType::Organization);
    assert!(
        orgs.contains(&"organization/pakistan-iran-friendship-centre"),
        "{orgs:?}"
    );
    assert!(
        !orgs.iter().any(|o| o.contains("china-karachi")),
        "{orgs:?}"
    );
}
