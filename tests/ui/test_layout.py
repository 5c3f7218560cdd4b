"""Layout at 1920×1080: one column width for every page, centred, so nothing jumps sideways between sections."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtWidgets import QAbstractButton, QApplication, QWidget

from socially_aware.catalog.model import Surface
from socially_aware.ui.labels import readable_width
from tests.ui.conftest import WindowFactory

pytestmark = pytest.mark.gui


def _columns(page: QWidget, width: int) -> list[QWidget]:
    return [w for w in page.findChildren(QWidget) if w.isVisible() and w.maximumWidth() == width]


def test_every_page_reads_in_one_column_of_the_same_width(qtbot: Any, make_window: WindowFactory) -> None:
    window = make_window()
    window.resize(1920, 1040)
    column = readable_width(window) + 64
    window.welcome.start_button.click()
    seen: dict[str, tuple[int, int]] = {}

    def measure(name: str, page: QWidget) -> None:
        QApplication.processEvents()
        found = _columns(page, column)
        assert found, f"{name} has no page column"
        widest = max(found, key=lambda w: w.width())
        left = widest.mapTo(window, widest.rect().topLeft()).x()
        seen[name] = (widest.width(), left)

    measure("picker", window.picker)
    window.picker.set_selection(["alpha", "bravo"], [Surface.WEB])
    window.picker.done_button.click()
    for index, name in enumerate(("overview", "checklists", "photos", "accounts", "settings", "review")):
        window.show_section(index)
        if name != "photos":  # its three-column table keeps a wider column (photo_page.PAGE_CHARACTERS)
            measure(name, window.stack.currentWidget())
    window.start_session()
    measure("guided", window.guided)
    widths = {width for width, _ in seen.values()}
    assert widths == {column}, seen
    # Same place too, where the section list is beside it (first run has none; checklists has a list beside).
    lefts = {name: left for name, (_, left) in seen.items() if name not in ("picker", "checklists")}
    assert max(lefts.values()) - min(lefts.values()) <= 2, lefts


def test_no_check_box_or_button_is_cut_short_at_1024_by_640(qtbot: Any, make_window: WindowFactory) -> None:
    """At 1024×640 "Clean in place, replacing the originals" showed as "…replacing the origi" (AT-SPI walk)."""
    window = make_window()
    window.resize(976, 600)  # what a 1024×640 screen leaves inside the window manager's frame
    window.welcome.start_button.click()
    window.picker.set_selection(["alpha", "bravo"], [Surface.WEB])
    window.picker.done_button.click()
    cut = []
    for index in range(6):
        window.show_section(index)
        QApplication.processEvents()
        for control in window.stack.currentWidget().findChildren(QAbstractButton):
            if control.isVisible() and control.width() < control.sizeHint().width():
                cut.append(f"section {index}: {control.text()!r} {control.width()} < {control.sizeHint().width()}")
    assert cut == []
