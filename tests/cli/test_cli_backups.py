"""``backups VAULT DIR``: every backup listed with what it holds; nothing changes."""

from __future__ import annotations

import json

from tests.helpers import run_main, snapshot

PW = "demo cli passphrase 31"


def _demo_with_backup(tmp_path):
    vault, dest = tmp_path / "v", tmp_path / "dest"
    dest.mkdir()
    made = run_main(
        "demo",
        str(vault),
        "--clients",
        "4",
        "--notes-per-client",
        "2",
        "--decryption-time",
        "1",
        stdin=PW + "\n",
    )
    assert made.returncode == 0, made.stderr
    assert run_main("backup", str(vault), str(dest), stdin=PW + "\n").returncode == 0
    return vault, dest


def test_backups_lists_each_with_its_preview_as_json_and_changes_nothing(tmp_path):
    vault, dest = _demo_with_backup(tmp_path)
    (dest / "confidant-backup-20200101-000000").mkdir()  # an incomplete one
    before = snapshot(dest)
    result = run_main("backups", str(vault), str(dest), "--json", stdin=PW + "\n")
    assert result.returncode == 0, result.stderr
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(rows) == 2
    newest, incomplete = rows
    assert newest["verified"] and newest["this_vault"]
    assert (newest["clients"], newest["notes"]) == (5, 13)  # with the demo's former client
    assert newest["newest_note"] and newest["generation"] > 0
    assert not incomplete["verified"]
    assert snapshot(dest) == before


def test_backups_with_the_wrong_passphrase_lists_them_unverified(tmp_path):
    vault, dest = _demo_with_backup(tmp_path)
    result = run_main("backups", str(vault), str(dest), stdin="not the demo phrase\n")
    assert result.returncode == 0, result.stderr
    assert "NOT VERIFIED: the passphrase does not open it" in result.stdout
