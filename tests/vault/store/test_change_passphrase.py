"""Changing the passphrase is crash-safe: afterwards the old or the new one opens the vault."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time

import pytest

from tests.conftest import PASSPHRASE
from tests.helpers import REPO
from vault import Vault, WrongPassphraseError
from vault.checks import verify_vault
from vault.clients.records import ClientProfile, add_client, list_clients

NEW = "a brand new demo passphrase 42"
STEPS = ["copy", "rekey", "prove", "header", "switch"]


class StepFailedError(Exception):
    pass


def _fill(vault: Vault, n: int = 30) -> None:
    for i in range(n):
        add_client(vault, ClientProfile(full_name=f"Demo Passwd {i:03d}"))


def _opens_with_old_or_new(vault_dir) -> str:
    for name, phrase in (("old", PASSPHRASE), ("new", NEW)):
        try:
            with Vault.open(vault_dir, phrase) as v:
                assert verify_vault(v) == []
                assert len(list_clients(v, "all")) == 30
                return name
        except WrongPassphraseError:
            continue
    raise AssertionError("the vault opens with neither passphrase")


def test_change_then_only_new_passphrase_opens(vault, vault_dir):
    _fill(vault)
    old_salt = vault.header.kdf.salt
    vault.change_passphrase(PASSPHRASE, NEW)
    assert vault.header.kdf.salt != old_salt
    assert len(list_clients(vault, "all")) == 30  # still usable after the switch
    vault.close()
    assert _opens_with_old_or_new(vault_dir) == "new"
    assert sorted(p.name for p in vault_dir.glob("data-*")) == ["data-2.db"]


def test_wrong_current_passphrase_changes_nothing(vault):
    with pytest.raises(WrongPassphraseError):
        vault.change_passphrase("not it", NEW)
    assert vault.header.generation == 1


@pytest.mark.parametrize("failing_step", STEPS)
def test_failure_at_any_step_leaves_a_vault_that_opens(vault, vault_dir, failing_step):
    _fill(vault)

    def hook(step: str) -> None:
        if step == failing_step:
            raise StepFailedError(step)

    with pytest.raises(StepFailedError):
        vault.change_passphrase(PASSPHRASE, NEW, step_hook=hook)
    # Simulate the process dying here: drop everything without a tidy close.
    vault.close()
    expected = "new" if failing_step == "switch" else "old"
    assert _opens_with_old_or_new(vault_dir) == expected
    # Stale copies are swept on the next open.
    with Vault.open(vault_dir, PASSPHRASE if expected == "old" else NEW) as v:
        assert sorted(p.name for p in vault_dir.glob("data-*.db")) == [v.header.database_name]


_CHILD = textwrap.dedent(
    """
    import sys
    sys.path.insert(0, {repo!r})
    from vault import Vault
    v = Vault.open({vault!r}, {old!r})
    print("open", flush=True)
    v.change_passphrase({old!r}, {new!r})
    print("done", flush=True)
    """
)


@pytest.mark.slow
def test_sigkill_mid_change_leaves_a_vault_that_opens(vault, vault_dir):
    """Kill a real process at many instants; both outcomes must occur and both must open."""
    _fill(vault)
    vault.close()
    script = _CHILD.format(repo=str(REPO), vault=str(vault_dir), old=PASSPHRASE, new=NEW)
    outcomes: list[str] = []
    for delay in [0.0, 0.03, 0.06, 0.09, 0.12, 0.15, 0.18, 0.21, 0.25, 0.3, 0.4, 0.6, 1.0, 2.0]:
        child = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
        assert child.stdout is not None
        assert child.stdout.readline().strip() == "open"
        time.sleep(delay)
        os.kill(child.pid, signal.SIGKILL)
        child.wait()
        outcome = _opens_with_old_or_new(vault_dir)
        outcomes.append(outcome)
        if outcome == "new":  # turn it back so the next round starts from the old passphrase
            with Vault.open(vault_dir, NEW) as v:
                v.change_passphrase(NEW, PASSPHRASE)
    assert {"old", "new"} <= set(outcomes), outcomes


def test_a_save_during_the_change_is_never_lost(vault, fast_kdf):
    """A save from another thread either lands in the new file or is refused plainly; it is
    never written into the old file and silently dropped with it."""
    import threading

    from vault import VaultLockedError
    from vault.clients.records import ClientProfile, add_client, list_clients

    started = threading.Event()
    outcome: list[object] = []

    def save() -> None:
        started.wait(5)
        try:
            outcome.append(add_client(vault, ClientProfile(full_name="Demo Mid")))
        except VaultLockedError as exc:
            outcome.append(exc)

    def hook(step: str) -> None:
        if step == "rekey":
            started.set()
            worker.join(0.3)  # the save tries to land while the copy is being re-keyed

    worker = threading.Thread(target=save)
    worker.start()
    new = "demo new passphrase 99"
    vault.change_passphrase(PASSPHRASE, new, kdf_params=fast_kdf, step_hook=hook)
    worker.join(5)
    names = [c.full_name for c in list_clients(vault, "all")]
    assert len(outcome) == 1
    if isinstance(outcome[0], VaultLockedError):
        assert names == []  # refused, and said so: the window keeps the text and retries
    else:
        assert names == ["Demo Mid"]
