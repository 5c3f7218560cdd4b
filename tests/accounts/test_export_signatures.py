"""Issue 18: each export is told by what it is, every login column is read, and encrypted or unsupported
exports are named with how to make a readable one.

Every new format also runs through the shared tests (`ALL_FORMATS` in `tests/accounts/exports.py`):
detection, the leak helper, 26 hostile addresses and the hypothesis rows. This file adds what is
particular to signatures: look-alike files that the old reader misnamed, encrypted exports, addresses
in free text (and nothing else of it), and the hostile-input classes for each new reader.
"""

from __future__ import annotations

import json
import os
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from socially_aware.accounts import AccountsError, read_export, scan_paths
from socially_aware.accounts import limits as accounts_limits
from socially_aware.accounts.domains import addresses_in
from tests.accounts.exports import NEW_FORMATS, ROWS, Row, bitwarden_csv, passky_json
from tests.accounts.leaks import CORPORATE_ID, DOMAINS, assert_no_secret, scan_everywhere

pytestmark = pytest.mark.gui

OFFICIAL = "alex.officer@border.gov.au"
SECRET = "Zq9-never-shown"


def _write(path: Path, content: str | bytes) -> Path:
    path.write_bytes(content.encode() if isinstance(content, str) else content)
    return path


def _zip(path: Path, members: dict[str, str | bytes], encrypted: bool = False) -> Path:
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    if (
        encrypted
    ):  # zipfile can't write encryption: set the "encrypted" flag in both headers, as an encrypting tool does
        data = bytearray(path.read_bytes())
        for signature, at in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
            start = data.index(signature)
            data[start + at] |= 0x1
        path.write_bytes(bytes(data))
    return path


# -- the old reader misnamed these ------------------------------------------------------------


@pytest.mark.parametrize(
    ("content", "kind"),
    [
        (
            '<?xml version="1.0"?><database><card title="x"><field type="login">a@b.com</field></card></database>',
            "SafeInCloud XML",
        ),
        (
            "<passwordfile><header><encrypted>False</encrypted></header><passwords/></passwordfile>",
            "Password Depot XML",
        ),
        ('{"folders": [], "items": [{"title": "x", "category": "login", "fields": []}]}', "Enpass JSON"),
        ('{"folders": [], "items": [{"type": "website_password", "name": "x"}]}', "Psono JSON"),
        ('{"encrypted": false, "passwords": []}', "Passky JSON"),
        ('{"shared_folders": [], "records": []}', "Keeper JSON"),
        ('{"encrypted": false, "folders": [], "items": []}', "Bitwarden JSON"),
        ('{"version": "1.0", "userId": "u", "encrypted": false, "vaults": {}}', "Proton Pass JSON"),
        ("<KeePassFile><Root/></KeePassFile>", "KeePass XML"),
    ],
)
def test_each_format_is_told_by_its_own_shape(tmp_path: Path, content: str, kind: str) -> None:
    assert read_export(_write(tmp_path / "export.txt", content)).kind == kind


ACCOUNT_ENCRYPTED = {
    "encrypted": True,
    "encKeyValidation_DO_NOT_EDIT": "2.aGVsbG8=|d29ybGQ=|bWFj",
    "folders": [{"id": "f", "name": "2.Zm9sZGVy|bmFtZQ==|bWFj"}],
    "items": [
        {
            "type": 1,
            "name": "2.bmFtZQ==|Y2lwaGVy|bWFj",
            "login": {"username": f"2.{SECRET}|x|y", "password": "2.cGFzcw==|eA==|eQ==", "uris": []},
        }
    ],
}


@pytest.mark.parametrize(
    ("make", "words"),
    [
        (
            lambda p: _write(p, json.dumps(ACCOUNT_ENCRYPTED)),
            r"encrypted Bitwarden export \(encrypted with the account",
        ),
        (
            lambda p: _write(
                p, json.dumps({**ACCOUNT_ENCRYPTED, "encKeyValidation_DO_NOT_EDIT": None, "encrypted": False})
            ),
            "encrypted Bitwarden export",
        ),
        (
            lambda p: _write(
                p,
                json.dumps(
                    {"encrypted": True, "passwordProtected": True, "salt": "s", "kdfType": 0, "data": "2.x|y|z"}
                ),
            ),
            r"encrypted Bitwarden export \(protected with a file password\)",
        ),
        (lambda p: passky_json(p, encrypted=True), "encrypted Passky export"),
        (lambda p: _write(p, b"\x03\xd9\xa2\x9a\x67\xfb\x4b\xb5" + SECRET.encode()), r"KeePass database \(.kdbx\)"),
        (lambda p: _write(p, f"-----BEGIN PGP MESSAGE-----\n{SECRET}\n"), "PGP-encrypted"),
        (lambda p: _zip(p, {"Proton Pass/data.pgp": SECRET}), r"encrypted Proton Pass export \(PGP\)"),
        (lambda p: _zip(p, {"export.data": "{}"}, encrypted=True), "password-protected zip"),
        (
            lambda p: _write(
                p, f"<passwordfile><header><encrypted>True</encrypted></header><x>{SECRET}</x></passwordfile>"
            ),
            "encrypted Password Depot export",
        ),
        (lambda p: _zip(p, {"photo.jpg": SECRET, "notes.txt": SECRET}), "zip archive of 2 file"),
        (
            lambda p: _write(p, f"Work,Strava,{OFFICIAL},{SECRET},https://strava.com,,\n"),
            "Keeper CSV export has no header",
        ),
        (lambda p: _write(p, f"<html><body>{SECRET}</body></html>"), "XML of a kind no known export has"),
        (lambda p: _write(p, json.dumps({"items": [{"title": SECRET}]})), '"items" list no known export writes'),
    ],
)
def test_encrypted_or_unsupported_exports_are_named_with_what_to_do(
    tmp_path: Path,
    make: Callable[[Path], Path],
    words: str,
    qtbot: Any,
    capsys: pytest.CaptureFixture[str],
    caplog: pytest.LogCaptureFixture,
) -> None:
    path = make(tmp_path / "export")
    with pytest.raises(AccountsError, match=words):
        read_export(path)
    seen = scan_everywhere([path], tmp_path, qtbot, capsys, caplog, secrets=[SECRET])
    assert seen.sites == [] and seen.exit_code == 1


def test_an_account_encrypted_bitwarden_export_with_items_is_not_read_as_plain(tmp_path: Path) -> None:
    # The old reader returned "Bitwarden JSON" with one entry and no site: the person was told it was read.
    with pytest.raises(AccountsError, match="encrypted Bitwarden export"):
        read_export(_write(tmp_path / "bw.json", json.dumps(ACCOUNT_ENCRYPTED)))


# -- logins in every column that can hold one; addresses only from free text ------------------


def test_free_text_gives_addresses_and_nothing_else(
    tmp_path: Path,
    qtbot: Any,
    capsys: pytest.CaptureFixture[str],
    caplog: pytest.LogCaptureFixture,
) -> None:
    rows: list[Row] = [
        ("https://strava.com", "", "pw-A1"),  # the address is only in the notes: found
        ("https://meetup.com", "", "pw-A2"),  # notes hold a corporate ID and the domain as words: not a login
        ("https://tinder.com", "", "pw-A3"),  # notes hold a look-alike address: not official
    ]
    notes = {
        "https://strava.com": f"Made it with {OFFICIAL} (old job).",
        "https://meetup.com": "staff number A123456, border.gov.au team",
        "https://tinder.com": "alex@border.gov.au.evil.com",
    }
    path = tmp_path / "bw.csv"
    bitwarden_csv(path, rows=rows)
    text = path.read_text(encoding="utf-8-sig")
    for url, note in notes.items():
        text = text.replace(f'line one\nline two",,0,{url}', f'{note}",,0,{url}', 1)
    path.write_text(text.replace('"line one\nline two"', '""'), encoding="utf-8")
    seen = scan_everywhere([path], tmp_path, qtbot, capsys, caplog, secrets=["pw-A1", "pw-A2", "pw-A3"])
    assert seen.sites == ["strava.com"]


def test_bitwarden_csv_custom_fields_are_read_for_addresses(tmp_path: Path) -> None:
    path = tmp_path / "bw.csv"
    path.write_text(
        "folder,favorite,type,name,notes,fields,reprompt,login_uri,login_username,login_password,login_totp\n"
        f',,login,Strava,,"pin: 1234\nwork email: {OFFICIAL}",0,https://strava.com,,{SECRET},\n',
        encoding="utf-8",
    )
    report = scan_paths([path], DOMAINS, CORPORATE_ID)
    assert [r.site for r in report.rows] == ["strava.com"]
    assert_no_secret([repr(report)], [SECRET])


@pytest.mark.parametrize(
    ("text", "found"),
    [
        (f"mail me at {OFFICIAL}.", [OFFICIAL]),
        ("a@b.c and x.y+z@mbc.gov.au;", ["a@b.c", "x.y+z@mbc.gov.au"]),
        ("no address here, A123456", []),
        ("@" * 10_000, []),
        ("a" * 100_000 + "@" + "b" * 100_000, []),
        ("border.gov.au", []),
    ],
)
def test_addresses_in_free_text(text: str, found: list[str]) -> None:
    assert addresses_in(text) == found


# -- hostile input, class by class, for each new reader ---------------------------------------

NAMES = sorted(NEW_FORMATS)


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("keep", [0.2, 0.5, 0.9])
def test_a_truncated_export_is_refused_or_read_in_what_is_whole(tmp_path: Path, name: str, keep: float) -> None:
    suffix, write = NEW_FORMATS[name]
    path = write(tmp_path / f"export{suffix}")
    data = path.read_bytes()
    path.write_bytes(data[: int(len(data) * keep)])
    try:
        found = read_export(path)
    except AccountsError as error:
        assert str(error).endswith(".") and "Traceback" not in str(error)
    else:
        # CSV (and 1PIF, one record a chunk) can be cut between rows: what is whole is read, never more.
        assert found.kind == name and len(found.entries) <= len(ROWS)
    assert_no_secret([repr(scan_paths([path], DOMAINS, CORPORATE_ID))], [p for _u, _l, p in ROWS])


DEEP = 50_000


@pytest.mark.parametrize(
    "content",
    [
        '{"items": [{"title": "x", "category": "login", "fields": ' + "[" * DEEP + "]" * DEEP + "}]}",
        '{"items": [{"type": "website_password", "name": ' + '{"a":' * DEEP + "1" + "}" * DEEP + "}]}",
        '{"encrypted": false, "passwords": ' + "[" * DEEP + "]" * DEEP + "}",
        '{"records": [{"custom_fields": ' + '{"a":' * DEEP + "1" + "}" * DEEP + "}]}",
        '{"accounts": ' + "[" * DEEP + "]" * DEEP + "}",
        "<database>" + "<card>" * DEEP + "</card>" * DEEP + "</database>",
        "<passwordfile><passwords>" + "<group>" * DEEP + "<item/>" + "</group>" * DEEP + "</passwords></passwordfile>",
    ],
)
def test_deep_nesting_is_refused_or_read_never_a_crash(tmp_path: Path, content: str) -> None:
    path = _write(tmp_path / "deep", content)
    try:
        read_export(path)
    except AccountsError as error:
        assert "Expected" in str(error) or "nested" in str(error)


def test_a_zip_member_that_lies_about_its_size_or_count_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from socially_aware.accounts import export_zip

    big = _zip(tmp_path / "big.1pux", {"export.data": "{" + " " * 5000 + "}"})
    monkeypatch.setattr(export_zip, "MAX_EXPORT_BYTES", 1000)
    with pytest.raises(AccountsError, match="larger than any this app reads"):
        read_export(big)
    monkeypatch.setattr(export_zip, "MAX_ZIP_MEMBERS", 3)
    many = _zip(tmp_path / "many.zip", {f"f{n}.txt": "" for n in range(5)})
    with pytest.raises(AccountsError, match="more than 3 files"):
        read_export(many)
    assert accounts_limits.MAX_ZIP_MEMBERS == 10_000  # declared once, in limits.py


def test_a_damaged_zip_and_a_zip_bomb_member_are_refused(tmp_path: Path) -> None:
    cut = _zip(tmp_path / "cut.zip", {"export.data": json.dumps({"accounts": []})})
    cut.write_bytes(cut.read_bytes()[:30])
    with pytest.raises(AccountsError, match="damaged or cut-short zip"):
        read_export(cut)
    bomb = tmp_path / "bomb.1pux"
    with zipfile.ZipFile(bomb, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("export.data", b"[" * (accounts_limits.MAX_EXPORT_BYTES + 10))
    assert bomb.stat().st_size < 1_000_000
    with pytest.raises(AccountsError, match="larger than any this app reads"):
        read_export(bomb)


CONTROL = "\x1b]52;c;" + "\u202e" + "\x00\x07\r"


@pytest.mark.parametrize("name", NAMES)
def test_control_characters_and_credentials_in_name_fields_never_get_out(
    tmp_path: Path,
    name: str,
    qtbot: Any,
    capsys: pytest.CaptureFixture[str],
    caplog: pytest.LogCaptureFixture,
) -> None:
    suffix, write = NEW_FORMATS[name]
    # XML 1.0 can't hold C0 controls at all (a file with them is refused as not well-formed, tested
    # elsewhere); it can hold direction overrides and line separators.
    control = "\u202e\u2028\u2066" if suffix == ".xml" else CONTROL
    rows: list[Row] = [
        ("", OFFICIAL, "TitlePw1"),  # no address: only a vetted title or a bare host may name the site
        (f"https://strava.com/{control}x", OFFICIAL, f"Ctl{control}Pw2"),
        (f"https://user:UrlPw3@meetup.com/{control}", f"{OFFICIAL}", "Pw3b"),
    ]
    path = write(tmp_path / f"export{suffix}", rows=rows)
    if suffix in (".json", ".1pif"):
        # The title of the first row becomes the password-bearing text a person might type there.
        path.write_bytes(path.read_bytes().replace(b'"title": ""', b'"title": "Gmail pw TitlePw1"'))
    seen = scan_everywhere([path], tmp_path, qtbot, capsys, caplog, secrets=["TitlePw1", "Ctl", "UrlPw3", "Pw3b"])
    assert "strava.com" in seen.sites and "meetup.com" in seen.sites
    for text in (seen.out, seen.err):
        assert "\x1b" not in text and "\u202e" not in text


@pytest.mark.parametrize("suffix", [".1pux", ".zip", ".1pif", ".xml"])
def test_special_files_named_like_the_new_exports_are_refused_by_kind(tmp_path: Path, suffix: str) -> None:
    fifo = tmp_path / f"export{suffix}"
    os.mkfifo(fifo)
    link = tmp_path / f"zero{suffix}"
    link.symlink_to("/dev/zero")
    report = scan_paths([fifo, link], DOMAINS, CORPORATE_ID)
    assert [f.error[:20] for f in report.files] == ["is a named pipe (FIF", "is a character devic"]


PROPERTY = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
PREFIXES = [
    b"PK\x03\x04",
    b"<database><card>",
    b"<passwordfile><header>",
    b'{"encrypted": false, "passwords": [',
    b'{"records": [',
    b'{"userId": "u", "vaults": {',
    b'{"accounts": [{"vaults": [{"items": [',
    b'{"items": [{"fields": [',
    b'{"items": [{"type": "website_password",',
    b"{}\n***5642bee8-a5ff-11dc-8314-0800200c9a66***\n{",
    b"username,username2,username3,title,password,url\n",
    b"type,name,url,email,username,password,note,totp,createTime,modifyTime,vault\n",
]


@PROPERTY
@given(prefix=st.sampled_from(PREFIXES), body=st.binary(max_size=1500))
def test_random_bytes_after_each_new_signature_raise_only_our_error(tmp_path: Path, prefix: bytes, body: bytes) -> None:
    path = tmp_path / "export"
    path.write_bytes(prefix + body)
    try:
        read_export(path)
    except AccountsError as error:
        assert str(error).endswith(".")


@PROPERTY
@given(
    name=st.sampled_from(NAMES),
    cut=st.integers(0, 4000),
    junk=st.binary(max_size=40),
)
def test_each_new_export_with_random_damage_raises_only_our_error(
    tmp_path: Path, name: str, cut: int, junk: bytes
) -> None:
    suffix, write = NEW_FORMATS[name]
    path = write(tmp_path / f"export{suffix}")
    data = path.read_bytes()
    at = cut % max(len(data), 1)
    path.write_bytes(data[:at] + junk + data[at + len(junk) :])
    try:
        read_export(path)
    except AccountsError as error:
        assert_no_secret([str(error)], [p for _u, _l, p in ROWS])


def test_a_zip_member_whose_header_claims_a_small_size_is_never_read_past_it(tmp_path: Path) -> None:
    """A lying length: the member says 10 bytes and holds megabytes; at most what it claims is read, then refused."""
    path = _zip(tmp_path / "liar.1pux", {"export.data": json.dumps({"accounts": []}) + " " * 3_000_000})
    data = bytearray(path.read_bytes())
    for signature, at in ((b"PK\x03\x04", 22), (b"PK\x01\x02", 24)):
        start = data.index(signature)
        data[start + at : start + at + 4] = (10).to_bytes(4, "little")
    path.write_bytes(bytes(data))
    with pytest.raises(AccountsError, match=r"damaged or cut-short zip|not valid JSON"):
        read_export(path)


def test_a_1pif_export_folder_is_read_as_the_export_it_holds(
    tmp_path: Path,
    qtbot: Any,
    capsys: pytest.CaptureFixture[str],
    caplog: pytest.LogCaptureFixture,
) -> None:
    folder = tmp_path / "Export.1pif"
    folder.mkdir()
    NEW_FORMATS["1Password 1PIF"][1](folder / "data.1pif")
    seen = scan_everywhere([folder], tmp_path, qtbot, capsys, caplog)
    assert seen.sites == ["facebook.com", "plaxo.com", "reddit.com", "strava.com"]
    assert [f.kind for f in seen.report.files] == ["1Password 1PIF"] and seen.report.exports_to_delete == [folder]


SHAPE_KEYS = [
    "items", "passwords", "records", "vaults", "accounts", "encrypted", "userId", "data", "content", "metadata",
    "fields", "type", "value", "category", "template_type", "login", "uris", "uri", "username", "name", "title",
    "overview", "details", "loginFields", "designation", "sections", "custom_fields", "extraFields", "urls",
    "website_password_username", "itemEmail", "notes", "note", "passwordProtected", "encKeyValidation_DO_NOT_EDIT",
]  # fmt: skip
shaped_json = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=12) | st.just(OFFICIAL) | st.just("2.a|b|c"),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.sampled_from(SHAPE_KEYS), inner, max_size=5),
    max_leaves=50,
)


@PROPERTY
@given(value=st.dictionaries(st.sampled_from(SHAPE_KEYS), shaped_json, max_size=5))
def test_random_objects_shaped_like_the_new_json_exports_raise_only_our_error(tmp_path: Path, value: object) -> None:
    path = tmp_path / "export.json"
    path.write_text(json.dumps(value), encoding="utf-8")
    try:
        found = read_export(path)
    except AccountsError as error:
        assert str(error).endswith(".")
    else:
        assert all(isinstance(login, str) for entry in found.entries for login in entry.logins)
