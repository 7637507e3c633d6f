"""Forms written elsewhere load: of the public XLSForms in tests/forms_corpus that pyxform itself
accepts, at least 85 % load, and every other one is refused with all its problems at once, each
located by sheet, row and the column letter the spreadsheet shows."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from desktop.core.forms.loader import load_form
from desktop.core.forms.model import FormLoadError
from desktop.core.forms.problems import column_letter

CORPUS = Path(__file__).parents[2] / "forms_corpus"
SUFFIXES = (".xlsx", ".xlsm", ".xls", ".md", ".csv")
SHARE = 0.85


def _pyxform_accepts(path: Path) -> bool:
    from pyxform.xls2xform import convert

    try:
        convert(xlsform=str(path), validate=False, pretty_print=False)
    except Exception:  # pyxform refuses the file (or it is a data file, not a form)
        return False
    return True


# a few forms of each kind for the default run; the whole corpus runs with -m slow
SAMPLE = ("pyxform/example_xls__widgets.xls", "pyxform/example_xls__loop.xlsx",
          "pyxform/example_xls__text_and_integer.md", "pyxform/example_xls__specify_other.xlsx",
          "pyxform/example_xls__case_insensitivity.xlsx", "pyxform/bug_example_xls__UCL_Biomass_Plot_Form.xlsx",
          "kobocat/main__transportation__transportation.xls", "kobocat/viewer__nested_repeats__nested_repeats.xls",
          "kobocat/main__good_eats_multilang__good_eats_multilang.xls", "pyxform/example_xls__xlsform_spec_test.xlsx")


def _outcomes(paths):
    results = {}
    for path in paths:
        if not _pyxform_accepts(path):
            continue
        try:
            results[path] = load_form(path)
        except FormLoadError as error:
            results[path] = error
    return results


@pytest.fixture(scope="module")
def outcomes():
    return _outcomes(sorted(p for p in CORPUS.rglob("*") if p.suffix.lower() in SUFFIXES))


@pytest.fixture(scope="module")
def sample():
    return _outcomes(CORPUS / name for name in SAMPLE)


def test_a_sample_of_the_corpus(sample):
    # the default run's share of the acceptance below: each loads, or is refused with its places
    assert len(sample) == len(SAMPLE)  # pyxform accepts each
    refused = sorted(p.name for p, o in sample.items() if isinstance(o, FormLoadError))
    assert refused == ["bug_example_xls__UCL_Biomass_Plot_Form.xlsx", "example_xls__case_insensitivity.xlsx"]
    _check_places(sample)


def _header_cell(path: Path, sheet: str, letter: str) -> str | None:
    """The header cell at `letter` of `sheet`, read straight from the spreadsheet."""
    index = sum((ord(c) - 64) * 26 ** i for i, c in enumerate(reversed(letter))) - 1
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        import openpyxl

        book = openpyxl.load_workbook(path, read_only=True)
        try:
            sheets = {ws.title.lower(): ws for ws in book.worksheets}
            row = next(sheets[sheet].iter_rows(min_row=1, max_row=1, values_only=True))
            return None if index >= len(row) or row[index] is None else str(row[index]).strip()
        finally:
            book.close()
    if path.suffix.lower() == ".xls":
        import xlrd

        book = xlrd.open_workbook(str(path))
        found = {name.lower(): name for name in book.sheet_names()}
        cells = book.sheet_by_name(found[sheet]).row_values(0)
        return None if index >= len(cells) else str(cells[index]).strip()
    return None


def test_the_corpus_is_real_and_sourced():
    readme = (CORPUS / "README.md").read_text(encoding="utf-8")
    assert "github.com/XLSForm/pyxform" in readme and "github.com/kobotoolbox/kobocat" in readme
    assert len([p for p in CORPUS.rglob("*") if p.suffix.lower() in SUFFIXES]) >= 100


@pytest.mark.slow
def test_most_forms_pyxform_accepts_load(outcomes):
    assert len(outcomes) >= 100  # pyxform accepts most of the corpus
    loaded = [p for p, o in outcomes.items() if not isinstance(o, FormLoadError)]
    share = len(loaded) / len(outcomes)
    refused = {p.name: [q.text().en for q in o.problems][:2] for p, o in outcomes.items()
               if isinstance(o, FormLoadError)}
    print(f"corpus: {len(loaded)} of {len(outcomes)} forms pyxform accepts load ({share:.1%})")
    assert share >= SHARE, (len(loaded), len(outcomes), refused)


@pytest.mark.slow
def test_each_refused_form_names_every_problem_with_its_place(outcomes):
    _check_places(outcomes)


def _check_places(outcomes):
    for path, outcome in outcomes.items():
        if not isinstance(outcome, FormLoadError):
            continue
        assert outcome.problems, path
        for problem in outcome.problems:
            assert problem.sheet and problem.row >= 1, (path, problem)
            assert problem.message.en and problem.message.zh, (path, problem)
            match = re.fullmatch(r"(.+) \(([A-Z]+)\)", problem.column)
            if not match:
                # no column of that name in the sheet (e.g. a label the row lacks): named as such
                assert problem.column in ("", "label", "name", "type"), (path, problem)
                continue
            cell = _header_cell(path, problem.sheet, match[2])
            if cell is not None:
                assert cell == match[1], (path, problem.column, cell)


def test_loaded_forms_warn_of_what_they_ignore(sample):
    warned = [w for o in sample.values() if not isinstance(o, FormLoadError) for w in o.warnings]
    texts = " / ".join(w.text().en for w in warned)
    assert "no form_id" in texts and "server setting" in texts and "is ignored" in texts
    assert all(w.message.zh for w in warned)


def test_column_letters_count_blank_header_cells(tmp_path):
    import openpyxl

    book = openpyxl.Workbook()
    survey = book.active
    survey.title = "survey"
    survey.append(["type", "name", None, "label", "constraint"])
    survey.append(["integer", "age", None, "Age", ". >= ("])
    path = tmp_path / "blank_header.xlsx"
    book.save(path)
    with pytest.raises(FormLoadError) as caught:
        load_form(path)
    assert [p.column for p in caught.value.problems] == ["constraint (E)"]
    assert column_letter(4) == "E"
