"""Comparing the parts of two files that decide the pixels, without copying whole files."""

from __future__ import annotations

from collections.abc import Sequence

Span = tuple[int, int]
_PIECE = 1 << 20
"""Compared a megabyte at a time: a slice is a copy, and a whole scan copied would cost as much
memory as the file itself (the container-edit budget has room for the original and the copy only)."""


def same_bytes(a: bytes, a_start: int, b: bytes, b_start: int, length: int) -> bool:
    """Whether a[a_start : a_start + length] equals b[b_start : b_start + length]."""
    if a_start + length > len(a) or b_start + length > len(b):
        return False
    # startswith is a single memcmp; comparing memoryviews goes item by item (measured 40x slower).
    return all(
        a.startswith(b[b_start + at : b_start + min(at + _PIECE, length)], a_start + at)
        for at in range(0, length, _PIECE)
    )


def same_spans(a: bytes, a_spans: Sequence[Span], b: bytes, b_spans: Sequence[Span]) -> bool:
    """Whether the byte ranges `a_spans` of `a` equal the ranges `b_spans` of `b`, in order."""
    if [end - start for start, end in a_spans] != [end - start for start, end in b_spans]:
        return False
    return all(same_bytes(a, sa, b, sb, eb - sb) for (sa, _ea), (sb, eb) in zip(a_spans, b_spans, strict=True))
