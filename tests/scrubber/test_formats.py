"""One shape for every format: dirty -> clean -> re-read independently -> only the allowlist is left,
the picture is unchanged, cleaning again changes nothing."""

from __future__ import annotations

import json
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from PIL import Image

from socially_aware.scrubber import FORMATS, CleanOptions, Group, Outcome, clean_file, inspect_file
from socially_aware.scrubber.registry import by_name, sniff
from tests.scrubber.photos import OWNER, SERIAL, colour_tags, dirty_jpeg, dirty_mpo, dirty_png, dirty_webp

EXIFTOOL = shutil.which("exiftool")

# Dirty samples for every registered format: (format name, maker, orientation that must survive, suffix
# or None for the format's usual one). The file suffix and the allowlist come from the registry.
CASES: dict[str, tuple[str, Callable[[Path], Path], int, str | None]] = {
    "jpeg": ("JPEG", dirty_jpeg, 6, None),
    "progressive jpeg": ("JPEG", lambda p: dirty_jpeg(p, orientation=8, progressive=True), 8, None),
    "mpo": ("JPEG", dirty_mpo, 6, ".mpo"),
    "png": ("PNG", dirty_png, 1, None),
    "webp lossless": ("WebP", dirty_webp, 3, None),
    "webp lossy": ("WebP", lambda p: dirty_webp(p, lossless=False), 3, None),
}
REENCODED_CASES = {"TIFF", "GIF"}  # test_reencoded_formats_say_so


def test_every_registered_format_has_a_dirty_sample() -> None:
    from tests.scrubber.test_phone_formats import CASES as PHONE_CASES

    covered = {name for name, *_ in CASES.values()} | REENCODED_CASES | {name for name, *_ in PHONE_CASES.values()}
    assert covered == {f.name for f in FORMATS}


def _pixels(path: Path) -> bytes:
    with Image.open(path) as image:
        return image.convert("RGBA").tobytes()


@pytest.fixture(params=sorted(CASES))
def dirty(request: pytest.FixtureRequest, tmp_path: Path) -> tuple[Path, int]:
    name, make, orientation, suffix = CASES[request.param]
    return make(tmp_path / f"photo{suffix or by_name(name).suffixes[0]}"), orientation


def test_dirty_sample_really_is_dirty(dirty: tuple[Path, int]) -> None:
    path, _ = dirty
    before = inspect_file(path)
    assert before.error is None
    assert before.gps is not None or any(e.group is Group.PEOPLE for e in before.entries)
    assert before.risky


def test_clean_removes_everything_risky_and_keeps_the_picture(dirty: tuple[Path, int], tmp_path: Path) -> None:
    path, orientation = dirty
    original = path.read_bytes()
    out = tmp_path / "out" / path.name
    result = clean_file(path, out, CleanOptions())
    assert result.outcome is Outcome.CLEANED, result.message
    assert result.removed
    assert path.read_bytes() == original  # the original is never touched
    after = inspect_file(out)
    assert after.error is None
    assert after.gps is None and after.thumbnail is None
    assert [e for e in after.entries if e.risky] == []
    data = out.read_bytes()
    for secret in (SERIAL, OWNER, "Canon", "airport", "Canberra", "Lightroom", "TRAILERDATA"):
        assert secret.encode() not in data, secret
    assert _pixels(out) == _pixels(path)
    with Image.open(path) as before:
        icc_before = before.info.get("icc_profile")
    with Image.open(out) as image:
        assert image.getexif().get(0x0112, 1) == orientation
        icc_after = image.info.get("icc_profile")
    # Colour is kept byte for byte; the profile's text (which can name a device or person) is not.
    assert colour_tags(icc_after) == colour_tags(icc_before)
    assert (icc_after is None) == (icc_before is None)


def test_cleaning_again_changes_nothing(dirty: tuple[Path, int], tmp_path: Path) -> None:
    path, _ = dirty
    once = tmp_path / "once" / path.name
    twice = tmp_path / "twice" / path.name
    assert clean_file(path, once, CleanOptions()).outcome is Outcome.CLEANED
    again = clean_file(once, twice, CleanOptions())
    assert again.outcome is Outcome.ALREADY_CLEAN
    assert twice.read_bytes() == once.read_bytes()


@pytest.mark.skipif(EXIFTOOL is None, reason="exiftool is not installed")
def test_exiftool_finds_nothing_identifying(dirty: tuple[Path, int], tmp_path: Path) -> None:
    path, orientation = dirty
    out = tmp_path / "out" / path.name
    clean_file(path, out, CleanOptions())
    report = json.loads(
        subprocess.run([EXIFTOOL, "-j", "-G1", "-a", "-u", str(out)], capture_output=True, text=True, check=True).stdout
    )[0]
    kind = sniff(path.read_bytes()[:32])
    assert kind is not None
    leftovers = {k: v for k, v in report.items() if ":" in k and not kind.allows(k)}
    assert leftovers == {}
    ifd0 = {k: v for k, v in report.items() if k.startswith("IFD0:")}
    assert set(ifd0) <= {"IFD0:Orientation"}
    for value in report.values():
        assert SERIAL not in str(value) and OWNER not in str(value)
    if orientation != 1 and path.suffix in (".jpg", ".mpo"):
        assert "IFD0:Orientation" in report


def test_option_to_drop_orientation_and_icc(tmp_path: Path) -> None:
    path = dirty_jpeg(tmp_path / "p.jpg")
    out = tmp_path / "o.jpg"
    clean_file(path, out, CleanOptions(keep_orientation=False, keep_icc=False))
    with Image.open(out) as image:
        assert 0x0112 not in image.getexif()
        assert "icc_profile" not in image.info


@pytest.mark.parametrize("kind", ["TIFF", "GIF"])
def test_reencoded_formats_say_so(tmp_path: Path, kind: str) -> None:
    from tests.scrubber.photos import noisy

    path = tmp_path / f"p.{kind.lower()}"
    exif = Image.Exif()
    exif[0x010F] = "Canon"
    exif[0x013B] = OWNER
    image = noisy().convert("P") if kind == "GIF" else noisy()
    image.save(path, kind, exif=exif.tobytes(), comment=b"Shot at the airport") if kind == "GIF" else image.save(
        path, kind, exif=exif.tobytes()
    )
    out = tmp_path / "out" / path.name
    result = clean_file(path, out, CleanOptions())
    assert result.outcome is Outcome.REENCODED, result.message
    assert "re-encoded" in result.message
    assert OWNER.encode() not in out.read_bytes() and b"airport" not in out.read_bytes()
    assert _pixels(out) == _pixels(path)  # TIFF (LZW) and GIF keep every pixel


def test_verify_notices_changed_picture_data(tmp_path: Path) -> None:
    from socially_aware.scrubber import jpeg
    from socially_aware.scrubber.model import ScrubError as Error

    original = dirty_jpeg(tmp_path / "p.jpg").read_bytes()
    cleaned, _ = jpeg.clean(original, CleanOptions())
    jpeg.verify(original, cleaned)
    segments, _ = jpeg.walk(cleaned)
    scan = next(s for s in segments if s.marker == jpeg.SOS)
    at = scan.start + 40  # inside the entropy-coded data
    changed = bytearray(cleaned)
    changed[at] = 0x11 if changed[at] != 0x11 else 0x22
    with pytest.raises(Error, match="picture data changed"):
        jpeg.verify(original, bytes(changed))
