"""An encrypted PDF: AES-256 with the revision 6 handler, refused without its password."""

from __future__ import annotations

import io

import pikepdf
import pypdf
import pytest

from tests.vault.export.builders import NAME_A, Practice
from tests.vault.export.pdf_reading import all_text
from vault import Vault
from vault.clients.practice import PracticeDetails
from vault.export.gather import gather_record
from vault.export.model import ExportSelection
from vault.export.pdf_record import record_pdf
from vault.export.pdf_security import MAX_PASSWORD_BYTES, encrypt_pdf
from vault.store.errors import ValidationError

PASSWORD = "demo export password orbit lantern"


@pytest.fixture
def plain(vault: Vault, practice: Practice) -> bytes:
    record = gather_record(vault, ExportSelection(practice.a))
    return record_pdf(record, practice=PracticeDetails(practice_name="Demo Rooms"))


@pytest.fixture
def encrypted(plain: bytes) -> bytes:
    return encrypt_pdf(plain, PASSWORD)


def test_it_is_aes_256_revision_6_for_strings_streams_and_files(encrypted: bytes) -> None:
    with pikepdf.open(io.BytesIO(encrypted), password=PASSWORD) as pdf:
        info = pdf.encryption
        assert (info.R, info.V, info.bits) == (6, 5, 256)
        for method in (info.stream_method, info.string_method, info.file_method):
            assert method == pikepdf.models.EncryptionMethod.aesv3


def test_the_encryption_dictionary_names_aesv3_and_never_rc4(encrypted: bytes) -> None:
    assert b"/CFM /AESV3" in encrypted
    assert b"/V2" not in encrypted  # the RC4 crypt filter
    reader = pypdf.PdfReader(io.BytesIO(encrypted))
    encrypt = reader.trailer["/Encrypt"].get_object()
    assert (encrypt["/Filter"], encrypt["/R"], encrypt["/V"]) == ("/Standard", 6, 5)
    assert encrypt["/CF"]["/StdCF"]["/CFM"] == "/AESV3"


def test_without_the_password_it_does_not_open(encrypted: bytes) -> None:
    with pytest.raises(pikepdf.PasswordError):
        pikepdf.open(io.BytesIO(encrypted))
    with pytest.raises(pikepdf.PasswordError):
        pikepdf.open(io.BytesIO(encrypted), password="demo wrong password")
    reader = pypdf.PdfReader(io.BytesIO(encrypted))
    assert reader.is_encrypted
    with pytest.raises(pypdf.errors.FileNotDecryptedError):
        reader.pages[0].extract_text()
    assert reader.decrypt("demo wrong password") == pypdf.PasswordType.NOT_DECRYPTED


def test_with_the_password_it_reads_as_the_plain_pdf(plain: bytes, encrypted: bytes) -> None:
    text = all_text(encrypted, PASSWORD)
    assert NAME_A in text
    assert text == all_text(plain)


def test_the_password_is_prepared_as_readers_prepare_it(plain: bytes) -> None:
    decomposed = "demo cafe\u0301 orbit lantern"  # é typed as e + combining accent
    encrypted = encrypt_pdf(plain, decomposed)
    with pikepdf.open(io.BytesIO(encrypted), password="demo café orbit lantern"):
        pass


@pytest.mark.parametrize("password", ["", "x" * (MAX_PASSWORD_BYTES + 1), "é" * 64])
def test_an_empty_or_overlong_password_is_refused(plain: bytes, password: str) -> None:
    with pytest.raises(ValidationError) as refused:
        encrypt_pdf(plain, password)
    assert refused.value.field == "password"


def test_a_password_of_127_bytes_is_used_whole(plain: bytes) -> None:
    password = "d" * MAX_PASSWORD_BYTES
    encrypted = encrypt_pdf(plain, password)
    with pikepdf.open(io.BytesIO(encrypted), password=password):
        pass
    with pytest.raises(pikepdf.PasswordError):
        pikepdf.open(io.BytesIO(encrypted), password=password[:-1])


def test_only_a_pdf_is_encrypted() -> None:
    with pytest.raises(ValueError, match="PDF"):
        encrypt_pdf(b"Demo not a PDF", PASSWORD)
