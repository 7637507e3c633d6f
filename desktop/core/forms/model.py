"""The form definition the rest of the app uses, whatever spreadsheet it came from.

A `FormDefinition` is immutable once loaded: fields in sheet order (repeat children included,
each knowing its group and repeat), groups and repeats, choice lists, and the compiled rules.
The Qt form view walks `layout` to build widgets; the store reads `search_fields` and
`unique_fields`; the rules engine reads the compiled expressions on each `Field`; whatever needs
the person's ID, name, village... asks `role_field(role)` (desktop.core.forms.roles).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from desktop.core.errors import UserError
from desktop.core.i18n import Text, plural

FIELD_TYPES = ("text", "integer", "decimal", "date", "select_one", "select_multiple", "calculate", "note")
INPUT_TYPES = ("text", "integer", "decimal", "date", "select_one", "select_multiple")


@dataclass(frozen=True)
class FormProblem:
    """One thing wrong with a form file, located by sheet, row (1-based, the header is row 1)
    and column header; row 0 means the problem concerns the whole sheet or file."""

    sheet: str
    row: int
    column: str
    message: Text

    def location(self) -> Text:
        if not self.sheet:
            return Text("", "")
        if self.row and self.column:
            return Text(f"sheet '{self.sheet}', row {self.row}, column '{self.column}': ",
                        f"工作表“{self.sheet}”第 {self.row} 行“{self.column}”列：")
        if self.row:
            return Text(f"sheet '{self.sheet}', row {self.row}: ", f"工作表“{self.sheet}”第 {self.row} 行：")
        if self.column:
            return Text(f"sheet '{self.sheet}', column '{self.column}': ",
                        f"工作表“{self.sheet}”“{self.column}”列：")
        return Text(f"sheet '{self.sheet}': ", f"工作表“{self.sheet}”：")

    def text(self) -> Text:
        return self.location() + self.message

    def as_dict(self) -> dict:
        return {"sheet": self.sheet, "row": self.row, "column": self.column,
                "message": self.message.as_dict()}


class FormLoadError(UserError):
    """A form file that cannot be used; `problems` lists every problem found, not just the first."""

    def __init__(self, source: str, problems: list[FormProblem]):
        self.problems = list(problems)
        self.source = source
        count = len(self.problems)
        head = Text(f"the form {source} cannot be used ({plural(count, 'problem')}):",
                    f"表单 {source} 无法使用（{count} 个问题）：")
        lines = [head] + [Text("\n  - ", "\n  - ") + problem.text() for problem in self.problems]
        text = lines[0]
        for line in lines[1:]:
            text = text + line
        super().__init__(text)
        self.code = "form_invalid"


@dataclass(frozen=True)
class Choice:
    """One answer of a choice list; `extra` holds the other columns (choice_filter reads them)."""

    name: str
    label: Text
    extra: dict = field(default_factory=dict, hash=False, compare=True)
    # the label as written, per language ({"English": ..., "中文 (zh)": ...}; {"": ...} untranslated):
    # a choice_filter may read `label` or `label::English`
    labels: dict = field(default_factory=dict, hash=False, compare=False)

    def get(self, column: str, default: str = "") -> str:
        if column == "name":
            return self.name
        return self.extra.get(column, default)


@dataclass(frozen=True)
class ChoiceList:
    name: str
    choices: tuple[Choice, ...]
    codelist: str = ""  # filled from this code list at load (our extension), "" if from the sheet

    def __post_init__(self):
        object.__setattr__(self, "_by_name", {choice.name: choice for choice in self.choices})

    def get(self, name: str) -> Choice | None:
        return self._by_name.get(name)

    def __contains__(self, name: str) -> bool:
        return name in self._by_name

    def __iter__(self):
        return iter(self.choices)

    def __len__(self) -> int:
        return len(self.choices)


@dataclass
class Field:
    """One question (or calculation, or note) of the survey sheet."""

    name: str
    type: str
    label: Text
    row: int
    hint: Text | None = None
    required: str = ""  # "" not required, else an expression ("true()" for yes)
    required_message: Text | None = None
    constraint: str = ""
    constraint_message: Text | None = None
    soft_constraint: str = ""  # our extension: a warning the clerk may override with a reason
    soft_constraint_message: Text | None = None
    relevant: str = ""
    calculate: str = ""
    default: str = ""
    readonly: bool = False
    choice_list: str = ""
    choice_filter: str = ""
    appearance: str = ""
    unique: bool = False  # our extension: unique among current records of the form
    search: bool = False  # our extension: the store indexes it for record search
    role: str = ""  # our extension: what the field means to the app (desktop.core.forms.roles)
    group: str = ""  # innermost enclosing group or repeat name, "" at top level
    repeat: str = ""  # enclosing repeat name, "" outside repeats
    # the XLSForm type when the field is its desk equivalent (geopoint, range, trigger, start...)
    source_type: str = ""
    # filled by the app, not the clerk: start, end, username (the clerk), deviceid (the
    # installation), phonenumber, email (always empty); see desktop.core.forms.metadata
    metadata: str = ""
    # the label and hint in the form's languages other than zh and en: {language name: text}
    other_labels: dict = field(default_factory=dict)
    other_hints: dict = field(default_factory=dict)
    compiled: dict = field(default_factory=dict, repr=False, compare=False)

    @property
    def is_input(self) -> bool:
        return self.type in INPUT_TYPES and not self.readonly and not self.calculate

    @property
    def is_select(self) -> bool:
        return self.type in ("select_one", "select_multiple")

    def as_dict(self) -> dict:
        out = {"name": self.name, "type": self.type, "label": self.label.as_dict(), "row": self.row}
        for key in ("required", "constraint", "soft_constraint", "relevant", "calculate", "default",
                    "choice_list", "choice_filter", "appearance", "group", "repeat", "role",
                    "source_type", "metadata"):
            value = getattr(self, key)
            if value:
                out[key] = value
        for key in ("hint", "required_message", "constraint_message", "soft_constraint_message"):
            value = getattr(self, key)
            if value is not None:
                out[key] = value.as_dict()
        for key in ("readonly", "unique", "search"):
            if getattr(self, key):
                out[key] = True
        return out


@dataclass
class Group:
    """A group or a repeat; `children` are fields and groups in sheet order."""

    name: str
    label: Text
    row: int
    repeat: bool = False
    relevant: str = ""
    appearance: str = ""
    parent: str = ""
    repeat_count: str = ""  # XLSForm repeat_count: an expression (or number) giving the row count
    children: list[Field | Group] = field(default_factory=list)
    compiled: dict = field(default_factory=dict, repr=False, compare=False)

    def as_dict(self) -> dict:
        out = {"name": self.name, "type": "repeat" if self.repeat else "group",
               "label": self.label.as_dict(), "row": self.row,
               "children": [child.name for child in self.children]}
        if self.relevant:
            out["relevant"] = self.relevant
        if self.appearance:
            out["appearance"] = self.appearance
        if self.parent:
            out["parent"] = self.parent
        if self.repeat_count:
            out["repeat_count"] = self.repeat_count
        return out


@dataclass
class FormDefinition:
    form_id: str
    version: str
    title: Text
    default_language: str  # "zh" or "en"
    fields: tuple[Field, ...]
    groups: tuple[Group, ...]
    choice_lists: dict[str, ChoiceList]
    layout: tuple[Field | Group, ...] = ()
    source: str = ""
    plan: object = field(default=None, repr=False, compare=False)  # desktop.core.rules.engine.Plan
    # what was ignored or defaulted at load, each located like a problem (the form still loads)
    warnings: tuple[FormProblem, ...] = field(default=(), compare=False)
    languages: tuple[str, ...] = field(default=(), compare=False)  # label languages as the form names them
    # settings duplicate_threshold / duplicate_name_threshold: {"score": x, "name": y} (docs/QUALITY.md)
    duplicate_thresholds: dict = field(default_factory=dict, compare=False)

    def __post_init__(self):
        self._fields = {}
        for f in self.fields:  # a name used inside and outside a repeat: the outer field first
            self._fields.setdefault(f.name, f)
        self._groups = {g.name: g for g in self.groups}
        self._roles = {(f.repeat, f.role): f for f in self.fields if f.role}

    def field(self, name: str) -> Field:
        return self._fields[name]

    def has_field(self, name: str) -> bool:
        return name in self._fields

    def group(self, name: str) -> Group:
        return self._groups[name]

    @property
    def repeats(self) -> tuple[Group, ...]:
        return tuple(g for g in self.groups if g.repeat)

    @property
    def search_fields(self) -> tuple[str, ...]:
        """Fields marked `search`, the top-level person name, ID, phone and record number (by
        role), which a clerk always searches by, and the name and ID of each repeat's people
        (family members are found by search)."""
        return tuple(f.name for f in self.fields
                     if f.search or (not f.repeat and f.role in ("person_name", "person_id", "phone", "record_number"))
                     or (f.repeat and f.role in ("person_name", "person_id")))

    @property
    def unique_fields(self) -> tuple[str, ...]:
        return tuple(f.name for f in self.fields if f.unique)

    def role_field(self, role: str, repeat: str = "") -> Field | None:
        """The field playing `role` at the top level (or inside the repeat `repeat`), or None."""
        return self._roles.get((repeat, role))

    def role_name(self, role: str, repeat: str = "", default: str = "") -> str:
        """The name of the field playing `role`, or `default` when the form has none."""
        found = self._roles.get((repeat, role))
        return found.name if found is not None else default

    def choices_for(self, field_name: str) -> ChoiceList | None:
        name = self._fields[field_name].choice_list
        return self.choice_lists.get(name) if name else None

    def as_dict(self) -> dict:
        return {
            "form_id": self.form_id, "version": self.version, "title": self.title.as_dict(),
            "default_language": self.default_language,
            "fields": [f.as_dict() for f in self.fields],
            "groups": [g.as_dict() for g in self.groups],
            "choice_lists": {
                name: {"codelist": cl.codelist,
                       "choices": [{"name": c.name, "label": c.label.as_dict(), **c.extra} for c in cl]}
                for name, cl in self.choice_lists.items()
            },
        }
