"""Keyboard edges, as stories: the keys a person presses, then what they see next.

The 15-minute session and Back in the guided session; Tab out of the photo table; Enter on a focused
button; Cancel in a file dialog; a focused control brought into view; the platform picker's list.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox, QScrollArea, QWidget

from socially_aware.catalog.model import Surface
from socially_aware.ui.links import UnopenedLinkDialog, open_local_folder
from socially_aware.ui.main_window import MainWindow
from tests.catalog.samples import good
from tests.scrubber.photos import dirty_jpeg
from tests.ui.conftest import WindowFactory
from tests.ui.dialogs import ScriptedDialogs
from tests.ui.test_first_run import Keyboard

pytestmark = pytest.mark.gui


def onboard(window: MainWindow, ids: list[str]) -> None:
    window.welcome.start_button.click()
    window.picker.set_selection(ids, [Surface.WEB])
    window.picker.done_button.click()


def test_i_have_15_minutes_is_a_short_session_with_its_own_finish(qtbot: Any, make_window: WindowFactory) -> None:
    window = make_window()
    onboard(window, ["alpha", "bravo", "charlie"])
    keys = Keyboard(qtbot)
    overview = window.overview
    assert overview.quick_button.isVisible()
    assert "that matter most for border staff" in overview.quick_detail.text()
    keys.alt(Qt.Key.Key_I, overview.quick_button)
    assert window.stack.currentWidget() is window.guided
    session = window.session
    assert session is not None and session.quick
    assert window.guided.where.text().startswith(f"15-minute session · Item 1 of {session.total} · ")
    whole = len(window.tracker.queue())
    assert 0 < session.total <= whole
    assert QApplication.focusWidget() is window.guided.done_button
    keys.press(Qt.Key.Key_Return)  # Done, next
    for _ in range(session.total - 1):
        keys.alt(Qt.Key.Key_S, window.guided.skip_button)
    assert window.stack.currentWidget() is window.finish
    assert window.finish.title.text() == "Your 15 minutes are up"
    assert window.finish.summary_line.text().startswith(f"You did 1 of the {session.total} items that matter most")
    assert ("wait for a full session" in window.finish.summary_line.text()) == (session.total < whole)
    assert window.finish.left_list.text().count("You skipped it.") == session.total - 1  # only its own items
    keys.press(Qt.Key.Key_Return)  # Back to the overview
    assert window.stack.currentWidget() is window.overview
    keys.press(Qt.Key.Key_Return)  # the full session is still there
    assert window.session is not None and not window.session.quick
    assert window.guided.where.text().startswith(f"Item 1 of {whole - 1} · ")


def test_back_to_an_earlier_item_says_what_was_chosen(qtbot: Any, make_window: WindowFactory) -> None:
    window = make_window()
    onboard(window, ["alpha", "bravo"])
    keys = Keyboard(qtbot)
    keys.press(Qt.Key.Key_Return)  # Start
    guided = window.guided
    first = guided.details.title.text()
    assert not guided.earlier.isVisible()
    keys.alt(Qt.Key.Key_L, guided.later_button)
    keys.alt(Qt.Key.Key_B, guided.back_button)
    assert guided.details.title.text() == first
    assert guided.earlier.isVisible()
    assert guided.earlier.text().startswith("Earlier in this session you chose: Later.")
    assert "you chose: Later" in guided.done_button.accessibleDescription()  # what a screen reader hears


def test_the_guided_buttons_stay_put_from_item_to_item(qtbot: Any, make_window: WindowFactory) -> None:
    window = make_window()
    window.resize(1400, 900)
    onboard(window, ["alpha", "bravo", "charlie"])
    keys = Keyboard(qtbot)
    keys.press(Qt.Key.Key_Return)
    guided = window.guided

    def places() -> list[Any]:
        QApplication.processEvents()
        return [
            b.mapTo(window, b.rect().topLeft())
            for b in (guided.done_button, guided.later_button, guided.skip_button, guided.back_button)
        ]

    keys.alt(Qt.Key.Key_S, guided.skip_button)  # Back becomes enabled from here on
    seen = places()
    for _ in range(3):
        keys.press(Qt.Key.Key_Return)
        if window.stack.currentWidget() is not guided:
            break
        assert places() == seen


def test_enter_on_reviews_open_a_download_opens_the_chooser(qtbot: Any, make_window: WindowFactory) -> None:
    asked: list[str] = []
    window = make_window(dialogs=ScriptedDialogs(open_files=lambda title: asked.append("archives") or []))
    onboard(window, ["alpha"])
    keys = Keyboard(qtbot)
    keys.press(Qt.Key.Key_6, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.focusWidget() is window.review.open_button
    keys.press(Qt.Key.Key_Return)
    assert asked == ["archives"]
    assert window.stack.currentWidget() is window.review  # not Checklists
    keys.press(Qt.Key.Key_Enter)  # the keypad's Enter too
    assert asked == ["archives", "archives"]


def test_cancel_in_the_download_chooser_cancels(qtbot: Any, make_window: WindowFactory, monkeypatch: Any) -> None:
    dialogs: list[str] = []
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", lambda *a, **k: dialogs.append("files") or ([], ""))
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: dialogs.append("folder") or "")
    window = make_window()
    onboard(window, ["alpha"])
    keys = Keyboard(qtbot)
    keys.press(Qt.Key.Key_6, Qt.KeyboardModifier.ControlModifier)
    keys.press(Qt.Key.Key_Return)  # Open a download…, then Cancel in the file dialog
    assert dialogs == ["files"]  # no second dialog
    keys.tab_to(lambda w: w is window.review.folder_button)
    keys.press(Qt.Key.Key_Return)  # the folder has its own button
    assert dialogs == ["files", "folder"]
    assert window.stack.currentWidget() is window.review


def test_cancel_in_the_mail_chooser_cancels(qtbot: Any, make_window: WindowFactory, monkeypatch: Any) -> None:
    dialogs: list[str] = []
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: dialogs.append("file") or ("", ""))
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: dialogs.append("folder") or "")
    window = make_window()
    onboard(window, ["alpha"])
    keys = Keyboard(qtbot)
    keys.press(Qt.Key.Key_4, Qt.KeyboardModifier.ControlModifier)
    keys.tab_to(lambda w: w is window.accounts.mail_button)
    keys.press(Qt.Key.Key_Return)
    assert dialogs == ["file"]
    keys.tab_to(lambda w: w is window.accounts.mail_folder_button)
    keys.press(Qt.Key.Key_Return)
    assert dialogs == ["file", "folder"]


def test_tab_leaves_the_photo_table_for_the_details(qtbot: Any, make_window: WindowFactory, tmp_path: Path) -> None:
    folder = tmp_path / "photos"
    folder.mkdir()
    for n in range(3):
        dirty_jpeg(folder / f"IMG_{n}.jpg")
    window = make_window(dialogs=ScriptedDialogs(open_files=lambda _title: sorted(folder.iterdir())))
    onboard(window, ["alpha"])
    keys = Keyboard(qtbot)
    keys.press(Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    keys.press(Qt.Key.Key_Return)  # Add photos…
    page = window.photos
    qtbot.waitUntil(lambda: not page.worker.busy() and page.table.rowCount() == 3, timeout=10000)
    keys.tab_to(lambda w: w is page.table)
    keys.press(Qt.Key.Key_Down)  # arrows move inside the table
    assert page.table.currentRow() == 1 and "IMG_1" in page.details.toPlainText()
    keys.press(Qt.Key.Key_Tab)  # one Tab leaves it
    assert QApplication.focusWidget() is not page.table
    keys.tab_to(lambda w: w is page.details, limit=6)  # and the details are a few Tabs on, not 3 × 3 cells


def test_a_focused_button_scrolled_out_of_view_comes_back_into_view(qtbot: Any, make_window: WindowFactory) -> None:
    asked: list[str] = []
    window = make_window(dialogs=ScriptedDialogs(confirm=lambda *a, **k: asked.append("confirm") or False))
    window.resize(1024, 500)
    onboard(window, ["alpha", "bravo", "charlie", "delta"])
    keys = Keyboard(qtbot)
    keys.press(Qt.Key.Key_5, Qt.KeyboardModifier.ControlModifier)  # Settings: taller than the window
    settings = window.settings
    area = next(a for a in settings.findChildren(QScrollArea) if a.isVisible())
    delete = settings.delete_button
    keys.tab_to(lambda w: w is delete)
    assert area.verticalScrollBar().value() > 0 and not delete.visibleRegion().isEmpty()  # Tab showed it
    area.verticalScrollBar().setValue(0)  # the person scrolls back up with the mouse wheel
    QApplication.processEvents()
    assert delete.visibleRegion().isEmpty() and QApplication.focusWidget() is delete
    keys.press(Qt.Key.Key_Return)
    assert not delete.visibleRegion().isEmpty()  # what Enter pressed is in view
    assert asked == ["confirm"]


def test_the_picker_grid_is_one_tab_stop_with_arrow_keys(qtbot: Any, make_window: WindowFactory) -> None:
    window = make_window()
    keys = Keyboard(qtbot)
    keys.press(Qt.Key.Key_Return)  # Get started
    picker = window.picker
    assert QApplication.focusWidget() is picker.search
    keys.press(Qt.Key.Key_Tab)
    first = QApplication.focusWidget()
    assert first is picker.boxes["alpha"]
    keys.press(Qt.Key.Key_Right)
    assert QApplication.focusWidget() is picker.boxes["bravo"]
    keys.press(Qt.Key.Key_Space)
    assert picker.boxes["bravo"].isChecked()
    keys.press(Qt.Key.Key_Tab)  # one Tab leaves the grid for the devices
    assert QApplication.focusWidget() in picker.surface_boxes.values()
    keys.press(Qt.Key.Key_Tab, Qt.KeyboardModifier.ShiftModifier)
    assert QApplication.focusWidget() is picker.boxes["bravo"]  # back where the person was


def test_enter_in_the_picker_search_ticks_a_single_match(qtbot: Any, make_window: WindowFactory) -> None:
    window = make_window()
    keys = Keyboard(qtbot)
    keys.press(Qt.Key.Key_Return)
    picker = window.picker
    qtbot.keyClicks(picker.search, "char")
    keys.press(Qt.Key.Key_Return)
    assert picker.boxes["charlie"].isChecked()
    assert window.stack.currentWidget() is picker  # Enter ticked, it did not continue
    assert picker.search_note.text().startswith("Ticked Charlie.")
    assert QApplication.focusWidget() is picker.search  # type the next name straight away
    qtbot.keyClicks(picker.search, "zzz")
    keys.press(Qt.Key.Key_Return)
    assert picker.search_note.text() == "Nothing matches that name."
    picker.search.clear()
    qtbot.keyClicks(picker.search, "a")  # Alpha, Bravo, Charlie, Delta
    keys.press(Qt.Key.Key_Return)
    assert QApplication.focusWidget() is picker.boxes["alpha"] and not picker.boxes["alpha"].isChecked()


def test_ticking_a_phone_says_its_settings_checklist_is_added(
    qtbot: Any, make_window: WindowFactory, checklist_dir: Path
) -> None:
    phone = good("iphone", "iPhone and iPad").replace("category: social", "category: device")
    (checklist_dir / "iphone.yaml").write_text(phone, encoding="utf-8")
    window = make_window()
    keys = Keyboard(qtbot)
    keys.press(Qt.Key.Key_Return)
    picker = window.picker
    device = picker.surface_boxes[Surface.IOS]
    assert "also adds the iPhone and iPad settings checklist" in device.accessibleDescription()
    keys.tab_to(lambda w: w is device)
    keys.press(Qt.Key.Key_Space)
    assert picker.boxes["iphone"].isChecked()
    assert picker.device_note.text().startswith(
        "Ticking iPhone / iPad also added iPhone and iPad settings: a checklist for the device's own settings."
    )
    keys.press(Qt.Key.Key_Space)
    assert picker.device_note.text() == ""


@pytest.mark.parametrize("width", [1024, 800])
def test_the_picker_never_scrolls_sideways(
    qtbot: Any, make_window: WindowFactory, checklist_dir: Path, width: int
) -> None:
    for n in range(4):  # names as long as the longest real ones, several in one category
        long_name = f"Personal email {n} (Gmail, Outlook.com, Yahoo Mail)"
        (checklist_dir / f"long{n}.yaml").write_text(good(f"long{n}", long_name), encoding="utf-8")
    window = make_window()
    window.resize(width, 640)
    window.welcome.start_button.click()
    picker = window.picker
    qtbot.waitUntil(lambda: picker._scroll.widget().width() <= picker._scroll.viewport().width())
    inner = picker._scroll.widget()
    qtbot.waitUntil(lambda: all(b.geometry().right() <= inner.width() for b in picker.boxes.values()), timeout=2000)
    bar = picker._scroll.horizontalScrollBar()
    assert bar.maximum() == 0 or not bar.isVisible()
    inner = picker._scroll.widget()
    assert inner.width() <= picker._scroll.viewport().width()
    for box in picker.boxes.values():
        assert box.geometry().right() <= inner.width(), box.text()


def test_the_delete_question_s_buttons_say_what_they_do(qtbot: Any, make_window: WindowFactory) -> None:
    window = make_window()
    onboard(window, ["alpha"])
    seen: list[list[str]] = []

    def answer() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):  # not shown yet: look again in a moment
            QTimer.singleShot(10, answer)
            return
        seen.append([b.text() for b in box.buttons()] + [box.defaultButton().text()])
        QTest.keyClick(box, Qt.Key.Key_Escape)

    QTimer.singleShot(10, answer)
    window.settings.delete_button.click()
    assert len(seen) == 1 and sorted(seen[0][:2]) == ["Delete all my local data", "Keep my data"]
    assert seen[0][2] == "Keep my data"  # Enter keeps
    assert window.tracker.welcomed  # Esc kept everything


def test_without_a_file_manager_the_folder_s_path_is_shown_to_copy(qtbot: Any, tmp_path: Path) -> None:
    host = QWidget()
    qtbot.addWidget(host)
    host.show()
    assert not open_local_folder(tmp_path, opener=lambda url: False, parent=host)
    dialog = host.findChild(UnopenedLinkDialog)
    assert dialog is not None and dialog.windowTitle() == "Couldn't open a file manager"
    assert dialog.address.text() == str(tmp_path) and dialog.copy_button.text() == "&Copy path"
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.copy_button)
    QTest.keyClick(dialog.copy_button, Qt.Key.Key_Return)
    assert QGuiApplication.clipboard().text() == str(tmp_path)


def test_a_wrong_passphrase_s_reason_is_shown_whole(qtbot: Any) -> None:
    from socially_aware.progress.errors import WrongPassphraseError
    from socially_aware.ui.passphrase import PassphraseDialog

    def wrong(_passphrase: str) -> None:
        raise WrongPassphraseError("That passphrase does not open this file.")

    dialog = PassphraseDialog("Type the passphrase that protects your progress.", False, unlock=wrong)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    qtbot.keyClicks(dialog.first, "not it")
    QTest.keyClick(dialog.first, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.attempts == 1)
    QApplication.processEvents()
    label = dialog.problem
    assert "tried 1 time" in label.text()
    assert label.height() >= label.heightForWidth(label.width())  # every line of the reason, none cut off


def test_a_notice_at_the_top_does_not_push_the_focused_button_out_of_view(
    qtbot: Any, make_window: WindowFactory
) -> None:
    """Export progress at 1024×640: "Exported to …" pushed the page down and the focused button with it,
    below the window's edge (keyboard walk): the focus ring was nowhere to be seen."""
    window = make_window()
    window.resize(1024, 500)
    onboard(window, ["alpha", "bravo", "charlie", "delta"])
    keys = Keyboard(qtbot)
    keys.press(Qt.Key.Key_5, Qt.KeyboardModifier.ControlModifier)
    delete = window.settings.delete_button
    keys.tab_to(lambda w: w is delete)
    assert delete.visibleRegion().boundingRect().height() == delete.height()  # Tab brought it into view

    window.messages.info("Exported to /somewhere/socially-aware-progress.saexport. Keep the passphrase safe.")
    qtbot.waitUntil(lambda: window.banner.isVisible())
    for _ in range(3):
        QApplication.processEvents()
    assert QApplication.focusWidget() is delete
    assert delete.visibleRegion().boundingRect().height() == delete.height()  # still in view, ring and all


def test_tab_reaches_an_items_private_note_before_its_marks(qtbot: Any, make_window: WindowFactory) -> None:
    """The note ends the item's text and the marks sit below it, but Tab went from the text to Done and came
    back up to the note after Undo (seen walking Checklists by keyboard)."""
    window = make_window()
    onboard(window, ["alpha"])
    keys = Keyboard(qtbot)
    keys.press(Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    view = window.checklists.view
    keys.tab_to(lambda w: w is view.details.report_button)
    order = []
    for _ in range(6):
        keys.press(Qt.Key.Key_Tab)
        order.append(QApplication.focusWidget())
    assert order == [view.note, *view.buttons.values(), window.checklists.next_button]
