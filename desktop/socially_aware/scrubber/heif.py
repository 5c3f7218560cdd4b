"""HEIF/HEIC and AVIF: the container is edited; the coded picture is copied unchanged.

What stays: the primary picture and everything it needs to look the same (grid tiles, its alpha
plane, rotation and mirroring, crop, colour information including the ICC profile, HDR light
levels). What goes: Exif and XMP items, thumbnails (they can show the uncropped original), depth
maps, HDR gain maps, portrait mattes and every other item the primary picture does not need, item
names, entity groups, and any property or box this module does not know to be part of the picture.

How: the `meta` box is rebuilt without the removed items' entries (iinf, iloc, iref, ipma) and
padded with a `free` box to its old size; the removed items' bytes are overwritten with zeros; boxes
this module does not know become `free` boxes of the same size. Nothing moves, so every offset in
the file stays valid and the file keeps its size. `verify` then proves, from the two files alone,
that what is left is on the allowlist and that every byte and property the picture is decoded from
is unchanged. Re-encoding is only the last resort, for files whose container cannot be edited.
"""

from __future__ import annotations

import io
import struct
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, BinaryIO

from socially_aware.scrubber import heifbox
from socially_aware.scrubber.heifbox import Meta, build_box, build_full_box
from socially_aware.scrubber.isobmff import (
    MAX_SMALL_BOX,
    Box,
    Budget,
    BytesSource,
    FileSource,
    Source,
    children,
    free_header,
    label,
)
from socially_aware.scrubber.model import CleanOptions, FileFormat, Group, MetadataEntry, ScrubError, unique_entries

if TYPE_CHECKING:
    from PIL import Image

HEIF_BRANDS = frozenset({b"heic", b"heix", b"heim", b"heis", b"hevc", b"hevx", b"mif1", b"msf1", b"mif2"})
AVIF_BRANDS = frozenset({b"avif", b"avis"})

TOP_LEVEL = frozenset({b"ftyp", b"meta", b"mdat", b"free", b"skip"})
META_CHILDREN = frozenset({b"hdlr", b"pitm", b"iloc", b"iinf", b"iref", b"iprp", b"idat", b"dinf", b"free", b"skip"})
PICTURE_ITEMS = frozenset({b"hvc1", b"av01", b"grid", b"iden", b"iovl", b"jpeg", b"vvc1", b"unci", b"avc1", b"j2k1"})
PICTURE_PROPERTIES = frozenset(
    {
        b"hvcC",
        b"av1C",
        b"vvcC",
        b"avcC",
        b"jpgC",
        b"j2kH",
        b"uncC",
        b"cmpd",
        b"cmpC",
        b"icef",  # decoder setup
        b"ispe",
        b"pixi",
        b"colr",
        b"irot",
        b"imir",
        b"clap",
        b"pasp",
        b"rloc",
        b"auxC",  # size, colour, geometry
        b"lsel",
        b"a1op",
        b"a1lx",
        b"clli",
        b"mdcv",
        b"cclv",
        b"amve",  # layers, HDR light levels
        b"free",
        b"skip",
    }
)
ALPHA = frozenset(
    {b"urn:mpeg:avc:2015:auxid:1", b"urn:mpeg:hevc:2015:auxid:1", b"urn:mpeg:mpegB:cicp:systems:auxiliary:alpha"}
)

REMOVED_NAMES = {
    "exif": "Exif (camera, time, location)",
    "xmp": "XMP (editing history, people, location)",
    "thumbnail": "preview image (may show the uncropped original)",
    "depth": "depth map",
    "gain": "HDR gain map (the picture shows as it does on an ordinary screen)",
    "matte": "portrait mattes and other hidden layers",
    "other": "other embedded data",
    "names": "item names",
    "boxes": "unknown boxes",
    "leftovers": "leftover data in free space",
}


def _major_brand(head: bytes) -> bytes:
    return head[8:12] if head[4:8] == b"ftyp" else b""


def _is_avif(head: bytes) -> bool:
    brand = _major_brand(head)
    return brand in AVIF_BRANDS or (brand in (b"mif1", b"msf1", b"mif2") and b"avif" in head[16:32])


def _is_heif(head: bytes) -> bool:
    return _major_brand(head) in HEIF_BRANDS and not _is_avif(head)


@dataclass
class _Layout:
    top: list[Box]
    meta: Meta


def _layout(data: bytes, budget: Budget) -> _Layout:
    source = BytesSource(data)
    top = children(source, 0, len(data), budget)
    if not top or top[0].type != b"ftyp":
        raise ScrubError("not a HEIF file (it does not start with a file type box)")
    metas = [b for b in top if b.type == b"meta"]
    if len(metas) != 1:
        raise ScrubError(f"has {len(metas)} metadata boxes where a picture has one")
    return _Layout(top, heifbox.parse_meta(data, metas[0], budget))


def _keep(meta: Meta) -> set[int]:
    """The primary picture and what it is made from: grid tiles and other derivation inputs (dimg),
    and its alpha plane. A walk over the references, each followed once."""
    inputs: dict[int, list[int]] = {}
    auxiliaries: dict[int, list[int]] = {}
    for ref in meta.references:
        if ref.type == b"dimg":
            inputs.setdefault(ref.source, []).extend(ref.targets)
        elif ref.type == b"auxl" and meta.aux_types.get(ref.source) in ALPHA:
            for target in ref.targets:
                auxiliaries.setdefault(target, []).append(ref.source)
    keep = {meta.primary}
    pending = [meta.primary]
    while pending:
        item = pending.pop()
        for found in (*inputs.get(item, ()), *auxiliaries.get(item, ())):
            if found in meta.items and found not in keep:
                keep.add(found)
                pending.append(found)
    return keep


def _kinds_of_removed(meta: Meta, removed: list[int]) -> dict[int, str]:
    thumbnails = {r.source for r in meta.references if r.type == b"thmb"}
    owners: dict[int, int] = {}
    for ref in meta.references:
        if ref.type == b"dimg":
            for target in ref.targets:
                owners.setdefault(target, ref.source)
    kinds: dict[int, str] = {}
    for item_id in removed:
        kind, at = "other", item_id
        for _ in range(4):  # a tile of a thumbnail or gain map is named by what it is a tile of
            kind = _own_kind(meta, at, thumbnails)
            if kind != "other" or at not in owners or owners[at] not in meta.items:
                break
            at = owners[at]
        kinds[item_id] = kind
    return kinds


def _own_kind(meta: Meta, item_id: int, thumbnails: set[int]) -> str:
    item = meta.items[item_id]
    if item.type == b"Exif":
        return "exif"
    if item.type == b"mime":
        return "xmp" if b"rdf+xml" in item.content_type or b"xmp" in item.content_type else "other"
    if item_id in thumbnails:
        return "thumbnail"
    aux = meta.aux_types.get(item_id, b"")
    if b"depth" in aux or aux.endswith(b"auxid:2"):
        return "depth"
    if b"gainmap" in aux or item.type == b"tmap":
        return "gain"
    return "matte" if aux else "other"


def _is_picture_property(data: bytes, box: Box, options: CleanOptions | None) -> bool:
    if box.type not in PICTURE_PROPERTIES:
        return False
    if box.type == b"colr" and options is not None and not options.keep_icc:
        return data[box.body : box.body + 4] not in (b"prof", b"rICC")
    return True


def clean(data: bytes, options: CleanOptions) -> tuple[bytes, list[str]]:
    """The cleaned file (same size, same offsets) and the names of what was removed."""
    layout = _layout(data, Budget())
    meta = layout.meta
    keep = _keep(meta)
    missing = [i for i in keep if i not in meta.locations and meta.items[i].type not in (b"grid", b"iden", b"iovl")]
    if missing:
        raise ScrubError(f"the picture's item {missing[0]} has no location")
    for item_id in keep:
        if meta.items[item_id].type not in PICTURE_ITEMS:
            raise ScrubError(
                f"its picture is of a kind this app cannot keep unchanged ({label(meta.items[item_id].type)})"
            )
    removed_ids = [i for i in meta.items if i not in keep]
    removed: list[str] = []

    def note(kind: str) -> None:
        if REMOVED_NAMES[kind] not in removed:
            removed.append(REMOVED_NAMES[kind])

    for kind in _kinds_of_removed(meta, removed_ids).values():
        note(kind)
    if any(meta.items[i].name for i in keep):
        note("names")

    out = bytearray(data)
    _zero_removed_data(data, out, layout, keep, removed_ids)
    used = {a.index for item_id in keep for a in meta.associations.get(item_id, [])}
    neutral = {
        i for i, p in enumerate(meta.properties, start=1) if i not in used or not _is_picture_property(data, p, options)
    }
    if used & neutral:
        note("other")
    new_meta = _rebuild_meta(data, meta, keep, neutral, note)
    out[meta.box.start : meta.box.end] = new_meta
    for box in layout.top:
        if box.type not in TOP_LEVEL:
            _free(out, box)
            note("boxes")
        elif box.type in (b"free", b"skip") and out[box.body : box.end].strip(b"\x00"):
            _free(out, box)  # free space someone filled is still data
            note("leftovers")
    return bytes(out), removed


def _free(out: bytearray, box: Box) -> None:
    header = free_header(box)
    out[box.start : box.end] = header + bytes(box.size - len(header))


def _zero_removed_data(data: bytes, out: bytearray, layout: _Layout, keep: set[int], removed_ids: list[int]) -> None:
    meta = layout.meta
    idat = next((b for b in meta.boxes if b.type == b"idat"), None)

    def ranges(item_id: int) -> list[tuple[int, int, int]]:
        location = meta.locations.get(item_id)
        if location is None or location.method not in (0, 1):
            return []
        result = []
        for extent in location.extents:
            if location.method == 1:
                if idat is None:
                    raise ScrubError("an item lies in a missing data box (idat)")
                start = idat.body + extent.offset
                limit = idat.end
            else:
                start, limit = extent.offset, len(data)
            if extent.length == 0 or start + extent.length > limit:
                raise ScrubError(f"item {item_id} claims data beyond the end of the file")
            result.append((location.method, start, start + extent.length))
        return result

    kept = _merged([(start, end) for i in keep for _m, start, end in ranges(i)])
    holders = _merged(
        [(b.body, b.end) for b in layout.top if b.type in (b"mdat", b"free", b"skip")]
        + ([(idat.body, idat.end)] if idat else [])
    )
    for item_id in removed_ids:
        for _method, start, end in ranges(item_id):
            if not _inside(holders, start, end):
                raise ScrubError(f"item {item_id}'s data is not inside a media data box")
            if _overlaps(kept, start, end):
                raise ScrubError(f"item {item_id}'s data overlaps the picture's")
            out[start:end] = bytes(end - start)


def _merged(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sorted, with touching or overlapping spans joined, so a lookup is one bisection."""
    result: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if result and start <= result[-1][1]:
            result[-1] = (result[-1][0], max(result[-1][1], end))
        else:
            result.append((start, end))
    return result


def _inside(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    at = bisect_right(spans, (start, float("inf"))) - 1
    return at >= 0 and spans[at][0] <= start and end <= spans[at][1]


def _overlaps(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    at = bisect_right(spans, (start, float("inf"))) - 1
    return any(0 <= i < len(spans) and spans[i][0] < end and start < spans[i][1] for i in (at, at + 1))


def _rebuild_meta(data: bytes, meta: Meta, keep: set[int], neutral: set[int], note: Callable[[str], None]) -> bytes:
    parts: list[bytes] = []
    for box in meta.boxes:
        if box.type == b"iinf":
            parts.append(_iinf(data, meta, keep))
        elif box.type == b"iloc":
            parts.append(_iloc(data, meta, keep))
        elif box.type == b"iref":
            parts.append(_iref(meta, keep))
        elif box.type == b"iprp":
            parts.append(_iprp(data, meta, box, keep, neutral))
        elif box.type in (b"free", b"skip"):
            if data[box.body : box.end].strip(b"\x00"):
                note("leftovers")
            parts.append(free_header(box) + bytes(box.size - len(free_header(box))))
        elif box.type in META_CHILDREN:
            parts.append(data[box.start : box.end])
        else:
            parts.append(free_header(box) + bytes(box.size - len(free_header(box))))
            note("boxes")
    header = data[meta.box.start : meta.box.body + 4]  # same size field, version and flags
    body = b"".join(parts)
    pad = meta.box.size - len(header) - len(body)
    if pad and pad < 8:
        raise ScrubError("its metadata box cannot be shortened by so few bytes")
    return header + body + (build_box(b"free", bytes(pad - 8)) if pad else b"")


def _iinf(data: bytes, meta: Meta, keep: set[int]) -> bytes:
    entries = []
    for item_id, item in meta.items.items():
        if item_id not in keep or item.infe is None:
            continue
        infe = item.infe
        if item.name:  # the name is not part of the picture and can say anything
            version = data[infe.body]
            flags = int.from_bytes(data[infe.body + 1 : infe.body + 4], "big")
            id_bytes = item_id.to_bytes(2 if version == 2 else 4, "big")
            entries.append(build_full_box(b"infe", version, flags, id_bytes + b"\x00\x00" + item.type + b"\x00"))
        else:
            entries.append(data[infe.start : infe.end])
    version = meta.iinf_version
    count = len(entries).to_bytes(2 if version == 0 else 4, "big")
    return build_full_box(b"iinf", version, 0, count + b"".join(entries))


def _iloc(data: bytes, meta: Meta, keep: set[int]) -> bytes:
    version, offset_size, length_size, base_size, index_size = meta.iloc
    kept = [loc for item_id, loc in meta.locations.items() if item_id in keep]
    head = bytes([(offset_size << 4) | length_size, (base_size << 4) | (index_size if version else 0)])
    count = len(kept).to_bytes(2 if version < 2 else 4, "big")
    return build_full_box(b"iloc", version, 0, head + count + b"".join(data[s:e] for s, e in (loc.raw for loc in kept)))


def _iref(meta: Meta, keep: set[int]) -> bytes:
    size = 2 if meta.iref_version == 0 else 4
    refs = []
    for ref in meta.references:
        targets = [t for t in ref.targets if t in keep]
        if ref.source in keep and targets:
            ids = b"".join(t.to_bytes(size, "big") for t in targets)
            refs.append(build_box(ref.type, ref.source.to_bytes(size, "big") + struct.pack(">H", len(targets)) + ids))
    return build_full_box(b"iref", meta.iref_version, 0, b"".join(refs)) if refs else b""


def _iprp(data: bytes, meta: Meta, iprp: Box, keep: set[int], neutral: set[int]) -> bytes:
    source = BytesSource(data)
    parts = []
    ipma_seen = False
    for child in children(source, iprp.body, iprp.end, Budget(), depth=2):
        if child.type == b"ipco":
            properties = []
            for index, prop in enumerate(meta.properties, start=1):
                if index in neutral:
                    properties.append(free_header(prop) + bytes(prop.size - len(free_header(prop))))
                else:
                    properties.append(data[prop.start : prop.end])
            parts.append(build_box(b"ipco", b"".join(properties)))
        elif child.type == b"ipma":
            if ipma_seen:
                raise ScrubError("has more than one property association box")
            ipma_seen = True
            parts.append(_ipma(meta, keep, neutral))
    return build_box(b"iprp", b"".join(parts))


def _ipma(meta: Meta, keep: set[int], neutral: set[int]) -> bytes:
    version, flags = meta.ipma
    id_size = 2 if version < 1 else 4
    entries = []
    for item_id, associations in meta.associations.items():
        if item_id not in keep:
            continue
        kept = [a for a in associations if a.index not in neutral]
        if len(kept) > 255:
            raise ScrubError("has too many properties on one item")
        packed = b"".join(
            struct.pack(">H", (0x8000 if a.essential else 0) | a.index)
            if flags & 1
            else bytes([(0x80 if a.essential else 0) | a.index])
            for a in kept
        )
        entries.append(item_id.to_bytes(id_size, "big") + bytes([len(kept)]) + packed)
    return build_full_box(b"ipma", version, flags, struct.pack(">I", len(entries)) + b"".join(entries))


def _item_bytes(data: bytes, meta: Meta, item_id: int) -> list[bytes]:
    location = meta.locations.get(item_id)
    if location is None:
        return []
    idat = next((b for b in meta.boxes if b.type == b"idat"), None)
    base = idat.body if location.method == 1 and idat is not None else 0
    return [data[base + e.offset : base + e.offset + e.length] for e in location.extents] + [bytes([location.method])]


def verify(original: bytes, cleaned: bytes) -> None:
    """Raise ScrubError unless `cleaned` holds only the allowlist and the same picture, byte for byte."""
    _verify_against(_layout(original, Budget()), original, cleaned)


def _verify_against(before: _Layout, original: bytes, cleaned: bytes) -> None:
    if len(cleaned) != len(original):
        raise ScrubError("the cleaned file changed size (offsets would be wrong)")
    after = _layout(cleaned, Budget())
    for box in after.top:
        if box.type not in TOP_LEVEL:
            raise ScrubError(f"a {label(box.type)} box is still in the cleaned file")
    for box in [*after.top, *after.meta.boxes]:
        if box.type in (b"free", b"skip") and cleaned[box.body : box.end].strip(b"\x00"):
            raise ScrubError("free space in the cleaned file still holds data")
    meta, old = after.meta, before.meta
    for box in meta.boxes:
        if box.type not in META_CHILDREN:
            raise ScrubError(f"a {label(box.type)} box is still in the cleaned metadata")
    if meta.primary != old.primary or set(meta.items) != _keep(old) or _keep(meta) != set(meta.items):
        raise ScrubError("the cleaned file does not hold exactly the picture and what it needs")
    for item_id, item in meta.items.items():
        was = old.items[item_id]
        if item.type not in PICTURE_ITEMS or item.type != was.type or item.hidden != was.hidden or item.name:
            raise ScrubError(f"item {item_id} is not the picture's")
        if _item_bytes(cleaned, meta, item_id) != _item_bytes(original, old, item_id):
            raise ScrubError("the picture data changed while cleaning")
        now = [(a.essential, a.index) for a in meta.associations.get(item_id, [])]
        then = [
            (a.essential, a.index)
            for a in old.associations.get(item_id, [])
            if _is_picture_property(original, old.properties[a.index - 1], None) or a.index == 0
        ]
        if not set(now) <= set(then) or len(meta.properties) != len(old.properties):
            raise ScrubError("the picture's properties changed while cleaning")
        dropped = set(then) - set(now)
        for _essential, index in dropped:
            prop = old.properties[index - 1]
            if prop.type != b"colr":
                raise ScrubError("a property the picture needs was removed")
        for _essential, index in now:
            if index == 0:
                continue
            a, b = meta.properties[index - 1], old.properties[index - 1]
            if a.type not in PICTURE_PROPERTIES or cleaned[a.start : a.end] != original[b.start : b.end]:
                raise ScrubError("the picture's properties changed while cleaning")
    used = {a.index for associations in meta.associations.values() for a in associations}
    for index, prop in enumerate(meta.properties, start=1):
        if index not in used and prop.type != b"free":
            raise ScrubError(f"an unused {label(prop.type)} property is still in the cleaned file")
    refs_now = {(r.type, r.source, tuple(r.targets)) for r in meta.references}
    keep = set(meta.items)
    refs_then = {
        (r.type, r.source, tuple(t for t in r.targets if t in keep))
        for r in old.references
        if r.source in keep and any(t in keep for t in r.targets)
    }
    if refs_now != refs_then:
        raise ScrubError("the links between the picture's parts changed while cleaning")


def clean_verified(data: bytes, options: CleanOptions) -> tuple[bytes, list[str]]:
    cleaned, removed = clean(data, options)
    if cleaned != data:
        _verify_against(_layout(data, Budget()), data, cleaned)
    else:
        verify(data, cleaned)
    return cleaned, removed


# --- the last resort: decode and encode again --------------------------------------------------


def _reencode_writer(kind: str) -> Callable[[Image.Image, io.BytesIO, CleanOptions], None]:
    def write(image: Image.Image, out: io.BytesIO, options: CleanOptions) -> None:
        from PIL import Image as PillowImage

        # Decoders apply the container's rotation and mirroring already; the Exif orientation is
        # ignored in HEIF and AVIF (and may be the damaged part), so it is not applied again.
        fresh = PillowImage.new(image.mode, image.size)
        fresh.paste(image)
        icc = image.info.get("icc_profile") if options.keep_icc else None
        fresh.save(out, kind, quality=95, **({"icc_profile": icc} if icc else {}))

    return write


def reencode_heif(data: bytes, options: CleanOptions) -> tuple[bytes, list[str]]:
    from socially_aware.scrubber import reencode

    cleaned, removed = reencode.clean(data, options, _reencode_writer("HEIF"))
    reencode.verify(cleaned)
    return cleaned, removed


def reencode_avif(data: bytes, options: CleanOptions) -> tuple[bytes, list[str]]:
    from socially_aware.scrubber import reencode

    cleaned, removed = reencode.clean(data, options, _reencode_writer("AVIF"))
    reencode.verify(cleaned)
    return cleaned, removed


# --- inspection, from the container alone (no picture is decoded) ------------------------------

MAX_EXIF_BYTES = 4 * 1024 * 1024


def read(file: BinaryIO, size: int) -> tuple[list[MetadataEntry], tuple[float, float] | None, bytes | None]:
    from socially_aware.scrubber import metadata

    source: Source = FileSource(file.fileno(), size)
    budget = Budget()
    top = children(source, 0, size, budget)
    meta_box = next((b for b in top if b.type == b"meta"), None)
    if not top or top[0].type != b"ftyp" or meta_box is None:
        raise ScrubError("not a HEIF file (no file type or metadata box)")
    if meta_box.size > MAX_SMALL_BOX:
        raise ScrubError("its metadata box is far too large")
    raw = source.read_at(meta_box.start, meta_box.size)
    local = Box(meta_box.type, 0, meta_box.header, meta_box.size)
    meta = heifbox.parse_meta(raw, local, budget)
    idat = next((b for b in meta.boxes if b.type == b"idat"), None)
    entries: list[MetadataEntry] = []
    gps = thumbnail = None
    keep = _keep(meta)
    kinds = _kinds_of_removed(meta, [i for i in meta.items if i not in keep])
    tiles = {t for r in meta.references if r.type == b"dimg" for t in r.targets}
    for item_id, item in meta.items.items():
        if item_id in keep:
            if item.name:
                entries.append(MetadataEntry(Group.OTHER, "Item name", metadata.text_of(item.name), True))
            continue
        kind = kinds[item_id]
        payload = b""
        location = meta.locations.get(item_id)
        if kind in ("exif", "xmp") and location is not None:
            for extent in location.extents:
                if len(payload) + extent.length > MAX_EXIF_BYTES:
                    raise ScrubError("its Exif or XMP is far too large")
                if location.method == 1 and idat is not None:
                    payload += raw[idat.body + extent.offset : idat.body + extent.offset + extent.length]
                elif location.method == 0:
                    payload += source.read_at(extent.offset, extent.length)
        if kind == "exif" and len(payload) >= 4:
            (skip,) = struct.unpack_from(">I", payload)
            found, found_gps, found_thumb = metadata.read_exif_block(
                payload[4 + skip :] if 4 + skip < len(payload) else b""
            )
            entries.extend(found)
            gps = gps or found_gps
            thumbnail = thumbnail or found_thumb
        elif kind == "xmp":
            entries.append(
                MetadataEntry(Group.SOFTWARE, "XMP", f"{len(payload):,} bytes (edit history, people, places)", True)
            )
        elif kind == "thumbnail":
            entries.append(
                MetadataEntry(Group.EMBEDDED, "Embedded preview image", "may show the uncropped original", True)
            )
        elif kind == "depth":
            entries.append(
                MetadataEntry(Group.EMBEDDED, "Depth map", "the distance of everything in the picture", True)
            )
        elif kind == "matte":
            entries.append(
                MetadataEntry(Group.EMBEDDED, "Hidden layer", "e.g. a portrait matte outlining people", True)
            )
        elif kind == "gain":
            entries.append(MetadataEntry(Group.EMBEDDED, "HDR gain map", "brightens the picture on HDR screens", False))
        elif meta.items[item_id].type not in PICTURE_ITEMS or item_id not in tiles:
            entries.append(MetadataEntry(Group.EMBEDDED, "Other embedded data", label(meta.items[item_id].type), True))
    return unique_entries(entries), gps, thumbnail


_ALLOWLIST = frozenset(
    {
        "ICC*",
        "Meta:PrimaryItemReference",
        "Meta:MetaImageSize",
        "Meta:Free",
        "QuickTime:Free",
        "QuickTime:Unknown_free",
        *(
            f"QuickTime:{tag}"
            for tag in (
                "MajorBrand",
                "MinorVersion",
                "CompatibleBrands",
                "HandlerType",
                "HandlerDescription",
                "MediaData*",
                "ImageSpatialExtent",
                "ImagePixelDepth",
                "Rotation",
                "ImageMirror",
                "CleanAperture*",
                "PixelAspectRatio",
                "AuxiliaryImageType",
                "ColorProfiles",
                "ColorPrimaries",
                "TransferCharacteristics",
                "MatrixCoefficients",
                "VideoFullRangeFlag",
                "ContentLightLevel*",
                "MasteringDisplay*",
                "LayerSelection",
                "OperatingPoint*",
                # the decoder's setup (hvcC, av1C)
                "HEVCConfigurationVersion",
                "GeneralProfile*",
                "GeneralTierFlag",
                "GeneralLevelIDC",
                "GenProfile*",
                "ConstraintIndicatorFlags",
                "MinSpatialSegmentationIDC",
                "ParallelismType",
                "ChromaFormat",
                "BitDepth*",
                "AverageFrameRate",
                "ConstantFrameRate",
                "NumTemporalLayers",
                "TemporalIDNested",
                "AV1ConfigurationVersion",
                "SeqProfile",
                "SeqLevelIdx0",
                "SeqTier0",
                "HighBitDepth",
                "TwelveBit",
                "ChromaFormat",
                "ChromaSamplePosition",
                "InitialDelaySamples",
                "Monochrome",
                "ChromaSubsampling*",
            )
        ),
    }
)

HEIF = FileFormat(
    name="HEIF",
    suffixes=(".heic", ".heif", ".hif"),
    mime="image/heic",
    magic=_is_heif,
    lossless=True,
    allowlist=_ALLOWLIST,
    clean=clean,
    verify=verify,
    clean_verified=clean_verified,
    fallback=reencode_heif,
    read=read,
)
AVIF = FileFormat(
    name="AVIF",
    suffixes=(".avif",),
    mime="image/avif",
    magic=_is_avif,
    lossless=True,
    allowlist=_ALLOWLIST,
    clean=clean,
    verify=verify,
    clean_verified=clean_verified,
    fallback=reencode_avif,
    read=read,
)
