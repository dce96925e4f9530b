"""What each audit action means, in the therapist's words (the trail itself holds codes)."""

from __future__ import annotations

from vault.audit.entries import AuditEntry

ACTION_LABELS: dict[str, str] = {
    "vault.created": "Vault created",
    "vault.unlocked": "Vault unlocked",
    "vault.locked": "Vault locked",
    "vault.unlock_failed": "Wrong passphrase tried",
    "vault.passphrase_changed": "Passphrase changed",
    "vault.restored": "Restored from a backup",
    "backup.written": "Backup written",
    "backup.failed": "Backup failed",
    "client.created": "Client added",
    "client.viewed": "Client record opened",
    "client.edited": "Client record changed",
    "client.archived": "Client archived",
    "client.reactivated": "Client reactivated",
    "client.destroyed": "Client record destroyed",
    "note.created": "Note started",
    "note.signed": "Note signed",
    "note.addendum": "Addendum added",
    "note.amendment": "Amendment recorded",
    "note.discarded": "Draft note discarded",
    "note.redacted": "A participant's record destroyed: removed from this joint note",
    "search.run": "Notes searched",
    "settings.changed": "Settings changed",
    "audit.exported": "Activity log exported",
    "attachment.added": "Signed form attached",
    "attachment.saved_out": "Copy of a signed form saved",
    "attachment.removed": "Signed form removed or replaced",
    "policy.versioned": "Confidentiality policy: new version",
    "consent.recorded": "Consent recorded",
    "consent.revisited": "Consent revisited",
    "consent.withdrawn": "Consent withdrawn",
    "release.recorded": "Release of information recorded",
    "release.revoked": "Release of information revoked",
    "disclosure.recorded": "Disclosure recorded",
    "request.received": "Client request received",
    "request.extended": "Client request: deadline extended",
    "request.fulfilled": "Access request fulfilled",
    "request.decided": "Amendment request decided",
    "note.imported": "Signed note imported",
    "export.written": "Record exported",
    "export.practice": "Whole practice exported",
    "import.done": "Records imported",
    "form.printed": "Form to sign saved",
}

KINDS: tuple[tuple[str, str], ...] = (
    ("", "Everything"),
    ("vault", "Vault (unlock, lock, passphrase)"),
    ("client", "Client records"),
    ("note", "Notes"),
    ("consent", "Consents"),
    ("release", "Releases of information"),
    ("disclosure", "Disclosures"),
    ("request", "Client requests"),
    ("attachment", "Signed forms"),
    ("export", "Exports"),
    ("import", "Imports"),
    ("form", "Forms to sign"),
    ("policy", "Confidentiality policy"),
    ("search", "Searches"),
    ("backup", "Backups"),
    ("settings", "Settings"),
    ("audit", "Activity log exports"),
)

_DETAIL_LABELS = {
    "manual": "by hand",
    "idle": "after idle time",
    "quit": "on quitting",
    "minimised": "when minimised",
    "typing": "while typing",
}


def action_label(entry: AuditEntry) -> str:
    return ACTION_LABELS.get(entry.action, entry.action)


def record_label(entry: AuditEntry) -> str:
    if entry.record_kind in (None, "vault", "settings", "audit", "practice"):
        return ""
    return f"{entry.record_kind} {entry.record_id}" if entry.record_id is not None else ""


_BACKUP_WORDS = {"manual": "by hand", "auto": "automatic", "at_lock": "at lock"}


def _backup_detail(detail: str) -> str:
    """``auto,at_lock,holds=812,made=20261201-101500`` in words (`vault.store.backup_outcomes`)."""
    words: list[str] = []
    for word in detail.split(","):
        name, _, value = word.partition("=")
        if name == "holds":
            words.append(f"holds entries up to {value}")
        elif name == "made" and len(value) == 15:
            words.append(
                f"made {value[:4]}-{value[4:6]}-{value[6:8]} {value[9:11]}:{value[11:13]} UTC"
            )
        elif name == "reason":
            words.append(value.replace("_", " "))
        else:
            words.append(_BACKUP_WORDS.get(word, word.replace("_", " ")))
    return ", ".join(words)


def detail_label(entry: AuditEntry) -> str:
    if entry.kind == "backup":
        return _backup_detail(entry.detail)
    if entry.detail.startswith("count="):
        return f"{entry.detail.removeprefix('count=')} times since the last unlock"
    if entry.detail.startswith("entries="):
        return f"{entry.detail.removeprefix('entries=')} entries"
    return _DETAIL_LABELS.get(entry.detail, entry.detail.replace("_", " "))
