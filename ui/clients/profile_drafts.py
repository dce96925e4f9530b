"""A client profile's unsaved edits as an encrypted draft in the vault: its key and payload.

The workspace keeps the form's edits as a draft a few seconds after typing stops and at every
lock (`vault.store.unsaved_edits`, inside the vault, never a file); these are the draft's key
(``client:12``, ``client:new``) and its JSON text, read back leniently.
"""

from __future__ import annotations

import json
from dataclasses import asdict, fields

from vault.clients.records import ClientProfile

DRAFT_PREFIX = "client:"
NEW_DRAFT_KEY = "client:new"
DRAFT_DELAY_MS = 3000
_PROFILE_FIELDS = tuple(f.name for f in fields(ClientProfile))


def draft_payload(client_id: int | None, profile: ClientProfile) -> str:
    return json.dumps({"client_id": client_id, "profile": asdict(profile)})


def profile_from_draft(payload: str) -> ClientProfile | None:
    try:
        data = json.loads(payload)["profile"]
        return ClientProfile(**{name: str(data.get(name, "")) for name in _PROFILE_FIELDS})
    except (ValueError, KeyError, TypeError, AttributeError):
        return None
