"""The path past the signed-note refusals is narrow, and a seal altered any other way shows.

Outside a destruction every refusal of schemas 2 and 6 still holds; during one, only the rows
of the client being destroyed may go, and a joint note's rows only after its redaction record.
"""

from __future__ import annotations

from datetime import date

import pytest
import sqlcipher3

from tests.vault.destruction.practice import GONE_NAME, Practice, build_practice
from vault import Vault
from vault.checks import verify_vault
from vault.consent.disclosures import record_disclosure
from vault.destruction.destroy import destroy_client
from vault.notes.errors import SIGNED_NOTE_TRIGGER_MESSAGE


@pytest.fixture
def practice(vault: Vault) -> Practice:
    return build_practice(vault)


def _refused(vault: Vault, *statements: tuple[str, tuple[object, ...]], match: str) -> None:
    with pytest.raises(sqlcipher3.IntegrityError, match=match), vault.db.write() as conn:
        for sql, params in statements:
            conn.execute(sql, params)


def _permit(client: int) -> tuple[str, tuple[object, ...]]:
    return (
        "INSERT INTO destruction_in_progress (client_id, redactions_before) VALUES (?, 0)",
        (client,),
    )


@pytest.mark.parametrize(
    "sql",
    [
        "DELETE FROM notes WHERE id = ?",
        "DELETE FROM note_sections WHERE note_id = ?",
        "DELETE FROM note_participants WHERE note_id = ?",
        "DELETE FROM note_addenda WHERE note_id = ?",
    ],
)
def test_outside_a_destruction_a_signed_note_still_refuses_deletion(
    vault: Vault, practice: Practice, sql: str
) -> None:
    _refused(vault, (sql, (practice.joint_note,)), match="cannot be changed")
    _refused(vault, (sql, (practice.alone_notes[0],)), match="cannot be changed")


def test_outside_a_destruction_disclosures_stay_whole(vault: Vault, practice: Practice) -> None:
    _refused(vault, ("DELETE FROM disclosures", ()), match="accounting must stay whole")


def test_during_one_clients_destruction_the_partners_rows_stay(
    vault: Vault, practice: Practice
) -> None:
    kept_note = (practice.kept_note,)
    _refused(
        vault, _permit(practice.gone), ("DELETE FROM notes WHERE id = ?", kept_note),
        match=SIGNED_NOTE_TRIGGER_MESSAGE,
    )  # fmt: skip
    _refused(
        vault, _permit(practice.gone), ("DELETE FROM notes WHERE id = ?", (practice.joint_note,)),
        match=SIGNED_NOTE_TRIGGER_MESSAGE,
    )  # fmt: skip
    _refused(
        vault,
        _permit(practice.gone),
        ("DELETE FROM note_sections WHERE private_to = ?", (practice.kept,)),
        match=SIGNED_NOTE_TRIGGER_MESSAGE,
    )
    record_disclosure(
        vault, practice.kept, disclosed_on=date(2020, 1, 2), recipient="Demo Court",
        information="Demo dates", basis="client_request",
    )  # fmt: skip
    _refused(
        vault,
        _permit(practice.gone),
        ("DELETE FROM disclosures WHERE client_id = ?", (practice.kept,)),
        match="accounting must stay whole",
    )


def test_a_joint_notes_rows_wait_for_its_redaction_record(vault: Vault, practice: Practice) -> None:
    _refused(
        vault,
        _permit(practice.gone),
        ("DELETE FROM note_sections WHERE private_to = ?", (practice.gone,)),
        match=SIGNED_NOTE_TRIGGER_MESSAGE,
    )
    _refused(
        vault,
        _permit(practice.gone),
        ("DELETE FROM note_participants WHERE client_id = ? AND note_id = ?",
         (practice.gone, practice.joint_note)),
        match=SIGNED_NOTE_TRIGGER_MESSAGE,
    )  # fmt: skip


def test_a_redaction_record_is_written_only_by_a_destruction(
    vault: Vault, practice: Practice
) -> None:
    row = (practice.joint_note, "2026-01-01", "participant_destroyed", "a" * 64, "a" * 64,
           "a" * 64, "a" * 64)  # fmt: skip
    _refused(
        vault,
        (
            "INSERT INTO note_redactions (note_id, redacted_at, cause, sealed_sha256, "
            "prior_sha256, remaining_sha256, resealed_sha256) VALUES (?, ?, ?, ?, ?, ?, ?)",
            row,
        ),
        match="redacted only when",
    )


def test_one_destruction_at_a_time_of_a_client_that_exists(
    vault: Vault, practice: Practice
) -> None:
    _refused(vault, _permit(practice.gone), _permit(practice.kept), match="one destruction")
    _refused(vault, _permit(999), match="one destruction")


def test_check_reports_a_destruction_left_open(vault: Vault, practice: Practice) -> None:
    with vault.db.write() as conn:
        conn.execute(*_permit(practice.gone))
    assert any("left open" in p for p in verify_vault(vault))


def test_a_redaction_altered_afterwards_is_reported(vault: Vault, practice: Practice) -> None:
    destroy_client(vault, practice.gone, GONE_NAME)
    assert verify_vault(vault) == []
    with vault.db.write() as conn:
        conn.execute("DROP TRIGGER note_redactions_refuse_update")
        conn.execute("UPDATE note_redactions SET redacted_at = '2030-01-01T00:00:00+00:00'")
    assert any("has been altered" in p for p in verify_vault(vault))


def test_content_changed_after_the_redaction_is_reported(vault: Vault, practice: Practice) -> None:
    destroy_client(vault, practice.gone, GONE_NAME)
    with vault.db.write() as conn:
        conn.execute("DROP TRIGGER note_sections_signed_refuse_update")
        conn.execute(
            "UPDATE note_sections SET body = 'Demo rewritten' WHERE note_id = ? AND position = 0",
            (practice.joint_note,),
        )
    problems = verify_vault(vault)
    assert any("content its last redaction sealed" in p for p in problems)


def test_a_removed_redaction_is_reported(vault: Vault, practice: Practice) -> None:
    destroy_client(vault, practice.gone, GONE_NAME)
    with vault.db.write() as conn:
        conn.execute("DROP TRIGGER note_redactions_refuse_delete")
        conn.execute("DELETE FROM note_redactions")
    assert any("no longer matches the content that was signed" in p for p in verify_vault(vault))
