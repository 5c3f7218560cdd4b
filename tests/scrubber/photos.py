"""Dirty photos made in the tests: GPS, serial numbers, owner, thumbnail, XMP, IPTC, comments."""

from __future__ import annotations

import functools
import io
import random
import struct
from pathlib import Path

from PIL import Image, ImageCms

LAT, LON = -33.865143, 151.2099  # Sydney
SERIAL = "SN-4471-BORDER"
OWNER = "Alex Officer"
XMP = b'http://ns.adobe.com/xap/1.0/\x00<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:Description photoshop:City="Canberra" xmp:CreatorTool="Lightroom"/></x:xmpmeta>'
ICC = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()


def noisy(size: tuple[int, int] = (96, 64), mode: str = "RGB", seed: int = 1) -> Image.Image:
    return Image.frombytes(mode, size, _noise(size[0] * size[1] * len(mode), seed))


@functools.cache
def _noise(count: int, seed: int) -> bytes:
    # Drawn a byte at a time, the same noise made afresh for every sample was a tenth of the UI tests' CPU.
    rng = random.Random(seed)
    return bytes(rng.randrange(256) for _ in range(count))


def _rational(value: float) -> tuple[int, int]:
    return round(value * 10000), 10000


def _dms(value: float) -> list[tuple[int, int]]:
    value = abs(value)
    degrees = int(value)
    minutes = int((value - degrees) * 60)
    seconds = (value - degrees - minutes / 60) * 3600
    return [(degrees, 1), (minutes, 1), _rational(seconds)]


def exif_tiff(orientation: int = 6, thumbnail: bytes | None = None) -> bytes:
    """A little-endian Exif TIFF block written by hand, so IFD1 can carry a real thumbnail."""
    base = 8

    def ascii_(text: str) -> tuple[int, int, bytes]:
        raw = text.encode() + b"\x00"
        return 2, len(raw), raw

    def rationals(values: list[tuple[int, int]]) -> tuple[int, int, bytes]:
        return 5, len(values), b"".join(struct.pack("<II", *v) for v in values)

    def ifd(entries: list[tuple[int, int, int, bytes]], start: int, next_ifd: int) -> tuple[bytes, bytes]:
        body = struct.pack("<H", len(entries))
        data = bytearray()
        data_start = start + 2 + 12 * len(entries) + 4
        for tag, kind, count, value in sorted(entries):
            if len(value) <= 4:
                body += struct.pack("<HHI", tag, kind, count) + value.ljust(4, b"\x00")
            else:
                body += struct.pack("<HHII", tag, kind, count, data_start + len(data))
                data += value + (b"\x00" if len(value) % 2 else b"")
        return body + struct.pack("<I", next_ifd), bytes(data)

    # Sizes are computed in two passes: lay out with placeholder offsets, then again for real.
    def build(exif_at: int, gps_at: int, ifd1_at: int, thumb_at: int) -> bytes:
        e0 = [
            (0x010F, *ascii_("Canon")),
            (0x0110, *ascii_("EOS R6")),
            (0x013B, *ascii_(OWNER)),
            (0x0131, *ascii_("Firmware 1.8")),
            (0x0112, 3, 1, struct.pack("<H", orientation)),
            (0x8769, 4, 1, struct.pack("<I", exif_at)),
            (0x8825, 4, 1, struct.pack("<I", gps_at)),
        ]
        ifd0, data0 = ifd(e0, base, ifd1_at if thumbnail else 0)
        e_exif = [(0x9003, *ascii_("2024:01:01 09:30:00")), (0xA431, *ascii_(SERIAL)), (0xA430, *ascii_(OWNER))]
        exif_ifd, data_exif = ifd(e_exif, exif_at, 0)
        e_gps = [
            (0x0001, *ascii_("S")),
            (0x0002, *rationals(_dms(LAT))),
            (0x0003, *ascii_("E")),
            (0x0004, *rationals(_dms(LON))),
        ]
        gps_ifd, data_gps = ifd(e_gps, gps_at, 0)
        blob = b"II*\x00" + struct.pack("<I", base) + ifd0 + data0
        blob = blob.ljust(exif_at, b"\x00") + exif_ifd + data_exif
        blob = blob.ljust(gps_at, b"\x00") + gps_ifd + data_gps
        if thumbnail:
            e1 = [(0x0201, 4, 1, struct.pack("<I", thumb_at)), (0x0202, 4, 1, struct.pack("<I", len(thumbnail)))]
            ifd1, data1 = ifd(e1, ifd1_at, 0)
            blob = blob.ljust(ifd1_at, b"\x00") + ifd1 + data1
            blob = blob.ljust(thumb_at, b"\x00") + thumbnail
        return blob

    return build(400, 600, 800, 900)


def jpeg_thumbnail() -> bytes:
    out = io.BytesIO()
    noisy((32, 24), seed=9).save(out, "JPEG", quality=70)
    return out.getvalue()


def _segment(marker: int, payload: bytes) -> bytes:
    return bytes([0xFF, marker]) + struct.pack(">H", len(payload) + 2) + payload


def dirty_jpeg(path: Path, orientation: int = 6, progressive: bool = False, size: tuple[int, int] = (96, 64)) -> Path:
    path.write_bytes(_dirty_jpeg(orientation, progressive, size))
    return path


@functools.cache
def _dirty_jpeg(orientation: int, progressive: bool, size: tuple[int, int]) -> bytes:
    """The same arguments give the same bytes, so each kind of sample is encoded once per run."""
    out = io.BytesIO()
    noisy(size).save(out, "JPEG", quality=90, icc_profile=ICC, progressive=progressive)
    clean = out.getvalue()
    exif = _segment(0xE1, b"Exif\x00\x00" + exif_tiff(orientation, jpeg_thumbnail()))
    iptc_record = (
        b"\x1c\x02\x5a"
        + struct.pack(">H", 8)
        + b"Canberra"
        + b"\x1c\x02\x50"
        + struct.pack(">H", len(OWNER))
        + OWNER.encode()
    )
    iptc = _segment(
        0xED, b"Photoshop 3.0\x00" + b"8BIM\x04\x04\x00\x00" + struct.pack(">I", len(iptc_record)) + iptc_record
    )
    extra = exif + _segment(0xE1, XMP) + iptc + _segment(0xFE, b"Shot at the airport")
    # After SOI and JFIF APP0, as cameras do; a trailer after EOI like some phones add.
    jfif_end = 2 + 2 + struct.unpack(">H", clean[4:6])[0] if clean[2:4] == b"\xff\xe0" else 2
    return clean[:jfif_end] + extra + clean[jfif_end:] + b"TRAILERDATA-with-more-info"


def dirty_png(path: Path) -> Path:
    from PIL import PngImagePlugin

    info = PngImagePlugin.PngInfo()
    info.add_text("Author", OWNER)
    info.add_text("Comment", "Shot at the airport")
    info.add_itxt("XML:com.adobe.xmp", XMP.decode("latin-1").split("\x00", 1)[1])
    exif = Image.Exif()
    exif[0x0112] = 1
    exif[0x010F] = "Canon"
    noisy(mode="RGBA").save(path, "PNG", pnginfo=info, icc_profile=ICC, exif=exif.tobytes())
    data = path.read_bytes()
    # a tIME chunk before IEND
    import zlib

    time_chunk = struct.pack(">I", 7) + b"tIME" + b"\x07\xe8\x01\x01\x09\x1e\x00"
    time_chunk += struct.pack(">I", zlib.crc32(b"tIME\x07\xe8\x01\x01\x09\x1e\x00"))
    path.write_bytes(data[:-12] + time_chunk + data[-12:])
    return path


def dirty_webp(path: Path, lossless: bool = True) -> Path:
    exif = Image.Exif()
    exif[0x010F] = "Canon"
    exif[0x0112] = 3
    gps = exif.get_ifd(0x8825)
    gps.update({1: "S", 2: (33.0, 51.0, 54.0), 3: "E", 4: (151.0, 12.0, 36.0)})
    noisy().save(
        path, "WEBP", lossless=lossless, quality=80, exif=exif.tobytes(), xmp=XMP.split(b"\x00", 1)[1], icc_profile=ICC
    )
    return path


def dirty_mpo(path: Path) -> Path:
    first = dirty_jpeg(path.with_suffix(".first.jpg"))
    with Image.open(first) as one:
        second = noisy(seed=2)
        exif = Image.Exif()
        exif[0x010F] = "Canon"
        one.save(path, "MPO", save_all=True, append_images=[second], exif=one.info["exif"])
    first.unlink()
    return path


_TEXT_TAGS = {b"desc", b"cprt", b"dmnd", b"dmdd", b"vued", b"scrd", b"dscm"}


def colour_tags(profile: bytes | None) -> dict[bytes, bytes] | None:
    """The elements of an ICC profile's tags other than text, read here from the ICC layout (not
    with the cleaner's parser): a cleaned profile must keep every one of them byte for byte."""
    if profile is None:
        return None
    (count,) = struct.unpack_from(">I", profile, 128)
    tags = {}
    for n in range(count):
        tag, offset, size = struct.unpack_from(">4sII", profile, 132 + 12 * n)
        if tag not in _TEXT_TAGS:
            tags[tag] = profile[offset : offset + size]
    return tags
