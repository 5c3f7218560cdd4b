"""Upgrades of the saved progress document, one function per version step."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from socially_aware.progress.errors import StoreError
from socially_aware.progress.model import SCHEMA_VERSION

Migration = Callable[[dict[str, Any]], dict[str, Any]]


def _from_0(data: dict[str, Any]) -> dict[str, Any]:
    # Version 0 (development builds) kept a flat list of done item keys and no timestamps.
    items = {
        key: {"state": "done", "when": data.get("saved", "1970-01-01T00:00:00+00:00"), "revision": 1, "note": ""}
        for key in data.get("done", [])
    }
    return {"version": 1, "welcomed": True, "platforms": data.get("platforms", []), "items": items}


# from-version -> function returning the next version's document
MIGRATIONS: dict[int, Migration] = {0: _from_0}


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
