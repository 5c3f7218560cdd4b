"""Password-manager and browser exports: which sites have a login, and with which name.

Each reader yields one `Entry` (web address, title, login name) per saved login. The password
column is never read into anything that lives beyond the row being parsed. A reader raises only
`AccountsError`, whose message names positions and counts, never a cell: a header-less CSV's
first row is somebody's login, password included.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from pathlib import Path
from typing import NamedTuple

# Python's expat refuses entity-expansion bombs (billion laughs) since expat 2.4, and
# ElementTree never fetches external entities.
from xml.etree.ElementTree import ParseError, iterparse

from socially_aware.accounts.errors import AccountsError
from socially_aware.accounts.limits import MAX_EXPORT_BYTES, MAX_FIELD_BYTES, SNIFF_BYTES
from socially_aware.accounts.regular_files import read_capped

__all__ = ["CSV_FORMATS", "EXPECTED", "AccountsError", "Entry", "ExportRead", "read_export"]

csv.field_size_limit(MAX_FIELD_BYTES)


class Entry(NamedTuple):
    address: str
    """The web address saved with the login, as written (may hold credentials: never shown)."""
    title: str
    """The name the person gave the login (free text: never shown)."""
    login: str


class ExportRead(NamedTuple):
    kind: str
    entries: list[Entry]
    skipped: int
    """Rows that could not be lined up with the header (more cells than columns), left out."""


# Header sets (lower-cased) that identify each CSV export, with the url, login and title columns.
CSV_FORMATS: dict[str, tuple[frozenset[str], str, str, str]] = {
    "Bitwarden CSV": (
        frozenset({"login_uri", "login_username", "login_password"}),
        "login_uri",
        "login_username",
        "name",
    ),
    "LastPass CSV": (frozenset({"url", "username", "password", "extra", "grouping"}), "url", "username", "name"),
    "KeePass/KeePassXC CSV": (frozenset({"title", "username", "password", "url", "group"}), "url", "username", "title"),
    "1Password CSV": (frozenset({"title", "url", "username", "password"}), "url", "username", "title"),
    "Firefox CSV": (
        frozenset({"url", "username", "password", "httprealm", "formactionorigin"}),
        "url",
        "username",
        "url",
    ),
    "Chrome/Edge CSV": (frozenset({"name", "url", "username", "password"}), "url", "username", "name"),
}
EXPECTED = (
    "a Bitwarden (CSV or JSON), 1Password CSV, KeePass/KeePassXC (CSV or XML) or LastPass CSV export, "
    "or a Chrome, Edge or Firefox saved-passwords CSV"
)


def read_export(path: Path) -> ExportRead:
    """The format found and the logins in it. Raises AccountsError saying what was expected."""
    data = read_capped(path, MAX_EXPORT_BYTES, "a password export")
    head = data[:SNIFF_BYTES].decode("utf-8-sig", errors="replace").lstrip()
    if not head:
        raise AccountsError(f"is empty. Expected {EXPECTED}.")
    if head.startswith("<"):
        return ExportRead("KeePass XML", list(_keepass_xml(data)), 0)
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise AccountsError(f"is UTF-16 text; export it again as UTF-8. Expected {EXPECTED}.")
    try:
        if head.startswith("{"):
            return ExportRead("Bitwarden JSON", list(_bitwarden_json(data.decode("utf-8-sig"))), 0)
        return _csv(data)
    except UnicodeDecodeError:
        raise AccountsError(f"is not UTF-8 text. Expected {EXPECTED}.") from None


def _csv(data: bytes) -> ExportRead:
    # Decoded as it is read, so a large export is not held twice (as bytes and as text).
    reader = csv.reader(io.TextIOWrapper(io.BytesIO(data), encoding="utf-8-sig", newline=""))
    try:
        header = next(reader, None)
        if not header or not any(cell.strip() for cell in header):
            raise AccountsError(f"has no header row. Expected {EXPECTED}.")
        columns = [cell.strip().lower() for cell in header]
        kind, url_col, user_col, title_col = _match(columns)
        url_at, user_at = columns.index(url_col), columns.index(user_col)
        # The title column is not part of what identifies a format: it may be missing.
        title_at = columns.index(title_col) if title_col in columns and title_col != url_col else len(columns)
        entries: list[Entry] = []
        skipped = 0
        for row in reader:
            if not row:
                continue
            if len(row) > len(columns):
                # An unquoted comma (often inside a password) shifts every cell after it: the
                # "url" cell may now be the password, so the row is left out, not guessed at.
                skipped += 1
                continue
            cells = [row[at] if at < len(row) else "" for at in (url_at, title_at, user_at)]  # (address, title, login)
            entries.append(Entry(*cells))
            del row  # the password column goes with the row
        return ExportRead(kind, entries, skipped)
    except csv.Error:
        # csv's messages name only the dialect's own characters, but a line number is all a person needs.
        raise AccountsError(
            f"is not a well-formed CSV file (near line {reader.line_num:,}). Expected {EXPECTED}."
        ) from None


def _match(columns: list[str]) -> tuple[str, str, str, str]:
    present = set(columns)
    for kind, (needed, url_col, user_col, title_col) in CSV_FORMATS.items():
        if needed <= present:
            return kind, url_col, user_col, title_col
    # Never quote the cells: without a header, the first row is a login with its password.
    raise AccountsError(
        f"has {len(columns)} column(s) in its first row, a header no known export has. Expected {EXPECTED}."
    )


def _bitwarden_json(text: str) -> Iterator[Entry]:
    try:
        data = json.loads(text)
    except RecursionError:
        raise AccountsError(f"is JSON nested deeper than any export. Expected {EXPECTED}.") from None
    except ValueError as error:
        line = getattr(error, "lineno", None)
        where = f" (line {line:,})" if isinstance(line, int) else ""
        raise AccountsError(f"is not valid JSON{where}. Expected {EXPECTED}.") from None
    items = data.get("items") if isinstance(data, dict) else None
    if not isinstance(items, list):
        if isinstance(data, dict) and data.get("encrypted") is True:
            raise AccountsError("is an encrypted Bitwarden export; export it unencrypted, then delete it after import.")
        raise AccountsError(f'is JSON but has no Bitwarden "items" list. Expected {EXPECTED}.')
    for item in items:
        if not isinstance(item, dict):
            continue
        login = item.get("login") if isinstance(item.get("login"), dict) else {}
        uris = login.get("uris") if isinstance(login.get("uris"), list) else []
        first = next((u["uri"] for u in uris if isinstance(u, dict) and isinstance(u.get("uri"), str)), "")
        name, username = item.get("name"), login.get("username")
        yield Entry(first, name if isinstance(name, str) else "", username if isinstance(username, str) else "")


def _keepass_xml(data: bytes) -> Iterator[Entry]:
    strings: dict[str, str] = {}
    key: str | None = None
    try:
        for event, element in iterparse(io.BytesIO(data), events=("start", "end")):  # noqa: S314
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
                yield Entry(strings.get("URL", ""), strings.get("Title", ""), strings.get("UserName", ""))
                element.clear()
            elif element.tag == "History":
                element.clear()
    except ParseError as error:
        line, column = getattr(error, "position", (0, 0))
        raise AccountsError(
            f"is not well-formed XML (line {line:,}, column {column:,}). Expected {EXPECTED}."
        ) from None
    except (ValueError, LookupError, RecursionError):  # an encoding declaration expat can't honour, and the like
        raise AccountsError(f"is XML this app can't read. Expected {EXPECTED}.") from None
