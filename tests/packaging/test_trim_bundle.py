"""The bundle keeps the Qt plugins Confidant uses and only the libraries they reach."""

from __future__ import annotations

import sys
from collections.abc import Iterable

from tests.helpers import REPO

sys.path.insert(0, str(REPO / "packaging"))
from trim_bundle import trim

sys.path.remove(str(REPO / "packaging"))

P = "PySide6/Qt/plugins/"
ENTRIES = [
    (f"{P}platforms/libqxcb.so", "/src/libqxcb.so", "BINARY"),
    (f"{P}platformthemes/libqgtk3.so", "/src/libqgtk3.so", "BINARY"),
    (f"{P}tls/libqopensslbackend.so", "/src/libqopensslbackend.so", "BINARY"),
    ("PySide6/QtGui.abi3.so", "/src/QtGui.abi3.so", "EXTENSION"),
    ("PySide6/Qt/lib/libQt6XcbQpa.so.6", "/src/libQt6XcbQpa.so.6", "BINARY"),
    ("PySide6/Qt/lib/libQt6Gui.so.6", "/src/libQt6Gui.so.6", "BINARY"),
    ("PySide6/Qt/lib/libQt6Network.so.6", "/src/libQt6Network.so.6", "BINARY"),
    ("libcairo.so.2", "/src/libcairo.so.2", "BINARY"),
    ("libQt6Network.so.6", "PySide6/Qt/lib/libQt6Network.so.6", "SYMLINK"),
    ("libQt6Gui.so.6", "PySide6/Qt/lib/libQt6Gui.so.6", "SYMLINK"),
]
LINKS = {
    "/src/libqxcb.so": ["/src/libQt6XcbQpa.so.6", "/src/libQt6Gui.so.6"],
    "/src/libqgtk3.so": ["/src/libcairo.so.2", "/src/libQt6Gui.so.6"],
    "/src/libqopensslbackend.so": ["/src/libQt6Network.so.6"],
    "/src/QtGui.abi3.so": ["/src/libQt6Gui.so.6"],
}


def _imports(path: str) -> Iterable[tuple[str, str | None]]:
    return [(p.rsplit("/", 1)[-1], p) for p in LINKS.get(path, [])]


def test_only_wanted_plugins_and_what_they_link_are_kept() -> None:
    kept = {dest for dest, _, _ in trim(ENTRIES, _imports)}
    assert kept == {
        f"{P}platforms/libqxcb.so",
        "PySide6/QtGui.abi3.so",
        "PySide6/Qt/lib/libQt6XcbQpa.so.6",
        "PySide6/Qt/lib/libQt6Gui.so.6",
        "libQt6Gui.so.6",  # the symlink to a kept library stays; Network's goes with it
    }
