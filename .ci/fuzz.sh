#!/usr/bin/env bash
# Fuzzes each target of fuzz/ (decode, extract, manifest, http: see src/fuzz.rs) for SECONDS
# (default 60) and fails on a crash, a hang (an input running past 10 s) or a run past 2 GiB.
# Prints each target's executions, rate and coverage. Works on stable Rust: without a sanitizer
# (`-s none`), cargo-fuzz needs no nightly feature.
#
#   .ci/fuzz.sh 60                         # CI: a minute per target, stable
#
# The long runs (10 minutes per target, one at a time) use nightly and the address sanitizer:
#
#   FUZZ_TOOLCHAIN=nightly FUZZ_SANITIZER=address FUZZ_OUT=/tmp/corridor-fuzz .ci/fuzz.sh 600
#
# or one target by hand: cd fuzz && cargo +nightly fuzz run http -- -max_total_time=600
#
# The seeds in fuzz/corpus/<target>/ are read, never written: the corpus a run grows, the logs
# and any crash input go to FUZZ_OUT (a new temporary folder unless set). Replay a crash with
# `cargo fuzz run <target> <crash file>` in fuzz/. FUZZ_TARGETS picks targets.
set -euo pipefail
cd "$(dirname "$0")/../fuzz"

seconds="${1:-60}"
sanitizer="${FUZZ_SANITIZER:-none}"
toolchain=()
if [[ -n "${FUZZ_TOOLCHAIN:-}" ]]; then toolchain=("+$FUZZ_TOOLCHAIN"); fi
targets=(${FUZZ_TARGETS:-decode extract manifest http})
out="${FUZZ_OUT:-$(mktemp -d)}"
# The fuzz build has flags of its own: it keeps its own target folder, not the main build's.
target_dir="${FUZZ_TARGET_DIR:-$PWD/target}"
unset CARGO_TARGET_DIR
export CARGO_TERM_COLOR=never

command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz --locked

fuzz() { cargo "${toolchain[@]}" fuzz "$1" -s "$sanitizer" --target-dir "$target_dir" "${@:2}"; }
# The number ending the last match of a pattern in a log: libFuzzer's final stats (printed on
# a crash too), its run time, its last coverage figure.
last() { grep -aoE "$2" "$1" | tail -n 1 | grep -oE '[0-9]+$' || true; }

echo "== building the fuzz targets (sanitizer: $sanitizer)"
fuzz build

failed=()
summary=()
for t in "${targets[@]}"; do
  mkdir -p "$out/corpus/$t" "$out/artifacts/$t"
  log="$out/$t.log"
  echo "== fuzzing $t for ${seconds}s (log: $log)"
  set +e
  # The server logs one line per request; they are left out of the log.
  fuzz run "$t" "$out/corpus/$t" "corpus/$t" -- \
    -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
    -artifact_prefix="$out/artifacts/$t/" 2>&1 \
    | grep -avE '^[A-Z]+ /[^ ]* [0-9]{3} [0-9]+ms$' >"$log"
  status=${PIPESTATUS[0]}
  set -e
  execs=$(last "$log" 'stat::number_of_executed_units: +[0-9]+')
  rate=$(last "$log" 'stat::average_exec_per_sec: +[0-9]+')
  took=$(last "$log" 'Done [0-9]+ runs in [0-9]+')
  cov=$(last "$log" 'cov: +[0-9]+')
  if [[ $status -ne 0 ]]; then
    failed+=("$t")
    echo "!! $t failed (exit $status); the end of its log:"
    tail -n 40 "$log"
    ls -l "$out/artifacts/$t"
  fi
  summary+=("$(printf '%-9s %6ss %11s %9s %7s  %s' "$t" "${took:-?}" "${execs:-?}" "${rate:-?}" \
    "${cov:-?}" "$([[ $status -eq 0 ]] && echo ok || echo FAILED)")")
done

echo
echo "== fuzzing summary (corpus, logs and artifacts in $out)"
printf '%-9s %7s %11s %9s %7s  %s\n' target time executions 'exec/s' cov result
printf '%s\n' "${summary[@]}"
if [[ ${#failed[@]} -gt 0 ]]; then
  echo "failed: ${failed[*]}"
  exit 1
fi
