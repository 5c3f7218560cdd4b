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
    assert main(["inspect", str(tmp_path)]) == 1  # as scrub: a file that could not be read is a failure
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


def test_inspect_and_scrub_give_one_reason_for_a_file_they_cannot_use(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = {
        "junk.jpg": b"not a picture at all",
        "empty.png": b"",
        "text.heic": b"meeting at the airport\n",
        "zeros.mp4": bytes(64),
    }
    for name, data in bad.items():
        path = tmp_path / name
        path.write_bytes(data)
        assert main(["inspect", "--json", str(path)]) == 1
        said_by_inspect = json.loads(capsys.readouterr().out)[0]["error"]
        assert said_by_inspect
        assert main(["scrub", str(path), "-o", str(tmp_path / "out")]) == 1
        out = capsys.readouterr().out
        assert f"failed: {path} ({said_by_inspect})" in out, (name, said_by_inspect, out)
        assert "Cleaned copies are in" not in out  # nothing was written, so nothing is said to be there
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())


def test_in_place_needs_confirmation_when_not_interactive(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = dirty_jpeg(tmp_path / "p.jpg")
    before = path.read_bytes()
    assert main(["scrub", "--in-place", str(path)]) == 2
    assert path.read_bytes() == before
    assert main(["scrub", "--in-place", "--yes", str(path)]) == 0
    assert SERIAL.encode() not in path.read_bytes()


NOT_HANDLED = {
    "movie.avi": (b"RIFF\x10\x00\x00\x00AVI LIST", "AVI video"),
    "song.m4a": (b"\x00\x00\x00\x14ftypM4A \x00\x00\x00\x00", "M4A audio"),
    "picture.jxl": (b"\xff\x0a\xfa\x7f", "JPEG XL picture"),
    "notes.txt": (b"meeting at the airport\n", "text file"),
    "scan.pdf": (b"%PDF-1.7\n", "PDF document"),
}


@pytest.mark.parametrize("command", ["scrub", "inspect", "redact"])
@pytest.mark.parametrize("name", sorted(NOT_HANDLED))
def test_a_named_file_of_a_kind_not_handled_says_what_it_is(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], command: str, name: str
) -> None:
    """Issue 21 item 6: not "No photos found", but what the file is and what the cleaner takes."""
    from socially_aware.scrubber import registry

    contents, kind = NOT_HANDLED[name]
    (tmp_path / name).write_bytes(contents)
    output = ["-o", str(tmp_path / "out")] if command != "inspect" else []
    assert main([command, str(tmp_path / name), *output]) == 2
    err = capsys.readouterr().err
    handled = ", ".join(f.name for f in registry.FORMATS[:-1]) + " and " + registry.FORMATS[-1].name
    assert f"{name}: not a kind of file this cleaner handles ({kind}); handled are {handled}" in err
    assert "No photos found" not in err


def test_a_photo_beside_a_file_not_handled_is_cleaned_and_the_other_named(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    photo = dirty_jpeg(tmp_path / "IMG_1.jpg")
    (tmp_path / "clip.avi").write_bytes(NOT_HANDLED["movie.avi"][0])
    assert main(["scrub", str(photo), str(tmp_path / "clip.avi"), "-o", str(tmp_path / "out"), "--jobs", "1"]) == 0
    captured = capsys.readouterr()
    assert "clip.avi: not a kind of file this cleaner handles (AVI video)" in captured.err
    assert SERIAL.encode() not in (tmp_path / "out" / "IMG_1.jpg").read_bytes()


def test_links_out_of_a_named_folder_are_said_not_no_photos(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "chosen"
    folder.mkdir()
    (folder / "IMG_1.jpg").symlink_to(dirty_jpeg(tmp_path / "elsewhere.jpg"))
    assert main(["scrub", str(folder), "-o", str(tmp_path / "out")]) == 2
    err = capsys.readouterr().err
    assert "1 link in it leads to a file outside this folder and was not followed" in err
    assert "No photos found" not in err
