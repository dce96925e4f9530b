"""Vault files are created readable by their owner only (mode 600), whatever the umask."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import PASSPHRASE, SESSION_FLOOR
from vault import Vault


@pytest.fixture
def open_umask() -> Iterator[None]:
    previous = os.umask(0o022)
    yield
    os.umask(previous)


def _modes(directory: Path) -> dict[str, int]:
    return {p.name: stat.S_IMODE(p.stat().st_mode) for p in directory.iterdir() if p.is_file()}


def test_a_new_open_vaults_files_are_mode_600(tmp_path: Path, open_umask: None) -> None:
    directory = tmp_path / "Demo.vault"
    with Vault.create(directory, PASSPHRASE, kdf_params=SESSION_FLOOR):
        modes = _modes(directory)
    assert modes and set(modes.values()) == {0o600}, modes


def test_a_passphrase_change_keeps_files_at_600(tmp_path: Path, open_umask: None) -> None:
    directory = tmp_path / "Demo.vault"
    with Vault.create(directory, PASSPHRASE, kdf_params=SESSION_FLOOR) as vault:
        vault.change_passphrase(PASSPHRASE, "demo another long passphrase here")
        modes = _modes(directory)
    assert set(modes.values()) == {0o600}, modes
