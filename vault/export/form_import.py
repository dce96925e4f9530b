"""Signed forms arriving with an imported record: each checked, then attached as it was.

A form travels beside the JSON in the export's ZIP (``file``: its member name, ids only) or,
in a plain JSON file, inside it as Base64 (``data_base64``). Either way its bytes must have
the size and SHA-256 the JSON lists, or the whole import is refused: a form is evidence of
what the client signed, so a damaged or altered one never becomes part of the record here.
It is attached to the consent or release it was signed for, with the date it was first
attached (`vault.consent.attachments.restore_form`), in the import's one transaction.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import re
from collections.abc import Callable, Mapping
from typing import Any

from vault.consent.attachments import restore_form
from vault.consent.form_files import MAX_BYTES, MAX_NAME_CHARS, MEDIA_TYPES
from vault.export import json_reader as jr
from vault.export.errors import ImportRefusedError
from vault.store.text_fields import line
from vault.store.vault import Vault

ReadMember = Callable[[str], bytes]
FORM_KEYS = frozenset(
    {"id", "consent_id", "release_id", "file_name", "media_type", "size_bytes", "sha256",
     "added_at", "file", "data_base64"}
)  # fmt: skip
MEMBER_NAME = re.compile(r"^forms/form-[1-9][0-9]{0,18}\.(pdf|png|jpg|tif)$")
MAX_FORMS = 10_000
_MAX_BASE64_CHARS = 4 * (MAX_BYTES // 3 + 1)


def restore_forms(
    vault: Vault,
    raw: Any,
    consents: Mapping[int, int],
    releases: Mapping[int, int],
    read_member: ReadMember | None,
) -> int:
    """Attach every form the record lists, to the new consent or release ids its source ids
    map to; `read_member` reads a file beside the JSON (None for a plain JSON file)."""
    count = 0
    for i, item in enumerate(jr.items(raw, "forms", MAX_FORMS)):
        at = f"forms[{i}]"
        f = jr.obj(item, at, FORM_KEYS)
        consent_id, release_id = _owner(f, at, consents, releases)
        data = _data(f, at, read_member)
        size = jr.integer(f, "size_bytes", at, low=1)
        digest = jr.text(f, "sha256", at, line("sha256", 64))
        if len(data) != size or hashlib.sha256(data).hexdigest() != digest:
            raise ImportRefusedError(
                f"The signed form {at} does not match its SHA-256: the file is damaged or "
                "was altered, so nothing was imported."
            )
        restore_form(
            vault,
            file_name=jr.text(f, "file_name", at, line("file_name", MAX_NAME_CHARS)),
            data=data,
            media_type=jr.choice(f, "media_type", at, tuple(MEDIA_TYPES)),
            added_at=jr.text(f, "added_at", at, line("added_at", 40)),
            consent_id=consent_id,
            release_id=release_id,
        )
        count += 1
    return count


def _owner(
    f: dict[str, Any], at: str, consents: Mapping[int, int], releases: Mapping[int, int]
) -> tuple[int | None, int | None]:
    consent = jr.opt_integer(f, "consent_id", at, low=1)
    release = jr.opt_integer(f, "release_id", at, low=1)
    if (consent is None) == (release is None):
        raise jr.refuse(at, "should belong to one consent or one release")
    if consent is not None:
        if consent not in consents:
            raise jr.refuse(f"{at}.consent_id", "names a consent the file does not hold")
        return consents[consent], None
    assert release is not None
    if release not in releases:
        raise jr.refuse(f"{at}.release_id", "names a release the file does not hold")
    return None, releases[release]


def _data(f: dict[str, Any], at: str, read_member: ReadMember | None) -> bytes:
    member, encoded = f["file"], f["data_base64"]
    if (member is None) == (encoded is None):
        raise jr.refuse(at, "should carry its file or its data, one of the two")
    if member is not None:
        name = jr.text(f, "file", at, line("file", 80))
        if not MEMBER_NAME.match(name):
            raise jr.refuse(f"{at}.file", "is not where an export keeps a form")
        if read_member is None:
            raise jr.refuse(f"{at}.file", "names a file beside the JSON, but there is none")
        return read_member(name)
    if not isinstance(encoded, str) or len(encoded) > _MAX_BASE64_CHARS:
        raise jr.refuse(f"{at}.data_base64", "should be a form's bytes as Base64 text")
    try:
        return base64.b64decode(encoded, validate=True)
    except (binascii.Error, ValueError):
        raise jr.refuse(f"{at}.data_base64", "is not valid Base64") from None
