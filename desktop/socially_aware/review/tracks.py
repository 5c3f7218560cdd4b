"""Where a GPX or TCX track starts and ends, read as a stream without an XML parser.

Only the first and last points matter here, so the file is scanned in chunks for trackpoint
coordinates; nothing is built from it, and entity tricks that trouble XML parsers don't apply.
Gzipped tracks (`.gpx.gz`, as Strava exports them) are inflated under the same byte budget.
"""

from __future__ import annotations

import gzip
import itertools
import re
from collections.abc import Iterable, Iterator
from typing import IO, cast

from socially_aware.review import limits
from socially_aware.review.archive import Stream

_GPX = re.compile(
    rb"<(?:\w+:)?trkpt\b[^>]*?\blat\s*=\s*[\"']([-+0-9.eE]+)[\"'][^>]*?\blon\s*=\s*[\"']([-+0-9.eE]+)[\"']"
    rb"|<(?:\w+:)?trkpt\b[^>]*?\blon\s*=\s*[\"']([-+0-9.eE]+)[\"'][^>]*?\blat\s*=\s*[\"']([-+0-9.eE]+)[\"']"
)
_TCX = re.compile(
    rb"<(?:\w+:)?LatitudeDegrees>\s*([-+0-9.eE]+)\s*</(?:\w+:)?LatitudeDegrees>\s*"
    rb"<(?:\w+:)?LongitudeDegrees>\s*([-+0-9.eE]+)\s*</(?:\w+:)?LongitudeDegrees>"
)
_OVERLAP = 4096


class TrackTooLarge(Exception):
    pass


def _point(match: re.Match[bytes]) -> tuple[float, float] | None:
    groups = match.groups()
    if len(groups) == 4:
        lat, lon = (groups[0], groups[1]) if groups[0] is not None else (groups[3], groups[2])
    else:
        lat, lon = groups
    try:
        la, lo = float(lat), float(lon)
    except (TypeError, ValueError):
        return None
    if not (-90 <= la <= 90 and -180 <= lo <= 180) or (la == 0 and lo == 0):
        return None
    return round(la, 6), round(lo, 6)


def endpoints(chunks: Iterable[bytes], tcx: bool) -> tuple[tuple[float, float] | None, tuple[float, float] | None]:
    """First and last track point in a stream of chunks."""
    pattern = _TCX if tcx else _GPX
    first = last = None
    carry = b""
    total = 0
    for chunk in itertools.chain(chunks, (b"",)):
        total += len(chunk)
        if total > limits.MAX_TRACK_BYTES:
            raise TrackTooLarge(f"is larger than this review reads ({limits.MAX_TRACK_BYTES >> 20} MB)")
        window = carry + chunk
        # A match that starts in the last _OVERLAP bytes may be cut: it is looked at again with the next chunk.
        safe = len(window) - _OVERLAP if chunk else len(window)
        scanned_to = 0
        for match in pattern.finditer(window):
            if match.start() >= safe:
                break
            point = _point(match)
            if point:
                first = first or point
                last = point
            scanned_to = match.end()
        carry = window[max(scanned_to, safe) :]
    return first, last


def gunzip_chunks(stream: Stream, size: int = 1 << 20) -> Iterator[bytes]:
    """Inflate a gzip stream in pieces; the caller's budget (endpoints) stops a bomb."""
    with gzip.GzipFile(fileobj=cast(IO[bytes], stream), mode="rb") as inflated:
        while chunk := inflated.read(size):
            yield chunk
