"""Hiding places in a real encoder's MP4 that the generated canary tests do not reach (issue 21).

The generative tests plant canaries in the boxes a base file already has. Here a canary is put into
boxes ffmpeg's file does not have but cameras and editors write: metadata inside a track, user data
in `mdia`, sample group descriptions of a grouping type this app does not know, a second sample
entry no sample uses, a chapter reference, a 360-video XMP `uuid`, 64-bit box sizes and a last box
of size 0. Each output must hold no trace of the canary (or the file is refused), and the picture
and sound samples must come out byte for byte.
"""

from __future__ import annotations

import struct
from collections.abc import Callable
from pathlib import Path

import pytest

from socially_aware.scrubber import CleanOptions, Outcome, clean_file, icc, inspect_file
from tests.scrubber import still_canaries
from tests.scrubber.boxtree import Node, flatten, insert, walk
from tests.scrubber.photos import ICC
from tests.scrubber.videos import kept_samples

VIDEO = Path(__file__).resolve().parents[1] / "data" / "video" / "ffmpeg-h264-aac-place.mp4"
MARK = b"CANARY-adversary-0042"


def _box(kind: bytes, payload: bytes) -> bytes:
    return struct.pack(">I", 8 + len(payload)) + kind + payload


def _full(kind: bytes, version: int, payload: bytes) -> bytes:
    return _box(kind, bytes([version, 0, 0, 0]) + payload)


def _text_item(kind: bytes) -> bytes:
    return _box(kind, struct.pack(">HH", len(MARK), 0) + MARK)


def _ilst_meta(handler: bytes, extra: bytes = b"") -> bytes:
    hdlr = _full(b"hdlr", 0, b"\0" * 4 + handler + b"\0" * 13)
    ilst = _box(b"ilst", _box(b"\0\0\0\1", _box(b"data", b"\0\0\0\1\0\0\0\0" + MARK)))
    return _full(b"meta", 0, hdlr + extra + ilst)


def _sgpd(grouping: bytes, entry_length: int, entry: bytes) -> bytes:
    return _full(b"sgpd", 1, grouping + struct.pack(">II", entry_length, 1) + entry)


class Edit:
    def __init__(self, data: bytes) -> None:
        self.data = data
        self.nodes = flatten(walk(data))

    def node(self, path: str) -> Node:
        return next(n for n in self.nodes if n.path == path)

    def _around(self, node: Node) -> list[Node]:
        return [n for n in self.nodes if n is not node and n.start <= node.start and node.end <= n.end]

    def append_to(self, path: str, payload: bytes) -> bytes:
        """`payload` as the last child of the box at `path`, every enclosing size and offset moved."""
        target = self.node(path)
        return insert(self.data, target.end, payload, [target, *self._around(target)])


STBL = "/moov/trak/mdia/minf/stbl"
AUDIO_STBL = "/moov/trak[1]/mdia/minf/stbl"


def _second_sample_entry(data: bytes) -> bytes:
    edit = Edit(data)
    stsd, entry = edit.node(f"{STBL}/stsd"), edit.node(f"{STBL}/stsd/avc1")
    unused = bytearray(data[entry.start : entry.end])
    unused[8 + 42 : 8 + 43 + len(MARK)] = bytes([len(MARK)]) + MARK  # its compressor name
    changed = bytearray(edit.append_to(f"{STBL}/stsd", bytes(unused)))
    struct.pack_into(">I", changed, stsd.start + 12, 2)  # entry count: no sample uses the second one
    return bytes(changed)


def _last_box_size_zero(data: bytes) -> bytes:
    """A trailing `mdat` whose size 0 means "to the end of the file", holding nothing any track uses."""
    return data + b"\0\0\0\0mdat" + MARK


def _largesize_udta(data: bytes) -> bytes:
    inner = _text_item(b"\xa9cmt")
    return Edit(data).append_to("/moov", struct.pack(">I4sQ", 1, b"udta", 16 + len(inner)) + inner)


def _profile_with(tag: bytes) -> bytes:
    """The tests' sRGB profile with MARK as the text of `tag` (device model, description, copyright)."""
    tags = still_canaries._icc_tags(ICC)
    tags[tag] = b"text\x00\x00\x00\x00" + MARK + b"\x00"
    return still_canaries._icc_build(ICC, tags)


def _colour_profile(tag: bytes) -> Callable[[bytes], bytes]:
    return lambda d: Edit(d).append_to(f"{STBL}/stsd/avc1", _box(b"colr", b"prof" + _profile_with(tag)))


AUDIO_ENTRY = f"{AUDIO_STBL}/stsd/mp4a"


def _replaced(data: bytes, path: str, new: bytes) -> bytes:
    """The box at `path` replaced by `new`, enclosing sizes adjusted (moov follows mdat here, so no
    chunk offset moves)."""
    nodes = flatten(walk(data))
    old = next(n for n in nodes if n.path == path)
    assert old.start > next(n for n in nodes if n.type == b"mdat").start
    changed = bytearray(data)
    for n in nodes:
        if n is not old and n.start <= old.start and old.end <= n.end:
            struct.pack_into(
                ">I", changed, n.start, struct.unpack_from(">I", changed, n.start)[0] + len(new) - (old.end - old.start)
            )
    return bytes(changed[: old.start]) + new + bytes(changed[old.end :])


def _flac_with_comment(data: bytes) -> bytes:
    """The sound track as FLAC (`fLaC` with `dfLa`): stream info, then a Vorbis comment naming the artist."""
    entry = next(n for n in flatten(walk(data)) if n.path == AUDIO_ENTRY)
    esds = next(n for n in flatten(walk(data)) if n.path == f"{AUDIO_ENTRY}/esds")
    comment = b"\x05\x00\x00\x00ffmpg\x01\x00\x00\x00" + struct.pack("<I", 7 + len(MARK)) + b"ARTIST=" + MARK
    blocks = b"\x00\x00\x00\x22" + bytes(34) + b"\x84" + len(comment).to_bytes(3, "big") + comment
    flac = bytearray(data[entry.start : esds.start] + _full(b"dfLa", 0, blocks) + data[esds.end : entry.end])
    struct.pack_into(">I4s", flac, 0, len(flac), b"fLaC")
    return _replaced(data, AUDIO_ENTRY, bytes(flac))


def _esds_with(data: bytes, url: bytes = b"", extra: bytes = b"") -> bytes:
    """ffmpeg's audio setup with a URL in its ES descriptor and/or an extra descriptor after it."""
    esds = next(n for n in flatten(walk(data)) if n.path == f"{AUDIO_ENTRY}/esds")
    body = data[esds.start + 12 : esds.end]
    assert body[:4] == b"\x03\x80\x80\x80"
    inner = body[5 : 5 + body[4]]
    flags = inner[2] | (0x40 if url else 0)
    inner = inner[:2] + bytes([flags]) + (bytes([len(url)]) + url if url else b"") + inner[3:] + extra
    return _replaced(data, f"{AUDIO_ENTRY}/esds", _full(b"esds", 0, b"\x03\x80\x80\x80" + bytes([len(inner)]) + inner))


SEI_MESSAGE = bytes(16) + MARK + b"\x80"  # user_data_unregistered: a UUID, then any bytes


def _avcc_with_sei(data: bytes) -> bytes:
    """ffmpeg's avcC with an SEI unit (user data) added to its picture parameter set list."""
    avcc = next(n for n in flatten(walk(data)) if n.type == b"avcC")
    body = bytearray(data[avcc.start + 8 : avcc.end])
    at = 6
    for _ in range(body[5] & 31):
        at += 2 + int.from_bytes(body[at : at + 2], "big")
    sei = b"\x06\x05" + bytes([len(SEI_MESSAGE) - 1]) + SEI_MESSAGE
    body[at] += 1
    body[at + 1 : at + 1] = struct.pack(">H", len(sei)) + sei
    return _replaced(data, f"{STBL}/stsd/avc1/avcC", _box(b"avcC", bytes(body)))


def _hevc_entry_with_sei(data: bytes) -> bytes:
    """The video's sample entry as HEVC (`hvc1`, the hvcC of the tests' own HEIC) with a prefix SEI
    array, as ffmpeg writes x265's settings string. The samples stay H.264: nothing here decodes."""
    import tempfile

    from tests.scrubber import heifs

    with tempfile.TemporaryDirectory() as folder:
        _coded, properties = heifs.picture_parts(heifs.made_heic(Path(folder)).read_bytes())
    hvcc = bytearray(next(p for p in properties if p[4:8] == b"hvcC")[8:])
    sei = b"\x4e\x01\x05" + bytes([len(SEI_MESSAGE) - 1]) + SEI_MESSAGE
    hvcc[22] += 1
    hvcc += bytes([0x80 | 39]) + struct.pack(">HH", 1, len(sei)) + sei
    entry = next(n for n in flatten(walk(data)) if n.path == f"{STBL}/stsd/avc1")
    avcc = next(n for n in flatten(walk(data)) if n.path == f"{STBL}/stsd/avc1/avcC")
    hevc = bytearray(data[entry.start : avcc.start] + _box(b"hvcC", bytes(hvcc)) + data[avcc.end : entry.end])
    struct.pack_into(">I4s", hevc, 0, len(hevc), b"hvc1")
    return _replaced(data, f"{STBL}/stsd/avc1", bytes(hevc))


def _entry_as(data: bytes, kind: bytes, setup: bytes) -> bytes:
    """The video's sample entry renamed `kind` with `setup` in place of its avcC (the samples stay
    H.264: nothing here decodes)."""
    entry = next(n for n in flatten(walk(data)) if n.path == f"{STBL}/stsd/avc1")
    avcc = next(n for n in flatten(walk(data)) if n.path == f"{STBL}/stsd/avc1/avcC")
    changed = bytearray(data[entry.start : avcc.start] + setup + data[avcc.end : entry.end])
    struct.pack_into(">I4s", changed, 0, len(changed), kind)
    return _replaced(data, f"{STBL}/stsd/avc1", bytes(changed))


def _av1c_with_metadata(data: bytes) -> bytes:
    """An AV1 setup whose config OBUs hold, after the sequence header, a metadata OBU (T.35 user data)."""
    import tempfile

    from tests.scrubber import heifs

    with tempfile.TemporaryDirectory() as folder:
        _coded, properties = heifs.picture_parts(heifs.made_avif(Path(folder)).read_bytes())
    av1c = next(p for p in properties if p[4:8] == b"av1C")[8:]
    metadata = b"\x04\xb5" + MARK + b"\x80"  # ITU-T T.35, country code, then any bytes
    return _entry_as(data, b"av01", _box(b"av1C", av1c + bytes([(5 << 3) | 2, len(metadata)]) + metadata))


def _vpcc_with_init_data(data: bytes) -> bytes:
    fields = bytes([1, 0, 0, 0, 0, 10, 0x80, 1, 1, 1])  # version 1; profile, level, depth, colour
    return _entry_as(data, b"vp09", _box(b"vpcC", fields + struct.pack(">H", len(MARK)) + MARK))


PLACES: dict[str, Callable[[bytes], bytes]] = {
    "a metadata OBU in the AV1 setup (av1C)": _av1c_with_metadata,
    "initialisation data in the VP9 setup (vpcC)": _vpcc_with_init_data,
    "an SEI unit in the H.264 setup (avcC)": _avcc_with_sei,
    "an SEI array in the HEVC setup (hvcC)": _hevc_entry_with_sei,
    "a Vorbis comment in the FLAC setup (dfLa)": _flac_with_comment,
    "a URL in the MPEG-4 audio setup (esds)": lambda d: _esds_with(d, url=b"file:///home/" + MARK),
    "a language descriptor in the MPEG-4 audio setup (esds)": lambda d: _esds_with(
        d, extra=bytes([0x43, len(MARK)]) + MARK
    ),
    **{
        f"ICC profile text ({tag.decode()}) in the video's colr box": _colour_profile(tag) for tag in (b"dmdd", b"desc")
    },
    "metadata box inside a track": lambda d: Edit(d).append_to("/moov/trak", _ilst_meta(b"mdir")),
    "user data inside a track": lambda d: Edit(d).append_to("/moov/trak", _box(b"udta", _text_item(b"\xa9xyz"))),
    "user data inside mdia": lambda d: Edit(d).append_to("/moov/trak/mdia", _box(b"udta", _text_item(b"\xa9nam"))),
    "Apple keys metadata in moov": lambda d: Edit(d).append_to(
        "/moov", _ilst_meta(b"mdta", _box(b"keys", struct.pack(">I", 1) + _box(b"mdta", b"com.apple.quicktime.model")))
    ),
    "360-video XMP uuid inside a track": lambda d: Edit(d).append_to(
        "/moov/trak", _box(b"uuid", bytes.fromhex("ffcc8263f8554a938814587a02521fdd") + b"<x:xmpmeta>" + MARK)
    ),
    "chapter track reference": lambda d: Edit(d).append_to(
        "/moov/trak", _box(b"tref", _box(b"chap", struct.pack(">I", 2)) + _box(b"cnry", MARK))
    ),
    "sample groups of an unknown grouping type (video)": lambda d: Edit(d).append_to(
        STBL, _sgpd(b"cnry", len(MARK), MARK)
    ),
    "sample groups of an unknown grouping type (sound)": lambda d: Edit(d).append_to(
        AUDIO_STBL, _sgpd(b"zzzz", 0, struct.pack(">I", len(MARK)) + MARK)
    ),
    "roll groups whose entries are longer than a roll distance": lambda d: Edit(d).append_to(
        STBL, _sgpd(b"roll", 2 + len(MARK), b"\xff\xff" + MARK)
    ),
    "roll groups of stated lengths, longer than a roll distance": lambda d: Edit(d).append_to(
        STBL, _sgpd(b"roll", 0, struct.pack(">I", 2 + len(MARK)) + b"\xff\xff" + MARK)
    ),
    "a second sample entry no sample uses": _second_sample_entry,
    "64-bit sized user data in moov": _largesize_udta,
    "a last box of size 0 after the movie": _last_box_size_zero,
}


@pytest.mark.parametrize("where", sorted(PLACES))
def test_canary_in_a_real_video_does_not_survive(where: str, tmp_path: Path) -> None:
    original = VIDEO.read_bytes()
    planted = PLACES[where](original)
    assert MARK in planted
    assert kept_samples(planted) == kept_samples(original)  # the edit kept a playable file
    src, out = tmp_path / "in.mp4", tmp_path / "out" / "in.mp4"
    src.write_bytes(planted)
    result = clean_file(src, out, CleanOptions())
    if result.outcome is Outcome.FAILED:
        return  # refused: nothing written
    cleaned = out.read_bytes()
    assert MARK[:12] not in cleaned, f"{where}: the canary survived ({result.outcome.value})"
    assert kept_samples(cleaned) == kept_samples(planted, neutral=True)  # SEI units neutral, nothing else
    assert not inspect_file(out).risky
    again = clean_file(out, tmp_path / "again" / "in.mp4", CleanOptions())
    assert again.outcome is Outcome.ALREADY_CLEAN, again.messages


def test_sample_groups_a_player_uses_are_kept(tmp_path: Path) -> None:
    """ffmpeg's own AAC roll groups (2-byte entries) stay: only what this app cannot read goes."""
    src, out = tmp_path / "in.mp4", tmp_path / "out" / "in.mp4"
    src.write_bytes(VIDEO.read_bytes())
    clean_file(src, out, CleanOptions())
    assert b"sgpd\x01\x00\x00\x00roll\x00\x00\x00\x02" in out.read_bytes()


def test_a_colour_profile_in_a_video_keeps_its_colour(tmp_path: Path) -> None:
    """The profile stays where it was, rebuilt as for photos: its colour tags are the original's."""
    profile = _profile_with(b"dmnd")
    src, out = tmp_path / "in.mp4", tmp_path / "out" / "in.mp4"
    src.write_bytes(_colour_profile(b"dmnd")(VIDEO.read_bytes()))
    assert clean_file(src, out, CleanOptions()).outcome is Outcome.CLEANED
    cleaned = out.read_bytes()
    at = cleaned.index(b"colrprof") + 8
    (size,) = struct.unpack_from(">I", cleaned, at)
    assert cleaned[at : at + size] == icc.rebuild(profile)[0]


def test_a_vp9_setup_as_the_binding_defines_it_is_read(tmp_path: Path) -> None:
    """vpcC version 1 is 12 bytes with no initialisation data: it was read as 14 and refused."""
    src, out = tmp_path / "in.mp4", tmp_path / "out" / "in.mp4"
    src.write_bytes(
        _entry_as(VIDEO.read_bytes(), b"vp09", _box(b"vpcC", bytes([1, 0, 0, 0, 0, 10, 0x80, 1, 1, 1, 0, 0])))
    )
    result = clean_file(src, out, CleanOptions())
    assert result.outcome is Outcome.CLEANED, result.message


def test_user_data_inside_a_kept_video_sample_does_not_survive(tmp_path: Path) -> None:
    """x264's settings string sits in an SEI message of the first frame; here it says MARK instead."""
    original = VIDEO.read_bytes()
    at = original.index(b"x264 - core")
    planted = original[:at] + MARK + original[at + len(MARK) :]
    src, out = tmp_path / "in.mp4", tmp_path / "out" / "in.mp4"
    src.write_bytes(planted)
    assert clean_file(src, out, CleanOptions()).outcome is Outcome.CLEANED
    assert MARK not in out.read_bytes()
