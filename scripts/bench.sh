#!/usr/bin/env bash
# The benchmark suite (docs/PERFORMANCE.md): builds the frozen app and the frozen bare window,
# runs every benchmark in tests/bench serially, and rewrites the table in docs/PERFORMANCE.md.
# BENCH_SKIP_BUILD=1 reuses dist/ as it is; extra arguments go to pytest (e.g. -k save).
# BENCH_PYTHON=/path/to/python uses that interpreter's environment (with the test and build
# extras installed) instead of creating .venv.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -n "${BENCH_PYTHON:-}" ]; then
  PY="$BENCH_PYTHON"
else
  [ -x .venv/bin/python ] || python3 -m venv .venv
  .venv/bin/pip install -q --upgrade pip
  .venv/bin/pip install -q -e '.[test,build]'
  PY=.venv/bin/python
fi
if [ -z "${BENCH_SKIP_BUILD:-}" ]; then
  QT_QPA_PLATFORM=offscreen PYTHONPATH="$PWD" "$PY" build_scripts/build.py --bare
fi
QT_QPA_PLATFORM=offscreen PYTHONPATH="$PWD" "$PY" -m pytest -p no:xdist -p no:cacheprovider -m bench tests/bench -v -s "$@"
