"""Note search (Ctrl+F): results update as the therapist types, without stalling the window.

Typing restarts a short debounce (a burst of keys or a paste becomes one search; a search takes
less than a frame, so the wait is short); the search then runs through
`background.run_in_background` keyed ``latest_of="search"``, so a slow, stale answer never
replaces a newer one. Results come a page at a time: scrolling to the end asks for the next
page, and a first page that does not fill the list (the newest notes held few matches) is
followed at once by the next. Nothing about a search is kept anywhere but in this dialog's
memory, which is destroyed at lock.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, QModelIndex, QPersistentModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QVBoxLayout,
    QWidget,
)

from ui.kit.background import forget_pending, run_in_background, show_failure
from ui.kit.labels import buddy_label
from ui.search.results_model import HIT_ROLE, RichTextDelegate, SearchResultsModel
from vault import Vault, VaultError
from vault.clients.records import list_clients
from vault.notes.templates import bundled_templates
from vault.search.engine import SearchFilters, SearchPage, SearchResults, search_notes

DEBOUNCE_MS = 10
FILL_ROWS = 12  # a first answer with fewer hits than this is followed by the next page
_NO_DATE = QDate(1900, 1, 1)


def _date_edit() -> QDateEdit:
    edit = QDateEdit()
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("yyyy-MM-dd")
    edit.setMinimumDate(_NO_DATE)
    edit.setSpecialValueText("Any")
    edit.setDate(_NO_DATE)
    return edit


class SearchDialog(QDialog):
    """Emits `note_requested(note_id, client_ids, matched_words)` when a result is opened."""

    note_requested = Signal(int, object, str)

    def __init__(self, vault: Vault, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Search Notes")
        self._vault = vault
        self.searches_run = 0
        self.shown_text = ""  # the query whose results are on screen
        self._asked: tuple[str, SearchFilters] | None = None
        self._next_page: SearchPage | None = None
        self._waiting = False  # a search or a page is on its way
        self._notice = ""

        self.query = QLineEdit()
        self.query.setPlaceholderText('Words, "an exact phrase", word*, -exclude')
        self.query.setClearButtonEnabled(True)
        self.client = QComboBox()
        self.kind = QComboBox()
        self.date_from = _date_edit()
        self.date_to = _date_edit()
        self.include_process = QCheckBox("Include &psychotherapy notes")
        self.message = QLabel()
        self.message.setObjectName("Hint")
        self.message.setWordWrap(True)
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.message.setAccessibleName("Search message")
        self.model = SearchResultsModel(self)
        self.model.fetch_more = self.fetch_more
        self.results = QListView()
        self.results.setModel(self.model)
        self._delegate = RichTextDelegate(self.results)
        self.results.setItemDelegate(self._delegate)
        self.results.setWordWrap(True)
        self.results.setUniformItemSizes(False)
        self.results.setAlternatingRowColors(True)
        self.results.setAccessibleName("Search results")
        self._fill_filters()

        form = QFormLayout()
        form.addRow(buddy_label("&Search:", self.query), self.query)
        filters = QHBoxLayout()
        filters.addWidget(buddy_label("&Client:", self.client))
        filters.addWidget(self.client, 2)
        filters.addWidget(buddy_label("&Kind:", self.kind))
        filters.addWidget(self.kind, 1)
        dates = QHBoxLayout()
        dates.addWidget(buddy_label("&From:", self.date_from))
        dates.addWidget(self.date_from)
        dates.addWidget(buddy_label("&To:", self.date_to))
        dates.addWidget(self.date_to)
        dates.addWidget(self.include_process)
        dates.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addLayout(filters)
        layout.addLayout(dates)
        layout.addWidget(self.message)
        layout.addWidget(self.results, 1)
        hint = QLabel("Enter or double-click opens a note. Esc closes.")
        hint.setObjectName("Hint")
        layout.addWidget(hint)
        self.resize(720, 560)

        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(DEBOUNCE_MS)
        self._debounce.timeout.connect(self.run_search)
        self.query.textChanged.connect(lambda _text: self._debounce.start())
        self.query.returnPressed.connect(self._open_first)
        for combo in (self.client, self.kind):
            combo.currentIndexChanged.connect(lambda _i: self._debounce.start())
        for edit in (self.date_from, self.date_to):
            edit.dateChanged.connect(lambda _d: self._debounce.start())
        self.include_process.toggled.connect(lambda _on: self._debounce.start())
        self.results.activated.connect(self._open)

    def _fill_filters(self) -> None:
        self.client.addItem("All clients", None)
        for summary in list_clients(self._vault, "all"):
            self.client.addItem(summary.full_name, summary.id)
        self.kind.addItem("All kinds", None)
        for template in bundled_templates().values():
            self.kind.addItem(template.title, template.id)

    def focus_query(self) -> None:
        """Ctrl+F: show, raise and put the cursor in the search box with its text selected."""
        self.show()
        self.raise_()
        self.activateWindow()
        self.query.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.query.selectAll()

    def filters(self) -> SearchFilters:
        kind = self.kind.currentData()
        return SearchFilters(
            client_id=self.client.currentData(),
            date_from=_date_or_none(self.date_from.date()),
            date_to=_date_or_none(self.date_to.date()),
            kinds=(kind,) if kind else (),
            include_process_notes=self.include_process.isChecked(),
        )

    def run_search(self) -> None:
        """Start a search for the current text and filters; older answers will be ignored."""
        self._debounce.stop()
        text = self.query.text()
        if not text.strip():
            forget_pending(self, "search")
            self._asked, self._next_page, self._waiting = None, None, False
            self.model.clear()
            self.message.setText("")
            self.shown_text = ""
            return
        vault, filters = self._vault, self.filters()
        self.searches_run += 1
        self._asked, self._waiting = (text, filters), True
        asked = self.searches_run

        def work() -> SearchResults | None:
            if asked != self.searches_run:
                return None  # a newer keystroke is queued behind: skip, its answer is wanted
            return search_notes(vault, text, filters, typing=True)

        run_in_background(
            work,
            lambda results: self._show(text, results),
            self._failed,
            owner=self,
            latest_of="search",
        )

    def fetch_more(self) -> None:
        """The next page of the current search, appended below (asked for by the view)."""
        if self._waiting or self._asked is None or self._next_page is None:
            return
        vault, (text, filters), page = self._vault, self._asked, self._next_page
        self._waiting = True
        run_in_background(
            lambda: search_notes(vault, text, filters, typing=True, page=page),
            self._append,
            self._failed,
            owner=self,
            latest_of="search",
        )

    def _failed(self, error: BaseException) -> None:
        self._waiting = False
        if not isinstance(error, VaultError):
            show_failure(self, error)
            return
        self.model.clear()
        self.message.setText(str(error))

    def _show(self, text: str, results: SearchResults | None) -> None:
        if results is None:
            return
        self._waiting = False
        self._next_page = results.next_page
        self.model.set_hits(results.hits, more=results.next_page is not None)
        self.shown_text = text
        self._notice = results.message
        self._say()
        if results.hits:
            self.results.setCurrentIndex(self.model.index(0, 0))
        if self.model.rowCount() < FILL_ROWS:
            self.fetch_more()

    def _append(self, results: SearchResults) -> None:
        self._waiting = False
        self._next_page = results.next_page
        self.model.append_hits(results.hits, more=results.next_page is not None)
        if results.hits and not self.results.currentIndex().isValid():
            self.results.setCurrentIndex(self.model.index(0, 0))
        self._say()
        if self.model.rowCount() < FILL_ROWS:
            self.fetch_more()

    def _say(self) -> None:
        """The first page's own notice, or what the list now holds."""
        n, notice = self.model.rowCount(), self._notice
        if not n:
            still = "Searching older notes…" if self._next_page is not None else "No notes match."
            notice = f"{notice} {still}".strip()
        elif not notice:
            more = " (more as you scroll)" if self._next_page is not None else ""
            notice = f"{n} note{'s' if n != 1 else ''} found, best match first{more}."
        self.message.setText(notice)

    def _open_first(self) -> None:
        index = self.results.currentIndex()
        if not index.isValid() and self.model.rowCount() > 0:
            index = self.model.index(0, 0)
        if index.isValid():
            self._open(index)

    def _open(self, index: QModelIndex | QPersistentModelIndex) -> None:
        hit = index.data(HIT_ROLE)
        if hit is None:
            return
        self.hide()
        matched = next((seg.text for seg in hit.snippet if seg.is_match), "")
        self.note_requested.emit(hit.note_id, tuple(c.id for c in hit.clients), matched)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt API)
        """Down from the search box goes to the results, like a launcher."""
        if event.key() == Qt.Key.Key_Down and self.query.hasFocus() and self.model.rowCount():
            self.results.setFocus(Qt.FocusReason.TabFocusReason)
            return
        super().keyPressEvent(event)

    def forget(self) -> None:
        """Drop the query and results from memory (at lock)."""
        forget_pending(self, "search")
        self._debounce.stop()
        self._asked, self._next_page, self._waiting = None, None, False
        self.shown_text = ""
        self.query.clear()
        self.model.clear()
        self._delegate.forget()
        self.message.clear()


def _date_or_none(value: QDate) -> date | None:
    if value == _NO_DATE or not value.isValid():
        return None
    return date(value.year(), value.month(), value.day())
