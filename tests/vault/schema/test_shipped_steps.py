"""Shipped schema steps never change: a vault in the field was built by exactly these bytes."""

from __future__ import annotations

import hashlib
from importlib import resources

from vault.notes.errors import SIGNED_NOTE_TRIGGER_MESSAGE
from vault.store.migrations import MIGRATIONS, load_migrations

# A new step adds a line here in the commit that ships it. Changing a line is never right:
# write the next numbered step instead.
SHIPPED = {
    "0001_core.sql": "2ac1f70cfe8d5263bfc29e8cb70e6a98b159aaf6fbd78bc25d86b216deeba90c",
    "0002_notes.sql": "efbb506244e75565b5abf31ff4df34795cee04c19c301f748854df3de4b57824",
    "0003_fts_secure_delete.sql": "2e1b3ca51a18930b2d79f25523be556c38746d2e4355bde2a8084ce5f68c9a7c",
    "0004_commit_counter.sql": "5dcaea7d5dd300c92dd892033611ed3a231b24174ba8b3b7add2f6003b692ed5",
    "0005_audit_trail.sql": "9d55aa1f34402c2f287c0f9069ef3aca813c5ee3063099fe6d54cb2d9e7ae139",
    "0006_consent.sql": "b4cd2face8ddb678932a2d548958184eb865de0b752703830803f51e6715883e",
    "0007_search_filters.sql": "65606e3b611c20af509a1d6426452fac960450104089837186754eba766392b5",
    "0008_destruction.sql": "5be0506fcc6b9cc2151eab4e8f2d37f851680a5f1d6d86251714bbac8be61c7a",
    "0009_consent_attachments.sql": "dab63e36ac98f788b71c3f726ff09722aaae03b8bb646708d28551010ba1b6a7",
    "0010_snippets_and_copied_sections.sql": "03b325739cf2a702ded5dad0446729df4cd4a573d449ae7384fb8bb8e81f9847",
    "0011_imported_notes.sql": "669b0f313fa627195e4339234c533135ea1011ea78d874b6d503e0631a43e952",
    "0012_destruction_unlinks_imported_origins.sql": "9822d463ae5cb24d6271a19c294bf9927092813a62e9afee8df569f2922f405c",
    "0013_consent_withdrawal_reason.sql": "a10733dfb8b9ec00a0523cf1a0346effe8ed59b28f2c66ed2a2c623c567d3480",
}


def _steps() -> dict[str, bytes]:
    folder = resources.files("vault.schema")
    return {
        entry.name: entry.read_bytes()
        for entry in folder.iterdir()
        if entry.name[:4].isdigit() and entry.name.endswith((".sql", ".py"))
    }


def test_every_shipped_step_still_has_its_pinned_hash():
    found = {name: hashlib.sha256(data).hexdigest() for name, data in _steps().items()}
    for name, digest in SHIPPED.items():
        assert found.get(name) == digest, f"{name} changed after it shipped; add a new step"


def test_every_step_is_pinned():
    assert set(_steps()) == set(SHIPPED), "pin the new step's SHA-256 in SHIPPED"


def test_steps_are_numbered_one_by_one_from_their_files():
    assert [m.version for m in load_migrations()] == list(range(1, len(SHIPPED) + 1))
    assert [m.version for m in MIGRATIONS] == list(range(1, len(SHIPPED) + 1))


def test_each_step_names_what_it_adds():
    assert all(m.summary and not m.summary.startswith("-") for m in MIGRATIONS)


def test_the_signed_note_refusal_in_the_triggers_is_the_one_constant():
    for step in ("0002_notes.sql", "0008_destruction.sql"):
        sql = _steps()[step].decode()
        assert f"RAISE(ABORT, '{SIGNED_NOTE_TRIGGER_MESSAGE}')" in sql
        assert sql.count("signed notes cannot be changed") == sql.count(
            f"RAISE(ABORT, '{SIGNED_NOTE_TRIGGER_MESSAGE}')"
        )
