"""What a backup holds, seen without restoring it: clients, notes, newest note, its history.

The backup is opened read-only (not one byte of it changes) with the passphrase it was made
with, and its pages are checked as for a fresh copy (`vault.store.snapshot.check_copy`). It sits
at the top of `vault/` beside `checks` because it counts record kinds (clients, notes), which
the store below may not know about. The window and `main.py backups` share it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from vault.store import kdf
from vault.store.backup_catalog import BackupEntry
from vault.store.database import Database
from vault.store.errors import BackupError, VaultError, WrongPassphraseError
from vault.store.header import key_matches
from vault.store.kdf import Argon2Params
from vault.store.snapshot import check_copy


@dataclass(frozen=True)
class BackupPreview:
    entry: BackupEntry
    clients: int
    notes: int
    newest_note: str | None  # the newest note's session start, as stored (ISO text)
    commit_counter: int | None  # how many changes its history holds: its generation
    problems: tuple[str, ...] = ()

    @property
    def verified(self) -> bool:
        return self.entry.complete and not self.problems

    def as_json(self) -> dict[str, object]:
        made_at: datetime | None = self.entry.made_at
        return {
            "backup": self.entry.path.name,
            "made_at": made_at.isoformat() if made_at else None,
            "size_bytes": self.entry.size_bytes,
            "verified": self.verified,
            "clients": self.clients,
            "notes": self.notes,
            "newest_note": self.newest_note,
            "generation": self.commit_counter,
            "problems": list(self.problems),
        }


@dataclass
class BackupPreviewer:
    """Previews backups under one passphrase, deriving each distinct key once: a vault's
    backups share its salt, and Argon2 takes most of a second on purpose."""

    passphrase: str = field(repr=False)
    _keys: dict[Argon2Params, bytes] = field(default_factory=dict, repr=False)

    def preview(self, entry: BackupEntry) -> BackupPreview:
        """Raises `WrongPassphraseError` when the passphrase does not open it, `BackupError`
        when it is incomplete or cannot be read at all."""
        header = entry.header
        if header is None:
            raise BackupError(
                f"The backup at {entry.path} is incomplete or damaged.", path=entry.path
            )
        key = self._keys.get(header.kdf)
        if key is None:
            key = kdf.derive_key(self.passphrase, header.kdf)
            self._keys[header.kdf] = key
        if not key_matches(header, key):
            raise WrongPassphraseError()
        try:
            db = Database(
                entry.path / header.database_name, key, journal_mode="DELETE", read_only=True
            )
        except VaultError as exc:
            raise BackupError(
                f"The backup at {entry.path} cannot be read: {exc}", path=entry.path
            ) from exc
        try:
            return _read(db, entry)
        except VaultError as exc:
            return BackupPreview(entry, 0, 0, None, None, (str(exc),))
        finally:
            db.close()


def _read(db: Database, entry: BackupEntry) -> BackupPreview:
    problems = tuple(check_copy(db))
    clients = db.query_one("SELECT count(*) FROM clients")
    notes = db.query_one("SELECT count(*), max(session_start) FROM notes")
    counter = db.query_one("SELECT value FROM vault_meta WHERE key = 'commit_counter'")
    return BackupPreview(
        entry,
        clients=int(clients[0]) if clients else 0,
        notes=int(notes[0]) if notes else 0,
        newest_note=str(notes[1]) if notes and notes[1] else None,
        commit_counter=int(counter[0]) if counter and str(counter[0]).isdigit() else None,
        problems=problems,
    )
