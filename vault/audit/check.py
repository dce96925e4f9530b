"""Verifying the audit trail: walk the chain, and compare its end with what was sealed.

Finds, and names the first entry concerned: an entry edited after it was written; one removed
from the middle, inserted, or moved; and newest entries removed (the trail ends before the head
kept in vault_meta, or before the head sealed into the header at the last lock).

What it cannot find: someone holding the passphrase can rewrite the whole trail consistently
(recompute every hash, reseal the header) since the trail is protected by the same key as the
records. The chain makes any edit made without rewriting everything after it visible, and
makes a consistent rewrite a deliberate act, not an accident.
"""

from __future__ import annotations

import hashlib
import json

import sqlcipher3

from vault.audit.entries import GENESIS, HEAD_KEY, canonical, chain_hash, parse_head
from vault.store.rollback import position_in, sealed_position
from vault.store.vault import Vault

_BATCH = 5_000


# The tables this check reads (`vault.checks` runs it beside their structure checks).
AUDIT_TABLES = ("audit_log", "vault_meta")


def check_audit_trail(vault: Vault) -> list[str]:
    """Problems with the trail, the first broken entry named; [] when the chain is whole."""
    with vault.db.read() as conn:
        return audit_trail_problems(vault, conn)


def audit_trail_problems(vault: Vault, conn: sqlcipher3.Connection) -> list[str]:
    """`check_audit_trail` reading through `conn` (a reader of `vault.checks`); the header and
    the key come from `vault`."""
    expected, prev_hash = 1, GENESIS
    has_table = conn.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'audit_log'"
    ).fetchone()
    if not has_table:
        return []
    cursor = conn.execute(
        "SELECT seq, at, action, record_kind, record_id, client_id, detail, prev_hash, "
        "entry_hash FROM audit_log ORDER BY seq"
    )
    while rows := cursor.fetchmany(_BATCH):
        for seq, at, action, kind, record_id, client_id, detail, prev, digest in rows:
            if seq != expected:
                return [f"audit entry {expected} is missing (the trail goes on at {seq})"]
            if prev != prev_hash:
                return [f"audit entry {seq} does not follow entry {seq - 1} (moved or inserted)"]
            if _entry_hash(prev, seq, at, action, kind, record_id, client_id, detail) != digest:
                return [f"audit entry {seq} was changed after it was written"]
            expected, prev_hash = expected + 1, digest
    head = conn.execute("SELECT value FROM vault_meta WHERE key = ?", (HEAD_KEY,)).fetchone()
    last = expected - 1
    return _compare_ends(vault, conn, last, prev_hash, str(head[0]) if head else "")


_quoted = json.encoder.encode_basestring_ascii  # what `canonical`'s json.dumps quotes with


def _entry_hash(prev: str, *fields: object) -> str:
    """`chain_hash(prev, canonical(*fields))`, with the JSON spelled out for the types the app
    writes (several times faster over a long trail); any other value takes `canonical`."""
    parts = []
    for value in fields:
        kind = type(value)
        if kind is str:
            parts.append(_quoted(value))  # type: ignore[arg-type]
        elif kind is int:
            parts.append(int.__repr__(value))
        elif value is None:
            parts.append("null")
        else:
            return chain_hash(prev, canonical(*fields))  # type: ignore[arg-type]
    content = ("[" + ",".join(parts) + "]").encode("ascii")
    return hashlib.sha256(prev.encode("ascii") + b"\n" + content).hexdigest()


def _compare_ends(
    vault: Vault, conn: sqlcipher3.Connection, last: int, last_hash: str, head_value: str
) -> list[str]:
    head_seq, head_hash = parse_head(head_value)
    if head_seq < 0:
        return ["the audit trail's recorded end is unreadable (altered?)"]
    if (head_seq, head_hash) != (last, last_hash if last else GENESIS):
        if head_seq > last:
            return [f"the newest audit entries after entry {last} were removed (up to {head_seq})"]
        return [f"the audit trail's recorded end does not match entry {last}"]
    header = vault.header
    position = position_in(conn)
    if position is None:
        if header.sealed_counter is not None:
            return [
                "the vault's commit counter is missing although the header was sealed (altered?)"
            ]
        return []
    sealed = sealed_position(header, position, vault.key())
    if sealed is None:
        if header.sealed_counter is not None:
            return ["the header's seal does not match this vault's records (altered?)"]
        return []
    if not sealed.audit_head:
        return []
    sealed_seq, sealed_hash = parse_head(sealed.audit_head)
    if sealed_seq > last:
        return [
            f"the newest audit entries after entry {last} were removed (at the last lock "
            f"the trail went to entry {sealed_seq})"
        ]
    if sealed_seq > 0:
        row = conn.execute(
            "SELECT entry_hash FROM audit_log WHERE seq = ?", (sealed_seq,)
        ).fetchone()
        if row is None or str(row[0]) != sealed_hash:
            return [f"audit entries up to entry {sealed_seq} were rewritten after the last lock"]
    return []
