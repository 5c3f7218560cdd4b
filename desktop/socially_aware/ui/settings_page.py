"""Settings: where your data is and how it is protected, reviews, export/import, delete."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QInputDialog,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from socially_aware.catalog.model import DEPLOYMENT, Catalog, Platform
from socially_aware.progress.model import Appearance
from socially_aware.progress.tracker import Tracker
from socially_aware.ui import untrusted
from socially_aware.ui.labels import card, clamp, plain
from socially_aware.ui.services import StoreActions

AskPath = Callable[[str, bool], Path | None]
"""(title, saving) -> a chosen file, or None when cancelled"""
AskText = Callable[[str, str], str | None]
"""(title, label) -> typed passphrase, or None"""
Confirm = Callable[[str, str], bool]


def _ask_path(parent: QWidget) -> AskPath:
    def ask(title: str, saving: bool) -> Path | None:
        pattern = "Socially Aware export (*.saexport);;All files (*)"
        if saving:
            name, _ = QFileDialog.getSaveFileName(parent, title, "socially-aware-progress.saexport", pattern)
        else:
            name, _ = QFileDialog.getOpenFileName(parent, title, "", pattern)
        return Path(name) if name else None

    return ask


def _ask_passphrase(parent: QWidget) -> AskText:
    def ask(title: str, label: str) -> str | None:
        text, ok = QInputDialog.getText(parent, title, label, QLineEdit.EchoMode.Password)
        return text if ok and text else None

    return ask


def _confirm(parent: QWidget) -> Confirm:
    def confirm(title: str, text: str) -> bool:
        return untrusted.confirm(parent, title, text)

    return confirm


def overrides_text(catalog: Catalog) -> str:
    """Every file from the system-wide and per-user folders and what it replaced, in plain words."""
    lines = [o.describe() for o in catalog.overrides]
    if catalog.organisation_locked and not any(o.subject == DEPLOYMENT and not o.ignored for o in catalog.overrides):
        lines.append("Your IT team has locked the organisation profile: copies of it in your own folder are ignored.")
    if not catalog.overrides:
        lines.insert(0, "Every checklist and the organisation profile came with the app; none is replaced.")
    return "\n".join(lines)


class SettingsPage(QWidget):
    change_platforms = Signal()
    appearance_changed = Signal()
    replaced = Signal(object)
    """A new ProgressDocument (imported or restored) replaces the current one."""
    deleted = Signal()
    message = Signal(str)

    def __init__(
        self,
        tracker: Tracker,
        store: StoreActions,
        parent: QWidget | None = None,
        *,
        ask_path: AskPath | None = None,
        ask_passphrase: AskText | None = None,
        confirm: Confirm | None = None,
        theme_locked: bool = False,
    ) -> None:
        super().__init__(parent)
        self.tracker = tracker
        self.store = store
        self._ask_path = ask_path or _ask_path(self)
        self._ask_passphrase = ask_passphrase or _ask_passphrase(self)
        self._confirm = confirm or _confirm(self)
        content = QWidget()
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(clamp(content))
        page = QVBoxLayout(self)
        page.setContentsMargins(0, 0, 0, 0)
        page.addWidget(scroll)
        outer = QVBoxLayout(content)
        outer.setContentsMargins(32, 24, 32, 24)
        outer.addWidget(plain("Settings", role="h1"))

        data = card()
        box = QVBoxLayout(data)
        box.addWidget(plain("Your data", role="h2"))
        box.addWidget(plain(f"Kept only on this computer, in:\n{store.data_location}"))
        box.addWidget(plain(store.protection))
        box.addWidget(plain("Nothing is sent anywhere. There is no account, no sync and no update check.", role="muted"))
        outer.addWidget(data)

        outer.addWidget(plain("Checklists and organisation profile", role="h2"))
        self.overrides_list = plain(overrides_text(tracker.catalog))
        self.overrides_list.setAccessibleName("Checklist files loaded from outside the app")
        outer.addWidget(self.overrides_list)

        outer.addWidget(plain("Platforms and reviews", role="h2"))
        row = QHBoxLayout()
        self.platforms_button = QPushButton("Change &platforms and devices…")
        self.platforms_button.setAccessibleName("Change platforms and devices")
        self.platforms_button.clicked.connect(self.change_platforms)
        row.addWidget(self.platforms_button)
        row.addStretch(1)
        outer.addLayout(row)
        review = QHBoxLayout()
        review.addWidget(plain("Review", wrap=False))
        self.review_platform = QComboBox()
        self.review_platform.setAccessibleName("Platform to set the review interval for")
        self.review_platform.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.review_months = QSpinBox()
        self.review_months.setRange(1, 36)
        self.review_months.setSuffix(" months")
        self.review_months.setAccessibleName("Review every this many months")
        review.addWidget(self.review_platform)
        review.addWidget(plain("every", wrap=False))
        review.addWidget(self.review_months)
        review.addStretch(1)
        outer.addLayout(review)
        self.review_platform.currentIndexChanged.connect(self._show_months)
        self.review_months.valueChanged.connect(self._set_months)

        outer.addWidget(plain("Appearance", role="h2"))
        row = QHBoxLayout()
        row.addWidget(plain("Colours", wrap=False))
        self.appearance = QComboBox()
        self.appearance.setAccessibleName("Colours: follow the system, light or dark")
        for choice in Appearance:
            self.appearance.addItem(choice.label, choice.value)
        self.appearance.setCurrentIndex(self.appearance.findData(tracker.appearance().value))
        self.appearance.currentIndexChanged.connect(self._set_appearance)
        row.addWidget(self.appearance)
        row.addStretch(1)
        outer.addLayout(row)
        if theme_locked:
            outer.addWidget(plain("The colours were chosen on the command line for this run; "
                                  "a choice here applies from the next start.", role="muted"))
        self._theme_locked = theme_locked

        outer.addWidget(plain("Move to another computer", role="h2"))
        row = QHBoxLayout()
        self.export_button = QPushButton("&Export progress…")
        self.export_button.setAccessibleName("Export progress to a passphrase-protected file")
        self.import_button = QPushButton("&Import progress…")
        self.import_button.setAccessibleName("Import progress from an exported file")
        self.export_button.clicked.connect(self.export)
        self.import_button.clicked.connect(self.import_)
        row.addWidget(self.export_button)
        row.addWidget(self.import_button)
        self.restore_button = QPushButton("&Restore previous copy")
        self.restore_button.setAccessibleName("Restore the previous saved copy of your progress")
        self.restore_button.clicked.connect(self.restore)
        row.addWidget(self.restore_button)
        row.addStretch(1)
        outer.addLayout(row)

        outer.addWidget(plain("Start again", role="h2"))
        row = QHBoxLayout()
        self.delete_button = QPushButton("&Delete all local data…")
        self.delete_button.setAccessibleName("Delete all local data")
        self.delete_button.clicked.connect(self.delete_all)
        row.addWidget(self.delete_button)
        row.addStretch(1)
        outer.addLayout(row)
        outer.addStretch(1)
        self.refresh()

    def refresh(self) -> None:
        self.review_platform.blockSignals(True)
        self.review_platform.clear()
        for platform in self.tracker.selected_platforms():
            self.review_platform.addItem(platform.name, platform.id)
        self.review_platform.blockSignals(False)
        self._show_months()
        self.appearance.blockSignals(True)
        self.appearance.setCurrentIndex(self.appearance.findData(self.tracker.appearance().value))
        self.appearance.blockSignals(False)

    def _review_platform(self) -> Platform | None:
        pid = self.review_platform.currentData()
        return self.tracker.catalog.platform(pid) if pid else None

    def _show_months(self) -> None:
        platform = self._review_platform()
        self.review_months.setEnabled(platform is not None)
        if platform is not None:
            self.review_months.blockSignals(True)
            self.review_months.setValue(self.tracker.review_months(platform))
            self.review_months.blockSignals(False)

    def _set_months(self, months: int) -> None:
        platform = self._review_platform()
        if platform is not None:
            self.tracker.set_review_months(platform, months)

    def _set_appearance(self) -> None:
        self.tracker.set_appearance(Appearance(self.appearance.currentData()))
        if not self._theme_locked:
            self.appearance_changed.emit()

    def _fail(self, error: Exception) -> None:
        hint = getattr(error, "hint", "")
        self.message.emit(f"{getattr(error, 'message', error)} {hint}".strip())

    def export(self) -> None:
        path = self._ask_path("Export progress", True)
        if path is None:
            return
        passphrase = self._ask_passphrase("Export progress", "Choose a passphrase to protect the file:")
        if passphrase is None:
            return
        again = self._ask_passphrase("Export progress", "Type the passphrase again:")
        if again != passphrase:
            self.message.emit("The two passphrases were different, so nothing was exported.")
            return
        try:
            self.store.export(self.tracker.doc, path, passphrase)
        except self.store.error_type as error:
            self._fail(error)
            return
        self.message.emit(f"Exported to {path}. Keep the passphrase somewhere safe: without it the file cannot be opened.")

    def import_(self) -> None:
        path = self._ask_path("Import progress", False)
        if path is None:
            return
        passphrase = self._ask_passphrase("Import progress", "Passphrase for this file:")
        if passphrase is None:
            return
        try:
            doc = self.store.import_(path, passphrase)
        except self.store.error_type as error:
            self._fail(error)
            return
        if not self._confirm("Import progress", "Replace the progress on this computer with the imported file?"):
            return
        self.replaced.emit(doc)
        self.message.emit(f"Imported your progress from {path}.")

    def restore(self) -> None:
        try:
            doc = self.store.restore_backup()
        except self.store.error_type as error:
            self._fail(error)
            return
        if self._confirm("Restore previous copy", "Replace your current progress with the previous saved copy?"):
            self.replaced.emit(doc)

    def delete_all(self) -> None:
        if not self._confirm(
            "Delete all local data",
            "This deletes your progress, notes and the key that protects them from this computer. "
            "It cannot be undone. Delete everything?",
        ):
            return
        try:
            self.store.delete_all()
        except self.store.error_type as error:
            self._fail(error)
            return
        self.deleted.emit()
