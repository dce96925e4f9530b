"""Who signs, and the question asked before signing.

The signer is the clinician named in the practice details, asked for once when missing. The
question names the signer and, when sections copied from the previous note were never edited,
lists them: signing cloned text unread is a known documentation risk.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from PySide6.QtWidgets import QInputDialog, QWidget

from ui.kit import prompts
from vault import Vault, VaultError
from vault.clients.practice import load_practice_details, save_practice_details

SIGN_CONFIRMATION = "Signing makes this note final; later changes are addenda."
SIGN_COPIED_TITLE = "Sign Note With Copied Sections"


def confirm_signing(parent: QWidget, signer: str, copied_titles: list[str]) -> bool:
    """Ask before signing; with copies still unedited the question says which, first."""
    question = f"{SIGN_CONFIRMATION}\n\nSign as {signer}?"
    if not copied_titles:
        return prompts.confirm(parent, "Sign Note", question, "Sign")
    copies = (
        f"Still exactly as copied from the previous note: {', '.join(copied_titles)}. Copied "
        "text that was not read and brought up to date is a known documentation risk. Sign "
        "them as they are?"
    )
    return prompts.confirm(parent, SIGN_COPIED_TITLE, f"{copies}\n\n{question}", "Sign")


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
