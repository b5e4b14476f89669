use std::collections::BTreeSet;
use std::path::Path;
use std::sync::Arc;

use super::edit::{Field, append, appended};
use super::*;
use crate::ingest::normalize::NormalizedText;
use crate::model::{
    Entity, EntityType, Evidence, Extraction, Relation, RelationKind, SentenceMentions,
    SourceDocument,
};

fn parse(text: &str) -> Result<Curation, CurationError> {
    Curation::parse(text, Path::new("curation.toml"))
}

fn curation(text: &str) -> Curation {
    parse(text).unwrap_or_else(|e| panic!("{e}"))
}

fn entity(id: &str, zh: &str) -> Entity {
    Entity {
        id: id.into(),
        kind: type_of_id(id).expect("typed id"),
        label_zh: Some(zh.into()),
        label_en: None,
        aliases: BTreeSet::new(),
    }
}

fn statement(s: &str, kind: RelationKind, o: &str, rule: &str, start: usize) -> Relation {
    Relation {
        subject: s.into(),
        kind,
        object: o.into(),
        date: None,
        role: None,
        evidence: Evidence {
            document: "d1".into(),
            sentence: "句子".into(),
            quote: "句子".into(),
            start,
            end: start + 2,
            rule: rule.into(),
        },
        confidence: None,
        curated: None,
    }
}

const TEXT: &str = "中方愿同巴方推进巴中经济走廊建设。喀喇昆仑公路是走廊的旗舰项目。";

fn meta() -> SourceDocument {
    SourceDocument {
        id: "d1".into(),
        title: "测试".into(),
        title_en: None,
        date: Some(FactDate::Day(2025, 9, 4)),
        language: "zh".into(),
        kind: "joint-statement".into(),
        file: "d1.txt".into(),
        source: None,
        content_hash: String::new(),
        named_text: None,
        text_source: None,
    }
}

fn sample() -> Extraction {
    Extraction {
        document: Some(meta()),
        entities: vec![
            entity("country/china", "中国"),
            entity("country/pakistan", "巴基斯坦"),
            entity("project/巴中经济走廊", "巴中经济走廊"),
            entity("project/karakoram-highway", "喀喇昆仑公路"),
            entity("project/旗舰项目", "旗舰项目"),
        ],
        relations: vec![
            statement(
                "country/china",
                RelationKind::Supports,
                "project/巴中经济走廊",
                "trigger:supports:推进",
                0,
            ),
            statement(
                "country/pakistan",
                RelationKind::Supports,
                "project/巴中经济走廊",
                "trigger:supports:推进",
                0,
            ),
            statement(
                "project/karakoram-highway",
                RelationKind::PartOf,
                "project/旗舰项目",
                "pattern:part",
                17,
            ),
        ],
        sentences: vec![SentenceMentions {
            evidence: statement(
                "country/china",
                RelationKind::Supports,
                "x",
                "cooccurrence",
                0,
            )
            .evidence,
            entities: vec!["country/china".into(), "project/巴中经济走廊".into()],
        }],
        mentions: vec![],
        curation: Default::default(),
    }
}

/// `curation` applied to [`sample`] with the decisions that concern it.
fn applied(c: &Curation) -> Extraction {
    let mut x = sample();
    let normalized = NormalizedText::new(TEXT);
    let m = meta();
    let doc = DocumentText {
        meta: &m,
        original: TEXT,
        normalized: &normalized,
        char_base: 0,
        parties: &[],
    };
    let found: BTreeSet<String> = x.entities.iter().map(|e| e.id.clone()).collect();
    let concerning = c.concerns("d1", &found, TEXT);
    let known = |id: &str| {
        (id == "project/china-pakistan-economic-corridor").then(|| Entity {
            label_en: Some("China-Pakistan Economic Corridor".into()),
            ..entity(id, "中巴经济走廊")
        })
    };
    c.apply(&mut x, &doc, &concerning, &known);
    x
}

fn ids(x: &Extraction) -> Vec<&str> {
    x.entities.iter().map(|e| e.id.as_str()).collect()
}

const MERGE: &str = r#"
[[merge]]
keep = "project/china-pakistan-economic-corridor"
ids = ["project/巴中经济走廊"]
why = "the parties reversed: the same corridor"
by = "analyst"
date = 2026-12-07
"#;

#[test]
fn a_merge_moves_the_statements_and_names_to_the_kept_entity() {
    let x = applied(&curation(MERGE));
    assert!(!ids(&x).contains(&"project/巴中经济走廊"));
    let kept = x
        .entities
        .iter()
        .find(|e| e.id == "project/china-pakistan-economic-corridor")
        .expect("the kept entity is in the document");
    // Its labels are the gazetteer's; the merged name is an alias.
    assert_eq!(kept.label_zh.as_deref(), Some("中巴经济走廊"));
    assert!(kept.aliases.contains("巴中经济走廊"));
    let supports: Vec<&Relation> = x
        .relations
        .iter()
        .filter(|r| r.kind == RelationKind::Supports)
        .collect();
    assert_eq!(supports.len(), 2);
    for r in supports {
        assert_eq!(r.object, "project/china-pakistan-economic-corridor");
        assert_eq!(r.curated.as_ref().map(|c| c.what.as_str()), Some("merged"));
    }
    assert_eq!(
        x.curation.same_as,
        vec![(
            "project/巴中经济走廊".to_string(),
            "project/china-pakistan-economic-corridor".to_string()
        )]
    );
    assert_eq!(
        x.sentences[0].entities[1],
        "project/china-pakistan-economic-corridor"
    );
    assert_eq!(x.curation.decisions.len(), 1);
    assert_eq!(
        x.curation.decisions[0].why,
        "the parties reversed: the same corridor"
    );
    assert_eq!(x.curation.decisions[0].date.as_deref(), Some("2026-12-07"));
}

#[test]
fn a_merge_of_ids_the_document_does_not_name_changes_nothing() {
    let c = curation(
        r#"
[[merge]]
keep = "project/gwadar-port"
ids = ["project/瓜达尔港口"]
why = "same port"
"#,
    );
    let x = applied(&c);
    assert_eq!(x, sample());
    assert!(
        c.concerns(
            "d1",
            &ids(&sample()).iter().map(|s| s.to_string()).collect(),
            TEXT
        )
        .is_empty()
    );
}

#[test]
fn a_statement_between_two_merged_names_is_dropped() {
    let c = curation(
        r#"
[[merge]]
keep = "project/karakoram-highway"
ids = ["project/旗舰项目"]
why = "test"
"#,
    );
    let x = applied(&c);
    assert!(x.relations.iter().all(|r| r.kind != RelationKind::PartOf));
}

#[test]
fn a_retype_gives_the_id_its_new_prefix_and_a_chain_is_followed() {
    let c = curation(
        r#"
[[merge]]
keep = "project/旗舰项目"
ids = ["project/巴中经济走廊"]
why = "chain"

[[retype]]
id = "project/旗舰项目"
type = "Initiative"
why = "an initiative"
"#,
    );
    assert_eq!(c.resolve("project/巴中经济走廊"), "initiative/旗舰项目");
    let x = applied(&c);
    let e = x
        .entities
        .iter()
        .find(|e| e.id == "initiative/旗舰项目")
        .expect("retyped");
    assert_eq!(e.kind, EntityType::Initiative);
    assert_eq!(
        e.label_zh.as_deref(),
        Some("旗舰项目"),
        "a retype keeps the labels"
    );
    assert!(!ids(&x).contains(&"project/旗舰项目"));
    assert!(x.relations.iter().any(|r| r.object == "initiative/旗舰项目"
        && r.curated.as_ref().is_some_and(|c| c.what == "retyped")));
    assert_eq!(x.curation.decisions.len(), 2);
}

#[test]
fn a_rename_sets_labels_and_keeps_the_old_one_as_an_alias() {
    let c = curation(
        r#"
[[rename]]
id = "project/karakoram-highway"
label_zh = "喀喇昆仑公路（KKH）"
label_en = "Karakoram Highway"
aliases = ["KKH"]
why = "names"
"#,
    );
    let x = applied(&c);
    let e = x
        .entities
        .iter()
        .find(|e| e.id == "project/karakoram-highway")
        .expect("kept");
    assert_eq!(e.label_zh.as_deref(), Some("喀喇昆仑公路（KKH）"));
    assert_eq!(e.label_en.as_deref(), Some("Karakoram Highway"));
    assert!(e.aliases.contains("喀喇昆仑公路") && e.aliases.contains("KKH"));
    let marks = &x.curation.entities["project/karakoram-highway"];
    assert!(marks.iter().any(|m| m.what == "renamed"));
}

#[test]
fn a_rejected_entity_leaves_with_its_statements_which_are_kept_as_records() {
    let c = curation(
        r#"
[[reject]]
entity = "project/旗舰项目"
why = "a generic phrase"
"#,
    );
    let x = applied(&c);
    assert!(!ids(&x).contains(&"project/旗舰项目"));
    assert!(x.relations.iter().all(|r| r.object != "project/旗舰项目"));
    assert_eq!(x.curation.rejected.len(), 1);
    assert_eq!(x.curation.rejected_entities[0].0.id, "project/旗舰项目");
}

#[test]
fn a_rejected_statement_matches_its_ends_its_document_and_its_offset() {
    let reject = |extra: &str| {
        curation(&format!(
            "[[reject]]\nsubject = \"country/pakistan\"\nrelation = \"supports\"\nobject = \"project/巴中经济走廊\"\nwhy = \"misread\"\n{extra}"
        ))
    };
    let x = applied(&reject(""));
    assert_eq!(x.relations.len(), 2);
    assert!(x.relations.iter().all(|r| r.subject != "country/pakistan"));
    assert_eq!(x.curation.rejected.len(), 1);
    // Another document, or another sentence: nothing rejected, nothing recorded.
    for other in ["document = \"d2\"", "offset = 5"] {
        let x = applied(&reject(other));
        assert_eq!(x.relations.len(), 3, "{other}");
        assert!(x.curation.decisions.is_empty(), "{other}");
    }
    assert_eq!(applied(&reject("offset = 0")).relations.len(), 2);
}

#[test]
fn a_symmetric_statement_is_rejected_in_either_order() {
    let c = curation(
        "[[reject]]\nsubject = \"person/b\"\nrelation = \"met\"\nobject = \"person/a\"\nwhy = \"no meeting\"\n",
    );
    let mut x = sample();
    x.relations.push(statement(
        "person/a",
        RelationKind::Met,
        "person/b",
        "trigger:met:会见",
        3,
    ));
    let found: BTreeSet<String> = ["person/a", "person/b"].map(String::from).into();
    let concerning = c.concerns("d1", &found, TEXT);
    assert_eq!(concerning, vec![0]);
    let normalized = NormalizedText::new(TEXT);
    let m = meta();
    let doc = DocumentText {
        meta: &m,
        original: TEXT,
        normalized: &normalized,
        char_base: 0,
        parties: &[],
    };
    c.apply(&mut x, &doc, &concerning, &|_| None);
    assert!(x.relations.iter().all(|r| r.kind != RelationKind::Met));
}

#[test]
fn a_rule_is_rejected_in_one_document_by_name_or_by_prefix() {
    for rule in ["trigger:supports:推进", "trigger:supports:*"] {
        let c = curation(&format!(
            "[[reject]]\nrule = \"{rule}\"\ndocument = \"d1\"\nwhy = \"this rule misreads the text\"\n"
        ));
        let x = applied(&c);
        assert_eq!(x.relations.len(), 1, "{rule}");
        assert_eq!(x.curation.rejected.len(), 2, "{rule}");
    }
    let c = curation("[[reject]]\nrule = \"trigger:supports:\"\ndocument = \"d1\"\nwhy = \"x\"\n");
    assert_eq!(
        applied(&c).relations.len(),
        3,
        "a rule name is matched whole without *"
    );
}

#[test]
fn an_added_statement_carries_its_quote_and_where_it_stands() {
    let c = curation(
        r#"
[[add]]
subject = "project/karakoram-highway"
relation = "partOf"
object = "project/china-pakistan-economic-corridor"
document = "d1"
quote = "喀喇昆仑公路是走廊的旗舰项目"
why = "the text calls it a flagship project of the corridor"
"#,
    );
    let x = applied(&c);
    let r = x
        .relations
        .iter()
        .find(|r| r.object == "project/china-pakistan-economic-corridor")
        .expect("added");
    assert_eq!(r.kind, RelationKind::PartOf);
    assert_eq!(
        r.evidence.start,
        TEXT.find("喀喇")
            .map(|b| TEXT[..b].chars().count())
            .unwrap_or(0)
    );
    assert_eq!(
        r.evidence.end - r.evidence.start,
        "喀喇昆仑公路是走廊的旗舰项目".chars().count()
    );
    assert_eq!(&*r.evidence.rule, ADDED_RULE);
    assert_eq!(r.date, Some(FactDate::Day(2025, 9, 4)));
    assert_eq!(r.curated.as_ref().map(|c| c.what.as_str()), Some("added"));
    // The object, named nowhere in the document, comes with the gazetteer's labels.
    assert!(
        x.entities
            .iter()
            .any(|e| e.id == "project/china-pakistan-economic-corridor"
                && e.label_en.as_deref() == Some("China-Pakistan Economic Corridor"))
    );
}

#[test]
fn an_added_statement_whose_quote_is_not_in_the_document_is_not_added() {
    let c = curation(
        "[[add]]\nsubject = \"country/china\"\nrelation = \"signed\"\nobject = \"country/pakistan\"\ndocument = \"d1\"\nquote = \"双方签署了协定\"\nwhy = \"x\"\n",
    );
    let x = applied(&c);
    assert_eq!(x.relations.len(), 3);
    assert!(x.curation.decisions.is_empty());
    let stale = c.stale(&BTreeSet::new());
    assert_eq!(stale.len(), 1);
    assert!(
        stale[0].to_string().contains("[[add]] number 1"),
        "{}",
        stale[0]
    );
}

#[test]
fn an_added_entity_is_found_where_its_names_are_written() {
    let c = curation(
        "[[add]]\nentity = \"event/走廊建设\"\nlabel_zh = \"走廊建设\"\nwhy = \"an occasion\"\n",
    );
    let x = applied(&c);
    assert!(ids(&x).contains(&"event/走廊建设"));
    assert_eq!(x.mentions.len(), 1);
    assert_eq!(&TEXT[x.mentions[0].start..x.mentions[0].end], "走廊建设");
    let absent = curation("[[add]]\nentity = \"event/峰会\"\nlabel_zh = \"峰会\"\nwhy = \"x\"\n");
    assert_eq!(applied(&absent), sample());
}

#[test]
fn only_the_decisions_that_concern_a_document_change_its_hash() {
    let c = curation(&format!(
        "{MERGE}\n[[reject]]\nrule = \"x\"\ndocument = \"d2\"\nwhy = \"elsewhere\"\n"
    ));
    let found: BTreeSet<String> = ids(&sample()).iter().map(|s| s.to_string()).collect();
    let here = c.concerns("d1", &found, TEXT);
    assert_eq!(here, vec![0]);
    assert_ne!(c.hash_with("base", &here), "base");
    assert_eq!(
        c.hash_with("base", &c.concerns("d3", &BTreeSet::new(), "")),
        "base"
    );
    // The same decision elsewhere in the file, or with its fields in another order, is the
    // same decision.
    let moved = curation(&format!(
        "[[reject]]\nwhy = \"elsewhere\"\ndocument = \"d2\"\nrule = \"x\"\n{MERGE}"
    ));
    assert_eq!(
        moved.hash_with("base", &moved.concerns("d1", &found, TEXT)),
        c.hash_with("base", &here)
    );
    // A changed reason is another decision.
    let edited = curation(&MERGE.replace("reversed", "swapped"));
    assert_ne!(
        edited.hash_with("base", &edited.concerns("d1", &found, TEXT)),
        c.hash_with("base", &here)
    );
}

#[test]
fn bad_files_are_refused_naming_the_decision_and_the_problem() {
    let cases = [
        (
            "[[merge]]\nkeep = \"project/a\"\nids = [\"project/b\"]\n",
            "[[merge]] number 1: `why` is required",
        ),
        (
            "[[merge]]\nkeep = \"a\"\nids = [\"project/b\"]\nwhy = \"x\"\n",
            "is no entity id",
        ),
        (
            "[[reject]]\nentity = \"project/a\"\nwhy = \"x\"\n[[reject]]\nsubject = \"project/a\"\nrelation = \"likes\"\nobject = \"project/b\"\nwhy = \"x\"\n",
            "[[reject]] number 2: `relation`: unknown relation `likes`",
        ),
        (
            "[[reject]]\nrule = \"r\"\nwhy = \"x\"\n",
            "needs the `document`",
        ),
        (
            "[[add]]\nsubject = \"project/a\"\nrelation = \"partOf\"\nobject = \"project/b\"\nwhy = \"x\"\n",
            "the `quote`",
        ),
        (
            "[[retype]]\nid = \"project/a\"\ntype = \"Project\"\nwhy = \"x\"\n",
            "already a Project",
        ),
        (
            "[[merge]]\nkeep = \"project/a\"\nids = [\"project/b\"]\nwhy = \"x\"\n[[merge]]\nkeep = \"project/b\"\nids = [\"project/a\"]\nwhy = \"y\"\n",
            "circle",
        ),
        (
            "[[merge]]\nkeep = \"project/a\"\nids = [\"project/c\"]\nwhy = \"x\"\n[[merge]]\nkeep = \"project/b\"\nids = [\"project/c\"]\nwhy = \"y\"\n",
            "already moved",
        ),
        (
            "[[merge]]\nkeep = \"project/a\"\nids = [\"project/b\"]\nwhy = \"x\"\ncolour = \"red\"\n",
            "colour",
        ),
        ("[[merge]\n", "curation.toml"),
    ];
    for (text, expected) in cases {
        let e = parse(text).expect_err(text).to_string();
        assert!(e.contains(expected), "{text}\n→ {e}");
        assert!(e.starts_with("curation.toml"), "{e}");
    }
}

#[test]
fn appending_a_decision_keeps_every_byte_of_the_file() {
    let old = "# Decisions.\n\n[[merge]]   # the corridor\nkeep = 'project/a'  # kept\nids = [\"project/b\"]\nwhy = \"same\"\n";
    let new = appended(
        old,
        "reject",
        &[
            ("entity", Field::Text("project/c".into())),
            ("why", Field::Text("junk \"name\"".into())),
        ],
    )
    .expect("appended");
    assert!(new.starts_with(old), "{new}");
    let c = curation(&new);
    assert_eq!(c.decisions().len(), 2);
    assert_eq!(c.decisions()[1].why, "junk \"name\"");
    // A second merge after the reject joins the merges.
    let newer = appended(
        &new,
        "merge",
        &[
            ("keep", Field::Text("project/d".into())),
            ("ids", Field::List(vec!["project/e".into()])),
            ("why", Field::Text("same".into())),
        ],
    )
    .expect("appended");
    assert!(newer.starts_with(&new));
    let c = curation(&newer);
    let merges: Vec<_> = c
        .decisions()
        .iter()
        .filter(|d| d.action.table() == "merge")
        .collect();
    assert_eq!(merges.len(), 2);
    assert_eq!(merges[1].place(), "[[merge]] number 2");
}

#[test]
fn a_decision_the_format_refuses_is_not_written() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join(FILE_NAME);
    let old = "# mine\n";
    std::fs::write(&path, old).expect("write");
    let e = append(&path, "merge", &[("keep", Field::Text("project/a".into()))])
        .expect_err("no ids, no why");
    assert!(e.to_string().contains("ids"), "{e}");
    assert_eq!(std::fs::read_to_string(&path).expect("read"), old);
    let c = append(
        &path,
        "reject",
        &[
            ("entity", Field::Text("project/a".into())),
            ("why", Field::Text("x".into())),
        ],
    )
    .expect("written");
    assert_eq!(c.decisions().len(), 1);
    assert!(
        std::fs::read_to_string(&path)
            .expect("read")
            .starts_with(old)
    );
}

#[test]
fn the_fields_written_for_each_action_read_back_as_the_same_decision() {
    let actions = [
        Action::Merge {
            keep: "project/a".into(),
            others: vec!["project/b".into()],
        },
        Action::Rename {
            id: "person/x".into(),
            label_zh: Some("某".into()),
            label_en: Some("X".into()),
            aliases: vec!["Mr X".into()],
        },
        Action::Retype {
            id: "project/a".into(),
            to: EntityType::Organization,
        },
        Action::RejectStatement {
            subject: "person/x".into(),
            relation: RelationKind::Met,
            object: "person/y".into(),
            document: Some("d1".into()),
            offset: Some(12),
        },
        Action::RejectRule {
            rule: "trigger:*".into(),
            document: "d1".into(),
        },
        Action::RejectEntity {
            id: "project/c".into(),
        },
        Action::AddStatement {
            subject: "person/x".into(),
            relation: RelationKind::Visited,
            object: "country/china".into(),
            document: "d1".into(),
            quote: "访华".into(),
            fact_date: Some(FactDate::YearMonth(2025, 7)),
        },
        Action::AddEntity {
            id: "event/e".into(),
            label_zh: Some("会".into()),
            label_en: None,
            aliases: vec![],
        },
        Action::Role {
            person: "person/x".into(),
            role: "总理".into(),
            of: "country/pakistan".into(),
            from: Some("2030-01".into()),
            to: None,
            label_zh: Some("某".into()),
            label_en: None,
        },
    ];
    for action in actions {
        let (table, fields) =
            super::edit::fields_of(&action, "because", Some("me"), Some("2026-12-07"));
        let text = appended("", table, &fields).expect("appended");
        let c = curation(&text);
        assert_eq!(c.decisions()[0].action, action, "{text}");
        assert_eq!(c.decisions()[0].by.as_deref(), Some("me"));
    }
}

#[test]
fn today_is_a_calendar_date() {
    let t = super::edit::today();
    assert!(
        FactDate::parse(&t).is_some_and(|d| matches!(d, FactDate::Day(..))),
        "{t}"
    );
}

#[test]
fn empty_curation_concerns_nothing() {
    let c = Curation::empty();
    assert!(c.concerns("d1", &BTreeSet::new(), TEXT).is_empty());
    assert!(c.stale(&BTreeSet::new()).is_empty());
    let _ = Arc::new(c);
}

#[test]
fn an_office_is_checked_and_given_to_the_gazetteer() {
    let c = curation(
        "[[role]]\nperson = \"person/ali-khan\"\nrole = \"总理\"\nof = \"country/pakistan\"\nfrom = \"2029-08\"\nlabel_zh = \"阿里·汗\"\nwhy = \"sworn in\"\n",
    );
    let roles = c.added_roles();
    assert_eq!(roles.len(), 1);
    assert_eq!(roles[0].role.from, "2029-08");
    assert!(
        roles[0].origin.ends_with("[[role]] number 1"),
        "{}",
        roles[0].origin
    );
    assert_ne!(c.roles_fingerprint(), "");
    assert_eq!(curation(MERGE).roles_fingerprint(), "");
    for (text, expected) in [
        (
            "[[role]]\nperson = \"country/x\"\nrole = \"总理\"\nof = \"country/pakistan\"\nwhy = \"x\"\n",
            "no person id",
        ),
        (
            "[[role]]\nperson = \"person/x\"\nrole = \"总理\"\nof = \"country/pakistan\"\nfrom = \"May 2030\"\nwhy = \"x\"\n",
            "`from`",
        ),
    ] {
        let e = parse(text).expect_err(text).to_string();
        assert!(e.contains(expected), "{e}");
    }
}
