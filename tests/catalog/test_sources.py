"""An item's `source` must be the platform's own page or a public authority's; the validator says which is not."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from socially_aware.catalog.loader import validate_paths
from socially_aware.catalog.sources import PUBLIC_AUTHORITIES, host_of, own_domains, source_problem
from socially_aware.cli import main
from tests.catalog.samples import ROOT, good, write_folder

SECONDARY = [
    "https://grokipedia.com/page/Reddit_account_deletion",
    "https://www.a7la-home.com/en/linkedin-how-to-change-primary-email-address",
    "https://ai-daily-news.org/?p=4952",
    "https://tinygrab.com/how-to-block-tags-on-instagram",
    "https://noided.org/protect/twitter-x",
    "https://mefmobile.org/what-does-archiving-instagram-posts-do",
    "https://linksdude.com/en/blog/how-to-delete-a-tiktok-account",
    "https://www.howtogeek.com/snapchat-privacy-settings-you-should-change-right-now/",
    "https://web.archive.org/web/20140223185104/http://support.twitter.com/forums/26810/entries/78525",
    # Look-alikes of the platform's own domain and of an authority.
    "https://example.com.evil.net/help",
    "https://notexample.com/help",
    "https://esafety.gov.au.example.net/guide",
    "https://example.com@evil.net/help",
    "https://example.com:8443/help",
]


@pytest.mark.parametrize("address", SECONDARY)
def test_a_secondary_source_is_refused_naming_file_line_and_field(tmp_path: Path, address: str) -> None:
    text = good().replace("    source: https://www.example.com/help/location", f"    source: {address}")
    folder = write_folder(tmp_path, {"demo": text})
    problems = validate_paths([folder])
    assert len(problems) == 1, problems
    problem = problems[0]
    assert problem.path == folder / "demo.yaml"
    assert problem.field == "items[1].source"
    lines = text.splitlines()
    assert lines[problem.line - 1].strip() == f"source: {address}"
    assert "Demo's own domains (example.com)" in problem.message or "https://" in problem.message


@pytest.mark.parametrize(
    "address",
    [
        "https://www.example.com/help",
        "https://help.example.com/a/b?c#d",
        "https://www.esafety.gov.au/key-topics/esafety-guide",
        "https://education.oaic.gov.au/x",
        "https://www.ncsc.gov.uk/guidance/social-media-how-to-use-it-safely",
        "https://consumer.ftc.gov/articles/x",
        "https://netsafe.org.nz/x",
    ],
)
def test_own_pages_and_public_authorities_are_accepted(address: str) -> None:
    assert source_problem(address, "Demo", ("example.com",)) is None


def test_declared_domains_replace_the_settings_host(tmp_path: Path) -> None:
    text = good().replace(
        "  settings_url: https://www.example.com/settings\n",
        "  settings_url: https://www.example.com/settings\n  domains: [example.org]\n",
    )
    problems = validate_paths([write_folder(tmp_path, {"demo": text})])
    assert [p.field for p in problems] == ["items[0].source", "items[1].source"]
    assert own_domains("https://www.example.com/x", ()) == ("example.com",)
    assert host_of("https://Help.Example.COM./x") == "help.example.com"


def test_public_authorities_are_government_or_statutory_domains() -> None:
    assert all(d.count(".") >= 1 and d == d.lower() for d in PUBLIC_AUTHORITIES)
    assert "esafety.gov.au" in PUBLIC_AUTHORITIES and "ncsc.gov.uk" in PUBLIC_AUTHORITIES


def test_no_shipped_item_cites_a_secondary_site() -> None:
    assert validate_paths([ROOT / "checklists"]) == []
    hosts = set()
    for path in (ROOT / "checklists").glob("*.yaml"):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        hosts |= {host_of(item["source"]) for item in data.get("items", ())}
    for farm in ("grokipedia.com", "tinygrab.com", "noided.org", "web.archive.org", "www.howtogeek.com"):
        assert farm not in hosts


def test_validate_reports_confirmed_unconfirmed_and_stale(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = good().replace("    checked: 2026-11-20\n", "    checked: 2020-01-01\n    confirmed: false\n", 1)
    folder = write_folder(tmp_path, {"demo": text})
    assert main(["validate", str(folder)]) == 0
    out = capsys.readouterr().out
    assert "2 item(s): 1 confirmed against the platform's own help, 1 not yet confirmed, 1 stale" in out
