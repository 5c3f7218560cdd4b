"""Finding accounts registered with an official email, offline, from what the person holds. No Qt here.

Exports and mail are read on this machine, in memory; passwords are dropped as each row is read
and never kept, logged or shown. Only site names leave this package.
"""

from socially_aware.accounts.exports import AccountsError, read_export
from socially_aware.accounts.inventory import Finding, InventoryRow, build_inventory, merge_into
from socially_aware.accounts.mail import read_mail
from socially_aware.accounts.queries import search_queries
from socially_aware.accounts.scan import ScanReport, scan_paths

__all__ = [
    "AccountsError", "Finding", "InventoryRow", "ScanReport", "build_inventory", "merge_into", "read_export",
    "read_mail", "scan_paths", "search_queries",
]
