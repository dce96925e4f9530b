"""The disclosures made: the accounting of the six years before a chosen date, or every
disclosure ever recorded, with the one under the cursor read out in full below the list."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QPalette
from PySide6.QtWidgets import QCheckBox, QGroupBox, QHBoxLayout, QPushButton, QVBoxLayout

from ui.consent.labels import BASIS_LABELS, EXCEPTION_LABELS, date_edit, from_edit
from ui.consent.record_dialog import (
    RecordDialog,
    open_record_dialog,
    plain_label,
    record_tree,
    selected_id,
    tree_row,
)
from ui.consent.release_dialogs import DisclosureDialog
from ui.kit.labels import buddy_label
from vault import Vault
from vault.consent.dates import accounting_start
from vault.consent.disclosures import accounting_of_disclosures, disclosures_for
from vault.consent.model import Disclosure


class DisclosureSection(QGroupBox):
    def __init__(self, vault: Vault, changed: Callable[[], None]) -> None:
        super().__init__("Disclosures: the accounting of the last six years")
        self._vault = vault
        self._changed = changed
        self.client_id: int | None = None
        self.disclosures: dict[int, Disclosure] = {}
        self.as_of = date_edit()
        self.as_of.dateChanged.connect(lambda _d: self.show_client(self.client_id))
        self.every = QCheckBox("Show &every disclosure")
        self.every.setToolTip("Every disclosure ever recorded, older than six years too")
        self.every.toggled.connect(lambda _on: self.show_client(self.client_id))
        self.summary = plain_label(name="Hint")
        self.tree = record_tree("Disclosures", ["Date", "Recipient", "What", "Basis"])
        self.tree.currentItemChanged.connect(lambda *_: self._show_detail())
        self.detail = plain_label()
        self.detail.setAccessibleName("The disclosure chosen, in full")
        self.detail.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.record_button = QPushButton("Record Disclosure…")
        self.record_button.clicked.connect(self.record_disclosure)
        bar = QHBoxLayout()
        bar.addWidget(self.record_button)
        bar.addStretch(1)
        bar.addWidget(self.every)
        bar.addWidget(buddy_label("Accounting &as of:", self.as_of))
        bar.addWidget(self.as_of)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.summary)
        layout.addWidget(self.tree)
        layout.addWidget(self.detail)

    def show_client(self, client_id: int | None, today: date | None = None) -> None:
        del today  # the accounting follows its own "as of" date
        self.client_id = client_id
        self.tree.clear()
        as_of = from_edit(self.as_of)
        every = self.every.isChecked()
        self.as_of.setEnabled(not every)
        if client_id is None:
            found = []
        elif every:
            found = disclosures_for(self._vault, client_id)
        else:
            found = accounting_of_disclosures(self._vault, client_id, as_of)
        self.disclosures = {d.id: d for d in found}
        start = accounting_start(date.today())
        dim = QBrush(self.palette().color(QPalette.ColorRole.PlaceholderText))
        for disclosure in found:
            item = tree_row(
                [
                    disclosure.disclosed_on.isoformat(),
                    disclosure.recipient,
                    disclosure.information,
                    basis_text(disclosure),
                ],
                disclosure.id,
            )
            if every and disclosure.disclosed_on < start:
                for column in range(item.columnCount()):
                    item.setForeground(column, dim)
            self.tree.addTopLevelItem(item)
        for column in range(3):
            self.tree.resizeColumnToContents(column)
        self.summary.setText(self._summary(found, as_of, every, start))
        self.record_button.setEnabled(client_id is not None)
        self._show_detail()

    @staticmethod
    def _summary(found: list[Disclosure], as_of: date, every: bool, start: date) -> str:
        n = len(found)
        counted = f"{n} disclosure{'s' if n != 1 else ''}"
        if not every:
            return (
                f"{counted} from {accounting_start(as_of).isoformat()} to {as_of.isoformat()}. "
                "Older ones stay in the record: change the date, or show every disclosure."
            )
        if not found:
            return "No disclosure has been recorded for this client."
        older = sum(1 for d in found if d.disclosed_on < start)
        return f"{counted} in all, oldest first. " + (
            f"{older} of them (dimmed) are older than the six years before today, so "
            "outside today's accounting."
            if older
            else "All fall within the six years before today."
        )

    def _show_detail(self) -> None:
        disclosure = self.disclosures.get(selected_id(self.tree) or 0)
        self.detail.setVisible(disclosure is not None)
        if disclosure is not None:
            self.detail.setText(detail_text(disclosure))

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


def detail_text(disclosure: Disclosure) -> str:
    """One disclosure in full, for reading (the list's columns cut long text short)."""
    lines = [
        f"Disclosed on {disclosure.disclosed_on.isoformat()} to {disclosure.recipient}.",
        f"What was disclosed: {disclosure.information}",
    ]
    if disclosure.basis == "release":
        lines.append(f"Basis: the release of information {disclosure.release_id}.")
    elif disclosure.basis == "legal_exception":
        exception = EXCEPTION_LABELS.get(disclosure.exception or "", "a legal exception")
        lines.append(f"Basis: {exception}.")
        lines.append(f"Why it applied: {disclosure.justification}")
    else:
        lines.append(f"Basis: {BASIS_LABELS.get(disclosure.basis, disclosure.basis)}.")
    return "\n".join(lines)
