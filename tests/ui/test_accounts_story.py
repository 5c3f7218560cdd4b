"""Stories in the real window, by keyboard: import an export, the organisation's own sites left out, "Close or move"
landing on the right steps without touching the person's platforms, a dropped file, a link that can't open."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QDesktopServices, QGuiApplication
from PySide6.QtWidgets import QApplication, QLineEdit

from socially_aware.app import build_window
from socially_aware.locations import Locations, bundled_root
from socially_aware.progress.model import ProgressDocument
from socially_aware.progress.store import ProgressStore
from socially_aware.ui.links import UnopenedLinkDialog
from socially_aware.ui.main_window import MainWindow
from socially_aware.ui.style import apply_style
from tests.accounts.exports import bitwarden_csv
from tests.progress.fakes import FixedKeySource
from tests.ui.dialogs import ScriptedDialogs
from tests.ui.keyboard import press, tab_to
from tests.ui.test_accounts_page import OWN_SITES, drop, work_export

pytestmark = pytest.mark.gui
MY_PLATFORMS = ["facebook", "strava"]


def arrow_to_site(qtbot: Any, window: MainWindow, site: str) -> None:
    table = window.accounts.table
    press(qtbot, Qt.Key.Key_Home)
    for _ in range(table.rowCount()):
        if window.accounts.selected_site() == site:
            return
        press(qtbot, Qt.Key.Key_Down)
    raise AssertionError(f"{site} is not in the table")


@pytest.fixture
def window(qtbot: Any, qapp: QApplication, tmp_path: Path) -> MainWindow:
    return _window(qtbot, qapp, tmp_path, [work_export(tmp_path / "Chrome Passwords.csv")])


def _window(
    qtbot: Any, qapp: QApplication, tmp_path: Path, exports: list[Path] | Callable[[str], list[Path]]
) -> MainWindow:
    apply_style(qapp, dark=False)
    locations = Locations(
        data_dir=tmp_path / "data",
        checklist_dirs=(bundled_root() / "checklists",),
        assets_dir=bundled_root() / "assets",
    )
    ProgressStore(locations.data_dir, FixedKeySource()).save(
        ProgressDocument(welcomed=True, platforms=list(MY_PLATFORMS))
    )
    made = build_window(locations, FixedKeySource(), dialogs=ScriptedDialogs(open_files=exports))
    qtbot.addWidget(made)
    made.show()
    qtbot.waitExposed(made)
    made.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is made)
    made.data_dir = locations.data_dir  # type: ignore[attr-defined]
    return made


def saved(window: MainWindow) -> ProgressDocument:
    return ProgressStore(window.data_dir, FixedKeySource()).load()  # type: ignore[attr-defined]


def import_export(qtbot: Any, window: MainWindow) -> None:
    press(qtbot, Qt.Key.Key_4, Qt.KeyboardModifier.ControlModifier)
    assert window.stack.currentWidget() is window.accounts
    assert QApplication.focusWidget() is window.accounts.import_button
    with qtbot.waitSignal(window.accounts.worker.finished, timeout=10000):
        press(qtbot, Qt.Key.Key_Space)


def test_import_leaves_out_the_organisation_and_close_or_move_lands_on_the_email_item(
    qtbot: Any, window: MainWindow
) -> None:
    totals = window.tracker.overall()
    import_export(qtbot, window)
    page = window.accounts
    listed = [page.table.item(r, 0).text() for r in range(page.table.rowCount())]
    assert listed == ["linkedin.com", "plaxo.com", "strava.com"]
    assert not set(OWN_SITES) & set(listed)
    assert page.status.text().startswith("Found 3 sites in 1 file.")
    # The Tracker reported it and the one saver wrote it, a moment after the burst of changes.
    qtbot.waitUntil(lambda: sorted(saved(window).accounts) == listed, timeout=5000)

    tab_to(qtbot, page.table)
    arrow_to_site(qtbot, window, "linkedin.com")
    press(qtbot, Qt.Key.Key_Return)
    assert window.stack.currentWidget() is window.checklists
    shown = window.checklists.view.item
    assert shown is not None and shown.key == "linkedin/official-email"
    assert window.checklists.view.details.title.text() == shown.title == "Replace your work email with a personal one"
    assert window.checklists.platform_filter.currentText() == "LinkedIn (not one of your platforms)"
    assert window.tracker.doc.platforms == MY_PLATFORMS and window.tracker.overall() == totals

    press(qtbot, Qt.Key.Key_4, Qt.KeyboardModifier.ControlModifier)
    tab_to(qtbot, page.table)
    arrow_to_site(qtbot, window, "plaxo.com")
    press(qtbot, Qt.Key.Key_Return)
    shown = window.checklists.view.item
    assert shown is not None and shown.key == "other-sites/close-account"
    assert window.tracker.doc.platforms == MY_PLATFORMS and window.tracker.overall() == totals
    assert saved(window).platforms == MY_PLATFORMS

    press(qtbot, Qt.Key.Key_4, Qt.KeyboardModifier.ControlModifier)
    tab_to(qtbot, page.table)
    arrow_to_site(qtbot, window, "strava.com")  # one of the person's platforms: its own item, in its own list
    press(qtbot, Qt.Key.Key_Return)
    shown = window.checklists.view.item
    assert shown is not None and shown.platform_id == "strava" and shown.theme.value == "official-email"
    assert window.checklists.platform_filter.currentText() == "Strava"
    assert window.tracker.doc.platforms == MY_PLATFORMS
    window.close()


def test_dropping_an_export_on_the_window_finds_its_sites(qtbot: Any, window: MainWindow, tmp_path: Path) -> None:
    press(qtbot, Qt.Key.Key_4, Qt.KeyboardModifier.ControlModifier)
    with qtbot.waitSignal(window.accounts.worker.finished, timeout=10000):
        drop(window.accounts, [bitwarden_csv(tmp_path / "bitwarden.csv")], onto=window.accounts.status)
    assert window.accounts.status.text() == "Found 4 sites in 1 file."
    qtbot.waitUntil(
        lambda: sorted(saved(window).accounts) == ["facebook.com", "plaxo.com", "reddit.com", "strava.com"],
        timeout=5000,
    )
    window.close()


def test_a_link_that_cannot_open_shows_its_address_to_copy(qtbot: Any, window: MainWindow, monkeypatch: Any) -> None:
    asked: list[str] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: asked.append(url.toString()) or False)  # no browser
    QGuiApplication.clipboard().setText("something else")
    import_export(qtbot, window)
    tab_to(qtbot, window.accounts.table)
    arrow_to_site(qtbot, window, "linkedin.com")
    press(qtbot, Qt.Key.Key_Return)
    item = window.checklists.view.item
    assert item is not None

    tab_to(qtbot, window.checklists.view.link_button)
    press(qtbot, Qt.Key.Key_Space)
    assert asked == [item.link]
    dialog = next(w for w in QApplication.topLevelWidgets() if isinstance(w, UnopenedLinkDialog) and w.isVisible())
    qtbot.waitExposed(dialog)
    assert dialog.address.text() == item.link and dialog.address.isReadOnly()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.copy_button)  # the window manager activates it
    press(qtbot, Qt.Key.Key_Return)
    assert QGuiApplication.clipboard().text() == item.link
    assert dialog.status.text().startswith("Copied")
    press(qtbot, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    window.close()


def _state_saved(window: MainWindow, site: str) -> str | None:
    record = saved(window).accounts.get(site)
    return record.state.value if record else None


def test_marking_an_official_account_by_keyboard_keeps_it_apart(qtbot: Any, window: MainWindow) -> None:
    """Issue 18 item 7: select a site, Alt+O marks it as an official account run for the Department;
    it leaves the list of accounts to close, shows in its own list, is saved, and Alt+N puts it back."""
    import_export(qtbot, window)
    page = window.accounts
    assert page.official.isHidden()  # nothing marked yet: no empty section
    tab_to(qtbot, page.table)
    arrow_to_site(qtbot, window, "linkedin.com")
    press(qtbot, Qt.Key.Key_O, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: window.tracker.is_official_account("linkedin.com"))  # a mnemonic clicks as an animation
    listed = [page.table.item(r, 0).text() for r in range(page.table.rowCount())]
    assert listed == ["plaxo.com", "strava.com"]
    assert page.selected_site() == "plaxo.com"  # the next one down, ready for the next key
    assert page.official.isVisible()
    assert [page.official.list.item(r).text() for r in range(page.official.list.count())] == [
        "linkedin.com · an official account I run for the Department"
    ]
    assert page.status.text() == "linkedin.com is marked as an official account you run for the Department."
    assert window.tracker.is_official_account("linkedin.com")
    qtbot.waitUntil(lambda: _state_saved(window, "linkedin.com") == "official", timeout=5000)

    # The controls say what they do to a screen reader.
    assert "official account you run for the Department" in page.official_button.accessibleName()
    assert page.official.list.accessibleName() == "Official accounts you run for the Department"
    assert "back among the accounts" in page.official.unmark_button.accessibleName()

    tab_to(qtbot, page.official.list)
    press(qtbot, Qt.Key.Key_N, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: not window.tracker.is_official_account("linkedin.com"))
    listed = [page.table.item(r, 0).text() for r in range(page.table.rowCount())]
    assert listed == ["linkedin.com", "plaxo.com", "strava.com"]
    assert page.official.isHidden()
    assert page.status.text() == "linkedin.com is back among the accounts to close or move."
    qtbot.waitUntil(lambda: _state_saved(window, "linkedin.com") == "open", timeout=5000)
    window.close()


def test_a_new_import_says_how_many_are_official_accounts(qtbot: Any, window: MainWindow) -> None:
    import_export(qtbot, window)
    page = window.accounts
    tab_to(qtbot, page.table)
    arrow_to_site(qtbot, window, "strava.com")
    press(qtbot, Qt.Key.Key_O, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: window.tracker.is_official_account("strava.com"))
    tab_to(qtbot, page.import_button)
    with qtbot.waitSignal(page.worker.finished, timeout=10000):
        press(qtbot, Qt.Key.Key_Space)
    assert "1 of them is an official account you run for the Department, kept apart." in page.status.text()
    assert "strava.com" not in [page.table.item(r, 0).text() for r in range(page.table.rowCount())]
    window.close()


def test_after_an_import_by_keyboard_focus_is_on_the_sites_found(qtbot: Any, window: MainWindow) -> None:
    """The import buttons are disabled while reading, so Qt moved focus on to "How to make an export" and
    left it there (keyboard walk): the sites just found were a dozen Tabs away."""
    import_export(qtbot, window)
    page = window.accounts
    assert page.table.rowCount() == 3
    assert QApplication.focusWidget() is page.table
    press(qtbot, Qt.Key.Key_Down)  # arrows move through what was found, straight away
    assert page.table.currentRow() == 1


def test_focus_is_on_the_sites_found_when_the_window_gets_its_activation_back_late(
    qtbot: Any, qapp: QApplication, tmp_path: Path
) -> None:
    """Under a window manager the window is given its activation back a moment after the file dialog closes;
    the page then asked the application (no focus widget yet) where focus was, and left it on "How to make
    an export" (seen driving the real app under openbox)."""
    export = work_export(tmp_path / "Chrome Passwords.csv")
    file_dialog = QLineEdit()  # stands in for the file dialog, still the active window when the choice returns
    qtbot.addWidget(file_dialog)

    def choose(_title: str) -> list[Path]:
        file_dialog.show()
        file_dialog.activateWindow()
        qtbot.waitUntil(lambda: QApplication.activeWindow() is file_dialog)
        return [export]

    window = _window(qtbot, qapp, tmp_path, choose)
    page = window.accounts
    press(qtbot, Qt.Key.Key_4, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.focusWidget() is page.import_button
    with qtbot.waitSignal(page.worker.finished, timeout=10000):
        press(qtbot, Qt.Key.Key_Space)
    file_dialog.hide()
    window.activateWindow()  # what the window manager does a moment later
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    assert page.table.rowCount() == 3
    assert QApplication.focusWidget() is page.table
    window.close()
