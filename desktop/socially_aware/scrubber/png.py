"""PNG: keep the chunks that decide colour, transparency and animation; drop text, time and Exif."""

from __future__ import annotations

import struct
import zlib

from socially_aware.scrubber.exifmin import orientation_of_tiff, orientation_of_xmp, orientation_tiff
from socially_aware.scrubber.limits import MAX_PIXELS
from socially_aware.scrubber.model import CleanOptions, FileFormat, ScrubError
from socially_aware.scrubber.spans import same_spans

SIGNATURE = b"\x89PNG\r\n\x1a\n"
_PICTURE = {b"IHDR", b"PLTE", b"IDAT", b"IEND", b"tRNS", b"acTL", b"fcTL", b"fdAT"}
_COLOUR = {b"gAMA", b"cHRM", b"sRGB", b"sBIT", b"pHYs", b"bKGD", b"cICP", b"mDCv", b"cLLi"}
# Ancillary chunks kept for colour have a defined length (by colour type for sBIT and bKGD); bytes
# beyond it could carry anything, so they are cut off, and a chunk too short to mean anything goes.
_DEFINED_LENGTH = {b"gAMA": 4, b"cHRM": 32, b"sRGB": 1, b"pHYs": 9, b"cICP": 4, b"mDCv": 24, b"cLLi": 8}
_SBIT_LENGTH = {0: 1, 2: 3, 3: 3, 4: 2, 6: 4}
_BKGD_LENGTH = {0: 2, 4: 2, 2: 6, 6: 6, 3: 1}
_EXACT_PICTURE_LENGTH = {b"IHDR": 13, b"acTL": 8, b"fcTL": 26}
IEND_CHUNK = b"\x00\x00\x00\x00IEND\xaeB`\x82"
ICC_NAME = b"ICC Profile"
"""The name every kept iCCP chunk gets (Pillow's): the original is free text, often a device or person."""
MAX_TEXT_BYTES = 1 << 20
"""Text read from a compressed chunk for inspection or orientation: enough for any XMP packet."""
REMOVED_NAMES = {
    b"tEXt": "text (tEXt)",
    b"zTXt": "compressed text (zTXt)",
    b"iTXt": "text and XMP (iTXt)",
    b"eXIf": "Exif (eXIf)",
    b"tIME": "time (tIME)",
    b"iCCP": "colour profile",
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
        if _EXACT_PICTURE_LENGTH.get(kind, length) != length:
            raise ScrubError(f"the {kind.decode('ascii')} chunk at byte {pos} has the wrong length")
        if kind == b"IHDR":
            width, height = struct.unpack_from(">II", data, pos + 8)
            if width == 0 or height == 0 or width * height > MAX_PIXELS:
                raise ScrubError(f"declares {width}×{height} pixels, not a plausible photo (a decompression bomb?)")
        chunks.append((kind, pos, end))
        pos = end
        if kind == b"IEND":
            return chunks, pos


def _orientation(data: bytes, chunks: list[Chunk]) -> int:
    """eXIf's orientation, or XMP's tiff:Orientation when there is no eXIf, or 1 (upright)."""
    for kind, start, end in chunks:
        if kind == b"eXIf":
            return orientation_of_tiff(data[start + 8 : end - 4]) or 1
    for keyword, text in text_chunks(data, chunks):
        if keyword == "XML:com.adobe.xmp":
            return orientation_of_xmp(text.encode("utf-8", "replace")) or 1
    return 1


def _inflate(raw: bytes) -> tuple[bytes, bytes]:
    """(at most MAX_TEXT_BYTES of the inflated data, the bytes after the compressed stream)."""
    inflater = zlib.decompressobj()
    try:
        text = inflater.decompress(raw, MAX_TEXT_BYTES)
    except zlib.error:
        return b"", b""
    return text, inflater.unused_data


def text_chunks(data: bytes, chunks: list[Chunk] | None = None) -> list[tuple[str, str]]:
    """(keyword, text) of every tEXt, zTXt and iTXt chunk, wherever it is, without decoding the
    picture (Pillow finds chunks after the image data only by decoding it all)."""
    found: list[tuple[str, str]] = []
    for kind, start, end in chunks if chunks is not None else walk(data)[0]:
        if kind not in (b"tEXt", b"zTXt", b"iTXt"):
            continue
        keyword, _, rest = data[start + 8 : end - 4].partition(b"\x00")
        if kind == b"tEXt":
            text = rest.decode("latin-1")
        elif kind == b"zTXt":
            text = _inflate(rest[1:])[0].decode("latin-1")
        else:
            compressed = rest[:1] == b"\x01"
            _language, _, rest = rest[2:].partition(b"\x00")
            _translated, _, rest = rest.partition(b"\x00")
            text = (_inflate(rest)[0] if compressed else rest).decode("utf-8", "replace")
        found.append((keyword.decode("latin-1"), text))
    return found


def exif_of(data: bytes, chunks: list[Chunk] | None = None) -> bytes | None:
    for kind, start, end in chunks if chunks is not None else walk(data)[0]:
        if kind == b"eXIf":
            return data[start + 8 : end - 4]
    return None


def _chunk(kind: bytes, payload: bytes) -> bytes:
    return struct.pack(">I", len(payload)) + kind + payload + struct.pack(">I", zlib.crc32(kind + payload))


def _defined(kind: bytes, payload: bytes, colour_type: int) -> tuple[bytes | None, bool]:
    """A kept chunk as it may stay (None: drop it), and whether anything was cut off."""
    if kind == b"iCCP":
        name, _, rest = payload.partition(b"\x00")
        profile, after = _inflate(rest[1:])
        if not profile or rest[:1] != b"\x00":
            return None, True
        trimmed = ICC_NAME + b"\x00\x00" + rest[1 : len(rest) - len(after)]
        return _chunk(kind, trimmed), name != ICC_NAME or bool(after)
    wanted = {b"sBIT": _SBIT_LENGTH, b"bKGD": _BKGD_LENGTH}.get(kind, {}).get(colour_type, _DEFINED_LENGTH.get(kind))
    if wanted is None or len(payload) == wanted:
        return None if wanted is None and kind in (b"sBIT", b"bKGD") else _chunk(kind, payload), False
    if len(payload) < wanted:
        return None, True
    return _chunk(kind, payload[:wanted]), True


def clean(data: bytes, options: CleanOptions) -> tuple[bytes, list[str]]:
    chunks, end = walk(data)
    orientation = _orientation(data, chunks) if options.keep_orientation else 1
    minimal = _chunk(b"eXIf", orientation_tiff(orientation)) if orientation != 1 else b""
    colour_type = data[chunks[0][1] + 17]
    out = [SIGNATURE]
    removed: list[str] = []

    def note(name: str) -> None:
        if name not in removed:
            removed.append(name)

    for kind, start, stop in chunks:
        if kind == b"IEND":
            out.append(IEND_CHUNK)
            if stop - start != len(IEND_CHUNK):
                note("data hidden in the end marker")
        elif kind in _PICTURE:
            if kind == b"IDAT" and minimal:
                out.append(minimal)  # eXIf must come before the image data
                minimal = b""
            out.append(data[start:stop])
        elif kind in _COLOUR or (kind == b"iCCP" and options.keep_icc):
            kept, cut = _defined(kind, data[start + 8 : stop - 4], colour_type)
            if kept is not None:
                out.append(kept)
            if cut:
                note("the colour profile's name" if kind == b"iCCP" else f"data hidden in {kind.decode('ascii')}")
        elif kind == b"eXIf" and data[start:stop] == minimal:
            continue  # rewritten in place above
        else:
            if kind[0:1].isupper():
                raise ScrubError(f"has a critical chunk this app does not know ({kind.decode('ascii')})")
            note(REMOVED_NAMES.get(kind, f"other data ({kind.decode('ascii')})"))
    if end < len(data):
        removed.append("data after the end of the picture")
    return b"".join(out), removed


def _picture_spans(chunks: list[Chunk]) -> list[tuple[int, int]]:
    return [(start, end) for kind, start, end in chunks if kind in _PICTURE and kind != b"IEND"]


def verify(original: bytes, cleaned: bytes) -> None:
    chunks, end = walk(cleaned)
    if end != len(cleaned):
        raise ScrubError("the cleaned file has data after the end of the picture")
    colour_type = cleaned[chunks[0][1] + 17]
    for kind, start, stop in chunks:
        if kind == b"IEND" and cleaned[start:stop] != IEND_CHUNK:
            raise ScrubError("the end marker still carries data")
        if kind in _COLOUR or kind == b"iCCP":
            kept, cut = _defined(kind, cleaned[start + 8 : stop - 4], colour_type)
            if cut or kept != cleaned[start:stop]:
                raise ScrubError(f"the {kind.decode('ascii')} chunk still carries other data")
            continue
        if kind in _PICTURE:
            continue
        if kind == b"eXIf" and cleaned[start + 8 : stop - 4] in {orientation_tiff(o) for o in range(2, 9)}:
            continue
        raise ScrubError(f"the {kind.decode('ascii')} chunk is still in the cleaned file")
    original_chunks, _ = walk(original)
    if not same_spans(original, _picture_spans(original_chunks), cleaned, _picture_spans(chunks)):
        raise ScrubError("the picture data changed while cleaning")


FORMAT = FileFormat(
    name="PNG",
    suffixes=(".png", ".apng"),
    mime="image/png",
    magic=lambda head: head[:8] == SIGNATURE,
    lossless=True,
    allowlist=frozenset({"PNG*", "ICC*", "IFD0:Orientation"}),
    clean=clean,
    verify=verify,
)
