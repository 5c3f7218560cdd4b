"""Checklist files the catalog tests write into tmp_path."""

from __future__ import annotations

import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
BUNDLED_ORG = ROOT / "checklists" / "organisation.yaml"

GOOD_PLATFORM = """\
schema: 1
platform:
  id: {pid}
  name: {name}
  category: social
  reviewed: 2026-11-24
  settings_url: https://www.example.com/settings
  summary: Why {name} matters to {{org.short_name}} staff.
items:
  - id: hide-employer
    theme: employer
    revision: 1
    title: Remove your employer
    why: Naming {{org.short_name}} makes you easy to find.
    policy: [private-identify, targeting]
    steps:
      web:
        - Open "Edit profile".
        - Clear "Workplace".
      ios:
        - Tap "Profile".
    link: https://www.example.com/help/employer
    verify: View your profile as the public.
    source: https://www.example.com/help/employer
    checked: 2026-11-20
  - id: location-off
    theme: location
    revision: 2
    title: Turn off location on posts
    why: Location shows where you live and work.
    policy: [geotagging]
    steps:
      all:
        - Open "Settings".
    link: https://www.example.com/help/location
    verify: Post a test photo and check no place shows.
    source: https://www.example.com/help/location
    checked: 2026-11-20
"""


def write_folder(folder: Path, platforms: dict[str, str] | None = None, org: bool = True) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    if org:
        shutil.copy(BUNDLED_ORG, folder / "organisation.yaml")
    for pid, text in (platforms or {}).items():
        (folder / f"{pid}.yaml").write_text(text, encoding="utf-8")
    return folder


def good(pid: str = "demo", name: str = "Demo") -> str:
    return GOOD_PLATFORM.format(pid=pid, name=name)
