"""Hostile photos that are small on disk and huge once decoded, written byte by byte (making them
with Pillow would need the very memory they are meant to exhaust)."""

from __future__ import annotations

import functools
import struct
import zlib
from pathlib import Path


@functools.cache
def _zeros_deflated(total: int, row: bytes = b"") -> bytes:
    """`total` zero bytes compressed, optionally with `row` (e.g. PNG filter bytes) repeated.

    Kept for the run (about a megabyte each): deflating the same 720 MB again for every bomb cost a
    second of CPU each time."""
    packer = zlib.compressobj(1)
    block = b"\x00" * (1 << 20)
    parts, left = [], total
    while left > 0:
        parts.append(packer.compress(block[: min(left, len(block))]))
        left -= len(block)
    parts.append(packer.flush())
    return b"".join(parts)


def gif_bomb(path: Path, side: int = 15000, frames: int = 40) -> Path:
    """A huge logical screen and many 1×1 frames: under 1 KB, gigabytes once composed."""
    out = bytearray(b"GIF89a" + struct.pack("<HHBBB", side, side, 0x80, 0, 0) + b"\x00\x00\x00\xff\xff\xff")
    out += b"\x21\xff\x0bNETSCAPE2.0\x03\x01\x00\x00\x00"
    for n in range(frames):
        out += b"\x21\xf9\x04\x00\x0a\x00\x00\x00"  # graphic control: 100 ms
        out += b"\x2c" + struct.pack("<HHHHB", n % side, n % side, 1, 1, 0)
        out += b"\x02\x02\x44\x01\x00"  # LZW min code size 2, one sub-block: a single pixel
    path.write_bytes(bytes(out + b"\x3b"))
    return path


def tiff_bomb(path: Path, width: int = 16000, height: int = 15000) -> Path:
    """An RGB TIFF of width×height pixels (240 MP by default), deflated zeros: about 1 MB."""
    strip = _zeros_deflated(width * height * 3)
    entries = [
        (256, 4, 1, width),
        (257, 4, 1, height),
        (258, 3, 1, 8),
        (259, 3, 1, 8),
        (262, 3, 1, 2),
        (273, 4, 1, 0),
        (277, 3, 1, 3),
        (278, 4, 1, height),
        (279, 4, 1, len(strip)),
    ]
    # BitsPerSample for 3 samples needs 3 values; a single 8 is accepted by readers for RGB.
    header_size = 8 + 2 + 12 * len(entries) + 4
    ifd = struct.pack("<H", len(entries))
    for tag, kind, count, value in entries:
        if tag == 273:
            value = header_size
        packed = struct.pack("<H", value) + b"\x00\x00" if kind == 3 else struct.pack("<I", value)
        ifd += struct.pack("<HHI", tag, kind, count) + packed
    path.write_bytes(b"II*\x00" + struct.pack("<I", 8) + ifd + struct.pack("<I", 0) + strip)
    return path


def _png_chunk(kind: bytes, payload: bytes) -> bytes:
    return struct.pack(">I", len(payload)) + kind + payload + struct.pack(">I", zlib.crc32(kind + payload))


def png_bomb(path: Path, width: int = 16000, height: int = 15000, text: bytes = b"") -> Path:
    """An RGB PNG of width×height pixels (240 MP by default), all black: about 1 MB.
    `text` goes into a tEXt chunk after the picture data, where Pillow finds it only by decoding."""
    idat = _zeros_deflated(height * (1 + width * 3))
    chunks = _png_chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)) + _png_chunk(b"IDAT", idat)
    if text:
        chunks += _png_chunk(b"tEXt", b"Comment\x00" + text)
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + chunks + _png_chunk(b"IEND", b""))
    return path
