//! Where the overview's labels go: each entity's label is tried at positions around its dot,
//! most central entity first, and put at the free one that crosses the fewest edges: right
//! beside the dot if any is free there, a little further out if not, and never nearer another
//! dot than its own while any other position or form fits. A label that fits nowhere is tried
//! in shorter forms (Chinese only, then cut short), and left out if none fits: a less central
//! entity gives up its label, labels never overlap.
//!
//! "Free" means inside the drawing area, clear of every label already placed (by a few pixels
//! more side by side), of every dot and of the reserved boxes (title, legend). Extents come
//! from `metrics`, which never underestimates the font's, plus a margin for the white halo
//! drawn around the text.

use super::metrics::{ascent, descent, text_width};

/// Room kept around each line of text, in pixels (the halo is 1.5 px wide).
const PAD: f32 = 2.0;
/// Space between the lines of one label.
const LINE_GAP: f32 = 1.0;
/// Space between a dot and its label.
const GAP: f32 = 3.0;
/// Extra space between two labels side by side, so that they do not read as one line.
const APART: f32 = 6.0;
/// How many positions [`candidates`] gives at each distance from the dot.
const NEAR: usize = 12;

/// An axis-aligned box, `x0 <= x1` and `y0 <= y1`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rect {
    /// Left edge.
    pub x0: f32,
    /// Top edge.
    pub y0: f32,
    /// Right edge.
    pub x1: f32,
    /// Bottom edge.
    pub y1: f32,
}

impl Rect {
    /// Whether the two boxes share any interior point.
    pub fn overlaps(&self, o: &Rect) -> bool {
        self.x0 < o.x1 && o.x0 < self.x1 && self.y0 < o.y1 && o.y0 < self.y1
    }

    /// Whether `o` lies wholly inside this box.
    pub fn contains(&self, o: &Rect) -> bool {
        o.x0 >= self.x0 && o.x1 <= self.x1 && o.y0 >= self.y0 && o.y1 <= self.y1
    }

    /// Whether the box and the disc of radius `r` around `(cx, cy)` overlap.
    pub fn touches_disc(&self, (cx, cy): (f32, f32), r: f32) -> bool {
        let dx = cx - cx.clamp(self.x0, self.x1);
        let dy = cy - cy.clamp(self.y0, self.y1);
        dx * dx + dy * dy < r * r
    }

    /// The box grown by `dx` on the left and right and `dy` at the top and bottom.
    pub fn grown(&self, dx: f32, dy: f32) -> Rect {
        Rect {
            x0: self.x0 - dx,
            y0: self.y0 - dy,
            x1: self.x1 + dx,
            y1: self.y1 + dy,
        }
    }

    /// How far the rim of `dot` is from the box (negative if they overlap).
    pub fn gap_to(&self, dot: Dot) -> f32 {
        let (cx, cy) = dot.at;
        let dx = cx - cx.clamp(self.x0, self.x1);
        let dy = cy - cy.clamp(self.y0, self.y1);
        dx.hypot(dy) - dot.r
    }

    /// Whether the segment from `a` to `b` passes through the box (Liang–Barsky clipping).
    pub fn crosses(&self, a: (f32, f32), b: (f32, f32)) -> bool {
        let (dx, dy) = (b.0 - a.0, b.1 - a.1);
        let (mut t0, mut t1) = (0.0f32, 1.0f32);
        for (p, q) in [
            (-dx, a.0 - self.x0),
            (dx, self.x1 - a.0),
            (-dy, a.1 - self.y0),
            (dy, self.y1 - a.1),
        ] {
            if p == 0.0 {
                if q < 0.0 {
                    return false;
                }
            } else {
                let t = q / p;
                if p < 0.0 {
                    t0 = t0.max(t);
                } else {
                    t1 = t1.min(t);
                }
                if t0 > t1 {
                    return false;
                }
            }
        }
        true
    }
}

/// How a line of text hangs from its `x`: the values of SVG's `text-anchor`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Anchor {
    /// `x` is where the text starts.
    Start,
    /// `x` is the text's middle.
    Middle,
    /// `x` is where the text ends.
    End,
}

impl Anchor {
    /// The attribute value.
    pub fn as_str(self) -> &'static str {
        match self {
            Anchor::Start => "start",
            Anchor::Middle => "middle",
            Anchor::End => "end",
        }
    }
}

/// One line of a label: its text and font size in pixels.
#[derive(Debug, Clone, PartialEq)]
pub struct Line {
    /// The text.
    pub text: String,
    /// Font size in pixels.
    pub size: f32,
}

/// A line placed in the picture: baseline at `y`, anchored at `x`.
#[derive(Debug, Clone, PartialEq)]
pub struct PlacedLine {
    /// The line.
    pub line: Line,
    /// Anchor position.
    pub x: f32,
    /// Baseline.
    pub y: f32,
    /// How the text hangs from `x`.
    pub anchor: Anchor,
}

/// A dot of the picture: centre and radius.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Dot {
    /// Centre.
    pub at: (f32, f32),
    /// Radius, including its outline.
    pub r: f32,
}

/// What labels must keep clear of besides each other.
#[derive(Debug, Clone, Default)]
pub struct Scene {
    /// Labels stay inside this box.
    pub area: Option<Rect>,
    /// Every dot drawn.
    pub dots: Vec<Dot>,
    /// Boxes kept free (title, legend).
    pub reserved: Vec<Rect>,
    /// The edges as polylines, to prefer positions that cross few of them.
    pub edges: Vec<Vec<(f32, f32)>>,
}

/// Width and height of a block of lines, margins included.
fn block_size(lines: &[Line]) -> (f32, f32) {
    let w = lines
        .iter()
        .map(|l| text_width(&l.text, l.size))
        .fold(0.0, f32::max);
    let h: f32 = lines
        .iter()
        .map(|l| ascent(l.size) + descent(l.size) + 2.0 * PAD)
        .sum::<f32>()
        + LINE_GAP * lines.len().saturating_sub(1) as f32;
    (w + 2.0 * PAD, h)
}

/// The positions tried around a dot for a block of `w` × `h`, best first: each a top-left
/// corner and the anchor its lines take.
fn candidates(dot: Dot, w: f32, h: f32) -> Vec<((f32, f32), Anchor)> {
    let (x, y) = dot.at;
    let r = dot.r + GAP;
    let d = dot.r * std::f32::consts::FRAC_1_SQRT_2 + GAP;
    let mut out = Vec::new();
    for far in [0.0, 10.0] {
        let (r, d) = (r + far, d + far);
        out.extend([
            ((x + r, y - h / 2.0), Anchor::Start),
            ((x - r - w, y - h / 2.0), Anchor::End),
            ((x - w / 2.0, y + r), Anchor::Middle),
            ((x - w / 2.0, y - r - h), Anchor::Middle),
            ((x + d, y - d - h), Anchor::Start),
            ((x + d, y + d), Anchor::Start),
            ((x - d - w, y - d - h), Anchor::End),
            ((x - d - w, y + d), Anchor::End),
            ((x + r, y - h + 4.0), Anchor::Start),
            ((x + r, y - 4.0), Anchor::Start),
            ((x - r - w, y - h + 4.0), Anchor::End),
            ((x - r - w, y - 4.0), Anchor::End),
        ]);
    }
    out
}

/// The lines of a block whose box is `b`, laid out with `anchor`.
fn lay_out(lines: &[Line], b: Rect, anchor: Anchor) -> Vec<PlacedLine> {
    let x = match anchor {
        Anchor::Start => b.x0 + PAD,
        Anchor::Middle => (b.x0 + b.x1) / 2.0,
        Anchor::End => b.x1 - PAD,
    };
    let mut top = b.y0;
    lines
        .iter()
        .map(|l| {
            let y = top + PAD + ascent(l.size);
            top = y + descent(l.size) + PAD + LINE_GAP;
            PlacedLine {
                line: l.clone(),
                x,
                y,
                anchor,
            }
        })
        .collect()
}

/// Places labels for the dots of `scene`: `labels[i]` are the forms of dot `i`'s label, best
/// first (an empty list: no label). Dots are served in index order, so the first dots' labels
/// are the ones kept when space runs out. Gives the placed lines of each dot's label, if any.
///
/// A position nearer another dot than its own would read as that dot's label: it is taken only
/// if no form of the label fits anywhere else, and then in the longest form that fits.
pub fn place(scene: &Scene, labels: &[Vec<Vec<Line>>]) -> Vec<Option<Vec<PlacedLine>>> {
    let mut taken: Vec<Rect> = scene.reserved.clone();
    let mut out = Vec::with_capacity(labels.len());
    for (i, forms) in labels.iter().enumerate() {
        let Some(&dot) = scene.dots.get(i) else {
            out.push(None);
            continue;
        };
        let mut chosen: Option<(bool, &[Line], Rect, Anchor)> = None;
        for lines in forms.iter().filter(|f| !f.is_empty()) {
            let (w, h) = block_size(lines);
            let best = candidates(dot, w, h)
                .into_iter()
                .enumerate()
                .filter_map(|(k, ((x0, y0), anchor))| {
                    let b = Rect {
                        x0,
                        y0,
                        x1: x0 + w,
                        y1: y0 + h,
                    };
                    let free = scene.area.is_none_or(|a| a.contains(&b))
                        && !taken.iter().any(|t| t.grown(APART, 0.0).overlaps(&b))
                        && !scene.dots.iter().any(|d| b.touches_disc(d.at, d.r));
                    free.then(|| {
                        let own = b.gap_to(dot);
                        let ambiguous = scene
                            .dots
                            .iter()
                            .enumerate()
                            .any(|(j, d)| j != i && b.gap_to(*d) < own);
                        let crossings = scene
                            .edges
                            .iter()
                            .filter(|e| e.windows(2).any(|s| b.crosses(s[0], s[1])))
                            .count();
                        // Unambiguous positions first, near ones before far ones, then the
                        // fewest edges crossed.
                        ((ambiguous, k / NEAR, crossings, k), b, anchor)
                    })
                })
                .min_by_key(|(key, _, _)| *key);
            if let Some(((ambiguous, ..), b, anchor)) = best {
                if chosen.is_none() || !ambiguous {
                    chosen = Some((ambiguous, lines, b, anchor));
                }
                if !ambiguous {
                    break;
                }
            }
        }
        out.push(chosen.map(|(_, lines, b, anchor)| {
            taken.push(b);
            lay_out(lines, b, anchor)
        }));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(text: &str) -> Line {
        Line {
            text: text.to_string(),
            size: 14.0,
        }
    }

    fn extent(p: &PlacedLine) -> Rect {
        let w = text_width(&p.line.text, p.line.size);
        let x0 = match p.anchor {
            Anchor::Start => p.x,
            Anchor::Middle => p.x - w / 2.0,
            Anchor::End => p.x - w,
        };
        Rect {
            x0,
            y0: p.y - ascent(p.line.size),
            x1: x0 + w,
            y1: p.y + descent(p.line.size),
        }
    }

    #[test]
    fn crowded_dots_get_labels_that_never_overlap_the_first_dot_first() {
        // Nine dots packed close together, each with a long label: not all can be labelled.
        let dots: Vec<Dot> = (0..9)
            .map(|i| Dot {
                at: (200.0 + 12.0 * (i % 3) as f32, 200.0 + 12.0 * (i / 3) as f32),
                r: 4.0,
            })
            .collect();
        let scene = Scene {
            area: Some(Rect {
                x0: 0.0,
                y0: 0.0,
                x1: 400.0,
                y1: 400.0,
            }),
            dots: dots.clone(),
            ..Scene::default()
        };
        let labels: Vec<Vec<Vec<Line>>> = (0..9)
            .map(|i| {
                vec![vec![
                    line(&format!("上海合作组织 {i}")),
                    line("Shanghai Cooperation"),
                ]]
            })
            .collect();
        let placed = place(&scene, &labels);
        assert!(placed[0].is_some(), "the first dot keeps its label");
        let boxes: Vec<Rect> = placed.iter().flatten().flatten().map(extent).collect();
        assert!(boxes.len() >= 4, "{} lines placed", boxes.len());
        assert!(boxes.len() < 18, "some labels must give way");
        for (i, a) in boxes.iter().enumerate() {
            assert!(scene.area.unwrap().contains(a));
            for b in &boxes[i + 1..] {
                assert!(!a.overlaps(b), "{a:?} overlaps {b:?}");
            }
            for d in &dots {
                assert!(!a.touches_disc(d.at, d.r), "{a:?} covers a dot");
            }
        }
    }

    #[test]
    fn a_label_falls_back_to_a_shorter_form_where_the_long_one_does_not_fit() {
        let scene = Scene {
            area: Some(Rect {
                x0: 0.0,
                y0: 0.0,
                x1: 90.0,
                y1: 90.0,
            }),
            dots: vec![Dot {
                at: (45.0, 45.0),
                r: 5.0,
            }],
            ..Scene::default()
        };
        let long = vec![line("中华人民共和国和巴基斯坦伊斯兰共和国")];
        let short = vec![line("中巴")];
        let placed = place(&scene, &[vec![long, short]]);
        let lines = placed[0].as_ref().expect("the short form fits");
        assert_eq!(lines[0].line.text, "中巴");
    }

    #[test]
    fn a_label_is_not_put_nearer_another_dot_than_its_own() {
        // Two strips keep the label off the positions right beside its dot, so it goes a
        // little further out: to the right it would end nearer the neighbour there than its
        // own dot, so it goes to the left although the right comes first.
        let own = Dot {
            at: (100.0, 100.0),
            r: 5.0,
        };
        let neighbour = Dot {
            at: (222.0, 100.0),
            r: 5.0,
        };
        let strip = |x0: f32| Rect {
            x0,
            y0: 0.0,
            x1: x0 + 4.0,
            y1: 200.0,
        };
        let scene = Scene {
            dots: vec![own, neighbour],
            reserved: vec![strip(107.0), strip(89.0)],
            ..Scene::default()
        };
        let placed = place(&scene, &[vec![vec![line("上海合作组织")]], Vec::new()]);
        let b = extent(&placed[0].as_ref().expect("placed")[0]);
        assert!(b.x1 < 100.0, "{b:?}");
        assert!(b.gap_to(own) < b.gap_to(neighbour), "{b:?}");
    }

    #[test]
    fn segments_through_and_beside_a_box() {
        let b = Rect {
            x0: 0.0,
            y0: 0.0,
            x1: 10.0,
            y1: 10.0,
        };
        assert!(b.crosses((-5.0, 5.0), (15.0, 5.0)));
        assert!(!b.crosses((-5.0, 15.0), (15.0, 12.0)));
        assert!(!b.crosses((-5.0, 5.0), (-1.0, 5.0)));
        assert!(b.touches_disc((12.0, 5.0), 3.0));
        assert!(!b.touches_disc((14.0, 14.0), 3.0));
    }
}
