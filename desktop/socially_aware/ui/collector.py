"""Python's cyclic garbage collector, run only on the UI thread.

Left automatic, the collector runs in whichever thread happens to allocate, so a worker thread (the
photo inspection, a key derivation) could destroy widgets that became garbage: Qt widgets must only
ever be destroyed on the UI thread, and doing otherwise crashed the test run now and then under load.
Automatic collection is switched off and this timer collects on the UI thread instead.
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer

INTERVAL_MS = 500
"""Often enough that garbage never piles up; a collection with little to do costs microseconds."""


class MainThreadCollector(QObject):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        gc.disable()
        self._timer = QTimer(self)
        self._timer.setInterval(INTERVAL_MS)
        self._timer.timeout.connect(collect_due)
        self._timer.start()


def collect_due() -> None:
    """Collect the oldest generation whose threshold was passed, as automatic collection would."""
    counts, thresholds = gc.get_count(), gc.get_threshold()
    for generation in (2, 1, 0):
        if counts[generation] > thresholds[generation]:
            gc.collect(generation)
            return
