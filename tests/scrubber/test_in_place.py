"""In place, nothing lost (issue 21 item 5): a file that changes while it is cleaned is left as it
is, and a link named itself is treated the same way for every format.

The races run on events the test controls: the "download" (a thread) writes only once the
cleaner has read the file, and the cleaner goes on only once it has written. No sleeps."""

from __future__ import annotations

import os
import threading
from collections.abc import Callable
from pathlib import Path

import pytest

from socially_aware.scrubber import BatchCleaner, CleanOptions, Outcome, cleaning, gather_photos
from tests.scrubber.photos import SERIAL, dirty_jpeg, dirty_png, dirty_webp
from tests.scrubber.videos import dirty_video

MAKERS: dict[str, Callable[[Path], Path]] = {
    "jpeg": lambda p: dirty_jpeg(p.with_suffix(".jpg")),
    "png": lambda p: dirty_png(p.with_suffix(".png")),
    "webp": lambda p: dirty_webp(p.with_suffix(".webp")),
    "mp4": lambda p: dirty_video(p.with_suffix(".mp4")),
}


def _grows(path: Path) -> None:
    with path.open("ab") as file:
        file.write(b"the rest of the download")


def _replaced(path: Path) -> None:
    """A copy program writing the whole file anew and renaming it into place."""
    fresh = path.with_name(path.name + ".part")
    fresh.write_bytes(path.read_bytes() + b"a newer version")
    os.replace(fresh, path)


@pytest.fixture
def download_during_cleaning(monkeypatch: pytest.MonkeyPatch) -> Callable[[Callable[[Path], None]], threading.Thread]:
    """Start a writer that changes the file between the cleaner's read and its replace."""

    def start(change: Callable[[Path], None]) -> threading.Thread:
        was_read, changed = threading.Event(), threading.Event()
        original_read = cleaning._read
        seen: list[Path] = []

        def read_then_wait(path: Path) -> bytes:
            data = original_read(path)
            seen.append(path)
            was_read.set()
            assert changed.wait(10), "the writer did not run"
            return data

        def writer() -> None:
            assert was_read.wait(10), "the cleaner did not read"
            change(seen[0])
            changed.set()

        monkeypatch.setattr(cleaning, "_read", read_then_wait)
        thread = threading.Thread(target=writer)
        thread.start()
        return thread

    return start


@pytest.mark.parametrize("change", [_grows, _replaced], ids=["grows", "replaced"])
@pytest.mark.parametrize("in_place", [True, False], ids=["in place", "to a copy"])
def test_a_file_that_changes_while_cleaned_is_left_untouched(
    tmp_path: Path,
    download_during_cleaning: Callable[..., threading.Thread],
    change: Callable[[Path], None],
    in_place: bool,
) -> None:
    photo = dirty_jpeg(tmp_path / "IMG_0001.jpg")
    options = CleanOptions(in_place=in_place, output_dir=None if in_place else tmp_path / "out")
    writer = download_during_cleaning(change)
    result = BatchCleaner(options).run([photo], [tmp_path])[0]
    writer.join()
    assert result.outcome is Outcome.FAILED
    assert "changed while it was being cleaned" in result.message and "left untouched" in result.message
    after = photo.read_bytes()
    assert after.endswith((b"the rest of the download", b"a newer version"))  # the writer's, not ours
    assert SERIAL.encode() in after
    leftovers = [p.name for p in tmp_path.rglob("*") if p.name.endswith(".cleaning")]
    assert leftovers == []
    assert not (tmp_path / "out" / "IMG_0001.jpg").exists()


def test_a_file_that_does_not_change_is_cleaned_in_place(tmp_path: Path) -> None:
    photo = dirty_jpeg(tmp_path / "IMG_0001.jpg")
    result = BatchCleaner(CleanOptions(in_place=True)).run([photo], [tmp_path])[0]
    assert result.outcome is Outcome.CLEANED
    assert SERIAL.encode() not in photo.read_bytes()


@pytest.mark.parametrize("kind", sorted(MAKERS))
def test_a_link_named_with_in_place_cleans_the_file_it_points_to(tmp_path: Path, kind: str) -> None:
    """One rule for every format: the target is cleaned, the link stays a link to it."""
    (tmp_path / "store").mkdir()
    target = MAKERS[kind](tmp_path / "store" / "original")
    original = target.read_bytes()
    link = tmp_path / f"link{target.suffix}"
    link.symlink_to(target)
    files, left_out = gather_photos([link])
    assert files == [link] and left_out == []
    result = BatchCleaner(CleanOptions(in_place=True)).run(files, [link])[0]
    assert result.outcome is Outcome.CLEANED, result.message
    assert "the file it points to was cleaned" in result.message
    assert link.is_symlink() and link.resolve() == target.resolve()
    assert target.read_bytes() != original
    assert [p.name for p in tmp_path.rglob("*") if p.name.endswith(".cleaning")] == []


def test_links_inside_a_folder_stay_skipped_and_are_said(tmp_path: Path) -> None:
    outside = dirty_jpeg(tmp_path / "elsewhere.jpg")
    folder = tmp_path / "chosen"
    folder.mkdir()
    (folder / "a.jpg").symlink_to(outside)
    (folder / "b.jpg").symlink_to(outside)
    files, left_out = gather_photos([folder])
    assert files == []
    assert left_out == [(folder, left_out[0][1])]
    assert "2 links in it lead to a file outside this folder and were not followed" in left_out[0][1]


def test_a_video_that_grows_while_copied_gets_no_cleaned_copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Videos are cleaned by streaming into a new file: the same check holds there."""
    video = dirty_video(tmp_path / "clip.mp4")
    write_via_temp = cleaning._write_via_temp

    def grow_first(*args: object, **kwargs: object) -> None:
        _grows(video)  # the download goes on while the cleaned copy is written
        write_via_temp(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(cleaning, "_write_via_temp", grow_first)
    result = BatchCleaner(CleanOptions(output_dir=tmp_path / "out")).run([video], [tmp_path])[0]
    assert result.outcome is Outcome.FAILED and "changed while it was being cleaned" in result.message
    assert not (tmp_path / "out" / "clip.mp4").exists()
    assert [p.name for p in tmp_path.rglob("*") if p.name.endswith(".cleaning")] == []
