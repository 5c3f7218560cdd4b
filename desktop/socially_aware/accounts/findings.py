"""What the finder found: one row per site, whatever the evidence, matched to a checklist where there is one."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from socially_aware.accounts.platform_sites import platform_for

PASSWORD_MANAGER = "password manager"  # noqa: S105  (a kind of evidence, not a password)
BROWSER = "browser"
MAIL = "mail"
FINDER_SOURCES = frozenset({PASSWORD_MANAGER, BROWSER, MAIL})
"""The kinds of evidence the finder records; a saved record with any other source was not made by it."""


@dataclass(frozen=True)
class Finding:
    site: str
    """A registrable domain such as "strava.com"; never an address or a password."""
    source: str
    """One of `FINDER_SOURCES`."""


@dataclass(frozen=True)
class InventoryRow:
    site: str
    platform_id: str
    sources: tuple[str, ...]


def build_inventory(findings: Iterable[Finding]) -> list[InventoryRow]:
    sources: dict[str, set[str]] = {}
    for finding in findings:
        if finding.site:
            sources.setdefault(finding.site, set()).add(finding.source)
    return [InventoryRow(site, platform_for(site), tuple(sorted(found))) for site, found in sorted(sources.items())]
