"""Class 1 (issue 10): no password reaches the screen, `--json`, the widgets or the store.

Only a registrable domain or a vetted site name leaves a reader; a value that isn't a host name is
dropped and counted; an error message quotes no cell, only positions and counts.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from socially_aware.accounts import AccountsError, read_export, site_from
from tests.accounts.exports import ALL_FORMATS, CSV_FORMATS, ROWS, Row
from tests.accounts.leaks import scan_everywhere

pytestmark = pytest.mark.gui

OFFICIAL = "alex.officer@border.gov.au"

# Saved logins whose web address is hostile, each with the password that must not get out, and the
# site that may (None: dropped and counted).
HOSTILE_URLS: list[tuple[str, str, str | None]] = [
    ("https://alex:Cr3dInUrl!@github.com/", "Cr3dInUrl!", "github.com"),
    ("https://alex:Slash/In/Pw@gitlab.com/login", "Slash/In/Pw", None),
    ("https://alex:pa/ss.evil.com@bitbucket.org/", "pa/ss.evil.com", None),
    ("https://alex:At@Sign/Pw@strava.com/", "At@Sign/Pw", None),
    ("https://alex:Hash#Pw?x@discord.com/", "Hash#Pw?x", None),
    ("https://alex:At@Sign@discord.com/@SlashAt/x", "At@Sign", "discord.com"),
    ("alex:NoScheme9Pw@meetup.com", "NoScheme9Pw", "meetup.com"),
    ("ftp://:OnlyPw77@files.example.co.uk/", "OnlyPw77", "example.co.uk"),
    ("https://alex:Dotless5Pw@intranet/", "Dotless5Pw", None),
    ("https://alex:SlashNoHost/Pw@/", "SlashNoHost/Pw", None),
    ("https://intranet/login?pw=Query1Pw", "Query1Pw", None),
    ("http://printer:631/Printer9Pw", "Printer9Pw", None),
    ("https://192.168.1.20/Ip4Pw", "Ip4Pw", None),
    ("https://[fe80::1]:443/Ip6Pw", "Ip6Pw", None),
    ("https://alex:Port9Pw@tinder.com:8443/", "Port9Pw", "tinder.com"),
    ("https://ho%73t.com/PercentPw", "PercentPw", None),
    ("https://alex:Back\\Slash@reddit.com/", "Back\\Slash", None),
    ("https://alex:Space Pw 4@tumblr.com/", "Space Pw 4", "tumblr.com"),
    ("https://medium.com/@Alice7Pw", "Alice7Pw", "medium.com"),
    ("javascript:alert('JsPw1')", "JsPw1", None),
    ("localhost:8080/LocalPw", "LocalPw", None),
    ("https://github.io/OnlySuffixPw", "OnlySuffixPw", None),
    ("https://bücher.de/UmlautPw", "UmlautPw", "xn--bcher-kva.de"),
    ("https://ALEX:UpperPw@LinkedIn.COM/", "UpperPw", "linkedin.com"),
    ("androidapp://com.strava", "AppPw", "strava.com"),
    ("android://aGFzaA==@com.instagram.android/", "AndroidPw", "instagram.com"),
]
HOSTILE_SECRETS = [secret for _url, secret, _site in HOSTILE_URLS]
HOSTILE_SITES = sorted({site for _url, _secret, site in HOSTILE_URLS if site})
HOSTILE_DROPPED = sum(site is None for _url, _secret, site in HOSTILE_URLS)


@pytest.mark.parametrize(("url", "secret", "site"), HOSTILE_URLS)
def test_a_hostile_address_gives_a_site_or_nothing(url: str, secret: str, site: str | None) -> None:
    assert site_from(url) == site
    assert site_from(url, title=f"My login, pw {secret}") == site  # the title only counts without an address


@pytest.mark.parametrize("name", sorted(ALL_FORMATS))
def test_credentials_in_saved_addresses_never_get_out(
    tmp_path: Path,
    name: str,
    qtbot: Any,
    capsys: pytest.CaptureFixture[str],
    caplog: pytest.LogCaptureFixture,
) -> None:
    suffix, write = ALL_FORMATS[name]
    rows: list[Row] = [(url, OFFICIAL, secret) for url, secret, _site in HOSTILE_URLS]
    path = write(tmp_path / f"export{suffix}", rows=rows)
    seen = scan_everywhere([path], tmp_path, qtbot, capsys, caplog, secrets=HOSTILE_SECRETS)
    assert seen.sites == HOSTILE_SITES
    (report,) = seen.report.files
    assert (report.official, report.dropped) == (len(HOSTILE_URLS) - HOSTILE_DROPPED, HOSTILE_DROPPED)
    assert seen.json["files"][0]["dropped"] == HOSTILE_DROPPED
    assert f"{HOSTILE_DROPPED} more on an official login with no readable site name" in seen.out


# Whatever a header-less export's first row holds, the message names only how many columns it has.
FIRST_ROWS: list[Row] = [
    ROWS[0],
    ("https://strava.com", OFFICIAL, "pw,with,commas,Hx1"),
    ("https://strava.com", OFFICIAL, 'pw "quoted" Hx2'),
    ("https://strava.com", OFFICIAL, "Ünïcødé-Hx3-パスワード"),
    ("url", OFFICIAL, "password-Hx4"),  # a first row that half looks like a header
]


@pytest.mark.parametrize("name", CSV_FORMATS)
@pytest.mark.parametrize("first", range(len(FIRST_ROWS)))
def test_a_csv_without_its_header_quotes_no_cell(
    tmp_path: Path,
    name: str,
    first: int,
    qtbot: Any,
    capsys: pytest.CaptureFixture[str],
    caplog: pytest.LogCaptureFixture,
) -> None:
    _suffix, write = ALL_FORMATS[name]
    path = write(tmp_path / "export.csv", rows=[FIRST_ROWS[first], *ROWS], with_header=False)
    with pytest.raises(AccountsError, match=r"has \d+ column\(s\) in its first row, a header no known export has"):
        read_export(path)
    seen = scan_everywhere([path], tmp_path, qtbot, capsys, caplog, secrets=[FIRST_ROWS[first][2], OFFICIAL])
    assert seen.sites == [] and seen.exit_code == 1


@pytest.mark.parametrize(
    "content",
    [
        "name,url,username,password\nx,https://strava.com,alex.officer@border.gov.au,Unquoted,Comma3,Pw9\n",
        "url,username,password,httpRealm,formActionOrigin\nhttps://a.com,alex.officer@border.gov.au,Pw,Extra,Cells4,Here7\n",
    ],
)
def test_a_row_with_more_cells_than_the_header_is_left_out(
    tmp_path: Path,
    content: str,
    qtbot: Any,
    capsys: pytest.CaptureFixture[str],
    caplog: pytest.LogCaptureFixture,
) -> None:
    path = tmp_path / "export.csv"
    path.write_text(content, encoding="utf-8")
    seen = scan_everywhere([path], tmp_path, qtbot, capsys, caplog, secrets=["Comma3", "Here7", "Cells4", "Pw9"])
    assert seen.sites == [] and seen.report.files[0].skipped == 1
    assert "1 misaligned row(s) could not be read" in seen.out


@pytest.mark.parametrize(
    ("title", "site"),
    [
        ("Strava", "strava.com"),
        ("LinkedIn", "linkedin.com"),
        ("www.strava.com", "strava.com"),
        ("Gmail - pw: Title1Pw", None),
        ("Title2Pw", None),
        ("my bank (Title3Pw)", None),
        ("", None),
    ],
)
def test_a_title_is_used_only_when_it_is_a_vetted_name_or_a_host(
    tmp_path: Path,
    title: str,
    site: str | None,
    qtbot: Any,
    capsys: pytest.CaptureFixture[str],
    caplog: pytest.LogCaptureFixture,
) -> None:
    path = tmp_path / "keepass.csv"
    path.write_text(f"Group,Title,Username,Password,URL\nRoot,{title},{OFFICIAL},Hidden5Pw,\n", encoding="utf-8")
    secrets = ["Hidden5Pw", *(["Title1Pw", "Title2Pw", "Title3Pw"] if site is None else [])]
    seen = scan_everywhere([path], tmp_path, qtbot, capsys, caplog, secrets=secrets)
    assert seen.sites == ([site] if site else [])
    assert seen.report.files[0].dropped == (0 if site else 1)


@pytest.mark.parametrize(
    ("sender", "site"),
    [
        ("Strava <no-reply@strava.com>", "strava.com"),
        ("Odd <no-reply@intranet>", None),
        ("Odd <Sender1Pw@192.168.0.1>", None),
        ('"a@b" <x:Sender2Pw@host.example.com>', None),  # the mail parser gives "x": no domain at all
        ("Odd <Sender3Pw@mail.example.com>", "example.com"),
        ("Odd <no-reply@exa mple.com>", "example.com"),  # the mail parser joins the words, as mail clients do
        ("Odd <no-reply@[10.0.0.1]>", None),
    ],
)
def test_mail_senders_give_a_site_or_nothing(
    tmp_path: Path,
    sender: str,
    site: str | None,
    qtbot: Any,
    capsys: pytest.CaptureFixture[str],
    caplog: pytest.LogCaptureFixture,
) -> None:
    message = tmp_path / "signup.eml"
    message.write_text(
        f"From: {sender}\nTo: {OFFICIAL}\nSubject: Welcome!\n\nYour password is Body9Pw\n", encoding="utf-8"
    )
    seen = scan_everywhere(
        [message], tmp_path, qtbot, capsys, caplog, secrets=["Body9Pw", "Sender1Pw", "Sender2Pw", "Sender3Pw"]
    )
    assert seen.sites == ([site] if site else [])
