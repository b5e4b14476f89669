#!/usr/bin/env bash
# How corridor scales with the corpus, in one table. For each size (MB) it generates a corpus with
# `corridor bench-corpus` (or `make_corpus.py` with GEN=cut), builds it into a fresh store with the
# default exports, and reports:
#   MB/s end to end, CPU utilisation (CPU seconds per wall second; 2.00 is both cores of this
#   machine busy), peak build RSS, store and export bytes per input byte, the served store's RSS
#   after every example query ran, the median latency of the example queries (p50 of each query's
#   runs, then the median of those), cooccurrence.rq's median, and the time to re-ingest the corpus
#   after one document changed (the others are skipped by their hash).
# With PY=path/to/python (a Python with jieba, rdflib and networkx), it also runs
# ../shared/bench/py_baseline.py beside `corridor build` on one 5 MB corpus and prints the ratio.
#
#   benches/scale.sh [SIZE_MB ...]        (default: 10 100; 1000 works, and takes a while)
#   RUNS=3 benches/scale.sh 100           (builds per size; the row gives the median build)
#   SCALE_DIR=/tmp/scale GEN=cut benches/scale.sh 50
#
# Needs a release build (cargo build --release), GNU time (/usr/bin/time) and curl.
set -euo pipefail
cd "$(dirname "$0")/.."

bin="${CORRIDOR_BIN:-${CARGO_TARGET_DIR:-target}/release/corridor}"
[ -x "$bin" ] || { echo "build first: cargo build --release" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "needs GNU time at /usr/bin/time (Debian package time)" >&2; exit 2; }
command -v curl > /dev/null || { echo "needs curl" >&2; exit 2; }
shared="${SHARED:-../shared}"
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(10 100)
runs="${RUNS:-1}"
gen="${GEN:-bench}"
work="${SCALE_DIR:-$(mktemp -d)}"
mkdir -p "$work"
echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo); corpora from $gen; work folder $work"

# A corpus of MB megabytes in DIR.
make_corpus() {
  local mb="$1" dir="$2"
  [ -d "$dir" ] && return 0
  if [ "$gen" = cut ]; then
    python3 "$shared/bench/make_corpus.py" "$shared/corpus" "$dir" "$mb" > /dev/null
  else
    "$bin" bench-corpus --mb "$mb" --out "$dir" > /dev/null
  fi
}

# Serves STORE, runs every example query REPS times, prints "<rss MiB> <p50 ms> <cooccurrence ms>".
serve_figures() {
  local store="$1" reps="${QUERY_RUNS:-11}" log="$work/serve.log"
  "$bin" --store "$store" serve --bind 127.0.0.1:0 --query-timeout 60 > "$log" 2>&1 &
  local pid=$! addr=""
  for _ in $(seq 1 600); do
    addr=$(grep -o 'http://[0-9.:]*' "$log" | head -1 || true)
    [ -n "$addr" ] && break
    sleep 0.1
  done
  [ -n "$addr" ] || { kill "$pid"; echo "serve did not start" >&2; return 1; }
  local medians=() cooc=0
  for q in queries/*.rq; do
    local times=()
    for _ in $(seq 1 "$reps"); do
      times+=("$(curl -s -o /dev/null -w '%{time_total}' -H 'Accept: text/csv' \
        --data-urlencode "query@$q" "$addr/sparql")")
    done
    local med
    med=$(printf '%s\n' "${times[@]}" | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)] * 1000}')
    if [ "$(basename "$q")" = cooccurrence.rq ]; then cooc="$med"; else medians+=("$med"); fi
  done
  local rss
  rss=$(awk '/VmHWM/ {printf "%.0f", $2/1024}' "/proc/$pid/status")
  kill "$pid"; wait "$pid" 2> /dev/null || true
  local p50
  p50=$(printf '%s\n' "${medians[@]}" | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
  echo "$rss $p50 $cooc"
}

printf '\n%7s %6s %8s %6s %5s %9s %7s %8s %9s %7s %8s %9s\n' \
  size_MB docs build_s MB/s cpu peak_RSS store_x export_x serve_RSS p50_ms cooc_ms reingest_s
for mb in "${sizes[@]}"; do
  corpus="$work/corpus-$gen-$mb"
  make_corpus "$mb" "$corpus"
  docs=$(find "$corpus" -maxdepth 1 -name '*.txt' | wc -l)
  bytes=$(cat "$corpus"/*.txt | wc -c)
  rows=()
  for run in $(seq 1 "$runs"); do
    rm -rf "$work/store-$mb" "$work/exports-$mb"
    /usr/bin/time -f '%e %U %S %M' -o "$work/time-$mb-$run" \
      "$bin" --store "$work/store-$mb" build --no-progress --corpus "$corpus" \
      --out "$work/exports-$mb" > "$work/build-$mb.log"
    rows+=("$(cat "$work/time-$mb-$run")")
  done
  # The median run by wall time.
  read -r secs user sys rss_kb < <(printf '%s\n' "${rows[@]}" | sort -g | awk '{a[NR]=$0} END {print a[int((NR+1)/2)]}')
  store=$(du -sb "$work/store-$mb" | cut -f1)
  exports=$(du -sb "$work/exports-$mb" | cut -f1)
  read -r serve_rss p50 cooc < <(serve_figures "$work/store-$mb")
  # Re-ingest after changing one document: only its graph is extracted again.
  first=$(find "$corpus" -maxdepth 1 -name '*.txt' | sort | awk 'NR == 1')
  cp "$first" "$work/first.bak"
  printf '\n双方同意继续推进瓜达尔港建设。\n' >> "$first"
  /usr/bin/time -f '%e' -o "$work/reingest-$mb" \
    "$bin" --store "$work/store-$mb" ingest "$corpus" > "$work/reingest-$mb.log"
  cp "$work/first.bak" "$first"
  reingest=$(cat "$work/reingest-$mb")
  awk -v mb="$mb" -v docs="$docs" -v bytes="$bytes" -v s="$secs" -v u="$user" -v sy="$sys" \
      -v rss="$rss_kb" -v store="$store" -v ex="$exports" -v srss="$serve_rss" -v p50="$p50" \
      -v cooc="$cooc" -v re="$reingest" 'BEGIN {
    printf "%7s %6d %8.1f %6.2f %5.2f %8.0fM %7.2f %8.2f %8dM %7.1f %8.0f %9.2f\n",
      mb, docs, s, bytes / 1e6 / s, (u + sy) / s, rss / 1024, store / bytes, ex / bytes,
      srss, p50, cooc, re }'
done

if [ -n "${PY:-}" ]; then
  corpus="$work/corpus-$gen-5"
  make_corpus 5 "$corpus"
  rm -rf "$work/py-out" "$work/store-py" "$work/exports-py"
  /usr/bin/time -f '%e' -o "$work/time-py" "$PY" "$shared/bench/py_baseline.py" "$corpus" "$work/py-out" > "$work/py.log"
  /usr/bin/time -f '%e' -o "$work/time-corridor-5" \
    "$bin" --store "$work/store-py" build --no-progress --corpus "$corpus" --out "$work/exports-py" > /dev/null
  awk -v py="$(cat "$work/time-py")" -v co="$(cat "$work/time-corridor-5")" 'BEGIN {
    printf "\n5 MB corpus: py_baseline.py %.1f s, corridor build %.2f s: %.1fx faster\n", py, co, py / co }'
fi
