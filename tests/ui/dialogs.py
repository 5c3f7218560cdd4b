"""Scripted answers to the window's dialogs (`ui/dialogs.py`): no real dialog opens in a test.

    window = make_window(dialogs=ScriptedDialogs(confirm=lambda title, text: True, save_file=target))

A question the script has no answer for fails the test, naming the dialog.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import QWidget

from socially_aware.ui.dialog_folder import Start
from socially_aware.ui.dialogs import Dialogs
from socially_aware.ui.existing_copies import TITLE
from socially_aware.ui.export_passphrase import ExportPassphraseDialog


class UnexpectedDialog(AssertionError):
    pass


class ScriptedDialogs(Dialogs):
    def __init__(
        self,
        *,
        confirm: Callable[[str, str], bool] | None = None,
        open_files: list[Path] | Callable[[str], list[Path]] | None = None,
        open_file: Path | Callable[[str], Path | None] | None = None,
        folder: Path | Callable[[str], Path | None] | None = None,
        save_file: Path | Callable[[str], Path | None] | None = None,
        passphrase: str | Callable[[str, str], str | None] | None = None,
        existing_copies: str | Callable[[int], str | None] | None = None,
    ) -> None:
        self._confirm, self._open_files, self._open_file = confirm, open_files, open_file
        self._folder, self._save_file, self._passphrase = folder, save_file, passphrase
        self._existing_copies = existing_copies
        self.asked: list[tuple[str, str]] = []
        """(kind of dialog, title) of every question asked, in order."""

    def _answer(self, kind: str, title: str, script: object) -> object:
        self.asked.append((kind, title))
        if script is None:
            raise UnexpectedDialog(f"the {kind} dialog {title!r} opened but the test scripted no answer")
        return script(title) if callable(script) else script

    def confirm(self, parent: QWidget | None, title: str, text: str) -> bool:
        self.asked.append(("confirm", title))
        if self._confirm is None:
            raise UnexpectedDialog(f"the question {title!r} was asked but the test scripted no answer")
        return self._confirm(title, text)

    def open_files(
        self, parent: QWidget | None, title: str, file_filter: str, start: Start = Start.DOWNLOADS
    ) -> list[Path]:
        return list(self._answer("open files", title, self._open_files))

    def open_file(
        self, parent: QWidget | None, title: str, file_filter: str, start: Start = Start.DOWNLOADS
    ) -> Path | None:
        return self._answer("open file", title, self._open_file)

    def folder(self, parent: QWidget | None, title: str, start: Start = Start.DOWNLOADS) -> Path | None:
        return self._answer("folder", title, self._folder)

    def save_file(self, parent: QWidget | None, title: str, suggested_name: str, file_filter: str) -> Path | None:
        return self._answer("save file", title, self._save_file)

    def existing_copies(self, parent: QWidget | None, count: int) -> str | None:
        """A choice answers every time; a function gets the number of photos that have a copy already."""
        self.asked.append(("existing copies", TITLE))
        if self._existing_copies is None:
            raise UnexpectedDialog(f"the question {TITLE!r} was asked but the test scripted no answer")
        return self._existing_copies(count) if callable(self._existing_copies) else self._existing_copies

    def passphrase(
        self, parent: QWidget, creating: bool, then: Callable[[str], None], problem: str = ""
    ) -> ExportPassphraseDialog | None:
        """A string answers every time; a function gets (title, problem) and may return None to cancel."""
        if self._passphrase is None:  # the real window-modal dialog: the test types into it
            return super().passphrase(parent, creating, then, problem)
        title = "Export progress" if creating else "Import progress"
        self.asked.append(("passphrase", title))
        answer = self._passphrase(title, problem) if callable(self._passphrase) else self._passphrase
        if answer:
            then(answer)
        return None
