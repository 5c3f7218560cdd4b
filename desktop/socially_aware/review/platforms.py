"""Tables derived from the one list of readers (`review/readers/__init__.py`), built when first read.

The window's review page names platforms only once a review has run; importing every reader at
start costs about 10 ms (benchmarks/startup.py), so a table here imports them on its first look-up.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from typing import TYPE_CHECKING, TypeVar

if TYPE_CHECKING:
    from socially_aware.review.readers.common import PlatformReader

Value = TypeVar("Value")


class ReaderTable(Mapping[str, Value]):
    """platform id -> `value(reader)` for every reader, read-only."""

    def __init__(self, value: Callable[[PlatformReader], Value]) -> None:
        self._value = value
        self._built: dict[str, Value] | None = None

    def _table(self) -> dict[str, Value]:
        if self._built is None:  # two threads may both build it: the same table, so either is kept
            from socially_aware.review.readers import READERS

            self._built = {reader.platform: self._value(reader) for reader in READERS}
        return self._built

    def __getitem__(self, platform: str) -> Value:
        return self._table()[platform]

    def __iter__(self) -> Iterator[str]:
        return iter(self._table())

    def __len__(self) -> int:
        return len(self._table())
