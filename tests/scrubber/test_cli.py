"""`socially-aware inspect` and `scrub`: the photo cleaner without a window."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from socially_aware.cli import main
from tests.scrubber.photos import SERIAL, dirty_jpeg


def test_inspect_json_gives_decimal_gps(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = dirty_jpeg(tmp_path / "p.jpg")
    assert main(["inspect", "--json", str(path)]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report[0]["gps"] == [-33.865143, 151.2099]
    assert any(e["value"] == SERIAL and e["risky"] for e in report[0]["entries"])


def test_inspect_folder_prints_a_summary(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    dirty_jpeg(tmp_path / "a.jpg")
    (tmp_path / "b.jpg").write_bytes(b"junk")
    assert main(["inspect", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert "1 of 2 photos gives a location" in out and "cannot be read" in out


def test_scrub_writes_copies_and_exits_non_zero_when_any_failed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    photos = tmp_path / "photos"
    photos.mkdir()
    dirty_jpeg(photos / "a.jpg")
    assert main(["scrub", str(photos)]) == 0
    assert (tmp_path / "photos (cleaned)" / "a.jpg").exists()
    (photos / "b.jpg").write_bytes(b"junk")
    assert main(["scrub", str(photos), "-o", str(tmp_path / "second")]) == 1
    assert "1 cleaned, 1 failed" in capsys.readouterr().out


def test_in_place_needs_confirmation_when_not_interactive(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = dirty_jpeg(tmp_path / "p.jpg")
    before = path.read_bytes()
    assert main(["scrub", "--in-place", str(path)]) == 2
    assert path.read_bytes() == before
    assert main(["scrub", "--in-place", "--yes", str(path)]) == 0
    assert SERIAL.encode() not in path.read_bytes()
