"""Never online: an audit hook records every Python network event during the full workflow.

The window part and the CLI commands (run in this process, so the hook sees them) must cause
zero ``socket.*``/``http.*``/``urllib.*`` events. A positive check proves the hook records.
"""

from __future__ import annotations

import contextlib
import socket
from collections.abc import Callable

import pytest
from pytestqt.qtbot import QtBot

from tests.security.workflow import Places, in_process_cli, private_places, run_workflow
from tests.support.figures import SECURITY, record_figures
from tests.support.offline import recording_network
from tests.ui.conftest import (  # noqa: F401  (fixtures used by this module's tests)
    answers,
    app_settings,
    default_location,
    make_controller,
    settings_path,
)
from ui.shell.controller import AppController
from ui.shell.settings_store import AppSettings


@pytest.fixture
def places(tmp_path, settings_path, monkeypatch) -> Places:  # noqa: F811
    return private_places(tmp_path, settings_path, monkeypatch)


def test_the_guard_records_a_network_attempt() -> None:
    with recording_network() as events:
        with contextlib.suppress(OSError):
            socket.getaddrinfo("localhost", 9)
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
            s.settimeout(0.2)
            with contextlib.suppress(OSError):
                s.connect(("127.0.0.1", 9))
    kinds = {event for event, _args in events}
    assert {"socket.getaddrinfo", "socket.__new__", "socket.connect"} <= kinds


def test_nothing_is_recorded_outside_the_block() -> None:
    with recording_network() as events:
        pass
    socket.socket().close()
    assert events == []


@pytest.mark.slow
def test_the_full_workflow_makes_no_network_call(
    qtbot: QtBot,
    make_controller: Callable[[], AppController],  # noqa: F811
    app_settings: AppSettings,  # noqa: F811
    places: Places,
) -> None:
    with recording_network() as events:
        run_workflow(qtbot, make_controller, app_settings, places, in_process_cli)
    record_figures(SECURITY, "offline_workflow", network_events=len(events), events=events[:20])
    assert events == []
