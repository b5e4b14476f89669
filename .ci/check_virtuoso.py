#!/usr/bin/env python3
"""corridor against a real Virtuoso server on loopback: `push`, `pull`, and Virtuoso as the
store itself (`--store http://…`).

Usage: check_virtuoso.py CORRIDOR STORE EXPORTS WORK

STORE is a store built from the default corpus (`data`, from the repository's folder), EXPORTS
its exports. The checks:
- pushed to Virtuoso (Graph Store PUT), every example query of queries/ gives the rows the
  local store gives;
- pulled back into a new store, the CSV exports equal those of the local store;
- a second push sends nothing;
- Virtuoso killed (SIGKILL) in the middle of a push: the push exits 3 and names the documents
  that did not go in; restarted, Virtuoso holds every document's graph whole or not at all; a
  second push (with --prune, which removes the default corpus's documents) completes, and a
  pull gives back the same graph files;
- `corridor build --store http://…/sparql` of the default corpus writes the exports the local
  build wrote; every example query run with `--store http://…` gives the local store's rows;
  an export through a fresh copy of the server gives the local CSV files;
- Virtuoso killed in the middle of such a build: the build exits 3 and names the documents that
  did not go in, every graph is whole or absent, and a second build completes with the exports
  of a local build of the same corpus, byte for byte;
- the store behaviour suite of tests/store_behaviour.rs, run against Virtuoso.
"""

import json
import os
import re
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

import zstandard

CORRIDOR, STORE, EXPORTS, WORK = sys.argv[1], Path(sys.argv[2]), Path(sys.argv[3]), Path(sys.argv[4])
REPO = Path(__file__).resolve().parent.parent
SQL_PORT, HTTP_PORT = 11121, 18891
BASE = f"http://127.0.0.1:{HTTP_PORT}"
SERVER = ["--to", f"{BASE}/sparql", "--graph-store", f"{BASE}/sparql-graph-crud"]
AS_STORE = ["--store", f"{BASE}/sparql", "--graph-store", f"{BASE}/sparql-graph-crud"]
failures = []


def check(ok, what):
    print(("ok   " if ok else "FAIL ") + what, flush=True)
    if not ok:
        failures.append(what)


def corridor(store, *args, **kw):
    return subprocess.run([CORRIDOR, "--store", str(store), *args], capture_output=True, text=True, **kw)


def on_virtuoso(mirror, *args, **kw):
    """corridor with Virtuoso as its store, `mirror` as the local copy."""
    return subprocess.run([CORRIDOR, *AS_STORE, "--mirror", str(mirror), *args],
                          capture_output=True, text=True, cwd=REPO, **kw)


def same_files(a, b):
    """The files under a and b whose bytes differ, or that only one has."""
    names = {p.relative_to(a) for p in a.rglob("*") if p.is_file()}
    names |= {p.relative_to(b) for p in b.rglob("*") if p.is_file()}
    return sorted(str(n) for n in names
                  if not ((a / n).is_file() and (b / n).is_file() and (a / n).read_bytes() == (b / n).read_bytes()))


def csv_rows(text):
    """CSV answers: the header, then the rows sorted (ties on ORDER BY keys may swap)."""
    lines = text.splitlines()
    return lines[:1] + sorted(lines[1:])


class Virtuoso:
    def __init__(self, folder):
        self.dir = folder
        self.dir.mkdir(parents=True, exist_ok=True)
        d = self.dir
        (d / "virtuoso.ini").write_text(
            f"""[Database]
DatabaseFile={d}/virtuoso.db
ErrorLogFile={d}/virtuoso.log
LockFile={d}/virtuoso.lck
TransactionFile={d}/virtuoso.trx
xa_persistent_file={d}/virtuoso.pxa
TempStorage=TempDatabase
[TempDatabase]
DatabaseFile={d}/virtuoso-temp.db
TransactionFile={d}/virtuoso-temp.trx
[Parameters]
ServerPort=127.0.0.1:{SQL_PORT}
DirsAllowed=., {d}
[HTTPServer]
ServerPort=127.0.0.1:{HTTP_PORT}
"""
        )
        self.proc = None

    def start(self):
        out = open(self.dir / "out.log", "a")
        self.proc = subprocess.Popen(
            ["virtuoso-t", "+foreground", "+configfile", str(self.dir / "virtuoso.ini")],
            cwd=self.dir, stdout=out, stderr=out)
        deadline = time.time() + 60
        while time.time() < deadline:
            try:
                urllib.request.urlopen(f"{BASE}/sparql?query=ASK%7B%7D", timeout=2).read()
                return
            except Exception:
                time.sleep(0.2)
        sys.exit("Virtuoso did not answer within 60 s; see " + str(self.dir / "virtuoso.log"))

    def grant_writes(self):
        subprocess.run(
            ["isql-vt", f"127.0.0.1:{SQL_PORT}", "dba", "dba",
             'exec=grant SPARQL_UPDATE to "SPARQL"; DB.DBA.RDF_DEFAULT_USER_PERMS_SET (\'nobody\', 7);'],
            check=True, capture_output=True)

    def kill(self):
        self.proc.kill()
        self.proc.wait()

    def stop(self):
        self.proc.terminate()
        self.proc.wait(timeout=60)


def select(query):
    url = f"{BASE}/sparql?" + urllib.parse.urlencode({"query": query})
    req = urllib.request.Request(url, headers={"Accept": "application/sparql-results+json"})
    return json.loads(urllib.request.urlopen(req, timeout=120).read())


def rows(results):
    """Solutions as lists of (variable, value) pairs, the values as text."""
    out = []
    for b in results["results"]["bindings"]:
        out.append(sorted((k, v["value"]) for k, v in b.items()))
    return out


def graph_size(iri):
    r = select(f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{iri}> {{ ?s ?p ?o }} }}")
    return int(r["results"]["bindings"][0]["n"]["value"])


def recorded():
    r = select("SELECT (COUNT(*) AS ?n) WHERE { GRAPH <https://w3id.org/corridor/id/store> "
               "{ ?s <https://w3id.org/corridor/ontology#ingestHash> ?h } }")
    return int(r["results"]["bindings"][0]["n"]["value"])


def graph_files(store):
    """The store's graph files by document id, as N-Quads (`graphs/<id>.<version>.nq.zst`,
    compressed; `.nq` in a store written before, `<id>.nq` before versions were named)."""
    out = {}
    for p in sorted((store / "graphs").iterdir()):
        m = re.fullmatch(r"(.+?)(\.[0-9a-f]{16})?\.nq(\.zst)?", p.name)
        if not (m and p.is_file()):
            continue
        data = p.read_bytes()
        if m.group(3):
            data = zstandard.ZstdDecompressor().decompressobj().decompress(data)
        out[m.group(1)] = data
    return out


def kill_mid(what, command):
    """Runs `command`, kills Virtuoso (SIGKILL) once 16 more documents are recorded, and checks
    that the command exits 3 naming the documents that did not go in."""
    proc = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=REPO)
    before = recorded()
    deadline = time.time() + 120
    while recorded() < before + 16 and time.time() < deadline:
        time.sleep(0.05)
    server.kill()
    _, err = proc.communicate(timeout=300)
    named = [line for line in err.splitlines() if line.startswith("not pushed: bench-")]
    check(proc.returncode == 3 and named and "Run the command again" in err,
          f"killed mid-{what}: exit {proc.returncode}, {len(named)} documents named as not pushed")


def whole_or_absent(graphs):
    """Checks that Virtuoso holds each of `graphs` (graph files by document id) whole or not at all,
    and some of them whole."""
    sizes = [(graph_size("https://w3id.org/corridor/id/source/" + id), data.count(b"\n"))
             for id, data in graphs.items()]
    whole = sum(1 for there, want in sizes if there == want)
    absent = sum(1 for there, _ in sizes if there == 0)
    check(whole + absent == len(graphs) and 0 < whole < len(graphs),
          f"after the restart: {whole} graphs whole, {absent} absent, "
          f"{len(graphs) - whole - absent} partial, of {len(graphs)}")


WORK.mkdir(parents=True, exist_ok=True)
server = Virtuoso(WORK / "virtuoso")
server.start()
server.grant_writes()
t0 = time.time()
r = corridor(STORE, "push", "--no-progress", *SERVER)
n = len(graph_files(STORE))
check(r.returncode == 0 and f"documents: {n} pushed" in r.stdout,
      f"push of the default corpus ({n} documents) in {time.time() - t0:.1f} s: {r.stdout.strip()} {r.stderr.strip()}")

for q in sorted((REPO / "queries").glob("*.rq")):
    text = q.read_text()
    local = corridor(STORE, "query", "--format", "json", "--file", str(q))
    want = rows(json.loads(local.stdout))
    got = rows(select(text))
    # Rows tied on the ORDER BY keys may come in either order.
    check(sorted(got) == sorted(want), f"{q.name}: {len(got)} rows from Virtuoso, {len(want)} from the local store")

r = corridor(STORE, "push", "--no-progress", *SERVER)
check(r.returncode == 0 and f"0 pushed, {n} unchanged" in r.stdout, f"a second push sends nothing: {r.stdout.strip()}")

pulled = WORK / "pulled"
r = corridor(pulled, "pull", "--no-progress", "--from", f"{BASE}/sparql", "--graph-store", f"{BASE}/sparql-graph-crud")
check(r.returncode == 0 and f"documents: {n} pulled" in r.stdout, f"pull: {r.stdout.strip()} {r.stderr.strip()}")
for store, out in ((STORE, WORK / "csv-local"), (pulled, WORK / "csv-pulled")):
    corridor(store, "export", "--format", "csv", "--out", str(out), check=True)
for name in ("nodes.csv", "edges.csv"):
    same = (WORK / "csv-local" / name).read_bytes() == (WORK / "csv-pulled" / name).read_bytes()
    check(same, f"{name} of the store pulled from Virtuoso equals the local one")

# Killed in the middle of a push.
corpus, big = WORK / "corpus", WORK / "big-store"
subprocess.run([CORRIDOR, "bench-corpus", "--mb", "2", "--doc-kb", "8", "--out", str(corpus)],
               check=True, capture_output=True)
corridor(big, "build", "--no-progress", "--corpus", str(corpus), "--out", str(WORK / "big-exports"), check=True)
local = graph_files(big)
kill_mid("push", [CORRIDOR, "--store", str(big), "push", "--no-progress", "--retries", "1", *SERVER])
server.start()
whole_or_absent(local)

r = corridor(big, "push", "--no-progress", "--prune", *SERVER)
check(r.returncode == 0 and f"{n} removed" in r.stdout,
      f"a second push completes (and --prune removes the {n} documents of the first store): {r.stdout.strip()}")
again = WORK / "big-pulled"
r = corridor(again, "pull", "--no-progress", "--from", f"{BASE}/sparql", "--graph-store", f"{BASE}/sparql-graph-crud")
check(graph_files(again) == local, f"a pull gives back the same {len(local)} graph files")

# Virtuoso as the store: a build of the default corpus (which removes the documents above).
t0 = time.time()
r = on_virtuoso(WORK / "mirror", "build", "--no-progress", "--formats", "all", "--out", str(WORK / "remote-exports"))
check(r.returncode == 0 and "documents: 3 ingested" in r.stdout and f"{len(local)} removed" in r.stdout,
      f"build --store {BASE}/sparql in {time.time() - t0:.1f} s: exit {r.returncode} "
      f"{r.stdout.strip().splitlines()[-1:]} {r.stderr.strip()[-500:]}")
differ = same_files(EXPORTS, WORK / "remote-exports")
check(not differ, f"its exports equal the local build's, every file: {differ or 'no difference'}")
for q in sorted((REPO / "queries").glob("*.rq")):
    local_rows = corridor(STORE, "query", "--format", "csv", "--file", str(q)).stdout
    r = on_virtuoso(WORK / "mirror", "query", "--format", "csv", "--file", str(q))
    check(r.returncode == 0 and csv_rows(r.stdout) == csv_rows(local_rows),
          f"query --store …/sparql {q.name}: {len(r.stdout.splitlines()) - 1} rows, "
          f"{len(local_rows.splitlines()) - 1} from the local store {r.stderr.strip()}")
r = on_virtuoso(WORK / "fresh-mirror", "export", "--format", "csv", "--out", str(WORK / "remote-csv"))
check(r.returncode == 0 and all((WORK / "remote-csv" / n).read_bytes() == (EXPORTS / n).read_bytes()
                                 for n in ("nodes.csv", "edges.csv")),
      f"export --store …/sparql through a fresh copy gives the local nodes.csv and edges.csv {r.stderr.strip()}")

# Killed in the middle of a build on Virtuoso.
kill_mid("build", [CORRIDOR, *AS_STORE, "--mirror", str(WORK / "mirror"), "--retries", "1", "build",
                   "--no-progress", "--corpus", str(corpus), "--out", str(WORK / "killed-exports")])
server.start()
whole_or_absent(local)
r = on_virtuoso(WORK / "mirror", "build", "--no-progress", "--corpus", str(corpus), "--out", str(WORK / "rebuilt-exports"))
differ = same_files(WORK / "big-exports", WORK / "rebuilt-exports")
check(r.returncode == 0 and not differ,
      f"a second build completes ({r.stdout.strip().splitlines()[-1:]}) with the exports of a local build: "
      f"{differ or 'every file the same'}")

# The store behaviour suite, against Virtuoso.
env = dict(os.environ, CORRIDOR_TEST_SPARQL=f"{BASE}/sparql",
           CORRIDOR_TEST_SPARQL_GRAPH_STORE=f"{BASE}/sparql-graph-crud")
r = subprocess.run(["cargo", "test", "--test", "store_behaviour", "--", "--ignored"],
                   cwd=REPO, env=env, capture_output=True, text=True)
check(r.returncode == 0 and "1 passed" in r.stdout,
      "the store behaviour suite against Virtuoso: " + (r.stdout.strip().splitlines() or [""])[-1]
      + ("" if r.returncode == 0 else "\n" + r.stdout[-3000:] + r.stderr[-2000:]))
server.stop()

if failures:
    sys.exit(f"{len(failures)} Virtuoso checks failed")
print("all Virtuoso checks passed")
