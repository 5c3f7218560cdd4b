"""HEIF and video containers that lie: sizes, counts, nesting, endless boxes. Each ends in a plain
ScrubError (or a clean refusal in the result), quickly, without reading more than the file."""

from __future__ import annotations

import os
import struct
from collections.abc import Callable, Sequence
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from socially_aware.scrubber import CleanOptions, Outcome, ScrubError, clean_file, heif, inspect_file, isobmff, video
from socially_aware.scrubber.registry import by_name
from tests.scrubber.heifs import made_heic
from tests.scrubber.videos import box, dirty_video, full


def _heic(tmp_path: Path) -> bytes:
    return made_heic(tmp_path).read_bytes()


def _patch_box(data: bytes, kind: bytes, change: Callable[[bytearray, int], None]) -> bytes:
    """Apply `change(data, offset of the box's type)` to the first box of that type."""
    blob = bytearray(data)
    at = blob.index(kind)
    change(blob, at)
    return bytes(blob)


def _set_u32(offset: int, value: int) -> Callable[[bytearray, int], None]:
    def change(blob: bytearray, at: int) -> None:
        struct.pack_into(">I", blob, at + offset, value)

    return change


HOSTILE_HEIF: dict[str, Callable[[bytes], bytes]] = {
    "meta claims past the end": lambda d: _patch_box(d, b"meta", _set_u32(-4, 0x7FFFFFF0)),
    "meta 64-bit size of 2^63": lambda d: _patch_box(
        d,
        b"meta",
        lambda b, at: (
            struct.pack_into(">I", b, at - 4, 1),
            b.__setitem__(slice(at + 4, at + 12), struct.pack(">Q", 1 << 63)),
        ),
    ),
    "box smaller than its header": lambda d: _patch_box(d, b"iinf", _set_u32(-4, 3)),
    "iloc counts 65535 items": lambda d: _patch_box(
        d, b"iloc", lambda b, at: struct.pack_into(">H", b, at + 10, 0xFFFF)
    ),
    "ipma counts 4 billion entries": lambda d: _patch_box(d, b"ipma", _set_u32(8, 0xFFFFFFFF)),
    "primary item missing": lambda d: _patch_box(d, b"pitm", lambda b, at: struct.pack_into(">H", b, at + 8, 999)),
    "cut in the middle of meta": lambda d: d[: d.index(b"iprp") + 20],
    "no meta at all": lambda d: d[: d.index(b"meta") - 4],
}


@pytest.mark.parametrize("name", sorted(HOSTILE_HEIF))
def test_hostile_heif_is_refused_with_a_plain_reason(tmp_path: Path, name: str) -> None:
    blob = HOSTILE_HEIF[name](_heic(tmp_path))
    with pytest.raises(ScrubError):
        heif.clean(blob, CleanOptions())
    path = tmp_path / "bad.heic"
    path.write_bytes(blob)
    assert inspect_file(path).error or inspect_file(path).entries is not None
    result = clean_file(path, tmp_path / "out" / "bad.heic", CleanOptions())
    # Either refused, or (if the picture still decodes) re-encoded as the reported last resort.
    assert result.outcome in (Outcome.FAILED, Outcome.REENCODED), result
    assert "unexpected" not in result.message
    if result.outcome is Outcome.REENCODED:
        assert "last resort" in result.message


def _moov_nest(depth: int) -> bytes:
    inner = box(b"udta", b"\xa9xyz+35.6+139.6/")
    for _ in range(depth):
        inner = box(b"moov", inner)
    return inner


HOSTILE_VIDEO: dict[str, Callable[[Path], bytes]] = {
    "mdat claims past the end": lambda p: dirty_video(p).read_bytes()[:-100],
    "two movie boxes": lambda p: dirty_video(p).read_bytes() + box(b"moov", b""),
    "no media data": lambda p: box(b"ftyp", b"isom\x00\x00\x00\x00isom") + box(b"moov", b""),
    "box of size 4": lambda p: box(b"ftyp", b"isom\x00\x00\x00\x00isom") + struct.pack(">I4s", 4, b"moov") + bytes(64),
    "garbage after the last box": lambda p: dirty_video(p).read_bytes() + b"\x01\x02\x03",
    "moov nested 10000 deep": lambda p: (
        box(b"ftyp", b"isom\x00\x00\x00\x00isom") + box(b"mdat", b"x") + _moov_nest(10_000)
    ),
    "300000 empty boxes": lambda p: (
        box(b"ftyp", b"isom\x00\x00\x00\x00isom") + box(b"mdat", b"") + struct.pack(">I4s", 8, b"free") * 300_000
    ),
    "mvhd cut short": lambda p: (
        box(b"ftyp", b"isom\x00\x00\x00\x00isom") + box(b"moov", full(b"mvhd", 1, 0, b"\x00" * 4)) + box(b"mdat", b"")
    ),
}


@pytest.mark.parametrize("name", sorted(HOSTILE_VIDEO))
def test_hostile_video_is_refused_or_cleaned_never_crashes(tmp_path: Path, name: str) -> None:
    blob = HOSTILE_VIDEO[name](tmp_path / "v.mp4")
    path = tmp_path / "bad.mp4"
    path.write_bytes(blob)
    inspection = inspect_file(path)
    result = clean_file(path, tmp_path / "out" / "bad.mp4", CleanOptions())
    assert "unexpected" not in result.message and "unexpected" not in (inspection.error or "")
    if name == "moov nested 10000 deep":
        # Only the top-level moov is walked; what is inside an unknown box is freed whole.
        assert result.outcome is Outcome.CLEANED, result.message
        assert b"+35.6" not in (tmp_path / "out" / "bad.mp4").read_bytes()
    elif name == "garbage after the last box":
        # Data after the last whole box is left out, losslessly (issue 21): nothing else moves.
        assert result.outcome is Outcome.CLEANED, result.message
        cleaned = (tmp_path / "out" / "bad.mp4").read_bytes()
        assert len(cleaned) == len(blob) - 3 and not cleaned.endswith(b"\x01\x02\x03")
    else:
        assert result.outcome is Outcome.FAILED, result
        with pytest.raises(ScrubError):
            video.clean(blob, CleanOptions())


def test_the_box_budget_stops_a_flood_of_boxes() -> None:
    blob = struct.pack(">I4s", 8, b"free") * (isobmff.MAX_BOXES + 1)
    with pytest.raises(ScrubError, match="more than"):
        isobmff.children(isobmff.BytesSource(blob), 0, len(blob), isobmff.Budget())


def test_nesting_deeper_than_the_limit_is_refused() -> None:
    with pytest.raises(ScrubError, match="nested"):
        isobmff.children(isobmff.BytesSource(b""), 0, 0, isobmff.Budget(), depth=isobmff.MAX_DEPTH + 1)


class _CountingSource(isobmff.FileSource):
    def __init__(self, fd: int, size: int) -> None:
        super().__init__(fd, size)
        self.read = 0

    def read_at(self, offset: int, length: int) -> bytes:
        chunk = super().read_at(offset, length)
        self.read += len(chunk)
        return chunk


def test_a_4_gb_video_is_planned_from_its_headers(tmp_path: Path) -> None:
    """The media data of a (sparse) 4 GB video is never read: planning and inspection read headers."""
    small = dirty_video(tmp_path / "small.mp4", co64=True).read_bytes()
    header_end = small.index(b"mdat") + 12
    path = tmp_path / "big.mp4"
    size = 4 * 2**30 + 12345
    with path.open("wb") as file:
        file.write(small[:header_end])
        file.truncate(size)
    blob = bytearray(small[:header_end])
    struct.pack_into(">Q", blob, header_end - 8, size - (header_end - 16))
    with path.open("r+b") as file:
        file.write(bytes(blob))
    with path.open("rb") as file:
        source = _CountingSource(file.fileno(), os.fstat(file.fileno()).st_size)
        plan = video.plan(source)
    assert plan.writes
    assert source.read < 64 * 1024
    inspection = inspect_file(path)
    assert inspection.error is None and inspection.gps is not None


def _mutate(data: bytes, draw: st.DataObject) -> bytes:
    blob = bytearray(data)
    for _ in range(draw.draw(st.integers(1, 6))):
        kind = draw.draw(st.sampled_from(["flip", "truncate", "insert", "delete", "big"]))
        at = draw.draw(st.integers(0, max(0, len(blob) - 1)))
        if kind == "flip" and blob:
            blob[at] ^= draw.draw(st.integers(1, 255))
        elif kind == "truncate":
            del blob[at:]
        elif kind == "insert":
            blob[at:at] = draw.draw(st.binary(min_size=1, max_size=8))
        elif kind == "delete":
            del blob[at : at + draw.draw(st.integers(1, 16))]
        elif kind == "big" and len(blob) > at + 4:
            blob[at : at + 4] = draw.draw(
                st.sampled_from([b"\xff\xff\xff\xff", b"\x00\x00\x00\x01", b"\x00\x00\x00\x00"])
            )
    return bytes(blob)


@pytest.mark.parametrize("fmt", ["HEIF", "MP4"])
@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_mutated_containers_only_ever_raise_our_own_error(tmp_path: Path, fmt: str, data: st.DataObject) -> None:
    seed = (tmp_path / "seed.heic") if fmt == "HEIF" else dirty_video(tmp_path / "seed.mp4")
    original = _heic(tmp_path) if fmt == "HEIF" else seed.read_bytes()
    blob = _mutate(original, data)
    kind = by_name(fmt)
    try:
        cleaned, _ = kind.clean_and_verify(blob, CleanOptions())
    except ScrubError:
        pass
    else:
        kind.verify(cleaned, kind.clean(cleaned, CleanOptions())[0])  # what passed is clean for good
    path = tmp_path / f"m{kind.suffixes[0]}"
    path.write_bytes(blob)
    assert inspect_file(path) is not None
    result = clean_file(path, tmp_path / "o" / path.name, CleanOptions())
    assert "unexpected problem" not in result.message


def _synthetic_heif(items: int, references: Sequence[tuple[bytes, int, list[int]]] = ()) -> bytes:
    from socially_aware.scrubber.heifbox import build_box, build_full_box

    hdlr = build_full_box(b"hdlr", 0, 0, bytes(4) + b"pict" + bytes(12) + b"\x00")
    pitm = build_full_box(b"pitm", 0, 0, struct.pack(">H", 1))
    infes = b"".join(build_full_box(b"infe", 2, 0, struct.pack(">HH", i, 0) + b"hvc1\x00") for i in range(1, items + 1))
    iinf = build_full_box(b"iinf", 0, 0, struct.pack(">H", min(items, 0xFFFF)) + infes)
    refs = b"".join(
        build_box(kind, struct.pack(">HH", source, len(targets)) + b"".join(struct.pack(">H", t) for t in targets))
        for kind, source, targets in references
    )
    iref = build_full_box(b"iref", 0, 0, refs) if references else b""
    ftyp = box(b"ftyp", b"heic\x00\x00\x00\x00mif1heic")
    return ftyp + full(b"meta", 0, 0, hdlr + pitm + iinf + iref) + box(b"mdat", b"")


def test_too_many_items_are_refused_before_any_work_on_them() -> None:
    from socially_aware.scrubber import heifbox

    blob = _synthetic_heif(heifbox.MAX_ITEMS + 1)
    with pytest.raises(ScrubError, match="far more than any camera"):
        heif.clean(blob, CleanOptions())


def test_a_long_chain_of_tiles_is_followed_once() -> None:
    """Each item made from the next, listed backwards: the walk follows each reference once."""
    from socially_aware.scrubber import heifbox

    count = 3000
    chain = [(b"dimg", i, [i + 1]) for i in range(count - 1, 0, -1)]
    blob = _synthetic_heif(count, chain)
    meta_box = next(
        b for b in isobmff.children(isobmff.BytesSource(blob), 0, len(blob), isobmff.Budget()) if b.type == b"meta"
    )
    meta = heifbox.parse_meta(blob, meta_box, isobmff.Budget())
    assert heif._keep(meta) == set(range(1, count + 1))
