"""The shared unlock for commands on an existing vault, and the shared note line, in process."""

from __future__ import annotations

import argparse
import io
from pathlib import Path

import pytest

from cli.note_lines import note_line
from cli.passphrase import PassphraseInputError, PassphraseReader
from cli.vault_command import add_json_option, add_vault_argument, ask_unlock, unlocked_vault
from tests.conftest import PASSPHRASE
from vault import Vault, WrongPassphraseError


@pytest.fixture
def closed_vault(vault_dir: Path, fast_kdf) -> Path:
    Vault.create(vault_dir, PASSPHRASE, kdf_params=fast_kdf).close()
    return vault_dir


def _parser(*, json: bool) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="t")
    add_vault_argument(parser)
    parser.add_argument("--extra", action="store_true")
    if json:
        add_json_option(parser)
    return parser


def _reader(text: str) -> PassphraseReader:
    return PassphraseReader(io.StringIO(text))


def test_arguments_are_a_vault_path_and_an_optional_json_flag():
    args = _parser(json=True).parse_args(["some/vault", "--json"])
    assert args.vault == Path("some/vault") and args.json is True
    assert _parser(json=True).parse_args(["v"]).json is False
    assert not hasattr(_parser(json=False).parse_args(["v"]), "json")


def test_json_comes_last_in_usage_after_the_commands_own_options():
    usage = _parser(json=True).format_usage()
    assert usage.index("--extra") < usage.index("--json") < usage.index("vault")


def test_unlocked_vault_is_open_inside_the_block_and_closed_after(closed_vault):
    args = argparse.Namespace(vault=closed_vault)
    with unlocked_vault(args, _reader(PASSPHRASE + "\n")) as vault:
        assert vault.is_open
    assert not vault.is_open
    with unlocked_vault(args, _reader(PASSPHRASE + "\n")) as again:  # the lock was released
        assert again.is_open


def test_an_error_inside_the_block_still_closes_the_vault(closed_vault):
    args = argparse.Namespace(vault=closed_vault)
    with pytest.raises(RuntimeError), unlocked_vault(args, _reader(PASSPHRASE + "\n")) as vault:
        raise RuntimeError("boom")
    assert not vault.is_open


def test_ask_unlock_reads_one_line_and_leaves_the_rest_for_the_command(closed_vault):
    reader = _reader(f"{PASSPHRASE}\nfind this\n")
    unlock = ask_unlock(argparse.Namespace(vault=closed_vault), reader)
    assert unlock.passphrase == PASSPHRASE and PASSPHRASE not in repr(unlock)
    assert reader.ask_text("Search for: ") == "find this"
    with unlock.open() as vault:
        assert vault.is_open


def test_a_wrong_or_missing_passphrase_is_the_readers_or_vaults_error(closed_vault):
    args = argparse.Namespace(vault=closed_vault)
    with pytest.raises(WrongPassphraseError), unlocked_vault(args, _reader("wrong\n")):
        pass
    with pytest.raises(PassphraseInputError, match="No passphrase given"):
        ask_unlock(args, _reader(""))
    with unlocked_vault(args, _reader(PASSPHRASE + "\n")) as vault:  # nothing was left locked
        assert vault.is_open


@pytest.mark.parametrize(
    ("signed", "process_note", "state"),
    [(True, False, "signed"), (False, False, "draft"), (False, True, "draft,PROCESS-NOTE")],
)
def test_note_line_has_the_common_columns_then_the_details(signed, process_note, state):
    line = note_line(
        7, "2026-03-02T10:00", "soap", signed=signed, process_note=process_note, details=("a", "b")
    )
    assert line == f"7\t2026-03-02T10:00\tsoap\t{state}\ta\tb"


def test_note_line_keeps_every_field_on_one_safe_line():
    line = note_line(
        1, "2026", "soap", signed=True, process_note=False, details=("tab\there", "\x1b[2J")
    )
    assert line.split("\t") == ["1", "2026", "soap", "signed", "tab here", "\\x1b[2J"]
