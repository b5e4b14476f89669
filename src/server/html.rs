//! HTML building blocks of the entity browser: escaping (everything from documents is untrusted),
//! links, the page frame, and a document's text with its sentences and entities marked.

use std::ops::Range;

use axum::body::Body;
use axum::http::{StatusCode, header};
use axum::response::Response;

/// Escapes text for HTML content and attribute values.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

/// Percent-encodes a value for a URL query parameter.
pub fn query_value(s: &str) -> String {
    form_urlencoded::byte_serialize(s.as_bytes()).collect()
}

/// Percent-encodes a path, keeping its `/` separators.
pub fn path(s: &str) -> String {
    let mut out = String::new();
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// The link to an entity's page.
pub fn entity_href(id: &str) -> String {
    format!("/entity/{}", path(id))
}

/// The link to a document's page.
pub fn doc_href(id: &str) -> String {
    format!("/doc/{}", path(id))
}

const STYLE: &str = "body{font-family:system-ui,'Noto Sans CJK SC',sans-serif;max-width:60rem;\
margin:1rem auto;padding:0 1rem;line-height:1.5;color:#222}nav a{margin-right:1rem}\
table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.2rem .5rem;text-align:left;\
vertical-align:top}blockquote{margin:.3rem 0 .3rem 1rem;padding-left:.6rem;border-left:3px solid \
#ccc}mark{background:#fde68a}#text{white-space:pre-wrap}.target{background:#e0f2fe}\
textarea{width:100%;font-family:monospace}li.statement{margin-bottom:.6rem}.muted{color:#666}\
form.curate{margin:.3rem 0}form.curate label{margin-right:.4rem;white-space:nowrap}\
details summary{cursor:pointer;color:#555}.outcome{background:#ecfdf5;border:1px solid #a7f3d0;\
padding:.3rem .8rem;margin:1rem 0}.refused{color:#991b1b}li.item{margin-bottom:.8rem}";

/// The policy of the pages without scripts: nothing runs, nothing loads but inline styles and
/// this server's images, and forms post only to this server.
const POLICY: &str =
    "default-src 'none'; style-src 'unsafe-inline'; img-src 'self'; form-action 'self'";

/// The policy of a page with scripts: [`POLICY`], plus scripts from this server only (no inline
/// script, no `eval`) that may fetch from this server only.
const SCRIPT_POLICY: &str = "default-src 'none'; script-src 'self'; connect-src 'self'; \
style-src 'unsafe-inline'; img-src 'self'; form-action 'self'; base-uri 'none'";

/// A whole page: the title, the navigation and `body` (already HTML).
pub fn page(title: &str, body: &str) -> Response {
    page_with_status(StatusCode::OK, title, body)
}

/// A whole page with a status other than 200.
pub fn page_with_status(status: StatusCode, title: &str, body: &str) -> Response {
    frame(status, title, "", body, &[])
}

/// A whole page that runs `scripts` (paths on this server, loaded in order at the end of the
/// body), with `style` (CSS) after the pages' own; its policy allows no other script.
pub fn page_with_scripts(title: &str, style: &str, body: &str, scripts: &[&str]) -> Response {
    frame(StatusCode::OK, title, style, body, scripts)
}

fn frame(status: StatusCode, title: &str, style: &str, body: &str, scripts: &[&str]) -> Response {
    let tags: String = scripts
        .iter()
        .map(|src| format!("<script src=\"{}\"></script>", escape(src)))
        .collect();
    let html = format!(
        "<!DOCTYPE html>\n<html lang=\"zh\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>{} · corridor</title><style>{STYLE}{style}</style></head><body>\
         <nav><a href=\"/\">corridor</a><a href=\"/graph\">Graph</a><a href=\"/query\">SPARQL</a></nav>\n\
         {body}\n{tags}</body></html>\n",
        escape(title)
    );
    let policy = if scripts.is_empty() {
        POLICY
    } else {
        SCRIPT_POLICY
    };
    Response::builder()
        .status(status)
        .header(header::CONTENT_TYPE, "text/html; charset=utf-8")
        .header(header::CONTENT_SECURITY_POLICY, policy)
        .body(Body::from(html))
        .unwrap_or_else(|_| Response::new(Body::empty()))
}

/// `text` with every occurrence of `names` (longest first, never overlapping) wrapped in
/// `<mark>`, escaped.
pub fn highlight(text: &str, names: &[String]) -> String {
    let mut names: Vec<&str> = names
        .iter()
        .map(String::as_str)
        .filter(|n| !n.is_empty())
        .collect();
    names.sort_by_key(|n| std::cmp::Reverse(n.len()));
    let mut spans: Vec<Range<usize>> = Vec::new();
    for n in names {
        for (at, _) in text.match_indices(n) {
            let r = at..at + n.len();
            if !spans.iter().any(|s| s.start < r.end && r.start < s.end) {
                spans.push(r);
            }
        }
    }
    spans.sort_by_key(|r| r.start);
    let mut out = String::new();
    let mut pos = 0;
    for r in spans {
        out.push_str(&escape(&text[pos..r.start]));
        out.push_str("<mark>");
        out.push_str(&escape(&text[r.clone()]));
        out.push_str("</mark>");
        pos = r.end;
    }
    out.push_str(&escape(&text[pos..]));
    out
}

/// A document's text as HTML: each sentence in `sentences` becomes a `<span id=…>` anchor and
/// each mention a link to its entity. Sentences that overlap an earlier one, and mentions that
/// cross a sentence's edge or overlap another mention, are left plain. Ranges are byte ranges of
/// `text`; those not on character boundaries are ignored.
pub fn document_text(
    text: &str,
    sentences: &[(Range<usize>, String)],
    mentions: &[(Range<usize>, String)],
) -> String {
    let ok = |r: &Range<usize>| {
        r.start < r.end
            && r.end <= text.len()
            && text.is_char_boundary(r.start)
            && text.is_char_boundary(r.end)
    };
    let mut sents: Vec<&(Range<usize>, String)> = sentences.iter().filter(|(r, _)| ok(r)).collect();
    sents.sort_by_key(|(r, _)| (r.start, r.end));
    let mut kept_sents: Vec<&(Range<usize>, String)> = Vec::new();
    for s in sents {
        if kept_sents.last().is_none_or(|l| l.0.end <= s.0.start) {
            kept_sents.push(s);
        }
    }
    let crosses = |r: &Range<usize>| {
        kept_sents.iter().any(|(s, _)| {
            r.start < s.end && s.start < r.end && !(s.start <= r.start && r.end <= s.end)
        })
    };
    let mut ments: Vec<&(Range<usize>, String)> = mentions
        .iter()
        .filter(|(r, _)| ok(r) && !crosses(r))
        .collect();
    ments.sort_by_key(|(r, _)| (r.start, r.end));
    let mut kept_ments: Vec<&(Range<usize>, String)> = Vec::new();
    for m in ments {
        if kept_ments.last().is_none_or(|l| l.0.end <= m.0.start) {
            kept_ments.push(m);
        }
    }
    // Boundaries, ordered so that elements nest: closings before openings at one position.
    let mut events: Vec<(usize, u8, String)> = Vec::new();
    for (r, anchor) in &kept_sents {
        events.push((
            r.start,
            2,
            format!("<span class=\"sentence\" id=\"{}\">", escape(anchor)),
        ));
        events.push((r.end, 1, "</span>".into()));
    }
    for (r, entity) in &kept_ments {
        events.push((
            r.start,
            3,
            format!(
                "<a class=\"entity\" href=\"{}\">",
                escape(&entity_href(entity))
            ),
        ));
        events.push((r.end, 0, "</a>".into()));
    }
    events.sort_by_key(|(pos, order, _)| (*pos, *order));
    let mut out = String::with_capacity(text.len() * 2);
    let mut pos = 0;
    for (at, _, tag) in events {
        out.push_str(&escape(&text[pos..at]));
        out.push_str(&tag);
        pos = at;
    }
    out.push_str(&escape(&text[pos..]));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping_leaves_no_markup() {
        assert_eq!(
            escape(r#"<script>alert("x")</script> & 'y'"#),
            "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;y&#39;"
        );
    }

    #[test]
    fn highlights_the_longest_names_without_overlap() {
        let h = highlight(
            "瓜达尔港位于瓜达尔。<b>",
            &["瓜达尔".into(), "瓜达尔港".into()],
        );
        assert_eq!(h, "<mark>瓜达尔港</mark>位于<mark>瓜达尔</mark>。&lt;b&gt;");
    }

    #[test]
    fn document_text_nests_sentences_and_links_and_escapes_the_rest() {
        let text = "前言<x>。瓜达尔港位于巴基斯坦。";
        let s_start = text.find("瓜").unwrap();
        let sentences = vec![(s_start..text.len(), "s42".to_string())];
        let gwadar = s_start..s_start + "瓜达尔港".len();
        let pk = text.find("巴基斯坦").unwrap();
        let crossing = 0..s_start + 3;
        let mentions = vec![
            (gwadar, "project/gwadar-port".to_string()),
            (pk..pk + "巴基斯坦".len(), "country/pakistan".to_string()),
            (crossing, "x/crossing".to_string()),
        ];
        let html = document_text(text, &sentences, &mentions);
        assert_eq!(
            html,
            "前言&lt;x&gt;。<span class=\"sentence\" id=\"s42\"><a class=\"entity\" \
             href=\"/entity/project/gwadar-port\">瓜达尔港</a>位于<a class=\"entity\" \
             href=\"/entity/country/pakistan\">巴基斯坦</a>。</span>"
        );
    }

    #[test]
    fn paths_are_percent_encoded_but_keep_slashes() {
        assert_eq!(path("project/瓜"), "project/%E7%93%9C");
        assert_eq!(query_value("a b&c"), "a+b%26c");
    }
}
