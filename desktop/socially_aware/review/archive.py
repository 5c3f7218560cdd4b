"""Read a data download in place: a zip file (streamed, never extracted) or an unpacked folder.

Hostile archives are expected. Entry names are only ever looked at, never used as paths; entries
whose names climb out (`..`) or are absolute, encrypted entries and zip bombs are listed in notes
and left unread. A zip cut short (its directory lost) is read entry by entry from the start.
"""

from __future__ import annotations

import os
import re
import struct
import zipfile
import zlib
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO, Protocol

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


class FolderArchive(Archive):
    def __init__(self, root: Path) -> None:
        super().__init__(str(root))
        self.root = root

    def members(self) -> list[Member]:
        found: list[Member] = []
        for folder, dirs, files in os.walk(self.root, followlinks=False):
            dirs.sort()
            for name in sorted(files):
                path = Path(folder) / name
                rel = path.relative_to(self.root).as_posix()
                if path.is_symlink():
                    self.notes.append(FileNote(rel, "is a link to somewhere else; not followed"))
                    continue
                try:
                    size = path.stat().st_size
                except OSError as error:
                    self.notes.append(FileNote(rel, f"could not be read: {error.strerror or error}"))
                    continue
                found.append(Member(rel, size, size))
                if len(found) >= limits.MAX_MEMBERS:
                    self.notes.append(
                        FileNote(rel, f"more than {limits.MAX_MEMBERS:,} files: the rest were not looked at")
                    )
                    return found
        return found

    def _open(self, member: Member) -> Stream:
        return open(self.root / member.name, "rb")


class ZipArchive(Archive):
    def __init__(self, path: Path) -> None:
        super().__init__(str(path))
        try:
            self.zip = zipfile.ZipFile(path)
        except (zipfile.BadZipFile, OSError, ValueError, EOFError) as error:
            raise ArchiveError(f"is not a readable zip file ({error})") from error
        self._infos: dict[int, zipfile.ZipInfo] = {}

    def members(self) -> list[Member]:
        found: list[Member] = []
        for key, info in enumerate(self.zip.infolist()):
            if info.is_dir():
                continue
            member = Member(info.filename.replace("\\", "/"), info.file_size, info.compress_size, key)
            if _admit(member, self.notes, encrypted=bool(info.flag_bits & 0x1)):
                self._infos[key] = info
                found.append(member)
                if len(found) >= limits.MAX_MEMBERS:
                    self.notes.append(
                        FileNote(member.name, f"more than {limits.MAX_MEMBERS:,} entries: the rest were not looked at")
                    )
                    break
        note_duplicates(found, self.notes)
        return found

    def _open(self, member: Member) -> Stream:
        return self.zip.open(self._infos[member.key])

    def close(self) -> None:
        self.zip.close()


def note_duplicates(members: list[Member], notes: list[FileNote]) -> None:
    """A zip may hold several entries under one name (the format allows it): say so; each is read once."""
    counts = Counter(m.name for m in members)
    for name, times in counts.items():
        if times > 1:
            notes.append(
                FileNote(name, f"appears {times} times in the archive under the same name; each copy was read")
            )


def _admit(member: Member, notes: list[FileNote], encrypted: bool = False) -> bool:
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


_LOCAL = struct.Struct("<4sHHHHHIIIHH")


@dataclass(frozen=True)
class _LocalEntry:
    offset: int
    method: int
    compressed: int


class TruncatedZipArchive(Archive):
    """A zip whose end (with its directory) is missing: walk the local headers from the start."""

    def __init__(self, path: Path) -> None:
        super().__init__(str(path))
        self.handle: BinaryIO = open(path, "rb")  # noqa: SIM115 - closed in close()
        self.size = path.stat().st_size
        self._entries: dict[int, _LocalEntry] = {}

    def members(self) -> list[Member]:
        found: list[Member] = []
        handle, position = self.handle, 0
        while len(found) < limits.MAX_MEMBERS:
            handle.seek(position)
            header = handle.read(_LOCAL.size)
            if header[:4] in (b"PK\x01\x02", b"PK\x05\x06"):
                break  # the cut is in the directory at the end: every file before it is whole
            if len(header) < _LOCAL.size or header[:4] != b"PK\x03\x04":
                if position < self.size:
                    self.notes.append(
                        FileNote(
                            CUT_NAME,
                            "the archive ends inside this file's header; it and whatever followed it were not read",
                            damaged=True,
                        )
                    )
                break
            _, _, flags, method, _, _, _, csize, usize, name_len, extra_len = _LOCAL.unpack(header)
            raw_name = handle.read(name_len)
            name = raw_name.decode("utf-8" if flags & 0x800 else "cp437", "replace").replace("\\", "/")
            if len(raw_name) < name_len:
                name = f"{name}… (name cut off)"
            data_at = position + _LOCAL.size + name_len + extra_len
            if flags & 0x8 or csize == 0xFFFFFFFF:
                self.notes.append(
                    FileNote(
                        name,
                        "the archive is cut short and this entry's size is not recorded "
                        "before its data; it and what follows were not read",
                        damaged=True,
                    )
                )
                break
            if data_at + csize > self.size:
                self.notes.append(
                    FileNote(name, "is cut off: the archive ends in the middle of it (download it again)", damaged=True)
                )
                break
            member = Member(name, usize, csize, position)
            if method not in (0, 8):
                self.notes.append(FileNote(name, f"uses a compression method this review does not read ({method})"))
            elif not name.endswith("/") and _admit(member, self.notes, encrypted=bool(flags & 0x1)):
                self._entries[position] = _LocalEntry(data_at, method, csize)
                found.append(member)
            position = data_at + csize
        note_duplicates(found, self.notes)
        return found

    def _open(self, member: Member) -> Stream:
        entry = self._entries[member.key]
        return _EntryReader(self.handle, entry, member.size)

    def close(self) -> None:
        self.handle.close()


class _EntryReader:
    """Stored or deflated entry data, inflated in pieces and never past its declared size."""

    def __init__(self, handle: BinaryIO, entry: _LocalEntry, size: int) -> None:
        self.handle, self.entry = handle, entry
        self.raw_left = entry.compressed
        self.out_left = size
        self.position = entry.offset
        self.inflater = zlib.decompressobj(-15) if entry.method == 8 else None
        self.pending = b""

    def read(self, size: int = -1) -> bytes:
        want = self.out_left if size < 0 else min(size, self.out_left)
        out = [self.pending[:want]]
        self.pending = self.pending[want:]
        have = len(out[0])
        while have < want and self.raw_left > 0:
            self.handle.seek(self.position)
            raw = self.handle.read(min(self.raw_left, 1 << 20))
            if not raw:
                break
            self.position += len(raw)
            self.raw_left -= len(raw)
            try:
                piece = self.inflater.decompress(raw, want - have) if self.inflater else raw
            except zlib.error as error:
                raise DamagedEntry(f"damaged compressed data ({error})") from error
            if self.inflater is not None and self.inflater.unconsumed_tail:
                # Hand the unread input back: it is inflated on the next call.
                self.raw_left += len(self.inflater.unconsumed_tail)
                self.position -= len(self.inflater.unconsumed_tail)
            if len(piece) > want - have:
                self.pending = piece[want - have :]
                piece = piece[: want - have]
            out.append(piece)
            have += len(piece)
        data = b"".join(out)
        self.out_left -= len(data)
        return data

    def close(self) -> None:
        """The archive owns the handle."""


def open_archive(path: Path) -> Archive:
    """A zip file, a cut-short zip file, or a folder; anything else is an ArchiveError."""
    if path.is_dir():
        return FolderArchive(path)
    if not path.is_file():
        raise ArchiveError("is not a file or folder that can be read")
    try:
        with open(path, "rb") as handle:
            head = handle.read(4)
    except OSError as error:
        raise ArchiveError(f"could not be read: {error.strerror or error}") from error
    if head != b"PK\x03\x04" and head != b"PK\x05\x06":
        raise ArchiveError("is not a zip file or a folder (platforms deliver their downloads as .zip)")
    try:
        return ZipArchive(path)
    except ArchiveError:
        if head != b"PK\x03\x04":
            raise
    archive = TruncatedZipArchive(path)
    archive.notes.append(
        FileNote(
            "",
            "the zip file is incomplete (cut short, its directory is missing): "
            "what could be read is reviewed; download it again to review the rest",
            damaged=True,
        )
    )
    return archive
