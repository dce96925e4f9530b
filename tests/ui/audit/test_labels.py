"""The Activity Log's words for an entry's detail: a backup's detail read out in full."""

from __future__ import annotations

from ui.audit.labels import action_label, detail_label
from vault.audit.entries import AuditEntry


def _entry(action: str, detail: str) -> AuditEntry:
    return AuditEntry(1, "2026-12-01T10:20:00+00:00", action, "vault", None, None, detail, "", "")


def test_a_backup_at_lock_says_how_when_and_what_it_holds() -> None:
    entry = _entry("backup.written", "auto,at_lock,holds=812,made=20261201-101500")
    assert action_label(entry) == "Backup written"
    assert detail_label(entry) == (
        "automatic, at lock, holds entries up to 812, made 2026-12-01 10:15 UTC"
    )


def test_a_failed_backup_says_why() -> None:
    entry = _entry("backup.failed", "manual,reason=disk_full,holds=3")
    assert action_label(entry) == "Backup failed"
    assert detail_label(entry) == "by hand, disk full, holds entries up to 3"


def test_every_action_of_the_trail_has_words_and_every_family_a_filter() -> None:
    from ui.audit.labels import ACTION_LABELS, KINDS
    from vault.audit.entries import ACTIONS

    assert set(ACTIONS) - set(ACTION_LABELS) == set(), "give the new action its words"
    families = {action.split(".")[0] for action in ACTIONS}
    assert families - {value for value, _ in KINDS} == set(), "offer the new family as a kind"
