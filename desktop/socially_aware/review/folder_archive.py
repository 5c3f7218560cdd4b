"""An unpacked data download: a folder on this computer, walked without following links.

Declared as an archive kind in `archive_registry.py`; it never writes anything.
"""

from __future__ import annotations

import os
from pathlib import Path

from socially_aware.review import limits
from socially_aware.review.archive import Archive, ArchiveKind, Member, Stream
from socially_aware.review.model import FileNote


class FolderArchive(Archive):
    def __init__(self, root: Path) -> None:
        super().__init__(str(root))
        self.root = root

    def members(self) -> list[Member]:
        found: list[Member] = []
        for folder, dirs, files in os.walk(self.root, followlinks=False):
            dirs.sort()
            for name in sorted(files):
                path = Path(folder) / name
                rel = path.relative_to(self.root).as_posix()
                if path.is_symlink():
                    self.notes.append(FileNote(rel, "is a link to somewhere else; not followed"))
                    continue
                try:
                    size = path.stat().st_size
                except OSError as error:
                    self.notes.append(FileNote(rel, f"could not be read: {error.strerror or error}"))
                    continue
                found.append(Member(rel, size, size))
                if len(found) >= limits.MAX_MEMBERS:
                    self.notes.append(
                        FileNote(rel, f"more than {limits.MAX_MEMBERS:,} files: the rest were not looked at")
                    )
                    return found
        return found

    def _open(self, member: Member) -> Stream:
        return open(self.root / member.name, "rb")


def _open(path: Path, head: bytes) -> Archive:
    return FolderArchive(path)


KIND = ArchiveKind(name="a folder", suffixes=(), recognises=lambda path, head: path.is_dir(), open=_open)
