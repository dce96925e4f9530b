"""Releases of information (in force, expired and revoked shown as such) and the disclosures
made, as the accounting of the six years before a chosen date."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtGui import QBrush, QPalette
from PySide6.QtWidgets import QGroupBox, QHBoxLayout, QPushButton, QVBoxLayout

from ui.consent.labels import BASIS_LABELS, EXCEPTION_LABELS, date_edit, day_text, from_edit
from ui.consent.record_dialog import (
    RecordDialog,
    open_record_dialog,
    plain_label,
    record_tree,
    selected_id,
    tree_row,
)
from ui.consent.release_dialogs import DisclosureDialog, ReleaseDialog, RevokeDialog
from ui.kit.labels import buddy_label
from vault import Vault
from vault.consent.dates import accounting_start
from vault.consent.disclosures import accounting_of_disclosures
from vault.consent.model import Disclosure, Release
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
        self.tree.currentItemChanged.connect(lambda *_: self._enable())
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

    def show_client(self, client_id: int | None, today: date) -> None:
        self.client_id = client_id
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
        self.new_button.setEnabled(client_id is not None)
        self._enable()

    def _enable(self) -> None:
        chosen = self.releases.get(selected_id(self.tree) or 0)
        self.revoke_button.setEnabled(chosen is not None and chosen.revoked_on is None)

    def new_release(self) -> RecordDialog | None:
        if self.client_id is None:
            return None
        return open_record_dialog(ReleaseDialog(self._vault, self.client_id, self), self._changed)

    def revoke(self) -> RecordDialog | None:
        release = self.releases.get(selected_id(self.tree) or 0)
        if release is None:
            return None
        return open_record_dialog(RevokeDialog(self._vault, release, self), self._changed)


class DisclosureSection(QGroupBox):
    def __init__(self, vault: Vault, changed: Callable[[], None]) -> None:
        super().__init__("Disclosures: the accounting of the last six years")
        self._vault = vault
        self._changed = changed
        self.client_id: int | None = None
        self.as_of = date_edit()
        self.as_of.dateChanged.connect(lambda _d: self.show_client(self.client_id))
        self.summary = plain_label(name="Hint")
        self.tree = record_tree("Disclosures", ["Date", "Recipient", "What", "Basis"])
        self.record_button = QPushButton("Record Disclosure…")
        self.record_button.clicked.connect(self.record_disclosure)
        bar = QHBoxLayout()
        bar.addWidget(self.record_button)
        bar.addStretch(1)
        bar.addWidget(buddy_label("Accounting &as of:", self.as_of))
        bar.addWidget(self.as_of)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.summary)
        layout.addWidget(self.tree)

    def show_client(self, client_id: int | None, today: date | None = None) -> None:
        del today  # the accounting follows its own "as of" date
        self.client_id = client_id
        self.tree.clear()
        as_of = from_edit(self.as_of)
        found = accounting_of_disclosures(self._vault, client_id, as_of) if client_id else []
        for disclosure in found:
            self.tree.addTopLevelItem(
                tree_row(
                    [
                        disclosure.disclosed_on.isoformat(),
                        disclosure.recipient,
                        disclosure.information,
                        basis_text(disclosure),
                    ],
                    disclosure.id,
                )
            )
        for column in range(3):
            self.tree.resizeColumnToContents(column)
        n = len(found)
        self.summary.setText(
            f"{n} disclosure{'s' if n != 1 else ''} from {accounting_start(as_of).isoformat()} "
            f"to {as_of.isoformat()}. Older ones stay in the record; change the date to see them."
        )
        self.record_button.setEnabled(client_id is not None)

    def record_disclosure(self) -> RecordDialog | None:
        if self.client_id is None:
            return None
        dialog = DisclosureDialog(self._vault, self.client_id, self)
        return open_record_dialog(dialog, self._changed)


def basis_text(disclosure: Disclosure) -> str:
    if disclosure.basis == "release":
        return f"Release {disclosure.release_id}"
    if disclosure.basis == "legal_exception":
        exception = EXCEPTION_LABELS.get(disclosure.exception or "", "Legal exception")
        return f"{exception}: {disclosure.justification}"
    return BASIS_LABELS.get(disclosure.basis, disclosure.basis)
