"""Where the app reads and writes on this machine (per-user, system-wide, bundled).

Everything is passed in to the services as arguments; this module only computes the defaults.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path

import platformdirs

from socially_aware import APP_NAME

_APP_DIR_NAME = "SociallyAware"


def bundled_root() -> Path:
    """The folder holding the shipped `checklists/` and `assets/`.

    In a PyInstaller bundle that is the unpacked bundle folder; from a source checkout (or an
    editable install) it is the repository root, two levels above this package.
    """
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        return Path(frozen)
    return Path(__file__).resolve().parents[2]


@dataclass(frozen=True)
class Locations:
    """The folders one run of the app uses. Tests build their own under `tmp_path`."""

    data_dir: Path
    """Per-user, local (non-roaming) folder for the encrypted progress store."""
    checklist_dirs: tuple[Path, ...]
    """Checklist folders in load order: bundled, system-wide, per-user (later overrides earlier)."""
    assets_dir: Path

    @property
    def packs_dir(self) -> Path:
        """Per-user folder of signed checklist packs from the organisation (`catalog/packs.py`)."""
        return self.data_dir / "packs"

    @classmethod
    def default(cls) -> Locations:
        override = os.environ.get("SOCIALLY_AWARE_DATA_DIR")
        data_dir = (
            Path(override)
            if override
            else Path(platformdirs.user_data_dir(_APP_DIR_NAME, appauthor=False, roaming=False))
        )
        root = bundled_root()
        site = Path(platformdirs.site_config_dir(_APP_DIR_NAME, appauthor=False)) / "checklists"
        user = Path(platformdirs.user_config_dir(_APP_DIR_NAME, appauthor=False)) / "checklists"
        return cls(
            data_dir=data_dir,
            checklist_dirs=(root / "checklists", site, user),
            assets_dir=root / "assets",
        )

    @classmethod
    def under(cls, base: Path) -> Locations:
        """A self-contained set of folders below `base` (tests, self-test, portable use)."""
        root = bundled_root()
        return cls(
            data_dir=base / "data",
            checklist_dirs=(root / "checklists", base / "site-checklists", base / "user-checklists"),
            assets_dir=root / "assets",
        )


__all__ = ["APP_NAME", "Locations", "bundled_root"]
