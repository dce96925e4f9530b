"""Writing the audit trail: one entry per action, chained to the one before, ids only.

`append_entry` runs inside the caller's write transaction, so an action and its entry are
committed together or not at all. What an entry may say is closed: `action` comes from
`ACTIONS`, `detail` is a short word from a fixed vocabulary ("idle", "count=3"), and records
are named by kind and id. No name, note text, search term or path ever reaches the trail.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass

import sqlcipher3

from vault.store.clock import now_iso

GENESIS = "0" * 64
HEAD_KEY = "audit_head"

ACTIONS = frozenset(
    {
        "vault.created",
        "vault.unlocked",
        "vault.locked",
        "vault.unlock_failed",
        "vault.passphrase_changed",
        "vault.restored",
        "backup.written",
        "backup.failed",
        "client.created",
        "client.viewed",
        "client.edited",
        "client.archived",
        "client.reactivated",
        "client.destroyed",
        "note.created",
        "note.signed",
        "note.addendum",
        "note.amendment",
        "note.discarded",
        "note.redacted",
        "note.imported",
        "search.run",
        "settings.changed",
        "audit.exported",
        "policy.versioned",
        "consent.recorded",
        "consent.revisited",
        "consent.withdrawn",
        "release.recorded",
        "release.revoked",
        "disclosure.recorded",
        "request.received",
        "request.extended",
        "request.fulfilled",
        "request.decided",
        "attachment.added",
        "attachment.saved_out",
        "attachment.removed",
        "export.written",
        "export.practice",
        "import.done",
        "form.printed",
    }
)
_HASH = re.compile(r"^[0-9a-f]{64}$")
_MAX_ID = 2**63 - 1
_DETAIL = re.compile(r"^[a-z0-9_.:=,\- ]{0,120}$")


@dataclass(frozen=True)
class AuditEntry:
    seq: int
    at: str
    action: str
    record_kind: str | None
    record_id: int | None
    client_id: int | None
    detail: str
    prev_hash: str
    entry_hash: str

    @property
    def kind(self) -> str:
        """The family of the action: "vault", "client", "note", "search", ..."""
        return self.action.split(".", 1)[0]


def canonical(
    seq: int,
    at: str,
    action: str,
    record_kind: str | None,
    record_id: int | None,
    client_id: int | None,
    detail: str,
) -> bytes:
    """The bytes an entry's hash covers: every field, in a fixed order and form."""
    document = [seq, at, action, record_kind, record_id, client_id, detail]
    return json.dumps(document, separators=(",", ":"), ensure_ascii=True).encode("ascii")


def chain_hash(prev_hash: str, content: bytes) -> str:
    return hashlib.sha256(prev_hash.encode("ascii") + b"\n" + content).hexdigest()


def append_entry(
    conn: sqlcipher3.Connection,
    action: str,
    *,
    record_kind: str | None = None,
    record_id: int | None = None,
    client_id: int | None = None,
    detail: str = "",
) -> int:
    """Append one entry in the caller's transaction; returns its sequence number."""
    if action not in ACTIONS:
        raise ValueError(f"not an audit action: {action!r}")
    if not _DETAIL.match(detail):
        raise ValueError("audit detail must be a short word from the fixed vocabulary")
    for value in (record_id, client_id):
        if value is not None and not 0 <= value <= _MAX_ID:
            raise ValueError("audit entries name records by ids the vault can hold")
    seq, prev_hash = _head(conn)
    seq += 1
    at = now_iso()
    entry_hash = chain_hash(
        prev_hash, canonical(seq, at, action, record_kind, record_id, client_id, detail)
    )
    conn.execute(
        "INSERT INTO audit_log (seq, at, action, record_kind, record_id, client_id, detail, "
        "prev_hash, entry_hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (seq, at, action, record_kind, record_id, client_id, detail, prev_hash, entry_hash),
    )
    conn.execute("UPDATE vault_meta SET value = ? WHERE key = ?", (f"{seq}:{entry_hash}", HEAD_KEY))
    return seq


def _head(conn: sqlcipher3.Connection) -> tuple[int, str]:
    """The newest entry's (seq, hash): the table's last row (by primary key, not a scan).

    Read from the entries themselves, not from vault_meta's head, so a trail someone tampered
    with still takes new entries; `vault.audit.check` is what notices the tampering.
    """
    row = conn.execute("SELECT seq, entry_hash FROM audit_log ORDER BY seq DESC LIMIT 1").fetchone()
    if not row:
        return 0, GENESIS
    digest = str(row[1])
    if not _HASH.match(digest):
        # The newest entry was altered (check reports it): chain on from a hash of what is
        # there, so recording never fails, and the alteration stays visible.
        digest = hashlib.sha256(digest.encode("utf-8", errors="replace")).hexdigest()
    return int(row[0]), digest


def parse_head(value: str) -> tuple[int, str]:
    """``"12:<hash>"`` as (12, hash); (-1, "") for a value that is not a head at all."""
    if not value:
        return 0, GENESIS
    seq, _, digest = value.partition(":")
    if not seq.isdigit() or len(digest) != 64:
        return -1, ""
    return int(seq), digest


def has_trail(conn: sqlcipher3.Connection) -> bool:
    row = conn.execute("SELECT 1 FROM vault_meta WHERE key = ?", (HEAD_KEY,)).fetchone()
    return row is not None


def append_for_participants(
    conn: sqlcipher3.Connection, action: str, note_id: int, client_ids: Iterable[int]
) -> None:
    """One entry per client who took part in the note, so each client's trail is whole."""
    for client_id in client_ids:
        append_entry(conn, action, record_kind="note", record_id=note_id, client_id=client_id)


def participants_of(conn: sqlcipher3.Connection, note_id: int) -> list[int]:
    rows = conn.execute(
        "SELECT client_id FROM note_participants WHERE note_id = ? ORDER BY client_id", (note_id,)
    ).fetchall()
    return [int(r[0]) for r in rows]
