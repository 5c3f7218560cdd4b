"""Realistic export files written by the tests, one per format; every password is recorded so
tests can prove none of them survives anywhere."""

from __future__ import annotations

import csv
import json
from pathlib import Path
from xml.sax.saxutils import escape

PASSWORDS = [
    "Hunter2!Border",
    "S3cret-Strava-77",
    "TinderPw#2019",
    "Plaxo_old_pw",
    "reddit pw with spaces",
    "pw,with,commas",
]

# (site url, login, password); two on an official address, one on a corporate ID, the rest personal.
ROWS = [
    ("https://www.strava.com/login", "alex.officer@border.gov.au", PASSWORDS[1]),
    ("https://tinder.com", "alex@gmail.com", PASSWORDS[2]),
    ("https://www.plaxo.com/signin", "a.officer@mbc.gov.au", PASSWORDS[3]),
    ("https://old.reddit.com", "A123456", PASSWORDS[4]),
    ("https://accounts.google.com", "alex@gmail.com", PASSWORDS[0]),
    ("https://m.facebook.com", "alex.officer@BORDER.gov.au", PASSWORDS[5]),
]
OFFICIAL_SITES = ["facebook.com", "plaxo.com", "reddit.com", "strava.com"]


Row = tuple[str, str, str]
"""(url, login, password)"""


def _title(url: str) -> str:
    parts = url.split("/")
    return parts[2] if len(parts) > 2 else url


def _csv(path: Path, header: list[str], row_for, rows: list[Row] | None = None, with_header: bool = True) -> Path:  # type: ignore[no-untyped-def]
    with path.open("w", newline="", encoding="utf-8-sig") as stream:
        writer = csv.writer(stream)
        if with_header:
            writer.writerow(header)
        for url, login, password in ROWS if rows is None else rows:
            writer.writerow(row_for(url, login, password))
    return path


def bitwarden_csv(path: Path, rows: list[Row] | None = None, with_header: bool = True) -> Path:
    return _csv(
        path,
        [
            "folder",
            "favorite",
            "type",
            "name",
            "notes",
            "fields",
            "reprompt",
            "login_uri",
            "login_username",
            "login_password",
            "login_totp",
        ],
        lambda u, who, p: ["", "", "login", _title(u), "line one\nline two", "", "0", u, who, p, ""],
        rows,
        with_header,
    )


def lastpass_csv(path: Path, rows: list[Row] | None = None, with_header: bool = True) -> Path:
    return _csv(
        path,
        ["url", "username", "password", "totp", "extra", "name", "grouping", "fav"],
        lambda u, who, p: [u, who, p, "", "", _title(u), "Social", "0"],
        rows,
        with_header,
    )


def onepassword_csv(path: Path, rows: list[Row] | None = None, with_header: bool = True) -> Path:
    return _csv(
        path,
        ["Title", "Url", "Username", "Password", "OTPAuth", "Favorite", "Archived", "Tags", "Notes"],
        lambda u, who, p: [_title(u), u, who, p, "", "false", "false", "", ""],
        rows,
        with_header,
    )


def keepassxc_csv(path: Path, rows: list[Row] | None = None, with_header: bool = True) -> Path:
    return _csv(
        path,
        ["Group", "Title", "Username", "Password", "URL", "Notes", "TOTP", "Icon", "Last Modified", "Created"],
        lambda u, who, p: ["Root", _title(u), who, p, u, "", "", "0", "", ""],
        rows,
        with_header,
    )


def chrome_csv(path: Path, rows: list[Row] | None = None, with_header: bool = True) -> Path:
    return _csv(
        path,
        ["name", "url", "username", "password", "note"],
        lambda u, who, p: [_title(u), u, who, p, ""],
        rows,
        with_header,
    )


def firefox_csv(path: Path, rows: list[Row] | None = None, with_header: bool = True) -> Path:
    return _csv(
        path,
        [
            "url",
            "username",
            "password",
            "httpRealm",
            "formActionOrigin",
            "guid",
            "timeCreated",
            "timeLastUsed",
            "timePasswordChanged",
        ],
        lambda u, who, p: [u, who, p, "", u, "{guid}", "1", "1", "1"],
        rows,
        with_header,
    )


def bitwarden_json(path: Path, rows: list[Row] | None = None) -> Path:
    items = [
        {"type": 1, "name": _title(u), "login": {"username": who, "password": p, "uris": [{"uri": u}]}}
        for u, who, p in (ROWS if rows is None else rows)
    ]
    path.write_text(json.dumps({"encrypted": False, "folders": [], "items": items}), encoding="utf-8")
    return path


def keepass_xml(path: Path, rows: list[Row] | None = None) -> Path:
    entries = "".join(
        f"<Entry><String><Key>Title</Key><Value>{escape(_title(u))}</Value></String>"
        f"<String><Key>UserName</Key><Value>{escape(who)}</Value></String>"
        f'<String><Key>Password</Key><Value ProtectInMemory="True">{escape(p)}</Value></String>'
        f"<String><Key>URL</Key><Value>{escape(u)}</Value></String></Entry>"
        for u, who, p in (ROWS if rows is None else rows)
    )
    path.write_text(
        f'<?xml version="1.0" encoding="utf-8"?><KeePassFile><Root><Group><Name>Root</Name>{entries}</Group></Root></KeePassFile>',
        encoding="utf-8",
    )
    return path


CSV_FORMATS = (
    "Bitwarden CSV",
    "LastPass CSV",
    "1Password CSV",
    "KeePass/KeePassXC CSV",
    "Chrome/Edge CSV",
    "Firefox CSV",
)
ALL_FORMATS = {
    "Bitwarden CSV": (".csv", bitwarden_csv),
    "LastPass CSV": (".csv", lastpass_csv),
    "1Password CSV": (".csv", onepassword_csv),
    "KeePass/KeePassXC CSV": (".csv", keepassxc_csv),
    "Chrome/Edge CSV": (".csv", chrome_csv),
    "Firefox CSV": (".csv", firefox_csv),
    "Bitwarden JSON": (".json", bitwarden_json),
    "KeePass XML": (".xml", keepass_xml),
}


def mbox(path: Path, extra_messages: int = 0) -> Path:
    messages = [
        ("Strava <no-reply@strava.com>", "alex.officer@border.gov.au", "Welcome to Strava, Alex!"),
        ("Meetup <info@email.meetup.com>", "a.officer@mara.gov.au", "Please verify your email address"),
        ("Newsletter <news@shop.example>", "alex.officer@border.gov.au", "Our spring sale"),
        ("Tinder <no-reply@gotinder.com>", "alex@gmail.com", "Welcome to Tinder"),
        (
            "=?utf-8?q?Ex=C3=A4mple?= <noreply@forum.example.com.au>",
            "alex.officer@border.gov.au",
            "=?utf-8?q?Reset_your_password?=",
        ),
    ]
    with path.open("w", encoding="utf-8") as stream:
        for n in range(len(messages) + extra_messages):
            sender, to, subject = messages[n % len(messages)]
            stream.write(
                f"From sender@example Mon Jan  1 00:00:00 2024\nFrom: {sender}\nTo: {to}\nSubject: {subject}\n"
                f"Message-ID: <{n}@example>\n\nBody mentioning {PASSWORDS[0]} that must never be read.\nFrom the team\n\n"
            )
    return path
