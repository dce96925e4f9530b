"""Search timed three ways in one run: the app encrypted, the app on plain SQLite, bare FTS5.

Rounds alternate the encrypted vault and its plain twin query by query, each going first in
every other round, so noise from the rest of the machine falls on both alike. Bare FTS5 is
timed after them, in the same run: a bare query for a word in most notes walks and frees about
a hundred megabytes, and whatever SQLite work came next in the process ran 5 ms slower
(measured on the demo corpus's very common words: 5.2 ms p50 right after a bare query, 1.5 ms
otherwise, for the encrypted and the plain side alike), which had fallen on the encrypted side
alone when it always came next. The app side is `search_notes`, exactly as the window and the
CLI call it (first page of results, with snippets and clients' names); the bare side is
`BareIndex.search` on the same MATCH expression.
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
    sides = [(vault, enc), (plain, pla)]
    for turn in range(rounds):
        for q in queries:
            for side, samples in sides[turn % 2 :] + sides[: turn % 2]:
                samples.add(time_ms(lambda q=q, side=side: _app(side, q)))
    for _ in range(rounds):
        for m in matches:
            bar.add(time_ms(lambda m=m: bare.search(m)))
    return ClassTimes(name, len(queries), enc, pla, bar)
