"""What a bundle and a Linux desktop need: checked on every run, without building the bundle."""

from __future__ import annotations

import configparser
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from PIL import Image

from socially_aware import APP_ID

ROOT = Path(__file__).resolve().parents[1]
LINUX = ROOT / "packaging" / "linux"


def test_desktop_entry_names_the_app_and_its_icon() -> None:
    entry = configparser.ConfigParser(interpolation=None)
    entry.optionxform = str  # type: ignore[assignment, method-assign]
    entry.read(LINUX / f"{APP_ID}.desktop", encoding="utf-8")
    section = entry["Desktop Entry"]
    assert section["Type"] == "Application"
    assert section["Icon"] == APP_ID
    assert section["Exec"].split()[0] == "socially-aware-gui"
    assert section["Terminal"] == "false"


def test_gui_entry_point_matches_the_desktop_entry() -> None:
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert 'socially-aware-gui = "socially_aware.__main__:main"' in pyproject


@pytest.mark.skipif(shutil.which("appstreamcli") is None, reason="appstreamcli is not installed")
def test_appstream_metainfo_validates() -> None:
    result = subprocess.run(
        ["appstreamcli", "validate", "--no-net", str(LINUX / f"{APP_ID}.metainfo.xml")],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_metainfo_id_matches_the_app_id() -> None:
    text = (LINUX / f"{APP_ID}.metainfo.xml").read_text(encoding="utf-8")
    assert f"<id>{APP_ID}</id>" in text
    assert f"{APP_ID}.desktop" in text


@pytest.mark.parametrize("size", [16, 24, 32, 48, 64, 128, 256, 512])
def test_icon_is_there_in_each_size(size: int) -> None:
    with Image.open(ROOT / "assets" / "icons" / f"socially-aware-{size}.png") as icon:
        assert icon.size == (size, size)
        assert icon.mode == "RGBA"


def test_spec_bundles_the_checklists_and_leaves_out_networking_qt() -> None:
    spec = (ROOT / "packaging" / "socially-aware.spec").read_text(encoding="utf-8")
    assert '"checklists"' in spec and '"assets"' in spec
    for module in ("PySide6.QtNetwork", "PySide6.QtWebEngineCore"):
        assert f'"{module}"' in spec


def test_self_test_passes_from_source() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "socially_aware", "--self-test"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "all checks passed" in result.stdout
    assert result.stdout.count("ok    ") == 5
    assert "ok    what a photo shows" in result.stdout
