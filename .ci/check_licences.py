"""Fails when a dependency (of any feature) may only be used under a licence outside the
permissive allow-list below, so no copyleft crate slips in. Reads `cargo metadata` on stdin.

A licence expression passes when one of its `OR` alternatives (`/` is an old spelling of `OR`)
is made only of allowed licences joined by `AND`.
"""

import json
import re
import sys

ALLOWED = {
    "MIT", "Apache-2.0", "Apache-2.0 WITH LLVM-exception", "BSD-2-Clause", "BSD-3-Clause",
    "ISC", "Zlib", "Unlicense", "0BSD", "BSL-1.0", "Unicode-3.0", "Unicode-DFS-2016", "CC0-1.0",
    # Permissive licence for data: webpki-roots's copy of Mozilla's root certificates (https).
    "CDLA-Permissive-2.0",
}


def alternatives(expr):
    expr = expr.replace("/", " OR ")
    # Brackets only group AND inside OR in the expressions crates use; flatten them.
    terms = re.split(r"\s+OR\s+", expr.replace("(", "").replace(")", ""))
    return [[t.strip() for t in re.split(r"\s+AND\s+", alt)] for alt in terms]


def allowed(expr):
    return any(all(t in ALLOWED for t in alt) for alt in alternatives(expr))


meta = json.load(sys.stdin)
members = set(meta.get("workspace_members", []))
bad = []
for p in meta["packages"]:
    if p["id"] in members:
        continue
    lic = p.get("license")
    if not lic or not allowed(lic):
        bad.append(f"{p['name']} {p['version']}: {lic or 'no licence given'}")
checked = len(meta["packages"]) - len(members)
if bad:
    print("dependencies outside the permissive allow-list:")
    print("\n".join("  " + b for b in sorted(bad)))
    sys.exit(1)
print(f"licences: all {checked} dependencies are under permissive licences")
