"""A signed form's type comes from its bytes, its size is bounded, its name is safe to show."""

from __future__ import annotations

import unicodedata
from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.support.form_samples import jpeg, pdf, png, tiff
from vault import ValidationError, Vault
from vault.clients.records import ClientProfile, add_client
from vault.consent.attachments import attach_form, get_attachment
from vault.consent.consents import record_consent
from vault.consent.form_files import (
    MAX_BYTES,
    MAX_NAME_BYTES,
    MAX_NAME_CHARS,
    check_size,
    media_type_of,
    safe_file_name,
    size_text,
)


@pytest.mark.parametrize(
    ("data", "media_type"),
    [
        (pdf(), "application/pdf"),
        (png(), "image/png"),
        (jpeg(), "image/jpeg"),
        (tiff(), "image/tiff"),
        (b"MM\x00*\x00\x00\x00\x08", "image/tiff"),
    ],
)
def test_the_four_kinds_are_told_by_their_bytes(data: bytes, media_type: str) -> None:
    assert media_type_of(data) == media_type


@pytest.mark.parametrize(
    ("data", "said"),
    [
        (b"Demo consent, typed in a text editor\n", "plain text"),
        (b"<html><body>Demo</body></html>", "plain text"),
        (b"PK\x03\x04\x14\x00", "Word document"),
        (b"GIF89a\x01\x00", "GIF image"),
        (b"\x00\x00\x00\x18ftypheic\x00\x00", "HEIC photo"),
        (b"RIFF\x10\x00\x00\x00WEBPVP8 ", "WebP image"),
        (b"\x7fELF\x02\x01\x01\x00" + bytes(200), "not a kind Confidant keeps"),
        (b" %PDF-1.4 later", "plain text"),  # the magic must open the file
    ],
)
def test_other_kinds_are_refused_with_what_they_are(data: bytes, said: str) -> None:
    with pytest.raises(ValidationError, match=said) as refused:
        media_type_of(data)
    assert "PDF, PNG, JPEG or TIFF" in str(refused.value)
    assert refused.value.field == "file"


def test_a_pdf_without_its_end_marker_is_refused() -> None:
    with pytest.raises(ValidationError, match="cut short"):
        media_type_of(pdf()[: len(pdf()) // 2])


def test_sizes_are_said_as_a_file_manager_says_them() -> None:
    assert [size_text(n) for n in (1, 812, 48 * 1024, int(3.4 * 1024 * 1024))] == [
        "1 byte", "812 bytes", "48 KB", "3.4 MB",
    ]  # fmt: skip
    check_size(MAX_BYTES)
    with pytest.raises(ValidationError, match=r"20\.0 MB; a signed form may be at most"):
        check_size(MAX_BYTES + 1)


@pytest.mark.parametrize(
    ("given_name", "media_type", "kept"),
    [
        ("Signed consent.pdf", "application/pdf", "Signed consent.pdf"),
        ("scan.JPEG", "image/jpeg", "scan.JPEG"),
        ("scan", "image/png", "scan.png"),
        ("form.pdf", "image/png", "form.pdf.png"),  # named by what it really is
        ("../../etc/passwd", "application/pdf", "passwd.pdf"),
        ("C:\\Users\\Demo\\form.pdf", "application/pdf", "form.pdf"),
        (".hidden.pdf", "application/pdf", "hidden.pdf"),
        ("a\nb\r\nc.pdf", "application/pdf", "a b c.pdf"),
        ("demo\u202efdp.exe", "application/pdf", "demofdp.exe.pdf"),  # no direction override
        ("<i>Demo & co<i>.pdf", "application/pdf", "_i_Demo & co_i_.pdf"),
        ("nul\x00here.pdf", "application/pdf", "nulhere.pdf"),
        ("", "application/pdf", "signed form.pdf"),
        ("...", "image/tiff", "signed form.tif"),
        ("e\u0301.pdf", "application/pdf", "\u00e9.pdf"),  # NFC
    ],
)
def test_names_are_made_safe(given_name: str, media_type: str, kept: str) -> None:
    assert safe_file_name(given_name, media_type) == kept


def test_a_long_name_is_cut_keeping_its_ending() -> None:
    name = safe_file_name("Demo " + "ü" * 400 + ".pdf", "application/pdf")
    assert name.endswith(".pdf") and len(name) <= MAX_NAME_CHARS
    assert len(name.encode("utf-8")) <= MAX_NAME_BYTES


_TYPES = st.sampled_from(["application/pdf", "image/png", "image/jpeg", "image/tiff"])


@settings(max_examples=300)
@given(name=st.text(max_size=400), media_type=_TYPES)
def test_any_name_becomes_one_safe_line(name: str, media_type: str) -> None:
    safe = safe_file_name(name, media_type)
    assert safe.strip() and safe == safe.strip()
    assert not safe.startswith(".")
    assert len(safe) <= MAX_NAME_CHARS and len(safe.encode("utf-8")) <= MAX_NAME_BYTES
    assert not set(safe) & set('/\\:*?"<>|\x00')
    assert all(unicodedata.category(c) not in ("Cc", "Cf", "Cs", "Co", "Zl", "Zp") for c in safe)
    assert safe_file_name(safe, media_type) == safe  # already safe stays as it is


@pytest.fixture
def consent(vault: Vault) -> int:
    client = add_client(vault, ClientProfile(full_name="Demo Names Person")).id
    return record_consent(
        vault, client, given_on=date(2026, 1, 5), how="signed_paper", limits_explained=[]
    ).id


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    name=st.one_of(
        st.text(max_size=200),
        st.sampled_from(["<script>alert(1)</script>.pdf", "a/b\\c.pdf", "\x00", "\ud800.pdf"]),
    )
)
def test_any_name_is_stored_safely(vault: Vault, consent: int, name: str) -> None:
    data = pdf(f"Demo {abs(hash(name))}")  # fresh bytes: the same file twice is refused
    added = attach_form(vault, consent_id=consent, file_name=name, data=data)
    assert get_attachment(vault, added.id).file_name == safe_file_name(name, "application/pdf")
