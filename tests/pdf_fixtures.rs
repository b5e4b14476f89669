//! PDFs as publishers make them give the graph of their text: each fixture of
//! `tests/fixtures/pdf/` (printed by headless Chromium, LibreOffice and XeLaTeX, in one and two
//! columns, with running headers, page numbers and footnotes; see `make_pdfs.py`) is built
//! beside the text it was printed from, and the two graphs are compared.

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

use assert_cmd::Command;

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/pdf");

/// The manifest fields of each text: language, date and the parties 双方 refers to.
fn metadata(text: &str) -> (&'static str, &'static str, &'static str) {
    match text {
        "action-plan" => (
            "zh",
            "2025-09-04",
            r#"["country/china", "country/pakistan"]"#,
        ),
        "cuba-statement" => ("zh", "2025-09-04", r#"["country/china", "country/cuba"]"#),
        "english-readout" => (
            "en",
            "2022-01-09",
            r#"["country/china", "country/sri-lanka"]"#,
        ),
        "article-footnotes" => ("zh", "2026", r#"["country/china", "country/pakistan"]"#),
        "no-unicode-map" => ("zh", "2025-09-04", r#"["country/china", "country/cuba"]"#),
        other => panic!("no metadata for {other}"),
    }
}

/// Entity ids and (subject, relation, object) triples of the graph built from one file, under
/// the same manifest entry whatever the file's format.
fn graph(file: &str, text: &str) -> (BTreeSet<String>, BTreeSet<(String, String, String)>) {
    let (entities, relations, _) = graph_with(file, text, &[]).expect("the build succeeds");
    (entities, relations)
}

/// What [`graph`] gives, and the N-Quads export, building with `args` added; or the build's
/// exit code and error output when it fails.
#[allow(clippy::type_complexity)]
fn graph_with(
    file: &str,
    text: &str,
    args: &[&str],
) -> Result<(BTreeSet<String>, BTreeSet<(String, String, String)>, String), (i32, String)> {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus");
    fs::create_dir(&corpus).unwrap();
    fs::copy(Path::new(FIXTURES).join(file), corpus.join(file)).unwrap();
    let (language, date, parties) = metadata(text);
    fs::write(
        corpus.join("corpus.toml"),
        format!(
            "[[document]]\nid = \"doc\"\nfile = \"{file}\"\ntitle = \"fixture\"\n\
             date = \"{date}\"\nlanguage = \"{language}\"\nparties = {parties}\n"
        ),
    )
    .unwrap();
    let out: PathBuf = dir.path().join("out");
    let run = Command::cargo_bin("corridor")
        .unwrap()
        .arg("--store")
        .arg(dir.path().join("store"))
        .args(["build", "--no-progress", "--corpus"])
        .arg(&corpus)
        .arg("--out")
        .arg(&out)
        .args(args)
        .output()
        .unwrap();
    if !run.status.success() {
        return Err((
            run.status.code().unwrap_or(-1),
            String::from_utf8_lossy(&run.stderr).into_owned(),
        ));
    }
    let mut nodes = csv::Reader::from_path(out.join("nodes.csv")).unwrap();
    let entities = nodes
        .deserialize::<std::collections::HashMap<String, String>>()
        .map(|r| r.unwrap()["id"].clone())
        .collect();
    let mut edges = csv::Reader::from_path(out.join("edges.csv")).unwrap();
    let relations = edges
        .deserialize::<std::collections::HashMap<String, String>>()
        .map(|r| {
            let r = r.unwrap();
            (r["source"].clone(), r["kind"].clone(), r["target"].clone())
        })
        .collect();
    let nquads = fs::read_to_string(out.join("corridor.nq")).unwrap();
    Ok((entities, relations, nquads))
}

/// Builds a PDF and its text, and checks the PDF's graph holds at least 97 % of the text's
/// entities and 95 % of its relations, and no entity id holds a CJK radical or compatibility
/// ideograph.
fn same_graph(pdf: &str, text: &str) {
    let (text_entities, text_relations) = graph(&format!("{text}.txt"), text);
    let (pdf_entities, pdf_relations) = graph(pdf, text);
    assert!(
        !text_relations.is_empty(),
        "{text}: the text gives no relations"
    );
    let entities = text_entities.intersection(&pdf_entities).count() as f64;
    let relations = text_relations.intersection(&pdf_relations).count() as f64;
    let entity_share = entities / text_entities.len() as f64;
    let relation_share = relations / text_relations.len() as f64;
    assert!(
        entity_share >= 0.97,
        "{pdf}: {entities} of {} entities ({entity_share:.3}); only in the text: {:?}",
        text_entities.len(),
        text_entities.difference(&pdf_entities).collect::<Vec<_>>()
    );
    assert!(
        relation_share >= 0.95,
        "{pdf}: {relations} of {} relations ({relation_share:.3}); only in the text: {:?}",
        text_relations.len(),
        text_relations
            .difference(&pdf_relations)
            .collect::<Vec<_>>()
    );
    for id in &pdf_entities {
        assert!(
            !id.chars()
                .any(|c| matches!(c, '\u{2E80}'..='\u{2FDF}' | '\u{F900}'..='\u{FAFF}')),
            "{pdf}: entity id {id} holds a radical or compatibility ideograph"
        );
    }
}

#[test]
fn chromium_pdfs_give_the_graph_of_their_text() {
    for text in ["action-plan", "cuba-statement", "english-readout"] {
        same_graph(&format!("chromium-{text}.pdf"), text);
    }
}

#[test]
fn libreoffice_pdfs_give_the_graph_of_their_text() {
    for text in ["action-plan", "cuba-statement", "english-readout"] {
        same_graph(&format!("libreoffice-{text}.pdf"), text);
    }
}

#[test]
fn xelatex_pdfs_give_the_graph_of_their_text() {
    for text in ["action-plan", "cuba-statement", "english-readout"] {
        same_graph(&format!("xelatex-{text}.pdf"), text);
    }
}

#[test]
fn a_two_column_pdf_with_running_headers_gives_the_graph_of_its_text() {
    same_graph("layout-two-columns.pdf", "cuba-statement");
}

#[test]
fn a_pdf_with_footnotes_and_page_numbers_gives_the_graph_of_its_text() {
    same_graph("layout-footnotes.pdf", "article-footnotes");
}

/// Whether `pdftoppm` and Tesseract with Chinese and English are installed.
fn ocr_installed() -> bool {
    let pdftoppm = std::process::Command::new("pdftoppm")
        .arg("-v")
        .output()
        .is_ok();
    let languages = std::process::Command::new("tesseract")
        .arg("--list-langs")
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).into_owned())
        .unwrap_or_default();
    let has = |l: &str| languages.lines().any(|x| x.trim() == l);
    pdftoppm && has("chi_sim") && has("eng")
}

#[test]
fn a_scan_is_refused_without_ocr_and_the_flag_is_named() {
    let (code, stderr) = graph_with("scanned-action-plan-page.pdf", "action-plan", &[])
        .expect_err("a scan without --ocr fails");
    assert_ne!(code, 0);
    assert!(
        stderr.contains("scanned-action-plan-page.pdf") && stderr.contains("--ocr"),
        "{stderr}"
    );
}

/// With `--ocr`, a scanned page of the Action Plan gives at least 90 % of the entities of the
/// text printed on it, and its document says its text came from OCR. Where OCR's programs are
/// not installed the build names what is missing instead; CI installs them and sets
/// `CORRIDOR_REQUIRE_OCR`, so there the first branch runs.
#[test]
fn a_scanned_page_is_read_by_ocr_or_what_is_missing_is_named() {
    let scan = "scanned-action-plan-page.pdf";
    if !ocr_installed() {
        assert!(
            std::env::var_os("CORRIDOR_REQUIRE_OCR").is_none(),
            "CORRIDOR_REQUIRE_OCR is set but pdftoppm or Tesseract (chi_sim, eng) is missing"
        );
        let (code, stderr) = graph_with(scan, "action-plan", &["--ocr"]).expect_err("no OCR");
        assert_ne!(code, 0);
        assert!(
            stderr.contains("tesseract") || stderr.contains("pdftoppm"),
            "{stderr}"
        );
        return;
    }
    let (text_entities, _) = graph("scanned-action-plan-page.txt", "action-plan");
    let (entities, _, nquads) =
        graph_with(scan, "action-plan", &["--ocr"]).expect("the scan is read by OCR");
    let shared = text_entities.intersection(&entities).count() as f64;
    let share = shared / text_entities.len() as f64;
    assert!(
        share >= 0.90,
        "{shared} of {} entities ({share:.3}); only in the text: {:?}",
        text_entities.len(),
        text_entities.difference(&entities).collect::<Vec<_>>()
    );
    assert!(
        nquads.contains("/ontology#textSource> \"ocr\""),
        "the document does not say its text came from OCR"
    );
}

/// A PDF whose fonts lost their map to Unicode is refused with the reason and the way out
/// (OCR), never read as the control chars and stray letters its glyph codes give; with `--ocr`
/// it is read like a scan.
#[test]
fn a_pdf_without_unicode_maps_is_refused_with_the_reason_or_read_by_ocr() {
    let pdf = "no-unicode-map.pdf";
    let (code, stderr) = graph_with(pdf, "no-unicode-map", &[]).expect_err("no Unicode maps");
    assert_ne!(code, 0);
    assert!(
        stderr.contains(pdf) && stderr.contains("ToUnicode") && stderr.contains("--ocr"),
        "{stderr}"
    );
    if !ocr_installed() {
        return;
    }
    let (text_entities, _) = graph("no-unicode-map.txt", "no-unicode-map");
    let (entities, _, nquads) = graph_with(pdf, "no-unicode-map", &["--ocr"]).expect("read by OCR");
    let shared = text_entities.intersection(&entities).count() as f64;
    assert!(
        shared / text_entities.len() as f64 >= 0.9,
        "{shared} of {} entities; only in the text: {:?}",
        text_entities.len(),
        text_entities.difference(&entities).collect::<Vec<_>>()
    );
    assert!(nquads.contains("/ontology#textSource> \"ocr\""));
}
