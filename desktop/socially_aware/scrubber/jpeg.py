"""JPEG (and the primary picture of MPO): walk the segments, keep only what the picture needs.

The compressed image data is copied byte for byte, so the decoded pixels cannot change.
"""

from __future__ import annotations

import re
import struct
from dataclasses import dataclass

from socially_aware.scrubber.exifmin import EXIF_PREFIX, orientation_of_tiff, orientation_tiff
from socially_aware.scrubber.model import CleanOptions, FileFormat, ScrubError
from socially_aware.scrubber.spans import same_spans

MAX_PIXELS = 250_000_000  # far beyond any camera; a larger claim is a decompression bomb

SOI, EOI, SOS, COM = 0xD8, 0xD9, 0xDA, 0xFE
_STANDALONE = {0x01, *range(0xD0, 0xD8)}  # TEM and RSTn carry no length
_SOF = {0xC0, 0xC1, 0xC2, 0xC3, 0xC5, 0xC6, 0xC7, 0xC9, 0xCA, 0xCB, 0xCD, 0xCE, 0xCF}
# Segments that decide how the picture looks: tables, frame, scans, restart interval, line count.
_PICTURE = {*_SOF, 0xC4, 0xCC, 0xDB, 0xDD, 0xDC, SOS}


@dataclass(frozen=True)
class Segment:
    marker: int
    start: int
    """Offset of the 0xFF of the marker."""
    end: int
    """Offset just past the segment, including entropy-coded data after an SOS."""
    payload: bytes

    @property
    def name(self) -> str:
        return _NAMES.get(self.marker, f"APP{self.marker - 0xE0}" if 0xE0 <= self.marker <= 0xEF else f"0x{self.marker:02X}")


_NAMES = {0xE1: "APP1", COM: "comment (COM)", 0xED: "IPTC/Photoshop (APP13)", 0xE2: "APP2", 0xE0: "APP0", 0xEE: "Adobe (APP14)"}


def walk(data: bytes, expected_scans: tuple[bytes, list[Segment]] | None = None) -> tuple[list[Segment], int]:
    """All segments up to EOI, and the offset just past EOI. Raises ScrubError on any damage.

    With `expected_scans` (a file and its scan segments), each scan here must be byte-identical to
    the next one there; its end is then known without searching the entropy-coded data again.
    """
    scans = iter([seg for seg in expected_scans[1] if seg.marker == SOS]) if expected_scans else None
    if not data.startswith(b"\xff\xd8"):
        raise ScrubError("not a JPEG file (it does not start with a JPEG marker)")
    segments: list[Segment] = []
    pos = 2
    size = len(data)
    while True:
        if pos + 2 > size:
            raise ScrubError("the file is cut short (no end-of-image marker)")
        if data[pos] != 0xFF:
            raise ScrubError(f"damaged structure at byte {pos}")
        marker = data[pos + 1]
        if marker == 0xFF:  # fill bytes are allowed before a marker
            pos += 1
            continue
        if marker == EOI:
            return segments, pos + 2
        if marker in _STANDALONE or marker == SOI:
            raise ScrubError(f"unexpected marker 0x{marker:02X} at byte {pos}")
        if pos + 4 > size:
            raise ScrubError("the file is cut short inside a segment header")
        (length,) = struct.unpack_from(">H", data, pos + 2)
        end = pos + 2 + length
        if length < 2 or end > size:
            raise ScrubError(f"a segment at byte {pos} claims to run past the end of the file")
        payload = data[pos + 4 : end]
        if marker in _SOF:
            _check_dimensions(payload)
        if marker == SOS:
            if scans is not None and expected_scans is not None:
                expected = next(scans, None)
                if expected is None or not data.startswith(expected_scans[0][expected.start : expected.end], pos):
                    raise ScrubError("the picture data changed while cleaning")
                end = pos + (expected.end - expected.start)
            else:
                end = _end_of_scan(data, end)
        segments.append(Segment(marker, pos, end, payload))
        pos = end


def _check_dimensions(sof: bytes) -> None:
    if len(sof) < 6:
        raise ScrubError("the frame header is damaged")
    height, width = struct.unpack_from(">HH", sof, 1)
    if width == 0:
        raise ScrubError("the frame header declares a width of zero")
    if width * max(height, 1) > MAX_PIXELS:
        raise ScrubError(f"declares {width}×{height} pixels, far too large to be a photo (a decompression bomb?)")


# Entropy-coded data ends at the first 0xFF followed by anything but a stuffed 0x00, a restart
# marker or another 0xFF (fill). A regular expression finds it at C speed.
_NEXT_MARKER = re.compile(rb"\xff[^\x00\xd0-\xd7\xff]")


def _end_of_scan(data: bytes, pos: int) -> int:
    found = _NEXT_MARKER.search(data, pos)
    if found is None:
        raise ScrubError("the file is cut short inside the image data")
    return found.start()


def _app_kind(segment: Segment) -> str:
    p = segment.payload
    m = segment.marker
    if m == 0xE0:
        return "jfif" if p.startswith(b"JFIF\x00") else ("jfxx" if p.startswith(b"JFXX\x00") else "app0")
    if m == 0xE1:
        if p.startswith(EXIF_PREFIX):
            return "exif"
        return "xmp" if p.startswith(b"http://ns.adobe.com/") else "app1"
    if m == 0xE2:
        if p.startswith(b"ICC_PROFILE\x00"):
            return "icc"
        return "mpf" if p.startswith(b"MPF\x00") else "app2"
    if m == 0xEE and p.startswith(b"Adobe"):
        return "adobe"
    if m == 0xED:
        return "iptc"
    if m == COM:
        return "comment"
    return "other"


REMOVED_NAMES = {
    "exif": "Exif (camera, time, location, thumbnail)",
    "xmp": "XMP (editing history, people, location)",
    "iptc": "IPTC / Photoshop (captions, places, names)",
    "comment": "comment",
    "jfxx": "JFIF thumbnail",
    "mpf": "extra pictures (MPO) and their Exif",
    "app0": "APP0 data",
    "app1": "APP1 data",
    "app2": "APP2 data (e.g. FlashPix)",
    "other": "maker data (APPn)",
    "trailer": "data after the end of the picture",
    "icc": "colour profile",
    "adobe": "Adobe colour marker",
}


def orientation(segments: list[Segment]) -> int:
    for segment in segments:
        if _app_kind(segment) == "exif":
            value = orientation_of_tiff(segment.payload[len(EXIF_PREFIX) :])
            if value:
                return value
    return 1


def _table_spans(segments: list[Segment]) -> list[tuple[int, int]]:
    """Where the tables, frame and scan headers that decide the pixels sit (scan data excluded)."""
    return [(s.start, s.end) if s.marker != SOS else (s.start, s.start + 4 + len(s.payload))
            for s in segments if s.marker in _PICTURE]


def clean(data: bytes, options: CleanOptions) -> tuple[bytes, list[str]]:
    """The cleaned file and the names of what was removed (empty when nothing was)."""
    segments, end = walk(data)
    return _clean_walked(data, segments, end, options)


def clean_verified(data: bytes, options: CleanOptions) -> tuple[bytes, list[str]]:
    """`clean` then `verify`, walking the original only once (the batch's hot path)."""
    segments, end = walk(data)
    cleaned, removed = _clean_walked(data, segments, end, options)
    _verify_walked(data, segments, cleaned)
    return cleaned, removed


def _clean_walked(data: bytes, segments: list[Segment], end: int, options: CleanOptions) -> tuple[bytes, list[str]]:
    keep_orientation = orientation(segments) if options.keep_orientation else 1
    out = [b"\xff\xd8"]
    removed: list[str] = []
    exif_written = False
    min_exif = EXIF_PREFIX + orientation_tiff(keep_orientation) if keep_orientation != 1 else b""

    def write_exif() -> None:
        nonlocal exif_written
        if min_exif and not exif_written:
            out.append(b"\xff\xe1" + struct.pack(">H", len(min_exif) + 2) + min_exif)
            exif_written = True

    view = memoryview(data)
    for segment in segments:
        if segment.marker in _PICTURE:
            write_exif()
            out.append(view[segment.start : segment.end])
            continue
        kind = _app_kind(segment)
        keep = kind in ("jfif", "adobe") or (kind == "icc" and options.keep_icc)
        if kind == "exif" and min_exif and segment.payload == min_exif and not exif_written:
            keep = True
            exif_written = True
        if keep:
            out.append(view[segment.start : segment.end])
            if kind == "jfif":
                write_exif()
        else:
            name = REMOVED_NAMES.get(kind, "other data")
            if name not in removed:
                removed.append(name)
    out.append(b"\xff\xd9")
    if end < len(data) and data[end:].strip(b"\x00"):
        removed.append(REMOVED_NAMES["trailer"])
    return b"".join(out), removed


ALLOWED_AFTER_CLEAN = {"jfif", "icc", "adobe"}


def verify(original: bytes, cleaned: bytes) -> None:
    """Raise ScrubError unless `cleaned` is whole, holds nothing but the allowlist, and has the
    original's picture data byte for byte."""
    original_segments, _ = walk(original)
    _verify_walked(original, original_segments, cleaned)


def _verify_walked(original: bytes, original_segments: list[Segment], cleaned: bytes) -> None:
    segments, end = walk(cleaned, expected_scans=(original, original_segments))
    if end != len(cleaned):
        raise ScrubError("the cleaned file has data after the end of the picture")
    for segment in segments:
        if segment.marker in _PICTURE:
            continue
        kind = _app_kind(segment)
        if kind == "exif":
            tiff = segment.payload[len(EXIF_PREFIX) :]
            if tiff not in {orientation_tiff(o) for o in range(2, 9)}:
                raise ScrubError("Exif other than the orientation is still in the cleaned file")
        elif kind not in ALLOWED_AFTER_CLEAN:
            raise ScrubError(f"{REMOVED_NAMES.get(kind, kind)} is still in the cleaned file")
    # The scans were already matched byte for byte by the walk above; compare the tables and frame.
    if not same_spans(original, _table_spans(original_segments), cleaned, _table_spans(segments)):
        raise ScrubError("the picture data changed while cleaning")


FORMAT = FileFormat(
    name="JPEG", suffixes=(".jpg", ".jpeg", ".jpe", ".jfif", ".mpo"), mime="image/jpeg",
    magic=lambda head: head[:3] == b"\xff\xd8\xff", lossless=True,
    allowlist=frozenset({"JFIF", "ICC*", "Adobe", "MPF", "IFD0:Orientation"}),
    clean=clean, verify=verify, clean_verified=clean_verified,
)
