"""The same schema and the same vault functions on unencrypted SQLite: the physical limit.

SQLCipher without a key is plain SQLite of the same version, so the ratio measures encryption
alone. This lives in bench/ on purpose: the app itself never opens an unencrypted database.
"""

from __future__ import annotations

from pathlib import Path

import sqlcipher3

from vault.store.database import _PRAGMAS, Database, _file_identity
from vault.store.migrations import migrate


class PlainDatabase(Database):
    def __init__(self, path: Path) -> None:
        self._init_state(path)
        self._conn = sqlcipher3.connect(str(path), check_same_thread=False, isolation_level=None)
        for name, value in _PRAGMAS:
            self._conn.execute(f"PRAGMA {name} = {value}").fetchall()
        self._identity = _file_identity(path)


class PlainVault:
    """Just enough of `vault.Vault` for the record functions: they only use `.db`."""

    def __init__(self, path: Path) -> None:
        self.db = PlainDatabase(path)
        self.vault_id = "plain-twin"  # what search's audit entry keys its typing pause by
        migrate(self.db)

    def close(self) -> None:
        self.db.close()
