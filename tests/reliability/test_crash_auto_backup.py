"""SIGKILL during the window's automatic backups at lock: never a half backup left behind.

Uses the fork server and the helpers of `test_crash_durability`; a child repeats what the
window does at lock (a change, the snapshot, the vault closes, the copy, rotation keeping
three) and is killed at random moments.
"""

from __future__ import annotations

import os
import random
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import PASSPHRASE, SESSION_FLOOR
from tests.reliability.test_crash_durability import _fill, _kill_after, _window
from tests.support.crash_child import CrashServer, crash_server, key_table
from tests.support.figures import RELIABILITY, record_figures
from vault import Vault
from vault.checks import verify_vault
from vault.clients.records import ClientProfile, add_client
from vault.store.auto_backup import AutoBackupSettings, prepare_automatic
from vault.store.backup_catalog import list_backups

AUTO_BACKUP_KILLS = 16


@pytest.fixture
def server() -> Iterator[CrashServer]:
    """Per test, so the children inherit this test's environment (its machine-state folder)."""
    with crash_server() as s:
        yield s


@pytest.fixture
def rng() -> random.Random:
    seed = int(os.environ.get("CONFIDANT_CRASH_SEED", time.time_ns() % 1_000_000))
    print(f"crash seed {seed}")
    return random.Random(seed)


@pytest.mark.slow
def test_sigkill_during_automatic_backups_at_lock_leaves_no_half_backup(
    server: CrashServer, tmp_path: Path, rng: random.Random
) -> None:
    """Killed while the backup at lock copies, verifies, records its outcome or rotates, or
    while the next unlock writes that outcome into the trail: every backup folder that looks
    complete opens and verifies, the newest reported one is there, the vault's audit chain is
    whole, every reported backup is in it once (and no more than the kills could add: a backup
    that verified just before its kill), and the next backup sweeps what the kill left."""
    vault_dir, dest = tmp_path / "practice.vault", tmp_path / "backups"
    dest.mkdir()
    with Vault.create(vault_dir, PASSPHRASE, kdf_params=SESSION_FLOOR) as v:
        client = add_client(v, ClientProfile(full_name="Demo Auto Backup Client")).id
        _fill(v, client, 200, 2000)
        keys = key_table((PASSPHRASE, v.header.kdf.salt, v.key()))
    cmd = {
        "mode": "auto_backup",
        "vault": str(vault_dir),
        "passphrase": PASSPHRASE,
        "keys": keys,
        "dest": str(dest),
        "client": client,
    }
    run = server.wait(server.start({**cmd, "rounds": 1}))
    assert run.finished and not run.errors, run.lines
    measured = float(run.events("backup")[0][1])
    problems: list[str] = []
    kills, reported_total = 0, 1
    for round_no in range(AUTO_BACKUP_KILLS):
        run = _kill_after(server, server.start(cmd), rng.uniform(0, 4 * _window(measured)))
        kills += 1
        if run.errors:
            problems.append(f"round {round_no}: child failed: {run.errors[0][:300]}")
            break
        reported = [Path(path) for path, _seconds in run.events("backup")]
        reported_total += len(reported)
        if reported and not reported[-1].is_dir():
            problems.append(f"round {round_no}: newest reported backup {reported[-1].name} gone")
        for entry in list_backups(dest):
            if not entry.complete:
                problems.append(f"round {round_no}: {entry.path.name} is a half backup")
                continue
            with Vault.open(entry.path, PASSPHRASE) as b:
                if verify_vault(b):
                    problems.append(f"round {round_no}: {entry.path.name} fails verification")
    with Vault.open(vault_dir, PASSPHRASE) as v:  # takes the last backup's outcome too
        assert verify_vault(v) == []
        outcomes = v.db.query("SELECT action, detail FROM audit_log WHERE action LIKE 'backup.%'")
        at_lock = [d for a, d in outcomes if a == "backup.written" and "at_lock" in d]
        assert [a for a, _d in outcomes if a != "backup.written"] == []  # none failed
        assert len(set(at_lock)) == len(at_lock)  # none written twice
        assert reported_total <= len(at_lock) <= reported_total + kills
        prepare_automatic(v, AutoBackupSettings(dest), at_lock=False).run()
    hidden = [p.name for p in dest.iterdir() if p.name.startswith(".")]
    print(
        record_figures(
            RELIABILITY,
            "crash_auto_backup",
            kills=kills,
            problems=len(problems),
            seconds_per_backup=round(measured, 3),
            backups_reported=reported_total,
            backups_in_trail=len(at_lock),
            left_after_next=len(hidden),
        )
    )
    assert kills >= 10
    assert problems == []
    assert hidden == []
