"""What a JPEG decoder reads to decode the picture: the frame, the tables each scan uses, the
restart interval and the scans. The cleaner keeps exactly that, written from the parsed fields.

Anything else inside those segments is a hiding place: bytes after a header's defined fields,
quantisation or Huffman tables no scan uses, restart markers (and whatever follows them) beyond
the number the frame and the restart interval define. `analyse` says what to write for each
segment and what each scan decodes with, so verification can compare the cleaned file with the
original by what a decoder sees, not by the bytes of the segments around it.

Not visible without decoding the entropy-coded data itself: bytes at the end of a scan that look
like picture data (no marker in them). A decoder stops reading where the picture ends; telling
where that is would mean decoding every coefficient (docs/what-the-cleaner-removes.md).
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from socially_aware.scrubber.model import ScrubError

if TYPE_CHECKING:
    from socially_aware.scrubber.jpeg import Segment

SOS, DQT, DHT, DRI, DAC, DNL = 0xDA, 0xDB, 0xC4, 0xDD, 0xCC, 0xDC
SOF = frozenset({0xC0, 0xC1, 0xC2, 0xC3, 0xC5, 0xC6, 0xC7, 0xC9, 0xCA, 0xCB, 0xCD, 0xCE, 0xCF})
_ARITHMETIC = frozenset({0xC9, 0xCA, 0xCB, 0xCD, 0xCE, 0xCF})
_PROGRESSIVE = frozenset({0xC2, 0xC6, 0xCA, 0xCE})
_RESTART = re.compile(rb"\xff[\xd0-\xd7]")

UNUSED_TABLES = "quantisation or Huffman tables no scan uses"
HIDDEN_IN_HEADERS = "data hidden after a table, frame or scan header"
AFTER_RESTARTS = "restart markers and data after the end of the picture data"


@dataclass(frozen=True)
class Scan:
    segment: int
    """Index of its SOS segment."""
    header: bytes
    """The SOS payload as defined: components and their tables, spectral selection, approximation."""
    data_start: int
    data_end: int
    """The entropy-coded data kept (restart markers beyond the defined number cut off)."""
    restarts: bool
    """Whether restart markers may be in the kept data."""
    state: tuple[bytes, ...]
    """Everything it decodes with: frame, restart interval, its header and each table it uses."""


@dataclass
class Picture:
    scans: list[Scan] = field(default_factory=list)
    written: dict[int, bytes] = field(default_factory=dict)
    """Segment index -> the payload to write for it (b"": leave the segment out)."""
    removed: list[str] = field(default_factory=list)

    def note(self, name: str) -> None:
        if name not in self.removed:
            self.removed.append(name)


@dataclass(frozen=True)
class _Frame:
    marker: int
    defined: bytes
    height: int
    width: int
    components: dict[int, tuple[int, int, int]]
    """Component id -> (horizontal sampling, vertical sampling, quantisation table)."""


def _tables(marker: int, payload: bytes) -> tuple[list[tuple[object, int, bytes]], bool]:
    """(key, offset, bytes) of each whole table in a DQT or DHT payload, and whether bytes follow them."""
    found: list[tuple[object, int, bytes]] = []
    pos = 0
    while pos < len(payload):
        high, low = payload[pos] >> 4, payload[pos] & 15
        if marker == DQT:
            size, valid = 1 + 64 * (high + 1), high <= 1 and low <= 3
        else:
            size = 17 + sum(payload[pos + 1 : pos + 17]) if pos + 17 <= len(payload) else len(payload) + 1
            valid = high <= 1 and low <= 3
        if not valid or pos + size > len(payload):
            break
        found.append(((marker, high if marker == DHT else 0, low), pos, payload[pos : pos + size]))
        pos += size
    return found, pos < len(payload)


def _frame(marker: int, payload: bytes) -> _Frame:
    count = payload[5] if len(payload) >= 6 else 0
    if count == 0 or len(payload) < 6 + 3 * count:
        raise ScrubError("the frame header is damaged")
    components = {}
    for n in range(count):
        cid, sampling, table = payload[6 + 3 * n : 9 + 3 * n]
        h, v = sampling >> 4, sampling & 15
        if not (1 <= h <= 4 and 1 <= v <= 4) or table > 3:
            raise ScrubError("the frame header is damaged")
        components[cid] = (h, v, table)
    height, width = int.from_bytes(payload[1:3], "big"), int.from_bytes(payload[3:5], "big")
    return _Frame(marker, bytes((marker,)) + payload[: 6 + 3 * count], height, width, components)


def _ceil(a: int, b: int) -> int:
    return -(-a // b)


def _units(frame: _Frame, scan_components: list[int]) -> int:
    """How many MCUs (or blocks, for a one-component scan) the scan codes."""
    h_max = max(h for h, _, _ in frame.components.values())
    v_max = max(v for _, v, _ in frame.components.values())
    if len(scan_components) == 1:
        h, v, _ = frame.components[scan_components[0]]
        return _ceil(_ceil(frame.width * h, h_max), 8) * _ceil(_ceil(frame.height * v, v_max), 8)
    return _ceil(frame.width, 8 * h_max) * _ceil(frame.height, 8 * v_max)


def _scan_data_end(data: bytes, start: int, end: int, allowed: int | None) -> int:
    """Where the scan's data ends once restart markers beyond the `allowed` number are cut off."""
    if allowed is None:
        return end
    first = _RESTART.search(data, start, end)
    if first is None:
        return end
    if allowed == 0:
        return first.start()
    # Counted in C without listing them: a flood of markers must cost neither memory nor a Python loop.
    if sum(data.count(bytes((0xFF, marker)), start, end) for marker in range(0xD0, 0xD8)) <= allowed:
        return end
    extra = next(itertools.islice(_RESTART.finditer(data, start, end), allowed, None))
    return extra.start()


def analyse(data: bytes, segments: Sequence[Segment]) -> Picture:
    """What each picture segment is to be written as, and what each scan decodes with."""
    picture = Picture()
    frame: _Frame | None = None
    restart = b"\x00\x00"
    conditioning = b""
    current: dict[object, tuple[int, int, bytes]] = {}  # table key -> (segment, offset, table)
    latched: dict[int, tuple[int, int, bytes]] = {}  # component -> its quantisation table
    used: set[tuple[int, int]] = set()
    for index, segment in enumerate(segments):
        marker, payload = segment.marker, segment.payload
        if marker in (DQT, DHT):
            tables, tail = _tables(marker, payload)
            if tail:
                picture.note(HIDDEN_IN_HEADERS)
            for key, offset, table in tables:
                current[key] = (index, offset, table)
        elif marker in SOF:
            if frame is not None:
                raise ScrubError("holds more than one frame (a hierarchical JPEG), which this app does not clean")
            frame = _frame(marker, payload)
            _defined(picture, index, payload, frame.defined[1:])
        elif marker in (DRI, DNL):
            if len(payload) < 2:
                raise ScrubError("a restart interval or line count is damaged")
            _defined(picture, index, payload, payload[:2])
            if marker == DRI:
                restart = payload[:2]
        elif marker == DAC:
            conditioning = payload[: len(payload) // 2 * 2]
            _defined(picture, index, payload, conditioning)
        elif marker == SOS:
            if frame is None:
                raise ScrubError("a scan comes before the frame header")
            picture.scans.append(
                _scan(data, picture, index, segment, frame, restart, conditioning, current, latched, used)
            )
    for index, segment in enumerate(segments):
        if segment.marker in (DQT, DHT):
            tables, _ = _tables(segment.marker, segment.payload)
            kept = b"".join(table for _key, offset, table in tables if (index, offset) in used)
            if len(kept) < sum(len(table) for _key, _offset, table in tables):
                picture.note(UNUSED_TABLES)
            picture.written[index] = kept
    return picture


def _defined(picture: Picture, index: int, payload: bytes, defined: bytes) -> None:
    picture.written[index] = defined
    if len(payload) != len(defined):
        picture.note(HIDDEN_IN_HEADERS)


def _scan(
    data: bytes,
    picture: Picture,
    index: int,
    segment: Segment,
    frame: _Frame,
    restart: bytes,
    conditioning: bytes,
    current: dict[object, tuple[int, int, bytes]],
    latched: dict[int, tuple[int, int, bytes]],
    used: set[tuple[int, int]],
) -> Scan:
    payload = segment.payload
    count = payload[0] if payload else 0
    if count == 0 or len(payload) < 4 + 2 * count:
        raise ScrubError("a scan header is damaged")
    header = payload[: 4 + 2 * count]
    _defined(picture, index, payload, header)
    start_of_spectrum, approximation_high = header[1 + 2 * count], header[3 + 2 * count] >> 4
    components: list[int] = []
    tables: list[bytes] = []
    for n in range(count):
        cid, selectors = header[1 + 2 * n], header[2 + 2 * n]
        if cid not in frame.components:
            raise ScrubError("a scan names a component the frame does not have")
        components.append(cid)
        quantisation = current.get((DQT, 0, frame.components[cid][2]))
        if cid not in latched and quantisation is not None:
            latched[cid] = quantisation  # a decoder takes a component's table at its first scan
        if cid in latched:
            used.add(latched[cid][:2])
            tables.append(latched[cid][2])
        if frame.marker in _ARITHMETIC:
            continue
        wanted = []
        if start_of_spectrum == 0 and not (frame.marker in _PROGRESSIVE and approximation_high):
            wanted.append((DHT, 0, selectors >> 4))
        if start_of_spectrum > 0 or frame.marker not in _PROGRESSIVE:
            wanted.append((DHT, 1, selectors & 15))
        for key in wanted:
            if key in current:
                used.add(current[key][:2])
                tables.append(current[key][2])
    data_start = segment.start + 2 + 2 + len(payload)
    interval = int.from_bytes(restart, "big")
    if not interval:
        allowed: int | None = 0  # no restart interval: no restart marker belongs in the scan
    else:  # a line count given only after the scan (DNL) leaves the number of markers open
        allowed = _ceil(_units(frame, components), interval) - 1 if frame.height else None
    data_end = _scan_data_end(data, data_start, segment.end, allowed if segment.restarts else None)
    if data_end != segment.end:
        picture.note(AFTER_RESTARTS)
    state = (frame.defined, restart, conditioning, header, *tables)
    return Scan(index, header, data_start, data_end, segment.restarts, state)
