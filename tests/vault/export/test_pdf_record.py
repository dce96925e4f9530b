"""The PDF of a client's record, read back as a reader would: cover, contents, notes, rules."""

from __future__ import annotations

import io
import logging
import re

import pypdf
import pytest

from tests.vault.export.builders import (
    MARKER_A_PRIVATE,
    MARKER_B,
    MARKER_B_AMENDMENT,
    MARKER_NOTE_A,
    MARKER_PROCESS,
    NAME_A,
    NAME_B,
    NAME_C,
    NAME_D,
    SIGNER,
    Practice,
)
from tests.vault.export.pdf_reading import all_text, one_line, page_texts
from tests.vault.note_helpers import soap, stored
from vault import Vault
from vault.clients.practice import PracticeDetails
from vault.consent.model import LIMITS
from vault.export.gather import gather_record
from vault.export.joint import JOINT_SESSION_RULE, PROCESS_NOTES_EXPLANATION
from vault.export.model import ClientRecord, ExportSelection
from vault.export.pdf_record import record_pdf
from vault.notes.signing import sign_note
from vault.store.errors import ValidationError

DETAILS = PracticeDetails(
    practice_name="Demo Counselling Rooms",
    clinician="Demo Clinician",
    credentials="LMFT",
    licence_number="DEMO-0042",
    contact="3 Demo Lane\nDemo Town",
)


def _record(vault: Vault, client_id: int, **selection: object) -> ClientRecord:
    return gather_record(vault, ExportSelection(client_id, **selection))  # type: ignore[arg-type]


@pytest.fixture
def record(vault: Vault, practice: Practice) -> ClientRecord:
    return _record(vault, practice.a)


@pytest.fixture
def pdf(record: ClientRecord) -> bytes:
    return record_pdf(record, practice=DETAILS)


def test_the_cover_says_whose_record_who_keeps_it_and_what_it_covers(pdf: bytes) -> None:
    cover = one_line(page_texts(pdf)[0])
    for expected in (NAME_A, "Demo Counselling Rooms", "Demo Clinician, LMFT", "DEMO-0042"):
        assert expected in cover
    assert "All sessions" in cover
    assert "Made" in cover and "UTC, with Confidant" in cover
    assert "Session notes, with their addenda and amendments" in cover


def test_the_cover_explains_what_is_left_out_and_the_joint_session_rule(pdf: bytes) -> None:
    cover = one_line(page_texts(pdf)[0])
    assert "Psychotherapy (process) notes (1 in this range)" in cover
    assert one_line(PROCESS_NOTES_EXPLANATION) in cover
    assert one_line(JOINT_SESSION_RULE) in cover


def test_process_notes_are_absent_by_default_and_present_when_chosen(
    vault: Vault, practice: Practice, pdf: bytes
) -> None:
    assert MARKER_PROCESS not in all_text(pdf)
    chosen = record_pdf(_record(vault, practice.a, include_process_notes=True), practice=DETAILS)
    text = all_text(chosen)
    assert MARKER_PROCESS in text
    assert "(psychotherapy note)" in text
    assert "which the therapist chose to include" in one_line(page_texts(chosen)[0])


def test_other_participants_appear_by_role_and_their_private_words_never(pdf: bytes) -> None:
    text = all_text(pdf)
    for absent in (NAME_B, NAME_C, NAME_D, MARKER_B, MARKER_B_AMENDMENT):
        assert absent not in text
    assert "Client, Partner" in text
    assert "Client, Family member 1, Family member 2" in text
    assert MARKER_A_PRIVATE in text  # what A said alone is A's own
    assert "1 section private to another participant is left out" in one_line(text)


def test_each_note_has_its_header(vault: Vault, practice: Practice, record: ClientRecord) -> None:
    text = all_text(record_pdf(record, practice=DETAILS))
    individual = next(n for n in record.notes if n.note.id == practice.individual)
    assert individual.note.signature is not None
    for expected in (
        "2025-03-02 14:00 · SOAP note",
        "Modality In person",
        "Duration 50 minutes",
        "Service Individual",
        f"Signed by {SIGNER}",
        individual.note.signature.content_sha256,
        "Diagnoses F41.1",
        MARKER_NOTE_A,
    ):
        assert expected in text
    assert "Not signed: a draft, which may still change" in text


def test_addenda_and_amendments_follow_their_note_in_order(pdf: bytes) -> None:
    text = all_text(pdf)
    note = text.index(MARKER_NOTE_A)
    addendum = text.index("Demo later detail.")
    amendment = text.index("Demo corrected date.")
    assert note < addendum < amendment
    assert "Amendment, requested 2025-03-10" in text
    assert "In answer to Amendment request of 2025-03-10" in text


def test_every_page_says_confidential_page_x_of_y(pdf: bytes) -> None:
    pages = page_texts(pdf)
    assert len(pages) > 3
    for number, text in enumerate(pages, start=1):
        assert f"Confidential — Page {number} of {len(pages)}" in text


def test_the_contents_list_every_entry_with_the_page_it_is_on(pdf: bytes) -> None:
    pages = page_texts(pdf)
    contents = pages[1]
    assert contents.splitlines()[1:2] == ["Contents"] or "Contents" in contents
    entries = re.findall(r"^(\d{4}-\d\d-\d\d \d\d:\d\d · .+?) (\d+)$", contents, re.MULTILINE)
    assert len(entries) == 4  # individual, couples, family, draft: the process note is left out
    for title, page in entries:
        assert title in pages[int(page) - 1]
    for section in ("Profile", "Diagnoses", "Accounting of disclosures (six years)"):
        assert re.search(rf"^{re.escape(section)} \d+$", contents, re.MULTILINE)


def test_the_contents_are_also_the_pdf_bookmarks(pdf: bytes) -> None:
    outline = pypdf.PdfReader(io.BytesIO(pdf)).outline
    titles = [item.title for item in outline if not isinstance(item, list)]
    assert "Profile" in titles and "Session notes, with their addenda and amendments" in titles


def test_the_other_sections_hold_what_the_record_holds(pdf: bytes) -> None:
    text = all_text(pdf)
    for expected in (
        "Date of birth 1990-04-30",
        "Preferred name Ada",
        "Consent given 2025-01-10 (policy version 1)",
        "How Signed paper form",
        "Privacy at home Demo: a closed room.",
        "Revisited 2025-06-01: Demo review.",
        "When I may have to share information without your permission",
        "Release 1: to Demo Dr Gp, Demo Clinic",
        "What was shared Dates of sessions",
        "Basis Your written authorisation (release 1)",
        "Request for a copy, received 2025-06-02",
        "Decision Accepted",
        "F41.1 2025-03-02, in 1 note",
    ):
        assert expected in text, expected
    ticked = dict(LIMITS)
    assert f"☒ {ticked['harm_to_self']}" in text
    assert f"☐ {ticked['supervision']}" in text


def test_sections_not_chosen_are_absent_and_said_to_be(vault: Vault, practice: Practice) -> None:
    record = _record(vault, practice.a, sections=frozenset({"notes"}))
    pdf = record_pdf(record, practice=DETAILS)
    text = all_text(pdf)
    assert "Date of birth" not in text and "Release 1" not in text
    assert "Diagnoses F41.1" not in text  # codes go with the diagnoses section
    assert "Accounting of disclosures (six years) Not chosen for this export." in one_line(
        page_texts(pdf)[0]
    )


def test_markup_in_a_note_prints_literally(vault: Vault, practice: Practice) -> None:
    literal = "<b>bold</b> <img src=x> &amp; **not bold** # not a heading {nb} [link](x)"
    note = stored(vault, soap((practice.a,), subjective=literal, session_start="2025-07-01T09:00"))
    sign_note(vault, note, SIGNER)
    text = all_text(record_pdf(_record(vault, practice.a), practice=DETAILS))
    assert literal in text


def test_right_to_left_text_and_emoji_print_and_undrawable_characters_are_named(
    vault: Vault, practice: Practice, caplog: pytest.LogCaptureFixture
) -> None:
    words = "Demo: שלום עולם and مرحبا بالعالم 🙂🎉 and 张伟"
    stored(vault, soap((practice.a,), subjective=words, session_start="2025-07-02T09:00"))
    with caplog.at_level(logging.WARNING):
        pdf = record_pdf(_record(vault, practice.a), practice=DETAILS)
    assert caplog.records == []  # fpdf2 names missing glyphs in its log: none may be missing
    text = all_text(pdf)
    for piece in ("שלום עולם", "مرحبا بالعالم", "🙂", "🎉", "[U+5F20][U+4F1F]"):
        assert piece in text
    assert "2 characters in this document could not be drawn" in one_line(page_texts(pdf)[0])


def test_a_long_unbroken_word_is_cut_across_lines_not_lost(
    vault: Vault, practice: Practice
) -> None:
    word = "Demo" + "x" * 400 + "End"
    stored(vault, soap((practice.a,), subjective=word, session_start="2025-07-03T09:00"))
    text = all_text(record_pdf(_record(vault, practice.a), practice=DETAILS))
    assert word in text.replace("\n", "")


@pytest.mark.parametrize(("paper", "size"), [("A4", (595, 842)), ("Letter", (612, 792))])
def test_paper_size_is_a4_or_letter(
    record: ClientRecord, paper: str, size: tuple[int, int]
) -> None:
    reader = pypdf.PdfReader(io.BytesIO(record_pdf(record, paper=paper, practice=DETAILS)))
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == size


def test_another_paper_size_is_refused(record: ClientRecord) -> None:
    with pytest.raises(ValidationError, match="Paper size"):
        record_pdf(record, paper="A5", practice=DETAILS)


def test_the_pdf_metadata_names_no_one(pdf: bytes) -> None:
    metadata = pypdf.PdfReader(io.BytesIO(pdf)).metadata
    assert metadata is not None
    assert metadata.title == "Confidential client record"
    assert NAME_A not in str(dict(metadata))
