"""Run one slow call off the UI thread and hand its result back on the UI thread."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QThread, Signal

from socially_aware.ui.handoff import Handoff


class _Call(QObject):
    done = Signal()

    def __init__(self, function: Callable[[], Any], out: Handoff) -> None:
        super().__init__()
        self.function, self.out = function, out

    def run(self) -> None:
        try:
            result = self.function()
        except Exception as error:  # handed to the UI, which shows it; the thread must not die silently
            self.out.post(None, error)
        else:
            self.out.post(result, None)
        self.done.emit()


class BackgroundCall(QObject):
    finished = Signal(object, object)
    """(result, error) on the UI thread"""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._thread: QThread | None = None
        self._call: _Call | None = None
        self._out = Handoff(self)
        self._out.posted.connect(self._deliver)

    def _deliver(self) -> None:
        for result, error in self._out.take():
            self.finished.emit(result, error)

    def busy(self) -> bool:
        return self._thread is not None and self._thread.isRunning()

    def start(self, function: Callable[[], Any]) -> None:
        self.wait()
        thread = QThread(self)
        call = _Call(function, self._out)
        call.moveToThread(thread)
        thread.started.connect(call.run)
        call.done.connect(thread.quit)
        self._thread, self._call = thread, call  # keep the call alive while its thread runs
        thread.start()

    def wait(self) -> None:
        if self._thread is not None:
            self._thread.quit()
            self._thread.wait()
