"""Untrusted text never renders as rich text: a hostile catalog through the real window.

The catalog's titles, summaries, steps and the organisation's name carry HTML tags and entities;
a per-user organisation profile sits in a folder whose name is itself markup. Every page is opened
and the whole widget tree is walked: no label that shows such text interprets it, no tooltip
carries an unescaped tag, and the per-user profile is announced.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from PySide6 import QtGui
from PySide6.QtCore import QAbstractItemModel, QAbstractListModel, QAbstractTableModel, QModelIndex, Qt
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QWidget,
)

from socially_aware.locations import Locations, bundled_root
from socially_aware.ui import untrusted
from tests.catalog.samples import BUNDLED_ORG, good, write_folder
from tests.scrubber.photos import dirty_jpeg
from tests.ui.conftest import WindowFactory

HOSTILE = {
    "name": "<b>Evil</b> & Co",
    "summary": "<img src=file:///etc/passwd> summary &lt;b&gt;entity&lt;/b&gt;",
    "title": "<img src=file:///etc/passwd>Turn OFF",
    "title2": '<a href="https://evil.example/">Click to continue</a>',
    "why": "<b>bold</b> &amp; &lt;i&gt;not italic&lt;/i&gt; <font color=red>red</font>",
    "step": "<script>alert(1)</script><table><tr><td>cell</td></tr></table>",
    "verify": "<h1>Huge</h1><span style='font-size:80px'>x</span>",
}
DIRECTION = re.compile("[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]")
TAG = re.compile(r"<\s*/?\s*(img|a|b|i|script|font|table|tr|td|h1|span|style)\b", re.IGNORECASE)
MARKERS = ("<b>", "<img", "<a ", "&lt;", "&amp;", "<script", "<font", "<table", "<h1", "<span", "<i>")


def _quoted(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _hostile_platform(pid: str) -> str:
    text = good(pid, "NAME")
    for old, new in (
        ("  name: NAME\n", f"  name: {_quoted(HOSTILE['name'] + ' ' + pid)}\n"),
        ("  summary: Why NAME matters to {org.short_name} staff.\n", f"  summary: {_quoted(HOSTILE['summary'])}\n"),
        ("    title: Remove your employer\n", f"    title: {_quoted(HOSTILE['title'])}\n"),
        ("    title: Turn off location on posts\n", f"    title: {_quoted(HOSTILE['title2'])}\n"),
        ("    why: Naming {org.short_name} makes you easy to find.\n", f"    why: {_quoted(HOSTILE['why'])}\n"),
        ('        - Open "Edit profile".\n', f"        - {_quoted(HOSTILE['step'])}\n"),
        ('        - Open "Settings".\n', f"        - {_quoted(HOSTILE['step'])}\n"),
        ("    verify: View your profile as the public.\n", f"    verify: {_quoted(HOSTILE['verify'])}\n"),
    ):
        assert old in text, old
        text = text.replace(old, new)
    return text


def _hostile_org(folder: Path) -> None:
    text = BUNDLED_ORG.read_text(encoding="utf-8")
    text = text.replace("  name: Department of Home Affairs\n", "  name: '<i>Department</i> of <b>Evil</b>'\n")
    text = text.replace(
        "      title: Why staff are targets\n", "      title: '<a href=\"x\">Why</a> staff are targets'\n"
    )
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "organisation.yaml").write_text(text, encoding="utf-8")


@pytest.fixture
def checklist_dir(tmp_path: Path) -> Path:
    return write_folder(tmp_path / "checklists", {pid: _hostile_platform(pid) for pid in ("evil", "worse")})


@pytest.fixture
def user_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "<img src=file:\u2215\u2215\u2215etc\u2215passwd> user"
    _hostile_org(folder)
    return folder


@pytest.fixture
def locations(tmp_path: Path, checklist_dir: Path, user_dir: Path) -> Locations:
    return Locations(
        data_dir=tmp_path / "data",
        checklist_dirs=(checklist_dir, tmp_path / "system", user_dir),
        assets_dir=bundled_root() / "assets",
    )


class Walk:
    """What one pass over the widget tree found."""

    def __init__(self) -> None:
        self.hostile_labels = 0
        self.tooltips = 0
        self.escaped_tooltips = 0
        self.failures: list[str] = []

    def label(self, label: QLabel) -> None:
        text = label.text()
        if DIRECTION.search(text):
            self.failures.append(f"QLabel shows a direction control: {text[:60]!r}")
        if not any(m in text for m in MARKERS):
            return
        self.hostile_labels += 1
        if label.textFormat() != Qt.TextFormat.PlainText:
            self.failures.append(f"QLabel {label.objectName() or label.accessibleName()!r} may render {text[:60]!r}")

    def tooltip(self, where: str, tip: str) -> None:
        if not tip:
            return
        self.tooltips += 1
        if TAG.search(tip):
            self.failures.append(f"tooltip on {where} carries markup: {tip[:80]!r}")
            return
        if QtGui.Qt.mightBeRichText(tip):
            document = QTextDocument()
            document.setHtml(tip)
            shown = document.toPlainText()
            if any(h in shown for h in (HOSTILE["summary"], HOSTILE["title"], "<img src")):
                self.escaped_tooltips += 1

    def model(self, where: str, model: QAbstractItemModel, parent: QModelIndex | None = None) -> None:
        parent = parent or QModelIndex()
        flat = isinstance(model, QAbstractListModel | QAbstractTableModel)  # their hasChildren is private in PySide
        columns = 1 if isinstance(model, QAbstractListModel) else max(model.columnCount(parent), 1)
        for row in range(model.rowCount(parent)):
            for column in range(columns):
                index = model.index(row, column, parent)
                tip = model.data(index, Qt.ItemDataRole.ToolTipRole)
                self.tooltip(f"{where} row {row}", tip if isinstance(tip, str) else "")
                text = model.data(index, Qt.ItemDataRole.DisplayRole)
                if isinstance(text, str) and DIRECTION.search(text):
                    self.failures.append(f"{where} row {row} shows a direction control: {text[:60]!r}")
                if not flat and model.hasChildren(index):
                    self.model(where, model, index)


def walk(root: QWidget, walk: Walk) -> None:
    for widget in [root, *root.findChildren(QWidget)]:
        if isinstance(widget, QPlainTextEdit) and DIRECTION.search(widget.toPlainText()):
            walk.failures.append(f"text box shows a direction control: {widget.toPlainText()[:60]!r}")
        if isinstance(widget, QLabel):
            walk.label(widget)
        walk.tooltip(type(widget).__name__, widget.toolTip())
        if isinstance(widget, QAbstractItemView) and widget.model() is not None:
            walk.model(type(widget).__name__, widget.model())
        # A lone & in a button is a keyboard mnemonic: the name would lose a character.
        if (
            isinstance(widget, QAbstractButton)
            and "Evil" in widget.text()
            and re.search(r"(?<!&)&(?!&)", widget.text())
        ):
            walk.failures.append(f"button text {widget.text()!r} turns '&' into a shortcut")


@pytest.fixture
def hostile_photos(tmp_path: Path) -> Path:
    folder = tmp_path / "<b>photos"
    folder.mkdir()
    dirty_jpeg(folder / "<img src=x>holiday.jpg")
    dirty_jpeg(folder / "invoice\u202egpj.exe.jpg")
    return folder


def test_hostile_catalog_text_is_plain_on_every_page(
    make_window: WindowFactory, qtbot: Any, hostile_photos: Path
) -> None:
    window = make_window()
    found = Walk()
    walk(window, found)  # welcome page, with the organisation's name
    qtbot.mouseClick(window.welcome.start_button, Qt.MouseButton.LeftButton)
    assert window.stack.currentWidget() is window.picker
    walk(window, found)  # the picker, whose tooltips once rendered <img src=file:///...>
    for box in window.picker.boxes.values():
        box.setChecked(True)
    next(iter(window.picker.surface_boxes.values())).setChecked(True)
    qtbot.mouseClick(window.picker.done_button, Qt.MouseButton.LeftButton)
    for section in range(len(window.pages)):
        window.show_section(section)
        walk(window, found)
    window.show_section(1)
    for row in range(window.checklists.list.count()):
        window.checklists.list.setCurrentRow(row)
        walk(window, found)
    window.show_section(2)  # file names are untrusted too: markup, and a name that reads backwards
    window.photos.add_paths([hostile_photos])
    qtbot.waitUntil(lambda: not window.photos.worker.busy() and window.photos.table.rowCount() == 2, timeout=10000)
    for row in range(window.photos.table.rowCount()):
        window.photos.table.selectRow(row)
        walk(window, found)
    assert found.failures == []
    # The walk saw the hostile text: it could not pass by looking at nothing.
    assert found.hostile_labels >= 10, found.hostile_labels
    assert found.escaped_tooltips >= 2, (found.tooltips, found.escaped_tooltips)


def test_a_per_user_organisation_profile_shows_a_banner_and_settings_lists_it(
    make_window: WindowFactory, user_dir: Path
) -> None:
    window = make_window()
    assert window.banner.isVisible()
    notice = window.banner.label.text()
    assert "organisation profile" in notice and str(user_dir / "organisation.yaml") in notice
    listed = window.settings.overrides_list.text()
    assert str(user_dir / "organisation.yaml") in listed and "came with the app" in listed
    assert window.settings.overrides_list.textFormat() == Qt.TextFormat.PlainText


def test_settings_says_when_nothing_is_overridden(qtbot: Any, qapp: QApplication, tmp_path: Path) -> None:
    from socially_aware.app import build_window
    from tests.progress.fakes import FixedKeySource

    folder = write_folder(tmp_path / "checklists", {"demo": good()})
    locations = Locations(
        tmp_path / "data", (folder, tmp_path / "system", tmp_path / "user"), bundled_root() / "assets"
    )
    window = build_window(locations, FixedKeySource())
    qtbot.addWidget(window)
    assert "came with the app" in window.settings.overrides_list.text()
    assert not window.banner.isVisibleTo(window)


@pytest.mark.parametrize("text", [HOSTILE["title"], HOSTILE["title2"], "a &amp; b", "&lt;b&gt;", "plain\nlines"])
def test_tooltips_show_exactly_the_text(text: str) -> None:
    tip = untrusted.tooltip(text)
    assert not TAG.search(tip)
    document = QTextDocument()
    document.setHtml(tip) if QtGui.Qt.mightBeRichText(tip) else document.setPlainText(tip)
    assert document.toPlainText() == text


@pytest.mark.parametrize(
    "text", ["Turn \u202eNO FFO", "a\u2066b\u2069", "x\u200fy", "bell\x07", "esc\x1b[2J", "c1\x9b"]
)
def test_direction_and_control_characters_are_shown_not_obeyed(text: str) -> None:
    shown = untrusted.shown(text)
    assert not any(c in shown for c in text if not c.isprintable())
    assert "U+" in shown


def test_message_boxes_show_plain_text(qtbot: Any) -> None:
    box = untrusted.message_box(None, "Title <b>x</b>", HOSTILE["title"], QMessageBox.StandardButton.Ok)
    qtbot.addWidget(box)
    assert box.textFormat() == Qt.TextFormat.PlainText and box.text() == HOSTILE["title"]


@pytest.mark.parametrize("case", ["locked", "platform"])
def test_settings_and_banner_say_what_overrides_what(qtbot: Any, tmp_path: Path, case: str) -> None:
    from socially_aware.app import build_window
    from tests.progress.fakes import FixedKeySource

    bundled = write_folder(tmp_path / "checklists", {"demo": good()})
    system, user = tmp_path / "system", tmp_path / "user"
    system.mkdir()
    if case == "locked":
        (system / "deployment.yaml").write_text("schema: 1\nlock_organisation: true\n", encoding="utf-8")
        _hostile_org(user)
    else:
        write_folder(user, {"demo": good("demo", "Demo (mine)")}, org=False)
    window = build_window(
        Locations(tmp_path / "data", (bundled, system, user), bundled_root() / "assets"), FixedKeySource()
    )
    qtbot.addWidget(window)
    listed = window.settings.overrides_list.text()
    if case == "locked":
        assert window.tracker.catalog.organisation.name == "Department of Home Affairs"
        assert window.banner.isVisibleTo(window) and "ignored" in window.banner.label.text()
        assert "locked" in listed and str(user / "organisation.yaml") in listed
    else:
        assert not window.banner.isVisibleTo(window)  # a person's own checklist is listed, not announced
        assert (
            f"{user / 'demo.yaml'} (your own folder) replaces the Demo checklist from {bundled / 'demo.yaml'}" in listed
        )
