"""Keyboard story: "These steps didn't match what I saw" on an item, then Settings saves the file."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from socially_aware.catalog.model import Surface
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
