"""Reads every export of a corridor build with the tools users open them with, and checks that
counts, ids, attribute types and answers agree with `corridor stats`, `corridor query` and each
other.

usage: check_exports.py CORRIDOR_BINARY STORE_DIR EXPORTS_DIR [LAYER_DIR]

LAYER_DIR receives the exports with the co-occurrence layer (a temporary folder if not given).
The data dictionary (names and types) is read from README.md, whose tables a unit test keeps
equal to the list in src/export/dictionary.rs. Needs node and npm for graphology (installed into
.ci/graphology/node_modules on first use).
"""

import csv
import io
import re
import subprocess
import sys
import tempfile
from pathlib import Path

import json
import duckdb
import igraph
import networkx as nx
import pandas as pd
import polars as pl
import pyarrow.parquet as papq
import pyld.jsonld
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

# networkx and igraph: GraphML. A symmetric relation (`met`) is two arcs, so that the degree
# and PageRank the libraries compute are corridor's own.
g = nx.read_graphml(exports / "corridor.graphml")
check(g.number_of_nodes() == entities, f"networkx GraphML: {g.number_of_nodes()} nodes")
check(g.number_of_edges() == relations + met,
      f"networkx GraphML: {g.number_of_edges()} arcs = {relations} relations + {met} met")
check(g.is_directed(), "networkx reads the GraphML as directed")
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
by_token = {name_token(i): i for i in nodes["id"]}
ours = nodes.set_index("id")
nx_degree = {by_token[n]: d for n, d in g.degree()}
check(all(nx_degree[i] == ours.at[i, "degree"] for i in ours.index),
      "networkx's degree on the GraphML is corridor's degree for every entity")
nx_rank = {by_token[n]: r for n, r in nx.pagerank(g, alpha=0.85, weight=None, tol=1e-12, max_iter=1000).items()}
worst = max(abs(nx_rank[i] - ours.at[i, "pagerank"]) for i in ours.index)
check(worst < 2e-6, f"networkx's PageRank (unweighted) on the GraphML is corridor's (largest gap {worst:.1e})")
ig = igraph.Graph.Read_GraphML(str(exports / "corridor.graphml"))
check(ig.vcount() == entities and ig.ecount() == relations + met and ig.is_directed(),
      f"igraph GraphML: {ig.vcount()} vertices, {ig.ecount()} arcs, directed")
ig_rank = dict(zip(ig.vs["entity_id"], ig.pagerank(damping=0.85, directed=True)))
worst = max(abs(ig_rank[i] - ours.at[i, "pagerank"]) for i in ours.index)
check(worst < 2e-6, f"igraph's PageRank on the GraphML is corridor's (largest gap {worst:.1e})")
check(dict(zip(ig.vs["entity_id"], ig.degree())) == {i: int(ours.at[i, "degree"]) for i in ours.index},
      "igraph's degree on the GraphML is corridor's")

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
check(cg.is_directed() and cg.number_of_edges() == relations + met,
      f"with the layer, the GraphML keeps the {cg.number_of_edges()} stated arcs")
cl = nx.read_graphml(layer / "co-cooccurrence.graphml")
check(not cl.is_directed() and cl.number_of_edges() == len(co) and cl.number_of_nodes() == entities,
      f"networkx reads the layer's own GraphML as undirected: {cl.number_of_edges()} edges")
check(all(d["kind"] == "cooccursWith" for _, _, d in cl.edges(data=True)), "the layer's file holds only cooccursWith")
il = igraph.Graph.Read_GraphML(str(layer / "co-cooccurrence.graphml"))
check(not il.is_directed() and il.ecount() == len(co), f"igraph reads the layer as undirected: {il.ecount()} edges")
deg = dict(zip(il.vs["entity_id"], il.degree()))
ends = pd.concat([co["source"], co["target"]]).value_counts()
check(all(deg[i] == ends.get(i, 0) for i in deg), "igraph's degree on the layer counts each pair once")

# The data dictionary: the README's tables (kept equal to src/export/dictionary.rs by a unit
# test) give each attribute's name and type; every format is read back against them.
readme = (Path(__file__).resolve().parent.parent / "README.md").read_text()
section = readme[readme.index("### Data dictionary"):]
section = section[:section.index("\n### ", 4)]
tables, current = [], None
for line in section.splitlines():
    cells = [c.strip() for c in line.split("|")]
    if len(cells) > 3 and cells[1] == "column":
        current = []
        tables.append(current)
    elif current is not None and len(cells) > 3 and cells[1].startswith("`"):
        current.append((cells[1].strip("`"), cells[2]))
    elif not line.startswith("|"):
        current = None
node_dict, edge_dict, statement_dict = (dict(t) for t in tables[:3])
check(len(node_dict) == 18 and len(edge_dict) == 15 and len(statement_dict) == 14,
      f"README data dictionary: {len(node_dict)} node, {len(edge_dict)} edge, {len(statement_dict)} statement attributes")
check(list(nodes.columns) == list(node_dict), "nodes.csv columns are the dictionary's, in order")
check(list(edges.columns) == list(edge_dict), "edges.csv columns are the dictionary's, in order")

py_type = {"integer": (int,), "float": (float,), "string": (str,), "date": (str,), "list": (str,)}
def fits(table, values_by_name, skip=()):
    """Every attribute of the dictionary table present with a value of its type."""
    bad = []
    for name, kind in table.items():
        if name in skip:
            continue
        values = values_by_name.get(name)
        if values is None:
            bad.append(f"{name} missing")
        elif not all(isinstance(v, py_type[kind]) for v in values):
            bad.append(f"{name} not {kind}: {sorted({type(v).__name__ for v in values})}")
    return bad

def attributes(items):
    out = {}
    for d in items:
        for k, v in d.items():
            out.setdefault(k, []).append(v)
    return out

bad = fits(node_dict, attributes(d for _, d in g.nodes(data=True)), skip=("id",))
check(not bad, "networkx GraphML node attributes: the dictionary's names and types " + "; ".join(bad))
bad = fits(edge_dict, attributes(d for _, _, d in g.edges(data=True)), skip=("id", "source", "target"))
check(not bad, "networkx GraphML edge attributes: the dictionary's names and types " + "; ".join(bad))
gx = nx.read_gexf(exports / "corridor.gexf", version="1.3")
bad = fits(node_dict, attributes(d for _, d in gx.nodes(data=True)), skip=("id",))
check(not bad, "networkx GEXF node attributes: the dictionary's names and types " + "; ".join(bad))
bad = fits(edge_dict, attributes(d for _, _, d in gx.edges(data=True)), skip=("id", "source", "target", "weight"))
check(not bad, "networkx GEXF edge attributes: the dictionary's names and types " + "; ".join(bad))
check(all(float(d["weight"]).is_integer() for _, _, d in gx.edges(data=True)), "GEXF edge weights are whole numbers")

arrow_type = {"integer": "int64", "float": "double", "string": "string", "date": "string", "list": "list<element: string not null>"}
for name, table in [("nodes", node_dict), ("edges", edge_dict), ("evidence", statement_dict)]:
    schema = papq.read_schema(exports / "parquet" / f"{name}.parquet")
    got = {f.name: str(f.type) for f in schema if not f.name.endswith("_day")}
    want = {k: arrow_type[v] for k, v in table.items()}
    check(got == want, f"{name}.parquet columns: the dictionary's names and types"
          + ("" if got == want else f" (differs: {sorted(set(got.items()) ^ set(want.items()))})"))

polars_type = {"integer": pl.Int64, "float": pl.Float64, "string": pl.String, "date": pl.String, "list": pl.List(pl.String)}
for name, table in [("nodes", node_dict), ("edges", edge_dict), ("evidence", statement_dict)]:
    frame = pl.read_parquet(exports / "parquet" / f"{name}.parquet")
    got = {c: frame.schema[c] for c in frame.columns if not c.endswith("_day")}
    check(got == {k: polars_type[v] for k, v in table.items()} and len(frame) > 0,
          f"polars reads {name}.parquet ({len(frame)} rows) with the dictionary's types")
pn = pl.read_csv(exports / "nodes.csv", infer_schema_length=None)
check(all(pn.schema[c] == pl.Int64 for c, k in node_dict.items() if k == "integer")
      and all(pn.schema[c] == pl.Float64 for c, k in node_dict.items() if k == "float"),
      "polars infers the dictionary's integer and float columns from nodes.csv")

json_type = {"integer": (int,), "float": (float, type(None)), "string": (str, type(None)),
             "date": (str, type(None)), "list": (list,)}
for name, table in [("entities.jsonl", node_dict), ("relations.jsonl", statement_dict)]:
    lines = [json.loads(l) for l in (exports / name).read_text().splitlines()]
    check(all(set(o) == set(table) for o in lines), f"{name}: every line has the dictionary's keys")
    bad = [k for k, kind in table.items() if not all(isinstance(o[k], json_type[kind]) for o in lines)]
    check(not bad, f"{name}: values of the dictionary's types {bad}")

neo_type = {"integer": ":long", "float": ":double", "string": "", "date": "", "list": ":string[]"}
structural = {"id:ID": "id", ":START_ID": "source", ":END_ID": "target", ":TYPE": "kind"}
def neo_columns(files):
    header = next(csv.reader(open(files[0], encoding="utf-8")))
    out = {}
    for c in header:
        if c in structural:
            out[structural[c]] = ""
        elif c in (":LABEL", "edge_id"):
            continue
        else:
            name, _, suffix = c.partition(":")
            out[name] = ":" + suffix if suffix else ""
    return out
want = {k: ("" if k == "id" else neo_type[v]) for k, v in node_dict.items()}
check(neo_columns(sorted((exports / "neo4j").glob("nodes_*.csv"))) == want, "Neo4j node headers: the dictionary's names and types")
want = {k: ("" if k in ("source", "target", "kind") else neo_type[v]) for k, v in edge_dict.items()}
check(neo_columns(sorted((exports / "neo4j").glob("rels_*.csv"))) == want, "Neo4j relationship headers: the dictionary's names and types")

# graphology (Gephi Lite, sigma.js): the GEXF and GraphML files, through node.
graphology_dir = Path(__file__).resolve().parent / "graphology"
if not (graphology_dir / "node_modules" / "graphology").exists():
    subprocess.run(["npm", "ci", "--no-audit", "--no-fund", "--loglevel=error"], cwd=graphology_dir, check=True)
def graphology(fmt, path):
    out = subprocess.run(["node", str(graphology_dir / "read.mjs"), fmt, str(path)],
                         check=True, capture_output=True, text=True).stdout
    return json.loads(out)
js_type = {"integer": ["number"], "float": ["number"], "string": ["string"], "date": ["string"], "list": ["string"]}
def js_fits(table, found, skip):
    return [k for k, kind in table.items() if k not in skip and found.get(k) != js_type[kind]]
gg = graphology("gexf", exports / "corridor.gexf")
check(gg["order"] == entities and gg["size"] == relations and gg["undirected"] == met,
      f"graphology GEXF: {gg['order']} nodes, {gg['size']} edges, the {gg['undirected']} met undirected")
bad = js_fits(node_dict, gg["nodeAttributes"], ("id",)) + js_fits(edge_dict, gg["edgeAttributes"], ("id", "source", "target"))
check(not bad, f"graphology GEXF attributes: the dictionary's names and types {bad}")
gm = graphology("graphml", exports / "corridor.graphml")
check(gm["type"] == "directed" and gm["order"] == entities and gm["size"] == relations + met,
      f"graphology GraphML: directed, {gm['order']} nodes, {gm['size']} arcs")
bad = js_fits(node_dict, gm["nodeAttributes"], ("id",)) + js_fits(edge_dict, gm["edgeAttributes"], ("id", "source", "target"))
check(not bad, f"graphology GraphML attributes: the dictionary's names and types {bad}")
gl = graphology("graphml", layer / "co-cooccurrence.graphml")
check(gl["type"] == "undirected" and gl["size"] == len(co), f"graphology reads the layer as undirected: {gl['size']} edges")

# pyld: the JSON-LD compacts with ontology/context.jsonld to plain JSON, and framing by type
# finds every person.
context = json.loads((Path(__file__).resolve().parent.parent / "ontology" / "context.jsonld").read_text())
document = json.loads((exports / "corridor.jsonld").read_text())
options = {"documentLoader": lambda url, options=None: (_ for _ in ()).throw(ValueError(f"offline: {url}"))}
compacted = pyld.jsonld.compact(document, context, options)
flat = [n for g in compacted["@graph"] for n in g.get("@graph", [g])]
china = next((n for n in flat if n.get("@id") == "id:country/china" and "type" in n), {})
check(china.get("type") == "Country" and china.get("label", {}).get("zh") == "中国",
      f"pyld compacts China to type Country, label.zh 中国: {json.dumps(china, ensure_ascii=False)[:160]}")
check(any("met" in n for n in flat) and any("date" in n for n in flat) and any(n.get("type") == "Person" for n in flat),
      "the compacted JSON-LD says met, date and type Person in plain keys")
leftover = {k for n in flat for k in n if ":" in k or k.startswith("http")}
check(not leftover, f"every key of the compacted JSON-LD is a term of the context {sorted(leftover)[:8]}")
framed = pyld.jsonld.frame(document, {"@context": context["@context"], "type": "Person"}, options)
people = framed.get("@graph", [framed] if "type" in framed else [])
persons = set(nodes.loc[nodes["type"] == "Person", "id"])
check({p["@id"].removeprefix("id:") for p in people} == persons and len(people) == len(persons),
      f"pyld frames {len(people)} nodes of type Person, the {len(persons)} persons of nodes.csv")

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
