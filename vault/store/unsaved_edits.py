"""Unsaved edits kept encrypted in the vault, so locking or a crash never loses typing.

A draft is keyed by what it belongs to (``client:12``, ``client:new``); the payload is JSON text
chosen by the caller. Drafts never leave the database: no temp files, no settings.
"""

from __future__ import annotations

from vault.store.clock import now_iso
from vault.store.vault import Vault


def keep_unsaved_edit(vault: Vault, key: str, payload: str) -> None:
    with vault.db.write() as conn:
        conn.execute(
            "INSERT INTO drafts (key, payload, updated_at) VALUES (?, ?, ?) "
            "ON CONFLICT (key) DO UPDATE SET payload = excluded.payload, "
            "updated_at = excluded.updated_at",
            (key, payload, now_iso()),
        )


def load_unsaved_edit(vault: Vault, key: str) -> str | None:
    row = vault.db.query_one("SELECT payload FROM drafts WHERE key = ?", (key,))
    return str(row[0]) if row else None


def discard_unsaved_edit(vault: Vault, key: str) -> None:
    with vault.db.write() as conn:
        conn.execute("DELETE FROM drafts WHERE key = ?", (key,))


def unsaved_edit_keys(vault: Vault, prefix: str = "") -> list[str]:
    rows = vault.db.query(
        "SELECT key FROM drafts WHERE substr(key, 1, ?) = ? ORDER BY updated_at",
        (len(prefix), prefix),
    )
    return [str(r[0]) for r in rows]
