"""Check before you post, by keyboard: open a photo, see the boxes, redact, save, the copy re-checks clean.

The real window and the real models (two OCR passes: the look and the re-check of the saved copy).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from socially_aware.photocontent.model import Kind
from socially_aware.progress.model import ProgressDocument
from socially_aware.progress.store import ProgressStore
from tests.photocontent.scenes import STAFF_CODE, pass_scene
from tests.progress.fakes import FixedKeySource
from tests.ui.conftest import checklist_dir, locations, make_window  # noqa: F401 - fixtures used by name
from tests.ui.dialogs import ScriptedDialogs
from tests.ui.keyboard import press, tab_to

pytestmark = [pytest.mark.gui, pytest.mark.slow]


def test_open_a_photo_see_the_boxes_redact_save_and_the_copy_rechecks_clean(
    qtbot: Any, make_window: Any, locations: Any, tmp_path: Path, no_network: list[str]
) -> None:
    photo = tmp_path / "desk.jpg"
    pass_scene(photo)
    before = photo.read_bytes()
    ProgressStore(locations.data_dir, FixedKeySource()).save(ProgressDocument(welcomed=True, platforms=["alpha"]))
    window = make_window(dialogs=ScriptedDialogs(open_file=photo))

    press(qtbot, Qt.Key.Key_6, Qt.KeyboardModifier.ControlModifier)
    page = window.review
    press(qtbot, Qt.Key.Key_B, Qt.KeyboardModifier.AltModifier)  # the "Check before you post" tab
    tab_to(qtbot, page.photo_button)
    panel = page.photo_shows
    assert panel is not None
    with qtbot.waitSignal(panel.looked, timeout=60000):
        press(qtbot, Qt.Key.Key_Space)

    # The metadata and what the picture shows, together; boxes on the preview.
    assert page.draft_results.count() > 0
    assert "Border Force" in panel.status.text()
    boxes = panel.canvas.boxes
    assert [b.term for b in boxes if b.term] == ["Border Force"]
    assert any(b.kind is Kind.CODE for b in boxes)
    assert not panel.canvas.image.isNull()
    listed = [panel.list.item(i).text() for i in range(panel.list.count())]
    assert any(line.startswith("1. Names Border Force") for line in listed)
    assert not any(STAFF_CODE in line for line in listed)

    tab_to(qtbot, panel.redact_button)
    press(qtbot, Qt.Key.Key_Space)
    dialog = page.redact_dialog
    assert dialog is not None
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.canvas)
    suggested = len(dialog.ticked())
    assert suggested == 2  # the name and the code, ticked

    # Draw one more box by keyboard, move and resize it, then remove it again.
    press(qtbot, Qt.Key.Key_Insert)
    added = dialog.canvas.boxes[-1].box
    press(qtbot, Qt.Key.Key_Right)
    press(qtbot, Qt.Key.Key_Down, Qt.KeyboardModifier.ShiftModifier)
    moved = dialog.canvas.boxes[-1].box
    assert moved.x > added.x and moved.h > added.h and len(dialog.ticked()) == suggested + 1
    press(qtbot, Qt.Key.Key_Delete)
    assert len(dialog.ticked()) == suggested

    with qtbot.waitSignal(dialog.saved, timeout=60000):
        press(qtbot, Qt.Key.Key_Return)  # the dialog's default button: save
    result = dialog.redaction
    assert result is not None and result.clean, result
    assert result.output is not None and result.output.is_file() and result.output.parent == photo.parent
    assert result.recheck is not None and not result.recheck.names_organisation
    assert "nothing covered can be read" in dialog.status.text()
    assert photo.read_bytes() == before
    assert no_network == []
    dialog.close()


def test_a_look_that_fails_says_so_in_the_banner_and_redact_stays_off(qtbot: Any, tmp_path: Path) -> None:
    from socially_aware.ui.messages import Level, Messages, Notice
    from socially_aware.ui.photo_shows import PhotoShowsPanel, ShowsActions

    def broken_look(path: Path, cancelled: Any) -> Any:
        raise OSError("the photo went away\u202e")

    messages = Messages()
    panel = PhotoShowsPanel(
        ShowsActions(look=broken_look, redact=lambda *a: pytest.fail("nothing to redact")), messages=messages
    )
    qtbot.addWidget(panel)
    with qtbot.waitSignal(panel._call.finished, timeout=10000):
        panel.start(tmp_path / "gone.jpg")
    qtbot.waitUntil(lambda: not panel.busy())
    assert messages.history[-1] == Notice(Level.ERROR, "Could not look inside the photo: the photo went away<U+202E>")
    assert panel.status.text() == "" and not panel.redact_button.isEnabled()
