"""A first run by keyboard only, from launch to the first item done: keystrokes and seconds.

    xvfb-run -a -s "-screen 0 1920x1080x24" .venv/bin/python benchmarks/first_run_keyboard.py
    (or QT_QPA_PLATFORM=offscreen)

Drives the real window with key presses delivered through the window, as a windowing system
delivers them, with the shipped checklists. Two paths: the shortest (one platform) and a typical
one (Facebook, LinkedIn and Instagram, plus the iPhone). The seconds are the app's own time
(building the window, reacting to each key); a person adds reading and typing time on top.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QCheckBox

from socially_aware.app import create_app
from socially_aware.locations import Locations
from socially_aware.progress.keys import PassphraseKeySource
from socially_aware.progress.model import ItemState


class Keys:
    def __init__(self, app: QApplication) -> None:
        self.app = app
        self.count = 0

    def press(self, key: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
        widget = QApplication.focusWidget()
        assert widget is not None, "nothing has focus"
        self.count += 1
        QTest.keyClick(widget.window().windowHandle(), key, modifier)
        self.app.processEvents()

    def type(self, text: str) -> None:
        for character in text:
            widget = QApplication.focusWidget()
            assert widget is not None
            self.count += 1
            QTest.keyClicks(widget, character)
        self.app.processEvents()


def first_run(platforms: list[str], devices: tuple[str, ...]) -> tuple[int, float, str]:
    with tempfile.TemporaryDirectory() as tmp:
        started = time.perf_counter()
        app, window = create_app(
            sys.argv[:1], locations=Locations.under(Path(tmp)), keys=PassphraseKeySource("benchmark passphrase")
        )
        assert window is not None
        window.show()
        window.activateWindow()
        app.processEvents()
        keys = Keys(app)
        keys.press(Qt.Key.Key_Return)  # Get started (focused, default)
        for name in platforms:
            keys.press(Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)  # replace the last search
            keys.type(name)
            keys.press(Qt.Key.Key_Return)  # one match: ticked; several: the first has focus
            if isinstance(QApplication.focusWidget(), QCheckBox):
                keys.press(Qt.Key.Key_Space)
                keys.press(Qt.Key.Key_Tab, Qt.KeyboardModifier.ShiftModifier)  # back to the search field
        keys.press(Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
        keys.press(Qt.Key.Key_Backspace)  # an empty search: Enter continues, as on the rest of the page
        for device in devices:
            while not (
                isinstance(QApplication.focusWidget(), QCheckBox) and QApplication.focusWidget().text() == device
            ):
                keys.press(Qt.Key.Key_Tab)
            if not QApplication.focusWidget().isChecked():
                keys.press(Qt.Key.Key_Space)
        keys.press(Qt.Key.Key_Return)  # Continue
        assert window.stack.currentWidget() is window.overview, "the picker did not continue"
        keys.press(Qt.Key.Key_Return)  # Start
        first = window.guided.details.item
        keys.press(Qt.Key.Key_Return)  # Done
        elapsed = time.perf_counter() - started
        assert first is not None and window.tracker.state(first) is ItemState.DONE
        where = window.guided.where.text()
        window.close()
        return keys.count, elapsed, f"{first.key}; then showing: {where}"


def main() -> int:
    for label, platforms, devices in (
        ("shortest: Facebook on the web", ["facebook"], ()),
        (
            "typical: Facebook, LinkedIn, Instagram, iPhone; web + iPhone",
            ["facebook", "linkedin", "instagram", "iphone"],
            ("iPhone / iPad",),
        ),
    ):
        count, seconds, detail = first_run(platforms, devices)
        print(f"{label}: {count} keystrokes, {seconds:.2f} s of app time to the first item done ({detail})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
