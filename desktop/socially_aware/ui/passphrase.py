"""The passphrase at start: chosen once where there is no keyring, then typed at each start.

A wrong passphrase is asked again in place, with the reason and the number of tries so far (there
is no lockout: the file is only on this computer, and waiting would protect nothing). The key is
made off the UI thread, with a busy indicator, because scrypt is slow on purpose. "Forgot it?"
says what is lost and, once confirmed, deletes the saved progress and asks for a new passphrase.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFrame,
    QHBoxLayout,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from socially_aware.progress.errors import WrongPassphraseError
from socially_aware.ui.background import BackgroundRunner
from socially_aware.ui.labels import plain

MIN_LENGTH = 8
DIALOG_WIDTH = 520
"""Wide enough for the title and a sentence per line at common font sizes (it was 200 px: "Protec… gress")."""

FORGOT_TEXT = (
    "The passphrase is never stored, so nobody can open your saved progress without it, and there is "
    "no way to recover it.\n\n"
    "Starting over deletes the saved progress on this computer: the platforms you chose, which steps "
    "you marked done, your notes and the list of accounts on your work email. Your accounts and "
    "settings on the platforms themselves, and your photos, are not affected: what you already changed "
    "there stays changed. If you saved an export (Settings, Export progress), you can import it after "
    "starting over, with the passphrase you gave that export."
)


class PassphraseDialog(QDialog):
    def __init__(
        self,
        reason: str,
        creating: bool,
        parent: QWidget | None = None,
        *,
        unlock: Callable[[str], Any] | None = None,
        forget: Callable[[], None] | None = None,
    ) -> None:
        """`unlock(passphrase)` is slow and runs off the UI thread; WrongPassphraseError means ask
        again. `forget()` deletes the saved progress ("Forgot it?")."""
        super().__init__(parent)
        self.setMinimumWidth(DIALOG_WIDTH)
        self._creating = creating
        self._unlock = unlock
        self._forget = forget
        self.attempts = 0
        self.result_value: Any = None
        self._worker = BackgroundRunner(self)
        self._worker.finished.connect(self._unlocked)

        layout = QVBoxLayout(self)
        self.reason = plain(reason)
        layout.addWidget(self.reason)
        self.instruction = plain(self._instruction_text())
        layout.addWidget(self.instruction)
        self.first = QLineEdit()
        self.first.setEchoMode(QLineEdit.EchoMode.Password)
        self.first.setAccessibleName("Passphrase")
        self.first.installEventFilter(self)  # Enter here goes on to the second field when there is one
        layout.addWidget(self.first)
        self.second = QLineEdit()
        self.second.setEchoMode(QLineEdit.EchoMode.Password)
        self.second.setAccessibleName("Passphrase again")
        self.second.setPlaceholderText("Again, to be sure")
        layout.addWidget(self.second)
        self.problem = plain("", hide_when_empty=True)
        self.problem.setAccessibleDescription("Problem")
        layout.addWidget(self.problem)

        self.busy = QProgressBar()
        self.busy.setRange(0, 0)  # no percentage to give: scrypt reports none
        self.busy.setTextVisible(False)
        self.busy.setAccessibleName("Opening your progress")
        self.busy_label = plain("Opening your progress…")
        busy_row = QHBoxLayout()
        busy_row.addWidget(self.busy_label)
        busy_row.addWidget(self.busy, 1)
        layout.addLayout(busy_row)
        self._set_busy(False)

        self.forgot_panel = self._make_forgot_panel()
        layout.addWidget(self.forgot_panel)

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("Quit")
        self.forgot_button = QPushButton("&Forgot it?")
        self.forgot_button.clicked.connect(self._show_forgot)
        self.buttons.addButton(self.forgot_button, QDialogButtonBox.ButtonRole.HelpRole)
        # After addButton, which shows the button again: there is nothing to forget on a new passphrase.
        self.forgot_button.setVisible(not creating and forget is not None)
        self.buttons.accepted.connect(self._accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self._show_mode()
        self.first.setFocus()

    def _show_mode(self) -> None:
        """Title, words and fields for choosing a new passphrase or typing the one chosen."""
        self.setWindowTitle("Protect your progress" if self._creating else "Unlock your progress")
        self.instruction.setText(self._instruction_text())
        self.first.setPlaceholderText(f"At least {MIN_LENGTH} characters" if self._creating else "Your passphrase")
        self.second.setVisible(self._creating)
        self.ok_button.setText("Create" if self._creating else "Open")

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            watched is self.first
            and self._creating
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            and event.modifiers() in (Qt.KeyboardModifier.NoModifier, Qt.KeyboardModifier.KeypadModifier)
        ):
            # On a new passphrase Enter means "next field": submitting now could only say they differ.
            self.second.setFocus(Qt.FocusReason.TabFocusReason)
            return True
        return super().eventFilter(watched, event)

    def _instruction_text(self) -> str:
        if self._creating:
            return (
                "Choose a passphrase to encrypt your progress. You will need it each time you start the "
                "app; it is never stored, and a forgotten passphrase means starting over."
            )
        return "Type the passphrase you chose to open your saved progress."

    def _make_forgot_panel(self) -> QFrame:
        panel = QFrame()
        panel.setProperty("role", "card")
        column = QVBoxLayout(panel)
        column.addWidget(plain(FORGOT_TEXT))
        self.understand = QCheckBox("I understand that my saved progress on this computer will be deleted")
        column.addWidget(self.understand)
        row = QHBoxLayout()
        self.start_over_button = QPushButton("Delete it and start over")
        self.start_over_button.setEnabled(False)
        self.understand.toggled.connect(self.start_over_button.setEnabled)
        self.start_over_button.clicked.connect(self._start_over)
        back = QPushButton("Back")
        back.clicked.connect(self._hide_forgot)
        row.addWidget(self.start_over_button)
        row.addWidget(back)
        row.addStretch(1)
        column.addLayout(row)
        panel.setVisible(False)
        return panel

    # -- typing and checking ---------------------------------------------------------------------
    def _accept(self) -> None:
        if self._worker.busy():
            return
        if not self.first.text():
            self.problem.setText("Type your passphrase first.")
        elif self._creating and len(self.first.text()) < MIN_LENGTH:
            self.problem.setText(f"Use at least {MIN_LENGTH} characters.")
        elif self._creating and self.first.text() != self.second.text():
            self.problem.setText("The two passphrases are different.")
        elif self._unlock is None:
            self.accept()
        else:
            self._set_busy(True)
            self.problem.setText("")
            unlock, passphrase = self._unlock, self.first.text()
            self._worker.call(lambda: unlock(passphrase))

    def _unlocked(self, result: object, error: object) -> None:
        self._worker.wait()  # its thread has finished its work; let it end before the dialog may close
        self._set_busy(False)
        if error is None:
            self.result_value = result
            self.accept()
            return
        if isinstance(error, WrongPassphraseError):
            self.attempts += 1
            self.problem.setText(
                f"That passphrase does not open your saved progress (tried {self.attempts} "
                f"time{'s' if self.attempts != 1 else ''}). Check Caps Lock and the keyboard layout, then "
                'type it again. There is no limit on tries. If you have forgotten it, choose "Forgot it?".'
            )
        else:
            self.problem.setText(f"{getattr(error, 'message', error)} {getattr(error, 'hint', '')}".strip())
        self.first.clear()
        self.first.setFocus(Qt.FocusReason.OtherFocusReason)

    def _set_busy(self, busy: bool) -> None:
        self.busy.setVisible(busy)
        self.busy_label.setVisible(busy)
        for widget in (self.first, self.second):
            widget.setEnabled(not busy)
        if hasattr(self, "buttons"):
            self.buttons.setEnabled(not busy)

    # -- forgot it -------------------------------------------------------------------------------
    def _show_forgot(self) -> None:
        self.forgot_panel.setVisible(True)
        self.understand.setChecked(False)
        self.adjustSize()  # the panel gets the room it needs, and gives it back on Back
        self.understand.setFocus(Qt.FocusReason.OtherFocusReason)

    def _hide_forgot(self) -> None:
        self.forgot_panel.setVisible(False)
        self.adjustSize()
        self.first.setFocus(Qt.FocusReason.OtherFocusReason)

    def _start_over(self) -> None:
        if not self.understand.isChecked() or self._forget is None:
            return
        try:
            self._forget()
        except Exception as error:  # the store's own error, shown; the person can try again or quit
            self.problem.setText(f"{getattr(error, 'message', error)} {getattr(error, 'hint', '')}".strip())
            return
        self._creating = True
        self.forgot_panel.setVisible(False)
        self.forgot_button.setVisible(False)
        self.reason.setText("Your saved progress was deleted. You are starting over.")
        self._show_mode()
        self.problem.setText("")
        self.adjustSize()
        self.first.clear()
        self.first.setFocus(Qt.FocusReason.OtherFocusReason)

    def reject(self) -> None:
        if self._worker.busy():
            return  # the key is being made; a moment, then the dialog answers again
        super().reject()

    def passphrase(self) -> str:
        return self.first.text()


AFTER_DELETE_REASON = (
    "All local data was deleted, and with it your passphrase. Choose a new passphrase to protect what you do "
    "from now on: nothing is saved until you do. Quit closes the app and leaves nothing behind."
)


def ask_new_passphrase(parent: QWidget, choose: Callable[[str], Any], on_quit: Callable[[], Any]) -> PassphraseDialog:
    """After "Delete all local data" with a passphrase: the create dialog over the window (not blocking,
    so the key is made off the UI thread). `choose(passphrase)` makes the key; Quit calls `on_quit`."""
    dialog = PassphraseDialog(AFTER_DELETE_REASON, creating=True, parent=parent, unlock=choose)
    dialog.rejected.connect(on_quit)
    dialog.open()
    return dialog
