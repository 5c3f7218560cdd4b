"""How to make a password export, per password manager and browser, in our own words, with the vendor's help.

Menu paths move between versions, so each entry links to the vendor's own help page and says
whether we checked the path against it (`confirmed`). Every export is a file of plain-text
passwords: the panel says so, and says to delete it once it has been read.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtWidgets import QComboBox, QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from socially_aware.ui.labels import card, plain


@dataclass(frozen=True)
class ExportHowTo:
    name: str
    steps: tuple[str, ...]
    help_url: str
    """The vendor's own help page about exporting."""
    confirmed: bool
    """True when the menu path was checked against that page; False when only secondary sources had it."""


HOW_TOS: tuple[ExportHowTo, ...] = (
    ExportHowTo(
        "Bitwarden",
        (
            "In the Bitwarden web app (or the desktop app or browser extension), open Tools, then Export vault.",
            'Choose your own vault under "Export from", and the file format .csv or .json. Not ".json (Encrypted)": '
            "this app can't read an encrypted export.",
            "Confirm with your master password and save the file.",
        ),
        "https://bitwarden.com/help/export-your-data/",
        True,
    ),
    ExportHowTo(
        "1Password",
        (
            "Open and unlock the 1Password app on your computer (the phone apps and the website can't export).",
            "On a Mac choose File > Export; on Windows or Linux open the … menu above the sidebar and choose Export. "
            "Pick your account.",
            "Enter your account password, choose CSV (not 1PUX) and click Export Data.",
        ),
        "https://support.1password.com/export/",
        True,
    ),
    ExportHowTo(
        "KeePassXC",
        ("Open and unlock your database in KeePassXC.", "Choose Database > Export > CSV File, and save the file."),
        "https://keepassxc.org/docs/KeePassXC_UserGuide#_exporting_databases",
        True,
    ),
    ExportHowTo(
        "LastPass",
        (
            "In the LastPass browser extension, open Account Options (or Account), then Advanced, then Export.",
            'Choose "LastPass CSV File" and confirm with your master password.',
            "In the web vault it is Advanced Options > Export; LastPass may first email you to confirm. If the export "
            "shows as text instead of a download, copy it into a new file ending in .csv.",
        ),
        "https://support.lastpass.com/",
        True,
    ),
    ExportHowTo(
        "Google Chrome",
        (
            "In Chrome open the ⋮ menu > Passwords and autofill > Google Password Manager.",
            'Choose Settings on the left, then "Download file" beside "Export passwords".',
            "Confirm with your computer's password if asked, and save the .csv file.",
        ),
        "https://support.google.com/chrome/answer/95606",
        False,
    ),
    ExportHowTo(
        "Microsoft Edge",
        (
            "In Edge open the … menu > Settings > Passwords (in newer versions: Passwords opens in Microsoft Wallet).",
            'Open the … menu beside "Saved passwords" and choose Export passwords.',
            "Confirm with your computer's password if asked, and save the .csv file.",
        ),
        "https://support.microsoft.com/en-us/microsoft-edge",
        False,
    ),
    ExportHowTo(
        "Firefox",
        (
            "In Firefox open the ☰ menu > Passwords (or type about:logins in the address bar).",
            "Open the ⋯ menu at the top right of that page and choose Export Passwords.",
            "Confirm, enter your computer's password if asked, and save the .csv file.",
        ),
        "https://support.mozilla.org/kb/export-login-data-firefox",
        False,
    ),
    ExportHowTo(
        "Safari and iCloud Keychain",
        (
            "Do this on a Mac: an iPhone or iPad offers no export file, or only in the newest versions.",
            "macOS 14: Apple menu > System Settings > Passwords, then the More (…) button > Export All Passwords.",
            "macOS 15 or later: open the Passwords app and choose File > Export All Passwords to File.",
            "Confirm and save the .csv file.",
        ),
        "https://support.apple.com/guide/mac-help/change-passwords-settings-on-mac-sfri40599/mac",
        True,
    ),
)
DELETE_AFTER = (
    "The export holds every password in plain text. Delete it as soon as this page has read it, and empty the "
    "bin or trash too. Don't email it, sync it or back it up."
)


class ExportHowToPanel(QWidget):
    """A chooser of password manager or browser, its steps, its vendor's help, and the warning to delete."""

    def __init__(self, open_link: Callable[[str], bool], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._open_link = open_link
        frame = card()
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(frame)
        column = QVBoxLayout(frame)
        row = QHBoxLayout()
        where = plain("Your passwords are in:", wrap=False)
        self.chooser = QComboBox()
        self.chooser.setAccessibleName("Where your passwords are kept")
        for how in HOW_TOS:
            self.chooser.addItem(how.name)
        where.setBuddy(self.chooser)
        row.addWidget(where)
        row.addWidget(self.chooser)
        row.addStretch(1)
        column.addLayout(row)
        self.steps = plain("")
        self.steps.setAccessibleDescription("How to make the export")
        self.checked = plain("", role="muted")
        self.help_button = QPushButton("")
        self.help_button.clicked.connect(self._open_help)
        self.warning = plain(DELETE_AFTER)
        for widget in (self.steps, self.checked):
            column.addWidget(widget)
        help_row = QHBoxLayout()
        help_row.addWidget(self.help_button)
        help_row.addStretch(1)
        column.addLayout(help_row)
        column.addWidget(self.warning)
        self.chooser.currentIndexChanged.connect(self._show)
        self._show(0)

    @property
    def current(self) -> ExportHowTo:
        return HOW_TOS[max(self.chooser.currentIndex(), 0)]

    def _show(self, _index: int) -> None:
        how = self.current
        self.steps.setText("\n".join(f"{n}. {step}" for n, step in enumerate(how.steps, start=1)))
        self.checked.setText(
            f"Checked against {how.name}'s own help."
            if how.confirmed
            else f"Not yet checked against {how.name}'s own help: menus change, so follow its page if these differ."
        )
        self.help_button.setText(f"Open {how.name}'s help &page")
        self.help_button.setAccessibleName(f"Open {how.name}'s help page about exporting, in your web browser")
        self.help_button.setToolTip(how.help_url)

    def _open_help(self) -> None:
        self._open_link(self.current.help_url)
