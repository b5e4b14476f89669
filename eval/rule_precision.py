#!/usr/bin/env python3
"""Precision of each extraction rule against gold annotations.

Usage: rule_precision.py GOLD EXPORT [GOLD EXPORT ...] [--show-false RULE_PREFIX] [--json]

Each GOLD folder holds `entities*.jsonl` and `relations*.jsonl` (the format of
`../shared/eval/GOLD_FORMAT.md`); each EXPORT folder is what `corridor build --out` wrote for the
same texts (`nodes.csv`, `relations.jsonl`). Entities are aligned with gold the way the scorer
aligns them (same type, a shared name, one to one, the gold entities with fewest candidates
first); a statement of `relations.jsonl` is right when its edge matches a gold relation. For
each rule (the `rule` field of a statement) it prints how many statements it made and how many
were right. `--show-false PREFIX` lists the wrong statements of the rules starting with PREFIX
(with their sentence), to read while fixing rules. Python 3 standard library only.
"""

import csv
import glob
import json
import os
import re
import sys
import unicodedata
from collections import defaultdict

TYPES = ["Person", "Country", "Organization", "Project", "Initiative", "Document", "Event", "Place"]
SYMMETRIC = {"met"}


def norm(s):
    s = unicodedata.normalize("NFKC", s or "").lower()
    s = re.sub(r"[\s\u00b7\u2022\u30fb'\u2019\"“”‘’«»《》〈〉()（）\[\]【】,.，。:：;；!！?？\-–—－_/]", "", s)
    return s


def jsonl(pattern):
    out = []
    for path in sorted(glob.glob(pattern)):
        with open(path, encoding="utf-8") as f:
            out.extend(json.loads(line) for line in f if line.strip())
    return out


def aligned(gold_dir, export_dir):
    """Gold relations as (subject node id, relation, object node id) of the export's nodes."""
    if not os.path.exists(os.path.join(export_dir, "relations.jsonl")):
        sys.exit(f"{export_dir} holds no relations.jsonl: build it with --formats default,jsonl")
    gold_e = jsonl(os.path.join(gold_dir, "entities*.jsonl"))
    gold_r = jsonl(os.path.join(gold_dir, "relations*.jsonl"))
    with open(os.path.join(export_dir, "nodes.csv"), encoding="utf-8") as f:
        nodes = list(csv.DictReader(f))
    group = {}
    names = defaultdict(set)
    by_name = {}
    for g in gold_e:
        key = (g["type"], g["en"])
        ns = {norm(m) for m in g.get("mentions", [])} | {norm(g.get("en")), norm(g.get("zh"))}
        ns.discard("")
        ns.add("en:" + g["en"].lower())
        root = None
        for n in ns:
            if (g["type"], n) in by_name:
                root = group[by_name[(g["type"], n)]]
                break
        group[key] = root or key
        for k, v in list(group.items()):
            if v == key and root:
                group[k] = root
        for n in ns:
            by_name.setdefault((g["type"], n), key)
        names[group[key]] |= {n for n in ns if not n.startswith("en:")}
    pred = {}
    for n in nodes:
        if n.get("type") in TYPES:
            ns = {norm(n.get("label")), norm(n.get("label_zh")), norm(n.get("label_en"))}
            ns |= {norm(a) for a in (n.get("aliases") or "").split("|")}
            ns.discard("")
            pred[n["id"]] = (n["type"], ns)
    keys = {}
    for key in names:
        keys[key] = [p for p, (t, ns) in pred.items() if t == key[0] and ns & names[key]]
    align, used = {}, set()
    for key in sorted(keys, key=lambda k: (len(keys[k]), k)):
        for p in sorted(keys[key], key=lambda p: (-len(pred[p][1] & names[key]), p)):
            if p not in used:
                align[key] = p
                used.add(p)
                break
    by_en = defaultdict(set)
    for key in group:
        by_en[key[1].lower()].add(group[key])
    gold = set()
    for r in gold_r:
        for s in by_en.get(r["s"].lower(), ()):
            for o in by_en.get(r["o"].lower(), ()):
                if s in align and o in align:
                    gold.add((align[s], r["p"], align[o]))
                    if r["p"] in SYMMETRIC:
                        gold.add((align[o], r["p"], align[s]))
    return gold


def main():
    args = sys.argv[1:]
    show = None
    as_json = "--json" in args
    args = [a for a in args if a != "--json"]
    if "--show-false" in args:
        i = args.index("--show-false")
        show = args[i + 1]
        del args[i : i + 2]
    if not args or len(args) % 2:
        sys.exit(__doc__)
    counts = defaultdict(lambda: [0, 0])
    wrong = []
    for gold_dir, export_dir in zip(args[::2], args[1::2]):
        gold = aligned(gold_dir, export_dir)
        for st in jsonl(os.path.join(export_dir, "relations.jsonl")):
            right = (st["subject"], st["relation"], st["object"]) in gold
            c = counts[st["rule"]]
            c[0] += 1
            c[1] += int(right)
            if not right and show is not None and st["rule"].startswith(show):
                wrong.append(st)
    if as_json:
        print(json.dumps({r: {"statements": n, "right": k} for r, (n, k) in sorted(counts.items())},
                         ensure_ascii=False, indent=1))
    else:
        print(f"{'rule':<48} {'made':>5} {'right':>5} {'P':>6}")
        for rule, (n, k) in sorted(counts.items(), key=lambda x: (-x[1][0], x[0])):
            print(f"{rule:<48} {n:>5} {k:>5} {k / n:>6.2f}")
        n = sum(c[0] for c in counts.values())
        k = sum(c[1] for c in counts.values())
        print(f"{'all':<48} {n:>5} {k:>5} {k / max(n, 1):>6.2f}")
    for st in wrong:
        print(f"\n{st['rule']}: {st['subject']} {st['relation']} {st['object']} [{st['document']}]\n  {st['sentence'][:300]}")


if __name__ == "__main__":
    main()
