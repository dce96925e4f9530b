"""Where each field a note's strict check refused lives in the editor, and marking them all.

The vault names fields (`vault.notes.model.validate_note`: ``diagnoses``, ``sections.2``...);
this maps each name to its widget, marks every one at once (`ui.kit.field_marks`) and gives
back the first, for the cursor.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from ui.kit.field_marks import clear_invalid, mark_invalid, problems_text
from ui.notes.details_form import NoteDetailsForm
from ui.notes.sections_form import NoteSectionsForm
from vault import ValidationError, VaultError
from vault.store.errors import InvalidFieldsError


def _detail_widgets(details: NoteDetailsForm) -> dict[str, QWidget]:
    return {
        "session_start": details.session_start,
        "duration_minutes": details.duration,
        "modality": details.modality,
        "service_type": details.service_type,
        "participants": details.participants.picker,
        "diagnoses": details.diagnoses,
        "risk_to_self": details.risk_to_self,
        "risk_to_others": details.risk_to_others,
        "risk_notes": details.risk_notes,
    }


def widget_for(
    field: str | None, details: NoteDetailsForm, sections: NoteSectionsForm
) -> QWidget | None:
    by_name = _detail_widgets(details)
    if field in by_name:
        return by_name[field]
    if field is not None and field.startswith("sections"):
        _, _, position = field.partition(".")
        index = int(position) if position.isdigit() else 0
        return sections.edits[index] if index < len(sections.edits) else None
    return None


def mark_note_problems(
    problems: Sequence[ValidationError], details: NoteDetailsForm, sections: NoteSectionsForm
) -> QWidget | None:
    """Mark every field named in `problems` (clearing older marks); the first one's widget."""
    clear_note_problems(details, sections)
    first: QWidget | None = None
    for problem in problems:
        widget = widget_for(problem.field, details, sections)
        if widget is not None:
            mark_invalid(widget, str(problem))
            first = first or widget
    return first


def clear_note_problems(details: NoteDetailsForm, sections: NoteSectionsForm) -> None:
    for widget in [*_detail_widgets(details).values(), *sections.edits]:
        clear_invalid(widget)


def show_refusal(
    error: VaultError,
    details: NoteDetailsForm,
    sections: NoteSectionsForm,
    show_error: Callable[[str], None],
) -> QWidget | None:
    """Say why the vault refused the note: every wrong field listed and marked, the cursor in
    the first (returned, so the editor can scroll to it); any other refusal in its words."""
    if not isinstance(error, InvalidFieldsError):
        show_error(str(error))
        return None
    show_error(problems_text([str(p) for p in error.problems], "Not signed"))
    first = mark_note_problems(error.problems, details, sections)
    if first is not None:
        first.setFocus(Qt.FocusReason.OtherFocusReason)
    return first
