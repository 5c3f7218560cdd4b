"""The one start-folder policy of every file dialog: the folder the person last chose a file or folder in
(anywhere in the app, this run), else the standard folder for what is being chosen (Pictures for photos,
Downloads for data downloads and exports), else home.

Remembered for this run only (a folder name is not progress, so it is never stored).
"""

from __future__ import annotations

from enum import Enum
from pathlib import Path

from PySide6.QtCore import QStandardPaths


class Start(Enum):
    """What the dialog chooses, which decides the standard folder it starts in the first time."""

    DOWNLOADS = QStandardPaths.StandardLocation.DownloadLocation
    PICTURES = QStandardPaths.StandardLocation.PicturesLocation


_last: Path | None = None


def start_folder(kind: Start = Start.DOWNLOADS) -> str:
    """The folder the next file dialog opens in."""
    if _last is not None and _last.is_dir():
        return str(_last)
    standard = QStandardPaths.writableLocation(kind.value)
    if standard and Path(standard).is_dir():
        return standard
    return str(Path.home())


def remember(chosen: Path | str) -> None:
    """Start the next dialog where this file (or folder) was chosen."""
    global _last
    path = Path(chosen)
    _last = path if path.is_dir() else path.parent


def forget() -> None:
    """Back to the standard folders (tests start each story from a clean slate)."""
    global _last
    _last = None
