"""What a search is asked and what it answers, as small frozen values for any front end."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from vault.search.snippets import SnippetSegment


@dataclass(frozen=True)
class SearchFilters:
    """Narrow a search. Dates are inclusive session dates; `kinds` are template ids."""

    client_id: int | None = None
    date_from: date | None = None
    date_to: date | None = None
    kinds: tuple[str, ...] = ()
    include_process_notes: bool = False


@dataclass(frozen=True)
class ClientRef:
    id: int
    name: str


@dataclass(frozen=True)
class SearchHit:
    note_id: int
    session_start: str
    kind: str
    kind_title: str
    is_process_note: bool
    signed_at: str | None
    clients: tuple[ClientRef, ...]
    snippet: tuple[SnippetSegment, ...]
    score: float
    private_to: ClientRef | None = None  # the snippet comes from a section private to them


@dataclass(frozen=True)
class SearchPage:
    """Where the next page starts: a block of notes (``[lower, upper)``) and an offset in it.

    Opaque to front ends: hand back `SearchResults.next_page` to get the following page.
    """

    upper: int
    lower: int | None  # None: the block is still to be found below `upper`
    offset: int = 0
    ranked: bool = True  # False: every word is common, so pages go newest first


@dataclass(frozen=True)
class SearchResults:
    """Hits best first, a plain-language `message` when the search was adjusted, and
    `next_page` when more notes match than this page holds (None on the last page)."""

    hits: tuple[SearchHit, ...]
    message: str = ""
    next_page: SearchPage | None = None
