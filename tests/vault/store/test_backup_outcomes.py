"""Every backup reaches the audit trail, automatic ones included, and a failed one never as
written: manual and daily backups at once, the backup at lock at the next unlock."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from tests.conftest import PASSPHRASE
from vault import BackupError, Vault
from vault.audit.trail import AuditFilter, iter_entries
from vault.checks import verify_vault
from vault.clients.records import ClientProfile, add_client
from vault.store import backup as backup_module
from vault.store.auto_backup import (
    AutoBackupSettings,
    changed_since_last_backup,
    prepare_automatic,
    record_waiting_outcomes,
)
from vault.store.backup import backup_vault
from vault.store.machine_state import read_state, write_state

STATE = "backup-outcomes"


@pytest.fixture
def drive(tmp_path: Path) -> Path:
    path = tmp_path / "BACKUP-DRIVE"
    path.mkdir()
    return path


def _backup_entries(vault: Vault) -> list[tuple[str, str]]:
    return [(e.action, e.detail) for e in iter_entries(vault, AuditFilter(kinds=("backup",)))]


def _actions(vault: Vault) -> list[str]:
    rows = vault.db.query("SELECT action FROM audit_log ORDER BY seq")
    return [str(r[0]) for r in rows]


def _newest_seq(vault: Vault) -> int:
    row = vault.db.query_one("SELECT max(seq) FROM audit_log")
    assert row is not None
    return int(row[0])


def _fail_verification(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*_args: object, **_kwargs: object) -> None:
        raise BackupError("The copy did not verify (demo).")

    monkeypatch.setattr(backup_module, "_verify_copy", refuse)


def test_a_manual_backup_is_recorded_after_it_verified_with_what_it_holds(vault, drive):
    add_client(vault, ClientProfile(full_name="Demo Outcome"))
    before = _newest_seq(vault)
    made = backup_vault(vault, drive)
    assert _backup_entries(vault) == [("backup.written", f"manual,holds={before}")]
    with Vault.open(made, PASSPHRASE) as copy:  # the copy's own trail ends where it says
        assert _newest_seq(copy) == before + 1  # + the copy's own unlock
        assert _actions(copy)[before] == "vault.unlocked"


def test_a_failed_manual_backup_is_recorded_as_failed_never_as_written(vault, drive, monkeypatch):
    _fail_verification(monkeypatch)
    holds = _newest_seq(vault)
    with pytest.raises(BackupError):
        backup_vault(vault, drive)
    assert _backup_entries(vault) == [
        ("backup.failed", f"manual,reason=not_verified,holds={holds}")
    ]
    assert not [p for p in drive.iterdir() if not p.name.startswith(".")]


def test_the_daily_automatic_backup_is_recorded_at_once(vault, drive):
    holds = _newest_seq(vault)
    prepare_automatic(vault, AutoBackupSettings(drive), at_lock=False).run()
    assert _backup_entries(vault) == [("backup.written", f"auto,holds={holds}")]
    assert not changed_since_last_backup(vault)  # its own entry does not make another due


def test_the_backup_at_lock_is_recorded_at_the_next_unlock_before_it(vault_dir, fast_kdf, drive):
    v = Vault.create(vault_dir, PASSPHRASE, kdf_params=fast_kdf)
    add_client(v, ClientProfile(full_name="Demo At Lock"))
    holds = _newest_seq(v)
    backup = prepare_automatic(v, AutoBackupSettings(drive), at_lock=True)
    v.close()
    backup.run()
    assert read_state(STATE)  # waiting on this computer, ids and an HMAC only
    with Vault.open(vault_dir, PASSPHRASE) as v:
        (entry,) = _backup_entries(v)
        assert entry[0] == "backup.written"
        assert entry[1].startswith(f"auto,at_lock,holds={holds},made=")
        assert _actions(v)[-2:] == ["backup.written", "vault.unlocked"]
        assert verify_vault(v) == []
    assert read_state(STATE) == {}
    with Vault.open(vault_dir, PASSPHRASE) as v:
        assert len(_backup_entries(v)) == 1


def test_a_failed_backup_at_lock_is_recorded_as_failed(vault_dir, fast_kdf, drive):
    v = Vault.create(vault_dir, PASSPHRASE, kdf_params=fast_kdf)
    backup = prepare_automatic(v, AutoBackupSettings(drive), at_lock=True)
    v.close()
    shutil.rmtree(drive)  # the drive was pulled before the copy began
    with pytest.raises(Exception):  # noqa: B017 - whichever error the missing folder gives
        backup.run()
    with Vault.open(vault_dir, PASSPHRASE) as v:
        (entry,) = _backup_entries(v)
        assert entry[0] == "backup.failed"
        assert ",reason=" in entry[1] and entry[1].startswith("auto,at_lock,")


def test_a_backup_at_lock_that_ends_after_the_next_unlock_is_recorded_then(
    vault_dir, fast_kdf, drive
):
    v = Vault.create(vault_dir, PASSPHRASE, kdf_params=fast_kdf)
    backup = prepare_automatic(v, AutoBackupSettings(drive), at_lock=True)
    v.close()
    with Vault.open(vault_dir, PASSPHRASE) as again:
        assert _backup_entries(again) == []  # still copying when the vault was unlocked
        backup.run()
        record_waiting_outcomes(again)  # what the window does when the copy ends
        assert [action for action, _ in _backup_entries(again)] == ["backup.written"]


def test_a_waiting_record_that_was_edited_is_not_written(vault_dir, fast_kdf, drive):
    v = Vault.create(vault_dir, PASSPHRASE, kdf_params=fast_kdf)
    backup = prepare_automatic(v, AutoBackupSettings(drive), at_lock=True)
    v.close()
    backup.run()
    state = read_state(STATE)
    (records,) = state.values()
    records.append({**records[0], "action": "backup.failed"})  # a forged failure
    records[0]["detail"] = records[0]["detail"].replace("holds=", "holds=9")  # an edited one
    write_state(STATE, state)
    with Vault.open(vault_dir, PASSPHRASE) as v:
        assert _backup_entries(v) == []


def test_a_waiting_record_put_back_after_it_was_taken_is_not_written_twice(
    vault_dir, fast_kdf, drive
):
    v = Vault.create(vault_dir, PASSPHRASE, kdf_params=fast_kdf)
    backup = prepare_automatic(v, AutoBackupSettings(drive), at_lock=True)
    v.close()
    backup.run()
    kept = json.loads(json.dumps(read_state(STATE)))
    Vault.open(vault_dir, PASSPHRASE).close()
    write_state(STATE, kept)
    with Vault.open(vault_dir, PASSPHRASE) as v:
        assert len(_backup_entries(v)) == 1


def test_outcome_entries_hold_ids_and_words_only(vault, drive, monkeypatch):
    add_client(vault, ClientProfile(full_name="Demo Zqxoutcomename"))
    backup_vault(vault, drive)
    _fail_verification(monkeypatch)
    with pytest.raises(BackupError):
        backup_vault(vault, drive)
    flat = json.dumps(_backup_entries(vault)) + json.dumps(read_state(STATE))
    assert "Zqxoutcomename" not in flat and str(drive) not in flat and "demo" not in flat


def test_a_record_kept_while_an_unlock_takes_the_others_is_not_lost(vault):
    """The backup at lock can end while the next unlock is taking the waiting records."""
    from vault.store.auto_backup import memory_key
    from vault.store.backup_outcomes import defer, deferred_outcomes, outcome

    key = memory_key(vault)
    first = outcome("auto", _newest_seq(vault), at_lock=True, deferred=True)
    defer(key, vault.key(), first)
    taking = deferred_outcomes(vault.db, vault.key())
    later = outcome("auto", _newest_seq(vault) + 1, at_lock=True, deferred=True)
    defer(key, vault.key(), later)  # ends meanwhile
    with vault.db.write(counts_as_change=False) as conn:
        taking.announce(conn)
    taking.forget()
    assert [r["detail"] for r in read_state(STATE)[key]] == [later.detail]
    record_waiting_outcomes(vault)
    assert [d for _a, d in _backup_entries(vault)] == [first.detail, later.detail]
    assert read_state(STATE) == {}
