"""A data-entry form generated from a FormDefinition, made for heads-down keying.

One row per field (label in the UI language, an editor for its type, a "Keep" toggle for carry
forward, and the field's problems beside it), group headings, and repeats with rows to add and
remove; a repeat inside a repeat (the members of each household) is drawn inside each row of the
outer one, indented, with the same keys (Ctrl+Shift+A adds a row to the innermost repeat around
the focus, Ctrl+Shift+D removes that row). A repeat with `repeat_count` shows the rows it asks
for as the clerk types: rows are added, and rows beyond it are dropped only while empty (a filled
one stays and the rules name it, so nothing typed is lost without the clerk's say). Enter or Tab moves to the next shown field in form order, Shift+Tab goes back. After
each change the rules are run (debounced; one pass takes well under a millisecond) and the view
shows the outcome: relevance hides fields, calculations update, problems appear beside fields.
Typing never waits and is never refused.

The view holds no rules: it is given an `evaluate(values) -> FormState` callable (see
desktop.core.entry.form_entry) and only shows what comes back.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass

import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QFont, QKeySequence, QPalette, QShortcut
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop.core.entry.identity import derived_from_id
from desktop.core.forms import labels
from desktop.core.forms.model import Field, FormDefinition, Group
from desktop.core.i18n import current_language
from desktop.core.rules import FormState
from desktop.core.rules.engine import MAX_REPEAT_ROWS
from desktop.ui.entry.form_editors import (
    ChoiceEditor,
    DateEditor,
    LineEditor,
    MultiChoiceEditor,
    TextBlockEditor,
)

EVALUATE_DELAY_MS = 60  # batches a burst of keystrokes into one pass of the rules
# Widths are counted in digit widths ("0"): a CJK fallback font makes averageCharWidth() a full
# Chinese character wide, which doubled every width and pushed the form off the screen.
LABEL_MAX_DIGITS = 24  # a longer label wraps onto a second line instead
EDITOR_MIN_DIGITS = 24  # an 18-digit ID number fits
EDITOR_MAX_DIGITS = 48
MESSAGE_MIN_DIGITS = 14
NESTED_INDENT_DIGITS = 3  # a repeat inside a repeat's row is indented by this much
ERROR_COLOUR = "#b3261e"
WARNING_COLOUR = "#8a5300"


@dataclass
class FieldRow:
    """The widgets of one field at one path (`family/0/member_name` inside a repeat)."""

    field: Field
    path: str
    label: QLabel
    editor: QWidget | None
    message: QLabel
    keep: QToolButton | None
    widgets: tuple
    calculated: bool = False
    hint: str = ""
    severity: str = ""  # of the problems shown beside the field: "error", "warning" or ""

    def set_visible(self, visible: bool) -> None:
        for widget in self.widgets:
            widget.setVisible(visible)

    def focus_widgets(self) -> list[QWidget]:
        if isinstance(self.editor, MultiChoiceEditor):
            return self.editor.focus_widgets()
        if self.editor is None or self.editor.focusPolicy() == Qt.NoFocus:
            return []
        return [self.editor]


def _heading_font(widget: QWidget, scale: float) -> QFont:
    """Relative to the application font, so the large-text option scales headings too."""
    font = QFont(widget.font())
    if font.pointSizeF() > 0:
        font.setPointSizeF(font.pointSizeF() * scale)
    font.setBold(True)
    return font


class RepeatSection(QFrame):
    """A repeat (e.g. accompanying family members) at `path` (its name at the top level,
    `household/0/member` inside a row of another repeat): numbered rows and an Add button."""

    def __init__(self, view: FormView, group: Group, path: str, parent=None):
        super().__init__(parent)
        self.view = view
        self.group = group
        self.path = path
        self.depth = path.count("/") // 2
        self.setFrameShape(QFrame.StyledPanel)
        self.setObjectName("repeatSection")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 6)
        self.rows_box = QVBoxLayout()
        self.rows_box.setSpacing(10)
        layout.addLayout(self.rows_box)
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.message.setTextFormat(Qt.PlainText)
        self.message.setStyleSheet(f"color: {ERROR_COLOUR};")
        self.message.hide()
        layout.addWidget(self.message)
        self.add_button = QPushButton(QCoreApplication.translate("FormView", "Add a row (Ctrl+Shift+A)"), self)
        self.add_button.setToolTip(QCoreApplication.translate(
            "FormView", "Space or Ctrl+Shift+A adds a row; Enter moves on"))
        self.add_button.clicked.connect(lambda: view.add_repeat_row(self.path))
        self.add_button.installEventFilter(view)
        layout.addWidget(self.add_button, 0, Qt.AlignLeft)
        # with repeat_count the rows follow the count: no Add button
        self.add_button.setVisible(not group.repeat_count)
        self.instances: list[dict[str, FieldRow]] = []  # per row: its own fields by name
        self.nested: list[dict[str, RepeatSection]] = []  # per row: the repeats inside it by name
        self.frames: list[QFrame] = []

    @property
    def counted(self) -> bool:
        return bool(self.group.repeat_count)

    def clear(self) -> None:
        for frame in self.frames:
            frame.setParent(None)
            frame.deleteLater()
        self.frames, self.instances, self.nested = [], [], []


class FormView(QScrollArea):
    """The generated form. See the module docstring; `values()` / `set_values()` move data in
    and out, `state()` is the latest outcome of the rules."""

    stateChanged = Signal(object)  # FormState after each pass of the rules
    edited = Signal()  # the clerk changed something
    fieldCommitted = Signal(str)  # path of a field the clerk left (Enter, Tab, click away)
    endReached = Signal()  # Enter on the last field
    carryForwardChanged = Signal(list)

    def __init__(self, form: FormDefinition, evaluate: Callable[[dict], FormState], *,
                 language: str | None = None, carry_forward=(), parent=None):
        super().__init__(parent)
        self.form = form
        self.evaluate = evaluate
        self.language = language or current_language()
        self.rows: dict[str, FieldRow] = {}
        self.repeats: dict[str, RepeatSection] = {}
        self.touched: set[str] = set()
        self.show_all = False
        self._carry = {name for name in carry_forward if form.has_field(name)}
        # labels and hints naming other fields (`How old is ${name}?`) follow the values typed
        self._interpolated = {f.name for f in form.fields
                              if labels.references(f.label) or labels.references(f.hint)}
        self._state: FormState | None = None
        self._loading = False
        self._stopped = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(EVALUATE_DELAY_MS)
        self._timer.timeout.connect(self.flush)
        self._unit = max(self.fontMetrics().horizontalAdvance("0"), 5)
        self._label_width = self._widest_label(form)

        self.setWidgetResizable(True)
        # the form fits the width it is given (labels wrap, editors shrink): never a sideways scroll
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
        self.setFrameShape(QFrame.NoFrame)
        self.body = QWidget(self)
        self.body.setObjectName("formBody")
        self.grid_layout = QVBoxLayout(self.body)
        self.grid_layout.setContentsMargins(8, 8, 8, 8)
        self._build(form.layout, self.grid_layout)
        self.grid_layout.addStretch(1)
        self.setWidget(self.body)

        QShortcut(QKeySequence("Ctrl+K"), self, self.toggle_keep_current, context=Qt.WidgetWithChildrenShortcut)
        QShortcut(QKeySequence("Ctrl+Shift+A"), self, self._add_row_here, context=Qt.WidgetWithChildrenShortcut)
        QShortcut(QKeySequence("Ctrl+Shift+D"), self, self._remove_row_here, context=Qt.WidgetWithChildrenShortcut)
        self._apply_tab_order()

    # -- building ---------------------------------------------------------------------------
    def _widest_label(self, form: FormDefinition) -> int:
        """The label column's width: the longest label at its natural width, up to a cap (longer
        ones wrap). The same in every group and repeat row, so the editors line up."""
        metrics = self.fontMetrics()
        widths = [metrics.horizontalAdvance(f.label.get(self.language)) for f in _fields(form.layout)
                  if f.type != "note"]
        return min(max(widths, default=0) + 4, self._unit * LABEL_MAX_DIGITS)

    def _new_grid(self, parent: QWidget) -> QGridLayout:
        grid = QGridLayout()
        grid.setHorizontalSpacing(10)
        grid.setVerticalSpacing(6)
        grid.setColumnStretch(1, 3)
        grid.setColumnStretch(3, 2)
        # widths follow the font, so the large-text option keeps everything readable
        grid.setColumnMinimumWidth(3, self._unit * MESSAGE_MIN_DIGITS)
        return grid

    def _build(self, items, box: QVBoxLayout, prefix: str = "", parent: QWidget | None = None,
               rows: dict | None = None, sections: dict | None = None, values: dict | None = None) -> None:
        """The fields, groups and repeats of `items` into `box`: the form (prefix "") or one
        row of a repeat (prefix `household/0/`, its fields into `rows`, its repeats into
        `sections`, filled from `values`)."""
        parent = parent or self.body
        grid = None
        for item in items:
            if isinstance(item, Group):
                grid = None
                if item.repeat:
                    path = prefix + item.name
                    holder = box
                    if prefix:  # rows within rows: the inner repeat indented under the row's fields
                        holder = QVBoxLayout()
                        holder.setContentsMargins(self._unit * NESTED_INDENT_DIGITS, 0, 0, 0)
                        holder.setSpacing(2)
                        box.addLayout(holder)
                    holder.addWidget(self._heading(item, 1.1 if not prefix else 1.0, parent))
                    section = RepeatSection(self, item, path, parent)
                    self.repeats[path] = section
                    if sections is not None:
                        sections[item.name] = section
                    holder.addWidget(section)
                    for instance in (values or {}).get(item.name) or []:
                        self.add_repeat_row(path, instance if isinstance(instance, dict) else {}, focus=False)
                    continue
                box.addWidget(self._heading(item, 1.15 if not prefix else 1.0, parent))
                self._build(item.children, box, prefix, parent, rows, sections, values)
                continue
            if grid is None:
                grid = self._new_grid(parent)
                box.addLayout(grid)
            row = self._add_row(item, prefix + item.name, grid, parent)
            if rows is not None:
                rows[item.name] = row

    def _heading(self, group: Group, scale: float, parent: QWidget | None = None) -> QLabel:
        label = QLabel(group.label.get(self.language), parent or self.body)
        label.setFont(_heading_font(self, scale))
        label.setContentsMargins(0, 10, 0, 2)
        label.setProperty("group", group.name)
        return label

    def _add_row(self, f: Field, path: str, grid: QGridLayout, parent: QWidget) -> FieldRow:
        row_index = grid.rowCount()
        label = QLabel(f.label.get(self.language), parent)
        label.setAlignment(Qt.AlignRight | Qt.AlignVCenter)
        label.setWordWrap(True)
        if f.type != "note":
            label.setFixedWidth(self._label_width)  # the same in every group, so editors line up
        if f.hint is not None and f.hint.get(self.language):
            label.setToolTip(f.hint.get(self.language))
        message = QLabel(parent)
        message.setWordWrap(True)
        message.setTextFormat(Qt.PlainText)
        message.setSizePolicy(QSizePolicy.Preferred, QSizePolicy.Preferred)
        editor = self._editor_for(f, path, parent)
        keep = None
        widgets = [label, message]
        if f.type == "note":
            label.setAlignment(Qt.AlignLeft | Qt.AlignVCenter)
            grid.addWidget(label, row_index, 0, 1, 4)
        else:
            grid.addWidget(label, row_index, 0)
            grid.addWidget(editor, row_index, 1)
            widgets.append(editor)
            if f.is_input and not f.repeat:
                keep = QToolButton(parent)
                keep.setText(self.tr("Keep"))
                keep.setCheckable(True)
                keep.setAutoRaise(True)
                keep.setChecked(f.name in self._carry)
                keep.setFocusPolicy(Qt.NoFocus)
                keep.setStyleSheet("QToolButton { color: palette(mid); } "
                                   "QToolButton:checked { color: palette(highlighted-text); "
                                   "background: palette(highlight); border-radius: 3px; }")
                keep.setToolTip(self.tr("Carry this value forward to the next record (Ctrl+K)"))
                keep.toggled.connect(lambda on, name=f.name: self.set_keep(name, on))
                grid.addWidget(keep, row_index, 2)
                widgets.append(keep)
            grid.addWidget(message, row_index, 3)
        hint = self._short_choices_hint(f)
        if hint:
            message.setText(hint)
        calculated = bool(f.calculate or f.readonly or f.type == "calculate")
        row = FieldRow(f, path, label, editor, message, keep, tuple(widgets), calculated, hint)
        if editor is not None:
            label.setBuddy(editor)
        self.rows[path] = row
        return row

    def _short_choices_hint(self, f: Field) -> str:
        """For short lists (sex, status), the codes to type, so no popup is needed."""
        if f.type != "select_one":
            return ""
        choices = self.form.choices_for(f.name)
        if choices is None or len(choices) > 6:
            return ""
        # numeric codes are what a clerk types (1 = male); word codes need no repeating
        return "  ".join(f"{c.name} {c.label.get(self.language)}" if c.name.isdigit()
                         else c.label.get(self.language) for c in choices)

    def _editor_for(self, f: Field, path: str, parent: QWidget) -> QWidget | None:
        if f.type == "note":
            return None
        if f.calculate or f.readonly or f.type == "calculate":
            editor = QLineEdit(parent)
            editor.setReadOnly(True)
            editor.setFocusPolicy(Qt.NoFocus)
            self._size_editor(editor)
            palette = editor.palette()
            palette.setColor(QPalette.Base, palette.color(QPalette.Window))
            editor.setPalette(palette)
            return editor
        choices = self.form.choices_for(f.name) if f.is_select else None
        if f.type == "select_one":
            editor = ChoiceEditor(choices or (), self.language, parent)
            editor.setPlaceholderText(self.tr("code, name or pinyin initials"))
            editor.choiceChanged.connect(lambda p=path: self._changed(p))
        elif f.type == "select_multiple":
            editor = MultiChoiceEditor(choices or (), self.language, parent)
            editor.changed.connect(lambda p=path: self._changed(p))
            editor.advance.connect(lambda p=path: self.focus_next_after(p))
            editor.committed.connect(lambda p=path: self._committed(p))
            return editor
        elif f.type == "date":
            editor = DateEditor(parent)
            editor.setPlaceholderText(self.tr("YYYY-MM-DD"))
        elif f.type == "text" and "multiline" in f.appearance.split():
            editor = TextBlockEditor(parent)
            editor.setPlaceholderText(self.tr("Shift+Enter: new line"))
        else:
            editor = LineEditor(parent)
        self._size_editor(editor)
        editor.textEdited.connect(lambda _text, p=path: self._changed(p))
        editor.advance.connect(lambda p=path: self.focus_next_after(p))
        editor.committed.connect(lambda p=path: self._committed(p))
        return editor

    def _size_editor(self, editor: QWidget) -> None:
        editor.setMinimumWidth(self._unit * EDITOR_MIN_DIGITS)
        editor.setMaximumWidth(self._unit * EDITOR_MAX_DIGITS)
        editor.setSizePolicy(QSizePolicy.Expanding, QSizePolicy.Fixed)

    # -- repeats ----------------------------------------------------------------------------
    def add_repeat_row(self, path: str, values: dict | None = None, *, focus: bool = True) -> int:
        """A row at the end of the repeat at `path` (a name, or `household/0/member`)."""
        section = self.repeats[path]
        index = len(section.instances)
        loading, self._loading = self._loading, True
        frame = QFrame(section)
        frame.setFrameShape(QFrame.NoFrame)
        outer = QVBoxLayout(frame)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(4)
        if index:  # a line between rows, so where one ends reads at a glance
            line = QFrame(frame)
            line.setFrameShape(QFrame.HLine)
            line.setFrameShadow(QFrame.Sunken)
            outer.addWidget(line)
        top = QHBoxLayout()
        numbers = [int(part) + 1 for part in f"{path}/{index}".split("/")[1::2]]
        number = QLabel(self.tr("Row %1").replace("%1", ".".join(map(str, numbers))), frame)
        number.setFont(_heading_font(self, 1.0))
        remove = QPushButton(self.tr("Remove (Ctrl+Shift+D)"), frame)
        remove.setFocusPolicy(Qt.NoFocus)
        remove.clicked.connect(lambda _=False, p=path, i=index: self.remove_repeat_row(p, i))
        top.addWidget(number)
        top.addStretch(1)
        top.addWidget(remove)
        outer.addLayout(top)
        rows: dict[str, FieldRow] = {}
        sections: dict[str, RepeatSection] = {}
        section.instances.append(rows)
        section.nested.append(sections)
        section.frames.append(frame)
        body = QVBoxLayout()
        outer.addLayout(body)
        self._build(section.group.children, body, f"{path}/{index}/", frame, rows, sections, values or {})
        section.rows_box.addWidget(frame)
        frame.show()  # now, not on the next event loop pass: Enter may move into it at once
        for child_name, row in rows.items():
            if values and child_name in values and row.editor is not None and hasattr(row.editor, "set_value"):
                row.editor.set_value(values[child_name])
        self._loading = loading
        if not loading:
            self._apply_tab_order()
            self._changed(path)
        if focus:
            first = next((w for r in rows.values() for w in r.focus_widgets()), None)
            if first is not None:
                first.setFocus(Qt.TabFocusReason)
        return index

    def remove_repeat_row(self, path: str, index: int) -> None:
        section = self.repeats.get(path)
        values = self._instance_values(section) if section is not None else []
        if not 0 <= index < len(values):
            return
        del values[index]
        self._set_repeat(path, values)
        self._apply_tab_order()
        self._changed(path)
        self._committed(path)

    def _forget_inside(self, prefix: str) -> None:
        """Drop the fields and repeats whose paths start with `prefix` (rows being removed)."""
        for path in [p for p in self.rows if p.startswith(prefix)]:
            del self.rows[path]
        for path in [p for p in self.repeats if p.startswith(prefix)]:
            del self.repeats[path]

    def _set_repeat(self, path: str, instances: list) -> None:
        section = self.repeats[path]
        self._forget_inside(path + "/")
        section.clear()
        loading, self._loading = self._loading, True
        try:
            for instance in instances:
                self.add_repeat_row(path, instance if isinstance(instance, dict) else {}, focus=False)
        finally:
            self._loading = loading

    def _drop_rows_after(self, path: str, keep: int) -> None:
        """Remove the rows of the repeat at `path` from `keep` on (the others stay as they are,
        focus included)."""
        section = self.repeats[path]
        while len(section.frames) > keep:
            index = len(section.frames) - 1
            self._forget_inside(f"{path}/{index}/")
            frame = section.frames.pop()
            section.instances.pop()
            section.nested.pop()
            frame.setParent(None)
            frame.deleteLater()

    def _follow_counts(self, state: FormState) -> bool:
        """Make every repeat with `repeat_count` show the rows asked for: add empty rows, drop
        empty rows beyond it (a filled one stays, and the rules name the repeat). True if the
        rows changed."""
        changed = False
        for path, wanted in list(state.repeat_counts.items()):
            section = self.repeats.get(path)
            if section is None:
                continue
            wanted = min(wanted, MAX_REPEAT_ROWS)
            have = len(section.instances)
            if have < wanted:
                loading, self._loading = self._loading, True
                try:
                    for _ in range(wanted - have):
                        self.add_repeat_row(path, {}, focus=False)
                finally:
                    self._loading = loading
                changed = True
            elif have > wanted:
                values = self._instance_values(section)
                keep = have
                while keep > wanted and _is_blank(values[keep - 1]):
                    keep -= 1
                if keep < have:
                    self._drop_rows_after(path, keep)
                    changed = True
        if changed:
            self._apply_tab_order()
        return changed

    def _repeat_of_focus(self) -> tuple[str, int] | None:
        """The innermost repeat around the focus (its path) and the row (-1 on its Add button)."""
        focused = self.focusWidget()
        for path, section in self.repeats.items():
            if focused is section.add_button:
                return path, -1
            for index, rows in enumerate(section.instances):
                if any(focused in r.focus_widgets() for r in rows.values()):
                    return path, index
        return None

    def _add_row_here(self) -> None:
        where = self._repeat_of_focus()
        top = [p for p in self.repeats if "/" not in p]
        if where is None and len(top) == 1:
            where = (top[0], -1)
        if where is not None and not self.repeats[where[0]].counted:
            self.add_repeat_row(where[0])

    def _remove_row_here(self) -> None:
        where = self._repeat_of_focus()
        if where is not None and where[1] >= 0:
            self.remove_repeat_row(*where)
            section = self.repeats.get(where[0])
            if section is None:
                return
            if section.add_button.isVisibleTo(self.body):
                section.add_button.setFocus(Qt.TabFocusReason)
            elif section.instances:  # rows follow a count: the row now in its place
                index = min(where[1], len(section.instances) - 1)
                first = next((w for r in section.instances[index].values() for w in r.focus_widgets()), None)
                if first is not None:
                    first.setFocus(Qt.TabFocusReason)

    # -- keyboard ---------------------------------------------------------------------------
    def focus_chain(self) -> list[QWidget]:
        """Every widget Tab and Enter visit, in form order (hidden ones included)."""
        chain: list[QWidget] = []
        for item in self.form.layout:
            self._chain_of(item, chain)
        return chain

    def _chain_of(self, item, chain: list, prefix: str = "") -> None:
        if isinstance(item, Group):
            if item.repeat:
                section = self.repeats.get(prefix + item.name)
                if section is None:
                    return
                for index in range(len(section.instances)):  # each row: its fields, its rows within
                    for child in item.children:
                        self._chain_of(child, chain, f"{section.path}/{index}/")
                chain.append(section.add_button)
                return
            for child in item.children:
                self._chain_of(child, chain, prefix)
            return
        row = self.rows.get(prefix + item.name)
        if row is not None:
            chain += row.focus_widgets()

    def _apply_tab_order(self) -> None:
        chain = self.focus_chain()
        for first, second in zip(chain, chain[1:], strict=False):
            QWidget.setTabOrder(first, second)

    def eventFilter(self, watched, event):  # Enter on the repeat's Add button moves on
        if event.type() == QEvent.KeyPress and event.key() in (Qt.Key_Return, Qt.Key_Enter):
            for section in self.repeats.values():
                if watched is section.add_button:
                    self._focus_after(section.add_button)
                    return True
        return super().eventFilter(watched, event)

    def focus_next_after(self, path: str) -> None:
        row = self.rows.get(path)
        widgets = row.focus_widgets() if row else []
        if widgets:
            self._focus_after(widgets[-1])

    def _focus_after(self, widget: QWidget) -> None:
        chain = self.focus_chain()
        try:
            start = chain.index(widget) + 1
        except ValueError:
            return
        for candidate in chain[start:]:
            if candidate.isVisibleTo(self.body) and candidate.isEnabled():
                _focus(candidate, Qt.TabFocusReason)
                self.ensureWidgetVisible(candidate)
                return
        self.endReached.emit()

    def focus_path(self, path: str) -> bool:
        row = self.rows.get(path)
        widgets = row.focus_widgets() if row else []
        if not widgets or not widgets[0].isVisibleTo(self.body):
            return False
        _focus(widgets[0], Qt.OtherFocusReason)
        self.ensureWidgetVisible(widgets[0])
        return True

    def focus_first(self, skip=()) -> None:
        """Focus the first shown field not in `skip` (carried-forward fields are skipped)."""
        skipped = {w for p in skip if p in self.rows for w in self.rows[p].focus_widgets()}
        shown = [widget for widget in self.focus_chain() if widget.isVisibleTo(self.body)]
        for widget in shown:
            if widget not in skipped:
                _focus(widget, Qt.OtherFocusReason)
                if widget is shown[0]:
                    self.verticalScrollBar().setValue(0)  # the form's first heading stays in view
                else:
                    self.ensureWidgetVisible(widget)
                return

    def current_path(self) -> str:
        focused = self.focusWidget()
        for path, row in self.rows.items():
            if focused is not None and focused in row.focus_widgets():
                return path
        return ""

    # -- carry forward ------------------------------------------------------------------------
    def carry_forward(self) -> list[str]:
        return sorted(self._carry)

    def set_keep(self, name: str, on: bool) -> None:
        before = set(self._carry)
        (self._carry.add if on else self._carry.discard)(name)
        row = self.rows.get(name)
        if row is not None and row.keep is not None and row.keep.isChecked() != on:
            row.keep.setChecked(on)
        if self._carry != before:
            self.carryForwardChanged.emit(self.carry_forward())

    def toggle_keep_current(self) -> None:
        path = self.current_path()
        row = self.rows.get(path)
        if row is not None and row.keep is not None:
            self.set_keep(row.field.name, not row.keep.isChecked())

    # -- values -------------------------------------------------------------------------------
    def values(self) -> dict:
        """The values as entered: {name: value}, a repeat as a list of {child: value}."""
        out: dict = {}
        for path, row in self.rows.items():
            if row.editor is not None and not shiboken6.isValid(row.editor):
                continue  # being destroyed (the window closing)
            if "/" in path or row.editor is None or row.calculated or not hasattr(row.editor, "value"):
                continue
            out[path] = row.editor.value()
        for path, section in self.repeats.items():
            if "/" not in path:
                out[path] = self._instance_values(section)
        return out

    def _instance_values(self, section: RepeatSection) -> list[dict]:
        out = []
        for rows, nested in zip(section.instances, section.nested, strict=True):
            instance = {child: row.editor.value() for child, row in rows.items()
                        if row.editor is not None and not row.calculated and hasattr(row.editor, "value")
                        and shiboken6.isValid(row.editor)}
            for name, inner in nested.items():
                instance[name] = self._instance_values(inner)
            out.append(instance)
        return out

    def set_values(self, values: dict, *, touched: bool = False) -> None:
        """Fill the form (a record, a draft, carried values); runs the rules once."""
        self._loading = True
        try:
            for name in [p for p in self.repeats if "/" not in p]:
                instances = values.get(name) or []
                self._set_repeat(name, instances if isinstance(instances, list) else [])
            for path, row in self.rows.items():
                if "/" in path or row.editor is None or row.calculated:
                    continue
                if hasattr(row.editor, "set_value"):
                    row.editor.set_value(values.get(path, ""))
        finally:
            self._loading = False
        self._apply_tab_order()
        self.touched = {p for p in self.rows if touched and values.get(p) not in (None, "", [])}
        self.flush()

    # -- the rules ----------------------------------------------------------------------------
    def _changed(self, path: str) -> None:
        if self._loading:
            return
        self._fill_from_id(path)
        self.edited.emit()
        if not self._stopped:
            self._timer.start()

    def _committed(self, path: str) -> None:
        if self._loading or not shiboken6.isValid(self):
            return
        self.touched.add(path)
        self.flush()
        self.fieldCommitted.emit(path)

    def _fill_from_id(self, path: str) -> None:
        """A valid resident ID fills the birth date and sex beside it (fields found by role)."""
        row = self.rows.get(path)
        if row is None or row.editor is None or not hasattr(row.editor, "value"):
            return
        for target_path, value in derived_from_id(self.form, path, row.editor.value()).items():
            target = self.rows.get(target_path)
            if target is not None and target.editor is not None and hasattr(target.editor, "set_value"):
                if target.editor.value() != value:
                    target.editor.set_value(value)
                self.touched.add(target.path)

    def stop(self) -> None:
        """The store behind the rules is about to close (quit, sign-out): no rule runs again;
        the values typed stay readable for the draft."""
        self._timer.stop()
        self._stopped = True

    def flush(self) -> FormState:
        """Run the rules now (instead of after the debounce) and show the outcome."""
        self._timer.stop()
        if self._stopped:
            return self._state or FormState(values=self.values(), relevant={}, violations=[])
        state = self.evaluate(self.values())
        if self._follow_counts(state):  # rows added or dropped: their rules too
            state = self.evaluate(self.values())
        self._apply(state)
        return state

    def state(self) -> FormState:
        if self._state is None or self._timer.isActive():
            return self.flush()
        return self._state

    def set_show_all(self, on: bool) -> None:
        """Show every problem (after a save attempt), not only those of fields visited."""
        self.show_all = on
        if self._state is not None:
            self._apply(self._state)

    def visible_violations(self, state: FormState | None = None) -> list:
        state = state or self.state()
        return [v for v in state.violations
                if self.show_all or v.code != "required" or v.path in self.touched]

    def _apply(self, state: FormState) -> None:
        self._state = state
        focused = self.focusWidget()
        for path, row in self.rows.items():
            shown = state.relevant.get(path, True) and _repeats_shown(state, path)
            if row.label.isHidden() == shown:
                row.set_visible(shown)
                if not shown and row.editor is not None and hasattr(row.editor, "set_value") \
                        and not row.calculated and row.editor is not focused:
                    row.editor.set_value("")
            if row.editor is not None and row.calculated:
                row.editor.setText(_display(self._value_at(state.values, path)))
            if isinstance(row.editor, ChoiceEditor) and path in state.options:
                row.editor.set_available(state.options[path])
            if row.field.name in self._interpolated:
                self._interpolate(row, path, state.values)
        by_path: dict[str, list] = {}
        for violation in self.visible_violations(state):
            by_path.setdefault(violation.path, []).append(violation)
        for path, section in self.repeats.items():
            section.setVisible(state.relevant.get(path, True) and _repeats_shown(state, path))
            text = "\n".join("✖ " + v.message.get(self.language) for v in by_path.get(path, []))
            section.message.setText(text)
            section.message.setVisible(bool(text))
        for path, row in self.rows.items():
            found = by_path.get(path, [])
            if found:
                error = any(v.severity == "error" for v in found)
                text = "\n".join(("✖ " if v.severity == "error" else "⚠ ") + v.message.get(self.language)
                                 for v in found)
                row.message.setText(text)
                severity = "error" if error else "warning"
                if row.severity != severity:
                    row.message.setStyleSheet(f"color: {ERROR_COLOUR if error else WARNING_COLOUR};")
                row.severity = severity
            elif row.severity or not row.message.text():
                row.message.setText(row.hint)
                row.message.setStyleSheet("color: palette(dark);" if row.hint else "")
                row.severity = ""
        self.stateChanged.emit(state)

    def _interpolate(self, row: FieldRow, path: str, values: dict) -> None:
        scope = _instance_at(values, path)  # a repeat row's own fields come first
        label = labels.interpolate(self.form, row.field.label, values, scope)
        row.label.setText(label.get(self.language))
        hint = labels.interpolate(self.form, row.field.hint, values, scope)
        if hint is not None:
            row.label.setToolTip(hint.get(self.language))

    @staticmethod
    def _value_at(values: dict, path: str):
        scope = _instance_at(values, path) if "/" in path else values
        return scope.get(path.rsplit("/", 1)[-1], "")

    def label_of(self, path: str) -> str:
        row = self.rows.get(path)
        if row is None:
            return path
        label = row.field.label.get(self.language)
        parts = path.split("/")
        if len(parts) >= 3:
            numbers = ".".join(str(int(part) + 1) for part in parts[1::2])
            row = self.tr("row %1").replace("%1", numbers)
            return f"{label} ({row})"
        return label

    def editor(self, path: str) -> QWidget | None:
        row = self.rows.get(path)
        return row.editor if row else None

    def message_text(self, path: str) -> str:
        row = self.rows.get(path)
        return row.message.text() if row and row.severity else ""

    def is_shown(self, path: str) -> bool:
        row = self.rows.get(path)
        return bool(row) and not row.label.isHidden()


def _fields(items):
    """Every field of a form layout, groups and repeats walked in order."""
    for item in items:
        if isinstance(item, Group):
            yield from _fields(item.children)
        else:
            yield item


def _repeats_shown(state: FormState, path: str) -> bool:
    """Whether every repeat around `path` (`household`, `household/0/member`) is relevant."""
    parts = path.split("/")
    return all(state.relevant.get("/".join(parts[:end]), True) for end in range(1, len(parts) - 1, 2))


def _instance_at(values: dict, path: str) -> dict:
    """The values of the repeat instance holding `path` (`household/0/member/1/age`), {} if none."""
    parts = path.split("/")
    scope = values
    for name, index in zip(parts[:-1:2], parts[1:-1:2], strict=True):
        instances = scope.get(name) if isinstance(scope, dict) else None
        try:
            scope = instances[int(index)]
        except (TypeError, IndexError, ValueError):
            return {}
    return scope if isinstance(scope, dict) else {}


def _is_blank(instance) -> bool:
    """A repeat row with nothing typed in it (nor in the rows within it)."""
    if isinstance(instance, dict):
        return all(_is_blank(value) for value in instance.values())
    if isinstance(instance, list):
        return all(_is_blank(item) for item in instance)
    return instance in (None, "")


def _focus(widget: QWidget, reason) -> None:
    """Focus `widget`, first making its window active again if a closed type-ahead popup
    kept activation (it happens without a window manager), else the focus would not move."""
    window = widget.window()
    if window.isVisible() and not window.isActiveWindow():
        window.activateWindow()
    widget.setFocus(reason)


def _display(value) -> str:
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, float):
        if value != value:
            return ""
        return str(int(value)) if value.is_integer() else f"{value:.2f}"
    if isinstance(value, list):
        return str(len(value))
    return "" if value is None else str(value)
