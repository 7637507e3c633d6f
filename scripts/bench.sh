#!/usr/bin/env bash
# The benchmark suite (docs/PERFORMANCE.md): builds the frozen app and the frozen bare window,
# runs every benchmark in tests/bench serially, and rewrites the table in docs/PERFORMANCE.md.
# BENCH_SKIP_BUILD=1 reuses dist/ as it is; extra arguments go to pytest (e.g. -k save).
set -euo pipefail
cd "$(dirname "$0")/.."
[ -x .venv/bin/python ] || python3 -m venv .venv
.venv/bin/pip install -q --upgrade pip
.venv/bin/pip install -q -e '.[test,build]'
if [ -z "${BENCH_SKIP_BUILD:-}" ]; then
  QT_QPA_PLATFORM=offscreen .venv/bin/python build_scripts/build.py --bare
fi
QT_QPA_PLATFORM=offscreen .venv/bin/python -m pytest -p no:xdist -m bench tests/bench -v -s "$@"
