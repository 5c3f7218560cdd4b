"""Every location finding says where in words: the platform's own place name, the work site and its
distance, or the nearest town from the offline gazetteer; repeated places likewise."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from socially_aware.review import gazetteer as gazetteer_module
from socially_aware.review.detect import Detectors, record_findings, town_words
from socially_aware.review.gazetteer import nearest_town
from socially_aware.review.model import Detector, Record, RecordKind
from socially_aware.review.report import report_json
from socially_aware.review.service import review_paths
from tests.review import samples

BONDI = (-33.8915, 151.2767)
MID_PACIFIC = (-40.0, -140.0)


@pytest.mark.parametrize(
    ("point", "town"),
    [
        (samples.ELSEWHERE, "Katoomba, Australia"),
        (BONDI, "Bondi Beach, Australia"),
        ((-35.239, 149.066), "Belconnen, Australia"),
        ((51.5007, -0.1246), "United Kingdom"),
        ((-12.46, 130.84), "Darwin, Australia"),
    ],
)
def test_the_nearest_town_is_named(point: tuple[float, float], town: str) -> None:
    found = nearest_town(point)
    assert found is not None and town in found[0].words()
    assert found[1] < 10_000


def test_far_from_any_town_says_so_with_coordinates() -> None:
    assert nearest_town(MID_PACIFIC) is None
    assert town_words(MID_PACIFIC) == "at -40.0000, -140.0000, far from any town"


def test_the_gazetteer_is_read_from_the_installed_package_in_pieces() -> None:
    places = gazetteer_module.gazetteer()
    assert len(places) > 100_000  # GeoNames' places of 1,000 people or more
    assert gazetteer_module._CHUNK < 8 << 20  # never the whole 60 MB file in memory at once


def test_a_position_asked_again_is_answered_without_searching_again(monkeypatch: pytest.MonkeyPatch) -> None:
    """Many photos share a position (a home); each distinct one is searched once, up to a limit."""
    from array import array

    from socially_aware.review import limits

    places = gazetteer_module.Gazetteer(
        ["Bondi Beach", "Katoomba"],
        ["Australia", "Australia"],
        array("d", [-33.891, -33.714]),
        array("d", [151.277, 150.312]),
    )
    measured: list[tuple[float, float]] = []
    real_distance = gazetteer_module.distance_m
    monkeypatch.setattr(gazetteer_module, "distance_m", lambda a, b: measured.append(a) or real_distance(a, b))
    first = places.nearest(BONDI)
    assert first is not None and first[0].name == "Bondi Beach" and measured
    measured.clear()
    assert places.nearest(BONDI) == first
    assert measured == []
    monkeypatch.setattr(limits, "MAX_REMEMBERED_TOWNS", 1)  # full: a new position is searched every time
    places.nearest(samples.ELSEWHERE)
    once = len(measured)
    places.nearest(samples.ELSEWHERE)
    assert once > 0 and len(measured) == 2 * once


def _record(**fields: object) -> Record:
    return Record("facebook", "posts/your_posts_1.json", "1#0", RecordKind.POST, **fields)  # type: ignore[arg-type]


def test_a_check_in_names_its_own_place_and_the_work_site() -> None:
    record = _record(position=samples.INSIDE, position_source="check-in", place="Qantas Club, Mascot NSW 2020")
    (finding,) = record_findings(record, Detectors(samples.organisation()))
    assert finding.detector is Detector.WORK_SITE
    assert finding.place_words == "at “Qantas Club, Mascot NSW 2020”, 2.8 km from Sydney Airport"
    assert finding.place_words in finding.what


def test_a_position_away_from_work_names_the_town() -> None:
    record = _record(position=samples.ELSEWHERE, position_source="geotag")
    (finding,) = record_findings(record, Detectors(samples.organisation()))
    assert finding.detector is Detector.LOCATION
    assert "Katoomba, Australia" in finding.what
    assert "precise position" in finding.what


def test_a_place_name_from_the_download_is_shown_as_plain_text() -> None:
    record = _record(position=samples.ELSEWHERE, position_source="check-in", place="Echo Point\u202e\nLookout")
    (finding,) = record_findings(record, Detectors(samples.organisation()))
    assert "\u202e" not in finding.what and "\n" not in finding.what
    assert "Echo Point\\u202e Lookout" in finding.place_words and "Katoomba" in finding.place_words


def test_every_location_finding_of_every_sample_names_a_place(tmp_path: Path) -> None:
    for platform, build in samples.PLATFORMS.items():
        report = review_paths([samples.write_zip(tmp_path / f"{platform}.zip", build())], samples.organisation())
        for finding in report.findings:
            if finding.detector in (Detector.WORK_SITE, Detector.LOCATION, Detector.ROUTINE, Detector.PLACE):
                assert finding.place_words, (platform, finding.what)
                assert finding.place_words in finding.what
        data = report_json(report, samples.organisation())
        assert all(f["place"] for f in data["findings"] if f["position"])


def test_a_facebook_check_in_keeps_name_and_address(tmp_path: Path) -> None:
    post = {
        "timestamp": 1,
        "title": "Jo checked in to Echo Point.",
        "attachments": [
            {
                "data": [
                    {
                        "place": {
                            "name": "Echo Point Lookout",
                            "address": "Echo Point Rd, Katoomba NSW",
                            "coordinate": {"latitude": samples.ELSEWHERE[0], "longitude": samples.ELSEWHERE[1]},
                        }
                    }
                ]
            }
        ],
    }
    files = {"your_facebook_activity/posts/your_posts__check_ins__photos_and_videos_1.json": json.dumps([post])}
    report = review_paths([samples.write_zip(tmp_path / "fb.zip", files)], samples.organisation())
    (finding,) = report.findings
    assert finding.what == (
        "A post with check-in gives a precise position: "
        "at “Echo Point Lookout, Echo Point Rd, Katoomba NSW”, 0.9 km from Katoomba, Australia"
    )


def test_a_routine_names_its_place(tmp_path: Path) -> None:
    report = review_paths([samples.write_zip(tmp_path / "s.zip", samples.strava())], samples.organisation())
    routines = [f for f in report.findings if f.detector is Detector.ROUTINE]
    assert routines and all(f.place_words and ("km from" in f.place_words or "in " in f.place_words) for f in routines)
    assert all(f"{f.position[0]:.4f}" not in f.what for f in routines if f.position)
