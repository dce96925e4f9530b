"""SIGKILL during an export and during an import: no partial file, no half-imported client.

Uses the fork server (`tests.support.crash_child`): a child exports one client's record (or
imports one export) over and over and is killed at random moments. After each kill the
destination holds only whole exports that open with their password (the hidden encrypted
partial of the one in progress is swept by the next export), and the importing vault holds
only whole clients, every signature verifiable.
"""

from __future__ import annotations

import json
import os
import random
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import pyzipper

from tests.conftest import PASSPHRASE, SESSION_FLOOR
from tests.reliability.test_crash_durability import _fill, _kill_after, _window
from tests.support.crash_child import CrashServer, crash_server, key_table
from tests.support.figures import RELIABILITY, record_figures
from vault import Vault
from vault.checks import verify_vault
from vault.clients.records import ClientProfile, add_client
from vault.export.exporting import export_record
from vault.export.model import ExportSelection
from vault.export.writing import PARTIAL_MARK

pytestmark = pytest.mark.slow
KILLS = 12
PASSWORD = "maple cinema orbit lantern quartz"
NOTES = 300


@pytest.fixture
def server() -> Iterator[CrashServer]:
    with crash_server() as s:
        yield s


@pytest.fixture
def rng() -> random.Random:
    seed = int(os.environ.get("CONFIDANT_CRASH_SEED", time.time_ns() % 1_000_000))
    print(f"crash seed {seed}")
    return random.Random(seed)


def _source(tmp_path: Path) -> tuple[Path, int, dict[str, str]]:
    vault_dir = tmp_path / "practice.vault"
    with Vault.create(vault_dir, PASSPHRASE, kdf_params=SESSION_FLOOR) as v:
        client = add_client(v, ClientProfile(full_name="Demo Crash Export Client")).id
        _fill(v, client, NOTES, 2000)
        keys = key_table((PASSPHRASE, v.header.kdf.salt, v.key()))
    return vault_dir, client, keys


def _opens(path: Path) -> bool:
    with pyzipper.AESZipFile(path) as zf:
        zf.setpassword(PASSWORD.encode())
        return len(json.loads(zf.read("record.json"))["notes"]) == NOTES


def test_sigkill_during_export_leaves_no_partial_file(
    server: CrashServer, tmp_path: Path, rng: random.Random
) -> None:
    vault_dir, client, keys = _source(tmp_path)
    dest = tmp_path / "exports"
    dest.mkdir()
    cmd = {"mode": "export", "vault": str(vault_dir), "passphrase": PASSPHRASE, "keys": keys,
           "dest": str(dest), "client": client, "password": PASSWORD}  # fmt: skip
    run = server.wait(server.start({**cmd, "tag": "first", "rounds": 1}))
    assert run.finished and not run.errors, run.lines
    measured = float(run.events("export")[0][1])
    problems: list[str] = []
    for round_no in range(KILLS):
        run = _kill_after(
            server,
            server.start({**cmd, "tag": f"r{round_no}"}),
            rng.uniform(0, 3 * _window(measured)),
        )
        if run.errors:
            problems.append(f"round {round_no}: {run.errors[0][:300]}")
            break
        for path in dest.iterdir():
            if PARTIAL_MARK in path.name:
                if b"Demo filler" in path.read_bytes():
                    problems.append(f"round {round_no}: plaintext in {path.name}")
            elif not _opens(path):
                problems.append(f"round {round_no}: {path.name} is not a whole export")
    with Vault.open(vault_dir, PASSPHRASE) as v:
        assert verify_vault(v) == []
        export_record(v, ExportSelection(client), "json", dest / "last.zip", password=PASSWORD)
    partials = [p.name for p in dest.iterdir() if PARTIAL_MARK in p.name]
    print(record_figures(RELIABILITY, "crash_export", kills=KILLS, problems=len(problems),
                         seconds_per_export=round(measured, 3)))  # fmt: skip
    assert problems == [] and partials == []


def test_sigkill_during_import_leaves_no_half_imported_client(
    server: CrashServer, tmp_path: Path, rng: random.Random
) -> None:
    vault_dir, client, _ = _source(tmp_path)
    export_file = tmp_path / "record.zip"
    with Vault.open(vault_dir, PASSPHRASE) as v:
        export_record(v, ExportSelection(client), "json", export_file, password=PASSWORD)
    target = tmp_path / "target.vault"
    with Vault.create(target, PASSPHRASE, kdf_params=SESSION_FLOOR) as t:
        keys = key_table((PASSPHRASE, t.header.kdf.salt, t.key()))
    cmd = {"mode": "import", "vault": str(target), "passphrase": PASSPHRASE, "keys": keys,
           "file": str(export_file), "password": PASSWORD}  # fmt: skip
    run = server.wait(server.start({**cmd, "rounds": 1}))
    assert run.finished and not run.errors, run.lines
    measured = float(run.events("import")[0][1])
    problems: list[str] = []
    for round_no in range(KILLS):
        run = _kill_after(server, server.start(cmd), rng.uniform(0, 3 * _window(measured)))
        if run.errors:
            problems.append(f"round {round_no}: {run.errors[0][:300]}")
            break
        with Vault.open(target, PASSPHRASE) as t:
            counts = t.db.query(
                "SELECT c.id, (SELECT count(*) FROM note_participants p WHERE p.client_id = c.id) "
                "FROM clients c"
            )
            half = [int(r[0]) for r in counts if int(r[1]) != NOTES]
            if half:
                problems.append(f"round {round_no}: clients {half} were imported in part")
            problems.extend(f"round {round_no}: {p}" for p in verify_vault(t))
    print(record_figures(RELIABILITY, "crash_import", kills=KILLS, problems=len(problems),
                         seconds_per_import=round(measured, 3)))  # fmt: skip
    assert problems == []
