//! What a SPARQL request may ask before anything parses or evaluates it: how deeply it nests,
//! how many operators it chains, and how deep its algebra goes. Parsers and evaluators recurse
//! once per level of a query, so a request nested a thousand levels deep (parentheses, braces,
//! lists, function calls, `!`, long `+` or `UNION` chains) would otherwise overflow the thread's
//! stack and end the process — the server with it.
//!
//! A request passes three gates, each bounded whatever the input:
//! 1. a scan of its text (no recursion) refuses nesting beyond [`MAX_NESTING`] levels and more
//!    than [`MAX_OPERATORS`] operators, before any parser sees it;
//! 2. what passes is parsed on a stack of its own ([`on_query_stack`]), large enough for the
//!    worst text the first gate lets through;
//! 3. the parsed algebra deeper than [`MAX_DEPTH`] is refused.
//!
//! Queries that pass are evaluated on a stack of [`QUERY_STACK`] bytes (the server and
//! `corridor query` run them inside [`on_query_stack`]), which holds evaluation at that depth
//! with a wide margin. This module owns the limits; the store applies them to every query and
//! update, the server answers a refusal with 400.

use spargebra::algebra::{
    AggregateExpression, Expression, GraphPattern, OrderExpression, PropertyPathExpression,
};
use spargebra::{GraphUpdateOperation, Query, SparqlParser, Update};

/// Most levels of brackets (`(`, `[`, `{`) and repeated `!` a request may nest.
pub const MAX_NESTING: usize = 64;
/// Most brackets a request may nest inside constructs the parser reads twice: the operand of
/// `!` and the arguments of `REGEX`, `SUBSTR`, `REPLACE` and `GROUP_CONCAT` (each has a form
/// with one argument more, tried first). Parsing time doubles with each such level, so this
/// bound keeps the worst request within a few hundred readings of its text.
pub const MAX_REPARSED: usize = 8;
/// Most distinct variables a request may name: the parser's time grows with the square of
/// their number.
pub const MAX_VARIABLES: usize = 1_000;
/// Most operators (`||`, `&&`, comparisons, arithmetic, path `/` `|` `^`, `UNION`, `OPTIONAL`,
/// `MINUS`, `FILTER`, `BIND`, `GRAPH`, `SERVICE` and group braces) a request may hold.
pub const MAX_OPERATORS: usize = 10_000;
/// Deepest algebra a request may have once parsed (each pattern, expression and path step one
/// level).
pub const MAX_DEPTH: usize = 128;
/// Most triple patterns, paths and groups one join may hold (the patterns of one `{ … }` and
/// the groups joined with them): the query optimizer orders a join's parts in time that grows
/// with the fourth power of their number, before any cancellation can stop it.
pub const MAX_JOIN: usize = 64;
/// Stack, in bytes, on which requests are parsed and evaluated: room for [`MAX_DEPTH`] levels
/// of evaluation and for parsing the largest text the scan lets through, with a margin. Only
/// the part a request uses is ever touched.
pub const QUERY_STACK: usize = 64 << 20;

/// Why a request was refused before evaluation.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum LimitError {
    /// Brackets or `!` nested too deeply.
    #[error(
        "the request nests brackets or `!` more than {limit} levels deep (line {line}, column {column}); \
         write it with fewer levels"
    )]
    TooNested {
        /// The limit ([`MAX_NESTING`]).
        limit: usize,
        /// Line of the first character past the limit (from 1).
        line: usize,
        /// Its column (from 1, in characters).
        column: usize,
    },
    /// Constructs the parser reads twice nested too deeply.
    #[error(
        "the request nests `!`, REGEX, SUBSTR, REPLACE or GROUP_CONCAT more than {limit} levels \
         deep (line {line}, column {column}); write it with fewer levels"
    )]
    TooMuchReparsing {
        /// The limit ([`MAX_REPARSED`]).
        limit: usize,
        /// Line of the bracket past the limit (from 1).
        line: usize,
        /// Its column (from 1, in characters).
        column: usize,
    },
    /// Too many distinct variables.
    #[error(
        "the request names more than {limit} distinct variables; split it into smaller requests"
    )]
    TooManyVariables {
        /// The limit ([`MAX_VARIABLES`]).
        limit: usize,
    },
    /// Too many operators.
    #[error("the request holds more than {limit} operators; split it into smaller requests")]
    TooManyOperators {
        /// The limit ([`MAX_OPERATORS`]).
        limit: usize,
    },
    /// One join holds too many parts.
    #[error(
        "one group of the request joins more than {limit} triple patterns, paths or groups; \
         split it into smaller requests"
    )]
    TooManyPatterns {
        /// The limit ([`MAX_JOIN`]).
        limit: usize,
    },
    /// The parsed request is too deep.
    #[error(
        "the request's algebra is more than {limit} levels deep (long chains of operators, \
         UNION, OPTIONAL or BIND nest one level each); split it into smaller requests"
    )]
    TooDeep {
        /// The limit ([`MAX_DEPTH`]).
        limit: usize,
    },
}

/// Runs `f` on a stack of [`QUERY_STACK`] bytes, on the calling thread.
pub fn on_query_stack<R>(f: impl FnOnce() -> R) -> R {
    stacker::grow(QUERY_STACK, f)
}

/// Checks a query against the limits. `Ok(None)`: the text is within the scan's limits but
/// does not parse (the caller's parser reports the syntax error with its position);
/// `Ok(Some(query))`: the parsed query, within every limit.
pub fn check_query(text: &str) -> Result<Option<Query>, LimitError> {
    scan(text)?;
    on_query_stack(|| {
        let Ok(query) = SparqlParser::new().parse_query(text) else {
            return Ok(None);
        };
        let pattern = match &query {
            Query::Select { pattern, .. }
            | Query::Construct { pattern, .. }
            | Query::Describe { pattern, .. }
            | Query::Ask { pattern, .. } => pattern,
        };
        check_pattern(pattern)?;
        Ok(Some(query))
    })
}

/// Checks an update against the limits, as [`check_query`] does a query.
pub fn check_update(text: &str) -> Result<Option<Update>, LimitError> {
    scan(text)?;
    on_query_stack(|| {
        let Ok(update) = SparqlParser::new().parse_update(text) else {
            return Ok(None);
        };
        for op in &update.operations {
            if let GraphUpdateOperation::DeleteInsert { pattern, .. } = op {
                check_pattern(pattern)?;
            }
        }
        Ok(Some(update))
    })
}

/// The first gate: nesting, re-parsed nesting, distinct variables and operators counted on the text, skipping
/// strings, IRIs and comments. Counts generously (a `-` or `.` between words is an operator
/// here, a `!` in a path marks its bracket as re-parsed), so it never lets through more than
/// the limits say.
fn scan(text: &str) -> Result<(), LimitError> {
    /// Words whose bracket the parser reads twice.
    const REPARSED: [&str; 4] = ["REGEX", "SUBSTR", "REPLACE", "GROUP_CONCAT"];
    /// Words counted as operators.
    const OPERATORS: [&str; 7] = [
        "UNION", "OPTIONAL", "MINUS", "FILTER", "BIND", "GRAPH", "SERVICE",
    ];
    let chars: Vec<char> = text.chars().collect();
    // Open brackets, each marked when its content is read twice.
    let mut open: Vec<bool> = Vec::new();
    let mut variables: std::collections::HashSet<String> = std::collections::HashSet::new();
    let (mut reparsed, mut bangs, mut operators) = (0usize, 0usize, 0usize);
    // A `!` or a re-parsing word seen, waiting for its bracket.
    let mut pending = false;
    let (mut line, mut column) = (1usize, 1usize);
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let start = i;
        let mut unary = false;
        let mut keep_pending = c.is_whitespace();
        match c {
            '#' => {
                while i < chars.len() && chars[i] != '\n' {
                    i += 1;
                }
                continue;
            }
            '"' | '\'' => i = skip_string(&chars, i),
            '<' if iri_end(&chars, i).is_some() => i = iri_end(&chars, i).unwrap_or(i + 1),
            '(' | '[' | '{' => {
                open.push(pending);
                reparsed += usize::from(pending);
                operators += usize::from(c == '{');
                if open.len() + bangs > MAX_NESTING {
                    return Err(LimitError::TooNested {
                        limit: MAX_NESTING,
                        line,
                        column,
                    });
                }
                if reparsed > MAX_REPARSED {
                    return Err(LimitError::TooMuchReparsing {
                        limit: MAX_REPARSED,
                        line,
                        column,
                    });
                }
                i += 1;
            }
            ')' | ']' | '}' => {
                if open.pop() == Some(true) {
                    reparsed -= 1;
                }
                i += 1;
            }
            '!' if chars.get(i + 1) != Some(&'=') => {
                bangs += 1;
                unary = true;
                keep_pending = true;
                pending = true;
                if open.len() + bangs > MAX_NESTING {
                    return Err(LimitError::TooNested {
                        limit: MAX_NESTING,
                        line,
                        column,
                    });
                }
                i += 1;
            }
            '|' | '&' | '=' | '<' | '>' | '+' | '-' | '*' | '/' | '^' | '!' => {
                operators += 1;
                i += 1;
                // Two-character operators count once.
                if let Some(&n) = chars.get(i)
                    && matches!(
                        (c, n),
                        ('|', '|') | ('&', '&') | ('<' | '>' | '!', '=') | ('^', '^')
                    )
                {
                    i += 1;
                }
            }
            c if c.is_alphabetic() || c == '_' || c == ':' || c == '?' || c == '$' => {
                while i < chars.len()
                    && (chars[i].is_alphanumeric() || matches!(chars[i], '_' | ':' | '?' | '$'))
                {
                    i += 1;
                }
                let word: String = chars[start..i].iter().collect();
                if OPERATORS.iter().any(|k| word.eq_ignore_ascii_case(k)) {
                    operators += 1;
                }
                if (c == '?' || c == '$') && variables.len() <= MAX_VARIABLES {
                    variables.insert(word[1..].to_owned());
                    if variables.len() > MAX_VARIABLES {
                        return Err(LimitError::TooManyVariables {
                            limit: MAX_VARIABLES,
                        });
                    }
                }
                // A function's name keeps a `!` before it waiting for the function's bracket.
                keep_pending = true;
                if REPARSED.iter().any(|k| word.eq_ignore_ascii_case(k)) {
                    pending = true;
                }
            }
            _ => i += 1,
        }
        if !keep_pending {
            pending = false;
        }
        if operators > MAX_OPERATORS {
            return Err(LimitError::TooManyOperators {
                limit: MAX_OPERATORS,
            });
        }
        if !unary && !c.is_whitespace() {
            bangs = 0;
        }
        for &d in &chars[start..i.max(start + 1).min(chars.len())] {
            if d == '\n' {
                line += 1;
                column = 1;
            } else {
                column += 1;
            }
        }
    }
    Ok(())
}

/// The end (one past the closing quote) of the string literal starting at `i`, short or long.
fn skip_string(chars: &[char], i: usize) -> usize {
    let quote = chars[i];
    let long = chars.get(i + 1) == Some(&quote) && chars.get(i + 2) == Some(&quote);
    let mut j = if long { i + 3 } else { i + 1 };
    while j < chars.len() {
        match chars[j] {
            '\\' => j += 2,
            c if c == quote => {
                if !long {
                    return j + 1;
                }
                if chars.get(j + 1) == Some(&quote) && chars.get(j + 2) == Some(&quote) {
                    return j + 3;
                }
                j += 1;
            }
            '\n' if !long => return j,
            _ => j += 1,
        }
    }
    chars.len()
}

/// The end of the IRI reference starting with `<` at `i`, if one does (SPARQL's IRIREF: no
/// spaces, no `<>"{}|^` backtick or backslash).
fn iri_end(chars: &[char], i: usize) -> Option<usize> {
    let mut j = i + 1;
    while let Some(&c) = chars.get(j) {
        match c {
            '>' => return Some(j + 1),
            '<' | '"' | '{' | '}' | '|' | '^' | '`' | '\\' => return None,
            c if c <= ' ' => return None,
            _ => j += 1,
        }
    }
    None
}

/// The third gate: the algebra's depth, then (the depth known to be small) its joins' sizes.
fn check_pattern(pattern: &GraphPattern) -> Result<(), LimitError> {
    if pattern_depth(pattern, 1) > MAX_DEPTH {
        return Err(LimitError::TooDeep { limit: MAX_DEPTH });
    }
    if largest_join(pattern) > MAX_JOIN {
        return Err(LimitError::TooManyPatterns { limit: MAX_JOIN });
    }
    Ok(())
}

/// The number of parts of the join `p` heads (its triple patterns, paths and other patterns,
/// through nested joins).
fn join_size(p: &GraphPattern) -> usize {
    match p {
        GraphPattern::Bgp { patterns } => patterns.len(),
        GraphPattern::Join { left, right } => join_size(left) + join_size(right),
        _ => 1,
    }
}

/// The largest join anywhere in a pattern (its filters' EXISTS included).
fn largest_join(p: &GraphPattern) -> usize {
    fn in_expression(e: &Expression) -> usize {
        let (parts, exists) = operands(e);
        parts
            .into_iter()
            .map(in_expression)
            .fold(exists.map_or(0, largest_join), usize::max)
    }
    // The parts of a join group, each checked on its own too.
    fn parts(p: &GraphPattern) -> usize {
        match p {
            GraphPattern::Join { left, right } => parts(left).max(parts(right)),
            GraphPattern::Bgp { .. } => 0,
            other => largest_join(other),
        }
    }
    match p {
        GraphPattern::Bgp { .. } | GraphPattern::Join { .. } => join_size(p).max(parts(p)),
        GraphPattern::Path { .. } | GraphPattern::Values { .. } => 1,
        GraphPattern::LeftJoin {
            left,
            right,
            expression,
        } => largest_join(left)
            .max(largest_join(right))
            .max(expression.as_ref().map_or(0, in_expression)),
        GraphPattern::Lateral { left, right }
        | GraphPattern::Union { left, right }
        | GraphPattern::Minus { left, right } => largest_join(left).max(largest_join(right)),
        GraphPattern::Filter { expr, inner } => in_expression(expr).max(largest_join(inner)),
        GraphPattern::Extend {
            inner, expression, ..
        } => in_expression(expression).max(largest_join(inner)),
        GraphPattern::OrderBy { inner, expression } => expression
            .iter()
            .map(|o| match o {
                OrderExpression::Asc(e) | OrderExpression::Desc(e) => in_expression(e),
            })
            .fold(largest_join(inner), usize::max),
        GraphPattern::Group {
            inner, aggregates, ..
        } => aggregates
            .iter()
            .map(|(_, a)| match a {
                AggregateExpression::CountSolutions { .. } => 0,
                AggregateExpression::FunctionCall { expr, .. } => in_expression(expr),
            })
            .fold(largest_join(inner), usize::max),
        GraphPattern::Graph { inner, .. }
        | GraphPattern::Project { inner, .. }
        | GraphPattern::Distinct { inner }
        | GraphPattern::Reduced { inner }
        | GraphPattern::Slice { inner, .. }
        | GraphPattern::Service { inner, .. } => largest_join(inner),
    }
}

/// The depth of a pattern (`at` is its own level), cut short past [`MAX_DEPTH`]: the walk
/// never recurses further than that, whatever the pattern.
fn pattern_depth(p: &GraphPattern, at: usize) -> usize {
    if at > MAX_DEPTH {
        return at;
    }
    let next = at + 1;
    let both =
        |l: &GraphPattern, r: &GraphPattern| pattern_depth(l, next).max(pattern_depth(r, next));
    match p {
        GraphPattern::Bgp { .. } | GraphPattern::Values { .. } => at,
        GraphPattern::Path { path, .. } => path_depth(path, next),
        GraphPattern::Join { left, right }
        | GraphPattern::Lateral { left, right }
        | GraphPattern::Union { left, right }
        | GraphPattern::Minus { left, right } => both(left, right),
        GraphPattern::LeftJoin {
            left,
            right,
            expression,
        } => both(left, right).max(
            expression
                .as_ref()
                .map_or(at, |e| expression_depth(e, next)),
        ),
        GraphPattern::Filter { expr, inner } => {
            expression_depth(expr, next).max(pattern_depth(inner, next))
        }
        GraphPattern::Extend {
            inner, expression, ..
        } => expression_depth(expression, next).max(pattern_depth(inner, next)),
        GraphPattern::OrderBy { inner, expression } => expression
            .iter()
            .map(|o| match o {
                OrderExpression::Asc(e) | OrderExpression::Desc(e) => expression_depth(e, next),
            })
            .fold(pattern_depth(inner, next), usize::max),
        GraphPattern::Group {
            inner, aggregates, ..
        } => aggregates
            .iter()
            .map(|(_, a)| match a {
                AggregateExpression::CountSolutions { .. } => at,
                AggregateExpression::FunctionCall { expr, .. } => expression_depth(expr, next),
            })
            .fold(pattern_depth(inner, next), usize::max),
        GraphPattern::Graph { inner, .. }
        | GraphPattern::Project { inner, .. }
        | GraphPattern::Distinct { inner }
        | GraphPattern::Reduced { inner }
        | GraphPattern::Slice { inner, .. }
        | GraphPattern::Service { inner, .. } => pattern_depth(inner, next),
    }
}

fn expression_depth(e: &Expression, at: usize) -> usize {
    if at > MAX_DEPTH {
        return at;
    }
    let next = at + 1;
    let (parts, exists) = operands(e);
    parts
        .into_iter()
        .map(|x| expression_depth(x, next))
        .fold(exists.map_or(at, |p| pattern_depth(p, next)), usize::max)
}

/// The direct parts of an expression: its operands, and the pattern an `EXISTS` holds.
pub(crate) fn operands(e: &Expression) -> (Vec<&Expression>, Option<&GraphPattern>) {
    match e {
        Expression::NamedNode(_)
        | Expression::Literal(_)
        | Expression::Variable(_)
        | Expression::Bound(_) => (Vec::new(), None),
        Expression::Or(a, b)
        | Expression::And(a, b)
        | Expression::Equal(a, b)
        | Expression::SameTerm(a, b)
        | Expression::Greater(a, b)
        | Expression::GreaterOrEqual(a, b)
        | Expression::Less(a, b)
        | Expression::LessOrEqual(a, b)
        | Expression::Add(a, b)
        | Expression::Subtract(a, b)
        | Expression::Multiply(a, b)
        | Expression::Divide(a, b) => (vec![&**a, &**b], None),
        Expression::UnaryPlus(a) | Expression::UnaryMinus(a) | Expression::Not(a) => {
            (vec![&**a], None)
        }
        Expression::In(a, list) => (std::iter::once(&**a).chain(list).collect(), None),
        Expression::Exists(p) => (Vec::new(), Some(&**p)),
        Expression::If(a, b, c) => (vec![&**a, &**b, &**c], None),
        Expression::Coalesce(list) | Expression::FunctionCall(_, list) => {
            (list.iter().collect(), None)
        }
    }
}

fn path_depth(p: &PropertyPathExpression, at: usize) -> usize {
    if at > MAX_DEPTH {
        return at;
    }
    let next = at + 1;
    match p {
        PropertyPathExpression::NamedNode(_) | PropertyPathExpression::NegatedPropertySet(_) => at,
        PropertyPathExpression::Reverse(a)
        | PropertyPathExpression::ZeroOrMore(a)
        | PropertyPathExpression::OneOrMore(a)
        | PropertyPathExpression::ZeroOrOne(a) => path_depth(a, next),
        PropertyPathExpression::Sequence(a, b) | PropertyPathExpression::Alternative(a, b) => {
            path_depth(a, next).max(path_depth(b, next))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A query of each construct users (or attackers) nest, `n` levels deep.
    pub(crate) fn nested(kind: &str, n: usize) -> String {
        match kind {
            "parentheses" => format!("ASK {{ FILTER({}1{}) }}", "(".repeat(n), ")".repeat(n)),
            "braces" => format!("ASK {}{}", "{".repeat(n), "}".repeat(n)),
            "not" => format!("ASK {{ FILTER({}true{}) }}", "!(".repeat(n), ")".repeat(n)),
            "str" => format!("ASK {{ FILTER({}1{}) }}", "STR(".repeat(n), ")".repeat(n)),
            "regex" => format!(
                "ASK {{ FILTER({}\"a\"{}) }}",
                "REGEX(".repeat(n),
                ", \"b\")".repeat(n)
            ),
            "list" => format!("ASK {{ ?s ?p {}1{} }}", "(".repeat(n), ")".repeat(n)),
            "blank nodes" => format!(
                "ASK {{ ?s ?p {}1{} }}",
                "[ <urn:p> ".repeat(n),
                " ]".repeat(n)
            ),
            "sub-select" => format!(
                "ASK {{ {} ?s ?p ?o {} }}",
                "{ SELECT * WHERE { ".repeat(n),
                "} } ".repeat(n)
            ),
            "plus" => format!("ASK {{ FILTER(1{} = 0) }}", "+1".repeat(n)),
            "or" => format!("ASK {{ FILTER(false{}) }}", " || false".repeat(n)),
            "union" => format!("ASK {{ {{}}{} }}", " UNION {}".repeat(n)),
            "optional" => format!("ASK {{ ?s ?p ?o {} }}", "OPTIONAL { ?s ?p ?o } ".repeat(n)),
            "path" => format!("ASK {{ ?s <urn:p>{} ?o }}", "/<urn:p>".repeat(n)),
            "triple patterns" => format!(
                "ASK {{ {} }}",
                (0..n)
                    .map(|i| format!("?s{i} <urn:p> ?s{} . ", i + 1))
                    .collect::<String>()
            ),
            "joined groups" => format!(
                "ASK {{ {} }}",
                (0..n)
                    .map(|i| format!("{{ ?s{i} <urn:p> ?o }} "))
                    .collect::<String>()
            ),
            "bind" => {
                let mut q = String::from("SELECT * WHERE { BIND(\"a\" AS ?x0) ");
                for i in 0..n {
                    q.push_str(&format!("BIND(CONCAT(?x{i}, \"b\") AS ?x{}) ", i + 1));
                }
                q + "}"
            }
            _ => unreachable!("{kind}"),
        }
    }

    pub(crate) const KINDS: [&str; 16] = [
        "parentheses",
        "braces",
        "not",
        "str",
        "regex",
        "list",
        "blank nodes",
        "sub-select",
        "plus",
        "or",
        "union",
        "optional",
        "path",
        "bind",
        "triple patterns",
        "joined groups",
    ];

    #[test]
    fn deep_requests_of_every_kind_are_refused_on_a_small_stack() {
        // A thread with a small stack: the checks must not recurse with the input.
        std::thread::Builder::new()
            .stack_size(256 << 10)
            .spawn(|| {
                for kind in KINDS {
                    for n in [1_000, 100_000] {
                        let q = nested(kind, n);
                        assert!(check_query(&q).is_err(), "{kind} {n}");
                    }
                }
                let bangs = format!("ASK {{ FILTER({}true) }}", "!".repeat(10_000));
                assert!(matches!(
                    check_query(&bangs),
                    Err(LimitError::TooNested { .. })
                ));
                let chain = format!("ASK {{ FILTER(1{} = 0) }}", "+1".repeat(20_000));
                assert!(matches!(
                    check_query(&chain),
                    Err(LimitError::TooManyOperators { .. })
                ));
                let update = format!(
                    "DELETE WHERE {{ {}?s ?p ?o{} }}",
                    "{".repeat(200),
                    "}".repeat(200)
                );
                assert!(check_update(&update).is_err());
            })
            .unwrap()
            .join()
            .unwrap();
    }

    #[test]
    fn requests_within_the_limits_pass_and_are_parsed() {
        for kind in KINDS {
            let n = if matches!(kind, "not" | "regex") {
                MAX_REPARSED
            } else {
                30
            };
            let q = nested(kind, n);
            assert!(matches!(check_query(&q), Ok(Some(_))), "{kind}");
        }
        for (name, text) in crate::server::EXAMPLES {
            assert!(matches!(check_query(text), Ok(Some(_))), "{name}");
        }
        // Not SPARQL: left to the store's parser, which names the position.
        assert_eq!(check_query("SELECT WHERE"), Ok(None));
        assert!(check_update("INSERT DATA { <urn:a> <urn:b> <urn:c> }").is_ok());
        // Many patterns over few variables pass the scan; many variables do not.
        let same = format!("SELECT * WHERE {{ {} }}", "?s <urn:p> $o . ".repeat(5_000));
        assert!(matches!(
            check_query(&same),
            Err(LimitError::TooManyPatterns { .. })
        ));
        let many = format!(
            "SELECT * WHERE {{ {} }}",
            (0..=MAX_VARIABLES)
                .map(|i| format!("BIND(1 AS ?v{i}) "))
                .collect::<String>()
        );
        assert_eq!(
            check_query(&many),
            Err(LimitError::TooManyVariables {
                limit: MAX_VARIABLES
            })
        );
    }

    #[test]
    fn brackets_the_parser_reads_twice_are_bounded_on_their_own() {
        // Parsing time doubles with each of these levels, so they have a lower limit.
        for kind in ["not", "regex"] {
            assert!(matches!(
                check_query(&nested(kind, MAX_REPARSED + 1)),
                Err(LimitError::TooMuchReparsing { .. })
            ));
        }
        let mixed = format!(
            "SELECT * WHERE {{ ?s ?p ?o FILTER({}?o{}) }}",
            "! REGEX(SUBSTR(REPLACE(".repeat(3),
            ", 1), 1), \"a\"), \"b\")".repeat(3)
        );
        assert!(matches!(
            check_query(&mixed),
            Err(LimitError::TooMuchReparsing { line: 1, .. })
        ));
        // Brackets after a negated operand, or plain ones, are not counted.
        let plain = format!(
            "ASK {{ ?s ?p ?o FILTER(!BOUND(?x) && !?o && {}?o{}) }}",
            "(".repeat(40),
            ")".repeat(40)
        );
        assert!(matches!(check_query(&plain), Ok(Some(_))));
        // A negated path counts generously; the query stays well within the limit.
        assert!(matches!(
            check_query("ASK { ?s !(<urn:a>|<urn:b>) ?o FILTER(!REGEX(STR(?o), \"x\")) }"),
            Ok(Some(_))
        ));
    }

    #[test]
    fn strings_iris_and_comments_hold_no_structure() {
        let inside = format!(
            "SELECT * WHERE {{ ?s ?p \"{0}\" . ?s ?p '''{0}''' . ?s <urn:a/b/c/{1}> ?o }} # {0}\n",
            "((((".repeat(100),
            "x-y".repeat(5_000)
        );
        assert!(matches!(check_query(&inside), Ok(Some(_))));
        // The position of the first level too many is named.
        let q = format!("ASK {{\n FILTER({}1{}) }}", "(".repeat(70), ")".repeat(70));
        assert_eq!(
            check_query(&q),
            Err(LimitError::TooNested {
                limit: MAX_NESTING,
                line: 2,
                column: 8 + MAX_NESTING - 1
            })
        );
    }

    #[test]
    fn queries_at_the_limits_evaluate_on_the_query_stack() {
        let store = oxigraph::store::Store::new().unwrap();
        for kind in KINDS {
            // The deepest query of its kind that passes.
            let mut n = 1;
            while check_query(&nested(kind, n * 2)).is_ok_and(|q| q.is_some()) && n < 4096 {
                n *= 2;
            }
            let q = nested(kind, n);
            let ok = on_query_stack(|| {
                let prepared = oxigraph::sparql::SparqlEvaluator::new().parse_query(&q)?;
                if let oxigraph::sparql::QueryResults::Solutions(s) =
                    prepared.on_store(&store).execute()?
                {
                    for row in s {
                        row?;
                    }
                }
                Ok::<_, Box<dyn std::error::Error>>(())
            });
            assert!(ok.is_ok(), "{kind} at {n}: {ok:?}");
        }
    }
}
