"""The audit trail: who did what to which record and when, hash-chained, ids only.

Importing this package registers the store's listener (`vault.store.events`), so that vault
creation, unlock, lock, backup, restore and passphrase changes are recorded too; the `vault`
package imports it, so every program that opens a vault records them.
"""

from __future__ import annotations

import sqlcipher3

from vault.audit.entries import append_entry, has_trail
from vault.store import events


def _record_store_event(conn: sqlcipher3.Connection, action: str, detail: str) -> None:
    if has_trail(conn):  # a copy of a vault from before schema 5 has no trail to write to
        append_entry(conn, action, record_kind="vault", detail=detail)


events.listen(_record_store_event)
