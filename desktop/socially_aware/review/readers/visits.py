"""Location histories summed up as places: a history holds a point a minute for years, and the person
needs to hear about the few places it gives away (home, work, a routine), not about every point.

Points are counted on a grid of cells about `limits.REPEAT_RADIUS_M` wide, by distinct day; a cell
seen on `limits.REPEAT_MIN` days or more becomes one record. Named visits (Google's semantic
places, Snapchat's places) are counted by place. Memory is bounded by `limits.MAX_VISIT_CELLS`.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time

from socially_aware.review import limits
from socially_aware.review.model import Record, RecordKind
from socially_aware.wording import count


@dataclass
class _Cell:
    lat_sum: float = 0.0
    lon_sum: float = 0.0
    points: int = 0
    days: set[int] = field(default_factory=set)
    name: str = ""
    label: str = ""
    first: datetime | None = None


@dataclass
class Visits:
    """Collects positions of one file; `records()` gives one record per place worth telling about."""

    platform: str
    file: str
    cells: dict[tuple[int, int] | str, _Cell] = field(default_factory=dict)
    dropped: int = 0

    def add(
        self,
        point: tuple[float, float],
        when: datetime | None,
        place_id: str = "",
        name: str = "",
        label: str = "",
    ) -> None:
        cell = self._point(place_id or _grid(point), point)
        if cell is None:
            return
        if when is not None and len(cell.days) < limits.MAX_VISIT_DAYS:
            cell.days.add(when.toordinal())
            cell.first = when if cell.first is None or when < cell.first else cell.first
        cell.name = cell.name or name
        cell.label = cell.label or label

    def add_day(self, point: tuple[float, float], day: int | None) -> None:
        """The fast form of `add` for a plain history point: its day as an ordinal (date.toordinal)."""
        cell = self._point(_grid(point), point)
        if cell is not None and day is not None and len(cell.days) < limits.MAX_VISIT_DAYS:
            cell.days.add(day)

    def _point(self, key: tuple[int, int] | str, point: tuple[float, float]) -> _Cell | None:
        """Counts the point in its cell (made on first use); None when the cell limit drops it."""
        cell = self.cells.get(key)
        if cell is None:
            if len(self.cells) >= limits.MAX_VISIT_CELLS:
                self.dropped += 1
                return None
            cell = self.cells[key] = _Cell()
        cell.lat_sum += point[0]
        cell.lon_sum += point[1]
        cell.points += 1
        return cell

    def records(self) -> list[Record]:
        chosen = [
            (key, cell)
            for key, cell in self.cells.items()
            if cell.label or max(len(cell.days), 1 if not cell.days and cell.name else 0) >= limits.REPEAT_MIN
        ]
        # Labelled places (home, work) first, then the most visited; at most MAX_VISIT_PLACES of them.
        chosen.sort(key=lambda kc: (not kc[1].label, -len(kc[1].days), -kc[1].points))
        out = []
        for key, cell in chosen[: limits.MAX_VISIT_PLACES]:
            lat, lon = round(cell.lat_sum / cell.points, 6), round(cell.lon_sum / cell.points, 6)
            days = len(cell.days)
            how = f"visits on {count(days, 'day')}" if days else count(cell.points, "visit")
            if cell.label:
                how += f", marked as your {cell.label.lower()}"
            identity = key if isinstance(key, str) else f"cell:{key[0]}:{key[1]}"
            first = cell.first
            if first is None and cell.days:
                first = datetime.combine(date.fromordinal(min(cell.days)), time(), UTC)
            out.append(
                Record(
                    self.platform,
                    self.file,
                    identity,
                    RecordKind.PLACE_VISIT,
                    when=first,
                    position=(lat, lon),
                    position_source=how,
                    place=cell.name,
                )
            )
        return out


def _grid(point: tuple[float, float]) -> tuple[int, int]:
    step = limits.REPEAT_RADIUS_M / 111_320.0
    lat_step = step
    lon_step = step / max(math.cos(math.radians(point[0])), 0.01)
    return int(point[0] // lat_step), int(point[1] // lon_step)


_DAYS: dict[str, int | None] = {}


def day_of(stamp: object) -> int | None:
    """The day ("2020-01-31T…" or milliseconds since 1970) as an ordinal; ISO days are cached."""
    if isinstance(stamp, str) and stamp.isdigit():
        stamp = int(stamp)
    if isinstance(stamp, str) and len(stamp) >= 10:
        prefix = stamp[:10]
        day = _DAYS.get(prefix, -1)
        if day == -1:
            try:
                day = date.fromisoformat(prefix).toordinal()
            except ValueError:
                day = None
            if len(_DAYS) < 100_000:
                _DAYS[prefix] = day
        return day
    if isinstance(stamp, int) and not isinstance(stamp, bool) and 0 < stamp < 32_503_680_000_000:
        return datetime.fromtimestamp(stamp / 1000 if stamp > 10_000_000_000 else stamp, UTC).toordinal()
    return None


def e7(value: object) -> float | None:
    """Google's E7 coordinates (latitudeE7: -339400000) as degrees."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return float(value) / 1e7
