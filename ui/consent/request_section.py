"""The client's open requests (to see the record, to amend it) with their deadlines and the
action each allows: extend once, fulfil, or decide."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtWidgets import QGroupBox, QHBoxLayout, QPushButton, QVBoxLayout

from ui.consent.labels import due_text
from ui.consent.record_dialog import (
    RecordDialog,
    open_record_dialog,
    record_tree,
    selected_id,
    tree_row,
)
from ui.consent.request_dialogs import (
    AccessRequestDialog,
    AmendmentRequestDialog,
    DecideDialog,
    ExtendDialog,
    FulfilDialog,
)
from vault import Vault
from vault.consent.model import AccessRequest, AmendmentRequest
from vault.consent.requests import open_access_requests, open_amendment_requests

# Rows of both kinds share one list; amendment rows carry negative ids to stay apart.
Request = AccessRequest | AmendmentRequest


class RequestSection(QGroupBox):
    def __init__(self, vault: Vault, changed: Callable[[], None]) -> None:
        super().__init__("Open requests from the client")
        self._vault = vault
        self._changed = changed
        self.client_id: int | None = None
        self.requests: dict[int, Request] = {}
        self.tree = record_tree("Requests", ["Deadline", "When", "Received", "Request"])
        self.tree.currentItemChanged.connect(lambda *_: self._enable())
        self.access_button = QPushButton("To See the Record…")
        self.amend_button = QPushButton("To Amend…")
        self.extend_button = QPushButton("Extend…")
        self.fulfil_button = QPushButton("Fulfilled…")
        self.decide_button = QPushButton("Decide…")
        self.access_button.clicked.connect(self.new_access)
        self.amend_button.clicked.connect(self.new_amendment)
        self.extend_button.clicked.connect(self.extend)
        self.fulfil_button.clicked.connect(self.fulfil)
        self.decide_button.clicked.connect(self.decide)
        bar = QHBoxLayout()
        for button in (
            self.access_button, self.amend_button, self.extend_button, self.fulfil_button,
            self.decide_button,
        ):  # fmt: skip
            bar.addWidget(button)
        bar.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.tree)

    @staticmethod
    def row_key(kind: str, record_id: int) -> int:
        return record_id if kind == "access_request" else -record_id

    def show_client(self, client_id: int | None, today: date) -> None:
        self.client_id = client_id
        self.tree.clear()
        self.requests = {}
        if client_id is not None:
            for access in open_access_requests(self._vault):
                if access.client_id == client_id:
                    self.requests[access.id] = access
            for amendment in open_amendment_requests(self._vault):
                if amendment.client_id == client_id:
                    self.requests[-amendment.id] = amendment
        for key, request in sorted(self.requests.items(), key=lambda kv: _deadline(kv[1])):
            if isinstance(request, AccessRequest):
                what = "To see their record" + (
                    f" (extended: {request.extension_reason})" if request.extended_to else ""
                )
            else:
                what = f"To amend: {request.what_asked}"
            deadline = _deadline(request)
            self.tree.addTopLevelItem(
                tree_row(
                    [
                        deadline.isoformat(),
                        due_text(deadline, today),
                        request.received_on.isoformat(),
                        what,
                    ],
                    key,
                )
            )
        for column in range(3):
            self.tree.resizeColumnToContents(column)
        for button in (self.access_button, self.amend_button):
            button.setEnabled(client_id is not None)
        self._enable()

    def _chosen(self) -> Request | None:
        key = selected_id(self.tree)
        return self.requests.get(key) if key is not None else None

    def _enable(self) -> None:
        chosen = self._chosen()
        access = isinstance(chosen, AccessRequest)
        self.extend_button.setEnabled(access and getattr(chosen, "extended_to", 1) is None)
        self.fulfil_button.setEnabled(access)
        self.decide_button.setEnabled(isinstance(chosen, AmendmentRequest))

    def new_access(self) -> RecordDialog | None:
        if self.client_id is None:
            return None
        dialog = AccessRequestDialog(self._vault, self.client_id, self)
        return open_record_dialog(dialog, self._changed)

    def new_amendment(self) -> RecordDialog | None:
        if self.client_id is None:
            return None
        dialog = AmendmentRequestDialog(self._vault, self.client_id, self)
        return open_record_dialog(dialog, self._changed)

    def extend(self) -> RecordDialog | None:
        chosen = self._chosen()
        if not isinstance(chosen, AccessRequest):
            return None
        return open_record_dialog(ExtendDialog(self._vault, chosen, self), self._changed)

    def fulfil(self) -> RecordDialog | None:
        chosen = self._chosen()
        if not isinstance(chosen, AccessRequest):
            return None
        return open_record_dialog(FulfilDialog(self._vault, chosen, self), self._changed)

    def decide(self) -> RecordDialog | None:
        chosen = self._chosen()
        if not isinstance(chosen, AmendmentRequest):
            return None
        return open_record_dialog(DecideDialog(self._vault, chosen, self), self._changed)


def _deadline(request: Request) -> date:
    return request.deadline if isinstance(request, AccessRequest) else request.due_on
