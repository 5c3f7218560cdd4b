"""A test-side ISOBMFF walker and editor, independent of the cleaner's own parser.

It finds every box of a HEIF or video file (descending into the containers both formats use) and
inserts bytes anywhere, growing the boxes around the insertion and moving every absolute offset
that points past it (HEIF `iloc` extents, `stco`/`co64` chunk offsets, fragment `tfhd`/`trun`
offsets), so the edited file still decodes and plays: a canary placed this way sits in a valid file,
and a cleaner that refuses the file has to do so for the canary, not for broken offsets.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass, field

# How many bytes of fields come before a container's children.
PLAIN = frozenset(
    b"moov trak mdia minf stbl dinf edts udta mvex moof traf mfra gmhd tref iprp ipco wave ilst sinf schi".split()
)
VISUAL = frozenset(b"avc1 avc3 hvc1 hev1 mp4v s263 av01 vp09 jpeg".split())
AUDIO = frozenset(b"mp4a samr sawb ac-3 ec-3 alac Opus lpcm sowt twos".split())
SIMPLE_ENTRIES = frozenset(b"mebx gpmd camm mett metx".split())


@dataclass
class Node:
    type: bytes
    start: int
    header: int
    end: int
    depth: int
    path: str
    children_at: int | None = None
    """Where the children begin, for containers."""
    kids: list[Node] = field(default_factory=list)

    @property
    def body(self) -> int:
        return self.start + self.header


def _children_offset(data: bytes, kind: bytes, body: int, end: int) -> int | None:
    if kind in PLAIN:
        return body
    if kind == b"meta":
        return body if data[body + 4 : body + 8] == b"hdlr" else body + 4
    if kind == b"iinf":
        return body + 4 + (2 if data[body] == 0 else 4)
    if kind in (b"iref",):
        return body + 4
    if kind in (b"dref", b"stsd"):
        return body + 8
    if kind in VISUAL:
        return body + 78
    if kind in AUDIO:
        version = struct.unpack_from(">H", data, body + 8)[0] if body + 10 <= end else 0
        return body + 28 + {1: 16, 2: 36}.get(version, 0)
    if kind in SIMPLE_ENTRIES:
        return body + 8
    if kind == b"tx3g":
        return body + 38
    return None


def walk(data: bytes, start: int = 0, end: int | None = None, depth: int = 0, path: str = "") -> list[Node]:
    end = len(data) if end is None else end
    nodes: list[Node] = []
    pos = start
    seen: dict[bytes, int] = {}
    while pos + 8 <= end:
        size, kind = struct.unpack_from(">I4s", data, pos)
        header = 8
        if size == 1:
            (size,) = struct.unpack_from(">Q", data, pos + 8)
            header = 16
        elif size == 0:
            size = end - pos
        if kind == b"uuid":
            header += 16
        if size < header or pos + size > end:
            break
        n = seen.get(kind, 0)
        seen[kind] = n + 1
        name = kind.decode("latin-1") if kind.decode("latin-1").isprintable() else kind.hex()
        node = Node(kind, pos, header, pos + size, depth, f"{path}/{name}" + (f"[{n}]" if n else ""))
        at = _children_offset(data, kind, pos + header, pos + size)
        if at is not None and at <= node.end and depth < 12:
            node.children_at = at
            node.kids = walk(data, at, node.end, depth + 1, node.path)
        nodes.append(node)
        pos += size
    return nodes


def flatten(nodes: list[Node]) -> list[Node]:
    result: list[Node] = []
    for node in nodes:
        result.append(node)
        result.extend(flatten(node.kids))
    return result


def containing(nodes: list[Node], position: int, *, including_end: Node | None = None) -> list[Node]:
    """The boxes whose body holds `position` (strictly inside), plus `including_end` and its
    ancestors when inserting at a box's very end."""
    result = []
    for node in flatten(nodes):
        if (
            node.body <= position < node.end
            or node is including_end
            or (including_end is not None and node.start < including_end.start and including_end.end <= node.end)
        ):
            result.append(node)
    return result


def _grow(data: bytearray, node: Node, delta: int) -> None:
    (size,) = struct.unpack_from(">I", data, node.start)
    if size == 1:
        (large,) = struct.unpack_from(">Q", data, node.start + 8)
        struct.pack_into(">Q", data, node.start + 8, large + delta)
    elif size != 0:
        struct.pack_into(">I", data, node.start, size + delta)


def insert(data: bytes, position: int, payload: bytes, grow: list[Node]) -> bytes:
    """`payload` inserted at `position`, each box in `grow` longer by as much, offsets moved."""
    edited = bytearray(data)
    for node in grow:
        _grow(edited, node, len(payload))
    edited[position:position] = payload
    shift_offsets(edited, position, len(payload))
    return bytes(edited)


def _uint(data: bytearray, pos: int, size: int) -> int:
    return int.from_bytes(data[pos : pos + size], "big") if size else 0


def _put(data: bytearray, pos: int, size: int, value: int) -> None:
    data[pos : pos + size] = value.to_bytes(size, "big")


def shift_offsets(data: bytearray, at: int, delta: int) -> None:
    """Every absolute file offset >= `at` (in the file before the insertion) moved by `delta`."""
    for node in flatten(walk(bytes(data))):
        body = node.body
        if node.type in (b"stco", b"co64"):
            width = 4 if node.type == b"stco" else 8
            (count,) = struct.unpack_from(">I", data, body + 4)
            for i in range(max(0, min(count, (node.end - body - 8) // width))):
                pos = body + 8 + i * width
                value = _uint(data, pos, width)
                if value >= at:
                    _put(data, pos, width, value + delta)
        elif node.type == b"iloc":
            _shift_iloc(data, node, at, delta)
        elif node.type == b"moof":
            _shift_fragment(data, node, at, delta)


def _shift_iloc(data: bytearray, node: Node, at: int, delta: int) -> None:
    body = node.body
    version = data[body]
    offset_size, length_size = data[body + 4] >> 4, data[body + 4] & 15
    base_size, index_size = data[body + 5] >> 4, (data[body + 5] & 15 if version else 0)
    pos = body + 6
    id_size = 2 if version < 2 else 4
    count = _uint(data, pos, id_size)
    pos += id_size
    for _ in range(count):
        if pos >= node.end:
            return  # a damaged table (e.g. a canary planted in it): nothing more to move
        pos += id_size
        method = 0
        if version:
            method = _uint(data, pos, 2) & 15
            pos += 2
        pos += 2
        base_at = pos
        base = _uint(data, pos, base_size)
        pos += base_size
        extents = _uint(data, pos, 2)
        pos += 2
        moved_base = False
        for _ in range(extents):
            if pos >= node.end:
                return
            pos += index_size
            offset = _uint(data, pos, offset_size)
            if method == 0 and base + offset >= at:
                if base_size and not moved_base:
                    _put(data, base_at, base_size, base + delta)
                    moved_base = True
                elif not base_size and offset_size:
                    _put(data, pos, offset_size, offset + delta)
            pos += offset_size + length_size


def _shift_fragment(data: bytearray, moof: Node, at: int, delta: int) -> None:
    for traf in (n for n in moof.kids if n.type == b"traf"):
        for box in traf.kids:
            flags = _uint(data, box.body + 1, 3)
            if box.type == b"tfhd" and flags & 1:
                value = _uint(data, box.body + 8, 8)
                if value >= at:
                    _put(data, box.body + 8, 8, value + delta)
            elif box.type == b"trun" and flags & 1:
                (offset,) = struct.unpack_from(">i", data, box.body + 8)
                if moof.start < at <= moof.start + offset:
                    struct.pack_into(">i", data, box.body + 8, offset + delta)
