"""Page titles and section headings that a screen reader announces as headings, so a person can jump
between them (Orca's H key) instead of hearing them as one more line of text.

Qt gives every QLabel the static-text role and offers no setter for a widget's role. The way in is an
accessibility factory: Qt asks each installed factory for an interface by class name, walking from the
most derived class up, so a factory that answers only for `Heading` is asked before Qt's own answers for
`QLabel`, and every other label keeps Qt's interface.

Measured with PySide6 6.11.3 (docs/accessibility.md): no loss of references to None, True or False
(docs/decisions/0010); the Python side of each interface outlives its heading (shiboken keeps one
reference after Qt deletes the C++ side), a few hundred bytes per heading destroyed while a screen reader
is reading. No heading level: Qt reads it through an attributes interface, and handing one back from a
Python `interface_cast` crashed the process (segmentation fault) when tried.
"""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtGui import QAccessible, QAccessibleInterface
from PySide6.QtWidgets import QAccessibleWidget, QLabel, QWidget

LEVELS = {"h1": 1, "h2": 2}
"""The style roles (`QLabel[role="h1"]` in style.py) that are headings, and their level on the page."""


class Heading(QLabel):
    """A label read as a heading; styled by its `role` property like any other label."""

    def __init__(self, parent: QWidget | None = None) -> None:
        _install_once()
        super().__init__(parent)


class HeadingAccessible(QAccessibleWidget):
    """Qt's widget interface with the heading role; its name is always the label's current text."""

    def __init__(self, label: Heading) -> None:
        super().__init__(label, QAccessible.Role.Heading)

    def text(self, kind: QAccessible.Text) -> str:
        label = self.widget()  # not kept on self: the interface outlives its label (see above)
        if kind == QAccessible.Text.Name and isinstance(label, QLabel):
            return label.accessibleName() or label.text()
        return super().text(kind)


def _factory(class_name: str, obj: QObject) -> QAccessibleInterface | None:
    if class_name == "Heading" and isinstance(obj, Heading):
        return HeadingAccessible(obj)
    return None


_installed = False


def _install_once() -> None:
    global _installed
    if not _installed:
        QAccessible.installFactory(_factory)  # Qt keeps it for the process; there is no uninstall
        _installed = True
