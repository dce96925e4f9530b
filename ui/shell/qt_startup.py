"""When Qt cannot open the window, say in one plain line what to install or what is missing.

Qt's own answer to a missing system library is a paragraph ending in an abort ("no Qt platform
plugin could be initialized"), which names the wrong things to a therapist. Confidant catches
that moment (the fatal message, before Qt aborts; or the ImportError when Qt's own libraries are
missing) and prints one line naming the Debian packages that hold what could not be loaded.

This module imports nothing of Qt, so `main.py` can use it when Qt itself cannot be imported.
`WINDOW_LIBRARIES` is the one list: the README's install line names the same packages (a test
keeps them in step).
"""

from __future__ import annotations

import ctypes
import os
import re
from collections.abc import Mapping, Sequence

# What Qt's window needs on X11, as (shared library, Debian package). Measured with ldd on the
# PySide6 wheel's libqxcb.so, libQt6XcbQpa and libQt6Gui, less what any Debian system has.
WINDOW_LIBRARIES: tuple[tuple[str, str], ...] = (
    ("libEGL.so.1", "libegl1"),
    ("libGL.so.1", "libgl1"),
    ("libfontconfig.so.1", "libfontconfig1"),
    ("libfreetype.so.6", "libfreetype6"),
    ("libdbus-1.so.3", "libdbus-1-3"),
    ("libX11.so.6", "libx11-6"),
    ("libX11-xcb.so.1", "libx11-xcb1"),
    ("libxcb.so.1", "libxcb1"),
    ("libxcb-cursor.so.0", "libxcb-cursor0"),
    ("libxcb-icccm.so.4", "libxcb-icccm4"),
    ("libxcb-image.so.0", "libxcb-image0"),
    ("libxcb-keysyms.so.1", "libxcb-keysyms1"),
    ("libxcb-randr.so.0", "libxcb-randr0"),
    ("libxcb-render.so.0", "libxcb-render0"),
    ("libxcb-render-util.so.0", "libxcb-render-util0"),
    ("libxcb-shape.so.0", "libxcb-shape0"),
    ("libxcb-shm.so.0", "libxcb-shm0"),
    ("libxcb-sync.so.1", "libxcb-sync1"),
    ("libxcb-util.so.1", "libxcb-util1"),
    ("libxcb-xfixes.so.0", "libxcb-xfixes0"),
    ("libxcb-xkb.so.1", "libxcb-xkb1"),
    ("libxkbcommon.so.0", "libxkbcommon0"),
    ("libxkbcommon-x11.so.0", "libxkbcommon-x11-0"),
)
FONTS_PACKAGE = "fonts-dejavu-core"  # Qt shows no text at all without a font
_MISSING_LIBRARY = re.compile(r"(lib[\w.+-]+\.so(?:\.\d+)*): cannot open shared object file")


def window_packages() -> list[str]:
    """Every package the window needs, in the README's order."""
    return [package for _library, package in WINDOW_LIBRARIES] + [FONTS_PACKAGE]


def missing_packages(libraries: Sequence[tuple[str, str]] = WINDOW_LIBRARIES) -> list[str]:
    """The packages of the libraries this system cannot load (each looked up by the loader,
    as Qt would)."""
    missing: list[str] = []
    for library, package in libraries:
        try:
            ctypes.CDLL(library)
        except OSError:
            missing.append(package)
    return missing


def _install(packages: Sequence[str]) -> str:
    return f"sudo apt-get install {' '.join(packages)}"


def platform_failure_line(
    environ: Mapping[str, str] | None = None,
    missing: Sequence[str] | None = None,
    qt_said: Sequence[str] = (),
) -> str:
    """The one line to print when Qt could not start its platform plugin (`qt_said`: what Qt
    reported on the way)."""
    environ = os.environ if environ is None else environ
    platform = environ.get("QT_QPA_PLATFORM", "") or "xcb"
    missing = missing_packages() if missing is None else missing
    if missing:
        return (
            f"Confidant cannot open its window: libraries Qt needs are not installed. "
            f"On Debian or Ubuntu: {_install(missing)}"
        )
    display = environ.get("DISPLAY", "")
    if platform.startswith("xcb") and not display:
        return (
            "Confidant cannot open its window: there is no display (DISPLAY is not set). "
            "Start it from a desktop session; the command line works without one "
            "(confidant --help)."
        )
    if any("could not connect to display" in message for message in qt_said):
        return (
            f"Confidant cannot open its window: the display {display} does not answer. "
            "Is the desktop session still running? The command line works without one "
            "(confidant --help)."
        )
    return (
        f'Confidant cannot open its window: Qt could not start its "{platform}" platform '
        f"plugin. On Debian or Ubuntu: {_install(window_packages())}"
    )


def import_failure_line(error: ImportError) -> str | None:
    """The one line for Qt failing to import because a system library is missing; None when
    the ImportError is something else (then it is a bug, and is raised as such)."""
    found = _MISSING_LIBRARY.search(str(error))
    if found is None:
        return None
    library = found[1]
    package = dict(WINDOW_LIBRARIES).get(library)
    if package is None:
        return (
            f"Confidant cannot open its window: the system library {library} is missing. "
            f"On Debian or Ubuntu: {_install(window_packages())}"
        )
    packages = missing_packages() or [package]
    return (
        f"Confidant cannot open its window: libraries Qt needs are not installed. "
        f"On Debian or Ubuntu: {_install(packages)}"
    )
