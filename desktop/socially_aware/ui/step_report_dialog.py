""" "These steps didn't match what I saw": which device, and an optional short note.

Window-modal and opened with `open()` (no nested event loop); Enter records, Esc cancels. The
note is limited to the Tracker's length so what the person types is what is kept.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from socially_aware.catalog.model import Surface
from socially_aware.progress.model import MAX_STEP_REPORT_TEXT
from socially_aware.ui.labels import plain


class StepReportDialog(QDialog):
    def __init__(self, title: str, devices: Sequence[Surface], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("These steps didn't match what I saw")
        column = QVBoxLayout(self)
        intro = plain(
            f"Tell your organisation's content owners that the steps for \u201c{title}\u201d did not match. "
            "Only the item, the device and your note are kept; Settings saves them as a file you can send."
        )
        column.addWidget(intro)
        form = QFormLayout()
        self.device = QComboBox()
        self.device.setAccessibleName("Device the steps did not match on")
        for surface in devices:
            self.device.addItem(surface.label, surface.value)
        self.note = QLineEdit()
        self.note.setMaxLength(MAX_STEP_REPORT_TEXT)
        self.note.setPlaceholderText("Optional: what you saw instead, e.g. the menu is now called Privacy centre")
        self.note.setAccessibleName("What you saw instead (optional)")
        # Wide enough for its example: at its natural size the dialog showed "Optional: what yo…" and the
        # window frame cut its title. The padding covers the field's frame and text margins.
        self.note.setMinimumWidth(self.note.fontMetrics().horizontalAdvance(self.note.placeholderText()) + 24)
        form.addRow("&Device", self.device)
        form.addRow("&What you saw", self.note)
        column.addLayout(form)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.record_button = buttons.addButton("&Record", QDialogButtonBox.ButtonRole.AcceptRole)
        cancel = buttons.button(QDialogButtonBox.StandardButton.Cancel)
        cancel.setAutoDefault(False)  # Enter records; only Esc or a click on Cancel cancels
        self.record_button.setAutoDefault(True)
        self.record_button.setDefault(True)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        column.addWidget(buttons)
        self.note.setFocus()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Enter records from the note or the device list; on Cancel it cancels (that button has focus)."""
        focus = QApplication.focusWidget()
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and focus in (self.note, self.device):
            self.accept()
            return
        super().keyPressEvent(event)

    def chosen(self) -> tuple[Surface, str]:
        return Surface(self.device.currentData()), self.note.text()
