"""Vault → Import Record… / Import Practice Archive…: the file, its password, and the outcome.

The vault reads the file within limits, decrypts it in memory and writes everything in one
transaction, so a refused file changes nothing; the refusal is shown here in one line, under
the password, and the therapist may correct the password or choose another file and try
again. An import cannot be stopped halfway (it is one transaction), so there is no Cancel
while it runs; it takes seconds.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ui.export.run_panel import DONE, Cancel, Progress, RunPanel, fit_to_contents
from ui.kit import prompts
from ui.kit.labels import buddy_label
from ui.kit.passphrase_fields import secret_line_edit

Importer = Callable[[Path, str | None, Progress], Any]


class ImportDialog(QDialog):
    """`imported(result)` fires once the vault has taken the file in."""

    imported = Signal(object)

    def __init__(
        self,
        title: str,
        explanation: str,
        *,
        importer: Importer,
        summary: Callable[[Any], str],
        file_filter: str,
        password_optional: bool,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self._importer = importer
        self._summary = summary
        self._filter = file_filter
        self._optional = password_optional
        about = QLabel(explanation)
        about.setWordWrap(True)
        self.file = QLineEdit()
        self.file.setPlaceholderText("The file to import")
        self.choose_button = QPushButton("C&hoose…")
        self.choose_button.setAutoDefault(False)  # Enter imports; it does not browse again
        self.choose_button.clicked.connect(self.choose_file)
        file_row = QHBoxLayout()
        file_row.addWidget(self.file, 1)
        file_row.addWidget(self.choose_button)
        self.password = secret_line_edit("The file's password")
        hint = QLabel(
            "Leave it empty for an unencrypted .json file."
            if password_optional
            else "The password the archive was made with."
        )
        hint.setObjectName("Hint")
        self.problem = QLabel()
        self.problem.setObjectName("ErrorMessage")
        self.problem.setTextFormat(Qt.TextFormat.PlainText)
        self.problem.setWordWrap(True)
        self.problem.setAccessibleName("Why the file was refused")
        self.problem.hide()
        form = QFormLayout()
        form.addRow(buddy_label("&File:", self.file), file_row)
        form.addRow(buddy_label("&Password:", self.password), self.password)
        form.addRow("", hint)
        self.run = RunPanel()
        self.run.hide()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.import_button = self.buttons.addButton(
            "&Import", QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.import_button.setObjectName("Primary")
        self.close_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Close)
        self.close_button.hide()
        self.buttons.accepted.connect(self.start_import)
        self.buttons.rejected.connect(self.reject)
        self.close_button.clicked.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(about)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(self.run)
        layout.addWidget(self.buttons)
        self.import_button.setDefault(True)  # once inside the dialog, or the dialog picks its own
        self.resize(600, 280)
        self.run.ended.connect(self._ended)
        self.run.succeeded.connect(self.imported.emit)

    @property
    def outcome(self) -> str:
        return self.run.outcome

    def choose_file(self) -> None:
        chosen = prompts.choose_open_file(self, "Choose the File to Import", self._filter)
        if chosen is not None:
            self.file.setText(str(chosen))
            self.password.setFocus(Qt.FocusReason.OtherFocusReason)

    def start_import(self) -> None:
        if self.run.running or self.run.outcome == DONE:
            return
        path_text = self.file.text().strip()
        if not path_text:
            self._refused("Choose the file to import.")
            return
        password = self.password.text()
        if not password and not self._optional:
            self._refused("Type the archive's password.")
            self.password.setFocus(Qt.FocusReason.OtherFocusReason)
            return
        path, secret = Path(path_text), password or None
        importer = self._importer

        def work(progress: Progress, _cancel: Cancel) -> Any:
            return importer(path, secret, progress)

        self.problem.hide()
        self._set_editable(False)
        self.run.show()
        self.run.start(work, self._summary, doing="The import")

    def reject(self) -> None:  # Escape, Cancel, and the shell at lock
        if not self.run.running:
            self.password.clear()
            super().reject()

    def _refused(self, text: str) -> None:
        self.problem.setText(text)
        self.problem.show()

    def _ended(self, outcome: str) -> None:
        self.password.clear()
        if outcome == DONE:
            self.buttons.button(QDialogButtonBox.StandardButton.Cancel).hide()
            self.import_button.hide()
            self.close_button.show()
            self.close_button.setDefault(True)
            self.close_button.setFocus(Qt.FocusReason.OtherFocusReason)
            fit_to_contents(self)
            return
        self.run.hide()  # the reason goes under the password, where it is acted on
        self._refused(self.run.message.text())
        self._set_editable(True)
        self.password.setFocus(Qt.FocusReason.OtherFocusReason)

    def _set_editable(self, editable: bool) -> None:
        for widget in (self.file, self.choose_button, self.password, self.import_button):
            widget.setEnabled(editable)
        cancel = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        cancel.setEnabled(editable)
