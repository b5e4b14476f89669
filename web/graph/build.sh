#!/usr/bin/env bash
# Builds the graph view's script (web/graph/dist/graph.js) and the licences of what it bundles
# (web/graph/dist/licences.txt) from the packages package-lock.json pins. Commit both: the
# binary embeds them, so `cargo build` needs no Node.js.
#   web/graph/build.sh           install the locked packages and write dist/
#   web/graph/build.sh --check   the same build, failing if it differs from the committed dist/
set -euo pipefail
cd "$(dirname "$0")"
npm ci --no-audit --no-fund --loglevel=error
node build.mjs "$@"
