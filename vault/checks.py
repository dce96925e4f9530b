"""Verification: the store's own checks, then each record package's check, in one run.

A check takes the open vault and returns plain-language problems (empty when all is well).
This module sits above the store and the record packages so the store never imports a
feature: a record kind with something to verify (signed-note seals, the audit chain) adds
its check to `RECORD_CHECKS` here.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from vault.audit.check import check_audit_trail
from vault.consent.attachments import check_attachments
from vault.notes.signing import check_signed_notes
from vault.store.integrity import store_checks
from vault.store.vault import Vault

Check = Callable[[Vault], list[str]]

RECORD_CHECKS: tuple[Check, ...] = (
    check_signed_notes,  # signed notes and addenda still match their hashes
    check_audit_trail,  # every audit entry follows the one before, and none is missing
    check_attachments,  # every signed form attached still matches its SHA-256
)


def verify_vault(vault: Vault, checks: Sequence[Check] | None = None) -> list[str]:
    """Every problem found by the encryption, structure, schema and record checks; [] if sound."""
    problems: list[str] = []
    for check in (*store_checks(), *(RECORD_CHECKS if checks is None else checks)):
        problems.extend(check(vault))
    return problems
