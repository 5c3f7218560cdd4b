"""Asked once at start when there is no system keyring: a passphrase protects the progress."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLineEdit, QVBoxLayout, QWidget

from socially_aware.ui.labels import plain


class PassphraseDialog(QDialog):
    def __init__(self, reason: str, creating: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Protect your progress")
        layout = QVBoxLayout(self)
        layout.addWidget(plain(reason))
        layout.addWidget(plain(
            "Choose a passphrase to encrypt your progress instead. You will need it each time you "
            "start the app; it is never stored." if creating else
            "Type the passphrase you chose to open your saved progress."))
        self.first = QLineEdit()
        self.first.setEchoMode(QLineEdit.EchoMode.Password)
        self.first.setAccessibleName("Passphrase")
        layout.addWidget(self.first)
        self.second = QLineEdit()
        self.second.setEchoMode(QLineEdit.EchoMode.Password)
        self.second.setAccessibleName("Passphrase again")
        self.second.setPlaceholderText("Again, to be sure")
        self.second.setVisible(creating)
        layout.addWidget(self.second)
        self.problem = plain("", role="muted")
        layout.addWidget(self.problem)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self._creating = creating

    def _accept(self) -> None:
        if len(self.first.text()) < 8:
            self.problem.setText("Use at least 8 characters.")
        elif self._creating and self.first.text() != self.second.text():
            self.problem.setText("The two passphrases are different.")
        else:
            self.accept()

    def passphrase(self) -> str:
        return self.first.text()
