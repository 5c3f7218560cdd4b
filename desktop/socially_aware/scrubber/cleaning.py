"""Inspect one photo or video, or clean one into a verified new file. Never raises for bad input."""

from __future__ import annotations

import os
import warnings
from collections.abc import Callable
from pathlib import Path

from socially_aware.atomic_files import os_error_words, write_all, write_atomically
from socially_aware.scrubber import unhandled
from socially_aware.scrubber.limits import MAX_FILE_BYTES
from socially_aware.scrubber.model import (
    BudgetError,
    CleanOptions,
    CleanResult,
    FileFormat,
    Inspection,
    MetadataEntry,
    Note,
    Outcome,
    ScrubError,
)
from socially_aware.scrubber.registry import SUPPORTED_SUFFIXES, sniff

TEMP_SUFFIX = ".cleaning"
"""Cleaned copies are written as `.NAME.PID.cleaning` and renamed when whole (see batch.sweep_stale)."""


_NOT_KNOWN = "is not a photo or video format this app knows"
"""Said by inspecting and by cleaning alike of a file whose contents and name are no format this app handles."""


def _read(path: Path) -> bytes:
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise ScrubError(
                f"is {size / 2**20:,.0f} MB, larger than any photo this app will open (at most {MAX_FILE_BYTES // 2**20} MB)"
            )
        if size == 0:
            raise ScrubError("is empty (0 bytes)")
        return path.read_bytes()
    except OSError as error:
        raise ScrubError(f"could not be read: {error.strerror or error}") from error


def read_photo(path: Path) -> bytes:
    """The whole file, refused with the cleaner's messages when it is empty or larger than a photo may be."""
    return _read(path)


def inspect_file(path: Path) -> Inspection:
    try:
        kind = _sniff_file(path)
        if kind.read is not None:
            try:
                with path.open("rb") as file:
                    entries, gps, thumbnail = kind.read(file, os.fstat(file.fileno()).st_size)
                name = kind.name
            except ScrubError:
                if kind.fallback is None:
                    raise  # cleaning would refuse it for this same reason: say that, not what Pillow makes of it
                # A container this app cannot walk may still open as a picture (and be re-encoded).
                entries, gps, thumbnail, name = _read_with_pillow(_read(path), kind)
        else:
            entries, gps, thumbnail, name = _read_with_pillow(_read(path), kind)
    except ScrubError as error:
        return Inspection(path=path, format="", error=str(error))
    except Exception as error:  # Pillow's many failure types for hostile files all mean "unreadable"
        return Inspection(path=path, format="", error=f"cannot be read ({type(error).__name__})")
    return Inspection(path=path, format=name, entries=tuple(entries), gps=gps, thumbnail=thumbnail)


def _sniff_file(path: Path) -> FileFormat:
    try:
        with path.open("rb") as file:
            head = file.read(32)
    except OSError as error:
        raise ScrubError(f"could not be read: {error.strerror or error}") from error
    if not head:
        raise ScrubError("is empty (0 bytes)")
    kind = sniff(head)
    if kind is None:
        if path.suffix.lower() in SUPPORTED_SUFFIXES:
            raise ScrubError(f"is named like a photo or video ({path.suffix}) but its contents are not one")
        raise ScrubError(_NOT_KNOWN)
    return kind


def _read_with_pillow(
    data: bytes, kind: FileFormat
) -> tuple[list[MetadataEntry], tuple[float, float] | None, bytes | None, str]:
    # What cleaning would remove, found by the format's own walk first: it keeps to the budgets
    # (a flood of empty segments is refused here, before Pillow would list every one of them).
    removed: list[str] = []
    if kind.lossless:
        try:
            removed = kind.clean(data, CleanOptions())[1]
        except BudgetError:
            raise
        except ScrubError:
            pass  # damaged in a way Pillow may still read: the entries below say what it can
    from socially_aware.scrubber import metadata, reencode  # Pillow: only where a photo is read, not cleaned

    image = reencode.open_image(data)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", UserWarning)  # damaged Exif: the entries say enough
            entries, gps, thumbnail = metadata.read(image, data)
        entries.extend(metadata.hidden_entries(removed, entries))
        name = {"MPO": "MPO", "WEBP": "WebP"}.get(image.format or "", kind.name)
    finally:
        image.close()
    return entries, gps, thumbnail, name


def clean_bytes(data: bytes, options: CleanOptions) -> tuple[bytes, Outcome, list[str]]:
    """Clean and verify in memory; raises ScrubError for anything that must not be written."""
    cleaned, outcome, removed, _ = _clean_bytes(data, options)
    return cleaned, outcome, removed


def _clean_bytes(data: bytes, options: CleanOptions) -> tuple[bytes, Outcome, list[str], str]:
    kind = sniff(data[:32])
    if kind is None:
        raise ScrubError(_NOT_KNOWN)
    why_reencoded = ""
    try:
        cleaned, removed = kind.clean_and_verify(data, options)
        lossless = kind.lossless
        if lossless and not kind.video and not kind.verified_whole:
            from socially_aware.scrubber import reencode

            header = reencode.open_image(cleaned)  # the header alone: a full decode is for the tests
            header.close()
    except ScrubError as error:
        if kind.fallback is None:
            raise
        # The last resort: the picture is decoded and written again, and the result says why.
        why_reencoded = str(error)
        cleaned, removed = kind.fallback(data, options)  # verifies what it writes
        lossless = False
    if cleaned == data:
        return cleaned, Outcome.ALREADY_CLEAN, [], ""
    return cleaned, (Outcome.CLEANED if lossless else Outcome.REENCODED), removed, why_reencoded


def clean_file(src: Path, dest: Path, options: CleanOptions) -> CleanResult:
    why_reencoded = ""
    try:
        try:
            kind = _sniff_file(src)
        except ScrubError:
            if src.suffix.lower() in SUPPORTED_SUFFIXES:
                raise  # named like a photo: a failure, in the words inspecting it gives
            return CleanResult(src, Outcome.UNSUPPORTED, message=unhandled.refusal(src))
        if dest.exists() and not options.in_place and not options.overwrite:
            raise ScrubError(f"{dest.name} already exists in the output folder; it was not overwritten")
        if kind.stream_clean is not None:
            outcome, removed = _clean_streamed(kind, src, dest, options)
        else:
            before = _identity(src)  # before reading: a download still running must not be replaced
            cleaned, outcome, removed, why_reencoded = _clean_bytes(_read(src), options)
            if outcome is Outcome.ALREADY_CLEAN and options.in_place:
                return CleanResult(src, outcome, output=src, message="nothing to remove")
            write_output(src, dest, cleaned, options, unchanged_since=before)
    except ScrubError as error:
        return CleanResult(src, Outcome.FAILED, message=str(error))
    except Exception as error:  # a bug must cost one file, not the whole batch
        return CleanResult(src, Outcome.FAILED, message=f"unexpected problem: {type(error).__name__}: {error}")
    if outcome is Outcome.ALREADY_CLEAN and options.in_place:
        return CleanResult(src, outcome, output=src, message="nothing to remove")
    notes = [str(r) for r in removed if isinstance(r, Note)]
    if outcome is Outcome.REENCODED:
        notes.insert(
            0,
            f"pixels were re-encoded as a last resort: the file's structure could not be edited ({why_reencoded})"
            if why_reencoded
            else "pixels were re-encoded, as this format cannot be cleaned without it",
        )
    removed = [r for r in removed if not isinstance(r, Note)]
    return CleanResult(src, outcome, output=dest, removed=tuple(removed), message="; ".join(notes))


def _clean_streamed(kind: FileFormat, src: Path, dest: Path, options: CleanOptions) -> tuple[Outcome, list[str]]:
    """Large files (videos): copied with bounded buffers into the temporary file, then patched."""
    stream = kind.stream_clean
    assert stream is not None
    if options.in_place and kind.patch_in_place is not None:
        return _patch_in_place(kind, src, options)
    try:
        source = src.open("rb")
    except OSError as error:
        raise ScrubError(f"could not be read: {error.strerror or error}") from error
    with source:
        opened = os.fstat(source.fileno())  # what the copy is made from; checked again before the rename
        size = opened.st_size
        if size == 0:
            raise ScrubError("is empty (0 bytes)")
        removed: list[str] = []

        def write(fd: int) -> None:
            removed.extend(stream(source, size, fd, options))

        # In place, find out first whether anything is to be removed: a clean file is never rewritten.
        if options.in_place and not stream(source, size, -1, options):
            return Outcome.ALREADY_CLEAN, []
        _write_via_temp(src, dest, options, write, unchanged_since=opened)
    return (Outcome.CLEANED if removed else Outcome.ALREADY_CLEAN), removed


def _patch_in_place(kind: FileFormat, src: Path, options: CleanOptions) -> tuple[Outcome, list[str]]:
    assert kind.patch_in_place is not None
    info = src.stat()
    try:
        fd = os.open(src, os.O_RDWR)
    except OSError as error:
        raise ScrubError(f"could not be opened for cleaning: {error.strerror or error}") from error
    try:
        removed = kind.patch_in_place(fd, os.fstat(fd).st_size, options)
    except OSError as error:
        raise ScrubError(f"could not be cleaned: {error.strerror or error}") from error
    finally:
        os.close(fd)
    if options.keep_file_dates:
        os.utime(src, ns=(info.st_atime_ns, info.st_mtime_ns))
    return (Outcome.CLEANED if removed else Outcome.ALREADY_CLEAN), removed


Identity = tuple[int, int, int, int]
CHANGED_WHILE_CLEANING = (
    "changed while it was being cleaned (a download or copy still running?), so it was left untouched; "
    "clean it again once it is complete"
)


def _identity(path_or_stat: Path | os.stat_result) -> Identity:
    """What says a file is still the one that was read: device, inode, size, modification time."""
    try:
        info = path_or_stat if isinstance(path_or_stat, os.stat_result) else os.stat(path_or_stat)
    except OSError as error:
        raise ScrubError(f"could not be read: {error.strerror or error}") from error
    return info.st_dev, info.st_ino, info.st_size, info.st_mtime_ns


def write_output(
    src: Path, dest: Path, data: bytes, options: CleanOptions, unchanged_since: Identity | None = None
) -> None:
    """Write via a temporary file and a rename, so a failure leaves no partial photo behind.
    With `unchanged_since`, nothing is replaced (and no copy left) if `src` changed since then."""

    _write_via_temp(src, dest, options, lambda fd: write_all(fd, data), unchanged_since)


def _write_via_temp(
    src: Path,
    dest: Path,
    options: CleanOptions,
    write: Callable[[int], None],
    unchanged_since: Identity | os.stat_result | None = None,
) -> None:
    info = src.stat()

    def still_unchanged() -> None:
        if unchanged_since is not None:
            expected = _identity(unchanged_since) if isinstance(unchanged_since, os.stat_result) else unchanged_since
            if _identity(src) != expected:  # the last moment before the original could be replaced
                raise ScrubError(CHANGED_WHILE_CLEANING)

    try:
        dest.parent.mkdir(parents=True, exist_ok=True)
        write_atomically(
            dest,
            write,
            mode=info.st_mode & 0o666,
            durable=options.in_place,  # the original is about to be replaced: the copy must be on disk first
            tag=str(os.getpid()),  # `.NAME.PID.cleaning`: batch.sweep_stale removes a dead run's leftovers
            suffix=TEMP_SUFFIX,
            times_from=info if options.keep_file_dates else None,
            before_replace=still_unchanged,
        )
    except OSError as error:
        raise ScrubError(f"could not be saved: {os_error_words(error)}") from error
