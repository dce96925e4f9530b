"""Reading an import file: limits first, then a strict walk over the JSON's shape.

An import file comes from outside the vault and may be damaged, truncated, hostile or simply
not an export. Everything is bounded (file size, decompressed size, nesting depth, list
lengths) and every value is checked for its type before a record is built from it; the first
problem refuses the whole file with one line saying where (``notes[3].sections[0].text``).
"""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from vault.export.errors import ImportRefusedError
from vault.store.text_fields import DOCUMENT_CHARS, TextRule, checked_text, document

MAX_FILE_BYTES = 512 * 1024 * 1024  # an encrypted export file (or a practice archive member)
MAX_JSON_BYTES = 256 * 1024 * 1024  # one JSON document, decompressed
MAX_DEPTH = 12  # the format nests 5 deep; anything deeper is not an export
MAX_ITEMS = 200_000  # entries in any one list (a client's notes, a note's addenda...)


def load_json(data: bytes, what: str) -> Any:
    """Parse `data` as UTF-8 JSON within the limits, or refuse it in one line."""
    if len(data) > MAX_JSON_BYTES:
        raise ImportRefusedError(f"The {what} is larger than {MAX_JSON_BYTES // 2**20} MB.")
    try:
        value = json.loads(data.decode("utf-8"))
    except UnicodeDecodeError:
        raise ImportRefusedError(f"The {what} is not UTF-8 text.") from None
    except RecursionError:
        raise ImportRefusedError(f"The {what} is nested far too deeply to be an export.") from None
    except json.JSONDecodeError as exc:
        raise ImportRefusedError(
            f"The {what} is damaged or incomplete (not valid JSON at line {exc.lineno})."
        ) from None
    _check_depth(value, what)
    return value


def _check_depth(value: Any, what: str) -> None:
    level = [value]
    for _ in range(MAX_DEPTH + 1):
        nxt: list[Any] = []
        for item in level:
            if isinstance(item, dict):
                nxt.extend(item.values())
            elif isinstance(item, list):
                nxt.extend(item)
        if not nxt:
            return
        level = nxt
    raise ImportRefusedError(f"The {what} is nested more deeply than an export ever is.")


def refuse(where: str, problem: str) -> ImportRefusedError:
    return ImportRefusedError(f"The import file is not a valid export: {where} {problem}.")


def obj(
    value: Any,
    where: str,
    keys: frozenset[str] | set[str],
    optional: frozenset[str] | set[str] = frozenset(),
) -> dict[str, Any]:
    """`value` as an object with exactly `keys`, and any of `optional` (fields a newer
    Confidant added, absent from files an older one wrote)."""
    if not isinstance(value, dict):
        raise refuse(where, "should be an object")
    missing = sorted(set(keys) - value.keys())
    if missing:
        raise refuse(where, f"lacks {missing[0]!r}")
    extra = sorted(value.keys() - set(keys) - set(optional))
    if extra:
        raise refuse(where, f"has an unknown field {extra[0][:40]!r}")
    return value


def items(value: Any, where: str, limit: int = MAX_ITEMS) -> list[Any]:
    if not isinstance(value, list):
        raise refuse(where, "should be a list")
    if len(value) > limit:
        raise refuse(where, f"has more than {limit} entries")
    return value


def text(d: dict[str, Any], key: str, where: str, rule: TextRule | None = None) -> str:
    value = d[key]
    if not isinstance(value, str):
        raise refuse(f"{where}.{key}", "should be text")
    try:
        return checked_text(value, rule or document(key, DOCUMENT_CHARS))
    except Exception as exc:  # a ValidationError: too long, a NUL, a lone surrogate
        raise refuse(f"{where}.{key}", f"is not acceptable text ({exc})") from None


def opt_text(d: dict[str, Any], key: str, where: str) -> str | None:
    return None if d[key] is None else text(d, key, where)


def integer(d: dict[str, Any], key: str, where: str, *, low: int = 0) -> int:
    value = d[key]
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= 2**63 - 1:
        raise refuse(f"{where}.{key}", "should be a whole number")
    return value


def opt_integer(d: dict[str, Any], key: str, where: str, *, low: int = 0) -> int | None:
    return None if d[key] is None else integer(d, key, where, low=low)


def boolean(d: dict[str, Any], key: str, where: str) -> bool:
    value = d[key]
    if not isinstance(value, bool):
        raise refuse(f"{where}.{key}", "should be true or false")
    return value


def day(d: dict[str, Any], key: str, where: str) -> date:
    value = d[key]
    try:
        if not isinstance(value, str) or len(value) != 10:
            raise ValueError
        return date.fromisoformat(value)
    except ValueError:
        raise refuse(f"{where}.{key}", "should be a date like 2026-03-02") from None


def opt_day(d: dict[str, Any], key: str, where: str) -> date | None:
    return None if d[key] is None else day(d, key, where)


def choice(d: dict[str, Any], key: str, where: str, allowed: tuple[str, ...]) -> str:
    value = d[key]
    if value not in allowed:
        raise refuse(f"{where}.{key}", f"should be one of {', '.join(allowed)}")
    return str(value)
