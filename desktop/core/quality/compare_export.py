"""The differences of a comparison of two entries put in a file (.xlsx) or on the terminal, under
the rule every export follows (desktop.core.entry.reveals): ID numbers masked, the person's name
kept beside the key so a record can still be found; in full only for a supervisor or an
administrator who gives a reason, and then the output is a reveal: an "export" audit event with
details.unmasked, what "compare", the form, the number of records and of rows, so the daily
summary's Reveals section and the audit page list it. A masked comparison writes nothing to the
store (it is read-only work that any clerk may run from the command line).
"""

from __future__ import annotations

import io
from pathlib import Path

from desktop.core.entry import reveals
from desktop.core.i18n import Text
from desktop.core.quality.compare import HERE_ONLY, THERE_ONLY, Comparison, cell_text

WHAT = "compare"


def record_reveal(workspace, comparison: Comparison, reason: str, *, file: Path | None = None) -> None:
    """The audit event of a comparison shown or written with ID numbers in full."""
    details = {"what": WHAT, "form": comparison.form_id, "key": comparison.key_field,
               "records": len({d.key for d in comparison.differences}), "rows": len(comparison.differences),
               "unmasked": True}
    if file is not None:
        details["file"] = Path(file).name
    workspace.record_event("export", form_id=comparison.form_id, details=details, reason=reason)


def save_xlsx(comparison: Comparison, path: str | Path, *, workspace=None, unmask: bool = False,
              reason: str | None = None) -> Path:
    """Write the differences to `path`; in full (`unmask`) only through `workspace`'s signed-in
    clerk, checked before anything is written and recorded once it is."""
    if unmask:
        if workspace is None:
            raise ValueError("an unmasked comparison is written through a workspace, which audits it")
        reason = reveals.require_unmask(workspace, reason)   # refused as `records export --unmask` is
    target = _write(comparison, Path(path), unmask)
    if unmask:
        record_reveal(workspace, comparison, reason, file=target)
    return target


def _write(comparison: Comparison, target: Path, unmask: bool) -> Path:
    """One sheet: record key, name, field, value here, value there (one-side keys say so)."""
    import openpyxl

    from desktop.core.store.atomic import write_atomic

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "differences"
    sheet.append([str(Text("record key", "记录关键字")), str(Text("name", "姓名")), str(Text("field", "字段")),
                  str(Text("value here", "本地值")), str(Text("value there", "对方值"))])
    one_side = {HERE_ONLY: (str(Text("(record here only)", "（仅本地有此记录）")), ""),
                THERE_ONLY: ("", str(Text("(record there only)", "（仅对方有此记录）")))}
    for item in comparison.differences:
        record = [comparison.key_text(item.key, unmask), comparison.names.get(item.key, "")]
        if item.kind == "field":
            sheet.append([*record, item.field, cell_text(comparison.value_text(item.field, item.here, unmask)),
                          cell_text(comparison.value_text(item.field, item.there, unmask))])
        else:
            sheet.append([*record, "", *one_side[item.kind]])
    for column, width in zip("ABCDE", (22, 12, 18, 30, 30), strict=True):
        sheet.column_dimensions[column].width = width
    buffer = io.BytesIO()
    book.save(buffer)
    write_atomic(target, buffer.getvalue())
    return target
