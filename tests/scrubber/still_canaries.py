"""Generated hiding places (issue 21): a unique canary planted at every structural position a
still-image format has, one position per file.

The walkers here are the tests' own, written from the format specifications, not the cleaner's,
so a position the cleaner does not know about is still planted.
"""

from __future__ import annotations

import io
import re
import struct
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from PIL import Image

from tests.scrubber.hidden_photos import icc_with_text
from tests.scrubber.photos import ICC, noisy

# A planted position the cleaner cannot see without decoding the compressed picture itself
# (entropy-coded JPEG data, a VP8/VP8L bitstream): listed in docs/what-the-cleaner-removes.md.
INSIDE_COMPRESSED_PICTURE = "inside the compressed picture data"
UNUSED_PALETTE = "in palette entries no pixel uses (which are used is known only by decoding the picture)"


@dataclass(frozen=True)
class Planted:
    where: str
    data: bytes
    canary: bytes
    open_because: str = ""
    """Non-empty: a position known to stay undefended, and why (the test expects it to survive)."""


class Canaries:
    """Hands out unique canaries: ASCII only, so no 0xFF can turn one into a JPEG marker."""

    def __init__(self, prefix: str) -> None:
        self.prefix = prefix
        self.count = 0

    def __call__(self) -> bytes:
        self.count += 1
        return f"CNRY{self.prefix}{self.count:04d}Zq".encode()


def survives(canary: bytes, output: bytes) -> bool:
    """Whether any 8 bytes of the canary are in the output, as bytes, as UTF-16 text or inside a
    zlib stream (a cleaner that cuts a hiding place short must still not leave part of it)."""
    pieces = [canary[at : at + 8] for at in range(len(canary) - 7)]
    forms = [*pieces, *(piece.decode().encode("utf-16-be") for piece in pieces)]
    return any(any(form in blob for form in forms) for blob in (output, *_inflated_parts(output)))


def _inflated_parts(data: bytes) -> Iterator[bytes]:
    """Every zlib stream found in the file, inflated (PNG iCCP, zTXt, iTXt, IDAT)."""
    for found in re.finditer(rb"\x78[\x01\x5e\x9c\xda]", data):
        inflater = zlib.decompressobj()
        try:
            yield inflater.decompress(data[found.start() :], 1 << 22)
        except zlib.error:
            continue


# --- JPEG ---------------------------------------------------------------------------------------

_STANDALONE = {0x01, *range(0xD0, 0xD8)}
_NEXT_MARKER = re.compile(rb"\xff[^\x00\xd0-\xd7\xff]")


@dataclass(frozen=True)
class JpegSegment:
    marker: int
    start: int
    header_end: int
    """Just past the length-counted part."""
    end: int
    """Just past the segment, scan data included."""


def jpeg_segments(data: bytes) -> tuple[list[JpegSegment], int]:
    """Segments from SOI to EOI (exclusive), and where EOI starts."""
    assert data[:2] == b"\xff\xd8"
    pos, found = 2, []
    while True:
        assert data[pos] == 0xFF, pos
        marker = data[pos + 1]
        if marker == 0xD9:
            return found, pos
        (length,) = struct.unpack_from(">H", data, pos + 2)
        header_end = pos + 2 + length
        end = header_end
        if marker == 0xDA:
            end = _NEXT_MARKER.search(data, header_end).start()  # type: ignore[union-attr]
        found.append(JpegSegment(marker, pos, header_end, end))
        pos = end


def _seg(marker: int, payload: bytes) -> bytes:
    return bytes((0xFF, marker)) + struct.pack(">H", len(payload) + 2) + payload


def _with_payload(data: bytes, segment: JpegSegment, payload: bytes) -> bytes:
    return data[: segment.start] + _seg(segment.marker, payload) + data[segment.header_end :]


def jpeg_base(
    progressive: bool = False, mode: str = "RGB", restart: int = 0, icc: bytes | None = ICC, exif: bool = True
) -> bytes:
    """A photo as the cleaner leaves it: JFIF, minimal Exif orientation, ICC, tables, frame, scans."""
    image = noisy((48, 32), mode=mode)
    out = io.BytesIO()
    extra: dict[str, object] = {"restart_marker_blocks": restart} if restart else {}
    if exif:
        orientation = Image.Exif()
        orientation[0x0112] = 6
        extra["exif"] = orientation.tobytes()
    image.save(out, "JPEG", quality=90, progressive=progressive, icc_profile=icc, **extra)
    return out.getvalue()


def jpeg_planted(base: bytes, name: str) -> Iterator[Planted]:
    canary = Canaries(name)
    segments, eoi = jpeg_segments(base)
    for index, segment in enumerate(segments):
        label = f"{name}: segment {index} (0x{segment.marker:02X})"
        payload = base[segment.start + 4 : segment.header_end]
        c = canary()
        yield Planted(f"{label}, bytes after its fields", _with_payload(base, segment, payload + c), c)
        c = canary()
        stray = base[: segment.end] + c + base[segment.end :]
        # After a scan, bytes with no marker in them read as the end of its entropy-coded data.
        in_scan = segment.marker == 0xDA
        last = " (between the last scan and EOI)" if segment.end == eoi else ""
        yield Planted(f"{label}, stray bytes after it{last}", stray, c, INSIDE_COMPRESSED_PICTURE if in_scan else "")
        c = canary()
        yield Planted(f"{label}, a COM segment after it", base[: segment.end] + _seg(0xFE, c) + base[segment.end :], c)
        c = canary()
        yield Planted(
            f"{label}, an APP15 segment after it", base[: segment.end] + _seg(0xEF, c) + base[segment.end :], c
        )
        if segment.marker == 0xDB:
            yield from _unused_dqt(base, segment, label, canary)
        if segment.marker == 0xC4:
            yield from _unused_dht(base, segment, label, canary)
        if segment.marker == 0xE0 and payload.startswith(b"JFIF\x00"):
            c = canary()
            thumbnail = (c + b"\x00" * 6)[:18]
            yield Planted(
                f"{label}, a JFIF thumbnail", _with_payload(base, segment, payload[:12] + b"\x02\x03" + thumbnail), c
            )
        if segment.marker == 0xE2 and payload.startswith(b"ICC_PROFILE\x00"):
            yield from _icc_planted(base, segment, label, canary)
        if segment.marker == 0xDA:
            c = canary()
            rst = base[: segment.end] + b"\xff\xd7" + c + base[segment.end :]
            yield Planted(f"{label}, a restart marker and bytes after the scan data", rst, c)
            c = canary()
            rst = base[: segment.end] + b"\xff\xd0\xff\xd1" + c + base[segment.end :]
            yield Planted(f"{label}, two restart markers and bytes after the scan data", rst, c)
    c = canary()
    yield Planted(f"{name}: after EOI", base + c, c)
    c = canary()
    yield Planted(f"{name}: a second picture after EOI", base + base[:2] + _seg(0xFE, c) + base[2:], c)
    c = canary()
    yield Planted(f"{name}: a restart marker between two segments", base[:2] + b"\xff\xd0" + c + base[2:], c)


def _unused_dqt(base: bytes, segment: JpegSegment, label: str, canary: Callable[[], bytes]) -> Iterator[Planted]:
    c = canary()
    table = b"\x03" + (c * 5)[:64]  # table 3: no frame component uses it
    payload = base[segment.start + 4 : segment.header_end]
    yield Planted(f"{label}, an unused quantisation table", _with_payload(base, segment, payload + table), c)
    yield Planted(
        f"{label}, an unused quantisation table in its own segment",
        base[: segment.end] + _seg(0xDB, table) + base[segment.end :],
        c,
    )


def _unused_dht(base: bytes, segment: JpegSegment, label: str, canary: Callable[[], bytes]) -> Iterator[Planted]:
    c = canary()
    counts = bytearray(16)
    counts[7] = len(c)  # len(c) codes of 8 bits: a valid table whose symbols spell the canary
    table = b"\x13" + bytes(counts) + c  # AC table 3: no scan uses it
    payload = base[segment.start + 4 : segment.header_end]
    yield Planted(f"{label}, an unused Huffman table", _with_payload(base, segment, payload + table), c)
    c = canary()
    table = b"\x13" + bytes(counts) + c
    yield Planted(
        f"{label}, an unused Huffman table in its own segment",
        base[: segment.end] + _seg(0xC4, table) + base[segment.end :],
        c,
    )


def _icc_variants(profile: bytes, canary: Callable[[], bytes]) -> Iterator[tuple[str, bytes, bytes]]:
    c = canary()
    yield "ICC bytes beyond the profile's declared size", profile + c, c
    for tag in ("desc", "cprt", "dmnd", "dmdd"):
        c = canary()
        args = {"desc": {"description": c.decode()}, "dmnd": {"maker": c.decode()}, "dmdd": {"model": c.decode()}}
        if tag == "cprt":
            yield f"ICC text tag {tag}", _icc_with_tag(icc_with_text(), b"cprt", _text_tag(c)), c
        else:
            yield f"ICC text tag {tag}", icc_with_text(**args[tag]), c  # type: ignore[arg-type]
    c = canary()
    yield "ICC private tag", _icc_with_tag(profile, b"zzzz", b"text\x00\x00\x00\x00" + c + b"\x00"), c
    c = canary()
    yield "ICC bytes between the tag table and the tags", _icc_gap(profile, c), c
    c = canary()
    header = bytearray(profile)
    header[100 : 100 + len(c)] = c  # the header's 28 reserved bytes
    yield "ICC header's reserved bytes", bytes(header), c


def _text_tag(text: bytes) -> bytes:
    return b"text\x00\x00\x00\x00" + text + b"\x00"


def _icc_tags(profile: bytes) -> dict[bytes, bytes]:
    (count,) = struct.unpack_from(">I", profile, 128)
    tags = {}
    for n in range(count):
        tag, offset, size = struct.unpack_from(">4sII", profile, 132 + 12 * n)
        tags[tag] = profile[offset : offset + size]
    return tags


def _icc_build(header: bytes, tags: dict[bytes, bytes], gap: bytes = b"") -> bytes:
    table_end = 132 + 12 * len(tags) + len(gap)
    body, entries = b"", b""
    for tag, element in tags.items():
        entries += struct.pack(">4sII", tag, table_end + len(body), len(element))
        body += element + b"\x00" * (-len(element) % 4)
    profile = bytearray(header[:128] + struct.pack(">I", len(tags)) + entries + gap + body)
    struct.pack_into(">I", profile, 0, len(profile))
    return bytes(profile)


def _icc_with_tag(profile: bytes, tag: bytes, element: bytes) -> bytes:
    tags = _icc_tags(profile)
    tags[tag] = element
    return _icc_build(profile, tags)


def _icc_gap(profile: bytes, gap: bytes) -> bytes:
    return _icc_build(profile, _icc_tags(profile), gap + b"\x00" * (-len(gap) % 4))


def _icc_planted(base: bytes, segment: JpegSegment, label: str, canary: Callable[[], bytes]) -> Iterator[Planted]:
    profile = base[segment.start + 4 + 14 : segment.header_end]
    for where, changed, c in _icc_variants(profile, canary):
        planted = _with_payload(base, segment, b"ICC_PROFILE\x00\x01\x01" + changed)
        yield Planted(f"{label}, {where}", planted, c)


# --- PNG ----------------------------------------------------------------------------------------


def png_chunk(kind: bytes, payload: bytes) -> bytes:
    return struct.pack(">I", len(payload)) + kind + payload + struct.pack(">I", zlib.crc32(kind + payload))


def png_chunks(data: bytes) -> list[tuple[bytes, int, int]]:
    pos, found = 8, []
    while pos < len(data):
        (length,) = struct.unpack_from(">I", data, pos)
        kind = data[pos + 4 : pos + 8]
        found.append((kind, pos, pos + 12 + length))
        pos += 12 + length
        if kind == b"IEND":
            break
    return found


def png_base(mode: str = "RGBA", animated: bool = False, icc: bytes | None = ICC) -> bytes:
    out = io.BytesIO()
    image = noisy((24, 16), mode="RGB" if mode == "P" else mode)
    extra: dict[str, object] = {}
    if mode == "P":
        image = image.quantize(16)
        extra["transparency"] = 3
    if icc:
        extra["icc_profile"] = icc
    if animated:
        extra.update(save_all=True, append_images=[noisy((24, 16), mode=mode, seed=2)], duration=100)
    exif = Image.Exif()
    exif[0x0112] = 8
    image.save(out, "PNG", exif=exif.tobytes(), **extra)
    return out.getvalue()


def png_planted(base: bytes, name: str) -> Iterator[Planted]:
    canary = Canaries(name)
    chunks = png_chunks(base)
    for index, (kind, start, end) in enumerate(chunks):
        label = f"{name}: chunk {index} ({kind.decode()})"
        payload = base[start + 8 : end - 4]
        c = canary()
        open_because = UNUSED_PALETTE if kind == b"tRNS" else ""
        tail = base[:start] + png_chunk(kind, payload + c) + base[end:]
        yield Planted(f"{label}, bytes after its fields", tail, c, open_because)
        if kind != b"IEND":
            c = canary()
            yield Planted(f"{label}, an unknown chunk after it", base[:end] + png_chunk(b"caNy", c) + base[end:], c)
            c = canary()
            yield Planted(
                f"{label}, a tEXt chunk after it", base[:end] + png_chunk(b"tEXt", b"k\x00" + c) + base[end:], c
            )
        if kind == b"IDAT":
            c = canary()
            yield Planted(f"{label}, an IDAT chunk after it", base[:end] + png_chunk(b"IDAT", c) + base[end:], c)
        if kind == b"iCCP":
            keyword, _, rest = payload.partition(b"\x00")
            profile = zlib.decompress(rest[1:])
            for where, changed, c in _icc_variants(profile, canary):
                chunk = png_chunk(b"iCCP", keyword + b"\x00\x00" + zlib.compress(changed))
                yield Planted(f"{label}, {where}", base[:start] + chunk + base[end:], c)
    c = canary()
    yield Planted(f"{name}: after IEND", base + c, c)


# --- WebP ---------------------------------------------------------------------------------------


def riff_chunk(kind: bytes, payload: bytes) -> bytes:
    return kind + struct.pack("<I", len(payload)) + payload + (b"\x00" if len(payload) & 1 else b"")


def riff_chunks(data: bytes, start: int = 12, end: int | None = None) -> list[tuple[bytes, int, int]]:
    end = len(data) if end is None else end
    pos, found = start, []
    while pos + 8 <= end:
        kind, size = struct.unpack_from("<4sI", data, pos)
        found.append((kind, pos, pos + 8 + size + (size & 1)))
        pos += 8 + size + (size & 1)
    return found


def _riff(body: bytes) -> bytes:
    return b"RIFF" + struct.pack("<I", 4 + len(body)) + b"WEBP" + body


def webp_base(kind: str) -> bytes:
    out = io.BytesIO()
    exif = Image.Exif()
    exif[0x0112] = 3
    if kind == "animated":
        frames = [noisy((24, 16), mode="RGBA", seed=n) for n in (1, 2)]
        frames[0].save(
            out, "WEBP", save_all=True, append_images=frames[1:], lossless=True, duration=100, icc_profile=ICC
        )
    else:
        mode = "RGBA" if kind == "lossy-alpha" else "RGB"
        noisy((24, 16), mode=mode).save(out, "WEBP", lossless=kind == "lossless", exif=exif.tobytes(), icc_profile=ICC)
    return out.getvalue()


def _rebuilt(data: bytes, start: int, end: int, replacement: bytes) -> bytes:
    return _riff(data[12:start] + replacement + data[end:])


def webp_planted(base: bytes, name: str) -> Iterator[Planted]:
    canary = Canaries(name)
    for index, (kind, start, end) in enumerate(riff_chunks(base)):
        label = f"{name}: chunk {index} ({kind.decode().strip()})"
        (size,) = struct.unpack_from("<I", base, start + 4)
        payload = base[start + 8 : start + 8 + size]
        c = canary()
        open_because = INSIDE_COMPRESSED_PICTURE if kind in (b"VP8 ", b"VP8L") else ""
        yield Planted(
            f"{label}, bytes after its payload",
            _rebuilt(base, start, end, riff_chunk(kind, payload + c)),
            c,
            open_because,
        )
        c = canary()
        yield Planted(f"{label}, an unknown chunk after it", _rebuilt(base, end, end, riff_chunk(b"CNRY", c)), c)
        if kind == b"ICCP":
            for where, changed, c in _icc_variants(payload, canary):
                yield Planted(f"{label}, {where}", _rebuilt(base, start, end, riff_chunk(b"ICCP", changed)), c)
        if kind == b"ANMF":
            for sub_index, (sub_kind, sub_start, sub_end) in enumerate(riff_chunks(base, start + 24, end)):
                sub_label = f"{label}, frame part {sub_index} ({sub_kind.decode().strip()})"
                (sub_size,) = struct.unpack_from("<I", base, sub_start + 4)
                sub_payload = base[sub_start + 8 : sub_start + 8 + sub_size]
                c = canary()
                frame = base[start + 8 : sub_start] + riff_chunk(sub_kind, sub_payload + c) + base[sub_end:end]
                open_because = INSIDE_COMPRESSED_PICTURE if sub_kind in (b"VP8 ", b"VP8L") else ""
                yield Planted(
                    f"{sub_label}, bytes after its payload",
                    _rebuilt(base, start, end, riff_chunk(b"ANMF", frame)),
                    c,
                    open_because,
                )
                c = canary()
                frame = base[start + 8 : sub_end] + riff_chunk(b"CNRY", c) + base[sub_end:end]
                yield Planted(
                    f"{sub_label}, an unknown chunk after it", _rebuilt(base, start, end, riff_chunk(b"ANMF", frame)), c
                )
            c = canary()
            frame = base[start + 8 : end] + c
            yield Planted(
                f"{label}, bytes after the frame's parts", _rebuilt(base, start, end, riff_chunk(b"ANMF", frame)), c
            )
    c = canary()
    yield Planted(f"{name}: after the RIFF chunk", base + c, c)
    c = canary()
    body = base[12:] + riff_chunk(b"CNRY", c)
    yield Planted(f"{name}: a chunk inside the RIFF size's slack", b"RIFF" + base[4:8] + b"WEBP" + body, c)
