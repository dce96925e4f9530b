"""The client's requests already answered: access requests fulfilled (when, how) and
amendment requests decided (the decision, its reason, and for a denial the client's statement
of disagreement), with the one under the cursor read out in full below the list."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGroupBox, QVBoxLayout

from ui.consent.record_dialog import plain_label, record_tree, selected_id, tree_row
from vault import Vault
from vault.consent.model import AccessRequest, AmendmentRequest
from vault.consent.requests import access_requests_for, amendment_requests_for

Request = AccessRequest | AmendmentRequest


def row_key(request: Request) -> int:
    """Both kinds share one list; amendment rows carry negative ids to stay apart."""
    return request.id if isinstance(request, AccessRequest) else -request.id


class RequestHistorySection(QGroupBox):
    def __init__(self, vault: Vault) -> None:
        super().__init__("Requests answered")
        self._vault = vault
        self.requests: dict[int, Request] = {}
        self.summary = plain_label(name="Hint")
        self.tree = record_tree("Requests answered", ["Received", "Request", "Answered", "How"])
        self.tree.currentItemChanged.connect(lambda *_: self._show_detail())
        self.detail = plain_label()
        self.detail.setAccessibleName("The request chosen, in full")
        self.detail.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.tree)
        layout.addWidget(self.detail)

    def show_client(self, client_id: int | None) -> None:
        self.tree.clear()
        answered: list[Request] = []
        if client_id is not None:
            answered += [r for r in access_requests_for(self._vault, client_id) if r.fulfilled_on]
            answered += [r for r in amendment_requests_for(self._vault, client_id) if r.decided_on]
        answered.sort(key=lambda r: (_answered_on(r), r.received_on), reverse=True)
        self.requests = {row_key(r): r for r in answered}
        for request in answered:
            self.tree.addTopLevelItem(
                tree_row(
                    [
                        request.received_on.isoformat(),
                        _what(request),
                        _answered_on(request),
                        _outcome(request),
                    ],
                    row_key(request),
                )
            )
        for column in range(3):
            self.tree.resizeColumnToContents(column)
        n = len(answered)
        self.summary.setText(
            f"{n} request{'s' if n != 1 else ''} answered, newest first."
            if n
            else "No request has been answered yet."
        )
        self._show_detail()

    def _show_detail(self) -> None:
        key = selected_id(self.tree)
        request = self.requests.get(key) if key is not None else None
        self.detail.setVisible(request is not None)
        if request is not None:
            self.detail.setText(detail_text(request))


def _answered_on(request: Request) -> str:
    when = request.fulfilled_on if isinstance(request, AccessRequest) else request.decided_on
    return when.isoformat() if when is not None else ""


def _what(request: Request) -> str:
    if isinstance(request, AccessRequest):
        return "To see their record"
    return f"To amend: {request.what_asked}"


def _outcome(request: Request) -> str:
    if isinstance(request, AccessRequest):
        return f"Fulfilled: {request.fulfilled_how or '(how not written)'}"
    if request.decision == "accepted":
        return "Accepted: amendment appended to the note"
    disagreement = " · statement of disagreement kept" if request.disagreement.strip() else ""
    return f"Denied: {request.reason}{disagreement}"


def detail_text(request: Request) -> str:
    """One answered request in full, for reading (the list's columns cut long text short)."""
    if isinstance(request, AccessRequest):
        lines = [
            f"Request to see the record, received {request.received_on.isoformat()}, "
            f"due {request.due_on.isoformat()}."
        ]
        if request.extended_to is not None:
            lines.append(
                f"Extended once, to {request.extended_to.isoformat()}: {request.extension_reason}"
            )
        lines.append(
            f"Fulfilled on {_answered_on(request)}: "
            f"{request.fulfilled_how or '(how it was given was not written down)'}"
        )
        return "\n".join(lines)
    concerns = f" (note {request.note_id})" if request.note_id is not None else ""
    lines = [
        f"Request to amend the record{concerns}, received {request.received_on.isoformat()}, "
        f"due {request.due_on.isoformat()}.",
        f"What the client asked: {request.what_asked}",
    ]
    if request.decision == "accepted":
        lines.append(
            f"Accepted on {_answered_on(request)}: amendment {request.amendment_id} was "
            "appended to the note."
        )
        if request.reason.strip():
            lines.append(f"Note on the decision: {request.reason}")
    else:
        lines.append(f"Denied on {_answered_on(request)}. The reason: {request.reason}")
        lines.append(
            f"The client's statement of disagreement: {request.disagreement}"
            if request.disagreement.strip()
            else "The client gave no statement of disagreement."
        )
    return "\n".join(lines)
