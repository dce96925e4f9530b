"""Text snippets: short codes the therapist defines (";si") that expand into a phrase as typed.

They are kept in the vault (``text_snippets``, schema 10), encrypted like everything else,
because a phrase can hold clinical wording or a name. Every add, edit and removal writes an
audit entry naming the snippet's id only (``settings.changed``, record kind ``snippet``).

A code is one mark that is not a letter, digit or space, then 1 to 15 letters or digits
(``;si``, ``/mse``, ``#plan2``). The mark keeps a code from firing inside an ordinary word;
`code_before` is the one rule for when typed text ends with a code.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import sqlcipher3

from vault.audit.entries import append_entry
from vault.store.clock import now_iso
from vault.store.errors import RecordNotFoundError, ValidationError
from vault.store.text_fields import checked_text, line, paragraph
from vault.store.vault import Vault

MAX_CODE_CHARS = 16
MAX_PHRASE_CHARS = 10_000
MAX_SNIPPETS = 500
CODE_HINT = "a mark such as ; or / then letters or digits, like ;si"
# Before a code may come only the start of the text, a space or line break, or an opening
# bracket or quote: ";si" expands in "(;si" but not in "x;si".
_MAY_PRECEDE = "([{\"'“‘«"


@dataclass(frozen=True)
class Snippet:
    id: int
    code: str
    phrase: str


def validate_snippet(code: str, phrase: str) -> tuple[str, str]:
    """The code (trimmed) and phrase as they will be stored, or `ValidationError` naming the
    field (``code`` or ``phrase``)."""
    code = checked_text(code, line("The code", MAX_CODE_CHARS), field="code").strip()
    phrase = checked_text(phrase, paragraph("The phrase", MAX_PHRASE_CHARS), field="phrase")
    mark, rest = code[:1], code[1:]
    if not code:
        raise ValidationError(f"Type a code: {CODE_HINT}.", field="code")
    if mark.isalnum() or mark.isspace() or not rest or not rest.isalnum():
        raise ValidationError(
            f"The code {code!r} does not work as a code: use {CODE_HINT}.", field="code"
        )
    if not phrase.strip():
        raise ValidationError("Type the phrase the code stands for.", field="phrase")
    return code, phrase


def list_snippets(vault: Vault) -> list[Snippet]:
    """Every snippet, by code."""
    rows = vault.db.query("SELECT id, code, phrase FROM text_snippets ORDER BY code, id")
    return [Snippet(int(r[0]), str(r[1]), str(r[2])) for r in rows]


def snippet_book(vault: Vault) -> dict[str, str]:
    """Code -> phrase, for the editor to expand with."""
    return {s.code: s.phrase for s in list_snippets(vault)}


def add_snippet(vault: Vault, code: str, phrase: str) -> Snippet:
    code, phrase = validate_snippet(code, phrase)
    stamp = now_iso()
    with vault.db.write() as conn:
        count = conn.execute("SELECT count(*) FROM text_snippets").fetchone()[0]
        if int(count) >= MAX_SNIPPETS:
            raise ValidationError(
                f"A vault keeps at most {MAX_SNIPPETS} snippets; remove one first.", field="code"
            )
        _refuse_taken(conn, code, None)
        cursor = conn.execute(
            "INSERT INTO text_snippets (code, phrase, created_at, updated_at) VALUES (?, ?, ?, ?)",
            (code, phrase, stamp, stamp),
        )
        snippet_id = int(cursor.lastrowid)
        _audit(conn, snippet_id, "snippet_added")
    return Snippet(snippet_id, code, phrase)


def update_snippet(vault: Vault, snippet_id: int, code: str, phrase: str) -> Snippet:
    code, phrase = validate_snippet(code, phrase)
    with vault.db.write() as conn:
        _refuse_taken(conn, code, snippet_id)
        cursor = conn.execute(
            "UPDATE text_snippets SET code = ?, phrase = ?, updated_at = ? WHERE id = ?",
            (code, phrase, now_iso(), snippet_id),
        )
        if cursor.rowcount == 0:
            raise RecordNotFoundError("snippet", snippet_id)
        _audit(conn, snippet_id, "snippet_edited")
    return Snippet(snippet_id, code, phrase)


def remove_snippet(vault: Vault, snippet_id: int) -> None:
    with vault.db.write() as conn:
        cursor = conn.execute("DELETE FROM text_snippets WHERE id = ?", (snippet_id,))
        if cursor.rowcount == 0:
            raise RecordNotFoundError("snippet", snippet_id)
        _audit(conn, snippet_id, "snippet_removed")


def code_before(text: str, end: int, book: Mapping[str, str]) -> tuple[int, str] | None:
    """(where the code starts, its phrase) when `text[:end]` ends with a code of `book`
    standing on its own; None otherwise. The editor calls it when a character that cannot
    belong to a code (a space, a full stop) has just been typed at `end`."""
    start = end
    while start > 0 and text[start - 1].isalnum() and end - start < MAX_CODE_CHARS:
        start -= 1
    if start == end or start == 0:
        return None
    start -= 1  # the code's mark
    code = text[start:end]
    phrase = book.get(code)
    if phrase is None:
        return None
    before = text[start - 1] if start > 0 else ""
    if before and not before.isspace() and before not in _MAY_PRECEDE:
        return None
    return start, phrase


def _refuse_taken(conn: sqlcipher3.Connection, code: str, snippet_id: int | None) -> None:
    for other_id, other_code in conn.execute("SELECT id, code FROM text_snippets"):
        if other_code.casefold() == code.casefold() and other_id != snippet_id:
            raise ValidationError(
                f"The code {other_code!r} is already used for another phrase; choose another "
                "code, or edit that snippet.",
                field="code",
            )


def _audit(conn: sqlcipher3.Connection, snippet_id: int, detail: str) -> None:
    append_entry(
        conn, "settings.changed", record_kind="snippet", record_id=snippet_id, detail=detail
    )
