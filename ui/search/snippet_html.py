"""Search snippets as safe rich text: every piece of note text is escaped, matches are bold.

The vault hands snippets over as (text, is_match) segments precisely so that nothing a
therapist wrote (``<b>``, ``<script>``, ``&amp;``) can ever be read as markup: each segment is
passed through `html.escape` and only the bold tags are ours.
"""

from __future__ import annotations

import html
from collections.abc import Iterable

from ui.kit.note_labels import kind_label, session_label
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


def hit_html(hit: SearchHit) -> str:
    """One result: an escaped heading line and the escaped, highlighted snippet."""
    heading = html.escape(hit_heading(hit), quote=True)
    body = snippet_html(hit.snippet) or "<i>(no text)</i>"
    return f"<div style='font-weight:600'>{heading}</div><div>{body}</div>"


def hit_text(hit: SearchHit) -> str:
    """The same result as plain text, for screen readers and tooltips."""
    return f"{hit_heading(hit)}: {snippet_text(hit.snippet)}"
