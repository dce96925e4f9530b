"""``consents`` and ``withdraw-consent``: a client's consents one a line, and a withdrawal whose
how and why is read as the line after the passphrase, never from the command line."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from tests.conftest import PASSPHRASE
from tests.helpers import run_main
from tests.security.workflow import in_process_cli
from vault import Vault
from vault.clients.records import ClientProfile, add_client
from vault.consent.consents import get_consent, record_consent
from vault.store.kdf import floor_params


@pytest.fixture
def consent_vault(tmp_path: Path) -> Path:
    path = tmp_path / "v"
    with Vault.create(path, PASSPHRASE, kdf_params=floor_params()) as v:
        client = add_client(v, ClientProfile(full_name="Demo Consenting Client")).id
        for given in (date(2025, 1, 6), date(2026, 1, 5)):
            record_consent(v, client, given_on=given, how="verbal", limits_explained=[])
    return path


def _consent(path: Path, consent_id: int):  # type: ignore[no-untyped-def]
    with Vault.open(path, PASSPHRASE) as v:
        return get_consent(v, consent_id)


def test_withdraw_reads_how_and_why_after_the_passphrase(consent_vault: Path) -> None:
    result = run_main(
        "withdraw-consent", str(consent_vault), "--consent", "2", "--on", "2026-03-01",
        stdin=f"{PASSPHRASE}\nDemo: by email\x1b[2J, moving abroad\n",
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert result.stdout == (
        "2  given 2026-01-05 (verbal), policy version 1, withdrawn 2026-03-01: "
        "Demo: by email\\x1b[2J, moving abroad\n"
    )  # the escape sequence is shown, never sent to the terminal
    consent = _consent(consent_vault, 2)
    assert consent.withdrawn_on == date(2026, 3, 1)
    assert consent.withdrawal_reason == "Demo: by email\x1b[2J, moving abroad"


def test_withdraw_json_is_the_stored_consent(consent_vault: Path) -> None:
    code, out, err = in_process_cli(
        ["withdraw-consent", str(consent_vault), "--consent", "1", "--json"],
        f"{PASSPHRASE}\n  Demo: said so in session  \n",
    )
    assert code == 0, err
    document = json.loads(out)
    assert document["withdrawn_on"] == date.today().isoformat()
    assert document["withdrawal_reason"] == "Demo: said so in session"
    assert (document["id"], document["client_id"]) == (1, 1)


def test_no_reason_is_one_clear_line_and_nothing_changes(consent_vault: Path) -> None:
    for stdin in (f"{PASSPHRASE}\n", f"{PASSPHRASE}\n   \n"):
        code, out, err = in_process_cli(
            ["withdraw-consent", str(consent_vault), "--consent", "2"], stdin
        )
        assert code != 0 and out == ""
        assert err.strip().splitlines() == [
            "confidant: No reason given: send how and why the client withdrew as the line "
            "after the passphrase, or type it at the prompt. Nothing was recorded."
        ]
    assert _consent(consent_vault, 2).withdrawn_on is None


def test_a_second_withdrawal_or_a_missing_consent_is_refused_plainly(consent_vault) -> None:
    argv = ["withdraw-consent", str(consent_vault), "--consent", "2", "--on", "2026-03-01"]
    assert in_process_cli(argv, f"{PASSPHRASE}\nDemo: by letter\n")[0] == 0
    code, _out, err = in_process_cli(argv, f"{PASSPHRASE}\nDemo: again\n")
    assert code != 0 and "already withdrawn" in err and len(err.strip().splitlines()) == 1
    code, _out, err = in_process_cli(
        ["withdraw-consent", str(consent_vault), "--consent", "99"], f"{PASSPHRASE}\nDemo\n"
    )
    assert code != 0 and len(err.strip().splitlines()) == 1
    assert _consent(consent_vault, 2).withdrawal_reason == "Demo: by letter"


def test_consents_lists_each_with_its_withdrawal(consent_vault: Path) -> None:
    argv = ["withdraw-consent", str(consent_vault), "--consent", "1", "--on", "2025-06-01"]
    assert in_process_cli(argv, f"{PASSPHRASE}\nDemo: verbally\n")[0] == 0
    code, out, err = in_process_cli(["consents", str(consent_vault), "--client", "1"], PASSPHRASE)
    assert code == 0, err
    assert out.splitlines() == [
        "1  given 2025-01-06 (verbal), policy version 1, withdrawn 2025-06-01: Demo: verbally",
        "2  given 2026-01-05 (verbal), policy version 1, review due 2027-01-05",
    ]
    code, out, err = in_process_cli(
        ["consents", str(consent_vault), "--client", "1", "--json"], PASSPHRASE
    )
    rows = [json.loads(line) for line in out.splitlines()]
    assert [(r["id"], r["withdrawal_reason"], r["withdrawn_on"]) for r in rows] == [
        (1, "Demo: verbally", "2025-06-01"), (2, "", None),
    ]  # fmt: skip


def test_both_commands_are_listed_and_say_where_the_reason_comes_from() -> None:
    listed = run_main("--help")
    assert listed.returncode == 0
    assert "withdraw-consent" in listed.stdout and "consents" in listed.stdout
    helped = run_main("withdraw-consent", "--help")
    assert helped.returncode == 0
    assert "usage: confidant withdraw-consent" in helped.stdout
    assert "line after the passphrase" in " ".join(helped.stdout.split())
