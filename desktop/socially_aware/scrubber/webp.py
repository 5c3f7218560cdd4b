"""WebP: drop the EXIF and XMP chunks and fix the VP8X flags and RIFF size; the bitstream stays."""

from __future__ import annotations

import struct

from socially_aware.scrubber.exifmin import EXIF_PREFIX, orientation_of_tiff, orientation_of_xmp, orientation_tiff
from socially_aware.scrubber.limits import MAX_PIXELS
from socially_aware.scrubber.model import CleanOptions, FileFormat, ScrubError
from socially_aware.scrubber.spans import same_spans

_PICTURE = {b"VP8 ", b"VP8L", b"ALPH", b"ANIM", b"ANMF"}
_FRAME_PARTS = {b"ALPH", b"VP8 ", b"VP8L"}
"""What an animation frame (ANMF) may hold after its 16-byte header; anything else is dropped."""
_DEFINED_LENGTH = {b"VP8X": 10, b"ANIM": 6}
_ANMF_HEADER = 16
_FLAG_ICC, _FLAG_EXIF, _FLAG_XMP = 0x20, 0x08, 0x04
REMOVED_NAMES = {
    b"EXIF": "Exif (camera, time, location)",
    b"XMP ": "XMP (editing history, people, location)",
    b"ICCP": "colour profile",
}

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
    """EXIF's orientation, or XMP's tiff:Orientation when there is no EXIF, or 1 (upright)."""
    for kind, start, end in chunks:
        if kind == b"EXIF":
            payload = data[start + 8 : end]
            if payload.startswith(EXIF_PREFIX):
                payload = payload[len(EXIF_PREFIX) :]
            return orientation_of_tiff(payload) or 1
    for kind, start, end in chunks:
        if kind == b"XMP ":
            return orientation_of_xmp(data[start + 8 : end]) or 1
    return 1


def _chunk(kind: bytes, payload: bytes) -> bytes:
    return kind + struct.pack("<I", len(payload)) + payload + (b"\x00" if len(payload) & 1 else b"")


def _subchunks(data: bytes, start: int, end: int) -> list[Chunk]:
    """The chunks inside an ANMF frame (after its header); ScrubError when they don't add up."""
    found: list[Chunk] = []
    pos = start + 8 + _ANMF_HEADER
    while pos < end:
        if pos + 8 > end:
            raise ScrubError(f"damaged animation frame at byte {start}")
        kind, size = struct.unpack_from("<4sI", data, pos)
        stop = pos + 8 + size + (size & 1)
        if stop > end:
            raise ScrubError(f"a chunk inside the animation frame at byte {start} runs past the frame")
        found.append((kind, pos, stop))
        pos = stop
    return found


def _frame(data: bytes, start: int, end: int, removed: list[str]) -> bytes:
    """An ANMF chunk holding only its header and the frame's picture chunks."""
    if end - start < 8 + _ANMF_HEADER:
        raise ScrubError(f"damaged animation frame at byte {start}")
    parts = [data[start + 8 : start + 8 + _ANMF_HEADER]]
    for kind, sub_start, sub_end in _subchunks(data, start, end):
        if kind in _FRAME_PARTS:
            parts.append(data[sub_start:sub_end])
        else:
            name = f"other data inside an animation frame ({kind.decode('latin-1').strip()})"
            if name not in removed:
                removed.append(name)
    return _chunk(b"ANMF", b"".join(parts))


def clean(data: bytes, options: CleanOptions) -> tuple[bytes, list[str]]:
    chunks = walk(data)
    orientation = _orientation(data, chunks) if options.keep_orientation else 1
    minimal = orientation_tiff(orientation) if orientation != 1 else b""
    body: list[bytes] = []
    removed: list[str] = []
    has_icc = False
    for kind, start, end in chunks:
        if kind == b"ANMF":
            body.append(_frame(data, start, end, removed))
        elif kind in _DEFINED_LENGTH:
            (size,) = struct.unpack_from("<I", data, start + 4)
            if size < _DEFINED_LENGTH[kind]:
                raise ScrubError(f"the {kind.decode('latin-1')} chunk is too short")
            body.append(_chunk(kind, data[start + 8 : start + 8 + _DEFINED_LENGTH[kind]]))
            if size > _DEFINED_LENGTH[kind]:
                removed.append(f"data hidden in {kind.decode('latin-1')}")
        elif kind in _PICTURE or (kind == b"ICCP" and options.keep_icc):
            has_icc |= kind == b"ICCP"
            body.append(data[start:end])
        elif (
            kind == b"EXIF" and minimal and data[start + 8 : end].rstrip(b"\x00") in (minimal, minimal.rstrip(b"\x00"))
        ):
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


def _picture_spans(data: bytes, chunks: list[Chunk]) -> list[tuple[int, int]]:
    """The picture chunks; for an animation frame its header and picture parts, not its wrapper."""
    spans: list[tuple[int, int]] = []
    for kind, start, end in chunks:
        if kind == b"ANMF":
            spans.append((start + 8, start + 8 + _ANMF_HEADER))
            spans.extend((s, e) for k, s, e in _subchunks(data, start, end) if k in _FRAME_PARTS)
        elif kind == b"ANIM":
            spans.append((start + 8, start + 8 + _DEFINED_LENGTH[kind]))
        elif kind in _PICTURE:  # VP8X is not: its flags change with what the file holds
            spans.append((start, end))
    return spans


def verify(original: bytes, cleaned: bytes) -> None:
    chunks = walk(cleaned)
    (riff_size,) = struct.unpack_from("<I", cleaned, 4)
    if riff_size + 8 != len(cleaned):
        raise ScrubError("the cleaned file's size field is wrong")
    for kind, start, end in chunks:
        if kind in _DEFINED_LENGTH and end - start != 8 + _DEFINED_LENGTH[kind]:
            raise ScrubError(f"the {kind.decode('latin-1')} chunk still carries other data")
        if kind == b"ANMF" and any(k not in _FRAME_PARTS for k, _, _ in _subchunks(cleaned, start, end)):
            raise ScrubError("an animation frame still holds other data")
        if kind in _PICTURE or kind in (b"VP8X", b"ICCP"):
            continue
        if kind == b"EXIF" and cleaned[start + 8 : end].rstrip(b"\x00") in {
            orientation_tiff(o).rstrip(b"\x00") for o in range(2, 9)
        }:
            continue
        raise ScrubError(f"the {kind.decode('latin-1').strip()} chunk is still in the cleaned file")
    if not same_spans(original, _picture_spans(original, walk(original)), cleaned, _picture_spans(cleaned, chunks)):
        raise ScrubError("the picture data changed while cleaning")


FORMAT = FileFormat(
    name="WebP",
    suffixes=(".webp",),
    mime="image/webp",
    magic=lambda head: head[:4] == b"RIFF" and head[8:12] == b"WEBP",
    lossless=True,
    allowlist=frozenset({"RIFF", "ICC*", "IFD0:Orientation"}),
    clean=clean,
    verify=verify,
)
