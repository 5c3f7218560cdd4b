"""Stories, keyboard only: a first run through a guided session to its finish screen and a restart;
the theme from the command line and from Settings; Enter, Ctrl+Q; the polish a person trips on."""

from __future__ import annotations

import uuid
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QApplication, QCheckBox, QGridLayout, QPushButton, QWidget

from socially_aware.app import create_app
from socially_aware.catalog.model import Surface
from socially_aware.cli import build_parser, window_options
from socially_aware.locations import Locations
from socially_aware.progress.keys import KeyringKeySource
from socially_aware.progress.model import ItemState
from socially_aware.ui.main_window import MainWindow
from tests.catalog.samples import good
from tests.progress.fakes import FixedKeySource
from tests.ui.conftest import WindowFactory
from tests.ui.dialogs import ScriptedDialogs

pytestmark = pytest.mark.gui


class Keyboard:
    """Presses keys on whatever has focus, as a person would, and counts them."""

    def __init__(self, qtbot: Any) -> None:
        self.qtbot = qtbot
        self.count = 0

    def press(self, key: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
        widget = QApplication.focusWidget()
        assert widget is not None, "nothing has keyboard focus"
        self.count += 1
        # Through the window, as the windowing system delivers keys: that is where Alt+letter mnemonics work.
        self.qtbot.keyClick(widget.window().windowHandle(), key, modifier)

    def tab_to(self, predicate: Any, limit: int = 60) -> Any:
        for _ in range(limit):
            widget = QApplication.focusWidget()
            if widget is not None and predicate(widget):
                return widget
            self.press(Qt.Key.Key_Tab)
        raise AssertionError("no such widget reachable with Tab")

    def arrow_to(self, predicate: Any, limit: int = 80) -> Any:
        """Tab into the platform grid (one Tab stop), then Right until `predicate` holds."""
        self.tab_to(lambda w: isinstance(w, QCheckBox) and w.objectName().startswith("platform-"))
        self.press(Qt.Key.Key_Home)
        for _ in range(limit):
            widget = QApplication.focusWidget()
            if widget is not None and predicate(widget):
                return widget
            self.press(Qt.Key.Key_Right)
        raise AssertionError("no such box reachable with the arrow keys")

    def alt(self, key: Qt.Key, button: QAbstractButton) -> None:
        """Alt+letter: Qt animates the button for a moment and then clicks it; wait for that click."""
        with self.qtbot.waitSignal(button.clicked, timeout=2000):
            self.press(key, Qt.KeyboardModifier.AltModifier)


def _checkbox(text: str) -> Any:
    return lambda w: isinstance(w, QCheckBox) and w.text() == text


def _onboard(window: MainWindow, ids: list[str]) -> None:
    window.welcome.start_button.click()
    window.picker.set_selection(ids, [Surface.WEB])
    window.picker.done_button.click()


@pytest.mark.keyring
def test_first_run_guided_session_to_the_finish_screen_and_a_restart(
    qtbot: Any, make_window: WindowFactory, require_real_keyring: None, no_network: list[str]
) -> None:
    keys = KeyringKeySource(service=f"socially-aware-test-{uuid.uuid4()}")
    try:
        window = make_window(keys)
        keyboard = Keyboard(qtbot)
        assert window.stack.currentWidget() is window.welcome
        assert QApplication.focusWidget() is window.welcome.start_button
        keyboard.press(Qt.Key.Key_Return)
        assert window.stack.currentWidget() is window.picker

        for name in ("Alpha", "Charlie", "Delta"):
            box = keyboard.arrow_to(_checkbox(name))
            keyboard.press(Qt.Key.Key_Space)
            assert box.isChecked()
        assert window.picker.surface_boxes[Surface.WEB].isChecked()  # assumed until the person says otherwise
        keyboard.tab_to(_checkbox("Android"))
        keyboard.press(Qt.Key.Key_Space)
        keyboard.press(Qt.Key.Key_Return)  # Enter on a check box continues, as in a dialog
        assert window.stack.currentWidget() is window.overview
        assert [p.id for p in window.tracker.selected_platforms()] == ["alpha", "charlie", "delta"]
        assert QApplication.focusWidget() is window.overview.next_button
        assert window.overview.next_button.text().replace("&", "") == "Start"

        keyboard.press(Qt.Key.Key_Return)
        guided = window.guided
        assert window.stack.currentWidget() is guided
        assert guided.where.text().startswith("Item 1 of 6 · Alpha · about ")
        first = guided.details.item
        assert first is not None and first.key == "alpha/location-off"  # location before employer
        assert guided.details.title.text() == first.title
        assert QApplication.focusWidget() is guided.done_button
        keyboard.press(Qt.Key.Key_Return)
        first_item_keys = keyboard.count
        assert window.tracker.state(first) is ItemState.DONE
        assert guided.where.text().startswith("Item 2 of 6 · Charlie · ")
        second = guided.details.item
        keyboard.alt(Qt.Key.Key_L, guided.later_button)
        assert window.tracker.state(second) is ItemState.LATER
        third = guided.details.item
        assert guided.where.text().startswith("Item 3 of 6 · Delta · ")
        keyboard.alt(Qt.Key.Key_S, guided.skip_button)  # not marked, but the session moves on
        assert window.tracker.state(third) is ItemState.TODO
        assert guided.where.text().startswith("Item 4 of 6 · Alpha · ")
        keyboard.alt(Qt.Key.Key_N, guided.not_applicable_button)
        for _ in range(2):
            keyboard.press(Qt.Key.Key_Return)
        assert window.stack.currentWidget() is window.finish
        finish = window.finish
        assert (
            "You did 3 items and marked 1 not applicable in this session. 2 items are still open"
            in finish.summary_line.text()
        )
        left = finish.left_list.text()
        assert f"Charlie: {second.title}. You chose to do it later." in left
        assert f"Delta: {third.title}. You skipped it." in left
        assert "Alpha: 1 of 2 done, 1 not applicable. Next review on " in finish.review_list.text()
        assert QApplication.focusWidget() is finish.back_button
        keyboard.press(Qt.Key.Key_Return)
        assert window.stack.currentWidget() is window.overview
        assert window.overview.next_button.text().replace("&", "") == "Continue where I left off"
        assert window.tracker.overall() == (4, 6)
        print(f"\nkeyboard first run: {first_item_keys} keys from launch to the first item done")
        window.close()

        again = make_window(KeyringKeySource(service=keys.service))
        assert again.stack.currentWidget() is again.overview
        assert [p.id for p in again.tracker.selected_platforms()] == ["alpha", "charlie", "delta"]
        assert again.tracker.overall() == (4, 6)
        assert no_network == []
    finally:
        keys.forget()


def test_start_on_overview_begins_at_the_next_step_and_continue_resumes(qtbot: Any, make_window: WindowFactory) -> None:
    window = make_window()
    _onboard(window, ["alpha", "bravo"])
    expected = window.tracker.next_step()
    keyboard = Keyboard(qtbot)
    keyboard.press(Qt.Key.Key_Return)
    assert window.guided.details.item == expected
    assert window.guided.back_button.isEnabled() is False
    keyboard.press(Qt.Key.Key_Return)
    now = window.guided.details.item
    assert now != expected and window.guided.where.text().startswith("Item 2 of 4")
    keyboard.press(Qt.Key.Key_Escape)  # leave the session
    assert window.stack.currentWidget() is window.overview
    keyboard.press(Qt.Key.Key_Return)  # "Continue where I left off"
    assert window.guided.details.item == now and window.guided.where.text().startswith("Item 2 of 4")


def test_ctrl_2_opens_the_first_item_still_to_do(qtbot: Any, make_window: WindowFactory) -> None:
    window = make_window()
    _onboard(window, ["alpha"])
    first = window.tracker.catalog.platform("alpha").items[0]
    window.tracker.mark(first, ItemState.DONE)
    Keyboard(qtbot).press(Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    assert window.stack.currentWidget() is window.checklists
    shown = window.checklists.view.item
    assert shown is not None and shown != first and not window.tracker.is_settled(shown)


def test_other_devices_are_folded_away_and_where_the_steps_come_from_shows(
    qtbot: Any, make_window: WindowFactory, checklist_dir: Path
) -> None:
    sourced = (
        good("echo", "Echo")
        .replace(
            "    link: https://www.example.com/help/employer\n",
            "    link: https://www.example.com/settings/profile\n",
        )
        .replace(
            "    source: https://www.example.com/help/employer\n    checked: 2026-11-20\n",
            "    source: https://help.example.com/articles/employer\n    checked: 2026-11-12\n",
        )
        .replace(
            "    source: https://www.example.com/help/location\n",
            "    source: https://help.example.com/\n    confirmed: false\n",
        )
    )
    (checklist_dir / "echo.yaml").write_text(sourced, encoding="utf-8")
    window = make_window()
    _onboard(window, ["echo"])
    keyboard = Keyboard(qtbot)
    keyboard.press(Qt.Key.Key_Return)
    details = window.guided.details
    assert details.item.key == "echo/location-off"
    assert details.provenance.text() == (
        "Not yet confirmed with Echo: these steps have not been compared word for word with Echo's own help, "
        "so check them against it."
    )
    assert details.link_button.text().replace("&", "") == "Open the help article"
    keyboard.press(Qt.Key.Key_Return)
    assert details.item.key == "echo/hide-employer"
    assert details.provenance.text() == "Checked against Echo's help on 12 November 2026."
    assert details.link_button.text().replace("&", "") == "Open this settings page"
    assert details.source_button.isVisible()
    assert 'Open "Edit profile"' in details.steps.text() and "Tap" not in details.steps.text()
    assert details.other_toggle.isVisible() and not details.other_steps.isVisible()
    keyboard.alt(Qt.Key.Key_V, details.other_toggle)  # "Other de&vices"
    assert details.other_steps.isVisible() and 'iPhone / iPad\n1. Tap "Profile".' in details.other_steps.text()
    assert not details.why.isVisible()
    keyboard.alt(Qt.Key.Key_W, details.why_toggle)
    assert details.why.isVisible()


def test_enter_activates_the_focused_button(qtbot: Any, make_window: WindowFactory) -> None:
    window = make_window()
    _onboard(window, ["alpha"])
    window.show_section(4)
    keyboard = Keyboard(qtbot)
    assert QApplication.focusWidget() is window.settings.platforms_button
    keyboard.press(Qt.Key.Key_Return)
    assert window.stack.currentWidget() is window.picker
    keyboard.tab_to(lambda w: w is window.picker.done_button)
    keyboard.press(Qt.Key.Key_Enter)  # the keypad's Enter too
    assert window.stack.currentWidget() is window.overview


def test_ctrl_q_quits(qtbot: Any, make_window: WindowFactory) -> None:
    window = make_window()
    _onboard(window, ["alpha"])
    window.tracker.mark(window.tracker.catalog.platform("alpha").items[0], ItemState.DONE)
    Keyboard(qtbot).press(Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier)
    assert not window.isVisible()
    again = make_window()
    assert again.tracker.overall() == (1, 2)  # quitting saved the change made a moment before


def _window_background_is_dark(window: QWidget) -> bool:
    return window.palette().color(window.backgroundRole()).lightness() < 128


@pytest.mark.parametrize(
    ("argv", "dark"), [(["--dark"], True), (["gui", "--dark"], True), (["--light"], False), (["gui", "--light"], False)]
)
def test_the_command_line_theme_reaches_the_window(
    qtbot: Any, locations: Locations, argv: list[str], dark: bool
) -> None:
    args = build_parser().parse_args(argv)
    _app, window = create_app([], locations=locations, keys=FixedKeySource(), **window_options(args))  # type: ignore[arg-type]
    assert window is not None
    qtbot.addWidget(window)
    assert _window_background_is_dark(window) is dark
    window.close()


def test_theme_chosen_in_settings_is_kept_across_a_restart(qtbot: Any, make_window: WindowFactory) -> None:
    window = make_window()
    _onboard(window, ["alpha"])
    assert not _window_background_is_dark(window)
    keyboard = Keyboard(qtbot)
    keyboard.press(Qt.Key.Key_5, Qt.KeyboardModifier.ControlModifier)
    combo = keyboard.tab_to(lambda w: w is window.settings.appearance)
    while combo.currentText() != "Dark":
        keyboard.press(Qt.Key.Key_Down)
    assert _window_background_is_dark(window)
    window.close()
    again = make_window()
    assert _window_background_is_dark(again)
    assert again.settings.appearance.currentText() == "Dark"


def test_the_platform_picker_fills_from_the_first_column_and_ticks_the_device(
    qtbot: Any, make_window: WindowFactory, checklist_dir: Path
) -> None:
    phone = good("iphone", "iPhone and iPad").replace("category: social", "category: device")
    (checklist_dir / "iphone.yaml").write_text(phone, encoding="utf-8")
    window = make_window()
    window.welcome.start_button.click()
    picker = window.picker
    qtbot.keyClicks(picker.search, "charlie")
    box = picker.boxes["charlie"]
    grid = next(g for g in picker.findChildren(QGridLayout) if g.indexOf(box) >= 0)
    row, column, _, _ = grid.getItemPosition(grid.indexOf(box))
    assert (row, column) == (0, 0)
    picker.search.clear()
    assert not picker.surface_boxes[Surface.IOS].isChecked()
    picker.boxes["iphone"].setFocus()
    Keyboard(qtbot).press(Qt.Key.Key_Space)
    assert picker.surface_boxes[Surface.IOS].isChecked()


def test_the_deleted_notice_goes_once_the_person_starts_again(qtbot: Any, make_window: WindowFactory) -> None:
    window = make_window(dialogs=ScriptedDialogs(confirm=lambda title, text: True))
    _onboard(window, ["alpha"])
    window.settings.delete_button.click()
    assert window.banner.isVisible() and "deleted" in window.banner.label.text()
    Keyboard(qtbot).press(Qt.Key.Key_Return)
    assert window.stack.currentWidget() is window.picker
    assert not window.banner.isVisible()


def test_changing_platforms_keeps_progress(qtbot: Any, make_window: WindowFactory) -> None:
    window = make_window()
    _onboard(window, ["alpha", "bravo"])
    window.checklists.open_item(window.tracker.catalog.item("bravo/hide-employer"))
    window.checklists.view.buttons[ItemState.DONE].click()
    window.settings.platforms_button.click()
    assert window.picker.boxes["bravo"].isChecked()
    window.picker.boxes["bravo"].setChecked(False)
    window.picker.done_button.click()
    assert window.tracker.overall() == (0, 2)
    window.settings.platforms_button.click()
    window.picker.boxes["bravo"].setChecked(True)
    window.picker.done_button.click()
    assert window.tracker.overall() == (1, 4)


def test_search_and_theme_filter_the_catalog(qtbot: Any, make_window: WindowFactory) -> None:
    window = make_window()
    _onboard(window, ["alpha", "bravo"])
    window.show_section(1)
    page = window.checklists
    assert page.list.count() == 4
    qtbot.keyClicks(page.search, "workplace")
    assert page.search.text() == "workplace", page.search.text()
    assert page.list.count() == 2, [page.list.item(r).text() for r in range(page.list.count())]
    page.search.clear()
    page.theme_filter.setCurrentIndex(page.theme_filter.findText("Location"))
    assert page.list.count() == 2
    assert all("location" in page.list.item(r).text().lower() for r in range(page.list.count()))


def test_photo_cleaning_and_export_never_touch_the_network(
    qtbot: Any, make_window: WindowFactory, no_network: list[str], tmp_path: Path
) -> None:
    from tests.scrubber.photos import dirty_jpeg

    target = tmp_path / "export.saexport"
    window = make_window(
        dialogs=ScriptedDialogs(
            open_file=target, save_file=target, passphrase="a long passphrase", confirm=lambda title, text: True
        )
    )
    _onboard(window, ["alpha"])
    photos = tmp_path / "photos"
    photos.mkdir()
    dirty_jpeg(photos / "p.jpg")
    window.show_section(2)
    window.photos.add_paths([photos])
    qtbot.waitUntil(lambda: not window.photos.worker.busy() and window.photos.table.rowCount() == 1, timeout=10000)
    with qtbot.waitSignal(window.photos.cleaning_done, timeout=20000):
        window.photos.clean_button.click()
    with qtbot.waitSignal(window.settings.worker.finished, timeout=20000):  # the key is made off the UI thread
        window.settings.export_button.click()
    assert target.exists()
    assert (tmp_path / "photos (cleaned)" / "p.jpg").exists()
    assert no_network == []


def test_every_answer_button_says_what_it_does(make_window: WindowFactory) -> None:
    window = make_window()
    _onboard(window, ["alpha"])
    window.start_session()
    buttons = [b for b in window.guided.findChildren(QPushButton) if b.isVisible()]
    assert {b.text().replace("&", "") for b in buttons} >= {"Done", "Not applicable", "Later", "Skip", "← Back"}


def test_one_saver_writes_once_a_burst_is_over_and_never_without_a_change(
    qtbot: Any, make_window: WindowFactory, tmp_path: Path
) -> None:
    window = make_window()
    _onboard(window, ["alpha"])  # onboarding is saved at once
    store_file, backup = tmp_path / "data" / "progress.sa", tmp_path / "data" / "progress.sa.bak"
    saved = store_file.read_bytes()
    items = window.tracker.catalog.platform("alpha").items
    window.tracker.mark(items[0], ItemState.DONE)
    window.tracker.set_note(items[0], "a burst of changes")
    assert store_file.read_bytes() == saved  # nothing written in the middle of a burst
    qtbot.waitUntil(lambda: store_file.read_bytes() != saved)  # the saver's timer, not a sleep
    written, previous = store_file.read_bytes(), backup.read_bytes()
    window.close()  # nothing new: no write, and the previous copy stays the one before the last change
    assert (store_file.read_bytes(), backup.read_bytes()) == (written, previous)
    again = make_window()
    assert again.tracker.progress_of(items[0]).note == "a burst of changes"
