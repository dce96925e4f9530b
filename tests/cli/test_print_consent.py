"""``print-consent`` as a user runs it: a real subprocess, the passphrase piped on stdin."""

from __future__ import annotations

import json
from pathlib import Path

import pikepdf
import pytest

from tests.helpers import run_main
from tests.vault.export.pdf_reading import all_text

PW = "demo cli passphrase 31"


@pytest.fixture(scope="module")
def demo_vault(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("print") / "v"
    made = run_main(
        "demo", str(folder), "--clients", "1", "--notes-per-client", "1",
        "--decryption-time", "1", stdin=PW + "\n",
    )  # fmt: skip
    assert made.returncode == 0, made.stderr
    return folder


def test_it_writes_the_consent_form_says_it_is_plain_and_audits_it(
    demo_vault: Path, tmp_path: Path
) -> None:
    target = tmp_path / "consent.pdf"
    result = run_main("print-consent", str(demo_vault), "--client", "1", "--out", str(target),
                      stdin=PW + "\n")  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "Consent to treatment and limits of confidentiality for client 1" in result.stdout
    assert "is not encrypted" in result.stderr and "client's name" in result.stderr
    text = all_text(target.read_bytes())
    assert "The limits of confidentiality we discussed" in text
    audit = run_main("audit", str(demo_vault), "--kind", "form.printed", stdin=PW + "\n")
    assert "form=consent,plain" in audit.stdout


def test_release_with_a_generated_password_is_encrypted(demo_vault: Path, tmp_path: Path) -> None:
    target = tmp_path / "release.pdf"
    result = run_main(
        "print-consent", str(demo_vault), "--client", "1", "--release", "--paper", "Letter",
        "--out", str(target), "--generate-password", "--json", stdin=PW + "\n",
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    document = json.loads(result.stdout)
    assert document["encrypted"] is True and document["form"] == "release"
    assert "not encrypted" not in result.stderr
    with pikepdf.open(target, password=document["password"]) as pdf:
        assert pdf.encryption.R == 6
    assert "Authorisation to release information" in all_text(
        target.read_bytes(), document["password"]
    )


def test_a_typed_password_is_read_after_the_passphrase_and_a_weak_one_refused(
    demo_vault: Path, tmp_path: Path
) -> None:
    target = tmp_path / "consent.pdf"
    weak = run_main("print-consent", str(demo_vault), "--client", "1", "--out", str(target),
                    "--encrypt", stdin=f"{PW}\nshort\n")  # fmt: skip
    assert weak.returncode == 1 and "not strong enough" in weak.stderr
    assert not target.exists()
    strong = "demo maple cinema orbit lantern quartz"
    typed = run_main("print-consent", str(demo_vault), "--client", "1", "--out", str(target),
                     "--encrypt", stdin=f"{PW}\n{strong}\n")  # fmt: skip
    assert typed.returncode == 0, typed.stderr
    with pikepdf.open(target, password=strong):
        pass


def test_an_unknown_client_is_one_plain_line_and_no_file(demo_vault: Path, tmp_path: Path) -> None:
    target = tmp_path / "x.pdf"
    result = run_main("print-consent", str(demo_vault), "--client", "99", "--out", str(target),
                      stdin=PW + "\n")  # fmt: skip
    assert result.returncode == 1
    (line,) = result.stderr.strip().splitlines()
    assert line == "confidant: No client with id 99 exists in this vault."
    assert list(tmp_path.iterdir()) == []
