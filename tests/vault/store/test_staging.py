"""Work in progress never looks finished, and what a killed process left is swept later."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import PASSPHRASE
from tests.helpers import snapshot
from vault import BackupError, Vault
from vault.store import backup
from vault.store.backup import backup_vault, restore_backup, sweep_abandoned_backups
from vault.store.layout import HEADER_NAME, header_path
from vault.store.staging import staging_folder, staging_name, sweep_abandoned


def _abandoned_copy(dest: Path) -> Path:
    """What a backup killed mid-copy leaves: a hidden folder with a database and no writer."""
    folder = staging_name(dest / "confidant-backup-20260101-000000", "partial")
    folder.mkdir()
    (folder / "data-1.db").write_bytes(b"\0" * 4096)
    return folder


def test_the_next_backup_sweeps_copies_a_killed_backup_left(vault: Vault, tmp_path: Path) -> None:
    dest = tmp_path / "backups"
    dest.mkdir()
    left = _abandoned_copy(dest)
    made = backup_vault(vault, dest)
    assert not left.exists()
    assert [p.name for p in dest.iterdir()] == [made.name]


def test_a_copy_still_being_written_is_never_swept(tmp_path: Path) -> None:
    with staging_folder(tmp_path / "confidant-backup-x", "partial") as live:
        # Another writer's lock, as another process would hold it.
        assert sweep_abandoned(tmp_path, "partial") == []
        assert live.exists()


def test_a_copy_gets_its_header_only_after_it_verified(
    vault: Vault, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_verify = backup._verify_copy
    seen: list[bool] = []

    def verify(
        db_path: Path, key: bytes, *, expected_version: int | None, thorough: bool = True
    ) -> None:
        seen.append((db_path.parent / HEADER_NAME).exists())
        real_verify(db_path, key, expected_version=expected_version, thorough=thorough)

    monkeypatch.setattr(backup, "_verify_copy", verify)
    made = backup_vault(vault, tmp_path)
    assert seen == [False], "an unverified copy must not be openable as a vault"
    assert header_path(made).is_file()


def test_a_failed_backup_leaves_nothing(vault: Vault, tmp_path: Path, monkeypatch) -> None:
    def broken(*_args: object, **_kwargs: object) -> None:
        raise BackupError("demo verification failure")

    monkeypatch.setattr(backup, "_verify_copy", broken)
    with pytest.raises(BackupError):
        backup_vault(vault, tmp_path)
    assert [p for p in tmp_path.iterdir() if p.name != vault.directory.name] == []


def test_sweeping_at_unlock_is_a_public_call(tmp_path: Path) -> None:
    left = _abandoned_copy(tmp_path)
    assert sweep_abandoned_backups(tmp_path) == [left]


def test_a_killed_create_is_swept_by_the_next_create(tmp_path: Path, fast_kdf) -> None:
    left = staging_name(tmp_path / "practice.vault", "creating")
    left.mkdir()
    (left / ".lock").write_bytes(b"")  # every staging folder holds its lock file
    (left / "data-1.db").write_bytes(b"\0" * 4096)
    with Vault.create(tmp_path / "practice.vault", PASSPHRASE, kdf_params=fast_kdf):
        pass
    assert not left.exists()


def test_restoring_a_damaged_backup_names_the_backup_and_leaves_the_vault(
    vault_dir: Path, tmp_path: Path, fast_kdf
) -> None:
    with Vault.create(vault_dir, PASSPHRASE, kdf_params=fast_kdf) as v:
        made = backup_vault(v, tmp_path)
    before = snapshot(vault_dir)
    header_path(made).write_text("{ not json")
    with pytest.raises(BackupError) as raised:
        restore_backup(made, vault_dir, PASSPHRASE)
    message = str(raised.value)
    assert f"backup at {made}" in message and "was not touched" in message
    assert "Restore it from a backup" not in message
    assert raised.value.path == made
    assert snapshot(vault_dir) == before


def test_a_sweep_never_touches_a_folder_that_only_looks_like_staging(tmp_path: Path) -> None:
    for name, content in (
        (".thesis.restoring-draft", "chapter1.txt"),  # not a staging name
        (".thesis.restoring-deadbeef", "chapter1.txt"),  # a staging name holding other files
    ):
        folder = tmp_path / name
        folder.mkdir()
        (folder / content).write_text("Demo chapter")
    (tmp_path / ".notes.partial-cafebabe").mkdir()  # staging-like, but no lock file
    for purpose in ("restoring", "partial", "creating"):
        assert sweep_abandoned(tmp_path, purpose) == []
    assert (tmp_path / ".thesis.restoring-draft" / "chapter1.txt").exists()
    assert (tmp_path / ".thesis.restoring-deadbeef" / "chapter1.txt").exists()
    assert not (tmp_path / ".thesis.restoring-draft" / ".lock").exists()


def test_unlocking_leaves_other_hidden_folders_beside_the_vault_alone(
    vault_dir: Path, fast_kdf
) -> None:
    Vault.create(vault_dir, PASSPHRASE, kdf_params=fast_kdf).close()
    mine = vault_dir.parent / ".thesis.creating-draft"
    mine.mkdir()
    (mine / "chapter1.txt").write_text("Demo chapter")
    Vault.open(vault_dir, PASSPHRASE).close()
    assert (mine / "chapter1.txt").exists()
