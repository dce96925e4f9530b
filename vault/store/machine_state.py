"""What this computer remembers about the vaults it has opened: nothing secret, nothing named.

Kept outside every vault folder, in the platform's per-user state folder, so a wrong passphrase
never changes a byte of a vault and a vault copied elsewhere carries none of it. Each entry is
keyed by the vault's random id and holds only counters; no name, path or passphrase.
``CONFIDANT_STATE_DIR`` points it elsewhere (tests, portable use).
"""

from __future__ import annotations

import contextlib
import json
import os
from pathlib import Path
from typing import Any

from platformdirs import user_state_dir

from vault.store.fsio import atomic_write_bytes

STATE_DIR_ENV = "CONFIDANT_STATE_DIR"
_MAX_STATE_BYTES = 1024 * 1024


def state_dir() -> Path:
    override = os.environ.get(STATE_DIR_ENV)
    return Path(override) if override else Path(user_state_dir("Confidant", appauthor=False))


def read_state(name: str) -> dict[str, Any]:
    """The JSON object in ``<state dir>/<name>.json``, or {} if absent or unreadable."""
    path = state_dir() / f"{name}.json"
    try:
        with open(path, "rb") as handle:
            raw = handle.read(_MAX_STATE_BYTES + 1)
        document = json.loads(raw) if len(raw) <= _MAX_STATE_BYTES else {}
    except (OSError, ValueError, RecursionError):
        return {}
    return document if isinstance(document, dict) else {}


def write_state(name: str, document: dict[str, Any]) -> None:
    """Replace ``<name>.json`` atomically; a failure (read-only home, full disk) is ignored:
    this memory only ever adds warnings, so losing it never loses data."""
    folder = state_dir()
    with contextlib.suppress(OSError, Exception):
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        atomic_write_bytes(folder / f"{name}.json", json.dumps(document, indent=1).encode())
