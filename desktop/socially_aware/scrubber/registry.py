"""Every format the cleaner knows, in one explicit tuple (a frozen bundle can see it).

A format is declared once, in its own module (`FORMAT = FileFormat(...)`, `model.py`: display name,
suffixes, MIME type, magic, lossless or not, allowlist, its cleaner and its verifier). Everything else
is derived from FORMATS here: the suffixes the batch looks for, sniffing, the window's file-dialog
filters and hint. Adding a format is one module and its entry below (and its name in the import);
tests/scrubber/test_registry.py fails for a module declaring a FileFormat that is not in FORMATS, and
tests/scrubber/test_formats.py until the format has a dirty sample.

No format module imports Pillow at import time, so this module stays cheap to import.
"""

from __future__ import annotations

from socially_aware.scrubber import gif, heif, jpeg, png, tiff, video, webp
from socially_aware.scrubber.model import FileFormat

FORMATS: tuple[FileFormat, ...] = (
    # JPEG, PNG and WebP stay first: the fuzzers and hostile-input tests take FORMATS[:3].
    jpeg.FORMAT,
    png.FORMAT,
    webp.FORMAT,
    heif.HEIF,
    heif.AVIF,
    tiff.FORMAT,
    gif.FORMAT,
    video.MP4,
    video.MOV,
    video.THREE_GP,
)

SUPPORTED_SUFFIXES: frozenset[str] = frozenset(s for f in FORMATS for s in f.suffixes)


def supported_formats(*, videos: bool = True) -> tuple[FileFormat, ...]:
    return FORMATS if videos else tuple(f for f in FORMATS if not f.video)


def sniff(head: bytes) -> FileFormat | None:
    """The format by its first bytes (at least 32 when the file has them), never by its name."""
    return next((f for f in FORMATS if f.magic(head)), None)


def by_name(name: str) -> FileFormat:
    return next(f for f in FORMATS if f.name == name)


def _patterns(formats: tuple[FileFormat, ...]) -> str:
    return " ".join(f"*{suffix}" for f in formats for suffix in f.suffixes)


def file_dialog_filter() -> str:
    """For QFileDialog: everything the cleaner takes, then photos, then videos, then all files."""
    photos = supported_formats(videos=False)
    videos = tuple(f for f in FORMATS if f.video)
    return ";;".join(
        (
            f"Photos and videos ({_patterns(FORMATS)})",
            f"Photos ({_patterns(photos)})",
            f"Videos ({_patterns(videos)})",
            "All files (*)",
        )
    )


VIDEO_SUFFIXES: frozenset[str] = frozenset(s for f in FORMATS if f.video for s in f.suffixes)
"""The suffixes of the video formats (the review's search for positions in videos uses them too)."""
PHOTO_SUFFIXES: frozenset[str] = frozenset(s for f in supported_formats(videos=False) for s in f.suffixes)
"""The suffixes of the photo formats (no videos): what the review page's photo check takes."""


def photo_dialog_filter() -> str:
    """For QFileDialog, photos only (the review page's "Check a photo"), then all files."""
    return f"Photos ({_patterns(supported_formats(videos=False))});;All files (*)"


def _listing(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def hint() -> str:
    """One plain sentence for the drop area, e.g. "Photos: JPEG, PNG … Videos: MP4, MOV and 3GP."."""
    photos = [f.name for f in FORMATS if not f.video]
    videos = [f.name for f in FORMATS if f.video]
    return f"Photos: {_listing(photos)}. Videos: {_listing(videos)}."
