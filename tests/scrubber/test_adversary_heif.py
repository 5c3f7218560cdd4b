"""Notes carried inside a HEIF or AVIF picture's coded data (issue 21).

The coded data of an HEVC item is a sequence of NAL units, each with its length; an AV1 item's is a
sequence of OBUs, each with its size. Besides the units that decode the picture, both formats let
a writer add units no decoder needs for pixels: HEVC SEI messages (user data with any bytes in it),
filler data (Sony's HIF files carry it), AV1 metadata OBUs (ITU-T T.35 user data) and padding. These
are framed, not entropy-coded, so the cleaner can drop them without decoding. Built here: the
tests' own picture with such a unit holding a canary; the canary must be gone, the picture decode
to the same pixels, inspection of the original must say so and the output must be already clean.
"""

from __future__ import annotations

import io
import struct
from collections.abc import Callable
from pathlib import Path

import pytest
from PIL import Image

from socially_aware.scrubber import CleanOptions, Outcome, clean_file, inspect_file
from tests.scrubber import heifs

MARK = b"CANARY-adversary-in-band-09"


def _hevc_unit(nal_type: int, payload: bytes) -> bytes:
    unit = bytes([nal_type << 1, 1]) + payload
    return struct.pack(">I", len(unit)) + unit


def _sei(nal_type: int) -> bytes:
    message = bytes(16) + MARK  # user_data_unregistered: a UUID, then any bytes
    return _hevc_unit(nal_type, bytes([5, len(message)]) + message + b"\x80")


def _obu(obu_type: int, payload: bytes) -> bytes:
    assert len(payload) < 128
    return bytes([(obu_type << 3) | 0x02, len(payload)]) + payload


def _heic(before: bytes, after: bytes = b"") -> Callable[[Path], tuple[bytes, str]]:
    def make(folder: Path) -> tuple[bytes, str]:
        coded, properties = heifs.picture_parts(heifs.made_heic(folder).read_bytes())
        return heifs.build_heif(before + coded + after, properties, []), ".heic"

    return make


def _avif(before: bytes, after: bytes = b"") -> Callable[[Path], tuple[bytes, str]]:
    def make(folder: Path) -> tuple[bytes, str]:
        coded, properties = heifs.picture_parts(heifs.made_avif(folder).read_bytes())
        built = heifs.build_heif(before + coded + after, properties, [])
        built = built.replace(b"hvc1\x00", b"av01\x00", 1)  # the item's type in its infe
        ftyp = struct.pack(">I4s4sI4s4s", 24, b"ftyp", b"avif", 0, b"mif1", b"avif")
        assert built[:24].endswith(b"mif1heic")
        return ftyp + built[24:], ".avif"

    return make


PLACES: dict[str, Callable[[Path], tuple[bytes, str]]] = {
    "HEVC prefix SEI before the slice": _heic(_sei(39)),
    "HEVC suffix SEI after the slice": _heic(b"", _sei(40)),
    "HEVC filler data": _heic(_hevc_unit(38, MARK + b"\x80")),
    "HEVC unspecified unit": _heic(_hevc_unit(50, MARK)),
    "AV1 metadata OBU (ITU-T T.35)": _avif(_obu(5, b"\x04\xb5" + MARK + b"\x80")),
    "AV1 padding OBU": _avif(b"", _obu(15, MARK)),
}


def _pixels(data: bytes) -> bytes:
    import pi_heif  # the app's decoder (scrubber/reencode.py)

    pi_heif.register_heif_opener()
    with Image.open(io.BytesIO(data)) as image:
        return image.convert("RGB").tobytes()


@pytest.mark.parametrize("where", sorted(PLACES))
def test_note_in_the_coded_data_is_dropped(where: str, tmp_path: Path) -> None:
    planted, suffix = PLACES[where](tmp_path)
    src, out = tmp_path / f"in{suffix}", tmp_path / "out" / f"in{suffix}"
    src.write_bytes(planted)
    assert inspect_file(src).risky
    result = clean_file(src, out, CleanOptions())
    assert result.outcome is Outcome.CLEANED, result.message
    cleaned = out.read_bytes()
    assert MARK[:12] not in cleaned
    assert _pixels(cleaned) == _pixels(planted)
    assert not inspect_file(out).risky
    assert clean_file(out, tmp_path / "again" / f"in{suffix}", CleanOptions()).outcome is Outcome.ALREADY_CLEAN


@pytest.mark.parametrize("make", [_heic(b""), _avif(b"")], ids=["heic", "avif"])
def test_a_picture_without_notes_keeps_its_coded_data_byte_for_byte(
    make: Callable[[Path], tuple[bytes, str]], tmp_path: Path
) -> None:
    planted, suffix = make(tmp_path)
    coded = heifs.picture_parts(planted)[0]
    src, out = tmp_path / f"in{suffix}", tmp_path / "out" / f"in{suffix}"
    src.write_bytes(planted)
    clean_file(src, out, CleanOptions())
    assert heifs.picture_parts(out.read_bytes())[0] == coded


def test_millions_of_tiny_units_are_refused_by_count(tmp_path: Path) -> None:
    """A picture whose coded data is 8 MB of 5-byte units: refused by the unit budget (limits.py),
    not sorted out one by one (benchmarks: /usr/bin/time on this file, under 1 s and 150 MB)."""
    from socially_aware.scrubber.limits import MAX_CODED_UNITS

    tiny = _hevc_unit(39, b"\x80") * 1_600_000
    planted, suffix = _heic(tiny)(tmp_path)
    src, out = tmp_path / f"in{suffix}", tmp_path / "out" / f"in{suffix}"
    src.write_bytes(planted)
    result = clean_file(src, out, CleanOptions())
    assert result.outcome is Outcome.FAILED
    assert f"{MAX_CODED_UNITS:,} coded units" in result.message
    assert not out.exists()
