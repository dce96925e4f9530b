"""A vault made before snippets and copy marks (schema 9) opens, upgrades and keeps its notes."""

from __future__ import annotations

import pytest

from tests.conftest import PASSPHRASE
from tests.vault.note_helpers import demo_client, soap, stored
from vault import Vault
from vault.checks import verify_vault
from vault.notes.previous import CopiedFrom, copied_sections
from vault.notes.records import get_note
from vault.notes.signing import sign_note
from vault.notes.snippets import add_snippet, list_snippets
from vault.notes.unsigned import autosave_note
from vault.store.migrations import latest_version


@pytest.fixture
def v9_vault(vault_dir, fast_kdf, monkeypatch):
    """A real vault folder at schema 9 with a client, a signed note and a draft."""
    with Vault.create(vault_dir, PASSPHRASE, kdf_params=fast_kdf) as v:
        client = demo_client(v)
        sign_note(v, stored(v, soap((client,), subjective="Demo signed before")), "Demo Clinician")
        stored(v, soap((client,), subjective="Demo draft before"))
        with v.db.write() as conn:  # take step 10 back off: what a schema 9 vault holds
            conn.execute("ALTER TABLE consents DROP COLUMN withdrawal_reason")  # step 13
            for table in ("imported_addenda", "imported_notes"):  # step 11
                conn.execute(f"DROP TABLE {table}")
            for table in ("text_snippets", "note_copied_sections"):
                conn.execute(f"DROP TABLE {table}")
            conn.execute("PRAGMA user_version = 9")
    return vault_dir


def test_a_schema_9_vault_upgrades_with_its_notes_and_seals_intact(v9_vault):
    with Vault.open(v9_vault, PASSPHRASE) as v:
        assert v.db.user_version() == latest_version()
        assert verify_vault(v) == []
        assert get_note(v, 1).content.sections[0].text == "Demo signed before"
        assert list_snippets(v) == [] and copied_sections(v, 2) == {}


def test_the_upgraded_vault_takes_snippets_and_copy_marks(v9_vault):
    with Vault.open(v9_vault, PASSPHRASE) as v:
        add_snippet(v, ";si", "Demo phrase")
        note = get_note(v, 2)
        autosave_note(v, 2, note.content, copied={0: CopiedFrom(1, "2026-03-02T14:00")})
        assert copied_sections(v, 2) == {0: CopiedFrom(1, "2026-03-02T14:00")}
        assert verify_vault(v) == []
