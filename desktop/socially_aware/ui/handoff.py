"""Results from a worker thread to the UI thread through a queue: only a bare signal crosses threads.

A Python object passed as the argument of a queued, cross-thread signal crashed the test run now and
then under load (a segmentation fault while the UI thread read the object). Putting the object in a
thread-safe queue and signalling "something is waiting" keeps Python objects out of Qt's queued-event
machinery altogether.
"""

from __future__ import annotations

import queue

from PySide6.QtCore import QObject, Signal


class Handoff(QObject):
    """Made on the UI thread; workers `post`, the UI thread `take`s after `posted`."""

    posted = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._queue: queue.SimpleQueue[tuple[object, ...]] = queue.SimpleQueue()

    def post(self, *values: object) -> None:
        """From any thread."""
        self._queue.put(values)
        self.posted.emit()

    def take(self) -> list[tuple[object, ...]]:
        """On the UI thread: everything posted so far, oldest first."""
        taken = []
        while True:
            try:
                taken.append(self._queue.get_nowait())
            except queue.Empty:
                return taken
