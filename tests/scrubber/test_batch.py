"""Batches: finding photos safely, where outputs go, cancel, permissions, and the folder summary."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from socially_aware.scrubber import (
    BatchCleaner,
    CleanOptions,
    CleanResult,
    Outcome,
    collect_photos,
    default_output_dir,
    inspect_file,
    summarise,
)
from socially_aware.scrubber.batch import WORKER_DIED, _alive
from tests.scrubber.photos import dirty_jpeg, dirty_png
from tests.scrubber.worker_tasks import hang_on_victim, worker_pid_file


def _folder(tmp_path: Path) -> Path:
    photos = tmp_path / "Holiday"
    (photos / "day 2").mkdir(parents=True)
    dirty_jpeg(photos / "IMG_20240101_0930.jpg")
    dirty_png(photos / "day 2" / "screenshot.png")
    (photos / "notes.txt").write_text("not a photo")
    (photos / "broken.jpg").write_bytes(b"\xff\xd8\xff\xe0 nonsense")
    return photos


def test_collect_walks_folders_and_skips_links_that_leave_them(tmp_path: Path) -> None:
    photos = _folder(tmp_path)
    outside = dirty_jpeg(tmp_path / "secret.jpg")
    (photos / "link-out.jpg").symlink_to(outside)
    (photos / "dir-out").symlink_to(tmp_path, target_is_directory=True)
    (photos / "link-in.jpg").symlink_to(photos / "IMG_20240101_0930.jpg")
    found = [p.relative_to(photos).as_posix() for p in collect_photos([photos])]
    assert found == ["IMG_20240101_0930.jpg", "broken.jpg", "link-in.jpg", "day 2/screenshot.png"]


def test_batch_keeps_structure_reports_each_file_and_never_touches_originals(tmp_path: Path) -> None:
    photos = _folder(tmp_path)
    before = {p: p.read_bytes() for p in photos.rglob("*") if p.is_file()}
    files = collect_photos([photos])
    seen: list[tuple[int, int]] = []
    results = BatchCleaner(CleanOptions()).run(files, [photos], on_result=lambda d, t, r: seen.append((d, t)))
    out = default_output_dir([photos])
    assert out == tmp_path / "Holiday (cleaned)"
    assert {r.source.name: r.outcome for r in results} == {
        "IMG_20240101_0930.jpg": Outcome.CLEANED,
        "broken.jpg": Outcome.FAILED,
        "screenshot.png": Outcome.CLEANED,
    }
    assert (out / "day 2" / "screenshot.png").exists()
    assert not (out / "broken.jpg").exists()
    assert seen == [(1, 3), (2, 3), (3, 3)]
    assert before == {p: p.read_bytes() for p in photos.rglob("*") if p.is_file()}


def test_existing_outputs_are_not_overwritten_without_asking(tmp_path: Path) -> None:
    photos = _folder(tmp_path)
    out = tmp_path / "out"
    out.mkdir()
    (out / "IMG_20240101_0930.jpg").write_bytes(b"keep me")
    results = BatchCleaner(CleanOptions(output_dir=out)).run([photos / "IMG_20240101_0930.jpg"], [photos])
    assert results[0].outcome is Outcome.FAILED and "already exists" in results[0].message
    assert (out / "IMG_20240101_0930.jpg").read_bytes() == b"keep me"
    again = BatchCleaner(CleanOptions(output_dir=out, overwrite=True)).run([photos / "IMG_20240101_0930.jpg"], [photos])
    assert again[0].outcome is Outcome.CLEANED


def test_neutral_names_hide_camera_dates_and_dates_can_be_dropped(tmp_path: Path) -> None:
    photos = _folder(tmp_path)
    source = photos / "IMG_20240101_0930.jpg"
    os.utime(source, (1_600_000_000, 1_600_000_000))
    out = tmp_path / "out"
    BatchCleaner(CleanOptions(output_dir=out, neutral_names=True)).run([source], [photos])
    cleaned = out / "photo-0001.jpg"
    assert cleaned.exists() and cleaned.stat().st_mtime != 1_600_000_000
    BatchCleaner(CleanOptions(output_dir=tmp_path / "kept", keep_file_dates=True)).run([source], [photos])
    assert (tmp_path / "kept" / source.name).stat().st_mtime == 1_600_000_000


def test_outputs_are_no_more_readable_than_originals(tmp_path: Path) -> None:
    photos = _folder(tmp_path)
    source = photos / "IMG_20240101_0930.jpg"
    source.chmod(0o600)
    BatchCleaner(CleanOptions(output_dir=tmp_path / "out")).run([source], [photos])
    assert (tmp_path / "out" / source.name).stat().st_mode & 0o777 == 0o600


def test_output_names_cannot_escape_the_output_folder(tmp_path: Path) -> None:
    photos = _folder(tmp_path)
    out = tmp_path / "out"
    plan = BatchCleaner(CleanOptions(output_dir=out)).plan(
        [photos / "IMG_20240101_0930.jpg", tmp_path / "elsewhere" / "..jpg"], [photos]
    )
    for _, dest in plan:
        assert dest.resolve().is_relative_to(out.resolve())


def test_cancel_marks_the_rest_cancelled(tmp_path: Path) -> None:
    photos = tmp_path / "many"
    photos.mkdir()
    for n in range(6):
        dirty_jpeg(photos / f"p{n}.jpg")
    done: list[int] = []
    results = BatchCleaner(CleanOptions()).run(
        collect_photos([photos]), [photos], on_result=lambda d, t, r: done.append(d), cancelled=lambda: len(done) >= 2
    )
    assert [r.outcome for r in results].count(Outcome.CLEANED) == 2
    assert [r.outcome for r in results].count(Outcome.CANCELLED) == 4


def test_in_place_replaces_atomically(tmp_path: Path) -> None:
    photos = _folder(tmp_path)
    source = photos / "IMG_20240101_0930.jpg"
    results = BatchCleaner(CleanOptions(in_place=True)).run([source], [photos])
    assert results[0].outcome is Outcome.CLEANED and results[0].output == source
    assert inspect_file(source).gps is None
    assert [p.name for p in photos.iterdir() if p.name.startswith(".")] == []


def test_summary_reads_at_a_glance(tmp_path: Path) -> None:
    photos = _folder(tmp_path)
    summary = summarise([inspect_file(p) for p in collect_photos([photos])])
    assert summary.total == 3 and summary.unreadable == 1
    assert "1 of 3 photos gives a location" in summary.lines
    assert "1 of 3 could not be read" in summary.lines


def test_parallel_jobs_give_the_same_results(tmp_path: Path) -> None:
    photos = tmp_path / "many"
    photos.mkdir()
    for n in range(5):
        dirty_jpeg(photos / f"p{n}.jpg")
    results = BatchCleaner(CleanOptions(), jobs=2).run(collect_photos([photos]), [photos])
    assert [r.source.name for r in results] == [f"p{n}.jpg" for n in range(5)]
    assert {r.outcome for r in results} == {Outcome.CLEANED}


# -- worker processes that die, parents that die, what they leave behind -----------------------


def _wait_for(condition: Callable[[], object], what: str, timeout: float = 60.0) -> object:
    """Wait for something another process does (not for a length of time): fails after `timeout`."""
    deadline = time.monotonic() + timeout
    tick = threading.Event()
    while time.monotonic() < deadline:
        found = condition()
        if found:
            return found
        tick.wait(0.02)
    raise AssertionError(f"timed out waiting for {what}")


def _victim_folder(tmp_path: Path, others: int) -> Path:
    photos = tmp_path / "batch"
    (photos / "control").mkdir(parents=True)
    for n in range(others):
        dirty_jpeg(photos / f"p{n}.jpg")
    dirty_jpeg(photos / "victim.jpg")
    return photos


def _kill_the_victim_each_time(control: Path, running: Callable[[], bool]) -> int:
    """The victim is tried in the batch, then alone: each time its worker is killed, as the
    kernel's out-of-memory killer would. Returns how many workers were killed."""
    kills = 0
    while running() and kills < 2:
        ready = _wait_for(lambda: worker_pid_file(control) or not running(), "the victim's worker")
        if isinstance(ready, Path):
            os.kill(int(ready.name.split("-")[1]), signal.SIGKILL)
            ready.unlink()
            kills += 1
    return kills


def test_a_worker_killed_mid_batch_costs_one_file(tmp_path: Path) -> None:
    photos = _victim_folder(tmp_path, 5)
    control = photos / "control"
    cleaner = BatchCleaner(CleanOptions(output_dir=tmp_path / "out"), jobs=2, processes=True, task=hang_on_victim)
    results: list[CleanResult] = []
    runner = threading.Thread(target=lambda: results.extend(cleaner.run(collect_photos([photos]), [photos])))
    runner.start()
    try:
        kills = _kill_the_victim_each_time(control, runner.is_alive)
        runner.join(60)
    finally:
        (control / "release").touch()
    assert not runner.is_alive()
    outcomes = {r.source.name: r for r in results}
    assert kills == 2
    assert outcomes["victim.jpg"].outcome is Outcome.FAILED
    assert outcomes["victim.jpg"].message == WORKER_DIED
    assert {name: r.outcome for name, r in outcomes.items() if name != "victim.jpg"} == {
        f"p{n}.jpg": Outcome.CLEANED for n in range(5)
    }
    assert not (tmp_path / "out" / "victim.jpg").exists()


# A batch run by a separate parent process: the command line's case. With "threads" it starts one
# more thread first, as the window or a test runner would have, so its workers must be spawned.
PARENT = """
import sys, threading
from pathlib import Path
from socially_aware.scrubber import BatchCleaner, CleanOptions, collect_photos
from socially_aware.scrubber.batch import WORKER_DIED, start_method
from tests.scrubber.worker_tasks import hang_on_victim
photos, threads = Path(sys.argv[1]), sys.argv[2] == "threads"
if threads:
    threading.Thread(target=threading.Event().wait, daemon=True).start()
print(start_method(), flush=True)
results = BatchCleaner(CleanOptions(output_dir=photos.parent / "out"), jobs=2, processes=True,
                       task=hang_on_victim).run(collect_photos([photos]), [photos])
for result in results:
    print(result.source.name, result.outcome.value, result.message == WORKER_DIED, flush=True)
"""
EXPECTED_START = {"single": "fork" if sys.platform.startswith("linux") else "spawn", "threads": "spawn"}


def _parent(photos: Path, threads: str) -> subprocess.Popen[str]:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    parent = subprocess.Popen(
        [sys.executable, "-c", PARENT, str(photos), threads], env=env, stdout=subprocess.PIPE, text=True
    )
    assert parent.stdout is not None
    assert parent.stdout.readline().strip() == EXPECTED_START[threads]
    return parent


@pytest.mark.parametrize("threads", ["single", "threads"])
def test_a_killed_worker_costs_one_file_however_workers_start(tmp_path: Path, threads: str) -> None:
    photos = _victim_folder(tmp_path, 5)
    control = photos / "control"
    with _parent(photos, threads) as parent:
        try:
            kills = _kill_the_victim_each_time(control, lambda: parent.poll() is None)
            printed, _ = parent.communicate(timeout=60)
        finally:
            (control / "release").touch()
            if parent.poll() is None:
                parent.kill()
    assert kills == 2
    assert parent.returncode == 0
    assert sorted(printed.splitlines()) == sorted(
        [f"p{n}.jpg cleaned False" for n in range(5)] + ["victim.jpg failed True"]
    )
    assert not (tmp_path / "out" / "victim.jpg").exists()
    assert len(list((tmp_path / "out").glob("p*.jpg"))) == 5


@pytest.mark.parametrize("threads", ["single", "threads"])
def test_workers_end_when_their_parent_is_killed(tmp_path: Path, threads: str) -> None:
    photos = _victim_folder(tmp_path, 0)
    control = photos / "control"
    worker = 0
    with _parent(photos, threads) as parent:
        try:
            ready = _wait_for(lambda: worker_pid_file(control) or parent.poll() is not None, "the worker to start")
            assert isinstance(ready, Path), "the parent ended before its worker started"
            worker = int(ready.name.split("-")[1])
            parent.kill()
            parent.wait()
            _wait_for(lambda: not _alive(worker), "the orphaned worker to end", timeout=20)
        finally:
            (control / "release").touch()
            if parent.poll() is None:
                parent.kill()
            if worker and _alive(worker):
                os.kill(worker, signal.SIGKILL)


def test_workers_are_spawned_not_forked_while_other_threads_run() -> None:
    from socially_aware.scrubber.batch import start_method, threads_running

    release = threading.Event()
    other = threading.Thread(target=release.wait)
    other.start()
    try:
        assert threads_running() >= 2
        assert start_method() == "spawn"
    finally:
        release.set()
        other.join()


def test_stale_half_written_copies_are_swept_on_the_next_run(tmp_path: Path) -> None:
    photos = _folder(tmp_path)
    out = tmp_path / "out"
    out.mkdir()
    finished = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True, check=True
    )
    dead = int(finished.stdout)
    stale = out / f".IMG_20240101_0930.jpg.{dead}.cleaning"
    running = out / f".other.jpg.{os.getpid()}.cleaning"  # a run still going in this process
    not_ours = out / f".notes.txt.{dead}.cleaning"
    for path in (stale, running, not_ours):
        path.write_bytes(b"half a photo")
    results = BatchCleaner(CleanOptions(output_dir=out)).run([photos / "IMG_20240101_0930.jpg"], [photos])
    assert results[0].outcome is Outcome.CLEANED
    assert not stale.exists()
    assert running.exists() and not_ours.exists()


def test_cleaning_in_place_says_when_other_names_keep_the_original(tmp_path: Path) -> None:
    photos = _folder(tmp_path)
    source = photos / "IMG_20240101_0930.jpg"
    other = tmp_path / "also-here.jpg"
    os.link(source, other)
    original = other.read_bytes()
    result = BatchCleaner(CleanOptions(in_place=True)).run([source], [photos])[0]
    assert result.outcome is Outcome.CLEANED
    assert "1 other name (hard link) that still holds the original" in result.message
    assert other.read_bytes() == original  # as the message says
    assert inspect_file(source).gps is None
    again = BatchCleaner(CleanOptions(in_place=True)).run([source], [photos])[0]
    assert "other name" not in again.message  # cleaning replaced the file: it has one name now


def test_the_command_line_prints_the_hard_link_warning(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from socially_aware.cli import main

    photos = _folder(tmp_path)
    os.link(photos / "IMG_20240101_0930.jpg", tmp_path / "elsewhere.jpg")
    main(["scrub", str(photos / "IMG_20240101_0930.jpg"), "--in-place", "--yes", "--jobs", "1"])
    printed = capsys.readouterr()
    assert "1 of these photos has other names (hard links)" in printed.err
    assert "still holds the original" in printed.out
