"""Note templates: data files in ``resources/templates/``, one JSON file per kind of note.

Adding a template is adding a file; no code changes. Each file is validated on load and any
problem is reported with the file's name, because a therapist (or whoever set up the practice)
must be able to find and fix it. A note copies its section titles when it is written, so a
template edited or removed later never changes an existing record.
"""

from __future__ import annotations

import functools
import json
import re
from dataclasses import dataclass
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any

from resources import bundled
from vault.notes.errors import TemplateError, UnknownTemplateError
from vault.store.errors import ValidationError
from vault.store.text_fields import checked_text, document

TEMPLATES_DIR = bundled("templates")
MAX_TEMPLATE_BYTES = 256 * 1024  # the largest shipped template is about 2 KiB
_ID_SHAPE = re.compile(r"^[a-z][a-z0-9_]{0,39}$")
_TOP_KEYS = {"id", "title", "description", "process_note", "sections"}
_SECTION_KEYS = {"id", "title", "guidance"}


@dataclass(frozen=True)
class TemplateSection:
    id: str
    title: str
    guidance: str


@dataclass(frozen=True)
class NoteTemplate:
    """A kind of note. `process_note` marks psychotherapy (process) notes, kept apart."""

    id: str
    title: str
    description: str
    process_note: bool
    sections: tuple[TemplateSection, ...]


def load_template(path: Path | Traversable) -> NoteTemplate:
    """Read and validate one template file, or raise `TemplateError` naming it."""
    try:
        with path.open("rb") as handle:
            raw = handle.read(MAX_TEMPLATE_BYTES + 1)
    except OSError as exc:
        raise TemplateError(path, f"it cannot be read ({exc.strerror})") from None
    if len(raw) > MAX_TEMPLATE_BYTES:
        raise TemplateError(path, f"it is larger than {MAX_TEMPLATE_BYTES // 1024} KiB")
    try:
        data = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise TemplateError(path, "it is not UTF-8 text") from None
    except json.JSONDecodeError as exc:
        raise TemplateError(path, f"it is not valid JSON (line {exc.lineno}: {exc.msg})") from None
    except RecursionError:
        raise TemplateError(path, "it is unreadable (nested far too deeply)") from None
    except ValueError:  # e.g. a number of thousands of digits
        raise TemplateError(path, "it holds a value that cannot be read") from None
    return _template_from(path, data)


def _template_from(path: Path | Traversable, data: Any) -> NoteTemplate:
    if not isinstance(data, dict):
        raise TemplateError(path, "it must hold one JSON object")
    unknown = sorted(set(data) - _TOP_KEYS)
    if unknown:
        raise TemplateError(path, f"unknown field(s) {', '.join(unknown)}")
    template_id = _text(path, data, "id")
    if not _ID_SHAPE.match(template_id):
        raise TemplateError(path, "its id must be lower-case letters, digits and underscores")
    if template_id != path.name.removesuffix(".json"):
        raise TemplateError(path, f"its id {template_id!r} must match the file name")
    process_note = data.get("process_note", False)
    if not isinstance(process_note, bool):
        raise TemplateError(path, "process_note must be true or false")
    raw_sections = data.get("sections")
    if not isinstance(raw_sections, list) or not raw_sections:
        raise TemplateError(path, "it needs a non-empty list of sections")
    sections = tuple(_section_from(path, i, s) for i, s in enumerate(raw_sections, start=1))
    ids = [s.id for s in sections]
    if len(set(ids)) != len(ids):
        raise TemplateError(path, "two sections share the same id")
    return NoteTemplate(
        id=template_id,
        title=_text(path, data, "title"),
        description=_text(path, data, "description", required=False),
        process_note=process_note,
        sections=sections,
    )


def _section_from(path: Path | Traversable, number: int, raw: Any) -> TemplateSection:
    if not isinstance(raw, dict):
        raise TemplateError(path, f"section {number} must be a JSON object")
    unknown = sorted(set(raw) - _SECTION_KEYS)
    if unknown:
        raise TemplateError(path, f"section {number} has unknown field(s) {', '.join(unknown)}")
    section_id = _text(path, raw, "id", where=f"section {number}")
    if not _ID_SHAPE.match(section_id):
        raise TemplateError(path, f"section {number} id must be lower-case letters and digits")
    return TemplateSection(
        id=section_id,
        title=_text(path, raw, "title", where=f"section {number}"),
        guidance=_text(path, raw, "guidance", where=f"section {number}", required=False),
    )


def _text(
    path: Path | Traversable,
    data: dict[str, Any],
    key: str,
    *,
    where: str = "",
    required: bool = True,
) -> str:
    value = data.get(key, "")
    label = f"{where} {key}".strip()
    if not isinstance(value, str):
        raise TemplateError(path, f"{label} must be text")
    if required and not value.strip():
        raise TemplateError(path, f"{label} is missing")
    try:
        checked_text(value, document(label, 10_000))
    except ValidationError as exc:
        raise TemplateError(path, str(exc).rstrip(".")) from None
    return value.strip()


def load_templates(folder: Path | Traversable = TEMPLATES_DIR) -> dict[str, NoteTemplate]:
    """Every ``*.json`` template in `folder`, by id, in file-name order."""
    if not folder.is_dir():
        raise TemplateError(folder, "the templates folder is missing")
    files = sorted((p for p in folder.iterdir() if p.name.endswith(".json")), key=lambda p: p.name)
    return {t.id: t for t in (load_template(p) for p in files)}


@functools.cache
def bundled_templates() -> dict[str, NoteTemplate]:
    """The templates shipped with Confidant, read once per process."""
    return load_templates(TEMPLATES_DIR)


def get_template(template_id: str) -> NoteTemplate:
    try:
        return bundled_templates()[template_id]
    except KeyError:
        raise UnknownTemplateError(template_id) from None


def template_title(template_id: str) -> str:
    """A kind's display title; notes of a template since removed show their raw id."""
    template = bundled_templates().get(template_id)
    return template.title if template else template_id
