"""What the photo cleaner reports: the shared vocabulary of the scrubber, the CLI and the window."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum
from fnmatch import fnmatchcase
from pathlib import Path
from typing import BinaryIO


class ScrubError(Exception):
    """The only exception a format parser may raise for bad input; its message is for people."""


class BudgetError(ScrubError):
    """A file beyond one of the budgets in `limits` (size, pixels, counts): refused before any
    costly step, by inspection as well as by cleaning."""


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


def unique_entries(entries: list[MetadataEntry]) -> list[MetadataEntry]:
    """Each (name, value) once, in order: a container can state the same fact in several boxes."""
    seen: set[tuple[str, str]] = set()
    result = []
    for entry in entries:
        if (entry.name, entry.value) not in seen:
            seen.add((entry.name, entry.value))
            result.append(entry)
    return result


@dataclass(frozen=True)
class Inspection:
    path: Path
    format: str
    """The display name of a registered format (`FileFormat.name`, or "MPO"), or "" when unknown."""
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
    left_out: tuple[str, ...] = field(default=())
    """What was chosen but not taken, and why: "movie.avi: not a kind of file this cleaner handles …"."""


ProgressCallback = Callable[[int, int, CleanResult], None]
"""(done so far, total, the result just finished)"""
CancelCheck = Callable[[], bool]


Cleaner = Callable[[bytes, CleanOptions], tuple[bytes, list[str]]]
"""The cleaned file and person-readable names of what was removed; raises ScrubError."""
Reader = Callable[[BinaryIO, int], tuple[list[MetadataEntry], tuple[float, float] | None, bytes | None]]
"""What a file gives away, read from an open file of the given size: entries, GPS, thumbnail."""
StreamCleaner = Callable[[BinaryIO, int, int, CleanOptions], list[str]]
"""Clean from an open source file (of the given size) into an output file descriptor, verified;
returns what was removed (empty: nothing to remove). For files too large to hold in memory."""

COMMON_EXIFTOOL_GROUPS = frozenset({"ExifTool", "System", "File", "Composite"})
"""What `exiftool -G1` reports for any file: about the file on disk, not the people in it."""


@dataclass(frozen=True)
class FileFormat:
    """Everything about one format, declared once in its own module and listed in registry.FORMATS."""

    name: str
    """The display name, e.g. "JPEG", "HEIF", "MOV"."""
    suffixes: tuple[str, ...]
    """Lower-case file name endings with the dot; the first is the usual one."""
    mime: str
    magic: Callable[[bytes], bool]
    """Recognises the format from the first 32 bytes, never from the name."""
    lossless: bool
    """True when the container is edited and the compressed picture (or media) is copied unchanged."""
    allowlist: frozenset[str]
    """What `exiftool -a -G1` may still report after cleaning besides COMMON_EXIFTOOL_GROUPS, as
    shell-style patterns: "Group" (anything in it), "ICC*" (any group starting so), "Group:Tag*"."""
    clean: Cleaner
    verify: Callable[[bytes, bytes], None]
    """(original, cleaned): raises ScrubError unless the cleaned file holds only the allowlist and
    the same picture."""
    clean_verified: Cleaner | None = None
    """`clean` then `verify` in one pass, where a format can do that faster."""
    fallback: Cleaner | None = None
    """A last resort when the container cannot be edited: the picture is re-encoded (and verified)."""
    read: Reader | None = None
    """Inspection from the container; None: Pillow opens the file and reads its Exif, XMP, text."""
    stream_clean: StreamCleaner | None = None
    patch_in_place: Callable[[int, int, CleanOptions], list[str]] | None = None
    """(file descriptor opened for reading and writing, size, options): clean the file itself,
    verified; returns what was removed. Only for formats where every write leaves a whole file."""
    video: bool = False
    verified_whole: bool = False
    """True when `verify` walks every byte of the output and checks every structure a decoder
    reads (JPEG, PNG, WebP): a Pillow header check after it would prove nothing more, and cost
    importing Pillow into every worker. A lossless format Pillow cannot open must set it: otherwise
    its cleaned files are refused as "cannot be read as a picture"."""

    def clean_and_verify(self, data: bytes, options: CleanOptions) -> tuple[bytes, list[str]]:
        if self.clean_verified is not None:
            return self.clean_verified(data, options)
        cleaned, removed = self.clean(data, options)
        self.verify(data, cleaned)
        return cleaned, removed

    def allows(self, exiftool_key: str) -> bool:
        """Whether an `exiftool -G1` key ("Group:Tag") may remain in a cleaned file of this format."""
        group = exiftool_key.split(":", 1)[0]
        if group in COMMON_EXIFTOOL_GROUPS:
            return True
        return any(fnmatchcase(exiftool_key, entry if ":" in entry else entry + ":*") for entry in self.allowlist)


PhotoFormat = FileFormat  # the name it had before videos joined
