"""Notes as they arrive in an import file, turned into what `vault.notes.imported` stores.

Two shapes: a note of one client's record (`record_note`: the record's client is the only
participant who comes along, everyone else is a role and a seal id), and a note of a
practice archive's joint-notes file (`practice_note`: every participant, each section's
owner, nothing left out). Both give the note's content with the ids of the vault it goes
into, and the ids it was sealed with.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from vault.export import json_reader as jr
from vault.notes.imported import SignedNoteImport
from vault.notes.model import (
    MAX_SECTIONS,
    MODALITIES,
    RISK_LEVELS,
    SERVICE_TYPES,
    Addendum,
    NoteContent,
    NoteSection,
    RiskAssessment,
    Signature,
)
from vault.notes.provenance import AddendumSeal, NoteOrigin
from vault.store.clock import now_iso
from vault.store.text_fields import line

_COMMON = frozenset(
    {
        "id", "seal_note_id", "template_id", "is_process_note", "session_start",
        "duration_minutes", "modality", "service_type", "participants", "sections", "diagnoses",
        "risk", "created_at", "updated_at", "signature", "addenda", "imported_from",
    }
)  # fmt: skip
RECORD_NOTE_KEYS = _COMMON | {
    "kind_title", "left_out_sections", "left_out_amendments", "diagnoses_left_out", "redacted",
    "notice",
}  # fmt: skip
PRACTICE_NOTE_KEYS = _COMMON | {"others"}
_ADDENDUM_KEYS = frozenset(
    {"id", "kind", "written_at", "author", "reason", "text", "request_received_on",
     "content_sha256", "seal_note_id", "seal_requested_by"}
)  # fmt: skip


@dataclass(frozen=True)
class ArrivingNote:
    """One note ready to store: `signed` for a signed note, else `content` as a draft."""

    source_id: int
    content: NoteContent
    is_process_note: bool
    created_at: str
    signed: SignedNoteImport | None
    addendum_source_ids: tuple[int, ...]


def record_note(raw: Any, where: str, client_id: int) -> ArrivingNote:
    """A note of one client's record, for the new client `client_id`."""
    d = jr.obj(raw, where, RECORD_NOTE_KEYS)
    people = [
        jr.obj(p, f"{where}.participants[{i}]", {"label", "is_record_client", "seal_id"})
        for i, p in enumerate(jr.items(d["participants"], f"{where}.participants", 1000))
    ]
    own = [p for p in people if jr.boolean(p, "is_record_client", where)]
    if len(own) != 1:
        raise jr.refuse(f"{where}.participants", "should name this record's client once")
    own_seal = jr.integer(own[0], "seal_id", where)
    redacted = bool(
        jr.integer(d, "left_out_sections", where) or jr.boolean(d, "diagnoses_left_out", where)
    )
    copy = redacted or _was_redacted_copy(d["imported_from"], where)
    others = tuple(
        (jr.text(p, "label", where, line("label")), _other_seal(p, where, copy))
        for p in people
        if p is not own[0]
    )

    def section_owner(s: dict[str, Any], at: str) -> int | None:
        return client_id if jr.boolean(s, "private_to_client", at) else None

    def requester(a: dict[str, Any], at: str) -> int | None:
        return client_id if jr.boolean(a, "requested_by_client", at) else None

    return _note(
        d, where, (client_id,), {client_id: own_seal}, others, section_owner,
        {"key", "title", "text", "private_to_client"}, requester, {"requested_by_client"},
        redacted, jr.integer(d, "left_out_sections", where),
        jr.integer(d, "left_out_amendments", where),
    )  # fmt: skip


def _other_seal(person: dict[str, Any], where: str, redacted: bool) -> int | None:
    """Another participant's seal id: left out (null) only in a redacted copy, whose hash
    covers none (`vault.export.joint`); a complete note's hash needs every one."""
    if person["seal_id"] is None and redacted:
        return None
    return jr.integer(person, "seal_id", f"{where}.participants")


def practice_note(raw: Any, where: str, clients: Mapping[int, int]) -> ArrivingNote:
    """A joint note of a practice archive; `clients` maps archive client ids to new ones."""
    d = jr.obj(raw, where, PRACTICE_NOTE_KEYS)

    def local(value: Any, at: str) -> int:
        if isinstance(value, bool) or not isinstance(value, int) or value not in clients:
            raise jr.refuse(at, "names a client the archive does not hold")
        return clients[value]

    people = [
        jr.obj(p, f"{where}.participants[{i}]", {"client_id", "seal_id"})
        for i, p in enumerate(jr.items(d["participants"], f"{where}.participants", 1000))
    ]
    seal_ids = {
        local(p["client_id"], f"{where}.participants"): jr.integer(p, "seal_id", where)
        for p in people
    }
    others = tuple(
        (
            jr.text(o, "label", where, line("label")),
            jr.opt_integer(jr.obj(o, f"{where}.others", {"label", "seal_id"}), "seal_id", where),
        )
        for o in jr.items(d["others"], f"{where}.others", 1000)
    )

    def section_owner(s: dict[str, Any], at: str) -> int | None:
        return None if s["private_to"] is None else local(s["private_to"], f"{at}.private_to")

    def requester(a: dict[str, Any], at: str) -> int | None:
        return None if a["requested_by"] is None else local(a["requested_by"], at)

    imported = d["imported_from"]
    left_out = amendments_left_out = 0
    if isinstance(imported, dict):
        left_out = _count(imported, "left_out_sections", where)
        amendments_left_out = _count(imported, "left_out_amendments", where)
    return _note(
        d, where, tuple(seal_ids), seal_ids, others, section_owner,
        {"key", "title", "text", "private_to"}, requester, {"requested_by"}, False, left_out,
        amendments_left_out,
    )  # fmt: skip


def _note(
    d: dict[str, Any],
    where: str,
    participants: tuple[int, ...],
    seal_ids: Mapping[int, int],
    others: tuple[tuple[str, int | None], ...],
    section_owner: Any,
    section_keys: set[str],
    requester: Any,
    requester_keys: set[str],
    redacted_here: bool,
    left_out_sections: int,
    left_out_amendments: int,
) -> ArrivingNote:
    sections = tuple(
        _section(jr.obj(s, f"{where}.sections[{i}]", section_keys), f"{where}.sections[{i}]",
                 section_owner)
        for i, s in enumerate(jr.items(d["sections"], f"{where}.sections", MAX_SECTIONS))
    )  # fmt: skip
    risk = jr.obj(d["risk"], f"{where}.risk", {"to_self", "to_others", "safety_plan_reviewed",
                                               "notes"})  # fmt: skip
    content = NoteContent(
        template_id=jr.text(d, "template_id", where, line("template_id", 40)),
        session_start=jr.text(d, "session_start", where, line("session_start", 40)),
        participants=tuple(sorted(participants)),
        sections=sections,
        duration_minutes=jr.opt_integer(d, "duration_minutes", where),
        modality=jr.choice(d, "modality", where, MODALITIES),
        service_type=jr.choice(d, "service_type", where, SERVICE_TYPES),
        diagnoses=tuple(
            _code(c, f"{where}.diagnoses") for c in jr.items(d["diagnoses"], where, 100)
        ),
        risk=RiskAssessment(
            jr.choice(risk, "to_self", where, RISK_LEVELS),
            jr.choice(risk, "to_others", where, RISK_LEVELS),
            jr.boolean(risk, "safety_plan_reviewed", where),
            jr.text(risk, "notes", where),
        ),
    )
    is_process = jr.boolean(d, "is_process_note", where)
    created_at = jr.text(d, "created_at", where, line("created_at", 40))
    raw_addenda = jr.items(d["addenda"], f"{where}.addenda", 10_000)
    addenda: list[Addendum] = []
    seals: list[AddendumSeal] = []
    source_ids: list[int] = []
    for i, raw in enumerate(raw_addenda):
        at = f"{where}.addenda[{i}]"
        a = jr.obj(raw, at, _ADDENDUM_KEYS | requester_keys)
        addenda.append(
            Addendum(
                0, 0, jr.choice(a, "kind", at, ("addendum", "amendment")),
                jr.text(a, "written_at", at, line("written_at", 40)),
                jr.text(a, "author", at, line("author")), jr.text(a, "reason", at),
                jr.text(a, "text", at), requester(a, at), jr.opt_text(a, "request_received_on", at),
                jr.text(a, "content_sha256", at, line("content_sha256", 64)),
            )
        )  # fmt: skip
        seals.append(
            AddendumSeal(
                jr.integer(a, "seal_note_id", at), jr.opt_integer(a, "seal_requested_by", at)
            )
        )
        source_ids.append(jr.integer(a, "id", at, low=1))
    signed = None
    if d["signature"] is not None:
        sig = jr.obj(d["signature"], f"{where}.signature", {"signed_by", "signed_at",
                                                             "content_sha256"})  # fmt: skip
        signature = Signature(
            jr.text(sig, "signed_by", where, line("signed_by")),
            jr.text(sig, "signed_at", where, line("signed_at", 40)),
            jr.text(sig, "content_sha256", where, line("content_sha256", 64)),
        )
        copy = _was_redacted_copy(d["imported_from"], where)
        origin = NoteOrigin(
            source_note_id=jr.integer(d, "seal_note_id", where),
            source_sha256=signature.content_sha256,
            seal_ids=tuple(sorted(seal_ids.items())),
            others=others,
            redacted_copy=redacted_here or copy,
            left_out_sections=left_out_sections,
            copy_sha256=None,
            imported_at=now_iso(),
            left_out_amendments=left_out_amendments,
        )
        signed = SignedNoteImport(
            content, is_process, signature, tuple(addenda), tuple(seals), origin, created_at
        )
    elif addenda:
        raise jr.refuse(f"{where}.addenda", "belong to signed notes only")
    return ArrivingNote(
        jr.integer(d, "id", where, low=1), content, is_process, created_at, signed,
        tuple(source_ids),
    )  # fmt: skip


def _section(s: dict[str, Any], where: str, owner: Any) -> NoteSection:
    return NoteSection(
        jr.text(s, "key", where, line("key")),
        jr.text(s, "title", where),
        jr.text(s, "text", where),
        owner(s, where),
    )


def _count(d: dict[str, Any], key: str, where: str) -> int:
    value = d.get(key, 0)
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 10_000:
        raise jr.refuse(f"{where}.imported_from.{key}", "should be a count")
    return value


def _code(value: Any, where: str) -> str:
    if not isinstance(value, str) or len(value) > 40:
        raise jr.refuse(where, "should hold diagnosis codes")
    return value


def _was_redacted_copy(raw: Any, where: str) -> bool:
    if raw is None:
        return False
    d = jr.obj(raw, f"{where}.imported_from", {"source_note_id", "source_sha256",
                                               "redacted_copy", "imported_at",
                                               "left_out_sections",
                                               "left_out_amendments"})  # fmt: skip
    return jr.boolean(d, "redacted_copy", where)
