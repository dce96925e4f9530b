"""Every backup in the audit trail, the automatic ones included, and never one that failed as
written.

An entry is written only once the backup's outcome is known: ``backup.written`` after its copy
verified and was committed under its final name, ``backup.failed`` when it did not (never an
entry first and its outcome later: the trail is append-only, and an entry written before the
copy would claim a backup that a pulled drive then prevented). The detail names how the backup
was started and which entries it holds, ids and times only:
``manual,holds=812`` (Back Up Now, the CLI's ``backup``), ``auto,holds=812`` (the daily one),
``auto,at_lock,holds=812,made=20261201-101500`` (the backup at lock, recorded later), and for
a failure the kind of failure, e.g. ``auto,at_lock,reason=disk_full,holds=812,made=...``.
``holds=N``: the backup's own trail ends at entry N.

A backup that ends while its vault is open is recorded at once. The backup at lock ends after the
vault closed, when nothing can be written into it: its outcome waits in this computer's state
folder (`machine_state`: the vault's memory key, the action and the detail, nothing secret) with
an HMAC under the vault's key, and is written into the trail at the next unlock, before the
"unlocked" entry (`made=` then says when the backup was made; the entry's own time is when it was
recorded). A record whose HMAC does not verify (edited, or made under a key the vault no longer
has) is dropped, not written; so is one put back after it was taken (the vault keeps, in
`vault_meta`, the highest ``holds`` of the records it took, and a later record always holds more:
an unlock, itself an entry, lies between).

What this cannot do: a record waits on this computer only, so deleting the state folder, or
opening the vault next on another computer, loses it (the backup itself is unaffected, and the
status line still shows it); someone who can write the state folder can delete a record, but
cannot invent one or have one written twice. A backup abandoned because the vault locked
mid-copy is not a backup and is not recorded (the backup at lock follows it).
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import threading
from dataclasses import dataclass, field

import sqlcipher3

from vault.store.clock import stamp_for_filename
from vault.store.database import Database
from vault.store.errors import VaultError
from vault.store.events import announce
from vault.store.machine_state import read_state, write_state
from vault.store.rollback import read_position

WRITTEN = "backup.written"
FAILED = "backup.failed"
_STATE = "backup-outcomes"
_TAKEN_UP_TO = "backup_outcomes_taken"  # vault_meta: the highest holds= of records taken
_LABEL = b"confidant backup outcome v1"
_MAX_WAITING = 200  # per vault: a computer that never unlocks it again keeps no more
# The backup at lock may end (and keep its record) while an unlock takes the records waiting:
# each read-modify-write of the state file holds this, and an unlock forgets only what it read.
_STATE_LOCK = threading.Lock()

# The kind of failure, as a word for the trail (never the error's message, which names paths).
_REASONS = {
    "DiskFullError": "disk_full",
    "LocationError": "folder_not_writable",
    "DiskIOError": "drive_error",
    "BackupError": "not_verified",
    "VaultGoneError": "vault_gone",
    "VaultDamagedError": "vault_damaged",
    "VaultInUseError": "vault_busy",
}


@dataclass(frozen=True)
class BackupOutcome:
    """One backup's entry: its action (`WRITTEN` or `FAILED`) and its detail."""

    action: str
    detail: str


def outcome(
    how: str,
    holds: int | None,
    *,
    failure: BaseException | None = None,
    at_lock: bool = False,
    deferred: bool = False,
) -> BackupOutcome:
    """The entry for a backup started `how` (``manual`` or ``auto``) that holds the trail up to
    entry `holds`; a failure when `failure` is given. `deferred` adds when it was made."""
    words = [how]
    if at_lock:
        words.append("at_lock")
    if failure is not None:
        words.append(f"reason={failure_word(failure)}")
    if holds is not None:
        words.append(f"holds={holds}")
    if deferred:
        words.append(f"made={stamp_for_filename()}")
    return BackupOutcome(FAILED if failure is not None else WRITTEN, ",".join(words))


def failure_word(error: BaseException) -> str:
    for kind in type(error).__mro__:
        if kind.__name__ in _REASONS:
            return _REASONS[kind.__name__]
    return "error" if isinstance(error, VaultError) else "unexpected"


def record_now(db: Database, entry: BackupOutcome) -> bool:
    """Write the entry into the open vault; False when it could not be (locked, gone).

    Not a change a backup needs to follow (`counts_as_change=False`), or every backup would make
    the next one due.
    """
    try:
        with db.write(counts_as_change=False) as conn:
            announce(conn, entry.action, entry.detail)
    except VaultError:
        return False
    return True


def defer(memory_key: str | None, key: bytes, entry: BackupOutcome) -> None:
    """Keep the entry on this computer until the vault's next unlock writes it."""
    if memory_key is None:
        return  # a vault from before schema 4 has no trail to write it to
    record = {"action": entry.action, "detail": entry.detail, "mac": _mac(key, memory_key, entry)}
    with _STATE_LOCK:
        state = read_state(_STATE)
        waiting = state.get(memory_key)
        records = waiting if isinstance(waiting, list) else []
        records.append(record)
        state[memory_key] = records[-_MAX_WAITING:]
        write_state(_STATE, state)


@dataclass
class DeferredOutcomes:
    """The entries waiting for one vault, verified against its key, ready to be written."""

    memory_key: str | None
    entries: list[BackupOutcome]
    read: list[object] = field(default_factory=list)  # every record read, taken or dropped

    def announce(self, conn: sqlcipher3.Connection) -> None:
        """Write them in the caller's transaction, each once (see the module's note)."""
        if not self.entries:
            return
        row = conn.execute("SELECT value FROM vault_meta WHERE key = ?", (_TAKEN_UP_TO,)).fetchone()
        taken = int(row[0]) if row and str(row[0]).isdigit() else -1
        newest = taken
        for entry in self.entries:
            holds = _holds(entry.detail)
            if holds > taken:
                announce(conn, entry.action, entry.detail)
                newest = max(newest, holds)
        conn.execute(
            "INSERT OR REPLACE INTO vault_meta (key, value) VALUES (?, ?)",
            (_TAKEN_UP_TO, str(newest)),
        )

    def forget(self) -> None:
        """After the transaction committed: the waiting records are done with."""
        if self.memory_key is None or not self.read:
            return
        with _STATE_LOCK:
            state = read_state(_STATE)
            waiting = state.get(self.memory_key)
            left = [r for r in waiting if r not in self.read] if isinstance(waiting, list) else []
            if left:
                state[self.memory_key] = left
            else:
                state.pop(self.memory_key, None)
            write_state(_STATE, state)


def deferred_outcomes(db: Database, key: bytes) -> DeferredOutcomes:
    """What waits for the vault open on `db`; records whose HMAC fails are left out."""
    position = read_position(db)
    if position is None:
        return DeferredOutcomes(None, [])
    with _STATE_LOCK:
        waiting = read_state(_STATE).get(position.memory_key)
    records = list(waiting) if isinstance(waiting, list) else []
    entries: list[BackupOutcome] = []
    for record in records:
        with contextlib.suppress(AttributeError, TypeError, ValueError):
            entry = BackupOutcome(str(record["action"]), str(record["detail"]))
            if entry.action in (WRITTEN, FAILED) and hmac.compare_digest(
                _mac(key, position.memory_key, entry), str(record["mac"])
            ):
                entries.append(entry)
    return DeferredOutcomes(position.memory_key, entries, records)


def record_deferred(db: Database, key: bytes) -> None:
    """Write what waits for the open vault now (a backup at lock that ended after an unlock)."""
    waiting = deferred_outcomes(db, key)
    if not waiting.entries:
        waiting.forget()
        return
    try:
        with db.write(counts_as_change=False) as conn:
            waiting.announce(conn)
    except VaultError:
        return  # kept for the next unlock
    waiting.forget()


def _mac(key: bytes, memory_key: str, entry: BackupOutcome) -> str:
    message = f"{memory_key}|{entry.action}|{entry.detail}".encode()
    return hmac.new(key, _LABEL + b"|" + message, hashlib.sha256).hexdigest()


def parse_head_seq(value: str | None) -> tuple[int | None, str]:
    """vault_meta's audit head ``"812:<hash>"`` as (812, hash); (None, "") without a trail.

    (The store reads the audit trail's head as an opaque value; only its number is used.)
    """
    if value is None:
        return None, ""
    seq, _, digest = value.partition(":")
    return (int(seq) if seq.isdigit() else 0), digest


def _holds(detail: str) -> int:
    for word in detail.split(","):
        name, _, value = word.partition("=")
        if name == "holds" and value.isdigit():
            return int(value)
    return -1
