"""Search timed three ways in one run: the app encrypted, the app on plain SQLite, bare FTS5.

Rounds alternate the three so noise from the rest of the machine falls on all alike. The app
side is `search_notes`, exactly as the window and the CLI call it (first page of results, with
snippets and clients' names); the bare side is `BareIndex.search` on the same MATCH expression.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from vault.search.engine import SearchFilters, search_notes
from vault.search.query import parse_query, to_fts5

from .bare import BareIndex
from .queries import Query
from .stats import Samples, time_ms

ROUNDS = 5


@dataclass(frozen=True)
class ClassTimes:
    name: str
    queries: int
    encrypted: Samples
    plain: Samples
    bare: Samples


def bare_match(query: Query) -> str:
    """The app's MATCH expression, with the filters as the bare index's own tokens."""
    match = to_fts5(parse_query(query.text, last_word_is_prefix=query.typing))
    f: SearchFilters = query.filters
    if f.client_id is not None:
        match += f' AND meta : "c{f.client_id}"'
    if f.date_from is not None and f.date_to is not None:
        years = range(f.date_from.year, f.date_to.year + 1)
        match += " AND meta : (" + " OR ".join(f'"y{y:04d}"' for y in years) + ")"
    if f.kinds:
        match += " AND meta : (" + " OR ".join(f'"k{k.replace("_", "")}"' for k in f.kinds) + ")"
    if not f.include_process_notes:
        match += ' NOT meta : "pn"'
    return match


def _app(vault: Any, query: Query) -> object:
    return search_notes(vault, query.text, query.filters, typing=query.typing)


def time_class(
    name: str, queries: list[Query], vault: Any, plain: Any, bare: BareIndex, rounds: int
) -> ClassTimes:
    matches = [bare_match(q) for q in queries]
    for q, m in zip(queries, matches, strict=True):  # warm every cache alike before timing
        _app(vault, q), _app(plain, q), bare.search(m)
    enc, pla, bar = Samples(), Samples(), Samples()
    for _ in range(rounds):
        for q, m in zip(queries, matches, strict=True):
            enc.add(time_ms(lambda q=q: _app(vault, q)))
            pla.add(time_ms(lambda q=q: _app(plain, q)))
            bar.add(time_ms(lambda m=m: bare.search(m)))
    return ClassTimes(name, len(queries), enc, pla, bar)
