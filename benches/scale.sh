#!/usr/bin/env bash
# How `corridor build` scales with the corpus: generates corpora of the given sizes (MB) with
# `corridor bench-corpus`, builds each into a fresh store, and prints one table row per size:
# MB/s and documents/s end to end, peak RSS, store size on disk, size of the exports, and the
# time to re-ingest one changed document into the built store.
#
#   benches/scale.sh [SIZE_MB ...]        (default: 1 10 100; 1000 is optional and slow)
#
# Needs a release build (cargo build --release) and GNU time (/usr/bin/time).
set -euo pipefail
cd "$(dirname "$0")/.."

bin="${CORRIDOR_BIN:-target/release/corridor}"
[ -x "$bin" ] || { echo "build first: cargo build --release" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "needs GNU time at /usr/bin/time (Debian package time)" >&2; exit 2; }
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(1 10 100)
work="${SCALE_DIR:-$(mktemp -d)}"
mkdir -p "$work"
echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo); work folder $work"

printf '\n%8s %6s %9s %8s %7s %10s %10s %10s %11s\n' \
  "size_MB" "docs" "build_s" "MB/s" "docs/s" "peak_RSS" "store" "exports" "reingest_s"
for mb in "${sizes[@]}"; do
  corpus="$work/corpus-$mb"
  [ -f "$corpus/corpus.toml" ] || "$bin" bench-corpus --mb "$mb" --out "$corpus" > /dev/null
  docs=$(grep -c '^\[\[document\]\]' "$corpus/corpus.toml")
  bytes=$(cat "$corpus"/*.txt | wc -c)
  rm -rf "$work/store-$mb" "$work/exports-$mb"
  /usr/bin/time -f '%e %M' -o "$work/time-$mb" \
    "$bin" --store "$work/store-$mb" build --no-progress --corpus "$corpus" --out "$work/exports-$mb" > "$work/build-$mb.log"
  read -r secs rss_kb < "$work/time-$mb"
  # Re-ingest after changing one document: only its graph is extracted again.
  printf '\n双方同意继续推进瓜达尔港建设。\n' >> "$corpus/doc-000001.txt"
  /usr/bin/time -f '%e' -o "$work/reingest-$mb" \
    "$bin" --store "$work/store-$mb" ingest "$corpus" > "$work/reingest-$mb.log"
  reingest=$(cat "$work/reingest-$mb")
  store=$(du -sm "$work/store-$mb" | cut -f1)
  exports=$(du -sm "$work/exports-$mb" | cut -f1)
  awk -v mb="$mb" -v docs="$docs" -v bytes="$bytes" -v s="$secs" -v rss="$rss_kb" \
      -v store="$store" -v ex="$exports" -v re="$reingest" 'BEGIN {
    printf "%8s %6d %9.1f %8.2f %7.1f %9.0fM %9dM %9dM %11.2f\n",
      mb, docs, s, bytes / 1e6 / s, docs / s, rss / 1024, store, ex, re }'
done
