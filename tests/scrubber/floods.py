"""Still images made of very many empty segments, fill bytes or chunks (issue 21 item 4), for the
count-budget tests and benchmarks/scrub_flood.py."""

from __future__ import annotations

import io
import struct
import zlib
from collections.abc import Callable


def _jpeg() -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (64, 48), "gray").save(out, "JPEG", restart_marker_blocks=1)
    return out.getvalue()


def _png() -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (64, 48), "gray").save(out, "PNG")
    return out.getvalue()


def _webp() -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (64, 48), "gray").save(out, "WEBP", icc_profile=b"")
    return out.getvalue()


def _png_chunk(kind: bytes, payload: bytes = b"") -> bytes:
    return struct.pack(">I", len(payload)) + kind + payload + struct.pack(">I", zlib.crc32(kind + payload))


def _riff(body: bytes) -> bytes:
    return b"RIFF" + struct.pack("<I", 4 + len(body)) + b"WEBP" + body


def floods(size: int) -> dict[str, Callable[[], bytes]]:
    """name -> a file of about `size` bytes."""

    def jpeg_segments(segment: bytes) -> bytes:
        base = _jpeg()  # after a first comment, so the file still starts as a JPEG does
        return base[:2] + b"\xff\xfe\x00\x02" + segment * (size // len(segment)) + base[2:]

    def jpeg_restarts() -> bytes:
        base = _jpeg()
        eoi = base.rindex(b"\xff\xd9")
        return base[:eoi] + b"\xff\xd0" * (size // 2) + base[eoi:]

    def png_chunks(kind: bytes) -> bytes:
        base = _png()
        ihdr_end = 8 + 25
        chunk = _png_chunk(kind)
        return base[:ihdr_end] + chunk * (size // len(chunk)) + base[ihdr_end:]

    def webp_chunks() -> bytes:
        base = _webp()
        return _riff(b"CNRY\x00\x00\x00\x00" * (size // 8) + base[12:])

    return {
        "JPEG: empty comment segments": lambda: jpeg_segments(b"\xff\xfe\x00\x02"),
        "JPEG: empty APP1 segments": lambda: jpeg_segments(b"\xff\xe1\x00\x02"),
        "JPEG: empty table segments": lambda: jpeg_segments(b"\xff\xdb\x00\x02"),
        "JPEG: stray byte + comment, repeated": lambda: jpeg_segments(b"\x00\xff\xfe\x00\x02"),
        "JPEG: fill bytes": lambda: jpeg_segments(b"\xff"),
        "JPEG: restart markers after the scan": jpeg_restarts,
        "PNG: empty private chunks": lambda: png_chunks(b"prVt"),
        "PNG: empty text chunks": lambda: png_chunks(b"tEXt"),
        "PNG: empty IDAT chunks": lambda: png_chunks(b"IDAT"),
        "WebP: empty unknown chunks": webp_chunks,
    }
