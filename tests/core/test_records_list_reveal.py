"""`township records list` follows the rule of every other way to see an ID number (docs/SECURITY.md,
Reveals): plain and --json output mask the ID numbers, a family member's too; `--unmask --reason`
is for supervisors and administrators, refused with the messages of `records export`, and shows
them in full only after writing one reveal the daily summary and the audit page list."""

from __future__ import annotations

import json

import pytest

from desktop.core.entry import entry, reveals
from desktop.core.entry.identity import mask_id
from desktop.core.workspace import accounts
from desktop.core.workspace.workspace import Workspace
from tests.conftest import PASSWORD, VALID_IDS, complete_record

FORM = "floating_population"
MEMBER = VALID_IDS[2]


@pytest.fixture
def listed_folder(cli, tmp_path):
    """A township with 张三 (a family member with her own ID) and 李四, a supervisor and a clerk."""
    data = tmp_path / "data"
    made = cli("init", "--role", "township", "--township", "131025100", "--clerk", "王丽", "--data-dir", data)
    assert made.code == 0, made.err
    with Workspace.open(data, clerk="王丽") as workspace:
        accounts.create(workspace.db, "刘主管", "supervisor", PASSWORD, by="王丽")
        accounts.create(workspace.db, "陈录入", "clerk", PASSWORD, by="王丽")
        entry.add(workspace, FORM, complete_record(VALID_IDS[0], "张三", family=[
            {"member_name": "张小红", "member_relationship": "01", "member_id_number": MEMBER}]))
        entry.add(workspace, FORM, complete_record(VALID_IDS[1], "李四"))
    return data


def all_reveals(folder):
    with Workspace.open(folder) as workspace:
        return reveals.between(workspace.db, "0000", "9999")


def test_the_list_masks_every_id_number_and_writes_no_reveal(cli, listed_folder):
    plain = cli("records", "list", FORM, "--data-dir", listed_folder)
    assert plain.code == 0, plain.err
    assert mask_id(VALID_IDS[0]) in plain.out and mask_id(VALID_IDS[1]) in plain.out
    rows = json.loads(cli("records", "list", FORM, "--json", "--data-dir", listed_folder).out)
    assert sorted(r["fields"]["id_number"] for r in rows) == sorted(mask_id(n) for n in VALID_IDS[:2])
    [zhang] = [r for r in rows if r["fields"]["name"] == "张三"]
    assert zhang["fields"]["family"][0]["member_id_number"] == mask_id(MEMBER)
    assert zhang["fields"]["family"][0]["member_name"] == "张小红"      # the rest as saved
    shown = plain.out + json.dumps(rows, ensure_ascii=False)
    assert not any(number in shown for number in (*VALID_IDS[:2], MEMBER))
    assert all_reveals(listed_folder) == []


def test_unmask_is_refused_without_a_reason_or_the_role(cli, listed_folder):
    listing = ("records", "list", FORM, "--json", "--data-dir", listed_folder, "--unmask")
    no_reason = cli(*listing, "--clerk", "刘主管")
    assert no_reason.code == 1 and "Give the reason the ID numbers are exported in full." in no_reason.err
    blank = cli(*listing, "--reason", "  ", "--clerk", "刘主管")
    assert blank.code == 1 and "Give the reason" in blank.err
    clerk = cli(*listing, "--reason", "核对", "--clerk", "陈录入")
    assert clerk.code == 1 and "Your role may not do this; ask a supervisor." in clerk.err
    assert not any(VALID_IDS[0] in r.out for r in (no_reason, blank, clerk))
    assert all_reveals(listed_folder) == []


def test_unmask_with_a_reason_shows_them_in_full_after_one_reveal(cli, listed_folder):
    done = cli("records", "list", FORM, "--json", "--data-dir", listed_folder, "--unmask",
               "--reason", "公安协查核对", "--clerk", "刘主管")
    assert done.code == 0, done.err
    rows = json.loads(done.out)
    assert sorted(r["fields"]["id_number"] for r in rows) == sorted(VALID_IDS[:2])
    [zhang] = [r for r in rows if r["fields"]["name"] == "张三"]
    assert zhang["fields"]["family"][0]["member_id_number"] == MEMBER
    [reveal] = all_reveals(listed_folder)
    assert (reveal.kind, reveal.clerk, reveal.form_id, reveal.reason) == ("export", "刘主管", FORM, "公安协查核对")
    assert reveal.details == {"what": "list", "form": FORM, "records": 2, "unmasked": True}

    plain = cli("records", "list", FORM, "--search", "张三", "--data-dir", listed_folder, "--unmask",
                "--reason", "入户核查", "--clerk", "王丽")
    assert plain.code == 0, plain.err
    assert VALID_IDS[0] in plain.out and VALID_IDS[1] not in plain.out
    newest = all_reveals(listed_folder)[-1]
    assert newest.details == {"what": "list", "form": FORM, "records": 1, "unmasked": True, "search": "张三"}
    with Workspace.open(listed_folder) as workspace:   # the daily summary reads a township's reveals
        assert len(reveals.on_day(workspace.db, newest.at[:10], "131025100")) == 2


def test_the_list_loads_no_form_and_prints_what_the_forms_would(listed_folder):
    """The listing names and masks records from the forms' kept outlines (desktop.core.forms.keys):
    in its own process it reads no form file, and prints what the loaded definitions give."""
    import subprocess
    import sys

    from desktop.core.entry import identity
    from desktop.core.store import records
    from tests.conftest import ROOT

    code = ("import sys\nfrom desktop.cli import main\n"
            "code = main(sys.argv[1:])\nsys.stdout.flush()\n"
            "print(sorted(m for m in ('pyxform', 'openpyxl', 'lark') if m in sys.modules), file=sys.stderr)\n"
            "sys.exit(code)\n")
    env = {"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin", "TOWNSHIP_PASSWORD": PASSWORD, "TOWNSHIP_LANG": "en"}

    def listing(*extra):
        done = subprocess.run([sys.executable, "-c", code, "records", "list", FORM, "--data-dir", str(listed_folder),
                               *extra], capture_output=True, text=True, env=env, timeout=120)
        assert done.returncode == 0, done.stderr
        assert done.stderr.splitlines()[-1] == "[]"       # no form read
        return done.stdout

    with Workspace.open(listed_folder) as workspace:   # the old way: every form loaded
        forms = identity.FormLookup(entry.registry(workspace))
        expected_json, expected_lines = [], []
        for record in records.each(workspace.db, form_id=FORM):
            form = forms.for_record(record)
            item = record.as_json()
            item["fields"] = identity.masked_values(form, record.values)
            expected_json.append(item)
            expected_lines.append("\t".join([record.id, record.status, identity.display_name(form, record.values),
                                             identity.masked_id(form, record.values), record.updated_at]))
    assert json.loads(listing("--json")) == expected_json
    assert listing().splitlines() == expected_lines
