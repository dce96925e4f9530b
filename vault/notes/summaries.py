"""One-line views of notes for lists (timeline, unsigned drafts, record sets), read cheaply.

Only the first non-blank section's opening characters are read, never whole notes, so a list
of hundreds of notes costs one indexed query.
"""

from __future__ import annotations

from typing import Any

from vault.notes.model import NoteSummary
from vault.notes.templates import template_title

FIRST_LINE_CHARS = 200

SUMMARY_COLUMNS = """n.id, n.kind, n.session_start, n.is_process_note, n.signed_at,
    (SELECT substr(s.body, 1, 600) FROM note_sections s
     WHERE s.note_id = n.id AND trim(s.body) <> '' ORDER BY s.position LIMIT 1),
    (SELECT group_concat(q.client_id) FROM note_participants q WHERE q.note_id = n.id),
    (SELECT count(*) FROM note_addenda a WHERE a.note_id = n.id)"""


def summary_from_row(row: tuple[Any, ...]) -> NoteSummary:
    """Build a `NoteSummary` from a row selected with `SUMMARY_COLUMNS`."""
    participant_ids = tuple(sorted(int(p) for p in str(row[6] or "").split(",") if p))
    return NoteSummary(
        id=int(row[0]),
        kind=row[1],
        kind_title=template_title(row[1]),
        session_start=row[2],
        is_process_note=bool(row[3]),
        signed_at=row[4],
        first_line=first_line(row[5] or ""),
        participant_ids=participant_ids,
        addenda_count=int(row[7]),
    )


def first_line(text: str) -> str:
    for line in text.splitlines():
        if line.strip():
            line = line.strip()
            return line if len(line) <= FIRST_LINE_CHARS else line[: FIRST_LINE_CHARS - 1] + "…"
    return ""
