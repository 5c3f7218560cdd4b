"""Labels that never interpret what they show: checklist text and metadata are plain text."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QWidget

from socially_aware.ui.headings import LEVELS, Heading


class StatusLine(QLabel):
    """A line that is sometimes empty (a search result, a count): hidden while it says nothing, its space
    kept so nothing below moves, so a screen reader never stops on a blank label (AT-SPI walk)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        policy = self.sizePolicy()
        policy.setRetainSizeWhenHidden(True)
        self.setSizePolicy(policy)

    def setText(self, text: str) -> None:
        super().setText(text)
        self.setVisible(bool(text.strip()))


def plain(
    text: str = "",
    role: str | None = None,
    wrap: bool = True,
    parent: QWidget | None = None,
    hide_when_empty: bool = False,
) -> QLabel:
    if hide_when_empty:
        label: QLabel = StatusLine(parent)
    else:
        label = Heading(parent) if role in LEVELS else QLabel(parent)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setText(text)
    label.setWordWrap(wrap)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    if role:
        label.setProperty("role", role)
    return label


def without_mnemonic(text: str) -> str:
    """Button text as a person reads it: Qt's shortcut marker `&` gone, a doubled `&&` one `&`."""
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&")


def card(parent: QWidget | None = None) -> QFrame:
    frame = QFrame(parent)
    frame.setProperty("role", "card")
    return frame


READABLE_CHARACTERS = 105
"""Every page's column, in average characters: lines longer than this are hard to follow back to their
start; wide windows get margins instead. One width for every page, so nothing jumps sideways when the
person moves between sections (at 1920 px there used to be three)."""


def readable_width(widget: QWidget, characters: int = READABLE_CHARACTERS) -> int:
    return widget.fontMetrics().averageCharWidth() * characters


def clamp(content: QWidget, characters: int = READABLE_CHARACTERS, margins: int = 64) -> QWidget:
    """`content` at most `characters` wide (plus its own margins), centred in whatever space it gets."""
    host = QWidget()
    row = QHBoxLayout(host)
    row.setContentsMargins(0, 0, 0, 0)
    content.setMaximumWidth(readable_width(content, characters) + margins)
    row.addStretch(0)
    row.addWidget(content, 1)
    row.addStretch(0)
    return host
