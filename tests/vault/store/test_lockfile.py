"""A vault is open in one place at a time; a second opener is told, and nothing is harmed."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest

from tests.conftest import PASSPHRASE
from tests.helpers import REPO
from vault import Vault, VaultInUseError
from vault.clients.records import ClientProfile, add_client, list_clients


def test_second_open_in_the_same_process_is_refused(vault, vault_dir):
    with pytest.raises(VaultInUseError, match="already open"):
        Vault.open(vault_dir, PASSPHRASE)


def test_second_process_gets_in_use_error(vault, vault_dir):
    add_client(vault, ClientProfile(full_name="Demo Busy"))
    script = textwrap.dedent(
        f"""
        import sys
        sys.path.insert(0, {str(REPO)!r})
        from vault import Vault, VaultInUseError
        try:
            Vault.open({str(vault_dir)!r}, {PASSPHRASE!r})
        except VaultInUseError as exc:
            print("in use:", exc)
            sys.exit(3)
        sys.exit(0)
        """
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=60, check=False
    )
    assert result.returncode == 3, result.stderr
    assert "already open" in result.stdout
    assert [c.full_name for c in list_clients(vault)] == ["Demo Busy"]


def test_lock_is_released_on_close(vault, vault_dir):
    vault.close()
    Vault.open(vault_dir, PASSPHRASE).close()


def test_lock_is_released_when_the_holder_dies(vault_dir, fast_kdf):
    Vault.create(vault_dir, PASSPHRASE, kdf_params=fast_kdf).close()
    script = textwrap.dedent(
        f"""
        import os, sys
        sys.path.insert(0, {str(REPO)!r})
        from vault import Vault
        Vault.open({str(vault_dir)!r}, {PASSPHRASE!r})
        os._exit(0)
        """
    )
    subprocess.run([sys.executable, "-c", script], check=True, timeout=60)
    Vault.open(vault_dir, PASSPHRASE).close()
