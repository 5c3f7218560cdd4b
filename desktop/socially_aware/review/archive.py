"""What every kind of data download has in common: its entries (`Member`), reading them within budget
(`Archive`), the checks on entry names and sizes, and what an archive kind declares (`ArchiveKind`).

Each kind is one module (`zip_archive.py`, `folder_archive.py`) declaring `KIND = ArchiveKind(...)`;
`archive_registry.py` lists them and opens a download with the first kind that recognises it.

Hostile archives are expected. Entry names are only ever looked at, never used as paths; entries
whose names climb out (`..`) or are absolute, encrypted entries and zip bombs are listed in notes
and left unread.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from socially_aware.review import limits
from socially_aware.review.model import FileNote


class ArchiveError(Exception):
    """The archive as a whole cannot be read; the message is for people."""


class FileTooLarge(Exception):
    """One entry is over the size budget of what is being read from it."""


class DamagedEntry(OSError):
    """An entry's compressed data is corrupt or cut short."""


CUT_NAME = "(a file whose name was cut off)"
"""Stands for an entry whose header the archive ends inside."""


class BudgetExceeded(Exception):
    """The whole archive's read budget is spent."""


@dataclass(frozen=True)
class Member:
    name: str
    """As stored, with forward slashes; never used as a path on this computer."""
    size: int
    """Uncompressed size as declared (reads never go past it)."""
    compressed: int
    key: int = -1
    """Which entry of the archive this is: two entries may carry the same name, and each is read once."""

    @property
    def ident(self) -> int | str:
        """Tells this entry apart from every other (an entry's position; a folder file's name)."""
        return self.key if self.key >= 0 else self.name

    @property
    def lower(self) -> str:
        return self.name.lower()

    @property
    def basename(self) -> str:
        return self.name.rsplit("/", 1)[-1]


class Stream(Protocol):
    def read(self, size: int = -1) -> bytes: ...

    def close(self) -> None: ...


_DRIVE = re.compile(r"^[A-Za-z]:")


def unsafe_name(name: str) -> bool:
    parts = re.split(r"[\\/]", name)
    return name.startswith(("/", "\\")) or bool(_DRIVE.match(name)) or ".." in parts


@dataclass
class Archive:
    """Common reading code; subclasses list members and open one as a stream."""

    label: str
    notes: list[FileNote] = field(default_factory=list)
    read_so_far: int = 0
    text_filter: Callable[[str], bool] | None = None
    """Set by the review: False when raw JSON text surely holds no term or address (`Detectors.may_hold`)."""
    opened: set[int | str] = field(default_factory=set)
    """Entries some reader opened (`Member.ident`): the rest of a known platform's files get a note."""

    def members(self) -> list[Member]:
        raise NotImplementedError

    def _open(self, member: Member) -> Stream:
        raise NotImplementedError

    def _opened(self, member: Member) -> Stream:
        self.opened.add(member.ident)
        return self._open(member)

    def close(self) -> None:
        """Release the file handle."""

    def _count(self, n: int) -> None:
        self.read_so_far += n
        if self.read_so_far > limits.MAX_TOTAL_READ:
            raise BudgetExceeded(
                f"stopped after reading {limits.MAX_TOTAL_READ / 2**30:,.1f} GB from this archive (the most one review reads)"
            )

    def read_all(self, member: Member, limit: int = limits.MAX_DOCUMENT_BYTES) -> bytes:
        self.opened.add(member.ident)  # a file refused for its size was looked at (and gets its own note)
        if member.size > limit:
            raise FileTooLarge(f"is {member.size / 2**20:,.0f} MB, larger than this review reads ({limit >> 20} MB)")
        stream = self._opened(member)
        try:
            data = stream.read(limit + 1)
        finally:
            stream.close()
        self._count(len(data))
        if len(data) > limit:
            raise FileTooLarge(f"is larger than this review reads ({limit >> 20} MB)")
        return data

    def read_head(self, member: Member, size: int) -> bytes:
        stream = self._opened(member)
        try:
            data = stream.read(size)
        finally:
            stream.close()
        self._count(len(data))
        return data

    def chunks(self, member: Member, size: int = 1 << 20) -> Iterator[bytes]:
        stream = self._opened(member)
        try:
            while chunk := stream.read(size):
                self._count(len(chunk))
                yield chunk
        finally:
            stream.close()

    def open_stream(self, member: Member) -> Stream:
        """A raw stream for decoders that pull (gzip); the caller budgets what it reads."""
        return self._opened(member)


def note_duplicates(members: list[Member], notes: list[FileNote]) -> None:
    """A zip may hold several entries under one name (the format allows it): say so; each is read once."""
    counts = Counter(m.name for m in members)
    for name, times in counts.items():
        if times > 1:
            notes.append(
                FileNote(name, f"appears {times} times in the archive under the same name; each copy was read")
            )


def admit(member: Member, notes: list[FileNote], encrypted: bool = False) -> bool:
    if unsafe_name(member.name):
        notes.append(
            FileNote(member.name, "has a name that points outside the archive; skipped (nothing is ever extracted)")
        )
        return False
    if encrypted:
        notes.append(FileNote(member.name, "is encrypted; skipped"))
        return False
    if member.size > limits.RATIO_FLOOR_BYTES and member.size > limits.MAX_RATIO * max(member.compressed, 1):
        ratio = member.size / max(member.compressed, 1)
        notes.append(FileNote(member.name, f"would expand {ratio:,.0f} times (a zip bomb?); skipped"))
        return False
    return True


HEAD_BYTES = 8
"""How much of a file's start the registry reads to recognise its kind (a folder's head is empty)."""


@dataclass(frozen=True)
class ArchiveKind:
    """One kind of data download, declared once in its own module and listed in `archive_registry.py`."""

    name: str
    """In words, with its article: "a zip file", "a folder" ("… is not a zip file or a folder")."""
    suffixes: tuple[str, ...]
    """Lower-case, with the dot; the window's "Open a data download" filter is made of them (none for a folder)."""
    recognises: Callable[[Path, bytes], bool]
    """(path, its first HEAD_BYTES bytes) -> whether this kind reads it; by content, never by name (a kind
    whose magic sits further in reads `path` itself)."""
    open: Callable[[Path, bytes], Archive]
    """(path, head) -> the archive, or ArchiveError with a message for people."""
