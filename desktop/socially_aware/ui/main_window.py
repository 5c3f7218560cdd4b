"""The window: first run (welcome, choose platforms), then Overview, Checklists, Photos, Work-email accounts, Settings."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QListWidget,
    QMainWindow,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from socially_aware import APP_NAME
from socially_aware.catalog.model import Surface
from socially_aware.progress.model import ProgressDocument
from socially_aware.progress.tracker import Tracker
from socially_aware.ui.accounts_page import AccountsPage
from socially_aware.ui.labels import plain
from socially_aware.ui.links import open_catalog_link
from socially_aware.ui.overview import OverviewPage
from socially_aware.ui.photo_page import PhotoCleanerPage
from socially_aware.ui.picker import PlatformPicker
from socially_aware.ui.review_page import ReviewActions, ReviewPage
from socially_aware.ui.services import AccountActions, PhotoActions, StoreActions
from socially_aware.ui.settings_page import SettingsPage
from socially_aware.ui.walkthrough import ChecklistPage
from socially_aware.ui.welcome import WelcomePage

SECTIONS = ("Overview", "Checklists", "Photo cleaner", "Work-email accounts", "Settings", "Review your posts")


class Banner(QFrame):
    """Problems the person should know about, as plain text, until dismissed."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setProperty("role", "banner")
        row = QHBoxLayout(self)
        self.label = plain("")
        self.label.setAccessibleName("Notice")
        self.dismiss = QPushButton("Dismiss")
        self.dismiss.setAccessibleName("Dismiss this notice")
        self.dismiss.clicked.connect(self.hide)
        row.addWidget(self.label, 1)
        row.addWidget(self.dismiss, 0, Qt.AlignmentFlag.AlignTop)
        self.hide()

    def show_message(self, text: str) -> None:
        self.label.setText(text)
        self.show()


class MainWindow(QMainWindow):
    def __init__(
        self,
        tracker: Tracker,
        store: StoreActions,
        photos: PhotoActions,
        accounts: AccountActions,
        *,
        problems: list[str] | None = None,
        store_error: str | None = None,
        open_link: Callable[[str], bool] = open_catalog_link,
        settings_dialogs: dict[str, Any] | None = None,
        photo_dialogs: dict[str, Any] | None = None,
        account_dialogs: dict[str, Any] | None = None,
        review: ReviewActions | None = None,
        review_dialogs: dict[str, Any] | None = None,
    ) -> None:
        super().__init__()
        self.tracker = tracker
        self.store = store
        self.setWindowTitle(APP_NAME)
        self.resize(1100, 760)
        central = QWidget()
        column = QVBoxLayout(central)
        column.setContentsMargins(8, 8, 8, 8)
        self.banner = Banner()
        column.addWidget(self.banner)
        body = QHBoxLayout()
        column.addLayout(body, 1)
        self.setCentralWidget(central)

        self.navigation = QListWidget()
        self.navigation.setObjectName("navigation")
        self.navigation.setAccessibleName("Sections")
        self.navigation.addItems(list(SECTIONS))
        self.navigation.setFixedWidth(220)
        self.navigation.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        body.addWidget(self.navigation)
        self.stack = QStackedWidget()
        body.addWidget(self.stack, 1)

        self.welcome = WelcomePage(tracker.catalog.organisation.name)
        self.picker = PlatformPicker(tracker.catalog.platforms)
        self.overview = OverviewPage(tracker)
        self.checklists = ChecklistPage(tracker, open_link)
        self.photos = PhotoCleanerPage(photos, **(photo_dialogs or {}))
        self.accounts = AccountsPage(tracker, accounts.scan, accounts.queries, open_link=open_link, **(account_dialogs or {}))
        self.settings = SettingsPage(tracker, store, **(settings_dialogs or {}))
        self.review = ReviewPage(tracker, review, **(review_dialogs or {})) if review else QWidget()
        self.pages = [self.overview, self.checklists, self.photos, self.accounts, self.settings, self.review]
        if isinstance(self.review, ReviewPage):  # issue 14: the posts review
            self.review.changed.connect(self._changed)
            self.review.open_checklist.connect(lambda key: (self.open_platform(key.split("/")[0]), self.open_item(key)))
        for page in (*self.pages, self.welcome, self.picker):
            self.stack.addWidget(page)

        self.navigation.currentRowChanged.connect(self._show_section)
        self.welcome.started.connect(self._start_picking)
        self.picker.chosen.connect(self._platforms_chosen)
        self.overview.open_item.connect(self.open_item)
        self.overview.open_platform.connect(self.open_platform)
        self.overview.review_again.connect(self._review_again)
        self.checklists.changed.connect(self._changed)
        self.settings.changed.connect(self._changed)
        tracker.on_accounts_changed = self._changed
        self.accounts.open_item.connect(self.open_item)
        self.settings.change_platforms.connect(self._start_picking)
        self.settings.replaced.connect(self._replace_document)
        self.settings.deleted.connect(self._deleted)
        self.settings.message.connect(self.banner.show_message)
        for number, _ in enumerate(SECTIONS, start=1):
            QShortcut(QKeySequence(f"Ctrl+{number}"), self, lambda n=number - 1: self.show_section(n))

        notices = tracker.catalog.notices()  # who decides the organisation profile, when it isn't the official one
        if problems:
            notices.append("Some checklist files could not be loaded and were skipped:\n" + "\n".join(problems))
        if store_error:
            notices.append(store_error)
        if notices:
            self.banner.show_message("\n\n".join(notices))
        if tracker.doc.welcomed:
            self.show_section(0)
        else:
            self._show_first_run()

    # -- flow ----------------------------------------------------------------------------------
    def _show_first_run(self) -> None:
        self.navigation.setVisible(False)
        self.stack.setCurrentWidget(self.welcome)
        self.welcome.start_button.setFocus()

    def _start_picking(self) -> None:
        self.picker.set_selection(self.tracker.doc.platforms, self.tracker.surfaces())
        self.stack.setCurrentWidget(self.picker)
        self.picker.search.setFocus()

    def _platforms_chosen(self, ids: list[str], surfaces: list[Surface]) -> None:
        self.tracker.set_platforms(ids)
        self.tracker.set_surfaces(surfaces)
        self.tracker.doc.welcomed = True
        self._changed()
        self.navigation.setVisible(True)
        self.checklists.reload_platforms()
        self.settings.refresh()
        self.show_section(0)

    def show_section(self, index: int) -> None:
        if not self.tracker.doc.welcomed:
            return
        self.navigation.setVisible(True)
        self.navigation.setCurrentRow(index)
        self._show_section(index)

    def _show_section(self, index: int) -> None:
        if 0 <= index < len(self.pages):
            if self.pages[index] is self.overview:
                self.overview.refresh()
            self.stack.setCurrentWidget(self.pages[index])
            # Keyboard users land on the page's main control, not on a widget that just vanished.
            target = {
                0: self.overview.next_button if self.overview.next_button.isVisibleTo(self.overview) else self.navigation,
                1: self.checklists.list,
                2: self.photos.add_files_button,
                3: self.accounts.import_button,
                4: self.settings.platforms_button,
                5: getattr(self.review, "open_button", self.navigation),
            }[index]
            target.setFocus(Qt.FocusReason.OtherFocusReason)

    def open_item(self, key: str) -> None:
        self.show_section(1)
        self.checklists.open_item(key)
        self.checklists.view.buttons[next(iter(self.checklists.view.buttons))].setFocus()

    def open_platform(self, platform_id: str) -> None:
        self.show_section(1)
        self.checklists.open_platform(platform_id)
        self.checklists.list.setFocus()

    def _review_again(self, platform_id: str) -> None:
        self.tracker.start_review(platform_id)
        self._changed()
        self._refresh_all()
        self.open_platform(platform_id)

    # -- saving --------------------------------------------------------------------------------
    def _changed(self) -> None:
        try:
            self.store.save(self.tracker.doc)
        except self.store.error_type as error:
            self.banner.show_message(f"{getattr(error, 'message', error)} {getattr(error, 'hint', '')}".strip())

    def _replace_document(self, doc: ProgressDocument) -> None:
        try:
            self.store.replace(doc)
        except self.store.error_type as error:
            self.banner.show_message(f"{getattr(error, 'message', error)} {getattr(error, 'hint', '')}".strip())
            return
        self.tracker.doc = doc
        self.tracker.apply_renames()
        self.banner.hide()
        self._refresh_all()
        if doc.welcomed:
            self.show_section(0)
        else:
            self._show_first_run()

    def _deleted(self) -> None:
        self.tracker.doc = ProgressDocument()
        self._refresh_all()
        self.banner.show_message("All local data was deleted.")
        self._show_first_run()

    def _refresh_all(self) -> None:
        self.accounts.refresh()
        self.checklists.reload_platforms()
        self.settings.refresh()
        self.overview.refresh()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.checklists.view.flush_note()
        self.photos.shutdown()
        self.accounts.shutdown()
        if isinstance(self.review, ReviewPage):
            self.review.shutdown()
        super().closeEvent(event)
