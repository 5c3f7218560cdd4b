"""XML exports, told by their root element: KeePass (<KeePassFile>), SafeInCloud (<database> of <card>s) and
Password Depot (<passwordfile>).

Read as a stream: each entry's element is cleared once read, so a password value never outlives
its entry. Python's expat refuses entity-expansion bombs (billion laughs) since expat 2.4, and
ElementTree never fetches external entities.

Layouts (from the managers' documented exports):
- KeePass 2 / KeePassXC: <Entry><String><Key>UserName</Key><Value>…</Value></String>…<History>…</History></Entry>
- SafeInCloud: <database><card title="…" template="false"><field name="…" type="login|email|website|password|…">…
  </field><notes>…</notes></card></database>
- Password Depot: <passwordfile><header><encrypted>False</encrypted></header><passwords><group><item>
  <description/><username/><url/><comment/><customfields><field><name/><value/><type/></field></customfields>
  </item></group></passwords></passwordfile>
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from typing import Any
from xml.etree.ElementTree import Element, ParseError, iterparse

from socially_aware.accounts.entries import Entry, ExportRead, entry
from socially_aware.accounts.errors import AccountsError

Events = Iterator[tuple[str, Element]]

# KeePass strings that are never a login name; anything else the person added is read for addresses only.
_KEEPASS_KNOWN = frozenset({"Title", "UserName", "URL", "Notes", "Password", "otp", "TOTP Seed", "TOTP Settings"})
# SafeInCloud field types that hold a login name, an address, and secrets never read.
_SIC_LOGIN = frozenset({"login", "email"})
_SIC_SECRET = frozenset({"password", "pin", "secret", "one_time_password", "otp"})
# Password Depot custom field types: 1 is a password.
_PD_SECRET = frozenset({"1"})
DEPOT_ENCRYPTED = (
    "is an encrypted Password Depot export; its logins can't be read. In Password Depot choose "
    "File → Export → XML without encryption, then delete that file once it has been read."
)


def _local(tag: object) -> str:
    """A tag without its namespace ("{https://…}item" -> "item")."""
    return tag.rpartition("}")[2] if isinstance(tag, str) else ""


def read_xml(data: bytes, expected: str) -> ExportRead:
    events: Events = iterparse(io.BytesIO(data), events=("start", "end"))  # noqa: S314
    try:
        root = next((_local(element.tag) for event, element in events if event == "start"), "")
        if root == "KeePassFile":
            return ExportRead("KeePass XML", list(_keepass(events)), 0)
        if root == "database":
            return ExportRead("SafeInCloud XML", list(_safeincloud(events)), 0)
        if root == "passwordfile":
            return ExportRead("Password Depot XML", list(_password_depot(events)), 0)
        raise AccountsError(f"is XML of a kind no known export has. Expected {expected}.")
    except ParseError as error:
        line, column = getattr(error, "position", (0, 0))
        raise AccountsError(
            f"is not well-formed XML (line {line:,}, column {column:,}). Expected {expected}."
        ) from None
    except (ValueError, LookupError, RecursionError):  # an encoding declaration expat can't honour, and the like
        raise AccountsError(f"is XML this app can't read. Expected {expected}.") from None


def _keepass(events: Events) -> Iterator[Entry]:
    strings: dict[str, str] = {}
    extra: list[str] = []
    key: str | None = None
    history = 0
    for event, element in events:
        tag = _local(element.tag)
        if event == "start":
            if tag == "History":
                history += 1
            elif tag == "Entry" and not history:
                strings, extra = {}, []
            continue
        if tag == "History":
            history -= 1
            element.clear()
        elif history:
            continue  # an entry's older versions are not separate logins
        elif tag == "Key":
            key = element.text or ""
        elif tag == "Value" and key is not None:
            protected = element.get("ProtectInMemory") == "True" or element.get("Protected") == "True"
            if key in ("Title", "UserName", "URL", "Notes"):
                strings[key] = element.text or ""
            elif key not in _KEEPASS_KNOWN and not protected:
                extra.append(element.text or "")
            key = None
            element.clear()  # a Password value is dropped here, never stored
        elif tag == "Entry":
            yield entry(
                strings.get("URL", ""),
                strings.get("Title", ""),
                [strings.get("UserName")],
                [strings.get("Notes"), *extra],
            )
            element.clear()


def _safeincloud(events: Events) -> Iterator[Entry]:
    for event, element in events:
        if event != "end" or _local(element.tag) != "card":
            continue
        if element.get("template") != "true" and element.get("type") != "note":
            yield _card(element)
        element.clear()


def _card(card: Element) -> Entry:
    url = ""
    logins: list[Any] = []
    free: list[Any] = []
    for child in card:
        tag, kind = _local(child.tag), (child.get("type") or "").lower()
        if tag == "notes":
            free.append(child.text)
        elif tag != "field" or kind in _SIC_SECRET:
            continue
        elif kind in _SIC_LOGIN:
            logins.append(child.text)
        elif kind == "website" and not url:
            url = child.text or ""
        else:
            free.append(child.text)
    return entry(url, card.get("title"), logins, free)


def _password_depot(events: Events) -> Iterator[Entry]:
    for event, element in events:
        if event != "end":
            continue
        tag = _local(element.tag)
        if tag == "encrypted" and (element.text or "").strip().lower() == "true":
            raise AccountsError(DEPOT_ENCRYPTED)
        if tag == "item":
            yield _depot_item(element)
            element.clear()


def _depot_item(item: Element) -> Entry:
    def child(name: str) -> str:
        found = next((c for c in item if _local(c.tag) == name), None)
        return (found.text or "") if found is not None else ""

    free: list[Any] = [child("comment")]
    for fields in (c for c in item if _local(c.tag) == "customfields"):
        for field in fields:
            parts = {_local(p.tag): p.text or "" for p in field}
            if parts.get("type", "").strip() not in _PD_SECRET:
                free.append(parts.get("value"))
    return entry(child("url"), child("description"), [child("username")], free)
