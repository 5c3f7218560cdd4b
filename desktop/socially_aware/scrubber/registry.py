"""Every photo format the cleaner knows, in one explicit tuple (a frozen bundle can see it)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from socially_aware.scrubber import jpeg, png, reencode, webp
from socially_aware.scrubber.model import CleanOptions

_HEIF_BRANDS = {b"heic", b"heix", b"heim", b"heis", b"hevc", b"hevx", b"mif1", b"msf1"}
_AVIF_BRANDS = {b"avif", b"avis"}


@dataclass(frozen=True)
class PhotoFormat:
    name: str
    suffixes: tuple[str, ...]
    sniff: Callable[[bytes], bool]
    clean: Callable[[bytes, CleanOptions], tuple[bytes, list[str]]]
    verify: Callable[[bytes, bytes], None]
    lossless: bool
    """True when the container is edited and the compressed picture is copied unchanged."""
    clean_verified: Callable[[bytes, CleanOptions], tuple[bytes, list[str]]] | None = None
    """`clean` then `verify` in one pass, where a format can do that faster."""

    def clean_and_verify(self, data: bytes, options: CleanOptions) -> tuple[bytes, list[str]]:
        if self.clean_verified is not None:
            return self.clean_verified(data, options)
        cleaned, removed = self.clean(data, options)
        self.verify(data, cleaned)
        return cleaned, removed


def _brand(head: bytes) -> bytes:
    return head[8:12] if head[4:8] == b"ftyp" else b""


def _reencoded(kind: str) -> PhotoFormat:
    return PhotoFormat(
        name=kind,
        suffixes={"HEIF": (".heic", ".heif", ".hif"), "AVIF": (".avif",), "TIFF": (".tif", ".tiff"), "GIF": (".gif",)}[kind],
        sniff={
            "HEIF": lambda h: _brand(h) in _HEIF_BRANDS,
            "AVIF": lambda h: _brand(h) in _AVIF_BRANDS,
            "TIFF": lambda h: h[:4] in (b"II*\x00", b"MM\x00*"),
            "GIF": lambda h: h[:6] in (b"GIF87a", b"GIF89a"),
        }[kind],
        clean=lambda data, options: reencode.clean(data, kind, options),
        verify=lambda _original, cleaned: reencode.verify(cleaned),
        lossless=False,
    )


FORMATS: tuple[PhotoFormat, ...] = (
    PhotoFormat("JPEG", (".jpg", ".jpeg", ".jpe", ".jfif", ".mpo"), lambda h: h[:3] == b"\xff\xd8\xff",
                jpeg.clean, jpeg.verify, True, jpeg.clean_verified),
    PhotoFormat("PNG", (".png", ".apng"), lambda h: h[:8] == png.SIGNATURE, png.clean, png.verify, True),
    PhotoFormat("WebP", (".webp",), lambda h: h[:4] == b"RIFF" and h[8:12] == b"WEBP", webp.clean, webp.verify, True),
    _reencoded("HEIF"),
    _reencoded("AVIF"),
    _reencoded("TIFF"),
    _reencoded("GIF"),
)

SUPPORTED_SUFFIXES: frozenset[str] = frozenset(s for f in FORMATS for s in f.suffixes)


def sniff(head: bytes) -> PhotoFormat | None:
    """The format by its first bytes, never by the file's name."""
    return next((f for f in FORMATS if f.sniff(head)), None)
