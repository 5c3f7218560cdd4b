"""Phone-like videos built box by box: the place in `©xyz` (Android) and in Apple's `keys`/`ilst`,
make, model, software, dates in the headers, a timed metadata track, a vendor `uuid` box.

The media data is random bytes: the cleaner must copy it byte for byte whatever it holds, and the
sample tables point into it, so players and exiftool see a well-formed file.
"""

from __future__ import annotations

import random
import struct
from dataclasses import dataclass
from pathlib import Path

PLACE = b"+35.6895+139.6917+040.000/"  # Tokyo, as ISO 6709
APPLE_PLACE = b"-33.8651+151.2099+012.345/"  # Sydney
MAKE, MODEL, SOFTWARE = b"Apple", b"iPhone 15 Pro", b"17.1.2"
CREATED = 3_786_825_600  # 2024-01-01 in seconds since 1904
ANDROID_SECRETS = (PLACE, b"SM-S928B", b"SN-4471-BORDER", b"Alex Officer")
APPLE_SECRETS = (APPLE_PLACE, MODEL, SOFTWARE, b"Alex Officer")
"""What must not survive cleaning ("Apple" itself does: exiftool names the QuickTime brand so)."""


def box(kind: bytes, payload: bytes) -> bytes:
    return struct.pack(">I", 8 + len(payload)) + kind + payload


def full(kind: bytes, version: int, flags: int, payload: bytes) -> bytes:
    return box(kind, struct.pack(">I", (version << 24) | flags) + payload)


_MATRIX = struct.pack(">9I", 0x10000, 0, 0, 0, 0x10000, 0, 0, 0, 0x40000000)


def _mvhd(version: int) -> bytes:
    times = (
        struct.pack(">QQIQ", CREATED, CREATED + 5, 600, 600)
        if version
        else struct.pack(">IIII", CREATED, CREATED + 5, 600, 600)
    )
    return full(
        b"mvhd", version, 0, times + struct.pack(">IH10x", 0x10000, 0x100) + _MATRIX + bytes(24) + struct.pack(">I", 3)
    )


def _tkhd(track: int, width: int, height: int) -> bytes:
    return full(
        b"tkhd",
        0,
        3,
        struct.pack(">IIII", CREATED, CREATED + 5, track, 0)
        + struct.pack(">I8xhhH2x", 600, 0, 0, 0)
        + _MATRIX
        + struct.pack(">II", width << 16, height << 16),
    )


def _mdhd() -> bytes:
    return full(b"mdhd", 0, 0, struct.pack(">IIIIHH", CREATED, CREATED + 5, 600, 600, 0x55C4, 0))


def _hdlr(kind: bytes, name: bytes) -> bytes:
    return full(b"hdlr", 0, 0, b"\x00" * 4 + kind + bytes(12) + name + b"\x00")


def _stbl(entry: bytes, sizes: list[int], offset: int, co64: bool) -> bytes:
    stsd = full(b"stsd", 0, 0, struct.pack(">I", 1) + entry)
    stts = full(b"stts", 0, 0, struct.pack(">III", 1, len(sizes), 600 // max(len(sizes), 1)))
    stsc = full(b"stsc", 0, 0, struct.pack(">IIII", 1, 1, len(sizes), 1))
    stsz = full(b"stsz", 0, 0, struct.pack(">II", 0, len(sizes)) + b"".join(struct.pack(">I", s) for s in sizes))
    chunk = (
        full(b"co64", 0, 0, struct.pack(">IQ", 1, offset))
        if co64
        else full(b"stco", 0, 0, struct.pack(">II", 1, offset))
    )
    return box(b"stbl", stsd + stts + stsc + stsz + chunk)


def coded_frame(sample: bytes) -> bytes:
    """A sample as an H.264 track holds it, same size: one coded slice (an IDR slice header byte,
    then the sample's own bytes) after its 4-byte length (the `avcC` below says 4)."""
    return struct.pack(">I", len(sample) - 4) + b"\x65" + sample[5:] if len(sample) >= 5 else sample


def neutral_notes(sample: bytes, hevc: bool, length_size: int) -> bytes:
    """The sample with each SEI unit and each unit of an unspecified type turned into the neutral
    unspecified unit the cleaner writes (H.264 type 0, HEVC type 48 with its layer and temporal ids,
    then 0xFF bytes): the tests' own reading of the rule, to compare cleaned samples against."""
    out = bytearray(sample)
    pos = 0
    while pos + length_size <= len(out):
        length = int.from_bytes(out[pos : pos + length_size], "big")
        unit = pos + length_size
        if length:
            if hevc:
                kind = (out[unit] >> 1) & 0x3F
                header = bytes([0x60 | (out[unit] & 1), (out[unit + 1] & 0xF8) | (out[unit + 1] & 7 or 1)])
                noted = kind in (39, 40) or kind >= 48
            else:
                kind = out[unit] & 0x1F
                header = b"\x00"
                noted = kind in (0, 6) or kind >= 24
            if noted:
                out[unit : unit + length] = header + b"\xff" * (length - len(header))
        pos = unit + length
    return bytes(out)


def _video_entry() -> bytes:
    avcc = box(b"avcC", bytes([1, 0x64, 0, 0x1F, 0xFF, 0xE0, 0, 0]))
    return box(
        b"avc1",
        bytes(6)
        + struct.pack(">H", 1)
        + bytes(16)
        + struct.pack(">HHIIIH", 64, 48, 0x480000, 0x480000, 0, 1)
        + bytes(32)
        + struct.pack(">Hh", 24, -1)
        + avcc,
    )


def _qt_text(kind: bytes, text: bytes) -> bytes:
    return box(kind, struct.pack(">HH", len(text), 0x15C7) + text)


def _apple_meta() -> bytes:
    keys = [
        b"com.apple.quicktime.location.ISO6709",
        b"com.apple.quicktime.make",
        b"com.apple.quicktime.model",
        b"com.apple.quicktime.software",
        b"com.apple.quicktime.creationdate",
        b"com.apple.quicktime.author",
    ]
    values = [APPLE_PLACE, MAKE, MODEL, SOFTWARE, b"2024-01-01T09:30:00+1100", b"Alex Officer"]
    keys_box = full(b"keys", 0, 0, struct.pack(">I", len(keys)) + b"".join(box(b"mdta", k) for k in keys))
    items = b"".join(
        box(struct.pack(">I", n), box(b"data", struct.pack(">II", 1, 0) + v)) for n, v in enumerate(values, 1)
    )
    return box(b"meta", _hdlr(b"mdta", b"") + keys_box + box(b"ilst", items))


def _trak(track: int, handler: bytes, entry: bytes, sizes: list[int], offset: int, co64: bool, udta: bytes) -> bytes:
    header = b"vmhd" if handler == b"vide" else b"nmhd"
    media_header = full(header, 0, 1, bytes(8)) if header == b"vmhd" else full(header, 0, 0, b"")
    dinf = box(b"dinf", full(b"dref", 0, 0, struct.pack(">I", 1) + full(b"url ", 0, 1, b"")))
    minf = box(b"minf", media_header + dinf + _stbl(entry, sizes, offset, co64))
    mdia = box(b"mdia", _mdhd() + _hdlr(handler, b"Core Media " + handler) + minf)
    return box(b"trak", _tkhd(track, 64 if handler == b"vide" else 0, 48 if handler == b"vide" else 0) + mdia + udta)


def dirty_video(
    path: Path,
    brand: bytes = b"isom",
    *,
    android: bool = True,
    apple: bool = True,
    metadata_track: bool = True,
    moov_first: bool = True,
    co64: bool = False,
    mvhd_version: int = 0,
    media_bytes: int = 6000,
    seed: int = 7,
) -> Path:
    """Write a video with everything a phone leaves in it; returns `path`."""
    rng = random.Random(seed)
    sizes = [media_bytes // 4] * 3
    sizes.append(media_bytes - sum(sizes) - 200)
    media = b"".join(coded_frame(rng.randbytes(size)) for size in sizes) + rng.randbytes(200)
    meta_sizes = [100, 100]

    def moov(offset: int) -> bytes:
        user = b""
        if android:
            user = box(
                b"udta",
                _qt_text(b"\xa9xyz", PLACE)
                + _qt_text(b"\xa9mak", b"samsung")
                + _qt_text(b"\xa9mod", b"SM-S928B")
                + _qt_text(b"\xa9swr", b"SN-4471-BORDER"),
            )
        tracks = _trak(
            1, b"vide", _video_entry(), sizes, offset, co64, box(b"udta", _qt_text(b"\xa9cmt", b"Alex Officer"))
        )
        if metadata_track:
            entry = box(b"mebx", bytes(6) + struct.pack(">H", 1) + box(b"keys", b""))
            tracks += _trak(2, b"meta", entry, meta_sizes, offset + sum(sizes), co64, b"")
        return box(b"moov", _mvhd(mvhd_version) + tracks + user + (_apple_meta() if apple else b""))

    ftyp = box(b"ftyp", brand + b"\x00\x00\x02\x00" + brand + b"mp41")
    uuid = box(b"uuid", bytes.fromhex("be7acfcb97a942e89c71999491e3afac") + b"<x:xmpmeta>Alex Officer</x:xmpmeta>")
    large = co64
    mdat_header = (
        struct.pack(">I4sQ", 1, b"mdat", 16 + len(media))
        if large
        else box(b"mdat", b"")[:4].replace(b"\x00\x00\x00\x08", struct.pack(">I", 8 + len(media))) + b"mdat"
    )
    if moov_first:
        first = moov(0)
        offset = len(ftyp) + len(first) + len(uuid) + len(mdat_header)
        data = ftyp + moov(offset) + uuid + mdat_header + media
    else:
        offset = len(ftyp) + len(mdat_header)
        data = ftyp + mdat_header + media + moov(offset) + uuid
    path.write_bytes(data)
    return path


def media_data(data: bytes) -> bytes:
    """The payload of the first top-level `mdat`, found by walking the top-level boxes."""
    pos = 0
    while pos + 8 <= len(data):
        size, kind = struct.unpack_from(">I4s", data, pos)
        header = 8
        if size == 1:
            (size,) = struct.unpack_from(">Q", data, pos + 8)
            header = 16
        if kind == b"mdat":
            return data[pos + header : pos + size]
        pos += size
    raise AssertionError("no mdat")


# --- videos with every kind of track, for the canary tests ------------------------------------------

GPS_TEXT = b"GPS 35.6895 139.6917 ALT 40.0"


@dataclass
class Track:
    """One track: its handler, its sample entry and its samples (each its own bytes)."""

    handler: bytes
    entry: bytes
    samples: list[bytes]
    name: bytes = b""
    """The handler name (`hdlr`), which cameras fill with their own text."""


def video_track(samples: list[bytes]) -> Track:
    return Track(b"vide", _video_entry(), [coded_frame(s) for s in samples], b"VideoHandler")


def text_entry(kind: bytes = b"tx3g") -> bytes:
    """A 3GPP timed text sample entry (tx3g, also what ffmpeg's mov_text writes) with its font table."""
    fields = bytes(6) + struct.pack(">H", 1) + struct.pack(">IbbI", 0, 1, -1, 0) + bytes(8) + bytes(12)
    return box(kind, fields + box(b"ftab", struct.pack(">HHB", 1, 1, 4) + b"Sans"))


def text_samples(extra: bytes, count: int = 3) -> list[bytes]:
    """Subtitle cues the way drones write them: a position per frame."""
    return [struct.pack(">H", len(GPS_TEXT + extra)) + GPS_TEXT + extra for _ in range(count)]


def gpmd_entry() -> bytes:
    """GoPro's GPMF sample entry (handler `meta`): reserved, data reference index, nothing else."""
    return box(b"gpmd", bytes(6) + struct.pack(">H", 1))


def gpmf_samples(extra: bytes, count: int = 2) -> list[bytes]:
    """Hand-built GPMF (KLV: key, type, size, repeat): a device name, a GPS fix and a string."""

    def klv(key: bytes, kind: bytes, payload: bytes, size: int) -> bytes:
        data = key + kind + struct.pack(">BH", size, len(payload) // size) + payload
        return data + bytes(-len(data) % 4)

    gps = klv(b"GPS5", b"l", struct.pack(">5i", 356895000, 1396917000, 40000, 0, 0), 20)
    inner = klv(b"DVNM", b"c", b"HERO12 Black", 1) + gps + klv(b"SNAM", b"c", extra, 1)
    return [klv(b"DEVC", b"\x00", inner, 1) for _ in range(count)]


def camm_entry() -> bytes:
    """Google's Camera Motion Metadata sample entry (handler `camm`)."""
    return box(b"camm", bytes(6) + struct.pack(">H", 1))


def camm_samples(extra: bytes, count: int = 2) -> list[bytes]:
    """CAMM type 5 (latitude, longitude, altitude as doubles) followed by the canary."""
    return [struct.pack(">HH3d", 0, 5, 35.6895, 139.6917, 40.0) + extra for _ in range(count)]


def mebx_entry(extra: bytes = b"") -> bytes:
    """Apple's timed metadata sample entry with its key table (location key)."""
    key = box(b"keyd", b"mdta" + b"com.apple.quicktime.location.ISO6709" + extra)
    keys = box(b"keys", box(struct.pack(">I", 1), key + box(b"dtyp", struct.pack(">II", 0, 1))))
    return box(b"mebx", bytes(6) + struct.pack(">H", 1) + keys)


def _plain_trak(track_id: int, track: Track, sizes: list[int], offset: int | None, dref_url: bytes) -> bytes:
    header = {
        b"vide": full(b"vmhd", 0, 1, bytes(8)),
        b"soun": full(b"smhd", 0, 0, bytes(4)),
    }.get(track.handler, full(b"nmhd", 0, 0, b""))
    url = full(b"url ", 0, 0 if dref_url else 1, dref_url + (b"\x00" if dref_url else b""))
    dinf = box(b"dinf", full(b"dref", 0, 0, struct.pack(">I", 1) + url))
    stsd = full(b"stsd", 0, 0, struct.pack(">I", 1) + track.entry)
    if offset is None:  # fragmented: the samples are described by the fragments
        tables = [full(b"stts", 0, 0, bytes(4)), full(b"stsc", 0, 0, bytes(4)), full(b"stsz", 0, 0, bytes(8))]
        tables.append(full(b"stco", 0, 0, bytes(4)))
    else:
        tables = [
            full(b"stts", 0, 0, struct.pack(">III", 1, len(sizes), 600 // max(len(sizes), 1))),
            full(b"stsc", 0, 0, struct.pack(">IIII", 1, 1, len(sizes), 1)),
            full(b"stsz", 0, 0, struct.pack(">II", 0, len(sizes)) + b"".join(struct.pack(">I", s) for s in sizes)),
            full(b"stco", 0, 0, struct.pack(">II", 1, offset)),
        ]
    stbl = box(b"stbl", stsd + b"".join(tables))
    minf = box(b"minf", header + dinf + stbl)
    mdia = box(b"mdia", _mdhd() + _hdlr(track.handler, track.name) + minf)
    visual = track.handler == b"vide"
    return box(b"trak", _tkhd(track_id, 64 if visual else 0, 48 if visual else 0) + mdia)


def build_video(
    tracks: list[Track], *, brand: bytes = b"isom", fragmented: bool = False, dref_url: bytes = b""
) -> bytes:
    """A video with the given tracks, each track's samples one chunk in one `mdat` after `moov`, or
    (fragmented) in one movie fragment (`moof` with a `traf`/`trun` per track) after an empty `moov`."""
    ftyp = box(b"ftyp", brand + b"\x00\x00\x02\x00" + brand + b"mp41")
    payloads = [b"".join(t.samples) for t in tracks]
    if fragmented:
        traks = b"".join(_plain_trak(i, t, [], None, dref_url) for i, t in enumerate(tracks, 1))
        trex = b"".join(full(b"trex", 0, 0, struct.pack(">5I", i, 1, 0, 0, 0)) for i in range(1, len(tracks) + 1))
        moov = box(b"moov", _mvhd(0) + traks + box(b"mvex", trex))

        def moof(first: int) -> bytes:
            trafs, at = b"", first
            for i, track in enumerate(tracks, 1):
                tfhd = full(b"tfhd", 0, 0x20000, struct.pack(">I", i))
                sizes = b"".join(struct.pack(">I", len(s)) for s in track.samples)
                trun = full(b"trun", 0, 0x201, struct.pack(">Ii", len(track.samples), at) + sizes)
                tfdt = full(b"tfdt", 0, 0, struct.pack(">I", 0))
                trafs += box(b"traf", tfhd + tfdt + trun)
                at += len(payloads[i - 1])
            return box(b"moof", full(b"mfhd", 0, 0, struct.pack(">I", 1)) + trafs)

        size = len(moof(0))
        fragment = moof(size + 8)  # data offsets count from the start of moof (default-base-is-moof)
        return ftyp + moov + fragment + box(b"mdat", b"".join(payloads))

    def moov(offset: int) -> bytes:
        traks, at = b"", offset
        for i, track in enumerate(tracks, 1):
            traks += _plain_trak(i, track, [len(s) for s in track.samples], at, dref_url)
            at += len(payloads[i - 1])
        return box(b"moov", _mvhd(0) + traks)

    first = len(ftyp) + len(moov(0)) + 8
    return ftyp + moov(first) + box(b"mdat", b"".join(payloads))


def _kept_spans(data: bytes) -> list[tuple[int, int, bool, int]]:
    """(offset, size, HEVC?, NAL length size or 0 for other codecs) of every sample of every video
    and sound track, found through the sample tables by the tests' own walker (not the cleaner's)."""
    from tests.scrubber.boxtree import flatten, walk

    result = []
    for trak in (n for n in flatten(walk(data)) if n.type == b"trak"):
        inner = flatten(trak.kids)
        hdlr = next(n for n in inner if n.type == b"hdlr")
        if data[hdlr.body + 8 : hdlr.body + 12] not in (b"vide", b"soun"):
            continue
        tables = {n.type: n for n in inner}
        setup = tables.get(b"avcC") or tables.get(b"hvcC")
        hevc = setup is not None and setup.type == b"hvcC"
        length_size = (data[setup.body + (21 if hevc else 4)] & 3) + 1 if setup is not None else 0
        stsz, stsc = tables[b"stsz"], tables[b"stsc"]
        chunk_box = tables.get(b"stco") or tables[b"co64"]
        width = 4 if chunk_box.type == b"stco" else 8
        (chunks,) = struct.unpack_from(">I", data, chunk_box.body + 4)
        offsets = [
            int.from_bytes(data[chunk_box.body + 8 + i * width : chunk_box.body + 8 + (i + 1) * width], "big")
            for i in range(chunks)
        ]
        constant, count = struct.unpack_from(">II", data, stsz.body + 4)
        sizes = [constant] * count if constant else list(struct.unpack_from(f">{count}I", data, stsz.body + 12))
        (runs,) = struct.unpack_from(">I", data, stsc.body + 4)
        table = [struct.unpack_from(">III", data, stsc.body + 8 + 12 * i)[:2] for i in range(runs)]
        sample = 0
        for i, (first, per_chunk) in enumerate(table):
            last = table[i + 1][0] - 1 if i + 1 < len(table) else chunks
            for chunk in range(first, last + 1):
                at = offsets[chunk - 1]
                for size in sizes[sample : sample + per_chunk]:
                    result.append((at, size, hevc, length_size))
                    at += size
                sample += per_chunk
    return result


def kept_samples(data: bytes, neutral: bool = False) -> list[bytes]:
    """The bytes of every sample of every video and sound track: what a cleaned video must hold
    byte for byte. With `neutral`, H.264/HEVC samples as cleaning must leave them (neutral_notes)."""
    return [
        neutral_notes(data[at : at + size], hevc, length_size) if neutral and length_size else data[at : at + size]
        for at, size, hevc, length_size in _kept_spans(data)
    ]


def coded_frames(data: bytes) -> list[bytes]:
    """The samples of the H.264/HEVC tracks only."""
    return [data[at : at + size] for at, size, _hevc, length_size in _kept_spans(data) if length_size]


def with_neutral_notes(data: bytes) -> bytes:
    """The whole file with its kept H.264/HEVC samples as cleaning must leave them."""
    out = bytearray(data)
    for at, size, hevc, length_size in _kept_spans(data):
        if length_size:
            out[at : at + size] = neutral_notes(data[at : at + size], hevc, length_size)
    return bytes(out)
