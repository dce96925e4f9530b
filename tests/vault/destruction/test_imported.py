"""A client who came in with an import (schema 11 keeps where each signed note came from) is
destroyed like any other: the origins go with the notes, and every seal still verifies."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import PASSPHRASE
from tests.vault.export.builders import MARKER_B, NAME_A, NAME_B, build_practice
from vault import Vault
from vault.checks import verify_vault
from vault.clients.records import list_clients
from vault.destruction.destroy import destroy_client
from vault.export.practice_archive import export_practice, import_practice
from vault.notes.unsigned import discard_unsigned_note, list_unsigned_notes

PASSWORD = "maple cinema orbit lantern quartz"


@pytest.fixture
def imported(vault: Vault, tmp_path: Path, fast_kdf) -> Vault:  # type: ignore[no-untyped-def]
    build_practice(vault)
    archive = tmp_path / "practice.zip"
    export_practice(vault, archive, PASSWORD)
    fresh = Vault.create(tmp_path / "fresh.vault", PASSPHRASE, kdf_params=fast_kdf)
    import_practice(fresh, archive, PASSWORD)
    for draft in list_unsigned_notes(fresh):  # destruction refuses a client with drafts
        discard_unsigned_note(fresh, draft.id)
    yield fresh
    fresh.close()


def _id(vault: Vault, name: str) -> int:
    return next(c.id for c in list_clients(vault, "all") if c.full_name == name)


def test_an_imported_client_is_destroyed_and_the_partner_keeps_a_verified_note(
    imported: Vault,
) -> None:
    assert imported.db.query("SELECT count(*) FROM imported_notes")[0][0] > 0
    destroy_client(imported, _id(imported, NAME_B), NAME_B)
    assert verify_vault(imported) == []
    text = " ".join(str(r[0]) for r in imported.db.query("SELECT body FROM note_sections"))
    assert MARKER_B not in text
    destroy_client(imported, _id(imported, NAME_A), NAME_A)
    assert verify_vault(imported) == []
    assert imported.db.query("PRAGMA foreign_key_check") == []
    dangling = "SELECT count(*) FROM imported_notes i LEFT JOIN notes n ON n.id = i.note_id"
    assert imported.db.query(dangling + " WHERE n.id IS NULL")[0][0] == 0


def _seal_pairs(vault: Vault) -> dict[int, list[list[int]]]:
    return {
        int(note_id): json.loads(str(pairs))
        for note_id, pairs in vault.db.query("SELECT note_id, seal_ids FROM imported_notes")
    }


def test_the_destroyed_client_is_gone_from_every_imported_origin(imported: Vault) -> None:
    """The tombstone keeps the client's id; nothing else may tie that id to a note."""
    b = _id(imported, NAME_B)
    shared = [n for n, pairs in _seal_pairs(imported).items() if b in (p[0] for p in pairs)]
    assert len(shared) == 1  # the couples note, imported whole with both partners
    destroy_client(imported, b, NAME_B)
    pairs = _seal_pairs(imported)
    assert all(b not in (p[0] for p in found) for found in pairs.values())
    a = _id(imported, NAME_A)
    assert [p[0] for p in pairs[shared[0]]] == [a]  # the partner who stays keeps theirs
    for note_id, found in pairs.items():  # every pair names a participant of its note
        participants = {
            int(r[0])
            for r in imported.db.query(
                "SELECT client_id FROM note_participants WHERE note_id = ?", (note_id,)
            )
        }
        assert {p[0] for p in found} == participants
    assert verify_vault(imported) == []
    tombstone = imported.db.query(
        "SELECT count(*) FROM audit_log WHERE action = 'client.destroyed' AND client_id = ?", (b,)
    )
    assert tombstone[0][0] == 1


def test_an_origin_changes_only_by_a_destruction(imported: Vault) -> None:
    import sqlcipher3

    note_id, pairs = next(iter(_seal_pairs(imported).items()))
    refused = pytest.raises(sqlcipher3.IntegrityError, match="origin cannot change")
    with refused, imported.db.write() as conn:
        conn.execute("UPDATE imported_notes SET seal_ids = '[]' WHERE note_id = ?", (note_id,))
    assert _seal_pairs(imported)[note_id] == pairs
