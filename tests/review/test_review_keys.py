"""The Review page by keyboard, as the first-run review found it: Tab order, visible focus, Enter on a finding,
room for the titles, a damaged download said plainly, earlier marks after a restart, "Check before you post"."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QStandardPaths, Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication, QFileDialog

from socially_aware.progress.model import FindingMark, ProgressDocument
from socially_aware.progress.store import ProgressStore
from socially_aware.ui import dialog_folder
from socially_aware.ui.review_page import WORD_JOINER, unbroken_parentheses
from tests.catalog.samples import good, write_folder
from tests.progress.fakes import FixedKeySource
from tests.review import samples
from tests.ui.conftest import PLATFORMS, locations, make_window  # noqa: F401 - fixtures used by name
from tests.ui.dialogs import ScriptedDialogs
from tests.ui.keyboard import press

pytestmark = pytest.mark.gui
Key, Mod = Qt.Key, Qt.KeyboardModifier


@pytest.fixture
def checklist_dir(tmp_path: Path) -> Path:
    """The test platforms plus an X checklist whose first item is the one the official-email finding points to."""
    x = good("x", "X").replace("  - id: hide-employer", "  - id: official-email", 1)
    return write_folder(tmp_path / "checklists", {**{p: good(p, n) for p, n in PLATFORMS.items()}, "x": x})


def _window(make_window: Any, locations: Any, archive: Path, **document: Any) -> Any:
    keys = FixedKeySource()
    ProgressStore(locations.data_dir, keys).save(ProgressDocument(welcomed=True, platforms=["alpha"], **document))
    return make_window(keys, dialogs=ScriptedDialogs(open_files=[archive]))


def _open(qtbot: Any, window: Any) -> Any:
    press(qtbot, Key.Key_6, Mod.ControlModifier)
    page = window.review
    assert QApplication.focusWidget() is page.open_button
    with qtbot.waitSignal(page.review_finished, timeout=20000):
        press(qtbot, Key.Key_Space)
    return page


def _edge(image: QImage) -> list[int]:
    """The colours along the widget's top and left edges, where a focus ring is drawn."""
    top = [image.pixel(x, 1) for x in range(4, image.width() - 4, 7)]
    return top + [image.pixel(1, y) for y in range(4, image.height() - 4, 7)]


def test_tab_enter_and_visible_focus_on_the_findings(
    qtbot: Any,
    make_window: Any,
    locations: Any,
    tmp_path: Path,
) -> None:
    window = _window(make_window, locations, samples.write_zip(tmp_path / "x.zip", samples.x()))
    page = _open(qtbot, window)
    # After reading, the keyboard is on the list (the open button was disabled while reading).
    assert QApplication.focusWidget() is page.tree
    focused = _edge(page.tree.grab().toImage())
    press(qtbot, Key.Key_Tab, Mod.ShiftModifier)
    assert QApplication.focusWidget() is page.photos.box  # "Look inside the photos too", just above the list
    press(qtbot, Key.Key_Tab, Mod.ShiftModifier)
    assert QApplication.focusWidget() is page.folder_button  # "Open an unpacked folder…", beside the open button
    press(qtbot, Key.Key_Tab, Mod.ShiftModifier)
    assert QApplication.focusWidget() is page.open_button
    assert _edge(page.tree.grab().toImage()) != focused, "focus on the findings list must show"
    for _ in range(3):
        press(qtbot, Key.Key_Tab)
    assert QApplication.focusWidget() is page.tree, "Tab from the open buttons and the check box goes to the findings"
    assert page.current_finding().action == "x/official-email"
    press(qtbot, Key.Key_Return)
    assert window.stack.currentWidget() is window.checklists
    assert window.checklists.view.item.key == "x/official-email"


def test_enter_on_a_finding_without_a_checklist_item_goes_to_mark_deleted(
    qtbot: Any,
    make_window: Any,
    locations: Any,
    tmp_path: Path,
) -> None:
    window = _window(make_window, locations, samples.write_zip(tmp_path / "x.zip", samples.x()))
    page = _open(qtbot, window)
    press(qtbot, Key.Key_Down)
    finding = page.current_finding()
    assert finding is not None and finding.action != "x/official-email" and not page.checklist_button.isEnabled()
    press(qtbot, Key.Key_Return)
    assert QApplication.focusWidget() is page.deleted_button
    press(qtbot, Key.Key_Space)
    assert page.tree.currentItem().text(2) == "Deleted or edited"


def test_the_finding_column_gets_the_room(
    qtbot: Any,
    make_window: Any,
    locations: Any,
    tmp_path: Path,
) -> None:
    window = _window(make_window, locations, samples.write_zip(tmp_path / "x.zip", samples.x()))
    window.resize(1024, 640)
    page = _open(qtbot, window)
    header, metrics = page.tree.header(), page.tree.fontMetrics()
    widest_mark = max(metrics.horizontalAdvance(t) for t in ("What you did", "Deleted or edited", "Kept on purpose"))
    assert header.sectionSize(2) < widest_mark + 40, "What you did takes only what it needs"
    assert header.sectionSize(0) > 2 * (header.sectionSize(1) + header.sectionSize(2))
    row = page.tree.topLevelItem(0).child(0)
    one_line = metrics.height() + 6
    width = metrics.horizontalAdvance(row.text(0))
    wraps = page.tree.visualItemRect(row).height() > one_line
    assert width <= header.sectionSize(0) - 40 or wraps, "a long title wraps instead of being cut"


@pytest.mark.parametrize(
    "text",
    [
        "This X account is registered with an official address (…@abf.gov.au)",
        "Account (jo@abf.gov.au) found",
        "(…@x.gov.au)",
    ],
)
def test_a_bracketed_address_in_the_heading_has_no_break_inside(text: str) -> None:
    shown = unbroken_parentheses(text)
    inside = shown[shown.index("(") : shown.index(")") + 1]
    assert all(inside[i + 1] == WORD_JOINER for i in range(0, len(inside) - 1, 2))
    assert shown.replace(WORD_JOINER, "") == text


def test_a_cut_download_is_said_plainly_and_what_was_read_is_listed(
    qtbot: Any,
    make_window: Any,
    locations: Any,
    tmp_path: Path,
) -> None:
    whole = samples.write_zip(
        tmp_path / "whole.zip",
        {"data/tweets.js": samples.x()["data/tweets.js"], "data/account.js": samples.x()["data/account.js"]},
    )
    cut = tmp_path / "twitter.zip"
    cut.write_bytes(whole.read_bytes()[: whole.read_bytes().index(b"data/account.js") + 40])
    window = _window(make_window, locations, cut)
    page = _open(qtbot, window)
    assert page.damage.isVisible()
    assert page.damage_text.text().startswith("This download looks incomplete or damaged (twitter.zip).")
    assert "data/account.js" in page.damage_text.text()
    assert page.tree.topLevelItem(0).childCount() >= 1 and "(s)" not in page.status.text()


def test_after_a_restart_the_page_says_how_many_findings_were_marked(
    qtbot: Any,
    make_window: Any,
    locations: Any,
    tmp_path: Path,
) -> None:
    marks = {"a" * 20: "deleted", "b" * 20: "kept", "c" * 20: "deleted"}
    window = _window(
        make_window, locations, tmp_path / "none.zip", findings={k: FindingMark(v) for k, v in marks.items()}
    )
    press(qtbot, Key.Key_6, Mod.ControlModifier)
    text = window.review.status.text()
    assert "Earlier you marked 3 findings (2 deleted or edited, 1 kept on purpose)" in text
    assert "Open the same download again" in text


def test_check_before_you_post_is_one_key_away(
    qtbot: Any,
    make_window: Any,
    locations: Any,
    tmp_path: Path,
) -> None:
    window = _window(make_window, locations, tmp_path / "none.zip")
    press(qtbot, Key.Key_6, Mod.ControlModifier)
    page = window.review
    press(qtbot, Key.Key_B, Mod.AltModifier)
    assert QApplication.focusWidget() is page.draft and page.draft.isVisible()
    qtbot.keyClicks(page.draft, "Off to work at Border Force")
    press(qtbot, Key.Key_Return, Mod.ControlModifier)
    assert page.draft_results.count() >= 1 and "Border Force" in page.draft_results.item(0).text()
    press(qtbot, Key.Key_R, Mod.AltModifier)
    assert QApplication.focusWidget() is page.open_button


def test_the_download_dialog_starts_in_downloads_then_in_the_last_folder(
    qtbot: Any,
    make_window: Any,
    locations: Any,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    dialog_folder.forget()
    keys = FixedKeySource()
    ProgressStore(locations.data_dir, keys).save(ProgressDocument(welcomed=True, platforms=["alpha"]))
    window = make_window(keys)
    (tmp_path / "saved").mkdir()
    archive = samples.write_zip(tmp_path / "saved" / "x.zip", samples.x())
    started: list[str] = []

    def chosen(parent: Any, title: str, folder: str, filters: str) -> tuple[list[str], str]:
        started.append(folder)
        return [str(archive)], ""

    monkeypatch.setattr(QFileDialog, "getOpenFileNames", staticmethod(chosen))
    page = _open(qtbot, window)
    page.open_button.setFocus()
    with qtbot.waitSignal(page.review_finished, timeout=20000):
        press(qtbot, Key.Key_Space)
    downloads = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DownloadLocation)
    assert started[0] == (downloads if Path(downloads).is_dir() else str(Path.home()))
    assert started[1] == str(archive.parent)
    dialog_folder.forget()
