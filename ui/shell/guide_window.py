"""Help → User Guide: the guide shipped with the app, readable with no network and no browser.

The guide is Markdown in ``resources/help/``; its pictures are loaded into the document from the
same package (importlib.resources), so it reads the same from a clone, a wheel or the packaged
app. Links are never followed outside the guide: Confidant opens nothing on the network.
"""

from __future__ import annotations

import re

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QImage, QTextDocument
from PySide6.QtWidgets import QMainWindow, QTextBrowser, QWidget

from resources import bundled

PICTURE_WIDTH = 680  # pictures fit the guide's width instead of scrolling sideways
_IMAGE = re.compile(r"!\[[^\]]*\]\(([^)\s]+)\)")


def guide_text() -> str:
    return bundled("help", "guide.md").read_text(encoding="utf-8")


def image_names(markdown: str) -> list[str]:
    """The relative image paths the guide refers to (``images/unlock.png`` …)."""
    return _IMAGE.findall(markdown)


class GuideWindow(QMainWindow):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Confidant User Guide")
        self.browser = QTextBrowser()
        self.browser.setAccessibleName("User guide")
        self.browser.setOpenLinks(False)
        self.browser.anchorClicked.connect(self._follow)
        text = guide_text()
        self.browser.setMarkdown(text)  # first: setting the text clears a document's resources
        document = self.browser.document()
        for name in image_names(text):
            image = QImage.fromData(bundled("help", *name.split("/")).read_bytes())
            if image.width() > PICTURE_WIDTH:
                image = image.scaledToWidth(
                    PICTURE_WIDTH, Qt.TransformationMode.SmoothTransformation
                )
            document.addResource(QTextDocument.ResourceType.ImageResource, QUrl(name), image)
        self.setCentralWidget(self.browser)
        self.resize(760, 720)

    def _follow(self, url: QUrl) -> None:
        """Jump within the guide; anything else (a web address) is left as text."""
        if url.isRelative() and not url.path() and url.fragment():
            self.browser.scrollToAnchor(url.fragment())
