"""SIGKILL during a destruction: the client is wholly there or wholly gone, never half.

A real child process (forked from the warm crash server, `tests.support.crash_child`) destroys
a client of a practice with filler notes, so the transaction and the rewrite take a while. It
is killed inside each step it announces (it pauses there), and at random instants. Each round
works on a fresh copy of the same practice; afterwards the copy must open, `verify_vault` must
find nothing (seals and the audit chain included), and the client must be either exactly as
before or gone with every row, with the partner's joint note redacted and the deleted text gone
from every page once the next unlock has finished the rewrite.
"""

from __future__ import annotations

import os
import random
import shutil
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import PASSPHRASE, SESSION_FLOOR
from tests.support.crash_child import ChildRun, CrashServer, crash_server, key_table
from tests.support.figures import RELIABILITY, record_figures
from tests.support.sqlcipher_pages import markers_in_pages
from tests.vault.destruction.practice import GONE, GONE_NAME, Practice, build_practice
from vault import RecordNotFoundError, Vault
from vault.checks import verify_vault
from vault.clients.records import get_client
from vault.destruction.plan import RowCounts, preview_destruction
from vault.notes.records import NoteInput, create_note_from_text, get_note

pytestmark = pytest.mark.slow

STEPS = ("begin", "joint", "notes", "records", "index", "committed", "scrubbed")
KILLS_PER_STEP = 2
RANDOM_KILLS = 16
PAUSE = 0.2


@pytest.fixture
def server() -> Iterator[CrashServer]:
    with crash_server() as s:
        yield s


@pytest.fixture
def rng() -> random.Random:
    seed = int(os.environ.get("CONFIDANT_CRASH_SEED", time.time_ns() % 1_000_000))
    print(f"crash seed {seed}")
    return random.Random(seed)


def _template(folder: Path) -> tuple[Practice, RowCounts, dict[str, str], str]:
    with Vault.create(folder, PASSPHRASE, kdf_params=SESSION_FLOOR) as v:
        practice = build_practice(v)
        for i in range(150):  # enough that the rebuild and the rewrite take a moment
            create_note_from_text(
                v,
                NoteInput(
                    "free", "2018-01-01T10:00", (practice.kept,),
                    f"Demo filler {i} " + "demo words " * 120,
                ),
            )  # fmt: skip
        counts = preview_destruction(v, practice.gone).counts
        keys = key_table((PASSPHRASE, v.header.kdf.salt, v.key()))
        database = v.header.database_name
    return practice, counts, keys, database


def _copy(template: Path, target: Path) -> Path:
    shutil.copytree(template, target, ignore=shutil.ignore_patterns(".lock"))
    return target


def _outcome(folder: Path, practice: Practice, counts: RowCounts) -> tuple[str, list[str]]:
    """("there" | "gone", problems) for the vault as the kill left it."""
    problems: list[str] = []
    with Vault.open(folder, PASSPHRASE) as v:
        problems += [f"verify: {p}" for p in verify_vault(v)]
        try:
            get_client(v, practice.gone)
        except RecordNotFoundError:
            state = "gone"
        else:
            state = "there"
        if state == "there":
            now = preview_destruction(v, practice.gone).counts
            if now != counts:
                problems.append(f"half there: {now} != {counts}")
            if get_note(v, practice.joint_note).content.participants != (
                practice.gone,
                practice.kept,
            ):
                problems.append("the joint note lost a participant but the client is there")
        else:
            joint = get_note(v, practice.joint_note)
            if joint.content.participants != (practice.kept,) or len(joint.redactions) != 1:
                problems.append("gone, but the joint note was not redacted")
            for table in ("consents", "releases", "disclosures", "drafts", "note_participants"):
                column = "key" if table == "drafts" else "client_id"
                value: object = f"client:{practice.gone}" if table == "drafts" else practice.gone
                rows = v.db.query(f"SELECT count(*) FROM {table} WHERE {column} = ?", (value,))
                if rows[0][0]:
                    problems.append(f"half gone: {table} still holds rows")
            left = markers_in_pages(v.directory / v.header.database_name, v.key(), GONE)
            if left:
                problems.append(f"gone, but pages still hold {left}")
    return state, problems


def _kill_at_step(server: CrashServer, run: ChildRun, step: str) -> ChildRun:
    """Kill the child while it pauses inside `step` (it announces the step, then waits)."""
    return server.kill(server.until(run, f"step {step}"))


def test_sigkill_during_a_destruction_leaves_the_client_wholly_there_or_wholly_gone(
    server: CrashServer, tmp_path: Path, rng: random.Random
) -> None:
    template = tmp_path / "template.vault"
    practice, counts, keys, _database = _template(template)
    base = {
        "mode": "destroy",
        "passphrase": PASSPHRASE,
        "client": practice.gone,
        "confirmation": GONE_NAME,
        "keys": keys,
    }
    # One destruction left to finish, to learn how long one takes here.
    whole = _copy(template, tmp_path / "whole.vault")
    run = server.wait(server.start({**base, "vault": str(whole)}))
    assert run.finished and not run.errors, run.lines
    seconds = float(run.events("done")[0][0])
    assert _outcome(whole, practice, counts) == ("gone", [])

    outcomes: dict[str, int] = {"there": 0, "gone": 0}
    problems: list[str] = []
    rounds = [(step, None) for step in STEPS for _ in range(KILLS_PER_STEP)]
    rounds += [(None, rng.uniform(0, seconds * 1.3)) for _ in range(RANDOM_KILLS)]
    for number, (step, delay) in enumerate(rounds):
        folder = _copy(template, tmp_path / f"round-{number}.vault")
        cmd = {**base, "vault": str(folder)}
        if step is not None:
            cmd.update(pause=PAUSE, pause_at=step)
            run = _kill_at_step(server, server.start(cmd), step)
        else:
            run = server.start(cmd)
            if run.status is None:
                time.sleep(delay or 0)
            run = server.kill(run)
        if run.errors:
            problems.append(f"round {number}: child failed: {run.errors[0][:300]}")
            continue
        state, found = _outcome(folder, practice, counts)
        outcomes[state] += 1
        problems += [f"round {number} ({step or f'{delay:.3f}s'}): {p}" for p in found]
        if step in ("begin", "joint", "notes", "records", "index") and state != "there":
            problems.append(f"round {number}: killed before the commit, yet gone")
        if step in ("committed", "scrubbed") and state != "gone":
            problems.append(f"round {number}: killed after the commit, yet there")
        shutil.rmtree(folder)
    figures = record_figures(
        RELIABILITY,
        "crash_destruction",
        kills=len(rounds),
        seconds_per_destruction=round(seconds, 3),
        left_there=outcomes["there"],
        left_gone=outcomes["gone"],
        problems=len(problems),
    )
    print(figures)
    assert problems == []
    assert outcomes["there"] >= len(STEPS[:5]) * KILLS_PER_STEP
    assert outcomes["gone"] >= 2 * KILLS_PER_STEP
