"""Icons and the stylesheet from `resources/`, drawn crisp at any scale and in the theme's colour.

The SVGs use ``currentColor``; they are tinted with the palette's text colour at load time, so
the same files work on light and dark themes, and rendered at several sizes for high DPI.
"""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QByteArray, Qt
from PySide6.QtGui import QColor, QGuiApplication, QIcon, QPainter, QPalette, QPixmap
from PySide6.QtSvg import QSvgRenderer

from resources import bundled

ACCENT = "#3a7ca5"
_SIZES = (16, 20, 24, 32, 48, 64, 128)


def _text_colour() -> str:
    app = QGuiApplication.instance()
    if isinstance(app, QGuiApplication):
        return QGuiApplication.palette().color(QPalette.ColorRole.WindowText).name()
    return "#404040"


@cache
def _icon(name: str, colour: str) -> QIcon:
    path = bundled("icons", f"{name}.svg")
    try:
        svg = path.read_text(encoding="utf-8").replace("currentColor", colour)
    except OSError:
        return QIcon()
    renderer = QSvgRenderer(QByteArray(svg.encode("utf-8")))
    icon = QIcon()
    for size in _SIZES:
        pixmap = QPixmap(size, size)
        pixmap.fill(QColor(Qt.GlobalColor.transparent))
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        renderer.render(painter)
        painter.end()
        icon.addPixmap(pixmap)
    return icon


def icon(name: str, colour: str | None = None) -> QIcon:
    """The icon `resources/icons/<name>.svg`, tinted `colour` (default: the theme's text colour)."""
    return _icon(name, colour or _text_colour())


def app_icon() -> QIcon:
    return icon("confidant", ACCENT)


def stylesheet() -> str:
    try:
        return bundled("style.qss").read_text(encoding="utf-8")
    except OSError:
        return ""
