"""ui/links.py, the one place links open: refused addresses never reach the desktop; an address the desktop
can't open is shown, selectable, with a Copy button."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QLabel

from socially_aware.ui.links import UnopenedLinkDialog, open_catalog_link

pytestmark = pytest.mark.gui


def _open_dialogs() -> list[UnopenedLinkDialog]:
    return [w for w in QApplication.topLevelWidgets() if isinstance(w, UnopenedLinkDialog) and w.isVisible()]


@pytest.mark.parametrize(
    "url",
    [
        "http://example.com/",
        "file:///etc/passwd",
        "https://user:pw@example.com/",
        "javascript:alert(1)",
        "https://exa mple.com/",
    ],
)
def test_refused_addresses_reach_neither_the_desktop_nor_a_dialog(qtbot: Any, url: str) -> None:
    asked: list[QUrl] = []
    assert open_catalog_link(url, opener=lambda u: asked.append(u) or True) is False
    assert asked == [] and _open_dialogs() == []


def test_an_address_that_opens_shows_no_dialog(qtbot: Any) -> None:
    assert open_catalog_link("https://www.linkedin.com/help/linkedin/answer/a1338205", opener=lambda u: True) is True
    assert _open_dialogs() == []


def test_an_address_that_cannot_open_is_shown_to_copy(qtbot: Any) -> None:
    url = "https://support.mozilla.org/kb/export-login-data-firefox?a=1&b=%3Cb%3Ebold%3C/b%3E"
    assert open_catalog_link(url, opener=lambda u: False) is False
    (dialog,) = _open_dialogs()
    qtbot.addWidget(dialog)
    assert dialog.address.text() == url
    assert all(label.textFormat() is Qt.TextFormat.PlainText for label in dialog.findChildren(QLabel))
    qtbot.keyClick(dialog.copy_button, Qt.Key.Key_Return)
    assert QGuiApplication.clipboard().text() == url
    dialog.close()
