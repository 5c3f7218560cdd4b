"""The fast paths for huge files give exactly what the slow ones give.

A window of a file is parsed with one call when its elements are separated the way the first two
are, and runs of elements whose raw text cannot hold a finding are skimmed. Neither may change a
single element, index, finding or finding id.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from socially_aware.review import documents
from socially_aware.review.documents import Skimmed, stream_array
from socially_aware.review.model import Detector
from socially_aware.review.service import review_paths
from tests.review import samples
from tests.review.test_normaliser import CASES, DETECTORS


def _mojibake(text: str) -> str:
    return text.encode("utf-8").decode("latin-1")


@pytest.mark.parametrize(("term", "spelling"), CASES[::3], ids=[f"{t}|{i}" for i, (t, _) in enumerate(CASES[::3])])
def test_the_skim_never_clears_text_the_matcher_would_flag(term: str, spelling: str) -> None:
    text = f"Great day with the {spelling} team"
    assert DETECTORS.text_matches(text)
    for raw in (
        json.dumps({"post": text}),
        json.dumps({"post": text}, ensure_ascii=False),
        json.dumps({"post": _mojibake(text)}),  # how Meta writes it
        json.dumps([{"data": [{"post": text}]}] * 3, indent=2),
    ):
        assert DETECTORS.may_hold(raw), raw


@pytest.mark.parametrize(
    "raw",
    [
        '{"post": "jo\\u0040abf.gov.au"}',
        '{"post": "jo＠abf.gov.au"}',
        '{"post": "Bor\\u200bder\\nForce"}',
        '{"post": "A\\/B\\/F"}',
        '{"post": "\\u00c3\\u0081BF"}',
    ],
)
def test_escapes_and_addresses_are_never_skimmed(raw: str) -> None:
    assert DETECTORS.may_hold(raw)


@pytest.mark.parametrize("text", ["beach coffee family", "the officer said hi", "border collie", "w1, w2, w3"])
def test_plain_text_is_skimmed(text: str) -> None:
    assert not DETECTORS.may_hold(json.dumps([{"timestamp": 1, "data": [{"post": text}]}] * 50))


elements = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=12),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.sampled_from(["a", "b", "post"]), inner, max_size=3),
    max_leaves=8,
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    value=st.lists(st.dictionaries(st.sampled_from(["a", "b", "post", "data"]), elements, max_size=3), max_size=60),
    indent=st.sampled_from([None, 1, 2]),
    chunk=st.integers(min_value=7, max_value=200),
    skimmed=st.booleans(),
)
def test_batches_give_what_json_loads_gives(
    monkeypatch: pytest.MonkeyPatch, value: list[object], indent: int | None, chunk: int, skimmed: bool
) -> None:
    monkeypatch.setattr(documents, "_BATCH_MIN", 16)  # the batch path on small inputs
    data = json.dumps(value, indent=indent).encode()
    pieces = iter([data[i : i + chunk] for i in range(0, len(data), chunk)])
    got: list[object] = []
    cleared = 0
    for item in stream_array(pieces, skim=(lambda raw: False) if skimmed else None):
        if isinstance(item, Skimmed):
            cleared += item.count
        else:
            got.append(item)
    if skimmed:
        assert cleared + len(got) == len(value)
    else:
        assert got == json.loads(data)


def _big_facebook(posts: int) -> dict[str, bytes | str]:
    items: list[dict[str, object]] = []
    for i in range(posts):
        item: dict[str, object] = {"timestamp": 1_500_000_000 + i, "data": [{"post": f"coffee {i}"}]}
        if i == posts // 2:
            item["data"] = [{"post": "Night shift with #B\u200borderForce"}]
        if i == posts // 3:
            item["attachments"] = [
                {"data": [{"place": {"name": "Echo Point", "coordinate": {"latitude": -33.71, "longitude": 150.31}}}]}
            ]
        if i == posts // 4:
            item["data"] = [{"post": _mojibake("Département de Home Affairs, officer ABF")}]
        items.append(item)
    return {"your_facebook_activity/posts/your_posts__check_ins__photos_and_videos_1.json": json.dumps(items)}


def test_skimming_a_huge_file_finds_the_same_as_reading_every_post(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = samples.write_zip(tmp_path / "big.zip", _big_facebook(40_000))
    fast = review_paths([path], samples.organisation())
    from socially_aware.review import service

    monkeypatch.setattr(service.Detectors, "may_hold", lambda self, raw: True)
    slow = review_paths([path], samples.organisation())
    assert {(f.id, f.what) for f in fast.findings} == {(f.id, f.what) for f in slow.findings}
    assert fast.records == slow.records
    assert {f.detector for f in fast.findings} >= {Detector.EMPLOYER, Detector.LOCATION}
    assert len([f for f in fast.findings if f.detector is Detector.EMPLOYER]) == 2


@pytest.mark.parametrize("key", ["comments_v2", "reactions_v2"])
def test_a_huge_comments_file_is_streamed_with_the_same_findings(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, key: str
) -> None:
    from socially_aware.review import limits

    entries = [
        {"timestamp": i, "data": [{"comment": {"comment": "ABF officer" if i == 777 else f"nice {i}"}}], "title": "t"}
        for i in range(3_000)
    ]
    files = {
        "your_facebook_activity/posts/your_posts_1.json": "[]",
        "your_facebook_activity/comments_and_reactions/comments.json": json.dumps({key: entries}),
    }
    path = samples.write_zip(tmp_path / "c.zip", files)
    whole = review_paths([path], samples.organisation())
    monkeypatch.setattr(limits, "STREAM_ABOVE_BYTES", 1000)
    streamed = review_paths([path], samples.organisation())
    assert [f.id for f in streamed.findings] == [f.id for f in whole.findings] != []
    assert any("read as a stream" in n.message for n in streamed.notes)
