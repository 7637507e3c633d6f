"""Updates from the county reach the forms and code lists: a return bundle carrying a newer form
version makes the township's registry offer it, while records keep the version they were entered
with; an older version never comes back; a received code list replaces the shipped one."""

from __future__ import annotations

import io

import openpyxl
import pytest

from desktop.core.codelists import codelists
from desktop.core.forms.registry import FormRegistry
from desktop.core.paths import resource
from desktop.core.store import records
from desktop.core.store.db import transaction
from desktop.core.sync import enrollment, incoming, outgoing, resources
from desktop.core.workspace.workspace import Workspace
from tests.core.sync.helpers import TOWNSHIPS, make_sites, resident_id

A = TOWNSHIPS[0]
SHIPPED_VERSION = "2026110101"


def form_with_version(version: str, label: str | None = None) -> bytes:
    """The shipped floating-population form with another version (and optionally a new title)."""
    workbook = openpyxl.load_workbook(resource("forms", "floating_population.xlsx"))
    sheet = workbook["settings"]
    header = [cell.value for cell in sheet[1]]
    sheet.cell(row=2, column=header.index("version") + 1, value=version)
    if label is not None:
        sheet.cell(row=2, column=header.index("form_title") + 1, value=label)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def _send(county_dir, township_dir, stick, kind, resource_):
    with Workspace.open(county_dir) as county:
        with transaction(county.db):
            resources.install(county.db, kind, resource_)
        written = outgoing.export_returns(county.db, county.paths, stick, townships=[A])[0]
    with Workspace.open(township_dir) as township:
        outcome = incoming.import_file(township.db, township.paths, written.path)
        assert outcome.ok, outcome.text.en


def test_a_newer_form_version_from_the_county_is_offered_and_old_records_keep_theirs(tmp_path):
    county_dir, townships = make_sites(tmp_path, (A,))
    stick = tmp_path / "stick"
    stick.mkdir()
    with Workspace.open(townships[A]) as township:
        registry = FormRegistry.for_data_dir(township.paths)
        assert registry.get("floating_population").version == SHIPPED_VERSION
        old = records.save(township.db, form_id="floating_population", form_version=SHIPPED_VERSION, township=A,
                           values={"name": "旧", "id_number": resident_id(1)}, clerk="clerk")

    _send(county_dir, townships[A], stick, "form_pack",
          enrollment.Resource("floating_population", "2027010101", form_with_version("2027010101")))
    with Workspace.open(townships[A]) as township:
        assert (township.paths.config / "forms" / "floating_population.xlsx").is_file()
        assert registry.get("floating_population").version == "2027010101"   # the same registry sees it
        fresh = FormRegistry.for_data_dir(township.paths)
        assert fresh.versions("floating_population") == [SHIPPED_VERSION, "2027010101"]
        kept = records.get(township.db, old.id)
        assert kept.form_version == SHIPPED_VERSION
        assert fresh.get("floating_population", kept.form_version).version == SHIPPED_VERSION

    # a third version replaces config/forms/NAME.xlsx; the second stays installed for its records
    _send(county_dir, townships[A], stick, "form_pack",
          enrollment.Resource("floating_population", "2027020101", form_with_version("2027020101")))
    with Workspace.open(townships[A]) as township:
        fresh = FormRegistry.for_data_dir(township.paths)
        assert fresh.versions("floating_population") == [SHIPPED_VERSION, "2027010101", "2027020101"]
        # a file of an older version dropped into config/forms is never installed
        (township.paths.config / "forms" / "floating_population.xlsx").write_bytes(form_with_version("2026120101"))
        assert "2026120101" not in FormRegistry.for_data_dir(township.paths).versions("floating_population")


@pytest.mark.allow_log("township.forms", "received code list sex.csv not used", level="WARNING")
def test_a_received_code_list_replaces_the_shipped_one_and_a_broken_one_is_ignored(tmp_path):
    county_dir, townships = make_sites(tmp_path, (A,))
    stick = tmp_path / "stick"
    stick.mkdir()
    _send(county_dir, townships[A], stick, "code_list",
          enrollment.Resource("move_reason", "2", "code,parent,name_zh,name_en\n99,,新原因,New reason\n".encode()))
    _send(county_dir, townships[A], stick, "code_list", enrollment.Resource("sex", "2", b"code,parent,name_zh,name_en\n1,,,\n"))
    with Workspace.open(townships[A]) as township:
        lists = codelists.for_data_dir(township.paths)
        assert [c.code for c in lists.get("move_reason")] == ["99"]
        assert lists.get("sex").codes == codelists.shipped_codelists().get("sex").codes  # broken: shipped kept
        assert FormRegistry.for_data_dir(township.paths).codelists.contains("move_reason", "99")
