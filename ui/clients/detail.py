"""The right side of the main window: the chosen client's record, in tabs.

"Profile" is the editable record with Save / Revert / Archive / Destroy; further tabs come from
`ui.kit.feature_hook.ClientTabSpec`s (see that module for the hook). Widgets only: the
workspace decides what happens when a button is pressed.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ui.clients.form import ClientForm
from ui.kit.feature_hook import ClientTab, ClientTabSpec
from ui.kit.field_marks import problems_text
from ui.kit.icons import icon
from ui.kit.labels import error_label
from vault import Vault


class ClientDetail(QStackedWidget):
    """Page 0: "no client chosen"; page 1: heading, notices and the tabs."""

    def __init__(
        self, vault: Vault, tab_specs: list[ClientTabSpec], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.placeholder = QLabel("Choose a client on the left, or press Ctrl+N to add a new one.")
        self.placeholder.setTextFormat(Qt.TextFormat.PlainText)  # names are text
        self.placeholder.setObjectName("Hint")
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.placeholder.setWordWrap(True)

        self.heading = QLabel()
        self.heading.setTextFormat(Qt.TextFormat.PlainText)  # names are text
        self.heading.setObjectName("Heading")
        self.heading.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.banner = QLabel()
        self.banner.setTextFormat(Qt.TextFormat.PlainText)  # names are text
        self.banner.setObjectName("Banner")
        self.banner.setWordWrap(True)
        self.banner.hide()
        self.error = QLabel()
        self.error.setTextFormat(Qt.TextFormat.PlainText)  # names are text
        self.error.setObjectName("ErrorMessage")
        self.error.setWordWrap(True)
        self.error.setAccessibleName("Problem with this record")
        self.error.hide()

        # below the form, so nothing in it moves when this appears
        self.problems = error_label("Fields to correct before saving")

        self.form = ClientForm()
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        page = QWidget()  # the form at the top, spare height below it: rows never spread out
        page_layout = QVBoxLayout(page)
        page_layout.setContentsMargins(0, 0, 0, 0)
        page_layout.addWidget(self.form)
        page_layout.addStretch(1)
        scroll.setWidget(page)
        self.save_button = QPushButton(icon("save"), "&Save")
        self.save_button.setObjectName("Primary")
        self.save_button.setToolTip("Save this record (Ctrl+S)")
        self.revert_button = QPushButton(icon("revert"), "Revert")
        self.revert_button.setToolTip("Throw away unsaved changes (Ctrl+Shift+R)")
        self.archive_button = QPushButton(icon("archive"), "Archive…")
        self.archive_button.setToolTip("Archive this client; the record is kept (Ctrl+Shift+A)")
        self.reactivate_button = QPushButton(icon("reactivate"), "Reactivate")
        self.destroy_button = QPushButton("Destroy Record…")
        self.destroy_button.setToolTip(
            "Destroy this client's record for good once its retention has ended (typed to confirm)"
        )
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.revert_button)
        buttons.addStretch(1)
        self._buttons = buttons
        self.action_buttons: list[QPushButton] = []  # features' commands (Export Record…)
        self._shown_client: int | None = None
        buttons.addWidget(self.archive_button)
        buttons.addWidget(self.reactivate_button)
        buttons.addWidget(self.destroy_button)
        profile_tab = QWidget()
        profile_layout = QVBoxLayout(profile_tab)
        profile_layout.addWidget(scroll, 1)
        profile_layout.addWidget(self.problems)
        profile_layout.addLayout(buttons)

        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.tabs.setAccessibleName("Client record")
        self.tabs.addTab(profile_tab, "Profile")  # no mnemonic: Alt+letters belong to menus/fields
        self.extra_tabs: list[ClientTab] = []
        for spec in tab_specs:
            widget = spec.factory(vault)
            if not isinstance(widget, ClientTab):
                raise TypeError(f"The {spec.title!r} tab lacks show_client/stash_for_lock")
            self.tabs.addTab(widget, spec.title)
            self.extra_tabs.append(widget)

        content = QWidget()
        layout = QVBoxLayout(content)
        layout.setContentsMargins(12, 8, 12, 8)
        layout.addWidget(self.heading)
        layout.addWidget(self.banner)
        layout.addWidget(self.error)
        layout.addWidget(self.tabs, 1)
        self.addWidget(self.placeholder)
        self.addWidget(content)

    def add_action_button(self, action: QAction) -> QPushButton:
        """A button for a feature's command on the shown client, left of Archive; shown only
        for a saved client (a new one has nothing to act on yet)."""
        button = QPushButton(action.icon(), action.text().replace("&", ""))
        button.setToolTip(action.statusTip())
        button.clicked.connect(lambda _checked=False: action.trigger())
        button.setEnabled(action.isEnabled())
        action.enabledChanged.connect(button.setEnabled)  # a slot of the button: gone with it
        button.setVisible(self._shown_client is not None)
        self._buttons.insertWidget(self._buttons.indexOf(self.archive_button), button)
        self.action_buttons.append(button)
        return button

    def show_placeholder(self) -> None:
        self.setCurrentIndex(0)
        self._shown_client = None
        self.form.clear()
        self.set_notice("")
        self.set_error("")
        for tab in self.extra_tabs:
            tab.show_client(None)

    def show_record(self, heading: str, client_id: int | None, *, archived: bool) -> None:
        self.setCurrentIndex(1)
        self._shown_client = client_id
        self.heading.setText(heading)
        self.set_error("")
        self.archive_button.setVisible(client_id is not None and not archived)
        self.reactivate_button.setVisible(client_id is not None and archived)
        self.destroy_button.setVisible(client_id is not None)
        for button in self.action_buttons:
            button.setVisible(client_id is not None)
        for tab in self.extra_tabs:
            tab.show_client(client_id)

    def set_notice(self, text: str) -> None:
        self.banner.setText(text)
        self.banner.setVisible(bool(text))

    def set_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.setVisible(bool(text))
        if not text:
            self.set_problems([])

    def set_problems(self, lines: list[str]) -> None:
        """The reasons a save was refused, one per line, under the form."""
        self.problems.setText(problems_text(lines))
        self.problems.setVisible(bool(lines))

    def set_dirty(self, dirty: bool) -> None:
        self.save_button.setEnabled(dirty)
        self.revert_button.setEnabled(dirty)
