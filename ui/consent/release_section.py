"""Releases of information (in force, expired and revoked shown as such), each with the
signed authorisation form attached."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QPalette
from PySide6.QtWidgets import QGroupBox, QHBoxLayout, QPushButton, QVBoxLayout

from ui.consent.attachment_panel import AttachmentPanel
from ui.consent.labels import day_text
from ui.consent.record_dialog import (
    RecordDialog,
    open_record_dialog,
    record_tree,
    selected_id,
    tree_row,
)
from ui.consent.release_dialogs import ReleaseDialog, RevokeDialog
from vault import Vault
from vault.consent.attachments import attachments_of_release
from vault.consent.model import Release
from vault.consent.releases import releases_for


class ReleaseSection(QGroupBox):
    def __init__(self, vault: Vault, changed: Callable[[], None]) -> None:
        super().__init__("Releases of information")
        self._vault = vault
        self._changed = changed
        self.client_id: int | None = None
        self.releases: dict[int, Release] = {}
        self.tree = record_tree(
            "Releases", ["State", "Recipient", "Purpose", "May share", "Starts", "Until"]
        )
        self.tree.currentItemChanged.connect(lambda *_: self._selection_changed())
        self.forms = AttachmentPanel(vault, "release", self)
        self.forms.changed.connect(changed)
        self.new_button = QPushButton("New Release…")
        self.revoke_button = QPushButton("Revoke…")
        self.new_button.clicked.connect(self.new_release)
        self.revoke_button.clicked.connect(self.revoke)
        bar = QHBoxLayout()
        bar.addWidget(self.new_button)
        bar.addWidget(self.revoke_button)
        bar.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.tree)
        layout.addWidget(self.forms)

    def show_client(self, client_id: int | None, today: date) -> None:
        kept = selected_id(self.tree) if client_id == self.client_id else None
        self.client_id = client_id
        self.tree.blockSignals(True)  # one selection change at the end, not one per row
        self.tree.clear()
        found = releases_for(self._vault, client_id) if client_id is not None else []
        self.releases = {r.id: r for r in found}
        dim = QBrush(self.palette().color(QPalette.ColorRole.PlaceholderText))
        for release in found:
            state = release.state_on(today)
            until = day_text(release.expires_on) if release.expires_on else release.expiry_event
            if release.revoked_on is not None:
                state = f"revoked {release.revoked_on.isoformat()}"
            item = tree_row(
                [
                    state.upper() if not release.in_force_on(today) else state,
                    release.recipient_name,
                    release.purpose,
                    release.information,
                    release.starts_on.isoformat(),
                    until,
                ],
                release.id,
            )
            if not release.in_force_on(today):
                for column in range(item.columnCount()):
                    item.setForeground(column, dim)
            self.tree.addTopLevelItem(item)
        for column in range(5):
            self.tree.resizeColumnToContents(column)
        self._reselect(kept)
        self.tree.blockSignals(False)
        self.new_button.setEnabled(client_id is not None)
        self._selection_changed()

    def _reselect(self, release_id: int | None) -> None:
        """The release under the cursor stays there when the list is shown again."""
        for row in range(self.tree.topLevelItemCount()):
            item = self.tree.topLevelItem(row)
            if item is not None and item.data(0, Qt.ItemDataRole.UserRole) == release_id:
                self.tree.setCurrentItem(item)

    def _selection_changed(self) -> None:
        chosen = self.releases.get(selected_id(self.tree) or 0)
        self.revoke_button.setEnabled(chosen is not None and chosen.revoked_on is None)
        self._show_forms(chosen)

    def _show_forms(self, chosen: Release | None) -> None:
        """The signed forms of the release under the cursor (a revoked one's are kept too)."""
        if chosen is None:
            self.forms.show_forms(
                None, [], "Choose a release to see or attach its signed authorisation form.", {}
            )
            return
        self.forms.show_forms(
            chosen.id,
            attachments_of_release(self._vault, chosen.id),
            f"Signed forms of the release to {chosen.recipient_name}, kept encrypted.",
            {chosen.id: f"release to {chosen.recipient_name}"},
        )

    def new_release(self) -> RecordDialog | None:
        if self.client_id is None:
            return None
        dialog = ReleaseDialog(self._vault, self.client_id, self)
        dialog.accepted.connect(lambda: self._attach_chosen(dialog))
        return open_record_dialog(dialog, self._changed)

    def _attach_chosen(self, dialog: ReleaseDialog) -> None:
        if dialog.form_file.path is not None:
            self.forms.attach_path(dialog.form_file.path, dialog.recorded.id)

    def revoke(self) -> RecordDialog | None:
        release = self.releases.get(selected_id(self.tree) or 0)
        if release is None:
            return None
        return open_record_dialog(RevokeDialog(self._vault, release, self), self._changed)
