"""GPS carried by the photos and videos inside a download.

Photos go through the photo cleaner's own inspection (`scrubber.metadata.read`), fed from memory:
for a JPEG only the start of the file, where its Exif lives, is read. Videos are searched for the
ISO 6709 position that phones write (`©xyz`, or Apple's `…location.ISO6709` key).
"""

from __future__ import annotations

import re
import warnings

from socially_aware.review import limits
from socially_aware.review.archive import Archive, Member
from socially_aware.scrubber import metadata, reencode
from socially_aware.scrubber.registry import SUPPORTED_SUFFIXES, VIDEO_SUFFIXES

_ISO6709 = re.compile(rb"([+-]\d{1,2}\.\d{2,})([+-]\d{1,3}\.\d{2,})(?:[+-]\d+(?:\.\d+)?)?/")


def is_media(member: Member) -> bool:
    suffix = "." + member.lower.rsplit(".", 1)[-1] if "." in member.basename else ""
    return suffix in SUPPORTED_SUFFIXES


def is_video(member: Member) -> bool:
    return "." + member.lower.rsplit(".", 1)[-1] in VIDEO_SUFFIXES


def media_position(archive: Archive, member: Member) -> tuple[tuple[float, float] | None, str]:
    """(latitude, longitude) or None, and a note when only part of the file could be checked."""
    head = archive.read_head(member, limits.MEDIA_HEAD_BYTES)
    data, note = head, ""
    if not head.startswith(b"\xff\xd8") and member.size > len(head):
        if member.size <= limits.MAX_MEDIA_BYTES:
            data = archive.read_all(member, limits.MAX_MEDIA_BYTES)
        else:
            note = f"only the first {limits.MEDIA_HEAD_BYTES >> 10} KB of this large file were checked for a location"
    if is_video(member):
        return video_position(data), note
    return photo_position(data), note


def photo_position(data: bytes) -> tuple[float, float] | None:
    try:
        image = reencode.open_image(data)
    except Exception:  # the photo cleaner's own reader: unreadable photos carry nothing we can report
        return None
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            _, gps, _ = metadata.read(image)
    except Exception:  # damaged tags: same as above
        return None
    finally:
        image.close()
    return gps


def video_position(data: bytes) -> tuple[float, float] | None:
    if b"\xa9xyz" not in data and b"ISO6709" not in data:
        return None
    for match in _ISO6709.finditer(data):
        try:
            lat, lon = float(match.group(1)), float(match.group(2))
        except ValueError:
            continue
        if -90 <= lat <= 90 and -180 <= lon <= 180 and (lat, lon) != (0.0, 0.0):
            return round(lat, 6), round(lon, 6)
    return None
