"""A client's requests: to see their record (30 days, one extension) and to amend it (60 days).

Deadlines are counted by the vault (`vault.consent.dates`); these dialogs only collect the
dates and words, and say what the deadline will be.
"""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QWidget

from ui.consent.consent_dialogs import text_box
from ui.consent.labels import date_edit, from_edit
from ui.consent.record_dialog import RecordDialog
from ui.kit.note_labels import session_label
from vault import Vault
from vault.consent.dates import ACCESS_DAYS, ACCESS_EXTENSION_DAYS, AMENDMENT_DAYS
from vault.consent.model import AccessRequest, AmendmentRequest
from vault.consent.requests import (
    decide_amendment_request,
    extend_access_request,
    fulfil_access_request,
    receive_access_request,
    receive_amendment_request,
)
from vault.notes.addenda import AMENDMENT, addenda_for_note
from vault.notes.timeline import client_timeline


class AccessRequestDialog(RecordDialog):
    def __init__(self, vault: Vault, client_id: int, parent: QWidget | None = None) -> None:
        super().__init__(
            "Request to See the Record",
            f"The client asked to see their record. It is due {ACCESS_DAYS} days after the "
            "request arrived.",
            "Record Request",
            parent,
        )
        self._vault, self._client_id = vault, client_id
        self.received_on = date_edit()
        self.add_row("&Received on:", self.received_on, "received_on")

    def submit(self) -> None:
        receive_access_request(
            self._vault, self._client_id, received_on=from_edit(self.received_on)
        )


class ExtendDialog(RecordDialog):
    def __init__(self, vault: Vault, request: AccessRequest, parent: QWidget | None = None) -> None:
        super().__init__(
            "Extend Request",
            f"One extension of {ACCESS_EXTENSION_DAYS} days is allowed, with the reason the "
            "client is told in writing. There is no second extension.",
            "Extend",
            parent,
        )
        self._vault, self._request = vault, request
        self.reason = text_box("The reason the client is told")
        self.add_row("&Reason:", self.reason, "reason")

    def submit(self) -> None:
        extend_access_request(self._vault, self._request.id, reason=self.reason.toPlainText())


class FulfilDialog(RecordDialog):
    def __init__(self, vault: Vault, request: AccessRequest, parent: QWidget | None = None) -> None:
        super().__init__(
            "Request Fulfilled", "When and how the client was given their record.", "Record", parent
        )
        self._vault, self._request = vault, request
        self.fulfilled_on = date_edit()
        self.how = text_box("e.g. an encrypted export handed over in person")
        self.add_row("&Fulfilled on:", self.fulfilled_on, "fulfilled_on")
        self.add_row("&How:", self.how, "how")

    def submit(self) -> None:
        fulfil_access_request(
            self._vault,
            self._request.id,
            fulfilled_on=from_edit(self.fulfilled_on),
            how=self.how.toPlainText(),
        )


class AmendmentRequestDialog(RecordDialog):
    def __init__(self, vault: Vault, client_id: int, parent: QWidget | None = None) -> None:
        super().__init__(
            "Request to Amend the Record",
            f"The client asked for a correction. Accept or deny it within {AMENDMENT_DAYS} days.",
            "Record Request",
            parent,
        )
        self._vault, self._client_id = vault, client_id
        self.received_on = date_edit()
        self.what_asked = text_box("What the client asked to change")
        self.note = QComboBox()
        self.note.addItem("No particular note", None)
        for entry in client_timeline(vault, client_id).entries:
            self.note.addItem(f"{session_label(entry.session_start)}  {entry.kind_title}", entry.id)
        self.add_row("&Received on:", self.received_on, "received_on")
        self.add_row("&What was asked:", self.what_asked, "what_asked")
        self.add_row("&Note:", self.note, "note_id")

    def submit(self) -> None:
        note = self.note.currentData()
        receive_amendment_request(
            self._vault,
            self._client_id,
            received_on=from_edit(self.received_on),
            what_asked=self.what_asked.toPlainText(),
            note_id=int(note) if note is not None else None,
        )


class DecideDialog(RecordDialog):
    """Accepted: link the amendment written under the note. Denied: the reason, and the
    client's statement of disagreement if they gave one, stay with the record."""

    def __init__(
        self, vault: Vault, request: AmendmentRequest, parent: QWidget | None = None
    ) -> None:
        super().__init__(
            "Decide Amendment Request",
            "To accept, first write the amendment under the note (Notes tab), then link it here.",
            "Record Decision",
            parent,
        )
        self._vault, self._request = vault, request
        self.decision = QComboBox()
        self.decision.addItem("Accepted", "accepted")
        self.decision.addItem("Denied", "denied")
        self.decided_on = date_edit()
        self.amendment = QComboBox()
        for note_id, label in self._notes():
            for addendum in addenda_for_note(vault, note_id):
                if addendum.kind == AMENDMENT and addendum.requested_by == request.client_id:
                    self.amendment.addItem(f"{label}: {addendum.reason}", addendum.id)
        self.reason = text_box()
        self.disagreement = text_box("The client's statement of disagreement, if any")
        self.add_row("&Decision:", self.decision, "decision")
        self.add_row("Decided &on:", self.decided_on, "decided_on")
        self.add_row("&Amendment:", self.amendment, "amendment_id")
        self.add_row("&Reason:", self.reason, "reason")
        self.add_row("&Statement:", self.disagreement, "disagreement")
        self.decision.currentIndexChanged.connect(self._decision_changed)
        self.disagreement.textChanged.connect(self._decision_changed)
        self._decision_changed()

    def _notes(self) -> list[tuple[int, str]]:
        entries = client_timeline(self._vault, self._request.client_id).entries
        return [
            (e.id, session_label(e.session_start))
            for e in entries
            if e.addenda_count and self._request.note_id in (None, e.id)
        ]

    def _decision_changed(self) -> None:
        accepted = self.decision.currentData() == "accepted"
        self.amendment.setEnabled(accepted)
        # What is typed here is kept either way (the history shows it with an acceptance as
        # "Note on the decision"), so it never greys out while holding text that would be saved.
        self.reason.setPlaceholderText(
            "A note on the decision, if any" if accepted else "Why it was denied (required)"
        )
        # A statement typed before choosing Accepted stays editable: the vault refuses it with
        # an acceptance, and the therapist must be able to clear it (nothing is dropped).
        self.disagreement.setEnabled(not accepted or bool(self.disagreement.toPlainText()))

    def submit(self) -> None:
        amendment = self.amendment.currentData()
        decide_amendment_request(
            self._vault,
            self._request.id,
            decision=str(self.decision.currentData()),
            decided_on=from_edit(self.decided_on),
            reason=self.reason.toPlainText(),
            amendment_id=int(amendment) if amendment is not None else None,
            disagreement=self.disagreement.toPlainText(),
        )
