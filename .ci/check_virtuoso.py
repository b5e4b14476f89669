#!/usr/bin/env python3
"""`corridor push` and `pull` against a real Virtuoso server on loopback.

Usage: check_virtuoso.py CORRIDOR STORE WORK

STORE is a store built from the default corpus. The checks:
- pushed to Virtuoso (Graph Store PUT), every example query of queries/ gives the rows the
  local store gives;
- pulled back into a new store, the CSV exports equal those of the local store;
- a second push sends nothing;
- Virtuoso killed (SIGKILL) in the middle of a push: the push exits 3 and names the documents
  that did not go in; restarted, Virtuoso holds every document's graph whole or not at all; a
  second push (with --prune, which removes the default corpus's documents) completes, and a
  pull gives back the same graph files.
"""

import json
import os
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

CORRIDOR, STORE, WORK = sys.argv[1], Path(sys.argv[2]), Path(sys.argv[3])
REPO = Path(__file__).resolve().parent.parent
SQL_PORT, HTTP_PORT = 11121, 18891
BASE = f"http://127.0.0.1:{HTTP_PORT}"
SERVER = ["--to", f"{BASE}/sparql", "--graph-store", f"{BASE}/sparql-graph-crud"]
failures = []


def check(ok, what):
    print(("ok   " if ok else "FAIL ") + what, flush=True)
    if not ok:
        failures.append(what)


def corridor(store, *args, **kw):
    return subprocess.run([CORRIDOR, "--store", str(store), *args], capture_output=True, text=True, **kw)


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
    return {p.name: p.read_bytes() for p in sorted((store / "graphs").glob("*.nq"))}


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
push = subprocess.Popen([CORRIDOR, "--store", str(big), "push", "--no-progress", "--retries", "1", *SERVER],
                        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
before = recorded()
deadline = time.time() + 120
while recorded() < before + 16 and time.time() < deadline:
    time.sleep(0.05)
server.kill()
out, err = push.communicate(timeout=300)
named = [line for line in err.splitlines() if line.startswith("not pushed: bench-")]
check(push.returncode == 3 and named and "Run the push again" in err,
      f"killed mid-push: exit {push.returncode}, {len(named)} documents named as not pushed")

server.start()
sizes = {}
for name, data in local.items():
    iri = "https://w3id.org/corridor/id/source/" + name[: -len(".nq")]
    sizes[name] = (graph_size(iri), data.count(b"\n"))
whole = sum(1 for there, want in sizes.values() if there == want)
absent = sum(1 for there, _ in sizes.values() if there == 0)
check(whole + absent == len(local) and 0 < whole < len(local),
      f"after the restart: {whole} graphs whole, {absent} absent, "
      f"{len(local) - whole - absent} partial, of {len(local)}")

r = corridor(big, "push", "--no-progress", "--prune", *SERVER)
check(r.returncode == 0 and f"{n} removed" in r.stdout,
      f"a second push completes (and --prune removes the {n} documents of the first store): {r.stdout.strip()}")
again = WORK / "big-pulled"
r = corridor(again, "pull", "--no-progress", "--from", f"{BASE}/sparql", "--graph-store", f"{BASE}/sparql-graph-crud")
check(graph_files(again) == local, f"a pull gives back the same {len(local)} graph files")
server.stop()

if failures:
    sys.exit(f"{len(failures)} Virtuoso checks failed")
print("all Virtuoso checks passed")
