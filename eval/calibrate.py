#!/usr/bin/env python3
"""Measures how often each extraction rule is right and writes the calibration corridor reads.

Usage:
  calibrate.py [--out FILE] [--unseen GOLD EXPORT ...] [--weight W] GOLD EXPORT [[--weight W] GOLD EXPORT ...]
  calibrate.py --reliability [--floor P] GOLD EXPORT [GOLD EXPORT ...]
  calibrate.py --cross-validate [--unseen GOLD EXPORT ...] [--weight W] GOLD EXPORT [[--weight W] GOLD EXPORT ...]

Each GOLD folder holds gold annotations (`../shared/eval/GOLD_FORMAT.md`); each EXPORT folder is
what `corridor build --out` wrote for the same texts. A statement of `relations.jsonl` is right
when its edge matches a gold relation (entities aligned as `rule_precision.py` aligns them).
`--weight W` before a pair makes each of its statements count W times (the texts the rules were
written on overstate their precision: count them less).

The default mode counts, for each relation, rule and class of ends, the statements made and those
right, and writes them as `[[rule]]` rows of FILE (default `ontology/confidence.toml`). A
statement's ends are `known` when both are the gazetteer's entities (ontology/gazetteer.toml) or
named texts of the corpus (`cor:namedText` in the export's `corridor.nq`), else `new`.

`--unseen GOLD EXPORT` names a first reading: what corridor exported for texts before any rule
was drawn from them (kept in `eval/real/devN/first-reading/`). The rules are measured on the
texts they were written on, which overstates how often they are right on new text; the
statements of each class on first readings, counted apart as `[[unseen]]` rows, tell corridor by
how much (src/confidence.rs).

`--reliability` prints, for each band of the statements' `confidence` as corridor exported it,
how many statements fall in it and how many are right. Run it on texts the calibration was not
measured on. With `--floor P` it exits non-zero when the statements of confidence 0.9 or more
are right less than P of the time.

`--cross-validate` estimates the same table without such texts: each document's statements are
given the confidence a calibration measured on every other document would give them (the
formula of `src/confidence.rs`, corroboration left out). Python 3 standard library only.
"""

import os
import re
import sys
from collections import defaultdict

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from rule_precision import aligned, jsonl  # noqa: E402

STRENGTH = 8.0
BANDS = [0.0, 0.5, 0.7, 0.8, 0.9, 1.0001]
HERE = os.path.dirname(os.path.abspath(__file__))
GAZETTEER = os.path.join(HERE, "..", "ontology", "gazetteer.toml")
ID_NS = "https://w3id.org/corridor/id/"


def gazetteer_ids():
    """The ids of the gazetteer's entities (`id = "…"` lines of its `[[entity]]` tables)."""
    with open(GAZETTEER, encoding="utf-8") as f:
        return {m.group(1) for m in re.finditer(r'^id = "([^"]+)"', f.read(), re.M)}


def named_texts(export_dir):
    path = os.path.join(export_dir, "corridor.nq")
    if not os.path.exists(path):
        return set()
    pattern = re.compile(r"ontology#namedText> <" + re.escape(ID_NS) + r"([^>]+)>")
    with open(path, encoding="utf-8") as f:
        return {m.group(1) for line in f for m in pattern.finditer(line)}


def statements(pairs, known_ids):
    """(statement, right, weight, ends) for every statement of every pair."""
    for gold_dir, export_dir, weight in pairs:
        gold = aligned(gold_dir, export_dir)
        known = known_ids | named_texts(export_dir)
        for st in jsonl(os.path.join(export_dir, "relations.jsonl")):
            # An analyst's statement (curation.toml) measures no rule.
            if st["rule"].startswith("curation:"):
                continue
            right = (st["subject"], st["relation"], st["object"]) in gold
            ends = "known" if st["subject"] in known and st["object"] in known else "new"
            yield st, right, weight, ends


def toml_string(s):
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def number(x):
    return f"{x:g}" if x != int(x) else f"{int(x)}.0"


def count(rows):
    counts = defaultdict(lambda: [0.0, 0.0])
    for st, right, weight, ends in rows:
        c = counts[(st["relation"], st["rule"], ends)]
        c[0] += weight
        c[1] += weight * right
    return counts


def unseen_counts(unseen):
    """Statements made and right per class of ends on first readings."""
    counts = defaultdict(lambda: [0.0, 0.0])
    for st, right, weight, ends in statements(unseen, gazetteer_ids()):
        counts[ends][0] += weight
        counts[ends][1] += weight * right
    return counts


def write_calibration(pairs, out, unseen):
    counts = count(statements(pairs, gazetteer_ids()))
    lines = [
        "# How often each rule's statements are right: per relation, rule and class of ends",
        "# (`known`: both ends are the gazetteer's or named texts; `new`: an end the rules found),",
        "# the statements made and those right, as eval/calibrate.py measured them on builds of",
        "# the annotated texts of:",
    ]
    lines += [f"#   .../{'/'.join(os.path.normpath(g).split(os.sep)[-2:])}, each statement counted {w:g} time(s)"
              for g, _, w in pairs]
    lines += ["# corridor gives each statement its rule's precision from these counts", "# (src/confidence.rs).", "",
              f"strength = {number(STRENGTH)}", ""]
    for (relation, rule, ends), (made, right) in sorted(counts.items()):
        lines += ["[[rule]]", f"relation = {toml_string(relation)}", f"rule = {toml_string(rule)}",
                  f'ends = "{ends}"', f"made = {number(made)}", f"right = {number(right)}", ""]
    if unseen:
        lines += ["# First readings: the statements of each class made on texts before any rule was",
                  "# drawn from them, and those right:"]
        lines += [f"#   .../{'/'.join(os.path.normpath(e).split(os.sep)[-3:])}" for _, e, _ in unseen]
        lines.append("")
        for ends, (made, right) in sorted(unseen_counts(unseen).items()):
            lines += ["[[unseen]]", f'ends = "{ends}"', f"made = {number(made)}",
                      f"right = {number(right)}", ""]
    with open(out, "w", encoding="utf-8") as f:
        f.write("\n".join(lines))
    print(f"{len(counts)} rows; wrote {out}")


def family(rule):
    if rule.startswith("trigger:"):
        return ":".join(rule.split(":")[:2])
    return rule


def confidence(counts, relation, rule, ends, unseen=None):
    """The formula of src/confidence.rs (`rule_confidence`) over `counts` (and the first
    readings' counts per class, `unseen`)."""
    levels = defaultdict(lambda: [0.0, 0.0])
    for (rel, r, e), (made, right) in counts.items():
        if e != ends:
            continue
        keys = [("all",), ("rel", rel), ("rule", rel, r)]
        if family(r) != r:
            keys.append(("fam", rel, family(r)))
        for k in keys:
            levels[k][0] += made
            levels[k][1] += right

    def shrunk(key, prior):
        if key not in levels:
            return prior
        made, right = levels[key]
        return (right + STRENGTH * prior) / (made + STRENGTH)

    p = shrunk(("all",), 0.5)
    tuned = p
    p = shrunk(("rel", relation), p)
    if family(rule) != rule:
        p = shrunk(("fam", relation, family(rule)), p)
    p = shrunk(("rule", relation, rule), p)
    if unseen and ends in unseen:
        made, right = unseen[ends]
        fresh = (right + STRENGTH * tuned) / (made + STRENGTH)
        p *= min(1.0, fresh / tuned)
    return p


def table(scored):
    rows = [[0, 0] for _ in BANDS[:-1]]
    for c, right in scored:
        for i in range(len(BANDS) - 1):
            if BANDS[i] <= c < BANDS[i + 1]:
                rows[i][0] += 1
                rows[i][1] += int(right)
    print(f"{'confidence':<12} {'statements':>10} {'right':>6} {'precision':>9}")
    for i, (n, k) in enumerate(rows):
        band = f"{BANDS[i]:.1f}–{min(BANDS[i + 1], 1.0):.1f}"
        print(f"{band:<12} {n:>10} {k:>6} {(k / n if n else float('nan')):>9.2f}")


def cross_validate(pairs, unseen):
    first = unseen_counts(unseen) if unseen else None
    rows = list(statements(pairs, gazetteer_ids()))
    docs = sorted({(i, st["document"]) for i, (g, e, w) in enumerate(pairs)
                   for st in jsonl(os.path.join(e, "relations.jsonl"))})
    tagged = []
    for i, (g, e, w) in enumerate(pairs):
        tagged += [(i, r) for r in statements([(g, e, w)], gazetteer_ids())]
    scored = []
    for i, doc in docs:
        train = [r for j, r in tagged if not (j == i and r[0]["document"] == doc)]
        counts = count(train)
        for j, (st, right, _, ends) in tagged:
            if j == i and st["document"] == doc:
                scored.append((confidence(counts, st["relation"], st["rule"], ends, first), right))
    del rows
    table(scored)


def main():
    args = sys.argv[1:]
    out = "ontology/confidence.toml"
    floor = None
    if "--floor" in args:
        i = args.index("--floor")
        floor = float(args[i + 1])
        del args[i : i + 2]
    if "--out" in args:
        i = args.index("--out")
        out = args[i + 1]
        del args[i : i + 2]
    mode = "write"
    for flag in ("--reliability", "--cross-validate"):
        if flag in args:
            mode = flag
            args.remove(flag)
    pairs, unseen, weight = [], [], 1.0
    while args:
        if args[0] == "--unseen":
            if len(args) < 3:
                sys.exit(__doc__)
            unseen.append((args[1], args[2], 1.0))
            args = args[3:]
            continue
        if args[0] == "--weight":
            weight = float(args[1])
            args = args[2:]
            continue
        if len(args) < 2:
            sys.exit(__doc__)
        pairs.append((args[0], args[1], weight))
        args, weight = args[2:], 1.0
    if not pairs:
        sys.exit(__doc__)
    if mode == "--reliability":
        scored = [(st["confidence"], right) for st, right, _, _ in statements(pairs, set())
                  if st.get("confidence") is not None]
        table(scored)
        top = [right for c, right in scored if c >= 0.9]
        if floor is not None and top and sum(top) / len(top) < floor:
            sys.exit(f"statements of confidence 0.9 or more: {sum(top)} of {len(top)} right, under {floor}")
    elif mode == "--cross-validate":
        cross_validate(pairs, unseen)
    else:
        write_calibration(pairs, out, unseen)


if __name__ == "__main__":
    main()
