"""What phones make (HEIC, AVIF, MP4, MOV, 3GP): one table, one shape for each file.

dirty -> clean -> the picture decodes to the same pixels (video: `mdat` byte for byte) -> exiftool
finds nothing outside the format's allowlist -> cleaning again changes nothing.
"""

from __future__ import annotations

import json
import os
import shutil
import struct
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from PIL import Image

from socially_aware.scrubber import CleanOptions, Group, Outcome, clean_file, inspect_file
from socially_aware.scrubber.registry import by_name, sniff
from tests.scrubber.heifs import made_avif, made_heic
from tests.scrubber.photos import OWNER, colour_tags
from tests.scrubber.videos import (
    ANDROID_SECRETS,
    APPLE_SECRETS,
    dirty_video,
    kept_samples,
    media_data,
    with_neutral_notes,
)

DATA = Path(__file__).resolve().parents[1] / "data"
EXIFTOOL = shutil.which("exiftool")


def _real(name: str, kind: str = "heif") -> Callable[[Path], Path]:
    def copy(folder: Path) -> Path:
        return Path(shutil.copy(DATA / kind / name, folder / name))

    return copy


# name: (format, maker, secrets that must not be in the cleaned file, whether it gives a GPS position)
CASES: dict[str, tuple[str, Callable[[Path], Path], tuple[bytes, ...], bool]] = {
    "heic iphone 13 pro: grid, depth, gain map, gps": (
        "HEIF",
        _real("iphone13pro-depth-gps.heic"),
        (b"iPhone 13 Pro",),
        True,
    ),
    "heic iphone 8 plus: rotated grid, thumbnail": (
        "HEIF",
        _real("iphone8plus-thumbnail.heic"),
        (b"iPhone 8 Plus",),
        False,
    ),
    "heic xiaomi: gps": ("HEIF", _real("xiaomi-gps.heic"), (b"M2012K11AG",), True),
    "heic samsung s25: gain map, thumbnail, gps": (
        "HEIF",
        _real("samsung-s25-gainmap-gps.heic"),
        (b"Galaxy S25", b"S938B"),
        True,
    ),
    "heic made here: exif, gps, xmp": ("HEIF", made_heic, (OWNER.encode(), b"Canberra", b"EOS R6"), True),
    "avif made here: exif, gps, xmp, rotation": ("AVIF", made_avif, (OWNER.encode(), b"Canberra", b"EOS R6"), True),
    "mp4 android and apple tags": ("MP4", lambda f: dirty_video(f / "clip.mp4"), ANDROID_SECRETS + APPLE_SECRETS, True),
    "mov moov after mdat, 64-bit sizes": (
        "MOV",
        lambda f: dirty_video(f / "clip.mov", b"qt  ", moov_first=False, co64=True, mvhd_version=1),
        ANDROID_SECRETS + APPLE_SECRETS,
        True,
    ),
    "m4v apple only": ("MP4", lambda f: dirty_video(f / "clip.m4v", b"M4V ", android=False), APPLE_SECRETS, True),
    "mp4 from ffmpeg: h264, aac, loci, title": (
        "MP4",
        _real("ffmpeg-h264-aac-place.mp4", "video"),
        (b"Alex Officer", b"Lavf"),
        True,
    ),
    "mov from ffmpeg: apple keys": (
        "MOV",
        _real("ffmpeg-h264-apple-keys.mov", "video"),
        (b"iPhone 15 Pro", b"+35.6895"),
        True,
    ),
    "3gp from ffmpeg: mpeg-4, loci": ("3GP", _real("ffmpeg-mpeg4-place.3gp", "video"), (b"loci",), True),
    "3gp android only": (
        "3GP",
        lambda f: dirty_video(f / "clip.3gp", b"3gp4", apple=False, metadata_track=False),
        ANDROID_SECRETS,
        True,
    ),
}


@pytest.fixture(params=sorted(CASES))
def case(request: pytest.FixtureRequest, tmp_path: Path) -> tuple[str, Path, tuple[bytes, ...], bool]:
    name, make, secrets, has_gps = CASES[request.param]
    folder = tmp_path / "in"
    folder.mkdir()
    return name, make(folder), secrets, has_gps


def _picture(path: Path) -> tuple[tuple[int, int], str, bytes, bytes | None]:
    """Size, mode, decoded pixels and ICC profile of the primary picture."""
    if sniff(path.read_bytes()[:32]) is by_name("AVIF"):
        with Image.open(path) as image:
            return image.size, image.mode, image.tobytes(), image.info.get("icc_profile")
    import pi_heif  # the app's decoder (scrubber/reencode.py)

    heif = pi_heif.open_heif(path, convert_hdr_to_8bit=False)
    return heif.size, heif.mode, bytes(heif.data), heif.info.get("icc_profile")


def _same_content(original: Path, cleaned: Path, fmt: str) -> None:
    if by_name(fmt).video:
        before, after = media_data(with_neutral_notes(original.read_bytes())), media_data(cleaned.read_bytes())
        assert kept_samples(cleaned.read_bytes()) == kept_samples(original.read_bytes(), neutral=True)
        assert all(a in (b, 0) for a, b in zip(after, before, strict=True))  # the rest is only ever zeroed
    else:
        size, mode, pixels, icc = _picture(cleaned)
        size_before, mode_before, pixels_before, icc_before = _picture(original)
        assert (size, mode, pixels) == (size_before, mode_before, pixels_before)
        assert colour_tags(icc) == colour_tags(icc_before)


def test_every_phone_format_is_in_the_table() -> None:
    assert {fmt for fmt, *_ in CASES.values()} == {"HEIF", "AVIF", "MP4", "MOV", "3GP"}


def test_dirty_sample_really_is_dirty(case: tuple[str, Path, tuple[bytes, ...], bool]) -> None:
    fmt, path, secrets, has_gps = case
    before = inspect_file(path)
    assert before.error is None
    assert before.format == fmt
    assert before.risky
    assert (before.gps is not None) == has_gps
    assert any(s in path.read_bytes() for s in secrets)


def test_clean_keeps_the_picture_and_removes_the_rest(
    case: tuple[str, Path, tuple[bytes, ...], bool], tmp_path: Path
) -> None:
    fmt, path, secrets, _ = case
    original = path.read_bytes()
    out = tmp_path / "out" / path.name
    result = clean_file(path, out, CleanOptions())
    assert result.outcome is Outcome.CLEANED, result.message
    assert result.removed and result.message == ""
    assert path.read_bytes() == original
    data = out.read_bytes()
    if by_name(fmt).video:
        assert len(data) == len(original)  # edited in place: nothing moved
    else:
        assert len(data) < len(original)  # rewritten from its fields, offsets relocated
    for secret in secrets:
        assert secret not in data, secret
    after = inspect_file(out)
    assert after.error is None, after.error
    assert after.gps is None and after.thumbnail is None
    assert [e for e in after.entries if e.risky] == []
    _same_content(path, out, fmt)


def test_cleaning_again_changes_nothing(case: tuple[str, Path, tuple[bytes, ...], bool], tmp_path: Path) -> None:
    _, path, _, _ = case
    once, twice = tmp_path / "once" / path.name, tmp_path / "twice" / path.name
    assert clean_file(path, once, CleanOptions()).outcome is Outcome.CLEANED
    again = clean_file(once, twice, CleanOptions())
    assert again.outcome is Outcome.ALREADY_CLEAN, again.message
    assert twice.read_bytes() == once.read_bytes()


@pytest.mark.skipif(EXIFTOOL is None, reason="exiftool is not installed")
def test_exiftool_finds_nothing_outside_the_allowlist(
    case: tuple[str, Path, tuple[bytes, ...], bool], tmp_path: Path
) -> None:
    fmt, path, secrets, _ = case
    before = json.loads(
        subprocess.run(
            [EXIFTOOL, "-j", "-G1", "-a", "-u", "-ee", str(path)], capture_output=True, text=True, check=True
        ).stdout
    )[0]
    assert any(not by_name(fmt).allows(k) for k in before if ":" in k)  # the check can fail
    out = tmp_path / "out" / path.name
    clean_file(path, out, CleanOptions())
    report = json.loads(
        subprocess.run(
            [EXIFTOOL, "-j", "-G1", "-a", "-u", "-ee", str(out)], capture_output=True, text=True, check=True
        ).stdout
    )[0]
    leftovers = {k: v for k, v in report.items() if ":" in k and not by_name(fmt).allows(k)}
    assert leftovers == {}
    for value in report.values():
        for secret in secrets:
            assert secret.decode() not in str(value)
    for key, value in report.items():
        if key.endswith(("CreateDate", "ModifyDate")) and by_name(fmt).video and not key.startswith("System:"):
            assert value.startswith("0000:00:00"), key


def test_heic_keeps_rotation_and_colour_profile(tmp_path: Path) -> None:
    source = _real("iphone8plus-thumbnail.heic")(tmp_path)
    out = tmp_path / "out.heic"
    assert clean_file(source, out, CleanOptions()).outcome is Outcome.CLEANED
    size, _mode, _pixels, icc = _picture(out)
    assert size == (3024, 4032)  # stored 4032×3024, turned by its irot property
    assert b"Display P3" in (_picture(source)[3] or b"")
    assert icc is not None and b"Display P3" not in icc  # the profile's text is neutral (issue 21)
    assert colour_tags(icc) == colour_tags(_picture(source)[3])  # its colour is the same


def test_heic_without_the_colour_profile_when_asked(tmp_path: Path) -> None:
    source = _real("iphone8plus-thumbnail.heic")(tmp_path)
    out = tmp_path / "out.heic"
    result = clean_file(source, out, CleanOptions(keep_icc=False))
    assert result.outcome is Outcome.CLEANED, result.message
    size, _mode, pixels, icc = _picture(out)
    assert icc is None
    size_before, _mode, pixels_before, icc_before = _picture(source)
    assert icc_before is not None
    assert (size, pixels) == (size_before, pixels_before)


def test_heic_inspection_names_what_it_hides(tmp_path: Path) -> None:
    found = inspect_file(_real("iphone13pro-depth-gps.heic")(tmp_path))
    names = {e.name for e in found.entries}
    assert {"Where it was taken", "Camera model", "Depth map", "XMP"} <= names
    assert found.gps is not None and 44 < found.gps[0] < 45
    thumbnails = inspect_file(_real("iphone8plus-thumbnail.heic")(tmp_path))
    assert any(e.group is Group.EMBEDDED and "preview" in e.name for e in thumbnails.entries)


def test_video_inspection_shows_place_device_and_dates(tmp_path: Path) -> None:
    found = inspect_file(dirty_video(tmp_path / "clip.mov", b"qt  "))
    groups = {e.group for e in found.entries if e.risky}
    assert {Group.LOCATION, Group.DEVICE, Group.TIME, Group.SOFTWARE} <= groups
    assert found.gps == (35.6895, 139.6917)
    values = " ".join(e.value for e in found.entries)
    assert "iPhone 15 Pro" in values and "-33.865100, 151.209900" in values


def test_heif_whose_exif_points_into_the_picture_is_cleaned_losslessly(tmp_path: Path) -> None:
    """An Exif item whose bytes are the picture's own: the picture's bytes stay (they are the
    picture's), the Exif item goes, nothing is re-encoded (issue 21: never re-encode a phone format)."""
    from socially_aware.scrubber import heifbox, isobmff

    path = made_heic(tmp_path)
    data = bytearray(path.read_bytes())
    meta = heifbox.parse_meta(
        bytes(data),
        next(
            b
            for b in isobmff.children(isobmff.BytesSource(bytes(data)), 0, len(data), isobmff.Budget())
            if b.type == b"meta"
        ),
        isobmff.Budget(),
    )
    exif_id = next(i for i, item in meta.items.items() if item.type == b"Exif")
    picture, exif = meta.locations[meta.primary], meta.locations[exif_id]
    version, offset_size, length_size, base_size, _ = meta.iloc
    assert (version, offset_size, length_size, base_size, len(exif.extents)) == (0, 4, 4, 4, 1)
    # point the Exif item's one extent at the picture's bytes: id, data reference, base, count, offset, length
    start, end = exif.raw
    struct.pack_into(">I", data, start + 4, 0)
    struct.pack_into(">II", data, end - 8, picture.extents[0].offset, 16)
    path.write_bytes(bytes(data))
    out = tmp_path / "out.heic"
    result = clean_file(path, out, CleanOptions())
    assert result.outcome is Outcome.CLEANED, result.message
    assert OWNER.encode() not in out.read_bytes()
    _same_content(path, out, "HEIF")


def test_video_in_place_is_patched_not_copied(tmp_path: Path) -> None:
    """In place, only the metadata boxes are written: same file (every hard link sees the cleaned
    video), media data untouched, dates kept when asked, and a clean video is not written at all."""
    path = dirty_video(tmp_path / "clip.mp4")
    other_name = tmp_path / "other-name.mp4"
    os.link(path, other_name)
    os.utime(path, ns=(1_600_000_000 * 10**9, 1_600_000_000 * 10**9))
    samples = kept_samples(path.read_bytes())
    media = media_data(path.read_bytes())
    inode = path.stat().st_ino
    result = clean_file(path, path, CleanOptions(in_place=True, keep_file_dates=True))
    assert result.outcome is Outcome.CLEANED, result.message
    assert path.stat().st_ino == inode
    assert path.stat().st_mtime_ns == 1_600_000_000 * 10**9
    assert kept_samples(path.read_bytes()) == samples
    assert media_data(path.read_bytes())[:-200] == media[:-200]  # the video's samples
    assert media_data(path.read_bytes())[-200:] == bytes(200)  # the timed metadata track's: zeroed
    for secret in ANDROID_SECRETS + APPLE_SECRETS:
        assert secret not in other_name.read_bytes()
    before = path.stat().st_mtime_ns
    again = clean_file(path, path, CleanOptions(in_place=True))
    assert again.outcome is Outcome.ALREADY_CLEAN
    assert path.stat().st_mtime_ns == before  # not written
    assert list(tmp_path.glob(".*cleaning")) == []


def test_heif_with_a_damaged_tail_is_cleaned_losslessly(tmp_path: Path) -> None:
    """A box past the end (libheif ignores it): inspection names it, cleaning leaves it out and
    relocates nothing else; the picture is not re-encoded (issue 21)."""
    path = made_heic(tmp_path)
    original = path.read_bytes()
    path.write_bytes(original + struct.pack(">I4s", 64, b"junk") + b"Alex Officer")
    found = inspect_file(path)
    assert found.error is None and found.gps is not None
    assert any("leftover" in e.name.lower() for e in found.entries)
    out = tmp_path / "out.heic"
    result = clean_file(path, out, CleanOptions())
    assert result.outcome is Outcome.CLEANED, result.message
    assert OWNER.encode() not in out.read_bytes() and b"junk" not in out.read_bytes()
    assert inspect_file(out).gps is None
    _same_content(path, out, "HEIF")


def test_heic_with_damaged_exif_is_inspected_without_warnings(tmp_path: Path) -> None:
    """Pillow warns on a damaged Exif block (the suite turns warnings into errors); the entries say it."""
    import pillow_heif

    exif = Image.Exif()
    exif[0x010F] = "Canon"
    tiff = bytearray(exif.tobytes())
    # the offset of the next IFD (IFD1, the thumbnail's), just after IFD0's one entry, points far away
    struct.pack_into("<I", tiff, 6 + 8 + 2 + 12, 0x00FFFFF0)
    heif = pillow_heif.from_pillow(Image.new("RGB", (32, 32)))
    path = tmp_path / "damaged-exif.heic"
    heif.save(path, quality=90, exif=bytes(tiff))
    found = inspect_file(path)
    assert found.error is None, found.error
    assert found.risky
    assert clean_file(path, tmp_path / "out.heic", CleanOptions()).outcome is Outcome.CLEANED


def test_video_inspection_lists_every_track_and_what_it_holds(tmp_path: Path) -> None:
    from tests.scrubber import videos

    path = tmp_path / "drone.mp4"
    path.write_bytes(
        videos.build_video(
            [
                videos.video_track([bytes(500)]),
                videos.Track(b"text", videos.text_entry(), videos.text_samples(b"")),
                videos.Track(b"meta", videos.gpmd_entry(), videos.gpmf_samples(b"x")),
                videos.Track(b"camm", videos.camm_entry(), videos.camm_samples(b"")),
            ]
        )
    )
    found = {e.name: (e.value, e.risky) for e in inspect_file(path).entries if e.name.startswith("Track")}
    assert found == {
        "Track 1": ("video, avc1", False),
        "Track 2": ("subtitle (may hold GPS per frame), tx3g: removed", True),
        "Track 3": ("timed metadata (motion, faces or place, frame by frame), gpmd: removed", True),
        "Track 4": ("camera motion metadata (place, motion), camm: removed", True),
    }
    out = tmp_path / "out" / "drone.mp4"
    result = clean_file(path, out, CleanOptions())
    assert result.outcome is Outcome.CLEANED
    assert any("subtitle track" in r for r in result.removed), result.removed
    after = inspect_file(out)
    assert [e.name for e in after.entries if e.risky] == []
    assert [e.name for e in after.entries] == ["Track 1"]
    assert videos.GPS_TEXT not in out.read_bytes()


@pytest.mark.parametrize("in_place", [False, True])
def test_video_with_data_after_its_end_is_cleaned_losslessly(tmp_path: Path, in_place: bool) -> None:
    """Bytes after the last whole box (a camera's trailer, a cut-off box) are left out, in place
    too (the file is shortened last); the video's samples are untouched."""
    path = dirty_video(tmp_path / "clip.mp4")
    samples = kept_samples(path.read_bytes())
    size = path.stat().st_size
    path.write_bytes(path.read_bytes() + struct.pack(">I4s", 4096, b"junk") + b"Alex Officer, trailer")
    out = path if in_place else tmp_path / "out" / "clip.mp4"
    result = clean_file(path, out, CleanOptions(in_place=in_place))
    assert result.outcome is Outcome.CLEANED, result.message
    assert "data after the end of the video" in result.removed
    data = out.read_bytes()
    assert len(data) == size and b"Alex Officer" not in data
    assert kept_samples(data) == samples
    assert clean_file(out, tmp_path / "again" / "clip.mp4", CleanOptions()).outcome is Outcome.ALREADY_CLEAN
