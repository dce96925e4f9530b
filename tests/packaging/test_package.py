"""The packaged app, built by scripts/package in a clean clone, runs from an empty folder.

This is the issue's "done": from a fresh clone, `scripts/package` makes an archive; unpacked
in an empty folder, its executable answers --version, makes and checks a demo vault
(passphrases on standard input), opens its window offscreen and stays up, writes nothing
beside itself, and installs into (and uninstalls from) a user's XDG folders.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import tarfile
import time
from pathlib import Path

import pytest

from tests.conftest import PASSPHRASE
from tests.helpers import REPO
from vault.store.version import app_version

pytestmark = pytest.mark.package

APP_ID = "org.confidant.Confidant"


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory) -> Path:
    clone = tmp_path_factory.mktemp("clean") / "confidant"
    head = subprocess.run(
        ["git", "-C", str(REPO), "rev-parse", "HEAD"], capture_output=True, text=True, check=True
    ).stdout.strip()
    subprocess.run(["git", "clone", "--quiet", str(REPO), str(clone)], check=True)
    subprocess.run(["git", "-C", str(clone), "checkout", "--quiet", head], check=True)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTEST", "VIRTUAL_ENV"))}
    started = time.monotonic()
    built = subprocess.run(
        [str(clone / "scripts" / "package")],
        capture_output=True,
        text=True,
        env=env,
        timeout=1500,
        check=False,
    )
    assert built.returncode == 0, built.stdout[-3000:] + built.stderr[-3000:]
    print(f"\nscripts/package in a clean clone: {time.monotonic() - started:.0f} s")
    print(built.stdout.strip().splitlines()[-1])
    (found,) = (clone / "dist").glob("confidant-*.tar.gz")
    return found


@pytest.fixture(scope="module")
def app(archive: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    empty = tmp_path_factory.mktemp("unpacked")
    with tarfile.open(archive) as tar:
        tar.extractall(empty, filter="tar")
    assert [p.name for p in empty.iterdir()] == ["confidant"]
    return empty / "confidant"


@pytest.fixture
def home(tmp_path: Path) -> dict[str, str]:
    """A bare environment: no Python of ours on any path, an empty home, no display."""
    root = tmp_path / "home"
    return {
        "PATH": "/usr/bin:/bin",
        "HOME": str(root),
        "XDG_CONFIG_HOME": str(root / ".config"),
        "XDG_DATA_HOME": str(root / ".local" / "share"),
        "XDG_CACHE_HOME": str(root / ".cache"),
        "XDG_RUNTIME_DIR": str(tmp_path),
        "LANG": "C.UTF-8",
        "QT_QPA_PLATFORM": "offscreen",
    }


def _tree(folder: Path) -> dict[str, str]:
    """Every path below `folder`, with a hash for files: what running the app must not change."""
    return {
        str(p.relative_to(folder)): (
            hashlib.sha256(p.read_bytes()).hexdigest() if p.is_file() and not p.is_symlink() else ""
        )
        for p in sorted(folder.rglob("*"))
    }


def _run(
    app: Path, env: dict[str, str], *args: str, stdin: str = "", cwd: Path | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(app / "confidant"), *args],
        input=stdin,
        capture_output=True,
        text=True,
        env=env,
        cwd=cwd,
        timeout=180,
        check=False,
    )


def test_the_archive_is_named_for_the_version_and_holds_the_desktop_files(
    archive: Path, app: Path
) -> None:
    assert archive.name.startswith(f"confidant-{app_version()}-linux-")
    for part in (
        f"share/applications/{APP_ID}.desktop",
        f"share/metainfo/{APP_ID}.metainfo.xml",
        f"share/icons/hicolor/256x256/apps/{APP_ID}.png",
        "LICENSE",
        "install-user",
    ):
        assert (app / part).is_file(), part
    internal = app / "_internal"
    assert (internal / "resources" / "help" / "guide.md").is_file()
    assert list((internal / "vault" / "schema").glob("0001_*.sql"))
    assert (internal / "PySide6" / "Qt" / "plugins" / "platforms" / "libqxcb.so").is_file()
    for unused in ("libQt6Network.so.6", "libQt6Qml.so.6", "libQt6Quick.so.6"):
        assert not list(internal.rglob(unused)), f"{unused} should be left out"


def test_the_built_app_runs_version_demo_check_and_its_window_from_an_empty_folder(
    app: Path, home: dict[str, str], tmp_path: Path
) -> None:
    before = _tree(app)
    work = tmp_path / "work"
    work.mkdir()

    version = _run(app, home, "--version", cwd=work)
    assert version.returncode == 0, version.stderr
    assert version.stdout.startswith(f"confidant {app_version()} (SQLCipher 4.")

    vault = work / "Demo.vault"
    demo = _run(app, home, "demo", str(vault), "--clients", "3", stdin=f"{PASSPHRASE}\n" * 2)
    assert demo.returncode == 0, demo.stderr
    check = _run(app, home, "check", str(vault), stdin=f"{PASSPHRASE}\n")
    assert check.returncode == 0, check.stderr
    assert "verified" in check.stdout

    log = tmp_path / "window.log"
    with open(log, "w") as out:
        window = subprocess.Popen(
            [str(app / "confidant")], stdout=out, stderr=subprocess.STDOUT, env=home, cwd=work
        )
        try:
            time.sleep(4)
            assert window.poll() is None, log.read_text()
        finally:
            window.terminate()
            window.wait(timeout=30)
    printed = log.read_text()
    for problem in ("Traceback", "unexpected", "Could not load the Qt platform plugin", "Error"):
        assert problem not in printed, printed

    assert _tree(app) == before, "the app wrote beside itself"


def test_install_user_adds_a_valid_menu_entry_and_uninstall_leaves_vaults_alone(
    app: Path, home: dict[str, str]
) -> None:
    data = Path(home["XDG_DATA_HOME"])
    vault_home = data / "Confidant" / "Practice.vault"
    vault_home.mkdir(parents=True)
    (vault_home / "confidant-vault.json").write_text("{}")
    env = {**home, "PATH": f"{home['PATH']}:{os.environ.get('PATH', '')}"}

    installed = subprocess.run(
        [str(app / "install-user")], capture_output=True, text=True, env=env, check=False
    )
    assert installed.returncode == 0, installed.stderr
    desktop = data / "applications" / f"{APP_ID}.desktop"
    assert f'Exec="{data / APP_ID / "confidant"}"' in desktop.read_text()
    assert (data / "metainfo" / f"{APP_ID}.metainfo.xml").is_file()
    assert (data / "icons" / "hicolor" / "48x48" / "apps" / f"{APP_ID}.png").is_file()
    launcher = Path(home["HOME"]) / ".local" / "bin" / "confidant"
    assert _run(launcher.parent, home, "--version").returncode == 0
    if shutil.which("desktop-file-validate"):
        valid = subprocess.run(
            ["desktop-file-validate", str(desktop)], capture_output=True, text=True, check=False
        )
        assert valid.returncode == 0 and not valid.stdout.strip(), valid.stdout

    removed = subprocess.run(
        [str(app / "install-user"), "--uninstall"],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert removed.returncode == 0, removed.stderr
    assert not desktop.exists() and not launcher.exists() and not (data / APP_ID).exists()
    assert not list((data / "icons").rglob(f"{APP_ID}.*"))
    assert (vault_home / "confidant-vault.json").read_text() == "{}"
