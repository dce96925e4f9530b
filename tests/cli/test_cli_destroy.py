"""``destroy`` as a script runs it: the passphrase, then the client's name, on standard input."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import PASSPHRASE
from tests.helpers import run_main
from tests.vault.destruction.practice import GONE_NAME, KEPT_NAME, build_practice
from tests.vault.note_helpers import soap, stored
from vault import Vault
from vault.store.backup import backup_vault
from vault.store.kdf import floor_params


@pytest.fixture
def practice_vault(tmp_path: Path) -> tuple[Path, int, int]:
    path = tmp_path / "v"
    with Vault.create(path, PASSPHRASE, kdf_params=floor_params()) as v:
        practice = build_practice(v)
    return path, practice.gone, practice.kept


def _changes(path: Path) -> tuple[str | None, int, int]:
    """The commit counter, the clients, and the audit entries other than unlocks and locks
    (each run of the CLI unlocks and locks, and says so in the trail without counting it)."""
    with Vault.open(path, PASSPHRASE) as v:
        entries = v.db.query("SELECT count(*) FROM audit_log WHERE action NOT LIKE 'vault.%'")
        clients = v.db.query("SELECT count(*) FROM clients")
        return v.meta("commit_counter"), int(clients[0][0]), int(entries[0][0])


def _one_clear_line(stderr: str) -> str:
    lines = stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("confidant: "), stderr
    return lines[0]


def test_destroy_reads_the_name_after_the_passphrase_and_says_what_left(practice_vault) -> None:
    path, gone, _kept = practice_vault
    result = run_main(
        "destroy", str(path), "--client", str(gone), stdin=f"{PASSPHRASE}\n{GONE_NAME}\n"
    )
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == (
        f"Destroyed the record of client {gone}: 2 notes, 1 consent, 1 release, 1 disclosure, "
        "2 requests removed."
    )
    assert lines[1] == (
        "1 joint note kept for the other participants, without this client and 1 private section."
    )
    assert lines[2].startswith("Backups made before the destruction still hold this record")
    assert lines[3] == "Give --backups DIR to list the backups in your backup folder."
    assert "Qzvanishing" not in result.stdout
    listed = run_main("clients", str(path), stdin=PASSPHRASE + "\n")
    assert "Qzvanishing" not in listed.stdout and KEPT_NAME in listed.stdout
    checked = run_main("check", str(path), stdin=PASSPHRASE + "\n")
    assert checked.returncode == 0, checked.stdout + checked.stderr


def test_destroy_json_and_the_backups_that_still_hold_the_record(
    practice_vault, tmp_path: Path
) -> None:
    path, gone, _kept = practice_vault
    backups = tmp_path / "backups"
    backups.mkdir()
    with Vault.open(path, PASSPHRASE) as v:
        made = backup_vault(v, backups)
    result = run_main(
        "destroy", str(path), "--client", str(gone), "--backups", str(backups), "--json",
        stdin=f"{PASSPHRASE}\n{GONE_NAME}\n",
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    (line,) = result.stdout.splitlines()
    document = json.loads(line)
    assert document["destroyed"] == gone and document["joint_notes_kept"] == 1
    assert document["rewritten"] is True and document["log_cleared"] is True
    assert document["backups_before"] == [str(made)]
    assert "still hold this record" in document["backups_notice"]
    assert f"{backups} holds 1 backup, the newest from" in document["backups_notice"]


@pytest.mark.parametrize(
    ("stdin_after_passphrase", "words"),
    [
        ("Demo Somebody Else\n", "does not match"),
        ("", "No confirmation given"),
        ("   \n", "No confirmation given"),
    ],
)
def test_a_wrong_or_missing_name_changes_nothing(
    practice_vault, stdin_after_passphrase: str, words: str
) -> None:
    path, gone, _kept = practice_vault
    before = _changes(path)
    result = run_main(
        "destroy", str(path), "--client", str(gone), stdin=f"{PASSPHRASE}\n{stdin_after_passphrase}"
    )
    assert result.returncode == 1
    assert words in _one_clear_line(result.stderr)
    assert "Nothing was removed" in result.stderr
    assert _changes(path) == before


def test_drafts_are_refused_with_their_count(practice_vault) -> None:
    path, gone, _kept = practice_vault
    with Vault.open(path, PASSPHRASE) as v:
        stored(v, soap((gone,)))
    result = run_main(
        "destroy", str(path), "--client", str(gone), stdin=f"{PASSPHRASE}\n{GONE_NAME}\n"
    )
    assert result.returncode == 1
    assert "1 unsigned note" in _one_clear_line(result.stderr)


def test_a_missing_client_is_one_clear_line(practice_vault) -> None:
    path, _gone, _kept = practice_vault
    result = run_main("destroy", str(path), "--client", "999", stdin=f"{PASSPHRASE}\n{GONE_NAME}\n")
    assert result.returncode == 1
    assert "No client with id 999" in _one_clear_line(result.stderr)


def test_at_a_terminal_the_summary_comes_before_the_prompt(practice_vault, monkeypatch) -> None:
    import io

    from cli.app import run_cli
    from cli.passphrase import PassphraseReader

    path, gone, _kept = practice_vault

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    shown: list[str] = []
    monkeypatch.setattr("getpass.getpass", lambda prompt: PASSPHRASE)
    monkeypatch.setattr("builtins.input", lambda prompt: (shown.append(prompt), GONE_NAME)[1])
    printed: list[str] = []
    monkeypatch.setattr("builtins.print", lambda *a, **k: printed.append(" ".join(map(str, a))))
    assert run_cli(["destroy", str(path), "--client", str(gone)], PassphraseReader(Terminal())) == 0
    assert printed[0].startswith(f"Destroying client {gone} removes 2 notes")
    assert printed[1] == (
        "1 joint note will be kept for the other participants, without this client and "
        "1 private section."
    )
    assert shown == ["Type the client's name to destroy their record: "]
    assert printed[-2].startswith("Backups made before the destruction still hold this record")
