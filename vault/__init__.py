"""Confidant's storage layer: an encrypted vault of client records. No Qt in here, ever."""

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
