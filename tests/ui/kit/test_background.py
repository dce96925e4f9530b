"""The background helper runs work off the GUI thread and answers on it."""

from __future__ import annotations

import os
import subprocess
import sys
import threading

import pytest
import shiboken6
from PySide6.QtWidgets import QMainWindow, QWidget
from pytestqt.qtbot import QtBot

from tests.helpers import REPO
from ui.kit.background import jobs_pending, run_in_background
from vault import VaultLockedError


def test_result_is_delivered_on_the_gui_thread(qtbot: QtBot) -> None:
    seen: dict[str, object] = {}

    def work() -> int:
        seen["work_thread"] = threading.current_thread()
        return 42

    def ok(result: int) -> None:
        seen["result"] = result
        seen["callback_thread"] = threading.current_thread()

    run_in_background(work, ok, lambda exc: pytest.fail(f"unexpected {exc!r}"))
    qtbot.waitUntil(lambda: "result" in seen)
    assert seen["result"] == 42
    assert seen["work_thread"] is not threading.main_thread()
    assert seen["callback_thread"] is threading.main_thread()
    assert jobs_pending() == 0


def test_exception_is_delivered_to_the_failure_callback(qtbot: QtBot) -> None:
    errors: list[BaseException] = []

    def work() -> None:
        raise ValueError("synthetic failure")

    run_in_background(work, lambda _r: pytest.fail("should fail"), errors.append)
    qtbot.waitUntil(lambda: bool(errors))
    assert isinstance(errors[0], ValueError)


def test_an_answer_for_a_destroyed_owner_is_dropped(qtbot: QtBot) -> None:
    owner = QWidget()
    release = threading.Event()
    delivered: list[object] = []
    dropped: list[object] = []
    run_in_background(
        lambda: release.wait(5) and "result",
        delivered.append,
        delivered.append,
        owner=owner,
        on_dropped=dropped.append,
    )
    shiboken6.delete(owner)
    release.set()
    qtbot.waitUntil(lambda: jobs_pending() == 0)
    assert delivered == []
    assert dropped == ["result"]


def test_only_the_newest_answer_of_a_key_is_delivered(qtbot: QtBot) -> None:
    owner = QWidget()
    first_may_finish = threading.Event()
    answers: list[str] = []
    run_in_background(
        lambda: first_may_finish.wait(5) and "old", answers.append, owner=owner, latest_of="q"
    )
    run_in_background(lambda: "new", answers.append, owner=owner, latest_of="q")
    first_may_finish.set()
    qtbot.waitUntil(lambda: jobs_pending() == 0)
    assert answers == ["new"]


def test_vault_work_runs_in_the_order_it_was_asked_for(qtbot: QtBot) -> None:
    order: list[int] = []
    for n in range(20):
        run_in_background(lambda n=n: order.append(n), lambda _r: None)
    qtbot.waitUntil(lambda: jobs_pending() == 0)
    assert order == list(range(20))


def test_without_a_failure_handler_the_vault_message_is_shown(qtbot: QtBot, answers) -> None:
    def work() -> None:
        raise VaultLockedError()

    run_in_background(work, lambda _r: pytest.fail("should fail"))
    qtbot.waitUntil(lambda: jobs_pending() == 0)
    assert answers.notices == [f"Could not finish: {VaultLockedError()}"]


def test_an_unexpected_error_is_shown_by_its_type_only(qtbot: QtBot, answers) -> None:
    def work() -> None:
        raise KeyError("Demo Private Name")

    run_in_background(work, lambda _r: pytest.fail("should fail"))
    qtbot.waitUntil(lambda: jobs_pending() == 0)
    assert len(answers.notices) == 1
    assert "KeyError" in answers.notices[0]
    assert "Demo Private Name" not in answers.notices[0]


_SYSTEM_EXIT_SCRIPT = """
import sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from ui.kit.background import run_in_background
app = QApplication([])
def work():
    raise SystemExit(3)
def handed(error):
    print("handed to a callback", flush=True)
run_in_background(work, lambda _r: None, handed)
QTimer.singleShot(5000, lambda: app.exit(9))
sys.exit(app.exec())
"""


def test_system_exit_is_raised_on_the_gui_thread_not_handed_to_a_callback() -> None:
    done = subprocess.run(
        [sys.executable, "-c", _SYSTEM_EXIT_SCRIPT],
        capture_output=True,
        text=True,
        cwd=REPO,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        timeout=60,
        check=False,
    )
    assert "handed to a callback" not in done.stdout
    assert done.returncode == 3, done.stderr


def test_a_busy_label_shows_in_the_status_bar_while_the_work_runs(qtbot: QtBot) -> None:
    window = QMainWindow()
    qtbot.addWidget(window)
    release = threading.Event()
    run_in_background(
        lambda: release.wait(5), lambda _r: None, owner=window, busy_label="Demo working…"
    )
    assert window.statusBar().currentMessage() == "Demo working…"
    release.set()
    qtbot.waitUntil(lambda: jobs_pending() == 0)
    assert window.statusBar().currentMessage() == ""
