"""Overview: one most important next step first, then how far along you are."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from socially_aware.progress.session import QUICK_MINUTES, GuidedSession, minutes_for, quick_items
from socially_aware.progress.tracker import Tracker
from socially_aware.ui.guided import minutes_text
from socially_aware.ui.labels import card, clamp, plain
from socially_aware.ui.signals import emit
from socially_aware.ui.untrusted import button_text
from socially_aware.wording import count as counted


def _bar(settled: int, total: int, name: str) -> QWidget:
    """A bar and its count beside it: text drawn over the bar's fill can't be readable on both parts."""
    host = QWidget()
    row = QHBoxLayout(host)
    row.setContentsMargins(0, 0, 0, 0)
    bar = QProgressBar()
    bar.setRange(0, max(total, 1))
    bar.setValue(settled)
    bar.setTextVisible(False)
    bar.setMaximumHeight(14)
    bar.setAccessibleName(f"{name}: {settled} of {total} done")
    count = plain(f"{settled} of {total}", wrap=False)
    count.setMinimumWidth(count.fontMetrics().horizontalAdvance("888 of 888"))
    count.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    row.addWidget(bar, 1)
    row.addWidget(count)
    return host


class OverviewPage(QWidget):
    start = Signal()
    """Start (or continue) the guided session."""
    start_quick = Signal()
    """A short session: the items that matter most, in about fifteen minutes."""
    open_platform = Signal(object)
    review_again = Signal(object)

    def __init__(
        self,
        tracker: Tracker,
        session: Callable[[], GuidedSession | None] = lambda: None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.tracker = tracker
        self._session = session
        self._scroll = QScrollArea(self)
        self._scroll.setWidgetResizable(True)
        self._scroll.setFrameShape(self._scroll.frameShape().NoFrame)
        self._scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # not a Tab stop: Tab moves through what it holds
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self._scroll)
        self.refresh()

    def refresh(self) -> None:
        """Rebuild from the tracker; the old content is replaced whole (the scroll area deletes it)."""
        t = self.tracker
        host = QWidget()
        host.setObjectName("overview")
        layout = QVBoxLayout(host)
        layout.setContentsMargins(32, 24, 32, 24)
        layout.addWidget(plain("Overview", role="h1"))

        queue = t.queue()
        # The card names exactly what the button opens: the session under way, or a new one's first item.
        session = self._session()
        resumable = session.upcoming() if session is not None and not session.quick else None
        step = resumable or (queue[0] if queue else None)
        next_card = card()
        box = QVBoxLayout(next_card)
        box.addWidget(plain("Your next step", role="muted"))
        self.next_title = plain("", role="h2")
        self.next_detail = plain("", role="muted")
        self.next_button = QPushButton()
        self.next_button.setProperty("role", "primary")
        self.next_button.setDefault(True)
        self.next_button.clicked.connect(self.start)
        self.quick_button = QPushButton(f"&I have {QUICK_MINUTES} minutes")
        self.quick_button.clicked.connect(self.start_quick)
        self.quick_detail = plain("", role="muted")
        if step is None:
            self.next_title.setText("All done for now." if t.overall()[1] else "Choose your platforms to begin.")
            self.next_detail.setText("Check back when a platform is due for review.")
            self.next_button.setVisible(False)
            self.quick_button.setVisible(False)
            self.quick_detail.setVisible(False)
        else:
            platform = t.catalog.platform(step.platform_id)
            changed = " (changed since you did it: check again)" if t.is_changed(step) else ""
            self.next_title.setText(f"{platform.name if platform else ''}: {step.title}{changed}")
            minutes = sum(minutes_for(i, t) for i in queue)
            self.next_detail.setText(
                f"{len(queue)} item{'s' if len(queue) != 1 else ''} left, {minutes_text(minutes).replace(' left', '')}, "
                "one at a time, most important first. You can stop whenever you like."
            )
            resuming = resumable is not None or t.overall()[0] > 0
            label = "&Continue where I left off" if resuming else "&Start"
            self.next_button.setText(label)
            self.next_button.setAccessibleName(f"{label.replace('&', '')}: {step.title}")
            quick = quick_items(t)
            platforms = len({i.platform_id for i in quick})
            self.quick_detail.setText(
                f"Short on time? {counted(len(quick), 'item')} that matter most for border staff, across "
                f"{counted(platforms, 'platform')}: where you are, who you work for, your work email."
            )
            self.quick_button.setAccessibleName(
                f"I have {QUICK_MINUTES} minutes: a short session of the {counted(len(quick), 'item')} that matter most"
            )
        box.addWidget(self.next_title)
        box.addWidget(self.next_detail)
        row = QHBoxLayout()
        row.addWidget(self.next_button)
        row.addWidget(self.quick_button)
        row.addStretch(1)
        box.addLayout(row)
        box.addWidget(self.quick_detail)
        layout.addWidget(next_card)

        settled, total = t.overall()
        layout.addSpacing(10)
        layout.addWidget(plain("Overall", role="h2"))
        layout.addWidget(_bar(settled, total, "Overall progress"))

        layout.addSpacing(10)
        layout.addWidget(plain("By theme", role="h2"))
        themes = QGridLayout()
        rows = [(theme, counts) for theme, counts in t.by_theme().items() if counts[1]]
        for row_index, (theme, (done, count)) in enumerate(rows):
            themes.addWidget(plain(theme.label, wrap=False), row_index, 0)
            themes.addWidget(_bar(done, count, f"{theme.label} items"), row_index, 1)
        layout.addLayout(themes)

        layout.addSpacing(10)
        layout.addWidget(plain("By platform", role="h2"))
        platform_grid = QGridLayout()
        for row_index, platform in enumerate(t.selected_platforms()):
            done, count = t.by_platform()[platform.id]
            button = QPushButton(button_text(platform.name))
            button.setAccessibleName(f"Open the {platform.name} checklist")
            button.clicked.connect(lambda _=False, p=platform: emit(self, "open_platform", p))
            platform_grid.addWidget(button, row_index, 0)
            platform_grid.addWidget(_bar(done, count, f"{platform.name} items"), row_index, 1)
        layout.addLayout(platform_grid)

        due = t.due_for_review()
        changed_items = t.changed_since_last_look()
        if due or changed_items:
            layout.addWidget(plain("Needs a look", role="h2"))
        for platform in due:
            row = QHBoxLayout()
            row.addWidget(
                plain(f"{platform.name} is due for its review (every {t.review_months(platform)} months)."), 1
            )
            again = QPushButton("Review again")
            again.setAccessibleName(f"Review {platform.name} again: mark its items to do")
            again.clicked.connect(lambda _=False, p=platform: emit(self, "review_again", p))
            row.addWidget(again)
            layout.addLayout(row)
        for item in changed_items:
            platform = t.catalog.platform(item.platform_id)
            layout.addWidget(plain(f"Changed since you last looked: {platform.name if platform else ''}: {item.title}"))
        layout.addStretch(1)
        self._scroll.setWidget(clamp(host))
