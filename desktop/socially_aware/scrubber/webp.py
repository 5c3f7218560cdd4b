"""WebP: drop the EXIF and XMP chunks and fix the VP8X flags and RIFF size; the bitstream stays."""

from __future__ import annotations

import struct

from socially_aware.scrubber import icc
from socially_aware.scrubber.exifmin import EXIF_PREFIX, orientation_of_tiff, orientation_of_xmp, orientation_tiff
from socially_aware.scrubber.limits import MAX_PIXELS, MAX_STILL_CHUNKS
from socially_aware.scrubber.model import BudgetError, CleanOptions, FileFormat, ScrubError

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
        if len(chunks) > MAX_STILL_CHUNKS:
            raise BudgetError(f"has more than {MAX_STILL_CHUNKS:,} chunks, far more than any photo")
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
    """A chunk written from its fields: the padding byte of an odd-sized chunk is always zero."""
    return kind + struct.pack("<I", len(payload)) + payload + (b"\x00" if len(payload) & 1 else b"")


def _payload(data: bytes, start: int) -> bytes:
    (size,) = struct.unpack_from("<I", data, start + 4)
    return data[start + 8 : start + 8 + size]


def _subchunks(data: bytes, start: int, end: int) -> list[Chunk]:
    """The chunks inside an ANMF frame (after its header); ScrubError when they don't add up."""
    found: list[Chunk] = []
    pos = start + 8 + _ANMF_HEADER
    (size,) = struct.unpack_from("<I", data, start + 4)
    end = start + 8 + size
    while pos < end:
        if pos + 8 > end:
            raise ScrubError(f"damaged animation frame at byte {start}")
        kind, size = struct.unpack_from("<4sI", data, pos)
        stop = pos + 8 + size + (size & 1)
        if stop > end + (size & 1):
            raise ScrubError(f"a chunk inside the animation frame at byte {start} runs past the frame")
        found.append((kind, pos, stop))
        pos = stop
    return found


# Reserved bits must be zero (WebP container specification): written as zero, they hold nothing.
_VP8X_FLAGS = 0x3E
_ANMF_FLAGS = 0x03
_ALPH_FLAGS = 0x3F


class _Writer:
    """Collects the chunks of the cleaned file and the names of what was left out."""

    def __init__(self) -> None:
        self.chunks: list[tuple[bytes, bytes]] = []
        self.removed: list[str] = []

    def note(self, name: str) -> None:
        if name not in self.removed:
            self.removed.append(name)


def _alpha(payload: bytes, pixels: int, writer: _Writer) -> bytes:
    """ALPH with its reserved bits zero and, stored uncompressed, exactly one byte a pixel."""
    if not payload:
        raise ScrubError("the alpha chunk is empty")
    header = bytes((payload[0] & _ALPH_FLAGS,))
    body = payload[1:]
    if payload[0] & 0x03 == 0 and len(body) > pixels:
        body = body[:pixels]
    if header + body != payload:
        writer.note("data hidden in the alpha channel's chunk")
    return header + body


def _frame(data: bytes, start: int, end: int, writer: _Writer) -> bytes:
    """An ANMF chunk holding only its header and the frame's picture chunks, written from their fields."""
    payload = _payload(data, start)
    if len(payload) < _ANMF_HEADER:
        raise ScrubError(f"damaged animation frame at byte {start}")
    header = payload[:15] + bytes((payload[15] & _ANMF_FLAGS,))
    if header != payload[:_ANMF_HEADER]:
        writer.note("data hidden in an animation frame's header")
    width = 1 + int.from_bytes(header[6:9], "little")
    height = 1 + int.from_bytes(header[9:12], "little")
    parts = [header]
    for kind, sub_start, _sub_end in _subchunks(data, start, end):
        if kind == b"ALPH":
            parts.append(_chunk(kind, _alpha(_payload(data, sub_start), width * height, writer)))
        elif kind in _FRAME_PARTS:
            parts.append(_chunk(kind, _payload(data, sub_start)))
        else:
            writer.note(f"other data inside an animation frame ({kind.decode('latin-1').strip()})")
    return _chunk(b"ANMF", b"".join(parts))


def _kept(data: bytes, chunks: list[Chunk], options: CleanOptions) -> _Writer:
    """Each chunk of the cleaned file, written from its fields, and what was left out."""
    orientation = _orientation(data, chunks) if options.keep_orientation else 1
    minimal = orientation_tiff(orientation) if orientation != 1 else b""
    writer = _Writer()
    canvas = 0
    has_icc = False
    for kind, start, end in chunks:
        payload = _payload(data, start)
        if kind == b"ANMF":
            writer.chunks.append((kind, _frame(data, start, end, writer)))
        elif kind in _DEFINED_LENGTH:
            if len(payload) < _DEFINED_LENGTH[kind]:
                raise ScrubError(f"the {kind.decode('latin-1')} chunk is too short")
            defined = payload[: _DEFINED_LENGTH[kind]]
            if kind == b"VP8X":
                defined = bytes((defined[0] & _VP8X_FLAGS,)) + b"\x00\x00\x00" + defined[4:]
                canvas = (1 + int.from_bytes(defined[4:7], "little")) * (1 + int.from_bytes(defined[7:10], "little"))
            if len(payload) > _DEFINED_LENGTH[kind] or (kind == b"VP8X" and defined[1:4] != payload[1:4]):
                writer.note(f"data hidden in {kind.decode('latin-1')}")
            writer.chunks.append((kind, _chunk(kind, defined)))
        elif kind == b"ALPH":
            writer.chunks.append((kind, _chunk(kind, _alpha(payload, canvas, writer))))
        elif kind in _PICTURE:
            writer.chunks.append((kind, _chunk(kind, payload)))
        elif kind == b"ICCP" and options.keep_icc:
            try:
                profile, changed = icc.rebuild(payload)
            except icc.ProfileError:
                writer.note(icc.DAMAGED_NAME)
                continue
            if changed:
                writer.note(icc.REMOVED_NAME)
            has_icc = True
            writer.chunks.append((kind, _chunk(kind, profile)))
        elif kind == b"EXIF" and minimal and payload.rstrip(b"\x00") in (minimal, minimal.rstrip(b"\x00")):
            continue
        else:
            writer.note(REMOVED_NAMES.get(kind, f"other data ({kind.decode('latin-1').strip()})"))
        if len(payload) & 1 and data[end - 1] and kind in _PICTURE | {b"ICCP"}:
            writer.note(f"data hidden in the padding of {kind.decode('latin-1').strip()}")
    if minimal:
        writer.chunks.append((b"EXIF", _chunk(b"EXIF", minimal)))
    if writer.chunks and writer.chunks[0][0] == b"VP8X":
        vp8x = bytearray(writer.chunks[0][1])
        flags = vp8x[8] & ~(_FLAG_EXIF | _FLAG_XMP | _FLAG_ICC)
        flags |= (_FLAG_ICC if has_icc else 0) | (_FLAG_EXIF if minimal else 0)
        vp8x[8] = flags
        writer.chunks[0] = (b"VP8X", bytes(vp8x))
    elif minimal:
        writer.chunks.pop()  # a simple (non-extended) WebP cannot carry EXIF; the picture is stored upright
    return writer


def _riff(chunks: list[tuple[bytes, bytes]]) -> bytes:
    payload = b"WEBP" + b"".join(chunk for _, chunk in chunks)
    return b"RIFF" + struct.pack("<I", len(payload)) + payload


def clean(data: bytes, options: CleanOptions) -> tuple[bytes, list[str]]:
    chunks = walk(data)
    writer = _kept(data, chunks, options)
    (riff_size,) = struct.unpack_from("<I", data, 4)
    if riff_size + 8 < len(data):
        writer.note("data after the end of the picture")
    return _riff(writer.chunks), writer.removed


def verify(original: bytes, cleaned: bytes) -> None:
    """Every byte of `cleaned` is a chunk written from its fields (what cleaning it again would
    write, with nothing to remove), and its picture chunks are the original's as cleaned."""
    chunks = walk(cleaned)
    written = _kept(cleaned, chunks, CleanOptions())
    if written.removed or _riff(written.chunks) != cleaned:
        raise ScrubError(
            f"the cleaned file still holds {written.removed[0] if written.removed else 'data outside its chunks'}"
        )
    for kind, start, _end in chunks:
        if kind == b"EXIF" and _payload(cleaned, start).rstrip(b"\x00") not in {
            orientation_tiff(o).rstrip(b"\x00") for o in range(2, 9)
        }:
            raise ScrubError("Exif other than the orientation is still in the cleaned file")
    before = _kept(original, walk(original), CleanOptions(keep_icc=False, keep_orientation=False))

    def picture(writer: _Writer) -> list[bytes]:  # VP8X is not: its flags change with what the file holds
        return [chunk for kind, chunk in writer.chunks if kind in _PICTURE]

    if picture(written) != picture(before):
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
    verified_whole=True,
)
