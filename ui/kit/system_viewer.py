"""Opening a file the therapist saved in the program the system uses for its kind.

Only ever a file the therapist chose to save (a copy of a signed form, say): Confidant never
writes a temporary copy of a record to open it, so nothing plaintext is left behind that the
therapist did not choose and cannot see. Tests replace `open_saved_file` (tests/ui/conftest.py),
so no test starts a viewer.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices


def open_saved_file(path: Path) -> bool:
    """Ask the desktop to open `path`; False when no program would take it."""
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))
