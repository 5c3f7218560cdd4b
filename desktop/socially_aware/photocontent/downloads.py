"""Look inside the photos of a platform download (the review's opt-in "Look inside the photos too").

Runs after the text review, only when asked: nothing here is imported while the box is unticked. Each
photo is read from the archive within the review's budgets (one member at a time, never the whole
archive unpacked), refused for what the cleaner refuses, and looked at for the organisation's name and
faces. A photo that shows either becomes a review finding; nothing read in a picture is kept in it
beyond the finding's one sentence, and only finding ids are ever stored (the Tracker's review marks).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from pathlib import Path

from socially_aware.catalog.model import Organisation
from socially_aware.photocontent.look import look_at
from socially_aware.photocontent.model import Cancelled, Kind, Look, PhotoProgress, PhotoReview
from socially_aware.photocontent.picture import Picture, from_bytes
from socially_aware.review import limits
from socially_aware.review.archive import Archive, ArchiveError, BudgetExceeded, Member
from socially_aware.review.archive_registry import open_archive
from socially_aware.review.detect import SECTIONS, action_for
from socially_aware.review.media import is_media, is_video
from socially_aware.review.model import Detector, FileNote, Finding, RecordKind, finding_id
from socially_aware.review.readers import READERS
from socially_aware.review.readers.common import READ_ERRORS
from socially_aware.scrubber.model import ScrubError
from socially_aware.wording import count

Looker = Callable[[Picture, Callable[[], bool]], Look]


def _photos(archive: Archive) -> tuple[str, list[Member]]:
    members = archive.members()
    readers = [r for r in READERS if r.claims(members)]
    if not readers:
        return "", []
    return readers[0].platform, [m for m in members if is_media(m) and not is_video(m)]


def _finding(platform: str, member: Member, look: Look, source: str) -> Finding | None:
    terms = sorted({s.term for s in look.shows if s.term})
    faces = look.faces
    if not terms and not faces:
        return None
    parts = []
    if terms:
        parts.append(f"the organisation's name ({', '.join(terms)})")
    if faces:
        parts.append("1 face" if faces == 1 else f"{faces} faces")
    return Finding(
        id=finding_id(platform, member.name, member.name, Detector.PHOTO_SHOWS),
        detector=Detector.PHOTO_SHOWS,
        platform=platform,
        what=f"A photo shows {' and '.join(parts)}",
        section=SECTIONS[Detector.PHOTO_SHOWS],
        file=member.name,
        identity=member.name,
        kind=RecordKind.MEDIA,
        action=action_for(platform, RecordKind.MEDIA, Detector.PHOTO_SHOWS),
        source=source,
    )


def review_photos(
    paths: Sequence[Path],
    organisation: Organisation,
    progress: PhotoProgress | None = None,
    cancelled: Callable[[], bool] | None = None,
    *,
    look: Looker | None = None,
    clock: Callable[[], float] = time.monotonic,
) -> PhotoReview:
    """Look inside every photo of the downloads, up to the budget; returns findings and notes."""
    told = progress or (lambda done, total, left: None)
    stop = cancelled or (lambda: False)
    looker = look or (
        lambda picture, cancel: look_at(picture, organisation, kinds=(Kind.TEXT, Kind.FACE), cancelled=cancel)
    )
    result = PhotoReview()
    archives: list[tuple[str, Archive, str, list[Member]]] = []
    try:
        for path in paths:
            try:
                archive = open_archive(Path(path))
            except ArchiveError:
                continue  # the text review already said why
            platform, photos = _photos(archive)
            archives.append((str(path), archive, platform, photos))
            result.total += len(photos)
        started = clock()
        told(0, result.total, None)
        for label, archive, platform, photos in archives:
            for member in photos:
                if stop():
                    result.cancelled = True
                    break
                spent = clock() - started
                if result.looked >= limits.MAX_PHOTOS_LOOKED or spent >= limits.MAX_PHOTOS_SECONDS:
                    break
                _look_at_member(result, label, archive, platform, member, looker, stop)
                if result.cancelled:
                    break
                result.looked += 1
                spent = clock() - started
                left_photos = min(result.total, limits.MAX_PHOTOS_LOOKED) - result.looked
                estimate = min(spent / result.looked * left_photos, max(0.0, limits.MAX_PHOTOS_SECONDS - spent))
                told(result.looked, result.total, estimate)
            if result.cancelled:
                break
    finally:
        for _, archive, _, _ in archives:
            archive.close()
    result.not_looked = result.total - result.looked
    if result.not_looked and not result.cancelled:
        result.notes.append(
            FileNote(
                "",
                f"{count(result.not_looked, 'photo')} not looked inside: the review looks inside at most "
                f"{limits.MAX_PHOTOS_LOOKED} photos and for at most {limits.MAX_PHOTOS_SECONDS / 60:.0f} minutes.",
            )
        )
    return result


def _look_at_member(
    result: PhotoReview,
    label: str,
    archive: Archive,
    platform: str,
    member: Member,
    looker: Looker,
    stop: Callable[[], bool],
) -> None:
    try:
        picture = from_bytes(archive.read_all(member, limits.MAX_MEDIA_BYTES))
        look = looker(picture, stop)
    except Cancelled:
        result.cancelled = True
        return
    except (ScrubError, BudgetExceeded, *READ_ERRORS) as error:
        result.notes.append(FileNote(f"{label}: {member.name}", f"not looked inside: {error}"))
        return
    finding = _finding(platform, member, look, label)
    if finding is not None:
        result.findings.append(finding)
