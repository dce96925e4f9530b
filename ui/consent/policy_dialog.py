"""The practice's consent and confidentiality policy: read the current version, save a new one.

Saving never changes a version a client agreed to: it writes the next version, and consents
recorded from then on name it.
"""

from __future__ import annotations

from PySide6.QtWidgets import QPlainTextEdit, QWidget

from ui.consent.record_dialog import RecordDialog
from ui.kit import prompts
from vault import Vault
from vault.consent.policy import current_policy, write_policy_version


class PolicyDialog(RecordDialog):
    def __init__(self, vault: Vault, parent: QWidget | None = None) -> None:
        policy = current_policy(vault)
        super().__init__(
            "Confidentiality Policy",
            f"Version {policy.version}, written {policy.created_at[:10]}. Saving your changes "
            f"writes version {policy.version + 1}: no earlier version is ever changed, so "
            "every client keeps the exact wording they agreed to.",
            "Save as New Version",
            parent,
        )
        self._vault = vault
        self._original = policy.body
        self.body = QPlainTextEdit(policy.body)
        self.body.setTabChangesFocus(True)
        self.body.setMinimumHeight(360)
        self.add_row("&Policy text:", self.body, "body")
        self.resize(720, 560)

    def submit(self) -> None:
        if self.body.toPlainText() == self._original:
            return  # nothing changed: no new version
        saved = write_policy_version(self._vault, self.body.toPlainText())
        prompts.inform(
            self, "Policy saved", f"Saved as version {saved.version}. Earlier versions are kept."
        )
