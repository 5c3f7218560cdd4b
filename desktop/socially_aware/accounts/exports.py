"""Password-manager and browser exports: which sites have a login, and with which name.

Each reader yields (web address or title, login name) pairs. The password column is never read
into anything that lives beyond the row being parsed.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from pathlib import Path

# Python's expat refuses entity-expansion bombs (billion laughs) since expat 2.4.
from xml.etree.ElementTree import ParseError, iterparse

MAX_EXPORT_BYTES = 200 * 1024 * 1024
csv.field_size_limit(16 * 1024 * 1024)

Entries = Iterator[tuple[str, str]]
"""(url or title, login)"""


class AccountsError(Exception):
    """A file that can't be read; the message says what was expected. Never holds file contents."""


# Header sets (lower-cased) that identify each CSV export, with the url, login and title columns.
CSV_FORMATS: dict[str, tuple[frozenset[str], str, str, str]] = {
    "Bitwarden CSV": (frozenset({"login_uri", "login_username", "login_password"}), "login_uri", "login_username", "name"),
    "LastPass CSV": (frozenset({"url", "username", "password", "extra", "grouping"}), "url", "username", "name"),
    "KeePass/KeePassXC CSV": (frozenset({"title", "username", "password", "url", "group"}), "url", "username", "title"),
    "1Password CSV": (frozenset({"title", "url", "username", "password"}), "url", "username", "title"),
    "Firefox CSV": (frozenset({"url", "username", "password", "httprealm", "formactionorigin"}), "url", "username", "url"),
    "Chrome/Edge CSV": (frozenset({"name", "url", "username", "password"}), "url", "username", "name"),
}
EXPECTED = (
    "a Bitwarden (CSV or JSON), 1Password CSV, KeePass/KeePassXC (CSV or XML) or LastPass CSV export, "
    "or a Chrome, Edge or Firefox saved-passwords CSV"
)


def read_export(path: Path) -> tuple[str, list[tuple[str, str]]]:
    """(format name, entries). Raises AccountsError naming what was expected."""
    try:
        size = path.stat().st_size
        if size > MAX_EXPORT_BYTES:
            raise AccountsError(f"{path.name} is {size / 2**20:.0f} MB, larger than any password export.")
        with path.open("rb") as stream:
            head = stream.read(4096)
    except OSError as error:
        raise AccountsError(f"{path.name} could not be read: {error.strerror or error}.") from error
    text_head = head.decode("utf-8-sig", errors="replace").lstrip()
    if text_head.startswith("<"):
        return "KeePass XML", list(_keepass_xml(path))
    if text_head.startswith("{"):
        return "Bitwarden JSON", list(_bitwarden_json(path))
    return _csv(path)


def _csv(path: Path) -> tuple[str, list[tuple[str, str]]]:
    try:
        with path.open(encoding="utf-8-sig", newline="") as stream:
            reader = csv.reader(stream)
            header = next(reader, None)
            if not header:
                raise AccountsError(f"{path.name} is empty. Expected {EXPECTED}.")
            columns = [h.strip().lower() for h in header]
            name, url_col, user_col, title_col = _match(columns, path)
            index = {c: i for i, c in enumerate(columns)}
            entries = []
            for row in reader:
                if not row:
                    continue
                url = row[index[url_col]] if index[url_col] < len(row) else ""
                login = row[index[user_col]] if index[user_col] < len(row) else ""
                title = row[index[title_col]] if index[title_col] < len(row) else ""
                entries.append((url or title, login))
                del row  # the password column goes with the row
            return name, entries
    except UnicodeDecodeError as error:
        raise AccountsError(f"{path.name} is not UTF-8 text. Expected {EXPECTED}.") from error
    except csv.Error as error:
        raise AccountsError(f"{path.name} is not a well-formed CSV file ({error}). Expected {EXPECTED}.") from error


def _match(columns: list[str], path: Path) -> tuple[str, str, str, str]:
    present = set(columns)
    for name, (needed, url_col, user_col, title_col) in CSV_FORMATS.items():
        if needed <= present:
            return name, url_col, user_col, title_col
    shown = ", ".join(c for c in columns[:8] if c)[:120]
    raise AccountsError(f"{path.name} has the columns ({shown}), which no known export has. Expected {EXPECTED}.")


def _bitwarden_json(path: Path) -> Entries:
    try:
        with path.open(encoding="utf-8-sig") as stream:
            data = json.load(stream)
    except (ValueError, UnicodeDecodeError) as error:
        raise AccountsError(f"{path.name} is not valid JSON. Expected {EXPECTED}.") from error
    items = data.get("items") if isinstance(data, dict) else None
    if not isinstance(items, list):
        if isinstance(data, dict) and data.get("encrypted"):
            raise AccountsError(f"{path.name} is an encrypted Bitwarden export; export it unencrypted, then delete it after import.")
        raise AccountsError(f"{path.name} is JSON but has no Bitwarden \"items\". Expected {EXPECTED}.")
    for item in items:
        if not isinstance(item, dict):
            continue
        login = item.get("login") if isinstance(item.get("login"), dict) else {}
        uris = login.get("uris") if isinstance(login.get("uris"), list) else []
        first = next((u.get("uri") for u in uris if isinstance(u, dict) and isinstance(u.get("uri"), str)), "")
        yield (first or str(item.get("name") or ""), str(login.get("username") or ""))


def _keepass_xml(path: Path) -> Entries:
    strings: dict[str, str] = {}
    key: str | None = None
    try:
        for event, element in iterparse(path, events=("start", "end")):  # noqa: S314
            if event == "start":
                if element.tag == "Entry":
                    strings = {}
                continue
            if element.tag == "Key":
                key = element.text or ""
            elif element.tag == "Value" and key is not None:
                if key in ("Title", "UserName", "URL"):
                    strings[key] = element.text or ""
                key = None
                element.clear()  # a Password value is dropped here, never stored
            elif element.tag == "Entry":
                yield (strings.get("URL") or strings.get("Title", ""), strings.get("UserName", ""))
                element.clear()
            elif element.tag == "History":
                element.clear()
    except ParseError as error:
        raise AccountsError(f"{path.name} is not well-formed XML ({error}). Expected {EXPECTED}.") from error

