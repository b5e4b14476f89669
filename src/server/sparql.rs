//! The SPARQL 1.1 Protocol (`/sparql`, `/update`) and the read side of the Graph Store HTTP
//! Protocol (`/store`): request parsing, content negotiation, limits and errors.

// The error of a helper is the response to send, as with axum's own extractors.
#![allow(clippy::result_large_err)]

use std::sync::Arc;

use axum::body::{Body, Bytes};
use axum::extract::{RawQuery, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use oxigraph::io::{RdfFormat, RdfParser, RdfSerializer};
use oxigraph::model::Triple;
use oxigraph::sparql::results::{QueryResultsFormat, QueryResultsSerializer};
use oxigraph::sparql::{CancellationToken, QueryResults};

use super::{AppState, Shared, error};
use crate::store::{QuerySpec, StoreError};

/// The header that says a response was cut at the row limit.
pub const TRUNCATED_HEADER: &str = "X-Corridor-Truncated";

/// A result format: its media type and how to write it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Format {
    /// Solutions or a boolean.
    Results(QueryResultsFormat),
    /// Triples.
    Graph(RdfFormat),
}

impl Format {
    fn media_type(self) -> &'static str {
        match self {
            Format::Results(QueryResultsFormat::Json) => "application/sparql-results+json",
            Format::Results(QueryResultsFormat::Xml) => "application/sparql-results+xml",
            Format::Results(QueryResultsFormat::Csv) => "text/csv; charset=utf-8",
            Format::Results(QueryResultsFormat::Tsv) => "text/tab-separated-values; charset=utf-8",
            Format::Results(_) => "application/sparql-results+json",
            Format::Graph(RdfFormat::NTriples) => "application/n-triples",
            Format::Graph(RdfFormat::JsonLd { .. }) => "application/ld+json",
            Format::Graph(RdfFormat::RdfXml) => "application/rdf+xml",
            Format::Graph(_) => "text/turtle; charset=utf-8",
        }
    }
}

const RESULT_TYPES: [(&str, QueryResultsFormat); 8] = [
    ("application/sparql-results+json", QueryResultsFormat::Json),
    ("application/json", QueryResultsFormat::Json),
    ("application/sparql-results+xml", QueryResultsFormat::Xml),
    ("application/xml", QueryResultsFormat::Xml),
    ("text/xml", QueryResultsFormat::Xml),
    ("text/csv", QueryResultsFormat::Csv),
    ("text/tab-separated-values", QueryResultsFormat::Tsv),
    ("text/tsv", QueryResultsFormat::Tsv),
];

fn graph_types() -> [(&'static str, RdfFormat); 8] {
    let jsonld = RdfFormat::JsonLd {
        profile: Default::default(),
    };
    [
        ("text/turtle", RdfFormat::Turtle),
        ("application/x-turtle", RdfFormat::Turtle),
        ("application/n-triples", RdfFormat::NTriples),
        ("text/plain", RdfFormat::NTriples),
        ("application/ld+json", jsonld),
        ("application/json", jsonld),
        ("application/rdf+xml", RdfFormat::RdfXml),
        ("application/xml", RdfFormat::RdfXml),
    ]
}

/// A `format` parameter's value: a short name (`json`, `csv`, `turtle` …) or a media type.
fn named_format(name: &str, graph: bool) -> Option<Format> {
    let name = name.trim().to_ascii_lowercase();
    let f = match (name.as_str(), graph) {
        ("json" | "srj", false) => Format::Results(QueryResultsFormat::Json),
        ("xml" | "srx", false) => Format::Results(QueryResultsFormat::Xml),
        ("csv", false) => Format::Results(QueryResultsFormat::Csv),
        ("tsv", false) => Format::Results(QueryResultsFormat::Tsv),
        ("turtle" | "ttl", true) => Format::Graph(RdfFormat::Turtle),
        ("ntriples" | "n-triples" | "nt", true) => Format::Graph(RdfFormat::NTriples),
        ("jsonld" | "json-ld" | "json", true) => Format::Graph(RdfFormat::JsonLd {
            profile: Default::default(),
        }),
        ("rdfxml" | "rdf+xml" | "rdf" | "xml", true) => Format::Graph(RdfFormat::RdfXml),
        (media, false) => RESULT_TYPES
            .iter()
            .find(|(m, _)| *m == media)
            .map(|(_, f)| Format::Results(*f))?,
        (media, true) => graph_types()
            .iter()
            .find(|(m, _)| *m == media)
            .map(|(_, f)| Format::Graph(*f))?,
    };
    Some(f)
}

/// Picks the format for a result kind from the `format` parameter or the Accept header (with
/// its q-values); `None` when the client accepts none of them.
/// The first `format` value that names a format for the result kind wins; values naming none
/// (some clients send one per result kind) leave the choice to `Accept`.
pub(crate) fn negotiate(accept: Option<&str>, formats: &[String], graph: bool) -> Option<Format> {
    if let Some(f) = formats.iter().find_map(|n| named_format(n, graph)) {
        return Some(f);
    }
    let default = if graph {
        Format::Graph(RdfFormat::Turtle)
    } else {
        Format::Results(QueryResultsFormat::Json)
    };
    let Some(accept) = accept.filter(|a| !a.trim().is_empty()) else {
        return Some(default);
    };
    let mut best: Option<(f32, usize, Format)> = None;
    for (order, item) in accept.split(',').enumerate() {
        let mut parts = item.split(';');
        let media = parts.next().unwrap_or("").trim().to_ascii_lowercase();
        let q = parts
            .filter_map(|p| p.trim().strip_prefix("q="))
            .find_map(|v| v.trim().parse::<f32>().ok())
            .unwrap_or(1.0);
        if q <= 0.0 {
            continue;
        }
        let found = if media == "*/*" || (media == "application/*" && !graph) {
            Some(default)
        } else if graph {
            graph_types()
                .iter()
                .find(|(m, _)| *m == media)
                .map(|(_, f)| Format::Graph(*f))
        } else {
            RESULT_TYPES
                .iter()
                .find(|(m, _)| *m == media)
                .map(|(_, f)| Format::Results(*f))
        };
        if let Some(f) = found {
            // Higher q wins; at equal q, the earlier entry.
            let better = best.is_none_or(|(bq, bo, _)| q > bq || (q == bq && order < bo));
            if better {
                best = Some((q, order, f));
            }
        }
    }
    best.map(|(_, _, f)| f)
}

/// The parameters of a protocol request.
#[derive(Debug, Default)]
struct Params {
    query: Vec<String>,
    update: Vec<String>,
    default_graphs: Vec<String>,
    named_graphs: Vec<String>,
    format: Vec<String>,
}

fn parse_pairs(bytes: &[u8], into: &mut Params) {
    for (k, v) in form_urlencoded::parse(bytes) {
        let v = v.into_owned();
        match k.as_ref() {
            "query" => into.query.push(v),
            "update" => into.update.push(v),
            "default-graph-uri" | "using-graph-uri" => into.default_graphs.push(v),
            "named-graph-uri" | "using-named-graph-uri" => into.named_graphs.push(v),
            "format" | "output" | "results" => into.format.push(v),
            _ => {}
        }
    }
}

fn content_type(headers: &HeaderMap) -> String {
    headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase()
}

/// Reads the parameters of a POST: a `application/sparql-query` or `application/sparql-update`
/// body, or a form.
fn post_params(raw: Option<&str>, headers: &HeaderMap, body: &Bytes) -> Result<Params, Response> {
    let mut p = Params::default();
    parse_pairs(raw.unwrap_or("").as_bytes(), &mut p);
    let text = || {
        String::from_utf8(body.to_vec())
            .map_err(|_| error(StatusCode::BAD_REQUEST, "the request body is not UTF-8"))
    };
    match content_type(headers).as_str() {
        "application/sparql-query" => p.query.push(text()?),
        "application/sparql-update" => p.update.push(text()?),
        "application/x-www-form-urlencoded" => parse_pairs(body, &mut p),
        other => {
            return Err(error(
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                format!(
                    "unsupported Content-Type `{other}`: send application/sparql-query, \
                     application/sparql-update or application/x-www-form-urlencoded"
                ),
            ));
        }
    }
    Ok(p)
}

fn accept(headers: &HeaderMap) -> Option<String> {
    headers
        .get(header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .map(str::to_string)
}

/// `GET /sparql`: a query, or the service description without one.
pub(crate) async fn query_get(
    State(state): Shared,
    RawQuery(raw): RawQuery,
    headers: HeaderMap,
) -> Response {
    let mut p = Params::default();
    parse_pairs(raw.unwrap_or_default().as_bytes(), &mut p);
    if p.query.is_empty() {
        if !p.update.is_empty() {
            return error(
                StatusCode::METHOD_NOT_ALLOWED,
                "updates are sent with POST to /update",
            );
        }
        return service_description(&state, &headers, &p.format);
    }
    run(state, p, &headers).await
}

/// `POST /sparql`: a query (or an update, passed on to `/update`).
pub(crate) async fn query_post(
    State(state): Shared,
    RawQuery(raw): RawQuery,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let p = match post_params(raw.as_deref(), &headers, &body) {
        Ok(p) => p,
        Err(r) => return r,
    };
    if p.query.is_empty() && !p.update.is_empty() {
        return update(state, p, &headers).await;
    }
    run(state, p, &headers).await
}

/// `POST /update`: a SPARQL update, when the server is writable and the token matches.
pub(crate) async fn update_post(
    State(state): Shared,
    RawQuery(raw): RawQuery,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    match post_params(raw.as_deref(), &headers, &body) {
        Ok(p) => update(state, p, &headers).await,
        Err(r) => r,
    }
}

/// Compares two strings in time independent of where they differ.
pub(super) fn same_secret(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

async fn update(state: Arc<AppState>, p: Params, headers: &HeaderMap) -> Response {
    if !state.opts.writable {
        return error(
            StatusCode::FORBIDDEN,
            "this server is read-only: start it with --writable (and a token) to accept updates",
        );
    }
    let given = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .map(str::trim);
    let expected = state.opts.token.as_deref().unwrap_or("");
    if !given.is_some_and(|g| same_secret(g, expected)) {
        let mut r = error(
            StatusCode::UNAUTHORIZED,
            "an update needs the header `Authorization: Bearer <token>` with the server's token",
        );
        r.headers_mut().insert(
            header::WWW_AUTHENTICATE,
            header::HeaderValue::from_static("Bearer"),
        );
        return r;
    }
    let [text] = p.update.as_slice() else {
        return error(
            StatusCode::BAD_REQUEST,
            "give exactly one update (the `update` parameter or an application/sparql-update body)",
        );
    };
    let text = text.clone();
    let s = state.clone();
    let done = tokio::task::spawn_blocking(move || {
        let _guard = s.writing();
        s.store().update(&text)
    })
    .await;
    match done {
        Ok(Ok(())) => StatusCode::NO_CONTENT.into_response(),
        Ok(Err(StoreError::Syntax(e))) => syntax_error(&e.to_string()),
        Ok(Err(e @ (StoreError::Limit(_) | StoreError::Unsupported(_)))) => {
            error(StatusCode::BAD_REQUEST, e.to_string())
        }
        Ok(Err(e)) => super::internal(chain(&e)),
        Err(e) => super::internal(e),
    }
}

/// The message of an error and its causes, on one line.
pub(super) fn chain(e: &dyn std::error::Error) -> String {
    let mut out = e.to_string();
    let mut cause = e.source();
    while let Some(c) = cause {
        out.push_str(": ");
        out.push_str(&c.to_string());
        cause = c.source();
    }
    out
}

/// A 400 answer for a syntax error, naming the line and column (`error at 3:14: …` from the
/// parser becomes `line 3, column 14: …`).
fn syntax_error(message: &str) -> Response {
    let text = message
        .strip_prefix("error at ")
        .and_then(|rest| {
            let (pos, what) = rest.split_once(": ")?;
            let (line, column) = pos.split_once(':')?;
            let column = column.split('-').next()?;
            Some(format!(
                "SPARQL syntax error at line {line}, column {column}: {what}"
            ))
        })
        .unwrap_or_else(|| format!("SPARQL syntax error: {message}"));
    error(StatusCode::BAD_REQUEST, text)
}

/// What evaluating a query gave: the serialized body, its media type, whether rows were cut.
pub(crate) struct Answer {
    /// The serialized results.
    pub body: Vec<u8>,
    /// Their media type.
    pub media_type: &'static str,
    /// Whether rows were cut at the limit.
    pub truncated: bool,
}

/// The media types answers carry, as the static strings [`Format`] gives.
pub(crate) fn known_media_type(media: &str) -> Option<&'static str> {
    let results = [
        QueryResultsFormat::Json,
        QueryResultsFormat::Xml,
        QueryResultsFormat::Csv,
        QueryResultsFormat::Tsv,
    ]
    .map(Format::Results);
    let graphs = [
        RdfFormat::Turtle,
        RdfFormat::NTriples,
        RdfFormat::JsonLd {
            profile: Default::default(),
        },
        RdfFormat::RdfXml,
    ]
    .map(Format::Graph);
    results
        .into_iter()
        .chain(graphs)
        .map(Format::media_type)
        .find(|m| *m == media)
}

/// Why a query gave no answer.
pub(crate) enum Failure {
    /// The query does not parse.
    Syntax(String),
    /// No format the client accepts fits the result (true: a graph).
    NotAcceptable(bool),
    /// A parameter is wrong.
    BadRequest(String),
    /// Evaluation failed (or was cancelled).
    Failed(String),
}

fn serialize(
    results: QueryResults<'static>,
    accept: Option<&str>,
    format: &[String],
    max_rows: usize,
) -> Result<Answer, Failure> {
    let failed = |e: &dyn std::error::Error| Failure::Failed(chain(e));
    let mut body = Vec::new();
    let mut truncated = false;
    let graph = matches!(results, QueryResults::Graph(_));
    let chosen = negotiate(accept, format, graph).ok_or(Failure::NotAcceptable(graph))?;
    match (results, chosen) {
        (QueryResults::Boolean(b), Format::Results(f)) => {
            QueryResultsSerializer::from_format(f)
                .serialize_boolean_to_writer(&mut body, b)
                .map_err(|e| failed(&e))?;
        }
        (QueryResults::Solutions(solutions), Format::Results(f)) => {
            let mut w = QueryResultsSerializer::from_format(f)
                .serialize_solutions_to_writer(&mut body, solutions.variables().to_vec())
                .map_err(|e| failed(&e))?;
            for (n, s) in solutions.enumerate() {
                let s = s.map_err(|e| failed(&e))?;
                if n == max_rows {
                    truncated = true;
                    break;
                }
                w.serialize(&s).map_err(|e| failed(&e))?;
            }
            w.finish().map_err(|e| failed(&e))?;
        }
        (QueryResults::Graph(triples), Format::Graph(f)) => {
            let mut w = with_prefixes(RdfSerializer::from_format(f))
                .map_err(|e| Failure::Failed(e.to_string()))?
                .for_writer(&mut body);
            for (n, t) in triples.enumerate() {
                let t = t.map_err(|e| failed(&e))?;
                if n == max_rows {
                    truncated = true;
                    break;
                }
                w.serialize_triple(&t).map_err(|e| failed(&e))?;
            }
            w.finish().map_err(|e| failed(&e))?;
        }
        (_, _) => return Err(Failure::NotAcceptable(graph)),
    }
    Ok(Answer {
        body,
        media_type: chosen.media_type(),
        truncated,
    })
}

/// Evaluates a query under the server's limits (concurrency, time) and hands its results to
/// `consume` on the blocking thread; the error is the response to send.
pub(crate) async fn evaluate<T: Send + 'static>(
    state: &Arc<AppState>,
    query: String,
    mut spec: QuerySpec,
    consume: impl FnOnce(QueryResults<'static>) -> Result<T, Failure> + Send + 'static,
) -> Result<T, Response> {
    let Ok(permit) = state.permits.clone().try_acquire_owned() else {
        return Err(busy(state));
    };
    let token = CancellationToken::new();
    spec.cancel = Some(token.clone());
    let store = state.store();
    let task = tokio::task::spawn_blocking(move || {
        let _permit = permit;
        crate::sparql_guard::on_query_stack(|| {
            consume(store.query_with(&query, &spec).map_err(failure)?)
        })
    });
    let limit = state.opts.query_timeout;
    match tokio::time::timeout(limit, task).await {
        Ok(Ok(Ok(value))) => Ok(value),
        Ok(Ok(Err(failure))) => Err(failure_response(failure)),
        Ok(Err(e)) => Err(super::internal(e)),
        Err(_) => {
            token.cancel();
            Err(timed_out(limit))
        }
    }
}

/// What a query's failure in the store means for the client.
fn failure(e: StoreError) -> Failure {
    match e {
        StoreError::Syntax(e) => Failure::Syntax(e.to_string()),
        StoreError::BadGraph { .. } | StoreError::Limit(_) | StoreError::Unsupported(_) => {
            Failure::BadRequest(e.to_string())
        }
        other => Failure::Failed(chain(&other)),
    }
}

fn failure_response(failure: Failure) -> Response {
    match failure {
        Failure::Syntax(m) => syntax_error(&m),
        Failure::BadRequest(m) => error(StatusCode::BAD_REQUEST, m),
        Failure::NotAcceptable(graph) => error(
            StatusCode::NOT_ACCEPTABLE,
            if graph {
                "this query gives a graph: accept text/turtle, application/n-triples, \
                 application/ld+json or application/rdf+xml"
            } else {
                "this query gives results: accept application/sparql-results+json, \
                 application/sparql-results+xml, text/csv or text/tab-separated-values"
            },
        ),
        Failure::Failed(m) if m.contains("cancelled") => error(
            StatusCode::REQUEST_TIMEOUT,
            "the query ran past the time limit and was stopped",
        ),
        Failure::Failed(m) => error(StatusCode::INTERNAL_SERVER_ERROR, m),
    }
}

/// Evaluates a client's query under the server's limits and serializes its answer. A query
/// past the limits of [`sparql_guard`](crate::sparql_guard) is answered 400 before anything
/// else; one that can use memory or time without reading the store runs in a child process
/// killed at the time limit and capped in memory where that is available
/// ([`isolate`](super::isolate)), and such queries never take the last of the server's slots,
/// so the browser and cheap queries always find one; the others run in this process with
/// cancellation.
pub(crate) async fn answer(
    state: &Arc<AppState>,
    query: String,
    spec: QuerySpec,
    accept: Option<String>,
    format: Vec<String>,
) -> Result<Answer, Response> {
    let max_rows = state.opts.max_rows;
    let checked = {
        let query = query.clone();
        tokio::task::spawn_blocking(move || crate::sparql_guard::check_query(&query)).await
    };
    // Queries that may run away (cross products, string building) share all slots but one,
    // whether they run in a child or, where none can be forked, in the server.
    let heavy = match checked {
        Ok(Ok(parsed)) => parsed.as_ref().is_some_and(super::isolate::needs_isolation),
        Ok(Err(limit)) => return Err(error(StatusCode::BAD_REQUEST, limit.to_string())),
        Err(e) => return Err(super::internal(e)),
    };
    let heavy_permit = if heavy {
        let Ok(p) = state.heavy_permits.clone().try_acquire_owned() else {
            return Err(error(
                StatusCode::SERVICE_UNAVAILABLE,
                format!(
                    "the server is running its limit of {} queries that may run away (cross \
                     products, string building) at once; one slot of --max-concurrent is kept \
                     for other queries; try again",
                    state.opts.max_concurrent.saturating_sub(1).max(1)
                ),
            ));
        };
        Some(p)
    } else {
        None
    };
    if !(heavy && super::isolate::AVAILABLE) {
        let answer = evaluate(state, query, spec, move |results| {
            serialize(results, accept.as_deref(), &format, max_rows)
        })
        .await;
        drop(heavy_permit);
        return answer;
    }
    let Ok(permit) = state.permits.clone().try_acquire_owned() else {
        return Err(busy(state));
    };
    let limit = state.opts.query_timeout;
    let memory = state.opts.query_memory;
    let store = state.store();
    let outcome = tokio::task::spawn_blocking(move || {
        let _permits = (permit, heavy_permit);
        crate::sparql_guard::on_query_stack(|| {
            super::isolate::run(limit, Some(memory), move || {
                let results = store.query_with(&query, &spec).map_err(failure)?;
                serialize(results, accept.as_deref(), &format, max_rows)
            })
        })
    })
    .await;
    match outcome {
        Ok(super::isolate::Outcome::Done(Ok(a))) => Ok(a),
        Ok(super::isolate::Outcome::Done(Err(f))) => Err(failure_response(f)),
        Ok(super::isolate::Outcome::TimedOut) => Err(timed_out(limit)),
        Ok(super::isolate::Outcome::OutOfMemory) => Err(error(
            StatusCode::SERVICE_UNAVAILABLE,
            format!(
                "the query needed more than the {} MiB of memory a query may use (--query-memory) \
                 and was stopped",
                memory >> 20
            ),
        )),
        Ok(super::isolate::Outcome::Crashed(m)) => Err(error(StatusCode::INTERNAL_SERVER_ERROR, m)),
        Err(e) => Err(super::internal(e)),
    }
}

pub(super) fn busy(state: &AppState) -> Response {
    error(
        StatusCode::SERVICE_UNAVAILABLE,
        format!(
            "the server is running its limit of {} queries at once; try again",
            state.opts.max_concurrent
        ),
    )
}

fn timed_out(limit: std::time::Duration) -> Response {
    error(
        StatusCode::REQUEST_TIMEOUT,
        format!(
            "the query ran past the time limit of {} s and was stopped",
            limit.as_secs_f64()
        ),
    )
}

/// Runs one query under the server's limits and answers it in the negotiated format.
async fn run(state: Arc<AppState>, p: Params, headers: &HeaderMap) -> Response {
    let [query] = p.query.as_slice() else {
        return error(
            StatusCode::BAD_REQUEST,
            "give exactly one query (the `query` parameter or an application/sparql-query body)",
        );
    };
    let spec = QuerySpec {
        default_graphs: p.default_graphs.clone(),
        named_graphs: p.named_graphs.clone(),
        cancel: None,
    };
    let answer = match answer(
        &state,
        query.clone(),
        spec,
        accept(headers),
        p.format.clone(),
    )
    .await
    {
        Ok(a) => a,
        Err(r) => return r,
    };
    let mut r = Response::builder()
        .status(StatusCode::OK)
        .header(header::CONTENT_TYPE, answer.media_type);
    if answer.truncated {
        r = r.header(TRUNCATED_HEADER, "true");
    }
    if !p.format.is_empty() {
        let ext = match answer.media_type {
            m if m.starts_with("text/csv") => "csv",
            m if m.starts_with("text/tab") => "tsv",
            m if m.contains("json") => "json",
            m if m.contains("xml") => "xml",
            m if m.starts_with("text/turtle") => "ttl",
            _ => "nt",
        };
        r = r.header(
            header::CONTENT_DISPOSITION,
            format!("attachment; filename=\"results.{ext}\""),
        );
    }
    r.body(Body::from(answer.body))
        .unwrap_or_else(super::internal)
}

/// The prefixes graph answers use: the vocabulary's and the service description's.
fn with_prefixes(mut s: RdfSerializer) -> Result<RdfSerializer, oxigraph::model::IriParseError> {
    for (p, iri) in crate::rdf::PREFIXES {
        s = s.with_prefix(p, iri)?;
    }
    s.with_prefix("sd", "http://www.w3.org/ns/sparql-service-description#")?
        .with_prefix("formats", "http://www.w3.org/ns/formats/")
}

/// Serializes triples in a negotiated graph format.
fn graph_response(triples: &[Triple], headers: &HeaderMap, format: &[String]) -> Response {
    let Some(Format::Graph(f)) = negotiate(accept(headers).as_deref(), format, true) else {
        return error(
            StatusCode::NOT_ACCEPTABLE,
            "accept text/turtle, application/n-triples, application/ld+json or application/rdf+xml",
        );
    };
    let mut body = Vec::new();
    let written = (|| -> Result<(), Box<dyn std::error::Error>> {
        let mut w = with_prefixes(RdfSerializer::from_format(f))?.for_writer(&mut body);
        for t in triples {
            w.serialize_triple(t)?;
        }
        w.finish()?;
        Ok(())
    })();
    match written {
        Ok(()) => Response::builder()
            .header(header::CONTENT_TYPE, Format::Graph(f).media_type())
            .body(Body::from(body))
            .unwrap_or_else(super::internal),
        Err(e) => super::internal(e),
    }
}

/// Answers triples (for the entity pages' RDF view) in the negotiated format.
pub(crate) fn triples_response(triples: &[Triple], headers: &HeaderMap) -> Response {
    graph_response(triples, headers, &[])
}

/// `GET /store?graph=IRI` or `GET /store?default`: one named graph, or the default graph (the
/// union of every document graph).
pub(crate) async fn graph_store(
    State(state): Shared,
    RawQuery(raw): RawQuery,
    headers: HeaderMap,
) -> Response {
    let raw = raw.unwrap_or_default();
    let pairs: Vec<(String, String)> = form_urlencoded::parse(raw.as_bytes())
        .into_owned()
        .collect();
    let graph = pairs
        .iter()
        .find(|(k, _)| k == "graph")
        .map(|(_, v)| v.clone());
    let default = pairs.iter().any(|(k, _)| k == "default");
    let format: Vec<String> = pairs
        .iter()
        .filter(|(k, _)| k == "format")
        .map(|(_, v)| v.clone())
        .collect();
    if graph.is_some() == default {
        return error(
            StatusCode::BAD_REQUEST,
            "give either ?graph=IRI or ?default",
        );
    }
    let store = state.store();
    let found = tokio::task::spawn_blocking(move || match &graph {
        Some(iri) => match store.has_graph(iri) {
            Ok(true) => store.graph_triples(Some(iri)).map(Some),
            Ok(false) => Ok(None),
            Err(e) => Err(e),
        },
        None => store.graph_triples(None).map(Some),
    })
    .await;
    match found {
        Ok(Ok(Some(triples))) => graph_response(&triples, &headers, &format),
        Ok(Ok(None)) => error(StatusCode::NOT_FOUND, "no graph of that name in the store"),
        Ok(Err(e)) => super::internal(chain(&e)),
        Err(e) => super::internal(e),
    }
}

/// The service description: the endpoint, its languages, formats and default dataset.
fn service_description(state: &AppState, headers: &HeaderMap, format: &[String]) -> Response {
    let host = headers
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .unwrap_or("localhost");
    let endpoint = format!("http://{host}/sparql");
    let update = if state.opts.writable {
        " , sd:SPARQL11Update"
    } else {
        ""
    };
    let turtle = format!(
        "@prefix sd: <http://www.w3.org/ns/sparql-service-description#> .\n\
         @prefix formats: <http://www.w3.org/ns/formats/> .\n\
         <{endpoint}> a sd:Service ;\n\
         \x20   sd:endpoint <{endpoint}> ;\n\
         \x20   sd:supportedLanguage sd:SPARQL11Query{update} ;\n\
         \x20   sd:feature sd:UnionDefaultGraph ;\n\
         \x20   sd:resultFormat formats:SPARQL_Results_JSON , formats:SPARQL_Results_XML ,\n\
         \x20       formats:SPARQL_Results_CSV , formats:SPARQL_Results_TSV , formats:Turtle ,\n\
         \x20       formats:N-Triples , formats:JSON-LD , formats:RDF_XML ;\n\
         \x20   sd:defaultDataset [ a sd:Dataset ; sd:defaultGraph [ a sd:Graph ] ] .\n"
    );
    let triples: Result<Vec<Triple>, _> = RdfParser::from_format(RdfFormat::Turtle)
        .for_slice(turtle.as_bytes())
        .map(|q| q.map(Triple::from))
        .collect();
    match triples {
        Ok(t) => graph_response(&t, headers, format),
        Err(e) => super::internal(e),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accept_headers_pick_the_best_supported_format() {
        let json = Some(Format::Results(QueryResultsFormat::Json));
        let none: &[String] = &[];
        assert_eq!(negotiate(None, none, false), json);
        assert_eq!(negotiate(Some("*/*"), none, false), json);
        assert_eq!(
            negotiate(
                Some("text/csv;q=0.5, application/sparql-results+xml"),
                none,
                false
            ),
            Some(Format::Results(QueryResultsFormat::Xml))
        );
        assert_eq!(
            negotiate(Some("text/html, */*;q=0.1"), none, true),
            Some(Format::Graph(RdfFormat::Turtle))
        );
        assert_eq!(negotiate(Some("image/png"), none, false), None);
        assert_eq!(negotiate(Some("text/turtle"), none, false), None);
        assert_eq!(
            negotiate(Some("text/turtle"), &["csv".into()], false),
            Some(Format::Results(QueryResultsFormat::Csv))
        );
        // A format naming nothing for this kind leaves the choice to Accept.
        assert_eq!(
            negotiate(None, &["csv".into()], true),
            Some(Format::Graph(RdfFormat::Turtle))
        );
        assert_eq!(
            negotiate(
                None,
                &["json-ld".into(), "application/ld+json".into()],
                true
            ),
            Some(Format::Graph(RdfFormat::JsonLd {
                profile: Default::default()
            }))
        );
        assert_eq!(
            negotiate(Some("text/tab-separated-values"), &["tsv".into()], false),
            Some(Format::Results(QueryResultsFormat::Tsv))
        );
    }

    #[test]
    fn syntax_errors_name_line_and_column() {
        let r = syntax_error("error at 2:7: expected one of WHERE");
        assert_eq!(r.status(), StatusCode::BAD_REQUEST);
    }

    #[test]
    fn secrets_compare_whole() {
        assert!(same_secret("abc", "abc"));
        assert!(!same_secret("abc", "abd"));
        assert!(!same_secret("abc", "abcd"));
        assert!(!same_secret("", "x"));
    }
}
