"""Search snippets as safe rich text: every piece of note text is escaped, matches are bold.

The vault hands snippets over as (text, is_match) segments precisely so that nothing a
therapist wrote (``<b>``, ``<script>``, ``&amp;``) can ever be read as markup: each segment is
passed through `html.escape` and only the bold tags are ours.
"""

from __future__ import annotations

import html
from collections.abc import Iterable

from ui.kit.note_labels import PRIVATE_EDGE, kind_label, private_label, session_label
from vault.search.engine import SearchHit
from vault.search.snippets import SnippetSegment


def snippet_html(segments: Iterable[SnippetSegment]) -> str:
    """The snippet as HTML with only the matched words wrapped in <b>."""
    parts: list[str] = []
    for segment in segments:
        text = html.escape(segment.text, quote=True)
        parts.append(f"<b>{text}</b>" if segment.is_match else text)
    return "".join(parts)


def snippet_text(segments: Iterable[SnippetSegment]) -> str:
    return "".join(segment.text for segment in segments)


def hit_heading(hit: SearchHit) -> str:
    """Date, kind, clients and marks, as plain text (escape before putting it in HTML)."""
    names = ", ".join(client.name for client in hit.clients) or "No client"
    parts = [
        session_label(hit.session_start),
        kind_label(hit.kind_title, hit.is_process_note),
        names,
    ]
    if hit.signed_at is None:
        parts.append("Draft")
    return " · ".join(parts)


def private_mark(hit: SearchHit) -> str:
    """ "Private to Demo Avery: " when the snippet comes from a section private to them."""
    owner = hit.private_to
    return f"{private_label(owner.id, {owner.id: owner.name})}: " if owner is not None else ""


def hit_html(hit: SearchHit) -> str:
    """One result: an escaped heading line and the escaped, highlighted snippet."""
    heading = html.escape(hit_heading(hit), quote=True)
    body = snippet_html(hit.snippet) or "<i>(no text)</i>"
    mark = private_mark(hit)
    if mark:
        style = f"color:{PRIVATE_EDGE}; font-weight:600"
        body = f"<span style='{style}'>{html.escape(mark)}</span>{body}"
    return f"<div style='font-weight:600'>{heading}</div><div>{body}</div>"


def hit_text(hit: SearchHit) -> str:
    """The same result as plain text, for screen readers and tooltips."""
    return f"{hit_heading(hit)}: {private_mark(hit)}{snippet_text(hit.snippet)}"
