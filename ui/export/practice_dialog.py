"""Vault → Export Whole Practice…: what the archive holds, its password, and where it goes.

For the therapist who retires, hands over or moves to another vault. The archive is always
encrypted (the vault refuses it otherwise): it holds everything about every client, process
notes included. The work itself runs in the feature's progress window (`run_dialog`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from ui.export.destination import choose_destination
from ui.export.password_panel import PasswordPanel
from ui.export.record_choices import PAPER_SIZES
from ui.kit.labels import buddy_label

ARCHIVE_CONTENTS = (
    "One encrypted archive (a ZIP protected with AES-256) of the whole practice, for handing "
    "over, retiring or moving to another vault. It holds:\n"
    "• every client's complete record as JSON (every section, psychotherapy notes and every "
    "disclosure included), which a new Confidant vault imports back;\n"
    "• a PDF of each client's record to read, if you keep the box below ticked;\n"
    "• every joint-session note once, whole, with all who took part;\n"
    "• every version of your consent policy;\n"
    "• a manifest listing every file in it with its checksum.\n"
    "It holds everything about every client: keep the file and its password as carefully as "
    "the vault itself, and apart from each other."
)


@dataclass(frozen=True)
class PracticePlan:
    destination: Path
    password: str
    with_pdfs: bool
    paper: str
    overwrite: bool


class PracticeExportDialog(QDialog):
    def __init__(self, clients: int, *, paper: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Export Whole Practice")
        self.plan: PracticePlan | None = None
        about = QLabel(ARCHIVE_CONTENTS)
        about.setTextFormat(Qt.TextFormat.PlainText)
        about.setWordWrap(True)
        count = QLabel(
            "The one client in this vault."
            if clients == 1
            else f"All {clients} clients in this vault, archived ones included."
        )
        count.setObjectName("Hint")
        self.pdfs = QCheckBox("Include a &PDF of each client's record")
        self.pdfs.setChecked(True)
        self.paper = QComboBox()
        self.paper.addItems(PAPER_SIZES)
        self.paper.setCurrentText(paper if paper in PAPER_SIZES else PAPER_SIZES[0])
        pdf_row = QHBoxLayout()
        pdf_row.addWidget(self.pdfs)
        pdf_row.addSpacing(16)
        pdf_row.addWidget(buddy_label("Paper si&ze:", self.paper))
        pdf_row.addWidget(self.paper)
        pdf_row.addStretch(1)
        self.password = PasswordPanel(allow_unencrypted=False)
        self.problem = QLabel()
        self.problem.setObjectName("ErrorMessage")
        self.problem.setTextFormat(Qt.TextFormat.PlainText)
        self.problem.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.export_button = self.buttons.addButton(
            "&Export…", QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.export_button.setObjectName("Primary")
        self.buttons.accepted.connect(self.start_export)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(about)
        layout.addWidget(count)
        layout.addLayout(pdf_row)
        layout.addWidget(self.password)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)
        self.export_button.setDefault(True)  # once inside the dialog, or the dialog picks its own
        self.resize(680, 540)
        self.pdfs.toggled.connect(self.paper.setEnabled)
        self.password.changed.connect(self.problem.clear)
        self.password.fields.first.setFocus()  # the one thing to type; the rest has defaults

    def start_export(self) -> None:
        problem = self.password.problem()
        password = self.password.password()
        if problem or not password:
            self.problem.setText(problem or "Type a password twice, or generate one.")
            return
        chosen = choose_destination(
            self,
            "Save the Practice Archive As",
            f"practice-archive-{date.today().isoformat()}.zip",
            ".zip",
            "ZIP archive",
        )
        if chosen is None:
            return
        self.plan = PracticePlan(
            chosen.path, password, self.pdfs.isChecked(), self.paper.currentText(), chosen.overwrite
        )
        self.accept()

    def done(self, result: int) -> None:
        self.password.forget()  # an accepted plan keeps its own copy for the export
        super().done(result)
