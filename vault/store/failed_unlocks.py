"""Wrong passphrases, counted on this computer and told at the next successful unlock.

A wrong passphrase must never change a byte of the vault, so the count lives in this
computer's state folder (`machine_state`), keyed by a hash of the header's salt and the
folder's path: nothing secret, and no name or path in the clear. The folder is part of the
key because a backup keeps the vault's salt, and its count must not be the vault's. The next
successful unlock takes the count and writes it into the audit trail ("count=3").
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from vault.store.clock import now_iso
from vault.store.header import VaultHeader
from vault.store.machine_state import read_state, write_state

_STATE = "failed-unlocks"


def _key(header: VaultHeader, folder: Path) -> str:
    where = str(folder.resolve()).encode("utf-8", errors="surrogatepass")
    digest = hashlib.sha256(b"confidant failed unlocks|" + header.kdf.salt + b"|" + where)
    return digest.hexdigest()[:32]


def note_failure(header: VaultHeader, folder: Path) -> None:
    state = read_state(_STATE)
    entry = state.get(_key(header, folder))
    count = int(entry.get("count", 0)) if isinstance(entry, dict) else 0
    first = str(entry.get("first", "")) if isinstance(entry, dict) else ""
    state[_key(header, folder)] = {
        "count": count + 1,
        "first": first or now_iso(),
        "last": now_iso(),
    }
    write_state(_STATE, state)


def take_failures(header: VaultHeader, folder: Path) -> int:
    """How many wrong passphrases were tried since the last unlock; the count is then cleared."""
    state = read_state(_STATE)
    entry = state.pop(_key(header, folder), None)
    if entry is None:
        return 0
    write_state(_STATE, state)
    try:
        return max(0, int(entry.get("count", 0))) if isinstance(entry, dict) else 0
    except (TypeError, ValueError):
        return 0
