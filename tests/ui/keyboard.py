"""Keys as a person presses them: to whatever has keyboard focus, and Tab until a control is reached."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget


def press(qtbot: Any, key: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
    """One key to the focused widget; fails if nothing has focus (a person's key would go nowhere)."""
    widget = QApplication.focusWidget()
    assert widget is not None, "nothing has keyboard focus"
    qtbot.keyClick(widget, key, modifier)


def tab_to(qtbot: Any, target: QWidget, limit: int = 60) -> None:
    """Tab until `target` has focus; fails if `limit` presses never reach it."""
    for _ in range(limit):
        if QApplication.focusWidget() is target:
            return
        press(qtbot, Qt.Key.Key_Tab)
    raise AssertionError(f"Tab never reached {target.accessibleName() or target!r}")
