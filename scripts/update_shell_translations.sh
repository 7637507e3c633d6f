#!/usr/bin/env bash
# Refresh resources/translations/shell_zh_CN.ts from the shell's sources (existing translations are
# kept), then compile the .qm the app loads. Translate new entries with pyside6-linguist in between.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${PYSIDE_BIN:-/work/venv/bin}
# the other areas (formview, reports, crosscheck, syncgui) keep their own .ts files
FILES=$(ls desktop/ui/*/*.py | grep -v -e __init__ -e entry_page -e form_view -e form_editors -e reason_dialogs \
    -e reports_page -e crosscheck_ -e corrections_page \
    -e sync_page -e county_sync -e sync_common -e sync_setup_page -e drive_watcher)
"$BIN/pyside6-lupdate" $FILES -no-obsolete -ts resources/translations/shell_zh_CN.ts -source-language en -target-language zh_CN
"$BIN/pyside6-lrelease" resources/translations/shell_zh_CN.ts -qm resources/translations/shell_zh_CN.qm
