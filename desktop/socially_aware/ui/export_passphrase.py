"""The passphrase of an export file: chosen (typed twice) to export, typed once to import.

The dialog only asks. The key is made afterwards by the Settings page, off the UI thread, because
scrypt is slow on purpose; a wrong passphrase is only known once that is done.
"""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLineEdit, QVBoxLayout, QWidget

from socially_aware.ui.labels import plain
from socially_aware.ui.passphrase import DIALOG_WIDTH, MIN_LENGTH

CHOOSE_TEXT = (
    "Choose a passphrase to protect the exported file. You will type it when you import the file on the "
    "other computer. It is not stored anywhere: without it the file cannot be opened."
)
TYPE_TEXT = "Type the passphrase that was chosen when this file was exported."


class ExportPassphraseDialog(QDialog):
    def __init__(self, creating: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Export progress" if creating else "Import progress")
        self.setMinimumWidth(DIALOG_WIDTH)
        self._creating = creating
        layout = QVBoxLayout(self)
        layout.addWidget(plain(CHOOSE_TEXT if creating else TYPE_TEXT))
        self.first = QLineEdit()
        self.first.setEchoMode(QLineEdit.EchoMode.Password)
        self.first.setAccessibleName("Passphrase")
        # Like the unlock dialog: the field says what goes in it, as the second one does.
        self.first.setPlaceholderText(f"At least {MIN_LENGTH} characters" if creating else "The export's passphrase")
        layout.addWidget(self.first)
        self.second = QLineEdit()
        self.second.setEchoMode(QLineEdit.EchoMode.Password)
        self.second.setAccessibleName("Passphrase again")
        self.second.setPlaceholderText("Again, to be sure")
        self.second.setVisible(creating)
        layout.addWidget(self.second)
        self.problem = plain("", hide_when_empty=True)
        self.problem.setAccessibleDescription("Problem")
        layout.addWidget(self.problem)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText("Export" if creating else "Import")
        self.ok_button.setDefault(True)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.first.setFocus()

    def accept(self) -> None:
        if not self.first.text():
            self.problem.setText("Type the passphrase first.")
        elif self._creating and len(self.first.text()) < MIN_LENGTH:
            self.problem.setText(f"Use at least {MIN_LENGTH} characters.")
        elif self._creating and self.first.text() != self.second.text():
            self.problem.setText("The two passphrases are different. Type them again.")
            self.second.clear()
            self.second.setFocus()
        else:
            super().accept()

    def passphrase(self) -> str:
        return self.first.text()
