"""Shared fixtures. Every test gets its own temporary folder and synthetic data only."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

# UI tests render offscreen: CI and developers' shells may have no display.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from vault import Vault
from vault.kdf import floor_params

PASSPHRASE = "correct horse battery staple 7"


@pytest.fixture
def fast_kdf():
    """The RFC 9106 floor (about 0.1 s here): real Argon2id, without calibration's second."""
    return floor_params()


@pytest.fixture
def vault_dir(tmp_path: Path) -> Path:
    return tmp_path / "practice.vault"


@pytest.fixture
def vault(vault_dir: Path, fast_kdf) -> Iterator[Vault]:
    v = Vault.create(vault_dir, PASSPHRASE, kdf_params=fast_kdf)
    try:
        yield v
    finally:
        v.close()
