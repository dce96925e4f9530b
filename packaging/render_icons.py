"""Render the app icon into the hicolor sizes a Linux desktop looks for, from the one SVG.

The SVG in resources/icons/ draws with ``currentColor`` so the window can tint it; here it is
tinted with the app's accent, as the window's own icon is, and written as a scalable SVG plus
PNGs. Usage: ``python packaging/render_icons.py APP_ID OUT_DIR`` (OUT_DIR/hicolor/...).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QByteArray, Qt
from PySide6.QtGui import QColor, QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

from resources import bundled
from ui.kit.icons import ACCENT

SIZES = (16, 22, 24, 32, 48, 64, 128, 256, 512)


def tinted_svg() -> str:
    return (
        bundled("icons", "confidant.svg")
        .read_text(encoding="utf-8")
        .replace("currentColor", ACCENT)
    )


def render(app_id: str, out: Path) -> list[Path]:
    """Write every size; returns the files written."""
    svg = tinted_svg()
    renderer = QSvgRenderer(QByteArray(svg.encode("utf-8")))
    written: list[Path] = []
    scalable = out / "hicolor" / "scalable" / "apps" / f"{app_id}.svg"
    scalable.parent.mkdir(parents=True, exist_ok=True)
    scalable.write_text(svg, encoding="utf-8")
    written.append(scalable)
    for size in SIZES:
        image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
        image.fill(QColor(Qt.GlobalColor.transparent))
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        renderer.render(painter)
        painter.end()
        target = out / "hicolor" / f"{size}x{size}" / "apps" / f"{app_id}.png"
        target.parent.mkdir(parents=True, exist_ok=True)
        if not image.save(str(target)):  # the format follows the .png suffix
            raise SystemExit(f"could not write {target}")
        written.append(target)
    return written


def main(argv: list[str]) -> int:
    app_id, out = argv
    _app = QGuiApplication([])
    for path in render(app_id, Path(out)):
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
