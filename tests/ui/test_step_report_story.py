"""Keyboard story: "These steps didn't match what I saw" on an item, then Settings saves the file."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from socially_aware.catalog.model import Surface
from socially_aware.ui.messages import Level, Notice
from tests.ui.accessible_tree import walk
from tests.ui.conftest import WindowFactory
from tests.ui.dialogs import ScriptedDialogs
from tests.ui.keyboard import press, tab_to
from tests.ui.test_first_run import Keyboard

pytestmark = pytest.mark.gui


def test_report_a_mismatch_by_keyboard_and_save_the_file(
    qtbot: Any, make_window: WindowFactory, tmp_path: Path
) -> None:
    target = tmp_path / "for-content-owners.json"
    window = make_window(dialogs=ScriptedDialogs(save_file=target))
    window.welcome.start_button.click()
    window.picker.set_selection(["alpha"], [Surface.WEB, Surface.IOS])
    window.picker.done_button.click()
    keyboard = Keyboard(qtbot)
    keyboard.press(Qt.Key.Key_Return)  # Start: the guided session opens at the first item
    details = window.guided.details
    item = details.item
    assert item is not None and details.report_button.isVisible()

    keyboard.alt(Qt.Key.Key_M, details.report_button)
    dialog = details.report_dialog
    assert dialog is not None and dialog.isVisible()
    qtbot.waitUntil(lambda: dialog.note.hasFocus())
    assert [dialog.device.itemText(i) for i in range(dialog.device.count())][:2] == ["Web browser", "iPhone / iPad"]
    qtbot.keyClicks(dialog.note, "No Workplace field")
    tab_to(qtbot, dialog.device)
    press(qtbot, Qt.Key.Key_Down)  # iPhone / iPad
    tab_to(qtbot, dialog.note)
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: details.report_dialog is None)
    assert details.report_done.isVisible() and "Save step reports" in details.report_done.text()
    (report,) = window.tracker.step_reports()
    assert (report.item, report.device, report.text) == (item.key, "ios", "No Workplace field")

    # Esc leaves without recording anything. (Offscreen Qt does not hand activation back by itself.)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    qtbot.waitUntil(details.report_button.hasFocus)
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: details.report_dialog is not None and details.report_dialog.note.hasFocus())
    press(qtbot, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: details.report_dialog is None)
    assert len(window.tracker.step_reports()) == 1

    window.navigation.setCurrentRow(window.pages.index(window.settings))
    settings = window.settings
    qtbot.waitUntil(lambda: "1 item" in settings.reports_line.text())
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    window.navigation.setFocus()
    tab_to(qtbot, settings.save_reports_button)
    press(qtbot, Qt.Key.Key_Return)
    assert "Saved 1 step report" in window.banner.label.text()
    entry = json.loads(target.read_text())["reports"][0]
    assert (entry["item"], entry["device"], entry["text"]) == (
        item.key.split("/")[1],
        "iPhone / iPad",
        "No Workplace field",
    )


def test_clear_step_reports_by_keyboard_asks_first_and_says_how_many(qtbot: Any, make_window: WindowFactory) -> None:
    questions: list[tuple[str, str]] = []
    answers = [False, True]  # "Keep them" first, then "Clear the step reports"

    def answer(title: str, text: str) -> bool:
        questions.append((title, text))
        return answers.pop(0)

    window = make_window(dialogs=ScriptedDialogs(confirm=answer))
    window.welcome.start_button.click()
    window.picker.set_selection(["alpha"], [Surface.WEB])
    window.picker.done_button.click()
    settings = window.settings
    keyboard = Keyboard(qtbot)
    keyboard.press(Qt.Key.Key_5, Qt.KeyboardModifier.ControlModifier)
    assert window.stack.currentWidget() is settings
    assert not settings.clear_reports_button.isEnabled(), "nothing to clear"

    item = window.tracker.catalog.platform("alpha").items[0]
    window.tracker.report_mismatch(item, Surface.WEB, "no such menu")
    window.tracker.report_mismatch(item, Surface.IOS, "")
    keyboard.press(Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    keyboard.press(Qt.Key.Key_5, Qt.KeyboardModifier.ControlModifier)  # the count is current when Settings opens
    assert settings.clear_reports_button.isEnabled() and "2 items" in settings.reports_line.text()

    keyboard.tab_to(lambda w: w is settings.clear_reports_button)
    keyboard.press(Qt.Key.Key_Return)
    assert questions == [
        (
            "Clear step reports",
            "Forget the 2 step reports you made on this computer? Save them first if you still want to send them "
            "to your content owners.",
        )
    ]
    assert len(window.tracker.step_reports()) == 2, "Keep them keeps them"

    keyboard.alt(Qt.Key.Key_L, settings.clear_reports_button)
    assert window.tracker.step_reports() == []
    assert window.messages.history[-1] == Notice(Level.INFO, "Cleared 2 step reports.")
    assert window.banner.label.text() == "Cleared 2 step reports."
    assert not settings.clear_reports_button.isEnabled() and not settings.save_reports_button.isEnabled()
    assert "records it here" in settings.reports_line.text()
    assert QApplication.focusWidget() is settings.install_update_button  # not lost on a grey button

    window.store.save_now()
    window.close()
    again = make_window()
    assert again.tracker.step_reports() == [], "cleared in the saved progress too"


def test_clear_step_reports_is_named_for_a_screen_reader(make_window: WindowFactory) -> None:
    window = make_window()
    window.welcome.start_button.click()
    window.picker.set_selection(["alpha"], [Surface.WEB])
    window.picker.done_button.click()
    window.show_section(4)
    button = window.settings.clear_reports_button
    assert button.isVisible() and button.accessibleName() == "Clear the steps you said did not match"
    assert walk(window.settings) == []
    button.setAccessibleName("C&lear")  # the walk would have said so
    assert [f.kind for f in walk(window.settings)] == ["mnemonic & in name"]


def test_the_step_report_dialog_shows_its_example_whole(qtbot: Any, make_window: WindowFactory) -> None:
    """The dialog opened at its smallest (about 250 px at 1024×640, real app): the note's example read
    "Optional: what yo…" and the title was cut by the window frame."""
    window = make_window()
    window.welcome.start_button.click()
    window.picker.set_selection(["alpha"], [Surface.WEB])
    window.picker.done_button.click()
    keyboard = Keyboard(qtbot)
    keyboard.press(Qt.Key.Key_Return)  # Start: the guided session opens at the first item
    details = window.guided.details
    keyboard.alt(Qt.Key.Key_M, details.report_button)
    dialog = details.report_dialog
    assert dialog is not None
    qtbot.waitUntil(lambda: dialog.note.hasFocus())
    example = dialog.note.placeholderText()
    assert example.startswith("Optional: what you saw instead")
    margins = dialog.note.textMargins()
    room = dialog.note.contentsRect().width() - margins.left() - margins.right() - 8  # the frame's own padding
    assert dialog.note.fontMetrics().horizontalAdvance(example) <= room
    assert dialog.width() >= dialog.fontMetrics().horizontalAdvance(dialog.windowTitle()) + 120  # title + frame buttons
    press(qtbot, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: details.report_dialog is None)


def test_clearing_one_step_report_asks_about_it_not_them(qtbot: Any, make_window: WindowFactory) -> None:
    questions: list[str] = []
    window = make_window(dialogs=ScriptedDialogs(confirm=lambda title, text: questions.append(text) or False))
    window.welcome.start_button.click()
    window.picker.set_selection(["alpha"], [Surface.WEB])
    window.picker.done_button.click()
    window.tracker.report_mismatch(window.tracker.catalog.platform("alpha").items[0], Surface.WEB, "")
    keyboard = Keyboard(qtbot)
    keyboard.press(Qt.Key.Key_5, Qt.KeyboardModifier.ControlModifier)
    keyboard.alt(Qt.Key.Key_L, window.settings.clear_reports_button)
    assert questions == [
        "Forget the 1 step report you made on this computer? Save it first if you still want to send it to your "
        "content owners."
    ]
    assert len(window.tracker.step_reports()) == 1
