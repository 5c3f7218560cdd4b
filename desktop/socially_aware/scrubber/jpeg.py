"""JPEG (and the primary picture of MPO): walk the segments, keep only what the picture needs.

The compressed image data is copied byte for byte, so the decoded pixels cannot change.
"""

from __future__ import annotations

import re
import struct
from dataclasses import dataclass

from socially_aware.scrubber import icc, jpegtables
from socially_aware.scrubber.exifmin import EXIF_PREFIX, orientation_of_tiff, orientation_of_xmp, orientation_tiff
from socially_aware.scrubber.jpegtables import Picture
from socially_aware.scrubber.limits import MAX_PIXELS, MAX_SEGMENTS
from socially_aware.scrubber.model import BudgetError, CleanOptions, FileFormat, Note, ScrubError
from socially_aware.scrubber.spans import same_bytes, same_spans

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
    restarts: bool = True
    """For a scan: whether restart markers may be in its data (False: the walk saw none)."""

    @property
    def name(self) -> str:
        return _NAMES.get(
            self.marker, f"APP{self.marker - 0xE0}" if 0xE0 <= self.marker <= 0xEF else f"0x{self.marker:02X}"
        )


_NAMES = {
    0xE1: "APP1",
    COM: "comment (COM)",
    0xED: "IPTC/Photoshop (APP13)",
    0xE2: "APP2",
    0xE0: "APP0",
    0xEE: "Adobe (APP14)",
}


class Damage(ScrubError):
    """The segment structure breaks at `at`: a damaged file, not a hostile one."""

    def __init__(self, message: str, at: int) -> None:
        super().__init__(message)
        self.at = at


STRAY = 0x00
"""The pseudo-marker of bytes found between two segments that belong to neither (exiftool:
"unknown bytes after JPEG APPn segment"): dropped when cleaning, never allowed in a cleaned file."""


ExpectedScans = tuple[bytes, list[tuple[int, int, bool]]]
"""A file and, for each scan, the span of its kept entropy-coded data and whether it holds restart markers."""


def walk(data: bytes, expected_scans: ExpectedScans | None = None) -> tuple[list[Segment], int]:
    """All segments up to EOI, and the offset just past EOI. Raises ScrubError on any damage.

    With `expected_scans` (a file and the spans of its kept entropy-coded data), each scan's data
    here must be byte-identical to the next span there; its end is then known without searching.
    """
    segments: list[Segment] = []
    return segments, _walk_into(data, segments, expected_scans)


def walk_damaged(data: bytes) -> tuple[list[Segment], int]:
    """The segments before the damage, and where the damage starts (len(data) when there is none).

    Only damage after the first scan is tolerated: the frame and its tables must be whole, so what
    follows can be copied unchanged and decodes exactly as far as it did before.
    """
    segments: list[Segment] = []
    try:
        _walk_into(data, segments, None)
    except Damage as damage:
        in_a_scan = data[damage.at + 1 : damage.at + 2] == bytes((SOS,))
        if not (in_a_scan or any(s.marker == SOS for s in segments)) or not segments:
            raise
        return segments, damage.at
    raise ScrubError("the file is not damaged")  # callers only come here after walk() failed


# A marker that can begin a segment after stray bytes (not a restart marker, SOI or a fill byte).
_FILL = re.compile(rb"\xff+")
_SEGMENT_MARKER = re.compile(rb"\xff[\xc0-\xcf\xd9-\xfe]")


def _walk_into(data: bytes, segments: list[Segment], expected_scans: ExpectedScans | None) -> int:
    scans = iter(expected_scans[1]) if expected_scans else None
    if not data.startswith(b"\xff\xd8"):
        raise ScrubError("not a JPEG file (it does not start with a JPEG marker)")
    pos = 2
    size = len(data)
    fill = 0
    while True:
        if len(segments) + fill > MAX_SEGMENTS:
            raise BudgetError(f"has more than {MAX_SEGMENTS:,} segments and fill bytes, far more than any photo")
        if pos + 2 > size:
            raise Damage("the file is cut short (no end-of-image marker)", pos)
        if data[pos] != 0xFF:
            if segments and segments[-1].marker == SOS:
                raise Damage(f"damaged structure at byte {pos}", pos)
            found = _SEGMENT_MARKER.search(data, pos)
            if found is None:
                raise Damage(f"damaged structure at byte {pos}", pos)
            segments.append(Segment(STRAY, pos, found.start(), b""))
            pos = found.start()
            continue
        marker = data[pos + 1]
        if marker == 0xFF:  # fill bytes are allowed before a marker: a run of them is skipped at once
            run_end = _FILL.match(data, pos).end() - 1  # type: ignore[union-attr]  # the fill pattern matches at a 0xFF, which pos points at
            fill += run_end - pos  # each costs a decoder (and Pillow's inspection) a step
            pos = run_end
            continue
        if marker == EOI:
            return pos + 2
        if marker in _STANDALONE or marker == SOI or marker < 0xC0:
            raise Damage(f"unexpected marker 0x{marker:02X} at byte {pos}", pos)
        if pos + 4 > size:
            raise Damage("the file is cut short inside a segment header", pos)
        (length,) = struct.unpack_from(">H", data, pos + 2)
        end = pos + 2 + length
        if length < 2 or end > size:
            raise Damage(f"a segment at byte {pos} claims to run past the end of the file", pos)
        payload = data[pos + 4 : end]
        if marker in _SOF:
            _check_dimensions(payload)
        restarts = True
        if marker == SOS:
            if scans is not None and expected_scans is not None:
                expected = next(scans, None)
                length = expected[1] - expected[0] if expected else 0
                if expected is None or not same_bytes(data, end, expected_scans[0], expected[0], length):
                    raise ScrubError("the picture data changed while cleaning")
                end += length
                restarts = expected[2]
            else:
                end, restarts = _end_of_scan(data, end, pos)
        segments.append(Segment(marker, pos, end, payload, restarts))
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


_ANY_MARKER = re.compile(rb"\xff[^\x00\xff]")


def _end_of_scan(data: bytes, pos: int, scan_start: int) -> tuple[int, bool]:
    """Where the scan's data ends, and whether restart markers are in it: one pass over the data
    when there are none (most files), as the first marker found is then the scan's end."""
    found = _ANY_MARKER.search(data, pos)
    restarts = found is not None and 0xD0 <= data[found.start() + 1] <= 0xD7
    if restarts:
        found = _NEXT_MARKER.search(data, found.end())  # type: ignore[union-attr]  # found is a match here (the loop condition)
    if found is None:
        raise Damage("the file is cut short inside the image data", scan_start)
    return found.start(), restarts


def _app_kind(segment: Segment) -> str:
    p = segment.payload
    m = segment.marker
    if m == STRAY:
        return "stray"
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
    "jfxx": "JFIF extension thumbnail (JFXX)",
    "mpf": "extra pictures (MPO) and their Exif",
    "app0": "APP0 data",
    "app1": "APP1 data",
    "app2": "APP2 data (e.g. FlashPix)",
    "other": "maker data (APPn)",
    "trailer": "data after the end of the picture",
    "stray": "unknown bytes between segments",
    "icc": "colour profile",
    "adobe": "Adobe colour marker",
}


JFIF_LENGTH = 14
"""JFIF APP0 as defined: identifier, version, units, densities, and a 0×0 thumbnail (payload bytes)."""
ADOBE_LENGTH = 12
"""Adobe APP14 as defined: identifier, version, two flag words and the colour transform."""
DAMAGED_NOTE = Note("the picture was already damaged; it was cleaned without changing it")
# Signatures of metadata that could hide inside the damaged part of a file, where segments can no
# longer be told apart from picture data: such a file is refused rather than half cleaned.
_METADATA_SIGNATURES = (
    EXIF_PREFIX,
    b"http://ns.adobe.com/",
    b"<x:xmpmeta",
    b"Photoshop 3.0\x00",
    b"MPF\x00",
    b"JFXX\x00",
    b"ICC_PROFILE\x00",
)


def orientation(data: bytes, segments: list[Segment]) -> int:
    """Exif's orientation, or XMP's tiff:Orientation when Exif gives none, or 1 (upright)."""
    from_xmp = None
    for segment in segments:
        kind = _app_kind(segment)
        if kind == "exif":
            value = orientation_of_tiff(segment.payload[len(EXIF_PREFIX) :])
            if value:
                return value
        elif kind == "xmp" and from_xmp is None:
            from_xmp = orientation_of_xmp(segment.payload)
    return from_xmp or 1


def _walk_any(data: bytes) -> tuple[list[Segment], int, int | None]:
    """(segments, where the picture ends, where a damaged file's unchanged tail starts or None).

    Damage after the frame and its tables is tolerated: everything from the first scan to the
    last end-of-image marker is then copied unchanged, and only the segments before it cleaned.
    """
    try:
        segments, end = walk(data)
        return segments, end, None
    except Damage:
        segments, damaged_at = walk_damaged(data)
    tail_start = _first_scan(segments, damaged_at)
    last_eoi = data.rfind(b"\xff\xd9", damaged_at)
    end = last_eoi + 2 if last_eoi >= 0 else len(data)
    if any(data.find(signature, tail_start, end) >= 0 for signature in _METADATA_SIGNATURES):
        raise ScrubError(
            f"is damaged at byte {damaged_at}, and metadata is mixed into the damaged part; it cannot be cleaned safely"
        )
    return [s for s in segments if s.start < tail_start], end, tail_start


def _first_scan(segments: list[Segment], damaged_at: int) -> int:
    return next((s.start for s in segments if s.marker == SOS), damaged_at)


def _analysis(data: bytes, segments: list[Segment], tail_start: int | None) -> Picture | None:
    """What the decoder reads; None for a damaged file, whose picture segments stay as they are."""
    return None if tail_start is not None else jpegtables.analyse(data, segments)


def clean(data: bytes, options: CleanOptions) -> tuple[bytes, list[str]]:
    """The cleaned file and the names of what was removed (empty when nothing was)."""
    segments, end, tail_start = _walk_any(data)
    return _clean_walked(data, segments, end, tail_start, _analysis(data, segments, tail_start), options)


def clean_verified(data: bytes, options: CleanOptions) -> tuple[bytes, list[str]]:
    """`clean` then `verify`, walking the original only once (the batch's hot path)."""
    segments, end, tail_start = _walk_any(data)
    picture = _analysis(data, segments, tail_start)
    cleaned, removed = _clean_walked(data, segments, end, tail_start, picture, options)
    if picture is None:
        _verify_damaged(data, segments, tail_start or 0, end, cleaned)
    else:
        _verify_walked(data, picture, cleaned)
    return cleaned, removed


def _defined_part(segment: Segment, kind: str) -> tuple[bytes | None, str | None]:
    """A JFIF or Adobe segment cut to its defined length, and what was cut off (None: nothing).
    A segment too short to be what it says is dropped whole (None, name): decoders ignore it."""
    p = segment.payload
    cut: str | None
    if kind == "jfif":
        if len(p) < JFIF_LENGTH:
            return None, "damaged JFIF header"
        minimal = p[:12] + b"\x00\x00"  # no thumbnail
        if p[12:14] != b"\x00\x00":
            cut = "JFIF thumbnail"
        else:
            cut = "data hidden after the JFIF header" if len(p) > JFIF_LENGTH else None
    else:
        if len(p) < ADOBE_LENGTH:
            return None, "damaged Adobe colour marker"
        minimal = p[:ADOBE_LENGTH]
        cut = "data hidden after the Adobe colour marker" if len(p) > ADOBE_LENGTH else None
    return _segment(segment.marker, minimal), cut


def _segment(marker: int, payload: bytes) -> bytes:
    return bytes((0xFF, marker)) + struct.pack(">H", len(payload) + 2) + payload


_ICC_HEADER = b"ICC_PROFILE\x00"
_ICC_PIECE = 0xFFFF - 2 - len(_ICC_HEADER) - 2
"""Profile bytes per APP2 segment: the segment's length field counts itself and the header."""


def _icc_output(segments: list[Segment]) -> tuple[list[bytes], str | None]:
    """The APP2 segments of the colour profile rebuilt from its fields, and what that removed
    (None: the file already holds exactly those segments)."""
    found = [s for s in segments if _app_kind(s) == "icc"]
    if not found:
        return [], None
    parts = sorted((s.payload[12:14], s.payload[14:]) for s in found)
    try:
        if [(head[0], head[1]) for head, _ in parts] != [(n, len(parts)) for n in range(1, len(parts) + 1)]:
            raise icc.ProfileError("the profile's pieces do not add up")
        rebuilt, _ = icc.rebuild(b"".join(piece for _, piece in parts))
    except icc.ProfileError:
        return [], icc.DAMAGED_NAME
    pieces = [rebuilt[at : at + _ICC_PIECE] for at in range(0, len(rebuilt), _ICC_PIECE)]
    if len(pieces) > 255:
        return [], icc.DAMAGED_NAME
    written = [_segment(0xE2, _ICC_HEADER + bytes((n, len(pieces))) + p) for n, p in enumerate(pieces, start=1)]
    original = [_segment(0xE2, s.payload) for s in found]
    return written, (None if written == original else icc.REMOVED_NAME)


def _picture_segment(
    view: memoryview, index: int, segment: Segment, picture: Picture | None
) -> list[bytes | memoryview]:
    """A picture segment as written from its parsed fields (unchanged for a damaged file)."""
    if picture is None:
        return [view[segment.start : segment.end]]
    payload = picture.written.get(index, segment.payload)
    if segment.marker == SOS:
        scan = next(s for s in picture.scans if s.segment == index)
        if payload == segment.payload and scan.data_end == segment.end:
            return [view[segment.start : segment.end]]
        return [_segment(SOS, payload), view[scan.data_start : scan.data_end]]
    if not payload and segment.marker in (jpegtables.DQT, jpegtables.DHT):
        return []  # no table in it is used
    if payload == segment.payload:
        return [view[segment.start : segment.end]]
    return [_segment(segment.marker, payload)]


def _clean_walked(
    data: bytes,
    segments: list[Segment],
    end: int,
    tail_start: int | None,
    picture: Picture | None,
    options: CleanOptions,
) -> tuple[bytes, list[str]]:
    keep_orientation = orientation(data, segments) if options.keep_orientation else 1
    out: list[bytes | memoryview] = [b"\xff\xd8"]
    removed: list[str] = []
    exif_written = False
    min_exif = EXIF_PREFIX + orientation_tiff(keep_orientation) if keep_orientation != 1 else b""
    icc_segments, icc_removed = _icc_output(segments) if options.keep_icc else ([], None)

    def write_exif() -> None:
        nonlocal exif_written
        if min_exif and not exif_written:
            out.append(_segment(0xE1, min_exif))
            exif_written = True

    def note_removed(name: str) -> None:
        if name not in removed:
            removed.append(name)

    view = memoryview(data)
    for index, segment in enumerate(segments):
        if segment.marker in _PICTURE:
            write_exif()
            out.extend(_picture_segment(view, index, segment, picture))
            continue
        kind = _app_kind(segment)
        if kind in ("jfif", "adobe"):
            minimal, cut = _defined_part(segment, kind)
            if minimal is not None:
                out.append(minimal)
            if cut:
                note_removed(cut)
            if kind == "jfif":
                write_exif()
            continue
        if kind == "icc" and options.keep_icc:
            out.extend(icc_segments)  # the whole profile where its first piece was
            icc_segments = []
            if icc_removed:
                note_removed(icc_removed)
        elif kind == "exif" and min_exif and segment.payload == min_exif:
            if not exif_written:  # else the same minimal Exif was written already, after JFIF
                out.append(view[segment.start : segment.end])
                exif_written = True
        else:
            note_removed(REMOVED_NAMES.get(kind, "other data"))
    if picture is not None:
        for name in picture.removed:
            note_removed(name)
    if tail_start is not None:
        write_exif()
        out.append(view[tail_start:end])
        removed.append(DAMAGED_NOTE)
    else:
        out.append(b"\xff\xd9")
    if end < len(data) and data[end:].strip(b"\x00"):
        removed.append(REMOVED_NAMES["trailer"])
    return b"".join(out), removed


ALLOWED_AFTER_CLEAN = {"jfif", "icc", "adobe"}


def verify(original: bytes, cleaned: bytes) -> None:
    """Raise ScrubError unless every byte of `cleaned` is accounted for: the original's picture
    data byte for byte, the tables and headers it decodes with written from their fields, and
    only JFIF, Adobe, the colour profile (rebuilt) and the minimal orientation besides."""
    segments, end, tail_start = _walk_any(original)
    picture = _analysis(original, segments, tail_start)
    if picture is None:
        _verify_damaged(original, segments, tail_start or 0, end, cleaned)
    else:
        _verify_walked(original, picture, cleaned)


def _check_allowlist(segments: list[Segment]) -> None:
    for segment in segments:
        if segment.marker in _PICTURE:
            if segment.marker in (jpegtables.DQT, jpegtables.DHT) and not segment.payload:
                raise ScrubError("an empty table segment is still in the cleaned file")
            continue
        kind = _app_kind(segment)
        if kind == "exif":
            tiff = segment.payload[len(EXIF_PREFIX) :]
            if tiff not in {orientation_tiff(o) for o in range(2, 9)}:
                raise ScrubError("Exif other than the orientation is still in the cleaned file")
        elif kind == "jfif" and (len(segment.payload) != JFIF_LENGTH or segment.payload[12:14] != b"\x00\x00"):
            raise ScrubError("the JFIF header still carries a thumbnail or other data")
        elif kind == "adobe" and len(segment.payload) != ADOBE_LENGTH:
            raise ScrubError("the Adobe colour marker still carries other data")
        elif kind not in ALLOWED_AFTER_CLEAN:
            raise ScrubError(f"{REMOVED_NAMES.get(kind, kind)} is still in the cleaned file")
    if _icc_output(segments)[1] is not None:
        raise ScrubError("the colour profile still carries text or other data")


def _verify_walked(original: bytes, picture: Picture, cleaned: bytes) -> None:
    spans = [(scan.data_start, scan.data_end, scan.restarts) for scan in picture.scans]
    segments, end = walk(cleaned, expected_scans=(original, spans))
    if end != len(cleaned):
        raise ScrubError("the cleaned file has data after the end of the picture")
    _check_allowlist(segments)
    again = jpegtables.analyse(cleaned, segments)
    if again.removed:
        raise ScrubError(f"the cleaned file still holds {again.removed[0]}")
    # The scans' data was matched byte for byte by the walk above; what each decodes with must match too.
    if [scan.state for scan in again.scans] != [scan.state for scan in picture.scans]:
        raise ScrubError("the picture data changed while cleaning")


def _verify_damaged(
    original: bytes, original_segments: list[Segment], tail_start: int, end: int, cleaned: bytes
) -> None:
    """Everything from the first scan on must be the original's byte for byte, and everything
    before it hold only the allowlist and the original's tables and frame."""
    found, damaged_at = walk_damaged(cleaned)
    cleaned_tail = _first_scan(found, damaged_at)
    segments = [s for s in found if s.start < cleaned_tail]
    _check_allowlist(segments)
    if len(cleaned) - cleaned_tail != end - tail_start or not same_bytes(
        cleaned, cleaned_tail, original, tail_start, end - tail_start
    ):
        raise ScrubError("the picture data changed while cleaning")

    def spans(kept: list[Segment]) -> list[tuple[int, int]]:
        return [(s.start, s.end) for s in kept if s.marker in _PICTURE]

    if not same_spans(original, spans(original_segments), cleaned, spans(segments)):
        raise ScrubError("the picture data changed while cleaning")


def jfif_thumbnails(data: bytes) -> list[tuple[str, int, int, bytes]]:
    """Thumbnails inside JFIF and JFXX segments: (kind, width, height, data), kind "jpeg" (data is
    a JPEG file), "rgb" (width×height×3 bytes) or "palette" (a 768-byte palette, then indices)."""
    try:
        segments, _, _ = _walk_any(data)
    except ScrubError:
        return []
    found: list[tuple[str, int, int, bytes]] = []
    for segment in segments:
        kind, p = _app_kind(segment), segment.payload
        if kind == "jfif" and len(p) >= JFIF_LENGTH and p[12] * p[13]:
            found.append(("rgb", p[12], p[13], p[14 : 14 + 3 * p[12] * p[13]]))
        elif kind == "jfxx" and len(p) > 6:
            if p[5] == 0x10:
                found.append(("jpeg", 0, 0, p[6:]))
            elif p[5] in (0x11, 0x13) and len(p) >= 8:
                found.append(("palette" if p[5] == 0x11 else "rgb", p[6], p[7], p[8:]))
    return found


FORMAT = FileFormat(
    name="JPEG",
    suffixes=(".jpg", ".jpeg", ".jpe", ".jfif", ".mpo"),
    mime="image/jpeg",
    magic=lambda head: head[:3] == b"\xff\xd8\xff",
    lossless=True,
    allowlist=frozenset({"JFIF", "ICC*", "Adobe", "MPF", "IFD0:Orientation"}),
    clean=clean,
    verify=verify,
    verified_whole=True,
    clean_verified=clean_verified,
)
