"""The photo cleaner's details gain "What it shows", and a filter keeps the photos that show the
organisation's name or faces. Stand-in looks, so the test controls what each photo shows."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

import pytest

from socially_aware.photocontent.model import Box, Kind, Look, Redaction, Shown
from socially_aware.ui.photo_page import PhotoCleanerPage
from socially_aware.ui.photo_shows import ShowsActions
from tests.scrubber.photos import dirty_jpeg
from tests.ui.test_photo_page import ACTIONS, drop

pytestmark = pytest.mark.gui

NAMED = Shown(
    Kind.TEXT, Box(1, 2, 30, 10), "Border Force", "BORDER FORCE", "It names the Department.", "photos-uniform", "s5"
)


def _look(path: Path, _cancelled: Any) -> Look:
    shows = (NAMED,) if "sign" in path.name else ()
    return Look(path, 96, 64, shows)


def test_details_say_what_it_shows_and_the_filter_keeps_only_those(qtbot: Any, tmp_path: Path) -> None:
    looked: list[Path] = []

    def look(path: Path, cancelled: Any) -> Look:
        looked.append(path)
        return _look(path, cancelled)

    shows = ShowsActions(look=look, redact=lambda *a: Redaction(Path("x")))
    page = PhotoCleanerPage(dataclasses.replace(ACTIONS, shows=shows))
    qtbot.addWidget(page)
    page.show()
    sign, beach = dirty_jpeg(tmp_path / "sign.jpg"), dirty_jpeg(tmp_path / "beach.jpg")
    drop(page, [sign, beach])
    qtbot.waitUntil(lambda: not page.worker.busy() and page.table.rowCount() == 2, timeout=10000)
    row = next(r for r in range(2) if page._row_path(r) == sign)
    page.table.selectRow(row)
    qtbot.waitUntil(lambda: "Shows the organisation's name (Border Force)" in page.details.toPlainText(), timeout=10000)
    assert "Where it was taken" in page.details.toPlainText()  # the metadata, together with what it shows
    assert set(looked) <= {sign, beach} and looked[-1] in (sign, beach)

    page.only_showing.setChecked(True)
    beach_row = next(r for r in range(2) if page._row_path(r) == beach)
    qtbot.waitUntil(lambda: page.table.isRowHidden(beach_row), timeout=10000)
    assert not page.table.isRowHidden(row)
    page.only_showing.setChecked(False)
    assert not page.table.isRowHidden(beach_row)
    page.shutdown()


def test_unticking_the_filter_stops_looking_at_the_rest(qtbot: Any, tmp_path: Path) -> None:
    import threading

    release = threading.Event()
    looked: list[Path] = []

    def look(path: Path, cancelled: Any) -> Look:
        looked.append(path)
        release.wait(10)  # the test decides when a look ends
        return _look(path, cancelled)

    shows = ShowsActions(look=look, redact=lambda *a: Redaction(Path("x")))
    page = PhotoCleanerPage(dataclasses.replace(ACTIONS, shows=shows))
    qtbot.addWidget(page)
    page.show()
    photos = [dirty_jpeg(tmp_path / f"IMG_{n}.jpg") for n in range(6)]
    drop(page, photos)
    qtbot.waitUntil(lambda: not page.worker.busy() and page.table.rowCount() == 6, timeout=10000)
    page.only_showing.setChecked(True)
    assert "to go" in page.count.text()
    page.only_showing.setChecked(False)
    assert page.looker is not None and page.looker.pending() <= 1  # only the look under way is left
    release.set()
    qtbot.waitUntil(lambda: page.looker.pending() == 0, timeout=10000)
    assert len(looked) <= 2
    page.shutdown()
