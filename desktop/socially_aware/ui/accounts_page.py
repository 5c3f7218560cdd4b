"""Accounts on an official email: find them from exports and mail on this machine, then close each."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QGuiApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from socially_aware.progress.model import AccountState
from socially_aware.progress.tracker import Tracker
from socially_aware.ui.background import BackgroundCall
from socially_aware.ui.labels import card, plain

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


class AccountsPage(QWidget):
    changed = Signal()
    open_platform = Signal(str)

    def __init__(
        self,
        tracker: Tracker,
        scan: Callable[[list[Path]], Any],
        merge: Callable[[dict, Sequence[Any]], int],
        queries: dict[str, str],
        parent: QWidget | None = None,
        *,
        choose_export: Callable[[], list[Path]] | None = None,
        choose_mail: Callable[[], Path | None] | None = None,
        open_folder: Callable[[Path], None] | None = None,
    ) -> None:
        super().__init__(parent)
        self.tracker = tracker
        self._scan, self._merge = scan, merge
        self._choose_export = choose_export or self._dialog_export
        self._choose_mail = choose_mail or self._dialog_mail
        self._open_folder = open_folder or (lambda p: QDesktopServices.openUrl(QUrl.fromLocalFile(str(p))))
        self._exports: list[Path] = []
        self.worker = BackgroundCall(self)
        self.worker.finished.connect(self._scanned)

        outer = QVBoxLayout(self)
        outer.setContentsMargins(24, 16, 24, 16)
        outer.addWidget(plain("Accounts on your work email", role="h1"))
        outer.addWidget(plain(INTRO, role="muted"))
        row = QHBoxLayout()
        self.import_button = QPushButton("Import a password &export…")
        self.import_button.setAccessibleName("Import a password-manager or browser export")
        self.mail_button = QPushButton("Add &mail (mbox or .eml folder)…")
        self.mail_button.setAccessibleName("Add exported mail")
        self.import_button.clicked.connect(lambda: self.scan_paths(self._choose_export()))
        self.mail_button.clicked.connect(self._add_mail)
        row.addWidget(self.import_button)
        row.addWidget(self.mail_button)
        row.addStretch(1)
        outer.addLayout(row)
        self.status = plain("", role="muted")
        outer.addWidget(self.status)

        self.warning = card()
        self.warning.setProperty("role", "banner")
        warning_row = QHBoxLayout(self.warning)
        self.warning_text = plain("")
        self.warning_text.setAccessibleName("Delete the export file")
        self.show_export_button = QPushButton("Show the &file")
        self.show_export_button.setAccessibleName("Show the export file in its folder so you can delete it")
        self.show_export_button.clicked.connect(self._show_export)
        warning_row.addWidget(self.warning_text, 1)
        warning_row.addWidget(self.show_export_button)
        self.warning.hide()
        outer.addWidget(self.warning)

        self.table = QTableWidget(0, 3)
        self.table.setHorizontalHeaderLabels(["Site", "Found in", "What you did"])
        self.table.setAccessibleName("Sites where your login is an official address")
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.setColumnWidth(1, 190)
        self.table.setColumnWidth(2, 230)
        self.table.verticalHeader().setVisible(False)
        outer.addWidget(self.table, 1)
        actions = QHBoxLayout()
        self.steps_button = QPushButton("&Close or move this account…")
        self.steps_button.setAccessibleName("Show the steps to close or move the selected account")
        self.steps_button.clicked.connect(self._open_steps)
        actions.addWidget(self.steps_button)
        actions.addStretch(1)
        outer.addLayout(actions)

        outer.addWidget(plain("Can't export your mail? Search for sign-up mail instead", role="h2"))
        for where, query in queries.items():
            box = QFrame()
            line = QHBoxLayout(box)
            line.setContentsMargins(0, 0, 0, 0)
            label = plain(f"{where}:  {query}")
            copy = QPushButton("Copy")
            copy.setAccessibleName(f"Copy the {where} search")
            copy.clicked.connect(lambda _=False, q=query: QGuiApplication.clipboard().setText(q))
            line.addWidget(label, 1)
            line.addWidget(copy)
            outer.addWidget(box)
        self.refresh()

    # -- importing -----------------------------------------------------------------------------
    def scan_paths(self, paths: list[Path]) -> None:
        if not paths or self.worker.busy():
            return
        self.status.setText("Reading… (on this computer only)")
        self.import_button.setEnabled(False)
        self.mail_button.setEnabled(False)
        self.worker.start(lambda: self._scan(paths))

    def _add_mail(self) -> None:
        folder = self._choose_mail()
        if folder:
            self.scan_paths([folder])

    def _scanned(self, report: Any, error: Exception | None) -> None:
        self.import_button.setEnabled(True)
        self.mail_button.setEnabled(True)
        if error is not None:
            self.status.setText(f"Could not read that: {error}")
            return
        problems = [f"{f.path.name}: {f.error}" for f in report.files if f.error]
        added = self._merge(self.tracker.doc.accounts, report.rows)
        read = [f for f in report.files if not f.error]
        summary = f"Read {len(read)} file(s); {len(report.rows)} site(s) use an official login, {added} new."
        self.status.setText("\n".join([summary, *problems]))
        self._exports = report.exports_to_delete
        if self._exports:
            names = "\n".join(str(p) for p in self._exports)
            self.warning_text.setText(f"Delete this export now: it holds your passwords.\n{names}")
            self.warning.show()
        self.refresh()
        self.changed.emit()

    def _show_export(self) -> None:
        if self._exports:
            self._open_folder(self._exports[0].parent)

    # -- the inventory -------------------------------------------------------------------------
    def refresh(self) -> None:
        records = sorted(self.tracker.doc.accounts.values(), key=lambda r: r.site)
        self.table.setRowCount(len(records))
        for row, record in enumerate(records):
            site = QTableWidgetItem(record.site)
            site.setData(Qt.ItemDataRole.UserRole, record.site)
            self.table.setItem(row, 0, site)
            self.table.setItem(row, 1, QTableWidgetItem(", ".join(record.sources)))
            combo = QComboBox()
            combo.setAccessibleName(f"What you did about {record.site}")
            for state, label in STATE_LABELS.items():
                combo.addItem(label, state.value)
            combo.setCurrentIndex(combo.findData(record.state.value))
            combo.currentIndexChanged.connect(lambda _=0, s=record.site, c=combo: self._set_state(s, c.currentData()))
            self.table.setCellWidget(row, 2, combo)
        self.steps_button.setEnabled(bool(records))
        if not records:
            self.status.setText(self.status.text() or "Nothing imported yet.")

    def _set_state(self, site: str, state: str) -> None:
        record = self.tracker.doc.accounts.get(site)
        if record is not None:
            record.state = AccountState(state)
            self.changed.emit()

    def _open_steps(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        row = rows[0].row() if rows else 0
        item = self.table.item(row, 0)
        if item is None:
            return
        record = self.tracker.doc.accounts.get(item.data(Qt.ItemDataRole.UserRole))
        if record is not None:
            platform_id = record.platform_id if self.tracker.catalog.platform(record.platform_id or "") else "other-sites"
            self.open_platform.emit(platform_id)

    # -- default dialogs -----------------------------------------------------------------------
    def _dialog_export(self) -> list[Path]:
        names, _ = QFileDialog.getOpenFileNames(self, "Import a password export", "", "Exports (*.csv *.json *.xml);;All files (*)")
        return [Path(n) for n in names]

    def _dialog_mail(self) -> Path | None:
        name, _ = QFileDialog.getOpenFileName(self, "Add exported mail (mbox), or cancel to choose a folder of .eml files", "",
                                              "Mail (*.mbox *.mbx *.eml);;All files (*)")
        if name:
            return Path(name)
        folder = QFileDialog.getExistingDirectory(self, "Choose a folder of .eml files")
        return Path(folder) if folder else None

    def shutdown(self) -> None:
        self.worker.wait()
