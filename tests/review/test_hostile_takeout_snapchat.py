"""Hostile input for the Google Takeout and Snapchat readers, by class, several inputs each, plus hypothesis.

Classes: truncated files and archives, lying lengths (entries whose declared size is not what they
hold), deep nesting, huge counts, control characters where names belong, zip tricks (duplicate and
escaping names, bombs). Each bad file costs only itself: the rest of the download is still reviewed.
"""

from __future__ import annotations

import json
import struct
import warnings
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from socially_aware.review import limits
from socially_aware.review.model import Detector, ReviewReport
from socially_aware.review.service import review_paths
from tests.review import samples
from tests.review.shapes import json_shapes

GOOGLE_FILES = [name for name in samples.google() if name.endswith((".json", ".csv"))]
SNAPCHAT_FILES = [name for name in samples.snapchat() if name.endswith(".json")]
ALL = [("google", n) for n in GOOGLE_FILES] + [("snapchat", n) for n in SNAPCHAT_FILES]


def _review(path: Path) -> ReviewReport:
    return review_paths([path], samples.organisation())


def _build(platform: str) -> dict[str, bytes | str]:
    return samples.google() if platform == "google" else samples.snapchat()


def _still_reviewed(report: ReviewReport, platform: str) -> None:
    assert platform in report.platforms
    assert report.findings, "the rest of the download was not reviewed"


@pytest.mark.parametrize(("platform", "name"), ALL)
@pytest.mark.parametrize("keep", [0.3, 0.7, 0.99])
def test_a_truncated_file_costs_only_itself(tmp_path: Path, platform: str, name: str, keep: float) -> None:
    files = _build(platform)
    data = files[name]
    raw = data.encode() if isinstance(data, str) else data
    files[name] = raw[: int(len(raw) * keep)]
    report = _review(samples.write_zip(tmp_path / "t.zip", files))
    _still_reviewed(report, platform)


@pytest.mark.parametrize("platform", ["google", "snapchat"])
@pytest.mark.parametrize("keep", [0.5, 0.8, 0.95])
def test_a_truncated_archive_is_read_as_far_as_it_goes(tmp_path: Path, platform: str, keep: float) -> None:
    path = samples.write_zip(tmp_path / "whole.zip", _build(platform))
    data = path.read_bytes()
    cut = tmp_path / "cut.zip"
    cut.write_bytes(data[: int(len(data) * keep)])
    report = _review(cut)
    assert report.damaged or report.notes


@pytest.mark.parametrize("platform", ["google", "snapchat"])
@pytest.mark.parametrize("claimed", [0, 1, 10**9])
def test_entries_whose_declared_size_lies(tmp_path: Path, platform: str, claimed: int) -> None:
    path = samples.write_zip(tmp_path / "lie.zip", _build(platform))
    data = bytearray(path.read_bytes())
    # Rewrite every central-directory entry's uncompressed size: the reader must not trust it.
    at = data.find(b"PK\x01\x02")
    while at != -1:
        struct.pack_into("<I", data, at + 24, claimed)
        at = data.find(b"PK\x01\x02", at + 4)
    path.write_bytes(bytes(data))
    report = _review(path)
    assert report.records >= 0 and (report.notes or report.findings)


@pytest.mark.parametrize(("platform", "name"), [p for p in ALL if p[1].endswith(".json")])
@pytest.mark.parametrize("opener,closer", [("[", "]"), ('{"a":', "}"), ('{"locations": [', "]}")])
def test_deep_nesting_is_refused_per_file(tmp_path: Path, platform: str, name: str, opener: str, closer: str) -> None:
    files = _build(platform)
    files[name] = opener * 50_000 + closer * 50_000
    report = _review(samples.write_zip(tmp_path / "deep.zip", files))
    assert any(name in n.file for n in report.notes)
    _still_reviewed(report, platform)


@pytest.mark.parametrize("cells", [5, 50])
def test_a_huge_location_history_is_summed_up_within_its_budget(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, cells: int
) -> None:
    monkeypatch.setattr(limits, "MAX_VISIT_CELLS", cells)
    points = [
        {
            "latitudeE7": -338_000_000 - (i % 100) * 50_000,
            "longitudeE7": 1_510_000_000,
            "timestamp": f"2020-01-{1 + i % 28:02d}T00:00:00Z",
        }
        for i in range(3_000)
    ]
    files = {"Takeout/Location History/Records.json": json.dumps({"locations": points})}
    report = _review(samples.write_zip(tmp_path / "huge.zip", files))
    assert report.platforms == ["google"]
    assert 0 < len(report.findings) <= min(cells, limits.MAX_VISIT_PLACES)


@pytest.mark.parametrize("count", [10_000, 60_000])
def test_many_reviews_and_memories(tmp_path: Path, count: int) -> None:
    features = [
        {"properties": {"Review Comment": f"nice {i * 7919 % 10007}", "Location": {"Business Name": f"Cafe {i}"}}}
        for i in range(count)
    ]
    media = [
        {"Date": f"2023-01-01 10:00:{i % 60:02d} UTC", "Location": f"Latitude, Longitude: {i * 31 % 997}, 0"}
        for i in range(count)
    ]
    files = {
        "Takeout/Maps (your places)/Reviews.json": json.dumps({"features": features}),
        "json/memories_history.json": json.dumps({"Saved Media": media}),
    }
    report = _review(samples.write_zip(tmp_path / "many.zip", files))
    assert report.records >= count


@pytest.mark.parametrize(
    "name",
    ["Echo\u202ePoint\nLookout", "\x1b[31mred\x1b[0m", "Café\u200b\u2066 ABF", "\x00\x07\x08"],
)
def test_control_characters_in_place_names_are_made_visible(tmp_path: Path, name: str) -> None:
    files = {
        "json/snap_map_places_history.json": json.dumps(
            {
                "Snap Map Places History": [
                    {"Date": "2023-01-01", "Place": name, "Place Location": "Latitude, Longitude: -33.7, 150.3"}
                ]
            }
        )
    }
    report = _review(samples.write_zip(tmp_path / "ctl.zip", files))
    (finding,) = report.findings
    assert not any(c in finding.what for c in "\u202e\n\x1b\x00\x07\u200b\u2066")


@pytest.mark.parametrize("platform", ["google", "snapchat"])
@pytest.mark.parametrize("trick", ["duplicate", "escape", "absolute"])
def test_zip_tricks(tmp_path: Path, platform: str, trick: str) -> None:
    files = _build(platform)
    path = tmp_path / "trick.zip"
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        with zipfile.ZipFile(path, "w") as archive:
            for name, data in files.items():
                archive.writestr(name, data)
            bad = {"duplicate": GOOGLE_FILES[1] if platform == "google" else SNAPCHAT_FILES[0]}
            bad["escape"] = "../../Takeout/Records.json"
            bad["absolute"] = "/json/account.json"
            archive.writestr(bad[trick], "[]")
    report = _review(path)
    _still_reviewed(report, platform)
    if trick != "duplicate":
        assert any("outside the archive" in n.message for n in report.notes)
    else:
        assert any("appears 2 times" in n.message for n in report.notes)


json_values = json_shapes(
    [
        "locations",
        "latitudeE7",
        "longitudeE7",
        "timestamp",
        "timestampMs",
        "timelineObjects",
        "placeVisit",
        "location",
        "features",
        "properties",
        "geometry",
        "coordinates",
        "geoData",
        "latitude",
        "longitude",
        "semanticSegments",
        "visit",
        "topCandidate",
        "placeLocation",
        "Saved Media",
        "Location",
        "Basic Information",
        "Email",
        "Location History",
        "Latitude, Longitude",
    ]
)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(value=json_values)
def test_any_json_shape_under_any_new_name_never_breaks_the_review(tmp_path: Path, value: object) -> None:
    text = json.dumps(value)
    files = {name: text for _, name in ALL if name.endswith(".json")}
    report = _review(samples.write_zip(tmp_path / "shape.zip", files))
    assert set(report.platforms) <= {"google", "snapchat"}


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(blob=st.binary(max_size=300), name=st.sampled_from([n for _, n in ALL]))
def test_any_bytes_under_any_new_name_never_break_the_review(tmp_path: Path, blob: bytes, name: str) -> None:
    report = _review(samples.write_zip(tmp_path / "fuzz.zip", {name: blob, "Takeout/archive_browser.html": ""}))
    assert report.records >= 0


def test_official_address_hidden_with_fullwidth_at_in_a_snapchat_account(tmp_path: Path) -> None:
    files = {"json/account.json": json.dumps({"Basic Information": {"Email": "jo.citizen＠abf.gov.au"}})}
    report = _review(samples.write_zip(tmp_path / "a.zip", files))
    assert [f.detector for f in report.findings] == [Detector.OFFICIAL_EMAIL]


@pytest.mark.parametrize(
    ("stamp", "day"),
    [
        ("2017-12-10T23:14:58.030Z", "2017-12-10"),
        ("1512947698030", "2017-12-10"),
        (1512947698, "2017-12-10"),
        ("2017-13-40T00:00:00Z", None),
        ("yesterday", None),
        ("", None),
        (None, None),
        (True, None),
        (-5, None),
        (10**20, None),
    ],
)
def test_a_history_point_s_day(stamp: object, day: str | None) -> None:
    from datetime import date

    from socially_aware.review.readers.visits import day_of

    assert day_of(stamp) == (date.fromisoformat(day).toordinal() if day else None)
