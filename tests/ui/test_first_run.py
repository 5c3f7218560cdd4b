"""A whole first run, keyboard only, with the network made to fail; then a restart."""

from __future__ import annotations

import uuid
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QCheckBox

from socially_aware.progress.keys import KeyringKeySource
from socially_aware.progress.model import ItemState
from tests.ui.conftest import WindowFactory

pytestmark = pytest.mark.gui


def press(qtbot: Any, key: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
    widget = QApplication.focusWidget()
    assert widget is not None, "nothing has keyboard focus"
    qtbot.keyClick(widget, key, modifier)


def tab_to(qtbot: Any, predicate: Any, limit: int = 40) -> Any:
    for _ in range(limit):
        widget = QApplication.focusWidget()
        if widget is not None and predicate(widget):
            return widget
        press(qtbot, Qt.Key.Key_Tab)
    raise AssertionError("no such widget reachable with Tab")


@pytest.mark.keyring
def test_first_run_keyboard_only_survives_a_restart(
    qtbot: Any, make_window: WindowFactory, require_real_keyring: None, no_network: list[str], tmp_path: Path
) -> None:
    keys = KeyringKeySource(service=f"socially-aware-test-{uuid.uuid4()}")
    try:
        window = make_window(keys)
        assert window.stack.currentWidget() is window.welcome
        window.activateWindow()
        window.welcome.start_button.setFocus()
        press(qtbot, Qt.Key.Key_Space)
        assert window.stack.currentWidget() is window.picker

        for name in ("Alpha", "Charlie", "Delta"):
            box = tab_to(qtbot, lambda w, n=name: isinstance(w, QCheckBox) and w.text() == n)
            press(qtbot, Qt.Key.Key_Space)
            assert box.isChecked()
        web = tab_to(qtbot, lambda w: isinstance(w, QCheckBox) and w.text() == "Web browser")
        assert web.isChecked()  # the web is assumed until the person says otherwise
        tab_to(qtbot, lambda w: isinstance(w, QCheckBox) and w.text() == "Android")
        press(qtbot, Qt.Key.Key_Space)
        tab_to(qtbot, lambda w: w is window.picker.done_button)
        press(qtbot, Qt.Key.Key_Space)
        assert window.stack.currentWidget() is window.overview
        assert window.tracker.doc.platforms == ["alpha", "charlie", "delta"]

        tab_to(qtbot, lambda w: w is window.overview.next_button)
        press(qtbot, Qt.Key.Key_Space)
        assert window.stack.currentWidget() is window.checklists
        first = window.checklists.view.item
        assert first is not None and first.key == "alpha/location-off"
        done = tab_to(qtbot, lambda w: w is window.checklists.view.buttons[ItemState.DONE])
        press(qtbot, Qt.Key.Key_Space)
        assert window.tracker.state(first) is ItemState.DONE
        tab_to(qtbot, lambda w: w is window.checklists.view.note)
        qtbot.keyClicks(window.checklists.view.note, "checked the old uniform album")
        press(qtbot, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)  # the next step was the last in its list
        second = window.checklists.view.item
        assert second is not None and second.key != first.key
        done.setFocus()
        press(qtbot, Qt.Key.Key_Space)
        assert window.tracker.state(second) is ItemState.DONE
        press(qtbot, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
        assert window.stack.currentWidget() is window.overview
        assert window.tracker.overall() == (2, 6)
        window.close()

        again = make_window(KeyringKeySource(service=keys.service))
        assert again.stack.currentWidget() is again.overview
        assert again.tracker.doc.platforms == ["alpha", "charlie", "delta"]
        assert again.tracker.overall() == (2, 6)
        assert again.tracker.progress_of(first).note == "checked the old uniform album"
        assert no_network == []
    finally:
        keys.forget()


def test_changing_platforms_keeps_progress(qtbot: Any, make_window: WindowFactory) -> None:
    window = make_window()
    window.welcome.start_button.click()
    window.picker.set_selection(["alpha", "bravo"], [next(iter(window.picker.surface_boxes))])
    window.picker.done_button.click()
    item = window.tracker.catalog.item("bravo/hide-employer")
    window.checklists.open_item(item.key)
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
    window.welcome.start_button.click()
    window.picker.set_selection(["alpha", "bravo"], [next(iter(window.picker.surface_boxes))])
    window.picker.done_button.click()
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
    window = make_window(settings_dialogs={
        "ask_path": lambda title, saving: target, "ask_passphrase": lambda title, label: "a long passphrase",
        "confirm": lambda title, text: True,
    })
    window.welcome.start_button.click()
    window.picker.set_selection(["alpha"], [next(iter(window.picker.surface_boxes))])
    window.picker.done_button.click()
    photos = tmp_path / "photos"
    photos.mkdir()
    dirty_jpeg(photos / "p.jpg")
    window.show_section(2)
    window.photos.add_paths([photos])
    qtbot.waitUntil(lambda: not window.photos.worker.busy() and window.photos.table.rowCount() == 1, timeout=10000)
    with qtbot.waitSignal(window.photos.cleaning_done, timeout=20000):
        window.photos.clean_button.click()
    window.settings.export_button.click()
    assert target.exists()
    assert (tmp_path / "photos (cleaned)" / "p.jpg").exists()
    assert no_network == []
