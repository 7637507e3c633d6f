"""`township --self-test`: a smoke test of a built (frozen) app, run headless after every build.

It sets up a township in a temporary data folder and drives each part through its real code:
every form pack loads, a record is validated and saved (and a broken one refused), a signed and
encrypted bundle is written, read back and opened, a summary PDF is rendered, the Qt modules
and plugins the GUI needs load, and the doctor's checks pass. It prints one line per step and
exits 0 only if every step that ran passed.

Every part ships, so every step runs; a step that cannot is a failure. The point is to catch
what freezing breaks (a data file, grammar, plugin or native library left out), so each step
touches the files and libraries it depends on.
"""

from __future__ import annotations

import os
import secrets
import sys
import tempfile
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

TOWNSHIP_CODE = "131025100"          # 平舒镇, in the shipped division code list
COUNTY_CODE = "131025"
CLERK = "自检"
FORM_ID = "floating_population"

# A record the floating-population form pack accepts: the person's fields by role (the form says
# which field is the ID, the name...), the form's other fields by name.
SAMPLE_ID = "131025198802143219"
SAMPLE_NAME = "张自检"
SAMPLE_BY_ROLE = {"person_id": SAMPLE_ID, "person_name": SAMPLE_NAME, "sex": "1", "birth_date": "1988-02-14",
                  "village": "131025100001", "status": "present"}
SAMPLE_OTHER = {"ethnicity": "01", "hukou_address": "河北省廊坊市大城县平舒镇", "marital_status": "10",
                "arrival_date": "2020-03-01", "move_reason": "01"}


def sample_record(form) -> dict:
    """The sample as `form` names its fields (a role the form does not have is left out)."""
    by_role = {form.role_name(role): value for role, value in SAMPLE_BY_ROLE.items() if form.role_name(role)}
    return {**SAMPLE_OTHER, **by_role}


class Skip(Exception):
    """The part this step checks is not in this build."""


@dataclass
class Context:
    root: Path
    password: str
    workspace: object = None
    record: object = None
    command: Callable[[list[str]], int] | None = None   # the `township` command line (desktop.cli.main)
    notes: dict = field(default_factory=dict)


@dataclass(frozen=True)
class Outcome:
    step: str
    status: str          # "ok", "FAIL" or "skip"
    detail: str
    seconds: float


# -- the steps ---------------------------------------------------------------------------------

def step_setup(ctx: Context) -> str:
    from desktop.core.workspace.setup import initialise

    ctx.workspace = initialise(ctx.root / "data", role="township", code=TOWNSHIP_CODE, clerk=CLERK,
                               password=ctx.password)
    return f"township {ctx.workspace.township} set up in {ctx.workspace.paths.root}"


def step_forms(ctx: Context) -> str:
    from desktop.core.forms.registry import FormRegistry

    registry = FormRegistry.for_data_dir(ctx.workspace.paths)
    loaded = []
    for form_id in registry.form_ids():
        for version in registry.versions(form_id):
            form = registry.get(form_id, version)
            loaded.append(f"{form.form_id}@{form.version}")
    if not loaded:
        raise AssertionError("no form packs found in resources/forms")
    if FORM_ID not in registry.form_ids():
        raise AssertionError(f"the {FORM_ID} form pack is missing")
    return f"{len(loaded)} form pack{'' if len(loaded) == 1 else 's'} loaded: {', '.join(loaded)}"


def step_record(ctx: Context) -> str:
    from stdnum.cn import ric

    from desktop.core.entry import entry
    from desktop.core.errors import RecordRejected
    from desktop.core.store import records, search

    form = entry.form_for(ctx.workspace, FORM_ID)
    sample, id_field = sample_record(form), form.role_name("person_id")
    if not id_field:
        raise AssertionError(f"the {FORM_ID} form pack has no person_id field")
    broken = {**sample, id_field: SAMPLE_ID[:-1] + "0"}  # wrong check digit
    try:
        entry.add(ctx.workspace, FORM_ID, broken)
    except RecordRejected:
        pass
    else:
        raise AssertionError("a record with an invalid ID number was accepted")
    ctx.record = entry.add(ctx.workspace, FORM_ID, dict(sample))
    stored = records.get(ctx.workspace.db, ctx.record.id)
    for name, value in sample.items():
        if stored.values.get(name) != value:
            raise AssertionError(f"field {name} reads back as {stored.values.get(name)!r}")
    # data files behind validation and search: stdnum's region table, pypinyin's dictionaries
    if not ric.get_birth_place(SAMPLE_ID):
        raise AssertionError("stdnum's region table (cn/loc.dat) gave no birth place")
    if "zzj" not in search.search_text({"name": SAMPLE_NAME}, ("name",)):
        raise AssertionError("pypinyin gave no initials for a Chinese name")
    return f"invalid record refused; record {ctx.record.id[:8]} validated, saved and read back"


def step_bundle(ctx: Context) -> str:
    from desktop.core.sync import bundle
    from desktop.core.sync.keys import create_keys

    township_keys = create_keys(ctx.workspace.paths.keys, comment=TOWNSHIP_CODE)
    county_keys = create_keys(ctx.root / "county-keys", comment=COUNTY_CODE)
    trusted = [bundle.TrustedKey(township_keys.public(), TOWNSHIP_CODE, "township"),
               bundle.TrustedKey(county_keys.public(), COUNTY_CODE, "county")]
    from desktop.core.store.records import BUNDLE_COLUMNS
    from desktop.core.sync import outgoing

    row = ctx.workspace.db.execute(f"SELECT {', '.join(BUNDLE_COLUMNS)}, search_text FROM records"
                                   " WHERE id = ?", [ctx.record.id]).fetchone()
    payload = {"township": TOWNSHIP_CODE, "from_seq": 0, "through_seq": 0, "audit_head": "0" * 64,
               "records": [outgoing.record_row(row)], "audit": [], "items": [], "received_items": [],
               "returns_through": 0}
    data = bundle.build_bundle(
        keys=township_keys, kind=bundle.KIND_DATA, county=COUNTY_CODE, township=TOWNSHIP_CODE,
        sequence=1, previous_sha256=None, payload=payload,
        recipients=[county_keys.public().age_recipient, township_keys.public().age_recipient],
        form_versions={FORM_ID: ctx.record.form_version}, counts={"records": 1, "audit": 0, "items": 0})
    stick = ctx.root / "stick"
    stick.mkdir()
    path = bundle.write_bundle_file(stick, data, trusted)
    opened = bundle.open_bundle_file(path, trusted, county_keys.all_age_identities(), expect_kind=bundle.KIND_DATA)
    if opened.payload != payload:
        raise AssertionError("the bundle's payload did not decrypt to what was written")
    return f"{path.name} written, verified (SSHSIG) and decrypted (age) as the county"


def step_summary_pdf(ctx: Context) -> str:
    if ctx.command is None:
        raise Skip("run by `township --self-test`, which hands in the command line")
    out = ctx.root / "summary.pdf"
    code = ctx.command(["--data-dir", str(ctx.workspace.paths.root), "summary", "--pdf", str(out)])
    if code != 0:
        raise AssertionError(f"`township summary --pdf` exited {code}")
    head = out.read_bytes()[:5] if out.exists() else b""
    if head != b"%PDF-":
        raise AssertionError(f"{out.name} is not a PDF")
    return f"summary PDF rendered ({out.stat().st_size} bytes)"


def step_qt(ctx: Context) -> str:
    """What the GUI needs from the build: the Qt modules, a platform plugin, the translations."""
    from PySide6 import QtCore, QtGui, QtPrintSupport, QtWidgets  # noqa: F401 - the modules we ship

    from desktop.core.paths import resources_dir

    app = QtWidgets.QApplication.instance() or QtWidgets.QApplication(["township-self-test"])
    window = QtWidgets.QMainWindow()
    window.setWindowTitle("流动人口登记")
    window.show()
    app.processEvents()
    translations = sorted((resources_dir() / "translations").glob("*.qm"))
    for qm in translations:
        if not QtCore.QTranslator(app).load(str(qm)):
            raise AssertionError(f"translation {qm.name} does not load")
    printer = QtPrintSupport.QPrinter(QtPrintSupport.QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QtPrintSupport.QPrinter.OutputFormat.PdfFormat)
    window.close()
    return (f"Qt {QtCore.qVersion()} on platform '{app.platformName()}', "
            f"{len(translations)} translation file{'' if len(translations) == 1 else 's'} loaded")


def step_doctor(ctx: Context) -> str:
    from desktop.core.store import backup, doctor

    backup.daily_if_due(ctx.workspace.db, ctx.workspace.paths.backups)
    findings = doctor.run_checks(ctx.workspace)
    failed = [f for f in findings if not f.ok]
    if failed:
        raise AssertionError("; ".join(f"{f.check}: {f.text}" for f in failed))
    return f"{len(findings)} checks passed ({', '.join(f.check for f in findings)})"


STEPS: list[tuple[str, Callable[[Context], str]]] = [
    ("setup", step_setup),
    ("forms", step_forms),
    ("record", step_record),
    ("bundle", step_bundle),
    ("summary-pdf", step_summary_pdf),
    ("qt", step_qt),
    ("doctor", step_doctor),
]


# steps that use what an earlier step made; every step needs setup
NEEDS = {"bundle": ("setup", "record")}


def run_steps(ctx: Context, steps=None, out=None) -> list[Outcome]:
    out, steps = out or sys.stdout, STEPS if steps is None else steps
    outcomes = []
    for name, step in steps:
        started = time.perf_counter()
        missing = [need for need in NEEDS.get(name, ("setup",)) if need != name and any(
            o.step == need and o.status != "ok" for o in outcomes)]
        if missing:
            outcome = Outcome(name, "skip", f"{missing[0]} failed", 0.0)
        else:
            try:
                outcome = Outcome(name, "ok", step(ctx), time.perf_counter() - started)
            except Skip as reason:
                outcome = Outcome(name, "skip", str(reason), 0.0)
            except Exception as error:  # a failed step is the finding; keep going to report the rest
                where = traceback.extract_tb(error.__traceback__)[-1]
                detail = f"{type(error).__name__}: {error} ({Path(where.filename).name}:{where.lineno})"
                outcome = Outcome(name, "FAIL", detail, time.perf_counter() - started)
        outcomes.append(outcome)
        print(f"{outcome.status:<4}  {name:<12} {outcome.detail} [{outcome.seconds * 1000:.0f} ms]",
              file=out, flush=True)
    return outcomes


def run_self_test(out=None, command: Callable[[list[str]], int] | None = None) -> int:
    """Run every step in a temporary data folder; 0 only if every step that ran passed.
    `command` is the `township` command line (desktop.cli.main hands itself in), which the
    summary step drives."""
    out = out or sys.stdout
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    frozen = "frozen" if getattr(sys, "frozen", False) else "from source"
    print(f"township self-test ({frozen}, Python {sys.version.split()[0]})", file=out, flush=True)
    password = secrets.token_urlsafe(12)
    saved_password = os.environ.get("TOWNSHIP_PASSWORD")
    os.environ["TOWNSHIP_PASSWORD"] = password   # for steps that go through the CLI's sign-in
    with tempfile.TemporaryDirectory(prefix="township-selftest-") as temp:
        ctx = Context(root=Path(temp), password=password, command=command)
        try:
            outcomes = run_steps(ctx, out=out)
        finally:
            if ctx.workspace is not None:
                ctx.workspace.close()
            if saved_password is None:
                os.environ.pop("TOWNSHIP_PASSWORD", None)
            else:
                os.environ["TOWNSHIP_PASSWORD"] = saved_password
    ran = [o for o in outcomes if o.status != "skip"]
    failed = [o.step for o in ran if o.status != "ok"]
    skipped = [o.step for o in outcomes if o.status == "skip"]
    print(f"self-test: {len(ran)} ran ({', '.join(o.step for o in ran)}), {len(failed)} failed"
          + (f" ({', '.join(failed)})" if failed else "")
          + (f", {len(skipped)} skipped ({', '.join(skipped)})" if skipped else ""), file=out, flush=True)
    return 1 if failed or not ran else 0
