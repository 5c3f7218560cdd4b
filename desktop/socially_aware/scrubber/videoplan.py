"""What cleaning a video changes, planned from its boxes and sample tables (nothing is written here).

Every byte of a video is one of: a box this module knows, each field of which it keeps or sets to
zero; media data of a kept track (video and sound), found through its sample tables (`stsc`,
`stsz`, `stco`/`co64`) or its movie fragments (`tfhd`, `trun`); or something else, which becomes
zero (`free` boxes of the same size, zeroed tails, zeroed media bytes no kept track uses). So the
plan is a list of writes of the same size: nothing moves, no offset changes, and the plan of a
cleaned file is empty: that is how `verify` proves a cleaned video holds nothing more.
"""

from __future__ import annotations

import struct
from array import array
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from itertools import repeat

from socially_aware.scrubber import icc, videofields, videounits
from socially_aware.scrubber.isobmff import MAX_SMALL_BOX, Box, Budget, Source, children, free_header, header_at, label
from socially_aware.scrubber.limits import MAX_CHUNKS, MAX_SAMPLES
from socially_aware.scrubber.model import ScrubError

BRANDS = frozenset(
    b"isom iso2 iso3 iso4 iso5 iso6 iso7 iso8 iso9 mp41 mp42 mp71 avc1 hvc1 hev1 av01 M4V  M4VH M4VP M4A  mmp4 MSNV "
    b"dash msdh msix f4v  qt   cmfc cmf2 CAEP".split(b" ")
) - {b""}


def known_brand(brand: bytes) -> bool:
    """A brand a player may look at; any other four bytes in the brand list are free text."""
    return brand in BRANDS or brand in (b"qt  ", b"M4V ", b"M4A ", b"f4v ") or brand[:2] == b"3g"


HEVC_SETUP = frozenset({32, 33, 34})
"""VPS, SPS, PPS: the HEVC units a decoder needs from `hvcC`."""
AV1_SEQUENCE_HEADER = 1
AV1_PADDING = 15
HEVC_UNSPECIFIED = 48
"""An HEVC unit type no standard defines (48-63): decoders skip such units."""

KEPT_HANDLERS = frozenset({b"vide", b"soun"})
"""Tracks kept: pictures and sound. Every other track (subtitles, timed metadata, GoPro GPMF, CAMM,
timecode, chapters, hints) is removed with its samples: drones and dashcams write GPS into them."""

ALLOWED: dict[bytes, frozenset[bytes]] = {
    b"": frozenset(b"ftyp moov mdat free skip wide moof styp sidx".split()),
    b"moov": frozenset(b"mvhd trak mvex free skip".split()),
    b"trak": frozenset(b"tkhd edts mdia free skip".split()),
    b"edts": frozenset(b"elst free skip".split()),
    b"mdia": frozenset(b"mdhd hdlr minf free skip".split()),
    b"minf": frozenset(b"vmhd smhd nmhd sthd hmhd gmhd dinf stbl hdlr free skip".split()),
    b"gmhd": frozenset(b"gmin free skip".split()),
    b"dinf": frozenset(b"dref free skip".split()),
    b"stbl": frozenset(b"stsd stts ctts stss stps stsc stsz stz2 stco co64 cslg sgpd sbgp free skip".split()),
    b"mvex": frozenset(b"mehd trex free skip".split()),
    b"moof": frozenset(b"mfhd traf free skip".split()),
    b"traf": frozenset(b"tfhd tfdt trun sgpd sbgp free skip".split()),
    b"wave": frozenset({b"frma", b"mp4a", b"esds", b"enda", b"chan", b"free", b"skip", b"\x00\x00\x00\x00"}),
}
VISUAL = frozenset(b"avc1 avc3 hvc1 hev1 mp4v av01 vp08 vp09 s263 jpeg mjpa apch apcn apcs apco ap4h dvh1 dvhe".split())
AUDIO = frozenset(b"mp4a samr sawb ac-3 ec-3 alac Opus fLaC lpcm sowt twos ipcm in24 in32 fl32 ulaw alaw".split())
VISUAL_COMMON = frozenset(b"btrt pasp colr clap fiel gama mdcv clli free skip".split())
AUDIO_COMMON = frozenset(b"btrt chan free skip".split())
SETUP: dict[bytes, frozenset[bytes]] = {
    **dict.fromkeys((b"avc1", b"avc3"), frozenset({b"avcC"})),
    **dict.fromkeys((b"hvc1", b"hev1"), frozenset({b"hvcC"})),
    **dict.fromkeys((b"dvh1", b"dvhe"), frozenset({b"hvcC", b"dvcC", b"dvvC"})),
    b"av01": frozenset({b"av1C"}),
    **dict.fromkeys((b"vp08", b"vp09"), frozenset({b"vpcC"})),
    b"mp4v": frozenset({b"esds"}),
    b"s263": frozenset({b"d263"}),
    b"mp4a": frozenset({b"esds", b"wave"}),
    **dict.fromkeys((b"samr", b"sawb"), frozenset({b"damr"})),
    b"ac-3": frozenset({b"dac3"}),
    b"ec-3": frozenset({b"dec3"}),
    b"Opus": frozenset({b"dOps"}),
    b"fLaC": frozenset({b"dfLa"}),
    b"alac": frozenset({b"alac"}),
}
"""The child boxes each codec defines in its sample entry (its decoder setup); other codecs have none."""
TIMES = frozenset({b"mvhd", b"tkhd", b"mdhd"})
"""Headers whose first fields after version and flags are the creation and modification times."""

REASONS: dict[bytes | str, str] = {
    b"udta": "user data (place, device, software, names)",
    b"meta": "metadata (place, device, software, dates)",
    b"uuid": "vendor data (uuid boxes)",
    "track": "a {kind} track and its samples",
    "times": "recording dates (set to zero)",
    "free": "leftover data in free space",
    "media": "data in the media that no kept track uses",
    "tail": "hidden data in the video's settings (beyond their defined fields)",
    "after": "data after the end of the video",
    "text": "names and references in the video's settings (handler names, data references, encoder names)",
    "icc": icc.REMOVED_NAME,
    "units": videounits.REASON,
}

TRACK_KINDS = {
    b"text": "subtitle (may hold GPS per frame)",
    b"sbtl": "subtitle (may hold GPS per frame)",
    b"subt": "subtitle (may hold GPS per frame)",
    b"clcp": "closed caption",
    b"meta": "timed metadata (motion, faces or place, frame by frame)",
    b"camm": "camera motion metadata (place, motion)",
    b"tmcd": "timecode (time of day)",
    b"hint": "streaming hint",
    b"vide": "video",
    b"soun": "sound",
}


@dataclass
class Track:
    id: int
    handler: bytes
    codec: bytes
    kept: bool

    def describe(self) -> str:
        kind = TRACK_KINDS.get(self.handler, f"{label(self.handler) or 'unknown'} data")
        codec = f", {label(self.codec)}" if self.codec else ""
        return f"{kind}{codec}"


@dataclass
class Plan:
    top: list[Box]
    writes: list[tuple[int, bytes | int, str]] = field(default_factory=list)
    """(offset, bytes to write or a number of zero bytes, reason), never touching kept media."""
    kept_media: list[tuple[int, int]] = field(default_factory=list)
    """Merged (start, end) of every sample of a kept track."""
    unit_writes: videounits.UnitWrites = field(default_factory=videounits.UnitWrites)
    """Each coded unit inside a kept sample to neutralise (videounits): the only writes into kept
    media, each the size of the unit it replaces."""
    tracks: list[Track] = field(default_factory=list)
    end: int = 0
    """Where the last whole box ends: anything after it (stray bytes, a box cut off) is left out."""
    size: int = 0

    def removed(self) -> list[str]:
        names: list[str] = []
        for _offset, _patch, reason in self.writes:
            if reason not in names:
                names.append(reason)
        if len(self.unit_writes):
            names.append(REASONS["units"])
        if self.end < self.size:
            names.append(REASONS["after"])
        return names

    @property
    def changes(self) -> bool:
        return bool(self.writes) or bool(len(self.unit_writes)) or self.end < self.size


class _Planner:
    def __init__(self, source: Source) -> None:
        self.source = source
        self.budget = Budget()
        self.plan = Plan([])
        self.starts = array("Q")
        self.ends = array("Q")
        """Every chunk of a kept track, as two flat arrays (16 bytes a chunk, not ~120 as tuples)."""
        self.samples = 0
        self.trex: dict[int, tuple[int, int]] = {}
        """track id -> (default sample description index, default sample size)."""
        self.kept_ids: set[int] = set()
        self.layouts: dict[int, dict[int, videounits.Layout | None]] = {}
        """track id -> sample description index -> how its samples are cut into coded units (None:
        a codec whose samples are not walked)."""
        self.entry_layouts: dict[int, videounits.Layout | None] = {}
        self.walker = videounits.UnitWalker(source)

    # --- writes ---

    def free(self, box: Box, reason: str) -> None:
        if box.type in (b"free", b"skip") and self.zero_from(box.body, box.end):
            return
        header = free_header(box)
        self.plan.writes.append((box.start, header, reason))
        if box.size > len(header):
            self.plan.writes.append((box.start + len(header), box.size - len(header), reason))

    def zero_from(self, start: int, end: int) -> bool:
        return self.source.all_zero(start, end)

    def blank(self, start: int, end: int, reason: str) -> None:
        if start < end and not self.zero_from(start, end):
            self.plan.writes.append((start, end - start, reason))

    def write(self, offset: int, wanted: bytes, reason: str) -> None:
        if self.source.read_at(offset, len(wanted)) != wanted:
            self.plan.writes.append((offset, wanted, reason))

    def read(self, box: Box, limit: int = MAX_SMALL_BOX) -> bytes:
        if box.end - box.body > limit:
            raise ScrubError(f"the {label(box.type)} box is {box.end - box.body:,} bytes, too large to be a header")
        return self.source.read_at(box.body, box.end - box.body)

    # --- the walk ---

    def run(self) -> Plan:
        top = self.top_level()
        self.plan.top = top
        self.plan.size = self.source.size
        self.plan.end = top[-1].end if self.plan.end == 0 and top else self.plan.end
        if not top or sum(b.type == b"moov" for b in top) != 1 or not any(b.type == b"mdat" for b in top):
            raise ScrubError("is not a video this app can read (it needs one movie box and media data)")
        moov = next(b for b in top if b.type == b"moov")
        self.mvex(moov)
        self.container(None, top, 1)
        self.media(top)
        self.plan.unit_writes = self.walker.writes
        return self.plan

    def top_level(self) -> list[Box]:
        """The whole boxes from the start; what follows the last one (bytes that are not a box, a
        box claiming to run past the end) is data after the end of the video, left out when
        cleaning (up to 7 zero bytes there are a QuickTime ending, not data)."""
        boxes: list[Box] = []
        pos = 0
        while pos + 8 <= self.source.size:
            try:
                box = header_at(self.source, pos, self.source.size)
            except ScrubError:
                if not boxes:
                    raise
                break
            self.budget.spend()
            boxes.append(box)
            pos = box.end
        if boxes and self.source.size - pos < 8 and self.source.all_zero(pos, self.source.size):
            self.plan.end = self.source.size
        return boxes

    def container(self, holder: Box | None, boxes: list[Box], depth: int) -> None:
        kind = holder.type if holder is not None else b""
        allowed = ALLOWED[kind]
        for box in boxes:
            if box.type not in allowed:
                self.free(box, _other(box.type))
            elif box.type in (b"free", b"skip", b"\x00\x00\x00\x00") or box.type == b"wide":
                self.blank(box.body, box.end, REASONS["free"])
            elif box.type == b"ftyp" or box.type == b"styp":
                self.ftyp(box)
            elif box.type == b"mdat":
                continue  # accounted for in media()
            elif box.type == b"trak":
                self.trak(box, depth)
            elif box.type == b"traf":
                self.traf(holder, box, depth)
            elif box.type == b"dref":
                self.dref(box, depth)
            elif box.type == b"stsd":
                self.stsd(box, depth)
            elif box.type in ALLOWED:
                self.container(box, children(self.source, box.body, box.end, self.budget, depth), depth + 1)
            else:
                self.leaf(box)

    def leaf(self, box: Box) -> None:
        whole = box.type in videofields.WHOLE
        body = self.read(box) if whole else self.source.read_at(box.body, min(box.end - box.body, 64))
        length = videofields.defined_length(box.type, body)
        if length is None:
            self.free(box, _other(box.type))
            return
        if box.body + length > box.end:
            raise ScrubError(f"the {label(box.type)} box is cut short")
        if box.type in (b"avcC", b"hvcC"):
            self.setup_units(box, body, length)
        elif box.type == b"av1C":
            self.config_obus(box, body, length)
        elif box.type == b"vpcC":
            self.blank(box.body + 12, box.body + length, REASONS["text"])  # VP8/VP9 define no setup data
        elif box.type == b"esds":
            self.es_descriptor(box, body)
        elif box.type == b"dfLa":
            self.flac_blocks(box, body, length)
        if box.type == b"colr" and body[:4] in (b"prof", b"rICC"):
            rebuilt = self.profile(box, body[4:length])
            if rebuilt is None:
                return
            length = 4 + rebuilt
        versions = videofields.VERSIONS.get(box.type)
        if versions is not None:
            if body[0] not in versions:
                raise ScrubError(f"has a {label(box.type)} box of version {body[0]}, which this app does not know")
            flags = int.from_bytes(body[1:4], "big")
            defined = flags & videofields.FLAGS.get(box.type, 0)
            if defined != flags:
                self.write(box.body + 1, defined.to_bytes(3, "big"), REASONS["tail"])
        for start, end in videofields.RESERVED.get(box.type, lambda _b: [])(body):
            self.blank(box.body + start, box.body + end, REASONS["tail"])
        if box.type in TIMES:
            width = 8 if body[:1] == b"\x01" else 4
            self.blank(box.body + 4, box.body + 4 + 2 * width, REASONS["times"])
        reason = REASONS["text"] if box.type in (b"hdlr", b"url ") else REASONS["tail"]
        self.blank(box.body + length, box.end, reason)

    def setup_units(self, box: Box, body: bytes, length: int) -> None:
        """H.264/HEVC setup (`avcC`, `hvcC`): each unit that is not a parameter set a decoder needs
        (an SEI message with an encoder's settings or any user data, filler, anything else) becomes
        an unspecified unit of the same size holding zeros, which decoders skip."""
        try:
            self._setup_units(box, body, length)
        except IndexError as error:
            raise ScrubError(f"the {label(box.type)} box is damaged") from error

    def _setup_units(self, box: Box, body: bytes, length: int) -> None:
        if box.type == b"avcC":
            lists: list[tuple[int, int, frozenset[int]]] = []
            at = 5
            for wanted in (frozenset({7}), frozenset({8})):  # sequence, then picture parameter sets
                count = body[at] & (31 if wanted == {7} else 255)
                lists.append((at + 1, count, wanted))
                at += 1
                for _ in range(count):
                    at += 2 + int.from_bytes(body[at : at + 2], "big")
            if body[1] in (100, 110, 122, 144) and at + 4 <= length:  # the high profiles' extension
                lists.append((at + 4, body[at + 3], frozenset({13})))
            for start, count, wanted in lists:
                self.units(box, body, start, count, wanted, lambda unit: unit[0] & 31, b"\x00")
            return
        at = 23
        for _ in range(body[22] if len(body) > 22 else 0):
            if body[at] & 0x3F not in HEVC_SETUP:
                self.write(box.body + at, bytes([(body[at] & 0x80) | HEVC_UNSPECIFIED]), REASONS["text"])
            count = int.from_bytes(body[at + 1 : at + 3], "big")
            at = self.units(box, body, at + 3, count, HEVC_SETUP, lambda unit: (unit[0] >> 1) & 0x3F, b"\x60\x01")

    def units(
        self,
        box: Box,
        body: bytes,
        at: int,
        count: int,
        wanted: frozenset[int],
        kind: Callable[[bytes], int],
        neutral: bytes,
    ) -> int:
        """Neutralise each length-prefixed unit from `at` whose type is not `wanted`; where the list ends."""
        for _ in range(count):
            size = int.from_bytes(body[at : at + 2], "big")
            unit = body[at + 2 : at + 2 + size]
            if unit and kind(unit) not in wanted:
                self.write(box.body + at + 2, neutral[:size], REASONS["text"])
                self.blank(box.body + at + 2 + len(neutral[:size]), box.body + at + 2 + size, REASONS["text"])
            at += 2 + size
        return at

    def config_obus(self, box: Box, body: bytes, length: int) -> None:
        """AV1 setup (`av1C`): units other than the sequence header (metadata OBUs: ITU-T T.35 user
        data) become padding OBUs of the same size holding zeros, which decoders skip."""
        at = 4
        while at < length:
            header, unit = body[at], at
            at += 2 if header & 0x04 else 1
            size, at = videofields.leb128(body, at) if header & 0x02 else (length - at, at)
            if (header >> 3) & 15 != AV1_SEQUENCE_HEADER:
                self.write(box.body + unit, bytes([(AV1_PADDING << 3) | (header & 0x06)]), REASONS["text"])
                self.blank(box.body + at, box.body + at + size, REASONS["text"])
            at += size

    def es_descriptor(self, box: Box, body: bytes) -> None:
        """MPEG-4 audio setup (`esds`): the stream's URL (text) is zeroed, and every descriptor but
        the decoder's configuration, its decoder-specific info and the sync layer's has its contents
        zeroed (language, IP and registration descriptors carry nothing a player reads)."""
        at, tag, size = _descriptor(body, 4)
        if tag != 3:
            raise ScrubError("a sound track's MPEG-4 setup is damaged")
        end = at + size
        flags = _byte(body, at + 2)
        at += 3 + (2 if flags & 0x80 else 0)
        if flags & 0x40:
            length = _byte(body, at)
            self.blank(box.body + at + 1, box.body + at + 1 + length, REASONS["text"])
            at += 1 + length
        at += 2 if flags & 0x20 else 0
        while at < end:
            inner, tag, size = _descriptor(body, at)
            if tag == 4:  # decoder configuration: 13 bytes of fields, then descriptors
                part = inner + 13
                while part < inner + size:
                    contents, part_tag, part_size = _descriptor(body, part)
                    if part_tag != 5:
                        self.blank(box.body + contents, box.body + contents + part_size, REASONS["tail"])
                    part = contents + part_size
            elif tag != 6:
                self.blank(box.body + inner, box.body + inner + size, REASONS["tail"])
            at = inner + size

    def flac_blocks(self, box: Box, body: bytes, length: int) -> None:
        """FLAC setup (`dfLa`): the stream info stays; every other metadata block (Vorbis comments
        with artist and title, pictures, application data) becomes padding of the same size."""
        at = 4
        while at < length:
            header = body[at]
            size = int.from_bytes(body[at + 1 : at + 4], "big")
            if header & 0x7F:
                self.write(box.body + at, bytes([(header & 0x80) | 1]), REASONS["tail"])
                self.blank(box.body + at + 4, box.body + at + 4 + size, REASONS["tail"])
            at += 4 + size

    def profile(self, box: Box, profile: bytes) -> int | None:
        """A `colr` box's ICC profile rebuilt in its place as for photos (colour tags byte for byte,
        text neutral, see icc.rebuild); its length, or None when the box became `free` (a profile
        that cannot be read, or whose rebuild is longer than the original, is not kept)."""
        try:
            rebuilt, _changed = icc.rebuild(profile)
        except icc.ProfileError:
            rebuilt = b""
        if not rebuilt or len(rebuilt) > len(profile):
            self.free(box, REASONS["icc"])
            return None
        self.write(box.body + 4, rebuilt, REASONS["icc"])
        return len(rebuilt)

    def ftyp(self, box: Box) -> None:
        body = self.read(box, 4096)
        if len(body) < 8:
            raise ScrubError("its file type box is damaged")
        major = body[:4]
        self.blank(box.body + 4, box.body + 8, REASONS["tail"])  # the minor version: 4 bytes of anything
        for at in range(8, len(body) - 3, 4):
            if not known_brand(body[at : at + 4]):
                self.write(box.body + at, major, REASONS["tail"])
        self.blank(box.body + len(body) - len(body) % 4, box.end, REASONS["tail"])

    def trak(self, trak: Box, depth: int) -> None:
        boxes = children(self.source, trak.body, trak.end, self.budget, depth)
        tkhd = next((b for b in boxes if b.type == b"tkhd"), None)
        head = self.source.read_at(tkhd.body, 24) if tkhd is not None else b""
        track_id = _u32(head, 20 if head[:1] == b"\x01" else 12) if len(head) >= 16 else 0
        handler, codec = self._handler_and_codec(boxes, depth)
        kept = handler in KEPT_HANDLERS
        self.plan.tracks.append(Track(track_id, handler, codec, kept))
        if not kept:
            kind = TRACK_KINDS.get(handler, f"{label(handler) or 'unknown'} data").split(" (")[0]
            self.free(trak, REASONS["track"].format(kind=kind))
            return
        if track_id in self.kept_ids:
            raise ScrubError("two of its tracks have the same number")
        self.kept_ids.add(track_id)
        self.entry_layouts = {}
        self.container(trak, boxes, depth + 1)
        self.layouts[track_id] = self.entry_layouts
        self.sample_table(trak, depth)

    def _handler_and_codec(self, boxes: list[Box], depth: int) -> tuple[bytes, bytes]:
        mdia = next((b for b in boxes if b.type == b"mdia"), None)
        if mdia is None:
            return b"", b""
        inner = children(self.source, mdia.body, mdia.end, self.budget, depth + 1)
        hdlr = next((b for b in inner if b.type == b"hdlr"), None)
        handler = self.source.read_at(hdlr.body + 8, 4) if hdlr is not None and hdlr.end - hdlr.body >= 12 else b""
        codec = b""
        minf = next((b for b in inner if b.type == b"minf"), None)
        stbl = self._find(minf, b"stbl", depth + 2) if minf is not None else None
        stsd = self._find(stbl, b"stsd", depth + 3) if stbl is not None else None
        if stsd is not None and stsd.end - stsd.body >= 16:
            codec = self.source.read_at(stsd.body + 12, 4)
        return handler, codec

    def _find(self, holder: Box, kind: bytes, depth: int) -> Box | None:
        return next(
            (b for b in children(self.source, holder.body, holder.end, self.budget, depth) if b.type == kind), None
        )

    def dref(self, box: Box, depth: int) -> None:
        """Data references made self-contained: each entry a `url ` with flag 1 ("in this file") and
        no text (a URL or alias can name the person's folders or the camera's card)."""
        if box.end - box.body < 8:
            raise ScrubError("a data reference box is cut short")
        for entry in children(self.source, box.body + 8, box.end, self.budget, depth):
            if entry.header != 8 or entry.size < 12:
                raise ScrubError("a data reference is damaged")
            self.write(entry.start + 4, b"url \x00\x00\x00\x01", REASONS["text"])
            self.blank(entry.body + 4, entry.end, REASONS["text"])

    def stsd(self, box: Box, depth: int) -> None:
        if box.end - box.body < 8:
            raise ScrubError("a sample description box is cut short")
        for index, entry in enumerate(children(self.source, box.body + 8, box.end, self.budget, depth), 1):
            body = self.source.read_at(entry.body, min(entry.end - entry.body, 80))
            self.blank(entry.body, entry.body + 6, REASONS["tail"])  # reserved
            self.write(entry.body + 6, b"\x00\x01", REASONS["text"])  # the data reference: this file
            if entry.type in VISUAL:
                fixed, allowed = 78, VISUAL_COMMON | SETUP.get(entry.type, frozenset())
                if len(body) < fixed:
                    raise ScrubError(f"the {label(entry.type)} description is cut short")
                self.blank(entry.body + 8, entry.body + 24, REASONS["text"])  # vendor, quality: "pre-defined" zeros
                self.blank(entry.body + 36, entry.body + 40, REASONS["tail"])  # reserved (QuickTime: data size)
                self.blank(entry.body + 42, entry.body + 74, REASONS["text"])  # the compressor's name
            elif entry.type in AUDIO:
                version = int.from_bytes(body[8:10], "big") if len(body) >= 10 else 0
                fixed = 28 + {1: 16, 2: 36}.get(version, 0)
                allowed = AUDIO_COMMON | SETUP.get(entry.type, frozenset())
                if len(body) < 28:
                    raise ScrubError(f"the {label(entry.type)} description is cut short")
                self.blank(entry.body + 10, entry.body + 16, REASONS["text"])  # revision and vendor
            else:
                raise ScrubError(f"its video or sound is coded in a way this app does not know ({label(entry.type)})")
            if entry.body + fixed > entry.end:
                raise ScrubError(f"the {label(entry.type)} description is cut short")
            self.entry_children(entry.body + fixed, entry.end, allowed, depth + 1)
            walked = entry.type in videounits.WALKED
            self.entry_layouts[index] = self._layout(entry, entry.body + fixed, depth + 1) if walked else None

    def _layout(self, entry: Box, start: int, depth: int) -> videounits.Layout:
        setup = b"avcC" if entry.type in (b"avc1", b"avc3") else b"hvcC"
        config = next((c for c in children(self.source, start, entry.end, self.budget, depth) if c.type == setup), None)
        if config is None:
            raise ScrubError(f"the {label(entry.type)} description has no {label(setup)} setup box")
        return videounits.layout(entry.type, self.source.read_at(config.body, min(config.end - config.body, 32)))

    def entry_children(self, start: int, end: int, allowed: frozenset[bytes], depth: int) -> None:
        for child in children(self.source, start, end, self.budget, depth):
            if child.type not in allowed:
                self.free(child, _other(child.type))
            elif child.type in (b"free", b"skip"):
                self.blank(child.body, child.end, REASONS["free"])
            elif child.type == b"wave":
                self.entry_children(child.body, child.end, ALLOWED[b"wave"], depth + 1)
            elif child.type == b"alac":
                self.blank(child.body + 28, child.end, REASONS["tail"])  # version, flags, 24-byte setup
            elif child.type == b"mp4a":  # inside QuickTime's `wave`: four bytes that are zero
                self.blank(child.body, child.end, REASONS["tail"])
            elif child.type == b"damr":
                self.blank(child.body, child.body + 4, REASONS["text"])  # the encoder's vendor code
                self.blank(child.body + 9, child.end, REASONS["tail"])
            elif child.type == b"\x00\x00\x00\x00":
                self.blank(child.body, child.end, REASONS["tail"])
            else:
                self.leaf(child)

    # --- media data: what the kept tracks use ---

    def sample_table(self, trak: Box, depth: int) -> None:
        stbl: Box | None = trak
        for kind in (b"mdia", b"minf", b"stbl"):
            assert stbl is not None
            stbl = self._find(stbl, kind, depth + 1)
            if stbl is None:
                return
        assert stbl is not None
        tables = {b.type: b for b in children(self.source, stbl.body, stbl.end, self.budget, depth + 4)}
        offsets_box = tables.get(b"stco") or tables.get(b"co64")
        if offsets_box is None:
            return
        wide = offsets_box.type == b"co64"
        raw = self.read(offsets_box)
        count = _u32(raw, 4)
        self._count_chunks(count)
        offsets = array("Q" if wide else "I", raw[8 : 8 + count * (8 if wide else 4)])
        if len(offsets) != count:
            raise ScrubError("a video's chunk table is cut short")
        offsets.byteswap()
        sizes, constant = self._sizes(tables)
        stsc = self.read(tables[b"stsc"]) if b"stsc" in tables else b"\x00" * 8
        runs = [struct.unpack_from(">III", stsc, 8 + 12 * i) for i in range(min(_u32(stsc, 4), (len(stsc) - 8) // 12))]
        if count and not runs:
            raise ScrubError("a video's sample-to-chunk table is missing")
        layouts = self.layouts.get(self.plan.tracks[-1].id, {})
        sample = 0
        for i, (first, per_chunk, description) in enumerate(runs):
            how = _layout_for(layouts, description)
            last = runs[i + 1][0] - 1 if i + 1 < len(runs) else count
            if first < 1 or last > count or per_chunk > MAX_SAMPLES:
                raise ScrubError("a video's sample-to-chunk table is damaged")
            for chunk in range(first, last + 1):
                if constant:
                    length = constant * per_chunk
                else:
                    if sample + per_chunk > len(sizes):
                        raise ScrubError("a video's sample tables disagree")
                    length = sum(sizes[sample : sample + per_chunk])
                if how is not None:
                    each = repeat(constant, per_chunk) if constant else sizes[sample : sample + per_chunk]
                    self._walk(offsets[chunk - 1], each, how)
                sample += per_chunk
                if length:
                    self.starts.append(offsets[chunk - 1])
                    self.ends.append(offsets[chunk - 1] + length)
        if not constant and sample != len(sizes):
            raise ScrubError("a video's sample tables disagree")

    def _walk(self, start: int, sizes: Iterable[int], how: videounits.Layout) -> None:
        """The coded units of each sample in a chunk (or a fragment's run), one after another."""
        for size in sizes:
            self.walker.sample(start, start + size, how)
            start += size

    def _sizes(self, tables: dict[bytes, Box]) -> tuple[array[int], int]:
        stsz = tables.get(b"stsz")
        if stsz is None:
            raise ScrubError("a video track has no sample sizes")
        head = self.source.read_at(stsz.body, 12)
        constant, count = _u32(head, 4), _u32(head, 8)
        if constant:
            return array("I"), constant
        self._count_samples(count)
        raw = self.read(stsz)
        sizes = array("I", raw[12 : 12 + 4 * count])
        if len(sizes) != count:
            raise ScrubError("a video's sample size table is cut short")
        sizes.byteswap()
        return sizes, 0

    def _count_chunks(self, count: int) -> None:
        if len(self.starts) + count > MAX_CHUNKS:
            raise ScrubError(f"has more than {MAX_CHUNKS:,} chunks of media, far more than any camera writes")

    def _count_samples(self, count: int) -> None:
        self.samples += count
        if self.samples > MAX_SAMPLES:
            raise ScrubError(f"has more than {MAX_SAMPLES:,} samples, far more than any camera writes")

    def mvex(self, moov: Box) -> None:
        for box in children(self.source, moov.body, moov.end, self.budget, 1):
            if box.type != b"mvex":
                continue
            for trex in children(self.source, box.body, box.end, self.budget, 2):
                if trex.type == b"trex" and trex.end - trex.body >= 24:
                    head = self.source.read_at(trex.body, 24)
                    self.trex[_u32(head, 4)] = (_u32(head, 8), _u32(head, 16))

    def traf(self, moof: Box | None, traf: Box, depth: int) -> None:
        boxes = children(self.source, traf.body, traf.end, self.budget, depth)
        tfhd = next((b for b in boxes if b.type == b"tfhd"), None)
        if tfhd is None or moof is None:
            raise ScrubError("a movie fragment has no track header")
        head = self.source.read_at(tfhd.body, 40)
        flags = int.from_bytes(head[1:4], "big")
        track_id = _u32(head, 4)
        if track_id not in self.kept_ids:
            self.free(traf, REASONS["track"].format(kind="removed track's fragment"))
            return
        self.container(traf, boxes, depth + 1)
        if (
            not flags & 0x20001
            and sum(b.type == b"traf" for b in children(self.source, moof.body, moof.end, self.budget, depth)) > 1
        ):
            raise ScrubError("a movie fragment places its samples in a way this app cannot follow")
        at = 8
        base = moof.start
        if flags & 1:
            base = int.from_bytes(head[at : at + 8], "big")
            at += 8
        description = _u32(head, at) if flags & 2 else self.trex.get(track_id, (1, 0))[0]
        at += 4 if flags & 2 else 0
        at += 4 if flags & 8 else 0
        default_size = _u32(head, at) if flags & 0x10 else self.trex.get(track_id, (0, 0))[1]
        how = _layout_for(self.layouts.get(track_id, {}), description)
        position = base
        for trun in (b for b in boxes if b.type == b"trun"):
            raw = self.read(trun)
            run_flags = int.from_bytes(raw[1:4], "big")
            count = _u32(raw, 4)
            self._count_samples(count)
            self._count_chunks(1)
            pos = 8
            if run_flags & 1:
                position = base + struct.unpack_from(">i", raw, pos)[0]
                pos += 4
            pos += 4 if run_flags & 4 else 0
            fields = [bit for bit in (0x100, 0x200, 0x400, 0x800) if run_flags & bit]
            if pos + 4 * len(fields) * count > len(raw):
                raise ScrubError("a movie fragment's sample table is cut short")
            length = 0
            if 0x200 in fields:
                where = fields.index(0x200)
                values = array("I", raw[pos : pos + 4 * len(fields) * count])
                values.byteswap()
                length = sum(values[where :: len(fields)])
                if how is not None:
                    self._walk(position, values[where :: len(fields)], how)
            else:
                length = default_size * count
                if how is not None:
                    self._walk(position, repeat(default_size, count), how)
            if length:
                self.starts.append(position)
                self.ends.append(position + length)
            position += length

    def media(self, top: list[Box]) -> None:
        """Every byte of `mdat` that no kept sample uses becomes zero; a kept sample outside `mdat`
        (pointing into a header, past the end) is damage or a trick, and refused."""
        holders = [(b.body, b.end) for b in top if b.type == b"mdat"]
        merged = _merged(self.starts, self.ends)
        self.starts, self.ends = array("Q"), array("Q")
        self.plan.kept_media = merged
        at = 0
        for start, end in merged:
            while at < len(holders) and holders[at][1] <= start:
                at += 1
            if at == len(holders) or not (holders[at][0] <= start and end <= holders[at][1]):
                raise ScrubError("a track's samples lie outside the media data")
        index = 0
        for body, end in holders:
            pos = body
            while index < len(merged) and merged[index][1] <= body:
                index += 1
            while index < len(merged) and merged[index][0] < end:
                self.blank(pos, merged[index][0], REASONS["media"])
                pos = max(pos, merged[index][1])
                index += 1
            self.blank(pos, end, REASONS["media"])


def _layout_for(layouts: dict[int, videounits.Layout | None], description: int) -> videounits.Layout | None:
    """How the samples of a sample description are walked; in a track with H.264/HEVC descriptions,
    naming one the track does not have would let samples pass unwalked, so it is refused."""
    if description not in layouts and any(how is not None for how in layouts.values()):
        raise ScrubError("a video's samples name a description it does not have")
    return layouts.get(description)


def _merged(starts: array[int], ends: array[int]) -> list[tuple[int, int]]:
    """The chunks sorted and joined where they touch: few spans (a track's chunks mostly follow each
    other), however many chunks."""
    order = sorted(range(len(starts)), key=starts.__getitem__)
    result: list[tuple[int, int]] = []
    for i in order:
        start, end = starts[i], ends[i]
        if result and start <= result[-1][1]:
            if end > result[-1][1]:
                result[-1] = (result[-1][0], end)
        else:
            result.append((start, end))
    return result


def _u32(data: bytes, at: int) -> int:
    if at + 4 > len(data):
        raise ScrubError("a video header is cut short")
    return int(struct.unpack_from(">I", data, at)[0])


def _other(kind: bytes) -> str:
    return REASONS.get(kind, f"other data ({label(kind)} boxes)")


def plan(source: Source) -> Plan:
    return _Planner(source).run()


def _byte(body: bytes, at: int) -> int:
    if at >= len(body):
        raise ScrubError("a sound track's MPEG-4 setup is damaged")
    return body[at]


def _descriptor(body: bytes, at: int) -> tuple[int, int, int]:
    """(where its contents start, its tag, its size) of the MPEG-4 descriptor at `at`."""
    tag, size, at = _byte(body, at), 0, at + 1
    for _ in range(4):
        byte = _byte(body, at)
        at += 1
        size = (size << 7) | (byte & 0x7F)
        if not byte & 0x80:
            break
    if at + size > len(body):
        raise ScrubError("a sound track's MPEG-4 setup is damaged")
    return at, tag, size
