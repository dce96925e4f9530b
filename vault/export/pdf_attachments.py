"""A record's signed forms inside its PDF: embedded files, and the words the cover lists them in.

The client's right of access covers the forms they signed, so the PDF of their record carries
each one whole, as a PDF file attachment (the document's EmbeddedFiles, which every current
reader shows in its attachments panel), added through pikepdf to the PDF fpdf2 drew, in
memory. When the PDF is encrypted (`pdf_security.encrypt_pdf`, revision 6) the attachments
are encrypted with it, their names and descriptions too. The cover lists each form with its
type, size and SHA-256, so a copy taken out can be checked against what the vault kept.
"""

from __future__ import annotations

import io
from collections.abc import Iterator

import pikepdf

from vault.consent.form_files import size_text, type_label
from vault.export.model import ClientRecord, SignedForm
from vault.export.pdf_blocks import Block, Bullet, Field, Heading, Paragraph

FORMS_HEADING = "Signed forms attached to this PDF"
FORMS_EXPLAINED = (
    "The forms signed for the consents and releases in this record are inside this PDF as "
    "attached files: open your PDF reader's attachments panel (often a paper clip) to see or "
    "save them. Each one's SHA-256 is shown so that a saved copy can be checked."
)


def attachment_name(form: SignedForm) -> str:
    """The file's name in the PDF's attachments: its id, then the name it was attached under
    (inside an encrypted PDF the name is encrypted too)."""
    return f"{form.attachment.id}-{form.attachment.file_name}"


def form_purpose(record: ClientRecord, form: SignedForm) -> str:
    """What the form was signed for, in words: "Consent given 2025-01-10"."""
    a = form.attachment
    for entry in record.consents:
        if entry.consent.id == a.consent_id:
            return f"Consent given {entry.consent.given_on.isoformat()}"
    for release in record.releases:
        if release.id == a.release_id:
            return f"Release to {release.recipient_name}, signed {release.signed_on.isoformat()}"
    return "Consent" if a.consent_id is not None else "Release"


def forms_cover_blocks(record: ClientRecord) -> Iterator[Block]:
    """The cover's list of the attached forms; nothing when there are none."""
    if not record.forms:
        return
    yield Heading(FORMS_HEADING, 2, in_contents=False)
    yield Paragraph(FORMS_EXPLAINED, "small")
    for form in record.forms:
        a = form.attachment
        yield Bullet(
            f"{attachment_name(form)}: {form_purpose(record, form)} "
            f"({type_label(a.media_type)}, {size_text(a.size_bytes)})"
        )
        yield Field("SHA-256", a.sha256, mono=True)


def embed_forms(data: bytes, record: ClientRecord) -> bytes:
    """`data` (the whole record PDF) with each of the record's forms attached, in memory."""
    if not record.forms:
        return data
    out = io.BytesIO()
    with pikepdf.open(io.BytesIO(data)) as pdf:
        for form in record.forms:
            name = attachment_name(form)
            pdf.attachments[name] = pikepdf.AttachedFileSpec(
                pdf,
                form.data,
                description=form_purpose(record, form),
                filename=name,
                mime_type=form.attachment.media_type,
            )
        pdf.save(out, compress_streams=True)
    return out.getvalue()
