"""One page of hits: each note's facts, its clients' names and a snippet, in three queries.

Only the page being shown is loaded, so the cost of a search's answer does not grow with how
many notes match. The page's notes are checked against the filters once more here, so an
answer never holds a note outside them whatever the index says.
"""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING

from vault.notes.templates import template_title
from vault.search.model import ClientRef, SearchFilters, SearchHit
from vault.search.snippets import snippet_with_anchor

if TYPE_CHECKING:
    import sqlcipher3

    from vault.search.query import ParsedQuery


def _inside(row: tuple[object, ...], filters: SearchFilters) -> bool:
    _, start, kind, is_process, _ = row
    if is_process and not filters.include_process_notes:
        return False
    if filters.kinds and kind not in filters.kinds:
        return False
    if filters.date_from is not None and str(start) < filters.date_from.isoformat():
        return False
    return filters.date_to is None or str(start) < (filters.date_to + timedelta(1)).isoformat()


def load_hits(
    conn: sqlcipher3.Connection,
    ranked: list[tuple[int, float]],
    parsed: ParsedQuery,
    filters: SearchFilters,
) -> tuple[SearchHit, ...]:
    if not ranked:
        return ()
    ids = [note_id for note_id, _ in ranked]
    marks = ", ".join("?" * len(ids))
    meta = {
        int(r[0]): r
        for r in conn.execute(
            "SELECT id, session_start, kind, is_process_note, signed_at FROM notes "
            f"WHERE id IN ({marks})",
            ids,
        )
    }
    texts = {
        int(r[0]): str(r[1])
        for r in conn.execute(
            f"SELECT note_id, body FROM note_search_source WHERE note_id IN ({marks})", ids
        )
    }
    clients: dict[int, list[ClientRef]] = {i: [] for i in ids}
    for note_id, client_id, name in conn.execute(
        "SELECT p.note_id, c.id, c.full_name FROM note_participants p "
        f"JOIN clients c ON c.id = p.client_id WHERE p.note_id IN ({marks}) "
        "ORDER BY p.note_id, c.id",
        ids,
    ):
        clients[note_id].append(ClientRef(int(client_id), name))
    # Only each section's length (in characters, as Python counts them: stored text holds no
    # NUL or lone surrogate) is needed to tell whose section a snippet is from.
    sections: dict[int, list[tuple[int, int | None]]] = {i: [] for i in ids}
    for note_id, length, private_to in conn.execute(
        "SELECT note_id, length(body), private_to FROM note_sections "
        f"WHERE note_id IN ({marks}) ORDER BY note_id, position",
        ids,
    ):
        sections[note_id].append((int(length), private_to))
    in_client = filters.client_id
    terms = parsed.wanted_terms
    hits: list[SearchHit] = []
    for note_id, score in ranked:
        row = meta.get(note_id)
        if row is None or not _inside(row, filters):
            continue
        if in_client is not None and all(c.id != in_client for c in clients[note_id]):
            continue
        text = texts.get(note_id, "")
        snippet, anchor = snippet_with_anchor(text, terms)
        owner = _private_owner(sections[note_id], anchor)
        hits.append(
            SearchHit(
                note_id=note_id,
                session_start=row[1],
                kind=row[2],
                kind_title=template_title(row[2]),
                is_process_note=bool(row[3]),
                signed_at=row[4],
                clients=tuple(clients[note_id]),
                snippet=snippet,
                score=score,
                private_to=next((c for c in clients[note_id] if c.id == owner), None),
            )
        )
    return tuple(hits)


def _private_owner(sections: list[tuple[int, int | None]], offset: int) -> int | None:
    """Whose private section the search text at `offset` lies in (the search text starts with
    the sections in order, joined by line breaks; see `note_search_source`)."""
    start = 0
    for length, private_to in sections:
        end = start + length
        if offset <= end:
            return private_to if offset >= start else None
        start = end + 1
    return None
