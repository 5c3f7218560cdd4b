"""Counted nouns agree with their numbers: no "1 sites", no "(s)"."""

from __future__ import annotations

import pytest

from socially_aware.wording import count, verb


@pytest.mark.parametrize(
    ("n", "singular", "plural", "expected"),
    [
        (0, "finding", None, "0 findings"),
        (1, "finding", None, "1 finding"),
        (2, "finding", None, "2 findings"),
        (1, "download", None, "1 download"),
        (12_345, "post", None, "12,345 posts"),
        (1, "entry", "entries", "1 entry"),
        (3, "entry", "entries", "3 entries"),
    ],
)
def test_count_agrees(n: int, singular: str, plural: str | None, expected: str) -> None:
    assert count(n, singular, plural) == expected


@pytest.mark.parametrize(("n", "expected"), [(0, "belong"), (1, "belongs"), (2, "belong")])
def test_verb_agrees(n: int, expected: str) -> None:
    assert verb(n, "belongs", "belong") == expected
