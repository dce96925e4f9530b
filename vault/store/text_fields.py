"""One rule for every text a therapist types, whatever record it belongs to.

Every text field of every record kind passes `checked_text` before it is stored, so a lone
surrogate, a NUL character, a line break inside a name or ten megabytes pasted into a field
get the same plain `ValidationError` (naming the field) everywhere, never a
`UnicodeEncodeError` from SQLite or a record nobody can open. Whatever can be stored is stored
exactly as typed: markup, other control characters, right-to-left text and emoji are text, and
are escaped wherever they are shown.

One trimming rule, `stored_text`: a line or a paragraph (a name, a purpose, a reason) is stored
without the whitespace around it, so "Demo GP " and "Demo GP" are one recipient and a field of
only spaces is empty; a document (a note's section, a statement in the client's own words, the
policy) is stored exactly as typed, because its layout, leading indent and final blank line
included, is its author's. The length is checked before trimming.
"""

from __future__ import annotations

from dataclasses import dataclass

from vault.store.errors import ValidationError

LINE_CHARS = 300  # a name, an email address, a phone number, a title
PARAGRAPH_CHARS = 10_000  # an address, an emergency contact
DOCUMENT_CHARS = 1_000_000  # a note's section, a client's notes, an addendum


@dataclass(frozen=True)
class TextRule:
    """How long a field may be, whether it may span lines and whether `stored_text` trims it;
    `label` names it for a person."""

    label: str
    max_chars: int = LINE_CHARS
    multiline: bool = False
    trimmed: bool = True


def line(label: str, max_chars: int = LINE_CHARS) -> TextRule:
    return TextRule(label, max_chars, multiline=False)


def paragraph(label: str, max_chars: int = PARAGRAPH_CHARS) -> TextRule:
    return TextRule(label, max_chars, multiline=True)


def document(label: str, max_chars: int = DOCUMENT_CHARS) -> TextRule:
    return TextRule(label, max_chars, multiline=True, trimmed=False)


def stored_text(value: object, rule: TextRule, *, field: str | None = None) -> str:
    """What is stored for `value` under `rule`: checked by `checked_text`, then trimmed at both
    ends unless the rule is a document's (see the module's docstring)."""
    text = checked_text(value, rule, field=field)
    return text.strip() if rule.trimmed else text


def checked_text(value: object, rule: TextRule, *, field: str | None = None) -> str:
    """`value` unchanged if it may be stored under `rule`, else `ValidationError` naming it."""
    if not isinstance(value, str):
        raise ValidationError(f"{rule.label} must be text.", field=field)
    if len(value) > rule.max_chars:
        raise ValidationError(
            f"{rule.label} is too long (at most {rule.max_chars:,} characters).", field=field
        )
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise ValidationError(
            f"{rule.label} contains characters that cannot be stored (a broken character, "
            "perhaps from a copy and paste). Retype that part.",
            field=field,
        ) from None
    if "\x00" in value:
        # SQLite's text functions stop at NUL, so such a value would be cut short when checked,
        # searched or exported: refuse it here, plainly, instead.
        raise ValidationError(
            f"{rule.label} contains an invisible NUL character that cannot be stored. "
            "Retype that part.",
            field=field,
        )
    if not rule.multiline and any(char in value.strip() for char in "\n\r\v\f\x85\u2028\u2029"):
        raise ValidationError(f"{rule.label} must fit on one line.", field=field)
    return value
