"""The menu entry, the AppStream metadata and the icons a Linux desktop needs are valid."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtGui import QImage
from pytestqt.qtbot import QtBot

from tests.helpers import REPO

LINUX = REPO / "packaging" / "linux"
APP_ID = "org.confidant.Confidant"
DESKTOP = LINUX / f"{APP_ID}.desktop"
METAINFO = LINUX / f"{APP_ID}.metainfo.xml"


def _tool(name: str) -> str:
    found = shutil.which(name)
    if found is None:
        pytest.skip(f"{name} is not installed (Debian: desktop-file-utils, appstream)")
    return found


def test_the_desktop_entry_validates() -> None:
    result = subprocess.run(
        [_tool("desktop-file-validate"), str(DESKTOP)], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0 and not result.stdout.strip(), result.stdout + result.stderr


def test_the_appstream_metainfo_validates() -> None:
    result = subprocess.run(
        [_tool("appstreamcli"), "validate", "--no-net", str(METAINFO)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_icon_is_rendered_in_every_hicolor_size(qtbot: QtBot, tmp_path: Path) -> None:
    del qtbot  # a QApplication exists
    sys.path.insert(0, str(REPO / "packaging"))
    try:
        from render_icons import SIZES, render
    finally:
        sys.path.remove(str(REPO / "packaging"))
    written = render(APP_ID, tmp_path)
    assert (tmp_path / "hicolor" / "scalable" / "apps" / f"{APP_ID}.svg") in written
    assert "currentColor" not in written[0].read_text(encoding="utf-8")
    for size in SIZES:
        image = QImage(str(tmp_path / "hicolor" / f"{size}x{size}" / "apps" / f"{APP_ID}.png"))
        assert (image.width(), image.height()) == (size, size)
        top_of_shield = [image.pixelColor(size // 2, y).alpha() for y in range(size // 4)]
        assert max(top_of_shield) > 0, f"nothing drawn at {size}px"
