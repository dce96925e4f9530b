"""Storage workloads, each a function of an open vault (encrypted or plain) returning samples.

These call the same public vault functions the window calls; nothing here is a special path.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from vault.clients.records import list_clients
from vault.notes.records import create_note
from vault.notes.signing import sign_note
from vault.notes.templates import get_template
from vault.notes.timeline import client_timeline

from .stats import Samples, sample, time_ms

FILTER_TYPING = ("D", "De", "Dem", "Demo", "Demo ", "Demo K", "Demo Ka", "Demo Kal")


@dataclass(frozen=True)
class Workload:
    runs: int


def client_list_load(vault: Any, w: Workload) -> Samples:
    return sample(lambda: list_clients(vault, "active"), w.runs)


def client_filter_typing(vault: Any, w: Workload) -> Samples:
    result = Samples()
    for _ in range(max(1, w.runs // len(FILTER_TYPING))):
        for text in FILTER_TYPING:
            result.add(time_ms(lambda t=text: list_clients(vault, "all", t)))
    return result


def open_big_client(vault: Any, w: Workload, client_id: int) -> Samples:
    """The timeline a therapist sees on opening a client: the first page, newest first."""
    from vault.clients.records import get_client

    def run() -> None:
        get_client(vault, client_id)
        client_timeline(vault, client_id, limit=100)

    return sample(run, w.runs)


def read_whole_timeline(vault: Any, w: Workload, client_id: int) -> Samples:
    return sample(lambda: client_timeline(vault, client_id, limit=10_000), w.runs)


def save_and_sign(vault: Any, w: Workload, client_id: int) -> tuple[Samples, Samples]:
    """Durable commit of a new ~2 KB note, then signing it (hash + trigger-guarded update)."""
    from vault.notes.model import NoteContent, NoteSection, RiskAssessment

    template = get_template("soap")
    text = "Demo session text about sleep and breathing exercises. " * 8
    saves, signs = Samples(), Samples()
    for n in range(w.runs):
        content = NoteContent(
            template_id="soap",
            session_start=f"2026-11-{n % 28 + 1:02d}T09:00",
            participants=(client_id,),
            sections=tuple(NoteSection(s.id, s.title, text) for s in template.sections),
            diagnoses=("F41.1",),
            risk=RiskAssessment(to_self="none", to_others="none", notes="No ideation."),
        )
        created: list[int] = []
        saves.add(time_ms(lambda c=content, into=created: into.append(create_note(vault, c).id)))
        signs.add(time_ms(lambda note_id=created[0]: sign_note(vault, note_id, "Demo Clinician")))
    return saves, signs
