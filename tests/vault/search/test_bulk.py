"""Bulk indexing: secure-delete is off only inside one transaction, and on again after it,
whether the transaction commits or fails."""

from __future__ import annotations

import pytest

from tests.vault.note_helpers import demo_client, soap
from vault.demo import fill_demo
from vault.notes.records import create_note, update_note
from vault.search.bulk import bulk_indexing, secure_delete_is_on
from vault.search.engine import search_notes


class DemoFailureError(Exception):
    pass


def _on(vault) -> bool:
    with vault.db.read() as conn:
        return secure_delete_is_on(conn)


def test_a_bulk_fill_leaves_secure_delete_on_and_every_note_findable(vault):
    fill_demo(vault, clients=4, notes_per_client=3, seed=7)
    assert _on(vault)
    assert search_notes(vault, "Demo").hits


def test_a_failed_bulk_transaction_leaves_secure_delete_on(vault):
    with pytest.raises(DemoFailureError), vault.db.write() as conn, bulk_indexing(conn):
        assert not secure_delete_is_on(conn)
        raise DemoFailureError
    assert _on(vault)


def test_bulk_indexing_outside_a_transaction_is_refused(vault):
    with vault.db.read() as conn, pytest.raises(RuntimeError), bulk_indexing(conn):
        pass
    assert _on(vault)


def test_after_a_bulk_fill_a_word_edited_out_leaves_the_index(vault):
    client = demo_client(vault)
    with vault.db.write() as conn, bulk_indexing(conn):
        note = create_note(vault, soap((client,), subjective="Demo Qzbulkgoneword"))
    update_note(vault, note.id, soap((client,), subjective="Demo kept"))
    with vault.db.read() as conn:
        terms = conn.execute(
            "SELECT count(*) FROM notes_fts_data WHERE instr(block, ?) > 0", (b"qzbulkgoneword",)
        ).fetchone()[0]
    assert terms == 0
    assert not search_notes(vault, "Qzbulkgoneword").hits
