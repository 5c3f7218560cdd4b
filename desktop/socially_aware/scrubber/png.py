"""PNG: keep the chunks that decide colour, transparency and animation; drop text, time and Exif."""

from __future__ import annotations

import struct
import zlib

from socially_aware.scrubber import icc
from socially_aware.scrubber.exifmin import orientation_of_tiff, orientation_of_xmp, orientation_tiff
from socially_aware.scrubber.limits import MAX_ICC_BYTES, MAX_PIXELS, MAX_STILL_CHUNKS
from socially_aware.scrubber.model import BudgetError, CleanOptions, FileFormat, ScrubError

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
        if len(chunks) > MAX_STILL_CHUNKS:
            raise BudgetError(f"has more than {MAX_STILL_CHUNKS:,} chunks, far more than any photo")
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
    """A kept colour chunk as it may stay (None: drop it), and whether anything was cut off."""
    if kind == b"iCCP":
        return _profile_chunk(payload)
    wanted = {b"sBIT": _SBIT_LENGTH, b"bKGD": _BKGD_LENGTH}.get(kind, {}).get(colour_type, _DEFINED_LENGTH.get(kind))
    if wanted is None or len(payload) == wanted:
        return None if wanted is None and kind in (b"sBIT", b"bKGD") else _chunk(kind, payload), False
    if len(payload) < wanted:
        return None, True
    return _chunk(kind, payload[:wanted]), True


def _profile_chunk(payload: bytes) -> tuple[bytes | None, bool]:
    """iCCP written from its fields: a neutral name, the profile rebuilt (icc.rebuild) and
    compressed again. A chunk that is already exactly that is kept byte for byte."""
    name, _, rest = payload.partition(b"\x00")
    if rest[:1] != b"\x00":
        return None, True
    inflater = zlib.decompressobj()
    try:
        profile = inflater.decompress(rest[1:], MAX_ICC_BYTES)
        rebuilt, changed = icc.rebuild(profile)
    except (zlib.error, icc.ProfileError):
        return None, True
    if not inflater.eof:
        return None, True
    if name == ICC_NAME and not changed and not inflater.unused_data:
        return _chunk(b"iCCP", payload), False
    return _chunk(b"iCCP", ICC_NAME + b"\x00\x00" + zlib.compress(rebuilt, 9)), True


_CHANNELS = {0: 1, 2: 3, 3: 1, 4: 2, 6: 4}
_ADAM7 = ((0, 0, 8, 8), (4, 0, 8, 8), (0, 4, 4, 8), (2, 0, 4, 4), (0, 2, 2, 4), (1, 0, 2, 2), (0, 1, 1, 2))


def _raw_size(width: int, height: int, header: bytes) -> int:
    """What the picture's zlib stream inflates to: each row's filter byte and its packed pixels."""
    depth, colour_type, interlace = header[8], header[9], header[12]
    bits = depth * _CHANNELS.get(colour_type, 4)

    def rows(w: int, h: int) -> int:
        return h * (1 + (w * bits + 7) // 8) if w > 0 and h > 0 else 0

    if not interlace:
        return rows(width, height)
    return sum(rows(-(-(width - x) // dx), -(-(height - y) // dy)) for x, y, dx, dy in _ADAM7)


def _stream_ends(data: bytes, chunks: list[Chunk]) -> dict[int, int]:
    """Picture-data chunks (IDAT, fdAT) holding bytes after their frame's zlib stream: chunk index
    -> how many of its data bytes belong to the stream (0: none). The picture is inflated and
    thrown away a megabyte at a time, so this costs time, not memory."""
    header = data[chunks[0][1] + 8 : chunks[0][1] + 21]
    size = (int.from_bytes(header[0:4], "big"), int.from_bytes(header[4:8], "big"))
    cuts: dict[int, int] = {}
    index = 0
    while index < len(chunks):
        kind = chunks[index][0]
        if kind == b"fcTL":
            start = chunks[index][1]
            size = (
                int.from_bytes(data[start + 12 : start + 16], "big"),
                int.from_bytes(data[start + 16 : start + 20], "big"),
            )
        if kind not in (b"IDAT", b"fdAT"):
            index += 1
            continue
        group = []
        while index < len(chunks) and chunks[index][0] == kind:
            group.append(index)
            index += 1
        _cut_group(data, chunks, group, 8 if kind == b"IDAT" else 12, _raw_size(*size, header), cuts)
    return cuts


def _cut_group(
    data: bytes, chunks: list[Chunk], group: list[int], skip: int, expected: int, cuts: dict[int, int]
) -> None:
    inflater = zlib.decompressobj()
    inflated = 0
    for index in group:
        _, start, end = chunks[index]
        if inflater.eof:
            cuts[index] = 0
            continue
        piece = data[start + skip : end - 4]
        try:
            while piece and not inflater.eof:
                inflated += len(inflater.decompress(piece, 1 << 20))
                piece = inflater.unconsumed_tail
                if inflated > expected:
                    raise ScrubError("the picture data inflates to more than the picture (data hidden inside it)")
        except zlib.error:
            return  # damaged picture data: left as it is, it decodes as far as it did before
        if inflater.eof and inflater.unused_data:
            cuts[index] = end - 4 - start - skip - len(inflater.unused_data)


def _picture_chunk(
    kind: bytes, data: bytes, start: int, stop: int, colour_type: int, depth: int, kept: dict[bytes, int]
) -> tuple[bytes | None, bool]:
    """PLTE and tRNS as defined for the colour type (None: not allowed there); others unchanged."""
    payload = data[start + 8 : stop - 4]
    if kind == b"PLTE":
        if colour_type in (0, 4):
            return None, True
        limit = 1 << depth if colour_type == 3 else 256
        entries = min(len(payload) // 3, limit)
        kept[b"PLTE"] = entries
        wanted = 3 * entries
    elif kind == b"tRNS":
        wanted = {0: 2, 2: 6, 3: min(len(payload), kept.get(b"PLTE", 0))}.get(colour_type, 0)
        if wanted == 0:
            return None, True
    else:
        return data[start:stop], False
    if len(payload) == wanted:
        return data[start:stop], False
    return (_chunk(kind, payload[:wanted]) if len(payload) > wanted else None), True


def _kept(data: bytes, chunks: list[Chunk], options: CleanOptions) -> tuple[list[tuple[bytes, bytes]], list[str]]:
    """Each chunk the cleaned file holds, written from its fields, with what was removed."""
    orientation = _orientation(data, chunks) if options.keep_orientation else 1
    minimal = _chunk(b"eXIf", orientation_tiff(orientation)) if orientation != 1 else b""
    colour_type, depth = data[chunks[0][1] + 17], data[chunks[0][1] + 16]
    cuts = _stream_ends(data, chunks)
    out: list[tuple[bytes, bytes]] = []
    removed: list[str] = []
    palette: dict[bytes, int] = {}

    def note(name: str) -> None:
        if name not in removed:
            removed.append(name)

    for index, (kind, start, stop) in enumerate(chunks):
        if kind == b"IEND":
            out.append((kind, IEND_CHUNK))
            if stop - start != len(IEND_CHUNK):
                note("data hidden in the end marker")
        elif kind in _PICTURE:
            if kind == b"IDAT" and minimal:
                out.append((b"eXIf", minimal))  # eXIf must come before the image data
                minimal = b""
            if index in cuts:
                note("data hidden after the picture data")
                prefix = 12 if kind == b"fdAT" else 8
                if cuts[index] or kind == b"fdAT":  # an fdAT keeps its place in the frame sequence
                    out.append((kind, _chunk(kind, data[start + 8 : start + prefix + cuts[index]])))
                continue
            written, cut = _picture_chunk(kind, data, start, stop, colour_type, depth, palette)
            if written is not None:
                out.append((kind, written))
            if cut:
                note(f"data hidden in {kind.decode('ascii')}")
        elif kind in _COLOUR or (kind == b"iCCP" and options.keep_icc):
            written, cut = _defined(kind, data[start + 8 : stop - 4], colour_type)
            if written is not None:
                out.append((kind, written))
            if cut:
                note(icc.REMOVED_NAME if kind == b"iCCP" else f"data hidden in {kind.decode('ascii')}")
        elif kind == b"eXIf" and data[start:stop] == minimal:
            continue  # rewritten in place above
        else:
            if kind[0:1].isupper():
                raise ScrubError(f"has a critical chunk this app does not know ({kind.decode('ascii')})")
            note(REMOVED_NAMES.get(kind, f"other data ({kind.decode('ascii')})"))
    return out, removed


def clean(data: bytes, options: CleanOptions) -> tuple[bytes, list[str]]:
    chunks, end = walk(data)
    kept, removed = _kept(data, chunks, options)
    if end < len(data):
        removed.append("data after the end of the picture")
    return SIGNATURE + b"".join(chunk for _, chunk in kept), removed


def verify(original: bytes, cleaned: bytes) -> None:
    """Every byte of `cleaned` is a chunk written from its fields (what cleaning it again would
    write, with nothing to remove), and its picture chunks are the original's as cleaned."""
    chunks, end = walk(cleaned)
    if end != len(cleaned):
        raise ScrubError("the cleaned file has data after the end of the picture")
    kept, removed = _kept(cleaned, chunks, CleanOptions())
    if removed or SIGNATURE + b"".join(chunk for _, chunk in kept) != cleaned:
        raise ScrubError(f"the cleaned file still holds {removed[0] if removed else 'data outside its chunks'}")
    for kind, start, stop in chunks:
        if kind == b"eXIf" and cleaned[start + 8 : stop - 4] not in {orientation_tiff(o) for o in range(2, 9)}:
            raise ScrubError("Exif other than the orientation is still in the cleaned file")
    original_kept, _ = _kept(original, walk(original)[0], CleanOptions(keep_icc=False, keep_orientation=False))

    def picture(chunks: list[tuple[bytes, bytes]]) -> list[bytes]:
        return [chunk for kind, chunk in chunks if kind in _PICTURE]

    if picture(kept) != picture(original_kept):
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
    verified_whole=True,
)
