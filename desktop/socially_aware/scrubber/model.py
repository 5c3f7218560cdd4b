"""What the photo cleaner reports: the shared vocabulary of the scrubber, the CLI and the window."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path


class ScrubError(Exception):
    """The only exception a format parser may raise for bad input; its message is for people."""


class Note(str):
    """An entry in a format's list of what it removed that is a remark for the person instead
    (e.g. the picture was already damaged); `clean_file` moves it into the result's message."""


class Group(StrEnum):
    LOCATION = "location"
    TIME = "time"
    DEVICE = "device"
    PEOPLE = "people"
    SOFTWARE = "software"
    EMBEDDED = "embedded"
    OTHER = "other"

    @property
    def label(self) -> str:
        return {
            Group.LOCATION: "Location",
            Group.TIME: "Time",
            Group.DEVICE: "Device",
            Group.PEOPLE: "People and ownership",
            Group.SOFTWARE: "Software",
            Group.EMBEDDED: "Embedded images",
            Group.OTHER: "Other",
        }[self]


@dataclass(frozen=True)
class MetadataEntry:
    group: Group
    name: str
    """A person-readable tag name, e.g. "GPS position", "Camera serial number"."""
    value: str
    """Always shown as plain text, never as rich text."""
    risky: bool


@dataclass(frozen=True)
class Inspection:
    path: Path
    format: str
    """"JPEG", "PNG", "WebP", "HEIF", "TIFF", "GIF", "AVIF", "MPO" or "" when unknown."""
    entries: tuple[MetadataEntry, ...] = ()
    gps: tuple[float, float] | None = None
    """Decimal latitude, longitude."""
    thumbnail: bytes | None = None
    """The embedded preview image as encoded bytes (usually JPEG), to show as a picture."""
    error: str | None = None

    @property
    def risky(self) -> bool:
        return any(e.risky for e in self.entries)


class Outcome(StrEnum):
    CLEANED = "cleaned"
    ALREADY_CLEAN = "already clean"
    REENCODED = "re-encoded"
    FAILED = "failed"
    UNSUPPORTED = "not supported"
    CANCELLED = "cancelled"


@dataclass(frozen=True)
class CleanResult:
    source: Path
    outcome: Outcome
    output: Path | None = None
    removed: tuple[str, ...] = ()
    """Person-readable names of what was taken out, e.g. "GPS position", "XMP"."""
    message: str = ""
    """Why it failed, or what a person should know (e.g. "pixels were re-encoded")."""


@dataclass(frozen=True)
class CleanOptions:
    output_dir: Path | None = None
    """None means the default: a sibling folder named "<folder> (cleaned)"."""
    in_place: bool = False
    """Replace the originals (atomically). The caller confirms with the person first."""
    overwrite: bool = False
    keep_both: bool = False
    """When a file of that name exists in the output folder, name the new copy "NAME (2).jpg"."""
    neutral_names: bool = False
    """Rename outputs to photo-0001.jpg … so camera names (IMG_20240101_0930) don't leak dates."""
    keep_file_dates: bool = False
    keep_orientation: bool = True
    keep_icc: bool = True


@dataclass(frozen=True)
class FolderSummary:
    total: int
    with_location: int
    with_device: int
    with_people: int
    with_thumbnail: int
    unreadable: int
    lines: tuple[str, ...] = field(default=())
    """Plain sentences, e.g. "37 of 120 photos give a location"."""


ProgressCallback = Callable[[int, int, CleanResult], None]
"""(done so far, total, the result just finished)"""
CancelCheck = Callable[[], bool]
