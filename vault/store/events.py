"""What happens to a vault as a whole (created, unlocked, locked, backed up...), told to whoever
listens, inside the transaction that did it.

The audit trail (`vault.audit`) records these, but it sits above the store, and the store
never imports a record package; so the store announces and the audit trail listens. The
listener is registered when the `vault` package is imported (see `vault/__init__.py`), so no
program that uses a vault can miss it. Announcements carry ids and words from a fixed
vocabulary only, never a name, a path or any text a therapist typed.
"""

from __future__ import annotations

from collections.abc import Callable

import sqlcipher3

# conn (inside an open write transaction), action (e.g. "vault.unlocked"), detail ("idle")
Listener = Callable[[sqlcipher3.Connection, str, str], None]

_listeners: list[Listener] = []


def listen(listener: Listener) -> None:
    if listener not in _listeners:
        _listeners.append(listener)


def announce(conn: sqlcipher3.Connection, action: str, detail: str = "") -> None:
    """Tell every listener, in the caller's transaction: both are kept, or neither."""
    for listener in _listeners:
        listener(conn, action, detail)
