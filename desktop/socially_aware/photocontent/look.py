"""Look inside a photo: the organisation's name in its text, faces and codes, each with why it matters.

Text is matched by the review's own detectors (`review.detect.Detectors`), against the same
organisation profile and with the same folding, so a word the posts review flags is flagged in a
picture too, and a decoy it ignores ("Border Collie Club") is ignored here.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PIL import Image

from socially_aware.catalog.model import Organisation
from socially_aware.photocontent.engines import Engines, ModelUnavailable, TextLine, shared
from socially_aware.photocontent.limits import BOX_MARGIN, MAX_FACES, MAX_TEXT_REGIONS
from socially_aware.photocontent.model import Box, Cancelled, Kind, Look, Shown
from socially_aware.photocontent.picture import Picture, from_image, open_photo
from socially_aware.review.detect import Detectors
from socially_aware.review.folding import fold
from socially_aware.review.model import Detector
from socially_aware.scrubber.model import ScrubError

ALL_KINDS = frozenset(Kind)


@dataclass(frozen=True)
class _Reason:
    section: str
    why: str


def _reasons(organisation: Organisation) -> dict[str, _Reason]:
    org = organisation.short_name or organisation.name
    return {
        "term": _Reason(
            "photos-uniform",
            f"It names {org}: a photo showing it on a uniform, pass, vehicle or sign identifies you or the people "
            "in it as staff, and can show where you work.",
        ),
        "address": _Reason(
            "contact-details",
            "It shows an official email address or domain: work contact details don't belong on a personal account.",
        ),
        "face": _Reason(
            "photos-uniform",
            "A face: anyone who can be recognised in a photo that shows work can be identified as staff.",
        ),
        "code": _Reason(
            "private-identify",
            "A barcode or QR code, like those on passes and lanyards: it can carry a name or staff number. "
            "Its content is not read out here.",
        ),
        "text": _Reason(
            "privacy-risk",
            "Other words in the picture: check they don't say who you are, where you work or where you live.",
        ),
    }


def look_inside(
    source: Path | Image.Image,
    organisation: Organisation,
    *,
    kinds: Iterable[Kind] = ALL_KINDS,
    engines: Engines | None = None,
    detectors: Detectors | None = None,
    cancelled: Callable[[], bool] = lambda: False,
) -> Look:
    """What the photo shows. Never raises for a bad photo or a missing model: the result says so.
    Raises Cancelled when `cancelled()` turns true between steps."""
    path = source if isinstance(source, Path) else None
    try:
        picture = open_photo(source) if isinstance(source, Path) else from_image(source)
    except ScrubError as error:
        return Look(path=path, error=str(error))
    except Exception as error:  # a bug or a hostile file must cost one photo, not the batch
        return Look(path=path, error=f"cannot be read ({type(error).__name__})")
    return look_at(
        picture, organisation, path=path, kinds=kinds, engines=engines, detectors=detectors, cancelled=cancelled
    )


def look_at(
    picture: Picture,
    organisation: Organisation,
    *,
    path: Path | None = None,
    kinds: Iterable[Kind] = ALL_KINDS,
    engines: Engines | None = None,
    detectors: Detectors | None = None,
    cancelled: Callable[[], bool] = lambda: False,
) -> Look:
    engines = engines or shared()
    wanted = frozenset(kinds)
    reasons = _reasons(organisation)
    shows: list[Shown] = []
    notes: list[str] = []
    try:
        np = engines.numpy()
        cv2 = engines.cv2()
    except Exception as error:
        return Look(
            path,
            picture.width,
            picture.height,
            notes=(f"The picture libraries are not installed ({type(error).__name__}).",),
        )
    rgb = np.asarray(picture.image)
    gray = cv2.cvtColor(rgb, cv2.COLOR_RGB2GRAY)

    def cite(reason: _Reason) -> tuple[str, str, str]:
        section = organisation.section(reason.section)
        return reason.why, reason.section, (f"{section.ref}: {section.title}" if section else "")

    steps: list[tuple[Kind, Callable[[], None]]] = []

    def read_text() -> None:
        lines, limited = engines.text().read(np.ascontiguousarray(rgb[:, :, ::-1]))
        if limited:
            notes.append(f"The picture holds a great deal of text; only the first {MAX_TEXT_REGIONS} pieces were read.")
        shows.extend(_text_findings(lines, picture, organisation, detectors or Detectors(organisation), reasons, cite))

    def find_faces() -> None:
        faces, crowded = engines.faces().find(gray)
        if crowded:
            notes.append(f"More than {MAX_FACES} faces: only the largest {MAX_FACES} are shown.")
        for x, y, w, h in faces:
            box = _full_size(Box(x, y, w, h), picture)
            shows.append(Shown(Kind.FACE, box, None, "", *cite(reasons["face"])))

    def find_codes() -> None:
        for corners in engines.codes().find(gray):
            box = _full_size(_widened(Box.around(list(corners)), 0.1), picture)
            shows.append(Shown(Kind.CODE, box, None, "", *cite(reasons["code"])))

    steps = [(Kind.TEXT, read_text), (Kind.FACE, find_faces), (Kind.CODE, find_codes)]
    for kind, step in steps:
        if kind not in wanted:
            continue
        if cancelled():
            raise Cancelled
        try:
            step()
        except ModelUnavailable as error:
            notes.append(str(error))
    shows.sort(key=lambda s: (not s.matters, s.kind != Kind.TEXT, s.box.y, s.box.x))
    return Look(path, picture.width, picture.height, tuple(shows), tuple(notes))


def _text_findings(
    lines: list[TextLine],
    picture: Picture,
    organisation: Organisation,
    detectors: Detectors,
    reasons: dict[str, _Reason],
    cite: Callable[[_Reason], tuple[str, str, str]],
) -> list[Shown]:
    canonical = {
        fold(t).strip(): t
        for t in (organisation.name, *organisation.former_names, *organisation.acronyms, *organisation.flag_terms)
    }
    found: list[Shown] = []
    matched_lines: set[int] = set()
    for index, line in enumerate(lines):
        box = _full_size(_widened(Box.around(list(line.corners)), BOX_MARGIN), picture)
        for match in detectors.text_matches(line.text):
            if match.detector is Detector.CONTACT:
                term = detectors.official(match.label) or match.label
                reason = reasons["address"]
            else:
                term = _canonical(match.label, canonical)
                reason = reasons["term"]
            found.append(Shown(Kind.TEXT, box, term, line.text, *cite(reason)))
            matched_lines.add(index)
    found.extend(_split_matches(lines, picture, detectors, canonical, matched_lines, reasons, cite))
    for index, line in enumerate(lines):
        if index not in matched_lines:
            box = _full_size(_widened(Box.around(list(line.corners)), BOX_MARGIN), picture)
            found.append(Shown(Kind.TEXT, box, None, line.text, *cite(reasons["text"])))
    return found


def _split_matches(
    lines: list[TextLine],
    picture: Picture,
    detectors: Detectors,
    canonical: dict[str, str],
    matched_lines: set[int],
    reasons: dict[str, _Reason],
    cite: Callable[[_Reason], tuple[str, str, str]],
) -> list[Shown]:
    """A name the reader split over two neighbouring pieces ("BORDER" above "FORCE")."""
    found: list[Shown] = []
    boxes = [Box.around(list(line.corners)) for line in lines]
    for i, first in enumerate(boxes):
        for j, second in enumerate(boxes):
            if i == j or not _neighbours(first, second):
                continue
            joined = f"{lines[i].text} {lines[j].text}"
            boundary = len(lines[i].text)
            for match in detectors.text_matches(joined):
                if match.detector is Detector.CONTACT or not (match.start < boundary < match.end):
                    continue
                union = _union(first, second)
                box = _full_size(_widened(union, BOX_MARGIN), picture)
                found.append(Shown(Kind.TEXT, box, _canonical(match.label, canonical), joined, *cite(reasons["term"])))
                matched_lines.update((i, j))
    return found


def _neighbours(first: Box, second: Box) -> bool:
    """`second` follows `first` on the same line, or starts the line just below it."""
    height = max(1, min(first.h, second.h))
    same_line = abs(first.y - second.y) < height * 0.6 and 0 <= second.x - (first.x + first.w) < height * 2
    next_line = 0 <= second.y - (first.y + first.h) < height * 0.8 and abs(first.x - second.x) < max(first.w, second.w)
    return same_line or next_line


def _canonical(label: str, canonical: dict[str, str]) -> str:
    """The profile's spelling of a matched term; the review's matcher also matches "BORDERFORCE" or
    "#BorderForce", so spaces and a leading # are ignored when looking it up."""
    folded = "".join(fold(label).lstrip("#").split())
    return next((term for key, term in canonical.items() if "".join(key.split()) == folded), label)


def _union(a: Box, b: Box) -> Box:
    x0, y0 = min(a.x, b.x), min(a.y, b.y)
    return Box(x0, y0, max(a.x + a.w, b.x + b.w) - x0, max(a.y + a.h, b.y + b.h) - y0)


def _widened(box: Box, fraction: float) -> Box:
    pad = max(2, round(min(box.w, box.h) * fraction))
    return Box(box.x - pad, box.y - pad, box.w + 2 * pad, box.h + 2 * pad)


def _full_size(box: Box, picture: Picture) -> Box:
    s = picture.scale
    scaled = Box(int(box.x * s), int(box.y * s), int(box.w * s + 0.999), int(box.h * s + 0.999))
    return scaled.clipped(picture.width, picture.height)


def as_json(look: Look) -> list[dict[str, Any]]:
    """The `shows` list of `inspect --shows --json`."""
    return [
        {
            "kind": s.kind.value,
            "box": s.box.as_list(),
            "term": s.term,
            "text": s.text if s.kind is Kind.TEXT else None,
            "why": s.why,
            "policy": s.policy,
        }
        for s in look.shows
    ]
