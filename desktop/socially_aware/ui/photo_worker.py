"""Photo work off the UI thread: inspecting a selection and cleaning a batch, both cancellable."""

from __future__ import annotations

import dataclasses
import threading
import time
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QObject, QThread, Signal

from socially_aware.scrubber.model import CleanOptions, CleanResult, Inspection
from socially_aware.ui.handoff import Handoff
from socially_aware.ui.services import PhotoActions


class _InspectJob(QObject):
    """Posts ("inspected", Inspection) per file, then ("inspection_finished", files, summary)."""

    finished = Signal()

    def __init__(self, actions: PhotoActions, roots: Sequence[Path], stop: threading.Event, out: Handoff) -> None:
        super().__init__()
        self.actions, self.roots, self.stop, self.out = actions, list(roots), stop, out

    def run(self) -> None:
        files = self.actions.collect(self.roots)
        inspections: list[Inspection] = []
        for path in files:
            if self.stop.is_set():
                break
            inspection = self.actions.inspect(path)
            inspections.append(inspection)
            self.out.post("inspected", inspection)
        summary = self.actions.summarise(inspections)
        if self.actions.left_out is not None:
            reasons = tuple(f"{path.name}: {why}." for path, why in self.actions.left_out(self.roots))
            summary = dataclasses.replace(summary, left_out=reasons)
        self.out.post("inspection_finished", files, summary)
        self.finished.emit()


class _CleanJob(QObject):
    """Posts ("progressed", done, total, CleanResult, seconds left) per file, then ("cleaning_finished", results)."""

    finished = Signal()

    def __init__(
        self,
        actions: PhotoActions,
        options: CleanOptions,
        files: Sequence[Path],
        roots: Sequence[Path],
        stop: threading.Event,
        out: Handoff,
    ) -> None:
        super().__init__()
        self.actions, self.options, self.files, self.roots, self.stop = actions, options, list(files), list(roots), stop
        self.out = out

    def run(self) -> None:
        started = time.monotonic()

        def report(done: int, total: int, result: CleanResult) -> None:
            elapsed = time.monotonic() - started
            left = elapsed / done * (total - done) if done else 0.0
            self.out.post("progressed", done, total, result, left)

        results = self.actions.cleaner(self.options).run(
            self.files, self.roots, on_result=report, cancelled=self.stop.is_set
        )
        self.out.post("cleaning_finished", results)
        self.finished.emit()


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
        self._out = Handoff(self)
        self._out.posted.connect(self._deliver)

    def busy(self) -> bool:
        """Whether a job is still working. A finished job's thread may take a moment longer to
        stop: that must not turn away the person's next click ("cleaning again works")."""
        return not self._job_done and self._thread is not None and self._thread.isRunning()

    def _deliver(self) -> None:
        """On the UI thread: what the job posted, as this worker's own signals, in order."""
        for name, *values in self._out.take():
            if name in ("inspection_finished", "cleaning_finished"):
                self._job_done = True  # first, so busy() is False when the page hears of it
            getattr(self, str(name)).emit(*values)

    def inspect(self, roots: Sequence[Path]) -> None:
        self._start(_InspectJob(self.actions, roots, self._fresh_stop(), self._out))

    def clean(self, options: CleanOptions, files: Sequence[Path], roots: Sequence[Path]) -> None:
        self._start(_CleanJob(self.actions, options, files, roots, self._fresh_stop(), self._out))

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

    def _start(self, job: _InspectJob | _CleanJob) -> None:
        thread = QThread(self)
        job.moveToThread(thread)
        thread.started.connect(job.run)
        job.finished.connect(thread.quit)
        self._thread, self._job = thread, job  # keep the job alive while its thread runs
        self._job_done = False
        thread.start()
