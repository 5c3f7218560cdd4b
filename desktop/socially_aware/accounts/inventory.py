"""One row per service, whatever the evidence, matched to a checklist where there is one."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from socially_aware.accounts.domains import platform_for
from socially_aware.progress.model import AccountRecord


@dataclass(frozen=True)
class Finding:
    site: str
    """A registrable domain such as "strava.com"; never an address or a password."""
    source: str
    """"password manager", "browser" or "mail"."""


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


def merge_into(accounts: dict[str, AccountRecord], rows: Iterable[InventoryRow]) -> int:
    """Add new services to the saved inventory, keeping what the person already marked; returns how many were new."""
    added = 0
    for row in rows:
        record = accounts.get(row.site)
        if record is None:
            accounts[row.site] = AccountRecord(site=row.site, platform_id=row.platform_id, sources=list(row.sources))
            added += 1
        else:
            record.sources = sorted(set(record.sources) | set(row.sources))
    return added
