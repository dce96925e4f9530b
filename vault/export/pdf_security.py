"""Encrypting a PDF in memory with AES-256 (the PDF standard security handler, revision 6).

A client's record leaves the vault only encrypted unless the therapist deliberately chooses
otherwise. fpdf2 builds the plain PDF in memory; pikepdf (qpdf) re-saves it, still in memory,
with `Encryption(R=6)`: AES-256 for every string and stream, metadata included, the PDF 2.0
handler every current reader opens. RC4 (revisions 2-4) is broken and revision 5 deprecated;
neither is ever written. No plaintext byte reaches the disk here: the caller writes the
encrypted bytes once, to the destination.
"""

from __future__ import annotations

import io
import unicodedata
from typing import Literal

import pikepdf

from vault.store.errors import ValidationError

REVISION: Literal[6] = 6
_EVERYTHING = pikepdf.Permissions(
    accessibility=True,
    extract=True,
    modify_annotation=True,
    modify_assembly=True,
    modify_form=True,
    modify_other=True,
    print_lowres=True,
    print_highres=True,
)
MAX_PASSWORD_BYTES = 127  # revision 6 uses at most 127 bytes of the UTF-8 password


def pdf_password(password: str) -> str:
    """The password as the PDF will hold it, or `ValidationError` saying what is wrong.

    Readers prepare a typed password with SASLprep, whose normalisation is NFKC, before they
    try it; normalising it here the same way means an accented letter typed on one computer
    opens the file on another. Beyond 127 bytes the PDF standard ignores the rest, which
    would make a longer password weaker than it looks, so it is refused instead.
    """
    if not isinstance(password, str) or not password:
        raise ValidationError("Give the PDF a password, or choose no encryption.", field="password")
    prepared = unicodedata.normalize("NFKC", password)
    if len(prepared.encode("utf-8")) > MAX_PASSWORD_BYTES:
        raise ValidationError(
            f"A PDF password can be at most {MAX_PASSWORD_BYTES} bytes long (about that many "
            "plain letters); choose a shorter one.",
            field="password",
        )
    return prepared


def encrypt_pdf(data: bytes, password: str) -> bytes:
    """`data` (a whole PDF) encrypted with AES-256, revision 6; opening it needs `password`.

    The same password is the owner's and the user's, with every permission allowed: the copy
    is the client's own record, to read, print and copy from as they wish. Permissions would
    in any case be advice to the reader program, not protection; the encryption protects.
    """
    prepared = pdf_password(password)
    if not data.startswith(b"%PDF-"):
        raise ValueError("encrypt_pdf expects the bytes of a PDF")
    encryption = pikepdf.Encryption(
        owner=prepared,
        user=prepared,
        R=REVISION,
        allow=_EVERYTHING,
        aes=True,
        metadata=True,
    )
    out = io.BytesIO()
    with pikepdf.open(io.BytesIO(data)) as pdf:
        pdf.save(out, encryption=encryption, compress_streams=True)
    return out.getvalue()
