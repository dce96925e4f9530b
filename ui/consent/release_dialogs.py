"""Recording a release of information, revoking one, and recording a disclosure.

Whether a release can back a disclosure is the vault's rule (`Release.in_force_on`): the
disclosure dialog offers every release of the client with its state and lets the vault refuse
an expired or revoked one, so the refusal reads the same here as in the CLI.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QCheckBox, QComboBox, QHBoxLayout, QLineEdit, QWidget

from ui.consent.consent_dialogs import text_box
from ui.consent.form_field import FormFileField
from ui.consent.labels import BASIS_LABELS, date_edit, day_text, from_edit
from ui.consent.record_dialog import RecordDialog
from vault import Vault
from vault.consent.disclosures import record_disclosure
from vault.consent.model import EXCEPTIONS, Release
from vault.consent.releases import record_release, releases_for, revoke_release


class ReleaseDialog(RecordDialog):
    """An authorisation with its core elements; it needs an expiry date or an expiry event."""

    def __init__(self, vault: Vault, client_id: int, parent: QWidget | None = None) -> None:
        super().__init__(
            "Record Release of Information",
            "Copy the signed authorisation: who may receive what, for what purpose, until when.",
            "Record Release",
            parent,
        )
        self._vault = vault
        self._client_id = client_id
        self.recipient_name = QLineEdit()
        self.recipient_org = QLineEdit()
        self.recipient_address = text_box()
        self.purpose = text_box()
        self.information = text_box("What may be shared")
        self.disclosed_by = QLineEdit()
        self.signed_on = date_edit()
        self.starts_on = date_edit()
        self.has_expiry = QCheckBox("On a date:")
        self.has_expiry.setChecked(True)
        self.expires_on = date_edit(date(date.today().year + 1, 1, 1))
        self.has_expiry.toggled.connect(self.expires_on.setEnabled)
        expiry = QWidget()
        row = QHBoxLayout(expiry)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.has_expiry)
        row.addWidget(self.expires_on, 1)
        self.expiry_event = QLineEdit()
        self.expiry_event.setPlaceholderText("or an event, e.g. the end of the treatment")
        self.add_row("Recipient &name:", self.recipient_name, "recipient_name")
        self.add_row("&Organisation:", self.recipient_org, "recipient_org")
        self.add_row("&Address:", self.recipient_address, "recipient_address")
        self.add_row("&Purpose:", self.purpose, "purpose")
        self.add_row("What may be &shared:", self.information, "information")
        self.add_row("Who may &disclose:", self.disclosed_by, "disclosed_by")
        self.add_row("S&igned on:", self.signed_on, "signed_on")
        self.add_row("S&tarts on:", self.starts_on, "starts_on")
        self.add_row("&Expires:", expiry, "expires_on")
        self.add_row("Expiry &event:", self.expiry_event, "expiry_event")
        self.form_file = FormFileField()
        self.add_row("Signed &form:", self.form_file)

    def submit(self) -> None:
        self.recorded: Release = record_release(
            self._vault,
            self._client_id,
            recipient_name=self.recipient_name.text(),
            recipient_org=self.recipient_org.text(),
            recipient_address=self.recipient_address.toPlainText(),
            purpose=self.purpose.toPlainText(),
            information=self.information.toPlainText(),
            disclosed_by=self.disclosed_by.text(),
            signed_on=from_edit(self.signed_on),
            starts_on=from_edit(self.starts_on),
            expires_on=from_edit(self.expires_on) if self.has_expiry.isChecked() else None,
            expiry_event=self.expiry_event.text(),
        )


class RevokeDialog(RecordDialog):
    """A revocation is dated; the release stays in the record, shown as revoked."""

    def __init__(self, vault: Vault, release: Release, parent: QWidget | None = None) -> None:
        super().__init__(
            "Revoke Release",
            f"The client revoked the release to {release.recipient_name}. No disclosure can "
            "rest on it from this date.",
            "Revoke Release",
            parent,
        )
        self._vault = vault
        self._release = release
        self.revoked_on = date_edit()
        self.add_row("&Revoked on:", self.revoked_on, "revoked_on")

    def submit(self) -> None:
        revoke_release(self._vault, self._release.id, revoked_on=from_edit(self.revoked_on))


class DisclosureDialog(RecordDialog):
    """One disclosure and its basis: a release in force that day, the client's request, or a
    named legal exception with the justification written down."""

    def __init__(self, vault: Vault, client_id: int, parent: QWidget | None = None) -> None:
        super().__init__(
            "Record Disclosure",
            "Every disclosure goes in the client's accounting of disclosures.",
            "Record Disclosure",
            parent,
        )
        self._vault = vault
        self._client_id = client_id
        self.disclosed_on = date_edit()
        self.recipient = QLineEdit()
        self.information = text_box("What was disclosed")
        self.basis = QComboBox()
        for code, text in BASIS_LABELS.items():
            self.basis.addItem(text, code)
        self.release = QComboBox()
        today = date.today()
        for release in releases_for(vault, client_id):
            expiry = day_text(release.expires_on) if release.expires_on else release.expiry_event
            self.release.addItem(
                f"{release.recipient_name} (until {expiry}; {release.state_on(today)})",
                release.id,
            )
        self.exception = QComboBox()
        for code, text in EXCEPTIONS:
            self.exception.addItem(text, code)
        self.justification = text_box("Why the exception applied")
        self.add_row("&Disclosed on:", self.disclosed_on, "disclosed_on")
        self.add_row("&Recipient:", self.recipient, "recipient")
        self.add_row("&What was disclosed:", self.information, "information")
        self.add_row("&Basis:", self.basis, "basis")
        self.add_row("Re&lease:", self.release, "release_id")
        self.add_row("Legal e&xception:", self.exception, "exception")
        self.add_row("&Justification:", self.justification, "justification")
        self.basis.currentIndexChanged.connect(self._basis_changed)
        self._basis_changed()

    def _basis_changed(self) -> None:
        basis = self.basis.currentData()
        self.release.setEnabled(basis == "release")
        self.exception.setEnabled(basis == "legal_exception")
        self.justification.setEnabled(basis == "legal_exception")

    def submit(self) -> None:
        basis = str(self.basis.currentData())
        release = self.release.currentData()
        record_disclosure(
            self._vault,
            self._client_id,
            disclosed_on=from_edit(self.disclosed_on),
            recipient=self.recipient.text(),
            information=self.information.toPlainText(),
            basis=basis,
            release_id=int(release) if release is not None else None,
            exception=str(self.exception.currentData()),
            justification=self.justification.toPlainText(),
        )
