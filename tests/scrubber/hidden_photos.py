"""Photos that hide data where a segment-level cleaner might not look: a JFIF thumbnail, JFXX,
bytes after a header's defined length, chunks inside animation frames, text in a colour profile,
damaged picture data, orientation written only in XMP."""

from __future__ import annotations

import io
import struct
from pathlib import Path

from PIL import ImageCms

from tests.scrubber.photos import ICC, XMP, noisy

SECRET = b"SECRET-4471-hidden"


def segment(marker: int, payload: bytes) -> bytes:
    return bytes((0xFF, marker)) + struct.pack(">H", len(payload) + 2) + payload


def plain_jpeg(mode: str = "RGB", progressive: bool = False, size: tuple[int, int] = (96, 64)) -> bytes:
    out = io.BytesIO()
    noisy(size, mode=mode).save(out, "JPEG", quality=90, progressive=progressive)
    return out.getvalue()


def _replace_app0(data: bytes, payload: bytes) -> bytes:
    assert data[2:4] == b"\xff\xe0"
    (length,) = struct.unpack_from(">H", data, 4)
    return data[:2] + segment(0xE0, payload) + data[4 + length :]


def jfif_thumbnail(path: Path) -> Path:
    """JFIF APP0 carrying a 4×3 RGB thumbnail, as the JFIF standard allows."""
    thumb = noisy((4, 3), seed=5).tobytes()
    path.write_bytes(_replace_app0(plain_jpeg(), b"JFIF\x00\x01\x02\x00\x00\x01\x00\x01\x04\x03" + thumb + SECRET))
    return path


def jfxx(path: Path) -> Path:
    """A JFXX extension segment holding a JPEG thumbnail, after the JFIF APP0."""
    thumb = io.BytesIO()
    noisy((16, 12), seed=7).save(thumb, "JPEG", comment=SECRET)
    data = plain_jpeg()
    (length,) = struct.unpack_from(">H", data, 4)
    path.write_bytes(data[: 4 + length] + segment(0xE0, b"JFXX\x00\x10" + thumb.getvalue()) + data[4 + length :])
    return path


def app0_overlong(path: Path) -> Path:
    path.write_bytes(_replace_app0(plain_jpeg(), b"JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00" + SECRET))
    return path


def app14_overlong(path: Path) -> Path:
    """A CMYK JPEG (Pillow writes an Adobe APP14 for those) with bytes after APP14's 12."""
    data = plain_jpeg("CMYK")
    at = data.find(b"\xff\xeeAdobe") if b"\xff\xeeAdobe" in data else data.find(b"\xff\xee")
    (length,) = struct.unpack_from(">H", data, at + 2)
    payload = data[at + 4 : at + 2 + length]
    path.write_bytes(data[:at] + segment(0xEE, payload[:12] + SECRET) + data[at + 2 + length :])
    return path


def _riff_chunk(kind: bytes, payload: bytes) -> bytes:
    return kind + struct.pack("<I", len(payload)) + payload + (b"\x00" if len(payload) & 1 else b"")


def webp_anmf_unknown(path: Path) -> Path:
    """An animated WebP whose first frame (ANMF) carries an unknown chunk after its bitstream."""
    frames = [noisy((32, 24), seed=n) for n in (1, 2)]
    out = io.BytesIO()
    frames[0].save(out, "WEBP", save_all=True, append_images=frames[1:], lossless=True, duration=100)
    data = out.getvalue()
    at = data.index(b"ANMF")
    (size,) = struct.unpack_from("<I", data, at + 4)
    end = at + 8 + size + (size & 1)
    frame = _riff_chunk(b"ANMF", data[at + 8 : at + 8 + size] + _riff_chunk(b"SCRT", SECRET))
    body = data[12:at] + frame + data[end:]
    path.write_bytes(b"RIFF" + struct.pack("<I", 4 + len(body)) + b"WEBP" + body)
    return path


def _mluc(text: str) -> bytes:
    raw = text.encode("utf-16-be")
    return b"mluc\x00\x00\x00\x00" + struct.pack(">II", 1, 12) + b"enUS" + struct.pack(">II", len(raw), 28) + raw


def icc_with_text(
    description: str = "Alex Officer's MacBook, calibrated", maker: str = "Apple", model: str = "MacBook Pro SN C02XK1"
) -> bytes:
    """sRGB, with its description replaced and device maker and model tags added."""
    base = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    (count,) = struct.unpack_from(">I", base, 128)
    tags = {}
    for n in range(count):
        tag, offset, size = struct.unpack_from(">4sII", base, 132 + 12 * n)
        tags[tag] = base[offset : offset + size]
    tags[b"desc"] = _mluc(description)
    tags[b"dmnd"] = _mluc(maker)
    tags[b"dmdd"] = _mluc(model)
    table_end = 132 + 12 * len(tags)
    body, entries = b"", b""
    for tag, element in tags.items():
        offset = table_end + len(body)
        entries += struct.pack(">4sII", tag, offset, len(element))
        body += element + b"\x00" * (-len(element) % 4)
    profile = bytearray(base[:128] + struct.pack(">I", len(tags)) + entries + body)
    struct.pack_into(">I", profile, 0, len(profile))
    profile[84:100] = b"\x00" * 16  # the profile ID (an MD5) no longer matches: zero means "not set"
    return bytes(profile)


def jpeg_icc_text(path: Path) -> Path:
    noisy().save(path, "JPEG", quality=90, icc_profile=icc_with_text())
    return path


def damaged_cut(path: Path, progressive: bool = False) -> Path:
    """A JPEG cut off two thirds into its picture data (an interrupted copy), with Exif before it."""
    data = plain_jpeg(progressive=progressive, size=(160, 120))
    data = data[:2] + segment(0xE1, b"Exif\x00\x00" + _tiff_with_maker()) + segment(0xFE, SECRET) + data[2:]
    path.write_bytes(data[: len(data) * 2 // 3])
    return path


def damaged_marker(path: Path) -> Path:
    """A JPEG whose picture data holds a reserved marker (0xFF 0x12), as a bit flip makes."""
    data = bytearray(plain_jpeg(size=(160, 120)))
    scan = data.index(b"\xff\xda")
    at = scan + (len(data) - scan) // 2
    data[at : at + 2] = b"\xff\x12"
    path.write_bytes(data[:2] + segment(0xFE, SECRET) + data[2:])
    return path


def _tiff_with_maker() -> bytes:
    make = b"Canon\x00"
    return (
        b"II*\x00"
        + struct.pack("<IH", 8, 1)
        + struct.pack("<HHII", 0x010F, 2, len(make), 26)
        + struct.pack("<I", 0)
        + make
    )


def jpeg_xmp_orientation(path: Path, orientation: int = 6) -> Path:
    xmp = (
        b"http://ns.adobe.com/xap/1.0/\x00<x:xmpmeta xmlns:x='adobe:ns:meta/'><rdf:Description "
        b'xmlns:tiff=\'http://ns.adobe.com/tiff/1.0/\' tiff:Orientation="%d" photoshop:City="Canberra"/>'
        b"</x:xmpmeta>" % orientation
    )
    data = plain_jpeg()
    (length,) = struct.unpack_from(">H", data, 4)
    path.write_bytes(data[: 4 + length] + segment(0xE1, xmp) + data[4 + length :])
    return path


def png_xmp_orientation(path: Path, orientation: int = 8) -> Path:
    from PIL import PngImagePlugin

    info = PngImagePlugin.PngInfo()
    xmp = (
        XMP.split(b"\x00", 1)[1]
        .decode()
        .replace(
            "<rdf:Description ",
            f"<rdf:Description><tiff:Orientation>{orientation}</tiff:Orientation></rdf:Description><rdf:Description ",
        )
    )
    info.add_itxt("XML:com.adobe.xmp", xmp, zip=True)
    noisy(mode="RGB").save(path, "PNG", pnginfo=info, icc_profile=ICC)
    return path


def png_icc_named(path: Path) -> Path:
    """A PNG with nothing but a colour profile whose free-text name names a person's display."""
    import zlib

    noisy().save(path, "PNG", icc_profile=ICC)
    data = path.read_bytes()
    start = data.index(b"iCCP") - 4
    length = int.from_bytes(data[start : start + 4], "big")
    payload = data[start + 8 : start + 8 + length]
    body = b"Alex Officer's display" + payload[payload.index(b"\x00") :]
    chunk = len(body).to_bytes(4, "big") + b"iCCP" + body + zlib.crc32(b"iCCP" + body).to_bytes(4, "big")
    path.write_bytes(data[:start] + chunk + data[start + 12 + length :])
    return path


def webp_xmp_orientation(path: Path, orientation: int = 3) -> Path:
    xmp = f"<x:xmpmeta xmlns:x='adobe:ns:meta/'><rdf:Description tiff:Orientation='{orientation}'/></x:xmpmeta>"
    noisy().save(path, "WEBP", lossless=True, xmp=xmp.encode())
    return path


def jpeg_stray_after_app13(path: Path) -> Path:
    """Bytes between an IPTC (APP13) segment and the next one, as some editors leave behind
    (exiftool: "unknown bytes after JPEG APP13 segment"); the picture data itself is whole."""
    data = plain_jpeg()
    (length,) = struct.unpack_from(">H", data, 4)
    iptc = segment(0xED, b"Photoshop 3.0\x008BIM\x04\x04\x00\x00\x00\x00\x00\x00")
    path.write_bytes(data[: 4 + length] + iptc + b"\x00\x00" + SECRET + data[4 + length :])
    return path
