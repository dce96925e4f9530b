"""The client's current consent: version, date, how given, the limits explained as a
checklist, telehealth, review due (overdue said plainly), revisits and withdrawal."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QGroupBox, QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from ui.consent.attachment_panel import AttachmentPanel
from ui.consent.consent_dialogs import ConsentDialog, RevisitDialog, WithdrawDialog
from ui.consent.labels import HOW_LABELS, due_text
from ui.consent.record_dialog import (
    RecordDialog,
    open_record_dialog,
    plain_label,
    record_tree,
    tree_row,
)
from vault import Vault
from vault.consent.attachments import attachments_for_client
from vault.consent.consents import consents_for, revisits_for
from vault.consent.model import LIMITS, Consent


class ConsentSection(QGroupBox):
    policy_requested = Signal()

    def __init__(self, vault: Vault, changed: Callable[[], None]) -> None:
        super().__init__("Consent and the limits of confidentiality")
        self._vault = vault
        self._changed = changed
        self.client_id: int | None = None
        self.consent: Consent | None = None
        self.summary = plain_label()
        self.review = plain_label()
        self.limits = plain_label()
        self.telehealth = plain_label()
        self.earlier = plain_label(name="Hint")
        self.revisits = record_tree("Revisits", ["Revisited on", "What was discussed"])
        self.revisits.setMaximumHeight(110)
        self.forms = AttachmentPanel(vault, "consent", self)
        self.forms.changed.connect(changed)
        self.record_button = QPushButton("Record Consent…")
        self.revisit_button = QPushButton("Record Revisit…")
        self.withdraw_button = QPushButton("Withdraw…")
        policy_button = QPushButton("Policy…")
        policy_button.setToolTip("Read the practice's policy, or save a new version of it")
        self.record_button.clicked.connect(self.record_consent)
        self.revisit_button.clicked.connect(self.record_revisit)
        self.withdraw_button.clicked.connect(self.withdraw)
        policy_button.clicked.connect(self.policy_requested.emit)
        bar = QHBoxLayout()
        for button in (
            self.record_button, self.revisit_button, self.withdraw_button, policy_button
        ):  # fmt: skip
            bar.addWidget(button)
        bar.addStretch(1)
        facts = QWidget()
        columns = QHBoxLayout(facts)
        columns.setContentsMargins(0, 0, 0, 0)
        left = QVBoxLayout()
        for label in (self.summary, self.review, self.telehealth, self.earlier):
            left.addWidget(label)
        left.addStretch(1)
        columns.addLayout(left, 1)
        columns.addWidget(self.limits, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(facts)
        layout.addWidget(self.revisits)
        layout.addWidget(self.forms)

    def show_client(self, client_id: int | None, today: date) -> None:
        self.client_id = client_id
        consents = consents_for(self._vault, client_id) if client_id is not None else []
        self.consent = consents[-1] if consents else None
        consent = self.consent
        self.revisits.clear()
        self.record_button.setEnabled(client_id is not None)
        self.revisit_button.setEnabled(consent is not None and consent.withdrawn_on is None)
        self.withdraw_button.setEnabled(consent is not None and consent.withdrawn_on is None)
        self._show_forms(client_id, consents)
        if consent is None:
            self.summary.setText("No consent recorded yet. Record it before the first session.")
            for label in (self.review, self.limits, self.telehealth, self.earlier):
                label.setText("")
            return
        self.summary.setText(
            f"Given {consent.given_on.isoformat()} ({HOW_LABELS.get(consent.how, consent.how)}), "
            f"under policy version {consent.policy_version}."
        )
        self._show_review(consent, today)
        self.limits.setText(
            "Limits explained:\n"
            + "\n".join(
                f"{'☑' if code in consent.limits_explained else '☐ not explained:'} {text}"
                for code, text in LIMITS
            )
        )
        self.telehealth.setText(
            f"Telehealth: agreed. The client's privacy steps: {consent.telehealth_privacy or '—'}"
            if consent.telehealth
            else "Telehealth: not agreed."
        )
        earlier = len(consents) - 1
        self.earlier.setText(
            f"{earlier} earlier consent{'s' if earlier != 1 else ''} kept in the record."
            if earlier
            else ""
        )
        for revisit in revisits_for(self._vault, consent.id):
            self.revisits.addTopLevelItem(
                tree_row([revisit.revisited_on.isoformat(), revisit.discussed], revisit.id)
            )
        self.revisits.resizeColumnToContents(0)

    def _show_forms(self, client_id: int | None, consents: list[Consent]) -> None:
        """The signed forms of every consent of the client; a new one goes with the newest."""
        forms = attachments_for_client(self._vault, client_id) if client_id is not None else []
        owners = {c.id: f"consent given {c.given_on.isoformat()}" for c in consents}
        current = consents[-1] if consents else None
        heading = (
            "Signed consent forms: attach the scan or PDF of the signed form, kept encrypted."
            if current is not None
            else "Record the consent first; then its signed form can be attached."
        )
        self.forms.show_forms(
            current.id if current is not None else None,
            [form for form in forms if form.consent_id is not None],
            heading,
            owners,
        )

    def _show_review(self, consent: Consent, today: date) -> None:
        if consent.withdrawn_on is not None:
            self.review.setObjectName("ErrorMessage")
            how = f" How and why: {consent.withdrawal_reason}" if consent.withdrawal_reason else ""
            self.review.setText(f"Withdrawn on {consent.withdrawn_on.isoformat()}.{how}")
        else:
            overdue = consent.review_due < today
            self.review.setObjectName("ErrorMessage" if overdue else "")
            self.review.setText(
                f"{'OVERDUE: review' if overdue else 'Review'} due "
                f"{consent.review_due.isoformat()} ({due_text(consent.review_due, today)})."
            )
        self.review.style().unpolish(self.review)
        self.review.style().polish(self.review)

    def record_consent(self) -> RecordDialog | None:
        if self.client_id is None:
            return None
        dialog = ConsentDialog(self._vault, self.client_id, self)
        dialog.accepted.connect(lambda: self._attach_chosen(dialog))
        return open_record_dialog(dialog, self._changed)

    def _attach_chosen(self, dialog: ConsentDialog) -> None:
        if dialog.form_file.path is not None:
            self.forms.attach_path(dialog.form_file.path, dialog.recorded.id)

    def record_revisit(self) -> RecordDialog | None:
        if self.consent is None:
            return None
        return open_record_dialog(RevisitDialog(self._vault, self.consent, self), self._changed)

    def withdraw(self) -> RecordDialog | None:
        if self.consent is None:
            return None
        return open_record_dialog(WithdrawDialog(self._vault, self.consent, self), self._changed)
