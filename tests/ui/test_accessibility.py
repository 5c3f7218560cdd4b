"""Every control reachable and named; dark mode readable; links only https, only on a click."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QComboBox,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QSpinBox,
    QTableWidget,
    QWidget,
)

from socially_aware.ui.links import open_catalog_link
from socially_aware.ui.style import apply_style
from tests.ui.conftest import WindowFactory

pytestmark = pytest.mark.gui

CONTROLS = (QAbstractButton, QLineEdit, QComboBox, QListWidget, QPlainTextEdit, QSpinBox, QTableWidget)


def _controls(root: QWidget) -> list[QWidget]:
    return [w for w in root.findChildren(QWidget) if isinstance(w, CONTROLS) and w.focusPolicy() != Qt.FocusPolicy.NoFocus
            and w.parent() is not None and type(w).__name__ not in ("QScrollBar",)]


def _name(widget: QWidget) -> str:
    return widget.accessibleName() or (widget.text().replace("&", "") if isinstance(widget, QAbstractButton) else "")


def test_every_control_has_an_accessible_name(make_window: WindowFactory) -> None:
    window = make_window()
    window.welcome.start_button.click()
    window.picker.set_selection(["alpha"], [next(iter(window.picker.surface_boxes))])
    window.picker.done_button.click()
    unnamed = [f"{type(w).__name__} in {type(w.parent()).__name__}" for w in _controls(window)
               if not _name(w) and "qt_" not in w.objectName()]
    assert unnamed == []


def test_tab_reaches_every_control_on_the_checklist_page(qtbot: Any, make_window: WindowFactory) -> None:
    window = make_window()
    window.welcome.start_button.click()
    window.picker.set_selection(["alpha"], [next(iter(window.picker.surface_boxes))])
    window.picker.done_button.click()
    window.show_section(1)
    page = window.checklists
    wanted = {page.platform_filter, page.theme_filter, page.search, page.list, page.view.link_button,
              page.view.note, page.next_button, *page.view.buttons.values(), window.navigation}
    wanted = {w for w in wanted if w.isEnabled()}
    reached: set[QWidget] = set()
    for _ in range(60):
        focus = QApplication.focusWidget()
        reached.add(focus)
        qtbot.keyClick(focus, Qt.Key.Key_Tab)
    missing = [_name(w) or type(w).__name__ for w in wanted - reached]
    assert missing == []


def _contrast(a: QColor, b: QColor) -> float:
    def luminance(c: QColor) -> float:
        def channel(v: float) -> float:
            return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4
        return 0.2126 * channel(c.redF()) + 0.7152 * channel(c.greenF()) + 0.0722 * channel(c.blueF())
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


@pytest.mark.parametrize("dark", [True, False])
def test_text_is_readable_in_dark_and_light_mode(qapp: QApplication, dark: bool) -> None:
    apply_style(qapp, dark=dark)
    palette = qapp.palette()
    pairs = [(QPalette.ColorRole.WindowText, QPalette.ColorRole.Window), (QPalette.ColorRole.Text, QPalette.ColorRole.Base),
             (QPalette.ColorRole.ButtonText, QPalette.ColorRole.Button),
             (QPalette.ColorRole.HighlightedText, QPalette.ColorRole.Highlight)]
    for fg, bg in pairs:
        assert _contrast(palette.color(fg), palette.color(bg)) >= 4.5, (fg, bg)
    assert (palette.color(QPalette.ColorRole.Window).lightness() < 128) is dark
    apply_style(qapp, dark=False)


@pytest.mark.parametrize("url", ["javascript:alert(1)", "http://www.facebook.com/settings", "file:///etc/passwd",
                                 "https://user:pw@evil.example/", "https:// spaced.example/", "data:text/html,hi", ""])
def test_links_refuse_anything_but_plain_https(url: str) -> None:
    opened: list[QUrl] = []
    assert open_catalog_link(url, opener=lambda u: opened.append(u) or True) is False
    assert opened == []


def test_https_link_is_handed_to_the_browser_unchanged() -> None:
    opened: list[QUrl] = []
    assert open_catalog_link("https://www.facebook.com/settings?tab=privacy", opener=lambda u: opened.append(u) or True)
    assert [u.toString() for u in opened] == ["https://www.facebook.com/settings?tab=privacy"]


def test_settings_link_button_opens_only_on_click(make_window: WindowFactory) -> None:
    opened: list[str] = []
    window = make_window(open_link=lambda url: opened.append(url) or True)
    window.welcome.start_button.click()
    window.picker.set_selection(["alpha"], [next(iter(window.picker.surface_boxes))])
    window.picker.done_button.click()
    window.show_section(1)
    assert opened == []
    window.checklists.view.link_button.click()
    assert opened == [window.checklists.view.item.link]
