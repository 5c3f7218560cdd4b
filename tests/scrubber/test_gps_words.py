"""GPS details in words and units a person reads, never raw Exif ("ASCII\\0\\0\\0CELLID", "(29, 1)")."""

from __future__ import annotations

import io
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from PIL import Image

from socially_aware.scrubber.metadata import gps_words, read, undefined_text


@pytest.mark.parametrize(
    ("tag", "value", "gps", "expected"),
    [
        (6, 29.0, {5: 0}, "29 m"),
        (6, 12.4, {5: 1}, "12 m below sea level"),
        (6, (2900, 100), {}, "29 m"),
        (7, (14.0, 3.0, 27.0), {}, "14:03:27 UTC"),
        (17, 195.0, {16: "T"}, "195° (south)"),
        (17, 44.0, {16: "M"}, "44° (north-east) from magnetic north"),
        (15, 359.0, {}, "359° (north)"),
        (13, 12.0, {12: "K"}, "12 km/h"),
        (13, 3.5, {12: "N"}, "3.5 knots"),
        (26, 2.0, {25: "M"}, "2 miles"),
        (27, b"ASCII\x00\x00\x00CELLID", {}, "mobile network"),
        (27, b"ASCII\x00\x00\x00GPS", {}, "satellites (GPS)"),
        (27, b"ASCII\x00\x00\x00fused", {}, "satellites, Wi-Fi and the mobile network together"),
        (27, b"\x00\x00\x00\x00\x00\x00\x00\x00NETWORK", {}, "mobile network or Wi-Fi"),
        (27, b"ASCII\x00\x00\x00something else", {}, "something else"),
        (28, b"ASCII\x00\x00\x00Canberra", {}, "Canberra"),
        (29, "2024:01:05", {}, "5 January 2024"),
        (11, 1.5, {}, "1.5 (lower is more precise; under 2 is a good fix)"),
    ],
)
def test_each_gps_detail_in_words(tag: int, value: Any, gps: dict[int, Any], expected: str) -> None:
    assert gps_words(tag, value, gps) == expected


def test_unicode_user_comment_loses_its_prefix() -> None:
    assert undefined_text(b"UNICODE\x00" + "Hi from work".encode("utf-16-le")) == "Hi from work"


@given(st.integers(min_value=0, max_value=31), st.one_of(st.binary(max_size=40), st.text(max_size=40), st.floats()))
def test_odd_values_fall_back_to_text_and_never_raise(tag: int, value: Any) -> None:
    assert isinstance(gps_words(tag, value, {}), str)  # control characters are escaped where it is shown


def test_a_photo_s_gps_reads_in_words() -> None:
    image = Image.new("RGB", (8, 8))
    exif = Image.Exif()
    gps = exif.get_ifd(0x8825)
    gps.update(
        {
            1: "S",
            2: (33.0, 51.0, 54.5),
            3: "E",
            4: (151.0, 12.0, 35.6),
            5: b"\x00",
            6: 29.0,
            7: (14.0, 3.0, 27.0),
            16: "T",
            17: 195.0,
            27: b"ASCII\x00\x00\x00CELLID",
            29: "2024:01:05",
        }
    )
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", exif=exif)
    entries, position, _ = read(Image.open(io.BytesIO(buffer.getvalue())), buffer.getvalue())
    assert position is not None
    said = {e.name: e.value for e in entries}
    assert said["Height above sea level"] == "29 m"
    assert said["Direction the camera faced"] == "195° (south)"
    assert said["How the position was found"] == "mobile network"
    assert said["GPS time"] == "14:03:27 UTC"
    assert said["GPS date"] == "5 January 2024"
    assert not any("ASCII" in str(v) for v in said.values())
