//! How much room a label takes in the overview's font, WenQuanYi Micro Hei, without reading
//! any font file: the advance widths of the characters labels use, taken once from the font
//! (2,048 units per em), and an upper bound for the rest.
//!
//! Estimates are never smaller than what a renderer using the font draws: printable ASCII,
//! Latin-1 letters and the punctuation of Chinese text are exact, CJK ideographs, kana, hangul
//! and full-width forms take one em (as every one of them does in the font), and any other
//! character is counted wider than the font's widest glyph. The font's own fallback glyphs for
//! characters it lacks are not measured here; a renderer draws those from another font.

/// The font family the picture names: the font measured here, then the CJK fonts a viewer
/// without it most likely has (ideographs one em wide in each, Latin about as wide).
pub const FONT_FAMILY: &str =
    "WenQuanYi Micro Hei, Noto Sans CJK SC, Microsoft YaHei, PingFang SC, sans-serif";

/// Font units per em.
const UNITS_PER_EM: f32 = 2048.0;
/// Height above the baseline (the font's `hhea` ascender), in font units.
const ASCENDER: f32 = 1918.0;
/// Depth below the baseline (the font's `hhea` descender, made positive), in font units.
const DESCENDER: f32 = 483.0;
/// Width counted for a character the tables do not know: more than the widest glyph (2,404).
const UNKNOWN: u16 = 2458;

/// Advance widths of U+0020 to U+007E, in font units.
const ASCII: [u16; 95] = [
    532, 551, 823, 1323, 1128, 1690, 1438, 463, 616, 616, 1128, 1128, 512, 659, 549,
    764, // ' '../
    1128, 1128, 1128, 1128, 1128, 1128, 1128, 1128, 1128, 1128, 549, 549, 1128, 1128, 1128,
    872, // 0..?
    1774, 1245, 1272, 1235, 1401, 1081, 1006, 1413, 1436, 694, 555, 1186, 1006, 1782, 1493,
    1520, // @..O
    1180, 1518, 1208, 1063, 1063, 1430, 1163, 1810, 1120, 1079, 1104, 621, 764, 621, 1090,
    842, // P.._
    1182, 1087, 1200, 948, 1200, 1096, 674, 1061, 1206, 530, 530, 1016, 530, 1835, 1206,
    1182, // `..o
    1200, 1200, 817, 924, 694, 1206, 981, 1528, 1024, 1001, 903, 725, 1128, 725, 1128, // p..~
];

/// Advance widths of U+00A0 to U+00FF (Latin-1), in font units.
const LATIN1: [u16; 96] = [
    532, 551, 1128, 1128, 1128, 1128, 1128, 995, 1182, 1704, 678, 997, 1128, 659, 1704, 1024, 877,
    1128, 680, 680, 1182, 1217, 1341, 549, 420, 680, 717, 997, 1509, 1509, 1509, 872, 1245, 1245,
    1245, 1245, 1245, 1245, 1745, 1235, 1081, 1081, 1081, 1081, 694, 694, 694, 694, 1401, 1493,
    1520, 1520, 1520, 1520, 1520, 1128, 1520, 1430, 1430, 1430, 1430, 1079, 1180, 1233, 1087, 1087,
    1087, 1087, 1087, 1087, 1706, 948, 1096, 1096, 1096, 1096, 530, 530, 530, 530, 1182, 1206,
    1182, 1182, 1182, 1182, 1182, 1128, 1182, 1206, 1206, 1206, 1206, 1001, 1200, 1001,
];

/// Punctuation of the General Punctuation block that labels use, in font units.
const PUNCTUATION: [(char, u16); 10] = [
    ('\u{2010}', 656),  // hyphen
    ('\u{2013}', 1024), // en dash
    ('\u{2014}', 2048), // em dash
    ('\u{2018}', 2048), // ‘
    ('\u{2019}', 2048), // ’
    ('\u{201C}', 2048), // “
    ('\u{201D}', 2048), // ”
    ('\u{2022}', 770),  // bullet
    ('\u{2026}', 2048), // …
    ('\u{2027}', 552),  // hyphenation point
];

/// Ranges in which every glyph of the font is one em wide: CJK symbols and punctuation, kana,
/// bopomofo, enclosed CJK letters, CJK ideographs (with extension A and compatibility
/// ideographs), hangul syllables, CJK compatibility forms and full-width forms.
const ONE_EM: [(u32, u32); 10] = [
    (0x3000, 0x30FF),
    (0x3100, 0x31FF),
    (0x3200, 0x33FF),
    (0x3400, 0x4DBF),
    (0x4E00, 0x9FFF),
    (0xAC00, 0xD7A3),
    (0xF900, 0xFAFF),
    (0xFE30, 0xFE4F),
    (0xFF01, 0xFF60),
    (0xFFE0, 0xFFE6),
];

/// Advance width of one character, in font units (an upper bound where not exact).
fn advance(c: char) -> u16 {
    let u = c as u32;
    match u {
        0x20..=0x7E => ASCII[(u - 0x20) as usize],
        0xA0..=0xFF => LATIN1[(u - 0xA0) as usize],
        _ if ONE_EM.iter().any(|&(a, b)| (a..=b).contains(&u)) => UNITS_PER_EM as u16,
        _ => PUNCTUATION
            .iter()
            .find(|&&(p, _)| p == c)
            .map_or(UNKNOWN, |&(_, w)| w),
    }
}

/// Width in pixels of `text` set in the overview's font at `size` pixels.
pub fn text_width(text: &str, size: f32) -> f32 {
    let units: u32 = text.chars().map(|c| u32::from(advance(c))).sum();
    units as f32 * size / UNITS_PER_EM
}

/// Height above the baseline that a line at `size` pixels takes.
pub fn ascent(size: f32) -> f32 {
    ASCENDER * size / UNITS_PER_EM
}

/// Depth below the baseline that a line at `size` pixels takes.
pub fn descent(size: f32) -> f32 {
    DESCENDER * size / UNITS_PER_EM
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ideographs_take_one_em_and_latin_letters_their_own_width() {
        assert_eq!(text_width("中国", 16.0), 32.0);
        assert_eq!(text_width("“一带一路”", 10.0), 60.0);
        // 'i' is narrower than 'm'; é counts as e.
        assert!(text_width("i", 20.0) < text_width("m", 20.0));
        assert_eq!(text_width("é", 20.0), text_width("e", 20.0));
        assert_eq!(
            text_width("China", 2048.0),
            (1235 + 1206 + 530 + 1206 + 1087) as f32
        );
    }

    #[test]
    fn an_unknown_character_counts_wider_than_an_em() {
        // Arabic is not in the font: whatever draws it, the estimate leaves room.
        assert!(text_width("\u{0628}", 10.0) > 10.0);
        assert!(ascent(14.0) > 13.0 && descent(14.0) > 3.0);
    }

    /// The tables against the font file itself, where it is installed (CI installs it and sets
    /// `CORRIDOR_REQUIRE_FONTS`).
    #[test]
    fn the_tables_are_the_fonts_own_widths() {
        let Ok(data) = std::fs::read("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc") else {
            assert!(
                std::env::var_os("CORRIDOR_REQUIRE_FONTS").is_none(),
                "CORRIDOR_REQUIRE_FONTS is set but WenQuanYi Micro Hei is missing"
            );
            eprintln!("NOT RUN: WenQuanYi Micro Hei is not installed (fonts-wqy-microhei)");
            return;
        };
        let face = ttf_parser::Face::parse(&data, 0).unwrap();
        assert_eq!(f32::from(face.units_per_em()), UNITS_PER_EM);
        assert_eq!(f32::from(face.ascender()), ASCENDER);
        assert_eq!(-f32::from(face.descender()), DESCENDER);
        let font = |c: char| face.glyph_index(c).and_then(|g| face.glyph_hor_advance(g));
        let listed = (0x20..=0x7E)
            .chain(0xA0..=0xFF)
            .filter_map(char::from_u32)
            .chain(PUNCTUATION.iter().map(|p| p.0));
        for c in listed {
            assert_eq!(font(c), Some(advance(c)), "{c:?}");
        }
        for &(a, b) in &ONE_EM {
            for c in (a..=b).filter_map(char::from_u32) {
                assert!(font(c).is_none_or(|w| w == advance(c)), "{c:?}");
            }
        }
        let widest = (0..face.number_of_glyphs())
            .filter_map(|g| face.glyph_hor_advance(ttf_parser::GlyphId(g)))
            .max();
        assert!(widest < Some(UNKNOWN), "{widest:?}");
    }
}
