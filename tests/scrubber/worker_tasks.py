"""Batch tasks for the worker-process tests. Module-level, as a spawned worker imports them.

A worker given `victim.jpg` announces itself with a `ready-PID` file in the `control` folder next
to the photos and waits until the test creates `control/release`: the test decides what happens
to it (usually SIGKILL), with no sleeps to guess at."""

from __future__ import annotations

import os
import threading
from pathlib import Path

from socially_aware.scrubber.batch import Task, clean_task
from socially_aware.scrubber.model import CleanResult


def hang_on_victim(task: Task) -> CleanResult:
    source = task[0]
    if source.name == "victim.jpg":
        control = source.parent / "control"
        (control / f"ready-{os.getpid()}").touch()
        release = control / "release"
        waiting = threading.Event()
        while not release.exists():
            waiting.wait(0.02)
    return clean_task(task)


def worker_pid_file(control: Path) -> Path | None:
    return next(iter(sorted(control.glob("ready-*"))), None)
