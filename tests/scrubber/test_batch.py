"""Batches: finding photos safely, where outputs go, cancel, permissions, and the folder summary."""

from __future__ import annotations

import os
from pathlib import Path

from socially_aware.scrubber import (
    BatchCleaner,
    CleanOptions,
    Outcome,
    collect_photos,
    default_output_dir,
    inspect_file,
    summarise,
)
from tests.scrubber.photos import dirty_jpeg, dirty_png


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
        "IMG_20240101_0930.jpg": Outcome.CLEANED, "broken.jpg": Outcome.FAILED, "screenshot.png": Outcome.CLEANED,
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
