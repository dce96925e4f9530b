"""Run slow work (Argon2, opening, search, backups) off the GUI thread; answer on the GUI thread.

The one helper every screen uses, after Anki's `QueryOp`/`CollectionOp` and `taskman.py`:

    run_in_background(work, on_success, on_failure, owner=self, busy_label="Backing up…")

- `work` runs on a worker; exactly one callback is then called on the GUI thread, so callbacks
  may touch widgets freely.
- **One ordered queue for vault work** (the default, `VAULT_QUEUE`): a single worker runs vault
  calls in the order they were asked for, as Anki runs all collection work. Work that never
  touches a vault (Argon2 calibration) may use `FREE_QUEUE`, which runs beside it.
- **An owner**: when the owner widget has been destroyed by the time the answer arrives (the
  vault locked and its windows went), the answer is dropped, so no caller guards by hand.
  A result that holds something open (a `Vault`) is handed to `on_dropped` instead, to close.
- **Only the newest answer**: jobs started with the same `latest_of` key for one owner supersede
  each other; an older job's answer is dropped (search-as-you-type).
- **A default failure**: without `on_failure`, a `VaultError` is shown through `prompts.warn`
  with its own message, any other error with its type only (a message could quote client data).
- `SystemExit`, `KeyboardInterrupt` and other non-`Exception` errors are re-raised on the GUI
  thread, never handed to a callback.
- An optional `busy_label` shows in the owner's main-window status bar while the work runs.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from typing import Any, TypeVar

import shiboken6
from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot
from PySide6.QtWidgets import QMainWindow, QWidget

from ui.kit import prompts
from vault import VaultError

T = TypeVar("T")

VAULT_QUEUE = "vault"
FREE_QUEUE = "free"

_in_flight: set[_Delivery] = set()
_newest: dict[tuple[int, str], int] = {}
_tickets = itertools.count(1)
_pools: dict[str, QThreadPool] = {}


def _pool(queue: str) -> QThreadPool:
    if queue not in _pools:
        pool = QThreadPool()
        pool.setMaxThreadCount(1 if queue == VAULT_QUEUE else 2)
        _pools[queue] = pool
    return _pools[queue]


def show_failure(owner: QObject | None, error: BaseException) -> None:
    """The default failure: the vault's own message, or only the type of an unexpected error."""
    parent = owner if isinstance(owner, QWidget) else None
    if isinstance(error, VaultError):
        prompts.warn(parent, "Could not finish", str(error))
    else:
        prompts.warn(
            parent,
            "Unexpected problem",
            f"Confidant hit an unexpected problem ({type(error).__name__}). Records already "
            "saved are safe.",
        )


class _Delivery(QObject):
    """Lives on the GUI thread; a signal emitted from the worker is queued to it."""

    succeeded = Signal(object)
    failed = Signal(object)

    def __init__(
        self,
        on_success: Callable[[Any], None],
        on_failure: Callable[[BaseException], None] | None,
        owner: QObject | None,
        newest_key: tuple[int, str] | None,
        busy_label: str,
        on_dropped: Callable[[Any], None] | None,
    ) -> None:
        super().__init__()
        self._on_success = on_success
        self._on_dropped = on_dropped
        self._on_failure = on_failure
        self._owner = owner
        self._has_owner = owner is not None
        self._newest_key = newest_key
        self._ticket = next(_tickets)
        if newest_key is not None:
            _newest[newest_key] = self._ticket
        self._busy_label = busy_label
        self._show_busy(True)
        self.succeeded.connect(self._deliver_success)
        self.failed.connect(self._deliver_failure)

    def _wanted(self) -> bool:
        """False when the owner is gone or a newer job with the same key has been started."""
        _in_flight.discard(self)
        self._show_busy(False)
        if self._has_owner and not shiboken6.isValid(self._owner):
            return False
        if self._newest_key is not None:
            if _newest.get(self._newest_key) != self._ticket:
                return False
            del _newest[self._newest_key]
        return True

    def _status_bar_window(self) -> QMainWindow | None:
        owner = self._owner
        if not self._busy_label or not isinstance(owner, QWidget) or not shiboken6.isValid(owner):
            return None
        window = owner.window()
        return window if isinstance(window, QMainWindow) else None

    def _show_busy(self, busy: bool) -> None:
        window = self._status_bar_window()
        if window is None:
            return
        if busy:
            window.statusBar().showMessage(self._busy_label)
        elif window.statusBar().currentMessage() == self._busy_label:
            window.statusBar().clearMessage()

    @Slot(object)
    def _deliver_success(self, result: object) -> None:
        if self._wanted():
            self._on_success(result)
        elif self._on_dropped is not None:
            self._on_dropped(result)

    @Slot(object)
    def _deliver_failure(self, error: object) -> None:
        assert isinstance(error, BaseException)
        wanted = self._wanted()
        if not isinstance(error, Exception):
            raise error  # SystemExit, KeyboardInterrupt: never a callback's business
        if not wanted:
            return
        if self._on_failure is not None:
            self._on_failure(error)
        else:
            show_failure(self._owner if self._has_owner else None, error)


class _Job(QRunnable):
    def __init__(self, work: Callable[[], object], delivery: _Delivery) -> None:
        super().__init__()
        self._work = work
        self._delivery = delivery

    def run(self) -> None:
        try:
            result = self._work()
        except BaseException as exc:  # delivered, never swallowed: the GUI decides what to say
            self._delivery.failed.emit(exc)
        else:
            self._delivery.succeeded.emit(result)


def run_in_background(
    work: Callable[[], T],
    on_success: Callable[[T], None],
    on_failure: Callable[[BaseException], None] | None = None,
    *,
    owner: QObject | None = None,
    latest_of: str | None = None,
    busy_label: str = "",
    queue: str = VAULT_QUEUE,
    on_dropped: Callable[[T], None] | None = None,
) -> None:
    """Start `work` on a worker; call `on_success(result)` or `on_failure(exc)` on the GUI thread.

    Must be called from the GUI thread. The work must not touch widgets. See the module
    docstring for `owner`, `latest_of`, `busy_label`, `queue` and `on_dropped`.
    """
    if latest_of is not None and owner is None:
        raise ValueError("latest_of needs an owner: the key is per owner")
    newest_key = (id(owner), latest_of) if latest_of is not None else None
    delivery = _Delivery(on_success, on_failure, owner, newest_key, busy_label, on_dropped)
    _in_flight.add(delivery)
    _pool(queue).start(_Job(work, delivery))


def forget_pending(owner: QObject, latest_of: str) -> None:
    """Drop the answer of any job of `owner` with key `latest_of` still running (e.g. at lock)."""
    _newest[(id(owner), latest_of)] = next(_tickets)


def jobs_pending() -> int:
    """How many started jobs have not yet delivered their answer (for shutdown and tests)."""
    return len(_in_flight)


def wait_for_workers(timeout_ms: int = 30_000) -> bool:
    """Block until every queue is idle (used only when the app is quitting)."""
    return all(pool.waitForDone(timeout_ms) for pool in list(_pools.values()))
