"""Asked at start when the saved progress is older than the last save (a file put back or deleted).

Older progress is never shown as current without a word: the person reads what happened and
chooses to carry on with it, start over (confirmed in place), or quit to put the newest copy back.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QDialog, QFrame, QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from socially_aware.ui.labels import plain

DIALOG_WIDTH = 560
CARRY_ON = "older"
START_OVER = "start over"


class OlderProgressDialog(QDialog):
    def __init__(self, what: str, hint: str, has_older: bool, folder: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Your progress is older than your last save")
        self.setMinimumWidth(DIALOG_WIDTH)
        self.choice: str | None = None
        layout = QVBoxLayout(self)
        self.what = plain(what)
        self.what.setAccessibleDescription("What happened")
        layout.addWidget(self.what)
        layout.addWidget(plain(hint))
        layout.addWidget(
            plain(f"To put a newer copy back, quit, copy it to {folder} as progress.sa, and start the app again.")
        )

        buttons = QHBoxLayout()
        self.carry_on_button = QPushButton("Carry on with the older progress")
        self.carry_on_button.setVisible(has_older)
        self.carry_on_button.clicked.connect(lambda: self._choose(CARRY_ON))
        self.start_over_button = QPushButton("Start over…")
        self.start_over_button.clicked.connect(self._show_confirm)
        self.quit_button = QPushButton("Quit")
        self.quit_button.clicked.connect(self.reject)
        for button in (self.carry_on_button, self.start_over_button, self.quit_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout.addLayout(buttons)

        self.confirm_panel = QFrame()
        self.confirm_panel.setProperty("role", "card")
        confirm = QVBoxLayout(self.confirm_panel)
        confirm.addWidget(
            plain(
                "Starting over begins with empty progress: no platforms chosen and no steps done. "
                + ("The older progress found here will be replaced when you next save." if has_older else "")
            )
        )
        self.understand = QCheckBox("I understand that I start with empty progress")
        confirm.addWidget(self.understand)
        self.confirm_button = QPushButton("Start over")
        self.confirm_button.setEnabled(False)
        self.understand.toggled.connect(self.confirm_button.setEnabled)
        self.confirm_button.clicked.connect(lambda: self._choose(START_OVER))
        confirm.addWidget(self.confirm_button, 0, Qt.AlignmentFlag.AlignLeft)
        self.confirm_panel.setVisible(False)
        layout.addWidget(self.confirm_panel)
        (self.carry_on_button if has_older else self.start_over_button).setFocus()

    def _show_confirm(self) -> None:
        self.confirm_panel.setVisible(True)
        self.understand.setFocus(Qt.FocusReason.OtherFocusReason)

    def _choose(self, choice: str) -> None:
        if choice == START_OVER and not self.understand.isChecked():
            return
        self.choice = choice
        self.accept()
