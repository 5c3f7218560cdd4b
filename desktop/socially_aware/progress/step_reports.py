"""The file a person sends to the content owners: "these steps didn't match what I saw".

Declared once here. It holds, per report, the platform and item (id, title, revision), the device,
the person's short text and the day, plus which checklists the app had (the app version and, when one
is installed, the organisation's pack version). No name, account, address, file path or machine
detail: the person reads the file before choosing to send it.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

from socially_aware.catalog.model import Catalog, Surface
from socially_aware.progress.model import StepReport
from socially_aware.progress.store import write_atomically

FORMAT = "socially-aware-step-reports"
FORMAT_VERSION = 1
SUFFIX = ".json"


def render(reports: Sequence[StepReport], catalog: Catalog, app_version: str, checklists: str) -> bytes:
    entries = []
    for report in reports:
        platform_id, _, item_id = report.item.partition("/")
        item = catalog.item(report.item)
        entries.append(
            {
                "platform": platform_id,
                "item": item_id,
                "title": item.title if item is not None else None,
                "revision": report.revision,
                "device": Surface(report.device).label if report.device in Surface._value2member_map_ else None,
                "text": report.text,
                "day": report.day.isoformat(),
            }
        )
    document = {
        "format": FORMAT,
        "version": FORMAT_VERSION,
        "app_version": app_version,
        "checklists": checklists,
        "reports": entries,
    }
    return (json.dumps(document, indent=2, ensure_ascii=False) + "\n").encode("utf-8")


def save(path: Path, reports: Sequence[StepReport], catalog: Catalog, app_version: str, checklists: str) -> None:
    """Write the file for the content owners (readable by the person only, written atomically)."""
    write_atomically(path, render(reports, catalog, app_version, checklists), mode=0o600)
