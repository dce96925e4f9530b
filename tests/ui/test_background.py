"""The background helper runs work off the GUI thread and answers on it."""

from __future__ import annotations

import threading

import pytest
from pytestqt.qtbot import QtBot

from ui.background import jobs_pending, run_in_background


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
