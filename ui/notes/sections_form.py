"""The text of a note, one box per template section, each showing its guidance until typed in.

Section titles are the note's own (copied when it was written), so a later template change
never alters an old note; the guidance comes from the template when it still has that section.
For joint sessions a section can be kept private to one participant.
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QPlainTextEdit, QVBoxLayout, QWidget

from ui.kit.note_labels import PRIVATE_EDGE, PRIVATE_TINT, private_label
from vault.notes.model import NoteSection
from vault.notes.templates import bundled_templates

MIN_LINES = 4
MAX_LINES = 30


class SectionEdit(QPlainTextEdit):
    """A plain-text box that grows with its text, so the note reads as one page."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTabChangesFocus(True)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self.document().documentLayout().documentSizeChanged.connect(lambda _s: self._fit())
        self._fit()

    def _fit(self) -> None:
        lines = int(self.document().documentLayout().documentSize().height())
        shown = max(MIN_LINES, min(MAX_LINES, lines + 1))
        spacing = QFontMetrics(self.font()).lineSpacing()
        margins = self.contentsMargins()
        frame = int(self.document().documentMargin() * 2) + margins.top() + margins.bottom()
        self.setFixedHeight(shown * spacing + frame + 4)


class NoteSectionsForm(QWidget):
    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._sections: tuple[NoteSection, ...] = ()
        self.edits: list[SectionEdit] = []
        self.privacy: list[QComboBox] = []
        self.private_marks: list[QLabel] = []
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
    ) -> None:
        """Build one box per section; no change is announced."""
        for row in self._rows:
            row.deleteLater()
        self._rows, self.edits, self.privacy, self.private_marks = [], [], [], []
        self._sections = sections
        self._names = names
        template = bundled_templates().get(template_id)
        guidance = {s.id: s.guidance for s in template.sections} if template else {}
        for section in sections:
            self._add_row(section, guidance.get(section.key, ""))
        self.set_participants(participants)
        self.set_read_only(self._read_only)

    def _add_row(self, section: NoteSection, guidance: str) -> None:
        row = QWidget()
        row.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        mark = QLabel()
        mark.setObjectName("PrivateMark")
        mark.setTextFormat(Qt.TextFormat.PlainText)  # a client's name
        mark.hide()
        title = QLabel(section.title)
        title.setObjectName("SubHeading")
        title.setTextFormat(Qt.TextFormat.PlainText)
        edit = SectionEdit()
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
        layout.addLayout(heading)
        layout.addWidget(edit)
        self._layout.addWidget(row)
        self._rows.append(row)
        self.edits.append(edit)
        self.privacy.append(privacy)
        self.private_marks.append(mark)
        privacy.setProperty("private_to", section.private_to)
        edit.textChanged.connect(self.changed.emit)
        privacy.activated.connect(lambda _i: self.changed.emit())
        index = len(self._rows) - 1
        privacy.currentIndexChanged.connect(lambda _i: self._mark(index))

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
