"""Verification: the store's own checks, then each record package's check, in one run.

A check returns plain-language problems (empty when all is well). This module sits above the
store and the record packages so the store never imports a feature: a record kind with
something to verify (signed-note seals, the audit chain) adds its check to `RECORD_CHECKS`
here, naming the tables it reads, so that it runs beside their structure checks on one reader
and their pages are decrypted once (`vault.store.integrity`).
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import sqlcipher3

from vault.audit.check import AUDIT_TABLES, audit_trail_problems
from vault.consent.attachments import ATTACHMENT_TABLES, attachment_problems
from vault.notes.signature_check import SIGNED_NOTE_TABLES, signed_note_problems
from vault.store.integrity import RecordStep, start_store_checks
from vault.store.vault import Vault


@dataclass(frozen=True)
class RecordCheck:
    """A record package's check: `run(vault, connection)`, reading mostly `tables`."""

    name: str
    tables: tuple[str, ...]
    run: Callable[[Vault, sqlcipher3.Connection], list[str]]

    def __call__(self, vault: Vault) -> list[str]:
        """The check alone, on the vault's own connection."""
        with vault.db.read() as conn:
            return self.run(vault, conn)


RECORD_CHECKS: tuple[RecordCheck, ...] = (
    # signed notes and addenda still match their hashes
    RecordCheck("signed notes", SIGNED_NOTE_TABLES, lambda _v, conn: signed_note_problems(conn)),
    # every audit entry follows the one before, and none is missing
    RecordCheck("audit trail", AUDIT_TABLES, audit_trail_problems),
    # every signed form attached still matches its SHA-256
    RecordCheck("attachments", ATTACHMENT_TABLES, lambda _v, conn: attachment_problems(conn)),
)


def verify_vault(
    vault: Vault,
    checks: Sequence[RecordCheck] | None = None,
    *,
    full: bool = False,
    in_turn: bool = False,
) -> list[str]:
    """Every problem found by the encryption, structure, schema and record checks; [] if sound.

    All of them run side by side on read-only connections of their own
    (`vault.store.integrity.start_store_checks`); the problems come back in one order
    whatever finished first: the store's, then each record check's. `full` adds SQLite's
    whole-file accounting of pages (`check --full`); `in_turn` runs one check after another.
    """
    chosen = RECORD_CHECKS if checks is None else checks
    steps = [RecordStep(check.tables, functools.partial(check.run, vault)) for check in chosen]
    running = start_store_checks(vault, steps, full=full, in_turn=in_turn)
    store, records = running.result()
    return store + [problem for found in records for problem in found]
