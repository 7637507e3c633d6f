"""Form versions and the `forms` / `validate` commands."""

from __future__ import annotations

import json

import pytest

from desktop.core.errors import UserError
from desktop.core.forms.registry import FormRegistry, version_key
from desktop.core.paths import resource
from tests.conftest import VALID_IDS, complete_record

FORM_V1 = """| survey |
| | type | name | label::中文 (zh) | label::English (en) | constraint |
| | integer | count | 数量 | Count | . >= 0 |
| settings |
| | form_id | version | default_language |
| | stock | {version} | 中文 (zh) |
"""


def write(tmp_path, version, extra_row="", name=None):
    text = FORM_V1.format(version=version)
    if extra_row:
        text = text.replace("| settings |", extra_row + "\n| settings |")
    path = tmp_path / (name or f"stock-{version}.md")
    path.write_text(text, encoding="utf-8")
    return path


def test_version_order():
    assert version_key("2026110102") > version_key("2026110101")
    assert version_key("10") > version_key("9")
    assert version_key("1.10") > version_key("1.9")


def test_install_keeps_every_version_loadable_and_refuses_older(tmp_path):
    registry = FormRegistry(tmp_path / "forms")
    registry.install(write(tmp_path, "2026010101"))
    registry.install(write(tmp_path, "2026020101", "| | text | note2 | 备注 | Note | |"))
    assert registry.versions("stock") == ["2026010101", "2026020101"]
    assert registry.get("stock").has_field("note2")
    old = registry.get("stock", "2026010101")  # records entered with v1 still open with v1
    assert not old.has_field("note2")
    with pytest.raises(UserError) as caught:
        registry.install(write(tmp_path, "2025120101"))
    assert "older" in caught.value.text.en and caught.value.text.zh
    # same version again: fine if identical, refused if different
    registry.install(write(tmp_path, "2026020101", "| | text | note2 | 备注 | Note | |", name="again.md"))
    with pytest.raises(UserError) as caught:
        registry.install(write(tmp_path, "2026020101", "| | text | other | 其他 | Other | |", name="changed.md"))
    assert "already installed" in caught.value.text.en
    # a fresh registry over the same folder sees the same versions (they are files)
    assert FormRegistry(tmp_path / "forms").versions("stock") == ["2026010101", "2026020101"]


def test_installing_a_shipped_form_older_than_shipped_is_refused(tmp_path):
    source = resource("forms", "equipment.md").read_text(encoding="utf-8").replace("2026110101", "2025010101")
    path = tmp_path / "equipment.md"
    path.write_text(source, encoding="utf-8")
    with pytest.raises(UserError):
        FormRegistry(tmp_path / "forms").install(path)


def test_unknown_form_is_a_user_error():
    with pytest.raises(UserError) as caught:
        FormRegistry().get("nothing")
    assert "nothing" in caught.value.text.en


def test_forms_list_and_show(cli, tmp_path):
    result = cli("forms", "list", "--json", "--data-dir", tmp_path)
    assert result.code == 0
    assert [row["form_id"] for row in json.loads(result.out)] == ["certificate", "equipment", "floating_population"]
    shown = cli("forms", "show", "floating_population", "--data-dir", tmp_path)
    assert shown.code == 0 and "id_number" in shown.out and "unique" in shown.out
    as_json = json.loads(cli("forms", "show", "floating_population", "--json", "--data-dir", tmp_path).out)
    assert as_json["form_id"] == "floating_population" and len(as_json["choice_lists"]["ethnicity"]["choices"]) == 56


def test_forms_check_and_install(cli, tmp_path):
    good = write(tmp_path, "2026010101")
    assert cli("forms", "check", good, "--data-dir", tmp_path / "d").code == 0
    bad = tmp_path / "bad.md"
    bad.write_text(FORM_V1.format(version="1").replace(". >= 0", "${nothing} >= 0"), encoding="utf-8")
    result = cli("forms", "check", bad, "--data-dir", tmp_path / "d")
    assert result.code == 1 and "row 2" in result.err and "nothing" in result.err
    as_json = json.loads(cli("forms", "check", bad, "--json", "--data-dir", tmp_path / "d").out)
    assert as_json["ok"] is False and as_json["problems"][0]["row"] == 2
    garbage = tmp_path / "garbage.xlsx"
    garbage.write_bytes(b"\x00\x01 not a workbook")
    result = cli("forms", "check", garbage, "--data-dir", tmp_path / "d")
    assert result.code == 1 and "Traceback" not in result.err and "damaged" in result.err
    assert cli("forms", "install", good, "--data-dir", tmp_path / "d").code == 0
    assert (tmp_path / "d" / "forms" / "stock" / "2026010101.md").is_file()
    assert "stock" in cli("forms", "list", "--data-dir", tmp_path / "d").out


def test_validate_one_record_and_a_list(cli, tmp_path):
    good = complete_record(VALID_IDS[1], "张三")
    result = cli("validate", "floating_population", "--json", "-", "--data-dir", tmp_path,
                 "--township", "131025100", stdin=json.dumps(good))
    assert result.code == 0 and "#1: OK" in result.out
    bad = {**good, "sex": "2", "phone": "123"}
    result = cli("validate", "floating_population", "--json", "-", "--format", "json", "--data-dir", tmp_path,
                 stdin=json.dumps([good, bad]))
    assert result.code == 1
    report = json.loads(result.out)
    assert [r["ok"] for r in report["records"]] == [True, False]
    assert {(v["field"], v["code"]) for v in report["records"][1]["violations"]} == {
        ("sex", "constraint"), ("phone", "constraint")}
    assert report["records"][1]["violations"][0]["message"]["zh"]


def test_validate_reports_bad_json_plainly(cli, tmp_path):
    result = cli("validate", "floating_population", "--json", "-", "--data-dir", tmp_path, stdin="{oops")
    assert result.code == 1 and "not valid JSON" in result.err


def test_validate_in_an_installation_finds_duplicates(cli, tmp_path):
    data = tmp_path / "data"
    assert cli("init", "--role", "township", "--township", "131025100", "--clerk", "王丽",
               "--data-dir", data).code == 0
    record = complete_record(VALID_IDS[2], "王五")
    added = cli("records", "add", "floating_population", "--json", "-", "--data-dir", data, stdin=json.dumps(record))
    assert added.code == 0, added.err
    again = cli("validate", "floating_population", "--json", "-", "--format", "json", "--data-dir", data,
                stdin=json.dumps(record))
    violations = json.loads(again.out)["records"][0]["violations"]
    assert [v["code"] for v in violations] == ["unique"]
    assert "王五" in violations[0]["message"]["en"] and violations[0]["existing_record"]
    # and records add refuses it too, naming the existing record
    refused = cli("records", "add", "floating_population", "--json", "-", "--data-dir", data, stdin=json.dumps(record))
    assert refused.code == 1 and "王五" in refused.err
    # the saved record is the engine's cleaned one: calculations filled in, the form version kept
    listed = json.loads(cli("records", "list", "floating_population", "--json", "--data-dir", data).out)
    assert listed[0]["form_version"] == "2026110101" and listed[0]["fields"]["age"] == 38


def test_forms_check_lists_what_a_form_made_elsewhere_has_ignored(cli, tmp_path):
    made_elsewhere = tmp_path / "kobo_form.md"
    made_elsewhere.write_text("""| survey |
| | type | name | label:English | appearance |
| | text | a | A | w2 |
| | start | started | | |
""", encoding="utf-8")
    result = cli("forms", "check", made_elsewhere, "--data-dir", tmp_path / "d")
    assert result.code == 0 and "kobo_form version 1" in result.out
    assert "no form_id: 'kobo_form'" in result.out and "the appearance 'w2' is ignored" in result.out
    as_json = json.loads(cli("forms", "check", made_elsewhere, "--json", "--data-dir", tmp_path / "d").out)
    assert {w["column"].split(" ")[0] for w in as_json["warnings"]} == {"form_id", "version", "appearance"}
