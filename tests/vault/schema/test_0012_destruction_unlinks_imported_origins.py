"""A vault at schema 11 upgrades: the links earlier destructions left in imported notes' origins
go, and the triggers then allow only what a destruction removes."""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path

import pytest
import sqlcipher3

from tests.conftest import PASSPHRASE
from tests.vault.export.builders import NAME_A, NAME_B, build_practice
from vault import Vault
from vault.checks import verify_vault
from vault.clients.records import list_clients
from vault.destruction.destroy import destroy_client
from vault.export.practice_archive import export_practice, import_practice
from vault.notes.unsigned import discard_unsigned_note, list_unsigned_notes
from vault.store.migrations import latest_version, split_statements

PASSWORD = "maple cinema orbit lantern quartz"
STEP_11_TRIGGERS = ("imported_notes_refuse_update", "imported_addenda_refuse_delete")


def _id(vault: Vault, name: str) -> int:
    return next(c.id for c in list_clients(vault, "all") if c.full_name == name)


def _pairs(vault: Vault) -> dict[int, list[list[int]]]:
    rows = vault.db.query("SELECT note_id, seal_ids FROM imported_notes")
    return {int(note_id): json.loads(str(pairs)) for note_id, pairs in rows}


def _step_11_trigger(name: str) -> str:
    sql = (resources.files("vault.schema") / "0011_imported_notes.sql").read_text("utf-8")
    (statement,) = [s for s in split_statements(sql) if f"CREATE TRIGGER {name} " in s]
    return statement


@pytest.fixture
def imported(tmp_path: Path, fast_kdf) -> Path:  # type: ignore[no-untyped-def]
    """A practice imported into a fresh vault (its couples note whole, with both partners)."""
    with Vault.create(tmp_path / "source.vault", PASSPHRASE, kdf_params=fast_kdf) as source:
        build_practice(source)
        export_practice(source, tmp_path / "practice.zip", PASSWORD)
    folder = tmp_path / "fresh.vault"
    with Vault.create(folder, PASSPHRASE, kdf_params=fast_kdf) as fresh:
        import_practice(fresh, tmp_path / "practice.zip", PASSWORD)
        for draft in list_unsigned_notes(fresh):  # destruction refuses a client with drafts
            discard_unsigned_note(fresh, draft.id)
    return folder


@pytest.fixture
def v11_destroyed(imported: Path) -> tuple[Path, int, int]:
    """What a schema 11 vault holds after destroying partner B: B's pair was kept in the
    couples note's origin. Returns the folder, B's id and the couples note's id."""
    with Vault.open(imported, PASSPHRASE) as v:
        b = _id(v, NAME_B)
        (couples,) = [n for n, pairs in _pairs(v).items() if b in (p[0] for p in pairs)]
        b_pair = next(p for p in _pairs(v)[couples] if p[0] == b)
        destroy_client(v, b, NAME_B)
        with v.db.write() as conn:  # take step 12 back off, with what step 11 left behind
            for name in STEP_11_TRIGGERS:
                conn.execute(f"DROP TRIGGER {name}")
            conn.execute(
                "UPDATE imported_notes SET seal_ids = ? WHERE note_id = ?",
                (json.dumps(sorted([*_pairs(v)[couples], b_pair])), couples),
            )
            for name in STEP_11_TRIGGERS:
                conn.execute(_step_11_trigger(name))
            conn.execute("ALTER TABLE consents DROP COLUMN withdrawal_reason")  # step 13
            conn.execute("PRAGMA user_version = 11")
        assert b in (p[0] for p in _pairs(v)[couples])
    return imported, b, couples


def test_a_schema_11_vault_upgrades_and_forgets_the_destroyed_partner(v11_destroyed) -> None:  # type: ignore[no-untyped-def]
    folder, b, couples = v11_destroyed
    with Vault.open(folder, PASSPHRASE) as v:
        assert v.db.user_version() == latest_version() >= 12
        pairs = _pairs(v)
        assert [p[0] for p in pairs[couples]] == [_id(v, NAME_A)]
        assert all(b not in (p[0] for p in found) for found in pairs.values())
        assert verify_vault(v) == []
        triggers = {
            str(r[0]): str(r[1])
            for r in v.db.query("SELECT name, sql FROM sqlite_master WHERE type = 'trigger'")
        }
        for name in STEP_11_TRIGGERS:
            assert triggers[name] != _step_11_trigger(name).rstrip(";")


def test_the_upgrade_leaves_an_origin_without_a_destroyed_participant_as_it_was(
    imported: Path,
) -> None:
    with Vault.open(imported, PASSPHRASE) as v:
        before = _pairs(v)
        with v.db.write() as conn:
            for name in STEP_11_TRIGGERS:
                conn.execute(f"DROP TRIGGER {name}")
                conn.execute(_step_11_trigger(name))
            conn.execute("ALTER TABLE consents DROP COLUMN withdrawal_reason")  # step 13
            conn.execute("PRAGMA user_version = 11")
    with Vault.open(imported, PASSPHRASE) as v:
        assert v.db.user_version() == latest_version()
        assert _pairs(v) == before
        assert verify_vault(v) == []


def test_under_a_destruction_only_that_clients_amendments_lose_their_origin(
    imported: Path,
) -> None:
    """Schema 11 let any imported addendum of a note the client shared lose its origin; now
    only the amendments they asked for, listed in this destruction's redaction record."""
    with Vault.open(imported, PASSPHRASE) as v:
        b = _id(v, NAME_B)
        rows = v.db.query(
            "SELECT a.id, a.requested_by FROM imported_addenda i "
            "JOIN note_addenda a ON a.id = i.addendum_id "
            "JOIN note_participants p ON p.note_id = a.note_id AND p.client_id = ?",
            (b,),
        )
        shared = next(int(r[0]) for r in rows if r[1] is None)
        b_amendment = next(int(r[0]) for r in rows if r[1] == b)
        refused = pytest.raises(sqlcipher3.IntegrityError, match="origin cannot change")
        with refused, v.db.write() as conn:
            conn.execute(
                "INSERT INTO destruction_in_progress (client_id, redactions_before) "
                "VALUES (?, (SELECT coalesce(max(id), 0) FROM note_redactions))",
                (b,),
            )
            conn.execute("DELETE FROM imported_addenda WHERE addendum_id = ?", (shared,))
        destroy_client(v, b, NAME_B)
        kept = {int(r[0]) for r in v.db.query("SELECT addendum_id FROM imported_addenda")}
        assert shared in kept and b_amendment not in kept
        assert verify_vault(v) == []
