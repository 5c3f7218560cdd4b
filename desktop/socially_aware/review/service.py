"""The posts review as one call: archives and folders in, a ranked report out. Used by the CLI and the window.

Each archive is opened in place, recognised by its file names, read by the platform readers that
claim it, and its photos and videos are checked for GPS. A bad file costs only itself: it becomes a
note and the rest is read. `cancelled` is polled between records so the window's Cancel is prompt.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace
from pathlib import Path

from socially_aware.catalog.model import Organisation
from socially_aware.review.archive import Archive, ArchiveError, BudgetExceeded, Member
from socially_aware.review.archive_registry import open_archive
from socially_aware.review.detect import Detectors, record_findings, routine_findings
from socially_aware.review.documents import Skimmed
from socially_aware.review.media import is_media, is_video, media_position
from socially_aware.review.model import FileNote, Finding, Record, RecordKind, ReviewReport
from socially_aware.review.readers import READERS
from socially_aware.review.readers.common import READ_ERRORS, PlatformReader, read_note
from socially_aware.wording import count

Progress = Callable[[int, int, int], None]
"""(files done, files in all, findings so far)"""
Cancelled = Callable[[], bool]
DOCUMENT_SUFFIXES = (".json", ".js", ".csv", ".gpx", ".tcx", ".gz")
UNREAD_SUFFIXES = (".json", ".js", ".csv", ".html", ".htm", ".txt", ".xml", ".mbox", ".ics", ".vcf")
"""Files of a recognised download that say something; one that no reader opened gets a note."""


def supported_platforms() -> str:
    return "; ".join(f"{r.name} ({r.formats})" for r in READERS)


def unrecognised_message(members: Sequence[Member]) -> str:
    kinds = Counter(m.basename.rsplit(".", 1)[-1].lower() if "." in m.basename else "(no extension)" for m in members)
    summary = ", ".join(f"{n} .{k}" if not k.startswith("(") else f"{n} {k}" for k, n in kinds.most_common(6))
    examples = ", ".join(m.name[:80] for m in members[:5])
    held = f"It holds {count(len(members), 'file')}: {summary}; for example {examples}." if members else "It is empty."
    return (
        f"This is not a data download this review recognises. {held} "
        f"The review reads these platforms' downloads: {supported_platforms()}."
    )


class _Run:
    def __init__(self, organisation: Organisation, progress: Progress | None, cancelled: Cancelled | None) -> None:
        self.detectors = Detectors(organisation)
        self.organisation = organisation
        self.progress = progress or (lambda done, total, found: None)
        self.cancelled = cancelled or (lambda: False)
        self.report = ReviewReport()
        self.seen: set[str] = set()
        self.source = ""
        self.done = self.total = 0

    def add(self, findings: Iterable[Finding]) -> None:
        for finding in findings:
            if finding.id not in self.seen:
                self.seen.add(finding.id)
                self.report.findings.append(replace(finding, source=self.source))

    def note(self, label: str, note: FileNote) -> None:
        """A note about one file of the download `label`; a damaged file also counts against the download."""
        self.report.notes.append(FileNote(f"{label}: {note.file}" if note.file else label, note.message, note.damaged))
        if note.damaged:
            unread = self.report.damaged.setdefault(label, [])
            if note.file and note.file not in unread:
                unread.append(note.file)

    def tick(self) -> None:
        self.done += 1
        self.progress(min(self.done, self.total), self.total, len(self.report.findings))

    def archive(self, path: Path) -> None:
        label = str(path)
        self.report.sources.append(label)
        self.source = label
        try:
            archive = open_archive(path)
        except ArchiveError as error:
            self.report.notes.append(FileNote(label, str(error)))
            return
        archive.text_filter = self.detectors.may_hold
        try:
            self._read(archive, label)
        except BudgetExceeded as error:
            self.report.notes.append(FileNote(label, str(error)))
        finally:
            archive.close()

    def _read(self, archive: Archive, label: str) -> None:
        members = archive.members()
        for note in archive.notes:
            self.note(label, note)
        archive.notes.clear()
        readers = [r for r in READERS if r.claims(members)]
        if not readers:
            self.report.notes.append(FileNote(label, unrecognised_message(members)))
            return
        media = [m for m in members if is_media(m)]
        self.total += len(media) + sum(m.lower.endswith(DOCUMENT_SUFFIXES) for m in members)
        self.report.files += len(members)
        for reader in readers:
            if reader.platform not in self.report.platforms:
                self.report.platforms.append(reader.platform)
            if not self._platform(archive, label, reader, members):
                return
        for member in media:
            if self.cancelled():
                self.report.cancelled = True
                return
            self._media(archive, label, readers[0].platform, member)
            self.tick()
        names = " or ".join(r.name for r in readers)
        for member in members:
            if member.lower.endswith(UNREAD_SUFFIXES) and member.ident not in archive.opened:
                self.report.notes.append(
                    FileNote(
                        f"{label}: {member.name}",
                        f"was not read: the review does not look in this kind of {names} file",
                    )
                )

    def _platform(self, archive: Archive, label: str, reader: PlatformReader, members: Sequence[Member]) -> bool:
        positioned: list[Record] = []
        current = None
        for item in reader.read(archive, members):
            if self.cancelled():
                self.report.cancelled = True
                return False
            if isinstance(item, FileNote):
                self.note(label, item)
                self.tick()
                continue
            if isinstance(item, Skimmed):
                self.report.records += item.count
                continue
            if item.file != current:
                current = item.file
                self.tick()
            self.report.records += 1
            self.add(list(record_findings(item, self.detectors)))
            if item.position is not None and item.kind is RecordKind.ACTIVITY:
                positioned.append(item)
        self.add(list(routine_findings(positioned, self.organisation)))
        return True

    def _media(self, archive: Archive, label: str, platform: str, member: Member) -> None:
        try:
            point, note = media_position(archive, member)
        except READ_ERRORS as error:
            self.note(label, read_note(member.name, error))
            return
        if note:
            self.report.notes.append(FileNote(f"{label}: {member.name}", note))
        if point is not None:
            self.report.records += 1
            video = is_video(member)
            record = Record(
                platform,
                member.name,
                member.name,
                RecordKind.MEDIA,
                position=point,
                position_source="a video location" if video else "GPS in the photo",
            )
            self.add(list(record_findings(record, self.detectors)))


def review_paths(
    paths: Sequence[Path],
    organisation: Organisation,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
) -> ReviewReport:
    run = _Run(organisation, progress, cancelled)
    for path in paths:
        if run.cancelled():
            run.report.cancelled = True
            break
        run.archive(Path(path))
    run.report.findings = run.report.sorted_findings()
    run.progress(run.total, run.total, len(run.report.findings))
    return run.report
