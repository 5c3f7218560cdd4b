"""SEI messages inside the frames of a kept H.264/HEVC track (dashcams' and drones' GPS and serial
numbers in user_data_unregistered, encoders' settings) do not survive cleaning, and the frames
decode exactly as before.

Inputs: the project's ffmpeg H.264 MP4 (its frames re-used) and an HEVC video made from the tests'
own HEIC picture (its coded picture repeated as frames), each with an SEI user-data unit holding a
unique canary planted in every frame; built frames for lengths of 1, 2 and 4 bytes and for the
hostile cases. Frames are decoded with OpenCV (a runtime dependency, with FFmpeg's decoders inside).
"""

from __future__ import annotations

import hashlib
import struct
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from socially_aware.scrubber import CleanOptions, Outcome, ScrubError, clean_file, inspect_file
from socially_aware.scrubber.video import MP4, verify
from tests.scrubber import heifs, videos
from tests.scrubber.boxtree import flatten, walk
from tests.scrubber.videos import Track, box, build_video, kept_samples

H264_VIDEO = Path(__file__).resolve().parents[1] / "data" / "video" / "ffmpeg-h264-aac-place.mp4"
MARK = b"CANARY-sei-frame-"
UUID = bytes.fromhex("5eb1dc0a4c7e4f2a9b3c1d2e3f405162")  # a user_data_unregistered message's UUID


def _sei(mark: bytes, hevc: bool) -> bytes:
    """An SEI unit with one user_data_unregistered message (payload type 5): UUID, then text."""
    payload = UUID + mark
    header = b"\x4e\x01" if hevc else b"\x06"  # HEVC prefix SEI (39), layer 0, temporal id 0; H.264 type 6
    return header + bytes([5, len(payload)]) + payload + b"\x80"


def _prefixed(unit: bytes, size: int = 4) -> bytes:
    return len(unit).to_bytes(size, "big") + unit


def _units(sample: bytes, size: int) -> list[bytes]:
    out, pos = [], 0
    while pos < len(sample):
        length = int.from_bytes(sample[pos : pos + size], "big")
        out.append(sample[pos + size : pos + size + length])
        pos += size + length
    return out


def _entry(kind: bytes, setup: bytes, width: int, height: int) -> bytes:
    return box(
        kind,
        bytes(6)
        + struct.pack(">H", 1)
        + bytes(16)
        + struct.pack(">HHIIIH", width, height, 0x480000, 0x480000, 0, 1)
        + bytes(32)
        + struct.pack(">Hh", 24, -1)
        + setup,
    )


def _h264_parts() -> tuple[bytes, list[bytes]]:
    """The ffmpeg video's sample entry (avc1 with its avcC) and its video frames."""
    data = H264_VIDEO.read_bytes()
    entry = next(n for n in flatten(walk(data)) if n.type == b"avc1")
    return data[entry.start : entry.end], videos.coded_frames(data)


def _hevc_parts(folder: Path) -> tuple[bytes, list[bytes]]:
    """An hvc1 sample entry with the tests' own HEIC picture's hvcC, and its coded picture as 5 frames."""
    coded, properties = heifs.picture_parts(heifs.made_heic(folder).read_bytes())
    hvcc = next(p for p in properties if p[4:8] == b"hvcC")
    return _entry(b"hvc1", hvcc, 96, 64), [coded] * 5


def _planted(folder: Path, hevc: bool, fragmented: bool = False) -> tuple[bytes, bytes]:
    """(the video without SEI, the same video with a canary SEI unit first in every frame)."""
    entry, frames = _hevc_parts(folder) if hevc else _h264_parts()
    plain = build_video([Track(b"vide", entry, frames)], fragmented=fragmented)
    marked = [_prefixed(_sei(MARK + b"%04d" % i, hevc)) + frame for i, frame in enumerate(frames)]
    return plain, build_video([Track(b"vide", entry, marked)], fragmented=fragmented)


def _frames(path: Path) -> list[str]:
    """The decoded frames' digests (OpenCV's FFmpeg decoders)."""
    import cv2

    capture = cv2.VideoCapture(str(path))
    digests = []
    try:
        while True:
            ok, frame = capture.read()
            if not ok:
                break
            digests.append(hashlib.md5(frame.tobytes()).hexdigest())
    finally:
        capture.release()
    return digests


@pytest.mark.parametrize("in_place", [False, True], ids=["to a new file", "in place"])
@pytest.mark.parametrize("codec", ["h264", "hevc"])
def test_user_data_in_every_frame_does_not_survive_and_frames_decode_the_same(
    codec: str, in_place: bool, tmp_path: Path
) -> None:
    plain, planted = _planted(tmp_path, codec == "hevc")
    plain_path, src = tmp_path / "plain.mp4", tmp_path / "in.mp4"
    plain_path.write_bytes(plain)
    src.write_bytes(planted)
    before = _frames(src)
    assert len(before) == len(kept_samples(planted)) >= 5 and before == _frames(plain_path)
    assert planted.count(MARK) == len(before)
    found = inspect_file(src)
    assert any("coded frames" in entry.name for entry in found.entries), found.entries
    out = src if in_place else tmp_path / "out" / "in.mp4"
    result = clean_file(src, out, CleanOptions(in_place=in_place))
    assert result.outcome is Outcome.CLEANED, result.message
    cleaned = out.read_bytes()
    assert MARK not in cleaned and UUID not in cleaned
    assert len(cleaned) == len(planted)
    assert kept_samples(cleaned) == kept_samples(planted, neutral=True)  # nothing else in a frame changed
    assert _frames(out) == before
    assert clean_file(out, tmp_path / "again" / "in.mp4", CleanOptions()).outcome is Outcome.ALREADY_CLEAN


@pytest.mark.parametrize("codec", ["h264", "hevc"])
def test_user_data_in_fragmented_frames_does_not_survive(codec: str, tmp_path: Path) -> None:
    _plain, planted = _planted(tmp_path, codec == "hevc", fragmented=True)
    src, out = tmp_path / "in.mp4", tmp_path / "out" / "in.mp4"
    src.write_bytes(planted)
    result = clean_file(src, out, CleanOptions())
    assert result.outcome is Outcome.CLEANED, result.message
    assert MARK not in out.read_bytes()


def test_the_real_encoders_settings_string_is_gone_and_frames_decode_the_same(tmp_path: Path) -> None:
    out = tmp_path / "out.mp4"
    assert b"x264 - core" in H264_VIDEO.read_bytes()
    assert clean_file(H264_VIDEO, out, CleanOptions()).outcome is Outcome.CLEANED
    assert b"x264" not in out.read_bytes()
    assert _frames(out) == _frames(H264_VIDEO)


def _built(frames: list[bytes], length_size: int = 4) -> bytes:
    """A one-track H.264 video of `frames` (already length-prefixed) whose avcC says `length_size`."""
    avcc = box(b"avcC", bytes([1, 0x64, 0, 0x1F, 0xFC | (length_size - 1), 0xE0, 0, 0]))
    return build_video([Track(b"vide", _entry(b"avc1", avcc, 64, 48), frames)])


def _slice(n: int) -> bytes:
    return b"\x65" + bytes((i * 7 + 1) % 251 + 1 for i in range(n - 1))


@pytest.mark.parametrize("length_size", [1, 2, 4])
def test_every_unit_length_size_is_walked(length_size: int, tmp_path: Path) -> None:
    frames = [
        _prefixed(_sei(MARK + b"%d" % i, False), length_size) + _prefixed(_slice(40), length_size) for i in range(4)
    ]
    src, out = tmp_path / "in.mp4", tmp_path / "out" / "in.mp4"
    src.write_bytes(_built(frames, length_size))
    result = clean_file(src, out, CleanOptions())
    assert result.outcome is Outcome.CLEANED, result.message
    cleaned = out.read_bytes()
    assert MARK not in cleaned
    for frame in kept_samples(cleaned):
        sei, picture = _units(frame, length_size)
        assert sei == b"\x00" + b"\xff" * (len(sei) - 1) and picture == _slice(40)


def _refused_or_cleaned(data: bytes, tmp_path: Path) -> Outcome:
    src, out = tmp_path / "in.mp4", tmp_path / "out" / "in.mp4"
    src.write_bytes(data)
    result = clean_file(src, out, CleanOptions())
    assert not result.message.startswith("unexpected"), result.message
    if result.outcome is Outcome.FAILED:
        assert not out.exists()
    else:
        assert MARK not in out.read_bytes()
    return result.outcome


HOSTILE = {
    "unit length past the frame's end": ([_prefixed(_sei(MARK, False)) + b"\x00\x00\x01\x00" + _slice(20)], 4),
    "a length prefix cut by the frame's end": ([_prefixed(_sei(MARK, False)) + b"\x00\x00"], 4),
    "a frame shorter than one length": ([b"\x00\x00"], 4),
    "a unit claiming 4 GB": ([b"\xff\xff\xff\xff" + _sei(MARK, False)], 4),
    "a one-byte length past the end": ([b"\xf0" + _sei(MARK, False)], 1),
    "a two-byte length past the end": ([b"\x40\x00" + _sei(MARK, False)], 2),
    "three-byte lengths (no standard allows them)": ([_prefixed(_sei(MARK, False), 3)], 3),
}


@pytest.mark.parametrize("case", sorted(HOSTILE))
def test_lying_unit_lengths_are_refused(case: str, tmp_path: Path) -> None:
    frames, length_size = HOSTILE[case]
    assert _refused_or_cleaned(_built(frames, length_size), tmp_path) is Outcome.FAILED


def test_samples_naming_a_description_the_track_lacks_are_refused(tmp_path: Path) -> None:
    """Otherwise the SEI in them would pass unwalked."""
    data = bytearray(_built([_prefixed(_sei(MARK, False)) + _prefixed(_slice(30))]))
    stsc = data.index(b"stsc") - 4
    struct.pack_into(">I", data, stsc + 24, 2)  # the run's sample description index: 2 of 1
    assert _refused_or_cleaned(bytes(data), tmp_path) is Outcome.FAILED


def test_zero_length_units_are_cleaned(tmp_path: Path) -> None:
    frame = b"\x00\x00\x00\x00" * 3 + _prefixed(_sei(MARK, False)) + b"\x00\x00\x00\x00" + _prefixed(_slice(30))
    assert _refused_or_cleaned(_built([frame, frame]), tmp_path) is Outcome.CLEANED


def test_an_hevc_unit_shorter_than_its_header_is_refused(tmp_path: Path) -> None:
    entry, frames = _hevc_parts(tmp_path)
    data = build_video([Track(b"vide", entry, [_prefixed(b"\x4e") + _prefixed(_sei(MARK, True)) + frames[0]])])
    assert _refused_or_cleaned(data, tmp_path) is Outcome.FAILED


def test_dolby_vision_frames_lose_their_sei_and_keep_their_own_units(tmp_path: Path) -> None:
    """Dolby Vision's own data rides in unspecified HEVC units (62: RPU): those stay byte for byte."""
    entry, frames = _hevc_parts(tmp_path)
    entry = entry[:4] + b"dvh1" + entry[8:]
    rpu = b"\x7c\x01" + b"RPU-stays-" + bytes(range(1, 40))
    marked = [_prefixed(_sei(MARK + b"%d" % i, True)) + _prefixed(rpu) + frame for i, frame in enumerate(frames)]
    src, out = tmp_path / "in.mp4", tmp_path / "out" / "in.mp4"
    src.write_bytes(build_video([Track(b"vide", entry, marked)]))
    result = clean_file(src, out, CleanOptions())
    assert result.outcome is Outcome.CLEANED, result.message
    cleaned = out.read_bytes()
    assert MARK not in cleaned and cleaned.count(rpu) == len(frames)
    assert len(_frames(src)) == len(frames) and _frames(out) == _frames(src)


def test_unspecified_units_holding_data_are_neutralised_too(tmp_path: Path) -> None:
    """Units of a type no standard specifies decode nothing and can carry anything."""
    frames = [_prefixed(bytes([kind]) + MARK) + _prefixed(_slice(30)) for kind in (0x00, 0x18, 0x1F, 0x60 | 0x18)]
    src, out = tmp_path / "in.mp4", tmp_path / "out" / "in.mp4"
    src.write_bytes(_built(frames))
    assert clean_file(src, out, CleanOptions()).outcome is Outcome.CLEANED
    assert MARK not in out.read_bytes()


def test_the_verifier_refuses_an_sei_unit_written_back(tmp_path: Path) -> None:
    _plain, planted = _planted(tmp_path, False)
    cleaned, _removed = MP4.clean(planted, CleanOptions())
    at = planted.index(MARK)
    tampered = cleaned[:at] + planted[at : at + len(MARK)] + cleaned[at + len(MARK) :]
    with pytest.raises(ScrubError):
        verify(planted, tampered)
    verify(planted, cleaned)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    length_size=st.sampled_from([1, 2, 4]),
    frames=st.lists(
        st.lists(st.tuples(st.sampled_from([0, 1, 5, 6, 9, 12, 24, 31]), st.integers(0, 60)), max_size=6),
        min_size=1,
        max_size=4,
    ),
    cut=st.integers(0, 3),
)
def test_any_run_of_units_is_cleaned_or_refused(
    length_size: int, frames: list[list[tuple[int, int]]], cut: int
) -> None:
    """Frames of any units (SEI and unspecified ones holding the canary, slices, empty units), the
    last frame maybe cut short: the file is refused, or no canary and no SEI unit is left."""
    built = []
    for units in frames:
        frame = b""
        for kind, n in units:
            unit = (bytes([0x60 | kind]) + (MARK + bytes(n))[: max(n, 1)]) if kind in (0, 6, 24, 31) else _slice(n + 1)
            frame += _prefixed(unit, length_size) if n or kind else _prefixed(b"", length_size)
        built.append(frame)
    built[-1] = built[-1][: len(built[-1]) - cut] if cut < len(built[-1]) else built[-1]
    data = _built(built, length_size)
    try:
        cleaned, _removed = MP4.clean_verified(data, CleanOptions())
    except ScrubError:
        return
    assert MARK[:6] not in cleaned
    for frame in kept_samples(cleaned):
        assert all(unit[0] & 0x1F not in (6, 24, 31) for unit in _units(frame, length_size) if unit)
