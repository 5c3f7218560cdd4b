"""One writer of a progress folder at a time, across processes; and one window per person.

`StoreLock` is an exclusive `fcntl.flock` on `NAME.lock` beside the progress folder (beside, not in:
the folder's contents stay exactly the store's files, and "delete all" can still remove the folder).
Whoever writes progress holds it (`ProgressStore.save` takes it, and the window takes it at start and
keeps it until it ends), so a change can't be lost to a second writer and the rollback check can't
mistake another process's newer save for an old file put back. The kernel releases it when the
process ends, however it ends: a stale lock file is harmless.

The window's hand-over: the window that holds the lock also opens a FIFO, `NAME.window`, beside it.
A second start finds the lock taken, writes one line into the FIFO (`hand_over`) and ends; the first
window reads it and raises itself. Both are local files in the person's own folder: no networking.
See docs/decisions/0009-one-window-per-person.md.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import os
import stat
from pathlib import Path

from socially_aware.progress.errors import StoreError

RAISE = b"raise\n"


class StoreBusyError(StoreError):
    """Another process (a window, usually) holds the progress folder."""


def lock_path(data_dir: Path) -> Path:
    return data_dir.with_name(data_dir.name + ".lock")


def handover_path(data_dir: Path) -> Path:
    return data_dir.with_name(data_dir.name + ".window")


def busy_error() -> StoreBusyError:
    return StoreBusyError(
        "Your progress was not saved: Socially Aware is open in another window and is the one that saves it.",
        "Make the change there, or close that window first.",
    )


_HELD: dict[Path, int] = {}
"""Lock file -> the descriptor holding it, for this process. A flock belongs to an open file, so a
second descriptor in the same process would conflict with the first: every store object and the
window of one process share one (it is one writer, and the Tracker orders its changes)."""


class StoreLock:
    """Held by at most one process at a time; `acquire` never waits."""

    def __init__(self, data_dir: Path) -> None:
        self.path = lock_path(data_dir).absolute()

    @property
    def held(self) -> bool:
        return self.path in _HELD

    def acquire(self) -> bool:
        """True when this process holds the lock now (it may have held it already)."""
        if self.path in _HELD:
            return True
        self.path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        flags = os.O_RDWR | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
        fd = os.open(self.path, flags, 0o600)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as error:
            os.close(fd)
            if error.errno in (errno.EWOULDBLOCK, errno.EAGAIN, errno.EACCES):
                return False
            raise
        _HELD[self.path] = fd
        return True

    def release(self) -> None:
        """Let another process write (this process's other store objects lose it too)."""
        fd = _HELD.pop(self.path, None)
        if fd is not None:
            os.close(fd)  # closing the descriptor releases the flock


def listen_for_handover(data_dir: Path) -> int | None:
    """For the window that holds the lock: a FIFO opened for reading (non-blocking), or None where the
    system has none. Read it when it is readable; a line means "show yourself"."""
    path = handover_path(data_dir)
    with contextlib.suppress(FileNotFoundError):
        if not stat.S_ISFIFO(path.lstat().st_mode):
            path.unlink()  # something else in its place: ours is made fresh below
    try:
        if not path.exists():
            os.mkfifo(path, 0o600)
        # Read and write: the FIFO then never reports end-of-file when a writer goes away.
        return os.open(path, os.O_RDWR | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except (OSError, AttributeError):
        return None


def take_handover(fd: int) -> bool:
    """Read what is waiting; True when a second start asked to be shown the window."""
    try:
        data = os.read(fd, 4096)
    except BlockingIOError:
        return False
    return RAISE in data


def hand_over(data_dir: Path) -> bool:
    """For a second start: ask the window that holds the lock to show itself. True when asked."""
    path = handover_path(data_dir)
    try:
        if not stat.S_ISFIFO(path.lstat().st_mode):
            return False
        fd = os.open(path, os.O_WRONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except OSError:  # no reader (ENXIO) or no FIFO: nothing to hand over to
        return False
    try:
        os.write(fd, RAISE)
    except OSError:
        return False
    finally:
        os.close(fd)
    return True
