"""Stories, keyboard first, for what a reviewer tripped on in the real window: the Overview card and the
button it sits above, the finish screen's counts, Enter after unfolding text, searching Checklists under an
old filter, status in words, the picker's two kinds of iPhone, and leaving "Change platforms" unchanged."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QScrollArea

from socially_aware.catalog.model import Surface
from socially_aware.progress.model import ItemState
from socially_aware.ui.main_window import MainWindow
from socially_aware.ui.walkthrough import EMPTY_TEXT
from tests.catalog.samples import good
from tests.ui.conftest import WindowFactory
from tests.ui.test_first_run import Keyboard

pytestmark = pytest.mark.gui


def _onboard(window: MainWindow, ids: list[str]) -> None:
    window.welcome.start_button.click()
    window.picker.set_selection(ids, [Surface.WEB])
    window.picker.done_button.click()


def _title(window: MainWindow, key: str) -> str:
    item = window.tracker.catalog.item(key)
    platform = window.tracker.catalog.platform(item.platform_id)
    return f"{platform.name}: {item.title}"


def test_the_next_step_card_names_the_item_continue_opens(qtbot: Any, make_window: WindowFactory) -> None:
    window = make_window()
    _onboard(window, ["alpha", "bravo"])
    keyboard = Keyboard(qtbot)
    overview = window.overview
    first = window.tracker.next_step()
    assert overview.next_title.text() == _title(window, first.key)
    keyboard.press(Qt.Key.Key_Return)  # Start
    guided = window.guided
    assert guided.details.item == first
    keyboard.alt(Qt.Key.Key_S, guided.skip_button)  # skipped: still to do, so still first in the queue
    second = guided.details.item
    assert second != first and window.tracker.queue()[0] == first
    keyboard.press(Qt.Key.Key_Escape)
    assert window.stack.currentWidget() is overview
    assert overview.next_title.text() == _title(window, second.key)
    assert overview.next_button.accessibleName() == f"Continue where I left off: {second.title}"
    keyboard.press(Qt.Key.Key_Return)
    assert guided.details.item == second

    # Settled elsewhere meanwhile: the card moves on with the session, to the item Continue then opens.
    keyboard.press(Qt.Key.Key_Escape)
    window.tracker.mark(second, ItemState.DONE)
    window.show_section(0)
    third = window.guided.session.upcoming()
    assert third not in (None, first, second)
    assert overview.next_title.text() == _title(window, third.key)
    keyboard.press(Qt.Key.Key_Return)
    assert guided.details.item == third


def test_after_the_session_ends_the_card_names_what_a_new_session_opens(qtbot: Any, make_window: WindowFactory) -> None:
    window = make_window()
    _onboard(window, ["alpha"])
    keyboard = Keyboard(qtbot)
    keyboard.press(Qt.Key.Key_Return)
    skipped = window.guided.details.item
    keyboard.alt(Qt.Key.Key_S, window.guided.skip_button)
    keyboard.press(Qt.Key.Key_Return)  # Done on the last item: the finish screen
    assert window.stack.currentWidget() is window.finish
    keyboard.press(Qt.Key.Key_Return)  # back to the overview
    assert window.overview.next_title.text() == _title(window, skipped.key)
    keyboard.press(Qt.Key.Key_Return)
    assert window.stack.currentWidget() is window.guided and window.guided.details.item == skipped


def test_the_finish_screen_lists_not_applicable_apart_from_done(qtbot: Any, make_window: WindowFactory) -> None:
    window = make_window()
    _onboard(window, ["alpha"])
    keyboard = Keyboard(qtbot)
    keyboard.press(Qt.Key.Key_Return)
    guided = window.guided
    done = guided.details.item
    keyboard.press(Qt.Key.Key_Return)  # Done
    not_applicable = guided.details.item
    keyboard.alt(Qt.Key.Key_N, guided.not_applicable_button)
    finish = window.finish
    assert window.stack.currentWidget() is finish
    assert finish.summary_line.text().startswith("You did 1 item and marked 1 not applicable in this session.")
    assert finish.done_list.text() == f"✓  {_title(window, done.key)}"
    assert finish.not_applicable_heading.isVisible() and finish.not_applicable_list.isVisible()
    assert finish.not_applicable_list.text() == f"•  {_title(window, not_applicable.key)}"
    assert "Alpha: 1 of 2 done, 1 not applicable." in finish.review_list.text()


def test_the_finish_screen_has_no_not_applicable_list_when_none_was_marked(
    qtbot: Any, make_window: WindowFactory
) -> None:
    window = make_window()
    _onboard(window, ["alpha"])
    keyboard = Keyboard(qtbot)
    for _ in range(3):  # Start, Done, Done
        keyboard.press(Qt.Key.Key_Return)
    finish = window.finish
    assert window.stack.currentWidget() is finish
    assert finish.summary_line.text().startswith("You did 2 items in this session.")
    assert not finish.not_applicable_heading.isVisible() and not finish.not_applicable_list.isVisible()
    assert "Alpha: 2 of 2 done. Next review on " in finish.review_list.text()


@pytest.mark.parametrize("toggle", ["why_toggle", "other_toggle"])
def test_enter_still_marks_done_after_unfolding_a_section(qtbot: Any, make_window: WindowFactory, toggle: str) -> None:
    window = make_window()
    _onboard(window, ["alpha", "bravo"])
    keyboard = Keyboard(qtbot)
    keyboard.press(Qt.Key.Key_Return)
    guided = window.guided
    details = guided.details
    while not details.other_toggle.isVisible():  # an item with steps for devices the person didn't pick
        keyboard.alt(Qt.Key.Key_S, guided.skip_button)
    item = details.item
    expander = getattr(details, toggle)
    section = details.why if toggle == "why_toggle" else details.other_steps
    mnemonic = Qt.Key.Key_W if toggle == "why_toggle" else Qt.Key.Key_V
    keyboard.alt(mnemonic, expander)
    assert section.isVisible() and expander.isChecked()
    assert QApplication.focusWidget() is guided.done_button
    keyboard.alt(mnemonic, expander)  # and closed again the same way
    assert not section.isVisible()
    keyboard.alt(mnemonic, expander)
    keyboard.press(Qt.Key.Key_Return)
    assert window.tracker.state(item) is ItemState.DONE
    assert window.stack.currentWidget() is guided and details.item != item


def test_a_section_reached_with_tab_opens_and_closes_with_space_and_enter(
    qtbot: Any, make_window: WindowFactory
) -> None:
    window = make_window()
    _onboard(window, ["alpha"])
    keyboard = Keyboard(qtbot)
    keyboard.press(Qt.Key.Key_Return)
    details = window.guided.details
    item = details.item
    keyboard.tab_to(lambda w: w is details.why_toggle)
    keyboard.press(Qt.Key.Key_Space)
    assert details.why.isVisible()
    keyboard.press(Qt.Key.Key_Return)  # Enter on a focused control works that control, as everywhere
    assert not details.why.isVisible() and details.item == item


def _window_with_echo(make_window: WindowFactory, checklist_dir: Path) -> MainWindow:
    echo = good("echo", "Echo").replace('- Clear "Workplace".', '- Clear "Workplace" and hide the heatmap.')
    (checklist_dir / "echo.yaml").write_text(echo, encoding="utf-8")
    window = make_window()
    _onboard(window, ["alpha", "echo"])
    return window


def test_a_search_hidden_by_an_old_platform_filter_says_so_and_widens(
    qtbot: Any, make_window: WindowFactory, checklist_dir: Path
) -> None:
    window = _window_with_echo(make_window, checklist_dir)
    window.open_platform(window.tracker.catalog.platform("alpha"))  # an earlier visit left the filter on Alpha
    page = window.checklists
    keyboard = Keyboard(qtbot)
    window.show_section(0)
    keyboard.press(Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    assert page.platform_filter.currentText() == "Alpha"
    keyboard.press(Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.focusWidget() is page.search
    for key in (Qt.Key.Key_H, Qt.Key.Key_E, Qt.Key.Key_A, Qt.Key.Key_T, Qt.Key.Key_M, Qt.Key.Key_A, Qt.Key.Key_P):
        keyboard.press(key)
    assert page.search.text() == "heatmap"
    assert page.list.count() == 0
    assert page.count.text() == "No matches in Alpha; 1 in all your platforms and themes."
    assert page.widen_button.isVisible()
    assert page.view.empty.isVisible() and page.view.empty.text() == EMPTY_TEXT
    assert not page.view.body.isVisible() and not page.view.marks_bar.isVisible()  # no bare headings or greyed marks
    assert not page.next_button.isEnabled() and not page.previous_button.isEnabled()
    keyboard.tab_to(lambda w: w is page.widen_button)
    keyboard.press(Qt.Key.Key_Return)
    assert page.platform_filter.currentText() == "All my platforms" and page.search.text() == "heatmap"
    assert page.list.count() == 1 and page.count.text() == "1 item"
    assert not page.widen_button.isVisible()
    assert page.view.item is not None and page.view.item.key == "echo/hide-employer"
    assert page.view.body.isVisible() and not page.view.empty.isVisible()
    assert QApplication.focusWidget() is page.list


def test_a_search_that_finds_nothing_anywhere_offers_no_widening(qtbot: Any, make_window: WindowFactory) -> None:
    window = make_window()
    _onboard(window, ["alpha", "bravo"])
    window.open_platform(window.tracker.catalog.platform("alpha"))
    page = window.checklists
    qtbot.keyClicks(page.search, "zebra")
    assert page.list.count() == 0 and page.count.text() == "0 items"
    assert not page.widen_button.isVisible()
    assert page.view.empty.isVisible()


def test_checklist_rows_say_their_status_in_words(qtbot: Any, make_window: WindowFactory) -> None:
    window = make_window()
    _onboard(window, ["alpha"])
    t = window.tracker
    t.mark(t.catalog.item("alpha/location-off"), ItemState.NOT_APPLICABLE)
    window.show_section(1)
    page = window.checklists
    rows = [page.list.item(r).text() for r in range(page.list.count())]
    assert rows == ["To do · Alpha: Remove your employer", "Not applicable · Alpha: Turn off location on posts"]
    assert QApplication.focusWidget() is page.list
    keyboard = Keyboard(qtbot)
    keyboard.press(Qt.Key.Key_Home)
    keyboard.alt(Qt.Key.Key_L, page.view.buttons[ItemState.LATER])
    assert page.list.item(0).text() == "Later · Alpha: Remove your employer"
    keyboard.alt(Qt.Key.Key_D, page.view.buttons[ItemState.DONE])
    assert page.list.item(0).text() == "Done · Alpha: Remove your employer"


def test_the_marks_stay_in_view_below_a_long_item_on_a_small_screen(
    qtbot: Any, make_window: WindowFactory, checklist_dir: Path
) -> None:
    sentence = "Look for the setting further down the page and read what it says before changing it. " * 3
    long_steps = "".join(f"        - Step {n}. {sentence}\n" for n in range(10))
    echo = good("echo", "Echo").replace('        - Clear "Workplace".\n', long_steps)
    (checklist_dir / "echo.yaml").write_text(echo, encoding="utf-8")
    window = make_window()
    _onboard(window, ["echo"])
    window.resize(1024, 640)
    window.open_item(window.tracker.catalog.item("echo/hide-employer"))
    page = window.checklists
    scroll = next(s for s in page.findChildren(QScrollArea) if s.widget() is page.view)
    assert scroll.verticalScrollBar().maximum() > 0  # the steps do scroll
    done = page.view.buttons[ItemState.DONE]
    assert not scroll.isAncestorOf(done)
    assert QApplication.focusWidget() is done
    bottom = done.mapTo(window, done.rect().bottomLeft()).y()
    assert done.isVisible() and 0 < bottom <= window.height()
    Keyboard(qtbot).press(Qt.Key.Key_Return)
    assert window.tracker.state(page.view.item) is ItemState.DONE


def _window_with_a_phone(make_window: WindowFactory, checklist_dir: Path) -> MainWindow:
    phone = good("iphone", "iPhone and iPad").replace("category: social", "category: device")
    (checklist_dir / "iphone.yaml").write_text(phone, encoding="utf-8")
    return make_window()


def test_the_picker_tells_a_phone_s_checklist_from_the_phone_and_ticks_them_together(
    qtbot: Any, make_window: WindowFactory, checklist_dir: Path
) -> None:
    window = _window_with_a_phone(make_window, checklist_dir)
    keyboard = Keyboard(qtbot)
    keyboard.press(Qt.Key.Key_Return)  # Get started
    picker = window.picker
    checklist, device = picker.boxes["iphone"], picker.surface_boxes[Surface.IOS]
    assert checklist.text() == "iPhone and iPad settings" and device.text() == "iPhone / iPad"
    assert "the device's own checklist" in checklist.accessibleName()
    assert not checklist.isChecked() and not device.isChecked()

    keyboard.tab_to(lambda w: w is device)
    keyboard.press(Qt.Key.Key_Space)  # the device: its own checklist comes with it
    assert device.isChecked() and checklist.isChecked()
    keyboard.press(Qt.Key.Key_Space)  # no such device after all: its checklist goes too
    assert not device.isChecked() and not checklist.isChecked()
    assert picker.count.text() == "Choose at least one platform."

    keyboard.arrow_to(lambda w: w is checklist)
    keyboard.press(Qt.Key.Key_Space)  # the checklist: the device comes with it
    assert checklist.isChecked() and device.isChecked()
    keyboard.press(Qt.Key.Key_Space)  # the checklist alone can be left out; the steps for the device stay
    assert not checklist.isChecked() and device.isChecked()


def test_a_saved_choice_is_shown_as_it_was_saved(make_window: WindowFactory, checklist_dir: Path) -> None:
    window = _window_with_a_phone(make_window, checklist_dir)
    window.welcome.start_button.click()
    window.picker.set_selection(["alpha"], [Surface.IOS])  # a phone, without its checklist
    assert not window.picker.boxes["iphone"].isChecked() and window.picker.surface_boxes[Surface.IOS].isChecked()


@pytest.mark.parametrize("leave", ["escape", "cancel"])
def test_change_platforms_can_be_left_without_changing_anything(
    qtbot: Any, make_window: WindowFactory, leave: str
) -> None:
    window = make_window()
    _onboard(window, ["alpha"])
    keyboard = Keyboard(qtbot)
    keyboard.press(Qt.Key.Key_5, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.focusWidget() is window.settings.platforms_button
    keyboard.press(Qt.Key.Key_Return)
    picker = window.picker
    assert window.stack.currentWidget() is picker and picker.cancel_button.isVisible()
    keyboard.arrow_to(lambda w: w is picker.boxes["bravo"])
    keyboard.press(Qt.Key.Key_Space)
    keyboard.tab_to(lambda w: w is picker.surface_boxes[Surface.ANDROID])
    keyboard.press(Qt.Key.Key_Space)
    if leave == "escape":
        keyboard.press(Qt.Key.Key_Escape)
    else:
        keyboard.tab_to(lambda w: w is picker.cancel_button)
        keyboard.press(Qt.Key.Key_Return)
    assert window.stack.currentWidget() is window.settings
    assert QApplication.focusWidget() is window.settings.platforms_button
    assert [p.id for p in window.tracker.selected_platforms()] == ["alpha"]
    assert set(window.tracker.surfaces()) == {Surface.WEB}
    keyboard.press(Qt.Key.Key_Return)  # and opening it again shows the saved choice, not the abandoned one
    assert not picker.boxes["bravo"].isChecked() and not picker.surface_boxes[Surface.ANDROID].isChecked()


def test_the_first_choice_has_no_cancel_and_escape_stays(qtbot: Any, make_window: WindowFactory) -> None:
    window = make_window()
    keyboard = Keyboard(qtbot)
    keyboard.press(Qt.Key.Key_Return)
    assert window.stack.currentWidget() is window.picker
    assert not window.picker.cancel_button.isVisible()
    keyboard.press(Qt.Key.Key_Escape)
    assert window.stack.currentWidget() is window.picker
