#!/usr/bin/env python3
"""Builds a generated corpus in which about 1% of the documents are broken, and checks that
corridor keeps every good document and names every bad one.

    python3 .ci/check_bad_input.py CORRIDOR WORK [--documents N] [--seed S]

Good documents are recombined sentences of the shipped corpus (data/). The broken ones are made
of every kind of bad input met in the wild: invalid UTF-8, GBK without declaration, UTF-16
without byte-order mark, PDF and PNG bytes in a .txt, empty files, a 50 MB single line, NUL
bytes, lone surrogates in HTML entities, mixed traditional and simplified characters, control
characters, 10,000 nested brackets, a 《 never closed. Some of those are readable text (GBK,
UTF-16, mixed scripts, entities, brackets, an unclosed 《, the long line): they must be read,
not refused. The others must each get one `failed:` line naming the file, the summary must
count them, and the exit status must be 3.

Peak memory of the build (the 50 MB line included) is printed and must stay under 4 GiB.
"""

import argparse
import os
import random
import re
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LONG_LINE_BYTES = 50 * 1024 * 1024
PEAK_LIMIT_MIB = 4096


def sentences():
    """Sentences of the shipped corpus, as the pool good documents are drawn from."""
    out = []
    for f in sorted((ROOT / "data").glob("*.txt")):
        text = f.read_text(encoding="utf-8")
        text = re.sub(r"\s+", "", text)
        out.extend(s + "。" for s in text.split("。") if 8 <= len(s) <= 300)
    if not out:
        sys.exit("no sentences in data/")
    return out


def good_text(rng, pool):
    n = rng.randint(4, 14)
    paras = []
    for _ in range(rng.randint(1, 4)):
        paras.append("".join(rng.choice(pool) for _ in range(max(1, n // 2))))
    return "\n\n".join(paras) + "\n"


def bad_inputs(rng, pool):
    """(name, bytes, readable): each kind of broken file. `readable` ones must be ingested."""
    text = good_text(rng, pool)
    utf8 = text.encode("utf-8")
    unit = "".join(rng.choice(pool) for _ in range(40)).encode("utf-8")

    def one_line(size):
        line = (unit * (size // len(unit) + 1))[:size]
        # Cut at a character boundary.
        while line and (line[-1] & 0xC0) == 0x80:
            line = line[:-1]
        if line and line[-1] >= 0xC0:
            line = line[:-1]
        return line
    png = (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(rng.randrange(256) for _ in range(4000)))
    pdf = (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nstream\n"
           + bytes(rng.randrange(256) for _ in range(6000)) + b"\nendstream\n%%EOF\n")
    return [
        ("invalid-utf8", utf8[:200] + b"\xff\xfe\xfa\x80\x80" + utf8[200:400] + b"\xc3\x28", False),
        ("gbk-undeclared", text.encode("gbk", errors="replace"), True),
        ("utf16le-no-bom", text.encode("utf-16-le"), True),
        ("utf16be-no-bom", text.encode("utf-16-be"), True),
        ("png-bytes", png, False),
        ("pdf-bytes", pdf, False),
        ("empty", b"", False),
        ("blank", b" \n\n\t \r\n", False),
        # Over the 16 MiB a document may be: refused by its size, before it is read.
        ("long-line", one_line(LONG_LINE_BYTES), False),
        # Under it: read and extracted like any document.
        ("line-4mb", one_line(4 * 1024 * 1024), True),
        ("nul-bytes", utf8[:300] + b"\x00\x00" + utf8[300:], False),
        ("lone-surrogates", ("<html><body><p>" + text[:200] + "&#xD800;&#55296;" + text[200:]
                             + "</p></body></html>").encode("utf-8"), True),
        ("mixed-scripts", (text[:300] + "中華人民共和國與巴基斯坦伊斯蘭共和國發表聯合聲明，兩國關係" + text[300:]).encode("utf-8"), True),
        ("control-chars", bytes(rng.choice([1, 2, 3, 5, 6, 7, 8, 0x0b, 0x0e, 0x1b, 0x7f])
                                if rng.random() < 0.2 else b for b in b"abc " * 500), False),
        ("nested-brackets", ("（" * 10000 + text + "）" * 10000).encode("utf-8"), True),
        ("unclosed-title", (text[:100] + "《中巴经济走廊远景规划" + text[100:] * 3).encode("utf-8"), True),
    ]


def peak_rss_mib():
    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("corridor")
    ap.add_argument("work")
    ap.add_argument("--documents", type=int, default=10_000)
    ap.add_argument("--seed", type=int, default=int(os.environ.get("BAD_INPUT_SEED", "8")))
    args = ap.parse_args()
    rng = random.Random(args.seed)
    print(f"seed {args.seed}, {args.documents} documents")
    work = Path(args.work)
    shutil.rmtree(work, ignore_errors=True)
    corpus = work / "corpus"
    corpus.mkdir(parents=True)
    pool = sentences()
    kinds = bad_inputs(rng, pool)
    bad_count = max(len(kinds), args.documents // 100)
    # Every kind once, then more of the small ones to reach 1%; the long line once.
    bad = list(kinds)
    small = [k for k in kinds if k[0] not in ("long-line", "line-4mb")]
    while len(bad) < bad_count:
        name, data, readable = rng.choice(small)
        bad.append((name, data, readable))
    slots = rng.sample(range(args.documents), len(bad))
    bad_at = dict(zip(slots, bad))
    expected_failed, expected_good = set(), set()
    for i in range(args.documents):
        if i in bad_at:
            name, data, readable = bad_at[i]
            ending = "html" if name == "lone-surrogates" else "txt"
            path = corpus / f"doc-{i:05d}-{name}.{ending}"
            path.write_bytes(data)
            (expected_good if readable else expected_failed).add(path.name)
        else:
            path = corpus / f"doc-{i:05d}.txt"
            path.write_text(good_text(rng, pool), encoding="utf-8")
            expected_good.add(path.name)
    print(f"{len(expected_good)} readable, {len(expected_failed)} broken "
          f"({len(bad)} bad inputs of {len(kinds)} kinds)")

    store, out = work / "store", work / "out"
    start = time.time()
    run = subprocess.run(
        [args.corridor, "--store", str(store), "build", "--corpus", str(corpus),
         "--out", str(out), "--no-progress"],
        capture_output=True, text=True, errors="replace")
    elapsed = time.time() - start
    peak = peak_rss_mib()
    print(f"build: exit {run.returncode}, {elapsed:.1f} s, peak RSS {peak:.0f} MiB")
    problems = []
    if run.returncode != 3:
        problems.append(f"exit status {run.returncode}, expected 3 (some documents failed)")
    failed_lines = [l for l in run.stderr.splitlines() if l.startswith("failed: ")]
    named = {}
    for line in failed_lines:
        m = re.match(r"failed: (\S+?): (.+)$", line)
        if not m:
            problems.append(f"failure line without file and reason: {line!r}")
            continue
        named.setdefault(Path(m.group(1)).name, []).append(m.group(2))
    for name in sorted(expected_failed):
        if name not in named:
            problems.append(f"{name}: broken but not reported")
        elif len(named[name]) != 1:
            problems.append(f"{name}: reported {len(named[name])} times")
    for name in sorted(set(named) - expected_failed):
        problems.append(f"{name}: readable but reported failed: {named[name][0]}")
    summary = re.search(r"(\d+) ingested, (\d+) unchanged, (\d+) removed, (\d+) failed",
                        run.stderr + run.stdout)
    if not summary:
        problems.append("no summary line")
    elif int(summary.group(4)) != len(expected_failed):
        problems.append(f"summary counts {summary.group(4)} failed, expected {len(expected_failed)}")
    elif int(summary.group(1)) != len(expected_good):
        problems.append(f"summary counts {summary.group(1)} ingested, expected {len(expected_good)}")
    index = store / "index.tsv"
    ids = set()
    if index.is_file():
        for line in index.read_text(encoding="utf-8").splitlines():
            if line and not line.startswith("#"):
                ids.add(line.split("\t")[0])
    else:
        problems.append("the store has no index")
    stems = {Path(n).stem for n in expected_good}
    missing = sorted(stems - ids)
    if missing:
        problems.append(f"{len(missing)} readable documents not in the store, e.g. {missing[:5]}")
    extra = sorted(ids - stems)
    if extra:
        problems.append(f"{len(extra)} broken documents in the store, e.g. {extra[:5]}")
    if peak > PEAK_LIMIT_MIB:
        problems.append(f"peak RSS {peak:.0f} MiB over {PEAK_LIMIT_MIB} MiB")
    reasons = {}
    for name, rs in named.items():
        kind = re.sub(r"^doc-\d+-?", "", Path(name).stem) or "good"
        reasons.setdefault(kind, rs[0])
    for kind in sorted(reasons):
        print(f"  {kind}: {reasons[kind]}")
    print(f"{len(failed_lines)} failure lines; store holds {len(ids)} documents")
    if problems:
        for p in problems[:40]:
            print("FAIL:", p)
        print(run.stderr[-3000:])
        sys.exit(1)
    print("bad input: ok")


if __name__ == "__main__":
    main()
