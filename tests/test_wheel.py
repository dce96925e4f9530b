"""The installed app finds every resource: a wheel holds them, and runs outside the clone.

Resources are read through importlib.resources, never by a path into the source tree, so an
installed wheel must carry every template, icon, stylesheet and schema step itself.
"""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tests.conftest import PASSPHRASE
from tests.helpers import REPO

pytestmark = pytest.mark.slow


def _shipped(folder: str, suffix: str) -> set[str]:
    return {str(p.relative_to(REPO)) for p in (REPO / folder).rglob(f"*{suffix}") if p.is_file()}


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    build = tmp_path_factory.mktemp("build")
    subprocess.run(
        [
            sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps",
            "--no-build-isolation", "--wheel-dir", str(out), str(REPO),
        ],
        check=True,
        cwd=build,
        env={**os.environ, "PIP_NO_INPUT": "1"},
        timeout=300,
    )  # fmt: skip
    (found,) = out.glob("confidant-*.whl")
    return found


def test_the_wheel_holds_every_template_icon_style_and_schema_step(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    expected = (
        _shipped("resources/templates", ".json")
        | _shipped("resources/icons", ".svg")
        | _shipped("resources", ".qss")
        | _shipped("resources/help", ".md")
        | _shipped("resources/help", ".png")
        | _shipped("resources/fonts", ".ttf")
        | _shipped("resources/fonts", ".txt")
        | _shipped("vault/schema", ".sql")
    )
    assert expected, "nothing to ship?"
    assert expected <= names, f"missing from the wheel: {sorted(expected - names)}"
    assert "main.py" in names


def test_the_installed_wheel_runs_help_and_demo_outside_the_clone(
    wheel: Path, tmp_path: Path
) -> None:
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    python = venv / "bin" / "python"
    site = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    # The wheel's own files go into the fresh environment; its third-party dependencies
    # (Qt, SQLCipher, Argon2) come from the test environment, appended after it, so none of
    # the clone's code can be what runs.
    with zipfile.ZipFile(wheel) as archive:
        archive.extractall(site)
    deps = next(p for p in sys.path if p.endswith("site-packages"))
    Path(site, "zz-test-dependencies.pth").write_text(deps + "\n")
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "PYTEST"))}

    def run(*args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [str(python), "-c", "import sys, main; sys.exit(main.main())", *args],
            input=stdin,
            capture_output=True,
            text=True,
            cwd=outside,
            env=env,
            timeout=180,
            check=False,
        )

    located = subprocess.run(
        [str(python), "-c", "import vault, resources; print(vault.__file__, resources.__file__)"],
        capture_output=True,
        text=True,
        cwd=outside,
        env=env,
        check=True,
    ).stdout
    assert str(REPO) not in located and site in located

    helped = run("--help")
    assert helped.returncode == 0, helped.stderr
    assert "demo" in helped.stdout

    demo = run("demo", str(outside / "demo.vault"), "--clients", "3", stdin=f"{PASSPHRASE}\n" * 2)
    assert demo.returncode == 0, demo.stderr
    checked = run("check", str(outside / "demo.vault"), stdin=f"{PASSPHRASE}\n")
    assert checked.returncode == 0, checked.stderr
    assert "verified" in checked.stdout
