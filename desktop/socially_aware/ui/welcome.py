"""First run: what the app does, in plain words, and the promise that nothing leaves the machine."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from socially_aware.ui.labels import card, clamp, plain

WELCOME = (
    "People who want to get around the border look for the staff who guard it: on Facebook, "
    "LinkedIn, Instagram, dating apps and fitness maps. This app helps you make sure they can't "
    "find you through what you share."
)
POINTS = (
    "1.  Pick the sites and apps you use. For each, you get short, exact steps to turn off "
    "location tagging, remove your employer and work photos, move accounts off your work email "
    "and lock down who can see you.",
    "2.  Clean your photos before you share them: see what a photo gives away (where it was taken, "
    "your phone's serial number, your name) and remove it without changing the picture.",
    "3.  Come back any time. Your progress is kept on this computer only, encrypted.",
)
PROMISE = (
    "Nothing you do here leaves this computer. The app never connects to the internet. The only "
    "time anything opens online is when you click a link to a site's own settings page, and that "
    "opens in your own browser."
)


class WelcomePage(QWidget):
    started = Signal()
    import_requested = Signal()
    """"Bring my progress from another computer": Settings' import, before any platforms are chosen."""

    def __init__(self, organisation_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        content = QWidget()
        page = QVBoxLayout(self)
        page.setContentsMargins(0, 0, 0, 0)
        page.addWidget(clamp(content))
        outer = QVBoxLayout(content)
        outer.setContentsMargins(48, 40, 48, 40)
        outer.addWidget(plain("Welcome to Socially Aware", role="h1"))
        outer.addWidget(plain(f"For staff of {organisation_name}", role="muted"))
        outer.addSpacing(12)
        outer.addWidget(plain(WELCOME))
        for point in POINTS:
            outer.addWidget(plain(point))
        promise = card()
        box = QVBoxLayout(promise)
        box.addWidget(plain("Private by design", role="h2"))
        box.addWidget(plain(PROMISE))
        outer.addSpacing(8)
        outer.addWidget(promise)
        outer.addSpacing(16)
        row = QHBoxLayout()
        self.import_button = QPushButton("&Bring my progress from another computer…")
        self.import_button.setAccessibleName(
            "Bring my progress from another computer: import a file exported there from Settings"
        )
        self.import_button.clicked.connect(self.import_requested)
        row.addWidget(self.import_button)
        row.addStretch(1)
        self.start_button = QPushButton("&Get started")
        self.start_button.setProperty("role", "primary")
        self.start_button.setAccessibleName("Get started: choose the sites and apps you use")
        self.start_button.setDefault(True)
        self.start_button.clicked.connect(self.started)
        row.addWidget(self.start_button)
        outer.addLayout(row)
        outer.addStretch(1)  # the button stays beside what it follows, however tall the window
        self.setFocusProxy(self.start_button)
        self.start_button.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
