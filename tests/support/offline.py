"""A guard that records every network attempt through Python's audit hooks.

An audit hook can never be removed, so it is installed once per process and only records while
`recording_network()` is active. The switch is process-wide, not per thread, so work the window
hands to its worker threads inside the block is seen too. What it sees is Python-level network
use (``socket``, ``http``, ``urllib``...); Qt's own C++ networking would need a separate check
(the import contracts keep QtNetwork out of the app).
"""

from __future__ import annotations

import contextlib
import sys
import threading
from collections.abc import Iterator

NETWORK_EVENTS = ("socket.", "http.", "urllib.", "ftplib.", "smtplib.", "webbrowser.")
_installed = False
_active = 0
_events: list[tuple[str, str]] = []
_guard = threading.Lock()


def _hook(event: str, args: tuple[object, ...]) -> None:
    if not _active or not event.startswith(NETWORK_EVENTS):
        return
    with _guard:
        _events.append((event, repr(args)[:200]))


def install() -> None:
    global _installed
    if not _installed:
        sys.addaudithook(_hook)
        _installed = True


@contextlib.contextmanager
def recording_network() -> Iterator[list[tuple[str, str]]]:
    """Yield the list that collects (event, args) for every network audit event in the block."""
    global _active
    install()
    with _guard:
        _events.clear()
        _active += 1
    seen: list[tuple[str, str]] = []
    try:
        yield seen
    finally:
        with _guard:
            _active -= 1
            seen.extend(_events)
            _events.clear()
