"""Load: six threads saving, autosaving, editing, searching and backing up on one open vault.

For a bounded time, then the vault is locked while they are still running. While unlocked no
call may fail; once locked, every call must fail with `VaultLockedError` (a backup cut short says
so with `BackupError`), never with a raw database error. Reopened, every save that returned is
there and the vault passes its checks.
"""

from __future__ import annotations

import json
import threading
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import PASSPHRASE
from tests.support.figures import RELIABILITY, record_figures
from tests.vault.note_helpers import soap
from vault import BackupError, Vault, VaultLockedError
from vault.checks import verify_vault
from vault.clients.records import ClientProfile, add_client, list_clients, update_client
from vault.notes.records import NoteInput, create_note_from_text, get_note, note_body
from vault.notes.unsigned import autosave_note
from vault.search.engine import search_notes
from vault.store.backup import backup_vault
from vault.store.unsaved_edits import keep_unsaved_edit, load_unsaved_edit

pytestmark = pytest.mark.slow

RUN_SECONDS = 5.0


class Worker(threading.Thread):
    """Calls `step(i)` until told to stop; sorts what went wrong into before/after the lock."""

    def __init__(self, name: str, step: Callable[[int], None], locked: threading.Event) -> None:
        super().__init__(name=name, daemon=True)
        self.step = step
        self.locked = locked
        self.stop = threading.Event()
        self.calls = 0
        self.errors_unlocked: list[str] = []
        self.errors_after_lock: Counter[str] = Counter()

    def run(self) -> None:
        i = 0
        while not self.stop.is_set():
            was_locked = self.locked.is_set()
            try:
                self.step(i)
                self.calls += 1
            except (VaultLockedError, BackupError) as exc:
                if not was_locked and not self.locked.is_set():
                    self.errors_unlocked.append(f"{type(exc).__name__}: {exc}")
                else:
                    self.errors_after_lock[type(exc).__name__] += 1
            except Exception as exc:
                if was_locked or self.locked.is_set():
                    self.errors_after_lock[f"{type(exc).__module__}.{type(exc).__name__}"] += 1
                else:
                    self.errors_unlocked.append(f"{type(exc).__name__}: {exc}")
            i += 1
            if self.locked.is_set() and sum(self.errors_after_lock.values()) > 20:
                return


def test_six_threads_on_one_vault_then_a_lock_lose_nothing(vault, vault_dir, tmp_path: Path):
    clients = [add_client(vault, ClientProfile(full_name=f"Demo Load {i}")).id for i in range(3)]
    dest = tmp_path / "backups"
    dest.mkdir()
    locked = threading.Event()
    saved: dict[int, str] = {}
    saved_lock = threading.Lock()
    draft: dict[str, object] = {"id": None, "chars": 0}
    last_edit = {"i": -1}
    backups: list[Path] = []

    def save(tag: str) -> Callable[[int], None]:
        def step(i: int) -> None:
            body = f"Demo load {tag} {i} jkrloadword"
            note_id = create_note_from_text(
                vault,
                NoteInput(
                    kind="free",
                    session_start="2026-03-03T10:00",
                    participants=(clients[i % len(clients)],),
                    body=body,
                ),
            )
            with saved_lock:
                saved[note_id] = body

        return step

    text: list[str] = []

    def autosave(i: int) -> None:
        text.append(f"Demo typed {i}. ")
        whole = "".join(text)
        draft["id"] = autosave_note(vault, draft["id"], soap((clients[0],), subjective=whole))  # type: ignore[arg-type]
        draft["chars"] = len(whole)

    def edit(i: int) -> None:
        if i % 2:
            update_client(vault, clients[1], ClientProfile(full_name=f"Demo Load Renamed {i}"))
        else:
            keep_unsaved_edit(vault, f"client:{clients[2]}", json.dumps({"i": i}))
            last_edit["i"] = i

    def search(i: int) -> None:
        search_notes(vault, ["jkrloadword", "demo load", "typed", "Renamed*"][i % 4])
        list_clients(vault, "all", "load")

    def back_up(_i: int) -> None:
        backups.append(backup_vault(vault, dest))

    workers = [
        Worker("save-a", save("a"), locked),
        Worker("save-b", save("b"), locked),
        Worker("autosave", autosave, locked),
        Worker("edit", edit, locked),
        Worker("search", search, locked),
        Worker("backup", back_up, locked),
    ]
    for worker in workers:
        worker.start()
    time.sleep(RUN_SECONDS)
    locked.set()
    vault.close()  # the lock races whatever each thread is doing
    time.sleep(0.3)
    for worker in workers:
        worker.stop.set()
    for worker in workers:
        worker.join(timeout=30)
    assert not any(worker.is_alive() for worker in workers)

    after_lock: Counter[str] = Counter()
    for worker in workers:
        after_lock.update(worker.errors_after_lock)
    unlocked_errors = {w.name: w.errors_unlocked for w in workers if w.errors_unlocked}
    lost: list[str] = []
    with Vault.open(vault_dir, PASSPHRASE) as again:
        problems = verify_vault(again)
        for note_id, body in saved.items():
            if note_body(again, note_id) != body:
                lost.append(f"note {note_id}")
        if draft["id"] is not None:
            kept = get_note(again, int(draft["id"])).content.sections[0].text  # type: ignore[arg-type]
            if len(kept) < int(draft["chars"]):  # type: ignore[arg-type]
                lost.append("autosaved draft")
        if last_edit["i"] >= 0:
            payload = load_unsaved_edit(again, f"client:{clients[2]}")
            if payload is None or json.loads(payload)["i"] < last_edit["i"]:
                lost.append("unsaved edit")
    for backup in backups:
        with Vault.open(backup, PASSPHRASE) as b:
            if verify_vault(b):
                problems.append(f"backup {backup.name} fails its check")
    calls = {w.name: w.calls for w in workers}
    figures = record_figures(
        RELIABILITY,
        "load_six_threads",
        seconds=RUN_SECONDS,
        threads=len(workers),
        calls=calls,
        notes_saved=len(saved),
        backups=len(backups),
        lost=len(lost),
        errors_while_unlocked=sum(len(v) for v in unlocked_errors.values()),
        errors_after_lock=dict(after_lock),
    )
    print(figures)
    assert unlocked_errors == {}
    assert problems == []
    assert lost == []
    assert len(saved) > 20 and backups
    assert set(after_lock) <= {"VaultLockedError", "BackupError", "BackupAbandonedError"}, (
        after_lock
    )


def test_a_lock_racing_running_calls_only_ever_says_locked(vault_dir, fast_kdf, tmp_path: Path):
    """Many short rounds: threads mid-call while the vault locks at a random instant."""
    import random

    rng = random.Random(99)
    with Vault.create(vault_dir, PASSPHRASE, kdf_params=fast_kdf) as v:
        client = add_client(v, ClientProfile(full_name="Demo Race")).id
    dest = tmp_path / "backups"
    dest.mkdir()
    seen: Counter[str] = Counter()
    rounds = 40
    for _ in range(rounds):
        vault = Vault.open(vault_dir, PASSPHRASE)
        locked = threading.Event()
        steps: list[Callable[[int], None]] = [
            lambda i, v=vault: create_note_from_text(
                v,
                NoteInput(
                    kind="free",
                    session_start="2026-03-03T10:00",
                    participants=(client,),
                    body=f"Demo race {i}",
                ),
            ),
            lambda i, v=vault: search_notes(v, "race"),
            lambda i, v=vault: autosave_note(v, None, soap((client,), subjective=f"Demo {i}")),
            lambda i, v=vault: list_clients(v, "all"),
            lambda _i, v=vault: backup_vault(v, dest),
            lambda i, v=vault: verify_vault(v),
        ]
        workers = [Worker(f"w{n}", step, locked) for n, step in enumerate(steps)]
        for worker in workers:
            worker.start()
        time.sleep(rng.uniform(0, 0.05))
        locked.set()
        vault.close()
        time.sleep(0.02)
        for worker in workers:
            worker.stop.set()
            worker.join(timeout=30)
            seen.update(worker.errors_after_lock)
            assert worker.errors_unlocked == [], worker.errors_unlocked
    with Vault.open(vault_dir, PASSPHRASE) as again:
        assert verify_vault(again) == []
    record_figures(
        RELIABILITY, "load_lock_races", rounds=rounds, threads=6, errors_after_lock=dict(seen)
    )
    assert set(seen) <= {"VaultLockedError", "BackupError", "BackupAbandonedError"}, seen
