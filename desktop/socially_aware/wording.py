"""Counted nouns in plain English ("1 finding", "2 findings"): one place for the window, the CLI and the domain.

No Qt here, so the domain packages' text can use it as well as the widgets.
"""

from __future__ import annotations


def count(n: int, singular: str, plural: str | None = None) -> str:
    """`n` and the noun that agrees with it, with thousands separators: count(1, "post") -> "1 post"."""
    return f"{n:,} {singular if n == 1 else plural or singular + 's'}"


def verb(n: int, singular: str, plural: str) -> str:
    """The verb that agrees with `n` things: verb(1, "belongs", "belong") -> "belongs"."""
    return singular if n == 1 else plural
