"""The joint-session rule: what one participant's record may show of a shared session.

A couples, family or group note belongs to everyone who took part, but each of them may have
said something in confidence (`NoteSection.private_to`). In client A's record the others are
named only by role, every section private to someone else is left out, and so are amendments
another participant asked for (their request and its wording are theirs). A's own private
sections stay: they are A's. The rule is one text, `JOINT_SESSION_RULE`, printed in every
export's front matter and quoted in the README.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace

from vault.export.model import ImportedFrom, Participant, RecordNote
from vault.notes.addenda import AMENDMENT
from vault.notes.model import Note
from vault.notes.provenance import AddendumSeal, NoteOrigin, sealed_view
from vault.notes.signing import canonical_addendum_bytes, canonical_note_bytes, sha256_hex

JOINT_SESSION_RULE = (
    "Joint sessions (couples, family and group): this record names the other people who took "
    'part only by their role ("Partner" in couples sessions, "Family member 1", "Family '
    'member 2"... in family sessions, "Group member 1"... in group sessions), never by '
    "name. Anything another participant said in confidence, recorded as private to them, is "
    "left out, and so is any amendment another participant asked for; each note says how "
    "much was left out. What you said in confidence yourself is included."
)

PROCESS_NOTES_EXPLANATION = (
    "Psychotherapy notes (the therapist's separate process notes, kept apart from the rest of "
    "the record to analyse the conversation) are not part of the record a client is given by "
    "default: the law treats them separately (in the US, HIPAA 45 CFR 164.501 and 164.524), "
    "and they are written as the therapist's working thoughts rather than as the record of "
    "care. They are included only when the therapist chooses to include them."
)

RECORD_CLIENT_LABEL = "Client"
_ROLE_NAMES = {"couples": "Partner", "family": "Family member", "group": "Group member"}


def other_participant_labels(service_type: str, count: int) -> tuple[str, ...]:
    """Role labels for the `count` other people in a session, numbered in a stable order.

    A couples session has one "Partner"; several others in any joint session are numbered
    ("Family member 1", "Family member 2"), and an individual session that somehow holds
    others calls them "Participant 1"...
    """
    role = _ROLE_NAMES.get(service_type, "Participant")
    if count == 1 and service_type == "couples":
        return (role,)
    return tuple(f"{role} {n}" for n in range(1, count + 1))


def note_for_client(
    note: Note,
    client_id: int,
    *,
    keep_diagnoses: bool = True,
    origin: NoteOrigin | None = None,
    addendum_seals: Mapping[int, AddendumSeal] | None = None,
) -> RecordNote:
    """`note` as it may appear in `client_id`'s own record (the joint-session rule).

    Other participants become role labels numbered in the order of the ids the note was
    sealed with (a note keeps its participants in that order), so the numbering is the same
    every time this note is exported, from this vault or from one it was imported into. Ids
    are kept (they are what the signature hash covers); names never enter. `origin` and
    `addendum_seals` describe a note that came in through an import (`vault.notes.provenance`).
    """
    content = note.content
    seals = addendum_seals or {}
    people: list[tuple[int | None, int | None]] = [
        (p, _seal_id(origin, p)) for p in content.participants
    ]
    people += [(None, seal_id) for _, seal_id in (origin.others if origin else ())]
    # In seal order; an imported copy's others without a seal id keep the order they came in.
    people.sort(key=lambda person: (person[1] is None, person[1] or 0))
    others = [i for i, person in enumerate(people) if person[0] != client_id]
    role_labels = other_participant_labels(content.service_type, len(others))
    labels = dict(zip(others, role_labels, strict=True))
    participants = tuple(
        Participant(
            labels.get(i, RECORD_CLIENT_LABEL),
            is_record_client=local == client_id,
            client_id=local,
            seal_id=seal_id,
        )
        for i, (local, seal_id) in enumerate(people)
    )
    kept_sections = tuple(
        s for s in content.sections if s.private_to is None or s.private_to == client_id
    )
    kept_addenda = tuple(
        a
        for a in note.addenda
        if a.kind != AMENDMENT or a.requested_by is None or a.requested_by == client_id
    )
    diagnoses = content.diagnoses if keep_diagnoses else ()
    shown = replace(
        note,
        content=replace(content, sections=kept_sections, diagnoses=diagnoses),
        addenda=kept_addenda,
    )
    earlier = origin.left_out_sections if origin else 0
    record_note = RecordNote(
        note=shown,
        participants=participants,
        seal_note_id=origin.source_note_id if origin else note.id,
        left_out_sections=len(content.sections) - len(kept_sections) + earlier,
        left_out_amendments=len(note.addenda)
        - len(kept_addenda)
        + (origin.left_out_amendments if origin else 0),
        diagnoses_left_out=bool(content.diagnoses) and not keep_diagnoses,
        imported_from=_imported_from(origin),
        addendum_seals=tuple(
            seals.get(a.id, AddendumSeal(note.id, a.requested_by)) for a in kept_addenda
        ),
    )
    return _without_telling_hashes(record_note, origin) if record_note.is_redacted else record_note


def _without_telling_hashes(record_note: RecordNote, origin: NoteOrigin | None) -> RecordNote:
    """A redacted copy carries hashes of itself, never of the signed original, and no seal id
    of anyone but the record's client.

    The original hash is an unsalted SHA-256 over content this copy leaves out (another
    participant's private section, the diagnosis codes), and everything else it covers is in
    the copy: anyone holding the copy could test guesses of what was left out against it (a
    diagnosis code is found in a few thousand tries). So the note's hash, each addendum's (bound
    to the note's) and an import's source hash are replaced by hashes of the copy as shown:
    the importer checks those like any signed note's, and the original's integrity stays
    provable in the vault that holds it.

    The copy's hash covers the note in the ids it was sealed with, but of the participants
    only the record client's own: another participant's seal id is their client number in the
    practice's vault, which would follow them from note to note (which sessions they attended,
    roughly when they became a client), and a copy's own hash does not need it. Their seal ids
    are left out (None) and they stay role labels.
    """
    note = record_note.note
    signature = note.signature
    if signature is None:
        return record_note
    seals = {
        addendum.id: seal
        for addendum, seal in zip(note.addenda, record_note.addendum_seals, strict=True)
    }
    sealed = copy_view(sealed_view(note, origin, seals), record_note)
    copy_hash = sha256_hex(canonical_note_bytes(sealed, signature.signed_by, signature.signed_at))
    by_id = {a.id: a for a in sealed.addenda}
    addenda = tuple(
        replace(a, content_sha256=sha256_hex(canonical_addendum_bytes(by_id[a.id], copy_hash)))
        for a in note.addenda
    )
    shown = replace(note, signature=replace(signature, content_sha256=copy_hash), addenda=addenda)
    imported = record_note.imported_from
    if imported is not None:
        imported = replace(imported, source_sha256=copy_hash)
    participants = tuple(
        p if p.is_record_client else replace(p, seal_id=None) for p in record_note.participants
    )
    return replace(record_note, note=shown, imported_from=imported, participants=participants)


def copy_view(sealed: Note, record_note: RecordNote) -> Note:
    """What a redacted copy's hash covers: the sealed note under the id it was sealed with,
    with the record client as its only participant id."""
    own = (record_note.record_client_seal_id,)
    return replace(
        sealed, id=record_note.seal_note_id, content=replace(sealed.content, participants=own)
    )


def _seal_id(origin: NoteOrigin | None, client_id: int) -> int:
    return dict(origin.seal_ids).get(client_id, client_id) if origin else client_id


def _imported_from(origin: NoteOrigin | None) -> ImportedFrom | None:
    if origin is None:
        return None
    return ImportedFrom(
        source_note_id=origin.source_note_id,
        source_sha256=origin.source_sha256,
        redacted_copy=origin.redacted_copy,
        imported_at=origin.imported_at,
        left_out_sections=origin.left_out_sections,
        left_out_amendments=origin.left_out_amendments,
    )
