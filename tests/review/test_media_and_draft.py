"""Photos and videos inside a download, the check before you post, the CLI and the marks kept."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from socially_aware.catalog.model import Catalog
from socially_aware.cli import main
from socially_aware.progress.model import FindingMark, ProgressDocument
from socially_aware.progress.tracker import Tracker
from socially_aware.review.draft import RULES, DraftChecker, photo_advice
from socially_aware.review.model import Detector
from socially_aware.review.service import review_paths
from tests.review import samples
from tests.scrubber.photos import LAT, LON, dirty_jpeg


def test_photos_and_videos_with_gps_inside_the_archive_are_found(tmp_path: Path) -> None:
    gps_photo = dirty_jpeg(tmp_path / "p.jpg").read_bytes()
    video = (
        b"\x00\x00\x00\x18ftypmp42" + b"\x00" * 64 + b"\x00\x1e\xa9xyz\x00\x12\x15\xc7-33.9430+151.1780/" + b"\x00" * 32
    )
    files = {
        **samples.x(),
        "data/tweets_media/1001-a.jpg": gps_photo,
        "data/tweets_media/1001-b.jpg": b"\xff\xd8\xff junk",
        "data/tweets_media/1002.mp4": video,
        "data/tweets_media/1003.mp4": b"\x00\x00\x00\x18ftypmp42 no place",
    }
    report = review_paths([samples.write_zip(tmp_path / "x.zip", files)], samples.organisation())
    media = {f.identity: f for f in report.findings if f.kind.value == "photo or video"}
    assert set(media) == {"data/tweets_media/1001-a.jpg", "data/tweets_media/1002.mp4"}
    assert media["data/tweets_media/1001-a.jpg"].detector is Detector.LOCATION
    assert media["data/tweets_media/1001-a.jpg"].position == pytest.approx((LAT, LON), abs=1e-4)
    assert media["data/tweets_media/1002.mp4"].detector is Detector.WORK_SITE


@pytest.mark.parametrize(
    "text,kind,section",
    [
        ("Big night: the operation wrapped up at 3am", "Operations", "official-information"),
        ("Two detainees transferred today, long shift", "Detentions", "official-information"),
        ("Record seizure of tobacco at the wharf!", "Seizures", "official-information"),
        ("Can't say much, it's before the court next week", "Matters before the courts", "official-information"),
        ("SmartGate was down all morning again", "Departmental systems", "official-information"),
        ("Me and the team in uniform after parade", "Colleagues in uniform", "photos-uniform"),
        ("Reach me on jo@homeaffairs.gov.au", "Official contact details", "contact-details"),
        ("Call my work mobile 0412 345 678", "Official contact details", "contact-details"),
        (
            "Speaking as an officer, the new visa policy is a disaster",
            "Opinions that could read as official",
            "official-comment",
        ),
        ("Proud to be part of Border Force", "Names your employer", "private-identify"),
        ("Coffee at Melbourne Airport before work", "Names a work location", "photos-uniform"),
    ],
)
def test_a_draft_is_marked_with_what_the_policy_lists(text: str, kind: str, section: str) -> None:
    org = samples.organisation()
    org = type(org)(
        **{**org.__dict__, "sites": (*org.sites, type(org.sites[0])("Melbourne Airport", -37.669, 144.841, 3000))}
    )
    found = DraftChecker(org).check(text)
    match = [f for f in found if f.kind == kind]
    assert match and match[0].section == section and "»" in match[0].excerpt.marked()
    assert org.section(section) is not None or section == "official-comment"


@pytest.mark.parametrize(
    "text",
    [
        "Baked bread with my neighbour; hope you like it.",
        "Went to kabfest!",
        "The border collie has so much force",
        "Long-haul flight, great movie",
        "My phone is 0412 345 678 if you want the kitten",
    ],
)
def test_ordinary_drafts_are_left_alone(text: str) -> None:
    assert DraftChecker(samples.organisation()).check(text) == []


def test_every_rule_cites_a_policy_section_of_the_shipped_profile() -> None:
    from socially_aware.catalog.loader import load_organisation
    from socially_aware.locations import bundled_root

    org = load_organisation(bundled_root() / "checklists" / "organisation.yaml")
    assert all(org.section(rule.section) for rule in RULES)


def test_a_photo_is_checked_before_posting(tmp_path: Path) -> None:
    lines = photo_advice(dirty_jpeg(tmp_path / "p.jpg"))
    assert "GPS position" in lines[0] and any("uniform" in line for line in lines)
    assert "Where it was taken" not in " ".join(lines[1:])  # the position is said once, not again as a tag


def test_marks_are_kept_by_finding_id_only(tmp_path: Path) -> None:
    report = review_paths([samples.write_zip(tmp_path / "x.zip", samples.x())], samples.organisation())
    tracker = Tracker(Catalog(samples.organisation(), ()), ProgressDocument(), today=lambda: date(2026, 1, 1))
    first, second = report.findings[0], report.findings[1]
    tracker.mark_finding(first.id, FindingMark.DELETED)
    tracker.mark_finding(second.id, FindingMark.KEPT)
    tracker.mark_finding(second.id, FindingMark.TODO)
    saved = json.dumps(ProgressDocument.from_dict(tracker.doc.to_dict()).to_dict())
    assert json.loads(saved)["findings"] == {first.id: "deleted"}
    for secret in ("Border Force", "jo_c", "1001", samples.OFFICIAL, str(samples.INSIDE[0])):
        assert secret not in saved
    with pytest.raises(ValueError):
        tracker.mark_finding("Proud of my years with Australian Border Force", FindingMark.DELETED)


def test_cli_review_prints_findings_with_control_characters_escaped(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    files = samples.x()
    files["data/tweets.js"] = files["data/tweets.js"].replace("Proud of", "\\u001b[2J\\u001b]0;pwned\\u0007Proud of")
    assert main(["review", str(samples.write_zip(tmp_path / "x.zip", files))]) == 0
    out = capsys.readouterr().out
    assert "\x1b" not in out and "\x07" not in out and "\\x1b[2J" in out
    assert "X (Twitter): " in out and "»Border Force«" in out and "delete the archive" in out


def test_cli_review_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["review", "--json", str(samples.write_zip(tmp_path / "r.zip", samples.reddit()))]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["platforms"] == ["reddit"]
    employer = next(f for f in report["findings"] if f["detector"] == "employer")
    assert employer["url"] == "https://www.reddit.com/r/australia/comments/p1/x/"
    assert employer["excerpt"]["match"] == "ABF officer" and employer["checklist_item"] == "reddit/work-comments"


def test_cli_review_of_something_unrecognised_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["review", str(samples.write_zip(tmp_path / "o.zip", {"a.txt": "hi"}))]) == 2
    assert "not a data download this review recognises" in capsys.readouterr().out
