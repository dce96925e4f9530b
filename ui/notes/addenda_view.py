"""What follows a signed note: its signature, then its addenda and amendments in order.

Everything here is shown as plain text (never markup), selectable, and read-only: the vault
refuses changes to any of it, and so does this view.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget

from ui.kit.note_labels import timestamp_label
from vault.notes.model import Addendum, Signature


def _plain_label(text: str, object_name: str = "") -> QLabel:
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    label.setTextInteractionFlags(
        Qt.TextInteractionFlag.TextSelectableByMouse
        | Qt.TextInteractionFlag.TextSelectableByKeyboard
    )
    if object_name:
        label.setObjectName(object_name)
    return label


def signature_text(signature: Signature) -> str:
    return (
        f"Signed by {signature.signed_by} on {timestamp_label(signature.signed_at)}\n"
        f"SHA-256 {signature.content_sha256}"
    )


def addendum_heading(addendum: Addendum, names: dict[int, str]) -> str:
    kind = "Amendment" if addendum.kind == "amendment" else "Addendum"
    heading = f"{kind} — {timestamp_label(addendum.written_at)}, by {addendum.author}"
    if addendum.requested_by is not None:
        who = names.get(addendum.requested_by, f"client {addendum.requested_by}")
        heading += f"; requested by {who}"
        if addendum.request_received_on:
            heading += f" (request received {addendum.request_received_on})"
    return heading


def signature_label() -> QLabel:
    """The signature line shown above a signed note."""
    label = _plain_label("", "Banner")
    label.setAccessibleName("Signature")
    return label


class AddendaView(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._items: list[QWidget] = []
        self.texts: list[str] = []

    def show_addenda(self, addenda: tuple[Addendum, ...], names: dict[int, str]) -> None:
        for item in self._items:
            item.deleteLater()
        self._items, self.texts = [], []
        for addendum in addenda:
            self._add(addendum, names)
        self.setVisible(bool(addenda))

    def _add(self, addendum: Addendum, names: dict[int, str]) -> None:
        frame = QFrame()
        frame.setFrameShape(QFrame.Shape.StyledPanel)
        frame.setAccessibleName(addendum.kind.capitalize())
        layout = QVBoxLayout(frame)
        heading = _plain_label(addendum_heading(addendum, names))
        font = heading.font()
        font.setBold(True)
        heading.setFont(font)
        reason = _plain_label(f"Reason: {addendum.reason}", "Hint")
        text = _plain_label(addendum.text)
        for label in (heading, reason, text):
            layout.addWidget(label)
        self._layout.addWidget(frame)
        self._items.append(frame)
        self.texts.append(addendum.text)
