"""What a photo shows, drawn on its preview: boxes around the organisation's name, faces and codes.

`BoxCanvas` paints a picture with boxes in the photo's own pixels; the person can draw a box with
the mouse, or with the keyboard (Insert adds one, arrows move the chosen box, Shift+arrows resize
it, Space ticks it, Delete removes one they drew). `PhotoShowsPanel` looks inside a photo off the
UI thread and shows the preview and the list together, with Redact. Words read from a picture are
shown as plain text (`untrusted.shown`). No image decoding here beyond Qt's own preview reader.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QPoint, QRect, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QImage,
    QImageReader,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QPen,
)
from PySide6.QtWidgets import (
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from socially_aware.photocontent.model import Box, Cancelled, Kind, Look, Redaction, Shown
from socially_aware.scrubber.limits import MAX_PREVIEW_MB
from socially_aware.ui.background import BackgroundRunner
from socially_aware.ui.labels import plain
from socially_aware.ui.messages import Messages
from socially_aware.ui.signals import emit
from socially_aware.ui.untrusted import shown

PREVIEW_SIDE = 1600
"""The preview is read at most this large: boxes stay sharp, memory stays small."""


@dataclass(frozen=True)
class ShowsActions:
    """What the photo-content widgets may ask of the domain, wired in `app.py`."""

    look: Callable[[Path, Callable[[], bool]], Look]
    """(photo, cancelled) -> what it shows."""
    redact: Callable[[Path, list[Box], Path], Redaction]
    """(photo, boxes to cover, output folder) -> the saved, re-checked copy."""


def read_preview(path: Path) -> QImage:
    """The photo upright (its Exif rotation applied, as the boxes are), at most PREVIEW_SIDE."""
    reader = QImageReader(str(path))
    reader.setAutoTransform(True)
    reader.setAllocationLimit(MAX_PREVIEW_MB)  # a decompression bomb must not take the window down
    size = reader.size()
    if size.isValid() and max(size.width(), size.height()) > PREVIEW_SIDE:
        reader.setScaledSize(size.scaled(QSize(PREVIEW_SIDE, PREVIEW_SIDE), Qt.AspectRatioMode.KeepAspectRatio))
    return reader.read()


LABELS = {Kind.TEXT: "Text", Kind.FACE: "Face", Kind.CODE: "Code"}


def describe(item: Shown) -> str:
    """One plain line for the list: what it is, the words read, why it matters."""
    said = f" “{shown(item.text)}”" if item.text else ""
    if item.term:
        return f"Names {shown(item.term)}:{said} — {item.why} ({item.policy})"
    return f"{LABELS[item.kind]}{said} — {item.why}"


@dataclass
class EditBox:
    box: Box
    label: str
    kind: Kind | None = None
    """None for a box the person drew."""
    ticked: bool = True
    term: str | None = None


@dataclass
class _Drag:
    start: QPoint
    end: QPoint = field(default_factory=QPoint)


class BoxCanvas(QWidget):
    """A picture with boxes; keyboard-first editing of the chosen box."""

    changed = Signal()
    chosen = Signal(int)

    STEP = 0.01
    """Arrow keys move or resize the chosen box by this share of the picture's longer side."""

    def __init__(self, parent: QWidget | None = None, *, editable: bool = False) -> None:
        super().__init__(parent)
        self.editable = editable
        self.image = QImage()
        self.full = QSize(0, 0)
        self.boxes: list[EditBox] = []
        self.current = -1
        self._drag: _Drag | None = None
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus if editable else Qt.FocusPolicy.NoFocus)
        self.setMinimumSize(320, 220)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setAccessibleName("Photo preview with boxes" + (": arrows move, Shift+arrows resize" if editable else ""))

    def set_picture(self, image: QImage, width: int, height: int, boxes: list[EditBox]) -> None:
        self.image, self.full, self.boxes = image, QSize(width, height), boxes
        self.current = 0 if boxes else -1
        self.update()

    # -- geometry: the picture fits the widget, boxes are in the photo's pixels --------------------
    def _target(self) -> QRectF:
        if self.full.isEmpty():
            return QRectF()
        scale = min(self.width() / self.full.width(), self.height() / self.full.height())
        w, h = self.full.width() * scale, self.full.height() * scale
        return QRectF((self.width() - w) / 2, (self.height() - h) / 2, w, h)

    def _on_screen(self, box: Box) -> QRectF:
        target = self._target()
        s = target.width() / self.full.width() if self.full.width() else 1.0
        return QRectF(target.x() + box.x * s, target.y() + box.y * s, box.w * s, box.h * s)

    def _to_photo(self, point: QPoint) -> tuple[int, int]:
        target = self._target()
        s = self.full.width() / target.width() if target.width() else 1.0
        x = round((point.x() - target.x()) * s)
        y = round((point.y() - target.y()) * s)
        return max(0, min(x, self.full.width())), max(0, min(y, self.full.height()))

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        target = self._target()
        if not self.image.isNull():
            painter.drawImage(target, self.image)
        elif not self.full.isEmpty():
            painter.fillRect(target, self.palette().color(QPalette.ColorRole.Mid))
        for index, item in enumerate(self.boxes):
            rect = self._on_screen(item.box)
            colour = _colour(item)
            if self.editable and item.ticked:
                painter.fillRect(rect, QColor(0, 0, 0, 200))  # how the cover will look (solid when saved)
            pen = QPen(colour, 4 if index == self.current else 2)
            pen.setStyle(Qt.PenStyle.SolidLine if item.ticked or not self.editable else Qt.PenStyle.DashLine)
            painter.setPen(pen)
            painter.drawRect(rect)
            painter.fillRect(QRectF(rect.x(), rect.y() - 18, 18, 18), colour)
            painter.setPen(QColor("white"))
            painter.drawText(QRectF(rect.x(), rect.y() - 18, 18, 18), Qt.AlignmentFlag.AlignCenter, str(index + 1))
        if self._drag is not None:
            painter.setPen(QPen(QColor("#d0021b"), 2, Qt.PenStyle.DashLine))
            painter.drawRect(QRect(self._drag.start, self._drag.end).normalized())
        if self.hasFocus():
            painter.setPen(QPen(self.palette().color(QPalette.ColorRole.Highlight), 2))
            painter.drawRect(self.rect().adjusted(1, 1, -2, -2))
        painter.end()

    # -- mouse: drag to draw a box ------------------------------------------------------------------
    def mousePressEvent(self, event: QMouseEvent) -> None:
        if self.editable and event.button() == Qt.MouseButton.LeftButton:
            self._drag = _Drag(event.position().toPoint(), event.position().toPoint())
            self.setFocus()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self._drag is not None:
            self._drag.end = event.position().toPoint()
            self.update()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if self._drag is None:
            return
        (x0, y0), (x1, y1) = self._to_photo(self._drag.start), self._to_photo(event.position().toPoint())
        self._drag = None
        if abs(x1 - x0) >= 4 and abs(y1 - y0) >= 4:
            self.add_box(Box(min(x0, x1), min(y0, y1), abs(x1 - x0), abs(y1 - y0)))
        self.update()

    # -- keyboard: choose, add, move, resize, tick, remove -------------------------------------------
    def add_box(self, box: Box | None = None) -> None:
        if box is None:  # Insert: a box in the middle, a tenth of the picture, to move and resize
            w, h = max(8, self.full.width() // 10), max(8, self.full.height() // 10)
            box = Box((self.full.width() - w) // 2, (self.full.height() - h) // 2, w, h)
        self.boxes.append(EditBox(box, "A box you drew"))
        self.current = len(self.boxes) - 1
        emit(self, "changed")
        emit(self, "chosen", self.current)
        self.update()

    def choose(self, index: int) -> None:
        if 0 <= index < len(self.boxes):
            self.current = index
            self.update()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key, mods = event.key(), event.modifiers()
        if not self.editable:
            super().keyPressEvent(event)
            return
        if key == Qt.Key.Key_Insert:
            self.add_box()
            return
        if self.current < 0:
            super().keyPressEvent(event)
            return
        item = self.boxes[self.current]
        step = max(1, round(max(self.full.width(), self.full.height()) * self.STEP))
        moves = {
            Qt.Key.Key_Left: (-step, 0),
            Qt.Key.Key_Right: (step, 0),
            Qt.Key.Key_Up: (0, -step),
            Qt.Key.Key_Down: (0, step),
        }
        if key in moves:
            dx, dy = moves[Qt.Key(key)]
            b = item.box
            if mods & Qt.KeyboardModifier.ShiftModifier:
                b = Box(b.x, b.y, max(4, b.w + dx), max(4, b.h + dy))
            else:
                b = Box(b.x + dx, b.y + dy, b.w, b.h)
            item.box = b.clipped(self.full.width(), self.full.height()) if b.w and b.h else b
        elif key == Qt.Key.Key_Space:
            item.ticked = not item.ticked
        elif key == Qt.Key.Key_Delete and item.kind is None:
            del self.boxes[self.current]
            self.current = min(self.current, len(self.boxes) - 1)
        elif key in (Qt.Key.Key_PageDown, Qt.Key.Key_PageUp) and self.boxes:
            self.current = (self.current + (1 if key == Qt.Key.Key_PageDown else -1)) % len(self.boxes)
            emit(self, "chosen", self.current)
        else:
            super().keyPressEvent(event)
            return
        emit(self, "changed")
        self.update()


def _colour(item: EditBox) -> QColor:
    if item.kind is None:
        return QColor("#6a1b9a")
    if item.term:
        return QColor("#d0021b")
    return {Kind.FACE: QColor("#b35900"), Kind.CODE: QColor("#0b57d0")}.get(item.kind, QColor("#5f6368"))


def edit_boxes(look: Look, *, ticked_kinds: frozenset[Kind] = frozenset({Kind.CODE})) -> list[EditBox]:
    """The boxes worth showing: names (ticked), codes (ticked), faces (not ticked: it may be your own)."""
    return [
        EditBox(s.box, describe(s), s.kind, bool(s.term) or s.kind in ticked_kinds, s.term)
        for s in look.shows
        if s.matters
    ]


class PhotoShowsPanel(QWidget):
    """Looks inside one photo off the UI thread; shows the preview with boxes and the list, with Redact."""

    looked = Signal(object)
    """The Look, once shown."""
    redact_requested = Signal()

    def __init__(
        self, actions: ShowsActions, parent: QWidget | None = None, *, messages: Messages | None = None
    ) -> None:
        super().__init__(parent)
        self.services = actions
        self.messages = messages or Messages()
        self.path: Path | None = None
        self.look: Look | None = None
        self.image = QImage()
        self._stop = threading.Event()
        self._call = BackgroundRunner(self)
        self._call.finished.connect(self._finished)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        self.status = plain("", role="muted")
        self.status.setAccessibleName("What the photo shows")
        column.addWidget(self.status)
        row = QHBoxLayout()
        self.canvas = BoxCanvas()
        row.addWidget(self.canvas, 3)
        self.list = QListWidget()
        self.list.setAccessibleName("What the photo shows, and why it matters")
        self.list.setWordWrap(True)
        self.list.setSpacing(3)
        self.list.currentRowChanged.connect(self.canvas.choose)
        row.addWidget(self.list, 2)
        column.addLayout(row, 1)
        buttons = QHBoxLayout()
        self.redact_button = QPushButton("Redact: co&ver parts and save a copy…")
        self.redact_button.setAccessibleName("Cover parts of this photo with solid black and save a cleaned copy")
        self.redact_button.clicked.connect(self.redact_requested)
        self.cancel_button = QPushButton("Stop looking")
        self.cancel_button.clicked.connect(self.cancel)
        buttons.addWidget(self.redact_button)
        buttons.addWidget(self.cancel_button)
        buttons.addStretch(1)
        column.addLayout(buttons)
        self._set_busy(False)
        self.redact_button.setEnabled(False)

    def start(self, path: Path) -> None:
        self.cancel()
        self.path, self.look = path, None
        self.list.clear()
        self.canvas.set_picture(QImage(), 0, 0, [])
        self.messages.info("Looking inside the photo for the organisation's name, faces and codes…", inline=self.status)
        self._stop = threading.Event()
        stop = self._stop
        self._set_busy(True)
        self._call.call(lambda: (self.services.look(path, stop.is_set), read_preview(path)))

    def busy(self) -> bool:
        return self._call.busy()

    def cancel(self) -> None:
        self._stop.set()

    def shutdown(self) -> None:
        self._stop.set()
        self._call.wait()

    def _set_busy(self, busy: bool) -> None:
        self.cancel_button.setVisible(busy)
        self.redact_button.setEnabled(not busy and self.look is not None and not self.look.error)

    def _finished(self, result: Any, error: Exception | None) -> None:
        if error is not None or result is None:
            self.look = None
            self._set_busy(False)
            cancelled = isinstance(error, Cancelled)
            if cancelled:
                self.messages.info("Stopped.", inline=self.status)
            else:
                self.status.clear()  # the banner says why; "Looking inside…" would say it is still going
                self.messages.error(f"Could not look inside the photo: {shown(str(error))}")
            return
        look, image = result
        self.look, self.image = look, image
        self._set_busy(False)
        self.messages.info(look.summary() + "".join(f"\n{n}" for n in look.notes), inline=self.status)
        self.canvas.set_picture(image, look.width, look.height, edit_boxes(look))
        for index, edit in enumerate(self.canvas.boxes):
            QListWidgetItem(f"{index + 1}. {edit.label}", self.list)
        others = [s for s in look.shows if not s.matters]
        for item in others:
            QListWidgetItem(describe(item), self.list)
        emit(self, "looked", look)


class PhotoLooker(QObject):
    """Looks inside photos one at a time off the UI thread, the asked-for one first; keeps each Look."""

    looked = Signal(object, object)
    """(path, Look) on the UI thread."""

    def __init__(self, actions: ShowsActions, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.services = actions
        self.looks: dict[Path, Look] = {}
        self._queue: list[Path] = []
        self._current: Path | None = None
        self._stop = threading.Event()
        self._call = BackgroundRunner(self)
        self._call.finished.connect(self._finished)

    def want(self, paths: list[Path], *, first: bool = False) -> None:
        fresh = [p for p in paths if p not in self.looks and p != self._current and p not in self._queue]
        self._queue = fresh + self._queue if first else self._queue + fresh
        if first:  # the one a person is looking at goes ahead of the rest
            for path in paths:
                if path in self._queue:
                    self._queue.remove(path)
                    self._queue.insert(0, path)
        self._next()

    def pending(self) -> int:
        return len(self._queue) + (self._current is not None)

    def cancel(self) -> None:
        self._queue.clear()
        self._stop.set()

    def shutdown(self) -> None:
        self.cancel()
        self._call.wait()

    def _next(self) -> None:
        if self._current is not None or not self._queue:
            return
        path = self._current = self._queue.pop(0)
        self._stop = threading.Event()
        stop = self._stop
        self._call.call(lambda: self.services.look(path, stop.is_set))

    def _finished(self, look: Look | None, error: Exception | None) -> None:
        path, self._current = self._current, None
        if path is not None and look is not None:
            self.looks[path] = look
            emit(self, "looked", path, look)
        elif path is not None and not isinstance(error, Cancelled):
            failed = Look(path=path, error=f"could not be looked at ({type(error).__name__})")
            self.looks[path] = failed
            emit(self, "looked", path, failed)
        self._next()


def shows_lines(look: Look | None) -> str:
    """The "What it shows" part of a photo's details."""
    if look is None:
        return "What it shows: looking inside the photo…"
    lines = [f"What it shows: {look.summary()}"]
    lines += [f"  • {describe(s)}" for s in look.shows if s.matters]
    others = [s.text for s in look.shows if not s.matters and s.text]
    if others:
        lines.append("  Other words read: " + "; ".join(f"“{t}”" for t in others[:12]))
    lines += [f"  {note}" for note in look.notes]
    return "\n".join(lines)


def flagged(look: Look | None) -> bool:
    """What the photo cleaner's filter keeps: photos that show the organisation's name or faces."""
    return look is not None and (look.names_organisation or look.faces > 0)
