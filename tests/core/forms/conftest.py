"""Helpers to write small XLSForms (Markdown tables, as pyxform reads them) for tests."""

from __future__ import annotations

import pytest

SETTINGS = """| settings |
| | form_id | version | default_language |
| | test_form | 2026010101 | 中文 (zh) |
"""


@pytest.fixture
def write_form(tmp_path):
    """write_form(survey_rows, choices=None, settings=SETTINGS) -> path of a .md XLSForm.

    `survey_rows` is the survey table body with its header row, one line per row."""
    counter = {"n": 0}

    def write(survey: str, choices: str | None = None, settings: str = SETTINGS, name: str | None = None):
        counter["n"] += 1
        text = "| survey |\n" + survey.strip() + "\n"
        if choices:
            text += "| choices |\n" + choices.strip() + "\n"
        if settings:
            text += settings
        path = tmp_path / (name or f"form{counter['n']}.md")
        path.write_text(text, encoding="utf-8")
        return path

    return write
