"""The one UI background runner: reports and the result reach the UI thread in order, errors too."""

from __future__ import annotations

import threading
from typing import Any

from PySide6.QtCore import QThread

from socially_aware.ui.background import BackgroundRunner, JobContext


def test_reports_then_the_result_arrive_on_the_ui_thread_in_order(qtbot: Any) -> None:
    runner = BackgroundRunner()
    seen: list[object] = []
    threads: set[object] = set()
    runner.reported.connect(lambda values: (seen.append(values), threads.add(QThread.currentThread())))
    runner.finished.connect(lambda result, error: (seen.append((result, error)), threads.add(QThread.currentThread())))
    release = threading.Event()

    def job(context: JobContext) -> str:
        for n in range(3):
            context.report(n, "of 3")
        release.wait(10)
        return "done"

    with qtbot.waitSignal(runner.finished, timeout=10000):
        runner.start(job)
        assert runner.busy()
        release.set()
    assert seen == [(0, "of 3"), (1, "of 3"), (2, "of 3"), ("done", None)]
    assert threads == {QThread.currentThread()} and not runner.busy()
    runner.wait()


def test_an_exception_is_handed_over_not_lost(qtbot: Any) -> None:
    runner = BackgroundRunner()
    got: list[object] = []
    runner.finished.connect(lambda result, error: got.append(error))

    def broken() -> None:
        raise ValueError("bad input")

    with qtbot.waitSignal(runner.finished, timeout=10000):
        runner.call(broken)
    assert isinstance(got[0], ValueError)
    runner.wait()


def test_a_replaced_job_is_cancelled_and_its_results_dropped(qtbot: Any) -> None:
    runner = BackgroundRunner()
    got: list[object] = []
    runner.reported.connect(got.append)
    runner.finished.connect(lambda result, error: got.append(result))
    entered = threading.Event()

    def first(context: JobContext) -> str:
        entered.set()
        while not context.cancelled():
            threading.Event().wait(0.01)
        context.report("late")
        return "first"

    runner.start(first)
    assert entered.wait(10)
    with qtbot.waitSignal(runner.finished, timeout=10000):
        runner.call(lambda: "second")
    qtbot.wait(50)  # anything still queued from the first job would arrive by now
    assert got == ["second"]
    runner.wait()
