"""Run one slow call off the UI thread and hand its result back on the UI thread."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QThread, Signal


class _Call(QObject):
    done = Signal(object, object)
    """(result, error)"""

    def __init__(self, function: Callable[[], Any]) -> None:
        super().__init__()
        self.function = function

    def run(self) -> None:
        try:
            result = self.function()
        except Exception as error:  # handed to the UI, which shows it; the thread must not die silently
            self.done.emit(None, error)
        else:
            self.done.emit(result, None)


class BackgroundCall(QObject):
    finished = Signal(object, object)
    """(result, error) on the UI thread"""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._thread: QThread | None = None
        self._call: _Call | None = None

    def busy(self) -> bool:
        return self._thread is not None and self._thread.isRunning()

    def start(self, function: Callable[[], Any]) -> None:
        self.wait()
        thread = QThread(self)
        call = _Call(function)
        call.moveToThread(thread)
        thread.started.connect(call.run)
        call.done.connect(self.finished)
        call.done.connect(thread.quit)
        self._thread, self._call = thread, call  # keep the call alive while its thread runs
        thread.start()

    def wait(self) -> None:
        if self._thread is not None:
            self._thread.quit()
            self._thread.wait()
