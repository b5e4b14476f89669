//! The entity browser's pages: home (search, counts, documents, example queries), search
//! results, an entity with its relations, their evidence and the analyst's decisions about it,
//! a document with its entities linked, and a query page. Every page reads the store through
//! SPARQL under the server's limits; everything shown from documents is escaped. On a server
//! that takes curation, the entity pages carry its forms ([`super::curate`]).

// The error of a helper is the response to send, as with axum's own extractors.
#![allow(clippy::result_large_err)]

use std::collections::BTreeMap;
use std::sync::Arc;

use axum::extract::{Path, Query, RawQuery, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::Response;
use oxigraph::model::{NamedNode, Term, Triple};
use oxigraph::sparql::QueryResults;

use super::curate::{self, Curated, Forms};
use super::html::{self, doc_href, entity_href, escape, page, page_with_status, query_value};
use super::sparql::{self, Failure, evaluate};
use super::{AppState, Shared, examples};
use crate::model::{EntityType, ONTOLOGY_NS, RelationKind, entity_iri, local_id, source_iri};
use crate::rdf::DCT;
use crate::store::QuerySpec;

const PREFIXES: &str = "PREFIX cor: <https://w3id.org/corridor/ontology#>\n\
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>\n\
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n\
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>\n\
PREFIX dct: <http://purl.org/dc/terms/>\n\
PREFIX prov: <http://www.w3.org/ns/prov#>\n";

/// One row of a SELECT: variable name → value.
type Row = BTreeMap<String, Term>;

/// Runs a SELECT for a page and returns its rows (the error is the response to send).
async fn select(state: &Arc<AppState>, query: String) -> Result<Vec<Row>, Response> {
    evaluate(state, query, QuerySpec::default(), |results| {
        let QueryResults::Solutions(solutions) = results else {
            return Err(Failure::Failed("expected a SELECT".into()));
        };
        let mut rows = Vec::new();
        for s in solutions {
            let s = s.map_err(|e| Failure::Failed(e.to_string()))?;
            rows.push(
                s.iter()
                    .map(|(v, t)| (v.as_str().to_string(), t.clone()))
                    .collect(),
            );
        }
        Ok(rows)
    })
    .await
}

/// A SPARQL string literal of `s`.
fn sparql_string(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            _ => out.push(c),
        }
    }
    out.push('"');
    out
}

/// The value of a term as text: a literal's lexical form, an IRI's local id or the IRI.
fn text_of(t: &Term) -> String {
    match t {
        Term::Literal(l) => l.value().to_string(),
        Term::NamedNode(n) => local_id(n.as_str()).unwrap_or(n.as_str()).to_string(),
        other => other.to_string(),
    }
}

fn get<'a>(row: &'a Row, var: &str) -> Option<&'a Term> {
    row.get(var)
}

fn lang_of(t: &Term) -> Option<&str> {
    match t {
        Term::Literal(l) => l.language(),
        _ => None,
    }
}

fn entity_classes() -> String {
    EntityType::ALL
        .iter()
        .map(|t| format!("<{}>", t.class_iri()))
        .collect::<Vec<_>>()
        .join(" ")
}

/// Entities the home page lists for each type (the most mentioned).
const TOP_PER_TYPE: usize = 12;
/// Entities a type's page lists at a time.
const TYPE_PAGE: usize = 500;

/// The page listing every entity of a type.
fn type_href(ty: &str) -> String {
    format!("/entities/{}", query_value(ty))
}

/// The entities of type `kind`, most mentioned first, `limit` of them from `offset`: each with
/// its Chinese and English labels and the number of sentences that mention it.
fn entities_query(kind: EntityType, offset: usize, limit: usize) -> String {
    format!(
        "{PREFIXES}SELECT ?e (SAMPLE(?zh) AS ?lzh) (SAMPLE(?en) AS ?len) \
         (COUNT(DISTINCT ?s) AS ?n) WHERE {{ ?e a <{}> . \
         OPTIONAL {{ ?e rdfs:label ?zh FILTER(lang(?zh) = \"zh\") }} \
         OPTIONAL {{ ?e rdfs:label ?en FILTER(lang(?en) = \"en\") }} \
         OPTIONAL {{ ?s cor:mentions ?e }} }} \
         GROUP BY ?e ORDER BY DESC(?n) ?e LIMIT {limit} OFFSET {offset}",
        kind.class_iri()
    )
}

/// A list item linking to an entity: its label, its other-language label and how many
/// sentences mention it.
fn entity_item(row: &Row) -> Option<String> {
    let Some(Term::NamedNode(e)) = get(row, "e") else {
        return None;
    };
    let id = local_id(e.as_str())?;
    let zh = get(row, "lzh").map(text_of);
    let en = get(row, "len").map(text_of);
    let label = zh.clone().or(en.clone()).unwrap_or_else(|| id.to_string());
    let other = if zh.is_some() { en } else { None };
    let n = get(row, "n").map(text_of).unwrap_or_default();
    Some(format!(
        "<li><a class=\"entity\" href=\"{}\">{}</a> {} <span class=\"muted\" title=\"sentences that mention it\">{}</span></li>",
        escape(&entity_href(id)),
        escape(&label),
        other.map(|o| escape(&o)).unwrap_or_default(),
        escape(&n)
    ))
}

/// The page number of a type's page.
#[derive(Debug, serde::Deserialize)]
pub(crate) struct PageParams {
    #[serde(default)]
    page: usize,
}

/// `/entities/{Type}`: every entity of a type, most mentioned first, 500 at a time.
pub(crate) async fn entities_of_type(
    State(state): Shared,
    Path(ty): Path<String>,
    Query(p): Query<PageParams>,
) -> Response {
    let Some(kind) = EntityType::ALL.iter().copied().find(|t| t.as_str() == ty) else {
        return not_found(&ty);
    };
    let query = entities_query(kind, p.page.saturating_mul(TYPE_PAGE), TYPE_PAGE + 1);
    let rows = match select(&state, query).await {
        Ok(r) => r,
        Err(r) => return r,
    };
    let more = rows.len() > TYPE_PAGE;
    let items: Vec<String> = rows
        .iter()
        .take(TYPE_PAGE)
        .filter_map(entity_item)
        .collect();
    let mut body = format!(
        "<h1>{}</h1><p class=\"muted\">Most mentioned first; the number is the sentences that mention each.</p>\
         <ul id=\"entities\" class=\"entities\">{}</ul>",
        escape(kind.as_str()),
        items.concat()
    );
    let mut nav = Vec::new();
    if p.page > 0 {
        nav.push(format!(
            "<a id=\"previous\" href=\"{}?page={}\">Previous</a>",
            escape(&type_href(kind.as_str())),
            p.page - 1
        ));
    }
    if more {
        nav.push(format!(
            "<a id=\"next\" href=\"{}?page={}\">Next</a>",
            escape(&type_href(kind.as_str())),
            p.page + 1
        ));
    }
    if !nav.is_empty() {
        body.push_str(&format!("<p>{}</p>", nav.join(" · ")));
    }
    page(kind.as_str(), &body)
}

/// `/`: search, counts by type, documents and the example queries.
pub(crate) async fn home(State(state): Shared) -> Response {
    let store = state.store();
    if let Some(body) = state.home.get(&store) {
        return page("corridor", &body);
    }
    let counts = select(
        &state,
        format!(
            "SELECT ?type (COUNT(DISTINCT ?e) AS ?n) WHERE {{ VALUES ?type {{ {} }} ?e a ?type }} \
             GROUP BY ?type ORDER BY ?type",
            entity_classes()
        ),
    )
    .await;
    let docs = select(
        &state,
        format!(
            "{PREFIXES}SELECT ?id (SAMPLE(?t) AS ?title) (SAMPLE(?d) AS ?date) WHERE {{ \
             ?s a cor:SourceDocument ; dct:identifier ?id ; dct:title ?t . \
             FILTER(lang(?t) != \"en\" || !BOUND(?t)) OPTIONAL {{ ?s dct:date ?d }} }} \
             GROUP BY ?id ORDER BY ?id"
        ),
    )
    .await;
    let (counts, docs) = match (counts, docs) {
        (Ok(c), Ok(d)) => (c, d),
        (Err(r), _) | (_, Err(r)) => return r,
    };
    let mut top: BTreeMap<&str, Vec<Row>> = BTreeMap::new();
    for kind in EntityType::ALL {
        match select(&state, entities_query(kind, 0, TOP_PER_TYPE)).await {
            Ok(rows) => top.insert(kind.as_str(), rows),
            Err(r) => return r,
        };
    }
    let mut body = String::from(
        "<h1>corridor</h1>\
         <form id=\"search\" action=\"/search\" method=\"get\">\
         <input name=\"q\" placeholder=\"瓜达尔 / Gwadar\" autofocus> \
         <button type=\"submit\">Search</button></form>\
         <p><a id=\"graph-link\" href=\"/graph\">The graph</a>: the network drawn, with filters by \
         type, relation and date</p>\
         <h2>Entities</h2><table id=\"counts\"><tr><th>type</th><th>entities</th></tr>",
    );
    let mut lists = String::new();
    for row in &counts {
        let ty = get(row, "type").map(text_of).unwrap_or_default();
        let ty = ty.rsplit('#').next().unwrap_or(&ty).to_string();
        let n = get(row, "n").map(text_of).unwrap_or_default();
        body.push_str(&format!(
            "<tr><td><a class=\"type\" href=\"{}\">{}</a></td><td>{}</td></tr>",
            escape(&type_href(&ty)),
            escape(&ty),
            escape(&n)
        ));
        let entries: Vec<String> = top
            .get(ty.as_str())
            .map(|rows| rows.iter().filter_map(entity_item).collect())
            .unwrap_or_default();
        lists.push_str(&format!(
            "<section class=\"type-list\" data-type=\"{ty}\"><h3>{ty} <span class=\"muted\">({n})</span></h3>\
             <ul class=\"entities\">{}</ul>",
            entries.concat(),
            ty = escape(&ty),
            n = escape(&n),
        ));
        if n.parse::<usize>().unwrap_or(0) > entries.len() {
            lists.push_str(&format!(
                "<p><a class=\"all\" href=\"{}\">All {} {}</a></p>",
                escape(&type_href(&ty)),
                escape(&n),
                escape(&ty)
            ));
        }
        lists.push_str("</section>");
    }
    body.push_str("</table>");
    body.push_str(&lists);
    body.push_str("<h2>Documents</h2><ul id=\"documents\">");
    for row in &docs {
        let id = get(row, "id").map(text_of).unwrap_or_default();
        let title = get(row, "title").map(text_of).unwrap_or_default();
        let date = get(row, "date").map(text_of).unwrap_or_default();
        body.push_str(&format!(
            "<li><a class=\"doc\" href=\"{}\">{}</a> <span class=\"muted\">{}</span></li>",
            escape(&doc_href(&id)),
            escape(&title),
            escape(&date)
        ));
    }
    body.push_str("</ul><h2>Example queries</h2><ul id=\"examples\">");
    for (name, text) in examples::EXAMPLES {
        body.push_str(&format!(
            "<li><a class=\"example\" href=\"/query?example={}\">{}</a></li>",
            query_value(name),
            escape(examples::title(text))
        ));
    }
    body.push_str("</ul><p><a href=\"/query\">Write a SPARQL query</a> · the endpoint is <code>/sparql</code></p>");
    if state.curation().is_some() {
        body.push_str(
            "<p><a id=\"review-link\" href=\"/review\">Review</a>: what most deserves a look, \
             with the forms that correct it</p>",
        );
    }
    state.home.put(&store, body.clone());
    page("corridor", &body)
}

/// The `q` parameter of the search page.
#[derive(Debug, serde::Deserialize)]
pub(crate) struct SearchParams {
    #[serde(default)]
    q: String,
}

/// `/search?q=…`: entities whose label or alias contains the text (case-insensitive).
pub(crate) async fn search(State(state): Shared, Query(p): Query<SearchParams>) -> Response {
    let q = p.q.trim().to_string();
    let mut body = format!(
        "<h1>Search</h1><form id=\"search\" action=\"/search\" method=\"get\">\
         <input name=\"q\" value=\"{}\"> <button type=\"submit\">Search</button></form>",
        escape(&q)
    );
    if q.is_empty() {
        return page("Search", &body);
    }
    let query = format!(
        "{PREFIXES}SELECT ?e (SAMPLE(?zh) AS ?lzh) (SAMPLE(?en) AS ?len) (SAMPLE(?t) AS ?type) \
         (MIN(STRLEN(STR(?name))) AS ?fit) WHERE {{ \
         ?e rdfs:label|skos:altLabel ?name . \
         FILTER(CONTAINS(LCASE(STR(?name)), LCASE({}))) \
         VALUES ?t {{ {} }} ?e a ?t . \
         OPTIONAL {{ ?e rdfs:label ?zh FILTER(lang(?zh) = \"zh\") }} \
         OPTIONAL {{ ?e rdfs:label ?en FILTER(lang(?en) = \"en\") }} }} \
         GROUP BY ?e ORDER BY ?fit ?e LIMIT 200",
        sparql_string(&q),
        entity_classes()
    );
    let rows = match select(&state, query).await {
        Ok(r) => r,
        Err(r) => return r,
    };
    body.push_str(&format!(
        "<p class=\"muted\">{} entities</p><ul id=\"results\">",
        rows.len()
    ));
    for row in &rows {
        let Some(Term::NamedNode(e)) = get(row, "e") else {
            continue;
        };
        let Some(id) = local_id(e.as_str()) else {
            continue;
        };
        let zh = get(row, "lzh").map(text_of);
        let en = get(row, "len").map(text_of);
        let label = zh.clone().or(en.clone()).unwrap_or_else(|| id.to_string());
        let other = if zh.is_some() { en } else { None };
        let ty = get(row, "type").map(text_of).unwrap_or_default();
        body.push_str(&format!(
            "<li><a class=\"entity\" href=\"{}\">{}</a> {} <span class=\"muted\">{}</span></li>",
            escape(&entity_href(id)),
            escape(&label),
            other.map(|o| escape(&o)).unwrap_or_default(),
            escape(ty.rsplit('#').next().unwrap_or(&ty))
        ));
    }
    body.push_str("</ul>");
    page(&format!("Search: {q}"), &body)
}

/// Whether the client asks for RDF rather than a page.
fn wants_rdf(headers: &HeaderMap) -> bool {
    let accept = headers
        .get(header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    !accept.contains("text/html")
        && [
            "text/turtle",
            "application/n-triples",
            "application/ld+json",
            "application/rdf+xml",
            "application/x-turtle",
        ]
        .iter()
        .any(|m| accept.contains(m))
}

fn not_found(what: &str) -> Response {
    page_with_status(
        StatusCode::NOT_FOUND,
        "Not found",
        &format!("<h1>Not found</h1><p>{}</p>", escape(what)),
    )
}

/// `/entity/{type}/{slug}`: labels, aliases, type, and every relation in and out with its
/// statements (date, evidence sentence with the names marked, source document), and the
/// analyst's decisions that changed it. With an RDF `Accept`, the entity's triples instead (its
/// IRI dereferences here). On a server that takes curation, with the forms that merge another
/// entity into it, rename it, reject it or reject one of its statements.
pub(crate) async fn entity(
    State(state): Shared,
    Path(id): Path<String>,
    RawQuery(raw): RawQuery,
    headers: HeaderMap,
) -> Response {
    let curated = Curated::from_query(raw.as_deref());
    let iri = entity_iri(&id);
    let Ok(node) = NamedNode::new(iri.clone()) else {
        return not_found(&format!("`{id}` is not an entity id"));
    };
    if wants_rdf(&headers) {
        let query = format!(
            "CONSTRUCT {{ {node} ?p ?o . ?s ?q {node} }} WHERE {{ {{ {node} ?p ?o }} UNION {{ ?s ?q {node} }} }}"
        );
        let triples = evaluate(&state, query, QuerySpec::default(), |results| {
            let QueryResults::Graph(triples) = results else {
                return Err(Failure::Failed("expected a graph".into()));
            };
            triples
                .collect::<Result<Vec<Triple>, _>>()
                .map_err(|e| Failure::Failed(e.to_string()))
        })
        .await;
        return match triples {
            Ok(t) if t.is_empty() => not_found(&format!("no entity `{id}`")),
            Ok(mut t) => {
                t.sort_by_cached_key(|t| t.to_string());
                t.dedup();
                sparql::triples_response(&t, &headers)
            }
            Err(r) => r,
        };
    }
    let about = select(
        &state,
        format!(
            "{PREFIXES}SELECT DISTINCT ?type ?label ?alt WHERE {{ \
             {{ {node} a ?type }} UNION {{ {node} rdfs:label ?label }} UNION {{ {node} skos:altLabel ?alt }} }}"
        ),
    )
    .await;
    let statements = select(
        &state,
        format!(
            "{PREFIXES}SELECT DISTINCT ?s ?p ?o ?date ?role ?sentence ?doc ?start ?confidence WHERE {{ \
             ?ev a cor:Evidence ; rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ; \
             cor:inSentence/cor:sentence ?sentence ; cor:startOffset ?start ; cor:source ?src . \
             ?src dct:identifier ?doc . \
             OPTIONAL {{ ?ev cor:date ?date }} OPTIONAL {{ ?ev cor:role ?role }} \
             OPTIONAL {{ ?ev cor:confidence ?confidence }} \
             FILTER(?s = {node} || ?o = {node}) }} ORDER BY ?p ?date ?doc ?start"
        ),
    )
    .await;
    let decisions = select(
        &state,
        format!(
            "{PREFIXES}SELECT DISTINCT ?action ?why ?by ?date WHERE {{ \
             {node} cor:curatedBy ?d . ?d cor:action ?action ; rdfs:comment ?why . \
             OPTIONAL {{ ?d dct:creator ?by }} OPTIONAL {{ ?d prov:endedAtTime ?date }} }} \
             ORDER BY ?date ?action ?why"
        ),
    )
    .await;
    let (about, statements, decisions) = match (about, statements, decisions) {
        (Ok(a), Ok(s), Ok(d)) => (a, s, d),
        (Err(r), _, _) | (_, Err(r), _) | (_, _, Err(r)) => return r,
    };
    if about.is_empty() {
        return not_found(&format!("no entity `{id}`"));
    }
    let mut labels: Vec<(String, String)> = Vec::new();
    let mut aliases: Vec<String> = Vec::new();
    let mut kind = String::new();
    for row in &about {
        if let Some(Term::NamedNode(t)) = get(row, "type")
            && let Some(local) = t.as_str().strip_prefix(ONTOLOGY_NS)
        {
            kind = local.to_string();
        }
        if let Some(l) = get(row, "label") {
            labels.push((lang_of(l).unwrap_or("").to_string(), text_of(l)));
        }
        if let Some(a) = get(row, "alt") {
            aliases.push(text_of(a));
        }
    }
    labels.sort();
    aliases.sort();
    aliases.dedup();
    let title = labels
        .iter()
        .find(|(l, _)| l == "zh")
        .or(labels.first())
        .map_or(id.clone(), |(_, v)| v.clone());

    // Names of this entity and of the other ends, to mark in the sentences and label the links.
    let mut ends: Vec<String> = statements
        .iter()
        .flat_map(|r| [get(r, "s"), get(r, "o")])
        .flatten()
        .filter_map(|t| match t {
            Term::NamedNode(n) => Some(n.as_str().to_string()),
            _ => None,
        })
        .collect();
    ends.push(iri.clone());
    ends.sort();
    ends.dedup();
    let names = if ends.is_empty() {
        Vec::new()
    } else {
        match select(
            &state,
            format!(
                "{PREFIXES}SELECT ?e ?name ?label WHERE {{ VALUES ?e {{ {} }} \
                 {{ ?e rdfs:label ?name BIND(true AS ?label) }} UNION {{ ?e skos:altLabel ?name }} }}",
                ends.iter()
                    .map(|e| format!("<{e}>"))
                    .collect::<Vec<_>>()
                    .join(" ")
            ),
        )
        .await
        {
            Ok(r) => r,
            Err(r) => return r,
        }
    };
    // Every name of each end: (is a label, is Chinese, the name).
    let mut names_of: BTreeMap<String, Vec<(bool, bool, String)>> = BTreeMap::new();
    for row in &names {
        if let (Some(Term::NamedNode(e)), Some(n)) = (get(row, "e"), get(row, "name")) {
            names_of.entry(e.as_str().to_string()).or_default().push((
                get(row, "label").is_some(),
                lang_of(n) == Some("zh"),
                text_of(n),
            ));
        }
    }
    // A link reads the Chinese label, else any label, else an alias.
    let label_of = |iri: &str| -> String {
        names_of
            .get(iri)
            .and_then(|l| {
                l.iter()
                    .min_by_key(|(label, zh, v)| (!label, !zh, v.clone()))
                    .map(|(_, _, v)| v.clone())
            })
            .unwrap_or_else(|| local_id(iri).unwrap_or(iri).to_string())
    };
    let own_names: Vec<String> = names_of
        .get(&iri)
        .map(|l| l.iter().map(|(_, _, v)| v.clone()).collect())
        .unwrap_or_default();

    let forms = Forms::for_page(&state, &entity_href(&id));
    let mut body = curate::banner(&state, &curated);
    body.push_str(&format!("<h1>{}</h1><dl>", escape(&title)));
    body.push_str(&format!(
        "<dt>Labels</dt><dd id=\"labels\">{}</dd>",
        labels
            .iter()
            .map(|(l, v)| format!("{} <span class=\"muted\">{}</span>", escape(v), escape(l)))
            .collect::<Vec<_>>()
            .join(" · ")
    ));
    body.push_str(&format!(
        "<dt>Aliases</dt><dd id=\"aliases\">{}</dd>",
        escape(&aliases.join(" · "))
    ));
    body.push_str(&format!(
        "<dt>Type</dt><dd id=\"type\">{}</dd><dt>IRI</dt><dd><code>{}</code></dd>",
        escape(&kind),
        escape(&iri)
    ));
    if !decisions.is_empty() {
        body.push_str("<dt>Curated</dt><dd><ul id=\"decisions\">");
        for row in &decisions {
            let field = |v: &str| get(row, v).map(text_of).unwrap_or_default();
            let by = [field("by"), field("date")]
                .into_iter()
                .filter(|v| !v.is_empty())
                .collect::<Vec<_>>()
                .join(", ");
            body.push_str(&format!(
                "<li><span class=\"action\">{}</span>: <span class=\"why\">{}</span> \
                 <span class=\"muted\">{}</span></li>",
                escape(&field("action")),
                escape(&field("why")),
                escape(&by)
            ));
        }
        body.push_str("</ul></dd>");
    }
    body.push_str("</dl>");
    if let Some(f) = &forms {
        body.push_str(&f.entity(&id));
    }

    // The title and date of each source, for the links to it.
    let sources: std::collections::BTreeSet<String> = statements
        .iter()
        .filter_map(|r| get(r, "doc").map(text_of))
        .collect();
    let sources = match document_titles(&state, &sources).await {
        Ok(t) => t,
        Err(r) => return r,
    };

    // Group statements by relation and direction, in the vocabulary's order.
    let mut groups: BTreeMap<(usize, u8), Vec<&Row>> = BTreeMap::new();
    for row in &statements {
        let Some(Term::NamedNode(p)) = get(row, "p") else {
            continue;
        };
        let Some(kind) = p
            .as_str()
            .strip_prefix(ONTOLOGY_NS)
            .and_then(|k| k.parse::<RelationKind>().ok())
        else {
            continue;
        };
        let rank = RelationKind::ALL
            .iter()
            .position(|k| *k == kind)
            .unwrap_or(usize::MAX);
        let out = matches!(get(row, "s"), Some(Term::NamedNode(s)) if s.as_str() == iri);
        groups.entry((rank, u8::from(!out))).or_default().push(row);
    }
    if groups.is_empty() {
        body.push_str("<p class=\"muted\">No relation is stated for this entity.</p>");
    }
    for ((rank, inward), rows) in &groups {
        let relation = RelationKind::ALL
            .get(*rank)
            .map_or("relation", |k| k.as_str());
        let direction = if *inward == 0 { "out" } else { "in" };
        let heading = if *inward == 0 {
            format!("{} {relation} …", escape(&title))
        } else {
            format!("… {relation} {}", escape(&title))
        };
        body.push_str(&format!(
            "<section class=\"relation\" data-relation=\"{relation}\" data-direction=\"{direction}\">\
             <h2>{heading}</h2><ul>"
        ));
        for row in rows {
            let other = if *inward == 0 {
                get(row, "o")
            } else {
                get(row, "s")
            };
            let Some(Term::NamedNode(other)) = other else {
                continue;
            };
            let other_id = local_id(other.as_str()).unwrap_or(other.as_str());
            let other_names: Vec<String> = names_of
                .get(other.as_str())
                .map(|l| l.iter().map(|(_, _, v)| v.clone()).collect())
                .unwrap_or_default();
            let mut marked = own_names.clone();
            marked.extend(other_names);
            let sentence = get(row, "sentence").map(text_of).unwrap_or_default();
            let date = get(row, "date").map(text_of).unwrap_or_default();
            let doc = get(row, "doc").map(text_of).unwrap_or_default();
            let start = get(row, "start").map(text_of).unwrap_or_default();
            let role = get(row, "role")
                .map(|r| format!(" <span class=\"role\">({})</span>", escape(&text_of(r))))
                .unwrap_or_default();
            let confidence = get(row, "confidence")
                .map(|c| {
                    format!(
                        " <span class=\"confidence\" title=\"confidence\">{}</span>",
                        escape(&text_of(c))
                    )
                })
                .unwrap_or_default();
            let in_doc = Some(doc.as_str()).filter(|d| !d.is_empty());
            let reject = match &forms {
                Some(f) if *inward == 0 => f.statement(&id, relation, other_id, in_doc),
                Some(f) => f.statement(other_id, relation, &id, in_doc),
                None => String::new(),
            };
            body.push_str(&format!(
                "<li class=\"statement\"><span class=\"date\">{}</span> \
                 <a class=\"entity\" href=\"{}\">{}</a>{role}{confidence}\
                 <blockquote class=\"evidence\">{}</blockquote>\
                 <a class=\"source\" href=\"{}#s{}\" title=\"{}\">{}</a>{reject}</li>",
                escape(&date),
                escape(&entity_href(other_id)),
                escape(&label_of(other.as_str())),
                html::highlight(&sentence, &marked),
                escape(&doc_href(&doc)),
                escape(&start),
                escape(&doc),
                escape(&source_name(&sources, &doc))
            ));
        }
        body.push_str("</ul></section>");
    }
    if forms.is_some() {
        curate::private(page(&title, &body))
    } else {
        page(&title, &body)
    }
}

/// The title (Chinese if there is one) and date of each document of `ids` that has them.
async fn document_titles(
    state: &Arc<AppState>,
    ids: &std::collections::BTreeSet<String>,
) -> Result<BTreeMap<String, (String, String)>, Response> {
    if ids.is_empty() {
        return Ok(BTreeMap::new());
    }
    let values: Vec<String> = ids.iter().map(|id| sparql_string(id)).collect();
    let rows = select(
        state,
        format!(
            "{PREFIXES}SELECT ?id (SAMPLE(?zh) AS ?tzh) (SAMPLE(?t) AS ?title) (SAMPLE(?d) AS ?date) \
             WHERE {{ VALUES ?id {{ {} }} ?s a cor:SourceDocument ; dct:identifier ?id . \
             OPTIONAL {{ ?s dct:title ?zh FILTER(lang(?zh) = \"zh\") }} \
             OPTIONAL {{ ?s dct:title ?t }} OPTIONAL {{ ?s dct:date ?d }} }} GROUP BY ?id",
            values.join(" ")
        ),
    )
    .await?;
    Ok(rows
        .iter()
        .filter_map(|r| {
            let id = get(r, "id").map(text_of)?;
            let title = get(r, "tzh").or_else(|| get(r, "title")).map(text_of)?;
            let date = get(r, "date").map(text_of).unwrap_or_default();
            Some((id, (title, date)))
        })
        .collect())
}

/// How a link to a source reads: its title and date, or its id when it has no title.
fn source_name(sources: &BTreeMap<String, (String, String)>, id: &str) -> String {
    match sources.get(id) {
        Some((title, date)) if date.is_empty() => title.clone(),
        Some((title, date)) => format!("{title}, {date}"),
        None => id.to_string(),
    }
}

/// `/id/{type}/{slug}`: the path of an entity IRI (`https://w3id.org/corridor/id/…`) when a
/// proxy sends it here; answered 303 See Other to the entity's page, which serves HTML or RDF.
pub(crate) async fn see_entity(Path(id): Path<String>) -> Response {
    Response::builder()
        .status(StatusCode::SEE_OTHER)
        .header(header::LOCATION, entity_href(&id))
        .header(header::VARY, "Accept")
        .body(axum::body::Body::empty())
        .unwrap_or_else(|_| not_found(&id))
}

/// `/doc/{id}`: the document's metadata and its text with every recognized entity linked and
/// every sentence that states a fact anchored (`#s{start}`).
pub(crate) async fn document(State(state): Shared, Path(id): Path<String>) -> Response {
    let src = source_iri(&id);
    let Ok(node) = NamedNode::new(src.clone()) else {
        return not_found(&format!("`{id}` is not a document id"));
    };
    let meta = select(
        &state,
        format!("SELECT ?p ?o WHERE {{ {node} ?p ?o }} ORDER BY ?p ?o"),
    )
    .await;
    let sentences = select(
        &state,
        format!(
            "{PREFIXES}SELECT DISTINCT ?start ?sentence WHERE {{ \
             ?r cor:source {node} ; cor:startOffset ?start ; cor:sentence ?sentence }}"
        ),
    )
    .await;
    let (meta, sentences) = match (meta, sentences) {
        (Ok(m), Ok(s)) => (m, s),
        (Err(r), _) | (_, Err(r)) => return r,
    };
    if meta.is_empty() {
        return not_found(&format!("no document `{id}`"));
    }
    let value = |p: &str| -> Vec<String> {
        meta.iter()
            .filter(|r| matches!(get(r, "p"), Some(Term::NamedNode(n)) if n.as_str() == p))
            .filter_map(|r| get(r, "o"))
            .map(|o| match o {
                Term::NamedNode(n) => n.as_str().to_string(),
                other => text_of(other),
            })
            .collect()
    };
    // The title in the document's own language: a title tagged `en` only when no other exists.
    let title = meta
        .iter()
        .filter(|r| matches!(get(r, "p"), Some(Term::NamedNode(n)) if n.as_str() == format!("{DCT}title")))
        .filter_map(|r| get(r, "o"))
        .min_by_key(|o| lang_of(o) == Some("en"))
        .map(text_of)
        .unwrap_or_else(|| id.clone());
    let mut body = format!("<h1>{}</h1><dl id=\"meta\">", escape(&title));
    for (label, p) in [
        ("Title", format!("{DCT}title")),
        ("Date", format!("{DCT}date")),
        ("Kind", format!("{ONTOLOGY_NS}kind")),
        ("Language", format!("{DCT}language")),
        ("File", format!("{DCT}source")),
        ("Published", format!("{DCT}bibliographicCitation")),
        ("Id", format!("{DCT}identifier")),
    ] {
        let values = value(&p);
        if !values.is_empty() {
            body.push_str(&format!(
                "<dt>{label}</dt><dd>{}</dd>",
                escape(&values.join(" · "))
            ));
        }
    }
    for named in value(&format!("{ONTOLOGY_NS}namedText")) {
        if let Some(e) = local_id(&named) {
            body.push_str(&format!(
                "<dt>As an entity</dt><dd><a class=\"entity\" href=\"{}\">{}</a></dd>",
                escape(&entity_href(e)),
                escape(e)
            ));
        }
    }
    body.push_str("</dl>");
    let store = state.store();
    let view = match tokio::task::spawn_blocking(move || store.document_text(&id)).await {
        Ok(Ok(v)) => v,
        Ok(Err(e)) => return super::internal(e),
        Err(e) => return super::internal(e),
    };
    match view {
        None => {
            // No text (a store copied from a SPARQL server holds graphs only): the sentences
            // its statements cite, in the order of the text, where links to them land.
            body.push_str(
                "<p class=\"muted\">The store has no text for this document: it was copied \
                 from a SPARQL server, which holds graphs only, or ingested by an older \
                 corridor. The sentences its statements cite:</p><ol id=\"sentences\">",
            );
            let mut seen = std::collections::BTreeMap::new();
            for row in &sentences {
                let sentence = get(row, "sentence").map(text_of).unwrap_or_default();
                let start = get(row, "start").map(text_of).unwrap_or_default();
                if !sentence.is_empty() {
                    let at: u64 = start.parse().unwrap_or(u64::MAX);
                    seen.entry((at, start)).or_insert(sentence);
                }
            }
            for ((_, start), sentence) in seen {
                body.push_str(&format!(
                    "<li id=\"s{}\">{}</li>",
                    escape(&start),
                    escape(&sentence)
                ));
            }
            body.push_str("</ol>");
        }
        Some(view) => {
            let mut anchors: Vec<(std::ops::Range<usize>, String)> = Vec::new();
            for row in &sentences {
                let sentence = get(row, "sentence").map(text_of).unwrap_or_default();
                let start = get(row, "start").map(text_of).unwrap_or_default();
                if sentence.is_empty() {
                    continue;
                }
                if let Some(at) = view.text.find(&sentence) {
                    anchors.push((at..at + sentence.len(), format!("s{start}")));
                }
            }
            let mentions: Vec<(std::ops::Range<usize>, String)> = view
                .mentions
                .iter()
                .map(|m| (m.start..m.end, m.entity.clone()))
                .collect();
            body.push_str(&format!(
                "<div id=\"text\">{}</div>",
                html::document_text(&view.text, &anchors, &mentions)
            ));
        }
    }
    page(&title, &body)
}

/// The parameters of the query page.
#[derive(Debug, serde::Deserialize)]
pub(crate) struct QueryParams {
    query: Option<String>,
    example: Option<String>,
}

/// `/query`: a textarea, its results as a table, and links to download them as CSV or JSON.
pub(crate) async fn query_page(State(state): Shared, Query(p): Query<QueryParams>) -> Response {
    let text = p.query.clone().or_else(|| {
        p.example
            .as_deref()
            .and_then(examples::find)
            .map(str::to_string)
    });
    let shown = text
        .clone()
        .unwrap_or_else(|| format!("{PREFIXES}SELECT ?s ?p ?o WHERE {{ ?s ?p ?o }} LIMIT 10\n"));
    let mut body = format!(
        "<h1>SPARQL</h1><form id=\"query\" action=\"/query\" method=\"get\">\
         <textarea name=\"query\" rows=\"14\">{}</textarea>\
         <p><button id=\"run\" type=\"submit\">Run</button></p></form>",
        escape(&shown)
    );
    let Some(text) = text else {
        return page("SPARQL", &body);
    };
    let answer = sparql::answer(
        &state,
        text.clone(),
        QuerySpec::default(),
        Some("application/sparql-results+json, text/turtle".into()),
        Vec::new(),
    )
    .await;
    match answer {
        Ok(answer) => {
            let q = query_value(&text);
            body.push_str(&format!(
                "<p><a id=\"download-csv\" download=\"results.csv\" href=\"/sparql?query={q}&amp;format=csv\">Download CSV</a> · \
                 <a id=\"download-json\" download=\"results.json\" href=\"/sparql?query={q}&amp;format=json\">Download JSON</a></p>"
            ));
            if answer.truncated {
                body.push_str("<p class=\"muted\">(cut at the row limit)</p>");
            }
            match results_table(&answer) {
                Ok(table) => body.push_str(&table),
                Err(message) => {
                    body.push_str(&format!("<p class=\"error\">{}</p>", escape(&message)));
                    return page_with_status(StatusCode::INTERNAL_SERVER_ERROR, "SPARQL", &body);
                }
            }
            page("SPARQL", &body)
        }
        Err(response) => {
            let status = response.status();
            let bytes = axum::body::to_bytes(response.into_body(), 64 * 1024)
                .await
                .unwrap_or_default();
            body.push_str(&format!(
                "<p class=\"error\">{}</p>",
                escape(&String::from_utf8_lossy(&bytes))
            ));
            page_with_status(status, "SPARQL", &body)
        }
    }
}

/// An answer of the query page as HTML: SPARQL JSON results as a table (`table#results`), a
/// graph as its Turtle.
fn results_table(answer: &sparql::Answer) -> Result<String, String> {
    use oxigraph::sparql::results::{
        QueryResultsFormat, QueryResultsParser, SliceQueryResultsParserOutput,
    };
    if !answer.media_type.contains("json") {
        return Ok(format!(
            "<pre id=\"graph\">{}</pre>",
            escape(&String::from_utf8_lossy(&answer.body))
        ));
    }
    let cell = |t: &Term| match t {
        Term::NamedNode(n) => match local_id(n.as_str()) {
            Some(id)
                if id.contains('/')
                    && !id.starts_with("source/")
                    && !id.starts_with("evidence/") =>
            {
                format!(
                    "<a class=\"entity\" href=\"{}\">{}</a>",
                    escape(&entity_href(id)),
                    escape(n.as_str())
                )
            }
            _ => escape(n.as_str()),
        },
        Term::Literal(l) => escape(l.value()),
        other => escape(&other.to_string()),
    };
    let parsed = QueryResultsParser::from_format(QueryResultsFormat::Json)
        .for_slice(&answer.body)
        .map_err(|e| e.to_string())?;
    match parsed {
        SliceQueryResultsParserOutput::Boolean(b) => Ok(format!(
            "<table id=\"results\"><tr><th>answer</th></tr><tr><td>{b}</td></tr></table>"
        )),
        SliceQueryResultsParserOutput::Solutions(solutions) => {
            let vars: Vec<String> = solutions
                .variables()
                .iter()
                .map(|v| v.as_str().to_string())
                .collect();
            let mut out = String::from("<table id=\"results\"><tr>");
            for v in &vars {
                out.push_str(&format!("<th>{}</th>", escape(v)));
            }
            out.push_str("</tr>");
            let mut rows = 0;
            for s in solutions {
                let s = s.map_err(|e| e.to_string())?;
                out.push_str("<tr>");
                for v in &vars {
                    out.push_str(&format!(
                        "<td>{}</td>",
                        s.get(v.as_str()).map(cell).unwrap_or_default()
                    ));
                }
                out.push_str("</tr>");
                rows += 1;
            }
            out.push_str(&format!("</table><p class=\"muted\">{rows} rows</p>"));
            Ok(out)
        }
    }
}
