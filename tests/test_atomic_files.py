"""The one atomic writer and the one errno-to-words map, shared by the progress store and the cleaner."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

from socially_aware.atomic_files import os_error_words, write_atomically
from socially_aware.progress.errors import StoreWriteError
from socially_aware.progress.store import write_atomically as store_write
from socially_aware.scrubber.cleaning import write_output
from socially_aware.scrubber.model import CleanOptions, ScrubError


def test_a_failed_write_leaves_the_old_file_and_no_temporary_file(tmp_path: Path) -> None:
    target = tmp_path / "file"
    target.write_bytes(b"old")

    def half_then_fail(fd: int) -> None:
        os.write(fd, b"ne")
        raise OSError(errno.EIO, "I/O error")

    with pytest.raises(OSError):
        write_atomically(target, half_then_fail)
    assert target.read_bytes() == b"old" and sorted(p.name for p in tmp_path.iterdir()) == ["file"]
    write_atomically(target, b"new", mode=0o640, durable=False)
    assert target.read_bytes() == b"new" and target.stat().st_mode & 0o777 == 0o640


@pytest.mark.parametrize("code", [errno.ENOSPC, errno.EACCES, errno.EROFS, errno.EDQUOT])
def test_store_and_cleaner_say_the_same_words_for_the_same_failure(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, code: int
) -> None:
    words = os_error_words(OSError(code, os.strerror(code)))
    assert words != os.strerror(code)  # our own words, not the system's

    def fail(fd: int, data: object) -> int:
        raise OSError(code, os.strerror(code))

    source = tmp_path / "photo.jpg"
    source.write_bytes(b"\xff\xd8")
    monkeypatch.setattr(os, "write", fail)
    with pytest.raises(StoreWriteError) as store_error:
        store_write(tmp_path / "progress.sa", b"x")
    with pytest.raises(ScrubError) as scrub_error:
        write_output(source, tmp_path / "out.jpg", b"x", CleanOptions())
    assert words in store_error.value.message and words in str(scrub_error.value)


def test_an_unknown_failure_keeps_the_systems_words() -> None:
    assert os_error_words(OSError(errno.EBUSY, "Device or resource busy")) == "Device or resource busy"
