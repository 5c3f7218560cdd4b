"""The review's opt-in "Look inside the photos too": a check box, then, after the text review, a
progress bar with "N of M photos, about T left" and a Stop button while the photos are looked at.

Off by default: reading text in pictures is slow, and the text review must stay fast. The work runs
off the UI thread on this widget's BackgroundRunner; the findings go back to the page, which lists
them with the others (only their ids are ever stored, as the Tracker's review marks).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QProgressBar, QPushButton, QVBoxLayout, QWidget

from socially_aware.ui.background import BackgroundRunner
from socially_aware.ui.labels import plain
from socially_aware.ui.messages import Messages
from socially_aware.ui.signals import emit
from socially_aware.wording import count

if TYPE_CHECKING:  # types only: the photo modules load when the box is ticked and a review ends
    from socially_aware.photocontent.model import PhotoProgress, PhotoReview

LookPhotos = Callable[[Sequence[Path], "PhotoProgress", Callable[[], bool]], "PhotoReview"]
"""(downloads, progress, cancelled) -> the photo findings; wired in `app.py`."""


def time_left(seconds: float | None) -> str:
    if seconds is None:
        return "working out the time left"
    if seconds < 60:
        return f"about {max(1, round(seconds))} s left"
    return f"about {round(seconds / 60)} min left"


class PhotosInDownload(QWidget):
    """The check box and the photo progress of one review page."""

    finished = Signal(object)
    """The PhotoReview, or None when looking failed (the window's banner says why)."""
    running = Signal(bool)

    def __init__(
        self, look_photos: LookPhotos | None, parent: QWidget | None = None, *, messages: Messages | None = None
    ) -> None:
        super().__init__(parent)
        self._look_photos = look_photos
        self.messages = messages or Messages()
        self.worker = BackgroundRunner(self)
        self.worker.reported.connect(lambda values: self._progressed(*values))
        self.worker.finished.connect(self._finished)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        self.box = QCheckBox("Look &inside the photos too (slower: finds the organisation's name and faces)")
        self.box.setAccessibleName("Look inside the photos too")
        self.box.setAccessibleDescription(
            "After the text review, look at each photo in the download for the organisation's name and faces"
        )
        self.box.setChecked(False)
        self.box.setEnabled(look_photos is not None)
        column.addWidget(self.box)
        row = QHBoxLayout()
        self.progress = QProgressBar()
        self.progress.setAccessibleName("Photo progress")
        self.progress.setFormat("%v of %m photos")
        self.cancel_button = QPushButton("Stop looking at photos")
        self.cancel_button.setAccessibleName("Stop looking inside the photos")
        self.cancel_button.clicked.connect(self.cancel)
        row.addWidget(self.progress, 1)
        row.addWidget(self.cancel_button)
        column.addLayout(row)
        self.status = plain("", role="muted", hide_when_empty=True)
        self.status.setAccessibleDescription("Photo status")
        column.addWidget(self.status)
        self._show_running(False)

    def wanted(self) -> bool:
        return self.box.isChecked() and self._look_photos is not None

    def busy(self) -> bool:
        return self.worker.busy()

    def start(self, paths: Sequence[Path]) -> None:
        look_photos = self._look_photos
        if look_photos is None or self.busy():
            return
        self._show_running(True)
        self.progress.setRange(0, 0)
        self.messages.info("Looking inside the photos… (on this computer only)", inline=self.status)
        chosen = list(paths)
        self.worker.start(lambda job: look_photos(chosen, job.report, job.cancelled))

    def cancel(self) -> None:
        if self.busy():
            self.worker.cancel()
            self.messages.info("Stopping after this photo…", inline=self.status)

    def shutdown(self) -> None:
        self.worker.cancel()
        self.worker.wait()

    def _show_running(self, on: bool) -> None:
        self.progress.setVisible(on)
        self.cancel_button.setVisible(on)
        emit(self, "running", on)

    def _progressed(self, done: int, total: int, seconds_left: float | None) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)
        self.messages.info(f"{done:,} of {count(total, 'photo')}, {time_left(seconds_left)}", inline=self.status)

    def _finished(self, result: PhotoReview | None, error: Exception | None) -> None:
        self._show_running(False)
        if error is not None or result is None:
            self.status.clear()  # the banner says why; a stale "3 of 9 photos" would say it is still going
            self.messages.error(f"Looking inside the photos stopped: {type(error).__name__}")
            emit(self, "finished", None)
            return
        self.messages.info(result.summary(), inline=self.status)
        emit(self, "finished", result)
