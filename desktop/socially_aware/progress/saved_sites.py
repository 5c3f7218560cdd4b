"""Saved account records keyed by something that is not a site name: re-keyed to their site, or dropped.

Before issue 10 a saved login's whole web address could become its "site", credentials and all
(`https://alex:pw@strava.com/`), and be stored. Every path that stores or loads accounts runs
this one repair: the progress document's migration to version 2 (so a file from an older
version is repaired as it is opened or imported) and `Tracker.add_accounts` (so a document that
reached the Tracker any other way is repaired before new results join it).
"""

from __future__ import annotations

from typing import Protocol, TypeVar

from socially_aware.accounts.findings import FINDER_SOURCES
from socially_aware.accounts.platform_sites import platform_for
from socially_aware.accounts.sites import site_from


class SavedSite(Protocol):
    """What the repair needs of a saved record, whichever version of the document holds it."""

    site: str
    platform_id: str | None
    sources: list[str]


Record = TypeVar("Record", bound=SavedSite)


def repair_saved_sites(accounts: dict[str, Record]) -> int:
    """Re-key records whose key is not a site name, or drop them; returns how many changed.

    A re-keyed record keeps what the person marked; when its site is already listed, that
    record wins and only the kinds of evidence are joined. Only records the finder itself made
    are touched: a record with any other source was added by someone else and stays as it is.
    """
    changed = 0
    for key in list(accounts):
        record = accounts[key]
        site = site_from(key)  # the key itself when it is already a site name
        if site == key or not set(record.sources) <= FINDER_SOURCES:
            continue
        changed += 1
        del accounts[key]
        if site is None:
            continue
        kept = accounts.get(site)
        if kept is None:
            record.site, record.platform_id = site, platform_for(site)
            accounts[site] = record
        else:
            kept.sources = sorted(set(kept.sources) | set(record.sources))
    return changed
