"""A data download as a zip file: streamed, never extracted; a zip cut short is read entry by entry.

Platforms deliver their downloads as .zip. Entries whose names climb out, encrypted entries and zip
bombs are left unread with a note (`archive.admit`). A zip whose end (with its directory) is missing is
walked from its local headers, so what arrived is still reviewed. Declared in `archive_registry.py`.
"""

from __future__ import annotations

import struct
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from socially_aware.review import limits
from socially_aware.review.archive import (
    CUT_NAME,
    Archive,
    ArchiveError,
    ArchiveKind,
    DamagedEntry,
    Member,
    Stream,
    admit,
    note_duplicates,
)
from socially_aware.review.model import FileNote

LOCAL_HEADER = b"PK\x03\x04"
"""The start of a zip file with at least one entry."""
EMPTY_END = b"PK\x05\x06"
"""The start of an empty zip file (only its end record)."""


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
            if admit(member, self.notes, encrypted=bool(info.flag_bits & 0x1)):
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
            elif not name.endswith("/") and admit(member, self.notes, encrypted=bool(flags & 0x1)):
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


def recognises(path: Path, head: bytes) -> bool:
    return head[:4] in (LOCAL_HEADER, EMPTY_END)


def open_zip(path: Path, head: bytes) -> Archive:
    """A whole zip file, else (its directory lost) the entries that arrived, with a note saying so."""
    try:
        return ZipArchive(path)
    except ArchiveError:
        if head[:4] != LOCAL_HEADER:
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


KIND = ArchiveKind(name="a zip file", suffixes=(".zip",), recognises=recognises, open=open_zip)
