"""What goes into a record export and in which format: the left half of the export dialog.

Widgets only: the range, the sections (with the vault's own titles), psychotherapy notes
(unchecked, with the vault's explanation beside the box), the joint-session rule as the export
will print it, and the formats in plain words. `selection()` turns them into the vault's
`ExportSelection`, which decides what is valid.
"""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from ui.export.wording import FORMAT_WORDS, format_title
from ui.kit.labels import buddy_label
from vault.export.joint import JOINT_SESSION_RULE, PROCESS_NOTES_EXPLANATION
from vault.export.model import SECTION_TITLES, SECTIONS, ExportSelection

PAPER_SIZES = ("A4", "Letter")


def _day_edit(day: date, name: str) -> QDateEdit:
    """ISO dates, as everywhere in Confidant: no day/month order is ever ambiguous."""
    edit = QDateEdit(QDate(day.year, day.month, day.day))
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("yyyy-MM-dd")
    edit.setAccessibleName(name)
    return edit


def _day(edit: QDateEdit) -> date:
    chosen = edit.date()
    return date(chosen.year(), chosen.month(), chosen.day())


def _wrapped(text: str, name: str) -> QLabel:
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    label.setObjectName("Hint")
    label.setAccessibleName(name)
    return label


class RecordChoices(QWidget):
    changed = Signal()

    def __init__(self, client_id: int, formats: tuple[str, ...], today: date, paper: str) -> None:
        super().__init__()
        self._client_id = client_id

        self.all_sessions = QRadioButton("&All sessions")
        self.all_sessions.setChecked(True)
        self.some_sessions = QRadioButton("Sessions &from")
        range_group = QButtonGroup(self)
        range_group.addButton(self.all_sessions)
        range_group.addButton(self.some_sessions)
        self.date_from = _day_edit(today - timedelta(days=365), "First session day")
        self.date_to = _day_edit(today, "Last session day")
        to_label = buddy_label("&to", self.date_to)
        to_label.setAccessibleName("Last session day")
        range_row = QHBoxLayout()
        range_row.addWidget(self.some_sessions)
        range_row.addWidget(self.date_from)
        range_row.addWidget(to_label)
        range_row.addWidget(self.date_to)
        range_row.addStretch(1)
        range_box = QGroupBox("Sessions")
        range_layout = QVBoxLayout(range_box)
        range_layout.addWidget(self.all_sessions)
        range_layout.addLayout(range_row)

        self.section_boxes: dict[str, QCheckBox] = {}
        sections_box = QGroupBox("Sections")
        sections_layout = QVBoxLayout(sections_box)
        for name in SECTIONS:
            box = QCheckBox(SECTION_TITLES[name])
            box.setChecked(True)
            box.toggled.connect(self._sections_changed)
            self.section_boxes[name] = box
            sections_layout.addWidget(box)
        self.process_notes = QCheckBox("Include &psychotherapy (process) notes")
        self.process_explanation = _wrapped(
            PROCESS_NOTES_EXPLANATION, "Why psychotherapy notes are left out"
        )
        self.process_explanation.setContentsMargins(24, 0, 0, 0)  # under its box, indented
        sections_layout.addSpacing(6)
        sections_layout.addWidget(self.process_notes)
        sections_layout.addWidget(self.process_explanation)
        sections_layout.addSpacing(6)
        self.joint_rule = _wrapped(JOINT_SESSION_RULE, "The joint-session rule")
        sections_layout.addWidget(self.joint_rule)

        self.format_buttons: dict[str, QRadioButton] = {}
        self.format_box = QGroupBox("Format")  # placed by the dialog, beside these choices
        format_layout = QGridLayout(self.format_box)
        format_group = QButtonGroup(self)
        for row, name in enumerate(formats):
            button = QRadioButton(format_title(name))
            button.toggled.connect(self._format_changed)
            format_group.addButton(button)
            self.format_buttons[name] = button
            format_layout.addWidget(button, row, 0)
            format_layout.addWidget(
                _wrapped(FORMAT_WORDS.get(name, ("", ""))[1], format_title(name)), row, 1
            )
        format_layout.setColumnStretch(1, 1)
        self.paper = QComboBox()
        self.paper.addItems(PAPER_SIZES)
        self.paper.setCurrentText(paper if paper in PAPER_SIZES else PAPER_SIZES[0])
        paper_row = QHBoxLayout()
        paper_row.addWidget(buddy_label("Paper si&ze:", self.paper))
        paper_row.addWidget(self.paper)
        paper_row.addStretch(1)
        format_layout.addLayout(paper_row, len(formats), 0, 1, 2)
        if formats:
            self.format_buttons[formats[0]].setChecked(True)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(range_box)
        layout.addWidget(sections_box)
        layout.addStretch(1)

        self.some_sessions.toggled.connect(self._range_changed)
        self.date_from.dateChanged.connect(lambda _d: self.changed.emit())
        self.date_to.dateChanged.connect(lambda _d: self.changed.emit())
        self.process_notes.toggled.connect(lambda _on: self.changed.emit())
        self._range_changed(False)
        self._format_changed()

    # ----- what was chosen --------------------------------------------------------------------

    def fmt(self) -> str:
        return next((n for n, b in self.format_buttons.items() if b.isChecked()), "")

    def chosen_paper(self) -> str:
        return self.paper.currentText()

    def sections(self) -> frozenset[str]:
        return frozenset(name for name, box in self.section_boxes.items() if box.isChecked())

    def selection(self) -> ExportSelection:
        """The vault's selection from these widgets; raises its `ValidationError` when the
        choice makes no export (no section, a range that ends before it starts)."""
        ranged = self.some_sessions.isChecked()
        return ExportSelection(
            self._client_id,
            date_from=_day(self.date_from) if ranged else None,
            date_to=_day(self.date_to) if ranged else None,
            sections=self.sections(),
            include_process_notes=self.process_notes.isChecked() and "notes" in self.sections(),
        )

    # ----- reacting ---------------------------------------------------------------------------

    def _range_changed(self, ranged: bool) -> None:
        self.date_from.setEnabled(ranged)
        self.date_to.setEnabled(ranged)
        self.changed.emit()

    def _sections_changed(self) -> None:
        with_notes = self.section_boxes["notes"].isChecked()
        self.process_notes.setEnabled(with_notes)
        self.changed.emit()

    def _format_changed(self) -> None:
        self.paper.setEnabled(self.fmt() == "pdf")
        self.changed.emit()
