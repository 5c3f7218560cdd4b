"""What the person sees when files are bad, and the settings that move or delete their data."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from socially_aware.progress.model import ItemState
from tests.progress.fakes import FixedKeySource
from tests.ui.conftest import WindowFactory

pytestmark = pytest.mark.gui


def _start(window: Any, ids: list[str]) -> None:
    window.welcome.start_button.click()
    window.picker.set_selection(ids, [next(iter(window.picker.surface_boxes))])
    window.picker.done_button.click()


def test_broken_checklist_shows_a_banner_and_the_rest_loads(make_window: WindowFactory, tmp_path: Path) -> None:
    user = tmp_path / "user-checklists"
    user.mkdir()
    (user / "echo.yaml").write_text("schema: 1\nplatform: [\n", encoding="utf-8")
    window = make_window()
    assert window.banner.isVisible()
    text = window.banner.label.text()
    assert "echo.yaml" in text and "line 3" in text
    assert [p.id for p in window.tracker.catalog.platforms] == ["alpha", "bravo", "charlie", "delta"]


def test_tampered_store_is_reported_and_never_overwritten(make_window: WindowFactory, tmp_path: Path) -> None:
    keys = FixedKeySource()
    window = make_window(keys)
    _start(window, ["alpha"])
    window.close()
    store_file = tmp_path / "data" / "progress.sa"
    data = bytearray(store_file.read_bytes())
    data[-5] ^= 0xFF
    store_file.write_bytes(bytes(data))
    again = make_window(keys)
    assert "changed or damaged" in again.banner.label.text()
    again.settings.platforms_button.click()
    again.picker.set_selection(["bravo"], [next(iter(again.picker.surface_boxes))])
    again.picker.done_button.click()  # any change tries to save
    assert "will not be overwritten" in again.banner.label.text()
    assert store_file.read_bytes() == bytes(data)


def test_restore_previous_copy_after_damage(make_window: WindowFactory, tmp_path: Path) -> None:
    keys = FixedKeySource()
    window = make_window(keys, settings_dialogs={"confirm": lambda title, text: True})
    _start(window, ["alpha"])
    window.checklists.open_item(window.tracker.catalog.item("alpha/hide-employer"))
    window.checklists.view.buttons[ItemState.DONE].click()
    window.close()
    (tmp_path / "data" / "progress.sa").write_bytes(b"SAPROG1\n garbage")
    again = make_window(keys, settings_dialogs={"confirm": lambda title, text: True})
    again.settings.restore_button.click()
    assert again.tracker.doc.platforms == ["alpha"]
    assert again.tracker.overall()[0] == 0  # the backup is the state before the last save
    assert not again.banner.isVisible()


def test_export_then_import_on_another_computer(make_window: WindowFactory, tmp_path: Path) -> None:
    target = tmp_path / "moving" / "progress.saexport"
    target.parent.mkdir()
    dialogs = {
        "ask_path": lambda title, saving: target,
        "ask_passphrase": lambda title, label: "correct horse battery",
        "confirm": lambda title, text: True,
    }
    window = make_window(settings_dialogs=dialogs)
    _start(window, ["alpha", "bravo"])
    window.checklists.open_item(window.tracker.catalog.item("bravo/hide-employer"))
    window.checklists.view.buttons[ItemState.DONE].click()
    window.settings.export_button.click()
    assert target.exists() and b"bravo" not in target.read_bytes()
    assert "Exported to" in window.banner.label.text()
    window.close()

    other = make_window(FixedKeySource(b"o" * 32), settings_dialogs=dialogs)
    _start(other, ["delta"])
    other.settings.import_button.click()
    assert other.tracker.doc.platforms == ["alpha", "bravo"]
    assert other.tracker.overall() == (1, 4)


def test_wrong_export_passphrase_says_so(make_window: WindowFactory, tmp_path: Path) -> None:
    target = tmp_path / "p.saexport"
    answers = iter(["first passphrase", "first passphrase", "wrong passphrase"])
    window = make_window(settings_dialogs={
        "ask_path": lambda title, saving: target, "ask_passphrase": lambda title, label: next(answers),
        "confirm": lambda title, text: True,
    })
    _start(window, ["alpha"])
    window.settings.export_button.click()
    window.settings.import_button.click()
    assert "passphrase does not open" in window.banner.label.text()


def test_delete_all_data_needs_confirmation_and_really_deletes(make_window: WindowFactory, tmp_path: Path) -> None:
    answers = iter([False, True])
    keys = FixedKeySource()
    window = make_window(keys, settings_dialogs={"confirm": lambda title, text: next(answers)})
    _start(window, ["alpha"])
    data = tmp_path / "data"
    assert (data / "progress.sa").exists()
    window.settings.delete_button.click()
    assert (data / "progress.sa").exists()
    window.settings.delete_button.click()
    assert not data.exists()
    assert keys.forgotten
    assert window.stack.currentWidget() is window.welcome


def test_a_due_review_shows_and_can_be_started(qtbot: Any, qapp: Any, locations: Any) -> None:
    from datetime import date

    from PySide6.QtWidgets import QPushButton

    from socially_aware.app import build_window

    keys = FixedKeySource()
    first = build_window(locations, keys, today=lambda: date(2026, 1, 10))
    qtbot.addWidget(first)
    _start(first, ["alpha"])
    for item in first.tracker.catalog.platform("alpha").items:
        first.tracker.mark(item, ItemState.DONE)
    first.close()  # saves what the Tracker reported
    later = build_window(locations, keys, today=lambda: date(2026, 4, 10))
    qtbot.addWidget(later)
    assert [p.id for p in later.tracker.due_for_review()] == ["alpha"]
    later.show_section(0)
    button = next(b for b in later.overview.findChildren(QPushButton) if b.text() == "Review again")
    button.click()
    assert later.tracker.overall() == (0, 2)
    assert later.stack.currentWidget() is later.checklists
