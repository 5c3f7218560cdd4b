"""Scrolling pages a keyboard and a screen reader can use.

A page's scroll area is not a Tab stop of its own when what it holds can take focus (Tab already moves
through it, and a nameless stop says nothing to a screen reader). When it holds only text to read, it is
a named Tab stop with a focus ring, so the arrow keys can scroll it. Whatever gets focus is scrolled into
view, however it got there (Tab, a shortcut, a page setting focus), so Enter never presses a button the
person can't see.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QFrame, QScrollArea, QWidget


def page_scroll(
    content: QWidget | None = None, reading: str | None = None, area: QScrollArea | None = None
) -> QScrollArea:
    """`content` in a frameless, resizable scroll area; `reading` names it as a Tab stop for text only."""
    scroll = area if area is not None else QScrollArea()
    scroll.setWidgetResizable(True)
    scroll.setFrameShape(QFrame.Shape.NoFrame)
    if reading:
        scroll.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        scroll.setAccessibleName(reading)
        scroll.setProperty("role", "reading")
    else:
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    if content is not None:
        scroll.setWidget(content)
    return scroll


def show_focused(_old: QWidget | None, now: QWidget | None) -> None:
    """Scroll every scroll area around `now` so that it is in view."""
    widget = now
    while widget is not None:
        parent = widget.parentWidget()
        # The content of a QScrollArea sits in its viewport: the area is the viewport's parent.
        area = parent.parentWidget() if parent is not None else None
        if isinstance(area, QScrollArea) and area.widget() is widget and now is not None and now is not widget:
            area.ensureWidgetVisible(now, 16, 16)
        widget = parent


def keep_focus_in_view(app: QApplication) -> None:
    """Once per application: every change of focus brings the focused control into view."""
    if not app.property("focus_in_view"):
        app.focusChanged.connect(show_focused)
        app.setProperty("focus_in_view", True)
