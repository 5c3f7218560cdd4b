"""The gazetteer's two forms (review/gazetteer.py): the compact file the Linux bundle ships holds
exactly the places of the package's JSON, is preferred when present, and a damaged one is never
half-read: the review then describes positions by their coordinates, as with no gazetteer."""

from __future__ import annotations

import gzip
import json
import shutil
from importlib import resources
from pathlib import Path

import pytest

from socially_aware.review import gazetteer
from socially_aware.review.gazetteer import COMPACT_FILE, COMPACT_HEADER, COUNTRIES_FILE, PLACES_FILE, load

PACKAGE = resources.files(gazetteer.DATA_PACKAGE).joinpath("data")
BONDI = (-33.8915, 151.2767)


def _folder(tmp_path: Path, places: dict[str, dict[str, object]] | None = None) -> Path:
    """A data folder with the package's countries and, if given, a JSON of these places."""
    folder = tmp_path / "data"
    folder.mkdir()
    shutil.copyfile(str(PACKAGE.joinpath(COUNTRIES_FILE)), folder / COUNTRIES_FILE)
    if places is not None:
        (folder / PLACES_FILE).write_text(json.dumps(places), encoding="utf-8")  # the package's own layout
    return folder


def _place(name: str, lat: float, lon: float, country: str = "AU") -> dict[str, object]:
    return {"geonameid": 1, "name": name, "latitude": lat, "longitude": lon, "countrycode": country, "population": 9}


def test_the_compact_form_holds_every_place_of_the_package_exactly(tmp_path: Path) -> None:
    compact = _folder(tmp_path)
    count = gazetteer.write_compact(PACKAGE, compact / COMPACT_FILE)
    from_json, from_compact = load(PACKAGE), load(compact)
    assert count == len(from_json) > 100_000
    assert from_compact.names == from_json.names and from_compact.countries == from_json.countries
    assert from_compact.lats == from_json.lats and from_compact.lons == from_json.lons  # the same digits
    assert (compact / COMPACT_FILE).stat().st_size < 4_000_000  # 61 MB of JSON, 17 MB as four-field JSON


def test_the_compact_file_is_read_when_both_are_there_and_names_survive(tmp_path: Path) -> None:
    folder = _folder(tmp_path, {"1": _place("Bondi Beach", -33.8915, 151.2767), "2": _place("Zürich „Ost“", 47.4, 8.6)})
    gazetteer.write_compact(folder, folder / COMPACT_FILE)
    (folder / PLACES_FILE).write_text(json.dumps({"1": _place("Not read", -33.8915, 151.2767)}), encoding="utf-8")
    places = load(folder)
    assert places.names == ["Bondi Beach", "Zürich „Ost“"]
    assert places.countries == ["Australia", "Australia"]
    found = places.nearest(BONDI)
    assert found is not None and found[0].words() == "Bondi Beach, Australia"


def test_the_compact_file_is_the_same_bytes_each_time(tmp_path: Path) -> None:
    folder = _folder(tmp_path, {"1": _place("Bondi Beach", -33.8915, 151.2767)})
    gazetteer.write_compact(folder, tmp_path / "a.gz")
    gazetteer.write_compact(folder, tmp_path / "b.gz")
    assert (tmp_path / "a.gz").read_bytes() == (tmp_path / "b.gz").read_bytes()


@pytest.mark.parametrize("name", ["Tab\there", "Line\nbreak"])
def test_a_name_the_compact_form_cannot_hold_stops_the_build(name: str, tmp_path: Path) -> None:
    folder = _folder(tmp_path, {"1": _place(name, 1.0, 2.0)})
    with pytest.raises(ValueError, match="tab or line break"):
        gazetteer.write_compact(folder, tmp_path / "out.gz")


def _damaged(whole: bytes) -> dict[str, bytes]:
    packed = gzip.compress(whole, mtime=0)
    return {
        "cut short": packed[: len(packed) // 2],
        "not gzip": whole,
        "another header": gzip.compress(b"cities\tv2\n" + whole[len(COMPACT_HEADER) :]),
        "a line with three fields": gzip.compress(COMPACT_HEADER.encode() + b"Bondi\t-33.8\t151.2\n"),
        "a line with five fields": gzip.compress(COMPACT_HEADER.encode() + b"Bondi\t-33.8\t151.2\tAU\tx\n"),
        "a coordinate that is not a number": gzip.compress(COMPACT_HEADER.encode() + b"Bondi\tnorth\t151.2\tAU\n"),
        "bytes that are not UTF-8": gzip.compress(COMPACT_HEADER.encode() + b"Bon\xffdi\t-33.8\t151.2\tAU\n"),
        "empty": b"",
    }


@pytest.mark.parametrize("damage", sorted(_damaged(b"")))
def test_a_damaged_compact_file_gives_no_towns_rather_than_some(damage: str, tmp_path: Path) -> None:
    folder = _folder(tmp_path, {"1": _place("Bondi Beach", -33.8915, 151.2767)})
    gazetteer.write_compact(folder, folder / COMPACT_FILE)
    whole = gzip.decompress((folder / COMPACT_FILE).read_bytes())
    (folder / COMPACT_FILE).write_bytes(_damaged(whole)[damage])
    with pytest.raises((ValueError, EOFError, OSError)):  # gazetteer() turns these into an empty gazetteer
        load(folder)
