"""The photo cleaner page: drag and drop, a batch off the UI thread, cancel, results, details."""

from __future__ import annotations

import os
import threading
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QTimer, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QWidget

from socially_aware.scrubber import (
    BatchCleaner,
    CleanResult,
    collect_photos,
    default_output_dir,
    inspect_file,
    registry,
    summarise,
)
from socially_aware.scrubber.batch import Task, clean_task
from socially_aware.ui.photo_page import PhotoCleanerPage
from socially_aware.ui.services import PhotoActions
from tests.scrubber.photos import SERIAL, dirty_jpeg, dirty_png
from tests.ui.keyboard import press

pytestmark = pytest.mark.gui

ACTIONS = PhotoActions(formats_hint=registry.hint(), file_filter=registry.file_dialog_filter(), collect=collect_photos, inspect=inspect_file, summarise=summarise,
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
    assert page.summary.text().startswith("3 photos chosen: 2 give a location; 3 name the camera or phone;")
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
    gate = threading.Event()  # the first file waits here until the person has pressed Cancel
    started: list[Path] = []

    def gated(task: Task) -> CleanResult:
        started.append(task[0])
        gate.wait(20)
        return clean_task(task)

    actions = PhotoActions(formats_hint=registry.hint(), file_filter=registry.file_dialog_filter(), collect=collect_photos, inspect=inspect_file, summarise=summarise,
                           default_output_dir=default_output_dir, cleaner=lambda o: BatchCleaner(o, task=gated))
    page = PhotoCleanerPage(actions)
    qtbot.addWidget(page)
    drop(page, [folder])
    _wait_inspected(qtbot, page)
    with qtbot.waitSignal(page.cleaning_done, timeout=20000) as finished:
        page.clean_button.click()
        qtbot.waitUntil(lambda: bool(started))
        page.cancel_button.click()
        gate.set()
    outcomes = [r.outcome.value for r in finished.args[0]]
    assert outcomes.count("cleaned") == 1 and outcomes.count("cancelled") == 29  # the one under way finishes
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


# -- keyboard stories: add, clean, select -> after-view; output exists -> ask; drop anywhere --------

def active_page(qtbot: Any, **kwargs: Any) -> PhotoCleanerPage:
    page = make_page(qtbot, **kwargs)
    page.resize(1024, 640)
    page.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is page)
    page.add_files_button.setFocus()
    return page


def clean_by_keyboard(qtbot: Any, page: PhotoCleanerPage) -> list[Any]:
    with qtbot.waitSignal(page.cleaning_done, timeout=20000) as finished:
        press(qtbot, Qt.Key.Key_C, Qt.KeyboardModifier.AltModifier)
    return finished.args[0]


def select_first_row_by_keyboard(qtbot: Any, page: PhotoCleanerPage) -> None:
    page.table.setFocus()
    press(qtbot, Qt.Key.Key_Home)
    press(qtbot, Qt.Key.Key_Down)
    press(qtbot, Qt.Key.Key_Up)


def test_add_clean_select_shows_the_cleaned_copy(qtbot: Any, tmp_path: Path) -> None:
    photo = dirty_jpeg(tmp_path / "IMG_0001.jpg")
    page = active_page(qtbot, choose_files=lambda: [photo])
    press(qtbot, Qt.Key.Key_P, Qt.KeyboardModifier.AltModifier)
    _wait_inspected(qtbot, page)
    select_first_row_by_keyboard(qtbot, page)
    before = page.details.toPlainText()
    assert "-33.865143, 151.209900: a precise position, within about 1 m" in before
    assert "GPSLatitude" not in before and "GPS" not in before.split("What it gives away")[1].split("Time:")[0]
    assert page.table.item(0, 2).text().startswith("gives away: location")
    results = clean_by_keyboard(qtbot, page)
    assert [r.outcome.value for r in results] == ["cleaned"]
    select_first_row_by_keyboard(qtbot, page)
    after = page.details.toPlainText()
    assert after.startswith("IMG_0001.jpg: cleaned.\nNothing identifying found in the cleaned copy.")
    assert "Removed:\n  • Exif (camera, time, location, thumbnail)" in after
    assert "What remains, and why:" in after
    assert "Before cleaning" in after and SERIAL in after.split("Before cleaning")[1]
    assert SERIAL not in after.split("Before cleaning")[0]
    assert "now removed" in page.thumbnail_caption.text()
    assert page.table.item(0, 2).text().startswith("removed: Exif")


@pytest.mark.parametrize("choice", ["replace", "keep both", "skip"])
def test_cleaning_again_asks_what_to_do_with_existing_copies(qtbot: Any, tmp_path: Path, choice: str) -> None:
    folder = _photos(tmp_path, 2)
    asked: list[int] = []
    page = active_page(qtbot, ask_existing=lambda count: asked.append(count) or choice)
    drop(page, [folder])
    _wait_inspected(qtbot, page)
    assert [r.outcome.value for r in clean_by_keyboard(qtbot, page)] == ["cleaned", "cleaned"]
    out = tmp_path / "Camera Roll (cleaned)"
    (out / "IMG_0000.jpg").write_bytes(b"an older copy")
    page.clean_button.setFocus()
    if choice == "skip":
        press(qtbot, Qt.Key.Key_C, Qt.KeyboardModifier.AltModifier)
        qtbot.waitUntil(lambda: bool(asked))  # a mnemonic clicks the button a moment later, as it shows the press
        assert asked == [2]
        assert "every photo already has a cleaned copy" in page.summary.text()
        assert [page.table.item(r, 1).text() for r in range(2)] == ["skipped", "skipped"]
        assert (out / "IMG_0000.jpg").read_bytes() == b"an older copy"
        return
    results = clean_by_keyboard(qtbot, page)
    assert asked == [2]
    assert [r.outcome.value for r in results] == ["cleaned", "cleaned"]
    if choice == "replace":
        assert (out / "IMG_0000.jpg").read_bytes() != b"an older copy"
        assert not (out / "IMG_0000 (2).jpg").exists()
    else:
        assert (out / "IMG_0000.jpg").read_bytes() == b"an older copy"
        assert (out / "IMG_0000 (2).jpg").exists() and (out / "nested" / "shot (2).png").exists()


def test_the_real_question_is_answered_with_its_buttons(qtbot: Any, tmp_path: Path) -> None:
    page = make_page(qtbot)
    box = page.existing_dialog(3)
    qtbot.addWidget(box)
    assert "3 of these photos already have a cleaned copy" in box.text()
    labels = [b.text().replace("&", "") for b in box.buttons()]
    assert {"Replace", "Keep both", "Skip those", "Cancel"} <= set(labels)
    assert box.defaultButton().text() == "&Keep both"
    chosen = next(b for b in box.buttons() if b.text() == "&Skip those")
    QTimer.singleShot(0, chosen.click)
    box.exec()
    assert box.clickedButton().property("choice") == "skip"


@pytest.mark.parametrize("where", ["table", "details", "summary", "output label", "preview", "page"])
def test_photos_can_be_dropped_anywhere_on_the_page(qtbot: Any, tmp_path: Path, where: str) -> None:
    folder = _photos(tmp_path, 2)
    page = make_page(qtbot)
    target = {"table": page.table.viewport(), "details": page.details.viewport(), "summary": page.summary,
              "output label": page.output_label, "preview": page.preview, "page": page}[where]
    drop(page, [folder], on=target)
    _wait_inspected(qtbot, page)
    assert page.table.rowCount() == 2


def test_clean_in_place_changes_what_the_destination_says(qtbot: Any, tmp_path: Path) -> None:
    folder = _photos(tmp_path, 2)
    page = active_page(qtbot)
    drop(page, [folder])
    _wait_inspected(qtbot, page)
    assert page.output_label.text() == f"Cleaned copies go to: {tmp_path / 'Camera Roll (cleaned)'}"
    page.in_place.setFocus()
    press(qtbot, Qt.Key.Key_Space)
    assert page.in_place.isChecked()
    assert page.output_label.text() == "Cleaning replaces the originals in their folders."
    assert not page.output_button.isEnabled()
    press(qtbot, Qt.Key.Key_Space)
    assert "Camera Roll (cleaned)" in page.output_label.text()


def _depth(text: str) -> int:
    deepest = level = 0
    for char in text:
        level += {"(": 1, ")": -1}.get(char, 0)
        deepest = max(deepest, level)
    return deepest


def test_reasons_have_no_nested_brackets_and_say_what_a_person_must_know(qtbot: Any, tmp_path: Path) -> None:
    from PIL import Image

    from tests.scrubber.hidden_photos import damaged_cut
    from tests.scrubber.photos import noisy

    folder = tmp_path / "mixed"
    folder.mkdir()
    exif = Image.Exif()
    exif[0x013B] = "Alex Officer"
    noisy().save(folder / "scan.tif", "TIFF", exif=exif.tobytes())
    damaged_cut(folder / "half.jpg")
    linked = dirty_jpeg(folder / "linked.jpg")
    os.link(linked, tmp_path / "other-name.jpg")
    questions: list[str] = []
    page = active_page(qtbot, confirm=lambda text: questions.append(text) or True)
    drop(page, [folder])
    _wait_inspected(qtbot, page)
    page.in_place.setChecked(True)
    clean_by_keyboard(qtbot, page)
    assert "1 of them has other names (hard links) elsewhere" in questions[0]
    reasons = {page.table.item(r, 0).text(): page.table.item(r, 2).text() for r in range(page.table.rowCount())}
    assert "pixels were re-encoded" in reasons["scan.tif"]
    assert "already damaged; it was cleaned without changing it" in reasons["half.jpg"]
    assert "other name (hard link) that still holds the original" in reasons["linked.jpg"]
    assert all(_depth(text) <= 1 for text in reasons.values()), reasons


def test_the_details_pane_is_tall_enough_to_read(qtbot: Any, tmp_path: Path) -> None:
    page = active_page(qtbot)
    qtbot.waitUntil(lambda: page.details.height() > 0)
    assert page.details.height() >= 160
    lines = page.details.viewport().height() // page.details.fontMetrics().lineSpacing()
    assert lines >= 10


def test_everything_shown_has_a_glyph_in_the_font(qtbot: Any, tmp_path: Path) -> None:
    """No missing-glyph boxes: every character the page writes exists in the font it uses."""
    from tests.scrubber.hidden_photos import jfif_thumbnail, jpeg_icc_text

    photos = [dirty_jpeg(tmp_path / "a.jpg"), jfif_thumbnail(tmp_path / "b.jpg"), jpeg_icc_text(tmp_path / "c.jpg")]
    page = active_page(qtbot, choose_files=lambda: photos)
    press(qtbot, Qt.Key.Key_P, Qt.KeyboardModifier.AltModifier)
    _wait_inspected(qtbot, page)
    shown = [page.summary.text(), page.drop_hint.text(), page.output_label.text()]
    for row in range(page.table.rowCount()):
        page.table.selectRow(row)
        shown += [page.details.toPlainText(), *(page.table.item(row, c).text() for c in range(3))]
    clean_by_keyboard(qtbot, page)
    for row in range(page.table.rowCount()):
        page.table.selectRow(row)
        shown += [page.details.toPlainText(), page.thumbnail_caption.text(), page.table.item(row, 2).text()]
    metrics = page.details.fontMetrics()
    missing = {c for text in shown for c in text if c.isprintable() and not metrics.inFontUcs4(ord(c))}
    assert missing == set()
    assert "•" in "".join(shown) and "×" in "".join(shown)  # the checked characters are really used
