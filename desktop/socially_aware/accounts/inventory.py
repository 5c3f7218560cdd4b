"""One row per service, whatever the evidence, matched to a checklist where there is one."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from socially_aware.accounts.domains import platform_for
from socially_aware.accounts.sites import site_from
from socially_aware.progress.model import AccountRecord

FINDER_SOURCES = frozenset({"password manager", "browser", "mail"})


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


def repair_saved_sites(accounts: dict[str, AccountRecord]) -> int:
    """Re-key saved records whose "site" is not a site name, or drop them; returns how many changed.

    Before issue 10 a saved login's whole web address could become its "site", credentials and
    all, and be stored. Such a record becomes its registrable domain (keeping what the person
    marked), or goes when there is none. Only records the finder itself made are touched.
    """
    changed = 0
    for key in list(accounts):
        site = site_from(key)
        if site == key or not set(accounts[key].sources) <= FINDER_SOURCES:  # what others added is theirs
            continue
        changed += 1
        record = accounts.pop(key)
        if site is None:
            continue
        kept = accounts.get(site)
        if kept is None:
            record.site, record.platform_id = site, platform_for(site)
            accounts[site] = record
        else:
            kept.sources = sorted(set(kept.sources) | set(record.sources))
    return changed


def merge_into(accounts: dict[str, AccountRecord], rows: Iterable[InventoryRow]) -> int:
    """Add new services to the saved inventory, keeping what the person already marked; returns how many were new.

    Records saved by an older version with an address for a site are repaired first.
    """
    repair_saved_sites(accounts)
    added = 0
    for row in rows:
        record = accounts.get(row.site)
        if record is None:
            accounts[row.site] = AccountRecord(site=row.site, platform_id=row.platform_id, sources=list(row.sources))
            added += 1
        else:
            record.sources = sorted(set(record.sources) | set(row.sources))
    return added
