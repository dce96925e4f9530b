"""The command line as a user runs it: a real subprocess, passphrases piped on stdin."""

from __future__ import annotations

import pytest

from tests.helpers import run_main, snapshot

PW = "demo cli passphrase 31"
FAST = ("--decryption-time", "1")


@pytest.fixture
def demo_vault(tmp_path):
    result = run_main(
        "demo",
        str(tmp_path / "v"),
        "--clients",
        "5",
        "--notes-per-client",
        "3",
        *FAST,
        stdin=PW + "\n",
    )
    assert result.returncode == 0, result.stderr
    return tmp_path / "v"


def _one_clear_line(result) -> str:
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("confidant: ")
    assert "Traceback" not in result.stderr
    return lines[0]


def test_help_lists_every_command():
    result = run_main("--help")
    assert result.returncode == 0
    for command in ("create", "check", "passwd", "backup", "restore", "demo"):
        assert command in result.stdout


@pytest.mark.parametrize("command", ["create", "check", "passwd", "backup", "restore", "demo"])
def test_each_command_has_help(command):
    result = run_main(command, "--help")
    assert result.returncode == 0
    assert "usage: confidant " + command in result.stdout


def test_create_then_check(tmp_path):
    created = run_main("create", str(tmp_path / "v"), *FAST, stdin=PW + "\n")
    assert created.returncode == 0, created.stderr
    assert "Created vault" in created.stdout and "Argon2id, 64 MiB" in created.stdout
    checked = run_main("check", str(tmp_path / "v"), stdin=PW + "\n")
    assert checked.returncode == 0
    assert "verified: 0 clients, 0 notes" in checked.stdout


def test_counts_read_naturally(tmp_path):
    result = run_main(
        "demo",
        str(tmp_path / "v"),
        "--clients",
        "1",
        "--notes-per-client",
        "1",
        *FAST,
        stdin=PW + "\n",
    )
    assert result.returncode == 0, result.stderr
    assert ": 1 client, 1 note (all synthetic)" in result.stdout


def test_create_refuses_an_existing_vault(demo_vault):
    result = run_main("create", str(demo_vault), *FAST, stdin=PW + "\n")
    assert result.returncode == 1
    assert "already" in _one_clear_line(result)


def test_create_without_passphrase_fails_clearly(tmp_path):
    result = run_main("create", str(tmp_path / "v"), *FAST, stdin="")
    assert result.returncode == 1
    assert "No passphrase" in _one_clear_line(result)
    assert not (tmp_path / "v").exists()


def test_create_refuses_a_weak_passphrase(tmp_path):
    result = run_main("create", str(tmp_path / "v"), *FAST, stdin="password123\n")
    assert result.returncode == 1
    assert "Passphrase refused" in _one_clear_line(result)
    assert not (tmp_path / "v").exists()


def test_passwd_refuses_a_weak_new_passphrase(demo_vault):
    result = run_main("passwd", str(demo_vault), stdin=f"{PW}\nqwerty\n")
    assert result.returncode == 1
    assert "Passphrase refused" in _one_clear_line(result)
    assert run_main("check", str(demo_vault), stdin=PW + "\n").returncode == 0


def test_passphrase_is_never_an_argument(tmp_path):
    result = run_main("create", str(tmp_path / "v"), "--passphrase", "x", stdin=PW + "\n")
    assert result.returncode == 2
    assert not (tmp_path / "v").exists()


def test_demo_then_check(demo_vault):
    result = run_main("check", str(demo_vault), stdin=PW + "\n")
    assert result.returncode == 0, result.stderr
    assert "verified: 6 clients, 20 notes" in result.stdout  # with the former client


def test_check_full_also_runs_the_whole_file_check(demo_vault):
    result = run_main("check", str(demo_vault), "--full", stdin=PW + "\n")
    assert result.returncode == 0, result.stderr
    assert "verified: 6 clients, 20 notes" in result.stdout


def test_check_with_wrong_passphrase(demo_vault):
    before = snapshot(demo_vault)
    result = run_main("check", str(demo_vault), stdin="wrong\n")
    assert result.returncode == 1
    assert "passphrase is not correct" in _one_clear_line(result)
    assert snapshot(demo_vault) == before


def test_check_reports_a_damaged_vault(demo_vault):
    db = demo_vault / "data-1.db"
    data = bytearray(db.read_bytes())
    data[len(data) // 2] ^= 0xFF
    db.write_bytes(bytes(data))
    result = run_main("check", str(demo_vault), stdin=PW + "\n")
    assert result.returncode == 1
    assert "damaged" in (result.stdout + result.stderr).lower() or "FAILED" in result.stdout
    assert "Traceback" not in result.stderr


def test_check_on_missing_and_on_non_vault(tmp_path):
    missing = run_main("check", str(tmp_path / "absent"), stdin=PW + "\n")
    assert missing.returncode == 1 and "No vault was found" in _one_clear_line(missing)
    plain = run_main("check", str(tmp_path), stdin=PW + "\n")
    assert plain.returncode == 1 and "not a Confidant vault" in _one_clear_line(plain)


def test_passwd_changes_the_passphrase(demo_vault):
    result = run_main("passwd", str(demo_vault), stdin=f"{PW}\nnew demo phrase 77\n")
    assert result.returncode == 0, result.stderr
    assert run_main("check", str(demo_vault), stdin=PW + "\n").returncode == 1
    assert run_main("check", str(demo_vault), stdin="new demo phrase 77\n").returncode == 0


def test_passwd_with_wrong_current_passphrase(demo_vault):
    result = run_main("passwd", str(demo_vault), stdin="wrong\nnew demo phrase 77\n")
    assert result.returncode == 1
    assert "not correct" in _one_clear_line(result)


def test_passwd_without_a_new_passphrase(demo_vault):
    result = run_main("passwd", str(demo_vault), stdin=PW + "\n")
    assert result.returncode == 1
    assert "No passphrase" in _one_clear_line(result)
    assert run_main("check", str(demo_vault), stdin=PW + "\n").returncode == 0


def test_backup_and_restore(demo_vault, tmp_path):
    dest = tmp_path / "backups"
    dest.mkdir()
    backed = run_main("backup", str(demo_vault), str(dest), stdin=PW + "\n")
    assert backed.returncode == 0, backed.stderr
    (backup,) = dest.iterdir()
    assert str(backup) in backed.stdout
    restored = run_main("restore", str(backup), str(tmp_path / "copy"), stdin=PW + "\n")
    assert restored.returncode == 0, restored.stderr
    checked = run_main("check", str(tmp_path / "copy"), stdin=PW + "\n")
    assert "verified: 6 clients, 20 notes" in checked.stdout


def test_backup_into_missing_folder(demo_vault, tmp_path):
    result = run_main("backup", str(demo_vault), str(tmp_path / "nope"), stdin=PW + "\n")
    assert result.returncode == 1
    assert "does not exist" in _one_clear_line(result)


def test_restore_of_a_damaged_backup_is_refused(demo_vault, tmp_path):
    dest = tmp_path / "backups"
    dest.mkdir()
    run_main("backup", str(demo_vault), str(dest), stdin=PW + "\n")
    (backup,) = dest.iterdir()
    db = backup / "data-1.db"
    data = bytearray(db.read_bytes())
    data[-10] ^= 0x01
    db.write_bytes(bytes(data))
    before = snapshot(demo_vault)
    result = run_main("restore", str(backup), str(demo_vault), stdin=PW + "\n")
    assert result.returncode == 1
    assert "damaged" in _one_clear_line(result) or "failed verification" in result.stderr
    assert snapshot(demo_vault) == before


def test_demo_refuses_bad_counts(tmp_path):
    result = run_main("demo", str(tmp_path / "v"), "--clients", "0", stdin=PW + "\n")
    assert result.returncode == 2
    assert "at least 1" in result.stderr


def test_second_cli_process_is_told_the_vault_is_in_use(demo_vault):
    import sys

    sys.path.insert(0, str(demo_vault.parent))
    from vault import Vault

    with Vault.open(demo_vault, PW):
        result = run_main("check", str(demo_vault), stdin=PW + "\n")
    assert result.returncode == 1
    assert "already open" in _one_clear_line(result)


def test_a_vault_put_back_from_an_older_copy_is_warned_about(demo_vault, tmp_path):
    import shutil

    from vault import Vault
    from vault.clients.records import ClientProfile, add_client

    old = tmp_path / "old-copy"
    shutil.copytree(demo_vault, old)
    with Vault.open(demo_vault, PW) as v:
        add_client(v, ClientProfile(full_name="Demo Newer"))
    shutil.rmtree(demo_vault)
    shutil.copytree(old, demo_vault)
    result = run_main("check", str(demo_vault), stdin=PW + "\n")
    assert result.returncode == 0, result.stderr
    assert result.stderr.startswith("warning: This vault is older than when it was last open")
    assert "verified" in result.stdout


def test_audit_lists_the_trail_by_id_and_filters_it(demo_vault):
    plain = run_main("audit", str(demo_vault), stdin=PW + "\n")
    assert plain.returncode == 0, plain.stderr
    assert "vault.created" in plain.stdout and "client.created" in plain.stdout
    assert "Demo" not in plain.stdout  # names never reach the trail
    as_json = run_main("audit", str(demo_vault), "--kind", "client", "--json", stdin=PW + "\n")
    import json

    entries = [json.loads(line) for line in as_json.stdout.splitlines()]
    assert entries and {e["action"].split(".")[0] for e in entries} == {"client"}
    one = run_main("audit", str(demo_vault), "--client", "1", "--json", stdin=PW + "\n")
    assert {json.loads(line)["client_id"] for line in one.stdout.splitlines()} == {1}
    none = run_main("audit", str(demo_vault), "--to", "2000-01-01", stdin=PW + "\n")
    assert none.returncode == 0 and none.stdout == ""


def test_clients_due_and_disclosures_on_a_demo_vault(demo_vault):
    import json

    clients = run_main("clients", str(demo_vault), "--json", stdin=PW + "\n")
    assert clients.returncode == 0, clients.stderr
    listed = [json.loads(line) for line in clients.stdout.splitlines()]
    assert len(listed) == 6 and all(c["name"].startswith("Demo ") for c in listed)
    due = run_main("due", str(demo_vault), "--json", stdin=PW + "\n")
    kinds = [json.loads(line)["kind"] for line in due.stdout.splitlines()]
    assert "consent_review" in kinds and "access_request" in kinds and "unsigned_notes" in kinds
    assert "destruction_due" in kinds  # the demo's former client, past retention
    overdue = json.loads(due.stdout.splitlines()[0])
    assert overdue["overdue"] is True
    third = run_main("disclosures", str(demo_vault), "--client", "3", "--json", stdin=PW + "\n")
    assert [json.loads(line)["basis"] for line in third.stdout.splitlines()] == ["release"]
    # Client 2's only disclosure is seven years old: outside the six-year accounting.
    second = run_main("disclosures", str(demo_vault), "--client", "2", stdin=PW + "\n")
    assert second.returncode == 0 and second.stdout == ""
    missing = run_main("disclosures", str(demo_vault), "--client", "99", stdin=PW + "\n")
    assert missing.returncode == 1 and "No client with id 99" in missing.stderr
