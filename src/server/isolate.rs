//! Queries that can use memory or time without reading the store — joins of parts sharing no
//! variable (cross products), and expressions that build strings (CONCAT, REPLACE,
//! GROUP_CONCAT, ENCODE_FOR_URI), which double with every `BIND` of a chain — run in a child
//! process forked for the query, so that one past its time limit is killed outright and one
//! past its memory limit fails alone. The query engine checks for cancellation only when it
//! reads the store: such a query would otherwise keep a core busy and its memory growing long
//! after its client was answered 408. Every other query reads the store as it goes and stops
//! at its next read, so it runs in the server's process, which is faster. The child
//! ([`crate::child`]) evaluates and serializes the answer and writes it to its pipe; the server
//! reads the pipe until the deadline and kills the child if it is not done.
//!
//! Only on Unix with the in-memory store (RocksDB keeps background threads a forked child must
//! not rely on); elsewhere queries run in the server's process and are cancelled when they next
//! read the store.

// Without fork the wire format and the outcomes other than `Done` go unused.
#![cfg_attr(
    not(all(unix, not(feature = "rocksdb"))),
    allow(dead_code, unused_imports)
)]

use std::time::Duration;

use spargebra::Query;
use spargebra::algebra::{AggregateExpression, AggregateFunction, Expression, Function};
use spargebra::algebra::{GraphPattern, OrderExpression};

use super::sparql::{Answer, Failure};

/// How an isolated evaluation ended.
pub(crate) enum Outcome {
    /// The child answered (or failed in a way it could report).
    Done(Result<Answer, Failure>),
    /// The deadline passed and the child was killed.
    TimedOut,
    /// The child ran out of the memory it may use (it aborted on a failed allocation).
    OutOfMemory,
    /// The child died without an answer (the message says how).
    Crashed(String),
}

/// Whether queries can run in a forked child here.
pub(crate) const AVAILABLE: bool = cfg!(all(unix, not(feature = "rocksdb")));

/// The query's pattern.
fn pattern(query: &Query) -> &GraphPattern {
    match query {
        Query::Select { pattern, .. }
        | Query::Construct { pattern, .. }
        | Query::Describe { pattern, .. }
        | Query::Ask { pattern, .. } => pattern,
    }
}

/// Whether a query is run in a child process: it has a cross product or builds strings.
pub(crate) fn needs_isolation(query: &Query) -> bool {
    has_cross_product(query) || builds_strings(pattern(query))
}

/// Whether a query joins parts that share no variable anywhere (a basic graph pattern in
/// disconnected pieces, or a join or OPTIONAL of patterns with no common variable): such a
/// query multiplies results already read.
pub(crate) fn has_cross_product(query: &Query) -> bool {
    crosses(pattern(query))
}

/// Whether an expression of the pattern builds a string longer than its arguments.
fn builds_strings(p: &GraphPattern) -> bool {
    fn expr(e: &Expression) -> bool {
        if let Expression::FunctionCall(
            Function::Concat | Function::Replace | Function::EncodeForUri,
            _,
        ) = e
        {
            return true;
        }
        let (parts, exists) = crate::sparql_guard::operands(e);
        parts.into_iter().any(expr) || exists.is_some_and(builds_strings)
    }
    match p {
        GraphPattern::Filter { expr: e, inner } => expr(e) || builds_strings(inner),
        GraphPattern::Extend {
            inner, expression, ..
        } => expr(expression) || builds_strings(inner),
        GraphPattern::LeftJoin {
            left,
            right,
            expression,
        } => expression.as_ref().is_some_and(expr) || builds_strings(left) || builds_strings(right),
        GraphPattern::OrderBy { inner, expression } => {
            expression.iter().any(|o| match o {
                OrderExpression::Asc(e) | OrderExpression::Desc(e) => expr(e),
            }) || builds_strings(inner)
        }
        GraphPattern::Group {
            inner, aggregates, ..
        } => {
            aggregates.iter().any(|(_, a)| match a {
                AggregateExpression::CountSolutions { .. } => false,
                AggregateExpression::FunctionCall { name, expr: e, .. } => {
                    matches!(name, AggregateFunction::GroupConcat { .. }) || expr(e)
                }
            }) || builds_strings(inner)
        }
        GraphPattern::Join { left, right }
        | GraphPattern::Lateral { left, right }
        | GraphPattern::Union { left, right }
        | GraphPattern::Minus { left, right } => builds_strings(left) || builds_strings(right),
        other => unary_inner(other).is_some_and(builds_strings),
    }
}

fn crosses(p: &spargebra::algebra::GraphPattern) -> bool {
    use spargebra::algebra::GraphPattern as P;
    match p {
        P::Bgp { .. } | P::Join { .. } | P::Path { .. } => {
            // The join group: its triple patterns, paths and other parts, each with its variables.
            let mut atoms: Vec<std::collections::BTreeSet<String>> = Vec::new();
            let mut inner_crosses = false;
            flatten(p, &mut atoms, &mut inner_crosses);
            inner_crosses || disconnected(&atoms)
        }
        P::LeftJoin { left, right, .. } => {
            let (l, r) = (pattern_vars(left), pattern_vars(right));
            (!l.is_empty() && !r.is_empty() && l.is_disjoint(&r)) || crosses(left) || crosses(right)
        }
        P::Union { left, right } | P::Minus { left, right } => crosses(left) || crosses(right),
        other => unary_inner(other).is_some_and(crosses),
    }
}

/// The one pattern a unary operator (filter, graph, extend, order, projection, distinct,
/// reduced, slice, group, service) applies to.
fn unary_inner(p: &spargebra::algebra::GraphPattern) -> Option<&spargebra::algebra::GraphPattern> {
    use spargebra::algebra::GraphPattern as P;
    match p {
        P::Filter { inner, .. }
        | P::Graph { inner, .. }
        | P::Extend { inner, .. }
        | P::OrderBy { inner, .. }
        | P::Project { inner, .. }
        | P::Distinct { inner }
        | P::Reduced { inner }
        | P::Slice { inner, .. }
        | P::Group { inner, .. }
        | P::Service { inner, .. } => Some(inner),
        _ => None,
    }
}

/// The parts of a join group, with their variables; parts that are not triple patterns, paths
/// or joins are checked on their own too.
fn flatten(
    p: &spargebra::algebra::GraphPattern,
    atoms: &mut Vec<std::collections::BTreeSet<String>>,
    inner_crosses: &mut bool,
) {
    use spargebra::algebra::GraphPattern as P;
    match p {
        P::Bgp { patterns } => atoms.extend(patterns.iter().map(triple_vars)),
        P::Join { left, right } => {
            flatten(left, atoms, inner_crosses);
            flatten(right, atoms, inner_crosses);
        }
        P::Path { .. } => atoms.push(pattern_vars(p)),
        other => {
            *inner_crosses |= crosses(other);
            atoms.push(pattern_vars(other));
        }
    }
}

/// Whether the parts that have variables fall into two or more groups sharing none.
fn disconnected(atoms: &[std::collections::BTreeSet<String>]) -> bool {
    let sets: Vec<&std::collections::BTreeSet<String>> =
        atoms.iter().filter(|v| !v.is_empty()).collect();
    let mut parent: Vec<usize> = (0..sets.len()).collect();
    fn root(p: &mut [usize], mut i: usize) -> usize {
        while p[i] != i {
            p[i] = p[p[i]];
            i = p[i];
        }
        i
    }
    for i in 0..sets.len() {
        for j in i + 1..sets.len() {
            if !sets[i].is_disjoint(sets[j]) {
                let (a, b) = (root(&mut parent, i), root(&mut parent, j));
                parent[a] = b;
            }
        }
    }
    let roots: std::collections::BTreeSet<usize> =
        (0..sets.len()).map(|i| root(&mut parent, i)).collect();
    roots.len() > 1
}

fn term_var(t: &spargebra::term::TermPattern) -> Option<String> {
    use spargebra::term::TermPattern;
    match t {
        TermPattern::Variable(v) => Some(v.as_str().to_string()),
        TermPattern::BlankNode(b) => Some(format!("_:{}", b.as_str())),
        _ => None,
    }
}

fn triple_vars(t: &spargebra::term::TriplePattern) -> std::collections::BTreeSet<String> {
    let mut out: std::collections::BTreeSet<String> = [term_var(&t.subject), term_var(&t.object)]
        .into_iter()
        .flatten()
        .collect();
    if let spargebra::term::NamedNodePattern::Variable(v) = &t.predicate {
        out.insert(v.as_str().to_string());
    }
    out
}

/// Every variable a pattern mentions in its triple and path patterns (and graph names).
fn pattern_vars(p: &spargebra::algebra::GraphPattern) -> std::collections::BTreeSet<String> {
    use spargebra::algebra::GraphPattern as P;
    match p {
        P::Bgp { patterns } => patterns.iter().flat_map(triple_vars).collect(),
        P::Path {
            subject, object, ..
        } => [term_var(subject), term_var(object)]
            .into_iter()
            .flatten()
            .collect(),
        P::Join { left, right }
        | P::LeftJoin { left, right, .. }
        | P::Union { left, right }
        | P::Minus { left, right } => {
            let mut v = pattern_vars(left);
            v.extend(pattern_vars(right));
            v
        }
        P::Graph { name, inner } => {
            let mut v = pattern_vars(inner);
            if let spargebra::term::NamedNodePattern::Variable(n) = name {
                v.insert(n.as_str().to_string());
            }
            v
        }
        P::Extend {
            inner, variable, ..
        } => {
            let mut v = pattern_vars(inner);
            v.insert(variable.as_str().to_string());
            v
        }
        P::Values { variables, .. } => variables.iter().map(|v| v.as_str().to_string()).collect(),
        other => unary_inner(other).map(pattern_vars).unwrap_or_default(),
    }
}

const OK: u8 = 0;
const SYNTAX: u8 = 1;
const BAD_REQUEST: u8 = 2;
const NOT_ACCEPTABLE_RESULTS: u8 = 3;
const NOT_ACCEPTABLE_GRAPH: u8 = 4;
const FAILED: u8 = 5;

/// The wire form of an evaluation's result: a tag byte, then for an answer a truncation byte,
/// the media type's length (4 bytes, little-endian), the media type and the body; for a failure
/// its message.
fn encode(result: &Result<Answer, Failure>) -> Vec<u8> {
    match result {
        Ok(a) => {
            let mut out = vec![OK, u8::from(a.truncated)];
            out.extend((a.media_type.len() as u32).to_le_bytes());
            out.extend(a.media_type.as_bytes());
            out.extend(&a.body);
            out
        }
        Err(f) => {
            let (tag, message) = match f {
                Failure::Syntax(m) => (SYNTAX, m.as_str()),
                Failure::BadRequest(m) => (BAD_REQUEST, m.as_str()),
                Failure::NotAcceptable(false) => (NOT_ACCEPTABLE_RESULTS, ""),
                Failure::NotAcceptable(true) => (NOT_ACCEPTABLE_GRAPH, ""),
                Failure::Failed(m) => (FAILED, m.as_str()),
            };
            let mut out = vec![tag];
            out.extend(message.as_bytes());
            out
        }
    }
}

fn decode(bytes: &[u8]) -> Option<Result<Answer, Failure>> {
    let (&tag, rest) = bytes.split_first()?;
    let text = || String::from_utf8_lossy(rest).into_owned();
    Some(match tag {
        OK => {
            let (&truncated, rest) = rest.split_first()?;
            let len = u32::from_le_bytes(rest.get(..4)?.try_into().ok()?) as usize;
            let media = std::str::from_utf8(rest.get(4..4 + len)?).ok()?;
            Ok(Answer {
                media_type: super::sparql::known_media_type(media)?,
                truncated: truncated != 0,
                body: rest[4 + len..].to_vec(),
            })
        }
        SYNTAX => Err(Failure::Syntax(text())),
        BAD_REQUEST => Err(Failure::BadRequest(text())),
        NOT_ACCEPTABLE_RESULTS => Err(Failure::NotAcceptable(false)),
        NOT_ACCEPTABLE_GRAPH => Err(Failure::NotAcceptable(true)),
        FAILED => Err(Failure::Failed(text())),
        _ => return None,
    })
}

/// Runs `work` in a forked child ([`crate::child::run`]) and waits for its answer until
/// `limit` has passed. With `memory`, the child may map at most that many bytes beyond what the
/// server had mapped when it was forked; past it, its allocation fails and it ends
/// ([`Outcome::OutOfMemory`]).
#[cfg(all(unix, not(feature = "rocksdb")))]
pub(crate) fn run(
    limit: Duration,
    memory: Option<u64>,
    work: impl FnOnce() -> Result<Answer, Failure>,
) -> Outcome {
    use crate::child::Outcome as Child;
    match crate::child::run(limit, memory, usize::MAX, || encode(&work())) {
        Child::Done(bytes) => decode(&bytes).map_or_else(
            || Outcome::Crashed("the query's process ended without an answer".into()),
            Outcome::Done,
        ),
        Child::TimedOut => Outcome::TimedOut,
        Child::OutOfMemory => Outcome::OutOfMemory,
        Child::TooLarge => Outcome::Crashed("the query's answer was too large".into()),
        Child::Crashed(how) => Outcome::Crashed(format!("the query's process failed: {how}")),
    }
}

/// Elsewhere: runs `work` here (it is cancelled when it next reads the store).
#[cfg(not(all(unix, not(feature = "rocksdb"))))]
pub(crate) fn run(
    _limit: Duration,
    _memory: Option<u64>,
    work: impl FnOnce() -> Result<Answer, Failure>,
) -> Outcome {
    Outcome::Done(work())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cross_products_are_told_from_joins() {
        let parse = |q: &str| spargebra::SparqlParser::new().parse_query(q).unwrap();
        let crossing = |q: &str| has_cross_product(&parse(q));
        assert!(crossing(
            "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
        ));
        assert!(crossing(
            "SELECT * WHERE { ?a <urn:p> ?b OPTIONAL { ?c <urn:q> ?d } }"
        ));
        assert!(!crossing(
            "SELECT * WHERE { ?a <urn:p> ?b . ?b <urn:q> ?c OPTIONAL { ?c <urn:r> ?d } }"
        ));
        assert!(!crossing("SELECT * WHERE { ?s ?p ?o } LIMIT 3"));
        assert!(!crossing("ASK { <urn:a> <urn:b> <urn:c> . ?x <urn:p> ?y }"));
        // A path joins the two ends of a group; a FILTER comparing variables does not.
        assert!(crossing(
            "SELECT * WHERE { { SELECT ?m WHERE { ?m <urn:p> 1 } } ?e <urn:s> ?s FILTER(?s = ?m) }"
        ));
        for (name, text) in crate::server::EXAMPLES {
            assert!(!crossing(text), "{name}");
        }
    }

    #[test]
    fn queries_that_build_strings_are_isolated_and_plain_ones_are_not() {
        let parse = |q: &str| spargebra::SparqlParser::new().parse_query(q).unwrap();
        let isolated = |q: &str| needs_isolation(&parse(q));
        assert!(isolated(
            "SELECT * WHERE { BIND(\"a\" AS ?a) BIND(CONCAT(?a, ?a) AS ?b) }"
        ));
        assert!(isolated(
            "SELECT (GROUP_CONCAT(?o) AS ?all) WHERE { ?s ?p ?o }"
        ));
        assert!(isolated(
            "SELECT ?s WHERE { ?s ?p ?o FILTER(STRLEN(REPLACE(STR(?o), \"a\", \"aa\")) > 3) }"
        ));
        assert!(isolated(
            "ASK { ?s ?p ?o FILTER EXISTS { ?s ?q ?x BIND(ENCODE_FOR_URI(?x) AS ?y) } }"
        ));
        assert!(!isolated(
            "SELECT ?s (STRLEN(?o) AS ?n) WHERE { ?s ?p ?o FILTER(CONTAINS(STR(?o), \"x\")) }"
        ));
        for (name, text) in crate::server::EXAMPLES {
            assert!(!isolated(text), "{name}");
        }
    }

    #[test]
    fn answers_and_failures_cross_the_pipe_whole() {
        let answer = Answer {
            body: b"a,b\n1,2\n".to_vec(),
            media_type: "text/csv; charset=utf-8",
            truncated: true,
        };
        match decode(&encode(&Ok(answer))) {
            Some(Ok(a)) => {
                assert_eq!(a.body, b"a,b\n1,2\n");
                assert!(a.truncated);
                assert_eq!(a.media_type, "text/csv; charset=utf-8");
            }
            _ => panic!("answer lost"),
        }
        assert!(matches!(
            decode(&encode(&Err(Failure::Syntax("line 1".into())))),
            Some(Err(Failure::Syntax(m))) if m == "line 1"
        ));
        assert!(decode(&[]).is_none());
    }

    #[cfg(all(unix, not(feature = "rocksdb")))]
    #[test]
    fn a_child_past_its_time_is_killed_and_a_quick_one_answers() {
        let start = std::time::Instant::now();
        let outcome = run(Duration::from_millis(200), None, || {
            loop {
                std::hint::spin_loop();
            }
        });
        assert!(matches!(outcome, Outcome::TimedOut));
        assert!(start.elapsed() < Duration::from_secs(2));
        let outcome = run(Duration::from_secs(5), None, || {
            Ok(Answer {
                body: vec![7; 200_000],
                media_type: "application/sparql-results+json",
                truncated: false,
            })
        });
        match outcome {
            Outcome::Done(Ok(a)) => assert_eq!(a.body.len(), 200_000),
            _ => panic!("no answer"),
        }
    }

    /// The query's child must not keep what the server holds open: a store's lock file above
    /// all, which would keep the store locked against writers for as long as the query runs.
    #[cfg(all(unix, not(feature = "rocksdb")))]
    #[test]
    fn a_child_keeps_none_of_the_descriptors_its_parent_holds() {
        use std::os::fd::AsRawFd;
        let dir = tempfile::tempdir().unwrap();
        let held = std::fs::File::create(dir.path().join("held")).unwrap();
        let fd = held.as_raw_fd();
        let outcome = run(Duration::from_secs(10), None, move || {
            // SAFETY: F_GETFD only reads the descriptor's flags.
            let open = unsafe { libc::fcntl(fd, libc::F_GETFD) } != -1;
            Ok(Answer {
                body: vec![u8::from(open)],
                media_type: "application/sparql-results+json",
                truncated: false,
            })
        });
        match outcome {
            Outcome::Done(Ok(a)) => assert_eq!(a.body, [0], "the child still had descriptor {fd}"),
            _ => panic!("no answer"),
        }
        // SAFETY: as above, in the parent, where it stays open.
        assert_ne!(unsafe { libc::fcntl(fd, libc::F_GETFD) }, -1);
        drop(held);
    }

    /// How an outcome ended, to say in a failed assertion.
    #[allow(dead_code)]
    fn kind(outcome: &Outcome) -> String {
        match outcome {
            Outcome::Done(Ok(_)) => "answered".into(),
            Outcome::Done(Err(_)) => "failed the query".into(),
            Outcome::TimedOut => "timed out".into(),
            Outcome::OutOfMemory => "out of memory".into(),
            Outcome::Crashed(how) => format!("crashed: {how}"),
        }
    }

    #[cfg(all(target_os = "linux", not(feature = "rocksdb")))]
    #[test]
    fn a_child_past_its_memory_ends_alone_and_says_so() {
        let outcome = run(Duration::from_secs(20), Some(64 << 20), || {
            let mut held: Vec<Vec<u8>> = Vec::new();
            loop {
                held.push(vec![1u8; 16 << 20]);
                std::hint::black_box(&held);
            }
        });
        assert!(
            matches!(outcome, Outcome::OutOfMemory),
            "the child ended another way: {}",
            kind(&outcome)
        );
        // The same work within its memory answers.
        let outcome = run(Duration::from_secs(20), Some(256 << 20), || {
            let held = vec![1u8; 64 << 20];
            Ok(Answer {
                body: vec![held[12]],
                media_type: "application/sparql-results+json",
                truncated: false,
            })
        });
        assert!(matches!(outcome, Outcome::Done(Ok(_))));
    }
}
