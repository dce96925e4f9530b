"""A test-only SQLCipher 4 page decryptor: proves what is (and is not) inside the encrypted pages.

SQLCipher 4 keyed with a raw 32-byte key (``PRAGMA key = "x'<64 hex>'"``, see
`vault.store.database.raw_key_pragma`) uses that key directly for AES-256-CBC. Each 4096-byte
page ends in an 80-byte reserve: a 16-byte IV, then a 64-byte HMAC-SHA512 (not checked here;
SQLCipher itself checks it). Page 1 begins with the 16-byte salt in place of SQLite's magic, and
its encrypted region starts after it. A WAL file holds a 32-byte header, then frames of a 24-byte
frame header and one encrypted page each.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import sqlcipher3
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

PAGE_SIZE = 4096
RESERVE = 80
IV_BYTES = 16
SALT_BYTES = 16
SQLITE_MAGIC = b"SQLite format 3\x00"
WAL_HEADER = 32
WAL_FRAME_HEADER = 24


def decrypt_page(page: bytes, key: bytes, *, first: bool) -> bytes:
    """The plaintext of one encrypted page (page 1 gets SQLite's magic back in front)."""
    if len(page) != PAGE_SIZE:
        raise ValueError(f"a page is {PAGE_SIZE} bytes, got {len(page)}")
    start = SALT_BYTES if first else 0
    end = PAGE_SIZE - RESERVE
    iv = page[end : end + IV_BYTES]
    decryptor = Cipher(algorithms.AES(key), modes.CBC(iv)).decryptor()
    plain = decryptor.update(page[start:end]) + decryptor.finalize()
    return (SQLITE_MAGIC if first else b"") + plain


def database_pages(path: Path, key: bytes) -> Iterator[tuple[int, bytes]]:
    """(page number from 1, plaintext) for every whole page of an encrypted database file."""
    data = path.read_bytes()
    for number, offset in enumerate(range(0, len(data) - PAGE_SIZE + 1, PAGE_SIZE), start=1):
        yield number, decrypt_page(data[offset : offset + PAGE_SIZE], key, first=number == 1)


def wal_pages(path: Path, key: bytes) -> Iterator[tuple[int, bytes]]:
    """(page number, plaintext) for every whole frame of a WAL file (old frames included)."""
    data = path.read_bytes()
    frame = WAL_FRAME_HEADER + PAGE_SIZE
    for offset in range(WAL_HEADER, len(data) - frame + 1, frame):
        number = int.from_bytes(data[offset : offset + 4], "big")
        page = data[offset + WAL_FRAME_HEADER : offset + frame]
        yield number, decrypt_page(page, key, first=number == 1)


def plaintext_of(db_path: Path, key: bytes) -> bytes:
    """Every decrypted page of the database and of its WAL (if any), concatenated."""
    chunks = [page for _n, page in database_pages(db_path, key)]
    wal = db_path.with_name(db_path.name + "-wal")
    if wal.is_file():
        chunks.extend(page for _n, page in wal_pages(wal, key))
    return b"".join(chunks)


def marker_forms(marker: str) -> list[bytes]:
    """The ways a marker can sit in a page: UTF-8 text, UTF-16, and FTS5's lower-cased terms.

    FTS5 leaves store each term as the suffix after the prefix it shares with the term before
    it, so the lower-cased tail (all but the first three letters) is searched for as well.
    """
    lower = marker.lower()
    forms = {marker.encode(), marker.encode("utf-16-le"), lower.encode(), lower[3:].encode()}
    return sorted(forms)


def markers_in_pages(db_path: Path, key: bytes, markers: list[str]) -> list[str]:
    """The markers found anywhere in the decrypted pages (any form of `marker_forms`)."""
    plain = plaintext_of(db_path, key)
    return [m for m in markers if any(form in plain for form in marker_forms(m))]


def plain_sql_dump(conn: Any, scratch: Path) -> str:
    """The whole database as plain SQL (schema, then one INSERT per row of every table, the
    search index's own tables included): SQLCipher exports it to an unencrypted copy in
    `scratch` (a test's own folder, synthetic data only), which is then read back unkeyed."""
    plain = scratch / "plain-export.db"
    plain.unlink(missing_ok=True)
    conn.execute("ATTACH DATABASE ? AS plaintext KEY ''", (str(plain),))
    try:
        conn.execute("SELECT sqlcipher_export('plaintext')").fetchall()
    finally:
        conn.execute("DETACH DATABASE plaintext")
    with contextlib.closing(sqlcipher3.connect(str(plain))) as copy:
        schema = copy.execute(
            "SELECT type, name, sql FROM sqlite_master WHERE sql IS NOT NULL ORDER BY rowid"
        ).fetchall()
        lines = [f"{sql};" for _type, _name, sql in schema]
        for kind, name, _sql in schema:
            if kind != "table" or name.startswith("sqlite_"):
                continue
            quoted = '"' + name.replace('"', '""') + '"'
            try:
                rows = copy.execute(f"SELECT * FROM {quoted}").fetchall()
            except sqlcipher3.Error:  # the FTS5 table itself: its rows live in its shadow tables
                continue
            lines.extend(
                f"INSERT INTO {quoted} VALUES ({', '.join(_sql_literal(v) for v in row)});"
                for row in rows
            )
    plain.unlink()
    return "\n".join(lines)


def _sql_literal(value: object) -> str:
    if value is None:
        return "NULL"
    if isinstance(value, bytes):
        return f"X'{value.hex()}'" + " /* " + value.decode("utf-8", "replace") + " */"
    if isinstance(value, int | float):
        return repr(value)
    return "'" + str(value).replace("'", "''") + "'"
