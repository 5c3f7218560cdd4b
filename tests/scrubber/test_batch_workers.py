"""Worker processes: a worker stopped after writing its file, or halfway, costs nothing; and
workers reuse the memory one photo freed for the next, counted in page faults, not timed.

The tasks below are module-level: a spawned worker imports them.

Cleaning one photo holds a few blocks of its size at once (the original, the cleaned copy); by
default glibc hands them back to the system when they are freed together, and the next photo
faults every 4 KB page in again (about 2,000 for each 8 MB block). Reused, they cost next to none."""

from __future__ import annotations

import os
import resource
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from socially_aware.scrubber import BatchCleaner, CleanOptions, CleanResult, Outcome, collect_photos
from socially_aware.scrubber.batch import Task, clean_task
from socially_aware.scrubber.cleaning import TEMP_SUFFIX
from tests.scrubber.photos import dirty_jpeg


def _first_time(source: Path) -> bool:
    mark = source.parent / "control" / f"tried-{source.name}"
    if mark.exists():
        return False
    mark.touch()
    return True


def die_once_after_writing(task: Task) -> CleanResult:
    """`written.jpg`: cleaned and renamed into place, then the worker dies before it can report it
    (the pool stops its other workers at any point, so this happens). `half.jpg`: the worker dies
    halfway through writing its copy. Each only the first time."""
    source, dest, _ = task
    if source.name == "written.jpg" and _first_time(source):
        clean_task(task)
        os.kill(os.getpid(), signal.SIGKILL)
    if source.name == "half.jpg" and _first_time(source):
        dest.parent.mkdir(parents=True, exist_ok=True)
        (dest.parent / f".{dest.name}.{os.getpid()}{TEMP_SUFFIX}").write_bytes(b"half a photo")
        os.kill(os.getpid(), signal.SIGKILL)
    return clean_task(task)


@pytest.mark.parametrize("dying", ["written.jpg", "half.jpg"])
def test_a_worker_stopped_after_or_while_writing_costs_nothing(tmp_path: Path, dying: str) -> None:
    photos = tmp_path / "batch"
    (photos / "control").mkdir(parents=True)
    names = sorted(["p0.jpg", "p1.jpg", "p2.jpg", dying])
    for name in names:
        dirty_jpeg(photos / name)
    out = tmp_path / "out"
    results = BatchCleaner(CleanOptions(output_dir=out), jobs=2, processes=True, task=die_once_after_writing).run(
        collect_photos([photos]), [photos]
    )
    assert (photos / "control" / f"tried-{dying}").exists()  # it did die once
    assert {r.source.name: (r.outcome, r.message) for r in results} == {name: (Outcome.CLEANED, "") for name in names}
    assert sorted(p.name for p in out.iterdir()) == names  # nothing half written left behind


def test_an_output_there_before_the_batch_is_still_not_overwritten_on_retry(tmp_path: Path) -> None:
    photos = tmp_path / "batch"
    (photos / "control").mkdir(parents=True)
    dirty_jpeg(photos / "written.jpg")
    out = tmp_path / "out"
    out.mkdir()
    (out / "written.jpg").write_bytes(b"keep me")
    results = BatchCleaner(CleanOptions(output_dir=out), jobs=2, processes=True, task=die_once_after_writing).run(
        collect_photos([photos]), [photos]
    )
    assert results[0].outcome is Outcome.FAILED and "already exists" in results[0].message
    assert (out / "written.jpg").read_bytes() == b"keep me"


BLOCK = 8 * 2**20
ROUNDS = 10


def _one_photo() -> None:
    original = b"\x01" * BLOCK
    cleaned = b"\x02" * BLOCK
    checked = b"\x03" * BLOCK
    del original, cleaned, checked


def faults_for_photo_sized_blocks(_: object = None) -> int:
    """Page faults taken while cleaning ten pretend photos, after a first that may fault the memory
    in once. Module-level: a spawned worker imports it."""
    _one_photo()
    before = resource.getrusage(resource.RUSAGE_SELF).ru_minflt
    for _ in range(ROUNDS):
        _one_photo()
    return resource.getrusage(resource.RUSAGE_SELF).ru_minflt - before


def test_a_worker_reuses_freed_memory_for_the_next_file() -> None:
    pool = BatchCleaner(CleanOptions(), jobs=1, processes=True)._pool(1)
    try:
        faults = pool.submit(faults_for_photo_sized_blocks).result(timeout=60)
    finally:
        pool.shutdown()
    pages = BLOCK // resource.getpagesize()
    assert faults < pages // 4, f"{faults} page faults for {ROUNDS} blocks of {pages} pages: memory is not reused"


def test_without_it_every_block_faults_afresh() -> None:
    """The measure above can tell the difference, in a fresh process with glibc's defaults (this
    one's may have moved: glibc raises its thresholds after large blocks are freed)."""
    fresh = subprocess.run(
        [
            sys.executable,
            "-c",
            "from tests.scrubber.test_batch_workers import faults_for_photo_sized_blocks as f; print(f())",
        ],
        env={**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)},
        capture_output=True,
        text=True,
        check=True,
    )
    pages = BLOCK // resource.getpagesize()
    assert int(fresh.stdout) > ROUNDS * pages


BEFORE_FORKING = """
import gc, sys
from socially_aware.scrubber import BatchCleaner, CleanOptions
from socially_aware.scrubber.batch import start_method

pool = BatchCleaner(CleanOptions(), jobs=2, processes=True)._pool(2)
pool.shutdown()
print(start_method(), "ctypes" in sys.modules, gc.get_freeze_count() > 0)
"""


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="workers are forked only on Linux")
def test_what_every_forked_worker_needs_is_done_once_before_forking() -> None:
    """The command line (one thread) forks its workers: ctypes, which each worker's start needs, is
    loaded once before, and the objects they inherit are frozen out of the garbage collector's walks
    (which would write to every inherited page, copying it into each worker)."""
    fresh = subprocess.run(
        [sys.executable, "-c", BEFORE_FORKING],
        env={**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)},
        capture_output=True,
        text=True,
        check=True,
    )
    assert fresh.stdout.split() == ["fork", "True", "True"]
