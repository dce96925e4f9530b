"""Listing backups in a folder and rotating them: only complete backups of this vault go."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from vault.store import clock
from vault.store.backup import backup_vault
from vault.store.backup_catalog import list_backups, made_at_from_name, rotate_backups
from vault.store.backup_rotation import RotationPolicy

START = datetime(2026, 1, 5, 9, 0, tzinfo=UTC)


@pytest.fixture
def backups(tmp_path):
    path = tmp_path / "backups"
    path.mkdir()
    return path


def _pin(monkeypatch, when: datetime) -> None:
    monkeypatch.setattr(clock, "now_utc", lambda: when)


def test_a_backup_is_listed_complete_with_its_time_and_size(vault, backups, monkeypatch):
    _pin(monkeypatch, START)
    made = backup_vault(vault, backups)
    (entry,) = list_backups(backups)
    assert entry.path == made and entry.complete
    assert entry.made_at == START
    assert entry.size_bytes > 0


def test_an_incomplete_folder_is_listed_but_not_complete(backups):
    (backups / "confidant-backup-20260105-090000").mkdir()
    (entry,) = list_backups(backups)
    assert not entry.complete


def test_a_name_that_is_not_a_backup_has_no_time():
    assert made_at_from_name("holiday-photos") is None
    assert made_at_from_name("confidant-backup-20260105-090000-2") == START


def test_rotation_removes_what_the_policy_drops_and_keeps_the_newest(vault, backups, monkeypatch):
    for day in range(6):
        _pin(monkeypatch, START + timedelta(days=day))
        backup_vault(vault, backups)
    now = START + timedelta(days=6)
    removed = rotate_backups(
        backups,
        vault.header.key_check,
        RotationPolicy(keep_last=2, weekly_weeks=0, monthly_months=0),
        now,
    )
    assert len(removed) == 4
    left = list_backups(backups)
    assert [e.made_at for e in left] == [START + timedelta(days=5), START + timedelta(days=4)]


def test_rotation_never_touches_other_folders_or_backups_of_another_key(
    vault, backups, monkeypatch
):
    for day in range(4):
        _pin(monkeypatch, START + timedelta(days=day))
        backup_vault(vault, backups)
    mine = list_backups(backups)
    (mine[-1].path / "my-own-notes.txt").write_text("demo file the therapist put here")
    stranger = backups / "confidant-backup-20250101-000000"
    stranger.mkdir()
    (backups / "holiday-photos").mkdir()
    removed = rotate_backups(
        backups,
        vault.header.key_check,
        RotationPolicy(keep_last=1, weekly_weeks=0, monthly_months=0),
        START + timedelta(days=5),
    )
    assert len(removed) == 2  # the oldest holds a file of the therapist's own: left alone
    assert mine[-1].path.exists() and stranger.exists() and (backups / "holiday-photos").exists()
    assert (
        rotate_backups(backups, b"another vault's key check", RotationPolicy(keep_last=1), START)
        == []
    )


def test_a_removal_cut_short_is_finished_by_the_next_automatic_backup(vault, backups):
    from vault.store.auto_backup import AutoBackupSettings, prepare_automatic

    left = backups / ".confidant-backup-20260105-090000.removing-demo1234"
    left.mkdir()
    (left / "data-1.db").write_bytes(b"demo half-deleted")
    prepare_automatic(vault, AutoBackupSettings(backups), at_lock=False).run()
    assert not left.exists()
    assert [e.complete for e in list_backups(backups)] == [True]
