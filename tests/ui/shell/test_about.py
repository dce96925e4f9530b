"""Help → About says which Confidant runs on what; Help → User Guide opens the shipped guide."""

from __future__ import annotations

from PySide6.QtCore import QUrl, qVersion
from PySide6.QtGui import QTextDocument
from pytestqt.qtbot import QtBot

from tests.conftest import SESSION_FLOOR
from ui.shell.about_dialog import AboutDialog
from ui.shell.controller import AppController
from ui.shell.guide_window import GuideWindow, guide_text, image_names
from ui.shell.main_window import MainWindow
from vault.store.version import app_version, engine_versions


def _about(qtbot: QtBot, window: MainWindow) -> AboutDialog:
    dialog = window.about_dialog()
    qtbot.addWidget(dialog)
    return dialog


def test_about_shows_every_version_support_asks_for(qtbot: QtBot) -> None:
    window = MainWindow()
    qtbot.addWidget(window)
    text = _about(qtbot, window).versions.text()
    engine = engine_versions()
    for expected in (app_version(), engine.sqlcipher, engine.sqlite, qVersion(), "Python"):
        assert expected in text
    assert "no vault is open" in text


def test_about_shows_the_open_vaults_argon2_parameters_but_never_its_path(
    qtbot: QtBot, unlocked: AppController
) -> None:
    assert unlocked.vault is not None
    text = _about(qtbot, unlocked.window).versions.text()
    expected = (
        f"Argon2id, {SESSION_FLOOR.memory_kib // 1024} MiB, {SESSION_FLOOR.time_cost} passes, "
        f"{SESSION_FLOOR.parallelism} lanes"
    )
    assert expected in text
    assert str(unlocked.vault.directory) not in text
    assert unlocked.vault.directory.name not in text


def test_about_lists_the_licences(qtbot: QtBot) -> None:
    window = MainWindow()
    qtbot.addWidget(window)
    dialog = _about(qtbot, window)
    licences = dialog.licences.toPlainText()
    for name in ("LGPL-3.0", "SQLCipher", "BSD-3-Clause", "OpenSSL", "Argon2", "GPL-3.0-or-later"):
        assert name in licences
    assert [dialog.tabs.tabText(i) for i in range(dialog.tabs.count())] == ["About", "Licences"]


def test_the_help_menu_opens_the_user_guide(qtbot: QtBot) -> None:
    window = MainWindow()
    qtbot.addWidget(window)
    help_menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "&Help")
    assert "&User Guide" in [a.text() for a in help_menu.actions()]
    window.actions_by_name["guide"].trigger()
    guide = window.guide_window
    assert isinstance(guide, GuideWindow)
    qtbot.addWidget(guide)
    assert guide.isVisible()
    text = guide.browser.toPlainText()
    assert "A forgotten passphrase cannot be recovered" in text
    assert "If the laptop is lost or stolen" in text


def test_every_picture_in_the_guide_is_shipped_and_loads(qtbot: QtBot) -> None:
    names = image_names(guide_text())
    assert names, "the guide has no pictures?"
    guide = GuideWindow()
    qtbot.addWidget(guide)
    document = guide.browser.document()
    for name in names:
        image = document.resource(QTextDocument.ResourceType.ImageResource, QUrl(name))
        assert image is not None and not image.isNull(), name
