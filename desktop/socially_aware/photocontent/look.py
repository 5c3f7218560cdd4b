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
        if index not in matched_lines and _worth_showing(line):
            box = _full_size(_widened(Box.around(list(line.corners)), BOX_MARGIN), picture)
            found.append(Shown(Kind.TEXT, box, None, line.text, *cite(reasons["text"])))
    return found


def _worth_showing(line: TextLine) -> bool:
    """Other words are listed only when read with confidence and in letters or digits: the reader's
    model also knows Chinese, and on texture it sometimes "reads" a few characters of it."""
    return line.confidence >= 0.7 and sum(c.isascii() and c.isalnum() for c in line.text) >= 2


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
    for i, first in enumerate(lines):
        for j, second in enumerate(lines):
            if i == j or not _neighbours(first, second):
                continue
            joined = f"{first.text} {second.text}"
            boundary = len(first.text)
            for match in detectors.text_matches(joined):
                if match.detector is Detector.CONTACT or not (match.start < boundary < match.end):
                    continue
                box = _full_size(_widened(_union(boxes[i], boxes[j]), BOX_MARGIN), picture)
                found.append(Shown(Kind.TEXT, box, _canonical(match.label, canonical), joined, *cite(reasons["term"])))
                matched_lines.update((i, j))
    return found


def _neighbours(first: TextLine, second: TextLine) -> bool:
    """`second` carries on where `first` ends, along the text's own direction (so turned text counts
    too), or starts the line just below it."""
    (tl1, tr1, br1, bl1), (tl2, _tr2, _br2, bl2) = first.corners[:4], second.corners[:4]
    height = max(1.0, min(_distance(tl1, bl1), _distance(tl2, bl2)))
    end_of_first = _middle(tr1, br1)
    start_of_second = _middle(tl2, bl2)
    if _distance(end_of_first, start_of_second) < 2.0 * height:
        return True
    # The next line: the second's top-left sits just under the first's bottom-left.
    return _distance(bl1, tl2) < 1.2 * height


def _distance(a: tuple[float, float], b: tuple[float, float]) -> float:
    return float(((a[0] - b[0]) ** 2 + (a[1] - b[1]) ** 2) ** 0.5)


def _middle(a: tuple[float, float], b: tuple[float, float]) -> tuple[float, float]:
    return ((a[0] + b[0]) / 2, (a[1] + b[1]) / 2)


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
