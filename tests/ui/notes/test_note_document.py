"""The signed note's HTML: every stored value escaped, private sections labelled."""

from __future__ import annotations

from dataclasses import replace

from ui.notes.note_document import note_html
from vault.notes.model import Note
from vault.notes.records import blank_note


def _note(text: str, private_to: int | None = None) -> Note:
    content = blank_note("soap", "2026-03-02T14:00", (1, 2), service_type="couples")
    first = replace(content.sections[0], text=text, private_to=private_to)
    content = replace(content, sections=(first, *content.sections[1:]))
    return Note(1, content, False, "2026-03-02T15:00", "2026-03-02T15:00", None)


def test_note_text_is_escaped() -> None:
    html = note_html(_note("<script>x</script> & <b>"), {1: "Demo A", 2: "Demo B"})
    assert "<script>" not in html and "&lt;script&gt;" in html


def test_participant_names_are_escaped() -> None:
    html = note_html(_note("Demo"), {1: "Demo <i>A</i>", 2: "Demo B"})
    assert "<i>A</i>" not in html


def test_a_private_section_says_whose_it_is() -> None:
    html = note_html(_note("Demo disclosure", private_to=2), {1: "Demo Avery", 2: "Demo Blake"})
    assert "Private to Demo Blake" in html


def test_a_note_altered_by_a_destruction_says_so_with_both_seals() -> None:
    from vault.notes.model import Redaction, Signature

    redaction = Redaction(
        1, 1, "2026-11-30T10:00:00+00:00", "participant_destroyed", ("private",), (7,),
        "a" * 64, "a" * 64, "b" * 64, "c" * 64,
    )  # fmt: skip
    note = replace(
        _note("Demo shared"),
        signature=Signature("Demo Clinician", "2026-03-02T15:00:00+00:00", "a" * 64),
        redactions=(redaction,),
    )
    html = note_html(note, {1: "Demo A"})
    assert "a participant's record was destroyed" in html
    assert "1 section private to them and 1 amendment they asked for" in html
    assert "c" * 64 in html and "a" * 64 in html
