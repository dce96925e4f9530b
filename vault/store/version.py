"""Which Confidant is running, and on which SQLCipher and SQLite: for --version and About.

The version has one home, ``version`` in pyproject.toml; it is read back from the installed
package's metadata, so a wheel, a pipx install and the packaged app all report the same string
and nobody edits a second copy.
"""

from __future__ import annotations

import platform
from dataclasses import dataclass
from functools import cache
from importlib import metadata

import sqlcipher3

DISTRIBUTION = "confidant"
UNKNOWN = "unknown (not installed)"


def app_version() -> str:
    """The version in pyproject.toml, as installed; `UNKNOWN` when run from an uninstalled tree."""
    try:
        return metadata.version(DISTRIBUTION)
    except metadata.PackageNotFoundError:
        return UNKNOWN


@dataclass(frozen=True)
class EngineVersions:
    """The storage engine as linked into this build (SQLCipher carries its own SQLite)."""

    sqlcipher: str
    sqlite: str


@cache
def engine_versions() -> EngineVersions:
    """Asked of a throwaway in-memory connection: no vault, no key, no file."""
    conn = sqlcipher3.connect(":memory:")
    try:
        (cipher,) = conn.execute("PRAGMA cipher_version").fetchone()
        (sqlite,) = conn.execute("SELECT sqlite_version()").fetchone()
    finally:
        conn.close()
    return EngineVersions(sqlcipher=str(cipher), sqlite=str(sqlite))


def version_line(program: str = "confidant") -> str:
    """One line for ``--version``: the app's version, the engine it stores with, its Python."""
    engine = engine_versions()
    return (
        f"{program} {app_version()} (SQLCipher {engine.sqlcipher}, SQLite {engine.sqlite}, "
        f"Python {platform.python_version()})"
    )
