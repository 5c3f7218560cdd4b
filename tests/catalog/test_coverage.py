"""The coverage table in docs/ matches the shipped checklists, and every platform covers its themes."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from socially_aware.catalog.loader import load_catalog
from socially_aware.catalog.model import Category, Theme
from socially_aware.locations import bundled_root

ROOT = Path(__file__).resolve().parents[2]
CATALOG = load_catalog([bundled_root() / "checklists"])

# Themes a platform of each kind must cover (devices have no employer field to clear, for example).
REQUIRED = {
    # Some social sites (Reddit, Tumblr) have no location features, so location is not required.
    Category.SOCIAL: {Theme.EMPLOYER, Theme.OFFICIAL_EMAIL, Theme.PRIVACY, Theme.CONTENT},
    Category.PROFESSIONAL: {Theme.EMPLOYER, Theme.OFFICIAL_EMAIL, Theme.PRIVACY},
    Category.DATING: {Theme.EMPLOYER, Theme.OFFICIAL_EMAIL, Theme.PRIVACY, Theme.CONTENT},
    Category.MESSAGING: {Theme.OFFICIAL_EMAIL, Theme.PRIVACY},
    Category.FITNESS: {Theme.LOCATION, Theme.OFFICIAL_EMAIL},
    Category.DEVICE: {Theme.LOCATION},
    Category.EMAIL: {Theme.OFFICIAL_EMAIL},
    Category.OTHER: {Theme.OFFICIAL_EMAIL},
}


def _render() -> str:
    spec = importlib.util.spec_from_file_location("coverage_table", ROOT / "scripts" / "coverage_table.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.render(CATALOG)


def test_coverage_table_is_up_to_date() -> None:
    expected = _render()
    actual = (ROOT / "docs" / "coverage.md").read_text(encoding="utf-8")
    assert actual == expected, "docs/coverage.md is out of date: run .venv/bin/python scripts/coverage_table.py"


@pytest.mark.parametrize("platform", CATALOG.platforms, ids=lambda p: p.id)
def test_each_platform_covers_the_themes_its_kind_needs(platform) -> None:  # type: ignore[no-untyped-def]
    covered = {i.theme for i in platform.items}
    assert REQUIRED[platform.category] <= covered, f"{platform.id} lacks {REQUIRED[platform.category] - covered}"


def test_every_item_has_its_own_platform_link_or_official_guidance() -> None:
    for item in CATALOG.items():
        assert item.link.startswith("https://")
        assert item.verify and item.steps and item.policy


def test_every_platform_the_issue_names_ships() -> None:
    wanted = {
        "facebook",
        "instagram",
        "threads",
        "x",
        "tiktok",
        "snapchat",
        "reddit",
        "tumblr",
        "pinterest",
        "youtube",
        "flickr",
        "linkedin",
        "meetup",
        "whatsapp",
        "telegram",
        "signal",
        "discord",
        "tinder",
        "bumble",
        "hinge",
        "rsvp",
        "strava",
        "google",
        "iphone",
        "android",
        "windows",
        "macos",
        "personal-email",
        "other-sites",
    }
    assert wanted <= {p.id for p in CATALOG.platforms}
