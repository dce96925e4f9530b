"""Numbered schema migrations, recorded in ``PRAGMA user_version``.

Migration N takes a vault from version N-1 to N inside one transaction, so a crash mid-upgrade
leaves the vault at N-1, and the next open simply tries again. Never edit a migration that has
shipped: add the next number instead. Each later feature (consent, disclosures, audit) adds its
tables here as a new entry.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import sqlcipher3

from .database import Database
from .errors import NotAVaultError
from .schema_notes import V2_NOTES_SQL


@dataclass(frozen=True)
class Migration:
    version: int
    summary: str
    apply: Callable[[sqlcipher3.Connection], None]


def _script(sql: str) -> Callable[[sqlcipher3.Connection], None]:
    def run(conn: sqlcipher3.Connection) -> None:
        for statement in _split_statements(sql):
            conn.execute(statement)

    return run


def _split_statements(sql: str) -> list[str]:
    """Split on statement ends, keeping trigger bodies (BEGIN ... END;) whole."""
    statements: list[str] = []
    current: list[str] = []
    for line in sql.strip().splitlines():
        current.append(line)
        joined = "\n".join(current).strip()
        if joined.endswith(";") and sqlcipher3.complete_statement(joined):
            statements.append(joined)
            current = []
    if "\n".join(current).strip():
        statements.append("\n".join(current).strip())
    return statements


_V1_CORE = """
CREATE TABLE vault_meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

CREATE TABLE clients (
    id                INTEGER PRIMARY KEY,
    full_name         TEXT NOT NULL CHECK (length(trim(full_name)) > 0),
    preferred_name    TEXT NOT NULL DEFAULT '',
    pronouns          TEXT NOT NULL DEFAULT '',
    date_of_birth     TEXT,
    email             TEXT NOT NULL DEFAULT '',
    phone             TEXT NOT NULL DEFAULT '',
    address           TEXT NOT NULL DEFAULT '',
    emergency_contact TEXT NOT NULL DEFAULT '',
    status            TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'inactive')),
    start_date        TEXT,
    referral_source   TEXT NOT NULL DEFAULT '',
    notes             TEXT NOT NULL DEFAULT '',
    archived_at       TEXT,
    created_at        TEXT NOT NULL,
    updated_at        TEXT NOT NULL
);
CREATE INDEX clients_by_status_name ON clients (status, full_name COLLATE NOCASE);

CREATE TABLE notes (
    id               INTEGER PRIMARY KEY,
    kind             TEXT NOT NULL,
    session_start    TEXT NOT NULL,
    duration_minutes INTEGER CHECK (duration_minutes IS NULL OR duration_minutes >= 0),
    modality         TEXT NOT NULL DEFAULT 'in_person',
    service_type     TEXT NOT NULL DEFAULT 'individual',
    body             TEXT NOT NULL DEFAULT '',
    created_at       TEXT NOT NULL,
    updated_at       TEXT NOT NULL
);

CREATE TABLE note_participants (
    note_id   INTEGER NOT NULL REFERENCES notes (id) ON DELETE CASCADE,
    client_id INTEGER NOT NULL REFERENCES clients (id),
    PRIMARY KEY (note_id, client_id)
) WITHOUT ROWID;
CREATE INDEX note_participants_by_client ON note_participants (client_id, note_id);

CREATE TABLE drafts (
    key        TEXT PRIMARY KEY,
    payload    TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
"""

MIGRATIONS: tuple[Migration, ...] = (
    Migration(1, "clients, notes with participants, unsaved-edit drafts", _script(_V1_CORE)),
    Migration(2, "structured, signable, searchable session notes", _script(V2_NOTES_SQL)),
)


def latest_version(migrations: Sequence[Migration] | None = None) -> int:
    migrations = MIGRATIONS if migrations is None else migrations
    return migrations[-1].version if migrations else 0


def migrate(db: Database, migrations: Sequence[Migration] | None = None) -> list[int]:
    """Bring the schema up to date; returns the versions applied (empty when already current)."""
    migrations = MIGRATIONS if migrations is None else migrations
    current = db.user_version()
    newest = latest_version(migrations)
    if current > newest:
        raise NotAVaultError(
            db.path.parent,
            f"its data is from a newer Confidant (schema {current}); please update Confidant",
        )
    applied: list[int] = []
    for migration in migrations:
        if migration.version <= current:
            continue
        with db.write() as conn:
            migration.apply(conn)
            conn.execute(f"PRAGMA user_version = {int(migration.version)}")
        applied.append(migration.version)
    return applied
