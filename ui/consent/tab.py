"""The "Confidentiality" tab of a client: consent and its signed forms, open and answered
requests, releases with their signed forms, and disclosures.

Registered through `ui.kit.feature_hook` (see `ui.consent.feature`), so it is built at every
unlock and destroyed at every lock with every name and word it showed. It holds no unsaved
edits: each record is written by its own dialog, whole or not at all.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QScrollArea, QVBoxLayout, QWidget

from ui.consent.consent_section import ConsentSection
from ui.consent.disclosure_section import DisclosureSection
from ui.consent.record_dialog import select_id
from ui.consent.release_section import ReleaseSection
from ui.consent.request_history import RequestHistorySection
from ui.consent.request_section import RequestSection
from vault import Vault


class ConfidentialityTab(QScrollArea):
    policy_requested = Signal()

    def __init__(self, vault: Vault, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.vault = vault
        self.client_id: int | None = None
        self.setAccessibleName("Confidentiality")
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.consent = ConsentSection(vault, self.refresh)
        self.releases = ReleaseSection(vault, self.refresh)
        self.disclosures = DisclosureSection(vault, self.refresh)
        self.requests = RequestSection(vault, self.refresh)
        self.answered = RequestHistorySection(vault)
        self.consent.policy_requested.connect(self.policy_requested.emit)
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 6, 6, 0)
        for section in (
            self.consent, self.requests, self.answered, self.releases, self.disclosures
        ):  # fmt: skip
            layout.addWidget(section)
        layout.addStretch(1)
        self.setWidget(page)

    # ----- the ClientTab protocol --------------------------------------------------------------

    def show_client(self, client_id: int | None) -> None:
        self.client_id = client_id
        self.refresh()

    def may_leave_client(self) -> bool:
        return True  # nothing is held here unsaved

    def stash_for_lock(self) -> None:
        self.client_id = None

    # ----- what it shows -----------------------------------------------------------------------

    def refresh(self) -> None:
        if not self.vault.is_open:
            return
        today = date.today()
        self.consent.show_client(self.client_id, today)
        self.requests.show_client(self.client_id, today)
        self.answered.show_client(self.client_id)
        self.releases.show_client(self.client_id, today)
        self.disclosures.show_client(self.client_id)

    def focus_item(self, kind: str, record_id: int) -> None:
        """Put the cursor where a home-view item is acted on (a request, a release, a review)."""
        if kind in ("access_request", "amendment_request"):
            select_id(self.requests.tree, RequestSection.row_key(kind, record_id))
            self.ensureWidgetVisible(self.requests)
        elif kind == "release_expiry":
            select_id(self.releases.tree, record_id)
            self.ensureWidgetVisible(self.releases)
        else:
            self.ensureWidgetVisible(self.consent)
            self.consent.revisit_button.setFocus()
