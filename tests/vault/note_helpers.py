"""Builders for note tests: synthetic clients and notes, nothing real."""

from __future__ import annotations

from dataclasses import replace

from vault import Vault
from vault.clients.records import ClientProfile, add_client
from vault.notes.model import NoteContent, NoteSection
from vault.notes.records import blank_note, create_note


def demo_client(vault: Vault, name: str = "Demo Ada Example") -> int:
    return add_client(vault, ClientProfile(full_name=name)).id


def soap(
    participants: tuple[int, ...],
    *,
    subjective: str = "Demo client reported a calmer week.",
    plan: str = "Continue weekly sessions.",
    session_start: str = "2026-03-02T14:00",
    template_id: str = "soap",
    **changes: object,
) -> NoteContent:
    """A filled-in note of `template_id` (SOAP by default)."""
    service = "individual" if len(participants) == 1 else "couples"
    note = blank_note(template_id, session_start, participants, service_type=service)
    texts = [subjective, "", "", plan]
    sections = tuple(
        replace(s, text=texts[i] if i < len(texts) else "") for i, s in enumerate(note.sections)
    )
    if template_id != "soap":
        sections = (replace(sections[0], text=subjective), *sections[1:])
    changes.setdefault("sections", sections)
    return replace(note, **changes)  # type: ignore[arg-type]


def stored(vault: Vault, content: NoteContent) -> int:
    return create_note(vault, content).id


def section(key: str, text: str, private_to: int | None = None) -> NoteSection:
    return NoteSection(key, key.capitalize(), text, private_to)
