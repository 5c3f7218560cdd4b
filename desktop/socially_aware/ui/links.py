"""The one way the app sends anything outside itself: a web address the person clicked,
handed to their own browser. Only https links from the catalog; nothing about the person.

When no browser takes the address (none installed, or none set as the default), the person
is shown the address, selectable, with a Copy button, rather than nothing at all.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices, QGuiApplication
from PySide6.QtWidgets import QApplication, QDialog, QDialogButtonBox, QLineEdit, QPushButton, QVBoxLayout, QWidget

from socially_aware.ui.labels import plain
from socially_aware.ui.untrusted import shown

Opener = Callable[[QUrl], bool]
_UNPARENTED: list[QDialog] = []


def open_catalog_link(url: str, opener: Opener | None = None, parent: QWidget | None = None) -> bool:
    """Open `url` in the person's browser if it is a plain https address; refuse anything else.

    If the browser can't be started, a dialog shows the address to copy; returns False then too.
    """
    parsed = QUrl(url, QUrl.ParsingMode.StrictMode)
    if (
        not parsed.isValid()
        or parsed.scheme() != "https"
        or not parsed.host()
        or parsed.userInfo()
        or any(c.isspace() for c in url)
    ):
        return False
    if (opener or QDesktopServices.openUrl)(parsed):  # looked up now, so a test can stand in for the desktop
        return True
    show_unopened_link(url, parent)
    return False


def open_local_folder(folder: Path, opener: Opener | None = None, parent: QWidget | None = None) -> bool:
    """Show `folder` in the person's file manager; without one, show its path to copy instead."""
    if (opener or QDesktopServices.openUrl)(QUrl.fromLocalFile(str(folder))):
        return True
    show_unopened_link(str(folder), parent, folder=True)
    return False


class UnopenedLinkDialog(QDialog):
    """ "Couldn't open your browser": the address, selectable, and a Copy button (plain text).
    With `folder`, the same for a folder no file manager opened: its path to copy."""

    def __init__(self, url: str, parent: QWidget | None = None, *, folder: bool = False) -> None:
        super().__init__(parent)
        self.url = url
        self.setWindowTitle("Couldn't open a file manager" if folder else "Couldn't open your web browser")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        column = QVBoxLayout(self)
        column.addWidget(
            plain(
                "No file manager opened this folder. Copy its path and open it in the file manager you use."
                if folder
                else "No web browser opened this page. Copy the address and paste it into your browser's address bar."
            )
        )
        self.address = QLineEdit(shown(url))
        self.address.setReadOnly(True)
        self.address.setAccessibleName("The folder's path" if folder else "The page's address")
        self.address.setMinimumWidth(min(max(self.address.fontMetrics().horizontalAdvance(url) + 24, 360), 720))
        self.address.setCursorPosition(0)
        column.addWidget(self.address)
        self.status = plain("", role="muted", hide_when_empty=True)
        column.addWidget(self.status)
        buttons = QDialogButtonBox()
        self._folder = folder
        self.copy_button = QPushButton("&Copy path" if folder else "&Copy address")
        self.copy_button.setAccessibleName(f"Copy the {'path' if folder else 'address'} to the clipboard")
        self.copy_button.setDefault(True)
        buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.close_button = buttons.addButton(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        self.copy_button.clicked.connect(self.copy)
        column.addWidget(buttons)
        self.copy_button.setFocus()

    def copy(self) -> None:
        QGuiApplication.clipboard().setText(self.url)
        self.address.selectAll()
        self.status.setText(
            "Copied. Paste it into your file manager's address bar."
            if self._folder
            else "Copied. Paste it into your browser's address bar."
        )


def show_unopened_link(url: str, parent: QWidget | None = None, *, folder: bool = False) -> UnopenedLinkDialog:
    """Show the address (or folder) that could not be opened, over the window the person is in."""
    dialog = UnopenedLinkDialog(url, parent or QApplication.activeWindow(), folder=folder)
    if dialog.parent() is None:  # nothing else holds it while it is open
        _UNPARENTED.append(dialog)
        dialog.finished.connect(lambda _result: _UNPARENTED.remove(dialog) if dialog in _UNPARENTED else None)
    dialog.open()
    dialog.activateWindow()
    dialog.copy_button.setFocus()
    return dialog
