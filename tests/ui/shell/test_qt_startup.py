"""When Qt cannot open its window, one plain line says what to install, instead of an abort."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

from tests.helpers import REPO
from ui.shell.qt_startup import (
    WINDOW_LIBRARIES,
    import_failure_line,
    missing_packages,
    platform_failure_line,
    window_packages,
)


def _start_window(
    tmp_path: Path, *, display: str | None, code: str = ""
) -> subprocess.CompletedProcess[str]:
    """Start the window in a child process as a user would, with or without a display."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTEST", "WAYLAND"))}
    env.pop("DISPLAY", None)
    if display is not None:
        env["DISPLAY"] = display
    env.update(QT_QPA_PLATFORM="xcb", HOME=str(tmp_path), CONFIDANT_STATE_DIR=str(tmp_path / "s"))
    script = f"import sys; sys.path.insert(0, {str(REPO)!r}); {code}import main; main.main([])"
    return subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        timeout=60,
        check=False,
    )


def test_without_a_display_one_line_says_so(tmp_path: Path) -> None:
    # Missing libraries are named first (the next test); this machine may lack some.
    every_library_there = "import ui.shell.qt_startup as q; q.missing_packages = lambda *a: []; "
    run = _start_window(tmp_path, display=None, code=every_library_there)
    assert run.returncode == 1
    assert run.stderr.splitlines() == [
        "Confidant cannot open its window: there is no display (DISPLAY is not set). Start it "
        "from a desktop session; the command line works without one (confidant --help)."
    ]


def test_missing_libraries_are_named_by_their_debian_packages(tmp_path: Path) -> None:
    pretend = (
        "import ui.shell.qt_startup as q; "
        "q.missing_packages = lambda *a: ['libxcb-cursor0', 'libxcb-icccm4']; "
    )
    run = _start_window(tmp_path, display=None, code=pretend)
    assert run.returncode == 1
    assert run.stderr.splitlines() == [
        "Confidant cannot open its window: libraries Qt needs are not installed. "
        "On Debian or Ubuntu: sudo apt-get install libxcb-cursor0 libxcb-icccm4"
    ]


def test_the_loader_is_asked_for_each_library() -> None:
    fake = (("libconfidant-demo-missing.so.0", "confidant-demo-package"), ("libc.so.6", "libc6"))
    assert missing_packages(fake) == ["confidant-demo-package"]


def test_a_display_that_does_not_answer_is_not_blamed_on_packages() -> None:
    line = platform_failure_line(
        {"DISPLAY": ":97"}, missing=[], qt_said=["could not connect to display :97"]
    )
    assert "the display :97 does not answer" in line and "apt-get" not in line


def test_an_import_error_for_a_qt_library_becomes_the_line() -> None:
    error = ImportError("libEGL.so.1: cannot open shared object file: No such file or directory")
    line = import_failure_line(error)
    assert line is not None and line.startswith("Confidant cannot open its window")
    assert "apt-get install" in line
    assert import_failure_line(ImportError("No module named 'PySide6'")) is None


def test_the_readme_lists_every_package_the_window_needs() -> None:
    readme = " ".join((REPO / "README.md").read_text(encoding="utf-8").split())
    install = re.search(r"sudo apt-get install ([a-z0-9 .+-]+)`", readme)
    assert install is not None
    assert install[1].split() == window_packages()
    assert len({library for library, _package in WINDOW_LIBRARIES}) == len(WINDOW_LIBRARIES)
