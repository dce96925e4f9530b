"""Why this record leaves the vault: the client's own request, or a release of information.

The disclosure log needs a basis for every export. A release can be chosen only while it is in
force today: expired, revoked and not-yet-started releases are listed (so the therapist sees
why one is missing) but cannot be selected. An open access request is offered to be closed by
this export, checked by default, when the client asked for their own record.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QGroupBox,
    QLabel,
    QRadioButton,
    QVBoxLayout,
)

from vault.consent.model import AccessRequest, Release
from vault.export.exporting import CLIENT_REQUEST, ExportBasis

RELEASE_ROLE = Qt.ItemDataRole.UserRole + 1


def release_text(release: Release, today: date) -> str:
    who = release.recipient_name
    if release.recipient_org:
        who = f"{who}, {release.recipient_org}"
    until = release.expires_on.isoformat() if release.expires_on else release.expiry_event
    state = release.state_on(today)
    if release.in_force_on(today):
        return f"{who} — until {until}" if until else who
    return f"{who} — {state}, cannot be used"


class BasisBox(QGroupBox):
    changed = Signal()

    def __init__(
        self, releases: list[Release], open_requests: list[AccessRequest], today: date
    ) -> None:
        super().__init__("Why the record is given")
        self._releases = {r.id: r for r in releases}
        self.own_request = QRadioButton("The client's own &request for their record")
        self.own_request.setChecked(True)
        self.by_release = QRadioButton("A release of &information the client signed:")
        group = QButtonGroup(self)
        group.addButton(self.own_request)
        group.addButton(self.by_release)
        self.release_list = QComboBox()
        self.release_list.setAccessibleName("Release of information")
        model = QStandardItemModel(self.release_list)
        usable = 0
        for release in sorted(releases, key=lambda r: not r.in_force_on(today)):
            item = QStandardItem(release_text(release, today))
            item.setData(release.id, RELEASE_ROLE)
            if not release.in_force_on(today):
                unusable = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
                item.setFlags(item.flags() & ~unusable)
            else:
                usable += 1
            model.appendRow(item)
        self.release_list.setModel(model)
        self.release_list.setEnabled(False)
        self.release_list.setVisible(bool(releases))
        self.by_release.setEnabled(usable > 0)
        self.no_release = QLabel()
        self.no_release.setObjectName("Hint")
        if not releases:
            self.no_release.setText("This client has no release of information on file.")
        elif not usable:
            self.no_release.setText("None of this client's releases is in force today.")
        self.no_release.setVisible(usable == 0)

        self.request = min(open_requests, key=lambda r: (r.received_on, r.id), default=None)
        self.close_request = QCheckBox()
        self.close_request.setVisible(self.request is not None)
        if self.request is not None:
            self.close_request.setText(
                f"This &closes the open access request of {self.request.received_on.isoformat()}"
            )
            self.close_request.setChecked(True)
        self.more_requests = QLabel()
        self.more_requests.setObjectName("Hint")
        if len(open_requests) > 1:
            self.more_requests.setText(
                f"{len(open_requests) - 1} more open access request(s) stay open; close them "
                "on the Confidentiality tab."
            )
        self.more_requests.setVisible(len(open_requests) > 1)

        layout = QVBoxLayout(self)
        layout.addWidget(self.own_request)
        layout.addWidget(self.by_release)
        layout.addWidget(self.release_list)
        layout.addWidget(self.no_release)
        layout.addWidget(self.close_request)
        layout.addWidget(self.more_requests)

        self.by_release.toggled.connect(self._basis_changed)
        self.release_list.currentIndexChanged.connect(lambda _i: self.changed.emit())

    def chosen_release(self) -> Release | None:
        if not self.by_release.isChecked():
            return None
        index = self.release_list.currentIndex()
        if index < 0:
            return None
        item = self.release_list.model().index(index, 0)
        if not item.flags() & Qt.ItemFlag.ItemIsEnabled:
            return None
        release_id = item.data(RELEASE_ROLE)
        return self._releases.get(release_id) if isinstance(release_id, int) else None

    def basis(self) -> ExportBasis:
        release = self.chosen_release()
        if release is None:
            return CLIENT_REQUEST
        return ExportBasis("release", release.id)  # the vault names its recipient and org

    def request_to_close(self) -> int | None:
        """The access request this export fulfils, when the client asked for their record."""
        if self.request is None or self.by_release.isChecked():
            return None
        return self.request.id if self.close_request.isChecked() else None

    def problem(self) -> str:
        if self.by_release.isChecked() and self.chosen_release() is None:
            return "Choose a release of information that is in force today."
        return ""

    def _basis_changed(self, by_release: bool) -> None:
        self.release_list.setEnabled(by_release)
        if by_release and self.chosen_release() is None:
            for row in range(self.release_list.count()):
                if self.release_list.model().index(row, 0).flags() & Qt.ItemFlag.ItemIsEnabled:
                    self.release_list.setCurrentIndex(row)
                    break
        self.close_request.setEnabled(not by_release)
        self.changed.emit()
