"""Query sets a therapist types, drawn from each corpus by frequency band, never hand-picked.

Bands are fractions of the notes a word occurs in (counted by the bare index), so the same
rules pick "the" and "client" as very common words in one corpus and "sleep" in the other.
Phrases and multi-word queries come from the text of randomly chosen notes, so they match; the
filtered classes ask the same kinds of question narrowed to that note's client, a year around
its date, or its kind. Seeded: the same corpus gives the same queries every run.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

import sqlcipher3

from vault.search.engine import SearchFilters

PER_CLASS = 12
_WORD = re.compile(r"[a-z]+")


@dataclass(frozen=True)
class Query:
    text: str
    filters: SearchFilters = field(default_factory=SearchFilters)
    typing: bool = False


@dataclass(frozen=True)
class _Note:
    body: str
    client_id: int
    kind: str
    day: date


def _sample_notes(plain_db: Path, rng: random.Random, count: int) -> list[_Note]:
    conn = sqlcipher3.connect(str(plain_db))
    try:
        top = int(conn.execute("SELECT max(id) FROM notes").fetchone()[0])
        ids = rng.sample(range(1, top + 1), min(count, top))
        marks = ", ".join("?" * len(ids))
        rows = conn.execute(
            "SELECT s.body, (SELECT min(client_id) FROM note_participants p "
            "WHERE p.note_id = n.id), n.kind, substr(n.session_start, 1, 10) "
            f"FROM notes n JOIN note_search_source s ON s.note_id = n.id "
            f"WHERE n.id IN ({marks}) AND n.is_process_note = 0 ORDER BY n.id",
            ids,
        ).fetchall()
    finally:
        conn.close()
    return [_Note(str(b), int(c), str(k), date.fromisoformat(d)) for b, c, k, d in rows]


def _band(df: dict[str, int], low: float, high: float, notes: int) -> list[str]:
    return sorted(w for w, n in df.items() if low * notes <= n <= high * notes)


def _pick(rng: random.Random, words: list[str], k: int = PER_CLASS) -> list[str]:
    return rng.sample(words, min(k, len(words)))


def query_sets(
    plain_db: Path, df: dict[str, int], notes: int, seed: int = 7
) -> dict[str, list[Query]]:
    """Classes of queries, in the order the benchmark prints them."""
    rng = random.Random(seed)
    words = {w: n for w, n in df.items() if _WORD.fullmatch(w) and len(w) >= 3}
    common = _band(words, 0.4, 1.0, notes)
    mid = _band(words, 0.01, 0.1, notes)
    rare = _band(words, 2 / notes, 0.001, notes)
    if len(rare) < PER_CLASS:  # a small vocabulary: its least frequent words are its rare ones
        rare = sorted(words, key=lambda w: words[w])[:PER_CLASS]
    stop = set(sorted(words, key=lambda w: -words[w])[:40])
    content = {w for w in words if w not in stop and len(w) >= 4}
    sample = _sample_notes(plain_db, rng, 400)
    typed = _pick(rng, [w for w in common + mid if len(w) >= 4])

    sets: dict[str, list[Query]] = {
        "very common words": [Query(w) for w in _pick(rng, common)],
        "mid-frequency words": [Query(w) for w in _pick(rng, mid)],
        "rare words": [Query(w) for w in _pick(rng, rare)],
        "typing, 1-2 letters": [Query(w[:n], typing=True) for w in typed for n in (1, 2)],
        "typing, 3 letters": [Query(w[:3], typing=True) for w in typed],
        "phrases with stop words": [Query(f'"{p}"') for p in _phrases(rng, sample, stop)],
        "two words": [Query(" ".join(ws)) for ws in _together(rng, sample, content, 2)],
        "three words": [Query(" ".join(ws)) for ws in _together(rng, sample, content, 3)],
    }
    mixed = [
        q
        for name in ("very common words", "rare words", "phrases with stop words", "two words")
        for q in sets[name][:3]
    ]
    pairs = list(zip(mixed, rng.sample(sample, min(len(mixed), len(sample))), strict=False))
    sets["any of these + client"] = [
        Query(q.text, SearchFilters(client_id=n.client_id)) for q, n in pairs
    ]
    sets["any of these + date range"] = [
        Query(
            q.text,
            SearchFilters(
                date_from=n.day - timedelta(days=180), date_to=n.day + timedelta(days=180)
            ),
        )
        for q, n in pairs
    ]
    sets["any of these + note kind"] = [
        Query(q.text, SearchFilters(kinds=(n.kind,))) for q, n in pairs
    ]
    return {name: queries for name, queries in sets.items() if queries}


def _phrases(rng: random.Random, sample: list[_Note], stop: set[str]) -> list[str]:
    """Three or four consecutive words with a stop word inside, from real notes."""
    found: list[str] = []
    for note in rng.sample(sample, len(sample)):
        tokens = _WORD.findall(note.body.lower())
        width = rng.choice((3, 4))
        starts = [
            i
            for i in range(len(tokens) - width)
            if tokens[i] not in stop
            and tokens[i + width - 1] not in stop
            and any(t in stop for t in tokens[i + 1 : i + width - 1])
        ]
        if starts:
            i = rng.choice(starts)
            found.append(" ".join(tokens[i : i + width]))
        if len(found) == PER_CLASS:
            break
    return found


def _together(
    rng: random.Random, sample: list[_Note], content: set[str], k: int
) -> list[list[str]]:
    """`k` distinct content words that occur in one note, as a therapist recalls a session."""
    found: list[list[str]] = []
    for note in rng.sample(sample, len(sample)):
        words = sorted(set(_WORD.findall(note.body.lower())) & content)
        if len(words) >= k:
            found.append(rng.sample(words, k))
        if len(found) == PER_CLASS:
            break
    return found
