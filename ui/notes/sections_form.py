"""The text of a note, one box per template section, each showing its guidance until typed in.

Section titles are the note's own (copied when it was written), so a later template change
never alters an old note; the guidance comes from the template when it still has that section.
For joint sessions a section can be kept private to one participant. A section copied from the
previous note carries a mark saying so until the therapist edits it; the mark is a label, never
part of the text.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from datetime import date, datetime

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from ui.kit.note_labels import PRIVATE_EDGE, PRIVATE_TINT, private_label
from ui.notes.section_edit import SectionEdit
from vault.notes.model import NoteSection
from vault.notes.previous import CopiedFrom
from vault.notes.templates import bundled_templates


def copied_label(source: CopiedFrom, today: date | None = None) -> str:
    """ "Copied from the note of 3 Nov — edit to confirm" (the year too when not this one)."""
    return f"Copied from the note of {short_date(source.session_start, today)} — edit to confirm"


def short_date(session_start: str, today: date | None = None) -> str:
    """``2026-11-03T10:00`` -> ``3 Nov`` this year, ``3 Nov 2025`` another year."""
    try:
        when = datetime.fromisoformat(session_start).date()
    except ValueError:
        return session_start
    today = today or date.today()
    shown = f"{when.day} {when:%b}"
    return shown if when.year == today.year else f"{shown} {when.year}"


class NoteSectionsForm(QWidget):
    changed = Signal()
    snippet_expanded = Signal(str)
    focused = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._sections: tuple[NoteSection, ...] = ()
        self.edits: list[SectionEdit] = []
        self.privacy: list[QComboBox] = []
        self.private_marks: list[QLabel] = []
        self.copy_marks: list[QLabel] = []
        self._copied: dict[int, CopiedFrom] = {}
        self._snippets: Mapping[str, str] = {}
        self._filling = False
        self._rows: list[QWidget] = []
        self._names: dict[int, str] = {}
        self._participants: tuple[int, ...] = ()
        self._read_only = False

    def set_sections(
        self,
        template_id: str,
        sections: tuple[NoteSection, ...],
        participants: tuple[int, ...],
        names: dict[int, str],
        copied: Mapping[int, CopiedFrom] | None = None,
    ) -> None:
        """Build one box per section (`copied`: which are still copies); no change is
        announced."""
        for row in self._rows:
            row.deleteLater()
        self._rows, self.edits, self.privacy, self.private_marks = [], [], [], []
        self.copy_marks = []
        self._copied = {p: c for p, c in (copied or {}).items() if 0 <= p < len(sections)}
        self._sections = sections
        self._names = names
        template = bundled_templates().get(template_id)
        guidance = {s.id: s.guidance for s in template.sections} if template else {}
        for section in sections:
            self._add_row(section, guidance.get(section.key, ""))
        for position in range(len(sections)):
            self._show_copy_mark(position)
        self.set_participants(participants)
        self.set_read_only(self._read_only)

    def _add_row(self, section: NoteSection, guidance: str) -> None:
        row = QWidget()
        row.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        mark = QLabel()
        mark.setObjectName("PrivateMark")
        mark.setTextFormat(Qt.TextFormat.PlainText)  # a client's name
        mark.hide()
        copy_mark = QLabel()
        copy_mark.setObjectName("CopiedMark")
        copy_mark.setTextFormat(Qt.TextFormat.PlainText)
        copy_mark.setAccessibleName("Copied from the previous note")
        copy_mark.setToolTip(
            "This text was copied from the previous note. Read it and change what is "
            "different today; the mark goes as soon as you edit the section."
        )
        copy_mark.hide()
        title = QLabel(section.title)
        title.setObjectName("SubHeading")
        title.setTextFormat(Qt.TextFormat.PlainText)
        edit = SectionEdit()
        edit.snippets = self._snippets
        edit.setAccessibleName(section.title)
        edit.setAccessibleDescription(guidance)
        edit.setPlaceholderText(guidance)
        edit.setProperty("guidance", guidance)
        edit.setToolTip(guidance)
        edit.setPlainText(section.text)
        title.setBuddy(edit)
        privacy = QComboBox()
        privacy.setAccessibleName(f"Who may see {section.title}")
        privacy.setToolTip(
            "In a joint note, a section can hold one participant's private "
            "disclosure; it is labelled and tinted as theirs wherever it is shown."
        )
        heading = QHBoxLayout()
        heading.setContentsMargins(0, 0, 0, 0)
        heading.addWidget(title)
        heading.addStretch(1)
        heading.addWidget(privacy)
        layout = QVBoxLayout(row)
        layout.setContentsMargins(0, 6, 0, 0)
        layout.addWidget(mark)
        layout.addWidget(copy_mark)
        layout.addLayout(heading)
        layout.addWidget(edit)
        self._layout.addWidget(row)
        self._rows.append(row)
        self.edits.append(edit)
        self.privacy.append(privacy)
        self.private_marks.append(mark)
        self.copy_marks.append(copy_mark)
        privacy.setProperty("private_to", section.private_to)
        index = len(self._rows) - 1
        edit.textChanged.connect(lambda: self._edited(index))
        edit.snippet_expanded.connect(self.snippet_expanded.emit)
        edit.focused.connect(self.focused.emit)
        privacy.activated.connect(lambda _i: self.changed.emit())
        privacy.currentIndexChanged.connect(lambda _i: self._mark(index))

    def _edited(self, position: int) -> None:
        """Typing in a copied section confirms it: its mark goes."""
        if not self._filling and self._copied.pop(position, None) is not None:
            self._show_copy_mark(position)
        self.changed.emit()

    def _show_copy_mark(self, position: int) -> None:
        source = self._copied.get(position)
        mark = self.copy_marks[position]
        mark.setText(copied_label(source) if source else "")
        mark.setVisible(source is not None)

    # ----- copies and snippets -----------------------------------------------------------------

    def fill_copied(
        self, sections: tuple[NoteSection, ...], copied: Mapping[int, CopiedFrom]
    ) -> None:
        """Put copied text into the sections at `copied`'s positions, each marked as a copy;
        announced as one change, so the note (with its marks) is saved."""
        self._filling = True
        try:
            for position, source in copied.items():
                if 0 <= position < len(self.edits):
                    self.edits[position].setPlainText(sections[position].text)
                    self._copied[position] = source
                    self._show_copy_mark(position)
        finally:
            self._filling = False
        self.changed.emit()

    def copied(self) -> dict[int, CopiedFrom]:
        """Which sections are still copies, position -> source."""
        return dict(self._copied)

    def copied_titles(self) -> list[str]:
        return [self._sections[p].title for p in sorted(self._copied)]

    def set_snippets(self, book: Mapping[str, str]) -> None:
        """The codes every section expands as they are typed (code -> phrase)."""
        self._snippets = dict(book)
        for edit in self.edits:
            edit.snippets = self._snippets

    def set_participants(self, participants: tuple[int, ...]) -> None:
        """Offer "private to" only when there is more than one participant to keep it from."""
        self._participants = participants
        joint = len(participants) > 1
        for combo in self.privacy:
            current = combo.currentData() if combo.count() else combo.property("private_to")
            combo.blockSignals(True)
            combo.clear()
            combo.addItem("Shared with all participants", None)
            for client_id in participants:
                name = self._names.get(client_id, f"Client {client_id}")
                combo.addItem(f"Private to {name}", client_id)
            index = combo.findData(current) if current in participants else 0
            combo.setCurrentIndex(max(0, index))
            combo.blockSignals(False)
            combo.setVisible(joint or current is not None)
        for n in range(len(self._rows)):
            self._mark(n)

    def _mark(self, n: int) -> None:
        """A private section is labelled with whose it is and tinted, so it is never missed."""
        if n >= len(self._rows):
            return
        owner = self.privacy[n].currentData()
        mark, row = self.private_marks[n], self._rows[n]
        if owner is None:
            mark.hide()
            row.setStyleSheet("")
            return
        mark.setText(f"{private_label(owner, self._names)}")
        mark.show()
        row.setObjectName("PrivateSection")
        row.setStyleSheet(
            f"QWidget#PrivateSection {{ background: {PRIVATE_TINT}; "
            f"border-left: 4px solid {PRIVATE_EDGE}; }}"
        )

    def sections(self) -> tuple[NoteSection, ...]:
        """The sections as typed, in order, keeping each one's key and title."""
        return tuple(
            replace(section, text=edit.toPlainText(), private_to=combo.currentData())
            for section, edit, combo in zip(self._sections, self.edits, self.privacy, strict=True)
        )

    def set_read_only(self, read_only: bool) -> None:
        self._read_only = read_only
        for edit in self.edits:
            edit.setReadOnly(read_only)
            edit.setPlaceholderText(
                "(nothing written)" if read_only else str(edit.property("guidance") or "")
            )
        for combo in self.privacy:
            combo.setEnabled(not read_only)

    def focus_first(self) -> None:
        target = next((e for e in self.edits if not e.toPlainText()), None)
        target = target or (self.edits[0] if self.edits else None)
        if target is not None:
            target.setFocus(Qt.FocusReason.OtherFocusReason)
