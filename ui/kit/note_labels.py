"""Words the notes screens show for the vault's stored values (modalities, risk levels, dates).

Kept apart so the timeline, the editor and search all say the same thing for the same value.
"""

from __future__ import annotations

from datetime import datetime

from vault.notes.model import NoteSummary

MODALITY_LABELS = {"in_person": "In person", "video": "Video", "phone": "Phone"}
SERVICE_LABELS = {
    "individual": "Individual",
    "couples": "Couples",
    "family": "Family",
    "group": "Group",
}
RISK_LABELS = {
    "not_assessed": "Not assessed",
    "none": "None",
    "low": "Low",
    "moderate": "Moderate",
    "high": "High",
}
PROCESS_BANNER = (
    "Psychotherapy note — kept apart from the clinical record: your own working notes, "
    "listed on their own."
)
PROCESS_MARK = "Psychotherapy note"
PRIVATE_TINT = "rgba(217, 144, 43, 40)"  # a thin amber wash: text stays readable in any theme
PRIVATE_PAPER = "#fff4d6"  # the same amber on paper (signed view, print), with dark text
PRIVATE_EDGE = "#d9902b"


def private_label(client_id: int, names: dict[int, str]) -> str:
    """ "Private to Demo Avery": the words the editor, signed view and search all use."""
    return f"Private to {names.get(client_id, f'client {client_id}')}"


def kind_label(kind_title: str, is_process_note: bool) -> str:
    """The kind's title, plus the process mark when the title does not already say so."""
    if is_process_note and "psychotherapy" not in kind_title.casefold():
        return f"{kind_title} · {PROCESS_MARK}"
    return kind_title


def session_label(session_start: str) -> str:
    """``2026-03-02T14:00`` -> ``Mon 2026-03-02 14:00`` (the stored text if it is not a date)."""
    try:
        when = datetime.fromisoformat(session_start)
    except ValueError:
        return session_start
    return when.strftime("%a %Y-%m-%d %H:%M")


def timestamp_label(stamp: str) -> str:
    """A stored UTC timestamp shown in local time, to the minute."""
    try:
        when = datetime.fromisoformat(stamp)
    except ValueError:
        return stamp
    if when.tzinfo is not None:
        when = when.astimezone()
    return when.strftime("%Y-%m-%d %H:%M")


def state_label(summary: NoteSummary) -> str:
    """ "Signed" or "Draft", and how many addenda follow (the kind column marks process notes)."""
    parts = [
        f"Signed {timestamp_label(summary.signed_at)[:10]}"
        if summary.signed_at
        else "Draft (unsigned)"
    ]
    if summary.addenda_count:
        n = summary.addenda_count
        parts.append(f"{n} addend{'a' if n != 1 else 'um'}")
    return " · ".join(parts)
