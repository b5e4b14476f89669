"""Reads every export of a corridor build with the tools users open them with, and checks that
counts, ids, attribute types and answers agree with `corridor stats`, `corridor query` and each
other.

usage: check_exports.py CORRIDOR_BINARY STORE_DIR EXPORTS_DIR [LAYER_DIR]

LAYER_DIR receives the exports with the co-occurrence layer (a temporary folder if not given).
"""

import csv
import io
import re
import subprocess
import sys
import tempfile
from pathlib import Path

import duckdb
import igraph
import networkx as nx
import pandas as pd
import pyshacl
import rdflib

corridor, store, exports = sys.argv[1], sys.argv[2], Path(sys.argv[3])
failures = []


def check(ok, what):
    print(("ok   " if ok else "FAIL ") + what)
    if not ok:
        failures.append(what)


def run(*args):
    return subprocess.run([corridor, "--store", store, *args], check=True,
                          capture_output=True, text=True).stdout


stats = run("stats")
entities = int(re.search(r"^entities: (\d+)", stats, re.M).group(1))
relations = int(re.search(r"^relations: (\d+)", stats, re.M).group(1))
met = int(re.search(r"^  met (\d+)", stats, re.M).group(1))
print(f"corridor stats: {entities} entities, {relations} relations ({met} met)")

# pandas: the CSV files, with the column types the data dictionary gives.
nodes = pd.read_csv(exports / "nodes.csv", keep_default_na=False)
edges = pd.read_csv(exports / "edges.csv", keep_default_na=False)
check(len(nodes) == entities, f"nodes.csv has {len(nodes)} rows")
check(len(edges) == relations, f"edges.csv has {len(edges)} rows")
check(nodes["id"].is_unique, "nodes.csv ids are unique")
for col in ["degree", "component", "community", "document_count"]:
    check(pd.api.types.is_integer_dtype(nodes[col]), f"nodes.csv {col} is an integer column")
for col in ["weighted_degree", "pagerank", "betweenness"]:
    check(pd.api.types.is_float_dtype(nodes[col]), f"nodes.csv {col} is a float column")
check(abs(nodes["pagerank"].sum() - 1.0) < 0.01, "PageRank sums to 1")
check(set(edges["type"]) <= {"Directed", "Undirected"}, "edges.csv type is Directed/Undirected")
check(set(edges["source"]) | set(edges["target"]) <= set(nodes["id"]),
      "every edge end is a node")
check(pd.api.types.is_integer_dtype(edges["weight"]), "edges.csv weight is an integer column")
timesets = [t for t in edges["timeset"] if t]
check(all(re.fullmatch(r"<\[\d{4}-\d\d-\d\d(, \d{4}-\d\d-\d\d)*\]>", t) for t in timesets),
      f"{len(timesets)} timesets in Gephi's format")

# pandas: Neo4j's import files and the JSON Lines.
neo_nodes = pd.concat([pd.read_csv(f, keep_default_na=False)
                       for f in sorted((exports / "neo4j").glob("nodes_*.csv"))])
neo_rels = pd.concat([pd.read_csv(f, keep_default_na=False)
                      for f in sorted((exports / "neo4j").glob("rels_*.csv"))])
check(len(neo_nodes) == entities and set(neo_nodes["id:ID"]) == set(nodes["id"]),
      f"Neo4j nodes files: {len(neo_nodes)} nodes, the CSV ids")
check(len(neo_rels) == relations, f"Neo4j relationships files: {len(neo_rels)} relationships")
check(set(neo_rels[":START_ID"]) | set(neo_rels[":END_ID"]) <= set(neo_nodes["id:ID"]),
      "every Neo4j relationship joins two imported nodes")
jents = pd.read_json(exports / "entities.jsonl", lines=True)
jrels = pd.read_json(exports / "relations.jsonl", lines=True)
check(len(jents) == entities, f"entities.jsonl: {len(jents)} lines")
check(len(jrels) == int(edges["weight"].sum()),
      f"relations.jsonl: {len(jrels)} statements = the sum of edge weights")
check(jrels["sentence"].map(bool).all(), "every statement carries its sentence")

# pandas (pyarrow): the Parquet tables, typed, agreeing with the CSV files.
pq_nodes = pd.read_parquet(exports / "parquet" / "nodes.parquet")
pq_edges = pd.read_parquet(exports / "parquet" / "edges.parquet")
pq_evidence = pd.read_parquet(exports / "parquet" / "evidence.parquet")
pq_docs = pd.read_parquet(exports / "parquet" / "documents.parquet")
check(list(pq_nodes["id"]) == list(nodes["id"]), f"nodes.parquet: {len(pq_nodes)} rows, the CSV ids in order")
check(list(pq_edges["id"]) == list(edges["id"]), f"edges.parquet: {len(pq_edges)} rows, the CSV ids in order")
for col in ["degree", "component", "community", "document_count"]:
    check(str(pq_nodes[col].dtype) == "int64", f"nodes.parquet {col} is int64")
for col in ["weighted_degree", "pagerank", "betweenness"]:
    check(str(pq_nodes[col].dtype) == "float64", f"nodes.parquet {col} is float64")
check((pq_nodes["degree"].values == nodes["degree"].values).all(), "Parquet and CSV degrees agree")
check(str(pq_edges["weight"].dtype) == "int64" and (pq_edges["weight"].values == edges["weight"].values).all(),
      "edges.parquet weight is int64 and agrees with the CSV")
check(all("|".join(a) == b for a, b in zip(pq_nodes["aliases"], nodes["aliases"])),
      "nodes.parquet aliases are lists of the CSV's aliases")
days = pd.to_datetime(pq_edges["date_day"].dropna())
check(len(days) > 0 and all(d.strftime("%Y-%m-%d").startswith(t) for d, t in
                            zip(days, pq_edges["date"].dropna())), f"{len(days)} edge dates as DATE values")
check(len(pq_evidence) == int(edges["weight"].sum()), f"evidence.parquet: {len(pq_evidence)} statements")
check(str(pq_evidence["start"].dtype) == "int64" and (pq_evidence["end"] > pq_evidence["start"]).all(),
      "evidence offsets are int64 and each span is non-empty")
check(len(pq_docs) == int(re.search(r"^documents: (\d+)", stats, re.M).group(1)),
      f"documents.parquet: {len(pq_docs)} documents, as corridor stats says")

# DuckDB: the README's query over the Parquet tables runs and joins every statement.
pq = exports / "parquet"
joined = duckdb.sql(f"""SELECT count(*) FROM '{pq}/evidence.parquet' v
                       JOIN '{pq}/edges.parquet' e ON e.id = v.edge
                       JOIN '{pq}/nodes.parquet' n ON n.id = e.source""").fetchall()[0][0]
check(joined == len(pq_evidence), f"DuckDB joins all {joined} statements to their edges and nodes")

# networkx and igraph: GraphML.
g = nx.read_graphml(exports / "corridor.graphml")
check(g.number_of_nodes() == entities, f"networkx GraphML: {g.number_of_nodes()} nodes")
check(g.number_of_edges() == relations, f"networkx GraphML: {g.number_of_edges()} edges")
check(sorted(d["entity_id"] for _, d in g.nodes(data=True)) == sorted(nodes["id"]),
      "GraphML entity_id attributes are the CSV ids")
def name_token(entity_id):
    """The GraphML node id corridor gives an entity id (README: an XML name token)."""
    return "".join(c if (c.isascii() and c.isalnum()) or c in "-._" or (not c.isascii() and c.isalpha())
                   else ":" if c == "/" else f"_x{ord(c):04X}_" for c in entity_id)


check(all(n == name_token(d["entity_id"]) for n, d in g.nodes(data=True)),
      "GraphML node ids are the entity ids as XML name tokens")
xi = g.nodes["person:xi-jinping"] if "person:xi-jinping" in g else {}
check(isinstance(xi.get("degree"), int) and isinstance(xi.get("pagerank"), float),
      "GraphML degree is an int and pagerank a float")
ig = igraph.Graph.Read_GraphML(str(exports / "corridor.graphml"))
check(ig.vcount() == entities and ig.ecount() == relations,
      f"igraph GraphML: {ig.vcount()} vertices, {ig.ecount()} edges")

# networkx: GEXF 1.3 (a symmetric relation is one mutual edge, read as two arcs).
x = nx.read_gexf(exports / "corridor.gexf", version="1.3")
check(x.number_of_nodes() == entities, f"networkx GEXF: {x.number_of_nodes()} nodes")
check(x.number_of_edges() == relations + met,
      f"networkx GEXF: {x.number_of_edges()} arcs = {relations} relations + {met} met")
check(set(x.nodes) == set(nodes["id"]), "GEXF node ids are the CSV ids")
starts = [d["start"] for _, _, d in x.edges(data=True) if "start" in d]
check(starts and all(re.fullmatch(r"\d{4}-\d\d-\d\d", s) for s in starts),
      f"{len(starts)} GEXF edges start on a date")
check(all("viz" in d and "color" in d["viz"] and "size" in d["viz"] for _, d in x.nodes(data=True)),
      "every GEXF node has a colour and a size")
# igraph has no GEXF reader of its own: it takes the graph networkx read from the GEXF.
xg = igraph.Graph.from_networkx(x)
check(xg.vcount() == entities and xg.ecount() == relations + met and xg.is_directed(),
      f"igraph from the GEXF: {xg.vcount()} vertices, {xg.ecount()} arcs, directed")

def pairs_of(graph, name):
    names = graph.vs[name]
    return {frozenset((names[e.source], names[e.target])) for e in graph.es}


check(pairs_of(xg, "_nx_name") == pairs_of(ig, "entity_id"),
      "igraph finds the same linked pairs in the GEXF and the GraphML")

# rdflib: every RDF export parses, and SPARQL gives the answer `corridor query` gives.
ttl = rdflib.Graph().parse(exports / "corridor.ttl", format="turtle")
check(len(ttl) > 0, f"rdflib Turtle: {len(ttl)} triples")
nq = rdflib.Dataset().parse(exports / "corridor.nq", format="nquads")
check(len(nq) > 0, f"rdflib N-Quads: {len(nq)} quads")
xml = rdflib.Graph().parse(exports / "corridor.rdf", format="xml")
check(len(xml) == len(ttl), f"rdflib RDF/XML: {len(xml)} triples, as many as the Turtle")
for name, fmt in [("corridor.trig", "trig"), ("corridor.jsonld", "json-ld")]:
    d = rdflib.Dataset().parse(exports / name, format=fmt)
    check(len(d) == len(nq), f"rdflib {name}: {len(d)} quads, as many as the N-Quads")
query = """PREFIX cor: <https://w3id.org/corridor/ontology#>
SELECT DISTINCT ?a ?b WHERE { ?a cor:met ?b } ORDER BY ?a ?b"""
ours = sorted(tuple(r) for r in csv.reader(io.StringIO(run("query", "--format", "csv", query)))
              if r and r[0] != "a")
theirs = sorted((str(a), str(b)) for a, b in ttl.query(query))
check(ours == theirs and len(ours) > 0, f"rdflib and corridor agree on {len(ours)} meetings")

# The union of the document graphs, as `corridor query` sees the store.
merged = rdflib.Graph()
for s_, p_, o_, _ in nq.quads():
    merged.add((s_, p_, o_))

# The co-occurrence layer (`--cooccurrence`): its weights are the sentences rdflib counts from
# the cor:Sentence records, and the stated edges keep their rows.
layer = Path(sys.argv[4]) if len(sys.argv) > 4 else Path(tempfile.mkdtemp())
run("export", "--format", "csv", "--cooccurrence", "--out", str(layer))
run("export", "--format", "graphml", "--cooccurrence", "--out", str(layer / "co.graphml"))
co_edges = pd.read_csv(layer / "edges.csv", keep_default_na=False)
co = co_edges[co_edges["kind"] == "cooccursWith"]
check(len(co) > 0 and (co["type"] == "Undirected").all(),
      f"{len(co)} undirected cooccursWith rows")
# Compared as text: the layer's rows leave `confidence` empty, so pandas types the column apart.
as_text = [pd.read_csv(f, keep_default_na=False, dtype=str) for f in (exports / "edges.csv", layer / "edges.csv")]
check(as_text[1].iloc[:len(edges)].equals(as_text[0]), "the stated edges keep their rows and ids")
check((co_edges.iloc[len(edges):]["confidence"] == "").all() and (edges["confidence"] > 0).all(),
      "stated edges have a confidence, co-occurrence rows none")
check(len(co_edges) == len(edges) + len(co), "the layer adds only cooccursWith rows")
pairs = """PREFIX cor: <https://w3id.org/corridor/ontology#>
SELECT ?a ?b (COUNT(DISTINCT ?s) AS ?n) WHERE {
  ?s a cor:Sentence ; cor:mentions ?a , ?b . FILTER(STR(?a) < STR(?b)) } GROUP BY ?a ?b"""
ns = "https://w3id.org/corridor/id/"
counted = sorted((str(a)[len(ns):], str(b)[len(ns):], int(n)) for a, b, n in merged.query(pairs))
listed = sorted(zip(co["source"], co["target"], co["weight"].astype(int)))
check(counted == listed, f"rdflib counts the same {len(counted)} pairs and weights from the sentences")
ours = [r for r in csv.reader(io.StringIO(run("query", "--format", "csv", pairs))) if r and r[0] != "a"]
check(len(ours) == len(counted), f"corridor query finds the same {len(ours)} pairs")
cg = nx.read_graphml(layer / "co.graphml")
check(cg.number_of_edges() == len(co_edges), f"networkx reads {cg.number_of_edges()} edges with the layer")

# pySHACL: the merged graph conforms to the shapes, and `corridor validate` agrees.
shapes = rdflib.Graph().parse(Path(__file__).resolve().parent.parent / "ontology" / "shapes.ttl")
conforms, _, report = pyshacl.validate(merged, shacl_graph=shapes)
check(conforms, "pySHACL: the graph conforms to ontology/shapes.ttl")
ours_ok = subprocess.run([corridor, "--store", store, "validate"], capture_output=True).returncode == 0
check(ours_ok == conforms, "corridor validate agrees with pySHACL")

if failures:
    print(f"{len(failures)} check(s) failed")
    sys.exit(1)
print("all export checks passed")
