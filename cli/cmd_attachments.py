"""``attachments VAULT --client ID``: the signed forms attached to a client's consents and
releases, oldest first: id, when added, the record it was signed for, type, size, name, and
whether it is still in the record (or was replaced or removed). The bytes stay in the vault."""

from __future__ import annotations

import argparse
from typing import Any

from vault.consent.attachments import Attachment, attachments_for_client
from vault.consent.form_files import size_text, type_label

from .client_listing import register_listing
from .text_output import terminal_safe


def register(subparsers: Any) -> argparse.ArgumentParser:
    return register_listing(
        subparsers,
        "attachments",
        help="a client's attached signed forms",
        description=__doc__,
        rows=attachments_for_client,
        document=document,
        line=line,
    )


def document(form: Attachment) -> dict[str, object]:
    return {
        "id": form.id,
        "consent_id": form.consent_id,
        "release_id": form.release_id,
        "file_name": form.file_name,
        "media_type": form.media_type,
        "size_bytes": form.size_bytes,
        "sha256": form.sha256,
        "added_at": form.added_at,
        "state": "in_record" if form.in_record else form.removal,
        "removed_at": form.removed_at,
        "replaced_by": form.replaced_by,
    }


def line(form: Attachment) -> str:
    owner = f"consent {form.consent_id}" if form.consent_id else f"release {form.release_id}"
    if form.in_record:
        state = ""
    elif form.removal == "replaced":
        state = f"  (replaced by {form.replaced_by})"
    else:
        state = "  (removed: attached by mistake)"
    name = terminal_safe(form.file_name) if form.file_name else "-"
    return (
        f"{form.id}  {form.added_at}  {owner}  {type_label(form.media_type)}  "
        f"{size_text(form.size_bytes)}  {name}{state}"
    )
