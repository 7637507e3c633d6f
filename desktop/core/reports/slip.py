"""One record as a slip the person signs, and the records list as printed pages: plain data.

A slip (`build_slip`) names the township and the form, gives every field of the record with its
label in the clerk's language (choices as their labels, villages by name), family members as a
table, the ID numbers masked unless a role allowed to ("unmask") asks for them in full with a
reason; the render (desktop.render.slip) adds the signature and date lines. The list
(`build_list`) is what the records list shows for a form: its columns, search and filter.
Printing either is a "print" event in the audit trail ({what: "slip"|"list", ...}), never with
personal data beyond the record's id.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from desktop.core import clock
from desktop.core.codelists import codelists_divisions
from desktop.core.entry import identity, list_columns
from desktop.core.errors import UserError
from desktop.core.forms import roles
from desktop.core.i18n import Text, current_language
from desktop.core.reports import names
from desktop.core.store import records
from desktop.core.workspace import accounts

LIST_LIMIT = 20000        # a printed list longer than this is a spreadsheet's job (Export…)


@dataclass
class SlipSection:
    title: str                                   # "" for the record's top-level fields
    rows: list[tuple[str, str]] = field(default_factory=list)


@dataclass
class SlipTable:
    title: str
    headers: list[str]
    rows: list[list[str]]


@dataclass
class RecordSlip:
    record_id: str
    township_name: Text
    form_title: Text
    person: str                                  # name and masked ID, for the page header
    sections: list[SlipSection]
    tables: list[SlipTable]
    status: str
    entered_at: str
    entered_by: str
    built_at: str
    unmasked: bool = False
    deleted: bool = False


@dataclass
class RecordList:
    form_id: str
    township_name: Text
    form_title: Text
    headers: list[str]
    keys: list[str]
    rows: list[list[str]]
    search: str
    village: str                                 # the village's name, "" for all
    total: int
    built_at: str
    changed_from: str | None = None              # the list's date filter (last change, inclusive)
    changed_to: str | None = None


def _require_unmask(workspace, reason: str | None) -> str:
    accounts.require(workspace.clerk_role, "unmask")
    reason = (reason or "").strip()
    if not reason:
        raise UserError(Text("Give the reason the ID numbers are printed in full.",
                             "请填写打印完整身份号码的原因。"), code="reason-needed")
    return reason


class Values:
    """A record's values as printed: choice labels, village names, masked ID numbers."""

    def __init__(self, form, divisions, *, unmask: bool, language: str):
        self.form, self.divisions, self.unmask, self.language = form, divisions, unmask, language

    def _is_id(self, f) -> bool:
        return f.role == roles.PERSON_ID or (f.type == "text" and bool(f.constraint) and "id_valid" in f.constraint)

    def text(self, f, value) -> str:
        if value is None or value == "":
            return ""
        if isinstance(value, bool):
            return Text("Yes", "是").get(self.language) if value else Text("No", "否").get(self.language)
        if self._is_id(f):
            return str(value) if self.unmask else identity.mask_id(str(value))
        if f.role == roles.VILLAGE or f.choice_list.startswith("village"):
            division = self.divisions.find(str(value))
            if division is not None:
                return division.name(self.language)
        choices = self.form.choices_for(f.name) if f.choice_list else None
        if choices is not None:
            parts = str(value).split() if f.type == "select_multiple" else [str(value)]
            shown = [(c.label.get(self.language) or part) if (c := choices.get(part)) is not None else part
                     for part in parts]
            return "、".join(shown)
        if f.type in ("date",):
            return str(value)[:10]
        return str(value)


def _printable(f) -> bool:
    return f.is_input and not f.metadata and f.type not in ("note",)


def _walk(form, items, values: dict, printer: Values, sections: list, tables: list, language: str,
          title: str = "") -> None:
    current = SlipSection(title)
    sections.append(current)
    for item in items:
        children = getattr(item, "children", None)
        if children is None:
            if not _printable(item):
                continue
            shown = printer.text(item, values.get(item.name))
            if not shown and item.relevant:
                continue                          # a question that did not apply to this person
            current.rows.append((item.label.get(language) or item.name, shown))
        elif item.repeat:
            fields = [c for c in children if getattr(c, "children", None) is None and _printable(c)]
            members = values.get(item.name)
            rows = []
            for member in members if isinstance(members, list) else []:
                if isinstance(member, dict):
                    rows.append([printer.text(c, member.get(c.name)) for c in fields])
            # a column no member has a value in is left out (it says nothing on paper)
            keep = [i for i in range(len(fields)) if any(row[i] for row in rows)] or list(range(min(4, len(fields))))
            tables.append(SlipTable(item.label.get(language) or item.name,
                                    [fields[i].label.get(language) or fields[i].name for i in keep],
                                    [[row[i] for i in keep] for row in rows]))
        else:
            _walk(form, children, values, printer, sections, tables, language, item.label.get(language) or item.name)
            current = SlipSection("")
            sections.append(current)


def build_slip(workspace, record_id: str, *, unmask: bool = False, reason: str | None = None,
               language: str | None = None) -> RecordSlip:
    """The slip of one record (its id, or the first characters of it as the lists show)."""
    from desktop.core.entry import form_entry

    language = language or current_language()
    if unmask:
        reason = _require_unmask(workspace, reason)
    full_id = record_id if _exists(workspace, record_id) else records.id_from_prefix(workspace.db, record_id)
    if full_id is None:
        raise UserError(records.NOT_FOUND.format(id=record_id), code="not-found")
    record = records.get(workspace.db, full_id)
    registry = form_entry.registry_for(workspace)
    form = identity.FormLookup(registry)(record.form_id, record.form_version)
    if form is None:
        raise UserError(Text("The form {form} of this record is not installed; its slip cannot be printed.",
                             "本记录的表单 {form} 未安装，无法打印登记单。").format(form=record.form_id),
                        code="no-form")
    divisions = codelists_divisions.for_workspace(workspace)
    printer = Values(form, divisions, unmask=unmask, language=language)
    sections: list[SlipSection] = []
    tables: list[SlipTable] = []
    _walk(form, form.layout or form.fields, record.values, printer, sections, tables, language)
    sections = [s for s in sections if s.rows]
    person = " ".join(p for p in (identity.display_name(form, record.values),
                                  printer.text(form.role_field(roles.PERSON_ID), identity.value_of(
                                      form, record.values, roles.PERSON_ID)) if form.role_field(roles.PERSON_ID)
                                  else "") if p)
    township = names.division_name(record.township or workspace.township, divisions)
    return RecordSlip(record.id, township, form.title if (form.title.en or form.title.zh)
                      else names.form_name(record.form_id), person, sections, tables, record.status,
                      record.created_at, record.created_by, clock.now_iso(), unmasked=unmask, deleted=record.deleted)


def _exists(workspace, record_id: str) -> bool:
    try:
        records.get(workspace.db, record_id)
    except UserError:
        return False
    return True


def record_slip_printed(workspace, slip: RecordSlip, *, reason: str | None = None):
    """The "print" event of a slip: {what: "slip", record, reason?}."""
    details = {"what": "slip", "record": slip.record_id}
    if reason and reason.strip():
        details["reason"] = reason.strip()
    return workspace.record_event("print", record_id=slip.record_id, details=details)


# -- the list ------------------------------------------------------------------------------------

def build_list(workspace, form_id: str, *, search: str | None = None, village: str | None = None,
               columns: list[str] | None = None, status: str | None = None, language: str | None = None,
               date_from: str | None = None, date_to: str | None = None, progress=None) -> RecordList:
    """The records of `form_id` as the records list shows them: the clerk's columns for the form
    (or `columns`, keys of list_columns), the list's order, `search`, `village`, `status` and the
    dates of last change (YYYY-MM-DD, inclusive) applied - the filters Export… applies."""
    from desktop.core.entry import form_entry
    from desktop.core.progress import ensure

    progress = ensure(progress)
    language = language or current_language()
    registry = form_entry.registry_for(workspace)
    form = registry.get(form_id)
    divisions = codelists_divisions.for_workspace(workspace)
    choice = list_columns.load_choice(workspace.db, form_id)
    available = list_columns.available(form)
    chosen = list_columns.by_key(available, columns if columns is not None else choice.columns)
    sort = next((c for c in available if c.key == choice.sort), None)
    search = (search or "").strip()
    args = records.list_filter(search=search if len(search) >= 2 else None, form_id=form.form_id, status=status,
                               village=village, date_from=date_from, date_to=date_to,
                               village_fields={form.form_id: form.role_name(roles.VILLAGE, default="village")})
    total = records.count(workspace.db, **args)
    printer = Values(form, divisions, unmask=False, language=language)
    lookup = identity.FormLookup(registry)
    rows, offset, label = [], 0, Text("Reading the list", "正在读取列表")
    while offset < min(total, LIST_LIMIT):
        page = records.query(workspace.db, limit=1000, offset=offset,
                             order=list_columns.order_by(sort, choice.descending), **args)
        if not page:
            break
        for record in page:
            rows.append([_cell(column, record, lookup(record.form_id, record.form_version) or form, printer,
                               divisions, language) for column in chosen])
        offset += len(page)
        progress.check()
        progress(offset, total, label)
    village_name = ""
    if village:
        division = divisions.find(village)
        village_name = division.name(language) if division is not None else village
    return RecordList(form.form_id, names.division_name(workspace.township, divisions),
                      form.title if (form.title.en or form.title.zh) else names.form_name(form_id),
                      [c.label.get(language) for c in chosen], [c.key for c in chosen], rows, search,
                      village_name, total, clock.now_iso(), date_from, date_to)


STATUS = {"complete": Text("Complete", "已完成"), "draft": Text("Draft", "草稿")}


def _cell(column, record, form, printer: Values, divisions, language: str) -> str:
    values, key = record.values, column.key
    if key == "name":
        return identity.display_name(form, values)
    if key == "id":
        return identity.masked_id(form, values)
    if key in ("sex", "village"):
        role = roles.SEX if key == "sex" else roles.VILLAGE
        f = form.role_field(role)
        value = identity.value_of(form, values, role)
        if f is not None:
            return printer.text(f, value)
        division = divisions.find(str(value)) if key == "village" and value else None
        return division.name(language) if division is not None else str(value or "")
    if key == "status":
        if record.deleted:
            return Text("Deleted", "已删除").get(language)
        return STATUS.get(record.status, STATUS["draft"]).get(language)
    if key in ("updated", "created"):
        return (record.updated_at if key == "updated" else record.created_at or "")[:16].replace("T", " ")
    if key == "age":
        return list_columns.age(identity.value_of(form, values, roles.BIRTH_DATE))
    if key == "family":
        return list_columns.family_count(form, values)
    name = column.field
    if form.has_field(name):
        return printer.text(form.field(name), values.get(name))
    return str(values.get(name, "") or "")


def record_list_printed(workspace, printed: RecordList, *, destination: str, pages: int):
    details = {"what": "list", "form": printed.form_id, "rows": len(printed.rows), "destination": destination,
               "pages": pages}
    if printed.search:
        details["search"] = printed.search
    if printed.changed_from or printed.changed_to:
        details["changed"] = [printed.changed_from, printed.changed_to]
    return workspace.record_event("print", form_id=printed.form_id, details=details)
