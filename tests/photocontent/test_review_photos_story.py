"""Story: in the real window, by keyboard, tick "Look inside the photos too", open a download, see the
photo finding, mark it; only its id is stored. The text reader is a stand-in (the real models are
covered by the slow tests); everything else is the real wiring from `app.py`.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from socially_aware.catalog.model import Organisation
from socially_aware.photocontent import downloads
from socially_aware.photocontent.look import look_at
from socially_aware.photocontent.model import Look
from socially_aware.photocontent.picture import Picture
from socially_aware.progress.model import ProgressDocument
from socially_aware.progress.store import ProgressStore
from tests.photocontent.conftest import FakeEngines, line
from tests.photocontent.test_downloads import download, jpeg
from tests.progress.fakes import FixedKeySource
from tests.ui.conftest import checklist_dir, locations, make_window  # noqa: F401 - fixtures used by name
from tests.ui.dialogs import ScriptedDialogs
from tests.ui.keyboard import press, tab_to

pytestmark = pytest.mark.gui


@pytest.fixture
def reads_the_name(monkeypatch: pytest.MonkeyPatch) -> None:
    engines = FakeEngines(lines=[line("AUSTRALIAN BORDER FORCE", 10, 10, 300, 40)])

    def look(picture: Picture, organisation: Organisation, **options: Any) -> Look:
        return look_at(picture, organisation, **{**options, "engines": engines})

    monkeypatch.setattr(downloads, "look_at", look)


def test_tick_the_box_by_keyboard_open_a_download_and_see_the_photo_finding(
    qtbot: Any, make_window: Callable[..., Any], locations: Any, tmp_path: Path, reads_the_name: None
) -> None:
    archive = download(tmp_path, {"media/posts/1.jpg": jpeg("AUSTRALIAN BORDER FORCE")})
    keys = FixedKeySource()
    ProgressStore(locations.data_dir, keys).save(ProgressDocument(welcomed=True, platforms=["alpha"]))
    window = make_window(keys, dialogs=ScriptedDialogs(open_files=[archive]))
    press(qtbot, Qt.Key.Key_6, Qt.KeyboardModifier.ControlModifier)
    page = window.review
    box = page.photos.box
    assert not box.isChecked() and box.accessibleName() == "Look inside the photos too" and box.isVisible()
    assert "Look inside the photos too" in box.text().replace("&", "")

    tab_to(qtbot, box)
    press(qtbot, Qt.Key.Key_Space)
    assert box.isChecked()
    tab_to(qtbot, page.open_button)
    with qtbot.waitSignal(page.photos.finished, timeout=30000) as done:
        press(qtbot, Qt.Key.Key_Space)
        qtbot.waitUntil(lambda: page.photos.progress.isVisible() or done.signal_triggered, timeout=30000)
    result = done.args[0]
    assert result is not None and result.looked == 1
    assert page.photos.status.text() == "Looked inside 1 of 1 photo: 1 finding."
    assert not page.photos.progress.isVisible() and page.open_button.isEnabled()

    group = page.tree.topLevelItem(0)
    rows = {group.child(i).text(0): group.child(i) for i in range(group.childCount())}
    row = rows["A photo shows the organisation's name (Border Force)"]
    assert QApplication.focusWidget() is page.tree
    page.tree.setCurrentItem(row)
    finding = page.current_finding()
    assert finding is not None and finding.file == "media/posts/1.jpg" and finding.action == "instagram/work-photos"
    assert "media/posts/1.jpg" in page.detail_where.text()
    tab_to(qtbot, page.deleted_button)
    press(qtbot, Qt.Key.Key_Space)
    assert page.tree.currentItem().text(2) == "Deleted or edited"
    window.close()

    stored = json.dumps(ProgressStore(locations.data_dir, keys).load().to_dict(), ensure_ascii=False)
    assert json.loads(stored)["findings"] == {finding.id: "deleted"}
    for secret in ("AUSTRALIAN", "Border Force", "1.jpg", "media/posts"):
        assert secret not in stored


def test_the_box_is_off_by_default_and_unticked_no_photo_is_looked_at(
    qtbot: Any, make_window: Callable[..., Any], locations: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    archive = download(tmp_path, {"media/posts/1.jpg": jpeg("AUSTRALIAN BORDER FORCE")})
    monkeypatch.setattr(downloads, "review_photos", lambda *a, **k: pytest.fail("looked at photos unasked"))
    ProgressStore(locations.data_dir, FixedKeySource()).save(ProgressDocument(welcomed=True, platforms=["alpha"]))
    window = make_window(dialogs=ScriptedDialogs(open_files=[archive]))
    press(qtbot, Qt.Key.Key_6, Qt.KeyboardModifier.ControlModifier)
    page = window.review
    with qtbot.waitSignal(page.review_finished, timeout=20000):
        press(qtbot, Qt.Key.Key_Space)
    assert not page.photos.box.isChecked() and not page.photos.busy()
    group = page.tree.topLevelItem(0)
    assert group.childCount() > 0
    assert not any("A photo shows" in group.child(i).text(0) for i in range(group.childCount()))
