"""The defined length of each box a cleaned video keeps, read from its own fields.

A box's bytes beyond the fields its definition has (a tail) are not part of it: players never read
them, so anything can hide there. `defined_length` says where a box's fields end; the cleaner zeroes
the rest, and the verifier refuses a cleaned file where the rest is not zero. None: this app does not
know the box's fields (it is then removed, or the file refused, never kept blind).
"""

from __future__ import annotations

import struct
from collections.abc import Callable

from socially_aware.scrubber.model import ScrubError

HEAD = 64
"""The bytes of a box read to find its length when it holds a table (the counts come first)."""


def _u32(body: bytes, at: int) -> int:
    if at + 4 > len(body):
        raise ScrubError("a video header is cut short")
    return int(struct.unpack_from(">I", body, at)[0])


def _u16(body: bytes, at: int) -> int:
    if at + 2 > len(body):
        raise ScrubError("a video header is cut short")
    return int(struct.unpack_from(">H", body, at)[0])


def _by_version(v0: int, v1: int) -> Callable[[bytes], int]:
    return lambda body: v1 if body[:1] == b"\x01" else v0


def _table(fixed: int, per_entry: int, count_at: int = 4) -> Callable[[bytes], int]:
    return lambda body: fixed + per_entry * _u32(body, count_at)


def _elst(body: bytes) -> int:
    return 8 + (20 if body[:1] == b"\x01" else 12) * _u32(body, 4)


def _stsz(body: bytes) -> int:
    return 12 + (4 * _u32(body, 8) if _u32(body, 4) == 0 else 0)


def _stz2(body: bytes) -> int:
    field = body[7] if len(body) > 7 else 0
    if field not in (4, 8, 16):
        raise ScrubError("a video's sample size table is damaged")
    return 12 + (_u32(body, 8) * field + 7) // 8


def _sbgp(body: bytes) -> int:
    extra = 4 if body[:1] == b"\x01" else 0
    return 12 + extra + 8 * _u32(body, 8 + extra)


GROUP_ENTRY_LENGTHS = {b"roll": 2, b"prol": 2, b"rap ": 1, b"sync": 1, b"tele": 1, b"sap ": 1, b"drap": 4}
"""Sample group descriptions whose entries this app knows, by grouping type: entry length in bytes
(ISO/IEC 14496-12 and -15). Any other grouping type's entries are opaque bytes a writer chooses."""


def _sgpd(body: bytes) -> int | None:
    version = body[0] if body else 0
    expected = GROUP_ENTRY_LENGTHS.get(body[4:8])
    if version == 0 or expected is None:
        return None  # entries of unstated length or unknown fields: not kept
    default = _u32(body, 8)
    at = 12 + (4 if version >= 2 else 0)
    count = _u32(body, at)
    at += 4
    if default:
        return at + default * count if default == expected else None
    for _ in range(count):
        if _u32(body, at) != expected:
            return None  # an entry longer than its fields
        at += 4 + expected
    return at


def _tfhd(body: bytes) -> int:
    flags = int.from_bytes(body[1:4], "big")
    return 8 + sum(size for bit, size in ((1, 8), (2, 4), (8, 4), (0x10, 4), (0x20, 4)) if flags & bit)


def _trun(body: bytes) -> int:
    flags = int.from_bytes(body[1:4], "big")
    fixed = 8 + (4 if flags & 1 else 0) + (4 if flags & 4 else 0)
    per_sample = sum(4 for bit in (0x100, 0x200, 0x400, 0x800) if flags & bit)
    return fixed + per_sample * _u32(body, 4)


def _avcc(body: bytes) -> int:
    at = 5
    for _list in range(2):
        count = body[at] & (0x1F if _list == 0 else 0xFF) if at < len(body) else 0
        at += 1
        at = _skip_sized(body, at, count)
    if len(body) > 1 and body[1] in (100, 110, 122, 144) and at + 4 <= len(body):
        at += 3
        count = body[at]
        at += 1
        at = _skip_sized(body, at, count)
    return at


def _skip_sized(body: bytes, at: int, count: int) -> int:
    """Where `count` units, each after its 16-bit size (parameter sets, NAL units), end."""
    for _ in range(count):
        at += 2 + int.from_bytes(body[at : at + 2], "big")
    return at


def _hvcc(body: bytes) -> int:
    at = 23
    for _ in range(body[22] if len(body) > 22 else 0):
        count = int.from_bytes(body[at + 1 : at + 3], "big")
        at += 3
        at = _skip_sized(body, at, count)
    return at


def _av1c(body: bytes) -> int:
    at = 4
    while at < len(body):
        header = body[at]
        at += 2 if header & 0x04 else 1
        if not header & 0x02:
            return len(body)  # the last unit runs to the end by definition
        value, at = leb128(body, at)
        at += value
    return at


def leb128(body: bytes, at: int) -> tuple[int, int]:
    """(the value, where it ends) of an AV1 size field."""
    value = 0
    for i in range(8):
        byte = body[at] if at < len(body) else 0
        at += 1
        value |= (byte & 0x7F) << (7 * i)
        if not byte & 0x80:
            break
    return value, at


def _vpcc(body: bytes) -> int:
    # version and flags, six bytes of fields, then the 16-bit size of the initialisation data
    return 12 + _u16(body, 10)


def _esds(body: bytes) -> int:
    at = 5  # version and flags, then the ES descriptor's tag
    size = 0
    for _ in range(4):
        byte = body[at] if at < len(body) else 0
        at += 1
        size = (size << 7) | (byte & 0x7F)
        if not byte & 0x80:
            break
    return at + size


def _colr(body: bytes) -> int | None:
    kind = body[:4]
    if kind == b"nclx":
        return 11
    if kind == b"nclc":
        return 10
    if kind in (b"prof", b"rICC"):
        return 4 + _u32(body, 4)
    return None


def _dops(body: bytes) -> int:
    return 11 + (2 + body[1] if len(body) > 10 and body[10] else 0)


def _dec3(body: bytes) -> int:
    at = 2
    for _ in range((body[1] & 7) + 1):  # each independent substream: 3 bytes, 4 with dependent ones
        at += 4 if (body[at + 2] >> 1) & 0xF else 3
    return at


def _dfla(body: bytes) -> int:
    at = 4
    while True:  # metadata blocks until the one flagged last
        header = body[at]
        at += 4 + int.from_bytes(body[at + 1 : at + 4], "big")
        if header & 0x80:
            return at


def _chan(body: bytes) -> int:
    return 16 + 20 * _u32(body, 12)


LENGTHS: dict[bytes, Callable[[bytes], int | None]] = {
    b"mvhd": _by_version(100, 112),
    b"tkhd": _by_version(84, 96),
    b"mdhd": _by_version(24, 36),
    b"hdlr": lambda _b: 24,  # the handler's name is not kept: it is free text
    b"vmhd": lambda _b: 12,
    b"smhd": lambda _b: 8,
    b"nmhd": lambda _b: 4,
    b"sthd": lambda _b: 4,
    b"hmhd": lambda _b: 20,
    b"gmin": lambda _b: 16,
    b"elst": _elst,
    b"stts": _table(8, 8),
    b"ctts": _table(8, 8),
    b"stss": _table(8, 4),
    b"stps": _table(8, 4),
    b"stsc": _table(8, 12),
    b"stco": _table(8, 4),
    b"co64": _table(8, 8),
    b"stsz": _stsz,
    b"stz2": _stz2,
    b"cslg": _by_version(24, 44),
    b"sbgp": _sbgp,
    b"sgpd": _sgpd,
    b"mehd": _by_version(8, 12),
    b"trex": lambda _b: 24,
    b"mfhd": lambda _b: 8,
    b"tfhd": _tfhd,
    b"tfdt": _by_version(8, 12),
    b"trun": _trun,
    b"url ": lambda _b: 4,
    # inside sample entries
    b"avcC": _avcc,
    b"hvcC": _hvcc,
    b"av1C": _av1c,
    b"vpcC": _vpcc,
    b"esds": _esds,
    b"btrt": lambda _b: 12,
    b"pasp": lambda _b: 8,
    b"colr": _colr,
    b"clap": lambda _b: 32,
    b"fiel": lambda _b: 2,
    b"gama": lambda _b: 4,
    b"mdcv": lambda _b: 24,
    b"clli": lambda _b: 4,
    b"dOps": _dops,
    b"dac3": lambda _b: 3,
    b"dec3": _dec3,
    b"dfLa": _dfla,
    b"frma": lambda _b: 4,
    b"enda": lambda _b: 2,
    b"chan": _chan,
    b"d263": lambda _b: 7,
    b"dvcC": lambda _b: 24,
    b"dvvC": lambda _b: 24,
}

WHOLE = frozenset({b"avcC", b"hvcC", b"av1C", b"vpcC", b"esds", b"colr", b"dOps", b"chan", b"sgpd", b"dec3", b"dfLa"})
"""Boxes whose length is found only by reading them whole (they are small: decoder setups)."""


def defined_length(kind: bytes, body: bytes) -> int | None:
    """How many bytes of `body` (the head of the box, or all of it for WHOLE) are fields."""
    rule = LENGTHS.get(kind)
    if rule is None:
        return None
    try:
        return rule(body)
    except (IndexError, struct.error) as error:
        raise ScrubError("a video header is cut short") from error


# --- fields that carry nothing: reserved and "pre-defined" bytes, unused flags, unknown versions -----

VERSIONS: dict[bytes, frozenset[int]] = {
    **{kind: frozenset({0, 1}) for kind in (b"mvhd", b"tkhd", b"mdhd", b"elst", b"cslg", b"mehd", b"tfdt", b"trun")},
    **{kind: frozenset({0, 1}) for kind in (b"sbgp",)},
    b"sgpd": frozenset({1, 2}),
    b"vpcC": frozenset({1}),
    **{
        kind: frozenset({0})
        for kind in (
            *(b"hdlr", b"vmhd", b"smhd", b"nmhd", b"sthd", b"hmhd", b"stts", b"ctts", b"stss", b"stps", b"stsc"),
            *(b"stsz", b"stz2", b"stco", b"co64", b"trex", b"mfhd", b"tfhd", b"url "),
        )
    },
}
"""Versions this app knows the fields of; any other version is refused (its fields are unknown)."""

FLAGS: dict[bytes, int] = {
    b"tkhd": 0xF,  # enabled, in movie, in preview, size is aspect ratio
    b"vmhd": 0x1,
    b"tfhd": 0x3003B,
    b"trun": 0xF05,
    b"url ": 0x1,
    b"elst": 0,
}
"""The flags each versioned box defines; other flag bits are cleared (default: none defined)."""


def _mvhd_reserved(body: bytes) -> list[tuple[int, int]]:
    at = 32 if body[:1] == b"\x01" else 20  # after the rate
    return [(at + 6, at + 16), (at + 52, at + 76)]  # reserved; pre-defined (QuickTime preview times)


def _tkhd_reserved(body: bytes) -> list[tuple[int, int]]:
    if body[:1] == b"\x01":
        return [(24, 28), (36, 44), (50, 52)]
    return [(16, 20), (24, 32), (38, 40)]


def _mdhd_reserved(body: bytes) -> list[tuple[int, int]]:
    return [(34, 36)] if body[:1] == b"\x01" else [(22, 24)]  # pre-defined (QuickTime quality)


RESERVED: dict[bytes, Callable[[bytes], list[tuple[int, int]]]] = {
    b"mvhd": _mvhd_reserved,
    b"tkhd": _tkhd_reserved,
    b"mdhd": _mdhd_reserved,
    b"hdlr": lambda _b: [(12, 24)],  # reserved (QuickTime: manufacturer, flags, mask)
    b"vmhd": lambda _b: [(4, 12)],  # graphics mode and colour: copy, black
    b"smhd": lambda _b: [(6, 8)],
    b"trex": lambda _b: [],
}
"""Byte ranges of a box's body that carry nothing a player reads; they are set to zero."""
