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
from vault.notes.signature_check import check_signed_notes
from vault.store.integrity import start_store_checks
from vault.store.vault import Vault

Check = Callable[[Vault], list[str]]

RECORD_CHECKS: tuple[Check, ...] = (
    check_signed_notes,  # signed notes and addenda still match their hashes
    check_audit_trail,  # every audit entry follows the one before, and none is missing
    check_attachments,  # every signed form attached still matches its SHA-256
)


def verify_vault(vault: Vault, checks: Sequence[Check] | None = None) -> list[str]:
    """Every problem found by the encryption, structure, schema and record checks; [] if sound.

    The store's page and structure checks run on connections of their own while the record
    checks run here (`vault.store.integrity.start_store_checks`); the problems come back in
    the same order as when they ran one after the other: the store's, then each record check's.
    """
    store = start_store_checks(vault)
    try:
        found = [check(vault) for check in (RECORD_CHECKS if checks is None else checks)]
    finally:
        problems = store.result()
    return problems + [problem for some in found for problem in some]
