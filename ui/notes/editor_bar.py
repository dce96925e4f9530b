"""The row above an open note: Back, the save status, and the buttons for what can be done.

A draft offers Start from Previous Note, Discard and Sign; a signed note offers Copy, Print,
Add Addendum and Record Amendment. Widgets only: the editor decides what each button does.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from ui.kit.elided_label import ElidedLabel


def _button(text: str, tip: str) -> QPushButton:
    button = QPushButton(text)
    button.setToolTip(tip)
    return button


class EditorBar(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.back_button = _button(
            "← &Back to Timeline", "Save and return to the client's notes (Esc)"
        )
        self.status = ElidedLabel()  # a long message is elided, never widening the window
        self.status.setObjectName("Hint")
        # what an action just did, in full (start from previous): a line under the title
        self.notice = QLabel()
        self.notice.setObjectName("Banner")
        self.notice.setTextFormat(Qt.TextFormat.PlainText)
        self.notice.setWordWrap(True)
        self.notice.setAccessibleName("What was just done")
        self.notice.hide()
        self.previous_button = _button(
            "Start from &Previous",
            "Fill the empty sections from this client's last note of this kind; each copied "
            "section is marked until you edit it (Ctrl+Shift+P)",
        )
        self.discard_button = QPushButton("Discard Draft…")
        self.sign_button = _button("Sig&n…", "Sign this note: it becomes final (Ctrl+Shift+G)")
        self.sign_button.setObjectName("Primary")
        self.addendum_button = _button("&Add Addendum…", "A dated addition (Ctrl+Shift+D)")
        self.amendment_button = _button(
            "&Record Amendment…", "Answer a participant's correction request (Ctrl+Shift+M)"
        )
        self.print_button = _button("&Print…", "Print this note (Ctrl+P)")
        self.copy_button = _button("&Copy", "Copy the whole note as text (Ctrl+Shift+C)")
        self.draft_buttons = (self.previous_button, self.discard_button, self.sign_button)
        self.signed_buttons = (
            self.copy_button,
            self.print_button,
            self.addendum_button,
            self.amendment_button,
        )
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.back_button)
        layout.addSpacing(8)
        layout.addWidget(self.status, 1)
        for button in (*self.draft_buttons, *self.signed_buttons):
            layout.addWidget(button)

    def show_notice(self, text: str) -> None:
        self.notice.setText(text)
        self.notice.setVisible(bool(text))

    def show_for(self, *, signed: bool) -> None:
        for button in self.draft_buttons:
            button.setVisible(not signed)
        for button in self.signed_buttons:
            button.setVisible(signed)
