"""`socially-aware checklists keygen|pack|install`: the whole path IT takes, through the real parser."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

from socially_aware.catalog.packs import installed_pack
from socially_aware.cli import main
from tests.catalog.samples import good, write_folder


@pytest.fixture
def machine(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A computer of our own: data, system-wide and per-user config folders under tmp_path."""
    monkeypatch.setenv("SOCIALLY_AWARE_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("XDG_CONFIG_DIRS", str(tmp_path / "etc"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "home"))
    return tmp_path


def test_keygen_pack_install_and_refuse_a_replay(machine: Path, capsys: pytest.CaptureFixture[str]) -> None:
    keys = machine / "keys"
    assert main(["checklists", "keygen", "-o", str(keys)]) == 0
    assert stat.S_IMODE((keys / "pack-key").stat().st_mode) == 0o600
    public = (keys / "pack-key.pub").read_text().strip()
    assert public in capsys.readouterr().out
    assert main(["checklists", "keygen", "-o", str(keys)]) == 1, "an existing key is never replaced"

    source = write_folder(machine / "src", {"demo": good()})
    pack = machine / "update.sapack"
    assert main(["checklists", "pack", str(source), "--key", str(keys / "pack-key"), "-o", str(pack)]) == 0
    assert "version 1" in capsys.readouterr().out

    assert main(["checklists", "install", str(pack)]) == 1
    assert "No organisation key is set up" in capsys.readouterr().err

    system = machine / "etc" / "SociallyAware" / "checklists"
    system.mkdir(parents=True)
    (system / "deployment.yaml").write_text(f"schema: 1\npack_keys:\n  - not a key\n  - {public}\n")
    assert main(["checklists", "install", str(pack)]) == 0
    out, err = capsys.readouterr()
    assert "Installed: Checklists from Department of Home Affairs, version 1," in out
    assert "pack_keys[0]" in err and "ignored" in err
    assert installed_pack(machine / "data" / "packs") is not None

    assert main(["checklists", "install", str(pack)]) == 1
    assert "version 1 is installed already" in capsys.readouterr().err


def test_pack_prints_what_validate_would(machine: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["checklists", "keygen", "-o", str(machine / "keys")]) == 0
    source = write_folder(machine / "src", {"demo": good().replace("revision: 1", "revision: zero")})
    out_file = machine / "x.sapack"
    assert (
        main(["checklists", "pack", str(source), "--key", str(machine / "keys" / "pack-key"), "-o", str(out_file)]) == 1
    )
    out, err = capsys.readouterr()
    assert "demo.yaml" in out and "items[0].revision" in out
    assert "Not packed" in err and not out_file.exists()
