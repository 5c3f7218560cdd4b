"""HEIC and AVIF photos made in the tests: Exif with GPS, owner and camera, XMP, a rotation."""

from __future__ import annotations

import struct
from dataclasses import dataclass
from pathlib import Path

from PIL import Image

from tests.scrubber.photos import OWNER, XMP, noisy


def _exif(orientation: int | None = None) -> bytes:
    exif = Image.Exif()
    exif[0x010F], exif[0x0110], exif[0x013B] = "Canon", "EOS R6", OWNER
    if orientation:
        exif[0x0112] = orientation
    exif.get_ifd(0x8825).update({1: "S", 2: (33.0, 51.0, 54.0), 3: "E", 4: (151.0, 12.0, 36.0)})
    return exif.tobytes()


def made_heic(folder: Path, name: str = "made.heic") -> Path:
    import pillow_heif

    heif = pillow_heif.from_pillow(noisy((96, 64)))
    path = folder / name
    heif.save(path, quality=90, exif=_exif(), xmp=XMP.split(b"\x00", 1)[1])
    return path


def made_avif(folder: Path, name: str = "made.avif") -> Path:
    """Pillow turns the Exif orientation into the container's rotation (irot)."""
    path = folder / name
    noisy((96, 64)).save(path, "AVIF", quality=90, exif=_exif(orientation=6), xmp=XMP.split(b"\x00", 1)[1])
    return path


# --- HEIF built item by item, for the canary tests ---------------------------------------------------


@dataclass
class Extra:
    """An item beside the picture: Exif or XMP, stored in `mdat` (method 0) or `idat` (method 1);
    `covered` < len(data) makes its extent cover only the start of its bytes."""

    type: bytes
    data: bytes
    method: int = 0
    covered: int | None = None


def _box(kind: bytes, payload: bytes) -> bytes:
    return struct.pack(">I", 8 + len(payload)) + kind + payload


def _full(kind: bytes, version: int, flags: int, payload: bytes) -> bytes:
    return _box(kind, struct.pack(">I", (version << 24) | flags) + payload)


def picture_parts(heic: bytes) -> tuple[bytes, list[bytes]]:
    """The coded primary picture and its properties (whole boxes) from a single-picture HEIC."""
    from socially_aware.scrubber import heifbox, isobmff

    top = isobmff.children(isobmff.BytesSource(heic), 0, len(heic), isobmff.Budget())
    meta = heifbox.parse_meta(heic, next(b for b in top if b.type == b"meta"), isobmff.Budget())
    extents = meta.locations[meta.primary].extents
    coded = b"".join(heic[e.offset : e.offset + e.length] for e in extents)
    props = [meta.properties[a.index - 1] for a in meta.associations[meta.primary]]
    return coded, [heic[p.start : p.end] for p in props]


def build_heif(
    coded: bytes,
    properties: list[bytes],
    extras: list[Extra],
    *,
    mdat_tail: bytes = b"",
    hdlr_name: bytes = b"",
) -> bytes:
    """ftyp, meta (hdlr, pitm, iinf, iloc v1, iref, iprp, idat), mdat: the picture is item 1, the
    extras items 2... each described by a `cdsc` reference to the picture."""
    items = [(1, b"hvc1", b"")] + [
        (n, x.type, b"application/rdf+xml" if x.type == b"mime" else b"") for n, x in enumerate(extras, 2)
    ]
    infes = b"".join(
        _full(b"infe", 2, 0, struct.pack(">HH", i, 0) + t + b"\x00" + (c + b"\x00" if t == b"mime" else b""))
        for i, t, c in items
    )
    iinf = _full(b"iinf", 0, 0, struct.pack(">H", len(items)) + infes)
    ipco = _box(b"ipco", b"".join(properties))
    ipma = _full(
        b"ipma",
        0,
        0,
        struct.pack(">IHB", 1, 1, len(properties)) + bytes(0x80 | n for n in range(1, len(properties) + 1)),
    )
    iprp = _box(b"iprp", ipco + ipma)
    iref = _full(b"iref", 0, 0, b"".join(_box(b"cdsc", struct.pack(">HHH", i, 1, 1)) for i, _t, _c in items[1:]))
    idat_payload = b"".join(x.data for x in extras if x.method == 1)
    hdlr = _full(b"hdlr", 0, 0, bytes(4) + b"pict" + bytes(12) + hdlr_name + b"\x00")
    pitm = _full(b"pitm", 0, 0, struct.pack(">H", 1))

    def meta(mdat_start: int) -> bytes:
        entries = [(1, 0, mdat_start, len(coded))]
        at, idat_at = mdat_start + len(coded), 0
        for n, x in enumerate(extras, 2):
            length = len(x.data) if x.covered is None else x.covered
            if x.method == 1:
                entries.append((n, 1, idat_at, length))
                idat_at += len(x.data)
            else:
                entries.append((n, 0, at, length))
                at += len(x.data)
        iloc = _full(
            b"iloc",
            1,
            0,
            bytes([0x44, 0x00])
            + struct.pack(">H", len(entries))
            + b"".join(struct.pack(">HHHHII", i, m, 0, 1, o, n) for i, m, o, n in entries),
        )
        idat = _box(b"idat", idat_payload) if idat_payload else b""
        return _full(b"meta", 0, 0, hdlr + pitm + iinf + iloc + iref + iprp + idat)

    ftyp = _box(b"ftyp", b"heic" + bytes(4) + b"mif1heic")
    start = len(ftyp) + len(meta(0)) + 8
    media = coded + b"".join(x.data for x in extras if x.method == 0) + mdat_tail
    return ftyp + meta(start) + _box(b"mdat", media)


def exif_payload(extra: bytes) -> bytes:
    """An Exif item's bytes (4-byte offset to the TIFF header, then TIFF) with `extra` in a comment."""
    exif = Image.Exif()
    exif[0x010F], exif[0x013B], exif[0x010E] = "Canon", OWNER, extra.decode("latin-1")
    return struct.pack(">I", 0) + exif.tobytes()


def xmp_payload(extra: bytes) -> bytes:
    return XMP.split(b"\x00", 1)[1].replace(b"Canberra", b"Canberra " + extra)
