"""The real models on one small generated desk photo, with the network refused throughout.

One look and one redaction (a few OCR calls in all): a sign naming the organisation turned 20°,
a decoy sign, and a pass's QR code whose content must never reach any output.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from socially_aware.cli import main
from socially_aware.photocontent.look import as_json, look_inside
from socially_aware.photocontent.model import Box, Kind
from socially_aware.photocontent.redact import redact_file
from socially_aware.scrubber.cleaning import inspect_file
from tests.photocontent.scenes import STAFF_CODE, pass_scene
from tests.scrubber.photos import exif_tiff

pytestmark = pytest.mark.slow


@pytest.fixture
def desk(tmp_path: Path) -> tuple[Path, dict]:
    path = tmp_path / "desk.jpg"
    placed = pass_scene(path)
    # Give it metadata the cleaner must remove from the redacted copy (GPS, serial, owner).
    from PIL import Image

    with Image.open(path) as image:
        image.load()
        image.save(path, quality=92, exif=exif_tiff(orientation=1))
    return path, placed


def test_the_sign_is_found_the_decoy_is_not_and_the_code_is_a_box(desk, org, no_network) -> None:
    path, placed = desk
    look = look_inside(path, org)
    assert look.error == "" and look.notes == ()
    named = [s for s in look.shows if s.term]
    assert {s.term for s in named} == {"Border Force"}
    assert Box(*placed["term"].box).overlap(named[0].box) > 0.5
    assert not any(s.term for s in look.shows if "collie" in s.text.lower())
    codes = [s for s in look.shows if s.kind is Kind.CODE]
    assert len(codes) == 1 and codes[0].box.overlap(Box(*placed["code"].box)) > 0.5
    assert STAFF_CODE not in json.dumps(as_json(look))
    assert no_network == []


def test_redact_covers_the_name_saves_a_clean_copy_and_rechecks_it(desk, org, tmp_path, no_network) -> None:
    path, _ = desk
    before = path.read_bytes()
    result = redact_file(path, tmp_path / "out", org, codes=True)
    assert result.error == "" and result.output is not None
    assert len(result.covered) == 2  # the name and the code
    assert result.recheck is not None and not result.recheck.names_organisation
    assert result.still_shows == ()
    assert path.read_bytes() == before  # the original is untouched
    saved = inspect_file(result.output)
    assert saved.gps is None and not [e for e in saved.entries if e.risky]
    assert no_network == []


def test_inspect_shows_json_and_redact_on_the_command_line(desk, tmp_path, capsys) -> None:
    path, _ = desk
    assert main(["inspect", "--shows", "--json", str(path)]) == 0
    out = json.loads(capsys.readouterr().out)
    shows = out[0]["shows"]
    assert {"kind", "box", "term", "text"} <= set(shows[0])
    assert any(s["term"] == "Border Force" for s in shows) and any(s["kind"] == "code" for s in shows)
    assert STAFF_CODE not in json.dumps(out)
    assert main(["redact", str(path), "-o", str(tmp_path / "covered")]) == 0
    printed = capsys.readouterr().out
    assert "1 part covered" in printed
    assert (tmp_path / "covered" / "desk (redacted).jpg").is_file()
