"""A signed note as a document: the HTML the signed view shows, prints and copies.

Headings, the session facts as sentences, each section (private ones labelled and tinted), the
signature line, then addenda and amendments in the order they were written. Every value that
came from the vault is passed through `html.escape`, so a note can never inject markup.
"""

from __future__ import annotations

from html import escape

from ui.kit.note_labels import (
    MODALITY_LABELS,
    PRIVATE_EDGE,
    PRIVATE_PAPER,
    PROCESS_BANNER,
    RISK_LABELS,
    SERVICE_LABELS,
    private_label,
    session_label,
    timestamp_label,
)
from vault.notes.model import Addendum, Note, NoteSection, Redaction
from vault.notes.templates import template_title

PROCESS_TINT = "#f3ecf9"
_NO_TEXT = "(nothing written)"


def addendum_heading(addendum: Addendum, names: dict[int, str]) -> str:
    kind = "Amendment" if addendum.kind == "amendment" else "Addendum"
    heading = f"{kind} — {timestamp_label(addendum.written_at)}, by {addendum.author}"
    if addendum.requested_by is not None:
        who = names.get(addendum.requested_by, f"client {addendum.requested_by}")
        heading += f"; requested by {who}"
        if addendum.request_received_on:
            heading += f" (request received {addendum.request_received_on})"
    return heading


def _paragraphs(text: str) -> str:
    if not text.strip():
        return f"<p><i>{_NO_TEXT}</i></p>"
    return "".join(
        f"<p>{escape(block).replace(chr(10), '<br/>')}</p>" for block in text.split("\n\n")
    )


def _facts(note: Note, names: dict[int, str]) -> list[tuple[str, str]]:
    content = note.content
    duration = (
        "not recorded" if content.duration_minutes is None else f"{content.duration_minutes} min"
    )
    risk = content.risk
    risk_text = (
        f"to self {RISK_LABELS.get(risk.to_self, risk.to_self).lower()}, "
        f"to others {RISK_LABELS.get(risk.to_others, risk.to_others).lower()}"
        + ("; safety plan reviewed" if risk.safety_plan_reviewed else "")
    )
    people = ", ".join(names.get(c, f"client {c}") for c in content.participants)
    facts = [
        ("Session", f"{session_label(content.session_start)}, {duration}"),
        (
            "Service",
            f"{SERVICE_LABELS.get(content.service_type, content.service_type)}, "
            f"{MODALITY_LABELS.get(content.modality, content.modality).lower()}",
        ),
        ("Participants", people),
        ("Diagnoses", ", ".join(content.diagnoses) or "none recorded"),
        ("Risk", risk_text),
    ]
    if risk.notes.strip():
        facts.append(("Risk notes", risk.notes))
    return facts


def _section(section: NoteSection, names: dict[int, str]) -> str:
    title = f"<h3>{escape(section.title)}</h3>"
    body = _paragraphs(section.text)
    if section.private_to is None:
        return title + body
    label = escape(private_label(section.private_to, names))
    return (
        f'<table width="100%" cellpadding="8" cellspacing="0" '
        f'style="background-color:{PRIVATE_PAPER}; color:#1a1a1a; '
        f'border-left: 4px solid {PRIVATE_EDGE};">'
        f'<tr><td style="background-color:{PRIVATE_PAPER}; color:#1a1a1a;">'
        f'<p style="color:#8a5a00;"><b>{label}</b></p>{title}{body}</td></tr></table>'
    )


def _redaction(redaction: Redaction) -> str:
    """A note altered after signing says so, when, why and what left: never silently."""
    sections = len(redaction.sections_removed)
    amendments = len(redaction.addenda_removed)
    removed = [f"{sections} section{'s' if sections != 1 else ''} private to them"]
    if amendments:
        removed.append(f"{amendments} amendment{'s' if amendments != 1 else ''} they asked for")
    return (
        f"<p><i>Altered on {escape(timestamp_label(redaction.redacted_at))}: a participant's "
        f"record was destroyed, so they and {escape(' and '.join(removed))} were removed from "
        "this note. What remains is sealed again (SHA-256 "
        f"{escape(redaction.resealed_sha256)}); the hash above is the one it was signed with."
        "</i></p>"
    )


def note_html(note: Note, names: dict[int, str]) -> str:
    """The whole note as escaped HTML, in reading order."""
    content = note.content
    kind = template_title(content.template_id)
    parts = [f"<h1>{escape(kind)}</h1>"]
    if note.is_process_note:
        parts.append(
            f'<p style="background-color:{PROCESS_TINT};"><b>{escape(PROCESS_BANNER)}</b></p>'
        )
    rows = "".join(
        f'<tr><td style="padding-right:12px;"><b>{escape(label)}</b></td>'
        f"<td>{escape(value)}</td></tr>"
        for label, value in _facts(note, names)
    )
    parts.append(f'<table cellspacing="0" cellpadding="2">{rows}</table>')
    parts.extend(_section(section, names) for section in content.sections)
    signature = note.signature
    if signature is not None:
        parts.append("<hr/>")
        parts.append(
            f"<p><b>Signed by {escape(signature.signed_by)}</b> on "
            f"{escape(timestamp_label(signature.signed_at))}<br/>"
            f'<span style="color:#666;">SHA-256 {escape(signature.content_sha256)}</span></p>'
        )
        parts.extend(_redaction(redaction) for redaction in note.redactions)
    else:
        parts.append("<hr/><p><i>Draft, not signed.</i></p>")
    for addendum in note.addenda:
        parts.append(f"<h2>{escape(addendum_heading(addendum, names))}</h2>")
        parts.append(f"<p><i>Reason: {escape(addendum.reason)}</i></p>")
        parts.append(_paragraphs(addendum.text))
    return "".join(parts)
