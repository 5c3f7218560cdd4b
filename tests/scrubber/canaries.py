"""Canaries planted at every structural position of a HEIF or video file (see boxtree.py).

Each variant is the input with one unique canary added: at the end of each box's contents (its
tail, beyond its defined fields), as an unknown box after each box, as a `free` box filled with it
inside each container, after the end of the file, at the start of `mdat` (a copy of Exif that no
item references) and just after each item's data (an extent that covers only part of its bytes).
Boxes repeated many times (tiles, properties) are planted in their first two occurrences.
"""

from __future__ import annotations

import re
import struct
from collections.abc import Iterator

from tests.scrubber.boxtree import Node, flatten, insert, walk


def _box(kind: bytes, payload: bytes) -> bytes:
    return struct.pack(">I", 8 + len(payload)) + kind + payload


def _ancestors(nodes: list[Node], target: Node) -> list[Node]:
    return [
        n
        for n in flatten(nodes)
        if n is not target and n.start <= target.start and target.end <= n.end and n.end > n.start
    ]


def _key(node: Node) -> str:
    return re.sub(r"\[\d+\]", "", node.path)


def variants(data: bytes, tag: str) -> Iterator[tuple[str, bytes, bytes]]:
    """(where, the file with a canary there, the canary)."""
    nodes = walk(data)
    count = 0

    def canary() -> bytes:
        nonlocal count
        count += 1
        return f"CANARY-{tag}-{count:04d}".encode()

    seen: dict[str, int] = {}
    for node in flatten(nodes):
        key = _key(node)
        seen[key] = seen.get(key, 0) + 1
        if seen[key] > 2:
            continue
        up = _ancestors(nodes, node)
        mark = canary()
        yield f"{node.path}: tail", insert(data, node.end, mark, [node, *up]), mark
        mark = canary()
        yield f"{node.path}: unknown box after", insert(data, node.end, _box(b"cnry", mark), up), mark
        if node.children_at is not None:
            mark = canary()
            where = f"{node.path}: free box inside"
            yield where, insert(data, node.children_at, _box(b"free", mark), [node, *up]), mark
        if node.type == b"mdat":
            mark = canary()
            copy = b"Exif\x00\x00MM\x00\x2a\x00\x00\x00\x08" + mark
            yield f"{node.path}: unreferenced Exif at the start", insert(data, node.body, copy, [node, *up]), mark
    mark = canary()
    yield "after the end of the file", data + mark, mark
    mark = canary()
    yield "a box after the last box", data + _box(b"cnry", mark), mark
    yield from _after_each_item(data, nodes, canary)


def _after_each_item(data: bytes, nodes: list[Node], canary: object) -> Iterator[tuple[str, bytes, bytes]]:
    """HEIF only: the canary right after the end of each item's data in `mdat`."""
    from socially_aware.scrubber import heifbox, isobmff

    metas = [n for n in nodes if n.type == b"meta"]
    mdats = [n for n in nodes if n.type == b"mdat"]
    if not metas or not mdats:
        return
    try:
        meta = heifbox.parse_meta(
            data, isobmff.Box(b"meta", metas[0].start, metas[0].header, metas[0].end), isobmff.Budget()
        )
    except Exception:
        return
    done = 0
    for item_id, location in meta.locations.items():
        if location.method != 0 or not location.extents or done >= 6:
            continue
        end = location.extents[-1].offset + location.extents[-1].length
        holder = next((m for m in mdats if m.body <= end <= m.end), None)
        if holder is None:
            continue
        mark = canary()  # type: ignore[operator]
        kind = meta.items[item_id].type.decode("latin-1") if item_id in meta.items else "?"
        yield f"just after item {item_id} ({kind})'s data", insert(data, end, mark, [holder]), mark
        done += 1
