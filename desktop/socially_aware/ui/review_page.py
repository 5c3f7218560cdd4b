"""Review what you already posted (from your own data downloads), and check a post before you post it.

Everything read from an archive or typed into the draft box is shown as plain text: excerpts mark
the match with » « characters, never with rich text. The review runs off the UI thread with a
progress bar, a count and Cancel; only finding ids and marks go to the Tracker.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # types only: the draft checker and the photo review load when first used
    from socially_aware.photocontent.model import PhotoReview
    from socially_aware.review.draft import DraftFinding

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QListWidget,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QTabWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from socially_aware.progress.model import FindingMark
from socially_aware.progress.tracker import Tracker
from socially_aware.review.model import Finding, ReviewReport
from socially_aware.review.official import split_official
from socially_aware.review.report import PLATFORM_NAMES, REMINDER, damage_sentences, summary
from socially_aware.ui.background import BackgroundRunner
from socially_aware.ui.dialog_folder import Start
from socially_aware.ui.labels import card, clamp, plain
from socially_aware.ui.links import open_local_folder
from socially_aware.ui.messages import Messages
from socially_aware.ui.photo_shows import PhotoShowsPanel, ShowsActions
from socially_aware.ui.redact_dialog import RedactDialog
from socially_aware.ui.review_photos import LookPhotos, PhotosInDownload
from socially_aware.ui.signals import emit
from socially_aware.ui.untrusted import shown
from socially_aware.ui.wrapping_rows import WrapToColumn
from socially_aware.wording import count

INTRO = (
    "Every platform lets you download your own data. Open that download here (the .zip as it arrived, or the "
    "folder you unpacked it to) and this page lists the posts, photos, check-ins and profile fields that "
    "identify you as staff or show where you live and work. It is read on this computer only and never "
    "unpacked; only which findings you have dealt with is saved, never what they say."
)
DRAFT_INTRO = (
    "Paste a post or a bio before you put it online, or drop a photo here. This only advises; "
    "it never stops you posting."
)
NOTHING_OPENED = "Nothing opened yet. You can also drop a download onto this page."
DATE_FORMAT = "%d %b %Y"
"""A finding's day in the list ("10 Oct 2018")."""
WORD_JOINER = "\u2060"
_UNBROKEN = re.compile(r"\([^()\s]{1,60}\)")


def unbroken_parentheses(text: str) -> str:
    """Keep a short bracketed address such as "(…@abf.gov.au)" on one line: word joiners between its characters."""
    return _UNBROKEN.sub(lambda m: WORD_JOINER.join(m.group(0)), text)


def earlier_marks(tracker: Tracker) -> str:
    """What the status says before anything is opened: the marks kept from earlier reviews, if any."""
    marks = list(tracker.finding_marks().values())
    if not marks:
        return NOTHING_OPENED
    deleted, kept = marks.count(FindingMark.DELETED), marks.count(FindingMark.KEPT)
    parts = [f"{deleted:,} deleted or edited" if deleted else "", f"{kept:,} kept on purpose" if kept else ""]
    return (
        f"Nothing opened yet. Earlier you marked {count(len(marks), 'finding')} "
        f"({', '.join(p for p in parts if p)}). Open the same download again to see them with your marks; "
        "only the marks were kept, never what the findings said."
    )


@dataclass(frozen=True)
class ReviewActions:
    """What the page may ask of the review service, wired in `app.py`."""

    review: Callable[[Sequence[Path], Callable[[int, int, int], None], Callable[[], bool]], ReviewReport]
    check_draft: Callable[[str], list[DraftFinding]]
    """Text -> DraftFinding list (kind, section, explanation, excerpt)."""
    check_photo: Callable[[Path], list[str]]
    """A photo -> plain sentences about what it gives away."""
    why: Callable[[str], str]
    """Policy section id -> "title (reference)"."""
    photo_suffixes: frozenset[str] = frozenset()
    """The photo formats the photo check takes (from the cleaner's registry, wired in `app.py`)."""
    photo_filter: str = "All files (*)"
    """The same for the "Check a photo" file dialog."""
    shows: ShowsActions | None = None
    """Looking inside a photo and redacting it (issue 17); None leaves the photo check to metadata."""
    look_photos: LookPhotos | None = None
    """The opt-in "Look inside the photos too" of a download (issue 17); None leaves the box disabled."""


class ReviewPage(QWidget):
    open_checklist = Signal(str)
    review_finished = Signal()

    def __init__(
        self,
        tracker: Tracker,
        actions: ReviewActions,
        parent: QWidget | None = None,
        *,
        messages: Messages | None = None,
        open_folder: Callable[[Path], None] | None = None,
    ) -> None:
        super().__init__(parent)
        self.tracker, self.services = tracker, actions
        self.messages = messages or Messages()
        """Where the page's questions go (`messages.dialogs`), and its status and errors."""
        self._open_folder = open_folder or (lambda p: open_local_folder(p, parent=self))  # else: path to copy
        self._findings: dict[str, Finding] = {}
        self._paths: list[Path] = []
        self.worker = BackgroundRunner(self)
        self.worker.reported.connect(lambda values: self._progressed(*values))
        self.worker.finished.connect(self._finished)
        self.setAcceptDrops(True)

        outer_layout = QVBoxLayout(self)
        outer_layout.setContentsMargins(0, 0, 0, 0)
        # Two tabs, so "Check before you post" is one key away (Alt+B) instead of below the findings.
        self.tabs = QTabWidget()
        self.tabs.setAccessibleName("Review a download, or check a post before you post it")
        self.tabs.setDocumentMode(True)
        outer_layout.addWidget(self.tabs)
        review_tab, outer = self._tab("&Review a download")
        draft_tab, draft_column = self._tab("Check &before you post")
        self.review_tab, self.draft_tab = review_tab, draft_tab
        outer.addWidget(plain("Review what you posted", role="h1"))
        outer.addWidget(plain(INTRO, role="muted"))

        row = QHBoxLayout()
        self.open_button = QPushButton("&Open a download…")
        self.open_button.setProperty("role", "primary")
        self.open_button.setAccessibleName("Open a platform's data download (zip file or folder)")
        self.open_button.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.open_button.clicked.connect(lambda: self.review_paths(self._choose_downloads()))
        # A folder has its own button: Cancel in the zip dialog cancels, instead of opening a second dialog.
        self.folder_button = QPushButton("Open an unpacked &folder…")
        self.folder_button.setAccessibleName("Open the folder you unpacked a data download to")
        self.folder_button.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.folder_button.clicked.connect(lambda: self.review_paths(self._choose_unpacked()))
        self.progress = QProgressBar()
        self.progress.setAccessibleName("Review progress")
        self.progress.setFormat("%v of %m files")
        self.cancel_button = QPushButton("Cancel")
        self.cancel_button.setAccessibleName("Cancel the review")
        self.cancel_button.clicked.connect(self.cancel)
        row.addWidget(self.open_button)
        row.addWidget(self.folder_button)
        row.addWidget(self.progress, 1)
        row.addWidget(self.cancel_button)
        # Takes the room only while the progress bar (stretch 1) is hidden: the buttons stay side by side.
        row.addStretch(0)
        outer.addLayout(row)
        self.photos = PhotosInDownload(actions.look_photos, messages=self.messages)
        self.photos.finished.connect(self._photos_finished)
        self.photos.running.connect(lambda on: self._set_busy(on, progress=False))
        outer.addWidget(self.photos)
        self.status = plain(earlier_marks(tracker), role="muted")
        self.status.setAccessibleDescription("Review status")
        outer.addWidget(self.status)

        self.damage = card()
        self.damage.setProperty("role", "banner")
        damage_column = QVBoxLayout(self.damage)
        self.damage_text = plain("")
        self.damage_text.setAccessibleDescription("This download looks incomplete or damaged")
        damage_column.addWidget(self.damage_text)
        outer.addWidget(self.damage)

        self.tree = QTreeWidget()
        self.tree.setColumnCount(3)
        self.tree.setHeaderLabels(["Finding", "Date", "What you did"])
        self.tree.setAccessibleName("Findings, grouped by platform; Enter opens the checklist item with the steps")
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.tree.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        # The finding's title gets the room, wrapped; date and mark are as wide as their longest text
        # (whether or not anything is listed yet), set in `_fit_columns`.
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Fixed)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Fixed)
        self.tree.setWordWrap(True)
        self.tree.setUniformRowHeights(False)
        self.tree.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.tree.setItemDelegate(WrapToColumn(self.tree))
        self.tree.setMinimumHeight(180)
        self.tree.currentItemChanged.connect(lambda *_: self._show_details())
        # Enter on a finding opens its checklist item (the steps to delete or edit it): the most useful
        # next step. A shortcut on the tree, not an event filter: a Python event filter can be handed
        # events while a widget is being destroyed.
        for key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            on_finding = QShortcut(QKeySequence(key), self.tree, self._enter_on_finding)
            # Set apart: PySide6 drops `context=` when given a callable, and a window-wide Enter then
            # opened a finding (or nothing) whatever button had focus ("Open a download…").
            on_finding.setContext(Qt.ShortcutContext.WidgetShortcut)
        outer.addWidget(self.tree, 1)

        details = card()
        details_column = QVBoxLayout(details)
        self.detail_what = plain("", role="h2")
        self.detail_what.setAccessibleDescription("Selected finding")
        self.detail_where = plain("", hide_when_empty=True)
        self.detail_where.setAccessibleDescription("Where it is")
        self.detail_excerpt = plain("", hide_when_empty=True)
        self.detail_excerpt.setAccessibleDescription("Excerpt, with the match between » and «")
        self.detail_why = plain("", role="muted", hide_when_empty=True)
        self.detail_why.setAccessibleDescription("Why it matters")
        for label in (self.detail_what, self.detail_where, self.detail_excerpt, self.detail_why):
            details_column.addWidget(label)
        buttons = QHBoxLayout()
        self.deleted_button = QPushButton("Mark &deleted")
        self.deleted_button.setAccessibleName("Mark the selected finding as deleted or edited")
        self.kept_button = QPushButton("&Keep on purpose")
        self.kept_button.setAccessibleName("Mark the selected finding as kept on purpose")
        self.todo_button = QPushButton("Back to &to do")
        self.todo_button.setAccessibleName("Mark the selected finding as still to do")
        self.checklist_button = QPushButton("&Go to the checklist item")
        self.checklist_button.setAccessibleName("Open the checklist item with the steps to delete or edit it")
        self.deleted_button.clicked.connect(lambda: self.mark_current(FindingMark.DELETED))
        self.kept_button.clicked.connect(lambda: self.mark_current(FindingMark.KEPT))
        self.todo_button.clicked.connect(lambda: self.mark_current(FindingMark.TODO))
        self.checklist_button.clicked.connect(self._go_to_checklist)
        for button in (self.checklist_button, self.deleted_button, self.kept_button, self.todo_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        details_column.addLayout(buttons)
        outer.addWidget(details)

        self.reminder = card()
        self.reminder.setProperty("role", "banner")
        reminder_row = QHBoxLayout(self.reminder)
        self.reminder_text = plain(REMINDER)
        self.reminder_text.setAccessibleDescription("Delete the download when you are done")
        self.show_file_button = QPushButton("&Show the file")
        self.show_file_button.setAccessibleName("Show the download in its folder so you can delete it")
        self.show_file_button.clicked.connect(self._show_file)
        reminder_row.addWidget(self.reminder_text, 1)
        reminder_row.addWidget(self.show_file_button, 0, Qt.AlignmentFlag.AlignTop)
        outer.addWidget(self.reminder)

        self.notes = QPlainTextEdit()
        self.notes.setReadOnly(True)
        self.notes.setAccessibleName("Files that could not be read, and why")
        self.notes.setMaximumHeight(110)
        outer.addWidget(self.notes)
        # Tab goes down the page as it reads: the open buttons, "Look inside the photos too" under them (left
        # out, Tab reached it last, after the notes), the findings, then what can be done about one.
        QWidget.setTabOrder(self.open_button, self.folder_button)
        QWidget.setTabOrder(self.folder_button, self.cancel_button)
        QWidget.setTabOrder(self.cancel_button, self.photos.box)
        QWidget.setTabOrder(self.photos.box, self.tree)
        QWidget.setTabOrder(self.tree, self.checklist_button)
        QWidget.setTabOrder(self.checklist_button, self.deleted_button)
        QWidget.setTabOrder(self.deleted_button, self.kept_button)
        QWidget.setTabOrder(self.kept_button, self.todo_button)
        QWidget.setTabOrder(self.todo_button, self.show_file_button)
        QWidget.setTabOrder(self.show_file_button, self.notes)

        draft_column.addWidget(plain("Check before you post", role="h1"))
        draft_column.addWidget(plain(DRAFT_INTRO, role="muted"))
        self.draft = QPlainTextEdit()
        self.draft.setAccessibleName("Draft post or bio to check")
        self.draft.setPlaceholderText("Paste a post or bio here… (Ctrl+Enter checks it)")
        self.draft.setTabChangesFocus(True)
        self.draft.setMinimumHeight(80)
        self.draft.setMaximumHeight(140)
        draft_column.addWidget(self.draft)
        draft_row = QHBoxLayout()
        self.check_button = QPushButton("&Check this post")
        self.check_button.setAccessibleName("Check the draft post")
        self.check_button.clicked.connect(self.check_draft)
        self.photo_button = QPushButton("Add a p&hoto…")
        self.photo_button.setAccessibleName("Check a photo before you post it")
        self.photo_button.clicked.connect(self._choose_photo)
        draft_row.addWidget(self.check_button)
        draft_row.addWidget(self.photo_button)
        draft_row.addStretch(1)
        draft_column.addLayout(draft_row)
        self.draft_results = QListWidget()
        self.draft_results.setAccessibleName("What the check found in your draft")
        self.draft_results.setWordWrap(True)
        self.draft_results.setSpacing(4)
        self.draft_results.setMinimumHeight(120)
        draft_column.addWidget(self.draft_results, 1)
        self.photo_shows: PhotoShowsPanel | None = None
        self.redact_dialog: RedactDialog | None = None
        if actions.shows is not None:  # what the photo shows, beside what its metadata gives away
            self.photo_shows = PhotoShowsPanel(actions.shows, messages=self.messages)
            self.photo_shows.redact_requested.connect(self.open_redact)
            self.photo_shows.hide()
            draft_column.addWidget(self.photo_shows, 3)
        QShortcut(QKeySequence("Ctrl+Return"), self.draft, self.check_draft)
        self.tabs.currentChanged.connect(self._tab_changed)
        self._set_busy(False)
        self.damage.hide()
        self.reminder.hide()
        self.notes.hide()
        self._show_details()

    def _tab(self, title: str) -> tuple[QWidget, QVBoxLayout]:
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # not a Tab stop: Tab moves through what it holds
        body = QWidget()
        scroll.setWidget(clamp(body))  # the same column as every page
        column = QVBoxLayout(body)
        column.setContentsMargins(24, 16, 24, 16)
        self.tabs.addTab(scroll, title)
        return scroll, column

    def _fit_columns(self) -> None:
        """Date and "What you did" fit their longest possible text plus a gap, in the font now in use."""
        cells, heading = self.tree.fontMetrics(), self.tree.header().fontMetrics()
        gap = cells.horizontalAdvance("M")
        dates = [date(2026, month, 28).strftime(DATE_FORMAT) for month in range(1, 13)]
        for column, texts in ((1, dates), (2, [mark.label for mark in FindingMark])):
            title = self.tree.headerItem().text(column)
            widest = max(max(cells.horizontalAdvance(t) for t in texts), heading.horizontalAdvance(title))
            self.tree.header().resizeSection(column, widest + gap)

    def showEvent(self, event: QShowEvent) -> None:
        self._fit_columns()  # the style (and so the font) may have changed since the page was built
        # Coming to this page (Ctrl+6, the sidebar) starts on the review, where "Open a download…" has focus.
        if not event.spontaneous():
            self.show_review()
        super().showEvent(event)

    def _tab_changed(self, index: int) -> None:
        """Alt+R / Alt+B land on the tab's first control, so typing can start at once."""
        target = self.draft if self.tabs.widget(index) is self.draft_tab else self.open_button
        if self.isVisible():
            target.setFocus(Qt.FocusReason.TabFocusReason)

    def show_review(self) -> None:
        """The "Review a download" tab (Ctrl+6 lands on its "Open a download…")."""
        self.tabs.setCurrentWidget(self.review_tab)

    def show_draft_check(self) -> None:
        self.tabs.setCurrentWidget(self.draft_tab)

    def _enter_on_finding(self) -> None:
        """A finding without a checklist item moves to "Mark deleted"; a platform row folds or unfolds."""
        item = self.tree.currentItem()
        if item is None:
            return
        if self.current_finding() is None:
            item.setExpanded(not item.isExpanded())
        elif self.checklist_button.isEnabled():
            self._go_to_checklist()
        else:
            self.deleted_button.setFocus(Qt.FocusReason.OtherFocusReason)

    # -- reviewing -------------------------------------------------------------------------------
    def review_paths(self, paths: Sequence[Path]) -> None:
        paths = [Path(p) for p in paths]
        if not paths or self.busy():
            return
        self._paths = paths
        self._set_busy(True)
        self.progress.setRange(0, 0)
        self.messages.info("Reading… (on this computer only)", inline=self.status)
        review = self.services.review
        self.worker.start(lambda job: review(paths, job.report, job.cancelled))

    def busy(self) -> bool:
        return self.worker.busy() or self.photos.busy()

    def cancel(self) -> None:
        self.worker.cancel()
        self.messages.info("Stopping…", inline=self.status)

    def shutdown(self) -> None:
        self.worker.cancel()
        self.worker.wait()
        self.photos.shutdown()
        if self.photo_shows is not None:
            self.photo_shows.shutdown()

    def _set_busy(self, busy: bool, progress: bool = True) -> None:
        self.progress.setVisible(busy and progress)
        self.cancel_button.setVisible(busy and progress)
        self.open_button.setEnabled(not busy)
        self.folder_button.setEnabled(not busy)

    def _progressed(self, done: int, total: int, found: int) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)
        self.messages.info(
            f"Read {done:,} of {count(total, 'file')}; {count(found, 'finding')} so far", inline=self.status
        )

    def _finished(self, report: ReviewReport | None, error: Exception | None) -> None:
        self._set_busy(False)
        if error is not None or report is None:
            # The banner says what went wrong; the status line goes back to what it said before "Reading…".
            self.messages.info(earlier_marks(self.tracker), inline=self.status)
            self.messages.error(f"The review stopped: {type(error).__name__}: {shown(str(error))}. Nothing was saved.")
            self._focus_back_to_open()
            return
        self._findings = {f.id: f for f in report.findings}
        platforms = ", ".join(PLATFORM_NAMES.get(p, p) for p in report.platforms) or "no platform recognised"
        text = f"{summary(report)} ({platforms})."
        apart = split_official(report.findings, self.tracker.is_official_account)[1]
        if apart:
            text += f" {count(len(apart), 'finding')} from official accounts you run for the Department, listed apart."
        if report.cancelled:
            text = "Cancelled: only part of the download was read. " + text
        self.messages.info(text, inline=self.status)
        damage = damage_sentences(report)
        self.damage_text.setText("\n".join(damage))
        self.damage.setVisible(bool(damage))
        self.notes.setPlainText("\n".join(f"{n.file}: {n.message}" for n in report.notes))
        self.notes.setVisible(bool(report.notes))
        self.reminder.setVisible(bool(report.platforms))
        self._fill(report.findings)
        if report.findings:  # the open button was disabled while reading: keyboard users continue at the list
            self.tree.setFocus(Qt.FocusReason.OtherFocusReason)
        else:
            self._focus_back_to_open()
        emit(self, "review_finished")
        if self.photos.wanted() and report.platforms and not report.cancelled:
            self.photos.start(self._paths)

    def _focus_back_to_open(self) -> None:
        """Nothing listed: "Open a download…" was disabled while reading and focus moved on to the empty list;
        a keyboard user on this page goes back to it, to open another download. Focus elsewhere stays."""
        focus = self.window().focusWidget()
        if focus is not None and self.review_tab.isAncestorOf(focus):
            self.open_button.setFocus(Qt.FocusReason.OtherFocusReason)

    def _photos_finished(self, result: PhotoReview | None) -> None:
        """Photo findings join the list after the text ones; their notes join the notes."""
        if result is None:
            return
        self._findings.update({f.id: f for f in result.findings})
        notes = [self.notes.toPlainText()] if self.notes.toPlainText() else []
        notes += [f"{n.file}: {n.message}" if n.file else n.message for n in result.notes]
        self.notes.setPlainText("\n".join(notes))
        self.notes.setVisible(bool(notes))
        if result.findings:
            self._fill(list(self._findings.values()))
            self.tree.setFocus(Qt.FocusReason.OtherFocusReason)

    # -- the findings ----------------------------------------------------------------------------
    def _fill(self, findings: Sequence[Finding]) -> None:
        self.tree.clear()
        # Downloads of official accounts the person runs for the Department (marked on the accounts
        # page) are listed last and apart: what they show is expected, not a problem.
        findings, apart = split_official(findings, self.tracker.is_official_account)
        groups: dict[str, QTreeWidgetItem] = {}
        for finding in [*findings, *apart]:
            key = f"official:{finding.platform}" if finding in apart else finding.platform
            group = groups.get(key)
            if group is None:
                group = QTreeWidgetItem([PLATFORM_NAMES.get(finding.platform, finding.platform)])
                group.setFlags(Qt.ItemFlag.ItemIsEnabled)
                groups[key] = group
                self.tree.addTopLevelItem(group)
            row = QTreeWidgetItem(
                [
                    finding.what,
                    finding.when.strftime(DATE_FORMAT) if finding.when else "",
                    self.tracker.finding_mark(finding.id).label,
                ]
            )
            row.setData(0, Qt.ItemDataRole.UserRole, finding.id)
            row.setToolTip(0, "")  # untrusted text never goes into a (rich-text) tooltip
            group.addChild(row)
        for key, group in groups.items():
            platform = key.removeprefix("official:")
            name = PLATFORM_NAMES.get(platform, platform)
            if key.startswith("official:"):
                group.setText(
                    0, f"{name}: an official account you run for the Department ({group.childCount()}, not problems)"
                )
            else:
                group.setText(0, f"{name} ({group.childCount()})")
            group.setExpanded(True)
        first = next((g.child(0) for g in groups.values() if g.childCount()), None)
        if first is not None:
            self.tree.setCurrentItem(first)
        self._show_details()

    def current_finding(self) -> Finding | None:
        item = self.tree.currentItem()
        finding_id = item.data(0, Qt.ItemDataRole.UserRole) if item else None
        return self._findings.get(finding_id) if finding_id else None

    def _show_details(self) -> None:
        finding = self.current_finding()
        for button in (self.deleted_button, self.kept_button, self.todo_button):
            button.setEnabled(finding is not None)
        self.checklist_button.setEnabled(
            finding is not None and bool(finding.action) and self.tracker.catalog.item(finding.action) is not None
        )
        if finding is None:
            for label in (self.detail_what, self.detail_where, self.detail_excerpt, self.detail_why):
                label.setText("")
            self.detail_what.setText("Select a finding to see where it is and what to do.")
            return
        where = [PLATFORM_NAMES.get(finding.platform, finding.platform), finding.kind.value, f"file: {finding.file}"]
        if finding.when:
            where.append(finding.when.strftime("%d %b %Y %H:%M"))
        if finding.url:
            where.append(f"link: {finding.url}")
        if finding.place_words:
            where.append(f"place: {finding.place_words}")
        if finding.position:
            where.append(f"position: {finding.position[0]:.5f}, {finding.position[1]:.5f}")
        self.detail_what.setText(unbroken_parentheses(finding.what))
        self.detail_where.setText(" · ".join(where))
        self.detail_excerpt.setText(f"“{finding.excerpt.marked()}”" if finding.excerpt else "")
        self.detail_why.setText(
            f"Why: {self.services.why(finding.section)}. What you did: {self.tracker.finding_mark(finding.id).label}."
        )

    def mark_current(self, mark: FindingMark) -> None:
        finding = self.current_finding()
        item = self.tree.currentItem()
        if finding is None or item is None:
            return
        self.tracker.mark_finding(finding.id, mark)
        item.setText(2, mark.label)
        self._show_details()

    def _go_to_checklist(self) -> None:
        finding = self.current_finding()
        if finding is not None and finding.action:
            emit(self, "open_checklist", finding.action)

    def _show_file(self) -> None:
        if self._paths:
            target = self._paths[0]
            self._open_folder(target if target.is_dir() else target.parent)

    # -- check before you post -------------------------------------------------------------------
    def check_draft(self) -> None:
        self.draft_results.clear()
        text = self.draft.toPlainText()
        if not text.strip():
            self.draft_results.addItem("Nothing to check yet: paste a post or bio above.")
            return
        found = self.services.check_draft(text)
        for finding in found:
            self.draft_results.addItem(
                f"{finding.kind}: “{finding.excerpt.marked()}”\n"
                f"{finding.explanation} ({self.services.why(finding.section)})"
            )
        if not found:
            self.draft_results.addItem(
                "Nothing in this text identifies you as staff or touches what the policy "
                "lists as unacceptable. Read it once more as a stranger would."
            )

    def check_photo(self, path: Path) -> None:
        self.show_draft_check()
        self.draft_results.clear()
        for line in self.services.check_photo(path):
            self.draft_results.addItem(line)
        if self.photo_shows is not None:
            self.photo_shows.show()
            self.photo_shows.start(path)

    def open_redact(self) -> None:
        panel = self.photo_shows
        if panel is None or panel.look is None or panel.path is None or self.services.shows is None:
            return
        self.redact_dialog = RedactDialog(panel.path, panel.look, panel.image, self.services.shows, self)
        self.redact_dialog.open()

    def _choose_photo(self) -> None:
        path = self.messages.dialogs.open_file(self, "Check a photo", self.services.photo_filter, Start.PICTURES)
        if path is not None:
            self.check_photo(path)

    # -- dropping files --------------------------------------------------------------------------
    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = [Path(u.toLocalFile()) for u in event.mimeData().urls() if u.isLocalFile()]
        photos = [p for p in paths if p.suffix.lower() in self.services.photo_suffixes]
        if photos:
            self.check_photo(photos[0])
        rest = [p for p in paths if p not in photos]
        if rest:
            self.review_paths(rest)
        event.acceptProposedAction()

    # -- the questions (through the window's Dialogs; scripted in tests) ---------------------------
    def _choose_downloads(self) -> list[Path]:
        # Loaded when asked, not at start: the archive kinds bring zipfile (and bz2, lzma) with them.
        from socially_aware.review.archive_registry import dialog_filter

        return self.messages.dialogs.open_files(self, "Open a data download", dialog_filter())

    def _choose_unpacked(self) -> list[Path]:
        folder = self.messages.dialogs.folder(self, "Open an unpacked data download")
        return [folder] if folder is not None else []
