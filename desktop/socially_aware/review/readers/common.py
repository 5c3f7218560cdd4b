"""What every platform reader shares: finding files by name pattern, decoding them one by one."""

from __future__ import annotations

import re
import zipfile
import zlib
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from socially_aware.review.archive import Archive, DamagedEntry, FileTooLarge, Member
from socially_aware.review.documents import DocumentError, Skimmed, as_list, dig, number, stream_array, text
from socially_aware.review.model import FileNote, Record, RecordKind

Output = Iterator[Record | FileNote | Skimmed]
READ_ERRORS = (OSError, EOFError, zipfile.BadZipFile, zlib.error, FileTooLarge, DocumentError, ValueError)


@dataclass(frozen=True)
class PlatformReader:
    platform: str
    """Catalog platform id."""
    name: str
    claims: Callable[[Sequence[Member]], bool]
    """True when the archive's file names look like this platform's download."""
    read: Callable[[Archive, Sequence[Member]], Output]
    formats: str
    """What is read, for the "we read these platforms" message."""
    sites: tuple[str, ...] = ()
    """The platform's sites as the accounts list names them ("x.com"), each also in
    `accounts/platform_sites.py` SITES_BY_PLATFORM under this platform: an official account marked
    there covers this platform's downloads (`review/official.py`). Every reader names at least one."""
    actions: Mapping[str, str] = field(default_factory=dict, hash=False)
    """Which checklist item deletes or edits a finding, by what was found: every reader gives all of
    "profile", "content", "media", "location" and "official-email" (and "review", "media-location",
    "comment" where the platform has them). An item id of this platform's checklist, or "platform/item"
    for another's (`detect.action_for`; tests/review/test_actions_in_catalog.py checks them)."""


def matching(members: Sequence[Member], pattern: str) -> list[Member]:
    """Members whose name (in whatever folder) matches `pattern`, ignoring case."""
    regex = re.compile(pattern, re.IGNORECASE)
    return [m for m in members if regex.search(m.name)]


def documents(
    archive: Archive, members: Sequence[Member], load: Callable[[bytes], Any]
) -> Iterator[tuple[Member, Any] | FileNote]:
    for member in members:
        try:
            yield member, load(archive.read_all(member))
        except READ_ERRORS as error:
            yield read_note(member.name, error)


def streamed(
    archive: Archive,
    members: Sequence[Member],
    ytd: bool = False,
    inside: tuple[str, ...] = (),
    keys: tuple[str, ...] | None = None,
) -> Iterator[tuple[Member, int, Any] | FileNote | Skimmed]:
    """(member, index, element) for each element of each file's top-level array, read as a stream.

    With `keys` (quoted JSON keys that carry a place or position in this file), runs of elements
    whose raw text has none of them and no term or address (`archive.text_filter`) come as one
    `Skimmed(count)`; the index still counts them, so identities stay the same either way.
    """
    text_filter = archive.text_filter
    skim = None
    if keys is not None and text_filter is not None:

        def skim(raw: str) -> bool:
            return any(key in raw for key in keys) or text_filter(raw)

    for member in members:
        try:
            index = 0
            for item in stream_array(archive.chunks(member), ytd, inside, skim):
                if isinstance(item, Skimmed):
                    index += item.count
                    yield item
                    continue
                yield member, index, item
                index += 1
        except READ_ERRORS as error:
            yield read_note(member.name, error)


DAMAGE = (zipfile.BadZipFile, zlib.error, EOFError, DamagedEntry)
"""Errors that mean the bytes themselves are cut short or corrupt (not that the format is unexpected)."""


def read_note(name: str, error: BaseException) -> FileNote:
    """The note for a file that could not be read; marked damaged when the download itself is at fault."""
    return FileNote(name, _message(error), damaged=isinstance(error, DAMAGE))


def _message(error: BaseException) -> str:
    if isinstance(error, FileTooLarge | DocumentError):
        return str(error)
    if isinstance(error, DAMAGE):
        return f"is damaged in the archive ({error or type(error).__name__}); download it again"
    if isinstance(error, OSError):
        return f"could not be read: {error.strerror or error}"
    return f"could not be read ({type(error).__name__})"


def from_timestamp(value: Any) -> datetime | None:
    seconds = number(value)
    if seconds is not None and seconds > 10_000_000_000:  # milliseconds
        seconds /= 1000
    if seconds is None or not 0 < seconds < 32_503_680_000:
        return None
    return datetime.fromtimestamp(seconds, UTC)


def from_text_date(value: Any, *formats: str) -> datetime | None:
    raw = text(value).strip()
    if not raw:
        return None
    for fmt in formats:
        try:
            parsed = datetime.strptime(raw, fmt)
        except ValueError:
            continue
        return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)
    try:
        parsed = datetime.fromisoformat(raw.replace("Z", "+00:00").replace(" UTC", "+00:00"))
    except ValueError:
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def position(lat: Any, lon: Any) -> tuple[float, float] | None:
    la, lo = number(lat), number(lon)
    if la is None or lo is None or not (-90 <= la <= 90 and -180 <= lo <= 180) or (la == 0 and lo == 0):
        return None
    return round(la, 6), round(lo, 6)


def meta_media(platform: str, member: Member, identity: str, media: Any, when: datetime | None) -> Iterator[Record]:
    """Facebook and Instagram list each photo/video with its caption and the Exif the platform kept."""
    for index, item in enumerate(as_list(media)):
        if not isinstance(item, dict):
            continue
        caption = " ".join(t for t in (text(item.get("title"), True), text(item.get("description"), True)) if t)
        item_when = from_timestamp(item.get("creation_timestamp")) or when
        found = None
        for exif in as_list(dig(item, "media_metadata", "photo_metadata", "exif_data")) + as_list(
            dig(item, "media_metadata", "video_metadata", "exif_data")
        ):
            if isinstance(exif, dict) and (found := position(exif.get("latitude"), exif.get("longitude"))):
                break
        if caption or found:
            uri = text(item.get("uri"))
            yield Record(
                platform,
                member.name,
                f"{identity}/media{index}",
                RecordKind.MEDIA,
                texts=(("caption", caption),) if caption else (),
                when=item_when,
                position=found,
                position_source="photo location kept by the platform" if found else "",
                place=uri.rsplit("/", 1)[-1][:80] if found else "",
            )
