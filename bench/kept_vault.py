"""A benchmark vault built once and kept, so backup and verify can be measured again and again.

Building the full practice takes minutes (1,500 clients, about 100,000 notes, with the app's
own functions); timing a change to backup or verification should not. ``python -m
bench.backup_bench --vault /tmp/bench-vault`` builds the vault there on its first run (this
module) and reuses it afterwards. Beside the vault folder a small JSON file says what was built
(size, the heavy client's id): nothing but synthetic "Demo" data is ever in it.

The build fills the index as the app's own bulk imports do (`vault.search.bulk`): FTS5's
``secure-delete`` is off while the notes go in, then on again and the index made afresh from the
notes. Every note's sections and diagnoses re-index it (a delete and an insert per row), and
with ``secure-delete`` each delete rewrites the index pages it touches: measured on
2026-12-01, 44 ms a note on a 400-note vault against 2.7 ms without, and slower as the index
grows (6 notes a second at 7,000 notes), which would make the full build take many hours. The
finished vault has the same records, audit trail and pages as one built with it on, up to the
layout of the index. Every bulk build of the benchmark (`bench.run`, `bench.search_kept`)
goes through `bulk_build`, the encrypted vault and its plain twin alike.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from vault import Vault
from vault.search.bulk import reindex_all, set_secure_delete
from vault.search.maintenance import merge_steps
from vault.store.kdf import calibrate, floor_params
from vault.store.layout import is_vault_dir

from .dataset import FULL, QUICK, Size, build

PASSPHRASE = "benchmark demo passphrase 2026"


@dataclass(frozen=True)
class KeptVault:
    """A built benchmark vault: where it is and what the probes need to know about it."""

    directory: Path
    size: Size
    big_client_id: int
    notes: int
    build_seconds: float


def facts_path(directory: Path) -> Path:
    return directory.with_name(directory.name + ".bench.json")


def kept_vault(directory: Path, *, quick: bool = False, log=print) -> KeptVault:  # type: ignore[no-untyped-def]
    """The vault at `directory`, built there first if it is not a finished benchmark vault."""
    size = QUICK if quick else FULL
    facts = facts_path(directory)
    if is_vault_dir(directory) and facts.is_file():
        known = json.loads(facts.read_text(encoding="utf-8"))
        if known.get("size") == [size.clients, size.notes, size.big_client_notes]:
            return KeptVault(
                directory, size, int(known["big_client_id"]), int(known["notes"]),
                float(known["build_seconds"]),
            )  # fmt: skip
        raise SystemExit(f"{directory} holds a benchmark vault of another size; remove it first.")
    if directory.exists():
        raise SystemExit(f"{directory} exists and is not a finished benchmark vault.")
    log(f"building {size.clients} clients and {size.notes} notes into {directory} (once)")
    params = floor_params() if quick else calibrate()
    vault = Vault.create(directory, PASSPHRASE, kdf_params=params)
    try:
        built = bulk_build(vault, lambda v: build(v, size))
    finally:
        vault.close()
    facts.write_text(
        json.dumps(
            {
                "size": [size.clients, size.notes, size.big_client_notes],
                "big_client_id": built.big_client_id,
                "notes": built.notes,
                "build_seconds": built.seconds,
            }
        ),
        encoding="utf-8",
    )
    log(f"  built in {built.seconds:.0f} s")
    return KeptVault(directory, size, built.big_client_id, built.notes, built.seconds)


T = TypeVar("T")


def bulk_build(vault: Any, fill: Callable[[Any], T]) -> T:
    """`fill(vault)` with FTS5 secure-delete off, then on again and the index made afresh from
    the notes, as the app's own bulk imports end (`vault.search.bulk`), then merged into one
    segment, as the window's idle upkeep leaves it within a minute (`vault.search.maintenance`;
    the figures before that merge are in the README)."""
    with vault.db.write(counts_as_change=False) as conn:
        set_secure_delete(conn, on=False)  # committed: the fill runs many transactions
    result = fill(vault)
    with vault.db.write(counts_as_change=False) as conn:
        reindex_all(conn)
    while merge_steps(vault, budget_s=60.0):  # as the window's idle upkeep leaves it
        pass
    vault.db.checkpoint()
    return result
