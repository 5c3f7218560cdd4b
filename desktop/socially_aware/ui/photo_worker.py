"""Photo work off the UI thread: inspecting a selection and cleaning a batch, both cancellable.

The jobs run on the one UI background runner (`ui/background.py`); this module only says what they
do and turns what they report into the photo page's own signals.
"""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QObject, Signal

from socially_aware.scrubber.model import CleanOptions, CleanResult, Inspection
from socially_aware.ui.background import BackgroundRunner, JobContext
from socially_aware.ui.services import PhotoActions
from socially_aware.ui.signals import emit


class PhotoWorker(QObject):
    """One photo job at a time; the page talks to it through signals only."""

    inspected = Signal(object)
    inspection_finished = Signal(object, object)
    progressed = Signal(int, int, object, float)
    cleaning_finished = Signal(object)

    def __init__(self, actions: PhotoActions, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.actions = actions
        self._runner = BackgroundRunner(self)
        self._runner.reported.connect(self._reported)
        self._runner.finished.connect(self._finished)

    def busy(self) -> bool:
        return self._runner.busy()

    def inspect(self, roots: Sequence[Path]) -> None:
        self._runner.start(lambda job: self._inspect(job, list(roots)))

    def clean(self, options: CleanOptions, files: Sequence[Path], roots: Sequence[Path]) -> None:
        self._runner.start(lambda job: self._clean(job, options, list(files), list(roots)))

    def cancel(self) -> None:
        self._runner.cancel()

    def wait(self) -> None:
        self._runner.wait()

    # -- on the runner's thread ----------------------------------------------------------------
    def _inspect(self, job: JobContext, roots: list[Path]) -> tuple[str, object, object]:
        """Reports each Inspection; returns ("inspection_finished", files, summary)."""
        files = self.actions.collect(roots)
        inspections: list[Inspection] = []
        for path in files:
            if job.cancelled():
                break
            inspection = self.actions.inspect(path)
            inspections.append(inspection)
            job.report(inspection)
        summary = self.actions.summarise(inspections)
        if self.actions.left_out is not None:
            reasons = tuple(f"{path.name}: {why}." for path, why in self.actions.left_out(roots))
            summary = dataclasses.replace(summary, left_out=reasons)
        return "inspection_finished", files, summary

    def _clean(
        self, job: JobContext, options: CleanOptions, files: list[Path], roots: list[Path]
    ) -> tuple[str, object]:
        """Reports (done, total, CleanResult, seconds left) per file; returns ("cleaning_finished", results)."""
        started = time.monotonic()

        def report(done: int, total: int, result: CleanResult) -> None:
            elapsed = time.monotonic() - started
            job.report(done, total, result, elapsed / done * (total - done) if done else 0.0)

        results = self.actions.cleaner(options).run(files, roots, on_result=report, cancelled=job.cancelled)
        return "cleaning_finished", results

    # -- on the UI thread ------------------------------------------------------------------------
    def _reported(self, values: tuple[object, ...]) -> None:
        if len(values) == 1:
            emit(self, "inspected", values[0])
        else:
            emit(self, "progressed", *values)

    def _finished(self, result: object, error: BaseException | None) -> None:
        if error is not None:
            raise error  # a bug in a job: surfaced on the UI thread, as before the runner existed
        assert isinstance(result, tuple)
        name, *values = result
        emit(self, name, *values)
