"""Read what the person hands us (exports, mail) and say which services use an official login."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from socially_aware.accounts.domains import host_of, is_official, site_of
from socially_aware.accounts.exports import AccountsError, read_export
from socially_aware.accounts.inventory import Finding, InventoryRow, build_inventory
from socially_aware.accounts.mail import is_mail_file, read_mail


@dataclass(frozen=True)
class FileReport:
    path: Path
    kind: str
    """The format found, e.g. "Bitwarden CSV", or "mail"."""
    entries: int
    official: int
    error: str = ""


@dataclass
class ScanReport:
    rows: list[InventoryRow] = field(default_factory=list)
    files: list[FileReport] = field(default_factory=list)

    @property
    def exports_to_delete(self) -> list[Path]:
        """Password exports that were read: they hold passwords and should be deleted now."""
        return [f.path for f in self.files if not f.error and f.kind != "mail"]


def _mail_files(path: Path) -> list[Path]:
    if path.is_dir():
        return sorted(p for p in path.rglob("*") if p.is_file() and is_mail_file(p))
    return [path]


def scan_paths(paths: Sequence[Path], domains: Sequence[str], corporate_id_pattern: str | None) -> ScanReport:
    corporate_id = re.compile(corporate_id_pattern) if corporate_id_pattern else None
    report = ScanReport()
    findings: list[Finding] = []
    for path in paths:
        if path.is_dir() or is_mail_file(path):
            mail = _mail_files(path)
            try:
                found = [Finding(site_of(sender), "mail") for sender, _name in read_mail(mail, domains, corporate_id)]
            except OSError as error:
                report.files.append(FileReport(path, "mail", 0, 0, f"could not be read: {error.strerror or error}"))
                continue
            findings.extend(found)
            report.files.append(FileReport(path, "mail", len(mail), len(found)))
            continue
        try:
            kind, entries = read_export(path)
        except AccountsError as error:
            report.files.append(FileReport(path, "", 0, 0, str(error)))
            continue
        source = "browser" if kind in ("Chrome/Edge CSV", "Firefox CSV") else "password manager"
        official = [Finding(site_of(host_of(url)) or url.strip().lower()[:60], source)
                    for url, login in entries if is_official(login, domains, corporate_id)]
        findings.extend(f for f in official if f.site)
        report.files.append(FileReport(path, kind, len(entries), len(official)))
    report.rows = build_inventory(findings)
    return report
