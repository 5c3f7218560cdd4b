"""The one background runner of the UI: a slow call off the UI thread, its reports and result back on it.

A job is a plain function taking a `JobContext`: it may `report(...)` progress (any values) and should
check `cancelled()` between steps. Everything a job reports, then its result or its exception, reaches
the UI thread in order, through one thread-safe queue: only a bare "something is waiting" signal
crosses threads. (A Python object passed as the argument of a queued cross-thread signal crashed the
test run now and then under load: the UI thread read an object the worker's side had released.)

    runner = BackgroundRunner(self)
    runner.reported.connect(self._progressed)      # (values tuple) per report, UI thread
    runner.finished.connect(self._done)            # (result, error) once, UI thread
    runner.start(lambda job: scan(paths, on_file=job.report, cancelled=job.cancelled))

See docs/decisions/0008-one-background-runner.md.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable
from functools import partial

from PySide6.QtCore import QObject, QThread, Signal

from socially_aware.ui.signals import emit


class JobContext:
    """What a running job may do: report progress and ask whether it was cancelled. Thread-safe."""

    def __init__(self, serial: int, out: queue.SimpleQueue[tuple[object, ...]], wake: Callable[[], None]) -> None:
        self._serial, self._out, self._wake = serial, out, wake
        self._stop = threading.Event()

    def report(self, *values: object) -> None:
        """From the job's thread: hand `values` to the UI thread (`BackgroundRunner.reported`)."""
        self._post("reported", values)

    def _post(self, *entry: object) -> None:
        self._out.put((self._serial, *entry))
        self._wake()

    def cancelled(self) -> bool:
        return self._stop.is_set()

    def cancel(self) -> None:
        self._stop.set()


Job = Callable[[JobContext], object]


class _Run(QObject):
    """Lives on the worker thread for one job."""

    done = Signal()

    def __init__(self, job: Job, context: JobContext) -> None:
        super().__init__()
        self.job, self.context = job, context

    def run(self) -> None:
        try:
            result = self.job(self.context)
        except Exception as error:  # handed to the UI, which shows it; the thread must not die silently
            self.context._post("finished", None, error)
        else:
            self.context._post("finished", result, None)
        emit(self, "done")


class BackgroundRunner(QObject):
    """Runs one job at a time on its own thread; made and used on the UI thread only."""

    reported = Signal(object)
    """The tuple a job passed to `JobContext.report`, on the UI thread."""
    finished = Signal(object, object)
    """(result, error) on the UI thread, after every report of that job."""
    _waiting = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._queue: queue.SimpleQueue[tuple[object, ...]] = queue.SimpleQueue()
        self._thread: QThread | None = None
        self._run: _Run | None = None
        self._context: JobContext | None = None
        self._pending = False
        self._serial = 0
        """The current job's number: what an earlier, replaced job still posts is dropped."""
        self._waiting.connect(self._deliver)

    def start(self, job: Job) -> None:
        """Run `job(context)` on a new thread. A job still running is cancelled and waited for first, and
        anything it still reports (its `finished` too) is dropped: the page hears only of the new job."""
        self.cancel()
        self.wait()
        if self._thread is not None:
            self._thread.deleteLater()
        self._serial += 1
        context = JobContext(self._serial, self._queue, partial(emit, self, "_waiting"))
        thread = QThread(self)
        run = _Run(job, context)
        run.moveToThread(thread)
        thread.started.connect(run.run)
        run.done.connect(thread.quit)
        self._thread, self._run, self._context = thread, run, context  # alive while the thread runs
        self._pending = True
        thread.start()

    def call(self, function: Callable[[], object]) -> None:
        """`start` for a single call that neither reports nor checks for cancelling."""
        self.start(lambda _context: function())

    def busy(self) -> bool:
        """Whether a job's result is still to come. A finished job's thread may take a moment longer
        to stop: that must not turn away the person's next click."""
        return self._pending

    def cancel(self) -> None:
        """Ask the running job to stop at its next check; its `finished` still arrives."""
        if self._context is not None:
            self._context.cancel()

    def wait(self) -> None:
        """Block until the job's thread has ended (closing a page, or before the next job)."""
        if self._thread is not None:
            self._thread.quit()
            self._thread.wait()

    def _deliver(self) -> None:
        """On the UI thread: what the job posted, as this runner's signals, oldest first."""
        while True:
            try:
                serial, kind, *values = self._queue.get_nowait()
            except queue.Empty:
                return
            if serial != self._serial:
                continue
            if kind == "reported":
                emit(self, "reported", values[0])
            else:
                self._pending = False  # first, so busy() is False when the page hears of it
                emit(self, "finished", values[0], values[1])
