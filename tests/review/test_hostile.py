"""Hostile downloads, by class, several inputs each: every bad file gets its own note and the rest is reviewed."""

from __future__ import annotations

import gzip
import json
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


def _review(path: Path) -> ReviewReport:
    return review_paths([path], samples.organisation())


def _still_reviewed(report: ReviewReport) -> None:
    """The good X files next to the bad one were read: the official account and a post were found."""
    found = {(f.detector, f.identity) for f in report.findings}
    assert (Detector.OFFICIAL_EMAIL, "account") in found
    assert (Detector.EMPLOYER, "1001") in found


def _notes_for(report: ReviewReport, name: str) -> list[str]:
    return [n.message for n in report.notes if n.file.endswith(name)]


# -- zip bombs: ratio and total budgets ---------------------------------------------------------
@pytest.mark.parametrize("size", [8 << 20, 24 << 20])
@pytest.mark.parametrize("name", ["data/like.js", "data/tweets-part1.js", "media/bomb.jpg"])
def test_an_entry_that_would_expand_too_far_is_skipped(tmp_path: Path, name: str, size: int) -> None:
    files = {**samples.x(), name: b"\0" * size}
    report = _review(samples.write_zip(tmp_path / "bomb.zip", files))
    assert any("zip bomb" in m for m in _notes_for(report, name))
    _still_reviewed(report)


@pytest.mark.parametrize("budget", [1, 100, 500])
def test_the_total_read_budget_stops_the_archive_and_says_so(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, budget: int
) -> None:
    monkeypatch.setattr(limits, "MAX_TOTAL_READ", budget)
    report = _review(samples.write_zip(tmp_path / "x.zip", samples.x()))
    assert any("stopped after reading" in n.message for n in report.notes)


@pytest.mark.parametrize("size", [3 << 20, 9 << 20])
def test_a_gzipped_track_bomb_costs_only_itself(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, size: int) -> None:
    monkeypatch.setattr(limits, "MAX_TRACK_BYTES", 2 << 20)  # the same rule, at a size a test can afford
    files = {**samples.strava(), "activities/102.gpx": gzip.compress(b" " * size)}
    files["activities/102.gpx.gz"] = files.pop("activities/102.gpx")
    report = _review(samples.write_zip(tmp_path / "s.zip", files))
    assert any("larger than this review reads" in m for m in _notes_for(report, "102.gpx.gz"))
    assert any(f.identity == "101/end" and f.detector is Detector.WORK_SITE for f in report.findings)


# -- names that climb out or are absolute -------------------------------------------------------
@pytest.mark.parametrize(
    "name",
    [
        "../data/tweets.js",
        "/etc/data/tweets.js",
        "data/../../data/tweets.js",
        "C:/Users/x/data/tweets.js",
        "..\\..\\data\\tweets.js",
    ],
)
def test_names_outside_the_archive_are_noted_and_never_read(tmp_path: Path, name: str) -> None:
    files = samples.x()
    with zipfile.ZipFile(tmp_path / "names.zip", "w") as archive:
        for inner, data in files.items():
            archive.writestr(inner, data)
        info = zipfile.ZipInfo("placeholder")
        info.filename = name  # zipfile would clean the name; a hostile tool does not
        archive.writestr(
            info, "window.YTD.tweets.part0 = " + json.dumps([{"tweet": {"id_str": "666", "full_text": "ABF"}}])
        )
    report = _review(tmp_path / "names.zip")
    assert any("points outside the archive" in n.message for n in report.notes)
    assert all(f.identity != "666" for f in report.findings)
    _still_reviewed(report)
    assert not (tmp_path / "data").exists() and not Path("/etc/data").exists()


# -- a zip cut short ----------------------------------------------------------------------------
@pytest.mark.parametrize("keep", [0.55, 0.8, 0.97])
def test_a_truncated_zip_is_read_as_far_as_it_goes(tmp_path: Path, keep: float) -> None:
    files = {
        "data/account.js": samples.x()["data/account.js"],
        "data/tweets.js": samples.x()["data/tweets.js"],
        "data/tweets_media/big.bin": bytes(range(256)) * 4000,
    }
    whole = samples.write_zip(tmp_path / "whole.zip", files).read_bytes()
    cut = tmp_path / "cut.zip"
    cut.write_bytes(whole[: int(len(whole) * keep)])
    report = _review(cut)
    assert any("incomplete" in n.message for n in report.notes)
    _still_reviewed(report)


@pytest.mark.parametrize("data", [b"", b"PK", b"PK\x03\x04garbage", b"not a zip at all"])
def test_something_that_is_not_a_zip_gets_one_clear_message(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "download.zip"
    path.write_bytes(data)
    report = _review(path)
    assert report.findings == [] and len(report.notes) >= 1


# -- malformed documents ------------------------------------------------------------------------
@pytest.mark.parametrize(
    "content",
    ["{", "[1, 2", "not json", "\udcff".encode("utf-8", "surrogatepass"), "", '[{"tweet": {"id_str": 5}}] trailing'],
)
def test_malformed_json_costs_only_its_file(tmp_path: Path, content: str | bytes) -> None:
    files = {
        **samples.x(),
        "data/tweets-part1.js": (
            b"window.YTD.tweets.part1 = " + (content if isinstance(content, bytes) else content.encode())
        ),
    }
    report = _review(samples.write_zip(tmp_path / "x.zip", files))
    assert _notes_for(report, "tweets-part1.js") or content.startswith("\udcff")  # type: ignore[union-attr]
    _still_reviewed(report)


@pytest.mark.parametrize("opener,closer", [("[", "]"), ('{"a":', "}"), ('[{"tweet":', "}]")])
def test_100000_deep_nesting_is_refused_without_recursion_error(tmp_path: Path, opener: str, closer: str) -> None:
    deep = opener * 100_000 + "1" + closer * 100_000
    files = {**samples.x(), "data/tweets-part1.js": "window.YTD.tweets.part1 = " + deep}
    # An unpacked folder: in a zip, a megabyte of brackets is (rightly) also caught as a zip bomb.
    report = _review(samples.write_folder(tmp_path / "x", files))
    assert any("nested too deeply" in m for m in _notes_for(report, "tweets-part1.js"))
    _still_reviewed(report)


def test_deep_nesting_in_every_json_reader(tmp_path: Path) -> None:
    deep = "[" * 100_000 + "]" * 100_000
    files = {
        **samples.facebook(),
        "your_facebook_activity/posts/your_posts_2.json": deep,
        "TikTok/user_data.json": deep,
    }
    report = _review(samples.write_zip(tmp_path / "fb.zip", files))
    assert len([n for n in report.notes if "nested too deeply" in n.message]) == 2
    assert any(f.detector is Detector.OFFICIAL_EMAIL for f in report.findings)


@pytest.mark.parametrize(
    "content",
    [
        '[{"tweet": {"id_str": "9", "full_text": "ABF"}}]',
        'var tweets = [{"tweet": {}}]',
        "window.YTD.tweets = []",
        "window.location = 'https://example.com'",
    ],
)
def test_a_js_file_without_the_ytd_prefix_is_noted(tmp_path: Path, content: str) -> None:
    files = {**samples.x(), "data/tweets-part1.js": content}
    report = _review(samples.write_zip(tmp_path / "x.zip", files))
    assert any("window.YTD" in m for m in _notes_for(report, "tweets-part1.js"))
    assert all(f.identity != "9" for f in report.findings)
    _still_reviewed(report)


@pytest.mark.parametrize(
    "files",
    [
        {"readme.txt": "hello", "photos/a.png": b"\x89PNG"},
        {},
        {"data/like.js": "window.YTD.like.part0 = []"},
    ],
)
def test_an_unrecognised_archive_says_what_it_holds_and_what_we_read(
    tmp_path: Path, files: dict[str, str | bytes]
) -> None:
    report = _review(samples.write_zip(tmp_path / "other.zip", files))
    [note] = report.notes
    assert "not a data download this review recognises" in note.message
    for name in files:
        assert name in note.message
    for platform in ("Facebook", "Instagram", "X (Twitter)", "LinkedIn", "Strava", "TikTok", "Reddit"):
        assert platform in note.message


# -- properties ---------------------------------------------------------------------------------
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    blob=st.binary(max_size=400),
    name=st.sampled_from(
        [
            "data/tweets.js",
            "activities.csv",
            "posts.csv",
            "your_posts_1.json",
            "user_data.json",
            "Shares.csv",
            "activities/1.gpx",
            "content/posts_1.json",
        ]
    ),
)
def test_any_bytes_under_any_known_name_never_break_the_review(tmp_path: Path, blob: bytes, name: str) -> None:
    path = samples.write_zip(
        tmp_path / "fuzz.zip",
        {name: blob, "activities.csv": "Activity ID\n1\n"} if name != "activities.csv" else {name: blob},
    )
    report = _review(path)
    assert report.records >= 0  # it returned: no exception escaped


json_values = json_shapes(
    [
        "data",
        "post",
        "attachments",
        "place",
        "coordinate",
        "latitude",
        "longitude",
        "media",
        "timestamp",
        "title",
        "tweet",
        "full_text",
        "coordinates",
        "VideoList",
        "ProfileMap",
        "emailAddress",
    ]
)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(value=json_values)
def test_any_json_shape_in_any_json_reader_never_breaks_the_review(tmp_path: Path, value: object) -> None:
    text = json.dumps(value)
    files = {
        "your_posts_1.json": text,
        "content/posts_1.json": text,
        "user_data.json": text,
        "data/tweets.js": "window.YTD.tweets.part0 = " + text,
    }
    report = _review(samples.write_zip(tmp_path / "shape.zip", files))
    assert set(report.platforms) <= {"facebook", "instagram", "x", "tiktok"}


@settings(max_examples=100, deadline=None)
@given(
    value=st.lists(json_values, max_size=6),
    cuts=st.lists(st.integers(min_value=1, max_value=40), max_size=30),
    ytd=st.booleans(),
    spaces=st.sampled_from(["", " ", "\n  "]),
)
def test_streaming_a_json_array_in_any_chunking_gives_what_json_loads_gives(
    value: list[object], cuts: list[int], ytd: bool, spaces: str
) -> None:
    from socially_aware.review.documents import stream_array

    text = ("window.YTD.tweets.part0 = " if ytd else "") + json.dumps(value, indent=1 if spaces else None) + spaces
    data = text.encode()
    pieces, at = [], 0
    for cut in cuts:
        pieces.append(data[at : at + cut])
        at += cut
    pieces.append(data[at:])
    assert list(stream_array(iter([p for p in pieces if p]), ytd)) == json.loads(json.dumps(value))


@pytest.mark.parametrize("text", ['[{"a": 1}, {"b": 2}', '[{"a": 1} {"b": 2}]', '[{"a": 1},', "[1, 2] [3]"])
def test_a_broken_streamed_list_is_a_document_error_after_the_good_entries(text: str) -> None:
    from socially_aware.review.documents import DocumentError, stream_array

    got: list[object] = []
    with pytest.raises(DocumentError):
        for item in stream_array(iter([text.encode()])):
            got.append(item)
    assert got[:1] in ([{"a": 1}], [1])


@pytest.mark.parametrize("size", [1, 2, 3, 5])
def test_a_number_cut_by_a_chunk_boundary_is_read_whole(size: int) -> None:
    # Found by the property above: "[\n -0.0\n]" in 2-byte chunks read "-0" then failed at ".0".
    from socially_aware.review.documents import stream_array

    data = json.dumps([-0.0, 1e-05, 12345, [1.5e10], -7], indent=1).encode()
    pieces = [data[at : at + size] for at in range(0, len(data), size)]
    assert list(stream_array(iter(pieces))) == json.loads(data)
