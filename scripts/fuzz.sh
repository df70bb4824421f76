#!/usr/bin/env bash
# Runs the fuzz targets (fuzz/fuzz_targets, libFuzzer through cargo-fuzz, nightly Rust)
# from the committed seeds in fuzz/seeds/<target>, into a scratch corpus.
#
#   bash scripts/fuzz.sh                 every target for FUZZ_SECONDS (default 20) each
#   FUZZ_RUNS=10000000 bash scripts/fuzz.sh json_document    a fixed number of runs
#
# Built with overflow checks and debug assertions (-a) and without a sanitizer (-s none:
# the crates have no unsafe code; ASan made runs 3-10x slower for nothing). A failing
# input is saved under fuzz/artifacts/<target>/ and the script exits non-zero.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(json_document csv_sheets check_calendar allocation ledger plan)

if ! rustup toolchain list | grep -q '^nightly'; then
  echo "fuzz: installing the nightly toolchain" >&2
  rustup toolchain install nightly --profile minimal >&2
fi
if ! cargo fuzz --version >/dev/null 2>&1; then
  echo "fuzz: installing cargo-fuzz" >&2
  cargo install cargo-fuzz --locked >&2
fi

if [ -n "${FUZZ_RUNS:-}" ]; then
  budget=(-runs="$FUZZ_RUNS")
else
  budget=(-max_total_time="${FUZZ_SECONDS:-20}")
fi
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
for t in "${targets[@]}"; do
  mkdir -p "$scratch/$t"
  start=$(date +%s)
  log="$scratch/$t.log"
  if ! cargo +nightly fuzz run -O -a -s none "$t" "$scratch/$t" "fuzz/seeds/$t" -- \
      "${budget[@]}" -max_len=4096 -rss_limit_mb=2048 -timeout=20 -print_final_stats=1 >"$log" 2>&1; then
    tail -n 60 "$log" >&2
    echo "fuzz: $t FAILED; the input is under fuzz/artifacts/$t/" >&2
    exit 1
  fi
  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n1)
  secs=$(( $(date +%s) - start ))
  echo "fuzz: $t: ${runs:-?} runs in ${secs}s, no failure"
done
