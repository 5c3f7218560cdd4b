"""Where a file dialog starts: the last folder a file was chosen from, else Downloads, else home.

Remembered for this run only (a folder name is not progress, so it is never stored).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QStandardPaths

_last: Path | None = None


def start_folder() -> str:
    """The folder the next file dialog opens in."""
    if _last is not None and _last.is_dir():
        return str(_last)
    downloads = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DownloadLocation)
    if downloads and Path(downloads).is_dir():
        return downloads
    return str(Path.home())


def remember(chosen: Path | str) -> None:
    """Start the next dialog where this file (or folder) was chosen."""
    global _last
    path = Path(chosen)
    _last = path if path.is_dir() else path.parent


def forget() -> None:
    """Back to Downloads (tests start each story from a clean slate)."""
    global _last
    _last = None
