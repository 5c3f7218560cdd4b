"""The photo cleaner page: drag and drop, a batch off the UI thread, cancel, results, details."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QWidget

from socially_aware.scrubber import BatchCleaner, collect_photos, default_output_dir, inspect_file, summarise
from socially_aware.ui.photo_page import PhotoCleanerPage
from socially_aware.ui.services import PhotoActions
from tests.scrubber.photos import SERIAL, dirty_jpeg, dirty_png

pytestmark = pytest.mark.gui

ACTIONS = PhotoActions(collect=collect_photos, inspect=inspect_file, summarise=summarise,
                       default_output_dir=default_output_dir, cleaner=lambda o: BatchCleaner(o))


def make_page(qtbot: Any, **kwargs: Any) -> PhotoCleanerPage:
    page = PhotoCleanerPage(ACTIONS, **kwargs)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitExposed(page)
    return page


def drop(page: PhotoCleanerPage, paths: list[Path], on: QWidget | None = None) -> None:
    """Drag `paths` onto `on` (anywhere on the page: by default the table) as a real drag does:
    enter, which must be accepted (by the widget or, passed up, by the page), then drop."""
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    target = on or page.table.viewport()
    where = QPointF(target.rect().center())
    enter = QDragEnterEvent(where, Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                            Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(target, enter)
    assert enter.isAccepted()
    event = QDropEvent(where, Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(target, event)


def _photos(tmp_path: Path, count: int = 2) -> Path:
    folder = tmp_path / "Camera Roll"
    (folder / "nested").mkdir(parents=True)
    for n in range(count - 1):
        dirty_jpeg(folder / f"IMG_{n:04d}.jpg")
    dirty_png(folder / "nested" / "shot.png")
    return folder


def _wait_inspected(qtbot: Any, page: PhotoCleanerPage) -> None:
    qtbot.waitUntil(lambda: not page.worker.busy() and page.table.rowCount() > 0, timeout=10000)


def test_drop_a_folder_inspect_and_clean(qtbot: Any, tmp_path: Path) -> None:
    folder = _photos(tmp_path, 3)
    originals = {p: p.read_bytes() for p in folder.rglob("*.*")}
    page = make_page(qtbot)
    drop(page, [folder])
    _wait_inspected(qtbot, page)
    assert page.table.rowCount() == 3
    assert "2 of 3 photos give a location" in page.summary.text()
    with qtbot.waitSignal(page.cleaning_done, timeout=20000) as finished:
        page.clean_button.click()
    results = finished.args[0]
    assert [r.outcome.value for r in results] == ["cleaned"] * 3
    out = tmp_path / "Camera Roll (cleaned)"
    assert (out / "nested" / "shot.png").exists()
    assert SERIAL.encode() not in (out / "IMG_0000.jpg").read_bytes()
    assert originals == {p: p.read_bytes() for p in folder.rglob("*.*")}
    assert page.table.item(0, 1).text() == "cleaned"
    assert page.open_output_button.isEnabled()


def test_selecting_a_row_shows_gps_and_the_hidden_thumbnail(qtbot: Any, tmp_path: Path) -> None:
    folder = _photos(tmp_path, 2)
    page = make_page(qtbot)
    drop(page, [folder])
    _wait_inspected(qtbot, page)
    page.table.selectRow(0)
    details = page.details.toPlainText()
    assert "-33.865143, 151.209900" in details and SERIAL in details
    assert page.thumbnail.pixmap() is not None and not page.thumbnail.pixmap().isNull()
    assert not page.preview.pixmap().isNull()


def test_cancel_stops_the_rest(qtbot: Any, tmp_path: Path) -> None:
    folder = _photos(tmp_path, 30)
    page = make_page(qtbot)
    drop(page, [folder])
    _wait_inspected(qtbot, page)
    page.worker.progressed.connect(lambda done, total, result, left: page.cancel_button.click() if done == 1 else None)
    with qtbot.waitSignal(page.cleaning_done, timeout=20000) as finished:
        page.clean_button.click()
    outcomes = [r.outcome.value for r in finished.args[0]]
    assert outcomes.count("cancelled") >= 20
    assert "cancelled" in page.summary.text()


def test_in_place_needs_confirmation(qtbot: Any, tmp_path: Path) -> None:
    folder = _photos(tmp_path, 2)
    before = {p: p.read_bytes() for p in folder.rglob("*.*")}
    answers: list[str] = []
    page = make_page(qtbot, confirm=lambda text: answers.append(text) or False)
    drop(page, [folder])
    _wait_inspected(qtbot, page)
    page.in_place.setChecked(True)
    page.clean_button.click()
    assert answers and "cannot be undone" in answers[0]
    assert before == {p: p.read_bytes() for p in folder.rglob("*.*")}
    assert "not confirmed" in page.summary.text()


def test_a_broken_file_fails_with_a_reason_and_the_batch_goes_on(qtbot: Any, tmp_path: Path) -> None:
    folder = _photos(tmp_path, 2)
    (folder / "broken.jpg").write_bytes(b"\xff\xd8\xff\xe1\x00\x10 too short")
    page = make_page(qtbot)
    page.add_files_button.setFocus()
    drop(page, [folder])
    _wait_inspected(qtbot, page)
    with qtbot.waitSignal(page.cleaning_done, timeout=20000) as finished:
        page.clean_button.click()
    outcomes = {r.source.name: r for r in finished.args[0]}
    assert outcomes["broken.jpg"].outcome.value == "failed"
    assert outcomes["IMG_0000.jpg"].outcome.value == "cleaned"
    row = next(r for r in range(page.table.rowCount()) if page.table.item(r, 0).text() == "broken.jpg")
    assert "past the end" in page.table.item(row, 2).text()


def test_choose_buttons_use_the_injected_dialogs(qtbot: Any, tmp_path: Path) -> None:
    photo = dirty_jpeg(tmp_path / "one.jpg")
    opened: list[Path] = []
    page = make_page(qtbot, choose_files=lambda: [photo], open_folder=opened.append)
    page.add_files_button.click()
    _wait_inspected(qtbot, page)
    with qtbot.waitSignal(page.cleaning_done, timeout=20000):
        page.clean_button.click()
    page.open_output_button.click()
    assert opened == [tmp_path.parent / f"{tmp_path.name} (cleaned)"]
