"""Distances and repeated places, computed here with no map service: haversine on the WGS84 mean radius."""

from __future__ import annotations

import math
from collections.abc import Sequence

from socially_aware.catalog.model import WorkSite

EARTH_RADIUS_M = 6_371_008.8


def distance_m(a: tuple[float, float], b: tuple[float, float]) -> float:
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * EARTH_RADIUS_M * math.asin(min(1.0, math.sqrt(h)))


def nearest_site(point: tuple[float, float], sites: Sequence[WorkSite]) -> tuple[WorkSite, float] | None:
    """The closest site whose radius contains `point`."""
    best: tuple[WorkSite, float] | None = None
    for site in sites:
        # Cheap reject first: a degree of latitude is ~111 km, and no radius is over 50 km.
        if abs(site.lat - point[0]) > 1 or abs(site.lon - point[1]) > 2:
            continue
        d = distance_m(point, (site.lat, site.lon))
        if d <= site.radius_m and (best is None or d < best[1]):
            best = (site, d)
    return best


def clusters(points: Sequence[tuple[float, float]], radius_m: float) -> list[list[int]]:
    """Indexes of `points` grouped greedily around the first point of each group (in input order).

    Points are bucketed on a grid about `radius_m` wide so each point is compared only with
    groups in neighbouring cells.
    """
    cell = radius_m / 111_320.0
    grid: dict[tuple[int, int], list[int]] = {}
    centres: list[tuple[float, float]] = []
    members: list[list[int]] = []
    for index, point in enumerate(points):
        cx, cy = int(point[0] // cell), int(point[1] // (cell / max(math.cos(math.radians(point[0])), 0.01)))
        home = None
        for dx in (-1, 0, 1):
            for dy in (-1, 0, 1):
                for group in grid.get((cx + dx, cy + dy), ()):
                    if distance_m(point, centres[group]) <= radius_m:
                        home = group
                        break
                if home is not None:
                    break
            if home is not None:
                break
        if home is None:
            home = len(centres)
            centres.append(point)
            members.append([])
            grid.setdefault((cx, cy), []).append(home)
        members[home].append(index)
    return members
