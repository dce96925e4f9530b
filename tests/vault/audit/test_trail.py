"""The audit trail records every action by id, never by content, and any tampering shows."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import sqlcipher3

from tests.conftest import PASSPHRASE
from vault import Vault, WrongPassphraseError
from vault.audit.check import check_audit_trail
from vault.audit.export import export_trail
from vault.audit.trail import AuditFilter, count_entries, iter_entries, list_entries
from vault.checks import verify_vault
from vault.clients.practice import PracticeDetails, save_practice_details
from vault.clients.records import (
    ClientProfile,
    add_client,
    archive_client,
    update_client,
    view_client,
)
from vault.notes.addenda import add_addendum, add_amendment
from vault.notes.model import NoteInput
from vault.notes.records import create_note_from_text
from vault.notes.signing import sign_note
from vault.search.engine import SearchFilters, search_notes
from vault.store.backup import backup_vault, restore_backup

NAME = "Demo Zqxauditname"
TEXT = "Wvuauditnotetext"
TERM = "Jkrauditsearchterm"


def _actions(vault: Vault, **filters: object) -> list[str]:
    return [e.action for e in iter_entries(vault, AuditFilter(**filters))]  # type: ignore[arg-type]


def _note(vault: Vault, *clients: int) -> int:
    note = NoteInput(
        kind="free",
        session_start="2026-03-02T14:00",
        participants=clients,
        body=f"{TEXT} demo",
        service_type="couples" if len(clients) == 2 else "individual",
    )
    return create_note_from_text(vault, note)


@pytest.fixture
def busy_vault(vault: Vault) -> tuple[Vault, int, int]:
    """A vault where every kind of record action has happened once."""
    a = add_client(vault, ClientProfile(full_name=NAME)).id
    b = add_client(vault, ClientProfile(full_name="Demo Partner")).id
    view_client(vault, a)
    update_client(vault, a, ClientProfile(full_name=NAME, pronouns="they"))
    note = _note(vault, a, b)
    sign_note(vault, note, "Demo Clinician")
    add_addendum(vault, note, text=f"{TEXT} later", reason="Demo reason", author="Demo")
    add_amendment(
        vault,
        note,
        text="Demo corrected",
        reason="Demo asked",
        author="Demo",
        requested_by=a,
        request_received_on="2026-03-03",
    )
    search_notes(vault, TERM, SearchFilters(client_id=a))
    archive_client(vault, b)
    save_practice_details(vault, PracticeDetails(clinician="Demo Clinician"))
    return vault, a, b


def test_every_record_action_is_an_entry(busy_vault) -> None:
    vault, _a, _b = busy_vault
    actions = _actions(vault)
    assert actions[:2] == ["vault.created", "vault.unlocked"]
    for expected in (
        "client.created",
        "client.viewed",
        "client.edited",
        "note.created",
        "note.signed",
        "note.addendum",
        "note.amendment",
        "search.run",
        "client.archived",
        "settings.changed",
    ):
        assert expected in actions, expected


def test_a_joint_note_is_in_each_participants_trail(busy_vault) -> None:
    vault, a, b = busy_vault
    mine = _actions(vault, client_id=a)
    theirs = _actions(vault, client_id=b)
    for action in ("note.created", "note.signed", "note.addendum", "note.amendment"):
        assert action in mine and action in theirs
    assert "client.viewed" in mine and "client.viewed" not in theirs


def test_entries_name_records_by_id_and_never_by_content(busy_vault) -> None:
    vault, _a, _b = busy_vault
    rows = vault.db.query("SELECT * FROM audit_log")
    flat = json.dumps([list(r) for r in rows])
    for marker in (NAME, "Zqxauditname", TEXT, TERM, "Demo Clinician", "Demo reason", "they"):
        assert marker not in flat


def test_lock_reasons_and_backups_are_recorded(vault_dir: Path, tmp_path: Path, fast_kdf) -> None:
    with Vault.create(vault_dir, PASSPHRASE, kdf_params=fast_kdf) as v:
        backup_vault(v, tmp_path)
    v = Vault.open(vault_dir, PASSPHRASE)
    v.close("idle")
    with Vault.open(vault_dir, PASSPHRASE) as v:
        entries = list(iter_entries(v, AuditFilter(kinds=("vault", "backup"))))
        assert any(
            e.action == "backup.written" and e.detail.startswith("manual,holds=") for e in entries
        )
        assert [e.detail for e in entries if e.action == "vault.locked"] == ["manual", "idle"]


def test_failed_unlocks_are_counted_outside_and_told_at_the_next_unlock(
    vault_dir: Path, fast_kdf
) -> None:
    Vault.create(vault_dir, PASSPHRASE, kdf_params=fast_kdf).close()
    for _ in range(3):
        with pytest.raises(WrongPassphraseError):
            Vault.open(vault_dir, "not the demo passphrase")
    with Vault.open(vault_dir, PASSPHRASE) as v:
        failed = [e for e in iter_entries(v) if e.action == "vault.unlock_failed"]
        assert [e.detail for e in failed] == ["count=3"]
    with Vault.open(vault_dir, PASSPHRASE) as v:  # told once
        assert len([e for e in iter_entries(v) if e.action == "vault.unlock_failed"]) == 1


def test_restore_and_passphrase_change_are_recorded(vault_dir, tmp_path, fast_kdf) -> None:
    with Vault.create(vault_dir, PASSPHRASE, kdf_params=fast_kdf) as v:
        made = backup_vault(v, tmp_path)
        v.change_passphrase(PASSPHRASE, "demo new passphrase 42")
        assert "vault.passphrase_changed" in _actions(v)
    restore_backup(made, vault_dir, PASSPHRASE)
    with Vault.open(vault_dir, PASSPHRASE) as v:
        assert "vault.restored" in _actions(v)


def test_the_apps_own_connection_cannot_edit_or_delete_entries(busy_vault) -> None:
    vault, _a, _b = busy_vault
    with pytest.raises(sqlcipher3.IntegrityError, match="append-only"), vault.db.write() as conn:
        conn.execute("UPDATE audit_log SET action = 'client.viewed' WHERE seq = 3")
    with pytest.raises(sqlcipher3.IntegrityError, match="append-only"), vault.db.write() as conn:
        conn.execute("DELETE FROM audit_log WHERE seq = 3")
    with pytest.raises(sqlcipher3.IntegrityError, match="in order"), vault.db.write() as conn:
        conn.execute(
            "INSERT INTO audit_log (seq, at, action, detail, prev_hash, entry_hash) "
            "VALUES (1000, 'x', 'client.viewed', '', ?, ?)",
            ("0" * 64, "0" * 64),
        )
    assert check_audit_trail(vault) == []


def _tamper(vault: Vault, *statements: str) -> None:
    """What someone with the key and a SQL tool could do: drop the guards, then edit."""
    with vault.db.write() as conn:
        conn.execute("DROP TRIGGER audit_log_refuse_update")
        conn.execute("DROP TRIGGER audit_log_refuse_delete")
        conn.execute("DROP TRIGGER audit_log_next_in_line")
        for statement in statements:
            conn.execute(statement)


@pytest.mark.parametrize(
    ("statements", "named"),
    [
        (("UPDATE audit_log SET record_id = 999 WHERE seq = 5",), "audit entry 5 was changed"),
        (("UPDATE audit_log SET at = '2020-01-01' WHERE seq = 4",), "audit entry 4 was changed"),
        (("DELETE FROM audit_log WHERE seq = 6",), "audit entry 6 is missing"),
        (
            (  # an entry slipped in after entry 4: the ones after it move up by one
                "UPDATE audit_log SET seq = seq + 100000 WHERE seq >= 5",
                "UPDATE audit_log SET seq = seq - 99999 WHERE seq >= 100000",
                "INSERT INTO audit_log SELECT 5, at, 'client.viewed', record_kind, record_id, "
                "client_id, detail, prev_hash, entry_hash FROM audit_log WHERE seq = 4",
            ),
            "audit entry 5",
        ),
        (
            (  # entries 4 and 5 swapped
                "UPDATE audit_log SET seq = 100000 WHERE seq = 4",
                "UPDATE audit_log SET seq = 4 WHERE seq = 5",
                "UPDATE audit_log SET seq = 5 WHERE seq = 100000",
            ),
            "audit entry 4",
        ),
    ],
)
def test_tampering_with_past_entries_is_found_and_named(busy_vault, statements, named) -> None:
    vault, _a, _b = busy_vault
    _tamper(vault, *statements)
    problems = verify_vault(vault)
    assert any(named in p for p in problems), problems


def test_removing_the_newest_entries_is_found(busy_vault) -> None:
    vault, _a, _b = busy_vault
    newest = count_entries(vault)
    _tamper(vault, f"DELETE FROM audit_log WHERE seq > {newest - 2}")
    assert any("newest audit entries" in p for p in check_audit_trail(vault))


def test_removing_the_newest_entries_and_their_head_is_found_by_the_seal(
    vault_dir: Path, fast_kdf
) -> None:
    with Vault.create(vault_dir, PASSPHRASE, kdf_params=fast_kdf) as v:
        add_client(v, ClientProfile(full_name="Demo Avery"))
    with Vault.open(vault_dir, PASSPHRASE) as v:
        keep = 3
        row = v.db.query_one("SELECT entry_hash FROM audit_log WHERE seq = ?", (keep,))
        assert row is not None
        _tamper(
            v,
            f"DELETE FROM audit_log WHERE seq > {keep}",
            f"UPDATE vault_meta SET value = '{keep}:{row[0]}' WHERE key = 'audit_head'",
        )
        problems = check_audit_trail(v)
    assert any("at the last lock the trail went to entry" in p for p in problems), problems


def test_a_sound_trail_verifies(busy_vault) -> None:
    vault, _a, _b = busy_vault
    assert verify_vault(vault) == []


@pytest.mark.parametrize(
    "detail",
    [
        'demo "quoted" \\ slash / and ~',  # printable ASCII: SQLite spells it out
        "demo\ttab\nline\x01\x7f",  # control characters: Python does
        "démo 日本 🙂 \u2028",  # beyond ASCII: Python does (escaped as \\uXXXX)
        "",
    ],
)
def test_every_entry_hashes_as_canonical_spells_it(busy_vault, detail: str) -> None:
    """Entries appended as `append_entry` appends them, whatever their text: the check's hash
    of each (SQLite's or, for text beyond printable ASCII, Python's) is `chain_hash`'s."""
    from vault.audit.entries import canonical, chain_hash

    vault, a, _b = busy_vault
    with vault.db.write() as conn:
        seq, prev = conn.execute(
            "SELECT seq, entry_hash FROM audit_log ORDER BY seq DESC"
        ).fetchone()
        for fields in (
            (seq + 1, "2026-12-01T10:00:00+00:00", "client.viewed", "client", a, a),
            (seq + 2, "2026-12-01T10:00:01+00:00", "search.run", None, None, None),
        ):
            digest = chain_hash(prev, canonical(*fields, detail))
            conn.execute(
                "INSERT INTO audit_log (seq, at, action, record_kind, record_id, client_id, "
                "detail, prev_hash, entry_hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (*fields, detail, prev, digest),
            )
            conn.execute(
                "UPDATE vault_meta SET value = ? WHERE key = 'audit_head'",
                (f"{fields[0]}:{digest}",),
            )
            prev = digest
    assert check_audit_trail(vault) == []
    _tamper(vault, f"UPDATE audit_log SET detail = detail || 'x' WHERE seq = {seq + 1}")
    assert check_audit_trail(vault) == [f"audit entry {seq + 1} was changed after it was written"]


def test_filters_by_date_kind_and_client(busy_vault) -> None:
    vault, a, _b = busy_vault
    everything = count_entries(vault)
    assert count_entries(vault, AuditFilter(kinds=("note",))) < everything
    assert {e.kind for e in iter_entries(vault, AuditFilter(kinds=("note",)))} == {"note"}
    assert all(e.client_id == a for e in iter_entries(vault, AuditFilter(client_id=a)))
    from datetime import date

    assert count_entries(vault, AuditFilter(date_to=date(2000, 1, 1))) == 0
    assert count_entries(vault, AuditFilter(date_from=date(2000, 1, 1))) == everything
    first_page = list_entries(vault, limit=3)
    assert [e.seq for e in first_page] == [1, 2, 3]
    assert [e.seq for e in list_entries(vault, after_seq=3, limit=2)] == [4, 5]


@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_export_for_an_inspector_holds_ids_only(busy_vault, tmp_path: Path, fmt: str) -> None:
    vault, _a, _b = busy_vault
    out = tmp_path / f"trail.{fmt}"
    written = export_trail(vault, out, fmt)  # type: ignore[arg-type]
    text = out.read_text()
    assert written >= 10
    assert NAME not in text and TEXT not in text and TERM not in text
    if fmt == "json":
        lines = [json.loads(line) for line in text.splitlines()]
        assert [d["seq"] for d in lines] == list(range(1, written + 1))
    else:
        assert text.splitlines()[0].startswith("seq,at,action")
    assert _actions(vault)[-1] == "audit.exported"
    assert list(tmp_path.glob(".*writing")) == []


def _sealed_vault(vault_dir: Path, fast_kdf) -> Path:
    with Vault.create(vault_dir, PASSPHRASE, kdf_params=fast_kdf) as v:
        add_client(v, ClientProfile(full_name="Demo Avery"))
    Vault.open(vault_dir, PASSPHRASE).close()  # a session: unlocked, locked, sealed
    return vault_dir


def test_a_rewritten_and_rechained_past_is_found_by_the_seal(vault_dir: Path, fast_kdf) -> None:
    from vault.audit.entries import GENESIS, canonical, chain_hash

    _sealed_vault(vault_dir, fast_kdf)
    with Vault.open(vault_dir, PASSPHRASE) as v:
        rows = v.db.query(
            "SELECT seq, at, action, record_kind, record_id, client_id, detail FROM audit_log "
            "ORDER BY seq"
        )
        statements, prev = ["DELETE FROM audit_log"], GENESIS
        for seq, at, action, kind, record_id, client_id, detail in rows:
            if action == "client.created":
                record_id, client_id = 777, 777  # the past, rewritten consistently
            digest = chain_hash(
                prev, canonical(seq, at, action, kind, record_id, client_id, detail)
            )
            statements.append(
                "INSERT INTO audit_log VALUES ("
                f"{seq}, '{at}', '{action}', {repr(kind) if kind else 'NULL'}, "
                f"{record_id if record_id is not None else 'NULL'}, "
                f"{client_id if client_id is not None else 'NULL'}, '{detail}', '{prev}', "
                f"'{digest}')"
            )
            prev, last = digest, seq
        statements.append(f"UPDATE vault_meta SET value = '{last}:{prev}' WHERE key = 'audit_head'")
        _tamper(v, *statements)
        problems = check_audit_trail(v)
    assert any("rewritten after the last lock" in p for p in problems), problems


def test_removing_the_history_rows_does_not_switch_the_checks_off(vault_dir, fast_kdf) -> None:
    _sealed_vault(vault_dir, fast_kdf)
    with Vault.open(vault_dir, PASSPHRASE) as v:
        _tamper(v, "DELETE FROM vault_meta WHERE key = 'epoch'")
        assert any("commit counter is missing" in p for p in check_audit_trail(v))
    with Vault.open(vault_dir, PASSPHRASE) as again:
        assert "history is missing" in again.rollback_warning


def test_an_unreadable_trail_end_is_reported_not_a_crash(busy_vault) -> None:
    vault, _a, _b = busy_vault
    with vault.db.write() as conn:
        conn.execute("UPDATE vault_meta SET value = 'not-a-head' WHERE key = 'audit_head'")
    assert any("unreadable" in p for p in verify_vault(vault))


def test_wrong_passphrases_on_a_vault_are_not_told_when_its_backup_opens(
    vault_dir: Path, tmp_path: Path, fast_kdf
) -> None:
    with Vault.create(vault_dir, PASSPHRASE, kdf_params=fast_kdf) as v:
        copy = backup_vault(v, tmp_path)
    for _ in range(2):
        with pytest.raises(WrongPassphraseError):
            Vault.open(vault_dir, "not the demo passphrase")
    with Vault.open(copy, PASSPHRASE) as backup:
        assert not [e for e in iter_entries(backup) if e.action == "vault.unlock_failed"]
    with Vault.open(vault_dir, PASSPHRASE) as v:
        assert [e.detail for e in iter_entries(v) if e.action == "vault.unlock_failed"] == [
            "count=2"
        ]


def test_absurd_filters_match_nothing_instead_of_crashing(busy_vault) -> None:
    from datetime import date

    vault, _a, _b = busy_vault
    assert count_entries(vault, AuditFilter(client_id=2**64)) == 0
    assert count_entries(vault, AuditFilter(kinds=("client\udcff",))) == 0
    assert count_entries(vault, AuditFilter(date_to=date.max)) == count_entries(vault)
