"""Phone videos (MP4, MOV, M4V, 3GP): metadata boxes become `free` boxes; the media data is untouched.

Removed: user data (`udta`: `©xyz` place, `©mak`/`©mod` device, `©swr` software, 3GPP `loci`, author,
title), `meta` boxes (Apple's `keys`/`ilst`: `com.apple.quicktime.location.ISO6709`, make, model,
software, creation date), vendor `uuid` boxes, timed metadata tracks (handler `meta`: Apple `mebx`,
GoPro `gpmd`, Google `camm`) and any box this module does not know to be needed for playback. The
creation and modification times in the movie, track and media headers are set to zero.

Every removed box is overwritten in place by a `free` box of the same size, so no offset moves and
the chunk offsets (`stco`/`co64`) stay right without being rewritten. Inside kept H.264/HEVC
frames only SEI units (and units of unspecified types) are written, each turned into a neutral unit
of the same size (videounits); every other byte of kept media is copied as it is.
The file is copied with bounded buffers (copy_file_range where the system has it) and only the
small boxes are patched, so a 4 GB video costs a few hundred kilobytes of memory. Cleaned in place,
nothing is copied: the metadata boxes are overwritten in the file itself, each write leaving a
playable file, so a video of any size is cleaned in milliseconds.

Media bytes no kept track uses (a removed timed metadata track's samples, padding) are zeroed.
"""

from __future__ import annotations

import os
import re
import struct
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import replace
from typing import BinaryIO

from socially_aware.scrubber import videounits
from socially_aware.scrubber.isobmff import (
    MAX_SMALL_BOX,
    Box,
    Budget,
    BytesSource,
    FileSource,
    Source,
    body,
    children,
    find,
    label,
)
from socially_aware.scrubber.model import CleanOptions, FileFormat, Group, MetadataEntry, ScrubError, unique_entries
from socially_aware.scrubber.videoplan import REASONS, Plan, plan

MP4_BRANDS = frozenset(
    {
        b"isom",
        b"iso2",
        b"iso3",
        b"iso4",
        b"iso5",
        b"iso6",
        b"mp41",
        b"mp42",
        b"avc1",
        b"M4V ",
        b"M4VH",
        b"M4VP",
        b"mmp4",
        b"MSNV",
        b"dash",
        b"f4v ",
    }
)
THREE_GP_PREFIXES = (b"3gp", b"3gg", b"3g2", b"3ge", b"3gs")
QUICKTIME_FIRST_BOXES = frozenset({b"moov", b"mdat", b"wide", b"free", b"skip", b"pnot"})


def _major_brand(head: bytes) -> bytes:
    return head[8:12] if head[4:8] == b"ftyp" else b""


def _is_mp4(head: bytes) -> bool:
    return _major_brand(head) in MP4_BRANDS


def _is_mov(head: bytes) -> bool:
    return _major_brand(head) == b"qt  " or (len(head) >= 16 and head[4:8] in QUICKTIME_FIRST_BOXES)


def _is_3gp(head: bytes) -> bool:
    return _major_brand(head).startswith(THREE_GP_PREFIXES)


def _patches(the_plan: Plan) -> Iterator[tuple[int, bytes | int]]:
    """(offset, bytes to write) or (offset, number of zero bytes to write), in plan order: each
    box's `free` header before its zeros."""
    for offset, patch, _reason in the_plan.writes:
        yield offset, patch


def _check_outside_media(the_plan: Plan) -> None:
    """No write may touch a kept track's samples, which are copied byte for byte, except the coded
    units neutralised inside them (videounits), each of which must lie inside one."""
    kept = the_plan.kept_media
    for offset, header, fill in the_plan.unit_writes:
        at = bisect_right(kept, (offset, float("inf"))) - 1
        if at < 0 or offset + len(header) + fill > kept[at][1]:
            raise ScrubError("a coded unit lies outside the media data")
    for offset, patch, _reason in the_plan.writes:
        end = offset + (patch if isinstance(patch, int) else len(patch))
        at = bisect_right(kept, (offset, float("inf"))) - 1
        for i in (at, at + 1):
            if 0 <= i < len(kept) and kept[i][0] < end and offset < kept[i][1]:
                raise ScrubError("metadata overlaps the media data")


def clean(data: bytes, options: CleanOptions) -> tuple[bytes, list[str]]:
    source = BytesSource(data)
    the_plan = plan(source)
    _check_outside_media(the_plan)
    out = bytearray(data)
    for offset, patch in _patches(the_plan):
        if isinstance(patch, int):
            out[offset : offset + patch] = bytes(patch)
        else:
            out[offset : offset + len(patch)] = patch
    _neutralise(out, the_plan)
    del out[the_plan.end :]
    return bytes(out), the_plan.removed()


def _neutralise(out: bytearray, the_plan: Plan) -> None:
    for offset, header, fill in the_plan.unit_writes:
        out[offset : offset + len(header) + fill] = header + FILL[:1] * fill


def _verify_source(before: Plan, after_source: Source) -> None:
    """The cleaned video, parsed again on its own, must need no write at all: every box is one this
    app knows with nothing beyond its fields, every byte of media data not used by a kept track is
    zero, no track but video and sound is left. And its layout and kept media are the original's."""
    after = plan(after_source)
    if after.changes:
        names = ", ".join(after.removed())
        raise ScrubError(f"metadata is still in the cleaned file ({names})")
    if after_source.size != before.end or [(b.start, b.end) for b in after.top] != [
        (b.start, b.end) for b in before.top
    ]:
        raise ScrubError("the cleaned file's layout changed (offsets would be wrong)")
    if after.kept_media != before.kept_media:
        raise ScrubError("the media data moved while cleaning")


def verify(original: bytes, cleaned: bytes) -> None:
    before = plan(BytesSource(original))
    _verify_source(before, BytesSource(cleaned))
    expected = bytearray(original)
    _neutralise(expected, before)  # the only change to kept media: those units, to the neutral one
    for start, end in before.kept_media:
        if expected[start:end] != cleaned[start:end]:
            raise ScrubError("the media data changed while cleaning")


def clean_verified(data: bytes, options: CleanOptions) -> tuple[bytes, list[str]]:
    cleaned, removed = clean(data, options)
    verify(data, cleaned)
    return cleaned, removed


# --- large files: copy with bounded buffers, then patch the small boxes -------------------------

ZEROS = bytes(1 << 16)
FILL = bytes([videounits.FILL]) * (1 << 16)


def _copy(src_fd: int, dst_fd: int, size: int) -> None:
    copied = 0
    try:
        while copied < size:
            n = os.copy_file_range(src_fd, dst_fd, min(size - copied, 1 << 30), copied, copied)
            if n == 0:
                raise ScrubError("the video got shorter while it was being cleaned")
            copied += n
        return
    except OSError:
        pass  # another file system or an old kernel: copy by hand from where it stopped
    while copied < size:
        chunk = os.pread(src_fd, min(size - copied, 1 << 20), copied)
        if not chunk:
            raise ScrubError("the video got shorter while it was being cleaned")
        view = memoryview(chunk)
        while view:
            written = os.pwrite(dst_fd, view, copied)
            copied += written
            view = view[written:]


def _apply(fd: int, the_plan: Plan) -> None:
    """Write the patches. Each box's `free` header goes first, then its zeros: stopped at any point,
    the file is still whole (a `free` box with old bytes in it, which the next run zeroes)."""
    for offset, patch in _patches(the_plan):
        if isinstance(patch, int):
            while patch > 0:
                step = min(patch, len(ZEROS))
                os.pwrite(fd, ZEROS[:step], offset)
                offset += step
                patch -= step
        else:
            os.pwrite(fd, patch, offset)
    for offset, header, fill in the_plan.unit_writes:
        os.pwrite(fd, header, offset)  # first: stopped after it, the unit is one decoders skip
        offset += len(header)
        while fill > 0:
            step = min(fill, len(FILL))
            os.pwrite(fd, FILL[:step], offset)
            offset += step
            fill -= step


def stream_clean(file: BinaryIO, size: int, out_fd: int, options: CleanOptions) -> list[str]:
    source = FileSource(file.fileno(), size)
    the_plan = plan(source)
    _check_outside_media(the_plan)
    if out_fd < 0:
        return the_plan.removed()
    _copy(file.fileno(), out_fd, the_plan.end)  # data after the last whole box is not copied
    _apply(out_fd, the_plan)
    if os.fstat(out_fd).st_size != the_plan.end:
        raise ScrubError("the cleaned video has a different size")
    _verify_source(the_plan, FileSource(out_fd, the_plan.end))
    return the_plan.removed()


def patch_in_place(fd: int, size: int, options: CleanOptions) -> list[str]:
    """Clean the file itself: only the metadata boxes are written (milliseconds for any size), and
    every name of the file (hard links too) sees the cleaned video."""
    the_plan = plan(FileSource(fd, size))
    _check_outside_media(the_plan)
    if not the_plan.changes:
        return []
    _apply(fd, the_plan)
    if the_plan.end < size:
        os.ftruncate(fd, the_plan.end)  # last, so a stop before it leaves a whole, cleaned video
    os.fsync(fd)
    _verify_source(the_plan, FileSource(fd, the_plan.end))
    return the_plan.removed()


# --- inspection: what a video gives away ----------------------------------------------------------

_ISO6709 = re.compile(rb"([+-]\d{1,2}(?:\.\d+)?)([+-]\d{1,3}(?:\.\d+)?)")
_APPLE_KEYS = {
    b"com.apple.quicktime.location.ISO6709": (Group.LOCATION, "Place recorded"),
    b"com.apple.quicktime.make": (Group.DEVICE, "Camera maker"),
    b"com.apple.quicktime.model": (Group.DEVICE, "Camera model"),
    b"com.apple.quicktime.software": (Group.SOFTWARE, "Software"),
    b"com.apple.quicktime.creationdate": (Group.TIME, "Recorded at"),
    b"com.apple.quicktime.author": (Group.PEOPLE, "Author"),
    b"com.apple.quicktime.displayname": (Group.PEOPLE, "Title"),
    b"com.apple.quicktime.description": (Group.PEOPLE, "Description"),
}
_USER_DATA = {
    b"\xa9xyz": (Group.LOCATION, "Place recorded"),
    b"\xa9mak": (Group.DEVICE, "Camera maker"),
    b"\xa9mod": (Group.DEVICE, "Camera model"),
    b"\xa9swr": (Group.SOFTWARE, "Software"),
    b"\xa9too": (Group.SOFTWARE, "Encoder"),
    b"\xa9day": (Group.TIME, "Recorded at"),
    b"\xa9ART": (Group.PEOPLE, "Artist"),
    b"\xa9aut": (Group.PEOPLE, "Author"),
    b"\xa9nam": (Group.PEOPLE, "Title"),
    b"\xa9cmt": (Group.PEOPLE, "Comment"),
    b"\xa9des": (Group.PEOPLE, "Description"),
    b"\xa9cpy": (Group.PEOPLE, "Copyright"),
    b"auth": (Group.PEOPLE, "Author"),
    b"titl": (Group.PEOPLE, "Title"),
    b"dscp": (Group.PEOPLE, "Description"),
    b"cprt": (Group.PEOPLE, "Copyright"),
    b"loci": (Group.LOCATION, "Place recorded"),
}


def _text(raw: bytes) -> str:
    from socially_aware.scrubber.metadata import text_of

    return text_of(raw.decode("utf-8", "replace").strip("\x00"))


def _position(text: bytes) -> tuple[float, float] | None:
    found = _ISO6709.match(text.strip())
    if not found:
        return None
    lat, lon = float(found.group(1)), float(found.group(2))
    return (round(lat, 6), round(lon, 6)) if -90 <= lat <= 90 and -180 <= lon <= 180 else None


def _user_data_value(kind: bytes, payload: bytes) -> bytes:
    """The text of a QuickTime user data atom (16-bit length, 16-bit language, text), an iTunes-style
    atom holding a `data` box, or a 3GPP full box (version, flags, language, text)."""
    if payload[4:8] == b"data" and len(payload) >= 16:
        return payload[16:]
    if kind == b"loci":
        return b""  # binary coordinates, read below
    if kind[:1] == b"\xa9" and len(payload) >= 4:
        (length,) = struct.unpack_from(">H", payload)
        return payload[4 : 4 + length]
    return payload[6:]


def _loci(payload: bytes) -> tuple[float, float] | None:
    # version+flags (4), language (2), name (NUL-terminated), role (1), longitude, latitude, altitude (16.16)
    stop = payload.find(b"\x00", 6)
    if stop < 0 or stop + 1 + 8 > len(payload):
        return None
    lon, lat = struct.unpack_from(">ii", payload, stop + 2)
    lat_f, lon_f = lat / 65536, lon / 65536
    return (round(lat_f, 6), round(lon_f, 6)) if -90 <= lat_f <= 90 and -180 <= lon_f <= 180 else None


def _meta_children(source: Source, meta: Box, budget: Budget) -> list[Box]:
    # QuickTime's `meta` is a plain container; ISO's is a full box (4 bytes of version and flags).
    if source.read_at(meta.body + 4, 4) == b"hdlr":
        return children(source, meta.body, meta.end, budget, 4)
    return children(source, meta.body + 4, meta.end, budget, 4)


def _read_meta(source: Source, meta: Box, budget: Budget) -> Iterator[tuple[Group, str, bytes]]:
    boxes = _meta_children(source, meta, budget)
    keys: list[bytes] = []
    keys_box = find(boxes, b"keys")
    if keys_box is not None:
        raw = body(source, keys_box)
        (count,) = struct.unpack_from(">I", raw, 4) if len(raw) >= 8 else (0,)
        pos = 8
        for _ in range(min(count, len(raw) // 8)):
            if pos + 8 > len(raw):
                break
            (size,) = struct.unpack_from(">I", raw, pos)
            if size < 8:
                break
            keys.append(raw[pos + 8 : pos + size])
            pos += size
    ilst = find(boxes, b"ilst")
    if ilst is None:
        return
    for item in children(source, ilst.body, ilst.end, budget, 5):
        payload = body(source, item, 1 << 20)
        value = payload[16:] if payload[4:8] == b"data" else b""
        index = int.from_bytes(item.type, "big")
        if keys and 1 <= index <= len(keys):
            key = keys[index - 1]
            group, name = _APPLE_KEYS.get(key, (Group.OTHER, key.decode("latin-1")[-40:]))
            yield group, name, value
        elif item.type in _USER_DATA:
            group, name = _USER_DATA[item.type]
            yield group, name, value


def read(file: BinaryIO, size: int) -> tuple[list[MetadataEntry], tuple[float, float] | None, bytes | None]:
    source = FileSource(file.fileno(), size)
    budget = Budget()
    entries: list[MetadataEntry] = []
    gps: tuple[float, float] | None = None
    found: list[tuple[Group, str, bytes]] = []
    the_plan = plan(source)  # the same walk as cleaning: what follows the last whole box is left out
    top = the_plan.top
    moov = find(top, b"moov")
    if moov is None:
        raise ScrubError("is not a video this app can read (no movie box)")

    def walk(holder: Box, depth: int) -> None:
        for box in children(source, holder.body, holder.end, budget, depth):
            if box.type == b"udta":
                for atom in children(source, box.body, box.end, budget, depth + 1):
                    if atom.type == b"meta":
                        found.extend(_read_meta(source, atom, budget))
                    elif atom.type in _USER_DATA:
                        payload = body(source, atom, 1 << 20)
                        group, name = _USER_DATA[atom.type]
                        if atom.type == b"loci":
                            position = _loci(payload)
                            found.append(
                                (group, name, f"{position[0]:+.6f}{position[1]:+.6f}/".encode() if position else b"")
                            )
                        else:
                            found.append((group, name, _user_data_value(atom.type, payload)))
                    else:
                        found.append((Group.OTHER, f"User data ({label(atom.type)})", b""))
            elif box.type == b"meta":
                found.extend(_read_meta(source, box, budget))
            elif box.type == b"mvhd" and depth == 1:
                head = source.read_at(box.body, 20)
                seconds = (
                    struct.unpack_from(">Q", head, 4)[0]
                    if head[:1] == b"\x01" and len(head) >= 12
                    else struct.unpack_from(">I", head, 4)[0]
                    if len(head) >= 8
                    else 0
                )
                if seconds:
                    from datetime import UTC, datetime, timedelta  # only when a video is inspected

                    when = datetime(1904, 1, 1, tzinfo=UTC) + timedelta(seconds=min(seconds, 10**10))
                    found.append(
                        (Group.TIME, "Recorded at (movie header)", when.strftime("%Y-%m-%d %H:%M:%S UTC").encode())
                    )
            elif box.type == b"trak":
                walk(box, depth + 1)
            elif box.type == b"uuid":
                found.append((Group.OTHER, "Vendor data (uuid box)", f"{box.size:,} bytes".encode()))

    walk(moov, 1)
    for track in the_plan.tracks:
        group = Group.OTHER if track.kept else Group.EMBEDDED
        found.append((group, f"Track {track.id}", (track.describe() + ("" if track.kept else ": removed")).encode()))
    covered = (REASONS[b"udta"], REASONS[b"meta"], REASONS[b"uuid"], REASONS["times"])
    for reason in the_plan.removed():
        if reason not in covered and not reason.startswith("a "):
            found.append((Group.OTHER, reason[:1].upper() + reason[1:], b"removed when cleaned"))
    for box in top:
        if box.type == b"uuid":
            found.append((Group.OTHER, "Vendor data (uuid box)", f"{box.size:,} bytes".encode()))
    for group, name, value in found:
        if group is Group.LOCATION:
            position = _position(value)
            gps = gps or position
            text = f"{position[0]:.6f}, {position[1]:.6f}" if position else _text(value)
            entries.append(MetadataEntry(group, name, text, True))
        else:
            # a kept track (video, sound) is listed for what it is, not as a risk
            kept_track = name.startswith("Track ") and not value.endswith(b": removed")
            entries.append(MetadataEntry(group, name, _text(value), not kept_track))
    return unique_entries(entries), gps, None


MAX_HEADER_BYTES = MAX_SMALL_BOX

# What exiftool may still say about a cleaned video: the brands, durations, sizes, codecs, and the
# zeroed dates (exiftool shows "0000:00:00 00:00:00").
_ALLOWLIST = frozenset({"QuickTime", "Track*", "Video*", "Audio*"})

MP4 = FileFormat(
    name="MP4",
    suffixes=(".mp4", ".m4v"),
    mime="video/mp4",
    magic=_is_mp4,
    lossless=True,
    allowlist=_ALLOWLIST,
    clean=clean,
    verify=verify,
    clean_verified=clean_verified,
    read=read,
    stream_clean=stream_clean,
    patch_in_place=patch_in_place,
    video=True,
)
# The three differ only in how they are named and recognised: one cleaner serves them all.
MOV = replace(MP4, name="MOV", suffixes=(".mov", ".qt"), mime="video/quicktime", magic=_is_mov)
THREE_GP = replace(MP4, name="3GP", suffixes=(".3gp", ".3g2"), mime="video/3gpp", magic=_is_3gp)
