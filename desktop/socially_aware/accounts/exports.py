"""Password-manager and browser exports: which sites have a login, and with which names.

Each export is recognised by what it is (its zip members, its XML root, its JSON shape, its CSV
header), never by its file name, and read by that format's reader (`export_csv`, `export_json`,
`export_xml`, `export_zip`), which yields one `Entry` per saved login. Passwords and fields marked
secret are never read into anything that lives beyond the entry being parsed. A reader raises
only `AccountsError`, whose message names positions, counts and the format, never a cell: a
header-less CSV's first row is somebody's login, password included. Encrypted exports are named,
with how to make one that can be read.
"""

from __future__ import annotations

from pathlib import Path

from socially_aware.accounts.entries import Entry, ExportRead
from socially_aware.accounts.errors import AccountsError
from socially_aware.accounts.export_csv import CSV_FORMATS, read_csv
from socially_aware.accounts.export_json import read_json
from socially_aware.accounts.export_xml import read_xml
from socially_aware.accounts.export_zip import ZIP_MAGIC, read_zip
from socially_aware.accounts.limits import MAX_EXPORT_BYTES, SNIFF_BYTES
from socially_aware.accounts.regular_files import read_capped

__all__ = ["CSV_FORMATS", "EXPECTED", "AccountsError", "Entry", "ExportRead", "read_export"]

EXPECTED = (
    "an export from Bitwarden, 1Password (1PUX, 1PIF or CSV), KeePass or KeePassXC (XML or CSV), LastPass, "
    "Dashlane, NordPass, Proton Pass, Enpass, Psono, Passky, Keeper (JSON), RoboForm, SafeInCloud (XML), "
    "Password Depot (XML) or Apple Passwords, or a Chrome, Edge or Firefox saved-passwords CSV"
)
KDBX_MAGIC = b"\x03\xd9\xa2\x9a"
KDBX = (
    "is a KeePass database (.kdbx), which is encrypted; its logins can't be read. In KeePassXC choose "
    "Database → Export → CSV File (in KeePass: File → Export → KeePass XML), then delete that file once it has been read."
)
PGP = (
    "is a PGP-encrypted file; its logins can't be read. Export again from your password manager without "
    "encryption, then delete that file once it has been read."
)


def read_export(path: Path) -> ExportRead:
    """The format found and the logins in it. Raises AccountsError saying what it is or what was expected."""
    data = read_capped(path, MAX_EXPORT_BYTES, "a password export")
    if data.startswith(ZIP_MAGIC):
        return read_zip(data, EXPECTED)
    if data.startswith(KDBX_MAGIC):
        raise AccountsError(KDBX)
    head = data[:SNIFF_BYTES].decode("utf-8-sig", errors="replace").lstrip()
    if not head:
        raise AccountsError(f"is empty. Expected {EXPECTED}.")
    if head.startswith("-----BEGIN PGP"):
        raise AccountsError(PGP)
    if head.startswith("<"):
        return read_xml(data, EXPECTED)
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise AccountsError(f"is UTF-16 text; export it again as UTF-8. Expected {EXPECTED}.")
    try:
        if head.startswith("{"):
            return read_json(data.removeprefix(b"\xef\xbb\xbf"), EXPECTED)
        return read_csv(data, EXPECTED)
    except UnicodeDecodeError:
        raise AccountsError(f"is not UTF-8 text. Expected {EXPECTED}.") from None
