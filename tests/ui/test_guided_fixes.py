"""Stories, keyboard first, for what a reviewer tripped on in the real window: the Overview card and the
button it sits above, the finish screen's counts, Enter after unfolding text, searching Checklists under an
old filter, status in words, the picker's two kinds of iPhone, and leaving "Change platforms" unchanged."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt

from socially_aware.catalog.model import Surface
from socially_aware.progress.model import ItemState
from socially_aware.ui.main_window import MainWindow
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
