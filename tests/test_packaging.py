"""What a bundle and a Linux desktop need: checked on every run, without building the bundle."""

from __future__ import annotations

import configparser
import os
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


def test_the_app_depends_on_the_decode_only_heif_library() -> None:
    """pillow-heif brings the x265 HEVC encoder (23 MB in a bundle); the app only decodes HEIF."""
    import tomllib

    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    runtime = [requirement.split(">")[0].split("=")[0].lower() for requirement in project["dependencies"]]
    assert "pi-heif" in runtime and "pillow-heif" not in runtime
    assert any(r.startswith("pillow-heif") for r in project["optional-dependencies"]["test"])


def test_self_test_passes_from_source() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "socially_aware", "--self-test"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "all checks passed" in result.stdout
    assert result.stdout.count("ok    ") == 9
    for check in (
        "HEIC and AVIF photos",
        "what a photo shows",
        "signed checklist packs",
        "posts review gazetteer",
        "window",
    ):
        assert f"ok    {check}" in result.stdout


# -- the Debian package (packaging/build-deb.sh) ---------------------------------------------------
needs_dpkg = pytest.mark.skipif(
    shutil.which("dpkg-deb") is None or shutil.which("dpkg-shlibdeps") is None, reason="dpkg-dev is not installed"
)


def _extract(deb: Path, into: Path) -> Path:
    subprocess.run(["dpkg-deb", "-x", str(deb), str(into)], check=True)
    return into


def _fields(deb: Path) -> dict[str, str]:
    text = subprocess.run(["dpkg-deb", "-f", str(deb)], capture_output=True, text=True, check=True).stdout
    return {line.split(":", 1)[0]: line.split(":", 1)[1].strip() for line in text.splitlines() if ":" in line}


def _installed_paths_are_right(root: Path) -> None:
    app = root / "usr" / "lib" / "socially-aware" / "socially-aware"
    assert app.is_file()
    for command in ("socially-aware", "socially-aware-gui"):
        link = root / "usr" / "bin" / command
        assert link.is_symlink() and link.resolve() == app.resolve()
    assert (root / "usr" / "share" / "applications" / f"{APP_ID}.desktop").is_file()
    assert (root / "usr" / "share" / "metainfo" / f"{APP_ID}.metainfo.xml").is_file()
    for size in (16, 48, 256, 512):
        assert (root / "usr" / "share" / "icons" / "hicolor" / f"{size}x{size}" / "apps" / f"{APP_ID}.png").is_file()
    assert (root / "etc" / "xdg" / "SociallyAware" / "checklists" / "README").is_file()
    assert (root / "usr" / "share" / "doc" / "socially-aware" / "copyright").is_file()


@needs_dpkg
def test_build_deb_lays_out_a_stand_in_bundle(tmp_path: Path) -> None:
    """The script's own work (layout, control file, conffiles), on a bundle that runs from source."""
    bundle = tmp_path / "bundle"
    bundle.mkdir()
    stand_in = bundle / "socially-aware"
    stand_in.write_text(
        f'#!/bin/sh\nPYTHONPATH="{ROOT / "desktop"}" exec "{sys.executable}" -m socially_aware "$@"\n', encoding="utf-8"
    )
    stand_in.chmod(0o755)
    deb = tmp_path / "out.deb"
    result = subprocess.run(
        ["bash", str(ROOT / "packaging" / "build-deb.sh"), str(bundle)],
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, "DEB_OUT": str(deb), "PATH": os.environ["PATH"]},
    )
    assert result.returncode == 0, result.stdout + result.stderr
    fields = _fields(deb)
    assert fields["Package"] == "socially-aware" and fields["Architecture"]
    conffiles = subprocess.run(["dpkg-deb", "-I", str(deb), "conffiles"], capture_output=True, text=True).stdout
    assert "/etc/xdg/SociallyAware/checklists/README" in conffiles
    root = _extract(deb, tmp_path / "root")
    _installed_paths_are_right(root)
    version = subprocess.run(
        [str(root / "usr" / "bin" / "socially-aware"), "--version"], capture_output=True, text=True
    )
    assert version.returncode == 0 and "socially-aware" in version.stdout


def _built_deb() -> Path | None:
    named = os.environ.get("SOCIALLY_AWARE_DEB")
    if named:
        return Path(named)
    found = sorted((ROOT / "build").glob("socially-aware_*.deb"))
    return found[-1] if found else None


@pytest.mark.slow
@needs_dpkg
@pytest.mark.skipif(
    _built_deb() is None, reason="no .deb built: run bash packaging/build-deb.sh (PyInstaller, minutes)"
)
def test_the_built_deb_installs_into_a_scratch_root_and_passes_its_self_test(tmp_path: Path) -> None:
    deb = _built_deb()
    assert deb is not None
    root = _extract(deb, tmp_path / "root")
    _installed_paths_are_right(root)
    bundled = {p.name for p in (root / "usr" / "lib" / "socially-aware" / "_internal").glob("lib*.so*")}
    assert "libX11.so.6" not in bundled, "a library Debian provides is a dependency, not a bundled copy"
    assert "libX11" in _fields(deb)["Depends"].replace("libx11", "libX11")
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "HOME": str(tmp_path / "home")}
    result = subprocess.run(
        [str(root / "usr" / "bin" / "socially-aware"), "--self-test"],
        capture_output=True,
        text=True,
        timeout=300,
        env=env,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "all checks passed" in result.stdout
