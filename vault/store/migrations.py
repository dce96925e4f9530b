"""The migration runner: numbered schema steps, recorded in ``PRAGMA user_version``.

The steps themselves are data in `vault/schema/`: ``0001_core.sql``, ``0002_notes.sql``, ...
A feature adds the next numbered file and this runner never changes. A step that needs Python
is a numbered ``.py`` module there with ``SUMMARY`` and ``apply(conn)``.

Migration N takes a vault from version N-1 to N inside one transaction, so a crash mid-upgrade
leaves the vault at N-1 and the next open simply tries again. New vaults take the same path.
Never edit a shipped step (a test pins each file's SHA-256): add the next number instead.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from importlib import resources

import sqlcipher3

from vault.store.database import Database
from vault.store.errors import NotAVaultError

SCHEMA_PACKAGE = "vault.schema"
_STEP_NAME = re.compile(r"^(\d{4})_([a-z0-9_]+)\.(sql|py)$")


@dataclass(frozen=True)
class Migration:
    version: int
    summary: str
    apply: Callable[[sqlcipher3.Connection], None]


def from_sql(sql: str) -> Callable[[sqlcipher3.Connection], None]:
    """A step that runs each statement of `sql` in order (trigger bodies kept whole)."""

    def run(conn: sqlcipher3.Connection) -> None:
        for statement in split_statements(sql):
            conn.execute(statement)

    return run


def split_statements(sql: str) -> list[str]:
    """Split on statement ends, keeping trigger bodies (BEGIN ... END;) whole."""
    statements: list[str] = []
    current: list[str] = []
    for line in sql.strip().splitlines():
        current.append(line)
        joined = "\n".join(current).strip()
        if joined.endswith(";") and sqlcipher3.complete_statement(joined):
            statements.append(joined)
            current = []
    if "\n".join(current).strip():
        statements.append("\n".join(current).strip())
    return statements


def _summary_of(sql: str, fallback: str) -> str:
    """The first comment line names the step: ``-- Schema 2: structured ... notes.``"""
    first = sql.lstrip().splitlines()[0] if sql.strip() else ""
    if first.startswith("--"):
        return first.lstrip("- ").split(":", 1)[-1].strip().rstrip(".")
    return fallback


def load_migrations(package: str = SCHEMA_PACKAGE) -> tuple[Migration, ...]:
    """Every numbered step in `package`, in order; refuses gaps and duplicate numbers."""
    steps: list[Migration] = []
    for entry in resources.files(package).iterdir():
        match = _STEP_NAME.match(entry.name)
        if match is None:
            continue
        version, name, suffix = int(match[1]), match[2], match[3]
        if suffix == "sql":
            sql = entry.read_text(encoding="utf-8")
            steps.append(Migration(version, _summary_of(sql, name), from_sql(sql)))
        else:
            module = importlib.import_module(f"{package}.{entry.name[:-3]}")
            steps.append(Migration(version, str(module.SUMMARY), module.apply))
    steps.sort(key=lambda m: m.version)
    numbers = [m.version for m in steps]
    if numbers != list(range(1, len(steps) + 1)):
        raise RuntimeError(f"schema steps in {package} are not numbered 1..N: {numbers}")
    return tuple(steps)


MIGRATIONS: tuple[Migration, ...] = load_migrations()


def latest_version(migrations: Sequence[Migration] | None = None) -> int:
    migrations = MIGRATIONS if migrations is None else migrations
    return migrations[-1].version if migrations else 0


def migrate(db: Database, migrations: Sequence[Migration] | None = None) -> list[int]:
    """Bring the schema up to date; returns the versions applied (empty when already current)."""
    migrations = MIGRATIONS if migrations is None else migrations
    current = db.user_version()
    newest = latest_version(migrations)
    if current > newest:
        raise NotAVaultError(
            db.path.parent,
            f"its data is from a newer Confidant (schema {current}); please update Confidant",
        )
    applied: list[int] = []
    for migration in migrations:
        if migration.version <= current:
            continue
        with db.write() as conn:
            migration.apply(conn)
            conn.execute(f"PRAGMA user_version = {int(migration.version)}")
        applied.append(migration.version)
    return applied
