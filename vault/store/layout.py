"""Where a vault's files live inside its folder.

A vault is a folder. It holds:
- ``confidant-vault.json``: the only plaintext, a small header (format version, KDF name,
  parameters and salt, a key-check value and the name of the current database file);
- ``data-<generation>.db`` (and SQLite's ``-wal``/``-shm`` companions while open): the SQLCipher
  database, every page AES-256 encrypted with its own HMAC;
- ``.lock``: an empty file held with an OS lock while the vault is open.
"""

from __future__ import annotations

from pathlib import Path

HEADER_NAME = "confidant-vault.json"
LOCK_NAME = ".lock"
DB_PREFIX = "data-"
DB_SUFFIX = ".db"
SQLITE_COMPANIONS = ("-wal", "-shm", "-journal")


def header_path(vault_dir: Path) -> Path:
    return vault_dir / HEADER_NAME


def lock_path(vault_dir: Path) -> Path:
    return vault_dir / LOCK_NAME


def database_name(generation: int) -> str:
    return f"{DB_PREFIX}{generation}{DB_SUFFIX}"


def database_files(db_path: Path) -> list[Path]:
    """The database file and any SQLite companion files that exist beside it."""
    candidates = [db_path] + [db_path.with_name(db_path.name + s) for s in SQLITE_COMPANIONS]
    return [p for p in candidates if p.exists()]


def is_vault_dir(path: Path) -> bool:
    return header_path(path).is_file()
