"""Opening what the person hands us: regular files only, within a size budget.

A named pipe would block the read forever, /dev/zero or /dev/urandom never end, and opening some
devices does something (a tape rewinds, a watchdog starts), so the kind of file is checked before
it is opened, through any symlink, and again on the opened descriptor in case it was swapped in
between. The descriptor is opened non-blocking, so even a pipe swapped in at the last moment can't
make the open itself wait.
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from socially_aware.accounts.errors import AccountsError
from socially_aware.accounts.limits import MAX_MAIL_FILES

_NOT_REGULAR = (
    (stat.S_ISDIR, "a folder"),
    (stat.S_ISFIFO, "a named pipe (FIFO)"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)
_CHUNK = 1024 * 1024
_OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_BINARY", 0)


def _megabytes(size: int) -> str:
    return f"{size / 2**20:,.0f} MB" if size >= 2**20 else f"{size:,} bytes"


def unreadable(error: OSError) -> AccountsError:
    """An OSError as a plain message; never str(error), which repeats the path."""
    reason = os.strerror(error.errno) if error.errno else type(error).__name__
    return AccountsError(f"could not be read ({reason}).")


def _check(info: os.stat_result, cap: int, what: str) -> None:
    for test, kind in _NOT_REGULAR:
        if test(info.st_mode):
            raise AccountsError(f"is {kind}, not a file; only regular files are read.")
    if not stat.S_ISREG(info.st_mode):
        raise AccountsError("is not a regular file; only regular files are read.")
    if info.st_size > cap:
        raise AccountsError(f"is {_megabytes(info.st_size)}, more than the {_megabytes(cap)} {what} can be.")


def open_regular(path: Path, cap: int, what: str) -> BinaryIO:
    """`path` opened for reading in binary, when it is a regular file of at most `cap` bytes."""
    try:
        _check(path.stat(), cap, what)  # stat() follows symlinks: a link to a device is judged as the device
        fd = os.open(path, _OPEN_FLAGS)
    except OSError as error:
        if error.errno == errno.ENXIO:  # a socket, swapped in after the look
            raise AccountsError("is a socket, not a file; only regular files are read.") from error
        raise unreadable(error) from error
    try:
        _check(os.fstat(fd), cap, what)
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


def read_capped(path: Path, cap: int, what: str) -> bytes:
    """The whole of a regular file of at most `cap` bytes (a file that grows while read is refused too)."""
    chunks: list[bytes] = []
    total = 0
    with open_regular(path, cap, what) as stream:
        try:
            # In pieces: read(cap + 1) would set aside the whole budget up front, however small the file.
            while chunk := stream.read(min(_CHUNK, cap + 1 - total)):
                chunks.append(chunk)
                total += len(chunk)
                if total > cap:
                    raise AccountsError(f"is more than the {_megabytes(cap)} {what} can be.")
        except OSError as error:
            raise unreadable(error) from error
    return b"".join(chunks)


def is_folder(path: Path) -> bool:
    try:
        return stat.S_ISDIR(path.stat().st_mode)
    except OSError:
        return False


def files_under(folder: Path) -> Iterator[Path]:
    """Every file in a folder and its subfolders, in a stable order, without following linked folders."""
    seen = 0
    for root, dirs, names in os.walk(folder, followlinks=False):
        dirs.sort()
        for name in sorted(names):
            seen += 1
            if seen > MAX_MAIL_FILES:
                raise AccountsError(f"holds more than {MAX_MAIL_FILES:,} files; choose the folder with the mail in it.")
            yield Path(root, name)
