//! Tests of the rules that keep extraction precise on texts it was never tuned on: who supports
//! after a word of praise, titles that hold no office now, names that stop at verbs and at
//! longer words, reversed party names, ranges of years. Each has a case that must fire and one
//! that must not.

use super::rule_tests::{extract_with, has, rels};
use crate::model::RelationKind as K;

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
