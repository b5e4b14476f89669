//! The graph view (`/graph`): a page that draws the network in the browser, the data it draws
//! (`/graph.json`, read from the store once per version of it) and the script that draws it
//! (`/assets/graph.js`, built from `web/graph/` with sigma.js and graphology and embedded in the
//! binary, with the licences of what it bundles at `/assets/graph-licences.txt`).
//!
//! This module owns those four answers; the layout, filters and search run in the script.

use std::sync::{Arc, LazyLock, Mutex};

use axum::body::{Body, Bytes};
use axum::extract::State;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use sha2::{Digest, Sha256};

use super::{PerVersion, Shared, html, internal};
use crate::graph::GraphProjection;
use crate::store::CorpusStore;

mod data;

use data::GraphData;

/// The script of the view, built by `web/graph/build.sh`.
const SCRIPT: &str = include_str!("../../../web/graph/dist/graph.js");
/// The licences of the packages the script bundles.
const LICENCES: &str = include_str!("../../../web/graph/dist/licences.txt");
/// Where the page loads the script from.
const SCRIPT_PATH: &str = "/assets/graph.js";

/// The view's data (its JSON and entity tag) of the version of the store it was read from.
#[derive(Default)]
pub(super) struct Cache {
    data: PerVersion<(Bytes, String)>,
    /// Held while the data is read, so that one request reads it and the others wait.
    reading: Mutex<()>,
}

impl Cache {
    /// The JSON of `store` and its entity tag: the kept one when it was read from this
    /// version, else read now (one reader at a time; the others wait for its result).
    fn json(&self, store: &Arc<CorpusStore>) -> Result<(Bytes, String), crate::store::StoreError> {
        if let Some(kept) = self.data.get(store) {
            return Ok(kept);
        }
        let _reading = self.reading.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(kept) = self.data.get(store) {
            return Ok(kept);
        }
        let kg = store.knowledge_graph(true)?;
        let proj = GraphProjection::new(&kg);
        let json = Bytes::from(GraphData::new(&kg, &proj, html::entity_href).to_json());
        let tag = entity_tag(&json);
        self.data.put(store, (json.clone(), tag.clone()));
        Ok((json, tag))
    }
}

/// A strong entity tag of `bytes`: the start of their SHA-256.
fn entity_tag(bytes: &[u8]) -> String {
    let digest = Sha256::digest(bytes);
    let hex: String = digest[..12].iter().map(|b| format!("{b:02x}")).collect();
    format!("\"{hex}\"")
}

/// `body` with its type and tag, to be checked again on every use (`no-cache`); 304 Not
/// Modified without a body when the request names the tag already.
fn revalidated(
    request: &HeaderMap,
    content_type: &'static str,
    body: Bytes,
    tag: &str,
) -> Response {
    let matches = request
        .get(header::IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.split(',').any(|t| t.trim() == tag));
    let builder = Response::builder()
        .header(header::CACHE_CONTROL, "no-cache")
        .header(header::ETAG, tag)
        .header(
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        );
    let response = if matches {
        builder.status(StatusCode::NOT_MODIFIED).body(Body::empty())
    } else {
        builder
            .header(header::CONTENT_TYPE, content_type)
            .body(Body::from(body))
    };
    response.unwrap_or_else(|_| StatusCode::INTERNAL_SERVER_ERROR.into_response())
}

const STYLE: &str = "body{max-width:none;margin:0;padding:0 1rem}#graph-view{display:grid;\
grid-template-columns:19rem 1fr;gap:1rem;height:calc(100vh - 3rem)}#controls{overflow:auto;\
font-size:.9rem}#controls fieldset{border:1px solid #ddd;margin:.5rem 0;padding:.3rem .6rem}\
#controls label{display:block}.swatch{display:inline-block;width:.8rem;\
height:.8rem;border-radius:50%;margin:0 .3rem;vertical-align:middle}#sigma{position:relative;\
border:1px solid #ddd;min-height:20rem}#search{width:100%}#search-results{list-style:none;\
padding:0;margin:.2rem 0}#search-results button{width:100%;text-align:left;background:none;\
border:0;padding:.1rem .2rem;cursor:pointer}#search-results button:hover{background:#e0f2fe}\
#timeline label{display:flex;gap:.4rem;align-items:center}#timeline input[type=range]{flex:1;min-width:0}#visible-count{font-weight:600}\
#hover{min-height:1.5em}";

/// `/graph`: the page; the script fills it from `/graph.json`.
pub(super) async fn page() -> Response {
    let body = "<div id=\"graph-view\" data-src=\"/graph.json\" data-ready=\"false\">\
<aside id=\"controls\"><h1>Graph</h1>\
<p id=\"visible-count\" aria-live=\"polite\">Loading the graph…</p>\
<p id=\"hover\" class=\"muted\"></p>\
<form id=\"search-form\" role=\"search\"><input id=\"search\" type=\"search\" \
placeholder=\"Find an entity (name, alias, id)\" autocomplete=\"off\" aria-label=\"Find an entity\">\
<ul id=\"search-results\"></ul></form>\
<fieldset id=\"types\"><legend>Entity types</legend></fieldset>\
<fieldset id=\"relations\"><legend>Relations</legend></fieldset>\
<fieldset id=\"timeline\"><legend>Dates</legend>\
<label>from <input id=\"date-from\" type=\"range\" min=\"0\" max=\"0\" value=\"0\"></label>\
<label>to <input id=\"date-to\" type=\"range\" min=\"0\" max=\"0\" value=\"0\"></label>\
<output id=\"date-range\"></output>\
<label><input id=\"undated\" type=\"checkbox\" checked> undated entities and relations</label>\
</fieldset>\
<label><input id=\"cooccurrence\" type=\"checkbox\"> co-occurrence layer (named in one sentence)</label>\
<p class=\"muted\">Sizes follow PageRank. Click an entity to open its page; drag to pan, \
scroll to zoom.</p></aside>\
<div id=\"sigma\"></div></div>\
<noscript>The graph view needs JavaScript; the <a href=\"/\">entity browser</a> does not.</noscript>";
    html::page_with_scripts("Graph", STYLE, body, &[SCRIPT_PATH])
}

/// `/graph.json`: the [`GraphData`] of the store's current version.
pub(super) async fn json(State(state): Shared, request: HeaderMap) -> Response {
    let s = state.clone();
    let read = tokio::task::spawn_blocking(move || {
        let store = s.store();
        s.graph_view.json(&store)
    })
    .await;
    match read {
        Ok(Ok((json, tag))) => revalidated(&request, "application/json", json, &tag),
        Ok(Err(e)) => internal(super::sparql::chain(&e)),
        Err(e) => internal(e),
    }
}

/// `/assets/graph.js`: the view's script.
pub(super) async fn script(request: HeaderMap) -> Response {
    static TAG: LazyLock<String> = LazyLock::new(|| entity_tag(SCRIPT.as_bytes()));
    revalidated(
        &request,
        "text/javascript; charset=utf-8",
        Bytes::from_static(SCRIPT.as_bytes()),
        &TAG,
    )
}

/// `/assets/graph-licences.txt`: the licences of the packages the script bundles.
pub(super) async fn licences(request: HeaderMap) -> Response {
    static TAG: LazyLock<String> = LazyLock::new(|| entity_tag(LICENCES.as_bytes()));
    revalidated(
        &request,
        "text/plain; charset=utf-8",
        Bytes::from_static(LICENCES.as_bytes()),
        &TAG,
    )
}
