"""One shared test shape per platform reader: planted findings found, decoys not, zip and folder alike."""

from __future__ import annotations

from pathlib import Path

import pytest

from socially_aware.review.model import Detector
from socially_aware.review.places import distance_m
from socially_aware.review.readers import READERS
from socially_aware.review.service import review_paths
from tests.review import samples

E, OE, C, W, L, P, R = ("employer", "official-email", "contact", "work-site", "location", "place-tag", "repeated-place")
EXPECTED: dict[str, set[tuple[str, str]]] = {
    "facebook": {
        (OE, "account"),
        (E, "1500000000#0"),
        (E, "work_experiences#0"),
        (C, "1500000500#0"),
        (W, "1500000100#1"),
        (L, "1500000200#2/media0"),
        (L, "1500000400#4"),
    },
    "instagram": {(OE, "account"), (E, "1600000000#0"), (E, "profile"), (W, "1600000000#0/media0")},
    "x": {(OE, "account"), (E, "1001"), (E, "1005"), (W, "1002"), (L, "1003"), (L, "1004")},
    "linkedin": {
        (OE, "account"),
        (E, "Australian Border Force|Jan 2015|0"),
        (C, "https://www.linkedin.com/feed/update/urn:li:activity:1/"),
        (E, "https://www.linkedin.com/x"),
    },
    "strava": {
        (OE, "account"),
        (E, "101"),
        (W, "101/end"),
        (L, "101/start"),
        (L, "102/start"),
        (L, "102/end"),
        (L, "103/start"),
        (L, "103/end"),
        (R, "routine:101/start"),
    },
    "tiktok": {
        (OE, "account"),
        (E, "profile"),
        (E, "https://v16.tiktokcdn.com/x.mp4"),
        (P, "https://v16.tiktokcdn.com/y.mp4"),
    },
    "reddit": {(OE, "account"), (E, "p1"), (C, "c1")},
    "google": {
        (E, "http://maps.google.com/?cid=1"),
        (L, "http://maps.google.com/?cid=1"),
        (W, "cell:-18906:69787"),
        (W, "label#0"),
        (L, "ChIJhome"),
        (W, "photo"),
        (E, "UgxtiXQkY7gqHbldJ1F4AaABAg"),
        (P, "https://www.google.com/maps/place/?cid=2"),
    },
    "snapchat": {
        (W, "2023-01-01 10:00:00 UTC#0"),
        (L, "2023-02-01 10:00:00 UTC#0"),
        (OE, "account"),
        (E, "profile"),
        (P, "Frequent Locations"),
        (L, "cell:-18765:69593"),
    },
}


def test_every_reader_has_a_sample() -> None:
    assert {r.platform for r in READERS} == set(samples.PLATFORMS) == set(EXPECTED)


@pytest.mark.parametrize("platform", sorted(samples.PLATFORMS))
@pytest.mark.parametrize("form", ["zip", "folder"])
def test_planted_findings_are_found_and_decoys_are_not(tmp_path: Path, platform: str, form: str) -> None:
    files = samples.PLATFORMS[platform]()
    writer = samples.write_zip if form == "zip" else samples.write_folder
    source = writer(tmp_path / (f"{platform}.zip" if form == "zip" else platform), files)
    report = review_paths([source], samples.organisation())
    assert report.platforms == [platform]
    assert {(f.detector.value, f.identity) for f in report.findings} == EXPECTED[platform]
    for finding in report.findings:
        assert finding.platform == platform
        assert finding.action.startswith((f"{platform}/", "youtube/" if platform == "google" else f"{platform}/"))
        if finding.excerpt:
            assert not any(d in finding.excerpt.marked() for d in samples.DECOYS)
        if finding.detector is Detector.WORK_SITE:
            assert distance_m(finding.position, samples.SYDNEY_AIRPORT) <= 3000  # type: ignore[arg-type]


@pytest.mark.parametrize("platform", sorted(samples.PLATFORMS))
def test_finding_ids_are_the_same_from_a_zip_and_from_its_unpacked_folder(tmp_path: Path, platform: str) -> None:
    files = samples.PLATFORMS[platform]()
    org = samples.organisation()
    from_zip = review_paths([samples.write_zip(tmp_path / "a.zip", files)], org)
    from_folder = review_paths([samples.write_folder(tmp_path / "a", files)], org)
    again = review_paths([samples.write_zip(tmp_path / "b.zip", files)], org)
    assert [f.id for f in from_zip.findings] == [f.id for f in from_folder.findings] == [f.id for f in again.findings]
    assert len({f.id for f in from_zip.findings}) == len(from_zip.findings)


def test_findings_are_ranked_employer_and_official_email_first(tmp_path: Path) -> None:
    report = review_paths([samples.write_zip(tmp_path / "x.zip", samples.x())], samples.organisation())
    ranks = [f.rank for f in report.findings]
    assert ranks == sorted(ranks)
    assert report.findings[0].detector is Detector.OFFICIAL_EMAIL


def test_findings_are_grouped_by_platform_in_the_order_read(tmp_path: Path) -> None:
    org = samples.organisation()
    report = review_paths(
        [samples.write_zip(tmp_path / "r.zip", samples.reddit()), samples.write_zip(tmp_path / "x.zip", samples.x())],
        org,
    )
    platforms = [f.platform for f in report.findings]
    assert platforms == sorted(platforms, key=["reddit", "x"].index)


def test_an_excerpt_marks_the_match_and_keeps_what_the_person_wrote(tmp_path: Path) -> None:
    report = review_paths([samples.write_zip(tmp_path / "ig.zip", samples.instagram())], samples.organisation())
    caption = next(f for f in report.findings if f.identity == "1600000000#0" and f.detector is Detector.EMPLOYER)
    assert caption.excerpt is not None and caption.excerpt.match == "Bördér Force"  # folded to match, shown as written
    assert caption.excerpt.marked() == "Shift done, »Bördér Force« crew"


def test_post_urls_come_from_the_archive(tmp_path: Path) -> None:
    report = review_paths([samples.write_zip(tmp_path / "x.zip", samples.x())], samples.organisation())
    assert next(f for f in report.findings if f.identity == "1001").url == "https://x.com/jo_c/status/1001"


def test_repeated_places_say_where_how_many_and_suggest_a_privacy_zone(tmp_path: Path) -> None:
    report = review_paths([samples.write_zip(tmp_path / "s.zip", samples.strava())], samples.organisation())
    routine = next(f for f in report.findings if f.detector is Detector.ROUTINE)
    assert "3 activities" in routine.what and "privacy zone" in routine.what
    assert distance_m(routine.position, samples.HOME) < 100  # type: ignore[arg-type]
    assert any("FIT" in n.message for n in report.notes)


def test_the_shipped_organisation_flags_border_force_and_its_sites() -> None:
    from socially_aware.catalog.loader import load_organisation
    from socially_aware.locations import bundled_root
    from socially_aware.review.detect import Detectors
    from socially_aware.review.places import nearest_site

    org = load_organisation(bundled_root() / "checklists" / "organisation.yaml")
    detectors = Detectors(org)
    assert [m.label for m in detectors.text_matches("a border force officer at work")] == ["border force officer"]
    assert detectors.text_matches("a fabulous abfab night") == []
    assert nearest_site((-33.9461, 151.1772), org.sites)[0].name == "Sydney Airport"  # type: ignore[index]
    for section in ("official-information", "official-comment", "private-identify", "geotagging"):
        assert org.section(section) is not None
