"""The accounts page's list of official accounts the person runs for the Department (issue 18).

Kept apart from the accounts to close: they are not problems. The page owns the Tracker calls;
this panel only shows the sites and says which one the person wants put back on the to-do list.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QListWidget, QListWidgetItem, QPushButton, QVBoxLayout, QWidget

from socially_aware.ui.labels import plain
from socially_aware.ui.signals import emit

HEADING = "Official accounts you run for the Department"
EXPLAINED = (
    "Accounts the Department's social media team runs on an official address belong there. They are kept "
    "here, apart from the accounts to close, and are not counted as problems."
)


class OfficialAccountsPanel(QWidget):
    unmark = Signal(str)
    """The site to put back among the accounts still to do."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 8, 0, 0)
        layout.addWidget(plain(HEADING, role="h2"))
        layout.addWidget(plain(EXPLAINED, role="muted"))
        self.list = QListWidget()
        self.list.setAccessibleName(HEADING)
        self.list.setMaximumHeight(140)
        layout.addWidget(self.list)
        row = QHBoxLayout()
        self.unmark_button = QPushButton("&Not an official account")
        self.unmark_button.setAccessibleName("Put the selected site back among the accounts still to close or move")
        self.unmark_button.clicked.connect(self._unmark)
        row.addWidget(self.unmark_button)
        row.addStretch(1)
        layout.addLayout(row)

    def show_sites(self, sites: list[str]) -> None:
        self.list.clear()
        for site in sites:
            item = QListWidgetItem(f"{site} · an official account I run for the Department")
            item.setData(Qt.ItemDataRole.UserRole, site)
            self.list.addItem(item)
        if sites:
            self.list.setCurrentRow(0)
        self.setVisible(bool(sites))

    def _unmark(self) -> None:
        item = self.list.currentItem()
        if item is not None:
            emit(self, "unmark", item.data(Qt.ItemDataRole.UserRole))
