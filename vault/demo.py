"""Obviously synthetic practice data for demos, screenshots and benchmarks.

Names are built from invented syllables with a "Demo" prefix, so nothing here could be mistaken
for a real person. Seeded, so the same arguments give the same vault.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import datetime, timedelta

from .clients import ClientProfile, add_client
from .notes import NoteInput, add_note
from .vault import Vault

_SYLLABLES = ("ka", "lo", "mi", "ren", "tas", "vo", "zu", "bel", "dri", "fen", "gor", "hal")
_PHRASES = (
    "Client reported a calmer week and used the breathing exercise twice.",
    "Discussed sleep routine; agreed to keep a simple diary until next session.",
    "Explored worry about work deadlines; practised reframing one thought.",
    "Reviewed goals from the treatment plan; progress on goal two.",
    "Affect brighter than last session; speech normal in rate and volume.",
    "No risk to self or others reported; safety plan reviewed and unchanged.",
    "Homework: notice three moments of the week that went well.",
    "Client described conflict with a sibling and role-played a calm reply.",
)
KINDS = ("soap", "dap", "birp", "girp", "free")

ProgressFn = Callable[[int, int], None]


def demo_name(rng: random.Random) -> tuple[str, str]:
    first = "".join(rng.choice(_SYLLABLES) for _ in range(2)).capitalize()
    last = "".join(rng.choice(_SYLLABLES) for _ in range(3)).capitalize()
    return f"Demo {first}", last


def demo_note_text(rng: random.Random, target_chars: int) -> str:
    sentences: list[str] = []
    while sum(len(s) + 1 for s in sentences) < target_chars:
        sentences.append(rng.choice(_PHRASES))
    return " ".join(sentences)


def fill_demo(
    vault: Vault,
    *,
    clients: int = 12,
    notes_per_client: int = 6,
    seed: int = 20261125,
    progress: ProgressFn | None = None,
) -> None:
    """Add `clients` synthetic clients with `notes_per_client` notes each; 5% joint sessions."""
    rng = random.Random(seed)  # noqa: S311 - demo data, not security
    ids: list[int] = []
    for index in range(clients):
        first, last = demo_name(rng)
        client = add_client(
            vault,
            ClientProfile(
                full_name=f"{first} {last}",
                preferred_name=first.split()[-1],
                pronouns=rng.choice(("she/her", "he/him", "they/them")),
                status="active" if rng.random() < 0.8 else "inactive",
                start_date=f"20{rng.randint(11, 25):02d}-{rng.randint(1, 12):02d}-01",
                referral_source=rng.choice(("self", "GP", "employer programme")),
            ),
        )
        ids.append(client.id)
        start = datetime(2012, 1, 2, 9, 0) + timedelta(days=rng.randint(0, 4000))
        for n in range(notes_per_client):
            participants: tuple[int, ...] = (client.id,)
            service = "individual"
            if len(ids) > 1 and rng.random() < 0.05:
                participants = (client.id, rng.choice(ids[:-1]))
                service = "couples"
            add_note(
                vault,
                NoteInput(
                    kind=rng.choice(KINDS),
                    session_start=(start + timedelta(days=7 * n)).isoformat(timespec="minutes"),
                    participants=participants,
                    body=demo_note_text(rng, rng.randint(1000, 3000)),
                    service_type=service,
                ),
            )
        if progress:
            progress(index + 1, clients)
