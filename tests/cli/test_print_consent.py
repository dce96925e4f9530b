"""``print-consent`` as a user runs it: a real subprocess, the passphrase piped on stdin."""

from __future__ import annotations

import json
from pathlib import Path

import pikepdf
import pytest

from tests.helpers import run_main
from tests.vault.export.pdf_reading import all_text
from vault.export.passwords import DEFAULT_WORDS

PW = "demo cli passphrase 31"
STRONG = "demo maple cinema orbit lantern quartz"


@pytest.fixture(scope="module")
def demo_vault(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("print") / "v"
    made = run_main(
        "demo", str(folder), "--clients", "1", "--notes-per-client", "1",
        "--decryption-time", "1", stdin=PW + "\n",
    )  # fmt: skip
    assert made.returncode == 0, made.stderr
    return folder


def test_the_consent_form_is_encrypted_with_the_password_after_the_passphrase(
    demo_vault: Path, tmp_path: Path
) -> None:
    target = tmp_path / "consent.pdf"
    result = run_main("print-consent", str(demo_vault), "--client", "1", "--out", str(target),
                      stdin=f"{PW}\n{STRONG}\n")  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "Consent to treatment and limits of confidentiality for client 1" in result.stdout
    assert "(encrypted PDF (AES-256))" in result.stdout and result.stderr == ""
    with pytest.raises(pikepdf.PasswordError):
        pikepdf.open(target)
    with pikepdf.open(target, password=STRONG) as pdf:
        assert pdf.encryption.R == 6
    assert "The limits of confidentiality we discussed" in all_text(target.read_bytes(), STRONG)
    audit = run_main("audit", str(demo_vault), "--kind", "form.printed", stdin=PW + "\n")
    assert "form=consent,encrypted" in audit.stdout


def test_without_a_password_line_nothing_is_written(demo_vault: Path, tmp_path: Path) -> None:
    target = tmp_path / "consent.pdf"
    result = run_main("print-consent", str(demo_vault), "--client", "1", "--out", str(target),
                      stdin=PW + "\n")  # fmt: skip
    assert result.returncode == 1 and len(result.stderr.strip().splitlines()) == 1
    assert not target.exists()


def test_release_with_a_generated_password_prints_it_once(demo_vault: Path, tmp_path: Path) -> None:
    target = tmp_path / "release.pdf"
    result = run_main(
        "print-consent", str(demo_vault), "--client", "1", "--release", "--paper", "Letter",
        "--out", str(target), "--generate-password", stdin=PW + "\n",
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    (password,) = result.stdout.splitlines()  # alone on stdout, as `export` prints it
    assert len(password.split()) == DEFAULT_WORDS
    assert "written to" in result.stderr and "NOT encrypted" not in result.stderr
    assert "Authorisation to release information" in all_text(target.read_bytes(), password)


def test_json_carries_the_generated_password(demo_vault: Path, tmp_path: Path) -> None:
    target = tmp_path / "release.pdf"
    result = run_main(
        "print-consent", str(demo_vault), "--client", "1", "--release", "--out", str(target),
        "--generate-password", "--json", stdin=PW + "\n",
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    document = json.loads(result.stdout)
    assert document["encrypted"] is True and document["form"] == "release"
    with pikepdf.open(target, password=document["password"]) as pdf:
        assert pdf.encryption.R == 6


def test_no_encryption_is_deliberate_and_warns_on_stderr(demo_vault: Path, tmp_path: Path) -> None:
    target = tmp_path / "consent.pdf"
    result = run_main("print-consent", str(demo_vault), "--client", "1", "--out", str(target),
                      "--no-encryption", "--json", stdin=PW + "\n")  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["encrypted"] is False
    (warning,) = result.stderr.strip().splitlines()
    assert warning.startswith("warning: the file is NOT encrypted") and "client's name" in warning
    assert "The limits of confidentiality we discussed" in all_text(target.read_bytes())
    audit = run_main("audit", str(demo_vault), "--kind", "form.printed", stdin=PW + "\n")
    assert "form=consent,plain" in audit.stdout


def test_no_encryption_with_a_generated_password_is_one_line(
    demo_vault: Path, tmp_path: Path
) -> None:
    target = tmp_path / "consent.pdf"
    result = run_main("print-consent", str(demo_vault), "--client", "1", "--out", str(target),
                      "--no-encryption", "--generate-password", stdin=PW + "\n")  # fmt: skip
    assert result.returncode == 2
    assert result.stderr.strip() == "confidant: --no-encryption takes no password."
    assert not target.exists()


def test_a_weak_typed_password_is_refused(demo_vault: Path, tmp_path: Path) -> None:
    target = tmp_path / "consent.pdf"
    weak = run_main("print-consent", str(demo_vault), "--client", "1", "--out", str(target),
                    stdin=f"{PW}\nshort\n")  # fmt: skip
    assert weak.returncode == 1 and "not strong enough" in weak.stderr
    assert not target.exists()


def test_an_unknown_client_is_one_plain_line_and_no_file(demo_vault: Path, tmp_path: Path) -> None:
    target = tmp_path / "x.pdf"
    result = run_main("print-consent", str(demo_vault), "--client", "99", "--out", str(target),
                      stdin=f"{PW}\n{STRONG}\n")  # fmt: skip
    assert result.returncode == 1
    (line,) = result.stderr.strip().splitlines()
    assert line == "confidant: No client with id 99 exists in this vault."
    assert list(tmp_path.iterdir()) == []
