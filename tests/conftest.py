"""Shared fixtures. Every test gets its own temporary folder and synthetic data only."""

from __future__ import annotations

import functools
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

# UI tests render offscreen: CI and developers' shells may have no display.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from vault import Vault
from vault.store import backup, kdf
from vault.store import vault as vault_module
from vault.store.kdf import floor_params
from vault.store.machine_state import STATE_DIR_ENV

PASSPHRASE = "correct horse battery staple 7"

# One parameter set at the RFC 9106 floor for the whole session (one fixed salt), so the same
# passphrase gives the same key everywhere and a cached derivation can answer.
SESSION_FLOOR = floor_params()


@pytest.fixture(autouse=True, scope="session")
def cached_key_derivation() -> Iterator[None]:
    """Real Argon2id, each distinct (passphrase, parameters) derived once per session.

    As Anki copies one prepared collection instead of building each: the KDF is never faked,
    only not repeated. Subprocesses (the CLI tests) derive for real.
    """
    cached = functools.lru_cache(maxsize=512)(kdf.derive_key)
    patch = pytest.MonkeyPatch()
    for module in (kdf, vault_module, backup):
        patch.setattr(module, "derive_key", cached)
    yield
    patch.undo()


@pytest.fixture(autouse=True)
def machine_state(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Path:
    """This computer's memory of vaults (`vault.store.machine_state`), fresh for every test."""
    folder = tmp_path_factory.mktemp("machine-state")
    monkeypatch.setenv(STATE_DIR_ENV, str(folder))
    return folder


@pytest.fixture
def uncached_key_derivation(monkeypatch: pytest.MonkeyPatch) -> None:
    """For a test about the derivation's cost itself (the window must not freeze during it)."""
    real = kdf.derive_key.__wrapped__  # type: ignore[attr-defined]
    for module in (kdf, vault_module, backup):
        monkeypatch.setattr(module, "derive_key", real)


@pytest.fixture
def fast_kdf():
    """The RFC 9106 floor (about 0.1 s here): real Argon2id, without calibration's second."""
    return SESSION_FLOOR


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
