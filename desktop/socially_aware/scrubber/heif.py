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
is unchanged. These files are never re-encoded: one whose container cannot be edited is refused.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass, replace
from typing import BinaryIO

from socially_aware.scrubber import heifbox, heifwrite
from socially_aware.scrubber.heifbox import Meta, build_box, build_full_box
from socially_aware.scrubber.isobmff import (
    Box,
    Budget,
    BytesSource,
    FileSource,
    children,
    header_at,
    label,
)
from socially_aware.scrubber.limits import MAX_FILE_BYTES, megabytes
from socially_aware.scrubber.model import CleanOptions, FileFormat, Group, MetadataEntry, ScrubError, unique_entries

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
    "tails": "hidden data in the picture's settings (beyond their defined fields)",
    "layout": "data outside the picture's fields (names, padding, unknown brands)",
    "in-band": "notes inside the picture's coded data (SEI messages, metadata OBUs)",
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


def _layout(data: bytes, budget: Budget, strict: bool = True) -> _Layout:
    """The top-level boxes and the parsed `meta`. Not strict (cleaning): whatever follows the last
    whole box (a cut-off or lying box, stray bytes) is left out of the cleaned file."""
    source = BytesSource(data)
    top = children(source, 0, len(data), budget) if strict else _whole_boxes(source, budget)
    if not top or top[0].type != b"ftyp":
        raise ScrubError("not a HEIF file (it does not start with a file type box)")
    metas = [b for b in top if b.type == b"meta"]
    if len(metas) != 1:
        raise ScrubError(f"has {len(metas)} metadata boxes where a picture has one")
    return _Layout(top, heifbox.parse_meta(data, metas[0], budget))


def _whole_boxes(source: BytesSource, budget: Budget) -> list[Box]:
    boxes: list[Box] = []
    pos = 0
    while pos + 8 <= source.size:
        try:
            box = header_at(source, pos, source.size)
        except ScrubError:
            if not boxes:
                raise
            break
        budget.spend()
        boxes.append(box)
        pos = box.end
    return boxes


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


@dataclass
class _Item:
    """A kept item as it is written: its entry fields and its data (the bytes, in order)."""

    id: int
    type: bytes
    hidden: bool
    method: int
    data: list[bytes | memoryview] | None
    """None: the item has no data (an identity derivation)."""
    properties: list[tuple[bool, bytes]]
    """(essential, the property written from its fields), in the order the item lists them."""


@dataclass
class _Plan:
    major: bytes
    ftyp: bytes
    primary: int
    items: list[_Item]
    references: list[tuple[bytes, int, list[int]]]
    removed: list[str]


KEPT_REFERENCES = frozenset({b"dimg", b"auxl", b"prem"})
"""Links between the parts of one picture; thumbnails (thmb), descriptions (cdsc) and the rest
link removed items."""


def _extents(data: bytes, meta: Meta, item_id: int) -> list[tuple[int, int, int]]:
    """(construction method, start, end) in `data` of each extent of an item."""
    location = meta.locations.get(item_id)
    if location is None:
        return []
    if location.reference != 0:
        raise ScrubError(f"item {item_id}'s data is in another file")
    if location.method not in (0, 1):
        raise ScrubError(f"item {item_id}'s data is built in a way this app does not know (method {location.method})")
    idat = next((b for b in meta.boxes if b.type == b"idat"), None)
    result = []
    for extent in location.extents:
        if location.method == 1:
            if idat is None:
                raise ScrubError("an item lies in a missing data box (idat)")
            start, limit = idat.body + extent.offset, idat.end
        else:
            start, limit = extent.offset, len(data)
        if extent.length == 0 or start + extent.length > limit:
            raise ScrubError(f"item {item_id} claims data beyond the end of the file")
        result.append((location.method, start, start + extent.length))
    return result


def _plan(data: bytes, options: CleanOptions) -> _Plan:
    layout = _layout(data, Budget(), strict=False)
    meta = layout.meta
    keep = _keep(meta)
    for item_id in keep:
        if meta.items[item_id].type not in PICTURE_ITEMS:
            raise ScrubError(
                f"its picture is of a kind this app cannot keep unchanged ({label(meta.items[item_id].type)})"
            )
        if item_id not in meta.locations and meta.items[item_id].type != b"iden":
            raise ScrubError(f"the picture's item {item_id} has no location")
    removed: list[str] = []

    def note(kind: str) -> None:
        if REMOVED_NAMES[kind] not in removed:
            removed.append(REMOVED_NAMES[kind])

    removed_ids = [i for i in meta.items if i not in keep]
    for kind in _kinds_of_removed(meta, removed_ids).values():
        note(kind)
    if any(meta.items[i].name for i in keep):
        note("names")
    references = [
        (r.type, r.source, [t for t in r.targets if t in keep])
        for r in meta.references
        if r.type in KEPT_REFERENCES and r.source in keep and any(t in keep for t in r.targets)
    ]
    inputs = {source: len(targets) for kind, source, targets in references if kind == b"dimg"}
    canonical: dict[int, bytes | None] = {}
    items = []
    for item_id, item in meta.items.items():
        if item_id not in keep:
            continue
        pieces: list[bytes | memoryview] = [memoryview(data)[s:e] for _m, s, e in _extents(data, meta, item_id)]
        location = meta.locations.get(item_id)
        if item.type in (b"grid", b"iovl"):
            pieces = [heifwrite.derived_item(item.type, b"".join(pieces), inputs.get(item_id, 0))]
        elif item.type in (b"hvc1", b"av01") and location is not None:
            whole = b"".join(pieces)
            coded = heifwrite.coded_item(item.type, whole, _length_size(data, meta, item_id))
            if coded != whole:
                note("in-band")
                pieces = [coded]
        properties = []
        for association in meta.associations.get(item_id, []):
            if association.index == 0:
                continue
            if association.index not in canonical:
                box = meta.properties[association.index - 1]
                written = heifwrite.property_box(data, box, options.keep_icc)
                if written is not None and written != data[box.start : box.end]:
                    note("tails")
                canonical[association.index] = written
            written = canonical[association.index]
            if written is None:
                if association.essential and meta.properties[association.index - 1].type != b"colr":
                    raise ScrubError(
                        f"its picture needs a {label(meta.properties[association.index - 1].type)} property, "
                        "which this app cannot prove clean"
                    )
                note("other")
                continue
            properties.append((association.essential, written))
        method = location.method if location is not None else 0
        items.append(_Item(item_id, item.type, item.hidden, method, pieces if location else None, properties))
    if any(i not in canonical for i in range(1, len(meta.properties) + 1)):
        note("other")  # properties of removed items, or of nothing
    if _leftovers(data, layout) or (layout.top[-1].end < len(data) and data[layout.top[-1].end :].strip(b"\x00")):
        note("leftovers")
    ftyp = heifwrite.ftyp(data, layout.top[0])
    return _Plan(data[8:12], ftyp, meta.primary, items, references, removed)


def _merged(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sorted, with touching or overlapping spans joined."""
    result: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if result and start <= result[-1][1]:
            result[-1] = (result[-1][0], max(result[-1][1], end))
        else:
            result.append((start, end))
    return result


def _leftovers(data: bytes, layout: _Layout) -> bool:
    """Whether anything not zero lies outside every structure and every item's data: unknown boxes,
    filled `free` boxes, bytes in `mdat` or `idat` that no item names."""
    meta = layout.meta
    named = _merged([(s, e) for i in meta.items for _m, s, e in _extents_or_none(data, meta, i)])
    holders = [b for b in layout.top if b.type not in (b"ftyp", b"meta")]
    holders += [b for b in meta.boxes if b.type in (b"idat", b"free", b"skip") or b.type not in META_CHILDREN]
    for box in holders:
        pos = box.body if box.type in (b"mdat", b"idat", b"free", b"skip") else box.start
        for start, end in named:
            if end <= pos or start >= box.end:
                continue
            if data[pos : max(pos, start)].strip(b"\x00"):
                return True
            pos = max(pos, end)
        if data[pos : box.end].strip(b"\x00"):
            return True
    return False


def _extents_or_none(data: bytes, meta: Meta, item_id: int) -> list[tuple[int, int, int]]:
    try:
        return _extents(data, meta, item_id)
    except ScrubError:
        return []


def _write(plan: _Plan) -> bytes:
    """ftyp, meta, mdat: every structure from its fields, the kept items' data back to back."""
    wide_ids = any(item.id > 0xFFFF for item in plan.items)
    id_size = 4 if wide_ids else 2
    properties: list[bytes] = []
    index: dict[bytes, int] = {}
    associations = []
    for item in plan.items:
        entry = []
        for essential, prop in item.properties:
            if prop not in index:
                properties.append(prop)
                index[prop] = len(properties)
            entry.append((essential, index[prop]))
        associations.append((item.id, entry))
    infes = b"".join(
        build_full_box(
            b"infe",
            3 if wide_ids else 2,
            int(item.hidden),
            item.id.to_bytes(id_size, "big") + bytes(2) + item.type + b"\x00",
        )
        for item in plan.items
    )
    iinf = build_full_box(b"iinf", int(wide_ids), 0, len(plan.items).to_bytes(id_size, "big") + infes)
    pitm = build_full_box(b"pitm", int(wide_ids), 0, plan.primary.to_bytes(id_size, "big"))
    refs = b"".join(
        build_box(
            kind,
            source.to_bytes(id_size, "big")
            + struct.pack(">H", len(targets))
            + b"".join(t.to_bytes(id_size, "big") for t in targets),
        )
        for kind, source, targets in plan.references
    )
    iref = build_full_box(b"iref", int(wide_ids), 0, refs) if refs else b""
    wide_index = len(properties) > 127
    ipma_entries = b"".join(
        item_id.to_bytes(id_size, "big")
        + bytes([len(entry)])
        + b"".join(
            struct.pack(">H", (0x8000 if essential else 0) | at)
            if wide_index
            else bytes([(0x80 if essential else 0) | at])
            for essential, at in entry
        )
        for item_id, entry in associations
    )
    ipma = build_full_box(b"ipma", int(wide_ids), int(wide_index), struct.pack(">I", len(associations)) + ipma_entries)
    iprp = build_box(b"iprp", build_box(b"ipco", b"".join(properties)) + ipma)
    idat_payload = b"".join(b"".join(i.data) for i in plan.items if i.data is not None and i.method == 1)

    def meta(media_at: int) -> bytes:
        entries = []
        at, idat_at = media_at, 0
        for item in plan.items:
            if item.data is None:
                continue
            length = sum(len(piece) for piece in item.data)
            offset = idat_at if item.method == 1 else at
            entries.append(
                item.id.to_bytes(id_size, "big")
                + struct.pack(">HHH", item.method, 0, 1)
                + struct.pack(">II", offset, length)
            )
            if item.method == 1:
                idat_at += length
            else:
                at += length
        iloc = build_full_box(
            b"iloc",
            2 if wide_ids else 1,
            0,
            bytes([0x44, 0]) + len(entries).to_bytes(id_size, "big") + b"".join(entries),
        )
        idat = build_box(b"idat", idat_payload) if idat_payload else b""
        return build_full_box(b"meta", 0, 0, heifwrite.handler() + pitm + iinf + iloc + iref + iprp + idat)

    media = [piece for i in plan.items if i.data is not None and i.method == 0 for piece in i.data]
    media_length = sum(len(piece) for piece in media)
    head = plan.ftyp + meta(0)
    mdat_header = 8 if media_length + 8 <= 0xFFFFFFFF else 16
    start = len(head) + mdat_header
    if start + media_length > 0xFFFFFFFF:
        raise ScrubError("is too large to be written with 32-bit offsets")
    size = media_length + mdat_header
    mdat = struct.pack(">I4s", size, b"mdat") if mdat_header == 8 else struct.pack(">I4sQ", 1, b"mdat", size)
    return b"".join([plan.ftyp, meta(start), mdat, *media]) if media else plan.ftyp + meta(start)


def clean(data: bytes, options: CleanOptions) -> tuple[bytes, list[str]]:
    """The file rewritten from its parsed fields: the picture's items and properties, their data
    copied byte for byte, offsets relocated; and the names of what was removed."""
    plan = _plan(data, options)
    written = _write(plan)
    if written != data and not plan.removed:
        plan.removed.append(REMOVED_NAMES["layout"])
    return written, plan.removed


def _item_data(data: bytes, meta: Meta, item_id: int) -> bytes:
    return b"".join(data[s:e] for _m, s, e in _extents(data, meta, item_id))


def _length_size(data: bytes, meta: Meta, item_id: int) -> int:
    """The width of the NAL length fields in an HEVC item's data, from its `hvcC` (4 when it has none)."""
    for association in meta.associations.get(item_id, []):
        box = meta.properties[association.index - 1] if association.index else None
        if box is not None and box.type == b"hvcC" and box.body + 22 <= len(data):
            return (data[box.body + 21] & 3) + 1
    return 4


def verify(original: bytes, cleaned: bytes) -> None:
    """Raise ScrubError unless every byte of `cleaned` is accounted for and the picture is the same.

    Accounted for: the file is exactly ftyp, meta and (if any item has data there) mdat; every box is
    equal to itself written from its own fields (nothing beyond a defined length, nothing unknown);
    `mdat` and `idat` hold exactly the items' extents, back to back, nothing else; every item is part
    of the picture. The same picture: the primary item and every item it is made of hold the same
    bytes as in the original, with the same properties."""
    after = _layout(cleaned, Budget())
    meta = after.meta
    kinds = [b.type for b in after.top]
    if kinds not in ([b"ftyp", b"meta", b"mdat"], [b"ftyp", b"meta"]):
        raise ScrubError("the cleaned file holds boxes other than the picture's")
    if heifwrite.ftyp(cleaned, after.top[0]) != cleaned[: after.top[0].end]:
        raise ScrubError("the cleaned file's type box holds more than its fields")
    if set(meta.items) != _keep(meta):
        raise ScrubError("the cleaned file holds items the picture does not need")
    for holder, method in [
        (next((b for b in after.top if b.type == b"mdat"), None), 0),
        (next((b for b in meta.boxes if b.type == b"idat"), None), 1),
    ]:
        spans = sorted((s, e) for i in meta.items for m, s, e in _extents(cleaned, meta, i) if m == method)
        pos = holder.body if holder is not None else None
        for start, end in spans:
            if start != pos:
                raise ScrubError("the cleaned file holds data that no item names, or overlapping items")
            pos = end
        if holder is not None and pos != holder.end:
            raise ScrubError("the cleaned file holds data that no item names")
    plan = _plan(cleaned, CleanOptions())
    if _write(plan) != cleaned:
        raise ScrubError("a box in the cleaned file holds more than its fields")
    before = _layout(original, Budget(), strict=False)
    for item in plan.items:
        was = before.meta.items.get(item.id)
        if was is None or was.type != item.type or item.id not in _keep(before.meta):
            raise ScrubError(f"item {item.id} is not the original picture's")
        now = _item_data(cleaned, meta, item.id)
        then = _item_data(original, before.meta, item.id)
        if item.type in (b"grid", b"iovl"):
            inputs = sum(len(r.targets) for r in before.meta.references if r.type == b"dimg" and r.source == item.id)
            then = heifwrite.derived_item(item.type, then, inputs)
        else:
            then = heifwrite.coded_item(item.type, then, _length_size(original, before.meta, item.id))
        if now != then:
            raise ScrubError("the picture data changed while cleaning")
        expected = []
        for association in before.meta.associations.get(item.id, []):
            if association.index == 0:
                continue
            written = heifwrite.property_box(original, before.meta.properties[association.index - 1])
            if written is not None:
                expected.append((association.essential, written))
        if not all(prop in expected for prop in item.properties) or any(
            p not in item.properties and p[1][4:8] != b"colr" for p in expected
        ):
            raise ScrubError("the picture's properties changed while cleaning")
    if plan.removed:
        raise ScrubError(f"the cleaned file still holds {plan.removed[0]}")


def clean_verified(data: bytes, options: CleanOptions) -> tuple[bytes, list[str]]:
    cleaned, removed = clean(data, options)
    verify(data, cleaned)
    return cleaned, removed


# --- inspection, from the container alone (no picture is decoded) ------------------------------

MAX_EXIF_BYTES = 4 * 1024 * 1024


def read(file: BinaryIO, size: int) -> tuple[list[MetadataEntry], tuple[float, float] | None, bytes | None]:
    from socially_aware.scrubber import metadata

    if size > MAX_FILE_BYTES:
        raise ScrubError(f"is {megabytes(size)}, larger than any photo this app will open")
    raw = FileSource(file.fileno(), size).read_at(0, size)
    meta = _layout(raw, Budget(), strict=False).meta
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
                    payload += raw[extent.offset : extent.offset + extent.length]
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
    # What cleaning would also remove (hidden data beyond fields, leftovers), so "nothing found"
    # and "already clean" stay the same statement.
    plan = _plan(raw, CleanOptions())
    if not plan.removed and _write(plan) != raw:
        plan.removed.append(REMOVED_NAMES["layout"])
    shown = {REMOVED_NAMES[kind] for kind in kinds.values()}
    for name in plan.removed:
        if name not in shown:
            entries.append(MetadataEntry(Group.OTHER, name[:1].upper() + name[1:], "removed when cleaned", True))
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
    read=read,
)
# AVIF is the same container with another brand: only the name and the recognition differ.
AVIF = replace(HEIF, name="AVIF", suffixes=(".avif",), mime="image/avif", magic=_is_avif)
