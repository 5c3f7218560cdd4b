"""Checklists: the whole catalog filterable by platform, theme and text, and one item at a time."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
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

from socially_aware.catalog.model import Item, Theme
from socially_aware.progress.model import ItemState
from socially_aware.progress.tracker import Tracker
from socially_aware.ui.labels import plain
from socially_aware.ui.links import open_catalog_link
from socially_aware.ui.untrusted import tooltip

_MARK = {ItemState.TODO: "○", ItemState.DONE: "✓", ItemState.NOT_APPLICABLE: "–", ItemState.LATER: "…"}


class ItemView(QWidget):
    """One checklist item: why, steps for your devices, the settings link, how to check, and marks."""

    marked = Signal(str, str)
    """(item key, state value)"""
    note_changed = Signal(str, str)

    def __init__(self, tracker: Tracker, open_link: Callable[[str], bool], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tracker = tracker
        self.item: Item | None = None
        self._open_link = open_link
        outer = QVBoxLayout(self)
        outer.setContentsMargins(24, 16, 24, 16)
        self.platform_label = plain("", role="muted")
        self.title = plain("", role="h1")
        self.badge = plain("Changed: check again", role="badge")
        self.badge.setAccessibleName("This item changed since you did it: check again")
        self.state_label = plain("", role="muted")
        self.why = plain("")
        self.policy = plain("", role="muted")
        self.steps = plain("")
        self.verify = plain("")
        self.link_button = QPushButton("&Open this settings page")
        self.link_button.setAccessibleName("Open this settings page in your web browser")
        self.link_button.clicked.connect(self._open)
        self.link_hint = plain("", role="muted")

        header = QHBoxLayout()
        header.addWidget(self.title, 1)
        header.addWidget(self.badge, 0, Qt.AlignmentFlag.AlignTop)
        outer.addWidget(self.platform_label)
        outer.addLayout(header)
        outer.addWidget(self.state_label)
        for heading, widget in (("Why it matters", self.why), (None, self.policy), ("Steps", self.steps)):
            if heading:
                outer.addWidget(plain(heading, role="h2"))
            outer.addWidget(widget)
        link_row = QHBoxLayout()
        link_row.addWidget(self.link_button)
        link_row.addWidget(self.link_hint, 1)
        outer.addLayout(link_row)
        outer.addWidget(plain("Check it worked", role="h2"))
        outer.addWidget(self.verify)

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
        outer.addLayout(marks)
        outer.addWidget(plain("Private note (kept encrypted on this computer)", role="muted"))
        self.note = QPlainTextEdit()
        self.note.setAccessibleName("Private note for this item")
        self.note.setTabChangesFocus(True)
        self.note.setMaximumHeight(80)
        self._note_timer = QTimer(self)
        self._note_timer.setSingleShot(True)
        self._note_timer.setInterval(600)
        self._note_timer.timeout.connect(self._save_note)
        self.note.textChanged.connect(self._note_timer.start)
        outer.addWidget(self.note)
        outer.addStretch(1)
        self.show_item(None)

    def show_item(self, item: Item | None) -> None:
        self.flush_note()
        self.item = item
        has = item is not None
        for widget in (self.link_button, self.note, *self.buttons.values()):
            widget.setEnabled(has)
        if item is None:
            self.platform_label.setText("")
            self.title.setText("Choose an item")
            for label in (self.why, self.policy, self.steps, self.verify, self.state_label, self.link_hint):
                label.setText("")
            self.badge.setVisible(False)
            return
        t = self.tracker
        platform = t.catalog.platform(item.platform_id)
        self.platform_label.setText(f"{platform.name if platform else item.platform_id} · {item.theme.label}")
        self.title.setText(item.title)
        self.badge.setVisible(t.is_changed(item))
        self.why.setText(item.why)
        sections = [s for pid in item.policy if (s := t.catalog.organisation.section(pid))]
        self.policy.setText("\n".join(f"Policy: {s.ref}: {s.title}" for s in sections))
        blocks = []
        for surface, lines in item.steps_for(t.surfaces()):
            numbered = "\n".join(f"{n}. {line}" for n, line in enumerate(lines, start=1))
            blocks.append(numbered if len(item.steps) == 1 else f"{surface.label}\n{numbered}")
        self.steps.setText("\n\n".join(blocks))
        self.verify.setText(item.verify)
        self.link_hint.setText(item.link)
        self.link_button.setToolTip(tooltip(item.link))
        progress = t.progress_of(item)
        self.note.blockSignals(True)
        self.note.setPlainText(progress.note if progress else "")
        self.note.blockSignals(False)
        self._refresh_state()

    def _refresh_state(self) -> None:
        if self.item is None:
            return
        state = self.tracker.state(self.item)
        progress = self.tracker.progress_of(self.item)
        when = f" on {progress.when.astimezone().strftime('%d %b %Y')}" if progress and state is not ItemState.TODO else ""
        self.state_label.setText(f"Status: {state.label}{when}")
        for button_state, button in self.buttons.items():
            if button.isCheckable():
                button.setChecked(button_state is state)

    def _mark(self, state: ItemState) -> None:
        if self.item is not None:
            self.flush_note()
            self.marked.emit(self.item.key, state.value)
            self._refresh_state()
            self.badge.setVisible(self.tracker.is_changed(self.item))

    def _open(self) -> None:
        if self.item is not None:
            self._open_link(self.item.link)

    def _save_note(self) -> None:
        if self.item is not None:
            self.note_changed.emit(self.item.key, self.note.toPlainText())

    def flush_note(self) -> None:
        if self._note_timer.isActive():
            self._note_timer.stop()
            self._save_note()


class ChecklistPage(QWidget):
    changed = Signal()

    def __init__(self, tracker: Tracker, open_link: Callable[[str], bool] = open_catalog_link, parent: QWidget | None = None) -> None:
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
        self.count = plain("", role="muted")
        for widget in (self.platform_filter, self.theme_filter, self.search, self.list, self.count):
            column.addWidget(widget)

        self.view = ItemView(tracker, open_link)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
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
        right = QWidget()
        right_column = QVBoxLayout(right)
        right_column.setContentsMargins(0, 0, 12, 12)
        right_column.addWidget(scroll, 1)
        right_column.addLayout(nav)

        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(1, 3)
        splitter.setSizes([300, 700])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)

        QShortcut(QKeySequence("Alt+Right"), self, lambda: self.step(1))
        QShortcut(QKeySequence("Alt+Left"), self, lambda: self.step(-1))
        QShortcut(QKeySequence("Ctrl+F"), self, self.search.setFocus)
        self.platform_filter.currentIndexChanged.connect(self._platform_changed)
        self.theme_filter.currentIndexChanged.connect(self.reload)
        self.search.textChanged.connect(self.reload)
        self.list.currentItemChanged.connect(self._current_changed)
        self.view.marked.connect(self._marked)
        self.view.note_changed.connect(self._note_changed)
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

    def _platform_changed(self) -> None:
        platform_id = self.platform_filter.currentData()
        if platform_id:
            self.tracker.mark_seen(platform_id)
            self.changed.emit()
        self.reload()

    def reload(self) -> None:
        keep = self.view.item.key if self.view.item else None
        theme = self.theme_filter.currentData()  # Qt hands the enum back as its plain string value
        items = self.tracker.items(
            theme=Theme(theme) if theme else None, text=self.search.text(), platform_id=self.platform_filter.currentData()
        )
        self.list.blockSignals(True)
        self.list.clear()
        for item in items:
            entry = QListWidgetItem(self._row_text(item))
            entry.setData(Qt.ItemDataRole.UserRole, item.key)
            self.list.addItem(entry)
        self.list.blockSignals(False)
        self.count.setText(f"{len(items)} item{'s' if len(items) != 1 else ''}")
        self.select(keep) if keep and any(i.key == keep for i in items) else self.list.setCurrentRow(0 if items else -1)
        if not items:
            self.view.show_item(None)

    def _row_text(self, item: Item) -> str:
        state = self.tracker.state(item)
        mark = "!" if self.tracker.is_changed(item) else _MARK[state]
        platform = self.tracker.catalog.platform(item.platform_id)
        prefix = "" if self.platform_filter.currentData() else f"{platform.name if platform else ''}: "
        return f"{mark}  {prefix}{item.title}"

    def select(self, key: str) -> None:
        for row in range(self.list.count()):
            if self.list.item(row).data(Qt.ItemDataRole.UserRole) == key:
                self.list.setCurrentRow(row)
                return

    def open_item(self, key: str) -> None:
        """Show one item, clearing filters that would hide it."""
        item = self.tracker.catalog.item(key)
        if item is None:
            return
        if self._visiting != item.platform_id:
            # Shown without adding its platform to the person's choices (the accounts page opens these).
            self._visiting = item.platform_id
            self.reload_platforms()
        self.search.clear()
        self.theme_filter.setCurrentIndex(0)
        index = self.platform_filter.findData(item.platform_id)
        self.platform_filter.setCurrentIndex(max(index, 0))
        self.select(key)

    def open_platform(self, platform_id: str) -> None:
        index = self.platform_filter.findData(platform_id)
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

    def _marked(self, key: str, state: str) -> None:
        item = self.tracker.catalog.item(key)
        if item is None:
            return
        self.tracker.mark(item, ItemState(state))
        current = self.list.currentItem()
        if current is not None:
            current.setText(self._row_text(item))
        self.changed.emit()

    def _note_changed(self, key: str, note: str) -> None:
        item = self.tracker.catalog.item(key)
        if item is not None:
            self.tracker.set_note(item, note)
            self.changed.emit()
