"""A client who came in with an import (schema 11 keeps where each signed note came from) is
destroyed like any other: the origins go with the notes, and every seal still verifies."""

from __future__ import annotations

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
