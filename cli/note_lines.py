"""One note as one line of output, shared by ``notes`` and ``search`` so both read alike.

The first four columns are the same in both (id, session start, kind, state); a script that
cuts them out of one command's output can cut them out of the other's.
"""

from __future__ import annotations

from collections.abc import Iterable

from .text_output import terminal_safe


def note_line(
    note_id: int,
    session_start: str,
    kind: str,
    *,
    signed: bool,
    process_note: bool,
    details: Iterable[str],
) -> str:
    """Tab-separated, every field made `terminal_safe`: the common columns, then `details`.

    The state is ``signed`` or ``draft``, with ``,PROCESS-NOTE`` so psychotherapy notes stand out.
    """
    state = "signed" if signed else "draft"
    if process_note:
        state += ",PROCESS-NOTE"
    fields = (str(note_id), session_start, kind, state, *details)
    return "\t".join(terminal_safe(f) for f in fields)
