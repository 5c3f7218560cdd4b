"""Windows for UI tests: a real catalog folder, a real store in tmp_path, dialogs injected."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QApplication

from socially_aware.app import build_window
from socially_aware.locations import Locations, bundled_root
from socially_aware.progress.keys import KeySource
from socially_aware.ui.main_window import MainWindow
from socially_aware.ui.style import apply_style
from tests.catalog.samples import good, write_folder
from tests.progress.fakes import FixedKeySource

PLATFORMS = {"alpha": "Alpha", "bravo": "Bravo", "charlie": "Charlie", "delta": "Delta"}


@pytest.fixture(autouse=True)
def _dialogs_start_in_the_standard_folders() -> None:
    """The start folder is remembered for the run (`ui/dialog_folder.py`): each story starts afresh."""
    from socially_aware.ui import dialog_folder

    dialog_folder.forget()


@pytest.fixture
def checklist_dir(tmp_path: Path) -> Path:
    return write_folder(tmp_path / "checklists", {pid: good(pid, name) for pid, name in PLATFORMS.items()})


@pytest.fixture
def locations(tmp_path: Path, checklist_dir: Path) -> Locations:
    return Locations(
        data_dir=tmp_path / "data",
        checklist_dirs=(checklist_dir, tmp_path / "user-checklists"),
        assets_dir=bundled_root() / "assets",
    )


WindowFactory = Callable[..., MainWindow]


@pytest.fixture
def make_window(qtbot: Any, qapp: QApplication, locations: Locations) -> WindowFactory:
    apply_style(qapp, dark=False)

    def make(keys: KeySource | None = None, **options: Any) -> MainWindow:
        # The last test's window was closed and deleteLater'ed: delete it now. Left for this test's event
        # loop, it was restyled and laid out again with the new window (40% of the suite's CPU time).
        QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        window = build_window(locations, keys or FixedKeySource(), **options)
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
        window.activateWindow()
        qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
        return window

    return make
