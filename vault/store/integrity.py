"""The store's own checks of an open vault: its files, its key, every page, its schema.

`vault.checks.verify_vault` runs these first, then each record package's check.
"""

from __future__ import annotations

from collections.abc import Callable

from vault.store.database import check_integrity
from vault.store.header import key_matches
from vault.store.migrations import latest_version
from vault.store.vault import Vault


def store_checks() -> tuple[Callable[[Vault], list[str]], ...]:
    """The store's own checks, in order: key-check, every page and the structure, schema."""
    return (_files_in_place, _header_matches_key, _pages_and_structure, _schema_current)


def _files_in_place(vault: Vault) -> list[str]:
    if vault.files_present():
        return []
    return [
        f"the vault's files are no longer at {vault.directory} (a drive removed, or the folder "
        "moved or deleted); what is checked is only what this session still holds open"
    ]


def _header_matches_key(vault: Vault) -> list[str]:
    if key_matches(vault.header, vault.key()):
        return []
    return ["the header's key-check does not match the key this vault was unlocked with"]


def _pages_and_structure(vault: Vault) -> list[str]:
    return check_integrity(vault.db)


def _schema_current(vault: Vault) -> list[str]:
    version = vault.db.user_version()
    if version != latest_version():
        return [f"schema version is {version}, expected {latest_version()}"]
    return []
