"""Every layout a platform has used since 2018, each file found by name wherever it sits; files of a
known platform that are not read get a note; entries with the same name are each read once.

Layouts as the reader modules' docstrings cite them (X: TheExGenesis/community-archive
docs/archive_data.md and dogsheep/twitter-to-sqlite tests/zip_contents; the older "Grailbird"
archive as its own README described it; Meta's folder names old and new).
"""

from __future__ import annotations

import json
import warnings
import zipfile
from pathlib import Path

import pytest

from socially_aware.review.model import Detector, ReviewReport
from socially_aware.review.service import review_paths
from tests.review import samples

EMPLOYER = samples.EMPLOYER_TEXT


def _review(path: Path) -> ReviewReport:
    return review_paths([path], samples.organisation())


def _found(report: ReviewReport) -> set[tuple[str, str, str]]:
    return {(f.detector.value, f.file, f.identity) for f in report.findings}


def _notes(report: ReviewReport) -> str:
    return "\n".join(f"{n.file}: {n.message}" for n in report.notes)


def _ytd(name: str, value: object) -> str:
    return f"window.YTD.{name}.part0 = " + json.dumps(value)


@pytest.mark.parametrize("prefix", ["", "data/", "twitter-2019-05-01-abc123/", "my backup/data/"])
def test_x_2019_layout_at_any_depth(tmp_path: Path, prefix: str) -> None:
    files = {
        # 2019 archives: files at the zip root, tweet.js holding the tweet objects without a wrapper.
        f"{prefix}tweet.js": _ytd(
            "tweet", [{"id_str": "7", "full_text": EMPLOYER, "created_at": "Wed Oct 10 20:19:24 +0000 2018"}]
        ),
        f"{prefix}deleted-tweet.js": _ytd(
            "deleted_tweet", [{"tweet": {"id_str": "8", "full_text": "Night shift #BorderForce", "deleted_at": "x"}}]
        ),
        f"{prefix}account.js": _ytd("account", [{"account": {"email": samples.OFFICIAL, "username": "jo"}}]),
        f"{prefix}profile.js": _ytd("profile", [{"profile": {"description": {"bio": "A.B.F. since 2015"}}}]),
    }
    report = _review(samples.write_zip(tmp_path / "x.zip", files))
    assert report.platforms == ["x"], _notes(report)
    found = _found(report)
    assert ("employer", f"{prefix}tweet.js", "7") in found
    assert ("employer", f"{prefix}deleted-tweet.js", "8") in found
    assert ("official-email", f"{prefix}account.js", "account") in found
    assert ("employer", f"{prefix}profile.js", "profile") in found


def test_x_deleted_tweets_and_parts(tmp_path: Path) -> None:
    files = {
        "data/tweets.js": _ytd("tweets", [{"tweet": {"id_str": "1", "full_text": "nothing"}}]),
        "data/tweets-part1.js": _ytd("tweets", [{"tweet": {"id_str": "2", "full_text": EMPLOYER}}]),
        "data/deleted-tweets.js": _ytd("deleted_tweets", [{"tweet": {"id_str": "3", "full_text": "@abf_officer hi"}}]),
    }
    report = _review(samples.write_zip(tmp_path / "x.zip", files))
    found = _found(report)
    assert ("employer", "data/tweets-part1.js", "2") in found
    assert ("employer", "data/deleted-tweets.js", "3") in found
    deleted = next(f for f in report.findings if f.identity == "3")
    assert deleted.excerpt is not None and deleted.excerpt.field == "deleted post" and deleted.url is None


def test_x_older_archive_grailbird(tmp_path: Path) -> None:
    tweets = [
        {
            "id_str": "11",
            "text": "Back at the airport with the #ABF crew",
            "created_at": "2017-03-01 10:00:00 +0000",
            "geo": {"type": "Point", "coordinates": list(samples.INSIDE)},
        },
        {"id_str": "12", "text": samples.DECOYS[0], "created_at": "2017-03-02 10:00:00 +0000"},
    ]
    files = {
        "tweets.csv": "tweet_id,timestamp,text\n11,2017-03-01 10:00:00 +0000,Back at the airport with the #ABF crew\n",
        "data/js/tweet_index.js": "var tweet_index = []",
        "data/js/tweets/2017_03.js": "Grailbird.data.tweets_2017_03 = \n" + json.dumps(tweets),
        "data/js/user_details.js": "var user_details = " + json.dumps({"screen_name": "jo", "bio": "Border Force"}),
    }
    report = _review(samples.write_zip(tmp_path / "old.zip", files))
    assert report.platforms == ["x"]
    found = _found(report)
    assert ("employer", "data/js/tweets/2017_03.js", "11") in found
    assert ("work-site", "data/js/tweets/2017_03.js", "11") in found
    assert ("employer", "data/js/user_details.js", "profile") in found
    # tweets.csv repeats the same tweets: not read a second time, and said so.
    assert not any(f.file == "tweets.csv" for f in report.findings)
    assert "tweets.csv: was not read" in _notes(report)
    when = next(f.when for f in report.findings if f.identity == "11")
    assert when is not None and when.year == 2017


def test_x_older_archive_csv_alone(tmp_path: Path) -> None:
    files = {
        "tweets.csv": "tweet_id,timestamp,text\n21,2016-01-01 10:00:00 +0000,Proud #BorderForce day\n",
        "data/js/tweet_index.js": "var tweet_index = []",
    }
    report = _review(samples.write_zip(tmp_path / "old.zip", files))
    assert ("employer", "tweets.csv", "21") in _found(report)


def _fb_comment(ts: int, words: str, title: str = "Jo commented on a post.") -> dict[str, object]:
    return {"timestamp": ts, "data": [{"comment": {"timestamp": ts, "comment": words, "author": "Jo"}}], "title": title}


def test_facebook_comments_and_reactions_wherever_they_sit(tmp_path: Path) -> None:
    files = {
        "your_facebook_activity/posts/your_posts__check_ins__photos_and_videos_1.json": json.dumps([]),
        # One file with comments and reactions together, in a folder of its own.
        "misc/comments_and_reactions.json": json.dumps(
            {
                "comments_v2": [_fb_comment(1, "See you at Border‑Force HQ"), _fb_comment(2, samples.DECOYS[1])],
                "reactions_v2": [{"timestamp": 3, "title": "Jo likes Australian Border Force's post."}],
            }
        ),
        "your_facebook_activity/comments_and_reactions/likes_and_reactions_1.json": json.dumps(
            [
                {
                    "timestamp": 4,
                    "data": [{"reaction": {"reaction": "LIKE", "actor": "Jo"}}],
                    "title": "Jo likes the Border Force photo.",
                }
            ]
        ),
        "your_facebook_activity/pages/pages_you've_liked.json": json.dumps(
            {
                "page_likes_v2": [
                    {"name": "Australian Border Force", "timestamp": 5},
                    {"name": "Border Collies", "timestamp": 6},
                ]
            }
        ),
        "your_facebook_activity/groups/your_group_membership_activity.json": json.dumps(
            {"groups_joined_v2": [{"timestamp": 7, "data": [{"name": "ABF Staff Social Club"}], "title": "Jo joined"}]}
        ),
    }
    report = _review(samples.write_zip(tmp_path / "fb.zip", files))
    found = {(d, i) for d, _, i in _found(report)}
    assert ("employer", "1#0") in found
    assert ("employer", "reactions_v2:3#0") in found
    assert ("employer", "4#0") in found
    assert ("employer", "page_likes_v2:5#0") in found
    assert ("employer", "groups_joined_v2:7#0") in found
    assert not {i for _, i in found} & {"2#1", "page_likes_v2:6#1"}


def test_facebook_2018_layout(tmp_path: Path) -> None:
    files = {
        "posts/your_posts.json": json.dumps(
            {"status_updates": [{"timestamp": 10, "data": [{"post": "Loving life at #DIBP"}], "title": "Jo"}]}
        ),
        "comments/comments.json": json.dumps({"comments": [_fb_comment(11, "ABF officer life")]}),
        "likes_and_reactions/posts_and_comments.json": json.dumps(
            {"reactions": [{"timestamp": 12, "title": "Jo likes Border Force's video."}]}
        ),
        "likes_and_reactions/pages.json": json.dumps({"page_likes": [{"name": "Border Force", "timestamp": 13}]}),
        "profile_information/profile_information.json": json.dumps(
            {"profile": {"emails": {"emails": [samples.OFFICIAL]}}}
        ),
    }
    report = _review(samples.write_zip(tmp_path / "fb.zip", files))
    assert report.platforms == ["facebook"]
    found = {(d, i) for d, _, i in _found(report)}
    assert {("employer", "10#0"), ("employer", "11#0"), ("employer", "reactions:12#0")} <= found
    assert ("employer", "page_likes:13#0") in found and ("official-email", "account") in found


def test_instagram_old_layout(tmp_path: Path) -> None:
    files = {
        "media.json": json.dumps(
            {
                "photos": [
                    {
                        "caption": "Shift done #AustralianBorderForce",
                        "taken_at": "2018-05-01T10:00:00",
                        "path": "p/1.jpg",
                    },
                    {"caption": "Sunset", "taken_at": "2018-05-02T10:00:00", "location": "Bondi Beach"},
                ]
            }
        ),
        "comments.json": json.dumps({"media_comments": [["2018-05-03T10:00:00", "go team Border-Force", "friend"]]}),
        "profile.json": json.dumps({"email": samples.OFFICIAL, "username": "jo", "biography": "ＡＢＦ"}),
        "likes.json": json.dumps({"media_likes": [["2018-05-04T10:00:00", "australianborderforce"]]}),
        "connections.json": json.dumps({}),
    }
    report = _review(samples.write_zip(tmp_path / "ig.zip", files))
    assert report.platforms == ["instagram"], _notes(report)
    found = {(d, i) for d, _, i in _found(report)}
    assert ("employer", "photos:2018-05-01T10:00:00#0") in found
    assert ("place-tag", "photos:2018-05-02T10:00:00#1") in found
    assert ("employer", "media_comments:2018-05-03T10:00:00#0") in found
    assert ("official-email", "account") in found and ("employer", "profile") in found
    assert ("employer", "media_likes:2018-05-04T10:00:00#0") in found


def test_instagram_new_layout_likes_and_comments(tmp_path: Path) -> None:
    base = "your_instagram_activity"
    files = {
        f"{base}/content/posts_1.json": json.dumps([]),
        f"{base}/comments/post_comments_1.json": json.dumps(
            [{"string_map_data": {"Comment": {"value": "#borderforce proud"}, "Time": {"timestamp": 20}}}]
        ),
        f"{base}/likes/liked_posts.json": json.dumps(
            {"likes_media_likes": [{"title": "abf_official", "string_list_data": [{"value": "👍", "timestamp": 21}]}]}
        ),
    }
    report = _review(samples.write_zip(tmp_path / "ig.zip", files))
    found = {(d, i) for d, _, i in _found(report)}
    assert ("employer", "20#0") in found and ("employer", "like:21#0") in found


def test_every_unread_file_of_a_known_platform_gets_a_note(tmp_path: Path) -> None:
    files = {
        **samples.facebook(),
        "your_facebook_activity/messages/inbox/jo_1/message_1.json": json.dumps({"messages": []}),
        "ads_information/advertisers_using_your_activity.json": json.dumps({}),
        "index.html": "<html></html>",
    }
    report = _review(samples.write_zip(tmp_path / "fb.zip", files))
    notes = _notes(report)
    for name in ("message_1.json", "advertisers_using_your_activity.json", "index.html"):
        assert f"{name}: was not read" in notes, notes
    read = [n for n in samples.facebook() if n.endswith(".json")]
    assert not any(f"{name}: was not read" in notes for name in read)


def test_entries_with_the_same_name_are_each_read_once(tmp_path: Path) -> None:
    path = tmp_path / "dup.zip"
    first = _ytd("tweets", [{"tweet": {"id_str": "31", "full_text": EMPLOYER}}])
    second = _ytd("tweets", [{"tweet": {"id_str": "32", "full_text": "Border Force again"}}])
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # zipfile warns about the duplicate name, which is the point
        with zipfile.ZipFile(path, "w") as archive:
            archive.writestr("data/tweets.js", first)
            archive.writestr("data/tweets.js", second)
    report = _review(path)
    ids = sorted(f.identity for f in report.findings if f.detector is Detector.EMPLOYER)
    assert ids == ["31", "32"]  # before: the last copy was read twice, the first never
    assert "appears 2 times" in _notes(report)
    assert report.records == 2
