"""`destroy_client`: a client's record removed for good, wholly or not at all.

Promises kept here:
- **Explicit.** The confirmation must be the client's name (`plan.confirmation_matches`);
  a client with drafts is refused (drafts are signed or discarded, never destroyed). Every
  refusal comes before the transaction: nothing is written.
- **Whole or nothing.** Every row of the client goes in one transaction
  (`plan.CLIENT_TABLES`), together with the rebuilt search index and the audit tombstone;
  killed at any moment the client is wholly there or wholly gone. A table that still refers
  to them afterwards (one this version does not know) rolls it all back.
- **Joint notes stay for the others.** A note the client shared loses only the client, the
  sections private to them and the amendments they asked for, through the note's redaction
  record (`vault.notes.redaction`): the seal is kept honest, never silently replaced.
- **No page keeps the text.** The index is rebuilt from the notes that stay (FTS5's own
  structure can keep fragments of removed words), then the file is rewritten and the log cut
  to nothing (`vault.store.compaction.scrub`); a crash before that finishes it at next unlock.
- **An anonymous tombstone.** The trail gets ``client.destroyed`` with the client's id and the
  counts, never a name. The id is kept on purpose: every earlier entry already names it (the
  hash chain forbids rewriting them), and without the tombstone those entries would look like
  a record that vanished; with it, the trail says when and that it was deliberate. Ids are
  never given again (`vault.store.ids`), so no later client inherits that history. Each other
  participant of a redacted note gets ``note.redacted`` in their own trail.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

import sqlcipher3

from vault.audit.entries import append_entry, participants_of
from vault.consent.common import checked_id
from vault.destruction.errors import (
    ConfirmationMismatchError,
    UnknownClientRowsError,
    UnsignedDraftsError,
)
from vault.destruction.plan import (
    BackupsBefore,
    DestructionPreview,
    backups_before,
    client_notes,
    confirmation_matches,
    count_client_rows,
    draft_keys,
    preview_destruction,
    table_exists,
)
from vault.notes.records import load_notes
from vault.notes.redaction import redact_participant
from vault.store.clock import now_iso
from vault.store.compaction import mark_scrub_pending, scrub
from vault.store.errors import RecordNotFoundError
from vault.store.ids import retire_ids
from vault.store.vault import Vault

StepHook = Callable[[str], None]


def _no_hook(step: str) -> None:
    del step


@dataclass(frozen=True)
class DestructionResult:
    """What was removed (the preview's counts, as they stood inside the transaction)."""

    preview: DestructionPreview
    audit_seq: int
    rewritten: bool  # False: the file could not be rewritten now (a full disk); next unlock
    log_cleared: bool  # False: a reader held the log; it is cleared at lock, scrubbed again
    backups: BackupsBefore

    @property
    def client_id(self) -> int:
        return self.preview.client.id


def destroy_client(
    vault: Vault,
    client_id: int,
    confirmation: str,
    *,
    backup_folder: Path | None = None,
    step_hook: StepHook = _no_hook,
) -> DestructionResult:
    """Destroy the record of `client_id`, confirmed by typing their name. See the module doc.

    `backup_folder` (the practice's) is listed first: the result names the backups that still
    hold the record. Raises `RecordNotFoundError`, `ConfirmationMismatchError` or
    `UnsignedDraftsError` before anything is written.
    """
    checked_id(client_id, "client")
    preview = preview_destruction(vault, client_id)
    if not confirmation_matches(preview.client, confirmation):
        raise ConfirmationMismatchError(client_id)
    if preview.counts.unsigned_notes:
        raise UnsignedDraftsError(client_id, preview.counts.unsigned_notes)
    backups = backups_before(backup_folder)
    with vault.db.write() as conn:
        step_hook("begin")
        preview = _as_it_stands(conn, preview)
        conn.execute(
            "INSERT INTO destruction_in_progress (client_id, redactions_before) "
            "VALUES (?, (SELECT coalesce(max(id), 0) FROM note_redactions))",
            (client_id,),
        )
        conn.execute("DELETE FROM amendment_requests WHERE client_id = ?", (client_id,))
        _remove_notes(conn, client_id, step_hook)
        step_hook("notes")
        _remove_other_records(conn, client_id)
        retire_ids(conn, "clients", client_id)
        conn.execute("DELETE FROM clients WHERE id = ?", (client_id,))
        _require_nothing_left(conn, client_id)
        step_hook("records")
        rebuild_search_index(conn)
        mark_scrub_pending(conn)
        seq = append_entry(
            conn, "client.destroyed", record_kind="client", record_id=client_id,
            client_id=client_id, detail=_counts_detail(preview),
        )  # fmt: skip
        step_hook("index")
    step_hook("committed")
    try:
        cleaned = scrub(vault.db)
    except Exception:  # committed: any failure now is the rewrite's alone, and it is retried
        # at the next unlock (the mark stays); the record is destroyed either way.
        return DestructionResult(preview, seq, False, False, backups)
    step_hook("scrubbed")
    return DestructionResult(preview, seq, True, cleaned.log_cleared, backups)


def _as_it_stands(conn: sqlcipher3.Connection, preview: DestructionPreview) -> DestructionPreview:
    """Counted again inside the transaction: the client is still there, no draft was
    autosaved since the preview, and the tombstone's counts are exactly what leaves."""
    client_id = preview.client.id
    if conn.execute("SELECT 1 FROM clients WHERE id = ?", (client_id,)).fetchone() is None:
        raise RecordNotFoundError("client", client_id)
    current = replace(preview, counts=count_client_rows(conn, client_id, date.today()))
    if current.counts.unsigned_notes:
        raise UnsignedDraftsError(client_id, current.counts.unsigned_notes)
    return current


def _remove_notes(conn: sqlcipher3.Connection, client_id: int, step_hook: StepHook) -> None:
    alone, joint = client_notes(conn, client_id)
    stamp = now_iso()
    for note in load_notes(conn, joint).values():
        others = [p for p in participants_of(conn, note.id) if p != client_id]
        redact_participant(conn, note, client_id, stamp)
        for other in others:
            append_entry(
                conn, "note.redacted", record_kind="note", record_id=note.id, client_id=other,
                detail="participant_destroyed",
            )  # fmt: skip
    step_hook("joint")
    if alone:
        retire_ids(conn, "notes", max(alone))
    for start in range(0, len(alone), 500):
        batch = alone[start : start + 500]
        marks = ", ".join("?" * len(batch))
        conn.execute(f"DELETE FROM note_redactions WHERE note_id IN ({marks})", batch)
        conn.execute(  # where imported notes came from (schema 11) goes with them
            f"DELETE FROM imported_addenda WHERE addendum_id IN "
            f"(SELECT id FROM note_addenda WHERE note_id IN ({marks}))",
            batch,
        )
        conn.execute(f"DELETE FROM imported_notes WHERE note_id IN ({marks})", batch)
        conn.execute(f"DELETE FROM note_addenda WHERE note_id IN ({marks})", batch)
        conn.execute(f"DELETE FROM notes WHERE id IN ({marks})", batch)


def _remove_other_records(conn: sqlcipher3.Connection, client_id: int) -> None:
    """Everything else, children before what they refer to."""
    if table_exists(conn, "consent_attachments"):  # schema 9; its bytes follow by cascade
        conn.execute("DELETE FROM consent_attachments WHERE client_id = ?", (client_id,))
    conn.execute("DELETE FROM disclosures WHERE client_id = ?", (client_id,))
    conn.execute("DELETE FROM access_requests WHERE client_id = ?", (client_id,))
    conn.execute(
        "DELETE FROM consent_revisits WHERE consent_id IN "
        "(SELECT id FROM consents WHERE client_id = ?)",
        (client_id,),
    )
    conn.execute("DELETE FROM consents WHERE client_id = ?", (client_id,))
    conn.execute("DELETE FROM releases WHERE client_id = ?", (client_id,))
    keys = draft_keys(client_id)
    conn.execute(f"DELETE FROM drafts WHERE key IN ({', '.join('?' * len(keys))})", keys)


def client_references(conn: sqlcipher3.Connection) -> list[tuple[str, str]]:
    """Every (table, column) of the live schema that can name a client: a ``client_id``
    column, or a reference to ``clients``."""
    found: list[tuple[str, str]] = []
    tables = [
        str(r[0])
        for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        )
    ]
    for table in tables:
        columns = {str(r[1]) for r in conn.execute(f"PRAGMA table_info({_quoted(table)})")}
        refs = {
            str(r[3])
            for r in conn.execute(f"PRAGMA foreign_key_list({_quoted(table)})")
            if str(r[2]) == "clients"
        }
        found.extend((table, column) for column in sorted(refs | ({"client_id"} & columns)))
    return found


def _require_nothing_left(conn: sqlcipher3.Connection, client_id: int) -> None:
    for table, column in client_references(conn):
        if table == "audit_log":
            continue
        row = conn.execute(
            f"SELECT 1 FROM {_quoted(table)} WHERE {_quoted(column)} = ? LIMIT 1", (client_id,)
        ).fetchone()
        if row is not None:
            raise UnknownClientRowsError(client_id, table)


def rebuild_search_index(conn: sqlcipher3.Connection) -> None:
    """Every entry again from the notes as they now are. The index is contentless, so this is
    its rebuild: FTS5 can keep fragments of removed words in its own structure (the leading
    term of each leaf) even with secure-delete."""
    conn.execute("INSERT INTO notes_fts (notes_fts) VALUES ('delete-all')")
    conn.execute(
        "INSERT INTO notes_fts (rowid, body, names, meta) "
        "SELECT note_id, body, names, meta FROM note_search_source"
    )


def _counts_detail(preview: DestructionPreview) -> str:
    """The tombstone's detail: how much left, never what (`vault.audit.entries` vocabulary)."""
    counts = preview.counts
    parts: Sequence[tuple[str, int]] = (
        ("notes", counts.notes),
        ("joint_kept", counts.joint_notes),
        ("consents", counts.consents),
        ("releases", counts.releases),
        ("disclosures", counts.disclosures),
        ("requests", counts.requests),
    )
    return ",".join(f"{name}={count}" for name, count in parts)


def _quoted(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'
