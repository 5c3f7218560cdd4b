"""One window per person: a second start (a real second process) brings the open window forward and ends."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from socially_aware.app import raise_on_second_start
from socially_aware.locations import Locations
from socially_aware.progress.lock import StoreLock
from tests.ui.conftest import WindowFactory

ROOT = Path(__file__).resolve().parents[2]


def _second_start(data_dir: Path) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "PYTHONPATH": str(ROOT / "desktop"),
        "SOCIALLY_AWARE_DATA_DIR": str(data_dir),
        "QT_QPA_PLATFORM": "offscreen",
    }
    return subprocess.run(
        [sys.executable, "-m", "socially_aware"], capture_output=True, text=True, env=env, timeout=60, check=False
    )


@pytest.mark.qt_log_ignore("This plugin does not support raise")  # offscreen: no window manager to raise in
def test_a_second_start_raises_the_open_window_and_ends(
    qtbot: Any, make_window: WindowFactory, locations: Locations
) -> None:
    window = make_window()
    assert StoreLock(locations.data_dir).acquire()  # as `app.run` does before it builds the window
    notifier = raise_on_second_start(window, locations.data_dir)
    assert notifier is not None
    window.showMinimized()
    second = _second_start(locations.data_dir)
    assert second.returncode == 0, second.stderr
    assert "already open: its window was brought to the front" in second.stderr
    qtbot.waitUntil(lambda: window.brought_to_front == 1, timeout=10000)
    assert not window.isMinimized()
    again = _second_start(locations.data_dir)  # and again: the window keeps listening
    assert again.returncode == 0
    qtbot.waitUntil(lambda: window.brought_to_front == 2, timeout=10000)
