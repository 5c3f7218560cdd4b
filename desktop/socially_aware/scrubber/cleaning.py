"""Inspect one photo, or clean one photo into a verified new file. Never raises for bad input."""

from __future__ import annotations

import contextlib
import errno
import os
import warnings
from pathlib import Path

from socially_aware.scrubber import metadata, reencode
from socially_aware.scrubber.limits import MAX_FILE_BYTES
from socially_aware.scrubber.model import CleanOptions, CleanResult, Inspection, Note, Outcome, ScrubError
from socially_aware.scrubber.registry import SUPPORTED_SUFFIXES, sniff

TEMP_SUFFIX = ".cleaning"
"""Cleaned copies are written as `.NAME.PID.cleaning` and renamed when whole (see batch.sweep_stale)."""


def _read(path: Path) -> bytes:
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise ScrubError(f"is {size / 2**20:,.0f} MB, larger than any photo this app will open (at most {MAX_FILE_BYTES // 2**20} MB)")
        if size == 0:
            raise ScrubError("is empty (0 bytes)")
        return path.read_bytes()
    except OSError as error:
        raise ScrubError(f"could not be read: {error.strerror or error}") from error


def inspect_file(path: Path) -> Inspection:
    try:
        data = _read(path)
        kind = sniff(data[:32])
        if kind is None:
            raise ScrubError("is not a photo format this app knows")
        image = reencode.open_image(data)
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", UserWarning)  # damaged Exif: the entries say enough
                entries, gps, thumbnail = metadata.read(image, data)
            if kind.lossless:
                with contextlib.suppress(ScrubError):
                    entries.extend(metadata.hidden_entries(kind.clean(data, CleanOptions())[1], entries))
            name = {"MPO": "MPO", "WEBP": "WebP"}.get(image.format or "", image.format or kind.name)
        finally:
            image.close()
    except ScrubError as error:
        return Inspection(path=path, format="", error=str(error))
    except Exception as error:  # Pillow's many failure types for hostile files all mean "unreadable"
        return Inspection(path=path, format="", error=f"cannot be read ({type(error).__name__})")
    return Inspection(path=path, format=name, entries=tuple(entries), gps=gps, thumbnail=thumbnail)


def clean_bytes(data: bytes, options: CleanOptions) -> tuple[bytes, Outcome, list[str]]:
    """Clean and verify in memory; raises ScrubError for anything that must not be written."""
    kind = sniff(data[:32])
    if kind is None:
        raise ScrubError("is not a photo format this app knows")
    cleaned, removed = kind.clean_and_verify(data, options)
    if kind.lossless:
        header = reencode.open_image(cleaned)  # the header alone: a full decode is for the tests
        header.close()
    if cleaned == data:
        return cleaned, Outcome.ALREADY_CLEAN, []
    return cleaned, (Outcome.CLEANED if kind.lossless else Outcome.REENCODED), removed


def clean_file(src: Path, dest: Path, options: CleanOptions) -> CleanResult:
    try:
        data = _read(src)
        if sniff(data[:32]) is None:
            if src.suffix.lower() in SUPPORTED_SUFFIXES:
                raise ScrubError(f"is named like a photo ({src.suffix}) but its contents are not one")
            return CleanResult(src, Outcome.UNSUPPORTED, message="not a supported photo format; left untouched")
        cleaned, outcome, removed = clean_bytes(data, options)
        if outcome is Outcome.ALREADY_CLEAN and options.in_place:
            return CleanResult(src, outcome, output=src, message="nothing to remove")
        if dest.exists() and not options.in_place and not options.overwrite:
            raise ScrubError(f"{dest.name} already exists in the output folder; it was not overwritten")
        write_output(src, dest, cleaned, options)
    except ScrubError as error:
        return CleanResult(src, Outcome.FAILED, message=str(error))
    except Exception as error:  # a bug must cost one file, not the whole batch
        return CleanResult(src, Outcome.FAILED, message=f"unexpected problem: {type(error).__name__}: {error}")
    notes = [str(r) for r in removed if isinstance(r, Note)]
    if outcome is Outcome.REENCODED:
        notes.insert(0, "pixels were re-encoded, as this format cannot be cleaned without it")
    removed = [r for r in removed if not isinstance(r, Note)]
    return CleanResult(src, outcome, output=dest, removed=tuple(removed), message="; ".join(notes))


def write_output(src: Path, dest: Path, data: bytes, options: CleanOptions) -> None:
    """Write via a temporary file and a rename, so a failure leaves no partial photo behind."""
    info = src.stat()
    temp = dest.with_name(f".{dest.name}.{os.getpid()}{TEMP_SUFFIX}")
    try:
        dest.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, info.st_mode & 0o666)
        try:
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view) :]
            if options.in_place:
                os.fsync(fd)  # the original is about to be replaced: the copy must be on disk first
        finally:
            os.close(fd)
        if options.keep_file_dates:
            os.utime(temp, ns=(info.st_atime_ns, info.st_mtime_ns))
        os.replace(temp, dest)
    except OSError as error:
        with contextlib.suppress(OSError):
            temp.unlink()
        if error.errno == errno.ENOSPC:
            reason = "the disk is full"
        elif error.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
            reason = "the output folder cannot be written to"
        else:
            reason = error.strerror or str(error)
        raise ScrubError(f"could not be saved: {reason}") from error
