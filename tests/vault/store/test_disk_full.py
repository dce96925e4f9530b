"""A full disk gets a clear error, and everything saved before it is still there.

Uses a small tmpfs, which needs root (CI runs as root); skipped where mounting is not allowed.
"""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import PASSPHRASE
from vault import DiskFullError, Vault
from vault.checks import verify_vault
from vault.clients.records import ClientProfile, add_client, list_clients
from vault.notes.records import NoteInput, create_note_from_text
from vault.store.backup import backup_vault


def _mount_tmpfs(where: Path, size: str) -> bool:
    where.mkdir()
    result = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(where)],
        capture_output=True,
        check=False,
    )
    return result.returncode == 0


@pytest.fixture
def small_disk(tmp_path) -> Iterator[Path]:
    mount_point = tmp_path / "small"
    try:
        mounted = _mount_tmpfs(mount_point, "1536k")
    except FileNotFoundError:
        mounted = False
    if not mounted:
        pytest.skip("cannot mount a small tmpfs here (needs root)")
    try:
        yield mount_point
    finally:
        subprocess.run(["umount", "-l", str(mount_point)], check=False)


def test_saving_onto_a_full_disk_fails_clearly_and_loses_nothing(small_disk, fast_kdf):
    vault_dir = small_disk / "v"
    saved = 0
    with Vault.create(vault_dir, PASSPHRASE, kdf_params=fast_kdf) as vault:
        client = add_client(vault, ClientProfile(full_name="Demo Full Disk"))
        with pytest.raises(DiskFullError, match="full"):
            for i in range(10_000):
                create_note_from_text(
                    vault,
                    NoteInput(
                        kind="free",
                        session_start="2026-02-02T10:00",
                        participants=(client.id,),
                        body=f"{i} " + "x" * 4000,
                    ),
                )
                saved += 1
    assert saved > 10
    with Vault.open(vault_dir, PASSPHRASE) as vault:
        assert verify_vault(vault) == []
        assert len(list_clients(vault)) == 1
        assert vault.db.query_one("SELECT count(*) FROM notes") == (saved,)


def test_backup_onto_a_full_disk_fails_clearly_and_leaves_no_partial_copy(
    small_disk, tmp_path, fast_kdf
):
    with Vault.create(tmp_path / "big", PASSPHRASE, kdf_params=fast_kdf) as vault:
        client = add_client(vault, ClientProfile(full_name="Demo Big"))
        for i in range(600):
            create_note_from_text(
                vault,
                NoteInput(
                    kind="free",
                    session_start="2026-02-02T10:00",
                    participants=(client.id,),
                    body=f"{i} " + "y" * 4000,
                ),
            )
        with pytest.raises(DiskFullError):
            backup_vault(vault, small_disk)
        assert list(small_disk.iterdir()) == []
        assert verify_vault(vault) == []
