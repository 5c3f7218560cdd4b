"""What looking inside a photo found: plain values shared by the CLI, the window and the tests."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path

from socially_aware.review.model import FileNote, Finding
from socially_aware.wording import count

PhotoProgress = Callable[[int, int, float | None], None]
"""(photos looked at, photos to look at, seconds left or None while unknown)."""


class Cancelled(Exception):
    """The person cancelled while a photo was being looked at."""


class Kind(StrEnum):
    TEXT = "text"
    FACE = "face"
    CODE = "code"


@dataclass(frozen=True, order=True)
class Box:
    """A rectangle in the upright picture's pixels (as the photo is shown, after its Exif rotation)."""

    x: int
    y: int
    w: int
    h: int

    def as_list(self) -> list[int]:
        return [self.x, self.y, self.w, self.h]

    def clipped(self, width: int, height: int) -> Box:
        """The part of the box inside a picture of that size (never negative)."""
        x0, y0 = max(0, min(self.x, width)), max(0, min(self.y, height))
        x1, y1 = max(x0, min(self.x + self.w, width)), max(y0, min(self.y + self.h, height))
        return Box(x0, y0, x1 - x0, y1 - y0)

    def overlap(self, other: Box) -> float:
        """The share of this box that `other` covers (0 to 1)."""
        ix = max(0, min(self.x + self.w, other.x + other.w) - max(self.x, other.x))
        iy = max(0, min(self.y + self.h, other.y + other.h) - max(self.y, other.y))
        area = self.w * self.h
        return (ix * iy) / area if area else 0.0

    @staticmethod
    def around(points: list[tuple[float, float]]) -> Box:
        xs, ys = [p[0] for p in points], [p[1] for p in points]
        x0, y0 = int(min(xs)), int(min(ys))
        return Box(x0, y0, int(max(xs) + 0.999) - x0, int(max(ys) + 0.999) - y0)


@dataclass(frozen=True)
class Shown:
    """One thing the picture shows."""

    kind: Kind
    box: Box
    term: str | None
    """The organisation term it matches (a name, acronym, flag term or official email domain), or None."""
    text: str
    """The words read, for text; empty for faces and codes (a code's content is never read out)."""
    why: str
    """Why it matters, in plain words."""
    section: str
    """The policy section it serves (an id in the organisation profile), e.g. "photos-uniform"."""
    policy: str
    """How the policy names that section, e.g. "Instruction and Guideline, section 5 (...)"."""

    @property
    def matters(self) -> bool:
        """Text naming the organisation, a face or a code: what a cover is suggested for."""
        return self.kind is not Kind.TEXT or self.term is not None


@dataclass(frozen=True)
class Look:
    """What one photo shows, or why it could not be looked at."""

    path: Path | None
    width: int = 0
    height: int = 0
    shows: tuple[Shown, ...] = ()
    notes: tuple[str, ...] = field(default=())
    """Plain sentences about what could not be checked (a model missing, a limit reached)."""
    error: str = ""
    """Set when the photo was refused (the cleaner's message) and nothing was looked at."""

    @property
    def names_organisation(self) -> bool:
        return any(s.term for s in self.shows)

    @property
    def faces(self) -> int:
        return sum(1 for s in self.shows if s.kind is Kind.FACE)

    @property
    def codes(self) -> int:
        return sum(1 for s in self.shows if s.kind is Kind.CODE)

    def summary(self) -> str:
        """One plain line, e.g. "Shows the organisation's name (Border Force), 2 faces"."""
        if self.error:
            return f"Not looked at: {self.error}"
        parts = []
        terms = sorted({s.term for s in self.shows if s.term})
        if terms:
            parts.append(f"the organisation's name ({', '.join(terms)})")
        if self.faces:
            parts.append("1 face" if self.faces == 1 else f"{self.faces} faces")
        if self.codes:
            parts.append("1 barcode or QR code" if self.codes == 1 else f"{self.codes} barcodes or QR codes")
        return (
            ("Shows " + ", ".join(parts)) if parts else "Shows nothing that names the organisation, no faces or codes"
        )


@dataclass(frozen=True)
class Redaction:
    """A covered copy of a photo, and what reading it again found."""

    source: Path
    output: Path | None = None
    covered: tuple[Box, ...] = ()
    still_shows: tuple[Shown, ...] = ()
    """What the saved copy still shows under a cover (re-checked after saving): should be nothing."""
    recheck: Look | None = None
    error: str = ""
    notes: tuple[str, ...] = field(default=())

    @property
    def clean(self) -> bool:
        return not self.error and not self.still_shows

    def summary(self) -> str:
        """One plain sentence for the window and the terminal."""
        if self.error:
            return f"Not saved: {self.error}"
        where = self.output.name if self.output else ""
        covered = len(self.covered)
        done = f"Saved {where}: {covered} part{'s' * (covered != 1)} covered with solid black, metadata removed."
        if self.still_shows:
            return done + f" Read again, {len(self.still_shows)} covered part(s) can still be read: cover them larger."
        return done + " Read again: nothing covered can be read."


@dataclass
class PhotoReview:
    """What looking inside the photos of downloads found (the review's opt-in)."""

    findings: list[Finding] = field(default_factory=list)
    notes: list[FileNote] = field(default_factory=list)
    looked: int = 0
    total: int = 0
    not_looked: int = 0
    """Photos left out by the budget (count or time) or by Cancel."""
    cancelled: bool = False

    def summary(self) -> str:
        said = f"Looked inside {self.looked} of {count(self.total, 'photo')}: {count(len(self.findings), 'finding')}."
        if self.cancelled:
            said = "Cancelled. " + said
        return said
