"""Hostile input under the file names the layouts of issue 18 added (X at the zip root and its older
archive, Facebook's reactions, pages and groups, Instagram's older download and likes): truncated,
deeply nested, control characters, huge counts, and any bytes or JSON shape (hypothesis). Each bad
file costs only itself."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from socially_aware.review.model import Detector, ReviewReport
from socially_aware.review.service import review_paths
from tests.review import samples
from tests.review.shapes import json_shapes

NAMES = {
    "x": ["tweet.js", "deleted-tweets.js", "account.js", "profile.js", "data/js/tweets/2017_03.js", "tweets.csv"],
    "facebook": [
        "misc/comments_and_reactions.json",
        "likes_and_reactions_1.json",
        "likes_and_reactions/posts_and_comments.json",
        "pages_you've_liked.json",
        "your_group_membership_activity.json",
        "posts/your_posts.json",
    ],
    "instagram": ["media.json", "comments.json", "profile.json", "likes.json", "likes/liked_posts.json"],
}
GOOD = {
    # A good file beside the hostile one: the review must still find it.
    "x": {
        "data/tweets.js": "window.YTD.tweets.part0 = " + json.dumps([{"tweet": {"id_str": "9", "full_text": "ABF"}}])
    },
    "facebook": {"your_posts_1.json": json.dumps([{"timestamp": 1, "data": [{"post": "ABF"}]}])},
    "instagram": {
        "your_instagram_activity/content/posts_1.json": json.dumps([{"title": "ABF", "creation_timestamp": 1}]),
        "connections.json": "{}",
    },
}
CASES = [(platform, name) for platform, names in NAMES.items() for name in names]


def _review(path: Path) -> ReviewReport:
    return review_paths([path], samples.organisation())


def _still_found(report: ReviewReport, platform: str) -> None:
    assert platform in report.platforms
    assert any(f.detector is Detector.EMPLOYER for f in report.findings), report.notes


@pytest.mark.parametrize(("platform", "name"), CASES)
@pytest.mark.parametrize(
    "content",
    [
        "[" * 60_000 + "]" * 60_000,
        '{"a":' * 60_000 + "1" + "}" * 60_000,
        '[{"tweet": {"full_text": "cut',
        "\x00\x1b[2J\u202e" * 1000,
        "",
    ],
    ids=["deep-list", "deep-object", "truncated", "controls", "empty"],
)
def test_a_hostile_file_costs_only_itself(tmp_path: Path, platform: str, name: str, content: str) -> None:
    files = {**GOOD[platform], name: content}
    report = _review(samples.write_zip(tmp_path / "h.zip", files))
    _still_found(report, platform)


@pytest.mark.parametrize("count", [20_000, 100_000])
def test_huge_counts_in_the_older_layouts(tmp_path: Path, count: int) -> None:
    files = {
        **GOOD["instagram"],
        "media.json": json.dumps(
            {"photos": [{"caption": f"c{i}", "taken_at": "2018-01-01T00:00:00"} for i in range(count)]}
        ),
        "likes.json": json.dumps({"media_likes": [["2018-01-01T00:00:00", f"acct{i}"] for i in range(count)]}),
    }
    report = _review(samples.write_zip(tmp_path / "many.zip", files))
    _still_found(report, "instagram")
    assert report.records >= 2 * count


@pytest.mark.parametrize("name", ["Echo\u202ePoint", "\x1b]52;c;AAAA\x07", "Bondi\nBeach\r\u2028"])
def test_control_characters_in_instagram_places(tmp_path: Path, name: str) -> None:
    files = {
        **GOOD["instagram"],
        "media.json": json.dumps({"photos": [{"caption": "", "taken_at": "2018-01-01T00:00:00", "location": name}]}),
    }
    report = _review(samples.write_zip(tmp_path / "p.zip", files))
    (place,) = [f for f in report.findings if f.detector is Detector.PLACE]
    assert not any(c in place.what for c in "\u202e\x1b\x07\n\r\u2028")


values = json_shapes(
    [
        "tweet",
        "full_text",
        "text",
        "id_str",
        "comments_v2",
        "reactions_v2",
        "page_likes_v2",
        "groups_joined_v2",
        "status_updates",
        "title",
        "name",
        "comment",
        "data",
        "photos",
        "caption",
        "location",
        "media_comments",
        "media_likes",
        "likes_media_likes",
        "string_list_data",
        "biography",
        "email",
        "screen_name",
    ],
    text_size=20,
    max_leaves=25,
)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(value=values, platform=st.sampled_from(sorted(NAMES)))
def test_any_json_shape_under_any_layout_name(tmp_path: Path, value: object, platform: str) -> None:
    text = json.dumps(value)
    files = {**GOOD[platform]}
    for name in NAMES[platform]:
        files[name] = ("window.YTD.x.part0 = " + text) if name.endswith(".js") else text
    report = _review(samples.write_zip(tmp_path / "shape.zip", files))
    _still_found(report, platform)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(blob=st.binary(max_size=300), case=st.sampled_from(CASES))
def test_any_bytes_under_any_layout_name(tmp_path: Path, blob: bytes, case: tuple[str, str]) -> None:
    platform, name = case
    report = _review(samples.write_zip(tmp_path / "fuzz.zip", {**GOOD[platform], name: blob}))
    _still_found(report, platform)
