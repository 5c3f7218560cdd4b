"""The `meta` box of a HEIF/AVIF file, parsed into items: types, data extents, references, properties.

Each parser takes the box's bytes (a `meta` box is small: kilobytes) and checks every count against
the bytes left before looping, so a lying count ends in ScrubError, never in a long loop.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass, field

from socially_aware.scrubber.isobmff import Box, Budget, BytesSource, children, label
from socially_aware.scrubber.limits import MAX_ITEMS, MAX_LINKS, MAX_SMALL_BOX
from socially_aware.scrubber.model import ScrubError

KNOWN_REFERENCES = frozenset({b"dimg", b"auxl", b"thmb", b"cdsc", b"base", b"prem", b"font", b"iloc", b"pred"})


def _check_count(count: int, what: str, limit: int = MAX_ITEMS) -> None:
    if count > limit:
        raise ScrubError(f"declares {count:,} {what}, far more than any camera writes")


class Reader:
    """Big-endian fields from a byte string; running out is damage."""

    def __init__(self, data: bytes, pos: int = 0, end: int | None = None) -> None:
        self.data = data
        self.pos = pos
        self.end = len(data) if end is None else end

    def left(self) -> int:
        return self.end - self.pos

    def take(self, n: int) -> bytes:
        if n < 0 or self.pos + n > self.end:
            raise ScrubError("a HEIF box is cut short")
        chunk = self.data[self.pos : self.pos + n]
        self.pos += n
        return chunk

    def uint(self, size: int) -> int:
        if size == 0:
            return 0
        if not 1 <= size <= 8:
            raise ScrubError(f"a HEIF field has an impossible size ({size} bytes)")
        return int.from_bytes(self.take(size), "big")

    def cstring(self) -> bytes:
        stop = self.data.find(b"\x00", self.pos, self.end)
        if stop < 0:
            raise ScrubError("a HEIF text field is not terminated")
        text = self.data[self.pos : stop]
        self.pos = stop + 1
        return text


def full_box(data: bytes, box: Box) -> tuple[int, int, Reader]:
    """Version, flags and a reader over the rest of a full box held in `data`."""
    reader = Reader(data, box.body, box.end)
    version, flags = reader.uint(1), reader.uint(3)
    return version, flags, reader


@dataclass
class Extent:
    offset: int
    """In the file (construction method 0) or in the `idat` payload (method 1)."""
    length: int


@dataclass
class Location:
    method: int
    extents: list[Extent]
    reference: int
    """The data reference: 0 is "this file"; anything else points elsewhere."""
    raw: tuple[int, int]
    """Where this item's entry sits in the iloc box: (start, end) offsets in the file's bytes."""


@dataclass
class Item:
    id: int
    type: bytes
    name: bytes = b""
    content_type: bytes = b""
    hidden: bool = False
    infe: Box | None = None


@dataclass
class Reference:
    type: bytes
    source: int
    targets: list[int]


@dataclass
class Association:
    essential: bool
    index: int
    """1-based position in ipco; 0 means none."""


@dataclass
class Meta:
    box: Box
    boxes: list[Box]
    """The children of `meta`, in order."""
    primary: int
    items: dict[int, Item]
    locations: dict[int, Location]
    references: list[Reference]
    properties: list[Box]
    """The children of ipco, in order (an association's index 1 is properties[0])."""
    associations: dict[int, list[Association]]
    iloc: tuple[int, int, int, int, int] = (0, 4, 4, 0, 0)
    """version, offset size, length size, base offset size, index size."""
    iinf_version: int = 0
    iref_version: int = 0
    ipma: tuple[int, int] = (0, 0)
    """version, flags."""
    aux_types: dict[int, bytes] = field(default_factory=dict)
    """item id -> the auxC type of an auxiliary image (alpha, depth, gain map, mattes)."""

    def property_of(self, item: int, kind: bytes) -> Box | None:
        for association in self.associations.get(item, []):
            if 0 < association.index <= len(self.properties) and self.properties[association.index - 1].type == kind:
                return self.properties[association.index - 1]
        return None


def parse_meta(data: bytes, meta: Box, budget: Budget) -> Meta:
    source = BytesSource(data)
    if meta.size > MAX_SMALL_BOX:
        raise ScrubError(f"its metadata box is {meta.size:,} bytes, far too large for a picture's")
    version, _flags, _ = full_box(data, meta)
    if version != 0:
        raise ScrubError(f"has a meta box of version {version}, which this app does not know")
    boxes = children(source, meta.body + 4, meta.end, budget, depth=1)
    handler = next((b for b in boxes if b.type == b"hdlr"), None)
    if handler is None or data[handler.body + 8 : handler.body + 12] != b"pict":
        raise ScrubError("its metadata box is not a picture's (no 'pict' handler)")
    result = Meta(meta, boxes, 0, {}, {}, [], [], {})
    for box in boxes:
        if box.type == b"pitm":
            version, _, reader = full_box(data, box)
            result.primary = reader.uint(2 if version == 0 else 4)
        elif box.type == b"iinf":
            _parse_iinf(data, box, budget, result)
        elif box.type == b"iloc":
            _parse_iloc(data, box, result)
        elif box.type == b"iref":
            _parse_iref(data, box, budget, result)
        elif box.type == b"iprp":
            _parse_iprp(data, box, budget, result)
    for item_id, associations in result.associations.items():
        if any(a.index > len(result.properties) for a in associations):
            raise ScrubError(f"item {item_id} refers to a property that does not exist")
    if result.primary not in result.items:
        raise ScrubError("its primary picture is missing from the item list")
    for item_id in result.items:
        aux = result.property_of(item_id, b"auxC")
        if aux is not None:
            _version, _flags, reader = full_box(data, aux)
            result.aux_types[item_id] = reader.cstring()
    return result


def _parse_iinf(data: bytes, box: Box, budget: Budget, result: Meta) -> None:
    version, _flags, reader = full_box(data, box)
    result.iinf_version = version
    reader.uint(2 if version == 0 else 4)  # the count; the boxes themselves are what counts
    for entry in children(BytesSource(data), reader.pos, box.end, budget, depth=2):
        if entry.type != b"infe":
            continue
        infe_version, flags, infe = full_box(data, entry)
        if infe_version < 2:
            raise ScrubError(f"uses an old item information format (version {infe_version})")
        item_id = infe.uint(2 if infe_version == 2 else 4)
        protection = infe.uint(2)
        if protection:
            raise ScrubError("has protected (encrypted) items")
        kind = infe.take(4)
        name = infe.cstring() if infe.left() else b""
        content_type = infe.cstring() if kind == b"mime" and infe.left() else b""
        if item_id in result.items:
            raise ScrubError(f"declares item {item_id} twice")
        _check_count(len(result.items) + 1, "items")
        result.items[item_id] = Item(item_id, kind, name, content_type, bool(flags & 1), entry)


def _parse_iloc(data: bytes, box: Box, result: Meta) -> None:
    version, _flags, reader = full_box(data, box)
    if version > 2:
        raise ScrubError(f"has an item location box of version {version}")
    sizes = reader.uint(1)
    offset_size, length_size = sizes >> 4, sizes & 15
    sizes = reader.uint(1)
    base_size, index_size = sizes >> 4, (sizes & 15 if version in (1, 2) else 0)
    result.iloc = (version, offset_size, length_size, base_size, index_size)
    count = reader.uint(2 if version < 2 else 4)
    _check_count(count, "item locations")
    id_size = 2 if version < 2 else 4
    minimum = id_size + (2 if version else 0) + 2 + base_size + 2
    if count * minimum > reader.left():
        raise ScrubError("its item location box claims more items than it holds")
    extents_seen = 0
    for _ in range(count):
        start = reader.pos
        item_id = reader.uint(id_size)
        method = reader.uint(2) & 15 if version in (1, 2) else 0
        reference = reader.uint(2)
        base = reader.uint(base_size)
        extent_count = reader.uint(2)
        per_extent = index_size + offset_size + length_size
        if extent_count * per_extent > reader.left():
            raise ScrubError("its item location box claims more extents than it holds")
        extents_seen += extent_count
        _check_count(extents_seen, "pieces of item data", MAX_LINKS)
        extents = []
        for _ in range(extent_count):
            reader.uint(index_size)
            extents.append(Extent(base + reader.uint(offset_size), reader.uint(length_size)))
        if item_id in result.locations:
            raise ScrubError(f"locates item {item_id} twice")
        result.locations[item_id] = Location(method, extents, reference, (start, reader.pos))


def _parse_iref(data: bytes, box: Box, budget: Budget, result: Meta) -> None:
    version, _flags, reader = full_box(data, box)
    result.iref_version = version
    id_size = 2 if version == 0 else 4
    links = 0
    for ref in children(BytesSource(data), reader.pos, box.end, budget, depth=2):
        fields = Reader(data, ref.body, ref.end)
        source = fields.uint(id_size)
        count = fields.uint(2)
        if count * id_size > fields.left():
            if ref.type not in KNOWN_REFERENCES:
                continue  # a damaged link of a kind no picture needs: dropped with the rest
            raise ScrubError(f"its {label(ref.type)} reference claims more items than it holds")
        links += count
        _check_count(links, "links between items", MAX_LINKS)
        result.references.append(Reference(ref.type, source, [fields.uint(id_size) for _ in range(count)]))


def _parse_iprp(data: bytes, box: Box, budget: Budget, result: Meta) -> None:
    source = BytesSource(data)
    for child in children(source, box.body, box.end, budget, depth=2):
        if child.type == b"ipco":
            result.properties = children(source, child.body, child.end, budget, depth=3)
            _check_count(len(result.properties), "properties")
        elif child.type == b"ipma":
            version, flags, reader = full_box(data, child)
            result.ipma = (version, flags)
            count = reader.uint(4)
            _check_count(count, "property associations")
            id_size = 2 if version < 1 else 4
            wide = 2 if flags & 1 else 1
            if count * (id_size + 1) > reader.left():
                raise ScrubError("its property associations claim more items than they hold")
            for _ in range(count):
                item_id = reader.uint(id_size)
                n = reader.uint(1)
                associations = []
                for _ in range(n):
                    value = reader.uint(wide)
                    top = 0x8000 if wide == 2 else 0x80
                    associations.append(Association(bool(value & top), value & (top - 1)))
                result.associations.setdefault(item_id, []).extend(associations)


def build_full_box(kind: bytes, version: int, flags: int, payload: bytes) -> bytes:
    return struct.pack(">I4sI", 12 + len(payload), kind, (version << 24) | flags) + payload


def build_box(kind: bytes, payload: bytes) -> bytes:
    return struct.pack(">I4s", 8 + len(payload), kind) + payload
