"""Start from the previous note, as the editor offers it: find the note, fill, say what happened.

The rules (which note, which sections, never a private one) are `vault.notes.previous`'s; this
module only turns the outcome into the sentence the editor shows.
"""

from __future__ import annotations

from ui.notes.sections_form import short_date
from vault import Vault
from vault.notes.model import NoteContent
from vault.notes.previous import FilledFromPrevious, fill_from_previous, previous_note
from vault.notes.templates import template_title


def start_from_previous(
    vault: Vault, content: NoteContent, client_id: int, note_id: int | None
) -> tuple[FilledFromPrevious | None, str]:
    """The filled content (None when nothing could be copied) and what to tell the therapist."""
    kind = template_title(content.template_id)
    previous = previous_note(
        vault, client_id, content.template_id, before=content.session_start, excluding=note_id
    )
    if previous is None:
        return None, f"No earlier {kind} for this client to start from."
    filled = fill_from_previous(content, previous)
    when = short_date(previous.content.session_start)
    notes: list[str] = []
    if filled.typed_kept:
        notes.append(
            _count(
                filled.typed_kept, "section you had typed in was", "sections you had typed in were"
            )
            + " kept"
        )
    if filled.private_left_out:
        notes.append(
            _count(filled.private_left_out, "private section was", "private sections were")
            + " not copied"
        )
    extra = f" ({'; '.join(notes)})" if notes else ""
    if not filled.copied:
        return None, f"Nothing to copy from the note of {when}{extra}."
    copied = _count(len(filled.copied), "section", "sections")
    return filled, f"Copied {copied} from the note of {when}: edit each to confirm{extra}."


def _count(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"
