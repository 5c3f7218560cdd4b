"""What a photo gives away, read with Pillow and sorted into groups a person understands."""

from __future__ import annotations

import contextlib
import io
import struct
import warnings
from collections.abc import Iterator
from fractions import Fraction
from typing import Any

from PIL import ExifTags, Image, IptcImagePlugin

from socially_aware.scrubber import jpeg, png
from socially_aware.scrubber.model import Group, MetadataEntry, Note, ScrubError

_TIME = {
    "DateTime",
    "DateTimeOriginal",
    "DateTimeDigitized",
    "OffsetTime",
    "OffsetTimeOriginal",
    "OffsetTimeDigitized",
    "SubsecTime",
    "SubsecTimeOriginal",
    "SubsecTimeDigitized",
}
_DEVICE = {
    "Make",
    "Model",
    "BodySerialNumber",
    "LensMake",
    "LensModel",
    "LensSerialNumber",
    "CameraSerialNumber",
    "SerialNumber",
    "LensSpecification",
    "ImageUniqueID",
    "UniqueCameraModel",
}
_DEVICE_RISKY = {
    "BodySerialNumber",
    "LensSerialNumber",
    "CameraSerialNumber",
    "SerialNumber",
    "ImageUniqueID",
    "Make",
    "Model",
}
_PEOPLE = {
    "Artist",
    "Copyright",
    "CameraOwnerName",
    "XPAuthor",
    "OwnerName",
    "ImageDescription",
    "XPComment",
    "XPSubject",
    "XPTitle",
    "XPKeywords",
    "UserComment",
}
_SOFTWARE = {"Software", "ProcessingSoftware", "HostComputer"}
_FRIENDLY = {
    "BodySerialNumber": "Camera serial number",
    "LensSerialNumber": "Lens serial number",
    "CameraOwnerName": "Camera owner",
    "Artist": "Artist / author",
    "DateTimeOriginal": "Taken at",
    "DateTime": "Changed at",
    "DateTimeDigitized": "Digitised at",
    "Make": "Camera maker",
    "Model": "Camera model",
    "ImageUniqueID": "Unique image id",
    "HostComputer": "Computer name",
    "Software": "Software",
    "LensMake": "Lens maker",
    "LensModel": "Lens model",
    "SerialNumber": "Serial number",
    "CameraSerialNumber": "Camera serial number",
    "LensSpecification": "Lens",
    "UniqueCameraModel": "Camera model",
    "OwnerName": "Owner",
    "XPAuthor": "Author",
    "ImageDescription": "Description",
    "UserComment": "Comment",
    "XPComment": "Comment",
    "XPSubject": "Subject",
    "XPTitle": "Title",
    "XPKeywords": "Keywords",
    "OffsetTimeOriginal": "Time zone when taken",
    "OffsetTime": "Time zone",
    "SubsecTimeOriginal": "Taken at (fraction of a second)",
    "ProcessingSoftware": "Processing software",
}
_SKIP = {
    "ExifOffset",
    "GPSInfo",
    "JpegIFOffset",
    "JpegIFByteCount",
    "InteropOffset",
    "MakerNote",
    "Orientation",
    "XResolution",
    "YResolution",
    "ResolutionUnit",
    "YCbCrPositioning",
}
_IPTC = {
    (2, 80): ("By-line (author)", Group.PEOPLE),
    (2, 85): ("By-line title", Group.PEOPLE),
    (2, 90): ("City", Group.LOCATION),
    (2, 92): ("Sub-location", Group.LOCATION),
    (2, 95): ("State / province", Group.LOCATION),
    (2, 101): ("Country", Group.LOCATION),
    (2, 100): ("Country code", Group.LOCATION),
    (2, 120): ("Caption", Group.PEOPLE),
    (2, 116): ("Copyright notice", Group.PEOPLE),
    (2, 118): ("Contact", Group.PEOPLE),
    (2, 55): ("Date created", Group.TIME),
    (2, 60): ("Time created", Group.TIME),
    (2, 25): ("Keywords", Group.OTHER),
    (2, 5): ("Object name", Group.OTHER),
}


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


def read(
    image: Image.Image, raw: bytes | None = None
) -> tuple[list[MetadataEntry], tuple[float, float] | None, bytes | None]:
    """Entries, GPS position and embedded thumbnail of an opened (not decoded) image.

    `raw` is the file itself: with it, PNG text after the picture data is found without decoding
    the picture, and JFIF thumbnails are found at all (Pillow reads neither without help).
    """
    entries: list[MetadataEntry] = []
    png_text: list[tuple[str, str]] = []
    if image.format == "PNG":
        # Pillow's PNG getexif() and .text decode the whole picture to reach chunks after it.
        png_exif = None
        if raw is not None:
            with contextlib.suppress(ScrubError):
                png_text = png.text_chunks(raw)
                png_exif = png.exif_of(raw)
        image.info["exif"] = png_exif or image.info.get("exif") or b""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # Pillow warns about odd Exif; the entries say enough
        exif = image.getexif()
        gps_ifd = dict(exif.get_ifd(ExifTags.IFD.GPSInfo))
        gps = gps_position(gps_ifd)
        entries.extend(_exif_entries(exif))
        entries.extend(_gps_entries(gps_ifd, gps))
        thumbnail = _thumbnail(image, exif)
        entries.extend(_other_entries(image, png_text))
        entries.extend(icc_entries(image.info.get("icc_profile")))
    if thumbnail:
        entries.append(_preview_entry(thumbnail))
    if raw is not None and image.format in ("JPEG", "MPO"):
        for kind, width, height, pixels in jpeg.jfif_thumbnails(raw):
            picture = _jfif_picture(kind, width, height, pixels)
            thumbnail = thumbnail or picture
            size = f"{width}×{height} pixels" if width else f"{len(pixels):,} bytes"
            entries.append(
                MetadataEntry(Group.EMBEDDED, "JFIF preview image", f"{size}: may show the uncropped original", True)
            )
    return entries, gps, thumbnail


def _jfif_picture(kind: str, width: int, height: int, pixels: bytes) -> bytes | None:
    """A JFIF thumbnail as an encoded picture the window can show."""
    if kind == "jpeg":
        return pixels if pixels.startswith(b"\xff\xd8") else None
    try:
        if kind == "palette":
            image = Image.frombytes("P", (width, height), pixels[768 : 768 + width * height])
            image.putpalette(pixels[:768])
        else:
            image = Image.frombytes("RGB", (width, height), pixels[: 3 * width * height])
    except ValueError:  # fewer bytes than the header claims
        return None
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


# ICC tags that hold text: what a person may want to know before keeping the profile. Not marked
# risky: the profile decides the colours and is kept by default (drop it with --drop-icc, or in
# the window); it usually names a standard space or the display, but it can name a device.
_ICC_TEXT = {
    b"desc": "Colour profile: description",
    b"cprt": "Colour profile: copyright",
    b"dmnd": "Colour profile: device maker",
    b"dmdd": "Colour profile: device model",
}


def icc_text(profile: bytes) -> list[tuple[bytes, str]]:
    """(tag, text) of the text-holding tags of an ICC profile (v2 'desc'/'text', v4 'mluc')."""
    if len(profile) < 132:
        return []
    (count,) = struct.unpack_from(">I", profile, 128)
    found: list[tuple[bytes, str]] = []
    for n in range(min(count, 100)):
        at = 132 + 12 * n
        if at + 12 > len(profile):
            break
        tag, offset, size = struct.unpack_from(">4sII", profile, at)
        if tag in _ICC_TEXT and offset + size <= len(profile):
            text = _icc_string(profile[offset : offset + size])
            if text:
                found.append((tag, text))
    return found


def _icc_string(element: bytes) -> str:
    kind = element[:4]
    if kind == b"desc" and len(element) >= 12:
        (length,) = struct.unpack_from(">I", element, 8)
        return text_of(element[12 : 12 + length].split(b"\x00")[0].decode("latin-1"))
    if kind == b"text":
        return text_of(element[8:].split(b"\x00")[0].decode("latin-1"))
    if kind == b"mluc" and len(element) >= 16:
        records, record_size = struct.unpack_from(">II", element, 8)
        texts = []
        for n in range(min(records, 8)):
            at = 16 + n * max(record_size, 12)
            if at + 12 > len(element):
                break
            length, offset = struct.unpack_from(">II", element, at + 4)
            texts.append(element[offset : offset + length].decode("utf-16-be", "replace"))
        return text_of(" / ".join(dict.fromkeys(t for t in texts if t.strip())))
    return ""


def icc_entries(profile: object) -> Iterator[MetadataEntry]:
    if not isinstance(profile, bytes):
        return
    for tag, text in icc_text(profile):
        yield MetadataEntry(Group.DEVICE, _ICC_TEXT[tag], text, False)


# What cleaning removes that the entries read with Pillow already stand for.
_SHOWN_ELSEWHERE = (
    "Exif",
    "XMP",
    "IPTC",
    "comment",
    "text",
    "compressed text",
    "JFIF thumbnail",
    "JFIF extension",
    "extra pictures",
)


def hidden_entries(removed: list[str], entries: list[MetadataEntry]) -> Iterator[MetadataEntry]:
    """What cleaning would remove that the entries read so far do not show (unknown segments and
    chunks, bytes hidden after a header): inspection must never say "nothing found" of a file
    that cleaning would change."""
    risky_shown = any(e.risky for e in entries)
    for name in removed:
        if isinstance(name, Note) or (risky_shown and name.startswith(_SHOWN_ELSEWHERE)):
            continue
        yield MetadataEntry(Group.OTHER, "Hidden data", f"{name}: removed when cleaned", True)


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
        entries.append(_preview_entry(thumbnail))
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
                yield MetadataEntry(Group.PEOPLE, label, undefined_text(value, 200), True)
            elif name in _SOFTWARE:
                yield MetadataEntry(Group.SOFTWARE, label, text_of(value), name == "HostComputer")
            else:
                yield MetadataEntry(Group.OTHER, label, text_of(value, 80), False)
    if 0x927C in dict(exif.get_ifd(ExifTags.IFD.Exif)):
        yield MetadataEntry(Group.DEVICE, "Maker notes", "camera maker's private data (often serial numbers)", True)


# GPS details in words a person uses; the position itself (tags 1-4) and its accuracy (31) are
# folded into one entry, and bookkeeping tags (version, datum, references) say nothing.
_GPS_WORDS = {
    5: None,
    6: "Height above sea level",
    7: "GPS time",
    8: "Satellites used",
    9: None,
    10: None,
    11: "GPS accuracy figure",
    12: None,
    13: "Speed",
    14: None,
    15: "Direction of travel",
    16: None,
    17: "Direction the camera faced",
    18: None,
    19: None,
    20: "Destination",
    21: None,
    22: "Destination",
    23: None,
    24: "Bearing to the destination",
    25: None,
    26: "Distance to the destination",
    27: "How the position was found",
    28: "Area name",
    29: "GPS date",
    30: None,
    0: None,
}
_METRES_PER_DEGREE = 111_320


def position_words(position: tuple[float, float], gps: dict[int, Any]) -> str:
    """E.g. "-33.865143, 151.209900: a precise position, within about 5 m"."""
    metres = _accuracy_metres(gps)
    if metres is None:
        closeness = "an exact position"
    elif metres <= 100:
        closeness = f"a precise position, within about {max(1, round(metres)):,} m"
    elif metres <= 2000:
        closeness = f"a street or neighbourhood, within about {round(metres, -2):,.0f} m"
    else:
        closeness = f"a rough area, within about {metres / 1000:,.0f} km"
    return f"{position[0]:.6f}, {position[1]:.6f}: {closeness}"


def _accuracy_metres(gps: dict[int, Any]) -> float | None:
    """The phone's own error estimate (GPSHPositioningError) or else the resolution the
    coordinates were stored with (the smallest step of their last part)."""
    with contextlib.suppress(TypeError, ValueError, ZeroDivisionError):
        if 31 in gps:
            return max(_ratio(gps[31]), 0.0)
    try:
        parts = list(gps[2][:3])
    except (KeyError, TypeError):
        return None
    for power, part in reversed(list(enumerate(parts))):
        denominator = getattr(part, "denominator", None) or (part[1] if isinstance(part, tuple) else None)
        if denominator:
            return _METRES_PER_DEGREE / (60**power * int(denominator))
    return None


_CHARACTER_CODES = (b"ASCII\x00\x00\x00", b"UNICODE\x00", b"JIS\x00\x00\x00\x00\x00", b"\x00" * 8)
"""Exif's "undefined" text starts with eight bytes naming its character set; a person never needs them."""

_COMPASS = ("north", "north-east", "east", "south-east", "south", "south-west", "west", "north-west")

_METHODS = {
    "GPS": "satellites (GPS)",
    "GNSS": "satellites (GPS)",
    "CELLID": "mobile network",
    "NETWORK": "mobile network or Wi-Fi",
    "WLAN": "Wi-Fi networks nearby",
    "WIFI": "Wi-Fi networks nearby",
    "MANUAL": "typed in by hand",
    "FUSED": "satellites, Wi-Fi and the mobile network together",
}
"""GPSProcessingMethod as Android and cameras write it."""

_SPEED_UNITS = {"K": "km/h", "M": "mph", "N": "knots"}
_DISTANCE_UNITS = {"K": "km", "M": "miles", "N": "nautical miles"}
_MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]


def undefined_text(value: Any, limit: int = 80) -> str:
    """Exif "undefined" text (GPSProcessingMethod, GPSAreaInformation, UserComment) without its
    character-set prefix: "ASCII\\0\\0\\0CELLID" is "CELLID"."""
    if isinstance(value, bytes):
        for prefix in _CHARACTER_CODES:
            if value.startswith(prefix):
                body = value[len(prefix) :]
                if prefix.startswith(b"UNICODE"):
                    return text_of(body.decode("utf-16-be" if body[:1] == b"\x00" else "utf-16-le", "replace"), limit)
                return text_of(body, limit)
    return text_of(value, limit)


def _number(value: float) -> str:
    return f"{value:,.0f}" if abs(value) >= 10 or value == int(value) else f"{value:,.1f}"


def _direction(value: Any, reference: Any) -> str:
    degrees = _ratio(value) % 360
    magnetic = " from magnetic north" if str(reference).upper().startswith("M") else ""
    return f"{degrees:.0f}° ({_COMPASS[round(degrees / 45) % 8]}){magnetic}"


def gps_words(tag: int, value: Any, gps: dict[int, Any]) -> str:
    """One GPS detail in words and units: "29 m", "195° (south)", "mobile network", "14:03:27 UTC".

    Falls back to the value as text when it is not what the standard says it should be.
    """
    try:
        if tag == 6:
            below = gps.get(5) in (1, b"\x01")
            return f"{_number(_ratio(value))} m" + (" below sea level" if below else "")
        if tag == 7:
            hours, minutes, seconds = (_ratio(part) for part in value[:3])
            return f"{int(hours):02d}:{int(minutes):02d}:{int(seconds):02d} UTC"
        if tag == 11:
            return f"{_number(_ratio(value))} (lower is more precise; under 2 is a good fix)"
        if tag == 13:
            return f"{_number(_ratio(value))} {_SPEED_UNITS.get(str(gps.get(12, 'K')).upper()[:1], 'km/h')}"
        if tag in (15, 17, 24):
            return _direction(value, gps.get(tag - 1, "T"))
        if tag == 26:
            return f"{_number(_ratio(value))} {_DISTANCE_UNITS.get(str(gps.get(25, 'K')).upper()[:1], 'km')}"
        if tag == 27:
            method = undefined_text(value)
            return _METHODS.get(method.upper().replace("-", "").replace(" ", ""), method)
        if tag == 28:
            return undefined_text(value)
        if tag == 29:
            year, month, day = (int(part) for part in str(value).strip().split(":")[:3])
            return f"{day} {_MONTHS[month - 1]} {year}"
    except (TypeError, ValueError, ZeroDivisionError, IndexError, KeyError, AttributeError):
        pass
    return text_of(value, 80)


def _gps_entries(gps_ifd: dict[int, Any], position: tuple[float, float] | None) -> Iterator[MetadataEntry]:
    if position:
        yield MetadataEntry(Group.LOCATION, "Where it was taken", position_words(position, gps_ifd), True)
    seen: set[str] = set()
    for tag, value in gps_ifd.items():
        if tag in (1, 2, 3, 4, 31):
            continue
        name = _GPS_WORDS.get(tag, "Other location detail")
        if name is None or name in seen:
            continue
        seen.add(name)
        yield MetadataEntry(Group.LOCATION, name, gps_words(tag, value, gps_ifd), True)


def _preview_entry(thumbnail: bytes) -> MetadataEntry:
    return MetadataEntry(
        Group.EMBEDDED, "Embedded preview image", f"{len(thumbnail):,} bytes: may show the uncropped original", True
    )


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


def _other_entries(image: Image.Image, png_text: list[tuple[str, str]]) -> Iterator[MetadataEntry]:
    info = image.info
    xmp = info.get("xmp") or info.get("XML:com.adobe.xmp") or dict(png_text).get("XML:com.adobe.xmp")
    if xmp:
        yield MetadataEntry(Group.SOFTWARE, "XMP", f"{len(xmp):,} bytes (edit history, people, places)", True)
    if info.get("comment"):
        yield MetadataEntry(Group.OTHER, "Comment", text_of(info["comment"]), True)
    text: list[tuple[str, str]] = png_text or [
        (k, v) for k, v in info.items() if image.format == "PNG" and isinstance(k, str) and isinstance(v, str)
    ]
    for key, value in text:
        if key == "XML:com.adobe.xmp":
            continue
        group = Group.PEOPLE if key in ("Author", "Copyright", "Description") else Group.OTHER
        yield MetadataEntry(group, f"PNG text: {text_of(key, 40)}", text_of(value), True)
    if image.format == "JPEG" or image.format == "MPO":
        try:
            iptc = IptcImagePlugin.getiptcinfo(image) or {}  # type: ignore[arg-type]  # JPEG and MPO images are ImageFiles
        except Exception:  # a damaged IPTC block is itself worth reporting, not a reason to stop
            iptc = {}
            yield MetadataEntry(Group.OTHER, "IPTC", "damaged IPTC block", True)
        for iptc_key, iptc_value in iptc.items():
            label, group = _IPTC.get(iptc_key, (f"IPTC {iptc_key[0]}:{iptc_key[1]}", Group.OTHER))
            yield MetadataEntry(group, label, text_of(iptc_value), True)
    if image.format == "MPO":
        frames = getattr(image, "n_frames", 1)
        if frames > 1:
            yield MetadataEntry(
                Group.EMBEDDED, "Extra pictures (MPO)", f"{frames - 1} more picture(s) in the file", True
            )
