"""What every export reader yields: one `Entry` per saved login, and the one way to make one.

A reader passes the fields that hold a login name as `logins` (kept whole: an address or a
corporate ID) and the free text that can mention one (notes, custom fields) as `free_text`, of
which only the email addresses are kept. Fields marked secret (passwords, hidden or concealed
fields, one-time codes) are never passed at all.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import NamedTuple

from socially_aware.accounts.domains import addresses_in


class Entry(NamedTuple):
    address: str
    """The web address saved with the login, as written (may hold credentials: never shown)."""
    title: str
    """The name the person gave the login (free text: never shown)."""
    logins: tuple[str, ...]
    """Login names (username, email, username2/3) and the addresses found in notes and custom fields."""


class ExportRead(NamedTuple):
    kind: str
    entries: list[Entry]
    skipped: int
    """Rows that could not be lined up with the header (more cells than columns), left out."""


def text(value: object) -> str:
    """A field's value when it is text; anything else (a number, a list, null) is no text."""
    return value if isinstance(value, str) else ""


def entry(address: object, title: object, logins: Iterable[object] = (), free_text: Iterable[object] = ()) -> Entry:
    found = [name for value in logins if isinstance(value, str) and (name := value.strip())]
    for value in free_text:
        if value and isinstance(value, str):
            found.extend(addresses_in(value))
    return Entry(address if isinstance(address, str) else "", title if isinstance(title, str) else "", tuple(found))
