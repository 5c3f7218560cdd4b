"""Every control reachable and named; dark mode readable; links only https, only on a click."""

from __future__ import annotations

import sys
from collections import Counter
from typing import Any

import pytest
from PySide6.QtCore import QPoint, QRect, Qt, QUrl
from PySide6.QtGui import QColor, QImage, QPalette
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QComboBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QProgressBar,
    QSpinBox,
    QTableWidget,
    QWidget,
)

from socially_aware.catalog.model import Surface
from socially_aware.progress.model import ItemState
from socially_aware.ui.labels import readable_width
from socially_aware.ui.links import open_catalog_link
from socially_aware.ui.main_window import MainWindow
from socially_aware.ui.style import apply_style
from tests.ui.conftest import WindowFactory

pytestmark = pytest.mark.gui

CONTROLS = (QAbstractButton, QLineEdit, QComboBox, QListWidget, QPlainTextEdit, QSpinBox, QTableWidget)


def _controls(root: QWidget) -> list[QWidget]:
    return [
        w
        for w in root.findChildren(QWidget)
        if isinstance(w, CONTROLS)
        and w.focusPolicy() != Qt.FocusPolicy.NoFocus
        and w.parent() is not None
        and type(w).__name__ not in ("QScrollBar",)
    ]


def _name(widget: QWidget) -> str:
    return widget.accessibleName() or (widget.text().replace("&", "") if isinstance(widget, QAbstractButton) else "")


def test_every_control_has_an_accessible_name(make_window: WindowFactory) -> None:
    window = make_window()
    window.welcome.start_button.click()
    window.picker.set_selection(["alpha"], [next(iter(window.picker.surface_boxes))])
    window.picker.done_button.click()
    unnamed = [
        f"{type(w).__name__} in {type(w.parent()).__name__}"
        for w in _controls(window)
        if not _name(w) and "qt_" not in w.objectName()
    ]
    assert unnamed == []


def test_tab_reaches_every_control_on_the_checklist_page(qtbot: Any, make_window: WindowFactory) -> None:
    window = make_window()
    window.welcome.start_button.click()
    window.picker.set_selection(["alpha"], [next(iter(window.picker.surface_boxes))])
    window.picker.done_button.click()
    window.show_section(1)
    page = window.checklists
    wanted = {
        page.platform_filter,
        page.theme_filter,
        page.search,
        page.list,
        page.view.link_button,
        page.view.note,
        page.next_button,
        *page.view.buttons.values(),
        window.navigation,
    }
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
    pairs = [
        (QPalette.ColorRole.WindowText, QPalette.ColorRole.Window),
        (QPalette.ColorRole.Text, QPalette.ColorRole.Base),
        (QPalette.ColorRole.ButtonText, QPalette.ColorRole.Button),
        (QPalette.ColorRole.HighlightedText, QPalette.ColorRole.Highlight),
    ]
    for fg, bg in pairs:
        assert _contrast(palette.color(fg), palette.color(bg)) >= 4.5, (fg, bg)
    assert (palette.color(QPalette.ColorRole.Window).lightness() < 128) is dark
    apply_style(qapp, dark=False)


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        "http://www.facebook.com/settings",
        "file:///etc/passwd",
        "https://user:pw@evil.example/",
        "https:// spaced.example/",
        "data:text/html,hi",
        "",
    ],
)
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


# -- what a person sees: contrast, focus and line length measured on the rendered window -------------


def _luminance(rgb: tuple[int, int, int]) -> float:
    def channel(v: int) -> float:
        x = v / 255
        return x / 12.92 if x <= 0.03928 else ((x + 0.055) / 1.055) ** 2.4

    r, g, b = rgb
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def _ratio(a: tuple[int, int, int], b: tuple[int, int, int]) -> float:
    high, low = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


_ONE_WORD_A_PIXEL = (QImage.Format.Format_RGB32, QImage.Format.Format_ARGB32, QImage.Format.Format_ARGB32_Premultiplied)
# Where red, green and blue sit in a pixel's 32-bit word (0xAARRGGBB) as laid out in memory.
_RED, _GREEN, _BLUE = (2, 1, 0) if sys.byteorder == "little" else (1, 2, 3)


def _pixels(image: QImage, rect: QRect) -> list[tuple[int, int, int]]:
    """Each pixel's red, green and blue, as `image.pixel(x, y)` gives them, row by row.

    Read from the image's memory a row at a time: asking Qt pixel by pixel was a tenth of the UI tests' CPU."""
    rect = rect.intersected(image.rect())
    if image.format() not in _ONE_WORD_A_PIXEL:
        image = image.convertToFormat(QImage.Format.Format_ARGB32)
    bits, stride = memoryview(image.constBits()), image.bytesPerLine()
    pixels: list[tuple[int, int, int]] = []
    for y in range(rect.top(), rect.bottom() + 1):
        row = bytes(bits[y * stride + 4 * rect.left() : y * stride + 4 * (rect.right() + 1)])
        pixels.extend(zip(row[_RED::4], row[_GREEN::4], row[_BLUE::4], strict=True))
    return pixels


def _text_contrast(image: QImage, rect: QRect) -> float | None:
    """The most common colour is the background; the text is the pixel that stands out most from it.
    Anti-aliasing only lowers that figure, so a pass here is a pass on screen."""
    pixels = _pixels(image, rect)
    if not pixels:
        return None
    counts = Counter(pixels)
    background = counts.most_common(1)[0][0]
    return max(_ratio(p, background) for p in counts)


def _visible_text(page: QWidget) -> list[QWidget]:
    texts: list[QWidget] = []
    for widget in page.findChildren(QWidget):
        if not widget.isVisible() or widget.width() < 4:
            continue
        has_text = isinstance(widget, QLabel | QAbstractButton) and bool(widget.text().strip())
        enabled = widget.isEnabled() or isinstance(widget, QLabel)  # disabled controls are exempt
        if (has_text and enabled) or (isinstance(widget, QProgressBar) and widget.isTextVisible()):
            texts.append(widget)
    return texts


def _screens(window: MainWindow) -> list[tuple[str, QWidget]]:
    """Every page a person meets in a first run and a session, with a full and an empty bar on Overview."""
    shown: list[tuple[str, QWidget]] = []
    shown.append(("welcome", window.welcome))
    window.welcome.start_button.click()
    shown.append(("picker", window.picker))
    window.picker.set_selection(["alpha", "bravo"], [Surface.WEB])
    window.picker.done_button.click()
    for item in window.tracker.catalog.platform("alpha").items:
        window.tracker.mark(item, ItemState.DONE)
    window.show_section(0)
    shown.append(("overview", window.overview))
    window.start_session()
    shown.append(("guided item", window.guided))
    window.show_section(1)
    shown.append(("checklist", window.checklists))
    window.show_section(4)
    shown.append(("settings", window.settings))
    window.start_session()
    window.guided.skip_button.click()
    window.guided.skip_button.click()
    shown.append(("finish", window.finish))
    return shown


@pytest.mark.parametrize("dark", [False, True], ids=["light", "dark"])
def test_all_text_reads_at_4_5_to_1_as_rendered(qapp: QApplication, make_window: WindowFactory, dark: bool) -> None:
    window = make_window()
    apply_style(qapp, dark=dark)
    window.resize(1280, 900)
    failures = []
    checked = 0
    screens = _screens(window)
    for name, page in screens:
        window.stack.setCurrentWidget(page)
        if page is window.finish:
            window._session_finished()
        QApplication.processEvents()
        image = window.grab().toImage()
        areas = [
            (QRect(w.mapTo(window, QPoint(0, 0)), w.size()), w.text() if hasattr(w, "text") else "bar")
            for w in _visible_text(page)
        ]
        for listing in (w for w in [*page.findChildren(QListWidget), window.navigation] if w.isVisible()):
            for row in range(listing.count()):  # list rows, the selected one included
                rect = listing.visualItemRect(listing.item(row)).intersected(listing.viewport().rect())
                if not rect.isEmpty():
                    areas.append(
                        (QRect(listing.viewport().mapTo(window, rect.topLeft()), rect.size()), listing.item(row).text())
                    )
        for rect, text in areas:
            contrast = _text_contrast(image, rect)
            if contrast is None:
                continue
            checked += 1
            if contrast < 4.5:
                failures.append(f"{name}: {text[:40]!r} {contrast:.2f}:1")
    apply_style(qapp, dark=False)
    assert checked > 60
    assert failures == []


def test_secondary_text_and_bar_fill_meet_contrast_in_both_palettes() -> None:
    from socially_aware.ui.style import DARK, LIGHT

    def rgb(colour: str) -> tuple[int, int, int]:
        return QColor(colour).getRgb()[:3]

    for c in (LIGHT, DARK):
        for background in (c.window, c.base, c.alternate):
            assert _ratio(rgb(c.muted), rgb(background)) >= 4.5, (c.muted, background)
            assert _ratio(rgb(c.text), rgb(background)) >= 4.5
        assert _ratio(rgb(c.text), rgb(c.bar)) >= 4.5  # "1 of 1" on a full bar
        assert _ratio(rgb(c.bar), rgb(c.base)) >= 3  # the fill can be told from the empty part
        assert _ratio(rgb(c.on_accent), rgb(c.accent)) >= 4.5
        assert _ratio(rgb(c.ring), rgb(c.window)) >= 3 and _ratio(rgb(c.ring), rgb(c.accent)) >= 3
        assert _ratio(rgb(c.border), rgb(c.window)) >= 3  # check boxes and fields can be found


def _ring_gained(window: MainWindow, control: QWidget, rect: QRect, ring: tuple[int, ...]) -> tuple[int, int]:
    """Pixels of the ring colour inside `rect` (window coordinates) with focus elsewhere, then on `control`."""
    window.navigation.setFocus()
    QApplication.processEvents()
    before = _pixels(window.grab().toImage(), rect).count(ring)
    control.setFocus(Qt.FocusReason.TabFocusReason)
    QApplication.processEvents()
    return before, _pixels(window.grab().toImage(), rect).count(ring)


def _rect_of(window: QWidget, control: QWidget) -> QRect:
    return QRect(control.mapTo(window, QPoint(0, 0)), control.size())


@pytest.mark.parametrize("dark", [False, True], ids=["light", "dark"])
def test_focus_shows_a_ring_on_every_kind_of_control(
    qapp: QApplication, make_window: WindowFactory, dark: bool
) -> None:
    from socially_aware.ui.style import colours

    window = make_window()
    apply_style(qapp, dark=dark)
    ring = QColor(colours(dark).ring).getRgb()[:3]
    window.welcome.start_button.click()
    controls: list[QWidget] = [window.picker.boxes["alpha"], window.picker.search]
    window.picker.set_selection(["alpha"], [Surface.WEB])
    controls.append(window.picker.done_button)  # primary (filled) button
    missing = []
    for control in controls:
        before, after = _ring_gained(window, control, _rect_of(window, control).adjusted(-2, -2, 2, 2), ring)
        if after - before < control.width():  # at least a ring's worth of pixels in the ring colour
            missing.append(f"{type(control).__name__} {_name(control)!r}: {before} -> {after}")
    window.picker.done_button.click()
    window.start_session()
    for control in (window.guided.done_button, window.guided.skip_button, window.guided.details.why_toggle):
        before, after = _ring_gained(window, control, _rect_of(window, control), ring)
        if after - before < control.width():
            missing.append(f"{type(control).__name__} {_name(control)!r}: {before} -> {after}")
    apply_style(qapp, dark=False)
    assert missing == []


@pytest.mark.parametrize("dark", [False, True], ids=["light", "dark"])
def test_focus_shows_a_ring_on_the_lists_import_leads_to(
    qapp: QApplication, make_window: WindowFactory, dark: bool
) -> None:
    """After an import focus goes to the table of sites found (or photos added), but a focused table was drawn
    like an unfocused one in both themes: the keyboard had gone somewhere nobody could see (real app, dark)."""
    from socially_aware.ui.style import colours

    window = make_window()
    apply_style(qapp, dark=dark)
    ring = QColor(colours(dark).ring).getRgb()[:3]
    window.welcome.start_button.click()
    window.picker.set_selection(["alpha"], [Surface.WEB])
    window.picker.done_button.click()
    missing = []
    for section, view in ((2, window.photos.table), (3, window.accounts.table), (5, window.review.tree)):
        window.show_section(section)
        before, after = _ring_gained(window, view, _rect_of(window, view), ring)
        if after - before < 2 * (view.width() + view.height()):  # a ring all round
            missing.append(f"{type(view).__name__} {_name(view)!r}: {before} -> {after}")
    apply_style(qapp, dark=False)
    assert missing == []


@pytest.mark.parametrize("dark", [False, True], ids=["light", "dark"])
def test_focus_shows_a_ring_on_drop_downs_and_number_boxes(
    qapp: QApplication, make_window: WindowFactory, dark: bool
) -> None:
    """A focused drop-down looked exactly like an unfocused one in both themes (Settings' Colours, the
    checklist filters), and a number box only a 1 px tint: Tab seemed to skip them."""
    from socially_aware.ui.style import colours

    window = make_window()
    apply_style(qapp, dark=dark)
    ring = QColor(colours(dark).ring).getRgb()[:3]
    window.welcome.start_button.click()
    window.picker.set_selection(["alpha"], [Surface.WEB])
    window.picker.done_button.click()
    missing = []
    for section, control in (
        (4, window.settings.appearance),
        (4, window.settings.review_platform),
        (4, window.settings.review_months),
        (1, window.checklists.platform_filter),
    ):
        window.show_section(section)
        before, after = _ring_gained(window, control, _rect_of(window, control), ring)
        if after - before < 2 * control.width():  # at least a ring's worth of pixels in the ring colour
            missing.append(f"{type(control).__name__} {_name(control)!r}: {before} -> {after}")
    apply_style(qapp, dark=False)
    assert missing == []


@pytest.mark.parametrize("dark", [False, True], ids=["light", "dark"])
def test_focus_shows_a_ring_on_the_current_tab(qapp: QApplication, make_window: WindowFactory, dark: bool) -> None:
    """Tab reaches the review page's tab bar (Left and Right then switch tabs), but a focused tab bar looked
    like an unfocused one in both themes."""
    from PySide6.QtWidgets import QTabBar

    from socially_aware.ui.style import colours

    window = make_window()
    apply_style(qapp, dark=dark)
    ring = QColor(colours(dark).ring).getRgb()[:3]
    window.welcome.start_button.click()
    window.picker.set_selection(["alpha"], [Surface.WEB])
    window.picker.done_button.click()
    window.show_section(5)
    bar = window.review.tabs.findChild(QTabBar)
    assert bar is not None and bar.focusPolicy() & Qt.FocusPolicy.TabFocus
    tab = bar.tabRect(bar.currentIndex())
    rect = QRect(bar.mapTo(window, tab.topLeft()), tab.size())
    before, after = _ring_gained(window, bar, rect, ring)
    apply_style(qapp, dark=False)
    assert after - before >= 2 * tab.width(), (before, after)


def test_lines_stay_readable_on_a_wide_screen(qapp: QApplication, make_window: WindowFactory) -> None:
    window = make_window()
    window.resize(1920, 1080)
    window.welcome.start_button.click()
    window.picker.set_selection(["alpha"], [Surface.WEB])
    window.picker.done_button.click()
    limit = readable_width(window, 95) + 96
    too_wide = []
    for page in (window.overview, window.settings, window.checklists):
        window.stack.setCurrentWidget(page)
        QApplication.processEvents()
        for label in page.findChildren(QLabel):
            if label.isVisible() and label.wordWrap() and label.width() > limit:
                too_wide.append(f"{label.text()[:30]!r}: {label.width()} px")
    window.start_session()
    QApplication.processEvents()
    too_wide += [
        f"{w.text()[:30]!r}: {w.width()} px"
        for w in window.guided.findChildren(QLabel)
        if w.isVisible() and w.wordWrap() and w.width() > limit
    ]
    assert too_wide == [], f"limit {limit} px"
    window.show_section(1)
    QApplication.processEvents()
    page = window.checklists
    apart = page.next_button.mapTo(window, QPoint(0, 0)).x() - page.previous_button.mapTo(window, QPoint(0, 0)).x()
    assert apart < limit


@pytest.mark.parametrize("dark", [False, True], ids=["light", "dark"])
def test_an_unticked_check_box_can_be_seen(qapp: QApplication, make_window: WindowFactory, dark: bool) -> None:
    from PySide6.QtWidgets import QStyle, QStyleOptionButton

    window = make_window()
    apply_style(qapp, dark=dark)
    window.welcome.start_button.click()
    box = window.picker.boxes["alpha"]
    assert not box.isChecked()
    window.picker.search.setFocus()  # no focus ring on the box: only its own edge counts
    QApplication.processEvents()
    option = QStyleOptionButton()
    option.initFrom(box)
    indicator = box.style().subElementRect(QStyle.SubElement.SE_CheckBoxIndicator, option, box)
    image = window.grab().toImage()
    contrast = _text_contrast(
        image, QRect(box.mapTo(window, indicator.topLeft()), indicator.size()).adjusted(-1, -1, 1, 1)
    )
    apply_style(qapp, dark=False)
    assert contrast is not None and contrast >= 3, contrast


def test_tab_reaches_every_control_in_a_guided_session(qtbot: Any, make_window: WindowFactory) -> None:
    window = make_window()
    window.welcome.start_button.click()
    window.picker.set_selection(["alpha"], [Surface.WEB])
    window.picker.done_button.click()
    window.start_session()
    window.guided.done_button.click()  # the second item has a Back button to reach
    guided = window.guided
    wanted = {
        guided.done_button,
        guided.not_applicable_button,
        guided.later_button,
        guided.skip_button,
        guided.back_button,
        guided.details.why_toggle,
        guided.details.link_button,
    }
    if guided.details.other_toggle.isVisible():
        wanted.add(guided.details.other_toggle)
    reached: set[QWidget] = set()
    for _ in range(30):
        focus = QApplication.focusWidget()
        reached.add(focus)
        qtbot.keyClick(focus, Qt.Key.Key_Tab)
    assert [_name(w) for w in wanted - reached] == []


@pytest.mark.parametrize("creating", [True, False], ids=["export", "import"])
def test_every_passphrase_field_says_what_goes_in_it(qtbot: Any, creating: bool) -> None:
    """WCAG 3.3.2: the export dialog's first field was an empty box under a paragraph (keyboard walk)."""
    from PySide6.QtWidgets import QLineEdit

    from socially_aware.ui.export_passphrase import ExportPassphraseDialog

    dialog = ExportPassphraseDialog(creating=creating)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    fields = [field for field in dialog.findChildren(QLineEdit) if field.isVisible()]
    assert len(fields) == (2 if creating else 1)
    assert all(field.placeholderText() for field in fields), [field.accessibleName() for field in fields]
