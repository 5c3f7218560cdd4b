"""Redact: choose the boxes to cover, cover them with solid black and save a cleaned copy.

Suggested boxes come ticked (the organisation's name, codes); faces are offered unticked (the
photo may be of yourself). Keyboard: the preview takes focus first — PageDown/PageUp choose a box,
Space ticks it, arrows move it, Shift+arrows resize it, Insert adds a box, Delete removes one you
drew; the mouse draws one by dragging. Saving runs off the UI thread; the copy is read again and
the result says whether anything covered can still be read.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QDialog, QHBoxLayout, QListWidget, QListWidgetItem, QPushButton, QVBoxLayout, QWidget

from socially_aware.photocontent.model import Look, Redaction
from socially_aware.ui.background import BackgroundRunner
from socially_aware.ui.labels import plain
from socially_aware.ui.photo_shows import BoxCanvas, ShowsActions, edit_boxes
from socially_aware.ui.signals import emit
from socially_aware.ui.untrusted import shown

HOW = (
    "Ticked boxes are covered with solid black (never a blur, which can be undone). PageDown / PageUp choose a "
    "box, Space ticks it, arrows move it, Shift+arrows resize it, Insert adds a box, Delete removes one you drew; "
    "or drag with the mouse to draw one. The copy is saved beside the photo, cleaned of metadata; the photo "
    "itself is not changed."
)


class RedactDialog(QDialog):
    saved = Signal(object)
    """The Redaction, once saved and re-checked."""

    def __init__(
        self,
        path: Path,
        look: Look,
        image: QImage,
        actions: ShowsActions,
        parent: QWidget | None = None,
        *,
        out_dir: Callable[[Path], Path] = lambda photo: photo.parent,
    ) -> None:
        super().__init__(parent)
        self.path, self.look, self.services, self._out_dir = path, look, actions, out_dir
        self.redaction: Redaction | None = None
        self.setWindowTitle("Redact a photo")
        self.resize(1000, 680)
        column = QVBoxLayout(self)
        column.addWidget(plain(HOW, role="muted"))
        row = QHBoxLayout()
        self.canvas = BoxCanvas(editable=True)
        self.canvas.set_picture(image, look.width, look.height, edit_boxes(look))
        row.addWidget(self.canvas, 3)
        self.list = QListWidget()
        self.list.setAccessibleName("Boxes to cover: Space ticks or unticks")
        self.list.setWordWrap(True)
        row.addWidget(self.list, 2)
        column.addLayout(row, 1)
        self.status = plain("")
        self.status.setAccessibleName("Redaction result")
        column.addWidget(self.status)
        buttons = QHBoxLayout()
        self.save_button = QPushButton("&Save a covered copy")
        self.save_button.setDefault(True)
        self.close_button = QPushButton("Close")
        self.save_button.clicked.connect(self.save)
        self.close_button.clicked.connect(self.reject)
        buttons.addStretch(1)
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.close_button)
        column.addLayout(buttons)
        self._call = BackgroundRunner(self)
        self._call.finished.connect(self._finished)
        self.canvas.changed.connect(self._refill)
        self.canvas.chosen.connect(self.list.setCurrentRow)
        self.list.currentRowChanged.connect(self.canvas.choose)
        self.list.itemChanged.connect(self._ticked_in_list)
        self._refill()
        self.canvas.setFocus()

    def ticked(self) -> list[Any]:
        return [b.box for b in self.canvas.boxes if b.ticked]

    def _refill(self) -> None:
        self.list.blockSignals(True)
        self.list.clear()
        for index, edit in enumerate(self.canvas.boxes):
            item = QListWidgetItem(f"{index + 1}. {edit.label}", self.list)
            item.setCheckState(_checked(edit.ticked))
        self.list.setCurrentRow(self.canvas.current)
        self.list.blockSignals(False)
        count = len(self.ticked())
        self.save_button.setText(f"&Save a copy with {count} part{'s' * (count != 1)} covered")

    def _ticked_in_list(self, item: QListWidgetItem) -> None:
        index = self.list.row(item)
        if 0 <= index < len(self.canvas.boxes):
            self.canvas.boxes[index].ticked = item.checkState() == Qt.CheckState.Checked
            self.canvas.update()
            self._refill()

    def save(self) -> None:
        if self._call.busy():
            return
        boxes = self.ticked()
        out_dir = self._out_dir(self.path)
        self.save_button.setEnabled(False)
        self.status.setText("Covering, cleaning and reading the copy again…")
        self._call.call(lambda: self.services.redact(self.path, boxes, out_dir))

    def _finished(self, result: Redaction | None, error: Exception | None) -> None:
        self.save_button.setEnabled(True)
        if error is not None or result is None:
            self.status.setText(f"Not saved: {shown(str(error))}")
            return
        self.redaction = result
        self.status.setText(shown(result.summary()))
        emit(self, "saved", result)

    def done(self, code: int) -> None:
        self._call.wait()
        super().done(code)


def _checked(ticked: bool) -> Qt.CheckState:
    return Qt.CheckState.Checked if ticked else Qt.CheckState.Unchecked
