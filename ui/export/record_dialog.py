"""Client → Export Record…: what goes in, the format, why it is given, and the password.

The dialog only collects: the vault decides what a valid selection is and writes the file.
Export… checks the choices (saying in one line what is missing), asks once more before an
unencrypted file, asks where to save with the format's extension, and then hands an
`ExportPlan` to the feature, which runs it with progress (`ui.export.run_dialog`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from ui.export.basis_box import BasisBox
from ui.export.destination import choose_destination
from ui.export.password_panel import PasswordPanel
from ui.export.record_choices import RecordChoices
from vault import ValidationError
from vault.consent.model import AccessRequest, Release
from vault.export.exporting import ExportBasis
from vault.export.formats import FORMATS
from vault.export.model import ExportSelection


@dataclass(frozen=True)
class ExportPlan:
    """Everything `vault.export.exporting.export_record` needs, as the therapist chose it."""

    selection: ExportSelection
    fmt: str
    destination: Path
    password: str | None
    basis: ExportBasis
    close_request: int | None
    paper: str
    generated_password: bool
    overwrite: bool  # the therapist agreed to replace a file already there


def file_extension(fmt: str, encrypt: bool) -> str:
    """A PDF stays a PDF (encrypted inside); JSON and FHIR go into an encrypted ZIP."""
    spec = FORMATS[fmt]
    return spec.extension if encrypt else spec.plain_extension


class ExportRecordDialog(QDialog):
    def __init__(
        self,
        client_id: int,
        client_name: str,
        *,
        formats: tuple[str, ...],
        releases: list[Release],
        open_requests: list[AccessRequest],
        today: date,
        paper: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Export Record — {client_name}")  # the therapist's own screen
        self.client_id = client_id
        self._today = today
        self.plan: ExportPlan | None = None
        self.choices = RecordChoices(client_id, formats, today, paper)
        self.basis = BasisBox(releases, open_requests, today)
        self.password = PasswordPanel()
        self.problem = QLabel()
        self.problem.setObjectName("ErrorMessage")
        self.problem.setTextFormat(Qt.TextFormat.PlainText)
        self.problem.setWordWrap(True)
        self.problem.setAccessibleName("What is missing")

        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.choices.format_box)
        right_layout.addWidget(self.basis)
        right_layout.addWidget(self.password)
        right_layout.addStretch(1)
        columns = QWidget()
        column_layout = QHBoxLayout(columns)
        column_layout.addWidget(self.choices, 1)
        column_layout.addWidget(right, 1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(columns)

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.export_button = self.buttons.addButton(
            "&Export…", QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.export_button.setObjectName("Primary")
        self.buttons.accepted.connect(self.start_export)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)
        self.export_button.setDefault(True)  # once inside the dialog, or the dialog picks its own
        self.resize(1000, 700)

        self.choices.changed.connect(self._clear_problem)
        self.basis.changed.connect(self._clear_problem)
        self.password.changed.connect(self._clear_problem)

    def selection(self) -> ExportSelection:
        return self.choices.selection()

    def check(self) -> str:
        """What stops the export now, in one line; "" when everything is chosen."""
        try:
            self.selection()
        except ValidationError as error:
            return str(error)
        if not self.choices.fmt():
            return "Choose a format."
        return self.basis.problem() or self.password.problem()

    def start_export(self) -> None:
        """Export…: check, confirm an unencrypted file, choose the destination, then accept."""
        problem = self.check()
        if problem:
            self.problem.setText(problem)
            return
        if not self.password.confirm_unencrypted(self):
            return
        fmt = self.choices.fmt()
        extension = file_extension(fmt, self.password.encrypt)
        chosen = choose_destination(
            self,
            "Save the Record As",
            f"client-{self.client_id}-record-{self._today.isoformat()}{extension}",
            extension,
            f"{fmt.upper()} export",
        )
        if chosen is None:
            return
        self.plan = ExportPlan(
            selection=self.selection(),
            fmt=fmt,
            destination=chosen.path,
            password=self.password.password(),
            basis=self.basis.basis(),
            close_request=self.basis.request_to_close(),
            paper=self.choices.chosen_paper(),
            generated_password=self.password.generated,
            overwrite=chosen.overwrite,
        )
        self.accept()

    def done(self, result: int) -> None:
        """Every way out (Export, Cancel, Escape, a lock) drops the password from the widgets;
        an accepted plan keeps its own copy for the export."""
        self.password.forget()
        super().done(result)

    def _clear_problem(self) -> None:
        self.problem.clear()
