"""The session facts above a note's text: when, how long, how, who, diagnoses and risk.

Shows a `NoteContent`'s fields and collects them back; whether they are valid is the vault's
call (drafts leniently, signing strictly).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from PySide6.QtCore import QDateTime, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateTimeEdit,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QWidget,
)

from ui.kit.labels import buddy_label
from ui.kit.note_labels import MODALITY_LABELS, RISK_LABELS, SERVICE_LABELS
from ui.notes.participants_field import ParticipantsField
from vault.notes.model import MODALITIES, RISK_LEVELS, SERVICE_TYPES, NoteContent, RiskAssessment

_ISO_MINUTES = "yyyy-MM-ddTHH:mm"
DIAGNOSES_HINT = "ICD-10-CM codes, comma-separated, e.g. F41.1, Z63.0"
RISK_HINT = "Risk factors, protective factors, actions taken"


def _combo(values: tuple[str, ...], labels: dict[str, str]) -> QComboBox:
    combo = QComboBox()
    for value in values:
        combo.addItem(labels.get(value, value), value)
    return combo


def _choose(combo: QComboBox, value: str) -> None:
    index = combo.findData(value)
    if index < 0:  # a value this version does not know: show it rather than hide it
        combo.addItem(value, value)
        index = combo.count() - 1
    combo.setCurrentIndex(index)


class NoteDetailsForm(QWidget):
    changed = Signal()
    participants_changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session_start = QDateTimeEdit()
        self.session_start.setCalendarPopup(True)
        self.session_start.setDisplayFormat("ddd yyyy-MM-dd HH:mm")
        self.duration = QSpinBox()
        self.duration.setRange(-1, 24 * 60)
        self.duration.setSpecialValueText("Not recorded")
        self.duration.setSuffix(" min")
        self.modality = _combo(MODALITIES, MODALITY_LABELS)
        self.service_type = _combo(SERVICE_TYPES, SERVICE_LABELS)
        self.participants = ParticipantsField()
        self.diagnoses = QLineEdit()
        self.diagnoses.setPlaceholderText(DIAGNOSES_HINT)
        self.risk_to_self = _combo(RISK_LEVELS, RISK_LABELS)
        self.risk_to_others = _combo(RISK_LEVELS, RISK_LABELS)
        self.safety_plan = QCheckBox("Safety &plan reviewed")
        self.risk_notes = QPlainTextEdit()
        self.risk_notes.setAccessibleName("Risk notes")
        self.risk_notes.setPlaceholderText(RISK_HINT)
        self.risk_notes.setMaximumHeight(56)
        self.risk_notes.setTabChangesFocus(True)

        when = QHBoxLayout()
        when.addWidget(self.session_start, 2)
        when.addWidget(buddy_label("D&uration:", self.duration))
        when.addWidget(self.duration, 1)
        how = QHBoxLayout()
        how.addWidget(self.modality, 1)
        how.addWidget(buddy_label("S&ervice:", self.service_type))
        how.addWidget(self.service_type, 1)
        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow(buddy_label("Session &date:", self.session_start), when)
        form.addRow(buddy_label("&Modality:", self.modality), how)
        form.addRow(buddy_label("Partic&ipants:", self.participants), self.participants)
        form.addRow(buddy_label("Dia&gnoses:", self.diagnoses), self.diagnoses)

        self.risk_box = QGroupBox("Risk")
        risk = QFormLayout(self.risk_box)
        levels = QHBoxLayout()
        levels.addWidget(self.risk_to_self, 1)
        levels.addWidget(buddy_label("To &others:", self.risk_to_others))
        levels.addWidget(self.risk_to_others, 1)
        levels.addWidget(self.safety_plan)
        risk.addRow(buddy_label("To se&lf:", self.risk_to_self), levels)
        risk.addRow(buddy_label("Risk notes:", self.risk_notes), self.risk_notes)
        form.addRow(self.risk_box)

        self.session_start.dateTimeChanged.connect(lambda _v: self.changed.emit())
        self.duration.valueChanged.connect(lambda _v: self.changed.emit())
        for combo in (self.modality, self.service_type, self.risk_to_self, self.risk_to_others):
            combo.currentIndexChanged.connect(lambda _i: self.changed.emit())
        self.safety_plan.toggled.connect(lambda _on: self.changed.emit())
        self.diagnoses.textEdited.connect(lambda _t: self.changed.emit())
        self.risk_notes.textChanged.connect(self.changed.emit)
        self.participants.changed.connect(self._match_service_to_participants)
        self.participants.changed.connect(self.participants_changed.emit)
        self.participants.changed.connect(self.changed.emit)

    def _match_service_to_participants(self) -> None:
        """Adding a second person makes an individual session a couples one (and back), so the
        note can be signed without a trip to the Service box; family and group stay as chosen."""
        if self.signalsBlocked():  # loading a stored note: show it as it was written
            return
        count = len(self.participants.participants())
        current = str(self.service_type.currentData())
        if count > 1 and current == "individual":
            _choose(self.service_type, "couples")
        elif count == 1 and current == "couples":
            _choose(self.service_type, "individual")

    def set_content(self, content: NoteContent) -> None:
        """Show the facts of `content` without announcing a change."""
        self.blockSignals(True)
        try:
            start = QDateTime.fromString(content.session_start[:16], _ISO_MINUTES)
            self.session_start.setDateTime(
                start if start.isValid() else QDateTime.currentDateTime()
            )
            self.duration.setValue(
                -1 if content.duration_minutes is None else content.duration_minutes
            )
            _choose(self.modality, content.modality)
            _choose(self.service_type, content.service_type)
            self.participants.set_participants(content.participants)
            self.diagnoses.setText(", ".join(content.diagnoses))
            _choose(self.risk_to_self, content.risk.to_self)
            _choose(self.risk_to_others, content.risk.to_others)
            self.safety_plan.setChecked(content.risk.safety_plan_reviewed)
            if self.risk_notes.toPlainText() != content.risk.notes:
                self.risk_notes.setPlainText(content.risk.notes)
        finally:
            self.blockSignals(False)

    def apply_to(self, content: NoteContent) -> NoteContent:
        """`content` with the facts as they stand in the form."""
        start = self.session_start.dateTime()
        duration = self.duration.value()
        return replace(
            content,
            session_start=start.toString(_ISO_MINUTES),
            duration_minutes=None if duration < 0 else duration,
            modality=str(self.modality.currentData()),
            service_type=str(self.service_type.currentData()),
            participants=self.participants.participants(),
            diagnoses=tuple(c.strip() for c in self.diagnoses.text().split(",") if c.strip()),
            risk=RiskAssessment(
                to_self=str(self.risk_to_self.currentData()),
                to_others=str(self.risk_to_others.currentData()),
                safety_plan_reviewed=self.safety_plan.isChecked(),
                notes=self.risk_notes.toPlainText(),
            ),
        )

    def set_read_only(self, read_only: bool) -> None:
        for widget in (
            self.session_start,
            self.duration,
            self.modality,
            self.service_type,
            self.risk_to_self,
            self.risk_to_others,
            self.safety_plan,
        ):
            widget.setEnabled(not read_only)
        self.diagnoses.setReadOnly(read_only)
        self.diagnoses.setPlaceholderText("None recorded" if read_only else DIAGNOSES_HINT)
        self.risk_notes.setPlaceholderText("" if read_only else RISK_HINT)
        self.risk_notes.setReadOnly(read_only)
        self.participants.set_read_only(read_only)


def now_minutes() -> str:
    """The current local time as a session start (``2026-03-02T14:05``)."""
    return datetime.now().strftime("%Y-%m-%dT%H:%M")
