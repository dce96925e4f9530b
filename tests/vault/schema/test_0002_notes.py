"""A vault made before structured notes (schema 1) upgrades with its notes intact."""

from __future__ import annotations

import pytest

from tests.conftest import PASSPHRASE
from vault import Vault
from vault.checks import verify_vault
from vault.notes.records import get_note
from vault.notes.timeline import client_timeline
from vault.search.engine import search_notes
from vault.store.database import Database
from vault.store.migrations import MIGRATIONS, latest_version, migrate

V1_NOTE = "Demo version one note.\nSecond line with okapi."


@pytest.fixture
def v1_vault(vault_dir, fast_kdf, monkeypatch):
    """A real vault folder whose database holds only migration 1, with a client and a note."""
    monkeypatch.setattr("vault.store.migrations.MIGRATIONS", MIGRATIONS[:1])
    with Vault.create(vault_dir, PASSPHRASE, kdf_params=fast_kdf) as v, v.db.write() as conn:
        conn.execute(
            "INSERT INTO clients (id, full_name, created_at, updated_at) "
            "VALUES (7, 'Demo Old Client', 'x', 'x')"
        )
        conn.execute(
            "INSERT INTO notes (id, kind, session_start, body, created_at, updated_at) "
            "VALUES (3, 'free', '2025-05-05T10:00', ?, 'x', 'x')",
            (V1_NOTE,),
        )
        conn.execute("INSERT INTO note_participants (note_id, client_id) VALUES (3, 7)")
    monkeypatch.setattr("vault.store.migrations.MIGRATIONS", MIGRATIONS)
    return vault_dir


def test_a_v1_vault_upgrades_on_open(v1_vault):
    with Vault.open(v1_vault, PASSPHRASE) as v:
        assert v.db.user_version() == latest_version()
        assert verify_vault(v) == []


def test_a_v1_note_body_becomes_its_single_section(v1_vault):
    with Vault.open(v1_vault, PASSPHRASE) as v:
        note = get_note(v, 3)
    assert [(s.key, s.title, s.text) for s in note.content.sections] == [("note", "Note", V1_NOTE)]
    assert (note.content.participants, note.signature) == ((7,), None)


def test_v1_notes_are_searchable_and_on_the_timeline_after_upgrade(v1_vault):
    with Vault.open(v1_vault, PASSPHRASE) as v:
        assert [h.note_id for h in search_notes(v, "okapi").hits] == [3]
        assert [h.note_id for h in search_notes(v, "Old Client").hits] == [3]
        assert [e.id for e in client_timeline(v, 7).entries] == [3]


def test_migration_2_applies_to_a_bare_v1_database(tmp_path):
    db = Database(tmp_path / "plain.db", b"\x02" * 32)
    try:
        migrate(db, MIGRATIONS[:1])
        assert migrate(db) == [m.version for m in MIGRATIONS[1:]]
        columns = [r[1] for r in db.query("PRAGMA table_info(notes)")]
        assert "body" not in columns
        assert "signed_at" in columns
    finally:
        db.close()
