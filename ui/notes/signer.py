"""Who signs: the clinician named in the practice details, asked for once when missing."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from PySide6.QtWidgets import QInputDialog, QWidget

from vault import Vault, VaultError
from vault.clients.practice import load_practice_details, save_practice_details


def ask_signer_name(parent: QWidget) -> str | None:
    """Asked only when Settings has no clinician name; tests replace this."""
    name, ok = QInputDialog.getText(
        parent,
        "Your Name",
        "Your name as it should appear on signatures and addenda.\n"
        "It is kept in the vault as Clinician (Settings → Practice).",
    )
    return name.strip() if ok and name.strip() else None


def signer_name(vault: Vault, parent: QWidget, show_error: Callable[[str], None]) -> str | None:
    """The clinician from the practice details; asked once (and kept there) if missing."""
    details = load_practice_details(vault)
    if details.clinician.strip():
        return details.clinician.strip()
    name = ask_signer_name(parent)
    if name is None or not vault.is_open:
        return None
    try:
        save_practice_details(vault, replace(details, clinician=name))
    except VaultError as exc:
        show_error(str(exc))
        return None
    return name
