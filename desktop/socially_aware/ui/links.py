"""The one way the app sends anything outside itself: a web address the person clicked,
handed to their own browser. Only https links from the catalog; nothing about the person."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices

Opener = Callable[[QUrl], bool]


def open_catalog_link(url: str, opener: Opener = QDesktopServices.openUrl) -> bool:
    """Open `url` in the person's browser if it is a plain https address; refuse anything else."""
    parsed = QUrl(url, QUrl.ParsingMode.StrictMode)
    if (
        not parsed.isValid()
        or parsed.scheme() != "https"
        or not parsed.host()
        or parsed.userInfo()
        or any(c.isspace() for c in url)
    ):
        return False
    return bool(opener(parsed))
