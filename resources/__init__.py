"""Data shipped with Confidant: note templates, icons, the stylesheet.

Read through `bundled` (importlib.resources), never by a path relative to the source tree, so
an installed wheel or a packaged app finds them exactly where a clone does.
"""

from __future__ import annotations

from importlib.resources import files
from importlib.resources.abc import Traversable


def bundled(*parts: str) -> Traversable:
    """The shipped file or folder `parts` below ``resources/`` (``bundled("icons", "x.svg")``)."""
    place = files(__name__)
    for part in parts:
        place = place / part
    return place
