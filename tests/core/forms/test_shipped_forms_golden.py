"""The shipped packs give exactly the definitions recorded in golden/ (every attribute of every
field, group and choice), so a change of the loader cannot silently change a shipped form.
Regenerate with `python -m tests.core.forms.test_shipped_forms_golden` only for an intended change."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from desktop.core.forms.loader import load_form
from desktop.core.paths import resource
from tests.core.forms.golden_dump import dump

GOLDEN = Path(__file__).parent / "golden"
PACKS = sorted(p.name for p in resource("forms").iterdir() if p.suffix in (".md", ".xlsx"))


@pytest.mark.parametrize("name", PACKS)
def test_shipped_pack_loads_as_recorded(name):
    recorded = json.loads((GOLDEN / (Path(name).stem + ".json")).read_text(encoding="utf-8"))
    assert dump(load_form(resource("forms", name))) == recorded


if __name__ == "__main__":
    for name in PACKS:
        if name.endswith(".md"):
            (GOLDEN / (Path(name).stem + ".json")).write_text(
                json.dumps(dump(load_form(resource("forms", name))), ensure_ascii=False, indent=1,
                           sort_keys=True) + "\n", encoding="utf-8")
