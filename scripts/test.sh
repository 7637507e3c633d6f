#!/usr/bin/env bash
# The README's test command: a virtualenv with the app and its test extras, ruff, then pytest.
set -euo pipefail
cd "$(dirname "$0")/.."
python3 -m venv .venv
.venv/bin/pip install -q --upgrade pip
.venv/bin/pip install -q -e '.[test]'
.venv/bin/ruff check desktop tests scripts build_scripts
QT_QPA_PLATFORM=offscreen .venv/bin/python -m pytest -n 2 "$@"
