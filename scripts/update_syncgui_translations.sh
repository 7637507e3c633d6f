#!/usr/bin/env bash
# Refresh resources/translations/syncgui_zh_CN.ts from the sync screens' sources (existing
# translations are kept), then compile the .qm the app loads. Translate new entries with
# pyside6-linguist in between.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${PYSIDE_BIN:-/work/venv/bin}
FILES="desktop/ui/sync/sync_page.py desktop/ui/sync/county_sync_page.py desktop/ui/sync/county_sync_model.py
       desktop/ui/sync/sync_common.py desktop/ui/sync/sync_setup_page.py desktop/ui/sync/drive_watcher.py"
"$BIN/pyside6-lupdate" $FILES -no-obsolete -ts resources/translations/syncgui_zh_CN.ts -source-language en -target-language zh_CN
"$BIN/pyside6-lrelease" resources/translations/syncgui_zh_CN.ts -qm resources/translations/syncgui_zh_CN.qm
