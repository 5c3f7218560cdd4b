"""The window makes only what its first paint shows; every other page when asked for, or just after it.

Kept by what exists, not by timing (the figures are `benchmarks/startup.py`'s).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication, QCheckBox, QWidget

from socially_aware.app import build_window
from socially_aware.locations import Locations
from socially_aware.ui.accounts_page import AccountsPage
from socially_aware.ui.overview import OverviewPage
from socially_aware.ui.photo_page import PhotoCleanerPage
from socially_aware.ui.picker import PlatformPicker
from socially_aware.ui.review_page import ReviewPage
from socially_aware.ui.settings_page import SettingsPage
from socially_aware.ui.signals import emit
from socially_aware.ui.walkthrough import ChecklistPage
from socially_aware.ui.welcome import WelcomePage
from tests.progress.fakes import FixedKeySource

LATER = (PlatformPicker, ChecklistPage, PhotoCleanerPage, AccountsPage, SettingsPage, ReviewPage)


def _made(window: Any) -> set[type]:
    return {kind for kind in LATER if window.findChildren(kind)}


def test_before_the_first_paint_only_the_page_it_shows_is_made(qtbot: Any, locations: Locations) -> None:
    window = build_window(locations, FixedKeySource())
    qtbot.addWidget(window)
    assert window.findChildren(WelcomePage) and window.findChildren(OverviewPage)
    assert _made(window) == set()


def test_every_page_is_made_just_after_the_first_paint_and_the_window_stays_active(
    qtbot: Any, locations: Locations
) -> None:
    window = build_window(locations, FixedKeySource())
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(lambda: _made(window) == set(LATER))
    expected = [window.overview, window.checklists, window.photos, window.accounts, window.settings, window.review]
    assert window.pages == expected
    # A page made while the window is shown once opened a window of its own for a moment (a check box
    # shown before it had a parent), and the main window lost activation: keys went nowhere.
    qtbot.wait(100)
    assert QApplication.activeWindow() is window


def test_a_page_asked_for_before_the_paint_is_made_then_and_wired(qtbot: Any, locations: Locations) -> None:
    window = build_window(locations, FixedKeySource())
    qtbot.addWidget(window)
    settings = window.settings
    assert _made(window) == {SettingsPage}
    assert window.settings is settings  # made once
    emit(settings, "change_platforms")  # "Change platforms" in Settings opens the picker
    assert window.stack.currentWidget() is window.picker


def test_a_page_made_later_lays_out_as_one_made_before_the_window_was_shown(qtbot: Any, locations: Locations) -> None:
    """A page made after the window is shown starts at the stack's size, not a child's 100×30: the photo
    page splits its table from its earlier size, and a grab of the window while the page was hidden
    once left the table a quarter of the page wide."""
    window = build_window(locations, FixedKeySource())
    qtbot.addWidget(window)
    window.resize(1024, 640)
    window.show()
    qtbot.waitUntil(lambda: _made(window) == set(LATER))
    window.grab()  # lays out and renders what is shown; the hidden pages get their pending sizes
    window.tracker.finish_welcome()
    window.show_section(2)
    table, details = window.photos.splitter.sizes()
    assert table > details, (table, details)  # the table gets the larger share until the person drags


class _WindowsShown(QObject):
    """Every top-level widget shown while installed on the application, by class name."""

    def __init__(self) -> None:
        super().__init__()
        self.shown: list[str] = []

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Show and isinstance(watched, QWidget) and watched.isWindow():
            self.shown.append(type(watched).__name__)
        return False


def _windows_shown_while(qapp: QApplication, run: Callable[[], None]) -> list[str]:
    spy = _WindowsShown()
    qapp.installEventFilter(spy)
    try:
        run()
    finally:
        qapp.removeEventFilter(spy)
    return spy.shown


def test_no_page_flashes_as_a_window_of_its_own_while_pages_are_made(
    qtbot: Any, qapp: QApplication, locations: Locations
) -> None:
    """Stronger than the window staying active: a page (or a control on it) shown before it has a parent opens
    as its own window for a moment, even where that takes no activation (a tool tip-like flash)."""
    window = build_window(locations, FixedKeySource())
    qtbot.addWidget(window)

    def start() -> None:
        window.show()
        qtbot.waitUntil(lambda: _made(window) == set(LATER))
        for section in range(len(window.sections)):
            window.show_section(section)

    assert _windows_shown_while(qapp, start) == ["MainWindow"]


def test_the_flash_check_sees_a_control_shown_before_it_has_a_parent(qtbot: Any, qapp: QApplication) -> None:
    stray = QCheckBox("Look inside the photos too")
    qtbot.addWidget(stray)
    assert _windows_shown_while(qapp, stray.show) == ["QCheckBox"]
