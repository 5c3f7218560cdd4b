"""Nothing hidden left (issue 12 items 3, 4, 5): each case is dirty -> inspection shows it -> clean
-> the picture decodes the same -> exiftool finds nothing outside the allowlist -> cleaning again
changes nothing."""

from __future__ import annotations

import json
import shutil
import subprocess
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from PIL import Image, ImageFile

from socially_aware.scrubber import CleanOptions, Outcome, clean_file, icc, inspect_file
from tests.scrubber import hidden_photos as hidden
from tests.scrubber.photos import colour_tags

EXIFTOOL = shutil.which("exiftool")
# What exiftool may report on a cleaned file: structure and colour, never people, places or previews.
ALLOWED_GROUPS = {
    "ExifTool",
    "System",
    "File",
    "JFIF",
    "ICC_Profile",
    "ICC-header",
    "ICC-view",
    "ICC-meas",
    "ICC-chrm",
    "PNG",
    "RIFF",
    "Composite",
    "IFD0",
    "Adobe",
}


@dataclass(frozen=True)
class Case:
    suffix: str
    make: Callable[[Path], Path]
    shown: str
    """Words inspection must show for the hidden part, before cleaning."""
    removed: str
    """Words in the cleaned result's list of what was removed."""
    orientation: int = 1
    note: str = ""


CASES = {
    "JFIF thumbnail": Case(".jpg", hidden.jfif_thumbnail, "JFIF preview image", "JFIF thumbnail"),
    "JFXX thumbnail": Case(".jpg", hidden.jfxx, "JFIF preview image", "JFXX"),
    "APP0 overlong": Case(".jpg", hidden.app0_overlong, "after the JFIF header", "after the JFIF header"),
    "APP14 overlong": Case(".jpg", hidden.app14_overlong, "after the Adobe colour marker", "Adobe colour marker"),
    "WebP ANMF unknown chunk": Case(".webp", hidden.webp_anmf_unknown, "inside an animation frame", "animation frame"),
    "damaged JPEG, cut short": Case(".jpg", hidden.damaged_cut, "Canon", "Exif", note="already damaged"),
    "damaged progressive JPEG": Case(
        ".jpg", lambda p: hidden.damaged_cut(p, progressive=True), "Canon", "Exif", note="already damaged"
    ),
    "damaged JPEG, bad marker": Case(
        ".jpg", hidden.damaged_marker, hidden.SECRET.decode(), "comment", note="already damaged"
    ),
    "JPEG stray bytes after APP13": Case(
        ".jpg", hidden.jpeg_stray_after_app13, "unknown bytes between segments", "unknown bytes between segments"
    ),
    "XMP-only orientation, JPEG": Case(".jpg", hidden.jpeg_xmp_orientation, "XMP", "XMP", orientation=6),
    "XMP-only orientation, PNG": Case(".png", hidden.png_xmp_orientation, "XMP", "XMP", orientation=8),
    "XMP-only orientation, WebP": Case(".webp", hidden.webp_xmp_orientation, "XMP", "XMP", orientation=3),
}


def _decoded(path: Path) -> tuple[str, bytes] | str:
    """The pixels as far as they decode (what a viewer shows of a damaged file), or why not."""
    ImageFile.LOAD_TRUNCATED_IMAGES = True
    try:
        with Image.open(path) as image:
            frames = []
            for n in range(getattr(image, "n_frames", 1)):
                image.seek(n)
                frames.append(image.convert("RGBA").tobytes())
            return image.mode, b"".join(frames)
    except OSError as error:
        return f"{type(error).__name__}: {error}"
    finally:
        ImageFile.LOAD_TRUNCATED_IMAGES = False


@pytest.fixture(params=sorted(CASES))
def case(request: pytest.FixtureRequest, tmp_path: Path) -> tuple[Case, Path]:
    spec = CASES[request.param]
    return spec, spec.make(tmp_path / f"dirty{spec.suffix}")


def test_inspection_shows_what_is_hidden(case: tuple[Case, Path]) -> None:
    spec, path = case
    inspection = inspect_file(path)
    assert inspection.error is None
    shown = "\n".join(f"{e.name}: {e.value}" for e in inspection.entries if e.risky)
    assert spec.shown in shown


def test_clean_removes_it_and_keeps_the_picture(case: tuple[Case, Path], tmp_path: Path) -> None:
    spec, path = case
    original = path.read_bytes()
    out = tmp_path / "out" / path.name
    result = clean_file(path, out, CleanOptions())
    assert result.outcome is Outcome.CLEANED, result.message
    assert any(spec.removed in name for name in result.removed), result.removed
    assert spec.note in result.message
    assert "(" not in result.message
    assert path.read_bytes() == original
    data = out.read_bytes()
    assert hidden.SECRET not in data and b"Canon" not in data and b"Canberra" not in data
    assert _decoded(out) == _decoded(path)
    after = inspect_file(out)
    assert after.error is None and after.thumbnail is None
    assert [e for e in after.entries if e.risky] == []
    with Image.open(out) as image:
        assert image.getexif().get(0x0112, 1) == spec.orientation


def test_cleaning_again_changes_nothing(case: tuple[Case, Path], tmp_path: Path) -> None:
    _, path = case
    once, twice = tmp_path / "once" / path.name, tmp_path / "twice" / path.name
    assert clean_file(path, once, CleanOptions()).outcome is Outcome.CLEANED
    again = clean_file(once, twice, CleanOptions())
    assert again.outcome is Outcome.ALREADY_CLEAN, again
    assert twice.read_bytes() == once.read_bytes()


def test_exiftool_finds_nothing_outside_the_allowlist(case: tuple[Case, Path], tmp_path: Path) -> None:
    _, path = case
    out = tmp_path / "out" / path.name
    clean_file(path, out, CleanOptions())
    assert EXIFTOOL is not None, "exiftool (Debian: libimage-exiftool-perl) is part of the test setup"
    report = json.loads(
        subprocess.run([EXIFTOOL, "-j", "-G1", "-a", "-u", str(out)], capture_output=True, text=True, check=True).stdout
    )[0]
    leftovers = {k: v for k, v in report.items() if ":" in k and k.split(":")[0] not in ALLOWED_GROUPS}
    assert leftovers == {}
    assert [k for k in report if "Thumbnail" in k or "Preview" in k] == []
    assert {k for k in report if k.startswith("IFD0:")} <= {"IFD0:Orientation"}
    assert hidden.SECRET.decode() not in json.dumps(report)


def test_icc_text_is_shown_and_the_profile_can_be_dropped(tmp_path: Path) -> None:
    path = hidden.jpeg_icc_text(tmp_path / "icc.jpg")
    entries = {e.name: e.value for e in inspect_file(path).entries}
    assert entries["Colour profile: description"] == "Alex Officer's MacBook, calibrated"
    assert entries["Colour profile: device maker"] == "Apple"
    assert entries["Colour profile: device model"] == "MacBook Pro SN C02XK1"
    kept = clean_file(path, tmp_path / "kept.jpg", CleanOptions())
    # The profile decides the colours: kept by default, its colour tags byte for byte, its text neutral.
    assert kept.outcome is Outcome.CLEANED and kept.removed == (icc.REMOVED_NAME,)
    with Image.open(path) as before, Image.open(tmp_path / "kept.jpg") as after:
        assert colour_tags(after.info["icc_profile"]) == colour_tags(before.info["icc_profile"])
    assert b"MacBook" not in (tmp_path / "kept.jpg").read_bytes()
    assert not [e for e in inspect_file(tmp_path / "kept.jpg").entries if e.risky]
    dropped = clean_file(path, tmp_path / "dropped.jpg", CleanOptions(keep_icc=False))
    assert dropped.outcome is Outcome.CLEANED and dropped.removed == ("colour profile",)
    assert b"MacBook" not in (tmp_path / "dropped.jpg").read_bytes()
    assert not [e for e in inspect_file(tmp_path / "dropped.jpg").entries if e.name.startswith("Colour profile")]


def test_the_cli_can_drop_the_colour_profile(tmp_path: Path) -> None:
    from socially_aware.cli import main

    (tmp_path / "in").mkdir()
    hidden.jpeg_icc_text(tmp_path / "in" / "icc.jpg")
    assert main(["scrub", str(tmp_path / "in"), "-o", str(tmp_path / "out"), "--jobs", "1", "--drop-icc"]) == 0
    assert b"MacBook" not in (tmp_path / "out" / "icc.jpg").read_bytes()


@pytest.mark.parametrize("damage", ["reserved marker before the first scan", "cut inside the frame header"])
def test_damage_before_the_picture_data_is_still_refused(tmp_path: Path, damage: str) -> None:
    data = hidden.plain_jpeg()
    sof = data.index(b"\xff\xc0")
    broken = data[:sof] + b"\xff\x12\x00\x04ab" + data[sof:] if damage.startswith("reserved") else data[: sof + 6]
    path = tmp_path / "broken.jpg"
    path.write_bytes(broken)
    result = clean_file(path, tmp_path / "out.jpg", CleanOptions())
    assert result.outcome is Outcome.FAILED and not (tmp_path / "out.jpg").exists()


def test_metadata_inside_the_damaged_part_is_refused(tmp_path: Path) -> None:
    data = hidden.plain_jpeg(size=(160, 120))
    cut = data[: len(data) * 2 // 3] + hidden.segment(0xE1, b"Exif\x00\x00" + b"II*\x00" + hidden.SECRET)
    path = tmp_path / "sneaky.jpg"
    path.write_bytes(cut)
    result = clean_file(path, tmp_path / "out.jpg", CleanOptions())
    assert result.outcome is Outcome.FAILED and "damaged" in result.message


@pytest.mark.parametrize(
    "maker",
    [
        hidden.jfif_thumbnail,
        hidden.jfxx,
        hidden.app0_overlong,
        hidden.app14_overlong,
        hidden.png_xmp_orientation,
        hidden.jpeg_xmp_orientation,
        hidden.png_icc_named,
        hidden.webp_anmf_unknown,
        hidden.jpeg_icc_text,
    ],
)
def test_inspection_and_cleaning_agree(tmp_path: Path, maker: Callable[[Path], Path]) -> None:
    """A file cleaning would change is never reported as giving nothing away, and the reverse."""
    path = maker(tmp_path / "photo")
    result = clean_file(path, tmp_path / "out" / path.name, CleanOptions())
    assert (result.outcome is Outcome.CLEANED) == inspect_file(path).risky
