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
    # 0008 to 0010 belong to branches built at the same time as 0011: placeholders until then.
    "0008_reserved_for_a_parallel_branch.sql": "4dc0f144319c52afb9abe77edf81c56075a137839489e1bcdf3f3a3a71b02100",
    "0009_reserved_for_a_parallel_branch.sql": "806bd323e5aaeed21f9a849b39ac6cbbe076a41caf8ded7dd6bc8f2c0a632a71",
    "0010_reserved_for_a_parallel_branch.sql": "6cea5233f482d4fdc11bd6fefa1582344f3a9398ee319c06cf2c137ea39dd125",
    "0011_imported_notes.sql": "15f3fb0f80025c2cd5893da21cfbb8b6aaea2f1fead544c0f2b7a4f0a73801f7",
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
    notes_sql = _steps()["0002_notes.sql"].decode()
    assert f"RAISE(ABORT, '{SIGNED_NOTE_TRIGGER_MESSAGE}')" in notes_sql
