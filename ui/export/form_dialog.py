"""Client → Print Consent Form… / Print Release Form…: a form to sign, saved as a PDF.

A form holds the client's name and the practice's policy as agreed with them, so it is saved
as an export is: encrypted, with a password typed or generated (the same `PasswordPanel`),
and plain only when the therapist ticks "without a password", reads the warning and confirms
it. The PDF is made and written on the background helper
(`vault.export.pdf_form_output.write_form`, which records ``form.printed``).
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
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
from ui.export.run_panel import Cancel, Progress, RunPanel, fit_to_contents
from ui.export.wording import ENCRYPTION_WORDS, size_text
from ui.kit.labels import buddy_label
from vault import Vault
from vault.export.pdf_form_output import PrintedForm, write_form
from vault.export.pdf_forms import FORM_TITLES, FormKind

FORM_PURPOSE: dict[FormKind, str] = {
    "consent": (
        "The practice's current confidentiality policy filled in for this client, with the "
        "limits of confidentiality to tick as you explain them, and lines to sign and date."
    ),
    "release": (
        "An authorisation to release information, with its required parts as fields to fill "
        "in on paper: to whom, why, what may be shared, until when, and the right to revoke."
    ),
}
PLAIN_WARNING = (
    "Without a password, anyone who gets hold of this file can read the client's name and "
    "your practice's confidentiality policy in it. Save it unencrypted only to print it at "
    "once, then delete the file."
)


class FormDialog(QDialog):
    def __init__(
        self,
        vault: Vault,
        client_id: int,
        client_name: str,
        form: FormKind,
        *,
        paper: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"{FORM_TITLES[form]} — {client_name}")
        self._vault = vault
        self._client_id = client_id
        self.form: FormKind = form
        self.result_form: PrintedForm | None = None
        purpose = QLabel(FORM_PURPOSE[form])
        purpose.setWordWrap(True)
        self.paper = QComboBox()
        self.paper.addItems(PAPER_SIZES)
        self.paper.setCurrentText(paper if paper in PAPER_SIZES else PAPER_SIZES[0])
        paper_row = QHBoxLayout()
        paper_row.addWidget(buddy_label("Paper si&ze:", self.paper))
        paper_row.addWidget(self.paper)
        paper_row.addStretch(1)
        self.password = PasswordPanel(unencrypted_warning=PLAIN_WARNING)
        self.problem = QLabel()
        self.problem.setObjectName("ErrorMessage")
        self.problem.setTextFormat(Qt.TextFormat.PlainText)
        self.problem.setWordWrap(True)
        self.run = RunPanel()
        self.run.hide()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.save_button = self.buttons.addButton(
            "&Save PDF…", QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.save_button.setObjectName("Primary")
        self.close_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Close)
        self.close_button.hide()
        self.close_button.clicked.connect(self.accept)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(purpose)
        layout.addLayout(paper_row)
        layout.addWidget(self.password)
        layout.addWidget(self.problem)
        layout.addWidget(self.run)
        layout.addWidget(self.buttons)
        self.save_button.setDefault(True)  # once inside the dialog, or the dialog picks its own
        self.resize(620, 420)
        self.password.changed.connect(self.problem.clear)
        self.run.ended.connect(self._ended)
        self.run.succeeded.connect(self._saved)

    def save(self) -> None:
        """Save PDF…: the password ready (or plain confirmed), then where, then write."""
        if self.run.running:
            return
        problem = self.password.problem()
        if problem:
            self.problem.setText(problem)
            return
        self.problem.clear()
        if not self.password.confirm_unencrypted(self):
            return
        chosen = choose_destination(
            self,
            "Save the Form As",
            f"client-{self._client_id}-{self.form}-form-{date.today().isoformat()}.pdf",
            ".pdf",
            "PDF",
        )
        if chosen is None:
            return
        destination = chosen.path
        vault, client_id, form = self._vault, self._client_id, self.form
        password, encrypt = self.password.password(), self.password.encrypt
        paper, overwrite = self.paper.currentText(), chosen.overwrite

        def work(_progress: Progress, _cancel: Cancel) -> PrintedForm:
            return write_form(
                vault, client_id, form, destination, password=password, encrypt=encrypt,
                paper=paper, overwrite=overwrite,
            )  # fmt: skip

        for widget in (self.paper, self.password, self.save_button):
            widget.setEnabled(False)
        self.run.show()
        self.run.start(work, form_summary, doing="Saving the form")

    def done(self, result: int) -> None:
        if self.run.running:
            return  # a form takes a moment; it cannot be stopped halfway
        self.password.forget()
        super().done(result)

    def _saved(self, printed: object) -> None:
        if isinstance(printed, PrintedForm):
            self.result_form = printed

    def _ended(self, outcome: str) -> None:
        if outcome == "done":
            self.buttons.button(QDialogButtonBox.StandardButton.Cancel).hide()
            self.save_button.hide()
            self.close_button.show()
            self.close_button.setDefault(True)
            self.close_button.setFocus(Qt.FocusReason.OtherFocusReason)
            fit_to_contents(self)
            return
        for widget in (self.paper, self.password, self.save_button):
            widget.setEnabled(True)  # the reason is shown; correct it and save again


def form_summary(printed: PrintedForm) -> str:
    state = (
        f"{ENCRYPTION_WORDS}: it opens only with the password"
        if printed.encrypted
        else "not encrypted: print it, then delete the file or keep it where only you can open it"
    )
    return f"Saved to {printed.path}\n\nPDF, {size_text(printed.bytes_written)}, {state}."
