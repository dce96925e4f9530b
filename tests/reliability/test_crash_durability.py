"""SIGKILL at random moments: every save that returned survives, and the vault always opens.

A real child process (forked from a warm server, see `tests.support.crash_child`) saves notes,
autosaves a draft and keeps unsaved edits in a loop, changes the passphrase, backs up or
restores; it reports each step only after the call returned. The parent kills it at a random
instant, then checks: the vault opens (with the old or the new passphrase), `verify_vault` finds
nothing, every reported step is there, and no stray file is left once the next open (or backup)
has swept. Each scenario records its figures in ``tests/reliability/.figures/``.
"""

from __future__ import annotations

import dataclasses
import json
import os
import random
import shutil
import statistics
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import PASSPHRASE, SESSION_FLOOR
from tests.support.crash_child import ChildRun, CrashServer, crash_server, key_table
from tests.support.figures import RELIABILITY, record_figures
from vault import Vault, WrongPassphraseError
from vault.checks import verify_vault
from vault.clients.records import ClientProfile, add_client
from vault.notes.records import NoteInput, count_notes, create_note_from_text, get_note, note_body
from vault.store import kdf
from vault.store.backup import BACKUP_PREFIX, backup_vault
from vault.store.layout import HEADER_NAME, LOCK_NAME
from vault.store.staging import RESTORING, sweep_abandoned
from vault.store.unsaved_edits import load_unsaved_edit

pytestmark = pytest.mark.slow

NEW = "a brand new demo passphrase 42"
SAVE_KILLS = 210
PASSWD_KILLS = 34
BACKUP_KILLS = 24
RESTORE_OVER_KILLS = 16
RESTORE_FRESH_KILLS = 8
KILL_WINDOW = 0.150  # seconds after "ready"; widened to cover a whole one-shot step


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


def _strays(vault_dir: Path, database_name: str) -> list[str]:
    """Names in a closed vault folder beyond the documented ones (vault/store/layout.py)."""
    allowed = {HEADER_NAME, database_name, LOCK_NAME}
    return sorted(p.name for p in vault_dir.iterdir() if p.name not in allowed)


def _fill(vault: Vault, client: int, n: int, size: int) -> None:
    for i in range(n):
        create_note_from_text(
            vault,
            NoteInput(
                kind="free",
                session_start="2026-02-02T10:00",
                participants=(client,),
                body=f"Demo filler {i} " + "demo words " * (size // 11),
            ),
        )


def _kill_after(server: CrashServer, run: ChildRun, delay: float) -> ChildRun:
    if run.status is None:
        time.sleep(delay)
    return server.kill(run)


def _false_rollback(vault: Vault) -> str:
    """A kill must never make a vault look rolled back (`Vault.rollback_warning`)."""
    return str(getattr(vault, "rollback_warning", "") or "")


def _window(measured: float) -> float:
    """For a looping child: at least the usual 150 ms, and a whole step or more."""
    return max(KILL_WINDOW, measured * 1.25)


class OneShotWindow:
    """For a child that does one step and ends: kill within the step's (median) duration, so
    nearly every kill lands inside it; steps that finished first teach it their duration."""

    def __init__(self, first: float) -> None:
        self.durations = [first]

    def learn(self, run: ChildRun) -> None:
        self.durations.extend(float(seconds) for (seconds,) in run.events("done"))

    def delay(self, rng: random.Random) -> float:
        return rng.uniform(0, statistics.median(self.durations) * 1.3)


# ----- saves, autosaves and unsaved edits ------------------------------------------------------


def test_sigkill_during_saves_and_autosaves_loses_no_committed_work(
    server: CrashServer, tmp_path: Path, rng: random.Random
) -> None:
    vault_dir = tmp_path / "practice.vault"
    with Vault.create(vault_dir, PASSPHRASE, kdf_params=SESSION_FLOOR) as v:
        client = add_client(v, ClientProfile(full_name="Demo Crash Client")).id
        keys = key_table((PASSPHRASE, v.header.kdf.salt, v.key()))
        database_name = v.header.database_name
    committed = {"notes": 0, "drafts": 0, "edits": 0}
    lost: list[str] = []
    problems: list[str] = []
    strays: list[str] = []
    warnings: list[str] = []
    kills = 0
    for round_no in range(SAVE_KILLS):
        tag = f"r{round_no}"
        cmd = {
            "mode": "saves",
            "vault": str(vault_dir),
            "passphrase": PASSPHRASE,
            "client": client,
            "tag": tag,
            "keys": keys,
        }
        run = _kill_after(server, server.start(cmd), rng.uniform(0, KILL_WINDOW))
        kills += 1
        if run.errors:
            problems.append(f"round {round_no}: child failed: {run.errors[0][:300]}")
            continue
        notes = run.events("note")
        drafts = run.events("draft")
        edits = run.events("edit")
        committed["notes"] += len(notes)
        committed["drafts"] += len(drafts)
        committed["edits"] += len(edits)
        try:
            with Vault.open(vault_dir, PASSPHRASE) as v:
                found = verify_vault(v)
                if found:
                    problems.append(f"round {round_no}: verify_vault: {found[:3]}")
                if _false_rollback(v):
                    warnings.append(f"round {round_no}: {_false_rollback(v)}")
                for note_id, i in notes:
                    if note_body(v, int(note_id)) != f"Demo crash {tag} {i}":
                        lost.append(f"round {round_no}: note {note_id}")
                if drafts:
                    draft_id, chars = (int(x) for x in drafts[-1])
                    text = get_note(v, draft_id).content.sections[0].text
                    if len(text) < chars or not text.startswith("Demo word"):
                        lost.append(f"round {round_no}: draft {draft_id} ({len(text)} < {chars})")
                if edits:
                    payload = load_unsaved_edit(v, f"client:{client}")
                    if payload is None or json.loads(payload)["i"] < int(edits[-1][0]):
                        lost.append(f"round {round_no}: unsaved edit {edits[-1][0]}")
        except Exception as exc:  # any failure to open is a finding, recorded with its type
            problems.append(f"round {round_no}: reopening raised {type(exc).__name__}: {exc}")
            break
        strays += [f"round {round_no}: {name}" for name in _strays(vault_dir, database_name)]
    figures = record_figures(
        RELIABILITY,
        "crash_saves",
        kills=kills,
        committed_notes=committed["notes"],
        committed_autosaves=committed["drafts"],
        committed_unsaved_edits=committed["edits"],
        lost=len(lost),
        problems=len(problems),
        stray_files=len(strays),
        false_rollback_warnings=len(warnings),
    )
    print(figures)
    assert warnings == []
    assert kills >= 200
    assert committed["notes"] > kills  # the kills landed among saves, not before the first
    assert problems == []
    assert lost == []
    assert strays == []


# ----- passphrase change -----------------------------------------------------------------------


def test_sigkill_during_passphrase_change_leaves_old_or_new_never_neither(
    server: CrashServer, tmp_path: Path, rng: random.Random
) -> None:
    vault_dir = tmp_path / "practice.vault"
    salt_new = kdf.new_salt()
    with Vault.create(vault_dir, PASSPHRASE, kdf_params=SESSION_FLOOR) as v:
        client = add_client(v, ClientProfile(full_name="Demo Passwd Client")).id
        _fill(v, client, 120, 1500)
        expected_notes = count_notes(v)
        salt_old = v.header.kdf.salt
        key_old = v.key()
    params_new = dataclasses.replace(SESSION_FLOOR, salt=salt_new)
    key_new = kdf.derive_key(NEW, params_new)
    keys = key_table((PASSPHRASE, salt_old, key_old), (NEW, salt_new, key_new))
    salts = {PASSPHRASE: salt_old.hex(), NEW: salt_new.hex()}
    current = PASSPHRASE

    def command(frm: str, to: str) -> dict[str, object]:
        return {
            "mode": "passwd",
            "vault": str(vault_dir),
            "current": frm,
            "new": to,
            "keys": keys,
            "salt": salts[to],
        }

    def other(phrase: str) -> str:
        return NEW if phrase == PASSPHRASE else PASSPHRASE

    # One uninterrupted change, to learn how long a whole change takes here.
    run = server.wait(server.start(command(current, other(current))))
    assert run.finished and not run.errors, run.lines
    window = OneShotWindow(float(run.events("done")[0][0]))
    current = other(current)
    outcomes = {"old": 0, "new": 0}
    finished_first = 0
    problems: list[str] = []
    strays: list[str] = []
    for round_no in range(PASSWD_KILLS * 3):
        if sum(outcomes.values()) >= PASSWD_KILLS:
            break
        target = other(current)
        run = _kill_after(server, server.start(command(current, target)), window.delay(rng))
        window.learn(run)
        if run.errors:
            problems.append(f"round {round_no}: child failed: {run.errors[0][:300]}")
            break
        opened_with = None
        for phrase in (current, target):
            try:
                with Vault.open(vault_dir, phrase) as v:
                    found = verify_vault(v)
                    if found:
                        problems.append(f"round {round_no}: verify_vault: {found[:3]}")
                    if count_notes(v) != expected_notes:
                        problems.append(f"round {round_no}: {count_notes(v)} notes")
                    if _false_rollback(v):
                        problems.append(f"round {round_no}: warned {_false_rollback(v)}")
                    database_name = v.header.database_name
                opened_with = phrase
                break
            except WrongPassphraseError:
                continue
            except Exception as exc:
                problems.append(f"round {round_no}: open raised {type(exc).__name__}: {exc}")
                break
        if opened_with is None:
            problems.append(f"round {round_no}: opens with neither passphrase")
            break
        if run.finished:
            finished_first += 1  # the change ended before the kill: not counted as a kill
            if opened_with != target:
                problems.append(f"round {round_no}: a finished change did not take")
        else:
            outcomes["new" if opened_with == target else "old"] += 1
        current = opened_with
        strays += [f"round {round_no}: {name}" for name in _strays(vault_dir, database_name)]
    kills = outcomes["old"] + outcomes["new"]
    figures = record_figures(
        RELIABILITY,
        "crash_passphrase_change",
        kills=kills,
        opened_with_old=outcomes["old"],
        opened_with_new=outcomes["new"],
        opened_with_neither=len([p for p in problems if "neither" in p]),
        lost=len([p for p in problems if "notes" in p]),
        problems=len(problems),
        stray_files=len(strays),
        changes_that_finished_before_the_kill=finished_first,
        seconds_per_change=round(statistics.median(window.durations), 3),
    )
    print(figures)
    assert problems == []
    assert kills >= 30
    # Kills before the header commit keep the old passphrase; the window after it is short, so
    # the new one is seen from late kills or from changes that just finished.
    assert outcomes["old"] and (outcomes["new"] or finished_first), outcomes
    assert strays == []


# ----- backup ----------------------------------------------------------------------------------


def _complete_backups(dest: Path) -> list[Path]:
    return sorted(p for p in dest.iterdir() if p.name.startswith(BACKUP_PREFIX))


def _partials(dest: Path) -> list[Path]:
    return sorted(p for p in dest.iterdir() if not p.name.startswith(BACKUP_PREFIX))


def test_sigkill_during_backup_keeps_the_vault_and_every_finished_backup(
    server: CrashServer, tmp_path: Path, rng: random.Random
) -> None:
    vault_dir = tmp_path / "practice.vault"
    dest = tmp_path / "backups"
    dest.mkdir()
    with Vault.create(vault_dir, PASSPHRASE, kdf_params=SESSION_FLOOR) as v:
        client = add_client(v, ClientProfile(full_name="Demo Backup Client")).id
        _fill(v, client, 300, 2000)
        expected_notes = count_notes(v)
        keys = key_table((PASSPHRASE, v.header.kdf.salt, v.key()))
        database_name = v.header.database_name
    cmd = {
        "mode": "backup",
        "vault": str(vault_dir),
        "passphrase": PASSPHRASE,
        "keys": keys,
        "dest": str(dest),
    }
    run = server.wait(server.start({**cmd, "rounds": 1}))
    assert run.finished and not run.errors, run.lines
    measured = float(run.events("backup")[0][1])
    shutil.rmtree(dest)
    dest.mkdir()
    problems: list[str] = []
    finished_backups = 0
    partial_after_kill = 0
    partial_after_sweep: list[str] = []
    strays: list[str] = []
    kills = 0
    for round_no in range(BACKUP_KILLS):
        run = _kill_after(
            server,
            server.start(cmd),
            rng.uniform(0, _window(measured)),
        )
        kills += 1
        if run.errors:
            problems.append(f"round {round_no}: child failed: {run.errors[0][:300]}")
            break
        reported = {Path(path) for path, _seconds in run.events("backup")}
        finished_backups += len(reported)
        present = set(_complete_backups(dest))
        problems += [
            f"round {round_no}: reported backup {p.name} is gone" for p in reported - present
        ]
        for backup in present:
            try:
                with Vault.open(backup, PASSPHRASE) as b:
                    found = verify_vault(b)
                    if found or count_notes(b) != expected_notes:
                        problems.append(f"round {round_no}: backup {backup.name}: {found[:3]}")
            except Exception as exc:
                problems.append(
                    f"round {round_no}: backup {backup.name} raised {type(exc).__name__}: {exc}"
                )
            shutil.rmtree(backup)
        partial_after_kill += len(_partials(dest))
        try:
            with Vault.open(vault_dir, PASSPHRASE) as v:
                found = verify_vault(v)
                if found or count_notes(v) != expected_notes:
                    problems.append(f"round {round_no}: live vault: {found[:3]}")
                if _false_rollback(v):
                    problems.append(f"round {round_no}: warned {_false_rollback(v)}")
                swept = backup_vault(v, dest)  # the next backup sweeps what a kill left
        except Exception as exc:
            problems.append(f"round {round_no}: live vault raised {type(exc).__name__}: {exc}")
            break
        partial_after_sweep += [f"round {round_no}: {p.name}" for p in _partials(dest)]
        shutil.rmtree(swept)
        for leftover in _partials(dest):  # keep the next round's count honest
            shutil.rmtree(leftover, ignore_errors=True)
        strays += [f"round {round_no}: {name}" for name in _strays(vault_dir, database_name)]
    figures = record_figures(
        RELIABILITY,
        "crash_backup",
        kills=kills,
        finished_backups_reported=finished_backups,
        lost=len([p for p in problems if "gone" in p]),
        problems=len(problems),
        partial_folders_left_by_kills=partial_after_kill,
        partial_folders_after_next_backup=len(partial_after_sweep),
        stray_files_in_vault=len(strays),
        seconds_per_backup=round(measured, 3),
    )
    print(figures)
    assert kills >= 20
    assert problems == []
    assert partial_after_sweep == []
    assert strays == []


# ----- restore ---------------------------------------------------------------------------------


def _kept_aside(parent: Path, name: str) -> list[Path]:
    return sorted(parent.glob(f"{name}.before-restore-*"))


def test_sigkill_during_restore_leaves_the_old_vault_or_the_backup_never_a_mix(
    server: CrashServer, tmp_path: Path, rng: random.Random
) -> None:
    live_parent = tmp_path / "live"
    live_parent.mkdir()
    vault_dir = live_parent / "practice.vault"
    dest = tmp_path / "backups"
    dest.mkdir()
    with Vault.create(vault_dir, PASSPHRASE, kdf_params=SESSION_FLOOR) as v:
        client = add_client(v, ClientProfile(full_name="Demo Restore Client")).id
        _fill(v, client, 200, 2000)
        backup_notes = count_notes(v)
        backup = backup_vault(v, dest)
        _fill(v, client, 5, 100)
        live_notes = count_notes(v)
        keys = key_table((PASSPHRASE, v.header.kdf.salt, v.key()))

    def command(target: Path) -> dict[str, object]:
        return {
            "mode": "restore",
            "backup": str(backup),
            "vault": str(target),
            "passphrase": PASSPHRASE,
            "keys": keys,
        }

    run = server.wait(server.start(command(vault_dir)))
    assert run.finished and not run.errors, run.lines
    window = OneShotWindow(float(run.events("done")[0][0]))
    finished_first = 0
    outcomes = {"kept": 0, "restored": 0}
    problems: list[str] = []
    strays: list[str] = []
    partial_aside = 0

    def reset_live() -> None:
        with Vault.open(vault_dir, PASSPHRASE) as v:
            if count_notes(v) == backup_notes:
                _fill(v, client, 5, 100)

    reset_live()
    for p in _kept_aside(live_parent, vault_dir.name):
        shutil.rmtree(p)
    for round_no in range(RESTORE_OVER_KILLS * 3):
        if sum(outcomes.values()) >= RESTORE_OVER_KILLS:
            break
        run = _kill_after(server, server.start(command(vault_dir)), window.delay(rng))
        window.learn(run)
        if run.errors:
            problems.append(f"round {round_no}: child failed: {run.errors[0][:300]}")
            break
        try:
            with Vault.open(vault_dir, PASSPHRASE) as v:
                found = verify_vault(v)
                notes = count_notes(v)
                database_name = v.header.database_name
                if _false_rollback(v):
                    problems.append(f"round {round_no}: warned {_false_rollback(v)}")
            if found:
                problems.append(f"round {round_no}: verify_vault: {found[:3]}")
            if notes not in (live_notes, backup_notes):
                problems.append(f"round {round_no}: {notes} notes, a mix of old and restored")
            if run.finished:
                finished_first += 1
                if notes != backup_notes:
                    problems.append(f"round {round_no}: a finished restore did not take")
            else:
                outcomes["restored" if notes == backup_notes else "kept"] += 1
        except Exception as exc:
            problems.append(f"round {round_no}: open raised {type(exc).__name__}: {exc}")
            break
        strays += [f"round {round_no}: {name}" for name in _strays(vault_dir, database_name)]
        for aside in _kept_aside(live_parent, vault_dir.name):
            if not (aside / HEADER_NAME).is_file():
                partial_aside += 1
            shutil.rmtree(aside)
        strays += [f"round {round_no}: {p.name}" for p in live_parent.iterdir() if p != vault_dir]
        reset_live()

    fresh_parent = tmp_path / "fresh"
    fresh_parent.mkdir()
    fresh = fresh_parent / "restored.vault"
    fresh_outcomes = {"absent": 0, "restored": 0}
    for round_no in range(RESTORE_FRESH_KILLS * 3):
        if sum(fresh_outcomes.values()) >= RESTORE_FRESH_KILLS:
            break
        run = _kill_after(server, server.start(command(fresh)), window.delay(rng))
        window.learn(run)
        if run.errors:
            problems.append(f"fresh round {round_no}: child failed: {run.errors[0][:300]}")
            break
        if run.finished:
            finished_first += 1
        if fresh.exists():
            try:
                with Vault.open(fresh, PASSPHRASE) as v:
                    found = verify_vault(v)
                    if found or count_notes(v) != backup_notes:
                        problems.append(f"fresh round {round_no}: {found[:3]}")
            except Exception as exc:
                problems.append(f"fresh round {round_no}: {type(exc).__name__}: {exc}")
            if not run.finished:
                fresh_outcomes["restored"] += 1
            shutil.rmtree(fresh)
        elif run.finished:
            problems.append(f"fresh round {round_no}: a finished restore left no vault")
        else:
            fresh_outcomes["absent"] += 1
        # What the next restore (or opening the vault there) sweeps first.
        sweep_abandoned(fresh_parent, RESTORING)
        for leftover in fresh_parent.iterdir():
            strays.append(f"fresh round {round_no}: {leftover.name}")
            shutil.rmtree(leftover, ignore_errors=True)
    kills = sum(outcomes.values()) + sum(fresh_outcomes.values())
    figures = record_figures(
        RELIABILITY,
        "crash_restore",
        kills=kills,
        over_existing_kept_old=outcomes["kept"],
        over_existing_restored=outcomes["restored"],
        into_new_folder_absent=fresh_outcomes["absent"],
        into_new_folder_restored=fresh_outcomes["restored"],
        lost_or_mixed=len([p for p in problems if "mix" in p]),
        problems=len(problems),
        partial_copies_kept_aside=partial_aside,
        stray_files=len(strays),
        restores_that_finished_before_the_kill=finished_first,
        seconds_per_restore=round(statistics.median(window.durations), 3),
    )
    print(figures)
    assert kills >= 20
    assert problems == []
    assert strays == []
