"""Hostile and unlucky input in every text field: stored exactly, or refused with ValidationError.

Property tests (hypothesis) over every text field of every record kind: client profiles,
practice details, note sections, risk notes, signer names, addenda and amendments. Any Unicode
(control characters, lone surrogates, markup, right-to-left, emoji) and sizes of 1 MB and 10 MB.
What goes in either comes back equal and can be found by search, or is refused with a
`ValidationError` naming the field: never a `UnicodeEncodeError` or a database error. Search
queries and template files from anywhere are just as safe.
"""

from __future__ import annotations

import contextlib
import json
import re
import string
from collections.abc import Iterator
from dataclasses import fields, replace
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from tests.conftest import PASSPHRASE, SESSION_FLOOR
from tests.vault.note_helpers import soap
from vault import ValidationError, Vault, VaultError
from vault.clients.practice import (
    PracticeDetails,
    load_practice_details,
    save_practice_details,
)
from vault.clients.records import (
    ClientProfile,
    add_client,
    get_client,
    list_clients,
    update_client,
)
from vault.notes.addenda import add_addendum, add_amendment
from vault.notes.errors import TemplateError
from vault.notes.model import NoteSection, RiskAssessment
from vault.notes.records import create_note, get_note
from vault.notes.signing import sign_note
from vault.notes.templates import load_templates
from vault.notes.unsigned import autosave_note
from vault.search.engine import SearchFilters, search_notes

EXAMPLES = settings(
    max_examples=50,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
ONE_MB = 1_000_000
TEN_MB = 10_000_000

# Any code point, lone surrogates included (hypothesis leaves them out unless asked).
ANY_CHAR = st.characters(min_codepoint=0, max_codepoint=0x10FFFF, exclude_categories=())
HOSTILE_SAMPLES = [
    "<script>alert(1)</script>",
    "'; DROP TABLE clients; --",
    '" OR 1=1 --',
    "\u202eevil\u202c",  # right-to-left override
    "שלום עולם",
    "مرحبا بالعالم",
    "👩🏽‍⚕️🧠💬",
    "e\u0301\u0301\u0301",  # stacked combining marks
    "\x00\x01\x07\x1b[31m",
    "line\r\nbreak\u2028sep\u2029",
    "\ufeffBOM",
    "\U0010ffff\U000e0001",
    "${jndi:ldap://x}",
    "%s%n%x",
    "\\\\server\\share",
]
TEXT = st.one_of(
    st.text(ANY_CHAR, max_size=200),
    st.sampled_from(HOSTILE_SAMPLES),
    st.lists(st.sampled_from(HOSTILE_SAMPLES), min_size=2, max_size=5).map(" ".join),
)
LONE_SURROGATE = st.builds(
    lambda a, s, b: a + s + b,
    st.text(max_size=20),
    st.characters(min_codepoint=0xD800, max_codepoint=0xDFFF),
    st.text(max_size=20),
)


def has_lone_surrogate(text: str) -> bool:
    return any(0xD800 <= ord(c) <= 0xDFFF for c in text)


@pytest.fixture(scope="module")
def shared_vault(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Vault]:
    """One vault for many examples: each example adds records and checks only its own."""
    vault = Vault.create(
        tmp_path_factory.mktemp("bad-input") / "practice.vault",
        PASSPHRASE,
        kdf_params=SESSION_FLOOR,
    )
    try:
        yield vault
    finally:
        vault.close()


@pytest.fixture(scope="module")
def client_id(shared_vault: Vault) -> int:
    return add_client(shared_vault, ClientProfile(full_name="Demo Bad Input Client")).id


_counter = iter(range(10**9))


def unique_word() -> str:
    """A search word no example text can contain by chance (letters only, tokenised whole)."""
    n = next(_counter)
    return "qzv" + "".join(string.ascii_lowercase[int(d)] for d in str(n)) + "mark"


# ----- client profiles -------------------------------------------------------------------------

FREE_CLIENT_FIELDS = (
    "full_name",
    "preferred_name",
    "pronouns",
    "phone",
    "address",
    "emergency_contact",
    "referral_source",
    "notes",
)
ALL_CLIENT_FIELDS = tuple(f.name for f in fields(ClientProfile))


def _expected_client_value(field: str, value: str) -> str:
    return value if field == "notes" else value.strip()


@EXAMPLES
@given(field=st.sampled_from(FREE_CLIENT_FIELDS), value=TEXT)
@example(field="full_name", value="Demo \ud800 lone")
@example(field="notes", value="\udfff")
def test_any_text_in_a_client_field_is_stored_exactly_or_refused(
    shared_vault: Vault, field: str, value: str
) -> None:
    word = unique_word()
    name = f"Demo {word}"
    profile = ClientProfile(full_name=name)
    profile = replace(profile, **{field: (f"{name} {value}" if field == "full_name" else value)})
    try:
        client = add_client(shared_vault, profile)
    except ValidationError as exc:
        assert str(exc)
        return
    assert not has_lone_surrogate(value), "a lone surrogate was stored"
    stored = get_client(shared_vault, client.id).profile
    assert getattr(stored, field) == _expected_client_value(field, getattr(profile, field))
    assert client.id in [c.id for c in list_clients(shared_vault, "all", word)]


@EXAMPLES
@given(field=st.sampled_from(ALL_CLIENT_FIELDS), value=LONE_SURROGATE)
def test_a_lone_surrogate_in_any_client_field_is_a_validation_error(
    shared_vault: Vault, client_id: int, field: str, value: str
) -> None:
    profile = replace(ClientProfile(full_name="Demo Surrogate"), **{field: value})
    with pytest.raises(ValidationError):
        add_client(shared_vault, profile)
    with pytest.raises(ValidationError):
        update_client(shared_vault, client_id, profile)


@pytest.mark.slow
@pytest.mark.parametrize("field", ALL_CLIENT_FIELDS)
def test_ten_megabytes_in_any_client_field_is_refused(shared_vault: Vault, field: str) -> None:
    profile = replace(ClientProfile(full_name="Demo Huge"), **{field: "x" * TEN_MB})
    with pytest.raises(ValidationError) as caught:
        add_client(shared_vault, profile)
    assert caught.value.field in (None, field)


@pytest.mark.slow
@pytest.mark.parametrize("field", FREE_CLIENT_FIELDS)
def test_one_megabyte_in_a_client_field_is_stored_or_refused_clearly(
    shared_vault: Vault, field: str
) -> None:
    big = ("Demo ünïcödé 👩🏽‍⚕️ " * 60_000)[:ONE_MB]
    profile = replace(ClientProfile(full_name="Demo Big Field"), **{field: big})
    try:
        client = add_client(shared_vault, profile)
    except ValidationError:
        return
    stored = get_client(shared_vault, client.id).profile
    assert getattr(stored, field) == _expected_client_value(field, big)


# ----- practice details --------------------------------------------------------------------

PRACTICE_FIELDS = tuple(f.name for f in fields(PracticeDetails))


@EXAMPLES
@given(field=st.sampled_from(PRACTICE_FIELDS), value=TEXT)
@example(field="clinician", value="Dr \ud83d Demo")
def test_any_text_in_practice_details_is_stored_exactly_or_refused(
    shared_vault: Vault, field: str, value: str
) -> None:
    details = replace(PracticeDetails(), **{field: value})
    try:
        save_practice_details(shared_vault, details)
    except ValidationError as exc:
        assert str(exc)
        return
    assert not has_lone_surrogate(value), "a lone surrogate was stored"
    assert getattr(load_practice_details(shared_vault), field) == value.strip()


@pytest.mark.parametrize("field", PRACTICE_FIELDS)
@pytest.mark.parametrize("size", [ONE_MB, TEN_MB])
def test_huge_practice_details_are_refused(shared_vault: Vault, field: str, size: int) -> None:
    with pytest.raises(ValidationError):
        save_practice_details(shared_vault, replace(PracticeDetails(), **{field: "p" * size}))


# ----- notes: sections, risk notes, drafts, signer, addenda ----------------------------------


def _note_with(client: int, *, section_text: str, title: str | None = None, risk: str = ""):
    content = soap((client,), subjective=section_text)
    if title is not None:
        first = replace(content.sections[0], title=title)
        content = replace(content, sections=(first, *content.sections[1:]))
    if risk:
        content = replace(content, risk=RiskAssessment(notes=risk))
    return content


def _finds(vault: Vault, word: str, note_id: int) -> bool:
    return note_id in [h.note_id for h in search_notes(vault, word, limit=500).hits]


@EXAMPLES
@given(part=st.sampled_from(["section", "title", "risk"]), value=TEXT)
@example(part="section", value="half \udc80 surrogate")
@example(part="risk", value="\ud800")
def test_any_text_in_a_note_is_stored_exactly_searchable_or_refused(
    shared_vault: Vault, client_id: int, part: str, value: str
) -> None:
    word = unique_word()
    text = f"{word} {value}" if part != "title" else f"{word} demo"
    content = _note_with(
        client_id,
        section_text=text,
        title=value if part == "title" else None,
        risk=f"{word} {value}" if part == "risk" else "",
    )
    try:
        note = create_note(shared_vault, content)
    except ValidationError as exc:
        assert str(exc)
        return
    assert not has_lone_surrogate(value), "a lone surrogate was stored"
    stored = get_note(shared_vault, note.id).content
    assert stored.sections == note.content.sections
    if part == "section":
        assert stored.sections[0].text == text
    if part == "title":
        assert stored.sections[0].title == value
    if part == "risk":
        assert stored.risk.notes == f"{word} {value}"
    assert _finds(shared_vault, word, note.id)


@EXAMPLES
@given(value=TEXT)
@example(value="draft \ud800")
def test_any_text_in_an_autosaved_draft_is_stored_exactly_or_refused(
    shared_vault: Vault, client_id: int, value: str
) -> None:
    word = unique_word()
    try:
        note_id = autosave_note(
            shared_vault, None, _note_with(client_id, section_text=f"{word} {value}")
        )
    except ValidationError:
        return
    assert not has_lone_surrogate(value), "a lone surrogate was stored"
    assert get_note(shared_vault, note_id).content.sections[0].text == f"{word} {value}"
    assert _finds(shared_vault, word, note_id)


@pytest.fixture(scope="module")
def signed_note(shared_vault: Vault, client_id: int) -> int:
    note = create_note(shared_vault, _note_with(client_id, section_text="Demo signed base"))
    sign_note(shared_vault, note.id, "Demo Clinician")
    return note.id


@EXAMPLES
@given(part=st.sampled_from(["text", "reason", "author"]), value=TEXT)
@example(part="author", value="Dr \udc00")
@example(part="reason", value="\ud800")
def test_any_text_in_an_addendum_is_stored_exactly_or_refused(
    shared_vault: Vault, signed_note: int, client_id: int, part: str, value: str
) -> None:
    word = unique_word()
    values = {"text": f"{word} demo addendum", "reason": "Demo reason", "author": "Demo Author"}
    values[part] = f"{word} {value}" if part == "text" else value
    amendment = part == "reason" and len(value) % 2 == 1
    try:
        if amendment:
            added = add_amendment(
                shared_vault,
                signed_note,
                **values,
                requested_by=client_id,
                request_received_on="2026-03-01",
            )
        else:
            added = add_addendum(shared_vault, signed_note, **values)
    except ValidationError as exc:
        assert str(exc)
        return
    assert not has_lone_surrogate(value), "a lone surrogate was stored"
    stored = next(a for a in get_note(shared_vault, signed_note).addenda if a.id == added.id)
    expected = values[part] if part == "text" else values[part].strip()
    assert getattr(stored, part) == expected
    assert _finds(shared_vault, word, signed_note)


@EXAMPLES
@given(value=TEXT)
@example(value="Dr \ud800 Demo")
def test_any_signer_name_signs_exactly_or_is_refused(
    shared_vault: Vault, client_id: int, value: str
) -> None:
    note = create_note(shared_vault, _note_with(client_id, section_text="Demo to sign"))
    try:
        signature = sign_note(shared_vault, note.id, value)
    except ValidationError:
        assert get_note(shared_vault, note.id).signature is None
        return
    assert not has_lone_surrogate(value), "a lone surrogate was stored"
    assert get_note(shared_vault, note.id).signature == signature
    assert signature.signed_by == value.strip()


@pytest.mark.parametrize(
    "where",
    ["section", "title", "risk", "diagnosis", "addendum", "reason", "author", "signer"],
)
def test_a_lone_surrogate_anywhere_in_a_note_is_a_validation_error(
    shared_vault: Vault, client_id: int, signed_note: int, where: str
) -> None:
    bad = "Demo \ud800 text"
    with pytest.raises(ValidationError):
        if where in ("section", "title", "risk"):
            create_note(
                shared_vault,
                _note_with(
                    client_id,
                    section_text=bad if where == "section" else "Demo",
                    title=bad if where == "title" else None,
                    risk=bad if where == "risk" else "",
                ),
            )
        elif where == "diagnosis":
            autosave_note(
                shared_vault,
                None,
                replace(_note_with(client_id, section_text="Demo"), diagnoses=(bad,)),
            )
        elif where == "signer":
            note = create_note(shared_vault, _note_with(client_id, section_text="Demo"))
            sign_note(shared_vault, note.id, bad)
        else:
            values = {"text": "Demo text", "reason": "Demo reason", "author": "Demo Author"}
            values[{"addendum": "text"}.get(where, where)] = bad
            add_addendum(shared_vault, signed_note, **values)


@pytest.mark.slow
def test_a_one_megabyte_section_is_stored_and_found(shared_vault: Vault, client_id: int) -> None:
    word = unique_word()
    text = (f"{word} " + "Demo ünïcödé 👩🏽‍⚕️ words " * 50_000)[:ONE_MB]
    note = create_note(shared_vault, _note_with(client_id, section_text=text))
    assert get_note(shared_vault, note.id).content.sections[0].text == text
    assert _finds(shared_vault, word, note.id)


@pytest.mark.slow
@pytest.mark.parametrize("where", ["section", "title", "risk", "addendum", "signer", "draft"])
def test_ten_megabytes_anywhere_in_a_note_is_refused(
    shared_vault: Vault, client_id: int, signed_note: int, where: str
) -> None:
    huge = "y" * TEN_MB
    with pytest.raises(ValidationError):
        if where == "addendum":
            add_addendum(shared_vault, signed_note, text=huge, reason="r", author="Demo")
        elif where == "signer":
            note = create_note(shared_vault, _note_with(client_id, section_text="Demo"))
            sign_note(shared_vault, note.id, huge)
        elif where == "draft":
            autosave_note(shared_vault, None, _note_with(client_id, section_text=huge))
        else:
            create_note(
                shared_vault,
                _note_with(
                    client_id,
                    section_text=huge if where == "section" else "Demo",
                    title=huge if where == "title" else None,
                    risk=huge if where == "risk" else "",
                ),
            )


def test_more_sections_than_allowed_are_refused(shared_vault: Vault, client_id: int):
    content = _note_with(client_id, section_text="Demo")
    many = tuple(NoteSection(f"s{i}", f"S{i}", "x") for i in range(10_000))
    with pytest.raises(ValidationError):
        autosave_note(shared_vault, None, replace(content, sections=many))


@pytest.mark.slow
def test_a_ten_megabyte_section_key_is_refused(shared_vault: Vault, client_id: int):
    content = _note_with(client_id, section_text="Demo")
    odd_key = (replace(content.sections[0], key="k" * TEN_MB), *content.sections[1:])
    with pytest.raises(ValidationError):
        autosave_note(shared_vault, None, replace(content, sections=odd_key))


def test_a_nul_character_never_surfaces_as_a_database_error(
    shared_vault: Vault, signed_note: int
) -> None:
    """SQLite's length() stops at NUL, so a CHECK on trimmed length can see an empty text."""
    attempts = {
        "client name": lambda: add_client(shared_vault, ClientProfile(full_name="\x00Demo")),
        "addendum reason": lambda: add_addendum(
            shared_vault, signed_note, text="Demo", reason="\x00Demo", author="Demo"
        ),
        "addendum author": lambda: add_addendum(
            shared_vault, signed_note, text="Demo", reason="Demo", author="\x00Demo"
        ),
    }
    wrong: dict[str, str] = {}
    for name, attempt in attempts.items():
        try:
            attempt()
        except ValidationError:
            pass
        except Exception as exc:
            wrong[name] = f"{type(exc).__module__}.{type(exc).__name__}: {exc}"
    assert wrong == {}


# ----- hostile search queries ------------------------------------------------------------------

FTS_TOKENS = [*"\"*()-+:^ {}[]\\'`;,.", "OR", "AND", "NOT", "NEAR(", "names", "meta", "c1", "x"]
FTS_SYNTAX = st.lists(st.sampled_from(FTS_TOKENS), max_size=25).map("".join)
QUERIES = st.one_of(st.text(ANY_CHAR, max_size=300), FTS_SYNTAX, st.sampled_from(HOSTILE_SAMPLES))


@EXAMPLES
@given(query=QUERIES, typing=st.booleans(), client=st.one_of(st.none(), st.integers()))
@example(query="-a", typing=False, client=None)
@example(query='"unterminated', typing=True, client=None)
@example(query="NEAR(a b, -1)", typing=False, client=2**63)
@example(query="names : x OR meta : c1", typing=False, client=None)
@example(query="\x00", typing=True, client=-1)
def test_any_search_query_gives_results_or_a_message_never_an_exception(
    shared_vault: Vault, query: str, typing: bool, client: int | None
) -> None:
    try:
        results = search_notes(shared_vault, query, SearchFilters(client_id=client), typing=typing)
    except VaultError:
        return
    assert isinstance(results.message, str)
    with contextlib.suppress(VaultError):
        list_clients(shared_vault, "all", query)


def test_a_ten_megabyte_query_is_answered_without_error(shared_vault: Vault) -> None:
    with contextlib.suppress(VaultError):
        search_notes(shared_vault, "demo " * 2_000_000)


# ----- malformed template files --------------------------------------------------------------

JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | st.text(ANY_CHAR),
    lambda children: (
        st.lists(children, max_size=5)
        | st.dictionaries(
            st.sampled_from(["id", "title", "description", "process_note", "sections", "guidance"])
            | st.text(max_size=5),
            children,
            max_size=6,
        )
    ),
    max_leaves=20,
)


def _template_folder(tmp_path: Path, name: str, content: bytes) -> Path:
    folder = tmp_path / f"templates-{next(_counter)}"
    folder.mkdir()
    (folder / name).write_bytes(content)
    return folder


def _loads_or_refuses(folder: Path) -> None:
    try:
        loaded = load_templates(folder)
    except TemplateError as exc:
        assert str(exc)
        return
    for template in loaded.values():  # whatever loads is clean, storable text
        for text in (template.title, template.description, *(s.title for s in template.sections)):
            text.encode("utf-8")


@EXAMPLES
@given(document=JSON_VALUES)
def test_any_json_as_a_template_loads_or_is_refused_naming_the_file(
    tmp_path: Path, document: object
) -> None:
    text = json.dumps(document, allow_nan=True)
    _loads_or_refuses(
        _template_folder(tmp_path, "demo.json", text.encode("utf-8", "surrogatepass"))
    )


@EXAMPLES
@given(title=TEXT, section_title=TEXT, guidance=TEXT)
@example(title="\ud800", section_title="ok", guidance="")
def test_any_text_in_a_well_formed_template_loads_clean_or_is_refused(
    tmp_path: Path, title: str, section_title: str, guidance: str
) -> None:
    document = {
        "id": "demo",
        "title": title,
        "sections": [{"id": "body", "title": section_title, "guidance": guidance}],
    }
    data = json.dumps(document).encode()  # \ud800 travels as an escape, as in a real file
    _loads_or_refuses(_template_folder(tmp_path, "demo.json", data))


@EXAMPLES
@given(content=st.binary(max_size=2000))
def test_any_bytes_as_a_template_load_or_are_refused(tmp_path: Path, content: bytes) -> None:
    _loads_or_refuses(_template_folder(tmp_path, "demo.json", content))


@pytest.mark.parametrize(
    ("label", "content"),
    [
        ("nested-100000", b"[" * 100_000 + b"]" * 100_000),
        ("nested-objects", b'{"a":' * 50_000 + b"1" + b"}" * 50_000),
        (
            "nested-sections",
            b'{"id":"demo","title":"t","sections":' + b"[" * 5000 + b"]" * 5000 + b"}",
        ),
        ("huge", b'{"id": "demo", "title": "' + b"t" * 20_000_000 + b'"}'),
        ("bom", b'\xef\xbb\xbf{"id": "demo", "title": "t", "sections": []}'),
        ("nul", b'{"id": "demo\x00", "title": "t"}'),
        ("latin1", '{"id": "demo", "title": "caf\xe9"}'.encode("latin-1")),
        ("utf16", '{"id": "demo", "title": "t"}'.encode("utf-16")),
        ("big-number", b'{"id": "demo", "title": "t", "process_note": ' + b"9" * 5000 + b"}"),
        ("nan", b'{"id": "demo", "title": NaN, "sections": [{"id": "a", "title": Infinity}]}'),
        (
            "surrogate-escape",
            b'{"id": "demo", "title": "\\ud800", "sections": [{"id": "a", "title": "x"}]}',
        ),
    ],
)
def test_malformed_template_files_are_refused_naming_the_file(
    tmp_path: Path, label: str, content: bytes
) -> None:
    folder = _template_folder(tmp_path, "demo.json", content)
    with pytest.raises(TemplateError) as caught:
        load_templates(folder)
    assert "demo.json" in str(caught.value)


def test_a_template_folder_that_is_a_file_or_holds_a_folder_named_json(tmp_path: Path) -> None:
    (tmp_path / "plain").write_text("x")
    with pytest.raises(TemplateError):
        load_templates(tmp_path / "plain")
    folder = tmp_path / "with-dir"
    (folder / "odd.json").mkdir(parents=True)
    with pytest.raises(TemplateError):
        load_templates(folder)


def test_field_names_in_messages_are_plain(shared_vault: Vault) -> None:
    """A ValidationError names the field for a person and for a front end."""
    with pytest.raises(ValidationError) as caught:
        add_client(shared_vault, ClientProfile(full_name="Demo", email="not an address"))
    assert caught.value.field == "email"
    assert re.search(r"[Ee]mail", str(caught.value))
