//! Validation of a corridor graph against SHACL shapes (`ontology/shapes.ttl`), by SPARQL.
//!
//! This module reads the shapes and turns each constraint into one SPARQL query over the data
//! (the union of its graphs), so a check costs one query however many nodes it targets. It
//! understands the SHACL Core features the shapes use: targets (`sh:targetClass`,
//! `sh:targetSubjectsOf`, `sh:targetObjectsOf`), node constraints (`sh:class`, `sh:or` of
//! `sh:class`) and property constraints on an IRI `sh:path` (`sh:minCount`, `sh:maxCount`,
//! `sh:datatype`, `sh:class`, `sh:or` of `sh:class`). A shape using anything else is refused
//! with the name of what it uses, rather than passed silently.

use oxigraph::io::{RdfFormat, RdfParser};
use oxigraph::model::{NamedNodeRef, Quad, Term, Triple};
use oxigraph::sparql::{QueryResults, SparqlEvaluator};
use oxigraph::store::Store;

/// The shapes corridor ships.
pub const BUILTIN_SHAPES: &str = include_str!("../ontology/shapes.ttl");

const SH: &str = "http://www.w3.org/ns/shacl#";

/// Why validation could not run.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ValidateError {
    /// The shapes are not valid Turtle.
    #[error("shapes {origin}: {message}")]
    Shapes {
        /// Where the shapes come from.
        origin: String,
        /// The problem.
        message: String,
    },
    /// A shape uses a SHACL feature this validator does not implement.
    #[error("shape {shape} uses {feature}, which `corridor validate` does not implement")]
    Unsupported {
        /// The shape.
        shape: String,
        /// The feature.
        feature: String,
    },
    /// The data could not be loaded or queried.
    #[error("data: {0}")]
    Data(String),
}

/// One node that breaks one constraint.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Violation {
    /// The shape.
    pub shape: String,
    /// The node that breaks it.
    pub focus: String,
    /// The property path, for property constraints.
    pub path: Option<String>,
    /// What is wrong.
    pub message: String,
}

fn data_err(e: impl std::fmt::Display) -> ValidateError {
    ValidateError::Data(e.to_string())
}

/// Runs a SELECT on `store` (whose quads all stand in the default graph).
fn select(store: &Store, sparql: &str) -> Result<Vec<Vec<Option<Term>>>, ValidateError> {
    let q = SparqlEvaluator::new()
        .parse_query(sparql)
        .map_err(data_err)?;
    let QueryResults::Solutions(solutions) = q.on_store(store).execute().map_err(data_err)? else {
        return Err(ValidateError::Data("not a SELECT".into()));
    };
    let vars: Vec<_> = solutions.variables().to_vec();
    let mut rows = Vec::new();
    for s in solutions {
        let s = s.map_err(data_err)?;
        rows.push(vars.iter().map(|v| s.get(v).cloned()).collect());
    }
    Ok(rows)
}

fn show(t: &Option<Term>) -> String {
    t.as_ref().map(|t| t.to_string()).unwrap_or_default()
}

/// A constraint on a node or on the values of a path.
#[derive(Debug, Default)]
struct Constraint {
    path: Option<String>,
    min_count: Option<u64>,
    max_count: Option<u64>,
    datatype: Option<String>,
    /// Allowed classes: one from `sh:class`, several from `sh:or`.
    classes: Vec<String>,
    message: Option<String>,
}

/// A node shape: its targets as a SPARQL group binding `?f`, and its constraints.
#[derive(Debug)]
struct Shape {
    name: String,
    target: String,
    constraints: Vec<Constraint>,
}

/// The features a shape or property shape may use here.
const KNOWN: [&str; 11] = [
    "targetClass",
    "targetSubjectsOf",
    "targetObjectsOf",
    "class",
    "or",
    "property",
    "path",
    "minCount",
    "maxCount",
    "datatype",
    "message",
];

/// The shapes graph, navigated directly (its property shapes and lists are blank nodes, which a
/// SPARQL query could not name).
struct ShapesGraph {
    triples: Vec<Triple>,
}

impl ShapesGraph {
    fn objects(&self, s: &Term, p: &str) -> Vec<Term> {
        self.triples
            .iter()
            .filter(|t| Term::from(t.subject.clone()) == *s && t.predicate.as_str() == p)
            .map(|t| t.object.clone())
            .collect()
    }

    fn sh(&self, s: &Term, local: &str) -> Vec<Term> {
        self.objects(s, &format!("{SH}{local}"))
    }

    fn first(&self, s: &Term, local: &str) -> Option<Term> {
        self.sh(s, local).into_iter().next()
    }

    /// The members of an RDF list.
    fn list(&self, mut node: Term) -> Vec<Term> {
        let (first, rest, nil) = (
            format!("{RDF}first"),
            format!("{RDF}rest"),
            format!("{RDF}nil"),
        );
        let mut out = Vec::new();
        while !matches!(&node, Term::NamedNode(n) if n.as_str() == nil) {
            let Some(item) = self.objects(&node, &first).into_iter().next() else {
                break;
            };
            out.push(item);
            let Some(next) = self.objects(&node, &rest).into_iter().next() else {
                break;
            };
            node = next;
            if out.len() > 10_000 {
                break;
            }
        }
        out
    }

    /// The classes `sh:class` or `sh:or ( [sh:class …] … )` allow on `node`.
    fn classes(&self, node: &Term) -> Vec<String> {
        let mut out: Vec<String> = self.sh(node, "class").iter().filter_map(named).collect();
        for list in self.sh(node, "or") {
            for member in self.list(list) {
                out.extend(self.sh(&member, "class").iter().filter_map(named));
            }
        }
        out.sort();
        out.dedup();
        out
    }

    /// Refuses a shape using a SHACL feature this validator does not implement.
    fn check_features(&self, node: &Term, shape: &str) -> Result<(), ValidateError> {
        for t in &self.triples {
            if Term::from(t.subject.clone()) != *node {
                continue;
            }
            if let Some(local) = t.predicate.as_str().strip_prefix(SH)
                && !KNOWN.contains(&local)
            {
                return Err(ValidateError::Unsupported {
                    shape: shape.to_string(),
                    feature: format!("sh:{local}"),
                });
            }
        }
        Ok(())
    }
}

const RDF: &str = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";

fn named(t: &Term) -> Option<String> {
    match t {
        Term::NamedNode(n) => Some(n.as_str().to_string()),
        _ => None,
    }
}

fn count(t: Option<Term>) -> Option<u64> {
    match t {
        Some(Term::Literal(l)) => l.value().parse().ok(),
        _ => None,
    }
}

fn text(t: Option<Term>) -> Option<String> {
    match t {
        Some(Term::Literal(l)) => Some(l.value().to_string()),
        Some(Term::NamedNode(n)) => Some(n.as_str().to_string()),
        _ => None,
    }
}

/// Reads the node shapes of a Turtle shapes graph.
fn read_shapes(turtle: &str, origin: &str) -> Result<Vec<Shape>, ValidateError> {
    let triples = RdfParser::from_format(RdfFormat::Turtle)
        .for_reader(turtle.as_bytes())
        .map(|q| q.map(Triple::from))
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| ValidateError::Shapes {
            origin: origin.to_string(),
            message: e.to_string(),
        })?;
    let g = ShapesGraph { triples };
    let node_shape = format!("{SH}NodeShape");
    let mut nodes: Vec<Term> = g
        .triples
        .iter()
        .filter(|t| {
            t.predicate.as_str() == format!("{RDF}type")
                && named(&t.object) == Some(node_shape.clone())
        })
        .map(|t| Term::from(t.subject.clone()))
        .collect();
    nodes.sort_by_key(|t| t.to_string());
    nodes.dedup();
    let mut out = Vec::new();
    for node in nodes {
        let name = named(&node).unwrap_or_else(|| node.to_string());
        g.check_features(&node, &name)?;
        let mut groups = Vec::new();
        for c in g.sh(&node, "targetClass").iter().filter_map(named) {
            groups.push(format!("{{ ?f a <{c}> }}"));
        }
        for p in g.sh(&node, "targetSubjectsOf").iter().filter_map(named) {
            groups.push(format!("{{ ?f <{p}> [] }}"));
        }
        for p in g.sh(&node, "targetObjectsOf").iter().filter_map(named) {
            groups.push(format!("{{ [] <{p}> ?f }}"));
        }
        if groups.is_empty() {
            continue;
        }
        let mut constraints = Vec::new();
        let classes = g.classes(&node);
        if !classes.is_empty() {
            constraints.push(Constraint {
                classes,
                ..Default::default()
            });
        }
        for p in g.sh(&node, "property") {
            g.check_features(&p, &name)?;
            let path = g
                .first(&p, "path")
                .as_ref()
                .and_then(named)
                .ok_or_else(|| ValidateError::Unsupported {
                    shape: name.clone(),
                    feature: "a sh:path that is not an IRI".into(),
                })?;
            constraints.push(Constraint {
                path: Some(path),
                min_count: count(g.first(&p, "minCount")),
                max_count: count(g.first(&p, "maxCount")),
                datatype: text(g.first(&p, "datatype")),
                classes: g.classes(&p),
                message: text(g.first(&p, "message")),
            });
        }
        out.push(Shape {
            name,
            target: groups.join(" UNION "),
            constraints,
        });
    }
    Ok(out)
}

fn values(classes: &[String]) -> String {
    classes
        .iter()
        .map(|c| format!("<{c}>"))
        .collect::<Vec<_>>()
        .join(" ")
}

fn short(iri: &str) -> &str {
    iri.rsplit(['#', '/']).next().unwrap_or(iri)
}

/// Checks `data` against the shapes in `shapes_turtle`; returns every violation, sorted.
pub fn validate(
    data: &[Quad],
    shapes_turtle: &str,
    origin: &str,
) -> Result<Vec<Violation>, ValidateError> {
    let shapes = read_shapes(shapes_turtle, origin)?;
    let store = Store::new().map_err(data_err)?;
    // Every graph's quads in the default graph: the shapes hold across documents.
    store
        .extend(data.iter().map(|q| {
            Quad::new(
                q.subject.clone(),
                q.predicate.clone(),
                q.object.clone(),
                oxigraph::model::GraphName::DefaultGraph,
            )
        }))
        .map_err(data_err)?;
    let mut out = Vec::new();
    for s in &shapes {
        for c in &s.constraints {
            let target = &s.target;
            let mut push = |focus: String, message: String| {
                out.push(Violation {
                    shape: s.name.clone(),
                    focus,
                    path: c.path.clone(),
                    message: c.message.clone().unwrap_or(message),
                });
            };
            let Some(path) = &c.path else {
                // A node constraint: the focus node's own class.
                let q = format!(
                    "SELECT DISTINCT ?f WHERE {{ {target} FILTER NOT EXISTS {{ ?f a ?t VALUES ?t {{ {} }} }} }} ORDER BY ?f",
                    values(&c.classes)
                );
                let names: Vec<&str> = c.classes.iter().map(|c| short(c)).collect();
                for r in select(&store, &q)? {
                    push(show(&r[0]), format!("is not a {}", names.join(" or ")));
                }
                continue;
            };
            let p = NamedNodeRef::new(path).map_err(data_err)?;
            if let Some(min) = c.min_count {
                let q = format!(
                    "SELECT ?f (COUNT(DISTINCT ?v) AS ?n) WHERE {{ {target} OPTIONAL {{ ?f {p} ?v }} }}
                     GROUP BY ?f HAVING (COUNT(DISTINCT ?v) < {min}) ORDER BY ?f"
                );
                for r in select(&store, &q)? {
                    push(
                        show(&r[0]),
                        format!("has {} {} (at least {min})", show(&r[1]), short(path)),
                    );
                }
            }
            if let Some(max) = c.max_count {
                let q = format!(
                    "SELECT ?f (COUNT(DISTINCT ?v) AS ?n) WHERE {{ {target} ?f {p} ?v }}
                     GROUP BY ?f HAVING (COUNT(DISTINCT ?v) > {max}) ORDER BY ?f"
                );
                for r in select(&store, &q)? {
                    push(
                        show(&r[0]),
                        format!("has {} {} (at most {max})", show(&r[1]), short(path)),
                    );
                }
            }
            if let Some(dt) = &c.datatype {
                let q = format!(
                    "SELECT DISTINCT ?f ?v WHERE {{ {target} ?f {p} ?v
                     FILTER(!isLiteral(?v) || datatype(?v) != <{dt}>) }} ORDER BY ?f ?v"
                );
                for r in select(&store, &q)? {
                    push(
                        show(&r[0]),
                        format!("{} {} is not a {}", short(path), show(&r[1]), short(dt)),
                    );
                }
            }
            if !c.classes.is_empty() {
                let q = format!(
                    "SELECT DISTINCT ?f ?v WHERE {{ {target} ?f {p} ?v
                     FILTER NOT EXISTS {{ ?v a ?t VALUES ?t {{ {} }} }} }} ORDER BY ?f ?v",
                    values(&c.classes)
                );
                for r in select(&store, &q)? {
                    push(
                        show(&r[0]),
                        format!("{} {} has the wrong class", short(path), show(&r[1])),
                    );
                }
            }
        }
    }
    out.sort();
    out.dedup();
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use oxigraph::model::{GraphName, Literal, NamedNode};

    fn n(s: &str) -> NamedNode {
        NamedNode::new(format!("https://w3id.org/corridor/{s}")).unwrap()
    }

    fn rdf(s: &str) -> NamedNode {
        NamedNode::new(format!("http://www.w3.org/1999/02/22-rdf-syntax-ns#{s}")).unwrap()
    }

    fn quad(s: NamedNode, p: NamedNode, o: impl Into<Term>) -> Quad {
        Quad::new(s, p, o, GraphName::DefaultGraph)
    }

    fn label() -> NamedNode {
        NamedNode::new("http://www.w3.org/2000/01/rdf-schema#label").unwrap()
    }

    #[test]
    fn a_well_typed_graph_conforms_and_a_broken_one_is_reported() {
        let xi = n("id/person/xi");
        let pk = n("id/country/pk");
        let mut data = vec![
            quad(xi.clone(), rdf("type"), n("ontology#Person")),
            quad(
                xi.clone(),
                label(),
                Literal::new_language_tagged_literal_unchecked("习近平", "zh"),
            ),
            quad(pk.clone(), rdf("type"), n("ontology#Country")),
            quad(pk.clone(), label(), Literal::new_simple_literal("Pakistan")),
            quad(xi.clone(), n("ontology#leaderOf"), pk.clone()),
        ];
        assert_eq!(
            validate(&data, BUILTIN_SHAPES, "shapes.ttl").unwrap(),
            vec![]
        );
        // A country that meets someone, and a person without a label.
        data.push(quad(pk.clone(), n("ontology#met"), xi.clone()));
        data.push(quad(n("id/person/x"), rdf("type"), n("ontology#Person")));
        let v = validate(&data, BUILTIN_SHAPES, "shapes.ttl").unwrap();
        assert!(
            v.iter()
                .any(|v| v.shape.ends_with("MetSubject") && v.focus.contains("country/pk")),
            "{v:?}"
        );
        assert!(
            v.iter()
                .any(|v| v.shape.ends_with("#Entity") && v.focus.contains("person/x")),
            "{v:?}"
        );
        assert_eq!(v.len(), 2, "{v:?}");
    }

    #[test]
    fn evidence_needs_its_document_and_integer_offsets() {
        let ev = n("id/evidence/d/1");
        let doc = n("id/source/d");
        let data = vec![
            quad(ev.clone(), rdf("type"), n("ontology#Evidence")),
            quad(doc.clone(), rdf("type"), n("ontology#SourceDocument")),
            quad(
                ev.clone(),
                n("ontology#startOffset"),
                Literal::new_simple_literal("12"),
            ),
        ];
        let v = validate(&data, BUILTIN_SHAPES, "shapes.ttl").unwrap();
        assert!(
            v.iter().any(|v| v.message.contains("one document")),
            "{v:?}"
        );
        assert!(
            v.iter().any(|v| v.message.contains("is not a integer")),
            "{v:?}"
        );
        assert!(
            v.iter()
                .any(|v| v.path.as_deref().is_some_and(|p| p.ends_with("endOffset")))
        );
    }

    #[test]
    fn a_shape_using_an_unimplemented_feature_is_refused() {
        let shapes = "@prefix sh: <http://www.w3.org/ns/shacl#> .
            <urn:s> a sh:NodeShape ; sh:targetClass <urn:C> ; sh:pattern \"x\" .";
        let err = validate(&[], shapes, "mine.ttl").unwrap_err();
        assert!(err.to_string().contains("sh:pattern"), "{err}");
    }
}
