"""Headings reach a screen reader as headings (`ui/headings.py`): on every screen of the tour each page
title and section heading has the heading role and its text as its name, every other label stays static
text, and making, reading and dropping headings leaves None, True and False their references."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtGui import QAccessible, QAccessibleInterface
from PySide6.QtWidgets import QLabel, QWidget

from socially_aware.ui.headings import LEVELS
from socially_aware.ui.labels import plain
from tests.ui.test_refcounts import run_snippet
from tests.ui.test_screen_reader import tour

pytestmark = pytest.mark.gui

Role = QAccessible.Role


def _labels_read(root: QWidget) -> list[tuple[QLabel, QAccessibleInterface]]:
    """Every shown label as the accessibility tree gives it (not the widget tree), in reading order."""
    found: list[tuple[QLabel, QAccessibleInterface]] = []

    def visit(iface: QAccessibleInterface, depth: int) -> None:
        if depth > 60 or not iface.isValid() or iface.state().invisible:
            return
        if isinstance(iface.object(), QLabel):
            found.append((iface.object(), iface))
        for index in range(iface.childCount()):
            child = iface.child(index)
            if child is not None:
                visit(child, depth + 1)

    top = QAccessible.queryAccessibleInterface(root)
    assert top is not None
    visit(top, 0)
    return found


def test_every_heading_on_every_screen_is_read_as_a_heading_by_its_text(qtbot: Any, tmp_path: Path) -> None:
    screens_with_headings = 0
    for screen, root in tour(qtbot, tmp_path):
        headings = []
        for label, iface in _labels_read(root):
            if label.property("role") in LEVELS:
                assert iface.role() == Role.Heading, f"{screen}: {label.text()!r} is not a heading"
                assert iface.text(QAccessible.Text.Name) == label.text(), screen
                headings.append(label.text())
            else:
                assert iface.role() != Role.Heading, f"{screen}: {label.text()!r} became a heading"
        # every page of the window has its title or section headings; the small dialogs have none
        screens_with_headings += bool(headings)
        if root.isWindow() and "dialog" not in screen:
            assert headings, f"{screen}: no heading to jump to"
    assert screens_with_headings >= 15


def test_a_heading_is_read_by_its_current_text_and_an_ordinary_label_stays_static_text(qtbot: Any) -> None:
    host = QWidget()
    heading, line = plain("Steps", role="h2", parent=host), plain("1. Open Settings", parent=host)
    qtbot.addWidget(host)
    host.show()
    qtbot.waitExposed(host)
    read = QAccessible.queryAccessibleInterface(heading)
    assert read is not None and read.role() == Role.Heading
    assert read.text(QAccessible.Text.Name) == "Steps"
    heading.setText("Check it worked")
    assert read.text(QAccessible.Text.Name) == "Check it worked"
    heading.setAccessibleDescription("What to look for")
    assert read.text(QAccessible.Text.Description) == "What to look for"
    plain_read = QAccessible.queryAccessibleInterface(line)
    assert plain_read is not None and plain_read.role() == Role.StaticText


def test_two_thousand_headings_made_read_and_dropped_leave_none_true_and_false_their_references() -> None:
    """docs/decisions/0010: a binding that gives back a reference it never took aborts Python 3.11 at exit.
    The interface's Python side is kept by shiboken after Qt deletes it (a small leak, counted here)."""
    status, errors, numbers = run_snippet("""
        import shiboken6
        from PySide6.QtGui import QAccessible
        from PySide6.QtWidgets import QApplication, QWidget
        from socially_aware.ui.headings import HeadingAccessible
        from socially_aware.ui.labels import plain

        app = QApplication([])
        host = QWidget()
        host.show()

        def make_read_drop(times):
            for number in range(times):
                heading = plain(f"Section {number}", role="h2", parent=host)
                read = QAccessible.queryAccessibleInterface(heading)
                assert read.role() == QAccessible.Role.Heading
                read.text(QAccessible.Text.Name), read.text(QAccessible.Text.Description), read.state(), read.rect()
                heading.setText("Changed")
                del read
                shiboken6.delete(heading)

        make_read_drop(10)  # the first heading installs the factory and fills Qt's and PySide's caches
        true_before, false_before = counts()
        none_before = sys.getrefcount(None)
        make_read_drop(2000)
        true_after, false_after = counts()
        kept = sum(isinstance(o, HeadingAccessible) for o in gc.get_objects())
        print(f"true_before={true_before}", f"true_after={true_after}", sep="\\n")
        print(f"false_before={false_before}", f"false_after={false_after}", sep="\\n")
        print(f"none_before={none_before}", f"none_after={sys.getrefcount(None)}", f"kept={kept}", sep="\\n")
        host.close()
        del host
    """)
    assert status == 0, errors
    assert numbers["true_after"] >= numbers["true_before"], numbers
    assert numbers["false_after"] >= numbers["false_before"], numbers
    assert numbers["none_after"] >= numbers["none_before"], numbers
    assert numbers["kept"] <= 2010, numbers  # one per heading at most, not one per read
