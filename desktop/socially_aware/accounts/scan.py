"""Read what the person hands us (exports, mail) and say which services use an official login.

One bad file costs only itself: each file's failure becomes a line in the report and the rest of
the batch is still read and reported.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from socially_aware.accounts.domains import is_official
from socially_aware.accounts.errors import AccountsError
from socially_aware.accounts.exports import read_export
from socially_aware.accounts.findings import BROWSER, MAIL, PASSWORD_MANAGER, Finding, InventoryRow, build_inventory
from socially_aware.accounts.mail import is_mail_file, read_mail_file
from socially_aware.accounts.regular_files import files_under, is_folder
from socially_aware.accounts.sites import site_from

# 1Password 4 writes a 1PIF export as a folder ("Export.1pif") holding the data file.
ONEPIF_DATA = "data.1pif"
BROWSER_FORMATS = ("Chrome/Edge CSV", "Firefox CSV", "Apple Passwords CSV")


@dataclass(frozen=True)
class FileReport:
    path: Path
    kind: str
    """The format found, e.g. "Bitwarden CSV", or "mail"."""
    entries: int
    """Logins in an export; files read in mail."""
    official: int
    """Logins (or sign-up messages) on an official address whose site was found."""
    error: str = ""
    """Why the file was not read: a plain sentence without its contents, e.g. "is a named pipe (FIFO), …"."""
    dropped: int = 0
    """Logins on an official address whose web address names no site (no dot, an IP address, not a host)."""
    skipped: int = 0
    """Rows, messages or files in a folder that could not be read, left out."""


@dataclass
class ScanReport:
    rows: list[InventoryRow] = field(default_factory=list)
    files: list[FileReport] = field(default_factory=list)

    @property
    def exports_to_delete(self) -> list[Path]:
        """Password exports that were read: they hold passwords and should be deleted now."""
        return [f.path for f in self.files if not f.error and f.kind != "mail"]


def _failure(error: BaseException) -> str:
    if isinstance(error, AccountsError):
        return str(error)
    if isinstance(error, MemoryError):
        return "is too large to read on this computer."
    # A fault in a reader: name its kind only, since its message may quote the file.
    return f"could not be read ({type(error).__name__})."


class _Scan:
    def __init__(self, domains: Sequence[str], corporate_id: re.Pattern[str] | None) -> None:
        self.domains, self.corporate_id = domains, corporate_id
        self.report = ScanReport()
        self.findings: list[Finding] = []

    def path(self, path: Path) -> None:
        try:
            if is_folder(path) and (path / ONEPIF_DATA).is_file():
                self._export(path / ONEPIF_DATA, shown_as=path)
            elif is_folder(path):
                self._mail_folder(path)
            elif is_mail_file(path):
                self._mail([path], path, single=True)
            else:
                self._export(path)
        except Exception as error:  # a reader's failure costs its own file, never the batch
            self.report.files.append(FileReport(path, "", 0, 0, _failure(error)))

    def _export(self, path: Path, shown_as: Path | None = None) -> None:
        kind, entries, skipped = read_export(path)
        source = BROWSER if kind in BROWSER_FORMATS else PASSWORD_MANAGER
        sites = [
            site_from(address, title)
            for address, title, logins in entries
            if any(is_official(login, self.domains, self.corporate_id) for login in logins)
        ]
        found = [Finding(site, source) for site in sites if site is not None]
        self.findings.extend(found)
        self.report.files.append(
            FileReport(
                shown_as or path, kind, len(entries), len(found), dropped=len(sites) - len(found), skipped=skipped
            )
        )

    def _mail_folder(self, folder: Path) -> None:
        mail = [p for p in files_under(folder) if is_mail_file(p)]
        if not mail:
            raise AccountsError("is a folder with no mail in it (.eml files or an mbox).")
        self._mail(mail, folder, single=False)

    def _mail(self, files: list[Path], shown_as: Path, *, single: bool) -> None:
        official = dropped = skipped = read = 0
        for path in files:
            try:
                result = read_mail_file(path, self.domains, self.corporate_id)
            except Exception as error:  # in a folder, one bad file is one skipped file
                if single:
                    raise AccountsError(_failure(error)) from None
                skipped += 1
                continue
            read += 1
            skipped += result.skipped
            for sender_domain, _name in result.found:
                site = site_from(sender_domain)
                if site is None:
                    dropped += 1
                else:
                    official += 1
                    self.findings.append(Finding(site, MAIL))
        self.report.files.append(FileReport(shown_as, "mail", read, official, dropped=dropped, skipped=skipped))


def scan_paths(paths: Sequence[Path], domains: Sequence[str], corporate_id_pattern: str | None) -> ScanReport:
    """Every file's outcome, and the services on an official login across all of them."""
    scan = _Scan(domains, re.compile(corporate_id_pattern) if corporate_id_pattern else None)
    for path in paths:
        scan.path(path)
    scan.report.rows = build_inventory(scan.findings)
    return scan.report
