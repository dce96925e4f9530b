"""Writing an addendum (a later addition) or an amendment (answering a correction request).

The dialog collects text and reason (and, for amendments, who asked and when the request came);
`submit` makes the vault call. A refusal keeps the dialog open with the vault's words.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from ui.kit.labels import buddy_label
from vault import ValidationError, Vault, VaultError
from vault.notes.addenda import add_addendum, add_amendment
from vault.notes.model import Note

Submit = Callable[[str, str, int | None, str | None], object]


def addendum_writer(vault: Vault, note_id: int, author: str, *, amendment: bool) -> Submit:
    """The vault call the dialog makes: an addendum, or an amendment naming who asked."""

    def submit(text: str, reason: str, requested: int | None, received: str | None) -> None:
        if not amendment:
            add_addendum(vault, note_id, text=text, reason=reason, author=author)
            return
        if requested is None or received is None:
            raise ValidationError("Choose the participant who asked for the amendment.")
        add_amendment(
            vault,
            note_id,
            text=text,
            reason=reason,
            author=author,
            requested_by=requested,
            request_received_on=received,
        )

    return submit


class AddendumDialog(QDialog):
    """`submit(text, reason, requested_by, received_on)` raises `VaultError` to refuse."""

    def __init__(
        self,
        submit: Submit,
        *,
        amendment: bool,
        participants: dict[int, str],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._submit = submit
        self._amendment = amendment
        self.setWindowTitle("Record Amendment" if amendment else "Add Addendum")
        intro = QLabel(
            "An amendment answers a participant's request to correct their record. It is added "
            "under the signed note, dated; the note itself is not changed."
            if amendment
            else "An addendum adds to a signed note without changing it. It is dated and kept "
            "under the note."
        )
        intro.setWordWrap(True)
        self.text = QPlainTextEdit()
        self.text.setTabChangesFocus(True)
        self.reason = QLineEdit()
        self.reason.setPlaceholderText("Why this is being added")
        self.requested_by = QComboBox()
        for client_id, name in participants.items():
            self.requested_by.addItem(name, client_id)
        self.received_on = QDateEdit(QDate.currentDate())
        self.received_on.setCalendarPopup(True)
        self.received_on.setDisplayFormat("yyyy-MM-dd")
        self.error = QLabel()
        self.error.setObjectName("ErrorMessage")
        self.error.setWordWrap(True)
        self.error.setTextFormat(Qt.TextFormat.PlainText)
        self.error.setAccessibleName("Problem")
        self.error.hide()
        form = QFormLayout()
        form.addRow(buddy_label("&Text:", self.text), self.text)
        form.addRow(buddy_label("&Reason:", self.reason), self.reason)
        if amendment:
            form.addRow(buddy_label("Requested &by:", self.requested_by), self.requested_by)
            form.addRow(buddy_label("Request &received on:", self.received_on), self.received_on)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText("Record Amendment" if amendment else "Add Addendum")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.resize(520, 380)
        self.text.setFocus(Qt.FocusReason.OtherFocusReason)

    def accept(self) -> None:
        requested: int | None = None
        received: str | None = None
        if self._amendment:
            data = self.requested_by.currentData()
            requested = int(data) if data is not None else None
            value = self.received_on.date()
            received = date(value.year(), value.month(), value.day()).isoformat()
        try:
            self._submit(self.text.toPlainText(), self.reason.text(), requested, received)
        except VaultError as exc:
            self.error.setText(str(exc))
            self.error.show()
            return
        super().accept()


def open_addendum_dialog(
    vault: Vault,
    note: Note,
    author: str,
    names: dict[int, str],
    *,
    amendment: bool,
    parent: QWidget,
    on_written: Callable[[], None],
) -> AddendumDialog:
    """Open (window-modal, not blocking) the dialog for an addendum or amendment under `note`;
    `on_written` runs once the vault has it."""
    submit = addendum_writer(vault, note.id, author, amendment=amendment)
    people = {cid: names.get(cid, f"Client {cid}") for cid in note.content.participants}
    dialog = AddendumDialog(submit, amendment=amendment, participants=people, parent=parent)
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.accepted.connect(on_written)
    dialog.finished.connect(dialog.deleteLater)
    dialog.open()
    return dialog
