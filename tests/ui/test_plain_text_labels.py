"""Names and messages are shown as text: markup typed into a name is never rendered."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from ui.clients.detail import ClientDetail


def test_client_heading_shows_markup_as_typed(qtbot: QtBot, vault) -> None:
    detail = ClientDetail(vault, [])
    qtbot.addWidget(detail)
    detail.show_record("Demo <b>Bold</b> <i>Name", 1, archived=False)
    for label in (detail.heading, detail.banner, detail.error):
        assert label.textFormat() == Qt.TextFormat.PlainText
    assert detail.heading.text() == "Demo <b>Bold</b> <i>Name"
