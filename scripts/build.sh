#!/usr/bin/env bash
# Build the frozen one-folder app (dist/township/), smoke-test it headless and report its size.
# Uses the same .venv as scripts/test.sh, adding the build extra (PyInstaller). Extra arguments
# go to build_scripts/build.py (e.g. --bare to also build the start-up benchmark's baseline).
set -euo pipefail
cd "$(dirname "$0")/.."
[ -x .venv/bin/python ] || python3 -m venv .venv
.venv/bin/pip install -q --upgrade pip
.venv/bin/pip install -q -e '.[build]'
QT_QPA_PLATFORM=offscreen .venv/bin/python build_scripts/build.py "$@"
