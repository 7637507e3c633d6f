"""The forms' key fields kept across processes (desktop.core.forms.keys_cache): the shipped
forms' keys shipped with them (what a county of the shipped forms alone answers from); for a
folder with forms of its own, written by `township init` and `forms install` (and by the first
use elsewhere), answered without loading a form, rebuilt when the forms change or the file is
damaged, and never anything but JSON."""

from __future__ import annotations

import json
import pickle
import subprocess
import sys

import pytest

from desktop.core.forms import keys, keys_cache, roles
from desktop.core.forms.keys import FormKeys
from desktop.core.forms.registry import FormRegistry
from desktop.core.paths import data_dir
from tests.conftest import ROOT
from tests.helpers.workspaces import set_up_folder

STOCK = """| survey |
| | type | name | label::中文 (zh) | label::English (en) | unique | role |
| | text | code | 编号 | Code | yes | record_number |
| | text | owner_id | 身份证号 | Owner ID | | person_id |
| settings |
| | form_id | version | default_language |
| | stock | 2026010101 | 中文 (zh) |
"""


@pytest.fixture
def shipped_county(tmp_path, cli):
    """A county as `township init` leaves it: the shipped forms alone."""
    folder = tmp_path / "county"
    made = cli("init", "--role", "county", "--county", "131025", "--clerk", "county", "--data-dir", folder)
    assert made.code == 0, made.err
    keys._CACHE.clear()      # answers from this process's own loads would hide the file's
    yield folder
    keys._CACHE.clear()


@pytest.fixture
def county_dir(shipped_county, tmp_path, cli):
    """A county with a form of its own: its data folder's file answers, not the shipped one."""
    source = tmp_path / "stock.md"
    source.write_text(STOCK, encoding="utf-8")
    assert cli("forms", "install", source, "--data-dir", shipped_county).code == 0
    keys._CACHE.clear()
    return shipped_county


def _answers_in_a_new_process(folder) -> dict:
    code = ("import json, sys\n"
            "from desktop.core.forms.keys import FormKeys\n"
            "from desktop.core.paths import data_dir\n"
            f"kept = FormKeys.for_data_dir(data_dir({str(folder)!r}))\n"
            "answers = [kept.unique_fields('floating_population', '2026110101'), kept.person_id_fields(),"
            " kept.role_names('person_name')]\n"
            "print(json.dumps({'answers': answers, 'loaded': sorted(m for m in ('pyxform', 'openpyxl', 'lark')"
            " if m in sys.modules)}))\n")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120,
                          env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"}, check=True)
    return json.loads(done.stdout)


def _from_the_forms(paths) -> dict:
    """What the keys are when every form is loaded (no summary): what the file must agree with."""
    loaded = FormKeys(FormRegistry.for_data_dir(paths))
    return {"unique": loaded.unique_fields("floating_population", "2026110101"),
            "person_ids": loaded.person_id_fields(), "names": loaded.role_names(roles.PERSON_NAME),
            "compared": loaded.compared_id_field("certificate"), "person": loaded.person_id_field("certificate")}


def _from_the_file(paths) -> dict:
    kept = FormKeys.for_data_dir(paths)
    return {"unique": kept.unique_fields("floating_population", "2026110101"),
            "person_ids": kept.person_id_fields(), "names": kept.role_names(roles.PERSON_NAME),
            "compared": kept.compared_id_field("certificate"), "person": kept.person_id_field("certificate")}


def test_the_shipped_keys_are_those_of_the_shipped_forms():
    """resources/forms/form_keys.json is what the loader derives from the shipped forms today: a
    rebuilt form, code list or loader without `python scripts/build_forms.py --keys` fails here."""
    document = json.loads(keys_cache.shipped_file().read_text(encoding="utf-8"))
    assert document["fingerprint"] == keys_cache.shipped_fingerprint(), "run: python scripts/build_forms.py --keys"
    assert document["forms"] == keys_cache.summarise(FormRegistry()), "run: python scripts/build_forms.py --keys"


def test_a_county_of_the_shipped_forms_answers_from_the_shipped_keys_in_a_new_process(shipped_county):
    paths = data_dir(shipped_county)
    assert not keys_cache.cache_file(paths).exists()     # init has nothing to derive or write
    result = _answers_in_a_new_process(shipped_county)
    assert result["loaded"] == []     # no form read: pyxform, openpyxl and the rules' parser stay out
    expected = _from_the_forms(paths)
    assert result["answers"] == [list(expected["unique"]), [list(p) for p in expected["person_ids"]],
                                 expected["names"]]
    assert expected["unique"] == ("id_number",) and ("floating_population", "id_number") in expected["person_ids"]


def test_shipped_keys_that_are_not_of_the_shipped_forms_are_not_used(shipped_county, tmp_path, monkeypatch):
    """A shipped file of other forms (a half-updated installation) or damaged: the forms are loaded."""
    paths = data_dir(shipped_county)
    stale = tmp_path / "form_keys.json"
    stale.write_text(json.dumps({"format": 1, "fingerprint": "0" * 64, "forms": []}), encoding="utf-8")
    monkeypatch.setattr(keys_cache, "shipped_file", lambda: stale)
    assert keys_cache.read_shipped(paths) is None
    assert _from_the_file(paths) == _from_the_forms(paths)
    assert FormKeys.for_data_dir(paths)._registry is not None          # loaded
    keys._CACHE.clear()
    stale.write_bytes(b"\x00 damaged")
    assert keys_cache.read_shipped(paths) is None


def test_a_received_code_list_means_the_shipped_keys_do_not_answer(shipped_county):
    """A form reading a code list loads with the lists it finds: a received list may change it."""
    paths = data_dir(shipped_county)
    assert keys_cache.read_shipped(paths) is not None
    received = paths.config / "codelists"
    received.mkdir(parents=True, exist_ok=True)
    (received / "sex.csv").write_text("list_name,name,label::中文 (zh),label::English (en)\nsex,1,男,Male\n",
                                      encoding="utf-8")
    assert keys_cache.read_shipped(paths) is None


def test_init_of_a_county_with_forms_of_its_own_keeps_them_and_a_new_process_answers(county_dir):
    paths = data_dir(county_dir)
    kept = json.loads(keys_cache.cache_file(paths).read_text(encoding="utf-8"))
    assert kept["fingerprint"] == keys_cache.fingerprint(paths)
    assert {entry["form_id"] for entry in kept["forms"]} == {"certificate", "equipment", "floating_population", "stock"}
    result = _answers_in_a_new_process(county_dir)
    assert result["loaded"] == []
    expected = _from_the_forms(paths)
    assert result["answers"] == [list(expected["unique"]), [list(p) for p in expected["person_ids"]],
                                 expected["names"]]


def test_the_file_answers_as_the_loaded_forms_do(county_dir):
    paths = data_dir(county_dir)
    assert _from_the_file(paths) == _from_the_forms(paths)
    assert FormKeys.for_data_dir(paths)._registry is None      # answered without loading the forms


def test_a_form_installed_later_rebuilds_the_keys(shipped_county, tmp_path):
    paths = data_dir(shipped_county)
    before = keys_cache.fingerprint(paths)
    source = tmp_path / "stock.md"
    source.write_text(STOCK, encoding="utf-8")
    FormRegistry.for_data_dir(paths).install(source)      # not through the command: the file is stale
    keys._CACHE.clear()
    kept = FormKeys.for_data_dir(paths)
    assert kept.unique_fields("stock") == ("code",) and kept.person_id_field("stock") == "owner_id"
    assert kept.compared_id_field("stock") is None        # a person ID that is not unique is not compared
    document = json.loads(keys_cache.cache_file(paths).read_text(encoding="utf-8"))
    assert document["fingerprint"] != before and document["fingerprint"] == keys_cache.fingerprint(paths)
    assert "stock" in {entry["form_id"] for entry in document["forms"]}


def test_the_install_command_writes_the_keys(county_dir):
    paths = data_dir(county_dir)
    entries = keys_cache.read(paths, keys_cache.fingerprint(paths))
    assert entries is not None and {"form_id": "stock", "version": "2026010101", "unique": ["code"],
                                    "roles": {"person_id": "owner_id", "record_number": "code"}, "id_fields": ["owner_id"]} in entries


@pytest.mark.parametrize("content", [
    b"\x00\x01 not json",
    json.dumps({"format": 1, "fingerprint": "0" * 64, "forms": []}).encode(),          # another set of forms
    json.dumps({"format": 99, "fingerprint": None, "forms": []}).encode(),             # another shape
    None,                                                                              # the right key, a bad entry
    pickle.dumps({"format": 1}),
], ids=["garbage", "stale", "newer-format", "bad-entry", "pickle"])
def test_a_damaged_stale_or_foreign_file_is_rebuilt_silently(county_dir, content):
    paths = data_dir(county_dir)
    target = keys_cache.cache_file(paths)
    if content is None:
        content = json.dumps({"format": 1, "fingerprint": keys_cache.fingerprint(paths),
                              "forms": [{"form_id": "floating_population", "version": "2026110101",
                                         "unique": "id_number", "roles": {}, "id_fields": []}]}).encode()
    target.write_bytes(content)
    assert _from_the_file(paths) == _from_the_forms(paths)
    assert keys_cache.read(paths, keys_cache.fingerprint(paths)) is not None   # written again, whole


def test_the_file_is_never_unpickled(county_dir, tmp_path):
    """The data folder is copied on sticks and restored from backups: what it holds is read as
    JSON only, so a planted file runs nothing."""
    marker = tmp_path / "ran"

    class Planted:
        def __reduce__(self):
            return (open, (str(marker), "w"))

    paths = data_dir(county_dir)
    keys_cache.cache_file(paths).write_bytes(pickle.dumps(Planted()))
    assert _from_the_file(paths) == _from_the_forms(paths)
    assert not marker.exists()


def test_a_folder_that_cannot_be_written_only_costs_a_load(county_dir):
    paths = data_dir(county_dir)
    cache = keys_cache.cache_file(paths).parent
    keys_cache.cache_file(paths).unlink()
    cache.rmdir()
    cache.write_text("a file where the cache folder goes")   # mkdir and the temp file both fail
    assert _from_the_file(paths) == _from_the_forms(paths)
    assert cache.is_file()


def test_a_folder_set_up_by_the_wizard_answers_from_the_shipped_keys(tmp_path):
    """The setup wizard does not wait for the forms on the GUI thread, and needs not: a folder of
    the shipped forms has their keys from the first import or listing on."""
    folder = set_up_folder(tmp_path / "wizard", role="county", code="131025", clerk="county")
    paths = data_dir(folder)
    keys._CACHE.clear()
    assert _from_the_file(paths) == _from_the_forms(paths)
    assert FormKeys.for_data_dir(paths)._registry is None
    assert not keys_cache.cache_file(paths).exists()
    keys._CACHE.clear()
