"""That a search happened goes into the audit trail; what was searched for never does.

Search-as-you-type runs a query per pause in typing, so one search typed letter by letter is
one entry, not ten: while typing, at most one entry per minute is written. A search run on
purpose (the CLI, Enter) is always one entry. A client filter names the client by id.
"""

from __future__ import annotations

import contextlib
import time

from vault.audit.entries import append_entry
from vault.store.errors import VaultError
from vault.store.vault import Vault

TYPING_ENTRY_EVERY_SECONDS = 60.0

_last_typing_entry: dict[str, float] = {}


def record_search(vault: Vault, *, client_id: int | None, typing: bool) -> None:
    """Write "search.run" (best effort: a search is never refused for its audit entry)."""
    if client_id is not None and not 0 <= client_id <= 2**63 - 1:
        client_id = None  # no such client can exist: the search simply finds nothing
    now = time.monotonic()
    if typing:
        last = _last_typing_entry.get(vault.vault_id)
        if last is not None and now - last < TYPING_ENTRY_EVERY_SECONDS:
            return
        _last_typing_entry[vault.vault_id] = now
    # A full disk must not stop a therapist finding a note; the failed write changed nothing.
    # Not waited onto the disk: the next saved record carries it there (see `Database.write`).
    with contextlib.suppress(VaultError), vault.db.write(durable=False) as conn:
        append_entry(
            conn,
            "search.run",
            record_kind="client" if client_id is not None else None,
            record_id=client_id,
            client_id=client_id,
            detail="typing" if typing else "",
        )
