"""The one piece of Exif a cleaned photo keeps: which way up it goes."""

from __future__ import annotations

import re
import struct

ORIENTATION_TAG = 0x0112
EXIF_PREFIX = b"Exif\x00\x00"


def orientation_tiff(orientation: int) -> bytes:
    """A big-endian TIFF block with one IFD holding only Orientation (26 bytes)."""
    entry = struct.pack(">HHIHH", ORIENTATION_TAG, 3, 1, orientation, 0)
    return b"MM\x00\x2a" + struct.pack(">I", 8) + struct.pack(">H", 1) + entry + struct.pack(">I", 0)


def orientation_of_tiff(tiff: bytes) -> int | None:
    """Orientation from an Exif TIFF block, reading only IFD0 and never following offsets twice."""
    if len(tiff) < 8 or tiff[:2] not in (b"II", b"MM"):
        return None
    endian = "<" if tiff[:2] == b"II" else ">"
    (ifd,) = struct.unpack_from(endian + "I", tiff, 4)
    if ifd + 2 > len(tiff):
        return None
    (count,) = struct.unpack_from(endian + "H", tiff, ifd)
    for n in range(min(count, 512)):
        at = ifd + 2 + 12 * n
        if at + 12 > len(tiff):
            return None
        tag, kind, _count = struct.unpack_from(endian + "HHI", tiff, at)
        if tag == ORIENTATION_TAG and kind == 3:
            (value,) = struct.unpack_from(endian + "H", tiff, at + 8)
            return value if 1 <= value <= 8 else None
    return None


# tiff:Orientation as an attribute (tiff:Orientation="6") or an element (<tiff:Orientation>6<).
_XMP_ORIENTATION = re.compile(rb"tiff:Orientation\s*(?:=\s*[\"'](\d)[\"']|>\s*(\d)\s*<)")


def orientation_of_xmp(xmp: bytes) -> int | None:
    """tiff:Orientation from an XMP packet, the only orientation some editors write."""
    found = _XMP_ORIENTATION.search(xmp[: 1 << 20])
    if found is None:
        return None
    value = int(found.group(1) or found.group(2))
    return value if 1 <= value <= 8 else None
