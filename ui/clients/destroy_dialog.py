"""Destroying a client's record: what leaves and what stays, said first; typed to confirm.

The dialog shows the counts (`vault.destruction.plan.preview_destruction`), whether the
retention has ended, and, plainly, that backups made before now still hold the record and
where they are. Destroy stays disabled until the client's name is typed exactly (the vault's
own rule, `confirmation_matches`); the destruction runs on the background helper, and the
dialog reports `record_destroyed(result)` before it closes. Every value is escaped.
"""

from __future__ import annotations

from datetime import date
from html import escape
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent, QShowEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ui.kit.background import run_in_background
from ui.kit.labels import buddy_label
from vault import Vault, VaultError
from vault.consent.retention import load_retention_rule
from vault.destruction.destroy import DestructionResult, destroy_client
from vault.destruction.errors import UnsignedDraftsError
from vault.destruction.plan import (
    DestructionPreview,
    RowCounts,
    backups_before,
    confirmation_matches,
    preview_destruction,
)

BUSY = "Destroying the record…"


def _count(number: int, noun: str, plural: str = "") -> str:
    return f"{number} {noun if number == 1 else (plural or noun + 's')}"


def removed_items(counts: RowCounts) -> list[str]:
    """The lines of "what will be removed", in the therapist's words (kinds with none left
    out)."""
    kinds = [
        (counts.notes, _count(counts.notes, "note") + " this client alone took part in"),
        (counts.consents, _count(counts.consents, "consent") + " (with their revisits)"),
        (counts.releases, _count(counts.releases, "release") + " of information"),
        (counts.disclosures, _count(counts.disclosures, "disclosure") + " (their accounting)"),
        (counts.requests, _count(counts.requests, "access or amendment request")),
        (counts.attachments, _count(counts.attachments, "attached signed form")),
    ]
    items = [text for number, text in kinds if number]
    if counts.unsaved_edits:
        items.append("unsaved changes to their profile")
    items.append("their profile, and every search entry of theirs")
    return items


def kept_text(counts: RowCounts) -> str:
    if not counts.joint_notes:
        return ""
    removed = [_count(counts.private_sections, "section") + " private to this client"]
    if counts.amendments:
        removed.append(_count(counts.amendments, "amendment") + " they asked for")
    return (
        f"{_count(counts.joint_notes, 'joint session note')} will stay for the other "
        f"participants, with this client and {' and '.join(removed)} removed. The note shows "
        "that it was altered, when, and why; its original seal is kept."
    )


class DestroyClientDialog(QDialog):
    record_destroyed = Signal(object)  # the DestructionResult

    def __init__(
        self,
        vault: Vault,
        client_id: int,
        backup_folder: Path | None,
        parent: QWidget | None = None,
        today: date | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Destroy Client Record")
        self._vault = vault
        self._backup_folder = backup_folder
        self.preview: DestructionPreview = preview_destruction(vault, client_id)
        self.outcome: DestructionResult | None = None
        self._busy = False
        today = today or date.today()
        self.summary = QLabel(self._summary_html(today, backup_folder))
        self.summary.setTextFormat(Qt.TextFormat.RichText)  # every value escaped
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.confirmation = QLineEdit()
        self.confirmation.setPlaceholderText(self.preview.client.profile.full_name)
        prompt = buddy_label("&Type the client's name to confirm:", self.confirmation)
        self.confirmation.setAccessibleName("Type the client's name to confirm")
        self.error = QLabel()
        self.error.setTextFormat(Qt.TextFormat.PlainText)
        self.error.setObjectName("ErrorMessage")
        self.error.setWordWrap(True)
        self.error.hide()
        self.status = QLabel()
        self.status.setObjectName("Hint")
        self.status.hide()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.destroy_button = QPushButton("&Destroy Record")
        self.destroy_button.setObjectName("Danger")
        self.destroy_button.setDefault(True)
        self.buttons.addButton(self.destroy_button, QDialogButtonBox.ButtonRole.DestructiveRole)
        self.buttons.rejected.connect(self.reject)
        self.destroy_button.clicked.connect(self.destroy_record)
        self.confirmation.textChanged.connect(self._typed)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(prompt)
        layout.addWidget(self.confirmation)
        layout.addWidget(self.error)
        layout.addWidget(self.status)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(560)
        blocked = self.preview.counts.unsigned_notes
        if blocked:
            self._show_error(str(UnsignedDraftsError(client_id, blocked)))
            self.confirmation.setEnabled(False)
        self._typed(self.confirmation.text())
        self.confirmation.setFocus(Qt.FocusReason.OtherFocusReason)

    def _summary_html(self, today: date, backup_folder: Path | None) -> str:
        preview = self.preview
        counts = preview.counts
        name = escape(preview.display_name)
        retention = preview.retention
        reason = escape(retention.reason(load_retention_rule(self._vault)))
        if preview.retention_ended(today):
            when = f"Its retention ended on {retention.ends_on.isoformat()} ({reason})."
        else:
            when = (
                f"<b>Its retention does not end until {retention.ends_on.isoformat()}</b> "
                f"({reason}). Destroy it earlier only if you are sure you may."
            )
        parts = [
            f"<p><b>Destroy the record of {name} for good?</b> This cannot be undone.</p>",
            f"<p>{when}</p>",
            "<p>What will be removed:</p><ul>"
            + "".join(f"<li>{escape(item)}</li>" for item in removed_items(counts))
            + "</ul>",
        ]
        kept = kept_text(counts)
        if kept:
            parts.append(f"<p>{escape(kept)}</p>")
        if counts.recent_disclosures:
            parts.append(
                f"<p>{escape(_count(counts.recent_disclosures, 'disclosure'))} fall within the "
                "six years an accounting of disclosures covers; once destroyed, that accounting "
                "can no longer be given.</p>"
            )
        notice = backups_before(backup_folder).notice()
        parts.append(f'<p style="color:#b3541e;">{escape(notice)}</p>')
        parts.append(
            "<p>The activity log keeps only the fact that client "
            f"{preview.client.id} was destroyed, and when: never a name.</p>"
        )
        return "".join(parts)

    def _typed(self, text: str) -> None:
        ok = not self._busy and not self.preview.counts.unsigned_notes
        self.destroy_button.setEnabled(ok and confirmation_matches(self.preview.client, text))

    def _show_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.show()

    def destroy_record(self) -> None:
        if not self.destroy_button.isEnabled():
            return
        vault, client_id, typed = self._vault, self.preview.client.id, self.confirmation.text()
        folder = self._backup_folder
        self._busy = True
        self._typed(typed)
        self.confirmation.setEnabled(False)
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setEnabled(False)
        self.error.hide()
        self.status.setText(BUSY)
        self.status.show()
        run_in_background(
            lambda: destroy_client(vault, client_id, typed, backup_folder=folder),
            self._destroyed,
            self._failed,
            owner=self,
            busy_label=BUSY,
        )

    def _destroyed(self, result: DestructionResult) -> None:
        self.outcome = result
        self._busy = False
        self.record_destroyed.emit(result)
        self.accept()

    def _failed(self, error: BaseException) -> None:
        self._busy = False
        self.status.hide()
        self.confirmation.setEnabled(True)
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setEnabled(True)
        self._typed(self.confirmation.text())
        if isinstance(error, VaultError):
            self._show_error(str(error))
        else:  # raised before the transaction committed: it rolled back
            self._show_error(
                f"Confidant hit an unexpected problem ({type(error).__name__}). The record was "
                "not destroyed."
            )

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt's name
        """Enter in the name field means Destroy (only ever once it is enabled); the button
        box would otherwise make Cancel the default when it is shown."""
        super().showEvent(event)
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setAutoDefault(False)
        self.destroy_button.setDefault(True)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt's name
        """Escape does not walk away from a destruction under way (locking still closes the
        dialog: the destruction then finishes, wholly, on its own)."""
        if self._busy and event.key() == Qt.Key.Key_Escape:
            event.accept()
            return
        super().keyPressEvent(event)
