"""The main window's size: it fits the screen it opens on, and keeps the size the person gave it.

The size is kept with QSettings in the per-user config folder (for example `~/.config/Socially Aware/window.ini`):
two numbers about the window, nothing about the person or their progress, so it is not encrypted.
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, QSettings, QSize
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

from socially_aware import APP_NAME

PREFERRED = QSize(1100, 760)
"""The size on first start when the screen has room for it."""
MINIMUM = QSize(720, 480)
"""Below this the sections list and a page no longer fit side by side (smaller only on a smaller screen)."""
MARGIN = 48
"""Room left around the window on a screen smaller than it would like: for its frame and title bar."""
SIZE_KEY = "main-window/size"


def _settings() -> QSettings:
    return QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope, APP_NAME, "window")


def _saved_size(settings: QSettings) -> QSize | None:
    value = settings.value(SIZE_KEY)
    return value if isinstance(value, QSize) and value.isValid() else None  # anything else: the file was edited


def place(window: QWidget) -> None:
    """Size the window to the last size used, or the preferred one, within the available screen; centre it."""
    screen = window.screen() or QGuiApplication.primaryScreen()
    available = screen.availableGeometry()
    room = QSize(max(available.width() - MARGIN, 1), max(available.height() - MARGIN, 1))
    minimum = MINIMUM.boundedTo(room)
    size = (_saved_size(_settings()) or PREFERRED).boundedTo(room).expandedTo(minimum)
    window.setMinimumSize(minimum)
    window.resize(size)
    frame = QRect(QPoint(0, 0), size)
    frame.moveCenter(available.center())
    window.move(frame.topLeft())


def remember(window: QWidget) -> None:
    """Keep the window's size (its size before maximising, when maximised) for the next start."""
    size = window.normalGeometry().size() if window.isMaximized() or window.isFullScreen() else window.size()
    if size.isValid():
        settings = _settings()
        settings.setValue(SIZE_KEY, size)
        settings.sync()
