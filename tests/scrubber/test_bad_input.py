"""Hostile and broken files: a clear per-file message, nothing partial left, no crash."""

from __future__ import annotations

import errno
import os
import struct
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from socially_aware.scrubber import FORMATS, CleanOptions, Outcome, ScrubError, clean_file, inspect_file
from tests.scrubber import hidden_photos as hidden
from tests.scrubber.photos import dirty_jpeg, dirty_png, dirty_webp


def _jpeg_with_huge_frame(path: Path) -> None:
    data = bytearray(dirty_jpeg(path).read_bytes())
    sof = data.rfind(b"\xff\xc0")
    struct.pack_into(">HH", data, sof + 5, 60000, 60000)
    path.write_bytes(bytes(data))


def _cyclic_exif(path: Path) -> None:
    # IFD0's "next IFD" points back at IFD0: a reader that follows it loops forever.
    tiff = (
        b"II*\x00"
        + struct.pack("<I", 8)
        + struct.pack("<H", 1)
        + struct.pack("<HHII", 0x010F, 2, 4, 0x006E6143)
        + struct.pack("<I", 8)
    )
    segment = b"\xff\xe1" + struct.pack(">H", len(tiff) + 8) + b"Exif\x00\x00" + tiff
    clean = dirty_jpeg(path).read_bytes()
    path.write_bytes(clean[:2] + segment + clean[2:])


def _segment_past_end(path: Path) -> None:
    path.write_bytes(b"\xff\xd8\xff\xe1\xff\xf0Exif\x00\x00")


def _png_huge(path: Path) -> None:
    import zlib

    ihdr = struct.pack(">IIBBBBB", 100000, 100000, 8, 2, 0, 0, 0)
    chunk = struct.pack(">I", len(ihdr)) + b"IHDR" + ihdr + struct.pack(">I", zlib.crc32(b"IHDR" + ihdr))
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + chunk)


BAD = {
    "zero bytes": (".jpg", lambda p: p.write_bytes(b""), "empty"),
    "text named .jpg": (".jpg", lambda p: p.write_text("hello, I am not a photo"), "contents are not one"),
    "truncated jpeg": (".jpg", lambda p: p.write_bytes(dirty_jpeg(p).read_bytes()[:900]), "the end"),
    "segment past end": (".jpg", _segment_past_end, "past the end"),
    "giant jpeg frame": (".jpg", _jpeg_with_huge_frame, "far too large"),
    "giant png": (".png", _png_huge, "not a plausible photo"),
    "truncated png": (".png", lambda p: p.write_bytes(dirty_png(p).read_bytes()[:200]), ""),
    "bad png checksum": (
        ".png",
        lambda p: p.write_bytes(dirty_png(p).read_bytes()[:30] + b"X" + dirty_png(p).read_bytes()[31:]),
        "checksum",
    ),
    "truncated webp": (".webp", lambda p: p.write_bytes(dirty_webp(p).read_bytes()[:60]), "cut short"),
}


@pytest.mark.parametrize("case", sorted(BAD))
def test_bad_file_fails_clearly_and_leaves_nothing(tmp_path: Path, case: str) -> None:
    suffix, make, words = BAD[case]
    path = tmp_path / f"bad{suffix}"
    make(path)
    out_dir = tmp_path / "out"
    result = clean_file(path, out_dir / path.name, CleanOptions())
    assert result.outcome in (Outcome.FAILED, Outcome.UNSUPPORTED)
    assert words in result.message
    assert not out_dir.exists() or list(out_dir.iterdir()) == []
    inspection = inspect_file(path)  # never raises
    assert inspection.error or inspection.entries is not None


def test_cyclic_exif_offsets_do_not_hang(tmp_path: Path) -> None:
    path = tmp_path / "cyclic.jpg"
    _cyclic_exif(path)
    inspect_file(path)
    result = clean_file(path, tmp_path / "out" / "cyclic.jpg", CleanOptions())
    assert result.outcome is Outcome.CLEANED


def test_unreadable_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = dirty_jpeg(tmp_path / "locked.jpg")

    def denied(self: Path) -> bytes:
        raise PermissionError(errno.EACCES, "Permission denied", str(self))

    monkeypatch.setattr(Path, "read_bytes", denied)
    result = clean_file(path, tmp_path / "out" / "locked.jpg", CleanOptions())
    assert result.outcome is Outcome.FAILED and "could not be read: Permission denied" in result.message


@pytest.mark.parametrize(("err", "words"), [(errno.ENOSPC, "disk is full"), (errno.EROFS, "cannot be written")])
def test_full_disk_or_read_only_output_leaves_no_partial_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, err: int, words: str
) -> None:
    path = dirty_jpeg(tmp_path / "p.jpg")
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    real_write = os.write
    calls = {"n": 0}

    def failing(fd: int, data: bytes) -> int:
        calls["n"] += 1
        raise OSError(err, os.strerror(err))

    monkeypatch.setattr(os, "write", failing)
    result = clean_file(path, out_dir / "p.jpg", CleanOptions())
    monkeypatch.setattr(os, "write", real_write)
    assert calls["n"] == 1
    assert result.outcome is Outcome.FAILED and words in result.message
    assert list(out_dir.iterdir()) == []


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into read-only folders")
def test_really_read_only_output_folder(tmp_path: Path) -> None:
    path = dirty_jpeg(tmp_path / "p.jpg")
    out_dir = tmp_path / "out"
    out_dir.mkdir(mode=0o500)
    result = clean_file(path, out_dir / "p.jpg", CleanOptions())
    assert result.outcome is Outcome.FAILED and "cannot be written" in result.message


SAMPLES: dict[str, bytes] = {}


MAKERS = {
    "jpeg": dirty_jpeg,
    "png": dirty_png,
    "webp": dirty_webp,
    "jfif thumbnail": hidden.jfif_thumbnail,
    "jfxx": hidden.jfxx,
    "adobe": hidden.app14_overlong,
    "webp animation": hidden.webp_anmf_unknown,
    "damaged jpeg": hidden.damaged_cut,
    "icc text": hidden.jpeg_icc_text,
    "png xmp": hidden.png_xmp_orientation,
}


def _sample(name: str, tmp: Path) -> bytes:
    if name not in SAMPLES:
        SAMPLES[name] = MAKERS[name](tmp / f"s-{name.replace(' ', '-')}").read_bytes()
    return SAMPLES[name]


@pytest.mark.parametrize("name", sorted(MAKERS))
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_mutated_files_only_ever_raise_our_own_error(tmp_path: Path, name: str, data: st.DataObject) -> None:
    original = _sample(name, tmp_path)
    mutated = bytearray(original)
    for _ in range(data.draw(st.integers(1, 6))):
        kind = data.draw(st.sampled_from(["flip", "truncate", "insert", "delete"]))
        at = data.draw(st.integers(0, max(0, len(mutated) - 1)))
        if kind == "flip" and mutated:
            mutated[at] ^= data.draw(st.integers(1, 255))
        elif kind == "truncate":
            del mutated[at:]
        elif kind == "insert":
            mutated[at:at] = data.draw(st.binary(min_size=1, max_size=8))
        elif kind == "delete":
            del mutated[at : at + data.draw(st.integers(1, 16))]
    blob = bytes(mutated)
    for fmt in FORMATS[:3]:
        try:
            cleaned, _ = fmt.clean(blob, CleanOptions())
            fmt.verify(blob, cleaned)
        except ScrubError:
            pass
    path = tmp_path / f"m.{name}"
    path.write_bytes(blob)
    assert inspect_file(path) is not None
    result = clean_file(path, tmp_path / "o" / path.name, CleanOptions())
    assert "unexpected problem" not in result.message


@settings(max_examples=200, deadline=None)
@given(blob=st.binary(max_size=600), head=st.sampled_from([b"", b"\x00\x00\x02\x00ADBE\x02\x10\x00\x00mntr"]))
def test_icc_text_reader_never_raises(blob: bytes, head: bytes) -> None:
    from socially_aware.scrubber.metadata import icc_text

    profile = head + blob
    for tag, text in icc_text(profile):
        assert tag in (b"desc", b"cprt", b"dmnd", b"dmdd") and isinstance(text, str)


@settings(max_examples=200, deadline=None)
@given(xmp=st.binary(max_size=300), digit=st.integers(0, 9))
def test_xmp_orientation_is_one_to_eight_or_nothing(xmp: bytes, digit: int) -> None:
    from socially_aware.scrubber.exifmin import orientation_of_xmp

    for packet in (
        xmp,
        xmp + b'tiff:Orientation="%d"' % digit,
        b"<tiff:Orientation>%d</tiff:Orientation>" % digit + xmp,
    ):
        value = orientation_of_xmp(packet)
        assert value is None or 1 <= value <= 8
