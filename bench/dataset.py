"""The synthetic practice the benchmark measures: many clients, years of notes, one heavy client.

Built with the app's own functions (`vault.demo`), so the benchmark exercises the same code and
schema a therapist's vault has. The same seed builds the same records in the encrypted vault and
in the plain-SQLite twin, and the time each build takes is the insert workload of the comparison.
"""

from __future__ import annotations

import random
import time
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from vault.clients.records import ClientProfile, add_client
from vault.demo import demo_note, fill_demo
from vault.notes.records import create_notes_together


@dataclass(frozen=True)
class Size:
    clients: int
    notes: int
    big_client_notes: int

    @property
    def notes_per_client(self) -> int:
        return max(1, (self.notes - self.big_client_notes) // max(1, self.clients - 1))


FULL = Size(clients=1500, notes=100_000, big_client_notes=500)
QUICK = Size(clients=40, notes=1_200, big_client_notes=120)


@dataclass(frozen=True)
class Built:
    big_client_id: int
    seconds: float
    notes: int


def build(vault: Any, size: Size, seed: int = 15) -> Built:
    """Fill `vault` (a Vault or a bench PlainVault); returns the heavy client's id and timing."""
    started = time.perf_counter()
    fill_demo(vault, clients=size.clients - 1, notes_per_client=size.notes_per_client, seed=seed)
    big_client_id = heavy_client(vault, size.big_client_notes, seed)
    seconds = time.perf_counter() - started
    total = (size.clients - 1) * size.notes_per_client + size.big_client_notes
    return Built(big_client_id=big_client_id, seconds=seconds, notes=total)


def heavy_client(vault: Any, notes: int, seed: int = 15) -> int:
    """One long-term client with `notes` weekly notes: the opening, timeline and export load."""
    client = add_client(vault, ClientProfile(full_name="Demo Heavy Longterm", status="active"))
    rng = random.Random(seed)
    start = datetime(2011, 1, 3, 10, 0)
    contents = [
        demo_note(
            rng,
            rng.choice(("soap", "dap", "birp", "girp")),
            (start + timedelta(days=7 * n)).isoformat(timespec="minutes"),
            (client.id,),
            ("F41.1",),
        )
        for n in range(notes)
    ]
    with vault.db.write():
        create_notes_together(vault, contents)
    return client.id
