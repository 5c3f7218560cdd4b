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
from socially_aware.ui.existing_copies import existing_copies_box
from socially_aware.ui.messages import Messages
from socially_aware.ui.photo_page import PhotoCleanerPage
from socially_aware.ui.services import PhotoActions
from tests.scrubber.photos import SERIAL, dirty_jpeg, dirty_png
from tests.ui.dialogs import ScriptedDialogs
from tests.ui.keyboard import press

pytestmark = pytest.mark.gui

ACTIONS = PhotoActions(
    formats_hint=registry.hint(),
    file_filter=registry.file_dialog_filter(),
    collect=collect_photos,
    inspect=inspect_file,
    summarise=summarise,
    default_output_dir=default_output_dir,
    cleaner=lambda o: BatchCleaner(o),
)


def make_page(
    qtbot: Any, actions: PhotoActions = ACTIONS, dialogs: ScriptedDialogs | None = None, **kwargs: Any
) -> PhotoCleanerPage:
    page = PhotoCleanerPage(actions, messages=Messages(dialogs) if dialogs else None, **kwargs)
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
    enter = QDragEnterEvent(  # a QPoint: PySide6 6.11 takes no QPointF here (6.12 converted it)
        where.toPoint(), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    )
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

    actions = PhotoActions(
        formats_hint=registry.hint(),
        file_filter=registry.file_dialog_filter(),
        collect=collect_photos,
        inspect=inspect_file,
        summarise=summarise,
        default_output_dir=default_output_dir,
        cleaner=lambda o: BatchCleaner(o, task=gated),
    )
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
    page = make_page(qtbot, dialogs=ScriptedDialogs(confirm=lambda _title, text: answers.append(text) or False))
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
    page = make_page(qtbot, dialogs=ScriptedDialogs(open_files=[photo]), open_folder=opened.append)
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
    page = active_page(qtbot, dialogs=ScriptedDialogs(open_files=[photo]))
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
    page = active_page(qtbot, dialogs=ScriptedDialogs(existing_copies=lambda count: asked.append(count) or choice))
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
    box = existing_copies_box(page, 3)
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
    target = {
        "table": page.table.viewport(),
        "details": page.details.viewport(),
        "summary": page.summary,
        "output label": page.output_label,
        "preview": page.preview,
        "page": page,
    }[where]
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
    page = active_page(qtbot, dialogs=ScriptedDialogs(confirm=lambda _title, text: questions.append(text) or True))
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
    page = active_page(qtbot, dialogs=ScriptedDialogs(open_files=lambda _title: photos))
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


# -- review findings: Enter cleans, focus shows, the first photo is described, counts agree, dialogs start --


def test_after_adding_enter_cleans_and_focus_is_always_on_something_visible(
    qtbot: Any, qapp: QApplication, tmp_path: Path
) -> None:
    from PySide6.QtCore import QPoint, QRect
    from PySide6.QtGui import QColor

    from socially_aware.ui.style import apply_style, colours

    apply_style(qapp, dark=False)
    ring = QColor(colours(False).ring).getRgb()[:3]
    photo = dirty_jpeg(tmp_path / "beach.jpg")
    page = active_page(qtbot, dialogs=ScriptedDialogs(open_files=[photo]))
    assert not page.clean_button.isDefault()  # nothing to clean yet
    press(qtbot, Qt.Key.Key_P, Qt.KeyboardModifier.AltModifier)
    _wait_inspected(qtbot, page)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is page.clean_button)
    assert page.clean_button.isDefault()

    def ring_pixels(widget: QWidget) -> int:
        QApplication.processEvents()
        image = page.grab().toImage()
        rect = QRect(widget.mapTo(page, QPoint(0, 0)), widget.size())
        return sum(
            image.pixelColor(x, y).getRgb()[:3] == ring
            for x in range(rect.left(), rect.right() + 1)
            for y in (rect.top(), rect.bottom())
        )

    assert ring_pixels(page.clean_button) >= page.clean_button.width()
    with qtbot.waitSignal(page.cleaning_done, timeout=20000) as finished:
        press(qtbot, Qt.Key.Key_Return)
    assert [r.outcome.value for r in finished.args[0]] == ["cleaned"]
    assert QApplication.focusWidget() is page.table  # the results, with a ring round them
    assert ring_pixels(page.table) >= page.table.width()
    assert page.details.toPlainText().startswith("beach.jpg: cleaned.")
    assert page.summary.text() == "Done: 1 cleaned. Move through the list to see what each cleaned copy still holds."


def test_the_first_photo_is_described_at_once_and_its_findings_are_readable_at_1024(qtbot: Any, tmp_path: Path) -> None:
    photos = [dirty_jpeg(tmp_path / "IMG_20240101_093000.jpg"), dirty_jpeg(tmp_path / "beach.jpg")]
    page = active_page(qtbot, dialogs=ScriptedDialogs(open_files=lambda _title: photos))
    page.resize(760, 620)  # what the page gets beside the navigation in a 1024 px window
    press(qtbot, Qt.Key.Key_P, Qt.KeyboardModifier.AltModifier)
    _wait_inspected(qtbot, page)
    assert page.table.selectionModel().selectedRows()[0].row() == 0
    assert page.details.toPlainText().startswith("beach.jpg, JPEG")
    assert not page.preview.pixmap().isNull()
    assert page.table.item(0, 2).text().startswith("gives away: location, time, device, people")
    room = page.table.columnWidth(2)
    assert page.table.fontMetrics().horizontalAdvance("gives away: location, time, device") < room - 8, room
    assert page.table.columnWidth(0) >= page.table.fontMetrics().horizontalAdvance("beach.jpg")
    assert page.table.item(0, 2).toolTip()  # the whole text, whatever the width


def test_the_progress_bar_shows_only_once_cleaning_starts_and_nothing_moves(qtbot: Any, tmp_path: Path) -> None:
    folder = _photos(tmp_path, 2)
    page = active_page(qtbot)
    assert not page.progress.isVisible()
    summary_top, open_left = page.summary.geometry().top(), page.open_output_button.x()
    table_top, empty_summary = page.table.mapTo(page, page.table.rect().topLeft()).y(), page.summary.height()
    drop(page, [folder])
    _wait_inspected(qtbot, page)
    assert not page.progress.isVisible()
    assert page.summary.height() == empty_summary  # one line or two: the page below does not jump
    assert page.table.mapTo(page, page.table.rect().topLeft()).y() == table_top
    clean_by_keyboard(qtbot, page)
    assert page.progress.isVisible() and page.progress.value() == 2
    assert (page.summary.geometry().top(), page.open_output_button.x()) == (summary_top, open_left)
    page.clear_button.setFocus()
    press(qtbot, Qt.Key.Key_Space)
    assert not page.progress.isVisible() and not page.clean_button.isDefault()


def test_photos_are_listed_in_natural_order_ignoring_case(qtbot: Any, tmp_path: Path) -> None:
    folder = tmp_path / "trip"
    folder.mkdir()
    names = ["p1.jpg", "P2.jpg", "p10.jpg", "p11.jpg", "p3.jpg", "a.jpg", "B.jpg"]
    for name in names:
        dirty_jpeg(folder / name)
    page = active_page(qtbot)
    drop(page, [folder])
    _wait_inspected(qtbot, page)
    listed = [page.table.item(r, 0).text() for r in range(page.table.rowCount())]
    assert listed == ["a.jpg", "B.jpg", "p1.jpg", "P2.jpg", "p3.jpg", "p10.jpg", "p11.jpg"]
    assert [p.name for p in page.files] == listed  # cleaned in the order shown


def test_on_a_wide_screen_the_page_sits_in_a_centred_column(qtbot: Any, tmp_path: Path) -> None:
    from socially_aware.ui.labels import readable_width
    from socially_aware.ui.photo_page import PAGE_CHARACTERS

    page = active_page(qtbot)
    page.resize(1700, 1000)
    qtbot.waitUntil(lambda: page.table.width() > 0)
    left = page.clean_button.mapTo(page, page.clean_button.rect().topLeft()).x()
    right = page.open_output_button.mapTo(page, page.open_output_button.rect().topRight()).x()
    assert right - left <= readable_width(page, PAGE_CHARACTERS) + 64
    assert abs(left - (page.width() - right)) <= 4  # centred


@pytest.mark.parametrize(
    ("files", "expected"),
    [
        (
            1,
            "1 photo chosen. It gives a location; names the camera or phone; carries a name, caption or copyright; "
            "holds a hidden preview image.",
        ),
        (
            2,
            "2 photos chosen: 2 give a location; 2 name the camera or phone; 2 carry a name, caption or copyright; "
            "2 hold a hidden preview image.",
        ),
    ],
)
def test_counts_agree_with_their_words(qtbot: Any, tmp_path: Path, files: int, expected: str) -> None:
    photos = [dirty_jpeg(tmp_path / f"p{n}.jpg") for n in range(files)]
    page = active_page(qtbot, dialogs=ScriptedDialogs(open_files=lambda _title: photos))
    press(qtbot, Qt.Key.Key_P, Qt.KeyboardModifier.AltModifier)
    _wait_inspected(qtbot, page)
    assert page.summary.text() == expected


def test_a_mixed_folder_counts_each_finding_with_the_right_verb(qtbot: Any, tmp_path: Path) -> None:
    folder = _photos(tmp_path, 3)  # two JPEGs with a location and a preview, one PNG without either
    (folder / "broken.jpg").write_bytes(b"\xff\xd8\xff\xe1\x00\x10 too short")
    page = active_page(qtbot)
    drop(page, [folder])
    _wait_inspected(qtbot, page)
    assert page.summary.text() == (
        "4 photos chosen: 2 give a location; 3 name the camera or phone; 3 carry a name, "
        "caption or copyright; 2 hold a hidden preview image; 1 cannot be read."
    )


def test_one_photo_questions_are_in_the_singular(qtbot: Any, tmp_path: Path) -> None:
    questions: list[str] = []
    photo = dirty_jpeg(tmp_path / "one.jpg")
    page = active_page(
        qtbot,
        dialogs=ScriptedDialogs(open_files=[photo], confirm=lambda _title, text: questions.append(text) or False),
    )
    press(qtbot, Qt.Key.Key_P, Qt.KeyboardModifier.AltModifier)
    _wait_inspected(qtbot, page)
    page.in_place.setChecked(True)
    press(qtbot, Qt.Key.Key_Return)
    assert questions == ["Replace the original photo with a cleaned version? This cannot be undone."]
    one, three = existing_copies_box(page, 1), existing_copies_box(page, 3)
    qtbot.addWidget(one)
    qtbot.addWidget(three)
    assert one.text().startswith("1 of these photos already has a cleaned copy in the output folder. Replace that copy")
    assert "skip that photo?" in one.text() and "&Skip that photo" in [b.text() for b in one.buttons()]
    assert three.text().startswith("3 of these photos already have a cleaned copy")


def test_file_dialogs_start_in_pictures_then_in_the_folder_last_used(
    qtbot: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtWidgets import QFileDialog

    home = tmp_path / "home"
    (home / "Pictures").mkdir(parents=True)
    trip = tmp_path / "trip"
    trip.mkdir()
    photo = dirty_jpeg(trip / "p1.jpg")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))  # no user-dirs.dirs: Pictures is ~/Pictures
    monkeypatch.chdir(tmp_path)  # the working directory is never where a person's photos are
    opened_in: list[str] = []

    def files_dialog(_parent: QWidget, _title: str, folder: str, _filter: str) -> tuple[list[str], str]:
        opened_in.append(folder)
        return [str(photo)], ""

    def folder_dialog(_parent: QWidget, _title: str, folder: str) -> str:
        opened_in.append(folder)
        return ""

    monkeypatch.setattr(QFileDialog, "getOpenFileNames", staticmethod(files_dialog))
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", staticmethod(folder_dialog))
    page = active_page(qtbot)
    press(qtbot, Qt.Key.Key_P, Qt.KeyboardModifier.AltModifier)
    _wait_inspected(qtbot, page)
    page.add_folder_button.setFocus()
    press(qtbot, Qt.Key.Key_Space)
    assert opened_in == [str(home / "Pictures"), str(trip)]


def test_without_a_pictures_folder_dialogs_start_at_home(
    qtbot: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtWidgets import QFileDialog

    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    opened_in: list[str] = []
    monkeypatch.setattr(
        QFileDialog,
        "getExistingDirectory",
        staticmethod(lambda _parent, _title, folder: opened_in.append(folder) or ""),
    )
    page = active_page(qtbot)
    page.add_folder_button.setFocus()
    press(qtbot, Qt.Key.Key_Space)
    assert opened_in == [str(home)]


def test_a_file_of_a_kind_not_handled_is_named_with_what_is(qtbot: Any, tmp_path: Path) -> None:
    """Issue 21 item 6: a dropped .avi is not "no photos": the page says what it is and what the
    cleaner takes (from the format registry), and a link out of a dropped folder is said too."""
    from dataclasses import replace

    from socially_aware.scrubber import left_out

    movie = tmp_path / "holiday.avi"
    movie.write_bytes(b"RIFF\x10\x00\x00\x00AVI LIST")
    folder = tmp_path / "dropped"
    folder.mkdir()
    (folder / "elsewhere.jpg").symlink_to(dirty_jpeg(tmp_path / "outside.jpg"))
    page = PhotoCleanerPage(replace(ACTIONS, left_out=left_out))
    qtbot.addWidget(page)
    page.show()
    drop(page, [movie, folder])
    qtbot.waitUntil(lambda: not page.worker.busy() and "Looking" not in page.summary.text(), timeout=10000)
    text = page.summary.text()
    assert "holiday.avi: not a kind of file this cleaner handles (AVI video); handled are JPEG, PNG" in text
    assert "dropped: 1 link in it leads to a file outside this folder and was not followed" in text
    assert page.table.rowCount() == 0


def test_a_heic_photo_gets_a_preview_of_the_picture_itself(qtbot: Any, tmp_path: Path) -> None:
    from dataclasses import replace

    from PySide6.QtGui import QImageReader

    from socially_aware.scrubber.preview import preview_png
    from tests.scrubber.heifs import made_heic

    heic = made_heic(tmp_path)
    page = make_page(qtbot)
    drop(page, [heic])
    _wait_inspected(qtbot, page)
    page.table.selectRow(0)
    if b"heic" not in [bytes(f.data()) for f in QImageReader.supportedImageFormats()]:
        assert page.preview.text() == "No preview"  # the old way: Qt alone has no HEIC decoder
    page = make_page(qtbot, actions=replace(ACTIONS, preview=preview_png))
    drop(page, [heic])
    _wait_inspected(qtbot, page)
    page.table.selectRow(0)
    picture = page.preview.pixmap()
    assert picture is not None and not picture.isNull() and max(picture.width(), picture.height()) > 16
