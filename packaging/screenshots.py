"""Take the user guide's pictures from the real window, on synthetic demo data.

Run on a display (for CI-like machines: ``Xvfb :99 & DISPLAY=:99 QT_QPA_PLATFORM=xcb``):
``python packaging/screenshots.py resources/help/images``. Each picture is grabbed from the
X server, so it is what a therapist sees; every name in it comes from vault.demo.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication, QWidget

from ui.kit.icons import app_icon, stylesheet
from ui.shell.app import APP_NAME, register_features
from ui.shell.controller import AppController
from ui.shell.settings_store import AppSettings
from vault import Vault
from vault.demo import fill_demo
from vault.store.kdf import floor_params

PASSPHRASE = "Demo only: violet harbour 42 lanterns"  # noqa: S105 (synthetic, for pictures)


def _settle(seconds: float = 0.6) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        QApplication.processEvents()
        time.sleep(0.02)


def _grab(widget: QWidget, target: Path) -> None:
    _settle()
    screen = widget.screen()
    pixmap = screen.grabWindow(widget.winId())
    if not pixmap.save(str(target)):
        raise SystemExit(f"could not write {target}")
    print(target, pixmap.width(), "x", pixmap.height())


def _controller(folder: Path, name: str) -> AppController:
    settings = AppSettings(QSettings(str(folder / f"{name}.ini"), QSettings.Format.IniFormat))
    controller = AppController(
        settings, kdf_params=floor_params(), default_location=folder / name / "Practice.vault"
    )
    register_features(controller)
    controller.window.resize(1100, 700)
    return controller


def main(out: Path) -> int:
    out.mkdir(parents=True, exist_ok=True)
    app = QApplication([sys.argv[0]])
    app.setApplicationName(APP_NAME)
    app.setWindowIcon(app_icon())
    app.setStyleSheet(stylesheet())
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        first = _controller(folder, "first")
        first.start()
        wizard = first.wizard
        assert wizard is not None
        wizard.next()
        wizard.passphrase_page.fields.first.setText(PASSPHRASE)
        wizard.passphrase_page.fields.second.setText(PASSPHRASE)
        _grab(wizard, out / "first-run.png")
        wizard.reject()
        first.shutdown()

        vault_dir = folder / "Demo Practice.vault"
        with Vault.create(vault_dir, PASSPHRASE, kdf_params=floor_params()) as vault:
            fill_demo(vault, clients=12, notes_per_client=4)
        controller = _controller(folder, "daily")
        controller.settings.last_vault_path = vault_dir
        controller.start()
        screen = controller.window.unlock_screen
        _grab(controller.window, out / "unlock.png")
        screen.passphrase.setText(PASSPHRASE)
        screen.attempt_unlock()
        deadline = time.monotonic() + 30
        while controller.window.workspace is None and time.monotonic() < deadline:
            _settle(0.1)
        workspace = controller.window.workspace
        assert workspace is not None, "the demo vault did not unlock"
        view = workspace.list_panel.view
        view.setCurrentIndex(view.model().index(1, 0))
        _grab(controller.window, out / "main-window.png")
        controller.shutdown()
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1])))
