"""The sites of each platform, declared once: every platform named exists, no site belongs to two, and each
site's "Close or move" steps are an official-email item (its platform's, or the generic one)."""

from __future__ import annotations

from collections import Counter

import pytest

from socially_aware.accounts.domains import platform_for as platform_via_domains
from socially_aware.accounts.platform_sites import (
    GENERIC_PLATFORM,
    GENERIC_STEPS,
    SITES_BY_PLATFORM,
    close_steps,
    is_own_site,
    platform_for,
)
from socially_aware.catalog.loader import load_catalog
from socially_aware.catalog.model import Theme
from socially_aware.locations import bundled_root

CATALOG = load_catalog([bundled_root() / "checklists"])


def test_every_platform_named_is_a_shipped_checklist() -> None:
    missing = [pid for pid in SITES_BY_PLATFORM if CATALOG.platform(pid) is None]
    assert missing == []
    assert CATALOG.item(GENERIC_STEPS) is not None and CATALOG.item(GENERIC_STEPS).theme is Theme.OFFICIAL_EMAIL  # type: ignore[union-attr]


def test_no_site_is_declared_for_two_platforms() -> None:
    counts = Counter(site for sites in SITES_BY_PLATFORM.values() for site in sites)
    assert [site for site, n in counts.items() if n > 1] == []


def test_the_inventory_uses_the_same_declaration() -> None:
    for platform, sites in SITES_BY_PLATFORM.items():
        for site in sites:
            assert platform_via_domains(site) == platform_for(site) == platform


@pytest.mark.parametrize(
    ("site", "platform"),
    [
        ("linkedin.com", "linkedin"),
        ("au.linkedin.com", "linkedin"),
        ("LinkedIn.com.", "linkedin"),
        ("twitter.com", "x"),
        ("plaxo.com", GENERIC_PLATFORM),
        ("linkedin.com.evil.net", GENERIC_PLATFORM),
        ("notlinkedin.com", GENERIC_PLATFORM),
        ("", GENERIC_PLATFORM),
    ],
)
def test_platform_for(site: str, platform: str) -> None:
    assert platform_for(site) == platform


def test_close_steps_are_always_an_official_email_item() -> None:
    for site in [s for sites in SITES_BY_PLATFORM.values() for s in sites] + ["plaxo.com", "myspace.com"]:
        item = close_steps(CATALOG, site)
        assert item is not None and item.theme is Theme.OFFICIAL_EMAIL, site
        platform = CATALOG.platform(platform_for(site))
        has_own = platform is not None and any(i.theme is Theme.OFFICIAL_EMAIL for i in platform.items)
        assert item.platform_id == (
            platform_for(site) if has_own and platform_for(site) != GENERIC_PLATFORM else GENERIC_PLATFORM
        )
    assert close_steps(CATALOG, "linkedin.com").key == "linkedin/official-email"  # type: ignore[union-attr]
    assert close_steps(CATALOG, "plaxo.com").key == GENERIC_STEPS  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("site", "own"),
    [
        ("homeaffairs.gov.au", True),
        ("intranet.homeaffairs.gov.au", True),
        ("HomeAffairs.gov.au.", True),
        ("immi.gov.au", True),
        ("x.customs.gov.au", True),
        ("myhomeaffairs.gov.au", False),
        ("homeaffairs.gov.au.example.com", False),
        ("gov.au", False),
        ("", False),
    ],
)
def test_is_own_site(site: str, own: bool) -> None:
    assert is_own_site(site, CATALOG.organisation.all_email_domains) is own
