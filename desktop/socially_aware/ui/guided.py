"""The guided session: one item at a time with Done / Not applicable / Later / Skip, then a finish screen."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QKeySequence, QResizeEvent, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from socially_aware.progress.model import ItemState
from socially_aware.progress.session import QUICK_MINUTES, GuidedSession, Summary
from socially_aware.progress.tracker import Tracker
from socially_aware.ui.item_details import ItemDetails
from socially_aware.ui.labels import card, clamp, plain
from socially_aware.ui.scrolling import page_scroll
from socially_aware.ui.signals import emit


def minutes_text(minutes: int) -> str:
    if minutes <= 0:
        return "almost done"
    if minutes < 60:
        return f"about {minutes} minute{'s' if minutes != 1 else ''} left"
    hours, rest = divmod(minutes, 60)
    return f"about {hours} h {rest:02d} min left"


class _FittingScroll(QScrollArea):
    """As tall as its text when there is room, scrolling only when there is not: the buttons below
    then sit right under the text on a tall screen and stay in view on a short one."""

    def sizeHint(self) -> QSize:
        inner = self.widget()
        if inner is None:
            return QSize(0, 0)
        hint = inner.sizeHint()
        height = inner.heightForWidth(self.viewport().width()) if inner.hasHeightForWidth() else -1
        return QSize(hint.width(), (height if height > 0 else hint.height()) + 2 * self.frameWidth())

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width():
            self.updateGeometry()  # wrapped text is taller when narrower

    def minimumSizeHint(self) -> QSize:
        return QSize(0, 80)


def _scrolling(content: QWidget, reading: str) -> QScrollArea:
    return page_scroll(content, reading=reading, area=_FittingScroll())


def _pinned(row: QHBoxLayout | QVBoxLayout, top_margin: int = 8) -> QWidget:
    """Kept in view above or below the scrolling text, in the same reading column."""
    bar = QWidget()
    row.setContentsMargins(32, top_margin, 32, 12)
    bar.setLayout(row)
    return clamp(bar)


class GuidedPage(QWidget):
    """Shows the session's current item; every answer moves on to the next one."""

    finished = Signal()
    leave = Signal()

    def __init__(self, tracker: Tracker, open_link: Callable[[str], bool], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tracker = tracker
        self.session: GuidedSession | None = None
        content = QWidget()
        column = QVBoxLayout(content)
        column.setContentsMargins(32, 8, 32, 12)
        self.where = plain("", role="muted")
        self.where.setAccessibleDescription("Where you are in the session")
        self.bar = QProgressBar()
        self.bar.setTextVisible(False)
        self.bar.setMaximumHeight(8)
        self.bar.setAccessibleName("Session progress")
        self.earlier = plain("", role="muted")
        self.earlier.setAccessibleDescription("What you chose for this item earlier in this session")
        top = QVBoxLayout()
        top.addWidget(self.where)
        top.addWidget(self.bar)
        top.addWidget(self.earlier)
        self.details = ItemDetails(tracker, open_link, fold_why=True)
        column.addWidget(self.details)

        answers = QHBoxLayout()
        self.done_button = QPushButton("&Done")
        self.done_button.setProperty("role", "primary")
        self.done_button.setAccessibleName("Done: I did this. Go to the next item")
        self.done_button.setDefault(True)
        self.not_applicable_button = QPushButton("&Not applicable")
        self.not_applicable_button.setAccessibleName("Not applicable to me. Go to the next item")
        self.later_button = QPushButton("&Later")
        self.later_button.setAccessibleName("Do this later. Go to the next item")
        self.skip_button = QPushButton("&Skip")
        self.skip_button.setAccessibleName("Skip for now without marking it")
        self.back_button = QPushButton("← &Back")
        self.back_button.setAccessibleName("Back to the previous item")
        # The same width whatever Done says ("Done (again)"), so no button moves from one item to the next.
        self.done_button.setMinimumWidth(self.done_button.fontMetrics().horizontalAdvance("Done (again)") + 48)
        for button in (self.done_button, self.not_applicable_button, self.later_button, self.skip_button):
            answers.addWidget(button)
        answers.addStretch(1)
        answers.addWidget(self.back_button)
        bottom = QVBoxLayout()
        bottom.addLayout(answers)
        bottom.addWidget(
            plain("Enter marks it done. Esc leaves the session; Overview brings you back here.", role="muted")
        )
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        self._scroll = _scrolling(content, "The item's text (arrow keys scroll it)")
        outer.addWidget(_pinned(top, top_margin=20))  # where you are stays in view while the steps scroll
        # The text takes the space between; the buttons stay at the foot of the page, in the same place for
        # every item however long its text (a short item's buttons used to ride up under it).
        outer.addWidget(clamp(self._scroll), 1)  # the scroll bar sits by the text, which lines up with the buttons
        outer.addWidget(_pinned(bottom))

        self.done_button.clicked.connect(lambda: self._answer(ItemState.DONE))
        self.not_applicable_button.clicked.connect(lambda: self._answer(ItemState.NOT_APPLICABLE))
        self.later_button.clicked.connect(lambda: self._answer(ItemState.LATER))
        self.skip_button.clicked.connect(self._skip)
        self.back_button.clicked.connect(self._back)
        leave = QShortcut(QKeySequence(Qt.Key.Key_Escape), self)
        leave.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        leave.activated.connect(self.leave)  # signal to signal, relayed by Qt: no Python emit (ui/signals.py)

    def start(self, session: GuidedSession) -> None:
        self.session = session
        session.resume()
        self.show_current()

    def show_current(self) -> None:
        session = self.session
        item = session.current() if session else None
        if session is None or item is None:
            emit(self, "finished")
            return
        platform = session.platform()
        kind = f"{QUICK_MINUTES}-minute session · " if session.quick else ""
        self.where.setText(
            f"{kind}Item {session.number} of {session.total} · {platform.name if platform else ''} · "
            f"{minutes_text(session.minutes_left())}"
        )
        earlier = session.earlier_answer()
        self.earlier.setText(
            f"Earlier in this session you chose: {earlier}. Choose again to change it, or Skip to keep it."
            if earlier
            else ""
        )
        self.earlier.setVisible(bool(earlier))
        self.bar.setRange(0, max(session.total, 1))
        self.bar.setValue(session.position)
        self.details.show_item(item)
        self._scroll.updateGeometry()
        self._scroll.verticalScrollBar().setValue(0)
        self.back_button.setEnabled(session.position > 0)
        state = self.tracker.state(item)
        self.done_button.setText("&Done" if state is not ItemState.DONE else "&Done (again)")
        # Focus lands on Done for each new item: a screen reader then reads which item it is.
        self.done_button.setAccessibleDescription(
            f"{self.where.text()}. {item.title}" + (f". {self.earlier.text()}" if earlier else "")
        )
        self.done_button.setFocus(Qt.FocusReason.OtherFocusReason)

    def _answer(self, state: ItemState) -> None:
        if self.session is not None:
            self.session.answer(state)
            self.show_current()

    def _skip(self) -> None:
        if self.session is not None:
            self.session.skip()
            self.show_current()

    def _back(self) -> None:
        if self.session is not None:
            self.session.back()
            self.show_current()


class FinishPage(QWidget):
    """What was done, what is left and why, and when each platform is due for review."""

    back = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        content = QWidget()
        column = QVBoxLayout(content)
        column.setContentsMargins(32, 24, 32, 24)
        self.title = plain("", role="h1")
        self.summary_line = plain("")
        column.addWidget(self.title)
        column.addWidget(self.summary_line)
        self.done_heading = plain("Done in this session", role="h2")
        self.done_list = plain("")
        self.done_list.setAccessibleDescription("Done in this session")
        self.not_applicable_heading = plain("Not applicable to you", role="h2")
        self.not_applicable_list = plain("")
        self.not_applicable_list.setAccessibleDescription("Marked not applicable in this session")
        self.left_heading = plain("Still open, and why", role="h2")
        self.left_list = plain("")
        self.left_list.setAccessibleDescription("Still open, and why")
        reviews = card()
        box = QVBoxLayout(reviews)
        box.addWidget(plain("When to look again", role="h2"))
        self.review_list = plain("")
        self.review_list.setAccessibleDescription("When each platform is due for review")
        box.addWidget(self.review_list)
        box.addWidget(
            plain(
                "Platforms change their settings: the app reminds you on the Overview when a review is "
                "due. Change how often in Settings.",
                role="muted",
            )
        )
        # What is left matters more than what is done: it comes first, then when to look again.
        for widget in (self.left_heading, self.left_list):
            column.addWidget(widget)
        column.addSpacing(8)
        column.addWidget(reviews)
        for widget in (self.done_heading, self.done_list, self.not_applicable_heading, self.not_applicable_list):
            column.addWidget(widget)
        row = QHBoxLayout()
        self.back_button = QPushButton("&Back to the overview")
        self.back_button.setProperty("role", "primary")
        self.back_button.setAccessibleName("Back to the overview")
        self.back_button.setDefault(True)
        self.back_button.clicked.connect(self.back)
        row.addWidget(self.back_button)
        row.addStretch(1)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        self._scroll = _scrolling(content, "What this session did and what is left (arrow keys scroll it)")
        outer.addWidget(clamp(self._scroll))
        outer.addWidget(_pinned(row))
        outer.addStretch(1)

    def show_summary(self, summary: Summary, tracker: Tracker) -> None:
        def name(platform_id: str) -> str:
            platform = tracker.catalog.platform(platform_id)
            return platform.name if platform else platform_id

        done, left, not_applicable = summary.done, summary.left, summary.not_applicable
        if summary.quick:
            self.title.setText(f"Your {QUICK_MINUTES} minutes are up" if left else "The most important items are done")
        else:
            self.title.setText("All done for now" if not left else "That's the end of this session")
        marked = f" and marked {len(not_applicable)} not applicable" if not_applicable else ""
        self.summary_line.setText(
            f"You did {len(done)} item{'s' if len(done) != 1 else ''}{marked} in this session. "
            + (
                "Nothing is left on your platforms."
                if not left
                else f"{len(left)} item{'s are' if len(left) != 1 else ' is'} still open: "
                f'"Continue where I left off" on the Overview picks {"them" if len(left) != 1 else "it"} up.'
            )
        )
        if summary.quick:
            more = (
                f" {summary.rest} more item{'s' if summary.rest != 1 else ''} wait for a full session: "
                '"Start" or "Continue where I left off" on the Overview.'
                if summary.rest
                else ""
            )
            self.summary_line.setText(
                f"You did {len(done)} of the {len(done) + len(left) + len(not_applicable)} items that matter "
                f"most for border staff{marked}.{more}"
            )
        self.done_list.setText("\n".join(f"✓  {name(i.platform_id)}: {i.title}" for i in done))
        self.done_heading.setVisible(bool(done))
        self.done_list.setVisible(bool(done))
        self.not_applicable_list.setText("\n".join(f"•  {name(i.platform_id)}: {i.title}" for i in not_applicable))
        self.not_applicable_heading.setVisible(bool(not_applicable))
        self.not_applicable_list.setVisible(bool(not_applicable))
        self.left_list.setText(
            "\n".join(f"•  {name(entry.item.platform_id)}: {entry.item.title}. {entry.reason}" for entry in left)
        )
        self.left_heading.setVisible(bool(left))
        self.left_list.setVisible(bool(left))
        lines = []
        for review in summary.reviews:
            counts = f"{review.settled - review.not_applicable} of {review.total} done"
            if review.not_applicable:
                counts += f", {review.not_applicable} not applicable"
            if review.due is not None:
                when = f"next review on {review.due.day} {review.due:%B %Y}"
            else:
                when = f"a review every {review.every_months} months, counted from when all are done"
            lines.append(f"{review.platform.name}: {counts}. {when[0].upper()}{when[1:]}.")
        self.review_list.setText("\n".join(lines) or "No platforms chosen.")
        self._scroll.updateGeometry()
        self.back_button.setFocus(Qt.FocusReason.OtherFocusReason)
