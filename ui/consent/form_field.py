"""A dialog's optional "signed form" row: the file chosen now, attached once the record is.

Choosing reads nothing: the file is read (its size checked first) in the background by the
section's `AttachmentPanel` after the consent or release has been written, so the dialog
never waits on a large scan, and a file the vault refuses never blocks the record itself.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QHBoxLayout, QPushButton, QWidget

from ui.consent.attachment_panel import OPEN_FILTER, documents_folder
from ui.consent.record_dialog import plain_label
from ui.kit import prompts


class FormFileField(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.path: Path | None = None
        self.choose_button = QPushButton("Choose File…")
        self.clear_button = QPushButton("No File")
        self.shown = plain_label("None: it can be attached later.", name="Hint")
        self.choose_button.clicked.connect(self.choose)
        self.clear_button.clicked.connect(lambda: self.set_path(None))
        self.clear_button.setEnabled(False)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.choose_button)
        row.addWidget(self.clear_button)
        row.addWidget(self.shown, 1)
        self.setFocusProxy(self.choose_button)

    def choose(self) -> None:
        path = prompts.choose_open_file(
            self, "Choose the signed form (PDF or a scan)", OPEN_FILTER, documents_folder()
        )
        if path is not None:
            self.set_path(path)

    def set_path(self, path: Path | None) -> None:
        self.path = path
        self.clear_button.setEnabled(path is not None)
        self.shown.setText(
            f"{path.name}: attached when this is recorded."
            if path is not None
            else "None: it can be attached later."
        )
