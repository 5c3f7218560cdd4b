"""A guided session: what is left, one item at a time, most important first. Pure logic, no Qt.

The session fixes its list of items when it starts, so "Item 3 of 25" keeps meaning the same thing
while the person works; every answer goes through the Tracker, which records and reports it.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date

from socially_aware.catalog.model import Item, Platform
from socially_aware.progress.model import ItemState
from socially_aware.progress.tracker import Tracker

MINUTES_PER_ITEM = 1
"""Reading the item and opening the page, before any step."""
STEPS_PER_MINUTE = 2


class Reason:
    """Why an item is still open, in the person's words."""

    LATER = "You chose to do it later."
    SKIPPED = "You skipped it."
    CHANGED = "The steps changed since you did it: check again."
    NOT_REACHED = "Not reached yet."


@dataclass(frozen=True)
class LeftItem:
    item: Item
    reason: str


@dataclass(frozen=True)
class PlatformReview:
    platform: Platform
    settled: int
    """Done or not applicable."""
    total: int
    due: date | None
    """None until every item of the platform is settled."""
    every_months: int
    not_applicable: int = 0


@dataclass(frozen=True)
class Summary:
    done: list[Item]
    """Marked done during this session."""
    left: list[LeftItem]
    """Everything still open on the person's platforms, with why."""
    reviews: list[PlatformReview]
    not_applicable: list[Item]
    """Marked not applicable during this session: settled, but not something the person did."""


def minutes_for(item: Item, tracker: Tracker) -> int:
    lines = sum(len(steps) for _, steps in item.steps_for(tracker.surfaces()))
    return MINUTES_PER_ITEM + math.ceil(lines / STEPS_PER_MINUTE)


class GuidedSession:
    def __init__(self, tracker: Tracker) -> None:
        self.tracker = tracker
        self.items: list[Item] = tracker.queue()
        self.position = 0
        self._skipped: set[str] = set()
        self._settled_here: list[Item] = []

    # -- where we are --------------------------------------------------------------------------
    @property
    def total(self) -> int:
        return len(self.items)

    @property
    def number(self) -> int:
        """1-based number of the current item ("Item 3 of 25")."""
        return min(self.position + 1, self.total)

    @property
    def finished(self) -> bool:
        return self.position >= self.total

    def current(self) -> Item | None:
        return None if self.finished else self.items[self.position]

    def platform(self) -> Platform | None:
        item = self.current()
        return self.tracker.catalog.platform(item.platform_id) if item else None

    def upcoming(self) -> Item | None:
        """The item "Continue" opens: the current one, or the next still open if it was settled elsewhere."""
        return next((i for i in self.items[self.position :] if not self.tracker.is_settled(i)), None)

    def minutes_left(self) -> int:
        return sum(minutes_for(i, self.tracker) for i in self.items[self.position :] if not self.tracker.is_settled(i))

    # -- moving on -----------------------------------------------------------------------------
    def answer(self, state: ItemState) -> None:
        """Done, not applicable or later: record it, then go to the next item still open."""
        item = self.current()
        if item is None:
            return
        self.tracker.mark(item, state)
        self._skipped.discard(item.key)
        if self.tracker.is_settled(item) and item not in self._settled_here:
            self._settled_here.append(item)
        self._advance()

    def skip(self) -> None:
        item = self.current()
        if item is not None:
            self._skipped.add(item.key)
            self._advance()

    def back(self) -> None:
        self.position = max(0, self.position - 1)

    def resume(self) -> None:
        """Coming back after browsing: pass over items the person settled elsewhere meanwhile."""
        while not self.finished and self.tracker.is_settled(self.items[self.position]):
            self.position += 1

    def _advance(self) -> None:
        self.position += 1
        self.resume()

    # -- the end -------------------------------------------------------------------------------
    def summary(self) -> Summary:
        t = self.tracker
        left = []
        for item in t.queue():
            if t.is_changed(item):
                reason = Reason.CHANGED
            elif t.state(item) is ItemState.LATER:
                reason = Reason.LATER
            elif item.key in self._skipped:
                reason = Reason.SKIPPED
            else:
                reason = Reason.NOT_REACHED
            left.append(LeftItem(item, reason))
        reviews = []
        for platform in t.selected_platforms():
            settled = sum(t.is_settled(i) for i in platform.items)
            not_applicable = sum(t.state(i) is ItemState.NOT_APPLICABLE for i in platform.items)
            reviews.append(
                PlatformReview(
                    platform,
                    settled,
                    len(platform.items),
                    t.review_due_on(platform),
                    t.review_months(platform),
                    not_applicable,
                )
            )
        here = [i for i in self._settled_here if t.is_settled(i)]
        return Summary(
            [i for i in here if t.state(i) is ItemState.DONE],
            left,
            reviews,
            [i for i in here if t.state(i) is ItemState.NOT_APPLICABLE],
        )
