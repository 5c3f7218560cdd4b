"""Property tests for every export reader, the mail reader and `site_from` (issue 10, classes 1 and 2).

Random bytes, random nesting and random CSV rows: a reader returns or raises `AccountsError`,
nothing else, and no password-like token ever comes out of it, whether in a site name or in an
error message. Passwords here are made of segments that each start with "pwx" (no top-level
domain does), joined by the characters that confuse address parsers, so any piece of one that
got out would be seen.
"""

from __future__ import annotations

import contextlib
import json
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from socially_aware.accounts import AccountsError, read_export, scan_paths, site_from
from socially_aware.accounts.exports import CSV_FORMATS
from socially_aware.accounts.mail import read_mail_file
from tests.accounts.exports import ALL_FORMATS, Row
from tests.accounts.leaks import CORPORATE_ID, DOMAINS, assert_no_secret

PROPERTY = settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
MARK = "pwx"
HEADERS = [",".join(sorted(needed)) + "\n" for needed, *_ in CSV_FORMATS.values()]
PREFIXES = ["", "<", "<?xml version='1.0'?><KeePassFile><Root>", "{", '{"items": [', "\ufeff", "From ", *HEADERS]
HOST_NAME = re.compile(r"^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z0-9-]{2,63}$")

passwords = st.lists(st.text("abcXYZ019", min_size=1, max_size=6).map(MARK.__add__), min_size=1, max_size=4).flatmap(
    lambda parts: st.lists(st.sampled_from(list("/@#:?.\\ %[]")), min_size=len(parts) - 1, max_size=len(parts) - 1).map(
        lambda seps: parts[0] + "".join(sep + part for sep, part in zip(seps, parts[1:], strict=True))
    )
)
labels = st.sampled_from(
    [
        "strava",
        "mail",
        "a-b",
        "xn--bcher-kva",
        "intranet",
        "co",
        "com",
        "uk",
        "au",
        "gov",
        "github",
        "io",
        "123",
        "localhost",
        "border",
        "",
        "-x",
        "bücher",
    ]
)
hosts = st.lists(labels, min_size=1, max_size=4).map(".".join)


@st.composite
def addresses(draw: st.DrawFn, password: str) -> str:
    scheme = draw(
        st.sampled_from(["https://", "http://", "", "ftp://", "HTTPS://", "androidapp://", "android://", "mailto:"])
    )
    userinfo = draw(st.sampled_from(["", "alex:{pw}@", ":{pw}@", "{pw}@", "alex:{pw}@x@"])).format(pw=password)
    port = draw(st.sampled_from(["", ":443", ":{pw}", ":"])).format(pw=password)
    path = draw(st.sampled_from(["", "/", "/login?pw={pw}", "#{pw}", "/x/{pw}"])).format(pw=password)
    return f"{scheme}{userinfo}{draw(hosts)}{port}{path}"


@st.composite
def logins(draw: st.DrawFn) -> Row:
    password = draw(passwords)
    login = draw(st.sampled_from(["alex.officer@border.gov.au", "A123456", "alex@gmail.com", "", "x@mbc.gov.au "]))
    return draw(addresses(password)), login, password


def _outcome(path: Path) -> list[str]:
    """Everything that leaves the readers for this file: site names and error messages."""
    report = scan_paths([path], DOMAINS, CORPORATE_ID)
    return [r.site for r in report.rows] + [f.error for f in report.files]


@PROPERTY
@given(prefix=st.sampled_from(PREFIXES), body=st.binary(max_size=2000))
def test_random_bytes_raise_only_our_error(tmp_path: Path, prefix: str, body: bytes) -> None:
    path = tmp_path / "export"
    path.write_bytes(prefix.encode() + body)
    try:
        read_export(path)
    except AccountsError as error:
        assert str(error).endswith(".")
    _outcome(path)


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.dictionaries(
            st.sampled_from(["items", "login", "uris", "uri", "name", "username", "password"]) | st.text(max_size=5),
            inner,
            max_size=4,
        )
    ),
    max_leaves=40,
)


@PROPERTY
@given(value=json_values, depth=st.integers(0, 3000), opener=st.sampled_from(["[", '{"a":', '{"items":[']))
def test_random_nesting_raises_only_our_error(tmp_path: Path, value: object, depth: int, opener: str) -> None:
    path = tmp_path / "export.json"
    closer = {"[": "]", '{"a":': "}", '{"items":[': "]}"}[opener]
    path.write_text('{"items":' + opener * depth + json.dumps(value) + closer * depth + "}", encoding="utf-8")
    with contextlib.suppress(AccountsError):
        read_export(path)
    path.write_text("<KeePassFile>" + "<Group>" * depth + "<Entry/>" + "</Group>" * depth + "</KeePassFile>")
    assert read_export(path).kind == "KeePass XML"


@PROPERTY
@given(name=st.sampled_from(sorted(ALL_FORMATS)), rows=st.lists(logins(), min_size=1, max_size=6), header=st.booleans())
def test_random_rows_never_let_a_password_out(tmp_path: Path, name: str, rows: list[Row], header: bool) -> None:
    suffix, write = ALL_FORMATS[name]
    path = tmp_path / f"export{suffix}"
    if suffix == ".csv":
        write(path, rows=rows, with_header=header)
    else:
        write(path, rows=rows)
    out = _outcome(path)
    assert_no_secret(out, [MARK])
    for site in out[:-1]:
        assert HOST_NAME.fullmatch(site), site


@PROPERTY
@given(
    cells=st.lists(st.lists(st.text(max_size=12) | passwords, max_size=8), max_size=6), header=st.sampled_from(HEADERS)
)
def test_random_csv_cells_never_let_a_password_out(tmp_path: Path, cells: list[list[str]], header: str) -> None:
    import csv

    path = tmp_path / "export.csv"
    with path.open("w", newline="", encoding="utf-8") as stream:
        stream.write(header if cells and len(cells[0]) % 2 else "")  # with and without a header row
        csv.writer(stream).writerows(cells)
    try:
        read_export(path)
    except AccountsError as error:
        assert_no_secret([str(error)], [MARK])
    assert_no_secret(_outcome(path), [MARK])


header_lines = st.sampled_from(["From: ", "To: ", "Cc: ", "Subject: ", "Delivered-To: ", " ", "X: "]).flatmap(
    lambda name: st.text(st.characters(codec="utf-8"), max_size=40).map(lambda value: name + value)
)


@PROPERTY
@given(
    blocks=st.lists(
        st.lists(header_lines | st.just("To: alex.officer@border.gov.au") | st.just("Subject: Welcome"), max_size=8),
        max_size=5,
    ),
    noise=st.binary(max_size=300),
    suffix=st.sampled_from([".mbox", ".eml"]),
)
def test_random_mail_raises_only_our_error(tmp_path: Path, blocks: list[list[str]], noise: bytes, suffix: str) -> None:
    path = tmp_path / f"mail{suffix}"
    text = "".join("From x\n" + "\n".join(block) + "\n\nbody\n" for block in blocks)
    path.write_bytes(text.encode("utf-8", "surrogateescape") + noise)
    try:
        for domain, _name in read_mail_file(path, DOMAINS, re.compile(CORPORATE_ID)).found:
            site = site_from(domain)
            assert site is None or HOST_NAME.fullmatch(site)
    except AccountsError:
        pass


@settings(max_examples=300, deadline=None)
@given(text=st.text(max_size=200), password=passwords)
def test_site_from_gives_a_host_name_or_nothing(text: str, password: str) -> None:
    for value in (text, f"https://alex:{password}@{text}", f"{text}{password}", f"https://{text}/{password}"):
        site = site_from(value)
        assert site is None or HOST_NAME.fullmatch(site)
        assert site is None or MARK not in site
    assert site_from("", title=text) is None or HOST_NAME.fullmatch(site_from("", title=text) or "")


@pytest.mark.parametrize("password", ["pwxA/pwxB", "pwxA@pwxB.pwxC", "pwxA#pwxB?pwxC", "pwxA\\pwxB", "pwxA:pwxB"])
def test_the_password_strategy_can_fail(password: str) -> None:
    """The marker works: a password that did get out would be seen."""
    with pytest.raises(AssertionError):
        assert_no_secret([f"site {password.split('/')[0].lower()}"], [MARK])
