"""WebP: drop the EXIF and XMP chunks and fix the VP8X flags and RIFF size; the bitstream stays."""

from __future__ import annotations

import struct

from socially_aware.scrubber.exifmin import EXIF_PREFIX, orientation_of_tiff, orientation_tiff
from socially_aware.scrubber.model import CleanOptions, FileFormat, ScrubError
from socially_aware.scrubber.spans import same_spans

MAX_PIXELS = 250_000_000
_PICTURE = {b"VP8 ", b"VP8L", b"ALPH", b"ANIM", b"ANMF"}
_FLAG_ICC, _FLAG_EXIF, _FLAG_XMP = 0x20, 0x08, 0x04
REMOVED_NAMES = {b"EXIF": "Exif (camera, time, location)", b"XMP ": "XMP (editing history, people, location)",
                 b"ICCP": "colour profile"}

Chunk = tuple[bytes, int, int]  # fourcc, start, end (end includes padding)


def walk(data: bytes) -> list[Chunk]:
    if len(data) < 12 or data[:4] != b"RIFF" or data[8:12] != b"WEBP":
        raise ScrubError("not a WebP file")
    (riff_size,) = struct.unpack_from("<I", data, 4)
    if riff_size + 8 > len(data):
        raise ScrubError("the file is cut short")
    limit = riff_size + 8
    chunks: list[Chunk] = []
    pos = 12
    while pos < limit:
        if pos + 8 > limit:
            raise ScrubError(f"damaged chunk header at byte {pos}")
        kind, size = struct.unpack_from("<4sI", data, pos)
        end = pos + 8 + size + (size & 1)
        if end > limit:
            raise ScrubError(f"a chunk at byte {pos} claims to run past the end of the file")
        if kind == b"VP8X" and size >= 10:
            width = 1 + int.from_bytes(data[pos + 12 : pos + 15], "little")
            height = 1 + int.from_bytes(data[pos + 15 : pos + 18], "little")
            if width * height > MAX_PIXELS:
                raise ScrubError(f"declares {width}×{height} pixels, not a plausible photo (a decompression bomb?)")
        chunks.append((kind, pos, end))
        pos = end
    if not any(k in (b"VP8 ", b"VP8L", b"ANIM") for k, _, _ in chunks):
        raise ScrubError("the WebP file holds no picture")
    return chunks


def _orientation(data: bytes, chunks: list[Chunk]) -> int:
    for kind, start, end in chunks:
        if kind == b"EXIF":
            payload = data[start + 8 : end]
            if payload.startswith(EXIF_PREFIX):
                payload = payload[len(EXIF_PREFIX) :]
            return orientation_of_tiff(payload) or 1
    return 1


def _chunk(kind: bytes, payload: bytes) -> bytes:
    return kind + struct.pack("<I", len(payload)) + payload + (b"\x00" if len(payload) & 1 else b"")


def clean(data: bytes, options: CleanOptions) -> tuple[bytes, list[str]]:
    chunks = walk(data)
    orientation = _orientation(data, chunks) if options.keep_orientation else 1
    minimal = orientation_tiff(orientation) if orientation != 1 else b""
    body: list[bytes] = []
    removed: list[str] = []
    has_icc = False
    for kind, start, end in chunks:
        if kind in _PICTURE or kind == b"VP8X" or (kind == b"ICCP" and options.keep_icc):
            has_icc |= kind == b"ICCP"
            body.append(data[start:end])
        elif kind == b"EXIF" and minimal and data[start + 8 : end].rstrip(b"\x00") in (minimal, minimal.rstrip(b"\x00")):
            continue
        else:
            name = REMOVED_NAMES.get(kind, f"other data ({kind.decode('latin-1').strip()})")
            if name not in removed:
                removed.append(name)
    if minimal:
        body.append(_chunk(b"EXIF", minimal))
    if body and body[0][:4] == b"VP8X":
        vp8x = bytearray(body[0])
        flags = vp8x[8] & ~(_FLAG_EXIF | _FLAG_XMP | _FLAG_ICC)
        flags |= (_FLAG_ICC if has_icc else 0) | (_FLAG_EXIF if minimal else 0)
        vp8x[8] = flags
        body[0] = bytes(vp8x)
    elif minimal:
        body.pop()  # a simple (non-extended) WebP cannot carry EXIF; the picture is stored upright
    payload = b"WEBP" + b"".join(body)
    return b"RIFF" + struct.pack("<I", len(payload)) + payload, removed


def _picture_spans(chunks: list[Chunk]) -> list[tuple[int, int]]:
    return [(start, end) for kind, start, end in chunks if kind in _PICTURE]


def verify(original: bytes, cleaned: bytes) -> None:
    chunks = walk(cleaned)
    (riff_size,) = struct.unpack_from("<I", cleaned, 4)
    if riff_size + 8 != len(cleaned):
        raise ScrubError("the cleaned file's size field is wrong")
    for kind, start, end in chunks:
        if kind in _PICTURE or kind in (b"VP8X", b"ICCP"):
            continue
        if kind == b"EXIF" and cleaned[start + 8 : end].rstrip(b"\x00") in {orientation_tiff(o).rstrip(b"\x00") for o in range(2, 9)}:
            continue
        raise ScrubError(f"the {kind.decode('latin-1').strip()} chunk is still in the cleaned file")
    if not same_spans(original, _picture_spans(walk(original)), cleaned, _picture_spans(chunks)):
        raise ScrubError("the picture data changed while cleaning")


FORMAT = FileFormat(
    name="WebP", suffixes=(".webp",), mime="image/webp",
    magic=lambda head: head[:4] == b"RIFF" and head[8:12] == b"WEBP", lossless=True,
    allowlist=frozenset({"RIFF", "ICC*", "IFD0:Orientation"}), clean=clean, verify=verify,
)
