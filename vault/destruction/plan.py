"""What destroying a client's record would remove, said before anything is removed.

`preview_destruction` counts it all (the window's confirmation dialog and the CLI show it);
`confirmation_matches` is the typed-to-confirm rule; `CLIENT_TABLES` names every table that can
hold a client's rows and how each leaves, so a table added later cannot be forgotten: a test
fails for a table that refers to a client and is not named here, and `destroy_client` refuses
to run while such a table still holds the client's rows.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

import sqlcipher3

from vault.clients.records import Client, get_client
from vault.consent.common import checked_id
from vault.consent.dates import accounting_start
from vault.consent.retention import Retention, client_retention
from vault.store.backup_catalog import list_backups
from vault.store.vault import Vault

# Table -> how destruction removes a client's rows from it.
CLIENT_TABLES: dict[str, str] = {
    "clients": "the client's own row, last of all",
    "notes": "every note the client alone took part in (signed ones too)",
    "note_participants": "with their note; in a joint note, the client's row, by redaction",
    "note_sections": "with their note; in a joint note, the sections private to the client",
    "note_diagnoses": "with their note (a joint note's diagnoses are the others' too)",
    "note_addenda": "with their note; in a joint note, the amendments the client asked for",
    "note_redactions": "with their note, when the client was its last participant",
    "consents": "every consent the client gave",
    "consent_revisits": "with their consent",
    "releases": "every release the client signed",
    "disclosures": "every disclosure of the client's information",
    "access_requests": "every request the client made to see their record",
    "amendment_requests": "every request the client made to amend it",
    "consent_attachments": "every signed form attached to the client's consents or releases",
    "consent_attachment_bytes": "with their attachment",
    "imported_notes": "with their note (where an imported note came from)",
    "imported_addenda": "with their addendum (where an imported addendum came from)",
    "note_copied_sections": "with their note; in a joint note, the marks of sections that left",
    "drafts": "the client's unsaved profile edits (key client:<id>)",
    "destruction_in_progress": "the destruction's own permit, gone with the client's row",
    "audit_log": "kept: ids only and hash-chained; the destruction adds its tombstone",
}
# Tables that never hold a client's rows (the practice's own settings and policy, the index,
# which is rebuilt from the notes that stay).
UNRELATED_TABLES = frozenset({"vault_meta", "consent_policies", "notes_fts", "text_snippets"})


@dataclass(frozen=True)
class RowCounts:
    """How much of each kind leaves (and, for joint notes, stays)."""

    notes: int  # notes only this client took part in: removed whole
    joint_notes: int  # notes shared with others: kept for them, this client removed
    private_sections: int  # sections private to this client, removed from the joint notes
    amendments: int  # amendments made at this client's request on the joint notes
    consents: int
    releases: int
    disclosures: int
    recent_disclosures: int  # within the six years an accounting of disclosures covers
    requests: int  # access and amendment requests
    attachments: int
    unsaved_edits: int
    unsigned_notes: int  # above 0 blocks the destruction


@dataclass(frozen=True)
class DestructionPreview:
    client: Client
    retention: Retention
    counts: RowCounts

    @property
    def display_name(self) -> str:
        return self.client.display_name

    def retention_ended(self, today: date) -> bool:
        return self.retention.ends_on <= today


def normalised(text: str) -> str:
    """The form a confirmation is compared in: NFC, outer whitespace trimmed."""
    return unicodedata.normalize("NFC", text).strip()


def accepted_confirmations(client: Client) -> frozenset[str]:
    """What may be typed to confirm: the name as the client list shows it, or the full name.

    Confidant keeps no separate client code: a practice that records clients by a code keeps
    it as the name, and then the code is what is typed.
    """
    return frozenset({normalised(client.display_name), normalised(client.profile.full_name)})


def confirmation_matches(client: Client, confirmation: object) -> bool:
    if not isinstance(confirmation, str):
        return False
    typed = normalised(confirmation)
    return bool(typed) and typed in accepted_confirmations(client)


def preview_destruction(
    vault: Vault, client_id: int, today: date | None = None
) -> DestructionPreview:
    """Read-only: what `destroy_client` would remove now. `RecordNotFoundError` if no client."""
    checked_id(client_id, "client")
    client = get_client(vault, client_id)
    today = today or date.today()
    with vault.db.read() as conn:
        counts = count_client_rows(conn, client_id, today)
    return DestructionPreview(client, client_retention(vault, client_id), counts)


def table_exists(conn: sqlcipher3.Connection, table: str) -> bool:
    row = conn.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (table,)
    ).fetchone()
    return row is not None


def client_notes(conn: sqlcipher3.Connection, client_id: int) -> tuple[list[int], list[int]]:
    """(notes this client alone took part in, joint notes), each in id order."""
    rows = conn.execute(
        "SELECT p.note_id, (SELECT count(*) FROM note_participants q WHERE q.note_id = p.note_id) "
        "FROM note_participants p WHERE p.client_id = ? ORDER BY p.note_id",
        (client_id,),
    ).fetchall()
    alone = [int(r[0]) for r in rows if int(r[1]) == 1]
    joint = [int(r[0]) for r in rows if int(r[1]) > 1]
    return alone, joint


def unsigned_note_count(conn: sqlcipher3.Connection, client_id: int) -> int:
    row = conn.execute(
        "SELECT count(*) FROM note_participants p JOIN notes n ON n.id = p.note_id "
        "WHERE p.client_id = ? AND n.signed_at IS NULL",
        (client_id,),
    ).fetchone()
    return int(row[0])


def draft_keys(client_id: int) -> tuple[str, ...]:
    """The unsaved-edit keys that belong to this client (`vault.store.unsaved_edits`)."""
    return (f"client:{client_id}",)


def count_client_rows(conn: sqlcipher3.Connection, client_id: int, today: date) -> RowCounts:
    alone, joint = client_notes(conn, client_id)

    def one(sql: str, *params: object) -> int:
        return int(conn.execute(sql, params).fetchone()[0])

    in_joint = f"note_id IN ({', '.join('?' * len(joint))})" if joint else "0"
    attachments = (
        one("SELECT count(*) FROM consent_attachments WHERE client_id = ?", client_id)
        if table_exists(conn, "consent_attachments")
        else 0
    )
    keys = draft_keys(client_id)
    return RowCounts(
        notes=len(alone),
        joint_notes=len(joint),
        private_sections=one(
            f"SELECT count(*) FROM note_sections WHERE private_to = ? AND {in_joint}",
            client_id,
            *joint,
        ),
        amendments=one(
            f"SELECT count(*) FROM note_addenda WHERE requested_by = ? AND {in_joint}",
            client_id,
            *joint,
        ),
        consents=one("SELECT count(*) FROM consents WHERE client_id = ?", client_id),
        releases=one("SELECT count(*) FROM releases WHERE client_id = ?", client_id),
        disclosures=one("SELECT count(*) FROM disclosures WHERE client_id = ?", client_id),
        recent_disclosures=one(
            "SELECT count(*) FROM disclosures WHERE client_id = ? AND disclosed_on >= ?",
            client_id,
            accounting_start(today).isoformat(),
        ),
        requests=one("SELECT count(*) FROM access_requests WHERE client_id = ?", client_id)
        + one("SELECT count(*) FROM amendment_requests WHERE client_id = ?", client_id),
        attachments=attachments,
        unsaved_edits=one(
            f"SELECT count(*) FROM drafts WHERE key IN ({', '.join('?' * len(keys))})", *keys
        ),
        unsigned_notes=unsigned_note_count(conn, client_id),
    )


@dataclass(frozen=True)
class BackupsBefore:
    """The backups in the practice's backup folder before a destruction: each still holds the
    record. Read from the folder's plaintext listing (no passphrase, nothing opened); backups
    made by hand elsewhere cannot be known, and the notice says so."""

    folder: Path | None
    paths: tuple[Path, ...]
    newest_at: datetime | None

    def notice(self) -> str:
        """The plain warning every front end shows before and after a destruction."""
        first = (
            "Backups made before the destruction still hold this record: destruction cannot "
            "reach them."
        )
        if self.folder is None:
            where = "Any backup or copy of this vault holds it until deleted or replaced."
        elif not self.paths:
            where = (
                f"No backup is in {self.folder}; any copy kept elsewhere holds it until "
                "deleted or replaced."
            )
        else:
            made = "1 backup" if len(self.paths) == 1 else f"{len(self.paths)} backups"
            newest = f", the newest from {self.newest_at:%Y-%m-%d}" if self.newest_at else ""
            where = (
                f"{self.folder} holds {made}{newest}; they, and any copy kept elsewhere, hold "
                "it until deleted or replaced."
            )
        return f"{first} {where}"


def backups_before(folder: Path | None) -> BackupsBefore:
    """The complete backups in `folder` now (any vault's or passphrase's: each may hold it)."""
    if folder is None:
        return BackupsBefore(None, (), None)
    entries = [entry for entry in list_backups(folder) if entry.complete]
    dates = [entry.made_at for entry in entries if entry.made_at is not None]
    return BackupsBefore(
        Path(folder), tuple(entry.path for entry in entries), max(dates) if dates else None
    )
