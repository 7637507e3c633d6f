"""The editors of the form view, one per field type, all driven from the keyboard.

Every editor emits `advance` when Enter is pressed (the form view moves to the next field) and
`committed` when the clerk leaves it (Enter, Tab, a click elsewhere), which is when the draft is
written. They hold no rules: what a value means is for desktop.core.rules.
"""

from __future__ import annotations

import re

from PySide6.QtCore import QModelIndex, QStringListModel, Qt, Signal
from PySide6.QtWidgets import QCheckBox, QCompleter, QGridLayout, QLineEdit, QPlainTextEdit, QWidget

from desktop.core.entry.typeahead import match_choices

ENTER_KEYS = (Qt.Key_Return, Qt.Key_Enter)
_DATE_DIGITS = re.compile(r"^(\d{4})(\d{2})(\d{2})$")
_DATE_PARTS = re.compile(r"^(\d{4})\s*[-./年]\s*(\d{1,2})\s*[-./月]\s*(\d{1,2})\s*日?$")
POPUP_LIMIT = 12


def _is_plain_enter(event) -> bool:
    return event.key() in ENTER_KEYS and not (event.modifiers() & (Qt.ControlModifier | Qt.AltModifier))


class LineEditor(QLineEdit):
    """Text, integer and decimal fields (and the base of the date and choice editors)."""

    advance = Signal()
    committed = Signal()

    def keyPressEvent(self, event):
        if _is_plain_enter(event):
            self.normalise()
            self.committed.emit()
            self.advance.emit()
            return
        super().keyPressEvent(event)

    def focusOutEvent(self, event):
        # a type-ahead popup opening takes focus for a moment: the clerk is still typing here
        if event.reason() == Qt.PopupFocusReason:
            super().focusOutEvent(event)
            return
        self.normalise()
        super().focusOutEvent(event)
        self.committed.emit()

    def normalise(self) -> None:
        """Tidy what was typed when the clerk leaves the field (subclasses)."""

    def value(self):
        return self.text()

    def set_value(self, value) -> None:
        self.setText("" if value is None else str(value))


class TextBlockEditor(QPlainTextEdit):
    """A text field with the `multiline` appearance (remarks, an address): a few lines high.

    Enter moves on like every other field; Shift+Enter starts a new line; Tab leaves the field.
    `textEdited` is emitted for the clerk's typing only, as QLineEdit's is, not for `set_value`."""

    advance = Signal()
    committed = Signal()
    textEdited = Signal(str)   # noqa: N815 - QLineEdit's name, so the form view treats both alike

    LINES = 3

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setTabChangesFocus(True)
        self._setting = False
        self.textChanged.connect(self._typed)
        height = self.fontMetrics().lineSpacing() * self.LINES + 2 * (self.frameWidth() + 4)
        self.setFixedHeight(int(height))

    def keyPressEvent(self, event):
        if event.key() in ENTER_KEYS and event.modifiers() & Qt.ShiftModifier:
            self.insertPlainText("\n")
            return
        if _is_plain_enter(event):
            self.committed.emit()
            self.advance.emit()
            return
        super().keyPressEvent(event)

    def focusOutEvent(self, event):
        super().focusOutEvent(event)
        if event.reason() != Qt.PopupFocusReason:
            self.committed.emit()

    def _typed(self) -> None:
        if not self._setting:
            self.textEdited.emit(self.toPlainText())

    def value(self):
        return self.toPlainText()

    def set_value(self, value) -> None:
        self._setting = True
        try:
            self.setPlainText("" if value is None else str(value))
        finally:
            self._setting = False

    def setText(self, text: str) -> None:   # noqa: N802 - as QLineEdit, for the form view
        self.set_value(text)


class DateEditor(LineEditor):
    """A date typed as 2024-03-01, 20240301, 2024.3.1 or 2024年3月1日; shown as YYYY-MM-DD.

    A plain line edit on purpose: an input mask fights fast typing and the paste of a date."""

    def normalise(self) -> None:
        text = self.text().strip()
        match = _DATE_DIGITS.match(text) or _DATE_PARTS.match(text)
        if match:
            year, month, day = match.groups()
            tidy = f"{year}-{int(month):02d}-{int(day):02d}"
            if tidy != self.text():
                self.setText(tidy)


class ChoiceEditor(LineEditor):
    """A select_one: type a code, Chinese text or pinyin initials; the best match is taken on
    Enter or when leaving the field, and a popup lists the matches as the clerk types."""

    choiceChanged = Signal()

    def __init__(self, choices, language: str, parent=None):
        super().__init__(parent)
        self.language = language
        self._all = list(choices)
        self._available = list(self._all)
        self._code = ""
        self._shown = ""  # the text shown for the resolved code; other text is being typed
        self._matches: list = []
        self._model = QStringListModel(self)
        self._completer = QCompleter(self._model, self)
        self._completer.setCompletionMode(QCompleter.UnfilteredPopupCompletion)
        self._completer.setWidget(self)
        self._completer.setMaxVisibleItems(POPUP_LIMIT)
        self._completer.activated[QModelIndex].connect(self._picked)
        self.textEdited.connect(self._typed)

    # -- choices ---------------------------------------------------------------------------
    def label_of(self, choice) -> str:
        return choice.label.get(self.language)

    def set_available(self, choices) -> None:
        """Limit the choices (a choice_filter result); None restores the full list."""
        self._available = list(self._all if choices is None else choices)

    def available(self) -> list:
        return list(self._available)

    def matches(self, text: str) -> list:
        return match_choices(self._available, text, limit=POPUP_LIMIT * 4)

    # -- typing ----------------------------------------------------------------------------
    def _typed(self, text: str) -> None:
        self._matches = self.matches(text) if text.strip() else []
        shown = self._matches[:POPUP_LIMIT]
        self._model.setStringList([f"{self.label_of(c)}  {c.name}" for c in shown])
        if shown and self.hasFocus():
            self._completer.complete()
        else:
            self._completer.popup().hide()

    def _hide_popup(self) -> None:
        popup = self._completer.popup()
        if popup.isVisible():
            popup.hide()
        # some platforms (and window managers) leave the closed popup as the active window,
        # and focus cannot then move on to the next field
        if self.isVisible() and not self.window().isActiveWindow():
            self.window().activateWindow()

    def _picked(self, index) -> None:
        row = index.row() if hasattr(index, "row") else -1
        if 0 <= row < len(self._matches):
            self._set_code(self._matches[row].name)
            self.choiceChanged.emit()

    def keyPressEvent(self, event):
        popup = self._completer.popup()
        if _is_plain_enter(event) and popup.isVisible():
            current = popup.currentIndex()
            self._hide_popup()
            if current.isValid():
                self._picked(current)
        super().keyPressEvent(event)

    def normalise(self) -> None:
        self._hide_popup()
        text = self.text()
        if text == self._shown:
            return
        if not text.strip():
            self._code, self._shown = "", ""
            return
        best = self.tentative(text)
        if best is not None:
            self._set_code(best.name)
        else:
            self._code, self._shown = text.strip(), text  # kept as typed: the rules flag it
        self.choiceChanged.emit()

    def tentative(self, text: str):
        found = self.matches(text)
        return found[0] if found else None

    def _set_code(self, code: str) -> None:
        self._code = code
        choice = next((c for c in self._all if c.name == code), None)
        self._shown = self.label_of(choice) if choice else code
        self.setText(self._shown)
        self.setToolTip(code if choice else "")

    # -- value -----------------------------------------------------------------------------
    def value(self):
        """The code: the resolved one, or while typing the best match so far (so relevance and
        checks follow the typing), or the raw text when nothing matches."""
        text = self.text()
        if text == self._shown:
            return self._code
        if not text.strip():
            return ""
        best = self.tentative(text)
        return best.name if best is not None else text.strip()

    def set_value(self, value) -> None:
        code = "" if value is None else str(value)
        if not code:
            self._code, self._shown = "", ""
            self.setText("")
            return
        self._set_code(code)


class CheckBox(QCheckBox):
    advance = Signal()

    def keyPressEvent(self, event):
        if _is_plain_enter(event):
            self.advance.emit()
            return
        super().keyPressEvent(event)


class MultiChoiceEditor(QWidget):
    """A select_multiple: one check box per choice (Space ticks, Tab moves, Enter leaves)."""

    advance = Signal()
    committed = Signal()
    changed = Signal()
    COLUMNS = 4

    def __init__(self, choices, language: str, parent=None):
        super().__init__(parent)
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        self.boxes: list[tuple[str, CheckBox]] = []
        for position, choice in enumerate(choices):
            box = CheckBox(choice.label.get(language), self)
            box.setToolTip(choice.name)
            box.toggled.connect(self.changed)
            box.toggled.connect(self.committed)
            box.advance.connect(self.advance)
            grid.addWidget(box, position // self.COLUMNS, position % self.COLUMNS)
            self.boxes.append((choice.name, box))

    def focus_widgets(self) -> list[QWidget]:
        return [box for _, box in self.boxes]

    def setFocus(self, reason=Qt.OtherFocusReason):  # noqa: N802 - Qt naming
        if self.boxes:
            self.boxes[0][1].setFocus(reason)

    def value(self):
        return [code for code, box in self.boxes if box.isChecked()]

    def set_value(self, value) -> None:
        chosen = set(value.split() if isinstance(value, str) else (value or []))
        for code, box in self.boxes:
            box.blockSignals(True)
            box.setChecked(code in chosen)
            box.blockSignals(False)
