"""Checks `corridor serve` (the SPARQL 1.1 endpoint) with the clients people use: rdflib's
SPARQLStore and SPARQLWrapper run the example queries in queries/*.rq and must get the rows
`corridor query` gives; then the protocol (GET, POST, form, dataset parameters, content
negotiation, service description, Graph Store reads, CORS), the errors, the writable mode with its
token, and the limits (query timeout, row limit, concurrency, body size).

usage: check_serve.py CORRIDOR_BINARY STORE_DIR

STORE_DIR is only read: the writable server runs on a copy. Every server is started on
127.0.0.1:0 and stopped with SIGTERM (it must exit 0). Prints `ok   ...` / `FAIL ...` per check and
exits 1 if any check fails. Bounded by CHECK_SERVE_TIMEOUT seconds (default 300).
Needs rdflib and SPARQLWrapper.
"""

import csv
import hashlib
import http.client
import io
import json
import os
import queue
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import urlencode

import rdflib
from rdflib.compare import isomorphic
from rdflib.plugins.stores.sparqlstore import SPARQLStore
from SPARQLWrapper import (ASK, CSV, JSON, JSONLD, N3, POST, POSTDIRECTLY, RDFXML, SELECT, TSV,
                           TURTLE, XML, SPARQLWrapper)

if len(sys.argv) != 3:
    sys.exit(__doc__)
corridor, store = sys.argv[1], sys.argv[2]
REPO = Path(__file__).resolve().parent.parent
QUERIES = sorted((REPO / "queries").glob("*.rq"))
TIMEOUT = int(os.environ.get("CHECK_SERVE_TIMEOUT", "300"))

SRC = "https://w3id.org/corridor/id/source/"
GWADAR = "https://w3id.org/corridor/id/project/gwadar-port"
PREFIXES = """PREFIX cor:  <https://w3id.org/corridor/ontology#>
PREFIX rdf:  <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
"""
ALL_TRIPLES = "SELECT ?s ?p ?o WHERE { ?s ?p ?o }"
COUNT_ALL = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
# Ever more expensive: a cross product of every quad with itself, three times, counted.
EXPENSIVE = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o . ?s2 ?p2 ?o2 . ?s3 ?p3 ?o3 }"
CHEAP = f"ASK {{ <{GWADAR}> ?p ?o }}"
# Every kind of term: IRIs, language-tagged and typed literals, plain strings, an unbound column.
TERMS = PREFIXES + """SELECT ?ev ?e ?label ?start ?sentence ?nothing WHERE {
  ?ev a cor:Evidence ; rdf:subject ?e ; cor:startOffset ?start ; cor:inSentence/cor:sentence ?sentence .
  ?e rdfs:label ?label .
  OPTIONAL { ?e <urn:corridor-test:nothing> ?nothing }
}"""
GRAPH_QUERY = PREFIXES + """CONSTRUCT { ?ev ?p ?o } WHERE {
  ?ev a cor:Evidence ; rdf:predicate cor:met ; ?p ?o .
}"""

JSON_RESULTS = "application/sparql-results+json"
XML_RESULTS = "application/sparql-results+xml"
SD = rdflib.Namespace("http://www.w3.org/ns/sparql-service-description#")

failures = []
servers = []


def check(ok, what, detail=""):
    print(("ok   " if ok else "FAIL ") + what + ("" if ok or not detail else f": {detail}"),
          flush=True)
    if not ok:
        failures.append(what)
    return ok


def attempt(what, fn):
    """Runs one check function; an exception is that check's failure."""
    try:
        fn()
    except Exception as e:  # noqa: BLE001 - any error is a failed check, reported with its message
        check(False, what, f"{type(e).__name__}: {str(e)[:500]}")


class GlobalTimeout(BaseException):
    """Not an Exception, so that no single check swallows it."""


def on_alarm(signum, frame):
    raise GlobalTimeout(f"check_serve.py exceeded its {TIMEOUT} s limit")


# ---------------------------------------------------------------------------------------------
# The server and plain HTTP


def clean_env(**extra):
    env = {k: v for k, v in os.environ.items() if k != "CORRIDOR_TOKEN"}
    env.update(extra)
    return env


class Server:
    """One `corridor serve` process on a free loopback port; its stderr goes to a file."""

    def __init__(self, name, *args, store_dir=None, env=None):
        self.name = name
        self.log = tempfile.NamedTemporaryFile(prefix="serve-", suffix=".log", delete=False)
        cmd = [corridor, "--store", store_dir or store, "serve", "--bind", "127.0.0.1:0", *args]
        self.proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=self.log,
                                     env=env or clean_env(), text=True)
        servers.append(self)
        lines = queue.Queue()
        threading.Thread(target=self._drain, args=(lines,), daemon=True).start()
        try:
            first = lines.get(timeout=30)
        except queue.Empty:
            raise RuntimeError(f"server {name}: no line on stdout within 30 s") from None
        m = re.fullmatch(r"listening on http://127\.0\.0\.1:(\d+)", (first or "").rstrip("\r\n"))
        if not m:
            raise RuntimeError(f"server {name}: first stdout line is {first!r}, "
                               f"stderr: {self.stderr()[-500:]!r}")
        self.port = int(m.group(1))
        self.base = f"http://127.0.0.1:{self.port}"
        print(f"-- server {name}: {' '.join(args) or '(defaults)'} on port {self.port}", flush=True)

    def _drain(self, lines):
        first = True
        for line in self.proc.stdout:
            if first:
                lines.put(line)
                first = False
        if first:
            lines.put(None)

    def stderr(self):
        return Path(self.log.name).read_text(errors="replace")

    def stop(self):
        """SIGTERM, then the exit status (None if it did not exit within 30 s)."""
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
        try:
            return self.proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
            return None

    def stop_check(self):
        t0 = time.monotonic()
        code = self.stop()
        took = time.monotonic() - t0
        check(code == 0, f"server {self.name}: SIGTERM -> exit status 0 (in {took:.1f} s)",
              f"got {code}")


class Resp:
    def __init__(self, status, headers, body):
        self.status, self.headers, self.body = status, headers, body

    def header(self, name):
        return self.headers.get(name.lower(), "")

    @property
    def ctype(self):
        return self.header("content-type").split(";")[0].strip().lower()

    @property
    def text(self):
        return self.body.decode("utf-8", errors="replace")

    def __repr__(self):
        return f"HTTP {self.status} {self.ctype or '-'} {self.text[:200]!r}"


def request(srv, method, path, body=None, headers=None, timeout=30):
    conn = http.client.HTTPConnection("127.0.0.1", srv.port, timeout=timeout)
    try:
        if isinstance(body, str):
            body = body.encode()
        try:
            conn.request(method, path, body=body, headers=headers or {})
        except (BrokenPipeError, ConnectionResetError):
            pass  # the server may answer (413) and close before reading the whole body
        r = conn.getresponse()
        data = r.read()
        return Resp(r.status, {k.lower(): v for k, v in r.getheaders()}, data)
    finally:
        conn.close()


def sparql(srv, query, accept=None, how="get", params=(), path="/sparql", headers=None):
    """A query by GET, POST application/sparql-query ("post") or POST form ("form")."""
    hdrs = dict(headers or {})
    if accept:
        hdrs["Accept"] = accept
    params = list(params)
    if how == "get":
        return request(srv, "GET", path + "?" + urlencode([("query", query)] + params), None, hdrs)
    if how == "post":
        hdrs["Content-Type"] = "application/sparql-query"
        qs = "?" + urlencode(params) if params else ""
        return request(srv, "POST", path + qs, query.encode(), hdrs)
    if how == "form":
        hdrs["Content-Type"] = "application/x-www-form-urlencoded"
        return request(srv, "POST", path, urlencode([("query", query)] + params).encode(), hdrs)
    raise ValueError(how)


def update(srv, text, token=None, form=False):
    hdrs = {}
    if token is not None:
        hdrs["Authorization"] = f"Bearer {token}"
    if form:
        hdrs["Content-Type"] = "application/x-www-form-urlencoded"
        return request(srv, "POST", "/update", urlencode({"update": text}).encode(), hdrs)
    hdrs["Content-Type"] = "application/sparql-update"
    return request(srv, "POST", "/update", text.encode(), hdrs)


# ---------------------------------------------------------------------------------------------
# Results as (variables, rows of strings): IRIs and literals by their text, unbound as "",
# blank nodes as "_:" (their labels are not comparable). This is what SPARQL CSV keeps.


def norm(value):
    return "_:" if value.startswith("_:") else value


def from_csv(text):
    reader = csv.reader(io.StringIO(text, newline=""))
    rows = list(reader)
    if not rows:
        return [], []
    return rows[0], [tuple(norm(v) for v in row) for row in rows[1:]]


def from_json(doc):
    if isinstance(doc, (bytes, str)):
        doc = json.loads(doc)
    names = doc["head"]["vars"]
    rows = []
    for b in doc["results"]["bindings"]:
        row = []
        for v in names:
            t = b.get(v)
            row.append("" if t is None else "_:" if t["type"] == "bnode" else t["value"])
        rows.append(tuple(row))
    return names, rows


def from_xml(body):
    ns = "{http://www.w3.org/2005/sparql-results#}"
    root = ET.fromstring(body)
    names = [v.get("name") for v in root.iter(ns + "variable")]
    rows = []
    for result in root.iter(ns + "result"):
        values = {}
        for b in result.findall(ns + "binding"):
            term = b[0]
            values[b.get("name")] = "_:" if term.tag == ns + "bnode" else (term.text or "")
        rows.append(tuple(values.get(v, "") for v in names))
    return names, rows


def from_minidom(doc):
    return from_xml(doc.toxml().encode())


TSV_ESCAPES = {"t": "\t", "n": "\n", "r": "\r", "b": "\b", "f": "\f", '"': '"', "'": "'",
               "\\": "\\"}


def tsv_term(t):
    """The text of one SPARQL TSV term (Turtle syntax)."""
    if t == "":
        return ""
    if t.startswith("<") and t.endswith(">"):
        return t[1:-1]
    if t.startswith("_:"):
        return "_:"
    if t[0] in "\"'":
        q = t[0]
        long = t.startswith(q * 3)
        i = 3 if long else 1
        out = []
        while True:
            if t.startswith(q * 3 if long else q, i):
                break
            c = t[i]
            if c == "\\":
                e = t[i + 1]
                if e in "uU":
                    n = 4 if e == "u" else 8
                    out.append(chr(int(t[i + 2:i + 2 + n], 16)))
                    i += 2 + n
                    continue
                out.append(TSV_ESCAPES[e])
                i += 2
                continue
            out.append(c)
            i += 1
        rest = t[i + (3 if long else 1):]
        if rest and not (rest.startswith("@") or rest.startswith("^^")):
            raise ValueError(f"bad TSV term {t!r}")
        return "".join(out)
    return t  # numbers and booleans in their short form


def from_tsv(text):
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    lines = [line[:-1] if line.endswith("\r") else line for line in lines]
    names = [v[1:] if v.startswith("?") else v for v in lines[0].split("\t")]
    return names, [tuple(tsv_term(t) for t in line.split("\t")) for line in lines[1:]]


def from_rdflib(result):
    names = [str(v) for v in result.vars]
    rows = []
    for row in result:
        rows.append(tuple("" if v is None else "_:" if isinstance(v, rdflib.BNode) else str(v)
                          for v in row))
    return names, rows


def same(got, want):
    """Same variables and the same rows (as sets, and as many rows)."""
    (gn, gr), (wn, wr) = got, want
    if gn != wn:
        return False, f"variables {gn} instead of {wn}"
    if set(gr) != set(wr) or len(gr) != len(wr):
        missing, extra = set(wr) - set(gr), set(gr) - set(wr)
        return False, (f"{len(gr)} rows instead of {len(wr)}; missing {sorted(missing)[:2]}, "
                       f"unexpected {sorted(extra)[:2]}")
    return True, ""


def cli_query(text=None, file=None):
    args = [corridor, "--store", store, "query", "--format", "csv"]
    args += ["--file", str(file)] if file else [text]
    out = subprocess.run(args, check=True, capture_output=True, text=True, timeout=60).stdout
    return from_csv(out)


def cli_count(text):
    _, rows = cli_query(text)
    return int(rows[0][0])


# ---------------------------------------------------------------------------------------------


def main():
    signal.signal(signal.SIGALRM, on_alarm)
    signal.alarm(TIMEOUT)
    store_hash_before = tree_hash(store)

    # What the CLI answers, before any server runs.
    expected = {q.stem: cli_query(file=q) for q in QUERIES}
    for name, (_, rows) in expected.items():
        print(f"-- corridor query {name}: {len(rows)} rows")
    expected["terms"] = cli_query(TERMS)
    expected["all-triples"] = cli_query(ALL_TRIPLES)
    graphs = [r[0] for r in cli_query("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } } "
                                      "ORDER BY ?g")[1]]
    check(len(graphs) >= 2 and all(g.startswith(SRC) for g in graphs),
          f"corridor query: {len(graphs)} document graphs under {SRC}", str(graphs))
    per_graph = {g: cli_count(f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{g}> {{ ?s ?p ?o }} }}")
                 for g in graphs}
    union_count = cli_count(COUNT_ALL)
    distinct = cli_count("SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?s ?p ?o WHERE "
                         "{ GRAPH ?g { ?s ?p ?o } } }")
    check(union_count == distinct, "corridor query: the default graph holds each triple of the "
          f"document graphs once ({distinct})", f"got {union_count}")
    construct_triples = len(set(cli_query(GRAPH_QUERY.replace(
        "CONSTRUCT { ?ev ?p ?o }", "SELECT DISTINCT ?ev ?p ?o"))[1]))

    main_srv = Server("main", "--max-body", "65536")
    attempt("rdflib SPARQLStore", lambda: check_sparqlstore(main_srv, expected))
    attempt("SPARQLWrapper", lambda: check_sparqlwrapper(main_srv, expected, construct_triples))
    attempt("protocol", lambda: check_protocol(main_srv, expected, graphs, per_graph,
                                               union_count))
    attempt("content negotiation", lambda: check_conneg(main_srv))
    attempt("service description", lambda: check_service_description(main_srv))
    attempt("graph store", lambda: check_graph_store(main_srv, graphs))
    attempt("CORS", lambda: check_cors(main_srv))
    attempt("errors", lambda: check_errors(main_srv))
    main_srv.stop_check()
    check_log(main_srv)

    attempt("writable (CORRIDOR_TOKEN)", lambda: check_writable_env())
    attempt("writable (--token-file)", lambda: check_writable_token_file())
    attempt("query timeout", lambda: check_timeout())
    attempt("max concurrent", lambda: check_max_concurrent())
    attempt("max rows", lambda: check_max_rows())

    check(tree_hash(store) == store_hash_before, f"{store} is unchanged by the servers")


def check_sparqlstore(srv, expected):
    # Graph(store=SPARQLStore) is how rdflib users query an endpoint: rdflib adds PREFIX lines
    # for its own bindings in front of the query. Each result format with another method.
    for fmt, method in [("json", "GET"), ("xml", "POST"), ("csv", "POST_FORM"), ("tsv", "GET")]:
        st = SPARQLStore(query_endpoint=srv.base + "/sparql", returnFormat=fmt, method=method)
        g = rdflib.Graph(store=st)
        for q in QUERIES:
            what = f"rdflib SPARQLStore returnFormat={fmt} method={method}: {q.name}"
            try:
                ok, why = same(from_rdflib(g.query(q.read_text())), expected[q.stem])
                check(ok, what + " same rows as corridor query", why)
            except Exception as e:  # noqa: BLE001
                check(False, what, f"{type(e).__name__}: {e}")


def wrapper(srv, fmt, only_conneg=True, method=None, accept=None):
    sw = SPARQLWrapper(srv.base + "/sparql")
    sw.setReturnFormat(fmt)
    sw.setOnlyConneg(only_conneg)
    sw.setTimeout(30)
    if method == "post-form":
        sw.setMethod(POST)
    elif method == "post-direct":
        sw.setMethod(POST)
        sw.setRequestMethod(POSTDIRECTLY)
    if accept:
        sw.addCustomHttpHeader("Accept", accept)
    return sw


def check_sparqlwrapper(srv, expected, construct_triples):
    selects = [(q.stem, q.read_text()) for q in QUERIES]
    selects += [("terms", TERMS), ("all-triples", ALL_TRIPLES)]
    ctypes = {JSON: JSON_RESULTS, XML: XML_RESULTS, CSV: "text/csv",
              TSV: "text/tab-separated-values"}
    # Pure content negotiation (the contract), then SPARQLWrapper's default, which also sends
    # format=/output=/results= parameters (format=tsv&format=text/tab-separated-values, ...).
    for only_conneg in (True, False):
        mode = "Accept only" if only_conneg else "default (Accept and format= parameters)"
        for fmt, method in [(JSON, None), (XML, "post-form"), (CSV, "post-direct"), (TSV, None)]:
            bad = []
            for name, text in selects:
                try:
                    sw = wrapper(srv, fmt, only_conneg, method)
                    sw.setQuery(text)
                    # SPARQLWrapper guesses the query form with a regex that skips only the first
                    # comment line and takes cooccurrence.rq's "adds" for an ADD update.
                    sw.queryType = SELECT
                    res = sw.query()
                    ctype = res.info().get("content-type", "").split(";")[0].strip()
                    if ctype != ctypes[fmt]:
                        bad.append(f"{name}: Content-Type {ctype!r}")
                        continue
                    if fmt == JSON:
                        got = from_json(res.convert())
                    elif fmt == XML:
                        got = from_minidom(res.convert())
                    elif fmt == CSV:
                        got = from_csv(res.convert().decode())
                    else:
                        got = from_tsv(res.convert().decode())
                    ok, why = same(got, expected[name])
                    if not ok:
                        bad.append(f"{name}: {why}")
                except Exception as e:  # noqa: BLE001
                    bad.append(f"{name}: {type(e).__name__}: {str(e)[:300]}")
            whys = {b.split(": ", 1)[1] for b in bad}
            check(not bad, f"SPARQLWrapper SELECT {fmt.upper()} ({mode}, method "
                  f"{method or 'GET'}): {len(selects)} queries give corridor query's rows",
                  f"all {len(bad)}: {whys.pop()}" if len(bad) == len(selects) and len(whys) == 1
                  else "; ".join(bad))

        for fmt in (JSON, XML):
            for text, want in [(CHEAP, True), ("ASK { <urn:corridor-test:none> ?p ?o }", False)]:
                what = f"SPARQLWrapper ASK {fmt.upper()} ({mode}) -> {str(want).lower()}"
                try:
                    sw = wrapper(srv, fmt, only_conneg)
                    sw.setQuery(text)
                    sw.queryType = ASK
                    got = sw.query().convert()
                    if fmt == XML:
                        got = got.getElementsByTagName("boolean")[0].firstChild.data.strip()
                        got = {"true": True, "false": False}.get(got, got)
                    else:
                        got = got.get("boolean")
                    check(got is want, what, f"got {got!r}")
                except Exception as e:  # noqa: BLE001
                    check(False, what, f"{type(e).__name__}: {e}")

        # CONSTRUCT in every graph format; N-Triples has no SPARQLWrapper format of its own,
        # so N3 is asked with Accept: application/n-triples.
        graph_formats = [(TURTLE, None, "text/turtle", "turtle"),
                         (N3, "application/n-triples", "application/n-triples", "nt"),
                         (JSONLD, None, "application/ld+json", "json-ld"),
                         (RDFXML, None, "application/rdf+xml", "xml")]
        if not only_conneg:  # format=n3 is no format of the contract's
            graph_formats = [f for f in graph_formats if f[0] != N3]
        parsed = {}
        for fmt, accept, ctype, rdflib_format in graph_formats:
            what = f"SPARQLWrapper CONSTRUCT {ctype} ({mode})"
            try:
                sw = wrapper(srv, fmt, only_conneg, accept=accept)
                sw.setQuery(GRAPH_QUERY)
                res = sw.query()
                got_ctype = res.info().get("content-type", "").split(";")[0].strip()
                body = res.response.read()
                g = rdflib.Graph().parse(data=body, format=rdflib_format)
                parsed[ctype] = g
                check(got_ctype == ctype and len(g) == construct_triples,
                      what + f": {construct_triples} triples",
                      f"Content-Type {got_ctype!r}, {len(g)} triples")
            except Exception as e:  # noqa: BLE001
                check(False, what, f"{type(e).__name__}: {str(e)[:300]}")
        if "text/turtle" in parsed:
            for ctype, g in parsed.items():
                if ctype != "text/turtle":
                    check(isomorphic(g, parsed["text/turtle"]),
                          f"CONSTRUCT as {ctype} is isomorphic to the Turtle ({mode})")


def check_protocol(srv, expected, graphs, per_graph, union_count):
    # The same answer by GET, POST application/sparql-query and POST form.
    for q in QUERIES[:3] + [QUERIES[-1]]:
        answers = {}
        for how in ("get", "post", "form"):
            r = sparql(srv, q.read_text(), JSON_RESULTS, how)
            answers[how] = from_json(r.body) if r.status == 200 else repr(r)
        ok = all(a == answers["get"] for a in answers.values()) and \
            same(answers["get"], expected[q.stem])[0]
        check(ok, f"{q.name}: GET, POST sparql-query and POST form give the same rows",
              "; ".join(f"{h}: {a if isinstance(a, str) else len(a[1])}"
                        for h, a in answers.items()))

    def count(params, how="get"):
        r = sparql(srv, COUNT_ALL, JSON_RESULTS, how, params)
        if r.status != 200:
            raise AssertionError(f"{params}: {r!r}")
        return int(from_json(r.body)[1][0][0])

    n = count([])
    check(n == union_count, f"no dataset parameters: the default graph is the merge of the "
          f"document graphs ({union_count} triples)", f"got {n}")
    g1, g2 = graphs[0], graphs[1]
    for how in ("get", "post", "form"):
        n = count([("default-graph-uri", g1)], how)
        check(n == per_graph[g1] and n < union_count,
              f"default-graph-uri=<{g1}> by {how}: {per_graph[g1]} triples, fewer than the "
              f"union's {union_count}", f"got {n}")
    # Repeated default-graph-uri: the default graph holds the triples of both.
    r = sparql(srv, "SELECT DISTINCT ?s ?p ?o WHERE { ?s ?p ?o }", JSON_RESULTS, "get",
               [("default-graph-uri", g1), ("default-graph-uri", g2)])
    want = set(cli_query(f"SELECT DISTINCT ?s ?p ?o WHERE {{ GRAPH ?g {{ ?s ?p ?o }} "
                         f"FILTER(?g IN (<{g1}>, <{g2}>)) }}")[1])
    got = set(from_json(r.body)[1]) if r.status == 200 else set()
    check(r.status == 200 and got == want,
          "default-graph-uri twice: the default graph holds both graphs' triples",
          f"{r!r}: {len(got)} distinct triples instead of {len(want)}")
    # Before, and in the example queries: restricting to one graph gives fewer rows.
    q = REPO / "queries" / "xi-jinping-met.rq"
    r = sparql(srv, q.read_text(), JSON_RESULTS, "get",
               [("default-graph-uri", SRC + "cn-pk-community-article-2026")])
    rows = from_json(r.body)[1] if r.status == 200 else None
    check(rows is not None and len(rows) < len(expected[q.stem][1]),
          f"{q.name} with default-graph-uri=one document: fewer rows than the union",
          f"{r!r}" if rows is None else f"{len(rows)} rows vs {len(expected[q.stem][1])}")

    by_graph = "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g"
    for how in ("get", "form"):
        r = sparql(srv, by_graph, JSON_RESULTS, how, [("named-graph-uri", g2)])
        rows = from_json(r.body)[1] if r.status == 200 else repr(r)
        check(rows == [(g2, str(per_graph[g2]))],
              f"named-graph-uri=<{g2}> by {how}: GRAPH ?g sees only that graph", str(rows)[:300])
    r = sparql(srv, by_graph, JSON_RESULTS, "get",
               [("named-graph-uri", g1), ("named-graph-uri", g2)])
    rows = set(from_json(r.body)[1]) if r.status == 200 else repr(r)
    check(rows == {(g1, str(per_graph[g1])), (g2, str(per_graph[g2]))},
          "named-graph-uri twice: GRAPH ?g sees both graphs", str(rows)[:300])
    r = sparql(srv, by_graph, JSON_RESULTS)
    rows = set(from_json(r.body)[1]) if r.status == 200 else repr(r)
    check(rows == {(g, str(c)) for g, c in per_graph.items()},
          "no named-graph-uri: GRAPH ?g sees every document graph", str(rows)[:300])


def check_conneg(srv):
    select = "SELECT ?p WHERE { <%s> ?p ?o } LIMIT 3" % GWADAR
    cases = [
        (None, JSON_RESULTS), ("*/*", JSON_RESULTS), ("application/*", JSON_RESULTS),
        ("text/csv;q=0.5, application/sparql-results+xml;q=0.9", XML_RESULTS),
        ("text/tab-separated-values", "text/tab-separated-values"), ("text/csv", "text/csv"),
        ("text/html;q=0.9, application/sparql-results+json", JSON_RESULTS),
    ]
    for accept, want in cases:
        r = sparql(srv, select, accept)
        check(r.status == 200 and r.ctype == want, f"SELECT with Accept {accept!r} -> {want}",
              repr(r))
    construct = "CONSTRUCT WHERE { <%s> ?p ?o }" % GWADAR
    for accept, want in [(None, "text/turtle"), ("*/*", "text/turtle"),
                         ("application/n-triples", "application/n-triples"),
                         ("application/ld+json", "application/ld+json"),
                         ("application/rdf+xml", "application/rdf+xml")]:
        r = sparql(srv, construct, accept)
        check(r.status == 200 and r.ctype == want, f"CONSTRUCT with Accept {accept!r} -> {want}",
              repr(r))
    # format= overrides Accept.
    for fmt, want in [("json", JSON_RESULTS), ("xml", XML_RESULTS), ("csv", "text/csv"),
                      ("tsv", "text/tab-separated-values")]:
        r = sparql(srv, select, "text/csv" if fmt != "csv" else JSON_RESULTS,
                   params=[("format", fmt)])
        check(r.status == 200 and r.ctype == want,
              f"SELECT format={fmt} overrides Accept -> {want}", repr(r))
    sizes = {}
    for fmt, want, parse in [("turtle", "text/turtle", "turtle"),
                             ("ntriples", "application/n-triples", "nt"),
                             ("jsonld", "application/ld+json", "json-ld"),
                             ("rdfxml", "application/rdf+xml", "xml")]:
        r = sparql(srv, construct, "application/sparql-results+json", params=[("format", fmt)])
        ok = r.status == 200 and r.ctype == want
        if ok:
            sizes[fmt] = len(rdflib.Graph().parse(data=r.body, format=parse))
        check(ok, f"CONSTRUCT format={fmt} overrides Accept -> {want}", repr(r))
    check(len(set(sizes.values())) == 1 and min(sizes.values(), default=0) > 0,
          "CONSTRUCT by format=: the same triple count in every format", str(sizes))
    r = sparql(srv, "DESCRIBE <%s>" % GWADAR, "text/turtle")
    n = len(rdflib.Graph().parse(data=r.body, format="turtle")) if r.status == 200 else 0
    check(r.status == 200 and r.ctype == "text/turtle" and n > 0,
          f"DESCRIBE <{GWADAR}> -> Turtle with triples", f"{r!r}, {n} triples")


def check_service_description(srv):
    for accept in (None, "text/turtle"):
        r = request(srv, "GET", "/sparql", headers={"Accept": accept} if accept else {})
        ok = r.status == 200 and r.ctype == "text/turtle"
        n = 0
        if ok:
            g = rdflib.Graph().parse(data=r.body, format="turtle")
            n = len(list(g.subjects(rdflib.RDF.type, SD.Service)))
        check(ok and n >= 1, f"GET /sparql (Accept {accept!r}): service description in Turtle "
              "with an sd:Service", f"{r!r}, {n} sd:Service")


def check_graph_store(srv, graphs):
    for g in graphs:
        want = cli_count(f"SELECT (COUNT(*) AS ?n) WHERE {{ SELECT DISTINCT ?s ?p ?o WHERE "
                         f"{{ GRAPH <{g}> {{ ?s ?p ?o }} }} }}")
        r = request(srv, "GET", "/store?" + urlencode({"graph": g}))
        n = len(rdflib.Graph().parse(data=r.body, format="turtle")) if r.status == 200 else 0
        check(r.status == 200 and r.ctype == "text/turtle" and n == want > 0,
              f"GET /store?graph=<{g}>: Turtle with its {want} triples", f"{r!r}, {n} triples")
    g = graphs[0]
    r = request(srv, "GET", "/store?" + urlencode({"graph": g}),
                headers={"Accept": "application/n-triples"})
    n = len(rdflib.Graph().parse(data=r.body, format="nt")) if r.status == 200 else 0
    check(r.status == 200 and r.ctype == "application/n-triples" and n > 0,
          "GET /store?graph= with Accept application/n-triples", f"{r!r}, {n} triples")
    want = cli_count("SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?s ?p ?o WHERE "
                     "{ ?s ?p ?o } }")
    r = request(srv, "GET", "/store?default")
    n = len(rdflib.Graph().parse(data=r.body, format="turtle")) if r.status == 200 else 0
    check(r.status == 200 and r.ctype == "text/turtle" and n == want,
          f"GET /store?default: Turtle with the union's {want} distinct triples",
          f"{r!r}, {n} triples")
    r = request(srv, "GET", "/store?" + urlencode({"graph": SRC + "no-such-document"}))
    check(r.status == 404, "GET /store?graph=<unknown graph> -> 404", repr(r))


def check_cors(srv):
    r = sparql(srv, CHEAP, JSON_RESULTS, headers={"Origin": "https://example.org"})
    check(r.status == 200 and r.header("access-control-allow-origin") == "*",
          "a query answer has Access-Control-Allow-Origin: *", f"{r!r} {r.headers}")
    r = sparql(srv, "SELECT * WHERE {", JSON_RESULTS, headers={"Origin": "https://example.org"})
    check(r.status == 400 and r.header("access-control-allow-origin") == "*",
          "an error (400) has Access-Control-Allow-Origin: *", f"{r!r} {r.headers}")
    r = request(srv, "GET", "/store?default", headers={"Origin": "https://example.org"})
    check(r.header("access-control-allow-origin") == "*",
          "GET /store has Access-Control-Allow-Origin: *", f"{r!r} {r.headers}")
    for path in ("/sparql", "/store"):
        r = request(srv, "OPTIONS", path, headers={
            "Origin": "https://example.org", "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "content-type"})
        methods = {m.strip().upper() for m in r.header("access-control-allow-methods").split(",")}
        check(r.status == 204 and {"GET", "POST"} <= methods and
              r.header("access-control-allow-origin") == "*",
              f"OPTIONS {path} preflight -> 204 with Access-Control-Allow-Methods GET, POST",
              f"{r!r} {r.headers}")


def check_errors(srv):
    bad = "PREFIX cor: <https://w3id.org/corridor/ontology#>\nSELECT ?s\nWHERE { ?s cor:x }\n"
    for how in ("get", "post", "form"):
        r = sparql(srv, bad, JSON_RESULTS, how)
        text = r.text.lower()
        # "line 3, column 18" or "3:18"
        named = ("line" in text and "col" in text and "3" in text) or re.search(r"\b3:\d+", text)
        check(r.status == 400 and named,
              f"syntax error (line 3) by {how} -> 400, body names line and column", repr(r))
    check(r.ctype == "text/plain", "syntax error body is text/plain", repr(r))
    for query in (CHEAP, "CONSTRUCT WHERE { ?s ?p ?o } LIMIT 1"):
        r = sparql(srv, query, "image/png")
        check(r.status == 406, f"Accept image/png for {query.split()[0]} -> 406", repr(r))
    for method in ("PUT", "DELETE", "PATCH"):
        r = request(srv, method, "/sparql", b"x", {"Content-Type": "text/plain"})
        check(r.status == 405, f"{method} /sparql -> 405", repr(r))

    # --max-body 65536: a valid query padded with a comment, just under and over the limit.
    def padded(size):
        return "# " + "x" * (size - len(CHEAP) - 3) + "\n" + CHEAP
    r = sparql(srv, padded(60 * 1024), JSON_RESULTS, "post")
    check(r.status == 200, "POST of a 60 KB query with --max-body 65536 -> 200", repr(r))
    for how in ("post", "form"):
        r = sparql(srv, padded(100 * 1024), JSON_RESULTS, how)
        check(r.status == 413, f"POST ({how}) of a 100 KB body with --max-body 65536 -> 413",
              repr(r))
    r = sparql(srv, CHEAP, JSON_RESULTS)
    check(r.status == 200, "the server still answers after the 413s", repr(r))

    text = 'INSERT DATA { GRAPH <urn:test> { <urn:a> <urn:b> "c" } }'
    for form in (False, True):
        for token in (None, "secret"):
            r = update(srv, text, token, form)
            check(r.status == 403, f"update ({'form' if form else 'sparql-update'}, "
                  f"{'with' if token else 'without'} a token) without --writable -> 403", repr(r))
    r = sparql(srv, "ASK { GRAPH <urn:test> { ?s ?p ?o } }", JSON_RESULTS)
    check(r.status == 200 and json.loads(r.body).get("boolean") is False,
          "the refused update changed nothing", repr(r))


LOG_LINE = re.compile(r"(GET|POST|PUT|DELETE|PATCH|OPTIONS|HEAD) (\S+) (\d{3}) (\d+(?:\.\d+)?)ms")


def check_log(srv):
    lines = [line for line in srv.stderr().splitlines() if line.strip()]
    requests = [line for line in lines if line.split(" ", 1)[0] in
                ("GET", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "HEAD")]
    bad = [line for line in requests if not LOG_LINE.fullmatch(line)]
    statuses = {int(m.group(3)) for m in map(LOG_LINE.fullmatch, requests) if m}
    want = {200, 204, 400, 403, 404, 405, 406, 413}
    check(len(requests) > 100 and not bad and want <= statuses,
          f"server {srv.name}: one stderr line per request, `METHOD PATH STATUS TIMEms` "
          f"({len(requests)} lines)",
          f"malformed {bad[:3]}, statuses seen {sorted(statuses)}, missing "
          f"{sorted(want - statuses)}")


def copy_store():
    tmp = tempfile.mkdtemp(prefix="corridor-serve-")
    dst = os.path.join(tmp, "store")
    shutil.copytree(store, dst)
    return tmp, dst


def check_writable_env():
    tmp, copy = copy_store()
    try:
        srv = Server("writable", "--writable", store_dir=copy,
                     env=clean_env(CORRIDOR_TOKEN="secret"))
        text = 'INSERT DATA { GRAPH <urn:test> { <urn:a> <urn:b> "c" } }'
        ask = 'ASK { GRAPH <urn:test> { <urn:a> <urn:b> "c" } }'
        r = update(srv, text)
        check(r.status == 401, "writable: update without a token -> 401", repr(r))
        r = update(srv, text, "wrong")
        check(r.status == 401, "writable: update with a wrong token -> 401", repr(r))
        r = request(srv, "POST", "/update", text, {"Content-Type": "application/sparql-update",
                                                     "Authorization": "Basic c2VjcmV0OnNlY3JldA=="})
        check(r.status == 401, "writable: update with Basic auth instead of Bearer -> 401",
              repr(r))
        r = sparql(srv, ask, JSON_RESULTS)
        check(r.status == 200 and json.loads(r.body)["boolean"] is False,
              "writable: the refused updates inserted nothing", repr(r))
        r = update(srv, text, "secret")
        check(200 <= r.status < 300, "writable: update with Authorization: Bearer secret -> 2xx",
              repr(r))
        r = sparql(srv, ask, JSON_RESULTS)
        check(r.status == 200 and json.loads(r.body)["boolean"] is True,
              "writable: a later query sees the inserted triple", repr(r))
        r = sparql(srv, 'SELECT ?o WHERE { GRAPH <urn:test> { <urn:a> <urn:b> ?o } }',
                   JSON_RESULTS, "get", [("named-graph-uri", "urn:test")])
        check(r.status == 200 and from_json(r.body)[1] == [("c",)],
              "writable: named-graph-uri=<urn:test> finds it", repr(r))
        r = update(srv, 'INSERT DATA { GRAPH <urn:test> { <urn:a> <urn:b> "form" } }', "secret",
                   form=True)
        check(200 <= r.status < 300, "writable: update by POST form update=... -> 2xx", repr(r))
        # SPARQLWrapper as an update client, with the token as a custom header.
        sw = SPARQLWrapper(srv.base + "/sparql", updateEndpoint=srv.base + "/update")
        sw.setMethod(POST)
        sw.addCustomHttpHeader("Authorization", "Bearer secret")
        sw.setQuery('INSERT DATA { GRAPH <urn:test> { <urn:a> <urn:b> "wrapper" } }')
        sw.query()
        r = sparql(srv, 'SELECT ?o WHERE { GRAPH <urn:test> { <urn:a> <urn:b> ?o } }',
                   JSON_RESULTS)
        got = {row[0] for row in from_json(r.body)[1]} if r.status == 200 else repr(r)
        check(got == {"c", "form", "wrapper"},
              "writable: form and SPARQLWrapper updates are seen too", str(got))
        r = update(srv, "INSERT DATA { <urn:a> <urn:b> }", "secret")
        check(r.status == 400, "writable: an update with a syntax error -> 400", repr(r))
        r = update(srv, 'DELETE DATA { GRAPH <urn:test> { <urn:a> <urn:b> "form" } }', "secret")
        r2 = sparql(srv, 'ASK { GRAPH <urn:test> { <urn:a> <urn:b> "form" } }', JSON_RESULTS)
        check(200 <= r.status < 300 and json.loads(r2.body).get("boolean") is False,
              "writable: DELETE DATA removes a triple", f"{r!r} then {r2!r}")
        srv.stop_check()
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def check_writable_token_file():
    tmp, copy = copy_store()
    try:
        token_file = os.path.join(tmp, "token")
        Path(token_file).write_text("from-file")
        srv = Server("writable-token-file", "--writable", "--token-file", token_file,
                     store_dir=copy)
        text = 'INSERT DATA { GRAPH <urn:test> { <urn:a> <urn:b> "c" } }'
        r = update(srv, text, "secret")
        check(r.status == 401, "--token-file: another token -> 401", repr(r))
        r = update(srv, text, "from-file")
        check(200 <= r.status < 300, "--token-file: the file's token -> 2xx", repr(r))
        srv.stop_check()
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def cpu_seconds(pid):
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def check_timeout():
    srv = Server("timeout", "--query-timeout", "1")
    t0 = time.monotonic()
    r = sparql(srv, EXPENSIVE, JSON_RESULTS)
    elapsed = time.monotonic() - t0
    check(r.status == 408 and elapsed < 3.0,
          f"--query-timeout 1: the cross product -> 408 in {elapsed:.2f} s (< 3 s)", repr(r))
    t0 = time.monotonic()
    r = sparql(srv, CHEAP, JSON_RESULTS)
    elapsed = time.monotonic() - t0
    check(r.status == 200 and json.loads(r.body).get("boolean") is True,
          f"a cheap query right after the 408 -> 200 in {elapsed * 1000:.0f} ms", repr(r))
    r = sparql(srv, EXPENSIVE, JSON_RESULTS, "post")
    check(r.status == 408, "the cross product by POST -> 408 too", repr(r))
    # The timed-out queries are stopped: they do not keep a core busy.
    if Path(f"/proc/{srv.proc.pid}/stat").exists():
        time.sleep(0.5)
        c0, t0 = cpu_seconds(srv.proc.pid), time.monotonic()
        time.sleep(2.0)
        busy = (cpu_seconds(srv.proc.pid) - c0) / (time.monotonic() - t0)
        check(busy < 0.2, f"server CPU use in the 2.5 s after the 408s: {busy:.0%} of a core "
              "(the timed-out queries are stopped)")
    srv.stop_check()


def check_max_concurrent():
    srv = Server("max-concurrent", "--max-concurrent", "1", "--query-timeout", "2")
    slow = {}

    def run_slow():
        slow["r"] = sparql(srv, EXPENSIVE, JSON_RESULTS)

    th = threading.Thread(target=run_slow)
    th.start()
    time.sleep(0.7)
    r = sparql(srv, CHEAP, JSON_RESULTS)
    check(r.status == 503, "--max-concurrent 1: a query while another runs -> 503", repr(r))
    th.join(timeout=30)
    check(slow.get("r") is not None and slow["r"].status == 408,
          "--max-concurrent 1: the running cross product -> 408", repr(slow.get("r")))
    # The timed-out query was killed with its 408, so its place is free at once.
    r = sparql(srv, CHEAP, JSON_RESULTS)
    check(r.status == 200, "--max-concurrent 1: a query right after the 408 -> 200", repr(r))
    srv.stop_check()


def check_max_rows():
    srv = Server("max-rows", "--max-rows", "5")
    for accept, parse in [(JSON_RESULTS, lambda b: from_json(b)), (XML_RESULTS, from_xml),
                          ("text/csv", lambda b: from_csv(b.decode())),
                          ("text/tab-separated-values", lambda b: from_tsv(b.decode()))]:
        r = sparql(srv, ALL_TRIPLES, accept)
        try:
            rows = len(parse(r.body)[1]) if r.status == 200 else None
        except Exception as e:  # noqa: BLE001
            rows = f"unparsable: {e}"
        check(rows == 5 and r.header("x-corridor-truncated") == "true",
              f"--max-rows 5: SELECT of everything as {accept} -> 5 rows and "
              "X-Corridor-Truncated: true", f"{r!r}, rows {rows}, header "
              f"{r.header('x-corridor-truncated')!r}")
    st = SPARQLStore(query_endpoint=srv.base + "/sparql", returnFormat="json")
    rows = list(st.query(ALL_TRIPLES))
    check(len(rows) == 5, "--max-rows 5: rdflib SPARQLStore reads the cut result (5 rows)",
          f"{len(rows)} rows")
    r = sparql(srv, ALL_TRIPLES + " LIMIT 3", JSON_RESULTS)
    check(r.status == 200 and len(from_json(r.body)[1]) == 3 and
          r.header("x-corridor-truncated") in ("", "false"),
          "--max-rows 5: a 3-row result is not marked truncated", f"{r!r} {r.headers}")
    r = sparql(srv, ALL_TRIPLES + " LIMIT 5", JSON_RESULTS)
    check(r.status == 200 and len(from_json(r.body)[1]) == 5 and
          r.header("x-corridor-truncated") in ("", "false"),
          "--max-rows 5: a result of exactly 5 rows is not marked truncated",
          f"{r!r} {r.headers}")
    srv.stop_check()


def tree_hash(root):
    h = hashlib.sha256()
    for p in sorted(Path(root).rglob("*")):
        if p.is_file():
            h.update(str(p.relative_to(root)).encode())
            h.update(p.read_bytes())
    return h.hexdigest()


if __name__ == "__main__":
    try:
        main()
    except (Exception, GlobalTimeout) as e:  # noqa: BLE001 - a failure; servers killed below
        check(False, "check_serve.py ran to the end", f"{type(e).__name__}: {e}")
    finally:
        signal.alarm(0)
        for s in servers:
            if s.proc.poll() is None:
                s.proc.kill()
                s.proc.wait()
            try:
                os.unlink(s.log.name)
            except OSError:
                pass
    print(f"\n{len(failures)} check(s) failed" if failures else "\nall checks passed")
    sys.exit(1 if failures else 0)
