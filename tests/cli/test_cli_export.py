"""``export``, ``export-all`` and ``import`` as a script runs them: passwords on stdin."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import pyzipper

from tests.conftest import PASSPHRASE
from tests.helpers import run_main
from tests.vault.export.builders import MARKER_B, Practice, build_practice
from vault import Vault
from vault.export.passwords import DEFAULT_WORDS, word_list

EXPORT_PW = "maple cinema orbit lantern quartz"


@pytest.fixture(scope="module")
def source(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Practice]:
    from vault.store.kdf import floor_params

    path = tmp_path_factory.mktemp("cli-export") / "v"
    with Vault.create(path, PASSPHRASE, kdf_params=floor_params()) as v:
        practice = build_practice(v)
    return path, practice


def _new_vault(tmp_path: Path) -> Path:
    from vault.store.kdf import floor_params

    Vault.create(tmp_path / "new", PASSPHRASE, kdf_params=floor_params()).close()
    return tmp_path / "new"


def _read(path: Path, password: str) -> dict:  # type: ignore[type-arg]
    with pyzipper.AESZipFile(path) as zf:
        zf.setpassword(password.encode())
        return json.loads(zf.read("record.json"))


def test_export_reads_the_password_after_the_passphrase(source, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    vault_path, practice = source
    out = tmp_path / "a.zip"
    result = run_main(
        "export", str(vault_path), "--client", str(practice.a), "--format", "json",
        "--out", str(out), stdin=f"{PASSPHRASE}\n{EXPORT_PW}\n",
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "encrypted" in result.stdout and _read(out, EXPORT_PW)["client"]["id"] == practice.a


def test_generate_password_prints_it_once_on_stdout(source, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    vault_path, practice = source
    out = tmp_path / "a.zip"
    result = run_main(
        "export", str(vault_path), "--client", str(practice.a), "--format", "json",
        "--out", str(out), "--generate-password", stdin=f"{PASSPHRASE}\n",
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    (password,) = result.stdout.splitlines()
    assert len(password.split()) == DEFAULT_WORDS and set(password.split()) <= set(word_list())
    assert MARKER_B not in json.dumps(_read(out, password))


def test_a_weak_export_password_is_refused_in_one_line(source, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    vault_path, practice = source
    result = run_main(
        "export", str(vault_path), "--client", str(practice.a), "--format", "json",
        "--out", str(tmp_path / "a.zip"), stdin=f"{PASSPHRASE}\nsecret\n",
    )  # fmt: skip
    assert result.returncode == 1 and len(result.stderr.strip().splitlines()) == 1
    assert "not strong enough" in result.stderr and not (tmp_path / "a.zip").exists()


def test_no_encryption_warns(source, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    vault_path, practice = source
    out = tmp_path / "a.json"
    result = run_main(
        "export", str(vault_path), "--client", str(practice.a), "--format", "json",
        "--out", str(out), "--no-encryption", "--json", stdin=f"{PASSPHRASE}\n",
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "NOT encrypted" in result.stderr
    assert json.loads(result.stdout)["encrypted"] is False
    assert json.loads(out.read_bytes())["format"] == "confidant.record"


def test_pdf_says_plainly_when_this_build_has_none(source, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    vault_path, practice = source
    result = run_main(
        "export", str(vault_path), "--client", str(practice.a), "--format", "pdf",
        "--out", str(tmp_path / "a.pdf"), stdin=f"{PASSPHRASE}\n{EXPORT_PW}\n",
    )  # fmt: skip
    try:
        import vault.export.pdf_record  # noqa: F401
    except ImportError:
        assert result.returncode == 1 and "PDF export is not available" in result.stderr
        assert not (tmp_path / "a.pdf").exists()
    else:
        assert result.returncode == 0, result.stderr
        assert (tmp_path / "a.pdf").read_bytes()[:5] == b"%PDF-"


def test_import_brings_the_export_into_another_vault(source, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    vault_path, practice = source
    out = tmp_path / "a.zip"
    run_main(
        "export", str(vault_path), "--client", str(practice.a), "--format", "json",
        "--out", str(out), stdin=f"{PASSPHRASE}\n{EXPORT_PW}\n",
    )  # fmt: skip
    target = _new_vault(tmp_path)
    result = run_main(
        "import", str(target), str(out), "--json", stdin=f"{PASSPHRASE}\n{EXPORT_PW}\n"
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["signed_notes"] == 3
    check = run_main("check", str(target), stdin=PASSPHRASE + "\n")
    assert check.returncode == 0, check.stdout + check.stderr


def test_import_with_the_wrong_password_says_so_and_writes_nothing(source, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    vault_path, practice = source
    out = tmp_path / "a.zip"
    run_main(
        "export", str(vault_path), "--client", str(practice.a), "--format", "json",
        "--out", str(out), stdin=f"{PASSPHRASE}\n{EXPORT_PW}\n",
    )  # fmt: skip
    target = _new_vault(tmp_path)
    result = run_main("import", str(target), str(out), stdin=f"{PASSPHRASE}\nwrong words here\n")
    assert result.returncode == 1
    assert result.stderr.strip().splitlines() == [
        "confidant: The password is not correct for this export (or the file is damaged). "
        "Nothing was imported."
    ]
    listed = run_main("clients", str(target), stdin=PASSPHRASE + "\n")
    assert listed.returncode == 0 and listed.stdout.strip() == ""


def test_export_all_then_import_into_a_new_vault(source, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    vault_path, _ = source
    out = tmp_path / "practice.zip"
    result = run_main(
        "export-all", str(vault_path), "--out", str(out), "--json", "--no-pdf",
        stdin=f"{PASSPHRASE}\n{EXPORT_PW}\n",
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["clients"] == 4
    target = _new_vault(tmp_path)
    result = run_main(
        "import", str(target), str(out), "--json", stdin=f"{PASSPHRASE}\n{EXPORT_PW}\n"
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == {
        "kind": "practice",
        "clients": 4,
        "notes": 5,
        "joint_notes": 2,
        "forms": 2,
    }
    check = run_main("check", str(target), stdin=PASSPHRASE + "\n")
    assert check.returncode == 0, check.stdout + check.stderr
