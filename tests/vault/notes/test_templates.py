from __future__ import annotations

import json
import shutil

import pytest

from vault.notes.errors import TemplateError, UnknownTemplateError
from vault.notes.templates import (
    MAX_TEMPLATE_BYTES,
    TEMPLATES_DIR,
    bundled_templates,
    get_template,
    load_templates,
)

EXPECTED = {
    "soap",
    "dap",
    "birp",
    "girp",
    "intake",
    "treatment_plan",
    "progress_review",
    "discharge",
    "free",
    "process",
}


def _write(folder, name, document):
    folder.mkdir(exist_ok=True)
    path = folder / name
    path.write_text(document if isinstance(document, str) else json.dumps(document), "utf-8")
    return path


def _valid(template_id="demo_kind"):
    return {
        "id": template_id,
        "title": "Demo kind",
        "sections": [{"id": "part", "title": "Part", "guidance": "Write it."}],
    }


def test_every_bundled_kind_loads_from_resources():
    assert set(load_templates(TEMPLATES_DIR)) == EXPECTED


def test_soap_lists_its_four_sections_in_order():
    assert [s.title for s in get_template("soap").sections] == [
        "Subjective",
        "Objective",
        "Assessment",
        "Plan",
    ]


def test_every_section_has_guidance_text():
    for template in bundled_templates().values():
        assert all(s.guidance for s in template.sections), template.id


def test_only_the_process_template_is_a_psychotherapy_note():
    flagged = {t.id for t in bundled_templates().values() if t.process_note}
    assert flagged == {"process"}


def test_adding_a_template_is_adding_a_file(tmp_path):
    folder = tmp_path / "templates"
    shutil.copytree(TEMPLATES_DIR, folder)
    _write(folder, "demo_kind.json", _valid())
    assert load_templates(folder)["demo_kind"].sections[0].title == "Part"


def test_invalid_json_names_the_file(tmp_path):
    _write(tmp_path / "t", "broken.json", '{"id": "broken", ')
    with pytest.raises(TemplateError, match=r"broken\.json.*not valid JSON"):
        load_templates(tmp_path / "t")


def test_missing_sections_names_the_file(tmp_path):
    document = _valid("nosections")
    del document["sections"]
    _write(tmp_path / "t", "nosections.json", document)
    with pytest.raises(TemplateError, match=r"nosections\.json.*sections"):
        load_templates(tmp_path / "t")


def test_id_must_match_the_file_name(tmp_path):
    _write(tmp_path / "t", "other.json", _valid("demo_kind"))
    with pytest.raises(TemplateError, match=r"other\.json.*match the file name"):
        load_templates(tmp_path / "t")


def test_unknown_fields_are_reported(tmp_path):
    document = {**_valid(), "colour": "blue"}
    _write(tmp_path / "t", "demo_kind.json", document)
    with pytest.raises(TemplateError, match=r"demo_kind\.json.*colour"):
        load_templates(tmp_path / "t")


def test_duplicate_section_ids_are_reported(tmp_path):
    document = _valid()
    document["sections"] = document["sections"] * 2
    _write(tmp_path / "t", "demo_kind.json", document)
    with pytest.raises(TemplateError, match="same id"):
        load_templates(tmp_path / "t")


def test_process_flag_must_be_true_or_false(tmp_path):
    _write(tmp_path / "t", "demo_kind.json", {**_valid(), "process_note": "yes"})
    with pytest.raises(TemplateError, match="process_note"):
        load_templates(tmp_path / "t")


def test_unknown_template_id_is_a_validation_error():
    with pytest.raises(UnknownTemplateError, match="no_such_kind"):
        get_template("no_such_kind")


def test_a_deeply_nested_template_is_unreadable_not_a_recursion_error(tmp_path):
    folder = tmp_path / "t"
    folder.mkdir()
    (folder / "deep.json").write_text("[" * 50_000 + "]" * 50_000)
    with pytest.raises(TemplateError, match=r"deep\.json.*unreadable"):
        load_templates(folder)


def test_a_huge_template_file_is_refused_unread(tmp_path):
    folder = tmp_path / "t"
    folder.mkdir()
    (folder / "huge.json").write_bytes(b" " * (MAX_TEMPLATE_BYTES + 10))
    with pytest.raises(TemplateError, match="larger than"):
        load_templates(folder)
