"""Finding accounts on an official email from exports and mail; passwords never survive."""

from __future__ import annotations

import json
import logging
from pathlib import Path

import pytest

from socially_aware.accounts import AccountsError, merge_into, read_export, scan_paths, search_queries
from socially_aware.cli import main
from socially_aware.progress.model import ProgressDocument
from tests.accounts.exports import ALL_FORMATS, OFFICIAL_SITES, PASSWORDS, ROWS, bitwarden_csv, chrome_csv, mbox

DOMAINS = ("border.gov.au", "mbc.gov.au", "mara.gov.au")
CORPORATE_ID = r"^[A-Za-z][0-9]{5,6}$"


def _no_password_in(text: str) -> None:
    for password in PASSWORDS:
        assert password not in text


@pytest.mark.parametrize("name", sorted(ALL_FORMATS))
def test_every_format_is_detected_and_finds_the_official_logins(tmp_path: Path, name: str, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    suffix, write = ALL_FORMATS[name]
    path = write(tmp_path / f"export{suffix}")
    kind, entries = read_export(path)
    assert kind == name
    assert len(entries) == len(ROWS)
    report = scan_paths([path], DOMAINS, CORPORATE_ID)
    assert [r.site for r in report.rows] == OFFICIAL_SITES
    assert {r.site: r.platform_id for r in report.rows}["strava.com"] == "strava"
    assert {r.site: r.platform_id for r in report.rows}["plaxo.com"] == "other-sites"
    assert report.exports_to_delete == [path]
    _no_password_in(repr(report) + repr(entries) + caplog.text)


def test_odd_files_quoted_newlines_bom_missing_columns(tmp_path: Path) -> None:
    path = bitwarden_csv(tmp_path / "bw.csv")  # has a BOM and a notes field with a newline inside quotes
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")
    assert len(read_export(path)[1]) == len(ROWS)
    short = tmp_path / "short.csv"
    short.write_text("name,url,username,password\nstrava,https://strava.com,alex.officer@border.gov.au\nonly-name\n", encoding="utf-8")
    report = scan_paths([short], DOMAINS, CORPORATE_ID)
    assert [r.site for r in report.rows] == ["strava.com"]


@pytest.mark.parametrize(("content", "words"), [
    ("", "empty"),
    ("a,b,c\n1,2,3\n", "no known export has"),
    ("{not json", "not valid JSON"),
    ('{"encrypted": true, "data": "xyz"}', "encrypted Bitwarden export"),
    ("<KeePassFile><Root>", "not well-formed XML"),
    ('"unterminated, quote\n', "no known export has"),
])
def test_broken_files_say_what_was_expected(tmp_path: Path, content: str, words: str) -> None:
    path = tmp_path / "broken.csv"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(AccountsError, match=words):
        read_export(path)
    report = scan_paths([path], DOMAINS, CORPORATE_ID)
    assert report.rows == [] and words in report.files[0].error and report.exports_to_delete == []


def test_mbox_finds_sign_up_mail_to_official_addresses_only(tmp_path: Path) -> None:
    report = scan_paths([mbox(tmp_path / "takeout.mbox")], DOMAINS, CORPORATE_ID)
    assert [r.site for r in report.rows] == ["example.com.au", "meetup.com", "strava.com"]
    assert all(r.sources == ("mail",) for r in report.rows)
    assert report.exports_to_delete == []


def test_eml_folder_and_merging_with_exports(tmp_path: Path) -> None:
    folder = tmp_path / "mail"
    folder.mkdir()
    (folder / "1.eml").write_text("From: Strava <hello@strava.com>\nTo: alex.officer@border.gov.au\nSubject: Confirm your email\n\nbody\n")
    (folder / "2.eml").write_text("From: Shop <hello@shop.example>\nTo: alex.officer@border.gov.au\nSubject: Receipt\n\nbody\n")
    report = scan_paths([folder, chrome_csv(tmp_path / "chrome.csv")], DOMAINS, CORPORATE_ID)
    rows = {r.site: r.sources for r in report.rows}
    assert rows["strava.com"] == ("browser", "mail")
    assert "shop.example" not in rows


def test_inventory_merges_into_the_store_with_site_names_only(tmp_path: Path) -> None:
    doc = ProgressDocument()
    report = scan_paths([bitwarden_csv(tmp_path / "bw.csv")], DOMAINS, CORPORATE_ID)
    assert merge_into(doc.accounts, report.rows) == 4
    doc.accounts["strava.com"].state = doc.accounts["strava.com"].state.__class__("deleted")
    assert merge_into(doc.accounts, report.rows) == 0
    assert doc.accounts["strava.com"].state.value == "deleted"
    stored = json.dumps(doc.to_dict())
    _no_password_in(stored)
    assert "alex.officer" not in stored and "gmail" not in stored


def test_cli_scan_prints_sites_and_warns_to_delete(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = bitwarden_csv(tmp_path / "bw.csv")
    assert main(["accounts", "scan", "--json", str(path)]) == 0
    captured = capsys.readouterr()
    data = json.loads(captured.out)
    assert [s["site"] for s in data["services"]] == OFFICIAL_SITES
    assert "Delete" in captured.err and str(path) in captured.err
    _no_password_in(captured.out + captured.err)


def test_queries_name_every_official_domain() -> None:
    queries = search_queries(DOMAINS)
    assert set(queries) == {"Gmail", "Outlook", "Your work mailbox"}
    for domain in DOMAINS:
        assert f"to:{domain}" in queries["Gmail"] and f"to:{domain}" in queries["Outlook"]
