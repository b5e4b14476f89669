//! `corridor serve`: the store over HTTP, as a SPARQL 1.1 Protocol endpoint (`/sparql`,
//! `/update`), the read side of the Graph Store Protocol (`/store`), and a server-rendered entity
//! browser (`/`, `/search`, `/entities/…`, `/entity/…`, `/doc/…`, `/query`, `/review`), and a
//! graph view drawn in the browser (`/graph`).
//!
//! The store is opened read-only and held in memory; when another process changes it on disk
//! (an `ingest` or `build` beside the server), the server loads the new content in the background
//! and swaps it in whole, so every request sees one consistent version. Queries run on blocking
//! threads under limits (time, rows, concurrency, body size); a query past its time is cancelled,
//! not left running. Updates are refused unless the server is writable and the request carries
//! the bearer token. A writable server on a store folder also shows curation forms on its
//! entity and review pages, which write decisions into the curation file and bring the store
//! up to date with them ([`CurationTarget`]).
//!
//! This module owns HTTP; queries and updates go through [`crate::store`], pages read the store
//! through SPARQL.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::{Arc, Mutex, RwLock};
use std::time::{Duration, Instant};

use axum::Router;
use axum::body::Body;
use axum::extract::{DefaultBodyLimit, Request, State};
use axum::http::{HeaderValue, Method, StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use tokio::sync::Semaphore;

use crate::store::{CorpusStore, StoreError, StoreVersion};

mod browse;
mod curate;
pub(crate) mod examples;
mod graph_view;
mod html;
mod isolate;
mod sparql;

pub use curate::{CurationTarget, Update, Updated};
pub use examples::EXAMPLES;

/// Why the server could not start or stopped.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ServeError {
    /// The store could not be opened.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// The address could not be bound.
    #[error("cannot listen on {addr}")]
    Bind {
        /// The address.
        addr: SocketAddr,
        /// The cause.
        source: std::io::Error,
    },
    /// The server failed while running.
    #[error("the server failed")]
    Io(#[from] std::io::Error),
    /// The options contradict each other.
    #[error("{0}")]
    Options(String),
    /// The token file could not be read.
    #[error("cannot read the token file {path}")]
    Token {
        /// The file.
        path: PathBuf,
        /// The cause.
        source: std::io::Error,
    },
}

/// The environment variable holding the bearer token for updates.
pub const TOKEN_VARIABLE: &str = "CORRIDOR_TOKEN";

/// The bearer token for updates: the first line of `file`, else the `CORRIDOR_TOKEN` variable.
pub fn read_token(file: Option<&std::path::Path>) -> Result<Option<String>, ServeError> {
    let token = match file {
        Some(path) => std::fs::read_to_string(path)
            .map_err(|source| ServeError::Token {
                path: path.to_path_buf(),
                source,
            })?
            .lines()
            .next()
            .unwrap_or("")
            .trim()
            .to_string(),
        None => std::env::var(TOKEN_VARIABLE)
            .unwrap_or_default()
            .trim()
            .to_string(),
    };
    // Blank is no token: a token of spaces would be one anyone could guess.
    Ok(Some(token).filter(|t| !t.is_empty()))
}

/// How `corridor serve` runs.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    /// Store folder.
    pub store: PathBuf,
    /// Address to listen on.
    pub bind: SocketAddr,
    /// Longest a query may run before it is cancelled and answered 408.
    pub query_timeout: Duration,
    /// Most result rows (or triples) a response carries; the rest are cut.
    pub max_rows: usize,
    /// Largest request body accepted, in bytes.
    pub max_body: usize,
    /// Most queries running at once; more are answered 503. Queries run in a child process
    /// (see [`ServeOptions::query_memory`]) may take all but one of these.
    pub max_concurrent: usize,
    /// Most memory, in bytes, a query run in a child process (one that builds strings or joins
    /// parts sharing no variable) may use beyond what the server holds.
    pub query_memory: u64,
    /// Whether SPARQL Update is accepted (with the token).
    pub writable: bool,
    /// The bearer token updates must carry (required when writable).
    pub token: Option<String>,
    /// How often the store folder is checked for changes made by other processes.
    pub reload_every: Duration,
    /// Held by whatever writes the store folder in this process: an update, a curation form
    /// (from writing its decision until the store brought up to date is swapped in), the reload
    /// that swaps in the store as changed on disk, and a caller bringing the folder up to date
    /// while it is served (which takes it too, so the store is never opened while being
    /// written).
    pub writers: Arc<Mutex<()>>,
    /// Where the curation forms write decisions and which corpus they bring the store up to
    /// date with; the forms are shown only when the server is also writable (none by default).
    pub curation: Option<CurationTarget>,
}

impl ServeOptions {
    /// Default options for a store folder: loopback port 7878, 10 s per query, 10,000 rows, 1 MiB
    /// bodies, two queries per core at once, 1 GiB per isolated query, read-only.
    pub fn new(store: PathBuf) -> ServeOptions {
        let cores = std::thread::available_parallelism().map_or(2, |n| n.get());
        ServeOptions {
            store,
            bind: SocketAddr::from(([127, 0, 0, 1], 7878)),
            query_timeout: Duration::from_secs(10),
            max_rows: 10_000,
            max_body: 1 << 20,
            max_concurrent: cores * 2,
            query_memory: 1 << 30,
            writable: false,
            token: None,
            reload_every: Duration::from_secs(2),
            writers: Arc::default(),
            curation: None,
        }
    }
}

/// What every request handler shares.
pub(crate) struct AppState {
    store: RwLock<Arc<CorpusStore>>,
    loaded: Mutex<StoreVersion>,
    permits: Arc<Semaphore>,
    /// Slots for queries run in a child process: one fewer than [`AppState::permits`] (when
    /// there are two or more), so they never take the last.
    heavy_permits: Arc<Semaphore>,
    opts: ServeOptions,
    /// The secret the curation forms' nonces are made with, drawn when the server starts.
    secret: curate::Secret,
    /// What the last curation forms wrote, for the page they lead to.
    outcomes: Mutex<curate::Outcomes>,
    /// The graph view's data of the current version of the store.
    graph_view: graph_view::Cache,
    /// The home page's body for the current version of the store (its entity lists count
    /// every mention, too much work for each visit to a big store).
    home: PerVersion<String>,
}

/// A value computed from one version of the store, given again until the store is swapped
/// for a newer one (the version is held weakly, so an old one is not kept alive by it).
pub(crate) struct PerVersion<T> {
    entry: Mutex<Option<(std::sync::Weak<CorpusStore>, T)>>,
}

impl<T> Default for PerVersion<T> {
    fn default() -> Self {
        PerVersion {
            entry: Mutex::new(None),
        }
    }
}

impl<T: Clone> PerVersion<T> {
    /// The value kept for `store`, if it was computed from that version.
    pub(crate) fn get(&self, store: &Arc<CorpusStore>) -> Option<T> {
        let entry = self.entry.lock().unwrap_or_else(|e| e.into_inner());
        entry
            .as_ref()
            .filter(|(of, _)| std::sync::Weak::ptr_eq(of, &Arc::downgrade(store)))
            .map(|(_, value)| value.clone())
    }

    /// Keeps `value` as computed from `store`.
    pub(crate) fn put(&self, store: &Arc<CorpusStore>, value: T) {
        *self.entry.lock().unwrap_or_else(|e| e.into_inner()) =
            Some((Arc::downgrade(store), value));
    }
}

impl AppState {
    /// The current version of the store.
    pub(crate) fn store(&self) -> Arc<CorpusStore> {
        self.store.read().unwrap_or_else(|e| e.into_inner()).clone()
    }

    /// The lock of the store's writers in this process ([`ServeOptions::writers`]).
    pub(crate) fn writing(&self) -> std::sync::MutexGuard<'_, ()> {
        self.opts.writers.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Loads the store again if its files changed since the last load.
    fn reload_if_changed(&self) -> Result<bool, StoreError> {
        if CorpusStore::version(&self.opts.store)
            == *self.loaded.lock().unwrap_or_else(|e| e.into_inner())
        {
            return Ok(false);
        }
        let _guard = self.writing();
        self.reload_locked()?;
        Ok(true)
    }

    /// Loads the store again and swaps it in, for a caller that holds [`AppState::writing`].
    fn reload_locked(&self) -> Result<(), StoreError> {
        // Read under the lock: what is loaded is at least as new as the version kept.
        let now = CorpusStore::version(&self.opts.store);
        let fresh = open_store(&self.opts)?;
        *self.store.write().unwrap_or_else(|e| e.into_inner()) = Arc::new(fresh);
        *self.loaded.lock().unwrap_or_else(|e| e.into_inner()) = now;
        Ok(())
    }

    /// The curation target when the server shows curation forms: writable, on a store folder.
    pub(crate) fn curation(&self) -> Option<&CurationTarget> {
        self.opts
            .curation
            .as_ref()
            .filter(|_| self.opts.writable && self.opts.token.is_some())
    }
}

/// Marks a response that must not be readable by other origins (a page carrying a curation
/// form's nonce): [`cors_and_log`] adds no CORS headers to it.
#[derive(Debug, Clone, Copy)]
pub(crate) struct SameOriginOnly;

fn open_store(opts: &ServeOptions) -> Result<CorpusStore, StoreError> {
    // A writable server on RocksDB must hold the database open for writing.
    let store = if opts.writable && cfg!(feature = "rocksdb") {
        CorpusStore::open(&opts.store)
    } else {
        CorpusStore::open_read_only(&opts.store)
    }?;
    // Loaded before the store is served, so no request waits for it.
    store.load_dataset()?;
    Ok(store)
}

/// Adds CORS headers to every response, answers preflight requests, and logs one line per
/// request (method, path, status, milliseconds) to standard error.
async fn cors_and_log(req: Request, next: Next) -> Response {
    let start = Instant::now();
    let method = req.method().clone();
    let path = req.uri().path().to_string();
    // The curation forms are for pages of this server only: no preflight lets another origin
    // send them, and no answer of theirs is shared with another origin.
    let private = path.starts_with(curate::PREFIX);
    let mut response = if method == Method::OPTIONS {
        StatusCode::NO_CONTENT.into_response()
    } else {
        next.run(req).await
    };
    if private || response.extensions().get::<SameOriginOnly>().is_some() {
        log_request(&method, &path, &response, start);
        return response;
    }
    let h = response.headers_mut();
    h.insert(
        header::ACCESS_CONTROL_ALLOW_ORIGIN,
        HeaderValue::from_static("*"),
    );
    h.insert(
        header::ACCESS_CONTROL_ALLOW_METHODS,
        HeaderValue::from_static("GET, POST, OPTIONS"),
    );
    h.insert(
        header::ACCESS_CONTROL_ALLOW_HEADERS,
        HeaderValue::from_static("Accept, Authorization, Content-Type"),
    );
    h.insert(
        header::ACCESS_CONTROL_EXPOSE_HEADERS,
        HeaderValue::from_static("X-Corridor-Truncated"),
    );
    log_request(&method, &path, &response, start);
    response
}

fn log_request(method: &Method, path: &str, response: &Response, start: Instant) {
    eprintln!(
        "{method} {path} {} {}ms",
        response.status().as_u16(),
        start.elapsed().as_millis()
    );
}

/// The router of every page and endpoint.
pub(crate) fn router(state: Arc<AppState>) -> Router {
    let max_body = state.opts.max_body;
    Router::new()
        .route("/sparql", get(sparql::query_get).post(sparql::query_post))
        .route("/update", axum::routing::post(sparql::update_post))
        .route("/store", get(sparql::graph_store))
        .route("/", get(browse::home))
        .route("/search", get(browse::search))
        .route("/entities/{kind}", get(browse::entities_of_type))
        .route("/query", get(browse::query_page))
        .route("/entity/{*id}", get(browse::entity))
        .route("/id/{*id}", get(browse::see_entity))
        .route("/doc/{id}", get(browse::document))
        .route("/graph", get(graph_view::page))
        .route("/graph.json", get(graph_view::json))
        .route("/assets/graph.js", get(graph_view::script))
        .route("/assets/graph-licences.txt", get(graph_view::licences))
        .route("/review", get(curate::review_page))
        .route("/curate/merge", axum::routing::post(curate::merge))
        .route("/curate/rename", axum::routing::post(curate::rename))
        .route("/curate/reject", axum::routing::post(curate::reject))
        .fallback(|| async { (StatusCode::NOT_FOUND, "no such page\n").into_response() })
        .layer(DefaultBodyLimit::max(max_body))
        .layer(middleware::from_fn(cors_and_log))
        .with_state(state)
}

/// Runs the server until SIGINT or SIGTERM. Prints `listening on http://ADDR` (with the port
/// the system chose when asked for port 0) as the first line of standard output.
pub fn serve(mut opts: ServeOptions) -> Result<(), ServeError> {
    if opts.writable && opts.token.as_deref().is_none_or(str::is_empty) {
        return Err(ServeError::Options(
            "--writable needs a token: set CORRIDOR_TOKEN or give --token-file".into(),
        ));
    }
    if !opts.writable {
        opts.curation = None;
    }
    if let Some(target) = &opts.curation {
        match target.unusable(&opts.store) {
            Some(why) => {
                eprintln!("note: no curation forms: {why}");
                opts.curation = None;
            }
            None => eprintln!(
                "curation forms write {} and bring the store up to date with {}",
                target.file.display(),
                target.corpus.display()
            ),
        }
    }
    // Read before the store is opened, so a change made meanwhile is loaded at the next check.
    let version = CorpusStore::version(&opts.store);
    let store = open_store(&opts)?;
    let state = Arc::new(AppState {
        loaded: Mutex::new(version),
        store: RwLock::new(Arc::new(store)),
        permits: Arc::new(Semaphore::new(opts.max_concurrent.max(1))),
        heavy_permits: Arc::new(Semaphore::new(opts.max_concurrent.saturating_sub(1).max(1))),
        opts: opts.clone(),
        secret: curate::Secret::new(),
        outcomes: Mutex::default(),
        graph_view: graph_view::Cache::default(),
        home: PerVersion::default(),
    });
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    runtime.block_on(async move {
        let listener = tokio::net::TcpListener::bind(opts.bind)
            .await
            .map_err(|source| ServeError::Bind {
                addr: opts.bind,
                source,
            })?;
        let addr = listener.local_addr()?;
        {
            use std::io::Write;
            let mut out = std::io::stdout().lock();
            writeln!(out, "listening on http://{addr}")?;
            out.flush()?;
        }
        let watcher = tokio::spawn(watch_store(state.clone()));
        axum::serve(listener, router(state))
            .with_graceful_shutdown(shutdown_signal())
            .await?;
        watcher.abort();
        Ok(())
    })
}

/// Checks the store folder for changes and reloads it when another process changed it.
async fn watch_store(state: Arc<AppState>) {
    loop {
        tokio::time::sleep(state.opts.reload_every).await;
        let s = state.clone();
        match tokio::task::spawn_blocking(move || s.reload_if_changed()).await {
            Ok(Ok(true)) => eprintln!("store changed on disk: loaded again"),
            Ok(Ok(false)) => {}
            Ok(Err(e)) => eprintln!(
                "store changed on disk but could not be loaded (serving the last one): {}",
                sparql::chain(&e)
            ),
            Err(e) => eprintln!("reloading the store failed: {e}"),
        }
    }
}

async fn shutdown_signal() {
    let interrupt = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = interrupt => {},
        () = terminate => {},
    }
    eprintln!("shutting down");
}

/// A 500 answer for a failure of the server's own (a file of the store that cannot be read):
/// the whole message goes to the server's log, the client is told only that it happened, so
/// no path of the server's disk leaves it.
pub(crate) fn internal(message: impl std::fmt::Display) -> Response {
    eprintln!("corridor serve: internal error: {message}");
    error(
        StatusCode::INTERNAL_SERVER_ERROR,
        "internal error; the server's log says what failed",
    )
}

/// A plain-text error response.
pub(crate) fn error(status: StatusCode, message: impl Into<String>) -> Response {
    let mut text = message.into();
    text.push('\n');
    Response::builder()
        .status(status)
        .header(header::CONTENT_TYPE, "text/plain; charset=utf-8")
        .body(Body::from(text))
        .unwrap_or_else(|_| status.into_response())
}

pub(crate) type Shared = State<Arc<AppState>>;
