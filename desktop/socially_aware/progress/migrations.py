"""Upgrades of the saved progress document, one function per version step.

Each step reads the document as that version wrote it and returns the next version's: it never
uses the current model's classes, so an old step keeps meaning what it meant when it was written.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from socially_aware.progress.errors import StoreError
from socially_aware.progress.model import SCHEMA_VERSION
from socially_aware.progress.saved_sites import repair_saved_sites

Migration = Callable[[dict[str, Any]], dict[str, Any]]


def _from_0(data: dict[str, Any]) -> dict[str, Any]:
    # Version 0 (development builds) kept a flat list of done item keys and no timestamps.
    items = {
        key: {"state": "done", "when": data.get("saved", "1970-01-01T00:00:00+00:00"), "revision": 1, "note": ""}
        for key in data.get("done", [])
    }
    return {"version": 1, "welcomed": True, "platforms": data.get("platforms", []), "items": items}


@dataclass
class _V1Account:
    """A version-1 account record, its other fields carried through untouched."""

    site: str
    platform_id: str | None
    sources: list[str]
    rest: dict[str, Any] = field(default_factory=dict)


def _from_1(data: dict[str, Any]) -> dict[str, Any]:
    # Version 1 could hold a saved login's whole web address (credentials and all) as an account's site.
    raw = data.get("accounts", {})
    accounts = {
        str(key): _V1Account(
            site=str(value.get("site", key)),
            platform_id=value.get("platform_id"),
            sources=[str(s) for s in value.get("sources", [])],
            rest={k: v for k, v in value.items() if k not in ("site", "platform_id", "sources")},
        )
        for key, value in (raw.items() if isinstance(raw, dict) else ())
        if isinstance(value, dict)
    }
    repair_saved_sites(accounts)
    data = dict(data, version=2)
    data["accounts"] = {
        key: {**a.rest, "site": a.site, "platform_id": a.platform_id, "sources": a.sources}
        for key, a in accounts.items()
    }
    return data


def _from_2(data: dict[str, Any]) -> dict[str, Any]:
    # Version 3 adds the account state "official" (an account the person runs for the Department).
    # Nothing in a version-2 document changes; the number goes up so that an older app, which would
    # not know the new state, says the file is from a newer version instead of calling it damaged.
    return dict(data, version=3)


# from-version -> function returning the next version's document
MIGRATIONS: dict[int, Migration] = {0: _from_0, 1: _from_1, 2: _from_2}


def migrate(data: dict[str, Any]) -> dict[str, Any]:
    version = data.get("version", 0)
    if not isinstance(version, int) or version > SCHEMA_VERSION:
        raise StoreError(
            f"This progress was saved by a newer version of Socially Aware (format {version}).",
            "Update the app to open it; nothing was changed.",
        )
    while version < SCHEMA_VERSION:
        data = MIGRATIONS[version](data)
        version = data["version"]
    return data
