"""Every kind of data download the review reads, in one explicit tuple (a frozen bundle can see it).

A kind is declared once, in its own module (`KIND = ArchiveKind(...)`: its name in words, its suffixes,
how it is recognised by content, and its opener). Everything else is derived from KINDS here: which
kind opens a path, the refusal that names what the review takes, the suffixes and the window's
"Open a data download" filter. Adding a kind is one module and one line below.
"""

from __future__ import annotations

from pathlib import Path

from socially_aware.review import folder_archive, zip_archive
from socially_aware.review.archive import HEAD_BYTES, Archive, ArchiveError, ArchiveKind

KINDS: tuple[ArchiveKind, ...] = (
    zip_archive.KIND,
    folder_archive.KIND,
)

ARCHIVE_SUFFIXES: frozenset[str] = frozenset(s for kind in KINDS for s in kind.suffixes)
"""The suffixes of the kinds that are files (a folder has none)."""


def _listing(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " or " + names[-1]


def open_archive(path: Path) -> Archive:
    """The first kind that recognises `path` (by content, never by name) opens it; else ArchiveError."""
    head = b""
    if not path.is_dir():
        if not path.is_file():
            raise ArchiveError("is not a file or folder that can be read")
        try:
            with open(path, "rb") as handle:
                head = handle.read(HEAD_BYTES)
        except OSError as error:
            raise ArchiveError(f"could not be read: {error.strerror or error}") from error
    for kind in KINDS:
        if kind.recognises(path, head):
            return kind.open(path, head)
    taken = _listing([kind.name for kind in KINDS])
    raise ArchiveError(f"is not {taken} (platforms deliver their downloads as .zip)")


def dialog_filter() -> str:
    """For the window's "Open a data download": every file kind's suffixes, then all files."""
    patterns = " ".join(f"*{suffix}" for kind in KINDS for suffix in kind.suffixes)
    return f"Data downloads ({patterns});;All files (*)"
