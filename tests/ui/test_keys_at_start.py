"""From launch to the window: keyring or passphrase, a wrong passphrase asked again in place,
"Forgot it?", and older progress (a rollback) told to the person with a way forward.

The stories drive the real dialogs and window by keyboard (typing, Tab, Space, Enter).
"""

from __future__ import annotations

import shutil
import threading
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import keyring
import pytest
from keyring.backends import fail
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QProgressBar, QPushButton, QWidget

from socially_aware.app import StoreOpener
from socially_aware.locations import Locations
from socially_aware.progress.errors import WrongPassphraseError
from socially_aware.progress.keys import KeyringKeySource, PassphraseKeySource
from socially_aware.progress.model import Appearance, ItemProgress, ItemState, ProgressDocument
from socially_aware.progress.opening import key_plan
from socially_aware.progress.store import ProgressStore
from socially_aware.ui.main_window import MainWindow
from socially_aware.ui.older_progress import OlderProgressDialog
from socially_aware.ui.passphrase import PassphraseDialog
from socially_aware.ui.startup import Startup
from tests.ui.dialogs import ScriptedDialogs

pytestmark = pytest.mark.gui

RIGHT = "correct horse battery"
WAIT_MS = 60_000  # an upper bound for one scrypt on a busy machine, not a timing assumption


@pytest.fixture
def no_keyring() -> Iterator[None]:
    previous = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    yield
    keyring.set_keyring(previous)


@pytest.fixture
def keyring_keys(require_real_keyring: None) -> Iterator[KeyringKeySource]:
    source = KeyringKeySource(service=f"socially-aware-test-{uuid.uuid4()}")
    yield source
    source.forget()


def _progress(*done: str) -> ProgressDocument:
    doc = ProgressDocument(welcomed=True, platforms=["alpha", "bravo"])
    for key in done:
        doc.items[key] = ItemProgress(ItemState.DONE, datetime(2026, 11, 20, tzinfo=UTC), 1)
    return doc


def _save_with_passphrase(locations: Locations, *docs: ProgressDocument) -> ProgressStore:
    store = ProgressStore(locations.data_dir, PassphraseKeySource(RIGHT))
    for doc in docs:
        store.save(doc)
    return store


def _type(qtbot: Any, widget: QWidget, text: str) -> None:
    widget.setFocus()
    qtbot.keyClicks(widget, text)
    qtbot.keyClick(widget, Qt.Key.Key_Return)


def _press(qtbot: Any, key: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
    focused = QApplication.focusWidget()
    assert focused is not None
    qtbot.keyClick(focused, key, modifier)


def _tab_to(qtbot: Any, target: QWidget, limit: int = 20) -> None:
    for _ in range(limit):
        if QApplication.focusWidget() is target:
            return
        _press(qtbot, Qt.Key.Key_Tab)
    raise AssertionError(f"{target} cannot be reached with Tab")


def _start(qtbot: Any, opener: StoreOpener) -> tuple[Startup, list[object]]:
    startup = Startup(opener)
    finished: list[object] = []
    startup.finished.connect(finished.append)
    startup.start()
    if startup.dialog is not None:
        qtbot.addWidget(startup.dialog)
        qtbot.waitExposed(startup.dialog)
        qtbot.waitUntil(lambda: QApplication.activeWindow() is startup.dialog)
    return startup, finished


def _opened_window(qtbot: Any, finished: list[object]) -> MainWindow:
    qtbot.waitUntil(lambda: bool(finished), timeout=WAIT_MS)
    window = finished[0]
    assert isinstance(window, MainWindow)
    qtbot.addWidget(window)
    window.show()
    return window


def _progress_bars(window: MainWindow) -> list[str]:
    return [bar.accessibleName() for bar in window.overview.findChildren(QProgressBar) if bar.isVisibleTo(window)]


# -- which key, and why ------------------------------------------------------------------------------


def test_no_keyring_asks_for_a_new_passphrase_and_says_why(tmp_path: Path, no_keyring: None) -> None:
    keys, why, creating = key_plan(tmp_path)
    assert keys is None and why is not None and "No keyring service" in why and creating
    assert "missing from" in why and str(tmp_path) in why  # the deletion it cannot detect, said plainly


def test_a_passphrase_file_asks_for_the_passphrase_even_with_a_keyring(tmp_path: Path) -> None:
    ProgressStore(tmp_path, PassphraseKeySource(RIGHT)).save(ProgressDocument())
    keys, why, creating = key_plan(tmp_path)
    assert keys is None and why is not None and "passphrase" in why and not creating


def test_dialog_insists_on_a_long_enough_matching_passphrase(qtbot: Any) -> None:
    dialog = PassphraseDialog("No keyring here.", creating=True)
    qtbot.addWidget(dialog)
    dialog.show()
    _type(qtbot, dialog.first, "short")
    _type(qtbot, dialog.second, "short")
    assert "at least 8" in dialog.problem.text()
    dialog.first.clear()
    dialog.second.clear()
    qtbot.keyClicks(dialog.first, "long enough passphrase")
    _type(qtbot, dialog.second, "something else")
    assert "different" in dialog.problem.text()
    dialog.second.clear()
    with qtbot.waitSignal(dialog.accepted):
        _type(qtbot, dialog.second, "long enough passphrase")
    assert dialog.passphrase() == "long enough passphrase"


def test_a_new_passphrase_goes_field_by_field_with_enter(qtbot: Any) -> None:
    chosen: list[str] = []
    dialog = PassphraseDialog("No keyring here.", creating=True, unlock=chosen.append, forget=lambda: None)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    assert dialog.windowTitle() == "Protect your progress"
    assert not dialog.forgot_button.isVisible()  # nothing to forget yet
    assert dialog.first.hasFocus() and "8 characters" in dialog.first.placeholderText()
    qtbot.keyClicks(dialog.first, "long enough passphrase")
    _press(qtbot, Qt.Key.Key_Return)
    assert dialog.second.hasFocus() and dialog.problem.text() == "" and dialog.isVisible()
    qtbot.keyClicks(dialog.second, "long enough passphrase")
    with qtbot.waitSignal(dialog.accepted, timeout=WAIT_MS):
        _press(qtbot, Qt.Key.Key_Return)
    assert chosen == ["long enough passphrase"]


def test_unlocking_has_its_own_title_and_enter_opens(qtbot: Any) -> None:
    tried: list[str] = []
    dialog = PassphraseDialog("Protected.", creating=False, unlock=tried.append, forget=lambda: None)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    assert dialog.windowTitle() == "Unlock your progress" and dialog.forgot_button.isVisible()
    assert dialog.first.placeholderText() and not dialog.second.isVisible()
    with qtbot.waitSignal(dialog.accepted, timeout=WAIT_MS):
        _type(qtbot, dialog.first, RIGHT)
    assert tried == [RIGHT]


def test_the_forgot_panel_gets_its_room_and_gives_it_back(qtbot: Any) -> None:
    dialog = PassphraseDialog("Your saved progress was protected with a passphrase.", False, forget=lambda: None)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    closed_height = dialog.height()
    _tab_to(qtbot, dialog.forgot_button)
    _press(qtbot, Qt.Key.Key_Return)
    assert dialog.understand.hasFocus()
    explanation = dialog.forgot_panel.findChildren(QWidget)[0]
    assert explanation.height() >= explanation.heightForWidth(explanation.width())  # nothing cut off
    for button in (dialog.start_over_button, dialog.understand):
        assert button.height() >= button.sizeHint().height()
    assert dialog.height() > closed_height
    _tab_to(qtbot, next(b for b in dialog.forgot_panel.findChildren(QPushButton) if b.text() == "Back"))
    _press(qtbot, Qt.Key.Key_Return)
    assert not dialog.forgot_panel.isVisible() and dialog.first.hasFocus()
    assert dialog.height() == closed_height  # no gaps left where the panel was


@pytest.mark.parametrize("creating", [True, False])
def test_the_dialog_is_wide_enough_for_its_text(qtbot: Any, creating: bool) -> None:
    dialog = PassphraseDialog("Your saved progress was protected with a passphrase.", creating, forget=lambda: None)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    metrics = dialog.fontMetrics()
    assert dialog.width() >= 480
    assert dialog.width() > metrics.horizontalAdvance(dialog.windowTitle()) + 120  # title bar buttons too
    for button in (dialog.ok_button, dialog.forgot_button):
        if button.isVisible():
            assert button.width() >= metrics.horizontalAdvance(button.text())


def test_busy_while_the_key_is_made_and_nothing_can_be_pressed_twice(qtbot: Any) -> None:
    release = threading.Event()
    calls: list[str] = []

    def slow_unlock(passphrase: str) -> str:
        calls.append(passphrase)
        release.wait(WAIT_MS / 1000)
        return "opened"

    dialog = PassphraseDialog("Protected.", creating=False, unlock=slow_unlock)
    qtbot.addWidget(dialog)
    dialog.show()
    _type(qtbot, dialog.first, RIGHT)
    qtbot.waitUntil(lambda: bool(calls))
    assert dialog.busy.isVisible() and not dialog.first.isEnabled() and not dialog.ok_button.isEnabled()
    qtbot.keyClick(dialog, Qt.Key.Key_Return)  # ignored while busy
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)  # so is leaving: the worker thread must finish first
    assert dialog.isVisible()
    with qtbot.waitSignal(dialog.accepted, timeout=WAIT_MS):
        release.set()
    assert calls == [RIGHT] and dialog.result_value == "opened" and not dialog.busy.isVisible()


# -- stories ---------------------------------------------------------------------------------------


def test_wrong_passphrase_is_asked_again_in_place_then_progress_is_restored(
    qtbot: Any, locations: Locations, no_keyring: None
) -> None:
    _save_with_passphrase(locations, _progress("alpha/hide-employer"))
    startup, finished = _start(qtbot, StoreOpener(locations))
    dialog = startup.dialog
    assert isinstance(dialog, PassphraseDialog) and dialog.isVisible()

    _type(qtbot, dialog.first, "correct horse batterie")
    qtbot.waitUntil(lambda: "tried 1 time" in dialog.problem.text(), timeout=WAIT_MS)
    assert "does not open your saved progress" in dialog.problem.text()
    assert "no limit" in dialog.problem.text()
    assert dialog.isVisible() and not finished and dialog.first.text() == "" and dialog.first.hasFocus()

    _type(qtbot, dialog.first, "Correct Horse Battery")
    qtbot.waitUntil(lambda: "tried 2 times" in dialog.problem.text(), timeout=WAIT_MS)

    _type(qtbot, dialog.first, RIGHT)
    window = _opened_window(qtbot, finished)
    assert not dialog.isVisible()
    assert window.tracker.doc.items["alpha/hide-employer"].state is ItemState.DONE
    assert any("Alpha" in name and "1 of" in name for name in _progress_bars(window)), _progress_bars(window)
    assert not window.banner.isVisible()


def test_quit_at_the_passphrase_opens_nothing(qtbot: Any, locations: Locations, no_keyring: None) -> None:
    _save_with_passphrase(locations, _progress())
    startup, finished = _start(qtbot, StoreOpener(locations))
    before = sorted(p.name for p in locations.data_dir.iterdir())
    qtbot.keyClick(startup.dialog, Qt.Key.Key_Escape)
    assert finished == [None]
    assert sorted(p.name for p in locations.data_dir.iterdir()) == before


def test_forgot_it_explains_what_is_lost_and_starts_over_once_confirmed(
    qtbot: Any, locations: Locations, no_keyring: None
) -> None:
    _save_with_passphrase(locations, _progress("alpha/hide-employer"), _progress("alpha/hide-employer"))
    startup, finished = _start(qtbot, StoreOpener(locations))
    dialog = startup.dialog
    assert isinstance(dialog, PassphraseDialog)
    _type(qtbot, dialog.first, "what was it again")
    qtbot.waitUntil(lambda: "tried 1 time" in dialog.problem.text(), timeout=WAIT_MS)

    _tab_to(qtbot, dialog.forgot_button)
    _press(qtbot, Qt.Key.Key_Return)
    assert dialog.forgot_panel.isVisible() and dialog.understand.hasFocus()
    assert "never stored" in dialog.forgot_panel.findChildren(QWidget)[0].text()
    assert not dialog.start_over_button.isEnabled()
    _press(qtbot, Qt.Key.Key_Tab)  # to the disabled button? no: disabled buttons take no focus
    assert not dialog.start_over_button.hasFocus()
    dialog.understand.setFocus()
    _press(qtbot, Qt.Key.Key_Space)
    assert dialog.start_over_button.isEnabled()
    assert locations.data_dir.exists()  # nothing deleted before the last press
    _press(qtbot, Qt.Key.Key_Tab)
    assert dialog.start_over_button.hasFocus()
    _press(qtbot, Qt.Key.Key_Return)

    assert not (locations.data_dir / "progress.sa").exists() and not (locations.data_dir / "progress.sa.bak").exists()
    assert dialog.second.isVisible() and "deleted" in dialog.reason.text()
    qtbot.keyClicks(dialog.first, "a new passphrase")
    _type(qtbot, dialog.second, "a new passphrase")
    window = _opened_window(qtbot, finished)
    assert window.tracker.doc.items == {} and window.stack.currentWidget() is window.welcome
    # The new passphrase protects what is saved from now on.
    window.welcome.start_button.click()
    window.picker.set_selection(["alpha"], [next(iter(window.picker.surface_boxes))])
    window.picker.done_button.click()
    assert ProgressStore(locations.data_dir, PassphraseKeySource("a new passphrase")).load().platforms == ["alpha"]


def test_restore_the_previous_copy_works_after_a_wrong_passphrase(
    qtbot: Any, locations: Locations, no_keyring: None
) -> None:
    store = _save_with_passphrase(locations, _progress("alpha/hide-employer"), _progress("alpha/hide-employer"))
    damaged = bytearray(store.path.read_bytes())
    damaged[12] ^= 0x40  # in the header: the passphrase can't be checked against this file any more
    store.path.write_bytes(bytes(damaged))
    startup, finished = _start(qtbot, StoreOpener(locations))
    dialog = startup.dialog
    assert isinstance(dialog, PassphraseDialog)
    _type(qtbot, dialog.first, "not the passphrase")  # checked against the previous copy instead
    qtbot.waitUntil(lambda: "tried 1 time" in dialog.problem.text(), timeout=WAIT_MS)
    _type(qtbot, dialog.first, RIGHT)
    window = _opened_window(qtbot, finished)
    assert "damaged" in window.banner.label.text()
    window.messages.dialogs = ScriptedDialogs(confirm=lambda title, text: True)  # the box itself is not under test
    window.show_section(4)
    window.settings.restore_button.setFocus()
    qtbot.keyClick(window.settings.restore_button, Qt.Key.Key_Space)
    assert window.tracker.doc.items["alpha/hide-employer"].state is ItemState.DONE
    assert ProgressStore(locations.data_dir, PassphraseKeySource(RIGHT)).load().items


@pytest.mark.keyring
@pytest.mark.parametrize("how", ["backup copied over", "file deleted"])
def test_older_progress_at_start_is_told_and_can_be_accepted(
    qtbot: Any, locations: Locations, keyring_keys: KeyringKeySource, how: str
) -> None:
    store = ProgressStore(locations.data_dir, keyring_keys)
    store.save(_progress())
    store.save(_progress("alpha/hide-employer"))
    if how == "file deleted":
        store.path.unlink()
    else:
        shutil.copyfile(store.backup_path, store.path)
    startup, finished = _start(qtbot, StoreOpener(locations, KeyringKeySource(service=keyring_keys.service)))
    dialog = startup.dialog
    assert isinstance(dialog, OlderProgressDialog) and dialog.isVisible() and not finished
    text = dialog.what.text()
    assert ("missing" in text) if how == "file deleted" else ("older copy" in text)
    assert dialog.carry_on_button.hasFocus()
    _press(qtbot, Qt.Key.Key_Return)
    window = _opened_window(qtbot, finished)
    assert "alpha/hide-employer" not in window.tracker.doc.items  # the older progress, knowingly
    window.picker.set_selection(["alpha"], [next(iter(window.picker.surface_boxes))])
    window.picker.done_button.click()
    again = ProgressStore(locations.data_dir, KeyringKeySource(service=keyring_keys.service))
    assert again.load().platforms == ["alpha"]  # accepted: no alarm next time


@pytest.mark.keyring
def test_everything_deleted_can_start_over_or_quit(
    qtbot: Any, locations: Locations, keyring_keys: KeyringKeySource
) -> None:
    store = ProgressStore(locations.data_dir, keyring_keys)
    store.save(_progress("alpha/hide-employer"))
    store.path.unlink()
    startup, finished = _start(qtbot, StoreOpener(locations, KeyringKeySource(service=keyring_keys.service)))
    dialog = startup.dialog
    assert isinstance(dialog, OlderProgressDialog)
    assert not dialog.carry_on_button.isVisible() and dialog.start_over_button.hasFocus()
    _press(qtbot, Qt.Key.Key_Return)  # "Start over…": asks first
    assert dialog.confirm_panel.isVisible() and not finished
    _press(qtbot, Qt.Key.Key_Space)
    _press(qtbot, Qt.Key.Key_Tab)
    assert dialog.confirm_button.hasFocus()
    _press(qtbot, Qt.Key.Key_Return)
    window = _opened_window(qtbot, finished)
    assert window.stack.currentWidget() is window.welcome


@pytest.mark.keyring
def test_quit_at_older_progress_changes_nothing(
    qtbot: Any, locations: Locations, keyring_keys: KeyringKeySource
) -> None:
    store = ProgressStore(locations.data_dir, keyring_keys)
    store.save(_progress())
    store.save(_progress("alpha/hide-employer"))
    shutil.copyfile(store.backup_path, store.path)
    before = {p.name: p.read_bytes() for p in locations.data_dir.iterdir()}
    startup, finished = _start(qtbot, StoreOpener(locations, KeyringKeySource(service=keyring_keys.service)))
    qtbot.keyClick(startup.dialog, Qt.Key.Key_Escape)
    assert finished == [None]
    assert {p.name: p.read_bytes() for p in locations.data_dir.iterdir()} == before


def test_unlock_raises_only_for_a_passphrase_that_opens_nothing(locations: Locations, no_keyring: None) -> None:
    _save_with_passphrase(locations, _progress())
    opener = StoreOpener(locations)
    with pytest.raises(WrongPassphraseError):
        opener.unlock("not it at all")
    opener.unlock(RIGHT)
    assert opener.opened is not None and opener.opened.problem is None


def test_create_app_waits_for_the_passphrase_then_returns_the_window(
    qtbot: Any, qapp: QApplication, locations: Locations, no_keyring: None
) -> None:
    from PySide6.QtCore import QTimer

    from socially_aware.app import create_app

    _save_with_passphrase(locations, _progress("alpha/hide-employer"))
    typed: list[str] = []

    def type_into_the_dialog() -> None:
        dialogs = [w for w in QApplication.topLevelWidgets() if isinstance(w, PassphraseDialog) and w.isVisible()]
        if not dialogs:
            QTimer.singleShot(10, type_into_the_dialog)  # not shown yet: look again on the next turn
            return
        qtbot.keyClicks(dialogs[0].first, RIGHT)
        qtbot.keyClick(dialogs[0].first, Qt.Key.Key_Return)
        typed.append(RIGHT)

    QTimer.singleShot(0, type_into_the_dialog)
    app, window = create_app([], locations=locations, theme=Appearance.LIGHT)
    assert app is qapp and typed == [RIGHT]
    assert isinstance(window, MainWindow)
    qtbot.addWidget(window)
    assert window.tracker.doc.items["alpha/hide-employer"].state is ItemState.DONE


def test_a_damaged_passphrase_file_still_asks_for_the_passphrase(tmp_path: Path) -> None:
    store = ProgressStore(tmp_path, PassphraseKeySource(RIGHT))
    store.save(ProgressDocument())
    store.save(ProgressDocument())
    store.path.write_bytes(b"SAPROG1\n\x00\x05{}")
    keys, why, creating = key_plan(tmp_path)
    assert keys is None and why is not None and not creating


# -- delete all local data (Settings) --------------------------------------------------------------


def _choose_platform(window: MainWindow, platform: str) -> None:
    window.welcome.start_button.click()
    window.picker.set_selection([platform], [next(iter(window.picker.surface_boxes))])
    window.picker.done_button.click()


def _delete_everything_by_keyboard(qtbot: Any, window: MainWindow) -> None:
    _press(qtbot, Qt.Key.Key_5, Qt.KeyboardModifier.ControlModifier)
    _tab_to(qtbot, window.settings.delete_button, limit=40)
    _press(qtbot, Qt.Key.Key_Return)


def _window_with(qtbot: Any, locations: Locations, keys: Any) -> MainWindow:
    from socially_aware.app import build_window

    window = build_window(locations, keys, dialogs=ScriptedDialogs(confirm=lambda title, text: True))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    return window


def test_delete_all_with_a_passphrase_asks_for_a_new_one_before_anything_is_saved(
    qtbot: Any, locations: Locations
) -> None:
    window = _window_with(qtbot, locations, PassphraseKeySource(RIGHT))
    _choose_platform(window, "alpha")
    assert (locations.data_dir / "progress.sa").exists()

    _delete_everything_by_keyboard(qtbot, window)
    dialog = window.new_passphrase
    assert isinstance(dialog, PassphraseDialog)
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    assert dialog.isModal() and dialog.second.isVisible() and not dialog.forgot_button.isVisible()
    assert "deleted" in dialog.reason.text() and "nothing is saved until" in dialog.reason.text()
    assert dialog.first.hasFocus()
    assert not (locations.data_dir / "progress.sa").exists()

    qtbot.keyClicks(dialog.first, "a new passphrase")
    _press(qtbot, Qt.Key.Key_Tab)
    assert dialog.second.hasFocus()
    qtbot.keyClicks(dialog.second, "a new passphrase")
    with qtbot.waitSignal(dialog.accepted, timeout=WAIT_MS):
        _press(qtbot, Qt.Key.Key_Return)
    assert window.stack.currentWidget() is window.welcome

    _choose_platform(window, "bravo")
    assert ProgressStore(locations.data_dir, PassphraseKeySource("a new passphrase")).load().platforms == ["bravo"]
    with pytest.raises(WrongPassphraseError):
        ProgressStore(locations.data_dir, PassphraseKeySource(RIGHT)).load()


def test_quit_instead_of_a_new_passphrase_leaves_nothing_behind(qtbot: Any, locations: Locations) -> None:
    window = _window_with(qtbot, locations, PassphraseKeySource(RIGHT))
    _choose_platform(window, "alpha")
    _delete_everything_by_keyboard(qtbot, window)
    dialog = window.new_passphrase
    assert isinstance(dialog, PassphraseDialog)
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    _press(qtbot, Qt.Key.Key_Escape)
    assert not window.isVisible()
    assert not locations.data_dir.exists() or not any(locations.data_dir.iterdir())


def test_delete_all_with_the_keyring_makes_a_new_key_and_asks_nothing(
    qtbot: Any, locations: Locations, keyring_keys: KeyringKeySource
) -> None:
    window = _window_with(qtbot, locations, keyring_keys)
    _choose_platform(window, "alpha")
    old_key = keyring_keys.key_for({})
    _delete_everything_by_keyboard(qtbot, window)
    assert not hasattr(window, "new_passphrase")
    assert QApplication.activeWindow() is window and window.welcome.start_button.hasFocus()
    _choose_platform(window, "bravo")
    assert keyring_keys.key_for({}) != old_key
    assert ProgressStore(locations.data_dir, keyring_keys).load().platforms == ["bravo"]
