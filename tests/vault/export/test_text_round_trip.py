"""Any text a therapist may store comes back equal after a JSON export and an import.

Property tests (hypothesis): odd Unicode (right-to-left, emoji, combining marks, control
characters), markup and quotes in a client's name, a note's section, its risk notes and an
addendum. Signed notes must still verify in the importing vault.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import PASSPHRASE, SESSION_FLOOR
from tests.security.test_bad_input import HOSTILE_SAMPLES
from tests.vault.note_helpers import soap
from vault import Vault
from vault.checks import verify_vault
from vault.clients.records import ClientProfile, add_client, get_client
from vault.export.exporting import export_record
from vault.export.importer import import_record
from vault.export.model import ExportSelection
from vault.notes.addenda import add_addendum
from vault.notes.model import RiskAssessment
from vault.notes.records import create_note, get_note
from vault.notes.signing import sign_note
from vault.notes.timeline import designated_record_set

EXAMPLES = settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
STORABLE = st.characters(min_codepoint=1, max_codepoint=0x10FFFF, exclude_categories=("Cs",))
TEXT = st.one_of(
    st.text(STORABLE, min_size=1, max_size=200),
    st.sampled_from([s for s in HOSTILE_SAMPLES if "\x00" not in s]),
)
LINE = TEXT.map(lambda t: " ".join(t.split()) or "x").filter(lambda t: t.strip())
# An addendum must say something: add_addendum refuses blank text.
WRITTEN = TEXT.filter(lambda t: t.strip())


@pytest.fixture(scope="module")
def vaults(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Vault, Vault, Path]]:
    root = tmp_path_factory.mktemp("round-trip")
    source = Vault.create(root / "source.vault", PASSPHRASE, kdf_params=SESSION_FLOOR)
    target = Vault.create(root / "target.vault", PASSPHRASE, kdf_params=SESSION_FLOOR)
    (root / "exports").mkdir()
    try:
        yield source, target, root / "exports"
    finally:
        source.close()
        target.close()


_files = iter(range(10**9))


@EXAMPLES
@given(name=LINE, body=TEXT, risk=TEXT, addendum=WRITTEN)
def test_text_survives_export_and_import(
    vaults, name: str, body: str, risk: str, addendum: str
) -> None:  # type: ignore[no-untyped-def]
    source, target, folder = vaults
    client = add_client(source, ClientProfile(full_name=f"Demo {name}")).id
    content = soap((client,), subjective=body)
    content = replace(content, risk=RiskAssessment(notes=risk))
    note = create_note(source, content).id
    sign_note(source, note, "Demo Clinician")
    add_addendum(source, note, text=addendum, reason="Demo reason", author="Demo Clinician")
    out = folder / f"{next(_files)}.json"
    export_record(source, ExportSelection(client), "json", out, password=None, encrypt=False)
    result = import_record(target, out, None)
    assert get_client(target, result.client_id).profile == get_client(source, client).profile
    (summary,) = designated_record_set(target, result.client_id)
    before, after = get_note(source, note), get_note(target, summary.id)
    assert after.content.sections == before.content.sections
    assert after.content.risk == before.content.risk
    assert after.signature == before.signature
    assert [a.text for a in after.addenda] == [addendum]
    assert verify_vault(target, checks=None) == []
