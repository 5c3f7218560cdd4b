"""HEIF/AVIF structures written from their parsed fields: the canonical form of a cleaned file.

Each function reads the fields a structure defines and writes exactly those fields again, so nothing
beyond a structure's defined length (a tail), no reserved bits that hold data, no unknown child and
no text survives. What cannot be parsed this way is refused, never copied. The same functions are
the verifier's yardstick: a cleaned structure must be equal to its own canonical form.
"""

from __future__ import annotations

import struct
from collections.abc import Iterator

from socially_aware.scrubber import icc
from socially_aware.scrubber.heifbox import Reader, build_box, build_full_box
from socially_aware.scrubber.isobmff import Box, label
from socially_aware.scrubber.limits import MAX_CODED_UNITS
from socially_aware.scrubber.model import ScrubError

KNOWN_BRANDS = frozenset(
    {
        *(b"heic", b"heix", b"heim", b"heis", b"hevc", b"hevx", b"mif1", b"msf1", b"mif2", b"miaf", b"avif", b"avis"),
        *(b"MiHE", b"MiHA", b"MiHB", b"MiAB", b"MiAC", b"MiAN", b"MiPr", b"MA1A", b"MA1B", b"tmap", b"iso8", b"avio"),
    }
)
"""Compatible brands a reader may need; anything else in the list is four bytes of free text."""

HEVC_SETUP_NALS = frozenset({32, 33, 34})
"""VPS, SPS, PPS: what the decoder needs from `hvcC`. SEI messages (encoder settings strings, user
data) do not change a decoded pixel and can hold any text, so they are left out."""

AV1_SEQUENCE_HEADER = 1


def ftyp(data: bytes, box: Box) -> bytes:
    body = data[box.body : box.end]
    if len(body) < 8:
        raise ScrubError("its file type box is damaged")
    compatible: list[bytes] = []
    for at in range(8, len(body) - 3, 4):  # a partial brand at the end is not a brand
        brand = body[at : at + 4]
        if brand in KNOWN_BRANDS and brand not in compatible:
            compatible.append(brand)
    return build_box(b"ftyp", body[:4] + bytes(4) + b"".join(compatible))


def _fields(data: bytes, box: Box, full: bool) -> Reader:
    reader = Reader(data, box.body, box.end)
    if full:
        version = reader.uint(1)
        reader.uint(3)
        if version != 0:
            raise ScrubError(f"has a {label(box.type)} property of version {version}, which this app does not know")
    return reader


def property_box(data: bytes, box: Box, keep_icc: bool = True) -> bytes | None:
    """The property written from its fields; None when it is not part of the picture (dropped).
    ScrubError when it is one this app cannot write (the file is refused, never copied blind)."""
    kind = box.type
    reader = _fields(data, box, kind in (b"ispe", b"pixi", b"rloc", b"auxC"))
    if kind == b"ispe":
        return build_full_box(kind, 0, 0, reader.take(8))
    if kind == b"pixi":
        channels = reader.uint(1)
        return build_full_box(kind, 0, 0, bytes([channels]) + reader.take(channels))
    if kind == b"rloc":
        return build_full_box(kind, 0, 0, reader.take(8))
    if kind == b"auxC":
        return build_full_box(kind, 0, 0, reader.cstring() + b"\x00")  # the subtype is vendor data
    if kind == b"colr":
        return _colr(reader, keep_icc)
    if kind in (b"irot", b"imir"):
        return build_box(kind, bytes([reader.uint(1) & (3 if kind == b"irot" else 1)]))
    if kind in (b"clap", b"pasp", b"lsel", b"a1op", b"clli", b"mdcv", b"amve"):
        length = {b"clap": 32, b"pasp": 8, b"lsel": 2, b"a1op": 1, b"clli": 4, b"mdcv": 24, b"amve": 8}[kind]
        return build_box(kind, reader.take(length))
    if kind == b"a1lx":
        large = reader.uint(1) & 1
        return build_box(kind, bytes([large]) + reader.take(12 if large else 6))
    if kind == b"cclv":
        flags = reader.uint(1) & 0x3C
        length = (24 if flags & 0x20 else 0) + sum(4 for bit in (0x10, 0x08, 0x04) if flags & bit)
        return build_box(kind, bytes([flags]) + reader.take(length))
    if kind == b"hvcC":
        return _hvcc(reader)
    if kind == b"av1C":
        return _av1c(reader)
    return None


def _colr(reader: Reader, keep_icc: bool) -> bytes | None:
    kind = reader.take(4)
    if kind == b"nclx":
        fields = reader.take(7)
        return build_box(b"colr", kind + fields[:6] + bytes([fields[6] & 0x80]))
    if kind in (b"prof", b"rICC"):
        if not keep_icc:
            return None
        try:  # the same rebuild as for JPEG, PNG and WebP: colour tags byte for byte, text neutral
            profile, _changed = icc.rebuild(reader.take(reader.left()))
        except icc.ProfileError:
            return None  # a profile that cannot be read is dropped, never copied blind
        return build_box(b"colr", kind + profile)
    return None  # an unknown colour description: not something a picture needs


def _hvcc(reader: Reader) -> bytes:
    fixed = reader.take(22)
    arrays = []
    for _ in range(reader.uint(1)):
        head = reader.uint(1)
        nals = [reader.take(reader.uint(2)) for _ in range(reader.uint(2))]
        if head & 0x3F in HEVC_SETUP_NALS and nals:
            units = b"".join(struct.pack(">H", len(n)) + n for n in nals)
            arrays.append(bytes([head & 0xBF]) + struct.pack(">H", len(nals)) + units)
    return build_box(b"hvcC", fixed + bytes([len(arrays)]) + b"".join(arrays))


def _av1c(reader: Reader) -> bytes:
    fixed = reader.take(4)
    kept = b""
    while reader.left():
        start = reader.pos
        header = reader.uint(1)
        if header & 0x04:
            reader.uint(1)  # extension header
        if not header & 0x02:
            raise ScrubError("its AV1 setup holds a unit without a size, which this app cannot check")
        size = _leb128(reader)
        reader.take(size)
        if (header >> 3) & 15 == AV1_SEQUENCE_HEADER:
            kept += reader.data[start : reader.pos]
    return build_box(b"av1C", fixed + kept)


def _leb128(reader: Reader) -> int:
    value = 0
    for i in range(8):
        byte = reader.uint(1)
        value |= (byte & 0x7F) << (7 * i)
        if not byte & 0x80:
            return value
    raise ScrubError("its AV1 setup is damaged")


def derived_item(kind: bytes, payload: bytes, inputs: int) -> bytes:
    """A grid's or overlay's description, cut to its defined length (the rest could hold anything)."""
    reader = Reader(payload)
    if reader.uint(1) != 0:
        raise ScrubError(f"its picture is a {label(kind)} of a version this app does not know")
    flags = reader.uint(1) & 1
    width = 4 if flags else 2
    if kind == b"grid":
        return bytes([0, flags]) + reader.take(2 + 2 * width)
    if kind == b"iovl":
        return bytes([0, flags]) + reader.take(8 + 2 * width + 2 * width * inputs)
    raise ScrubError(f"its picture is a {label(kind)}, which this app cannot keep unchanged")


HEVC_PICTURE_NALS = frozenset(range(0, 35))
"""In an item's coded data: the coded slices (0-31) and parameter sets (32-34) a decoder reads. SEI
messages, filler data and reserved or unspecified units change no pixel and can hold any bytes."""
AV1_PICTURE_OBUS = frozenset({1, 2, 3, 4, 6, 7, 8})
"""Sequence header, temporal delimiter, frame header, tile group, frame, redundant frame header,
tile list. Metadata OBUs (ITU-T T.35 user data) and padding change no pixel and can hold any bytes."""


def coded_item(kind: bytes, data: bytes, length_size: int) -> bytes:
    """An hvc1 or av01 item's coded data with only the units that decode the picture, each copied
    byte for byte (`length_size`: the NAL length field's width from `hvcC`). Other kinds unchanged."""
    if kind == b"hvc1":
        units = _nal_units(data, length_size)
    elif kind == b"av01":
        units = _obus(data)
    else:
        return data
    spans: list[tuple[int, int]] = []
    for count, (start, end, keep) in enumerate(units, 1):
        if count > MAX_CODED_UNITS:
            raise ScrubError(f"its picture data has more than {MAX_CODED_UNITS:,} coded units")
        if keep and spans and spans[-1][1] == start:
            spans[-1] = (spans[-1][0], end)
        elif keep:
            spans.append((start, end))
    if spans == [(0, len(data))]:
        return data
    return b"".join(data[start:end] for start, end in spans)


def _nal_units(data: bytes, length_size: int) -> Iterator[tuple[int, int, bool]]:
    """(start, end, whether it decodes the picture) of each length-prefixed HEVC unit."""
    pos = 0
    while pos < len(data):
        end = pos + length_size + int.from_bytes(data[pos : pos + length_size], "big")
        if end > len(data) or end == pos + length_size:
            raise ScrubError("its picture data is not a sequence of coded units")
        yield pos, end, (data[pos + length_size] >> 1) & 0x3F in HEVC_PICTURE_NALS
        pos = end


def _obus(data: bytes) -> Iterator[tuple[int, int, bool]]:
    """(start, end, whether it decodes the picture) of each AV1 OBU."""
    pos = 0
    while pos < len(data):
        header = data[pos]
        at = pos + (2 if header & 0x04 else 1)
        size = len(data) - at
        if header & 0x02:
            size = 0
            for shift in range(0, 56, 7):
                if at >= len(data):
                    raise ScrubError("its picture data is not a sequence of coded units")
                size |= (data[at] & 0x7F) << shift
                at += 1
                if not data[at - 1] & 0x80:
                    break
        if at + size > len(data):
            raise ScrubError("its picture data is not a sequence of coded units")
        yield pos, at + size, (header >> 3) & 15 in AV1_PICTURE_OBUS
        pos = at + size


def handler() -> bytes:
    return build_full_box(b"hdlr", 0, 0, bytes(4) + b"pict" + bytes(12) + b"\x00")
