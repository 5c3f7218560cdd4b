"""The window fits the screen it opens on (the review's 1024×640 screen hid Continue) and keeps its size."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import QPoint, QRect, QSize, Qt
from PySide6.QtWidgets import QWidget

from socially_aware.ui import window_size
from tests.ui.conftest import WindowFactory
from tests.ui.keyboard import press

pytestmark = pytest.mark.gui


def _on_screen(widget: QWidget) -> QRect:
    return QRect(widget.mapToGlobal(QPoint(0, 0)), widget.size())


def test_the_window_fits_the_screen_and_continue_can_be_seen(make_window: WindowFactory, qtbot: Any) -> None:
    window = make_window()
    available = window.screen().availableGeometry()
    assert available.width() < window_size.PREFERRED.width()  # else this test would show nothing
    assert available.contains(window.frameGeometry())
    assert window.width() <= available.width() - window_size.MARGIN
    assert window.height() <= available.height() - window_size.MARGIN
    assert (
        window.frameGeometry().center() - available.center()
    ).manhattanLength() <= 8  # centred, give or take the frame

    assert window.welcome.start_button.hasFocus()
    press(qtbot, Qt.Key.Key_Return)
    assert window.stack.currentWidget() is window.picker
    assert available.contains(_on_screen(window.picker.done_button))


def test_the_size_given_is_kept_for_the_next_start(make_window: WindowFactory) -> None:
    first = make_window()
    first.resize(730, 500)
    first.close()
    again = make_window()
    assert again.size() == QSize(730, 500)


@pytest.mark.parametrize("saved", [QSize(99_999, 99_999), QSize(-5, 300), QSize(10, 10), "not a size", 1100, [1, 2]])
def test_an_edited_settings_file_still_gives_a_window_on_screen(make_window: WindowFactory, saved: object) -> None:
    window_size._settings().setValue(window_size.SIZE_KEY, saved)
    window = make_window()
    available = window.screen().availableGeometry()
    assert available.contains(window.frameGeometry())
    assert window.width() >= window_size.MINIMUM.width() and window.height() >= window_size.MINIMUM.height()
