"""ICC colour profiles rebuilt from their parsed fields: the colour stays, the words go.

A kept profile is written anew: the 128-byte header with the fields that name a device, a
program or a date set to zero (the profile ID too, as the content changes), a tag table, and each
colour tag's element byte for byte, so colour management gives exactly the same result. Text tags
(description, copyright, device maker and model, viewing conditions) get neutral text of the same
type; tags that do not describe colour (private tags, names of colorants, metadata dictionaries)
are left out. Bytes beyond the declared size, between the elements and in reserved fields are
never written. Verification compares a kept profile with its own rebuild: they must be equal.
"""

from __future__ import annotations

import functools
import struct

from socially_aware.scrubber.limits import MAX_ICC_BYTES, MAX_ICC_TAGS

NEUTRAL_TEXT = "ICC profile"
TEXT_TAGS = frozenset({b"desc", b"cprt", b"dmnd", b"dmdd", b"vued", b"scrd", b"dscm"})
"""Free text a profile may carry; a calibrated display's profile often names its owner or serial."""
COLOUR_TAGS = frozenset(
    {
        *(f"A2B{n}".encode() for n in range(4)),
        *(f"B2A{n}".encode() for n in range(4)),
        *(f"D2B{n}".encode() for n in range(4)),
        *(f"B2D{n}".encode() for n in range(4)),
        *(f"pre{n}".encode() for n in range(3)),
        b"rXYZ",
        b"gXYZ",
        b"bXYZ",
        b"rTRC",
        b"gTRC",
        b"bTRC",
        b"kTRC",
        b"wtpt",
        b"bkpt",
        b"chad",
        b"chrm",
        b"clro",
        b"gamt",
        b"lumi",
        b"meas",
        b"resp",
        b"rig0",
        b"rig2",
        b"tech",
        b"view",
        b"ciis",
        b"cicp",
        b"vcgt",  # a display's calibration curves
        b"arts",  # Apple's chromatic adaptation matrix
    }
)
"""Tags that decide colour, copied byte for byte."""
HEADER_SIZE = 128
# Header fields that describe who or what made the profile, not how it maps colour: CMM type,
# creation date, platform, device maker and model, creator, profile ID, reserved bytes.
_ZEROED = ((4, 8), (24, 36), (40, 44), (48, 56), (80, 128))


class ProfileError(ValueError):
    """The profile cannot be read as ICC: it is dropped rather than kept as unknown bytes."""


@functools.cache
def _neutral(kind: bytes) -> bytes | None:
    """A text element of the given type holding NEUTRAL_TEXT; None for a type with no text form here."""
    text = NEUTRAL_TEXT.encode("ascii")
    if kind == b"text":
        return b"text\x00\x00\x00\x00" + text + b"\x00"
    if kind == b"desc":  # ICC v2 textDescriptionType: ASCII, then empty Unicode and ScriptCode parts
        return b"desc\x00\x00\x00\x00" + struct.pack(">I", len(text) + 1) + text + b"\x00" + bytes(4 + 4 + 2 + 1 + 67)
    if kind == b"mluc":
        raw = NEUTRAL_TEXT.encode("utf-16-be")
        return b"mluc\x00\x00\x00\x00" + struct.pack(">II", 1, 12) + b"enUS" + struct.pack(">II", len(raw), 28) + raw
    return None


_ONE_XYZ = frozenset({b"rXYZ", b"gXYZ", b"bXYZ", b"wtpt", b"bkpt", b"lumi"})
_PARAMETERS = {0: 1, 1: 3, 2: 4, 3: 5, 4: 7}
"""parametricCurveType: how many s15Fixed16 parameters each function type has."""
_RESERVED_AFTER_COUNTS = {b"para": (10, 12), b"mft1": (11, 12), b"mft2": (11, 12)}
"""Reserved (zero) bytes inside a colour element's own header, beyond the common reserved word."""
WHOLE_TYPES = frozenset({b"mAB ", b"mBA ", b"mpet", b"vcgt", b"rcs2"})
"""Colour element types whose parts are found through offsets: kept byte for byte (see the docs)."""


def _u(element: bytes, at: int, width: int) -> int:
    if at + width > len(element):
        raise ProfileError("a colour tag of the profile is cut short")
    return int.from_bytes(element[at : at + width], "big")


def _defined_length(tag: bytes, element: bytes) -> int | None:
    """How many bytes of a colour element are its type's fields; None for a type that is not colour."""
    kind = element[:4]
    if kind == b"XYZ ":
        return 20 if tag in _ONE_XYZ else 8 + 12 * ((len(element) - 8) // 12)
    if kind in (b"sf32", b"uf32"):
        return 44 if tag in (b"chad", b"arts") else 8 + 4 * ((len(element) - 8) // 4)
    if kind == b"curv":
        return 12 + 2 * _u(element, 8, 4)
    if kind == b"para":
        return 12 + 4 * _PARAMETERS.get(_u(element, 8, 2), 0)
    if kind in (b"sig ", b"cicp"):
        return 12
    if kind in (b"view", b"meas"):
        return 36
    if kind == b"chrm":
        return 12 + 8 * _u(element, 8, 2)
    if kind == b"clro":
        return 12 + _u(element, 8, 4)
    if kind == b"mft1":
        if len(element) < 11:
            raise ProfileError("a colour tag of the profile is cut short")
        ins, outs, points = element[8], element[9], element[10]
        return 48 + 256 * ins + points**ins * outs + 256 * outs
    if kind == b"mft2":
        inputs, outputs, grid = _u(element, 8, 1), _u(element, 9, 1), _u(element, 10, 1)
        entries_in, entries_out = _u(element, 48, 2), _u(element, 50, 2)
        return 52 + 2 * (inputs * entries_in + grid**inputs * outputs + outputs * entries_out)
    if kind in WHOLE_TYPES:
        return len(element)
    return None


def _colour_element(tag: bytes, element: bytes) -> bytes | None:
    """A colour element cut to its type's fields, its reserved bytes zero: a tail beyond the fields,
    the reserved word and a text element under a colour tag's name are where words could ride along.
    None: not an element type that describes colour (it is left out)."""
    length = _defined_length(tag, element)
    if length is None:
        return None
    if length > len(element) or length < 12:
        raise ProfileError("a colour tag of the profile is cut short")
    defined = bytearray(element[:length])
    defined[4:8] = bytes(4)
    start, end = _RESERVED_AFTER_COUNTS.get(element[:4], (0, 0))
    defined[start:end] = bytes(end - start)
    return bytes(defined)


def rebuild(profile: bytes) -> tuple[bytes, bool]:
    """(the profile written from its parsed fields, whether text or other data was left out).

    Raises ProfileError when it is not a profile that can be read."""
    if len(profile) < HEADER_SIZE + 4 or profile[36:40] != b"acsp":
        raise ProfileError("not an ICC profile")
    (declared,) = struct.unpack_from(">I", profile, 0)
    if declared > len(profile) or declared > MAX_ICC_BYTES or declared < HEADER_SIZE + 4:
        raise ProfileError("the profile's declared size does not match its data")
    (count,) = struct.unpack_from(">I", profile, HEADER_SIZE)
    if count > MAX_ICC_TAGS or HEADER_SIZE + 4 + 12 * count > declared:
        raise ProfileError("the profile's tag table is damaged")
    kept: list[tuple[bytes, bytes]] = []
    for n in range(count):
        tag, offset, size = struct.unpack_from(">4sII", profile, HEADER_SIZE + 4 + 12 * n)
        if offset + size > declared or size < 8:
            raise ProfileError("a tag of the profile lies outside it")
        element = profile[offset : offset + size]
        if tag in COLOUR_TAGS:
            if (defined := _colour_element(tag, element)) is not None:
                kept.append((tag, defined))
        elif tag in TEXT_TAGS and (neutral := _neutral(element[:4])) is not None:
            kept.append((tag, neutral))
    header = bytearray(profile[:HEADER_SIZE])
    for start, end in _ZEROED:
        header[start:end] = bytes(end - start)
    table_end = HEADER_SIZE + 4 + 12 * len(kept)
    entries, body, placed = [], bytearray(), {}  # equal elements are stored once, as profiles do
    for tag, element in kept:
        if element not in placed:
            placed[element] = table_end + len(body)
            body += element + bytes(-len(element) % 4)
        entries.append(struct.pack(">4sII", tag, placed[element], len(element)))
    rebuilt = bytearray(header + struct.pack(">I", len(kept)) + b"".join(entries) + body)
    struct.pack_into(">I", rebuilt, 0, len(rebuilt))
    return bytes(rebuilt), bytes(rebuilt) != profile


REMOVED_NAME = "text and other data in the colour profile (description, copyright, device)"
DAMAGED_NAME = "a damaged colour profile"
