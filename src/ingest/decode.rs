//! Decoding: turning a file's bytes into text.
//!
//! This module owns the choice of encoding. It accepts UTF-8 (with or without a byte-order mark,
//! which is removed), UTF-16 LE/BE with a byte-order mark or, without one, when the bytes read
//! as plausible text in just one of the two orders, and GB18030/GBK without one, and
//! refuses binary data and bytes that are valid in none of these. It knows nothing of file names
//! (the caller adds them to the error) nor of what the text says.

use encoding_rs::{Encoding, GB18030, UTF_16BE, UTF_16LE};

/// Why bytes could not be read as text.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum DecodeError {
    /// The bytes hold a NUL, which text files never do.
    #[error("binary content: NUL byte at offset {offset}")]
    NulByte {
        /// Byte offset of the first NUL.
        offset: usize,
    },
    /// The decoded text holds too many control characters to be text.
    #[error("binary content: {count} control characters among {total} characters")]
    ControlCharacters {
        /// Control characters found (other than tab, line breaks and form feed).
        count: usize,
        /// Characters in the decoded text.
        total: usize,
    },
    /// A UTF-8 byte-order mark is followed by bytes that are not UTF-8.
    #[error(
        "starts with a UTF-8 byte-order mark but is not valid UTF-8 (bad byte at offset {offset})"
    )]
    InvalidUtf8 {
        /// Byte offset of the first invalid byte, counting the mark.
        offset: usize,
    },
    /// A UTF-16 byte-order mark is followed by bytes that are not UTF-16.
    #[error("starts with a {encoding} byte-order mark but is not valid {encoding}")]
    InvalidUtf16 {
        /// `UTF-16LE` or `UTF-16BE`.
        encoding: &'static str,
    },
    /// The byte-order mark names an encoding that is not supported.
    #[error("{encoding} (by its byte-order mark) is not a supported encoding")]
    Unsupported {
        /// The encoding the mark names.
        encoding: &'static str,
    },
    /// The bytes are valid in no supported encoding.
    #[error(
        "not valid UTF-8 (bad byte at offset {offset}) nor GB18030/GBK, and no byte-order mark \
         names another encoding"
    )]
    UnknownEncoding {
        /// Byte offset of the first byte that is not UTF-8.
        offset: usize,
    },
}

/// Text decoded from a file and the encoding it was in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    /// The text, without byte-order mark.
    pub text: String,
    /// The encoding: `UTF-8`, `UTF-16LE`, `UTF-16BE`, `GBK` or `GB18030`.
    pub encoding: &'static str,
}

/// Decodes a file's bytes: by byte-order mark when there is one, else as UTF-8, else as
/// GB18030/GBK; refuses binary data and bytes that no supported encoding accepts.
pub fn decode(bytes: &[u8]) -> Result<Decoded, DecodeError> {
    if bytes.starts_with(&[0xFF, 0xFE, 0, 0]) {
        return Err(DecodeError::Unsupported {
            encoding: "UTF-32LE",
        });
    }
    if bytes.starts_with(&[0, 0, 0xFE, 0xFF]) {
        return Err(DecodeError::Unsupported {
            encoding: "UTF-32BE",
        });
    }
    if let Some(rest) = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
        let text = std::str::from_utf8(rest).map_err(|e| DecodeError::InvalidUtf8 {
            offset: 3 + e.valid_up_to(),
        })?;
        return checked(text.to_string(), "UTF-8");
    }
    if let Some(rest) = bytes.strip_prefix(&[0xFF, 0xFE]) {
        return utf16(rest, UTF_16LE);
    }
    if let Some(rest) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        return utf16(rest, UTF_16BE);
    }
    if let Some(offset) = bytes.iter().position(|&b| b == 0) {
        // UTF-16 without a byte-order mark has NULs wherever it writes ASCII.
        if let Some(decoded) = utf16_without_bom(bytes) {
            return checked(decoded.text, decoded.encoding);
        }
        return Err(DecodeError::NulByte { offset });
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => checked(text.to_string(), "UTF-8"),
        Err(e) => {
            let offset = e.valid_up_to();
            let text = GB18030
                .decode_without_bom_handling_and_without_replacement(bytes)
                .ok_or(DecodeError::UnknownEncoding { offset })?;
            // GB18030's user-defined areas decode to private-use chars, which real text lacks.
            let private = text
                .chars()
                .filter(|c| ('\u{E000}'..='\u{F8FF}').contains(c))
                .count();
            if private * 100 > text.chars().count() {
                return Err(DecodeError::UnknownEncoding { offset });
            }
            let encoding = if has_four_byte_sequence(bytes) {
                "GB18030"
            } else {
                "GBK"
            };
            checked(text.into_owned(), encoding)
        }
    }
}

/// Decodes UTF-16 after its byte-order mark.
fn utf16(rest: &[u8], encoding: &'static Encoding) -> Result<Decoded, DecodeError> {
    let name = encoding.name();
    let text = encoding
        .decode_without_bom_handling_and_without_replacement(rest)
        .ok_or(DecodeError::InvalidUtf16 { encoding: name })?;
    checked(text.into_owned(), name)
}

/// Reads bytes without byte-order mark as UTF-16 when a byte order gives plausible text: no
/// unpaired surrogate, and at least 95 % of the characters are ones documents are written in
/// (ASCII, Latin letters, CJK ideographs and punctuation, fullwidth forms, general punctuation).
/// Binary data decodes to a scatter of other characters. When both orders are plausible (ASCII
/// read in the wrong order gives ideographs), the one with more ASCII characters is taken.
fn utf16_without_bom(bytes: &[u8]) -> Option<Decoded> {
    if !bytes.len().is_multiple_of(2) {
        return None;
    }
    let plausible = |encoding: &'static Encoding| {
        let text = encoding.decode_without_bom_handling_and_without_replacement(bytes)?;
        let (mut good, mut ascii, mut total) = (0usize, 0usize, 0usize);
        for c in text.chars() {
            total += 1;
            good += usize::from(is_text_char(c));
            ascii += usize::from(c.is_ascii());
        }
        (total > 0 && good * 100 >= total * 95).then(|| {
            let decoded = Decoded {
                text: text.into_owned(),
                encoding: encoding.name(),
            };
            (decoded, ascii)
        })
    };
    match (plausible(UTF_16LE), plausible(UTF_16BE)) {
        (Some((d, _)), None) | (None, Some((d, _))) => Some(d),
        (Some((le, a)), Some((be, b))) if a != b => Some(if a > b { le } else { be }),
        _ => None,
    }
}

/// Characters that documents are written in (for telling UTF-16 from binary data).
fn is_text_char(c: char) -> bool {
    matches!(c,
        '\t' | '\n' | '\r' | ' '..='~'
        | '\u{A0}'..='\u{24F}'          // Latin-1 and Latin Extended
        | '\u{2000}'..='\u{206F}'       // general punctuation
        | '\u{2150}'..='\u{218F}'       // number forms
        | '\u{2460}'..='\u{24FF}'       // circled numbers
        | '\u{3000}'..='\u{303F}'       // CJK symbols and punctuation
        | '\u{3400}'..='\u{4DBF}'       // CJK extension A
        | '\u{4E00}'..='\u{9FFF}'       // CJK unified ideographs
        | '\u{FF00}'..='\u{FFEF}'       // fullwidth forms
    )
}

/// Accepts decoded text unless it holds NULs or more than 1 % control characters.
fn checked(text: String, encoding: &'static str) -> Result<Decoded, DecodeError> {
    if let Some(offset) = text.find('\0') {
        return Err(DecodeError::NulByte { offset });
    }
    let (mut count, mut total) = (0usize, 0usize);
    for c in text.chars() {
        total += 1;
        if is_binary_control(c) {
            count += 1;
        }
    }
    if count > 0 && count * 100 > total {
        return Err(DecodeError::ControlCharacters { count, total });
    }
    Ok(Decoded { text, encoding })
}

/// Control characters that do not occur in text: C0 and C1 controls other than tab, line feed,
/// carriage return, form feed (which PDF extraction leaves between pages) and next line (U+0085,
/// a line break to the normalizer, and what Windows-1252's ellipsis becomes when read as
/// Latin-1).
fn is_binary_control(c: char) -> bool {
    c.is_control() && !matches!(c, '\t' | '\n' | '\r' | '\u{0C}' | '\u{85}')
}

/// Whether GB18030 bytes use its four-byte sequences (which GBK lacks).
fn has_four_byte_sequence(bytes: &[u8]) -> bool {
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b < 0x80 {
            i += 1;
        } else if bytes.get(i + 1).is_some_and(|n| n.is_ascii_digit()) {
            return true;
        } else {
            i += 2;
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = "中巴经济走廊（CPEC）\r\n兩國 agree.\n";

    #[test]
    fn utf8_without_bom_is_read_as_is() {
        let d = decode(SAMPLE.as_bytes()).unwrap();
        assert_eq!((d.text.as_str(), d.encoding), (SAMPLE, "UTF-8"));
    }

    #[test]
    fn utf8_bom_is_removed() {
        let bytes = [&[0xEF, 0xBB, 0xBF][..], SAMPLE.as_bytes()].concat();
        let d = decode(&bytes).unwrap();
        assert_eq!((d.text.as_str(), d.encoding), (SAMPLE, "UTF-8"));
        let bad = [&[0xEF, 0xBB, 0xBF, b'a'][..], &[0xC3, 0x28]].concat();
        assert!(matches!(
            decode(&bad),
            Err(DecodeError::InvalidUtf8 { offset: 4 })
        ));
    }

    #[test]
    fn utf16_without_bom_is_read_when_one_byte_order_is_plausible() {
        for text in [SAMPLE, "plain ASCII only, in UTF-16\n", "中巴经济走廊\n"] {
            let units: Vec<u16> = text.encode_utf16().collect();
            let le: Vec<u8> = units.iter().flat_map(|u| u.to_le_bytes()).collect();
            let be: Vec<u8> = units.iter().flat_map(|u| u.to_be_bytes()).collect();
            let d = decode(&le).unwrap();
            assert_eq!((d.text.as_str(), d.encoding), (text, "UTF-16LE"));
            let d = decode(&be).unwrap();
            assert_eq!((d.text.as_str(), d.encoding), (text, "UTF-16BE"));
        }
        // Binary data with NULs is still refused as such.
        let png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00\x00\x00\x01\x00\x08\x06";
        assert!(matches!(decode(png), Err(DecodeError::NulByte { .. })));
    }

    #[test]
    fn a_next_line_character_is_text_not_binary() {
        let text = "\u{85}1.充分发挥中巴经济走廊联委会作用。\n";
        assert_eq!(decode(text.as_bytes()).unwrap().text, text);
    }

    #[test]
    fn utf16_le_and_be_with_bom_are_read() {
        let units: Vec<u16> = SAMPLE.encode_utf16().collect();
        let le: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain(units.iter().flat_map(|u| u.to_le_bytes()))
            .collect();
        let be: Vec<u8> = [0xFE, 0xFF]
            .into_iter()
            .chain(units.iter().flat_map(|u| u.to_be_bytes()))
            .collect();
        assert_eq!(
            decode(&le).unwrap(),
            Decoded {
                text: SAMPLE.into(),
                encoding: "UTF-16LE"
            }
        );
        assert_eq!(
            decode(&be).unwrap(),
            Decoded {
                text: SAMPLE.into(),
                encoding: "UTF-16BE"
            }
        );
    }

    #[test]
    fn invalid_utf16_is_refused() {
        // A lone high surrogate.
        let bytes = [0xFF, 0xFE, 0x3D, 0xD8, b'a', 0];
        assert!(matches!(
            decode(&bytes),
            Err(DecodeError::InvalidUtf16 {
                encoding: "UTF-16LE"
            })
        ));
        assert!(matches!(
            decode(&[0xFF, 0xFE, 0, 0, b'a', 0, 0, 0]),
            Err(DecodeError::Unsupported { .. })
        ));
    }

    #[test]
    fn gbk_bytes_are_read() {
        let text = "中华人民共和国和古巴共和国关于加快构建中古命运共同体的联合声明。2025年9月4日";
        let (bytes, _, lossy) = encoding_rs::GBK.encode(text);
        assert!(!lossy && std::str::from_utf8(&bytes).is_err());
        assert_eq!(
            decode(&bytes).unwrap(),
            Decoded {
                text: text.into(),
                encoding: "GBK"
            }
        );
        let (bytes, _, _) = GB18030.encode("€ 𠀀 中国");
        assert_eq!(decode(&bytes).unwrap().encoding, "GB18030");
    }

    #[test]
    fn binary_with_nul_bytes_is_refused() {
        let bytes = b"PK\x03\x04\x14\x00\x00\x00\x08\x00";
        assert!(matches!(
            decode(bytes),
            Err(DecodeError::NulByte { offset: 5 })
        ));
        let controls = b"\x01\x02\x03\x04 text \x05\x06\x07";
        assert!(matches!(
            decode(controls),
            Err(DecodeError::ControlCharacters { count: 7, .. })
        ));
        // Tab, line breaks and form feed are text.
        assert!(decode(b"a\tb\r\n\x0Cc").is_ok());
    }

    #[test]
    fn random_invalid_bytes_are_refused() {
        // A fixed pseudo-random sequence (xorshift), never NUL, so only the encoding checks see it.
        let mut x: u32 = 0x9E37_79B9;
        let bytes: Vec<u8> = (0..4096)
            .map(|_| {
                x ^= x << 13;
                x ^= x >> 17;
                x ^= x << 5;
                (x >> 24) as u8 | 1
            })
            .collect();
        let err = decode(&bytes).unwrap_err();
        assert!(matches!(
            err,
            DecodeError::UnknownEncoding { .. } | DecodeError::ControlCharacters { .. }
        ));
        assert!(matches!(
            decode(&[b'a', 0xFF, 0xFF]),
            Err(DecodeError::UnknownEncoding { offset: 1 })
        ));
        assert!(err.to_string().contains("binary") || err.to_string().contains("not valid"));
        // Bytes GB18030 reads only as private-use chars.
        let private = decode(&[0xAA, 0xA1, 0xAA, 0xA2]);
        assert!(matches!(
            private,
            Err(DecodeError::UnknownEncoding { offset: 0 })
        ));
    }

    #[test]
    fn empty_input_is_empty_text() {
        assert_eq!(
            decode(b"").unwrap(),
            Decoded {
                text: String::new(),
                encoding: "UTF-8"
            }
        );
    }
}
