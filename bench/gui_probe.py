"""Runs inside a child process: the real window, offscreen, timed from the inside.

``python -m bench.gui_probe cold-start VAULT`` prints the wall-clock time of the unlock
screen's first paint (the parent subtracts its own start time). ``unlock VAULT CLIENT_ID``
reads the passphrase from stdin, then times Argon2, opening the vault, and the main window
becoming ready, opens the heavy client and searches, and reports peak resident memory.
``backup-stall VAULT BACKUP_DIR CLIENT_ID`` (passphrase on stdin) runs Back Up Now in the window
and reports how late a 10 ms timer fired at worst, and the slowest GUI-thread read, meanwhile.
``auto-backup-stall VAULT BACKUP_DIR CLIENT_ID`` does the same for the daily automatic backup
(on the background helper, as the window starts it), and ``lock-backup-stall`` for the backup at
lock (the timer runs from the moment Lock is asked for until the copy has verified);
``lock-without-backup`` is that lock with no backup folder, the control for the lock's own work.
One JSON object is printed on stdout.
"""

from __future__ import annotations

import json
import os
import resource
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from typing import Any

from PySide6.QtCore import QEvent, QEventLoop, QObject, QSettings, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from ui.kit.icons import app_icon, stylesheet
from ui.shell.app import APP_NAME, register_features
from ui.shell.controller import AppController
from ui.shell.settings_store import AppSettings


class _FirstPaint(QObject):
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt name
        if event.type() == QEvent.Type.Paint:
            print(json.dumps({"first_paint": time.time()}), flush=True)
            os._exit(0)
        return False


def _controller(vault_dir: Path) -> tuple[QApplication, AppController]:
    app = QApplication([sys.argv[0]])
    app.setApplicationName(APP_NAME)
    app.setWindowIcon(app_icon())
    app.setStyleSheet(stylesheet())
    settings = AppSettings(QSettings(APP_NAME, APP_NAME))
    settings.last_vault_path = vault_dir
    controller = AppController(settings)
    register_features(controller)
    return app, controller


def cold_start(vault_dir: Path) -> None:
    app, controller = _controller(vault_dir)
    watcher = _FirstPaint()
    controller.window.unlock_screen.installEventFilter(watcher)
    controller.start()
    app.exec()


def _pump_until(app: QApplication, done: object, timeout_s: float = 30) -> None:
    deadline = time.perf_counter() + timeout_s
    while not done() and time.perf_counter() < deadline:  # type: ignore[operator]
        app.processEvents()


def unlock(vault_dir: Path, client_id: int) -> None:
    from ui.kit.background import jobs_pending
    from vault import Vault
    from vault.search.engine import search_notes
    from vault.store.header import read_header
    from vault.store.kdf import derive_key

    passphrase = sys.stdin.readline().rstrip("\n")
    app, controller = _controller(vault_dir)
    controller.start()
    app.processEvents()
    header = read_header(vault_dir)
    started = time.perf_counter()
    key = derive_key(passphrase, header.kdf)
    argon2_ms = (time.perf_counter() - started) * 1000
    started = time.perf_counter()
    vault = Vault._unlock_with_key(vault_dir, header, key)  # what Vault.open does after Argon2
    open_ms = (time.perf_counter() - started) * 1000
    started = time.perf_counter()
    controller.window.unlock_screen.unlocked.emit(vault)
    window = controller.window
    _pump_until(app, lambda: getattr(window, "workspace", None) is not None)
    app.processEvents()
    window.repaint()
    window_ms = (time.perf_counter() - started) * 1000
    workspace = window.workspace
    # The unlock's own background reads (the Today view's facts) finish before the click.
    _pump_until(app, lambda: jobs_pending() == 0)
    started = time.perf_counter()
    workspace.open_client(client_id)
    app.processEvents()
    window.repaint()
    open_client_ms = (time.perf_counter() - started) * 1000
    for query in ("sleep", "breathing", '"safety plan"', "dia"):
        search_notes(vault, query)
    app.processEvents()
    last_key_ms, every_key_ms = _type_in_search(app, controller)
    peak_rss_mb = _own_peak_rss_mb()
    print(
        json.dumps(
            {
                "argon2_ms": argon2_ms,
                "after_argon2_ms": open_ms + window_ms,
                "open_ms": open_ms,
                "window_ms": window_ms,
                "gui_open_client_ms": open_client_ms,
                "peak_rss_mb": peak_rss_mb,
                "typing_last_key_ms": last_key_ms,
                "typing_every_key_ms": every_key_ms,
            }
        ),
        flush=True,
    )
    controller.lock()
    os._exit(0)


def backup_stall(vault_dir: Path, backup_dir: Path, client_id: int) -> None:
    """Back Up Now in the real window while a 10 ms timer records how late each tick fires and
    each tick reads a client on the GUI thread (as the workspace does): the freeze, measured."""
    from PySide6.QtCore import QTimer

    from vault import Vault
    from vault.clients.records import get_client

    passphrase = sys.stdin.readline().rstrip("\n")
    app, controller = _controller(vault_dir)
    controller.settings.backup_folder = backup_dir
    controller.start()
    vault = Vault.open(vault_dir, passphrase)
    controller.window.unlock_screen.unlocked.emit(vault)
    _pump_until(app, lambda: controller.window.workspace is not None)
    from ui.kit.background import jobs_pending

    _pump_until(app, lambda: jobs_pending() == 0, timeout_s=120)  # the feature's own work
    late_ms: list[float] = []
    read_ms: list[float] = []
    interval = 10
    last = [time.perf_counter()]

    def tick() -> None:
        """Lateness counts from the previous tick's start, so a read that waited shows too."""
        now = time.perf_counter()
        late_ms.append(max(0.0, (now - last[0]) * 1000 - interval))
        last[0] = now
        get_client(vault, client_id)
        read_ms.append((time.perf_counter() - now) * 1000)

    timer = QTimer()
    timer.setInterval(interval)
    timer.timeout.connect(tick)
    before = len(list(backup_dir.iterdir()))
    started = time.perf_counter()
    controller.back_up_now()
    timer.start()
    _pump_until(
        app, lambda: len(list(backup_dir.iterdir())) > before and jobs_pending() == 0, timeout_s=300
    )
    backup_s = time.perf_counter() - started
    timer.stop()
    print(
        json.dumps(
            {
                "stall_ms": max(late_ms, default=0.0),
                "read_ms": max(read_ms, default=0.0),
                "ticks": len(late_ms),
                "backup_s": backup_s,
            }
        ),
        flush=True,
    )
    os._exit(0)


class _StallProbe:
    """A 10 ms timer that records how late each tick fires (from the previous tick's start, so
    work that held the event loop shows in full), optionally reading a client on each tick."""

    INTERVAL_MS = 10

    def __init__(self, read: Any = None) -> None:
        self.late_ms: list[float] = []
        self.at_s: list[float] = []  # when each tick fired, from `start`
        self.read_ms: list[float] = []
        self._read = read
        self._last = time.perf_counter()
        self.timer = QTimer()
        self.timer.setInterval(self.INTERVAL_MS)
        self.timer.timeout.connect(self._tick)

    def start(self) -> None:
        self._last = self._started = time.perf_counter()
        self.timer.start()

    def _tick(self) -> None:
        now = time.perf_counter()
        self.late_ms.append(max(0.0, (now - self._last) * 1000 - self.INTERVAL_MS))
        self.at_s.append(now - self._started)
        self._last = now
        if self._read is not None:
            self._read()
            self.read_ms.append((time.perf_counter() - now) * 1000)

    def report(self, backup_s: float, control: _StallProbe | None = None) -> dict[str, Any]:
        """Max and p99 lateness, the worst ticks (when, how late), and the same for `control`:
        the timer alone for as long before the backup, so the machine's own noise shows."""
        ordered = sorted(self.late_ms) or [0.0]
        p99 = ordered[min(len(ordered) - 1, max(0, round(0.99 * len(ordered)) - 1))]
        worst = sorted(zip(self.late_ms, self.at_s, strict=True), reverse=True)[:5]
        found: dict[str, Any] = {
            "late_max_ms": ordered[-1],
            "late_p99_ms": p99,
            "read_ms": max(self.read_ms, default=0.0),
            "ticks": float(len(self.late_ms)),
            "backup_s": backup_s,
            "worst": [(round(ms, 1), round(at, 3)) for ms, at in worst],
        }
        if control is not None:
            base = control.report(0.0)
            found.update(
                control_max_ms=base["late_max_ms"],
                control_p99_ms=base["late_p99_ms"],
                control_worst=base["worst"],
            )
        return found


def _watch_collections(spent: dict[str, Any]) -> list[tuple[float, float]]:
    """Python's full garbage collections from now on (they hold every thread), longest last."""
    import gc

    pauses: list[tuple[float, float]] = []
    begun = [0.0]

    def note(phase: str, info: dict[str, int]) -> None:
        if info.get("generation") != 2:
            return
        if phase == "start":
            begun[0] = time.perf_counter()
        else:
            pauses.append(((time.perf_counter() - begun[0]) * 1000, begun[0]))
            pauses.sort()

    gc.callbacks.append(note)
    return pauses


def _time_entry_writes(spent: dict[str, Any]) -> None:
    """How long the backup's audit entry held the vault's connection (a commit, fsynced)."""
    import vault.store.auto_backup as auto

    real = auto.record_now

    def timed(db: Any, entry: Any) -> bool:
        begun = time.perf_counter()
        try:
            return real(db, entry)
        finally:
            spent["entry_write_ms"] = (time.perf_counter() - begun) * 1000

    auto.record_now = timed  # type: ignore[assignment]


def _idle_for(ms: int) -> None:
    """Run the event loop for `ms` as the window's own loop runs: idle between events, Python's
    lock released. (QTest.qWait keeps that lock while it waits: a backup thread barely ran.)"""
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def _idle_until(done: Any, timeout_s: float) -> None:
    """`_idle_for` in short steps until `done()` (a cheap check, so the probe adds no load)."""
    deadline = time.perf_counter() + timeout_s
    while not done() and time.perf_counter() < deadline:
        _idle_for(20)


def _complete_backups(folder: Path) -> int:
    from vault.store.backup_catalog import list_backups

    return sum(1 for entry in list_backups(folder) if entry.complete)


def automatic_backup_stall(
    vault_dir: Path, backup_dir: Path, client_id: int, at_lock: bool, *, backup: bool = True
) -> None:
    """An automatic backup in the real window (the daily one while unlocked, or the one at
    lock) while `_StallProbe` watches the event loop; unlocked, each tick also reads a client on
    the GUI thread, as the workspace does."""
    from ui.kit.background import jobs_pending
    from vault import Vault
    from vault.clients.records import ClientProfile, add_client, get_client

    passphrase = sys.stdin.readline().rstrip("\n")
    app, controller = _controller(vault_dir)
    controller.settings.backup_folder = None  # no backup at unlock: the probe starts it
    controller.start()
    vault = Vault.open(vault_dir, passphrase)
    controller.window.unlock_screen.unlocked.emit(vault)
    _pump_until(app, lambda: controller.window.workspace is not None)
    _pump_until(app, lambda: jobs_pending() == 0, timeout_s=120)
    add_client(vault, ClientProfile(full_name="Demo Stall Probe"))  # something to back up
    controller.settings.backup_folder = backup_dir if backup else None
    from ui.backups.feature import BackupsFeature

    backups = next(f for f in controller.features if isinstance(f, BackupsFeature))
    read = None if at_lock else (lambda: get_client(vault, client_id))
    control = _StallProbe(read)
    control.start()
    _idle_for(CONTROL_MS)
    control.timer.stop()
    probe = _StallProbe(read)
    spent: dict[str, Any] = {}
    pauses = _watch_collections(spent)
    _time_entry_writes(spent)
    if at_lock:  # how much of the lock is the backup's own part (fixing its view)
        locking = backups._locking

        def timed_locking(vault: Any) -> None:
            begun = time.perf_counter()
            locking(vault)
            spent["backup_part_of_lock_ms"] = (time.perf_counter() - begun) * 1000

        controller.locking.disconnect(locking)
        controller.locking.connect(timed_locking)
    started = time.perf_counter()
    probe.start()
    if at_lock:
        controller.lock()
        spent["lock_ms"] = (time.perf_counter() - started) * 1000
    else:
        backups._changed = True
        backups.back_up_if_due()
    if backup:
        _idle_until(lambda: backups._running == 0 and jobs_pending() == 0, timeout_s=300)
    else:  # the control: the same lock with no backup folder, watched for as long
        _idle_for(CONTROL_MS)
    backup_s = time.perf_counter() - started
    probe.timer.stop()
    spent["gc_pauses"] = [(round(ms, 1), round(at - started, 3)) for ms, at in pauses[-5:]]
    if backup and _complete_backups(backup_dir) == 0:
        raise SystemExit("the automatic backup did not finish")
    print(json.dumps({**probe.report(backup_s, control), **spent}), flush=True)
    os._exit(0)


CONTROL_MS = 3000
TYPED_WORDS = ("sleep", "breathing", "manager", "homework", "tearful", "loneliness")
KEY_INTERVAL_S = 0.12  # a quick typist: about eight characters a second


def _wait_until_shown(app: QApplication, dialog: Any, text: str, seconds: float) -> float | None:
    """Milliseconds from now until `text`'s results are painted, or None within `seconds`."""
    started = time.perf_counter()
    loop = QEventLoop()
    seen: list[float] = []

    def check() -> None:
        if dialog.shown_text == text and not seen:
            dialog.results.repaint()
            seen.append((time.perf_counter() - started) * 1000)
        if seen or time.perf_counter() - started > seconds:
            loop.quit()

    poll = QTimer()
    poll.setInterval(1)
    poll.timeout.connect(check)
    poll.start()
    loop.exec()  # idles between events, as the real window does
    poll.stop()
    if not seen:  # the key interval ran out: let the rest of it pass unobserved
        return None
    rest = seconds - seen[0] / 1000
    if rest > 0:
        QTest.qWait(int(rest * 1000))
    return seen[0]


def _type_in_search(
    app: QApplication, controller: AppController
) -> tuple[list[float], list[float]]:
    """Types each word letter by letter into Ctrl+F search; for every keystroke, the time until
    the results for the text as it then stood are on screen (stale answers are dropped)."""
    search = controller.features[1]
    search.show_search()
    dialog = search.dialog
    last_key: list[float] = []
    every_key: list[float] = []
    for word in TYPED_WORDS:
        dialog.query.clear()
        QTest.qWait(100)
        for i, char in enumerate(word):
            QTest.keyClick(dialog.query, char)
            final = i == len(word) - 1
            shown = _wait_until_shown(
                app, dialog, dialog.query.text(), 2.0 if final else KEY_INTERVAL_S
            )
            if shown is not None:
                every_key.append(shown)
            if final:
                last_key.append(shown if shown is not None else 2000.0)
    return last_key, every_key


def _own_peak_rss_mb() -> float:
    """This program's own peak (VmHWM, reset by exec). `getrusage`'s ru_maxrss is not: Linux
    keeps the larger of it and the address space exec replaced, which for a child of the
    benchmark is the whole parent forked, several open vaults and their caches (989 MB
    reported in a run where the window itself peaked at 244 MB)."""
    for line in Path("/proc/self/status").read_text(encoding="ascii").splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # not Linux


def main(argv: list[str]) -> None:
    mode, vault_dir = argv[0], Path(argv[1])
    if mode == "cold-start":
        cold_start(vault_dir)
    elif mode == "unlock":
        unlock(vault_dir, int(argv[2]))
    elif mode == "backup-stall":
        backup_stall(vault_dir, Path(argv[2]), int(argv[3]))
    elif mode in ("auto-backup-stall", "lock-backup-stall", "lock-without-backup"):
        automatic_backup_stall(
            vault_dir,
            Path(argv[2]),
            int(argv[3]),
            mode.startswith("lock"),
            backup=mode != "lock-without-backup",
        )
    else:
        raise SystemExit(f"unknown mode {mode!r}")


if __name__ == "__main__":
    main(sys.argv[1:])
