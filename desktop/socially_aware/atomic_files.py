"""The one atomic file writer, and the one way to say in words why a file operation failed.

`write_atomically` writes a temporary file beside the target (created exclusively, never through a
symlink or an existing name), optionally flushes it to disk, and swaps it in with `os.replace`: a
crash at any point leaves the old file or the new one, never a mix, and a failure removes the
temporary file. It raises `OSError`; each caller words the failure with `os_error_words` inside its
own error type (`StoreWriteError`, `ScrubError`), so the person reads the same reason everywhere.

Qt-free: used by `progress/store.py` (the progress file, exports) and `scrubber/cleaning.py` (cleaned
copies). See docs/decisions/0006-one-atomic-writer.md.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
from collections.abc import Callable
from pathlib import Path

_TEMP_ATTEMPTS = 16

_WORDS = {
    errno.ENOSPC: "the disk is full",
    errno.EDQUOT: "your disk quota is used up",
    errno.EACCES: "the folder cannot be written to (it is read-only or not yours)",
    errno.EPERM: "the folder cannot be written to (it is read-only or not yours)",
    errno.EROFS: "the folder cannot be written to (it is on a read-only disk)",
    errno.ENAMETOOLONG: "the name is too long for this disk",
    errno.EIO: "the disk reported an error (it may be failing or was unplugged)",
}
"""errno -> what a person can act on. Anything else: the system's own words."""


def os_error_words(error: OSError) -> str:
    """Why a file operation failed, in words ("the disk is full"), without a trailing full stop."""
    if error.errno in _WORDS:
        return _WORDS[error.errno]
    return error.strerror or str(error) or type(error).__name__


def temp_path(path: Path, tag: str | None = None, suffix: str = ".tmp") -> Path:
    """`.NAME.TAG.SUFFIX` beside `path`; TAG defaults to a random token, so nothing can be planted at it
    in advance (the cleaner passes its process id, which its sweep of stale copies reads back)."""
    return path.with_name(f".{path.name}.{tag if tag is not None else random_token()}{suffix}")


def random_token() -> str:
    """16 hex digits nobody can guess. os.urandom is what secrets.token_hex reads; the secrets module would
    load OpenSSL (hashlib, hmac) into every command that writes a file, the photo cleaner's included."""
    return os.urandom(8).hex()


def create_temp(path: Path, mode: int, tag: str | None = None, suffix: str = ".tmp") -> tuple[Path, int]:
    """A new temporary file beside `path`, open for writing: O_EXCL and O_NOFOLLOW, so an existing name
    (a planted symlink, directory or FIFO) is never opened, only skipped."""
    flags = os.O_RDWR | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
    for _ in range(_TEMP_ATTEMPTS if tag is None else 1):
        temp = temp_path(path, tag, suffix)
        try:
            fd = os.open(temp, flags, mode)
        except FileExistsError:
            if tag is not None:
                raise
            continue
        if not stat.S_ISREG(os.fstat(fd).st_mode):  # cannot happen with O_EXCL; cheap to be sure
            os.close(fd)
            continue
        return temp, fd
    raise FileExistsError(errno.EEXIST, "no free name for a temporary file", str(path.parent))


WRITE_PIECE = 256 * 1024
"""Bytes per write call. One call per file of megabytes cost the kernel 4-15x the system time of
256 KB pieces on the shared machine (500 new 2 MB photos: 1.3-4.6 s against 0.3 s, the dirty-page
throttling of one large write): most of the photo cleaner's gap to exiftool (issue 21)."""


def write_all(fd: int, data: bytes) -> None:
    """os.write until every byte is written (it may write fewer than asked), WRITE_PIECE at a time."""
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view[:WRITE_PIECE]) :]


def write_atomically(
    path: Path,
    data: bytes | Callable[[int], None],
    *,
    mode: int = 0o600,
    durable: bool = True,
    tag: str | None = None,
    suffix: str = ".tmp",
    times_from: os.stat_result | None = None,
    before_replace: Callable[[], None] | None = None,
) -> None:
    """Write `data` (bytes, or a function writing to the open descriptor) to `path` atomically.

    `durable`: flush the file and its folder to disk before and after the swap, for a file whose previous
    contents must survive a power cut (progress, a photo cleaned in place). `times_from`: give the new
    file these access and modification times. `before_replace`: a last check, called just before the swap;
    whatever it raises stops the write. Raises OSError; the temporary file is gone by then.
    """
    temp: Path | None = None
    try:
        temp, fd = create_temp(path, mode, tag, suffix)
        try:
            if isinstance(data, bytes):
                write_all(fd, data)
            else:
                data(fd)
            if durable:
                os.fsync(fd)
        finally:
            os.close(fd)
        if times_from is not None:
            os.utime(temp, ns=(times_from.st_atime_ns, times_from.st_mtime_ns))
        if before_replace is not None:
            before_replace()
        os.replace(temp, path)
        temp = None
        if durable:
            fsync_folder(path.parent)
    except BaseException:  # KeyboardInterrupt too: never leave a half-written temporary file behind
        if temp is not None:
            with contextlib.suppress(OSError):
                temp.unlink()
        raise


def fsync_folder(folder: Path) -> None:
    """Make a rename in `folder` durable (POSIX; elsewhere a no-op)."""
    if os.name != "posix":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
