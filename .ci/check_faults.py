#!/usr/bin/env python3
"""corridor under faults: killed writers, two writers, a server beside an ingest, a full disk, a
folder it may not write and hostile inputs.

Usage: check_faults.py CORRIDOR WORK

CORRIDOR is the release binary (copied into WORK first, so a rebuild during the run changes
nothing); WORK a scratch folder, wiped at the start. Root is needed for the tmpfs and for running
corridor as `nobody` (util-linux `setpriv`). Python 3 standard library only.

The corpora are made from the sentences of the repository's `data/*.txt`, recombined in a
random order, so that each document differs; every random choice follows one seed, printed
first (`CORRIDOR_FAULTS_SEED` sets it). `CORRIDOR_FAULTS_KILLS` sets the number of kills (24),
`CORRIDOR_FAULTS_ONLY` (e.g. `1,3`) runs only those checks.

The checks, one line each (`ok` or `FAIL`, with the details of a failure indented below it):
1. SIGKILL: `build` killed at a random moment (uniform within the duration of an uninterrupted
   build of the same work), many times, with some documents changed, added and removed between
   kills. After each kill the store opens (a SPARQL query over every graph exits 0), and every
   document it lists in `index.tsv` has the graph (its N-Quads, from `export --format nquads`,
   and its triple count, from the query) and the content hash of either the version it held
   before that build or the version being built, as uninterrupted builds of each version give
   them; no listed document, loaded graph or exported graph is a stray or `.tmp` file (every
   sixth kill also plants decoys a killed writer could leave: half a graph file and half the
   index under their `.tmp` names, a whole graph as `zz-decoy.tmp`). A final
   build then completes, and every file of its exports equals those of a build of the same
   corpus into a fresh store.
2. Two writers: an `ingest` started while a `build` writes the same store fails within seconds
   with exit status 4 and `in use by another corridor process` on standard error; afterwards the
   store opens and a second build gives the exports of a fresh build, byte for byte.
3. `serve` beside an `ingest`: a client queries /sparql without pause; every answer is 200 with
   well-formed SPARQL JSON, and within a few of the server's reload periods after the ingest it
   answers with the new data (its graph count is the store's document count, a new document's
   graph is there).
4. Full disk (a tmpfs, filled after a first build): an `ingest` that runs out of space exits
   non-zero with one clear error naming the file and `No space left on device`; with the space
   freed, the store is as it was (index bytes, N-Quads of every graph) and opens. A `build` whose
   exports folder is on the full disk fails the same way and leaves the previous exports there
   whole and unchanged.
5. Permission denied (corridor run as `nobody` on folders root owns, mode 0755): an `ingest`
   fails with a clear message naming the path and `Permission denied`, exit non-zero, the store
   unchanged; a `build` whose --out cannot be written likewise, the previous exports unchanged.
6. Hostile inputs, each part on its own line: queries nested 1,000 levels (parentheses, braces,
   lists, `STR(` calls, 10,000 `!`, 2,000 `UNION {}`, sub-SELECTs, blank nodes), POSTed to
   /sparql and sent as GET /query, are answered 400 and the server answers the next query 200;
   `!(` and `REGEX(` nested 30 levels are answered 400 in under 2 s; `query` with 5,000 levels
   exits non-zero with a message, not a signal or a stack overflow. A string bomb (`CONCAT` doubled
   40 times) on a server with `--query-timeout 2` is answered 408 or 503, and the server's RSS is
   back within 10 % of its value before within 5 s. While four cross products run, `/` answers 200
   within 5 s and so does a cheap count. `pull` from a server recording a document whose id is
   `../../pwn-target/owned` fails naming it and writes nothing outside its store. PDFs (catalog
   with 100,000 nested arrays, Form XObjects drawing a line 16^7 times, a page that inflates to
   2 GiB of zeros) beside a good document: the build exits 3 with one `failed:` line per PDF,
   stores the good document, in reasonable time and under 3 GiB (peak RSS of one process, and of
   the whole process tree as sampled). Links to /etc/passwd and /dev/zero and a FIFO in a corpus
   folder: the build exits 3 within 60 s naming each with a reason, stores only the good document
   and copies no line of /etc/passwd into the store. The update journal, on a tmpfs: an update
   whose literal holds lines that look like the journal's own markers is answered 204; on the full
   disk an update inserting "lost" (with a 64 KiB literal beside it, so that its record needs pages
   the disk lacks: a short one can still fit in the page the journal file ends in) is answered
   non-2xx and is not served; with space again "later" is 204; after SIGTERM `query` reads the
   injected text and "later" but not "lost", and `stats` exits 0.
"""

import csv
import hashlib
import io
import json
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import traceback
import urllib.error
import urllib.parse
import urllib.request
import zlib
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DATA = REPO / "data"
SOURCE_NS = "https://w3id.org/corridor/id/source/"
SEED = int(os.environ.get("CORRIDOR_FAULTS_SEED", "20251201"))
KILLS = int(os.environ.get("CORRIDOR_FAULTS_KILLS", "24"))
ONLY = set(os.environ.get("CORRIDOR_FAULTS_ONLY", "").replace(",", " ").split())
NOBODY = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"]
LOCKED_MESSAGE = "in use by another corridor process"
RELOAD_PERIOD = 2.0  # seconds between the server's looks at the store folder

BIN = None  # the copy of CORRIDOR in WORK
WORK = None
failures = []


# ---------------------------------------------------------------------------------------------
# Reporting and running


def check(ok, what, details=()):
    """One line per check; the details of a failure indented below it (at most 12)."""
    print(("ok   " if ok else "FAIL ") + what, flush=True)
    if not ok:
        failures.append(what)
        details = list(details)
        for d in details[:12]:
            print("       " + str(d).replace("\n", "\n       "), flush=True)
        if len(details) > 12:
            print(f"       … and {len(details) - 12} more", flush=True)
    return ok


def note(text):
    print("     " + text, flush=True)


def corridor(*args, nobody=False, timeout=600):
    cmd = [str(BIN), *map(str, args)]
    if nobody:
        cmd = NOBODY + cmd
    return subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, cwd=WORK,
                          env=child_env(nobody))


def child_env(nobody=False):
    env = dict(os.environ)
    if nobody:
        env["HOME"] = "/nonexistent"
        env.pop("XDG_CACHE_HOME", None)
    return env


def build(store, corpus, out, timeout=600):
    t = time.monotonic()
    r = corridor("--store", store, "build", "--corpus", corpus, "--out", out, "--no-progress",
                 timeout=timeout)
    return r, time.monotonic() - t


def tail(text, n=6):
    lines = [l for l in (text or "").splitlines() if l.strip()]
    return " | ".join(lines[-n:]) if lines else "(nothing)"


def must(r, what):
    if r.returncode != 0:
        raise RuntimeError(f"{what} exited {r.returncode}: {tail(r.stderr)}")
    return r


def start_server(store, errlog, *args, env=None):
    """`corridor serve` on a free loopback port, its log in errlog (an open file): (process,
    base URL or None, the first line it printed). Its later output is read and dropped."""
    server = subprocess.Popen([str(BIN), "--store", str(store), "serve", "--bind", "127.0.0.1:0",
                               *map(str, args)], cwd=WORK, stdout=subprocess.PIPE, stderr=errlog,
                              text=True, env=env or child_env())
    first_line = server.stdout.readline().strip()
    m = re.search(r"listening on (http://\S+)", first_line)
    if not m:
        return server, None, first_line
    threading.Thread(target=lambda: [None for _ in server.stdout], daemon=True).start()
    return server, m.group(1).rstrip("/"), first_line


def stop_server(server, timeout=15):
    """SIGTERM, then SIGKILL if it has not ended within timeout seconds; its exit status."""
    if server.poll() is None:
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
    return server.returncode


def http(method, url, body=None, headers=None, timeout=60):
    """One request: (status, or the text of an error that gave none; body; seconds)."""
    if isinstance(body, str):
        body = body.encode("utf-8")
    req = urllib.request.Request(url, data=body, method=method, headers=headers or {})
    t = time.monotonic()
    try:
        with urllib.request.urlopen(req, timeout=timeout) as resp:
            return resp.status, resp.read(), time.monotonic() - t
    except urllib.error.HTTPError as e:
        try:
            data = e.read()
        except Exception:  # noqa: BLE001 - the status is what counts
            data = b""
        return e.code, data, time.monotonic() - t
    except Exception as e:  # noqa: BLE001 - a connection error is reported as the status
        return f"{type(e).__name__}: {e}", b"", time.monotonic() - t


# ---------------------------------------------------------------------------------------------
# Corpora


def sentence_pool():
    """The sentences of data/*.txt: each file's lines joined (the PDF broke lines mid-sentence),
    then cut after 。！？."""
    pool = []
    for path in sorted(DATA.glob("*.txt")):
        text = path.read_text(encoding="utf-8-sig")
        joined = ""
        for line in text.splitlines():
            line = line.strip()
            if not line:
                continue
            if joined and joined[-1].isascii() and joined[-1].isalnum() and line[0].isascii():
                joined += " "
            joined += line
        for s in re.findall(r"[^。！？]*[。！？]", joined):
            s = s.strip()
            if 8 <= len(s) <= 400:
                pool.append(s)
    if len(pool) < 100:
        raise RuntimeError(f"only {len(pool)} sentences in {DATA}")
    return pool


class Corpus:
    """Documents as paragraphs of sentences, written as `<id>.txt` into one folder."""

    def __init__(self, folder, pool, rng, prefix="doc"):
        self.folder = Path(folder)
        self.pool = pool
        self.rng = rng
        self.prefix = prefix
        self.docs = {}
        self.next = 0

    def text_of(self, paragraphs):
        return "\n\n".join("".join(p) for p in paragraphs) + "\n"

    def new_doc(self, lo=12, hi=30):
        doc_id = f"{self.prefix}-{self.next:04d}"
        self.next += 1
        sentences = self.rng.sample(self.pool, self.rng.randint(lo, hi))
        self.docs[doc_id] = self.paragraphs(sentences)
        return doc_id

    def paragraphs(self, sentences):
        out = []
        while sentences:
            n = self.rng.randint(2, 6)
            out.append(sentences[:n])
            sentences = sentences[n:]
        return out

    def changed(self, doc_id):
        """A new version of a document: sentences replaced, added, or paragraphs reordered."""
        sentences = [s for p in self.docs[doc_id] for s in p]
        for _ in range(self.rng.randint(1, 3)):
            op = self.rng.randrange(3)
            if op == 0 and sentences:
                sentences[self.rng.randrange(len(sentences))] = self.rng.choice(self.pool)
            elif op == 1:
                sentences.insert(self.rng.randrange(len(sentences) + 1), self.rng.choice(self.pool))
            else:
                self.rng.shuffle(sentences)
        paragraphs = self.paragraphs(sentences)
        if self.text_of(paragraphs) == self.text_of(self.docs[doc_id]):
            paragraphs.append([self.rng.choice(self.pool)])
        return paragraphs

    def change(self, n_modify, n_remove, n_add):
        ids = sorted(self.docs)
        picked = self.rng.sample(ids, min(len(ids), n_modify + n_remove))
        for doc_id in picked[:n_modify]:
            self.docs[doc_id] = self.changed(doc_id)
        for doc_id in picked[n_modify:]:
            del self.docs[doc_id]
        for _ in range(n_add):
            self.new_doc()

    def write(self, folder=None, ids=None):
        folder = Path(folder or self.folder)
        folder.mkdir(parents=True, exist_ok=True)
        wanted = {f"{i}.txt": self.text_of(self.docs[i]) for i in (ids or self.docs)}
        for path in folder.glob("*.txt"):
            if path.name not in wanted:
                path.unlink()
        for name, text in wanted.items():
            path = folder / name
            if not path.exists() or path.read_text(encoding="utf-8") != text:
                path.write_text(text, encoding="utf-8")
        return folder


# ---------------------------------------------------------------------------------------------
# Reading a store


def read_index(store):
    """index.tsv: {id: content hash}, and the ids listed twice."""
    entries, dups = {}, []
    for line in (Path(store) / "index.tsv").read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        cols = line.split("\t")
        if cols[0] in entries:
            dups.append(cols[0])
        entries[cols[0]] = cols[1] if len(cols) > 1 else ""
    return entries, dups


def nquads_by_graph(path):
    """{graph IRI or None: (digest of its sorted distinct lines, number of distinct lines)}.

    The graph is the line's last term; corridor's N-Quads put every quad in a document graph,
    whose IRI has no space, so a line whose last term is not an IRI is in the default graph."""
    groups = {}
    with open(path, "rb") as f:
        for line in f:
            line = line.rstrip(b"\r\n")
            body = line.rstrip()
            if not body or body.startswith(b"#"):
                continue
            if body.endswith(b"."):
                body = body[:-1].rstrip()
            last = body[body.rfind(b" ") + 1:]
            graph = last[1:-1].decode("utf-8", "replace") if last[:1] == b"<" and last[-1:] == b">" else None
            groups.setdefault(graph, set()).add(line)
    out = {}
    for graph, lines in groups.items():
        h = hashlib.sha256(b"\n".join(sorted(lines))).hexdigest()[:20]
        out[graph] = (h, len(lines))
    return out


def export_nquads(store, path):
    r = corridor("--store", store, "export", "--format", "nquads", "--out", path)
    if r.returncode != 0:
        return None, r
    return nquads_by_graph(path), r


def graph_counts(store):
    """Triples per named graph by a SPARQL query (which loads the whole store): ({iri: n}, run)."""
    r = corridor("--store", store, "query",
                 "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g",
                 "--format", "csv")
    if r.returncode != 0:
        return None, r
    rows = list(csv.reader(io.StringIO(r.stdout)))
    counts = {}
    for row in rows[1:]:
        if len(row) >= 2 and row[0]:
            counts[row[0]] = int(row[1])
    return counts, r


def doc_of(iri):
    return iri[len(SOURCE_NS):] if iri and iri.startswith(SOURCE_NS) else None


def store_versions(store, probe):
    """{id: (hash, digest, triples)} of a store that is known to be whole (a reference)."""
    index, _ = read_index(store)
    graphs, r = export_nquads(store, probe)
    must(r, f"export of {store}")
    out = {}
    for doc_id, h in index.items():
        digest, n = graphs.get(SOURCE_NS + doc_id, (None, 0))
        out[doc_id] = (h, digest, n)
    return out


def files_of(folder, skip=()):
    """{relative path: sha256} of every file under folder."""
    folder = Path(folder)
    out = {}
    for p in sorted(folder.rglob("*")):
        rel = str(p.relative_to(folder))
        if p.is_file() and rel not in skip:
            out[rel] = hashlib.sha256(p.read_bytes()).hexdigest()
    return out


def diff_files(a, b, name_a="a", name_b="b"):
    """How two {path: digest} maps differ, one line per file."""
    out = []
    for rel in sorted(set(a) | set(b)):
        if rel not in b:
            out.append(f"{rel}: only in {name_a}")
        elif rel not in a:
            out.append(f"{rel}: only in {name_b}")
        elif a[rel] != b[rel]:
            out.append(f"{rel}: differs")
    return out


def store_fingerprint(store, nq_path):
    """index.tsv bytes and the digest of every graph's N-Quads (export written to nq_path)."""
    index = (Path(store) / "index.tsv").read_bytes()
    graphs, r = export_nquads(store, nq_path)
    return {"index": hashlib.sha256(index).hexdigest(), "graphs": graphs,
            "export_rc": r.returncode, "export_err": tail(r.stderr)}


def plant_decoys(store, rng):
    """Files a killed writer could leave, planted after a kill: the `.tmp` sibling of a graph
    file (its first half) and of the index (the index without its last half of entries), and a
    whole graph under a `.tmp` name no document has. None may be read as a document."""
    store = Path(store)
    graphs = sorted(p for p in (store / "graphs").glob("*") if p.is_file() and not p.name.endswith(".tmp"))
    if not graphs:
        return 0
    victim = rng.choice(graphs)
    data = victim.read_bytes()
    victim.with_suffix(".tmp").write_bytes(data[: len(data) // 2])
    (store / "graphs" / "zz-decoy.tmp").write_bytes(rng.choice(graphs).read_bytes())
    lines = (store / "index.tsv").read_bytes().splitlines(keepends=True)
    (store / "index.tmp").write_bytes(b"".join(lines[: max(1, len(lines) // 2)]))
    return 3


def leftover_tmp(store):
    return sorted(str(p.relative_to(store)) for p in Path(store).rglob("*") if p.name.endswith(".tmp"))


# ---------------------------------------------------------------------------------------------
# Shared state between checks


class Context:
    def __init__(self):
        self.pool = sentence_pool()
        self._reference = None

    def set_reference(self, corpus, store, out):
        self._reference = (Path(corpus), Path(store), Path(out))

    def reference(self):
        """(corpus folder, store, exports) of an uninterrupted build into a fresh store: the
        final corpus of check 1, or a corpus made here when check 1 did not run."""
        if self._reference is None:
            rng = random.Random(f"{SEED}-reference")
            corpus = Corpus(WORK / "ref" / "corpus", self.pool, rng)
            for _ in range(400):
                corpus.new_doc()
            corpus.write()
            r, _ = build(WORK / "ref" / "store", corpus.folder, WORK / "ref" / "out")
            must(r, "reference build")
            self.set_reference(corpus.folder, WORK / "ref" / "store", WORK / "ref" / "out")
        return self._reference

    def copy_reference_store(self, dest):
        _, store, _ = self.reference()
        shutil.copytree(store, dest, ignore=shutil.ignore_patterns("lock"))
        return Path(dest)


# ---------------------------------------------------------------------------------------------
# 1. SIGKILL during build


def check_sigkill(ctx):
    base = WORK / "k1"
    rng = random.Random(f"{SEED}-sigkill")
    corpus = Corpus(base / "corpus", ctx.pool, rng)
    for _ in range(400):
        corpus.new_doc()
    ref_store, ref_out = base / "ref" / "store", base / "ref" / "out"
    store, out = base / "kill" / "store", base / "kill" / "out"
    probe = base / "probe.nq"
    logs = base / "logs"
    logs.mkdir(parents=True)

    version_no = 0
    versions_used = []

    def new_version():
        """Writes the corpus and builds it into the reference store: (versions, seconds)."""
        nonlocal version_no
        if version_no > 0:
            n = len(corpus.docs)
            corpus.change(n_modify=max(1, n // 5), n_remove=max(1, n // 40), n_add=max(1, n // 40))
        corpus.write()
        r, seconds = build(ref_store, corpus.folder, ref_out)
        must(r, f"reference build of version {version_no}")
        target = store_versions(ref_store, probe)
        versions_used.append((version_no, len(target), seconds))
        version_no += 1
        return target, seconds

    target, duration = new_version()
    state = {}  # id -> (hash, digest, triples) the killed store holds, as last verified
    open_failures, whole_failures = [], []
    killed_broken = 0  # kills after which the store did not open or held a broken document
    kills = finished = attempts = since_change = 0
    max_tmp = 0
    mixed = 0  # kills after which the store held some documents old and some new
    planted = 0  # decoy .tmp files put beside the store's files

    def verify(before, label):
        """Checks the store after a kill against `before` and `target`; returns what it holds."""
        nonlocal killed_broken
        failed_before = len(open_failures) + len(whole_failures)
        now = verify_held(before, label)
        if label.startswith("kill") and len(open_failures) + len(whole_failures) > failed_before:
            killed_broken += 1
        return now

    def verify_held(before, label):
        problems = []
        counts, rq = graph_counts(store)
        if counts is None:
            open_failures.append(f"{label}: query exited {rq.returncode}: {tail(rq.stderr)}")
        try:
            index, dups = read_index(store)
        except Exception as e:  # noqa: BLE001 - reported
            open_failures.append(f"{label}: index.tsv unreadable: {e}")
            return dict(before)
        graphs, rx = export_nquads(store, probe)
        if graphs is None:
            open_failures.append(f"{label}: export exited {rx.returncode}: {tail(rx.stderr)}")
            graphs = {}
        for d in dups:
            problems.append(f"{d}: listed twice in index.tsv")
        for doc_id in index:
            if ".tmp" in doc_id or not doc_id.startswith(corpus.prefix + "-"):
                problems.append(f"index.tsv lists {doc_id!r}, not a document of the corpus")
        exported = {doc_of(g) for g in graphs}
        loaded = set() if counts is None else {doc_of(g) for g in counts}
        for name, seen in (("export", exported), ("query", loaded)):
            for doc_id in sorted(seen - set(index), key=str):
                problems.append(f"the {name} holds a graph of {doc_id!r} that index.tsv does not list")
        now = {}
        for doc_id in sorted(set(before) | set(target) | set(index)):
            old, new = before.get(doc_id), target.get(doc_id)
            if doc_id not in index:
                if old is not None and new is not None:
                    problems.append(f"{doc_id}: lost (neither its old nor its new version is listed)")
                continue
            graph = graphs.get(SOURCE_NS + doc_id)
            held = (index[doc_id], graph[0] if graph else None, graph[1] if graph else 0)
            now[doc_id] = held
            if counts is not None and counts.get(SOURCE_NS + doc_id, 0) != held[2]:
                problems.append(f"{doc_id}: {counts.get(SOURCE_NS + doc_id, 0)} triples loaded, "
                                f"{held[2]} exported")
            if held in (old, new):
                continue
            graph_is = [tag for tag, v in (("old", old), ("new", new)) if v is not None and v[1:] == held[1:]]
            hash_is = [tag for tag, v in (("old", old), ("new", new)) if v is not None and v[0] == held[0]]
            if graph_is and hash_is and not set(graph_is) & set(hash_is):
                problems.append(f"{doc_id}: its graph is the {graph_is[0]} version but index.tsv gives "
                                f"the {hash_is[0]} version's hash (a build of that text would keep "
                                f"the wrong graph)")
                continue
            what = []
            for tag, v in (("old", old), ("new", new)):
                if v is not None:
                    what.append(f"hash {'=' if v[0] == held[0] else '≠'} {tag}, "
                                f"graph {'=' if v[1] == held[1] else '≠'} {tag} ({v[2]} triples)")
            problems.append(f"{doc_id}: holds {held[2]} triples, neither the old nor the new version "
                            f"({'; '.join(what) or 'not in either'})")
        if problems:
            whole_failures.append(f"{label}: " + problems[0] + (f" (+{len(problems) - 1} more)" if len(problems) > 1 else ""))
        return now

    while kills < KILLS and attempts < 3 * KILLS:
        if state == target or since_change >= 4:
            target, duration = new_version()
            since_change = 0
        attempts += 1
        before = state
        delay = rng.uniform(0.05, max(0.2, duration))
        log = open(logs / f"build-{attempts:02d}.log", "w")
        p = subprocess.Popen([str(BIN), "--store", str(store), "build", "--corpus", str(corpus.folder),
                              "--out", str(out), "--no-progress"], cwd=WORK, stdout=log, stderr=log)
        try:
            p.wait(timeout=delay)
        except subprocess.TimeoutExpired:
            p.send_signal(signal.SIGKILL)
            p.wait()
        if p.returncode == -signal.SIGKILL:
            kills += 1
            since_change += 1
            label = f"kill {kills} at {delay:.2f} s (version {version_no - 1})"
        else:
            label = f"build {attempts} (finished before the kill at {delay:.2f} s, exit {p.returncode})"
            finished += 1
            if p.returncode != 0:
                whole_failures.append(f"{label}: see {log.name}")
        log.close()
        max_tmp = max(max_tmp, len(leftover_tmp(store)))
        if label.startswith("kill") and kills % 6 == 0:
            planted += plant_decoys(store, rng)
        state = verify(before, label)
        if any(state.get(i) != target.get(i) for i in set(state) | set(target)) and \
                any(state.get(i) != before.get(i) for i in set(state) | set(before)):
            mixed += 1

    note(f"{kills} kills ({mixed} left the store between two versions), {finished} builds "
         f"finished first, {planted} decoy .tmp files planted, {version_no} corpus versions "
         f"({', '.join(f'{n} docs {s:.1f} s' for _, n, s in versions_used)}); "
         f"at most {max_tmp} .tmp files left in the store after a kill")
    if kills < min(20, KILLS):
        open_failures.append(f"only {kills} of {KILLS} builds were killed in {attempts} attempts")
    check(not open_failures, f"sigkill: the store opens after each of {kills} kills of build",
          open_failures)
    check(not whole_failures,
          f"sigkill: only whole documents (old or new version, no .tmp) after each kill "
          f"({kills - killed_broken} of {kills} kills survived)", whole_failures)

    # The final run completes; its exports are those of a fresh store.
    r, seconds = build(store, corpus.folder, out)
    fresh_store, fresh_out = base / "fresh" / "store", base / "fresh" / "out"
    rf, _ = build(fresh_store, corpus.folder, fresh_out)
    problems = []
    if r.returncode != 0:
        problems.append(f"the final build exited {r.returncode}: {tail(r.stderr)}")
    if rf.returncode != 0:
        problems.append(f"the fresh build exited {rf.returncode}: {tail(rf.stderr)}")
    else:
        ctx.set_reference(corpus.folder, fresh_store, fresh_out)
        problems += diff_files(files_of(out), files_of(fresh_out), "the killed store's exports",
                               "the fresh build's exports")
        held, _ = read_index(store)
        fresh, _ = read_index(fresh_store)
        if held != fresh:
            problems.append(f"index.tsv: the killed store lists {len(held)} documents, the fresh "
                            f"one {len(fresh)}; {sum(1 for k in fresh if held.get(k) != fresh[k])} differ")
    check(not problems, f"sigkill: a final build completes ({seconds:.1f} s) with every export "
          f"file equal to a fresh store's", problems)


# ---------------------------------------------------------------------------------------------
# 2. Two writers


def check_two_writers(ctx):
    base = WORK / "k2"
    corpus_dir, _, ref_out = ctx.reference()
    rng = random.Random(f"{SEED}-two-writers")
    store, out = base / "store", base / "out"
    # The second writer's documents: ten of the corpus's ids with other text.
    changes = base / "changes"
    changes.mkdir(parents=True)
    pool = ctx.pool
    for path in sorted(corpus_dir.glob("*.txt"))[:10]:
        (changes / path.name).write_text("".join(rng.sample(pool, 15)) + "\n", encoding="utf-8")

    log = open(base / "build.log", "w")
    first = subprocess.Popen([str(BIN), "--store", str(store), "build", "--corpus", str(corpus_dir),
                              "--out", str(out), "--no-progress"], cwd=WORK, stdout=log, stderr=log)
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and first.poll() is None and not (store / "index.tsv").exists():
        time.sleep(0.05)
    time.sleep(0.5)
    problems = []
    t = time.monotonic()
    started_while_running = first.poll() is None
    second = subprocess.run([str(BIN), "--store", str(store), "ingest", str(changes)],
                            capture_output=True, text=True, timeout=600, cwd=WORK)
    seconds = time.monotonic() - t
    ended_while_running = first.poll() is None
    rc1 = first.wait(timeout=600)
    log.close()
    if not started_while_running:
        problems.append(f"inconclusive: the build had ended (exit {rc1}) before the second ingest "
                        "started; a larger corpus is needed")
    elif not ended_while_running:
        problems.append(f"the second ingest ended only after the build had (it waited for it or "
                        f"ran beside it, {seconds:.1f} s)")
    if second.returncode != 4:
        problems.append(f"the second writer exited {second.returncode}, not 4 (after {seconds:.1f} s)")
    if LOCKED_MESSAGE not in second.stderr:
        problems.append(f"its standard error lacks {LOCKED_MESSAGE!r}: {tail(second.stderr)}")
    if seconds > 5:
        problems.append(f"it took {seconds:.1f} s to end, not a quick refusal")
    check(not problems, f"two writers: a second ingest beside a build is refused at once "
          f"(exit {second.returncode} after {seconds:.1f} s)", problems)

    problems = []
    if rc1 != 0:
        problems.append(f"the first writer (build) exited {rc1}: see {base / 'build.log'}")
    counts, rq = graph_counts(store)
    if counts is None:
        problems.append(f"the store does not open: query exited {rq.returncode}: {tail(rq.stderr)}")
    r, _ = build(store, corpus_dir, out)
    if r.returncode != 0:
        problems.append(f"the second build exited {r.returncode}: {tail(r.stderr)}")
    else:
        problems += diff_files(files_of(out), files_of(ref_out), "this build", "the reference build")
    check(not problems, "two writers: afterwards the store opens and a build gives the "
          "reference exports, byte for byte", problems)


# ---------------------------------------------------------------------------------------------
# 3. serve during ingest


def check_serve(ctx):
    base = WORK / "k3"
    base.mkdir(parents=True)
    store = ctx.copy_reference_store(base / "store")
    corpus_dir, _, _ = ctx.reference()
    rng = random.Random(f"{SEED}-serve")
    changes = base / "changes"
    changes.mkdir()
    existing = sorted(corpus_dir.glob("*.txt"))
    for path in rng.sample(existing, min(40, len(existing))):
        text = path.read_text(encoding="utf-8")
        (changes / path.name).write_text(text + "\n" + "".join(rng.sample(ctx.pool, 4)) + "\n",
                                         encoding="utf-8")
    new_ids = [f"served-{i:03d}" for i in range(15)]
    for doc_id in new_ids:
        (changes / f"{doc_id}.txt").write_text("\n\n".join(
            "".join(rng.sample(ctx.pool, 4)) for _ in range(5)) + "\n", encoding="utf-8")

    errlog = open(base / "serve.log", "w")
    server, base_url, first_line = start_server(store, errlog)
    answers, lock, stop = [], threading.Lock(), threading.Event()
    client = None
    try:
        if base_url is None:
            check(False, "serve during ingest: the server starts", [f"first line: {first_line!r}"])
            return
        count_q = "SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"
        ask_q = f"ASK {{ GRAPH <{SOURCE_NS}{new_ids[-1]}> {{ ?s ?p ?o }} }}"

        def ask(query):
            url = f"{base_url}/sparql?" + urllib.parse.urlencode({"query": query})
            req = urllib.request.Request(url, headers={"Accept": "application/sparql-results+json"})
            t = time.monotonic()
            try:
                with urllib.request.urlopen(req, timeout=60) as resp:
                    status, body = resp.status, resp.read()
            except urllib.error.HTTPError as e:
                return t, f"HTTP {e.code}: {e.read()[:200]!r}", None
            except Exception as e:  # noqa: BLE001 - a connection error is what is checked
                return t, f"{type(e).__name__}: {e}", None
            if status != 200:
                return t, f"HTTP {status}", None
            try:
                doc = json.loads(body)
                if "boolean" in doc:
                    return t, None, bool(doc["boolean"])
                rows = doc["results"]["bindings"]
                assert isinstance(doc["head"]["vars"], list)
                return t, None, int(rows[0]["n"]["value"])
            except Exception as e:  # noqa: BLE001
                return t, f"malformed answer ({e}): {body[:200]!r}", None

        def loop():
            i = 0
            while not stop.is_set():
                query = count_q if i % 3 else ask_q
                t, error, value = ask(query)
                with lock:
                    answers.append((t, query is count_q, error, value))
                i += 1
                time.sleep(0.02)

        client = threading.Thread(target=loop, daemon=True)
        client.start()
        # The ingest starts once the server has answered from the store it loaded.
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            with lock:
                if sum(1 for a in answers if a[2] is None) >= 3:
                    break
            time.sleep(0.05)
        r = corridor("--store", store, "ingest", changes)
        ingest_end = time.monotonic()
        expected = len(read_index(store)[0])
        seen_at = None
        deadline = ingest_end + 5 * RELOAD_PERIOD + 2
        while time.monotonic() < deadline:
            with lock:
                after = [a for a in answers if a[0] > ingest_end and a[2] is None]
            counts = [a[3] for a in after if a[1]]
            asks = [a[3] for a in after if not a[1]]
            if counts and counts[-1] == expected and asks and asks[-1] is True:
                seen_at = time.monotonic() - ingest_end
                break
            time.sleep(0.1)
        time.sleep(0.5)
        stop.set()
        client.join(timeout=90)
        with lock:
            errors = [f"{a[0] - ingest_end:+.1f} s: {a[2]}" for a in answers if a[2] is not None]
            total = len(answers)
            last = next((a[3] for a in reversed(answers) if a[1] and a[2] is None), None)
        check(not errors and total > 0,
              f"serve during ingest: all {total} answers were 200 with well-formed SPARQL JSON "
              f"(times relative to the ingest's end)", errors)
        problems = []
        if r.returncode != 0:
            problems.append(f"the ingest exited {r.returncode}: {tail(r.stderr)}")
        if seen_at is None:
            problems.append(f"{5 * RELOAD_PERIOD + 2:.0f} s after the ingest the server still "
                            f"answers {last} graphs (the store has {expected}) or lacks the new "
                            f"document's graph")
        check(not problems, f"serve during ingest: the new data is served "
              f"{'%.1f s' % seen_at if seen_at is not None else 'never'} after the ingest ends "
              f"({expected} graphs)", problems)
    finally:
        stop.set()
        stop_server(server)
        errlog.close()


# ---------------------------------------------------------------------------------------------
# 4. Disk full


def mounted_under(folder):
    folder = str(Path(folder).resolve())
    out = []
    with open("/proc/mounts") as f:
        for line in f:
            target = line.split()[1].replace("\\040", " ")
            if target == folder or target.startswith(folder + "/"):
                out.append(target)
    return sorted(out, key=len, reverse=True)


def unmount(target):
    if subprocess.run(["umount", target], capture_output=True).returncode != 0:
        subprocess.run(["umount", "-l", target], capture_output=True)


def free_bytes(folder):
    st = os.statvfs(folder)
    return st.f_bavail * st.f_frsize


def fill(folder, leave):
    """A filler file that leaves about `leave` bytes free (on tmpfs, in whole pages)."""
    filler = Path(folder) / "filler"
    chunk = b"\0" * (1 << 20)
    with open(filler, "wb") as f:
        while True:
            room = free_bytes(folder) - leave
            if room <= 0:
                break
            try:
                f.write(chunk[:min(len(chunk), room)])
                f.flush()
            except OSError:
                break
    return filler


def clear_error(r, phrase, path_prefix):
    """Problems with how a command failed: exit status, one clear message naming a path."""
    problems = []
    if r.returncode <= 0:
        problems.append(f"exit status {r.returncode}, expected a failure (positive)")
    lines = [l for l in r.stderr.splitlines() if l.strip()]
    if "panicked" in r.stderr:
        problems.append("it panicked: " + tail(r.stderr))
    said = [l for l in lines if phrase in l]
    if not said:
        problems.append(f"standard error lacks {phrase!r}: {tail(r.stderr)}")
    elif not any(str(path_prefix) in l for l in said):
        problems.append(f"the message does not name a file under {path_prefix}: {tail(r.stderr)}")
    if len(said) > 1:
        problems.append(f"{len(said)} messages, not one: {tail(r.stderr, 8)}")
    return problems


def check_disk_full(ctx):
    base = WORK / "k4"
    full = WORK / "full"
    base.mkdir(parents=True)
    full.mkdir()
    rng = random.Random(f"{SEED}-disk-full")
    corpus = Corpus(base / "corpus-a", ctx.pool, rng, prefix="small")
    for _ in range(30):
        corpus.new_doc()
    corpus.write()
    corpus.change(n_modify=30, n_remove=0, n_add=15)
    changed = corpus.write(base / "corpus-b")

    m = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=64m,mode=0755", "corridor-faults", str(full)],
                       capture_output=True, text=True)
    if m.returncode != 0:
        check(False, "disk full: mount a tmpfs", [m.stderr.strip()])
        return
    try:
        store, out = full / "store", full / "out"
        r, _ = build(store, base / "corpus-a", out)
        must(r, "the first build on the tmpfs")
        before = store_fingerprint(store, base / "before.nq")
        store_files_before = files_of(store, skip=("lock",))
        exports_before = files_of(out)
        outside = base / "store-outside"
        shutil.copytree(store, outside, ignore=shutil.ignore_patterns("lock"))
        used = sum(p.stat().st_size for p in full.rglob("*") if p.is_file())
        # Less room than the changed documents' compressed graphs and texts take (a few KiB
        # each): the ingest runs out of space part way.
        filler = fill(full, leave=16 * 1024)
        note(f"tmpfs of 64 MiB: {used / 2**20:.1f} MiB after the first build, filled to "
             f"{free_bytes(full) // 1024} KiB free")

        # An ingest that runs out of space.
        r = corridor("--store", store, "ingest", changed)
        problems = clear_error(r, "No space left on device", store)
        check(not problems, f"disk full: an ingest out of space fails with one clear error "
              f"(exit {r.returncode}: {tail(r.stderr, 2)})", problems)

        # A build whose exports folder is on the full disk (its store is not).
        rb = corridor("--store", outside, "build", "--corpus", changed, "--out", out, "--no-progress")
        problems = clear_error(rb, "No space left on device", out)
        check(not problems, f"disk full: a build whose exports do not fit fails with one clear "
              f"error (exit {rb.returncode}: {tail(rb.stderr, 2)})", problems)
        problems = diff_files(exports_before, files_of(out), "the previous exports", "after the failed build")
        check(not problems, "disk full: the previous exports in that folder are whole and unchanged "
              "(corridor should write them aside and swap them in)", problems)

        filler.unlink()
        leftovers = sorted(set(files_of(store, skip=("lock",))) - set(store_files_before))
        after = store_fingerprint(store, base / "after.nq")
        counts, rq = graph_counts(store)
        problems = []
        if after["index"] != before["index"]:
            problems.append("index.tsv changed")
        if after["export_rc"] != 0:
            problems.append(f"export exited {after['export_rc']}: {after['export_err']}")
        elif after["graphs"] != before["graphs"]:
            changed_graphs = sorted(str(doc_of(g)) for g in set(before["graphs"]) | set(after["graphs"])
                                    if before["graphs"].get(g) != after["graphs"].get(g))
            problems.append(f"the N-Quads of {len(changed_graphs)} graphs changed: {', '.join(changed_graphs[:8])}")
        if counts is None:
            problems.append(f"the store does not open: query exited {rq.returncode}: {tail(rq.stderr)}")
        if leftovers:
            note(f"{len(leftovers)} files the failed ingest left in the store (swept at the next "
                 f"write, if the store does): {', '.join(leftovers[:5])}")
        check(not problems, "disk full: with the space freed the store is as before the failed "
              "ingest (index, every graph) and opens", problems)
    finally:
        for target in mounted_under(full):
            unmount(target)


# ---------------------------------------------------------------------------------------------
# 5. Permission denied


def traversable_by_nobody(path):
    return subprocess.run(NOBODY + ["test", "-x", str(path)], capture_output=True).returncode == 0


def check_permissions(ctx):
    own_tmp = None
    base = WORK / "k5"
    base.mkdir(parents=True)
    os.chmod(base, 0o755)
    if not traversable_by_nobody(base):
        own_tmp = Path(tempfile.mkdtemp(prefix="corridor-faults-"))
        base = own_tmp
    try:
        os.chmod(base, 0o755)
        binary = base / "corridor"
        shutil.copy2(BIN, binary)
        os.chmod(binary, 0o755)
        rng = random.Random(f"{SEED}-permissions")
        corpus = Corpus(base / "corpus", ctx.pool, rng, prefix="perm")
        for _ in range(20):
            corpus.new_doc()
        corpus.write()
        corpus.change(n_modify=10, n_remove=0, n_add=5)
        changed = corpus.write(base / "changed")
        for d in (base / "corpus", changed):
            os.chmod(d, 0o755)
            for p in d.iterdir():
                os.chmod(p, 0o644)
        store, out = base / "store", base / "out"
        r, _ = build(store, base / "corpus", out)
        must(r, "the build as root")
        for d in [store, out, *[p for p in store.rglob("*") if p.is_dir()],
                  *[p for p in out.rglob("*") if p.is_dir()]]:
            os.chmod(d, 0o755)

        def as_nobody(*args):
            return subprocess.run(NOBODY + [str(binary), *map(str, args)], capture_output=True,
                                  text=True, timeout=600, cwd=base, env=child_env(True))

        v = as_nobody("--version")
        if v.returncode != 0:
            check(False, "permission denied: corridor runs as nobody", [tail(v.stderr)])
            return
        store_before = files_of(store, skip=("lock",))
        r = as_nobody("--store", store, "ingest", changed)
        problems = clear_error(r, "Permission denied", store)
        problems += diff_files(store_before, files_of(store, skip=("lock",)), "before", "after")
        check(not problems, f"permission denied: an ingest as nobody into root's store fails "
              f"clearly and leaves it unchanged (exit {r.returncode}: {tail(r.stderr, 2)})", problems)

        # A store nobody may write, exports into root's folder.
        own_store = base / "nobody-store"
        shutil.copytree(store, own_store, ignore=shutil.ignore_patterns("lock"))
        for p in [own_store, *own_store.rglob("*")]:
            os.chown(p, 65534, 65534)
        exports_before = files_of(out)
        r = as_nobody("--store", own_store, "build", "--corpus", changed, "--out", out, "--no-progress")
        problems = clear_error(r, "Permission denied", out)
        problems += diff_files(exports_before, files_of(out), "before", "after")
        check(not problems, f"permission denied: a build as nobody with root's --out fails clearly "
              f"and leaves the exports unchanged (exit {r.returncode}: {tail(r.stderr, 2)})", problems)
    finally:
        if own_tmp is not None:
            shutil.rmtree(own_tmp, ignore_errors=True)


# ---------------------------------------------------------------------------------------------
# 6. Hostile inputs

SPARQL_JSON = "application/sparql-results+json"
COUNT_QUERY = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
HOSTILE_ID = SOURCE_NS + "../../pwn-target/owned"
HOSTILE_TOKEN = "corridor-faults-token"


def sparql(base_url, query, timeout=60):
    return http("POST", base_url + "/sparql", query, {"Content-Type": "application/sparql-query",
                                                        "Accept": SPARQL_JSON}, timeout)


def query_page(base_url, query, timeout=60):
    return http("GET", base_url + "/query?" + urllib.parse.urlencode({"query": query}),
                timeout=timeout)


def sparql_update(base_url, text, token=HOSTILE_TOKEN, timeout=60):
    return http("POST", base_url + "/update", text, {"Content-Type": "application/sparql-update",
                                                       "Authorization": f"Bearer {token}"}, timeout)


def answered(result):
    """An answer for a failure's details: status, seconds and the body's first line."""
    status, body, seconds = result
    first = body.decode("utf-8", "replace").strip().splitlines()[:1]
    return f"{status} after {seconds:.2f} s" + (f": {first[0][:160]}" if first else "")


def objects_of(result):
    """The values of ?o in a SPARQL JSON answer (None when it is not one)."""
    status, body, _ = result
    if status != 200:
        return None
    try:
        return [row["o"]["value"] for row in json.loads(body)["results"]["bindings"] if "o" in row]
    except Exception:  # noqa: BLE001 - reported by the caller
        return None


def rss_kib(pid):
    """VmRSS of a process, in KiB (None once it has gone)."""
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except OSError:
        return None
    return None


def descendants(pid):
    """The ids of a process's children, their children and so on."""
    parents = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as f:
                stat = f.read()
        except OSError:
            continue
        parents[int(entry)] = int(stat[stat.rfind(")") + 2:].split()[1])
    out, todo = [], [pid]
    while todo:
        p = todo.pop()
        for child, parent in parents.items():
            if parent == p:
                out.append(child)
                todo.append(child)
    return out


def tree_rss_kib(pid):
    return sum(rss_kib(p) or 0 for p in [pid, *descendants(pid)])


def nested_queries(n=1000):
    """Queries nested n levels deep, in the ways a parser recurses: {name: text}."""
    return {
        "parentheses in a FILTER": "SELECT * WHERE { ?s ?p ?o FILTER(" + "(" * n + "?o" + ")" * n + ") }",
        "braces": "SELECT * WHERE " + "{" * n + " ?s ?p ?o " + "}" * n,
        "( ) lists": "SELECT * WHERE { ?s ?p " + "(" * n + "1" + ")" * n + " }",
        "STR( calls": "SELECT * WHERE { ?s ?p ?o FILTER(" + "STR(" * n + "?o" + ")" * n + ") }",
        f"{10 * n} !": "SELECT * WHERE { ?s ?p ?o FILTER(" + "!" * (10 * n) + "?o) }",
        f"{2 * n} UNION {{}}": "SELECT * WHERE { {} " + "UNION {} " * (2 * n) + "}",
        "sub-SELECTs": "SELECT * WHERE " + "{ SELECT * WHERE " * n + "{ ?s ?p ?o }" + " }" * n,
        "[ ] blank nodes": "SELECT * WHERE { ?s ?p " + "[ ?p " * n + "?o" + " ]" * n + " }",
    }


def hostile_nesting(base, store):
    errlog = open(base / "serve-nesting.log", "w")
    server, url, first_line = start_server(store, errlog)
    try:
        if url is None:
            check(False, "hostile: nested queries: the server starts", [f"first line: {first_line!r}"])
            return
        problems = []
        sent = 0
        for name, query in nested_queries(1000).items():
            for how, ask in (("POST /sparql", sparql), ("GET /query", query_page)):
                r = ask(url, query)
                sent += 1
                if r[0] != 400:
                    problems.append(f"{name}, {how}: answered {answered(r)}, not 400")
                after = sparql(url, COUNT_QUERY)
                if after[0] != 200:
                    problems.append(f"{name}, {how}: the next normal query was answered "
                                    f"{answered(after)} (server {'alive' if server.poll() is None else f'exited {server.returncode}'})")
        if server.poll() is not None:
            problems.append(f"the server exited {server.returncode}: {tail(open(errlog.name).read())}")
        check(not problems, f"hostile: {sent} queries nested 1,000 levels (8 kinds, POST /sparql and "
              f"GET /query) answered 400, each followed by a normal query answered 200", problems)

        problems, slowest = [], 0.0
        for name, query in (
                ("!( nested 30 levels", "SELECT * WHERE { ?s ?p ?o FILTER(" + "!(" * 30 + "?o" + ")" * 30 + ") }"),
                ("REGEX( nested 30 levels",
                 "SELECT * WHERE { ?s ?p ?o FILTER(" + "REGEX(" * 30 + "?o" + ', "a")' * 30 + ") }")):
            for how, ask in (("POST /sparql", sparql), ("GET /query", query_page)):
                r = ask(url, query, timeout=30)
                slowest = max(slowest, r[2])
                if r[0] != 400 or r[2] >= 2:
                    problems.append(f"{name}, {how}: answered {answered(r)} (400 in under 2 s expected)")
        if sparql(url, COUNT_QUERY)[0] != 200:
            problems.append("a normal query afterwards was not answered 200")
        check(not problems, f"hostile: `!(` and `REGEX(` nested 30 levels answered 400 quickly "
              f"(slowest {slowest:.2f} s)", problems)
    finally:
        stop_server(server)
        errlog.close()

    problems = []
    for name, query in nested_queries(5000).items():
        if name not in ("parentheses in a FILTER", "braces", "sub-SELECTs", "[ ] blank nodes"):
            continue
        try:
            r = corridor("--store", store, "query", query, timeout=120)
        except subprocess.TimeoutExpired:
            problems.append(f"{name}: `query` still running after 120 s")
            continue
        if r.returncode <= 0:
            problems.append(f"{name}: `query` exited {r.returncode} (a signal if negative): {tail(r.stderr)}")
        if "overflowed its stack" in r.stderr or "panicked" in r.stderr:
            problems.append(f"{name}: {tail(r.stderr)}")
        elif not r.stderr.strip():
            problems.append(f"{name}: no error message")
    check(not problems, "hostile: `corridor query` with a query nested 5,000 levels (4 kinds) exits "
          "non-zero with an error message, no crash", problems)


def hostile_string_bomb(base, store):
    errlog = open(base / "serve-bomb.log", "w")
    server, url, first_line = start_server(store, errlog, "--query-timeout", "2")
    try:
        if url is None:
            check(False, "hostile: string bomb: the server starts", [f"first line: {first_line!r}"])
            return
        for _ in range(3):
            sparql(url, COUNT_QUERY)
        before = rss_kib(server.pid)
        peak, tree_peak, stop = [before], [before], threading.Event()

        def watch():
            while not stop.is_set():
                peak[0] = max(peak[0], rss_kib(server.pid) or 0)
                tree_peak[0] = max(tree_peak[0], tree_rss_kib(server.pid))
                time.sleep(0.05)

        watcher = threading.Thread(target=watch, daemon=True)
        watcher.start()
        bomb = ('SELECT ?x40 WHERE { BIND("0123456789abcdef" AS ?x0) '
                + " ".join(f"BIND(CONCAT(?x{i - 1}, ?x{i - 1}) AS ?x{i})" for i in range(1, 41)) + " }")
        r = sparql(url, bomb, timeout=120)
        answered_at = time.monotonic()
        now = rss_kib(server.pid)
        while now is not None and now > before * 1.1 and time.monotonic() - answered_at < 5:
            time.sleep(0.1)
            now = rss_kib(server.pid)
        back_after = time.monotonic() - answered_at
        stop.set()
        watcher.join()
        left = descendants(server.pid)
        after = sparql(url, COUNT_QUERY)
        problems = []
        if r[0] not in (408, 503):
            problems.append(f"the bomb was answered {answered(r)}, not 408 or 503")
        if after[0] != 200:
            problems.append(f"a normal query afterwards was answered {answered(after)}")
        if server.poll() is not None:
            problems.append(f"the server exited {server.returncode}: {tail(open(errlog.name).read())}")
        check(not problems, f"hostile: a string bomb (CONCAT doubled 40 times) answered {r[0]} after "
              f"{r[2]:.1f} s (--query-timeout 2), then a normal query 200", problems)
        if left:
            note(f"{len(left)} processes of the server still running 5 s after the bomb's answer")
        ok = now is not None and now <= before * 1.1
        check(ok, f"hostile: the server's RSS is back within 10 % after the bomb ({before // 1024} MiB "
              f"before, peak {peak[0] // 1024} MiB in the server's process and {tree_peak[0] // 1024} MiB "
              f"with its query processes, {(now or 0) // 1024} MiB {back_after:.1f} s after the answer)",
              [f"VmRSS {before} KiB before, {now} KiB 5 s after the answer"])
    finally:
        stop_server(server)
        errlog.close()


def hostile_cross_products(base, store):
    errlog = open(base / "serve-cross.log", "w")
    server, url, first_line = start_server(store, errlog, "--query-timeout", "10")
    try:
        if url is None:
            check(False, "hostile: cross products: the server starts", [f"first line: {first_line!r}"])
            return
        cross = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
        results, started = {}, time.monotonic()

        def run(i):
            results[i] = sparql(url, cross, timeout=120)

        threads = [threading.Thread(target=run, args=(i,), daemon=True) for i in range(4)]
        for t in threads:
            t.start()
        time.sleep(1.0)
        running_at_page = sum(1 for t in threads if t.is_alive())
        page = http("GET", url + "/", timeout=5)
        count = sparql(url, COUNT_QUERY, timeout=30)
        running_at_count = sum(1 for t in threads if t.is_alive())
        for t in threads:
            t.join(timeout=120)
        problems = []
        if page[0] != 200 or page[2] >= 5:
            problems.append(f"GET / was answered {answered(page)} (200 within 5 s expected)")
        if count[0] != 200:
            problems.append(f"the cheap count was answered {answered(count)}")
        if running_at_count == 0:
            problems.append("inconclusive: the cross products had all ended before the cheap count")
        statuses = [results.get(i, ("no answer", b"", 0))[0] for i in range(4)]
        bad = [f"cross product {i}: {answered(results[i]) if i in results else 'no answer'}"
               for i, s in enumerate(statuses) if s not in (200, 408, 503)]
        problems += bad
        if server.poll() is not None:
            problems.append(f"the server exited {server.returncode}: {tail(open(errlog.name).read())}")
        check(not problems, f"hostile: while 4 cross products run ({running_at_page} still running), GET / "
              f"answers {page[0]} in {page[2]:.2f} s and a cheap count {count[0]} in {count[2]:.2f} s "
              f"(the cross products: {', '.join(map(str, statuses))}, "
              f"{time.monotonic() - started:.0f} s)", problems)
    finally:
        stop_server(server)
        errlog.close()


def hostile_pull(base):
    empty, served = base / "empty", base / "served-store"
    empty.mkdir()
    must(corridor("--store", served, "ingest", empty), "ingest of an empty folder")
    errlog = open(base / "serve-pull.log", "w")
    env = child_env()
    env["CORRIDOR_TOKEN"] = HOSTILE_TOKEN
    server, url, first_line = start_server(served, errlog, "--writable", env=env)
    try:
        if url is None:
            check(False, "hostile: pull: the server starts", [f"first line: {first_line!r}"])
            return
        u = sparql_update(url, f"INSERT DATA {{ GRAPH <https://w3id.org/corridor/id/store> {{ "
                               f"<{HOSTILE_ID}> <https://w3id.org/corridor/ontology#ingestHash> \"0123\" }} "
                               f"GRAPH <{HOSTILE_ID}> {{ <urn:a> <urn:b> <urn:c> }} }}")
        if u[0] != 204:
            check(False, "hostile: pull: the hostile record is inserted", [f"update answered {answered(u)}"])
            return
        mirror = base / "x" / "mirror"
        mirror.parent.mkdir()
        r = corridor("--store", mirror, "pull", "--no-progress", "--from", url + "/sparql", timeout=120)
    finally:
        stop_server(server)
        errlog.close()
    problems = []
    if r.returncode <= 0:
        problems.append(f"pull exited {r.returncode}: {tail(r.stderr)}")
    if "pwn-target/owned" not in r.stderr:
        problems.append(f"standard error does not name the id: {tail(r.stderr)}")
    planted = [str(Path(d) / n) for d, dirs, files in os.walk(WORK) for n in dirs + files
               if "pwn-target" in n]
    planted += [str(p) for p in (WORK.parent / "pwn-target", Path("/pwn-target")) if p.exists()]
    if planted:
        problems.append(f"written outside the store: {', '.join(planted[:5])}")
    said = tail(r.stderr, 1)
    check(not problems, f"hostile: pull of a document whose id is `../../pwn-target/owned` exits "
          f"{r.returncode} naming it and writes nothing outside the store (…{said[-150:]})", problems)


def pdf_of(objects):
    """A PDF of the objects given (numbered from 1, the first the catalog), with its
    cross-reference table."""
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for i, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def pdf_stream(entries, data):
    return b"<< %s /Length %d >>\nstream\n" % (entries.encode(), len(data)) + data + b"\nendstream"


def one_page_pdf(content, xobjects="", more=()):
    """One page whose content is `content` (object 5), with the font F1 (object 4), the
    XObjects named and the objects after them (from 6)."""
    return pdf_of([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        (f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 5 0 R "
         f"/Resources << /Font << /F1 4 0 R >> /XObject << {xobjects} >> >> >>").encode(),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        content,
        *more,
    ])


def nested_arrays_pdf(depth=100_000):
    return pdf_of([b"<< /Type /Catalog /Pages 2 0 R /Deep " + b"[" * depth + b"]" * depth + b" >>",
                   b"<< /Type /Pages /Kids [] /Count 0 >>"])


def text_bomb_pdf(levels=8, fan=16):
    """Forms X0..X{levels-1}, each drawing the one below `fan` times, X0 a line of text."""
    forms = []
    for k in range(levels):
        if k == 0:
            content = b"BT /F1 12 Tf 72 700 Td (The bomb line repeats its words again and again.) Tj ET"
            below = ""
        else:
            content = b"/X%d Do\n" % (k - 1) * fan
            below = f"/X{k - 1} {5 + k} 0 R"
        forms.append(pdf_stream("/Type /XObject /Subtype /Form /BBox [0 0 612 792] "
                                f"/Resources << /Font << /F1 4 0 R >> /XObject << {below} >> >>", content))
    top = levels - 1
    return one_page_pdf(pdf_stream("", b"/X%d Do" % top), f"/X{top} {6 + top} 0 R", forms)


def flate_bomb_pdf(mib=2048):
    """A page whose Flate content inflates to `mib` MiB of zeros: blocks of 1 MiB each flushed
    whole, so the same bytes repeat; then the last, empty block and the Adler-32 of the zeros."""
    zeros = bytes(1 << 20)
    z = zlib.compressobj(9)
    first = z.compress(zeros) + z.flush(zlib.Z_FULL_FLUSH)
    block = z.compress(zeros) + z.flush(zlib.Z_FULL_FLUSH)
    n = mib << 20
    data = first + block * (mib - 1) + b"\x03\x00" + (((n % 65521) << 16) | 1).to_bytes(4, "big")
    return one_page_pdf(pdf_stream("/Filter /FlateDecode", data))


# Runs a command, then writes its exit status and the largest RSS (KiB) of its processes.
MAXRSS_WRAPPER = """import resource, subprocess, sys
r = subprocess.run(sys.argv[2:])
with open(sys.argv[1], "w") as f:
    f.write(f"{r.returncode} {resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss}")
"""


def measured_build(store, corpus, out, logs, timeout):
    """A build run through MAXRSS_WRAPPER, its process tree's RSS sampled: (exit status or None
    if it ran past timeout, stdout, stderr, seconds, largest RSS of one process, largest sampled
    RSS of the tree), the sizes in KiB."""
    report = logs / "maxrss"
    with open(logs / "build.out", "w") as fo, open(logs / "build.err", "w") as fe:
        t = time.monotonic()
        p = subprocess.Popen([sys.executable, "-c", MAXRSS_WRAPPER, str(report), str(BIN),
                              "--store", str(store), "build", "--no-progress", "--corpus", str(corpus),
                              "--out", str(out)], cwd=WORK, stdout=fo, stderr=fe, env=child_env(),
                             start_new_session=True)
        tree_peak = 0
        while p.poll() is None:
            if time.monotonic() - t > timeout:
                os.killpg(p.pid, signal.SIGKILL)
                p.wait()
                break
            tree_peak = max(tree_peak, tree_rss_kib(p.pid))
            time.sleep(0.1)
        seconds = time.monotonic() - t
    rc, maxrss = None, None
    if report.exists():
        rc, maxrss = map(int, report.read_text().split())
    return (rc, (logs / "build.out").read_text(errors="replace"),
            (logs / "build.err").read_text(errors="replace"), seconds, maxrss, tree_peak)


def failed_lines(stderr, name):
    return [l for l in stderr.splitlines() if l.startswith("failed: ") and name in l]


def good_document():
    return sorted(DATA.glob("*.txt"))[0]


def hostile_pdfs(base):
    corpus = base / "pdfs"
    corpus.mkdir()
    shutil.copyfile(good_document(), corpus / "good.txt")
    pdfs = {"nested-arrays.pdf": nested_arrays_pdf(), "text-bomb.pdf": text_bomb_pdf(),
            "flate-bomb.pdf": flate_bomb_pdf()}
    for name, data in pdfs.items():
        (corpus / name).write_bytes(data)
    logs = base / "pdf-build"
    logs.mkdir()
    limit = 180
    rc, _, stderr, seconds, maxrss, tree_peak = measured_build(base / "pdf-store", corpus,
                                                                base / "pdf-out", logs, timeout=600)
    problems = []
    if rc is None:
        problems.append(f"the build was still running after {seconds:.0f} s and was killed")
    elif rc != 3:
        problems.append(f"the build exited {rc}, not 3: {tail(stderr)}")
    if seconds > limit:
        problems.append(f"the build took {seconds:.0f} s (more than {limit} s)")
    for name in pdfs:
        lines = failed_lines(stderr, name)
        if len(lines) != 1:
            problems.append(f"{name}: {len(lines)} `failed:` lines, not one: {tail(stderr)}")
    if "panicked" in stderr:
        problems.append(f"it panicked: {tail(stderr)}")
    stored = sorted(read_index(base / "pdf-store")[0]) if (base / "pdf-store" / "index.tsv").exists() else []
    if stored != ["good"]:
        problems.append(f"the store lists {stored}, not ['good']")
    if maxrss is None or maxrss >= 3 << 20 or tree_peak >= 3 << 20:
        problems.append(f"peak RSS {maxrss} KiB of one process, {tree_peak} KiB of the tree sampled "
                        f"(under 3 GiB expected)")
    reasons = "; ".join(f"{name}: {failed_lines(stderr, name)[0].split(name, 1)[1].strip(' :')[:90]}"
                        for name in pdfs if failed_lines(stderr, name))
    check(not problems, f"hostile: 3 hostile PDFs beside a good document: exit {rc}, one `failed:` "
          f"line each, the good one stored ({seconds:.1f} s; peak RSS {(maxrss or 0) / 1024:.0f} MiB "
          f"in one process, {tree_peak / 1024:.0f} MiB in the tree as sampled)", problems)
    note(f"the PDFs' reasons: {reasons}")


def hostile_links(base):
    corpus = base / "links"
    corpus.mkdir()
    shutil.copyfile(good_document(), corpus / "good.txt")
    os.symlink("/etc/passwd", corpus / "passwd.txt")
    os.symlink("/dev/zero", corpus / "zero.txt")
    os.mkfifo(corpus / "fifo.txt")
    store, out = base / "links-store", base / "links-out"
    t = time.monotonic()
    try:
        r, _ = build(store, corpus, out, timeout=60)
    except subprocess.TimeoutExpired as e:
        check(False, "hostile: links and special files: the build ends within 60 s",
              [f"killed after {time.monotonic() - t:.0f} s: "
               f"{tail(e.stderr.decode(errors='replace') if isinstance(e.stderr, bytes) else e.stderr)}"])
        return
    seconds = time.monotonic() - t
    problems = []
    if r.returncode != 3:
        problems.append(f"the build exited {r.returncode}, not 3: {tail(r.stderr)}")
    for name in ("passwd.txt", "zero.txt", "fifo.txt"):
        lines = failed_lines(r.stderr, name)
        if not lines:
            problems.append(f"{name}: no `failed:` line names it: {tail(r.stderr)}")
        elif not any(len(l.split(name, 1)[1].strip(" :")) >= 8 for l in lines):
            problems.append(f"{name}: no reason given: {lines[0]}")
    stored = sorted(read_index(store)[0]) if (store / "index.tsv").exists() else []
    if stored != ["good"]:
        problems.append(f"the store lists {stored}, not ['good']")
    secret = Path("/etc/passwd").read_bytes()
    needles = [secret] + [l for l in secret.splitlines() if len(l) >= 12]
    for folder in (store, out):
        for p in sorted(folder.rglob("*")) if folder.exists() else []:
            if p.is_file() and not p.is_symlink():
                data = p.read_bytes()
                found = [n for n in needles if n in data]
                if found:
                    problems.append(f"{p.relative_to(base)} holds /etc/passwd's {found[0][:40]!r}")
    reasons = "; ".join(f"{name}: {failed_lines(r.stderr, name)[0].split(name, 1)[1].strip(' :')[:60]}"
                        for name in ("passwd.txt", "zero.txt", "fifo.txt") if failed_lines(r.stderr, name))
    check(not problems, f"hostile: links to /etc/passwd and /dev/zero and a FIFO: exit {r.returncode} "
          f"after {seconds:.1f} s, each named with a reason, only the good document stored, nothing "
          f"of /etc/passwd in the store", problems)
    note(f"their reasons: {reasons}")


def hostile_journal(base):
    disk = base / "journal-disk"
    disk.mkdir()
    m = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=8m,mode=0755", "corridor-faults-journal",
                        str(disk)], capture_output=True, text=True)
    if m.returncode != 0:
        check(False, "hostile: journal: mount a tmpfs", [m.stderr.strip()])
        return
    graph = "urn:corridor-faults:journal"
    injected = "first line\n#--- end of update ---\n#corridor-update 5 0000\nlast line"
    padding = "0123456789abcdef" * 4096  # 64 KiB
    errlog = open(base / "serve-journal.log", "w")
    server = None
    try:
        empty = base / "journal-empty"
        empty.mkdir()
        store = disk / "store"
        must(corridor("--store", store, "ingest", empty), "ingest of an empty folder on the tmpfs")
        env = child_env()
        env["CORRIDOR_TOKEN"] = HOSTILE_TOKEN
        server, url, first_line = start_server(store, errlog, "--writable", env=env)
        if url is None:
            check(False, "hostile: journal: the server starts", [f"first line: {first_line!r}"])
            return
        all_objects = "SELECT ?o WHERE { GRAPH ?g { ?s ?p ?o } }"
        u1 = sparql_update(url, f'INSERT DATA {{ GRAPH <{graph}> {{ <urn:s> <urn:says> """{injected}""" }} }}')
        filler = fill(disk, leave=0)
        free_when_full = free_bytes(disk)
        u2 = sparql_update(url, f'INSERT DATA {{ GRAPH <{graph}> {{ <urn:s> <urn:says> "lost" . '
                                f'<urn:s> <urn:pads> "{padding}" }} }}')
        seen_full = objects_of(sparql(url, all_objects))
        filler.unlink()
        u3 = sparql_update(url, f'INSERT DATA {{ GRAPH <{graph}> {{ <urn:s> <urn:says> "later" }} }}')
        seen_freed = objects_of(sparql(url, all_objects))
        rc_server = stop_server(server)
        problems = []
        if u1[0] != 204:
            problems.append(f"the update with the journal's markers in a literal was answered {answered(u1)}")
        if seen_freed is None or injected not in seen_freed:
            problems.append(f"the server does not serve the injected literal (objects: {seen_freed})")
        check(not problems, f"hostile: journal: an update whose literal holds `#--- end of update ---` "
              f"and `#corridor-update 5 0000` lines is answered {u1[0]} and served", problems)

        problems = []
        if not isinstance(u2[0], int) or 200 <= u2[0] < 300:
            problems.append(f"the update on the full disk ({free_when_full} bytes free) was "
                            f"answered {answered(u2)}, not a failure")
        if seen_full is None:
            problems.append("the query after it was not answered 200 with SPARQL JSON")
        elif "lost" in seen_full or padding in seen_full:
            problems.append("the server serves the failed update's data")
        if u3[0] != 204:
            problems.append(f"with space again, the update inserting \"later\" was answered {answered(u3)}")
        check(not problems, f"hostile: journal: on the full tmpfs an update inserting \"lost\" is "
              f"answered {u2[0]} and not served; with space again \"later\" is {u3[0]}", problems)

        r = corridor("--store", store, "query", "--format", "csv", all_objects)
        st = corridor("--store", store, "stats")
        problems = []
        if r.returncode != 0:
            problems.append(f"query exited {r.returncode}: {tail(r.stderr)}")
        else:
            values = [row[0] for row in list(csv.reader(io.StringIO(r.stdout)))[1:] if row]
            if injected not in values:
                problems.append(f"the injected literal is not read back: {values[:6]}")
            if "later" not in values:
                problems.append(f"\"later\" is not read back: {values[:6]}")
            if "lost" in values or padding in values:
                problems.append("the failed update's data is read back")
        if st.returncode != 0:
            problems.append(f"stats exited {st.returncode}: {tail(st.stderr)}")
        check(not problems, f"hostile: journal: after SIGTERM (exit {rc_server}) `query` reads the "
              f"injected text and \"later\", not \"lost\", and `stats` exits {st.returncode}", problems)
    finally:
        if server is not None:
            stop_server(server)
        errlog.close()
        for target in mounted_under(disk):
            unmount(target)


def check_hostile(ctx):
    base = WORK / "k6"
    base.mkdir(parents=True)
    corpus = base / "corpus"
    corpus.mkdir()
    shutil.copyfile(good_document(), corpus / "good.txt")
    store = base / "store"
    r, _ = build(store, corpus, base / "out")
    must(r, "the build of the served store")
    parts = [
        ("nested queries", lambda: hostile_nesting(base, store)),
        ("string bomb", lambda: hostile_string_bomb(base, store)),
        ("cross products", lambda: hostile_cross_products(base, store)),
        ("pull with a hostile id", lambda: hostile_pull(base)),
        ("hostile PDFs", lambda: hostile_pdfs(base)),
        ("links and special files", lambda: hostile_links(base)),
        ("journal", lambda: hostile_journal(base)),
    ]
    for name, part in parts:
        t = time.monotonic()
        try:
            part()
        except Exception as e:  # noqa: BLE001 - a part that cannot run fails, the rest go on
            check(False, f"hostile: {name}: could not run ({type(e).__name__}: {e})",
                  traceback.format_exc().strip().splitlines()[-6:])
        note(f"({name}: {time.monotonic() - t:.1f} s)")


# ---------------------------------------------------------------------------------------------

CHECKS = [
    ("1", "sigkill", check_sigkill),
    ("2", "two writers", check_two_writers),
    ("3", "serve during ingest", check_serve),
    ("4", "disk full", check_disk_full),
    ("5", "permission denied", check_permissions),
    ("6", "hostile inputs", check_hostile),
]


def main():
    global BIN, WORK
    if len(sys.argv) != 3:
        sys.exit("usage: check_faults.py CORRIDOR WORK")
    source = Path(sys.argv[1]).resolve()
    WORK = Path(sys.argv[2]).resolve()
    if WORK in (Path("/"), Path.home()) or WORK in REPO.parents or WORK == REPO:
        sys.exit(f"refusing to wipe {WORK}")
    if os.geteuid() != 0:
        sys.exit("check_faults.py needs root (tmpfs, setpriv)")
    print(f"seed {SEED} (CORRIDOR_FAULTS_SEED), {KILLS} kills (CORRIDOR_FAULTS_KILLS)", flush=True)
    started = time.monotonic()
    for target in mounted_under(WORK):
        unmount(target)
    shutil.rmtree(WORK, ignore_errors=True)
    WORK.mkdir(parents=True)
    os.chmod(WORK, 0o755)
    BIN = WORK / "bin" / "corridor"
    BIN.parent.mkdir()
    shutil.copy2(source, BIN)
    os.chmod(BIN.parent, 0o755)
    os.chmod(BIN, 0o755)
    ctx = Context()
    try:
        for num, name, fn in CHECKS:
            if ONLY and num not in ONLY:
                continue
            t = time.monotonic()
            try:
                fn(ctx)
            except Exception as e:  # noqa: BLE001 - a check that cannot run fails
                check(False, f"{name}: could not run ({type(e).__name__}: {e})",
                      traceback.format_exc().strip().splitlines()[-6:])
            note(f"({name}: {time.monotonic() - t:.0f} s)")
    finally:
        for target in mounted_under(WORK):
            unmount(target)
    print(f"{time.monotonic() - started:.0f} s in all", flush=True)
    if failures:
        print(f"check_faults: {len(failures)} failed:", flush=True)
        for f in failures:
            print("  - " + f, flush=True)
        sys.exit(1)
    print("check_faults: all passed", flush=True)


if __name__ == "__main__":
    main()
