"""Two passphrase boxes with a live strength meter: the widget the first-run wizard is built on.

It only shows and collects; what counts as strong enough is `passphrase_policy`'s decision.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QVBoxLayout,
    QWidget,
)

from vault.store.passphrase_policy import PassphraseVerdict, assess_passphrase

_METER_COLOURS = ("#d14b4b", "#d14b4b", "#d14b4b", "#d9902b", "#3f9c5a", "#2e8b57")


def secret_line_edit(accessible_name: str) -> QLineEdit:
    """A password-mode line edit that keeps its text out of input-method prediction and history."""
    field = QLineEdit()
    field.setEchoMode(QLineEdit.EchoMode.Password)
    field.setInputMethodHints(
        Qt.InputMethodHint.ImhHiddenText
        | Qt.InputMethodHint.ImhSensitiveData
        | Qt.InputMethodHint.ImhNoPredictiveText
    )
    field.setAccessibleName(accessible_name)
    field.setObjectName("PassphraseField")
    return field


class PassphraseFields(QWidget):
    """Passphrase + confirmation + meter. `changed` fires on every keystroke.

    `assess` is the rule that scores what is typed (the vault's passphrase policy by default;
    an export password has its own) and `noun` names the secret in the labels."""

    changed = Signal()

    def __init__(
        self,
        parent: QWidget | None = None,
        *,
        first_label: str = "&Passphrase:",
        assess: Callable[[str], PassphraseVerdict] = assess_passphrase,
        noun: str = "passphrase",
    ) -> None:
        super().__init__(parent)
        self._assess = assess
        self._noun = noun
        self.first = secret_line_edit(f"New {noun}")
        self.second = secret_line_edit(f"Repeat the {noun}")
        self.show_text = QCheckBox(f"&Show {noun}")
        self.show_text.setAccessibleName(f"Show {noun}")
        self.meter = QProgressBar()
        self.meter.setRange(0, 5)  # score + 1, so "very weak" still shows a red sliver
        self.meter.setTextVisible(True)
        self.meter.setAccessibleName(f"{noun.capitalize()} strength")
        self.meter.setMinimumHeight(20)
        self.explanation = QLabel()
        self.explanation.setWordWrap(True)
        self.explanation.setAccessibleName(f"{noun.capitalize()} advice")
        self.match_label = QLabel()
        self.match_label.setObjectName("Hint")

        form = QFormLayout()
        first = QLabel(first_label)
        first.setBuddy(self.first)
        second_label = QLabel("&Repeat it:")
        second_label.setBuddy(self.second)
        form.addRow(first, self.first)
        form.addRow(second_label, self.second)
        form.addRow("", self.show_text)
        form.addRow("Strength:", self.meter)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(form)
        layout.addWidget(self.explanation)
        layout.addWidget(self.match_label)

        self.first.textChanged.connect(self._update)
        self.second.textChanged.connect(self._update)
        self.show_text.toggled.connect(self._toggle_visible)
        self._verdict = assess("")
        self._update()

    @property
    def verdict(self) -> PassphraseVerdict:
        return self._verdict

    def passphrase(self) -> str:
        return self.first.text()

    def matches(self) -> bool:
        return bool(self.first.text()) and self.first.text() == self.second.text()

    def is_acceptable(self) -> bool:
        return self._verdict.acceptable and self.matches()

    def clear(self) -> None:
        self.first.clear()
        self.second.clear()

    def _toggle_visible(self, visible: bool) -> None:
        mode = QLineEdit.EchoMode.Normal if visible else QLineEdit.EchoMode.Password
        self.first.setEchoMode(mode)
        self.second.setEchoMode(mode)

    def _update(self) -> None:
        self._verdict = self._assess(self.first.text())
        verdict = self._verdict
        shown = verdict.score + 1 if self.first.text() else 0
        self.meter.setValue(shown)
        self.meter.setFormat(verdict.label if self.first.text() else "")
        self.meter.setStyleSheet(  # white on the colour, centred and padded: readable on any
            "QProgressBar { border: 1px solid palette(mid); border-radius: 3px; "
            "text-align: center; color: palette(text); padding: 1px; } "
            f"QProgressBar::chunk {{ background: {_METER_COLOURS[shown]}; border-radius: 2px; }}"
        )
        self.meter.setAccessibleDescription(verdict.label)
        self.explanation.setText(verdict.explanation)
        if not self.second.text():
            self.match_label.setText("")
        elif self.matches():
            self.match_label.setText(f"The two {self._noun}s match.")
        else:
            self.match_label.setText(f"The two {self._noun}s do not match yet.")
        self.changed.emit()
