"""HEIF/HEIC and AVIF: the container is edited; the coded picture is copied unchanged."""

from __future__ import annotations

import io
from typing import TYPE_CHECKING

from socially_aware.scrubber.model import CleanOptions, FileFormat

if TYPE_CHECKING:
    from PIL import Image

HEIF_BRANDS = frozenset({b"heic", b"heix", b"heim", b"heis", b"hevc", b"hevx", b"mif1", b"msf1", b"mif2"})
AVIF_BRANDS = frozenset({b"avif", b"avis"})


def _major_brand(head: bytes) -> bytes:
    return head[8:12] if head[4:8] == b"ftyp" else b""


def _is_avif(head: bytes) -> bool:
    brand = _major_brand(head)
    return brand in AVIF_BRANDS or (brand in (b"mif1", b"msf1", b"mif2") and b"avif" in head[16:32])


def _is_heif(head: bytes) -> bool:
    return _major_brand(head) in HEIF_BRANDS and not _is_avif(head)


def _reencode_writer(kind: str):  # type: ignore[no-untyped-def]
    def write(image: Image.Image, out: io.BytesIO, options: CleanOptions) -> None:
        from socially_aware.scrubber.reencode import upright_copy

        fresh, params = upright_copy(image, options)
        fresh.save(out, kind, quality=95, **params)

    return write


def reencode_heif(data: bytes, options: CleanOptions) -> tuple[bytes, list[str]]:
    from socially_aware.scrubber import reencode

    cleaned, removed = reencode.clean(data, options, _reencode_writer("HEIF"))
    reencode.verify(cleaned)
    return cleaned, removed


def reencode_avif(data: bytes, options: CleanOptions) -> tuple[bytes, list[str]]:
    from socially_aware.scrubber import reencode

    cleaned, removed = reencode.clean(data, options, _reencode_writer("AVIF"))
    reencode.verify(cleaned)
    return cleaned, removed


def verify_reencoded(_original: bytes, cleaned: bytes) -> None:
    from socially_aware.scrubber import reencode

    reencode.verify(cleaned)


_ALLOWLIST = frozenset({"QuickTime", "Meta", "ICC*"})

HEIF = FileFormat(
    name="HEIF", suffixes=(".heic", ".heif", ".hif"), mime="image/heic", magic=_is_heif, lossless=False,
    allowlist=_ALLOWLIST, clean=reencode_heif, verify=verify_reencoded,
)
AVIF = FileFormat(
    name="AVIF", suffixes=(".avif",), mime="image/avif", magic=_is_avif, lossless=False,
    allowlist=_ALLOWLIST, clean=reencode_avif, verify=verify_reencoded,
)
