"""Coded units inside the kept H.264/HEVC samples of a video: SEI messages neutralised in place.

Dashcams and drones write GPS and serial numbers into SEI user-data messages (user_data_unregistered)
of every frame, and encoders their settings (x264's options string). A sample of an `avc1`/`avc3`
(`avcC`) or `hvc1`/`hev1` (`hvcC`) track is a run of NAL units, each after a big-endian length of
1, 2 or 4 bytes (lengthSizeMinusOne in the setup box). Each SEI unit (H.264 type 6, HEVC 39/40) and
each unit of a type no standard specifies (H.264 0 and 24-31, HEVC 48-63: they decode nothing and
can carry anything) becomes an unspecified unit of the same size: its header says type 0 (H.264)
or 48 (HEVC, its layer and temporal ids kept), its payload is 0xFF bytes. Why these: the NAL unit
type tables (H.264 Table 7-1, H.265 Table 7-1) leave these types unspecified, and units of such
types take no part in the standard decoding process (H.264 §7.4.1, H.265 §7.4.2.2); decoders skip
them (checked by decoding with FFmpeg). H.264 24-31 are avoided because RTP (RFC 6184) gives them
meaning; the payload avoids the byte sequences no NAL unit may contain (0x000000, 0x000001,
0x000002), which zeros would not. Same size means no sample table changes. Dolby Vision frames
(`dvh1`/`dvhe`) are walked too, for SEI only (see OWN_UNSPECIFIED). Only headers and lengths are
read (the payload too for an unspecified unit, to see whether it is already the neutral one);
nothing is decoded. A length running past its sample is refused, as other lies are.
"""

from __future__ import annotations

from array import array
from collections.abc import Iterator
from dataclasses import dataclass, field

from socially_aware.scrubber.isobmff import Source
from socially_aware.scrubber.limits import MAX_VIDEO_UNITS
from socially_aware.scrubber.model import ScrubError

H264_NEUTRALISED = frozenset({6, 0, *range(24, 32)})
HEVC_NEUTRALISED = frozenset({39, 40, *range(48, 64)})
H264_NEUTRAL_TYPE = 0
HEVC_NEUTRAL_TYPE = 48
FILL = 0xFF
WALKED = frozenset(b"avc1 avc3 hvc1 hev1 dvh1 dvhe".split())
"""Sample entries whose samples are walked."""
OWN_UNSPECIFIED = frozenset({b"dvh1", b"dvhe"})
"""Dolby Vision carries its picture data (RPU, enhancement layer) in unspecified HEVC units 62 and
63: in its frames only SEI units are neutralised, unspecified ones are kept as they are."""
HEVC_SEI = frozenset({39, 40})
REASON = "notes inside the video's coded frames (SEI: encoder settings, user data such as GPS)"
_WINDOW = 4096


@dataclass(frozen=True)
class Layout:
    """How one sample entry's samples are cut into units."""

    hevc: bool
    length_size: int
    neutralised: frozenset[int]
    """The unit types made neutral."""


def layout(entry: bytes, config: bytes) -> Layout:
    """From the sample entry's type and its setup box's body (`avcC`/`hvcC`)."""
    hevc = entry in (b"hvc1", b"hev1", b"dvh1", b"dvhe")
    at = 21 if hevc else 4
    if len(config) <= at:
        raise ScrubError(f"the {'HEVC' if hevc else 'H.264'} setup box is cut short")
    length_size = (config[at] & 3) + 1
    if length_size == 3:
        raise ScrubError("a video's unit lengths are 3 bytes, which no standard allows")
    if entry in OWN_UNSPECIFIED:
        return Layout(hevc, length_size, HEVC_SEI)
    return Layout(hevc, length_size, HEVC_NEUTRALISED if hevc else H264_NEUTRALISED)


@dataclass
class UnitWrites:
    """The units to neutralise, as flat arrays (20 bytes a unit, not ~150 as tuples: a flood of
    millions of SEI units stays small)."""

    offsets: array[int] = field(default_factory=lambda: array("Q"))
    lengths: array[int] = field(default_factory=lambda: array("Q"))
    headers: array[int] = field(default_factory=lambda: array("I"))
    """The new header's bytes as a number, with its length (1 or 2) above bit 16."""

    def add(self, offset: int, length: int, header: bytes) -> None:
        self.offsets.append(offset)
        self.lengths.append(length)
        self.headers.append(int.from_bytes(header, "big") | len(header) << 16)

    def __len__(self) -> int:
        return len(self.offsets)

    def __iter__(self) -> Iterator[tuple[int, bytes, int]]:
        """(offset of the unit, its new header, how many FILL bytes follow the header)."""
        for offset, length, packed in zip(self.offsets, self.lengths, self.headers, strict=True):
            size = packed >> 16
            yield offset, (packed & 0xFFFF).to_bytes(size, "big"), length - size


class UnitWalker:
    """Walks samples one after another, collecting the units to neutralise."""

    def __init__(self, source: Source) -> None:
        self.source = source
        self.writes = UnitWrites()
        self.units = 0
        self._window_at = 0
        self._window = b""

    def _read(self, at: int, length: int, end: int) -> bytes:
        """`length` bytes at `at` (fewer at `end`), through a small window: samples of many tiny
        units cost one read per window, not one per unit."""
        if not (self._window_at <= at and at + length <= self._window_at + len(self._window)):
            self._window_at, self._window = at, self.source.read_at(at, max(length, min(_WINDOW, end - at)))
        offset = at - self._window_at
        return self._window[offset : offset + min(length, end - at)]

    def sample(self, start: int, end: int, how: Layout) -> None:
        size_of = how.length_size
        pos = start
        while pos < end:
            self.units += 1
            if self.units > MAX_VIDEO_UNITS:
                raise ScrubError(f"has more than {MAX_VIDEO_UNITS:,} coded units, far more than any camera writes")
            head = self._read(pos, size_of + 2, end)
            if len(head) < size_of:
                raise ScrubError("a video frame's coded units run past the end of the frame")
            length = int.from_bytes(head[:size_of], "big")
            unit = pos + size_of
            if unit + length > end:
                raise ScrubError("a video frame's coded units run past the end of the frame")
            if length:
                self._unit(unit, length, head[size_of:], how)
            pos = unit + length

    def _unit(self, unit: int, length: int, header: bytes, how: Layout) -> None:
        if how.hevc:
            if length < 2:
                raise ScrubError("a video frame holds a coded unit shorter than its header")
            kind = (header[0] >> 1) & 0x3F
            if kind not in how.neutralised:
                return
            temporal = header[1] & 7 or 1  # zero is not a valid temporal id + 1
            neutral = bytes([(HEVC_NEUTRAL_TYPE << 1) | (header[0] & 1), (header[1] & 0xF8) | temporal])
        else:
            kind = header[0] & 0x1F
            if kind not in how.neutralised:
                return
            neutral = bytes([H264_NEUTRAL_TYPE])
        if header[: len(neutral)] == neutral and self._all_fill(unit + len(neutral), unit + length):
            return
        self.writes.add(unit, length, neutral)

    def _all_fill(self, start: int, end: int) -> bool:
        while start < end:
            step = min(end - start, 1 << 20)
            if self.source.read_at(start, step).strip(bytes([FILL])):
                return False
            start += step
        return True
