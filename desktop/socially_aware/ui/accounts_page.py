"""Accounts on an official email: find them from exports and mail on this machine, then close each.

Every change goes through the Tracker (`add_accounts`, `mark_account`); the page never edits the
progress document and never decides when to save. It tells the person things through the window's
`Messages` (the import's report in its own status line, a failed read in the banner) and asks through
its `Dialogs` (docs/decisions/0005).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent, QGuiApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QScrollArea,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from socially_aware.accounts.file_kinds import EXPORT_SUFFIXES, MAIL_SUFFIXES
from socially_aware.progress.model import AccountState
from socially_aware.progress.tracker import Tracker
from socially_aware.ui.background import BackgroundRunner
from socially_aware.ui.dialog_folder import Start
from socially_aware.ui.dialogs import file_filter
from socially_aware.ui.export_howto import ExportHowToPanel
from socially_aware.ui.labels import card, clamp, plain
from socially_aware.ui.links import open_catalog_link, open_local_folder
from socially_aware.ui.messages import Messages
from socially_aware.ui.official_accounts import OfficialAccountsPanel
from socially_aware.ui.signals import emit
from socially_aware.wording import count, verb

NOTHING_YET = "Nothing imported yet."
STATE_LABELS = {
    AccountState.OPEN: "Still to do",
    AccountState.MOVED: "Moved to a personal email",
    AccountState.DELETED: "Deleted",
    AccountState.NOT_MINE: "Not mine",
}
INTRO = (
    "The policy says accounts set up with an official email, corporate ID or departmental password "
    "must be removed. Import a password-manager or browser export, or your mail, and this page lists "
    "the sites where your login is on an official address. Files are read on this computer only; "
    "passwords are never kept, shown or saved, and only site names are stored."
)
DROP_HINT = "You can also drop exports and mail files or folders anywhere on this page."


class AccountsPage(QWidget):
    open_item = Signal(str)
    """The checklist item (its key) with the steps to close or move the selected account."""

    def __init__(
        self,
        tracker: Tracker,
        scan: Callable[[list[Path]], Any],
        queries: dict[str, str],
        parent: QWidget | None = None,
        *,
        messages: Messages | None = None,
        open_folder: Callable[[Path], None] | None = None,
        open_link: Callable[[str], bool] = open_catalog_link,
    ) -> None:
        super().__init__(parent)
        self.tracker = tracker
        self._scan = scan
        self.messages = messages or Messages()
        self._open_folder = open_folder or (lambda p: open_local_folder(p, parent=self))  # else: path to copy
        self._exports: list[Path] = []
        self._reading = False
        self._focus_to_results = False
        self.worker = BackgroundRunner(self)
        self.worker.finished.connect(self._scanned)
        self.setAcceptDrops(True)

        # Everything scrolls together, so nothing is squeezed on a small screen (1024×640).
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # not a Tab stop: Tab moves through what it holds
        content = QWidget()
        scroll.setWidget(clamp(content))  # the same column as every page
        page_layout = QVBoxLayout(self)
        page_layout.setContentsMargins(0, 0, 0, 0)
        page_layout.addWidget(scroll)
        outer = QVBoxLayout(content)
        outer.setContentsMargins(24, 16, 24, 16)
        outer.addWidget(plain("Accounts on your work email", role="h1"))
        outer.addWidget(plain(INTRO, role="muted"))
        row = QHBoxLayout()
        self.import_button = QPushButton("Import a password &export…")
        self.import_button.setAccessibleName("Import a password-manager or browser export")
        self.mail_button = QPushButton("Add &mail (mbox)…")
        self.mail_button.setAccessibleName("Add exported mail: an mbox file or .eml files")
        # A folder has its own button: Cancel in the file dialog cancels, instead of opening a second dialog.
        self.mail_folder_button = QPushButton("Add a mail fol&der…")
        self.mail_folder_button.setAccessibleName("Add a folder of exported .eml mail files")
        self.mail_folder_button.clicked.connect(lambda: self._add_mail(self._choose_mail_folder))
        self.howto_button = QPushButton("&How to make an export")
        self.howto_button.setCheckable(True)
        self.howto_button.setAccessibleName("Show how to make an export from your password manager or browser")
        self.import_button.clicked.connect(lambda: self.scan_paths(self._choose_export()))
        self.mail_button.clicked.connect(lambda: self._add_mail(self._choose_mail))
        for button in (self.import_button, self.mail_button, self.mail_folder_button):
            row.addWidget(button)
        row.addStretch(1)
        outer.addLayout(row)
        # The how-to sits with the hint below, so four buttons never squeeze one another's words at 1024 px.
        hint_row = QHBoxLayout()
        hint_row.addWidget(plain(DROP_HINT, role="muted"), 1)
        hint_row.addWidget(self.howto_button)
        outer.addLayout(hint_row)
        self.howto = ExportHowToPanel(open_link)
        self.howto_button.toggled.connect(self.howto.setVisible)
        outer.addWidget(self.howto)
        self.status = plain("", role="muted")
        self.status.setAccessibleDescription("What the import found")
        outer.addWidget(self.status)

        self.warning = card()
        self.warning.setProperty("role", "banner")
        warning_row = QHBoxLayout(self.warning)
        self.warning_text = plain("")
        self.warning_text.setAccessibleDescription("Delete the export file")
        self.show_export_button = QPushButton("Show the &file")
        self.show_export_button.setAccessibleName("Show the export file in its folder so you can delete it")
        self.show_export_button.clicked.connect(self._show_export)
        warning_row.addWidget(self.warning_text, 1)
        warning_row.addWidget(self.show_export_button)
        self.warning.hide()
        outer.addWidget(self.warning)

        self.table = QTableWidget(0, 3)
        self.table.setHorizontalHeaderLabels(["Site", "Found in", "What you did"])
        self.table.setAccessibleName("Sites where your login is an official address (Enter shows how to close one)")
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setTabKeyNavigation(False)  # Tab leaves the table; arrows move within it
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.setColumnWidth(1, 190)
        self.table.setColumnWidth(2, 230)
        self.table.verticalHeader().setVisible(False)
        self.table.activated.connect(lambda _index: self._open_steps())
        self.table.setMinimumHeight(220)
        outer.addWidget(self.table, 1)
        actions = QHBoxLayout()
        # One labelled drop-down for the selected row, not one per cell: a cell's own widget is outside
        # the accessibility tree (a screen reader never finds it), and the table stays one Tab stop.
        self.state_label = plain("What you did:", wrap=False)
        self.state_choice = QComboBox()
        for state, label in STATE_LABELS.items():
            self.state_choice.addItem(label, state.value)
        self.state_label.setBuddy(self.state_choice)
        self.state_choice.activated.connect(self._choose_state)
        self.table.itemSelectionChanged.connect(self._show_state)
        actions.addWidget(self.state_label)
        actions.addWidget(self.state_choice)
        self.steps_button = QPushButton("&Close or move this account…")
        self.steps_button.setAccessibleName("Show the steps to close or move the selected account")
        self.steps_button.clicked.connect(self._open_steps)
        actions.addWidget(self.steps_button)
        self.official_button = QPushButton("Mark as an &official account I run")
        self.official_button.setAccessibleName(
            "Mark the selected site as an official account you run for the Department (it is not a problem)"
        )
        self.official_button.clicked.connect(self._mark_official)
        actions.addStretch(1)
        outer.addLayout(actions)
        # On its own row: beside the drop-down and "Close or move" it would widen the page past 1024 px.
        official_row = QHBoxLayout()
        official_row.addWidget(self.official_button)
        official_row.addStretch(1)
        outer.addLayout(official_row)
        self.official = OfficialAccountsPanel()
        self.official.unmark.connect(self._unmark_official)
        outer.addWidget(self.official)

        outer.addWidget(plain("Can't export your mail? Search for sign-up mail instead", role="h2"))
        for where, query in queries.items():
            box = QFrame()
            line = QHBoxLayout(box)
            line.setContentsMargins(0, 0, 0, 0)
            query_label = plain(f"{where}:  {query}")
            copy = QPushButton("Copy")
            copy.setAccessibleName(f"Copy the {where} search")
            copy.clicked.connect(lambda _=False, q=query: QGuiApplication.clipboard().setText(q))
            line.addWidget(query_label, 1)
            line.addWidget(copy)
            outer.addWidget(box)
        self.refresh()
        # Someone who has imported nothing yet most likely needs to make an export first.
        self.howto_button.setChecked(not self.tracker.accounts())
        self.howto.setVisible(self.howto_button.isChecked())

    # -- importing -----------------------------------------------------------------------------
    def scan_paths(self, paths: list[Path]) -> None:
        if not paths or self._reading:
            return
        self._reading = True
        self.messages.info("Reading… (on this computer only)", inline=self.status)
        # Disabling the focused button moves focus on (to "How to make an export"): take it to the results.
        # The window's own focus widget, not the application's: just after the file dialog closes, a window
        # manager has not given the window back its activation yet, and the application has no focus widget.
        self._focus_to_results = self.window().focusWidget() in self._import_buttons()
        self.import_button.setEnabled(False)
        self.mail_button.setEnabled(False)
        self.mail_folder_button.setEnabled(False)
        self.worker.call(lambda: self._scan(paths))

    def _add_mail(self, choose: Callable[[], Path | None]) -> None:
        folder = choose()
        if folder:
            self.scan_paths([folder])

    def _scanned(self, report: Any, error: Exception | None) -> None:
        # The page's own flag, not the worker's thread: the thread may still be winding down after
        # it reported, and an import pressed at that moment must not be dropped.
        self._reading = False
        self.import_button.setEnabled(True)
        self.mail_button.setEnabled(True)
        self.mail_folder_button.setEnabled(True)
        if error is not None:
            self.status.clear()  # "Reading…" is over; what went wrong stays in the banner until dismissed
            self.messages.error(f"Could not read that: {error}")
            if self._focus_to_results:
                self.import_button.setFocus(Qt.FocusReason.OtherFocusReason)
            return
        found, added = self.tracker.add_accounts(report.rows)
        read = [f for f in report.files if not f.error]
        lines = [self._summary(found, added, len(read), len(report.rows) - found, report.rows)] if read else []
        lines += [f"{f.path.name}: {f.error}" for f in report.files if f.error]
        self.messages.info("\n".join(lines), inline=self.status)
        self._exports = report.exports_to_delete
        if self._exports:
            names = "\n".join(str(p) for p in self._exports)
            self.warning_text.setText(f"Delete this export now: it holds your passwords.\n{names}")
            self.warning.show()
        self.refresh()
        if found:
            self.howto_button.setChecked(False)
        if self._focus_to_results:
            (self.table if self.table.rowCount() else self.import_button).setFocus(Qt.FocusReason.OtherFocusReason)

    def _import_buttons(self) -> tuple[QWidget, ...]:
        return (self.import_button, self.mail_button, self.mail_folder_button)

    def _summary(self, found: int, added: int, files: int, own: int, rows: Sequence[Any] = ()) -> str:
        if found:
            text = f"Found {count(found, 'site')} in {count(files, 'file')}."
            old = found - added
            if added == 0:
                text += " It was already on your list." if found == 1 else " All of them were already on your list."
            elif old:
                text += f" {added:,} new; the other {old:,} {verb(old, 'was', 'were')} already on your list."
        else:
            text = f"Found no sites on a work login in {count(files, 'file')}."
        official = sum(1 for r in rows if self.tracker.is_official_account(r.site))
        if official:
            text += (
                f" {count(official, 'of them', 'of them')} {verb(official, 'is an official account', 'are official accounts')}"
                " you run for the Department, kept apart."
            )
        if own:
            org = self.tracker.catalog.organisation.short_name
            text += (
                f" Left out {count(own, 'site')} that {verb(own, 'belongs', 'belong')} to {org} itself: "
                f"{verb(own, 'that is not an account', 'those are not accounts')} to close."
            )
        return text

    def _show_export(self) -> None:
        if self._exports:
            self._open_folder(self._exports[0].parent)

    # -- drag and drop -------------------------------------------------------------------------
    @staticmethod
    def _dropped_paths(event: QDragEnterEvent | QDragMoveEvent | QDropEvent) -> list[Path]:
        mime = event.mimeData()
        return [Path(u.toLocalFile()) for u in mime.urls() if u.isLocalFile()] if mime.hasUrls() else []

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if self._dropped_paths(event) and not self._reading:
            event.acceptProposedAction()

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        if self._dropped_paths(event):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = self._dropped_paths(event)
        if paths:
            event.acceptProposedAction()
            self.scan_paths(paths)

    # -- the inventory -------------------------------------------------------------------------
    def refresh(self) -> None:
        records = self.tracker.accounts()
        self.table.setRowCount(len(records))
        for row, record in enumerate(records):
            site = QTableWidgetItem(record.site)
            site.setData(Qt.ItemDataRole.UserRole, record.site)
            self.table.setItem(row, 0, site)
            self.table.setItem(row, 1, QTableWidgetItem(", ".join(record.sources)))
            self.table.setItem(row, 2, QTableWidgetItem(STATE_LABELS[record.state]))
        self.steps_button.setEnabled(bool(records))
        self.state_choice.setEnabled(bool(records))
        self.official_button.setEnabled(bool(records))
        self.official.show_sites([r.site for r in self.tracker.official_accounts()])
        if records and not self.table.selectionModel().selectedRows():
            self.table.selectRow(0)
        self._show_state()
        if not records:
            if not self.status.text():
                self.messages.info(NOTHING_YET, inline=self.status)
        elif self.status.text() == NOTHING_YET:  # sites came in another way (Settings → Import)
            self.messages.info(f"{count(len(records), 'site')} on your list from earlier imports.", inline=self.status)

    def _show_state(self) -> None:
        """The drop-down says what was done about the selected site, and says which site it is about."""
        site = self.selected_site() if self.table.rowCount() else None
        record = next((r for r in self.tracker.accounts() if r.site == site), None)
        self.state_label.setText(f"What you did about {site}:" if site else "What you did:")
        self.state_choice.setAccessibleName(self.state_label.text().rstrip(":"))  # read where labels are not
        if record is not None:
            self.state_choice.setCurrentIndex(self.state_choice.findData(record.state.value))

    def _choose_state(self, _index: int) -> None:
        site = self.selected_site()
        if site is None:
            return
        state = AccountState(self.state_choice.currentData())
        self.tracker.mark_account(site, state)
        rows = self.table.selectionModel().selectedRows()
        shown = self.table.item(rows[0].row(), 2) if rows else None
        if shown is not None:
            shown.setText(STATE_LABELS[state])

    def _mark_official(self) -> None:
        site = self.selected_site()
        if site is None:
            return
        row = self.table.currentRow()
        self.tracker.mark_official_account(site)
        self.table.clearSelection()
        self.refresh()
        if self.table.rowCount():  # the next site down, so marking several is one key each
            self.table.selectRow(min(max(row, 0), self.table.rowCount() - 1))
        self.messages.info(f"{site} is marked as an official account you run for the Department.", inline=self.status)

    def _unmark_official(self, site: str) -> None:
        self.tracker.mark_official_account(site, official=False)
        self.refresh()
        self.messages.info(f"{site} is back among the accounts to close or move.", inline=self.status)

    def selected_site(self) -> str | None:
        rows = self.table.selectionModel().selectedRows()
        item = self.table.item(rows[0].row() if rows else 0, 0)
        return item.data(Qt.ItemDataRole.UserRole) if item is not None else None

    def _open_steps(self) -> None:
        site = self.selected_site()
        if site is None:
            return
        item = self.tracker.account_steps(site)
        if item is None:
            self.messages.info(
                f"No checklist has steps for {site}: sign in to it and look for its account settings.",
                inline=self.status,
            )
            return
        emit(self, "open_item", item.key)

    # -- what it asks ---------------------------------------------------------------------------
    def _choose_export(self) -> list[Path]:
        return self.messages.dialogs.open_files(
            self, "Import a password export", file_filter("Exports", EXPORT_SUFFIXES)
        )

    def _choose_mail(self) -> Path | None:
        return self.messages.dialogs.open_file(
            self, "Add exported mail (mbox)", file_filter("Mail", MAIL_SUFFIXES), Start.DOWNLOADS
        )

    def _choose_mail_folder(self) -> Path | None:
        return self.messages.dialogs.folder(self, "Choose a folder of .eml files", Start.DOWNLOADS)

    def shutdown(self) -> None:
        self.worker.wait()
