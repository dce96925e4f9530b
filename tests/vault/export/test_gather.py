"""Gathering a client's record: sections, range, process notes, and the joint-session rule."""

from __future__ import annotations

from dataclasses import asdict
from datetime import date

import pytest

from tests.vault.export.builders import (
    MARKER_A_PRIVATE,
    MARKER_B,
    MARKER_B_AMENDMENT,
    MARKER_PROCESS,
    NAME_A,
    NAME_B,
    NAME_C,
    NAME_D,
    Practice,
)
from vault import ValidationError, Vault
from vault.export.errors import ExportCancelledError
from vault.export.gather import gather_record
from vault.export.joint import JOINT_SESSION_RULE, other_participant_labels
from vault.export.model import ExportSelection


def _note(record, note_id):  # type: ignore[no-untyped-def]
    return next(n for n in record.notes if n.note.id == note_id)


def test_the_whole_record_holds_every_section(vault: Vault, practice: Practice) -> None:
    record = gather_record(vault, ExportSelection(practice.a))
    assert record.client_name == f"{NAME_A} (Ada)"
    assert record.profile is not None and record.profile.profile.email == "ada@example.org"
    assert [c.policy.version for c in record.consents] == [1]
    assert "harm" in record.consents[0].policy.body and len(record.consents[0].revisits) == 1
    assert len(record.releases) == 1 and len(record.disclosures) == 1
    assert [r.id for r in record.access_requests] == [practice.access_request]
    assert record.amendment_requests[0].decision == "accepted"
    assert [d.code for d in record.diagnoses] == ["F41.1"]
    ids = [n.note.id for n in record.notes]
    assert ids == [practice.individual, practice.couples, practice.family, practice.unsigned]


def test_process_notes_are_left_out_by_default_and_the_reason_is_given(
    vault: Vault, practice: Practice
) -> None:
    record = gather_record(vault, ExportSelection(practice.a))
    assert practice.process not in [n.note.id for n in record.notes]
    assert record.process_notes_left_out == 1
    excluded = {e.what: e.why for e in record.front_matter.excluded}
    what = "Psychotherapy (process) notes (1 in this range)"
    assert "164.524" in excluded[what] and "by default" in excluded[what]
    assert MARKER_PROCESS not in repr(record)


def test_process_notes_are_included_on_purpose(vault: Vault, practice: Practice) -> None:
    record = gather_record(vault, ExportSelection(practice.a, include_process_notes=True))
    assert practice.process in [n.note.id for n in record.notes]
    assert record.process_notes_left_out == 0
    assert not any("Psychotherapy" in e.what for e in record.front_matter.excluded)


def test_a_couples_note_names_the_partner_by_role_and_leaves_out_their_private_section(
    vault: Vault, practice: Practice
) -> None:
    record = gather_record(vault, ExportSelection(practice.a))
    couples = _note(record, practice.couples)
    assert [(p.label, p.is_record_client) for p in couples.participants] == [
        ("Client", True),
        ("Partner", False),
    ]
    texts = [s.text for s in couples.note.content.sections]
    assert any(MARKER_A_PRIVATE in t for t in texts), "A's own private section stays"
    assert not any(MARKER_B in t for t in texts)
    assert couples.left_out_sections == 1 and couples.left_out_amendments == 1
    assert [a.text for a in couples.note.addenda] == ["Demo shared addendum."]
    assert couples.notice == (
        "1 section private to another participant is left out; 1 amendment requested by "
        "another participant is left out; the hashes shown are of this copy as shown, not of "
        "the signed original, which also covers what was left out and is kept in the "
        "practice's vault."
    )
    assert couples.is_redacted


def test_nothing_of_the_other_participants_reaches_the_record(
    vault: Vault, practice: Practice
) -> None:
    record = repr(gather_record(vault, ExportSelection(practice.a, include_process_notes=True)))
    for secret in (NAME_B, NAME_C, NAME_D, MARKER_B, MARKER_B_AMENDMENT):
        assert secret not in record


def test_family_members_are_numbered_in_a_stable_order(vault: Vault, practice: Practice) -> None:
    first = _note(gather_record(vault, ExportSelection(practice.a)), practice.family)
    again = _note(gather_record(vault, ExportSelection(practice.a)), practice.family)
    labels = [(p.label, p.client_id) for p in first.participants]
    assert labels == [
        ("Client", practice.a),
        ("Family member 1", practice.c),
        ("Family member 2", practice.d),
    ]
    assert labels == [(p.label, p.client_id) for p in again.participants]
    assert not first.is_redacted and first.notice == ""


def test_the_partner_sees_the_other_side_of_the_same_rule(vault: Vault, practice: Practice) -> None:
    record = gather_record(vault, ExportSelection(practice.b))
    couples = _note(record, practice.couples)
    texts = " ".join(s.text for s in couples.note.content.sections)
    assert MARKER_B in texts and MARKER_A_PRIVATE not in texts
    assert couples.note.addenda[0].text.startswith(MARKER_B_AMENDMENT)
    assert NAME_A not in repr(record)


def test_group_roles_are_numbered() -> None:
    assert other_participant_labels("group", 2) == ("Group member 1", "Group member 2")
    assert other_participant_labels("couples", 1) == ("Partner",)


def test_the_front_matter_states_the_rule_and_what_was_left_out(
    vault: Vault, practice: Practice
) -> None:
    front = gather_record(vault, ExportSelection(practice.a)).front_matter
    assert front.joint_session_rule == JOINT_SESSION_RULE
    assert front.range_text == "All sessions"
    assert len(front.included) == 6
    assert any("1 section and 1 amendment" in e.what for e in front.excluded)


def test_a_date_range_keeps_only_sessions_inside_it(vault: Vault, practice: Practice) -> None:
    selection = ExportSelection(practice.a, date_from=date(2025, 4, 1), date_to=date(2025, 4, 30))
    record = gather_record(vault, selection)
    assert [n.note.id for n in record.notes] == [practice.couples]
    assert record.front_matter.range_text == "Sessions from 2025-04-01 to 2025-04-30"


def test_sections_not_chosen_are_empty_and_named_as_excluded(
    vault: Vault, practice: Practice
) -> None:
    record = gather_record(vault, ExportSelection(practice.a, sections=frozenset({"notes"})))
    assert record.profile is None and record.consents == () and record.disclosures == ()
    assert record.diagnoses == ()
    individual = _note(record, practice.individual)
    assert individual.note.content.diagnoses == () and individual.diagnoses_left_out
    assert "Profile" in [e.what for e in record.front_matter.excluded]


def test_diagnoses_alone_come_from_the_notes_without_the_notes(
    vault: Vault, practice: Practice
) -> None:
    record = gather_record(vault, ExportSelection(practice.a, sections=frozenset({"diagnoses"})))
    assert record.notes == () and [d.code for d in record.diagnoses] == ["F41.1"]


@pytest.mark.parametrize(
    "kwargs",
    [
        {"sections": frozenset({"gossip"})},
        {"sections": frozenset()},
        {"date_from": date(2025, 2, 1), "date_to": date(2025, 1, 1)},
        {"date_from": "2025-01-01"},
    ],
)
def test_a_selection_that_makes_no_sense_is_refused(kwargs: dict[str, object]) -> None:
    with pytest.raises(ValidationError):
        ExportSelection(1, **kwargs)  # type: ignore[arg-type]


def test_progress_is_reported_and_cancel_stops_between_notes(
    vault: Vault, practice: Practice
) -> None:
    seen: list[tuple[int, int]] = []
    gather_record(vault, ExportSelection(practice.a), progress=lambda d, t: seen.append((d, t)))
    assert seen[0] == (0, 4) and seen[-1] == (4, 4)
    with pytest.raises(ExportCancelledError):
        gather_record(vault, ExportSelection(practice.a), cancel=lambda: True)


def test_the_record_is_plain_values(vault: Vault, practice: Practice) -> None:
    record = gather_record(vault, ExportSelection(practice.a))
    assert asdict(record)["client_id"] == practice.a


def test_the_readme_quotes_the_one_rule_text() -> None:
    from pathlib import Path

    readme = (Path(__file__).parents[3] / "README.md").read_text(encoding="utf-8")
    quoted = " ".join(
        line.strip().removeprefix(">").strip()
        for line in readme.splitlines()
        if line.strip().startswith(">")
    )
    assert " ".join(JOINT_SESSION_RULE.split()) in " ".join(quoted.split())
