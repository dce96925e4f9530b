"""Keeping the search index in few segments: merged a little at a time while the app is idle.

FTS5 writes a new segment for each batch of changes and merges them as it goes (automerge),
which leaves a vault in use for years with 10-30 segments. Every search reads each segment's
list for its words, and every save removes the note's old entry from each segment that holds
it (secure-delete): on the benchmark's 99,000 natural notes with 28 segments a new note took
15.1 ms to save (327 ms at worst) and two-word searches 8.3 ms p95; merged into one segment,
3.7 ms and 6.6 ms. Merging it all at once ('optimize') took 5.3 s, so `merge_steps` does a
bounded piece at a time (FTS5's 'merge' with a negative page count merges across levels:
8 ms a step, 714 steps for that index), each in its own transaction so the window's reads go
between them. Merging drops the entries of removed words and frees their pages (zeroed by the
database's secure_delete), and it changes no record: it is not an audited action and does not
count as a change a backup must follow.
"""

from __future__ import annotations

import time

from vault.store.vault import Vault

MERGE_PAGES = 16  # leaf pages written per step: a few milliseconds


def segment_count(vault: Vault) -> int:
    row = vault.db.query_one("SELECT count(DISTINCT segid) FROM notes_fts_idx")
    return int(row[0]) if row else 0


def merge_step(vault: Vault, pages: int = MERGE_PAGES) -> bool:
    """One bounded merge; False when there was nothing left to merge."""
    with vault.db.write(counts_as_change=False, durable=False) as conn:
        before = int(conn.total_changes)
        conn.execute("INSERT INTO notes_fts (notes_fts, rank) VALUES ('merge', ?)", (-pages,))
        # FTS5's documented test: a 'merge' that did no work changes fewer than two rows.
        return int(conn.total_changes) - before >= 2


def merge_steps(vault: Vault, budget_s: float, pages: int = MERGE_PAGES) -> bool:
    """Steps until `budget_s` is spent or nothing is left; True while work remains."""
    deadline = time.monotonic() + budget_s
    while time.monotonic() < deadline:
        if not merge_step(vault, pages):
            return False
    return True
