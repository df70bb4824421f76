#!/usr/bin/env bash
# The planner's benchmark: campaign-core against OR-Tools CP-SAT on the same instances,
# figures written to BENCHMARKS.md. Installs `ortools` (a benchmark-only dependency) and
# the Python package into .venv (run scripts/test-all.sh once first for the venv).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
[ -x .venv/bin/python ] || python3 -m venv .venv
.venv/bin/pip install -q ortools pandas maturin
.venv/bin/pip install -q ./bindings-python
.venv/bin/python benchmarks/plan_vs_cpsat.py --write "$@"
