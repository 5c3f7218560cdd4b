"""The window: first run (welcome, choose platforms), then Overview (with the guided session), Checklists,
Photos, Work-email accounts, Settings."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QCloseEvent, QKeyEvent, QKeySequence, QPaintEvent, QShortcut
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QCheckBox,
    QFrame,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QMainWindow,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from socially_aware import APP_NAME
from socially_aware.catalog.model import Item, Platform, Surface
from socially_aware.progress.model import ItemState, ProgressDocument
from socially_aware.progress.session import GuidedSession
from socially_aware.progress.tracker import Tracker
from socially_aware.ui import window_size
from socially_aware.ui.accounts_page import AccountsPage
from socially_aware.ui.dialogs import Dialogs
from socially_aware.ui.guided import FinishPage, GuidedPage
from socially_aware.ui.labels import plain
from socially_aware.ui.links import open_catalog_link
from socially_aware.ui.messages import Messages, Notice
from socially_aware.ui.overview import OverviewPage
from socially_aware.ui.passphrase import PassphraseDialog, ask_new_passphrase
from socially_aware.ui.photo_page import PhotoCleanerPage
from socially_aware.ui.picker import PlatformPicker
from socially_aware.ui.review_page import ReviewActions, ReviewPage
from socially_aware.ui.scrolling import keep_focus_in_view, show_focused
from socially_aware.ui.services import AccountActions, ChecklistUpdates, PhotoActions, StoreActions
from socially_aware.ui.settings_page import SettingsPage
from socially_aware.ui.style import apply_style, dark_for
from socially_aware.ui.walkthrough import ChecklistPage
from socially_aware.ui.welcome import WelcomePage

PageType = TypeVar("PageType", bound=QWidget)


@dataclass(frozen=True)
class Section:
    """One entry of the navigation: its title, its page, where keyboard focus lands, what to refresh first.
    Ctrl+1… follow the order of `MainWindow.sections`, the one table of them."""

    title: str
    page: Callable[[], QWidget]
    """The page, made the first time it is asked for (see `MainWindow.make_every_page`)."""
    landing: Callable[[], QWidget]
    before_showing: Callable[[], None] = lambda: None


class Banner(QFrame):
    """Problems the person should know about, as plain text, until dismissed."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setProperty("role", "banner")
        row = QHBoxLayout(self)
        self.label = plain("")
        self.label.setAccessibleDescription("Notice")
        self.dismiss = QPushButton("Dismiss")
        self.dismiss.setAccessibleName("Dismiss this notice")
        self.dismiss.clicked.connect(self.hide)
        row.addWidget(self.label, 1)
        row.addWidget(self.dismiss, 0, Qt.AlignmentFlag.AlignTop)
        self.hide()

    def show_message(self, text: str) -> None:
        self.label.setText(text)
        self.show()
        # The banner pushes the page down: once laid out, bring the focused control back into view.
        QTimer.singleShot(0, lambda: show_focused(None, QApplication.focusWidget()))

    def show_notice(self, notice: Notice) -> None:
        self.show_message(notice.text)


class MainWindow(QMainWindow):
    def __init__(
        self,
        tracker: Tracker,
        store: StoreActions,
        photos: Callable[[], PhotoActions],
        accounts: AccountActions,
        *,
        problems: list[str] | None = None,
        store_error: str | None = None,
        theme_locked: bool = False,
        open_link: Callable[[str], bool] = open_catalog_link,
        updates: ChecklistUpdates | None = None,
        review: Callable[[], ReviewActions] | None = None,
        dialogs: Dialogs | None = None,
        messages: Messages | None = None,
    ) -> None:
        super().__init__()
        self.tracker = tracker
        self.store = store
        self.messages = messages or Messages(dialogs)
        """The one channel for errors, warnings, notices and questions (`ui/messages.py`)."""
        self.dialogs = self.messages.dialogs
        self.brought_to_front = 0
        """How many times a second start handed over to this window."""
        self.session: GuidedSession | None = None
        self._before_picking = 0
        """The section "Change platforms" was opened from, for Cancel to go back to."""
        self.setWindowTitle(APP_NAME)
        app = QApplication.instance()
        if isinstance(app, QApplication):
            keep_focus_in_view(app)  # a control that gets focus is scrolled into view, so Enter presses what is seen
        window_size.place(self)  # fits the screen, at the size the person last gave it
        central = QWidget()
        column = QVBoxLayout(central)
        column.setContentsMargins(8, 8, 8, 8)
        self.banner = Banner()
        self.messages.posted.connect(self.banner.show_notice)
        self.messages.cleared.connect(self.banner.hide)
        column.addWidget(self.banner)
        body = QHBoxLayout()
        column.addLayout(body, 1)
        self.setCentralWidget(central)

        self.navigation = QListWidget()
        self.navigation.setObjectName("navigation")
        self.navigation.setAccessibleName("Sections")
        self.navigation.setFixedWidth(220)
        self.navigation.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        body.addWidget(self.navigation)
        self.stack = QStackedWidget()
        body.addWidget(self.stack, 1)

        self.welcome = WelcomePage(tracker.catalog.organisation.name)
        self.overview = OverviewPage(tracker, session=lambda: self.session)
        self.guided = GuidedPage(tracker, open_link)
        self.finish = FinishPage()
        # The other pages are made when first asked for, or all at once just after the first paint
        # (`make_every_page`): the window shows sooner (benchmarks/startup.py).
        self._open_link = open_link
        self._photo_actions = photos  # photos and review are functions: their services load with their pages
        self._account_actions = accounts
        self._updates = updates
        self._review_actions = review
        self._theme_locked = theme_locked
        self._picker: PlatformPicker | None = None
        self._checklists: ChecklistPage | None = None
        self._photos: PhotoCleanerPage | None = None
        self._accounts: AccountsPage | None = None
        self._settings: SettingsPage | None = None
        self._review: QWidget | None = None
        self._every_page_made = False
        self.sections = (
            Section("Overview", lambda: self.overview, self._overview_landing, self.overview.refresh),
            Section(
                "Checklists",
                lambda: self.checklists,
                lambda: self.checklists.list,
                lambda: self.checklists.show_open_item(),
            ),
            Section("Photo cleaner", lambda: self.photos, lambda: self.photos.add_files_button),
            Section("Work-email accounts", lambda: self.accounts, lambda: self.accounts.import_button),
            Section("Settings", lambda: self.settings, lambda: self.settings.platforms_button),
            Section(
                "Review your posts", lambda: self.review, lambda: getattr(self.review, "open_button", self.navigation)
            ),
        )
        self.navigation.addItems([section.title for section in self.sections])
        for page in (self.overview, self.welcome, self.guided, self.finish):
            self.stack.addWidget(page)

        self.navigation.currentRowChanged.connect(self._show_section)
        self.welcome.started.connect(self._start_picking)
        self.welcome.import_requested.connect(lambda: self.settings.import_())  # moving computers: before onboarding
        self.overview.start.connect(self.start_session)
        self.overview.start_quick.connect(self.start_quick_session)
        self.overview.open_platform.connect(self.open_platform)
        self.overview.review_again.connect(self._review_again)
        self.guided.finished.connect(self._session_finished)
        self.guided.leave.connect(lambda: self.show_section(0))
        self.finish.back.connect(lambda: self.show_section(0))
        for number, _ in enumerate(self.sections, start=1):
            QShortcut(QKeySequence(f"Ctrl+{number}"), self, lambda n=number - 1: self.show_section(n))
        QShortcut(QKeySequence("Ctrl+Q"), self, self.close, context=Qt.ShortcutContext.ApplicationShortcut)

        notices = tracker.catalog.notices()  # who decides the organisation profile, when it isn't the official one
        if problems:
            notices.append("Some checklist files could not be loaded and were skipped:\n" + "\n".join(problems))
        if store_error:
            notices.append(store_error)
        if notices:
            self.messages.warning("\n\n".join(notices))
        if tracker.welcomed:
            self.show_section(0)
        else:
            self._show_first_run()

    # -- pages made when first needed ----------------------------------------------------------
    # Making and styling pages the person doesn't see yet was a large part of the start
    # (benchmarks/startup.py). The window shows the overview or the welcome first; each other page is made
    # the first time anything asks for it, and the rest just after the first paint, so that a person does
    # not wait for one later.
    @property
    def pages(self) -> list[QWidget]:
        """The sections' pages, in navigation order (every one made)."""
        return [section.page() for section in self.sections]

    def make_every_page(self) -> None:
        """Make the pages not made yet (after the first paint; harmless when they all exist)."""
        self._every_page_made = True
        _ = (self.pages, self.picker)

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if not self._every_page_made:
            self._every_page_made = True
            QTimer.singleShot(0, self, self.make_every_page)  # not called once the window is gone

    def _made(self, page: PageType) -> PageType:
        """`page` (made with the stack as its parent, so adding it restyles nothing again), in the stack.
        A widget a page shows before it has a parent opens as a window of its own: once pages are made
        after the window is shown, that took activation from the window (the photo page's check box did).
        It starts at the stack's size, as the pages made before the window was shown did in effect: a
        child's default size is 100×30, and the photo page splits its table from the size it had before."""
        page.resize(self.stack.size())
        self.stack.addWidget(page)
        return page

    @property
    def picker(self) -> PlatformPicker:
        """Shown after the welcome and from Settings' "Change platforms"; a returning person's start never shows it."""
        if self._picker is None:
            self._picker = self._made(PlatformPicker(self.tracker.catalog.platforms, self.stack))
            self._picker.chosen.connect(self._platforms_chosen)
            self._picker.cancelled.connect(self._picking_cancelled)
        return self._picker

    @property
    def checklists(self) -> ChecklistPage:
        if self._checklists is None:
            self._checklists = self._made(ChecklistPage(self.tracker, self._open_link, self.stack))
        return self._checklists

    @property
    def photos(self) -> PhotoCleanerPage:
        if self._photos is None:
            self._photos = self._made(PhotoCleanerPage(self._photo_actions(), self.stack, messages=self.messages))
        return self._photos

    @property
    def accounts(self) -> AccountsPage:
        if self._accounts is None:
            actions = self._account_actions
            self._accounts = self._made(
                AccountsPage(
                    self.tracker,
                    actions.scan,
                    actions.queries,
                    self.stack,
                    messages=self.messages,
                    open_link=self._open_link,
                )
            )
            self._accounts.open_item.connect(self._open_item_by_key)
        return self._accounts

    @property
    def settings(self) -> SettingsPage:
        if self._settings is None:
            self._settings = self._made(
                SettingsPage(
                    self.tracker,
                    self.store,
                    self.messages,
                    self.stack,
                    theme_locked=self._theme_locked,
                    updates=self._updates,
                )
            )
            self._settings.change_platforms.connect(self._start_picking)
            self._settings.replaced.connect(self._replace_document)
            self._settings.deleted.connect(self._deleted)
            self._settings.appearance_changed.connect(self._apply_appearance)
        return self._settings

    @property
    def review(self) -> QWidget:
        """The posts review (issue 14), or an empty page when the window was given no review service."""
        if self._review is None:
            if self._review_actions is None:
                self._review = self._made(QWidget(self.stack))
            else:
                page = self._made(ReviewPage(self.tracker, self._review_actions(), self.stack, messages=self.messages))
                page.open_checklist.connect(self._open_item_by_key)
                self._review = page
        return self._review

    # -- keyboard ------------------------------------------------------------------------------
    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Enter on a focused button presses it (Qt only does that in dialogs); Enter in a field or on a
        check box presses the page's default button, as in a dialog."""
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and event.modifiers() in (
            Qt.KeyboardModifier.NoModifier,
            Qt.KeyboardModifier.KeypadModifier,
        ):
            target = self._enter_target(QApplication.focusWidget())
            if target is not None:
                show_focused(None, target)  # scrolled away from since it got focus: show what Enter presses
                target.click()
                event.accept()
                return
        super().keyPressEvent(event)

    def _enter_target(self, focus: QWidget | None) -> QAbstractButton | None:
        if isinstance(focus, QAbstractButton) and not isinstance(focus, QCheckBox | QRadioButton):
            return focus if focus.isEnabled() else None
        if not isinstance(focus, QLineEdit | QCheckBox | QRadioButton | QSpinBox):
            return None
        page = self.stack.currentWidget()
        if page is None:
            return None
        defaults = [b for b in page.findChildren(QPushButton) if b.isDefault() and b.isVisible() and b.isEnabled()]
        return defaults[0] if defaults else None

    # -- flow ----------------------------------------------------------------------------------
    def _show_first_run(self) -> None:
        self.navigation.setVisible(False)
        self.stack.setCurrentWidget(self.welcome)
        self.welcome.start_button.setFocus()

    def _start_picking(self) -> None:
        if not self.tracker.welcomed:
            self.messages.clear()  # a notice from before (e.g. "all data deleted") has been read by now
        self.picker.set_selection(self.tracker.selected_platforms(), self.tracker.surfaces())
        self.picker.set_cancellable(self.tracker.welcomed)
        self._before_picking = self.navigation.currentRow()
        self.stack.setCurrentWidget(self.picker)
        self.picker.search.setFocus()

    def _picking_cancelled(self) -> None:
        """Back where the person was (Settings, usually), with nothing changed."""
        self.show_section(max(self._before_picking, 0))

    def _platforms_chosen(self, platforms: list[Platform], surfaces: list[Surface]) -> None:
        self.tracker.set_platforms(platforms)
        self.tracker.set_surfaces(surfaces)
        self.tracker.finish_welcome()
        self.store.save_now()  # the choices are the person's first real work: keep them at once
        self.session = None  # a new set of platforms is a new plan
        self.navigation.setVisible(True)
        if self._checklists is not None:  # a page made later is made from the tracker as it is then
            self._checklists.reload_platforms()
        if self._settings is not None:
            self._settings.refresh()
        self.show_section(0)

    def show_section(self, index: int) -> None:
        if not self.tracker.welcomed:
            return
        self.navigation.setVisible(True)
        self.navigation.setCurrentRow(index)
        self._show_section(index)

    def _show_section(self, index: int) -> None:
        if 0 <= index < len(self.sections):
            section = self.sections[index]
            section.before_showing()
            self.stack.setCurrentWidget(section.page())
            # Keyboard users land on the page's main control, not on a widget that just vanished.
            section.landing().setFocus(Qt.FocusReason.OtherFocusReason)

    def _overview_landing(self) -> QWidget:
        return self.overview.next_button if self.overview.next_button.isVisibleTo(self.overview) else self.navigation

    # -- the guided session --------------------------------------------------------------------
    def start_session(self) -> None:
        """Start, or continue the session already under way."""
        if self.session is None or self.session.quick or self.session.upcoming() is None:
            self.session = GuidedSession(self.tracker)
        self.navigation.blockSignals(True)
        self.navigation.setCurrentRow(0)  # the session belongs with Overview
        self.navigation.blockSignals(False)
        self.stack.setCurrentWidget(self.guided)
        self.guided.start(self.session)

    def start_quick_session(self) -> None:
        """The 15-minute session; the full session starts afresh after it (its plan is the whole queue)."""
        self.session = GuidedSession.quick_session(self.tracker)
        self.navigation.blockSignals(True)
        self.navigation.setCurrentRow(0)
        self.navigation.blockSignals(False)
        self.stack.setCurrentWidget(self.guided)
        self.guided.start(self.session)

    def _session_finished(self) -> None:
        if self.session is not None:
            self.finish.show_summary(self.session.summary(), self.tracker)
        self.stack.setCurrentWidget(self.finish)
        self.finish.back_button.setFocus(Qt.FocusReason.OtherFocusReason)

    def open_item(self, item: Item) -> None:
        self.show_section(1)
        self.checklists.open_item(item)
        self.checklists.view.buttons[ItemState.DONE].setFocus()

    def open_platform(self, platform: Platform) -> None:
        self.show_section(1)
        self.checklists.open_platform(platform)
        self.checklists.list.setFocus()

    def _open_item_by_key(self, key: str) -> None:
        """From the accounts and review pages: the item, even on a platform the person hasn't picked.

        Its platform is shown for this visit only; the person's choice of platforms stays as it was.
        """
        item = self.tracker.catalog.item(key)
        if item is not None:
            self.open_item(item)

    def _review_again(self, platform: Platform) -> None:
        self.tracker.start_review(platform)
        self.session = None  # its items are open again: a new session plans them in
        self._refresh_all()
        self.open_platform(platform)

    def _apply_appearance(self) -> None:
        app = QApplication.instance()
        if isinstance(app, QApplication):
            apply_style(app, dark_for(self.tracker.appearance()))

    # -- whole-document changes ----------------------------------------------------------------
    def _replace_document(self, doc: ProgressDocument) -> None:
        try:
            self.store.replace(doc)
        except self.store.error_type as error:
            self.messages.failed(error)
            return
        self.tracker.replace_document(doc)
        self.session = None
        self.messages.clear()
        self._refresh_all()
        if doc.welcomed:
            self.show_section(0)
        else:
            self._show_first_run()

    def _deleted(self) -> None:
        self.tracker.replace_document(ProgressDocument())
        self.session = None
        self._refresh_all()
        self.messages.info("All local data was deleted.")
        self._show_first_run()
        if self.store.new_passphrase is not None:  # the passphrase went too: nothing is saved until a new one
            self.new_passphrase: PassphraseDialog | None = ask_new_passphrase(
                self, self.store.new_passphrase, self.close
            )

    def _refresh_all(self) -> None:
        """Pages not made yet need nothing: they are made from the tracker as it is then."""
        if self._accounts is not None:
            self._accounts.refresh()
        if self._checklists is not None:
            self._checklists.reload_platforms()
        if self._settings is not None:
            self._settings.refresh()
        self.overview.refresh()

    def bring_to_front(self) -> None:
        """A second start of the app handed over to this window (one window per person)."""
        self.brought_to_front += 1
        if self.isMinimized():
            self.showNormal()
        self.show()
        self.raise_()
        self.activateWindow()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self._checklists is not None:
            self._checklists.view.flush_note()
        self.store.save_now()
        window_size.remember(self)
        for page in (self._photos, self._accounts, self._settings, self._review):
            if isinstance(page, PhotoCleanerPage | AccountsPage | SettingsPage | ReviewPage):
                page.shutdown()
        super().closeEvent(event)
