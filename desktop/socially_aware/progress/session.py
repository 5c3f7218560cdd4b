"""A guided session: what is left, one item at a time, most important first. Pure logic, no Qt.

The session fixes its list of items when it starts, so "Item 3 of 25" keeps meaning the same thing
while the person works; every answer goes through the Tracker, which records and reports it.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date

from socially_aware.catalog.model import Category, Item, Platform, Theme
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


QUICK_MINUTES = 15
"""The short session: what matters most for border staff, in about this long."""


def _quick_tier(item: Item, category: Category | None) -> int | None:
    """How early the short session takes `item`; None leaves it to the full session.

    Border staff are found first by where they are (location sharing, where photos were taken), then by
    who they work for on a public profile, then by accounts on an official email, then by activity maps
    that draw a route from their door.
    """
    about_location = item.theme is Theme.LOCATION or "location" in item.title.casefold()
    if about_location and category is not Category.FITNESS:
        return 0
    if item.theme is Theme.EMPLOYER:
        return 1
    if item.theme is Theme.OFFICIAL_EMAIL:
        return 2
    if item.theme is Theme.LOCATION:
        return 3
    return None


def quick_items(tracker: Tracker, minutes: int = QUICK_MINUTES) -> list[Item]:
    """The few open items that matter most, across the person's platforms, that fit in `minutes`.

    Each platform's first item of every tier comes before any platform's second item of any tier, so
    fifteen minutes cover every platform's biggest risks before going deeper into one. Always one item.
    """
    tiers: dict[int, list[Item]] = {}
    for item in tracker.queue():
        platform = tracker.catalog.platform(item.platform_id)
        tier = _quick_tier(item, platform.category if platform else None)
        if tier is not None:
            tiers.setdefault(tier, []).append(item)
    ranked: list[tuple[int, int, int, Item]] = []
    for tier, members in tiers.items():
        rounds: dict[str, int] = {}
        for position, item in enumerate(members):
            turn = rounds.get(item.platform_id, 0)
            rounds[item.platform_id] = turn + 1
            ranked.append((turn, tier, position, item))
    ordered = [item for *_, item in sorted(ranked, key=lambda entry: entry[:3])]
    chosen: list[Item] = []
    used = 0
    for item in ordered:
        cost = minutes_for(item, tracker)
        if not chosen or used + cost <= minutes:
            chosen.append(item)
            used += cost
    return chosen


class Answer:
    """What the person chose for an item earlier in this session, as the guided page says it."""

    DONE = "Done"
    NOT_APPLICABLE = "Not applicable"
    LATER = "Later"
    SKIPPED = "Skipped"


_ANSWERS = {ItemState.DONE: Answer.DONE, ItemState.NOT_APPLICABLE: Answer.NOT_APPLICABLE, ItemState.LATER: Answer.LATER}


@dataclass(frozen=True)
class Summary:
    done: list[Item]
    """Marked done during this session."""
    left: list[LeftItem]
    """Everything still open on the person's platforms, with why."""
    reviews: list[PlatformReview]
    not_applicable: list[Item]
    """Marked not applicable during this session: settled, but not something the person did."""
    quick: bool = False
    """A short session: `left` holds only its own items; `rest` counts what the full session still has."""
    rest: int = 0


def minutes_for(item: Item, tracker: Tracker) -> int:
    lines = sum(len(steps) for _, steps in item.steps_for(tracker.surfaces()))
    return MINUTES_PER_ITEM + math.ceil(lines / STEPS_PER_MINUTE)


class GuidedSession:
    def __init__(self, tracker: Tracker, items: list[Item] | None = None) -> None:
        """The full session (everything open), or a short one over `items` (see `quick_items`)."""
        self.tracker = tracker
        self.quick = items is not None
        self.items: list[Item] = list(items) if items is not None else tracker.queue()
        self.position = 0
        self._skipped: set[str] = set()
        self._settled_here: list[Item] = []
        self._answers: dict[str, str] = {}

    @classmethod
    def quick_session(cls, tracker: Tracker, minutes: int = QUICK_MINUTES) -> GuidedSession:
        return cls(tracker, quick_items(tracker, minutes))

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
        self._answers[item.key] = _ANSWERS[state]
        self._skipped.discard(item.key)
        if self.tracker.is_settled(item) and item not in self._settled_here:
            self._settled_here.append(item)
        self._advance()

    def skip(self) -> None:
        item = self.current()
        if item is not None:
            self._skipped.add(item.key)
            self._answers[item.key] = Answer.SKIPPED
            self._advance()

    def back(self) -> None:
        self.position = max(0, self.position - 1)

    def earlier_answer(self) -> str | None:
        """What the person chose for the current item earlier in this session (after Back), if anything."""
        item = self.current()
        return self._answers.get(item.key) if item is not None else None

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
        mine = {i.key for i in self.items}
        open_items = [i for i in t.queue() if not self.quick or i.key in mine]
        for item in open_items:
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
            quick=self.quick,
            rest=sum(i.key not in mine for i in t.queue()) if self.quick else 0,
        )
