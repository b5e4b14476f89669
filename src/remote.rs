//! A SPARQL 1.1 server as a home for the graph: the client that replaces a named graph on the
//! server, reads one back, runs CONSTRUCT queries and updates, over the SPARQL 1.1 Protocol and
//! the Graph Store HTTP Protocol, over `http://` or `https://` (with the root certificates of
//! Mozilla's list). Every request is retried after a failed connection, a 5xx or
//! a 429 answer, waiting twice as long each time; a request the server refuses (another 4xx) is
//! not retried. Credentials come from a file or the environment, never the command line.

use std::path::{Path, PathBuf};
use std::time::Duration;

use oxigraph::io::{RdfFormat, RdfParser};
use oxigraph::model::Triple;
use oxigraph::sparql::results::{QueryResultsFormat, QueryResultsParser};
use oxigraph::sparql::{QueryResults, QueryTripleIter};
use spargebra::Query;

/// Environment variable holding a bearer token for the server.
pub const TOKEN_VAR: &str = "CORRIDOR_REMOTE_TOKEN";
/// Environment variable holding the user name for HTTP Basic authentication.
pub const USER_VAR: &str = "CORRIDOR_REMOTE_USER";
/// Environment variable holding the password for HTTP Basic authentication.
pub const PASSWORD_VAR: &str = "CORRIDOR_REMOTE_PASSWORD";

/// A failure to talk to the server.
#[derive(Debug, thiserror::Error)]
pub enum RemoteError {
    /// A request failed or was refused, after every retry.
    #[error("{method} {url}: {message}")]
    Request {
        /// The HTTP method.
        method: &'static str,
        /// The URL asked.
        url: String,
        /// What went wrong.
        message: String,
        /// Whether the server could not be reached or was failing (a failed connection, a 5xx
        /// or a 429 answer, every time), rather than refusing this request.
        unavailable: bool,
    },
    /// The server's answer could not be read as what was asked for.
    #[error("{url}: the answer could not be read: {message}")]
    Answer {
        /// The URL asked.
        url: String,
        /// The problem.
        message: String,
    },
    /// The credentials file could not be read or holds no credentials.
    #[error("credentials file {path}: {message}")]
    Credentials {
        /// The file.
        path: PathBuf,
        /// The problem.
        message: String,
    },
    /// An endpoint that is not an `http://` or `https://` URL, or that carries credentials.
    #[error("{url}: {reason}")]
    Url {
        /// The URL given.
        url: String,
        /// What is wrong with it.
        reason: &'static str,
    },
    /// The file of certificate authorities could not be read or holds no certificate.
    #[error("certificate file {path}: {message}")]
    Certificates {
        /// The file.
        path: PathBuf,
        /// The problem.
        message: String,
    },
    /// A query that could not be parsed (the position is in the message).
    #[error("SPARQL syntax error: {0}")]
    Syntax(String),
}

/// The server's endpoints.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Endpoints {
    /// The SPARQL 1.1 query endpoint.
    pub query: String,
    /// The SPARQL 1.1 update endpoint.
    pub update: String,
    /// The Graph Store HTTP Protocol endpoint, when the server has one: graphs are then
    /// replaced with `PUT` and read with `GET`, else with SPARQL Update and CONSTRUCT.
    pub graph_store: Option<String>,
}

impl Endpoints {
    /// The endpoints of a server whose query endpoint is `query`: updates go to `update` or
    /// else to the query endpoint (as Virtuoso, Fuseki and GraphDB take them).
    pub fn new(query: &str, update: Option<&str>, graph_store: Option<&str>) -> Endpoints {
        Endpoints {
            query: query.to_string(),
            update: update.unwrap_or(query).to_string(),
            graph_store: graph_store.map(str::to_string),
        }
    }
}

/// How corridor proves who it is to the server.
#[derive(Clone, Default, PartialEq, Eq)]
pub enum Credentials {
    /// No credentials.
    #[default]
    None,
    /// HTTP Basic authentication.
    Basic {
        /// User name.
        user: String,
        /// Password.
        password: String,
    },
    /// A bearer token (`Authorization: Bearer …`).
    Bearer(String),
}

impl std::fmt::Debug for Credentials {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // Never the secrets themselves.
        match self {
            Credentials::None => f.write_str("no credentials"),
            Credentials::Basic { user, .. } => write!(f, "Basic credentials of {user}"),
            Credentials::Bearer(_) => f.write_str("a bearer token"),
        }
    }
}

impl Credentials {
    /// The credentials in `file` (its first line: `user:password`, or `Bearer TOKEN`), or else
    /// in the environment ([`TOKEN_VAR`], or [`USER_VAR`] and [`PASSWORD_VAR`]), or none.
    pub fn load(file: Option<&Path>) -> Result<Credentials, RemoteError> {
        if let Some(path) = file {
            let bad = |message: String| RemoteError::Credentials {
                path: path.to_path_buf(),
                message,
            };
            let text = std::fs::read_to_string(path).map_err(|e| bad(e.to_string()))?;
            let line = text
                .lines()
                .map(str::trim)
                .find(|l| !l.is_empty())
                .ok_or_else(|| bad("it is empty".into()))?;
            if let Some(token) = line.strip_prefix("Bearer ") {
                return Ok(Credentials::Bearer(token.trim().to_string()));
            }
            return match line.split_once(':') {
                Some((user, password)) if !user.is_empty() => Ok(Credentials::Basic {
                    user: user.to_string(),
                    password: password.to_string(),
                }),
                _ => Err(bad(
                    "its first line is neither `user:password` nor `Bearer TOKEN`".into(),
                )),
            };
        }
        if let Ok(token) = std::env::var(TOKEN_VAR)
            && !token.trim().is_empty()
        {
            return Ok(Credentials::Bearer(token.trim().to_string()));
        }
        if let Ok(user) = std::env::var(USER_VAR)
            && !user.is_empty()
        {
            return Ok(Credentials::Basic {
                user,
                password: std::env::var(PASSWORD_VAR).unwrap_or_default(),
            });
        }
        Ok(Credentials::None)
    }

    /// The `Authorization` header's value, if any.
    fn header(&self) -> Option<String> {
        match self {
            Credentials::None => None,
            Credentials::Basic { user, password } => Some(format!(
                "Basic {}",
                base64(format!("{user}:{password}").as_bytes())
            )),
            Credentials::Bearer(token) => Some(format!("Bearer {token}")),
        }
    }
}

/// Standard base64 with padding (RFC 4648), for HTTP Basic authentication.
fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(ALPHABET[((n >> (18 - 6 * i)) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// An answer of the server: its status, media type and body.
struct Answer {
    status: u16,
    media_type: String,
    body: Vec<u8>,
}

impl Answer {
    /// The body's first characters, to quote in an error.
    fn excerpt(&self) -> String {
        excerpt(&self.body)
    }
}

fn excerpt(body: &[u8]) -> String {
    let text = String::from_utf8_lossy(body);
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    match text.char_indices().nth(200) {
        Some((i, _)) => format!("{}…", &text[..i]),
        None => text,
    }
}

/// Builds and sends one request, given the `Authorization` header's value.
type Sender<'a> =
    dyn Fn(Option<&str>) -> Result<ureq::http::Response<ureq::Body>, ureq::Error> + 'a;

/// A SPARQL 1.1 server.
#[derive(Clone)]
pub struct Remote {
    endpoints: Endpoints,
    credentials: Credentials,
    agent: ureq::Agent,
    retries: u32,
    first_wait: Duration,
}

impl Remote {
    /// A client of the server at `endpoints`: 4 retries, the first after 250 ms.
    pub fn new(endpoints: Endpoints, credentials: Credentials) -> Result<Remote, RemoteError> {
        let urls = [&endpoints.query, &endpoints.update]
            .into_iter()
            .chain(endpoints.graph_store.as_ref());
        for url in urls {
            check_url(url)?;
        }
        Ok(Remote {
            endpoints,
            credentials,
            agent: agent(ureq::tls::RootCerts::WebPki),
            retries: 4,
            first_wait: Duration::from_millis(250),
        })
    }

    /// The same client, trusting for `https://` the certificate authorities of the PEM file
    /// `file` instead of Mozilla's root certificates (for a server with a private authority).
    pub fn with_ca_certs(mut self, file: &Path) -> Result<Remote, RemoteError> {
        let problem = |message: String| RemoteError::Certificates {
            path: file.to_path_buf(),
            message,
        };
        let pem = std::fs::read(file).map_err(|e| problem(e.to_string()))?;
        let mut certs = Vec::new();
        for item in ureq::tls::parse_pem(&pem) {
            if let ureq::tls::PemItem::Certificate(c) = item.map_err(|e| problem(e.to_string()))? {
                certs.push(c);
            }
        }
        if certs.is_empty() {
            return Err(problem("no PEM certificate in it".into()));
        }
        self.agent = agent(ureq::tls::RootCerts::new_with_certs(&certs));
        Ok(self)
    }

    /// The same client, retrying a failed request `retries` times, first after `first_wait`.
    pub fn with_retries(mut self, retries: u32, first_wait: Duration) -> Remote {
        self.retries = retries;
        self.first_wait = first_wait;
        self
    }

    /// The server's endpoints.
    pub fn endpoints(&self) -> &Endpoints {
        &self.endpoints
    }

    /// Makes a request (`send` builds and sends it), again after a failed connection, a 5xx or
    /// a 429 answer, waiting twice as long each time.
    fn exchange(
        &self,
        method: &'static str,
        url: &str,
        send: &Sender<'_>,
    ) -> Result<Answer, RemoteError> {
        let auth = self.credentials.header();
        let mut wait = self.first_wait;
        let mut attempt = 0;
        loop {
            attempt += 1;
            let failure = match send(auth.as_deref()) {
                Ok(mut response) => {
                    let status = response.status().as_u16();
                    let media_type = response
                        .headers()
                        .get("content-type")
                        .and_then(|v| v.to_str().ok())
                        .unwrap_or("")
                        .to_string();
                    match response
                        .body_mut()
                        .with_config()
                        .limit(u64::MAX)
                        .read_to_vec()
                    {
                        Ok(body) if status < 500 && status != 429 => {
                            return Ok(Answer {
                                status,
                                media_type,
                                body,
                            });
                        }
                        Ok(body) => format!("the server answered {status}: {}", excerpt(&body)),
                        Err(e) => e.to_string(),
                    }
                }
                Err(e) => e.to_string(),
            };
            if attempt > self.retries {
                let tries = if attempt == 1 {
                    String::new()
                } else {
                    format!(" (tried {attempt} times)")
                };
                return Err(RemoteError::Request {
                    method,
                    url: url.to_string(),
                    message: format!("{failure}{tries}"),
                    unavailable: true,
                });
            }
            std::thread::sleep(wait);
            wait *= 2;
        }
    }

    /// An error for an answer that is not a success.
    fn refused(method: &'static str, url: &str, answer: &Answer) -> RemoteError {
        RemoteError::Request {
            unavailable: false,
            method,
            url: url.to_string(),
            message: format!(
                "the server answered {}: {}",
                answer.status,
                answer.excerpt()
            ),
        }
    }

    /// Replaces the named graph `graph` with `ntriples` (N-Triples, one triple per line), so
    /// that the server holds the old graph or the new one, never part of it: by one Graph Store
    /// `PUT`; or else, up to [`UPDATE_BATCH`] triples, by one SPARQL update that drops the graph
    /// and inserts the triples; or else, for a larger graph, by inserting the triples in batches
    /// into a staging graph (`graph` with the fragment `#staging`, emptied first) and moving it
    /// onto `graph` with one `MOVE` (servers refuse updates of many thousand triples).
    pub fn put_graph(&self, graph: &str, ntriples: &str) -> Result<(), RemoteError> {
        if let Some(store) = &self.endpoints.graph_store {
            let answer = self.exchange("PUT", store, &|auth| {
                let r = self
                    .agent
                    .put(store)
                    .query("graph", graph)
                    .header("Content-Type", "application/n-triples");
                authorized(r, auth).send(ntriples)
            })?;
            return match answer.status {
                200..=299 => Ok(()),
                _ => Err(Remote::refused("PUT", store, &answer)),
            };
        }
        let lines: Vec<&str> = ntriples.lines().collect();
        if lines.len() <= UPDATE_BATCH {
            return self.update(&format!(
                "DROP SILENT GRAPH <{graph}> ;\nINSERT DATA {{ GRAPH <{graph}> {{\n{ntriples}}} }}"
            ));
        }
        let staging = format!("{graph}#staging");
        self.update(&format!("DROP SILENT GRAPH <{staging}>"))?;
        for batch in lines.chunks(UPDATE_BATCH) {
            self.update(&format!(
                "INSERT DATA {{ GRAPH <{staging}> {{\n{}\n}} }}",
                batch.join("\n")
            ))?;
        }
        self.update(&format!("MOVE SILENT GRAPH <{staging}> TO GRAPH <{graph}>"))
    }

    /// Removes the named graph `graph` (nothing happens if the server has none of that name).
    pub fn drop_graph(&self, graph: &str) -> Result<(), RemoteError> {
        if let Some(store) = &self.endpoints.graph_store {
            let answer = self.exchange("DELETE", store, &|auth| {
                authorized(self.agent.delete(store).query("graph", graph), auth).call()
            })?;
            return match answer.status {
                200..=299 | 404 => Ok(()),
                _ => Err(Remote::refused("DELETE", store, &answer)),
            };
        }
        self.update(&format!("DROP SILENT GRAPH <{graph}>"))
    }

    /// The triples of the named graph `graph` (none when the server has no graph of that name).
    pub fn get_graph(&self, graph: &str) -> Result<Vec<Triple>, RemoteError> {
        let Some(store) = &self.endpoints.graph_store else {
            return self.construct(&format!(
                "CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}"
            ));
        };
        let answer = self.get_rdf(store, "graph", graph)?;
        match answer.status {
            200..=299 => parse_triples(store, &answer),
            404 => Ok(Vec::new()),
            _ => Err(Remote::refused("GET", store, &answer)),
        }
    }

    /// The triples a CONSTRUCT (or DESCRIBE) query gives.
    pub fn construct(&self, sparql: &str) -> Result<Vec<Triple>, RemoteError> {
        let url = &self.endpoints.query;
        // The query in the URL, or a form when it is long: every server takes both (Virtuoso
        // hangs on a POST of application/sparql-query).
        let answer = self.get_rdf(url, "query", sparql)?;
        match answer.status {
            200..=299 => parse_triples(url, &answer),
            _ => Err(Remote::refused(method_for(sparql), url, &answer)),
        }
    }

    /// One parameter sent to `url` (see [`Remote::ask`]), asking for RDF.
    fn get_rdf(&self, url: &str, key: &str, value: &str) -> Result<Answer, RemoteError> {
        self.ask(url, key, value, RDF_ACCEPT)
    }

    /// Sends one parameter to `url`, accepting `accept`: in the URL of a GET, or as a form
    /// POST when it is too long for a URL (both are the SPARQL 1.1 Protocol's).
    fn ask(&self, url: &str, key: &str, value: &str, accept: &str) -> Result<Answer, RemoteError> {
        if method_for(value) == "GET" {
            self.exchange("GET", url, &|auth| {
                authorized(
                    self.agent
                        .get(url)
                        .query(key, value)
                        .header("Accept", accept),
                    auth,
                )
                .call()
            })
        } else {
            self.exchange("POST", url, &|auth| {
                authorized(self.agent.post(url).header("Accept", accept), auth)
                    .send_form([(key, value)])
            })
        }
    }

    /// Runs a query on the server and reads its answer: solutions or a boolean (from SPARQL
    /// JSON, XML or TSV results), or the triples of a CONSTRUCT or DESCRIBE. The query is
    /// parsed here first, so a syntax error is reported with its position, as a local query's.
    pub fn query(&self, sparql: &str) -> Result<QueryResults<'static>, RemoteError> {
        let parsed = spargebra::SparqlParser::new()
            .parse_query(sparql)
            .map_err(|e| RemoteError::Syntax(e.to_string()))?;
        let url = &self.endpoints.query;
        if matches!(parsed, Query::Construct { .. } | Query::Describe { .. }) {
            let answer = self.get_rdf(url, "query", sparql)?;
            return match answer.status {
                200..=299 => {
                    let triples = parse_triples(url, &answer)?;
                    Ok(QueryResults::Graph(QueryTripleIter::new(
                        triples.into_iter().map(Ok),
                    )))
                }
                _ => Err(Remote::refused(method_for(sparql), url, &answer)),
            };
        }
        let answer = self.ask(url, "query", sparql, RESULTS_ACCEPT)?;
        if !(200..=299).contains(&answer.status) {
            return Err(Remote::refused(method_for(sparql), url, &answer));
        }
        let media = answer.media_type.split(';').next().unwrap_or("").trim();
        let format = QueryResultsFormat::from_media_type(media).unwrap_or(QueryResultsFormat::Json);
        let output = QueryResultsParser::from_format(format)
            .for_reader(std::io::Cursor::new(answer.body))
            .map_err(|e| RemoteError::Answer {
                url: url.to_string(),
                message: format!("{e} (as {media})"),
            })?;
        Ok(output.into())
    }

    /// Runs a SPARQL update.
    pub fn update(&self, sparql: &str) -> Result<(), RemoteError> {
        let url = &self.endpoints.update;
        let answer = self.exchange("POST", url, &|auth| {
            let r = self
                .agent
                .post(url)
                .header("Content-Type", "application/sparql-update");
            authorized(r, auth).send(sparql)
        })?;
        match answer.status {
            200..=299 => Ok(()),
            _ => Err(Remote::refused("POST", url, &answer)),
        }
    }
}

/// The HTTP client: answers of every status read (not errors), 10 minutes at most per request,
/// `https://` certificates checked against `roots`.
fn agent(roots: ureq::tls::RootCerts) -> ureq::Agent {
    ureq::Agent::config_builder()
        .http_status_as_error(false)
        .timeout_global(Some(Duration::from_secs(600)))
        .tls_config(ureq::tls::TlsConfig::builder().root_certs(roots).build())
        .build()
        .into()
}

/// Checks that `url` is an `http://` or `https://` URL without credentials in it (they belong in
/// a file or the environment, where other users of the machine cannot read them).
fn check_url(url: &str) -> Result<(), RemoteError> {
    let Some(rest) = url
        .strip_prefix("http://")
        .or_else(|| url.strip_prefix("https://"))
    else {
        return Err(RemoteError::Url {
            url: url.to_string(),
            reason: "not an http:// or https:// URL",
        });
    };
    let authority = rest.split(['/', '?', '#']).next().unwrap_or("");
    if authority.contains('@') {
        // Not echoed: the URL holds a secret.
        return Err(RemoteError::Url {
            url: "the server's URL".to_string(),
            reason: "credentials go in --credentials FILE or the environment \
                     (CORRIDOR_REMOTE_TOKEN, or CORRIDOR_REMOTE_USER and CORRIDOR_REMOTE_PASSWORD), \
                     not in the URL",
        });
    }
    if authority.is_empty() {
        return Err(RemoteError::Url {
            url: url.to_string(),
            reason: "the URL names no host",
        });
    }
    Ok(())
}

/// `request` with the `Authorization` header, when there are credentials.
fn authorized<B>(request: ureq::RequestBuilder<B>, auth: Option<&str>) -> ureq::RequestBuilder<B> {
    match auth {
        Some(a) => request.header("Authorization", a),
        None => request,
    }
}

/// Most triples sent in one SPARQL update (Virtuoso's parser gives up at about five thousand).
pub const UPDATE_BATCH: usize = 2000;

/// Longest query sent in a GET's URL, in bytes before percent-encoding (which makes a Chinese
/// character 9 bytes); longer ones are POSTed as a form.
const LONGEST_GET: usize = 2000;

/// The method a parameter of this length is sent with.
fn method_for(value: &str) -> &'static str {
    if value.len() <= LONGEST_GET {
        "GET"
    } else {
        "POST"
    }
}

/// What query results are asked for in: SPARQL JSON first, then XML and TSV (not CSV, which
/// loses the kind of each term).
const RESULTS_ACCEPT: &str = "application/sparql-results+json, \
     application/sparql-results+xml;q=0.9, text/tab-separated-values;q=0.8";

/// What graphs are asked for in: N-Triples first, Turtle and RDF/XML as the server can.
const RDF_ACCEPT: &str =
    "application/n-triples, text/plain;q=0.9, text/turtle;q=0.8, application/rdf+xml;q=0.5";

/// The triples of an RDF answer, read in the format its media type names (N-Triples when it
/// names none, or `text/plain`, as some servers label N-Triples).
fn parse_triples(url: &str, answer: &Answer) -> Result<Vec<Triple>, RemoteError> {
    let media = answer.media_type.split(';').next().unwrap_or("").trim();
    let format = RdfFormat::from_media_type(media).unwrap_or(RdfFormat::NTriples);
    RdfParser::from_format(format)
        .for_slice(&answer.body)
        .map(|q| q.map(Triple::from))
        .collect::<Result<_, _>>()
        .map_err(|e| RemoteError::Answer {
            url: url.to_string(),
            message: format!("{e} (as {media})"),
        })
}

/// Triples as N-Triples, one per line.
pub fn ntriples<'a>(triples: impl IntoIterator<Item = oxigraph::model::TripleRef<'a>>) -> String {
    let mut out = String::new();
    for t in triples {
        out.push_str(&t.to_string());
        out.push_str(" .\n");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_encodes_as_the_rfc_says() {
        assert_eq!(base64(b""), "");
        assert_eq!(base64(b"f"), "Zg==");
        assert_eq!(base64(b"fo"), "Zm8=");
        assert_eq!(base64(b"foo"), "Zm9v");
        assert_eq!(base64(b"foobar"), "Zm9vYmFy");
        assert_eq!(base64("dba:dba".as_bytes()), "ZGJhOmRiYQ==");
    }

    #[test]
    fn credentials_come_from_a_file_and_never_show() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("creds");
        std::fs::write(&file, "\n  dba:s3cret:x \n").unwrap();
        let basic = Credentials::load(Some(&file)).unwrap();
        assert_eq!(
            basic,
            Credentials::Basic {
                user: "dba".into(),
                password: "s3cret:x".into()
            }
        );
        assert_eq!(
            basic.header().unwrap(),
            format!("Basic {}", base64(b"dba:s3cret:x"))
        );
        assert!(!format!("{basic:?}").contains("s3cret"));
        std::fs::write(&file, "Bearer t0ken\n").unwrap();
        let bearer = Credentials::load(Some(&file)).unwrap();
        assert_eq!(bearer.header().unwrap(), "Bearer t0ken");
        assert!(!format!("{bearer:?}").contains("t0ken"));
        std::fs::write(&file, "nothing here\n").unwrap();
        let err = Credentials::load(Some(&file)).unwrap_err().to_string();
        assert!(
            err.contains("creds") && err.contains("user:password"),
            "{err}"
        );
        let err = Credentials::load(Some(&dir.path().join("none")))
            .unwrap_err()
            .to_string();
        assert!(err.contains("none"), "{err}");
    }

    #[test]
    fn only_http_and_https_endpoints_without_credentials_are_taken() {
        let e = Endpoints::new("https://example.org/sparql", None, None);
        assert!(Remote::new(e, Credentials::None).is_ok());
        let e = Endpoints::new("ftp://example.org/sparql", None, None);
        let err = Remote::new(e, Credentials::None).err().unwrap().to_string();
        assert!(err.contains("ftp://example.org/sparql"), "{err}");
        let e = Endpoints::new("http://127.0.0.1:1/sparql", None, Some("ftp://x"));
        assert!(Remote::new(e, Credentials::None).is_err());
        let e = Endpoints::new("http://", None, None);
        assert!(Remote::new(e, Credentials::None).is_err());
        // Credentials in the URL are refused, and the error does not repeat them.
        let e = Endpoints::new("https://ann:s3cret@example.org/sparql", None, None);
        let err = Remote::new(e, Credentials::None).err().unwrap().to_string();
        assert!(
            err.contains("--credentials") && !err.contains("s3cret"),
            "{err}"
        );
        // An @ after the host is a path's, not credentials.
        let e = Endpoints::new("http://example.org/sparql?x=a@b", None, None);
        assert!(Remote::new(e, Credentials::None).is_ok());
        let e = Endpoints::new("http://127.0.0.1:1/sparql", None, None);
        assert_eq!(e.update, "http://127.0.0.1:1/sparql");
    }

    #[test]
    fn a_query_is_parsed_before_it_is_sent() {
        // Nothing listens on port 1: the syntax error comes first, with its position.
        let e = Endpoints::new("http://127.0.0.1:1/sparql", None, None);
        let remote = Remote::new(e, Credentials::None).unwrap();
        let err = remote.query("SELECT * WHERE {\n  ?s ?p\n}").err().unwrap();
        assert!(matches!(err, RemoteError::Syntax(_)), "{err}");
        assert!(err.to_string().contains("error at 3:2"), "{err}");
    }

    #[test]
    fn a_server_that_cannot_be_reached_is_named_after_the_retries() {
        // Nothing listens on port 1 of loopback.
        let e = Endpoints::new("http://127.0.0.1:1/sparql", None, None);
        let remote = Remote::new(e, Credentials::None)
            .unwrap()
            .with_retries(2, Duration::from_millis(1));
        let err = remote.update("CLEAR ALL").unwrap_err().to_string();
        assert!(
            err.contains("POST http://127.0.0.1:1/sparql") && err.contains("tried 3 times"),
            "{err}"
        );
    }
}
