"""Settings: where your data is and how it is protected, reviews, export/import, delete.

Export and import make a key from a passphrase with scrypt (a few tenths of a second and up to
64 MiB, on purpose), so they run off the UI thread: the window keeps answering, a busy bar shows
and the buttons that touch the whole progress wait until the result is shown.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from socially_aware import wording
from socially_aware.catalog.model import DEPLOYMENT, Catalog, Origin, Platform
from socially_aware.progress.errors import WrongPassphraseError
from socially_aware.progress.model import Appearance, ProgressDocument
from socially_aware.progress.tracker import Tracker
from socially_aware.ui.background import BackgroundRunner
from socially_aware.ui.export_passphrase import ExportPassphraseDialog
from socially_aware.ui.labels import card, clamp, plain
from socially_aware.ui.messages import Messages
from socially_aware.ui.services import ChecklistUpdates, StoreActions
from socially_aware.ui.signals import emit

EXPORT_FILTER = "Socially Aware export (*.saexport);;All files (*)"
PACK_FILTER = "Checklist update (*.sapack);;All files (*)"
REPORTS_FILTER = "Step reports (*.json);;All files (*)"


def overrides_text(catalog: Catalog) -> str:
    """Every file from the system-wide and per-user folders and what it replaced, in plain words.
    A signed update from the organisation is one line (it may replace every checklist)."""
    from_pack = [o for o in catalog.overrides if o.origin is Origin.PACK]
    lines = [o.describe() for o in catalog.overrides if o.origin is not Origin.PACK]
    if from_pack:
        files = len(from_pack)
        lines.insert(
            0, f"The checklist update from your organisation replaces {files} file{'s' if files != 1 else ''}."
        )
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

    def __init__(
        self,
        tracker: Tracker,
        store: StoreActions,
        messages: Messages,
        parent: QWidget | None = None,
        *,
        theme_locked: bool = False,
        updates: ChecklistUpdates | None = None,
    ) -> None:
        super().__init__(parent)
        self.updates = updates
        self.tracker = tracker
        self.store = store
        self.messages = messages
        self.passphrase_dialog: ExportPassphraseDialog | None = None
        """The open passphrase dialog of an export or import, while it asks."""
        self._import_tries = 0
        """Wrong passphrases typed for the import under way, said in the dialog that asks again."""
        self.worker = BackgroundRunner(self)
        self.worker.finished.connect(self._transfer_done)
        self._transfer: tuple[str, Path, QPushButton] | None = None
        """("export" or "import", the file, the button that started it) while the key is made."""
        self._closing = False
        content = QWidget()
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # not a Tab stop: Tab moves through what it holds
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
        box.addWidget(
            plain("Nothing is sent anywhere. There is no account, no sync and no update check.", role="muted")
        )
        outer.addWidget(data)

        outer.addWidget(plain("Checklists and organisation profile", role="h2"))
        if updates is not None:
            outer.addLayout(self._updates_row(updates))
        self.overrides_list = plain(overrides_text(tracker.catalog))
        self.overrides_list.setAccessibleDescription("Checklist files loaded from outside the app")
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
        review_label = plain("Review", wrap=False)
        review.addWidget(review_label)
        self.review_platform = QComboBox()
        review_label.setBuddy(self.review_platform)  # a screen reader names a drop-down by its label, not its value
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
        colours_label = plain("Colours", wrap=False)
        row.addWidget(colours_label)
        self.appearance = QComboBox()
        colours_label.setBuddy(self.appearance)
        self.appearance.setAccessibleName("Colours: follow the system, light or dark")
        for choice in Appearance:
            self.appearance.addItem(choice.label, choice.value)
        self.appearance.setCurrentIndex(self.appearance.findData(tracker.appearance().value))
        self.appearance.currentIndexChanged.connect(self._set_appearance)
        row.addWidget(self.appearance)
        row.addStretch(1)
        outer.addLayout(row)
        if theme_locked:
            outer.addWidget(
                plain(
                    "The colours were chosen on the command line for this run; "
                    "a choice here applies from the next start.",
                    role="muted",
                )
            )
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
        busy_row = QHBoxLayout()
        self.busy_label = plain("", role="muted", wrap=False)
        self.busy_label.setAccessibleDescription("Export or import in progress")
        self.busy = QProgressBar()
        self.busy.setRange(0, 0)  # scrypt reports no progress: a moving bar says "working", nothing more
        self.busy.setTextVisible(False)
        self.busy.setAccessibleName("Making the key from your passphrase")
        self.busy.setMaximumWidth(200)
        for widget in (self.busy_label, self.busy):
            policy = widget.sizePolicy()
            policy.setRetainSizeWhenHidden(True)  # the page does not jump when the bar comes and goes
            widget.setSizePolicy(policy)
            busy_row.addWidget(widget)
        busy_row.addStretch(1)
        outer.addLayout(busy_row)

        outer.addWidget(plain("Start again", role="h2"))
        row = QHBoxLayout()
        self.delete_button = QPushButton("&Delete all local data…")
        self.delete_button.setAccessibleName("Delete all local data")
        self.delete_button.clicked.connect(self.delete_all)
        row.addWidget(self.delete_button)
        row.addStretch(1)
        outer.addLayout(row)
        outer.addStretch(1)
        self._show_busy(None)
        self.refresh()

    # -- checklist updates from the organisation (signed packs) -----------------------------------
    def _updates_row(self, updates: ChecklistUpdates) -> QVBoxLayout:
        column = QVBoxLayout()
        self.pack_line = plain(updates.installed() or "No checklist update from your organisation is installed.")
        self.pack_line.setAccessibleDescription("Checklist update installed")
        column.addWidget(self.pack_line)
        row = QHBoxLayout()
        self.install_update_button = QPushButton("Install a checklist &update…")
        self.install_update_button.setAccessibleName("Install a checklist update from your organisation")
        self.install_update_button.clicked.connect(self.install_update)
        row.addWidget(self.install_update_button)
        row.addStretch(1)
        column.addLayout(row)
        if updates.save_reports is not None:
            self.reports_line = plain("")
            self.reports_line.setAccessibleDescription("Steps you said did not match")
            column.addWidget(self.reports_line)
            row = QHBoxLayout()
            self.save_reports_button = QPushButton("&Save step reports for the content owners…")
            self.save_reports_button.setAccessibleName(
                "Save the steps you said did not match as a file for your organisation's content owners"
            )
            self.save_reports_button.clicked.connect(self.save_reports)
            row.addWidget(self.save_reports_button)
            self.clear_reports_button = QPushButton("C&lear step reports…")
            self.clear_reports_button.setAccessibleName("Clear the steps you said did not match")
            self.clear_reports_button.clicked.connect(self.clear_reports)
            row.addWidget(self.clear_reports_button)
            row.addStretch(1)
            column.addLayout(row)
        self.update_worker = BackgroundRunner(self)
        self.update_worker.finished.connect(self._update_done)
        return column

    def showEvent(self, event: QShowEvent) -> None:
        self._show_reports()  # reports are made on item pages; the count is current whenever Settings opens
        super().showEvent(event)

    def _show_reports(self) -> None:
        if self.updates is None or self.updates.save_reports is None:
            return
        count = len(self.tracker.step_reports())
        self.reports_line.setText(
            f"You said the steps did not match for {count} item{'s' if count != 1 else ''}. "
            "Only the item, the device, your note and the day go into the file."
            if count
            else "On any item, “These steps didn't match what I saw” records it here for your content owners."
        )
        self.save_reports_button.setEnabled(count > 0)
        self.clear_reports_button.setEnabled(count > 0)

    def save_reports(self) -> None:
        updates = self.updates
        if updates is None or updates.save_reports is None or not self.tracker.step_reports():
            return
        path = self.messages.dialogs.save_file(self, "Save step reports", "step-reports.json", REPORTS_FILTER)
        if path is None:
            return
        reports = self.tracker.step_reports()
        try:
            updates.save_reports(reports, path)
        except updates.report_error_type as error:
            self.messages.error(f"Not saved: {getattr(error, 'message', error)}")
            return
        self.messages.info(
            f"Saved {wording.count(len(reports), 'step report')} to {path}. "
            "Read it, then send it to your content owners if you wish."
        )

    def clear_reports(self) -> None:
        count = len(self.tracker.step_reports())
        them = "it" if count == 1 else "them"
        if not count or not self.messages.ask(
            self,
            "Clear step reports",
            f"Forget the {wording.count(count, 'step report')} you made on this computer? Save {them} first if you "
            f"still want to send {them} to your content owners.",
        ):
            return
        cleared = self.tracker.clear_step_reports()
        self._show_reports()
        if self.isVisible():  # the button just went grey: keep the keyboard in the same group
            self.install_update_button.setFocus(Qt.FocusReason.OtherFocusReason)
        self.messages.info(f"Cleared {wording.count(cleared, 'step report')}.")

    def install_update(self) -> None:
        if self.updates is None or self.update_worker.busy():
            return
        path = self.messages.dialogs.open_file(self, "Install a checklist update", PACK_FILTER)
        if path is None:
            return
        install = self.updates.install
        self.install_update_button.setEnabled(False)
        self.pack_line.setText("Checking the update's signature and its checklists…")
        self.update_worker.call(lambda: install(path))

    def _update_done(self, result: object, error: object) -> None:
        self.update_worker.wait()
        self.install_update_button.setEnabled(True)
        updates = self.updates
        if updates is None or self._closing:
            return
        self.pack_line.setText(updates.installed() or "No checklist update from your organisation is installed.")
        if self.isVisible():
            self.install_update_button.setFocus(Qt.FocusReason.OtherFocusReason)
        if isinstance(error, updates.error_type):
            self.messages.error(f"Not installed: {getattr(error, 'message', error)}. Your checklists are as they were.")
        elif error is not None:
            self.messages.error(f"Not installed: {error or type(error).__name__}. Your checklists are as they were.")
        else:
            self.messages.info(f"Installed: {result}. The app uses them from its next start.")

    def refresh(self) -> None:
        self._show_reports()
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
            emit(self, "appearance_changed")

    # -- export and import: ask on the UI thread, make the key off it ----------------------------
    def export(self) -> None:
        if self.worker.busy():
            return
        path = self.messages.dialogs.save_file(
            self, "Export progress", "socially-aware-progress.saexport", EXPORT_FILTER
        )
        if path is not None:
            self._ask_for_passphrase(True, lambda passphrase: self._start_export(path, passphrase))

    def import_(self) -> None:
        if self.worker.busy():
            return
        path = self.messages.dialogs.open_file(self, "Import progress", EXPORT_FILTER)
        if path is not None:
            self._import_tries = 0
            self._ask_for_passphrase(False, lambda passphrase: self._start_import(path, passphrase))

    def _ask_again(self, path: Path, error: WrongPassphraseError) -> None:
        """A wrong import passphrase: the same dialog again, saying why and how many tries, no lockout."""
        self._import_tries += 1
        tries = f"Tried {self._import_tries} time{'s' if self._import_tries != 1 else ''}."
        self._ask_for_passphrase(
            False,
            lambda passphrase: self._start_import(path, passphrase),
            problem=f"{error.message} {error.hint} {tries}".replace("  ", " "),
        )

    def _ask_for_passphrase(self, creating: bool, then: Callable[[str], None], problem: str = "") -> None:
        dialog = self.messages.dialogs.passphrase(self, creating, then, problem)
        self.passphrase_dialog = dialog
        if dialog is not None:
            dialog.finished.connect(lambda _result: self._dialog_closed(dialog))

    def _dialog_closed(self, dialog: ExportPassphraseDialog) -> None:
        if self.passphrase_dialog is dialog:
            self.passphrase_dialog = None
        dialog.deleteLater()

    def _start_export(self, path: Path, passphrase: str) -> None:
        # A copy as it is now: the person may go on ticking items while the key is made.
        snapshot = copy.deepcopy(self.tracker.doc)
        export = self.store.export
        self._start("export", path, self.export_button, "Exporting: making a key from your passphrase…")
        self.worker.call(lambda: export(snapshot, path, passphrase))

    def _start_import(self, path: Path, passphrase: str) -> None:
        read = self.store.import_
        self._start("import", path, self.import_button, "Opening the file: making a key from your passphrase…")
        self.worker.call(lambda: read(path, passphrase))

    def _start(self, kind: str, path: Path, button: QPushButton, words: str) -> None:
        self._transfer = (kind, path, button)
        self._show_busy(words)

    def _show_busy(self, words: str | None) -> None:
        """A busy bar and words while the key is made; the buttons that replace or rewrite progress wait."""
        working = words is not None
        self.busy_label.setText(words or "")
        self.busy_label.setVisible(working)
        self.busy.setVisible(working)
        for button in (self.export_button, self.import_button, self.restore_button, self.delete_button):
            button.setEnabled(not working)

    def _transfer_done(self, result: object, error: object) -> None:
        self.worker.wait()  # its work is done; let the thread end so `busy()` is false from here on
        transfer, self._transfer = self._transfer, None
        self._show_busy(None)
        if self._closing or transfer is None:
            return
        kind, path, button = transfer
        focus = QApplication.focusWidget()
        if self.isVisible() and (focus is None or self.isAncestorOf(focus)):
            button.setFocus(Qt.FocusReason.OtherFocusReason)  # it was disabled while working: keyboard focus back
        if kind == "import" and isinstance(error, WrongPassphraseError):
            self._ask_again(path, error)
        elif isinstance(error, BaseException):
            self.messages.failed(error, doing=f"The {kind}")
        elif kind == "export":
            self.messages.info(
                f"Exported to {path}. Keep the passphrase somewhere safe: without it the file cannot be opened."
            )
        elif isinstance(result, ProgressDocument):
            self._replace_with_import(path, result)

    def _replace_with_import(self, path: Path, doc: ProgressDocument) -> None:
        # On a first run there is nothing to replace, so nothing to confirm.
        if self.tracker.welcomed and not self.messages.ask(
            self, "Import progress", "Replace the progress on this computer with the imported file?"
        ):
            self.messages.info("Nothing was imported: your progress on this computer is as it was.")
            return
        emit(self, "replaced", doc)
        self.messages.info(f"Imported your progress from {path}.")

    def shutdown(self) -> None:
        """On closing the window: an export under way finishes writing its file; an import is dropped."""
        self._closing = True
        if self.passphrase_dialog is not None:
            self.passphrase_dialog.reject()
        self.worker.wait()
        if self.updates is not None:
            self.update_worker.wait()

    def restore(self) -> None:
        try:
            doc = self.store.restore_backup()
        except self.store.error_type as error:
            self.messages.failed(error)
            return
        if self.messages.ask(
            self, "Restore previous copy", "Replace your current progress with the previous saved copy?"
        ):
            emit(self, "replaced", doc)

    def delete_all(self) -> None:
        if not self.messages.ask(
            self,
            "Delete all local data",
            "This deletes your progress, notes and the key that protects them from this computer. It cannot be undone.",
        ):
            return
        try:
            self.store.delete_all()
        except self.store.error_type as error:
            self.messages.failed(error)
            return
        emit(self, "deleted")
