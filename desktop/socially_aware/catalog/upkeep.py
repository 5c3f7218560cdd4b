"""Catalog upkeep: which items are due to be compared with their platform's help page again."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from socially_aware.catalog.model import Item, Platform


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
