"""The profile editor: one widget per `ClientProfile` field, and nothing else.

It shows a profile and collects the edited one; whether that is valid is `vault.clients`'s call.
`is_dirty()` compares with the last saved version, so typing a change and undoing it is clean.
When a save is refused, every field named is marked at once (`ui.kit.field_marks`: a tint and
the reason, nothing moves) and the cursor goes to the first; changing a field clears its mark.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import fields

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

from ui.kit.field_marks import clear_invalid, mark_invalid
from vault import ValidationError
from vault.clients.records import ClientProfile

EMPTY_PROFILE = ClientProfile(full_name="")
FieldWidget = QLineEdit | QPlainTextEdit | QComboBox

# (field, label with mnemonic, kind, placeholder). Order here is the tab order.
_FIELDS: tuple[tuple[str, str, str, str], ...] = (
    ("full_name", "Full na&me:", "line", "Required"),
    ("preferred_name", "&Preferred name:", "line", ""),
    ("pronouns", "Pr&onouns:", "line", "e.g. she/her, they/them"),
    ("date_of_birth", "Date of &birth:", "line", "YYYY-MM-DD"),
    ("email", "&Email:", "line", "name@example.org"),
    ("phone", "Pho&ne:", "line", ""),
    ("address", "A&ddress:", "text", ""),
    ("emergency_contact", "Emer&gency contact:", "text", "Name, relationship, phone"),
    ("status", "S&tatus:", "status", ""),
    ("start_date", "St&art date:", "line", "YYYY-MM-DD"),
    ("referral_source", "&Referral source:", "line", "e.g. self, GP"),
    ("notes", "Notes (profi&le):", "text", "Background, practical details…"),
)
assert [f[0] for f in _FIELDS] == [f.name for f in fields(ClientProfile)]


class ClientForm(QWidget):
    """`changed` fires on every edit; `dirty_changed(bool)` when unsaved-ness flips."""

    changed = Signal()
    dirty_changed = Signal(bool)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._baseline = EMPTY_PROFILE
        self._loading = False
        self._was_dirty = False
        self.widgets: dict[str, FieldWidget] = {}
        self.labels: dict[str, str] = {}
        layout = QFormLayout(self)
        layout.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        previous: QWidget | None = None
        for name, label_text, kind, placeholder in _FIELDS:
            widget = self._make(kind, placeholder)
            plain_label = label_text.replace("&", "").rstrip(":")
            widget.setAccessibleName(plain_label)
            self.widgets[name] = widget
            self.labels[name] = plain_label
            label = QLabel(label_text)
            label.setBuddy(widget)
            layout.addRow(label, widget)
            if previous is not None:
                self.setTabOrder(previous, widget)
            previous = widget

    def _make(self, kind: str, placeholder: str) -> FieldWidget:
        if kind == "status":
            combo = QComboBox()
            combo.addItem("Active", "active")
            combo.addItem("Inactive", "inactive")
            combo.currentIndexChanged.connect(self._edited)
            return combo
        if kind == "text":
            text = QPlainTextEdit()
            text.setTabChangesFocus(True)
            text.setPlaceholderText(placeholder)
            text.setFixedHeight(text.fontMetrics().lineSpacing() * 3 + 14)
            text.textChanged.connect(self._edited)
            return text
        line = QLineEdit()
        line.setPlaceholderText(placeholder)
        line.textChanged.connect(self._edited)
        return line

    def show_problems(self, problems: Sequence[ValidationError]) -> None:
        """Mark every field a save refused, and put the cursor in the first of them."""
        self.clear_problems()
        named = [p for p in problems if p.field in self.widgets]
        for problem in named:
            assert problem.field is not None
            mark_invalid(self.widgets[problem.field], str(problem))
        if named and named[0].field is not None:
            self.focus_field(named[0].field)

    def clear_problems(self) -> None:
        for widget in self.widgets.values():
            clear_invalid(widget)

    # ----- values -----------------------------------------------------------------------------

    def profile(self) -> ClientProfile:
        values: dict[str, str] = {}
        for name, widget in self.widgets.items():
            if isinstance(widget, QComboBox):
                values[name] = str(widget.currentData())
            elif isinstance(widget, QPlainTextEdit):
                values[name] = widget.toPlainText()
            else:
                values[name] = widget.text()
        return ClientProfile(**values)

    def set_profile(self, profile: ClientProfile, *, saved: ClientProfile | None = None) -> None:
        """Show `profile`; `saved` (default: the same) is what unsaved-ness is measured against."""
        self._loading = True
        try:
            for name, widget in self.widgets.items():
                value = str(getattr(profile, name))
                if isinstance(widget, QComboBox):
                    index = widget.findData(value)
                    widget.setCurrentIndex(max(index, 0))
                elif isinstance(widget, QPlainTextEdit):
                    widget.setPlainText(value)
                else:
                    widget.setText(value)
                    widget.setCursorPosition(0)
        finally:
            self._loading = False
        self._baseline = saved if saved is not None else profile
        self.clear_problems()
        self._edited()

    def mark_saved(self, profile: ClientProfile) -> None:
        self.set_profile(profile)

    def is_dirty(self) -> bool:
        return self.profile() != self._baseline

    def clear(self) -> None:
        self.set_profile(EMPTY_PROFILE)

    def focus_field(self, name: str) -> None:
        widget = self.widgets.get(name)
        if widget is not None:
            widget.setFocus()
            if isinstance(widget, QLineEdit):
                widget.selectAll()

    def _edited(self) -> None:
        if self._loading:
            return
        self.changed.emit()
        dirty = self.is_dirty()
        if dirty != self._was_dirty:
            self._was_dirty = dirty
            self.dirty_changed.emit(dirty)
