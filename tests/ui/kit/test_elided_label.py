"""A title too long for its label is elided in the middle and shown whole in the tooltip."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from ui.kit.elided_label import ElidedLabel

TITLE = "Progress review — Mon 2026-03-02 14:00, a long demo title that cannot fit"


def test_a_narrow_label_elides_the_middle_and_keeps_both_ends(qtbot: QtBot) -> None:
    label = ElidedLabel(TITLE)
    qtbot.addWidget(label)
    label.resize(160, 30)
    shown = label.elided_text()
    assert "…" in shown and shown[0] == "P" and shown.endswith("t")


def test_the_whole_title_is_in_the_tooltip(qtbot: QtBot) -> None:
    label = ElidedLabel(TITLE)
    qtbot.addWidget(label)
    assert label.toolTip() == TITLE
