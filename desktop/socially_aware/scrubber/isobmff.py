"""ISO base media files (HEIF, AVIF, MP4, MOV, 3GP): box headers read with a budget.

Only headers are read while walking (16 bytes each), so a 4 GB video costs a few kilobytes. Every
size is checked against its container before anything is read, the number of boxes and the depth
are capped, and a box claiming to run past its container is damage, never a reason to read more.
"""

from __future__ import annotations

import errno
import os
import struct
from dataclasses import dataclass
from typing import Protocol

from socially_aware.scrubber.limits import MAX_BOXES, MAX_DEPTH, MAX_SMALL_BOX
from socially_aware.scrubber.model import ScrubError


class Source(Protocol):
    size: int

    def read_at(self, offset: int, length: int) -> bytes: ...

    def all_zero(self, start: int, end: int) -> bool: ...


class BytesSource:
    def __init__(self, data: bytes) -> None:
        self.data = data
        self.size = len(data)

    def read_at(self, offset: int, length: int) -> bytes:
        return self.data[offset : offset + length]

    def all_zero(self, start: int, end: int) -> bool:
        return not self.data[start:end].strip(b"\x00")


class FileSource:
    """Reads with pread, so nothing but what is asked for comes into memory."""

    def __init__(self, fd: int, size: int) -> None:
        self.fd = fd
        self.size = size

    def read_at(self, offset: int, length: int) -> bytes:
        chunks = []
        while length > 0:
            chunk = os.pread(self.fd, min(length, 1 << 20), offset)
            if not chunk:
                break
            chunks.append(chunk)
            offset += len(chunk)
            length -= len(chunk)
        return b"".join(chunks)

    def all_zero(self, start: int, end: int) -> bool:
        """Whether the bytes are all zero, skipping holes of a sparse file without reading them."""
        pos = start
        while pos < end:
            try:
                pos = os.lseek(self.fd, pos, os.SEEK_DATA)
            except OSError as error:
                if error.errno == errno.ENXIO:
                    return True  # nothing but a hole from here to the end of the file
                return self._plain_all_zero(pos, end)  # a file system that does not say
            if pos >= end:
                return True
            stop = min(end, os.lseek(self.fd, pos, os.SEEK_HOLE), pos + (1 << 20))
            if self.read_at(pos, stop - pos).strip(b"\x00"):
                return False
            pos = stop
        return True

    def _plain_all_zero(self, start: int, end: int) -> bool:
        while start < end:
            step = min(end - start, 1 << 20)
            if self.read_at(start, step).strip(b"\x00"):
                return False
            start += step
        return True


def label(kind: bytes) -> str:
    """A box type for a message: printable as is, else in hex (never raw control characters)."""
    text = kind.decode("latin-1")
    return text.strip() if text.isprintable() else kind.hex()


@dataclass(frozen=True, slots=True)
class Box:
    type: bytes
    start: int
    header: int
    """Header length: 8, 16 with a 64-bit size; a `uuid` box's 16-byte user type counts too."""
    end: int

    @property
    def body(self) -> int:
        return self.start + self.header

    @property
    def size(self) -> int:
        return self.end - self.start


class Budget:
    def __init__(self, boxes: int = MAX_BOXES) -> None:
        self.left = boxes
        self.limit = boxes

    def spend(self) -> None:
        self.left -= 1
        if self.left < 0:
            raise ScrubError(f"has more than {self.limit:,} boxes, far more than any camera writes")


def header_at(src: Source, pos: int, limit: int) -> Box:
    head = src.read_at(pos, 16)
    if pos + 8 > limit or len(head) < 8:
        raise ScrubError(f"a box at byte {pos} is cut short")
    size, kind = struct.unpack_from(">I4s", head)
    header = 8
    if size == 1:
        if pos + 16 > limit or len(head) < 16:
            raise ScrubError(f"the {label(kind)} box at byte {pos} is cut short")
        (size,) = struct.unpack_from(">Q", head, 8)
        header = 16
    elif size == 0:
        size = limit - pos  # "to the end of the file" (allowed for the last box)
    if kind == b"uuid":
        header += 16
    if size < header or pos + size > limit:
        raise ScrubError(f"the {label(kind)} box at byte {pos} claims to run past the end of its container")
    return Box(kind, pos, header, pos + size)


def children(src: Source, start: int, end: int, budget: Budget, depth: int = 0) -> list[Box]:
    """The boxes from `start` to `end`. Up to 7 zero bytes may follow the last one (QuickTime
    ends some lists with a 32-bit zero); anything else there is damage."""
    if depth > MAX_DEPTH:
        raise ScrubError(f"boxes are nested more than {MAX_DEPTH} deep")
    boxes: list[Box] = []
    pos = start
    while pos < end:
        if end - pos < 8:
            if src.read_at(pos, end - pos).strip(b"\x00"):
                raise ScrubError(f"damaged structure at byte {pos}")
            break
        budget.spend()
        box = header_at(src, pos, end)
        boxes.append(box)
        pos = box.end
    return boxes


def body(src: Source, box: Box, limit: int = MAX_SMALL_BOX) -> bytes:
    """The contents of a box we must read (never the media data): bounded by `limit`."""
    length = box.end - box.body
    if length > limit:
        raise ScrubError(f"the {label(box.type)} box is {length:,} bytes, too large to be metadata")
    return src.read_at(box.body, length)


def find(boxes: list[Box], kind: bytes) -> Box | None:
    return next((b for b in boxes if b.type == kind), None)


def free_header(box: Box) -> bytes:
    """A header that turns `box` into a `free` box of exactly the same size."""
    if box.header - (16 if box.type == b"uuid" else 0) == 16:
        return struct.pack(">I4sQ", 1, b"free", box.size)
    return struct.pack(">I4s", box.size, b"free")
