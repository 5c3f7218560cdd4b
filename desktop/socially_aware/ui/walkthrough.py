"""Checklists: the whole catalog filterable by platform, theme and text, and one item at a time."""

from __future__ import annotations

from collections.abc import Callable
from itertools import pairwise

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from socially_aware.catalog.model import Item, Platform, Theme
from socially_aware.progress.model import ItemState
from socially_aware.progress.tracker import Tracker
from socially_aware.ui.item_details import ItemDetails
from socially_aware.ui.labels import clamp, plain
from socially_aware.ui.links import open_catalog_link
from socially_aware.ui.signals import emit

EMPTY_TEXT = "No item to show. Choose one from the list, or change the search or filters."


class ItemView(QWidget):
    """One checklist item for browsing: the item's details, its marks and a private note.

    The marks sit in `marks_bar`, which the page keeps in view below the scrolling text (as the guided
    session does): on a short screen they would otherwise be under a long list of steps.
    """

    marked = Signal(object)
    """The Item just marked (the Tracker has recorded it)."""

    def __init__(self, tracker: Tracker, open_link: Callable[[str], bool], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tracker = tracker
        self.item: Item | None = None
        outer = QVBoxLayout(self)
        outer.setContentsMargins(24, 16, 24, 16)
        self.empty = plain(EMPTY_TEXT, role="muted")
        self.empty.setAccessibleDescription("No item shown")
        outer.addWidget(self.empty)
        self.body = QWidget()
        body = QVBoxLayout(self.body)
        body.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.body)
        self.details = ItemDetails(tracker, open_link, fold_why=False)
        self.link_button = self.details.link_button
        self.state_label = plain("", role="muted")
        self.state_label.setAccessibleDescription("Status of this item")
        body.addWidget(self.details)

        self.marks_bar = QWidget(self)  # the page moves it below its scroll area
        bar = QVBoxLayout(self.marks_bar)
        bar.setContentsMargins(24, 6, 0, 0)
        bar.addWidget(self.state_label)
        marks = QHBoxLayout()
        self.buttons: dict[ItemState, QPushButton] = {}
        for state, text, key in (
            (ItemState.DONE, "&Done", "Mark as done"),
            (ItemState.NOT_APPLICABLE, "&Not applicable", "Mark as not applicable to me"),
            (ItemState.LATER, "&Later", "Come back to this later"),
            (ItemState.TODO, "&Undo", "Mark as still to do"),
        ):
            button = QPushButton(text)
            button.setAccessibleName(key)
            button.setCheckable(state is not ItemState.TODO)
            button.clicked.connect(lambda _=False, s=state: self._mark(s))
            self.buttons[state] = button
            marks.addWidget(button)
        marks.addStretch(1)
        bar.addLayout(marks)
        body.addSpacing(8)
        body.addWidget(plain("Private note (kept encrypted on this computer)", role="muted"))
        self.note = QPlainTextEdit()
        self.note.setAccessibleName("Private note for this item")
        self.note.setTabChangesFocus(True)
        self.note.setMaximumHeight(80)
        self._note_timer = QTimer(self)
        self._note_timer.setSingleShot(True)
        self._note_timer.setInterval(600)
        self._note_timer.timeout.connect(self._save_note)
        self.note.textChanged.connect(self._note_timer.start)
        body.addWidget(self.note)
        outer.addStretch(1)
        self.show_item(None)

    def show_item(self, item: Item | None) -> None:
        self.flush_note()
        self.item = item
        # Nothing chosen: one plain sentence, not empty headings, greyed buttons and a note box.
        self.empty.setVisible(item is None)
        self.body.setVisible(item is not None)
        self.marks_bar.setVisible(item is not None)
        self.details.show_item(item)
        if item is None:
            self.state_label.setText("")
            return
        progress = self.tracker.progress_of(item)
        self.note.blockSignals(True)
        self.note.setPlainText(progress.note if progress else "")
        self.note.blockSignals(False)
        self._refresh_state()

    def _refresh_state(self) -> None:
        if self.item is None:
            return
        state = self.tracker.state(self.item)
        progress = self.tracker.progress_of(self.item)
        when = (
            f" on {progress.when.astimezone().strftime('%d %b %Y')}" if progress and state is not ItemState.TODO else ""
        )
        self.state_label.setText(f"Status: {state.label}{when}")
        for button_state, button in self.buttons.items():
            if button.isCheckable():
                button.setChecked(button_state is state)

    def _mark(self, state: ItemState) -> None:
        if self.item is not None:
            self.flush_note()
            self.tracker.mark(self.item, state)
            emit(self, "marked", self.item)
            self._refresh_state()
            self.details.badge.setVisible(self.tracker.is_changed(self.item))

    def _save_note(self) -> None:
        if self.item is not None:
            self.tracker.set_note(self.item, self.note.toPlainText())

    def flush_note(self) -> None:
        if self._note_timer.isActive():
            self._note_timer.stop()
            self._save_note()


class ChecklistPage(QWidget):
    def __init__(
        self, tracker: Tracker, open_link: Callable[[str], bool] = open_catalog_link, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.tracker = tracker
        self._visiting: str | None = None
        """A platform the person hasn't picked, shown because another page opened one of its items."""
        left = QWidget()
        column = QVBoxLayout(left)
        column.setContentsMargins(12, 12, 6, 12)
        self.platform_filter = QComboBox()
        self.platform_filter.setAccessibleName("Show items for platform")
        self.theme_filter = QComboBox()
        self.theme_filter.setAccessibleName("Show items for theme")
        self.theme_filter.addItem("All themes", None)
        for theme in Theme:
            self.theme_filter.addItem(theme.label, theme)
        self.search = QLineEdit()
        self.search.setPlaceholderText("Search steps…")
        self.search.setAccessibleName("Search checklist items")
        self.search.setClearButtonEnabled(True)
        self.list = QListWidget()
        self.list.setAccessibleName("Checklist items")
        self.list.setWordWrap(True)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)  # long titles wrap instead
        self.count = plain("", role="muted")
        self.count.setAccessibleDescription("How many items are shown")
        self.widen_button = QPushButton("Search &all platforms and themes")
        self.widen_button.setAccessibleName("Search all your platforms and themes")
        self.widen_button.clicked.connect(self.widen_search)
        # Each drop-down has a visible label that names it: on Linux a screen reader names a drop-down by
        # its current value ("All themes") unless a label points at it.
        filters = QFormLayout()
        filters.setContentsMargins(0, 0, 0, 0)
        for text, combo in (("Platform", self.platform_filter), ("Theme", self.theme_filter)):
            label = plain(text, wrap=False)
            label.setBuddy(combo)
            filters.addRow(label, combo)
        column.addLayout(filters)
        for widget in (self.search, self.list, self.count, self.widen_button):
            column.addWidget(widget)

        self.view = ItemView(tracker, open_link)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # not a Tab stop: Tab moves through what it holds
        scroll.setWidget(self.view)
        nav = QHBoxLayout()
        self.previous_button = QPushButton("← &Previous")
        self.previous_button.setAccessibleName("Previous item (Alt+Left)")
        self.next_button = QPushButton("Ne&xt →")
        self.next_button.setAccessibleName("Next item (Alt+Right)")
        self.previous_button.clicked.connect(lambda: self.step(-1))
        self.next_button.clicked.connect(lambda: self.step(1))
        nav.addWidget(self.previous_button)
        nav.addStretch(1)
        nav.addWidget(self.next_button)
        reading = QWidget()
        right_column = QVBoxLayout(reading)
        right_column.setContentsMargins(0, 0, 12, 12)
        right_column.addWidget(scroll, 1)
        right_column.addWidget(self.view.marks_bar)
        right_column.addLayout(nav)
        right = clamp(reading)  # Previous and Next stay beside the text they move through

        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(1, 3)
        splitter.setSizes([300, 700])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)
        # Tab as it reads: the note (last in the scrolling text) before the marks below it. The marks bar was
        # made first, so Tab jumped from the text to Done and came back up to the note after Undo.
        chain = [self.view.note, *self.view.buttons.values(), self.previous_button, self.next_button]
        for first, second in pairwise(chain):
            QWidget.setTabOrder(first, second)

        QShortcut(QKeySequence("Alt+Right"), self, lambda: self.step(1))
        QShortcut(QKeySequence("Alt+Left"), self, lambda: self.step(-1))
        QShortcut(QKeySequence("Ctrl+F"), self, self.search.setFocus)
        self.platform_filter.currentIndexChanged.connect(self._platform_changed)
        self.theme_filter.currentIndexChanged.connect(self.reload)
        self.search.textChanged.connect(self.reload)
        self.list.currentItemChanged.connect(self._current_changed)
        self.view.marked.connect(self._marked)
        self.reload_platforms()

    def reload_platforms(self) -> None:
        current = self.platform_filter.currentData()
        self.platform_filter.blockSignals(True)
        self.platform_filter.clear()
        self.platform_filter.addItem("All my platforms", None)
        for platform in self.tracker.selected_platforms():
            self.platform_filter.addItem(platform.name, platform.id)
        visiting = self.tracker.catalog.platform(self._visiting) if self._visiting else None
        if visiting is not None and visiting not in self.tracker.selected_platforms():
            self.platform_filter.addItem(f"{visiting.name} (not one of your platforms)", visiting.id)
        index = self.platform_filter.findData(current)
        self.platform_filter.setCurrentIndex(max(index, 0))
        self.platform_filter.blockSignals(False)
        self.reload()

    def _current_platform(self) -> Platform | None:
        platform_id = self.platform_filter.currentData()
        return self.tracker.catalog.platform(platform_id) if platform_id else None

    def _platform_changed(self) -> None:
        platform = self._current_platform()
        if platform is not None:
            self.tracker.mark_seen(platform)
        self.reload()

    def reload(self) -> None:
        keep = self.view.item.key if self.view.item else None
        theme = self.theme_filter.currentData()  # Qt hands the enum back as its plain string value
        items = self.tracker.items(
            theme=Theme(theme) if theme else None, text=self.search.text(), platform=self._current_platform()
        )
        self.list.blockSignals(True)
        self.list.clear()
        for item in items:
            entry = QListWidgetItem(self._row_text(item))
            entry.setData(Qt.ItemDataRole.UserRole, item.key)
            self.list.addItem(entry)
        self.list.blockSignals(False)
        self.count.setText(f"{len(items)} item{'s' if len(items) != 1 else ''}")
        self.widen_button.setVisible(False)
        if not items and self.search.text().strip() and (theme or self._current_platform()):
            # A filter left from an earlier visit can hide what the person searches for: say so.
            elsewhere = len(self.tracker.items(text=self.search.text()))
            if elsewhere:
                where = self.platform_filter.currentText() if self._current_platform() else ""
                where = " and ".join(w for w in (where, self.theme_filter.currentText() if theme else "") if w)
                self.count.setText(f"No matches in {where}; {elsewhere} in all your platforms and themes.")
                self.widen_button.setVisible(True)
        if keep and any(i.key == keep for i in items):
            self.select(keep)
        else:  # open on what is left to do, not on something already done
            first_open = next((row for row, i in enumerate(items) if not self.tracker.is_settled(i)), 0)
            self.list.setCurrentRow(first_open if items else -1)
        if not items:
            self.view.show_item(None)
            self.previous_button.setEnabled(False)  # nothing to move through
            self.next_button.setEnabled(False)

    def widen_search(self) -> None:
        """Keep the search words, drop the platform and theme filters."""
        for combo in (self.platform_filter, self.theme_filter):
            combo.blockSignals(True)
            combo.setCurrentIndex(0)
            combo.blockSignals(False)
        self.reload()
        self.list.setFocus(Qt.FocusReason.OtherFocusReason)

    def show_open_item(self) -> None:
        """Arriving on the page: rather than an item already settled, show the first one still open."""
        self.reload()
        if self.view.item is not None and self.tracker.is_settled(self.view.item):
            for row in range(self.list.count()):
                item = self.tracker.catalog.item(self.list.item(row).data(Qt.ItemDataRole.UserRole))
                if item is not None and not self.tracker.is_settled(item):
                    self.list.setCurrentRow(row)
                    return

    def _row_text(self, item: Item) -> str:
        status = "Changed, check again" if self.tracker.is_changed(item) else self.tracker.state(item).label
        platform = self.tracker.catalog.platform(item.platform_id)
        prefix = "" if self.platform_filter.currentData() else f"{platform.name if platform else ''}: "
        return f"{status} · {prefix}{item.title}"

    def select(self, key: str) -> None:
        for row in range(self.list.count()):
            if self.list.item(row).data(Qt.ItemDataRole.UserRole) == key:
                self.list.setCurrentRow(row)
                return

    def open_item(self, item: Item) -> None:
        """Show one item, clearing filters that would hide it."""
        if self._visiting != item.platform_id:
            # Shown without adding its platform to the person's choices (the accounts page opens these).
            self._visiting = item.platform_id
            self.reload_platforms()
        self.search.clear()
        self.theme_filter.setCurrentIndex(0)
        index = self.platform_filter.findData(item.platform_id)
        self.platform_filter.setCurrentIndex(max(index, 0))
        self.select(item.key)

    def open_platform(self, platform: Platform) -> None:
        index = self.platform_filter.findData(platform.id)
        if index >= 0:
            self.platform_filter.setCurrentIndex(index)

    def step(self, delta: int) -> None:
        row = self.list.currentRow() + delta
        if 0 <= row < self.list.count():
            self.list.setCurrentRow(row)

    def _current_changed(self, current: QListWidgetItem | None, _previous: QListWidgetItem | None) -> None:
        key = current.data(Qt.ItemDataRole.UserRole) if current else None
        self.view.show_item(self.tracker.catalog.item(key) if key else None)
        row = self.list.currentRow()
        self.previous_button.setEnabled(row > 0)
        self.next_button.setEnabled(0 <= row < self.list.count() - 1)

    def _marked(self, item: Item) -> None:
        current = self.list.currentItem()
        if current is not None and current.data(Qt.ItemDataRole.UserRole) == item.key:
            current.setText(self._row_text(item))
