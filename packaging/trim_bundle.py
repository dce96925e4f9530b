"""Trim PyInstaller's list of binaries to what Confidant loads, for a smaller and quieter app.

PyInstaller's Qt hooks collect every plugin of each plugin kind (all platforms, all image
formats, the GTK theme, network information, TLS back ends) and then every library those
plugins link. Confidant needs far less: X11 and Wayland windows, the offscreen platform for
tests, SVG icons, input methods. Dropping a plugin alone would leave its libraries behind, so
this keeps only the binaries reachable, by linking, from the roots that are wanted.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable

Entry = tuple[str, str, str]  # PyInstaller TOC entry: (destination, source, typecode)

PLUGINS = "PySide6/Qt/plugins/"
# Plugin files kept, per plugin folder; a folder not named here is dropped whole.
KEEP_PLUGINS: dict[str, tuple[str, ...]] = {
    "platforms": ("libqxcb.so", "libqwayland.so", "libqoffscreen.so"),
    "xcbglintegrations": ("libqxcb-glx-integration.so", "libqxcb-egl-integration.so"),
    "wayland-shell-integration": ("libxdg-shell.so",),
    "wayland-decoration-client": ("libbradient.so", "libadwaita.so"),
    "wayland-graphics-integration-client": ("libqt-plugin-wayland-egl.so",),
    "platforminputcontexts": (
        "libcomposeplatforminputcontextplugin.so",
        "libibusplatforminputcontextplugin.so",
    ),
    "platformthemes": ("libqxdgdesktopportal.so",),
    "iconengines": ("libqsvgicon.so",),
    "imageformats": ("libqsvg.so",),
}


def wanted_plugin(dest: str) -> bool:
    """True for a Qt plugin Confidant uses (see KEEP_PLUGINS)."""
    folder, _, name = dest.removeprefix(PLUGINS).partition("/")
    return name in KEEP_PLUGINS.get(folder, ())


def _is_root(dest: str) -> bool:
    """Python extension modules, the Python library and the wanted Qt plugins start the walk."""
    if dest.startswith(PLUGINS):
        return wanted_plugin(dest)
    name = os.path.basename(dest)
    return ".cpython-" in name or name.endswith(".abi3.so") or name.startswith("libpython")


def trim(
    binaries: Iterable[Entry], imports_of: Callable[[str], Iterable[tuple[str, str | None]]]
) -> list[Entry]:
    """The entries of `binaries` reachable by linking from the roots; symlinks to kept ones."""
    entries = list(binaries)
    files = [e for e in entries if e[2] != "SYMLINK"]
    links = [e for e in entries if e[2] == "SYMLINK"]
    by_source = {os.path.realpath(src): (dest, src, kind) for dest, src, kind in files}
    todo = [os.path.realpath(src) for dest, src, _ in files if _is_root(dest)]
    reached: set[str] = set()
    while todo:
        source = todo.pop()
        if source in reached or source not in by_source:
            continue
        reached.add(source)
        todo.extend(os.path.realpath(path) for _, path in imports_of(source) if path)
    kept = [e for e in files if os.path.realpath(e[1]) in reached]
    return kept + keep_links(links, kept)


def keep_links(entries: Iterable[Entry], kept: Iterable[Entry]) -> list[Entry]:
    """The SYMLINK entries of `entries` whose target is kept; every other entry unchanged.

    PyInstaller lists the convenience symlinks it makes beside libraries among the data
    files, so they are filtered there as well as among the binaries.
    """
    targets = {dest for dest, _, _ in kept}
    return [e for e in entries if e[2] != "SYMLINK" or e[1] in targets]
