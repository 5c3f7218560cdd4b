"""The app's style is applied once per theme: applying the theme already on restyles nothing."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication, QLabel

from socially_aware.ui.style import apply_style


class _StyleChanges(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.count = 0

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.StyleChange:
            self.count += 1
        return False


def test_the_theme_already_on_restyles_no_widget_and_a_new_theme_restyles_them(qtbot: Any, qapp: QApplication) -> None:
    apply_style(qapp, dark=False)
    label = QLabel("text")
    qtbot.addWidget(label)
    label.show()
    changes = _StyleChanges()
    label.installEventFilter(changes)
    assert apply_style(qapp, dark=False) is False
    assert changes.count == 0  # every window shown restyled every widget alive, for nothing
    assert apply_style(qapp, dark=True) is True
    assert changes.count > 0
    assert qapp.property("dark") is True
    apply_style(qapp, dark=False)
