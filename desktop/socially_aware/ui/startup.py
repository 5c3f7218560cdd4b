"""From launch to the window: the passphrase (when there is no keyring) and older progress, if any.

Each step is a dialog shown without blocking, so the key is made off the UI thread while the
dialog stays responsive; `finished` is emitted with the window, or None when the person quit.
What the steps do to the store is behind `Opener`, wired in `app.py`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Protocol

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QDialog, QWidget

from socially_aware.ui.older_progress import OlderProgressDialog
from socially_aware.ui.passphrase import PassphraseDialog
from socially_aware.ui.signals import emit


class Opener(Protocol):
    passphrase_reason: str | None
    """Why a passphrase is needed, or None when the keyring holds the key."""
    creating: bool
    """No saved progress yet: the passphrase is a new one."""
    folder: Path

    def unlock(self, passphrase: str | None) -> None:
        """Open the saved progress (slow with a passphrase); WrongPassphraseError means ask again."""
        ...

    def forget(self) -> None:
        """Delete the saved progress (the person forgot the passphrase and confirmed)."""
        ...

    def rollback(self) -> tuple[str, str, bool] | None:
        """After `unlock`: (what happened, what can be done, whether older progress is there), or None."""
        ...

    def resolve_rollback(self, choice: str) -> None:
        """ "older" to carry on with what is there, "start over" for empty progress."""
        ...

    def window(self) -> QWidget: ...


class Startup(QObject):
    finished = Signal(object)
    """The main window, or None when the person quit."""

    def __init__(self, opener: Opener, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.opener = opener
        self.dialog: QDialog | None = None
        self._shown: list[QDialog] = []  # kept until the end: a dialog is never deleted inside its own signal
        self.result: QWidget | None = None
        self.done = False

    def start(self) -> None:
        if self.opener.passphrase_reason is None:
            self.opener.unlock(None)
            self._after_unlock()
            return
        dialog = PassphraseDialog(
            self.opener.passphrase_reason, self.opener.creating, unlock=self.opener.unlock, forget=self.opener.forget
        )
        dialog.accepted.connect(self._after_unlock)
        dialog.rejected.connect(lambda: self._finish(None))
        self._show(dialog)

    def _after_unlock(self) -> None:
        rollback = self.opener.rollback()
        if rollback is None:
            self._finish(self.opener.window())
            return
        what, hint, has_older = rollback
        dialog = OlderProgressDialog(what, hint, has_older, self.opener.folder)
        dialog.accepted.connect(lambda: self._resolved(dialog.choice))
        dialog.rejected.connect(lambda: self._finish(None))
        self._show(dialog)

    def _resolved(self, choice: str | None) -> None:
        if choice is None:
            self._finish(None)
            return
        self.opener.resolve_rollback(choice)
        self._finish(self.opener.window())

    def _show(self, dialog: QDialog) -> None:
        self.dialog = dialog
        self._shown.append(dialog)
        dialog.show()
        dialog.activateWindow()

    def _finish(self, window: QWidget | None) -> None:
        self.result = window
        self.done = True
        emit(self, "finished", window)
