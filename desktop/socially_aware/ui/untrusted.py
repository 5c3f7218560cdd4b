"""Untrusted text (checklists, metadata, file names) shown as exactly the characters it holds.

`labels.plain` makes labels plain text. The rest is here, because Qt interprets text in more
places than labels: a tooltip is rendered as rich text whenever it looks like HTML (a checklist
title once loaded `<img src=file:///…>` that way), a message box does the same, a lone `&` in a
button becomes a keyboard shortcut and disappears, and direction controls such as U+202E make
"Turn OFF" read as "Turn ON". Every widget that shows such text goes through one of these.
"""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget

from socially_aware.catalog.model import visible


def shown(text: str) -> str:
    """`text` with control and direction characters written out (`<U+202E>`), line breaks kept."""
    return visible(text, keep="\n")


def tooltip(text: str) -> str:
    """A tooltip that shows `text` as written: escaped inside a rich-text wrapper, so Qt's guess
    (plain or HTML) can't go wrong either way."""
    return "<qt>" + html.escape(shown(text), quote=False).replace("\n", "<br>") + "</qt>"


def describe(widget: QWidget, text: str) -> None:
    """`text` as `widget`'s tooltip and, without the tooltip's markup, as what a screen reader says
    after its name (Qt would otherwise read the tooltip's `<qt>` wrapper aloud)."""
    widget.setToolTip(tooltip(text))
    widget.setAccessibleDescription(" ".join(shown(text).split()))


def button_text(text: str) -> str:
    """Text for a button or check box: `&` stays a character instead of marking a shortcut."""
    return shown(text).replace("&", "&&")


def message_box(
    parent: QWidget | None,
    title: str,
    text: str,
    buttons: QMessageBox.StandardButton,
    default: QMessageBox.StandardButton = QMessageBox.StandardButton.NoButton,
    icon: QMessageBox.Icon = QMessageBox.Icon.Question,
) -> QMessageBox:
    """A message box whose text is plain (QMessageBox guesses, like tooltips, by default)."""
    box = QMessageBox(icon, shown(title), "", buttons, parent)
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setText(shown(text))
    if default != QMessageBox.StandardButton.NoButton:
        box.setDefaultButton(default)
    return box


def confirm(parent: QWidget | None, title: str, text: str, yes: str = "Yes", no: str = "Cancel") -> bool:
    """Two buttons that say what they do (`yes`, `no`), `no` the default; True when the person chose `yes`."""
    box = message_box(parent, title, text, QMessageBox.StandardButton.NoButton)
    go = box.addButton(button_text(yes), QMessageBox.ButtonRole.AcceptRole)
    stay = box.addButton(button_text(no), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(stay)
    box.setEscapeButton(stay)
    box.exec()
    return box.clickedButton() is go
