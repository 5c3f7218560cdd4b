"""What the posts review reads and reports: records from readers, findings from detectors.

Plain frozen values shared by the readers, the detectors, the CLI and the window. Nothing here is
ever written to the progress store except `Finding.id`.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import datetime
from enum import IntEnum, StrEnum


class RecordKind(StrEnum):
    POST = "post"
    COMMENT = "comment"
    PROFILE = "profile field"
    ACCOUNT = "account"
    MEDIA = "photo or video"
    ACTIVITY = "activity"
    REACTION = "like, follow or membership"
    PLACE_VISIT = "place visited"
    REVIEW = "review"


@dataclass(frozen=True)
class Record:
    """One post, comment, profile field, account, media file or activity, as a reader found it."""

    platform: str
    """Catalog platform id ("facebook", "x", …)."""
    file: str
    """The file inside the archive (or the unpacked folder) it came from."""
    identity: str
    """What names it within that file: a post id, a timestamp, a row number."""
    kind: RecordKind
    texts: tuple[tuple[str, str], ...] = ()
    """(field label, text) pairs the detectors read, e.g. ("post", "…"), ("bio", "…")."""
    when: datetime | None = None
    url: str | None = None
    position: tuple[float, float] | None = None
    position_source: str = ""
    """How the position is known: "check-in", "geotag", "photo GPS", "activity start", …"""
    place: str = ""
    """A place name (and address) the platform attached to a check-in or tag, with or without a position."""
    emails: tuple[str, ...] = ()
    """Addresses the account is registered with (account records only)."""


@dataclass(frozen=True)
class FileNote:
    """Something about one file the person should know: unreadable, skipped, not supported."""

    file: str
    message: str
    damaged: bool = False
    """The file (or the archive's end) is cut short or corrupt: the download looks incomplete."""


class Detector(StrEnum):
    OFFICIAL_EMAIL = "official-email"
    EMPLOYER = "employer"
    CONTACT = "contact"
    WORK_SITE = "work-site"
    ROUTINE = "repeated-place"
    LOCATION = "location"
    PLACE = "place-tag"
    PHOTO_SHOWS = "photo-shows"
    """A photo in the download shows the organisation's name or a face (opt-in, issue 17)."""


class Rank(IntEnum):
    """Lower comes first: employer and official email, then precise locations, then the rest."""

    OFFICIAL_EMAIL = 0
    EMPLOYER = 1
    WORK_SITE = 2
    ROUTINE = 3
    LOCATION = 4
    PLACE = 5


RANKS = {
    Detector.OFFICIAL_EMAIL: Rank.OFFICIAL_EMAIL,
    Detector.EMPLOYER: Rank.EMPLOYER,
    Detector.CONTACT: Rank.EMPLOYER,
    Detector.WORK_SITE: Rank.WORK_SITE,
    Detector.ROUTINE: Rank.ROUTINE,
    Detector.LOCATION: Rank.LOCATION,
    Detector.PLACE: Rank.PLACE,
    Detector.PHOTO_SHOWS: Rank.WORK_SITE,
}


@dataclass(frozen=True)
class Excerpt:
    """A short piece of the text with the match between `before` and `after`; shown as plain text only."""

    before: str
    match: str
    after: str
    field: str = ""

    def marked(self, left: str = "»", right: str = "«") -> str:
        return f"{self.before}{left}{self.match}{right}{self.after}"


@dataclass(frozen=True)
class Finding:
    id: str
    detector: Detector
    platform: str
    what: str
    """One sentence: what was found."""
    section: str
    """Policy section id from the organisation profile: why it matters."""
    file: str
    identity: str
    kind: RecordKind
    action: str
    """Checklist item key ("facebook/remove-locations") whose steps delete or edit it."""
    when: datetime | None = None
    url: str | None = None
    excerpt: Excerpt | None = None
    position: tuple[float, float] | None = None
    """Shown to the person, never stored."""
    place_words: str = ""
    """Where a location finding is, in words ("2.8 km from Sydney Airport"); shown, never stored."""
    source: str = ""
    """The download (archive or folder, as given) it was found in; shown, never stored."""

    @property
    def rank(self) -> Rank:
        return RANKS[self.detector]


def finding_id(platform: str, file: str, identity: str, detector: Detector | str) -> str:
    """Stable across re-reads of the same download: the only thing about a finding that is ever stored."""
    raw = "\x00".join((platform, file, identity, str(detector))).encode("utf-8", "surrogatepass")
    return hashlib.sha256(raw).hexdigest()[:20]


@dataclass
class ReviewReport:
    sources: list[str] = field(default_factory=list)
    """The archives and folders read, as given."""
    platforms: list[str] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    notes: list[FileNote] = field(default_factory=list)
    records: int = 0
    files: int = 0
    cancelled: bool = False
    damaged: dict[str, list[str]] = field(default_factory=dict)
    """Downloads that look incomplete or damaged -> the files in them that could not be read (may be empty)."""

    def sorted_findings(self) -> list[Finding]:
        """Grouped by platform (in the order read), ranked within each platform, then by date."""
        order = {p: i for i, p in enumerate(self.platforms)}
        return sorted(
            self.findings,
            key=lambda f: (order.get(f.platform, len(order)), f.rank, f.when.timestamp() if f.when else 0.0, f.id),
        )
