"""Finding accounts registered with an official email, offline, from what the person holds. No Qt here.

Exports and mail are read on this machine, in memory; passwords are dropped as each row is read
and never kept, logged or shown. Only site names leave this package. The public names below load
on first use, so the window starts without the parsers.
"""

from __future__ import annotations

import importlib
from typing import Any

_EXPORTS = {
    "AccountsError": "errors",
    "read_export": "exports",
    "site_from": "sites",
    "FileReport": "scan",
    "Finding": "findings",
    "InventoryRow": "findings",
    "build_inventory": "findings",
    "read_mail": "mail",
    "search_queries": "queries",
    "ScanReport": "scan",
    "scan_paths": "scan",
}
__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    if name in _EXPORTS:
        return getattr(importlib.import_module(f"{__name__}.{_EXPORTS[name]}"), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
