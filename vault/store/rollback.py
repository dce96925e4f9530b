"""Noticing a vault that is older than it was: a commit counter, sealed and remembered.

Every write transaction adds one to ``commit_counter`` in the database (`Database.write`). At
lock the counter is sealed into the header with an HMAC under the vault key, and this computer
remembers the last counter it saw for the vault's (id, epoch) in its own state folder. At unlock:
- a database whose counter is below the header's seal was replaced by an older copy of itself
  (the header left as it was);
- a vault whose counter is below what this computer last saw was put back whole from an older
  copy (header and all), e.g. by a sync client or a hand-copied backup.
Either gives a warning, never a refusal: the data itself is intact and verified. A restore made
by Confidant starts a new epoch, so it is not mistaken for a rollback.

Not detected: an older copy of a single page other than the one holding the counter, and a
rollback on a computer that never saw the newer state (see the README's security section).
"""

from __future__ import annotations

import hashlib
import hmac
from dataclasses import dataclass

import sqlcipher3

from vault.store.database import Database
from vault.store.header import VaultHeader
from vault.store.machine_state import read_state, write_state

COUNTER_KEY = "commit_counter"
AUDIT_HEAD_KEY = "audit_head"  # kept by vault.audit; read here as an opaque value
EPOCH_KEY = "epoch"
_SEEN = "seen-vaults"
_LABEL = b"confidant commit counter v1"


@dataclass(frozen=True)
class Position:
    """Where a vault's history stands: which vault, which epoch, how many commits."""

    vault_id: str
    epoch: str
    counter: int
    audit_head: str = ""  # vault_meta's "seq:hash" of the newest audit entry, sealed with it

    @property
    def memory_key(self) -> str:
        return hashlib.sha256(f"{self.vault_id}/{self.epoch}".encode()).hexdigest()[:32]


def read_position(db: Database) -> Position | None:
    """The database's position, or None for a vault from before counters (schema < 4)."""
    with db.read() as conn:
        return position_in(conn)


def position_in(conn: sqlcipher3.Connection) -> Position | None:
    """`read_position` through a connection of the caller's (a reader's view)."""
    rows: dict[str, str] = dict(
        conn.execute(
            "SELECT key, value FROM vault_meta WHERE key IN ('vault_id', ?, ?, ?)",
            (COUNTER_KEY, EPOCH_KEY, AUDIT_HEAD_KEY),
        ).fetchall()
    )
    try:
        return Position(
            str(rows["vault_id"]),
            str(rows[EPOCH_KEY]),
            int(rows[COUNTER_KEY]),
            str(rows.get(AUDIT_HEAD_KEY, "")),
        )
    except (KeyError, ValueError):
        return None


def seal(key: bytes, position: Position) -> bytes:
    message = f"{position.vault_id}|{position.epoch}|{position.counter}|{position.audit_head}"
    message_bytes = message.encode()
    return hmac.new(key, _LABEL + b"|" + message_bytes, hashlib.sha256).digest()


def sealed_position(header: VaultHeader, current: Position, key: bytes) -> Position | None:
    """What the header says the vault looked like at the last lock, if its seal is genuine."""
    if header.sealed_counter is None or header.counter_mac is None:
        return None
    sealed = Position(
        current.vault_id, current.epoch, header.sealed_counter, header.sealed_audit_head or ""
    )
    if not hmac.compare_digest(seal(key, sealed), header.counter_mac):
        return None
    return sealed


def warning_for(position: Position, header: VaultHeader, key: bytes) -> str:
    """A plain warning when the vault is older than it should be, else ""."""
    sealed = sealed_position(header, position, key)
    if sealed is not None and position.counter < sealed.counter:
        return (
            "This vault's database is older than its own header says it should be: it may "
            "have been replaced by an older copy of itself. Changes made after that copy "
            "are missing. If you did not put an old copy back, restore your newest backup."
        )
    seen = read_state(_SEEN).get(position.memory_key)
    if isinstance(seen, int) and position.counter < seen:
        return (
            "This vault is older than when it was last open on this computer: it may have been "
            "replaced by an older copy (a sync program, or a backup copied back by hand). "
            "Changes made since that copy are missing. If you did not do this, restore your "
            "newest backup."
        )
    return ""


def remember(position: Position) -> None:
    """Record on this computer that the vault is now at `position`.

    Written at every lock, also after a warning: the therapist has been told, and a vault
    deliberately put back should not warn at every unlock from then on.
    """
    state = read_state(_SEEN)
    state[position.memory_key] = position.counter
    write_state(_SEEN, state)
