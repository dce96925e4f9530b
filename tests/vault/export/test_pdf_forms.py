"""The forms a client signs: what they say, and how they are written and recorded."""

from __future__ import annotations

from pathlib import Path

import pikepdf
import pytest

from tests.vault.export.pdf_reading import all_text, one_line, page_texts
from tests.vault.note_helpers import demo_client
from vault import Vault
from vault.audit.trail import AuditFilter, iter_entries
from vault.clients.practice import PracticeDetails, save_practice_details
from vault.consent.model import LIMITS
from vault.consent.policy import write_policy_version
from vault.export.errors import ExportError
from vault.export.pdf_form_output import form_pdf, write_form
from vault.store.errors import LocationError, RecordNotFoundError, ValidationError

NAME = "Demo Fern Formsigner"
FORM_PASSWORD = "demo quartz lantern orbit maple cinema"  # passes the export password bar
POLICY = "# Demo policy\n\nDemo wording **that matters**,\nwrapped by hand.\n\n- Demo limit one\n"


@pytest.fixture
def client(vault: Vault) -> int:
    save_practice_details(
        vault, PracticeDetails(practice_name="Demo Rooms", clinician="Demo Clinician")
    )
    return demo_client(vault, NAME)


@pytest.fixture
def out(tmp_path: Path) -> Path:
    """A folder of its own for the written forms (the vault lives beside it)."""
    folder = tmp_path / "out"
    folder.mkdir()
    return folder


def _printed(vault: Vault) -> list[str]:
    return [e.detail for e in iter_entries(vault, AuditFilter(kinds=("form.printed",)))]


def test_the_consent_form_holds_the_current_policy_and_the_limits_to_tick(
    vault: Vault, client: int
) -> None:
    write_policy_version(vault, POLICY)
    text = all_text(form_pdf(vault, client, "consent"))
    flat = one_line(text)
    assert "Consent to treatment and limits of confidentiality" in flat
    assert NAME in text and "Demo Rooms" in text
    assert "Policy Version 1, written" in text
    assert "Demo wording that matters, wrapped by hand." in flat  # one paragraph, no **
    assert "**" not in text and "# Demo policy" not in text
    assert "• Demo limit one" in text
    for _, label in LIMITS:
        assert f"☐ {label}" in text
    for line in ("Client's signature", "Therapist's signature", "Date"):
        assert line in text
    assert "I consent to treatment on these terms" in flat


def test_the_release_form_has_the_164_508_core_elements(vault: Vault, client: int) -> None:
    pages = page_texts(form_pdf(vault, client, "release", paper="Letter"))
    flat = one_line(" ".join(pages))
    for element in (
        "Who may disclose the information Demo Clinician, Demo Rooms",
        "To whom (name, organisation and address)",
        "The purpose of the disclosure",
        "What information may be shared",
        "This authorisation expires on (date), or when (event)",
        "You may revoke this authorisation at any time",
        "does not depend on whether you sign",
        "may be disclosed again by the person who receives it",
        "does not authorise the release of psychotherapy notes",
        "Signature of the client or their personal representative",
    ):
        assert element in flat, element
    assert NAME in flat
    for number, text in enumerate(pages, start=1):
        assert f"Confidential — Page {number} of {len(pages)}" in text


def test_a_form_is_encrypted_by_default_and_recorded(vault: Vault, client: int, out: Path) -> None:
    target = out / "release.pdf"
    printed = write_form(vault, client, "release", target, password=FORM_PASSWORD)
    assert printed.encrypted and printed.bytes_written == target.stat().st_size
    with pytest.raises(pikepdf.PasswordError):
        pikepdf.open(target)
    with pikepdf.open(target, password=FORM_PASSWORD) as pdf:
        assert pdf.encryption.R == 6
    assert NAME in all_text(target.read_bytes(), FORM_PASSWORD)
    assert _printed(vault) == ["form=release,encrypted"]
    assert sorted(p.name for p in out.iterdir()) == ["release.pdf"]


def test_without_a_password_a_form_is_refused_unless_plain_is_chosen(
    vault: Vault, client: int, out: Path
) -> None:
    target = out / "consent.pdf"
    with pytest.raises(ValidationError, match="encrypted form needs a password"):
        write_form(vault, client, "consent", target, password=None)
    with pytest.raises(ValidationError, match="not strong enough"):
        write_form(vault, client, "consent", target, password="demo form 9")
    with pytest.raises(ValidationError, match="unencrypted form takes no password"):
        write_form(vault, client, "consent", target, password=FORM_PASSWORD, encrypt=False)
    assert list(out.iterdir()) == [] and _printed(vault) == []
    printed = write_form(vault, client, "consent", target, password=None, encrypt=False)
    assert not printed.encrypted and NAME in all_text(target.read_bytes())
    assert _printed(vault) == ["form=consent,plain"]


def test_an_existing_file_is_kept_unless_overwrite_is_asked(
    vault: Vault, client: int, out: Path
) -> None:
    target = out / "consent.pdf"
    target.write_bytes(b"Demo earlier file")
    with pytest.raises(ExportError, match="already exists"):
        write_form(vault, client, "consent", target, password=FORM_PASSWORD)
    assert target.read_bytes() == b"Demo earlier file"
    write_form(vault, client, "consent", target, password=FORM_PASSWORD, overwrite=True)
    assert target.read_bytes().startswith(b"%PDF-")


def test_a_missing_client_or_folder_writes_nothing_and_records_nothing(
    vault: Vault, client: int, out: Path
) -> None:
    with pytest.raises(RecordNotFoundError):
        write_form(vault, 999, "consent", out / "x.pdf", password=FORM_PASSWORD)
    with pytest.raises(LocationError, match="does not exist"):
        write_form(vault, client, "consent", out / "missing" / "x.pdf", password=FORM_PASSWORD)
    assert list(out.iterdir()) == []
    assert _printed(vault) == []
