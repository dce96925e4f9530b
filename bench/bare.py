"""The same-run anchor: bare FTS5 over the same texts, with no encryption and no app logic.

A plain SQLite file (SQLCipher without a key: the same SQLite build) holding one ordinary FTS5
table of every note's searchable text, filled from the plain twin's `note_search_source`. A
query is the app's own MATCH expression, answered the textbook way: ``ORDER BY rank LIMIT 20``.
Filters become index tokens (client, year, kind), the cheapest form FTS5 offers, so the anchor
is the index's own cost of the same question. This file exists only in the benchmark's folder.
"""

from __future__ import annotations

from pathlib import Path

import sqlcipher3

PAGE = 20


class BareIndex:
    def __init__(self, path: Path, plain_db: Path) -> None:
        self.conn = sqlcipher3.connect(str(path), isolation_level=None)
        self.conn.execute("PRAGMA journal_mode = WAL")
        self.conn.execute("PRAGMA temp_store = MEMORY")
        self.conn.execute(
            "CREATE VIRTUAL TABLE bare USING fts5 (body, names, meta, "
            "tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3')"
        )
        self.conn.execute("ATTACH DATABASE ? AS twin", (str(plain_db),))
        self.conn.execute("BEGIN")
        self.conn.execute(
            "INSERT INTO bare (rowid, body, names, meta) "
            "SELECT s.note_id, s.body, s.names, "
            "s.meta || ' k' || replace(n.kind, '_', '') || iif(n.is_process_note, ' pn', '') "
            "FROM twin.note_search_source s JOIN twin.notes n ON n.id = s.note_id"
        )
        self.conn.execute("COMMIT")
        self.conn.execute("DETACH DATABASE twin")
        self.conn.execute("INSERT INTO bare (bare) VALUES ('optimize')")

    @classmethod
    def existing(cls, path: Path) -> BareIndex:
        """An index built before (`bench.search_kept` keeps it between runs)."""
        index = cls.__new__(cls)
        index.conn = sqlcipher3.connect(str(path), isolation_level=None)
        index.conn.execute("PRAGMA temp_store = MEMORY")
        return index

    def search(self, match: str) -> list[int]:
        """The 20 best by FTS5's own BM25 rank."""
        sql = "SELECT rowid FROM bare WHERE bare MATCH ? ORDER BY rank LIMIT ?"
        return [int(r[0]) for r in self.conn.execute(sql, (match, PAGE))]

    def document_frequencies(self) -> dict[str, int]:
        """How many notes hold each word of the note text (for picking queries by band)."""
        self.conn.execute(
            "CREATE VIRTUAL TABLE IF NOT EXISTS temp.bare_terms USING fts5vocab(main, bare, col)"
        )
        rows = self.conn.execute("SELECT term, doc FROM temp.bare_terms WHERE col = 'body'")
        return {str(term): int(doc) for term, doc in rows}

    def note_texts(self, rowids: list[int]) -> list[str]:
        marks = ", ".join("?" * len(rowids))
        sql = f"SELECT body FROM bare WHERE rowid IN ({marks}) ORDER BY rowid"
        return [str(r[0]) for r in self.conn.execute(sql, rowids)]

    def close(self) -> None:
        self.conn.close()
