"""A container the cleaner refuses is reported by inspection with the cleaner's own reason.

Before, inspection fell back to Pillow for a HEIF the container walk refused, and said what Pillow
made of it ("cannot be read as a picture", or nothing found) while cleaning failed for another reason.
"""

from __future__ import annotations

import struct
from collections.abc import Callable
from pathlib import Path

import pytest

from socially_aware.scrubber.cleaning import clean_file, inspect_file
from socially_aware.scrubber.model import CleanOptions, Outcome

SAMPLE = Path(__file__).resolve().parents[1] / "data" / "heif" / "xiaomi-gps.heic"


def _meta_at(data: bytes) -> tuple[int, int]:
    at = data.index(b"meta") - 4
    return at, struct.unpack(">I", data[at : at + 4])[0]


def _unknown_meta_version(data: bytes) -> bytes:
    at, _size = _meta_at(data)
    changed = bytearray(data)
    changed[at + 8] = 1
    return bytes(changed)


def _junk_inside_meta(data: bytes) -> bytes:
    at, size = _meta_at(data)
    junk = b"JUNKJUNKJUNK"
    changed = bytearray(data[: at + size] + junk + data[at + size :])
    struct.pack_into(">I", changed, at, size + len(junk))
    return bytes(changed)


def _cut_inside_meta(data: bytes) -> bytes:
    at, size = _meta_at(data)
    return data[: at + size // 2]


@pytest.mark.parametrize("damage", [_unknown_meta_version, _junk_inside_meta, _cut_inside_meta])
def test_inspection_gives_the_reason_cleaning_refuses(damage: Callable[[bytes], bytes], tmp_path: Path) -> None:
    photo = tmp_path / "IMG_1.heic"
    photo.write_bytes(damage(SAMPLE.read_bytes()))
    result = clean_file(photo, tmp_path / "out.heic", CleanOptions())
    assert result.outcome is Outcome.FAILED
    inspection = inspect_file(photo)
    assert inspection.error
    assert inspection.error in result.message
    assert not inspection.entries
