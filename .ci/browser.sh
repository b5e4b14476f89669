#!/usr/bin/env bash
# Headless-browser tests of `corridor serve` (the HTML entity browser).
#   .ci/browser.sh CORRIDOR_BINARY ARTIFACTS_DIR
# Builds a store from tests/fixtures/browser, starts the server on a free port, runs
# tests/browser/browser.test.mjs in Debian's Chromium (installed if missing; Playwright's own
# browsers are never downloaded), saves a screenshot per step and the server's request log into
# ARTIFACTS_DIR, stops the server with SIGTERM and checks it exits 0. Then the same for the
# curation forms: a store built from a copy of the corpus, served with --writable, a token,
# --corpus and --curation, and tests/browser/curation.test.mjs, after which the curation file
# must hold the decisions the forms sent, after its old bytes, and still be valid. Then the graph
# view: its script rebuilt from web/graph's lockfile must equal the committed one (and bundle
# only permissively licensed packages); tests/browser/graph.test.mjs runs on a store of the
# default corpus (data/), and tests/browser/graph.bench.mjs times the view's load on it (limit
# 1 s), on 10,000 synthetic linked entities (limit 5 s) and on a store of over 10,000 entities
# built from a generated corpus (limit 5 s).
# Exits 1 if anything fails.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ $# -ne 2 ]; then
  echo "usage: $0 CORRIDOR_BINARY ARTIFACTS_DIR" >&2
  exit 2
fi
bin="$(realpath "$1")"
mkdir -p "$2"
artifacts="$(cd "$2" && pwd)"
TEST_TIMEOUT="${BROWSER_TEST_TIMEOUT:-600}"   # seconds for the builds, servers, tests, shutdowns

step() { printf '\n== %s\n' "$*"; }
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

step "chromium and playwright-core"
if [ ! -x /usr/bin/chromium ]; then
  as_root env DEBIAN_FRONTEND=noninteractive timeout 600 apt-get update -q
  as_root env DEBIAN_FRONTEND=noninteractive timeout 600 apt-get install -y -q --no-install-recommends chromium
fi
# A Chinese font, so that the screenshots show text instead of empty boxes.
if [ -z "$(fc-list :lang=zh 2>/dev/null)" ]; then
  as_root env DEBIAN_FRONTEND=noninteractive timeout 600 apt-get install -y -q --no-install-recommends fonts-wqy-microhei \
    || { as_root env DEBIAN_FRONTEND=noninteractive timeout 600 apt-get update -q \
         && as_root env DEBIAN_FRONTEND=noninteractive timeout 600 apt-get install -y -q --no-install-recommends fonts-wqy-microhei; }
fi
/usr/bin/chromium --version 2>/dev/null
(cd tests/browser && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 timeout 300 npm ci --no-audit --no-fund --loglevel=error)

start=$SECONDS
deadline=$((SECONDS + TEST_TIMEOUT))
left() { local n=$((deadline - SECONDS)); echo $((n > 0 ? n : 1)); }   # seconds left before the deadline

work="$(mktemp -d)"
server=""
cleanup() {
  if [ -n "$server" ] && kill -0 "$server" 2>/dev/null; then kill -KILL "$server" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

step "build a store from tests/fixtures/browser"
timeout "$(left)" "$bin" --store "$work/store" build --no-progress --corpus tests/fixtures/browser --out "$work/exports" >"$work/build.log" 2>&1 \
  || { cat "$work/build.log"; echo "FAIL: corridor build"; exit 1; }
head -n 3 "$work/build.log"

# start_server NAME ARGS…: runs `corridor ARGS…` in the background (its stdout in $work/NAME.out,
# its log in $artifacts/NAME.log), waits for its first line and sets $server and $base.
start_server() {
  local name="$1"; shift
  "$bin" "$@" >"$work/$name.out" 2>"$artifacts/$name.log" &
  server=$!
  local first=""
  for _ in $(seq 100); do   # up to 10 s for the first stdout line
    if [ "$(wc -l <"$work/$name.out")" -ge 1 ]; then first="$(head -n 1 "$work/$name.out")"; break; fi
    kill -0 "$server" 2>/dev/null || { cat "$artifacts/$name.log"; echo "FAIL: corridor serve exited before listening"; exit 1; }
    sleep 0.1
  done
  if [[ ! "$first" =~ ^listening\ on\ (http://127\.0\.0\.1:[0-9]+)$ ]]; then
    echo "FAIL: first stdout line of corridor serve is '$first', expected 'listening on http://127.0.0.1:PORT'"
    exit 1
  fi
  base="${BASH_REMATCH[1]}"
  echo "$first"
}

# stop_server: SIGTERM, then checks the server exits 0 within 10 s; sets $server_ok to 0 if not.
stop_server() {
  kill -TERM "$server"
  if ! timeout 10 tail --pid="$server" -f /dev/null; then
    echo "FAIL: corridor serve still running 10 s after SIGTERM; killing it"
    kill -KILL "$server" 2>/dev/null || true
  fi
  local status=0
  wait "$server" || status=$?
  server=""
  if [ "$status" -eq 0 ]; then echo "corridor serve exited 0"; else echo "FAIL: corridor serve exited $status after SIGTERM"; server_ok=0; fi
}

step "start corridor serve"
start_server server --store "$work/store" serve --bind 127.0.0.1:0

step "browser tests (screenshots in $artifacts)"
tests_ok=1
timeout "$(left)" node tests/browser/browser.test.mjs "$base" "$artifacts" 2>&1 | tee "$artifacts/results.txt" \
  || tests_ok=0

step "stop the server with SIGTERM"
server_ok=1
stop_server

step "build a store from a copy of tests/fixtures/browser, with a curation file of its own"
cp -R tests/fixtures/browser "$work/corpus"
curation="$work/curation.toml"
printf '# Decisions of the browser tests: the lines the forms add come after this one.\n' >"$curation"
cp "$curation" "$work/curation.before"
timeout "$(left)" "$bin" --store "$work/store-curated" --curation "$curation" build --no-progress \
    --corpus "$work/corpus" --out "$work/exports-curated" >"$work/build-curated.log" 2>&1 \
  || { cat "$work/build-curated.log"; echo "FAIL: corridor build (curation run)"; exit 1; }

step "start corridor serve --writable with the curation forms"
token="$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')"
export CORRIDOR_TOKEN="$token"
start_server server-curation --store "$work/store-curated" --curation "$curation" serve \
  --bind 127.0.0.1:0 --writable --corpus "$work/corpus"

step "curation tests (screenshots in $artifacts)"
curation_ok=1
timeout "$(left)" node tests/browser/curation.test.mjs "$base" "$artifacts" "$curation" 2>&1 \
  | tee "$artifacts/curation-results.txt" || curation_ok=0
unset CORRIDOR_TOKEN

step "stop the writable server with SIGTERM"
stop_server

step "the curation file after the forms"
cp "$curation" "$artifacts/curation.toml"
file_ok=1
before_len="$(wc -c <"$work/curation.before")"
if ! cmp -s -n "$before_len" "$work/curation.before" "$curation"; then
  echo "FAIL: the curation file lost its first bytes"; file_ok=0
fi
for table in merge rename reject; do
  grep -q "^\[\[$table\]\]" "$curation" || { echo "FAIL: no [[$table]] in the curation file"; file_ok=0; }
done
if grep -qF "$token" "$curation"; then echo "FAIL: the curation file holds the token"; file_ok=0; fi
if "$bin" --curation "$curation" curate list >"$work/list.txt" 2>&1; then
  cat "$work/list.txt"
else
  cat "$work/list.txt"; echo "FAIL: corridor curate list refuses the file the forms wrote"; file_ok=0
fi

step "graph view: the committed script is what web/graph's lockfile builds, with permissive licences"
bundle_ok=1
timeout "$(left)" web/graph/build.sh --check || { echo "FAIL: web/graph/dist"; bundle_ok=0; }

step "build a store from the default corpus (data/)"
timeout "$(left)" "$bin" --store "$work/store-default" build --no-progress --corpus data --out "$work/exports-default" \
  >"$work/build-default.log" 2>&1 || { cat "$work/build-default.log"; echo "FAIL: corridor build (default corpus)"; exit 1; }

step "start corridor serve on it"
start_server server-graph --store "$work/store-default" serve --bind 127.0.0.1:0

step "graph view load times (first, so that the first load reads the graph from the store): the default corpus, 10,000 synthetic linked entities"
bench_ok=1
timeout "$(left)" node tests/browser/graph.bench.mjs "$base" "default corpus" 1000 2>&1 \
  | tee "$artifacts/graph-bench.txt" || bench_ok=0
timeout "$(left)" node tests/browser/graph.bench.mjs "$base" "10,000 synthetic linked entities" 5000 --synthetic 10000 2>&1 \
  | tee -a "$artifacts/graph-bench.txt" || bench_ok=0

step "graph view tests (screenshots in $artifacts)"
graph_ok=1
timeout "$(left)" node tests/browser/graph.test.mjs "$base" "$artifacts" 2>&1 | tee "$artifacts/graph-results.txt" \
  || graph_ok=0

step "stop the server with SIGTERM"
stop_server

step "a store of over 10,000 entities, from a generated corpus"
"$bin" bench-corpus --mb 7 --out "$work/corpus-10k" >/dev/null
timeout "$(left)" "$bin" --store "$work/store-10k" ingest "$work/corpus-10k" >"$work/ingest-10k.log" 2>&1 \
  || { cat "$work/ingest-10k.log"; echo "FAIL: corridor ingest (generated corpus)"; exit 1; }
entities="$("$bin" --store "$work/store-10k" stats | sed -n 's/^entities: //p')"
echo "$entities entities"
[ "${entities:-0}" -ge 10000 ] || { echo "FAIL: the generated store has ${entities:-no} entities, fewer than 10,000"; bench_ok=0; }
start_server server-graph-10k --store "$work/store-10k" serve --bind 127.0.0.1:0
timeout "$(left)" node tests/browser/graph.bench.mjs "$base" "generated store" 5000 2>&1 \
  | tee -a "$artifacts/graph-bench.txt" || bench_ok=0
stop_server

echo
echo "took $((SECONDS - start)) s (builds, servers, tests, shutdowns)"
if [ "$tests_ok" = 1 ] && [ "$curation_ok" = 1 ] && [ "$file_ok" = 1 ] && [ "$server_ok" = 1 ] \
  && [ "$bundle_ok" = 1 ] && [ "$graph_ok" = 1 ] && [ "$bench_ok" = 1 ]; then
  echo "browser tests passed"
else
  [ "$tests_ok" = 1 ] || grep -E '^FAIL' "$artifacts/results.txt" || echo "FAIL: browser tests did not finish (timeout or crash)"
  [ "$curation_ok" = 1 ] || grep -E '^FAIL' "$artifacts/curation-results.txt" || echo "FAIL: curation tests did not finish (timeout or crash)"
  [ "$graph_ok" = 1 ] || grep -E '^FAIL' "$artifacts/graph-results.txt" || echo "FAIL: graph view tests did not finish (timeout or crash)"
  [ "$bench_ok" = 1 ] || grep -E '^FAIL' "$artifacts/graph-bench.txt" || echo "FAIL: graph view load times not measured (timeout or crash)"
  echo "browser tests FAILED"
  exit 1
fi
