"""Unsaved work that could not be written before a lock, held in memory until its vault is back.

Locking normally writes unsaved edits into the vault as encrypted drafts. When that write
fails (the drive was pulled, the disk is full), throwing the text away would lose a session's
notes. Instead the edit is held here, in this process's memory only (never on disk), tied to
the vault's id and folder, and written into that same vault at its next unlock. Another vault
never receives it, nor does a backup of it (a copy has the same id but another folder).
Quitting the app drops it, after the therapist has been told.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from vault import Vault, VaultError


@dataclass(frozen=True)
class HeldEdit:
    vault_id: str
    folder: str  # where that vault was open: a backup copy shares its id, not its folder
    what: str  # for the therapist: "the note being written"
    write: Callable[[Vault], None]  # puts it into the vault (as a draft)


_held: list[HeldEdit] = []


def hold(edit: HeldEdit) -> None:
    _held.append(edit)


def held() -> tuple[HeldEdit, ...]:
    return tuple(_held)


def write_held_into(vault: Vault) -> tuple[list[str], list[str]]:
    """Write every edit held for this vault; returns (what was saved, what still could not be).

    What could not be written stays held for the next unlock.
    """
    saved: list[str] = []
    failed: list[str] = []
    for edit in list(_held):
        if (edit.vault_id, edit.folder) != (vault.vault_id, str(vault.directory)):
            continue
        try:
            edit.write(vault)
        except VaultError:
            failed.append(edit.what)
            continue
        _held.remove(edit)
        saved.append(edit.what)
    return saved, failed


def forget_all() -> None:
    _held.clear()
