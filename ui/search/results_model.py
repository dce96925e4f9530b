"""Search results as a list model, and the delegate that draws each result's rich text.

The HTML comes only from `snippet_html.hit_html`, which escapes every piece of note text; the
model never builds markup itself. Screen readers get the plain-text form.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QPointF,
    QSize,
    Qt,
)
from PySide6.QtGui import QAbstractTextDocumentLayout, QPainter, QPalette, QTextDocument
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
)

from ui.search.snippet_html import hit_html, hit_text
from vault.search.engine import SearchHit

HTML_ROLE = Qt.ItemDataRole.UserRole + 1
HIT_ROLE = Qt.ItemDataRole.UserRole + 2
_Index = QModelIndex | QPersistentModelIndex
_PAD = 6
_CACHED_DOCUMENTS = 200


class SearchResultsModel(QAbstractListModel):
    """The hits shown so far. Scrolling to the end asks for the next page through Qt's own
    `canFetchMore`/`fetchMore`, which calls `fetch_more` (set by the dialog)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._hits: tuple[SearchHit, ...] = ()
        self.more = False
        self.fetch_more: Callable[[], None] = lambda: None

    def set_hits(self, hits: tuple[SearchHit, ...], more: bool = False) -> None:
        self.beginResetModel()
        self._hits = hits
        self.more = more
        self.endResetModel()

    def append_hits(self, hits: tuple[SearchHit, ...], more: bool) -> None:
        self.more = more
        if not hits:
            return
        self.beginInsertRows(QModelIndex(), len(self._hits), len(self._hits) + len(hits) - 1)
        self._hits += hits
        self.endInsertRows()

    def clear(self) -> None:
        self.set_hits(())

    def canFetchMore(self, parent: _Index = QModelIndex()) -> bool:  # noqa: N802, B008 (Qt API)
        return self.more and not parent.isValid()

    def fetchMore(self, parent: _Index = QModelIndex()) -> None:  # noqa: N802, B008 (Qt API)
        if self.canFetchMore(parent):
            self.fetch_more()

    def hit_at(self, row: int) -> SearchHit | None:
        return self._hits[row] if 0 <= row < len(self._hits) else None

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: N802, B008 (Qt API)
        return 0 if parent.isValid() else len(self._hits)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        hit = self.hit_at(index.row()) if index.isValid() else None
        if hit is None:
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return hit_text(hit)
        if role == HTML_ROLE:
            return hit_html(hit)
        if role == HIT_ROLE:
            return hit
        return None


class RichTextDelegate(QStyledItemDelegate):
    """Draws `HTML_ROLE` (already escaped) wrapped to the view's width."""

    def __init__(self, view: QAbstractItemView) -> None:
        super().__init__(view)
        self._view = view
        # Laid-out documents by (html, width): Qt asks each row's size and then paints it, and
        # laying rich text out twice per row was half of a result list's time on screen.
        self._laid_out: dict[tuple[str, int], QTextDocument] = {}

    def _document(self, index: _Index, width: int) -> QTextDocument:
        html, width = str(index.data(HTML_ROLE) or ""), max(100, width)
        doc = self._laid_out.get((html, width))
        if doc is None:
            if len(self._laid_out) >= _CACHED_DOCUMENTS:
                self._laid_out.clear()
            doc = QTextDocument()
            doc.setDocumentMargin(_PAD)
            doc.setHtml(html)
            doc.setTextWidth(width)
            self._laid_out[(html, width)] = doc
        return doc

    def forget(self) -> None:
        """Drop every laid-out result (at lock, with the results themselves)."""
        self._laid_out.clear()

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: _Index) -> None:
        self.initStyleOption(option, index)
        style = option.widget.style() if option.widget else QApplication.style()
        option.text = ""
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, option, painter, option.widget)
        doc = self._document(index, option.rect.width())
        context = QAbstractTextDocumentLayout.PaintContext()
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        context.palette.setColor(QPalette.ColorRole.Text, option.palette.color(role))
        painter.save()
        painter.translate(QPointF(option.rect.topLeft()))
        painter.setClipRect(option.rect.translated(-option.rect.topLeft()))
        doc.documentLayout().draw(painter, context)
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: _Index) -> QSize:  # noqa: N802
        width = self._view.viewport().width()
        doc = self._document(index, width)
        return QSize(width, int(doc.size().height()) + 2)
