"""`socially-aware validate`: the same checks as the app, for people who write checklists."""

from __future__ import annotations

from pathlib import Path

import pytest

from socially_aware.cli import main
from tests.catalog.samples import good, write_folder


def test_clean_folder_exits_zero(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = write_folder(tmp_path, {"demo": good()})
    assert main(["validate", str(folder)]) == 0
    assert "2 file(s) checked, no problems" in capsys.readouterr().out


def test_broken_yaml_exits_non_zero_naming_file_and_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = write_folder(tmp_path, {"demo": good(), "broken": "schema: 1\nplatform: [\n"})
    assert main(["validate", str(folder)]) == 1
    out = capsys.readouterr().out
    assert f"{folder / 'broken.yaml'}:3: YAML syntax" in out
    assert "1 problem(s) in 1 of 3 file(s)" in out


def test_single_file_uses_the_profile_beside_it(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = write_folder(tmp_path, {"demo": good().replace("[geotagging]", "[nowhere]")})
    assert main(["validate", str(folder / "demo.yaml")]) == 1
    assert "items[1].policy[0]: 'nowhere' is not a policy section" in capsys.readouterr().out


def test_missing_path_exits_two(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", str(tmp_path / "nope")]) == 2
    assert "no such file or folder" in capsys.readouterr().err
