"""The one dialog-injection scheme: every modal question a page asks goes through a `Dialogs` object.

The window makes one `Dialogs` (or is handed one: `MainWindow(..., dialogs=...)`) and gives it to each
page; a page never calls `QFileDialog` or `QMessageBox` itself. Tests hand in a subclass that answers
from a script (`tests/ui/dialogs.py`, `ScriptedDialogs`), so no test opens a real dialog or calls
`exec()`. File dialogs start where `ui/dialog_folder.py` says and remember where the person went.

See docs/decisions/0005-one-message-channel-and-dialogs.md.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QWidget

from socially_aware.ui import dialog_folder, untrusted
from socially_aware.ui.dialog_folder import Start
from socially_aware.ui.existing_copies import ask_existing_copies
from socially_aware.ui.export_passphrase import ExportPassphraseDialog

CONFIRM_BUTTONS = {
    "Delete all local data": ("Delete all my local data", "Keep my data"),
    "Import progress": ("Replace with the imported progress", "Keep my progress"),
    "Restore previous copy": ("Restore the previous copy", "Keep my current progress"),
    "Clean in place": ("Clean and replace the originals", "Cancel"),
    "Clear step reports": ("Clear the step reports", "Keep them"),
}
"""What the two buttons of a question say, by its title: what they do, not Yes and Cancel."""


def file_filter(label: str, suffixes: Iterable[str]) -> str:
    """A file dialog filter offering `suffixes` under `label` first, then every file."""
    return f"{label} ({' '.join('*' + suffix for suffix in suffixes)});;All files (*)"


class Dialogs:
    """The real dialogs. Each method is one kind of question; its answer None (or []) means cancelled."""

    def confirm(self, parent: QWidget | None, title: str, text: str) -> bool:
        """Two buttons that say what they do (CONFIRM_BUTTONS, else Yes / Cancel), the safe one the
        default (plain text: `text` may quote untrusted names)."""
        yes, no = CONFIRM_BUTTONS.get(title, ("Yes", "Cancel"))
        return untrusted.confirm(parent, title, text, yes=yes, no=no)

    def open_files(
        self, parent: QWidget | None, title: str, file_filter: str, start: Start = Start.DOWNLOADS
    ) -> list[Path]:
        names, _ = QFileDialog.getOpenFileNames(parent, title, dialog_folder.start_folder(start), file_filter)
        if names:
            dialog_folder.remember(names[0])
        return [Path(name) for name in names]

    def open_file(
        self, parent: QWidget | None, title: str, file_filter: str, start: Start = Start.DOWNLOADS
    ) -> Path | None:
        name, _ = QFileDialog.getOpenFileName(parent, title, dialog_folder.start_folder(start), file_filter)
        if name:
            dialog_folder.remember(name)
        return Path(name) if name else None

    def folder(self, parent: QWidget | None, title: str, start: Start = Start.DOWNLOADS) -> Path | None:
        name = QFileDialog.getExistingDirectory(parent, title, dialog_folder.start_folder(start))
        if name:
            dialog_folder.remember(name)
        return Path(name) if name else None

    def save_file(self, parent: QWidget | None, title: str, suggested_name: str, file_filter: str) -> Path | None:
        start = Path(dialog_folder.start_folder(Start.DOWNLOADS)) / suggested_name
        name, _ = QFileDialog.getSaveFileName(parent, title, str(start), file_filter)
        if name:
            dialog_folder.remember(name)
        return Path(name) if name else None

    def existing_copies(self, parent: QWidget | None, count: int) -> str | None:
        """`count` photos already have a cleaned copy: "replace", "keep both" or "skip" them, or None
        (cancelled). Buttons say what they do; Keep both, which loses nothing, is the default."""
        return ask_existing_copies(parent, count)

    def passphrase(
        self, parent: QWidget, creating: bool, then: Callable[[str], None], problem: str = ""
    ) -> ExportPassphraseDialog | None:
        """Ask for an export's passphrase (twice when `creating`) and call `then` with it once accepted;
        `problem` says why it is asked again (a wrong passphrase, how many tries).

        Window-modal and not exec(): the answer arrives through `accepted`, with no nested event loop.
        Returns the open dialog (the page rejects it when the window closes), or None when answered already.
        """
        dialog = ExportPassphraseDialog(creating, parent)
        dialog.problem.setText(problem)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)

        def answered() -> None:
            passphrase = dialog.passphrase()
            dialog.first.clear()
            dialog.second.clear()
            then(passphrase)

        dialog.accepted.connect(answered)
        dialog.open()
        return dialog
