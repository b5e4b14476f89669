"""The compressed exports read as the README says, and hold what the plain ones hold.

usage: check_compressed.py PLAIN_DIR ZSTD_DIR GZIP_DIR

PLAIN_DIR is a build with `--formats all`; ZSTD_DIR and GZIP_DIR builds of the same store with
`--formats nquads,jsonl,turtle --compress zstd` and `--compress gzip`. pandas reads the JSON Lines
by their ending, rdflib the N-Quads and Turtle through zstandard and gzip, DuckDB the JSON Lines.
"""

import gzip
import sys
from pathlib import Path

import duckdb
import pandas as pd
import rdflib
import rdflib.compare
import zstandard

plain, packed, gz = (Path(p) for p in sys.argv[1:4])
failures = 0


def check(ok, what):
    global failures
    print(("ok   " if ok else "FAIL ") + what)
    failures += not ok


for name in ["corridor.nq", "corridor.ttl", "entities.jsonl", "relations.jsonl"]:
    check(not (packed / name).exists(), f"{name} is not left beside {name}.zst")

for folder, ending in [(packed, "zst"), (gz, "gz")]:
    for name in ["entities.jsonl", "relations.jsonl"]:
        ours = pd.read_json(plain / name, lines=True)
        theirs = pd.read_json(folder / f"{name}.{ending}", lines=True)
        check(ours.equals(theirs), f"pandas reads {name}.{ending} as {name} ({len(theirs)} rows)")
    n = duckdb.sql(f"SELECT count(*) FROM read_json_auto('{folder / ('relations.jsonl.' + ending)}')").fetchall()[0][0]
    check(n == len(pd.read_json(plain / "relations.jsonl", lines=True)), f"DuckDB reads relations.jsonl.{ending}: {n} rows")

opener = {"zst": lambda p: zstandard.open(p, "rb"), "gz": lambda p: gzip.open(p, "rb")}
for folder, ending in [(packed, "zst"), (gz, "gz")]:
    want = rdflib.Dataset()
    want.parse(plain / "corridor.nq", format="nquads")
    got = rdflib.Dataset()
    with opener[ending](folder / f"corridor.nq.{ending}") as f:
        got.parse(f, format="nquads")
    count = lambda d: sum(1 for _ in d.quads((None, None, None, None)))
    check(count(got) == count(want) > 0, f"rdflib reads corridor.nq.{ending}: {count(got)} quads")
    want = rdflib.Graph().parse(plain / "corridor.ttl", format="turtle")
    with opener[ending](folder / f"corridor.ttl.{ending}") as f:
        got = rdflib.Graph().parse(f, format="turtle")
    check(rdflib.compare.isomorphic(got, want), f"corridor.ttl.{ending} is the graph of corridor.ttl")

sys.exit(1 if failures else 0)
