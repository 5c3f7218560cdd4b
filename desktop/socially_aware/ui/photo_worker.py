"""Photo work off the UI thread: inspecting a selection and cleaning a batch, both cancellable."""

from __future__ import annotations

import threading
import time
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QObject, QThread, Signal

from socially_aware.scrubber.model import CleanOptions, CleanResult, Inspection
from socially_aware.ui.services import PhotoActions


class _InspectJob(QObject):
    inspected = Signal(object)
    """one Inspection"""
    finished = Signal(object, object)
    """(files, summary)"""

    def __init__(self, actions: PhotoActions, roots: Sequence[Path], stop: threading.Event) -> None:
        super().__init__()
        self.actions, self.roots, self.stop = actions, list(roots), stop

    def run(self) -> None:
        files = self.actions.collect(self.roots)
        inspections: list[Inspection] = []
        for path in files:
            if self.stop.is_set():
                break
            inspection = self.actions.inspect(path)
            inspections.append(inspection)
            self.inspected.emit(inspection)
        self.finished.emit(files, self.actions.summarise(inspections))


class _CleanJob(QObject):
    progressed = Signal(int, int, object, float)
    """(done, total, CleanResult, seconds left estimate)"""
    finished = Signal(object)
    """list of CleanResult"""

    def __init__(self, actions: PhotoActions, options: CleanOptions, files: Sequence[Path], roots: Sequence[Path],
                 stop: threading.Event) -> None:
        super().__init__()
        self.actions, self.options, self.files, self.roots, self.stop = actions, options, list(files), list(roots), stop

    def run(self) -> None:
        started = time.monotonic()

        def report(done: int, total: int, result: CleanResult) -> None:
            elapsed = time.monotonic() - started
            left = elapsed / done * (total - done) if done else 0.0
            self.progressed.emit(done, total, result, left)

        results = self.actions.cleaner(self.options).run(self.files, self.roots, on_result=report, cancelled=self.stop.is_set)
        self.finished.emit(results)


class PhotoWorker(QObject):
    """Owns one background thread at a time; the page talks to it through signals only."""

    inspected = Signal(object)
    inspection_finished = Signal(object, object)
    progressed = Signal(int, int, object, float)
    cleaning_finished = Signal(object)

    def __init__(self, actions: PhotoActions, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.actions = actions
        self._thread: QThread | None = None
        self._job: QObject | None = None
        self._job_done = True
        self._stop = threading.Event()

    def busy(self) -> bool:
        """Whether a job is still working. A finished job's thread may take a moment longer to
        stop: that must not turn away the person's next click ("cleaning again works")."""
        return not self._job_done and self._thread is not None and self._thread.isRunning()

    def _finished(self, *_args: object) -> None:
        self._job_done = True

    def inspect(self, roots: Sequence[Path]) -> None:
        job = _InspectJob(self.actions, roots, self._fresh_stop())
        job.finished.connect(self._finished)  # first, so busy() is False when the page hears of it
        job.inspected.connect(self.inspected)
        job.finished.connect(self.inspection_finished)
        self._start(job)

    def clean(self, options: CleanOptions, files: Sequence[Path], roots: Sequence[Path]) -> None:
        job = _CleanJob(self.actions, options, files, roots, self._fresh_stop())
        job.finished.connect(self._finished)
        job.progressed.connect(self.progressed)
        job.finished.connect(self.cleaning_finished)
        self._start(job)

    def cancel(self) -> None:
        self._stop.set()

    def wait(self) -> None:
        if self._thread is not None:
            self._thread.quit()
            self._thread.wait()

    def _fresh_stop(self) -> threading.Event:
        self.cancel()
        self.wait()
        self._stop = threading.Event()
        return self._stop

    def _start(self, job: QObject) -> None:
        thread = QThread(self)
        job.moveToThread(thread)
        thread.started.connect(job.run)  # type: ignore[attr-defined]
        job.finished.connect(thread.quit)  # type: ignore[attr-defined]
        self._thread, self._job = thread, job  # keep the job alive while its thread runs
        self._job_done = False
        thread.start()
