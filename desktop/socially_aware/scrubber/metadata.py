"""What a photo gives away, read with Pillow and sorted into groups a person understands."""

from __future__ import annotations

import warnings
from collections.abc import Iterator
from fractions import Fraction
from typing import Any

from PIL import ExifTags, Image, IptcImagePlugin

from socially_aware.scrubber.model import Group, MetadataEntry

_TIME = {"DateTime", "DateTimeOriginal", "DateTimeDigitized", "OffsetTime", "OffsetTimeOriginal",
         "OffsetTimeDigitized", "SubsecTime", "SubsecTimeOriginal", "SubsecTimeDigitized"}
_DEVICE = {"Make", "Model", "BodySerialNumber", "LensMake", "LensModel", "LensSerialNumber",
           "CameraSerialNumber", "SerialNumber", "LensSpecification", "ImageUniqueID", "UniqueCameraModel"}
_DEVICE_RISKY = {"BodySerialNumber", "LensSerialNumber", "CameraSerialNumber", "SerialNumber", "ImageUniqueID",
                 "Make", "Model"}
_PEOPLE = {"Artist", "Copyright", "CameraOwnerName", "XPAuthor", "OwnerName", "ImageDescription",
           "XPComment", "XPSubject", "XPTitle", "XPKeywords", "UserComment"}
_SOFTWARE = {"Software", "ProcessingSoftware", "HostComputer"}
_FRIENDLY = {
    "BodySerialNumber": "Camera serial number", "LensSerialNumber": "Lens serial number",
    "CameraOwnerName": "Camera owner", "Artist": "Artist / author", "DateTimeOriginal": "Taken at",
    "DateTime": "Changed at", "DateTimeDigitized": "Digitised at", "Make": "Camera maker", "Model": "Camera model",
    "ImageUniqueID": "Unique image id", "HostComputer": "Computer name", "Software": "Software",
}
_SKIP = {"ExifOffset", "GPSInfo", "JpegIFOffset", "JpegIFByteCount", "InteropOffset", "MakerNote",
         "Orientation", "XResolution", "YResolution", "ResolutionUnit", "YCbCrPositioning"}
_IPTC = {(2, 80): ("By-line (author)", Group.PEOPLE), (2, 85): ("By-line title", Group.PEOPLE),
         (2, 90): ("City", Group.LOCATION), (2, 92): ("Sub-location", Group.LOCATION),
         (2, 95): ("State / province", Group.LOCATION), (2, 101): ("Country", Group.LOCATION),
         (2, 100): ("Country code", Group.LOCATION), (2, 120): ("Caption", Group.PEOPLE),
         (2, 116): ("Copyright notice", Group.PEOPLE), (2, 118): ("Contact", Group.PEOPLE),
         (2, 55): ("Date created", Group.TIME), (2, 60): ("Time created", Group.TIME),
         (2, 25): ("Keywords", Group.OTHER), (2, 5): ("Object name", Group.OTHER)}


def text_of(value: Any, limit: int = 200) -> str:
    if isinstance(value, bytes):
        value = value.decode("utf-16-le" if value[1:2] == b"\x00" else "latin-1", "replace").rstrip("\x00")
    elif isinstance(value, tuple):
        value = ", ".join(text_of(v, 40) for v in value[:8])
    text = " ".join(str(value).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _ratio(value: Any) -> float:
    if isinstance(value, tuple) and len(value) == 2:
        return float(Fraction(int(value[0]), int(value[1]) or 1))
    return float(value)


def gps_position(gps: dict[int, Any]) -> tuple[float, float] | None:
    try:
        lat = sum(_ratio(part) / 60**i for i, part in enumerate(gps[2][:3]))
        lon = sum(_ratio(part) / 60**i for i, part in enumerate(gps[4][:3]))
    except (KeyError, TypeError, ValueError, ZeroDivisionError, IndexError):
        return None
    if str(gps.get(1, "N")).upper().startswith("S"):
        lat = -lat
    if str(gps.get(3, "E")).upper().startswith("W"):
        lon = -lon
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        return None
    return round(lat, 6), round(lon, 6)


def read(image: Image.Image) -> tuple[list[MetadataEntry], tuple[float, float] | None, bytes | None]:
    """Entries, GPS position and embedded thumbnail of an opened (not decoded) image."""
    entries: list[MetadataEntry] = []
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # Pillow warns about odd Exif; the entries say enough
        exif = image.getexif()
        gps_ifd = dict(exif.get_ifd(ExifTags.IFD.GPSInfo))
        gps = gps_position(gps_ifd)
        entries.extend(_exif_entries(exif))
        entries.extend(_gps_entries(gps_ifd, gps))
        thumbnail = _thumbnail(image, exif)
        entries.extend(_other_entries(image))
    if thumbnail:
        entries.append(MetadataEntry(Group.EMBEDDED, "Embedded preview image", f"{len(thumbnail):,} bytes: may show the uncropped original", True))
    return entries, gps, thumbnail


def read_exif_block(raw: bytes) -> tuple[list[MetadataEntry], tuple[float, float] | None, bytes | None]:
    """Entries, GPS position and thumbnail of a bare Exif block (a TIFF header, with or without the
    "Exif\\0\\0" prefix), as HEIF and AVIF files carry it in an item of their own."""
    tiff = raw[6:] if raw.startswith(b"Exif\x00\x00") else raw
    if tiff[:4] not in (b"II*\x00", b"MM\x00*"):
        return [MetadataEntry(Group.OTHER, "Exif", "damaged Exif block", True)], None, None
    exif = Image.Exif()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # Pillow warns about odd Exif; the entries say enough
        try:
            exif.load(tiff)
            gps_ifd = dict(exif.get_ifd(ExifTags.IFD.GPSInfo))
            entries = list(_exif_entries(exif))
            ifd1 = dict(exif.get_ifd(ExifTags.IFD.IFD1))
        except Exception:  # a damaged block is itself worth reporting
            return [MetadataEntry(Group.OTHER, "Exif", "damaged Exif block", True)], None, None
    gps = gps_position(gps_ifd)
    entries.extend(_gps_entries(gps_ifd, gps))
    offset, length = ifd1.get(0x0201), ifd1.get(0x0202)
    thumbnail = None
    if isinstance(offset, int) and isinstance(length, int) and length > 0 and offset + length <= len(tiff):
        candidate = tiff[offset : offset + length]
        thumbnail = candidate if candidate.startswith(b"\xff\xd8") else None
    if thumbnail:
        entries.append(MetadataEntry(Group.EMBEDDED, "Embedded preview image", f"{len(thumbnail):,} bytes: may show the uncropped original", True))
    return entries, gps, thumbnail


def _exif_entries(exif: Image.Exif) -> Iterator[MetadataEntry]:
    tables = [dict(exif), dict(exif.get_ifd(ExifTags.IFD.Exif))]
    for table in tables:
        for tag, value in table.items():
            name = ExifTags.TAGS.get(tag, f"Tag 0x{tag:04X}")
            if name in _SKIP or isinstance(value, dict):
                continue
            label = _FRIENDLY.get(name, name)
            if name in _TIME:
                yield MetadataEntry(Group.TIME, label, text_of(value), True)
            elif name in _DEVICE:
                yield MetadataEntry(Group.DEVICE, label, text_of(value), name in _DEVICE_RISKY)
            elif name in _PEOPLE:
                yield MetadataEntry(Group.PEOPLE, label, text_of(value), True)
            elif name in _SOFTWARE:
                yield MetadataEntry(Group.SOFTWARE, label, text_of(value), name == "HostComputer")
            else:
                yield MetadataEntry(Group.OTHER, label, text_of(value, 80), False)
    if 0x927C in dict(exif.get_ifd(ExifTags.IFD.Exif)):
        yield MetadataEntry(Group.DEVICE, "Maker notes", "camera maker's private data (often serial numbers)", True)


def _gps_entries(gps_ifd: dict[int, Any], position: tuple[float, float] | None) -> Iterator[MetadataEntry]:
    if position:
        yield MetadataEntry(Group.LOCATION, "GPS position", f"{position[0]:.6f}, {position[1]:.6f}", True)
    for tag, value in gps_ifd.items():
        name = ExifTags.GPSTAGS.get(tag, f"GPS tag {tag}")
        if tag in (1, 2, 3, 4):
            continue
        yield MetadataEntry(Group.LOCATION, name, text_of(value, 80), True)


def _thumbnail(image: Image.Image, exif: Image.Exif) -> bytes | None:
    raw = image.info.get("exif")
    if not isinstance(raw, bytes):
        return None
    tiff = raw[6:] if raw.startswith(b"Exif\x00\x00") else raw
    ifd1 = dict(exif.get_ifd(ExifTags.IFD.IFD1))
    offset, length = ifd1.get(0x0201), ifd1.get(0x0202)
    if isinstance(offset, int) and isinstance(length, int) and length > 0 and offset + length <= len(tiff):
        data = tiff[offset : offset + length]
        return data if data.startswith(b"\xff\xd8") else None
    return None


def _other_entries(image: Image.Image) -> Iterator[MetadataEntry]:
    info = image.info
    xmp = info.get("xmp") or info.get("XML:com.adobe.xmp")
    if xmp:
        yield MetadataEntry(Group.SOFTWARE, "XMP", f"{len(xmp):,} bytes (edit history, people, places)", True)
    if info.get("comment"):
        yield MetadataEntry(Group.OTHER, "Comment", text_of(info["comment"]), True)
    for key in ("Author", "Description", "Comment", "Title", "Software", "Creation Time", "Copyright", "Source"):
        if isinstance(info.get(key), str):
            group = Group.PEOPLE if key in ("Author", "Copyright", "Description") else Group.OTHER
            yield MetadataEntry(group, f"PNG text: {key}", text_of(info[key]), True)
    text_chunks = getattr(image, "text", None) if image.format == "PNG" else None
    for key, value in (text_chunks or {}).items():
        if key in ("Author", "Description", "Comment", "Title", "Software", "Creation Time", "Copyright", "Source", "XML:com.adobe.xmp"):
            continue
        yield MetadataEntry(Group.OTHER, f"PNG text: {text_of(key, 40)}", text_of(value), True)
    if image.format == "JPEG" or image.format == "MPO":
        try:
            iptc = IptcImagePlugin.getiptcinfo(image) or {}
        except Exception:  # a damaged IPTC block is itself worth reporting, not a reason to stop
            iptc = {}
            yield MetadataEntry(Group.OTHER, "IPTC", "damaged IPTC block", True)
        for key, value in iptc.items():
            label, group = _IPTC.get(key, (f"IPTC {key[0]}:{key[1]}", Group.OTHER))
            yield MetadataEntry(group, label, text_of(value), True)
    if image.format == "MPO":
        frames = getattr(image, "n_frames", 1)
        if frames > 1:
            yield MetadataEntry(Group.EMBEDDED, "Extra pictures (MPO)", f"{frames - 1} more picture(s) in the file", True)
