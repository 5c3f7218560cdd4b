"""What a screen reader is told: walk Qt's accessibility interfaces (what AT-SPI and UIA read) from a
window and list every problem a person using one would meet.

The walk goes through `QAccessible.queryAccessibleInterface` and `child()` only, never the widget tree, so
a control that is on screen but not in the accessibility tree (a table's cell widgets) counts as missing.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible, QAccessibleInterface
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractScrollArea,
    QAbstractSpinBox,
    QComboBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QScrollBar,
    QTextEdit,
    QWidget,
)

Role = QAccessible.Role
Text = QAccessible.Text

INTERACTIVE = {
    Role.Button,
    Role.CheckBox,
    Role.RadioButton,
    Role.ComboBox,
    Role.EditableText,
    Role.List,
    Role.Table,
    Role.Tree,
    Role.SpinBox,
    Role.Slider,
    Role.PageTab,
    Role.PageTabList,
    Role.ProgressBar,
    Role.ButtonMenu,
    Role.ButtonDropDown,
    Role.Link,
}
"""Roles a person operates or reads a state from: each needs a name that says what it is for."""

TEXT = {Role.StaticText, Role.Heading}
"""A label's roles: read by its text (a heading is a label with the heading role, `ui/headings.py`)."""

ROWS = {Role.ListItem, Role.Cell, Role.Row, Role.ColumnHeader, Role.RowHeader, Role.TreeItem}
"""A row's or cell's name is its text; an empty cell is allowed."""

GENERIC = {"item", "items", "steps", "list", "table", "text", "label", "button", "value", "details", "scroll area"}
"""Names that say what kind of thing it is, not what it holds or does."""

MARKUP = re.compile(r"<\s*/?\s*(qt|b|i|br|p|span|html|a|img|font)\b|&(lt|gt|amp|quot|nbsp);", re.IGNORECASE)
MNEMONIC = re.compile(r"&(?=[^\s&])")
"""`&` before a letter is Qt's shortcut marker; a reader says it as "and"."""

CONTROLS = (QAbstractButton, QLineEdit, QComboBox, QAbstractItemView, QPlainTextEdit, QTextEdit, QAbstractSpinBox)


@dataclass(frozen=True)
class Finding:
    kind: str
    where: str

    def __str__(self) -> str:
        return f"{self.kind}: {self.where}"


def _address(widget: QWidget | None) -> int:
    return int(shiboken6.getCppPointer(widget)[0]) if widget is not None else 0


def _squash(text: str) -> str:
    return " ".join(text.split())


def _describe(iface: QAccessibleInterface) -> str:
    obj = iface.object()
    kind = type(obj).__name__ if obj is not None else "?"
    kind += (
        f"({obj.accessibleDescription()[:30]!r})" if isinstance(obj, QWidget) and obj.accessibleDescription() else ""
    )
    name = iface.text(Text.Name)
    return f"{iface.role().name} {kind} {name[:60]!r}"


def _label_text(widget: QLabel) -> str:
    text = widget.text()
    if widget.textFormat() != Qt.TextFormat.PlainText:
        return ""  # rich text labels are checked for markup in their name instead
    return _squash(text.replace("&&", "&"))


def walk(root: QWidget) -> list[Finding]:
    """Every problem in `root`'s accessibility tree (visible parts only), in tree order."""
    findings: list[Finding] = []
    seen: set[int] = set()
    top = QAccessible.queryAccessibleInterface(root)
    assert top is not None and top.isValid(), "no accessibility interface for the window"
    _visit(top, findings, seen, depth=0)
    findings.extend(_missing(root, seen))
    return findings


def _visit(iface: QAccessibleInterface, findings: list[Finding], seen: set[int], depth: int) -> None:
    if depth > 60 or not iface.isValid():
        return
    state = iface.state()
    if state.invisible:
        return
    obj = iface.object()
    if isinstance(obj, QWidget):
        seen.add(_address(obj))
    role = iface.role()
    name = iface.text(Text.Name)
    description = iface.text(Text.Description)
    where = _describe(iface)
    if role not in ROWS:
        _check(iface, role, name, description, where, findings)
    elif MARKUP.search(f"{name} {description}"):
        findings.append(Finding("markup in a row or cell", where))
    for index in range(iface.childCount()):
        child = iface.child(index)
        if child is not None:
            _visit(child, findings, seen, depth + 1)


def _check(
    iface: QAccessibleInterface, role: Role, name: str, description: str, where: str, findings: list[Finding]
) -> None:
    obj = iface.object()
    # A plain label takes focus on a click (to select its text) but is read by its text, checked below.
    interactive = role in INTERACTIVE or (iface.state().focusable and role not in {Role.Client, Role.Pane} | TEXT)
    if isinstance(obj, QScrollBar):
        return
    if interactive and not name.strip():
        findings.append(Finding("unnamed control", where))
    own_text = _label_text(obj) if isinstance(obj, QLabel) else ""
    if name.strip().casefold() in GENERIC and _squash(name) != own_text:  # a heading reading "Steps" is fine
        findings.append(Finding("generic name", where))
    if role == Role.ComboBox and name.strip() == iface.text(Text.Value).strip() and not _labelled(iface):
        # On Linux Qt names a drop-down by its current value whatever accessibleName says; a reader
        # learns its purpose only from a label that names it as its buddy (the "labelled by" relation).
        findings.append(Finding("drop-down named by its value", where))
    for part, text in (("name", name), ("description", description)):
        if MARKUP.search(text):
            findings.append(Finding(f"markup in {part}", where))
        if MNEMONIC.search(text):
            findings.append(Finding(f"mnemonic & in {part}", where))
    if role in TEXT and isinstance(obj, QLabel):
        shown = _label_text(obj)
        heard = _squash(f"{name} {description}")
        if shown and shown not in heard:
            findings.append(Finding("label's text not exposed", where))
    if role in TEXT and isinstance(obj, QLabel) and _blank(obj, name):
        findings.append(Finding("blank label shown", where))
    scroll_area = isinstance(obj, QAbstractScrollArea) and not isinstance(obj, CONTROLS)
    if scroll_area and obj.focusPolicy() & Qt.FocusPolicy.TabFocus and not obj.accessibleName():
        findings.append(Finding("unnamed scroll area is a Tab stop", where))


def _blank(label: QLabel, name: str) -> bool:
    """Shown, taking a line, saying nothing: Orca stops on it (AT-SPI walk) and reads nothing."""
    return not _squash(f"{name} {label.text()}") and label.pixmap().isNull() and label.height() > 1


def _labelled(iface: QAccessibleInterface) -> bool:
    return any(label.text(Text.Name).strip() for label, _ in iface.relations(QAccessible.Relation.Label))


def _missing(root: QWidget, seen: set[int]) -> list[Finding]:
    """Controls a person can Tab to that the tree never showed (a reader can't reach them)."""
    missing = []
    for widget in root.findChildren(QWidget):
        if not isinstance(widget, CONTROLS) or not widget.isVisible() or not widget.isEnabled():
            continue
        if widget.focusPolicy() == Qt.FocusPolicy.NoFocus or "qt_" in widget.objectName():
            continue
        if _address(widget) not in seen and widget.window() is root:
            label = widget.accessibleName() or getattr(widget, "text", lambda: "")()
            missing.append(Finding("control missing from the tree", f"{type(widget).__name__} {label[:60]!r}"))
    return missing


def counts(findings: list[Finding]) -> Counter[str]:
    return Counter(f.kind for f in findings)
