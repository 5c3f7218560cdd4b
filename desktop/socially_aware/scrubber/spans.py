"""Comparing the parts of two files that decide the pixels, without copying whole files."""

from __future__ import annotations

from collections.abc import Sequence

Span = tuple[int, int]


def same_bytes(a: bytes, a_start: int, b: bytes, b_start: int, length: int) -> bool:
    """Whether a[a_start : a_start + length] equals b[b_start : b_start + length].

    `startswith` takes any bytes-like prefix: given a memoryview of `b` it is one memcmp and copies
    nothing (a slice of `b` would copy the whole scan first: one more pass over every photo, and
    memory the size of the file; comparing two memoryviews goes item by item, 40x slower)."""
    if a_start + length > len(a) or b_start + length > len(b):
        return False
    return a.startswith(memoryview(b)[b_start : b_start + length], a_start)


def same_spans(a: bytes, a_spans: Sequence[Span], b: bytes, b_spans: Sequence[Span]) -> bool:
    """Whether the byte ranges `a_spans` of `a` equal the ranges `b_spans` of `b`, in order."""
    if [end - start for start, end in a_spans] != [end - start for start, end in b_spans]:
        return False
    return all(same_bytes(a, sa, b, sb, eb - sb) for (sa, _ea), (sb, eb) in zip(a_spans, b_spans, strict=True))
