"""Verification: every check a vault can run on itself, in one list that later features extend.

A check takes the open vault and returns plain-language problems (empty when all is well).
The audit trail adds its hash-chain check here when it lands.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from .database import check_integrity
from .header import key_matches
from .migrations import latest_version
from .note_signing import check_signed_notes

if TYPE_CHECKING:
    from .vault import Vault

Check = Callable[["Vault"], list[str]]


def _pages_and_structure(vault: Vault) -> list[str]:
    return check_integrity(vault.db)


def _header_matches_key(vault: Vault) -> list[str]:
    if key_matches(vault.header, vault.key()):
        return []
    return ["the header's key-check does not match the key this vault was unlocked with"]


def _schema_current(vault: Vault) -> list[str]:
    version = vault.db.user_version()
    if version != latest_version():
        return [f"schema version is {version}, expected {latest_version()}"]
    return []


CHECKS: list[Check] = [_header_matches_key, _pages_and_structure, _schema_current]
CHECKS.append(check_signed_notes)  # signed notes and addenda still match their hashes


def run_checks(vault: Vault) -> list[str]:
    problems: list[str] = []
    for check in CHECKS:
        problems.extend(check(vault))
    return problems
