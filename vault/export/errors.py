"""Errors of exporting and importing, in words a therapist can act on.

They extend the vault's hierarchy, so a front end that already shows a `VaultError` shows
these correctly; the structured fields (`path`, `kind`, `field`) say where the problem is.
"""

from __future__ import annotations

from vault.store.errors import VaultError


class ExportError(VaultError):
    """An export could not be made; nothing was written to the destination."""


class ExportCancelledError(ExportError):
    """The therapist cancelled: the export stopped between notes and left no file behind."""

    def __init__(self) -> None:
        super().__init__("The export was cancelled; no file was written.")


class ImportRefusedError(VaultError):
    """An import file was refused (wrong password, damaged, too large, not an export); the
    vault is exactly as it was before."""
