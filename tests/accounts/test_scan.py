"""Finding accounts on an official email from exports and mail; every test goes through `scan_everywhere`."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from socially_aware.accounts import AccountsError, read_export, search_queries
from socially_aware.catalog.loader import load_catalog
from socially_aware.locations import bundled_root
from socially_aware.progress.model import AccountState, ProgressDocument
from socially_aware.progress.tracker import Tracker
from tests.accounts.exports import ALL_FORMATS, OFFICIAL_SITES, ROWS, bitwarden_csv, chrome_csv, mbox
from tests.accounts.leaks import DOMAINS, assert_no_secret, scan_everywhere

pytestmark = pytest.mark.gui


@pytest.mark.parametrize("name", sorted(ALL_FORMATS))
def test_every_format_is_detected_and_finds_the_official_logins(
    tmp_path: Path,
    name: str,
    qtbot: Any,
    capsys: pytest.CaptureFixture[str],
    caplog: pytest.LogCaptureFixture,
) -> None:
    suffix, write = ALL_FORMATS[name]
    path = write(tmp_path / f"export{suffix}")
    kind, entries, skipped = read_export(path)
    assert (kind, len(entries), skipped) == (name, len(ROWS), 0)
    seen = scan_everywhere([path], tmp_path, qtbot, capsys, caplog)
    assert seen.sites == OFFICIAL_SITES
    assert {r.site: r.platform_id for r in seen.report.rows}["strava.com"] == "strava"
    assert {r.site: r.platform_id for r in seen.report.rows}["plaxo.com"] == "other-sites"
    assert seen.report.exports_to_delete == [path]
    assert seen.exit_code == 0 and "Delete" in seen.err and str(path) in seen.err


def test_odd_files_quoted_newlines_bom_missing_columns(
    tmp_path: Path,
    qtbot: Any,
    capsys: pytest.CaptureFixture[str],
    caplog: pytest.LogCaptureFixture,
) -> None:
    path = bitwarden_csv(tmp_path / "bw.csv")  # has a BOM and a notes field with a newline inside quotes
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")
    assert len(read_export(path).entries) == len(ROWS)
    short = tmp_path / "short.csv"
    short.write_text(
        "name,url,username,password\nstrava,https://strava.com,alex.officer@border.gov.au\nonly-name\n",
        encoding="utf-8",
    )
    seen = scan_everywhere([short], tmp_path, qtbot, capsys, caplog)
    assert seen.sites == ["strava.com"]


@pytest.mark.parametrize(
    ("content", "words"),
    [
        ("", "empty"),
        ("a,b,c\n1,2,3\n", "no known export has"),
        ("{not json", "not valid JSON"),
        ('{"encrypted": true, "data": "xyz"}', "encrypted Bitwarden export"),
        ("<KeePassFile><Root>", "not well-formed XML"),
        ('"unterminated, quote\n', "no known export has"),
    ],
)
def test_broken_files_say_what_was_expected(
    tmp_path: Path,
    content: str,
    words: str,
    qtbot: Any,
    capsys: pytest.CaptureFixture[str],
    caplog: pytest.LogCaptureFixture,
) -> None:
    path = tmp_path / "broken.csv"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(AccountsError, match=words):
        read_export(path)
    seen = scan_everywhere([path], tmp_path, qtbot, capsys, caplog)
    assert seen.sites == [] and words in seen.errors[0] and seen.report.exports_to_delete == []
    assert seen.exit_code == 1 and words in seen.out and words in seen.json["files"][0]["error"]


def test_mbox_finds_sign_up_mail_to_official_addresses_only(
    tmp_path: Path,
    qtbot: Any,
    capsys: pytest.CaptureFixture[str],
    caplog: pytest.LogCaptureFixture,
) -> None:
    seen = scan_everywhere([mbox(tmp_path / "takeout.mbox")], tmp_path, qtbot, capsys, caplog)
    assert seen.sites == ["example.com.au", "meetup.com", "strava.com"]
    assert all(r.sources == ("mail",) for r in seen.report.rows)
    assert seen.report.exports_to_delete == []


def test_eml_folder_and_merging_with_exports(
    tmp_path: Path,
    qtbot: Any,
    capsys: pytest.CaptureFixture[str],
    caplog: pytest.LogCaptureFixture,
) -> None:
    folder = tmp_path / "mail"
    folder.mkdir()
    (folder / "1.eml").write_text(
        "From: Strava <hello@strava.com>\nTo: alex.officer@border.gov.au\nSubject: Confirm your email\n\nbody\n"
    )
    (folder / "2.eml").write_text(
        "From: Shop <hello@shop.example>\nTo: alex.officer@border.gov.au\nSubject: Receipt\n\nbody\n"
    )
    seen = scan_everywhere([folder, chrome_csv(tmp_path / "chrome.csv")], tmp_path, qtbot, capsys, caplog)
    rows = {r.site: r.sources for r in seen.report.rows}
    assert rows["strava.com"] == ("browser", "mail")
    assert "shop.example" not in rows


def test_inventory_merges_into_the_store_with_site_names_only(
    tmp_path: Path,
    qtbot: Any,
    capsys: pytest.CaptureFixture[str],
    caplog: pytest.LogCaptureFixture,
) -> None:
    doc = ProgressDocument()
    tracker = Tracker(load_catalog([bundled_root() / "checklists"]), doc)
    seen = scan_everywhere([bitwarden_csv(tmp_path / "bw.csv")], tmp_path, qtbot, capsys, caplog)
    assert tracker.add_accounts(seen.report.rows) == (4, 4)
    tracker.mark_account("strava.com", AccountState.DELETED)
    assert tracker.add_accounts(seen.report.rows) == (4, 0)
    assert doc.accounts["strava.com"].state is AccountState.DELETED
    stored = json.dumps(doc.to_dict())
    assert_no_secret([stored, seen.document], ["alex.officer", "gmail"])


def test_queries_name_every_official_domain() -> None:
    queries = search_queries(DOMAINS)
    assert set(queries) == {"Gmail", "Outlook", "Your work mailbox"}
    for domain in DOMAINS:
        assert f"to:{domain}" in queries["Gmail"] and f"to:{domain}" in queries["Outlook"]


def test_the_command_line_never_lists_the_organisations_own_sites(tmp_path: Path, capsys: Any) -> None:
    from unittest import mock

    from socially_aware import cli
    from tests.accounts.leaks import _catalog

    own = [
        ("https://intranet.homeaffairs.gov.au/", "a.officer@homeaffairs.gov.au", "Intranet-pw-1"),
        ("https://webmail.abf.gov.au/owa", "a.officer@abf.gov.au", "Webmail-pw-2"),
    ]
    export = chrome_csv(tmp_path / "passwords.csv", rows=[*ROWS, *own])
    with mock.patch.object(cli, "_organisation", lambda: _catalog().organisation):
        assert cli.main(["accounts", "scan", str(export)]) == 0
        human = capsys.readouterr().out
        assert cli.main(["accounts", "scan", "--json", str(export)]) == 0
        listed = [s["site"] for s in json.loads(capsys.readouterr().out)["services"]]
    assert listed == OFFICIAL_SITES
    assert "homeaffairs.gov.au" not in human and "abf.gov.au" not in human
    assert "Left out 2 of the Department's own sites" in human
