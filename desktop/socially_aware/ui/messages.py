"""The one message channel: how any part of the window tells the person something or asks them.

Modelled on qutebrowser's `utils/message.py` (error / warning / info / ask), but passed in rather than
global: the window makes one `Messages` and hands it to its pages and to the progress saver. Callers
say what kind of message it is; the channel decides where it shows:

- `error` and `warning`: the window's banner, which stays until dismissed (the person must read it);
- `info`: the caller's own status line when it names one (`inline=`), else the banner;
- `ask`: a modal yes/cancel question, through the window's `Dialogs` (scripted in tests).

Every text is shown as plain text. See docs/decisions/0005-one-message-channel-and-dialogs.md.

    messages.error("Your progress could not be saved: the disk is full.")
    messages.failed(error)                          # a StoreError: its message and hint
    messages.info("Exported to …", inline=self.status)
    if messages.ask(self, "Delete all local data", "…Delete everything?"): ...
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QLabel, QWidget

from socially_aware.ui.dialogs import Dialogs
from socially_aware.ui.signals import emit
from socially_aware.ui.untrusted import shown


class Level(Enum):
    INFO = "info"
    WARNING = "warning"
    ERROR = "error"


@dataclass(frozen=True)
class Notice:
    level: Level
    text: str


def words_for(error: BaseException) -> str:
    """An error as the person reads it: our errors' `message` and `hint`, else the exception's text."""
    message = getattr(error, "message", None) or str(error) or type(error).__name__
    hint = getattr(error, "hint", "") or ""
    return f"{message} {hint}".strip()


class Messages(QObject):
    """Made by the window on the UI thread; call it from the UI thread only."""

    posted = Signal(object)
    """A Notice for the window's banner."""
    cleared = Signal()
    """What the banner showed has been dealt with."""

    def __init__(self, dialogs: Dialogs | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.dialogs = dialogs or Dialogs()
        self.history: list[Notice] = []
        """Everything posted this run, oldest first (tests read it; nothing is stored)."""

    def error(self, text: str) -> None:
        self._post(Notice(Level.ERROR, text))

    def warning(self, text: str) -> None:
        self._post(Notice(Level.WARNING, text))

    def info(self, text: str, *, inline: QLabel | None = None) -> None:
        if inline is not None:
            self.history.append(Notice(Level.INFO, text))
            inline.setText(shown(text))
            inline.setVisible(True)
            return
        self._post(Notice(Level.INFO, text))

    def failed(self, error: BaseException, doing: str = "") -> None:
        """An error caught by the caller: our own errors in their words, anything else said plainly."""
        if doing and not hasattr(error, "message"):
            self.error(f"{doing} failed: {error or type(error).__name__}. Nothing was changed.")
        else:
            self.error(words_for(error))

    def ask(self, parent: QWidget | None, title: str, text: str) -> bool:
        """Yes or Cancel, in a modal dialog; True when the person chose Yes."""
        return self.dialogs.confirm(parent, title, text)

    def clear(self) -> None:
        emit(self, "cleared")

    def _post(self, notice: Notice) -> None:
        self.history.append(notice)
        emit(self, "posted", notice)
