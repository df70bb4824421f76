#!/usr/bin/env bash
# Installs everything the tests need (apt, pip, npm, cargo install, the wasm32 build)
# and runs every suite: Rust (lints, unit, property, doc tests), Python, wasm under Node,
# the page in headless Chromium, and short fuzz runs (nightly Rust, cargo-fuzz).
# Safe to run again; installs only what is missing.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
step() { printf '\n==> %s\n' "$*"; }
t0=$(date +%s)

step "system packages (chromium for the browser tests)"
if ! command -v chromium >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ]; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  else
    sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  fi
fi
chromium --version 2>/dev/null | grep -v unexpected || true

step "rust components"
rustup component add rustfmt clippy >/dev/null 2>&1 || true

step "python virtualenv (.venv)"
[ -x .venv/bin/python ] || python3 -m venv .venv
.venv/bin/pip install -q --upgrade pip >/dev/null
.venv/bin/pip install -q -r bindings-python/requirements-dev.txt

step "npm packages (playwright-core, binaryen)"
(cd tests/browser && npm ci --no-audit --no-fund --loglevel=error)

step "wasm build"
bash scripts/build-wasm.sh

step "rust: fmt and clippy"
cargo fmt --all -- --check
cargo clippy --workspace --all-targets -- -D warnings
# The Python module's stable-ABI variant (one wheel for every CPython from 3.11) builds too.
cargo clippy -q -p campaign-core-python --features abi3 -- -D warnings

step "rust: tests"
cargo test --workspace

step "rust: documentation builds without warnings (links, examples)"
RUSTDOCFLAGS="-D warnings" cargo doc --workspace --no-deps -q

step "rust: the library and its derive package as crates (cargo package, built from the tarballs)"
cargo package -q -p campaign-core-derive -p campaign-core --allow-dirty

step "rust: the library builds with its declared rust-version"
msrv=$(sed -n 's/^rust-version = "\(.*\)"/\1/p' Cargo.toml)
rustup toolchain list | grep -q "^$msrv" || rustup toolchain install "$msrv" --profile minimal >/dev/null
cargo "+$msrv" check -q -p campaign-core --lib --target-dir target/msrv

step "main job (built-in 2017 campaign)"
cargo run -q --release -p campaign-examples > target/report-2017.txt
head -n 3 target/report-2017.txt

step "python: build and install the wheel, then pytest (with the notebook), stubtest and mypy (package and benchmark scripts)"
.venv/bin/pip install -q ./bindings-python
.venv/bin/python -m pytest -q bindings-python/tests
.venv/bin/python -m mypy.stubtest campaign_core._native --ignore-missing-stub
.venv/bin/python -m mypy --strict bindings-python/python/campaign_core bindings-python/tests/typing_example.py benchmarks/*.py

step "benchmarks: the planner's and the overlap scripts still run (--quick; CP-SAT only with ortools installed)"
.venv/bin/python benchmarks/plan_vs_cpsat.py --quick > /dev/null
.venv/bin/python benchmarks/overlap_pairs.py --quick > /dev/null

step "wasm: TypeScript declarations type-check (tsc --strict)"
(cd tests/browser && npx tsc -p .)

step "wasm under node, the page in headless chromium, the npm package (pack, install, run)"
(cd tests/browser && node --test --test-concurrency=1 wasm.test.mjs page.test.mjs npm.test.mjs)
[ -f tests/browser/artifacts/page.png ] && echo "screenshots: tests/browser/artifacts/*.png"

step "fuzz: every target for a few seconds from the committed seeds (scripts/fuzz.sh)"
FUZZ_SECONDS="${FUZZ_SECONDS:-10}" bash scripts/fuzz.sh

printf '\nall suites passed in %ss\n' "$(( $(date +%s) - t0 ))"
