"""CSV exports, each told by its own header: which columns hold the address, the login names and free text.

A header identifies a format only when every column the format always writes is present; the
formats are tried from the most particular header to the most general (a Chrome header's four
columns are inside NordPass's and Proton Pass's, so those come first).
"""

from __future__ import annotations

import csv
import io
from typing import NamedTuple

from socially_aware.accounts.entries import Entry, ExportRead, entry
from socially_aware.accounts.errors import AccountsError
from socially_aware.accounts.limits import MAX_FIELD_BYTES

csv.field_size_limit(MAX_FIELD_BYTES)


class CsvFormat(NamedTuple):
    needed: frozenset[str]
    """Lower-cased columns every export of this kind has."""
    url: str
    logins: tuple[str, ...]
    """Columns that hold a login name, kept whole."""
    title: str
    free_text: tuple[str, ...] = ()
    """Columns of free text (notes, custom fields) in which only email addresses are looked for."""
    exact: bool = False
    """The header must be exactly `needed` (a subset of a more general header)."""


def _cols(*names: str) -> frozenset[str]:
    return frozenset(names)


CSV_FORMATS: dict[str, CsvFormat] = {
    # Bitwarden: folder,favorite,type,name,notes,fields,reprompt,login_uri,login_username,login_password,login_totp;
    # "fields" holds custom fields as "name: value" lines.
    "Bitwarden CSV": CsvFormat(
        _cols("login_uri", "login_username", "login_password"),
        "login_uri",
        ("login_username",),
        "name",
        ("notes", "fields"),
    ),
    # Proton Pass: type,name,url,email,username,password,note,totp,createTime,modifyTime,vault.
    "Proton Pass CSV": CsvFormat(
        _cols("name", "url", "email", "username", "password", "createtime", "modifytime", "vault"),
        "url",
        ("username", "email"),
        "name",
        ("note",),
    ),
    # NordPass: name,url,additional_urls,username,password,note,cardholdername,…,email,…,type,custom_fields.
    "NordPass CSV": CsvFormat(
        _cols("name", "url", "username", "password", "note", "cardholdername", "cardnumber", "type"),
        "url",
        ("username", "email"),
        "name",
        ("note", "custom_fields"),
    ),
    # Dashlane credentials.csv: username,username2,username3,title,password,note,url,category,otpSecret.
    "Dashlane CSV": CsvFormat(
        _cols("username", "username2", "username3", "title", "password", "url"),
        "url",
        ("username", "username2", "username3"),
        "title",
        ("note",),
    ),
    # RoboForm: Name,Url,MatchUrl,Login,Pwd,Note,Folder,RfFieldsV2.
    "RoboForm CSV": CsvFormat(
        _cols("name", "url", "matchurl", "login", "pwd"), "url", ("login",), "name", ("note", "rffieldsv2")
    ),
    "LastPass CSV": CsvFormat(
        _cols("url", "username", "password", "extra", "grouping"), "url", ("username",), "name", ("extra",)
    ),
    "Firefox CSV": CsvFormat(
        _cols("url", "username", "password", "httprealm", "formactionorigin"), "url", ("username",), "url"
    ),
    "KeePass/KeePassXC CSV": CsvFormat(
        _cols("title", "username", "password", "url", "group"), "url", ("username",), "title", ("notes",)
    ),
    # KeePass 2's own CSV: "Account","Login Name","Password","Web Site","Comments".
    "KeePass 2 CSV": CsvFormat(
        _cols("account", "login name", "password", "web site"), "web site", ("login name",), "account", ("comments",)
    ),
    # Apple Passwords (and Safari): Title,URL,Username,Password,Notes,OTPAuth and nothing else.
    "Apple Passwords CSV": CsvFormat(
        _cols("title", "url", "username", "password", "notes", "otpauth"),
        "url",
        ("username",),
        "title",
        ("notes",),
        exact=True,
    ),
    # 1Password 8: Title,Url,Username,Password,OTPAuth,Favorite,Archived,Tags,Notes.
    "1Password CSV": CsvFormat(
        _cols("title", "url", "username", "password"), "url", ("username",), "title", ("notes",)
    ),
    # Chrome and Edge: name,url,username,password,note.
    "Chrome/Edge CSV": CsvFormat(_cols("name", "url", "username", "password"), "url", ("username",), "name", ("note",)),
}
EXPECTED_CSV = ", ".join(CSV_FORMATS)
NO_HEADER = (
    "A Keeper CSV export has no header row and can't be told from other files: in Keeper choose "
    "Settings → Export → JSON instead."
)


def read_csv(data: bytes, expected: str) -> ExportRead:
    # Decoded as it is read, so a large export is not held twice (as bytes and as text).
    reader = csv.reader(io.TextIOWrapper(io.BytesIO(data), encoding="utf-8-sig", newline=""))
    try:
        header = next(reader, None)
        if not header or not any(cell.strip() for cell in header):
            raise AccountsError(f"has no header row. Expected {expected}. {NO_HEADER}")
        columns = [cell.strip().lower() for cell in header]
        kind, form = _match(columns, expected)
        width = len(columns)

        def at(name: str) -> int:
            # A column a format may leave out (NordPass's older exports have no "email") reads as empty.
            return columns.index(name) if name in columns else width

        url_at = at(form.url)
        title_at = at(form.title) if form.title != form.url else width
        login_at = [at(name) for name in form.logins]
        free_at = [at(name) for name in form.free_text]
        entries: list[Entry] = []
        skipped = 0
        padding = [""] * (width + 1)
        for row in reader:
            if not row:
                continue
            if len(row) > width:
                # An unquoted comma (often inside a password) shifts every cell after it: the
                # "url" cell may now be the password, so the row is left out, not guessed at.
                skipped += 1
                continue
            row.extend(padding[: width + 1 - len(row)])  # short rows, and index `width` for a missing column
            entries.append(entry(row[url_at], row[title_at], [row[i] for i in login_at], [row[i] for i in free_at]))
            del row  # the password column goes with the row
        return ExportRead(kind, entries, skipped)
    except csv.Error:
        # csv's messages name only the dialect's own characters, but a line number is all a person needs.
        raise AccountsError(
            f"is not a well-formed CSV file (near line {reader.line_num:,}). Expected {expected}."
        ) from None


def _match(columns: list[str], expected: str) -> tuple[str, CsvFormat]:
    present = set(columns)
    for kind, form in CSV_FORMATS.items():
        if (present == form.needed) if form.exact else (form.needed <= present):
            return kind, form
    # Never quote the cells: without a header, the first row is a login with its password.
    raise AccountsError(
        f"has {len(columns)} column(s) in its first row, a header no known export has. Expected {expected}. {NO_HEADER}"
    )
