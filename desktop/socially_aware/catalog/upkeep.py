"""Catalog upkeep: which items are due to be compared with their platform's help page again."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from socially_aware.catalog.model import Item, Platform

REVIEW_AFTER_DAYS = 180
"""An item checked longer ago than this is stale: platforms move their menus every few months."""


@dataclass(frozen=True)
class Stale:
    """An item whose steps were last checked too long ago, or never."""

    platform: Platform
    item: Item
    age_days: int | None
    """Days since `item.checked`; None when it was never checked."""

    def describe(self) -> str:
        if self.item.checked is None:
            return f"{self.item.id}: never checked"
        return f"{self.item.id}: checked {self.item.checked.isoformat()} ({self.age_days} days ago)"


def stale_items(platforms: Iterable[Platform], days: int, today: date) -> list[Stale]:
    """Items checked more than `days` days before `today`, or never, in file order."""
    found = []
    for platform in platforms:
        for item in platform.items:
            age = (today - item.checked).days if item.checked else None
            if age is None or age > days:
                found.append(Stale(platform, item, age))
    return found


@dataclass(frozen=True)
class Confirmation:
    """How far the checked items can be trusted, for `validate`'s summary line."""

    confirmed: int
    """Items whose steps were compared word for word with the platform's own help page."""
    unconfirmed: int
    stale: int
    """Items (of either kind) checked more than `REVIEW_AFTER_DAYS` ago, or never."""

    def describe(self) -> str:
        total = self.confirmed + self.unconfirmed
        return (
            f"{total} item(s): {self.confirmed} confirmed against the platform's own help, "
            f"{self.unconfirmed} not yet confirmed, {self.stale} stale "
            f"(checked more than {REVIEW_AFTER_DAYS} days ago, or never)"
        )


def confirmation(platforms: Iterable[Platform], today: date) -> Confirmation:
    listed = tuple(platforms)
    items = [item for platform in listed for item in platform.items]
    confirmed = sum(1 for item in items if item.confirmed)
    stale = len(stale_items(listed, REVIEW_AFTER_DAYS, today))
    return Confirmation(confirmed, len(items) - confirmed, stale)
