//! `overview.svg` measured with the font it names: WenQuanYi Micro Hei is read from its file and
//! every `<text>` of the picture set with its real advance widths, ascender and descender. No
//! two texts overlap, none covers a dot or leaves the canvas, all are at least 12 px; edges of
//! directed relations end in an arrowhead at their object's dot, and the legend lists exactly
//! the types and relations drawn.
//!
//! Runs on the default corpus's picture and on every file `CORRIDOR_OVERVIEW_SVG` names (a
//! path list, `:`-separated). Where the font is not installed the test says so and passes,
//! unless `CORRIDOR_REQUIRE_FONTS` is set (CI sets it and installs `fonts-wqy-microhei`).

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use quick_xml::events::{BytesStart, Event};

const ROOT: &str = env!("CARGO_MANIFEST_DIR");
/// WenQuanYi Micro Hei as Debian's `fonts-wqy-microhei` installs it.
const WQY: &str = "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc";
/// The `sans-serif` a renderer falls back to for a character WenQuanYi Micro Hei lacks.
const DEJAVU: &str = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";

/// A box on the canvas.
#[derive(Debug, Clone, Copy)]
struct Extent {
    x0: f64,
    y0: f64,
    x1: f64,
    y1: f64,
}

impl Extent {
    fn overlaps(&self, o: &Extent) -> bool {
        self.x0 < o.x1 && o.x0 < self.x1 && self.y0 < o.y1 && o.y0 < self.y1
    }

    fn touches_disc(&self, (cx, cy, r): (f64, f64, f64)) -> bool {
        let dx = cx - cx.clamp(self.x0, self.x1);
        let dy = cy - cy.clamp(self.y0, self.y1);
        dx * dx + dy * dy < r * r
    }
}

/// The fonts that draw the picture's text: the one it names, then the fallback.
struct Fonts {
    data: Vec<(String, Vec<u8>)>,
}

impl Fonts {
    /// The fonts, or `None` where WenQuanYi Micro Hei is not installed.
    fn load() -> Option<Fonts> {
        let mut data = vec![(WQY.to_string(), fs::read(WQY).ok()?)];
        if let Ok(d) = fs::read(DEJAVU) {
            data.push((DEJAVU.to_string(), d));
        }
        Some(Fonts { data })
    }

    fn face(&self, i: usize) -> ttf_parser::Face<'_> {
        ttf_parser::Face::parse(&self.data[i].1, 0)
            .unwrap_or_else(|e| panic!("{}: {e}", self.data[i].0))
    }

    /// Width of `text` at `size` pixels: each character's advance in the first font that has it.
    fn width(&self, text: &str, size: f64) -> f64 {
        text.chars()
            .map(|c| {
                (0..self.data.len())
                    .find_map(|i| {
                        let face = self.face(i);
                        let advance = face.glyph_hor_advance(face.glyph_index(c)?)?;
                        Some(f64::from(advance) * size / f64::from(face.units_per_em()))
                    })
                    .unwrap_or_else(|| panic!("no installed font draws {c:?} (in {text:?})"))
            })
            .sum()
    }

    /// Height above and depth below the baseline of a line at `size` pixels.
    fn vertical(&self, size: f64) -> (f64, f64) {
        let face = self.face(0);
        let em = f64::from(face.units_per_em());
        (
            f64::from(face.ascender()) * size / em,
            -f64::from(face.descender()) * size / em,
        )
    }
}

/// A `<text>` of the picture.
#[derive(Debug)]
struct Text {
    class: String,
    content: String,
    extent: Extent,
    size: f64,
}

/// What the test reads from a picture.
#[derive(Debug, Default)]
struct Picture {
    canvas: Option<Extent>,
    font_family: String,
    texts: Vec<Text>,
    /// Dots: centre and radius, outline included.
    discs: Vec<(f64, f64, f64)>,
    /// Entity dots (not the legend's) and their types.
    nodes: usize,
    node_types: BTreeSet<String>,
    /// Edges: relation, end point, and the arrowhead marker if any.
    edges: Vec<(String, (f64, f64), Option<String>)>,
    markers: BTreeSet<String>,
}

fn attr(e: &BytesStart<'_>, name: &str) -> Option<String> {
    e.try_get_attribute(name)
        .unwrap_or_else(|err| panic!("attribute {name}: {err}"))
        .map(|a| {
            a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
                .expect("attribute value")
                .into_owned()
        })
}

fn number(e: &BytesStart<'_>, name: &str) -> f64 {
    let v = attr(e, name).unwrap_or_else(|| panic!("no {name} on {e:?}"));
    v.parse()
        .unwrap_or_else(|err| panic!("{name}={v:?} is not a number: {err}"))
}

/// Reads `svg`, measuring each text with `fonts`. Attributes that would move text in ways the
/// test does not follow (`transform`, `dx`, `dy`, `rotate`, `<tspan>`) fail it.
fn read(svg: &str, fonts: &Fonts) -> Picture {
    let mut pic = Picture::default();
    let mut reader = quick_xml::Reader::from_str(svg);
    // Inherited presentation attributes along the path to the current element.
    let mut stack: Vec<BTreeMap<String, String>> = Vec::new();
    let inherited = |stack: &[BTreeMap<String, String>], name: &str| {
        stack.iter().rev().find_map(|m| m.get(name).cloned())
    };
    loop {
        let event = reader.read_event().expect("well-formed SVG");
        let (e, empty) = match &event {
            Event::Start(e) => (e.clone(), false),
            Event::Empty(e) => (e.clone(), true),
            Event::End(_) => {
                stack.pop();
                continue;
            }
            Event::Eof => break,
            _ => continue,
        };
        let name = e.local_name().as_ref().to_string();
        for moving in ["transform", "dx", "dy", "rotate"] {
            assert!(attr(&e, moving).is_none(), "{moving} on <{name}>");
        }
        assert_ne!(name, "tspan", "<tspan> is not measured");
        let mut own = BTreeMap::new();
        for key in ["font-size", "text-anchor", "font-family"] {
            if let Some(v) = attr(&e, key) {
                own.insert(key.to_string(), v);
            }
        }
        match name.as_str() {
            "svg" => {
                let (w, h) = (number(&e, "width"), number(&e, "height"));
                pic.canvas = Some(Extent {
                    x0: 0.0,
                    y0: 0.0,
                    x1: w,
                    y1: h,
                });
                pic.font_family = attr(&e, "font-family").unwrap_or_default();
            }
            "marker" => {
                pic.markers.insert(attr(&e, "id").expect("marker id"));
            }
            "circle" => {
                let stroke = attr(&e, "stroke-width").map_or(0.0, |s| s.parse().unwrap());
                let r = number(&e, "r") + stroke / 2.0;
                pic.discs.push((number(&e, "cx"), number(&e, "cy"), r));
                let class = attr(&e, "class").unwrap_or_default();
                if let Some(kind) = class.strip_prefix("node t-") {
                    pic.nodes += 1;
                    pic.node_types.insert(kind.to_string());
                }
            }
            "path" => {
                let class = attr(&e, "class").unwrap_or_default();
                if let Some(kind) = class.strip_prefix("edge r-") {
                    let d = attr(&e, "d").expect("path data");
                    let last = d.split([' ', 'M', 'Q', 'L']).rfind(|s| !s.is_empty());
                    let (x, y) = last.and_then(|p| p.split_once(',')).expect("end point");
                    let marker = attr(&e, "marker-end").map(|m| {
                        m.strip_prefix("url(#")
                            .and_then(|m| m.strip_suffix(')'))
                            .expect("marker reference")
                            .to_string()
                    });
                    pic.edges.push((
                        kind.to_string(),
                        (x.parse().unwrap(), y.parse().unwrap()),
                        marker,
                    ));
                }
            }
            "text" => {
                assert!(!empty, "empty <text>");
                let raw = reader
                    .read_text(e.name())
                    .expect("text content")
                    .into_inner();
                assert!(!raw.contains('<'), "markup inside <text>: {raw}");
                let content = quick_xml::escape::unescape(&raw).unwrap().into_owned();
                let size: f64 = own
                    .get("font-size")
                    .cloned()
                    .or_else(|| inherited(&stack, "font-size"))
                    .expect("a font size")
                    .parse()
                    .unwrap();
                let anchor = own
                    .get("text-anchor")
                    .cloned()
                    .or_else(|| inherited(&stack, "text-anchor"))
                    .unwrap_or_else(|| "start".into());
                let (x, y) = (number(&e, "x"), number(&e, "y"));
                let w = fonts.width(&content, size);
                let x0 = match anchor.as_str() {
                    "start" => x,
                    "middle" => x - w / 2.0,
                    "end" => x - w,
                    other => panic!("text-anchor {other}"),
                };
                let (up, down) = fonts.vertical(size);
                pic.texts.push(Text {
                    class: attr(&e, "class").unwrap_or_default(),
                    content,
                    extent: Extent {
                        x0,
                        y0: y - up,
                        x1: x0 + w,
                        y1: y + down,
                    },
                    size,
                });
                // read_text consumed the end tag.
                continue;
            }
            _ => {}
        }
        if !empty {
            stack.push(own);
        }
    }
    pic
}

/// Checks one picture: a line saying what was checked, or every problem found.
fn check(path: &Path, fonts: &Fonts) -> Result<String, Vec<String>> {
    let svg = fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let pic = read(&svg, fonts);
    let mut problems = Vec::new();
    if !pic.font_family.starts_with("WenQuanYi Micro Hei") {
        problems.push(format!(
            "the picture names {:?}, not the font measured",
            pic.font_family
        ));
    }
    let canvas = pic.canvas.expect("a canvas size");
    let labels = pic.texts.iter().filter(|t| t.class == "label").count();
    if labels == 0 {
        problems.push("no labels".into());
    }
    for (i, a) in pic.texts.iter().enumerate() {
        let e = a.extent;
        if a.size < 12.0 {
            problems.push(format!("{:?} is set at {} px", a.content, a.size));
        }
        if e.x0 < canvas.x0 || e.x1 > canvas.x1 || e.y0 < canvas.y0 || e.y1 > canvas.y1 {
            problems.push(format!("{:?} at {e:?} leaves the canvas", a.content));
        }
        for b in &pic.texts[i + 1..] {
            if e.overlaps(&b.extent) {
                problems.push(format!(
                    "{:?} at {e:?} overlaps {:?} at {:?}",
                    a.content, b.content, b.extent
                ));
            }
        }
        for &disc in &pic.discs {
            if e.touches_disc(disc) {
                problems.push(format!(
                    "{:?} at {e:?} covers the dot at {disc:?}",
                    a.content
                ));
            }
        }
    }
    // Directed relations end in an arrowhead of their own, at the edge of a dot.
    for (kind, (x, y), marker) in &pic.edges {
        let symmetric = matches!(kind.as_str(), "met" | "cooccursWith");
        match marker {
            Some(_) if symmetric => problems.push(format!("{kind} drawn with an arrow")),
            Some(m) if *m != format!("arrow-{kind}") || !pic.markers.contains(m) => {
                problems.push(format!("a {kind} edge ends in marker {m}"))
            }
            None if !symmetric => problems.push(format!("a {kind} edge without an arrow")),
            _ => {}
        }
        let on_rim = pic.discs.iter().any(|&(cx, cy, r)| {
            let d = ((x - cx).powi(2) + (y - cy).powi(2)).sqrt();
            (r - 1.5..=r + 1.5).contains(&d)
        });
        if !on_rim {
            problems.push(format!(
                "a {kind} edge ends at ({x}, {y}), off any dot's rim"
            ));
        }
    }
    // The legend: what is drawn, nothing more.
    let listed = |class: &str| -> BTreeSet<String> {
        pic.texts
            .iter()
            .filter(|t| t.class == class)
            .map(|t| t.content.split(' ').next().unwrap_or("").to_string())
            .collect()
    };
    let drawn: BTreeSet<String> = pic.edges.iter().map(|e| e.0.clone()).collect();
    if listed("legend-relation") != drawn {
        problems.push(format!(
            "the legend lists the relations {:?}, the picture draws {drawn:?}",
            listed("legend-relation")
        ));
    }
    if listed("legend-type") != pic.node_types {
        problems.push(format!(
            "the legend lists the types {:?}, the picture draws {:?}",
            listed("legend-type"),
            pic.node_types
        ));
    }
    if problems.is_empty() {
        Ok(format!(
            "{}: {} texts ({labels} label lines) measured for {} entities, {} edges: no overlaps",
            path.display(),
            pic.texts.len(),
            pic.nodes,
            pic.edges.len()
        ))
    } else {
        Err(problems)
    }
}

/// The default corpus's picture, from a fresh build.
fn default_picture(dir: &Path) -> PathBuf {
    Command::cargo_bin("corridor")
        .unwrap()
        .current_dir(ROOT)
        .arg("--store")
        .arg(dir.join("store"))
        .args(["build", "--no-progress", "--out"])
        .arg(dir.join("exports"))
        .assert()
        .success();
    dir.join("exports").join("overview.svg")
}

/// The fonts; where they are missing, `None` after saying so, or a failure if
/// `CORRIDOR_REQUIRE_FONTS` is set.
fn fonts_or_say_why_not() -> Option<Fonts> {
    let fonts = Fonts::load();
    if fonts.is_none() {
        assert!(
            std::env::var_os("CORRIDOR_REQUIRE_FONTS").is_none(),
            "CORRIDOR_REQUIRE_FONTS is set but {WQY} is missing (Debian: fonts-wqy-microhei)"
        );
        eprintln!("NOT RUN: {WQY} is missing; install fonts-wqy-microhei to measure the labels");
    }
    fonts
}

#[test]
fn overview_labels_do_not_overlap_when_measured_with_the_real_font() {
    let Some(fonts) = fonts_or_say_why_not() else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let mut pictures = vec![default_picture(dir.path())];
    if let Some(more) = std::env::var_os("CORRIDOR_OVERVIEW_SVG") {
        pictures.extend(std::env::split_paths(&more).filter(|p| !p.as_os_str().is_empty()));
    }
    for p in &pictures {
        match check(p, &fonts) {
            Ok(done) => eprintln!("{done}"),
            Err(problems) => panic!("{}:\n{}", p.display(), problems.join("\n")),
        }
    }
}

/// The check itself: two labels on one spot, as the picture drew them before it placed labels,
/// are found.
#[test]
fn the_check_catches_overlapping_labels() {
    let Some(fonts) = fonts_or_say_why_not() else {
        return;
    };
    let svg = r#"<svg xmlns="http://www.w3.org/2000/svg" width="400" height="300" font-family="WenQuanYi Micro Hei, sans-serif">
<text class="label" x="100" y="100" font-size="13">中国 / China</text>
<text class="label" x="130" y="104" font-size="13">国务院 / State Council</text>
</svg>"#;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("overlap.svg");
    fs::write(&path, svg).unwrap();
    let problems = check(&path, &fonts).expect_err("overlapping labels fail the check");
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert!(problems[0].contains("overlaps"), "{problems:?}");
}
