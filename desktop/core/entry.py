"""Entering a record: check it against the entry rules, then save it with its audit row.

This is the one path from collected values to the store, used by `township records add`, the
form view and the self-test. Until the forms engine is wired in, only the built-in rules below
apply (name required, resident ID check digit, ID unique).
"""

from __future__ import annotations

from dataclasses import dataclass

from stdnum.cn import ric

from desktop.core import records
from desktop.core.errors import RecordRejected, UserError
from desktop.core.i18n import Text
from desktop.core.workspace import Workspace

BUILTIN_FORM_VERSION = "builtin-1"


@dataclass(frozen=True)
class Violation:
    field: str
    code: str
    severity: str      # "error" blocks completion; "warning" needs a reason to override
    message: Text

    def as_json(self) -> dict:
        return {"field": self.field, "code": self.code, "severity": self.severity,
                "message": self.message.as_dict()}


def validate(workspace: Workspace, form_id: str, values: dict, record_id: str | None = None) -> list[Violation]:
    problems = []
    if not str(values.get("name") or "").strip():
        problems.append(Violation("name", "required", "error", Text("Name is required.", "姓名为必填项。")))
    id_number = str(values.get("id_number") or "").strip()
    if not id_number:
        problems.append(Violation("id_number", "required", "error",
                                  Text("ID number is required.", "身份证号为必填项。")))
    elif not ric.is_valid(id_number):
        problems.append(Violation("id_number", "id_invalid", "error",
                                  Text("Not a valid resident ID number.", "身份证号无效。")))
    else:
        existing = records.find_by_key(workspace.db, form_id, "id_number", id_number, record_id)
        if existing:
            problems.append(Violation("id_number", "duplicate", "error",
                                      Text("This ID number is already registered: record {rec}.",
                                           "该身份证号已登记：记录 {rec}。").format(rec=existing.display)))
    return problems


def add(workspace: Workspace, form_id: str, values: dict, *, status: str = "complete",
        overrides: dict | None = None) -> records.Record:
    """Validate and save a new record; RecordRejected lists every problem if it breaks the rules."""
    if workspace.role != "township":
        raise UserError(Text("Only a township installation enters records.", "只有乡镇端可以录入记录。"))
    problems = validate(workspace, form_id, values)
    blocking = [p for p in problems if p.severity == "error"
                or (p.severity == "warning" and not (overrides or {}).get(p.field))]
    if blocking and status == "complete":
        raise RecordRejected(Text("The record was not saved: {n} problem(s).",
                                  "记录未保存：有 {n} 处问题。").format(n=len(blocking)), blocking)
    return records.save(workspace.db, form_id=form_id, form_version=BUILTIN_FORM_VERSION,
                        township=workspace.township, values=values, clerk=workspace.clerk or "system",
                        status=status, unique_fields=("id_number",), overrides=overrides)
