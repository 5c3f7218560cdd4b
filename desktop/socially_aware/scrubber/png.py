"""PNG: keep the chunks that decide colour, transparency and animation; drop text, time and Exif."""

from __future__ import annotations

import struct
import zlib

from socially_aware.scrubber.exifmin import orientation_of_tiff, orientation_tiff
from socially_aware.scrubber.model import CleanOptions, FileFormat, ScrubError
from socially_aware.scrubber.spans import same_spans

SIGNATURE = b"\x89PNG\r\n\x1a\n"
MAX_PIXELS = 250_000_000
_PICTURE = {b"IHDR", b"PLTE", b"IDAT", b"IEND", b"tRNS", b"acTL", b"fcTL", b"fdAT"}
_COLOUR = {b"gAMA", b"cHRM", b"sRGB", b"sBIT", b"pHYs", b"bKGD", b"cICP", b"mDCv", b"cLLi"}
REMOVED_NAMES = {
    b"tEXt": "text (tEXt)", b"zTXt": "compressed text (zTXt)", b"iTXt": "text and XMP (iTXt)",
    b"eXIf": "Exif (eXIf)", b"tIME": "time (tIME)", b"iCCP": "colour profile",
}

Chunk = tuple[bytes, int, int]  # type, start offset, end offset


def walk(data: bytes) -> tuple[list[Chunk], int]:
    if not data.startswith(SIGNATURE):
        raise ScrubError("not a PNG file")
    chunks: list[Chunk] = []
    pos = len(SIGNATURE)
    while True:
        if pos + 12 > len(data):
            raise ScrubError("the file is cut short (no IEND chunk)")
        length, kind = struct.unpack_from(">I4s", data, pos)
        end = pos + 12 + length
        if length > 0x7FFFFFFF or end > len(data):
            raise ScrubError(f"a chunk at byte {pos} claims to run past the end of the file")
        if not kind.isalpha():
            raise ScrubError(f"damaged chunk name at byte {pos}")
        (crc,) = struct.unpack_from(">I", data, end - 4)
        if zlib.crc32(data[pos + 4 : end - 4]) != crc:
            raise ScrubError(f"the {kind.decode('ascii')} chunk at byte {pos} is damaged (checksum)")
        if not chunks and kind != b"IHDR":
            raise ScrubError("the first chunk is not IHDR")
        if kind == b"IHDR":
            width, height = struct.unpack_from(">II", data, pos + 8)
            if width == 0 or height == 0 or width * height > MAX_PIXELS:
                raise ScrubError(f"declares {width}×{height} pixels, not a plausible photo (a decompression bomb?)")
        chunks.append((kind, pos, end))
        pos = end
        if kind == b"IEND":
            return chunks, pos


def _orientation(data: bytes, chunks: list[Chunk]) -> int:
    for kind, start, end in chunks:
        if kind == b"eXIf":
            return orientation_of_tiff(data[start + 8 : end - 4]) or 1
    return 1


def _chunk(kind: bytes, payload: bytes) -> bytes:
    return struct.pack(">I", len(payload)) + kind + payload + struct.pack(">I", zlib.crc32(kind + payload))


def clean(data: bytes, options: CleanOptions) -> tuple[bytes, list[str]]:
    chunks, end = walk(data)
    orientation = _orientation(data, chunks) if options.keep_orientation else 1
    minimal = _chunk(b"eXIf", orientation_tiff(orientation)) if orientation != 1 else b""
    out = [SIGNATURE]
    removed: list[str] = []
    for kind, start, stop in chunks:
        raw = data[start:stop]
        if kind in _PICTURE or kind in _COLOUR or (kind == b"iCCP" and options.keep_icc):
            if kind == b"IDAT" and minimal:
                out.append(minimal)  # eXIf must come before the image data
                minimal = b""
            out.append(raw)
        elif kind == b"eXIf" and raw == minimal:
            continue  # rewritten in place above
        else:
            if kind[0:1].isupper():
                raise ScrubError(f"has a critical chunk this app does not know ({kind.decode('ascii')})")
            name = REMOVED_NAMES.get(kind, f"other data ({kind.decode('ascii')})")
            if name not in removed:
                removed.append(name)
    if end < len(data):
        removed.append("data after the end of the picture")
    return b"".join(out), removed


def _picture_spans(chunks: list[Chunk]) -> list[tuple[int, int]]:
    return [(start, end) for kind, start, end in chunks if kind in _PICTURE]


def verify(original: bytes, cleaned: bytes) -> None:
    chunks, end = walk(cleaned)
    if end != len(cleaned):
        raise ScrubError("the cleaned file has data after the end of the picture")
    for kind, start, stop in chunks:
        if kind in _PICTURE or kind in _COLOUR or kind == b"iCCP":
            continue
        if kind == b"eXIf" and cleaned[start + 8 : stop - 4] in {orientation_tiff(o) for o in range(2, 9)}:
            continue
        raise ScrubError(f"the {kind.decode('ascii')} chunk is still in the cleaned file")
    original_chunks, _ = walk(original)
    if not same_spans(original, _picture_spans(original_chunks), cleaned, _picture_spans(chunks)):
        raise ScrubError("the picture data changed while cleaning")


FORMAT = FileFormat(
    name="PNG", suffixes=(".png", ".apng"), mime="image/png", magic=lambda head: head[:8] == SIGNATURE,
    lossless=True, allowlist=frozenset({"PNG*", "ICC*", "IFD0:Orientation"}), clean=clean, verify=verify,
)
