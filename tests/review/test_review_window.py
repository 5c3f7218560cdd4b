"""The Review page in the real window, by keyboard: open a download, see findings, mark one, restart."""

from __future__ import annotations

import dataclasses
import json
import re
import threading
import time
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QTabBar, QWidget

from socially_aware.progress.model import ProgressDocument
from socially_aware.progress.store import ProgressStore
from socially_aware.review.model import ReviewReport
from socially_aware.ui import review_page
from socially_aware.ui.messages import Level, Messages, Notice
from socially_aware.ui.review_page import ReviewActions, ReviewPage
from tests.progress.fakes import FixedKeySource
from tests.review import samples
from tests.ui.conftest import checklist_dir, locations, make_window  # noqa: F401 - fixtures used by name
from tests.ui.dialogs import ScriptedDialogs
from tests.ui.keyboard import press, tab_to

pytestmark = pytest.mark.gui


def open_by_keyboard(qtbot: Any, window: Any) -> ReviewPage:
    press(qtbot, Qt.Key.Key_6, Qt.KeyboardModifier.ControlModifier)
    page = window.review
    assert window.stack.currentWidget() is page and QApplication.focusWidget() is page.open_button
    with qtbot.waitSignal(page.review_finished, timeout=20000):
        press(qtbot, Qt.Key.Key_Space)
    return page


def test_review_story_by_keyboard_mark_survives_a_restart_and_no_post_text_is_stored(
    qtbot: Any,
    make_window: Any,
    locations: Any,
    tmp_path: Path,
    no_network: list[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    archive = samples.write_zip(tmp_path / "twitter-2026.zip", samples.x())
    keys = FixedKeySource()
    ProgressStore(locations.data_dir, keys).save(ProgressDocument(welcomed=True, platforms=["alpha"]))
    opened: list[Path] = []
    dialogs = ScriptedDialogs(open_files=[archive])
    monkeypatch.setattr(review_page, "open_local_folder", lambda path, parent=None: opened.append(path))

    window = make_window(keys, dialogs=dialogs)
    page = open_by_keyboard(qtbot, window)
    group = page.tree.topLevelItem(0)
    assert group.text(0) == "X (Twitter) (5)"
    rows = [group.child(i).text(0) for i in range(group.childCount())]
    assert rows[0].startswith("This X account is registered with an official address")
    assert any("names your employer" in r for r in rows)
    assert page.status.text().startswith("5 findings in ")
    assert page.reminder.isVisible() and "whole history" in page.reminder_text.text()

    tab_to(qtbot, page.tree)
    press(qtbot, Qt.Key.Key_Down)
    chosen = page.current_finding()
    assert chosen is not None and chosen.detector.value == "employer"
    assert "»" in page.detail_excerpt.text() and page.detail_excerpt.textFormat() is Qt.TextFormat.PlainText
    assert all(label.textFormat() is Qt.TextFormat.PlainText for label in page.findChildren(QLabel))
    tab_to(qtbot, page.deleted_button)
    press(qtbot, Qt.Key.Key_Space)
    assert page.tree.currentItem().text(2) == "Deleted or edited"
    tab_to(qtbot, page.show_file_button)
    press(qtbot, Qt.Key.Key_Space)
    assert opened == [tmp_path]
    window.close()

    again = make_window(keys, dialogs=dialogs)
    press(qtbot, Qt.Key.Key_6, Qt.KeyboardModifier.ControlModifier)
    assert "Earlier you marked 1 finding (1 deleted or edited)" in again.review.status.text()
    page = open_by_keyboard(qtbot, again)
    group = page.tree.topLevelItem(0)
    marks = {
        group.child(i).data(0, Qt.ItemDataRole.UserRole): group.child(i).text(2) for i in range(group.childCount())
    }
    assert marks[chosen.id] == "Deleted or edited"
    assert sorted(marks.values()).count("To do") == len(marks) - 1
    again.close()

    stored = json.dumps(ProgressStore(locations.data_dir, keys).load().to_dict(), ensure_ascii=False)
    assert json.loads(stored)["findings"] == {chosen.id: "deleted"}
    for secret in (
        "Border Force",
        "Proud",
        "Officer Hope",
        "jo_c",
        samples.OFFICIAL,
        "1001",
        "status",
        str(samples.INSIDE[0]),
        "tweets.js",
    ):
        assert secret not in stored
    assert no_network == []


def test_go_to_the_checklist_item_opens_the_platform_steps(
    qtbot: Any,
    make_window: Any,
    locations: Any,
    tmp_path: Path,
) -> None:
    archive = samples.write_zip(tmp_path / "x.zip", samples.x())
    ProgressStore(locations.data_dir, FixedKeySource()).save(ProgressDocument(welcomed=True, platforms=["alpha"]))
    window = make_window(dialogs=ScriptedDialogs(open_files=[archive]))
    page = open_by_keyboard(qtbot, window)
    # The test catalog has no X checklist: the button says so by being disabled rather than failing.
    assert not page.checklist_button.isEnabled()
    emitted: list[str] = []
    page.open_checklist.connect(emitted.append)
    page._go_to_checklist()
    assert emitted == ["x/official-email"]


def test_cancel_stops_the_review_and_says_so(qtbot: Any, tmp_path: Path) -> None:
    from datetime import date

    from socially_aware.catalog.model import Catalog
    from socially_aware.progress.tracker import Tracker

    started = threading.Event()

    def slow_review(paths: Any, progress: Any, cancelled: Any) -> ReviewReport:
        progress(1, 10, 0)
        started.set()
        deadline = time.monotonic() + 20
        while not cancelled() and time.monotonic() < deadline:  # waits for the test's Cancel, not for time
            time.sleep(0.005)
        return ReviewReport(sources=[str(p) for p in paths], cancelled=cancelled())

    actions = ReviewActions(review=slow_review, check_draft=lambda text: [], check_photo=lambda p: [], why=str)
    tracker = Tracker(Catalog(samples.organisation(), ()), ProgressDocument(), today=lambda: date(2026, 1, 1))
    page = ReviewPage(tracker, actions, messages=Messages(ScriptedDialogs(open_files=[tmp_path / "x.zip"])))
    qtbot.addWidget(page)
    page.show()
    page.open_button.click()
    qtbot.waitUntil(started.is_set, timeout=10000)
    assert page.cancel_button.isVisible() and not page.open_button.isEnabled()
    with qtbot.waitSignal(page.review_finished, timeout=20000):
        page.cancel_button.click()
    assert page.status.text().startswith("Cancelled")
    assert page.open_button.isEnabled() and not page.cancel_button.isVisible()


def _bare_page(qtbot: Any, review: Any, dialogs: ScriptedDialogs) -> ReviewPage:
    from datetime import date

    from socially_aware.catalog.model import Catalog
    from socially_aware.progress.tracker import Tracker

    actions = ReviewActions(review=review, check_draft=lambda text: [], check_photo=lambda p: [], why=str)
    tracker = Tracker(Catalog(samples.organisation(), ()), ProgressDocument(), today=lambda: date(2026, 1, 1))
    page = ReviewPage(tracker, actions, messages=Messages(dialogs))
    qtbot.addWidget(page)
    page.show()
    return page


def test_a_review_that_fails_says_so_in_the_banner_and_the_page_is_usable_again(qtbot: Any, tmp_path: Path) -> None:
    def broken_review(paths: Any, progress: Any, cancelled: Any) -> ReviewReport:
        raise OSError("the disk went away")

    page = _bare_page(qtbot, broken_review, ScriptedDialogs(open_files=[tmp_path / "x.zip"]))
    before = page.status.text()
    with qtbot.waitSignal(page.worker.finished, timeout=20000):
        page.open_button.click()
    qtbot.waitUntil(lambda: page.open_button.isEnabled())
    assert page.messages.history[-1] == Notice(
        Level.ERROR, "The review stopped: OSError: the disk went away. Nothing was saved."
    )
    assert page.status.text() == before  # not "Reading…" forever
    assert page.folder_button.isEnabled() and not page.cancel_button.isVisible()


def test_every_question_the_review_page_asks_goes_through_dialogs(
    qtbot: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtWidgets import QFileDialog

    for name in ("getOpenFileName", "getOpenFileNames", "getExistingDirectory"):
        monkeypatch.setattr(QFileDialog, name, lambda *a, **k: pytest.fail("a file dialog opened past Dialogs"))
    dialogs = ScriptedDialogs(open_files=[], folder=lambda title: None, open_file=lambda title: None)
    page = _bare_page(qtbot, lambda *a: pytest.fail("nothing was chosen"), dialogs)
    for button in (page.open_button, page.folder_button, page.photo_button):
        button.click()
    assert dialogs.asked == [
        ("open files", "Open a data download"),
        ("folder", "Open an unpacked data download"),
        ("open file", "Check a photo"),
    ]
    assert not page.worker.busy()


def test_check_before_you_post_marks_the_draft_as_plain_text(qtbot: Any, make_window: Any, locations: Any) -> None:
    ProgressStore(locations.data_dir, FixedKeySource()).save(ProgressDocument(welcomed=True, platforms=["alpha"]))
    window = make_window()
    press(qtbot, Qt.Key.Key_6, Qt.KeyboardModifier.ControlModifier)
    page = window.review
    press(qtbot, Qt.Key.Key_B, Qt.KeyboardModifier.AltModifier)  # the "Check before you post" tab
    assert QApplication.focusWidget() is page.draft
    qtbot.keyClicks(page.draft, "<b>Big</b> seizure today with my Border Force crew")
    press(qtbot, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    items = [page.draft_results.item(i).text() for i in range(page.draft_results.count())]
    assert any(
        i.startswith("Names your employer: “<b>Big</b> seizure today with my »Border Force« crew”") for i in items
    )
    assert any(i.startswith("Seizures:") and "official" in i.lower() for i in items)


def test_dropping_a_download_reviews_it_and_dropping_a_photo_checks_it(
    qtbot: Any,
    make_window: Any,
    locations: Any,
    tmp_path: Path,
) -> None:
    from PySide6.QtCore import QMimeData, QPointF, QUrl
    from PySide6.QtGui import QDropEvent

    from tests.scrubber.photos import dirty_jpeg

    ProgressStore(locations.data_dir, FixedKeySource()).save(ProgressDocument(welcomed=True, platforms=["alpha"]))
    window = make_window()
    window.show_section(5)
    page = window.review

    def drop(path: Path) -> None:
        mime = QMimeData()
        mime.setUrls([QUrl.fromLocalFile(str(path))])
        page.dropEvent(
            QDropEvent(
                QPointF(10, 10),
                Qt.DropAction.CopyAction,
                mime,
                Qt.MouseButton.LeftButton,
                Qt.KeyboardModifier.NoModifier,
            )
        )

    with qtbot.waitSignal(page.review_finished, timeout=20000):
        drop(samples.write_folder(tmp_path / "reddit-download", samples.reddit()))
    assert page.tree.topLevelItem(0).text(0) == "Reddit (3)"
    drop(dirty_jpeg(tmp_path / "IMG_0001.jpg"))
    lines = [page.draft_results.item(i).text() for i in range(page.draft_results.count())]
    assert lines[0].startswith("GPS position in the photo") and any("uniform" in line for line in lines)


def test_at_1024_by_640_the_buttons_sit_together_and_no_finding_or_date_is_cut(
    qtbot: Any, make_window: Any, locations: Any, tmp_path: Path
) -> None:
    from PySide6.QtCore import QRect

    archive = samples.write_zip(tmp_path / "x.zip", samples.x())
    ProgressStore(locations.data_dir, FixedKeySource()).save(ProgressDocument(welcomed=True, platforms=["alpha"]))
    window = make_window(dialogs=ScriptedDialogs(open_files=[archive]))
    window.resize(976, 600)  # what a 1024×640 screen leaves inside the window manager's frame
    press(qtbot, Qt.Key.Key_6, Qt.KeyboardModifier.ControlModifier)
    page = window.review
    QApplication.processEvents()
    gap = page.folder_button.x() - page.open_button.geometry().right()
    assert 0 < gap <= 24, "'Open an unpacked folder…' floated away from 'Open a download…'"
    header, cells = page.tree.header(), page.tree.fontMetrics()
    for column, longest in ((1, "28 Sep 2026"), (2, "Deleted or edited")):  # even before anything is listed
        needed = max(
            cells.horizontalAdvance(longest),
            header.fontMetrics().horizontalAdvance(header.model().headerData(column, Qt.Orientation.Horizontal)),
        )
        assert header.sectionSize(column) > needed, column

    page = open_by_keyboard(qtbot, window)
    group = page.tree.topLevelItem(0)
    width = page.tree.columnWidth(0) - 2 * page.tree.indentation() - 2 * cells.horizontalAdvance("M")
    for row in (group.child(i) for i in range(group.childCount())):
        drawn = page.tree.visualItemRect(row)
        wrapped = cells.boundingRect(QRect(0, 0, width, 10_000), Qt.TextFlag.TextWordWrap, row.text(0))
        assert drawn.height() >= wrapped.height(), row.text(0)
        assert cells.horizontalAdvance(row.text(1)) < page.tree.columnWidth(1)


def _mnemonics_shown(page: QWidget) -> list[str]:
    """The Alt+letter of every control shown on `page` (buttons, check boxes, tabs)."""
    texts = [b.text() for b in page.findChildren(QAbstractButton) if b.isVisible()]
    texts += [bar.tabText(i) for bar in page.findChildren(QTabBar) if bar.isVisible() for i in range(bar.count())]
    return [m.group(1).lower() for text in texts if (m := re.search(r"&([^&])", text.replace("&&", "")))]


def test_alt_f_opens_the_folder_chooser_once_a_download_is_listed(
    qtbot: Any, make_window: Any, locations: Any, tmp_path: Path
) -> None:
    """ "Show the file" (under the findings) had Alt+F too: with both shown, Alt+F only moved focus between the
    two and opened neither (seen driving the real app)."""
    archive = samples.write_zip(tmp_path / "x.zip", samples.x())
    ProgressStore(locations.data_dir, FixedKeySource()).save(ProgressDocument(welcomed=True, platforms=["alpha"]))
    dialogs = ScriptedDialogs(open_files=[archive], folder=lambda title: None)
    window = make_window(dialogs=dialogs)
    page = open_by_keyboard(qtbot, window)
    assert page.reminder.isVisible()
    letters = _mnemonics_shown(page)
    assert sorted({letter for letter in letters if letters.count(letter) > 1}) == []
    qtbot.keyClick(window.windowHandle(), Qt.Key.Key_F, Qt.KeyboardModifier.AltModifier)  # as the system sends it
    qtbot.waitUntil(lambda: [kind for kind, _ in dialogs.asked] == ["open files", "folder"])
    window.close()


@pytest.mark.parametrize("kind", ["no findings", "stopped"])
def test_after_a_review_with_nothing_to_list_focus_is_back_on_open_a_download(
    qtbot: Any, make_window: Any, locations: Any, tmp_path: Path, kind: str
) -> None:
    """ "Open a download…" is disabled while reading, so focus moved on, and with nothing listed it was left on
    the empty list (seen in the real app): a person would rather open another download straight away."""
    archive = samples.write_zip(tmp_path / "takeout.zip", {"Takeout/archive_browser.html": "<html></html>"})
    ProgressStore(locations.data_dir, FixedKeySource()).save(ProgressDocument(welcomed=True, platforms=["alpha"]))
    window = make_window(dialogs=ScriptedDialogs(open_files=[archive]))
    if kind == "stopped":

        def fails(*_args: Any) -> ReviewReport:
            raise OSError("the disk went away")

        window.review.services = dataclasses.replace(window.review.services, review=fails)
    page = open_by_keyboard(qtbot, window) if kind == "no findings" else None
    if page is None:
        press(qtbot, Qt.Key.Key_6, Qt.KeyboardModifier.ControlModifier)
        page = window.review
        with qtbot.waitSignal(page.worker.finished, timeout=20000):
            press(qtbot, Qt.Key.Key_Space)
    assert page.tree.topLevelItemCount() == 0
    assert QApplication.focusWidget() is page.open_button
    window.close()


def test_tab_goes_down_the_review_tab_in_the_order_it_reads(
    qtbot: Any, make_window: Any, locations: Any, tmp_path: Path
) -> None:
    """ "Look inside the photos too" sits under the open buttons, but Tab reached it last, after the notes
    (seen walking the page by keyboard)."""
    archive = samples.write_zip(tmp_path / "x.zip", samples.x())
    ProgressStore(locations.data_dir, FixedKeySource()).save(ProgressDocument(welcomed=True, platforms=["alpha"]))
    window = make_window(dialogs=ScriptedDialogs(open_files=[archive]))
    page = open_by_keyboard(qtbot, window)
    press(qtbot, Qt.Key.Key_6, Qt.KeyboardModifier.ControlModifier)
    order = [QApplication.focusWidget()]
    for _ in range(3):
        press(qtbot, Qt.Key.Key_Tab)
        order.append(QApplication.focusWidget())
    assert order == [page.open_button, page.folder_button, page.photos.box, page.tree]
    window.close()
