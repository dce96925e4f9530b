"""Confidant's storage layer: an encrypted vault of client records. No Qt in here, ever.

Importing the package also registers the audit trail's listener (`vault.audit`), so every
program that opens a vault records what happens to it.
"""

import vault.audit  # noqa: F401  (registers the audit trail with the store: see vault/audit)
from vault.store.errors import (
    BackupError,
    DiskFullError,
    DiskIOError,
    LocationError,
    NotAVaultError,
    RecordNotFoundError,
    ValidationError,
    VaultDamagedError,
    VaultError,
    VaultExistsError,
    VaultGoneError,
    VaultInUseError,
    VaultLockedError,
    VaultMissingError,
    WrongPassphraseError,
)
from vault.store.vault import Vault

__all__ = [
    "BackupError",
    "DiskFullError",
    "DiskIOError",
    "LocationError",
    "NotAVaultError",
    "RecordNotFoundError",
    "ValidationError",
    "Vault",
    "VaultDamagedError",
    "VaultError",
    "VaultExistsError",
    "VaultGoneError",
    "VaultInUseError",
    "VaultLockedError",
    "VaultMissingError",
    "WrongPassphraseError",
]
