//! Curation from the browser: the forms a writable server adds to its entity pages and to the
//! review page (`/review`), and the handlers (`POST /curate/merge`, `/curate/rename`,
//! `/curate/reject`) that write what they send into the curation file, as `corridor curate`
//! does.
//!
//! A form is read only when all of these hold, checked before anything is written: the server
//! is writable and has a [`CurationTarget`]; the request comes from a page of this server (its
//! `Origin`, or its `Referer` when it has none, names the `Host` it was sent to); it carries a
//! nonce this server process made (an HMAC-SHA256, under a secret drawn when the server
//! started, of the time the page was made; valid for a day); and its `token` field is the
//! server's token (compared in constant time, as `/update` compares it). Otherwise the answer
//! is 403 and nothing is written. The pages that carry a nonce, and every answer under
//! `/curate/`, are never shared with other origins (no CORS headers), so no other site can
//! read a nonce.
//!
//! Then, holding the server's writers' lock ([`super::ServeOptions::writers`]): the store's own
//! lock is tried (another process writing it: 503, nothing written), the decision is written
//! with [`crate::curation::edit::append`] (a decision the format refuses: 400 with its
//! reason, the file untouched), the store is brought up to date by the target's
//! [`CurationTarget::update`], and the new store is loaded and swapped in. The answer
//! is a 303 to the page that shows the result (the kept or renamed entity, else the review
//! page), which notes what was written and the decisions that match nothing.

// The error of a helper is the response to send, as with axum's own extractors.
#![allow(clippy::result_large_err)]

use std::collections::{BTreeMap, VecDeque};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use axum::body::{Body, Bytes};
use axum::extract::{RawQuery, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::Response;
use oxigraph::model::NamedNode;
use oxigraph::sparql::QueryResults;
use sha2::{Digest, Sha256};

use super::html::{entity_href, escape, page_with_status};
use super::sparql::{self, Failure, chain, evaluate, same_secret};
use super::{AppState, SameOriginOnly, Shared, internal};
use crate::curation::{Action, Curation, CurationError};
use crate::model::{RelationKind, entity_iri};
use crate::review::{Item, ItemKind};
use crate::store::{CorpusStore, QuerySpec, StoreError};

/// The paths of the form handlers.
pub(super) const PREFIX: &str = "/curate/";

/// How long a page's forms may be sent after the page was made, in seconds.
const NONCE_LIFETIME: u64 = 24 * 3600;

/// How many items of the review queue the review page lists.
const REVIEW_LIMIT: usize = 50;

/// How many results of forms are kept for the pages they lead to.
const KEPT_OUTCOMES: usize = 64;

/// What brings the store up to date after a decision is written: given the file's decisions
/// as they now stand, it extracts again the documents they concern (as `corridor curate check`
/// does) and says what it did. The commands' layer provides it, so that the server needs no
/// extraction of its own.
pub type Update = Arc<dyn Fn(Arc<Curation>) -> Result<Updated, String> + Send + Sync>;

/// What bringing the store up to date did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Updated {
    /// Documents extracted again, left unchanged, removed, and that failed.
    pub documents: [usize; 4],
    /// The decisions that match nothing, as `build` words them.
    pub stale: Vec<String>,
}

/// Where a writable server's curation forms write their decisions, and what they bring the
/// store up to date with afterwards (as `corridor curate check` does).
#[derive(Clone)]
pub struct CurationTarget {
    /// The curation file decisions are appended to (created when missing).
    pub file: PathBuf,
    /// The corpus the store was built from: after each decision the documents it concerns are
    /// extracted again from it.
    pub corpus: PathBuf,
    /// Brings the store up to date with the file's decisions.
    pub update: Update,
}

impl std::fmt::Debug for CurationTarget {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CurationTarget")
            .field("file", &self.file)
            .field("corpus", &self.corpus)
            .finish_non_exhaustive()
    }
}

impl CurationTarget {
    /// Why the forms cannot work on the store folder `store` with this target, if they cannot:
    /// the corpus cannot be read, or the store holds none of its documents (a decision would
    /// then replace the store's content with another corpus, or fill an empty store).
    pub(crate) fn unusable(&self, store: &Path) -> Option<String> {
        if cfg!(feature = "rocksdb") {
            return Some(
                "a writable server holds a RocksDB store open for writing, so nothing else may \
                 bring it up to date: use `corridor curate`"
                    .into(),
            );
        }
        let corpus = match crate::ingest::Corpus::open(&self.corpus) {
            Ok(c) => c,
            Err(e) => {
                return Some(format!(
                    "the corpus {} cannot be read ({}): give --corpus the corpus the store was \
                     built from",
                    self.corpus.display(),
                    chain(&e)
                ));
            }
        };
        let held = CorpusStore::recorded_hashes(store)
            .ok()
            .flatten()
            .unwrap_or_default();
        if !corpus.entries.iter().any(|e| held.contains_key(&e.id)) {
            return Some(format!(
                "the store holds none of the documents of the corpus {}: give --corpus the \
                 corpus it was built from",
                self.corpus.display()
            ));
        }
        None
    }

    /// The curation file's name, as pages and messages show it (never the server's path).
    fn file_name(&self) -> String {
        self.file.file_name().map_or_else(
            || "the curation file".to_string(),
            |n| n.to_string_lossy().into_owned(),
        )
    }
}

/// HMAC-SHA256 (RFC 2104) of `message` under `key` (at most one block, 64 bytes).
fn hmac_sha256(key: &[u8], message: &[u8]) -> [u8; 32] {
    let mut block = [0u8; 64];
    if key.len() <= block.len() {
        block[..key.len()].copy_from_slice(key);
    } else {
        block[..32].copy_from_slice(&Sha256::digest(key));
    }
    let mut inner = Sha256::new();
    inner.update(block.map(|b| b ^ 0x36));
    inner.update(message);
    let inner = inner.finalize();
    let mut outer = Sha256::new();
    outer.update(block.map(|b| b ^ 0x5c));
    outer.update(inner);
    let mut out = [0u8; 32];
    out.copy_from_slice(&outer.finalize());
    out
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn now_secs() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
}

/// The secret of one server process: its forms' nonces are made and checked with it, so a
/// nonce is good only for the process that made it.
pub(crate) struct Secret([u8; 32]);

impl Secret {
    /// A secret drawn from the system's random source (`/dev/urandom`), or, where there is
    /// none, from the randomly keyed hasher of the standard library, the time and the process.
    pub(crate) fn new() -> Secret {
        use std::io::Read;
        let mut bytes = [0u8; 32];
        if std::fs::File::open("/dev/urandom")
            .and_then(|mut f| f.read_exact(&mut bytes))
            .is_ok()
        {
            return Secret(bytes);
        }
        use std::hash::{BuildHasher, Hasher};
        let mut h = Sha256::new();
        for i in 0..4u64 {
            let mut k = std::collections::hash_map::RandomState::new().build_hasher();
            k.write_u64(i);
            h.update(k.finish().to_le_bytes());
        }
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos());
        h.update(nanos.to_le_bytes());
        h.update(std::process::id().to_le_bytes());
        bytes.copy_from_slice(&h.finalize());
        Secret(bytes)
    }

    /// A nonce for the forms of a page made now.
    pub(crate) fn nonce(&self) -> String {
        self.nonce_at(now_secs())
    }

    fn nonce_at(&self, made: u64) -> String {
        let mac = hmac_sha256(&self.0, format!("corridor form nonce {made}").as_bytes());
        format!("{made}.{}", hex(&mac))
    }

    /// Whether `nonce` was made by this secret within the last day.
    pub(crate) fn verify(&self, nonce: &str) -> bool {
        self.verify_at(nonce, now_secs())
    }

    fn verify_at(&self, nonce: &str, now: u64) -> bool {
        let Some(made) = nonce
            .split_once('.')
            .and_then(|(t, _)| t.parse::<u64>().ok())
        else {
            return false;
        };
        // A minute ahead is allowed for a clock set back meanwhile.
        made <= now.saturating_add(60)
            && now.saturating_sub(made) <= NONCE_LIFETIME
            && same_secret(nonce, &self.nonce_at(made))
    }

    /// The key of the `n`th result of a form: not guessable from `n`.
    fn outcome_key(&self, n: u64) -> String {
        hex(&hmac_sha256(&self.0, format!("corridor form outcome {n}").as_bytes())[..12])
    }
}

/// What a form wrote, shown on the page it leads to.
#[derive(Debug, Clone)]
struct Outcome {
    /// The curation file's name.
    file: String,
    /// The decision (`merge a into b`).
    description: String,
    why: String,
    by: Option<String>,
    date: String,
    /// Documents extracted again, unchanged, removed, failed.
    documents: [usize; 4],
    /// The decisions of the file that match nothing.
    stale: Vec<String>,
    /// Why the store could not be loaded again, if it could not.
    not_loaded: Option<String>,
}

/// The last results of forms, by key.
#[derive(Default)]
pub(crate) struct Outcomes {
    made: u64,
    kept: VecDeque<(String, Outcome)>,
}

impl AppState {
    /// Keeps what a form wrote and gives the key its page is shown with.
    fn remember(&self, outcome: Outcome) -> String {
        let mut o = self.outcomes.lock().unwrap_or_else(|e| e.into_inner());
        o.made += 1;
        let key = self.secret.outcome_key(o.made);
        if o.kept.len() == KEPT_OUTCOMES {
            o.kept.pop_front();
        }
        o.kept.push_back((key.clone(), outcome));
        key
    }

    fn outcome(&self, key: &str) -> Option<Outcome> {
        let o = self.outcomes.lock().unwrap_or_else(|e| e.into_inner());
        o.kept
            .iter()
            .find(|(k, _)| same_secret(k, key))
            .map(|(_, v)| v.clone())
    }
}

/// The `curated` parameter of a page a form led to.
#[derive(Debug, Default)]
pub(crate) struct Curated {
    curated: Option<String>,
}

impl Curated {
    /// The parameter in a page's query string (any other is ignored).
    pub(crate) fn from_query(raw: Option<&str>) -> Curated {
        Curated {
            curated: form_urlencoded::parse(raw.unwrap_or("").as_bytes())
                .find(|(k, _)| k == "curated")
                .map(|(_, v)| v.into_owned()),
        }
    }
}

/// A note of what the form that led here wrote (empty without one).
pub(super) fn banner(state: &AppState, c: &Curated) -> String {
    let Some(o) = c.curated.as_deref().and_then(|k| state.outcome(k)) else {
        return String::new();
    };
    let mut out = format!(
        "<div id=\"outcome\" class=\"outcome\"><p>Written into <code>{}</code>: \
         <strong class=\"decision\">{}</strong> — <span class=\"why\">{}</span> \
         <span class=\"muted\">({}{})</span></p>",
        escape(&o.file),
        escape(&o.description),
        escape(&o.why),
        o.by.as_deref()
            .map(|b| format!("{}, ", escape(b)))
            .unwrap_or_default(),
        escape(&o.date)
    );
    let [ingested, unchanged, removed, failed] = o.documents;
    out.push_str(&format!(
        "<p class=\"muted\">Documents: {ingested} extracted again, {unchanged} unchanged, \
         {removed} removed, {failed} failed.</p>"
    ));
    if let Some(m) = &o.not_loaded {
        out.push_str(&format!("<p class=\"refused\">{}</p>", escape(m)));
    }
    if !o.stale.is_empty() {
        out.push_str("<p>Decisions of the file that match nothing:</p><ul id=\"stale\">");
        for s in &o.stale {
            out.push_str(&format!("<li>{}</li>", escape(s)));
        }
        out.push_str("</ul>");
    }
    out.push_str("</div>");
    out
}

/// `response`, never shared with other origins nor kept by caches (it carries a nonce).
pub(super) fn private(mut response: Response) -> Response {
    response.extensions_mut().insert(SameOriginOnly);
    response
        .headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

/// The forms of one page: its nonce and the page to come back to.
pub(super) struct Forms {
    nonce: String,
    back: String,
}

impl Forms {
    /// The forms of the page at `back`, when the server shows them.
    pub(super) fn for_page(state: &AppState, back: &str) -> Option<Forms> {
        state.curation()?;
        Some(Forms {
            nonce: state.secret.nonce(),
            back: back.to_string(),
        })
    }

    /// What every form ends with: the nonce, the page to come back to, why, by, the token and
    /// the button.
    fn fields(&self, button: &str) -> String {
        format!(
            "<input type=\"hidden\" name=\"nonce\" value=\"{}\">\
             <input type=\"hidden\" name=\"back\" value=\"{}\">\
             <label>why <input name=\"why\" required size=\"40\"></label> \
             <label>by <input name=\"by\" size=\"12\"></label> \
             <label>token <input type=\"password\" name=\"token\" autocomplete=\"off\" size=\"12\"></label> \
             <button type=\"submit\">{}</button>",
            escape(&self.nonce),
            escape(&self.back),
            escape(button)
        )
    }

    fn hidden(name: &str, value: &str) -> String {
        format!(
            "<input type=\"hidden\" name=\"{}\" value=\"{}\">",
            escape(name),
            escape(value)
        )
    }

    /// The forms of an entity's page: merge another entity into it, rename it, reject it.
    pub(super) fn entity(&self, id: &str) -> String {
        format!(
            "<section id=\"curate\"><h2>Correct</h2>\
             <details id=\"merge\"><summary>Merge another entity into this one</summary>\
             <form class=\"curate\" id=\"merge-form\" method=\"post\" action=\"/curate/merge\">{}\
             <label>the other entity's id <input name=\"other\" required placeholder=\"project/…\"></label> {}\
             </form></details>\
             <details id=\"rename\"><summary>Rename</summary>\
             <form class=\"curate\" id=\"rename-form\" method=\"post\" action=\"/curate/rename\">{}\
             <label>Chinese label <input name=\"zh\"></label> \
             <label>English label <input name=\"en\"></label> \
             <label>one more alias <input name=\"alias\"></label> {}\
             </form></details>\
             <details id=\"reject-entity\"><summary>Reject this entity (and its statements)</summary>\
             <form class=\"curate\" id=\"reject-entity-form\" method=\"post\" action=\"/curate/reject\">{}{}\
             </form></details></section>",
            Forms::hidden("keep", id),
            self.fields("Merge"),
            Forms::hidden("id", id),
            self.fields("Rename"),
            Forms::hidden("entity", id),
            self.fields("Reject")
        )
    }

    /// The form rejecting one statement (in its document unless unticked).
    pub(super) fn statement(
        &self,
        subject: &str,
        relation: &str,
        object: &str,
        document: Option<&str>,
    ) -> String {
        let only = document
            .map(|d| {
                format!(
                    "<label><input type=\"checkbox\" name=\"document\" value=\"{}\" checked> \
                     only in {}</label> ",
                    escape(d),
                    escape(d)
                )
            })
            .unwrap_or_default();
        format!(
            "<details class=\"reject-statement\"><summary>reject this statement</summary>\
             <form class=\"curate reject-statement\" method=\"post\" action=\"/curate/reject\">\
             {}{}{}{only}{}</form></details>",
            Forms::hidden("subject", subject),
            Forms::hidden("relation", relation),
            Forms::hidden("object", object),
            self.fields("Reject")
        )
    }

    /// The form that settles an item of the review queue.
    fn review_item(&self, item: &Item) -> String {
        let form = |action: &str, hidden: String, inputs: &str, button: &str| {
            format!(
                "<form class=\"curate\" method=\"post\" action=\"{}\">{hidden}{inputs}{}</form>",
                escape(action),
                self.fields(button)
            )
        };
        match item.kind {
            ItemKind::Duplicate => {
                let other = item.other.as_deref().unwrap_or_default();
                form(
                    "/curate/merge",
                    Forms::hidden("keep", &item.subject) + &Forms::hidden("other", other),
                    "",
                    &format!("Merge {other} into {}", item.subject),
                )
            }
            ItemKind::UnsureStatement => match item.other.as_deref().and_then(statement_parts) {
                Some((s, r, o)) => form(
                    "/curate/reject",
                    Forms::hidden("subject", s)
                        + &Forms::hidden("relation", r)
                        + &Forms::hidden("object", o),
                    "",
                    "Reject the statement",
                ),
                None => String::new(),
            },
            ItemKind::NoEnglishLabel => form(
                "/curate/rename",
                Forms::hidden("id", &item.subject),
                "<label>English label <input name=\"en\" required></label> ",
                "Rename",
            ),
            ItemKind::Isolated => form(
                "/curate/reject",
                Forms::hidden("entity", &item.subject),
                "",
                "Reject the entity",
            ),
        }
    }
}

/// The subject, relation and object of a statement as the review queue writes it
/// (`s relation o`).
fn statement_parts(s: &str) -> Option<(&str, &str, &str)> {
    let (subject, rest) = s.split_once(' ')?;
    let (relation, object) = rest.split_once(' ')?;
    relation.parse::<RelationKind>().ok()?;
    Some((subject, relation, object))
}

/// Whether the request comes from a page of this server: its `Origin` (or, without one, its
/// `Referer`) has the authority of its `Host`.
fn same_origin(headers: &HeaderMap) -> Result<(), String> {
    let host = headers
        .get(header::HOST)
        .and_then(|v| v.to_str().ok())
        .ok_or("the request names no Host")?;
    let (claimed, name) = match (headers.get(header::ORIGIN), headers.get(header::REFERER)) {
        (Some(o), _) => (o, "Origin"),
        (None, Some(r)) => (r, "Referer"),
        (None, None) => {
            return Err(
                "the request has neither an Origin nor a Referer header, so it cannot be told \
                 from a form of another site"
                    .into(),
            );
        }
    };
    let claimed = claimed.to_str().unwrap_or("");
    let other = || format!("the request comes from another site ({name}: {claimed})");
    let (scheme, rest) = claimed.split_once("://").ok_or_else(other)?;
    let authority = rest.split(['/', '?', '#']).next().unwrap_or("");
    let default_port = match scheme.to_ascii_lowercase().as_str() {
        "http" => "80",
        "https" => "443",
        _ => return Err(other()),
    };
    if authority.is_empty()
        || authority.contains('@')
        || !with_port(authority, default_port).eq_ignore_ascii_case(&with_port(host, default_port))
    {
        return Err(other());
    }
    Ok(())
}

/// `authority` with its port, the scheme's default when it names none.
fn with_port(authority: &str, default_port: &str) -> String {
    let has_port = authority.rfind(':').is_some_and(|at| {
        let port = &authority[at + 1..];
        !port.is_empty() && port.bytes().all(|b| b.is_ascii_digit())
    }) && !authority.ends_with(']');
    if has_port {
        authority.to_string()
    } else {
        format!("{authority}:{default_port}")
    }
}

/// The fields of a form, each given once.
struct Form(BTreeMap<String, String>);

impl Form {
    fn read(headers: &HeaderMap, body: &Bytes) -> Result<Form, Response> {
        let media = headers
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.split(';').next())
            .unwrap_or("")
            .trim()
            .to_ascii_lowercase();
        if media != "application/x-www-form-urlencoded" {
            return Err(refused(
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                "send the form as application/x-www-form-urlencoded",
                None,
            ));
        }
        let mut fields = BTreeMap::new();
        for (k, v) in form_urlencoded::parse(body) {
            if fields.insert(k.to_string(), v.into_owned()).is_some() {
                return Err(refused(
                    StatusCode::BAD_REQUEST,
                    &format!("the field `{k}` is given twice"),
                    None,
                ));
            }
        }
        Ok(Form(fields))
    }

    /// A field's value, trimmed, when it is not empty.
    fn text(&self, key: &str) -> Option<String> {
        self.0
            .get(key)
            .map(|v| v.trim())
            .filter(|v| !v.is_empty())
            .map(str::to_string)
    }

    /// A field the form must have.
    fn need(&self, key: &str) -> Result<String, String> {
        self.text(key)
            .ok_or_else(|| format!("the form lacks `{key}`: nothing was written"))
    }
}

/// A page saying what was not done, with a link back to the page of the form.
fn refused(status: StatusCode, message: &str, back: Option<&str>) -> Response {
    let mut body = format!(
        "<h1>Not written</h1><p class=\"refused\" id=\"refused\">{}</p>",
        escape(message)
    );
    if let Some(b) = back {
        body.push_str(&format!(
            "<p><a id=\"back\" href=\"{}\">Back</a></p>",
            escape(b)
        ));
    }
    private(page_with_status(status, "Not written", &body))
}

/// The page a form came from, when it is one of the pages with forms (a path of this server,
/// never another site's).
fn page_of_form(s: &str) -> Option<String> {
    let path = s.split(['?', '#']).next()?;
    let ok = (path.starts_with("/entity/") || path == "/review")
        && path.is_ascii()
        && !path.contains("//")
        && !path.contains('\\')
        && !path.bytes().any(|b| b.is_ascii_control() || b == b' ');
    ok.then(|| path.to_string())
}

/// Checks that the server takes curation forms, that this one comes from one of its own pages
/// with a nonce it made, and that it carries the token; gives the target to write.
fn admit<'a>(
    state: &'a AppState,
    headers: &HeaderMap,
    form: &Form,
    back: Option<&str>,
) -> Result<&'a CurationTarget, Response> {
    let Some(target) = state.curation() else {
        return Err(refused(
            StatusCode::FORBIDDEN,
            "this server takes no curation: start it with --writable (and a token) on a store \
             folder, with --corpus the corpus the store was built from",
            back,
        ));
    };
    if let Err(why) = same_origin(headers) {
        return Err(refused(
            StatusCode::FORBIDDEN,
            &format!("{why}: nothing was written"),
            back,
        ));
    }
    if !form.text("nonce").is_some_and(|n| state.secret.verify(&n)) {
        return Err(refused(
            StatusCode::FORBIDDEN,
            "the form was not made by this server, or is more than a day old (or the server \
             restarted since): open the page again; nothing was written",
            back,
        ));
    }
    let expected = state.opts.token.as_deref().unwrap_or("");
    if !form
        .text("token")
        .is_some_and(|t| !expected.is_empty() && same_secret(&t, expected))
    {
        return Err(refused(
            StatusCode::FORBIDDEN,
            "the token is missing or wrong: nothing was written",
            back,
        ));
    }
    Ok(target)
}

/// A decision a form asks for: what it does, the entities that must exist, the page to go to.
struct Plan {
    action: Action,
    entities: Vec<String>,
    next: String,
}

/// `POST /curate/merge`: `other` becomes `keep`.
pub(crate) async fn merge(State(state): Shared, headers: HeaderMap, body: Bytes) -> Response {
    submit(state, &headers, &body, |form, _| {
        let keep = form.need("keep")?;
        let other = form.need("other")?;
        if keep == other {
            return Err(format!("`{keep}` cannot be merged into itself"));
        }
        Ok(Plan {
            next: entity_href(&keep),
            entities: vec![keep.clone(), other.clone()],
            action: Action::Merge {
                keep,
                others: vec![other],
            },
        })
    })
    .await
}

/// `POST /curate/rename`: new labels for `id`, or one more alias.
pub(crate) async fn rename(State(state): Shared, headers: HeaderMap, body: Bytes) -> Response {
    submit(state, &headers, &body, |form, _| {
        let id = form.need("id")?;
        let (zh, en, alias) = (form.text("zh"), form.text("en"), form.text("alias"));
        if zh.is_none() && en.is_none() && alias.is_none() {
            return Err(
                "give a Chinese label, an English label or an alias: nothing was written".into(),
            );
        }
        Ok(Plan {
            next: entity_href(&id),
            entities: vec![id.clone()],
            action: Action::Rename {
                id,
                label_zh: zh,
                label_en: en,
                aliases: alias.into_iter().collect(),
            },
        })
    })
    .await
}

/// `POST /curate/reject`: an `entity`, or a statement (`subject`, `relation`, `object`, and
/// `document` to reject it in that document only).
pub(crate) async fn reject(State(state): Shared, headers: HeaderMap, body: Bytes) -> Response {
    submit(state, &headers, &body, |form, back| {
        if let Some(id) = form.text("entity") {
            return Ok(Plan {
                next: "/review".into(),
                entities: vec![id.clone()],
                action: Action::RejectEntity { id },
            });
        }
        let subject = form.need("subject")?;
        let relation: RelationKind = form.need("relation")?.parse()?;
        let object = form.need("object")?;
        Ok(Plan {
            next: back.unwrap_or("/review").to_string(),
            entities: vec![subject.clone(), object.clone()],
            action: Action::RejectStatement {
                subject,
                relation,
                object,
                document: form.text("document"),
                offset: None,
            },
        })
    })
    .await
}

/// Whether the served graph has the entity `id`.
async fn exists(state: &Arc<AppState>, id: &str) -> Result<bool, Response> {
    let Ok(node) = NamedNode::new(entity_iri(id)) else {
        return Ok(false);
    };
    evaluate(
        state,
        format!("ASK {{ {node} a ?type }}"),
        QuerySpec::default(),
        |r| match r {
            QueryResults::Boolean(b) => Ok(b),
            _ => Err(Failure::Failed("expected a boolean".into())),
        },
    )
    .await
}

/// Reads a form, admits it, and writes and applies its decision.
async fn submit(
    state: Arc<AppState>,
    headers: &HeaderMap,
    body: &Bytes,
    plan: impl FnOnce(&Form, Option<&str>) -> Result<Plan, String>,
) -> Response {
    let form = match Form::read(headers, body) {
        Ok(f) => f,
        Err(r) => return r,
    };
    let back = form.text("back").and_then(|b| page_of_form(&b));
    let back = back.as_deref();
    let target = match admit(&state, headers, &form, back) {
        Ok(t) => t.clone(),
        Err(r) => return r,
    };
    let Some(why) = form.text("why") else {
        return refused(
            StatusCode::BAD_REQUEST,
            "say why: every decision needs a reason; nothing was written",
            back,
        );
    };
    let by = form.text("by");
    let plan = match plan(&form, back) {
        Ok(p) => p,
        Err(m) => return refused(StatusCode::BAD_REQUEST, &m, back),
    };
    for id in &plan.entities {
        match exists(&state, id).await {
            Ok(true) => {}
            Ok(false) => {
                return refused(
                    StatusCode::BAD_REQUEST,
                    &format!("the graph has no entity `{id}`: nothing was written"),
                    back,
                );
            }
            Err(r) => return r,
        }
    }
    let s = state.clone();
    let back_owned = back.map(str::to_string);
    let Plan { action, next, .. } = plan;
    let done = tokio::task::spawn_blocking(move || {
        write(
            &s,
            &target,
            &action,
            &why,
            by.as_deref(),
            back_owned.as_deref(),
        )
    })
    .await;
    match done {
        Ok(Ok(outcome)) => {
            let key = state.remember(outcome);
            private(
                Response::builder()
                    .status(StatusCode::SEE_OTHER)
                    .header(header::LOCATION, format!("{next}?curated={key}"))
                    .body(Body::empty())
                    .unwrap_or_else(internal),
            )
        }
        Ok(Err(r)) => r,
        Err(e) => internal(e),
    }
}

/// Writes the decision and brings the store up to date with it, holding the server's writers'
/// lock; the error is the response to send.
fn write(
    state: &AppState,
    target: &CurationTarget,
    action: &Action,
    why: &str,
    by: Option<&str>,
    back: Option<&str>,
) -> Result<Outcome, Response> {
    let _writing = state.writing();
    // Nothing is written while another process writes the store: its lock is tried first
    // (and let go at once: `check` takes it again).
    match CorpusStore::open(&state.opts.store) {
        Ok(store) => drop(store),
        Err(StoreError::Locked { .. }) => {
            return Err(refused(
                StatusCode::SERVICE_UNAVAILABLE,
                "another corridor process (an ingest or a build) is writing the store: nothing \
                 was written; send the form again when it has finished",
                back,
            ));
        }
        Err(e) => return Err(internal(chain(&e))),
    }
    let date = crate::curation::edit::today();
    let file = target.file_name();
    let (table, fields) = crate::curation::edit::fields_of(action, why, by, Some(&date));
    let curation = match crate::curation::edit::append(&target.file, table, &fields) {
        Ok(c) => Arc::new(c),
        Err(e @ (CurationError::Parse { .. } | CurationError::Invalid { .. })) => {
            // The message names the file by its path on the server's disk: by its name here.
            let message = e
                .to_string()
                .replace(&target.file.display().to_string(), &file);
            return Err(refused(
                StatusCode::BAD_REQUEST,
                &format!("the decision is refused, so nothing was written: {message}"),
                back,
            ));
        }
        Err(e) => {
            return Err(internal(format!(
                "writing {}: {}",
                target.file.display(),
                chain(&e)
            )));
        }
    };
    let updated = match (target.update)(curation) {
        Ok(done) => done,
        Err(e) => {
            eprintln!(
                "corridor serve: bringing the store up to date after `{}`: {e}",
                action.describe()
            );
            return Err(refused(
                StatusCode::INTERNAL_SERVER_ERROR,
                &format!(
                    "`{}` was written into {file}, but the store could not be brought up to \
                         date (the server's log says why): `corridor curate check` applies it",
                    action.describe()
                ),
                back,
            ));
        }
    };
    let not_loaded = state.reload_locked().err().map(|e| {
        eprintln!(
            "corridor serve: the store was brought up to date but could not be loaded: {}",
            chain(&e)
        );
        "The store was brought up to date on disk, but could not be loaded again (the server's \
         log says why): the server keeps serving the last one and tries again."
            .to_string()
    });
    Ok(Outcome {
        file,
        description: action.describe(),
        why: why.to_string(),
        by: by.map(str::to_string),
        date,
        documents: updated.documents,
        stale: updated.stale,
        not_loaded,
    })
}

/// `GET /review`: the review queue (its first items), each with the form that settles it when
/// the server takes curation forms, else the `corridor curate` command that does.
pub(crate) async fn review_page(State(state): Shared, RawQuery(raw): RawQuery) -> Response {
    let c = Curated::from_query(raw.as_deref());
    let Ok(permit) = state.permits.clone().try_acquire_owned() else {
        return sparql::busy(&state);
    };
    let s = state.clone();
    let items = tokio::task::spawn_blocking(move || {
        let _permit = permit;
        // Read from the folder: never while a writer of this process changes it.
        let _writing = s.writing();
        CorpusStore::open_read_only(&s.opts.store)
            .and_then(|store| crate::review::store_queue(&store))
    })
    .await;
    let items = match items {
        Ok(Ok(i)) => i,
        Ok(Err(e)) => return internal(chain(&e)),
        Err(e) => return internal(e),
    };
    let forms = Forms::for_page(&state, "/review");
    let mut body = banner(&state, &c);
    body.push_str(&format!(
        "<h1>Review</h1><p class=\"muted\">{} items deserve a look, most deserving first \
         (PageRank of what they touch × how unsure they are){}.</p><ol id=\"review\">",
        items.len(),
        if items.len() > REVIEW_LIMIT {
            format!("; the first {REVIEW_LIMIT}")
        } else {
            String::new()
        }
    ));
    let link = |id: &str| {
        format!(
            "<a class=\"entity\" href=\"{}\">{}</a>",
            escape(&entity_href(id)),
            escape(id)
        )
    };
    for item in items.iter().take(REVIEW_LIMIT) {
        let what = match (item.kind, item.other.as_deref()) {
            (ItemKind::Duplicate, Some(other)) => {
                format!("{} ~ {}", link(&item.subject), link(other))
            }
            (ItemKind::UnsureStatement, Some(st)) => match statement_parts(st) {
                Some((s, r, o)) => format!(
                    "<span class=\"edge\">{}</span> {} {} {}",
                    escape(&item.subject),
                    link(s),
                    escape(r),
                    link(o)
                ),
                None => escape(st),
            },
            _ => link(&item.subject),
        };
        let settle = match &forms {
            Some(f) => f.review_item(item),
            None => format!(
                "<code class=\"suggestion\">{}</code>",
                escape(&item.suggestion)
            ),
        };
        body.push_str(&format!(
            "<li class=\"item\" data-kind=\"{}\"><span class=\"kind\">{}</span> \
             <span class=\"score muted\">{:.6}</span> {what}: <span class=\"reason\">{}</span>\
             <div class=\"settle\">{settle}</div></li>",
            item.kind.as_str(),
            item.kind.as_str(),
            item.score,
            escape(&item.reason)
        ));
    }
    body.push_str("</ol>");
    let response = page_with_status(StatusCode::OK, "Review", &body);
    if forms.is_some() {
        private(response)
    } else {
        response
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hmac_matches_rfc_4231() {
        // Test case 2 of RFC 4231.
        assert_eq!(
            hex(&hmac_sha256(b"Jefe", b"what do ya want for nothing?")),
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"
        );
    }

    #[test]
    fn nonces_hold_for_a_day_for_their_own_secret_only() {
        let (a, b) = (Secret::new(), Secret::new());
        let n = a.nonce_at(1_000_000);
        assert!(a.verify_at(&n, 1_000_000));
        assert!(a.verify_at(&n, 1_000_000 + NONCE_LIFETIME));
        assert!(!a.verify_at(&n, 1_000_000 + NONCE_LIFETIME + 1));
        assert!(!a.verify_at(&n, 1_000_000 - 61));
        assert!(!b.verify_at(&n, 1_000_000));
        let forged = format!("1000001{}", &n[7..]);
        assert!(!a.verify_at(&forged, 1_000_000));
        assert!(!a.verify_at("", 0));
        assert!(!a.verify_at("x.y", 0));
    }

    fn headers(pairs: &[(&'static str, &str)]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for (k, v) in pairs {
            h.insert(*k, HeaderValue::from_str(v).unwrap());
        }
        h
    }

    #[test]
    fn only_requests_from_the_servers_own_pages_are_same_origin() {
        let ok = |pairs: &[(&'static str, &str)]| same_origin(&headers(pairs)).is_ok();
        assert!(ok(&[
            ("host", "127.0.0.1:7878"),
            ("origin", "http://127.0.0.1:7878")
        ]));
        assert!(ok(&[
            ("host", "127.0.0.1:7878"),
            ("referer", "http://127.0.0.1:7878/entity/x")
        ]));
        assert!(ok(&[
            ("host", "example.org"),
            ("origin", "https://example.org")
        ]));
        assert!(ok(&[
            ("host", "example.org:80"),
            ("origin", "http://example.org")
        ]));
        assert!(ok(&[
            ("host", "[::1]:7878"),
            ("origin", "http://[::1]:7878")
        ]));
        assert!(!ok(&[("host", "127.0.0.1:7878")]));
        assert!(!ok(&[
            ("host", "127.0.0.1:7878"),
            ("origin", "http://evil.example")
        ]));
        assert!(!ok(&[
            ("host", "127.0.0.1:7878"),
            ("origin", "http://127.0.0.1:7879")
        ]));
        assert!(!ok(&[("host", "127.0.0.1:7878"), ("origin", "null")]));
        // The Origin decides even when the Referer would pass.
        assert!(!ok(&[
            ("host", "127.0.0.1:7878"),
            ("origin", "http://evil.example"),
            ("referer", "http://127.0.0.1:7878/review")
        ]));
        assert!(!ok(&[
            ("host", "127.0.0.1:7878"),
            ("referer", "http://127.0.0.1:7878.evil.example/")
        ]));
        assert!(!ok(&[
            ("host", "127.0.0.1:7878"),
            ("origin", "http://user@127.0.0.1:7878")
        ]));
    }

    #[test]
    fn forms_come_back_only_to_pages_with_forms() {
        assert_eq!(
            page_of_form("/entity/project/x?curated=1").as_deref(),
            Some("/entity/project/x")
        );
        assert_eq!(page_of_form("/review").as_deref(), Some("/review"));
        assert_eq!(page_of_form("//evil.example/entity/x"), None);
        assert_eq!(page_of_form("https://evil.example/entity/x"), None);
        assert_eq!(page_of_form("/entity//evil.example"), None);
        assert_eq!(page_of_form("/doc/x"), None);
    }

    #[test]
    fn review_statements_split_into_their_parts() {
        assert_eq!(
            statement_parts("project/a locatedIn country/b"),
            Some(("project/a", "locatedIn", "country/b"))
        );
        assert_eq!(statement_parts("project/a nothing country/b"), None);
    }
}
