"""Overview: one most important next step first, then how far along you are."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from socially_aware.progress.tracker import Tracker
from socially_aware.ui.labels import card, plain
from socially_aware.ui.untrusted import button_text


def _bar(settled: int, total: int, name: str) -> QProgressBar:
    bar = QProgressBar()
    bar.setRange(0, max(total, 1))
    bar.setValue(settled)
    bar.setFormat(f"{settled} of {total}")
    bar.setAccessibleName(f"{name}: {settled} of {total} done")
    return bar


class OverviewPage(QWidget):
    open_item = Signal(str)
    """An item key to show in the checklist."""
    open_platform = Signal(str)
    review_again = Signal(str)

    def __init__(self, tracker: Tracker, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tracker = tracker
        self._scroll = QScrollArea(self)
        self._scroll.setWidgetResizable(True)
        self._scroll.setFrameShape(self._scroll.frameShape().NoFrame)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self._scroll)
        self._next_key: str | None = None
        self.refresh()

    def refresh(self) -> None:
        """Rebuild from the tracker; the old content is replaced whole (the scroll area deletes it)."""
        t = self.tracker
        host = QWidget()
        layout = QVBoxLayout(host)
        layout.setContentsMargins(32, 24, 32, 24)
        layout.addWidget(plain("Overview", role="h1"))

        step = t.next_step()
        next_card = card()
        box = QVBoxLayout(next_card)
        box.addWidget(plain("Your next step", role="muted"))
        self.next_title = plain("", role="h2")
        self.next_detail = plain("", role="muted")
        self.next_button = QPushButton("&Start this step")
        self.next_button.setProperty("role", "primary")
        self.next_button.clicked.connect(self._open_next)
        if step is None:
            self._next_key = None
            self.next_title.setText("All done for now." if t.overall()[1] else "Choose your platforms to begin.")
            self.next_detail.setText("Check back when a platform is due for review.")
            self.next_button.setVisible(False)
        else:
            platform = t.catalog.platform(step.platform_id)
            self._next_key = step.key
            changed = " (changed since you did it: check again)" if t.is_changed(step) else ""
            self.next_title.setText(f"{platform.name if platform else ''}: {step.title}{changed}")
            self.next_detail.setText(step.why)
            self.next_button.setAccessibleName(f"Start the next step: {step.title}")
        box.addWidget(self.next_title)
        box.addWidget(self.next_detail)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.next_button)
        box.addLayout(row)
        layout.addWidget(next_card)

        settled, total = t.overall()
        layout.addWidget(plain("Overall", role="h2"))
        layout.addWidget(_bar(settled, total, "Overall progress"))

        layout.addWidget(plain("By theme", role="h2"))
        themes = QGridLayout()
        rows = [(theme, counts) for theme, counts in t.by_theme().items() if counts[1]]
        for row_index, (theme, (done, count)) in enumerate(rows):
            themes.addWidget(QLabel(theme.label), row_index, 0)
            themes.addWidget(_bar(done, count, f"{theme.label} items"), row_index, 1)
        layout.addLayout(themes)

        layout.addWidget(plain("By platform", role="h2"))
        platforms = QGridLayout()
        for row_index, platform in enumerate(t.selected_platforms()):
            done, count = t.by_platform()[platform.id]
            button = QPushButton(button_text(platform.name))
            button.setAccessibleName(f"Open the {platform.name} checklist")
            button.clicked.connect(lambda _=False, pid=platform.id: self.open_platform.emit(pid))
            platforms.addWidget(button, row_index, 0)
            platforms.addWidget(_bar(done, count, f"{platform.name} items"), row_index, 1)
        layout.addLayout(platforms)

        due = t.due_for_review()
        changed_items = t.changed_since_last_look()
        if due or changed_items:
            layout.addWidget(plain("Needs a look", role="h2"))
        for platform in due:
            row = QHBoxLayout()
            row.addWidget(plain(f"{platform.name} is due for its review (every {t.review_months(platform.id)} months)."), 1)
            again = QPushButton("Review again")
            again.setAccessibleName(f"Review {platform.name} again: mark its items to do")
            again.clicked.connect(lambda _=False, pid=platform.id: self.review_again.emit(pid))
            row.addWidget(again)
            layout.addLayout(row)
        for item in changed_items:
            platform = t.catalog.platform(item.platform_id)
            layout.addWidget(plain(f"Changed since you last looked: {platform.name if platform else ''}: {item.title}"))
        layout.addStretch(1)
        self._scroll.setWidget(host)

    def _open_next(self) -> None:
        if self._next_key:
            self.open_item.emit(self._next_key)

