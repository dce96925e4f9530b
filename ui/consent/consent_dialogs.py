"""Recording consent, a revisit of it, and its withdrawal."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ui.consent.form_field import FormFileField
from ui.consent.labels import HOW_LABELS, date_edit, from_edit
from ui.consent.record_dialog import RecordDialog
from vault import Vault
from vault.consent.consents import record_consent, record_revisit, withdraw_consent
from vault.consent.dates import DEFAULT_REVIEW_MONTHS
from vault.consent.model import LIMITS, Consent
from vault.consent.policy import current_policy


def text_box(placeholder: str = "") -> QPlainTextEdit:
    box = QPlainTextEdit()
    box.setTabChangesFocus(True)
    box.setPlaceholderText(placeholder)
    box.setFixedHeight(64)
    return box


class ConsentDialog(RecordDialog):
    """Informed consent under the current policy version, with the limits explained."""

    def __init__(self, vault: Vault, client_id: int, parent: QWidget | None = None) -> None:
        version = current_policy(vault).version
        super().__init__(
            "Record Consent",
            f"Consent is recorded under the practice's policy version {version}, the wording "
            "the client agreed to. Tick each limit of confidentiality you explained.",
            "Record Consent",
            parent,
        )
        self._vault = vault
        self._client_id = client_id
        self.given_on = date_edit()
        self.how = QComboBox()
        for code, text in HOW_LABELS.items():
            self.how.addItem(text, code)
        self.limits: dict[str, QCheckBox] = {}
        checklist = QWidget()
        column = QVBoxLayout(checklist)
        column.setContentsMargins(0, 0, 0, 0)
        for code, text in LIMITS:
            box = QCheckBox(text)
            self.limits[code] = box
            column.addWidget(box)
        self.telehealth = QCheckBox("The client consents to sessions by video")
        self.privacy = text_box("The client's own privacy steps for video sessions")
        self.review_months = QSpinBox()
        self.review_months.setRange(1, 60)
        self.review_months.setValue(DEFAULT_REVIEW_MONTHS)
        self.review_months.setSuffix(" months after consent")
        self.add_row("&Given on:", self.given_on, "given_on")
        self.add_row("&How given:", self.how, "how")
        self.add_row("&Limits explained:", checklist, "limits_explained")
        self.add_row("&Telehealth:", self.telehealth)
        self.add_row("&Privacy steps:", self.privacy, "telehealth")
        self.add_row("&Review due:", self.review_months, "review_months")
        self.form_file = FormFileField()
        self.add_row("Signed &form:", self.form_file)

    def submit(self) -> None:
        self.recorded: Consent = record_consent(
            self._vault,
            self._client_id,
            given_on=from_edit(self.given_on),
            how=str(self.how.currentData()),
            limits_explained=[code for code, box in self.limits.items() if box.isChecked()],
            telehealth=self.telehealth.isChecked(),
            telehealth_privacy=self.privacy.toPlainText(),
            review_months=self.review_months.value(),
        )


class RevisitDialog(RecordDialog):
    """The agreement talked through again; the next review counts from this date."""

    def __init__(self, vault: Vault, consent: Consent, parent: QWidget | None = None) -> None:
        super().__init__(
            "Record Revisit",
            "Note what you talked through again. The next review falls due from this date.",
            "Record Revisit",
            parent,
        )
        self._vault = vault
        self._consent = consent
        self.revisited_on = date_edit()
        self.discussed = text_box("What was discussed")
        self.add_row("&Revisited on:", self.revisited_on, "revisited_on")
        self.add_row("&Discussed:", self.discussed, "discussed")

    def submit(self) -> None:
        record_revisit(
            self._vault,
            self._consent.id,
            revisited_on=from_edit(self.revisited_on),
            discussed=self.discussed.toPlainText(),
        )


class WithdrawDialog(RecordDialog):
    """Withdrawal is recorded with its date and how and why it came; the consent itself stays
    in the record."""

    def __init__(self, vault: Vault, consent: Consent, parent: QWidget | None = None) -> None:
        super().__init__(
            "Withdraw Consent",
            "The client withdrew their consent. It stays in the record, marked withdrawn. "
            "Note how the client withdrew (in writing, verbally) and, if they said, why.",
            "Record Withdrawal",
            parent,
        )
        self._vault = vault
        self._consent = consent
        self.withdrawn_on = date_edit()
        self.reason = text_box("For example: by letter; moving abroad and ending therapy")
        self.add_row("&Withdrawn on:", self.withdrawn_on, "withdrawn_on")
        self.add_row("How and &why:", self.reason, "withdrawal_reason")

    def submit(self) -> None:
        withdraw_consent(
            self._vault,
            self._consent.id,
            withdrawn_on=from_edit(self.withdrawn_on),
            reason=self.reason.toPlainText(),
        )
