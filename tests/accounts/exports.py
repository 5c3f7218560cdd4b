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


# -- formats added in issue 18, each written from its documented layout; the login is spread over every
# column that can hold one (the first of a row's alternatives for a corporate ID, which has no "@").


def _spread(rows: list[Row], choices: int) -> list[tuple[Row, int]]:
    """Each row with the column (0 .. choices-1) its login goes in: addresses rotate through them all."""
    out: list[tuple[Row, int]] = []
    seen = 0
    for row in rows:
        if "@" in row[1]:
            out.append((row, seen % choices))
            seen += 1
        else:
            out.append((row, 0))
    return out


def _csv_spread(path: Path, header: list[str], row_for, rows, with_header, choices: int) -> Path:  # type: ignore[no-untyped-def]
    with path.open("w", newline="", encoding="utf-8") as stream:
        writer = csv.writer(stream)
        if with_header:
            writer.writerow(header)
        for (url, login, password), column in _spread(ROWS if rows is None else rows, choices):
            writer.writerow(row_for(url, login, password, column))
    return path


def _in(column: int, wanted: int, login: str) -> str:
    return login if column == wanted else ""


def proton_csv(path: Path, rows: list[Row] | None = None, with_header: bool = True) -> Path:
    header = [
        "type",
        "name",
        "url",
        "email",
        "username",
        "password",
        "note",
        "totp",
        "createTime",
        "modifyTime",
        "vault",
    ]
    return _csv_spread(
        path,
        header,
        lambda u, who, p, c: ["login", _title(u), u, _in(c, 1, who), _in(c, 0, who), p, "", "", "1", "1", "Personal"],
        rows,
        with_header,
        2,
    )


def nordpass_csv(path: Path, rows: list[Row] | None = None, with_header: bool = True) -> Path:
    header = [
        "name",
        "url",
        "additional_urls",
        "username",
        "password",
        "note",
        "cardholdername",
        "cardnumber",
        "cvc",
        "expirydate",
        "zipcode",
        "folder",
        "full_name",
        "phone_number",
        "email",
        "address1",
        "address2",
        "city",
        "country",
        "state",
        "type",
        "custom_fields",
    ]

    def row(u: str, who: str, p: str, c: int) -> list[str]:
        cells = [_title(u), u, "", _in(c, 0, who), p, "", *[""] * 8, _in(c, 1, who), *[""] * 5, "password", ""]
        if c == 2:  # in a custom field (NordPass writes them as a JSON list)
            cells[-1] = json.dumps([{"label": "work email", "type": "text", "value": who}])
        return cells

    return _csv_spread(path, header, row, rows, with_header, 3)


def dashlane_csv(path: Path, rows: list[Row] | None = None, with_header: bool = True) -> Path:
    header = ["username", "username2", "username3", "title", "password", "note", "url", "category", "otpUrl"]
    return _csv_spread(
        path,
        header,
        lambda u, who, p, c: [_in(c, 0, who), _in(c, 1, who), _in(c, 2, who), _title(u), p, "", u, "Social", ""],
        rows,
        with_header,
        3,
    )


def roboform_csv(path: Path, rows: list[Row] | None = None, with_header: bool = True) -> Path:
    header = ["Name", "Url", "MatchUrl", "Login", "Pwd", "Note", "Folder", "RfFieldsV2"]
    return _csv_spread(
        path,
        header,
        lambda u, who, p, c: [_title(u), u, u, _in(c, 0, who), p, _in(c, 1, f"signed up as {who}"), "/", ""],
        rows,
        with_header,
        2,
    )


def apple_csv(path: Path, rows: list[Row] | None = None, with_header: bool = True) -> Path:
    return _csv_spread(
        path,
        ["Title", "URL", "Username", "Password", "Notes", "OTPAuth"],
        lambda u, who, p, c: [_title(u), u, _in(c, 0, who), p, _in(c, 1, f"work login {who}."), ""],
        rows,
        with_header,
        2,
    )


def keepass2_csv(path: Path, rows: list[Row] | None = None, with_header: bool = True) -> Path:
    return _csv_spread(
        path,
        ["Account", "Login Name", "Password", "Web Site", "Comments"],
        lambda u, who, p, c: [_title(u), who, p, u, ""],
        rows,
        with_header,
        1,
    )


def dashlane_zip(path: Path, rows: list[Row] | None = None) -> Path:
    import zipfile

    inner = dashlane_csv(path.with_suffix(".inner.csv"), rows)
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("credentials.csv", inner.read_bytes())
        archive.writestr("securenotes.csv", "title,note\n")
    inner.unlink()
    return path


def safeincloud_xml(path: Path, rows: list[Row] | None = None) -> Path:
    cards = []
    for (u, who, p), c in _spread(ROWS if rows is None else rows, 2):
        kind = "login" if c == 0 else "email"
        cards.append(
            f'<card title="{escape(_title(u), {chr(34): "&quot;"})}" id="1" symbol="web" color="blue">'
            f'<field name="Login" type="{kind}">{escape(who)}</field>'
            f'<field name="Password" type="password">{escape(p)}</field>'
            f'<field name="Website" type="website">{escape(u)}</field>'
            f'<field name="PIN" type="pin">{escape(p)}</field><notes>card notes</notes></card>'
        )
    template = '<card title="Login template" template="true"><field name="Login" type="login"></field></card>'
    path.write_text(
        f'<?xml version="1.0" encoding="utf-8"?><database>{template}{"".join(cards)}</database>', encoding="utf-8"
    )
    return path


def password_depot_xml(path: Path, rows: list[Row] | None = None) -> Path:
    items = []
    for (u, who, p), c in _spread(ROWS if rows is None else rows, 2):
        email = f"<field><name>email</name><value>{escape(who)}</value><type>7</type></field>" if c == 1 else ""
        items.append(
            f"<item><description>{escape(_title(u))}</description><type>0</type><password>{escape(p)}</password>"
            f"<username>{escape(_in(c, 0, who))}</username><url>{escape(u)}</url><comment></comment>"
            f"<customfields><field><name>passwort</name><value>{escape(p)}</value><type>1</type></field>{email}"
            "</customfields></item>"
        )
    path.write_text(
        '<?xml version="1.0" encoding="utf-8"?>'
        '<passwordfile xmlns="https://www.password-depot.de/schemas/passwordfile/17.0/passwordfile.xsd">'
        "<header><application>Password Depot</application><encrypted>False</encrypted></header>"
        f'<passwords><group name="db">{"".join(items)}</group></passwords></passwordfile>',
        encoding="utf-8",
    )
    return path


def _json_file(path: Path, data: object) -> Path:
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def bitwarden_json_everywhere(path: Path, rows: list[Row] | None = None) -> Path:
    """Bitwarden JSON with the login in the username, a text custom field or the notes; a hidden field holds the password."""
    items = []
    for (u, who, p), c in _spread(ROWS if rows is None else rows, 3):
        items.append(
            {
                "type": 1,
                "name": _title(u),
                "notes": _in(c, 2, f"Signed up with {who} in 2019"),
                "fields": [
                    {"name": "work email", "value": _in(c, 1, who), "type": 0},
                    {"name": "pin", "value": p, "type": 1},
                ],
                "login": {"username": _in(c, 0, who), "password": p, "uris": [{"match": None, "uri": u}]},
            }
        )
    return _json_file(path, {"encrypted": False, "folders": [], "items": items})


def enpass_json(path: Path, rows: list[Row] | None = None) -> Path:
    items = [
        {
            "title": _title(u),
            "category": "login",
            "template_type": "login.default",
            "note": "",
            "fields": [
                {"label": "Username", "type": "username", "value": _in(c, 0, who), "sensitive": 0},
                {"label": "E-mail", "type": "email", "value": _in(c, 1, who), "sensitive": 0},
                {"label": "Password", "type": "password", "value": p, "sensitive": 1},
                {"label": "Security answer", "type": "text", "value": p, "sensitive": 1},
                {"label": "URL", "type": "url", "value": u, "sensitive": 0},
            ],
        }
        for (u, who, p), c in _spread(ROWS if rows is None else rows, 2)
    ]
    return _json_file(path, {"folders": [], "items": items})


def psono_json(path: Path, rows: list[Row] | None = None) -> Path:
    items = [
        {
            "type": "website_password",
            "name": _title(u),
            "website_password_title": _title(u),
            "website_password_url": u,
            "website_password_username": _in(c, 0, who),
            "website_password_password": p,
            "website_password_notes": _in(c, 1, f"mail: {who}"),
            "create_date": "2022-12-13T19:24:09.810266Z",
        }
        for (u, who, p), c in _spread(ROWS if rows is None else rows, 2)
    ]
    return _json_file(path, {"folders": [], "items": items})


def passky_json(path: Path, rows: list[Row] | None = None, encrypted: bool = False) -> Path:
    passwords = [
        {"website": u, "username": who, "password": p, "message": ""} for u, who, p in (ROWS if rows is None else rows)
    ]
    return _json_file(path, {"encrypted": encrypted, "passwords": passwords})


def keeper_json(path: Path, rows: list[Row] | None = None) -> Path:
    records = [
        {
            "title": _title(u),
            "login": _in(c, 0, who),
            "password": p,
            "login_url": u,
            "notes": "",
            "custom_fields": {"$email::1": _in(c, 1, who)},
            "$type": "login",
        }
        for (u, who, p), c in _spread(ROWS if rows is None else rows, 2)
    ]
    return _json_file(path, {"shared_folders": [], "records": records})


def _onepux_item(u: str, who: str, p: str, c: int) -> dict[str, object]:
    return {
        "uuid": "x",
        "categoryUuid": "001",
        "overview": {"title": _title(u), "url": u, "urls": [{"label": "website", "url": u}]},
        "details": {
            "loginFields": [
                {"value": _in(c, 0, who), "name": "username", "fieldType": "T", "designation": "username"},
                {"value": p, "name": "password", "fieldType": "P", "designation": "password"},
            ],
            "notesPlain": "",
            "sections": [
                {
                    "title": "Account",
                    "fields": [
                        {"title": "email", "id": "e", "value": {"email": {"email_address": _in(c, 1, who)}}},
                        {"title": "recovery", "id": "r", "value": {"concealed": p}},
                    ],
                }
            ],
        },
    }


def onepux(path: Path, rows: list[Row] | None = None) -> Path:
    import zipfile

    items = [_onepux_item(*row, c) for row, c in _spread(ROWS if rows is None else rows, 2)]
    data = {
        "accounts": [{"attrs": {"accountName": "Alex"}, "vaults": [{"attrs": {"name": "Private"}, "items": items}]}]
    }
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("export.attributes", json.dumps({"version": 3}))
        archive.writestr("export.data", json.dumps(data))
    return path


def onepif(path: Path, rows: list[Row] | None = None) -> Path:
    separator = "\n***5642bee8-a5ff-11dc-8314-0800200c9a66***\n"
    records = [
        json.dumps(
            {
                "uuid": "x",
                "typeName": "webforms.WebForm",
                "title": _title(u),
                "location": u,
                "secureContents": {
                    "fields": [
                        {"value": _in(c, 0, who), "name": "username", "type": "T", "designation": "username"},
                        {"value": p, "name": "password", "type": "P", "designation": "password"},
                    ],
                    "URLs": [{"url": u}],
                    "sections": [{"fields": [{"k": "email", "n": "e", "t": "email", "v": _in(c, 1, who)}]}],
                },
            }
        )
        for (u, who, p), c in _spread(ROWS if rows is None else rows, 2)
    ]
    path.write_text(separator.join(records) + separator, encoding="utf-8")
    return path


def proton_zip(path: Path, rows: list[Row] | None = None) -> Path:
    import zipfile

    items = [
        {
            "itemId": "x",
            "data": {
                "metadata": {"name": _title(u), "note": ""},
                "extraFields": [{"fieldName": "secret", "type": "hidden", "data": {"content": p}}],
                "type": "login",
                "content": {"itemEmail": _in(c, 1, who), "itemUsername": _in(c, 0, who), "password": p, "urls": [u]},
            },
            "state": 1,
        }
        for (u, who, p), c in _spread(ROWS if rows is None else rows, 2)
    ]
    data = {
        "version": "1.21.2",
        "userId": "u",
        "encrypted": False,
        "vaults": {"v": {"name": "Personal", "items": items}},
    }
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("Proton Pass/data.json", json.dumps(data))
    return path


CSV_FORMATS = (
    *CSV_FORMATS,
    "Proton Pass CSV",
    "NordPass CSV",
    "Dashlane CSV",
    "RoboForm CSV",
    "Apple Passwords CSV",
    "KeePass 2 CSV",
)
NEW_FORMATS = {
    "Proton Pass CSV": (".csv", proton_csv),
    "NordPass CSV": (".csv", nordpass_csv),
    "Dashlane CSV": (".csv", dashlane_csv),
    "RoboForm CSV": (".csv", roboform_csv),
    "Apple Passwords CSV": (".csv", apple_csv),
    "KeePass 2 CSV": (".csv", keepass2_csv),
    "Dashlane zip": (".zip", dashlane_zip),
    "SafeInCloud XML": (".xml", safeincloud_xml),
    "Password Depot XML": (".xml", password_depot_xml),
    "Enpass JSON": (".json", enpass_json),
    "Psono JSON": (".json", psono_json),
    "Passky JSON": (".json", passky_json),
    "Keeper JSON": (".json", keeper_json),
    "1Password 1PUX": (".1pux", onepux),
    "1Password 1PIF": (".1pif", onepif),
    "Proton Pass zip": (".zip", proton_zip),
}
# Bitwarden JSON is read with logins in custom fields and notes too (issue 18).
ALL_FORMATS = {**ALL_FORMATS, **NEW_FORMATS, "Bitwarden JSON": (".json", bitwarden_json_everywhere)}
